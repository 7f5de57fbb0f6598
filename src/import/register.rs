//! The council's own registers as CSV, in and out in the same shape, so a
//! spreadsheet can be exported, edited and imported again. Providers match
//! by name, settings by URN, contracts by reference and placements by child,
//! setting and start date: importing a file twice changes nothing.

use super::{Problem, Sheet, normalise};
use crate::domain::code::Code;
use crate::domain::contract::{Contract, ContractType, PaymentSchedule, ReturnsOwed};
use crate::domain::date;
use crate::domain::group::{Accounts, Group, Membership};
use crate::domain::money::Pence;
use crate::domain::placement::{ChildRef, Placement};
use crate::domain::provider::Provider;
use crate::domain::setting::{Registration, Setting, SettingKind, Urn};
use crate::store::record::{self, Record};
use crate::store::{Store, StoreError, Stored};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// What a register file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Providers,
    Settings,
    Contracts,
    Placements,
    /// Provider groups and owners.
    Groups,
    /// Which group each provider belongs to.
    Members,
    /// Provider groups' accounts, a row a year.
    Accounts,
}

mod accounts;
mod groups;

impl Kind {
    /// The columns, in order; those marked `*` in the README are required.
    pub fn headings(self) -> &'static [&'static str] {
        match self {
            Kind::Providers => &["name", "contact", "notes"],
            Kind::Settings => &[
                "provider",
                "urn",
                "name",
                "kind",
                "registered_manager",
                "manager_vacant_on",
                "places",
                "town",
                "local_authority",
                "region",
                "in_area",
                "distance_miles",
                "registration",
            ],
            Kind::Contracts => &[
                "reference",
                "provider",
                "type",
                "title",
                "start",
                "end",
                "annual_value",
                "returns",
                "notice_months",
                "notice_given_on",
                "outcome_payments",
            ],
            Kind::Placements => {
                &["child_ref", "setting_urn", "contract_reference", "start", "end", "weekly_cost", "distance_miles"]
            }
            Kind::Groups => {
                &["name", "owned_by", "companies_house", "owner_kind", "market_oversight", "warning_on", "warning"]
            }
            Kind::Members => &["provider", "group"],
            Kind::Accounts => &["group", "period_end", "turnover", "profit", "net_assets", "source"],
        }
    }

    /// Every kind, in the order people are shown them.
    pub const ALL: [Kind; 7] = [
        Kind::Providers,
        Kind::Settings,
        Kind::Contracts,
        Kind::Placements,
        Kind::Groups,
        Kind::Members,
        Kind::Accounts,
    ];

    /// "name*, contact, notes": the columns, the required ones starred.
    pub fn columns(self) -> String {
        let star = |h: &&str| if self.required().contains(h) { format!("{h}*") } else { h.to_string() };
        self.headings().iter().map(star).collect::<Vec<_>>().join(", ")
    }

    fn required(self) -> &'static [&'static str] {
        match self {
            Kind::Providers => &["name"],
            Kind::Settings => &["provider", "name", "kind", "local_authority"],
            Kind::Contracts => &["reference", "provider", "type", "start", "annual_value"],
            Kind::Placements => &["child_ref", "setting_urn", "start", "weekly_cost"],
            Kind::Groups => &["name", "owner_kind"],
            Kind::Members => &["provider", "group"],
            Kind::Accounts => &["group", "period_end", "turnover", "profit", "net_assets"],
        }
    }

    /// An empty file with just the header row.
    pub fn template(self) -> String {
        format!("{}\n", self.headings().join(","))
    }
}

/// What an import did or would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: Vec<Problem>,
}

impl Summary {
    pub fn text(&self, dry_run: bool) -> String {
        if !self.rejected.is_empty() {
            return super::refusal(&self.rejected);
        }
        let (create, update) = if dry_run { ("would create", "would update") } else { ("created", "updated") };
        format!(
            "{} rows: {create} {}, {update} {}, {} unchanged\n",
            self.rows, self.created, self.updated, self.unchanged
        )
    }
}

