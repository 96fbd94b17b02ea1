//! Character sets: which one an input is in, and bytes in one of them → UTF-8 text with the map
//! back to the bytes.
//!
//! The choice, in order: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE); for a web page, the
//! `<meta charset>` or `http-equiv` declaration in its first 1024 bytes; `--encoding NAME` for an
//! input that says nothing; else UTF-8. Any encoding the web knows (`windows-1258`, `iso-8859-1`,
//! `utf-16le`, …) is decoded by `encoding_rs`; the Vietnamese font encodings TCVN3 (ABC) and VNI,
//! which no general decoder knows, by the tables here. Pages in those two usually declare a Latin
//! code page (`iso-8859-1`, `windows-1252`), so `--encoding tcvn3|vni` wins over such a declaration.
//!
//! Decoded text is NFC: `windows-1258` and VNI write tone marks as separate characters, and a
//! letter and its marks become one character, mapped to all their bytes. UTF-8 pages go through
//! [`super::decode`] untouched; only a look at their bytes warns when they seem to be TCVN3 or VNI
//! read as UTF-8 (or converted from Latin-1 as if they were).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::offsets::OffsetMap;

/// A character set an input can be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    /// An encoding `encoding_rs` decodes.
    Web(&'static Encoding),
    /// TCVN 5712:1993 VN3, the ABC fonts (`.VnTime`).
    Tcvn3,
    /// VNI Windows (the VNI fonts): a letter, then its marks as bytes of their own.
    Vni,
}

impl Charset {
    /// `utf-8`, `windows-1258`, `tcvn3`, `vni`, or any label the web knows for an encoding.
    pub fn by_name(name: &str) -> Option<Charset> {
        let lower = name.trim().to_ascii_lowercase();
        match lower.as_str() {
            "tcvn3" | "tcvn" | "abc" | "vn3" | "tcvn-3" | "tcvn5712" => return Some(Charset::Tcvn3),
            "vni" | "vni-windows" | "vni-win" => return Some(Charset::Vni),
            // Decoding UTF-16 by name is asked for: the web's rule that reads a declared UTF-16 as
            // UTF-8 is for declarations, not for the command line.
            "utf-16" | "utf16" => return Some(Charset::Web(UTF_16LE)),
            _ => {}
        }
        match Encoding::for_label(lower.as_bytes())? {
            e if e == UTF_8 => Some(Charset::Utf8),
            e => Some(Charset::Web(e)),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "UTF-8",
            Charset::Web(e) => e.name(),
            Charset::Tcvn3 => "TCVN3",
            Charset::Vni => "VNI",
        }
    }

    /// What `--encoding` accepts, for messages.
    pub const NAMES: &'static str =
        "utf-8, windows-1258, utf-16le, utf-16be, tcvn3, vni, or any encoding label of the web";

    /// The character set a byte-order mark names, and the mark's length.
    pub fn of_bom(bytes: &[u8]) -> Option<(Charset, usize)> {
        let (enc, n) = Encoding::for_bom(bytes)?;
        Some((if enc == UTF_8 { Charset::Utf8 } else { Charset::Web(enc) }, n))
    }

    /// The character set a web page declares in its first 1024 bytes (`<meta charset="…">`, or
    /// `<meta http-equiv="Content-Type" content="…; charset=…">`). A declared UTF-16 is read as
    /// UTF-8, as browsers do: a page whose bytes are UTF-16 starts with a byte-order mark.
    pub fn declared(bytes: &[u8]) -> Option<Charset> {
        let head = &bytes[..bytes.len().min(1024)];
        let mut at = 0;
        while let Some(i) = memchr::memmem::find(&head[at..], b"<meta").or_else(|| find_ci(&head[at..], b"<meta")) {
            let tag_start = at + i + 5;
            let tag_end = memchr::memchr(b'>', &head[tag_start..]).map_or(head.len(), |e| tag_start + e);
            let tag = head[tag_start..tag_end].to_ascii_lowercase();
            at = tag_end;
            let Some(p) = memchr::memmem::find(&tag, b"charset") else { continue };
            let rest = &tag[p + 7..];
            let rest = rest.trim_ascii_start();
            let Some(rest) = rest.strip_prefix(b"=") else { continue };
            let rest = rest.trim_ascii_start();
            let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
            let end = rest.iter().position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/') || b.is_ascii_whitespace());
            let label = &rest[..end.unwrap_or(rest.len())];
            let Some(enc) = Encoding::for_label(label) else { continue };
            return Some(match enc {
                e if e == UTF_8 || e == UTF_16LE || e == UTF_16BE => Charset::Utf8,
                e => Charset::Web(e),
            });
        }
        None
    }

