//! Reading pages: where they come from and how their bytes become text.
//!
//! - Sources (this file): files, folders walked in sorted order, stdin; the names records and
//!   messages give them; the limits every read keeps to.
//! - [`sniff`]: what the first bytes of an input say (gzip, a byte-order mark, binary, what it
//!   looks like), looked at once.
//! - One file per input form, each turning an input's bytes into [`Page`]s: [`text`] (an input is
//!   one page), [`jsonl`] (each line is a page), [`html`] (a web page: its text block by block,
//!   what its markup says of its zones and meta data).
//! - [`charset`]: which character set an input is in (byte-order mark, `<meta charset>`,
//!   `--encoding`), and decoding the ones that are not UTF-8, TCVN3 and VNI among them.
//! - [`decode`]: a page's bytes → its text, with the map from the text's offsets back to the bytes.
//!
//! A new input form is a new file here, a variant of [`Form`] with its line in [`Form::by_name`],
//! and, if its pages are not text as written, a [`Body`] variant that decodes to a [`Decoded`] of
//! its own (an offset map back to the original bytes, and [`SpanText::Decoded`]).

pub mod charset;
pub mod decode;
pub mod html;
pub mod jsonl;
pub mod sniff;
pub mod text;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use charset::Charset;
pub use decode::{DecodeError, Decoded, SpanText};

/// How the command line asks inputs to be read (`--input-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// By each file's name: JSON Lines for `.jsonl`, HTML for `.html`/`.htm`, one page of text
    /// otherwise, except that an input that begins `<!DOCTYPE html` or `<html` (stdin, a file of
    /// another name) is HTML. A folder walk takes text and HTML files.
    Auto,
    Text,
    Jsonl,
    Html,
}

impl InputFormat {
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Auto => "auto",
            InputFormat::Text => "text",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Html => "html",
        }
    }
}

/// The form of one input: how its bytes become pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The input is one page of text.
    Text,
    /// Each line is a page: a JSON object with the page's text in a field.
    Jsonl,
    /// The input is one web page.
    Html,
}

/// The last extension of a file name: where its dot is, and what follows it.
fn ext(name: &[u8]) -> Option<(usize, &[u8])> {
    let dot = name.iter().rposition(|&b| b == b'.')?;
    Some((dot, &name[dot + 1..]))
}

impl Form {
    /// The form of an input read as `asked`.
    pub fn of(src: &Source, asked: InputFormat) -> Form {
        match (asked, src) {
            (InputFormat::Text, _) => Form::Text,
            (InputFormat::Jsonl, _) => Form::Jsonl,
            (InputFormat::Html, _) => Form::Html,
            // Stdin's name says nothing: it is text, unless its first bytes say HTML (see
            // [`Form::markup`]).
            (InputFormat::Auto, Source::Stdin) => Form::Text,
            (InputFormat::Auto, Source::File { path, .. }) => Form::by_name(path).unwrap_or(Form::Text),
        }
    }

    /// The form a file's name asks for, by its extension (`.gz` after it aside).
    pub fn by_name(path: &Path) -> Option<Form> {
        // Bytes, not text: a name that is not UTF-8 still has its extension.
        let mut name = path.file_name()?.as_encoded_bytes();
        if let Some((dot, _)) = ext(name).filter(|(_, e)| e.eq_ignore_ascii_case(b"gz")) {
            name = &name[..dot];
        }
        let (_, ext) = ext(name)?;
        let is = |e: &[u8]| ext.eq_ignore_ascii_case(e);
        if is(b"txt") || is(b"md") || is(b"text") {
            Some(Form::Text)
        } else if is(b"jsonl") || is(b"ndjson") {
            Some(Form::Jsonl)
        } else if is(b"html") || is(b"htm") || is(b"xhtml") {
            Some(Form::Html)
        } else {
            None
        }
    }

