//! Recording a return a provider sent: the fields of its kind.

use super::{Choice, Field, Form, Values, record_form};
use crate::domain::Invalid;
use crate::domain::returns::{Period, ProviderReturn, ReturnKind, SELF_GRADES, SelfGrades, graded_standards};
use crate::store::Stored;
use chrono::NaiveDate;

/// What a new return is for: its kind, provider, setting and period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owed {
    pub kind: ReturnKind,
    pub provider_id: i64,
    pub setting_id: Option<i64>,
    pub period: Period,
}

/// Records the return `owed` (a new one), or edits `existing`; `whose`
/// names the provider or setting for the title.
pub fn form(owed: Owed, existing: Option<&Stored<ProviderReturn>>, whose: &str, today: NaiveDate) -> Form {
    let r = existing.map(|s| &s.value);
    let text = |f: fn(&ProviderReturn) -> &String| r.map_or(String::new(), |r| f(r).clone());
    let count = |f: fn(&ProviderReturn) -> Option<u32>| r.and_then(f);
    let mut fields = vec![
        Field::date("received", "Received on", Some(r.map_or(today, |r| r.received)))
            .required()
            .hint("the day it reached us"),
    ];
    match owed.kind {
        ReturnKind::SelfAssessment => {
            let grades: Vec<Choice> = std::iter::once(Choice::new("", "not graded"))
                .chain(SELF_GRADES.iter().map(|g| Choice::new(g.code(), g.label())))
                .collect();
            for standard in graded_standards() {
                let given = r.and_then(|r| r.grades.of(standard)).map_or("", |g| g.code());
                fields.push(
                    Field::choice(standard.code(), standard.label(), grades.clone(), given)
                        .hint("the grade the provider gives itself"),
                );
            }
            fields.extend([
                Field::text("strengths", "Strengths", &text(|r| &r.strengths), 4000),
                Field::text("improvements", "To improve", &text(|r| &r.improvements), 4000),
                Field::text("response", "Our response", &text(|r| &r.response), 4000)
                    .hint("what the commissioner makes of it, and asks for"),
            ]);
        }
        ReturnKind::Supported => fields.extend([
            Field::count("places", "Places", count(|r| r.places), 10_000),
            Field::count("occupied", "Occupied", count(|r| r.occupied), 10_000)
                .hint("places filled at the quarter's end"),
            Field::count("issues", "Safeguarding issues", count(|r| r.safeguarding_issues), 10_000)
                .hint("how many, in the quarter"),
            Field::text("safeguarding", "What they were", &text(|r| &r.safeguarding), 4000),
            Field::text("interagency", "Interagency work", &text(|r| &r.interagency), 4000),
            Field::text("feedback", "Feedback", &text(|r| &r.feedback), 4000).hint("from stakeholders and residents"),
        ]),
        ReturnKind::Fostering => fields.extend([
            Field::count("breakdowns", "Breakdowns", count(|r| r.breakdowns), 10_000)
                .hint("placements that ended unplanned"),
            Field::count("disruptions", "Disruptions", count(|r| r.disruptions), 10_000),
            Field::text("outcomes", "Outcomes", &text(|r| &r.outcomes), 4000),
            Field::text("contract issues", "Contract issues", &text(|r| &r.contract_issues), 4000),
            Field::text("market gaps", "Market gaps", &text(|r| &r.market_gaps), 4000)
                .hint("placements we need that the agency cannot offer"),
        ]),
    }
    let build = move |v: &Values| -> Result<ProviderReturn, Invalid> {
        let mut r = ProviderReturn::new(owed.kind, owed.provider_id, owed.setting_id, owed.period, v.date("received")?);
        match owed.kind {
            ReturnKind::SelfAssessment => {
                r.grades = SelfGrades(graded_standards().filter_map(|s| v.code(s.code()).map(|g| (s, g))).collect());
                (r.strengths, r.improvements, r.response) =
                    (v.text("strengths"), v.text("improvements"), v.text("response"));
            }
            ReturnKind::Supported => {
                (r.places, r.occupied, r.safeguarding_issues) =
                    (v.count("places")?, v.count("occupied")?, v.count("issues")?);
                (r.safeguarding, r.interagency, r.feedback) =
                    (v.text("safeguarding"), v.text("interagency"), v.text("feedback"));
            }
            ReturnKind::Fostering => {
                (r.breakdowns, r.disruptions) = (v.count("breakdowns")?, v.count("disruptions")?);
                (r.outcomes, r.contract_issues, r.market_gaps) =
                    (v.text("outcomes"), v.text("contract issues"), v.text("market gaps"));
            }
        }
        Ok(r)
    };
    let mut form = record_form(fields, existing, build, today);
    let verb = if existing.is_some() { "Edit" } else { "Record" };
    form.title = format!("{verb} {} · {} · {whose}", owed.kind.short(), owed.period.label());
    form
}
