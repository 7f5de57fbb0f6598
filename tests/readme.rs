//! The README's command-line examples, run in order as written, each with
//! `--today` fixed, in a scratch folder.

use std::process::Command;

#[test]
fn every_command_line_example_in_the_readme_runs() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("## Command line").unwrap()..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let examples: Vec<&str> = section
        .lines()
        .map(|l| l.split("  #").next().unwrap().trim())
        .filter(|l| l.starts_with("oversight ") && !l.starts_with("oversight --demo"))
        .collect();
    assert!(examples.len() >= 15, "{examples:?}");
    let dir = tempfile::TempDir::new().unwrap();
    for line in &examples {
        let args: Vec<&str> = line.split_whitespace().skip(1).collect();
        let out = Command::new(env!("CARGO_BIN_EXE_oversight"))
            .args(&args)
            .args(["--today", "2026-11-24"])
            .current_dir(dir.path())
            .env_remove("OVERSIGHT_DB")
            .output()
            .unwrap();
        assert!(out.status.success(), "`{line}` failed: {}", String::from_utf8_lossy(&out.stderr));
    }
}
