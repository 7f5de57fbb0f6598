//! The demo's casework: concerns, plans and stops, and the two real cases of docs/domain.md played out.

use super::*;

impl<'w> Generator<'w> {
    /// Concerns, improvement plans and stops: case 1 in progress, a stop
    /// lifted last winter, plans after Inadequate judgements, and a handful
    /// of concerns from the usual sources.
    pub(super) fn actions(
        &mut self,
        tx: &rusqlite::Connection,
        made: &[Made],
        provider_ids: &[i64],
    ) -> Result<(), StoreError> {
        let today = self.today;
        let day = |days: i64| add_days(today, days);
        let officer = self.words.officers[0].clone();
        if let Some(first) = made.iter().find(|m| m.case == Some(Case::StopIssued)) {
            self.case_1(tx, made, first, provider_ids[first.provider], &officer)?;
        }
        // A stop lifted last winter, with conditions.
        let lifted_at = made
            .iter()
            .find(|m| m.latest == Some(Judgement::RequiresImprovement) && m.setting.kind == SettingKind::ChildrensHome);
        if let Some(m) = lifted_at {
            let stop = PlacementStop {
                setting_id: Some(m.id),
                provider_id: provider_ids[m.provider],
                issued_on: day(-300),
                issued_by: self.words.officers[1].clone(),
                reason: "Two missing-from-care episodes not reported to the placing authority; night staffing below the agreed ratio.".into(),
                concern_id: None,
                visit_id: None,
                referrals_withdrawn: Some(1),
                authorities_notified: self.words.officers.first().map(|_| "Birmingham; Coventry; Warwickshire".to_string()).unwrap_or_default(),
                notified_on: Some(day(-299)),
                concerns_report_on: Some(day(-297)),
                plan_id: None,
                review_on: Some(day(-270)),
                outcome: Some(StopOutcome::Lifted),
                ended_on: Some(day(-240)),
                ended_by: Some(self.words.officers[1].clone()),
                end_reason: "Staffing restored and reporting audited: three clean months".into(),
                lift_conditions: "Monthly staffing returns for six months".into(),
            };
            insert_unaudited(tx, &stop)?;
        }
        // Plans after Inadequate judgements of homes (not case 1 or 2).
        let inadequate: Vec<&Made> = made
            .iter()
            .filter(|m| {
                m.latest == Some(Judgement::Inadequate) && m.setting.kind.is_childrens_home() && m.case.is_none()
            })
            .take(3)
            .collect();
        for (k, m) in inadequate.iter().enumerate() {
            let requested = m.inspected.map_or(day(-60), |d| add_days(d, 30).min(day(-20)));
            let status = [PlanStatus::Monitoring, PlanStatus::Agreed, PlanStatus::Received][k];
            let plan = inspection_plan(m, provider_ids[m.provider], requested, status, self.today);
            let plan_id = insert_unaudited(tx, &plan)?;
            self.plan_history(tx, plan_id, &plan, &officer)?;
            let actions = [
                ("Review every risk assessment and missing-from-care protocol", -10, k != 2),
                ("Recruit a permanent deputy manager", 20, false),
                ("Refresh safeguarding training for all staff", if k == 0 { -5 } else { 30 }, false),
            ];
            for (description, due, done) in actions {
                let due_on = day(due).max(requested);
                insert_unaudited(
                    tx,
                    &PlanAction {
                        plan_id,
                        description: description.into(),
                        owner: "Registered manager".into(),
                        due_on,
                        status: if done { ActionStatus::Done } else { ActionStatus::Open },
                        evidence: if done { "Checked on the monitoring visit".into() } else { String::new() },
                        completed_on: done.then_some(due_on.min(self.today)),
                    },
                )?;
            }
        }
        // Concerns from the usual sources, most of them dealt with.
        let sources = [
            (
                ConcernSource::Complaint,
                ConcernCategory::QualityOfCare,
                "Young person complained about food and pocket money",
                true,
            ),
            (
                ConcernSource::SocialWorker,
                ConcernCategory::Staffing,
                "Agency staff on most nights; young person unsettled",
                false,
            ),
            (ConcernSource::Police, ConcernCategory::Safeguarding, "Police called to the home twice in a week", true),
            (
                ConcernSource::Iro,
                ConcernCategory::Management,
                "Care plan actions not followed up since the review",
                false,
            ),
            (
                ConcernSource::Reg44,
                ConcernCategory::Premises,
                "Broken window and damp in a bedroom reported by the Reg 44 visitor",
                true,
            ),
        ];
        let placed: Vec<&Made> = made.iter().filter(|m| m.children > 0 && m.case.is_none()).collect();
        for (k, (source, category, description, closed)) in sources.into_iter().enumerate() {
            let Some(m) = placed.get(k * 7 % placed.len().max(1)) else { break };
            let raised = day(-(15 + 20 * k as i64));
            insert_unaudited(
                tx,
                &Concern {
                    setting_id: Some(m.id),
                    provider_id: provider_ids[m.provider],
                    raised_on: raised,
                    source,
                    category,
                    severity: if k == 2 { ConcernSeverity::High } else { ConcernSeverity::Medium },
                    description: description.into(),
                    status: if closed { ConcernStatus::Closed } else { ConcernStatus::Open },
                    escalated_on: None,
                    spc_outcome: None,
                    closed_on: closed.then(|| add_days(raised, 10)),
                    outcome: if closed { "Looked into with the manager; resolved".into() } else { String::new() },
                },
            )?;
        }
        Ok(())
    }

