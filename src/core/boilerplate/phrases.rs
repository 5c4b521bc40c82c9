//! The furniture phrase lists, one file per language in `assets/phrases/` (its README
//! says what each section holds), compiled in by `build.rs` and merged on first use:
//! a page in one language often carries furniture in another.
use std::collections::HashMap;
use std::sync::LazyLock;

/// Every phrase file: (language, text).
const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/phrase_files.rs"));

/// The sections a phrase file may have.
pub const SECTIONS: [&str; 18] = [
    "share",
    "related",
    "newsletter",
    "comments",
    "comment_stem",
    "form",
    "credits",
    "contact",
    "advertising",
    "disclosure",
    "navigation",
    "copyright",
    "time_ago_units",
    "time_ago_words",
    "time_ago_glued",
    "stopwords",
    "cookie",
    "consent",
];

/// Section → phrases of every language, in file order.
type Book = HashMap<&'static str, Vec<&'static str>>;

/// Reads one phrase file into `book`, or says what is wrong with it.
fn read(language: &str, text: &'static str, book: &mut Book) -> Result<(), String> {
    let mut section = None;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let known = SECTIONS.iter().find(|s| **s == name);
            section = Some(*known.ok_or_else(|| format!("{language}.txt line {}: unknown section [{name}]", n + 1))?);
            continue;
        }
        let section = section.ok_or_else(|| format!("{language}.txt line {}: a phrase before any section", n + 1))?;
        if line.chars().any(char::is_uppercase) {
            return Err(format!("{language}.txt line {}: `{line}` is not lower case", n + 1));
        }
        book.entry(section).or_default().push(line);
    }
    Ok(())
}

static BOOK: LazyLock<Book> = LazyLock::new(|| {
    let mut book = Book::new();
    for (language, text) in FILES {
        // The files are ours and tested (see below); a bad one is skipped, not fatal.
        if let Err(e) = read(language, text, &mut book) {
            tracing::error!("phrase file: {e}");
        }
    }
    book
});

/// The phrases of `section` in every language.
pub fn list(section: &str) -> &'static [&'static str] {
    BOOK.get(section).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_file_reads_cleanly() {
        assert!(FILES.len() >= 12, "the language files are compiled in");
        for (language, text) in FILES {
            read(language, text, &mut Book::new()).unwrap();
        }
        for section in SECTIONS {
            assert!(!list(section).is_empty(), "no phrases for [{section}]");
        }
    }

    #[test]
    fn mistakes_in_a_file_are_named() {
        let err = |text: &'static str| read("xx", text, &mut Book::new()).unwrap_err();
        assert!(err("[sharing]\nteilen\n").contains("unknown section [sharing]"));
        assert!(err("teilen\n").contains("before any section"));
        assert!(err("[share]\nTeilen\n").contains("not lower case"));
    }
}
