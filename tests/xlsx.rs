//! XLSX output from the built binary, read back with a real reader (calamine) and, for what a reader
//! does not tell (frozen panes, filters, widths), from the workbook's own XML.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use serde_json::Value as Json;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn trich() -> Command {
    let mut c = Command::cargo_bin("trich").expect("the binary");
    c.current_dir(root());
    c
}

fn jsonl(out: &[u8]) -> Vec<Json> {
    String::from_utf8(out.to_vec()).expect("UTF-8").lines().map(|l| serde_json::from_str(l).expect("JSON")).collect()
}

type Book = Xlsx<std::io::BufReader<std::fs::File>>;

fn open(path: &Path) -> Book {
    open_workbook(path).unwrap_or_else(|e| panic!("{}: not a workbook calamine reads: {e}", path.display()))
}

fn rows<R: std::io::Read + std::io::Seek>(wb: &mut Xlsx<R>, sheet: &str) -> Vec<Vec<Data>> {
    let range = wb.worksheet_range(sheet).unwrap_or_else(|e| panic!("sheet {sheet}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

/// A cell as the JSON Lines output writes the same field: a string, a number, an ISO date or
/// date-time, or null. `json` is the value it is compared with, for the one thing a cell cannot
/// hold: the UTC offset of a date-time, shown by the cell's format rather than held in its value.
fn as_json(d: &Data, json: &Json) -> Json {
    match d {
        Data::Empty => Json::Null,
        Data::String(s) => Json::String(s.clone()),
        Data::Float(f) => serde_json::json!(f),
        Data::DateTime(dt) => {
            let t = dt.as_datetime().expect("a date");
            let date = t.date().to_string();
            let time = t.time().to_string();
            let iso = match json.as_str() {
                Some(j) if j.len() == 10 => date,
                Some(j) if j.len() > 19 => format!("{date}T{time}{}", &j[19..]),
                _ => format!("{date}T{time}"),
            };
            Json::String(iso)
        }
        other => panic!("unexpected cell {other:?}"),
    }
}

/// A JSON number as a float, as a spreadsheet holds it.
fn number(v: &Json) -> Json {
    match v.as_f64() {
        Some(f) if v.is_number() => serde_json::json!(f),
        _ => v.clone(),
    }
}

/// The output contract's fields of each kind, in order (README, "The output").
fn fields(kind: &str) -> Vec<&'static str> {
    let own: &[&str] = match kind {
        "document" => &["doc_type", "number", "symbol", "code", "issued", "issuer", "title", "system"],
        "official" => &["name", "position", "organization"],
        "statistic" => &["value", "value_max", "unit", "qualifier"],
        "percentage" => &["value", "value_max", "qualifier", "subject"],
        "page" => &["title", "published", "author"],
        _ => panic!("no kind {kind}"),
    };
    ["source", "kind", "text", "start", "end", "line", "zone", "rule", "context"].iter().chain(own).copied().collect()
}

const SHEETS: [(&str, &str); 5] = [
    ("document", "Documents"),
    ("official", "Officials"),
    ("statistic", "Statistics"),
    ("percentage", "Percentages"),
    ("page", "Pages"),
];

/// The workbook of a run holds the records its JSON Lines output holds, field by field, each kind on
/// its sheet in the contract's order, with numbers as numbers and complete dates as dates.
fn assert_same_records(wb: &mut Book, lines: &[Json]) {
    for (kind, sheet) in SHEETS {
        let rows = rows(wb, sheet);
        let header: Vec<String> = rows[0].iter().map(|d| d.to_string()).collect();
        let of_kind: Vec<&Json> = lines.iter().filter(|r| r["kind"] == kind).collect();
        assert!(!of_kind.is_empty(), "records of every kind");
        assert_eq!(header, fields(kind), "{sheet}: the header is the contract's fields in order");
        for rec in &of_kind {
            assert_eq!(rec.as_object().unwrap().len(), header.len(), "{sheet}: every field has a column");
        }
        assert_eq!(rows.len() - 1, of_kind.len(), "{sheet}: one row per record");
        for (i, (row, rec)) in rows[1..].iter().zip(&of_kind).enumerate() {
            for (col, name) in header.iter().enumerate() {
                let want = &rec[name.as_str()];
                let cell = row.get(col).unwrap_or(&Data::Empty);
                assert_eq!(as_json(cell, want), number(want), "{sheet} row {} column {name}", i + 2);
                match name.as_str() {
                    "start" | "end" | "line" => assert!(matches!(cell, Data::Float(_)), "{name} is a number"),
                    "value" | "value_max" if !want.is_null() => assert!(matches!(cell, Data::Float(_))),
                    "issued" | "published" => {
                        let complete = want.as_str().is_some_and(|s| s.len() >= 10);
                        assert_eq!(
                            matches!(cell, Data::DateTime(_)),
                            complete,
                            "{name} {want} is a date when complete"
                        );
                    }
                    _ if want.is_string() => assert!(matches!(cell, Data::String(_)), "{name} is text"),
                    _ => {}
                }
            }
        }
    }
}

#[test]
fn a_workbook_holds_the_records_of_the_json_lines_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("facts.xlsx");
    let lines = jsonl(&trich().args(["extract", "-q", "fixtures/"]).assert().success().get_output().stdout);
    trich().args(["extract", "-q", "fixtures/", "-o"]).arg(&path).assert().success();
    let mut wb = open(&path);
    assert_eq!(wb.sheet_names(), ["Summary", "Documents", "Officials", "Statistics", "Percentages", "Pages"]);
    assert_same_records(&mut wb, &lines);
    // The fixtures hold every form of date: complete dates, bare years, date-times with and without
    // an offset.
    let dates: BTreeSet<usize> =
        lines.iter().flat_map(|r| [&r["issued"], &r["published"]]).filter_map(|v| v.as_str().map(str::len)).collect();
    assert_eq!(dates, BTreeSet::from([4, 10, 19, 25]));
    // Vietnamese intact, in a field and in a sheet's text.
    let docs = rows(&mut wb, "Documents");
    assert!(docs.iter().any(|r| r.contains(&Data::String("Ban Chấp hành Trung ương Đảng khóa X".into()))));

    // The summary: the run's counts, options, and the documents cited on most pages.
    let summary = rows(&mut wb, "Summary");
    let fact = |name: &str| {
        summary.iter().find(|r| r[0] == Data::String(name.into())).map(|r| r[1].clone()).unwrap_or(Data::Empty)
    };
    let count = |kind: &str| Data::Float(lines.iter().filter(|r| r["kind"] == kind).count() as f64);
    assert_eq!(fact("pages read"), count("page"));
    assert_eq!(fact("pages failed"), Data::Float(0.0));
    for (kind, _) in SHEETS {
        let plural = if kind == "statistic" { "statistics".to_string() } else { format!("{kind}s") };
        assert_eq!(fact(&plural), count(kind), "{plural}");
    }
    assert_eq!(fact("inputs"), Data::String("fixtures/".into()));
    assert_eq!(fact("zones"), Data::String("article".into()));
    assert_eq!(fact("rules"), Data::String("built-in".into()));
    // Pages citing each code, counted here from the JSON Lines.
    let mut pages: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for r in lines.iter().filter(|r| r["kind"] == "document") {
        if let Some(code) = r["code"].as_str() {
            pages.entry(code).or_default().insert(r["source"].as_str().unwrap());
        }
    }
    let cited: Vec<(String, f64)> = summary[1..]
        .iter()
        .take_while(|r| r.get(3).is_some_and(|d| *d != Data::Empty))
        .map(|r| (r[3].to_string(), r[6].as_f64().unwrap()))
        .collect();
    assert_eq!(cited.len(), pages.len().min(100));
    let most = pages.values().map(BTreeSet::len).max().unwrap();
    assert!(most > 1, "some document is cited on several pages");
    assert_eq!(cited[0].1, most as f64);
    for (code, n) in &cited {
        assert_eq!(pages[code.as_str()].len() as f64, *n, "pages citing {code}");
    }
    assert!(cited.windows(2).all(|w| w[0].1 >= w[1].1), "most cited first");
    // Nothing is left beside the workbook.
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["facts.xlsx"]);
}