/// The register's names for things already in the database.
struct Lookups {
    providers: HashMap<String, Stored<Provider>>,
    provider_names: HashMap<i64, String>,
    settings: HashMap<Urn, Stored<Setting>>,
    /// Settings without a URN, by provider and name.
    unnumbered: HashMap<(i64, String), Stored<Setting>>,
    setting_urns: HashMap<i64, String>,
    contracts: HashMap<String, Stored<Contract>>,
    contract_refs: HashMap<i64, String>,
    groups: HashMap<String, Stored<Group>>,
    group_names: HashMap<i64, String>,
    accounts: HashMap<(i64, NaiveDate), Stored<Accounts>>,
    /// Memberships by provider.
    members: HashMap<i64, Stored<Membership>>,
}

fn key(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl Lookups {
    fn load(store: &Store) -> Result<Lookups, StoreError> {
        let providers = store.all::<Provider>()?;
        let settings = store.all::<Setting>()?;
        let contracts = store.all::<Contract>()?;
        let groups = store.all::<Group>()?;
        Ok(Lookups {
            group_names: groups.iter().map(|g| (g.id, g.value.name.clone())).collect(),
            groups: groups.into_iter().map(|g| (key(&g.value.name), g)).collect(),
            accounts: store
                .all::<Accounts>()?
                .into_iter()
                .map(|a| ((a.value.group_id, a.value.period_end), a))
                .collect(),
            members: store.all::<Membership>()?.into_iter().map(|m| (m.value.provider_id, m)).collect(),
            provider_names: providers.iter().map(|p| (p.id, p.value.name.clone())).collect(),
            providers: providers.into_iter().map(|p| (key(&p.value.name), p)).collect(),
            setting_urns: settings.iter().filter_map(|s| Some((s.id, s.value.urn.as_ref()?.to_string()))).collect(),
            unnumbered: settings
                .iter()
                .filter(|s| s.value.urn.is_none())
                .map(|s| ((s.value.provider_id, key(&s.value.name)), s.clone()))
                .collect(),
            settings: settings.into_iter().filter_map(|s| Some((s.value.urn.clone()?, s))).collect(),
            contract_refs: contracts.iter().map(|c| (c.id, c.value.reference.clone())).collect(),
            contracts: contracts.into_iter().map(|c| (key(&c.value.reference), c)).collect(),
        })
    }
}

/// One row's cells by heading, with its problems collected.
struct Cells<'a> {
    row: usize,
    by_heading: HashMap<&'a str, &'a str>,
    problems: Vec<Problem>,
}

impl<'a> Cells<'a> {
    fn text(&self, heading: &str) -> String {
        self.by_heading.get(heading).map_or(String::new(), |c| c.to_string())
    }

    fn parse<T>(&mut self, heading: &str, parse: impl Fn(&str) -> Result<T, String>) -> Option<T> {
        let cell = self.text(heading);
        if cell.is_empty() {
            return None;
        }
        parse(&cell).map_err(|e| self.problems.push(Problem::at(self.row, heading, e))).ok()
    }

    fn required<T>(&mut self, heading: &str, parse: impl Fn(&str) -> Result<T, String>) -> Option<T> {
        if self.text(heading).is_empty() {
            self.problems.push(Problem::at(self.row, heading, "required"));
            return None;
        }
        self.parse(heading, parse)
    }

    fn code<T: Code>(&mut self, heading: &str) -> Option<T> {
        self.required(heading, code_of)
    }
}

/// A cell naming one of a code's values, or why it does not.
fn code_of<T: Code>(t: &str) -> Result<T, String> {
    T::parse_loose(t).ok_or_else(|| {
        let allowed: Vec<&str> = T::ALL.iter().map(|v| v.code()).collect();
        format!("{t:?} is not one of: {}", allowed.join(", "))
    })
}

fn number(text: &str) -> Result<u32, String> {
    text.replace(',', "").parse().map_err(|_| format!("{text:?} is not a whole number"))
}

