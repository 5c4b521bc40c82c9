//! The boilerplate filter: which blocks of a page are the article, and why the others
//! are not. A verdict is given per block and nothing is deleted: the reader can show
//! hidden blocks again, and offsets keep pointing into the original text.
//!
//! It works on plain text as well as on blocks extracted from HTML, in any language:
//! structure does most of the work (prose is long, has sentence punctuation and function
//! words; furniture is short, repeated, Title Case or stacked in runs; the article is the
//! densest stretch of prose), and phrase lists in several languages name the furniture
//! of short lines ("Share via", "Related Articles", "Comments").
mod limits;
mod line_model;
mod lines;
mod phrases;

use std::collections::HashSet;
use std::fmt;
use std::hash::BuildHasherDefault;

use regex::Regex;

use crate::core::date;
use crate::core::document::{BlockKind, Document, SourceKind};
use limits::*;
use line_model::Context;
pub use line_model::{feature_names, LineModel};
pub use lines::is_function_word;
use lines::*;

/// Why a block is not part of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    ShareLinks,
    NewsletterPromo,
    RelatedStories,
    Teaser,
    RepeatedText,
    TagList,
    CommentsWidget,
    FormText,
    Navigation,
    Advertisement,
    Copyright,
    Byline,
    Caption,
    Code,
    CookieNotice,
    OutsideArticle,
    UserPattern,
}