#[test]
fn json_lines_in_and_any_number_of_jobs_give_the_same_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("crawl.jsonl");
    let mut text = String::new();
    for (i, name) in ["000_2a3f385a3204d9ec.txt", "001_07a2c7a3ed70e8f0.txt"].iter().enumerate() {
        let page = std::fs::read_to_string(root().join("fixtures/seeds").join(name)).unwrap_or_default();
        text += &serde_json::json!({"id": format!("trang-{i}"), "text": page}).to_string();
        text.push('\n');
    }
    std::fs::write(&data, text).unwrap();
    let lines = jsonl(&trich().arg("extract").arg(&data).assert().success().get_output().stdout);
    assert!(lines.len() > 10);
    let mut books = Vec::new();
    for jobs in ["1", "2"] {
        let path = dir.path().join(format!("j{jobs}.xlsx"));
        trich().arg("extract").arg(&data).args(["-q", "-j", jobs, "-f", "xlsx", "-o"]).arg(&path).assert().success();
        let mut wb = open(&path);
        let sheets: Vec<Vec<Vec<Data>>> = wb.sheet_names().iter().map(|s| rows(&mut wb, s)).collect();
        books.push(sheets);
        if jobs == "1" {
            assert_same_records(&mut wb, &lines);
        }
    }
    assert_eq!(books[0], books[1]);
}

