//! The Reg 44 screen's rows: a home's months, a finding, a flag.

use crate::domain::code::Code;
use crate::domain::date::Month;
use crate::domain::rating::Severity;
use crate::domain::reg44::{Finding, FindingSeverity, FindingStatus, Flag, MonthState, Standard};
use crate::store::Stored;
use crate::store::monitoring::{self, MonitoringRow, REG44_MONTHS};
use crate::ui::theme::Theme;
use crate::ui::widgets::list::{ListItem, SortKey};
use crate::ui::widgets::table::Column;
use crate::ui::widgets::table::figure;
use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::sync::Arc;

/// The matrix columns: home, twelve months, compliance, reports read, flags.
/// Under `WIDE_MONTHS` columns the months narrow to one letter, so nothing
/// that carries meaning (reports read, flags) is dropped at 80 wide.
pub(super) fn matrix_columns(wide: bool) -> Vec<Column<'static>> {
    let mut c = vec![Column::new("Home", Constraint::Min(18))];
    c.extend((0..REG44_MONTHS).map(|_| Column::new("", Constraint::Length(if wide { 3 } else { 1 }))));
    c.push(Column::new("Rate", Constraint::Length(4)));
    c.push(Column::new("Read", Constraint::Length(5)));
    c.push(Column::new("Flags", Constraint::Min(10)));
    c
}

/// The matrix's columns by name: the home, a month each, then these.
pub(super) const HOME: usize = 0;
pub(super) const RATE: usize = REG44_MONTHS + 1;
pub(super) const FLAGS: usize = REG44_MONTHS + 3;

/// The findings list's month column, which it starts sorted by, newest first.
pub(super) const FINDING_MONTH: usize = 1;

/// The width from which the months are headed "Dec", not "D".
pub(super) const WIDE_MONTHS: u16 = 100;

pub fn state_style(state: MonthState, theme: &Theme) -> Style {
    match state {
        MonthState::Received => theme.ok(),
        MonthState::Late => theme.severity(Severity::RequiresImprovement),
        MonthState::Missing => theme.error(),
        MonthState::Awaited | MonthState::NotOwed => theme.dim(),
    }
}

/// A home's line in the matrix.
pub struct MatrixRow {
    pub(super) row: Arc<MonitoringRow>,
}

impl MatrixRow {
    pub(super) fn reg44(&self) -> &monitoring::HomeReg44 {
        self.row.reg44.as_ref().expect("matrix rows are children's homes")
    }
}

impl ListItem for MatrixRow {
    // The month headers change with today, so the screen draws them; these are fallbacks.
    const COLUMNS: &'static [Column<'static>] = &[];

    fn id(&self) -> i64 {
        self.row.summary.setting.id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let r = self.reg44();
        let mut cells = vec![Line::from(self.row.summary.setting.value.name.clone())];
        cells.extend(
            r.months.iter().map(|m| Line::from(Span::styled(m.state.symbol(), state_style(m.state, theme))).centered()),
        );
        cells.push(figure(r.compliance.map(|c| format!("{c}%")).unwrap_or_else(|| "–".into())));
        let received = r.months.iter().filter(|m| m.state.is_received()).count();
        // Of the reports owed and received; one sent for a month not owed is not counted.
        let read = r.months.iter().filter(|m| m.reviewed && m.state.is_received()).count();
        cells.push(figure(format!("{read}/{received}")));
        let flags: Vec<&str> = r.flags.iter().map(|f| f.short.as_str()).collect();
        cells.push(Line::from(Span::styled(flags.join("; "), theme.severity(Severity::RequiresImprovement))));
        cells
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let r = self.reg44();
        match column {
            RATE => SortKey::Number(r.compliance.map_or(101, i64::from)),
            FLAGS => SortKey::Number(-(r.flags.len() as i64)),
            _ => SortKey::Text(self.row.summary.setting.value.name.to_lowercase()),
        }
    }

    fn haystack(&self) -> String {
        let s = &self.row.summary.setting.value;
        let flags: Vec<&str> = self.reg44().flags.iter().map(|f| f.short.as_str()).collect();
        format!("{} {} {} {}", s.name, self.row.summary.provider_name, s.local_authority, flags.join(" "))
    }
}

/// A finding with its home and month.
#[derive(Clone)]
pub struct FindingRow {
    pub(super) finding: Arc<Stored<Finding>>,
    pub(super) home: Arc<str>,
    pub(super) month: Month,
}

impl ListItem for FindingRow {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Home", Constraint::Length(18)),
        Column::new("Month", Constraint::Length(8)),
        Column::new("Standard", Constraint::Length(8)),
        Column::new("Severity", Constraint::Length(8)),
        Column::new("Status", Constraint::Length(8)),
        Column::new("Finding", Constraint::Min(20)),
    ];

    fn id(&self) -> i64 {
        self.finding.id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let f = &self.finding.value;
        let severity_style = match f.severity {
            FindingSeverity::Serious => theme.error(),
            FindingSeverity::High => theme.severity(Severity::RequiresImprovement),
            _ => Style::new(),
        };
        let status = match (f.status, f.closed_on) {
            (FindingStatus::Closed, Some(on)) => format!("closed {}", on.format("%d %b")),
            (status, _) => status.label().to_lowercase(),
        };
        vec![
            Line::from(self.home.to_string()),
            Line::from(self.month.label()),
            Line::from(standard_short(f.standard)),
            Line::from(Span::styled(f.severity.label(), severity_style)),
            Line::from(status),
            Line::from(f.text.clone()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let f = &self.finding.value;
        match column {
            FINDING_MONTH => SortKey::Text(self.month.to_string()),
            2 => SortKey::Number(Standard::ALL.iter().position(|s| *s == f.standard).unwrap_or(0) as i64),
            3 => SortKey::Number(-(FindingSeverity::ALL.iter().position(|s| *s == f.severity).unwrap_or(0) as i64)),
            4 => SortKey::Text(f.status.code().into()),
            5 => SortKey::Text(f.text.to_lowercase()),
            _ => SortKey::Text(self.home.to_lowercase()),
        }
    }

    fn haystack(&self) -> String {
        let f = &self.finding.value;
        format!("{} {} {} {}", self.home, self.month.label(), f.standard.label(), f.text)
    }
}

/// "Reg 12" for "12 Protection of children".
pub(super) fn standard_short(s: Standard) -> String {
    match s {
        Standard::Other => "Other".into(),
        s => format!("Reg {}", s.label().split(' ').next().unwrap_or("")),
    }
}

/// A flag with its home.
pub struct FlagRow {
    pub(super) flag: Flag,
    pub(super) home: String,
    pub(super) setting_id: i64,
}

impl ListItem for FlagRow {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Home", Constraint::Length(18)),
        Column::new("Flag", Constraint::Length(34)),
        Column::new("Evidence", Constraint::Min(20)),
        Column::new("Since", Constraint::Length(10)).from_width(110),
    ];

    fn id(&self) -> i64 {
        self.setting_id * 16 + self.flag.kind as i64
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        vec![
            Line::from(self.home.to_string()),
            Line::from(Span::styled(format!("▲ {}", self.flag.short), theme.severity(Severity::RequiresImprovement))),
            Line::from(self.flag.evidence.clone()),
            Line::from(self.flag.since.to_string()),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        match column {
            1 => SortKey::Text(self.flag.short.clone()),
            3 => SortKey::Text(self.flag.since.to_string()),
            _ => SortKey::Text(self.home.to_lowercase()),
        }
    }

    fn haystack(&self) -> String {
        format!("{} {} {}", self.home, self.flag.short, self.flag.evidence)
    }
}
