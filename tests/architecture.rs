//! The shape of the crate, checked: the core free of terminal types, imports pointing down
//! the layers (core, then config and the demo, then the commands, then the terminal UI),
//! and no two modules importing each other, directly or through others.
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

/// The module a file defines, as a path below the crate root: `src/tui/view/list.rs` →
/// `["tui", "view", "list"]`, `src/core/ingest/mod.rs` → `["core", "ingest"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// Where a path written in `module` leads (`crate::core::store::Store`, `super::app::App`,
/// `self::x`), as a path below the crate root.
fn resolve(module: &[String], path: &str) -> Vec<String> {
    let segs: Vec<&str> = path.split("::").collect();
    let (mut base, rest) = match segs[0] {
        "crate" => (Vec::new(), &segs[1..]),
        // In `a/b.rs` and in `a/b/mod.rs` (both module a::b) super is `a`.
        "super" => {
            let mut b = module.to_vec();
            b.pop();
            let mut rest = &segs[1..];
            while rest.first() == Some(&"super") {
                b.pop();
                rest = &rest[1..];
            }
            (b, rest)
        }
        _ => return Vec::new(),
    };
    base.extend(
        rest.iter()
            .take_while(|s| s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
            .map(|s| s.to_string()),
    );
    base
}

/// The unit the rules speak of: `core::X`, `tui::X`, or a top-level module.
fn unit(path: &[String]) -> Option<String> {
    match path {
        [] => None,
        [top, second, ..] if top == "core" || top == "tui" => Some(format!("{top}::{second}")),
        [top, ..] => Some(top.clone()),
    }
}

/// How high a unit sits: the core at the bottom, then configuration and the demo, the
/// commands, and the terminal UI on top. Imports only point down or sideways.
fn layer(unit: &str) -> usize {
    match unit.split("::").next().unwrap() {
        "core" => 0,
        "config" | "demo" | "logging" => 1,
        "commands" => 2,
        "tui" => 3,
        other => panic!("unknown top-level module `{other}`: give it a layer"),
    }
}

/// Every `crate::…` and `super::…` path in the source files, as edges between units.
fn module_edges() -> Vec<(String, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut edges = Vec::new();
    // Test code may reach anywhere: it is not part of the layering.
    for file in files.iter().filter(|f| !f.ends_with("main.rs") && !f.ends_with("tests.rs")) {
        let module = module_of(&src, file);
        let Some(from) = unit(&module) else { continue };
        let whole = fs::read_to_string(file).unwrap();
        let text = whole.split("#[cfg(test)]").next().unwrap_or("");
        // `use super::{a, b}` and `crate::x::{y, z}` name their first segment before the brace.
        for start in text.match_indices("crate::").map(|(i, _)| i).chain(text.match_indices("super::").map(|(i, _)| i))
        {
            if start > 0 && text[..start].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let end = text[start..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(text.len(), |e| start + e);
            let path = text[start..end].trim_end_matches(':');
            let target = resolve(&module, path);
            if let Some(to) = unit(&target) {
                if to != from {
                    edges.push((from.clone(), to, file.display().to_string()));
                }
            }
        }
    }
    edges.sort();
    edges.dedup();
    edges
}

#[test]
fn imports_never_point_up_a_layer() {
    let edges = module_edges();
    assert!(edges.iter().any(|(f, t, _)| f == "tui::app" && t == "core::article"), "the scan finds imports: {edges:?}");
    let upward: Vec<_> = edges.iter().filter(|(from, to, _)| layer(to) > layer(from)).collect();
    assert!(upward.is_empty(), "imports pointing up a layer: {upward:#?}");
}

#[test]
fn no_two_modules_import_each_other_even_through_others() {
    let edges = module_edges();
    let mut graph: std::collections::BTreeMap<&str, Vec<&str>> = std::collections::BTreeMap::new();
    for (from, to, _) in &edges {
        graph.entry(from).or_default().push(to);
    }
    // Depth-first search with colours: meeting a module still on the stack closes a circle.
    fn visit<'a>(
        node: &'a str,
        graph: &std::collections::BTreeMap<&'a str, Vec<&'a str>>,
        state: &mut std::collections::HashMap<&'a str, bool>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<&'a str>> {
        match state.get(node) {
            Some(true) => return None,
            Some(false) => {
                let at = stack.iter().position(|n| *n == node).unwrap();
                let mut circle = stack[at..].to_vec();
                circle.push(node);
                return Some(circle);
            }
            None => {}
        }
        state.insert(node, false);
        stack.push(node);
        for next in graph.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, graph, state, stack) {
                return Some(circle);
            }
        }
        stack.pop();
        state.insert(node, true);
        None
    }
    let mut state = std::collections::HashMap::new();
    for node in graph.keys() {
        if let Some(circle) = visit(node, &graph, &mut state, &mut Vec::new()) {
            let why: Vec<_> = circle
                .windows(2)
                .map(|w| {
                    edges
                        .iter()
                        .find(|(f, t, _)| f == w[0] && t == w[1])
                        .map_or(String::new(), |e| format!("{} → {} ({})", e.0, e.1, e.2))
                })
                .collect();
            panic!("modules import each other: {}\n{}", circle.join(" → "), why.join("\n"));
        }
    }
}
