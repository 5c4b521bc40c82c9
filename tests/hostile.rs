//! Hostile input: nothing from a file reaches the terminal unsanitised, on screen or in
//! the command-line output.
mod common;

use std::process::Command;

use common::{default_config, Harness};
use proptest::prelude::*;
use tidings::core::article;
use tidings::core::boilerplate::Rules;
use tidings::core::ingest;
use tidings::core::sanitize::is_unsafe;
use tidings::tui::event::Msg;

/// Every C0 and C1 control, ESC sequences (clear screen, colour, window title, OSC 8
/// hyperlink, OSC 52 clipboard write) and bidi overrides.
fn nasty() -> String {
    // NUL alone makes a file binary (refused before display), so it is tested by the sanitiser's unit tests.
    let c0: String = (1u8..0x20).filter(|b| *b != b'\n').map(char::from).collect();
    let c1: String = (0x80u32..0xA0).filter_map(char::from_u32).collect();
    format!(
        "Harbour \u{1b}[2Jcleared\u{1b}[31m red \u{1b}]0;pwned title\u{7} \u{1b}]8;;https://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\ \
         \u{1b}]52;c;cm0gLXJmIH4=\u{7} clip \u{9b}2J csi \u{202e}desrever\u{202c} \u{2066}iso\u{2069} c0[{c0}] c1[{c1}] del\u{7f} end."
    )
}

fn page() -> String {
    let n = nasty();
    let prose = "Dock workers at the harbour returned to work on Monday after a strike that lasted three weeks, the union said. ".repeat(8);
    format!("Title \u{1b}[2J with \u{1b}]0;pwned\u{7} bits\n\nFirst paragraph of the story, long enough to read as prose: {n}\n\n{prose}\n\n{prose}\n")
}

fn unsafe_cells(h: &Harness) -> Vec<(u16, u16, String)> {
    let buf = h.terminal.backend().buffer();
    let mut bad = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let s = buf[(x, y)].symbol();
            if s.chars().any(is_unsafe) {
                bad.push((x, y, s.escape_debug().to_string()));
            }
        }
    }
    bad
}

fn harness_with(origin: &str, text: &str, width: u16, height: u16) -> Harness {
    let mut h = Harness::new(width, height, &default_config());
    let doc = ingest::load_bytes(origin, text.as_bytes()).unwrap();
    h.send(Msg::Loaded(Box::new(article::process(doc, &Rules::default()))));
    h.send(Msg::LoadDone);
    h
}

#[test]
fn controls_in_text_titles_and_file_names_show_as_pictures() {
    let mut h = harness_with("news/\u{1b}[31mred\u{1b}]0;t\u{7}.txt", &page(), 120, 40);
    h.app.problems.push("news/\u{1b}[2Jbad.txt: binary file".into());
    h.press("enter");
    h.app.status = Some("wrote \u{1b}]52;c;eA==\u{7}".into());
    h.draw();
    let screen = h.screen();
    assert!(unsafe_cells(&h).is_empty(), "{:?}", unsafe_cells(&h));
    assert!(screen.contains("␛[2Jcleared"), "{screen}");
    assert!(screen.contains("␛]0;pwned"), "{screen}");
    assert!(screen.contains("desrever"), "bidi override dropped, text kept: {screen}");
    assert!(screen.contains("␛[2Jbad.txt"), "problems are shown safely: {screen}");
    assert!(screen.contains("␛]52;c;eA==␇"), "status is shown safely: {screen}");
    // Both panes keep their borders: no control shifted a line.
    for line in screen.lines().filter(|l| l.starts_with('│')) {
        assert!(line.ends_with('│'), "a row lost its right border: {line:?}");
    }
    // The file name in the list, when the page names no outlet; the overlays too.
    h.press("esc e");
    assert!(unsafe_cells(&h).is_empty());
    h.press("esc Q");
    assert!(unsafe_cells(&h).is_empty());
    h.press("esc !");
    assert!(unsafe_cells(&h).is_empty());
}

