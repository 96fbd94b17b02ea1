//! Running `trich extract` over many pages: one thread lists the inputs and streams JSON Lines
//! (see [`crate::read`]), workers read and extract a batch of pages at a time on every core, and the
//! calling thread writes results in the order the inputs came.
//!
//! A fixed number of tokens bounds the batches in flight, so memory stays flat however many pages go
//! through.
//!
//! Pages are extracted in batches because matching many pages together is faster than one by one
//! (see `engine::find_matches`; on the benchmark corpus the whole run takes a quarter less time). A
//! batch is closed when it is full, and also when the next line of a JSON Lines stream does not
//! come at once (a pipe waiting for its writer): a page already read is never held back waiting for
//! the next, and the output is flushed then.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal};
use std::sync::mpsc::{channel, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::ExtractConfig;
use crate::extract;
use crate::output::{OutputError, Sink};
use crate::read::jsonl::{self, Input, LineError, Tally};
use crate::read::{self, DecodeError, Decoded, Form, Page, Source};
use crate::record::{Kind, Record};
use crate::rules::RuleSet;

/// One unit of work: a page to read, or what stands in the output's order for an input.
enum Job {
    /// An input read as one page; the worker reads it.
    Whole(Source),
    /// One line of a JSON Lines input.
    Line { input: Arc<Input>, line: jsonl::Line },
    /// A line of a JSON Lines input that could not be read.
    LineFailed { input: Arc<Input>, message: String },
    /// The end of a JSON Lines input: what its lines' messages left unsaid is said.
    EndOfLines(Arc<Input>),
    /// An input that could not be read, or was left out (`failed` false); reported in its place.
    Problem { message: String, failed: bool },
}

impl Job {
    /// What the job weighs in a batch: the bytes of its page, as far as they are known beforehand.
    fn weight(&self) -> usize {
        match self {
            Job::Whole(Source::File { path, .. }) => std::fs::metadata(path).map_or(0, |m| m.len() as usize),
            Job::Line { line, .. } => line.bytes.len(),
            _ => 0,
        }
    }

    fn problem(message: String) -> Job {
        Job::Problem { message, failed: true }
    }
}

/// Jobs extracted together.
struct Batch {
    jobs: Vec<Job>,
    /// Closed because the input is waiting: the output is flushed once the batch is written.
    stalled: bool,
}

/// Groups jobs into batches as they are made.
#[derive(Default)]
struct Batcher {
    jobs: Vec<Job>,
    bytes: usize,
}

impl Batcher {
    /// Adds a job; gives the batch to extract when it is full, or when what comes next may not be
    /// ready (`ready` false).
    fn push(&mut self, job: Job, ready: bool) -> Option<Batch> {
        self.bytes += job.weight();
        self.jobs.push(job);
        if !ready || extract::batch_is_full(self.jobs.len(), self.bytes) { self.take(!ready) } else { None }
    }

    /// The batch so far, if it holds anything.
    fn take(&mut self, stalled: bool) -> Option<Batch> {
        self.bytes = 0;
        (!self.jobs.is_empty()).then(|| Batch { jobs: std::mem::take(&mut self.jobs), stalled })
    }
}

/// What a job gave: its messages (in order) and its records.
#[derive(Default)]
struct Done {
    messages: Vec<String>,
    records: Vec<Record>,
    bytes: usize,
    page: bool,
    failed: bool,
    /// The output is flushed once this is written.
    flush: bool,
    /// A line of this JSON Lines input: its messages count against the input's (see [`Tally`]).
    line_of: Option<Arc<Input>>,
    /// The end of this JSON Lines input.
    end_of: Option<Arc<Input>>,
}

impl Done {
    fn failed(message: String) -> Done {
        Done { messages: vec![message], failed: true, ..Done::default() }
    }
}

/// Counts for the summary line.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub pages: usize,
    pub failed: usize,
    pub bytes: u64,
    pub records: [usize; 5],
    /// Whether the run read a folder, several inputs or JSON Lines, and so ends with a summary.
    pub batch: bool,
}

/// How a batch ended.
pub enum End {
    /// Every job was written.
    Finished(Summary),
    /// The reader of the output went away: stop quietly.
    Closed,
    /// Writing the output failed.
    WriteError(OutputError),
}

