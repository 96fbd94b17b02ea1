//! One spelling for the same Vietnamese text.
//!
//! Pages arrive in NFD (letters followed by combining marks), with the old tone placement (`hoá`,
//! `uỷ`, `khoẻ` beside `hóa`, `ủy`, `khỏe`), with `Ð` (U+00D0, the Icelandic eth) typed for `Đ`, and
//! with non-breaking, doubled or zero-width spaces. Rules are written against one spelling, so every
//! page is brought to it first:
//!
//! - NFC for every letter that arrived decomposed;
//! - the tone of the open syllables `oa`, `oe`, `uy` on the first vowel (`hóa`, `khỏe`, `thủy`), the
//!   placement the press uses; `quý` keeps its tone, since there the `u` belongs to `qu`;
//! - `Ð`/`ð`/`Ɖ` → `Đ`/`đ`;
//! - tabs and Unicode spaces → one space, runs of spaces folded, zero-width characters and soft
//!   hyphens dropped, CRLF and CR → LF;
//! - a Markdown emphasis closed and opened again between two words (`ngày 19 tháng 10 năm* *2025
//!   của* *Bộ trưởng`, as legal pages converted line by line write it) → one space.
//!
//! The result keeps an [`OffsetMap`] back to the input, and an input already in that form is
//! returned borrowed, untouched, with an empty map.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use crate::offsets::OffsetMap;

#[derive(Debug)]
pub struct Normalized<'a> {
    pub text: Cow<'a, str>,
    pub map: OffsetMap,
}

/// Normalises `src`; see the module documentation for what changes.
pub fn normalize(src: &str) -> Normalized<'_> {
    // Text with combining marks (NFD) takes the general path, which composes them; the rest — nearly
    // every page — takes a byte loop that only stops where something can need rewriting.
    if memchr::memchr2(0xCC, 0xCD, src.as_bytes()).is_some() { normalize_general(src) } else { normalize_composed(src) }
}

/// Bytes where [`normalize_composed`] must look closer: whitespace, `o`/`u` (an old tone placement
/// may follow) and the lead bytes of the characters it rewrites.
static STOP: [bool; 256] = {
    let mut t = [false; 256];
    let stops: [u8; 16] =
        [b' ', b'\t', b'\r', 0x0B, 0x0C, b'o', b'O', b'u', b'U', 0xC2, 0xC3, 0xC6, 0xE1, 0xE2, 0xE3, 0xEF];
    let mut k = 0;
    while k < stops.len() {
        t[stops[k] as usize] = true;
        k += 1;
    }
    t
};

/// The fast path, for text without combining marks. It goes [`QUIET`] bytes at a time past text
/// where [`is_quiet`] sees nothing to rewrite (two thirds of a news page), and byte by byte elsewhere.
fn normalize_composed(src: &str) -> Normalized<'_> {
    let bytes = src.as_bytes();
    let mut w = Rewriter::new(src);
    let mut i = 0;
    let mut space_end = usize::MAX;
    // Bytes before this one are looked at one by one.
    let mut slow_until = 0;
    while i < bytes.len() {
        if i >= slow_until {
            // A space here folds into one just kept: the window cannot see that.
            let folds = bytes[i] == b' ' && space_end == i;
            match bytes.get(i..i + QUIET + 4) {
                Some(window) if !folds && is_quiet(window) => {
                    // Only a space at the very end can fold with what comes next.
                    if bytes[i + QUIET - 1] == b' ' {
                        space_end = i + QUIET;
                    }
                    i += QUIET;
                    continue;
                }
                _ => slow_until = i + QUIET,
            }
        }
        let b = bytes[i];
        if !STOP[b as usize] {
            i += 1;
            continue;
        }
        match b {
            b' ' if emphasis_seam(src, i) => {
                w.replace(i - 1, 3, " ");
                space_end = i + 2;
                i += 2;
            }
            b' ' | b'\t' | 0x0B | 0x0C => {
                if space_end == i {
                    w.replace(i, 1, "");
                } else if b != b' ' {
                    w.replace(i, 1, " ");
                }
                space_end = i + 1;
                i += 1;
            }
            b'\r' => {
                let lf = bytes.get(i + 1) == Some(&b'\n');
                w.replace(i, 1, if lf { "" } else { "\n" });
                i += 1;
            }
            b'o' | b'O' | b'u' | b'U' => {
                if may_be_toned_aey(bytes, i + 1) {
                    let prev = if i > 0 { bytes[i - 1] as char } else { '\n' };
                    if let Some(n) = tone_swap(src, i, prev, &mut w) {
                        i += n;
                        continue;
                    }
                }
                i += 1;
            }
            _ => {
                let n = utf8_len(b);
                let second = bytes.get(i + 1).copied().unwrap_or(0);
                if may_be_rewritten(b, second) {
                    rewrite_char(src, i, n, &mut space_end, &mut w);
                }
                i += n;
            }
        }
    }
    w.finish()
}

