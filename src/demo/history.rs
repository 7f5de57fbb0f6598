//! The demo's history: judgements over the years, visits, overrides and Reg 44 reports.

use super::*;

impl<'w> Generator<'w> {
    /// Shares out latest judgements so every one appears: most Good, a few
    /// percent Inadequate, some not yet inspected.
    pub(super) fn assign_latest_judgements(&mut self, made: &mut [Made]) {
        use Judgement::*;
        let (sa, other): (Vec<usize>, Vec<usize>) =
            (0..made.len()).partition(|&i| made[i].setting.kind == SettingKind::SupportedAccommodation);
        let quota = |n: usize, share: f64| ((n as f64 * share).round() as usize).max(1);
        let mut deal = |indices: Vec<usize>, plan: &[(Option<Judgement>, f64)], default: Judgement| {
            let mut labels: Vec<Option<Judgement>> =
                plan.iter().flat_map(|&(j, share)| std::iter::repeat_n(j, quota(indices.len(), share))).collect();
            labels.resize(indices.len().max(labels.len()), Some(default));
            labels.truncate(indices.len());
            labels.shuffle(&mut self.rng);
            for (i, label) in indices.into_iter().zip(labels) {
                made[i].latest = label;
            }
        };
        deal(
            other,
            &[(Some(Outstanding), 0.12), (Some(Inadequate), 0.09), (Some(RequiresImprovement), 0.2), (None, 0.04)],
            Good,
        );
        deal(sa, &[(Some(SeriousWeaknesses), 0.1), (Some(Inconsistent), 0.25), (None, 0.05)], ConsistentlyStrong);
    }

    /// Full inspections back through time ending in the setting's latest
    /// judgement, with a monitoring visit after an Inadequate one.
    pub(super) fn history(&mut self, m: &Made) -> Vec<Inspection> {
        let Some(latest) = m.latest else {
            return Vec::new();
        };
        let sa = latest.is_supported_accommodation_scale();
        let mut date = add_days(self.today, -self.rng.random_range(20..700));
        let earlier = if sa { 0 } else { self.rng.random_range(0..=3) };
        let mut judgement = latest;
        let mut out = Vec::new();
        for step in 0..=earlier {
            out.push(self.full_inspection(m, date, judgement));
            if step == 0 && judgement.severity() == Severity::Inadequate {
                let visit = add_days(date, self.rng.random_range(60..120));
                if visit <= self.today {
                    out.push(Inspection {
                        kind: InspectionKind::Monitoring,
                        overall: None,
                        protection: None,
                        leadership: None,
                        ..self.full_inspection(m, visit, judgement)
                    });
                }
            }
            date = add_days(date, -self.rng.random_range(300..800));
            judgement = self.previous(judgement);
        }
        out.reverse();
        out
    }

    /// A plausible earlier judgement: often the same, else one step away;
    /// before an Inadequate, usually Good (the downgrade story).
    pub(super) fn previous(&mut self, j: Judgement) -> Judgement {
        if j == Judgement::Inadequate && self.rng.random_bool(0.6) {
            return Judgement::Good;
        }
        if self.rng.random_bool(0.55) { j } else { step_away(j, &mut self.rng) }
    }

    pub(super) fn full_inspection(&mut self, m: &Made, date: NaiveDate, overall: Judgement) -> Inspection {
        let homes = m.setting.kind.is_childrens_home();
        let mut sub = || {
            let keep = self.rng.random_bool(0.7);
            homes.then(|| if keep { overall } else { step_away(overall, &mut self.rng) })
        };
        // A draw once spent on the headline's copy, kept so each seed's data stays as it was.
        sub();
        let (protection, leadership) = (sub(), sub());
        self.events += 1;
        Inspection {
            protection,
            leadership,
            event_ref: Some((10_000_000 + self.events).to_string()),
            recorded_on: Some(add_days(date, self.rng.random_range(18..45)).min(self.today)),
            ..Inspection::headline(m.id, date, InspectionKind::Full, Some(overall))
        }
    }