/// Runs the whole batch over `items` (the inputs, listed), writing to `sink`.
pub fn run(rules: &RuleSet, cfg: &ExtractConfig, items: Vec<Result<Source, read::Problem>>, sink: &mut Sink) -> End {
    let started = Instant::now();
    let form = |src: &Source| Form::of(src, cfg.input_format);
    let any_jsonl = items.iter().any(|i| i.as_ref().is_ok_and(|s| form(s) == Form::Jsonl));
    // Without JSON Lines, each item is one job: one step of the progress bar.
    let steps = items.len();
    let mut summary =
        Summary { batch: items.len() > 1 || any_jsonl || cfg.paths.iter().any(|p| p.is_dir()), ..Summary::default() };
    let progress = progress_bar(cfg, if any_jsonl { None } else { Some(steps as u64) });
    if summary.batch {
        rules.triggers.prepare_fast();
    }

    // Batches of jobs in order, made lazily: JSON Lines are streamed, never read whole.
    let produce = move |emit: &mut dyn FnMut(Batch) -> bool| {
        let mut batcher = Batcher::default();
        let mut add = |job: Job, ready: bool| batcher.push(job, ready).is_none_or(&mut *emit);
        for item in items {
            let keep_going = match item {
                Err(p) => add(Job::Problem { message: p.line(), failed: !p.warning }, true),
                Ok(src) => match form(&src) {
                    Form::Jsonl => stream_jsonl(&src, cfg, &mut add),
                    Form::Text | Form::Html => add(Job::Whole(src), true),
                },
            };
            if !keep_going {
                return;
            }
        }
        if let Some(batch) = batcher.take(false) {
            emit(batch);
        }
    };

    // The messages of the JSON Lines input being written.
    let mut tally: Option<Tally> = None;
    let mut write = |done: Done, summary: &mut Summary| -> Result<(), OutputError> {
        let messages = match &done.line_of {
            Some(input) if !done.messages.is_empty() => {
                let t = match &mut tally {
                    Some(t) if Arc::ptr_eq(&t.input, input) => t,
                    _ => tally.insert(Tally::new(Arc::clone(input))),
                };
                t.note(done.failed, done.messages)
            }
            _ => done.messages,
        };
        for m in &messages {
            progress.suspend(|| eprintln!("{m}"));
        }
        if let Some(input) = &done.end_of
            && let Some(t) = tally.take_if(|t| Arc::ptr_eq(&t.input, input)).and_then(|t| t.closing())
        {
            progress.suspend(|| eprintln!("{t}"));
        }
        summary.bytes += done.bytes as u64;
        if done.page {
            summary.pages += 1;
        }
        if done.failed {
            summary.failed += 1;
        }
        for r in &done.records {
            summary.records[r.kind as usize] += 1;
            sink.write(r)?;
        }
        for w in sink.take_warnings() {
            progress.suspend(|| eprintln!("{w}"));
        }
        if done.flush {
            sink.flush()?;
        }
        if done.end_of.is_some() {
            return Ok(());
        }
        progress.inc(1);
        // The rate is written only where it is shown.
        if !progress.is_hidden() {
            let secs = started.elapsed().as_secs_f64().max(1e-3);
            progress.set_message(format!("{:.1} MB/s", summary.bytes as f64 / 1e6 / secs));
        }
        Ok(())
    };

    let result = if cfg.jobs <= 1 {
        sequential(rules, cfg, produce, &mut write, &mut summary)
    } else {
        parallel(rules, cfg, produce, &mut write, &mut summary)
    };
    progress.finish_and_clear();
    match result {
        Ok(()) => {
            if summary.batch && !cfg.quiet {
                eprintln!("{}", summary_line(&summary, started.elapsed()));
            }
            End::Finished(summary)
        }
        Err(e) if e.is_closed() => End::Closed,
        Err(e) => End::WriteError(e),
    }
}

type Writer<'a> = dyn FnMut(Done, &mut Summary) -> Result<(), OutputError> + 'a;

fn sequential(
    rules: &RuleSet,
    cfg: &ExtractConfig,
    produce: impl FnOnce(&mut dyn FnMut(Batch) -> bool),
    write: &mut Writer<'_>,
    summary: &mut Summary,
) -> Result<(), OutputError> {
    let mut error = None;
    produce(&mut |batch| {
        for done in process(rules, cfg, batch) {
            if let Err(e) = write(done, summary) {
                error = Some(e);
                return false;
            }
        }
        true
    });
    error.map_or(Ok(()), Err)
}

