//! The output contract as properties of the whole reading and extraction pipeline, over generated
//! text files (plain and gzip, with invalid bytes, NFD marks, CRLF) and JSON Lines lines (escapes,
//! surrogate pairs, lone surrogates, raw invalid bytes, ids of every kind): nothing panics, each
//! record's `text` is the page's bytes `start..end`, its `line` is the line of `start`, its numbers
//! are finite, and the JSON written of it reads back.
//!
//! Web pages are generated too (the same pieces in blocks, inline tags, character references,
//! scripts, comments and menus): each record's `text` is what the HTML `start..end` shows (tags
//! dropped, references decoded, white space folded), and its `line` is the HTML's line.
//!
//! Each property runs a bounded number of cases (`PROPTEST_CASES` raises it for a longer search).

mod common;

use std::io::Write;
use std::sync::{Arc, OnceLock};

use proptest::prelude::*;
use trich::extract::{self, Options};
use trich::output::{JsonlWriter, RecordWriter};
use trich::read::jsonl::{self, Fields};
use trich::read::{Limits, Page, Source, text};
use trich::record::{Record, Value};
use trich::rules::RuleSet;

use common::shown;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules"))
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(128);
    // A failure prints its smallest case; nothing is written beside the tests.
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Pieces pages are made of: what rules look for, and what makes decoding and normalising rewrite.
const WORDS: &[&str] = &[
    "Nghị quyết số 20-NQ/TW",
    " ngày 28/01/2008 của Ban Chấp hành Trung ương",
    "Quyết định 1600/QĐ-TTg",
    "Nghị định 100/2019/NĐ-CP",
    "Chủ tịch UBND tỉnh Nguyễn Văn An",
    ", đồng chí Hà Văn Hải - Bí thư Đảng ủy",
    "trên 12.000 lượt cán bộ",
    " 3,5 tỷ đồng",
    " đạt 90,5%",
    " từ 11,5 - 12,4%",
    "9999999999999999999999999 tỷ đồng",
    "Cập nhật lúc 15:51 - 14/05/2020",
    "Tin khác",
    "“Xanh 2030”",
    " hoá",
    " ho\u{301}a",
    " Ðảng",
    "\u{a0}",
    "\u{200b}",
    " ",
    ".",
    "\n",
    "\r\n",
    "\n\n",
];

/// One piece of a generated text file.
#[derive(Debug, Clone)]
enum Bit {
    Word(usize),
    /// A byte that cannot begin or continue a UTF-8 character where it stands.
    Invalid(u8),
}

fn bits() -> impl Strategy<Value = Vec<Bit>> {
    let bit = prop_oneof![
        8 => (0..WORDS.len()).prop_map(Bit::Word),
        1 => prop::sample::select(vec![0x80u8, 0xBF, 0xFE, 0xFF]).prop_map(Bit::Invalid),
    ];
    prop::collection::vec(bit, 0..60)
}

fn file_bytes(bits: &[Bit]) -> Vec<u8> {
    let mut out = Vec::new();
    for b in bits {
        match b {
            Bit::Word(i) => out.extend_from_slice(WORDS[*i].as_bytes()),
            Bit::Invalid(x) => out.push(*x),
        }
    }
    out
}

/// One piece of a generated JSON Lines text: written into the JSON string, and what it reads as.
#[derive(Debug, Clone)]
enum Piece {
    Word(usize),
    /// A character written as a `\uXXXX` escape.
    Escaped(char),
    /// A character beyond the first plane, written as a surrogate pair of escapes.
    Pair(char),
    /// Half a surrogate pair without the other half (a high half is followed by `x`, so that no
    /// piece after it can complete it).
    LoneHigh,
    LoneLow,
    /// A raw byte that is not UTF-8.
    Invalid(u8),
}

