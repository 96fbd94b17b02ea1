//! XLSX: one workbook, a `Summary` sheet first, then one sheet per kind with that kind's columns.
//!
//! Records of different kinds come interleaved, page after page, and a batch may be far larger than
//! memory. Each kind therefore has a worksheet of its own in rust_xlsxwriter's constant-memory mode:
//! a row is written to a temporary file as soon as the next one begins, so a kind's sheet only ever
//! grows forward, in row order, and memory holds one row per kind. The workbook is assembled (the
//! temporary files streamed into the zip) when the run is finished; the summary, which needs the
//! whole run, is a small sheet kept in memory.
//!
//! Cells: numbers as numbers (`start`, `end`, `line`, `value`, `value_max`), complete dates and
//! date-times as Excel dates (`issued`, `published`), everything else as strings — never formulas,
//! whatever a cell begins with. Excel's limits are met, not crashed on: a kind with more rows than a
//! sheet holds continues on `Statistics (2)` …, and a cell longer than Excel allows is cut; both
//! with a warning.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use rust_xlsxwriter::{ColNum, ExcelDateTime, Format as CellFormat, RowNum, Workbook, Worksheet, XlsxError};

use super::{RecordWriter, RunReport};
use crate::decimal::Decimal;
use crate::extract::KindSet;
use crate::record::{Kind, Record, Value};

/// Rows in an Excel worksheet, the header row included.
pub const EXCEL_ROWS: u32 = 1_048_576;
/// Characters (UTF-16 code units, as Excel counts them) in one Excel cell.
pub const EXCEL_CELL_CHARS: usize = 32_767;
/// Significant digits Excel keeps of a number; a value with more is written as text, exactly.
const EXCEL_DIGITS: u32 = 15;
/// The widest a column is made, in characters; wider text is still all there.
const MAX_WIDTH: usize = 60;
/// Warnings given one by one about cells; past this many, they are counted and told once at the end.
const CELL_WARNINGS: usize = 20;
/// Distinct document codes counted for the summary's most cited documents; past this many, new codes
/// are not counted (the summary says so), so that memory stays bounded on any input.
const MAX_CODES: usize = 200_000;
/// Most cited documents listed in the summary.
const TOP_CITED: usize = 100;
/// A sheet's XML past this many bytes (an estimate) needs the zip's large-file extension.
const ZIP64_FROM: u64 = 3 << 30;
/// How hard the workbook's XML is compressed (1 to 9). Excel's own choice: on the benchmark corpus
/// it takes half the time of the library's default (6) for a file 13% larger (40 MB, not 35 MB),
/// and a third more time than level 1, whose file is 57% larger.
const ZIP_LEVEL: u8 = 3;

/// The sheet name of a kind: `Documents`, and `Documents (2)` … for its continuations.
fn sheet_name(kind: Kind, part: usize) -> String {
    let plural = kind.plural();
    let mut name = plural[..1].to_ascii_uppercase() + &plural[1..];
    if part > 1 {
        name += &format!(" ({part})");
    }
    name
}

/// The cell formats of a workbook, registered once.
struct Formats {
    header: CellFormat,
    integer: CellFormat,
    date: CellFormat,
    date_time: CellFormat,
    /// Date-times with a UTC offset, one format per offset: the offset is shown, as Excel dates
    /// have none.
    offsets: HashMap<String, CellFormat>,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: CellFormat::new().set_bold(),
            integer: CellFormat::new().set_num_format("#,##0"),
            date: CellFormat::new().set_num_format("yyyy-mm-dd"),
            date_time: CellFormat::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
            offsets: HashMap::new(),
        }
    }

    fn with_offset(&mut self, offset: &str) -> &CellFormat {
        self.offsets
            .entry(offset.to_string())
            .or_insert_with(|| CellFormat::new().set_num_format(format!("yyyy-mm-dd hh:mm:ss \"{offset}\"")))
    }
}

/// A complete ISO date or date-time as Excel holds it.
struct ExcelDate<'s> {
    when: ExcelDateTime,
    /// Whether a time of day was given.
    time: bool,
    /// The UTC offset given (`+07:00`, `Z`), which Excel dates cannot hold.
    offset: Option<&'s str>,
}

/// `2016-05-15`, `2020-05-14T15:51:00`, `2020-05-14T15:51:00+07:00` (seconds and a fraction of them
/// optional, `Z` for UTC) as an Excel date. `None` for anything else — a bare year, a year and month,
/// a date Excel cannot hold (before March 1900, where its calendar is wrong) — which stays text.
fn excel_date(s: &str) -> Option<ExcelDate<'_>> {
    fn num<T: std::str::FromStr>(s: &str, digits: usize) -> Option<T> {
        (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
    }
    let (date, time) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut ymd = date.split('-');
    let (y, m, d): (u16, u8, u8) = (num(ymd.next()?, 4)?, num(ymd.next()?, 2)?, num(ymd.next()?, 2)?);
    if ymd.next().is_some() || y < 1900 || (y == 1900 && m < 3) {
        return None;
    }
    let day = ExcelDateTime::from_ymd(y, m, d).ok()?;
    let Some(time) = time else { return Some(ExcelDate { when: day, time: false, offset: None }) };
    let (clock, offset) = match time.find(['+', '-', 'Z']) {
        Some(i) => (&time[..i], Some(&time[i..])),
        None => (time, None),
    };
    let offset = match offset {
        None => None,
        Some("Z") => Some("Z"),
        Some(o) => {
            let (h, mm) = o[1..].split_once(':')?;
            num::<u8>(h, 2)?;
            num::<u8>(mm, 2)?;
            Some(o)
        }
    };
    let mut hms = clock.split(':');
    let (h, mi): (u16, u8) = (num(hms.next()?, 2)?, num(hms.next()?, 2)?);
    let sec: f64 = match hms.next() {
        None => 0.0,
        Some(sec) => {
            let (whole, frac) = sec.split_once('.').unwrap_or((sec, ""));
            num::<u8>(whole, 2)?;
            if !frac.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            sec.parse().ok()?
        }
    };
    if hms.next().is_some() || h > 23 || mi > 59 || sec >= 60.0 {
        return None;
    }
    Some(ExcelDate { when: day.and_hms(h, mi, sec).ok()?, time: true, offset })
}

