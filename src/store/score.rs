//! The evidence behind each provider's quality score, read as of a day, and
//! the score from it (domain/score.rs).

use super::monitoring::{self, Draft, REG44_MONTHS};
use super::record::list;
use super::returns as returns_store;
use super::settings::{SettingSummary, Which};
use super::{Store, StoreError};
use crate::domain::date::add_days;
use crate::domain::facts::{Facts, Judged, ScoreFall};
use crate::domain::feedback::Feedback;
use crate::domain::policy::Policy;
use crate::domain::reg44::compliance_on;
use crate::domain::returns::{self, Due, Quarter, ReturnKind};
use crate::domain::score::{self, Evidence, Score};
use crate::domain::setting::SettingKind;
use crate::domain::visit::VisitOutcome;
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use std::collections::{BTreeMap, HashMap};

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

/// Per setting: each monitoring visit's outcome and day, in the year to `?1`
/// and on to `?3` (the first and last of the days read).
const VISITS: &str = "
SELECT s.provider_id, v.setting_id, v.outcome, v.completed_date FROM visits v JOIN settings s ON s.id = v.setting_id
WHERE v.kind IN ('monitoring', 'unannounced', 'cluster') AND v.completed_date > date(?1, '-1 year')
  AND v.completed_date <= ?3 AND {which}";

/// Per plan's setting (none: the provider's whole plan), for each day read
/// (`{days}`: its columns): actions due in the two years to it, and those
/// done by their day. A group's plans are the group's, not its addressee's.
const ACTIONS: &str = "
SELECT p.provider_id, p.setting_id{days}
FROM plan_actions a JOIN plans p ON p.id = a.plan_id
WHERE a.due_on > date(?1, '-2 years') AND a.due_on < ?3 AND p.source <> 'group' AND {which}
GROUP BY p.provider_id, p.setting_id";

/// The columns of [`ACTIONS`] for the day in parameter `?n`.
fn action_columns(n: usize) -> String {
    let due = format!("a.due_on > date(?{n}, '-2 years') AND a.due_on < ?{n} AND p.requested_on <= ?{n}");
    format!(", SUM({due}), SUM({due} AND a.completed_on IS NOT NULL AND a.completed_on <= a.due_on)")
}

/// Per setting (none: the provider as a whole): stops in force on `?1`,
/// stops ended in the two years to it, Serious Provider Concerns open, and
/// other concerns open.
const STOPS_AND_CONCERNS: &str = "
SELECT provider_id, setting_id,
       COUNT(CASE WHEN issued_on <= ?1 AND (ended_on IS NULL OR ended_on > ?1) THEN 1 END),
       COUNT(CASE WHEN ended_on > date(?1, '-2 years') AND ended_on <= ?1 THEN 1 END), 0, 0
FROM stops WHERE {which} GROUP BY provider_id, setting_id
UNION ALL
SELECT provider_id, setting_id, 0, 0,
       COUNT(CASE WHEN escalated_on <= ?1 AND (closed_on IS NULL OR closed_on > ?1) THEN 1 END),
       COUNT(CASE WHEN raised_on <= ?1 AND (closed_on IS NULL OR closed_on > ?1)
                   AND (escalated_on IS NULL OR escalated_on > ?1) THEN 1 END)
FROM concerns WHERE {which} GROUP BY provider_id, setting_id";

/// Concerns open on `?1` and not escalated: provider, and setting if about one.
const OPEN_CONCERNS: &str = "
SELECT provider_id, setting_id FROM concerns
WHERE raised_on <= ?1 AND (closed_on IS NULL OR closed_on > ?1) AND (escalated_on IS NULL OR escalated_on > ?1)";

/// The evidence by provider and setting; `None` for what is about the
/// provider as a whole (practitioners' ratings, stops, concerns and plans
/// not about one setting); and the provider's quarterly returns by kind:
/// due, and on time.
#[derive(Default)]
pub(super) struct Evidences {
    by: BTreeMap<(i64, Option<i64>), Evidence>,
    returns: BTreeMap<(i64, ReturnKind), (u32, u32)>,
}

impl Evidences {
    fn at(&mut self, provider: i64, setting: Option<i64>) -> &mut Evidence {
        self.by.entry((provider, setting)).or_default()
    }

    /// A provider's evidence: its settings', its own as a whole, and all its returns.
    fn of_provider(&self, provider: i64) -> Evidence {
        let mut e = Evidence::default();
        self.by.range((provider, None)..=(provider, Some(i64::MAX))).for_each(|(_, one)| e.add(one));
        self.add_returns(&mut e, provider, |_| true);
        e
    }

