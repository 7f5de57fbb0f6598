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

use super::event::{Action, Command, Key};
use crossterm::event::{KeyCode, KeyModifiers};
use std::collections::HashMap;

/// The user's keys for the actions they changed; the defaults for the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keymap(HashMap<Action, Vec<Key>>);

impl Keymap {
    /// `commands` with the user's keys in place of the defaults.
    pub fn apply(&self, commands: Vec<Command>) -> Vec<Command> {
        commands
            .into_iter()
            .map(|mut c| {
                if let Some(keys) = self.0.get(&c.action) {
                    c.keys = keys.clone();
                }
                c
            })
            .collect()
    }

    /// The keys that now do `action`, given its defaults.
    pub fn keys(&self, action: Action, defaults: &[Key]) -> Vec<Key> {
        self.0.get(&action).cloned().unwrap_or_else(|| defaults.to_vec())
    }

    /// `text` with each `{default:action}` replaced by the name of the key that
    /// now does the action: the user's from `keys.toml`, else the default.
    pub fn say(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some((before, after)) = rest.split_once('{') {
            out.push_str(before);
            let Some((token, after)) = after.split_once('}') else {
                out.push('{');
                rest = after;
                continue;
            };
            out.push_str(&self.key_for(token).unwrap_or_else(|| format!("{{{token}}}")));
            rest = after;
        }
        out.push_str(rest);
        out
    }

    /// The key named by a `default:action` token, as the user has it.
    fn key_for(&self, token: &str) -> Option<String> {
        let (default, name) = token.rsplit_once(':')?;
        let action = Action::NAMED.iter().find(|a| a.name() == name)?;
        let default = parse_key(default).ok()?;
        self.keys(*action, &[default]).first().map(Key::label)
    }
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

/// Reads a keys file, one binding a line: the bindings of the good lines,
/// and each bad line's problem with its number.
pub fn parse(text: &str) -> (Keymap, Vec<String>) {
    let mut map = HashMap::new();
    let mut problems = Vec::new();
    let names: HashMap<String, Action> = Action::NAMED.iter().map(|a| (a.name(), *a)).collect();
    for (n, text) in text.lines().enumerate() {
        let line = n + 1;
        let table: toml::Table = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("line {line}: {}", e.message().trim()));
                continue;
            }
        };
        let Some((name, value)) = table.iter().next() else { continue };
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
    (Keymap(map), problems)
}

/// The keys file if there is one: its good lines' bindings, and what was
/// wrong with any other line (whose action keeps its default keys).
pub fn load(path: &std::path::Path) -> (Keymap, Option<String>) {
    let Ok(text) = std::fs::read_to_string(path) else { return (Keymap::default(), None) };
    let (map, problems) = parse(&text);
    let problem = (!problems.is_empty())
        .then(|| format!("{}: {}; those lines' actions keep their default keys", path.display(), problems.join("; ")));
    (map, problem)
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
        let (map, problems) = parse("# mine\nlog_visit = \"V\"\nnew = [\"n\", \"insert\"]\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(map.keys(Action::LogVisit, &[]), [Key::char('V')]);
        assert_eq!(map.keys(Action::New, &[]).len(), 2);
        let (map, problems) =
            parse("log_visit = \"V\"\nfly = \"f\"\nnew = \"hyper-n\"\nfilter = ctrl-f\nback = \"Q\"\n");
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("line 2: \"fly\" is not an action"), "{problems:?}");
        assert!(problems[1].starts_with("line 3: new:"), "{problems:?}");
        assert!(problems[2].starts_with("line 4:"), "not TOML: {problems:?}");
        assert_eq!(map.keys(Action::LogVisit, &[]), [Key::char('V')], "the good lines are kept");
        assert_eq!(map.keys(Action::Back, &[]), [Key::char('Q')], "even after a bad one");
        assert_eq!(map.keys(Action::New, &[Key::char('n')]), [Key::char('n')], "a bad line's action keeps its keys");
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
