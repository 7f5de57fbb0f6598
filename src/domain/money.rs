//! Money, held as whole pence so sums are exact.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::Add;

/// An amount of money in pence. Never negative in stored records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Pence(pub i64);

/// The largest amount any field accepts: £1,000,000,000.
const MAX_PENCE: i64 = 100_000_000_000;

impl Pence {
    pub fn from_pounds(pounds: i64) -> Pence {
        Pence(pounds * 100)
    }

    /// Parses "£3,250", "3250.5", "£1,200.00". Refuses negatives, more than
    /// two decimal places and absurd sizes, saying which.
    pub fn parse(text: &str) -> Result<Pence, String> {
        let cleaned: String = text.trim().trim_start_matches('£').chars().filter(|c| *c != ',').collect();
        let cleaned = cleaned.trim();
        if cleaned.is_empty() {
            return Err("enter an amount in pounds, e.g. 3250 or £3,250.50".into());
        }
        if cleaned.starts_with('-') {
            return Err("an amount cannot be negative".into());
        }
        let (whole, frac) = cleaned.split_once('.').unwrap_or((cleaned, ""));
        if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("{:?} is not an amount of money", text.trim()));
        }
        if frac.len() > 2 {
            return Err("use at most two decimal places (pence)".into());
        }
        let pounds: i64 = whole.parse().map_err(|_| "amount too large".to_string())?;
        let pence: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
        match pounds.checked_mul(100).and_then(|p| p.checked_add(pence)) {
            Some(total) if total <= MAX_PENCE => Ok(Pence(total)),
            _ => Err("amount too large (over £1,000,000,000)".into()),
        }
    }

    /// "£3,250" when whole pounds, else "£3,250.50".
    pub fn full(self) -> String {
        let pounds = group_thousands(self.0 / 100);
        match self.0 % 100 {
            0 => format!("£{pounds}"),
            p => format!("£{pounds}.{p:02}"),
        }
    }

    /// A compact figure for narrow columns: "£950", "£21.4k", "£2.05m".
    pub fn compact(self) -> String {
        let pounds = self.0 as f64 / 100.0;
        if pounds >= 1_000_000.0 {
            format!("£{:.2}m", pounds / 1_000_000.0)
        } else if pounds >= 10_000.0 {
            format!("£{:.1}k", pounds / 1_000.0)
        } else {
            format!("£{}", group_thousands(self.0 / 100))
        }
    }

    /// Plain number for forms and exports: "3250" or "3250.50".
    pub fn plain(self) -> String {
        match self.0 % 100 {
            0 => format!("{}", self.0 / 100),
            p => format!("{}.{p:02}", self.0 / 100),
        }
    }
}

/// `1234567` as `1,234,567`.
pub fn group_thousands(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

impl fmt::Display for Pence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full())
    }
}

impl Add for Pence {
    type Output = Pence;
    fn add(self, rhs: Pence) -> Pence {
        Pence(self.0 + rhs.0)
    }
}

impl Sum for Pence {
    fn sum<I: Iterator<Item = Pence>>(iter: I) -> Pence {
        iter.fold(Pence(0), Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_ways_people_write_money() {
        let cases = [
            ("3250", 325_000),
            ("£3,250", 325_000),
            (" £3,250.5 ", 325_050),
            ("1200.05", 120_005),
            ("0", 0),
            ("2,000,000", 200_000_000),
        ];
        for (text, pence) in cases {
            assert_eq!(Pence::parse(text), Ok(Pence(pence)), "{text}");
        }
    }

    #[test]
    fn refuses_bad_money_with_a_reason() {
        assert!(Pence::parse("").unwrap_err().contains("enter an amount"));
        assert!(Pence::parse("-5").unwrap_err().contains("negative"));
        assert!(Pence::parse("12.345").unwrap_err().contains("two decimal"));
        assert!(Pence::parse("abc").unwrap_err().contains("not an amount"));
        assert!(Pence::parse("1.2.3").unwrap_err().contains("not an amount"));
        assert!(Pence::parse("99999999999999999999").unwrap_err().contains("too large"));
        assert!(Pence::parse("1000000001").unwrap_err().contains("too large"));
        assert!(Pence::parse("=1+1").is_err());
    }

    #[test]
    fn formats_full_compact_and_plain() {
        assert_eq!(Pence(325_000).full(), "£3,250");
        assert_eq!(Pence(325_050).full(), "£3,250.50");
        assert_eq!(Pence(95_000).compact(), "£950");
        assert_eq!(Pence(2_140_000).compact(), "£21.4k");
        assert_eq!(Pence(205_000_000).compact(), "£2.05m");
        assert_eq!(Pence(325_005).plain(), "3250.05");
        assert_eq!(Pence(100).plain(), "1");
        assert_eq!([Pence(1), Pence(2)].into_iter().sum::<Pence>(), Pence(3));
    }
}
