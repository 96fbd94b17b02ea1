//! Running `trich extract` over many pages: reading inputs (files, folders, stdin, JSON Lines),
//! extracting on every core, and writing in input order.
//!
//! One thread produces jobs (it walks folders and streams JSON Lines) and groups them in batches,
//! workers extract a batch at a time, and the calling thread writes results in the order the jobs
//! were made. A fixed number of tokens bounds the batches in flight, so memory stays flat however
//! many pages go through.
//!
//! Pages are extracted in batches because matching many pages together is faster than one by one
//! (see `engine::find_matches`; on the benchmark corpus the whole run takes a quarter less time). A
//! batch is closed when it is full, and also when the next line of a JSON Lines stream does not
//! come at once (a pipe waiting for its writer): a page already read is never held back waiting for
//! the next, and the output is flushed then.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{ExtractConfig, InputFormat};
use crate::extract;
use crate::input::{self, Source};
use crate::output::Sink;
use crate::record::{Kind, Record};
use crate::rules::RuleSet;

/// One unit of work: a page, or an input that failed before it became one.
enum Job {
    /// A file (or stdin) read as one page; the worker reads it.
    Text(Source),
    /// One line of a JSON Lines input.
    JsonLine { file: Arc<str>, line: usize, bytes: Vec<u8> },
    /// An input that could not be read; reported in its place in the order.
    Problem(String),
}