fn yes_no(text: &str) -> Result<bool, String> {
    match text.to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(format!("{text:?} is not yes or no")),
    }
}

/// A record a row becomes, and the one it replaces if any.
enum Change<T> {
    New(T),
    Edit(Stored<T>, T),
}

impl<T: Record + PartialEq> Change<T> {
    fn of(existing: Option<Stored<T>>, value: T) -> Change<T> {
        match existing {
            Some(e) => Change::Edit(e, value),
            None => Change::New(value),
        }
    }

    fn value(&self) -> &T {
        match self {
            Change::New(v) | Change::Edit(_, v) => v,
        }
    }
}

/// Checks every change against the rules, counts them, and (unless
/// `dry_run`, or anything is wrong) writes them in one transaction.
fn apply<T: Record + PartialEq>(
    store: &mut Store,
    changes: Vec<(usize, Change<T>)>,
    mut summary: Summary,
    dry_run: bool,
) -> Result<Summary, StoreError> {
    let today = store.today();
    for (row, change) in &changes {
        let value = change.value();
        let mut problems = value.problems(today);
        if let Err(StoreError::Invalid(more)) = store.check_against_stored(value) {
            problems.extend(more);
        }
        summary.rejected.extend(problems.into_iter().map(|i| Problem::at(*row, i.field, i.message)));
        match change {
            Change::New(_) => summary.created += 1,
            Change::Edit(old, new) if old.value == *new => summary.unchanged += 1,
            Change::Edit(..) => summary.updated += 1,
        }
    }
    if !summary.rejected.is_empty() {
        return Ok(Summary { rejected: summary.rejected, rows: summary.rows, ..Summary::default() });
    }
    if dry_run {
        return Ok(summary);
    }
    store.write(|tx, user, today| {
        for (row, change) in &changes {
            let at_row = |e: StoreError| match e {
                StoreError::Invalid(list) => StoreError::Invalid(
                    list.into_iter()
                        .map(|i| crate::domain::Invalid::new(i.field, format!("row {row}: {}", i.message)))
                        .collect(),
                ),
                other => other,
            };
            match change {
                Change::New(v) => {
                    record::insert(tx, user, today, v).map_err(at_row)?;
                }
                Change::Edit(old, new) if old.value != *new => {
                    record::update(tx, user, today, old.id, old.version, new).map_err(at_row)?;
                }
                Change::Edit(..) => {}
            }
        }
        Ok(())
    })?;
    Ok(summary)
}