impl Reason {
    pub fn label(self) -> &'static str {
        match self {
            Reason::ShareLinks => "share links",
            Reason::NewsletterPromo => "newsletter promo",
            Reason::RelatedStories => "related stories",
            Reason::Teaser => "teaser",
            Reason::RepeatedText => "repeated text",
            Reason::TagList => "tag list",
            Reason::CommentsWidget => "comments widget",
            Reason::FormText => "form text",
            Reason::Navigation => "navigation",
            Reason::Advertisement => "advertisement",
            Reason::Copyright => "copyright",
            Reason::Byline => "byline, date or credit",
            Reason::Caption => "photo caption",
            Reason::Code => "script or style code",
            Reason::CookieNotice => "cookie notice",
            Reason::OutsideArticle => "outside the article",
            Reason::UserPattern => "your junk pattern",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The user's own patterns from `[filter]`: case-insensitive regular expressions.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub extra_junk: Vec<Regex>,
    pub keep: Vec<Regex>,
}

impl Rules {
    /// Compiles patterns case-insensitively; an error names the pattern at fault.
    pub fn compile(patterns: &[String]) -> Result<Vec<Regex>, String> {
        patterns
            .iter()
            .map(|p| Regex::new(&format!("(?i){p}")).map_err(|e| format!("bad pattern `{p}`: {e}")))
            .collect()
    }
}

/// "Comments (12)", "Join the conversation", "No comments yet…" – but not a sentence such
/// as "The minister declined to comment."
fn is_comments_line(line: &Line) -> bool {
    line.words <= BYLINE_WORDS
        && !line.is_prose()
        && (contains_phrase(&line.lower, &COMMENTS) || (!line.ends_sentence && contains_phrase(&line.lower, &COMMENT)))
}

fn addresses_reader(lower: &str) -> bool {
    lower.split_whitespace().any(|w| {
        matches!(
            trim_punct(w),
            "you" | "your" | "você" | "seu" | "sua" | "vous" | "votre" | "tu" | "ti" | "sie" | "ihr" | "usted" | "te"
        )
    })
}

/// "17 minutes ago", "2 hours ago - Reuters", "há 3 horas", "3시간 전", "Yesterday".
fn is_time_ago(line: &Line) -> bool {
    if line.words > MARKER_WORDS {
        return false;
    }
    let lower = &line.lower;
    if phrases::list("time_ago_glued").iter().any(|g| lower.contains(g)) {
        return true;
    }
    let has_word = contains_phrase(lower, &TIME_AGO_WORDS);
    let tokens: Vec<&str> = lower.split_whitespace().map(trim_punct).collect();
    // "3 hours ago", and the unit glued on: "32M ago", "1h ago".
    let unit_after = |t: &str| {
        t.find(|c: char| !c.is_ascii_digit())
            .is_some_and(|d| d > 0 && (TIME_AGO_UNITS.contains(&t[d..]) || ["m", "d", "w", "y"].contains(&&t[d..])))
    };
    let has_number_unit = tokens
        .windows(2)
        .any(|w| w[0].chars().all(|c| c.is_ascii_digit()) && !w[0].is_empty() && TIME_AGO_UNITS.contains(w[1]))
        || tokens.iter().any(|t| unit_after(t));
    has_word
        && (has_number_unit
            || matches!(
                lower.trim(),
                "yesterday" | "just now" | "ontem" | "ayer" | "ieri" | "hier" | "gestern" | "вчера"
            ))
}

/// A line that is only a date, a time or a month ("July 2025", "Mar. 4, 2024 7:10 am ET").
fn is_date_line(line: &Line) -> bool {
    if line.words > BYLINE_WORDS || !line.text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    if let Some((_, start, end)) = date::find(line.text) {
        let rest = format!("{} {}", &line.text[..start], &line.text[end..]);
        return rest.split_whitespace().filter(|w| trim_punct(w).chars().any(char::is_alphabetic)).count()
            <= DATE_LINE_OTHER_WORDS;
    }
    let tokens: Vec<&str> = line.lower.split_whitespace().map(trim_punct).collect();
    tokens.len() == 2
        && date::month_name(tokens[0])
        && tokens[1].len() == 4
        && tokens[1].chars().all(|c| c.is_ascii_digit())
}

fn is_share_bar(line: &Line) -> bool {
    if matches!(line.bare(), "sharing is caring" | "spread the love" | "share the love") {
        return true;
    }
    // Glued buttons ("Share to LinkedInLinkedInShare to FacebookFacebook…") name several networks.
    let networks =
        ["facebook", "twitter", "linkedin", "whatsapp", "pinterest", "reddit", "telegram", "e-mail", "email"];
    let named = || networks.iter().filter(|n| line.lower.contains(*n)).count();
    if line.words <= BUTTON_ROW_WORDS && !line.is_prose() && named() >= SHARE_NETWORKS_MIN {
        return true;
    }
    if line.words > BYLINE_WORDS {
        return false;
    }
    let tokens: Vec<&str> = line
        .lower
        .split(|c: char| c.is_whitespace() || "|·•:,/-–—".contains(c))
        .map(trim_punct)
        .filter(|t| !t.is_empty())
        .collect();
    !tokens.is_empty()
        && tokens.iter().all(|t| SHARE_WORDS.contains(t) || t.chars().all(|c| c.is_ascii_digit()))
        && tokens.iter().any(|t| {
            !t.chars().all(|c| c.is_ascii_digit())
                && !matches!(
                    *t,
                    "this" | "on" | "by" | "to" | "with" | "the" | "it" | "us" | "via" | "article" | "story" | "page"
                )
        })
}

/// Script or style sheet text a page dump let through ("var a=n(2);if(e){…}"): braces,
/// assignments and semicolons, which prose in any language hardly uses.
fn is_code(line: &Line) -> bool {
    let text = line.text;
    if text.len() < CODE_MIN_CHARS {
        return false;
    }
    let (mut structural, mut all) = (0, 0);
    for b in text.bytes() {
        match b {
            b'{' | b'}' | b'=' => {
                structural += 1;
                all += 1;
            }
            b';' | b'(' | b')' => all += 1,
            _ => {}
        }
    }
    structural >= CODE_MIN_STRUCTURE && all * 100 >= text.len() * CODE_PERCENT
}

/// "We use cookies to store information on your device…": a consent banner speaks to the
/// reader, or as the site, about cookies (and, at length, what may be accepted), where a
/// report on cookie rules does neither.
fn is_cookie_notice(line: &Line) -> bool {
    let lower = &line.lower;
    line.words <= CONSENT_WORDS
        && contains_phrase(lower, &COOKIE)
        && (addresses_reader(lower) || speaks_as_site(lower))
        && (line.words <= FORM_WORDS || contains_phrase(lower, &CONSENT))
}

/// "We use…", "Wir verwenden…", "Nous utilisons…": the site speaking of itself.
fn speaks_as_site(lower: &str) -> bool {
    lower.split_whitespace().any(|w| {
        matches!(trim_punct(w), "we" | "our" | "wir" | "unsere" | "nous" | "nos" | "nosotros" | "noi" | "nós" | "wij")
    })
}

/// A consent banner's other lines: its switches ("Statistiken", "Marketing") and the
/// text under each, which names what is asked without saying "cookie" again.
fn mark_consent_banners(lines: &[&Line], out: &mut [Option<Reason>]) {
    let part = |l: &Line| l.is_short() || (l.words <= CONSENT_WORDS && contains_phrase(&l.lower, &CONSENT));
    for i in 0..lines.len() {
        if out[i] != Some(Reason::CookieNotice) {
            continue;
        }
        let mut j = i + 1;
        while j < lines.len() && (out[j].is_some() || part(lines[j])) {
            out[j].get_or_insert(Reason::CookieNotice);
            j += 1;
        }
    }
}

/// A breadcrumb trail: "Home › World › Europe", or links glued together when the page
/// was flattened ("HomeLatest NewsNollywood Actress, …").
fn is_breadcrumb(line: &Line) -> bool {
    const ROOTS: &[&str] = &["Home", "Início", "Inicio", "Accueil", "Startseite", "Главная", "Homepage"];
    let text = line.text.trim_start();
    line.words <= FOOTER_WORDS
        && ROOTS.iter().any(|root| {
            text.strip_prefix(root).is_some_and(|rest| {
                let glued = rest.starts_with(char::is_uppercase);
                let trail = rest.trim_start().starts_with(['›', '>', '»', '/', '|', '→', '·']);
                glued || trail
            })
        })
}

/// What a byline or an author's bio calls the author ("Jane Doe, Staff Correspondent").
const BYLINE_ROLES: &[&str] = &[
    "writer",
    "correspondent",
    "reporter",
    "editor",
    "columnist",
    "contributor",
    "journalist",
    "journalistin",
    "journaliste",
    "redakteur",
    "redakteurin",
    "periodista",
    "giornalista",
    "jornalista",
];
/// "is" in an author's bio ("Ann Lee is a reporter…", "Ann Lee ist Redakteurin…").
const BIO_VERBS: &[&str] = &["is", "was", "has", "ist", "war", "est", "es", "è", "é"];
/// How far below the author's name their bio may be (share buttons sit between).
const BIO_REACH: usize = 8;

/// Longest "The post … appeared first on …" line: a long headline and a site name.
const SYNDICATION_WORDS: usize = 40;
/// Words of the site's name that ends it.
const SITE_WORDS: usize = 6;

/// Furniture recognised from one line alone.
fn line_rule(line: &Line) -> Option<Reason> {
    if line.kind == BlockKind::Caption {
        return Some(Reason::Caption);
    }
    if is_code(line) {
        return Some(Reason::Code);
    }
    let bare = line.bare();
    let lower = line.lower.trim();
    if is_cookie_notice(line) {
        return Some(Reason::CookieNotice);
    }
    if line.words <= FOOTER_WORDS
        && (starts_with_phrase(lower, phrases::list("copyright")) || lower.contains("all rights reserved"))
    {
        return Some(Reason::Copyright);
    }
    // The attribution blog software appends to every feed entry: "The post <title>
    // appeared first on <site>."
    let site =
        lower.strip_prefix("the post ").and_then(|rest| rest.rsplit_once(" appeared first on ")).map(|(_, site)| site);
    if line.words <= SYNDICATION_WORDS && site.is_some_and(|site| site.split_whitespace().count() <= SITE_WORDS) {
        return Some(Reason::Copyright);
    }
    if (line.words <= MARKER_WORDS && ADVERTISING.contains(bare))
        || (line.words <= PROMO_WORDS && contains_phrase(lower, &DISCLOSURE))
    {
        return Some(Reason::Advertisement);
    }
    // Shortcodes a page builder left unrendered ("[button link=…] Send us YOUR review[/button]").
    if line.words <= PROMO_WORDS && line.text.contains("[/") && line.text.trim_start().starts_with('[') {
        return Some(Reason::FormText);
    }
    if is_share_bar(line) {
        return Some(Reason::ShareLinks);
    }
    if (line.words <= LABEL_WORDS && NAVIGATION.contains(bare)) || is_breadcrumb(line) {
        return Some(Reason::Navigation);
    }
    let newsletter = || contains_phrase(lower, &NEWSLETTER);
    if (line.words <= NOTICE_WORDS || (line.words <= PROMO_WORDS && addresses_reader(lower))) && newsletter() {
        return Some(Reason::NewsletterPromo);
    }
    if is_comments_line(line) {
        return Some(Reason::CommentsWidget);
    }
    if line.words <= FORM_WORDS && contains_phrase(lower, &FORM) {
        return Some(Reason::FormText);
    }
    if is_time_ago(line) {
        return Some(Reason::Teaser);
    }
    if is_related_link(line) {
        return Some(Reason::RelatedStories);
    }
    if is_date_line(line) {
        return Some(Reason::Byline);
    }
    // "Ann Lee | Getty Images", "Updated Mar 4, 7:10 AM", "Follow her on Twitter @…"
    let credit = line.words <= NOTICE_WORDS && !line.is_prose() && contains_phrase(lower, &CREDITS);
    if credit || (line.words <= FOOTER_WORDS && contains_phrase(lower, &CONTACT)) {
        return Some(Reason::Byline);
    }
    // "Tom Harlow, Wire Auto Writer", "Jane Doe, Staff Correspondent".
    let role_last = line.lower.split_whitespace().last().is_some_and(|w| BYLINE_ROLES.contains(&trim_punct(w)));
    if line.words <= BYLINE_WORDS
        && !line.ends_sentence
        && line.text.contains(',')
        && role_last
        && line.caps_ratio >= NAME_CAPS
    {
        return Some(Reason::Byline);
    }
    // A bare counter ("3.409", "1,204"): views or shares.
    if line.text.len() <= COUNTER_CHARS
        && line.text.trim().chars().all(|c| c.is_ascii_digit() || ".,".contains(c))
        && line.text.trim().contains(['.', ','])
    {
        return Some(Reason::ShareLinks);
    }
    let by = ["by ", "por ", "di ", "par ", "von ", "door "];
    let signed = by.iter().any(|b| lower.starts_with(b));
    if line.words <= BYLINE_WORDS && !line.ends_sentence && signed && line.caps_ratio >= NAME_CAPS {
        return Some(Reason::Byline);
    }
    if line.words <= NOTICE_WORDS
        && starts_with_phrase(
            lower,
            &[
                "tags",
                "topics",
                "filed under",
                "tagged",
                "categories",
                "etiquetas",
                "temas",
                "argomenti",
                "thèmes",
                "schlagworte",
                "теги",
                "태그",
                "タグ",
            ],
        )
        && lower.contains(':')
    {
        return Some(Reason::TagList);
    }
    None
}

/// A short line that opens a list of other stories ("Related Articles", "Leia também",
/// "Read more:"), as opposed to a one-line link ("Related: Storm closes port").
fn is_related_heading(line: &Line) -> bool {
    // "You may also like..." trails off; it does not end a sentence.
    let unended = line.lower.trim_end().trim_end_matches("...").trim_end_matches('…');
    // "More Great WIRED Stories", "More World": more of the site, not of the article.
    let more = line.lower.strip_prefix("more ").is_some_and(|rest| {
        let kinds = ["stories", "news", "articles", "coverage", "videos", "reading"];
        kinds.iter().any(|k| rest.split_whitespace().any(|w| trim_punct(w) == *k))
            || (line.words <= SHOUTED_SECTION_WORDS && line.caps_ratio >= ALL_CAPS)
    });
    line.words <= HEADING_WORDS
        && !unended.ends_with('.')
        && line.lower.split_once(':').is_none_or(|(_, rest)| rest.trim().is_empty())
        && (starts_with_phrase(line.bare(), phrases::list("related")) || more)
}

/// "Related: Storm closes port", "READ MORE: …", "[See also: …]": a link to one other story.
fn is_related_link(line: &Line) -> bool {
    line.words <= FORM_WORDS
        && line
            .lower
            .split_once(':')
            .is_some_and(|(head, rest)| !rest.trim().is_empty() && head.split_whitespace().count() <= LABEL_WORDS)
        && starts_with_phrase(line.bare(), phrases::list("related"))
}

/// "About Jane Doe" over an author's biography.
fn is_author_box(line: &Line) -> bool {
    let openers = ["about ", "sobre ", "à propos de ", "über ", "chi è ", "acerca de ", "об авторе"];
    line.words <= SHORT_WORDS
        && !line.ends_sentence
        && line.caps_ratio >= NAME_CAPS
        && openers.iter().any(|o| line.lower.starts_with(o))
}

/// From each related-stories heading, hide what follows until the article resumes:
/// two prose paragraphs in a row (a teaser card's snippet is already marked).
fn mark_related_sections(lines: &[&Line], out: &mut [Option<Reason>]) {
    let mut i = 0;
    while i < lines.len() {
        if !is_related_heading(lines[i]) {
            i += 1;
            continue;
        }
        out[i] = Some(Reason::RelatedStories);
        let mut j = i + 1;
        while j < lines.len() {
            let prose = |k: usize| k < lines.len() && out[k].is_none() && lines[k].is_prose();
            if prose(j) && prose(j + 1) {
                break;
            }
            out[j].get_or_insert(Reason::RelatedStories);
            j += 1;
        }
        i = j;
    }
}

/// Lists of other stories' headlines cut short to fit a sidebar ("Storm closes the p..",
/// "Ferry fares ri…"): three such items in a row.
fn mark_truncated_teasers(lines: &[&Line], out: &mut [Option<Reason>]) {
    let cut = |l: &Line| {
        let t = l.text.trim_end();
        l.words <= BUTTON_ROW_WORDS && (t.ends_with("..") && !t.ends_with("...") || t.ends_with('…')) && !l.is_prose()
    };
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| cut(l)).count();
        if run >= RUN_MIN {
            out[i..i + run].iter_mut().for_each(|v| {
                v.get_or_insert(Reason::Teaser);
            });
        }
        i += run.max(1);
    }
}

