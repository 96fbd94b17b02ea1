//! The command line: flags parsed once into a validated configuration.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::extract::{KindSet, Options};
use crate::output::{Destination, Format, Style};
use crate::read::jsonl::Fields;
use crate::read::{Charset, InputFormat, Limits};

#[derive(Debug, Parser)]
#[command(
    name = "trich",
    version,
    about = "Extracts documents, officials, statistics and percentages from Vietnamese news pages",
    long_about = "trich reads raw Vietnamese news and official pages — menus, captions and lists of other \
headlines still in them — and writes the facts an analyst puts in a spreadsheet: references to Party and \
State documents, officials with their positions, statistics and percentages, one record per fact.",
    after_help = "Examples:\n  \
curl -s https://… | trich extract                    a page through a pipe, JSON Lines out\n  \
trich extract pages/ -o facts.csv                     a folder to one CSV file\n  \
trich extract pages/ -o facts.xlsx                    an Excel workbook, a sheet per kind\n  \
trich extract pages/ -o out/ -f csv --excel           one Excel-ready CSV per kind in out/\n  \
trich rules test                                      check every rule against its examples\n\n\
Run `trich extract --help` for the output fields and exit codes."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract records from pages (files, folders, or stdin)
    #[command(after_help = EXTRACT_HELP)]
    Extract(Box<ExtractArgs>),
    /// Compare extraction with annotated pages: precision, recall, F1 and field accuracy per kind
    #[command(after_help = EVAL_HELP)]
    Eval(EvalArgs),
    /// List, test or export the rules
    #[command(
        after_help = "Examples:\n  trich rules list                      every rule, its kind, file and examples\n  trich rules test                      run every example and counter-example\n  trich rules export my-rules/          copy the built-in rules out, to edit\n  trich rules test --rules my-rules/    check the edited copy\n  trich extract --rules my-rules/ page.txt"
    )]
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

const EXTRACT_HELP: &str = "\
Examples:
  trich extract page.txt                         records of one page, JSON Lines on stdout
  cat page.txt | trich extract --kind document   only the document references
  trich extract crawl/ -o facts.jsonl            every .txt/.md/.text/.html/.htm file under crawl/, sorted
  curl -s https://… | trich extract              a web page: HTML is known by its first bytes
  trich extract old.txt --encoding tcvn3         a document in TCVN3 (ABC); also vni, windows-1258, …
  trich extract crawl/ -o facts.xlsx             an Excel workbook: a Summary sheet, then one per kind
  trich extract crawl/ -o facts.csv --excel      one CSV that Excel opens with Vietnamese intact
  trich extract crawl/ -o out/ -f csv            out/documents.csv, out/officials.csv, …
  trich extract page.html --zones all            also read related-article lists and menus

Inputs: folder walks take .txt, .md, .text, .html and .htm files, also gzip-compressed (.txt.gz,
.html.gz, …); hidden ones are skipped; symbolic links are followed (a loop or a link to nothing is
left out with a warning); name any other file explicitly, e.g. `trich extract dump/page.php`. Gzip
is recognised by its first bytes, in files and on stdin, and offsets count the bytes decompressed. A
page is read up to --max-page-size (256M); a binary (NUL byte) input, or UTF-16 without a byte-order
mark (unless --encoding says utf-16le or utf-16be), is refused as soon as it shows itself.

Web pages: .html/.htm files, --input-format html, stdin or an oddly named file beginning
<!DOCTYPE html or <html, and a JSON Lines field named by --html-field. The text is taken block by
block (p, li, h1-h6, div, table rows, figcaption, blockquote, br); script, style, noscript,
template, svg and comments give nothing; character references are decoded. nav, header, footer,
aside and classes or ids saying menu, breadcrumb, share, sidebar, related, comment or footer are
nav/related zones; figure/figcaption are captions; the first h1 is the headline. The page record
takes og:title, article:published_time / datePublished / <time datetime> and <meta name=author>.
For HTML, `text` is the matched text as read (tags removed, references decoded); start/end are byte
offsets into the HTML source, from the first byte of the match's first character to the last byte
of its last character; `line` is the HTML source's line.

