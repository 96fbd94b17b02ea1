//! The sentence around a record, for the `context` field.

use std::sync::Arc;

use memchr::memmem;
use once_cell::sync::Lazy;

use crate::normalize::fold_spaces;
use crate::zones::Layout;

/// Contexts longer than this are cut to a window around the match.
const MAX_CHARS: usize = 600;
const WINDOW_CHARS: usize = 240;

/// The sentence of the line holding `start..end`, whitespace folded.
pub fn sentence(text: &str, layout: &Layout, start: usize, end: usize) -> Arc<str> {
    Contexts::default().sentence(text, layout, start, end)
}

/// Contexts of one page: records in the same sentence share its folded text (one copy, however
/// many records point at it).
#[derive(Default)]
pub struct Contexts {
    folded: rustc_hash::FxHashMap<(usize, usize), Arc<str>>,
}

impl Contexts {
    pub fn sentence(&mut self, text: &str, layout: &Layout, start: usize, end: usize) -> Arc<str> {
        let line = layout.lines[layout.line_of(start)];
        let end = end.min(line.end).max(start);
        let s = sentence_start(text, line.start, start);
        let e = sentence_end(text, end, line.end);
        let sent = &text[s..e];
        if sent.len() <= MAX_CHARS || sent.chars().count() <= MAX_CHARS {
            return self.folded.entry((s, e)).or_insert_with(|| fold_spaces(sent).into()).clone();
        }
        window(text, s, e, start, end).into()
    }
}

/// A run-on sentence (a page on one line, a list) cut to a window around the match.
fn window(text: &str, s: usize, e: usize, start: usize, end: usize) -> String {
    let ws = back_chars(text, s, start, WINDOW_CHARS);
    let we = forward_chars(text, end, e, WINDOW_CHARS);
    let mut out = String::new();
    if ws > s {
        out.push('…');
    }
    out.push_str(&fold_spaces(&text[ws..we]));
    if we < e {
        out.push('…');
    }
    out
}

/// Abbreviations whose dot does not end a sentence (`TP. Hồ Chí Minh`, `TS. Nguyễn …`). The rule is
/// the capitals; the few written in mixed case are spelled here, beside it, as exceptions to it.
fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    (1..=3).contains(&w.chars().count()) && w.chars().all(|c| c.is_uppercase())
        || matches!(w, "ThS" | "Th.S" | "Tp" | "v.v" | "St")
}

/// Whether the character at `i` (a `.`, `!`, `?`, `…`) ends a sentence.
fn ends_sentence(text: &str, i: usize, c: char) -> bool {
    let after = &text[i + c.len_utf8()..];
    let next = after.chars().next();
    if !matches!(next, None | Some(' ' | '\n')) {
        return false;
    }
    if c == '.' {
        let word = crate::normalize::tail(&text[..i], 16).rsplit([' ', '\n', '(']).next().unwrap_or("");
        if is_abbreviation(word) {
            return false;
        }
    }
    true
}

fn sentence_start(text: &str, line_start: usize, pos: usize) -> usize {
    let mut upto = pos;
    while let Some(i) = last_stop(&text.as_bytes()[line_start..upto]) {
        let at = line_start + i;
        let c = text[at..].chars().next().expect("a stop is a whole character");
        if ends_sentence(text, at, c) {
            let s = at + c.len_utf8();
            return s + (text[s..pos].len() - text[s..pos].trim_start().len());
        }
        upto = at;
    }
    line_start
}

fn sentence_end(text: &str, pos: usize, line_end: usize) -> usize {
    let mut from = pos;
    while let Some(i) = first_stop(&text.as_bytes()[from..line_end]) {
        let at = from + i;
        let c = text[at..].chars().next().expect("a stop is a whole character");
        if ends_sentence(text, at, c) {
            return at + c.len_utf8();
        }
        from = at + c.len_utf8();
    }
    line_end
}

/// A searcher for `…`, built once: `memmem::find` would build one for every search.
static ELLIPSIS: Lazy<memmem::Finder<'static>> = Lazy::new(|| memmem::Finder::new("…"));

