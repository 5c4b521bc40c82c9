//! The command-line subcommands that do not open the terminal UI.
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use crate::config::FeedsConfig;
use crate::core::article::{self, Article};
use crate::core::boilerplate::Rules;
use crate::core::export::{self, Format};
use crate::core::fetch::Client;
use crate::core::ingest;
use crate::core::library::refresh::{self, Refreshed};
use crate::core::library::{self, Gone};
use crate::core::opml;
use crate::core::sanitize;
use crate::core::search::Query;
use crate::core::store::{self, Bookmark, BookmarkChange, FeedRow, LibraryRow, Store};
use crate::core::stories;

/// The database file inside the data directory.
pub const STORE_FILE: &str = "tidings.db";

/// Loads `file` and judges its furniture; with `annotate`, also finds its names and quotations.
pub fn load_article(file: &Path, rules: &Rules, annotate: bool) -> anyhow::Result<Article> {
    ingest::check_named(file)?;
    let doc = ingest::load_file(file)?;
    for w in &doc.warnings {
        eprintln!("tidings: {}", sanitize::line(&format!("{}: {w}", file.display())));
    }
    Ok(if annotate { article::process(doc, rules) } else { article::filtered(doc, rules) })
}

/// What `tidings bookmarks …` was asked to do.
pub enum BookmarkRequest {
    List { json: bool },
    Add { path: PathBuf, note: String, tags: Vec<String> },
    Remove { id: i64 },
    Export { format: String, output: Option<PathBuf> },
    Import { file: PathBuf },
}

/// A bookmark for the article listed as `row`, saved now.
pub fn new_bookmark(row: &LibraryRow, note: String, tags: Vec<String>) -> Bookmark {
    Bookmark {
        id: 0,
        article_id: row.key.clone(),
        title: row.title.clone(),
        source: row.source.clone(),
        location: row.location.clone().unwrap_or_default(),
        published: row.published.clone(),
        saved_at: store::now(),
        note,
        tags,
        quotes: Vec::new(),
    }
}

/// Runs a bookmarks request against the store at `db`; returns what to print.
pub fn bookmarks(request: BookmarkRequest, db: &Path, rules: &Rules) -> anyhow::Result<String> {
    let store = Store::open(db)?;
    Ok(match request {
        BookmarkRequest::List { json: true } => export::to_json(&store.bookmarks()?),
        BookmarkRequest::List { json: false } if store.bookmarks()?.is_empty() => {
            "no bookmarks yet (press b on an article, or `tidings bookmarks add FILE`)\n".to_string()
        }
        BookmarkRequest::List { json: false } => store
            .bookmarks()?
            .iter()
            .map(|b| {
                let note = b.note.lines().next().map(|l| format!("  — {}", sanitize::line(l))).unwrap_or_default();
                let day: String = sanitize::line(&b.saved_at).chars().take(10).collect();
                format!("{:>4}  {day}  {}  {}{note}\n", b.id, sanitize::line(&b.title), sanitize::line(&b.location))
            })
            .collect(),
        BookmarkRequest::Add { path, note, tags } => {
            // The bookmark keeps the file's canonical path, as the library does.
            let path = std::fs::canonicalize(&path).unwrap_or(path);
            let mut article = load_article(&path, rules, false)?;
            article.key = store.resolve(&article.doc.origin, &article.key)?;
            let fresh = new_bookmark(&library::row_of(&article), String::new(), Vec::new());
            let existed = store.bookmark_for(&fresh.article_id)?.is_some();
            let saved = store.change_bookmark(&fresh, &BookmarkChange::Merge { note, tags })?;
            let what = if existed { "already bookmarked (note and tags merged)" } else { "bookmarked" };
            format!("{what} {}: {}\n", saved.id, sanitize::line(&saved.title))
        }
        BookmarkRequest::Remove { id } => match store.remove_bookmark(id)? {
            Some(b) => format!("removed {}: {}\n", b.id, sanitize::line(&b.title)),
            None => bail!("no bookmark {id} (see `tidings bookmarks list`)"),
        },
        BookmarkRequest::Export { format, output } => {
            let Some(format) = Format::from_name(&format) else {
                bail!("unknown format `{format}` (use markdown, json, html or csv)");
            };
            let text = export::export(&store.bookmarks()?, format);
            match output {
                Some(path) => {
                    write_atomically(&path, &text)?;
                    format!("wrote {}\n", path.display())
                }
                None => text,
            }
        }
        BookmarkRequest::Import { file } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let imported = export::from_json(&text).with_context(|| file.display().to_string())?;
            let mut present = 0;
            for b in &imported {
                if store.bookmark_for(&b.article_id)?.as_ref() == Some(b) {
                    present += 1;
                } else {
                    store.save_bookmark(b, true)?;
                }
            }
            let added = imported.len() - present;
            match present {
                0 => format!("imported {}\n", count(added, "bookmark")),
                _ => format!("imported {}; {present} already present\n", count(added, "bookmark")),
            }
        }
    })
}