    /// Case 1 as it stands today: the concern escalated, the visit with
    /// serious concerns, a stop on the whole provider with most of its
    /// checklist done, and the improvement plan received.
    /// Plans (each with three actions) and stops spread over the settings
    /// beyond the named cases: none at small and county scale.
    pub(super) fn spread_actions(
        &mut self,
        tx: &rusqlite::Connection,
        made: &[Made],
        provider_ids: &[i64],
        size: &Size,
    ) -> Result<(), StoreError> {
        let today = self.today;
        let officer = self.words.officers[0].clone();
        // Plans fall on settings the council uses, and most are long done.
        let eligible: Vec<&Made> =
            made.iter().filter(|m| m.case.is_none() && (m.setting.in_area || m.children > 0)).collect();
        for n in 0..size.plans.min(eligible.len() * 4) {
            let m = eligible[n % eligible.len()];
            let requested_on = add_days(today, -self.rng.random_range(20..1500));
            // One plan in ten is still open.
            let open = [PlanStatus::Requested, PlanStatus::Received, PlanStatus::Agreed, PlanStatus::Monitoring];
            let status = match self.rng.random_bool(0.1) {
                true => *open.choose(&mut self.rng).expect("statuses"),
                false => PlanStatus::Completed,
            };
            let plan = inspection_plan(m, provider_ids[m.provider], requested_on, status, today);
            let plan_id = insert_unaudited(tx, &plan)?;
            for k in 0..3 {
                let due_on = add_days(requested_on, 30 * (k + 1));
                let done = status == PlanStatus::Completed || (due_on < today && self.rng.random_bool(0.85));
                let action = PlanAction {
                    plan_id,
                    description: [
                        "Review every risk assessment",
                        "Recruit a permanent deputy manager",
                        "Refresh safeguarding training",
                    ][k as usize]
                        .into(),
                    owner: "Registered manager".into(),
                    due_on,
                    status: if done { ActionStatus::Done } else { ActionStatus::Open },
                    evidence: if done { "Seen on a monitoring visit".into() } else { String::new() },
                    completed_on: done.then(|| due_on.min(today)),
                };
                insert_unaudited(tx, &action)?;
            }
            insert_unaudited(
                tx,
                &PlanEvent {
                    plan_id,
                    status: PlanStatus::Requested,
                    on: requested_on,
                    by: officer.clone(),
                    note: plan.requested_note(),
                },
            )?;
        }
        for n in 0..size.stops.min(eligible.len()) {
            let m = eligible[(n * 7919) % eligible.len()];
            let issued_on = add_days(today, -self.rng.random_range(10..1500));
            let lifted = n % 10 != 0;
            let ended_on = add_days(issued_on, self.rng.random_range(20..120)).min(add_days(today, -1));
            let stop = PlacementStop {
                setting_id: Some(m.id),
                provider_id: provider_ids[m.provider],
                issued_on,
                issued_by: officer.clone(),
                reason: "Safeguarding concerns found on a monitoring visit.".into(),
                concern_id: None,
                visit_id: None,
                referrals_withdrawn: Some(self.rng.random_range(0..4)),
                authorities_notified: "Birmingham; Coventry".into(),
                notified_on: Some(add_days(issued_on, 1)),
                concerns_report_on: Some(add_days(issued_on, 3)),
                plan_id: None,
                review_on: Some(add_days(issued_on, 28)),
                outcome: (lifted && ended_on > issued_on).then_some(StopOutcome::Lifted),
                ended_on: (lifted && ended_on > issued_on).then_some(ended_on),
                ended_by: (lifted && ended_on > issued_on).then(|| officer.clone()),
                end_reason: if lifted && ended_on > issued_on { "Concerns resolved".into() } else { String::new() },
                lift_conditions: String::new(),
            };
            insert_unaudited(tx, &stop)?;
        }
        Ok(())
    }

