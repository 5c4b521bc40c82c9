//! The one inbox of the event loop: input from the terminal and results from workers.
use std::sync::mpsc::Sender;
use std::thread;

use crossterm::event::{Event, KeyEvent, KeyEventKind, MouseEvent};

use std::collections::HashSet;

use crate::core::article::Article;
use crate::core::store::{FeedRow, LibraryRow};

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize,
    /// An article finished loading and filtering on the worker.
    Loaded(Box<Article>),
    /// Rows of the library for the list: the next page, or (`replace`) the whole list anew.
    Rows {
        rows: Vec<LibraryRow>,
        replace: bool,
    },
    /// The subscriptions as they stand (after a refresh, or at start).
    Feeds(Vec<FeedRow>),
    /// The full article of the entry with this key was fetched, or why not.
    FullText(String, Result<(), String>),
    /// The library's stories: keys of articles that report one event.
    Stories(Vec<Vec<String>>),
    /// The articles that match a query (`Effect::Search`), or why it could not be run;
    /// `indexing` while the library has articles left to index (answered again later).
    Found {
        query: String,
        found: Result<HashSet<String>, String>,
        indexing: bool,
    },
    /// The article with this key could not be opened, and why.
    OpenFailed(String, String),
    /// An import has looked at this many files of so many.
    Progress(usize, usize),
    /// A line for the status bar (what an import did).
    Status(String),
    /// A path that could not be opened, with the reason.
    LoadFailed(String),
    /// The worker has gone through every path.
    LoadDone,
    /// A timer the app asked for (`Effect::Timer`) ran out.
    Tick,
    /// The store's thread ran an effect: what it gave back, or why it failed.
    Applied(Result<super::effect::Outcome, String>),
}

/// Reads terminal events on a thread of its own and forwards them. Only key presses
/// count: some terminals also report releases and repeats as separate events.
pub fn spawn_input(tx: Sender<Msg>) {
    thread::spawn(move || loop {
        let msg = match crossterm::event::read() {
            Ok(Event::Key(k)) if k.kind == KeyEventKind::Press => Msg::Key(k),
            Ok(Event::Mouse(m)) => Msg::Mouse(m),
            Ok(Event::Resize(..)) => Msg::Resize,
            Ok(_) => continue,
            Err(e) => {
                tracing::error!("terminal input failed: {e}");
                return;
            }
        };
        if tx.send(msg).is_err() {
            return;
        }
    });
}
