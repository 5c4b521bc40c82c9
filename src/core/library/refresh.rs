//! Refreshing feeds: fetch (sending the last validators), read, store what is new or
//! changed, and record how it went on the feed, so `tidings feed list` can say why a
//! feed failed while what it brought before stays. Several feeds are fetched at once,
//! a few per host; one thread stores them, as each arrives.
use std::collections::{HashMap, VecDeque};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

use crate::core::feeds;
use crate::core::fetch::{Client, Fetch, Fetched, Validators};
use crate::core::library::full_text;
use crate::core::store::{FeedRow, Retention, Saved, Store, StoreError};

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

/// What fetching a feed's address gave: its body (read while it is stored, batch by
/// batch, see `feeds::read`) and what the next fetch needs, `None` for "not modified",
/// or why it failed.
pub type Read = Result<Option<Fetched>, String>;

fn read_feed(client: &Client, feed: &FeedRow) -> Read {
    let validators = Validators { etag: feed.etag.as_deref(), last_modified: feed.last_modified.as_deref() };
    match client.feed(&feed.url, validators).map_err(|e| e.to_string())? {
        Fetch::NotModified => Ok(None),
        Fetch::Body(body) => Ok(Some(body)),
    }
}

/// How many feeds are fetched at once, in all and from one host.
#[derive(Debug, Clone, Copy)]
pub struct Parallel {
    pub feeds: usize,
    pub per_host: usize,
}

/// Refreshes one feed. Only the store failing is an error: a feed that fails is an
/// outcome, recorded, and the next feed goes on.
pub fn refresh(store: &Store, feed: &FeedRow, client: &Client) -> Result<Refreshed, StoreError> {
    record(store, feed, read_feed(client, feed))
}

/// What a whole refresh did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub saved: Saved,
    pub failed: usize,
    /// Full articles fetched for feeds that ask for them, and why others could not be.
    pub full_texts: usize,
    pub full_text_failures: Vec<String>,
    /// Articles removed by retention.
    pub pruned: usize,
}

/// A whole refresh: `feeds` (see `refresh_all`, which `each` hears from), then the full
/// articles of new entries of feeds that fetch them, then retention.
pub fn run(
    store: &Store,
    feeds: &[FeedRow],
    client: &Client,
    parallel: Parallel,
    keep: Retention,
    mut each: impl FnMut(&FeedRow, &Refreshed),
) -> Result<Summary, StoreError> {
    let mut summary = Summary::default();
    refresh_all(store, feeds, client, parallel, |feed, outcome| {
        match outcome {
            Refreshed::Stored(s) => {
                summary.saved.added += s.added;
                summary.saved.updated += s.updated;
            }
            Refreshed::Failed(_) => summary.failed += 1,
            Refreshed::Unchanged => {}
        }
        each(feed, outcome);
    })?;
    for feed in feeds.iter().filter(|f| f.full_text) {
        let (kept, failures) = full_text::fetch_missing(store, client, feed.id, parallel)?;
        summary.full_texts += kept;
        summary.full_text_failures.extend(failures);
    }
    for feed in feeds {
        summary.pruned += store.prune(feed.id, keep)?;
    }
    Ok(summary)
}

/// Refreshes `feeds`: threads fetch and parse them, at most `parallel.per_host` from
/// one host, while this thread stores each as it arrives and hands it to `each`.
pub fn refresh_all(
    store: &Store,
    feeds: &[FeedRow],
    client: &Client,
    parallel: Parallel,
    mut each: impl FnMut(&FeedRow, &Refreshed),
) -> Result<(), StoreError> {
    let urls: Vec<&str> = feeds.iter().map(|f| f.url.as_str()).collect();
    in_parallel(
        &urls,
        parallel,
        |i| read_feed(client, &feeds[i]),
        |i, read| {
            let outcome = record(store, &feeds[i], read)?;
            each(&feeds[i], &outcome);
            Ok(())
        },
    )
}