    /// Whether a page declaring this character set may still be TCVN3 or VNI (their pages
    /// declared a Latin code page, which their fonts then drew as Vietnamese).
    pub fn may_be_a_font_encoding(self) -> bool {
        self == Charset::Web(WINDOWS_1252)
    }
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

/// Text decoded from bytes in another character set, with the map from its offsets back to them.
#[derive(Debug)]
pub struct Converted {
    pub text: String,
    pub map: OffsetMap,
    /// Bytes that are no character of the set, replaced by U+FFFD: how many, and where the first was.
    pub replaced: Option<(usize, usize)>,
}

/// Builds decoded text character by character, joining a letter and the combining marks after it
/// into one character where NFC has one, and keeping the map to the source bytes.
struct Builder {
    text: String,
    map: OffsetMap,
    /// The character written last and not yet pushed, with its bytes: it may still take a mark.
    held: Option<(char, usize, usize)>,
    /// The marks it took, in the order they came.
    marks: Vec<char>,
    replaced: usize,
    first_replaced: usize,
}

impl Builder {
    fn new(capacity: usize) -> Builder {
        Builder {
            text: String::with_capacity(capacity),
            map: OffsetMap::identity(),
            held: None,
            marks: Vec::new(),
            replaced: 0,
            first_replaced: 0,
        }
    }

    /// A character made from the bytes `src..end`.
    fn push(&mut self, c: char, src: usize, end: usize) {
        if c == '\u{FFFD}' {
            if self.replaced == 0 {
                self.first_replaced = src;
            }
            self.replaced += 1;
        }
        if is_combining_mark(c)
            && let Some((_, _, e)) = &mut self.held
        {
            *e = end;
            self.marks.push(c);
            return;
        }
        self.flush();
        self.held = Some((c, src, end));
    }

    fn flush(&mut self) {
        let Some((c, s, e)) = self.held.take() else { return };
        let at = self.text.len();
        if self.marks.is_empty() {
            self.text.push(c);
        } else {
            // NFC of the letter and its marks, whatever order they came in (ậ is ạ with a
            // circumflex: the dot below must come first to compose).
            self.text.extend(std::iter::once(c).chain(self.marks.drain(..)).nfc());
        }
        if self.text.len() - at != e - s {
            self.map.push(at, self.text.len() - at, s, e - s);
        }
    }

