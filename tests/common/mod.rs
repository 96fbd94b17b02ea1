//! What the tests of the built binary share: running it, reading its JSON Lines, a page to read.
#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value as Json;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the checkout.
pub fn trich() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("trich").expect("the binary");
    c.current_dir(root());
    c
}

/// Each line of the output, as JSON.
pub fn jsonl(out: &[u8]) -> Vec<Json> {
    String::from_utf8(out.to_vec())
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

pub fn kinds(recs: &[Json]) -> Vec<&str> {
    recs.iter().map(|r| r["kind"].as_str().unwrap()).collect()
}

/// A page with one record of every kind in its article, and a related-article list after it.
pub const PAGE: &str = "Hà Nội đẩy mạnh tuyên truyền Nghị quyết 20-NQ/TW trong công nhân\n\
Theo Chủ tịch LĐLĐ quận Bắc Từ Liêm Hà Văn Hải, năm 2021 có trên 90% CNVCLĐ tham gia, với 283 cuộc tuyên truyền.\n\
Tin khác\n\
Bảo hiểm nhân thọ lỗ hơn 6.300 tỷ đồng, chiếm hơn 30% tổng nguồn vốn\n";

/// What a browser shows of a piece of HTML: tags dropped, character references decoded, runs of
/// white space one space.
pub fn shown(html: &str) -> String {
    // Table cells on one row are joined by a space; other tags inside a match are inline.
    let mut text = String::new();
    let mut in_tag = false;
    for (i, c) in html.char_indices() {
        match c {
            '<' => {
                in_tag = true;
                if html[i..].starts_with("<td") || html[i..].starts_with("<th") {
                    text.push(' ');
                }
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = trich::read::html::decode_entities(&text);
    text.split([' ', '\n', '\t', '\r']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}