    pub(super) fn case_1(
        &mut self,
        tx: &rusqlite::Connection,
        made: &[Made],
        first: &Made,
        provider_id: i64,
        officer: &str,
    ) -> Result<(), StoreError> {
        let today = self.today;
        let day = |days: i64| add_days(today, days);
        let concern = Concern {
            setting_id: None,
            provider_id,
            raised_on: day(-24),
            source: ConcernSource::Other,
            category: ConcernCategory::QualityOfCare,
            severity: ConcernSeverity::High,
            description: "The care leavers' forum reports poor properties and little support from staff at the provider's schemes.".into(),
            status: ConcernStatus::Escalated,
            escalated_on: Some(day(-17)),
            spc_outcome: None,
            closed_on: None,
            outcome: String::new(),
        };
        let concern_id = insert_unaudited(tx, &concern)?;
        insert_unaudited(
            tx,
            &StrategyMeeting {
                concern_id,
                held_on: day(-15),
                attendees: "QA lead, contract officer, two social workers, leaving care team manager".into(),
                decisions: "Stop stays; every young person reviewed this week; report of concerns to the provider; plan within 14 days".into(),
            },
        )?;
        let visit = Visit {
            setting_id: Some(first.id),
            provider_id: None,
            kind: VisitKind::Unannounced,
            planned: day(-18),
            completed: Some(day(-18)),
            officer: officer.to_string(),
            outcome: Some(VisitOutcome::SeriousConcerns),
            notes: "Staff and care leaver files audited: required paperwork missing throughout. Little communication between managers and staff, or between staff and social workers.".into(),
            follow_up: "Immediate placement stop; referrals withdrawn; every young person reviewed.".into(),
            trip: None,
        };
        let visit_id = insert_unaudited(tx, &visit)?;
        let plan = Plan {
            setting_id: None,
            provider_id,
            title: "Records, supervision and communication with social workers".into(),
            source: PlanSource::Stop,
            source_id: None,
            requested_on: day(-14),
            due_back: day(0),
            status: PlanStatus::Received,
            status_on: day(-7),
        };
        let plan_id = insert_unaudited(tx, &plan)?;
        self.plan_history(tx, plan_id, &plan, officer)?;
        let actions = [
            ("Audit every young person's file against the contract checklist", -3, true),
            ("Weekly managers' meeting with staff; minutes to social workers", 7, false),
            ("Supervision for every support worker, recorded", -2, false),
        ];
        for (description, due, done) in actions {
            insert_unaudited(
                tx,
                &PlanAction {
                    plan_id,
                    description: description.into(),
                    owner: "Operations manager".into(),
                    due_on: day(due),
                    status: if done { ActionStatus::Done } else { ActionStatus::Open },
                    evidence: if done {
                        "File audit sent; sample of 5 files checked on site".into()
                    } else {
                        String::new()
                    },
                    completed_on: done.then(|| day(due)),
                },
            )?;
        }
        let stop = PlacementStop {
            setting_id: None,
            provider_id,
            issued_on: day(-17),
            issued_by: officer.to_string(),
            reason: "Young people's files do not contain the required paperwork, so there is no evidence the provider meets the contract; managers, staff and social workers are not communicating.".into(),
            concern_id: Some(concern_id),
            visit_id: Some(visit_id),
            referrals_withdrawn: Some(3),
            authorities_notified: "Birmingham; Coventry; Dudley; Herefordshire; Sandwell; Shropshire; Solihull; Staffordshire; Stoke-on-Trent; Telford and Wrekin; Walsall; Warwickshire; Wolverhampton; Worcestershire".into(),
            notified_on: Some(day(-16)),
            concerns_report_on: Some(day(-14)),
            plan_id: Some(plan_id),
            review_on: Some(day(12)),
            outcome: None,
            ended_on: None,
            ended_by: None,
            end_reason: String::new(),
            lift_conditions: String::new(),
        };
        let stop_id = insert_unaudited(tx, &stop)?;
        // Every young person reviewed but the last two: most stay, every third moves.
        let schemes = made.iter().filter(|m| m.case == Some(Case::StopIssued)).map(|m| m.id).collect::<Vec<_>>();
        let placed = crate::store::placements::ids_in_settings(tx, &schemes, day(-17))?;
        for (k, &placement_id) in placed.iter().enumerate().take(placed.len().saturating_sub(2)) {
            let reviewed_on = day(-15 + k as i64).min(day(-3));
            let moves = k % 3 == 1;
            let (outcome, note) = if moves {
                (ReviewOutcome::Moves, "Moved to a Marlshire foster home near school")
            } else {
                (ReviewOutcome::Remains, "Settled; support plan updated")
            };
            let review = PlacementReview { stop_id, placement_id, reviewed_on, outcome, note: note.into() };
            insert_unaudited(tx, &review)?;
            if moves {
                crate::store::placements::end_unaudited(tx, placement_id, add_days(reviewed_on, 2))?;
            }
        }
        Ok(())
    }