    /// A setting's evidence: its own, its provider's as a whole, and its
    /// provider's returns of the kinds its kind owes.
    fn of_setting(&self, provider: i64, setting: i64, kind: SettingKind) -> Evidence {
        let mut e = self.by.get(&(provider, Some(setting))).cloned().unwrap_or_default();
        if let Some(whole) = self.by.get(&(provider, None)) {
            e.add(whole);
        }
        self.add_returns(&mut e, provider, |k| k.owed_by(kind));
        e
    }

    fn add_returns(&self, e: &mut Evidence, provider: i64, kinds: impl Fn(ReturnKind) -> bool) {
        let range = self.returns.range((provider, ReturnKind::SelfAssessment)..=(provider, ReturnKind::Fostering));
        for (_, (due, on_time)) in range.filter(|((_, k), _)| kinds(*k)) {
            e.returns_due += due;
            e.returns_on_time += on_time;
        }
    }
}

/// The evidence as of `day`, read with `which` (all, or one provider's):
/// from the `settings`' facts (judgements and their trend, a monitored
/// home's Reg 44 reports), the returns `dues`, and the records of visits,
/// plans, stops, concerns and practitioners' ratings.
pub(super) fn evidence(
    conn: &Connection,
    settings: &[(&SettingSummary, &Facts)],
    dues: &[Due],
    policy: &Policy,
    day: NaiveDate,
    which: Which,
) -> Result<Evidences, StoreError> {
    let mut one = evidences(conn, settings, dues, policy, &[day], which)?;
    Ok(one.pop().unwrap_or_default())
}

/// The evidence as of each of `days` (earliest first), as [`evidence`]
/// gives it day by day, with the visits and plan actions read once for all.
fn evidences(
    conn: &Connection,
    settings: &[(&SettingSummary, &Facts)],
    dues: &[Due],
    policy: &Policy,
    days: &[NaiveDate],
    which: Which,
) -> Result<Vec<Evidences>, StoreError> {
    let (Some(first), Some(last)) = (days.first(), days.last()) else { return Ok(Vec::new()) };
    let mut out = Vec::with_capacity(days.len());
    for day in days {
        out.push(evidence_of_facts(conn, settings, dues, policy, *day, which)?);
    }
    let sql = |text: &str, setting: &str, provider: &str| {
        text.replace("{which}", &which.condition(setting, provider, 2))
            .replace("{days}", &(0..days.len()).map(|i| action_columns(i + 4)).collect::<String>())
    };
    // ?1 the first day, ?2 which, ?3 the last day, ?4… each day.
    let id = which.id();
    let mut params: Vec<&dyn rusqlite::ToSql> = vec![first, &id, last];
    // The day a year before each, as SQLite counts a year.
    let year_before: Vec<NaiveDate> = days
        .iter()
        .map(|d| conn.query_row("SELECT date(?1, '-1 year')", [d], |r| r.get(0)))
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(&sql(VISITS, "s.id", "s.provider_id"))?;
    for row in stmt.query_map(&params[..], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get::<_, Option<VisitOutcome>>(2)?, r.get::<_, NaiveDate>(3)?))
    })? {
        let (provider, setting, outcome, on) = row?;
        for ((all, day), after) in out.iter_mut().zip(days).zip(&year_before) {
            if on > *after && on <= *day {
                let e = all.at(provider, Some(setting));
                e.visits.extend(outcome);
                e.last_visit = e.last_visit.max(Some(on));
            }
        }
    }
    params.extend(days.iter().map(|d| d as &dyn rusqlite::ToSql));
    let mut stmt = conn.prepare_cached(&sql(ACTIONS, "p.setting_id", "p.provider_id"))?;
    let mut rows = stmt.query(&params[..])?;
    while let Some(r) = rows.next()? {
        let (provider, setting): (i64, Option<i64>) = (r.get(0)?, r.get(1)?);
        for (i, all) in out.iter_mut().enumerate() {
            let (due, on_time) = (r.get::<_, Option<u32>>(2 + 2 * i)?, r.get::<_, Option<u32>>(3 + 2 * i)?);
            if let Some(due) = due.filter(|n| *n > 0) {
                let e = all.at(provider, setting);
                (e.actions_due, e.actions_on_time) = (e.actions_due + due, e.actions_on_time + on_time.unwrap_or(0));
            }
        }
    }
    Ok(out)
}

