//! The Corporate Parenting Board pack, as Markdown, as one self-contained
//! HTML page that prints to A4, and as CSV tables for a spreadsheet. All
//! three are drawn from the same blocks, so they say the same things.

use crate::domain::board::{Band, class_label, class_label_with_outcome};
use crate::domain::board::{Change, MonthReg44};
use crate::domain::money::Pence;
use crate::domain::placement::withhold_child_refs;
use crate::domain::plural;
use crate::domain::rating::Severity;
use crate::domain::reg44::MonthState;
use crate::store::board::{BoardPack, FocusSetting, StopLine};
mod evidence;
mod figures;
mod safeguarding;
mod value;

/// A table: a title, a header row and rows of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Its name in the CSV's `section` column.
    pub section: &'static str,
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    fn new(section: &'static str, title: impl Into<String>, header: &[&str], rows: Vec<Vec<String>>) -> Table {
        Table { section, title: title.into(), header: header.iter().map(|h| h.to_string()).collect(), rows }
    }
}

/// Bars for a chart: one value per category in each series.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Chart {
    title: String,
    categories: Vec<String>,
    series: Vec<(String, Vec<u32>)>,
}

/// One piece of the pack, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    Heading(u8, String),
    Para(String),
    Bullets(Vec<String>),
    Table(Table),
    Chart(Chart),
    /// A setting the board scrutinises: heading, facts, commentary.
    Setting {
        heading: String,
        facts: Vec<(String, String)>,
        commentary: String,
    },
}

impl Block {
    /// The block with `f` applied to every text in it.
    fn map_text(self, f: &dyn Fn(&str) -> String) -> Block {
        let all = |v: Vec<String>| v.iter().map(|t| f(t)).collect();
        match self {
            Block::Heading(level, text) => Block::Heading(level, f(&text)),
            Block::Para(text) => Block::Para(f(&text)),
            Block::Bullets(items) => Block::Bullets(all(items)),
            Block::Table(t) => Block::Table(Table { rows: t.rows.into_iter().map(all).collect(), ..t }),
            Block::Chart(c) => Block::Chart(c),
            Block::Setting { heading, facts, commentary } => Block::Setting {
                heading: f(&heading),
                facts: facts.into_iter().map(|(k, v)| (k, f(&v))).collect(),
                commentary: f(&commentary),
            },
        }
    }
}

/// `text` with child references withheld, unless the pack includes them.
pub fn shield(pack: &BoardPack, text: &str) -> String {
    match &pack.withheld_refs {
        Some(known) => withhold_child_refs(text, known),
        None => text.to_string(),
    }
}

fn money(p: Pence) -> String {
    p.full()
}

fn percent(part: u32, whole: u32) -> String {
    crate::domain::percent(part, whole).map_or("–".into(), |p| format!("{p}%"))
}

fn state_word(state: MonthState) -> &'static str {
    match state {
        MonthState::Received => "✓ received",
        MonthState::Late => "L late",
        MonthState::Missing => "✗ missing",
        MonthState::Awaited => "· awaited",
        MonthState::NotOwed => "not owed",
    }
}

fn judgement_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Inadequate => "✖",
        Severity::RequiresImprovement => "▲",
        Severity::Good => "●",
        Severity::Outstanding => "★",
    }
}

fn stop_rows(stops: &[StopLine]) -> Vec<Vec<String>> {
    stops
        .iter()
        .map(|s| {
            vec![
                s.id.to_string(),
                s.about.clone(),
                s.issued_on.to_string(),
                s.status.clone(),
                s.checklist.clone(),
                s.reason.clone(),
            ]
        })
        .collect()
}

/// What "fell due" and "made" count, under the figures that use them.
const VISITS_DUE: &str = "A visit fell due in a month when a monitored setting's next monitoring visit, \
    as scheduled when the month began, was due by the month's end (in the month, or already overdue); \
    made counts those same settings visited in the month, so it is never more than fell due.";

const STOP_HEADER: [&str; 6] = ["Stop", "On", "Issued", "Status", "Checklist", "Reason"];

fn change_rows(changes: &[Change]) -> Vec<Vec<String>> {
    changes.iter().map(|c| vec![c.on.to_string(), c.about.clone(), c.text.clone()]).collect()
}