    fn finish(mut self) -> Converted {
        self.flush();
        let replaced = (self.replaced > 0).then_some((self.replaced, self.first_replaced));
        Converted { text: self.text, map: self.map, replaced }
    }
}

/// Decodes `bytes[skip..]` (after a byte-order mark of `skip` bytes) from `charset` into NFC text;
/// offsets count `bytes` from its start.
pub fn convert(bytes: &[u8], skip: usize, charset: Charset) -> Converted {
    let mut b = Builder::new(bytes.len() + bytes.len() / 2);
    if skip > 0 {
        b.map.push(0, 0, 0, skip);
    }
    let body = &bytes[skip..];
    match charset {
        Charset::Utf8 => {
            let mut pos = skip;
            for chunk in body.utf8_chunks() {
                for c in chunk.valid().chars() {
                    b.push(c, pos, pos + c.len_utf8());
                    pos += c.len_utf8();
                }
                if !chunk.invalid().is_empty() {
                    b.push('\u{FFFD}', pos, pos + chunk.invalid().len());
                    pos += chunk.invalid().len();
                }
            }
        }
        Charset::Web(enc) if enc.is_single_byte() => {
            let table = byte_table(enc);
            for (i, &x) in body.iter().enumerate() {
                b.push(table[x as usize], skip + i, skip + i + 1);
            }
        }
        Charset::Web(enc) => {
            // One byte at a time, so that each character is known by the bytes it was made of.
            let mut dec = enc.new_decoder_without_bom_handling();
            let mut out = [0u8; 64];
            let mut from = skip;
            for i in 0..body.len() {
                let last = i + 1 == body.len();
                let (_, _, written, _) = dec.decode_to_utf8(&body[i..i + 1], &mut out, last);
                if written > 0 {
                    let s = std::str::from_utf8(&out[..written]).unwrap_or("\u{FFFD}");
                    for c in s.chars() {
                        b.push(c, from, skip + i + 1);
                    }
                    from = skip + i + 1;
                }
            }
        }
        Charset::Tcvn3 => {
            let table = byte_table(WINDOWS_1252);
            for (i, &x) in body.iter().enumerate() {
                let c = tcvn3(x).unwrap_or(table[x as usize]);
                b.push(c, skip + i, skip + i + 1);
            }
        }
        Charset::Vni => {
            let table = byte_table(WINDOWS_1252);
            for (i, &x) in body.iter().enumerate() {
                let at = skip + i;
                match vni_marks(x) {
                    // A mark after a letter that takes it; anything else is the code page's.
                    Some(marks) if b.held.is_some_and(|(c, _, _)| takes_vni_mark(c)) => {
                        for m in marks {
                            b.push(*m, at, at + 1);
                        }
                    }
                    _ => b.push(vni_letter(x).unwrap_or(table[x as usize]), at, at + 1),
                }
            }
        }
    }
    b.finish()
}

/// The character of each byte of a single-byte encoding.
fn byte_table(enc: &'static Encoding) -> [char; 256] {
    let mut t = ['\u{FFFD}'; 256];
    for (x, slot) in t.iter_mut().enumerate() {
        let byte = [x as u8];
        let (s, _) = enc.decode_without_bom_handling(&byte);
        *slot = s.chars().next().unwrap_or('\u{FFFD}');
    }
    t
}

/// TCVN3 (ABC): the Vietnamese letters in 0xA1–0xFF; every other byte is as in windows-1252. The
/// capitals with a tone have no code of their own (the ABC fonts ending in `H` draw the small
/// letters' codes as capitals): text typed in them reads as small letters.
/// Bytes with None are as in windows-1252.
pub const TCVN3: [(u8, Option<char>); 95] = [
    (0xA1, Some('Ă')),
    (0xA2, Some('Â')),
    (0xA3, Some('Ê')),
    (0xA4, Some('Ô')),
    (0xA5, Some('Ơ')),
    (0xA6, Some('Ư')),
    (0xA7, Some('Đ')),
    (0xA8, Some('ă')),
    (0xA9, Some('â')),
    (0xAA, Some('ê')),
    (0xAB, Some('ô')),
    (0xAC, Some('ơ')),
    (0xAD, Some('ư')),
    (0xAE, Some('đ')),
    (0xAF, None),
    (0xB0, None),
    (0xB1, None),
    (0xB2, None),
    (0xB3, None),
    (0xB4, None),
    (0xB5, Some('à')),
    (0xB6, Some('ả')),
    (0xB7, Some('ã')),
    (0xB8, Some('á')),
    (0xB9, Some('ạ')),
    (0xBA, None),
    (0xBB, Some('ằ')),
    (0xBC, Some('ẳ')),
    (0xBD, Some('ẵ')),
    (0xBE, Some('ắ')),
    (0xBF, None),
    (0xC0, None),
    (0xC1, None),
    (0xC2, None),
    (0xC3, None),
    (0xC4, None),
    (0xC5, None),
    (0xC6, Some('ặ')),
    (0xC7, Some('ầ')),
    (0xC8, Some('ẩ')),
    (0xC9, Some('ẫ')),
    (0xCA, Some('ấ')),
    (0xCB, Some('ậ')),
    (0xCC, Some('è')),
    (0xCD, None),
    (0xCE, Some('ẻ')),
    (0xCF, Some('ẽ')),
    (0xD0, Some('é')),
    (0xD1, Some('ẹ')),
    (0xD2, Some('ề')),
    (0xD3, Some('ể')),
    (0xD4, Some('ễ')),
    (0xD5, Some('ế')),
    (0xD6, Some('ệ')),
    (0xD7, Some('ì')),
    (0xD8, Some('ỉ')),
    (0xD9, None),
    (0xDA, None),
    (0xDB, None),
    (0xDC, Some('ĩ')),
    (0xDD, Some('í')),
    (0xDE, Some('ị')),
    (0xDF, Some('ò')),
    (0xE0, None),
    (0xE1, Some('ỏ')),
    (0xE2, Some('õ')),
    (0xE3, Some('ó')),
    (0xE4, Some('ọ')),
    (0xE5, Some('ồ')),
    (0xE6, Some('ổ')),
    (0xE7, Some('ỗ')),
    (0xE8, Some('ố')),
    (0xE9, Some('ộ')),
    (0xEA, Some('ờ')),
    (0xEB, Some('ở')),
    (0xEC, Some('ỡ')),
    (0xED, Some('ớ')),
    (0xEE, Some('ợ')),
    (0xEF, Some('ù')),
    (0xF0, None),
    (0xF1, Some('ủ')),
    (0xF2, Some('ũ')),
    (0xF3, Some('ú')),
    (0xF4, Some('ụ')),
    (0xF5, Some('ừ')),
    (0xF6, Some('ử')),
    (0xF7, Some('ữ')),
    (0xF8, Some('ứ')),
    (0xF9, Some('ự')),
    (0xFA, Some('ỳ')),
    (0xFB, Some('ỷ')),
    (0xFC, Some('ỹ')),
    (0xFD, Some('ý')),
    (0xFE, Some('ỵ')),
    (0xFF, None),
];

/// The TCVN3 letter of a byte; None where the byte is as in windows-1252.
fn tcvn3(x: u8) -> Option<char> {
    let i = x.checked_sub(0xA1)? as usize;
    TCVN3.get(i)?.1
}

/// VNI: the bytes that stand for a letter alone (đ, ơ, ư and the i and y with marks that have a
/// code of their own), small and capital.
pub const VNI_LETTERS: [(u8, char); 16] = [
    (0xD1, 'Đ'),
    (0xF1, 'đ'),
    (0xD4, 'Ơ'),
    (0xF4, 'ơ'),
    (0xD6, 'Ư'),
    (0xF6, 'ư'),
    (0xD3, 'Ĩ'),
    (0xF3, 'ĩ'),
    (0xD2, 'Ị'),
    (0xF2, 'ị'),
    (0xC6, 'Ỉ'),
    (0xE6, 'ỉ'),
    (0xCE, 'Ỵ'),
    (0xEE, 'ỵ'),
    (0xCC, 'Ì'),
    (0xEC, 'ì'),
];

fn vni_letter(x: u8) -> Option<char> {
    VNI_LETTERS.iter().find(|(b, _)| *b == x).map(|&(_, c)| c)
}

const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const CIRCUMFLEX: char = '\u{302}';
const TILDE: char = '\u{303}';
const BREVE: char = '\u{306}';
const HOOK: char = '\u{309}';
const DOT: char = '\u{323}';

/// VNI: the bytes that put marks on the letter before them (a capital letter takes the capital
/// byte of the same mark, 0x20 below the small one), and the marks.
pub const VNI_MARKS: [(u8, &[char]); 17] = [
    (0xF8, &[GRAVE]),
    (0xF9, &[ACUTE]),
    (0xFB, &[HOOK]),
    (0xF5, &[TILDE]),
    (0xEF, &[DOT]),
    (0xE2, &[CIRCUMFLEX]),
    (0xE1, &[CIRCUMFLEX, ACUTE]),
    (0xE0, &[CIRCUMFLEX, GRAVE]),
    (0xE5, &[CIRCUMFLEX, HOOK]),
    (0xE3, &[CIRCUMFLEX, TILDE]),
    (0xE4, &[CIRCUMFLEX, DOT]),
    (0xEA, &[BREVE]),
    (0xE9, &[BREVE, ACUTE]),
    (0xE8, &[BREVE, GRAVE]),
    (0xFA, &[BREVE, HOOK]),
    (0xFC, &[BREVE, TILDE]),
    (0xEB, &[BREVE, DOT]),
];

fn vni_marks(x: u8) -> Option<&'static [char]> {
    let small = if (0xC0..0xE0).contains(&x) { x + 0x20 } else { x };
    VNI_MARKS.iter().find(|(b, _)| *b == small).map(|&(_, m)| m)
}

