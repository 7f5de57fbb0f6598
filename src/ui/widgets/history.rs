//! A setting's Ofsted judgements over the years, as one line of events, and
//! the latest inspection's judgements under their published headings.

use crate::domain::inspection::{Inspection, InspectionKind, latest_judged};
use crate::ui::event::Action;
use crate::ui::screen::View;
use crate::ui::theme::Theme;
use ratatui::text::{Line, Span};

/// Oldest first: "Nov 2016 ● Good → Aug 2019 ▲ RI (monitoring) → …". Words
/// of the old scale are shown as published, ranked (symbol and colour) with
/// Requires improvement.
/// With no inspection, it says which key records one.
pub fn timeline(events: &[&Inspection], view: &View) -> Line<'static> {
    let theme = view.theme;
    let mut spans = Vec::new();
    for (n, i) in events.iter().enumerate() {
        if n > 0 {
            spans.push(Span::styled(" → ", theme.dim()));
        }
        spans.push(Span::raw(format!("{} ", i.date.format("%b %Y"))));
        match i.overall {
            Some(j) => {
                spans.push(theme.judgement(Some(j), true));
                if i.kind != InspectionKind::Full {
                    spans.push(Span::styled(format!(" ({})", i.kind.label().to_lowercase()), theme.dim()));
                }
            }
            None => spans.push(Span::styled(i.kind.label().to_lowercase(), theme.dim())),
        }
    }
    if spans.is_empty() {
        let key = view.key(Action::AddInspection);
        spans.push(Span::styled(format!("Not yet inspected. Press {key} to record an inspection."), theme.dim()));
    }
    Line::from(spans)
}

/// "Latest, 14 Jun 2022: Experiences and progress ● Good · Helped and
/// protected ● Good · Leaders and managers ● Good".
pub fn latest(events: &[&Inspection], theme: &Theme) -> Line<'static> {
    let Some(i) = latest_judged(events.iter().copied()) else { return Line::default() };
    let mut spans = vec![Span::styled(format!("Latest, {}: ", i.date.format("%-d %b %Y")), theme.dim())];
    let headline = (i.framework.headline_short(), i.overall);
    let others = i.judged_aspects().into_iter().map(|(h, j)| (h, Some(j)));
    for (n, (heading, j)) in std::iter::once(headline).chain(others).enumerate() {
        if n > 0 {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::raw(format!("{heading} ")));
        spans.push(theme.judgement(j, false));
    }
    Line::from(spans)
}
