//! Bytes → text, with the map from the text's offsets back to the bytes: UTF-8 with a byte-order
//! mark dropped and invalid bytes replaced, binary refused. Every input form ends here or makes a
//! [`Decoded`] of its own (text already decoded, markup with its tags removed).

use std::borrow::Cow;

use super::charset::{self, Charset};
use super::html::{self, Structure};
use crate::offsets::OffsetMap;

/// A page's text and how to get from its offsets back to the original bytes.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// Offsets in `text` → offsets in `original`.
    pub map: OffsetMap,
    /// The bytes records' `start` and `end` count, and their `line`.
    pub original: &'a [u8],
    /// Where records' `text` comes from.
    pub spans: SpanText,
    /// Invalid UTF-8 sequences replaced by U+FFFD, and the byte offset of the first one.
    pub invalid: Option<Invalid>,
    /// What a web page's markup says of its lines and of the page.
    pub structure: Option<Box<Structure>>,
    /// Where the lines of `original` start, when its newlines are not `\n` bytes (UTF-16).
    pub line_starts: Option<Vec<usize>>,
    /// Other warnings of reading: what the text looks like, which character set was read.
    pub notes: Vec<String>,
}

/// Where a record's `text` is taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanText {
    /// The original bytes `start..end`: for text, they are the text as written.
    Original,
    /// The decoded text the span was found in: for an input whose bytes are not its text (markup,
    /// another encoding), `start..end` still point at the original bytes.
    Decoded,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid {
    pub count: usize,
    pub first_offset: usize,
}

impl Invalid {
    /// The warning a page read with replacements gets.
    pub fn warning(&self) -> String {
        format!(
            "invalid UTF-8: {} byte sequence{} replaced by U+FFFD (first at byte {})",
            self.count,
            if self.count == 1 { "" } else { "s" },
            self.first_offset
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary file (NUL byte at offset {offset}), skipped")]
    Binary { offset: usize },
    #[error("UTF-16 text without a byte-order mark, skipped (read it with --encoding utf-16le or utf-16be)")]
    Utf16,
    #[error("UTF-16 JSON Lines are not read, skipped (convert them first: iconv -f UTF-16 -t UTF-8)")]
    Utf16Lines,
    #[error("cannot be read as HTML: {0}")]
    Html(String),
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The bytes of a UTF-8 page looked at for signs of TCVN3 or VNI.
const FONT_LOOK: usize = 4096;

/// Decodes `bytes` as UTF-8, or as UTF-16 when a UTF-16 byte-order mark says so. A file with a NUL
/// byte is binary.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if let Some((cs @ Charset::Web(_), skip)) = Charset::of_bom(bytes) {
        return Ok(legacy(bytes, skip, cs));
    }
    check_nul(bytes)?;
    let mut map = OffsetMap::identity();
    let (body, base) = if bytes.starts_with(BOM) {
        map.push(0, 0, 0, BOM.len());
        (&bytes[BOM.len()..], BOM.len())
    } else {
        (bytes, 0)
    };
    // SIMD validation first: nearly every page is valid, and this is many times faster than std's.
    match simdutf8::basic::from_utf8(body) {
        Ok(s) => {
            let mut d = Decoded::plain(Cow::Borrowed(s), map, bytes);
            // A page in a font encoding shows it from its first lines: only they are looked at, so
            // that the look costs the same for a page of any size.
            let head = &s[..s.floor_char_boundary(s.len().min(FONT_LOOK))];
            d.notes.extend(
                charset::looks_like_font_encoding(charset::latin1_units(head)).map(charset::font_encoding_warning),
            );
            Ok(d)
        }
        Err(_) => {
            let (text, invalid) = decode_lossy(body, base, &mut map);
            let mut d = Decoded::plain(Cow::Owned(text), map, bytes);
            d.invalid = Some(invalid);
            let head = &body[..body.len().min(FONT_LOOK)];
            d.notes.extend(
                charset::looks_like_font_encoding(charset::raw_units(head)).map(charset::font_encoding_warning),
            );
            Ok(d)
        }
    }
}

/// Decodes `bytes` read as `encoding` (None: as the input says, else UTF-8), as a web page when
/// `markup`: the character set is chosen as [`charset`] says, the text is the page's as
/// [`html`] reads it.
pub fn decode_as(bytes: &[u8], markup: bool, encoding: Option<Charset>) -> Result<Decoded<'_>, DecodeError> {
    let bom = Charset::of_bom(bytes);
    let declared = if markup && bom.is_none() { Charset::declared(bytes) } else { None };
    let chosen = match (bom, declared, encoding) {
        (Some((cs, skip)), _, _) => Some((cs, skip)),
        (None, Some(d), Some(e @ (Charset::Tcvn3 | Charset::Vni))) if d.may_be_a_font_encoding() => Some((e, 0)),
        (None, Some(d), _) => Some((d, 0)),
        (None, None, Some(e)) => Some((e, 0)),
        (None, None, None) => None,
    };
    let mut d = match chosen {
        None | Some((Charset::Utf8, _)) => decode(bytes)?,
        Some((cs, skip)) => {
            if !matches!(cs, Charset::Web(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE) {
                check_nul(bytes)?;
            }
            legacy(bytes, skip, cs)
        }
    };
    if markup {
        let read = html::read(&d.text, &d.map).map_err(DecodeError::Html)?;
        d.text = Cow::Owned(read.text);
        d.map = read.map;
        d.spans = SpanText::Decoded;
        d.structure = Some(Box::new(read.structure));
    }
    Ok(d)
}

/// Text already decoded (a JSON Lines field) that is a web page's HTML: offsets count the field's
/// bytes.
pub fn decoded_markup(text: &str) -> Result<Decoded<'_>, DecodeError> {
    check_nul(text.as_bytes())?;
    let read = html::read(text, &OffsetMap::identity()).map_err(DecodeError::Html)?;
    let mut d = Decoded::plain(Cow::Owned(read.text), read.map, text.as_bytes());
    d.spans = SpanText::Decoded;
    d.structure = Some(Box::new(read.structure));
    Ok(d)
}

