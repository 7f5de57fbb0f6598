//! Building blocks shared by screens.

pub mod history;
pub mod list;
pub mod needs;
pub mod panes;
pub mod score;
pub mod table;
pub mod text;
