//! OPML 2.0 subscription lists, the format every feed reader imports and exports.
//! Folders become tags and tags become folders again: a feed is written in the folder
//! of its first tag, with all its tags in `category`, so a round trip loses nothing.
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::core::sanitize::html_escape;

/// Largest OPML file read: real ones are kilobytes.
pub const MAX_OPML_BYTES: usize = 16 * 1024 * 1024;
/// Folders nested deeper than this are flattened into the deepest one allowed.
const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub url: String,
    pub title: String,
    pub tags: Vec<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OpmlError {
    #[error("not an OPML file: {0}")]
    Malformed(String),
    #[error("{0} bytes is over the {limit} MiB limit for an OPML file", limit = MAX_OPML_BYTES >> 20)]
    TooLarge(usize),
}

/// The subscriptions in an OPML document, in document order, each URL once.
pub fn read(text: &str) -> Result<Vec<Subscription>, OpmlError> {
    if text.len() > MAX_OPML_BYTES {
        return Err(OpmlError::TooLarge(text.len()));
    }
    let mut reader = Reader::from_str(text);
    // The folders the reader is inside; `None` for an outline that is a feed.
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut subscriptions: Vec<Subscription> = Vec::new();
    let mut saw_opml = false;
    loop {
        let event = reader.read_event().map_err(|e| OpmlError::Malformed(e.to_string()))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "opml" => saw_opml = true,
            Event::Start(ref e) | Event::Empty(ref e) if e.local_name().as_ref() == "outline" => {
                let opened = matches!(event, Event::Start(_));
                let attr = |name: &str| attribute(e, name);
                match attr("xmlUrl").filter(|u| !u.trim().is_empty()) {
                    Some(url) => {
                        let mut tags: Vec<String> = folders.iter().flatten().cloned().collect();
                        for tag in attr("category").unwrap_or_default().split(',') {
                            let tag = tag.trim().trim_matches('/').trim();
                            if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
                                tags.push(tag.to_string());
                            }
                        }
                        let title = attr("title").or_else(|| attr("text")).unwrap_or_default();
                        if !subscriptions.iter().any(|s| s.url == url.trim()) {
                            subscriptions.push(Subscription { url: url.trim().to_string(), title, tags });
                        }
                        if opened {
                            folders.push(None);
                        }
                    }
                    None if opened => {
                        let name = attr("text").or_else(|| attr("title")).map(|t| t.trim().to_string());
                        folders.push(name.filter(|n| !n.is_empty() && folders.len() < MAX_DEPTH));
                    }
                    None => {}
                }
            }
            Event::End(e) if e.local_name().as_ref() == "outline" => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_opml {
        return Err(OpmlError::Malformed("no <opml> element".into()));
    }
    Ok(subscriptions)
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// An OPML 2.0 document of `subscriptions`: untagged ones at the top, the others in the
/// folder of their first tag.
pub fn write(subscriptions: &[Subscription]) -> String {
    let outline = |s: &Subscription, indent: &str| {
        let category =
            if s.tags.is_empty() { String::new() } else { format!(" category=\"{}\"", html_escape(&s.tags.join(","))) };
        format!(
            "{indent}<outline type=\"rss\" text=\"{t}\" title=\"{t}\" xmlUrl=\"{u}\"{category}/>\n",
            t = html_escape(&s.title),
            u = html_escape(&s.url)
        )
    };
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head><title>Tidings subscriptions</title></head>\n  <body>\n",
    );
    for s in subscriptions.iter().filter(|s| s.tags.is_empty()) {
        out.push_str(&outline(s, "    "));
    }
    let mut folders: Vec<&str> = subscriptions.iter().filter_map(|s| s.tags.first().map(String::as_str)).collect();
    folders.dedup();
    folders.sort_unstable();
    folders.dedup();
    for folder in folders {
        out.push_str(&format!("    <outline text=\"{0}\" title=\"{0}\">\n", html_escape(folder)));
        for s in subscriptions.iter().filter(|s| s.tags.first().map(String::as_str) == Some(folder)) {
            out.push_str(&outline(s, "      "));
        }
        out.push_str("    </outline>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(url: &str, title: &str, tags: &[&str]) -> Subscription {
        Subscription { url: url.into(), title: title.into(), tags: tags.iter().map(|t| t.to_string()).collect() }
    }

    #[test]
    fn folders_become_tags_and_back_without_loss() {
        let subs = vec![
            sub("https://harbour.example/feed", "Harbour Times", &[]),
            sub("https://coast.example/atom", "Coast & Wire", &["coast", "daily"]),
            sub("https://bay.example/rss?a=1&b=2", "Bay \"Notes\"", &["coast"]),
            sub("https://tech.example/feed", "Tech", &["work"]),
        ];
        let written = write(&subs);
        assert_eq!(read(&written).unwrap(), subs);
    }

    #[test]
    fn nested_folders_give_every_folder_as_a_tag() {
        let opml = r#"<?xml version="1.0"?><opml version="1.0"><body>
<outline text="News"><outline text="Local"><outline text="Harbour" xmlUrl="https://h.example/rss"/></outline></outline>
<outline title="Loose" xmlUrl="https://l.example/rss" category="/Tech/Rust,/daily"/>
<outline text="Harbour again" xmlUrl="https://h.example/rss"/>
</body></opml>"#;
        let subs = read(opml).unwrap();
        assert_eq!(
            subs,
            vec![
                sub("https://h.example/rss", "Harbour", &["News", "Local"]),
                sub("https://l.example/rss", "Loose", &["Tech/Rust", "daily"]),
            ]
        );
    }

    #[test]
    fn what_is_not_opml_says_so() {
        assert!(matches!(read("<rss><channel/></rss>"), Err(OpmlError::Malformed(_))));
        assert!(matches!(read("<opml><body><outline text=\"a\"></body></opml>"), Err(OpmlError::Malformed(_))));
        assert!(read("").is_err());
    }
}
