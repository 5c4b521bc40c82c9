//! Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed (through feed-rs) read into entries the
//! library keeps. An entry's content is kept as a small HTML page made here, so opening
//! it runs the same extraction and junk filter as a saved page does.
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use quick_xml::events::Event;

use crate::core::document::content_id;
use crate::core::sanitize::html_escape;

/// Largest feed read: a feed of 100,000 full articles is about 200 MB; a body beyond
/// this is a mistake or an attack.
pub const MAX_FEED_BYTES: usize = 256 * 1024 * 1024;

/// Feeds at least this large are read in batches of `BATCH` entries, on several threads.
pub const SPLIT_FROM: usize = 4 << 20;
const BATCH: usize = 1000;

/// Entries whose text is shorter than this are teasers: the article is behind the link.
const TEASER_CHARS: usize = 600;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FeedError {
    #[error("{0}: not a feed ({1})")]
    NotAFeed(String, String),
    #[error("{0}: {1} bytes is over the {limit} MiB limit for a feed", limit = MAX_FEED_BYTES / 1024 / 1024)]
    TooLarge(String, usize),
    #[error("{0}: the feed could not be read (internal error)")]
    Crashed(String),
}

/// One entry as the library keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Stable within its feed: the guid, else the link, else a hash of the content.
    pub id: String,
    pub title: String,
    pub link: Option<String>,
    /// `YYYY-MM-DD`, from the published date, else the updated one.
    pub published: Option<String>,
    /// The page opened for it (see `page`).
    pub page: String,
    /// Whether the entry carries only a teaser of its article.
    pub teaser: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub title: String,
    pub entries: Vec<Entry>,
}

/// Reads a feed from `bytes` fetched from `url` (which, when it is a URL, resolves
/// relative links).
pub fn parse(url: &str, bytes: &[u8]) -> Result<Parsed, FeedError> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(FeedError::TooLarge(url.to_string(), bytes.len()));
    }
    // The parser must not take the process down with it, whatever the bytes.
    let parsed = catch_unwind(AssertUnwindSafe(|| {
        feed_rs::parser::Builder::new()
            .base_uri(url.contains("://").then_some(url))
            // An entry without a guid is known by its link; without either, by its content (below).
            .id_generator(|links, _, _| links.first().map(|l| l.href.clone()).unwrap_or_default())
            .build()
            .parse(bytes)
    }));
    let feed = match parsed {
        Ok(Ok(feed)) => feed,
        Ok(Err(e)) => return Err(FeedError::NotAFeed(url.to_string(), e.to_string())),
        Err(_) => return Err(FeedError::Crashed(url.to_string())),
    };
    let title = feed.title.map(|t| one_line(&t.content)).unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    let entries = feed
        .entries
        .into_iter()
        .map(|e| entry(e, &title))
        // The same id twice in one feed is one entry (the first, newest in most feeds).
        .filter(|e| seen.insert(e.id.clone()))
        .collect();
    Ok(Parsed { title, entries })
}

