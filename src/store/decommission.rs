//! Decommissioning reviews: opened when an inspection recorded (by an
//! Ofsted import or by hand) takes a home with children placed below Good,
//! and worked through their steps to a decision.

use super::record::{self, Record, list};
use super::{Store, StoreError, Stored};
use crate::domain::decommission::{Review, Task, opens};
use crate::domain::inspection::Inspection;
use crate::domain::policy::Decommissioning as Days;
use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::ToSql;

impl Record for Review {
    const TABLE: &'static str = "decommissioning_reviews";
    const NOUN: &'static str = "decommissioning review";
    const COLUMNS: &'static [&'static str] = &[
        "setting_id",
        "inspection_id",
        "from_judgement",
        "to_judgement",
        "inspected_on",
        "opened_on",
        "children",
        "notify_owner",
        "notify_due",
        "notify_done",
        "visit_owner",
        "visit_due",
        "visit_done",
        "review_owner",
        "review_due",
        "review_done",
        "decide_owner",
        "decide_due",
        "decided_on",
        "decision",
        "note",
    ];

    fn params(&self) -> Vec<&dyn ToSql> {
        let mut out: Vec<&dyn ToSql> = vec![
            &self.setting_id,
            &self.inspection_id,
            &self.from,
            &self.to,
            &self.inspected_on,
            &self.opened_on,
            &self.children,
        ];
        for t in [&self.notify, &self.visit, &self.review, &self.decide] {
            out.extend([&t.owner as &dyn ToSql, &t.due, &t.done_on]);
        }
        out.extend([&self.decision as &dyn ToSql, &self.note]);
        out
    }

    fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        // Columns 0 and 1 are the id and version.
        let task = |at: usize| -> rusqlite::Result<Task> {
            Ok(Task { owner: row.get(at)?, due: row.get(at + 1)?, done_on: row.get(at + 2)? })
        };
        Ok(Review {
            setting_id: row.get(2)?,
            inspection_id: row.get(3)?,
            from: row.get(4)?,
            to: row.get(5)?,
            inspected_on: row.get(6)?,
            opened_on: row.get(7)?,
            children: row.get(8)?,
            notify: task(9)?,
            visit: task(12)?,
            review: task(15)?,
            decide: task(18)?,
            decision: row.get(21)?,
            note: row.get(22)?,
        })
    }

    fn duplicate_message(&self) -> String {
        "a decommissioning review is already open for this inspection".into()
    }

    fn describe(&self) -> String {
        format!("decommissioning review opened {}", self.opened_on)
    }
}

/// Children placed in the setting on `day`.
fn children_placed(conn: &Connection, setting_id: i64, day: NaiveDate) -> Result<u32, StoreError> {
    let sql = "SELECT count(*) FROM placements WHERE setting_id = ?1 AND start_date <= ?2
               AND (end_date IS NULL OR end_date >= ?2)";
    Ok(conn.prepare_cached(sql)?.query_row(rusqlite::params![setting_id, day], |r| r.get(0))?)
}

fn open_for(conn: &Connection, setting_id: i64) -> Result<bool, StoreError> {
    let sql = "SELECT EXISTS (SELECT 1 FROM decommissioning_reviews WHERE setting_id = ?1 AND decision IS NULL)";
    Ok(conn.prepare_cached(sql)?.query_row([setting_id], |r| r.get(0))?)
}

/// Opens a review if the inspection stored at `inspection_id` took its
/// setting below Good (see [`opens`]) and none is open there already; the
/// one opened, owned by `user` until someone else takes its steps on.
pub fn open_if_fallen(
    conn: &Connection,
    user: &str,
    today: NaiveDate,
    days: &Days,
    inspection_id: i64,
) -> Result<Option<Stored<Review>>, StoreError> {
    let new = record::get::<Inspection>(conn, inspection_id)?.value;
    let setting_id = new.setting_id;
    if open_for(conn, setting_id)? {
        return Ok(None);
    }
    let held: Vec<Inspection> =
        super::inspections::for_setting(conn, setting_id)?.into_iter().map(|s| s.value).collect();
    let children = children_placed(conn, setting_id, today)?;
    let Some(change) = opens(&held, &new, children, today, days) else { return Ok(None) };
    let review = Review::open(inspection_id, change, &new, children, user, today, days);
    record::insert(conn, user, today, &review).map(Some)
}

/// The reviews open at the end of `day`, as they stood then, the oldest first.
pub fn open_on(conn: &Connection, day: NaiveDate) -> Result<Vec<Review>, StoreError> {
    let opened = list::<Review>(conn, "WHERE opened_on <= ?1 ORDER BY opened_on, id", &[&day])?;
    Ok(opened.into_iter().filter_map(|r| r.value.as_of(day)).filter(Review::is_open).collect())
}

/// A review open on a day, with what the pack says of its setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewLine {
    pub setting: String,
    pub provider: String,
    pub review: Review,
}

impl Store {
    /// The reviews open at the end of `day`, as they stood then, the oldest first.
    pub fn decommissioning_as_of(&self, day: NaiveDate) -> Result<Vec<ReviewLine>, StoreError> {
        let sql = "SELECT s.name, p.name FROM settings s JOIN providers p ON p.id = s.provider_id WHERE s.id = ?1";
        let mut names = self.conn.prepare_cached(sql)?;
        let mut out = Vec::new();
        for review in open_on(&self.conn, day)? {
            let (setting, provider) = names.query_row([review.setting_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
            out.push(ReviewLine { setting, provider, review });
        }
        Ok(out)
    }

    /// Records an inspection, new (`existing` `None`) or edited at the
    /// version read, and opens a decommissioning review if it took a home
    /// with children placed below Good.
    pub fn save_inspection(
        &mut self,
        existing: Option<(i64, i64)>,
        value: &Inspection,
        days: &Days,
    ) -> Result<(Stored<Inspection>, Option<Stored<Review>>), StoreError> {
        self.write(|tx, user, today| {
            let stored = match existing {
                None => record::insert(tx, user, today, value)?,
                Some((id, version)) => record::update(tx, user, today, id, version, value)?,
            };
            let opened = open_if_fallen(tx, user, today, days, stored.id)?;
            Ok((stored, opened))
        })
    }

    /// A setting's reviews, the latest first.
    pub fn decommissioning_of_setting(&self, setting_id: i64) -> Result<Vec<Stored<Review>>, StoreError> {
        list(&self.conn, "WHERE setting_id = ?1 ORDER BY opened_on DESC, id DESC", &[&setting_id])
    }

    /// Every review not yet decided, the oldest first.
    pub fn open_decommissioning(&self) -> Result<Vec<Stored<Review>>, StoreError> {
        list(&self.conn, "WHERE decision IS NULL ORDER BY opened_on, id", &[])
    }
}
