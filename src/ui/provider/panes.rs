//! The provider screen's panes: each one value that says what it shows and
//! what its keys do with the provider's records, so that a new pane is one
//! more `impl Pane` and one more entry in [`PANES`].

use super::{dash, dim_unless};
use crate::domain::contract::{Contract, ReturnsOwed};
use crate::domain::inspection::Inspection;
use crate::domain::placement::Placement;
use crate::domain::plan::PlanSource;
use crate::domain::provider::Provider;
use crate::domain::rating::Severity;
use crate::domain::returns;
use crate::domain::score::Score;
use crate::domain::setting::Setting;
use crate::domain::visit::Visit;
use crate::store::settings::SettingSummary;
use crate::store::{Record, RecordRef, Stored};
use crate::ui::actions::{archive_toggle, delete, issue_stop, request_plan};
use crate::ui::app::{Ctx, Effect};
use crate::ui::concerns::{self, ConcernRow, ConcernScreen};
use crate::ui::event::{Action, Command, Key};
use crate::ui::forms;
use crate::ui::forms::visit::Target;
use crate::ui::plans::{PlanListRow, PlanScreen};
use crate::ui::setting::SettingScreen;
use crate::ui::stops::{StopRow, StopScreen};
use crate::ui::theme::Theme;
use crate::ui::widgets::list::ListItem;
use crate::ui::widgets::score;
use crate::ui::widgets::table::{Column, figure};
use chrono::NaiveDate;
use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};

/// Everything the provider screen shows, read together.
pub(super) struct Records {
    pub provider: Stored<Provider>,
    pub settings: Vec<SettingSummary>,
    pub inspections: Vec<Stored<Inspection>>,
    pub contracts: Vec<Stored<Contract>>,
    pub placements: Vec<Stored<Placement>>,
    pub visits: Vec<Stored<Visit>>,
    pub concerns: Vec<ConcernRow>,
    pub plans: Vec<PlanListRow>,
    pub stops: Vec<StopRow>,
    /// The needs assessments of its placements, by placement, oldest first.
    pub needs: std::collections::HashMap<i64, Vec<Stored<crate::domain::needs::NeedsAssessment>>>,
    /// The outcomes agreed for its placements, the latest target first.
    pub outcomes: Vec<Stored<crate::domain::outcome::Outcome>>,
    /// The most points a needs domain can hold on the policy's scale.
    pub needs_top: u32,
    /// The provider's quality score, if any evidence gives one.
    pub score: Option<Score>,
    /// Its group and that group's owners, nearest first; empty for none.
    pub group: Vec<String>,
    pub today: NaiveDate,
}

/// Where `id`, if it is one, stands among `ids`.
fn position(id: Option<i64>, mut ids: impl Iterator<Item = i64>) -> Option<usize> {
    id.and_then(|id| ids.position(|i| i == id))
}

/// One pane: its name, its table, and what its keys do with the row at `at`.
pub(super) trait Pane: Sync {
    fn name(&self) -> &'static str;
    /// For a narrow screen: still its own word, none mistaken for another.
    fn short(&self) -> &'static str {
        self.name()
    }
    /// The footer's word for adding one here; none where nothing is added.
    fn adds(&self) -> Option<&'static str>;
    /// The figure beside its name on the tabs: by default, how many rows.
    fn figure(&self, r: &Records) -> String {
        self.len(r).to_string()
    }
    /// The title over its table.
    fn title(&self, _r: &Records) -> String {
        format!(" {} ", self.name())
    }
    fn columns(&self) -> &'static [Column<'static>];
    /// What it says when empty; `{new}` is the key that adds one.
    fn empty(&self) -> &'static str;
    fn len(&self, r: &Records) -> usize;
    fn cells<'a>(&self, r: &'a Records, at: usize, theme: &Theme) -> Vec<Line<'a>>;
    /// Adds a record; `setting` is the setting selected on the Settings pane, or the first.
    fn add(&self, r: &Records, setting: Option<i64>, ctx: &Ctx) -> Effect;
    fn edit(&self, r: &Records, at: usize, ctx: &Ctx) -> Effect;
    fn open(&self, r: &Records, at: usize, ctx: &Ctx) -> Effect {
        self.edit(r, at, ctx)
    }
    /// The pane's own key (archive, delete), and what it does.
    fn own_command(&self) -> Option<Command> {
        None
    }
    fn own_action(&self, _r: &Records, _at: usize, _ctx: &Ctx) -> Effect {
        Effect::None
    }
    /// The row of a record just saved, if it is one of this pane's.
    fn find(&self, _r: &Records, _record: RecordRef) -> Option<usize> {
        None
    }
    /// Whether the selected setting's judgement history shows below.
    fn shows_history(&self) -> bool {
        false
    }
    /// A box below the table about the row at `at`: its title and lines,
    /// fitted to `width`.
    fn detail(&self, _r: &Records, _at: usize, _width: u16, _theme: &Theme) -> Option<(String, Vec<Line<'static>>)> {
        None
    }
}

