//! The screens past the numbered ten, each opened from the go-to popup by
//! its letter.

use super::screen::Screen;
use crate::domain::policy::Policy;

/// Screens beyond the numbered ten, in the go-to popup after them, each by
/// a letter no numbered screen starts with; one opens over the screen shown.
pub struct More {
    pub key: char,
    pub name: &'static str,
    pub help: &'static str,
    pub open: OpenScreen,
}

/// Makes a screen, not yet read: the app reads it (on the reader thread
/// when the screen is slow to read).
pub type OpenScreen = fn(&Policy) -> Box<dyn Screen>;

pub const MORE: &[More] = &[
    More {
        key: 'e',
        name: "Returns",
        help: "Returns providers owe: self-assessments, quarterly returns and reviews",
        open: |policy| Box::new(super::returns::ReturnsScreen::new(policy)),
    },
    More {
        key: 'f',
        name: "Feedback",
        help: "Practitioners' ratings of the main fostering agencies, by quarter",
        open: |policy| Box::new(super::feedback::FeedbackScreen::new(policy)),
    },
    More {
        key: 'n',
        name: "Resources panel",
        help: "The monthly panel on young people at risk in supported accommodation",
        open: |_| Box::new(super::panel::PanelScreen::new()),
    },
    More {
        key: 'l',
        name: "Shortlist",
        help: "Who could take a placement, by score then price",
        open: |policy| Box::new(super::shortlist::ShortlistScreen::new(policy)),
    },
    More {
        key: 'o',
        name: "Notifications",
        help: "Regulation 40 notifications: serious events homes told us of, across settings",
        open: |_| Box::new(super::notifications::NotificationsScreen::new()),
    },
    More {
        key: 'u',
        name: "Unregistered",
        help: "Children placed where no registration covers them: why, approval, Ofsted told, reviews every week",
        open: |policy| Box::new(super::unregistered::UnregisteredScreen::new(policy)),
    },
    More {
        key: 'w',
        name: "Groups",
        help: "Provider groups and who owns them: our exposure, their settings together, the financial watch",
        open: |policy| Box::new(super::groups::GroupsScreen::new(policy)),
    },
    More {
        key: 'v',
        name: "Value",
        help: "Children's needs against what they cost, and their outcomes, by provider",
        open: |_| Box::new(super::value::ValueScreen::new()),
    },
];