/// Teaser cards that open with their date ("04.02.2021 The new app warns riders…"), each
/// under or over a headline: three such snippets a few lines apart. A timeline's dated
/// entries follow one another with nothing between, and stay.
fn mark_dated_cards(lines: &[&Line], out: &mut [Option<Reason>]) {
    let starts: Vec<bool> = (0..lines.len())
        .map(|i| {
            let t = lines[i].text.trim_start();
            out[i].is_none()
                && date::parse_prefix(t).is_some_and(|(_, n)| t[n..].split_whitespace().count() >= SHORT_WORDS)
        })
        .collect();
    // Entries of a timeline, one after another, are not cards.
    let next_to_another = |i: usize| (i > 0 && starts[i - 1]) || starts.get(i + 1) == Some(&true);
    let dated: Vec<usize> = (0..lines.len()).filter(|&i| starts[i] && !next_to_another(i)).collect();
    let mut start = 0;
    while start < dated.len() {
        let mut end = start + 1;
        while end < dated.len() && (2..=CARD_GAP).contains(&(dated[end] - dated[end - 1])) {
            end += 1;
        }
        if end - start >= RUN_MIN {
            // The card's headline over the first snippet, and everything down to the last.
            let first = dated[start].saturating_sub(CARD_GAP - 1);
            let first =
                (first..dated[start]).find(|&k| lines[k].is_short() || !lines[k].is_prose()).unwrap_or(dated[start]);
            for v in &mut out[first..=dated[end - 1]] {
                v.get_or_insert(Reason::Teaser);
            }
        }
        start = end;
    }
}