/// The number Excel holds for a value (`shown`: as the value prints), when it holds it exactly: 15
/// significant digits at most, which the nearest binary float gives back.
fn excel_number(d: Decimal, shown: &str) -> Option<f64> {
    (d.significant_digits() <= EXCEL_DIGITS).then(|| shown.parse().ok()).flatten()
}

/// `s` cut to Excel's limit on the length of a cell, and its length when it was cut.
fn within_cell_limit(s: &str) -> (&str, Option<usize>) {
    // UTF-16 never takes more units than UTF-8 takes bytes: most strings need no counting.
    if s.len() <= EXCEL_CELL_CHARS {
        return (s, None);
    }
    let mut units = 0;
    let mut cut = None;
    for (i, c) in s.char_indices() {
        if cut.is_none() && units + c.len_utf16() > EXCEL_CELL_CHARS {
            cut = Some(i);
        }
        units += c.len_utf16();
    }
    match cut {
        Some(i) => (&s[..i], Some(units)),
        None => (s, None),
    }
}

/// Columns with a width set from their content.
#[derive(Debug, Clone)]
struct Widths(Vec<usize>);

impl Widths {
    /// Wide enough for the headers and their filter buttons.
    fn of_headers<S: AsRef<str>>(headers: &[S]) -> Widths {
        Widths(headers.iter().map(|h| h.as_ref().chars().count() + 3).collect())
    }

    fn fit(&mut self, col: usize, s: &str) {
        let w = &mut self.0[col];
        // A string's characters are at most its bytes: most cells need no counting.
        if *w < MAX_WIDTH && s.len() > *w {
            *w = (*w).max(s.chars().count().min(MAX_WIDTH));
        }
    }

    fn fit_len(&mut self, col: usize, len: usize) {
        let w = &mut self.0[col];
        *w = (*w).max(len.min(MAX_WIDTH));
    }

    fn apply(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (col, w) in self.0.iter().enumerate() {
            ws.set_column_width(col as ColNum, *w as f64 + 1.0)?;
        }
        Ok(())
    }
}

/// One worksheet of a kind, filled in row order.
struct Sheet {
    ws: Worksheet,
    name: String,
    /// The next row to write (row 0 is the header).
    next: RowNum,
    widths: Widths,
    /// About how many bytes of XML the sheet's rows make.
    xml_bytes: u64,
}

/// What is said about cells that could not be written as they are.
#[derive(Default)]
struct CellNotices {
    given: Vec<String>,
    count: usize,
}

impl CellNotices {
    fn add(&mut self, message: impl FnOnce() -> String) {
        self.count += 1;
        if self.count <= CELL_WARNINGS {
            self.given.push(message());
        }
    }
}

/// A kind's columns, its sheets already full and the one being written.
struct KindSheets {
    kind: Kind,
    columns: Vec<&'static str>,
    full: Vec<Sheet>,
    current: Sheet,
}

/// How often a document is cited: for the summary.
struct Cited {
    pages: u64,
    mentions: u64,
    /// The page its last mention was on (records of a page come together).
    last_page: Arc<str>,
    doc_types: Vec<(String, u64)>,
    issuers: Vec<(String, u64)>,
}

/// Counts a value among those seen, in the order first seen.
fn tally(seen: &mut Vec<(String, u64)>, value: Option<&str>) {
    let Some(v) = value else { return };
    match seen.iter_mut().find(|(s, _)| s == v) {
        Some((_, n)) => *n += 1,
        None => seen.push((v.to_string(), 1)),
    }
}

/// The value seen most often; the first seen among equals.
fn most_often(seen: &[(String, u64)]) -> &str {
    let mut best: Option<&(String, u64)> = None;
    for s in seen {
        if best.is_none_or(|b| s.1 > b.1) {
            best = Some(s);
        }
    }
    best.map_or("", |b| b.0.as_str())
}

/// An XLSX workbook written to `out` when the run is finished.
pub struct XlsxWriter<W: Write + Send> {
    out: Option<W>,
    workbook: Workbook,
    formats: Formats,
    kinds: Vec<KindSheets>,
    /// For each kind, its place in `kinds`.
    route: [Option<usize>; 5],
    /// Rows a sheet holds, the header included: Excel's, but smaller in tests.
    max_rows: u32,
    cited: HashMap<String, Cited>,
    /// Distinct codes counted at most: [`MAX_CODES`], but smaller in tests.
    max_codes: usize,
    /// Mentions of codes past `max_codes`, not counted.
    uncounted: u64,
    notices: CellNotices,
    /// Warnings not yet handed on.
    warnings: Vec<String>,
    /// Where a number is formatted to measure its width.
    num: String,
}

