//! Errors that end a command, each with its exit code: 1 when what the user
//! asked for is wrong, 2 when the environment is (database, files, terminal).

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Bad input: arguments, files, values.
    #[error("{0}")]
    Usage(String),
    /// The machine: paths, permissions, terminals.
    #[error("{0}")]
    Environment(String),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Store(e) => e.exit_code(),
            Error::Usage(_) => 1,
            Error::Environment(_) => 2,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
