//! JSON Lines (one object per line) and a JSON array.

use std::io::{self, Write};

use super::{RecordWriter, RunReport};
use crate::record::{Record, Value};

/// Writes one record as a JSON object, fields in contract order.
pub fn write_object<W: Write>(out: &mut W, r: &Record) -> io::Result<()> {
    out.write_all(b"{\"source\":")?;
    string(out, &r.source)?;
    out.write_all(b",\"kind\":\"")?;
    out.write_all(r.kind.name().as_bytes())?;
    out.write_all(b"\",\"text\":")?;
    string(out, &r.text)?;
    let mut num = itoa::Buffer::new();
    for (key, n) in [(&b",\"start\":"[..], r.start), (b",\"end\":", r.end), (b",\"line\":", r.line)] {
        out.write_all(key)?;
        out.write_all(num.format(n).as_bytes())?;
    }
    out.write_all(b",\"zone\":\"")?;
    out.write_all(r.zone.name().as_bytes())?;
    out.write_all(b"\",\"rule\":")?;
    string(out, &r.rule)?;
    out.write_all(b",\"context\":")?;
    match &r.context {
        Some(c) => string(out, c)?,
        None => out.write_all(b"null")?,
    }
    for (name, v) in r.kind.fields().iter().zip(&r.fields) {
        out.write_all(b",\"")?;
        out.write_all(name.as_bytes())?;
        out.write_all(b"\":")?;
        match v {
            Value::Null => out.write_all(b"null")?,
            Value::Str(s) => string(out, s)?,
            Value::Num(d) => write!(out, "{d}")?,
        }
    }
    out.write_all(b"}")
}

/// `s` as a JSON string, escaped as `serde_json` escapes it: `"`, `\\` and the control characters
/// (`\n`, `\t`, `\r`, `\b`, `\f`, else `\u00xx`); everything else, all of Vietnamese, as it is. Runs
/// of [`RUN`] bytes with nothing to escape, found by a check the compiler vectorises, are copied whole.
fn string<W: Write>(out: &mut W, s: &str) -> io::Result<()> {
    let b = s.as_bytes();
    out.write_all(b"\"")?;
    // `b[copied..i]` is still to be written as it is; bytes before `slow_until` are looked at one by one.
    let (mut copied, mut i, mut slow_until) = (0, 0, 0);
    while i < b.len() {
        if i >= slow_until {
            // The last run may be shorter: it is checked the same way, with no fixed length.
            let end = (i + RUN).min(b.len());
            let quiet = match <&[u8; RUN]>::try_from(&b[i..end]) {
                Ok(run) => nothing_to_escape(run),
                Err(_) => nothing_to_escape(&b[i..end]),
            };
            if quiet {
                i = end;
                continue;
            }
            slow_until = end;
        }
        let c = b[i];
        let short = match c {
            b'"' => b'"',
            b'\\' => b'\\',
            b'\n' => b'n',
            b'\t' => b't',
            b'\r' => b'r',
            0x08 => b'b',
            0x0C => b'f',
            0x00..=0x1F => b'u',
            _ => {
                i += 1;
                continue;
            }
        };
        out.write_all(&b[copied..i])?;
        if short == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.write_all(&[b'\\', b'u', b'0', b'0', HEX[usize::from(c >> 4)], HEX[usize::from(c & 0xF)]])?;
        } else {
            out.write_all(&[b'\\', short])?;
        }
        i += 1;
        copied = i;
    }
    out.write_all(&b[copied..])?;
    out.write_all(b"\"")
}

/// Whether none of `run` is to be escaped; with no branch, so that a run of fixed length is checked
/// many bytes at once.
#[inline(always)]
fn nothing_to_escape(run: &[u8]) -> bool {
    !run.iter().fold(false, |seen, &c| seen | (c < 0x20) | (c == b'"') | (c == b'\\'))
}

/// How many bytes [`string`] checks at once.
const RUN: usize = 32;

pub struct JsonlWriter<W: Write> {
    out: W,
}

impl<W: Write> JsonlWriter<W> {
    pub fn new(out: W) -> Self {
        JsonlWriter { out }
    }
}

impl<W: Write> RecordWriter for JsonlWriter<W> {
    fn write(&mut self, r: &Record) -> io::Result<()> {
        write_object(&mut self.out, r)?;
        self.out.write_all(b"\n")
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A JSON array, one record a line.
pub struct JsonArrayWriter<W: Write> {
    out: W,
    count: usize,
}

impl<W: Write> JsonArrayWriter<W> {
    pub fn new(out: W) -> Self {
        JsonArrayWriter { out, count: 0 }
    }
}

impl<W: Write> RecordWriter for JsonArrayWriter<W> {
    fn write(&mut self, r: &Record) -> io::Result<()> {
        self.out.write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        self.count += 1;
        write_object(&mut self.out, r)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, _run: &RunReport) -> io::Result<()> {
        self.out.write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(s: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, s).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut cases: Vec<String> = vec![String::new(), "Hà Nội".into(), "\u{7f}\u{2028}\u{feff}".into()];
        for c in (0u8..0x80).map(char::from).chain(['đ', '“', '\u{a0}']) {
            // The character at every offset of a run, and next to another one to escape.
            for pad in 0..RUN + 3 {
                cases.push(format!("{}{c} Nghị quyết 20-NQ/TW của Bộ Chính trị", "x".repeat(pad)));
                cases.push(format!("{}{c}\"{c}\\\\", "ạ".repeat(pad)));
            }
        }
        for s in &cases {
            assert_eq!(ours(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }
}
