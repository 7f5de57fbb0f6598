//! Reads the main screens' data on a thread of its own, over a second
//! connection, so that a key never waits for a slow query: the screen shows
//! what it had, says it is reading, and takes the new data when it comes.
//! Exports (the board pack, a stop notice) are written there too.

pub use super::loaded::Loaded;
use crate::store::{Store, StoreError};
use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

/// A screen's reading, to run on any connection.
pub type Load = Box<dyn FnOnce(&Store) -> Result<Loaded, StoreError> + Send>;

/// Work that writes a file from the data (an export), run away from the
/// keys; says what it did, for the status line.
pub type Job = Box<dyn FnOnce(&Store) -> Result<String, StoreError> + Send>;

/// The `tab` of a ticket for a [`Job`]: never superseded by a later one.
pub const WRITING: usize = usize::MAX;

/// The `tab` of a ticket for the screen at the bottom of the stack (one
/// opened from the go-to popup past the numbered ten).
pub const STACKED: usize = usize::MAX - 1;

/// Which main screen asked, and which of its requests this answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    pub tab: usize,
    pub number: u64,
    /// For the screen on show: read before the others waiting.
    pub urgent: bool,
}

pub struct Reader {
    /// `None` once dropped, which ends the thread.
    jobs: Option<Sender<(Ticket, Load)>>,
    done: Receiver<(Ticket, Result<Loaded, StoreError>)>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Reader {
    /// Lets the thread finish what it is reading and close its connection,
    /// so that the last connection to close can fold the write-ahead log
    /// back into the file.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Reader {
    /// Opens a read-only connection beside `store` and starts the thread.
    pub fn start(store: &Store) -> Result<Reader, StoreError> {
        let path = store.path().to_path_buf();
        let store = store.reader()?;
        let (jobs, queue) = mpsc::channel::<(Ticket, Load)>();
        let (answer, done) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("oversight-reader".into())
            .spawn(move || {
                let mut waiting: VecDeque<(Ticket, Load)> = VecDeque::new();
                loop {
                    if waiting.is_empty() {
                        match queue.recv() {
                            Ok(job) => waiting.push_back(job),
                            Err(_) => return,
                        }
                    }
                    waiting.extend(queue.try_iter());
                    // Only the latest request per screen is worth reading
                    // (a file to write is never superseded); the screen on
                    // show goes first, the rest in the order asked.
                    let tickets: Vec<Ticket> = waiting.iter().map(|(t, _)| *t).collect();
                    waiting.retain(|(ticket, _)| {
                        ticket.tab == WRITING
                            || !tickets.iter().any(|t| t.tab == ticket.tab && t.number > ticket.number)
                    });
                    let next = waiting.iter().position(|(t, _)| t.urgent).unwrap_or(0);
                    let Some((ticket, load)) = waiting.remove(next) else { continue };
                    if answer.send((ticket, load(&store))).is_err() {
                        return;
                    }
                }
            })
            .map_err(|source| StoreError::Io { path, source })?;
        Ok(Reader { jobs: Some(jobs), done, thread: Some(thread) })
    }

    /// Runs `job` after what is already asked; its answer comes under `ticket`.
    pub fn send_job(&self, ticket: Ticket, job: Job) {
        self.send(ticket, Box::new(move |store: &Store| job(store).map(Loaded::Said)));
    }

    pub fn send(&self, ticket: Ticket, load: Load) {
        // The thread ends only when this Reader is dropped; a failed send
        // leaves the screen marked as reading, which the next change retries.
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send((ticket, load));
        }
    }

    /// An answer, if one has come.
    pub fn try_recv(&self) -> Option<(Ticket, Result<Loaded, StoreError>)> {
        self.done.try_recv().ok()
    }

    /// Waits up to `timeout` for an answer.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<(Ticket, Result<Loaded, StoreError>)> {
        self.done.recv_timeout(timeout).ok()
    }
}
