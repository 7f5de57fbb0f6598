//! The placement stop notice: what other authorities need to know, as
//! Markdown to read and as versioned JSON that another authority's
//! Oversight imports as alerts.
//!
//! JSON schema, version 2 (every field required unless marked optional;
//! version 1 had no `end_reason`, `lift_conditions` or contact details
//! beyond the name, and is still read):
//! ```text
//! {
//!   "schema": "oversight.stop-notice",  "version": 2,
//!   "notice_id": "Marlshire-stop-12",    // stable: authority and stop number
//!   "issuing_authority": "Marlshire",
//!   "issued_on": "2026-11-02",           "review_on": "2026-11-30" | null,
//!   "ended_on": null | "2026-12-14",     "outcome": null | "lifted" | "decommissioned",
//!   "scope": "setting" | "provider",
//!   "provider": "Brookvale Supported Living Ltd",
//!   "settings": [ { "name": "...", "urn": "2123456", "kind": "supported_accommodation",
//!                   "local_authority": "Birmingham" } ],
//!   "reason": "…plain words…",
//!   "end_reason": "" | "…why it was lifted…",   "lift_conditions": "" | "…",
//!   "contact": { "name": "A. Khan", "authority": "Marlshire", "role": "Contracts Officer",
//!                "email": "a.khan@…", "phone": "01632 960123" }   // role, email, phone may be ""
//! }
//! ```

use super::{markdown_cell, markdown_text};
use crate::domain::officer::Officer;
use crate::domain::plural;
use crate::domain::provider::Provider;
use crate::domain::setting::{SettingKind, Urn};
use crate::domain::stop::{ExternalAlert, PlacementStop};
use crate::store::{Store, StoreError, Stored, settings};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "oversight.stop-notice";
pub const VERSION: u32 = 2;