    /// Whether an input of this form, whose first bytes look like `looks`, read as `asked`, is a
    /// web page: HTML by its name or by the command line, or, when its name does not say (stdin, a
    /// name without a known extension), by its first bytes.
    pub fn markup(src: &Source, asked: InputFormat, looks: sniff::Looks) -> bool {
        match Form::of(src, asked) {
            Form::Html => true,
            Form::Jsonl => false,
            Form::Text => {
                let unnamed = match src {
                    Source::Stdin => true,
                    Source::File { path, .. } => Form::by_name(path).is_none(),
                };
                asked == InputFormat::Auto && unnamed && looks == sniff::Looks::Html
            }
        }
    }

    /// Whether a folder walk reading inputs as `asked` takes a file of this name: text and HTML
    /// files, or JSON Lines files when JSON Lines are asked for (never both, so that a walk does not
    /// read back what an earlier run wrote there).
    pub fn walked(path: &Path, asked: InputFormat) -> bool {
        match (asked, Form::by_name(path)) {
            (InputFormat::Jsonl, f) => f == Some(Form::Jsonl),
            (InputFormat::Html, f) => f == Some(Form::Html),
            (_, f) => matches!(f, Some(Form::Text | Form::Html)),
        }
    }

    /// The extensions a walk takes, for messages.
    fn walked_names(asked: InputFormat) -> &'static str {
        match asked {
            InputFormat::Jsonl => ".jsonl and .ndjson files",
            InputFormat::Html => ".html and .htm files",
            _ => ".txt, .md, .text, .html and .htm files",
        }
    }
}

/// The most one read may hold, so that no input (an endless pipe, a compressed bomb) grows without
/// bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The bytes of one page at most: a text input, a JSON Lines line; counted after decompressing.
    pub max_page: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_page: 256 << 20 }
    }
}

/// `256M`, `100K`, `1G`, `1048576`: a size in bytes, with K, M, G as powers of 1024.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let t = s.strip_suffix(['b', 'B']).unwrap_or(s);
    let (digits, unit) = match t.char_indices().last()? {
        (i, 'k' | 'K') => (&t[..i], 1u64 << 10),
        (i, 'm' | 'M') => (&t[..i], 1 << 20),
        (i, 'g' | 'G') => (&t[..i], 1 << 30),
        _ if t.len() == s.len() => (t, 1),
        _ => return None,
    };
    digits.trim().parse::<u64>().ok()?.checked_mul(unit).filter(|n| *n > 0)
}

/// A size as messages show it: `256 MB`, `100 KB`, `1500 bytes`.
pub fn size_shown(n: u64) -> String {
    match n {
        n if n >= 1 << 30 && n % (1 << 30) == 0 => format!("{} GB", n >> 30),
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MB", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KB", n >> 10),
        n => format!("{n} bytes"),
    }
}

/// What made an input unreadable.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error("larger than the page size limit ({}, --max-page-size), skipped: split it into pages, or raise the limit", size_shown(*.limit))]
    TooLarge { limit: u64 },
    #[error("cannot decompress (gzip): {}", io_message(.0))]
    Gzip(io::Error),
    #[error("{}", io_message(.0))]
    Io(io::Error),
}

/// A page read from an input, before decoding.
#[derive(Debug)]
pub struct Page {
    /// What its records carry as `source`.
    pub source: Arc<str>,
    /// Where messages about it point: the input's name, `NAME:LINE` for a JSON Lines line.
    pub shown: String,
    pub body: Body,
    /// What the first bytes of its input look like, looked at once: where a form is chosen by
    /// content rather than by name (a web page on stdin begins `<!DOCTYPE html` or `<html`).
    pub looks: sniff::Looks,
    /// A web page: its text is what [`html`] reads of it.
    pub markup: bool,
    /// The character set to read it in when it says nothing of its own (`--encoding`).
    pub encoding: Option<Charset>,
    /// What reading it noticed without stopping it (a repaired JSON Lines line, an odd id).
    pub warnings: Vec<String>,
}

