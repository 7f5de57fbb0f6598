//! Text that must fit: a line cut to its room shows where it was cut.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// `line` cut to `width` columns, with "…" where it was cut.
pub fn fit(line: Line<'_>, width: usize) -> Line<'_> {
    if line.width() <= width {
        return line;
    }
    let mut out = Line { spans: Vec::new(), style: line.style, alignment: line.alignment };
    let mut room = width.saturating_sub(1);
    for span in line.spans {
        let mut text = String::new();
        let mut cut = false;
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if w > room {
                cut = true;
                break;
            }
            room -= w;
            text.push(c);
        }
        out.spans.push(Span::styled(text, span.style));
        if cut {
            break;
        }
    }
    if width > 0 {
        out.spans.push(Span::raw("…"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_too_long_is_cut_with_an_ellipsis() {
        let line = Line::from(vec![Span::raw("Overall "), Span::raw("experiences and progress")]);
        assert_eq!(fit(line.clone(), 40), line);
        assert_eq!(fit(line.clone(), 12).to_string(), "Overall exp…");
        assert_eq!(fit(line.clone(), 9).to_string(), "Overall …");
        assert_eq!(fit(line.clone(), 1).to_string(), "…");
        assert_eq!(fit(line, 0).to_string(), "");
        let wide = Line::from("日本語のテキスト");
        assert_eq!(fit(wide, 6).to_string(), "日本…", "wide characters count twice");
        let right = Line::from("Sutton Coldfield").right_aligned();
        assert_eq!(fit(right, 8).alignment, Some(ratatui::layout::HorizontalAlignment::Right));
    }
}