impl Job {
    /// What the job weighs in a batch: the bytes of its page, as far as they are known beforehand.
    fn weight(&self) -> usize {
        match self {
            Job::Text(Source::File { path, .. }) => std::fs::metadata(path).map_or(0, |m| m.len() as usize),
            Job::Text(Source::Stdin) | Job::Problem(_) => 0,
            Job::JsonLine { bytes, .. } => bytes.len(),
        }
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
    WriteError(io::Error),
}

/// Runs the whole batch, writing to `sink`.
pub fn run(rules: &RuleSet, cfg: &ExtractConfig, sink: &mut Sink) -> End {
    let started = Instant::now();
    let items = input::expand(&cfg.paths);
    // Stdin is JSON Lines only when the command line says so; a file also when it is named `.jsonl`.
    let jsonl_input = |src: &Source| match (cfg.input_format, src) {
        (InputFormat::Jsonl, _) => true,
        (InputFormat::Auto, Source::File { path, .. }) => input::is_jsonl(path),
        _ => false,
    };
    let any_jsonl = items.iter().any(|i| i.as_ref().is_ok_and(jsonl_input));
    let text_pages = items.iter().filter(|i| i.is_ok()).count();
    let mut summary =
        Summary { batch: items.len() > 1 || any_jsonl || cfg.paths.iter().any(|p| p.is_dir()), ..Summary::default() };
    let progress = progress_bar(cfg, if any_jsonl { None } else { Some(text_pages as u64) });
    if summary.batch {
        rules.triggers.prepare_fast();
    }

    // Batches of jobs in order, made lazily: JSON Lines are streamed, never read whole.
    let produce = move |emit: &mut dyn FnMut(Batch) -> bool| {
        let mut batcher = Batcher::default();
        let mut add = |job: Job, ready: bool| batcher.push(job, ready).is_none_or(&mut *emit);
        for item in items {
            let keep_going = match item {
                Err(p) => add(Job::Problem(format!("trich: {}: {}", p.shown, p.message)), true),
                Ok(src) if jsonl_input(&src) => stream_jsonl(&src, &mut add),
                Ok(src) => add(Job::Text(src), true),
            };
            if !keep_going {
                return;
            }
        }
        if let Some(batch) = batcher.take(false) {
            emit(batch);
        }
    };

    let mut write = |done: Done, summary: &mut Summary| -> io::Result<()> {
        for m in &done.messages {
            progress.suspend(|| eprintln!("{m}"));
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
        if done.flush {
            sink.flush()?;
        }
        progress.inc(1);
        let secs = started.elapsed().as_secs_f64().max(1e-3);
        progress.set_message(format!("{:.1} MB/s", summary.bytes as f64 / 1e6 / secs));
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
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => End::Closed,
        Err(e) => End::WriteError(e),
    }
}

type Writer<'a> = dyn FnMut(Done, &mut Summary) -> io::Result<()> + 'a;

fn sequential(
    rules: &RuleSet,
    cfg: &ExtractConfig,
    produce: impl FnOnce(&mut dyn FnMut(Batch) -> bool),
    write: &mut Writer<'_>,
    summary: &mut Summary,
) -> io::Result<()> {
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
) -> io::Result<()> {
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

/// Extracts the records of a batch of jobs: one result per job, in order.
fn process(rules: &RuleSet, cfg: &ExtractConfig, batch: Batch) -> Vec<Done> {
    /// A job read into a page, or already done with.
    enum Read {
        Page { source: Arc<str>, shown: String, bytes: Vec<u8> },
        Done(Done),
    }
    let failed = |message: String| Read::Done(Done { messages: vec![message], failed: true, ..Done::default() });
    let read: Vec<Read> = batch
        .jobs
        .into_iter()
        .map(|job| match job {
            Job::Problem(m) => failed(m),
            Job::Text(src) => {
                let shown = src.shown().to_string();
                match src.read() {
                    Err(m) => failed(format!("trich: {shown}: {m}")),
                    Ok(bytes) => Read::Page { source: Arc::from(shown.as_str()), shown, bytes },
                }
            }
            Job::JsonLine { file, line, bytes } => {
                let place = format!("{file}:{line}");
                match page_of_line(&bytes, &cfg.text_field, &cfg.id_field) {
                    Err(m) => failed(format!("trich: {place}: {m}, skipped")),
                    Ok((id, text)) => Read::Page {
                        source: Arc::from(id.unwrap_or_else(|| line.to_string()).as_str()),
                        shown: place,
                        bytes: text.into_bytes(),
                    },
                }
            }
        })
        .collect();
    let inputs: Vec<(&Arc<str>, &[u8])> = read
        .iter()
        .filter_map(|r| match r {
            Read::Page { source, bytes, .. } => Some((source, bytes.as_slice())),
            Read::Done(_) => None,
        })
        .collect();
    let mut results = extract::extract_batch(rules, &cfg.options, &inputs).into_iter();
    let mut done: Vec<Done> = read
        .into_iter()
        .map(|r| match r {
            Read::Done(done) => done,
            Read::Page { shown, bytes, .. } => match results.next().expect("one result per page") {
                Ok(x) => Done {
                    messages: x.warnings.iter().map(|w| format!("trich: {shown}: warning: {w}")).collect(),
                    records: x.records,
                    bytes: bytes.len(),
                    page: true,
                    ..Done::default()
                },
                Err(e) => Done {
                    messages: vec![format!("trich: {shown}: {e}")],
                    failed: true,
                    bytes: bytes.len(),
                    ..Done::default()
                },
            },
        })
        .collect();
    if let Some(last) = done.last_mut() {
        last.flush = batch.stalled;
    }
    done
}

/// The page text and id of one JSON Lines record. Only the two fields are kept: the others (a
/// crawl's raw HTML, its headers) are read past without being built.
fn page_of_line(line: &[u8], text_field: &str, id_field: &str) -> Result<(Option<String>, String), String> {
    use serde::de::DeserializeSeed;
    fn read<'de, R: serde_json::de::Read<'de>>(
        mut de: serde_json::Deserializer<R>,
        seed: PageFields<'_>,
    ) -> serde_json::Result<(Option<FieldValue>, Option<FieldValue>)> {
        let fields = seed.deserialize(&mut de)?;
        de.end()?;
        Ok(fields)
    }
    let seed = PageFields { text_field, id_field };
    // A line of valid UTF-8 (nearly every one) is checked once, quickly, and read as text, whose
    // strings need no second check; any other is read as bytes, for the error to say where it breaks.
    let fields = match simdutf8::basic::from_utf8(line) {
        Ok(line) => read(serde_json::Deserializer::from_str(line), seed),
        Err(_) => read(serde_json::Deserializer::from_slice(line), seed),
    };
    let (text, id) = fields.map_err(|e| match e.classify() {
        // Whatever a field holds is taken: only the record itself can be of the wrong type.
        serde_json::error::Category::Data => "not a JSON object".to_string(),
        _ => format!("not JSON ({e})"),
    })?;
    let text = match text {
        Some(FieldValue::Text(s)) => s,
        Some(_) => return Err(format!("field `{text_field}` is not a string")),
        None => return Err(format!("no field `{text_field}`")),
    };
    let id = match id {
        Some(FieldValue::Text(s) | FieldValue::Number(s)) => Some(s),
        _ => None,
    };
    Ok((id, text))
}

/// Reads a JSON object for its text and id fields (the last of each when a key is repeated).
struct PageFields<'f> {
    text_field: &'f str,
    id_field: &'f str,
}

/// What a field holds, as far as a page needs to know.
#[derive(Clone)]
enum FieldValue {
    Text(String),
    /// A number, written as `serde_json` writes it.
    Number(String),
    Other,
}

impl<'de> serde::de::DeserializeSeed<'de> for PageFields<'_> {
    type Value = (Option<FieldValue>, Option<FieldValue>);

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for PageFields<'_> {
    type Value = (Option<FieldValue>, Option<FieldValue>);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut text, mut id) = (None, None);
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let (is_text, is_id) = (key == self.text_field, key == self.id_field);
            if !is_text && !is_id {
                map.next_value::<serde::de::IgnoredAny>()?;
                continue;
            }
            let value: FieldValue = map.next_value()?;
            // The page's text is moved, not copied, unless the same field is also the id.
            match (is_text, is_id) {
                (true, true) => {
                    id = Some(value.clone());
                    text = Some(value);
                }
                (true, false) => text = Some(value),
                _ => id = Some(value),
            }
        }
        Ok((text, id))
    }
}