/// The panes in order.
pub(super) static PANES: [&dyn Pane; 11] = [
    &Settings,
    &Inspections,
    &Contracts,
    &Placements,
    &super::needs::Needs,
    &super::outcomes::Outcomes,
    &Visits,
    &Concerns,
    &Plans,
    &Stops,
    &Quality,
];

/// The places in [`PANES`] of those other keys reach: the Settings pane (whose
/// selection new inspections and placements start on), and the panes `i`,
/// `R` and `S` add to from any pane.
pub(super) const SETTINGS: usize = 0;
pub(super) const INSPECTIONS: usize = 1;
pub(super) const CONCERNS: usize = 7;
pub(super) const PLANS: usize = 8;
pub(super) const STOPS: usize = 9;

/// The key that deletes a record entered by mistake.
fn delete_command() -> Command {
    Command::new(Action::Delete, &[Key::char('d')], "delete", "Delete a record entered by mistake (asks first)")
}

/// A new inspection or placement needs a setting to be on.
fn needs_setting(ctx: &Ctx) -> Effect {
    Effect::Error(format!(
        "Add a setting first ({} to Settings, then {})",
        ctx.key(Action::NextPane),
        ctx.key(Action::New)
    ))
}

struct Settings;

impl Pane for Settings {
    fn name(&self) -> &'static str {
        "Settings"
    }
    fn short(&self) -> &'static str {
        "Sett."
    }
    fn adds(&self) -> Option<&'static str> {
        Some("new setting")
    }
    fn columns(&self) -> &'static [Column<'static>] {
        SETTING_COLUMNS
    }
    fn empty(&self) -> &'static str {
        "No settings yet: press {new} to add one."
    }
    fn len(&self, r: &Records) -> usize {
        r.settings.len()
    }
    fn cells<'a>(&self, r: &'a Records, at: usize, theme: &Theme) -> Vec<Line<'a>> {
        let s = &r.settings[at];
        let v = &s.setting.value;
        let archived = v.archived_on.is_some();
        let name = if archived { format!("{} [archived]", v.name) } else { v.name.clone() };
        let manager = match (&v.registered_manager, v.manager_vacant_on) {
            (_, Some(_)) => Line::from(Span::styled("⚠ vacant", theme.severity(Severity::RequiresImprovement))),
            (Some(m), None) => Line::from(m.clone()),
            (None, None) => Line::from(Span::styled("–", theme.dim())),
        };
        let area_text = match (v.in_area, v.distance_miles) {
            (true, _) => "in area".to_string(),
            (false, Some(d)) => format!("{d} mi"),
            (false, None) => "away".to_string(),
        };
        let cells = vec![
            Line::from(v.urn.as_ref().map(ToString::to_string).unwrap_or_else(|| "–".into())),
            Line::from(name),
            Line::from(v.kind.short()),
            Line::from(theme.judgement(s.judgement, true)),
            manager,
            figure(v.places.map(|p| p.to_string()).unwrap_or_default()),
            Line::from(v.town.clone()),
            Line::from(v.local_authority.clone()),
            Line::from(area_text),
            figure(s.children.to_string()),
        ];
        dim_unless(!archived, cells, theme)
    }
    fn add(&self, r: &Records, _setting: Option<i64>, _ctx: &Ctx) -> Effect {
        Effect::Form(forms::setting::form(r.provider.id, None, r.today))
    }
    fn edit(&self, r: &Records, at: usize, _ctx: &Ctx) -> Effect {
        r.settings
            .get(at)
            .map_or(Effect::None, |s| Effect::Form(forms::setting::form(r.provider.id, Some(&s.setting), r.today)))
    }
    fn open(&self, r: &Records, at: usize, ctx: &Ctx) -> Effect {
        r.settings.get(at).map_or(Effect::None, |s| SettingScreen::opening(ctx.policy, s.setting.id))
    }
    fn own_command(&self) -> Option<Command> {
        Some(Command::archive("Archive the setting (or restore it); its history stays"))
    }
    fn own_action(&self, r: &Records, at: usize, ctx: &Ctx) -> Effect {
        r.settings.get(at).map_or(Effect::None, |s| {
            archive_toggle(
                ctx,
                s.setting.id,
                s.setting.version,
                &s.setting.value,
                |v: &mut Setting, on| v.archived_on = on,
                "It leaves the working lists; its inspections and placements stay.",
            )
        })
    }
    fn find(&self, r: &Records, record: RecordRef) -> Option<usize> {
        position(record.id_of::<Setting>(), r.settings.iter().map(|s| s.setting.id))
    }
    fn shows_history(&self) -> bool {
        true
    }
}

