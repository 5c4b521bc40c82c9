//! Full articles for feed entries that carry only a teaser: the page behind an entry's
//! link is fetched and kept next to the teaser (which stays), and opening the entry
//! then runs that page through the same extraction and filter as a saved page.
use crate::core::fetch::Client;
use crate::core::ingest;
use crate::core::library::refresh::{in_parallel, Parallel};
use crate::core::store::{Store, StoreError};

/// Entries whose pages one background pass fetches for a feed, newest first: a new
/// subscription to a busy feed does not fetch its whole archive at once.
pub const PER_PASS: usize = 50;

/// Fetches the article page at `link`, decoded, refused when it holds no text.
pub fn fetch(client: &Client, link: &str) -> Result<String, String> {
    let page = client.page(link).map_err(|e| e.to_string())?;
    let (text, _) = ingest::decode(link, &page.body).map_err(|e| e.to_string())?;
    let text = text.into_owned();
    // Read once here so a page with nothing to show is an error now, not on opening.
    ingest::load_bytes(&page.url, text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(text)
}

/// Fetches and keeps the full article of `location`'s entry.
pub fn fetch_one(store: &Store, client: &Client, location: &str) -> Result<(), String> {
    let page = fetch(client, location)?;
    match store.save_full(location, &page) {
        Ok(true) => Ok(()),
        Ok(false) => Err(format!("{location}: no longer in the library")),
        Err(e) => Err(e.to_string()),
    }
}

/// Fetches the full articles of feed `feed`'s newest entries that have none yet,
/// several at once; returns how many were kept, and why the others failed.
pub fn fetch_missing(
    store: &Store,
    client: &Client,
    feed: i64,
    parallel: Parallel,
) -> Result<(usize, Vec<String>), StoreError> {
    let locations = store.without_full(feed, PER_PASS)?;
    let urls: Vec<&str> = locations.iter().map(String::as_str).collect();
    let (mut kept, mut failed) = (0, Vec::new());
    in_parallel(
        &urls,
        parallel,
        |i| fetch(client, urls[i]),
        |i, page| {
            match page {
                Ok(page) => kept += usize::from(store.save_full(urls[i], &page)?),
                Err(why) => {
                    // Kept as tried: the next pass does not fetch it again (`f` does).
                    store.save_full(urls[i], "")?;
                    failed.push(why);
                }
            }
            Ok(())
        },
    )?;
    Ok((kept, failed))
}