    /// Monitoring visits to monitored settings back to when monitoring
    /// began, some overdue, some planned; six-weekly contract meetings with
    /// the block provider. Returns how many it wrote.
    pub(super) fn visits(
        &mut self,
        tx: &rusqlite::Connection,
        made: &[Made],
        block_provider: i64,
        desktop_reviews: Option<i64>,
    ) -> Result<usize, StoreError> {
        let mut count = 0;
        for m in made.iter().filter(|m| m.setting.in_area || m.children > 0 || m.case == Some(Case::StopIssued)) {
            self.step(7_000_000 + m.id as u64);
            let began = m.setting.monitoring_since.unwrap_or(self.today);
            let interval = usual_interval(m.latest);
            // How far behind this setting's officer is: most keep up, some slip.
            let slip = match self.rng.random_range(0..10) {
                0 => interval,
                1 | 2 => interval / 3,
                _ => 0,
            };
            let mut day = add_days(began, self.rng.random_range(5..30));
            let mut visits = Vec::new();
            while add_days(day, slip) <= self.today {
                visits.push(day);
                day = add_days(day, interval + self.rng.random_range(-7..8));
            }
            if m.case == Some(Case::ManagerLeft) {
                // Quarterly visits, the last ten weeks ago: next due in three weeks, until the reports spoke.
                visits = (0..4).rev().map(|q| add_days(self.today, -70 - 91 * q)).collect();
            }
            let last = visits.len();
            for (n, planned) in visits.into_iter().enumerate() {
                let outcome = match (n + 1 == last, self.rng.random_range(0..100)) {
                    (true, 0..=11) => VisitOutcome::Concerns,
                    (_, 0..=4) => VisitOutcome::Concerns,
                    (_, 5..=44) => VisitOutcome::Adequate,
                    _ => VisitOutcome::Good,
                };
                let completed = add_days(planned, self.rng.random_range(0..3)).min(self.today);
                insert_unaudited(tx, &self.visit(m, VisitKind::Monitoring, planned, Some((completed, outcome))))?;
                count += 1;
            }
            if self.rng.random_bool(0.35) {
                let planned = add_days(self.today, self.rng.random_range(3..40));
                insert_unaudited(tx, &self.visit(m, VisitKind::Monitoring, planned, None))?;
                count += 1;
            }
            // Reviews at the desk do not see the setting: its schedule stands.
            let reviews = desktop_reviews.map_or(Vec::new(), |every| {
                std::iter::successors(Some(add_days(began, every)), |d| Some(add_days(*d, every)))
                    .take_while(|d| *d < self.today)
                    .collect()
            });
            for review in reviews {
                let done = Some((review, VisitOutcome::Good));
                insert_unaudited(tx, &self.visit(m, VisitKind::DesktopReview, review, done))?;
                count += 1;
            }
        }
        let mut meeting = add_days(self.today, -364);
        while meeting <= self.today {
            let officer = self.words.officers[0].clone();
            let visit = Visit {
                setting_id: None,
                provider_id: Some(block_provider),
                kind: VisitKind::ContractMeeting,
                planned: meeting,
                completed: Some(meeting),
                officer,
                outcome: Some(VisitOutcome::Good),
                notes: "Six-weekly contract meeting: occupancy, referrals, staffing.".into(),
                follow_up: String::new(),
                trip: None,
            };
            insert_unaudited(tx, &visit)?;
            count += 1;
            meeting = add_days(meeting, 42);
        }
        Ok(count)
    }

    pub(super) fn visit(
        &mut self,
        m: &Made,
        kind: VisitKind,
        planned: NaiveDate,
        done: Option<(NaiveDate, VisitOutcome)>,
    ) -> Visit {
        let notes = match done.map(|d| d.1) {
            Some(VisitOutcome::Concerns | VisitOutcome::SeriousConcerns) => {
                "Records incomplete; staffing gaps on nights."
            }
            Some(_) => "Spoke with the manager and two young people; records in order.",
            None => "",
        };
        Visit {
            setting_id: Some(m.id),
            provider_id: None,
            kind,
            planned,
            completed: done.map(|d| d.0),
            officer: m.officer.clone(),
            outcome: done.map(|d| d.1),
            notes: notes.into(),
            follow_up: if notes.starts_with("Records incomplete") {
                "Provider to send an action plan within 14 days.".into()
            } else {
                String::new()
            },
            trip: None,
        }
    }