/// The site's section named above the article ("- News", "- Entertainment"): one- or
/// two-word list items before any prose.
fn mark_section_labels(lines: &[&Line], out: &mut [Option<Reason>]) {
    for (i, line) in lines.iter().enumerate().take_while(|(_, l)| !l.is_prose()).take(SECTION_LINES) {
        if line.kind == BlockKind::ListItem && line.words <= SECTION_WORDS && !line.ends_sentence {
            out[i].get_or_insert(Reason::Navigation);
        }
    }
}

/// An author box: the "About Jane Doe" line and the biography under it.
fn mark_author_boxes(lines: &[&Line], out: &mut [Option<Reason>]) {
    for i in 0..lines.len() {
        if out[i].is_none() && is_author_box(lines[i]) {
            out[i] = Some(Reason::Byline);
            if let Some(v) = out.get_mut(i + 1) {
                v.get_or_insert(Reason::Byline);
            }
        }
        // A name on its own line, and a few lines on a paragraph that opens with that name
        // and says what the person writes: "Ann Lee is a reporter for …".
        let name = lines[i];
        if name.words > SHORT_WORDS || name.words < 2 || name.ends_sentence || name.caps_ratio < NAME_CAPS {
            continue;
        }
        let bio = (i + 1..lines.len().min(i + 1 + BIO_REACH)).find(|&j| {
            let rest = lines[j].lower.strip_prefix(name.lower.trim());
            let verb = rest.and_then(|r| r.split_whitespace().next()).is_some_and(|v| BIO_VERBS.contains(&v));
            verb && lines[j].lower.split_whitespace().any(|w| BYLINE_ROLES.contains(&trim_punct(w)))
        });
        if let Some(j) = bio {
            out[i].get_or_insert(Reason::Byline);
            out[j].get_or_insert(Reason::Byline);
        }
    }
}