#[test]
fn a_file_name_with_escapes_is_shown_not_obeyed() {
    let mut h = harness_with(
        "news/\u{1b}[31mred.txt",
        "plain words of a story without a headline line at all, going on for a while",
        100,
        20,
    );
    h.press("enter");
    assert!(h.screen().contains("␛[31mred.txt"), "{}", h.screen());
    assert!(unsafe_cells(&h).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever bytes a file holds and whatever its name, no cell of the screen carries a
    /// control or bidi character.
    #[test]
    fn no_rendered_cell_holds_a_control(
        text in proptest::collection::vec(prop_oneof![
            4 => proptest::char::range('a', 'z'),
            1 => Just(' '), 1 => Just('\n'), 1 => Just('“'),
            2 => proptest::char::range('\0', '\u{1f}'),
            2 => proptest::char::range('\u{7f}', '\u{9f}'),
            1 => proptest::char::range('\u{2028}', '\u{206f}'),
            1 => proptest::char::range('\u{3040}', '\u{30ff}'),
        ], 1..400),
        name in "[a-z\u{1b}\u{7}\u{9b}\u{202e}]{1,12}",
        width in 30u16..140,
    ) {
        let text: String = text.into_iter().collect();
        let Ok(doc) = ingest::load_bytes(&format!("{name}.txt"), text.as_bytes()) else { return Ok(()) };
        let mut h = Harness::new(width, 20, &default_config());
        h.send(Msg::Loaded(Box::new(article::process(doc, &Rules::default()))));
        h.press("enter z");
        prop_assert!(unsafe_cells(&h).is_empty(), "{:?}", unsafe_cells(&h));
        h.press("Q");
        prop_assert!(unsafe_cells(&h).is_empty(), "{:?}", unsafe_cells(&h));
    }
}

fn tidings(args: &[&str], data: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tidings")).args(args).arg("--data-dir").arg(data).output().unwrap()
}

/// No byte sequence that a terminal obeys: ESC, other C0 controls but newline and tab,
/// C1 controls, bidi controls.
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<String> = text
        .chars()
        .filter(|c| is_unsafe(*c) && !matches!(c, '\n' | '\t' | '\r'))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(bad.is_empty(), "{what} carries {bad:?}");
}

