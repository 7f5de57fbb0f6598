//! The officer's profile on disk: `officer.toml` in Oversight's config
//! folder (or the file `OVERSIGHT_OFFICER` names), asked for on first run
//! and changed from the interface.

use crate::domain::officer::Officer;
use std::path::{Path, PathBuf};

/// Where the profile lives: `OVERSIGHT_OFFICER`, else `officer.toml` in the config folder.
pub fn path() -> Option<PathBuf> {
    std::env::var_os("OVERSIGHT_OFFICER")
        .map(PathBuf::from)
        .or_else(|| directories::ProjectDirs::from("", "", "oversight").map(|d| d.config_dir().join("officer.toml")))
}

/// The profile at `path`; `None` when there is none yet.
pub fn load(path: &Path) -> Result<Option<Officer>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text).map(Some).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// Writes the profile whole (a temporary file renamed into place).
pub fn save(path: &Path, officer: &Officer) -> Result<(), String> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let text = toml::to_string(officer).map_err(|e| e.to_string())?;
    crate::report::write_file(path, text.as_bytes()).map_err(|e| e.to_string())
}

/// The profile at the usual place, if there is a readable one.
pub fn current() -> Option<Officer> {
    path().and_then(|p| load(&p).ok().flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_round_trips_and_a_missing_one_is_none() {
        let dir = tempfile::TempDir::new().unwrap();
        let file = dir.path().join("deeper").join("officer.toml");
        assert_eq!(load(&file), Ok(None));
        let officer = Officer { name: "A. Khan".into(), role: "Contracts Officer".into(), ..Officer::default() };
        save(&file, &officer).unwrap();
        assert_eq!(load(&file), Ok(Some(officer)));
        std::fs::write(&file, "name = 3").unwrap();
        assert!(load(&file).unwrap_err().contains("officer.toml"));
    }
}
