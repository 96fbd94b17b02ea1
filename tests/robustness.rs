//! No input makes the extractor panic, and every record's offsets hold its text: truncated pages
//! (cut inside characters too), random bytes, and random soups of the pieces rules look for.

use std::path::PathBuf;
use std::sync::Arc;

use trich::extract::{self, Options};
use trich::rules::RuleSet;

/// A small deterministic generator: the same cases on every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn check(rules: &RuleSet, bytes: &[u8], what: &str) {
    let source: Arc<str> = Arc::from("case");
    for all_zones in [false, true] {
        let opts = Options { all_zones, ..Options::default() };
        let Ok(x) = extract::extract(rules, &opts, &source, bytes) else { continue };
        for r in &x.records {
            assert!(
                r.start <= r.end && r.end <= bytes.len(),
                "{what}: span {}..{} out of {}",
                r.start,
                r.end,
                bytes.len()
            );
            assert_eq!(String::from_utf8_lossy(&bytes[r.start..r.end]), r.text, "{what}: text of {:?}", r.kind);
        }
    }
}

fn seeds() -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn truncated_pages_never_panic() {
    let rules = RuleSet::builtin().unwrap();
    for (i, page) in seeds().iter().enumerate() {
        for cut in (0..page.len()).step_by(211) {
            check(&rules, &page[..cut], &format!("seed {i} cut at {cut}"));
            check(&rules, &page[cut..], &format!("seed {i} from {cut}"));
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let rules = RuleSet::builtin().unwrap();
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for case in 0..300 {
        let len = rng.below(400);
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xFF) as u8).filter(|b| *b != 0).collect();
        check(&rules, &bytes, &format!("random bytes #{case}"));
    }
}

#[test]
fn soups_of_rule_pieces_never_panic() {
    const PIECES: &[&str] = &[
        "Nghị quyết",
        "số",
        " ",
        " ",
        "\n",
        "20",
        "-",
        "–",
        "/",
        "NQ",
        "TW",
        "Ctr",
        "2019",
        "ngày",
        "3/9/2019",
        "của",
        "Ban Chấp hành",
        "về",
        "“",
        "”",
        "\"",
        "(",
        ")",
        "Chủ tịch",
        "LĐLĐ",
        "quận",
        "Hà",
        "Văn",
        "Hải",
        "Nguyễn",
        "Ông",
        "trên",
        "12.000",
        "0,75",
        ",",
        ".",
        "%",
        "phần trăm",
        "tỷ",
        "nghìn",
        "đồng",
        "đ",
        "lượt",
        "cán bộ",
        "hai",
        "mươi",
        "phẩy",
        "$",
        "USD",
        "Tin khác",
        "Văn bản liên quan",
        "Đang tải văn bản...",
        "\r\n",
        "**",
        "a)",
        "![]() |",
        "Cập nhật lúc 15:51 - 14/05/2020",
        "\u{301}",
        "\u{323}",
        "Ð",
        "\u{a0}",
        "\u{200b}",
        "\u{feff}",
        "o",
        "á",
        "u",
        "ỷ",
        "q",
        "9999999999999999999999999999999",
        "1.000.000.000.000.000.000",
        "giữa",
        "và",
        "từ",
        "đến",
        "trở lên",
        "≥",
        "-",
        "Thủ tướng",
        "Bộ trưởng",
        "Bộ Tài chính",
        "xã",
        "Đào Thị Thúy",
    ];
    let rules = RuleSet::builtin().unwrap();
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    for case in 0..1500 {
        let n = rng.below(40);
        let text: String = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        check(&rules, text.as_bytes(), &format!("soup #{case}: {text:?}"));
    }
}