/// Reads a feed and hands its entries to `each` in batches, in feed order, while the
/// batches after are read on other threads: a large feed is never held whole as
/// entries, and storing one batch overlaps reading the next. A large XML feed is cut
/// into its entries (a quick scan), and each batch read as the feed's own head and
/// tail around a run of its entries, so every batch has the feed's namespaces, base
/// address and encoding. An id seen in an earlier batch is dropped like a repeat within
/// one. `each` returns false to stop.
pub fn read(url: &str, bytes: &[u8], mut each: impl FnMut(Parsed) -> bool) -> Result<(), FeedError> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(FeedError::TooLarge(url.to_string(), bytes.len()));
    }
    let spans = if bytes.len() >= SPLIT_FROM { entry_spans(bytes) } else { None };
    let Some(spans) = spans.filter(|s| s.len() > BATCH) else {
        each(parse(url, bytes)?);
        return Ok(());
    };
    let (head, tail) = (&bytes[..spans[0].start], &bytes[spans[spans.len() - 1].end..]);
    let batches: Vec<&[Range<usize>]> = spans.chunks(BATCH).collect();
    let part = |runs: &[Range<usize>]| {
        let mut doc = Vec::with_capacity(head.len() + tail.len() + runs.iter().map(|r| r.len()).sum::<usize>());
        doc.extend_from_slice(head);
        runs.iter().for_each(|r| doc.extend_from_slice(&bytes[r.clone()]));
        doc.extend_from_slice(tail);
        doc
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    // Batches read but not yet handed on stay few: a reader waits when it is this far ahead.
    let window = workers + 1;
    let (next, delivered, stop) = (AtomicUsize::new(0), AtomicUsize::new(0), AtomicBool::new(false));
    let (tx, rx) = mpsc::sync_channel::<(usize, Result<Parsed, FeedError>)>(workers);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (tx, next, delivered, stop, batches, part) = (tx.clone(), &next, &delivered, &stop, &batches, &part);
            scope.spawn(move || loop {
                let k = next.fetch_add(1, Ordering::SeqCst);
                if k >= batches.len() {
                    return;
                }
                while k >= delivered.load(Ordering::SeqCst) + window && !stop.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(1));
                }
                if stop.load(Ordering::SeqCst) || tx.send((k, parse(url, &part(batches[k])))).is_err() {
                    return;
                }
            });
        }
        drop(tx);
        let (mut waiting, mut seen) = (BTreeMap::new(), HashSet::new());
        for (k, batch) in rx {
            waiting.insert(k, batch);
            while let Some(batch) = waiting.remove(&delivered.load(Ordering::SeqCst)) {
                delivered.fetch_add(1, Ordering::SeqCst);
                let mut batch = batch.inspect_err(|_| stop.store(true, Ordering::SeqCst))?;
                batch.entries.retain(|e| seen.insert(e.id.clone()));
                if !each(batch) {
                    stop.store(true, Ordering::SeqCst);
                    return Ok(());
                }
            }
        }
        Ok(())
    })
}

