//! Refreshing feeds: fetch (sending the last validators), read, store what is new or
//! changed, and record how it went on the feed, so `tidings feed list` can say why a
//! feed failed while what it brought before stays.
use crate::core::feeds::{self, Parsed};
use crate::core::fetch::{self, Fetch, Limits, Validators};
use crate::core::store::{FeedRow, Saved, Store, StoreError};

/// How one feed's refresh went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refreshed {
    /// Read and stored (what was new, what changed).
    Stored(Saved),
    /// The server said nothing changed (304).
    Unchanged,
    /// Fetching or reading failed; the reason is also recorded on the feed.
    Failed(String),
}

/// What reading a feed's address gave: the feed with its new validators (ETag,
/// Last-Modified), `None` for "not modified", or why it failed.
pub type Read = Result<Option<(Parsed, Option<String>, Option<String>)>, String>;

fn read(url: &str, validators: Validators, limits: &Limits) -> Read {
    match fetch::fetch(url, validators, limits).map_err(|e| e.to_string())? {
        Fetch::NotModified => Ok(None),
        Fetch::Body(body) => {
            let parsed = feeds::parse(&body.url, &body.body).map_err(|e| e.to_string())?;
            Ok(Some((parsed, body.etag, body.last_modified)))
        }
    }
}

/// Refreshes one feed. Only the store failing is an error: a feed that fails is an
/// outcome, recorded, and the next feed goes on.
pub fn refresh(store: &Store, feed: &FeedRow, limits: &Limits) -> Result<Refreshed, StoreError> {
    let validators = Validators { etag: feed.etag.as_deref(), last_modified: feed.last_modified.as_deref() };
    record(store, feed, read(&feed.url, validators, limits))
}

/// Stores what reading `feed` gave and records how it went on the feed.
pub fn record(store: &Store, feed: &FeedRow, read: Read) -> Result<Refreshed, StoreError> {
    match read {
        Ok(None) => {
            let kept = (feed.title.as_str(), feed.etag.as_deref(), feed.last_modified.as_deref());
            store.feed_refreshed(feed.id, Ok(kept))?;
            Ok(Refreshed::Unchanged)
        }
        Ok(Some((parsed, etag, modified))) => {
            let title = if parsed.title.is_empty() { feed.title.clone() } else { parsed.title.clone() };
            let saved = store.save_entries(feed.id, &title, &parsed.entries)?;
            store.feed_refreshed(feed.id, Ok((&title, etag.as_deref(), modified.as_deref())))?;
            Ok(Refreshed::Stored(saved))
        }
        Err(why) => {
            store.feed_refreshed(feed.id, Err(&why))?;
            Ok(Refreshed::Failed(why))
        }
    }
}

/// The feed to subscribe to for `url`: itself when it serves a feed (with what reading
/// it gave, so it is not fetched twice), else the feed its page points to (a site's
/// home page works). Local files, and addresses that cannot be fetched now (the refresh
/// that follows records why), are taken as they are, unread.
pub fn locate(url: &str, limits: &Limits) -> Result<(String, Option<Read>), String> {
    if !url.starts_with("http://") && !url.starts_with("https://") {
        return Ok((url.to_string(), None));
    }
    let Ok(Fetch::Body(body)) = fetch::fetch(url, Validators::default(), limits) else {
        return Ok((url.to_string(), None));
    };
    match feeds::parse(&body.url, &body.body) {
        Ok(parsed) => Ok((url.to_string(), Some(Ok(Some((parsed, body.etag, body.last_modified)))))),
        Err(not_a_feed) => feeds::discover(&body.url, &String::from_utf8_lossy(&body.body))
            .map(|found| (found, None))
            .ok_or_else(|| format!("{not_a_feed}; the page names no feed either")),
    }
}
