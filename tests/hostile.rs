//! A hostile but fair user: every way the edges around the extraction once lost data, crashed or
//! said nothing, kept as a case. Each test names what it guards; all run the built binary.

mod common;

use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use common::{PAGE, jsonl, kinds, trich};
use predicates::prelude::*;
use serde_json::Value as Json;

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_trich"))
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn line(id: impl Into<Json>, text: &str) -> String {
    serde_json::json!({ "id": id.into(), "text": text }).to_string()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The binary running in `dir` with `args`, fed through the pipe given with it; its stdout goes
/// nowhere, its stderr is kept.
fn spawn_fed(args: &[&str], dir: &Path) -> (std::process::Child, std::process::ChildStdin) {
    let mut child = StdCommand::new(bin())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    (child, stdin)
}

/// The `source` of each page record, in order.
fn page_sources(out: &[u8]) -> Vec<String> {
    jsonl(out).iter().filter(|r| r["kind"] == "page").map(|r| r["source"].as_str().unwrap().to_string()).collect()
}

/// Problem 1: `-o` naming one of the inputs overwrote it.
#[test]
fn an_output_that_is_one_of_the_inputs_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let crawl = d.join("crawl.jsonl");
    let crawl_text = line("a", PAGE) + "\n";
    write(&crawl, &crawl_text);
    trich()
        .arg("extract")
        .arg(&crawl)
        .arg("-o")
        .arg(&crawl)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("crawl.jsonl: the output would replace one of the inputs"));
    assert_eq!(std::fs::read_to_string(&crawl).unwrap(), crawl_text);
    // A page named with an explicit format, and the same file reached through a link.
    let page = d.join("p.txt");
    write(&page, PAGE);
    trich().arg("extract").arg(&page).args(["-f", "jsonl", "-o"]).arg(&page).assert().code(2);
    std::os::unix::fs::symlink(&crawl, d.join("link.jsonl")).unwrap();
    trich().arg("extract").arg(&crawl).arg("-o").arg(d.join("link.jsonl")).assert().code(2);
    assert_eq!(std::fs::read_to_string(&page).unwrap(), PAGE);
    assert_eq!(std::fs::read_to_string(&crawl).unwrap(), crawl_text);
    // A file inside a folder being walked.
    let walked = d.join("in");
    write(&walked.join("001.txt"), PAGE);
    for (target, why) in [
        ("001.txt", "the output would replace one of the inputs"),
        ("facts.jsonl", "lies inside the input folder"),
        ("sub/facts.csv", "lies inside the input folder"),
    ] {
        let out = trich()
            .arg("extract")
            .arg(&walked)
            .args(["-f", "jsonl", "-o"])
            .arg(walked.join(target))
            .assert()
            .code(2)
            .get_output()
            .clone();
        assert!(stderr(&out).contains(why), "{target}: {}", stderr(&out));
    }
    assert_eq!(std::fs::read_to_string(walked.join("001.txt")).unwrap(), PAGE);
    assert!(!walked.join("facts.jsonl").exists() && !walked.join("sub").exists());
}

/// Problem 2: a folder walk read `.jsonl` files, so a second run read the first run's output back.
#[test]
fn a_walk_reads_json_lines_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let walked = dir.path().join("in");
    write(&walked.join("page.txt"), PAGE);
    write(&walked.join("crawl.jsonl"), line("from-the-crawl", PAGE) + "\n");
    let count = || -> usize {
        std::fs::read_dir(&walked)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl") && !p.ends_with("crawl.jsonl"))
            .map(|p| std::fs::read_to_string(p).unwrap().lines().count())
            .sum()
    };
    // The folder output inside the walked folder: its files are not what a walk reads.
    trich().arg("extract").arg(&walked).arg("-o").arg(format!("{}/", walked.display())).assert().success();
    let first = count();
    assert!(first > 3, "{first} records");
    trich().arg("extract").arg(&walked).arg("-o").arg(format!("{}/", walked.display())).assert().success();
    assert_eq!(count(), first, "the second run read the same pages");
    let out = trich().arg("extract").arg(&walked).assert().success().get_output().stdout.clone();
    assert!(!page_sources(&out).contains(&"from-the-crawl".to_string()));
    // Asked for: the walk takes the JSON Lines files, and only them.
    let other = dir.path().join("other");
    write(&other.join("page.txt"), PAGE);
    write(&other.join("crawl.jsonl"), line("from-the-crawl", PAGE) + "\n");
    let out =
        trich().args(["extract", "--input-format", "jsonl"]).arg(&other).assert().success().get_output().stdout.clone();
    assert_eq!(page_sources(&out), ["from-the-crawl"]);
    // Then a folder output there would be read back: refused.
    trich()
        .args(["extract", "--input-format", "jsonl"])
        .arg(&other)
        .arg("-o")
        .arg(format!("{}/", other.display()))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("lies inside the input folder"));
}

