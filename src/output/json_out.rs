//! JSON Lines (one object per line) and a JSON array.

use std::io::{self, Write};

use super::RecordWriter;
use crate::record::{Record, Value};

/// Writes one record as a JSON object, fields in contract order.
pub fn write_object<W: Write>(out: &mut W, r: &Record) -> io::Result<()> {
    out.write_all(b"{\"source\":")?;
    string(out, &r.source)?;
    write!(out, ",\"kind\":\"{}\",\"text\":", r.kind.name())?;
    string(out, &r.text)?;
    write!(
        out,
        ",\"start\":{},\"end\":{},\"line\":{},\"zone\":\"{}\",\"rule\":",
        r.start,
        r.end,
        r.line,
        r.zone.name()
    )?;
    string(out, &r.rule)?;
    out.write_all(b",\"context\":")?;
    match &r.context {
        Some(c) => string(out, c)?,
        None => out.write_all(b"null")?,
    }
    for (name, v) in r.kind.fields().iter().zip(&r.fields) {
        write!(out, ",\"{name}\":")?;
        match v {
            Value::Null => out.write_all(b"null")?,
            Value::Str(s) => string(out, s)?,
            Value::Num(d) => write!(out, "{d}")?,
        }
    }
    out.write_all(b"}")
}

fn string<W: Write>(out: &mut W, s: &str) -> io::Result<()> {
    // Keep the I/O error's kind: a closed pipe must stay recognisable as one.
    serde_json::to_writer(&mut *out, s).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    })
}

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

    fn finish(&mut self) -> io::Result<()> {
        self.out.write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()
    }
}
