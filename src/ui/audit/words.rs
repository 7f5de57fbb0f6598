//! The trail in a person's words: "Reg 44 report, Laurel Place, Oct 2026",
//! "registered manager in post: yes → no". The raw form (table, id, field
//! names, JSON) stays in the CSV export.

use crate::domain::date::Month;
use crate::domain::money::Pence;
use crate::store::audit::{AuditEntry, NOUNS, Names, REFERENCES};
use serde_json::{Map, Value};

/// Fields whose names do not read as words once their underscores go.
const LABELS: &[(&str, &str)] = &[
    ("manager_in_post", "registered manager in post"),
    ("manager_vacant_on", "manager post vacant since"),
    ("safeguarded", "children effectively safeguarded"),
    ("wellbeing", "well-being promoted"),
    ("urn", "Ofsted URN"),
    ("distance_miles", "distance (miles)"),
    ("spc_outcome", "strategy meeting outcome"),
    ("event_ref", "Ofsted event"),
    ("overall", "overall effectiveness"),
    ("protection", "help and protection"),
    ("leadership", "leadership and management"),
    ("outcomes", "outcomes in education and related learning"),
    ("source_id", "source record"),
    ("concerns_report_on", "report of concerns sent on"),
    ("status_on", "status since"),
    ("planned", "planned for"),
    ("completed", "completed on"),
    ("start", "starts"),
    ("end", "ends"),
    ("from", "from rating"),
    ("to", "to rating"),
];

/// Fields of free text, never read as codes.
const FREE_TEXT: &[&str] = &[
    "name",
    "title",
    "text",
    "description",
    "notes",
    "summary",
    "reason",
    "note",
    "evidence",
    "decisions",
    "attendees",
    "review_note",
    "end_reason",
    "lift_conditions",
    "follow_up",
    "contact",
    "outcome_note",
];

/// Fields that name a record, in the order tried.
const NAMING: &[&str] = &["name", "child_ref", "reference", "title", "authority", "text", "description"];

/// Fields that date a record, in the order tried.
const DATING: &[&str] =
    &["month", "date", "raised_on", "issued_on", "planned", "held_on", "set_on", "on", "reviewed_on", "inspected_on"];

