//! Feeds over a real HTTP server on 127.0.0.1, started here, that serves feeds written
//! for Tidings and misbehaves on purpose: each fault is that feed's error alone.
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use std::time::Instant;

use tidings::core::fetch::{Client, Limits};
use tidings::core::library::full_text;
use tidings::core::library::refresh::{refresh, refresh_all, Parallel, Refreshed};
use tidings::core::store::{Saved, Store};

const FEED: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Times</title>
<item><title>Port strike ends</title><link>/news/strike</link><guid>strike</guid>
<pubDate>Tue, 04 Mar 2025 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Dock workers went back to work on Monday, the union said.&lt;/p&gt;</description></item>
<item><title>Ferry fares rise</title><link>/news/ferry</link><guid>ferry</guid>
<description>&lt;p&gt;The ferry company raised its fares by a tenth.&lt;/p&gt;</description></item>
</channel></rss>"#;

/// Answers one request by its path (and headers); runs until the test ends.
fn respond(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        request.push_str(&line);
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let reply = |status: &str, headers: &str, body: &str| {
        format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n{body}", body.len())
    };
    let answer = match path.as_str() {
        "/feed.xml" if request.to_ascii_lowercase().contains("if-none-match: \"v1\"") => {
            reply("304 Not Modified", "ETag: \"v1\"\r\n", "")
        }
        "/feed.xml" => reply("200 OK", "ETag: \"v1\"\r\nContent-Type: application/rss+xml\r\n", FEED),
        "/gone" => reply("410 Gone", "", "gone"),
        "/flaky" if FLAKY.fetch_add(1, Ordering::SeqCst) == 0 => {
            reply("503 Service Unavailable", "Retry-After: 0\r\n", "busy")
        }
        "/flaky" => reply("200 OK", "", FEED),
        "/busy" => {
            BUSY.fetch_add(1, Ordering::SeqCst);
            reply("429 Too Many Requests", "Retry-After: 3600\r\n", "later")
        }
        "/moved" => reply("301 Moved Permanently", "Location: /feed.xml?v=2\r\n", ""),
        "/feed.xml?v=2" => reply("200 OK", "", FEED),
        "/elsewhere" => reply("302 Found", "Location: /feed.xml?v=2\r\n", ""),
        "/loop" => reply("301 Moved Permanently", "Location: /loop\r\n", ""),
        p if p.starts_with("/slow/") => {
            let now = SLOW_NOW.fetch_add(1, Ordering::SeqCst) + 1;
            SLOW_MOST.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(150));
            SLOW_NOW.fetch_sub(1, Ordering::SeqCst);
            reply("200 OK", "", FEED)
        }
        "/news/strike" => reply("200 OK", "Content-Type: text/html\r\n", ARTICLE),
        "/missing" => reply("404 Not Found", "", "no"),
        "/broken" => reply("500 Internal Server Error", "", "oops"),
        "/page.html" => {
            reply("200 OK", "Content-Type: text/html\r\n", "<!DOCTYPE html><html><body><p>A page.</p></body></html>")
        }
        "/home" => reply(
            "200 OK",
            "Content-Type: text/html\r\n",
            "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"feed.xml\"></head><body>Home</body></html>",
        ),
        "/truncated" => reply("200 OK", "", &FEED[..FEED.len() / 2]),
        "/huge" => {
            // Claims and sends far more than the limit allows.
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 50000000\r\n\r\n");
            let chunk = vec![b'x'; 1 << 16];
            while stream.write_all(&chunk).is_ok() {}
            return;
        }
        "/hang" => {
            // Headers, then nothing.
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss>");
            std::thread::sleep(Duration::from_secs(5));
            return;
        }
        _ => reply("404 Not Found", "", ""),
    };
    let _ = stream.write_all(answer.as_bytes());
}

/// The server's address, and how many connections it has had.
fn serve_counting() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let at = format!("http://{}", listener.local_addr().unwrap());
    let served = Arc::new(AtomicUsize::new(0));
    let counter = served.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            counter.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || respond(stream));
        }
    });
    (at, served)
}

