//! Compiles in every furniture phrase file in `assets/phrases/` (one per language), so
//! adding a language is adding a file: writes `phrase_files.rs`, a list of
//! `(language, text)` pairs, for `src/core/boilerplate/phrases.rs`.
use std::path::Path;

fn main() {
    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("assets/phrases");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("assets/phrases exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    for file in files {
        let language = file.file_stem().unwrap().to_string_lossy().into_owned();
        out.push_str(&format!("    ({language:?}, include_str!({:?})),\n", file.display().to_string()));
    }
    out.push_str("]\n");
    std::fs::write(Path::new(&std::env::var("OUT_DIR").unwrap()).join("phrase_files.rs"), out).unwrap();
}