/// Headline style puts quotations in single quotes (‘totally obliterated’); body text
/// uses double quotes. A paragraph quoting in single quotes, in an article whose
/// paragraphs quote in double quotes, is the deck of a teaser for another story.
fn headline_style_quotes(text: &str) -> bool {
    let opens_single = text.char_indices().any(|(i, c)| {
        c == '‘'
            && text[..i].chars().next_back().is_none_or(|p| p.is_whitespace() || p == '(')
            && text[i..].contains('’')
    });
    opens_single && !text.contains(['“', '"'])
}

/// Runs of three words of `text` none of which is a function word, lower-cased.
fn content_trigrams(text: &str) -> HashSet<String> {
    let words: Vec<String> =
        text.split_whitespace().map(|w| trim_punct(&w.to_lowercase()).to_string()).filter(|w| !w.is_empty()).collect();
    words.windows(3).filter(|w| w.iter().all(|x| !is_stopword(x))).map(|w| w.join(" ")).collect()
}

/// Teasers for other stories set inline between paragraphs: a deck in headline style, or
/// a one-sentence, quote-free paragraph deep in the article that echoes the headline
/// word for word (a sibling story on the same event, linked by its deck).
fn mark_inline_teasers(lines: &[&Line], title: &str, out: &mut [Option<Reason>]) {
    let prose: Vec<usize> = (0..lines.len())
        .filter(|&i| out[i].is_none() && lines[i].kind == BlockKind::Paragraph && lines[i].is_prose())
        .collect();
    let double_quoting = prose.iter().filter(|&&i| lines[i].text.contains(['“', '"'])).count();
    let title_runs = content_trigrams(title);
    for (n, &i) in prose.iter().enumerate() {
        let text = lines[i].text;
        // Speech in single quotes with its speaker ("‘…,’ she told reporters") is the body's own.
        let attributed = text.split_whitespace().any(|w| {
            matches!(trim_punct(w), "said" | "says" | "told" | "added" | "asked" | "wrote" | "warned" | "according")
        });
        if double_quoting >= RUN_MIN && !attributed && headline_style_quotes(text) {
            out[i] = Some(Reason::Teaser);
            continue;
        }
        let one_sentence = !text.trim_end().trim_end_matches(['.', '!', '?']).contains(". ");
        let quote_free = !text.contains(['“', '”', '"', '‘']);
        if n >= RUN_MIN
            && lines[i].words <= FOOTER_WORDS
            && one_sentence
            && quote_free
            && !content_trigrams(text).is_disjoint(&title_runs)
        {
            out[i] = Some(Reason::Teaser);
        }
    }
}

