//! The Reg 44 screen: a matrix of homes by month (✓ received, L late,
//! ✗ missing, · awaited), the findings across homes, and the flags with
//! their evidence. Reports are entered and marked as read from the matrix.

use super::app::{Ctx, Effect, Screen, View};
use super::cycle;
use super::event::{Action, Command, Key};
use super::forms::reg44::{finding_form, report_form, review_form};
use super::loaded::Mismatch;
use super::reader::{Load, Loaded};
use super::setting::SettingScreen;
use super::widgets::list::ListView;
use super::widgets::panes;
use super::widgets::table::Column;
use crate::domain::code::Code;
use crate::domain::date::Month;
use crate::domain::plural;
use crate::domain::policy::Policy;
use crate::domain::reg44::Finding;
use crate::domain::reg44::{FindingSeverity, FindingStatus, Standard};
use crate::store::RecordRef;
use crate::store::monitoring::{self, MonitoringRow, REG44_MONTHS};
use crate::store::reg44::ReportHeader;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use std::collections::HashMap;
use std::sync::Arc;

mod rows;
pub use rows::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pane {
    Matrix,
    Findings,
    Flags,
}

const PANES: [Pane; 3] = [Pane::Matrix, Pane::Findings, Pane::Flags];

/// Narrowing the findings list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct FindingFacets {
    standard: Option<Standard>,
    severity: Option<FindingSeverity>,
    status: Option<FindingStatus>,
}

pub struct Reg44Screen {
    pane: Pane,
    matrix: ListView<MatrixRow>,
    /// The month column under the cursor, 0 = oldest.
    column: usize,
    findings: ListView<FindingRow>,
    all_findings: Vec<FindingRow>,
    /// The findings are read when their pane is first shown after a change.
    findings_stale: bool,
    facets: FindingFacets,
    flags: ListView<FlagRow>,
    /// The matrix's reports, by home.
    /// The report under the matrix cursor: which cell, and what is recorded.
    under_cursor: Option<((i64, Month), Option<ReportHeader>)>,
    policy: Policy,
    today: NaiveDate,
}

impl Reg44Screen {
    pub fn new(policy: &Policy, today: NaiveDate) -> Reg44Screen {
        let mut matrix = ListView::new("homes")
            .when_empty("No monitored children's homes: homes in our area or with children placed owe reports.");
        // It opens on the latest month whose report is due, not the one still awaited.
        let due = crate::domain::reg44::last_due_month(today, policy.reg44.due_day);
        let column = Month::of(today).back(REG44_MONTHS).iter().position(|m| *m == due).unwrap_or(REG44_MONTHS - 1);
        matrix.cursor = Some(1 + column);
        Reg44Screen {
            pane: Pane::Matrix,
            matrix,
            column,
            findings: ListView::new("findings")
                .sorted_by(FINDING_MONTH, false)
                .when_empty("No open or actioned findings in the last twelve months."),
            all_findings: Vec::new(),
            findings_stale: true,
            facets: FindingFacets::default(),
            flags: ListView::new("flags")
                .when_empty("No flags: no vacancies, rising missing episodes, recurring themes or worrying opinions."),
            under_cursor: None,
            policy: policy.clone(),
            today,
        }
    }

    fn months(&self) -> Vec<Month> {
        Month::of(self.today).back(REG44_MONTHS)
    }

    fn refilter_findings(&mut self) {
        let f = &self.facets;
        let keep = |r: &FindingRow| {
            let v = &r.finding.value;
            f.standard.is_none_or(|s| v.standard == s)
                && f.severity.is_none_or(|s| v.severity == s)
                && f.status.is_none_or(|s| v.status == s)
        };
        let rows = self.all_findings.iter().filter(|r| keep(r)).cloned();
        self.findings.set_items(rows.collect());
    }

    /// The home and month under the matrix cursor.
    fn cell_key(&self) -> Option<(i64, Month)> {
        Some((self.matrix.selected()?.row.summary.setting.id, *self.months().get(self.column)?))
    }

    /// The report under the matrix cursor, its home's name and the month.
    fn cell(&self) -> Option<(i64, String, Month, Option<&ReportHeader>)> {
        let (id, month) = self.cell_key()?;
        let name = self.matrix.selected()?.row.summary.setting.value.name.clone();
        let report = self.under_cursor.as_ref().filter(|(key, _)| *key == (id, month)).and_then(|(_, r)| r.as_ref());
        Some((id, name, month, report))
    }

    fn open_report(&self, ctx: &Ctx) -> Effect {
        let Some((id, home, month, _)) = self.cell() else { return Effect::None };
        let read = ctx.store.reg44_report(id, month).and_then(|r| Ok((r, ctx.store.latest_reg44_report(id)?)));
        match read {
            Ok((report, last)) => Effect::Form(report_form(
                id,
                &home,
                month,
                report.as_ref(),
                last.as_ref().map(|l| &l.value),
                ctx.store.today(),
            )),
            Err(e) => Effect::Error(e.to_string()),
        }
    }