/// Whether the space at `i` is the seam of an emphasis closed and opened again between two words
/// (`năm* *2025`): a `*` on each side of it, a letter or a digit beyond each.
fn emphasis_seam(src: &str, i: usize) -> bool {
    let bytes = src.as_bytes();
    i > 0
        && bytes[i - 1] == b'*'
        && bytes.get(i + 1) == Some(&b'*')
        && src[..i - 1].chars().next_back().is_some_and(char::is_alphanumeric)
        && src.get(i + 2..).and_then(|r| r.chars().next()).is_some_and(char::is_alphanumeric)
}

/// Whether the first [`QUIET`] bytes of `w` (which holds two more) may hold what a folded text has
/// not: two spaces, an ASCII control, or a Unicode space. It may see more than there is, never less.
#[inline]
fn may_hold_space(w: &[u8]) -> bool {
    let w = &w[..QUIET + 2];
    let mut seen = false;
    for k in 0..QUIET {
        let (c, n, n2) = (w[k], w[k + 1], w[k + 2]);
        seen |= ((c == b' ') & (n == b' ')) | (c.wrapping_sub(0x09) <= 0x0D - 0x09) | may_begin_unicode_space(c, n, n2);
    }
    seen
}

/// Whether the bytes `c n n2` may begin a Unicode space or one of the zero-width characters beside
/// them: U+0085, U+00A0, U+1680, U+2000–U+200F, U+2028, U+2029, U+202F, U+205F, U+2060, U+3000. The
/// quotes and dashes that share their first two bytes (E2 80) are told apart by the third. With no
/// branch, for the checks of whole windows.
#[inline]
fn may_begin_unicode_space(c: u8, n: u8, n2: u8) -> bool {
    ((c == 0xC2) & ((n == 0x85) | (n == 0xA0)))
        | ((c == 0xE1) & (n == 0x9A))
        | ((c == 0xE2)
            & (((n == 0x80) & ((n2 <= 0x8F) | (n2 == 0xA8) | (n2 == 0xA9) | (n2 == 0xAF)))
                | ((n == 0x81) & ((n2 == 0x9F) | (n2 == 0xA0)))))
        | ((c == 0xE3) & (n == 0x80))
}

/// How many bytes [`is_quiet`] clears at once.
const QUIET: usize = 32;

/// Whether the loop of [`normalize_composed`] would leave the first [`QUIET`] bytes of `w` as they are
/// (`w` holds four bytes more, for the characters that begin inside and what follows them). It looks
/// for what that loop may rewrite — a space after a space, tabs and carriage returns, the lead bytes
/// of Unicode spaces, invisible characters and `Ð`/`ð`/`Ɖ`, and `o`/`u` before a toned `a`/`e`/`y`
/// that ends its syllable — with no branch, so that the compiler runs it on many bytes at once. It may
/// see more than there is (the loop then looks closer), never less: where a lead byte is rare in
/// Vietnamese, it alone is enough, which costs fewer comparisons.
#[inline]
fn is_quiet(w: &[u8]) -> bool {
    let w = &w[..QUIET + 4];
    let alpha = |c: u8| (c | 0x20).wrapping_sub(b'a') < 26;
    let mut seen = false;
    for k in 0..QUIET {
        let (b, n, n2, n3, n4) = (w[k], w[k + 1], w[k + 2], w[k + 3], w[k + 4]);
        // `\t`, U+000B, U+000C, `\r`: 09 to 0D but the newline.
        let controls = (b.wrapping_sub(0x09) <= 0x0D - 0x09) & (b != b'\n');
        let spaces = (b == b' ') & (n == b' ');
        // An emphasis' seam between words (`năm* *2025`).
        let seam = (b == b' ') & (n == b'*') & (n2 != b'*');
        // U+0080–U+00BF (U+0085, U+00A0, U+00AD among them), U+3000–U+3FFF, U+F000–U+FFFF (U+FEFF).
        let rare = (b == 0xC2) | (b == 0xE3) | (b == 0xEF);
        // Ð ð (C3 90, C3 B0), Ɖ (C6 89), U+1680 (E1 9A 80).
        let letters = ((b == 0xC3) & ((n & 0xDF) == 0x90)) | ((b == 0xC6) & (n == 0x89)) | ((b == 0xE1) & (n == 0x9A));
        // U+2000–U+200F, U+2028–U+202F, U+2040–U+207F: not the dashes, quotes and `…` between.
        let general = (b == 0xE2) & (((n == 0x80) & ((n2 <= 0x8F) | ((n2 & 0xF8) == 0xA8))) | (n == 0x81));
        // `o`/`u` before a toned a/e/y (á à ã é è ý and capitals: C3; ạ ả ẹ ẻ ẽ ỳ ỵ ỷ ỹ and capitals:
        // E1 BA, E1 BB) that no ASCII letter follows.
        let ou = ((b | 0x20) == b'o') | ((b | 0x20) == b'u');
        let latin1 = (n == 0xC3) & !alpha(n3);
        let extended = (n == 0xE1) & ((n2 & 0xFE) == 0xBA) & !alpha(n4);
        seen |= controls | spaces | seam | rare | letters | general | (ou & (latin1 | extended));
    }
    !seen
}

