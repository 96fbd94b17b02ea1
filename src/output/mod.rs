//! Writing records: one writer per format behind one trait, and the places they write to (stdout, a
//! file, a directory of one file per kind, a device). Files are written beside their target and moved
//! into place only when complete (see [`place`]), so an interrupted run never leaves a half-written
//! file.

mod csv_out;
mod json_out;
pub mod place;
mod xlsx_out;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::extract::KindSet;
use crate::record::{COMMON_FIELDS, Record};

pub use csv_out::CsvWriter;
pub use json_out::{JsonArrayWriter, JsonlWriter};
pub use place::Destination;
use place::Pending;
pub use xlsx_out::{EXCEL_CELL_CHARS, EXCEL_ROWS, XlsxWriter};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Json,
    Csv,
    Tsv,
    Xlsx,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" => Format::Jsonl,
            "json" => Format::Json,
            "csv" => Format::Csv,
            "tsv" => Format::Tsv,
            "xlsx" => Format::Xlsx,
            _ => return None,
        })
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Xlsx => "xlsx",
        }
    }

    /// The format a file name asks for by its extension.
    pub fn from_path(p: &Path) -> Option<Format> {
        p.extension().and_then(|e| e.to_str()).and_then(Format::parse)
    }
}

/// How records are written: the format, and for CSV/TSV whether Excel must read it.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub format: Format,
    /// UTF-8 byte-order mark and CRLF line ends, so that Excel shows Vietnamese correctly.
    pub excel: bool,
}

/// What a finished run did, for the outputs that tell it (the XLSX Summary sheet).
#[derive(Debug, Clone)]
pub struct RunReport {
    pub pages: usize,
    pub failed: usize,
    pub bytes: u64,
    /// Records written, by kind.
    pub records: [usize; 5],
    /// The kinds the run extracted.
    pub kinds: KindSet,
    /// The run's options that shape its output, as `(name, value)`.
    pub settings: Vec<(&'static str, String)>,
}

/// Writes records of one stream.
pub trait RecordWriter {
    fn write(&mut self, record: &Record) -> io::Result<()>;
    /// Hands on what is buffered (the input is waiting for its writer: records already found should
    /// not wait with it).
    fn flush(&mut self) -> io::Result<()>;
    /// Ends the stream (closing brackets, flushing; a workbook is written whole here).
    fn finish(&mut self, _run: &RunReport) -> io::Result<()> {
        self.flush()
    }
    /// What the writer had to change to write the records (a cell cut to a spreadsheet's limit),
    /// since last asked.
    fn take_warnings(&mut self) -> Vec<String> {
        Vec::new()
    }
}

/// The columns of a stream holding the given kinds: the common fields, then each kind's own, once.
pub fn columns(kinds: &KindSet) -> Vec<&'static str> {
    let mut cols: Vec<&'static str> = COMMON_FIELDS.to_vec();
    for k in kinds.iter() {
        for f in k.fields() {
            if !cols.contains(f) {
                cols.push(f);
            }
        }
    }
    cols
}

/// A writer for `style` over `out`, with the columns (or sheets) for `kinds`. A workbook keeps its
/// rows in temporary files in `scratch` until it is written (the system's temporary folder when
/// `None`).
pub fn writer<'w, W: Write + Send + 'w>(
    style: Style,
    kinds: &KindSet,
    out: W,
    scratch: Option<&Path>,
) -> io::Result<Box<dyn RecordWriter + 'w>> {
    Ok(match style.format {
        Format::Jsonl => Box::new(JsonlWriter::new(out)),
        Format::Json => Box::new(JsonArrayWriter::new(out)),
        Format::Csv => Box::new(CsvWriter::new(out, b',', style.excel, columns(kinds))?),
        Format::Tsv => Box::new(CsvWriter::new(out, b'\t', style.excel, columns(kinds))?),
        Format::Xlsx => Box::new(XlsxWriter::new(out, kinds, scratch)?),
    })
}

/// An output that cannot be made or written, named.
#[derive(Debug)]
pub struct OutputError {
    /// The path as messages name it (`stdout` for stdout).
    pub path: String,
    pub error: io::Error,
    /// Whether it failed to be made (rather than written).
    pub creating: bool,
}

impl OutputError {
    /// The reader of the output went away (`trich extract … | head`): not an error.
    pub fn is_closed(&self) -> bool {
        self.error.kind() == io::ErrorKind::BrokenPipe
    }
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.creating { "cannot create the output" } else { "cannot write the output" };
        write!(f, "{}: {what}: {}", self.path, crate::read::io_message(&self.error))
    }
}

