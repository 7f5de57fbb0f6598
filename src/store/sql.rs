//! How domain values travel in and out of SQLite columns.

use crate::domain::code::Code;
use crate::domain::concern::{ConcernCategory, ConcernSeverity, ConcernSource, ConcernStatus, SpcOutcome};
use crate::domain::contract::{ContractType, PaymentSchedule, ReturnsOwed};
use crate::domain::date::Month;
use crate::domain::decommission::Decision;
use crate::domain::feedback::Practitioner;
use crate::domain::group::OwnerKind;
use crate::domain::inspection::{Framework, InspectionKind};
use crate::domain::money::Pence;
use crate::domain::needs::{Occasion, Scores};
use crate::domain::notification::Category;
use crate::domain::panel::{PanelOutcome, PanelRisk};
use crate::domain::placement::ChildRef;
use crate::domain::plan::{ActionStatus, PlanSource, PlanStatus};
use crate::domain::rating::Judgement;
use crate::domain::reg44::{FindingSeverity, FindingStatus, Opinion, Standard};
use crate::domain::returns::{Period, Quarter, ReturnKind, SelfGrades};
use crate::domain::setting::{Registration, SettingKind, Urn};
use crate::domain::stop::{ReviewOutcome, StopOutcome};
use crate::domain::tier::{Enforcement, LowRiskBasis, Tier};
use crate::domain::visit::{VisitKind, VisitOutcome};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

fn parse_text<T>(value: ValueRef<'_>, parse: impl FnOnce(&str) -> Option<T>) -> FromSqlResult<T> {
    let text = value.as_str()?;
    parse(text).ok_or_else(|| FromSqlError::Other(format!("unexpected value {text:?}").into()))
}

/// Code enums are stored as their code.
macro_rules! sql_code {
    ($($ty:ty),+) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.code()))
            }
        }
        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                parse_text(value, <$ty>::from_code)
            }
        }
    )+};
}
sql_code!(
    Judgement,
    SettingKind,
    Registration,
    ContractType,
    ReturnsOwed,
    Occasion,
    InspectionKind,
    Framework,
    Enforcement,
    LowRiskBasis,
    VisitKind,
    VisitOutcome,
    Opinion,
    Standard,
    FindingSeverity,
    FindingStatus,
    ConcernSource,
    ConcernCategory,
    ConcernSeverity,
    ConcernStatus,
    SpcOutcome,
    PlanSource,
    PlanStatus,
    ActionStatus,
    StopOutcome,
    ReviewOutcome,
    ReturnKind,
    Practitioner,
    PanelRisk,
    PanelOutcome,
    Decision,
    Category,
    OwnerKind
);

impl ToSql for Month {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for Month {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        parse_text(value, |t| Month::parse(t).ok())
    }
}

impl ToSql for Period {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for Period {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        parse_text(value, |t| Period::parse(t).ok())
    }
}

impl ToSql for Quarter {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for Quarter {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        parse_text(value, |t| Quarter::parse(t).ok())
    }
}

impl ToSql for PaymentSchedule {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_string()))
    }
}

impl FromSql for PaymentSchedule {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        parse_text(value, |t| PaymentSchedule::parse(t).ok())
    }
}

impl ToSql for Scores {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_text()))
    }
}

impl FromSql for Scores {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        parse_text(value, |t| Scores::parse(t).ok())
    }
}

impl ToSql for SelfGrades {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.to_text()))
    }
}

impl FromSql for SelfGrades {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        parse_text(value, |t| SelfGrades::parse(t).ok())
    }
}

impl ToSql for Tier {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(i64::from(self.number())))
    }
}

impl FromSql for Tier {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let n = value.as_i64()?;
        u8::try_from(n).ok().and_then(Tier::from_number).ok_or(FromSqlError::OutOfRange(n))
    }
}

/// Validated text newtypes are stored as their text.
macro_rules! sql_text {
    ($($ty:ty),+) => {$(
        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }
        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                parse_text(value, |t| <$ty>::parse(t).ok())
            }
        }
    )+};
}
sql_text!(Urn, ChildRef);

impl ToSql for Pence {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0))
    }
}

impl FromSql for Pence {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value.as_i64().map(Pence)
    }
}
