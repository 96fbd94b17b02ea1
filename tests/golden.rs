//! Golden tests: every page under `fixtures/` with its expected output beside it (`NAME.txt.expected`,
//! JSON Lines) is run through the built binary and compared line by line. `BLESS=1 cargo test --test golden` rewrites the expected
//! files on purpose; read the diff before committing it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every page in `fixtures/` (relative to the repository), sorted.
fn pages() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(root().join("fixtures"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.strip_prefix(root()).expect("below the root").to_path_buf())
        .collect();
    v.sort();
    v
}

/// `NAME.txt` → `NAME.txt.expected` (the golden output) or `NAME.gold.toml` (the annotation).
fn sibling(page: &Path, suffix: &str) -> PathBuf {
    let name = page.file_name().expect("a file name").to_string_lossy().into_owned();
    if suffix == ".expected" {
        return page.with_file_name(format!("{name}{suffix}"));
    }
    let stem = page.file_stem().expect("a file name").to_string_lossy().into_owned();
    page.with_file_name(format!("{stem}{suffix}"))
}

fn run(page: &Path) -> String {
    let out = Command::cargo_bin("trich")
        .expect("the binary")
        .current_dir(root())
        .args(["extract", &page.to_string_lossy()])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}: exit {:?}\n{}",
        page.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn every_fixture_states_its_expectation() {
    let orphans: Vec<String> = pages()
        .iter()
        .filter(|p| !root().join(sibling(p, ".expected")).exists() && !root().join(sibling(p, ".gold.toml")).exists())
        .map(|p| p.display().to_string())
        .collect();
    assert!(orphans.is_empty(), "pages with neither .expected nor .gold.toml: {orphans:?}");
}

#[test]
fn golden_outputs_match() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut checked = 0;
    let mut failures = Vec::new();
    for page in pages() {
        let expected_path = root().join(sibling(&page, ".expected"));
        // BLESS also starts the expected file of a new page that has no gold annotation.
        let new_page = bless && !root().join(sibling(&page, ".gold.toml")).exists();
        if !expected_path.exists() && !new_page {
            continue;
        }
        checked += 1;
        let got = run(&page);
        if bless {
            std::fs::write(&expected_path, &got).expect("write the expected file");
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).expect("read the expected file");
        let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
        for i in 0..w.len().max(g.len()) {
            let (a, b) = (w.get(i).copied(), g.get(i).copied());
            if a != b {
                failures.push(format!(
                    "{} line {}:\n  expected: {}\n  got:      {}",
                    page.display(),
                    i + 1,
                    a.unwrap_or("(nothing)"),
                    b.unwrap_or("(nothing)")
                ));
            }
        }
    }
    assert!(checked >= 5, "the five seed pages have expected outputs (found {checked})");
    assert!(failures.is_empty(), "{} lines differ:\n{}", failures.len(), failures.join("\n"));
}
