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
    fn day_arithmetic_and_month_start() {
        assert_eq!(add_days(d(2024, 2, 28), 1), d(2024, 2, 29));
        assert_eq!(add_days(d(2023, 2, 28), 1), d(2023, 3, 1));
        assert_eq!(add_days(NaiveDate::MAX, 5), NaiveDate::MAX);
        assert_eq!(month_start(d(2024, 3, 31)), d(2024, 3, 1));
        assert_eq!(iso(d(2024, 3, 1)), "2024-03-01");
    }
}
