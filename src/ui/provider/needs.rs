//! The Provider screen's Needs pane: each child placed now, their needs on
//! the Valuing Care tool at placement and at the latest review, and what
//! the placement costs for each point of need.

use super::dim_unless;
use super::panes::{Pane, Records};
use crate::domain::money::Pence;
use crate::domain::needs::{self, NeedsAssessment};
use crate::domain::placement::Placement;
use crate::store::{RecordRef, Stored};
use crate::ui::actions::delete;
use crate::ui::app::{Ctx, Effect};
use crate::ui::event::{Action, Command, Key};
use crate::ui::forms;
use crate::ui::theme::Theme;
use crate::ui::widgets::needs::domain_bars;
use crate::ui::widgets::table::{Column, figure};
use ratatui::layout::Constraint;
use ratatui::text::Line;

pub(super) struct Needs;

const COLUMNS: &[Column<'static>] = &[
    Column::new("Child", Constraint::Length(10)),
    Column::new("Setting", Constraint::Min(16)),
    Column::new("At placement", Constraint::Length(16)),
    Column::new("Latest", Constraint::Length(16)),
    Column::new("Change", Constraint::Length(7)),
    Column::new("Weekly", Constraint::Length(9)),
    Column::new("Per point", Constraint::Length(9)),
    Column::new("Highest need", Constraint::Length(24)).from_width(130),
];

impl Records {
    /// The placements current today, as the Needs pane lists them.
    fn current(&self) -> Vec<&Stored<Placement>> {
        self.placements.iter().filter(|p| p.value.is_active(self.today)).collect()
    }

    /// A placement's needs assessments, oldest first.
    fn needs_of(&self, placement_id: i64) -> &[Stored<NeedsAssessment>] {
        self.needs.get(&placement_id).map_or(&[], Vec::as_slice)
    }
}

/// "14 on 2026-03-02".
fn measured(a: Option<&Stored<NeedsAssessment>>) -> String {
    a.map_or_else(|| "–".into(), |a| format!("{} on {}", a.value.scores.total(), a.value.assessed_on))
}

impl Pane for Needs {
    fn name(&self) -> &'static str {
        "Needs"
    }
    fn short(&self) -> &'static str {
        "Nd."
    }
    /// Nothing is added but by Enter on a child: needs belong to a placement.
    fn adds(&self) -> Option<&'static str> {
        None
    }
    fn figure(&self, r: &Records) -> String {
        let current = r.current();
        let measured = current.iter().filter(|p| !r.needs_of(p.id).is_empty()).count();
        format!("{measured}/{}", current.len())
    }
    fn columns(&self) -> &'static [Column<'static>] {
        COLUMNS
    }
    fn empty(&self) -> &'static str {
        "No child placed here now: needs are measured for the children placed."
    }
    fn len(&self, r: &Records) -> usize {
        r.current().len()
    }
    fn cells<'a>(&self, r: &'a Records, at: usize, theme: &Theme) -> Vec<Line<'a>> {
        let Some(p) = r.current().get(at).copied() else { return Vec::new() };
        let all = r.needs_of(p.id);
        let (first, latest) = (all.first(), all.last().filter(|_| all.len() > 1));
        let values: Vec<&NeedsAssessment> = all.iter().map(|a| &a.value).collect();
        let change = needs::change(&values).map_or_else(String::new, |c| format!("{:+}", -c.fall()));
        let now = all.last().map(|a| a.value.scores);
        let per_point = now
            .and_then(|s| needs::cost_per_point(p.value.weekly_cost, s.total()))
            .map_or_else(String::new, Pence::full);
        let highest = now.and_then(|s| s.highest()).map_or("", |i| i.short);
        let cells = vec![
            Line::from(p.value.child_ref.to_string()),
            Line::from(r.setting_name(p.value.setting_id)),
            Line::from(measured(first)),
            Line::from(measured(latest)),
            figure(change),
            figure(p.value.weekly_cost.full()),
            figure(per_point),
            Line::from(highest),
        ];
        dim_unless(!all.is_empty(), cells, theme)
    }
    /// The selected child's needs by domain, at placement and latest.
    fn detail(&self, r: &Records, at: usize, width: u16, theme: &Theme) -> Option<(String, Vec<Line<'static>>)> {
        let p = r.current().get(at).copied()?;
        let all = r.needs_of(p.id);
        let child = &p.value.child_ref;
        let (Some(first), Some(latest)) = (all.first(), all.last()) else {
            return Some((format!(" {child}: needs not measured yet (Enter measures them) "), Vec::new()));
        };
        let (first, latest) = (&first.value, &latest.value);
        let domains: Vec<_> = first
            .scores
            .by_domain()
            .into_iter()
            .zip(latest.scores.by_domain())
            .map(|((d, a), (_, b))| (d, f64::from(a), f64::from(b)))
            .collect();
        let title = if all.len() > 1 {
            format!(" {child}: needs by domain, {} ░ and {} █ ", first.assessed_on, latest.assessed_on)
        } else {
            format!(" {child}: needs by domain on {}, the one assessment ", first.assessed_on)
        };
        Some((title, domain_bars(&domains, f64::from(r.needs_top), width, theme)))
    }
    fn add(&self, _r: &Records, _setting: Option<i64>, _ctx: &Ctx) -> Effect {
        Effect::None
    }
    /// Measures the selected child's needs, starting from the latest scores.
    fn edit(&self, r: &Records, at: usize, ctx: &Ctx) -> Effect {
        let Some(p) = r.current().get(at).copied() else { return Effect::None };
        let latest = r.needs_of(p.id).last().map(|a| &a.value);
        let child = p.value.child_ref.to_string();
        Effect::Form(forms::needs::form(p.id, &child, &ctx.policy.needs.scale, latest, None, r.today))
    }
    fn own_command(&self) -> Option<Command> {
        Some(Command::new(
            Action::Delete,
            &[Key::char('d')],
            "delete latest",
            "Delete the selected child's latest needs assessment, entered by mistake (asks first)",
        ))
    }
    fn own_action(&self, r: &Records, at: usize, _ctx: &Ctx) -> Effect {
        let Some(p) = r.current().get(at).copied() else { return Effect::None };
        r.needs_of(p.id).last().map_or(Effect::None, |a| {
            delete(a, &format!("the needs assessment of {} on {}", p.value.child_ref, a.value.assessed_on))
        })
    }
    fn find(&self, r: &Records, record: RecordRef) -> Option<usize> {
        let id = record.id_of::<NeedsAssessment>()?;
        let placement = r.needs.iter().find(|(_, all)| all.iter().any(|a| a.id == id)).map(|(p, _)| *p)?;
        r.current().iter().position(|p| p.id == placement)
    }
}
