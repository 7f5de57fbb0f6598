//! What the reader thread brings back: one kind of data per screen, named,
//! so that a screen handed another's data says so rather than showing
//! nothing.

use crate::domain::board::BoardNote;
use crate::store::Stored;
use crate::store::board::{BoardPack, Overview};
use crate::store::monitoring::SharedRows;
use std::collections::HashMap;

/// Declares the kinds, with `From` each value and `TryFrom` back (which
/// gives the data back when it is another kind); a list screen's rows are
/// a kind of their own, reached through [`Rows`].
macro_rules! kinds {
    (
        $($(#[$doc:meta])* $kind:ident($ty:ty)),+ ;
        $($list:ident(Vec<$row:ty>)),+ $(,)?
    ) => {
        pub enum Loaded {
            $($(#[$doc])* $kind($ty),)+
            $($list(Vec<$row>)),+
        }

        impl Loaded {
            /// The kind's name, for the message when a screen is handed the wrong one.
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Loaded::$kind(_) => stringify!($kind),)+
                    $(Loaded::$list(_) => stringify!($list)),+
                }
            }
        }

        $(
            impl From<$ty> for Loaded {
                fn from(data: $ty) -> Loaded {
                    Loaded::$kind(data)
                }
            }

            impl TryFrom<Loaded> for $ty {
                type Error = Loaded;
                fn try_from(data: Loaded) -> Result<$ty, Loaded> {
                    match data {
                        Loaded::$kind(data) => Ok(data),
                        other => Err(other),
                    }
                }
            }
        )+

        $(
            impl Rows for $row {
                fn loaded(rows: Vec<Self>) -> Loaded {
                    Loaded::$list(rows)
                }

                fn rows(data: Loaded) -> Result<Vec<Self>, Mismatch> {
                    match data {
                        Loaded::$list(rows) => Ok(rows),
                        other => Err(Mismatch(other.kind())),
                    }
                }
            }
        )+
    };
}

/// The rows of a list screen, as the reader brings them back.
pub trait Rows: Sized {
    fn loaded(rows: Vec<Self>) -> Loaded;
    fn rows(data: Loaded) -> Result<Vec<Self>, Mismatch>;
}

kinds! {
    /// What an export job says it did.
    Said(String),
    Overview(Box<Overview>),
    /// Every setting's monitoring row, shared between screens.
    Monitoring(SharedRows),
    Pack(Box<(BoardPack, HashMap<i64, Stored<BoardNote>>)>),
    Reg44(Box<super::reg44::Reg44Data>),
    Returns(Vec<crate::store::returns::DueRow>),
    Feedback(Vec<crate::store::feedback::FeedbackRow>),
    /// The day read, and the notifications of the months shown to it.
    Notifications(Box<(chrono::NaiveDate, Vec<crate::store::notifications::NotificationRow>)>),
    Groups(Box<crate::store::groups::Groups>),
    Group(Box<super::groups::GroupData>),
    Value(Box<crate::store::needs::Value>),
    /// A screen built whole, to take the place of the one standing in for it.
    Opened(Box<dyn super::screen::Screen + Send>);
    Providers(Vec<crate::store::providers::ProviderSummary>),
    Settings(Vec<crate::store::settings::SettingSummary>),
    Plans(Vec<super::plans::PlanListRow>),
    Concerns(Vec<super::concerns::ConcernRow>),
    Stops(Vec<super::stops::StopRow>),
    StopAlerts(Vec<super::stops::AlertRow>),
    RatingAlerts(Vec<super::alerts::AlertRow>),
}

/// A screen handed data of another kind: a defect, said on the status line.
#[derive(Debug)]
pub struct Mismatch(pub &'static str);

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "this screen was handed {} data it cannot show (a defect: please report it)", self.0)
    }
}

impl Loaded {
    /// `self` as a `T`, or the mismatch.
    pub fn into_kind<T: TryFrom<Loaded, Error = Loaded>>(self) -> Result<T, Mismatch> {
        T::try_from(self).map_err(|other| Mismatch(other.kind()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::providers::ProviderSummary;
    use crate::ui::list_screen::ListScreen;
    use crate::ui::screen::Screen;

    #[test]
    fn data_of_another_kind_is_named_not_dropped() {
        let err = Loaded::from("written".to_string()).into_kind::<SharedRows>().unwrap_err();
        assert_eq!(err.0, "Said");
        assert!(err.to_string().contains("handed Said data"), "{err}");
        assert_eq!(String::try_from(Loaded::from("back".to_string())).ok().as_deref(), Some("back"));
        assert_eq!(ProviderSummary::rows(Loaded::Said("x".into())).unwrap_err().0, "Said");
        assert!(ProviderSummary::rows(ProviderSummary::loaded(Vec::new())).unwrap().is_empty());
        // A screen handed another screen's data says so.
        let mut providers = ListScreen::<ProviderSummary>::new();
        assert_eq!(providers.loaded(Loaded::Said("x".into())).unwrap_err().0, "Said");
        assert!(providers.loaded(ProviderSummary::loaded(Vec::new())).is_ok());
    }
}