/// "1 bookmark", "3 bookmarks".
pub fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Writes `text` to a temporary file beside `path`, then renames it over `path`, so a
/// crash never leaves half a file.
pub fn write_atomically(path: &Path, text: &str) -> anyhow::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("export"),
        std::process::id()
    ));
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// `tidings import PATH…`: adds files and folders to the library. `progress` is told
/// `(done, total)` as files are looked at.
pub fn import(paths: &[PathBuf], gone: Gone, db: &Path, progress: impl FnMut(usize, usize)) -> anyhow::Result<String> {
    // Not synced commit by commit: an import cut short is redone by the next one.
    let store = Store::open(db)?.relaxed();
    let s = library::import(&store, paths, gone, progress)?;
    let mut out = format!(
        "{}: {} new, {} changed, {} unchanged",
        count(s.found, "article file"),
        s.added,
        s.updated,
        s.unchanged
    );
    if s.missing > 0 {
        out.push_str(&format!(", {} gone from disk (kept, marked missing)", s.missing));
    }
    if s.dropped > 0 {
        out.push_str(&format!(", {} gone from disk (dropped from the library)", s.dropped));
    }
    out.push_str(&format!("; {} read\n", count(s.read, "file")));
    for why in &s.failed {
        out.push_str(&format!("  not imported: {}\n", sanitize::line(why)));
    }
    Ok(out)
}

/// What `tidings list` and `tidings search` show.
pub struct ListRequest<'a> {
    pub view: &'a str,
    pub feed: Option<&'a str>,
    /// Files and folders: imported first, and the list kept to them.
    pub paths: &'a [PathBuf],
    pub query: Option<&'a str>,
    pub json: bool,
}

/// `tidings list` and `tidings search`: a view of the library (or of one feed, or of some
/// files and folders), narrowed by a search query, as a table or JSON for scripts. The
/// articles not yet indexed are indexed first (on `threads` threads), so the answer
/// covers the whole library.
pub fn list(request: &ListRequest, rules: &Rules, db: &Path, threads: usize) -> anyhow::Result<String> {
    const VIEWS: [&str; 5] = ["all", "unread", "starred", "bookmarked", "hidden"];
    let view = request.view;
    if !VIEWS.contains(&view) {
        bail!("unknown view `{view}` (use {})", VIEWS.join(", "));
    }
    let query = Query::parse(request.query.unwrap_or("")).map_err(|e| anyhow::anyhow!("the query: {e}"))?;
    let store = library_with(request.paths, db)?;
    if !query.is_empty() {
        index_pending(&store, rules, threads)?;
    }
    let scope = library::scope(request.paths);
    let mut rows = store.library_matching(view, &scope, &query, None, usize::MAX)?;
    if let Some(feed) = request.feed {
        let id = store
            .feed(feed)?
            .with_context(|| format!("no feed `{}` (see `tidings feed list`)", sanitize::line(feed)))?
            .id;
        rows.retain(|r| r.feed == Some(id));
    }
    if request.json {
        return Ok(serde_json::to_string(&rows)? + "\n");
    }
    if rows.is_empty() {
        return Ok(match request.query {
            Some(q) => format!("nothing matches `{}`\n", sanitize::line(q)),
            None => format!("no articles in view {view} (`tidings import FOLDER` adds some)\n"),
        });
    }
    Ok(rows
        .iter()
        .map(|r| {
            let flags = format!(
                "{}{}{}{}",
                if r.read { ' ' } else { '●' },
                if r.starred { '★' } else { ' ' },
                if r.bookmarked { '◆' } else { ' ' },
                if r.missing { '!' } else { ' ' }
            );
            let date = r.published.as_deref().unwrap_or("          ");
            let source = r.source.as_deref().unwrap_or("");
            format!("{flags} {date}  {}  {}  {}", r.title, source, r.location.as_deref().unwrap_or(""))
        })
        .map(|l| sanitize::line(&l).into_owned() + "\n")
        .collect())
}

