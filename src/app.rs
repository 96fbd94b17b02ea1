//! Running a command: the glue between the parsed command line and the pipeline.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::batch::{self, End};
use crate::cli::{Cli, Command, EvalArgs, ExtractConfig, RulesCommand, UsageError};
use crate::eval;
use crate::output::{self, RunReport, Sink};
use crate::read::{self as input, Form, Source};
use crate::record::Kind;
use crate::rules::{self, RuleError, RuleSet};

/// How a run ended, as an exit status: 0 success, 1 some inputs failed, 2 usage or rule errors, or
/// an output that cannot be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    InputsFailed,
    Usage,
    OutputFailed,
}

impl Outcome {
    pub fn code(self) -> u8 {
        match self {
            Outcome::Ok => 0,
            Outcome::InputsFailed => 1,
            Outcome::Usage | Outcome::OutputFailed => 2,
        }
    }
}

pub fn run(cli: Cli) -> Outcome {
    match cli.command {
        Command::Extract(args) => match args.validate() {
            Ok(cfg) => run_extract(&cfg),
            Err(UsageError(m)) => {
                eprintln!("trich: {m}");
                Outcome::Usage
            }
        },
        Command::Eval(args) => run_eval(&args),
        Command::Rules { command } => match command {
            RulesCommand::List { rules } => rules_list(rules.as_deref()),
            RulesCommand::Test { rules } => rules_test(rules.as_deref()),
            RulesCommand::Export { dir } => rules_export(&dir),
        },
    }
}

pub fn load_rules(dir: Option<&Path>) -> Result<RuleSet, RuleError> {
    match dir {
        Some(d) => RuleSet::from_dir(d),
        None => RuleSet::builtin(),
    }
}

fn report_rule_error(e: &RuleError) -> Outcome {
    eprintln!("trich: {e}");
    Outcome::Usage
}

fn is_broken_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

fn run_extract(cfg: &ExtractConfig) -> Outcome {
    for w in &cfg.warnings {
        eprintln!("trich: warning: {w}");
    }
    let rules = match load_rules(cfg.rules.as_deref()) {
        Ok(r) => r,
        Err(e) => return report_rule_error(&e),
    };
    let items = input::expand(&cfg.paths, cfg.input_format);
    if let Some(m) = clash(cfg, &items) {
        eprintln!("trich: {m}");
        return Outcome::Usage;
    }
    if let Err(e) = output::place::remove_partial_files_on_signals() {
        eprintln!(
            "trich: warning: cannot watch for interrupts ({}): one may leave hidden .partial files",
            input::io_message(&e)
        );
    }
    let mut sink = match Sink::open(&cfg.destination, cfg.style, &cfg.options.kinds) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("trich: {e}");
            return Outcome::OutputFailed;
        }
    };
    let summary = match batch::run(&rules, cfg, items, &mut sink) {
        End::Finished(s) => s,
        End::Closed => return Outcome::Ok,
        End::WriteError(e) => {
            eprintln!("trich: {e}");
            return Outcome::OutputFailed;
        }
    };
    let report = RunReport {
        pages: summary.pages,
        failed: summary.failed,
        bytes: summary.bytes,
        records: summary.records,
        kinds: cfg.options.kinds,
        settings: cfg.settings(),
    };
    match sink.finish(&report) {
        Ok(warnings) => {
            for w in warnings {
                eprintln!("{w}");
            }
        }
        Err(e) if e.is_closed() => return Outcome::Ok,
        Err(e) => {
            eprintln!("trich: {e}");
            return Outcome::OutputFailed;
        }
    }
    // The process ends here: freeing the compiled rules one by one would only delay the exit.
    std::mem::forget(rules);
    if summary.failed > 0 { Outcome::InputsFailed } else { Outcome::Ok }
}

/// Why the output would destroy an input or be read back as one, if it would (see
/// [`output::place::clash`]).
fn clash(cfg: &ExtractConfig, items: &[Result<Source, input::Problem>]) -> Option<String> {
    let kinds = cfg.options.kinds.iter().map(|k| output::kind_file(k, cfg.style.format));
    let files = cfg.destination.files(kinds);
    let inputs: Vec<&Source> = items.iter().filter_map(|i| i.as_ref().ok()).collect();
    let folders: Vec<std::path::PathBuf> = cfg.paths.iter().filter(|p| p.is_dir()).cloned().collect();
    output::place::clash(&cfg.destination, &files, &inputs, &folders, |f| Form::walked(f, cfg.input_format))
}