/// Imports `text` as `kind` in one transaction, or with `dry_run` says what
/// it would do. Any bad row refuses the whole file.
pub fn import(store: &mut Store, kind: Kind, text: &str, dry_run: bool) -> Result<Summary, StoreError> {
    let headings = kind.headings();
    // The header is the first row naming any of the columns: then a missing
    // one is reported by name.
    let is_heading = |c: &String| headings.contains(&normalise(c).replace(' ', "_").as_str());
    let sheet = match Sheet::read(text, |cells| cells.iter().any(is_heading)) {
        Ok(sheet) => sheet,
        Err(mut problems) => {
            for p in problems.iter_mut().filter(|p| p.reason.starts_with("no header row")) {
                p.reason = format!("{}: the first row should name the columns ({})", p.reason, headings.join(", "));
            }
            return Ok(Summary { rejected: problems, ..Summary::default() });
        }
    };
    let named: Vec<String> = sheet.headings.iter().map(|h| normalise(h).replace(' ', "_")).collect();
    let wrong: Vec<Problem> = named
        .iter()
        .filter(|h| !headings.contains(&h.as_str()))
        .map(|h| Problem::file(format!("unknown column {h:?} (the columns are: {})", headings.join(", "))))
        .chain(
            kind.required()
                .iter()
                .filter(|r| !named.iter().any(|h| h == *r))
                .map(|r| Problem::file(format!("the header has no {r:?} column"))),
        )
        .collect();
    let summary = Summary { rows: sheet.rows.len(), rejected: wrong, ..Summary::default() };
    if !summary.rejected.is_empty() {
        return Ok(summary);
    }
    let known = Lookups::load(store)?;
    let mut problems = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut rows: Vec<Cells> = Vec::new();
    for (row, values) in &sheet.rows {
        let mut c = Cells {
            row: *row,
            by_heading: named.iter().map(String::as_str).zip(values.iter().map(String::as_str)).collect(),
            problems: Vec::new(),
        };
        let identity = match kind {
            Kind::Providers => key(&c.text("name")),
            Kind::Settings => match c.text("urn") {
                urn if urn.is_empty() => format!("{}/{}", key(&c.text("provider")), key(&c.text("name"))),
                urn => urn.to_uppercase(),
            },
            Kind::Contracts => key(&c.text("reference")),
            Kind::Placements => format!("{}/{}/{}", c.text("child_ref"), c.text("setting_urn"), c.text("start")),
            Kind::Groups => key(&c.text("name")),
            Kind::Members => key(&c.text("provider")),
            Kind::Accounts => format!("{}/{}", key(&c.text("group")), c.text("period_end")),
        };
        if !identity.is_empty()
            && let Some(first) = seen.insert(identity, *row)
        {
            c.problems.push(Problem::at(*row, headings[0], format!("appears again (first at row {first})")));
        }
        rows.push(c);
    }
    let mut collect = |c: &mut Cells| problems.append(&mut c.problems);
    match kind {
        Kind::Providers => {
            let changes = rows
                .iter_mut()
                .filter_map(|c| {
                    let name = c.required("name", |t| Ok::<_, String>(t.to_string()));
                    let existing = known.providers.get(&key(&c.text("name"))).cloned();
                    let archived_on = existing.as_ref().and_then(|e| e.value.archived_on);
                    let change = name.map(|name| {
                        (
                            c.row,
                            Change::of(
                                existing,
                                Provider { name, contact: c.text("contact"), notes: c.text("notes"), archived_on },
                            ),
                        )
                    });
                    collect(c);
                    change
                })
                .collect();
            finish(store, changes, summary, problems, dry_run)
        }
        Kind::Settings => {
            let changes = each(&mut rows, &mut problems, |c| setting_row(c, &known));
            finish(store, changes, summary, problems, dry_run)
        }
        Kind::Contracts => {
            let changes = each(&mut rows, &mut problems, |c| contract_row(c, &known));
            finish(store, changes, summary, problems, dry_run)
        }
        Kind::Placements => {
            let mut changes = Vec::new();
            for c in rows.iter_mut() {
                if let Some(change) = placement_row(c, &known, store)? {
                    changes.push(change);
                }
                collect(c);
            }
            finish(store, changes, summary, problems, dry_run)
        }
        Kind::Groups => {
            let changes = each(&mut rows, &mut problems, |c| groups::group_row(c, &known));
            finish(store, changes, summary, problems, dry_run)
        }
        Kind::Members => {
            let changes = each(&mut rows, &mut problems, |c| groups::member_row(c, &known));
            finish(store, changes, summary, problems, dry_run)
        }
        Kind::Accounts => {
            let changes = each(&mut rows, &mut problems, |c| accounts::row(c, &known));
            finish(store, changes, summary, problems, dry_run)
        }
    }
}

/// Each row's change by `row`, its problems gathered into `problems`.
fn each<T>(
    rows: &mut [Cells],
    problems: &mut Vec<Problem>,
    mut row: impl FnMut(&mut Cells) -> Option<(usize, Change<T>)>,
) -> Vec<(usize, Change<T>)> {
    let mut out = Vec::new();
    for c in rows {
        out.extend(row(c));
        problems.append(&mut c.problems);
    }
    out
}

/// Applies the changes unless the rows had problems.
fn finish<T: Record + PartialEq>(
    store: &mut Store,
    changes: Vec<(usize, Change<T>)>,
    summary: Summary,
    problems: Vec<Problem>,
    dry_run: bool,
) -> Result<Summary, StoreError> {
    if problems.is_empty() {
        apply(store, changes, summary, dry_run)
    } else {
        Ok(Summary { rejected: problems, ..summary })
    }
}

