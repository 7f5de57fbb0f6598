//! A form that writes a document to a file: which format, and where.

use super::{Choice, Field, Form, FormSpec, Problem, Saved};
use crate::domain::Invalid;
use crate::store::RecordRef;
use crate::store::{Store, StoreError};
use crate::ui::event::Action;
use crate::ui::reader::Job;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Renders the document in the format with this code.
pub type Render = Arc<dyn Fn(&Store, &str) -> Result<Vec<u8>, StoreError> + Send + Sync>;

struct ExportSpec {
    what: String,
    render: Render,
    /// The record to select once written.
    record: Option<RecordRef>,
    /// The format codes, which are also the files' extensions.
    formats: Vec<String>,
    /// An existing file the user has been told of, and may now write over.
    confirmed: std::cell::RefCell<Option<PathBuf>>,
}

/// The file named in the form, with the format code chosen.
fn target(form: &Form) -> Result<(PathBuf, String), Invalid> {
    let v = form.values();
    let path = v.text("file");
    if path.is_empty() {
        return Err(Invalid::new("file", "required"));
    }
    Ok((PathBuf::from(path), v.text_of_choice("format")))
}

impl ExportSpec {
    /// The writing of the file the form names: the document rendered from
    /// the data, then put in place whole.
    fn job(&self, form: &Form) -> Result<Job, StoreError> {
        let (path, format) = target(form).map_err(|i| StoreError::Invalid(vec![i]))?;
        let (render, what) = (Arc::clone(&self.render), self.what.clone());
        Ok(Box::new(move |store: &Store| {
            let bytes = render(store, &format)?;
            crate::report::write_file(&path, &bytes)
                .map_err(|e| StoreError::Invalid(vec![Invalid::new("file", e.to_string())]))?;
            Ok(format!("Wrote {what} to {}", path.display()))
        }))
    }
}

impl FormSpec for ExportSpec {
    fn problems(&self, form: &Form, _today: NaiveDate) -> Vec<Problem> {
        let found = target(form).and_then(|(path, _)| {
            let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            match dir.is_dir() {
                true => Ok(()),
                false => Err(Invalid::new("file", format!("the folder {} does not exist", dir.display()))),
            }
        });
        found.err().map(|i| (None, i)).into_iter().collect()
    }

    /// Writes away from the keys (a board pack takes most of a second),
    /// once the user knows of any file it would write over.
    fn in_background(&self, form: &Form) -> Option<Job> {
        let (path, _) = target(form).ok()?;
        if path.exists() && self.confirmed.borrow().as_ref() != Some(&path) {
            return None;
        }
        self.job(form).ok()
    }

    /// The file's extension follows the format, unless the user typed another.
    fn changed(&self, form: &mut Form, key: &str) {
        if key != "format" {
            return;
        }
        let (path, format) = match target(form) {
            Ok(found) => found,
            Err(_) => return,
        };
        let own = path.extension().and_then(|e| e.to_str()).is_none_or(|e| self.formats.iter().any(|f| f == e));
        if own && let Some(file) = form.fields.iter_mut().find(|f| f.key == "file") {
            file.set_text(&path.with_extension(&format).display().to_string());
        }
    }

    /// Asks before writing over a file (a second Ctrl-S writes); else
    /// writes here, for a caller that cannot wait in the background.
    fn save(&self, form: &Form, store: &mut Store) -> Result<Saved, StoreError> {
        let (path, _) = target(form).map_err(|i| StoreError::Invalid(vec![i]))?;
        if path.exists() && self.confirmed.borrow().as_ref() != Some(&path) {
            *self.confirmed.borrow_mut() = Some(path.clone());
            let message = format!("{} exists: {} again writes over it", path.display(), form.key_name(Action::Save));
            return Err(StoreError::AskFirst(message));
        }
        let message = self.job(form)?(store)?;
        Ok(Saved { message, record: self.record, refused: false })
    }
}

/// Asks for a format among `formats` (the first is the default) and a file,
/// `stem` plus the format's code as its extension unless the user types another.
pub fn export_form(
    title: String,
    what: &str,
    formats: Vec<Choice>,
    stem: &str,
    record: Option<RecordRef>,
    render: Render,
    today: NaiveDate,
) -> Form {
    let first = formats.first().map(|c| c.code.clone()).unwrap_or_default();
    let codes = formats.iter().map(|c| c.code.clone()).collect();
    let fields = vec![
        Field::choice("format", "Format", formats, &first),
        Field::text("file", "Write to", &format!("{stem}.{first}"), 500)
            .required()
            .hint("a file name; the folder must exist"),
    ];
    let spec = ExportSpec { what: what.into(), render, record, formats: codes, confirmed: Default::default() };
    Form::new(title, fields, Box::new(spec), today)
}
