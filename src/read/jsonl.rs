//! The JSON Lines form: each line of an input is a page, a JSON object with the page's text in one
//! field and its name in another. Lines stream through, read ahead on a thread of their own and
//! never held whole; a line is turned into a page by whoever extracts it ([`page`]).
//!
//! What a line cannot be read for is said with its line number, and the line skipped. Repairable
//! text is read, with a warning saying what was repaired: invalid UTF-8 and lone surrogate escapes
//! (`\ud83d` without its pair) become U+FFFD, as bad bytes of a text file do. The records' offsets
//! count the bytes of the field's text as read: escapes resolved, repairs made.

use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};
use std::time::Duration;

use serde::de::{self, IgnoredAny};
use serde_json::value::RawValue;

use super::decode::DecodeError;
use super::sniff::{self, Looks};
use super::{Body, Limits, Page, ReadError, Source, size_shown};

/// The fields of a line that make its page (`--text-field`, `--id-field`, `--html-field`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// The field holding the page: its text, or its HTML when `html`.
    pub text: String,
    pub id: String,
    pub html: bool,
}

impl Default for Fields {
    fn default() -> Self {
        Fields { text: "text".into(), id: "id".into(), html: false }
    }
}

/// A JSON Lines input, as the messages about its lines name it.
#[derive(Debug)]
pub struct Input {
    pub name: Arc<str>,
    /// What its first bytes look like: said once when its lines are not JSON.
    pub looks: Looks,
}

/// One line of the input that is not blank.
#[derive(Debug)]
pub struct Line {
    /// 1-based, counting blank lines too.
    pub number: usize,
    pub bytes: Vec<u8>,
}

/// What stops a line, or the rest of the input.
#[derive(Debug)]
pub enum LineError {
    /// The line is longer than the page size limit: skipped unread, the next lines are read.
    TooLong { number: usize, limit: u64 },
    /// The input cannot be read further.
    Read(ReadError),
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineError::TooLong { number, limit } => write!(
                f,
                "{number}: longer than the page size limit ({}, --max-page-size), skipped",
                size_shown(*limit)
            ),
            LineError::Read(e) => e.fmt(f),
        }
    }
}

type Item = Result<Line, LineError>;

/// The lines of an input, read ahead on a thread of their own: reading overlaps extracting, and
/// whether the next line is there can be asked without blocking for long.
pub struct Lines {
    rx: Receiver<Item>,
    ahead: Option<Item>,
    pub looks: Looks,
}

/// Lines read ahead at most.
const LINES_AHEAD: usize = 16;

/// How long a line may take to come before the next line counts as not ready: a file's or a
/// buffered pipe's lines come in microseconds; a writer that pauses longer is waiting for something.
const READY_WAIT: Duration = Duration::from_millis(5);

/// Opens an input of JSON Lines: decompressed when it is gzip, a UTF-8 byte-order mark read past.
/// An input that is UTF-16 or binary is refused here, once, rather than line by line.
pub fn open(src: &Source, limits: &Limits) -> Result<Lines, ReadError> {
    let mut raw: Box<dyn Read + Send> = match src {
        Source::Stdin => Box::new(io::stdin()),
        Source::File { path, .. } => Box::new(std::fs::File::open(path).map_err(ReadError::Io)?),
    };
    let mut head = Vec::new();
    sniff::read_head(&mut raw, &mut head).map_err(ReadError::Io)?;
    let gzip = sniff::is_gzip(&head);
    let (rest, head): (Box<dyn Read + Send>, Vec<u8>) = if gzip {
        let mut gz: Box<dyn Read + Send> = Box::new(flate2::read::MultiGzDecoder::new(Cursor::new(head).chain(raw)));
        let mut inner = Vec::new();
        sniff::read_head(&mut gz, &mut inner).map_err(ReadError::Gzip)?;
        (gz, inner)
    } else {
        (raw, head)
    };
    let looks = Looks::of(&head);
    match looks {
        Looks::Utf16 => return Err(DecodeError::Utf16Lines.into()),
        Looks::Binary => return Err(DecodeError::Binary { offset: memchr::memchr(0, &head).unwrap_or(0) }.into()),
        _ => {}
    }
    let mut head = Cursor::new(head);
    if head.get_ref().starts_with(sniff::UTF8_BOM) {
        head.set_position(sniff::UTF8_BOM.len() as u64);
    }
    Ok(Lines::new(Box::new(head.chain(rest)), *limits, gzip, looks))
}