/// A comments heading after the article has begun ("Comments", "[ 167 comments ]",
/// "Top Rated Comments") starts the comment thread, which runs to the end of the page:
/// readers' comments are prose, so only their position tells them apart. A heading with
/// a longer stretch of unbroken prose still to come than all the prose above it is not
/// the thread's but a link or a sidebar widget ("Write a comment", "Recent Comments")
/// above the article: comments come apart, each under its author's name and date.
fn mark_comment_threads(lines: &[&Line], out: &mut [Option<Reason>]) {
    // For each line, the longest run of unbroken prose from there down.
    let mut run = 0;
    let mut longest_ahead = vec![0; lines.len() + 1];
    for i in (0..lines.len()).rev() {
        run = if out[i].is_none() && lines[i].is_prose() { run + 1 } else { 0 };
        longest_ahead[i] = longest_ahead[i + 1].max(run);
    }
    let mut prose_seen = 0;
    for i in 0..lines.len() {
        if out[i].is_none() && lines[i].is_prose() {
            prose_seen += 1;
        }
        let heading = lines[i].words <= SHORT_WORDS && is_comments_line(lines[i]);
        let article_ahead = longest_ahead[i + 1] >= ARTICLE_RUN && longest_ahead[i + 1] > prose_seen;
        if heading && prose_seen >= RUN_MIN && !article_ahead {
            for v in &mut out[i..] {
                v.get_or_insert(Reason::CommentsWidget);
            }
            return;
        }
    }
}

/// Around each "N minutes ago" line: the outlet names and the headline of the card, and
/// a snippet when one follows the headline.
fn mark_teaser_cards(lines: &[&Line], out: &mut [Option<Reason>]) {
    let stamps: Vec<usize> = (0..lines.len()).filter(|&i| out[i] == Some(Reason::Teaser)).collect();
    for i in stamps {
        for k in i.saturating_sub(CARD_LINES_ABOVE)..i {
            if lines[k].is_short() && !lines[k].ends_sentence {
                out[k].get_or_insert(Reason::Teaser);
            }
        }
        // The outlet and headline below the stamp, then the snippet if one follows.
        let mut k = i + 1;
        while k < lines.len() && k <= i + CARD_LINES_BELOW && !lines[k].is_prose() && lines[k].words <= FORM_WORDS {
            out[k].get_or_insert(Reason::Teaser);
            k += 1;
        }
        let snippet = k < lines.len() && lines[k].is_prose() && (k + 1 >= lines.len() || !lines[k + 1].is_prose());
        if snippet {
            out[k].get_or_insert(Reason::Teaser);
        }
    }
}

/// A second copy of text already shown: a repeated paragraph, or a whole article pasted twice.
fn mark_repeats(lines: &[&Line], out: &mut [Option<Reason>]) {
    let mut seen: HashSet<u64, BuildHasherDefault<Fnv>> = HashSet::default();
    let repeated: Vec<bool> =
        lines.iter().map(|l| l.words >= REPEAT_MIN_WORDS && !seen.insert(l.fingerprint)).collect();
    for i in 0..lines.len() {
        // A lone short repeat is usually structure (the same interview question asked of
        // each guest); a long paragraph or a run of repeated lines is a second copy.
        let in_run = (i > 0 && repeated[i - 1]) || repeated.get(i + 1).copied().unwrap_or(false);
        if repeated[i] && (in_run || lines[i].words >= REPEAT_LONE_WORDS) && out[i].is_none() {
            out[i] = Some(Reason::RepeatedText);
        }
    }
}

/// Lines stamped from one template, one word apart ("You are commenting using your
/// Google account.", "… your Facebook account."): three in a row are a widget's options,
/// never paragraphs of an article, which do not repeat their wording that closely.
fn mark_templated_runs(lines: &[&Line], out: &mut [Option<Reason>]) {
    let words: Vec<Vec<&str>> = lines.iter().map(|l| l.lower.split_whitespace().collect()).collect();
    let one_apart = |a: usize, b: usize| {
        words[a].len() == words[b].len()
            && words[a].len() >= TEMPLATE_MIN_WORDS
            && words[a].iter().zip(&words[b]).filter(|(x, y)| x != y).count() == 1
    };
    let mut i = 0;
    while i < lines.len() {
        let mut end = i + 1;
        while end < lines.len() && one_apart(end - 1, end) {
            end += 1;
        }
        if end - i >= RUN_MIN {
            for v in &mut out[i..end] {
                v.get_or_insert(Reason::FormText);
            }
        }
        i = end;
    }
}

