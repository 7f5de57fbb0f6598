//! The evidence behind each provider's quality score, read as of a day, and
//! the score from it (domain/score.rs).

use super::{Store, StoreError, monitoring};
use crate::domain::date::add_days;
use crate::domain::policy::Policy;
use crate::domain::rating::Judgement;
use crate::domain::reg44::MonthState;
use crate::domain::returns;
use crate::domain::score::{self, Evidence, Score};
use crate::domain::visit::VisitOutcome;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One provider's score, with the evidence it rests on.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ProviderScore {
    pub provider_id: i64,
    pub provider: String,
    #[serde(flatten)]
    pub score: Score,
    #[serde(skip)]
    pub evidence: Evidence,
}

/// Each setting's latest judgement known by `?1` and the one before it.
const LATEST_TWO: &str = "
WITH seq AS (
    SELECT setting_id, overall,
           ROW_NUMBER() OVER (PARTITION BY setting_id ORDER BY inspection_date DESC, id DESC) AS n
    FROM inspections WHERE overall IS NOT NULL AND COALESCE(recorded_on, inspection_date) <= ?1)
SELECT s.provider_id, a.overall, b.overall
FROM seq a JOIN seq b ON b.setting_id = a.setting_id AND b.n = 2 JOIN settings s ON s.id = a.setting_id
WHERE a.n = 1 AND (s.archived_on IS NULL OR s.archived_on > ?1)";

/// Per provider: serious findings and reports received in the year to `?1`.
const FINDINGS: &str = "
SELECT s.provider_id, COUNT(DISTINCT r.id),
       (SELECT COUNT(*) FROM reg44_findings f JOIN reg44_reports r2 ON r2.id = f.report_id JOIN settings s2 ON s2.id = r2.setting_id
        WHERE s2.provider_id = s.provider_id AND f.severity = 'serious' AND r2.received_on > date(?1, '-1 year') AND r2.received_on <= ?1)
FROM reg44_reports r JOIN settings s ON s.id = r.setting_id
WHERE r.received_on > date(?1, '-1 year') AND r.received_on <= ?1
GROUP BY s.provider_id";

/// Per provider: each monitoring visit's outcome in the year to `?1`, and its day.
const VISITS: &str = "
SELECT s.provider_id, v.outcome, v.completed_date FROM visits v JOIN settings s ON s.id = v.setting_id
WHERE v.kind IN ('monitoring', 'unannounced', 'cluster') AND v.completed_date > date(?1, '-1 year') AND v.completed_date <= ?1";

/// Per provider: plan actions due in the two years to `?1`, and those done by their day.
const ACTIONS: &str = "
SELECT p.provider_id, COUNT(*), SUM(a.completed_on IS NOT NULL AND a.completed_on <= a.due_on)
FROM plan_actions a JOIN plans p ON p.id = a.plan_id
WHERE a.due_on > date(?1, '-2 years') AND a.due_on < ?1 AND p.requested_on <= ?1
GROUP BY p.provider_id";

/// Per provider: stops in force on `?1`, stops ended in the two years to it,
/// Serious Provider Concerns open, and other concerns open.
const STOPS_AND_CONCERNS: &str = "
SELECT p.id,
       (SELECT COUNT(*) FROM stops t WHERE t.provider_id = p.id AND t.issued_on <= ?1 AND (t.ended_on IS NULL OR t.ended_on > ?1)),
       (SELECT COUNT(*) FROM stops t WHERE t.provider_id = p.id AND t.ended_on > date(?1, '-2 years') AND t.ended_on <= ?1),
       (SELECT COUNT(*) FROM concerns c WHERE c.provider_id = p.id AND c.escalated_on <= ?1 AND (c.closed_on IS NULL OR c.closed_on > ?1)),
       (SELECT COUNT(*) FROM concerns c WHERE c.provider_id = p.id AND c.raised_on <= ?1 AND (c.closed_on IS NULL OR c.closed_on > ?1)
            AND (c.escalated_on IS NULL OR c.escalated_on > ?1))
FROM providers p";

/// Concerns open on `?1` and not escalated: provider, and setting if about one.
const OPEN_CONCERNS: &str = "
SELECT provider_id, setting_id FROM concerns
WHERE raised_on <= ?1 AND (closed_on IS NULL OR closed_on > ?1) AND (escalated_on IS NULL OR escalated_on > ?1)";

