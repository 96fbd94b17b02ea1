//! Many pages held in memory, extracted on several threads: what a program that embeds the library
//! (the Python package, a test) calls instead of running the command line's streaming batch.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Extraction, Options, extract_batch};
use crate::read::decode::DecodeError;
use crate::rules::RuleSet;

/// Pages extracted together at most, and the bytes of input they may hold (a page larger than that
/// is a batch of its own). Matching many pages together is faster than one by one (see
/// [`crate::engine::find_matches`]). The rules' automata have grown to tens of megabytes, and each
/// is read the more often while it is in the processor's cache the more pages a batch holds: 2 MB
/// batches took 5–10% less processor time than 512 KB ones on both crawls, for 10 MB more peak
/// memory with one job and 18 MB with two. The bytes are what should cut a batch: at 256 pages the
/// page limit cut the national news crawl's (3.5 KB a page) at 0.9 MB; at 1,024 they reach 2 MB
/// there too, and one job read that crawl 6% faster (for 3 MB more peak memory; the legal news
/// crawl, 15 KB a page, was already cut by bytes).
pub const BATCH_PAGES: usize = 1024;
pub const BATCH_BYTES: usize = 2 << 20;

/// Whether a batch of `pages` pages holding `bytes` bytes is full: the page that reaches a limit
/// closes the batch it is in.
pub fn batch_is_full(pages: usize, bytes: usize) -> bool {
    pages >= BATCH_PAGES || bytes >= BATCH_BYTES
}

/// The batches `inputs` are cut into, in order, as the command line cuts a stream of pages.
pub fn batches(inputs: &[(&Arc<str>, &[u8])]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, (_, page)) in inputs.iter().enumerate() {
        bytes += page.len();
        if batch_is_full(i + 1 - start, bytes) {
            out.push(start..i + 1);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < inputs.len() {
        out.push(start..inputs.len());
    }
    out
}

/// Extracts many pages on `jobs` threads (at least one), each page as [`super::extract`] would
/// alone: one result per input, in input order, whatever the number of threads. The pages are cut
/// into batches ([`batches`]) that the threads take in turn.
///
/// A panic in a thread is raised again in the caller once every thread has stopped.
pub fn extract_many(
    rules: &RuleSet,
    opts: &Options,
    inputs: &[(&Arc<str>, &[u8])],
    jobs: usize,
) -> Vec<Result<Extraction, DecodeError>> {
    let batches = batches(inputs);
    if inputs.len() > 1 {
        rules.triggers.prepare_fast();
    }
    let jobs = jobs.clamp(1, batches.len().max(1));
    if jobs == 1 {
        return batches.into_iter().flat_map(|r| extract_batch(rules, opts, &inputs[r])).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<Option<Vec<Result<Extraction, DecodeError>>>> = Vec::new();
    done.resize_with(batches.len(), || None);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(range) = batches.get(i) else { break };
                        mine.push((i, extract_batch(rules, opts, &inputs[range.clone()])));
                    }
                    mine
                })
            })
            .collect();
        for worker in workers {
            match worker.join() {
                Ok(mine) => {
                    for (i, results) in mine {
                        done[i] = Some(results);
                    }
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    done.into_iter().flat_map(|d| d.expect("every batch was extracted")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_close_at_the_page_that_fills_them() {
        let source: Arc<str> = Arc::from("-");
        let small = vec![b'a'; 10];
        let big = vec![b'a'; BATCH_BYTES / 2];
        let pages = |sizes: &[&Vec<u8>]| -> Vec<(Arc<str>, Vec<u8>)> {
            sizes.iter().map(|p| (Arc::clone(&source), (*p).clone())).collect()
        };
        let cut = |pages: &[(Arc<str>, Vec<u8>)]| {
            let inputs: Vec<(&Arc<str>, &[u8])> = pages.iter().map(|(s, b)| (s, b.as_slice())).collect();
            batches(&inputs)
        };
        assert_eq!(cut(&[]), Vec::<Range<usize>>::new());
        assert_eq!(cut(&pages(&[&small; 3])), vec![0..3]);
        let many = pages(&vec![&small; BATCH_PAGES * 2 + 1]);
        assert_eq!(
            cut(&many),
            vec![0..BATCH_PAGES, BATCH_PAGES..2 * BATCH_PAGES, 2 * BATCH_PAGES..2 * BATCH_PAGES + 1]
        );
        // By bytes: the second half-limit page reaches the limit and closes its batch.
        assert_eq!(cut(&pages(&[&big, &small, &big, &big, &small])), vec![0..3, 3..5]);
    }
}
