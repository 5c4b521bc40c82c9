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