/// Whether the character at `i` can be a toned `a`/`e`/`y` (its first two bytes say): the only
/// case where the `o`/`u` before it may need its tone moved.
#[inline]
fn may_be_toned_aey(bytes: &[u8], i: usize) -> bool {
    match (bytes.get(i), bytes.get(i + 1)) {
        // á à ã é è ý and capitals (U+00C0–U+00FD)
        (Some(0xC3), Some(&b)) => {
            matches!(b, 0x80 | 0x81 | 0x83 | 0x88 | 0x89 | 0x9D | 0xA0 | 0xA1 | 0xA3 | 0xA8 | 0xA9 | 0xBD)
        }
        // ả ạ ẻ ẽ ẹ ỳ ỵ ỷ ỹ and capitals (U+1EA0–U+1EF9)
        (Some(0xE1), Some(0xBA | 0xBB)) => true,
        _ => false,
    }
}

/// Rewrites the character at `i` (of `n` bytes) if [`classify`] says so.
fn rewrite_char(src: &str, i: usize, n: usize, space_end: &mut usize, w: &mut Rewriter<'_>) {
    let (c, _) = char_at(src, i);
    match classify(c) {
        Class::Keep => {}
        Class::Replace(r) => {
            let mut buf = [0u8; 4];
            w.replace(i, n, r.encode_utf8(&mut buf));
        }
        Class::Space => {
            w.replace(i, n, if *space_end == i { "" } else { " " });
            *space_end = i + n;
        }
        Class::Newline => w.replace(i, n, "\n"),
        Class::Drop => {
            w.replace(i, n, "");
            // A space on either side of a dropped character still folds with the other.
            if *space_end == i {
                *space_end = i + n;
            }
        }
    }
}

/// The general path: also composes letters that arrived with combining marks.
fn normalize_general(src: &str) -> Normalized<'_> {
    let bytes = src.as_bytes();
    let mut w = Rewriter::new(src);
    let mut i = 0;
    // The offset just after the last space kept (or folded): a space starting there folds into it.
    let mut space_end = usize::MAX;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if combining_at(bytes, i + 1) {
                i = compose_cluster(src, i, &mut w);
                continue;
            }
            match b {
                b' ' if emphasis_seam(src, i) => {
                    w.replace(i - 1, 3, " ");
                    space_end = i + 2;
                    i += 2;
                    continue;
                }
                b' ' | b'\t' | 0x0B | 0x0C => {
                    if space_end == i {
                        w.replace(i, 1, "");
                    } else if b != b' ' {
                        w.replace(i, 1, " ");
                    }
                    space_end = i + 1;
                }
                b'\r' => {
                    let lf = bytes.get(i + 1) == Some(&b'\n');
                    w.replace(i, 1, if lf { "" } else { "\n" });
                }
                // A toned vowel after it: precomposed, or a letter with combining marks (NFD).
                b'o' | b'O' | b'u' | b'U'
                    if bytes.get(i + 1).is_some_and(|&n| n >= 0x80) || combining_at(bytes, i + 2) =>
                {
                    let prev = if i > 0 { bytes[i - 1] as char } else { '\n' };
                    if let Some(n) = tone_swap(src, i, prev, &mut w) {
                        i += n;
                        continue;
                    }
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        let n = utf8_len(b);
        if combining_at(bytes, i + n) {
            i = compose_cluster(src, i, &mut w);
            continue;
        }
        let second = bytes.get(i + 1).copied().unwrap_or(0);
        if may_be_rewritten(b, second) {
            rewrite_char(src, i, n, &mut space_end, &mut w);
        }
        i += n;
    }
    w.finish()
}

/// Only these first two bytes can start a character that is rewritten (Ð ð, Ɖ, the Unicode spaces,
/// zero-width characters and separators); all of Vietnamese passes by.
#[inline]
fn may_be_rewritten(b: u8, second: u8) -> bool {
    match b {
        0xC2 => true,
        0xC3 => matches!(second, 0x90 | 0xB0),
        0xC6 => second == 0x89,
        0xE1 => second == 0x9A,
        0xE2 => matches!(second, 0x80 | 0x81),
        0xE3 => second == 0x80,
        0xEF => second == 0xBB,
        _ => false,
    }
}

/// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
#[inline]
fn utf8_len(b: u8) -> usize {
    match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// A base letter at `i` followed by combining marks: composes the whole cluster, and returns where
/// it ends.
fn compose_cluster(src: &str, i: usize, w: &mut Rewriter<'_>) -> usize {
    let bytes = src.as_bytes();
    let (_, n) = char_at(src, i);
    let mut j = i + n;
    while combining_at(bytes, j) {
        j += 2;
    }
    let nfc: String = src[i..j].nfc().collect();
    w.replace(i, j - i, &fix_char_str(&nfc));
    j
}

/// Whether the bytes at `i` encode a combining diacritical mark (U+0300–U+036F: `CC 80`–`CD AF`).
#[inline]
fn combining_at(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(0xCC) => true,
        Some(0xCD) => bytes.get(i + 1).is_some_and(|&b| b <= 0xAF),
        _ => false,
    }
}