/// Every stream of a run, routed by kind.
pub struct Sink {
    streams: Vec<Box<dyn RecordWriter>>,
    /// Each stream's path, for messages.
    names: Vec<String>,
    /// For each kind, the stream its records go to.
    route: [Option<usize>; 5],
    pending: Vec<Pending>,
}

/// The file of one kind in a folder output: `documents.csv`, …
pub fn kind_file(kind: crate::record::Kind, format: Format) -> String {
    format!("{}.{}", kind.plural(), format.extension())
}

impl Sink {
    pub fn open(dest: &Destination, style: Style, kinds: &KindSet) -> Result<Sink, OutputError> {
        let mut sink = Sink { streams: Vec::new(), names: Vec::new(), route: [None; 5], pending: Vec::new() };
        let made = |path: &Path| {
            let name = crate::read::shown(path);
            move |error| OutputError { path: name, error, creating: true }
        };
        match dest {
            Destination::Stdout => {
                let w = writer(style, kinds, BufWriter::with_capacity(1 << 16, io::stdout()), None)
                    .map_err(|error| OutputError { path: "stdout".into(), error, creating: true })?;
                sink.add(w, "stdout".into(), kinds);
            }
            Destination::Stream(path) => {
                let open = fs::OpenOptions::new().write(true).open(path).map_err(made(path))?;
                let w = writer(style, kinds, BufWriter::with_capacity(1 << 16, open), None).map_err(made(path))?;
                sink.add(w, crate::read::shown(path), kinds);
            }
            Destination::File(path) => {
                let p = Pending::create(path).map_err(made(path))?;
                let out = BufWriter::with_capacity(1 << 16, p.reopen().map_err(made(path))?);
                let w = writer(style, kinds, out, Some(p.dir())).map_err(made(path))?;
                sink.add(w, crate::read::shown(path), kinds);
                sink.pending.push(p);
            }
            Destination::Dir(dir) => {
                fs::create_dir_all(dir).map_err(made(dir))?;
                for k in kinds.iter() {
                    let target = dir.join(kind_file(k, style.format));
                    let p = Pending::create(&target).map_err(made(&target))?;
                    let out = BufWriter::with_capacity(1 << 16, p.reopen().map_err(made(&target))?);
                    let w = writer(style, &KindSet::only(&[k]), out, Some(p.dir())).map_err(made(&target))?;
                    sink.add(w, crate::read::shown(&target), &KindSet::only(&[k]));
                    sink.pending.push(p);
                }
            }
        }
        Ok(sink)
    }

    fn add(&mut self, w: Box<dyn RecordWriter>, name: String, kinds: &KindSet) {
        for k in kinds.iter() {
            self.route[k as usize] = Some(self.streams.len());
        }
        self.streams.push(w);
        self.names.push(name);
    }

    #[cold]
    fn failed(&self, i: usize, error: io::Error) -> OutputError {
        OutputError { path: self.names[i].clone(), error, creating: false }
    }

    pub fn write(&mut self, r: &Record) -> Result<(), OutputError> {
        match self.route[r.kind as usize] {
            Some(i) => match self.streams[i].write(r) {
                Ok(()) => Ok(()),
                Err(e) => Err(self.failed(i, e)),
            },
            None => Ok(()),
        }
    }

    /// Hands on what every stream has buffered.
    pub fn flush(&mut self) -> Result<(), OutputError> {
        for i in 0..self.streams.len() {
            if let Err(e) = self.streams[i].flush() {
                return Err(self.failed(i, e));
            }
        }
        Ok(())
    }

    /// The writers' warnings since last asked, as messages: `trich: OUTPUT: warning: …`.
    pub fn take_warnings(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        for (s, name) in self.streams.iter_mut().zip(&self.names) {
            out.extend(s.take_warnings().into_iter().map(|w| format!("trich: {name}: warning: {w}")));
        }
        out
    }

    /// Ends every stream and moves finished files into place; gives the warnings of the last
    /// writing.
    pub fn finish(mut self, run: &RunReport) -> Result<Vec<String>, OutputError> {
        for i in 0..self.streams.len() {
            if let Err(e) = self.streams[i].finish(run) {
                return Err(self.failed(i, e));
            }
        }
        let warnings = self.take_warnings();
        // Writers hold their own handles; drop them before the files move.
        self.streams.clear();
        for p in self.pending {
            let name = crate::read::shown(&p.target);
            p.commit().map_err(|error| OutputError { path: name, error, creating: false })?;
        }
        Ok(warnings)
    }
}
