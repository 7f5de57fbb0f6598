//! The provider screen's panes, and the columns each shows.

use crate::ui::concerns::ConcernRow;
use crate::ui::plans::PlanListRow;
use crate::ui::stops::StopRow;
use crate::ui::widgets::list::ListItem;
use crate::ui::widgets::table::Column;
use ratatui::layout::Constraint;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pane {
    Settings,
    Inspections,
    Contracts,
    Placements,
    Visits,
    Concerns,
    Plans,
    Stops,
}

pub(super) const PANES: [Pane; 8] = [
    Pane::Settings,
    Pane::Inspections,
    Pane::Contracts,
    Pane::Placements,
    Pane::Visits,
    Pane::Concerns,
    Pane::Plans,
    Pane::Stops,
];

impl Pane {
    pub(super) fn name(self) -> &'static str {
        match self {
            Pane::Settings => "Settings",
            Pane::Inspections => "Inspections",
            Pane::Contracts => "Contracts",
            Pane::Placements => "Placements",
            Pane::Visits => "Visits",
            Pane::Concerns => "Concerns",
            Pane::Plans => "Plans",
            Pane::Stops => "Stops",
        }
    }

    /// For a narrow screen: each still its own word, none mistaken for another.
    pub(super) fn short(self) -> &'static str {
        match self {
            Pane::Inspections => "Insp.",
            Pane::Contracts => "Contr.",
            Pane::Placements => "Plac.",
            Pane::Concerns => "Conc.",
            other => other.name(),
        }
    }

    pub(super) fn index(self) -> usize {
        PANES.iter().position(|p| *p == self).unwrap_or(0)
    }

    /// The pane's columns, and what it says when empty, naming `new`, the
    /// key that adds a record.
    pub(super) fn table(self, new: &str) -> (&'static [Column<'static>], String) {
        let (columns, empty) = match self {
            Pane::Settings => (SETTING_COLUMNS, "No settings yet: press {new} to add one."),
            Pane::Inspections => (INSPECTION_COLUMNS, "No inspections recorded: press {new} to add one."),
            Pane::Contracts => (CONTRACT_COLUMNS, "No contracts: press {new} to add one."),
            Pane::Placements => (PLACEMENT_COLUMNS, "No placements: press {new} to add one."),
            Pane::Visits => (VISIT_COLUMNS, "No visits or meetings: {new} logs a contract meeting."),
            Pane::Concerns => (ConcernRow::COLUMNS, "No concerns: {new} raises one."),
            Pane::Plans => (PlanListRow::COLUMNS, "No improvement plans: {new} requests one."),
            Pane::Stops => (StopRow::COLUMNS, "No placement stops: {new} issues one."),
        };
        (columns, empty.replace("{new}", new))
    }
}

pub(super) const SETTING_COLUMNS: &[Column<'static>] = &[
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

pub(super) const INSPECTION_COLUMNS: &[Column<'static>] = &[
    Column::new("Date", Constraint::Length(10)),
    Column::new("Setting", Constraint::Min(16)),
    Column::new("Kind", Constraint::Length(16)),
    Column::new("Headline", Constraint::Length(16)),
    Column::new("Framework", Constraint::Length(16)).from_width(110),
    Column::new("Safeguarding", Constraint::Length(16)).from_width(110),
    Column::new("Leadership", Constraint::Length(16)).from_width(110),
];

pub(super) const CONTRACT_COLUMNS: &[Column<'static>] = &[
    Column::new("Reference", Constraint::Length(12)),
    Column::new("Type", Constraint::Length(9)),
    Column::new("Title", Constraint::Min(16)),
    Column::new("Start", Constraint::Length(10)),
    Column::new("End", Constraint::Length(10)),
    Column::new("Annual value", Constraint::Length(12)),
    Column::new("Status", Constraint::Length(6)).from_width(100),
];

pub(super) const VISIT_COLUMNS: &[Column<'static>] = &[
    Column::new("Date", Constraint::Length(10)),
    Column::new("Setting", Constraint::Min(16)),
    Column::new("Kind", Constraint::Length(17)),
    Column::new("Officer", Constraint::Length(12)),
    Column::new("Outcome", Constraint::Length(16)),
];

pub(super) const PLACEMENT_COLUMNS: &[Column<'static>] = &[
    Column::new("Child", Constraint::Length(10)),
    Column::new("Setting", Constraint::Min(14)),
    Column::new("Start", Constraint::Length(10)),
    Column::new("End", Constraint::Length(10)),
    Column::new("Weekly", Constraint::Length(10)),
    Column::new("Miles", Constraint::Length(6)),
    Column::new("Contract", Constraint::Length(12)).from_width(100),
];
