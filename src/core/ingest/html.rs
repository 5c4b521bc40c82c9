//! HTML page → article text and blocks. dom_smoothie (a port of Mozilla's Readability)
//! picks the article out of the page; we then walk its DOM into headings, paragraphs,
//! list items and quotes, and keep the links. If extraction fails, the whole body is
//! walked instead, minus navigation, header, footer and forms.
use dom_query::{Document as Dom, NodeRef};
use dom_smoothie::Readability;

use super::declared;
use crate::core::date;
use crate::core::document::{fold_whitespace, Block, BlockKind, Link};

pub struct PageMeta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<chrono::NaiveDate>,
}

pub struct Page {
    /// Why the article could not be picked out of the page, if it could not.
    pub warning: Option<String>,
    pub text: String,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    pub meta: PageMeta,
}

const SKIP: [&str; 12] = [
    "script", "style", "noscript", "template", "head", "svg", "button", "select", "textarea", "iframe", "canvas",
    "input",
];
/// Real pages nest elements a few dozen levels deep and hold a few thousand; these
/// bounds leave ten times that room.
const MAX_DEPTH: usize = 500;
const MAX_ELEMENTS: usize = 100_000;
/// Page chrome, skipped only when walking a whole page without extraction.
const CHROME: [&str; 6] = ["nav", "header", "footer", "form", "aside", "menu"];
/// A table row is one block: its cells are read across, like a line of text.
const BLOCKS: [&str; 28] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "table",
    "tr",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
    "body",
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

    /// Walks the DOM under `root` into blocks, with an explicit stack: a page nested
    /// 100,000 levels deep must not overflow the thread's stack.
    fn walk(&mut self, root: &NodeRef, skip_chrome: bool) {
        enum Step<'a> {
            Enter(NodeRef<'a>, BlockKind),
            /// Leaving a block element: its text ends its block.
            Leave(BlockKind),
        }
        fn push_children<'a>(stack: &mut Vec<Step<'a>>, node: &NodeRef<'a>, kind: BlockKind) {
            let first = stack.len();
            stack.extend(node.children_it(false).map(|c| Step::Enter(c, kind)));
            stack[first..].reverse();
        }
        let mut stack = vec![Step::Enter(*root, BlockKind::Paragraph)];
        while let Some(step) = stack.pop() {
            let (node, kind) = match step {
                Step::Leave(kind) => {
                    self.flush(kind);
                    continue;
                }
                Step::Enter(node, kind) => (node, kind),
            };
            if node.is_text() {
                self.pending.push_str(&node.text());
                continue;
            }
            if !node.is_element() && !node.is_document() && !node.is_fragment() {
                continue;
            }
            let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
            if SKIP.contains(&name.as_str()) || (skip_chrome && CHROME.contains(&name.as_str())) {
                continue;
            }
            if name == "br" {
                self.flush(kind);
                continue;
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
                push_children(&mut stack, &node, kind);
                continue;
            }
            let inner = match name.as_str() {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
                "li" | "dt" | "dd" => BlockKind::ListItem,
                "blockquote" => BlockKind::Quote,
                "figcaption" => BlockKind::Caption,
                _ => kind,
            };
            self.flush(kind);
            stack.push(Step::Leave(inner));
            push_children(&mut stack, &node, inner);
        }
    }
}

fn walk_into_page(root: &NodeRef, skip_chrome: bool) -> Builder {
    let mut b = Builder::default();
    b.walk(root, skip_chrome);
    b.flush(BlockKind::Paragraph);
    b
}

/// Deepest element nesting and number of elements, counted without recursion.
fn shape(root: &NodeRef) -> (usize, usize) {
    let mut stack = vec![(*root, 0)];
    let (mut deepest, mut elements) = (0, 0);
    while let Some((node, depth)) = stack.pop() {
        elements += 1;
        deepest = deepest.max(depth);
        stack.extend(node.children_it(false).filter(|c| c.is_element()).map(|c| (c, depth + 1)));
    }
    (deepest, elements)
}

/// Elements whose end tag may be left out (the parser closes them), and void elements:
/// neither deepens the nesting a page declares.
const NO_DEPTH: [&str; 30] = [
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "rp", "rt",
    "html", "head", "body", "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "wbr",
];
/// More attributes than any real tag carries; the parser's duplicate check is quadratic.
const MAX_ATTRIBUTES: usize = 1_000;