fn serve() -> String {
    serve_counting().0
}

fn client() -> Client {
    let limits = Limits {
        connect: Duration::from_secs(2),
        total: Duration::from_secs(1),
        max_bytes: 1 << 20,
        retries: 1,
        backoff: Duration::from_millis(10),
    };
    Client::new(limits)
}

/// Requests to /flaky so far (it fails the first), and /slow ones running now and at most.
static FLAKY: AtomicUsize = AtomicUsize::new(0);
static BUSY: AtomicUsize = AtomicUsize::new(0);
static SLOW_NOW: AtomicUsize = AtomicUsize::new(0);
static SLOW_MOST: AtomicUsize = AtomicUsize::new(0);

const ARTICLE: &str = "<!DOCTYPE html><html><head><title>Port strike ends</title></head><body>\
<nav><a href=\"/\">Home</a></nav><article><h1>Port strike ends</h1>\
<p>The strike at the port ended on Monday after nine days, when the union accepted a new offer from the harbour board.</p>\
<p>Ships that had waited offshore began to unload by the evening, and the board said the backlog would clear within a week.</p>\
</article><footer>Share via email</footer></body></html>";

#[test]
fn a_feed_is_stored_once_and_an_unchanged_one_costs_a_304() {
    let at = serve();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("tidings.db")).unwrap();
    let url = format!("{at}/feed.xml");
    let (feed, _) = store.add_feed(&url, &[]).unwrap();
    assert_eq!(refresh(&store, &feed, &client()).unwrap(), Refreshed::Stored(Saved { added: 2, updated: 0 }));
    let feed = store.feed(&url).unwrap().unwrap();
    assert_eq!((feed.title.as_str(), feed.etag.as_deref(), feed.articles), ("Harbour Times", Some("\"v1\""), 2));
    assert_eq!(refresh(&store, &feed, &client()).unwrap(), Refreshed::Unchanged);
    let rows = store.library("all", &[], None, 10).unwrap();
    assert_eq!(rows.len(), 2, "nothing twice");
    let strike = rows.iter().find(|r| r.title == "Port strike ends").unwrap();
    assert_eq!(strike.location.as_deref(), Some(format!("{at}/news/strike").as_str()), "relative links resolved");
    assert!(store.content(strike.location.as_deref().unwrap()).unwrap().unwrap().entry.contains("Dock workers"));
}

#[test]
fn each_fault_is_that_feeds_error_and_keeps_what_it_had() {
    let at = serve();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("tidings.db")).unwrap();
    let cases = [
        ("/gone", "HTTP 410"),
        ("/missing", "HTTP 404"),
        ("/broken", "HTTP 500"),
        ("/page.html", "not a feed"),
        ("/truncated", "not a feed"),
        ("/huge", "limit"),
        ("/hang", "timed out"),
    ];
    for (path, expected) in cases {
        let (feed, _) = store.add_feed(&format!("{at}{path}"), &[]).unwrap();
        match refresh(&store, &feed, &client()).unwrap() {
            Refreshed::Failed(why) => assert!(why.contains(expected), "{path}: {why}"),
            other => panic!("{path}: {other:?}"),
        }
        let row = store.feed(&feed.id.to_string()).unwrap().unwrap();
        assert!(row.error.as_deref().is_some_and(|e| e.contains(expected)), "{path}: recorded");
    }
    // TLS to a server that speaks plain HTTP: a handshake error, said so.
    let (feed, _) = store.add_feed(&format!("{}/feed.xml", at.replace("http://", "https://")), &[]).unwrap();
    let outcome = refresh(&store, &feed, &client()).unwrap();
    assert!(matches!(&outcome, Refreshed::Failed(why) if why.contains("TLS failed")), "{outcome:?}");
    // Nothing listens here: refused, said so.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let (feed, _) = store.add_feed(&format!("http://{closed}/feed"), &[]).unwrap();
    assert!(matches!(refresh(&store, &feed, &client()).unwrap(), Refreshed::Failed(why) if why.contains("refused")));
    assert_eq!(store.stats().unwrap().articles, 0);
}