/// The offset of the last `…` (`E2 80 A6`) in `bytes`: found by its last byte, which a fast search
/// finds backwards (a reverse `memmem` goes byte by byte), then checked.
fn last_ellipsis(bytes: &[u8]) -> Option<usize> {
    let mut end = bytes.len();
    while let Some(i) = memchr::memrchr(0xA6, &bytes[..end]) {
        if i >= 2 && bytes[i - 2] == 0xE2 && bytes[i - 1] == 0x80 {
            return Some(i - 2);
        }
        end = i;
    }
    None
}

/// The offset of the first `.`, `!`, `?` or `…` in `bytes`.
fn first_stop(bytes: &[u8]) -> Option<usize> {
    let ascii = memchr::memchr3(b'.', b'!', b'?', bytes);
    let ellipsis = ELLIPSIS.find(&bytes[..ascii.unwrap_or(bytes.len())]);
    ellipsis.or(ascii)
}

/// The offset of the last `.`, `!`, `?` or `…` in `bytes`.
fn last_stop(bytes: &[u8]) -> Option<usize> {
    let ascii = memchr::memrchr3(b'.', b'!', b'?', bytes);
    let from = ascii.map_or(0, |i| i + 1);
    let ellipsis = last_ellipsis(&bytes[from..]).map(|i| from + i);
    ellipsis.or(ascii)
}

fn back_chars(text: &str, floor: usize, from: usize, n: usize) -> usize {
    let mut at = from;
    for (k, (i, _)) in text[floor..from].char_indices().rev().enumerate() {
        at = floor + i;
        if k + 1 >= n {
            break;
        }
    }
    // Start at a word.
    match text[at..from].find(' ') {
        Some(sp) if at > floor => at + sp + 1,
        _ => at,
    }
}

fn forward_chars(text: &str, from: usize, ceil: usize, n: usize) -> usize {
    let mut at = from;
    for (k, (i, c)) in text[from..ceil].char_indices().enumerate() {
        at = from + i + c.len_utf8();
        if k + 1 >= n {
            break;
        }
    }
    match text[from..at].rfind(' ') {
        Some(sp) if at < ceil => from + sp,
        _ => at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Zone;
    use crate::zones::Line;

    #[test]
    fn stops_are_found_either_way_ellipsis_included() {
        let t = "Một. Hai… ba? Bốn";
        let b = t.as_bytes();
        assert_eq!(first_stop(b), Some(t.find('.').unwrap()));
        let after = t.find('.').unwrap() + 1;
        assert_eq!(first_stop(&b[after..]).map(|i| after + i), Some(t.find('…').unwrap()));
        assert_eq!(last_stop(b), Some(t.find('?').unwrap()));
        assert_eq!(last_stop(&b[..t.find('?').unwrap()]), Some(t.find('…').unwrap()));
        assert_eq!(first_stop("không dấu".as_bytes()), None);
        assert_eq!(last_stop("".as_bytes()), None);
        // Letters sharing the ellipsis's last byte (`Ầ`, `æ`) are no stops.
        let t = "Ầ… xæ Ầ";
        assert_eq!(last_stop(t.as_bytes()), Some(t.find('…').unwrap()));
        assert_eq!(last_stop("Ầ xæ Ầ".as_bytes()), None);
    }

    fn ctx(text: &str, needle: &str) -> Arc<str> {
        let layout =
            Layout { lines: vec![Line { start: 0, end: text.len(), zone: Zone::Body }], title: None, byline: None };
        let s = text.find(needle).unwrap();
        sentence(text, &layout, s, s + needle.len())
    }

    #[test]
    fn the_sentence_around_the_match() {
        let t = "Câu một. Năm qua có  trên 90% CNVCLĐ đạt chuẩn. Câu ba.";
        assert_eq!(&*ctx(t, "trên 90%"), "Năm qua có trên 90% CNVCLĐ đạt chuẩn.");
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let t = "Tại TP. Hồ Chí Minh có 5 cuộc thi. Hết.";
        assert_eq!(&*ctx(t, "5 cuộc"), "Tại TP. Hồ Chí Minh có 5 cuộc thi.");
    }

    #[test]
    fn long_sentences_are_cut_to_a_window() {
        let t = format!("{} có 5 cuộc thi {}", "chữ ".repeat(300), "nữa ".repeat(300));
        let c = ctx(&t, "5 cuộc");
        assert!(c.starts_with('…') && c.ends_with('…') && c.contains("5 cuộc thi"));
        assert!(c.chars().count() < 2 * WINDOW_CHARS + 20);
    }
}
