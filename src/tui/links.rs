//! Handing an article's link to the outside: the browser (the configured command, else
//! the system's opener) and the clipboard through OSC 52, which the terminal carries
//! out, so copying works over SSH too. Links come from feeds, so they are hostile: they
//! never pass through a shell, and one with control characters is refused.
use std::process::{Command, Stdio};

use base64::Engine;

/// The system's opener when `[feeds] browser` is empty.
const SYSTEM_OPENER: &str = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };

/// The program and arguments that open `link`: `command` split on spaces, with `{}`
/// replaced by the link (or the link appended when there is no `{}`).
pub fn command_line(command: &str, link: &str) -> Result<Vec<String>, String> {
    if link.chars().any(char::is_control) || !(link.starts_with("http://") || link.starts_with("https://")) {
        return Err("not a web link".into());
    }
    let command = if command.trim().is_empty() { SYSTEM_OPENER } else { command };
    let mut words: Vec<String> = command.split_whitespace().map(|w| w.replace("{}", link)).collect();
    if !command.contains("{}") {
        words.push(link.to_string());
    }
    Ok(words)
}

/// Starts the browser on `link` without waiting for it (a thread reaps it).
pub fn open(command: &str, link: &str) -> Result<(), String> {
    let words = command_line(command, link)?;
    let mut child = Command::new(&words[0])
        .args(&words[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run `{}`: {e} (set [feeds] browser)", words[0]))?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_is_one_argument_never_a_shell_word() {
        let words = command_line("firefox --new-tab {}", "https://example.org/a b;rm").unwrap();
        assert_eq!(words, ["firefox", "--new-tab", "https://example.org/a b;rm"]);
        assert_eq!(command_line("", "https://example.org/").unwrap()[1], "https://example.org/");
        assert_eq!(command_line("w3m", "https://example.org/").unwrap(), ["w3m", "https://example.org/"]);
        assert!(command_line("", "https://example.org/\x1b[2J").is_err());
        assert!(command_line("", "file:///etc/passwd").is_err());
    }

    #[test]
    fn osc52_carries_the_text_in_base64() {
        assert_eq!(osc52("https://a.example/"), "\x1b]52;c;aHR0cHM6Ly9hLmV4YW1wbGUv\x07");
    }
}