#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
    (c, c.len_utf8())
}

enum Class {
    Keep,
    Replace(char),
    Space,
    Newline,
    Drop,
}

#[inline]
fn classify(c: char) -> Class {
    match c {
        '\u{00D0}' | '\u{0189}' => Class::Replace('Đ'),
        '\u{00F0}' => Class::Replace('đ'),
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Class::Space,
        '\u{0085}' | '\u{2028}' | '\u{2029}' => Class::Newline,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Class::Drop,
        _ => Class::Keep,
    }
}

/// `Ð` → `Đ` inside a composed cluster (NFD input can carry it too).
fn fix_char_str(s: &str) -> Cow<'_, str> {
    if s.chars().any(|c| matches!(classify(c), Class::Replace(_))) {
        Cow::Owned(s.chars().map(|c| if let Class::Replace(r) = classify(c) { r } else { c }).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// At an ASCII `o`/`u` at `i`: if it opens `oa`/`oe`/`uy` with the tone on the second vowel and
/// nothing after it, rewrite the pair with the tone on the first vowel and return the bytes consumed.
fn tone_swap(src: &str, i: usize, prev: char, w: &mut Rewriter<'_>) -> Option<usize> {
    let bytes = src.as_bytes();
    let first = bytes[i] as char;
    let j = i + 1;
    if j >= bytes.len() || bytes[j] < 0x80 && !combining_at(bytes, j + 1) {
        return None; // the next letter is plain ASCII: no tone on it
    }
    // The second vowel, composed if it arrived in NFD.
    let (_, n2) = char_at(src, j);
    let (second, end): (Cow<'_, str>, usize) = if combining_at(bytes, j + n2) {
        let mut k = j + n2;
        while combining_at(bytes, k) {
            k += 2;
        }
        (Cow::Owned(src[j..k].nfc().collect()), k)
    } else {
        (Cow::Borrowed(&src[j..j + n2]), j + n2)
    };
    let mut it = second.chars();
    let (v, None) = (it.next()?, it.next()) else { return None };
    let (base, tone) = toned_vowel(v)?;
    let lower_first = first.to_ascii_lowercase();
    let pair_ok = match lower_first {
        'o' => matches!(base.to_ascii_lowercase(), 'a' | 'e'),
        'u' => base.eq_ignore_ascii_case(&'y') && !matches!(prev, 'q' | 'Q'),
        _ => false,
    };
    if !pair_ok {
        return None;
    }
    // Only an open syllable moves its tone: `hoàng`, `thuyết` are the same in both placements.
    if end < bytes.len() {
        let (next, _) = char_at(src, end);
        if next.is_alphabetic() || combining_at(bytes, end) {
            return None;
        }
    }
    let toned_first = with_tone(first, tone)?;
    let mut out = String::with_capacity(8);
    out.push(toned_first);
    out.push(base);
    w.replace(i, end - i, &out);
    Some(end - i)
}

const TONED: [(char, [char; 5]); 6] = [
    ('a', ['á', 'à', 'ả', 'ã', 'ạ']),
    ('e', ['é', 'è', 'ẻ', 'ẽ', 'ẹ']),
    ('y', ['ý', 'ỳ', 'ỷ', 'ỹ', 'ỵ']),
    ('A', ['Á', 'À', 'Ả', 'Ã', 'Ạ']),
    ('E', ['É', 'È', 'Ẻ', 'Ẽ', 'Ẹ']),
    ('Y', ['Ý', 'Ỳ', 'Ỷ', 'Ỹ', 'Ỵ']),
];

const TONED_OU: [(char, [char; 5]); 4] = [
    ('o', ['ó', 'ò', 'ỏ', 'õ', 'ọ']),
    ('u', ['ú', 'ù', 'ủ', 'ũ', 'ụ']),
    ('O', ['Ó', 'Ò', 'Ỏ', 'Õ', 'Ọ']),
    ('U', ['Ú', 'Ù', 'Ủ', 'Ũ', 'Ụ']),
];

/// A plain `a`/`e`/`y` carrying one of the five tones: its base letter and the tone's index.
fn toned_vowel(c: char) -> Option<(char, usize)> {
    // Latin-1 and Latin Extended Additional only: anything else is not a toned a/e/y.
    if !matches!(c as u32, 0xC0..=0xFF | 0x1EA0..=0x1EF9) {
        return None;
    }
    TONED.iter().find_map(|(base, toned)| toned.iter().position(|&t| t == c).map(|k| (*base, k)))
}

fn with_tone(c: char, tone: usize) -> Option<char> {
    TONED_OU.iter().find(|(b, _)| *b == c).map(|(_, t)| t[tone])
}

/// Builds the rewritten text lazily: nothing is allocated until the first change.
struct Rewriter<'a> {
    src: &'a str,
    out: Option<String>,
    copied: usize,
    map: OffsetMap,
}

impl<'a> Rewriter<'a> {
    fn new(src: &'a str) -> Self {
        Self { src, out: None, copied: 0, map: OffsetMap::identity() }
    }

    fn replace(&mut self, at: usize, src_len: usize, with: &str) {
        let src = self.src;
        let out = self.out.get_or_insert_with(|| String::with_capacity(src.len()));
        out.push_str(&src[self.copied..at]);
        self.map.push(out.len(), with.len(), at, src_len);
        out.push_str(with);
        self.copied = at + src_len;
    }

    fn finish(self) -> Normalized<'a> {
        match self.out {
            None => Normalized { text: Cow::Borrowed(self.src), map: self.map },
            Some(mut out) => {
                out.push_str(&self.src[self.copied..]);
                Normalized { text: Cow::Owned(out), map: self.map }
            }
        }
    }
}