impl Piece {
    fn written(&self, out: &mut Vec<u8>) {
        let escape = |out: &mut Vec<u8>, unit: u16| out.extend_from_slice(format!("\\u{unit:04x}").as_bytes());
        match self {
            Piece::Word(i) => {
                let quoted = serde_json::to_string(WORDS[*i]).unwrap();
                out.extend_from_slice(&quoted.as_bytes()[1..quoted.len() - 1]);
            }
            Piece::Escaped(c) | Piece::Pair(c) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    escape(out, *unit);
                }
            }
            Piece::LoneHigh => out.extend_from_slice(b"\\ud83dx"),
            Piece::LoneLow => out.extend_from_slice(b"\\udc00"),
            Piece::Invalid(b) => out.push(*b),
        }
    }

    fn read(&self, out: &mut String) {
        match self {
            Piece::Word(i) => out.push_str(WORDS[*i]),
            Piece::Escaped(c) | Piece::Pair(c) => out.push(*c),
            Piece::LoneHigh => out.push_str("\u{FFFD}x"),
            Piece::LoneLow | Piece::Invalid(_) => out.push('\u{FFFD}'),
        }
    }

    fn repaired(&self) -> bool {
        matches!(self, Piece::LoneHigh | Piece::LoneLow | Piece::Invalid(_))
    }
}

fn pieces() -> impl Strategy<Value = Vec<Piece>> {
    let piece = prop_oneof![
        10 => (0..WORDS.len()).prop_map(Piece::Word),
        2 => prop::sample::select(vec!['ị', 'Đ', 'ơ', '\n', '"', '\\', '/', '\u{301}', '\u{a0}', '%']).prop_map(Piece::Escaped),
        1 => prop::sample::select(vec!['😀', '𝐍']).prop_map(Piece::Pair),
        1 => Just(Piece::LoneHigh),
        1 => Just(Piece::LoneLow),
        1 => prop::sample::select(vec![0x80u8, 0xBF, 0xFE, 0xFF]).prop_map(Piece::Invalid),
    ];
    prop::collection::vec(piece, 0..40)
}

/// An id as written in the line, and the `source` it must give (None: the line number).
fn ids() -> impl Strategy<Value = (String, Option<String>)> {
    prop_oneof![
        Just(("\"a-1\"".to_string(), Some("a-1".to_string()))),
        Just(("\"x\\u0079\\\"z\"".to_string(), Some("xy\"z".to_string()))),
        prop::sample::select(vec!["0", "-7", "1.0", "4.5e300", "1e400", "123456789012345678901234567890"])
            .prop_map(|n| (n.to_string(), Some(n.to_string()))),
        prop::sample::select(vec!["null", "true", "{\"a\": [1]}", "[]"]).prop_map(|v| (v.to_string(), None)),
    ]
}

/// Reads the page, extracts it, and holds every record to the contract. `original` is what the
/// offsets count.
fn check(page: &Page, original: &[u8]) -> Result<(), TestCaseError> {
    let decoded = page.decode().map_err(|e| TestCaseError::fail(format!("not decoded: {e}")))?;
    prop_assert_eq!(decoded.original, original);
    let source = Arc::clone(&page.source);
    for opts in [Options::default(), Options { all_zones: true, ..Options::default() }] {
        let found = extract::extract_pages(rules(), &opts, &[(&source, &decoded)]);
        for r in &found[0].records {
            prop_assert!(
                r.start <= r.end && r.end <= original.len(),
                "span {}..{} of {}",
                r.start,
                r.end,
                original.len()
            );
            prop_assert_eq!(&r.text, &String::from_utf8_lossy(&original[r.start..r.end]));
            let line = 1 + original[..r.start].iter().filter(|&&b| b == b'\n').count();
            prop_assert_eq!(r.line, line, "line of {:?}", r.text);
            written_reads_back(r)?;
        }
    }
    Ok(())
}