impl Lines {
    fn new(reader: Box<dyn Read + Send>, limits: Limits, gzip: bool, looks: Looks) -> Lines {
        let (tx, rx) = sync_channel(LINES_AHEAD);
        // Ends at the end of the input, at a read error, or when no one is reading any more.
        std::thread::spawn(move || {
            let mut reader = BufReader::with_capacity(1 << 16, reader);
            let mut number = 0;
            loop {
                let mut buf = Vec::new();
                let item = match read_line(&mut reader, &mut buf, limits.max_page) {
                    Ok(None) => return,
                    Ok(Some(len)) => {
                        number += 1;
                        if len > limits.max_page {
                            Err(LineError::TooLong { number, limit: limits.max_page })
                        } else if buf.iter().all(u8::is_ascii_whitespace) {
                            continue;
                        } else {
                            Ok(Line { number, bytes: buf })
                        }
                    }
                    Err(e) => Err(LineError::Read(if gzip { ReadError::Gzip(e) } else { ReadError::Io(e) })),
                };
                let last = matches!(item, Err(LineError::Read(_)));
                if tx.send(item).is_err() || last {
                    return;
                }
            }
        });
        Lines { rx, ahead: None, looks }
    }

    /// The next line that is not blank, or what stops it; None at the end.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<Item> {
        self.ahead.take().or_else(|| self.rx.recv().ok())
    }

    /// Whether the next line (or the end) is there, waiting [`READY_WAIT`] for it at most.
    pub fn ready(&mut self) -> bool {
        if self.ahead.is_some() {
            return true;
        }
        match self.rx.recv_timeout(READY_WAIT) {
            Ok(item) => {
                self.ahead = Some(item);
                true
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        }
    }
}

/// Reads one line, with its `\n`, into `buf`, keeping no more than `limit` + 1 bytes of it (a
/// longer line is read past, not held); gives the line's length without its `\n`, None at the end.
fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>, limit: u64) -> io::Result<Option<u64>> {
    let mut len = 0u64;
    loop {
        let avail = match r.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok((len > 0).then_some(len));
        }
        let (take, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        len += take as u64;
        if len <= limit + 1 {
            buf.extend_from_slice(&avail[..take]);
        } else {
            buf.clear();
        }
        r.consume(take);
        if done {
            return Ok(Some(len - 1));
        }
    }
}

/// The page of one line, named by its id field (as written: a number keeps its digits), or by the
/// line number when it has none. `input` is the input's name, for messages.
pub fn page(line: &[u8], fields: &Fields, input: &str, number: usize) -> Result<Page, String> {
    let (text, id, warnings) = read(line, fields)?;
    Ok(Page {
        source: Arc::from(id.unwrap_or_else(|| number.to_string())),
        shown: format!("{input}:{number}"),
        body: Body::Text(text),
        looks: Looks::Json,
        markup: fields.html,
        encoding: None,
        warnings,
    })
}