/// Problem 3: a UTF-8 byte-order mark at the start of a `.jsonl` file lost its first line.
#[test]
fn a_byte_order_mark_before_json_lines_is_read_past() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bom.jsonl");
    write(&p, format!("\u{feff}{}\n{}\n", line("one", PAGE), line("two", PAGE)));
    let out = trich().args(["extract", "-q"]).arg(&p).assert().success().stderr("").get_output().stdout.clone();
    assert_eq!(page_sources(&out), ["one", "two"]);
}

/// Problem 4: a lone surrogate escape or an invalid byte in a JSON Lines text dropped the page,
/// without saying what was wrong.
#[test]
fn a_json_lines_text_with_bad_characters_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.jsonl");
    let mut bytes = br#"{"id": "surrogate", "text": "Ngh\u1ecb quy\u1ebft 20-NQ/TW \ud83d v\u00e0"}"#.to_vec();
    bytes.push(b'\n');
    bytes.extend_from_slice(r#"{"id": "byte", "text": "Chỉ thị 05-CT/TW "#.as_bytes());
    bytes.push(0xFF);
    bytes.extend_from_slice(" của Bộ Chính trị\"}\n".as_bytes());
    write(&p, &bytes);
    let out = trich().arg("extract").arg(&p).assert().success().get_output().clone();
    let err = stderr(&out);
    assert!(err.contains("bad.jsonl:1: warning: ") && err.contains("\\ud83d"), "{err}");
    assert!(err.contains("lone surrogate"), "{err}");
    assert!(err.contains("bad.jsonl:2: warning: ") && err.contains("invalid UTF-8"), "{err}");
    let recs = jsonl(&out.stdout);
    let codes: Vec<(&str, &str)> = recs
        .iter()
        .filter(|r| r["kind"] == "document")
        .map(|r| (r["source"].as_str().unwrap(), r["code"].as_str().unwrap()))
        .collect();
    assert_eq!(codes, [("surrogate", "20-NQ/TW"), ("byte", "05-CT/TW")]);
    assert_eq!(page_sources(&out.stdout), ["surrogate", "byte"]);
}

/// Problem 5: numeric ids were rewritten, and an id of the wrong type silently became the line
/// number.
#[test]
fn ids_are_kept_as_written_and_odd_ones_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("ids.jsonl");
    let ids = [
        "4.5e300",
        "1.0",
        "123456789012345678901234567890",
        "1e400",
        "-0.0",
        "\"a\\u0062c\"",
        "true",
        "{\"x\": 1}",
        "null",
        "[1]",
    ];
    let text = serde_json::to_string(PAGE).unwrap();
    let lines: Vec<String> = ids.iter().map(|id| format!("{{\"id\": {id}, \"text\": {text}}}")).collect();
    write(&p, lines.join("\n") + "\n");
    let out = trich().arg("extract").arg(&p).assert().success().get_output().clone();
    assert_eq!(
        page_sources(&out.stdout),
        ["4.5e300", "1.0", "123456789012345678901234567890", "1e400", "-0.0", "abc", "7", "8", "9", "10"]
    );
    let err = stderr(&out);
    for (n, what) in [(7, "a boolean"), (8, "an object"), (9, "null"), (10, "an array")] {
        let want = format!("ids.jsonl:{n}: warning: field `id` is {what}");
        assert!(err.contains(&want), "{want} in {err}");
    }
}