struct Inspections;

impl Pane for Inspections {
    fn name(&self) -> &'static str {
        "Inspections"
    }
    fn short(&self) -> &'static str {
        "Insp."
    }
    fn adds(&self) -> Option<&'static str> {
        Some("new inspection")
    }
    fn columns(&self) -> &'static [Column<'static>] {
        INSPECTION_COLUMNS
    }
    fn empty(&self) -> &'static str {
        "No inspections recorded: press {new} to add one."
    }
    fn len(&self, r: &Records) -> usize {
        r.inspections.len()
    }
    fn cells<'a>(&self, r: &'a Records, at: usize, theme: &Theme) -> Vec<Line<'a>> {
        let i = &r.inspections[at].value;
        vec![
            Line::from(i.date.to_string()),
            Line::from(r.setting_name(i.setting_id)),
            Line::from(i.kind.label()),
            Line::from(theme.judgement(i.overall, true)),
            Line::from(i.framework.short()),
            // The same judgement under each framework's heading.
            Line::from(theme.judgement(i.protection.or(i.safeguarding), true)),
            Line::from(theme.judgement(i.leadership.or(i.management), true)),
        ]
    }
    fn add(&self, r: &Records, setting: Option<i64>, ctx: &Ctx) -> Effect {
        match setting {
            Some(s) => {
                let days = &ctx.policy.decommissioning;
                Effect::Form(forms::inspection::form(r.setting_choices(), s, None, days, r.today))
            }
            None => needs_setting(ctx),
        }
    }
    fn edit(&self, r: &Records, at: usize, ctx: &Ctx) -> Effect {
        r.inspections.get(at).map_or(Effect::None, |i| {
            let days = &ctx.policy.decommissioning;
            Effect::Form(forms::inspection::form(r.setting_choices(), i.value.setting_id, Some(i), days, r.today))
        })
    }
    fn own_command(&self) -> Option<Command> {
        Some(delete_command())
    }
    fn own_action(&self, r: &Records, at: usize, _ctx: &Ctx) -> Effect {
        r.inspections.get(at).map_or(Effect::None, |i| {
            let what = i.value.kind.to_string().to_lowercase();
            delete(i, &format!("the {what} of {} on {}", r.setting_name(i.value.setting_id), i.value.date))
        })
    }
    fn find(&self, r: &Records, record: RecordRef) -> Option<usize> {
        position(record.id_of::<Inspection>(), r.inspections.iter().map(|i| i.id))
    }
}

struct Contracts;

impl Pane for Contracts {
    fn name(&self) -> &'static str {
        "Contracts"
    }
    fn short(&self) -> &'static str {
        "Contr."
    }
    fn adds(&self) -> Option<&'static str> {
        Some("new contract")
    }
    fn columns(&self) -> &'static [Column<'static>] {
        CONTRACT_COLUMNS
    }
    fn empty(&self) -> &'static str {
        "No contracts: press {new} to add one."
    }
    fn len(&self, r: &Records) -> usize {
        r.contracts.len()
    }
    fn cells<'a>(&self, r: &'a Records, at: usize, theme: &Theme) -> Vec<Line<'a>> {
        let c = &r.contracts[at].value;
        let live = c.is_live(r.today);
        let cells = vec![
            Line::from(c.reference.clone()),
            Line::from(c.kind.label()),
            Line::from(c.title.clone()),
            Line::from(c.start.to_string()),
            Line::from(dash(c.ends(), "open")),
            figure(c.annual_value.full()),
            Line::from(c.status(r.today)),
            Line::from(match (c.returns, returns::named(c.returns)) {
                (_, Some(kind)) => kind.short(),
                (ReturnsOwed::Nothing, None) => "none",
                _ => "by its type",
            }),
            Line::from(c.terms()),
        ];
        dim_unless(live, cells, theme)
    }
    fn add(&self, r: &Records, _setting: Option<i64>, _ctx: &Ctx) -> Effect {
        Effect::Form(forms::contract::form(r.provider.id, None, r.today))
    }
    fn edit(&self, r: &Records, at: usize, _ctx: &Ctx) -> Effect {
        r.contracts
            .get(at)
            .map_or(Effect::None, |c| Effect::Form(forms::contract::form(r.provider.id, Some(c), r.today)))
    }
    fn find(&self, r: &Records, record: RecordRef) -> Option<usize> {
        position(record.id_of::<Contract>(), r.contracts.iter().map(|c| c.id))
    }
}

