//! The core must stay free of terminal types so it can be tested and reused on its own.
use std::fs;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_never_names_the_terminal_crates() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    assert!(files.len() >= 5, "expected the core modules under {}", core.display());
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for name in ["ratatui", "crossterm", "tui_textarea", "tui-textarea"] {
            assert!(!text.contains(name), "{} mentions {name}", file.display());
        }
    }
}

#[test]
fn tui_textarea_is_confined_to_one_file() {
    let tui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&tui, &mut files);
    let users: Vec<_> = files.iter().filter(|f| fs::read_to_string(f).unwrap().contains("tui_textarea::")).collect();
    assert!(users.len() <= 1, "tui_textarea used in {users:?}");
}