/// Summary bullets whose words all come from one paragraph of the article. Checked on
/// the first reading only: it compares every bullet with every paragraph.
fn mark_summary_bullets(lines: &[&Line], out: &mut [Option<Reason>]) {
    let bullets: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].kind == BlockKind::ListItem && lines[i].words >= BULLET_MIN_WORDS && out[i].is_none())
        .take(BULLETS_CHECKED)
        .collect();
    if bullets.is_empty() {
        return;
    }
    let paragraphs: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].kind == BlockKind::Paragraph && out[i].is_none() && lines[i].is_prose())
        .collect();
    let mut sets: Vec<Option<HashSet<&str, BuildHasherDefault<Fnv>>>> = vec![None; paragraphs.len()];
    for b in bullets {
        let words = word_set(&lines[b].lower);
        // Only paragraphs holding the bullet's three longest words can hold nearly all of them.
        let mut longest: Vec<&str> = words.iter().copied().collect();
        longest.sort_by_key(|w| std::cmp::Reverse(w.len()));
        longest.truncate(BULLET_KEY_WORDS);
        let repeats = paragraphs.iter().enumerate().any(|(k, &p)| {
            if p == b || !longest.iter().all(|w| lines[p].lower.contains(w)) {
                return false;
            }
            let set = sets[k].get_or_insert_with(|| word_set(&lines[p].lower));
            words.iter().filter(|w| set.contains(*w)).count() * 100 >= words.len() * BULLET_OVERLAP_PERCENT
        });
        if repeats {
            out[b] = Some(Reason::RepeatedText);
        }
    }
}

/// Runs of three or more short lines after the last paragraph of prose (topic and date
/// lists at the foot of a page), or any such run that is half dates.
fn mark_tag_lists(lines: &[&Line], out: &mut [Option<Reason>]) {
    let last_prose = (0..lines.len()).rev().find(|&i| out[i].is_none() && lines[i].is_prose());
    let enumerated =
        |k: usize| {
            lines[k].text.split([')', '.']).next().is_some_and(|n| {
                !n.is_empty() && n.len() <= ENUMERATION_DIGITS && n.chars().all(|c| c.is_ascii_digit())
            })
        };
    let short = |k: usize| lines[k].words <= SHORT_WORDS && !lines[k].lower.trim_end().ends_with('.') && !enumerated(k);
    for run in runs_where(lines.len(), short) {
        let dates = run.clone().filter(|&k| is_date_line(lines[k])).count();
        let at_foot = last_prose.is_none_or(|p| run.start > p);
        if run.len() >= RUN_MIN && (at_foot || dates * 2 >= run.len()) {
            for k in run {
                out[k].get_or_insert(Reason::TagList);
            }
        }
    }
}

/// The article is the stretch of the page whose lines most likely belong to it: a
/// maximum-sum run where each line scores its words times how far the model's
/// probability for it lies above the threshold (`LineModel::score`), so a caption or an
/// advert inside the article is crossed but a long run of furniture is not. Everything
/// outside is hidden.
fn mark_outside_article(lines: &[&Line], out: &mut [Option<Reason>], model: &LineModel) {
    let listed = numbered_lists(lines, out);
    let context = Context::new(lines, out, &listed);
    let (mut best, mut best_range) = (0f32, None);
    let (mut sum, mut start) = (0f32, 0usize);
    for i in 0..lines.len() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += model.score(&context, i, PROSE_SCORE_CAP);
        // A tie extends the stretch: a list's lines that score nothing still belong.
        if sum > 0.0 && sum >= best {
            best = sum;
            best_range = Some((start, i));
        }
    }
    let Some((s, e)) = best_range else { return };
    // The stretch starts with the article's text, not with the headline above it, which
    // the reader shows apart (and which a clean article's first line usually is).
    let s = (s..=e).find(|&i| context.starts_article(i)).unwrap_or(s);
    for (i, v) in out.iter_mut().enumerate() {
        if i < s || i > e {
            v.get_or_insert(Reason::OutsideArticle);
        }
    }
}

