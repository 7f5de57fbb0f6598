//! What an Ofsted import did, or would do, for the command's JSON and for a
//! person to read.

use crate::domain::rating::Judgement;
use crate::import::Problem;
use chrono::NaiveDate;
use serde::Serialize;

/// A judgement the import found changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JudgementChange {
    pub urn: String,
    pub setting: String,
    pub from: Judgement,
    pub to: Judgement,
    pub inspected: NaiveDate,
    pub urgent: bool,
    /// The fall opened a decommissioning review.
    pub review_opened: bool,
}

/// A setting the council holds that the file does not list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    pub urn: String,
    pub setting: String,
}

/// The keys are the command's JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub rows: usize,
    /// The day the file describes…
    pub as_at: Option<NaiveDate>,
    /// …as its title says (else the latest date in it).
    pub as_at_titled: bool,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Settings whose details came from a newer file: kept, history only.
    pub older_than_held: usize,
    /// Inspections not recorded before, judged or not.
    pub inspections_recorded: usize,
    /// Of those, the ones now their setting's latest judgement…
    pub latest_judgements: usize,
    /// …of which the setting's first…
    pub first_judgements: usize,
    /// …and the ones older than a judgement already held: history.
    pub history_added: usize,
    pub rejected: Vec<Problem>,
    pub judgement_changes: Vec<JudgementChange>,
    pub downgrades: usize,
    pub upgrades: usize,
    pub new_inadequate: usize,
    /// Decommissioning reviews opened by falls below Good where children are placed.
    pub decommissioning_opened: usize,
    pub missing_from_file: Vec<Missing>,
}

/// How many changes the text lists besides the urgent ones, all listed.
const CHANGES_LISTED: usize = 20;

/// `1,234`.
fn n(count: usize) -> String {
    crate::domain::money::group_thousands(count as i64)
}

/// "1 setting", "2 settings".
fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{} {}", n(count), if count == 1 { one } else { many })
}

impl Summary {
    /// The summary of a file refused for its problems.
    pub fn refused(problems: Vec<Problem>) -> Summary {
        Summary { rejected: problems, ..Summary::default() }
    }

    /// A few lines for a person.
    pub fn text(&self, dry_run: bool) -> String {
        if !self.rejected.is_empty() {
            return crate::import::refusal(&self.rejected);
        }
        let mut out = String::new();
        let (create, update, record) = match dry_run {
            true => ("would create", "would update", "would be recorded"),
            false => ("created", "updated", "recorded"),
        };
        let as_at = match (self.as_at, self.as_at_titled) {
            (Some(d), true) => format!(" as at {}", d.format("%-d %B %Y")),
            (Some(d), false) => format!(" with dates up to {} (its title gives no date)", d.format("%-d %B %Y")),
            (None, _) => String::new(),
        };
        out.push_str(&format!(
            "{}{as_at}: {create} {}, {update} {}, {} unchanged\n",
            plural(self.rows, "row", "rows"),
            plural(self.created, "setting", "settings"),
            n(self.updated),
            n(self.unchanged),
        ));
        out.push_str(&format!(
            "{} {record}: {} now the latest judgement ({} first), {} added to history\n",
            plural(self.inspections_recorded, "inspection", "inspections"),
            n(self.latest_judgements),
            n(self.first_judgements),
            n(self.history_added),
        ));
        if self.older_than_held > 0 {
            out.push_str(&format!(
                "This file is older than the one {} came from: their details are kept, \
                 its inspections only added to their history, and no alert raised.\n",
                plural(self.older_than_held, "setting's details", "settings' details"),
            ));
        }
        out.push_str(&format!(
            "{}: {} down ({} to Inadequate), {} up\n",
            plural(self.judgement_changes.len(), "judgement change", "judgement changes"),
            n(self.downgrades),
            n(self.new_inadequate),
            n(self.upgrades)
        ));
        let urgent = self.judgement_changes.iter().filter(|c| c.urgent);
        let others = self.judgement_changes.iter().filter(|c| !c.urgent).take(CHANGES_LISTED);
        for c in urgent.chain(others) {
            let urgent = match (c.urgent, c.review_opened) {
                (true, true) if dry_run => "  URGENT: children placed; a decommissioning review would open",
                (true, true) => "  URGENT: children placed; decommissioning review opened",
                (true, false) => "  URGENT: children placed",
                _ => "",
            };
            // A withheld name already carries the URN.
            let urn = if c.setting.contains(&c.urn) { String::new() } else { format!(" ({})", c.urn) };
            out.push_str(&format!(
                "  {}{urn}: {} → {} (inspected {}){urgent}\n",
                c.setting,
                c.from.label(),
                c.to.label(),
                c.inspected
            ));
        }
        if self.decommissioning_opened > 0 {
            out.push_str(&format!(
                "{} {}: see the setting's screen, and the board pack\n",
                plural(self.decommissioning_opened, "decommissioning review", "decommissioning reviews"),
                if dry_run { "would open" } else { "opened" },
            ));
        }
        let unlisted = self.judgement_changes.iter().filter(|c| !c.urgent).count().saturating_sub(CHANGES_LISTED);
        if unlisted > 0 {
            out.push_str(&format!("  and {} more (--format json lists them all; so do the alerts)\n", n(unlisted)));
        }
        if !self.missing_from_file.is_empty() {
            let shown: Vec<String> =
                self.missing_from_file.iter().take(10).map(|m| format!("{} ({})", m.setting, m.urn)).collect();
            let more = self.missing_from_file.len().saturating_sub(shown.len());
            let more = match more {
                0 => String::new(),
                more => format!(" and {} more (--format json lists them all)", n(more)),
            };
            out.push_str(&format!(
                "{} we hold {} not in the file (closed?): {}{more}\n",
                plural(self.missing_from_file.len(), "setting", "settings"),
                if self.missing_from_file.len() == 1 { "is" } else { "are" },
                shown.join(", ")
            ));
        }
        if self.created + self.updated == 0 && !dry_run {
            out.push_str("Nothing changed: the database already holds everything in this file.\n");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_a_person_writes_them() {
        assert_eq!(
            (n(0), n(999), n(1000), n(3546), n(1234567)),
            ("0".into(), "999".into(), "1,000".into(), "3,546".into(), "1,234,567".into())
        );
        assert_eq!(plural(1, "row", "rows"), "1 row");
        assert_eq!(plural(2, "row", "rows"), "2 rows");
    }

    #[test]
    fn a_long_list_of_changes_shows_the_urgent_ones_and_a_few_more() {
        let change = |n: usize, urgent| JudgementChange {
            urn: format!("SC{n:06}"),
            setting: format!("Home {n}"),
            from: Judgement::Good,
            to: Judgement::Inadequate,
            inspected: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            urgent,
            review_opened: false,
        };
        let changes: Vec<_> = (0..30).map(|i| change(i, i == 29)).collect();
        let s = Summary { rows: 30, updated: 30, judgement_changes: changes, downgrades: 30, ..Summary::default() };
        let text = s.text(false);
        assert!(text.contains("Home 29 (SC000029): Good → Inadequate (inspected 2026-01-01)  URGENT"), "{text}");
        assert_eq!(text.matches(" → ").count(), 21, "{text}");
        assert!(text.contains("and 9 more"), "{text}");
    }
}