/// The evidence as of `day` but that of visits and plan actions.
fn evidence_of_facts(
    conn: &Connection,
    settings: &[(&SettingSummary, &Facts)],
    dues: &[Due],
    policy: &Policy,
    day: NaiveDate,
    which: Which,
) -> Result<Evidences, StoreError> {
    let mut all = Evidences::default();
    for (summary, facts) in settings {
        let e = all.at(summary.setting.value.provider_id, Some(summary.setting.id));
        let mut known: Vec<&Judged> = facts.judgements.iter().filter(|j| j.learned <= day).collect();
        known.sort_by_key(|j| std::cmp::Reverse(j.inspected));
        if let Some(latest) = known.first() {
            e.judgements.push((latest.judgement, latest.inspected));
        }
        if let [latest, before, ..] = known[..] {
            e.compared += 1;
            e.improved += u32::from(before.judgement.is_worse_than(latest.judgement));
            e.declined += u32::from(latest.judgement.is_worse_than(before.judgement));
        }
        let due_day = policy.reg44.due_day;
        if let Some(c) =
            facts.reg44.as_ref().and_then(|h| compliance_on(&h.reports, h.open, due_day, day, REG44_MONTHS))
        {
            e.compliance.push(c);
        }
    }
    // Returns due before `day` over the year to it: on time if received by their due day.
    let year_ago = add_days(day, -365);
    for d in dues.iter().filter(|d| d.due < day && d.due >= year_ago) {
        let on_time = u32::from(d.received_on.is_some_and(|on| on <= d.due));
        match d.setting_id {
            Some(_) => {
                let e = all.at(d.provider_id, d.setting_id);
                (e.returns_due, e.returns_on_time) = (e.returns_due + 1, e.returns_on_time + on_time);
            }
            None => {
                let e = all.returns.entry((d.provider_id, d.kind)).or_default();
                (e.0, e.1) = (e.0 + 1, e.1 + on_time);
            }
        }
    }
    let sql =
        |text: &str, setting: &str, provider: &str| text.replace("{which}", &which.condition(setting, provider, 2));
    let params = params![day, which.id()];
    let mut stmt = conn.prepare_cached(&sql(STOPS_AND_CONCERNS, "setting_id", "provider_id"))?;
    for row in
        stmt.query_map(params, |r| Ok((r.get(0)?, r.get(1)?, [r.get::<_, u32>(2)?, r.get(3)?, r.get(4)?, r.get(5)?])))?
    {
        let (provider, setting, [in_force, ended, escalated, open]) = row?;
        let e = all.at(provider, setting);
        e.stops_in_force += in_force;
        e.stops_ended += ended;
        e.concerns_escalated += escalated;
        e.concerns_open += open;
    }
    // Practitioners' ratings in the last four quarters, of the provider as a whole.
    let quarters = returns::quarters(day, 4);
    let mut ratings: BTreeMap<i64, (f64, u32)> = BTreeMap::new();
    for f in list::<Feedback>(conn, "WHERE given_on <= ?1", &[&day])? {
        let wanted = match which {
            Which::Provider(p) => f.value.provider_id == p,
            _ => true,
        };
        if wanted && quarters.contains(&f.value.quarter) {
            let entry = ratings.entry(f.value.provider_id).or_default();
            (entry.0, entry.1) = (entry.0 + f.value.overall(), entry.1 + 1);
        }
    }
    for (provider, (sum, n)) in ratings {
        all.at(provider, None).feedback = Some((sum / f64::from(n), n));
    }
    Ok(all)
}

/// The quarter ends a setting's score is compared at: the last one before
/// `today`, and the one before that.
fn fall_days(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let after = Quarter::of(today).previous().last_day();
    (Quarter::of(after).previous().last_day(), after)
}

/// The settings drafted (read with `which`) whose quality score fell from
/// the quarter end before last to the last one.
pub(super) fn falls(
    conn: &Connection,
    policy: &Policy,
    today: NaiveDate,
    drafts: &[Draft],
    dues: &[Due],
    which: Which,
) -> Result<HashMap<i64, ScoreFall>, StoreError> {
    let settings: Vec<(&SettingSummary, &Facts)> = drafts.iter().map(|d| (d.summary(), &d.facts)).collect();
    let which = providers_of(which, &settings);
    let (before, after) = fall_days(today);
    let mut read = evidences(conn, &settings, dues, policy, &[before, after], which)?.into_iter();
    let (then, now) = (read.next().unwrap_or_default(), read.next().unwrap_or_default());
    let mut out = HashMap::new();
    for (summary, _) in &settings {
        let (provider, id) = (summary.setting.value.provider_id, summary.setting.id);
        let kind = summary.setting.value.kind;
        let at = |all: &Evidences| score::score(&all.of_setting(provider, id, kind), &policy.score).score;
        if let (Some(from), Some(to)) = (at(&then), at(&now))
            && to < from
        {
            out.insert(id, ScoreFall { before: (before, from), after: (after, to) });
        }
    }
    Ok(out)
}