#[test]
fn the_command_line_subscribes_refreshes_and_unsubscribes() {
    let (at, served) = serve_counting();
    let dir = tempfile::tempdir().unwrap();
    let tidings = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
            .args(args)
            .env("TIDINGS_DATA_DIR", dir.path())
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let url = format!("{at}/feed.xml");
    let (ok, said) = tidings(&["feed", "add", &url, "--tag", "coast"]);
    assert!(ok && said.contains("subscribed") && said.contains("2 new"), "{said}");
    assert_eq!(served.load(Ordering::SeqCst), 1, "subscribing fetches the feed once");
    let (ok, said) = tidings(&["refresh"]);
    assert!(ok && said.contains("not modified") && said.contains("1 feed: 0 new"), "{said}");
    let (_, said) = tidings(&["feed", "list"]);
    assert!(said.contains("#1 Harbour Times [coast]: 2 articles, 2 unread"), "{said}");
    // Full articles: asked for on a feed already subscribed, fetched by the next refresh.
    let (ok, said) = tidings(&["feed", "add", &url, "--full-text"]);
    assert!(ok && said.contains("already subscribed"), "{said}");
    let (ok, said) = tidings(&["refresh"]);
    assert!(ok && said.contains("1 full article fetched") && said.contains("no full article"), "{said}");
    let (_, said) = tidings(&["list"]);
    assert!(said.contains("Port strike ends") && said.contains("Harbour Times"), "{said}");
    let (_, said) = tidings(&["list", "--feed", "1", "--unread", "--json"]);
    assert_eq!(said.matches("\"feed\":1").count(), 2, "{said}");
    let (ok, said) = tidings(&["list", "--feed", "9"]);
    assert!(!ok && said.contains("no feed `9`"), "{said}");
    // A home page leads to its feed; a page that names none is not subscribed.
    let (ok, said) = tidings(&["feed", "add", &format!("{at}/home")]);
    assert!(ok && said.contains(&format!("already subscribed: {url}")), "{said}");
    let (ok, said) = tidings(&["feed", "add", &format!("{at}/page.html")]);
    assert!(!ok && said.contains("not a feed") && said.contains("names no feed"), "{said}");
    // Every feed failing is a failure of the command.
    tidings(&["feed", "add", &format!("{at}/gone")]);
    let (ok, said) = tidings(&["refresh", "--feed", "2"]);
    assert!(!ok && said.contains("HTTP 410") && said.contains("tidings feed remove"), "{said}");
    // OPML out and into another library gives the same list back.
    let opml = dir.path().join("subscriptions.opml");
    let (ok, said) = tidings(&["feed", "export", "-o", opml.to_str().unwrap()]);
    assert!(ok && said.contains("2 feeds written"), "{said}");
    let other = tempfile::tempdir().unwrap();
    let elsewhere = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
            .args(args)
            .env("TIDINGS_DATA_DIR", other.path())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(elsewhere(&["feed", "import", opml.to_str().unwrap()]).contains("2 feeds: 2 new"));
    assert_eq!(elsewhere(&["feed", "export"]), tidings(&["feed", "export"]).1);
    let (ok, said) = tidings(&["feed", "remove", &url]);
    assert!(ok && said.contains("2 articles removed"), "{said}");
}