/// Runs the binary under a umask, in `dir`.
fn with_umask(umask: &str, dir: &Path, args: &[&str]) -> std::process::Output {
    let script = format!("umask {umask}; exec \"$0\" \"$@\"");
    let out =
        StdCommand::new("sh").arg("-c").arg(script).arg(bin()).args(args).current_dir(dir).output().expect("sh runs");
    assert!(out.status.success(), "{}", stderr(&out));
    out
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Problem 6: output files were always created 0600, and replacing a file made it 0600.
#[test]
fn output_files_follow_the_umask_and_keep_the_mode_they_had() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("p.txt"), PAGE);
    with_umask("022", d, &["extract", "p.txt", "-o", "a.jsonl"]);
    assert_eq!(mode(&d.join("a.jsonl")), 0o644);
    with_umask("002", d, &["extract", "p.txt", "-o", "b.csv"]);
    assert_eq!(mode(&d.join("b.csv")), 0o664);
    with_umask("027", d, &["extract", "p.txt", "-o", "out/"]);
    assert_eq!(mode(&d.join("out/documents.jsonl")), 0o640);
    // Replacing a file keeps its mode, whatever the umask.
    std::fs::set_permissions(d.join("b.csv"), std::fs::Permissions::from_mode(0o664)).unwrap();
    with_umask("077", d, &["extract", "p.txt", "-o", "b.csv"]);
    assert_eq!(mode(&d.join("b.csv")), 0o664);
    assert!(std::fs::read_to_string(d.join("b.csv")).unwrap().starts_with("source,kind,"));
}

/// Problem 7: an `-o` extension that names no format silently got JSON Lines.
#[test]
fn an_output_extension_that_names_no_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["facts.xml", "facts.parquet", "facts.txt"] {
        let target = dir.path().join(name);
        trich()
            .args(["extract", "fixtures/seeds", "-o"])
            .arg(&target)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("{}: ", target.display())))
            .stderr(predicate::str::contains("-f"));
        assert!(!target.exists(), "{name} not written");
    }
    // Named with -f, any name will do.
    let target = dir.path().join("facts.xml");
    trich().args(["extract", "fixtures/seeds", "-q", "-f", "json", "-o"]).arg(&target).assert().success();
    assert!(std::fs::read_to_string(&target).unwrap().starts_with('['));
}

/// Problem 8: huge `-j` panicked, aborted on an allocation or ran for minutes.
#[test]
fn huge_job_counts_are_capped_with_a_warning() {
    let one =
        trich().args(["extract", "fixtures/seeds", "-q", "-j", "1"]).assert().success().get_output().stdout.clone();
    for jobs in ["18446744073709551615", "1000000000", "100000000"] {
        let started = Instant::now();
        let out = trich()
            .args(["extract", "fixtures/seeds", "-q", "-j", jobs])
            .timeout(Duration::from_secs(120))
            .assert()
            .success()
            .stderr(predicate::str::contains("warning: -j"))
            .get_output()
            .clone();
        assert_eq!(out.stdout, one, "-j {jobs}");
        assert!(started.elapsed() < Duration::from_secs(60), "-j {jobs} took {:?}", started.elapsed());
    }
}

/// Problem 9: an endless input of NULs grew to many GB before the binary check.
#[test]
fn endless_and_oversized_inputs_end_with_a_message() {
    trich()
        .args(["extract", "/dev/zero"])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/dev/zero: binary file (NUL byte at offset 0)"));
    for format in ["text", "jsonl"] {
        let out = StdCommand::new(bin())
            .args(["extract", "--input-format", format])
            .stdin(std::fs::File::open("/dev/zero").unwrap())
            .stdout(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
        assert!(stderr(&out).contains("-: binary file (NUL byte at offset 0)"), "{}", stderr(&out));
    }
    // An endless text: the page size limit stops it.
    let (mut child, mut stdin) = spawn_fed(&["extract", "--max-page-size", "1M"], Path::new("."));
    let writer = std::thread::spawn(move || {
        let chunk = "Nghị quyết 20-NQ/TW của Bộ Chính trị.\n".repeat(1000);
        while stdin.write_all(chunk.as_bytes()).is_ok() {}
    });
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(1), "{err}");
    writer.join().unwrap();
    assert!(err.contains("-: larger than the page size limit (1 MB, --max-page-size)"), "{err}");
    // A compressed page counts by what it holds.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt.gz");
    write(&big, gzip(PAGE.repeat(5000).as_bytes()));
    trich()
        .args(["extract", "--max-page-size", "100K"])
        .arg(&big)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("big.txt.gz: larger than the page size limit (100 KB"));
    trich().args(["extract", "--max-page-size", "lots"]).assert().code(2);
}

/// Problem 10: `-o /dev/null` and `-o /dev/stdout` failed, and an existing file without an
/// extension was taken for a folder.
#[test]
fn devices_and_existing_files_without_an_extension_are_outputs() {
    let seed = "fixtures/seeds";
    let want = trich().args(["extract", "-q", seed]).assert().success().get_output().stdout.clone();
    trich().args(["extract", "-q", seed, "-o", "/dev/null"]).assert().success().stdout("");
    let out = trich().args(["extract", "-q", seed, "-o", "/dev/stdout"]).assert().success().get_output().stdout.clone();
    assert_eq!(out, want);
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("facts");
    write(&facts, "old\n");
    trich().args(["extract", "-q", seed, "-o"]).arg(&facts).assert().success();
    assert_eq!(std::fs::read(&facts).unwrap(), want);
}