fn xlsx_io(e: XlsxError) -> io::Error {
    match e {
        XlsxError::IoError(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

impl<W: Write + Send> XlsxWriter<W> {
    /// A workbook of the given kinds' sheets, to be written to `out`; rows wait in temporary files
    /// in `scratch` (the system's temporary folder when `None`).
    pub fn new(out: W, kinds: &KindSet, scratch: Option<&Path>) -> io::Result<Self> {
        Self::with_max_rows(out, kinds, scratch, EXCEL_ROWS)
    }

    /// [`XlsxWriter::new`] with sheets of `max_rows` rows (at least 2: the header and one record).
    pub fn with_max_rows(out: W, kinds: &KindSet, scratch: Option<&Path>, max_rows: u32) -> io::Result<Self> {
        assert!((2..=EXCEL_ROWS).contains(&max_rows), "a sheet holds a header and at least one row");
        let mut workbook = Workbook::new();
        if let Some(dir) = scratch {
            workbook.set_tempdir(dir).map_err(xlsx_io)?;
        }
        let formats = Formats::new();
        let mut sheets = Vec::new();
        let mut route = [None; 5];
        for kind in kinds.iter() {
            let columns = super::columns(&KindSet::only(&[kind]));
            let current = new_sheet(&mut workbook, &formats, sheet_name(kind, 1), &columns)?;
            route[kind as usize] = Some(sheets.len());
            sheets.push(KindSheets { kind, columns, full: Vec::new(), current });
        }
        Ok(XlsxWriter {
            out: Some(out),
            workbook,
            formats,
            kinds: sheets,
            route,
            max_rows,
            cited: HashMap::new(),
            max_codes: MAX_CODES,
            uncounted: 0,
            notices: CellNotices::default(),
            warnings: Vec::new(),
            num: String::new(),
        })
    }

    fn count_citation(&mut self, r: &Record) {
        let Some(code) = r.field_str("code") else { return };
        let (doc_type, issuer) = (r.field_str("doc_type"), r.field_str("issuer"));
        if let Some(c) = self.cited.get_mut(code) {
            c.mentions += 1;
            if !Arc::ptr_eq(&c.last_page, &r.source) && c.last_page != r.source {
                c.pages += 1;
                c.last_page = Arc::clone(&r.source);
            }
            tally(&mut c.doc_types, doc_type);
            tally(&mut c.issuers, issuer);
        } else if self.cited.len() < self.max_codes {
            let mut c = Cited {
                pages: 1,
                mentions: 1,
                last_page: Arc::clone(&r.source),
                doc_types: Vec::new(),
                issuers: Vec::new(),
            };
            tally(&mut c.doc_types, doc_type);
            tally(&mut c.issuers, issuer);
            self.cited.insert(code.to_string(), c);
        } else {
            self.uncounted += 1;
        }
    }

    /// The Summary sheet: the run on the left, the most cited documents on the right.
    fn summary(&mut self, run: &RunReport) -> Result<Worksheet, XlsxError> {
        let f = &self.formats;
        let mut ws = Worksheet::new();
        ws.set_name("Summary")?;
        let headers = ["item", "value", "", "code", "type", "issuer", "pages citing it", "mentions"];
        let mut widths = Widths::of_headers(&headers);
        widths.0[2] = 2;
        for (col, h) in headers.iter().enumerate().filter(|(_, h)| !h.is_empty()) {
            ws.write_string_with_format(0, col as ColNum, *h, &f.header)?;
        }
        ws.set_freeze_panes(1, 0)?;
        let mut facts: Vec<(String, Option<u64>, String)> = vec![
            ("pages read".into(), Some(run.pages as u64), String::new()),
            ("pages failed".into(), Some(run.failed as u64), String::new()),
            ("bytes read".into(), Some(run.bytes), String::new()),
        ];
        for k in run.kinds.iter() {
            facts.push((k.plural().into(), Some(run.records[k as usize] as u64), String::new()));
        }
        for (name, value) in &run.settings {
            facts.push((name.to_string(), None, value.clone()));
        }
        if self.uncounted > 0 {
            facts.push((
                "most cited documents".into(),
                None,
                format!(
                    "counted over the first {} distinct codes; {} later mentions of other codes not counted",
                    self.max_codes, self.uncounted
                ),
            ));
        }
        for (i, (name, number, text)) in facts.iter().enumerate() {
            let row = i as RowNum + 1;
            write_text(&mut ws, &mut widths, row, 0, name)?;
            match number {
                Some(n) => {
                    ws.write_number_with_format(row, 1, *n as f64, &f.integer)?;
                    widths.fit_len(1, grouped_len(&n.to_string()));
                }
                None => write_text(&mut ws, &mut widths, row, 1, text)?,
            }
        }
        let mut cited: Vec<(&String, &Cited)> = self.cited.iter().collect();
        cited.sort_by(|a, b| b.1.pages.cmp(&a.1.pages).then(b.1.mentions.cmp(&a.1.mentions)).then(a.0.cmp(b.0)));
        cited.truncate(TOP_CITED);
        for (i, (code, c)) in cited.iter().enumerate() {
            let row = i as RowNum + 1;
            write_text(&mut ws, &mut widths, row, 3, code)?;
            write_text(&mut ws, &mut widths, row, 4, most_often(&c.doc_types))?;
            write_text(&mut ws, &mut widths, row, 5, most_often(&c.issuers))?;
            for (col, n) in [(6, c.pages), (7, c.mentions)] {
                ws.write_number_with_format(row, col, n as f64, &f.integer)?;
                widths.fit_len(col as usize, grouped_len(&n.to_string()));
            }
        }
        ws.autofilter(0, 3, cited.len() as RowNum, 7)?;
        widths.apply(&mut ws)?;
        Ok(ws)
    }

    /// Puts the sheets in order — Summary, then each kind followed by its continuations — and
    /// writes the workbook.
    fn assemble(&mut self, run: &RunReport) -> Result<(), XlsxError> {
        let summary = self.summary(run)?;
        self.workbook.push_worksheet(summary);
        let mut large = false;
        for ks in std::mem::take(&mut self.kinds) {
            let last_col = ks.columns.len() as ColNum - 1;
            for mut sheet in ks.full.into_iter().chain([ks.current]) {
                sheet.ws.autofilter(0, 0, sheet.next - 1, last_col)?;
                sheet.widths.apply(&mut sheet.ws)?;
                large |= sheet.xml_bytes >= ZIP64_FROM;
                self.workbook.push_worksheet(sheet.ws);
            }
        }
        self.workbook.use_zip_large_file(large);
        self.workbook.set_zip_compression_level(ZIP_LEVEL);
        let mut out =
            self.out.take().ok_or_else(|| XlsxError::ParameterError("the workbook is already written".into()))?;
        self.workbook.save_to_writer(FailOnce { inner: &mut out, failed: false })?;
        // Dropping a buffered writer would flush it and lose the error.
        out.flush()?;
        Ok(())
    }
}

/// A writer that fails once: after its first error it takes whatever it is given and drops it. The
/// zip writer, dropped after an error (a reader that went away), tries once more to end the archive
/// and prints to stderr when that fails too; the first error is the one that counts.
struct FailOnce<W> {
    inner: W,
    failed: bool,
}

impl<W: Write> Write for FailOnce<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.failed {
            return Ok(buf.len());
        }
        self.inner.write(buf).inspect_err(|_| self.failed = true)
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.failed {
            return Ok(());
        }
        self.inner.flush().inspect_err(|_| self.failed = true)
    }
}

/// A constant-memory sheet with its header row written, bold and frozen.
fn new_sheet(workbook: &mut Workbook, f: &Formats, name: String, columns: &[&str]) -> io::Result<Sheet> {
    let mut ws = workbook.new_worksheet_with_constant_memory().map_err(xlsx_io)?;
    let setup = |ws: &mut Worksheet| -> Result<(), XlsxError> {
        ws.set_name(&name)?;
        ws.set_freeze_panes(1, 0)?;
        for (col, c) in columns.iter().enumerate() {
            ws.write_string_with_format(0, col as ColNum, *c, &f.header)?;
        }
        Ok(())
    };
    setup(&mut ws).map_err(xlsx_io)?;
    let widths = Widths::of_headers(columns);
    Ok(Sheet { ws, name, next: 1, widths, xml_bytes: 0 })
}

/// A string cell of the summary (short strings, never cut).
fn write_text(ws: &mut Worksheet, widths: &mut Widths, row: RowNum, col: ColNum, s: &str) -> Result<(), XlsxError> {
    if !s.is_empty() {
        ws.write_string(row, col, s)?;
        widths.fit(col as usize, s);
    }
    Ok(())
}

/// The width of an integer written with thousands separators.
fn grouped_len(digits: &str) -> usize {
    let n = digits.trim_start_matches('-').len();
    digits.len() + n.saturating_sub(1) / 3
}

impl Sheet {
    /// A string cell: always a string, never a formula, whatever it begins with.
    fn text(&mut self, row: RowNum, col: usize, s: &str, notices: &mut CellNotices) -> Result<(), XlsxError> {
        if s.is_empty() {
            return Ok(());
        }
        let (s, cut_from) = within_cell_limit(s);
        if let Some(len) = cut_from {
            let cell = rust_xlsxwriter::utility::row_col_to_cell(row, col as ColNum);
            notices.add(|| {
                format!(
                    "cell {}!{cell} held {len} characters, cut to the {EXCEL_CELL_CHARS} a cell holds in Excel",
                    self.name
                )
            });
        }
        self.ws.write_string(row, col as ColNum, s)?;
        self.widths.fit(col, s);
        self.xml_bytes += s.len() as u64 + 48;
        Ok(())
    }

    fn number(
        &mut self,
        row: RowNum,
        col: usize,
        n: f64,
        format: Option<&CellFormat>,
        shown: usize,
    ) -> Result<(), XlsxError> {
        match format {
            Some(f) => self.ws.write_number_with_format(row, col as ColNum, n, f)?,
            None => self.ws.write_number(row, col as ColNum, n)?,
        };
        self.widths.fit_len(col, shown);
        self.xml_bytes += 48;
        Ok(())
    }
}

impl Sheet {
    /// A date cell, shown as ISO writes it: `2016-05-15`, `2020-05-14 15:51:00 +07:00`.
    fn date(&mut self, row: RowNum, col: usize, d: &ExcelDate<'_>, formats: &mut Formats) -> Result<(), XlsxError> {
        let (format, shown) = match d.offset {
            None if !d.time => (&formats.date, 10),
            None => (&formats.date_time, 19),
            Some(offset) => (formats.with_offset(offset), 20 + offset.len()),
        };
        self.ws.write_datetime_with_format(row, col as ColNum, &d.when, format)?;
        self.widths.fit_len(col, shown);
        self.xml_bytes += 48;
        Ok(())
    }
}

impl<W: Write + Send> XlsxWriter<W> {
    fn write_record(&mut self, r: &Record) -> Result<(), XlsxError> {
        let Some(i) = self.route[r.kind as usize] else { return Ok(()) };
        if r.kind == Kind::Document {
            self.count_citation(r);
        }
        let ks = &mut self.kinds[i];
        if ks.current.next >= self.max_rows {
            let part = ks.full.len() + 2;
            let next = new_sheet(&mut self.workbook, &self.formats, sheet_name(ks.kind, part), &ks.columns)
                .map_err(XlsxError::IoError)?;
            let full = std::mem::replace(&mut ks.current, next);
            self.warnings.push(format!(
                "sheet {} is full ({} rows, as many as a sheet holds in Excel): {} continue on sheet {}",
                full.name,
                self.max_rows,
                ks.kind.plural(),
                ks.current.name
            ));
            ks.full.push(full);
        }
        let sheet = &mut ks.current;
        let row = sheet.next;
        let notices = &mut self.notices;
        let formats = &mut self.formats;
        let num = &mut self.num;
        for (col, name) in ks.columns.iter().enumerate() {
            match *name {
                "source" => sheet.text(row, col, &r.source, notices)?,
                "kind" => sheet.text(row, col, r.kind.name(), notices)?,
                "text" => sheet.text(row, col, &r.text, notices)?,
                "start" | "end" | "line" => {
                    let n = match *name {
                        "start" => r.start,
                        "end" => r.end,
                        _ => r.line,
                    };
                    sheet.number(row, col, n as f64, None, itoa::Buffer::new().format(n).len())?;
                }
                "zone" => sheet.text(row, col, r.zone.name(), notices)?,
                "rule" => sheet.text(row, col, &r.rule, notices)?,
                "context" => sheet.text(row, col, r.context.as_deref().unwrap_or_default(), notices)?,
                field => match r.field(field) {
                    Value::Null => {}
                    Value::Num(d) => {
                        use std::fmt::Write as _;
                        num.clear();
                        let _ = write!(num, "{d}");
                        match excel_number(*d, num) {
                            Some(n) if d.is_integer() => {
                                sheet.number(row, col, n, Some(&formats.integer), grouped_len(num))?
                            }
                            Some(n) => sheet.number(row, col, n, None, num.len())?,
                            None => {
                                let cell = rust_xlsxwriter::utility::row_col_to_cell(row, col as ColNum);
                                notices.add(|| {
                                    format!(
                                        "cell {}!{cell}: {num} has more than the {EXCEL_DIGITS} significant digits \
                                         Excel keeps, written as text",
                                        sheet.name
                                    )
                                });
                                sheet.text(row, col, num, notices)?;
                            }
                        }
                    }
                    Value::Str(s) if matches!(field, "issued" | "published") => match excel_date(s) {
                        Some(d) => sheet.date(row, col, &d, formats)?,
                        None => sheet.text(row, col, s, notices)?,
                    },
                    Value::Str(s) => sheet.text(row, col, s, notices)?,
                },
            }
        }
        sheet.next += 1;
        Ok(())
    }
}

impl<W: Write + Send> RecordWriter for XlsxWriter<W> {
    fn write(&mut self, r: &Record) -> io::Result<()> {
        self.write_record(r).map_err(xlsx_io)?;
        let notices = &mut self.notices;
        self.warnings.append(&mut notices.given);
        Ok(())
    }

    /// Nothing can be handed on before the end: a workbook is only readable whole.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, run: &RunReport) -> io::Result<()> {
        self.assemble(run).map_err(xlsx_io)?;
        if self.notices.count > CELL_WARNINGS {
            self.warnings.push(format!(
                "{} more cells were cut or written as text ({} in all)",
                self.notices.count - CELL_WARNINGS,
                self.notices.count
            ));
        }
        Ok(())
    }

    fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{COMMON_FIELDS, Zone};
    use calamine::{Data, Reader, Xlsx, open_workbook};

    fn record(kind: Kind, source: &str, text: &str, fields: Vec<Value>) -> Record {
        assert_eq!(fields.len(), kind.fields().len());
        Record {
            source: Arc::from(source),
            kind,
            text: text.to_string(),
            start: 10,
            end: 10 + text.len(),
            line: 2,
            zone: Zone::Body,
            rule: Arc::from("test-rule"),
            context: Some(Arc::from(format!("Câu có {text}.").as_str())),
            fields,
        }
    }

    fn s(v: &str) -> Value {
        Value::str(v)
    }

    fn n(v: &str) -> Value {
        Value::Num(Decimal::parse_plain(v).unwrap())
    }

    fn document(source: &str, code: &str, doc_type: &str, issuer: &str, issued: &str) -> Record {
        let fields =
            vec![s(doc_type), Value::Null, Value::Null, s(code), s(issued), s(issuer), Value::Null, s("party")];
        record(Kind::Document, source, &format!("{doc_type} {code}"), fields)
    }

    fn statistic(value: &str) -> Record {
        record(Kind::Statistic, "a.txt", value, vec![n(value), Value::Null, s("đồng"), Value::Null])
    }

    fn run(kinds: KindSet) -> RunReport {
        RunReport {
            pages: 3,
            failed: 1,
            bytes: 1234,
            records: [1, 2, 3, 4, 5],
            kinds,
            settings: vec![("zones", "article".into())],
        }
    }

    /// Writes `records` to a workbook of sheets of `max_rows` rows; the workbook read back, and the
    /// warnings given.
    fn written(
        kinds: KindSet,
        records: &[Record],
        max_rows: u32,
    ) -> (Xlsx<std::io::BufReader<std::fs::File>>, Vec<String>) {
        written_counting(kinds, records, max_rows, MAX_CODES)
    }

    /// [`written`], counting the citations of `max_codes` distinct codes at most.
    fn written_counting(
        kinds: KindSet,
        records: &[Record],
        max_rows: u32,
        max_codes: usize,
    ) -> (Xlsx<std::io::BufReader<std::fs::File>>, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        let file = std::fs::File::create(&path).unwrap();
        let mut w = XlsxWriter::with_max_rows(file, &kinds, Some(dir.path()), max_rows).unwrap();
        w.max_codes = max_codes;
        let mut warnings = Vec::new();
        for r in records {
            w.write(r).unwrap();
            warnings.extend(w.take_warnings());
        }
        w.finish(&run(kinds)).unwrap();
        warnings.extend(w.take_warnings());
        (open_workbook(&path).expect("a workbook calamine reads"), warnings)
    }

    fn rows(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<Vec<Data>> {
        let range = wb.worksheet_range(sheet).unwrap_or_else(|e| panic!("sheet {sheet}: {e}"));
        range.rows().map(|r| r.to_vec()).collect()
    }

    fn text(d: &Data) -> &str {
        match d {
            Data::String(s) => s,
            other => panic!("not a string cell: {other:?}"),
        }
    }

    #[test]
    fn iso_dates_become_excel_dates_only_when_complete() {
        fn serial(s: &str) -> Option<(f64, bool, Option<&str>)> {
            excel_date(s).map(|d| (d.when.to_excel(), d.time, d.offset))
        }
        // 2016-05-15 is day 42505 of Excel's calendar; 15:51 is 0.66041… of a day.
        assert_eq!(serial("2016-05-15"), Some((42505.0, false, None)));
        let (day, time, offset) = serial("2020-05-14T15:51:00+07:00").unwrap();
        assert_eq!((day.floor(), time, offset), (43965.0, true, Some("+07:00")));
        assert!((day.fract() - (15.0 * 60.0 + 51.0) / 1440.0).abs() < 1e-9);
        assert_eq!(serial("2020-05-14T15:51").map(|d| (d.1, d.2)), Some((true, None)));
        assert_eq!(serial("2020-05-14T15:51:07.25Z").map(|d| d.2), Some(Some("Z")));
        assert_eq!(serial("1900-03-01").map(|d| d.0), Some(61.0));
        for text in [
            "2013",
            "2013-05",
            "",
            "2016-5-15",
            "2016-02-30",
            "2016-13-01",
            "1900-02-28",
            "1899-12-31",
            "0999-01-01",
            "2016-05-15T24:00:00",
            "2016-05-15T10:60",
            "2016-05-15T10:00:60",
            "2016-05-15T10:00:00+7",
            "2016-05-15T10",
            "2016-05-15T",
            "2016-05-15 10:00",
            "ngày 15/5/2016",
            "2016-05-15-01",
            "+016-05-15",
            "2016-05-15T10:00:00.x",
        ] {
            assert!(excel_date(text).is_none(), "{text:?} stays text");
        }
    }

    #[test]
    fn cells_are_cut_at_excel_limit_on_a_character_boundary() {
        let short = "ạ".repeat(EXCEL_CELL_CHARS);
        assert_eq!(within_cell_limit(&short), (short.as_str(), None), "32,767 characters fit");
        let long = "ạ".repeat(EXCEL_CELL_CHARS + 5);
        let (cut, len) = within_cell_limit(&long);
        assert_eq!((cut.chars().count(), len), (EXCEL_CELL_CHARS, Some(EXCEL_CELL_CHARS + 5)));
        // A character outside the basic plane counts two, as Excel counts it: one that would
        // straddle the limit is left out whole.
        let astral = format!("{}😀xyz", "a".repeat(EXCEL_CELL_CHARS - 1));
        let (cut, len) = within_cell_limit(&astral);
        assert_eq!(cut, "a".repeat(EXCEL_CELL_CHARS - 1));
        assert_eq!(len, Some(EXCEL_CELL_CHARS + 4));
    }

    #[test]
    fn the_limits_are_excels() {
        assert_eq!(EXCEL_ROWS, 1 << 20);
        assert_eq!(EXCEL_CELL_CHARS, (1 << 15) - 1);
        // The writer library, which knows Excel's format, agrees: the last row and the longest
        // cell are accepted, one more is refused.
        let mut workbook = Workbook::new();
        let mut ws = workbook.new_worksheet_with_constant_memory().unwrap();
        ws.write_number(EXCEL_ROWS - 1, 0, 1.0).expect("the last row");
        assert!(matches!(ws.write_number(EXCEL_ROWS, 0, 1.0), Err(XlsxError::RowColumnLimitError)));
        ws.write_string(EXCEL_ROWS - 1, 1, "a".repeat(EXCEL_CELL_CHARS)).expect("the longest cell");
        assert!(matches!(
            ws.write_string(EXCEL_ROWS - 1, 2, "a".repeat(EXCEL_CELL_CHARS + 1)),
            Err(XlsxError::MaxStringLengthExceeded)
        ));
    }

    #[test]
    fn a_kind_past_the_rows_of_a_sheet_continues_on_numbered_sheets() {
        let kinds = KindSet::only(&[Kind::Statistic, Kind::Page]);
        let values = ["1", "2", "3", "4", "5"];
        let records: Vec<Record> = values.iter().map(|v| statistic(v)).collect();
        // Three rows a sheet: the header and two records.
        let (mut wb, warnings) = written(kinds, &records, 3);
        assert_eq!(wb.sheet_names(), ["Summary", "Statistics", "Statistics (2)", "Statistics (3)", "Pages"]);
        let mut seen = Vec::new();
        for sheet in ["Statistics", "Statistics (2)", "Statistics (3)"] {
            let rows = rows(&mut wb, sheet);
            assert_eq!(text(&rows[0][0]), "source", "{sheet} has its header");
            assert!(rows.len() <= 3);
            seen.extend(rows[1..].iter().map(|r| r[9].clone()));
        }
        assert_eq!(seen, values.iter().map(|v| Data::Float(v.parse().unwrap())).collect::<Vec<_>>());
        assert_eq!(
            warnings,
            [
                "sheet Statistics is full (3 rows, as many as a sheet holds in Excel): statistics continue on sheet Statistics (2)",
                "sheet Statistics (2) is full (3 rows, as many as a sheet holds in Excel): statistics continue on sheet Statistics (3)",
            ]
        );
    }

    #[test]
    fn cells_hold_numbers_dates_and_strings_never_formulas() {
        let risky = ["=1+1", "+84 912", "-5", "@SUM(A1)", "=HYPERLINK(\"http://x\")"];
        let mut records: Vec<Record> = risky
            .iter()
            .map(|t| record(Kind::Official, t, t, vec![s(t), s("Chủ tịch"), s("UBND tỉnh Hà Giang")]))
            .collect();
        records.push(document("b.txt", "20-NQ/TW", "Nghị quyết", "Ban Chấp hành Trung ương", "2008-01-28"));
        records.push(document("b.txt", "", "Hiến pháp", "", "2013"));
        records.push(statistic("3500000000"));
        records.push(statistic("0.75"));
        records.push(statistic("1234567890123456789"));
        let page = |published: &str| record(Kind::Page, "c.txt", "Tin", vec![s("Tin"), s(published), Value::Null]);
        records.push(page("2020-05-14T15:51:00+07:00"));
        records.push(page("2023-10-02"));
        records.push(page("2023-10-02T08:00:00"));
        let (mut wb, warnings) = written(KindSet::all(), &records, EXCEL_ROWS);
        for sheet in wb.sheet_names() {
            let formulas = wb.worksheet_formula(&sheet).unwrap();
            assert!(formulas.used_cells().next().is_none(), "{sheet} has no formula");
        }
        let officials = rows(&mut wb, "Officials");
        for (row, t) in officials[1..].iter().zip(risky) {
            assert_eq!(row[0], Data::String(t.to_string()), "source");
            assert_eq!(row[2], Data::String(t.to_string()), "text");
            assert_eq!(row[9], Data::String(t.to_string()), "name");
            assert_eq!(row[11], Data::String("UBND tỉnh Hà Giang".into()));
            assert_eq!(
                (&row[3], &row[4], &row[5]),
                (&Data::Float(10.0), &Data::Float(10.0 + t.len() as f64), &Data::Float(2.0))
            );
            assert_eq!(row[8], Data::String(format!("Câu có {t}.")), "context");
        }
        let docs = rows(&mut wb, "Documents");
        let issued = |row: &Vec<Data>| match &row[13] {
            Data::DateTime(d) => d.as_datetime().unwrap().to_string(),
            other => format!("{other:?}"),
        };
        assert_eq!(issued(&docs[1]), "2008-01-28 00:00:00");
        assert_eq!(docs[2][13], Data::String("2013".into()), "a bare year stays text");
        assert_eq!(docs[2][12], Data::Empty, "an empty code is an empty cell");
        let stats = rows(&mut wb, "Statistics");
        assert_eq!(stats[1][9], Data::Float(3_500_000_000.0));
        assert_eq!(stats[2][9], Data::Float(0.75));
        assert_eq!(stats[3][9], Data::String("1234567890123456789".into()), "more digits than Excel keeps");
        assert_eq!(
            warnings,
            [
                "cell Statistics!J4: 1234567890123456789 has more than the 15 significant digits Excel keeps, written as text"
            ]
        );
        let pages = rows(&mut wb, "Pages");
        let published: Vec<String> = pages[1..]
            .iter()
            .map(|r| match &r[10] {
                Data::DateTime(d) => d.as_datetime().unwrap().to_string(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(published, ["2020-05-14 15:51:00", "2023-10-02 00:00:00", "2023-10-02 08:00:00"]);
    }

    #[test]
    fn headers_are_bold_and_the_columns_contract_order() {
        let (mut wb, _) = written(KindSet::all(), &[statistic("12")], EXCEL_ROWS);
        for kind in Kind::ALL {
            let name = sheet_name(kind, 1);
            let header: Vec<String> = rows(&mut wb, &name)[0].iter().map(|d| text(d).to_string()).collect();
            let want: Vec<&str> = COMMON_FIELDS.iter().chain(kind.fields()).copied().collect();
            assert_eq!(header, want, "{name}");
            let styles = wb.worksheet_style(&name).unwrap();
            for col in 0..want.len() as u32 {
                let bold = styles.get((0, col)).and_then(|s| s.font.as_ref()).is_some_and(|f| f.is_bold());
                assert!(bold, "{name} header column {col} is bold");
            }
            if kind == Kind::Statistic {
                let plain = styles.get((1, 0)).and_then(|s| s.font.as_ref()).is_some_and(|f| f.is_bold());
                assert!(!plain, "a record is not bold");
            }
        }
    }

    #[test]
    fn long_cells_are_cut_with_a_warning() {
        let long = "Nghị quyết ".repeat(4000);
        let r = record(Kind::Page, "a.txt", &long, vec![s(&long), Value::Null, Value::Null]);
        let (mut wb, warnings) = written(KindSet::only(&[Kind::Page]), &[r], EXCEL_ROWS);
        let pages = rows(&mut wb, "Pages");
        let chars = long.chars().count();
        for col in [2, 9] {
            let cell = text(&pages[1][col]);
            assert_eq!(cell.chars().count(), EXCEL_CELL_CHARS);
            assert!(long.starts_with(cell));
        }
        // The context (column I) is the text with 8 more characters around it.
        assert_eq!(
            warnings,
            [
                format!("cell Pages!C2 held {chars} characters, cut to the 32767 a cell holds in Excel"),
                format!("cell Pages!I2 held {} characters, cut to the 32767 a cell holds in Excel", chars + 8),
                format!("cell Pages!J2 held {chars} characters, cut to the 32767 a cell holds in Excel"),
            ]
        );
    }

    #[test]
    fn warnings_about_cells_are_counted_past_the_first_ones() {
        let long = "x".repeat(EXCEL_CELL_CHARS + 1);
        let one = |_| Record { context: None, ..record(Kind::Official, "a.txt", &long, vec![Value::Null; 3]) };
        let records: Vec<Record> = (0..CELL_WARNINGS + 7).map(one).collect();
        let (_, warnings) = written(KindSet::only(&[Kind::Official]), &records, EXCEL_ROWS);
        assert_eq!(warnings.len(), CELL_WARNINGS + 1);
        assert_eq!(
            warnings.last().unwrap(),
            &format!("7 more cells were cut or written as text ({} in all)", CELL_WARNINGS + 7)
        );
    }

    #[test]
    fn the_summary_tells_the_run_and_the_most_cited_documents() {
        let records = [
            document("a.txt", "20-NQ/TW", "Nghị quyết", "Ban Chấp hành Trung ương", "2008-01-28"),
            document("a.txt", "20-NQ/TW", "Nghị quyết", "", ""),
            document("b.txt", "05-CT/TW", "Chỉ thị", "Bộ Chính trị", ""),
            document("b.txt", "20-NQ/TW", "nghị quyết", "Ban Chấp hành Trung ương Đảng", ""),
            document("c.txt", "20-NQ/TW", "Nghị quyết", "Ban Chấp hành Trung ương Đảng", ""),
            document("c.txt", "05-CT/TW", "Chỉ thị", "Bộ Chính trị", ""),
            document("c.txt", "100/2019/NĐ-CP", "Nghị định", "Chính phủ", ""),
            document("c.txt", "", "Hiến pháp", "", "2013"),
            document("d.txt", "100/2019/NĐ-CP", "Nghị định", "Thủ tướng Chính phủ", ""),
        ];
        let (mut wb, _) = written(KindSet::only(&[Kind::Document, Kind::Page]), &records, EXCEL_ROWS);
        let summary = rows(&mut wb, "Summary");
        let header: Vec<&str> =
            summary[0].iter().map(|d| if let Data::String(s) = d { s.as_str() } else { "" }).collect();
        assert_eq!(header, ["item", "value", "", "code", "type", "issuer", "pages citing it", "mentions"]);
        let facts: Vec<(String, Data)> = summary[1..]
            .iter()
            .take_while(|r| r[0] != Data::Empty)
            .map(|r| (text(&r[0]).to_string(), r[1].clone()))
            .collect();
        assert_eq!(
            facts,
            [
                ("pages read".to_string(), Data::Float(3.0)),
                ("pages failed".into(), Data::Float(1.0)),
                ("bytes read".into(), Data::Float(1234.0)),
                ("documents".into(), Data::Float(1.0)),
                ("pages".into(), Data::Float(5.0)),
                ("zones".into(), Data::String("article".into())),
            ]
        );
        let cited: Vec<Vec<Data>> =
            summary[1..].iter().take_while(|r| r[3] != Data::Empty).map(|r| r[3..].to_vec()).collect();
        let str = |s: &str| Data::String(s.into());
        assert_eq!(
            cited,
            [
                // Three pages, four mentions; the type and issuer given most often.
                vec![
                    str("20-NQ/TW"),
                    str("Nghị quyết"),
                    str("Ban Chấp hành Trung ương Đảng"),
                    Data::Float(3.0),
                    Data::Float(4.0)
                ],
                // Equal counts: by code; two issuers given as often: the first given.
                vec![str("05-CT/TW"), str("Chỉ thị"), str("Bộ Chính trị"), Data::Float(2.0), Data::Float(2.0)],
                vec![str("100/2019/NĐ-CP"), str("Nghị định"), str("Chính phủ"), Data::Float(2.0), Data::Float(2.0)],
            ]
        );
    }

    #[test]
    fn citations_past_the_codes_counted_are_told_not_counted() {
        let records = [
            document("a.txt", "20-NQ/TW", "Nghị quyết", "", ""),
            document("a.txt", "05-CT/TW", "Chỉ thị", "", ""),
            document("b.txt", "100/2019/NĐ-CP", "Nghị định", "", ""),
            document("b.txt", "20-NQ/TW", "Nghị quyết", "", ""),
            document("c.txt", "01/NQ-CP", "Nghị quyết", "", ""),
        ];
        let (mut wb, _) = written_counting(KindSet::only(&[Kind::Document]), &records, EXCEL_ROWS, 2);
        let summary = rows(&mut wb, "Summary");
        let cited: Vec<String> =
            summary[1..].iter().take_while(|r| r[3] != Data::Empty).map(|r| r[3].to_string()).collect();
        assert_eq!(cited, ["20-NQ/TW", "05-CT/TW"], "the codes counted first; those seen after them are not");
        let note = summary.iter().find(|r| r[0] == Data::String("most cited documents".into())).expect("a note");
        assert_eq!(
            note[1],
            Data::String("counted over the first 2 distinct codes; 2 later mentions of other codes not counted".into())
        );
    }
}
