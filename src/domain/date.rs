//! Dates as people type them and as we store them (ISO `YYYY-MM-DD`).

use chrono::{Datelike, NaiveDate};

/// Parses `2024-03-12` or the British `12/03/2024`, with messages that say
/// what is wrong ("31 is not a day of February 2025").
pub fn parse(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("enter a date as YYYY-MM-DD".into());
    }
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    let (year, month, day) = match (numbers.as_deref(), text.contains('/')) {
        (Some([y, m, d]), false) if parts[0].len() == 4 => (*y as i32, *m, *d),
        (Some([d, m, y]), true) if parts[2].len() == 4 => (*y as i32, *m, *d),
        _ => {
            return Err(format!("{text:?} is not a date: use YYYY-MM-DD (or DD/MM/YYYY)"));
        }
    };
    if !(1..=12).contains(&month) {
        return Err(format!("{month} is not a month (1-12)"));
    }
    if !(1900..=2200).contains(&year) {
        return Err(format!("{year} is outside the years Oversight accepts (1900-2200)"));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let month_name = NaiveDate::from_ymd_opt(year, month, 1).map(|d| d.format("%B %Y").to_string());
        format!("{day} is not a day of {}", month_name.unwrap_or_default())
    })
}

/// The ISO form we store and show: `2024-03-12`.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Adds whole days, saturating at the calendar's end rather than panicking.
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(chrono::Duration::days(days)).unwrap_or(NaiveDate::MAX)
}

/// The first day of the date's month.
pub fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// A calendar month, written `2026-10`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Month {
    first: NaiveDate,
}

impl Month {
    pub fn of(date: NaiveDate) -> Month {
        Month { first: month_start(date) }
    }

    pub fn new(year: i32, month: u32) -> Option<Month> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|first| Month { first })
    }

    /// Parses `2026-10` (also `10/2026`), with a reason when it is not a month.
    pub fn parse(text: &str) -> Result<Month, String> {
        let t = text.trim();
        let (year, month) = match t.split_once(['-', '/']) {
            Some((a, b)) if a.len() == 4 => (a, b),
            Some((a, b)) if b.len() == 4 => (b, a),
            _ => return Err(format!("{t:?} is not a month: use YYYY-MM, e.g. 2026-10")),
        };
        let (Ok(year), Ok(month)) = (year.parse::<i32>(), month.parse::<u32>()) else {
            return Err(format!("{t:?} is not a month: use YYYY-MM, e.g. 2026-10"));
        };
        if !(1..=12).contains(&month) {
            return Err(format!("{month} is not a month (1-12)"));
        }
        if !(1900..=2200).contains(&year) {
            return Err(format!("{year} is outside the years Oversight accepts (1900-2200)"));
        }
        Month::new(year, month).ok_or_else(|| format!("{t:?} is not a month"))
    }

    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    pub fn last_day(self) -> NaiveDate {
        add_days(self.next().first, -1)
    }

    pub fn next(self) -> Month {
        let (y, m) = (self.first.year(), self.first.month());
        let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        Month::new(y, m).unwrap_or(self)
    }

    pub fn previous(self) -> Month {
        Month::of(add_days(self.first, -1))
    }

    /// The day of the following month by which something about this month
    /// is due, clamped to that month's length.
    pub fn due_by(self, day: u32) -> NaiveDate {
        let next = self.next();
        add_days(next.first, i64::from(day.max(1)) - 1).min(next.last_day())
    }

    /// `count` months ending with this one, oldest first.
    pub fn back(self, count: usize) -> Vec<Month> {
        let mut months: Vec<Month> = std::iter::successors(Some(self), |m| Some(m.previous())).take(count).collect();
        months.reverse();
        months
    }

    /// "Oct 2026".
    pub fn label(self) -> String {
        const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        format!("{} {}", NAMES[self.first.month0() as usize], self.first.year())
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Month::of(date) == self
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.first.format("%Y-%m"))
    }
}

impl TryFrom<String> for Month {
    type Error = String;
    fn try_from(s: String) -> Result<Month, String> {
        Month::parse(&s)
    }
}

impl From<Month> for String {
    fn from(m: Month) -> String {
        m.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn accepts_iso_and_british_forms() {
        assert_eq!(parse("2024-03-12"), Ok(d(2024, 3, 12)));
        assert_eq!(parse(" 12/03/2024 "), Ok(d(2024, 3, 12)));
        assert_eq!(parse("2024-2-29"), Ok(d(2024, 2, 29)));
        assert_eq!(parse("1/2/2025"), Ok(d(2025, 2, 1)));
    }

    #[test]
    fn refuses_impossible_dates_with_the_reason() {
        assert_eq!(parse("2025-02-29").unwrap_err(), "29 is not a day of February 2025");
        assert_eq!(parse("2025-13-01").unwrap_err(), "13 is not a month (1-12)");
        assert!(parse("").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse("12-03-2024").unwrap_err().contains("is not a date"));
        assert!(parse("2024/03/12").unwrap_err().contains("is not a date"));
        assert!(parse("yesterday").unwrap_err().contains("is not a date"));
        assert!(parse("0024-01-01").unwrap_err().contains("outside the years"));
        assert!(parse("2024-01-01-01").is_err());
    }

    #[test]
    fn months_parse_step_and_fall_due() {
        let oct = Month::parse("2026-10").unwrap();
        assert_eq!(Month::parse("10/2026"), Ok(oct));
        assert_eq!(oct.to_string(), "2026-10");
        assert_eq!(oct.label(), "Oct 2026");
        assert_eq!(oct.last_day(), d(2026, 10, 31));
        assert_eq!(oct.next(), Month::parse("2026-11").unwrap());
        assert_eq!(Month::parse("2026-12").unwrap().next(), Month::parse("2027-01").unwrap());
        assert_eq!(Month::parse("2026-01").unwrap().previous(), Month::parse("2025-12").unwrap());
        assert_eq!(oct.due_by(10), d(2026, 11, 10));
        assert_eq!(Month::parse("2028-01").unwrap().due_by(31), d(2028, 2, 29), "clamped to February's length");
        assert_eq!(Month::parse("2024-02").unwrap().last_day(), d(2024, 2, 29));
        let back: Vec<String> = oct.back(3).iter().map(|m| m.to_string()).collect();
        assert_eq!(back, vec!["2026-08", "2026-09", "2026-10"]);
        assert!(oct.contains(d(2026, 10, 1)) && !oct.contains(d(2026, 11, 1)));
        for bad in ["2026-13", "2026", "October", "2026-1-1", ""] {
            assert!(Month::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn day_arithmetic_and_month_start() {
        assert_eq!(add_days(d(2024, 2, 28), 1), d(2024, 2, 29));
        assert_eq!(add_days(d(2023, 2, 28), 1), d(2023, 3, 1));
        assert_eq!(add_days(NaiveDate::MAX, 5), NaiveDate::MAX);
        assert_eq!(month_start(d(2024, 3, 31)), d(2024, 3, 1));
        assert_eq!(iso(d(2024, 3, 1)), "2024-03-01");
    }
}
