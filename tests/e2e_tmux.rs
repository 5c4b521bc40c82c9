//! The real binary in a real terminal: tmux runs it, send-keys types, capture-pane reads.
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// A tmux server of our own (own socket, no user config) running one program.
struct Tmux {
    socket: String,
    _dir: tempfile::TempDir,
    dir: PathBuf,
    data: PathBuf,
}

impl Tmux {
    fn start(args: &[&str]) -> Tmux {
        Tmux::start_with_data(None, args)
    }

    /// Starts the binary with its store in `data` (a fresh directory when `None`).
    fn start_with_data(data: Option<&Path>, args: &[&str]) -> Tmux {
        Tmux::start_as(data, args, false)
    }

    /// As `start_with_data`; with `unprivileged`, as the user `nobody` when the test runs
    /// as root (for whom file permissions do not bind).
    fn start_as(data: Option<&Path>, args: &[&str], unprivileged: bool) -> Tmux {
        let found = Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success());
        assert!(found, "tmux is required for this test (apt-get install tmux; .ci/run installs it)");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_path_buf();
        let socket = format!("tidings-e2e-{}-{}", std::process::id(), path.file_name().unwrap().to_string_lossy());
        let data = data.map_or_else(|| path.join("data"), Path::to_path_buf);
        let t = Tmux { socket, _dir: dir, dir: path, data };
        let bin = env!("CARGO_BIN_EXE_tidings");
        // The shell writes the program's exit status to a file once it ends.
        let mut cmd = vec![
            "env".to_string(),
            format!("XDG_CONFIG_HOME={}", t.dir.join("config").display()),
            format!("TIDINGS_DATA_DIR={}", t.data.display()),
            // Exports go to the documents folder, which falls back to this home.
            format!("HOME={}", t.dir.join("home").display()),
            "XDG_DOCUMENTS_DIR=".to_string(),
        ];
        if unprivileged && is_root() {
            // The status file is written by the unprivileged shell.
            std::fs::set_permissions(&t.dir, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
            cmd.extend(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"].map(String::from));
        }
        cmd.extend([
            "sh".to_string(),
            "-c".to_string(),
            format!("\"$0\" \"$@\"; echo $? > {}", t.dir.join("status").display()),
            bin.to_string(),
        ]);
        cmd.extend(args.iter().map(|a| a.to_string()));
        let mut new = vec!["new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", "--"];
        let cmd_refs: Vec<&str> = cmd.iter().map(String::as_str).collect();
        new.extend(cmd_refs);
        let out = t.run(&new);
        assert!(out.status.success(), "tmux new-session failed: {}", String::from_utf8_lossy(&out.stderr));
        // Keep the pane after the program exits, to read its exit status and terminal modes.
        t.run(&["set-option", "-g", "remain-on-exit", "on"]);
        t
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    fn var(&self, name: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", "e2e", &format!("#{{{name}}}")]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "e2e", k]);
        }
    }

    /// Polls until `pred` holds for the screen; panics with the last screen after 10 s.
    fn wait(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "timed out waiting for {what}; screen:\n{s}");
            sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the program has exited and returns its exit status.
    fn wait_exit(&self) -> String {
        let start = Instant::now();
        let status = self.dir.join("status");
        while self.var("pane_dead") != "1" || !status.exists() {
            assert!(start.elapsed() < Duration::from_secs(10), "program did not exit; screen:\n{}", self.screen());
            sleep(Duration::from_millis(50));
        }
        std::fs::read_to_string(status).unwrap().trim().to_string()
    }
}

fn is_root() -> bool {
    std::os::unix::fs::MetadataExt::uid(&std::fs::metadata("/proc/self").unwrap()) == 0
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

#[test]
fn read_an_article_from_the_demo_and_quit_cleanly() {
    let t = Tmux::start(&["assets/demo", "no/such/folder"]);
    // Waited for whole: a capture can catch the terminal halfway through drawing a frame.
    let s = t.wait("the list, and the bad path reported", |s| {
        s.contains("Articles 8") && !s.contains("loading") && s.contains("no/such/folder: cannot read")
    });
    assert!(s.contains("Stolen medieval crown"), "{s}");
    assert_eq!(t.var("alternate_on"), "1");
    t.keys(&["j", "Enter"]);
    let s = t.wait("the second article", |s| s.contains("Castelnovo"));
    assert!(s.contains("Highland Daily · 14 July 2025"), "{s}");
    t.keys(&["G"]);
    let s = t.wait("the end of the article", |s| s.contains(" Bot "));
    assert!(!s.contains("Copy link"), "page furniture is hidden: {s}");
    t.keys(&["z", "G"]);
    t.wait("hidden furniture, labelled", |s| s.contains("┄ hidden: share links ┄") && s.contains("Copy link"));
    t.keys(&["?"]);
    t.wait("help", |s| s.contains("next article / scroll down"));
    // Esc and q typed together would read as alt-q: let the help close first.
    t.keys(&["Escape"]);
    t.wait("help closed", |s| !s.contains("next article / scroll down"));
    // q in the reader goes back to the list; in the list it quits.
    t.keys(&["q"]);
    sleep(Duration::from_millis(300));
    assert_eq!(t.var("pane_dead"), "0", "q in the reader does not quit");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
    assert_eq!(t.var("alternate_on"), "0", "alternate screen left");
    assert_eq!(t.var("mouse_any_flag"), "0", "mouse reporting switched off");
    assert!(t.data.join("tidings.log").exists(), "log written to the data dir");
}

#[test]
fn opens_the_seed_pages() {
    let Some(shared) = common::shared() else { return };
    let seeds = shared.join("seeds");
    let t = Tmux::start(&[seeds.to_str().unwrap()]);
    let s = t.wait("five seeds", |s| s.contains("Articles 5") && !s.contains("loading"));
    assert!(s.contains("Trump displays frustration"), "{s}");
    assert!(s.contains("Clash Report"), "{s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
}

#[test]
fn a_bookmark_and_note_survive_kill_9() {
    let data = tempfile::tempdir().unwrap();
    {
        let t = Tmux::start_with_data(Some(data.path()), &["assets/demo"]);
        t.wait("the list", |s| s.contains("Articles 8") && !s.contains("loading"));
        t.keys(&["j", "b"]);
        t.wait("the bookmark", |s| s.contains("bookmarked (1)"));
        t.keys(&["B"]);
        t.wait("the note editor", |s| s.contains("ctrl-s saves"));
        t.keys(&["-l", "Survives a crash, with commas"]);
        t.keys(&["C-s"]);
        t.wait("the note saved", |s| s.contains("note saved"));
        // No clean exit: the process is killed outright.
        let shell = t.var("pane_pid");
        let child = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
        let pid = String::from_utf8_lossy(&child.stdout).trim().to_string();
        assert!(!pid.is_empty(), "tidings is running under the pane's shell");
        assert!(Command::new("kill").args(["-9", &pid]).status().unwrap().success());
        assert_eq!(t.wait_exit(), "137", "killed by SIGKILL");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["bookmarks", "list", "--json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let bookmarks = list["bookmarks"].as_array().unwrap();
    assert_eq!(bookmarks.len(), 1, "{list}");
    assert_eq!(bookmarks[0]["note"], "Survives a crash, with commas");
    assert_eq!(bookmarks[0]["title"], "Firefighters in the Serra Alta region battled a wildfire for a third day on…");
    // And the reader shows it again after a restart, and exports it.
    let t = Tmux::start_with_data(Some(data.path()), &["assets/demo"]);
    t.wait("the bookmark marker", |s| s.contains("◆Firefighters"));
    std::fs::create_dir_all(t.dir.join("home")).unwrap();
    t.keys(&["E"]);
    t.wait("the format question", |s| s.contains("m Markdown"));
    t.keys(&["m"]);
    let s = t.wait("the file named", |s| s.contains("Bookmarks written to"));
    let written: Vec<_> = std::fs::read_dir(t.dir.join("home")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(written.len(), 1, "{written:?} {s}");
    let name = written[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(s.contains(&name), "the whole path is shown: {s}");
    let text = std::fs::read_to_string(&written[0]).unwrap();
    assert!(text.contains("Survives a crash, with commas"), "{text}");
    // A second export the same day goes to a new file.
    // Esc with a key right after it reads as alt-that-key: let each pop-up close first.
    t.keys(&["Escape"]);
    t.wait("the notice closed", |s| !s.contains("Bookmarks written to"));
    t.keys(&["E", "m"]);
    t.wait("the second file", |s| s.contains("-2.md") && std::fs::read_dir(t.dir.join("home")).unwrap().count() == 2);
    t.keys(&["Escape"]);
    t.wait("the notice closed", |s| !s.contains("Bookmarks written to"));
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
}

#[test]
fn a_read_only_home_opens_read_only_and_shows_everything() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let data = home.path().join("data");
    let bin = env!("CARGO_BIN_EXE_tidings");
    let out = Command::new(bin)
        .arg("--data-dir")
        .arg(&data)
        .args(["bookmarks", "add", "assets/demo/bridge-vote.txt", "--note", "kept"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(data.join("tidings.db"), std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(data.join("tidings.db")).unwrap();
    {
        let t = Tmux::start_as(Some(&data), &["assets/demo"], true);
        let s = t.wait("the list", |s| s.contains("Articles 8") && !s.contains("loading"));
        assert!(s.contains("◆"), "the bookmark is shown: {s}");
        assert!(s.contains("read-only"), "the status bar says changes are not saved: {s}");
        t.keys(&["V", "V", "V"]);
        t.wait("the bookmarks view", |s| s.contains("view bookmarked (1)"));
        t.keys(&["b"]);
        t.wait("the refusal", |s| s.contains("not saved"));
        t.keys(&["!"]);
        t.wait("the problems, with the missing log", |s| s.contains("no log"));
        t.keys(&["Escape"]);
        t.wait("the problems closed", |s| !s.contains("no log"));
        t.keys(&["q"]);
        assert_eq!(t.wait_exit(), "0");
    }
    assert_eq!(std::fs::read(data.join("tidings.db")).unwrap(), before, "the store is untouched");
    // The command line reads it too.
    let mut list = Command::new(bin);
    list.arg("--data-dir").arg(&data).args(["bookmarks", "list"]);
    if is_root() {
        std::os::unix::process::CommandExt::uid(&mut list, 65534);
    }
    let out = list.output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("kept"), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_data_directory_that_is_a_file_is_reported_and_reading_works() {
    let home = tempfile::tempdir().unwrap();
    let not_a_dir = home.path().join("data");
    std::fs::write(&not_a_dir, "mine").unwrap();
    let t = Tmux::start_with_data(Some(&not_a_dir), &["assets/demo"]);
    let s = t.wait("the list", |s| s.contains("Articles 8") && !s.contains("loading"));
    assert!(s.contains("is a file, not a directory"), "{s}");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
    assert_eq!(std::fs::read(&not_a_dir).unwrap(), b"mine");
}

#[test]
fn a_folder_opened_again_is_shown_from_the_library_without_reading_a_file() {
    let folder = tempfile::tempdir().unwrap();
    for n in 1..=1000 {
        let text = format!(
            "Harbour report {n:04}\n\nMarch {}, 2025\n\nThe harbour board met on Monday to hear report {n} on \
             the state of the piers, the cranes and the ferry landing, and asked for another in a month.\n",
            n % 28 + 1
        );
        std::fs::write(folder.path().join(format!("report-{n:04}.txt")), text).unwrap();
    }
    let data = tempfile::tempdir().unwrap();
    let path = folder.path().to_str().unwrap();
    let log = || std::fs::read_to_string(data.path().join("tidings.log")).unwrap_or_default();
    for (launch, read) in [(1, "read=1000"), (2, "read=0")] {
        let t = Tmux::start_with_data(Some(data.path()), &[path]);
        t.wait("the whole list", |s| s.contains("Articles 1000") && !s.contains("import") && !s.contains("loading"));
        t.wait("the first article", |s| s.contains("Harbour report 0"));
        t.keys(&["q"]);
        assert_eq!(t.wait_exit(), "0");
        let imports: Vec<String> = log().lines().filter(|l| l.contains("import done")).map(String::from).collect();
        assert_eq!(imports.len(), launch, "{imports:?}");
        assert!(imports[launch - 1].contains(read), "launch {launch}: {imports:?}");
    }
}

#[test]
fn a_search_typed_in_the_reader_narrows_a_folder_to_what_its_text_holds() {
    let folder = tempfile::tempdir().unwrap();
    let stories = [
        (
            "ferry.txt",
            "Ferry crossings resume\n\nThe island ferry sailed again on Tuesday after the storm, and the \
                       harbour master said the timetable would be back to normal by Friday.\n",
        ),
        (
            "very-last-bridge.txt",
            "Bridge vote delayed\n\nThe council postponed the vote on the river bridge because the \
                        builders had not answered questions about the cost of the steel.\n",
        ),
        (
            "fair.txt",
            "Autumn fair opens\n\nStalls of apples, cheese and woollens filled the square as the \
                      autumn fair opened, and organisers said more than a thousand people came.\n",
        ),
    ];
    for (name, text) in stories {
        std::fs::write(folder.path().join(name), text).unwrap();
    }
    let t = Tmux::start(&[folder.path().to_str().unwrap()]);
    t.wait("the list", |s| s.contains("Articles 3"));
    // "steel" is in the text of an article never opened (the list opens the first): only
    // the index, built in the background, knows it.
    t.keys(&["/", "steel"]);
    let screen = t.wait("the search's answer", |s| s.contains("1 of 3 match steel") && !s.contains("searching"));
    assert!(screen.contains("Bridge vote delayed") && !screen.contains("Ferry crossings"), "{screen}");
    t.keys(&["Enter", "Escape"]);
    t.wait("the whole list again", |s| s.contains("Articles 3"));
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
}

/// A feed on 127.0.0.1: three entries at first; from the second request on, six, sent
/// after a pause, so the reader is used while the refresh runs.
fn serve_growing_feed() -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/feed.xml", listener.local_addr().unwrap());
    let item = |n: usize| {
        format!(
            "<item><title>Tide table {n} published</title><guid>tide-{n}</guid><link>/tides/{n}</link>\
             <pubDate>Tue, 0{n} Mar 2025 08:00:00 GMT</pubDate><description>&lt;p&gt;The harbour office \
             published tide table {n} on Monday, with high water at the usual hours and a note on the \
             spring tides.&lt;/p&gt;</description></item>"
        )
    };
    std::thread::spawn(move || {
        for (served, stream) in listener.incoming().flatten().enumerate() {
            let mut stream = stream;
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let items: String = (1..=if served == 0 { 3 } else { 6 }).rev().map(item).collect();
            if served > 0 {
                sleep(Duration::from_millis(1500));
            }
            let body = format!("<rss version=\"2.0\"><channel><title>Harbour Office</title>{items}</channel></rss>");
            let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
            let _ = stream.write_all((head + &body).as_bytes());
        }
    });
    url
}

#[test]
fn a_feed_refreshes_in_the_background_while_the_list_scrolls() {
    let url = serve_growing_feed();
    let data = tempfile::tempdir().unwrap();
    let added = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["feed", "add", &url])
        .env("TIDINGS_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&added.stdout).contains("3 new"), "{added:?}");
    // No path: the library, which now holds the feed's articles.
    let t = Tmux::start_with_data(Some(data.path()), &[]);
    t.wait("the feed's articles", |s| s.contains("Articles 3") && s.contains("Tide table 3 published"));
    t.keys(&["R"]);
    t.wait("the refresh under way", |s| s.contains("refreshing"));
    t.keys(&["j", "j"]);
    let s = t.wait("the third article while it runs", |s| s.contains("tide table 1 on Monday"));
    assert!(!s.contains("Articles 6"), "keys were answered before the refresh ended: {s}");
    let s = t.wait("the new articles", |s| s.contains("Articles 6") && s.contains("3 new"));
    assert!(s.contains("tide table 1 on Monday"), "the selection stayed on its article: {s}");
    t.keys(&["g", "g", "Enter"]);
    let s = t.wait("a new article opened", |s| s.contains("tide table 6 on Monday"));
    assert!(s.contains("Harbour Office"), "{s}");
    t.keys(&["F"]);
    t.wait("the feeds panel", |s| s.contains("Feeds by feed") && s.contains("Harbour Office"));
    t.keys(&["q", "q", "q"]);
    assert_eq!(t.wait_exit(), "0");
}

#[test]
fn with_refresh_on_start_the_reader_refreshes_by_itself() {
    let url = serve_growing_feed();
    let data = tempfile::tempdir().unwrap();
    let tidings = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_tidings")).args(args).env("TIDINGS_DATA_DIR", data.path()).output().unwrap()
    };
    assert!(tidings(&["feed", "add", &url]).status.success());
    let config = data.path().join("config.toml");
    std::fs::write(&config, "[feeds]\nrefresh_on_start = true\n").unwrap();
    let t = Tmux::start_with_data(Some(data.path()), &["--config", config.to_str().unwrap()]);
    t.wait("the new articles, no key pressed", |s| s.contains("Articles 6") && s.contains("3 new"));
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), "0");
}
