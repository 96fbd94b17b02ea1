//! The same page in another spelling — NFD, the old tone placement, `Ð` for `Đ`, CRLF line ends, a
//! byte-order mark — yields the same records: equal values, and offsets that point at the variant's
//! own bytes.

use std::path::PathBuf;
use std::sync::Arc;

use trich::extract::{self, Options};
use trich::normalize::fold_value;
use trich::record::Record;
use trich::rules::RuleSet;
use unicode_normalization::UnicodeNormalization;

fn seeds() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("fixtures/seeds")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    v.sort();
    assert_eq!(v.len(), 5, "the five seed pages");
    v
}

fn extract(rules: &RuleSet, text: &[u8]) -> Vec<Record> {
    let source: Arc<str> = Arc::from("page");
    extract::extract(rules, &Options::default(), &source, text).expect("extracts").records
}

/// `hóa` → `hoá`, `ủy` → `uỷ`, `khỏe` → `khoẻ`: the tone moved to the second vowel of open
/// `oa`/`oe`/`uy` syllables (never after `q`).
fn old_tone_placement(s: &str) -> String {
    const O: [(char, char, char); 10] = [
        ('ó', 'o', '\u{301}'),
        ('ò', 'o', '\u{300}'),
        ('ỏ', 'o', '\u{309}'),
        ('õ', 'o', '\u{303}'),
        ('ọ', 'o', '\u{323}'),
        ('ú', 'u', '\u{301}'),
        ('ù', 'u', '\u{300}'),
        ('ủ', 'u', '\u{309}'),
        ('ũ', 'u', '\u{303}'),
        ('ụ', 'u', '\u{323}'),
    ];
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        let lower = c.to_lowercase().next().unwrap_or(c);
        let hit = O.iter().find(|(t, _, _)| *t == lower);
        if let (Some(&(_, base, mark)), Some(&next)) = (hit, cs.get(i + 1)) {
            let pair_ok = match base {
                'o' => matches!(next.to_ascii_lowercase(), 'a' | 'e'),
                _ => next.eq_ignore_ascii_case(&'y') && !(i > 0 && matches!(cs[i - 1], 'q' | 'Q')),
            };
            let open = cs.get(i + 2).is_none_or(|c| !c.is_alphabetic());
            if pair_ok && open {
                out.push(if c.is_uppercase() { base.to_ascii_uppercase() } else { base });
                out.extend(format!("{next}{mark}").nfc());
                i += 2;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The fields and zones that must not change with the spelling.
fn values(recs: &[Record]) -> Vec<String> {
    recs.iter()
        .map(|r| format!("{} {} {} {} {:?} {}", r.kind, r.zone.name(), r.rule, r.line, r.fields, fold_value(&r.text)))
        .collect()
}

fn check_variant(name: &str, rules: &RuleSet, reference: &[Record], variant: &str) {
    let recs = extract(rules, variant.as_bytes());
    assert_eq!(values(&recs), values(reference), "{name}: records differ from the original's");
    for r in &recs {
        assert_eq!(&variant.as_bytes()[r.start..r.end], r.text.as_bytes(), "{name}: offsets of {:?}", r.text);
    }
}

#[test]
fn spelling_variants_of_the_seed_pages_give_the_same_records() {
    let rules = RuleSet::builtin().expect("rules");
    for (name, text) in seeds() {
        let reference = extract(&rules, text.as_bytes());
        assert!(reference.len() > 3, "{name} has records");
        let nfd: String = text.nfd().collect();
        assert_ne!(nfd, text);
        check_variant(&format!("{name} in NFD"), &rules, &reference, &nfd);
        let old = old_tone_placement(&text);
        assert_ne!(old, text, "{name} has open oa/oe/uy syllables");
        check_variant(&format!("{name} with the old tone placement"), &rules, &reference, &old);
        check_variant(&format!("{name} with Ð"), &rules, &reference, &text.replace('Đ', "Ð"));
        check_variant(&format!("{name} with CRLF"), &rules, &reference, &text.replace('\n', "\r\n"));
        check_variant(&format!("{name} with NBSP"), &rules, &reference, &text.replace(' ', "\u{a0}"));
    }
}

/// `text` hard-wrapped as a legal library shows it: every paragraph longer than `width` bytes broken
/// into lines of about that width, at spaces before a word in lower case (a break before a capital
/// could be a headline's end, which a reader cannot tell from a wrap either).
fn hard_wrapped(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.len() <= 2 * width || line.contains('|') || line.starts_with('#') {
            out.push_str(line);
            continue;
        }
        let mut run = 0;
        for (k, word) in line.split(' ').enumerate() {
            let goes_on = word.chars().next().is_some_and(char::is_lowercase) && !word.ends_with([')', '.']);
            let ends_well = out.chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == ',');
            if k > 0 {
                if run + word.len() > width && goes_on && ends_well {
                    out.push('\n');
                    run = 0;
                } else {
                    out.push(' ');
                    run += 1;
                }
            }
            out.push_str(word);
            run += word.len();
        }
    }
    out
}

#[test]
fn hard_wrapped_seed_pages_give_the_same_records() {
    let rules = RuleSet::builtin().expect("rules");
    // Every field but the line, which the wraps move on.
    let values = |recs: &[Record]| -> Vec<String> {
        recs.iter()
            .map(|r| format!("{} {} {} {:?} {}", r.kind, r.zone.name(), r.rule, r.fields, fold_value(&r.text)))
            .collect()
    };
    let mut wraps = 0;
    for (name, text) in seeds() {
        let reference = extract(&rules, text.as_bytes());
        let wrapped = hard_wrapped(&text, 72);
        wraps += wrapped.matches('\n').count() - text.matches('\n').count();
        let recs = extract(&rules, wrapped.as_bytes());
        assert_eq!(values(&recs), values(&reference), "{name} hard-wrapped");
        for r in &recs {
            assert_eq!(&wrapped.as_bytes()[r.start..r.end], r.text.as_bytes(), "{name}: offsets of {:?}", r.text);
        }
        // And with CRLF line ends.
        let crlf = wrapped.replace('\n', "\r\n");
        let recs = extract(&rules, crlf.as_bytes());
        assert_eq!(values(&recs), values(&reference), "{name} hard-wrapped with CRLF");
        for r in &recs {
            assert_eq!(&crlf.as_bytes()[r.start..r.end], r.text.as_bytes(), "{name}: offsets of {:?}", r.text);
        }
    }
    assert!(wraps > 100, "the seed pages were wrapped ({wraps} breaks)");
}

#[test]
fn old_tone_placement_helper_does_what_it_says() {
    assert_eq!(old_tone_placement("Thành ủy, văn hóa, khỏe, quý, hoàng"), "Thành uỷ, văn hoá, khoẻ, quý, hoàng");
}

#[test]
fn a_byte_order_mark_shifts_every_offset_by_three() {
    let rules = RuleSet::builtin().expect("rules");
    let (_, text) = &seeds()[0];
    let reference = extract(&rules, text.as_bytes());
    let with_bom = format!("\u{feff}{text}");
    let recs = extract(&rules, with_bom.as_bytes());
    assert_eq!(values(&recs), values(&reference));
    for (a, b) in recs.iter().zip(&reference) {
        assert_eq!((a.start, a.end), (b.start + 3, b.end + 3));
    }
}
