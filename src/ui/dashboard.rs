//! The first screen: headline numbers that each open the list behind them,
//! charts of where children are and how monitoring is keeping up, and what
//! changed in the last 30 days.

use super::alerts::AlertsScreen;
use super::app::{Ctx, Effect, Glance, Lens, Screen, View};
use super::event::{Action, Command, Key};
use super::import::ImportScreen;
use super::loaded::Mismatch;
use super::reader::{Load, Loaded};
use super::theme::Theme;
use crate::domain::board::ChangeKind;
use crate::domain::policy::Policy;
use crate::domain::rating::Severity;
use crate::store::Store;
use crate::store::board::{self, Overview};
use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph};

/// Where each headline number leads.
const SCHEDULE: usize = 3;
const SETTINGS: usize = 2;
const REG44: usize = 4;
const PLANS: usize = 6;
const STOPS: usize = 7;

/// One headline number.
struct Tile {
    label: String,
    /// For narrow tiles.
    short: String,
    value: u32,
    /// A number that is bad news when above zero.
    alarm: bool,
    goes_to: Goes,
}

/// Where a headline number leads.
#[derive(Debug, Clone, Copy)]
enum Goes {
    Tab(usize, Lens),
    Alerts,
}

pub struct DashboardScreen {
    policy: Policy,
    overview: Option<Overview>,
    selected: usize,
}

/// `label`, and how many of the tile's records are late, when any are.
fn with_late(label: &str, late: u32, what: &str) -> String {
    match late {
        0 => label.to_string(),
        n => format!("{label}, {n} {what}"),
    }
}

/// A tile's words for its number: "1 stop in force", "2 stops in force".
fn for_count(label: &str, n: u32) -> String {
    const PLURALS: [(&str, &str); 6] = [
        ("settings", "setting"),
        ("children", "child"),
        ("stops", "stop"),
        ("visits", "visit"),
        ("actions", "action"),
        ("alerts", "alert"),
    ];
    if n != 1 {
        return label.to_string();
    }
    let mut done = false;
    let words: Vec<String> = label
        .split(' ')
        .map(|word| {
            let (stem, tail) = word.strip_suffix(',').map_or((word, ""), |stem| (stem, ","));
            match PLURALS.iter().find(|(plural, _)| *plural == stem) {
                Some((_, one)) if !done => {
                    done = true;
                    format!("{one}{tail}")
                }
                _ => word.to_string(),
            }
        })
        .collect();
    words.join(" ")
}

impl DashboardScreen {
    pub fn new(policy: &Policy) -> DashboardScreen {
        DashboardScreen { policy: policy.clone(), overview: None, selected: 0 }
    }

    fn tiles(&self) -> Vec<Tile> {
        let Some(o) = &self.overview else { return Vec::new() };
        let h = &o.headline;
        let month = h.reg44_month.map(|m| m.label()).unwrap_or_default();
        let short_month = month.split(' ').next().unwrap_or_default();
        let tile = |label: String, short: String, value: u32, alarm: bool, goes_to: Goes| Tile {
            label: for_count(&label, value),
            short: for_count(&short, value),
            value,
            alarm,
            goes_to,
        };
        let t = |label: &str, short: &str, value, alarm, (tab, lens): (usize, Lens)| {
            tile(label.into(), short.into(), value, alarm, Goes::Tab(tab, lens))
        };
        vec![
            t("settings monitored", "monitored", h.monitored, false, (SCHEDULE, Lens::All)),
            t("children placed", "children", h.children, false, (SETTINGS, Lens::SortedBy(8, false))),
            t(
                "in Inadequate or RI",
                "in Inad. or RI",
                h.children_of_concern,
                true,
                (SETTINGS, Lens::SortedBy(4, false)),
            ),
            tile(
                with_late("stops in force", h.stop_reviews_late, "review late"),
                with_late("stops", h.stop_reviews_late, "late"),
                h.active_stops,
                true,
                Goes::Tab(STOPS, Lens::All),
            ),
            t("visits overdue", "visits late", h.visits_overdue, true, (SCHEDULE, Lens::Overdue)),
            tile(
                format!("Reg 44 missing {month}").trim().into(),
                format!("Reg44 {short_month} missing"),
                h.reg44_missing,
                true,
                Goes::Tab(REG44, Lens::All),
            ),
            tile(
                with_late("plan actions overdue", h.plans_late, "plan late back"),
                with_late("actions late", h.plans_late, "plan"),
                h.actions_overdue,
                true,
                Goes::Tab(PLANS, Lens::SortedBy(6, true)),
            ),
            tile(
                format!("rating alerts, {} urgent", h.urgent_alerts),
                format!("alerts ({} urgent)", h.urgent_alerts),
                h.rating_alerts,
                true,
                Goes::Alerts,
            ),
        ]
    }

