//! Calendar dates as news pages print them: "June 27, 2025", "Jun. 27, 2025",
//! "27 June 2025", "14 de março de 2016", "24 сентября 2018", "2025-06-27", and the
//! numeric "18.11.2022" or "11/23/21" when the order of day and month is not in doubt.
//! Returns the date and how many bytes it used.
use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month names of other languages (`assets/dates/months.txt`), by lower-case name.
static OTHER_MONTHS: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    let mut names = HashMap::new();
    for line in include_str!("../../assets/dates/months.txt").lines().filter(|l| !l.starts_with('#')) {
        let Some((_, months)) = line.split_once(':') else { continue };
        for (i, forms) in months.split_whitespace().enumerate() {
            names.extend(forms.split('|').map(|f| (f, i as u32 + 1)));
        }
    }
    names
});

/// Month from a full or abbreviated English name ("Sept", "Jun", "June"), or a full name
/// in another language.
fn month(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    if w.chars().count() < 3 {
        return None;
    }
    let w = if w == "sept" { "sep".to_string() } else { w };
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u32 + 1)
        .or_else(|| OTHER_MONTHS.get(w.as_str()).copied())
}

/// True for a month name or an English abbreviation ("Jul", "Sept", "July", "juillet").
pub fn month_name(word: &str) -> bool {
    month(word).is_some()
}

/// Length in bytes of the leading run of chars matching `f`.
fn run(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices().find(|(_, c)| !f(*c)).map_or(s.len(), |(i, _)| i)
}

fn number(s: &str, max_len: usize) -> Option<(u32, usize)> {
    let n = run(s, |c| c.is_ascii_digit());
    if n == 0 || n > max_len {
        return None;
    }
    Some((s[..n].parse().ok()?, n))
}

/// A four-digit year; a page that glues the time on ("Mar 14 20218:05 AM") still gives one.
fn year(s: &str) -> Option<(i32, usize)> {
    let n = run(s, |c| c.is_ascii_digit());
    let glued_time = (5..=6).contains(&n) && s[n..].starts_with(':');
    if n != 4 && !glued_time {
        return None;
    }
    let y: i32 = s[..4].parse().ok()?;
    (1900..=2100).contains(&y).then_some((y, 4))
}

/// "2025-06-27"
fn iso(s: &str) -> Option<(NaiveDate, usize)> {
    let (y, a) = year(s)?;
    let rest = s[a..].strip_prefix('-')?;
    let (m, b) = number(rest, 2)?;
    let rest = rest[b..].strip_prefix('-')?;
    let (d, c) = number(rest, 2)?;
    Some((NaiveDate::from_ymd_opt(y, m, d)?, a + b + c + 2))
}

/// "18.11.2022", "21/06/2017", "11/23/21", "10.25.2020": day and month are told apart by
/// which one exceeds 12. When both could be either, dots mean day first (as in most
/// countries that write them) and slashes are left unread, since the US and the rest of
/// the world read them in opposite orders.
fn numeric(s: &str) -> Option<(NaiveDate, usize)> {
    let (a, i) = number(s, 2)?;
    let sep = s[i..].chars().next().filter(|c| matches!(c, '.' | '/'))?;
    let (b, j) = number(&s[i + 1..], 2)?;
    let rest = s[i + 1 + j..].strip_prefix(sep)?;
    let at = i + 1 + j + 1;
    let (y, n) = match year(rest) {
        Some(y) => y,
        // Two-digit years only with slashes ("11/19/19"), where versions and scores are rare.
        None if sep == '/' => number(rest, 2).map(|(y, n)| (2000 + y as i32, n))?,
        None => return None,
    };
    if rest[n..].starts_with(|c: char| c.is_ascii_digit() || c == sep) {
        return None;
    }
    let (d, m) = match (a > 12, b > 12) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        (false, false) if sep == '.' => (a, b),
        _ => return None,
    };
    Some((NaiveDate::from_ymd_opt(y, m, d)?, at + n))
}

/// A month name: letters of any script, with an optional abbreviation dot.
fn month_word(s: &str) -> Option<(u32, usize)> {
    let w = run(s, char::is_alphabetic);
    Some((month(&s[..w])?, w))
}

/// "June 27, 2025" / "Jun. 27 2025" / "Maret 21, 2016"
fn month_first(s: &str) -> Option<(NaiveDate, usize)> {
    let (m, mut i) = month_word(s)?;
    i += run(&s[i..], |c| c == '.');
    i += run(&s[i..], |c| c == ' ');
    let (d, n) = number(&s[i..], 2)?;
    i += n;
    i += run(&s[i..], |c| c == ',');
    i += run(&s[i..], |c| c == ' ');
    let (y, n) = year(&s[i..])?;
    Some((NaiveDate::from_ymd_opt(y, m, d)?, i + n))
}

