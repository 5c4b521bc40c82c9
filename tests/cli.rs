//! The binary outside the TUI: errors that must stop it before the terminal is touched.
use std::process::Command;

#[test]
fn a_broken_config_stops_start_up_with_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("bad.toml");
    std::fs::write(&cfg, "[keys]\nnext = [\"j\"]\nprev = [\"j\"]\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["--config", cfg.to_str().unwrap(), "--data-dir", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml: line 3: `keys.prev`: key `j` is bound to both `next` and `prev`"), "{err}");
    assert!(out.stdout.is_empty(), "nothing drawn: {:?}", String::from_utf8_lossy(&out.stdout));
}

fn tidings(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tidings")).args(args).output().unwrap()
}

#[test]
fn commands_that_use_no_keys_run_with_broken_key_bindings() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("bad.toml");
    std::fs::write(&cfg, "[keys]\nnext = [\"j\"]\nprev = [\"j\"]\n").unwrap();
    let page = dir.path().join("a.txt");
    std::fs::write(&page, "Headline\nA paragraph of the article that is long enough to be kept by the filter.\n")
        .unwrap();
    let out = tidings(&["--config", cfg.to_str().unwrap(), "clean", page.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out =
        tidings(&["--config", cfg.to_str().unwrap(), "--data-dir", dir.path().to_str().unwrap(), "bookmarks", "list"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn clean_follows_the_readers_file_rules_and_says_why_not() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("news.rss");
    std::fs::write(&feed, "<rss><channel><title>x</title></channel></rss>").unwrap();
    let err = String::from_utf8(tidings(&["clean", feed.to_str().unwrap()]).stderr).unwrap();
    assert!(err.contains("not an article file"), "{err}");
    let err = String::from_utf8(tidings(&["clean", "https://news.example/a"]).stderr).unwrap();
    assert!(err.contains("web addresses cannot be opened yet"), "{err}");
    let err = String::from_utf8(tidings(&["clean", dir.path().join("gone.txt").to_str().unwrap()]).stderr).unwrap();
    assert_eq!(err.matches("No such file").count(), 1, "the OS error once: {err}");
}

#[test]
fn usage_does_not_show_the_data_dir_as_required_when_the_environment_sets_it() {
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .env("TIDINGS_DATA_DIR", "/tmp")
        .args(["bookmarks", "add"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("Usage: tidings bookmarks add <PATH>"), "{err}");
}

#[test]
fn a_bookmarked_file_edited_in_place_is_still_the_same_bookmark() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let page = dir.path().join("strike.txt");
    std::fs::write(&page, "Port strike ends\n\nDock workers went back to work on Monday, the union said.\n").unwrap();
    let add = |note: &str| {
        let out = tidings(&["--data-dir", data, "bookmarks", "add", page.to_str().unwrap(), "--note", note]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(add("first").starts_with("bookmarked"));
    std::fs::write(&page, "Port strike ends\n\nDock workers went back to work on Monday.\n\nShips left at dusk.\n")
        .unwrap();
    let again = add("second");
    assert!(again.starts_with("already bookmarked"), "{again}");
    let list = String::from_utf8(tidings(&["--data-dir", data, "bookmarks", "list", "--json"]).stdout).unwrap();
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list["bookmarks"].as_array().unwrap().len(), 1, "{list}");
}

#[test]
fn import_reads_a_folder_once_and_list_prints_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir(&news).unwrap();
    std::fs::write(news.join("a.txt"), "Harbour reopens\n\nMarch 4, 2024\n\nThe harbour reopened on Monday.\n")
        .unwrap();
    std::fs::write(news.join("b.txt"), "Ferry fares rise\n\nThe ferry company raised its fares, it said.\n").unwrap();
    let import = || {
        let out = tidings(&["--data-dir", data, "import", news.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(import().starts_with("2 article files: 2 new, 0 changed, 0 unchanged; 2 files read"));
    assert!(import().starts_with("2 article files: 0 new, 0 changed, 2 unchanged; 0 files read"), "nothing read twice");
    let out = tidings(&["--data-dir", data, "list", "--json"]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles: Vec<&str> = rows.as_array().unwrap().iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Harbour reopens", "Ferry fares rise"], "dated first");
    let stats = String::from_utf8(tidings(&["--data-dir", data, "library", "stats"]).stdout).unwrap();
    assert!(stats.contains("2 articles, 2 unread"), "{stats}");
    let out = tidings(&["--data-dir", data, "list", "--view", "someday"]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("unknown view `someday`"));
}