struct Placements;

impl Pane for Placements {
    fn name(&self) -> &'static str {
        "Placements"
    }
    fn short(&self) -> &'static str {
        "Plac."
    }
    fn adds(&self) -> Option<&'static str> {
        Some("new placement")
    }
    fn columns(&self) -> &'static [Column<'static>] {
        PLACEMENT_COLUMNS
    }
    fn empty(&self) -> &'static str {
        "No placements: press {new} to add one."
    }
    fn len(&self, r: &Records) -> usize {
        r.placements.len()
    }
    fn cells<'a>(&self, r: &'a Records, at: usize, theme: &Theme) -> Vec<Line<'a>> {
        let p = &r.placements[at].value;
        let contract = p
            .contract_id
            .and_then(|id| r.contracts.iter().find(|c| c.id == id))
            .map_or_else(String::new, |c| c.value.reference.clone());
        let cells = vec![
            Line::from(p.child_ref.to_string()),
            Line::from(r.setting_name(p.setting_id)),
            Line::from(p.start.to_string()),
            Line::from(dash(p.end, "current")),
            figure(p.weekly_cost.full()),
            figure(p.distance_miles.map(|d| d.to_string()).unwrap_or_default()),
            Line::from(contract),
        ];
        dim_unless(p.is_active(r.today), cells, theme)
    }
    fn add(&self, r: &Records, setting: Option<i64>, ctx: &Ctx) -> Effect {
        match setting {
            Some(s) => {
                Effect::Form(forms::placement::form(r.setting_choices(), r.contract_choices(), s, None, r.today))
            }
            None => needs_setting(ctx),
        }
    }
    fn edit(&self, r: &Records, at: usize, _ctx: &Ctx) -> Effect {
        r.placements.get(at).map_or(Effect::None, |p| {
            let (settings, contracts) = (r.setting_choices(), r.contract_choices());
            Effect::Form(forms::placement::form(settings, contracts, p.value.setting_id, Some(p), r.today))
        })
    }
    fn own_command(&self) -> Option<Command> {
        Some(delete_command())
    }
    fn own_action(&self, r: &Records, at: usize, _ctx: &Ctx) -> Effect {
        r.placements.get(at).map_or(Effect::None, |p| {
            let (child, place) = (&p.value.child_ref, r.setting_name(p.value.setting_id));
            delete(p, &format!("the placement of {child} at {place} from {}", p.value.start))
        })
    }
    fn find(&self, r: &Records, record: RecordRef) -> Option<usize> {
        position(record.id_of::<Placement>(), r.placements.iter().map(|p| p.id))
    }
}

struct Visits;

impl Pane for Visits {
    fn name(&self) -> &'static str {
        "Visits"
    }
    fn short(&self) -> &'static str {
        "Vis."
    }
    fn adds(&self) -> Option<&'static str> {
        Some("log meeting")
    }
    fn columns(&self) -> &'static [Column<'static>] {
        VISIT_COLUMNS
    }
    fn empty(&self) -> &'static str {
        "No visits or meetings: {new} logs a contract meeting."
    }
    fn len(&self, r: &Records) -> usize {
        r.visits.len()
    }
    fn cells<'a>(&self, r: &'a Records, at: usize, theme: &Theme) -> Vec<Line<'a>> {
        let v = &r.visits[at].value;
        let date = v.completed.unwrap_or(v.planned).to_string();
        let place = v.setting_id.map_or_else(|| "with the provider".to_string(), |id| r.setting_name(id));
        let outcome = v.outcome.map_or_else(|| Span::styled("planned", theme.dim()), |o| Span::raw(o.label()));
        vec![
            Line::from(date),
            Line::from(place),
            Line::from(v.kind.label()),
            Line::from(v.officer.clone()),
            Line::from(outcome),
        ]
    }
    fn add(&self, r: &Records, _setting: Option<i64>, _ctx: &Ctx) -> Effect {
        Effect::Form(forms::visit::form(Target::Provider(r.provider.id), None, true, "", r.today))
    }
    fn edit(&self, r: &Records, at: usize, _ctx: &Ctx) -> Effect {
        r.visits.get(at).map_or(Effect::None, |v| {
            let target = v.value.setting_id.map_or(Target::Provider(r.provider.id), Target::Setting);
            Effect::Form(forms::visit::form(target, Some(v), v.value.completed.is_some(), &v.value.officer, r.today))
        })
    }
    fn own_command(&self) -> Option<Command> {
        Some(delete_command())
    }
    fn own_action(&self, r: &Records, at: usize, _ctx: &Ctx) -> Effect {
        r.visits.get(at).map_or(Effect::None, |v| delete(v, &format!("the {}", v.value.describe())))
    }
    fn find(&self, r: &Records, record: RecordRef) -> Option<usize> {
        position(record.id_of::<Visit>(), r.visits.iter().map(|v| v.id))
    }
}