    fn render_tiles(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let tiles = self.tiles();
        let areas = Layout::horizontal(tiles.iter().map(|_| Constraint::Ratio(1, tiles.len() as u32))).split(area);
        for (i, (t, rect)) in tiles.iter().zip(areas.iter()).enumerate() {
            let warn = t.alarm && t.value > 0;
            let value_style = if warn { theme.error() } else { theme.title() };
            let border = if i == self.selected { theme.focus_border() } else { theme.dim() };
            let value = if warn { format!("▲ {}", t.value) } else { t.value.to_string() };
            let label = if rect.width < 16 { &t.short } else { &t.label };
            let lines = vec![
                Line::styled(value, value_style.add_modifier(Modifier::BOLD)).centered(),
                Line::raw(label.clone()).centered(),
            ];
            // Narrow tiles give their sides to the label.
            let sides = if rect.width >= 12 { Borders::ALL } else { Borders::TOP | Borders::BOTTOM };
            let mut block = Block::new().borders(sides).border_style(border);
            if i == self.selected {
                block = block.title(Span::styled(" ▶ ", theme.key()));
            }
            frame.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }).block(block), *rect);
        }
    }
}

fn boxed(title: String, theme: &Theme) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(theme.dim())
        .title(Span::styled(format!(" {title} "), theme.title()))
}

/// The short names charts use for the judgement classes.
fn class_short(class: Option<Severity>) -> &'static str {
    match class {
        Some(Severity::Inadequate) => "✖ Inadequate",
        Some(Severity::RequiresImprovement) => "▲ RI",
        Some(Severity::Good) => "● Good",
        Some(Severity::Outstanding) => "★ Outstanding",
        None => "– not judged",
    }
}

fn class_style(class: Option<Severity>, theme: &Theme) -> Style {
    class.map_or(theme.dim(), |s| theme.severity(s))
}