impl<'de> serde::Deserialize<'de> for FieldValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = FieldValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E>(self, s: &str) -> Result<FieldValue, E> {
                Ok(FieldValue::Text(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<FieldValue, E> {
                Ok(FieldValue::Text(s))
            }
            fn visit_u64<E>(self, n: u64) -> Result<FieldValue, E> {
                Ok(FieldValue::Number(serde_json::Number::from(n).to_string()))
            }
            fn visit_i64<E>(self, n: i64) -> Result<FieldValue, E> {
                Ok(FieldValue::Number(serde_json::Number::from(n).to_string()))
            }
            fn visit_f64<E>(self, n: f64) -> Result<FieldValue, E> {
                Ok(serde_json::Number::from_f64(n).map_or(FieldValue::Other, |n| FieldValue::Number(n.to_string())))
            }
            fn visit_bool<E>(self, _: bool) -> Result<FieldValue, E> {
                Ok(FieldValue::Other)
            }
            fn visit_unit<E>(self) -> Result<FieldValue, E> {
                Ok(FieldValue::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<FieldValue, A::Error> {
                while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
                Ok(FieldValue::Other)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<FieldValue, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(FieldValue::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// Streams the lines of a JSON Lines input as jobs; blank lines are skipped. Each job goes with
/// whether the next line is ready, so that a batch is not held back waiting for it (see `Lines`).
fn stream_jsonl(src: &Source, emit: &mut dyn FnMut(Job, bool) -> bool) -> bool {
    let shown: Arc<str> = Arc::from(src.shown());
    let reader: Box<dyn Read + Send> = match src {
        Source::Stdin => Box::new(io::stdin()),
        Source::File { path, .. } => match std::fs::File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return emit(Job::Problem(format!("trich: {shown}: {}", input::io_message(&e))), true),
        },
    };
    let mut lines = Lines::new(reader);
    let mut line = 0usize;
    while let Some(read) = lines.next() {
        match read {
            Ok(buf) => {
                line += 1;
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let ready = lines.ready();
                if !emit(Job::JsonLine { file: Arc::clone(&shown), line, bytes: buf }, ready) {
                    return false;
                }
            }
            Err(e) => return emit(Job::Problem(format!("trich: {shown}: {}", input::io_message(&e))), true),
        }
    }
    true
}

/// The lines of an input, read ahead on a thread of their own: reading overlaps extracting, and
/// whether the next line is there can be asked without blocking for long.
struct Lines {
    rx: Receiver<io::Result<Vec<u8>>>,
    ahead: Option<io::Result<Vec<u8>>>,
}

/// Lines read ahead at most.
const LINES_AHEAD: usize = 16;

/// How long a line may take to come before the next line counts as not ready: a file's or a
/// buffered pipe's lines come in microseconds; a writer that pauses longer is waiting for something.
const READY_WAIT: Duration = Duration::from_millis(5);

impl Lines {
    fn new(reader: Box<dyn Read + Send>) -> Lines {
        let (tx, rx) = sync_channel(LINES_AHEAD);
        // Ends at the end of the input, at a read error, or when no one is reading any more.
        std::thread::spawn(move || {
            let mut reader = BufReader::with_capacity(1 << 16, reader);
            loop {
                let mut buf = Vec::new();
                let read = match reader.read_until(b'\n', &mut buf) {
                    Ok(0) => return,
                    Ok(_) => Ok(buf),
                    Err(e) => Err(e),
                };
                let failed = read.is_err();
                if tx.send(read).is_err() || failed {
                    return;
                }
            }
        });
        Lines { rx, ahead: None }
    }

    /// The next line, or its read error; None at the end.
    fn next(&mut self) -> Option<io::Result<Vec<u8>>> {
        self.ahead.take().or_else(|| self.rx.recv().ok())
    }

    /// Whether the next line (or the end) is there, waiting [`READY_WAIT`] for it at most.
    fn ready(&mut self) -> bool {
        if self.ahead.is_some() {
            return true;
        }
        match self.rx.recv_timeout(READY_WAIT) {
            Ok(read) => {
                self.ahead = Some(read);
                true
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        }
    }
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
        Job::JsonLine { file: Arc::from("t.jsonl"), line: n, bytes: vec![b' '; n] }
    }

    fn lines_of(batch: &Batch) -> Vec<usize> {
        batch.jobs.iter().map(|j| if let Job::JsonLine { line, .. } = j { *line } else { 0 }).collect()
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

    /// A reader whose first read gives a line and whose second waits before giving another.
    struct Pausing(usize);

    impl Read for Pausing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.0 += 1;
            let text: &[u8] = match self.0 {
                1 => b"one\n",
                2 => {
                    std::thread::sleep(Duration::from_millis(300));
                    b"two\n"
                }
                _ => b"",
            };
            buf[..text.len()].copy_from_slice(text);
            Ok(text.len())
        }
    }

    #[test]
    fn a_line_that_does_not_come_is_not_ready_and_still_comes() {
        let mut lines = Lines::new(Box::new(Pausing(0)));
        assert_eq!(lines.next().expect("a line").expect("read"), b"one\n");
        assert!(!lines.ready(), "the second line is 300 ms away");
        assert_eq!(lines.next().expect("a line").expect("read"), b"two\n");
        assert!(lines.next().is_none());
    }

    /// What reading the whole record as a JSON value says: the reference the field reader is held to.
    fn by_value(line: &[u8], text_field: &str, id_field: &str) -> Result<(Option<String>, String), String> {
        let value: serde_json::Value = serde_json::from_slice(line).map_err(|e| format!("not JSON ({e})"))?;
        let obj = value.as_object().ok_or("not a JSON object")?;
        let text = match obj.get(text_field) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(_) => return Err(format!("field `{text_field}` is not a string")),
            None => return Err(format!("no field `{text_field}`")),
        };
        let id = match obj.get(id_field) {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        Ok((id, text))
    }

    #[test]
    fn json_lines_fields_read_as_the_whole_record_says() {
        let lines = [
            r#"{"id": "a-1", "text": "Nghị quyết 20-NQ/TW", "html": "<p>x</p>", "meta": {"a": [1, {"b": null}]}}"#,
            r#"{"text": "t", "id": 7}"#,
            r#"{"text": "t", "id": -7}"#,
            r#"{"text": "t", "id": 7.5}"#,
            r#"{"text": "t", "id": 1e20}"#,
            r#"{"text": "t", "id": 18446744073709551615}"#,
            r#"{"text": "t", "id": true}"#,
            r#"{"text": "t", "id": null}"#,
            r#"{"text": "t", "id": {"x": 1}}"#,
            r#"{"text": "t", "id": [1, 2]}"#,
            r#"{"text": "first", "text": "last", "id": "1", "id": 2}"#,
            r#"{"te\u0078t": "escaped key", "\u0069d": "x\"y\\z\n"}"#,
            r#"{"id": "no text"}"#,
            r#"{"text": 5}"#,
            r#"{"text": null}"#,
            r#"{"text": ["a"]}"#,
            r#"{}"#,
            r#"[1, 2]"#,
            r#""text""#,
            r#"5"#,
            r#"{not json"#,
            r#"{"text": "t"} trailing"#,
            r#"{"text": "t",}"#,
            "{\"text\": \"\u{1F600} đồng\"}",
            "",
        ];
        for line in lines {
            for (text_field, id_field) in [("text", "id"), ("id", "text"), ("text", "text"), ("body", "id")] {
                let got = page_of_line(line.as_bytes(), text_field, id_field);
                let want = by_value(line.as_bytes(), text_field, id_field);
                match (&got, &want) {
                    // The words of a syntax error may differ; that it is one may not.
                    (Err(g), Err(w)) if w.starts_with("not JSON") => assert!(g.starts_with("not JSON"), "{line}: {g}"),
                    _ => assert_eq!(got, want, "{line} ({text_field}, {id_field})"),
                }
            }
        }
        // Lines that are not UTF-8: the field read must be; one read past is not built, nor checked.
        for line in
            [&b"{\"text\": \"a\xff b\"}"[..], b"{\"text\": \"\xe1\xbb\"}", b"{\"id\": \"\xc3\x28\", \"text\": \"t\"}"]
        {
            let got = page_of_line(line, "text", "id").expect_err("not UTF-8");
            assert!(got.starts_with("not JSON"), "{got}");
        }
        let read_past = b"{\"raw\": \"\xc3\x28\", \"text\": \"t\"}";
        assert_eq!(page_of_line(read_past, "text", "id"), Ok((None, "t".to_string())));
    }
}
