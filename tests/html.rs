//! Web pages and character sets, through the built binary: pages shaped like news and portal pages
//! (menus, breadcrumbs, share bars, related lists in `aside`, photo captions in `figure`,
//! comments) give the facts their plain-text twins give, with offsets into the HTML; the same
//! pages in windows-1258, UTF-16, TCVN3 and VNI give the same facts; HTML on stdin, in folder walks
//! and in a JSON Lines field.

mod common;

use std::io::Write;
use std::path::Path;

use common::{jsonl, shown, trich};
use serde_json::Value as Json;
use trich::read::charset::{TCVN3, VNI_LETTERS, VNI_MARKS};
use unicode_normalization::UnicodeNormalization;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(common::root().join("tests/pages").join(name)).expect("fixture")
}

fn run(args: &[&str], stdin: Option<Vec<u8>>) -> (Vec<Json>, String) {
    let mut cmd = trich();
    cmd.arg("extract").args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().expect("runs");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    (jsonl(&out.stdout), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A record's fact: kind, text and fields, without where it is. The page record's date is left
/// out: a page's meta data says more than its dateline (the time zone).
fn facts(recs: &[Json]) -> Vec<String> {
    recs.iter()
        .map(|r| {
            let mut r = r.clone();
            let m = r.as_object_mut().unwrap();
            for k in ["source", "start", "end", "line", "zone", "context", "rule"] {
                m.remove(k);
            }
            if m["kind"] == "page" {
                m.remove("published");
            }
            serde_json::to_string(&r).unwrap()
        })
        .collect()
}

/// Each record's offsets point at the bytes of the HTML that show its text, and its line is theirs.
fn assert_offsets_point_into(html: &[u8], recs: &[Json]) {
    let src = std::str::from_utf8(html).unwrap();
    for r in recs {
        let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        let text = r["text"].as_str().unwrap();
        assert_eq!(shown(&src[s..e]), text, "{r}");
        assert_eq!(r["line"].as_u64().unwrap() as usize, 1 + src[..s].matches('\n').count(), "{r}");
        if !text.is_empty() {
            // From the first byte of the first character to the last byte of the last one.
            assert!(!src[s..].starts_with(['<', ' ', '\n']) && !src[..e].ends_with(['>', ' ', '\n']), "{r}");
        }
    }
}

#[test]
fn web_pages_give_the_facts_of_their_text_twins() {
    for name in ["news", "portal"] {
        let html = fixture(&format!("{name}.html"));
        let (from_html, _) = run(&[&format!("tests/pages/{name}.html")], None);
        let (from_text, _) = run(&[&format!("tests/pages/{name}.txt")], None);
        assert!(from_html.len() >= 8, "{name}: {from_html:?}");
        assert_eq!(facts(&from_html), facts(&from_text), "{name}");
        assert_offsets_point_into(&html, &from_html);
        let page = from_html.iter().find(|r| r["kind"] == "page").unwrap();
        assert_eq!(page["zone"], "title");
        let want = if name == "news" { "2023-07-14T15:51:00+07:00" } else { "2022-03-08T09:00:00+07:00" };
        assert_eq!(page["published"], want, "from the page's meta data");
    }
    let (news, _) = run(&["tests/pages/news.html"], None);
    let caption = news.iter().find(|r| r["kind"] == "official" && r["name"] == "Hà Văn Hải").unwrap();
    assert_eq!(caption["zone"], "caption", "the figcaption");
    let page = news.iter().find(|r| r["kind"] == "page").unwrap();
    assert_eq!((page["author"].as_str(), page["text"].as_str()), (Some("Lê Thắm"), page["title"].as_str()));
}

#[test]
fn scripts_comments_menus_and_lists_are_not_the_article() {
    let never = ["99-NQ/TW", "75%", "88-NQ/TW", "01/QĐ-UBND"];
    let elsewhere = ["37-CT/TW", "100/2019/NĐ-CP", "80%", "11-NQ/TU"];
    let mut all_zones = Vec::new();
    for name in ["news", "portal"] {
        let path = format!("tests/pages/{name}.html");
        let (article, _) = run(&[&path], None);
        let (all, _) = run(&[&path, "--zones", "all"], None);
        assert_offsets_point_into(&fixture(&format!("{name}.html")), &all);
        for r in &article {
            let t = r["text"].as_str().unwrap();
            assert!(!never.iter().chain(&elsewhere).any(|n| t.contains(n)), "{name}: {r}");
        }
        for r in &all {
            let t = r["text"].as_str().unwrap();
            assert!(!never.iter().any(|n| t.contains(n)), "a script, a comment or noscript read: {r}");
            if elsewhere.iter().any(|n| t.contains(n)) {
                assert!(matches!(r["zone"].as_str(), Some("related" | "nav")), "{r}");
                all_zones.push(t.to_string());
            }
        }
    }
    for n in elsewhere {
        assert!(all_zones.iter().any(|t| t.contains(n)), "{n} read with --zones all: {all_zones:?}");
    }
}

#[test]
fn html_on_stdin_is_known_by_its_first_bytes() {
    let html = fixture("news.html");
    let (piped, _) = run(&[], Some(html.clone()));
    let (file, _) = run(&["tests/pages/news.html"], None);
    assert_eq!(facts(&piped), facts(&file));
    assert!(piped.iter().all(|r| r["source"] == "-"));
    // Asked to read it as text, it is text: the script's contents are read.
    let (as_text, _) = run(&["--input-format", "text", "--zones", "all"], Some(html.clone()));
    assert!(as_text.iter().any(|r| r["text"].as_str().unwrap().contains("99-NQ/TW")));
    // A file whose name does not say is read by its first bytes too; a .txt file is text.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.php"), &html).unwrap();
    let (php, _) = run(&[dir.path().join("page.php").to_str().unwrap()], None);
    assert_eq!(facts(&php), facts(&file));
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

#[test]
fn walks_take_html_files_and_input_format_html_reads_any() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), fixture("portal.txt")).unwrap();
    std::fs::write(dir.path().join("b.html"), fixture("news.html")).unwrap();
    std::fs::write(dir.path().join("c.htm.gz"), gzip(&fixture("portal.html"))).unwrap();
    std::fs::write(dir.path().join("d.jsonl"), "{\"text\": \"Nghị quyết 55-NQ/TW\"}\n").unwrap();
    let (recs, _) = run(&[dir.path().to_str().unwrap()], None);
    let sources: Vec<&str> =
        recs.iter().filter(|r| r["kind"] == "page").map(|r| r["source"].as_str().unwrap()).collect();
    assert_eq!(sources.len(), 3, "{sources:?}");
    assert!(sources[1].ends_with("b.html") && sources[2].ends_with("c.htm.gz"));
    let gz: Vec<Json> = recs.iter().filter(|r| r["source"].as_str().unwrap().ends_with(".gz")).cloned().collect();
    assert_offsets_point_into(&fixture("portal.html"), &gz);
    // --input-format html: a walk takes HTML files only, and a named file of any name is HTML.
    let (only, _) = run(&[dir.path().to_str().unwrap(), "--input-format", "html"], None);
    assert_eq!(only.iter().filter(|r| r["kind"] == "page").count(), 2);
    std::fs::write(dir.path().join("saved.txt"), fixture("news.html")).unwrap();
    let (named, _) = run(&[dir.path().join("saved.txt").to_str().unwrap(), "--input-format", "html"], None);
    assert_eq!(facts(&named), facts(&run(&["tests/pages/news.html"], None).0));
}