/// `tidings stories`: the articles of the library (or of some files and folders) that
/// report the same event, grouped; as text, or JSON for scripts (a list of stories, each
/// with its articles' paths and titles).
pub fn stories(paths: &[PathBuf], json: bool, rules: &Rules, db: &Path, threads: usize) -> anyhow::Result<String> {
    let store = library_with(paths, db)?;
    index_pending(&store, rules, threads)?;
    let (rows, signatures) =
        stories::of_library(&store, &library::scope(paths), |r| (r.title, r.source, r.location.unwrap_or_default()))?;
    let groups = stories::group(&signatures);
    if json {
        let out: Vec<serde_json::Value> = groups
            .iter()
            .map(|g| {
                serde_json::json!({
                    "paths": g.iter().map(|&i| &rows[i].2).collect::<Vec<_>>(),
                    "titles": g.iter().map(|&i| &rows[i].0).collect::<Vec<_>>(),
                })
            })
            .collect();
        return Ok(serde_json::to_string(&out)? + "\n");
    }
    if groups.is_empty() {
        return Ok(format!("no two of {} report the same event\n", count(rows.len(), "article")));
    }
    let mut out = String::new();
    for g in &groups {
        let more = if g.len() == 2 { "+1 source".to_string() } else { format!("+{} sources", g.len() - 1) };
        out += &format!("{} ({more})\n", sanitize::line(&rows[g[0]].0));
        for &i in g {
            let (title, source, path) = &rows[i];
            let source = source.as_deref().unwrap_or("");
            out += &format!("  {}  {}  {}\n", sanitize::line(title), sanitize::line(source), sanitize::line(path));
        }
    }
    Ok(out)
}

/// The library, with `paths` imported into it first.
fn library_with(paths: &[PathBuf], db: &Path) -> anyhow::Result<Store> {
    let store = Store::open(db)?.relaxed();
    if !paths.is_empty() {
        library::import(&store, paths, Gone::Keep, |_, _| {})?;
    }
    Ok(store)
}

/// Indexes every article the library has not indexed with this filter yet (a read-only
/// library as it is), saying so on standard error when there are many.
fn index_pending(store: &Store, rules: &Rules, threads: usize) -> anyhow::Result<()> {
    if store.is_read_only() {
        return Ok(());
    }
    let stamp = library::derive::stamp(rules);
    let (mut after, mut done) = (0, 0);
    let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
    while let Some((last, n)) = library::derive::derive_batch(store, rules, stamp, after, 256 * threads, threads)? {
        after = last;
        done += n;
        if tty {
            eprint!("\r{done} articles indexed");
        }
    }
    if tty && done > 0 {
        eprintln!();
    }
    Ok(())
}

