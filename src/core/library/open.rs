//! Opening one article of the library wherever it lives: a file, a demo article, or a
//! feed entry whose page the store keeps. Used by the reader's library thread, by the
//! background walk that finds what unopened articles hold, and by the command line.
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use crate::core::article::{self, Article};
use crate::core::boilerplate::Rules;
use crate::core::document::Document;
use crate::core::ingest::{self, IngestError};
use crate::core::store::Store;

/// Loads and processes one article; a panic inside a parser becomes an error for that
/// item alone (said in the log), never the end of the program.
pub fn guarded(
    name: &str,
    rules: &Rules,
    load: impl FnOnce() -> Result<Document, IngestError>,
) -> Result<Article, String> {
    match catch_unwind(AssertUnwindSafe(|| load().map(|doc| article::process(doc, rules)))) {
        Ok(Ok(article)) => Ok(article),
        Ok(Err(e)) => {
            tracing::warn!("{e}");
            Err(e.to_string())
        }
        Err(_) => Err(format!("{name}: could not be read (internal error; details in the log)")),
    }
}

/// Loads, cleans and annotates the article at `location`: a file, `demo/NAME` (one of
/// `demo`, the articles built in), or an article whose page the store keeps (a feed
/// entry: its full article unless `teaser`). Also says whether that full article was
/// what was opened.
pub fn open(
    location: &str,
    teaser: bool,
    rules: &Rules,
    store: Option<&Store>,
    demo: &[(&str, &str)],
) -> Result<(Article, bool), String> {
    let demo = demo.iter().find(|(n, _)| location.strip_prefix("demo/") == Some(*n));
    let kept = match demo {
        None if !Path::new(location).is_absolute() => store.map(|s| s.content(location)),
        _ => None,
    };
    let full = match &kept {
        Some(Ok(Some(content))) => content.full.as_deref().filter(|f| !f.is_empty()),
        _ => None,
    };
    let load = || match (demo, &kept) {
        (Some((_, text)), _) => ingest::load_bytes(location, text.as_bytes()),
        (None, None) => ingest::load_file(Path::new(location)),
        (None, Some(Ok(Some(content)))) => {
            let page = if teaser { &content.entry } else { full.unwrap_or(&content.entry) };
            ingest::load_bytes(location, page.as_bytes())
        }
        (None, Some(_)) => Err(IngestError::NoText(location.to_string())),
    };
    guarded(location, rules, load).map(|article| (article, full.is_some()))
}
