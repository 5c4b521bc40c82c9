//! Loading files: the seeds' metadata, folders, and every kind of bad input.
mod common;

use std::fs;
use std::path::PathBuf;

use chrono::NaiveDate;
use proptest::prelude::*;
use tidings::core::document::Document;
use tidings::core::ingest::{self, IngestError, MAX_BYTES};

fn seeds_dir() -> Option<PathBuf> {
    common::shared().map(|s| s.join("seeds"))
}

fn seed(prefix: &str) -> Option<Document> {
    let dir = seeds_dir()?;
    let file = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))?;
    Some(ingest::load_file(&file).unwrap())
}

#[test]
fn seeds_metadata_is_inferred_like_a_reader_would() {
    let Some(s0) = seed("000_") else {
        return;
    };
    assert_eq!(s0.meta.title, "Trump displays frustration with Putin as NATO leaders gather");
    assert_eq!(s0.meta.place.as_deref(), Some("The Hague"));

    let s1 = seed("001_").unwrap();
    assert_eq!(s1.meta.title, "Analysis-Following NATO summit, Trump and Europe still at odds over Putin's ambitions");
    assert_eq!(s1.meta.source.as_deref(), Some("Reuters"));
    assert_eq!(s1.meta.place.as_deref(), Some("The Hague"));

    let s2 = seed("002_").unwrap();
    assert!(
        s2.meta.title.starts_with("US President Donald Trump said on Tuesday that Russian President"),
        "{}",
        s2.meta.title
    );
    assert!(s2.meta.title.ends_with('…') && s2.meta.title.chars().count() <= 81, "{}", s2.meta.title);

    let s3 = seed("003_").unwrap();
    assert_eq!(s3.meta.published, NaiveDate::from_ymd_opt(2025, 6, 27));
    assert_eq!(s3.meta.source.as_deref(), Some("Clash Report"));
    assert!(s3.meta.title.starts_with("The NATO summit in The Hague revealed deep divisions"), "{}", s3.meta.title);

    let s4 = seed("004_").unwrap();
    assert_eq!(s4.meta.title, "President Donald Trump’s upcoming meeting with NATO Secretary-General Mark…");
}

#[test]
fn folders_are_walked_recursively_in_order() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("b/deeper")).unwrap();
    fs::create_dir_all(dir.path().join(".hidden")).unwrap();
    fs::write(dir.path().join("a.txt"), "A\nText.").unwrap();
    fs::write(dir.path().join("b/deeper/c.html"), "<p>C</p>").unwrap();
    fs::write(dir.path().join("b/notes.pdf"), "x").unwrap();
    fs::write(dir.path().join(".hidden/d.txt"), "D").unwrap();
    let (files, errors) = ingest::discover(&[dir.path().to_path_buf()]);
    let names: Vec<_> =
        files.iter().map(|f| f.strip_prefix(dir.path()).unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, vec!["a.txt", "b/deeper/c.html"]);
    assert!(errors.is_empty());
}

#[test]
fn bad_paths_give_one_clear_error_each() {
    let dir = tempfile::tempdir().unwrap();
    let empty_dir = dir.path().join("empty");
    fs::create_dir(&empty_dir).unwrap();
    let pdf = dir.path().join("x.pdf");
    fs::write(&pdf, "%PDF").unwrap();
    let good = dir.path().join("ok.txt");
    fs::write(&good, "Fine\nA paragraph.").unwrap();
    let missing = dir.path().join("missing.txt");
    let (files, errors) = ingest::discover(&[missing.clone(), empty_dir, pdf, good.clone()]);
    assert_eq!(files, vec![good]);
    let msgs: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(msgs.len(), 3, "{msgs:?}");
    assert!(msgs[0].contains("missing.txt: cannot read"), "{}", msgs[0]);
    assert!(msgs[1].ends_with("empty: no articles here (looked for .txt, .md, .html, .htm)"), "{}", msgs[1]);
    assert!(msgs[2].ends_with("x.pdf: not an article file (Tidings opens .txt, .md, .html, .htm)"), "{}", msgs[2]);
}

#[test]
fn bad_files_are_refused_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let zero = dir.path().join("zero.txt");
    fs::write(&zero, "").unwrap();
    assert!(matches!(ingest::load_file(&zero), Err(IngestError::Empty(_))));

    let binary = dir.path().join("image.txt");
    fs::write(&binary, [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe]).unwrap();
    assert!(matches!(ingest::load_file(&binary), Err(IngestError::Binary(_))));

    // A sparse 50 MB file: refused from its size alone, without reading it.
    let huge = dir.path().join("huge.txt");
    fs::File::create(&huge).unwrap().set_len(50 * 1024 * 1024).unwrap();
    let err = ingest::load_file(&huge).unwrap_err();
    assert!(matches!(err, IngestError::TooLarge { .. }));
    assert!(err.to_string().contains(&format!("{} MiB limit", MAX_BYTES / 1024 / 1024)), "{err}");

    let latin1 = dir.path().join("latin1.txt");
    fs::write(&latin1, b"Caf\xe9 owners protest\nThe caf\xe9 owners of the old town marched on Monday.").unwrap();
    let doc = ingest::load_file(&latin1).unwrap();
    assert_eq!(doc.meta.title, "Caf\u{FFFD} owners protest");
    assert!(doc.warnings[0].contains("invalid UTF-8"));
}

fn check_blocks(doc: &Document) {
    let mut last_end = 0;
    for b in &doc.blocks {
        assert!(b.range.start < b.range.end && b.range.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(b.range.start) && doc.text.is_char_boundary(b.range.end));
        assert!(b.range.start >= last_end, "blocks overlap or are out of order");
        last_end = b.range.end;
    }
    for &i in &doc.meta.header_blocks {
        assert!(i < doc.blocks.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_bytes_load_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(doc) = ingest::load_bytes("x.txt", &bytes) {
            check_blocks(&doc);
        }
    }

    #[test]
    fn any_text_gives_sound_blocks_deterministically(text in "[ a-zA-Z0-9.,:—()\\-\\n\"“”’é日本]{0,400}") {
        let a = ingest::load_bytes("x.txt", text.as_bytes());
        let b = ingest::load_bytes("x.txt", text.as_bytes());
        match (a, b) {
            (Ok(a), Ok(b)) => {
                check_blocks(&a);
                prop_assert_eq!(a.blocks, b.blocks);
                prop_assert_eq!(a.meta, b.meta);
            }
            (Err(_), Err(_)) => {}
            _ => prop_assert!(false, "nondeterministic"),
        }
    }

    #[test]
    fn any_markup_loads_as_html(body in "[<>/a-z \"=p]{0,300}") {
        let page = format!("<html><body>{body}</body></html>");
        if let Ok(doc) = ingest::load_bytes("x.html", page.as_bytes()) {
            check_blocks(&doc);
        }
    }
}

/// The library lists a file from its top only; on real page dumps of every kind (the
/// seeds and the extraction pages, text and HTML) that must give what loading it whole
/// gives.
#[test]
fn listings_agree_with_whole_loads_on_real_pages() {
    let Some(shared) = common::shared() else { return };
    let mut checked = 0;
    for dir in ["seeds", "extraction-dev", "extraction-dev2"] {
        let Ok(entries) = fs::read_dir(shared.join(dir)) else { continue };
        for path in entries.map(|e| e.unwrap().path()) {
            let Ok(doc) = ingest::load_file(&path) else { continue };
            let listing = ingest::load_listing(&path).unwrap();
            assert_eq!((listing.id, &listing.meta), (doc.id, &doc.meta), "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} pages checked");
}
