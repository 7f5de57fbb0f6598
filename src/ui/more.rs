//! The screens past the numbered ten, each opened from the go-to popup by
//! its letter.

use super::screen::Screen;
use crate::domain::policy::Policy;
use crate::store::{Store, StoreError};

/// Screens beyond the numbered ten, in the go-to popup after them, each by
/// a letter no numbered screen starts with; one opens over the screen shown.
pub struct More {
    pub key: char,
    pub name: &'static str,
    pub help: &'static str,
    pub open: OpenScreen,
}

/// Opens a screen, read and ready.
pub type OpenScreen = fn(&Store, &Policy) -> Result<Box<dyn Screen>, StoreError>;

/// `screen`, read.
fn read(mut screen: impl Screen + 'static, store: &Store) -> Result<Box<dyn Screen>, StoreError> {
    screen.reload(store)?;
    Ok(Box::new(screen))
}

pub const MORE: &[More] = &[
    More {
        key: 'e',
        name: "Returns",
        help: "Returns providers owe: self-assessments, quarterly returns and reviews",
        open: |store, policy| read(super::returns::ReturnsScreen::new(policy), store),
    },
    More {
        key: 'f',
        name: "Feedback",
        help: "Practitioners' ratings of the main fostering agencies, by quarter",
        open: |store, policy| read(super::feedback::FeedbackScreen::new(policy), store),
    },
    More {
        key: 'n',
        name: "Resources panel",
        help: "The monthly panel on young people at risk in supported accommodation",
        open: |store, _| read(super::panel::PanelScreen::new(), store),
    },
    More {
        key: 'l',
        name: "Shortlist",
        help: "Who could take a placement, by score then price",
        open: |store, policy| read(super::shortlist::ShortlistScreen::new(policy), store),
    },
    More {
        key: 'o',
        name: "Notifications",
        help: "Regulation 40 notifications: serious events homes told us of, across settings",
        open: |store, _| read(super::notifications::NotificationsScreen::new(), store),
    },
    More {
        key: 'u',
        name: "Unregistered",
        help: "Children placed where no registration covers them: why, approval, Ofsted told, reviews every week",
        open: |store, policy| read(super::unregistered::UnregisteredScreen::new(policy), store),
    },
    More {
        key: 'w',
        name: "Groups",
        help: "Provider groups and who owns them: our exposure, their settings together, the financial watch",
        open: |store, policy| read(super::groups::GroupsScreen::new(policy), store),
    },
    More {
        key: 'v',
        name: "Value",
        help: "Children's needs against what they cost, and their outcomes, by provider",
        open: |store, _| read(super::value::ValueScreen::new(), store),
    },
];