    fn facet_label(&self) -> String {
        let f = &self.facets;
        let parts: Vec<String> = [
            f.standard.map(standard_short),
            f.severity.map(|s| s.label().to_lowercase()),
            f.status.map(|s| s.label().to_lowercase()),
        ]
        .into_iter()
        .flatten()
        .collect();
        parts.join(" · ")
    }
}

impl Screen for Reg44Screen {
    fn title(&self) -> String {
        "Reg 44".into()
    }

    fn commands(&self) -> Vec<Command> {
        let mut c = Vec::from(panes::commands("Next pane: matrix, findings, flags"));
        match self.pane {
            Pane::Matrix => {
                c.extend([
                    Command::new(
                        Action::Open,
                        &[Key::plain(KeyCode::Enter)],
                        "report",
                        "Open the month's report, or enter it if not yet recorded",
                    ),
                    Command::new(
                        Action::PrevColumn,
                        &[Key::plain(KeyCode::Left), Key::char('h')],
                        "month",
                        "Previous month",
                    )
                    .quiet(),
                    Command::new(
                        Action::NextColumn,
                        &[Key::plain(KeyCode::Right), Key::char('l')],
                        "next month",
                        "Next month",
                    )
                    .quiet(),
                    Command::new(
                        Action::MarkRead,
                        &[Key::char('r')],
                        "mark read",
                        "Mark the report as read: by whom, when, a note",
                    ),
                    Command::new(
                        Action::OpenSetting,
                        &[Key::char('o')],
                        "home",
                        "Open the home: tier, reasons, visits",
                    )
                    .quiet(),
                ]);
                c.extend(ListView::<MatrixRow>::commands().into_iter().filter(|c| c.action == Action::Filter));
                c.push(Command::new(
                    Action::SortNext,
                    &[Key::char('s')],
                    "sort",
                    "Sort by name, worst compliance, or most flags",
                ));
            }
            Pane::Findings => {
                c.extend([
                    Command::new(
                        Action::Edit,
                        &[Key::char('e'), Key::plain(KeyCode::Enter)],
                        "edit",
                        "Edit the finding",
                    ),
                    Command::new(Action::CloseFinding, &[Key::char('c')], "close", "Close the finding today"),
                    Command::new(
                        Action::FilterStandard,
                        &[Key::char('f')],
                        "standard",
                        "Show one Quality Standard at a time",
                    ),
                    Command::new(Action::FilterSeverity, &[Key::char('v')], "severity", "Show one severity at a time"),
                    Command::new(Action::FilterStatus, &[Key::char('t')], "status", "Show one status at a time"),
                ]);
                c.extend(ListView::<FindingRow>::commands().into_iter().filter(|c| c.action != Action::ToggleArchived));
            }
            Pane::Flags => {
                c.push(Command::new(
                    Action::Open,
                    &[Key::plain(KeyCode::Enter)],
                    "open home",
                    "Open the home: tier, reasons, visits",
                ));
                c.extend(ListView::<FlagRow>::commands().into_iter().filter(|c| c.action != Action::ToggleArchived));
            }
        }
        c
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let at = PANES.iter().position(|p| *p == self.pane).unwrap_or(0);
        if let Some(next) = panes::step(action, at, PANES.len()) {
            self.pane = PANES[next];
            // The findings are read with the rest of the screen, now that they show.
            return match self.pane == Pane::Findings && self.findings_stale {
                true => Effect::Reread,
                false => Effect::None,
            };
        }
        let open_home = |id: i64| SettingScreen::opening(ctx.policy, id);
        match self.pane {
            Pane::Matrix => {
                if action != Action::SortNext && self.matrix.update(action) {
                    return Effect::None;
                }
                match action {
                    Action::PrevColumn => self.column = self.column.saturating_sub(1),
                    Action::NextColumn => self.column = (self.column + 1).min(REG44_MONTHS - 1),
                    Action::SortNext => {
                        // Name, then worst compliance first, then most flags first.
                        let next = match self.matrix.sort_column() {
                            HOME => RATE,
                            RATE => FLAGS,
                            _ => HOME,
                        };
                        self.matrix.sort(next, true);
                    }
                    Action::Open => return self.open_report(ctx),
                    Action::MarkRead => {
                        return match self.cell() {
                            Some((_, _, _, Some(row))) => {
                                Effect::Form(review_form(&row.report, ctx.store.user(), ctx.store.today()))
                            }
                            _ => Effect::Error(format!(
                                "No report for this month yet: {} records it first",
                                ctx.key(Action::Open)
                            )),
                        };
                    }
                    Action::OpenSetting => {
                        if let Some(r) = self.matrix.selected() {
                            return open_home(r.row.summary.setting.id);
                        }
                    }
                    _ => {}
                }
                self.matrix.cursor = Some(1 + self.column);
                Effect::None
            }
            Pane::Findings => {
                if self.findings.update(action) {
                    return Effect::None;
                }
                let f = &mut self.facets;
                match action {
                    Action::FilterStandard => f.standard = cycle(f.standard, Standard::ALL),
                    Action::FilterSeverity => f.severity = cycle(f.severity, FindingSeverity::ALL),
                    Action::FilterStatus => f.status = cycle(f.status, &[FindingStatus::Open, FindingStatus::Actioned]),
                    Action::Edit => {
                        return self
                            .findings
                            .selected()
                            .map_or(Effect::None, |r| Effect::Form(finding_form(&r.finding, ctx.store.today())));
                    }
                    Action::CloseFinding => {
                        let Some(r) = self.findings.selected() else { return Effect::None };
                        let (id, version, mut f) = (r.finding.id, r.finding.version, r.finding.value.clone());
                        f.status = FindingStatus::Closed;
                        f.closed_on = Some(ctx.store.today());
                        return super::app::confirm(
                            "Close this finding today? It leaves this list; its report keeps it",
                            move |store: &mut Store| {
                                store.update(id, version, &f).map(|_| "Finding closed".to_string())
                            },
                        );
                    }
                    _ => return Effect::None,
                }
                self.refilter_findings();
                Effect::None
            }
            Pane::Flags => {
                if self.flags.update(action) {
                    return Effect::None;
                }
                match (action, self.flags.selected()) {
                    (Action::Open, Some(r)) => open_home(r.setting_id),
                    _ => Effect::None,
                }
            }
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let mut spans = Vec::new();
        for pane in PANES {
            let name = match pane {
                Pane::Matrix => format!("Reports ({})", self.matrix.len()),
                Pane::Findings if self.findings_stale => "Findings".to_string(),
                Pane::Findings => format!("Findings ({})", self.findings.len()),
                Pane::Flags => format!("Flags ({})", self.flags.len()),
            };
            let style = if pane == self.pane { theme.tab_active() } else { theme.dim() };
            spans.extend([Span::styled(format!(" {name} "), style), Span::raw(" ")]);
        }
        spans.push(Span::styled("✓ received  L late  ✗ missing  · awaited", theme.dim()));
        let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(4)]).areas(area);
        frame.render_widget(Line::from(spans), tabs);
        match self.pane {
            Pane::Matrix => self.render_matrix(frame, body, view),
            Pane::Findings => {
                let facets = self.facet_label();
                let title = if facets.is_empty() { "Findings".to_string() } else { format!("Findings · {facets}") };
                self.findings.render(frame, body, &title, view);
            }
            Pane::Flags => {
                let [list, detail] = Layout::vertical([Constraint::Min(5), Constraint::Length(4)]).areas(body);
                self.flags.render(frame, list, "Flags: early warnings from the reports", view);
                if let Some(r) = self.flags.selected() {
                    let lines = vec![
                        Line::styled(format!("{} · {} · since {}", r.home, r.flag.short, r.flag.since), theme.title()),
                        Line::raw(r.flag.evidence.clone()),
                    ];
                    let block = Block::new().borders(Borders::ALL).border_style(theme.dim());
                    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), detail);
                }
            }
        }
    }

    fn load(&self) -> Option<Load> {
        let (policy, with_findings) = (self.policy.clone(), self.pane == Pane::Findings);
        Some(Box::new(move |store: &Store| {
            let rows: Vec<Arc<MonitoringRow>> = monitoring::shared(store, &policy, store.today())?
                .iter()
                .filter(|r| r.reg44.is_some() && r.is_monitored())
                .cloned()
                .collect();
            let findings = match with_findings {
                true => Some(findings_of(store, &rows)?),
                false => None,
            };
            Ok(Box::new(Reg44Data { rows, findings }).into())
        }))
    }

    fn loaded(&mut self, data: Loaded) -> Result<(), Mismatch> {
        let Reg44Data { rows, findings } = *data.into_kind::<Box<Reg44Data>>()?;
        // Read the report under the cursor again: it may have changed.
        self.under_cursor = None;
        let flags = rows
            .iter()
            .flat_map(|r| {
                let home = r.summary.setting.value.name.clone();
                let id = r.summary.setting.id;
                r.reg44.iter().flat_map(|h| h.flags.clone()).map(move |flag| FlagRow {
                    flag,
                    home: home.clone(),
                    setting_id: id,
                })
            })
            .collect();
        self.flags.set_items(flags);
        self.matrix.set_items(rows.into_iter().map(|row| MatrixRow { row }).collect());
        self.findings_stale = findings.is_none();
        if let Some(findings) = findings {
            self.all_findings = findings;
            self.refilter_findings();
        }
        Ok(())
    }

    fn follow(&mut self, store: &Store) {
        let key = self.cell_key();
        if self.under_cursor.as_ref().map(|(k, _)| *k) != key {
            // A report that cannot be read shows as none; opening it says why.
            self.under_cursor = key.map(|(id, month)| ((id, month), store.reg44_header(id, month).ok().flatten()));
        }
    }

    fn text_key(&mut self, key: KeyEvent) -> bool {
        match self.pane {
            Pane::Matrix => self.matrix.take_key(key),
            Pane::Findings => self.findings.take_key(key),
            Pane::Flags => self.flags.take_key(key),
        }
    }

    fn clear(&mut self) -> bool {
        let filtered = self.matrix.clear_filter() | self.findings.clear_filter() | self.flags.clear_filter();
        let narrowed = filtered || self.facets != FindingFacets::default();
        self.facets = FindingFacets::default();
        self.refilter_findings();
        narrowed
    }

    fn select(&mut self, record: RecordRef) {
        if let Some(id) = record.id_of::<Finding>() {
            self.findings.select(id);
        }
    }
}