/// A page's content as read.
#[derive(Debug)]
pub enum Body {
    /// Bytes to read as UTF-8 text (a byte-order mark dropped, invalid bytes replaced): the offsets
    /// count them.
    Bytes(Vec<u8>),
    /// Text already decoded (a JSON Lines field): the offsets count its UTF-8 bytes.
    Text(String),
}

impl Page {
    /// The page's text, with its map back to the bytes its offsets count.
    pub fn decode(&self) -> Result<Decoded<'_>, DecodeError> {
        match (&self.body, self.markup) {
            (Body::Bytes(b), false) if self.encoding.is_none() => decode::decode(b),
            (Body::Bytes(b), markup) => decode::decode_as(b, markup, self.encoding),
            (Body::Text(s), false) => decode::decoded(s),
            (Body::Text(s), true) => decode::decoded_markup(s),
        }
    }

    /// The bytes read, for the summary's count.
    pub fn len(&self) -> usize {
        match &self.body {
            Body::Bytes(b) => b.len(),
            Body::Text(s) => s.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One input to read, in output order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    /// A file; `shown` is the path as records and messages name it (see [`shown`]).
    File {
        shown: String,
        path: PathBuf,
    },
}

impl Source {
    pub fn shown(&self) -> &str {
        match self {
            Source::Stdin => "-",
            Source::File { shown, .. } => shown,
        }
    }
}

/// An input named on the command line or met in a walk that cannot be read, or (`warning`) that is
/// left out on purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub shown: String,
    pub message: String,
    /// Left out without failing the run: a link back to a folder above it, a link to nothing.
    pub warning: bool,
}

impl Problem {
    fn error(shown: String, message: String) -> Problem {
        Problem { shown, message, warning: false }
    }

    /// `trich: NAME: message`, or `trich: NAME: warning: message`.
    pub fn line(&self) -> String {
        let warning = if self.warning { "warning: " } else { "" };
        format!("trich: {}: {warning}{}", self.shown, self.message)
    }
}

/// Expands the command line's paths into inputs, in order: a folder becomes the files a walk reads
/// as `asked` (see [`Form::walked`]), sorted and walked recursively, hidden files and folders skipped
/// and symbolic links followed; no path or `-` is stdin.
pub fn expand(paths: &[PathBuf], asked: InputFormat) -> Vec<Result<Source, Problem>> {
    if paths.is_empty() {
        return vec![Ok(Source::Stdin)];
    }
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(Source::Stdin));
            continue;
        }
        let name = shown(p);
        match std::fs::metadata(p) {
            Err(e) => out.push(Err(Problem::error(name, io_message(&e)))),
            Ok(m) if m.is_dir() => {
                let before = out.len();
                walk(p, asked, &mut out);
                if !out[before..].iter().any(Result::is_ok) {
                    let names = Form::walked_names(asked);
                    out.push(Err(Problem::error(
                        name,
                        format!("no files to read in this folder (a walk takes {names}; name other files explicitly)"),
                    )));
                }
            }
            Ok(_) => out.push(Ok(Source::File { shown: name, path: p.clone() })),
        }
    }
    out
}

fn walk(dir: &Path, asked: InputFormat, out: &mut Vec<Result<Source, Problem>>) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."));
    for entry in walker {
        match entry {
            Err(e) => {
                let path = e.path().unwrap_or(dir);
                // What a walk skips is skipped whether it can be read or not.
                if e.depth() > 0 && path.file_name().is_some_and(|n| n.as_encoded_bytes().starts_with(b".")) {
                    continue;
                }
                let problem = if let Some(above) = e.loop_ancestor() {
                    Problem {
                        shown: shown(path),
                        message: format!("a link back to a folder above it ({}), not followed", shown(above)),
                        warning: true,
                    }
                } else if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink())
                    && std::fs::metadata(path).is_err()
                {
                    if !Form::walked(path, asked) {
                        continue;
                    }
                    Problem { shown: shown(path), message: "a link to nothing, skipped".into(), warning: true }
                } else {
                    Problem::error(shown(path), e.io_error().map_or_else(|| e.to_string(), io_message))
                };
                out.push(Err(problem));
            }
            Ok(e) if e.file_type().is_file() && Form::walked(e.path(), asked) => {
                out.push(Ok(Source::File { shown: shown(e.path()), path: e.into_path() }));
            }
            Ok(_) => {}
        }
    }
}

