//! Accuracy floors on the annotated corpus, measured by `trich eval` from the built binary. A floor
//! is raised when the rules beat it, never lowered to get green.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

/// Per-kind F1 floors on the annotated pages written for the project (`fixtures/corpus/` and
/// `fixtures/heldout/`).
const F1_FLOORS: [(&str, f64); 4] = [("document", 0.99), ("official", 0.97), ("statistic", 0.99), ("percentage", 0.99)];

/// Every key field must be right in at least this share of matched records.
const FIELD_FLOOR: f64 = 0.94;

fn eval(args: &[&str]) -> Value {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = Command::cargo_bin("trich")
        .expect("the binary")
        .current_dir(&root)
        .args(["eval", "--json"])
        .args(args)
        .output()
        .expect("runs");
    assert!(out.status.success(), "trich eval failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("a JSON report")
}

#[test]
fn the_corpus_scores_above_the_floors() {
    // The pages written for the project; the real pages under fixtures/real have floors of their own.
    let report = eval(&["--gold", "fixtures", "fixtures/corpus", "fixtures/heldout"]);
    assert!(report["pages"].as_u64().unwrap() >= 44, "the corpus and the held-out pages are all scored");
    let mut failures = Vec::new();
    for (kind, floor) in F1_FLOORS {
        let k = &report["kinds"][kind];
        let f1 = k["f1"].as_f64().unwrap();
        if f1 < floor {
            failures.push(format!("{kind}: F1 {f1:.3} < {floor}"));
        }
        for (field, acc) in k["fields"].as_object().unwrap() {
            let acc = acc.as_f64().unwrap();
            if acc < FIELD_FLOOR {
                failures.push(format!("{kind}.{field}: {acc:.3} < {FIELD_FLOOR}"));
            }
        }
    }
    if !failures.is_empty() {
        let details = |key: &str| -> String {
            report[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| format!("  {} {} {}\n", f["page"], f["kind"], f["what"]))
                .collect()
        };
        panic!(
            "below the floors:\n{}\nmisses:\n{}extras:\n{}field errors:\n{}",
            failures.join("\n"),
            details("misses"),
            details("extras"),
            details("field_errors")
        );
    }
}

#[test]
fn eval_reports_misses_and_extras_and_enforces_floors() {
    // A gold file that expects what the page does not say, and misses what it does.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("p.txt"),
        "Tiêu đề bài viết về công đoàn\nCó 283 cuộc tuyên truyền cho trên 90% CNVCLĐ.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("p.gold.toml"),
        "[[statistic]]\nvalue = 283\nunit = \"cuộc\"\n\n[[statistic]]\nvalue = 999\nunit = \"người\"\n",
    )
    .unwrap();
    let out = Command::cargo_bin("trich")
        .unwrap()
        .arg("eval")
        .arg("--gold")
        .arg(dir.path())
        .args(["--min-f1", "statistic=0.9"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "below the floor: {text}");
    assert!(text.contains("value=999"), "the miss is listed: {text}");
    assert!(text.contains("\"trên 90% CNVCLĐ\""), "the extra is listed: {text}");
    assert!(String::from_utf8(out.stderr).unwrap().contains("statistic F1 0.667 is below the floor 0.9"));
}