struct Concerns;

impl Pane for Concerns {
    fn name(&self) -> &'static str {
        "Concerns"
    }
    fn short(&self) -> &'static str {
        "Conc."
    }
    fn adds(&self) -> Option<&'static str> {
        Some("raise concern")
    }
    fn columns(&self) -> &'static [Column<'static>] {
        ConcernRow::COLUMNS
    }
    fn empty(&self) -> &'static str {
        "No concerns: {new} raises one."
    }
    fn len(&self, r: &Records) -> usize {
        r.concerns.len()
    }
    fn cells<'a>(&self, r: &'a Records, at: usize, theme: &Theme) -> Vec<Line<'a>> {
        r.concerns[at].cells(theme)
    }
    fn add(&self, r: &Records, _setting: Option<i64>, ctx: &Ctx) -> Effect {
        concerns::new_concern(ctx, Some(r.whole()))
    }
    fn edit(&self, r: &Records, at: usize, ctx: &Ctx) -> Effect {
        r.concerns
            .get(at)
            .map_or(Effect::None, |c| ConcernScreen::open(ctx.store, c.concern.id).map(Effect::push).into())
    }
}

struct Plans;

impl Pane for Plans {
    fn name(&self) -> &'static str {
        "Plans"
    }
    fn adds(&self) -> Option<&'static str> {
        Some("request plan")
    }
    fn columns(&self) -> &'static [Column<'static>] {
        PlanListRow::COLUMNS
    }
    fn empty(&self) -> &'static str {
        "No improvement plans: {new} requests one."
    }
    fn len(&self, r: &Records) -> usize {
        r.plans.len()
    }
    fn cells<'a>(&self, r: &'a Records, at: usize, theme: &Theme) -> Vec<Line<'a>> {
        r.plans[at].cells(theme)
    }
    fn add(&self, r: &Records, _setting: Option<i64>, ctx: &Ctx) -> Effect {
        request_plan(ctx, r.whole(), (PlanSource::Other, None))
    }
    fn edit(&self, r: &Records, at: usize, ctx: &Ctx) -> Effect {
        r.plans.get(at).map_or(Effect::None, |p| PlanScreen::open(ctx.store, p.plan.id).map(Effect::push).into())
    }
}

struct Stops;

impl Pane for Stops {
    fn name(&self) -> &'static str {
        "Stops"
    }
    fn adds(&self) -> Option<&'static str> {
        Some("issue stop")
    }
    fn columns(&self) -> &'static [Column<'static>] {
        StopRow::COLUMNS
    }
    fn empty(&self) -> &'static str {
        "No placement stops: {new} issues one."
    }
    fn len(&self, r: &Records) -> usize {
        r.stops.len()
    }
    fn cells<'a>(&self, r: &'a Records, at: usize, theme: &Theme) -> Vec<Line<'a>> {
        r.stops[at].cells(theme)
    }
    fn add(&self, r: &Records, _setting: Option<i64>, ctx: &Ctx) -> Effect {
        issue_stop(ctx, r.whole(), None)
    }
    fn edit(&self, r: &Records, at: usize, ctx: &Ctx) -> Effect {
        r.stops.get(at).map_or(Effect::None, |s| StopScreen::open(ctx.store, s.stop.id).map(Effect::push).into())
    }
}

struct Quality;