/// "27 June 2025", "27. Juni 2025", "14 de março de 2016"
fn day_first(s: &str) -> Option<(NaiveDate, usize)> {
    let (d, mut i) = number(s, 2)?;
    i += run(&s[i..], |c| c == '.');
    let sp = run(&s[i..], |c| c == ' ');
    if sp == 0 {
        return None;
    }
    i += sp;
    i += of(&s[i..]);
    let (m, w) = month_word(&s[i..])?;
    i += w;
    i += run(&s[i..], |c| c == '.' || c == ',');
    i += run(&s[i..], |c| c == ' ');
    i += of(&s[i..]);
    let (y, n) = year(&s[i..])?;
    Some((NaiveDate::from_ymd_opt(y, m, d)?, i + n))
}

/// The Portuguese and Spanish "de" between the parts of a date.
fn of(s: &str) -> usize {
    if s.starts_with("de ") {
        3
    } else {
        0
    }
}

/// A date at the very start of `s`.
pub fn parse_prefix(s: &str) -> Option<(NaiveDate, usize)> {
    iso(s).or_else(|| month_first(s)).or_else(|| day_first(s)).or_else(|| numeric(s))
}

/// The first date anywhere in `s`, tried at each word start: (date, start, end).
pub fn find(s: &str) -> Option<(NaiveDate, usize, usize)> {
    let mut prev_alnum = false;
    for (i, c) in s.char_indices() {
        let alnum = c.is_alphanumeric();
        if alnum && !prev_alnum {
            if let Some((d, n)) = parse_prefix(&s[i..]) {
                return Some((d, i, i + n));
            }
        }
        prev_alnum = alnum;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_common_news_forms() {
        assert_eq!(parse_prefix("June 27, 2025"), Some((ymd(2025, 6, 27), 13)));
        assert_eq!(parse_prefix("Jun. 3 2024 x"), Some((ymd(2024, 6, 3), 11)));
        assert_eq!(parse_prefix("Sept. 9, 2023"), Some((ymd(2023, 9, 9), 13)));
        assert_eq!(parse_prefix("27 June 2025"), Some((ymd(2025, 6, 27), 12)));
        assert_eq!(parse_prefix("2025-06-27T10:00"), Some((ymd(2025, 6, 27), 10)));
    }

    #[test]
    fn other_languages_name_their_months() {
        assert_eq!(parse_prefix("14 de março de 2016"), Some((ymd(2016, 3, 14), 20)));
        assert_eq!(parse_prefix("12 сентября 2021").map(|p| p.0), Some(ymd(2021, 9, 12)));
        assert_eq!(parse_prefix("Maret 21, 2016"), Some((ymd(2016, 3, 21), 14)));
        assert_eq!(parse_prefix("3. März 2024"), Some((ymd(2024, 3, 3), 13)));
        assert_eq!(parse_prefix("18 NOV 2022"), Some((ymd(2022, 11, 18), 11)));
    }

    #[test]
    fn numeric_dates_only_when_day_and_month_are_clear() {
        assert_eq!(parse_prefix("18.11.2022"), Some((ymd(2022, 11, 18), 10)));
        assert_eq!(parse_prefix("10.25.2020 08:30"), Some((ymd(2020, 10, 25), 10)));
        assert_eq!(parse_prefix("05.11.2019"), Some((ymd(2019, 11, 5), 10)), "dots read day first");
        assert_eq!(parse_prefix("21/06/2017"), Some((ymd(2017, 6, 21), 10)));
        assert_eq!(parse_prefix("11/23/21 07:15 AM"), Some((ymd(2021, 11, 23), 8)));
        assert_eq!(parse_prefix("05/11/2019"), None, "slashes: US and elsewhere disagree");
        assert_eq!(parse_prefix("1.2.3"), None);
        assert_eq!(parse_prefix("1.5.20"), None);
        assert_eq!(parse_prefix("10/12/2019/5"), None);
    }

    #[test]
    fn a_time_glued_to_the_year_is_left_over() {
        assert_eq!(parse_prefix("Mar 14 20218:05 AM"), Some((ymd(2021, 3, 14), 11)));
        assert_eq!(parse_prefix("Mar 14 202145"), None);
    }

    #[test]
    fn glued_text_after_the_year_is_not_consumed() {
        assert_eq!(parse_prefix("June 27, 2025Clash Report"), Some((ymd(2025, 6, 27), 13)));
    }

    #[test]
    fn rejects_non_dates() {
        assert_eq!(parse_prefix("June 2025"), None);
        assert_eq!(parse_prefix("May I help"), None);
        assert_eq!(parse_prefix("February 30, 2025"), None);
        assert_eq!(parse_prefix("12 angry men"), None);
    }

    #[test]
    fn finds_a_date_inside_a_line() {
        let s = "Published: Updated 4 March 2024, 10:00";
        assert_eq!(find(s), Some((ymd(2024, 3, 4), 19, 31)));
        assert_eq!(find("a5 June 2025"), None);
    }
}
