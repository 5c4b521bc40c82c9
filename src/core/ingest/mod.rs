//! Files on disk → `Document`s. Guards against what real folders contain: binaries,
//! empty and huge files, broken UTF-8, directories with nothing to read.
mod declared;
mod html;
pub(crate) mod meta;
pub(crate) mod text;

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};

use crate::core::document::{content_id, BlockKind, Document, Listing, SourceKind};

pub use meta::title_case;

/// Largest file read as one article. Real article pages are well under 1 MB; anything
/// bigger is a dump or a mistake, and reading it would stall the reader.
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

const TEXT_EXTENSIONS: [&str; 4] = ["txt", "text", "md", "markdown"];
const HTML_EXTENSIONS: [&str; 3] = ["html", "htm", "xhtml"];

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// (`reason`, not `source`: the message already says it, so an error chain would repeat it.)
    #[error("{path}: cannot read: {reason}")]
    Io { path: String, reason: std::io::Error },
    #[error("{0}: empty file")]
    Empty(String),
    #[error("{0}: binary file, not an article")]
    Binary(String),
    #[error("{path}: {size} bytes is over the {} MiB limit for one article", MAX_BYTES / 1024 / 1024)]
    TooLarge { path: String, size: u64 },
    #[error("{0}: not an article file (Tidings opens .txt, .md, .html, .htm)")]
    Unsupported(String),
    #[error("{0}: web addresses cannot be opened yet; save the page and open the file")]
    Url(String),
    #[error("{0}: no article text found")]
    NoText(String),
    #[error("{0}: no articles here (looked for .txt, .md, .html, .htm)")]
    NothingFound(String),
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

fn is_article_file(path: &Path) -> bool {
    let ext = extension(path);
    TEXT_EXTENSIONS.contains(&ext.as_str()) || HTML_EXTENSIONS.contains(&ext.as_str())
}

/// Whether a file named on the command line may be opened: an article file, or one with
/// no extension at all (its content is sniffed). Folders are walked for article files only.
pub fn check_named(path: &Path) -> Result<(), IngestError> {
    let shown = path.display().to_string();
    if shown.contains("://") {
        return Err(IngestError::Url(shown));
    }
    if is_article_file(path) || path.extension().is_none() {
        Ok(())
    } else {
        Err(IngestError::Unsupported(shown))
    }
}

/// Expands the given paths into article files: directories recursively (hidden entries
/// and symlinked directories skipped), files as given. Sorted within each directory.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<IngestError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        if shown.contains("://") {
            errors.push(IngestError::Url(shown));
            continue;
        }
        match fs::metadata(path) {
            Err(reason) => errors.push(IngestError::Io { path: shown, reason }),
            Ok(m) if m.is_dir() => {
                let before = files.len();
                walk(path, &mut files, &mut errors);
                if files.len() == before {
                    errors.push(IngestError::NothingFound(shown));
                }
            }
            Ok(_) => match check_named(path) {
                Ok(()) => files.push(path.clone()),
                Err(e) => errors.push(e),
            },
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<IngestError>) {
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(reason) => {
            errors.push(IngestError::Io { path: dir.display().to_string(), reason });
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, files, errors),
            Ok(_) if is_article_file(&path) => files.push(path),
            _ => {}
        }
    }
}

/// Reads one file, refusing oversized ones before reading them.
pub fn load_file(path: &Path) -> Result<Document, IngestError> {
    let bytes = read_file(path)?;
    load_bytes(&path.display().to_string(), &bytes)
}

fn read_file(path: &Path) -> Result<Vec<u8>, IngestError> {
    use std::io::Read;
    let shown = || path.display().to_string();
    let io = |reason| IngestError::Io { path: shown(), reason };
    let mut file = fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_BYTES {
        return Err(IngestError::TooLarge { path: shown(), size });
    }
    // The size may be stale (the file is growing): never read past the limit.
    let mut bytes = Vec::with_capacity(size as usize);
    file.by_ref().take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(IngestError::TooLarge { path: shown(), size: bytes.len() as u64 });
    }
    Ok(bytes)
}

/// Bytes of a text file's top split into blocks for its listing: headline, date and
/// dateline come from the first few blocks, so splitting a whole 8 MB dump is waste.
const LISTING_HEAD: usize = 16 * 1024;

/// Reads one file for the library's list: the same identity and title, source and date
/// as `load_file`, at a fraction of the cost for text (only the top is split into
/// blocks; HTML is extracted whole, as its text is what the identity hashes).
pub fn load_listing(path: &Path) -> Result<Listing, IngestError> {
    let bytes = read_file(path)?;
    let origin = path.display().to_string();
    let (decoded, _) = decode(&origin, &bytes)?;
    if looks_like_html(&origin, &decoded) {
        let doc = load_bytes(&origin, &bytes)?;
        return Ok(Listing { id: doc.id, meta: doc.meta });
    }
    let markdown = is_markdown(&origin);
    let mut cut = decoded.len().min(LISTING_HEAD);
    while !decoded.is_char_boundary(cut) {
        cut += 1;
    }
    let head = decoded[cut..].find('\n').map_or(&decoded[..], |n| &decoded[..cut + n + 1]);
    let mut blocks = text::blocks(head, markdown);
    // Too few blocks at the top to be sure of the headline and date (or no paragraph for
    // a title to fall back on): split it all.
    let sure = blocks.len() >= meta::LOOKAHEAD_BLOCKS + 3 && blocks.iter().any(|b| b.kind == BlockKind::Paragraph);
    if !sure && head.len() < decoded.len() {
        blocks = text::blocks(&decoded, markdown);
    }
    if blocks.is_empty() {
        return Err(IngestError::NoText(origin));
    }
    Ok(Listing { id: content_id(&decoded), meta: meta::infer(&decoded, &blocks) })
}