impl Store {
    /// Every provider's quality score as of `today`, best first (those with
    /// no score last).
    pub fn scores(&self, policy: &Policy, today: NaiveDate) -> Result<Vec<ProviderScore>, StoreError> {
        let mut evidence: BTreeMap<i64, Evidence> = BTreeMap::new();
        let mut names: BTreeMap<i64, String> = BTreeMap::new();
        let rows = monitoring::shared(self, policy, today)?;
        let open = |r: &&std::sync::Arc<monitoring::MonitoringRow>| {
            r.summary.setting.value.archived_on.is_none_or(|d| d > today)
        };
        for r in rows.iter().filter(open) {
            let provider = r.summary.setting.value.provider_id;
            names.entry(provider).or_insert_with(|| r.summary.provider_name.clone());
            let e = evidence.entry(provider).or_default();
            if let (Some(j), Some(on)) = (r.summary.judgement, r.summary.judged_on) {
                e.judgements.push((j, on));
            }
            if let Some(c) = r.reg44.as_ref().filter(|_| r.is_monitored()).and_then(|h| h.compliance) {
                e.compliance.push(c);
            }
        }
        let mut stmt = self.conn.prepare_cached(LATEST_TWO)?;
        for row in stmt
            .query_map([today], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Judgement>(1)?, r.get::<_, Judgement>(2)?)))?
        {
            let (provider, latest, before) = row?;
            let e = evidence.entry(provider).or_default();
            e.compared += 1;
            if before.is_worse_than(latest) {
                e.improved += 1;
            } else if latest.is_worse_than(before) {
                e.declined += 1;
            }
        }
        let mut stmt = self.conn.prepare_cached(FINDINGS)?;
        for row in stmt.query_map([today], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?, r.get::<_, u32>(2)?)))? {
            let (provider, reports, serious) = row?;
            let e = evidence.entry(provider).or_default();
            (e.reports, e.serious_findings) = (reports, serious);
        }
        let mut stmt = self.conn.prepare_cached(VISITS)?;
        for row in stmt.query_map([today], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<VisitOutcome>>(1)?, r.get::<_, NaiveDate>(2)?))
        })? {
            let (provider, outcome, on) = row?;
            let e = evidence.entry(provider).or_default();
            e.visits.extend(outcome);
            e.last_visit = e.last_visit.max(Some(on));
        }
        let mut stmt = self.conn.prepare_cached(ACTIONS)?;
        for row in stmt.query_map([today], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?, r.get::<_, u32>(2)?)))? {
            let (provider, due, on_time) = row?;
            let e = evidence.entry(provider).or_default();
            (e.actions_due, e.actions_on_time) = (due, on_time);
        }
        let mut stmt = self.conn.prepare_cached(STOPS_AND_CONCERNS)?;
        for row in stmt.query_map([today], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, u32>(4)?,
            ))
        })? {
            let (provider, in_force, ended, escalated, open) = row?;
            if let Some(e) = evidence.get_mut(&provider) {
                (e.stops_in_force, e.stops_ended, e.concerns_escalated, e.concerns_open) =
                    (in_force, ended, escalated, open);
            }
        }
        // Returns due by today over the last year.
        let year_ago = add_days(today, -365);
        let shown = returns::shown(today, crate::store::returns::SHOWN);
        for r in self.returns_due(policy, today, &shown)? {
            if r.due.due >= today || r.due.due < year_ago {
                continue;
            }
            let e = evidence.entry(r.due.provider_id).or_default();
            e.returns_due += 1;
            e.returns_on_time += u32::from(r.due.state == MonthState::Received);
        }
        // Practitioner ratings in the last four quarters.
        let quarters = returns::quarters(today, 4);
        let mut ratings: BTreeMap<i64, (f64, u32)> = BTreeMap::new();
        for f in self.all::<crate::domain::feedback::Feedback>()? {
            if quarters.contains(&f.value.quarter) && f.value.given_on <= today {
                let overall = f.value.overall();
                let entry = ratings.entry(f.value.provider_id).or_default();
                (entry.0, entry.1) = (entry.0 + overall, entry.1 + 1);
            }
        }
        for (provider, (sum, n)) in ratings {
            evidence.entry(provider).or_default().feedback = Some((sum / f64::from(n), n));
        }
        let mut out: Vec<ProviderScore> = evidence
            .into_iter()
            .filter_map(|(provider_id, evidence)| {
                let provider = names.get(&provider_id)?.clone();
                Some(ProviderScore { provider_id, provider, score: score::score(&evidence, &policy.score), evidence })
            })
            .collect();
        out.sort_by(|a, b| {
            let key = |s: &ProviderScore| s.score.score.map_or(f64::MIN, |v| v);
            key(b).total_cmp(&key(a)).then_with(|| a.provider.cmp(&b.provider))
        });
        Ok(out)
    }
}

impl Store {
    /// The shortlist for `need` as of `today` (domain/shortlist.rs): every
    /// open setting of the kind, with its provider's score, price and flags.
    pub fn shortlist(
        &self,
        policy: &Policy,
        today: NaiveDate,
        need: &crate::domain::shortlist::Need,
        all: bool,
    ) -> Result<Vec<crate::domain::shortlist::Entry>, StoreError> {
        use crate::domain::schedule::Scope;
        use crate::domain::shortlist::{Candidate, shortlist};
        let scores: BTreeMap<i64, ProviderScore> =
            self.scores(policy, today)?.into_iter().map(|s| (s.provider_id, s)).collect();
        let rows = monitoring::shared(self, policy, today)?;
        // Concerns open and not escalated, about a provider as a whole or one setting.
        let mut stmt = self.conn.prepare_cached(OPEN_CONCERNS)?;
        let open: std::collections::HashSet<(i64, Option<i64>)> =
            stmt.query_map([today], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let candidates = rows
            .iter()
            .filter(|r| r.summary.setting.value.archived_on.is_none() && r.summary.setting.value.closed_on.is_none())
            .filter(|r| r.summary.setting.value.kind == need.kind)
            .map(|r| {
                let s = &r.summary.setting.value;
                let provider = scores.get(&s.provider_id);
                let children = r.summary.children;
                Candidate {
                    setting_id: r.summary.setting.id,
                    setting: s.name.clone(),
                    provider: r.summary.provider_name.clone(),
                    kind: s.kind,
                    judgement: r.summary.judgement,
                    score: provider.and_then(|p| p.score.score),
                    coverage: provider.map_or(0, |p| p.score.coverage()),
                    in_area: s.in_area,
                    miles: s.distance_miles,
                    places: s.places,
                    placed: children,
                    weekly: (children > 0)
                        .then(|| crate::domain::money::Pence(r.summary.weekly_spend.0 / i64::from(children))),
                    under_stop: r.scope.contains(&Scope::UnderStop),
                    serious_concern: r.scope.contains(&Scope::UnderConcern),
                    concern_open: open.contains(&(s.provider_id, None))
                        || open.contains(&(s.provider_id, Some(r.summary.setting.id))),
                }
            })
            .collect();
        Ok(shortlist(candidates, need, all))
    }
}