fn provider_of(c: &mut Cells, known: &Lookups) -> Option<i64> {
    let name = c.text("provider");
    if name.is_empty() {
        c.problems.push(Problem::at(c.row, "provider", "required"));
        return None;
    }
    match known.providers.get(&key(&name)) {
        Some(p) => Some(p.id),
        None => {
            c.problems.push(Problem::at(
                c.row,
                "provider",
                format!("no provider is called {name:?} (import providers first)"),
            ));
            None
        }
    }
}

fn setting_row(c: &mut Cells, known: &Lookups) -> Option<(usize, Change<Setting>)> {
    let provider = provider_of(c, known);
    let urn = c.parse("urn", Urn::parse);
    let kind = c.code::<SettingKind>("kind");
    let places = c.parse("places", number);
    let miles = c.parse("distance_miles", number);
    let in_area = c.parse("in_area", yes_no).unwrap_or(false);
    let registration = c.parse("registration", |t| {
        Registration::parse_loose(t).ok_or_else(|| format!("{t:?} is not active, suspended or closed"))
    });
    let (provider_id, kind) = (provider?, kind?);
    let existing = match &urn {
        Some(u) => known.settings.get(u).cloned(),
        None => known.unnumbered.get(&(provider_id, key(&c.text("name")))).cloned(),
    };
    let base = existing.as_ref().map_or_else(|| Setting::blank(provider_id), |s| s.value.clone());
    let manager = c.text("registered_manager");
    let value = Setting {
        provider_id,
        urn,
        name: c.text("name"),
        kind,
        registered_manager: (!manager.is_empty()).then_some(manager),
        manager_vacant_on: c.parse("manager_vacant_on", date::parse),
        places,
        town: c.text("town"),
        local_authority: c.text("local_authority"),
        region: c.text("region"),
        in_area,
        distance_miles: miles,
        registration: registration.unwrap_or(base.registration),
        ..base
    };
    Some((c.row, Change::of(existing, value)))
}

fn contract_row(c: &mut Cells, known: &Lookups) -> Option<(usize, Change<Contract>)> {
    let provider = provider_of(c, known);
    let kind = c.code::<ContractType>("type");
    let start = c.required("start", date::parse);
    let end = c.parse("end", date::parse);
    let value = c.required("annual_value", Pence::parse);
    let returns = c.parse("returns", code_of::<ReturnsOwed>);
    let notice_months = c.parse("notice_months", |t| t.parse::<u32>().map_err(|_| "a whole number of months".into()));
    let notice_given_on = c.parse("notice_given_on", date::parse);
    let payments = c.parse("outcome_payments", PaymentSchedule::parse);
    let reference = c.text("reference");
    let existing = known.contracts.get(&key(&reference)).cloned();
    let held = existing.as_ref().map(|e| &e.value);
    let value = Contract {
        provider_id: provider?,
        reference,
        kind: kind?,
        title: c.text("title"),
        start: start?,
        end,
        annual_value: value?,
        // Left blank, a contract keeps what it asked for (the policy's, if new).
        returns: returns.or(held.map(|e| e.returns)).unwrap_or(ReturnsOwed::Policy),
        notice_months: notice_months.or(held.and_then(|e| e.notice_months)),
        notice_given_on: notice_given_on.or(held.and_then(|e| e.notice_given_on)),
        payments: payments.or(held.map(|e| e.payments.clone())).unwrap_or_default(),
    };
    Some((c.row, Change::of(existing, value)))
}