    /// One override in force and one that has expired.
    pub(super) fn overrides(&mut self, tx: &rusqlite::Connection, made: &[Made]) -> Result<(), StoreError> {
        let good: Vec<&Made> = made
            .iter()
            .filter(|m| m.latest == Some(Judgement::Good) && m.children > 0 && !m.setting.kind.is_childrens_home())
            .collect();
        let plans = [
            (Tier::Enhanced, "New registered manager from September: six-weekly visits until settled", -20, 70),
            (Tier::Intensive, "Allegation under investigation (closed with no further action)", -200, -100),
        ];
        for (m, (tier, reason, from, until)) in good.iter().zip(plans) {
            let o = TierOverride {
                setting_id: m.id,
                tier,
                reason: reason.into(),
                set_on: add_days(self.today, from),
                expires: add_days(self.today, until),
            };
            insert_unaudited(tx, &o)?;
        }
        Ok(())
    }

    /// Monthly Reg 44 reports for monitored children's homes over the last
    /// two years: most on time, some late, a few missing, with findings;
    /// case 2's home shows its manager leaving and missing episodes rising.
    pub(super) fn reg44(&mut self, tx: &rusqlite::Connection, made: &[Made], size: &Size) -> Result<usize, StoreError> {
        let last_due = crate::domain::reg44::last_due_month(self.today, 10);
        let mut count = 0;
        // At national scale every home has sent reports for the whole history.
        let all = size.reg44_months > 24;
        let homes: Vec<&Made> = made
            .iter()
            .filter(|m| m.setting.kind.is_childrens_home() && (all || m.setting.in_area || m.children > 0))
            .collect();
        for (done, m) in homes.iter().enumerate() {
            if done % 250 == 0 {
                (self.progress)(9, &format!("Reg 44 reports and findings, {done} of {} homes", homes.len()));
            }
            self.step(9_000_000 + m.id as u64);
            let visitor = self.pick(&self.words.visitors);
            let months = last_due.back(size.reg44_months);
            let case = m.case == Some(Case::ManagerLeft);
            let since = if all { months[0] } else { m.setting.monitoring_since.map(Month::of).unwrap_or(months[0]) };
            for (n, month) in months.iter().enumerate().filter(|(_, mo)| **mo >= since) {
                let recent = n + 2 >= months.len();
                let roll = self.rng.random_range(0..100);
                if !case && roll < if recent { 3 } else { 6 } {
                    continue; // missing
                }
                let visit_date = add_days(month.first_day(), if case { 24 } else { self.rng.random_range(3..26) });
                let late = !case && roll >= 94;
                let received_on = if case {
                    add_days(visit_date, 9)
                } else if late {
                    add_days(month.due_by(10), self.rng.random_range(3..25))
                } else {
                    add_days(visit_date, self.rng.random_range(2..12)).min(month.due_by(10))
                };
                if received_on > self.today {
                    continue;
                }
                let from_end = months.len() - 1 - n;
                let manager_in_post =
                    if case { from_end > 0 } else { m.setting.registered_manager.is_some() || from_end > 2 };
                let missing_episodes = match (case, self.rng.random_range(0..100)) {
                    (true, _) => [4, 3, 2, 1, 1, 0].get(from_end).copied().unwrap_or(0),
                    (false, 0..=11) => 1,
                    (false, 12..=14) => 2,
                    _ => 0,
                };
                let worried =
                    m.latest.is_some_and(|j| j.severity() == Severity::Inadequate) && self.rng.random_bool(0.4);
                let opinion = if worried { Opinion::Concerns } else { Opinion::Yes };
                let reviewed = (self.rng.random_bool(0.7) && !recent) || (recent && self.rng.random_bool(0.3));
                let report = Reg44Report {
                    setting_id: m.id,
                    month: *month,
                    visit_date,
                    received_on,
                    visitor: visitor.clone(),
                    safeguarded: opinion,
                    wellbeing: Opinion::Yes,
                    children_resident: m
                        .setting
                        .places
                        .unwrap_or(4)
                        .min(m.children.max(1) + self.rng.random_range(0..3)),
                    missing_episodes,
                    physical_interventions: self.rng.random_range(0..3),
                    police_callouts: self.rng.random_range(0..2),
                    complaints: self.rng.random_range(0..2),
                    manager_in_post,
                    summary: if manager_in_post {
                        "Visited unannounced; spoke with staff and young people.".into()
                    } else {
                        "No registered manager in post; deputy covering.".into()
                    },
                    reviewed_by: reviewed.then(|| m.officer.clone()),
                    reviewed_on: reviewed.then(|| add_days(received_on, self.rng.random_range(1..10)).min(self.today)),
                    review_note: String::new(),
                };
                let report_id = insert_unaudited(tx, &report)?;
                count += 1;
                let findings = match (size.findings, self.rng.random_range(0..10)) {
                    ((2, 4), 0..=5) => 0,
                    ((2, 4), 6..=8) => 1,
                    ((2, 4), _) => 2,
                    ((most, _), _) => self.rng.random_range(0..=most),
                };
                let decor = case && from_end == 0;
                for k in 0..findings + usize::from(decor) {
                    let finding = self.finding(report_id, received_on, decor && k == 0);
                    insert_unaudited(tx, &finding)?;
                }
            }
        }
        Ok(count)
    }