fn parallel(
    rules: &RuleSet,
    cfg: &ExtractConfig,
    produce: impl FnOnce(&mut dyn FnMut(Batch) -> bool) + Send,
    write: &mut Writer<'_>,
    summary: &mut Summary,
) -> Result<(), OutputError> {
    // Batches in flight at most: enough to keep every worker busy while one slow batch holds up the
    // output, few enough that memory does not grow with the number of pages.
    let in_flight = cfg.jobs * 2;
    std::thread::scope(|scope| {
        let (job_tx, job_rx) = sync_channel::<(u64, Batch)>(cfg.jobs);
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (done_tx, done_rx) = channel::<(u64, Vec<Done>)>();
        let (token_tx, token_rx) = sync_channel::<()>(in_flight);
        for _ in 0..in_flight {
            let _ = token_tx.send(());
        }
        scope.spawn(move || {
            let mut seq = 0u64;
            produce(&mut |batch| {
                // Wait for a place; none comes once the writer has stopped.
                if token_rx.recv().is_err() || job_tx.send((seq, batch)).is_err() {
                    return false;
                }
                seq += 1;
                true
            });
        });
        for _ in 0..cfg.jobs {
            let job_rx = Arc::clone(&job_rx);
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                loop {
                    let next = job_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((seq, batch))) = next else { break };
                    if done_tx.send((seq, process(rules, cfg, batch))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut pending: BTreeMap<u64, Vec<Done>> = BTreeMap::new();
        let mut next = 0u64;
        let mut result = Ok(());
        'outer: for (seq, done) in done_rx.iter() {
            pending.insert(seq, done);
            while let Some(batch) = pending.remove(&next) {
                for done in batch {
                    if let Err(e) = write(done, summary) {
                        result = Err(e);
                        break 'outer;
                    }
                }
                next += 1;
                let _ = token_tx.send(());
            }
        }
        // Stopping early: no more places, so the producer and then the workers end.
        drop(token_tx);
        drop(done_rx);
        result
    })
}

/// Reads and extracts a batch of jobs: one result per job, in order.
fn process(rules: &RuleSet, cfg: &ExtractConfig, batch: Batch) -> Vec<Done> {
    let read: Vec<PageRead> = batch.jobs.into_iter().map(|job| read_job(cfg, job)).collect();
    // Decoded pages borrow what was read: what they give is taken before it is let go.
    let extracted: Vec<Option<Result<extract::Extraction, DecodeError>>> = {
        let decoded: Vec<Option<Result<Decoded<'_>, DecodeError>>> =
            read.iter().map(|r| r.as_ref().ok().map(|(page, _)| page.decode())).collect();
        let pages: Vec<(&Arc<str>, &Decoded<'_>)> = read
            .iter()
            .zip(&decoded)
            .filter_map(|(r, d)| Some((&r.as_ref().ok()?.0.source, d.as_ref()?.as_ref().ok()?)))
            .collect();
        let mut found = extract::extract_pages(rules, &cfg.options, &pages).into_iter();
        decoded.into_iter().map(|d| Some(d?.map(|_| found.next().expect("one result per page")))).collect()
    };
    let mut done: Vec<Done> = read
        .into_iter()
        .zip(extracted)
        .map(|(r, x)| {
            let (page, line_of) = match r {
                Ok(read) => read,
                Err(done) => return done,
            };
            let warning = |w: &String| format!("trich: {}: warning: {w}", page.shown);
            let mut messages: Vec<String> = page.warnings.iter().map(warning).collect();
            let mut done = Done { bytes: page.len(), line_of, ..Done::default() };
            match x {
                Some(Ok(x)) => {
                    messages.extend(x.warnings.iter().map(warning));
                    done.records = x.records;
                    done.page = true;
                }
                Some(Err(e)) => {
                    messages.push(format!("trich: {}: {e}", page.shown));
                    done.failed = true;
                }
                None => unreachable!("a page read is decoded"),
            }
            done.messages = messages;
            done
        })
        .collect();
    if let Some(last) = done.last_mut() {
        last.flush = batch.stalled;
    }
    done
}

/// A job's page (with the JSON Lines input it is a line of), or what stands for it when there is none.
type PageRead = Result<(Page, Option<Arc<Input>>), Done>;

fn read_job(cfg: &ExtractConfig, job: Job) -> PageRead {
    match job {
        Job::Whole(src) => match read::text::read(&src, &cfg.limits, cfg.encoding) {
            Ok(mut page) => {
                page.markup = Form::markup(&src, cfg.input_format, page.looks);
                Ok((page, None))
            }
            Err(e) => Err(Done::failed(format!("trich: {}: {e}", src.shown()))),
        },
        Job::Line { input, line } => match jsonl::page(&line.bytes, &cfg.fields, &input.name, line.number) {
            Ok(page) => Ok((page, Some(input))),
            Err(m) => Err(Done {
                line_of: Some(input.clone()),
                ..Done::failed(format!("trich: {}:{}: {m}, skipped", input.name, line.number))
            }),
        },
        Job::LineFailed { input, message } => Err(Done { line_of: Some(input), ..Done::failed(message) }),
        Job::EndOfLines(input) => Err(Done { end_of: Some(input), ..Done::default() }),
        Job::Problem { message, failed } => Err(Done { messages: vec![message], failed, ..Done::default() }),
    }
}

/// Streams the lines of a JSON Lines input as jobs. Each job goes with whether the next line is
/// ready, so that a batch is not held back waiting for it.
fn stream_jsonl(src: &Source, cfg: &ExtractConfig, emit: &mut dyn FnMut(Job, bool) -> bool) -> bool {
    let mut lines = match jsonl::open(src, &cfg.limits) {
        Ok(lines) => lines,
        Err(e) => return emit(Job::problem(format!("trich: {}: {e}", src.shown())), true),
    };
    let input = Arc::new(Input { name: Arc::from(src.shown()), looks: lines.looks });
    while let Some(item) = lines.next() {
        let job = match item {
            Ok(line) => Job::Line { input: Arc::clone(&input), line },
            Err(e @ LineError::TooLong { .. }) => {
                Job::LineFailed { input: Arc::clone(&input), message: format!("trich: {}:{e}", input.name) }
            }
            Err(LineError::Read(e)) => Job::problem(format!("trich: {}: {e}", input.name)),
        };
        let ready = lines.ready();
        if !emit(job, ready) {
            return false;
        }
    }
    emit(Job::EndOfLines(input), true)
}

fn progress_bar(cfg: &ExtractConfig, total: Option<u64>) -> ProgressBar {
    let visible = !cfg.quiet && io::stderr().is_terminal() && total.is_none_or(|t| t > 1);
    if !visible {
        return ProgressBar::hidden();
    }
    let pb = match total {
        Some(t) => ProgressBar::new(t).with_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} pages  {msg}  {eta} left")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {pos} pages  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    pb.set_draw_target(ProgressDrawTarget::stderr_with_hz(8));
    pb.enable_steady_tick(Duration::from_millis(250));
    pb
}

/// `trich: 2000 pages (25.1 MB), 0 failed; 1234 documents, …; 1.23 s, 20.4 MB/s`
pub fn summary_line(s: &Summary, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64();
    let kinds: Vec<String> = Kind::ALL.iter().map(|k| format!("{} {}", s.records[*k as usize], k.plural())).collect();
    format!(
        "trich: {} pages ({:.1} MB), {} failed; {}; {:.2} s, {:.1} MB/s",
        s.pages,
        s.bytes as f64 / 1e6,
        s.failed,
        kinds.join(", "),
        secs,
        s.bytes as f64 / 1e6 / secs.max(1e-9)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{BATCH_BYTES, BATCH_PAGES};

    fn line(n: usize) -> Job {
        let input = Arc::new(Input { name: Arc::from("t.jsonl"), looks: read::sniff::Looks::Json });
        Job::Line { input, line: jsonl::Line { number: n, bytes: vec![b' '; n] } }
    }

    fn lines_of(batch: &Batch) -> Vec<usize> {
        batch.jobs.iter().map(|j| if let Job::Line { line, .. } = j { line.number } else { 0 }).collect()
    }

    #[test]
    fn batches_close_when_full_by_pages_or_bytes_or_when_the_input_waits() {
        // By pages.
        let mut b = Batcher::default();
        let mut closed = Vec::new();
        for n in 1..=BATCH_PAGES + 3 {
            closed.extend(b.push(line(n), true));
        }
        assert_eq!(closed.len(), 1);
        assert_eq!(lines_of(&closed[0]), (1..=BATCH_PAGES).collect::<Vec<_>>());
        assert!(!closed[0].stalled);
        let rest = b.take(false).expect("the rest");
        assert_eq!(lines_of(&rest), vec![BATCH_PAGES + 1, BATCH_PAGES + 2, BATCH_PAGES + 3]);
        assert!(b.take(false).is_none(), "nothing is left");
        // By bytes: the line that reaches the limit closes the batch it is in.
        let big = BATCH_BYTES / 3 + 1;
        let closed: Vec<Batch> = [big, 1, big, big, 2].into_iter().filter_map(|n| b.push(line(n), true)).collect();
        assert_eq!(closed.iter().map(lines_of).collect::<Vec<_>>(), vec![vec![big, 1, big, big]]);
        // When the input waits.
        let stalled = b.push(line(3), false).expect("closed at once");
        assert_eq!(lines_of(&stalled), vec![2, 3]);
        assert!(stalled.stalled);
    }
}
