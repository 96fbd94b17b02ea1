//! Bytes → text, with the map from the text's offsets back to the bytes: UTF-8 with a byte-order
//! mark dropped and invalid bytes replaced, binary refused. Every input form ends here or makes a
//! [`Decoded`] of its own (text already decoded, markup with its tags removed).

use std::borrow::Cow;

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
    #[error("UTF-16 text is not supported, skipped (convert it first: iconv -f UTF-16 -t UTF-8)")]
    Utf16,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes `bytes` as UTF-8. A file with a NUL byte is binary; a UTF-16 byte-order mark is refused
/// rather than read as garbage.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, DecodeError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(DecodeError::Utf16);
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
        Ok(s) => Ok(Decoded { text: Cow::Borrowed(s), map, original: bytes, spans: SpanText::Original, invalid: None }),
        Err(_) => {
            let (text, invalid) = decode_lossy(body, base, &mut map);
            Ok(Decoded {
                text: Cow::Owned(text),
                map,
                original: bytes,
                spans: SpanText::Original,
                invalid: Some(invalid),
            })
        }
    }
}

/// Text already decoded (a JSON Lines field): its own bytes are the original. A NUL in it is refused
/// as in a file.
pub fn decoded(text: &str) -> Result<Decoded<'_>, DecodeError> {
    check_nul(text.as_bytes())?;
    Ok(Decoded {
        text: Cow::Borrowed(text),
        map: OffsetMap::identity(),
        original: text.as_bytes(),
        spans: SpanText::Original,
        invalid: None,
    })
}

fn check_nul(bytes: &[u8]) -> Result<(), DecodeError> {
    match memchr::memchr(0, bytes) {
        Some(offset) => Err(DecodeError::Binary { offset }),
        None => Ok(()),
    }
}

impl Decoded<'_> {
    /// What reading the page noticed without stopping it.
    pub fn warnings(&self) -> impl Iterator<Item = String> + '_ {
        self.invalid.iter().map(Invalid::warning)
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
    fn utf16_is_refused_by_name() {
        assert_eq!(decode(b"\xFF\xFEa\x00").unwrap_err(), DecodeError::Utf16);
    }
}
