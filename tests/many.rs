//! `extract::extract_many`, the entry point for programs that hold many pages in memory: each page
//! gets what it gets alone, in input order, whatever the number of threads, with a page that cannot
//! be read failing in its own place.

use std::path::PathBuf;
use std::sync::Arc;

use trich::extract::{self, BATCH_BYTES, BATCH_PAGES, Extraction, Options};
use trich::record::Kind;
use trich::rules::RuleSet;

fn fixture_pages() -> Vec<Vec<u8>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 40, "the fixture pages");
    paths.iter().map(|p| std::fs::read(p).expect("fixture page")).collect()
}

/// What a result says, to compare: the records and warnings, or the error.
fn shown(r: &Result<Extraction, trich::read::decode::DecodeError>) -> String {
    match r {
        Ok(x) => format!("{:?}\n{:?}", x.records, x.warnings),
        Err(e) => format!("error: {e}"),
    }
}

#[test]
fn many_pages_on_any_number_of_threads_get_what_each_gets_alone_in_order() {
    let rules = RuleSet::builtin().expect("built-in rules");
    // The first fixture page, then pages of three fixture pages each: large enough that a batch
    // fills by its bytes before it fills by its pages.
    let fixtures = fixture_pages();
    let joined = fixtures[1..].chunks(3).map(|c| c.join(&b"\n\n"[..]));
    let mut pages: Vec<Vec<u8>> = std::iter::once(fixtures[0].clone()).chain(joined).collect();
    // Pages that fail or give nothing keep their place among the others.
    pages.insert(3, b"a page with a NUL \0 byte".to_vec());
    pages.insert(7, Vec::new());
    pages.insert(9, b"\xFF\xFEU\0T\0F\0-\x001\x006\0".to_vec());
    // More bytes than two batches hold, each page with a source of its own.
    let mut bytes = 0;
    let pages: Vec<Vec<u8>> = pages
        .iter()
        .cycle()
        .take_while(|p| {
            bytes += p.len();
            bytes <= 2 * BATCH_BYTES + p.len()
        })
        .cloned()
        .collect();
    let sources: Vec<Arc<str>> = (0..pages.len()).map(|i| Arc::from(format!("page-{i}").as_str())).collect();
    let inputs: Vec<(&Arc<str>, &[u8])> = sources.iter().zip(&pages).map(|(s, p)| (s, p.as_slice())).collect();
    let cut = extract::many::batches(&inputs);
    assert!(cut.len() >= 2 && cut.iter().all(|b| b.len() < BATCH_PAGES), "batches closed by bytes: {cut:?}");
    let all_zones = Options { all_zones: true, ..Options::default() };
    for (opts, jobs) in [(Options::default(), &[1, 3][..]), (all_zones, &[2][..])] {
        let alone: Vec<String> = inputs.iter().map(|(s, p)| shown(&extract::extract(&rules, &opts, s, p))).collect();
        assert!(alone[3].starts_with("error: binary"), "{}", alone[3]);
        assert!(alone.iter().filter(|a| a.contains("Document")).count() > 50, "the pages have records");
        for &jobs in jobs {
            let many: Vec<String> = extract::extract_many(&rules, &opts, &inputs, jobs).iter().map(shown).collect();
            assert_eq!(many.len(), alone.len(), "one result per page with {jobs} jobs");
            for (i, (m, a)) in many.iter().zip(&alone).enumerate() {
                assert_eq!(m, a, "page {i} with {jobs} jobs");
            }
        }
    }
    let one = extract::extract_many(&rules, &Options::default(), &inputs[..1], 4);
    assert_eq!(one.len(), 1);
    let records = &one[0].as_ref().expect("the first page reads").records;
    assert!(records.iter().all(|r| &*r.source == "page-0") && records.iter().any(|r| r.kind == Kind::Page));
    assert!(extract::extract_many(&rules, &Options::default(), &[], 4).is_empty());
}