/// Folds a value for output: normalised, whitespace (newlines too) folded to single spaces, trimmed.
pub fn fold_value(s: &str) -> String {
    fold_spaces(&normalize(s).text)
}

/// `c.is_alphabetic()`, answered without the Unicode tables for ASCII and the Latin blocks that
/// Vietnamese is written in.
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphabetic() } else { latin_letter(c).unwrap_or_else(|| c.is_alphabetic()) }
}

/// `c.is_alphanumeric()`, quickly for the same characters as [`is_letter`].
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { latin_letter(c).unwrap_or_else(|| c.is_alphanumeric()) }
}

/// Whether a character of the Latin blocks is a letter: every one of U+00C0–U+024F but `×` and `÷`,
/// and of U+1E00–U+1EFF, is; `None` outside them.
#[inline]
fn latin_letter(c: char) -> Option<bool> {
    match c as u32 {
        0xD7 | 0xF7 => Some(false),
        0xC0..=0x24F | 0x1E00..=0x1EFF => Some(true),
        _ => None,
    }
}

/// `s` with its runs of white space as single spaces, and none at either end.
pub fn fold_spaces(s: &str) -> String {
    if is_folded(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `s` is already folded: its only white space single ASCII spaces between words (as in
/// nearly every normalised sentence). Bytes are looked at, not characters: only ASCII controls and
/// characters beginning with the bytes C2, E1, E2 or E3 can be white space.
fn is_folded(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // Whole windows first, each with a check that has no branch (see `may_hold_space`); what is left
    // after the last quiet window, or everything once a window may hold white space, byte by byte.
    let mut from = 0;
    while let Some(w) = b.get(from..from + QUIET + 2) {
        if may_hold_space(w) {
            from = 0;
            break;
        }
        from += QUIET;
    }
    let mut after_space = false;
    for (i, &c) in b.iter().enumerate().skip(from) {
        match c {
            b' ' if after_space => return false,
            b' ' => {
                after_space = true;
                continue;
            }
            0x09..=0x0D => return false,
            // Letters share the lead bytes of Unicode spaces (`ạ`, `ế`: E1 BA, E1 BB): the bytes
            // after tell them apart without decoding the character.
            0xC2 | 0xE1..=0xE3
                if may_begin_unicode_space(
                    c,
                    b.get(i + 1).copied().unwrap_or(0),
                    b.get(i + 2).copied().unwrap_or(0),
                ) && s[i..].starts_with(char::is_whitespace) =>
            {
                return false;
            }
            _ => {}
        }
        after_space = false;
    }
    true
}

/// `s` in lower case, letter for letter: a letter whose lower case would take another number of
/// bytes (`İ`) stays as it is, so that offsets into the result are offsets into `s`.
pub fn lower_same_len(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match lower_char(ch) {
            Some(l) if l.len_utf8() == ch.len_utf8() => out.push(l),
            _ => out.push(ch),
        }
    }
    out
}

/// The text with its first letter in capitals (`hà nội` → `Hà nội`).
pub fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default()
}

/// `s` in lower case, exactly as `str::to_lowercase` writes it, but quicker on Vietnamese: its
/// letters are mapped without the general Unicode table.
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    lower_into(s, &mut out);
    out
}