/// Problem 11: output errors did not name the path, exited 1, and `-o new/x/f.jsonl` failed.
#[test]
fn output_errors_name_the_path_and_exit_2_and_parents_are_made() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("plain"), "a file");
    let under_a_file = d.join("plain/f.jsonl");
    trich()
        .args(["extract", "fixtures/seeds", "-o"])
        .arg(&under_a_file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("trich: {}: ", under_a_file.display())));
    trich()
        .args(["extract", "fixtures/seeds", "-o", "/dev/full"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("trich: /dev/full: cannot write the output: "));
    let nested = d.join("new/x/f.jsonl");
    trich().args(["extract", "-q", "fixtures/seeds", "-o"]).arg(&nested).assert().success();
    assert!(jsonl(&std::fs::read(&nested).unwrap()).len() > 50);
}

/// Problem 12: a gzip, UTF-16 or plain-text file read as JSON Lines printed one error per line.
#[test]
fn json_lines_that_are_not_say_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let lines = format!("{}\n{}\n", line("g1", PAGE), line("g2", PAGE));
    // Compressed JSON Lines are read, whatever their name.
    for name in ["crawl.jsonl.gz", "crawl.jsonl"] {
        write(&d.join(name), gzip(lines.as_bytes()));
        let out = trich().arg("extract").arg(d.join(name)).assert().success().get_output().stdout.clone();
        assert_eq!(page_sources(&out), ["g1", "g2"], "{name}");
    }
    // UTF-16: one message.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(lines.repeat(50).encode_utf16().flat_map(|u| u.to_le_bytes()));
    write(&d.join("wide.jsonl"), &utf16);
    let out = trich().args(["extract", "-q"]).arg(d.join("wide.jsonl")).assert().code(1).get_output().clone();
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("UTF-16"), "{}", stderr(&out));
    // Plain text: a few messages, one saying what the file looks like and how many lines failed.
    write(&d.join("text.jsonl"), "Một dòng văn bản.\n".repeat(1000));
    let out = trich().arg("extract").arg(d.join("text.jsonl")).assert().code(1).get_output().clone();
    let err = stderr(&out);
    assert!(err.lines().count() <= 15, "{err}");
    assert!(err.contains("looks like plain text"), "{err}");
    assert!(err.contains("1000 lines"), "{err}");
}

/// Problem 13: symbolic links in a walked folder were skipped without a word.
#[test]
fn symbolic_links_in_a_walk_are_followed_and_loops_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(&d.join("outside/page.txt"), PAGE);
    let walked = d.join("in");
    write(&walked.join("a.txt"), PAGE);
    std::os::unix::fs::symlink(d.join("outside/page.txt"), walked.join("b.txt")).unwrap();
    std::os::unix::fs::symlink(d.join("outside"), walked.join("c")).unwrap();
    std::os::unix::fs::symlink(&walked, walked.join("d")).unwrap();
    std::os::unix::fs::symlink(d.join("nowhere.txt"), walked.join("e.txt")).unwrap();
    // Hidden, and so not walked, whatever they are.
    std::os::unix::fs::symlink(d.join("nowhere.txt"), walked.join(".f.txt")).unwrap();
    std::os::unix::fs::symlink(&walked, walked.join(".g")).unwrap();
    let out =
        trich().arg("extract").arg(&walked).timeout(Duration::from_secs(60)).assert().success().get_output().clone();
    let shown = walked.display();
    assert_eq!(
        page_sources(&out.stdout),
        [format!("{shown}/a.txt"), format!("{shown}/b.txt"), format!("{shown}/c/page.txt")]
    );
    let err = stderr(&out);
    assert!(err.contains(&format!("{shown}/d: warning: a link back to a folder above it")), "{err}");
    assert!(err.contains(&format!("{shown}/e.txt: warning: a link to nothing")), "{err}");
    assert!(!err.contains("/.f.txt") && !err.contains("/.g"), "{err}");
}

