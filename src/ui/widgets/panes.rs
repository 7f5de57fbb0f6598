//! Moving between the panes of a screen that has several (a provider's, the
//! Reg 44 screen): the keys, and the pane they lead to.

use crate::ui::event::{Action, Command, Key};
use crossterm::event::KeyCode;

/// Tab to the next pane (named in `help`), Shift-Tab back.
pub fn commands(help: &'static str) -> [Command; 2] {
    [
        Command::new(Action::NextPane, &[Key::plain(KeyCode::Tab)], "pane", help),
        Command::new(Action::PrevPane, &[Key::plain(KeyCode::BackTab)], "previous pane", "Previous pane").quiet(),
    ]
}

/// The pane `action` leads to from pane `at` of `count`, round and round;
/// `None` for any other action.
pub fn step(action: Action, at: usize, count: usize) -> Option<usize> {
    match action {
        Action::NextPane => Some((at + 1) % count),
        Action::PrevPane => Some((at + count - 1) % count),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_go_round_both_ways() {
        assert_eq!(step(Action::NextPane, 2, 3), Some(0));
        assert_eq!(step(Action::PrevPane, 0, 3), Some(2));
        assert_eq!(step(Action::PrevPane, 1, 8), Some(0));
        assert_eq!(step(Action::Open, 1, 8), None);
    }
}