fn run_eval(args: &EvalArgs) -> Outcome {
    let mut floors = Vec::new();
    for f in &args.min_f1 {
        let parsed = f.split_once('=').and_then(|(k, x)| Some((Kind::parse(k.trim())?, x.trim().parse::<f64>().ok()?)));
        match parsed {
            Some((k, x)) if eval::KINDS.contains(&k) && (0.0..=1.0).contains(&x) => floors.push((k, x)),
            _ => {
                eprintln!(
                    "trich: --min-f1 takes KIND=X with a kind of document, official, statistic or percentage and X from 0 to 1, not `{f}`"
                );
                return Outcome::Usage;
            }
        }
    }
    let rules = match load_rules(args.rules.as_deref()) {
        Ok(r) => r,
        Err(e) => return report_rule_error(&e),
    };
    if !args.gold.is_dir() {
        eprintln!("trich: {}: not a folder of gold files", args.gold.display());
        return Outcome::Usage;
    }
    let mut pages = Vec::new();
    let mut failed = false;
    // Every gold file under the folder, with the page it describes.
    let mut golds: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut gold_paths: Vec<PathBuf> = walkdir::WalkDir::new(&args.gold)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.toml"))
        .collect();
    gold_paths.sort();
    for g in gold_paths {
        match eval::page_of(&g, args.pages.as_deref()) {
            Ok(page) => golds.push((page, g)),
            Err(e) => {
                eprintln!("trich: {}: {e}", g.display());
                failed = true;
            }
        }
    }
    if args.paths.is_empty() {
        pages = golds;
    } else {
        let same_file = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        for item in input::expand(&args.paths, input::InputFormat::Text) {
            match item {
                Ok(input::Source::File { path, shown }) => {
                    // The gold that names this page; else NAME.gold.toml beside it; else one of that
                    // name anywhere under the gold folder.
                    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                    let gold_name = format!("{stem}.gold.toml");
                    let beside = path.with_file_name(&gold_name);
                    let gold = golds
                        .iter()
                        .find(|(p, _)| same_file(p, &path))
                        .map(|(_, g)| g.clone())
                        .or_else(|| beside.exists().then_some(beside))
                        .or_else(|| {
                            golds
                                .iter()
                                .find(|(_, g)| g.file_name().is_some_and(|n| n.to_string_lossy() == gold_name))
                                .map(|(_, g)| g.clone())
                        });
                    match gold {
                        Some(gold) => pages.push((path, gold)),
                        None => {
                            eprintln!(
                                "trich: {shown}: no gold file for it (none names it, and no {gold_name} beside it or under {})",
                                args.gold.display()
                            );
                            failed = true;
                        }
                    }
                }
                Ok(input::Source::Stdin) => {
                    eprintln!("trich: eval reads pages from files, not stdin");
                    return Outcome::Usage;
                }
                Err(p) => {
                    eprintln!("trich: {}: {}", p.shown, p.message);
                    failed = true;
                }
            }
        }
    }
    if pages.is_empty() {
        eprintln!("trich: {}: no annotated pages to score", args.gold.display());
        return Outcome::InputsFailed;
    }
    let report = eval::evaluate(&rules, &pages);
    let text = if args.json {
        serde_json::to_string_pretty(&eval::to_json(&report)).unwrap_or_default() + "\n"
    } else {
        eval::render(&report, !args.brief)
    };
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes())
        && !is_broken_pipe(&e)
    {
        eprintln!("trich: {}", input::io_message(&e));
        return Outcome::OutputFailed;
    }
    for (kind, floor) in floors {
        let f1 = report.counts.get(&kind).copied().unwrap_or_default().f1();
        if f1 < floor {
            eprintln!("trich: {kind} F1 {f1:.3} is below the floor {floor}");
            failed = true;
        }
    }
    if !report.problems.is_empty() {
        failed = true;
    }
    if failed { Outcome::InputsFailed } else { Outcome::Ok }
}

fn rules_list(dir: Option<&Path>) -> Outcome {
    let rules = match load_rules(dir) {
        Ok(r) => r,
        Err(e) => return report_rule_error(&e),
    };
    let mut out = io::stdout().lock();
    let width = rules.rules.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
    let res = (|| -> io::Result<()> {
        writeln!(
            out,
            "{:<width$}  {:<10}  {:<28}  {:>8}  {:>15}  {:>7}",
            "id", "kind", "file", "examples", "counterexamples", "states"
        )?;
        for r in &rules.rules {
            writeln!(
                out,
                "{:<width$}  {:<10}  {:<28}  {:>8}  {:>15}  {:>7}",
                r.id,
                r.kind.name(),
                r.file,
                r.examples.len(),
                r.counterexamples.len(),
                r.regex.states()
            )?;
        }
        writeln!(out, "{} rules, {} word lists ({})", rules.rules.len(), rules.lexicons.len(), rules.origin)
    })();
    match res {
        Err(e) if !is_broken_pipe(&e) => {
            eprintln!("trich: {}", input::io_message(&e));
            Outcome::OutputFailed
        }
        _ => Outcome::Ok,
    }
}

fn rules_test(dir: Option<&Path>) -> Outcome {
    let rules = match load_rules(dir) {
        Ok(r) => r,
        Err(e) => return report_rule_error(&e),
    };
    let (tally, failures) = rules::examples::run_all(&rules);
    for f in &failures {
        print!("{f}");
    }
    println!(
        "{} rules: {} examples and {} counter-examples, {} failed",
        rules.rules.len(),
        tally.examples,
        tally.counterexamples,
        failures.len()
    );
    if failures.is_empty() { Outcome::Ok } else { Outcome::InputsFailed }
}

fn rules_export(dir: &Path) -> Outcome {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("trich: {}: {}", dir.display(), input::io_message(&e));
        return Outcome::OutputFailed;
    }
    let mut failed = false;
    for (rel, text) in rules::builtin_files() {
        let path = dir.join(rel);
        if path.exists() {
            eprintln!("trich: {}: exists, not overwritten", path.display());
            failed = true;
            continue;
        }
        let res = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|_| std::fs::write(&path, text));
        if let Err(e) = res {
            eprintln!("trich: {}: {}", path.display(), input::io_message(&e));
            failed = true;
        }
    }
    if failed {
        Outcome::OutputFailed
    } else {
        println!("wrote {} rule files to {}", rules::builtin_files().len(), dir.display());
        Outcome::Ok
    }
}
