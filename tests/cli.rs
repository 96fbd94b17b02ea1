//! The built binary: inputs, formats, destinations, zones, kinds, exit codes and bad inputs.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

mod common;

use common::{PAGE, jsonl, kinds, root, trich};
use predicates::prelude::*;
use serde_json::Value as Json;

fn seed(n: usize) -> String {
    let mut v: Vec<String> = std::fs::read_dir(root().join("fixtures/seeds"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.strip_prefix(root()).unwrap().display().to_string())
        .collect();
    v.sort();
    v[n].clone()
}

#[test]
fn stdin_in_jsonl_out() {
    let out = trich().arg("extract").write_stdin(PAGE).assert().success().get_output().stdout.clone();
    let recs = jsonl(&out);
    assert!(recs.iter().all(|r| r["source"] == "-"));
    assert_eq!(kinds(&recs), vec!["page", "document", "official", "percentage", "statistic"]);
    // The related list after `Tin khác` is not the article.
    assert!(!String::from_utf8_lossy(&out).contains("6.300"));
    let pct = &recs[3];
    assert_eq!(pct["value"], 90);
    assert_eq!(pct["qualifier"], "trên");
    assert_eq!(pct["subject"], "CNVCLĐ");
    // Offsets are bytes of the input.
    let (s, e) = (pct["start"].as_u64().unwrap() as usize, pct["end"].as_u64().unwrap() as usize);
    assert_eq!(&PAGE.as_bytes()[s..e], pct["text"].as_str().unwrap().as_bytes());
    assert_eq!(pct["line"], 2);
}

#[test]
fn a_dash_reads_stdin_too() {
    let out = trich()
        .args(["extract", "-", "--kind", "document"])
        .write_stdin(PAGE)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(kinds(&jsonl(&out)), vec!["document"]);
}

#[test]
fn a_folder_is_walked_in_sorted_order() {
    let out =
        trich().args(["extract", "fixtures/seeds", "--kind", "page"]).assert().success().get_output().stdout.clone();
    let recs = jsonl(&out);
    let sources: Vec<&str> = recs.iter().map(|r| r["source"].as_str().unwrap()).collect();
    let expected: Vec<String> = (0..5).map(seed).collect();
    assert_eq!(sources, expected);
}

#[test]
fn zones_all_reads_the_related_lists_too() {
    let article = jsonl(&trich().args(["extract", &seed(1)]).assert().success().get_output().stdout);
    let all = jsonl(&trich().args(["extract", &seed(1), "--zones", "all"]).assert().success().get_output().stdout);
    assert!(all.len() > article.len());
    assert!(article.iter().all(|r| r["zone"] != "related" && r["zone"] != "nav"));
    assert!(all.iter().any(|r| r["zone"] == "related" && r["text"].as_str().unwrap().contains("6.300 tỷ đồng")));
}

#[test]
fn kind_selects_kinds() {
    let recs =
        jsonl(&trich().args(["extract", &seed(2), "-k", "official,statistic"]).assert().success().get_output().stdout);
    assert!(!recs.is_empty());
    assert!(recs.iter().all(|r| r["kind"] == "official" || r["kind"] == "statistic"));
}

#[test]
fn json_is_one_array_of_the_same_records() {
    let lines = jsonl(&trich().args(["extract", "fixtures/seeds"]).assert().success().get_output().stdout);
    let out = trich().args(["extract", "fixtures/seeds", "-f", "json"]).assert().success().get_output().stdout.clone();
    let arr: Json = serde_json::from_slice(&out).expect("a JSON document");
    assert_eq!(arr.as_array().unwrap(), &lines);
    let empty = trich().args(["extract", "-f", "json"]).write_stdin("").assert().success().get_output().stdout.clone();
    assert_eq!(serde_json::from_slice::<Json>(&empty).unwrap(), serde_json::json!([]));
}

#[test]
fn csv_and_tsv_hold_every_column_of_every_kind() {
    let lines = jsonl(&trich().args(["extract", "fixtures/seeds"]).assert().success().get_output().stdout);
    for (fmt, delim) in [("csv", b','), ("tsv", b'\t')] {
        let out = trich().args(["extract", "fixtures/seeds", "-f", fmt]).assert().success().get_output().stdout.clone();
        let mut rdr = csv::ReaderBuilder::new().delimiter(delim).from_reader(out.as_slice());
        let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(&header[..9], &["source", "kind", "text", "start", "end", "line", "zone", "rule", "context"]);
        for col in ["code", "name", "value", "unit", "subject", "published", "author"] {
            assert!(header.contains(&col.to_string()), "{fmt} lacks {col}");
        }
        assert_eq!(header.iter().filter(|h| *h == "value").count(), 1, "a shared field is one column");
        let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), lines.len());
        // Every cell says what the JSON Lines record says: strings as they are, numbers as written
        // there, and nothing for null or a field the kind lacks.
        for (row, rec) in rows.iter().zip(&lines) {
            for (h, cell) in header.iter().zip(row.iter()) {
                match &rec[h.as_str()] {
                    Json::Null => assert_eq!(cell, "", "{fmt} {h}"),
                    Json::String(s) => assert_eq!(cell, s, "{fmt} {h}"),
                    v => assert_eq!(cell, v.to_string(), "{fmt} {h}"),
                }
            }
        }
    }
}

