//! Needs by domain as bars: the first assessment dim, the latest bright,
//! each with its points, so a change shows at a glance. The Value screen
//! draws a provider's children on average; the Provider screen's Needs pane
//! draws one child.

use crate::domain::needs::Domain;
use crate::ui::theme::Theme;
use ratatui::text::{Line, Span};

/// One line per domain, `(domain, first, latest)`, bars scaled so `top`
/// (or a higher value) fills the room `width` leaves.
pub fn domain_bars(domains: &[(Domain, f64, f64)], top: f64, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let max = domains.iter().map(|(_, a, b)| a.max(*b)).fold(top.max(1.0), f64::max);
    let room = usize::from(width).saturating_sub(16 + 2 * 8) / 2;
    let bar = |v: f64| ((v / max) * room as f64).round() as usize;
    domains
        .iter()
        .map(|(d, first, latest)| {
            Line::from(vec![
                Span::raw(format!("{:<16}", d.label())),
                Span::styled(format!("{:<room$}", "░".repeat(bar(*first))), theme.dim()),
                Span::raw(format!(" {first:>4.1}  ")),
                Span::styled(format!("{:<room$}", "█".repeat(bar(*latest))), theme.ok()),
                Span::raw(format!(" {latest:>4.1}")),
            ])
        })
        .collect()
}