/// Whether a letter takes VNI's mark bytes: the vowels, plain or already marked (ơ, ư).
fn takes_vni_mark(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'A' | 'E' | 'I' | 'O' | 'U' | 'Y' | 'ơ' | 'ư' | 'Ơ' | 'Ư')
        || matches!(c, 'â' | 'ê' | 'ô' | 'ă' | 'Â' | 'Ê' | 'Ô' | 'Ă')
}

/// Which of the font encodings a text read as UTF-8 looks like, from the bytes of the Latin-1
/// characters in it (or its bytes that are not UTF-8): TCVN3's letters are Latin-1 signs and
/// letters that Vietnamese never writes (`¸ µ ¶ ¾ Þ`), VNI's marks are Latin-1 letters right after
/// a plain vowel (`aù`, `eä`). None unless at least three such characters say the same.
pub fn looks_like_font_encoding(units: impl Iterator<Item = (u8, u8)>) -> Option<Charset> {
    let (mut tcvn, mut vni) = (0usize, 0usize);
    for (prev, x) in units {
        if x < 0xA1 {
            continue;
        }
        let after_vowel = matches!(prev | 0x20, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
        // `oá`, `uà`, `iá`, `uâ`, `iê` are Vietnamese (hoá, quà, giá, xuân, tiên): after an a or an
        // e only are these VNI's circumflex and breve.
        let after_ae = matches!(prev | 0x20, b'a' | b'e');
        let mark = after_vowel && matches!(x | 0x20, 0xF8 | 0xF9 | 0xFB | 0xEF | 0xE5 | 0xE4 | 0xEB | 0xFC)
            || after_ae && matches!(x | 0x20, 0xE0..=0xE3 | 0xE8 | 0xE9 | 0xEA | 0xFA);
        // ñ for đ, and ö for ư where no vowel stands before it to take it as a mark.
        let letter = x | 0x20 == 0xF1 || (x | 0x20 == 0xF6 && !after_vowel);
        if mark || letter {
            vni += 1;
        } else if tcvn3(x).is_some() && !vietnamese_latin1(x) {
            tcvn += 1;
        }
    }
    match (tcvn, vni) {
        (t, v) if v >= 3 && v >= t => Some(Charset::Vni),
        (t, _) if t >= 3 => Some(Charset::Tcvn3),
        _ => None,
    }
}

/// The Latin-1 letters Vietnamese writes (à á â ã è é ê ì í ò ó ô õ ù ú ý and capitals).
fn vietnamese_latin1(x: u8) -> bool {
    matches!(x | 0x20, 0xE0..=0xE3 | 0xE8..=0xEA | 0xEC | 0xED | 0xF2..=0xF5 | 0xF9 | 0xFA | 0xFD)
}

/// The (previous, this) byte pairs [`looks_like_font_encoding`] reads, of a UTF-8 text: each
/// character U+0080–U+00FF as its Latin-1 byte. Cheap on ordinary text: Vietnamese letters beyond
/// Latin-1 are skipped by their first byte.
pub fn latin1_units(text: &str) -> impl Iterator<Item = (u8, u8)> + '_ {
    let b = text.as_bytes();
    memchr::memchr2_iter(0xC2, 0xC3, b).filter_map(move |i| {
        let cont = *b.get(i + 1)?;
        let x = if b[i] == 0xC2 { cont } else { cont + 0x40 };
        let prev = if i > 0 { b[i - 1] } else { b' ' };
        Some((prev, x))
    })
}