/// `tidings library stats`: counts, the store's path and size.
pub fn library_stats(db: &Path) -> anyhow::Result<String> {
    let store = Store::open(db)?;
    let s = store.stats()?;
    let per =
        if s.articles > 0 { format!(" ({} bytes per article)", s.bytes / s.articles as u64) } else { String::new() };
    Ok(format!(
        "{}\n{}, {} unread, {} starred, {} missing from disk\n{}\n{} bytes on disk{per}\n",
        db.display(),
        count(s.articles, "article"),
        s.unread,
        s.starred,
        s.missing,
        count(s.bookmarks, "bookmark"),
        s.bytes
    ))
}

/// `tidings library vacuum`: compacts the store and its full-text index.
pub fn library_vacuum(db: &Path) -> anyhow::Result<String> {
    let store = Store::open(db)?;
    let before = store.stats()?.bytes;
    store.vacuum()?;
    // The rewritten store sits in the journal until it is moved into the database.
    store.checkpoint()?;
    Ok(format!("{}: {} bytes → {} bytes\n", db.display(), before, store.stats()?.bytes))
}

/// `tidings feed add`: subscribes, then fetches the feed once so a bad address shows now.
pub fn feed_add(url: &str, tags: &[String], full_text: bool, feeds: &FeedsConfig, db: &Path) -> anyhow::Result<String> {
    let client = Client::new(feeds.limits());
    // A local feed is kept by its absolute path, so a refresh from anywhere finds it.
    let (url, read) = match url.contains("://") {
        true => refresh::locate(url, &client).map_err(|why| anyhow::anyhow!(why))?,
        false => {
            let path = std::fs::canonicalize(url).with_context(|| format!("{url}: no such feed file"))?;
            (path.display().to_string(), None)
        }
    };
    let store = Store::open(db)?;
    let (feed, new) = store.add_feed(&url, tags)?;
    if full_text {
        store.set_full_text(feed.id, true)?;
    }
    // The subscription is synced; what its first refresh stores, the next one redoes.
    let store = store.relaxed();
    let said = if new { "subscribed" } else { "already subscribed" };
    let outcome = match read {
        Some(read) => refresh::record(&store, &feed, read)?,
        None => refresh::refresh(&store, &feed, &client)?,
    };
    Ok(format!("{said}: {} (#{})\n{}\n", sanitize::line(&url), feed.id, outcome_line(&feed, &outcome)))
}

/// `tidings feed list`: subscriptions as a table, or JSON lines for scripts.
pub fn feed_list(json: bool, db: &Path) -> anyhow::Result<String> {
    let feeds = Store::open(db)?.feeds()?;
    if json {
        return Ok(feeds.iter().map(|f| sanitize::json(serde_json::to_string(f).unwrap_or_default()) + "\n").collect());
    }
    if feeds.is_empty() {
        return Ok("no feeds yet: add one with `tidings feed add URL`\n".into());
    }
    let mut out = String::new();
    for f in &feeds {
        let title = if f.title.is_empty() { "(not fetched yet)" } else { &f.title };
        let tags = if f.tags.is_empty() { String::new() } else { format!(" [{}]", f.tags.join(", ")) };
        let refreshed = f.refreshed_at.as_deref().unwrap_or("never");
        let head =
            format!("#{} {title}{tags}: {} articles, {} unread, refreshed {refreshed}", f.id, f.articles, f.unread);
        out.push_str(&format!("{}\n    {}\n", sanitize::line(&head), sanitize::line(&f.url)));
        if let Some(why) = &f.error {
            out.push_str(&format!("    last refresh failed: {}\n", sanitize::line(why)));
        }
    }
    Ok(out)
}

/// `tidings feed remove`.
pub fn feed_remove(which: &str, db: &Path) -> anyhow::Result<String> {
    let store = Store::open(db)?;
    let Some(feed) = store.feed(which)? else { bail!("no feed `{}` (see `tidings feed list`)", sanitize::line(which)) };
    let removed = store.remove_feed(feed.id)?;
    Ok(format!(
        "unsubscribed from {}; {} removed, starred and bookmarked ones kept\n",
        sanitize::line(&feed.url),
        count(removed, "article")
    ))
}

