//! Who is working: the officer's name (for forms, the audit trail and
//! notices), role, email and phone (for the contact a notice gives).

use super::visit::check_officer;
use super::{Invalid, Validate, check_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Officer {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
}

impl Validate for Officer {
    fn problems(&self, _today: NaiveDate) -> Vec<Invalid> {
        let mut out: Vec<Invalid> = check_officer(&self.name)
            .map(|m| Invalid::new("name", m.replace("who made (or will make) the visit", "your name")))
            .into_iter()
            .collect();
        out.extend(check_text("role", &self.role, false, 80));
        out.extend(check_text("email", &self.email, false, 120));
        let email = self.email.trim();
        let looks_like_email = email.contains('@') && email.contains('.') && !email.contains(' ');
        if !email.is_empty() && !looks_like_email {
            out.push(Invalid::new("email", format!("{email:?} is not an email address")));
        }
        let phone = self.phone.trim();
        let dialable = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-');
        if !phone.is_empty() && (!phone.chars().all(dialable) || phone.chars().filter(char::is_ascii_digit).count() < 6)
        {
            out.push(Invalid::new("phone", format!("{phone:?} is not a phone number")));
        }
        out
    }
}

impl Officer {
    /// "A. Khan, Contracts Officer, a.khan@marlshire.gov.uk, 01632 960123":
    /// what is known of them, in that order.
    pub fn contact_line(&self) -> String {
        [&self.name, &self.role, &self.email, &self.phone]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    #[test]
    fn a_name_is_needed_and_contact_details_must_look_like_what_they_are() {
        let good = Officer {
            name: "A. Khan".into(),
            role: "Contracts Officer".into(),
            email: "a.khan@marlshire.gov.uk".into(),
            phone: "01632 960123".into(),
        };
        assert!(good.problems(today()).is_empty());
        assert_eq!(good.contact_line(), "A. Khan, Contracts Officer, a.khan@marlshire.gov.uk, 01632 960123");
        let bad = Officer { name: String::new(), email: "khan at marlshire".into(), phone: "call me".into(), ..good };
        let fields: Vec<&str> = bad.problems(today()).iter().map(|p| p.field).collect();
        assert_eq!(fields, ["name", "email", "phone"]);
        assert!(bad.problems(today())[0].message.contains("your name"));
        let named = Officer { name: "B. Morris".into(), ..Officer::default() };
        assert!(named.problems(today()).is_empty(), "role, email and phone are optional");
        assert_eq!(named.contact_line(), "B. Morris");
    }
}
