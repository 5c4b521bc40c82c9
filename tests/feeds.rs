//! Feeds over a real HTTP server on 127.0.0.1, started here, that serves feeds written
//! for Tidings and misbehaves on purpose: each fault is that feed's error alone.
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tidings::core::fetch::Limits;
use tidings::core::library::refresh::{refresh, Refreshed};
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

fn limits() -> Limits {
    Limits { connect: Duration::from_secs(2), total: Duration::from_secs(1), max_bytes: 1 << 20 }
}

#[test]
fn a_feed_is_stored_once_and_an_unchanged_one_costs_a_304() {
    let at = serve();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("tidings.db")).unwrap();
    let url = format!("{at}/feed.xml");
    let (feed, _) = store.add_feed(&url, &[]).unwrap();
    assert_eq!(refresh(&store, &feed, &limits()).unwrap(), Refreshed::Stored(Saved { added: 2, updated: 0 }));
    let feed = store.feed(&url).unwrap().unwrap();
    assert_eq!((feed.title.as_str(), feed.etag.as_deref(), feed.articles), ("Harbour Times", Some("\"v1\""), 2));
    assert_eq!(refresh(&store, &feed, &limits()).unwrap(), Refreshed::Unchanged);
    let rows = store.library("all", &[], None, 10).unwrap();
    assert_eq!(rows.len(), 2, "nothing twice");
    let strike = rows.iter().find(|r| r.title == "Port strike ends").unwrap();
    assert_eq!(strike.location.as_deref(), Some(format!("{at}/news/strike").as_str()), "relative links resolved");
    assert!(store.content(strike.location.as_deref().unwrap()).unwrap().unwrap().contains("Dock workers"));
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
        match refresh(&store, &feed, &limits()).unwrap() {
            Refreshed::Failed(why) => assert!(why.contains(expected), "{path}: {why}"),
            other => panic!("{path}: {other:?}"),
        }
        let row = store.feed(&feed.id.to_string()).unwrap().unwrap();
        assert!(row.error.as_deref().is_some_and(|e| e.contains(expected)), "{path}: recorded");
    }
    // Nothing listens here: refused, said so.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let (feed, _) = store.add_feed(&format!("http://{closed}/feed"), &[]).unwrap();
    assert!(matches!(refresh(&store, &feed, &limits()).unwrap(), Refreshed::Failed(why) if why.contains("refused")));
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
    let (_, said) = tidings(&["list"]);
    assert!(said.contains("Port strike ends") && said.contains("Harbour Times"), "{said}");
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