/// Runs `work` for each of `urls` on up to `parallel.feeds` threads, at most
/// `parallel.per_host` at once against one host, and hands the results to `done` on
/// this thread, in the order they finish (so one thread writes the store).
pub(crate) fn in_parallel<T: Send>(
    urls: &[&str],
    parallel: Parallel,
    work: impl Fn(usize) -> T + Sync,
    mut done: impl FnMut(usize, T) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let queue = Queue::new(urls);
    // One slot: a fetched feed waits for the store instead of piling up in memory.
    let (tx, rx) = mpsc::sync_channel::<(usize, T)>(1);
    std::thread::scope(|scope| {
        for _ in 0..parallel.feeds.clamp(1, urls.len().max(1)) {
            let (queue, tx, work) = (&queue, tx.clone(), &work);
            scope.spawn(move || {
                while let Some(i) = queue.take(parallel.per_host.max(1)) {
                    let result = work(i);
                    queue.done(i);
                    if tx.send((i, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        rx.into_iter().try_for_each(|(i, result)| done(i, result))
    })
}

/// The work still to do, and how many fetches each host has running.
struct Queue {
    hosts: Vec<String>,
    state: Mutex<(VecDeque<usize>, HashMap<String, usize>)>,
    freed: Condvar,
}

impl Queue {
    fn new(urls: &[&str]) -> Queue {
        let host = |url: &str| url::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_string));
        Queue {
            hosts: urls.iter().map(|u| host(u).unwrap_or_default()).collect(),
            state: Mutex::new(((0..urls.len()).collect(), HashMap::new())),
            freed: Condvar::new(),
        }
    }

    /// The next item whose host has a free slot, waiting for one; `None` when all are taken.
    fn take(&self, per_host: usize) -> Option<usize> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let (pending, busy) = &mut *state;
            if pending.is_empty() {
                return None;
            }
            let free = |i: &usize| busy.get(&self.hosts[*i]).copied().unwrap_or(0) < per_host;
            if let Some(at) = pending.iter().position(free) {
                let i = pending.remove(at)?;
                *busy.entry(self.hosts[i].clone()).or_default() += 1;
                return Some(i);
            }
            state = self.freed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn done(&self, i: usize) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = state.1.get_mut(&self.hosts[i]) {
            *n -= 1;
        }
        self.freed.notify_all();
    }
}

/// Stores what reading `feed` gave and records how it went on the feed.
pub fn record(store: &Store, feed: &FeedRow, read: Read) -> Result<Refreshed, StoreError> {
    match read {
        Ok(None) => {
            let kept = (feed.title.as_str(), feed.etag.as_deref(), feed.last_modified.as_deref());
            store.feed_refreshed(feed.id, Ok(kept))?;
            Ok(Refreshed::Unchanged)
        }
        Ok(Some(got)) => {
            let mut writer = store.entry_writer(feed.id)?;
            let (mut title, mut saved, mut failed) = (feed.title.clone(), Saved::default(), None);
            // A feed read in batches is stored in many commits, with the journal checkpointed once.
            let large = got.body.len() >= feeds::SPLIT_FROM;
            if large {
                store.autocheckpoint(false)?;
            }
            let read = feeds::read(&got.url, &got.body, |batch| {
                if !batch.title.is_empty() {
                    title = batch.title;
                }
                match writer.save(&title, &batch.entries) {
                    Ok(s) => (saved.added, saved.updated) = (saved.added + s.added, saved.updated + s.updated),
                    Err(e) => failed = Some(e),
                }
                failed.is_none()
            });
            // What was read before a failure is kept too: the next refresh goes on from it.
            let finished = writer.finish();
            drop(writer);
            if large {
                // The next commit (the feed's own record, below) checkpoints it all.
                store.autocheckpoint(true)?;
            }
            finished?;
            if let Some(e) = failed {
                return Err(e);
            }
            if let Err(why) = read {
                // What the batches before stored stays; the next refresh tries again.
                store.feed_refreshed(feed.id, Err(&why.to_string()))?;
                return Ok(Refreshed::Failed(why.to_string()));
            }
            if let Some(moved) = got.moved_to.as_deref().filter(|m| *m != feed.url) {
                if !store.move_feed(feed.id, moved)? {
                    tracing::warn!("{} moved to {moved}, which is subscribed already", feed.url);
                }
            }
            store.feed_refreshed(feed.id, Ok((&title, got.etag.as_deref(), got.last_modified.as_deref())))?;
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
pub fn locate(url: &str, client: &Client) -> Result<(String, Option<Read>), String> {
    if !url.starts_with("http://") && !url.starts_with("https://") {
        return Ok((url.to_string(), None));
    }
    let Ok(Fetch::Body(mut body)) = client.feed(url, Validators::default()) else {
        return Ok((url.to_string(), None));
    };
    // Its first batch tells whether it is a feed; the refresh that follows reads it all.
    match feeds::read(&body.url, &body.body, |_| false) {
        Ok(()) => {
            let at = body.moved_to.take().unwrap_or_else(|| url.to_string());
            Ok((at, Some(Ok(Some(body)))))
        }
        Err(not_a_feed) => feeds::discover(&body.url, &String::from_utf8_lossy(&body.body))
            .map(|found| (found, None))
            .ok_or_else(|| format!("{not_a_feed}; the page names no feed either")),
    }
}