/// Lines of numbered lists that count up from 1 ("1) …", "2) …", "3. …"): `Some(true)` for
/// an item, `Some(false)` for a line between items, `None` elsewhere. Three items at least.
fn numbered_lists(lines: &[&Line], out: &[Option<Reason>]) -> Vec<Option<bool>> {
    let number = |l: &Line| -> Option<u32> {
        let t = l.text.trim_start();
        let digits = t.find(|c: char| !c.is_ascii_digit()).filter(|&d| d > 0 && d <= LIST_NUMBER_DIGITS)?;
        let rest = &t[digits..];
        (rest.starts_with(") ") || rest.starts_with(". ")).then(|| t[..digits].parse().ok()).flatten()
    };
    let mut listed = vec![None; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if out[i].is_some() || number(lines[i]) != Some(1) {
            i += 1;
            continue;
        }
        let mut items = vec![i];
        let mut j = i + 1;
        while j < lines.len() && j - items.last().unwrap() <= LIST_ITEM_GAP && out[j].is_none() {
            if number(lines[j]) == Some(items.len() as u32 + 1) {
                items.push(j);
            }
            j += 1;
        }
        if items.len() >= RUN_MIN {
            let (first, last) = (items[0], *items.last().unwrap());
            // The short lines under the last item (its link), two at most.
            let end = (last + 1..lines.len().min(last + 1 + LIST_TAIL_LINES))
                .take_while(|&k| out[k].is_none() && lines[k].is_short() && number(lines[k]).is_none())
                .last()
                .unwrap_or(last);
            for (k, slot) in listed.iter_mut().enumerate().take(end + 1).skip(first) {
                *slot = Some(items.contains(&k));
            }
            i = end + 1;
        } else {
            i += 1;
        }
    }
    listed
}

/// What the rules say of `lines` in one reading, starting from what each line says on its
/// own (`own`).
fn mark_furniture(lines: &[&Line], own: Vec<Option<Reason>>, doc: &Document, first: bool) -> Vec<Option<Reason>> {
    let mut out = own;
    mark_consent_banners(lines, &mut out);
    mark_teaser_cards(lines, &mut out);
    mark_related_sections(lines, &mut out);
    mark_truncated_teasers(lines, &mut out);
    mark_dated_cards(lines, &mut out);
    mark_section_labels(lines, &mut out);
    mark_comment_threads(lines, &mut out);
    mark_author_boxes(lines, &mut out);
    if !doc.meta.header_blocks.is_empty() {
        mark_inline_teasers(lines, &doc.meta.title, &mut out);
    }
    mark_repeats(lines, &mut out);
    mark_templated_runs(lines, &mut out);
    if first {
        mark_summary_bullets(lines, &mut out);
    }
    mark_tag_lists(lines, &mut out);
    out
}

/// One verdict per block of `doc`: `None` keeps it, `Some(reason)` hides it.
pub fn classify(doc: &Document, rules: &Rules) -> Vec<Option<Reason>> {
    classify_with(doc, rules, LineModel::bundled())
}

/// `classify` with another line model (for fitting one).
///
/// What is kept is read again until nothing more goes (removing a block of furniture can
/// leave, say, a stray line at the foot of the article), so cleaning cleaned text
/// changes nothing.
pub fn classify_with(doc: &Document, rules: &Rules, model: &LineModel) -> Vec<Option<Reason>> {
    let lines = doc_lines(doc);
    let mut out: Vec<Option<Reason>> = vec![None; lines.len()];
    let own: Vec<Option<Reason>> = lines.iter().map(line_rule).collect();
    let mut kept: Vec<usize> = (0..lines.len()).collect();
    for pass in 0..MAX_PASSES {
        let view: Vec<&Line> = kept.iter().map(|&i| &lines[i]).collect();
        let mut verdicts = mark_furniture(&view, kept.iter().map(|&i| own[i]).collect(), doc, pass == 0);
        if doc.kind == SourceKind::Text {
            mark_outside_article(&view, &mut verdicts, model);
        }
        if verdicts.iter().all(Option::is_none) {
            break;
        }
        for (&i, v) in kept.iter().zip(&verdicts) {
            out[i] = *v;
        }
        kept.retain(|&i| out[i].is_none());
    }
    for (line, verdict) in lines.iter().zip(out.iter_mut()) {
        if rules.extra_junk.iter().any(|r| r.is_match(line.text)) {
            *verdict = Some(Reason::UserPattern);
        }
        if rules.keep.iter().any(|r| r.is_match(line.text)) {
            *verdict = None;
        }
    }
    out
}

/// The line model's features of each block (indexes into `feature_names()`), as the
/// first reading sees them: the examples `examples/fit_article_lines.rs` fits on.
pub fn line_features(doc: &Document) -> Vec<Vec<usize>> {
    let lines = doc_lines(doc);
    let view: Vec<&Line> = lines.iter().collect();
    let out = mark_furniture(&view, lines.iter().map(line_rule).collect(), doc, true);
    let listed = numbered_lists(&view, &out);
    let context = Context::new(&view, &out, &listed);
    (0..lines.len())
        .map(|i| {
            let mut features = Vec::new();
            context.features(i, |f| features.push(f as usize));
            features
        })
        .collect()
}

fn doc_lines(doc: &Document) -> Vec<Line<'_>> {
    doc.blocks.iter().map(|b| Line::new(doc.block_text(b), b.kind)).collect()
}

#[cfg(test)]
mod tests;
