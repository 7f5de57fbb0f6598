//! Building blocks shared by screens.

pub mod list;
pub mod table;
