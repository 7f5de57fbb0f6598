//! Market measures (document 000): how placements are bought (spot, block,
//! framework, DPS) against the policy's target for spot, the dearest
//! placements and their average weekly cost, and placements far away or
//! outside the region, month by month.

use super::contract::ContractType;
use super::date::Month;
use super::money::Pence;
use super::percent;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A placement as the market measures read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bought {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub weekly: Pence,
    /// How it was bought: its contract's type; none is bought spot.
    pub how: Option<ContractType>,
    pub miles: Option<u32>,
    /// The setting lies outside the council's region.
    pub outside_region: bool,
}

impl Bought {
    fn placed_on(&self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|e| e > day)
    }

    /// Spot, whether by a spot contract or none.
    fn kind(&self) -> ContractType {
        self.how.unwrap_or(ContractType::Spot)
    }
}

/// The measures on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measures {
    pub on: NaiveDate,
    pub placements: u32,
    pub weekly: Pence,
    /// Placements and weekly spend by how bought, in the order block,
    /// framework, spot, DPS.
    pub by_kind: Vec<(ContractType, u32, Pence)>,
    /// Spot's share of placements and of spend, whole percentages.
    pub spot_share: Option<u32>,
    pub spot_spend_share: Option<u32>,
    /// The dearest placements' average weekly cost (the policy's number of them).
    pub dearest_average: Option<Pence>,
    pub far: u32,
    pub outside_region: u32,
}

/// What the measures need from the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// How many of the dearest placements are averaged.
    pub dearest: usize,
    /// From how many miles a placement counts as far.
    pub far_miles: u32,
}

/// The measures of `placed` on `day`.
pub fn measures(placed: &[Bought], day: NaiveDate, reading: Reading) -> Measures {
    let now: Vec<&Bought> = placed.iter().filter(|b| b.placed_on(day)).collect();
    let weekly = Pence(now.iter().map(|b| b.weekly.0).sum());
    let by_kind: Vec<(ContractType, u32, Pence)> =
        [ContractType::Block, ContractType::Framework, ContractType::Spot, ContractType::Dps]
            .into_iter()
            .map(|k| {
                let of: Vec<&&Bought> = now.iter().filter(|b| b.kind() == k).collect();
                (k, of.len() as u32, Pence(of.iter().map(|b| b.weekly.0).sum()))
            })
            .collect();
    let spot = by_kind.iter().find(|(k, ..)| *k == ContractType::Spot).map_or((0, Pence(0)), |(_, n, p)| (*n, *p));
    let mut costs: Vec<i64> = now.iter().map(|b| b.weekly.0).collect();
    costs.sort_unstable_by(|a, b| b.cmp(a));
    let dearest: Vec<i64> = costs.into_iter().take(reading.dearest).collect();
    Measures {
        on: day,
        placements: now.len() as u32,
        weekly,
        spot_share: percent(spot.0, now.len() as u32),
        spot_spend_share: share(spot.1, weekly),
        by_kind,
        dearest_average: (!dearest.is_empty()).then(|| Pence(dearest.iter().sum::<i64>() / dearest.len() as i64)),
        far: now.iter().filter(|b| b.miles.is_some_and(|m| m >= reading.far_miles)).count() as u32,
        outside_region: now.iter().filter(|b| b.outside_region).count() as u32,
    }
}

/// `part` of `whole` pence as a whole percentage; none of nothing.
fn share(part: Pence, whole: Pence) -> Option<u32> {
    (whole.0 > 0).then(|| ((part.0 as f64 * 100.0 / whole.0 as f64).round()) as u32)
}

/// The measures at the end of each of the `months` months to `today`'s
/// (today itself for the month under way), oldest first.
pub fn by_month(placed: &[Bought], today: NaiveDate, months: usize, reading: Reading) -> Vec<Measures> {
    Month::of(today).back(months).into_iter().map(|m| measures(placed, m.last_day().min(today), reading)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse;

    fn bought(start: &str, end: Option<&str>, pounds: i64, how: Option<ContractType>, miles: u32, out: bool) -> Bought {
        Bought {
            start: parse(start).unwrap(),
            end: end.map(|e| parse(e).unwrap()),
            weekly: Pence::from_pounds(pounds),
            how,
            miles: Some(miles),
            outside_region: out,
        }
    }

    const READING: Reading = Reading { dearest: 2, far_miles: 50 };

    /// A hand-made set: on 2026-06-30, four placed (one ended in May).
    fn placed() -> Vec<Bought> {
        use ContractType::*;
        vec![
            bought("2025-01-10", None, 5_000, Some(Block), 10, false),
            bought("2025-03-01", None, 7_000, None, 80, true),
            bought("2026-02-01", None, 3_000, Some(Spot), 55, false),
            bought("2026-04-01", None, 1_000, Some(Framework), 5, false),
            bought("2025-06-01", Some("2026-05-20"), 9_000, Some(Spot), 120, true),
        ]
    }

    #[test]
    fn shares_dearest_and_distance_by_hand() {
        let m = measures(&placed(), parse("2026-06-30").unwrap(), READING);
        assert_eq!((m.placements, m.weekly), (4, Pence::from_pounds(16_000)));
        // Spot: the one without a contract and the spot contract: 2 of 4, £10,000 of £16,000.
        assert_eq!((m.spot_share, m.spot_spend_share), (Some(50), Some(63)));
        let spot = m.by_kind.iter().find(|k| k.0 == ContractType::Spot).unwrap();
        assert_eq!((spot.1, spot.2), (2, Pence::from_pounds(10_000)));
        // The two dearest: £7,000 and £5,000.
        assert_eq!(m.dearest_average, Some(Pence::from_pounds(6_000)));
        assert_eq!((m.far, m.outside_region), (2, 1));
    }

    #[test]
    fn month_by_month_reads_each_months_end() {
        let months = by_month(&placed(), parse("2026-06-15").unwrap(), 3, READING);
        let days: Vec<String> = months.iter().map(|m| m.on.to_string()).collect();
        assert_eq!(days, ["2026-04-30", "2026-05-31", "2026-06-15"]);
        // At the end of April the £9,000 spot placement was still there: 3 spot of 5.
        assert_eq!((months[0].placements, months[0].spot_share), (5, Some(60)));
        assert_eq!((months[1].placements, months[1].spot_share), (4, Some(50)));
        assert_eq!(measures(&[], parse("2026-06-15").unwrap(), READING).spot_share, None, "nothing placed: no share");
    }
}