Character sets: a byte-order mark, then a web page's <meta charset> or http-equiv, then --encoding,
else UTF-8. windows-1258 and every encoding of the web are decoded (tone marks joined, NFC), UTF-16
with a byte-order mark too; --encoding tcvn3 or vni reads the Vietnamese font encodings (and wins
over a page's declared iso-8859-1 or windows-1252). A UTF-8 page that looks like TCVN3 or VNI gets a
warning naming it. Offsets always point into the original bytes.

JSON Lines datasets: `trich extract crawl.jsonl` (or crawl.jsonl.gz), or `... | trich extract
--input-format jsonl`; each line is an object whose `text` field is a page (`--text-field`) and whose
`id` (`--id-field`) becomes the records' source: a string, or a number as written; the line number
when there is none. With --input-format jsonl, folder walks take .jsonl files instead of text files
(never both, so a walk does not read back what a run wrote there). Bad characters in a line are read
as U+FFFD with a warning; a bad line is reported with its number and skipped, at most ten messages
per input. When a stream pauses, the records of the lines already read are written out.

XLSX (-o NAME.xlsx or -f xlsx): sheets Summary (the run, the most cited documents), Documents,
Officials, Statistics, Percentages, Pages; headers bold, frozen and filtered; numbers as numbers,
complete dates as Excel dates (a bare year stays text), text never a formula. A kind past Excel's
1,048,576 rows continues on `Statistics (2)` …, a cell past 32,767 characters is cut, each with a
warning. Rows wait in temporary files until the end, so memory stays flat. With -o DIR/: one workbook
per kind. To stdout: written to a pipe or a redirection, refused on a terminal.

Outputs: a file is written beside its place and moved there when complete, with the umask's
permissions (a replaced file keeps its own); an output that would replace an input or lies in a
walked folder is refused; -o /dev/null and -o /dev/stdout work; an extension that names no format is
refused unless -f names one. SIGINT, SIGTERM and SIGHUP remove the unfinished files. Names that are
not UTF-8 are written with \\xHH for their bad bytes (and \\\\ for backslashes).

Folder batches use every core (-j, at most 4 per core); the output is in the same order whatever the
number of jobs. On a terminal a progress bar shows; a batch ends with a summary line on stderr
(--quiet silences both).

Every record has: source, kind, text (exactly as in the input; for HTML and other character sets,
as read), start, end (byte offsets into the original input, the HTML source for a web page), line,
zone, rule, context; then its kind's fields:
  document    doc_type number symbol code issued issuer title system
  official    name position organization
  statistic   value value_max unit qualifier
  percentage  value value_max qualifier subject
  page        title published author

Exit status: 0 success (also when nothing was found), 1 some inputs could not be read (the others are
still fully written), 2 usage or rule errors, or an output that cannot be written; after SIGINT,
SIGTERM or SIGHUP, 128 + the signal.";

const EVAL_HELP: &str = "\
Examples:
  trich eval --gold fixtures/corpus                  every annotated page in the folder
  trich eval --gold fixtures/corpus page.txt         one page, with its gold from the folder
  trich eval --gold g/ --min-f1 document=0.97        exit 1 if documents score below 0.97
  trich eval --gold g/ --rules my-rules/ --brief     what an edited copy of the rules scores
  trich eval --gold fixtures/real/check              real pages kept outside the project
  trich eval --gold my-gold/ --pages crawl/          gold in one folder, its pages in another

A page NAME.txt is scored against NAME.gold.toml: the gold files are found anywhere under the gold
folder, each describing the page its `page = \"PATH\"` line names (relative to the gold file), else
NAME.txt in --pages DIR, else NAME.txt beside it (see the README for the format). A page named on
the command line takes the gold that names it, else NAME.gold.toml beside it, else one under the
gold folder. The report lists every miss (in the gold, not found), every extra (found, not in the
gold) and every wrong key field, with its page. A unit or a subject counts as right when one is a
word-prefix of the other (`cuộc` / `cuộc tuyên truyền`); how often it is as written in the gold,
whole, is said beside it (`unit 99.3% (1833/1845, 89.8% as written)`).";

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The folder of gold files (NAME.gold.toml, usually beside NAME.txt)
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,

    /// Pages to score (files or folders); default: every page that a gold file under the gold folder
    /// describes
    pub paths: Vec<PathBuf>,

    /// Where the pages of gold files that name no page are (NAME.txt for NAME.gold.toml); default:
    /// beside each gold file
    #[arg(long, value_name = "DIR")]
    pub pages: Option<PathBuf>,

    /// Exit 1 when a kind's F1 is below X, e.g. `--min-f1 document=0.97` (repeatable)
    #[arg(long, value_name = "KIND=X")]
    pub min_f1: Vec<String>,

    /// Use the rule files in DIR instead of the built-in ones
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,

    /// The scores only, without the list of misses, extras and field errors
    #[arg(long)]
    pub brief: bool,

    /// The report as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders to read; none, or `-`, reads stdin
    pub paths: Vec<PathBuf>,

    /// Output format: jsonl, json, csv, tsv or xlsx [default: from the -o file's extension, else jsonl]
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,

    /// Write to a file, or to a folder with one file per kind (an existing folder, or a path ending
    /// in `/` or without an extension)
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Kinds to extract, comma-separated: document, official, statistic, percentage, page, or all
    #[arg(short, long, value_name = "LIST", default_value = "all")]
    pub kind: String,

    /// Zones to read: `article` (everything but related-article lists and navigation) or `all`
    #[arg(long, value_name = "ZONES", default_value = "article")]
    pub zones: String,

    /// Use the rule files in DIR instead of the built-in ones (see `trich rules export`)
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,

    /// CSV for Excel: UTF-8 byte-order mark and CRLF line ends (implies csv unless -f says tsv)
    #[arg(long)]
    pub excel: bool,

    /// Threads extracting at once [default: the number of cores; at most 4 per core]; output order
    /// does not depend on it
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<u64>,

    /// How inputs are read: `text` (a file is a page), `html` (a file is a web page), `jsonl` (a
    /// line is a page, a JSON object) or `auto` (jsonl for `.jsonl` files, html for `.html`/`.htm`
    /// files and for input beginning `<!DOCTYPE html` or `<html`, text otherwise)
    #[arg(long, value_name = "FORMAT", default_value = "auto")]
    pub input_format: String,

    /// With JSONL input: the field holding the page's text
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_field: String,

    /// With JSONL input: the field holding the page's HTML, read as a web page (instead of
    /// --text-field)
    #[arg(long, value_name = "NAME", conflicts_with = "text_field")]
    pub html_field: Option<String>,

    /// The character set of inputs that do not say theirs (no byte-order mark, no <meta charset>):
    /// utf-8 (the default), windows-1258, utf-16le, … or tcvn3 and vni, the Vietnamese font
    /// encodings (which also win over a page's declared iso-8859-1 or windows-1252)
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,

    /// With JSONL input: the field naming the page (its records' `source`: a string, or a number as
    /// written; the line number when absent)
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub id_field: String,

    /// The largest page read: a text input, or a JSON Lines line, counted decompressed (K, M, G:
    /// powers of 1024); a larger one is skipped with an error
    #[arg(long, value_name = "SIZE", default_value = "256M")]
    pub max_page_size: String,

    /// No progress bar and no summary line
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Every rule: id, kind, file, number of examples
    List {
        /// Use the rule files in DIR instead of the built-in ones
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Run every rule's examples and counter-examples; exit 1 on any failure
    Test {
        /// Use the rule files in DIR instead of the built-in ones
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Write the built-in rule files to DIR, to edit them and use them with --rules DIR
    Export {
        /// The folder to write to (created if missing; existing files are not overwritten)
        dir: PathBuf,
    },
}

/// `trich extract`, validated.
#[derive(Debug)]
pub struct ExtractConfig {
    pub paths: Vec<PathBuf>,
    pub destination: Destination,
    pub style: Style,
    pub options: Options,
    pub rules: Option<PathBuf>,
    pub jobs: usize,
    pub input_format: InputFormat,
    pub fields: Fields,
    /// `--encoding`: the character set of inputs that do not say theirs.
    pub encoding: Option<Charset>,
    pub limits: Limits,
    pub quiet: bool,
    /// What the command line asked that was not done as asked (a job count capped).
    pub warnings: Vec<String>,
}

impl ExtractConfig {
    /// The options that shape the run's output, as a report of it lists them.
    pub fn settings(&self) -> Vec<(&'static str, String)> {
        let inputs: Vec<String> = self.paths.iter().map(|p| p.display().to_string()).collect();
        let kinds: Vec<&str> = self.options.kinds.iter().map(|k| k.name()).collect();
        vec![
            ("inputs", if inputs.is_empty() { "-".to_string() } else { inputs.join(", ") }),
            ("kinds", kinds.join(", ")),
            ("zones", (if self.options.all_zones { "all" } else { "article" }).to_string()),
            ("rules", self.rules.as_ref().map_or_else(|| "built-in".to_string(), |d| d.display().to_string())),
            ("input format", self.input_format.name().to_string()),
            (if self.fields.html { "html field" } else { "text field" }, self.fields.text.clone()),
            (
                "encoding",
                self.encoding.map_or_else(|| "as each input says, else UTF-8".to_string(), |c| c.name().to_string()),
            ),
            ("id field", self.fields.id.clone()),
            ("written by", format!("trich {}", env!("CARGO_PKG_VERSION"))),
        ]
    }
}

/// Jobs for each core at most: more only wait for one another, and each holds batches in memory.
const MAX_JOBS_PER_CORE: usize = 4;

/// A usage error: exit status 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

impl ExtractArgs {
    pub fn validate(self) -> Result<ExtractConfig, UsageError> {
        let kinds = parse_kinds(&self.kind)?;
        let all_zones = match self.zones.as_str() {
            "article" => false,
            "all" => true,
            z => return Err(UsageError(format!("--zones takes `article` or `all`, not `{z}`"))),
        };
        let destination = match &self.output {
            None => Destination::Stdout,
            Some(p) => Destination::from_arg(p),
        };
        let default = if self.excel { Format::Csv } else { Format::Jsonl };
        let format = match (&self.format, &destination) {
            (Some(f), _) => {
                Format::parse(f).ok_or_else(|| UsageError(format!("unknown format `{f}` (jsonl, json, csv, tsv or xlsx)")))?
            }
            (None, Destination::File(p)) => match p.extension() {
                None => default,
                Some(ext) => Format::from_path(p).ok_or_else(|| {
                    UsageError(format!(
                        "{}: `.{}` names no output format (jsonl, json, csv, tsv or xlsx); give one with -f to write it anyway",
                        crate::read::shown(p),
                        ext.to_string_lossy()
                    ))
                })?,
            },
            (None, _) => default,
        };
        if self.excel && !matches!(format, Format::Csv | Format::Tsv) {
            return Err(UsageError(format!("--excel is for csv and tsv output, not {}", format.extension())));
        }
        if format == Format::Xlsx && destination == Destination::Stdout && std::io::stdout().is_terminal() {
            return Err(UsageError(
                "an XLSX workbook is a binary file, not written to a terminal: name a file (-o facts.xlsx) or \
                 redirect the output (> facts.xlsx)"
                    .into(),
            ));
        }
        let mut warnings = Vec::new();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let most = MAX_JOBS_PER_CORE * cores;
        let jobs = match self.jobs {
            Some(0) => return Err(UsageError("--jobs takes a number of at least 1".into())),
            Some(n) if n > most as u64 => {
                warnings.push(format!(
                    "-j {n} is more than {MAX_JOBS_PER_CORE} jobs for each of the {cores} cores: {most} jobs run"
                ));
                most
            }
            Some(n) => n as usize,
            None => cores,
        };
        let input_format = match self.input_format.as_str() {
            "auto" => InputFormat::Auto,
            "text" => InputFormat::Text,
            "jsonl" => InputFormat::Jsonl,
            "html" => InputFormat::Html,
            f => return Err(UsageError(format!("--input-format takes `auto`, `text`, `html` or `jsonl`, not `{f}`"))),
        };
        let encoding = match &self.encoding {
            None => None,
            Some(name) => Some(Charset::by_name(name).ok_or_else(|| {
                UsageError(format!("--encoding: unknown character set `{name}` ({})", Charset::NAMES))
            })?),
        };
        let fields = match self.html_field {
            Some(html) => Fields { text: html, id: self.id_field, html: true },
            None => Fields { text: self.text_field, id: self.id_field, html: false },
        };
        let max_page = crate::read::parse_size(&self.max_page_size).ok_or_else(|| {
            UsageError(format!(
                "--max-page-size takes a size in bytes, with K, M or G after it (256M), not `{}`",
                self.max_page_size
            ))
        })?;
        Ok(ExtractConfig {
            paths: self.paths,
            destination,
            style: Style { format, excel: self.excel },
            options: Options { kinds, all_zones, whole_body: false },
            rules: self.rules,
            jobs,
            input_format,
            fields,
            encoding,
            limits: Limits { max_page },
            quiet: self.quiet,
            warnings,
        })
    }
}

fn parse_kinds(list: &str) -> Result<KindSet, UsageError> {
    let set = KindSet::from_names(list.split(',').map(str::trim).filter(|s| !s.is_empty())).map_err(|part| {
        UsageError(format!("unknown kind `{part}` (document, official, statistic, percentage, page, all)"))
    })?;
    if set.is_empty() {
        return Err(UsageError("--kind names no kind".into()));
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Kind;

    #[test]
    fn kinds_parse_singular_plural_and_all() {
        let s = parse_kinds("documents, official").unwrap();
        assert!(s.contains(Kind::Document) && s.contains(Kind::Official) && !s.contains(Kind::Page));
        assert_eq!(parse_kinds("all").unwrap(), KindSet::all());
        assert!(parse_kinds("people").is_err());
        assert!(parse_kinds(",").is_err());
    }
}
