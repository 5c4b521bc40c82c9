//! What `App::update` asks the shell to do, and what doing it gave back. The app only
//! describes work; the runtime in `tui/mod.rs` (and the store's thread) performs it.
use std::path::PathBuf;
use std::time::Duration;

use crate::core::export::Format;
use crate::core::store::{ArticleState, Bookmark, BookmarkChange};

/// Work for the shell: store writes (run in order on the store's thread, so a bulk
/// action never holds up a key), timers and loading.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Article states, written in one transaction.
    SaveStates(Vec<(String, ArticleState)>),
    /// Apply a change to the bookmark of `.0.article_id` as it is stored now (`.0` is the
    /// bookmark to create if there is none, or to restore).
    SaveBookmark(Box<Bookmark>, BookmarkChange),
    /// Remove the bookmark of the article with this key.
    RemoveBookmark(String),
    /// Write every bookmark to a file in the user's documents folder.
    Export(Format),
    /// Send `Msg::Tick` after this long (the reading time before an article counts as read).
    Timer(Duration),
    /// Load these files in the background (bookmarked articles not open yet).
    Load(Vec<PathBuf>),
    /// Load, clean and annotate the article with this key, living at `location`
    /// (answered with `Msg::Loaded` or `Msg::OpenFailed`). A feed entry whose full
    /// article was fetched shows it, unless `teaser` asks for the feed's own text.
    Open { key: String, location: String, teaser: bool },
    /// Which articles of the library match this query (answered with `Msg::Found`).
    Search(String),
    /// Refresh these feeds (by number; none: every feed) in the background (answered
    /// with progress, the feeds as they stand, and the list again when something arrived).
    RefreshFeeds(Vec<i64>),
    /// Fetch the full article of the feed entry with this key from its link, in the
    /// background (answered with `Msg::FullText`).
    FullText { key: String, location: String },
    /// Fetch (or stop fetching) the full article of every new entry of this feed.
    SetFullText { feed: i64, on: bool },
    /// Open this link in the browser.
    OpenLink(String),
    /// Put this link on the clipboard (OSC 52: the terminal does it, over SSH too).
    CopyLink(String),
}

/// What running a store effect gave back to the app (`Msg::Applied`).
#[derive(Debug)]
pub enum Outcome {
    Done,
    /// A message for the status bar.
    Message(String),
    /// A bookmark as the store saved it (with its id and any change made elsewhere).
    Saved(Bookmark),
    /// Bookmarks were exported to this file.
    Exported(PathBuf),
}