/// [`lower`], written into `out` (cleared first): looking a word up needs no new string each time.
pub fn lower_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    out.reserve(s.len());
    let b = s.as_bytes();
    // `s[copied..i]` is still to be written as it is: runs of characters that are their own lower
    // case are copied whole. The first bytes of a character say whether it is one, for ASCII and the
    // blocks Vietnamese letters are in; any other character is decoded and mapped by [`lower_char`].
    let (mut copied, mut i) = (0, 0);
    while i < b.len() {
        let c = b[i];
        let (n, changed) = match c {
            0x00..=0x7F => (1, c.is_ascii_uppercase()),
            // À–Þ but ×: U+00C0–U+00DE.
            0xC3 => (2, matches!(b[i + 1], 0x80..=0x9E) && b[i + 1] != 0x97),
            // Ạ–ỿ (U+1EA0–U+1EFF), pairs with the capital first (an even last byte); general
            // punctuation to U+206F, which has no case.
            0xE1 if b[i + 1] == 0xBB || (b[i + 1] == 0xBA && b[i + 2] >= 0xA0) => (3, b[i + 2] & 1 == 0),
            0xE2 if b[i + 1] == 0x80 || (b[i + 1] == 0x81 && b[i + 2] <= 0xAF) => (3, false),
            _ => {
                let ch = s[i..].chars().next().expect("a character starts here");
                // A capital sigma's lower case depends on the letters around it.
                if ch == 'Σ' {
                    out.clear();
                    out.push_str(&s.to_lowercase());
                    return;
                }
                (ch.len_utf8(), lower_char(ch) != Some(ch))
            }
        };
        if changed {
            let ch = s[i..].chars().next().expect("a character starts here");
            out.push_str(&s[copied..i]);
            match lower_char(ch) {
                Some(l) => out.push(l),
                None => out.extend(ch.to_lowercase()),
            }
            copied = i + n;
        }
        i += n;
    }
    out.push_str(&s[copied..]);
}

/// The lower case of a letter when it is one letter (all but `İ`, whose is two), looked up
/// directly for ASCII and the blocks Vietnamese letters are in.
#[inline]
pub fn lower_char(ch: char) -> Option<char> {
    let cp = ch as u32;
    // In a block of pairs, capital first: an even code point is the capital.
    let pair = || char::from_u32(if cp.is_multiple_of(2) { cp + 1 } else { cp });
    match cp {
        0..=0x7F => Some(ch.to_ascii_lowercase()),
        // À–Þ (but ×), then ß–ÿ, already lower case (and ÷).
        0xC0..=0xDE if cp != 0xD7 => char::from_u32(cp + 0x20),
        0xD7..=0xFF => Some(ch),
        // Ā–į (Ă, Đ, Ĩ) and Ő–ŷ (Ũ): pairs, the capital first.
        0x100..=0x12F | 0x150..=0x177 => pair(),
        0x1A0 | 0x1AF => char::from_u32(cp + 1),
        0x1A1 | 0x1B0 => Some(ch),
        // Ạ–ỿ: pairs, the capital first.
        0x1EA0..=0x1EFF => pair(),
        // Dashes, quotes, `…`: general punctuation has no case.
        0x2000..=0x206F => Some(ch),
        _ => {
            let mut lower = ch.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => Some(l),
                _ => None,
            }
        }
    }
}

/// The first `max` bytes of `s` or fewer, ending at a character: what a look at the words just after
/// a position needs, without reading on to the end of the page.
pub fn head(s: &str, max: usize) -> &str {
    let mut to = s.len().min(max);
    while !s.is_char_boundary(to) {
        to -= 1;
    }
    &s[..to]
}

