//! Writing records: one writer per format behind one trait, and the places they write to (stdout, a
//! file, a directory of one file per kind). Files are written beside their target and moved into
//! place only when complete, so an interrupted run never leaves a half-written file.

mod csv_out;
mod json_out;
mod xlsx_out;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::extract::KindSet;
use crate::record::{COMMON_FIELDS, Record};

pub use csv_out::CsvWriter;
pub use json_out::{JsonArrayWriter, JsonlWriter};
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

/// Where the records go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    /// One file holding every kind.
    File(PathBuf),
    /// A directory holding one file per kind.
    Dir(PathBuf),
}

impl Destination {
    /// `-o PATH`: an existing directory, or a path ending in `/`, or one without an extension, is a
    /// directory; anything else is a file.
    pub fn from_arg(path: &Path) -> Destination {
        let s = path.to_string_lossy();
        if path.is_dir() || s.ends_with('/') || s.ends_with(std::path::MAIN_SEPARATOR) || path.extension().is_none() {
            Destination::Dir(path.to_path_buf())
        } else {
            Destination::File(path.to_path_buf())
        }
    }
}

/// A file being written beside its final path, moved there by [`Sink::finish`].
struct Pending {
    target: PathBuf,
    /// The folder it is written in.
    dir: PathBuf,
    tmp: tempfile::NamedTempFile,
}

impl Pending {
    fn create(target: &Path) -> io::Result<Pending> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".partial").tempfile_in(&dir)?;
        Ok(Pending { target: target.to_path_buf(), dir, tmp })
    }

    /// A writer for `style` into the file; a workbook keeps its rows beside it until it is written.
    fn writer(&self, style: Style, kinds: &KindSet) -> io::Result<Box<dyn RecordWriter>> {
        writer(style, kinds, BufWriter::with_capacity(1 << 16, self.tmp.reopen()?), Some(&self.dir))
    }
}

/// Every stream of a run, routed by kind.
pub struct Sink {
    streams: Vec<Box<dyn RecordWriter>>,
    /// What each stream is called in messages: its file, or `-` for stdout.
    names: Vec<String>,
    /// For each kind, the stream its records go to.
    route: [Option<usize>; 5],
    pending: Vec<Pending>,
}

impl Sink {
    pub fn open(dest: &Destination, style: Style, kinds: &KindSet) -> io::Result<Sink> {
        let mut route = [None; 5];
        match dest {
            Destination::Stdout => {
                let w = writer(style, kinds, BufWriter::with_capacity(1 << 16, io::stdout()), None)?;
                for k in kinds.iter() {
                    route[k as usize] = Some(0);
                }
                Ok(Sink { streams: vec![w], names: vec!["-".into()], route, pending: Vec::new() })
            }
            Destination::File(path) => {
                let p = Pending::create(path)?;
                let w = p.writer(style, kinds)?;
                for k in kinds.iter() {
                    route[k as usize] = Some(0);
                }
                Ok(Sink { streams: vec![w], names: vec![path.display().to_string()], route, pending: vec![p] })
            }
            Destination::Dir(dir) => {
                fs::create_dir_all(dir)?;
                let (mut streams, mut names, mut pending) = (Vec::new(), Vec::new(), Vec::new());
                for k in kinds.iter() {
                    let target = dir.join(format!("{}.{}", k.plural(), style.format.extension()));
                    let p = Pending::create(&target)?;
                    streams.push(p.writer(style, &KindSet::only(&[k]))?);
                    names.push(target.display().to_string());
                    route[k as usize] = Some(streams.len() - 1);
                    pending.push(p);
                }
                Ok(Sink { streams, names, route, pending })
            }
        }
    }

    pub fn write(&mut self, r: &Record) -> io::Result<()> {
        match self.route[r.kind as usize] {
            Some(i) => self.streams[i].write(r),
            None => Ok(()),
        }
    }

    /// Hands on what every stream has buffered.
    pub fn flush(&mut self) -> io::Result<()> {
        self.streams.iter_mut().try_for_each(|s| s.flush())
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
    pub fn finish(mut self, run: &RunReport) -> io::Result<Vec<String>> {
        for s in &mut self.streams {
            s.finish(run)?;
        }
        let warnings = self.take_warnings();
        // Writers hold their own handles; drop them before the files move.
        self.streams.clear();
        for p in self.pending {
            p.tmp.as_file().sync_all()?;
            p.tmp.persist(&p.target).map_err(|e| e.error)?;
        }
        Ok(warnings)
    }
}