#[test]
fn html_in_a_json_lines_field() {
    let html = String::from_utf8(fixture("portal.html")).unwrap();
    let line = serde_json::json!({"id": "p-1", "html": html, "text": "Nghị quyết 55-NQ/TW"}).to_string();
    let (recs, _) = run(&["--input-format", "jsonl", "--html-field", "html"], Some(format!("{line}\n").into_bytes()));
    let (file, _) = run(&["tests/pages/portal.html"], None);
    assert_eq!(facts(&recs), facts(&file));
    assert!(recs.iter().all(|r| r["source"] == "p-1"));
    // Offsets count the bytes of the field's text as read, as for --text-field.
    assert_offsets_point_into(html.as_bytes(), &recs);
    let out = trich().args(["extract", "--html-field", "h", "--text-field", "t"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "one field or the other");
}

/// `s` in windows-1258: Vietnamese letters as a base letter (with its circumflex, breve or horn)
/// and a tone mark, as the code page writes them.
fn to_1258(s: &str) -> Vec<u8> {
    let mut split = String::new();
    for c in s.chars() {
        let nfd: String = c.to_string().nfd().collect();
        let (tones, rest): (String, String) =
            nfd.chars().partition(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'));
        split.extend(rest.nfc());
        split.push_str(&tones);
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&split);
    assert!(!unmappable, "{s}");
    bytes.into_owned()
}

#[test]
fn a_windows_1258_page_gives_the_records_of_its_utf8_copy() {
    let utf8 = String::from_utf8(fixture("portal.html")).unwrap();
    let legacy = to_1258(&utf8.replace("charset=utf-8", "charset=windows-1258"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.html"), &legacy).unwrap();
    let (recs, _) = run(&[dir.path().join("p.html").to_str().unwrap()], None);
    let (want, _) = run(&["tests/pages/portal.html"], None);
    assert_eq!(facts(&recs), facts(&want));
    let texts = |r: &[Json]| r.iter().map(|r| r["text"].clone()).collect::<Vec<_>>();
    assert_eq!(texts(&recs), texts(&want), "texts as read, in NFC");
    // Offsets into the windows-1258 bytes: they decode to what the records say.
    let decoded = encoding_rs::WINDOWS_1258.decode_without_bom_handling(&legacy).0.nfc().collect::<String>();
    for r in &recs {
        let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        let part: String = encoding_rs::WINDOWS_1258.decode_without_bom_handling(&legacy[s..e]).0.nfc().collect();
        assert_eq!(shown(&part), r["text"].as_str().unwrap(), "{r}");
        assert!(decoded.contains(&part));
    }
    // A text file that says nothing is read as --encoding says.
    let text = to_1258(&String::from_utf8(fixture("portal.txt")).unwrap());
    std::fs::write(dir.path().join("p.txt"), &text).unwrap();
    let (recs, _) = run(&[dir.path().join("p.txt").to_str().unwrap(), "--encoding", "windows-1258"], None);
    assert_eq!(facts(&recs), facts(&run(&["tests/pages/portal.txt"], None).0));
}

#[test]
fn utf16_text_with_a_byte_order_mark_is_read() {
    let text = String::from_utf8(fixture("news.txt")).unwrap();
    let (want, _) = run(&["tests/pages/news.txt"], None);
    for (bom, units) in [(vec![0xFF, 0xFE], true), (vec![0xFE, 0xFF], false)] {
        let mut bytes = bom;
        for u in text.encode_utf16() {
            bytes.extend(if units { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let (recs, _) = run(&[], Some(bytes.clone()));
        assert_eq!(facts(&recs), facts(&want));
        for r in &recs {
            let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
            let units: Vec<u16> = bytes[s..e]
                .chunks(2)
                .map(|p| if units { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) })
                .collect();
            assert_eq!(String::from_utf16(&units).unwrap(), r["text"].as_str().unwrap());
        }
        assert_eq!(
            recs.iter().map(|r| r["line"].clone()).collect::<Vec<_>>(),
            want.iter().map(|r| r["line"].clone()).collect::<Vec<_>>()
        );
    }
    // Without its mark it is refused, unless --encoding says what it is.
    let wide: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let out = trich().args(["extract"]).write_stdin(wide.clone()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--encoding utf-16le"));
    let (recs, _) = run(&["--encoding", "utf-16le"], Some(wide));
    assert_eq!(facts(&recs), facts(&want));
}

/// A page whose capitals carry no tone, as TCVN3 can write it.
const OLD_PAGE: &str = "Công đoàn quận sơ kết công tác năm 2001\n\
Thực hiện Nghị quyết số 02-NQ/TW ngày 12/6/2001 của Bộ Chính trị, các cấp công đoàn đã tổ chức trên 1.200 lượt tuyên truyền, \
với 95,5% công đoàn cơ sở hoàn thành chỉ tiêu và chi 3,5 tỷ đồng hỗ trợ đoàn viên; Chủ tịch LĐLĐ quận Bắc Từ Liêm Hà Văn Hải phát biểu.\n";

fn to_tcvn3(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match TCVN3.iter().find(|(_, t)| *t == Some(c)) {
            Some((b, _)) => *b,
            None if c.is_ascii() => c as u8,
            None => panic!("{c} has no TCVN3 byte"),
        })
        .collect()
}

fn to_vni(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        if let Some((b, _)) = VNI_LETTERS.iter().find(|(_, l)| *l == c) {
            out.push(*b);
            continue;
        }
        let nfd: Vec<char> = c.to_string().nfd().collect();
        let mut marks: Vec<char> = nfd[1..].to_vec();
        let base = if marks.first() == Some(&'\u{31B}') {
            marks.remove(0);
            let horn: String = format!("{}\u{31B}", nfd[0]).nfc().collect();
            VNI_LETTERS.iter().find(|(_, l)| l.to_string() == horn).unwrap().0
        } else {
            nfd[0] as u8
        };
        out.push(base);
        marks.sort();
        let byte = VNI_MARKS
            .iter()
            .find(|(_, m)| {
                let mut m = m.to_vec();
                m.sort();
                m == marks
            })
            .unwrap_or_else(|| panic!("{c}"))
            .0;
        out.push(if c.is_uppercase() { byte - 0x20 } else { byte });
    }
    out
}

#[test]
fn tcvn3_and_vni_are_read_when_asked_and_named_when_not() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("utf8.txt"), OLD_PAGE).unwrap();
    let (want, _) = run(&[dir.path().join("utf8.txt").to_str().unwrap()], None);
    assert!(want.len() >= 5, "{want:?}");
    for (name, bytes, label) in [("tcvn3", to_tcvn3(OLD_PAGE), "TCVN3"), ("vni", to_vni(OLD_PAGE), "VNI")] {
        let path = dir.path().join(format!("{name}.txt"));
        std::fs::write(&path, &bytes).unwrap();
        let (recs, _) = run(&[path.to_str().unwrap(), "--encoding", name], None);
        assert_eq!(facts(&recs), facts(&want), "{name}");
        for r in &recs {
            let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
            let part =
                trich::read::charset::convert(&bytes[s..e], 0, trich::read::Charset::by_name(name).unwrap()).text;
            assert_eq!(part, r["text"].as_str().unwrap(), "{name}: {r}");
        }
        // Read as UTF-8, it is named in a warning.
        let (_, stderr) = run(&[path.to_str().unwrap()], None);
        assert!(
            stderr.contains(&format!("looks like Vietnamese in {label}"))
                && stderr.contains(&format!("--encoding {name}")),
            "{stderr}"
        );
        // As the Latin-1 a crawl made of it, in UTF-8, too.
        let latin1: String = bytes.iter().map(|&b| b as char).collect();
        let (_, stderr) = run(&[], Some(latin1.into_bytes()));
        assert!(stderr.contains(&format!("in {label}")), "{stderr}");
        // A web page declaring iso-8859-1 is read as the font encoding asked for.
        let mut page = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>".to_vec();
        page.extend(bytes.iter().map(|&b| if b == b'\n' { b' ' } else { b }));
        page.extend(b"</p></body></html>");
        let (recs, _) = run(&["--encoding", name], Some(page));
        let body = |r: &[Json]| facts(r).into_iter().filter(|f| !f.contains("\"page\"")).collect::<Vec<_>>();
        assert_eq!(body(&recs), body(&want), "{name} page");
    }
    let (_, stderr) = run(&[dir.path().join("utf8.txt").to_str().unwrap()], None);
    assert!(!stderr.contains("looks like"), "{stderr}");
    let out = trich().args(["extract", "--encoding", "klingon"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_and_readme_say_what_html_offsets_are() {
    let out = trich().args(["extract", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in ["--html-field", "--encoding", "tcvn3", ".html", "HTML source"] {
        assert!(help.contains(needle), "--help lacks {needle}");
    }
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for needle in ["--html-field", "--encoding", "TCVN3", "windows-1258", "HTML source"] {
        assert!(readme.contains(needle), "README lacks {needle}");
    }
}