/// Bytes in a character set other than UTF-8.
fn legacy(bytes: &[u8], skip: usize, cs: Charset) -> Decoded<'_> {
    let c = charset::convert(bytes, skip, cs);
    let mut d = Decoded::plain(Cow::Owned(c.text), c.map, bytes);
    d.spans = SpanText::Decoded;
    if let Some((count, first)) = c.replaced {
        d.notes.push(format!(
            "{count} byte sequence{} that {} does not have replaced by U+FFFD (first at byte {first})",
            if count == 1 { "" } else { "s" },
            cs.name()
        ));
    }
    if let Charset::Web(e) = cs
        && (e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE)
    {
        // A line ends after the two bytes of a newline.
        let mut starts = vec![0];
        let text: &str = &d.text;
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| d.map.end(i + 1)));
        d.line_starts = Some(starts);
    }
    d
}

/// Text already decoded (a JSON Lines field): its own bytes are the original. A NUL in it is refused
/// as in a file.
pub fn decoded(text: &str) -> Result<Decoded<'_>, DecodeError> {
    check_nul(text.as_bytes())?;
    Ok(Decoded::plain(Cow::Borrowed(text), OffsetMap::identity(), text.as_bytes()))
}

fn check_nul(bytes: &[u8]) -> Result<(), DecodeError> {
    match memchr::memchr(0, bytes) {
        Some(offset) => Err(DecodeError::Binary { offset }),
        None => Ok(()),
    }
}

impl<'a> Decoded<'a> {
    /// Text whose records' `text` is the original bytes `start..end`.
    fn plain(text: Cow<'a, str>, map: OffsetMap, original: &'a [u8]) -> Self {
        Decoded {
            text,
            map,
            original,
            spans: SpanText::Original,
            invalid: None,
            structure: None,
            line_starts: None,
            notes: Vec::new(),
        }
    }

    /// What reading the page noticed without stopping it.
    pub fn warnings(&self) -> impl Iterator<Item = String> + '_ {
        self.invalid.iter().map(Invalid::warning).chain(self.notes.iter().cloned())
    }
}

fn decode_lossy(body: &[u8], base: usize, map: &mut OffsetMap) -> (String, Invalid) {
    let mut out = String::with_capacity(body.len() + 16);
    let mut rest = body;
    let mut pos = 0; // offset of `rest` in body
    let mut count = 0;
    let mut first_offset = None;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len() - good);
                let src = base + pos + good;
                first_offset.get_or_insert(src);
                count += 1;
                map.push(out.len(), '\u{FFFD}'.len_utf8(), src, bad);
                out.push('\u{FFFD}');
                rest = &rest[good + bad..];
                pos += good + bad;
            }
        }
    }
    (out, Invalid { count, first_offset: first_offset.unwrap_or(0) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_utf8_is_borrowed_unchanged() {
        let d = decode("Nghị quyết".as_bytes()).unwrap();
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert!(d.map.is_identity());
        assert!(d.invalid.is_none());
    }

    #[test]
    fn bom_is_dropped_and_offsets_shift_past_it() {
        let d = decode(b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!(d.text, "abc");
        assert_eq!(d.map.start(0), 3);
        assert_eq!(d.map.end(3), 6);
    }

    #[test]
    fn invalid_bytes_become_replacement_characters_with_offsets_kept() {
        let bytes = b"ab\xFF\xFEcd";
        let d = decode(bytes).unwrap();
        assert_eq!(d.text, "ab\u{FFFD}\u{FFFD}cd");
        let inv = d.invalid.unwrap();
        assert_eq!((inv.count, inv.first_offset), (2, 2));
        // "cd" starts at 8 in the decoded text and at 4 in the original.
        assert_eq!(d.map.start(8), 4);
        assert_eq!(d.map.end(10), 6);
    }

    #[test]
    fn truncated_sequence_at_the_end_is_replaced() {
        let d = decode(b"x\xE1\xBA").unwrap();
        assert_eq!(d.text, "x\u{FFFD}");
        assert_eq!(d.map.end(4), 3);
    }

    #[test]
    fn nul_byte_means_binary() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00").unwrap_err(), DecodeError::Binary { offset: 4 });
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_read() {
        let d = decode(b"\xFF\xFEa\x00\n\x00b\x00").unwrap();
        assert_eq!(d.text, "a\nb");
        assert_eq!(d.spans, SpanText::Decoded);
        assert_eq!(d.line_starts.as_deref(), Some(&[0, 6][..]));
        assert_eq!((d.map.start(2), d.map.end(3)), (6, 8));
    }
}