/// The text and id of a line, and what was repaired to read them.
fn read(line: &[u8], fields: &Fields) -> Result<(String, Option<String>, Vec<String>), String> {
    // A line of valid UTF-8 (nearly every one) is checked once, quickly, and read as text, whose
    // strings need no second check; any other is read as bytes, where only the fields read must be
    // UTF-8.
    let first = match simdutf8::basic::from_utf8(line) {
        Ok(s) => Found::read(serde_json::Deserializer::from_str(s), fields),
        Err(_) => Found::read(serde_json::Deserializer::from_slice(line), fields),
    };
    let e = match first.and_then(|f| f.finish(fields, Vec::new())) {
        Ok(read) => return Ok(read),
        Err(Fail::Field(m)) => return Err(m),
        Err(Fail::Json(e)) => e,
    };
    // Only a line that does not read is looked at again: with its bad bytes and lone surrogates
    // replaced, is it JSON?
    let mut repairs = Repairs::default();
    let fixed = repairs.repair(line);
    if repairs.is_empty() {
        return Err(describe(&e));
    }
    Found::read(serde_json::Deserializer::from_str(&fixed), fields)
        .and_then(|f| f.finish(fields, repairs.warnings()))
        .map_err(|f| match f {
            Fail::Field(m) => m,
            Fail::Json(_) => describe(&e),
        })
}

/// Why a line gives no page: it is not JSON, or its fields are not what a page needs.
enum Fail {
    Json(serde_json::Error),
    Field(String),
}

/// A JSON error in words.
fn describe(e: &serde_json::Error) -> String {
    match e.classify() {
        // Whatever a field holds is taken: only the line itself can be of the wrong type.
        serde_json::error::Category::Data => "not a JSON object".to_string(),
        _ => format!("not JSON ({e})"),
    }
}

/// The two fields as found in a line (the last of each when a key is repeated).
struct Found<'de> {
    text: Option<Text>,
    id: Option<&'de RawValue>,
    /// The text field is the id field: its text is read from the id's raw value.
    same: bool,
}

impl<'de> Found<'de> {
    fn read<R: serde_json::de::Read<'de>>(
        mut de: serde_json::Deserializer<R>,
        fields: &Fields,
    ) -> Result<Found<'de>, Fail> {
        let found = de::Deserializer::deserialize_map(&mut de, FieldsSeed(fields)).map_err(Fail::Json)?;
        de.end().map_err(Fail::Json)?;
        Ok(found)
    }

    fn finish(self, fields: &Fields, mut warnings: Vec<String>) -> Result<(String, Option<String>, Vec<String>), Fail> {
        let text = match (self.same, self.id) {
            (true, Some(raw)) => Some(serde_json::from_str::<Text>(raw.get()).map_err(Fail::Json)?),
            _ => self.text,
        };
        let text = match text {
            Some(Text::Str(s)) => s,
            Some(Text::Not(what)) => {
                return Err(Fail::Field(format!("field `{}` is {what}, not a string", fields.text)));
            }
            None => return Err(Fail::Field(format!("no field `{}`", fields.text))),
        };
        let id = self.id.and_then(|raw| id_of(raw, &fields.id, &mut warnings));
        Ok((text, id, warnings))
    }
}

/// The id as records name the page: a string's text, a number's digits as written; nothing (with a
/// warning saying why) for any other value.
fn id_of(raw: &RawValue, field: &str, warnings: &mut Vec<String>) -> Option<String> {
    let s = raw.get();
    let what = match s.as_bytes().first() {
        Some(b'"') => {
            return Some(serde_json::from_str(s).unwrap_or_else(|_| {
                // A lone surrogate in a field that was read past at first (nothing else is left).
                let mut repairs = Repairs::default();
                let fixed = repairs.fix_surrogates(s);
                warnings.extend(repairs.warnings());
                serde_json::from_str(&fixed).unwrap_or_default()
            }));
        }
        Some(b'-' | b'0'..=b'9') => return Some(s.to_string()),
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'{') => "an object",
        _ => "an array",
    };
    warnings.push(format!("field `{field}` is {what}, not a string or a number: the line number names the page"));
    None
}

/// Reads a JSON object for its text and id fields.
struct FieldsSeed<'f>(&'f Fields);