fn reg44_row(m: &MonthReg44) -> Vec<String> {
    vec![
        m.month.label(),
        m.received.to_string(),
        m.late.to_string(),
        m.missing.to_string(),
        m.awaited.to_string(),
        m.compliance().map_or("–".into(), |c| format!("{c}%")),
    ]
}

const REG44_HEADER: [&str; 6] = ["Month", "On time", "Late", "Missing", "Awaited", "Compliance"];

fn history_text(s: &FocusSetting) -> String {
    s.history.iter().map(|(d, j)| format!("{} {d}", j.label())).collect::<Vec<_>>().join(" → ")
}

fn last_visit_text(s: &FocusSetting) -> String {
    s.last_visit.map_or("none recorded".into(), |(d, o)| format!("{d}, {}", o.label().to_lowercase()))
}

fn reg44_text(s: &FocusSetting) -> String {
    s.reg44.iter().map(|(m, st)| format!("{} {}", m.label(), state_word(*st))).collect::<Vec<_>>().join(", ")
}

fn list_or(items: &[String], none: &str) -> String {
    if items.is_empty() { none.to_string() } else { items.join(" | ") }
}

/// What the pack says about one setting, as label and text.
pub fn setting_facts(s: &FocusSetting, include_child_refs: bool) -> Vec<(String, String)> {
    let mut facts = vec![
        ("Setting", format!("{}, {}", s.kind, s.local_authority)),
        ("Judgements", history_text(s)),
        ("Tier", format!("{} ({})", s.tier, s.reasons.join("; "))),
        ("Last visit", last_visit_text(s)),
    ];
    if !s.reg44.is_empty() {
        facts.push(("Reg 44", reg44_text(s)));
        facts.push(("Key findings", list_or(&s.findings, "none high or serious")));
    }
    facts.push(("Improvement plan", list_or(&s.plans, "none")));
    facts.push(("Placement stop", list_or(&s.stops, "none")));
    let refs = if include_child_refs && !s.child_refs.is_empty() {
        format!(": {}", s.child_refs.join(", "))
    } else {
        String::new()
    };
    facts.push(("Children placed", format!("{} at {} a week{refs}", s.children, money(s.weekly))));
    facts.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

fn blocks(pack: &BoardPack) -> Vec<Block> {
    let o = &pack.overview;
    let h = &o.headline;
    let e = &o.exposure;
    let month = pack.month.label();
    let mut out = vec![
        Block::Heading(1, format!("Corporate Parenting Board: commissioned placements, {month}")),
        Block::Para(format!(
            "{}. Prepared with Oversight from the records as of {}{}.",
            pack.authority,
            o.as_of,
            if o.as_of < pack.month.last_day() { " (the month so far)" } else { "" }
        )),
    ];
    out.extend(safeguarding::unregistered(pack));
    out.extend([
        Block::Heading(2, "Summary".into()),
        Block::Bullets(vec![
            format!(
                "{} monitored; {} placed, {} of them ({}) in settings judged Inadequate or Requires improvement.",
                plural(h.monitored as usize, "setting", "settings"),
                plural(h.children as usize, "child", "children"),
                h.children_of_concern,
                percent(h.children_of_concern, h.children)
            ),
            format!("Placements cost {} a week ({} a year).", money(e.total.weekly), money(e.total.annual())),
            format!(
                "{} judged Inadequate or Requires improvement, with children placed, reported below.",
                plural(pack.focus.len(), "setting", "settings"),
            ),
            format!(
                "{} in force; {} issued and {} ended this month.",
                plural(pack.stops_active.len(), "placement stop", "placement stops"),
                pack.stops_issued.len(),
                pack.stops_ended.len()
            ),
            format!(
                "Monitoring visits: {} a visit due by the month's end that had not been made by its start, \
                 and {} of them were visited in the month; {} overdue on {}.",
                plural(pack.visits_due as usize, "setting had", "settings had"),
                pack.visits_done,
                plural(pack.overdue.len(), "setting was", "settings were"),
                o.as_of
            ),
            match pack.reg44.compliance() {
                Some(c) => format!(
                    "Regulation 44: {c}% of the reports for {} received ({} late, {} missing).",
                    pack.reg44.month.label(),
                    pack.reg44.late,
                    pack.reg44.missing
                ),
                None => format!("Regulation 44: no reports were due for {}.", pack.reg44.month.label()),
            },
            format!(
                "{} overdue.",
                plural(h.actions_overdue as usize, "improvement plan action is", "improvement plan actions are")
            ),
            {
                let first =
                    pack.judgement_changes.iter().filter(|c| c.judgement.is_some_and(|(_, b)| b.is_none())).count();
                format!(
                    "Judgements learned of this month: {}, {}.",
                    plural(first, "first judgement", "first judgements"),
                    plural(pack.judgement_changes.len() - first, "change", "changes")
                )
            },
            safeguarding::summary(pack),
        ]),
        Block::Heading(2, "Settings and children by judgement".into()),
        Block::Table(Table::new(
            "by_judgement",
            "Settings and children by judgement",
            &["Judgement", "Settings monitored", "Children placed", "Weekly cost", "Annual cost"],
            o.settings_by_class
                .iter()
                .zip(&e.by_class)
                .map(|((class, settings), (_, t))| {
                    vec![
                        class_label_with_outcome(*class),
                        settings.to_string(),
                        t.children.to_string(),
                        money(t.weekly),
                        money(t.annual()),
                    ]
                })
                .collect(),
        )),
        Block::Chart(Chart {
            title: "Children placed by judgement of their setting".into(),
            categories: e.by_class.iter().map(|(c, _)| class_label(*c).to_string()).collect(),
            series: vec![("Children".into(), e.by_class.iter().map(|(_, t)| t.children).collect())],
        }),
        Block::Heading(2, "Where children are placed".into()),
        Block::Table(Table::new(
            "by_distance",
            "Where children are placed",
            &["Placed", "Children", "Weekly cost", "Annual cost"],
            e.by_band
                .iter()
                .map(|(b, t)| (b.label().to_string(), t))
                .filter(|(label, t)| t.children > 0 || label != Band::Unknown.label())
                .chain([("In our area".to_string(), &e.in_area), ("Out of area".to_string(), &e.out_of_area)])
                .map(|(label, t)| vec![label, t.children.to_string(), money(t.weekly), money(t.annual())])
                .collect(),
        )),
        Block::Heading(
            2,
            format!("Inadequate and Requires improvement settings with children placed ({})", pack.focus.len()),
        ),
    ]);
    if pack.focus.is_empty() {
        out.push(Block::Para(
            "None: every setting with children placed is judged Good or better, or not yet judged.".into(),
        ));
    }
    for (n, s) in pack.focus.iter().enumerate() {
        let urn = if s.urn.is_empty() { String::new() } else { format!(", URN {}", s.urn) };
        out.push(Block::Setting {
            heading: format!(
                "{}. {} ({}{urn}): {} {}",
                n + 1,
                s.name,
                s.provider,
                judgement_word(s.judgement.severity()),
                s.judgement.label()
            ),
            facts: setting_facts(s, pack.include_child_refs),
            commentary: s.commentary.clone(),
        });
    }
    out.extend(safeguarding::blocks(pack));
    out.extend(evidence::blocks(pack));
    out.extend(value::blocks(pack));
    out.extend([
        Block::Heading(2, "Placement stops".into()),
        Block::Table(Table::new(
            "stops_issued",
            format!("Stops issued in {month}"),
            &STOP_HEADER,
            stop_rows(&pack.stops_issued),
        )),
        Block::Table(Table::new("stops_in_force", "Stops in force", &STOP_HEADER, stop_rows(&pack.stops_active))),
        Block::Table(Table::new(
            "stops_ended",
            format!("Stops ended in {month}"),
            &STOP_HEADER,
            stop_rows(&pack.stops_ended),
        )),
        Block::Heading(2, "Monitoring visits".into()),
        Block::Para(VISITS_DUE.into()),
        Block::Chart(Chart {
            title: "Visits falling due and visits made, by month".into(),
            categories: o.visits.iter().map(|m| m.month.label()).collect(),
            series: vec![
                ("Due".into(), o.visits.iter().map(|m| m.due).collect()),
                ("Made".into(), o.visits.iter().map(|m| m.done).collect()),
            ],
        }),
        Block::Table(Table::new(
            "visits_overdue",
            format!("Visits overdue on {}", o.as_of),
            &["Setting", "Provider", "Tier", "Due", "Days overdue", "Officer"],
            pack.overdue
                .iter()
                .map(|v| {
                    vec![
                        v.setting.clone(),
                        v.provider.clone(),
                        v.tier.number().to_string(),
                        v.due.to_string(),
                        v.days.to_string(),
                        if v.officer.is_empty() { "–".into() } else { v.officer.clone() },
                    ]
                })
                .collect(),
        )),
        Block::Heading(2, "Regulation 44 compliance".into()),
        Block::Para(if pack.reg44_missing.is_empty() {
            format!("No report for {} is missing.", pack.reg44.month.label())
        } else {
            format!("Missing for {}: {}.", pack.reg44.month.label(), pack.reg44_missing.join(", "))
        }),
        Block::Chart(Chart {
            title: "Reports received on time or late, by month (%)".into(),
            categories: pack.reg44_months.iter().map(|m| m.month.label()).collect(),
            series: vec![(
                "Compliance".into(),
                pack.reg44_months.iter().map(|m| m.compliance().unwrap_or(0)).collect(),
            )],
        }),
        Block::Table(Table::new(
            "reg44_by_month",
            format!("Reports by month, for the months due by {}", o.as_of),
            &REG44_HEADER,
            pack.reg44_months.iter().map(reg44_row).collect(),
        )),
        Block::Heading(2, format!("Judgement changes in {month}")),
        Block::Table(Table::new(
            "judgement_changes",
            format!("Judgement changes in {month}"),
            &["Learned of", "Setting", "Change"],
            change_rows(&pack.judgement_changes),
        )),
    ]);
    out.into_iter().map(|b| b.map_text(&|t| shield(pack, t))).collect()
}

/// The pack as Markdown: headings, bullet lists and pipe tables.
pub fn markdown(pack: &BoardPack) -> String {
    use super::{markdown_cell as cell, markdown_text as text};
    let mut out = String::new();
    let mut heading = String::new();
    for block in blocks(pack) {
        match block {
            Block::Heading(level, title) => {
                out.push_str(&format!("{} {}\n\n", "#".repeat(level.into()), text(&title)));
                heading = title;
            }
            Block::Para(para) => out.push_str(&format!("{}\n\n", text(&para))),
            Block::Bullets(items) => {
                items.iter().for_each(|i| out.push_str(&format!("- {}\n", text(i))));
                out.push('\n');
            }
            Block::Table(t) => {
                if t.title != heading {
                    out.push_str(&format!("**{}**\n\n", text(&t.title)));
                }
                if t.rows.is_empty() {
                    out.push_str("None.\n\n");
                    continue;
                }
                out.push_str(&format!("| {} |\n", t.header.join(" | ")));
                out.push_str(&format!("|{}\n", "---|".repeat(t.header.len())));
                for row in &t.rows {
                    out.push_str(&format!("| {} |\n", row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")));
                }
                out.push('\n');
            }
            Block::Chart(_) => {}
            Block::Setting { heading, facts, commentary } => {
                out.push_str(&format!("### {}\n\n", text(&heading)));
                facts.iter().for_each(|(k, v)| out.push_str(&format!("- **{k}:** {}\n", text(v))));
                let commentary =
                    if commentary.trim().is_empty() { "_None written._".into() } else { text(&commentary) };
                out.push_str(&format!("\n**Commentary.** {commentary}\n\n"));
            }
        }
    }
    out
}

fn is_date(text: &str) -> bool {
    crate::domain::date::parse(text).is_ok() && text.len() == 10
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A bar chart as inline SVG: grouped bars with their values written on
/// them, a legend in words, so it reads without colour.
fn svg(chart: &Chart) -> String {
    const FILLS: [&str; 2] = ["#4a5d7e", "#c8cfdb"];
    let max = chart.series.iter().flat_map(|(_, v)| v).copied().max().unwrap_or(0).max(1);
    let (left, height, plot) = (8.0, 150.0, 110.0);
    let group = 560.0 / chart.categories.len().max(1) as f64;
    let bar = (group - 6.0) / chart.series.len().max(1) as f64;
    let mut body = String::new();
    for (i, category) in chart.categories.iter().enumerate() {
        let x0 = left + group * i as f64;
        for (k, (_, values)) in chart.series.iter().enumerate() {
            let v = values.get(i).copied().unwrap_or(0);
            let h = plot * f64::from(v) / f64::from(max);
            let x = x0 + bar * k as f64;
            body.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{}\" stroke=\"#333\" stroke-width=\"0.5\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"8\" text-anchor=\"middle\">{v}</text>",
                10.0 + plot - h,
                (bar - 1.0).max(1.0),
                FILLS[k % FILLS.len()],
                x + bar / 2.0,
                8.0 + plot - h,
            ));
        }
        body.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"8\" text-anchor=\"middle\">{}</text>",
            x0 + (group - 6.0) / 2.0,
            height - 22.0,
            esc(category)
        ));
    }
    let legend: Vec<String> = chart
        .series
        .iter()
        .enumerate()
        .map(|(k, (name, _))| {
            let x = left + 130.0 * k as f64;
            format!(
                "<rect x=\"{x}\" y=\"{}\" width=\"10\" height=\"8\" fill=\"{}\" stroke=\"#333\" stroke-width=\"0.5\"/>\
                 <text x=\"{}\" y=\"{}\" font-size=\"9\">{}</text>",
                height - 10.0,
                FILLS[k % FILLS.len()],
                x + 14.0,
                height - 2.5,
                esc(name)
            )
        })
        .collect();
    format!(
        "<figure><svg viewBox=\"0 0 580 {height}\" width=\"100%\" role=\"img\" aria-label=\"{title}\">\
         <line x1=\"{left}\" y1=\"{base}\" x2=\"572\" y2=\"{base}\" stroke=\"#333\" stroke-width=\"0.5\"/>{body}{}</svg>\
         <figcaption>{title}</figcaption></figure>\n",
        legend.concat(),
        base = 10.0 + plot,
        title = esc(&chart.title),
    )
}