fn placement_row(
    c: &mut Cells,
    known: &Lookups,
    store: &Store,
) -> Result<Option<(usize, Change<Placement>)>, StoreError> {
    let child = c.required("child_ref", ChildRef::parse);
    let urn = c.required("setting_urn", Urn::parse);
    let setting = urn.and_then(|u| match known.settings.get(&u) {
        Some(s) => Some(s.id),
        None => {
            c.problems.push(Problem::at(c.row, "setting_urn", format!("no setting has URN {u}")));
            None
        }
    });
    let reference = c.text("contract_reference");
    let contract_id = match known.contracts.get(&key(&reference)) {
        Some(k) => Some(k.id),
        None if reference.is_empty() => None,
        None => {
            c.problems.push(Problem::at(c.row, "contract_reference", format!("no contract {reference:?}")));
            None
        }
    };
    let start = c.required("start", date::parse);
    let end = c.parse("end", date::parse);
    let cost = c.required("weekly_cost", Pence::parse);
    let miles = c.parse("distance_miles", number);
    let (Some(child_ref), Some(setting_id), Some(start), Some(weekly_cost)) = (child, setting, start, cost) else {
        return Ok(None);
    };
    let existing = store.placement_of(&child_ref, setting_id, start)?;
    let value = Placement { child_ref, setting_id, contract_id, start, end, weekly_cost, distance_miles: miles };
    Ok(Some((c.row, Change::of(existing, value))))
}

/// `records` in the order of `key` (stable: equal keys stay in the order made).
fn sorted<T, K: Ord>(mut records: Vec<T>, key: impl FnMut(&T) -> K) -> Vec<T> {
    records.sort_by_key(key);
    records
}

/// The register as CSV in the shape `import` reads, every cell escaped
/// against spreadsheet formulas.
pub fn export(store: &Store, kind: Kind) -> Result<Vec<u8>, StoreError> {
    let known = Lookups::load(store)?;
    let name_of = |id: i64| known.provider_names.get(&id).cloned().unwrap_or_default();
    let opt = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let rows: Vec<Vec<String>> = match kind {
        Kind::Providers => sorted(store.all::<Provider>()?, |p| p.value.name.to_lowercase())
            .into_iter()
            .map(|p| vec![p.value.name, p.value.contact, p.value.notes])
            .collect(),
        Kind::Settings => sorted(store.all::<Setting>()?, |s| s.value.name.to_lowercase())
            .into_iter()
            .map(|s| {
                let v = s.value;
                vec![
                    name_of(v.provider_id),
                    v.urn.map(|u| u.to_string()).unwrap_or_default(),
                    v.name,
                    v.kind.code().into(),
                    v.registered_manager.unwrap_or_default(),
                    v.manager_vacant_on.map(|d| d.to_string()).unwrap_or_default(),
                    opt(v.places),
                    v.town,
                    v.local_authority,
                    v.region,
                    if v.in_area { "yes" } else { "no" }.into(),
                    opt(v.distance_miles),
                    v.registration.code().into(),
                ]
            })
            .collect(),
        Kind::Contracts => sorted(store.all::<Contract>()?, |c| c.value.reference.clone())
            .into_iter()
            .map(|k| {
                let v = k.value;
                vec![
                    v.reference,
                    name_of(v.provider_id),
                    v.kind.code().into(),
                    v.title,
                    v.start.to_string(),
                    day(v.end),
                    v.annual_value.plain(),
                    v.returns.code().into(),
                    opt(v.notice_months),
                    day(v.notice_given_on),
                    v.payments.to_string(),
                ]
            })
            .collect(),
        Kind::Placements => sorted(store.all::<Placement>()?, |p| (p.value.start, p.value.child_ref.clone()))
            .into_iter()
            .map(|p| {
                let v = p.value;
                vec![
                    v.child_ref.to_string(),
                    known.setting_urns.get(&v.setting_id).cloned().unwrap_or_default(),
                    v.contract_id.and_then(|id| known.contract_refs.get(&id).cloned()).unwrap_or_default(),
                    v.start.to_string(),
                    day(v.end),
                    v.weekly_cost.plain(),
                    opt(v.distance_miles),
                ]
            })
            .collect(),
        Kind::Groups => groups::group_rows(store, &known)?,
        Kind::Members => groups::member_rows(store, &known)?,
        Kind::Accounts => accounts::rows(store, &known)?,
    };
    Ok(crate::report::csv::table(kind.headings(), &rows))
}