/// Problem 14: file names that are not UTF-8 appeared as `bad��name.txt` in `source`.
#[test]
fn file_names_that_are_not_utf8_are_escaped_losslessly() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"bad\xff\xfename\\x.txt");
    write(&dir.path().join(name), PAGE);
    let out = trich().arg("extract").arg(dir.path()).assert().success().get_output().stdout.clone();
    let want = format!("{}/bad\\xff\\xfename\\\\x.txt", dir.path().display());
    assert_eq!(page_sources(&out), [want]);
    // Messages name it the same way.
    write(&dir.path().join(std::ffi::OsStr::from_bytes(b"empty\xe1.txt")), "");
    trich()
        .arg("extract")
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("empty\\xe1.txt: warning: empty input"));
}

/// Problem 15: Ctrl-C, SIGTERM or SIGHUP left hidden `.partial` files behind.
#[test]
fn signals_remove_the_partial_files_and_end_the_run_by_the_signal() {
    use std::os::unix::process::ExitStatusExt;
    for (signal, number) in [("INT", 2), ("TERM", 15), ("HUP", 1)] {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(&d.join("out/documents.jsonl"), "kept\n");
        let (mut child, mut stdin) = spawn_fed(&["extract", "--input-format", "jsonl", "-o", "out/"], d);
        writeln!(stdin, "{}", line("one", PAGE)).unwrap();
        stdin.flush().unwrap();
        // Wait for the run to be under way: its hidden files are there.
        let partials = |d: &Path| -> Vec<String> {
            walkdir::WalkDir::new(d)
                .into_iter()
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".partial"))
                .collect()
        };
        let started = Instant::now();
        while partials(d).len() < 5 {
            assert!(started.elapsed() < Duration::from_secs(30), "{signal}: no partial files");
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(200));
        let kill = StdCommand::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status().unwrap();
        assert!(kill.success());
        let status = child.wait().unwrap();
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        // Ended by the signal, as a shell sees it: status 128 + its number.
        assert_eq!(status.signal(), Some(number), "{signal}: {status:?} {err}");
        assert_eq!(partials(d), Vec::<String>::new(), "{signal}");
        assert_eq!(std::fs::read_to_string(d.join("out/documents.jsonl")).unwrap(), "kept\n");
        drop(stdin);
    }
}

/// Compressed input: `.gz` files named, walked and on stdin.
#[test]
fn gzip_input_is_read_in_files_walks_and_stdin() {
    let want = trich().args(["extract", "-q"]).write_stdin(PAGE).assert().success().get_output().stdout.clone();
    let want = jsonl(&want);
    let dir = tempfile::tempdir().unwrap();
    let walked = dir.path().join("in");
    write(&walked.join("a.txt.gz"), gzip(PAGE.as_bytes()));
    write(&walked.join("b.txt"), PAGE);
    write(&walked.join("c.gz"), gzip(PAGE.as_bytes()));
    let out = trich().args(["extract", "-q"]).arg(&walked).assert().success().get_output().stdout.clone();
    let shown = walked.display();
    assert_eq!(page_sources(&out), [format!("{shown}/a.txt.gz"), format!("{shown}/b.txt")]);
    // Offsets count the bytes decompressed.
    let got = jsonl(&out);
    let strip = |r: &Json| {
        let mut r = r.clone();
        r["source"] = Json::Null;
        r
    };
    let a: Vec<Json> = got.iter().filter(|r| r["source"] == format!("{shown}/a.txt.gz")).map(strip).collect();
    assert_eq!(a, want.iter().map(strip).collect::<Vec<_>>());
    let named = trich().args(["extract", "-q"]).arg(walked.join("c.gz")).assert().success().get_output().stdout.clone();
    assert_eq!(kinds(&jsonl(&named)), kinds(&want));
    let piped = trich().args(["extract", "-q"]).write_stdin(gzip(PAGE.as_bytes())).assert().success();
    assert_eq!(jsonl(&piped.get_output().stdout), want);
    // A broken archive is named.
    write(&walked.join("d.txt.gz"), &gzip(PAGE.as_bytes())[..40]);
    trich()
        .arg("extract")
        .arg(walked.join("d.txt.gz"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("d.txt.gz: cannot decompress (gzip): "));
}

/// Exit status 2 for an output that cannot be written, 1 for inputs, 0 otherwise: the README's table.
#[test]
fn exit_status_follows_the_table() {
    trich().args(["extract", "-q", "fixtures/seeds"]).assert().code(0);
    trich().args(["extract", "-q", "fixtures/seeds", "no/such.txt"]).assert().code(1);
    trich().args(["extract", "-q", "fixtures/seeds", "-o", "/dev/full"]).assert().code(2);
    trich().args(["extract", "--kind", "people"]).assert().code(2);
}