/// The most a notice file may weigh: notices are small.
pub const MAX_BYTES: usize = 1_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StopNotice {
    pub schema: String,
    pub version: u32,
    pub notice_id: String,
    pub issuing_authority: String,
    pub issued_on: NaiveDate,
    pub review_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub outcome: Option<String>,
    pub scope: Scope,
    pub provider: String,
    pub settings: Vec<NoticeSetting>,
    pub reason: String,
    #[serde(default)]
    pub end_reason: String,
    #[serde(default)]
    pub lift_conditions: String,
    pub contact: Contact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Setting,
    Provider,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeSetting {
    pub name: String,
    pub urn: Option<Urn>,
    pub kind: SettingKind,
    pub local_authority: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub authority: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

impl Contact {
    /// "A. Khan, Contracts Officer, Marlshire, a.khan@…, 01632 960123".
    fn line(&self) -> String {
        [&self.name, &self.role, &self.authority, &self.email, &self.phone]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl StopNotice {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Reads a notice, refusing anything that is not one we understand.
    pub fn from_json(bytes: &[u8]) -> Result<StopNotice, String> {
        if bytes.len() > MAX_BYTES {
            return Err(format!("the file is {} bytes; a stop notice is under {MAX_BYTES}", bytes.len()));
        }
        let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8 text: {e}"))?;
        let notice: StopNotice = serde_json::from_str(text).map_err(|e| format!("not a stop notice: {e}"))?;
        if notice.schema != SCHEMA {
            return Err(format!("schema {:?} is not {SCHEMA:?}", notice.schema));
        }
        if !(1..=VERSION).contains(&notice.version) {
            return Err(format!("notice version {} is not one this Oversight reads (1 to {VERSION})", notice.version));
        }
        let fields = [
            ("notice_id", &notice.notice_id, 100),
            ("issuing_authority", &notice.issuing_authority, 100),
            ("provider", &notice.provider, 200),
            ("reason", &notice.reason, 4000),
            ("contact.name", &notice.contact.name, 100),
        ];
        for (field, value, max) in fields {
            if let Some(problem) = crate::domain::check_text(field, value, true, max) {
                return Err(problem.to_string());
            }
        }
        if notice.settings.is_empty() {
            return Err("settings: a notice names at least one setting".into());
        }
        if notice.settings.len() > 500 {
            return Err("settings: more than 500 settings in one notice".into());
        }
        Ok(notice)
    }

    /// The notice for people: Markdown, saying what is true on the day it is written.
    pub fn to_markdown(&self) -> String {
        let scope = match self.scope {
            Scope::Provider => "all of the provider's settings",
            Scope::Setting => "the setting named below",
        };
        let (who, from) = (markdown_text(&self.issuing_authority), self.issued_on);
        let (status, what) = match (self.outcome.as_deref(), self.ended_on) {
            (Some("decommissioned"), Some(on)) => (
                format!("**Ended on {on}: the provider is decommissioned.**"),
                format!(
                    "{who} stopped making new placements with {scope} from {from}, and on {on} stopped buying from the provider."
                ),
            ),
            (Some(_), Some(on)) => (
                format!("**Lifted on {on}.**"),
                format!(
                    "{who} stopped making new placements with {scope} from {from} until {on}, when the stop was lifted."
                ),
            ),
            _ => {
                ("**In force.**".into(), format!("{who} has stopped making new placements with {scope}, from {from}."))
            }
        };
        let mut out = format!("# Placement stop: {}\n\n{status}\n\n{what}\n\n", markdown_text(&self.provider));
        out.push_str("| Setting | URN | Kind | Local authority |\n|---|---|---|---|\n");
        for s in &self.settings {
            let urn = s.urn.as_ref().map(|u| u.to_string()).unwrap_or_else(|| "–".into());
            out.push_str(&format!(
                "| {} | {urn} | {} | {} |\n",
                markdown_cell(&s.name),
                s.kind,
                markdown_cell(&s.local_authority)
            ));
        }
        out.push_str(&format!("\n## Why it was issued\n\n{}\n\n", markdown_text(&self.reason)));
        match self.ended_on {
            Some(_) => {
                let heading = if self.outcome.as_deref() == Some("decommissioned") {
                    "Why it ended"
                } else {
                    "Why it was lifted"
                };
                out.push_str(&format!("## {heading}\n\n{}\n\n", markdown_text(&self.end_reason)));
                if !self.lift_conditions.trim().is_empty() {
                    out.push_str(&format!("## Conditions\n\n{}\n\n", markdown_text(&self.lift_conditions)));
                }
            }
            None => {
                if let Some(review) = self.review_on {
                    out.push_str(&format!("The stop will be reviewed on {review}.\n\n"));
                }
            }
        }
        out.push_str(&format!(
            "## Contact\n\n{}. Notice reference `{}`.\n",
            markdown_text(&self.contact.line()),
            self.notice_id
        ));
        out
    }
}

/// The notice for stop `stop_id`, as `authority` issues it, with `officer`
/// (who writes it) as its contact, else the officer who issued the stop.
pub fn build(
    store: &Store,
    stop_id: i64,
    authority: &str,
    officer: Option<&Officer>,
) -> Result<StopNotice, StoreError> {
    let stop: Stored<PlacementStop> = store.get(stop_id)?;
    // What is true on the day it is written: an ending recorded for later has not happened.
    let s = &stop.value.as_known_on(store.today());
    let provider: Stored<Provider> = store.get(s.provider_id)?;
    let settings = store
        .setting_summaries(store.today(), settings::Which::Provider(s.provider_id))?
        .into_iter()
        .filter(|x| s.setting_id.is_none_or(|id| id == x.setting.id) && x.setting.value.archived_on.is_none())
        .map(|x| NoticeSetting {
            name: x.setting.value.name,
            urn: x.setting.value.urn,
            kind: x.setting.value.kind,
            local_authority: x.setting.value.local_authority,
        })
        .collect();
    Ok(StopNotice {
        schema: SCHEMA.into(),
        version: VERSION,
        notice_id: format!("{authority}-stop-{stop_id}"),
        issuing_authority: authority.into(),
        issued_on: s.issued_on,
        review_on: s.review_on,
        ended_on: s.ended_on,
        outcome: s.outcome.map(|o| o.code().to_string()),
        scope: if s.setting_id.is_some() { Scope::Setting } else { Scope::Provider },
        provider: provider.value.name,
        settings,
        reason: s.reason.clone(),
        end_reason: s.end_reason.clone(),
        lift_conditions: s.lift_conditions.clone(),
        contact: match officer {
            Some(o) => Contact {
                name: o.name.clone(),
                authority: authority.into(),
                role: o.role.clone(),
                email: o.email.clone(),
                phone: o.phone.clone(),
            },
            None => Contact { name: s.issued_by.clone(), authority: authority.into(), ..Contact::default() },
        },
    })
}

/// The alerts a received notice becomes: one per setting with a URN,
/// matched to ours where we hold that URN.
pub fn alerts(notice: &StopNotice, store: &Store) -> Result<Vec<ExternalAlert>, StoreError> {
    let mut out = Vec::new();
    for s in &notice.settings {
        let Some(urn) = &s.urn else { continue };
        let ours = store.setting_by_urn(urn)?;
        out.push(ExternalAlert {
            notice_id: notice.notice_id.clone(),
            authority: notice.issuing_authority.clone(),
            urn: urn.to_string(),
            setting_id: ours.map(|o| o.id),
            setting_name: s.name.clone(),
            provider_name: notice.provider.clone(),
            issued_on: notice.issued_on,
            reason: notice.reason.clone(),
            review_on: notice.review_on,
            ended_on: notice.ended_on,
            received_on: store.today(),
        });
    }
    Ok(out)
}

/// What receiving a notice did, or would do.
#[derive(Debug)]
pub struct Received {
    pub notice: StopNotice,
    /// Its settings that are ours (matched by URN).
    pub ours: usize,
    pub added: usize,
    pub updated: usize,
}

impl Received {
    /// "Westshire's stop on Brookvale Supported Living Ltd (Westshire-stop-4):
    /// 3 settings, 2 of ours; 3 alerts added, 0 updated, 0 already up to date".
    pub fn text(&self, dry_run: bool) -> String {
        let n = &self.notice;
        let unchanged = n.settings.iter().filter(|s| s.urn.is_some()).count() - self.added - self.updated;
        let done = match dry_run {
            true => format!("would add {}, update {}", plural(self.added, "alert", "alerts"), self.updated),
            false => format!("{} added, {} updated", plural(self.added, "alert", "alerts"), self.updated),
        };
        format!(
            "{}'s stop on {} ({}): {}, {} of ours; {done}, {unchanged} already up to date",
            n.issuing_authority,
            n.provider,
            n.notice_id,
            plural(n.settings.len(), "setting", "settings"),
            self.ours
        )
    }
}

/// Reads a notice file's bytes and records its alerts; a dry run writes
/// nothing. The outer error is the database's; the inner, the file's.
pub fn receive(store: &mut Store, bytes: &[u8], dry_run: bool) -> Result<Result<Received, String>, StoreError> {
    let notice = match StopNotice::from_json(bytes) {
        Ok(n) => n,
        Err(e) => return Ok(Err(e)),
    };
    let alerts = alerts(&notice, store)?;
    let ours = alerts.iter().filter(|a| a.setting_id.is_some()).count();
    let (added, updated) = crate::store::stops::record_alerts(store, &alerts, dry_run)?;
    Ok(Ok(Received { notice, ours, added, updated }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice() -> StopNotice {
        StopNotice {
            schema: SCHEMA.into(),
            version: VERSION,
            notice_id: "Marlshire-stop-1".into(),
            issuing_authority: "Marlshire".into(),
            issued_on: crate::domain::date::parse("2026-11-02").unwrap(),
            review_on: None,
            ended_on: None,
            outcome: None,
            scope: Scope::Provider,
            provider: "Brookvale Supported Living Ltd".into(),
            settings: vec![NoticeSetting {
                name: "Mill Lane Project".into(),
                urn: Some(Urn::parse("2123456").unwrap()),
                kind: SettingKind::SupportedAccommodation,
                local_authority: "Birmingham".into(),
            }],
            reason: "Young people's files lack required paperwork".into(),
            end_reason: String::new(),
            lift_conditions: String::new(),
            contact: Contact { name: "A. Khan".into(), authority: "Marlshire".into(), ..Contact::default() },
        }
    }

    #[test]
    fn json_round_trips() {
        let n = notice();
        assert_eq!(StopNotice::from_json(n.to_json().as_bytes()), Ok(n));
    }

    #[test]
    fn foreign_or_broken_notices_are_refused_with_a_reason() {
        let mut wrong = notice();
        wrong.version = 3;
        assert!(StopNotice::from_json(wrong.to_json().as_bytes()).unwrap_err().contains("version 3"));
        let old = notice().to_json().replace("\"version\": 2", "\"version\": 1");
        let old = old.replace("  \"end_reason\": \"\",\n  \"lift_conditions\": \"\",\n", "");
        assert!(StopNotice::from_json(old.as_bytes()).is_ok(), "version 1 is still read: {old}");
        let mut wrong = notice();
        wrong.schema = "something-else".into();
        assert!(StopNotice::from_json(wrong.to_json().as_bytes()).unwrap_err().contains("schema"));
        let mut wrong = notice();
        wrong.settings.clear();
        assert!(StopNotice::from_json(wrong.to_json().as_bytes()).unwrap_err().starts_with("settings:"));
        let cases: [&[u8]; 5] = [b"", b"[]", b"{\"schema\": 1}", b"\xff\xfe", b"{\"extra\": true}"];
        for bytes in cases {
            assert!(StopNotice::from_json(bytes).is_err(), "{bytes:?}");
        }
        let deep = "[".repeat(10_000);
        assert!(StopNotice::from_json(deep.as_bytes()).is_err());
        let bad_urn = notice().to_json().replace("2123456", "12");
        assert!(StopNotice::from_json(bad_urn.as_bytes()).unwrap_err().contains("not a URN"));
    }

    #[test]
    fn a_lifted_stops_notice_says_it_was_lifted_why_and_on_what_conditions() {
        let mut n = notice();
        n.review_on = crate::domain::date::parse("2026-11-30").ok();
        n.ended_on = crate::domain::date::parse("2026-12-14").ok();
        n.outcome = Some("lifted".into());
        n.end_reason = "Files complete at a second visit".into();
        n.lift_conditions = "Monthly file audit for six months".into();
        n.contact.role = "Contracts Officer".into();
        n.contact.email = "a.khan@marlshire.gov.uk".into();
        let md = n.to_markdown();
        for needle in [
            "**Lifted on 2026-12-14.**",
            "stopped making new placements with all of the provider's settings from 2026-11-02 until 2026-12-14",
            "## Why it was lifted\n\nFiles complete at a second visit",
            "## Conditions\n\nMonthly file audit for six months",
            "A. Khan, Contracts Officer, Marlshire, a.khan@marlshire.gov.uk",
        ] {
            assert!(md.contains(needle), "{needle}\n{md}");
        }
        for stale in ["has stopped making", "will be reviewed", "In force"] {
            assert!(!md.contains(stale), "{stale}\n{md}");
        }
        n.reason = "<script>alert(1)</script>".into();
        assert!(!n.to_markdown().contains("<script>"), "raw HTML never passes through");
    }

    #[test]
    fn markdown_says_what_readers_need() {
        let md = notice().to_markdown();
        for needle in [
            "# Placement stop: Brookvale Supported Living Ltd",
            "**In force.**",
            "| Mill Lane Project | 2123456 |",
            "A. Khan, Marlshire",
        ] {
            assert!(md.contains(needle), "{needle}\n{md}");
        }
    }
}
