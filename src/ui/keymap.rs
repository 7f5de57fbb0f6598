//! Key bindings the user changes in `keys.toml`: an action's name, then the
//! key or keys that do it, replacing its defaults everywhere. A bad line is
//! reported with its number, and the defaults stand.
//!
//! ```toml
//! # ~/.config/oversight/keys.toml
//! log_visit = "V"             # one key
//! new = ["n", "insert"]       # or several
//! filter = "ctrl-f"           # ctrl-, and names: enter, esc, tab, space, up, down, left,
//!                             # right, pageup, pagedown, home, end, insert, delete, f1 to f12
//! ```

use super::event::{Action, Key};
use crossterm::event::{KeyCode, KeyModifiers};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The bindings in force, once set at start-up.
static KEYMAP: OnceLock<HashMap<Action, Vec<Key>>> = OnceLock::new();

/// The user's keys for `action`, if they changed them.
pub fn keys_for(action: Action) -> Option<Vec<Key>> {
    KEYMAP.get().and_then(|m| m.get(&action).cloned())
}

/// Puts `map` in force for the rest of the run (the first call wins).
pub fn install(map: HashMap<Action, Vec<Key>>) {
    let _ = KEYMAP.set(map);
}

/// One key as written: `n`, `N`, `?`, `ctrl-f`, `enter`, `f5`.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let lower = text.to_lowercase();
    if let Some(rest) = lower.strip_prefix("ctrl-").or(lower.strip_prefix("ctrl+")) {
        let mut chars = rest.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_alphanumeric() => Ok(Key::ctrl(c)),
            _ => Err(format!("{text:?}: Ctrl goes with one letter or digit, as in \"ctrl-f\"")),
        };
    }
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return if c.is_control() { Err(format!("{text:?} is not a key")) } else { Ok(Key::char(c)) };
    }
    let code = match lower.as_str() {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" | "shift-tab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "insert" => KeyCode::Insert,
        "delete" | "del" => KeyCode::Delete,
        "backspace" => KeyCode::Backspace,
        f if f.starts_with('f') && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
            KeyCode::F(f[1..].parse().unwrap_or(1))
        }
        _ => return Err(format!("{text:?} is not a key (a character, ctrl-x, or a name such as enter or f5)")),
    };
    Ok(Key { code, mods: KeyModifiers::NONE })
}

/// Reads a keys file: the bindings it changes, and each problem with its line.
pub fn parse(text: &str) -> (HashMap<Action, Vec<Key>>, Vec<String>) {
    let mut map = HashMap::new();
    let mut problems = Vec::new();
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map_or(0, |s| text[..s.start.min(text.len())].lines().count().max(1));
            problems.push(format!("line {line}: {}", e.message()));
            return (map, problems);
        }
    };
    let line_of = |name: &str| text.lines().position(|l| l.trim_start().starts_with(name)).map_or(0, |i| i + 1);
    let names: HashMap<String, Action> = Action::NAMED.iter().map(|a| (a.name(), *a)).collect();
    for (name, value) in &table {
        let line = line_of(name);
        let Some(action) = names.get(name.as_str()) else {
            problems.push(format!(
                "line {line}: {name:?} is not an action (? shows each screen's, and the README lists them)"
            ));
            continue;
        };
        let texts: Vec<&str> = match value {
            toml::Value::String(s) => vec![s.as_str()],
            toml::Value::Array(items) => items.iter().filter_map(|v| v.as_str()).collect(),
            _ => Vec::new(),
        };
        if texts.is_empty() {
            problems.push(format!("line {line}: {name}: give a key in quotes, or a list of them"));
            continue;
        }
        match texts.iter().map(|t| parse_key(t)).collect::<Result<Vec<Key>, String>>() {
            Ok(keys) => {
                map.insert(*action, keys);
            }
            Err(e) => problems.push(format!("line {line}: {name}: {e}")),
        }
    }
    (map, problems)
}

/// Loads the keys file if there is one; says what was wrong with it, in
/// which case nothing of it is used.
pub fn load(path: &std::path::Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let (map, problems) = parse(&text);
    if problems.is_empty() {
        install(map);
        None
    } else {
        Some(format!("{}: {}; the default keys are in use", path.display(), problems.join("; ")))
    }
}

/// Where the keys file lives: `OVERSIGHT_KEYS`, else `keys.toml` in the config folder.
pub fn path() -> Option<std::path::PathBuf> {
    std::env::var_os("OVERSIGHT_KEYS")
        .map(Into::into)
        .or_else(|| directories::ProjectDirs::from("", "", "oversight").map(|d| d.config_dir().join("keys.toml")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_as_written() {
        assert_eq!(parse_key("n").unwrap(), Key::char('n'));
        assert_eq!(parse_key("N").unwrap(), Key::char('N'));
        assert_eq!(parse_key("ctrl-F").unwrap(), Key::ctrl('f'));
        assert_eq!(parse_key("enter").unwrap().code, KeyCode::Enter);
        assert_eq!(parse_key("f5").unwrap().code, KeyCode::F(5));
        assert!(parse_key("ctrl-").is_err());
        assert!(parse_key("hyper-q").is_err());
        assert!(parse_key("f13").is_err());
    }

    #[test]
    fn a_file_changes_the_actions_it_names_and_says_which_lines_are_wrong() {
        let (map, problems) = parse("log_visit = \"V\"\nnew = [\"n\", \"insert\"]\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(map[&Action::LogVisit], [Key::char('V')]);
        assert_eq!(map[&Action::New].len(), 2);
        let (_, problems) = parse("log_visit = \"V\"\nfly = \"f\"\nnew = \"hyper-n\"\n");
        assert_eq!(problems.len(), 2);
        assert!(problems[0].starts_with("line 2: \"fly\" is not an action"), "{problems:?}");
        assert!(problems[1].starts_with("line 3: new:"), "{problems:?}");
        let (_, problems) = parse("log_visit = \n");
        assert!(problems[0].starts_with("line 1:"), "{problems:?}");
    }

    #[test]
    fn every_action_has_a_distinct_name() {
        let mut names: Vec<String> = Action::NAMED.iter().map(|a| a.name()).collect();
        assert_eq!(Action::LogVisit.name(), "log_visit");
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Action::NAMED.len());
    }
}