/// The findings still to chase (open or actioned) in the reports from
/// `homes` for the months the matrix shows; closed ones stay in their reports.
fn findings_of(store: &Store, homes: &[Arc<MonitoringRow>]) -> Result<Vec<FindingRow>, StoreError> {
    let names: HashMap<i64, Arc<str>> =
        homes.iter().map(|r| (r.summary.setting.id, Arc::from(r.summary.setting.value.name.as_str()))).collect();
    let from = Month::of(store.today()).back(REG44_MONTHS)[0];
    Ok(store
        .open_findings_since(from)?
        .into_iter()
        .filter_map(|(setting_id, month, finding)| {
            let home = names.get(&setting_id)?.clone();
            Some(FindingRow { finding: Arc::new(finding), home, month })
        })
        .collect())
}

/// What the screen reads: the homes' records, and the findings when their
/// pane is on show.
pub struct Reg44Data {
    rows: Vec<Arc<MonitoringRow>>,
    findings: Option<Vec<FindingRow>>,
}

impl Reg44Screen {
    fn render_matrix(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let [table, detail] = Layout::vertical([Constraint::Min(5), Constraint::Length(5)]).areas(area);
        let months = self.months();
        let wide = area.width >= WIDE_MONTHS;
        let headers: Vec<String> = months
            .iter()
            .map(|m| {
                let name = m.first_day().format("%b").to_string();
                if wide { name } else { name.chars().take(1).collect() }
            })
            .collect();
        let columns: Vec<Column> = matrix_columns(wide)
            .into_iter()
            .enumerate()
            .map(|(i, c)| match i.checked_sub(1).and_then(|m| headers.get(m)) {
                Some(h) => Column { title: h.as_str(), ..c },
                None => c,
            })
            .collect();
        let title = format!("Reg 44 reports, {} to {}", months[0].label(), months[REG44_MONTHS - 1].label());
        self.matrix.render_with(frame, table, &title, &columns, view);

        let Some((_, home, month, report)) = self.cell() else { return };
        let state = self.matrix.selected().and_then(|r| r.reg44().months.get(self.column).map(|c| c.state));
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{home} · {} · ", month.label()), theme.title()),
            Span::styled(state.map_or("", |s| s.label()), state.map_or(Style::new(), |s| state_style(s, theme))),
        ])];
        match report {
            Some(r) => {
                let v = &r.report.value;
                let read = match (&v.reviewed_by, v.reviewed_on) {
                    (Some(by), Some(on)) => format!("read by {by} on {on}"),
                    _ => "not yet marked as read (r)".into(),
                };
                lines.push(Line::raw(format!(
                    "visited {} by {} · received {} · {read}",
                    v.visit_date, v.visitor, v.received_on
                )));
                lines.push(Line::raw(format!(
                    "safeguarded: {} · well-being: {} · {} · missing episodes {} · {} · {}",
                    v.safeguarded.label().to_lowercase(),
                    v.wellbeing.label().to_lowercase(),
                    if v.manager_in_post { "manager in post" } else { "no registered manager" },
                    v.missing_episodes,
                    plural(r.open_findings as usize, "open finding", "open findings"),
                    v.summary
                )));
            }
            None => lines.push(Line::styled(
                format!(
                    "no report recorded: due by {} · {} records it",
                    month.due_by(self.policy.reg44.due_day),
                    view.key(Action::Open)
                ),
                theme.dim(),
            )),
        }
        let block = Block::new().borders(Borders::ALL).border_style(theme.dim());
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), detail);
    }
}