#[test]
fn excel_csv_has_a_bom_and_crlf() {
    let out = trich().args(["extract", &seed(0), "--excel"]).assert().success().get_output().stdout.clone();
    assert!(out.starts_with("\u{feff}source,kind,".as_bytes()), "BOM then the header");
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("\r\n"));
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "every line ends in CRLF");
    assert!(text.contains("Hà Văn Hải"), "Vietnamese intact");
}

#[test]
fn output_to_a_file_takes_the_format_from_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("facts.csv");
    trich().args(["extract", "fixtures/seeds", "-o"]).arg(&path).assert().success().stdout("");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("source,kind,text,"));
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, vec!["facts.csv"], "no partial files left behind");
}

#[test]
fn output_to_a_folder_writes_one_file_per_kind() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    trich().args(["extract", "fixtures/seeds", "-f", "csv", "-o"]).arg(&out).assert().success();
    let mut names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, vec!["documents.csv", "officials.csv", "pages.csv", "percentages.csv", "statistics.csv"]);
    let officials = std::fs::read_to_string(out.join("officials.csv")).unwrap();
    assert_eq!(
        officials.lines().next().unwrap(),
        "source,kind,text,start,end,line,zone,rule,context,name,position,organization"
    );
    assert!(officials.lines().skip(1).all(|l| l.contains(",official,")));
    let pages = std::fs::read_to_string(out.join("pages.csv")).unwrap();
    assert_eq!(pages.lines().count(), 6, "a header and one row per page");
}

#[test]
fn a_missing_file_is_reported_and_the_rest_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("facts.jsonl");
    trich()
        .args(["extract", "no/such/page.txt", &seed(0), "-o"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("trich: no/such/page.txt: no such file or folder"));
    let recs = jsonl(&std::fs::read(&path).unwrap());
    assert!(recs.len() > 5);
    assert!(recs.iter().all(|r| r["source"] == seed(0).as_str()));
}

#[test]
fn a_folder_without_text_files_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("image.png"), b"\x89PNG").unwrap();
    trich().arg("extract").arg(dir.path()).assert().code(1).stderr(predicate::str::contains(
        "no files to read in this folder (a walk takes .txt, .md, .text, .html and .htm files",
    ));
}

#[test]
fn an_empty_file_is_a_warning_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.txt");
    std::fs::write(&p, b"").unwrap();
    trich()
        .arg("extract")
        .arg(&p)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("empty.txt: warning: empty input"));
}

#[test]
fn a_binary_file_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("archive.txt");
    std::fs::write(&p, b"PK\x03\x04\x00\x00\x08\x00binary").unwrap();
    trich()
        .arg("extract")
        .arg(&p)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("archive.txt: binary file (NUL byte at offset 4), skipped"));
}

#[test]
fn invalid_utf8_is_read_with_a_warning_and_exact_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("latin1.txt");
    let mut bytes = b"Tin v\xe0 b\xe0i \xff\xfe\n".to_vec();
    bytes.extend_from_slice(PAGE.as_bytes());
    std::fs::write(&p, &bytes).unwrap();
    let out = trich()
        .arg("extract")
        .arg(&p)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "latin1.txt: warning: invalid UTF-8: 4 byte sequences replaced by U+FFFD (first at byte 5)",
        ))
        .get_output()
        .stdout
        .clone();
    let recs = jsonl(&out);
    let doc = recs.iter().find(|r| r["kind"] == "document").expect("the document is still found");
    let (s, e) = (doc["start"].as_u64().unwrap() as usize, doc["end"].as_u64().unwrap() as usize);
    assert_eq!(&bytes[s..e], "Nghị quyết 20-NQ/TW".as_bytes());
}

