//! The boxes at the top of the setting screen that say what its tier is
//! and why, and when it is next to be visited.

use super::SettingScreen;
use crate::domain::plural;
use crate::domain::rating::Severity;
use crate::domain::tier::Tier;
use crate::ui::theme::Theme;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// A tier's colour: tier 1 red, tier 2 amber, the rest plain.
pub fn tier_style(tier: Tier, theme: &Theme) -> Style {
    match tier {
        Tier::Intensive => theme.severity(Severity::Inadequate),
        Tier::Enhanced => theme.severity(Severity::RequiresImprovement),
        Tier::Standard => Style::new(),
        Tier::Light => theme.severity(Severity::Outstanding),
    }
}

impl SettingScreen {
    pub(super) fn render_tier(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let a = &self.row.assessment;
        let interval = a.tier.interval(&self.policy);
        let mut lines = vec![Line::from(vec![
            Span::styled(
                format!("Tier {}", a.tier),
                tier_style(a.tier, theme).add_modifier(ratatui::style::Modifier::BOLD),
            ),
            Span::raw(format!(" · visits every {interval} days")),
        ])];
        if let Some(o) = &a.override_ {
            lines.push(Line::styled(
                format!("Override until {}: {} (computed tier {})", o.expires, o.reason, a.computed.number()),
                theme.key(),
            ));
        }
        if let Some(o) = &a.lapsed_override {
            lines.push(Line::styled(
                format!(
                    "Override to tier {} (set {}) overtaken by a later trigger: end it (O) or set a new one",
                    o.tier.number(),
                    o.set_on
                ),
                theme.error(),
            ));
        }
        for r in &a.reasons {
            let marker = match r.tier {
                Tier::Intensive => "✖",
                Tier::Enhanced => "▲",
                _ => "●",
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{marker} "), tier_style(r.tier, theme)),
                Span::raw(r.text.clone()),
            ]));
        }
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.dim())
            .title(Span::styled(" Risk tier ", theme.title()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), area);
    }

    pub(super) fn render_schedule(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let row = &self.row;
        let mut lines = Vec::new();
        let last = match &row.last_visit {
            Some(v) => format!("{} · {} · {}", v.date, v.outcome.label().to_lowercase(), v.officer),
            None => "never visited".into(),
        };
        lines.push(Line::raw(format!("Last visit  {last}")));
        match &row.due {
            Some(due) => {
                lines.push(Line::from(vec![
                    Span::raw(format!("Next due    {}", due.date)),
                    overdue_span(due, self.today, theme),
                ]));
                lines.push(Line::styled(format!("            {}", due.basis), theme.dim()));
            }
            None => lines.push(Line::styled("Watched: not monitored, so no visits are due", theme.dim())),
        }
        if let Some((date, officer)) = &row.planned {
            lines.push(Line::raw(format!("Planned     {date} · {officer}")));
        }
        if let Some(home) = &row.reg44 {
            let mut spans = vec![Span::raw("Reg 44      ")];
            spans.extend(
                home.months
                    .iter()
                    .map(|m| Span::styled(m.state.symbol(), crate::ui::reg44::state_style(m.state, theme))),
            );
            let rate = home.compliance.map(|c| format!(" {c}% received")).unwrap_or_default();
            spans.push(Span::raw(rate));
            lines.push(Line::from(spans));
        }
        let scope: Vec<&str> = row.scope.iter().map(|s| s.label()).collect();
        if !scope.is_empty() {
            lines.push(Line::raw(format!("Monitored   since {}: {}", row.began, scope.join(", "))));
        }
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.dim())
            .title(Span::styled(" Schedule ", theme.title()));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), area);
    }
}

/// " (12 days overdue)" in red, or " (in 5 days)".
fn overdue_span(due: &crate::domain::schedule::Due, today: NaiveDate, theme: &Theme) -> Span<'static> {
    match due.days_overdue(today) {
        d if d > 0 => Span::styled(format!(" ({} overdue)", plural(d as usize, "day", "days")), theme.error()),
        0 => Span::styled(" (due today)", theme.key()),
        d => Span::raw(format!(" (in {})", plural((-d) as usize, "day", "days"))),
    }
}