/// `tidings feed import FILE.opml`: subscribes to each feed (fetching waits for `refresh`).
pub fn feed_import(file: &Path, db: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let subscriptions = opml::read(&String::from_utf8_lossy(&bytes)).with_context(|| file.display().to_string())?;
    let store = Store::open(db)?;
    let mut added = 0;
    for s in &subscriptions {
        let (feed, new) = store.add_feed(&s.url, &s.tags)?;
        if new && !s.title.is_empty() {
            store.name_feed(feed.id, &s.title)?;
        }
        added += usize::from(new);
    }
    Ok(format!(
        "{}: {added} new, {} already subscribed; `tidings refresh` fetches them\n",
        count(subscriptions.len(), "feed"),
        subscriptions.len() - added
    ))
}

/// `tidings feed export`: OPML to standard output or, written atomically, to a file.
pub fn feed_export(output: Option<&Path>, db: &Path) -> anyhow::Result<String> {
    let feeds = Store::open(db)?.feeds()?;
    let subscriptions: Vec<opml::Subscription> =
        feeds.into_iter().map(|f| opml::Subscription { url: f.url, title: f.title, tags: f.tags }).collect();
    let text = opml::write(&subscriptions);
    match output {
        None => Ok(text),
        Some(path) => {
            write_atomically(path, &text)?;
            Ok(format!("{} written to {}\n", count(subscriptions.len(), "feed"), path.display()))
        }
    }
}

/// `tidings refresh`: every feed (or one), several at once, a line each as it
/// finishes, then a summary; `progress` hears how many are done.
pub fn refresh(
    which: Option<&str>,
    config: &FeedsConfig,
    db: &Path,
    mut progress: impl FnMut(usize, usize),
) -> anyhow::Result<String> {
    // Not synced commit by commit: a refresh cut short is redone by the next one.
    let store = Store::open(db)?.relaxed();
    let feeds = match which {
        Some(w) => vec![store
            .feed(w)?
            .with_context(|| format!("no feed `{}` (see `tidings feed list`)", sanitize::line(w)))?],
        None => store.feeds()?,
    };
    if feeds.is_empty() {
        return Ok("no feeds yet: add one with `tidings feed add URL`\n".into());
    }
    let (mut out, mut done) = (String::new(), 0);
    let client = Client::new(config.limits());
    let summary = refresh::run(&store, &feeds, &client, config.parallel(), config.retention(), |feed, outcome| {
        out.push_str(&outcome_line(feed, outcome));
        out.push('\n');
        done += 1;
        progress(done, feeds.len());
    })?;
    for why in &summary.full_text_failures {
        out.push_str(&format!("  no full article: {}\n", sanitize::line(why)));
    }
    out.push_str(&format!(
        "{}: {} new, {} updated, {} failed",
        count(feeds.len(), "feed"),
        summary.saved.added,
        summary.saved.updated,
        summary.failed
    ));
    if summary.full_texts > 0 {
        out.push_str(&format!(", {} fetched", count(summary.full_texts, "full article")));
    }
    if summary.pruned > 0 {
        out.push_str(&format!(", {} past retention removed", summary.pruned));
    }
    out.push('\n');
    let failed = summary.failed;
    if failed == feeds.len() {
        bail!("{}", out.trim_end());
    }
    Ok(out)
}

fn outcome_line(feed: &FeedRow, outcome: &Refreshed) -> String {
    let name = sanitize::line(if feed.title.is_empty() { &feed.url } else { &feed.title });
    match outcome {
        Refreshed::Stored(s) => format!("#{} {name}: {} new, {} updated", feed.id, s.added, s.updated),
        Refreshed::Unchanged => format!("#{} {name}: not modified", feed.id),
        Refreshed::Failed(why) => format!("#{} {name}: failed: {}", feed.id, sanitize::line(why)),
    }
}