/// Horizontal bars drawn as text: label, bar, and the figure in words, so
/// each reads without colour.
fn hbars(rows: &[(Option<Severity>, u64, String)], area: Rect, title: String, frame: &mut Frame, theme: &Theme) {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let label_width = 14;
    let text_width = rows.iter().map(|r| r.2.chars().count()).max().unwrap_or(0) + 1;
    let room = (area.width as usize).saturating_sub(2 + label_width + text_width).max(1);
    let lines: Vec<Line> = rows
        .iter()
        .map(|(class, value, text)| {
            let filled = ((*value as usize * room).div_ceil(max as usize)).min(room);
            let style = class_style(*class, theme);
            Line::from(vec![
                Span::styled(format!("{:<label_width$}", class_short(*class)), style),
                Span::styled("█".repeat(filled), style),
                Span::raw(format!(" {text}")),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(boxed(title, theme)), area);
}

/// Children placed by their setting's judgement, one bar each, labelled.
fn children_chart(o: &Overview, frame: &mut Frame, area: Rect, theme: &Theme) {
    let rows: Vec<_> = o
        .exposure
        .by_class
        .iter()
        .zip(&o.settings_by_class)
        .map(|((class, tally), (_, settings))| {
            (*class, u64::from(tally.children), format!("{} in {settings}", tally.children))
        })
        .collect();
    hbars(&rows, area, "Children by judgement, in n settings".into(), frame, theme);
}

/// Weekly spend by judgement, one bar each.
fn spend_chart(o: &Overview, frame: &mut Frame, area: Rect, theme: &Theme) {
    let rows: Vec<_> = o
        .exposure
        .by_class
        .iter()
        .map(|(class, tally)| (*class, tally.weekly.0.max(0) as u64, format!("{}/wk", tally.weekly.compact())))
        .collect();
    let title = format!("Weekly spend by judgement: {} a week", o.exposure.total.weekly.compact());
    hbars(&rows, area, title, frame, theme);
}

/// Twelve months of visits: due on the left of each pair, made on the right.
fn visits_chart(o: &Overview, frame: &mut Frame, area: Rect, theme: &Theme) {
    let width = (area.width.saturating_sub(2) / 12).saturating_sub(1).clamp(2, 8);
    let bar = (width / 2).max(1);
    // A figure only where it fits inside its bar with room to spare.
    let figure = |n: u32| if bar >= 3 { n.to_string() } else { String::new() };
    let groups: Vec<BarGroup> = o
        .visits
        .iter()
        .map(|m| {
            let label = m.month.label();
            let short: String =
                if width >= 4 { label.chars().take(3).collect() } else { label.chars().take(1).collect() };
            BarGroup::default().label(Line::from(short)).bars(&[
                Bar::default().value(m.due.into()).style(theme.dim()).text_value(figure(m.due)),
                Bar::default().value(m.done.into()).style(theme.ok()).text_value(figure(m.done)),
            ])
        })
        .collect();
    let mut chart = BarChart::default()
        .block(boxed("Visits: due (left), made (right)".into(), theme))
        .bar_width(bar)
        .bar_gap(0)
        .group_gap(1)
        .value_style(theme.selected());
    for g in groups {
        chart = chart.data(g);
    }
    frame.render_widget(chart, area);
}

/// Twelve months of Reg 44 compliance, as percentages.
fn reg44_chart(o: &Overview, frame: &mut Frame, area: Rect, theme: &Theme) {
    let width = (area.width.saturating_sub(2) / 12).saturating_sub(1).clamp(1, 6);
    let bars: Vec<Bar> = o
        .reg44
        .iter()
        .map(|m| {
            let label = m.month.label();
            let short: String =
                if width >= 3 { label.chars().take(3).collect() } else { label.chars().take(1).collect() };
            let pct = m.compliance();
            Bar::default()
                .value(pct.unwrap_or(0).into())
                .label(Line::from(short))
                .text_value(pct.map_or("–".into(), |p| if width >= 3 { format!("{p}") } else { String::new() }))
                .style(if pct.is_some_and(|p| p < 95) {
                    theme.severity(Severity::RequiresImprovement)
                } else {
                    theme.ok()
                })
        })
        .collect();
    let latest = o
        .reg44
        .iter()
        .rev()
        .find_map(|m| {
            m.compliance().map(|c| format!(" · {} {c}%", m.month.label().split(' ').next().unwrap_or_default()))
        })
        .unwrap_or_default();
    let chart = BarChart::default()
        .block(boxed(format!("Reg 44 received %{latest}"), theme))
        .data(BarGroup::default().bars(&bars))
        .bar_width(width)
        .bar_gap(1)
        .max(100)
        .value_style(theme.selected());
    frame.render_widget(chart, area);
}

/// Each month's figure as one of eight bar heights from the lowest to the
/// highest of them, for a trend in a line.
fn spark(values: &[u32]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let low = values.iter().copied().min().unwrap_or(0);
    let span = values.iter().copied().max().unwrap_or(0).saturating_sub(low).max(1);
    values.iter().map(|v| BARS[((v - low) * 7 / span).min(7) as usize]).collect()
}

/// How placements are bought against the spot target, with the year's
/// trend; the dearest placements; those far away; reviews open.
fn market_box(o: &Overview, policy: &crate::domain::policy::Market, frame: &mut Frame, area: Rect, theme: &Theme) {
    let target = policy.spot_target_percent;
    let (Some(first), Some(last)) = (o.market.first(), o.market.last()) else { return };
    let pct = |p: Option<u32>| p.map_or_else(|| "–".into(), |p| format!("{p}%"));
    let over = last.spot_share.is_some_and(|s| s >= target);
    let shares: Vec<u32> = o.market.iter().map(|m| m.spot_share.unwrap_or(0)).collect();
    let dearest = match (first.dearest_average, last.dearest_average) {
        (Some(a), Some(b)) => {
            format!("Dearest {}: {}/wk on average, {} on {}", policy.dearest, b.compact(), a.compact(), first.on)
        }
        _ => "Dearest: none placed".into(),
    };
    let reviews = o.headline.decommissioning_open;
    let lines = vec![
        Line::from(vec![
            Span::styled(
                format!("Spot {} of placements", pct(last.spot_share)),
                if over { theme.error() } else { theme.ok() },
            ),
            Span::raw(format!(", {} of spend (aim under {target}%) ", pct(last.spot_spend_share))),
            Span::styled(spark(&shares), theme.dim()),
        ]),
        Line::raw(dearest),
        Line::raw(format!(
            "{} placed {}+ miles away, {} outside the region",
            last.far, policy.far_miles, last.outside_region
        )),
        Line::styled(
            format!("Decommissioning reviews open: {reviews}"),
            if reviews > 0 { theme.error() } else { theme.dim() },
        ),
    ];
    let title = format!("Market: spot was {} on {}", pct(first.spot_share), first.on);
    frame.render_widget(Paragraph::new(lines).block(boxed(title, theme)), area);
}

/// "Largest group: Summit … 46% of our children (threshold 25%)", for the
/// line under the tiles when the share is over the threshold.
fn concentration_line(o: &Overview, threshold: u32, theme: &Theme) -> Line<'static> {
    match &o.concentration {
        Some((name, share)) => Line::styled(
            format!("Largest group: {name}, {share}% of our children (threshold {threshold}%)"),
            if *share > threshold { theme.error() } else { theme.dim() },
        ),
        None => Line::styled("Largest group: none recorded", theme.dim()),
    }
}

/// Children by distance and area, and what they cost.
fn exposure_table(o: &Overview, frame: &mut Frame, area: Rect, theme: &Theme) {
    let e = &o.exposure;
    let line = |label: &str, t: &crate::domain::board::Tally| {
        format!(
            "{label:<14}{:>5} {:>11} {:>10}",
            t.children,
            format!("{}/wk", t.weekly.compact()),
            format!("{}/yr", t.annual().compact())
        )
    };
    let mut lines =
        vec![Line::styled(format!("{:<14}{:>5} {:>11} {:>10}", "", "kids", "weekly", "a year"), theme.dim())];
    let bands = e.by_band.iter().filter(|(_, t)| t.children > 0);
    lines.extend(bands.map(|(b, t)| Line::raw(line(b.label().trim_start_matches("distance "), t))));
    lines.push(Line::raw(line("in our area", &e.in_area)));
    lines.push(Line::raw(line("out of area", &e.out_of_area)));
    lines.push(Line::styled(line("all", &e.total), theme.title()));
    frame.render_widget(Paragraph::new(lines).block(boxed("Where children are placed".into(), theme)), area);
}

/// The last 30 days, newest first.
fn changes_list(o: &Overview, frame: &mut Frame, area: Rect, view: &View) {
    let theme = view.theme;
    let lines: Vec<Line> = if o.changes.is_empty() && o.headline.monitored == 0 {
        vec![
            Line::styled("Nothing here yet.", theme.title()),
            Line::raw(format!(
                "{} imports Ofsted's provider-level data, or your registers from a spreadsheet (CSV);",
                view.key(Action::New)
            )),
            Line::raw(view.keymap.say(
                "1 Providers, then {n:new}, adds a provider by hand. {?:help} shows every key and how to do the main jobs.",
            )),
        ]
    } else if o.changes.is_empty() {
        vec![Line::styled("Nothing changed in the last 30 days.", theme.dim())]
    } else {
        o.changes
            .iter()
            .map(|c| {
                let (symbol, style) = match (c.kind, c.judgement) {
                    (ChangeKind::Judgement, Some((new, old))) if old.is_some_and(|o| new.severity() > o.severity()) => {
                        ("▼", theme.severity(new.severity()))
                    }
                    (ChangeKind::Judgement, Some((new, _))) => ("•", theme.severity(new.severity())),
                    (ChangeKind::StopIssued, _) => ("✖", theme.error()),
                    (ChangeKind::StopLifted, _) => ("✔", theme.ok()),
                    _ => ("⚑", theme.severity(Severity::RequiresImprovement)),
                };
                Line::from(vec![
                    Span::styled(format!("{} ", c.on.format("%d %b")), theme.dim()),
                    Span::styled(format!("{symbol} {:<12} ", c.kind.label()), style),
                    Span::raw(format!("{}: {}", c.about, c.text)),
                ])
            })
            .collect()
    };
    let title = format!("What changed in the last 30 days ({})", o.changes.len());
    frame.render_widget(Paragraph::new(lines).block(boxed(title, theme)), area);
}

impl Screen for DashboardScreen {
    fn title(&self) -> String {
        "Dashboard".into()
    }

    fn commands(&self) -> Vec<Command> {
        vec![
            Command::open("Open the list behind the selected number"),
            Command::new(Action::PrevColumn, &[Key::plain(KeyCode::Left), Key::char('h')], "choose", "Previous number")
                .quiet(),
            Command::new(Action::NextColumn, &[Key::plain(KeyCode::Right), Key::char('l')], "choose", "Next number")
                .paired(),
            Command::new(Action::New, &[Key::char('i')], "import", "Import Ofsted data, or a register from CSV"),
        ]
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let n = self.tiles().len().max(1);
        match action {
            Action::New => return Effect::push(ImportScreen::new(ctx.policy)),
            Action::PrevColumn => self.selected = (self.selected + n - 1) % n,
            Action::NextColumn => self.selected = (self.selected + 1) % n,
            Action::Open => match self.tiles().get(self.selected).map(|t| t.goes_to) {
                Some(Goes::Tab(tab, lens)) => return Effect::Show(tab, lens),
                Some(Goes::Alerts) => {
                    let mut screen = AlertsScreen::new();
                    return screen.reload(ctx.store).map(|()| Effect::push(screen)).into();
                }
                None => {}
            },
            _ => {}
        }
        Effect::None
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let Some(o) = &self.overview else { return };
        // Narrow tiles wrap their labels onto a second line.
        let tile_height = if area.width < 140 { 5 } else { 4 };
        // Every child in an unregistered placement, a line each, under the
        // tiles; then the largest owner's share, when over the threshold;
        // then each group warned of failure that holds children of ours.
        let threshold = self.policy.groups.concentration_percent;
        let mut unregistered = unregistered_lines(o, view);
        if o.concentration.as_ref().is_some_and(|(_, s)| *s > threshold) {
            let mut line = concentration_line(o, threshold, theme);
            line.spans.insert(0, Span::raw(" ▲ "));
            line.spans.push(Span::styled(" · g w opens the groups", theme.error()));
            unregistered.push(line);
        }
        unregistered.extend(o.warned.iter().map(|w| {
            Line::styled(
                format!(
                    " ⚠ {} warned of failure on {} · {} placed with it · g w opens the groups · {}",
                    w.name,
                    w.on,
                    crate::domain::plural(w.children as usize, "child", "children"),
                    w.warning,
                ),
                theme.error(),
            )
        }));
        let high = u16::try_from(unregistered.len()).unwrap_or(u16::MAX);
        let [tiles, warning, rest] =
            Layout::vertical([Constraint::Length(tile_height), Constraint::Length(high), Constraint::Min(0)])
                .areas(area);
        self.render_tiles(frame, tiles, theme);
        let width = usize::from(warning.width);
        let lines: Vec<Line> = unregistered.into_iter().map(|l| super::widgets::text::fit(l, width)).collect();
        frame.render_widget(Paragraph::new(lines), warning);
        if rest.height >= 30 {
            // Room for everything: three charts, then spend, exposure and changes.
            let [top, bottom] = Layout::vertical([Constraint::Length(14), Constraint::Min(8)]).areas(rest);
            let [a, b, c] = Layout::horizontal([Constraint::Ratio(1, 3); 3]).areas(top);
            children_chart(o, frame, a, theme);
            visits_chart(o, frame, b, theme);
            reg44_chart(o, frame, c, theme);
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(bottom);
            let [spend, market, place] =
                Layout::vertical([Constraint::Length(7), Constraint::Length(6), Constraint::Min(4)]).areas(left);
            spend_chart(o, frame, spend, theme);
            market_box(o, &self.policy.market, frame, market, theme);
            exposure_table(o, frame, place, theme);
            changes_list(o, frame, right, view);
        } else {
            let [top, bottom] = Layout::vertical([Constraint::Length(9), Constraint::Min(3)]).areas(rest);
            let [a, b] = Layout::horizontal([Constraint::Percentage(48), Constraint::Percentage(52)]).areas(top);
            children_chart(o, frame, a, theme);
            visits_chart(o, frame, b, theme);
            changes_list(o, frame, bottom, view);
        }
    }

    fn load(&self) -> Option<Load> {
        let policy = self.policy.clone();
        Some(Box::new(move |store: &Store| {
            Ok(Box::new(board::overview_and_keep(store, &policy, store.today())?).into())
        }))
    }

    fn glance(&mut self, store: &Store) -> Glance {
        match board::kept_overview(store, &self.policy, store.today()) {
            Ok(Some(kept)) => {
                self.overview = Some(kept.value);
                if kept.current { Glance::Current } else { Glance::Old }
            }
            // No copy, or none readable: the screen is read as usual.
            Ok(None) | Err(_) => Glance::Nothing,
        }
    }

    fn loaded(&mut self, data: Loaded) -> Result<(), Mismatch> {
        self.overview = Some(*data.into_kind::<Box<Overview>>()?);
        Ok(())
    }
}

/// " ⚠ Unregistered placement: LAC-0150 since 2026-10-02 (60 nights) ·
/// review ▲ overdue since … · provider at address", one a child.
fn unregistered_lines(o: &Overview, view: &View) -> Vec<Line<'static>> {
    let theme = view.theme;
    o.unregistered
        .iter()
        .map(|u| {
            let review = match u.next_review {
                Some(n) if u.overdue => format!("review ▲ overdue since {n}"),
                Some(n) => format!("next review {n}"),
                None => String::new(),
            };
            let told = if u.ofsted_notified_on.is_none() { " · Ofsted not told" } else { "" };
            Line::styled(
                format!(
                    " ⚠ Unregistered placement: {} since {} ({}) · {review}{told} · {} at {} · g u opens the register",
                    u.child_ref,
                    u.start,
                    crate::domain::plural((o.as_of - u.start).num_days() as usize, "night", "nights"),
                    u.provider,
                    u.address,
                ),
                theme.error(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::board::Headline;

    /// The dashboard's screen on figures made here, with no database behind them.
    fn shown(headline: Headline) -> DashboardScreen {
        let mut screen = DashboardScreen::new(&Policy::default());
        let overview = Overview {
            as_of: crate::domain::date::parse("2026-12-01").unwrap(),
            headline,
            settings_by_class: Vec::new(),
            exposure: crate::domain::board::exposure(&[]),
            visits: Vec::new(),
            reg44: Vec::new(),
            changes: Vec::new(),
            market: Vec::new(),
            unregistered: Vec::new(),
            concentration: None,
            warned: Vec::new(),
        };
        screen.loaded(Box::new(overview).into()).unwrap();
        screen
    }

    /// An empty store, for the context an action is taken in.
    fn empty_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::TempDir::new().unwrap();
        let store = Store::open(&dir.path().join("o.db"), crate::domain::date::parse("2026-12-01").unwrap()).unwrap();
        (dir, store)
    }

    #[test]
    fn the_tiles_go_round_and_each_opens_its_list() {
        let (_dir, store) = empty_store();
        let policy = Policy::default();
        let ctx = Ctx { store: &store, policy: &policy, officer: None, keys: &[] };
        let mut screen = shown(Headline { active_stops: 1, stop_reviews_late: 1, ..Headline::default() });
        let labels: Vec<String> = screen.tiles().iter().map(|t| t.label.clone()).collect();
        assert_eq!(labels[3], "stop in force, 1 review late", "one stop, in the singular");
        let n = labels.len();
        screen.update(Action::PrevColumn, &ctx);
        assert_eq!(screen.selected, n - 1, "left from the first goes to the last");
        screen.update(Action::NextColumn, &ctx);
        for _ in 0..3 {
            screen.update(Action::NextColumn, &ctx);
        }
        assert!(matches!(screen.update(Action::Open, &ctx), Effect::Show(STOPS, Lens::All)), "the stops tile");
        screen.update(Action::NextColumn, &ctx);
        assert!(matches!(screen.update(Action::Open, &ctx), Effect::Show(SCHEDULE, Lens::Overdue)));
        assert!(matches!(screen.update(Action::Filter, &ctx), Effect::None), "a key it has no use for");
    }

    #[test]
    fn a_tile_of_one_speaks_of_one() {
        assert_eq!(for_count("stops in force, 1 review late", 1), "stop in force, 1 review late");
        assert_eq!(for_count("stops, 1 late", 1), "stop, 1 late");
        assert_eq!(for_count("children placed", 1), "child placed");
        assert_eq!(for_count("plan actions overdue", 1), "plan action overdue");
        assert_eq!(for_count("children placed", 2), "children placed");
        assert_eq!(for_count("in Inadequate or RI", 1), "in Inadequate or RI");
    }
}
