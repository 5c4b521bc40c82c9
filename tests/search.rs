//! `tidings search` and `tidings list --query` over a small library written for the test:
//! the articles are indexed as they are searched, only their cleaned text matches, and a
//! mistake in the query is explained.
use std::path::Path;
use std::process::{Command, Output};

fn tidings(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tidings")).arg("--data-dir").arg(data).args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Three articles; the word "ferry" appears only in a teaser under "Related Articles".
fn write_library(dir: &Path) {
    let articles = [
        (
            "strike.txt",
            "Port strike ends after three weeks\n\nBy Ines Barros\n\nDock workers in Göteborg voted on Monday to end \
             a strike that had halted shipping along the coast for three weeks.\n\nThe union said its members had \
             accepted a deal with the port authority that raises pay over two years.\n\nRelated Articles\n\n\
             - Ferry timetable changes for the winter\n- Harbour cranes get new operators\n",
        ),
        (
            "bridge.txt",
            "Council delays the bridge vote again\n\nThe city council postponed its vote on the new river bridge, \
             saying the builders had not answered questions about the cost.\n\nMembers will meet again next month \
             and expect a deal with the builders before the summer.\n",
        ),
        (
            "fire.txt",
            "Wildfire crews hold the line overnight\n\nFirefighters held the fire line above the valley overnight \
             as the wind dropped and cooler air moved in.\n\nOfficials said water bombers would fly again at dawn \
             if the weather allowed.\n",
        ),
    ];
    for (name, text) in articles {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

#[test]
fn search_finds_words_in_the_article_not_in_its_furniture() {
    let data = tempfile::tempdir().unwrap();
    let news = tempfile::tempdir().unwrap();
    write_library(news.path());
    let at = news.path().to_str().unwrap();
    let found = stdout(&tidings(data.path(), &["search", "goteborg", at]));
    assert!(found.contains("Port strike ends"), "accents ignored: {found}");
    assert_eq!(found.lines().count(), 1, "{found}");
    let found = stdout(&tidings(data.path(), &["search", "ferry"]));
    assert!(found.starts_with("nothing matches"), "a teaser of another story is furniture: {found}");
    let found = stdout(&tidings(data.path(), &["search", "\"deal with the builders\""]));
    assert!(found.contains("Council delays") && !found.contains("Port strike"), "{found}");
    let found = stdout(&tidings(data.path(), &["search", "deal -union"]));
    assert!(found.contains("Council delays") && !found.contains("Port strike"), "{found}");
    let found = stdout(&tidings(data.path(), &["search", "fire*"]));
    assert!(found.contains("Wildfire crews"), "{found}");
}

#[test]
fn list_with_a_query_prints_json_for_scripts_and_explains_mistakes() {
    let data = tempfile::tempdir().unwrap();
    let news = tempfile::tempdir().unwrap();
    write_library(news.path());
    let at = news.path().to_str().unwrap();
    let json = stdout(&tidings(data.path(), &["list", at, "--query", "unread deal", "--json"]));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let mut titles: Vec<&str> = rows.iter().map(|r| r["title"].as_str().unwrap()).collect();
    titles.sort();
    assert_eq!(titles, ["Council delays the bridge vote again", "Port strike ends after three weeks"]);
    assert!(rows.iter().all(|r| r["location"].as_str().unwrap().starts_with(at)));
    let out = tidings(data.path(), &["list", "--query", "since:yesterday"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the query: `yesterday` is not a date: write it as YYYY-MM-DD"), "{err}");
}
