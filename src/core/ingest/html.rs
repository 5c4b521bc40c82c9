//! HTML page → article text and blocks. dom_smoothie (a port of Mozilla's Readability)
//! picks the article out of the page; we then walk its DOM into headings, paragraphs,
//! list items and quotes, and keep the links. If extraction fails, the whole body is
//! walked instead, minus navigation, header, footer and forms.
use dom_query::{Document as Dom, NodeRef};
use dom_smoothie::Readability;

use crate::core::date;
use crate::core::document::{fold_whitespace, Block, BlockKind, Link};

pub struct PageMeta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<chrono::NaiveDate>,
}

pub struct Page {
    pub text: String,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    pub meta: PageMeta,
}

const SKIP: [&str; 12] = [
    "script", "style", "noscript", "template", "head", "svg", "button", "select", "textarea", "iframe",
    "canvas", "input",
];
/// Page chrome, skipped only when walking a whole page without extraction.
const CHROME: [&str; 6] = ["nav", "header", "footer", "form", "aside", "menu"];
/// A table row is one block: its cells are read across, like a line of text.
const BLOCKS: [&str; 28] = [
    "p", "div", "section", "article", "main", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4",
    "h5", "h6", "pre", "table", "tr", "dl", "dt", "dd", "figure", "figcaption", "hr", "address", "details",
    "summary", "body",
];

#[derive(Default)]
struct Builder {
    text: String,
    blocks: Vec<Block>,
    links: Vec<Link>,
    pending: String,
}

impl Builder {
    fn flush(&mut self, kind: BlockKind) {
        let joined = fold_whitespace(&self.pending);
        self.pending.clear();
        if joined.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(&joined);
        self.blocks.push(Block { range: start..self.text.len(), kind });
    }

    fn walk(&mut self, node: &NodeRef, kind: BlockKind, skip_chrome: bool) {
        if node.is_text() {
            self.pending.push_str(&node.text());
            return;
        }
        if !node.is_element() && !node.is_document() && !node.is_fragment() {
            return;
        }
        let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
        if SKIP.contains(&name.as_str()) || (skip_chrome && CHROME.contains(&name.as_str())) {
            return;
        }
        if name == "br" {
            self.flush(kind);
            return;
        }
        if name == "td" || name == "th" {
            self.pending.push(' ');
        }
        if name == "a" {
            if let Some(href) = node.attr("href").filter(|h| !h.starts_with('#') && !h.starts_with("javascript:")) {
                let text = fold_whitespace(&node.text());
                self.links.push(Link { text, url: href.to_string() });
            }
        }
        if !BLOCKS.contains(&name.as_str()) {
            for child in node.children_it(false) {
                self.walk(&child, kind, skip_chrome);
            }
            return;
        }
        let inner = match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
            "li" | "dt" | "dd" => BlockKind::ListItem,
            "blockquote" => BlockKind::Quote,
            "figcaption" => BlockKind::Caption,
            _ => kind,
        };
        self.flush(kind);
        for child in node.children_it(false) {
            self.walk(&child, inner, skip_chrome);
        }
        self.flush(inner);
    }
}

fn walk_into_page(root: &NodeRef, skip_chrome: bool) -> Builder {
    let mut b = Builder::default();
    b.walk(root, BlockKind::Paragraph, skip_chrome);
    b.flush(BlockKind::Paragraph);
    b
}

pub fn extract(html: &str) -> Page {
    let article = Readability::new(html, None, None).ok().and_then(|mut r| r.parse().ok());
    let (built, meta) = match article {
        Some(a) => {
            let content = Dom::from(a.content.to_string());
            let meta = PageMeta {
                title: Some(a.title.trim().to_string()).filter(|t| !t.is_empty()),
                source: a.site_name.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
                published: a.published_time.as_deref().and_then(|t| date::parse_prefix(t.trim()).map(|(d, _)| d)),
            };
            (walk_into_page(&content.root(), false), meta)
        }
        None => {
            let dom = Dom::from(html);
            let title = dom.select("title").text().trim().to_string();
            let meta = PageMeta { title: Some(title).filter(|t| !t.is_empty()), source: None, published: None };
            (walk_into_page(&dom.root(), true), meta)
        }
    };
    Page { text: built.text, blocks: built.blocks, links: built.links, meta }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Port strike ends | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="2025-03-04T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Port strike ends</h1>
<p>Dock workers in the city of Velmar returned to work on Monday after a three-week strike that
halted shipping along the coast, the union said in a statement to members.</p>
<h2>What was agreed</h2>
<p>The agreement raises wages by six percent over two years and adds a new safety committee,
according to <a href="https://example.org/deal">the published deal</a>.</p>
<ul><li>Six percent over two years</li><li>A joint safety committee</li></ul>
<blockquote><p>We held together and it worked, said the union chair.</p></blockquote>
<p>Shipping companies said they expected the backlog of containers to clear within ten days.</p>
</article><footer>Copyright 2025 Harbour Times</footer></body></html>"#;

    #[test]
    fn extracts_article_blocks_links_and_metadata() {
        let page = extract(PAGE);
        let kinds: Vec<_> = page.blocks.iter().map(|b| (&page.text[b.range.clone()], b.kind)).collect();
        assert!(kinds.contains(&("What was agreed", BlockKind::Heading)), "{kinds:?}");
        assert!(kinds.contains(&("Six percent over two years", BlockKind::ListItem)), "{kinds:?}");
        assert!(kinds.iter().any(|(t, k)| t.starts_with("We held together") && *k == BlockKind::Quote), "{kinds:?}");
        assert!(!page.text.contains("Copyright"), "footer leaked: {}", page.text);
        assert!(page.links.iter().any(|l| l.url == "https://example.org/deal" && l.text == "the published deal"));
        assert_eq!(page.meta.source.as_deref(), Some("Harbour Times"));
        assert_eq!(page.meta.published, chrono::NaiveDate::from_ymd_opt(2025, 3, 4));
    }

    #[test]
    fn malformed_html_still_gives_text() {
        let page = extract("<html><body><div><p>Unclosed paragraph with <b>bold text<p>Second one");
        assert!(page.text.contains("Unclosed paragraph with bold text"));
        assert!(page.text.contains("Second one"));
    }
}
