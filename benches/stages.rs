//! Where one thread's time goes, stage by stage, on pages held in memory: decoding and normalising,
//! zoning, the trigger pass, and the whole extraction (every stage but reading the input and writing
//! the records). The stages before the rules of facts are what every byte costs whatever the rules
//! find: together they bound how fast one thread can go.
//!
//!     cargo bench --bench stages             # the benchmark corpus: fixture pages cycled to 50 MB
//!     cargo bench --bench stages -- --seeds  # the five real seed pages cycled to 25 MB
//!
//! Each stage is timed over every page three times: the first run (where the rules' lazy DFAs build
//! the states the text leads them to) and the best are shown.

use std::sync::Arc;
use std::time::{Duration, Instant};

use trich::extract::{KindSet, Options, extract_batch, zone_lexicons};
use trich::record::Kind;
use trich::rules::RuleSet;
use trich::zones::{layout, read_soft_wraps};

/// Pages per batch, as the binary batches a folder.
const BATCH: usize = 256;

fn main() {
    let seeds = std::env::args().any(|a| a == "--seeds");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let subs: &[&str] = if seeds { &["seeds"] } else { &["seeds", "corpus", "heldout"] };
    let mut texts: Vec<Vec<u8>> = Vec::new();
    for sub in subs {
        let mut names: Vec<_> = std::fs::read_dir(root.join(sub))
            .expect("fixtures folder")
            .map(|e| e.expect("fixture entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        names.sort();
        texts.extend(names.iter().map(|p| std::fs::read(p).expect("fixture page")));
    }
    // The same pages bench/run.py writes: the fixtures in a fixed order, cycled.
    let pages = if seeds { 2000 } else { 10_401 };
    let pages: Vec<&[u8]> = (0..pages).map(|i| texts[i % texts.len()].as_slice()).collect();
    let mb = pages.iter().map(|p| p.len()).sum::<usize>() as f64 / 1e6;

    let rules = RuleSet::builtin().expect("built-in rules");
    rules.triggers.prepare_fast();
    while !rules.triggers.fast_ready() {
        std::thread::sleep(Duration::from_millis(10));
    }
    let lexicons = zone_lexicons(&rules);
    let normed: Vec<String> = pages
        .iter()
        .map(|p| trich::normalize::normalize(&trich::read::decode::decode(p).expect("UTF-8").text).text.into_owned())
        .collect();

    println!("{} pages, {mb:.1} MB, one thread", pages.len());
    println!("| stage | seconds (first run) | seconds (best of 3) | MB/s (best) | share of the extraction |");
    println!("|---|---:|---:|---:|---:|");
    let mut rows: Vec<(&str, Timing)> = Vec::new();
    rows.push((
        "decoding and normalising",
        timed(|| {
            pages
                .iter()
                .map(|p| trich::normalize::normalize(&trich::read::decode::decode(p).expect("UTF-8").text).text.len())
                .sum()
        }),
    ));
    rows.push((
        "zoning (soft wraps read too)",
        timed(|| {
            normed
                .iter()
                .map(|t| {
                    let mut text = std::borrow::Cow::Borrowed(t.as_str());
                    let wraps = read_soft_wraps(&mut text, &lexicons);
                    layout(&text, &lexicons, &wraps).lines.len()
                })
                .sum()
        }),
    ));
    rows.push((
        "trigger pass (every line of every page)",
        timed(|| {
            let mut n = 0;
            for t in &normed {
                rules.triggers.each(t, 0, t.len(), |_, _, _| n += 1);
            }
            n
        }),
    ));
    let source: Arc<str> = Arc::from("-");
    let inputs: Vec<(&Arc<str>, &[u8])> = pages.iter().map(|p| (&source, *p)).collect();
    let extract = |opts: &Options| {
        let mut n = 0;
        for batch in inputs.chunks(BATCH) {
            for r in extract_batch(&rules, opts, batch) {
                n += r.map_or(0, |e| e.records.len());
            }
        }
        n
    };
    let pages_only = Options { kinds: KindSet::only(&[Kind::Page]), ..Options::default() };
    rows.push(("extraction, pages only (`--kind page`: no rule of facts)", timed(|| extract(&pages_only))));
    rows.push(("extraction, every kind", timed(|| extract(&Options::default()))));
    let whole = rows.last().expect("rows").1.best;
    for (label, t) in rows {
        println!("| {label} | {:.3} | {:.3} | {:.0} | {:.0}% |", t.first, t.best, mb / t.best, 100.0 * t.best / whole);
    }
}

/// Three timings of `f`, whose result is kept from being optimised away.
fn timed(f: impl Fn() -> usize) -> Timing {
    let runs: Vec<f64> = (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64()
        })
        .collect();
    Timing { first: runs[0], best: runs.iter().copied().fold(f64::INFINITY, f64::min) }
}

/// The first of three runs (the rules' lazy DFAs build their states as the text needs them) and the
/// best.
struct Timing {
    first: f64,
    best: f64,
}
