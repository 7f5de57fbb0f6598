//! The pack's summary figures, one a row, for the CSV.

use crate::store::board::BoardPack;

/// The summary's figures, one a row, for machines.
pub(super) fn summary(pack: &BoardPack) -> Vec<Vec<String>> {
    let o = &pack.overview;
    let h = &o.headline;
    let figures: [(&str, String); 17] = [
        ("settings monitored", h.monitored.to_string()),
        ("children placed", h.children.to_string()),
        ("children in Inadequate or Requires improvement settings", h.children_of_concern.to_string()),
        ("weekly cost", o.exposure.total.weekly.plain()),
        ("annual cost", o.exposure.total.annual().plain()),
        ("Inadequate or Requires improvement settings with children placed", pack.focus.len().to_string()),
        ("placement stops in force", pack.stops_active.len().to_string()),
        ("placement stops issued in the month", pack.stops_issued.len().to_string()),
        ("placement stops ended in the month", pack.stops_ended.len().to_string()),
        ("settings with a visit falling due in the month", pack.visits_due.to_string()),
        ("of those, visited in the month", pack.visits_done.to_string()),
        ("settings with a visit overdue", pack.overdue.len().to_string()),
        ("improvement plan actions overdue", h.actions_overdue.to_string()),
        ("judgement changes learned of in the month", pack.judgement_changes.len().to_string()),
        ("decommissioning reviews open", pack.decommissioning.len().to_string()),
        ("Regulation 40 notifications in the month", pack.notifications.len().to_string()),
        (
            "spot share of placements (%)",
            pack.overview.market.last().and_then(|m| m.spot_share).map_or_else(String::new, |s| s.to_string()),
        ),
    ];
    figures.into_iter().map(|(k, v)| vec![k.to_string(), v]).collect()
}