/// The record as JSON Lines: valid JSON, its numbers finite, its text and offsets as they are.
fn written_reads_back(r: &Record) -> Result<(), TestCaseError> {
    let mut out = Vec::new();
    JsonlWriter::new(&mut out).write(r).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let json: serde_json::Value = serde_json::from_slice(&out)
        .map_err(|e| TestCaseError::fail(format!("{e}: {}", String::from_utf8_lossy(&out))))?;
    prop_assert_eq!(json["text"].as_str(), Some(r.text.as_str()));
    prop_assert_eq!(json["start"].as_u64(), Some(r.start as u64));
    for (name, v) in r.kind.fields().iter().zip(&r.fields) {
        if let Value::Num(_) = v {
            let n = json[*name].as_f64();
            prop_assert!(n.is_some_and(f64::is_finite), "{} = {}", name, json[*name]);
        }
    }
    Ok(())
}

/// One piece of a generated web page: HTML as written.
#[derive(Debug, Clone)]
enum Markup {
    Word(usize),
    /// A word with its letters beyond ASCII written as numeric references, and `&` as `&amp;`.
    Referenced(usize),
    Open(&'static str),
    Close(&'static str),
    Raw(&'static str),
}

const OPENS: &[&str] = &["<p>", "<div class=\"menu\">", "<li>", "<h1>", "<b>", "<td>", "<aside>", "<figcaption>"];
const CLOSES: &[&str] = &["</p>", "</div>", "</li>", "</h1>", "</b>", "</td>", "</aside>", "</figcaption>"];
const RAWS: &[&str] = &[
    "<br>",
    "<!-- Nghị quyết 99-NQ/TW -->",
    "<script>var s = \"Nghị quyết 98-NQ/TW 5%\";</script>",
    "<style>p { color: red }</style>",
    "&nbsp;",
    " \n  ",
    "<img src=\"a.jpg\" alt=\"12%\">",
    "&amp;",
    "&bogus;",
];

fn markup() -> impl Strategy<Value = Vec<Markup>> {
    let piece = prop_oneof![
        8 => (0..WORDS.len()).prop_map(Markup::Word),
        2 => (0..WORDS.len()).prop_map(Markup::Referenced),
        2 => prop::sample::select(OPENS.to_vec()).prop_map(Markup::Open),
        2 => prop::sample::select(CLOSES.to_vec()).prop_map(Markup::Close),
        2 => prop::sample::select(RAWS.to_vec()).prop_map(Markup::Raw),
    ];
    prop::collection::vec(piece, 0..60)
}

fn html_bytes(pieces: &[Markup]) -> Vec<u8> {
    let mut out = String::from("<!DOCTYPE html>\n<html><body>\n");
    for p in pieces {
        match p {
            Markup::Word(i) => out.push_str(&WORDS[*i].replace('&', "&amp;").replace('<', "&lt;")),
            Markup::Referenced(i) => {
                for c in WORDS[*i].chars() {
                    match c {
                        '&' => out.push_str("&amp;"),
                        '<' => out.push_str("&lt;"),
                        c if c.is_ascii() => out.push(c),
                        c => out.push_str(&format!("&#{};", c as u32)),
                    }
                }
            }
            Markup::Open(t) | Markup::Close(t) | Markup::Raw(t) => out.push_str(t),
        }
    }
    out.push_str("</body></html>\n");
    out.into_bytes()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn web_pages_keep_the_contract(pieces in markup()) {
        let html = html_bytes(&pieces);
        let page = Page {
            source: Arc::from("page.html"),
            shown: "page.html".into(),
            body: trich::read::Body::Bytes(html.clone()),
            looks: trich::read::sniff::Looks::Html,
            markup: true,
            encoding: None,
            warnings: Vec::new(),
        };
        let decoded = page.decode().map_err(|e| TestCaseError::fail(format!("not decoded: {e}")))?;
        let src = std::str::from_utf8(&html).unwrap();
        for opts in [Options::default(), Options { all_zones: true, ..Options::default() }] {
            let found = extract::extract_pages(rules(), &opts, &[(&page.source, &decoded)]);
            for r in &found[0].records {
                prop_assert!(r.start <= r.end && r.end <= html.len(), "span {}..{} of {}", r.start, r.end, html.len());
                prop_assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
                let text = &src[r.start..r.end];
                // Nothing from a script, a style or a comment.
                prop_assert!(!r.text.contains("99-NQ") && !r.text.contains("98-NQ"), "{:?}", r.text);
                prop_assert_eq!(shown(text), r.text.as_str(), "{:?}", text);
                if !r.text.is_empty() {
                    prop_assert!(!text.starts_with(['<', ' ', '\n']) && !text.ends_with(['>', ' ', '\n']), "{:?}", text);
                }
                let line = 1 + html[..r.start].iter().filter(|&&b| b == b'\n').count();
                prop_assert_eq!(r.line, line, "line of {:?}", r.text);
                written_reads_back(r)?;
            }
        }
    }

    #[test]
    fn text_files_keep_the_contract(bits in bits(), compressed in any::<bool>()) {
        let bytes = file_bytes(&bits);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.txt");
        let mut f = std::fs::File::create(&path).unwrap();
        if compressed {
            let mut gz = flate2::write::GzEncoder::new(&mut f, flate2::Compression::fast());
            gz.write_all(&bytes).unwrap();
            gz.finish().unwrap();
        } else {
            f.write_all(&bytes).unwrap();
        }
        drop(f);
        let src = Source::File { shown: "page.txt".into(), path };
        let read = text::read(&src, &Limits::default(), None);
        if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            // A UTF-16 byte-order mark: read as UTF-16 (the generated bytes are rarely whole
            // UTF-16 text; what matters is that nothing panics and offsets stay in bounds).
            let page = read.map_err(|e| TestCaseError::fail(e.to_string()))?;
            let decoded = page.decode().map_err(|e| TestCaseError::fail(e.to_string()))?;
            let found = extract::extract_pages(rules(), &Options::default(), &[(&page.source, &decoded)]);
            prop_assert!(found[0].records.iter().all(|r| r.start <= r.end && r.end <= bytes.len()));
            return Ok(());
        }
        let page = read.map_err(|e| TestCaseError::fail(e.to_string()))?;
        check(&page, &bytes)?;
    }

    #[test]
    fn json_lines_keep_the_contract(pieces in pieces(), (id, source) in ids(), id_first in any::<bool>()) {
        let mut text = Vec::new();
        let mut expected = String::new();
        for p in &pieces {
            p.written(&mut text);
            p.read(&mut expected);
        }
        let mut line = b"{".to_vec();
        let id_field = format!("\"id\": {id}");
        if id_first {
            line.extend_from_slice(id_field.as_bytes());
            line.extend_from_slice(b", ");
        }
        line.extend_from_slice(b"\"html\": \"<p class=\\\"x\\\">\\ud800</p>\", \"text\": \"");
        line.extend_from_slice(&text);
        line.push(b'"');
        if !id_first {
            line.extend_from_slice(b", ");
            line.extend_from_slice(id_field.as_bytes());
        }
        line.push(b'}');
        let page = jsonl::page(&line, &Fields::default(), "t.jsonl", 7)
            .map_err(|e| TestCaseError::fail(format!("{e}: {}", String::from_utf8_lossy(&line))))?;
        prop_assert_eq!(&*page.source, source.as_deref().unwrap_or("7"));
        let repaired = pieces.iter().any(Piece::repaired);
        let warned_of_repairs = page.warnings.iter().any(|w| w.contains("U+FFFD"));
        prop_assert_eq!(warned_of_repairs, repaired, "{:?}", page.warnings);
        let Ok(decoded) = page.decode() else { return Err(TestCaseError::fail("not decoded")) };
        prop_assert_eq!(&*decoded.text, expected.as_str());
        let original = expected.clone().into_bytes();
        drop(decoded);
        check(&page, &original)?;
    }
}