/// A linear look at the raw page before any parser sees it: why it must not be parsed
/// (the HTML parser's own work grows with the square of the nesting and of a tag's
/// attributes), or `None`.
fn refuse_to_parse(html: &str) -> Option<String> {
    let (mut depth, mut deepest, mut attributes) = (0usize, 0usize, 0usize);
    for tag in tags(html) {
        attributes = attributes.max(tag.attributes);
        if NO_DEPTH.contains(&tag.name.as_str()) || tag.self_closing {
            continue;
        }
        if tag.closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    if deepest > MAX_DEPTH {
        Some(format!("page nested {deepest} levels deep (more than {MAX_DEPTH})"))
    } else if attributes > MAX_ATTRIBUTES {
        Some(format!("a tag with {attributes} attributes (more than {MAX_ATTRIBUTES})"))
    } else {
        None
    }
}

/// A tag as a quick scan sees it.
struct Tag {
    /// Lower-case name.
    name: String,
    closing: bool,
    self_closing: bool,
    /// `=` signs inside the tag: about one per attribute.
    attributes: usize,
    /// Byte range of the whole tag, `<` to `>`.
    range: std::ops::Range<usize>,
}

/// The tags of a page in one pass, skipping comments and the insides of scripts and
/// styles. Not a parser: enough to measure a page and to strip it to text.
fn tags(html: &str) -> impl Iterator<Item = Tag> + '_ {
    let bytes = html.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let open = at + html.get(at..)?.find('<')?;
        let rest = &html[open + 1..];
        if rest.starts_with("!--") {
            at = rest.find("-->").map_or(html.len(), |e| open + 1 + e + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name_start = open + 1 + usize::from(closing);
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
        let end = html[name_start..].find('>').map_or(html.len(), |e| name_start + e + 1);
        at = end;
        if name_len == 0 {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let inside = &html[name_start + name_len..end];
        let tag = Tag {
            closing,
            self_closing: inside.ends_with("/>"),
            attributes: inside.matches('=').count(),
            range: open..end,
            name,
        };
        if !closing && (tag.name == "script" || tag.name == "style") {
            at = closing_tag(html, end, &tag.name);
        }
        return Some(tag);
    })
}

/// Where `</name` next starts at or after `from` (any case), or the end of the page.
fn closing_tag(html: &str, from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(p) = html.get(at..).and_then(|r| r.find("</")) {
        let start = at + p;
        let candidate = html.as_bytes().get(start + 2..start + 2 + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) {
            return start;
        }
        at = start + 2;
    }
    html.len()
}

/// The page's text with its tags taken out: block tags break lines, scripts and styles
/// go, and the common character references are decoded. The fallback for pages the
/// parser must not see; the text path's rules then find the blocks.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut at = 0;
    for tag in tags(html) {
        out.push_str(&decode_references(&html[at..tag.range.start.max(at)]));
        if BLOCKS.contains(&tag.name.as_str()) || tag.name == "br" {
            out.push('\n');
        }
        at = if tag.name == "script" || tag.name == "style" {
            // `tags` skipped to the closing tag; the script's text is not the article's.
            html[tag.range.end..].find('<').map_or(html.len(), |p| tag.range.end + p)
        } else {
            tag.range.end
        };
    }
    out.push_str(&decode_references(&html[at.min(html.len())..]));
    out
}

fn decode_references(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

pub fn extract(html: &str) -> Page {
    if let Some(why) = refuse_to_parse(html) {
        let text = strip_tags(html);
        let blocks = super::text::blocks(&text, false);
        let meta = PageMeta { title: None, source: None, published: None };
        let warning = Some(format!("{why}: read as text, without picking out the article"));
        return Page { text, blocks, links: Vec::new(), meta, warning };
    }
    let dom = Dom::from(html);
    let (depth, elements) = shape(&dom.root());
    // Extraction's work grows with the square of the nesting: past these bounds the page
    // is read whole (the filter still judges it), in time linear in its size.
    let too_big = if depth > MAX_DEPTH {
        Some(format!("page nested {depth} levels deep (more than {MAX_DEPTH})"))
    } else if elements > MAX_ELEMENTS {
        Some(format!("page has {elements} elements (more than {MAX_ELEMENTS})"))
    } else {
        None
    };
    let declared = declared::read(&dom);
    // Readability takes the parsed page; it is parsed again only if extraction fails.
    let (article, unused) = match too_big {
        None => (Readability::with_document(dom, None, None).ok().and_then(|mut r| r.parse().ok()), None),
        Some(_) => (None, Some(dom)),
    };
    let (built, meta) = match article {
        Some(a) => {
            let content = Dom::from(a.content.to_string());
            let site = declared.site.or_else(|| a.site_name.map(|s| declared::site_name(&s)).filter(|s| !s.is_empty()));
            let meta = PageMeta {
                title: Some(declared::without_site(a.title.trim(), site.as_deref()))
                    .filter(|t| !t.is_empty())
                    .or(declared.title),
                source: site,
                published: a
                    .published_time
                    .as_deref()
                    .and_then(|t| date::parse_prefix(t.trim()).map(|(d, _)| d))
                    .or(declared.published),
            };
            (walk_into_page(&content.root(), false), meta)
        }
        None => {
            let dom = unused.unwrap_or_else(|| Dom::from(html));
            let meta = PageMeta { title: declared.title, source: declared.site, published: declared.published };
            (walk_into_page(&dom.root(), true), meta)
        }
    };
    let warning = too_big.map(|why| format!("{why}: shown whole, without picking out the article"));
    Page { text: built.text, blocks: built.blocks, links: built.links, meta, warning }
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