/// The providers whose evidence a reading with `which` needs: one
/// setting's is its provider's too.
fn providers_of(which: Which, settings: &[(&SettingSummary, &Facts)]) -> Which {
    match (which, settings.first()) {
        (Which::Setting(_), Some((s, _))) => Which::Provider(s.setting.value.provider_id),
        _ => which,
    }
}

impl Store {
    /// Every provider's quality score as of `today`, best first (those with
    /// no score last).
    pub fn scores(&self, policy: &Policy, today: NaiveDate) -> Result<Vec<ProviderScore>, StoreError> {
        let rows = monitoring::shared(self, policy, today)?;
        let settings: Vec<(&SettingSummary, &Facts)> = rows.iter().map(|r| (&r.summary, &r.facts)).collect();
        let dues = returns_store::owed_by(&self.conn, policy, today, returns_store::owing_rows(&rows), Which::All)?;
        let all = evidence(&self.conn, &settings, &dues, policy, today, Which::All)?;
        let names: BTreeMap<i64, &str> =
            rows.iter().map(|r| (r.summary.setting.value.provider_id, r.summary.provider_name.as_str())).collect();
        let mut out: Vec<ProviderScore> = names
            .into_iter()
            .map(|(provider_id, name)| {
                let evidence = all.of_provider(provider_id);
                let score = score::score(&evidence, &policy.score);
                ProviderScore { provider_id, provider: name.to_string(), score, evidence }
            })
            .collect();
        out.sort_by(|a, b| {
            let key = |s: &ProviderScore| s.score.score.map_or(f64::MIN, |v| v);
            key(b).total_cmp(&key(a)).then_with(|| a.provider.cmp(&b.provider))
        });
        Ok(out)
    }

    /// One provider's quality score as of `today`, read alone: as
    /// [`Store::scores`] gives it, without reading every provider; `None`
    /// for a provider with no setting, as it lists none.
    pub fn provider_score(
        &self,
        policy: &Policy,
        today: NaiveDate,
        provider_id: i64,
    ) -> Result<Option<Score>, StoreError> {
        let which = Which::Provider(provider_id);
        let rows = monitoring::of_provider(&self.conn, policy, today, provider_id)?;
        if rows.is_empty() {
            return Ok(None);
        }
        let settings: Vec<(&SettingSummary, &Facts)> = rows.iter().map(|r| (&r.summary, &r.facts)).collect();
        let owing = returns_store::owing(rows.iter().map(|r| (&r.summary, r.is_monitored())));
        let dues = returns_store::owed_by(&self.conn, policy, today, owing, which)?;
        let all = evidence(&self.conn, &settings, &dues, policy, today, which)?;
        Ok(Some(score::score(&all.of_provider(provider_id), &policy.score)))
    }

    /// One setting's quality score as of `today`: its own evidence and its
    /// provider's as a whole.
    pub fn setting_score(
        &self,
        policy: &Policy,
        today: NaiveDate,
        row: &monitoring::MonitoringRow,
    ) -> Result<Score, StoreError> {
        let (provider, setting_id) = (row.summary.setting.value.provider_id, row.summary.setting.id);
        let owing = returns_store::owing([(&row.summary, row.is_monitored())].into_iter());
        let dues = returns_store::owed_by(&self.conn, policy, today, owing, Which::Setting(setting_id))?;
        let all = evidence(&self.conn, &[(&row.summary, &row.facts)], &dues, policy, today, Which::Provider(provider))?;
        Ok(score::score(&all.of_setting(provider, setting_id, row.summary.setting.value.kind), &policy.score))
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

/// A provider's score, in a line of the pack.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreLine {
    pub provider: String,
    pub score: Option<f64>,
    /// The share of its weight with evidence, as a percentage.
    pub coverage: u32,
    /// Its lowest component with evidence: name and points.
    pub lowest: String,
}

/// The scores of the providers `named` (the board pack's settings'), as of `as_of`.
pub fn pack_scores(
    store: &Store,
    policy: &Policy,
    named: &std::collections::BTreeSet<&str>,
    as_of: chrono::NaiveDate,
) -> Result<Vec<ScoreLine>, StoreError> {
    Ok(store
        .scores(policy, as_of)?
        .into_iter()
        .filter(|s| named.contains(s.provider.as_str()))
        .map(|s| ScoreLine {
            lowest: s
                .score
                .components
                .iter()
                .filter(|c| c.weight > 0)
                .filter_map(|c| c.points.map(|p| (c.name, p)))
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map_or_else(String::new, |(name, p)| format!("{name} {p:.0}")),
            coverage: s.score.coverage(),
            score: s.score.score,
            provider: s.provider,
        })
        .collect())
}