/// The text of one part of a workbook (its XML).
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).expect("a zip");
    let mut xml = String::new();
    zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn headers_are_frozen_filtered_and_columns_fit_their_content() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("facts.xlsx");
    let lines = jsonl(&trich().args(["extract", "fixtures/seeds"]).assert().success().get_output().stdout);
    trich().args(["extract", "-q", "fixtures/seeds", "-o"]).arg(&path).assert().success();
    let col_re = regex::Regex::new(r#"<col min="(\d+)" max="(\d+)" width="([0-9.]+)""#).unwrap();
    // Sheets are numbered in order: Summary is sheet1.
    for (i, (kind, sheet)) in SHEETS.iter().enumerate() {
        let xml = part(&path, &format!("xl/worksheets/sheet{}.xml", i + 2));
        assert!(
            xml.contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#),
            "{sheet}"
        );
        let recs: Vec<&Json> = lines.iter().filter(|r| r["kind"] == *kind).collect();
        let keys = fields(kind);
        let last = (b'A' + keys.len() as u8 - 1) as char;
        assert!(xml.contains(&format!(r#"<autoFilter ref="A1:{last}{}"/>"#, recs.len() + 1)), "{sheet}: {xml:.600}");
        let mut widths = vec![0.0; keys.len()];
        for c in col_re.captures_iter(&xml) {
            let (min, max): (usize, usize) = (c[1].parse().unwrap(), c[2].parse().unwrap());
            for w in &mut widths[min - 1..max] {
                *w = c[3].parse::<f64>().unwrap();
            }
        }
        for (w, key) in widths.iter().zip(&keys) {
            let longest = recs
                .iter()
                .map(|r| match &r[*key] {
                    Json::String(s) => s.chars().count(),
                    Json::Null => 0,
                    n => n.to_string().len(),
                })
                .max()
                .unwrap();
            assert!(*w >= (longest.min(60) + 1) as f64, "{sheet} {key}: width {w} for {longest} characters");
            assert!(*w <= 62.0 && *w >= (key.len() + 3) as f64, "{sheet} {key}: width {w}");
        }
    }
    let summary = part(&path, "xl/worksheets/sheet1.xml");
    assert!(summary.contains(r#"state="frozen""#) && summary.contains(r#"<autoFilter ref="D1:H"#));
    // A date-time with an offset shows it: the offset is in the cell's format.
    assert!(part(&path, "xl/styles.xml").contains("yyyy-mm-dd hh:mm:ss &quot;+07:00&quot;"));
}

#[test]
fn text_is_never_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let pages = [
        ("=cmd.txt", "=HYPERLINK(\"http://example.com\",\"Nghị quyết 20-NQ/TW\")\nTheo Nghị quyết 20-NQ/TW.\n"),
        ("+84.txt", "+84 912 345 678 đường dây nóng\n- Có trên 90% CNVCLĐ tham gia.\n"),
        ("-5.txt", "-5 độ C ở Sa Pa\n@LĐLĐ: Chủ tịch LĐLĐ quận Bắc Từ Liêm Hà Văn Hải phát biểu.\n"),
        ("@a.txt", "@SUM(1;2) tin nhắn\nCó 283 cuộc tuyên truyền.\n"),
    ];
    for (name, text) in pages {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let names: Vec<&str> = pages.iter().map(|p| p.0).collect();
    let run = |extra: &[&str]| {
        let mut c = trich();
        c.current_dir(dir.path()).args(["extract", "-q"]).args(extra).arg("--").args(&names);
        c
    };
    let lines = jsonl(&run(&[]).assert().success().get_output().stdout);
    run(&["-o", "facts.xlsx"]).assert().success();
    let path = dir.path().join("facts.xlsx");
    let mut wb = open(&path);
    assert_same_records(&mut wb, &lines);
    let mut risky = BTreeSet::new();
    for sheet in wb.sheet_names() {
        let formulas = wb.worksheet_formula(&sheet).unwrap();
        assert_eq!(formulas.used_cells().count(), 0, "{sheet} has no formula");
        for row in rows(&mut wb, &sheet) {
            for cell in row {
                if let Data::String(s) = cell
                    && s.starts_with(['=', '+', '-', '@'])
                {
                    risky.insert(s.chars().next().unwrap());
                }
            }
        }
    }
    assert_eq!(risky, BTreeSet::from(['=', '+', '-', '@']), "cells begin with each, as strings");
    // In the XML itself: strings, and no formula element anywhere.
    let pages_xml = part(&path, "xl/worksheets/sheet6.xml");
    assert!(!pages_xml.contains("<f>") && !pages_xml.contains("<f "));
    assert!(pages_xml.contains(r#"<c r="C2" t="inlineStr"><is><t>=HYPERLINK("http://example.com""#), "{pages_xml}");
}

#[test]
fn a_cell_longer_than_excel_holds_is_cut_with_a_warning() {
    // A page whose name (its records' source) is longer than a cell holds: a crawl's id.
    let dir = tempfile::tempdir().unwrap();
    let id = format!("https://example.vn/tin-tức/{}", "công-nhân-".repeat(4000));
    let data = dir.path().join("crawl.jsonl");
    let line = serde_json::json!({"id": id, "text": "Tin\nTheo Nghị quyết 20-NQ/TW, có 283 cuộc tuyên truyền.\n"});
    std::fs::write(&data, format!("{line}\n")).unwrap();
    let path = dir.path().join("facts.xlsx");
    let out = trich().args(["extract", "-k", "document,page"]).arg(&data).arg("-o").arg(&path).assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let chars = id.chars().count();
    assert!(chars > 32_767);
    for sheet in ["Documents", "Pages"] {
        let want = format!(
            "trich: {}: warning: cell {sheet}!A2 held {chars} characters, cut to the 32767 a cell holds in Excel\n",
            path.display()
        );
        assert!(stderr.contains(&want), "{want}\nin\n{stderr}");
        let rows = rows(&mut open(&path), sheet);
        let source = rows[1][0].to_string();
        assert_eq!(source.chars().count(), 32_767);
        assert!(id.starts_with(&source));
        assert_eq!(rows[1][1], Data::String(sheet.to_lowercase().trim_end_matches('s').into()), "the rest is written");
    }
}

#[test]
fn a_workbook_goes_to_a_pipe_but_not_to_a_terminal() {
    let page = "fixtures/seeds/000_2a3f385a3204d9ec.txt";
    let out = trich().args(["extract", "-f", "xlsx", page]).assert().success().get_output().stdout.clone();
    let lines = jsonl(&trich().args(["extract", page]).assert().success().get_output().stdout);
    let mut wb = Xlsx::new(Cursor::new(out)).expect("a workbook on stdout");
    let docs = rows(&mut wb, "Documents");
    assert_eq!(docs.len() - 1, lines.iter().filter(|r| r["kind"] == "document").count());
    assert_eq!(docs[1][0], Data::String(page.into()));

    // `script` runs the command with a terminal for its output.
    let bin = assert_cmd::cargo::cargo_bin("trich");
    let cmd = format!("{} extract -f xlsx {page}", bin.display());
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .current_dir(root())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script(1) runs");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(
        shown.contains("trich: an XLSX workbook is a binary file, not written to a terminal: name a file (-o facts.xlsx) or redirect the output (> facts.xlsx)"),
        "{shown}"
    );
    assert!(!shown.contains("PK"), "nothing of the workbook is written");
}

#[test]
fn a_folder_gets_one_workbook_per_kind() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let lines = jsonl(&trich().args(["extract", "fixtures/seeds"]).assert().success().get_output().stdout);
    trich()
        .args(["extract", "-q", "fixtures/seeds", "-f", "xlsx", "-k", "document,page", "-o"])
        .arg(&out)
        .assert()
        .success();
    let mut files: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(files, ["documents.xlsx", "pages.xlsx"]);
    for (file, kind, sheet) in [("documents.xlsx", "document", "Documents"), ("pages.xlsx", "page", "Pages")] {
        let mut wb = open(&out.join(file));
        assert_eq!(wb.sheet_names(), ["Summary", sheet]);
        let n = lines.iter().filter(|r| r["kind"] == kind).count();
        assert_eq!(rows(&mut wb, sheet).len(), n + 1);
        // The summary tells the whole run.
        let summary = rows(&mut wb, "Summary");
        let docs = summary.iter().find(|r| r[0] == Data::String("documents".into())).unwrap();
        assert_eq!(docs[1], Data::Float(lines.iter().filter(|r| r["kind"] == "document").count() as f64));
    }
}

#[test]
fn xlsx_usage_errors() {
    trich()
        .args(["extract", "-f", "xlsx", "--excel", "fixtures/seeds", "-o", "x.xlsx"])
        .assert()
        .code(2)
        .stderr("trich: --excel is for csv and tsv output, not xlsx\n");
    trich()
        .args(["extract", "-f", "xls", "fixtures/seeds"])
        .assert()
        .code(2)
        .stderr("trich: unknown format `xls` (jsonl, json, csv, tsv or xlsx)\n");
    // A workbook in folders not made yet: they are made, as for every output file.
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/dir/facts.xlsx");
    trich().args(["extract", "-q", "fixtures/seeds", "-o"]).arg(&missing).assert().code(0);
    assert!(missing.is_file());
    // A folder that cannot be made: exit 2, the path named.
    std::fs::write(dir.path().join("file"), "x").unwrap();
    let under_file = dir.path().join("file/facts.xlsx");
    trich()
        .args(["extract", "-q", "fixtures/seeds", "-o"])
        .arg(&under_file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("file/facts.xlsx: cannot create the output: "));
}

#[test]
fn a_full_disk_is_one_error() {
    // A reader that goes away: see tests/cli.rs, a_closed_pipe_ends_quietly.
    let bin = assert_cmd::cargo::cargo_bin("trich");
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let out = std::process::Command::new(&bin)
        .args(["extract", "-q", "-f", "xlsx", "fixtures/seeds"])
        .current_dir(root())
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.starts_with("trich: stdout: cannot write the output: No space left on device"), "{err}");
    assert_eq!(err.lines().count(), 1, "one message: {err}");
}

#[test]
fn help_tells_of_xlsx() {
    let out = trich().args(["extract", "--help"]).assert().success().get_output().stdout.clone();
    let help = String::from_utf8_lossy(&out);
    for words in ["jsonl, json, csv, tsv or xlsx", "-o facts.xlsx", "Statistics (2)", "32,767", "refused on a terminal"]
    {
        assert!(help.contains(words), "--help lacks {words:?}");
    }
}
