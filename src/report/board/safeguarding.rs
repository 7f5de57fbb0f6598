//! The pack's safeguarding sections: first of all, every child in an
//! unregistered placement on its day; later, the Regulation 40
//! notifications homes sent in the month, counted by category and by
//! setting, with each grave one (a death, an allegation against staff) named.

use super::{Block, Table};
use crate::domain::notification;
use crate::domain::plural;
use crate::store::board::BoardPack;

const CATEGORY_HEADER: [&str; 2] = ["Category", "Notifications"];
const SETTING_HEADER: [&str; 5] = ["Setting", "Provider", "Notifications", "Police", "Grave"];
const GRAVE_HEADER: [&str; 4] = ["Notified", "Setting", "Category", "Closed"];

const UNREGISTERED_HEADER: [&str; 11] = [
    "Child",
    "Provider",
    "Address",
    "First night",
    "Ended",
    "Nights",
    "Approved by",
    "Deprivation of liberty",
    "Ofsted told",
    "Applied to register",
    "Weekly cost",
];

/// Children placed where no registration covers them, on the pack's day
/// or in its month: the pack's first section.
pub(super) fn unregistered(pack: &BoardPack) -> Vec<Block> {
    let all = &pack.unregistered;
    let as_of = pack.overview.as_of;
    let open = all.iter().filter(|u| u.end.is_none_or(|e| e > as_of)).count();
    let ended = all.len() - open;
    let mut out = vec![Block::Heading(2, "Children in unregistered placements".into())];
    out.push(Block::Para(match (open, ended) {
        (0, 0) => format!("No child was placed where no registration covers them in {}.", pack.month.label()),
        _ => format!(
            "On {as_of}, {} where no Ofsted registration covers the care they receive, which is unlawful; \
             {} in the month. Each is reviewed weekly until it ends.",
            plural(open, "child was placed", "children were placed"),
            plural(ended, "such placement ended", "such placements ended")
        ),
    }));
    if all.is_empty() {
        return out;
    }
    let day = |d: Option<chrono::NaiveDate>, none: &str| d.map_or_else(|| none.to_string(), |d| d.to_string());
    let rows = all
        .iter()
        .map(|u| {
            let last = u.end.unwrap_or(as_of).min(as_of);
            vec![
                if pack.include_child_refs { u.child_ref.clone() } else { crate::domain::placement::WITHHELD.into() },
                u.provider.clone(),
                u.address.clone(),
                u.start.to_string(),
                day(u.end, "open"),
                (last - u.start).num_days().to_string(),
                u.approved_by.clone(),
                if u.deprivation_of_liberty { "yes" } else { "no" }.into(),
                day(u.ofsted_notified_on, "not told"),
                day(u.applied_on, "not applied"),
                super::money(u.weekly_cost),
            ]
        })
        .collect();
    out.push(Block::Table(Table::new("unregistered", "Unregistered placements", &UNREGISTERED_HEADER, rows)));
    out
}

/// The summary's bullet: unregistered placements and notifications.
pub(super) fn summary(pack: &BoardPack) -> String {
    let as_of = pack.overview.as_of;
    let open = pack.unregistered.iter().filter(|u| u.end.is_none_or(|e| e > as_of)).count();
    format!(
        "{} in an unregistered placement on {as_of}; {} of serious events this month.",
        plural(open, "child", "children"),
        plural(pack.notifications.len(), "Regulation 40 notification", "Regulation 40 notifications")
    )
}

pub(super) fn blocks(pack: &BoardPack) -> Vec<Block> {
    let month = pack.month.label();
    let all = &pack.notifications;
    let mut out = vec![Block::Heading(2, format!("Regulation 40 notifications in {month}"))];
    // Closed as the pack's day saw it: one closed since was open then.
    let as_of = pack.overview.as_of;
    let closed = |n: &crate::domain::notification::Notification| n.closed_on.filter(|c| *c <= as_of);
    let open = all.iter().filter(|r| closed(&r.notification.value).is_none()).count();
    out.push(Block::Para(match all.len() {
        0 => format!("No home notified us of a serious event in {month}."),
        n => format!(
            "Homes notified us of {} in {month}; {open} still open. A death or an allegation against staff puts \
             the home in tier 1; more than the policy's number of police incidents in its window, tier 2.",
            plural(n, "serious event", "serious events")
        ),
    }));
    if all.is_empty() {
        return out;
    }
    let counts = notification::by_category(all.iter().map(|r| &r.notification.value));
    let rows = counts.iter().map(|(c, n)| vec![c.label().to_string(), n.to_string()]).collect();
    out.push(Block::Table(Table::new("notifications_by_category", "By category", &CATEGORY_HEADER, rows)));
    // (setting, provider, all, police, grave), most first.
    let mut settings: Vec<(String, String, u32, u32, u32)> = Vec::new();
    for r in all {
        let c = r.notification.value.category;
        let at = match settings.iter().position(|s| s.0 == r.setting && s.1 == r.provider) {
            Some(at) => at,
            None => {
                settings.push((r.setting.clone(), r.provider.clone(), 0, 0, 0));
                settings.len() - 1
            }
        };
        let s = &mut settings[at];
        s.2 += 1;
        s.3 += u32::from(c == notification::Category::Police);
        s.4 += u32::from(c.is_grave());
    }
    settings.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let rows = settings
        .into_iter()
        .map(|(s, p, n, police, grave)| vec![s, p, n.to_string(), police.to_string(), grave.to_string()])
        .collect();
    out.push(Block::Table(Table::new("notifications_by_setting", "By setting", &SETTING_HEADER, rows)));
    let grave: Vec<Vec<String>> = all
        .iter()
        .filter(|r| r.notification.value.category.is_grave())
        .map(|r| {
            let n = &r.notification.value;
            vec![
                n.notified_on.to_string(),
                r.setting.clone(),
                n.category.label().to_string(),
                closed(n).map_or_else(|| "open".into(), |d| d.to_string()),
            ]
        })
        .collect();
    if !grave.is_empty() {
        out.push(Block::Table(Table::new(
            "notifications_grave",
            "Deaths and allegations against staff",
            &GRAVE_HEADER,
            grave,
        )));
    }
    out
}