const STYLE: &str = "
@page { size: A4; margin: 14mm 12mm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 9.5pt; color: #111; max-width: 186mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0 0 3pt; }
table { border-collapse: collapse; width: 100%; margin: 3pt 0 8pt; }
caption { text-align: left; font-weight: bold; padding: 2pt 0; }
th, td { border: 1px solid #aaa; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #eee; }
td.n { white-space: nowrap; }
thead { display: table-header-group; }
tr, figure, section.setting, table.whole { break-inside: avoid; }
caption { break-after: avoid; }
section.setting { border: 1px solid #aaa; padding: 5pt 7pt; margin: 0 0 7pt; }
section.setting dl { display: grid; grid-template-columns: 28mm 1fr; gap: 1pt 6pt; margin: 0; }
section.setting dt { font-weight: bold; }
section.setting dd { margin: 0; }
p.commentary { margin: 4pt 0 0; padding: 3pt 5pt; background: #f4f4f4; }
figure { margin: 4pt 0 8pt; }
figcaption { font-size: 8.5pt; color: #333; }
";

/// The pack as one HTML page: inline CSS, inline SVG charts, no scripts and
/// no links out, laid out to print on A4.
pub fn html(pack: &BoardPack) -> String {
    let mut body = String::new();
    let mut heading = String::new();
    for block in blocks(pack) {
        match block {
            Block::Heading(level, text) => {
                body.push_str(&format!("<h{level}>{}</h{level}>\n", esc(&text)));
                heading = text;
            }
            Block::Para(text) => body.push_str(&format!("<p>{}</p>\n", esc(&text))),
            Block::Bullets(items) => {
                let items: String = items.iter().map(|i| format!("<li>{}</li>", esc(i))).collect();
                body.push_str(&format!("<ul>{items}</ul>\n"));
            }
            Block::Table(t) if t.rows.is_empty() => {
                body.push_str(&format!("<p><strong>{}</strong>: none.</p>\n", esc(&t.title)))
            }
            Block::Table(t) => {
                let head: String = t.header.iter().map(|h| format!("<th scope=\"col\">{}</th>", esc(h))).collect();
                let td = |c: &String| match as_number(c).parse::<f64>().is_ok() || is_date(c) || c.ends_with('%') {
                    true => format!("<td class=\"n\">{}</td>", esc(c)),
                    false => format!("<td>{}</td>", esc(c)),
                };
                let rows: String =
                    t.rows.iter().map(|r| format!("<tr>{}</tr>", r.iter().map(td).collect::<String>())).collect();
                let caption =
                    if t.title == heading { String::new() } else { format!("<caption>{}</caption>", esc(&t.title)) };
                // A short table stays on one page; a long one breaks between rows, its header repeated.
                let class = if t.rows.len() <= 12 { " class=\"whole\"" } else { "" };
                body.push_str(&format!(
                    "<table{class}>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>\n"
                ));
            }
            Block::Chart(chart) => body.push_str(&svg(&chart)),
            Block::Setting { heading, facts, commentary } => {
                let facts: String =
                    facts.iter().map(|(k, v)| format!("<dt>{}</dt><dd>{}</dd>", esc(k), esc(v))).collect();
                let commentary = if commentary.trim().is_empty() {
                    "<em>No commentary written.</em>".to_string()
                } else {
                    esc(&commentary)
                };
                body.push_str(&format!(
                    "<section class=\"setting\"><h3>{}</h3><dl>{facts}</dl><p class=\"commentary\"><strong>Commentary.</strong> {commentary}</p></section>\n",
                    esc(&heading)
                ));
            }
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>Corporate Parenting Board pack, {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        esc(&pack.month.label())
    )
}

/// Money as a plain number, so a spreadsheet can add it up: "£4,250.50" → "4250.50".
fn as_number(cell: &str) -> String {
    match cell.strip_prefix('£') {
        Some(rest) if rest.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') => rest.replace(',', ""),
        _ => cell.to_string(),
    }
}

/// The pack's tables for machines: one file, each table's rows under its own
/// header row, every row naming its `section`, the pack's `month` and the day
/// it was read `as_of`; an empty cell means none; money as plain numbers;
/// every cell escaped against formulas.
pub fn csv(pack: &BoardPack) -> Vec<u8> {
    let mut header = vec![
        "Setting",
        "URN",
        "Provider",
        "Judgement",
        "Judgements",
        "Tier",
        "Reasons",
        "Last visit",
        "Reg 44",
        "Key findings",
        "Improvement plan",
        "Placement stop",
        "Children placed",
        "Weekly cost",
        "Commentary",
    ];
    if pack.include_child_refs {
        header.push("Children");
    }
    let rows = pack
        .focus
        .iter()
        .map(|s| {
            let mut row = vec![
                s.name.clone(),
                s.urn.clone(),
                s.provider.clone(),
                s.judgement.label().to_string(),
                history_text(s),
                s.tier.number().to_string(),
                s.reasons.join("; "),
                last_visit_text(s),
                reg44_text(s),
                s.findings.join(" | "),
                s.plans.join(" | "),
                s.stops.join(" | "),
                s.children.to_string(),
                s.weekly.plain(),
                s.commentary.clone(),
            ];
            if pack.include_child_refs {
                row.push(s.child_refs.join(" "));
            }
            row.iter().map(|c| shield(pack, c)).collect()
        })
        .collect();
    let focus = Table::new("focus", "Inadequate and Requires improvement settings with children placed", &header, rows);
    let o = &pack.overview;
    let visits = Table::new(
        "visits_by_month",
        "Visits falling due and visits made, by month",
        &["Month", "Fell due", "Made"],
        o.visits.iter().map(|m| vec![m.month.to_string(), m.due.to_string(), m.done.to_string()]).collect(),
    );
    let mut tables = vec![Table::new("summary", "Summary", &["Figure", "Value"], figures::summary(pack))];
    for block in blocks(pack) {
        if let Block::Table(t) = block {
            // The focus settings after the two summary tables, as in the other
            // formats; the visits chart's figures before the overdue list.
            match t.section {
                "stops_issued" => tables.push(focus.clone()),
                "visits_overdue" => tables.push(visits.clone()),
                _ => {}
            }
            tables.push(t);
        }
    }
    let (month, as_of) = (pack.month.to_string(), o.as_of.to_string());
    let mut out = Vec::new();
    for table in tables {
        let header: Vec<&str> =
            ["section", "month", "as_of"].into_iter().chain(table.header.iter().map(String::as_str)).collect();
        let rows: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|r| {
                let cells = r.iter().map(|c| if c == "–" { String::new() } else { as_number(c) });
                [table.section.to_string(), month.clone(), as_of.clone()].into_iter().chain(cells).collect()
            })
            .collect();
        out.extend(super::csv::table(&header, &rows));
    }
    out
}
