//! What the first bytes of an input say about it: compressed, a byte-order mark, binary, and what
//! it looks like. Looked at once per input, before anything is read whole.

use std::io::{self, Read};

/// The first bytes of a gzip stream.
pub const GZIP_MAGIC: &[u8] = b"\x1f\x8b";
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16_BOMS: [&[u8]; 2] = [b"\xFF\xFE", b"\xFE\xFF"];

/// The bytes read to decide what an input looks like, at most.
pub const HEAD: usize = 8 << 10;

/// What an input looks like from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Looks {
    Empty,
    /// Begins with `{`: JSON objects.
    Json,
    /// Begins with `<!DOCTYPE html` or `<html`, in any case: a web page.
    Html,
    /// Begins with another `<`: XML, or a fragment of HTML.
    Markup,
    /// UTF-16 text: a UTF-16 byte-order mark, or every other byte NUL.
    Utf16,
    /// A NUL byte elsewhere.
    Binary,
    Text,
}

impl Looks {
    pub fn of(head: &[u8]) -> Looks {
        if UTF16_BOMS.iter().any(|b| head.starts_with(b)) {
            return Looks::Utf16;
        }
        // Text without a NUL (nearly every input) is not looked at twice.
        if memchr::memchr(0, head).is_some() {
            return if looks_utf16(head) { Looks::Utf16 } else { Looks::Binary };
        }
        let head = head.strip_prefix(UTF8_BOM).unwrap_or(head);
        let Some(start) = head.iter().position(|b| !b.is_ascii_whitespace()) else { return Looks::Empty };
        let starts = |word: &[u8]| head[start..].get(..word.len()).is_some_and(|h| h.eq_ignore_ascii_case(word));
        match head[start] {
            b'{' => Looks::Json,
            b'<' if starts(b"<!doctype html") || starts(b"<html") => Looks::Html,
            b'<' => Looks::Markup,
            _ => Looks::Text,
        }
    }

    /// `plain text`, for "it looks like plain text".
    pub fn describe(self) -> &'static str {
        match self {
            Looks::Empty => "empty",
            Looks::Json => "JSON",
            Looks::Html => "HTML",
            Looks::Markup => "markup (XML or HTML)",
            Looks::Utf16 => "UTF-16 text",
            Looks::Binary => "binary data",
            Looks::Text => "plain text",
        }
    }
}

/// Text in UTF-16 without a byte-order mark: most of the first bytes at even (or odd) offsets NUL,
/// as the Latin letters, digits and spaces of Vietnamese text are.
fn looks_utf16(head: &[u8]) -> bool {
    let pairs = head.len() / 2;
    if pairs < 4 {
        return false;
    }
    let zeros = |parity: usize| head.chunks_exact(2).filter(|p| p[parity] == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    (even.max(odd) * 2 > pairs) && even.min(odd) * 10 < pairs
}

pub fn has_utf16_bom(head: &[u8]) -> bool {
    UTF16_BOMS.iter().any(|b| head.starts_with(b))
}

pub fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(GZIP_MAGIC)
}

/// Whether `head` may still turn out to begin a magic number or a byte-order mark: only then is it
/// worth waiting for more bytes of a pipe before deciding.
fn undecided(head: &[u8]) -> bool {
    [GZIP_MAGIC, UTF8_BOM, UTF16_BOMS[0], UTF16_BOMS[1]].iter().any(|m| m.len() > head.len() && m.starts_with(head))
}

/// Reads the first bytes of `r` into `buf`: at least enough to tell a magic number or a byte-order
/// mark, without waiting for more than one read gives otherwise (a pipe that pauses after its first
/// line is not held up).
pub fn read_head(r: &mut dyn Read, buf: &mut Vec<u8>) -> io::Result<()> {
    let mut chunk = [0u8; HEAD];
    loop {
        let n = match r.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        buf.extend_from_slice(&chunk[..n]);
        if n == 0 || !undecided(buf) {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_bytes_say_what_an_input_is() {
        assert_eq!(Looks::of(b""), Looks::Empty);
        assert_eq!(Looks::of(b" \n"), Looks::Empty);
        assert_eq!(Looks::of(b"\xEF\xBB\xBF {\"text\": 1}"), Looks::Json);
        assert_eq!(Looks::of(b"<!DOCTYPE html>"), Looks::Html);
        assert_eq!(Looks::of(b"\n <HTML lang=vi>"), Looks::Html);
        assert_eq!(Looks::of(b"<?xml version=\"1.0\"?>"), Looks::Markup);
        assert_eq!(Looks::of("Nghị quyết".as_bytes()), Looks::Text);
        assert_eq!(Looks::of(b"\xFF\xFE{\0"), Looks::Utf16);
        let wide: Vec<u8> = "Nghị quyết 20-NQ/TW".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(Looks::of(&wide), Looks::Utf16, "UTF-16 without a byte-order mark");
        assert_eq!(Looks::of(b"PK\x03\x04\x00\x00\x08\x00"), Looks::Binary);
        assert!(is_gzip(b"\x1f\x8b\x08"));
    }

    /// A reader giving one byte at a time, like a slow pipe.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(1).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn the_head_waits_only_while_a_magic_number_is_undecided() {
        for (input, want) in [
            (&b"\x1f\x8b\x08\x00rest"[..], &b"\x1f\x8b"[..]),
            (b"\xEF\xBB\xBF{}", b"\xEF\xBB\xBF"),
            (b"{\"a\": 1}", b"{"),
            (b"\xEF", b"\xEF"),
        ] {
            let mut head = Vec::new();
            read_head(&mut Trickle(input), &mut head).unwrap();
            assert_eq!(head, want);
        }
    }
}
