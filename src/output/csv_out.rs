//! CSV and TSV: a header row, then one row per record, empty cells for fields a kind lacks.

use std::io::{self, Write};

use super::RecordWriter;
use crate::record::{Record, Value};

pub struct CsvWriter<W: Write> {
    inner: csv::Writer<W>,
    columns: Vec<&'static str>,
    /// Where a number is formatted before it is written.
    num: String,
}

/// `v` formatted into `buf`, which is cleared first.
fn formatted(buf: &mut String, v: impl std::fmt::Display) -> &str {
    use std::fmt::Write as _;
    buf.clear();
    let _ = write!(buf, "{v}");
    buf
}

impl<W: Write> CsvWriter<W> {
    /// `excel`: a UTF-8 byte-order mark first and CRLF line ends.
    pub fn new(mut out: W, delimiter: u8, excel: bool, columns: Vec<&'static str>) -> io::Result<Self> {
        if excel {
            out.write_all("\u{FEFF}".as_bytes())?;
        }
        let mut b = csv::WriterBuilder::new();
        b.delimiter(delimiter);
        if excel {
            b.terminator(csv::Terminator::CRLF);
        }
        let mut inner = b.from_writer(out);
        inner.write_record(&columns).map_err(csv_io)?;
        Ok(CsvWriter { inner, num: String::new(), columns })
    }
}

fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

impl<W: Write> RecordWriter for CsvWriter<W> {
    fn write(&mut self, r: &Record) -> io::Result<()> {
        // Each cell is written from the record as it is: only numbers are formatted, into one buffer.
        let num = &mut self.num;
        for col in &self.columns {
            let cell: &str = match *col {
                "source" => &r.source,
                "kind" => r.kind.name(),
                "text" => &r.text,
                "start" => formatted(num, r.start),
                "end" => formatted(num, r.end),
                "line" => formatted(num, r.line),
                "zone" => r.zone.name(),
                "rule" => &r.rule,
                "context" => r.context.as_deref().unwrap_or_default(),
                field => match r.kind.field_index(field).map(|i| &r.fields[i]) {
                    Some(Value::Str(s)) => s,
                    Some(Value::Num(d)) => formatted(num, d),
                    Some(Value::Null) | None => "",
                },
            };
            self.inner.write_field(cell).map_err(csv_io)?;
        }
        self.inner.write_record(None::<&[u8]>).map_err(csv_io)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
