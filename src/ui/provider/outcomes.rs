//! The Provider screen's Outcomes pane: the SMART outcomes agreed for its
//! placed children, each with its payment and where it stands: agreed,
//! missed, met with its payment due, or paid.

use super::dim_unless;
use super::panes::{Pane, Records};
use crate::domain::contract::PaymentSchedule;
use crate::domain::outcome::{Outcome, Standing};
use crate::store::RecordRef;
use crate::ui::actions::delete;
use crate::ui::app::{Ctx, Effect};
use crate::ui::event::{Action, Command, Key};
use crate::ui::forms::{self, Choice};
use crate::ui::theme::Theme;
use crate::ui::widgets::table::{Column, figure};
use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};
use std::collections::HashMap;

pub(super) struct Outcomes;

const COLUMNS: &[Column<'static>] = &[
    Column::new("Child", Constraint::Length(10)),
    Column::new("Outcome", Constraint::Min(20)),
    Column::new("Target", Constraint::Length(10)),
    Column::new("Stage", Constraint::Length(5)),
    Column::new("Payment", Constraint::Length(9)),
    Column::new("Stands", Constraint::Length(17)),
    Column::new("Met", Constraint::Length(10)).from_width(110),
    Column::new("Paid", Constraint::Length(10)).from_width(120),
];

impl Records {
    /// The placements current today, as choices for a new outcome.
    fn placement_choices(&self) -> Vec<Choice> {
        self.placements
            .iter()
            .filter(|p| p.value.is_active(self.today))
            .map(|p| {
                Choice::new(
                    p.id.to_string(),
                    format!("{} at {}", p.value.child_ref, self.setting_name(p.value.setting_id)),
                )
            })
            .collect()
    }

    /// The payments by stage of placements bought under outcome-based contracts.
    fn schedules(&self) -> HashMap<i64, PaymentSchedule> {
        let contracts: HashMap<i64, &PaymentSchedule> =
            self.contracts.iter().filter(|c| c.value.is_outcome_based()).map(|c| (c.id, &c.value.payments)).collect();
        self.placements.iter().filter_map(|p| Some((p.id, (*contracts.get(&p.value.contract_id?)?).clone()))).collect()
    }

    fn child_of(&self, o: &Outcome) -> String {
        self.placements
            .iter()
            .find(|p| p.id == o.placement_id)
            .map_or_else(String::new, |p| p.value.child_ref.to_string())
    }
}

impl Pane for Outcomes {
    fn name(&self) -> &'static str {
        "Outcomes"
    }
    fn short(&self) -> &'static str {
        "Outc."
    }
    fn adds(&self) -> Option<&'static str> {
        Some("agree outcome")
    }
    fn columns(&self) -> &'static [Column<'static>] {
        COLUMNS
    }
    fn empty(&self) -> &'static str {
        "No outcomes agreed: {new} agrees one for a child placed here."
    }
    fn len(&self, r: &Records) -> usize {
        r.outcomes.len()
    }
    fn cells<'a>(&self, r: &'a Records, at: usize, theme: &Theme) -> Vec<Line<'a>> {
        let Some(o) = r.outcomes.get(at).map(|o| &o.value) else { return Vec::new() };
        let standing = o.standing(r.today);
        let stands = match standing {
            Standing::Missed => Line::from(Span::styled(format!("▲ {}", standing.label()), theme.error())),
            Standing::Due => Line::from(Span::styled(standing.label(), theme.key())),
            other => Line::from(other.label()),
        };
        let day = |d: Option<chrono::NaiveDate>| d.map_or_else(String::new, |d| d.to_string());
        let cells = vec![
            Line::from(r.child_of(o)),
            Line::from(o.what.clone()),
            Line::from(o.target.to_string()),
            figure(o.stage.to_string()),
            figure(o.payment.full()),
            stands,
            Line::from(day(o.met_on)),
            Line::from(day(o.paid_on)),
        ];
        dim_unless(standing != Standing::Paid, cells, theme)
    }
    fn add(&self, r: &Records, _setting: Option<i64>, _ctx: &Ctx) -> Effect {
        let choices = r.placement_choices();
        if choices.is_empty() {
            return Effect::Error(
                "No child is placed with this provider now: an outcome is agreed for one placed.".into(),
            );
        }
        Effect::Form(forms::outcome::form(choices, r.schedules(), None, r.today))
    }
    fn edit(&self, r: &Records, at: usize, _ctx: &Ctx) -> Effect {
        r.outcomes.get(at).map_or(Effect::None, |o| {
            Effect::Form(forms::outcome::form(r.placement_choices(), r.schedules(), Some(o), r.today))
        })
    }
    fn own_command(&self) -> Option<Command> {
        Some(Command::new(
            Action::Delete,
            &[Key::char('d')],
            "delete",
            "Delete an outcome agreed by mistake (asks first)",
        ))
    }
    fn own_action(&self, r: &Records, at: usize, _ctx: &Ctx) -> Effect {
        r.outcomes.get(at).map_or(Effect::None, |o| {
            delete(o, &format!("the outcome {:?}", crate::domain::excerpt(&o.value.what, 40)))
        })
    }
    fn find(&self, r: &Records, record: RecordRef) -> Option<usize> {
        let id = record.id_of::<Outcome>()?;
        r.outcomes.iter().position(|o| o.id == id)
    }
}