#[test]
fn usage_errors_exit_2() {
    trich()
        .args(["extract", "--kind", "people"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown kind `people`"));
    trich().args(["extract", "-f", "xml"]).assert().code(2).stderr(predicate::str::contains("unknown format `xml`"));
    trich()
        .args(["extract", "-f", "json", "--excel"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--excel is for csv and tsv"));
    trich().args(["extract", "--zones", "some"]).assert().code(2);
    trich().args(["extract", "--no-such-flag"]).assert().code(2);
}

#[test]
fn help_teaches_by_example() {
    trich()
        .args(["extract", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("trich extract crawl/ -o facts.csv --excel"))
        .stdout(predicate::str::contains("Exit status"));
}

/// A copy of the built-in rules in a temporary folder, edited by `edit`.
fn edited_rules(edit: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    trich().args(["rules", "export"]).arg(&rules).assert().success();
    edit(&rules);
    dir
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_exported_copy_of_the_rules_works_like_the_built_in_ones() {
    let dir = edited_rules(|_| {});
    let a = trich().args(["extract", "fixtures/seeds"]).assert().success().get_output().stdout.clone();
    let b = trich()
        .args(["extract", "fixtures/seeds", "--rules"])
        .arg(dir.path().join("rules"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(a, b);
}

#[test]
fn rule_errors_exit_2_naming_file_rule_and_problem() {
    // (file, text, replaced by, what the message says)
    let cases = [
        (
            "documents.toml",
            r"{party_code}){glued}{doc_tail}",
            r"{party_code}(){doc_tail}",
            "documents.toml: rule `party-doc`: bad pattern: unclosed group",
        ),
        (
            "statistics.toml",
            "prefix = '''{count_prefix}'''",
            "prefix = '''({count_prefix}'''",
            "statistics.toml: rule `statistic`: bad prefix: unclosed group",
        ),
        (
            "statistics.toml",
            "prefix = '''{count_prefix}'''",
            "prefix = '''{qty_prefix}'''",
            "statistics.toml: rule `statistic`: prefix: unknown word list or fragment `{qty_prefix}`",
        ),
        (
            "statistics.toml",
            "not_before = \"never_counted\"",
            "not_before = \"never_counts\"",
            "statistics.toml: rule `statistic`: not_before: unknown word list `never_counts`",
        ),
        (
            "statistics.toml",
            "words_need = [\"tens\", ",
            "words_need = [\"tenth\", ",
            "statistics.toml: rule `statistic`: words_need: unknown word list `tenth`",
        ),
        (
            "officials.toml",
            "needs = [\"@prefix\", \":\", \"gồm\"]",
            "needs = [\"@prefix\", \"@number\"]",
            "officials.toml: rule `official-list`: needs: `@number` is no text (the only built-in entry is @prefix)",
        ),
        (
            "percentages.toml",
            "id = \"percentage\"",
            "id = \"percentage\"\ncolour = \"red\"",
            "percentages.toml: unknown field `colour`",
        ),
        (
            "documents.toml",
            "triggers = [\"{doc_types}\"]",
            "triggers = [\"{doc_kinds}\"]",
            "documents.toml: rule `old-doc`: trigger `{doc_kinds}`: unknown word list `doc_kinds`",
        ),
        (
            "officials.toml",
            "name = '''{surnames}",
            "name = '''{family_names}",
            "officials.toml: rule `official-position-first`: in fragment `name`: unknown word list or fragment `{family_names}`",
        ),
        (
            "officials.toml",
            "trigger_case = \"exact\"",
            "trigger_case = \"upper\"",
            "officials.toml: rule `official-name-first`: trigger_case is `any` or `exact`, not `upper`",
        ),
    ];
    for (file, from, to, message) in cases {
        let dir = edited_rules(|r| replace_in(&r.join(file), from, to));
        trich()
            .args(["extract", "--rules"])
            .arg(dir.path().join("rules"))
            .write_stdin(PAGE)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn a_rule_without_examples_does_not_load() {
    let dir = edited_rules(|r| {
        let p = r.join("pages.toml");
        let text = std::fs::read_to_string(&p).unwrap();
        let cut: String = text
            .split("\n\n")
            .filter(|block| !(block.starts_with("[[rule.example]]") && block.contains("Cập nhật lúc")))
            .collect::<Vec<_>>()
            .join("\n\n");
        std::fs::write(&p, cut).unwrap();
    });
    trich()
        .args(["rules", "test", "--rules"])
        .arg(dir.path().join("rules"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pages.toml: rule `dateline-time-first`: has no [[rule.example]]"));
}

/// Rules edited by `edit` do not load: `rules list` exits 2 with `message`.
fn rules_refused(edit: impl FnOnce(&Path), message: &str) {
    let dir = edited_rules(edit);
    trich()
        .args(["rules", "list", "--rules"])
        .arg(dir.path().join("rules"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message));
}

#[test]
fn a_missing_word_list_does_not_load() {
    rules_refused(
        |r| std::fs::remove_file(r.join("lexicon/surnames.txt")).unwrap(),
        "lexicon/surnames.txt: this word list is missing",
    );
}

/// A list emptied of its entries is named with the problem, with no line (it is the whole list's).
#[test]
fn an_empty_word_list_does_not_load() {
    rules_refused(
        |r| std::fs::write(r.join("lexicon/tens.txt"), "# emptied\n").unwrap(),
        "lexicon/tens.txt: the list has no entries",
    );
}

/// A list no rule pattern names but a production reads (`lower_bodies`): its absence is said when the
/// rules load, not found by the first page that needs it (which panicked).
#[test]
fn a_missing_word_list_only_the_code_reads_does_not_load() {
    rules_refused(
        |r| std::fs::remove_file(r.join("lexicon/lower_bodies.txt")).unwrap(),
        "lexicon/lower_bodies.txt: this word list is missing",
    );
}

/// A value the extractors do not know (`=> modle` for `=> model`) would act as a plain label without
/// a word said: the list does not load, and the entry and the values it may take are named.
#[test]
fn an_unknown_value_in_a_keyword_list_does_not_load() {
    rules_refused(
        |r| replace_in(&r.join("lexicon/number_labels.txt"), "iphone => model", "iphone => modle"),
        "lexicon/number_labels.txt: entry `iphone` has the value `modle`; this list's values are `count`, `loose`, `model`",
    );
}

#[test]
fn rules_test_fails_on_a_broken_example() {
    let dir = edited_rules(|r| {
        replace_in(
            &r.join("statistics.toml"),
            "expect = { text = \"78 CNVCLĐ\", value = 78",
            "expect = { text = \"78 CNVCLĐ\", value = 87",
        )
    });
    trich()
        .args(["rules", "test", "--rules"])
        .arg(dir.path().join("rules"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("rule `statistic`: example failed"))
        .stdout(predicate::str::contains("value: expected 87, got 78"));
}

#[test]
fn rules_list_and_test_pass_on_the_built_in_rules() {
    trich()
        .args(["rules", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("party-doc"))
        .stdout(predicate::str::contains("(built-in)"));
    trich().args(["rules", "test"]).assert().success().stdout(predicate::str::contains(", 0 failed"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // Enough pages that the output outgrows the pipe's buffer, a workbook too.
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read(root().join(seed(4))).unwrap();
    for i in 0..300 {
        std::fs::write(dir.path().join(format!("p{i:03}.txt")), &page).unwrap();
    }
    for format in ["jsonl", "xlsx"] {
        let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("trich"))
            .args(["extract", "-q", "--zones", "all", "-f", format])
            .arg(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 100];
        child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
        drop(child.stdout.take());
        let status = child.wait().unwrap();
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        assert!(status.success(), "{format}: exit {status:?}, stderr: {err}");
        assert_eq!(err, "", "{format}: nothing on stderr");
    }
}

#[test]
fn an_existing_output_file_survives_a_run_that_cannot_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("facts.jsonl");
    std::fs::write(&path, "keep me\n").unwrap();
    trich().args(["extract", &seed(0), "--kind", "nothing", "-o"]).arg(&path).assert().code(2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me\n");
    let mut f = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
    writeln!(f, "and me").unwrap();
}

#[test]
fn the_output_does_not_depend_on_the_number_of_jobs() {
    let one = trich().args(["extract", "fixtures/seeds", "-j", "1"]).assert().success().get_output().stdout.clone();
    for jobs in ["2", "3", "8"] {
        let many =
            trich().args(["extract", "fixtures/seeds", "-j", jobs]).assert().success().get_output().stdout.clone();
        assert_eq!(one, many, "-j {jobs}");
    }
    trich().args(["extract", "-j", "0"]).assert().code(2).stderr(predicate::str::contains("--jobs"));
}

fn jsonl_dataset(dir: &Path) -> PathBuf {
    let page = |id: &str| serde_json::json!({ "id": id, "text": PAGE, "url": "https://example.vn/a" }).to_string();
    let lines = [
        page("a-1"),
        String::new(),
        serde_json::json!({ "text": "Chỉ thị 05-CT/TW của Bộ Chính trị" }).to_string(),
        "{not json".to_string(),
        serde_json::json!({ "id": 7, "body": "no text field" }).to_string(),
        page("a-2"),
    ];
    let path = dir.join("crawl.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

#[test]
fn jsonl_lines_are_pages_and_bad_lines_are_skipped_by_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = jsonl_dataset(dir.path());
    let out = trich()
        .arg("extract")
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("crawl.jsonl:4: not JSON"))
        .stderr(predicate::str::contains("crawl.jsonl:5: no field `text`, skipped"))
        .get_output()
        .stdout
        .clone();
    let recs = jsonl(&out);
    let sources: Vec<&str> =
        recs.iter().filter(|r| r["kind"] == "page").map(|r| r["source"].as_str().unwrap()).collect();
    assert_eq!(sources, vec!["a-1", "3", "a-2"], "the id, or the line number when there is none");
    let doc = recs.iter().find(|r| r["source"] == "3" && r["kind"] == "document").expect("the page without an id");
    assert_eq!(doc["code"], "05-CT/TW");
    assert_eq!(doc["start"], 0, "offsets are into the page's text");
}

#[test]
fn jsonl_on_stdin_and_other_field_names() {
    let line = serde_json::json!({ "key": "k9", "content": PAGE }).to_string();
    let out = trich()
        .args([
            "extract",
            "--input-format",
            "jsonl",
            "--text-field",
            "content",
            "--id-field",
            "key",
            "-k",
            "page",
            "-q",
        ])
        .write_stdin(format!("{line}\n{line}\n"))
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let recs = jsonl(&out);
    assert_eq!(recs.len(), 2);
    assert!(recs.iter().all(|r| r["source"] == "k9"));
}

/// A stream whose writer pauses: what was read before the pause is written out before it ends,
/// with one job and with two.
#[test]
fn a_pausing_stream_gets_its_records_without_waiting_for_the_rest() {
    use std::io::BufRead;
    use std::sync::mpsc;
    use std::time::Duration;
    for jobs in ["1", "2"] {
        let mut child = StdCommand::new(env!("CARGO_BIN_EXE_trich"))
            .args(["extract", "--input-format", "jsonl", "-q", "-j", jobs])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines() {
                if tx.send(line.expect("UTF-8 output")).is_err() {
                    return;
                }
            }
        });
        let first = serde_json::json!({ "id": "first", "text": PAGE }).to_string();
        writeln!(stdin, "{first}").expect("written");
        stdin.flush().expect("flushed");
        // The writer now pauses, its end of the pipe still open: the first page's records come anyway.
        let line = rx.recv_timeout(Duration::from_secs(30)).expect("a record before the stream goes on");
        let rec: Json = serde_json::from_str(&line).expect("JSON");
        assert_eq!(rec["source"], "first", "-j {jobs}");
        let second = serde_json::json!({ "id": "second", "text": "Chỉ thị 05-CT/TW" }).to_string();
        writeln!(stdin, "{second}").expect("written");
        drop(stdin);
        assert!(child.wait().expect("ends").success());
        reader.join().expect("reader");
        let rest: Vec<Json> = rx.iter().map(|l| serde_json::from_str(&l).expect("JSON")).collect();
        let sources: Vec<&str> = rest.iter().map(|r| r["source"].as_str().unwrap()).collect();
        assert_eq!(sources.last(), Some(&"second"), "-j {jobs}: {sources:?}");
        assert!(sources.iter().skip_while(|s| **s == "first").all(|s| *s == "second"), "in order: {sources:?}");
    }
}

#[test]
fn a_folder_batch_ends_with_a_summary_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let crawl = jsonl_dataset(dir.path());
    std::fs::copy(root().join(seed(0)), dir.path().join("page.txt")).unwrap();
    let err = trich().arg("extract").arg(dir.path()).arg(&crawl).assert().code(1).get_output().stderr.clone();
    let err = String::from_utf8(err).unwrap();
    let summary = err.lines().last().unwrap();
    assert!(summary.starts_with("trich: 4 pages ("), "{summary}");
    assert!(summary.contains("2 failed;") && summary.contains(" pages;") && summary.contains("MB/s"), "{summary}");
    let quiet =
        trich().args(["extract", "-q"]).arg(dir.path()).arg(&crawl).assert().code(1).get_output().stderr.clone();
    assert!(!String::from_utf8(quiet).unwrap().contains("pages ("), "no summary with --quiet");
    // A single page makes no summary.
    trich().args(["extract", &seed(0)]).assert().success().stderr("");
}