/// The (previous, this) byte pairs of raw bytes, for a page that is not UTF-8.
pub fn raw_units(bytes: &[u8]) -> impl Iterator<Item = (u8, u8)> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, x)| **x >= 0x80)
        .map(move |(i, &x)| (if i > 0 { bytes[i - 1] } else { b' ' }, x))
}

/// The warning for a page that looks like a font encoding read as UTF-8.
pub fn font_encoding_warning(c: Charset) -> String {
    let (name, flag) = match c {
        Charset::Tcvn3 => ("TCVN3 (ABC)", "tcvn3"),
        _ => ("VNI", "vni"),
    };
    format!("looks like Vietnamese in {name} read as UTF-8: if it is, read it with --encoding {flag}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Vietnamese letter, small and capital: the vowels with each of the six tones, and đ.
    fn alphabet() -> Vec<char> {
        let mut out = vec!['đ', 'Đ'];
        for v in ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] {
            for tone in ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"] {
                for c in [v, v.to_uppercase().next().unwrap()] {
                    let s: String = format!("{c}{tone}").nfc().collect();
                    assert_eq!(s.chars().count(), 1, "{s}");
                    out.push(s.chars().next().unwrap());
                }
            }
        }
        out
    }

    fn decode(bytes: &[u8], c: Charset) -> String {
        convert(bytes, 0, c).text
    }

    #[test]
    fn tcvn3_reads_every_letter_with_every_tone() {
        // Checked by hand against the ABC keyboard's table: á = 0xB8, ắ = 0xBE, ư = 0xAD, đ = 0xAE.
        assert_eq!(decode(b"Ngh\xDE quy\xD5t", Charset::Tcvn3), "Nghị quyết");
        assert_eq!(
            decode(b"B\xB6o Th\xBEng, M\xAD\xEAng Kh\xAD\xACng, \xA7\xAEi", Charset::Tcvn3),
            "Bảo Thắng, Mường Khương, Đđi"
        );
        assert_eq!(decode(b"\xB8\xB5\xB6\xB7\xB9", Charset::Tcvn3), "áàảãạ");
        let letters = alphabet();
        let mut seen = 0;
        for c in &letters {
            let small = c.is_lowercase() || matches!(c, 'Ă' | 'Â' | 'Ê' | 'Ô' | 'Ơ' | 'Ư' | 'Đ');
            let plain_ascii = c.is_ascii();
            let byte = TCVN3.iter().find(|(_, t)| *t == Some(*c)).map(|(b, _)| *b);
            match byte {
                Some(b) => {
                    assert_eq!(decode(&[b], Charset::Tcvn3), c.to_string());
                    seen += 1;
                }
                // The ASCII vowels are themselves; the capitals with a tone have no code.
                None => assert!(plain_ascii || !small, "{c} has no TCVN3 byte"),
            }
        }
        // 67 small letters beyond ASCII (5 tones × 12 vowels + ă â ê ô ơ ư đ) and 7 capitals.
        assert_eq!(seen, 74);
        // The table holds 0xA1..=0xFF in order, so that a byte finds its letter by its place.
        for (i, (b, _)) in TCVN3.iter().enumerate() {
            assert_eq!(*b as usize, 0xA1 + i);
        }
    }

    /// A letter written as VNI writes it: base letter, then its mark bytes.
    fn vni(c: char) -> Vec<u8> {
        if let Some((b, _)) = VNI_LETTERS.iter().find(|(_, l)| *l == c) {
            return vec![*b];
        }
        let nfd: Vec<char> = c.to_string().nfd().collect();
        let upper = c.is_uppercase();
        let (base, marks) = match nfd.as_slice() {
            [b, rest @ ..] if matches!(b, 'o' | 'u' | 'O' | 'U') && rest.first() == Some(&'\u{31B}') => {
                let letter: String = format!("{b}\u{31B}").nfc().collect();
                let byte = VNI_LETTERS.iter().find(|(_, l)| l.to_string() == letter).unwrap().0;
                (vec![byte], rest[1..].to_vec())
            }
            [b, rest @ ..] => (vec![*b as u8], rest.to_vec()),
            [] => unreachable!(),
        };
        let mut out = base;
        if !marks.is_empty() {
            // NFD puts a dot below before a circumflex or a breve; VNI's table names them the other way.
            let mut want = marks.clone();
            want.sort();
            let sorted = |m: &[char]| {
                let mut m = m.to_vec();
                m.sort();
                m
            };
            let byte = VNI_MARKS.iter().find(|(_, m)| sorted(m) == want).unwrap_or_else(|| panic!("{c}")).0;
            out.push(if upper { byte - 0x20 } else { byte });
        }
        out
    }

    #[test]
    fn vni_reads_every_letter_with_every_tone() {
        // Checked by hand against VNI's table: á = a 0xF9, ấ = a 0xE1, ơ = 0xF4, ớ = 0xF4 0xF9, đ = 0xF1.
        assert_eq!(decode(b"Ngh\xF2 quye\xE1t", Charset::Vni), "Nghị quyết");
        assert_eq!(decode(b"\xD1a\xEFi ho\xE4i \xD1a\xFBng", Charset::Vni), "Đại hội Đảng");
        assert_eq!(decode(b"M\xF6\xF4\xF8ng, TR\xD6\xD4\xD8NG", Charset::Vni), "Mường, TRƯỜNG");
        for c in alphabet() {
            if c.is_ascii() {
                continue;
            }
            let bytes = vni(c);
            assert_eq!(decode(&bytes, Charset::Vni), c.to_string(), "{c} as {bytes:x?}");
            // In a word, between letters that take no mark.
            let mut word = b"th".to_vec();
            word.extend(&bytes);
            word.extend(b"ng");
            assert_eq!(decode(&word, Charset::Vni), format!("th{c}ng"), "{c}");
        }
        // A mark byte after a consonant is the code page's letter.
        assert_eq!(decode(b"n\xF9", Charset::Vni), "nù");
    }

    #[test]
    fn offsets_point_at_every_byte_of_a_letter() {
        let c = convert(b"Ngh\xF2 quye\xE1t", 0, Charset::Vni);
        let at = c.text.find('ế').unwrap();
        // `ế` is `e` and the mark byte, at 8 and 9.
        assert_eq!((c.map.start(at), c.map.end(at + 'ế'.len_utf8())), (8, 10));
        assert_eq!(c.map.end(c.text.len()), 11);
    }

    #[test]
    fn windows_1258_composes_its_tone_marks() {
        // Nghị quyết in windows-1258: ị is i + 0xF2 (dot below), ế is 0xEA (ê) + 0xEC (acute).
        let c = convert(b"Ngh\x69\xF2 quy\xEA\xECt", 0, Charset::by_name("windows-1258").unwrap());
        assert_eq!(c.text, "Nghị quyết");
        let at = c.text.find('ế').unwrap();
        assert_eq!((c.map.start(at), c.map.end(at + 3)), (9, 11));
        assert!(c.replaced.is_none());
    }

    #[test]
    fn utf16_with_its_mark() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("Nghị 😀".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let (cs, skip) = Charset::of_bom(&bytes).unwrap();
        let c = convert(&bytes, skip, cs);
        assert_eq!(c.text, "Nghị 😀");
        assert_eq!(c.map.start(0), 2);
        let at = c.text.find('😀').unwrap();
        assert_eq!((c.map.start(at), c.map.end(at + 4)), (12, 16));
    }

    #[test]
    fn declarations_are_found_in_the_head() {
        let d = |s: &str| Charset::declared(s.as_bytes()).map(Charset::name);
        assert_eq!(d("<html><head><meta charset=\"windows-1258\">"), Some("windows-1258"));
        assert_eq!(d("<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ISO-8859-1'>"), Some("windows-1252"));
        assert_eq!(d("<meta charset=utf-16>"), Some("UTF-8"));
        assert_eq!(d("<meta name=x content=y><p>charset=koi8-r"), None);
        assert_eq!(d(&format!("{}<meta charset=windows-1258>", " ".repeat(1100))), None, "past the first 1024 bytes");
        assert_eq!(Charset::by_name("TCVN3"), Some(Charset::Tcvn3));
        assert_eq!(Charset::by_name("nonsense"), None);
    }

    #[test]
    fn font_encodings_read_as_utf8_are_recognised() {
        let latin1 = |b: &[u8]| -> String { b.iter().map(|&x| x as char).collect() };
        let tcvn = latin1(b"Ngh\xDE quy\xD5t s\xE8 20 c\xF1a B\xAB Ch\xDDnh tr\xDE");
        assert_eq!(looks_like_font_encoding(latin1_units(&tcvn)), Some(Charset::Tcvn3));
        let vni = latin1(b"Ngh\xF2 quye\xE1t so\xE1 20 cu\xFBa Bo\xE4 Ch\xEDnh tr\xF2");
        assert_eq!(looks_like_font_encoding(latin1_units(&vni)), Some(Charset::Vni));
        assert_eq!(
            looks_like_font_encoding(raw_units(vni.chars().map(|c| c as u8).collect::<Vec<_>>().as_slice())),
            Some(Charset::Vni)
        );
        for fine in ["Nghị quyết số 20 của Bộ Chính trị, hoà bình, khoẻ, mùa xuân, quê hương", "Café «crème» à la mode"]
        {
            assert_eq!(looks_like_font_encoding(latin1_units(fine)), None, "{fine}");
        }
    }
}
