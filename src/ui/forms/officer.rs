//! Who is working: asked for on first run, changed with `@`. Saving writes
//! the profile and names the officer in forms, the audit trail and notices.

use super::{Field, Form, FormSpec, Problem, Saved};
use crate::domain::Validate;
use crate::domain::officer::Officer;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

struct OfficerSpec {
    /// Where the profile is kept; `None` keeps it for this session only.
    path: Option<PathBuf>,
    /// Where the officer saved is left for the app to take.
    saved: Rc<RefCell<Option<Officer>>>,
}

fn officer(form: &Form) -> Officer {
    let v = form.values();
    Officer { name: v.text("name"), role: v.text("role"), email: v.text("email"), phone: v.text("phone") }
}

impl FormSpec for OfficerSpec {
    fn problems(&self, form: &Form, today: NaiveDate) -> Vec<Problem> {
        officer(form).problems(today).into_iter().map(|i| (None, i)).collect()
    }

    fn save(&self, form: &Form, store: &mut Store) -> Result<Saved, StoreError> {
        let o = officer(form);
        let where_kept = match &self.path {
            Some(path) => {
                crate::profile::save(path, &o)
                    .map_err(|e| StoreError::Invalid(vec![crate::domain::Invalid::new("name", e)]))?;
                format!(" (kept in {})", path.display())
            }
            None => String::new(),
        };
        store.set_user(o.name.trim());
        let line = o.contact_line();
        *self.saved.borrow_mut() = Some(o);
        Ok(Saved { message: format!("Working as {line}{where_kept}"), record: None, refused: false })
    }
}

/// The form, filled with `current` if there is one; the officer saved is
/// left in `saved`.
pub fn form(
    current: Option<&Officer>,
    path: Option<PathBuf>,
    saved: Rc<RefCell<Option<Officer>>>,
    today: NaiveDate,
) -> Form {
    let o = current.cloned().unwrap_or_default();
    let fields = vec![
        Field::text("name", "Your name", &o.name, 60)
            .required()
            .hint("the name forms, the audit trail and notices will show"),
        Field::text("role", "Role", &o.role, 80).hint("e.g. Contracts Officer, QA Lead"),
        Field::text("email", "Email", &o.email, 120),
        Field::text("phone", "Phone", &o.phone, 40),
    ];
    let title = if current.is_some() { "Who is working" } else { "Who is working? (asked once)" };
    Form::new(title, fields, Box::new(OfficerSpec { path, saved }), today)
}