/// Where a feed's entries are: the `<item>` and `<entry>` elements not inside another
/// one. `None` when the XML does not scan cleanly (then the whole parse decides).
fn entry_spans(bytes: &[u8]) -> Option<Vec<Range<usize>>> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().check_end_names = false;
    let is_entry = |name: &str| name == "item" || name == "entry";
    let (mut spans, mut depth, mut open) = (Vec::new(), 0usize, None);
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event().ok()? {
            Event::Start(e) => {
                depth += 1;
                if open.is_none() && is_entry(e.local_name().as_ref()) {
                    open = Some((before, depth));
                }
            }
            Event::End(_) => {
                if let Some((start, _)) = open.filter(|&(_, at)| at == depth) {
                    spans.push(start..reader.buffer_position() as usize);
                    open = None;
                }
                depth = depth.checked_sub(1)?;
            }
            Event::Empty(e) if open.is_none() && is_entry(e.local_name().as_ref()) => {
                spans.push(before..reader.buffer_position() as usize);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (open.is_none() && depth == 0).then_some(spans)
}

fn entry(e: feed_rs::model::Entry, feed_title: &str) -> Entry {
    let link = e.links.iter().find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate")).map(|l| l.href.clone());
    let title = e.title.map(|t| one_line(&t.content)).unwrap_or_default();
    let body = match (e.content.and_then(|c| c.body.map(|b| (b, c.content_type))), e.summary) {
        (Some((body, kind)), _) if kind.subty() == "plain" => paragraphs(&body),
        (Some((body, _)), _) => body,
        (None, Some(summary)) if summary.content_type.subty() == "plain" => paragraphs(&summary.content),
        (None, Some(summary)) => summary.content,
        (None, None) => String::new(),
    };
    let published = e.published.or(e.updated).map(|d| d.date_naive().to_string());
    let page = page(&title, feed_title, published.as_deref(), &body);
    let id = match e.id.trim() {
        "" => format!("{:016x}", content_id(&page)),
        id => id.to_string(),
    };
    let teaser = is_teaser(&body);
    Entry { id, title, link, published, page, teaser }
}

/// The feed a web page at `url` points to with `<link rel="alternate">` (RSS, Atom or
/// JSON Feed, the first one), as an absolute address.
pub fn discover(url: &str, html: &str) -> Option<String> {
    let dom = dom_query::Document::from(html);
    let kinds = ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"];
    let links = dom.select(r#"link[rel~="alternate"][href]"#);
    let href = links.nodes().iter().find_map(|link| {
        let kind = link.attr("type")?.to_ascii_lowercase();
        kinds.contains(&kind.trim()).then(|| link.attr("href")).flatten()
    })?;
    let base = url::Url::parse(url).ok()?;
    base.join(href.trim()).ok().map(String::from)
}

/// The page an entry opens as: its title as the headline, its feed as the site, its date.
pub fn page(title: &str, site: &str, published: Option<&str>, body: &str) -> String {
    let date = published.map(|d| format!("<meta property=\"article:published_time\" content=\"{}\">", html_escape(d)));
    format!(
        "<!DOCTYPE html><html><head><title>{t}</title><meta property=\"og:site_name\" content=\"{s}\">{d}</head>\
         <body><article><h1>{t}</h1>\n{body}\n</article></body></html>",
        t = html_escape(title),
        s = html_escape(site),
        d = date.unwrap_or_default(),
    )
}

fn one_line(s: &str) -> String {
    crate::core::document::fold_whitespace(s)
}

/// Plain text made into HTML paragraphs, one per blank-line-separated block.
fn paragraphs(text: &str) -> String {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(|p| format!("<p>{}</p>", html_escape(p))).collect()
}

/// Whether an entry carries less than `TEASER_CHARS` characters outside tags (ASCII
/// spaces not counted): a teaser of an article behind its link.
fn is_teaser(html: &str) -> bool {
    let (mut inside, mut seen) = (false, 0);
    for b in html.bytes() {
        match b {
            b'<' => inside = true,
            b'>' => inside = false,
            // Bytes that start a character, not UTF-8 continuation bytes.
            _ if !inside && !b.is_ascii_whitespace() && (b as i8) >= -0x40 => {
                seen += 1;
                if seen >= TEASER_CHARS {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour  Times</title>
<item><title>Port strike ends</title><link>/news/strike</link><guid>strike-1</guid>
<pubDate>Tue, 04 Mar 2025 08:00:00 GMT</pubDate><description>&lt;p&gt;Dock workers went back.&lt;/p&gt;</description></item>
<item><title>No guid here</title><link>https://harbour.example/ferry</link></item>
<item><title>Nothing but text</title><description>Only words.</description></item>
<item><title>Port strike ends</title><guid>strike-1</guid></item>
</channel></rss>"#;

    #[test]
    fn rss_entries_get_stable_ids_absolute_links_and_a_page() {
        let feed = parse("https://harbour.example/feed.xml", RSS.as_bytes()).unwrap();
        assert_eq!(feed.title, "Harbour Times");
        let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), 3, "the repeated guid is one entry");
        assert_eq!(ids[0], "strike-1");
        assert_eq!(ids[1], "https://harbour.example/ferry");
        assert_eq!(ids[2].len(), 16, "no guid or link: a hash of the content");
        let first = &feed.entries[0];
        assert_eq!(first.link.as_deref(), Some("https://harbour.example/news/strike"));
        assert_eq!(first.published.as_deref(), Some("2025-03-04"));
        assert!(first.teaser);
        assert!(
            first.page.contains("<h1>Port strike ends</h1>") && first.page.contains("<p>Dock workers went back.</p>")
        );
        // Opened, the page reads as the entry: headline, feed as the source, date.
        let doc =
            crate::core::ingest::load_bytes("https://harbour.example/news/strike", first.page.as_bytes()).unwrap();
        assert_eq!(doc.meta.title, "Port strike ends");
        assert_eq!(doc.meta.source.as_deref(), Some("Harbour Times"));
        assert_eq!(doc.meta.published.map(|d| d.to_string()).as_deref(), Some("2025-03-04"));
        let again = parse("https://harbour.example/feed.xml", RSS.as_bytes()).unwrap();
        assert_eq!(again, feed, "the same feed reads the same, hashes and all");
    }

    #[test]
    fn atom_and_json_feed_are_read_too() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Coast Wire</title><id>urn:coast</id><updated>2025-03-04T08:00:00Z</updated>
<entry><title>Ferry resumes</title><id>urn:ferry</id><updated>2025-03-05T08:00:00Z</updated>
<link href="https://coast.example/ferry"/><content type="html">&lt;p&gt;The ferry sailed.&lt;/p&gt;</content></entry></feed>"#;
        let feed = parse("https://coast.example/atom", atom.as_bytes()).unwrap();
        assert_eq!((feed.title.as_str(), feed.entries[0].id.as_str()), ("Coast Wire", "urn:ferry"));
        assert_eq!(feed.entries[0].published.as_deref(), Some("2025-03-05"));
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Bay Notes",
"items":[{"id":"7","title":"Tide tables","content_text":"High water at six.\n\nLow water at noon."}]}"#;
        let feed = parse("https://bay.example/feed.json", json.as_bytes()).unwrap();
        assert_eq!(feed.entries[0].id, "7");
        assert!(feed.entries[0].page.contains("<p>High water at six.</p><p>Low water at noon.</p>"));
    }

    /// A feed over `SPLIT_FROM` of `n` entries written here, the last repeating the first's id.
    fn large_feed(n: usize) -> String {
        let filler = "The harbour board met again to discuss the berths. ".repeat(40);
        let mut xml = String::from(
            "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
             <channel><title>Harbour Log</title><link>https://harbour.example/</link>",
        );
        for k in 0..n {
            let id = if k == n - 1 { 0 } else { k };
            xml.push_str(&format!(
                "<item><title>Notice {k}</title><link>/n/{k}</link><guid>n{id}</guid>\
                 <dc:date>2025-03-04T08:00:00Z</dc:date><description>&lt;p&gt;{filler}&lt;/p&gt;</description></item>\n"
            ));
        }
        xml + "<item/></channel></rss>"
    }

    #[test]
    fn a_large_feed_reads_in_batches_the_same_as_whole() {
        let xml = large_feed(2500);
        assert!(xml.len() > SPLIT_FROM);
        let whole = parse("https://harbour.example/rss", xml.as_bytes()).unwrap();
        let mut batches = Vec::new();
        read("https://harbour.example/rss", xml.as_bytes(), |b| {
            batches.push(b);
            true
        })
        .unwrap();
        assert_eq!(batches.len(), 3, "2,500 entries and an empty one, by 1,000");
        assert!(batches.iter().all(|b| b.title == "Harbour Log"));
        let entries: Vec<Entry> = batches.into_iter().flat_map(|b| b.entries).collect();
        assert_eq!(entries, whole.entries, "namespaces, links, dates and the repeated id as one parse gives them");
        assert_eq!(entries.len(), 2500, "the last entry repeats the first's id");
        assert_eq!(entries[1].link.as_deref(), Some("https://harbour.example/n/1"));
        // Asked to stop, it stops.
        let mut calls = 0;
        read("https://harbour.example/rss", xml.as_bytes(), |_| {
            calls += 1;
            false
        })
        .unwrap();
        assert_eq!(calls, 1);
        // Cut short, it is not a feed, as a whole parse says.
        assert!(read("x", &xml.as_bytes()[..xml.len() - 100], |_| true).is_err());
    }

    #[test]
    fn what_is_not_a_feed_says_so() {
        let page = b"<!DOCTYPE html><html><body><p>Just a page.</p></body></html>";
        assert!(matches!(parse("https://x.example/", page), Err(FeedError::NotAFeed(..))));
        assert!(parse("https://x.example/", b"<rss><channel><item><title>cut").is_err());
    }

    #[test]
    fn a_home_page_points_to_its_feed() {
        let html = r#"<html><head><link rel="stylesheet" href="/s.css"><link rel="alternate" type="text/html" href="/m">
<link rel="alternate" type="application/rss+xml" title="News" href="/feed/news.xml"></head><body></body></html>"#;
        assert_eq!(
            discover("https://harbour.example/today/", html).as_deref(),
            Some("https://harbour.example/feed/news.xml")
        );
        assert_eq!(discover("https://harbour.example/", "<html><body>no feed</body></html>"), None);
    }

    #[test]
    fn titles_cannot_break_out_of_the_page() {
        let html = page("a</title><script>x</script>", "s\"", Some("2025-01-01"), "<p>b</p>");
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;") && html.contains("s&quot;"));
    }
}