impl Pane for Quality {
    fn name(&self) -> &'static str {
        "Score"
    }
    fn short(&self) -> &'static str {
        "Sc."
    }
    fn adds(&self) -> Option<&'static str> {
        None
    }
    fn figure(&self, r: &Records) -> String {
        r.score.as_ref().map_or_else(|| "–".into(), Score::label)
    }
    fn title(&self, r: &Records) -> String {
        match &r.score {
            Some(s) => format!(" Score {}: {}% of its weight rests on evidence ", s.label(), s.coverage()),
            None => " Score ".into(),
        }
    }
    fn columns(&self) -> &'static [Column<'static>] {
        score::COLUMNS
    }
    fn empty(&self) -> &'static str {
        "No quality score: nothing is known of this provider yet."
    }
    fn len(&self, r: &Records) -> usize {
        r.score.as_ref().map_or(0, |s| s.components.len())
    }
    fn cells<'a>(&self, r: &'a Records, at: usize, theme: &Theme) -> Vec<Line<'a>> {
        r.score.as_ref().and_then(|s| s.components.get(at)).map_or_else(Vec::new, |c| score::cells(c, theme))
    }
    fn add(&self, _r: &Records, _setting: Option<i64>, _ctx: &Ctx) -> Effect {
        Effect::None
    }
    fn edit(&self, _r: &Records, _at: usize, _ctx: &Ctx) -> Effect {
        Effect::None
    }
}

const SETTING_COLUMNS: &[Column<'static>] = &[
    Column::new("URN", Constraint::Length(8)),
    Column::new("Setting", Constraint::Min(16)),
    Column::new("Kind", Constraint::Length(8)),
    Column::new("Judgement", Constraint::Length(16)),
    Column::new("Manager", Constraint::Length(16)).from_width(110),
    Column::new("Places", Constraint::Length(6)).from_width(150),
    Column::new("Town", Constraint::Length(14)).from_width(140),
    Column::new("Local authority", Constraint::Length(16)).from_width(100),
    Column::new("Area", Constraint::Length(8)),
    Column::new("Children", Constraint::Length(8)),
];

const INSPECTION_COLUMNS: &[Column<'static>] = &[
    Column::new("Date", Constraint::Length(10)),
    Column::new("Setting", Constraint::Min(16)),
    Column::new("Kind", Constraint::Length(16)),
    Column::new("Headline", Constraint::Length(16)),
    Column::new("Framework", Constraint::Length(16)).from_width(110),
    Column::new("Safeguarding", Constraint::Length(16)).from_width(110),
    Column::new("Leadership", Constraint::Length(16)).from_width(110),
];

const CONTRACT_COLUMNS: &[Column<'static>] = &[
    Column::new("Reference", Constraint::Length(12)),
    Column::new("Type", Constraint::Length(9)),
    Column::new("Title", Constraint::Min(16)),
    Column::new("Start", Constraint::Length(10)),
    Column::new("End", Constraint::Length(10)),
    Column::new("Annual value", Constraint::Length(12)),
    Column::new("Status", Constraint::Length(6)).from_width(100),
    Column::new("Returns", Constraint::Length(15)).from_width(120),
    Column::new("Terms", Constraint::Length(24)).from_width(140),
];

const VISIT_COLUMNS: &[Column<'static>] = &[
    Column::new("Date", Constraint::Length(10)),
    Column::new("Setting", Constraint::Min(16)),
    Column::new("Kind", Constraint::Length(17)),
    Column::new("Officer", Constraint::Length(12)),
    Column::new("Outcome", Constraint::Length(16)),
];

const PLACEMENT_COLUMNS: &[Column<'static>] = &[
    Column::new("Child", Constraint::Length(10)),
    Column::new("Setting", Constraint::Min(14)),
    Column::new("Start", Constraint::Length(10)),
    Column::new("End", Constraint::Length(10)),
    Column::new("Weekly", Constraint::Length(10)),
    Column::new("Miles", Constraint::Length(6)),
    Column::new("Contract", Constraint::Length(12)).from_width(100),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_places_other_keys_reach_are_the_panes_they_name() {
        let names = [
            (SETTINGS, "Settings"),
            (INSPECTIONS, "Inspections"),
            (CONCERNS, "Concerns"),
            (PLANS, "Plans"),
            (STOPS, "Stops"),
        ];
        for (at, name) in names {
            assert_eq!(PANES[at].name(), name);
        }
        let shorts: std::collections::HashSet<&str> = PANES.iter().map(|p| p.short()).collect();
        assert_eq!(shorts.len(), PANES.len(), "no two panes share a short name");
    }
}