/// The last `max` bytes of `s` or fewer, starting at a character: what a check of the words just
/// before a position needs, without walking back over the whole page.
pub fn tail(s: &str, max: usize) -> &str {
    let mut from = s.len().saturating_sub(max);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What folding does, written the plain way.
    fn fold_by_words(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn folding_keeps_folded_text_and_folds_the_rest() {
        let spaces: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).filter(|c| c.is_whitespace()).collect();
        assert!(spaces.len() > 20, "{spaces:?}");
        let mut cases: Vec<String> = ["", " ", "a", "Hà Nội", " Hà Nội", "Hà Nội ", "Hà  Nội", "Hà\tNội", "Hà\nNội"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for &sp in &spaces {
            cases.push(format!("Đồng chí{sp}Nguyễn"));
            cases.push(format!("{sp}ắ"));
            cases.push(format!("ữ{sp}"));
            // Inside the long texts that are checked a window at a time, at every offset of one.
            for pad in 1..QUIET + 4 {
                cases.push(format!("{}{sp}người dân ở đây “rất” tốt – và chăm chỉ lắm", "x".repeat(pad)));
                cases.push(format!("{} {sp}người dân ở đây rất tốt và chăm chỉ lắm nhé", "x".repeat(pad)));
            }
        }
        // Letters sharing the first bytes of white space (U+00A0, U+2000, U+3000) are not white space.
        cases.push("\u{A9} \u{1EA0} \u{2014}\u{2026} \u{3001}".to_string());
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
        for e in std::fs::read_dir(root).expect("seeds").flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            cases.extend(text.lines().map(str::to_string));
        }
        for s in &cases {
            assert_eq!(fold_spaces(s), fold_by_words(s), "{s:?}");
        }
    }

    #[test]
    fn letters_and_digits_as_unicode_says() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn letters_lower_as_unicode_says() {
        for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
            let std: String = ch.to_lowercase().collect();
            match lower_char(ch) {
                Some(l) => assert_eq!(l.to_string(), std, "{ch:?} U+{:04X}", ch as u32),
                None => assert!(std.chars().count() > 1, "{ch:?}: {std:?}"),
            }
        }
        for s in ["NGHỊ QUYẾT Số 20", "Đồng Chí ƯỚC ƠN", "İstanbul", "ΟΔΟΣ Σ ΣΑ", "ǅ ǈ ß ẞ K Å", "", "abc"]
        {
            assert_eq!(lower(s), s.to_lowercase(), "{s}");
        }
        // Every character among letters that stay and letters that change, where the bytes of a
        // character say whether it changes.
        let mut out = String::new();
        for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("Hà{ch}Nội ư{ch}{ch}Ạ");
            lower_into(&s, &mut out);
            assert_eq!(out, s.to_lowercase(), "U+{:04X}", ch as u32);
        }
    }

    #[test]
    fn tails_start_at_a_character() {
        assert_eq!(tail("ông Nguyễn", 3), "n", "the 3-byte `ễ` is not split");
        assert_eq!(tail("đồng chí", 100), "đồng chí");
        assert_eq!(tail("Hải", 2), "i", "nor the 3-byte `ả`");
        assert_eq!(head("Hải Phòng", 3), "H", "the 3-byte `ả` is not split");
        assert_eq!(head("Hải Phòng", 4), "Hả");
        assert_eq!(head("đồng", 100), "đồng");
    }

    #[test]
    fn lower_case_keeps_offsets() {
        assert_eq!(lower_same_len("Về Việc ĐÀ"), "về việc đà");
        // `İ` lowers to two characters: it stays, and the length with it.
        let s = "İ Về";
        assert_eq!(lower_same_len(s).len(), s.len());
        assert_eq!(lower_same_len(s), "İ về");
    }

    fn norm(s: &str) -> String {
        normalize(s).text.into_owned()
    }

    #[test]
    fn clean_text_is_borrowed() {
        let n = normalize("Nghị quyết 20-NQ/TW của Ban Chấp hành Trung ương Đảng khóa X");
        assert!(matches!(n.text, Cow::Borrowed(_)));
        assert!(n.map.is_identity());
    }

    #[test]
    fn nfd_is_composed_and_offsets_point_at_the_original() {
        let nfd: String = "Thành ủy Hà Nội".nfd().collect();
        let n = normalize(&nfd);
        assert_eq!(n.text, "Thành ủy Hà Nội");
        let start = n.text.find("Hà").unwrap();
        let end = start + "Hà Nội".len();
        assert_eq!(&nfd[n.map.start(start)..n.map.end(end)], "Hà Nội".nfd().collect::<String>());
    }

    #[test]
    fn old_tone_placement_moves_to_the_first_vowel_of_open_syllables() {
        assert_eq!(
            norm("Thành uỷ, văn hoá, khoá X, khoẻ, thuỷ, tuỳ, hoà"),
            "Thành ủy, văn hóa, khóa X, khỏe, thủy, tùy, hòa"
        );
        assert_eq!(norm("UỶ BAN, Uỷ viên, HOÁ"), "ỦY BAN, Ủy viên, HÓA");
    }

    #[test]
    fn tone_placement_leaves_closed_syllables_and_qu_alone() {
        for s in ["hoàng", "thuyết", "quý", "Quỹ", "quỷ", "ngoái", "khoảng", "hòa"] {
            assert_eq!(norm(s), s);
        }
    }

    #[test]
    fn old_tone_placement_in_nfd_is_fixed_too() {
        let nfd: String = "văn hoá".nfd().collect();
        assert_eq!(norm(&nfd), "văn hóa");
    }

    #[test]
    fn tone_swap_with_different_byte_lengths_maps_offsets() {
        // ẽ is 3 bytes, õ is 2: "oẽ" (4 bytes) → "õe" (3 bytes).
        let src = "xoẽ abc";
        let n = normalize(src);
        assert_eq!(n.text, "xõe abc");
        let at = n.text.find("abc").unwrap();
        assert_eq!(&src[n.map.start(at)..n.map.end(at + 3)], "abc");
    }

    #[test]
    fn eth_becomes_d_with_stroke() {
        assert_eq!(norm("Ðảng, ðồng"), "Đảng, đồng");
    }

    #[test]
    fn spaces_fold_and_invisible_characters_go() {
        assert_eq!(norm("a\u{a0}\u{a0}b\t c\u{200b}d\u{ad}e"), "a b cde");
        assert_eq!(norm("a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn offsets_survive_folded_spaces() {
        let src = "Chủ  tịch\u{a0}Hà Văn Hải";
        let n = normalize(src);
        assert_eq!(n.text, "Chủ tịch Hà Văn Hải");
        let s = n.text.find("Hà").unwrap();
        assert_eq!(&src[n.map.start(s)..n.map.end(n.text.len())], "Hà Văn Hải");
        assert_eq!(&src[n.map.start(0)..n.map.end("Chủ tịch".len())], "Chủ  tịch");
    }

    #[test]
    fn an_emphasis_seam_between_words_is_one_space() {
        let src = "*Căn cứ Công văn số 2350 ngày 19 tháng 10 năm* *2025 của* *Bộ trưởng*";
        let n = normalize(src);
        assert_eq!(n.text, "*Căn cứ Công văn số 2350 ngày 19 tháng 10 năm 2025 của Bộ trưởng*");
        // The space stands for the three bytes; the words around keep their offsets.
        let s = n.text.find("2025").unwrap();
        assert_eq!(&src[n.map.start(s)..n.map.end(n.text.len())], "2025 của* *Bộ trưởng*");
        let year = n.text.find(" 2025").unwrap();
        assert_eq!(&src[n.map.start(year)..n.map.end(year + 1)], "* *");
        // Not between words: bold closed and opened, an emphasis after a stop, a space before it.
        for kept in ["**Điều 1.** **Phạm vi**", "ký.* *Nơi nhận", "năm * *2025", "năm* * 2025"] {
            assert_eq!(norm(kept), kept, "{kept}");
        }
    }

    #[test]
    fn both_paths_agree_on_composed_text() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
        let mut seen = 0;
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
            let variants = [
                text.clone(),
                text.replace("hóa", "hoá").replace("ủy", "uỷ"),
                text.replace(' ', "\u{a0} \t").replace('Đ', "Ð"),
            ];
            for t in &variants {
                let (a, b) = (normalize_composed(t), normalize_general(t));
                assert_eq!(a.text, b.text);
                assert_eq!(a.map, b.map);
                seen += 1;
            }
        }
        assert!(seen >= 15);
    }

    /// The fast path goes many bytes at a time: everything it rewrites, at every offset in a window
    /// and next to every neighbour, must come out as the byte-by-byte path makes it.
    #[test]
    fn both_paths_agree_at_every_alignment() {
        let pieces = [
            "  ",
            " \u{a0}",
            "\u{a0} ",
            "\t",
            "\r\n",
            "\r",
            "\u{b}",
            "\u{c}",
            "\u{85}",
            "\u{ad}",
            " \u{ad} ",
            "\u{200b}",
            " \u{200b} ",
            "\u{2009}",
            "\u{2028}",
            "\u{202f}",
            "\u{205f}",
            "\u{2060}",
            "\u{3000}",
            "\u{feff}",
            "\u{1680}",
            "Ð",
            "ð",
            "Ɖ",
            "hoá",
            "hoà.",
            "khoẻ",
            "thuỷ",
            "Uỷ",
            "OÁ",
            "quý",
            "hoàng",
            "thuyết",
            "hoạ",
            "hoạt",
            "toàn",
            "uỳ\n",
            "“",
            "–",
            "…",
            "ư",
            "đ",
            "năm* *2025",
            "* *",
            "** **",
            "x* *",
        ];
        let mut seen = 0;
        for piece in pieces {
            for next in ["", " ", "a", "ng", "\u{a0}", "ợ", "  x"] {
                for pad in 0..QUIET + 6 {
                    let t = format!("{}{piece}{next} người ta đã làm việc ở đây từ lâu rồi nhé", "x".repeat(pad));
                    let (a, b) = (normalize_composed(&t), normalize_general(&t));
                    assert_eq!(a.text, b.text, "{t:?}");
                    assert_eq!(a.map, b.map, "{t:?}");
                    // And so must the same text after a run of spaces the fast path went by.
                    let t = format!("một  hai{}{piece}{next}", " ".repeat(pad));
                    let (a, b) = (normalize_composed(&t), normalize_general(&t));
                    assert_eq!(a.text, b.text, "{t:?}");
                    assert_eq!(a.map, b.map, "{t:?}");
                    seen += 1;
                }
            }
        }
        assert!(seen > 10_000);
    }

    /// Random mixtures of the same pieces and ordinary words: rewrites close together, inside one
    /// window or across two, and spaces the fast path goes by just before one.
    #[test]
    fn both_paths_agree_on_random_mixtures() {
        let pieces = [
            " ",
            " ",
            " ",
            "  ",
            "\t",
            "\r\n",
            "\r",
            "\u{a0}",
            "\u{ad}",
            "\u{200b}",
            "\u{2009}",
            "\u{3000}",
            "\u{feff}",
            "Ð",
            "hoá",
            "thuỷ",
            "hoàng",
            "người",
            "Nghị quyết",
            "20-NQ/TW",
            "“",
            "”",
            "–",
            "x",
            "quý",
            "khoẻ.",
            "ư",
            "*",
            "* *",
            "năm* *2025",
        ];
        // A fixed linear congruential generator: the same cases on every run.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: usize| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as usize % n
        };
        for _ in 0..3000 {
            let len = 1 + next(80);
            let t: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
            let (a, b) = (normalize_composed(&t), normalize_general(&t));
            assert_eq!(a.text, b.text, "{t:?}");
            assert_eq!(a.map, b.map, "{t:?}");
        }
    }

    #[test]
    fn fold_value_trims_and_folds() {
        assert_eq!(fold_value("  Thành uỷ\nHà  Nội "), "Thành ủy Hà Nội");
    }
}