    pub(super) fn plan_history(
        &mut self,
        tx: &rusqlite::Connection,
        plan_id: i64,
        plan: &Plan,
        by: &str,
    ) -> Result<(), StoreError> {
        let path = [PlanStatus::Requested, PlanStatus::Received, PlanStatus::Agreed, PlanStatus::Monitoring];
        let reached = path.iter().position(|s| *s == plan.status).unwrap_or(0);
        for (k, status) in path.iter().take(reached + 1).enumerate() {
            let on = if k == reached {
                plan.status_on
            } else {
                add_days(plan.requested_on, 3 * k as i64).min(plan.status_on)
            };
            let note = if k == 0 { plan.requested_note() } else { String::new() };
            insert_unaudited(tx, &PlanEvent { plan_id, status: *status, on, by: by.to_string(), note })?;
        }
        Ok(())
    }
}

/// The plan an Inadequate judgement's requirements ask of a home.
fn inspection_plan(m: &Made, provider_id: i64, requested_on: NaiveDate, status: PlanStatus, today: NaiveDate) -> Plan {
    Plan {
        setting_id: Some(m.id),
        provider_id,
        title: "Ofsted requirements: safeguarding and leadership".into(),
        source: PlanSource::Inspection,
        source_id: None,
        requested_on,
        due_back: add_days(requested_on, 21),
        status,
        status_on: add_days(requested_on, 14).min(today),
    }
}
