//! The command line: flags parsed once into a validated configuration.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::extract::{KindSet, Options};
use crate::output::{Destination, Format, Style};

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
  trich extract crawl/ -o facts.jsonl            every .txt/.md/.text file under crawl/, sorted
  trich extract crawl/ -o facts.csv --excel      one CSV that Excel opens with Vietnamese intact
  trich extract crawl/ -o out/ -f csv            out/documents.csv, out/officials.csv, …
  trich extract page.html.txt --zones all        also read related-article lists and menus

Folder walks take .txt, .md and .text files, and .jsonl files (read as one page per line); hidden ones
are skipped; name any other file explicitly, e.g. `trich extract dump/page.htm`.

JSON Lines datasets: `trich extract crawl.jsonl` or `zcat crawl.jsonl.gz | trich extract
--input-format jsonl`; each line is an object whose `text` field is a page (`--text-field`) and whose
`id` (`--id-field`) becomes the records' source. When a stream pauses, the records of the lines
already read are written out.

Folder batches use every core (-j); the output is in the same order whatever the number of jobs. On a
terminal a progress bar shows; a batch ends with a summary line on stderr (--quiet silences both).

Every record has: source, kind, text (exactly as in the input), start, end (byte offsets into the
original input), line, zone, rule, context; then its kind's fields:
  document    doc_type number symbol code issued issuer title system
  official    name position organization
  statistic   value value_max unit qualifier
  percentage  value value_max qualifier subject
  page        title published author

Exit status: 0 success (also when nothing was found), 1 some inputs could not be read (the others are
still fully written), 2 usage or rule errors.";

const EVAL_HELP: &str = "\
Examples:
  trich eval --gold fixtures/corpus                  every annotated page in the folder
  trich eval --gold fixtures/corpus page.txt         one page, with its gold from the folder
  trich eval --gold g/ --min-f1 document=0.97        exit 1 if documents score below 0.97
  trich eval --gold g/ --rules my-rules/ --brief     what an edited copy of the rules scores

A page NAME.txt is scored against NAME.gold.toml in the gold folder (see the README for the
format). The report lists every miss (in the gold, not found), every extra (found, not in the gold)
and every wrong key field, with its page.";

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The folder of gold files (NAME.gold.toml, usually beside NAME.txt)
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,

    /// Pages to score (files or folders); default: every page in the gold folder that has a gold file
    pub paths: Vec<PathBuf>,

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

    /// Output format: jsonl, json, csv or tsv [default: from the -o file's extension, else jsonl]
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

    /// Threads extracting at once [default: the number of cores]; output order does not depend on it
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// How inputs are read: `text` (a file is a page), `jsonl` (a line is a page, a JSON object) or
    /// `auto` (jsonl for `.jsonl` files, text otherwise)
    #[arg(long, value_name = "FORMAT", default_value = "auto")]
    pub input_format: String,

    /// With JSONL input: the field holding the page's text
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_field: String,

    /// With JSONL input: the field naming the page (its records' `source`; the line number when absent)
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub id_field: String,

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

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// `.jsonl` files as JSON Lines, everything else as text.
    Auto,
    Text,
    Jsonl,
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
    pub text_field: String,
    pub id_field: String,
    pub quiet: bool,
}

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
            Some(p) if p.as_os_str() == "-" => Destination::Stdout,
            Some(p) => Destination::from_arg(p),
        };
        let format = match &self.format {
            Some(f) => {
                Format::parse(f).ok_or_else(|| UsageError(format!("unknown format `{f}` (jsonl, json, csv or tsv)")))?
            }
            None => match &destination {
                Destination::File(p) => {
                    Format::from_path(p).unwrap_or(if self.excel { Format::Csv } else { Format::Jsonl })
                }
                _ if self.excel => Format::Csv,
                _ => Format::Jsonl,
            },
        };
        if self.excel && !matches!(format, Format::Csv | Format::Tsv) {
            return Err(UsageError(format!("--excel is for csv and tsv output, not {}", format.extension())));
        }
        let jobs = match self.jobs {
            Some(0) => return Err(UsageError("--jobs takes a number of at least 1".into())),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let input_format = match self.input_format.as_str() {
            "auto" => InputFormat::Auto,
            "text" => InputFormat::Text,
            "jsonl" => InputFormat::Jsonl,
            f => return Err(UsageError(format!("--input-format takes `auto`, `text` or `jsonl`, not `{f}`"))),
        };
        Ok(ExtractConfig {
            paths: self.paths,
            destination,
            style: Style { format, excel: self.excel },
            options: Options { kinds, all_zones, whole_body: false },
            rules: self.rules,
            jobs,
            input_format,
            text_field: self.text_field,
            id_field: self.id_field,
            quiet: self.quiet,
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
