//! The binary outside the TUI: errors that must stop it before the terminal is touched.
use std::process::Command;

#[test]
fn a_broken_config_stops_start_up_with_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("bad.toml");
    std::fs::write(&cfg, "[keys]\nnext = [\"j\"]\nprev = [\"j\"]\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .args(["--config", cfg.to_str().unwrap(), "--data-dir", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml: line 3: `keys.prev`: key `j` is bound to both `next` and `prev`"), "{err}");
    assert!(out.stdout.is_empty(), "nothing drawn: {:?}", String::from_utf8_lossy(&out.stdout));
}
