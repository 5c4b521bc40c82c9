//! Bookmarks out to the formats people use, and back in from our JSON.
use serde::{Deserialize, Serialize};

use crate::core::sanitize;
use crate::core::store::Bookmark;

/// The JSON export's schema version; `import` accepts this version.
pub const JSON_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct JsonExport {
    /// Always "tidings-bookmarks".
    format: String,
    version: u32,
    bookmarks: Vec<Bookmark>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Html,
    Csv,
}

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "markdown" | "md" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "html" | "netscape" => Some(Format::Html),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Html => "html",
            Format::Csv => "csv",
        }
    }
}

pub fn export(bookmarks: &[Bookmark], format: Format) -> String {
    match format {
        Format::Markdown => to_markdown(bookmarks),
        Format::Json => to_json(bookmarks),
        Format::Html => to_netscape_html(bookmarks),
        Format::Csv => to_csv(bookmarks),
    }
}

fn link(b: &Bookmark) -> String {
    if b.location.contains("://") {
        b.location.clone()
    } else {
        format!("file://{}", b.location)
    }
}

/// One section per bookmark: linked title, source, date, tags, note, quotations as block quotes.
pub fn to_markdown(bookmarks: &[Bookmark]) -> String {
    let mut out = String::from("# Bookmarks\n");
    for b in bookmarks {
        let title = sanitize::line(&b.title).replace('[', "\\[").replace(']', "\\]");
        let url = sanitize::line(&link(b)).replace(' ', "%20").replace('<', "%3C").replace('>', "%3E");
        out.push_str(&format!("\n## [{title}](<{url}>)\n\n"));
        let facts: Vec<String> = [b.source.clone(), b.published.clone(), Some(format!("saved {}", b.saved_at))]
            .into_iter()
            .flatten()
            .collect();
        out.push_str(&format!("*{}*\n", sanitize::line(&facts.join(" · "))));
        if !b.tags.is_empty() {
            out.push_str(&format!(
                "\nTags: {}\n",
                b.tags.iter().map(|t| format!("`{}`", sanitize::line(t))).collect::<Vec<_>>().join(", ")
            ));
        }
        if !b.note.trim().is_empty() {
            // The note's own line breaks stay breaks (a backslash at the line's end), not one paragraph.
            let note = sanitize::text(b.note.trim_end());
            let lines: Vec<&str> = note.lines().map(str::trim_end).collect();
            out.push('\n');
            for (i, line) in lines.iter().enumerate() {
                let more = lines.get(i + 1).is_some_and(|next| !next.is_empty());
                out.push_str(line);
                out.push_str(if more && !line.is_empty() { "\\\n" } else { "\n" });
            }
        }
        for q in &b.quotes {
            out.push('\n');
            for line in sanitize::text(q).lines() {
                out.push_str(&format!("> {line}\n"));
            }
        }
    }
    out
}

pub fn to_json(bookmarks: &[Bookmark]) -> String {
    let doc = JsonExport { format: "tidings-bookmarks".into(), version: JSON_VERSION, bookmarks: bookmarks.to_vec() };
    sanitize::json(serde_json::to_string_pretty(&doc).expect("bookmarks serialise")) + "\n"
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not a Tidings bookmarks export: {0}")]
    Invalid(String),
    #[error("bookmarks export version {0} is newer than this Tidings reads ({JSON_VERSION})")]
    TooNew(u32),
}

pub fn from_json(text: &str) -> Result<Vec<Bookmark>, ImportError> {
    let doc: JsonExport = serde_json::from_str(text).map_err(|e| ImportError::Invalid(e.to_string()))?;
    if doc.format != "tidings-bookmarks" {
        return Err(ImportError::Invalid(format!("format is {:?}", doc.format)));
    }
    if doc.version > JSON_VERSION {
        return Err(ImportError::TooNew(doc.version));
    }
    Ok(doc.bookmarks)
}

/// The Netscape bookmark file that Firefox and Chrome import: notes become descriptions
/// (`<DD>`), tags the TAGS attribute.
pub fn to_netscape_html(bookmarks: &[Bookmark]) -> String {
    let mut out = String::from(
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<!-- This is an automatically generated file. -->\n<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n    <DT><H3>Tidings</H3>\n    <DL><p>\n",
    );
    for b in bookmarks {
        let added = chrono::DateTime::parse_from_rfc3339(&b.saved_at).map_or(0, |t| t.timestamp());
        out.push_str(&format!(
            "        <DT><A HREF=\"{}\" ADD_DATE=\"{added}\" TAGS=\"{}\">{}</A>\n",
            sanitize::html_escape(&link(b)),
            sanitize::html_escape(&b.tags.join(",")),
            sanitize::html_escape(&b.title)
        ));
        let mut description = b.note.trim().to_string();
        for q in &b.quotes {
            description.push_str(&format!("\n\n{q}"));
        }
        if !description.trim().is_empty() {
            out.push_str(&format!("        <DD>{}\n", sanitize::html_escape(description.trim()).replace('\n', "<br>")));
        }
    }
    out.push_str("    </DL><p>\n</DL><p>\n");
    out
}

/// RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or line breaks
/// in double quotes with quotes doubled.
pub fn to_csv(bookmarks: &[Bookmark]) -> String {
    fn field(s: &str) -> String {
        let s = sanitize::text(s);
        if s.contains([',', '"', '\n', '\t']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.into_owned()
        }
    }
    let mut out = String::from("id,title,source,location,published,saved_at,tags,note,quotes\r\n");
    for b in bookmarks {
        let row = [
            b.id.to_string(),
            b.title.clone(),
            b.source.clone().unwrap_or_default(),
            b.location.clone(),
            b.published.clone().unwrap_or_default(),
            b.saved_at.clone(),
            b.tags.join(";"),
            b.note.clone(),
            b.quotes.join("\n"),
        ];
        out.push_str(&row.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}
