//! CSV and TSV: a header row, then one row per record, empty cells for fields a kind lacks.

use std::io::{self, Write};

use super::RecordWriter;
use crate::record::Record;

pub struct CsvWriter<W: Write> {
    inner: csv::Writer<W>,
    columns: Vec<&'static str>,
    row: Vec<String>,
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
        Ok(CsvWriter { inner, row: Vec::with_capacity(columns.len()), columns })
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
        self.row.clear();
        for col in &self.columns {
            let cell = match *col {
                "source" => r.source.to_string(),
                "kind" => r.kind.name().to_string(),
                "text" => r.text.clone(),
                "start" => r.start.to_string(),
                "end" => r.end.to_string(),
                "line" => r.line.to_string(),
                "zone" => r.zone.name().to_string(),
                "rule" => r.rule.to_string(),
                "context" => r.context.clone().unwrap_or_default(),
                field => r.kind.field_index(field).map(|i| r.fields[i].to_cell()).unwrap_or_default(),
            };
            self.row.push(cell);
        }
        self.inner.write_record(&self.row).map_err(csv_io)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
