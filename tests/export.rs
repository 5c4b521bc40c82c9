//! Bookmark exports: golden files, JSON round trip, CSV and browser-bookmark parsing.
use tidings::core::export::{self, Format};
use tidings::core::store::Bookmark;

fn sample() -> Vec<Bookmark> {
    vec![
        Bookmark {
            id: 2,
            article_id: "00000000000000b2".into(),
            title: "Dock workers end strike [update]".into(),
            source: Some("Coastline Wire".into()),
            location: "https://coastline.example/news/strike?id=4&x=<y>".into(),
            published: Some("2025-09-17".into()),
            saved_at: "2025-09-18T07:30:00+00:00".into(),
            note: "Ask the union, \"night shifts\", and\nthe port about cranes".into(),
            tags: vec!["labour".into(), "ports".into()],
            quotes: vec!["“We held together.” — Ilse Marchetti".into()],
        },
        Bookmark {
            id: 1,
            article_id: "00000000000000a1".into(),
            title: "Library reopens".into(),
            source: None,
            location: "/home/reader/news/library-reopens.md".into(),
            published: None,
            saved_at: "2025-09-17T06:00:00+00:00".into(),
            note: String::new(),
            tags: Vec::new(),
            quotes: Vec::new(),
        },
    ]
}

fn golden(name: &str, text: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export").join(name);
    if std::env::var("UPDATE_GOLDEN").is_ok() {
        std::fs::write(&path, text).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing golden file {}", path.display()));
    assert_eq!(text, expected, "{name} differs from its golden file");
}

#[test]
fn each_format_matches_its_golden_file() {
    for format in [Format::Markdown, Format::Json, Format::Html, Format::Csv] {
        golden(&format!("bookmarks.{}", format.extension()), &export::export(&sample(), format));
    }
}

#[test]
fn json_export_import_export_is_byte_identical() {
    let once = export::to_json(&sample());
    let back = export::from_json(&once).unwrap();
    assert_eq!(back, sample(), "every field restored");
    assert_eq!(export::to_json(&back), once);
    assert!(export::from_json("{\"format\":\"other\",\"version\":1,\"bookmarks\":[]}").is_err());
    assert!(export::from_json("{\"format\":\"tidings-bookmarks\",\"version\":99,\"bookmarks\":[]}")
        .unwrap_err()
        .to_string()
        .contains("newer"));
}

#[test]
fn csv_parses_back_to_the_same_fields() {
    let text = export::to_csv(&sample());
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][1], "Dock workers end strike [update]");
    assert_eq!(&rows[0][7], "Ask the union, \"night shifts\", and\nthe port about cranes");
    assert_eq!(&rows[0][6], "labour;ports");
    assert_eq!(&rows[1][2], "");
}

#[test]
fn browser_bookmarks_html_lists_every_url_title_and_tag() {
    let html = export::to_netscape_html(&sample());
    assert!(html.starts_with("<!DOCTYPE NETSCAPE-Bookmark-file-1>"));
    let dom = dom_query::Document::from(html.as_str());
    let links: Vec<(String, String, String)> = dom
        .select("a")
        .iter()
        .map(|a| {
            (a.attr("href").unwrap().to_string(), a.text().to_string(), a.attr("tags").unwrap_or_default().to_string())
        })
        .collect();
    assert_eq!(links.len(), 2);
    assert_eq!(
        links[0],
        (
            "https://coastline.example/news/strike?id=4&x=<y>".into(),
            "Dock workers end strike [update]".into(),
            "labour,ports".into()
        )
    );
    assert_eq!(links[1].0, "file:///home/reader/news/library-reopens.md");
    assert!(dom.select("dd").text().contains("Ask the union, \"night shifts\""));
}

#[test]
fn the_cli_exports_and_imports() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("strike.txt");
    std::fs::write(
        &page,
        "Port strike ends\nDock workers returned to work on Monday after a three-week strike, the union said.\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tidings"))
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run(&["bookmarks", "add", page.to_str().unwrap(), "--note", "a, \"quoted\" note", "--tag", "ports"])
        .starts_with("bookmarked 1"));
    let list = run(&["bookmarks", "list"]);
    assert!(list.contains("Port strike ends") && list.contains("a, \"quoted\" note"), "{list}");
    let json_path = dir.path().join("out.json");
    run(&["bookmarks", "export", "--format", "json", "-o", json_path.to_str().unwrap()]);
    run(&["bookmarks", "remove", "1"]);
    assert!(run(&["bookmarks", "list"]).starts_with("no bookmarks yet"), "an empty list says so");
    assert_eq!(run(&["bookmarks", "import", json_path.to_str().unwrap()]), "imported 1 bookmark\n");
    assert_eq!(run(&["bookmarks", "import", json_path.to_str().unwrap()]), "imported 0 bookmarks; 1 already present\n");
    // Adding it again keeps its note and merges what is given.
    let added = run(&["bookmarks", "add", page.to_str().unwrap(), "--tag", "labour"]);
    assert!(added.starts_with("already bookmarked"), "{added}");
    let list = run(&["bookmarks", "list"]);
    assert!(list.contains("a, \"quoted\" note"), "the note survives: {list}");
    run(&["bookmarks", "remove", "1"]);
    run(&["bookmarks", "import", json_path.to_str().unwrap()]);
    let again = run(&["bookmarks", "export", "--format", "json"]);
    assert_eq!(again, std::fs::read_to_string(&json_path).unwrap(), "export → import → export is identical");
    for format in ["markdown", "html", "csv"] {
        assert!(run(&["bookmarks", "export", "--format", format]).contains("Port strike ends"));
    }
}