#[test]
fn transient_failures_are_tried_again_and_a_long_retry_after_is_not_waited_for() {
    let at = serve();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("tidings.db")).unwrap();
    let (flaky, _) = store.add_feed(&format!("{at}/flaky"), &[]).unwrap();
    assert_eq!(refresh(&store, &flaky, &client()).unwrap(), Refreshed::Stored(Saved { added: 2, updated: 0 }));
    assert_eq!(FLAKY.load(Ordering::SeqCst), 2, "a 503 once, then the feed");
    let (busy, _) = store.add_feed(&format!("{at}/busy"), &[]).unwrap();
    let started = Instant::now();
    assert!(matches!(refresh(&store, &busy, &client()).unwrap(), Refreshed::Failed(why) if why.contains("HTTP 429")));
    assert_eq!(BUSY.load(Ordering::SeqCst), 1, "an hour's Retry-After is the next refresh's business");
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn a_permanent_redirect_moves_the_subscription_and_a_temporary_one_does_not() {
    let at = serve();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("tidings.db")).unwrap();
    let (moved, _) = store.add_feed(&format!("{at}/moved"), &[]).unwrap();
    assert!(matches!(refresh(&store, &moved, &client()).unwrap(), Refreshed::Stored(_)));
    assert_eq!(store.feed(&moved.id.to_string()).unwrap().unwrap().url, format!("{at}/feed.xml?v=2"));
    let (temporary, _) = store.add_feed(&format!("{at}/elsewhere"), &[]).unwrap();
    assert!(matches!(refresh(&store, &temporary, &client()).unwrap(), Refreshed::Stored(_)));
    assert_eq!(store.feed(&temporary.id.to_string()).unwrap().unwrap().url, format!("{at}/elsewhere"));
    let (looping, _) = store.add_feed(&format!("{at}/loop"), &[]).unwrap();
    let outcome = refresh(&store, &looping, &client()).unwrap();
    assert!(matches!(&outcome, Refreshed::Failed(why) if why.contains("redirects")), "{outcome:?}");
}

#[test]
fn feeds_are_fetched_together_but_few_at_a_time_from_one_host() {
    let at = serve();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("tidings.db")).unwrap();
    for n in 0..6 {
        store.add_feed(&format!("{at}/slow/{n}"), &[]).unwrap();
    }
    let feeds = store.feeds().unwrap();
    let mut outcomes = Vec::new();
    refresh_all(&store, &feeds, &client(), Parallel { feeds: 6, per_host: 2 }, |feed, outcome| {
        outcomes.push((feed.id, outcome.clone()))
    })
    .unwrap();
    assert_eq!(outcomes.len(), 6, "each feed once");
    assert_eq!(SLOW_MOST.load(Ordering::SeqCst), 2, "two at a time from 127.0.0.1");
    // Each feed brought the same entries (same links): stored once, under the first.
    let added: usize = outcomes.iter().map(|(_, o)| if let Refreshed::Stored(s) = o { s.added } else { 0 }).sum();
    assert_eq!(added, 2);
}

#[test]
fn the_full_article_is_fetched_from_the_entry_link_and_kept_beside_the_teaser() {
    let at = serve();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("tidings.db")).unwrap();
    let (feed, _) = store.add_feed(&format!("{at}/feed.xml"), &[]).unwrap();
    refresh(&store, &feed, &client()).unwrap();
    let (kept, failed) =
        full_text::fetch_missing(&store, &client(), feed.id, Parallel { feeds: 2, per_host: 2 }).unwrap();
    assert_eq!((kept, failed.len()), (1, 1), "the strike's page is there, the ferry's is a 404: {failed:?}");
    let strike = store.content(&format!("{at}/news/strike")).unwrap().unwrap();
    assert!(strike.entry.contains("Dock workers") && strike.full.unwrap().contains("nine days"));
    let ferry = store.content(&format!("{at}/news/ferry")).unwrap().unwrap();
    assert_eq!(ferry.full.as_deref(), Some(""), "tried, not tried again by the next pass");
    assert!(store.without_full(feed.id, 10).unwrap().is_empty());
    // Asked for by hand, it is tried again and says why it failed.
    let why = full_text::fetch_one(&store, &client(), &format!("{at}/news/ferry")).unwrap_err();
    assert!(why.contains("HTTP 404"), "{why}");
    // An entry updated upstream keeps its full article.
    let changed = FEED.replace("Dock workers went back", "Dock workers all went back");
    let parsed = tidings::core::feeds::parse(&format!("{at}/feed.xml"), changed.as_bytes()).unwrap();
    assert_eq!(store.save_entries(feed.id, "Harbour Times", &parsed.entries).unwrap().updated, 1);
    let strike = store.content(&format!("{at}/news/strike")).unwrap().unwrap();
    assert!(strike.entry.contains("all went back") && strike.full.unwrap().contains("nine days"));
}