    pub(super) fn finding(&mut self, report_id: i64, received_on: NaiveDate, decor: bool) -> Finding {
        let (standard, text) = if decor {
            (Standard::Reg6, "Décor in the lounge and two bedrooms tired and damaged; repairs not logged.")
        } else {
            *[
                (Standard::Reg12, "Missing-from-care episode not notified to the placing authority within 24 hours."),
                (Standard::Reg13, "Supervision records for night staff not up to date."),
                (Standard::Reg10, "Medication records incomplete for one young person."),
                (Standard::Reg8, "Young person not attending education; plan not reviewed."),
                (Standard::Reg6, "Fire drill log not completed this quarter."),
                (Standard::Reg14, "Care plan not updated after placement review."),
                (Standard::Reg7, "Young people's meeting minutes not kept."),
            ]
            .choose(&mut self.rng)
            .expect("findings to choose from")
        };
        let severity = match self.rng.random_range(0..100) {
            _ if decor => FindingSeverity::Medium,
            0..=2 => FindingSeverity::Serious,
            3..=14 => FindingSeverity::High,
            15..=54 => FindingSeverity::Medium,
            _ => FindingSeverity::Low,
        };
        let closed_on = add_days(received_on, self.rng.random_range(20..60));
        let (status, closed_on) = if closed_on < self.today {
            (FindingStatus::Closed, Some(closed_on))
        } else {
            (if self.rng.random_bool(0.5) { FindingStatus::Actioned } else { FindingStatus::Open }, None)
        };
        Finding { report_id, standard, severity, text: text.into(), status, closed_on }
    }
}

/// Days between visits a setting of this judgement would have had.
pub(super) fn usual_interval(latest: Option<Judgement>) -> i64 {
    match latest.map(|j| j.severity()) {
        Some(Severity::Inadequate) => 28,
        Some(Severity::RequiresImprovement) => 42,
        Some(Severity::Outstanding) => 182,
        _ => 91,
    }
}

/// One step up or down the judgement's own scale.
pub(super) fn step_away(j: Judgement, rng: &mut ChaCha8Rng) -> Judgement {
    let scale = if j.is_supported_accommodation_scale() { &Judgement::ALL[4..7] } else { &Judgement::ALL[..4] };
    let at = scale.iter().position(|x| *x == j).unwrap_or(0) as i32;
    let step = if rng.random_bool(0.5) { 1 } else { -1 };
    scale[(at + step).clamp(0, scale.len() as i32 - 1) as usize]
}
