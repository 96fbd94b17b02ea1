//! The text form: an input is one page. It is read whole, up to the page size limit, decompressed
//! when it is gzip, and refused as soon as a NUL byte shows it is binary, before the rest is read
//! (UTF-16, whose NUL bytes are its text's, is read when a byte-order mark or `--encoding` says so).
//! A web page is read whole the same way, then decoded as HTML.

use std::io::{self, Read};
use std::sync::Arc;

use super::charset::Charset;
use super::decode::DecodeError;
use super::sniff::{self, Looks};
use super::{Body, Limits, Page, ReadError, Source};

/// Reads an input as one page, in `encoding` when it says nothing of its own.
pub fn read(src: &Source, limits: &Limits, encoding: Option<Charset>) -> Result<Page, ReadError> {
    let (bytes, looks) = read_whole(src, limits, encoding.is_some_and(is_utf16))?;
    Ok(Page {
        source: Arc::from(src.shown()),
        shown: src.shown().to_string(),
        body: Body::Bytes(bytes),
        looks,
        markup: false,
        encoding,
        warnings: Vec::new(),
    })
}

fn is_utf16(c: Charset) -> bool {
    matches!(c, Charset::Web(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE)
}

/// An input's bytes, whole (decompressed when it is gzip), and what its first bytes look like.
/// UTF-16 without a byte-order mark is read only when `utf16` says it is.
pub fn read_whole(src: &Source, limits: &Limits, utf16: bool) -> Result<(Vec<u8>, Looks), ReadError> {
    let limits = Reading { limits: *limits, utf16 };
    match src {
        Source::Stdin => whole(&mut io::stdin().lock(), 0, &limits),
        Source::File { path, .. } => {
            let mut f = std::fs::File::open(path).map_err(ReadError::Io)?;
            // A regular file says its size: the buffer is made to hold it at once.
            let len = f.metadata().ok().filter(|m| m.is_file()).map_or(0, |m| m.len());
            whole(&mut f, len, &limits)
        }
    }
}

/// The limits of a read, and whether UTF-16 without a byte-order mark is expected.
struct Reading {
    limits: Limits,
    utf16: bool,
}

impl std::ops::Deref for Reading {
    type Target = Limits;
    fn deref(&self) -> &Limits {
        &self.limits
    }
}

/// Bytes read at once at most, between checks for NUL bytes and the limit: an endless input is
/// stopped after this much past them. The first read of an input is one such chunk too, so a page
/// smaller than this is read at once, and its first bytes are looked at before any more is read.
const CHUNK: u64 = 1 << 20;

fn whole(r: &mut dyn Read, len: u64, limits: &Reading) -> Result<(Vec<u8>, Looks), ReadError> {
    let mut buf = Vec::new();
    let end = if 0 < len && len <= CHUNK.min(limits.max_page) {
        // A file that says its size (nearly every page) is read in one go into a buffer of that
        // size; the next read finds its end.
        buf.resize(len as usize, 0);
        let n = fill(r, &mut buf).map_err(ReadError::Io)?;
        buf.truncate(n);
        false
    } else {
        buf.reserve(sniff::HEAD);
        chunk(r, &mut buf, limits).map_err(ReadError::Io)?
    };
    if sniff::is_gzip(&buf) {
        let mut gz = flate2::read::MultiGzDecoder::new(io::Cursor::new(buf).chain(r));
        return rest(&mut gz, Vec::new(), false, limits).map_err(|e| match e {
            ReadError::Io(e) => ReadError::Gzip(e),
            e => e,
        });
    }
    if len > limits.max_page {
        return Err(ReadError::TooLarge { limit: limits.max_page });
    }
    rest(r, buf, end, limits)
}

/// Reads into `buf` until it is full or `r` ends; how much was read.
fn fill(r: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Reads one more chunk of `r` into `buf`; whether `r` ended.
fn chunk(r: &mut dyn Read, buf: &mut Vec<u8>, limits: &Limits) -> io::Result<bool> {
    let want = (limits.max_page + 1).saturating_sub(buf.len() as u64).min(CHUNK);
    Ok(((&mut *r).take(want).read_to_end(buf)? as u64) < want)
}

/// Reads what is left of `r` after `buf` (`end`: nothing is), refusing binary input and UTF-16
/// without a byte-order mark (unless expected) as soon as their first bytes are read, and more than
/// the page size limit.
fn rest(r: &mut dyn Read, mut buf: Vec<u8>, mut end: bool, limits: &Reading) -> Result<(Vec<u8>, Looks), ReadError> {
    let (mut checked, mut looks, mut wide) = (0, Looks::Empty, false);
    loop {
        if checked == 0 {
            looks = Looks::of(&buf[..buf.len().min(sniff::HEAD)]);
            if looks == Looks::Utf16 {
                wide = limits.utf16 || sniff::has_utf16_bom(&buf);
                if !wide {
                    return Err(DecodeError::Utf16.into());
                }
            }
        }
        if !wide && let Some(i) = memchr::memchr(0, &buf[checked..]) {
            return Err(DecodeError::Binary { offset: checked + i }.into());
        }
        checked = buf.len();
        if buf.len() as u64 > limits.max_page {
            return Err(ReadError::TooLarge { limit: limits.max_page });
        }
        if end {
            return Ok((buf, looks));
        }
        end = chunk(r, &mut buf, limits).map_err(ReadError::Io)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(max_page: u64) -> Reading {
        Reading { limits: Limits { max_page }, utf16: false }
    }

    fn read(bytes: &[u8], max_page: u64) -> Result<Vec<u8>, ReadError> {
        whole(&mut &bytes[..], bytes.len() as u64, &reading(max_page)).map(|(bytes, _)| bytes)
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    #[test]
    fn text_is_read_whole_and_gzip_decompressed() {
        let page = "Nghị quyết 20-NQ/TW\n".repeat(2000);
        assert_eq!(read(page.as_bytes(), 1 << 20).unwrap(), page.as_bytes());
        assert_eq!(read(&gzip(page.as_bytes()), 1 << 20).unwrap(), page.as_bytes());
        // Two gzip members, as `cat a.gz b.gz` makes.
        let mut two = gzip(b"one ");
        two.extend(gzip(b"two"));
        assert_eq!(read(&two, 100).unwrap(), b"one two");
        assert_eq!(read(b"", 100).unwrap(), b"");
    }

    #[test]
    fn a_size_said_wrong_still_reads_the_whole_input() {
        let page = b"Ngh\xe1\xbb\x8b quy\xe1\xba\xbft 20-NQ/TW";
        for said in [1, 5, page.len() as u64 - 1, page.len() as u64, page.len() as u64 + 7] {
            let got = whole(&mut &page[..], said, &reading(Limits::default().max_page)).unwrap().0;
            assert_eq!(got, page, "a size of {said} said");
        }
    }

    #[test]
    fn limits_count_what_is_read_and_decompressed() {
        assert_eq!(read(&[b'a'; 100], 100).unwrap().len(), 100);
        assert!(matches!(read(&[b'a'; 101], 100), Err(ReadError::TooLarge { limit: 100 })));
        // A stream that does not say its size.
        let r = whole(&mut io::repeat(b'a'), 0, &reading(3 << 20));
        assert!(matches!(r, Err(ReadError::TooLarge { .. })));
        assert!(matches!(read(&gzip(&[b'a'; 5000]), 4000), Err(ReadError::TooLarge { limit: 4000 })));
    }

    #[test]
    fn binary_is_found_where_it_begins_without_reading_the_rest() {
        let r = whole(&mut io::repeat(0), 0, &reading(Limits::default().max_page));
        assert!(matches!(r, Err(ReadError::Decode(DecodeError::Binary { offset: 0 }))));
        let mut late = vec![b'a'; (3 << 20) + 5];
        late.push(0);
        let r = whole(&mut late.as_slice().chain(io::repeat(b'b')), 0, &reading(Limits::default().max_page));
        assert!(matches!(r, Err(ReadError::Decode(DecodeError::Binary { offset })) if offset == (3 << 20) + 5));
        let wide: Vec<u8> = "Nghị quyết".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert!(matches!(read(&wide, 100), Err(ReadError::Decode(DecodeError::Utf16))));
        assert!(matches!(read(&gzip(&wide), 100), Err(ReadError::Decode(DecodeError::Utf16))));
        // With its byte-order mark, or when UTF-16 is expected, it is read whole.
        let mut marked = vec![0xFF, 0xFE];
        marked.extend(&wide);
        assert_eq!(read(&marked, 100).unwrap(), marked);
        let expected = Reading { limits: Limits { max_page: 100 }, utf16: true };
        assert_eq!(whole(&mut &wide[..], 0, &expected).unwrap().0, wide);
        let broken = gzip(&[b'a'; 5000]);
        assert!(matches!(read(&broken[..broken.len() / 2], 10_000), Err(ReadError::Gzip(_))));
    }
}
