//! Untrusted text made safe to print in a terminal. Pages, feeds, file names and stored
//! notes can carry escape sequences (clear the screen, set the window title, write the
//! clipboard with OSC 52), other C0/C1 controls and bidi overrides that reorder what the
//! reader sees. Everything Tidings prints or draws from such text passes through here:
//! controls become visible pictures (ESC shows as `␛`), bidi controls are dropped, and
//! the text that remains cannot drive the terminal.
use std::borrow::Cow;

/// What one character becomes on screen.
enum Shown {
    Keep,
    Drop,
    As(char),
}

/// Bidi embeddings, overrides, isolates and marks: invisible, and able to make a line
/// read in an order other than the one it is stored in.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Whether `c` must never reach a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `keep_lines`: newlines and tabs stay (multi-line output); otherwise every kind of
/// line or tab break is one space (a title, a list row, a table cell).
fn shown(c: char, keep_lines: bool) -> Shown {
    match c {
        '\n' | '\t' if keep_lines => Shown::Keep,
        '\n' | '\t' | '\r' | '\u{0B}' | '\u{0C}' | '\u{2028}' | '\u{2029}' => Shown::As(' '),
        // C0 controls have pictures at U+2400 + code (ESC → ␛); DEL has its own.
        '\0'..='\u{1F}' => Shown::As(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
        '\u{7F}' => Shown::As('\u{2421}'),
        // C1 controls (U+0080..U+009F; U+009B is an 8-bit CSI) have no pictures.
        c if c.is_control() => Shown::As('\u{FFFD}'),
        c if is_bidi_control(c) => Shown::Drop,
        _ => Shown::Keep,
    }
}

/// The one-line form of `c`: itself, a visible stand-in, or `None` (dropped).
pub fn shown_char(c: char) -> Option<char> {
    match shown(c, false) {
        Shown::Keep => Some(c),
        Shown::Drop => None,
        Shown::As(r) => Some(r),
    }
}

fn map(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let Some(first) = text.find(|c| is_unsafe(c) && !(keep_lines && matches!(c, '\n' | '\t'))) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    let mut chars = text[first..].chars().peekable();
    while let Some(c) = chars.next() {
        // A CR before a newline is the newline's: CRLF text stays one break.
        if c == '\r' && keep_lines && chars.peek() == Some(&'\n') {
            continue;
        }
        match shown(c, keep_lines) {
            Shown::Keep => out.push(c),
            Shown::Drop => {}
            Shown::As(_) if c == '\r' && keep_lines => out.push('\n'),
            Shown::As(r) => out.push(r),
        }
    }
    Cow::Owned(out)
}

/// One line of untrusted text: breaks and tabs become spaces, other controls pictures.
pub fn line(text: &str) -> Cow<'_, str> {
    map(text, false)
}

/// Untrusted text that may span lines (a note, `tidings clean` output): newlines and tabs
/// stay, a lone CR becomes a newline (it could overwrite the line before), the rest as `line`.
pub fn text(text: &str) -> Cow<'_, str> {
    map(text, true)
}

/// JSON text with every C1 control and bidi control inside its strings written as a
/// `\u` escape. serde_json escapes C0 controls itself but writes these raw, and an
/// 8-bit CSI (U+009B) is as live in a terminal as ESC `[`.
pub fn json(serialised: String) -> String {
    if !serialised.chars().any(is_unsafe) {
        return serialised;
    }
    let mut out = String::with_capacity(serialised.len() + 16);
    for c in serialised.chars() {
        // Newlines of pretty-printed JSON lie between values, never inside strings.
        if is_unsafe(c) && c != '\n' {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Text made safe to place in HTML, with terminal controls made visible (a file made
/// with it may be printed).
pub fn html_escape(s: &str) -> String {
    text(s).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_and_inert() {
        assert_eq!(line("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(line("\u{1b}]0;owned\u{7}"), "␛]0;owned␇");
        assert_eq!(line("\u{1b}]52;c;aGk=\u{1b}\\"), "␛]52;c;aGk=␛\\");
        assert_eq!(line("x\u{9b}31my"), "x\u{FFFD}31my");
        assert_eq!(line("del\u{7f}"), "del␡");
        assert_eq!(line("nul\0"), "nul␀");
    }

    #[test]
    fn every_control_is_replaced_and_nothing_unsafe_remains() {
        for c in (0u32..0x250).chain(0x2000..0x2070).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert!(!line(&s).chars().any(is_unsafe), "U+{:04X} survived line()", c as u32);
            assert!(
                !text(&s).chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t'),
                "U+{:04X} survived text()",
                c as u32
            );
        }
    }

    #[test]
    fn bidi_controls_are_dropped() {
        assert_eq!(line("file\u{202E}txt.exe"), "filetxt.exe");
        assert_eq!(line("\u{2067}isolated\u{2069}"), "isolated");
    }

    #[test]
    fn line_flattens_breaks_and_text_keeps_them() {
        assert_eq!(line("one\ntwo\tthree\r\n"), "one two three  ");
        assert_eq!(text("one\r\ntwo\tthree\rfour"), "one\ntwo\tthree\nfour");
    }

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        let s = "Plain words, “quotes”, 日本語 and emoji 👩‍👩‍👧.";
        assert!(matches!(line(s), Cow::Borrowed(_)));
        assert!(matches!(text("two\nlines"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_what_serde_leaves_raw() {
        let raw = serde_json::to_string(&serde_json::json!({"t": "a\u{9b}b\u{202e}c\u{1b}"})).unwrap();
        let safe = json(raw);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["t"], "a\u{9b}b\u{202e}c\u{1b}");
    }
}