#[test]
fn command_line_output_carries_no_terminal_controls() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nasty\u{1b}[31m.txt");
    std::fs::write(&file, page()).unwrap();
    let f = file.to_str().unwrap();
    for args in [vec!["clean", f], vec!["clean", "--show-removed", f], vec!["inspect", f], vec!["inspect", "--json", f]]
    {
        let out = tidings(&args, dir.path());
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert_inert(&format!("{args:?} stdout"), &out.stdout);
        assert_inert(&format!("{args:?} stderr"), &out.stderr);
    }
    // JSON keeps the text exactly, escaped.
    let out = tidings(&["inspect", "--json", f], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["title"].as_str().unwrap().contains('\u{1b}'), "{}", v["title"]);
    let out = tidings(&["bookmarks", "add", f, "--note", "see \u{1b}]52;c;eA==\u{7}", "--tag", "t\u{9b}"], dir.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_inert("bookmarks add", &out.stdout);
    assert_inert("bookmarks list", &tidings(&["bookmarks", "list"], dir.path()).stdout);
    for format in ["markdown", "json", "html", "csv"] {
        let out = tidings(&["bookmarks", "export", "--format", format], dir.path());
        assert!(out.status.success());
        assert_inert(format, &out.stdout);
    }
    // An error naming a hostile path.
    let out = tidings(&["clean", dir.path().join("gone\u{1b}[2J.txt").to_str().unwrap()], dir.path());
    assert!(!out.status.success());
    assert_inert("an error message", &out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("gone␛[2J.txt"));
}

/// Pages built to make a parser work for minutes. Each must load (the outcome, not the
/// clock, is asserted: before the bounds, the first took minutes and the second half a minute).
#[test]
fn pathological_pages_load_with_a_clear_warning() {
    let nested = format!(
        "<html><body>{}<p>The text at the bottom of the nesting.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let doc = ingest::load_bytes("deep.html", nested.as_bytes()).unwrap();
    assert!(doc.text.contains("The text at the bottom of the nesting."));
    assert!(doc.warnings.iter().any(|w| w.contains("nested 100000 levels deep")), "{:?}", doc.warnings);

    let attributes: String = (0..200_000).map(|i| format!(" data-a{i}=\"{i}\"")).collect();
    let page = format!("<html><body><p{attributes}>A paragraph with far too many attributes.</p></body></html>");
    let doc = ingest::load_bytes("attrs.html", page.as_bytes()).unwrap();
    assert!(doc.text.contains("A paragraph with far too many attributes."));
    assert!(doc.warnings.iter().any(|w| w.contains("200000 attributes")), "{:?}", doc.warnings);

    // Paragraphs and list items left open are closed by the parser: not deep, not refused.
    let unclosed = format!(
        "<html><body><ul>{}</ul>{}</body></html>",
        "<li>An item left open ".repeat(600),
        "<p>A paragraph left open. ".repeat(600)
    );
    let doc = ingest::load_bytes("unclosed.html", unclosed.as_bytes()).unwrap();
    assert!(doc.text.contains("A paragraph left open."));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);

    // Megabytes of character references, and a long line of quotations (annotating one
    // line was quadratic: 5 MB took eleven minutes).
    let refs = format!("<html><body><p>{}</p></body></html>", "&amp;&lt;&#x41;&eacute;&#128512; ".repeat(20_000));
    let doc = ingest::load_bytes("refs.html", refs.as_bytes()).unwrap();
    assert!(doc.text.starts_with("&<Aé😀"), "{}", &doc.text[..40]);
    let line = "“Said” she said. ".repeat(5_000);
    let doc = ingest::load_bytes("line.txt", line.as_bytes()).unwrap();
    let article = article::process(doc, &Rules::default());
    assert_eq!(article.doc.blocks.len(), 1);
}

#[test]
fn a_deep_page_is_read_as_text_with_its_script_left_out() {
    let page = format!(
        "<html><head><title>T</title><script>var x = '<div>' + 1 < 2;</script><STYLE>p {{ color: red }}</style></head><body>{}<h1>Head &amp; line</h1><p>Body of the story is here.</p>{}</body></html>",
        "<div>".repeat(600),
        "</div>".repeat(600)
    );
    let doc = ingest::load_bytes("deep.html", page.as_bytes()).unwrap();
    assert!(doc.text.contains("Head & line"), "{}", doc.text);
    assert!(doc.text.contains("Body of the story is here."));
    assert!(!doc.text.contains("var x") && !doc.text.contains("color"), "{}", doc.text);
}

proptest! {
    /// Whatever a server sends, reading it as a feed gives entries or an error, never a panic.
    #[test]
    fn any_bytes_read_as_a_feed_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = tidings::core::feeds::parse("https://feed.example/", &bytes);
    }

    #[test]
    fn any_text_read_as_opml_gives_subscriptions_or_an_error(text in "(<opml>|<outline |xmlUrl=\"|text=\"|/>|</outline>|[a-z &<>\"/=])*") {
        let _ = tidings::core::opml::read(&text);
    }

    #[test]
    fn broken_feed_markup_reads_or_fails_cleanly(cut in 0usize..400, junk in "[<>&a-z/\"= ]{0,40}") {
        let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>A</title>\
                   <link>/a</link><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>";
        let broken = format!("{}{junk}{}", &rss[..cut.min(rss.len())], &rss[cut.min(rss.len())..]);
        let _ = tidings::core::feeds::parse("https://feed.example/", broken.as_bytes());
    }
}
