//! What an HTML page declares about itself in its markup: the site's name, the headline
//! and the publication date, from Open Graph tags, schema.org microdata and JSON-LD.
//! Sites fill these for search engines and link previews, so they are the most reliable
//! facts on a page, once their own furniture is cut off ("Headline | Site - Tagline").
use dom_query::Document as Dom;
use serde_json::Value;

use crate::core::date;

/// Hosting platforms that put their own name where the site's belongs.
const PLATFORMS: [&str; 4] = ["blogger", "wordpress", "wordpress.com", "medium"];
/// How much JSON-LD is read per page: real pages carry a few kilobytes.
const MAX_JSON_LD_BYTES: usize = 256 * 1024;

#[derive(Debug, Default, PartialEq)]
pub struct Declared {
    pub site: Option<String>,
    pub title: Option<String>,
    pub published: Option<chrono::NaiveDate>,
}

pub fn read(dom: &Dom) -> Declared {
    let meta = |key: &str| {
        let found = dom.select(&format!(r#"meta[property="{key}"], meta[name="{key}"]"#)).attr("content");
        found.map(|c| c.trim().to_string()).filter(|c| !c.is_empty())
    };
    let ld = json_ld(dom);
    let site = meta("og:site_name")
        .or_else(|| ld.iter().find_map(|v| v.pointer("/publisher/name")?.as_str().map(str::to_string)))
        .map(|s| site_name(&s))
        .filter(|s| !s.is_empty());
    let title =
        meta("og:title").or_else(|| Some(dom.select("title").text().trim().to_string())).filter(|t| !t.is_empty());
    let title = title.map(|t| without_site(&t, site.as_deref()));
    let microdata = dom.select(r#"[itemprop="datePublished"]"#);
    let published = [
        meta("article:published_time"),
        ld.iter().find_map(|v| v.get("datePublished")?.as_str().map(str::to_string)),
        microdata.attr("content").or_else(|| microdata.attr("datetime")).map(|s| s.to_string()),
        meta("date").or_else(|| meta("pubdate")).or_else(|| meta("dc.date")),
    ]
    .into_iter()
    .flatten()
    .find_map(|s| date::parse_prefix(s.trim()).map(|(d, _)| d));
    Declared { site, title, published }
}

/// The page's JSON-LD objects, flattened out of arrays and `@graph` lists.
fn json_ld(dom: &Dom) -> Vec<Value> {
    let mut out = Vec::new();
    let mut budget = MAX_JSON_LD_BYTES;
    for script in dom.select(r#"script[type="application/ld+json"]"#).iter() {
        let text = script.text();
        if text.len() > budget {
            break;
        }
        budget -= text.len();
        let Ok(value) = serde_json::from_str::<Value>(&text) else { continue };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items),
                Value::Object(ref map) if map.contains_key("@graph") => stack.extend(map.get("@graph").cloned()),
                Value::Object(_) => out.push(v),
                _ => {}
            }
        }
    }
    out
}

/// "Remember 80/90 - Memorabilia anni 80/90" → "Remember 80/90": a site name with its
/// tagline or section list cut off.
pub(super) fn site_name(s: &str) -> String {
    let cut = [" | ", " - ", " – ", " — ", " : "].iter().filter_map(|sep| s.find(sep)).min().unwrap_or(s.len());
    let name = s[..cut].trim();
    if PLATFORMS.contains(&name.to_lowercase().as_str()) {
        String::new()
    } else {
        name.to_string()
    }
}

/// "Headline - Site" or "Headline | Site - Tagline" → "Headline", when the cut-off part
/// starts with the site's name; a title that is only the site's name is kept whole.
pub(super) fn without_site(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.map(|s| s.to_lowercase()).filter(|s| !s.is_empty()) else { return title.to_string() };
    let squashed = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        let mut at = 0;
        while let Some(p) = title[at..].find(sep).map(|p| p + at) {
            let tail = squashed(&title[p + sep.len()..].to_lowercase());
            if p > 0 && tail.starts_with(&squashed(&site)) {
                return title[..p].trim().to_string();
            }
            at = p + sep.len();
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(head: &str) -> Declared {
        read(&Dom::from(format!("<html><head>{head}</head><body><p>x</p></body></html>")))
    }

    #[test]
    fn site_suffix_and_tagline_are_cut_from_the_title() {
        let d = declared(
            r#"<title>Port strike ends - Harbour Times - News of the Coast</title><meta property="og:site_name" content="Harbour Times | News of the Coast">"#,
        );
        assert_eq!(d.site.as_deref(), Some("Harbour Times"));
        assert_eq!(d.title.as_deref(), Some("Port strike ends"));
        let d = declared(r#"<title>Harbour Times</title><meta property="og:site_name" content="Harbour Times">"#);
        assert_eq!(d.title.as_deref(), Some("Harbour Times"), "a title that is only the site's name stays");
        let d = declared(
            r#"<title>Storm - what we know | TheHarbourTimes</title><meta property="og:site_name" content="The Harbour Times">"#,
        );
        assert_eq!(d.title.as_deref(), Some("Storm - what we know"));
    }

    #[test]
    fn a_hosting_platform_is_not_the_site() {
        assert_eq!(declared(r#"<meta property="og:site_name" content="Blogger">"#).site, None);
    }

    #[test]
    fn dates_and_publisher_from_json_ld_and_microdata() {
        let d = declared(
            r#"<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2024-03-04T10:00:00+01:00","publisher":{"name":"Valley Post"}}]}</script>"#,
        );
        assert_eq!(d.published, chrono::NaiveDate::from_ymd_opt(2024, 3, 4));
        assert_eq!(d.site.as_deref(), Some("Valley Post"));
        let d = declared(r#"<meta itemprop="datePublished" content="2019-11-19 02:24:00">"#);
        assert_eq!(d.published, chrono::NaiveDate::from_ymd_opt(2019, 11, 19));
    }

    #[test]
    fn broken_json_ld_is_skipped() {
        let d = declared(
            r#"<script type="application/ld+json">{"datePublished": </script><meta property="article:published_time" content="2023-01-02">"#,
        );
        assert_eq!(d.published, chrono::NaiveDate::from_ymd_opt(2023, 1, 2));
    }
}