impl<'de> de::Visitor<'de> for FieldsSeed<'_> {
    type Value = Found<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Found<'de>, A::Error> {
        let mut found = Found { text: None, id: None, same: false };
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match (key == self.0.text, key == self.0.id) {
                (false, false) => {
                    map.next_value::<IgnoredAny>()?;
                }
                // The page's text is moved out of the line, never copied twice.
                (true, false) => found.text = Some(map.next_value()?),
                (false, true) => found.id = Some(map.next_value()?),
                (true, true) => {
                    found.id = Some(map.next_value()?);
                    found.same = true;
                }
            }
        }
        Ok(found)
    }
}

/// What the text field holds.
enum Text {
    Str(String),
    /// Not a string: what it is, for the message.
    Not(&'static str),
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E>(self, s: &str) -> Result<Text, E> {
                Ok(Text::Str(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<Text, E> {
                Ok(Text::Str(s))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Text, E> {
                Ok(Text::Not("a number"))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Text, E> {
                Ok(Text::Not("a number"))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Text, E> {
                Ok(Text::Not("a number"))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Text, E> {
                Ok(Text::Not("a boolean"))
            }
            fn visit_unit<E>(self) -> Result<Text, E> {
                Ok(Text::Not("null"))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Text::Not("an object"))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Text, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Text::Not("an array"))
            }
        }
        d.deserialize_any(V)
    }
}

/// What was replaced by U+FFFD in a line to read it.
#[derive(Debug, Default)]
struct Repairs {
    /// Invalid UTF-8 sequences, and the offset in the line of the first.
    invalid: usize,
    first_invalid: usize,
    /// `\uXXXX` escapes of half a UTF-16 surrogate pair without the other half, and the first.
    surrogates: usize,
    first_surrogate: String,
}

impl Repairs {
    fn is_empty(&self) -> bool {
        self.invalid == 0 && self.surrogates == 0
    }

    /// The line with each invalid UTF-8 sequence and each lone surrogate escape replaced by U+FFFD.
    fn repair(&mut self, line: &[u8]) -> String {
        let mut valid = String::with_capacity(line.len() + 16);
        let mut at = 0;
        for chunk in line.utf8_chunks() {
            valid.push_str(chunk.valid());
            at += chunk.valid().len();
            if !chunk.invalid().is_empty() {
                if self.invalid == 0 {
                    self.first_invalid = at;
                }
                self.invalid += 1;
                valid.push('\u{FFFD}');
                at += chunk.invalid().len();
            }
        }
        self.fix_surrogates(&valid)
    }

    /// JSON text with each lone surrogate escape written `\uFFFD`.
    fn fix_surrogates(&mut self, s: &str) -> String {
        let b = s.as_bytes();
        let hex = |at: usize| -> Option<u32> {
            let digits = s.get(at..at + 4)?;
            digits.bytes().all(|c| c.is_ascii_hexdigit()).then(|| u32::from_str_radix(digits, 16).ok())?
        };
        let escape_at = |at: usize| (b.get(at) == Some(&b'\\') && b.get(at + 1) == Some(&b'u')).then(|| hex(at + 2))?;
        let mut out = String::with_capacity(s.len());
        let (mut copied, mut i) = (0, 0);
        while let Some(j) = memchr::memchr(b'\\', &b[i..]).map(|j| i + j) {
            let Some(unit) = escape_at(j) else {
                // Any other escape is two characters (`\\`, `\"`, `\n`, …).
                i = j + 2;
                continue;
            };
            let high = (0xD800..0xDC00).contains(&unit);
            if high && escape_at(j + 6).is_some_and(|low| (0xDC00..0xE000).contains(&low)) {
                i = j + 12;
                continue;
            }
            if high || (0xDC00..0xE000).contains(&unit) {
                if self.surrogates == 0 {
                    self.first_surrogate = s[j..j + 6].to_string();
                }
                self.surrogates += 1;
                out.push_str(&s[copied..j]);
                out.push_str("\\uFFFD");
                copied = j + 6;
            }
            i = j + 6;
        }
        out.push_str(&s[copied..]);
        out
    }

    fn warnings(&self) -> Vec<String> {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut out = Vec::new();
        if self.invalid > 0 {
            out.push(format!(
                "invalid UTF-8: {} byte sequence{} replaced by U+FFFD (first at byte {} of the line)",
                self.invalid,
                plural(self.invalid),
                self.first_invalid
            ));
        }
        if self.surrogates > 0 {
            out.push(format!(
                "{} lone surrogate escape{} (the first `{}`: half of a UTF-16 pair without the other half) replaced by U+FFFD",
                self.surrogates,
                plural(self.surrogates),
                self.first_surrogate
            ));
        }
        out
    }
}

/// Messages about one input's lines shown at most; the others are counted, and the count given at
/// the end of the input.
pub const SHOWN_PER_INPUT: usize = 10;

/// The messages of one JSON Lines input's lines: the first [`SHOWN_PER_INPUT`] are shown, the rest
/// counted; what the input looks like is said once, at its first failed line, when it does not look
/// like JSON Lines.
#[derive(Debug)]
pub struct Tally {
    pub input: Arc<Input>,
    shown: usize,
    hidden: usize,
    failed: usize,
    warned: usize,
}

impl Tally {
    pub fn new(input: Arc<Input>) -> Tally {
        Tally { input, shown: 0, hidden: 0, failed: 0, warned: 0 }
    }

    /// Counts a line that was skipped (`failed`) or read with warnings, with its `messages`; gives
    /// those to show now.
    pub fn note(&mut self, failed: bool, messages: Vec<String>) -> Vec<String> {
        if failed {
            self.failed += 1;
        } else {
            self.warned += 1;
        }
        let mut out = Vec::new();
        for m in messages {
            if self.shown < SHOWN_PER_INPUT {
                self.shown += 1;
                out.push(m);
            } else {
                self.hidden += 1;
            }
        }
        if failed && self.failed == 1 && !matches!(self.input.looks, Looks::Json | Looks::Empty) {
            out.push(format!(
                "trich: {}: it looks like {}, not JSON Lines (--input-format text reads each file as one page)",
                self.input.name,
                self.input.looks.describe()
            ));
        }
        out
    }

    /// The message that ends the input, when messages were left out.
    pub fn closing(&self) -> Option<String> {
        if self.hidden == 0 {
            return None;
        }
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut counts = Vec::new();
        if self.failed > 0 {
            counts.push(format!("{} line{} skipped", self.failed, plural(self.failed)));
        }
        if self.warned > 0 {
            counts.push(format!("{} line{} read with warnings", self.warned, plural(self.warned)));
        }
        Some(format!(
            "trich: {}: {}; {} more message{} not shown",
            self.input.name,
            counts.join(", "),
            self.hidden,
            plural(self.hidden)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader whose first read gives a line and whose second waits before giving another.
    struct Pausing(usize);

    impl Read for Pausing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.0 += 1;
            let text: &[u8] = match self.0 {
                1 => b"one\n",
                2 => {
                    std::thread::sleep(Duration::from_millis(300));
                    b"two\n"
                }
                _ => b"",
            };
            buf[..text.len()].copy_from_slice(text);
            Ok(text.len())
        }
    }

    fn lines_of(reader: impl Read + Send + 'static, max_page: u64) -> Lines {
        Lines::new(Box::new(reader), Limits { max_page }, false, Looks::Json)
    }

    #[test]
    fn a_line_that_does_not_come_is_not_ready_and_still_comes() {
        let mut lines = lines_of(Pausing(0), 100);
        assert_eq!(lines.next().expect("a line").expect("read").bytes, b"one\n");
        assert!(!lines.ready(), "the second line is 300 ms away");
        assert_eq!(lines.next().expect("a line").expect("read").bytes, b"two\n");
        assert!(lines.next().is_none());
    }

    #[test]
    fn lines_are_numbered_blank_ones_skipped_and_long_ones_read_past() {
        let input = format!("a\n\n  \n{}\nb\n{}", "x".repeat(100), "y".repeat(11));
        let mut lines = lines_of(Cursor::new(input.into_bytes()), 10);
        let mut got = Vec::new();
        while let Some(item) = lines.next() {
            got.push(match item {
                Ok(l) => format!("{}:{}", l.number, String::from_utf8(l.bytes).unwrap().trim_end()),
                Err(e) => format!("{e}"),
            });
        }
        assert_eq!(
            got,
            [
                "1:a",
                "4: longer than the page size limit (10 bytes, --max-page-size), skipped",
                "5:b",
                "6: longer than the page size limit (10 bytes, --max-page-size), skipped",
            ]
        );
    }

    /// What reading the whole record as a JSON value says: the reference the field reader is held to.
    fn by_value(line: &[u8], fields: &Fields) -> Result<(Option<String>, String), String> {
        let value: serde_json::Value = serde_json::from_slice(line).map_err(|e| format!("not JSON ({e})"))?;
        let obj = value.as_object().ok_or("not a JSON object")?;
        let text = match obj.get(&fields.text) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(v) => {
                let what = match v {
                    serde_json::Value::Number(_) => "a number",
                    serde_json::Value::Bool(_) => "a boolean",
                    serde_json::Value::Null => "null",
                    serde_json::Value::Array(_) => "an array",
                    _ => "an object",
                };
                return Err(format!("field `{}` is {what}, not a string", fields.text));
            }
            None => return Err(format!("no field `{}`", fields.text)),
        };
        let id = match obj.get(&fields.id) {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        Ok((id, text))
    }

    fn fields(text: &str, id: &str) -> Fields {
        Fields { text: text.into(), id: id.into(), html: false }
    }

    fn text_and_id(line: &[u8], f: &Fields) -> Result<(Option<String>, String), String> {
        read(line, f).map(|(text, id, _)| (id, text))
    }

    #[test]
    fn json_lines_fields_read_as_the_whole_record_says() {
        let lines = [
            r#"{"id": "a-1", "text": "Nghị quyết 20-NQ/TW", "html": "<p>x</p>", "meta": {"a": [1, {"b": null}]}}"#,
            r#"{"text": "t", "id": 7}"#,
            r#"{"text": "t", "id": -7}"#,
            r#"{"text": "t", "id": 7.5}"#,
            r#"{"text": "t", "id": true}"#,
            r#"{"text": "t", "id": null}"#,
            r#"{"text": "t", "id": {"x": 1}}"#,
            r#"{"text": "t", "id": [1, 2]}"#,
            r#"{"text": "first", "text": "last", "id": "1", "id": 2}"#,
            r#"{"te\u0078t": "escaped key", "\u0069d": "x\"y\\z\n"}"#,
            r#"{"id": "no text"}"#,
            r#"{"text": 5}"#,
            r#"{"text": null}"#,
            r#"{"text": ["a"]}"#,
            r#"{"text": {"a": 1}}"#,
            r#"{}"#,
            r#"[1, 2]"#,
            r#""text""#,
            r#"5"#,
            r#"{not json"#,
            r#"{"text": "t"} trailing"#,
            r#"{"text": "t",}"#,
            "{\"text\": \"\u{1F600} đồng\"}",
            "",
        ];
        for line in lines {
            for (t, i) in [("text", "id"), ("id", "text"), ("text", "text"), ("body", "id")] {
                let f = fields(t, i);
                let got = text_and_id(line.as_bytes(), &f);
                let want = by_value(line.as_bytes(), &f);
                match (&got, &want) {
                    // The words of a syntax error may differ; that it is one may not.
                    (Err(g), Err(w)) if w.starts_with("not JSON") => assert!(g.starts_with("not JSON"), "{line}: {g}"),
                    _ => assert_eq!(got, want, "{line} ({t}, {i})"),
                }
            }
        }
        // A field read past is not built, nor checked.
        let read_past = b"{\"raw\": \"\xc3\x28 \\ud800\", \"text\": \"t\"}";
        assert_eq!(read(read_past, &Fields::default()), Ok(("t".to_string(), None, Vec::new())));
    }

    #[test]
    fn ids_keep_the_digits_they_were_written_with() {
        for id in ["4.5e300", "1.0", "123456789012345678901234567890", "1e400", "-0.0", "0", "-12E-3"] {
            let line = format!("{{\"id\": {id}, \"text\": \"t\"}}");
            assert_eq!(read(line.as_bytes(), &Fields::default()), Ok(("t".to_string(), Some(id.to_string()), vec![])));
        }
        for (id, what) in [("true", "a boolean"), ("null", "null"), ("{}", "an object"), ("[]", "an array")] {
            let line = format!("{{\"id\": {id}, \"text\": \"t\"}}");
            let (_, got, warnings) = read(line.as_bytes(), &Fields::default()).unwrap();
            assert_eq!(got, None);
            assert_eq!(
                warnings,
                [format!("field `id` is {what}, not a string or a number: the line number names the page")]
            );
        }
    }

    #[test]
    fn bad_characters_in_the_fields_read_are_replaced_and_said() {
        let read = |line: &[u8]| read(line, &Fields::default());
        let (text, _, w) = read(br#"{"text": "a\ud83db \udc00 \ud83d\ude00 \\ud800"}"#).unwrap();
        assert_eq!(text, "a\u{FFFD}b \u{FFFD} \u{1F600} \\ud800");
        assert_eq!(
            w,
            [
                "2 lone surrogate escapes (the first `\\ud83d`: half of a UTF-16 pair without the other half) replaced by U+FFFD"
            ]
        );
        let (text, id, w) = read(b"{\"id\": \"x\xffy\", \"text\": \"\xe1\xbb t\xc3\"}").unwrap();
        assert_eq!((text.as_str(), id.as_deref()), ("\u{FFFD} t\u{FFFD}", Some("x\u{FFFD}y")));
        assert_eq!(w, ["invalid UTF-8: 3 byte sequences replaced by U+FFFD (first at byte 9 of the line)"]);
        // An id with a lone surrogate in a line otherwise read at once.
        let (_, id, w) = read(br#"{"id": "a\udfffb", "text": "t"}"#).unwrap();
        assert_eq!(id.as_deref(), Some("a\u{FFFD}b"));
        assert_eq!(w.len(), 1);
        // What repairs cannot make JSON is not JSON, with the first error.
        let e = read(b"{\"text\": \"\xff\" trailing}").unwrap_err();
        assert!(e.starts_with("not JSON"), "{e}");
    }

    #[test]
    fn the_messages_of_an_input_are_capped_and_its_look_said_once() {
        let input = Arc::new(Input { name: Arc::from("t.jsonl"), looks: Looks::Text });
        let mut tally = Tally::new(input);
        let mut shown = Vec::new();
        for n in 1..=25 {
            shown.extend(tally.note(n != 3, vec![format!("m{n}")]));
        }
        assert_eq!(shown.len(), SHOWN_PER_INPUT + 1);
        assert_eq!(
            shown[1],
            "trich: t.jsonl: it looks like plain text, not JSON Lines (--input-format text reads each file as one page)"
        );
        assert_eq!(
            tally.closing().as_deref(),
            Some("trich: t.jsonl: 24 lines skipped, 1 line read with warnings; 15 more messages not shown")
        );
        let quiet = Tally::new(Arc::new(Input { name: Arc::from("j"), looks: Looks::Json }));
        assert_eq!(quiet.closing(), None);
    }
}
