//! Every number the filter judges by, with the reason for it. Lengths are in words
//! (`Line::words`). Furniture is short: a phrase that marks furniture only decides a line
//! short enough to be that furniture, so the same words inside running prose ("the
//! minister declined to comment") are never hidden for them.

/// A menu or account label: "Sign in", "Skip to main content".
pub const LABEL_WORDS: usize = 4;
/// An advertising marker or a "17 minutes ago - Reuters" stamp.
pub const MARKER_WORDS: usize = 6;
/// A heading that opens a list of other stories: "You may also like", "More from Business".
pub const HEADING_WORDS: usize = 7;
/// A byline, a date line, a comments link or a bare share bar: "By Ann Lee, Staff Writer".
pub const BYLINE_WORDS: usize = 8;
/// A credit, a tag list or a newsletter box's line: "Photo: Ann Lee | Getty Images".
pub const NOTICE_WORDS: usize = 12;
/// Share buttons flattened into one line name several networks in a few words each.
pub const BUTTON_ROW_WORDS: usize = 15;
/// Form text, a one-line link to another story, the lines of a teaser card.
pub const FORM_WORDS: usize = 25;
/// A copyright footer, a breadcrumb trail, "how to reach the author", an inline teaser.
pub const FOOTER_WORDS: usize = 30;
/// A disclosure, a shortcode or a promo that speaks to the reader ("Sign up and you…").
pub const PROMO_WORDS: usize = 40;

/// Running prose has at least this many words...
pub const PROSE_MIN_WORDS: usize = 10;
/// ...and ends a sentence, unless it is this long (a paragraph cut off by the page).
pub const PROSE_UNENDED_WORDS: usize = 25;
/// ...and at least this share of function words ("the", "de", "und"): names and
/// headlines have few.
pub const PROSE_STOPWORDS: f32 = 0.08;
/// A language without a stopword list: a line this long counts as prose...
pub const UNLISTED_PROSE_WORDS: usize = 20;
/// ...unless this share of its words or more is capitalised (a list of names).
pub const UNLISTED_PROSE_CAPS: f32 = 0.4;
/// Chinese or Japanese text: words are counted per character, and a paragraph has more
/// than this many...
pub const CJK_PROSE_CHARS: usize = 30;
/// ...with fewer spaces than this.
pub const CJK_PROSE_MAX_SPACES: usize = 5;

/// A short line (a tag, a topic, a date): the unit of tag lists and comment headings.
pub const SHORT_WORDS: usize = 5;
/// The site's section above the article is one or two words ("- News", "- Middle East").
pub const SECTION_WORDS: usize = 2;
/// A repeated line shorter than this is structure (the same question to each guest),
/// not a second copy.
pub const REPEAT_MIN_WORDS: usize = 4;
/// Lines one word apart are a widget's template only this long: shorter lists repeat
/// their shape by nature ("1 cup of flour", "1 cup of sugar").
pub const TEMPLATE_MIN_WORDS: usize = 8;
/// A lone repeated paragraph at least this long is a second copy of the article.
pub const REPEAT_LONE_WORDS: usize = 25;
/// Summary bullets are sentences; shorter list items are not compared with the text.
pub const BULLET_MIN_WORDS: usize = 8;
/// Only paragraphs holding a bullet's few longest words are compared with it in full.
pub const BULLET_KEY_WORDS: usize = 3;
/// Bullets compared per page: the comparison is quadratic, and summaries are short.
pub const BULLETS_CHECKED: usize = 50;
/// Share of a bullet's words (in percent) one paragraph must hold for it to be a summary.
pub const BULLET_OVERLAP_PERCENT: usize = 90;

/// Lists, runs and threads: three of a kind make a pattern; two can be chance.
pub const RUN_MIN: usize = 3;
/// Paragraphs of prose one after another: an article's body, which a comment thread,
/// its comments split by names and dates, does not have.
pub const ARTICLE_RUN: usize = 5;
/// "MORE WORLD", "MORE SPORTS": a section link in capitals.
pub const SHOUTED_SECTION_WORDS: usize = 3;
/// "1)", "12.", "100)": a tag list's lines are not enumerated, a top-100 list's are.
pub const ENUMERATION_DIGITS: usize = 3;
/// A numbered list in an article counts up to at most 99.
pub const LIST_NUMBER_DIGITS: usize = 2;
/// A date line has at most this many words besides the date ("Updated", "ET", "am").
pub const DATE_LINE_OTHER_WORDS: usize = 3;
/// Share bars flattened into one line name at least this many networks.
pub const SHARE_NETWORKS_MIN: usize = 2;
/// Script text: a line this long at least (shorter ones are too few characters to judge)...
pub const CODE_MIN_CHARS: usize = 40;
/// ...with this many braces and equals signs...
pub const CODE_MIN_STRUCTURE: usize = 3;
/// ...and braces, equals signs, semicolons and parentheses making this share (percent)
/// of its characters; prose with a parenthesis and a semicolon per sentence stays near 2.
pub const CODE_PERCENT: usize = 5;
/// A cookie banner's paragraph: long legal prose, but not longer than this.
pub const CONSENT_WORDS: usize = 150;
/// A view or share counter ("3.409", "1,204") in characters.
pub const COUNTER_CHARS: usize = 12;
/// Section labels are looked for among the first few lines before any prose.
pub const SECTION_LINES: usize = 4;
/// Lines above a "N minutes ago" stamp that belong to its card (outlet, kicker).
pub const CARD_LINES_ABOVE: usize = 2;
/// Lines below the stamp that belong to its card (outlet, headline, a second stamp).
pub const CARD_LINES_BELOW: usize = 3;
/// Dated teaser cards are at most this many lines apart (a headline, a kicker between).
pub const CARD_GAP: usize = 4;
/// Items of a numbered list may be this many lines apart (a link or a picture between).
pub const LIST_ITEM_GAP: usize = 3;
/// Lines under a list's last item that are still its (its link, its credit).
pub const LIST_TAIL_LINES: usize = 2;

/// Names are capitalised: a byline or an author box has at least this share of
/// capitalised words.
pub const NAME_CAPS: f32 = 0.5;
/// A line in capitals throughout ("MORE WORLD").
pub const ALL_CAPS: f32 = 0.99;
/// Above this share of capitalised words a mid-length line is a headline, not text.
pub const HEADLINE_CAPS: f32 = 0.6;

/// The article search: a line weighs its length up to this many words, so one huge
/// paragraph cannot outweigh the rest of the page.
pub const PROSE_SCORE_CAP: usize = 80;
/// How many times at most the filter re-reads what it kept (see `classify`). The line
/// model sees a line's surroundings, so a reading can change what the next one keeps;
/// enough readings reach the point where nothing changes, which keeps cleaning cleaned
/// text a no-op, while the cap bounds the work on a hostile page.
pub const MAX_PASSES: usize = 64;