/// The fields of a record as the trail stored it.
fn fields(json: Option<&str>) -> Map<String, Value> {
    match json.and_then(|j| serde_json::from_str::<Value>(j).ok()) {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// A field's name in words: `manager_in_post` → "registered manager in
/// post", `setting_id` → "setting".
pub fn label(field: &str) -> String {
    match LABELS.iter().find(|(f, _)| *f == field) {
        Some((_, words)) => (*words).to_string(),
        None => field.strip_suffix("_id").unwrap_or(field).replace('_', " "),
    }
}

/// What a table's records are called, with a capital: "Reg 44 report".
pub fn noun(table: &str) -> String {
    let noun = NOUNS.iter().find(|(t, _)| *t == table).map_or(table.replace('_', " "), |(_, n)| (*n).to_string());
    let mut chars = noun.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// Reads the trail in words, naming referenced records as they stand now.
pub struct Words<'a> {
    pub names: &'a Names,
}

impl Words<'_> {
    /// The record a change was about: "Reg 44 report, Laurel Place, Oct 2026".
    pub fn about(&self, entry: &AuditEntry) -> String {
        let (after, before) = (fields(entry.after.as_deref()), fields(entry.before.as_deref()));
        let get = |k: &str| after.get(k).or(before.get(k));
        let mut parts = vec![noun(&entry.entity)];
        if entry.entity == "database" {
            return "The database".into();
        }
        // What it belongs to: the home, else the provider, else its parent.
        let owner = ["setting_id", "provider_id", "report_id", "plan_id", "concern_id", "stop_id"]
            .iter()
            .find_map(|k| get(k).and_then(Value::as_i64).map(|id| self.reference(k, id)));
        if entry.entity == "settings" {
            // A home is known by its own name; its provider follows.
            let name = get("name").and_then(Value::as_str).unwrap_or_default();
            return match owner {
                Some(provider) => format!("Setting, {name} ({provider})"),
                None => format!("Setting, {name}"),
            };
        }
        parts.extend(owner);
        if get("setting_id").is_some_and(Value::is_null)
            && get("provider_id").is_some_and(|p| !p.is_null())
            && let Some(last) = parts.last_mut()
        {
            last.push_str(" (whole provider)");
        }
        parts.extend(NAMING.iter().find_map(|k| {
            get(k).and_then(Value::as_str).filter(|s| !s.is_empty()).map(|s| crate::domain::excerpt(s, 40))
        }));
        parts.extend(DATING.iter().find_map(|k| get(k).filter(|v| !v.is_null()).map(|v| self.value(k, v))));
        if parts.len() == 1 {
            parts.extend(entry.entity_id.map(|id| format!("number {id}")));
        }
        parts.dedup();
        parts.join(", ")
    }

    /// What changed, field by field: "places: 3 → 4", "town: – → Leek".
    pub fn changes(&self, entry: &AuditEntry) -> Vec<String> {
        let (before, after) = (fields(entry.before.as_deref()), fields(entry.after.as_deref()));
        let mut keys: Vec<&String> =
            before.keys().chain(after.keys()).filter(|k| *k != "version" && *k != "id").collect();
        keys.sort();
        keys.dedup();
        let shown = |k: &str, v: Option<&Value>| v.map_or("–".to_string(), |v| self.value(k, v));
        keys.into_iter()
            .filter(|k| before.get(*k) != after.get(*k))
            .map(|k| match (before.contains_key(k), after.contains_key(k)) {
                (true, true) => format!("{}: {} → {}", label(k), shown(k, before.get(k)), shown(k, after.get(k))),
                (false, _) => format!("{}: {}", label(k), shown(k, after.get(k))),
                (true, false) => format!("{}: {} (removed)", label(k), shown(k, before.get(k))),
            })
            .collect()
    }

    /// A referenced record by name, or by number when it is gone.
    fn reference(&self, field: &str, id: i64) -> String {
        let table = REFERENCES.iter().find(|(f, _)| *f == field).map(|(_, t)| *t);
        match table.and_then(|t| self.names.get(&(t, id))) {
            Some(name) => name.clone(),
            None => format!("{} {id}", label(field)),
        }
    }

    /// A stored value in words: yes/no, a record's name, a month, money, a
    /// code with its underscores gone.
    fn value(&self, field: &str, value: &Value) -> String {
        match value {
            Value::Null => "–".into(),
            Value::Bool(true) => "yes".into(),
            Value::Bool(false) => "no".into(),
            Value::Number(n) if field.ends_with("_id") && field != "notice_id" => {
                n.as_i64().map_or(n.to_string(), |id| self.reference(field, id))
            }
            Value::Number(n) if field == "weekly_cost" || field == "annual_value" => {
                n.as_i64().map_or(n.to_string(), |p| Pence(p).to_string())
            }
            Value::String(s) if s.is_empty() => "–".into(),
            Value::String(s) if field == "month" => Month::parse(s).map_or(s.clone(), Month::label),
            Value::String(s) if !FREE_TEXT.contains(&field) && is_code(s) => s.replace('_', " "),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// A stored code such as `serious_concerns`: lower-case words joined by `_`.
fn is_code(text: &str) -> bool {
    text.contains('_') && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(entity: &str, before: Option<&str>, after: Option<&str>) -> AuditEntry {
        AuditEntry {
            id: 1,
            at: "2026-11-24 09:00:00Z".into(),
            user: "A. Khan".into(),
            action: "update".into(),
            entity: entity.into(),
            entity_id: Some(626),
            before: before.map(String::from),
            after: after.map(String::from),
        }
    }

    fn names() -> Names {
        Names::from([(("settings", 12), "Laurel Place".to_string()), (("plans", 5), "Staffing at night".to_string())])
    }

    #[test]
    fn a_reg44_change_reads_as_a_person_would_write_it() {
        let names = names();
        let words = Words { names: &names };
        let e = entry(
            "reg44_reports",
            Some(r#"{"id":626,"version":1,"setting_id":12,"month":"2026-10","manager_in_post":true,"summary":"ok"}"#),
            Some(r#"{"id":626,"version":2,"setting_id":12,"month":"2026-10","manager_in_post":false,"summary":"ok"}"#),
        );
        assert_eq!(words.about(&e), "Reg 44 report, Laurel Place, Oct 2026");
        assert_eq!(words.changes(&e), ["registered manager in post: yes → no"]);
    }

    #[test]
    fn references_codes_and_money_read_as_words() {
        let names = names();
        let words = Words { names: &names };
        let e = entry(
            "stops",
            Some(r#"{"setting_id":null,"provider_id":3,"plan_id":null,"outcome":null,"reason":"a_b"}"#),
            Some(r#"{"setting_id":null,"provider_id":3,"plan_id":5,"outcome":"decommissioned","reason":"a_c"}"#),
        );
        assert_eq!(
            words.changes(&e),
            ["outcome: – → decommissioned", "plan: – → Staffing at night", "reason: a_b → a_c"]
        );
        assert_eq!(
            words.about(&e),
            "Placement stop, provider 3 (whole provider)",
            "a provider gone is named by number"
        );
        let cost = entry("placements", None, Some(r#"{"child_ref":"LAC-0001","setting_id":12,"weekly_cost":420000}"#));
        assert_eq!(words.changes(&cost), ["child ref: LAC-0001", "setting: Laurel Place", "weekly cost: £4,200"]);
        assert_eq!(words.about(&cost), "Placement, Laurel Place, LAC-0001");
        let visit = entry("visits", None, Some(r#"{"setting_id":12,"outcome":"serious_concerns"}"#));
        assert_eq!(words.changes(&visit), ["outcome: serious concerns", "setting: Laurel Place"]);
        let home = entry("settings", None, Some(r#"{"provider_id":3,"name":"Laurel Place"}"#));
        assert_eq!(words.about(&home), "Setting, Laurel Place (provider 3)");
    }
}