/// A path as records (`source`) and messages name it: as given when it is UTF-8 (nearly always);
/// otherwise each byte that is not part of a UTF-8 character is written `\xHH` and each backslash
/// `\\`, so that the name can be traced back (`printf '%b'` undoes it).
pub fn shown(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            use std::fmt::Write;
            let mut out = String::with_capacity(bytes.len() + 8);
            for chunk in bytes.utf8_chunks() {
                out.push_str(&chunk.valid().replace('\\', "\\\\"));
                for b in chunk.invalid() {
                    let _ = write!(out, "\\x{b:02x}");
                }
            }
            out
        }
    }
}

/// An I/O error in words, without Rust's `(os error 2)` tail.
pub fn io_message(e: &io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "is a folder".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("256M"), Some(256 << 20));
        assert_eq!(parse_size("100k"), Some(100 << 10));
        assert_eq!(parse_size("2GB"), Some(2 << 30));
        assert_eq!(parse_size("1500"), Some(1500));
        for bad in ["", "M", "lots", "-1M", "0", "1.5M", "99999999999999999999G", "12X"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
        assert_eq!(size_shown(256 << 20), "256 MB");
        assert_eq!(size_shown(100 << 10), "100 KB");
        assert_eq!(size_shown(1500), "1500 bytes");
    }

    #[test]
    fn forms_by_name() {
        let form = |n: &str| Form::by_name(Path::new(n));
        assert_eq!(form("a/b.txt"), Some(Form::Text));
        assert_eq!(form("b.MD.gz"), Some(Form::Text));
        assert_eq!(form("crawl.jsonl.gz"), Some(Form::Jsonl));
        assert_eq!(form("crawl.ndjson"), Some(Form::Jsonl));
        assert_eq!(form("page.gz"), None);
        assert_eq!(form("photo.png"), None);
        assert!(Form::walked(Path::new("x.jsonl"), InputFormat::Jsonl));
        assert!(!Form::walked(Path::new("x.jsonl"), InputFormat::Auto));
        assert!(!Form::walked(Path::new("x.txt"), InputFormat::Jsonl));
        assert_eq!(form("dump/page.HTM"), Some(Form::Html));
        assert_eq!(form("page.html.gz"), Some(Form::Html));
        assert!(Form::walked(Path::new("x.html"), InputFormat::Auto));
        assert!(Form::walked(Path::new("x.html.gz"), InputFormat::Html));
        assert!(!Form::walked(Path::new("x.txt"), InputFormat::Html));
        assert!(!Form::walked(Path::new("x.html"), InputFormat::Jsonl));
        let file = |p: &str| Source::File { shown: p.into(), path: p.into() };
        let html = sniff::Looks::Html;
        assert!(Form::markup(&Source::Stdin, InputFormat::Auto, html), "stdin by its first bytes");
        assert!(!Form::markup(&Source::Stdin, InputFormat::Auto, sniff::Looks::Text));
        assert!(!Form::markup(&Source::Stdin, InputFormat::Text, html), "text when asked");
        assert!(Form::markup(&file("a.php"), InputFormat::Auto, html));
        assert!(!Form::markup(&file("a.txt"), InputFormat::Auto, html), "a .txt file is text");
        assert!(Form::markup(&file("a.txt"), InputFormat::Html, sniff::Looks::Text));
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_escaped_and_can_be_undone() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(b"d\\ir/bad\xffn\xc3\xa0me.txt"));
        assert_eq!(shown(p), "d\\\\ir/bad\\xffnàme.txt");
        assert_eq!(shown(Path::new("d\\ir/tên.txt")), "d\\ir/tên.txt", "UTF-8 names are kept as they are");
    }
}
