//! Calendar dates as news pages print them: "June 27, 2025", "Jun. 27, 2025",
//! "27 June 2025", "2025-06-27". Returns the date and how many bytes it used.
use chrono::NaiveDate;

const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];

/// Month from a full or abbreviated English name ("Sept", "Jun", "June").
fn month(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let w = if w == "sept" { "sep".to_string() } else { w };
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u32 + 1)
}

/// True for an English month name or its abbreviation ("Jul", "Sept", "July").
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

fn year(s: &str) -> Option<(i32, usize)> {
    let (y, n) = number(s, 4)?;
    (n == 4 && (1900..=2100).contains(&y)).then_some((y as i32, n))
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

/// "June 27, 2025" / "Jun. 27 2025"
fn month_first(s: &str) -> Option<(NaiveDate, usize)> {
    let w = run(s, |c| c.is_ascii_alphabetic());
    let m = month(&s[..w])?;
    let mut i = w;
    i += run(&s[i..], |c| c == '.');
    i += run(&s[i..], |c| c == ' ');
    let (d, n) = number(&s[i..], 2)?;
    i += n;
    i += run(&s[i..], |c| c == ',');
    i += run(&s[i..], |c| c == ' ');
    let (y, n) = year(&s[i..])?;
    Some((NaiveDate::from_ymd_opt(y, m, d)?, i + n))
}

/// "27 June 2025"
fn day_first(s: &str) -> Option<(NaiveDate, usize)> {
    let (d, mut i) = number(s, 2)?;
    let sp = run(&s[i..], |c| c == ' ');
    if sp == 0 {
        return None;
    }
    i += sp;
    let w = run(&s[i..], |c| c.is_ascii_alphabetic());
    let m = month(&s[i..i + w])?;
    i += w;
    i += run(&s[i..], |c| c == '.' || c == ',');
    i += run(&s[i..], |c| c == ' ');
    let (y, n) = year(&s[i..])?;
    Some((NaiveDate::from_ymd_opt(y, m, d)?, i + n))
}

/// A date at the very start of `s`.
pub fn parse_prefix(s: &str) -> Option<(NaiveDate, usize)> {
    iso(s).or_else(|| month_first(s)).or_else(|| day_first(s))
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