/// Checks raw bytes and decodes them (lossily, with a warning, when not UTF-8).
pub fn decode<'a>(origin: &str, bytes: &'a [u8]) -> Result<(Cow<'a, str>, Option<String>), IngestError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty(origin.to_string()));
    }
    if looks_binary(bytes) {
        return Err(IngestError::Binary(origin.to_string()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), None));
    }
    Ok(match String::from_utf8_lossy(bytes) {
        Cow::Borrowed(s) => (Cow::Borrowed(s), None),
        Cow::Owned(s) => {
            let bad = s.matches('\u{FFFD}').count();
            let warning = format!("invalid UTF-8: {bad} bad sequence(s) shown as \u{FFFD}");
            (Cow::Owned(s), Some(warning))
        }
    })
}

fn is_markdown(origin: &str) -> bool {
    matches!(extension(Path::new(origin)).as_str(), "md" | "markdown")
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    head.contains(&0) || controls * 10 > head.len()
}

fn looks_like_html(origin: &str, text: &str) -> bool {
    let ext = extension(Path::new(origin));
    if HTML_EXTENSIONS.contains(&ext.as_str()) {
        return true;
    }
    let head: String = text.trim_start().chars().take(64).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Turns raw bytes into a document. `origin` names it in messages and picks the format.
pub fn load_bytes(origin: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    let (decoded, warning) = decode(origin, bytes)?;
    let decoded = decoded.into_owned();
    let mut warnings: Vec<String> = warning.into_iter().collect();
    let (kind, text, blocks, links, html_meta) = if looks_like_html(origin, &decoded) {
        let page = html::extract(&decoded);
        warnings.extend(page.warning);
        (SourceKind::Html, page.text, page.blocks, page.links, Some(page.meta))
    } else {
        let blocks = text::blocks(&decoded, is_markdown(origin));
        (SourceKind::Text, decoded, blocks, Vec::new(), None)
    };
    if blocks.is_empty() {
        return Err(IngestError::NoText(origin.to_string()));
    }
    let mut meta = meta::infer(&text, &blocks);
    if let Some(page) = html_meta {
        meta.title = page.title.unwrap_or(meta.title);
        meta.source = page.source.or(meta.source);
        meta.published = page.published.or(meta.published);
    }
    Ok(Document { id: content_id(&text), origin: origin.to_string(), kind, text, blocks, meta, links, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_and_binary_input() {
        assert!(matches!(load_bytes("a.txt", b""), Err(IngestError::Empty(_))));
        assert!(matches!(load_bytes("a.txt", b"  \n\n "), Err(IngestError::Empty(_))));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0";
        assert!(matches!(load_bytes("a.txt", png), Err(IngestError::Binary(_))));
    }

    #[test]
    fn broken_utf8_is_decoded_lossily_with_a_warning() {
        let doc = load_bytes("a.txt", b"Headline here\nSome caf\xe9 text that is long enough.\n").unwrap();
        assert!(doc.text.contains("caf\u{FFFD}"));
        assert_eq!(doc.warnings.len(), 1);
        assert!(doc.warnings[0].contains("invalid UTF-8"));
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let doc = load_bytes("a.txt", "\u{FEFF}Title line\nBody text.".as_bytes()).unwrap();
        assert_eq!(doc.meta.title, "Title line");
    }

    #[test]
    fn html_is_sniffed_without_an_extension() {
        let page = b"<!DOCTYPE html><html><head><title>T</title></head><body><article><h1>Big news today</h1><p>First paragraph of the story, long enough to count as article text for the extractor.</p></article></body></html>";
        let doc = load_bytes("page", page).unwrap();
        assert_eq!(doc.kind, SourceKind::Html);
        assert!(doc.text.contains("First paragraph"));
    }

    #[test]
    fn a_listing_reads_the_top_of_a_long_file_as_loading_it_would() {
        let dir = tempfile::tempdir().unwrap();
        let paragraph = "The council met again on Thursday and argued about the harbour budget for hours.\n\n";
        let text = format!("Harbour budget fight drags on\n\nMarch 4, 2024\n\n{}", paragraph.repeat(400));
        assert!(text.len() > 2 * LISTING_HEAD);
        let path = dir.path().join("long.txt");
        std::fs::write(&path, &text).unwrap();
        let doc = load_file(&path).unwrap();
        let listing = load_listing(&path).unwrap();
        assert_eq!((listing.id, &listing.meta), (doc.id, &doc.meta));
        assert_eq!(listing.meta.title, "Harbour budget fight drags on");
        // No paragraph at the top to fall back on for a title: the whole file is split.
        let list = format!("{}Then a real paragraph ends the page, long enough to be one.\n", "- item\n".repeat(4000));
        std::fs::write(&path, &list).unwrap();
        assert_eq!(load_listing(&path).unwrap().meta, load_file(&path).unwrap().meta);
        std::fs::write(&path, b"\0\x01binary").unwrap();
        assert!(matches!(load_listing(&path), Err(IngestError::Binary(_))));
    }

    #[test]
    fn same_text_gets_the_same_id_from_any_path() {
        let a = load_bytes("x/a.txt", b"Title\nBody.").unwrap();
        let b = load_bytes("y/b.txt", b"Title\nBody.").unwrap();
        assert_eq!(a.id, b.id);
    }
}
