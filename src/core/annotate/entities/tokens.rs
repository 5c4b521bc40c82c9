//! Words of the text and their shapes: what a name can be made of.
use super::*;

/// A word of the text with what the recogniser needs to know about it.
#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) range: Range<usize>,
    /// Starts a sentence (or a line), where any word is capitalised.
    pub(super) initial: bool,
    /// Followed by a possessive ’s, which is left out of the span.
    pub(super) possessive: bool,
    /// Followed by punctuation (not just a space) before the next word.
    pub(super) broken_after: bool,
}

pub(super) fn is_word_char(c: char) -> bool {
    // Cased letters first: their tables are quicker to search than the alphabetic one.
    c.is_ascii_alphanumeric() || (!c.is_ascii() && (c.is_lowercase() || c.is_uppercase() || c.is_alphanumeric()))
}

/// Splits `text[range]` into words. Internal apostrophes, periods and hyphens stay inside
/// a word ("U.S.", "don’t", "Daimler-Benz") except a hyphen after a name before lower
/// case ("Republican-led") or between two known names ("US-China"), which makes two words.
pub(super) fn tokenize(text: &str, range: Range<usize>, out: &mut Vec<Token>) {
    let s = &text[range.clone()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    let mut initial = true;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !is_word_char(c) {
            let opening_quote =
                matches!(c, '“' | '"' | '‘' | '\'' | '«') && chars.get(i + 1).is_some_and(|x| x.1.is_alphanumeric());
            let after_abbreviation = c == '.'
                && out.last().is_some_and(|t: &Token| {
                    t.range.end == range.start + start
                        && matches!(
                            &text[t.range.clone()],
                            "Mr" | "Mrs"
                                | "Ms"
                                | "Dr"
                                | "Sen"
                                | "Gov"
                                | "Rep"
                                | "Gen"
                                | "St"
                                | "Lt"
                                | "Col"
                                | "Prof"
                                | "Capt"
                                | "Sgt"
                                | "Adm"
                                | "Maj"
                        )
                });
            let dash = c == '-' && (chars.get(i + 1).is_some_and(|x| x.1 == ' ') || i > 0 && chars[i - 1].1 == ' ');
            if (matches!(c, '.' | '!' | '?' | ':' | '—' | '–' | ';' | '(') && !after_abbreviation)
                || opening_quote
                || dash
            {
                initial = true;
            }
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let next = chars.get(j + 1).map(|x| x.1);
            let joins = matches!(c, '.' | '\'' | '’' | '-') && next.is_some_and(is_word_char);
            if is_word_char(c) {
                j += 1;
            } else if joins {
                // "Republican-led" ends the name at the hyphen; "US-China" is two known names;
                // "Daimler-Benz" stays one name.
                if c == '-' && chars[i].1.is_uppercase() {
                    let part_start = chars[j + 1].0;
                    let part_end = s[part_start..].find(|c: char| !is_word_char(c)).map_or(s.len(), |e| part_start + e);
                    let (before, after) = (&s[start..chars[j].0], &s[part_start..part_end]);
                    let known = |w: &str| {
                        LEXICON.phrases.contains_key(w) || LEXICON.phrases.contains_key(title_case(w).as_str())
                    };
                    // "Kim Woo-choong" is one name: only a common word after the hyphen ends it.
                    let common_after =
                        LEXICON.common_words.contains(after) || after.ends_with("ed") || after.ends_with("ing");
                    if (!after.starts_with(char::is_uppercase) && common_after) || (known(before) && known(after)) {
                        break;
                    }
                }
                j += 1;
            } else {
                break;
            }
        }
        let mut end = chars.get(j).map_or(s.len(), |x| x.0);
        let mut word = &s[start..end];
        // "U.S." keeps its final period.
        if chars.get(j).is_some_and(|x| x.1 == '.')
            && word.contains('.')
            && word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
        {
            end += 1;
            word = &s[start..end];
            j += 1;
        }
        let mut possessive = false;
        for suffix in ["’s", "'s"] {
            if let Some(base) = word.strip_suffix(suffix) {
                if !base.is_empty() {
                    end = start + base.len();
                    possessive = true;
                }
            }
        }
        out.push(Token { range: range.start + start..range.start + end, initial, possessive, broken_after: true });
        initial = false;
        i = j;
    }
    // Words are joined into names only across a single plain space, or a plural
    // possessive inside a name ("United Dockers’ Federation").
    let first = out.len() - out.iter().rev().take_while(|t| t.range.start >= range.start).count();
    for k in first..out.len().saturating_sub(1) {
        let gap = &text[out[k].range.end..out[k + 1].range.start];
        let plural_possessive = matches!(gap, "’ " | "' ")
            && text[..out[k].range.end].ends_with('s')
            && is_capitalised(&text[out[k + 1].range.clone()]);
        out[k].broken_after = !(gap == " " || plural_possessive) || out[k].possessive;
    }
}

pub(super) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `word`, lower-cased, is a common English word ("Magic", "North").
pub(super) fn is_common_word(word: &str) -> bool {
    LEXICON.common_words.contains(word.to_lowercase().as_str())
}

/// Surname endings common across Europe and beyond ("Rabinovich", "Kovalenko", "Papadopoulos").
pub(super) fn has_surname_ending(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ovich", "evich", "ovic", "evic", "wicz", "enko", "chuk", "czuk", "yuk", "ov", "ova", "ev", "eva", "sky",
        "skiy", "ski", "ska", "escu", "opoulos", "akis", "oglu", "yan", "shvili", "dze", "ez",
    ];
    word.chars().count() >= SURNAME_MIN_CHARS && ENDINGS.iter().any(|e| word.ends_with(e))
}

/// A capital after the first letter, not as in "McCain", "MacArthur", "DeSantis", "O’Brien".
pub(super) fn is_camel_case(word: &str) -> bool {
    let body = ["Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "O’", "O'", "D’", "D'"]
        .iter()
        .find_map(|p| word.strip_prefix(p))
        .unwrap_or(word);
    let mut chars = body.chars();
    chars.next().is_some() && chars.any(char::is_uppercase) && !is_all_caps(word) && !word.contains(['-', '.'])
}

/// Capitals and no small letters ("NATO", "U.S.", "COVID-19"); scripts without case never are.
pub(super) fn is_all_caps(word: &str) -> bool {
    word.chars().any(char::is_uppercase) && !word.chars().any(char::is_lowercase)
}
