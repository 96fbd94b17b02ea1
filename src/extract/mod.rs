//! One page in, its records out: decode, normalise, zone, match, build, resolve, map offsets back.

pub mod context;
pub mod document;
pub mod many;
pub mod official;
pub mod page;
pub mod quantity;

use std::sync::Arc;

use crate::engine::{self, RawMatch, Scope};
use crate::normalize;
use crate::offsets::ChainMap;
use crate::read::decode::{self, DecodeError, Decoded, SpanText};
use crate::record::{Kind, Record, Value, Zone};
use crate::rules::{Rule, RuleKind, RuleSet};
use crate::zones::{self, Layout, Line, ZoneLexicons};

pub use many::{BATCH_BYTES, BATCH_PAGES, batch_is_full, extract_many};

/// A set of kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindSet([bool; 5]);

impl KindSet {
    pub fn all() -> Self {
        KindSet([true; 5])
    }
    pub fn none() -> Self {
        KindSet([false; 5])
    }
    pub fn only(kinds: &[Kind]) -> Self {
        let mut s = Self::none();
        for k in kinds {
            s.insert(*k);
        }
        s
    }
    pub fn insert(&mut self, k: Kind) {
        self.0[k as usize] = true;
    }
    pub fn contains(&self, k: Kind) -> bool {
        self.0[k as usize]
    }
    pub fn iter(&self) -> impl Iterator<Item = Kind> + '_ {
        Kind::ALL.into_iter().filter(|k| self.contains(*k))
    }
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
    /// The kinds named, each singular or plural (`document`, `documents`), or `all`; the first name
    /// that is none of them is the error. No names, no kinds.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Self, &'a str> {
        let mut set = Self::none();
        for name in names {
            if name == "all" {
                set = Self::all();
            } else {
                set.insert(Kind::parse(name).ok_or(name)?);
            }
        }
        Ok(set)
    }
}

/// What to extract and where.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub kinds: KindSet,
    /// Read related-article lists and navigation too.
    pub all_zones: bool,
    /// Treat the whole input as article body, without looking for a headline (rule examples).
    pub whole_body: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { kinds: KindSet::all(), all_zones: false, whole_body: false }
    }
}

/// A record before offsets are mapped back: spans are in the normalised text.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub kind: Kind,
    pub rule: u16,
    pub start: usize,
    pub end: usize,
    pub fields: Vec<Value>,
}

/// What a production sees of one match.
pub struct Production<'a> {
    pub rules: &'a RuleSet,
    pub text: &'a str,
    pub m: &'a RawMatch<'a>,
}

impl<'a> Production<'a> {
    pub fn rule(&self) -> &'a Rule {
        &self.rules.rules[self.m.rule as usize]
    }

    pub fn group(&self, name: &str) -> Option<&'a str> {
        self.m.group(self.rules, self.text, name).filter(|s| !s.trim().is_empty())
    }

    pub fn span(&self, name: &str) -> Option<(usize, usize)> {
        self.m.span(self.rules, name)
    }

    /// A candidate spanning the match, with `set` fields of the rule filled in where the production
    /// left them empty.
    pub fn candidate(&self, kind: Kind, mut fields: Vec<Value>) -> Candidate {
        for (field, value) in &self.rule().set {
            if let Some(i) = kind.field_index(field)
                && fields[i].is_null()
            {
                fields[i] = Value::str(value.clone());
            }
        }
        let (start, end) = self.span("text").unwrap_or((self.m.start, self.m.end));
        Candidate { kind, rule: self.m.rule, start, end, fields }
    }
}

/// The records of one input, and what went wrong reading it without stopping it.
#[derive(Debug, Default)]
pub struct Extraction {
    pub records: Vec<Record>,
    pub warnings: Vec<String>,
}

/// Extracts the records of one input read as UTF-8 text. `source` is the name records carry (`-` for
/// stdin).
pub fn extract(rules: &RuleSet, opts: &Options, source: &Arc<str>, bytes: &[u8]) -> Result<Extraction, DecodeError> {
    extract_batch(rules, opts, &[(source, bytes)]).pop().expect("one result per input")
}

/// [`extract_pages`] over inputs read as UTF-8 text: one result per input, in order.
pub fn extract_batch(
    rules: &RuleSet,
    opts: &Options,
    inputs: &[(&Arc<str>, &[u8])],
) -> Vec<Result<Extraction, DecodeError>> {
    let decoded: Vec<Result<Decoded<'_>, DecodeError>> = inputs.iter().map(|(_, b)| decode::decode(b)).collect();
    let pages: Vec<(&Arc<str>, &Decoded<'_>)> =
        inputs.iter().zip(&decoded).filter_map(|((s, _), d)| Some((*s, d.as_ref().ok()?))).collect();
    let mut found = extract_pages(rules, opts, &pages).into_iter();
    decoded.into_iter().map(|d| d.map(|_| found.next().expect("one result per page"))).collect()
}

/// Extracts the records of several decoded pages, each as it would alone: the pages are matched
/// together, which is faster (see [`engine::find_matches`]), and nothing of one page reaches the
/// records of another. One result per page, in order.
pub fn extract_pages(rules: &RuleSet, opts: &Options, inputs: &[(&Arc<str>, &Decoded<'_>)]) -> Vec<Extraction> {
    let mut results: Vec<Option<Extraction>> = Vec::with_capacity(inputs.len());
    let lexicons = zone_lexicons(rules);
    let normed: Vec<_> = inputs
        .iter()
        .map(|(_, d)| {
            let mut norm = normalize::normalize(&d.text);
            // A web page's lines are its blocks; a text's may be wrapped inside a paragraph.
            let wraps =
                if d.structure.is_none() { zones::read_soft_wraps(&mut norm.text, &lexicons) } else { Vec::new() };
            (norm, wraps)
        })
        .collect();
    let mut pages = Vec::with_capacity(normed.len());
    for (i, ((_, d), (norm, wraps))) in inputs.iter().zip(&normed).enumerate() {
        let text: &str = &norm.text;
        let mut warnings: Vec<String> = d.warnings().collect();
        if text.trim().is_empty() {
            warnings.push("empty input, nothing to extract".to_string());
            results.push(Some(Extraction { records: Vec::new(), warnings }));
            continue;
        }
        results.push(None);
        let layout = if opts.whole_body {
            let mut l = zones::layout("", &lexicons, &[]);
            l.lines = whole_body_lines(text);
            l.title = None;
            l
        } else if let Some(s) = &d.structure {
            // The markup's marks are on the decoded text's lines; a normalised line starts where
            // its first character came from.
            zones::layout_marked(text, &lexicons, &|p| s.mark_at(norm.map.start(p)))
        } else {
            zones::layout(text, &lexicons, wraps)
        };
        pages.push((i, *d, norm, layout, warnings));
    }
    let views: Vec<(&str, &Layout)> = pages.iter().map(|(_, _, norm, layout, _)| (&*norm.text, layout)).collect();
    let found = find_candidates(rules, opts, &views);
    for ((i, d, norm, layout, warnings), candidates) in pages.into_iter().zip(found) {
        let source = inputs[i].0;
        let map = ChainMap { outer: &norm.map, inner: &d.map };
        let (datelines, candidates): (Vec<Candidate>, Vec<Candidate>) =
            candidates.into_iter().partition(|c| c.kind == Kind::Page);
        let page = PageText {
            source,
            bytes: d.original,
            decoded: &d.text,
            spans: d.spans,
            text: &norm.text,
            map,
            layout: &layout,
            line_starts: d.line_starts.clone().unwrap_or_else(|| line_starts(d.original)),
            meta: d.structure.as_ref().map(|s| &s.meta),
        };
        let mut contexts = context::Contexts::default();
        let mut records: Vec<Record> = candidates
            .into_iter()
            .filter(|c| opts.kinds.contains(c.kind))
            .map(|c| page.record(rules, c, &mut contexts))
            .collect();
        let first = datelines.iter().min_by_key(|c| c.start);
        // Text read as body (a rule's example) has no page of its own, only perhaps a dateline.
        if opts.kinds.contains(Kind::Page) && (!opts.whole_body || first.is_some()) {
            records.push(page::page_record(&page, first));
        }
        records.sort_by_key(|r| (r.start, r.end, r.kind));
        results[i] = Some(Extraction { records, warnings });
    }
    results.into_iter().map(|r| r.expect("every page has its result")).collect()
}

/// Matches every rule needed for the kinds asked for on each page (its normalised text and layout)
/// and resolves overlaps: the candidates of each page, in order.
pub fn find_candidates(rules: &RuleSet, opts: &Options, pages: &[(&str, &Layout)]) -> Vec<Vec<Candidate>> {
    let mut needed = opts.kinds;
    // Document numbers and their dates are not statistics: documents are found to rule them out.
    if needed.contains(Kind::Statistic) || needed.contains(Kind::Percentage) {
        needed.insert(Kind::Document);
    }
    let all_zones = opts.all_zones;
    let zone_ok = move |z: Zone| all_zones || z.is_article();
    let whole_body = opts.whole_body;
    let rule_ok = move |k: RuleKind| match k {
        // Datelines are read on dateline lines only, in a pass of their own below.
        RuleKind::Extract(Kind::Page) => whole_body && needed.contains(Kind::Page),
        RuleKind::Extract(k) => needed.contains(k),
        RuleKind::Exclude => {
            needed.contains(Kind::Statistic) || needed.contains(Kind::Percentage) || needed.contains(Kind::Official)
        }
    };
    let mut cands: Vec<Vec<Candidate>> = vec![Vec::new(); pages.len()];
    let mut exclusions: Vec<Vec<(usize, usize, &[Kind])>> = vec![Vec::new(); pages.len()];
    let mut take = |page: usize, m: &RawMatch<'_>| {
        let rule = &rules.rules[m.rule as usize];
        let p = Production { rules, text: pages[page].0, m };
        let c = match rule.kind {
            RuleKind::Exclude => {
                if !opens_inside_a_word(rules, pages[page].0, m.start)
                    && !label_before_amount(pages[page].0, m.start, m.end)
                    && !measured_per_year(rules, pages[page].0, m.start, m.end)
                    && !amount_after_label(rules, pages[page].0, m.end)
                {
                    exclusions[page].push((m.start, m.end, &rule.applies_to));
                }
                return None;
            }
            RuleKind::Extract(Kind::Document) => document::build(&p),
            RuleKind::Extract(Kind::Official) => {
                // One match may name several officials: the span covered is all of theirs.
                let before = cands[page].len();
                official::build(&p, &mut cands[page]);
                let made = &cands[page][before..];
                let start = made.iter().map(|c| c.start).min()?;
                return Some((start, made.iter().map(|c| c.end).max()?));
            }
            RuleKind::Extract(Kind::Statistic) => quantity::build_statistic(&p),
            RuleKind::Extract(Kind::Percentage) => quantity::build_percentage(&p),
            RuleKind::Extract(Kind::Page) => page::build(&p),
        }?;
        let span = (c.start, c.end);
        cands[page].push(c);
        Some(span)
    };
    engine::find_matches(rules, &scopes(pages, &zone_ok, &rule_ok), &mut take);
    if needed.contains(Kind::Page) && !whole_body {
        let meta = |z: Zone| z == Zone::Meta;
        let page_rules = |k: RuleKind| k == RuleKind::Extract(Kind::Page);
        engine::find_matches(rules, &scopes(pages, &meta, &page_rules), &mut take);
    }
    cands
        .into_iter()
        .zip(&exclusions)
        .zip(pages)
        .map(|((cands, exclusions), (text, layout))| resolve(rules, text, layout, cands, exclusions))
        .collect()
}

/// What one run of the rules covers on each page: the lines in `zone`, the rules of kinds in `rule`.
fn scopes<'s>(
    pages: &[(&'s str, &'s Layout)],
    zone: &'s dyn Fn(Zone) -> bool,
    rule: &'s dyn Fn(RuleKind) -> bool,
) -> Vec<Scope<'s>> {
    // Exclusions serve only to rule out records (`resolve`).
    pages
        .iter()
        .map(|&(text, layout)| Scope { text, lines: &layout.lines, zone, rule, every_exclusion: false })
        .collect()
}

/// Drops candidates that a stronger reading rules out, and keeps one candidate per span and kind.
fn resolve(
    rules: &RuleSet,
    text: &str,
    layout: &Layout,
    cands: Vec<Candidate>,
    exclusions: &[(usize, usize, &[Kind])],
) -> Vec<Candidate> {
    let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
    let mut by_kind: Vec<Vec<Candidate>> = vec![Vec::new(); Kind::ALL.len()];
    for c in cands {
        by_kind[c.kind as usize].push(c);
    }
    for list in by_kind.iter_mut() {
        // Earliest first; at the same start, the longest.
        list.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.rule));
        let mut kept: Vec<Candidate> = Vec::with_capacity(list.len());
        for c in list.drain(..) {
            if kept.iter().rev().take(8).any(|k| overlaps((k.start, k.end), (c.start, c.end))) {
                continue;
            }
            kept.push(c);
        }
        *list = kept;
    }
    document::law_named_before_its_number(text, &mut by_kind[Kind::Document as usize]);
    document::fill_codes_from_page(text, &mut by_kind[Kind::Document as usize]);
    document::fill_own_number(text, rules, &mut by_kind[Kind::Document as usize]);
    document::issuer_named_before(text, rules, &mut by_kind[Kind::Document as usize]);
    document::share_issuer_over_lists(text, rules, &mut by_kind[Kind::Document as usize]);
    document::drop_issuers_the_symbol_denies(&mut by_kind[Kind::Document as usize]);
    document::share_fields_between_mentions(&mut by_kind[Kind::Document as usize]);
    quantity::join_ranges_said_twice(text, &mut by_kind[Kind::Statistic as usize]);
    let docs = Spans::new(by_kind[Kind::Document as usize].iter().map(|c| (c.start, c.end)));
    // `giảm 0,5 điểm phần trăm` is a percentage; the statistic `0,5 điểm` inside it is not another fact.
    let percentages = Spans::new(by_kind[Kind::Percentage as usize].iter().map(|c| (c.start, c.end)));
    let mut quotes = QuotedTitles::new(text, layout);
    for kind in [Kind::Statistic, Kind::Percentage, Kind::Official] {
        let excluded = Spans::new(exclusions.iter().filter(|(_, _, k)| k.contains(&kind)).map(|(s, e, _)| (*s, *e)));
        by_kind[kind as usize].retain(|c| {
            let span = (c.start, c.end);
            if excluded.overlaps(span) {
                return false;
            }
            if kind == Kind::Statistic && percentages.overlaps(span) {
                return false;
            }
            kind == Kind::Official || (!docs.overlaps(span) && !quotes.contains(span))
        });
    }
    by_kind.into_iter().flatten().collect()
}

/// A set of spans that answers "does anything overlap this?" in logarithmic time, so that a page of
/// any size resolves in O(n log n).
struct Spans {
    /// Sorted by start.
    spans: Vec<(usize, usize)>,
    /// `max_end[i]`: the largest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl Spans {
    fn new(it: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut spans: Vec<(usize, usize)> = it.collect();
        spans.sort_unstable();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for &(_, e) in &spans {
            m = m.max(e);
            max_end.push(m);
        }
        Spans { spans, max_end }
    }

    fn overlaps(&self, (s, e): (usize, usize)) -> bool {
        // Spans starting before `e` overlap when one of them ends after `s`.
        let n = self.spans.partition_point(|&(start, _)| start < e);
        n > 0 && self.max_end[n - 1] > s
    }
}

/// Short quoted titles (`chương trình “75 nghìn sáng kiến”`): numbers inside them are not the
/// article's figures. Quoted speech — with sentences inside — is not a title.
struct QuotedTitles<'a> {
    text: &'a str,
    layout: &'a Layout,
    /// Quoted titles by line, found when a line is first asked about.
    cache: rustc_hash::FxHashMap<usize, Vec<(usize, usize)>>,
}

impl<'a> QuotedTitles<'a> {
    fn new(text: &'a str, layout: &'a Layout) -> Self {
        QuotedTitles { text, layout, cache: rustc_hash::FxHashMap::default() }
    }

    fn contains(&mut self, span: (usize, usize)) -> bool {
        let li = self.layout.line_of(span.0);
        let (text, line) = (self.text, self.layout.lines[li]);
        let spans = self.cache.entry(li).or_insert_with(|| quoted_titles(text, line));
        // Sorted and disjoint: the last one starting at or before the span is the only candidate.
        let i = spans.partition_point(|&(s, _)| s <= span.0);
        i > 0 && span.1 <= spans[i - 1].1
    }
}

/// The name of a body without what a greedy read left at its end: the characters in `punct` and a
/// dangling `và` (`Bộ Công an và`).
pub fn trim_body_end<'s>(s: &'s str, punct: &[char]) -> &'s str {
    let mut s = s.trim_end_matches(punct);
    while let Some(rest) = s.strip_suffix(" và") {
        s = rest.trim_end_matches(punct);
    }
    s
}

fn quoted_titles(text: &str, line: Line) -> Vec<(usize, usize)> {
    let s = &text[line.start..line.end];
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    // Only quotes matter: the positions of their first bytes (`"`, and the lead bytes of `“` `”` and
    // `«` `»`), all character boundaries.
    for i in memchr::memchr3_iter(b'"', 0xE2, 0xC2, s.as_bytes()) {
        let Some(c) = s[i..].chars().next() else { continue };
        match (open, c) {
            (None, '“' | '"' | '«') => open = Some((i + c.len_utf8(), c)),
            (Some((o, q)), '”' | '"' | '»')
                if matches!((q, c), ('“', '”') | ('"', '"') | ('«', '»') | ('“', '"') | ('"', '”')) =>
            {
                let inner = &s[o..i];
                // A sentence inside: `. `, `! `, `? ` or `: `, or one ending it.
                let sentence =
                    inner.as_bytes().windows(2).any(|w| w[1] == b' ' && matches!(w[0], b'.' | b'!' | b'?' | b':'))
                        || inner.trim_end().ends_with(['.', '!', '?']);
                // Words quoted from someone: after a colon (`nhận định: “…”`), from the middle of a text
                // (`quy định “…thu hồi 100% nhà công vụ`), with who said them after (`” - Bộ trưởng`),
                // or ten words or more before a comma (`“Nếu làm được … mua được”, Bí thư … khẳng
                // định`: a title that long is rare, a speech that long common).
                let opened_at = o - q.len_utf8();
                let after = &s[i + c.len_utf8()..];
                let cited = s[..opened_at].trim_end().ends_with(':')
                    || inner.starts_with(['…', '.'])
                    || after.starts_with(" - ")
                    || after.starts_with(" – ")
                    || (after.starts_with(", ") && inner.split_whitespace().nth(9).is_some());
                if !sentence && !cited && inner.split_whitespace().nth(30).is_none() {
                    out.push((line.start + o, line.start + i));
                }
                open = None;
            }
            (Some(_), '“') => open = Some((i + c.len_utf8(), c)),
            _ => {}
        }
    }
    out
}

/// The word lists the zoner reads, from the rules.
pub fn zone_lexicons(rules: &RuleSet) -> ZoneLexicons<'_> {
    ZoneLexicons {
        related_markers: rules.lexicon("related_markers"),
        nav_lines: rules.lexicon("nav_lines"),
        promo_labels: rules.lexicon("promo_labels"),
        wrap_words: rules.lexicon("wrap_words"),
        takes_name: rules.lexicon("takes_name"),
        org_heads: rules.lexicon("org_heads"),
        laws: rules.lexicon("laws"),
    }
}

fn whole_body_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(Line { start, end: nl, zone: Zone::Body });
        start = nl + 1;
    }
    lines.push(Line { start, end: text.len(), zone: Zone::Body });
    lines
}

fn line_starts(bytes: &[u8]) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
    v
}

/// One page's text in both forms, to turn candidates into records.
pub struct PageText<'a> {
    pub source: &'a Arc<str>,
    /// The bytes offsets count.
    pub bytes: &'a [u8],
    /// The text decoded from them, before normalising.
    pub decoded: &'a str,
    pub spans: SpanText,
    /// The normalised text the rules read.
    pub text: &'a str,
    pub map: ChainMap<'a>,
    pub layout: &'a Layout,
    line_starts: Vec<usize>,
    /// What a web page's markup says of the page record's fields.
    pub meta: Option<&'a crate::read::html::PageMeta>,
}

impl PageText<'_> {
    /// A normalised span → original offsets, text and line.
    pub fn original(&self, start: usize, end: usize) -> (usize, usize, String, usize) {
        let os = self.map.start(start).min(self.bytes.len());
        let oe = self.map.end(end).clamp(os, self.bytes.len());
        let text = match self.spans {
            SpanText::Original => String::from_utf8_lossy(&self.bytes[os..oe]).into_owned(),
            SpanText::Decoded => {
                let ds = self.map.outer.start(start).min(self.decoded.len());
                let de = self.map.outer.end(end).clamp(ds, self.decoded.len());
                self.decoded.get(ds..de).unwrap_or_default().to_string()
            }
        };
        let line = self.line_starts.partition_point(|&ls| ls <= os);
        (os, oe, text, line.max(1))
    }

    fn record(&self, rules: &RuleSet, c: Candidate, contexts: &mut context::Contexts) -> Record {
        let (start, end, text, line) = self.original(c.start, c.end);
        let zone = self.layout.lines[self.layout.line_of(c.start)].zone;
        Record {
            source: self.source.clone(),
            kind: c.kind,
            text,
            start,
            end,
            line,
            zone,
            rule: rules.rules[c.rule as usize].id.clone(),
            context: Some(contexts.sentence(self.text, self.layout, c.start, c.end)),
            fields: c.fields,
        }
    }
}

/// Whether an exclusion ending with a label's number (`tuyến 1`, `khoản 1`, `số 1.`) ends inside a
/// number grouped in thousands (`chiều dài tuyến ‹1›.700m`, `một khoản ‹1›.055 tỷ đồng`): a label
/// names by a small number, and that one is an amount. A rank may be any (`chuyến bay thứ 10.000`,
/// `Top 2.000 doanh nghiệp`).
fn label_before_amount(text: &str, start: usize, end: usize) -> bool {
    let before = text[..end].strip_suffix(['.', ',']).unwrap_or(&text[..end]);
    let label = crate::normalize::lower(&text[start..end]);
    if !before.ends_with(|c: char| c.is_ascii_digit())
        || ["thứ", "lần thứ", "top", "hạng"].iter().any(|r| label.starts_with(r))
    {
        return false;
    }
    let rest = &text.as_bytes()[before.len()..];
    matches!(rest.first(), Some(b'.' | b','))
        && rest.get(1..4).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && !rest.get(4).is_some_and(u8::is_ascii_digit)
}

/// Whether an exclusion of a year (`năm ‹N›`) holds a measure made in a year instead (`lượng nước năm
/// 7,95 km³`, `lưu lượng trung bình năm 252 m³/s`): a number that reads as no year — a decimal, or
/// not four digits from 1000 to 2099 — with a unit of measure right after it.
fn measured_per_year(rules: &RuleSet, text: &str, start: usize, end: usize) -> bool {
    let label = &text[start..end];
    if !(label.starts_with("năm ") || label.starts_with("Năm ")) {
        return false;
    }
    let from = start + "năm ".len();
    let len = text[from..].find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(text.len() - from);
    let number = text[from..from + len].trim_end_matches(['.', ',']);
    let decimal = number.contains(',');
    let year = number.len() == 4
        && number.bytes().all(|b| b.is_ascii_digit())
        && (number.starts_with('1') || number.starts_with("20"));
    if number.is_empty() || (year && !decimal) {
        return false;
    }
    measure_opens(rules, &text[from + number.len()..])
}

/// Whether `rest`, right after a number, opens with a unit of measure (after a space or glued:
/// `km³`, `m³/s`, `°C`; lists `units`, `units_as_written`), alone or as the head of a rate.
fn measure_opens(rules: &RuleSet, rest: &str) -> bool {
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let unit_end = rest.find([' ', ',', ';', '\n', ')']).unwrap_or(rest.len());
    let unit = rest[..unit_end].trim_end_matches('.');
    let head = unit.split('/').next().unwrap_or(unit);
    let listed = |u: &str| rules.lexicon("units").contains(u) || rules.lexicon("units_as_written").contains(u);
    !head.is_empty() && (listed(unit) || listed(head))
}

/// Whether an exclusion ending with a label's number reads on into an amount with its unit: a label
/// names by a small whole number, and none is counted in decimals, thousands or millions. The number
/// goes on with decimals and a unit (`toàn tuyến ‹37›,7 km`), perhaps a magnitude between (`một
/// khoản ‹7›,2 triệu USD`), or with a magnitude and a unit (`doanh thu khoản ‹680› tỷ đồng`, `khoản`
/// said for `khoảng`; `mỗi quý ‹350› triệu đồng`), or the exclusion took a number grouped in
/// thousands before a unit (`hỗ trợ hằng tháng ‹150.000› đồng`). A word that only opens like a
/// magnitude is no magnitude (`năm 2017 tỷ lệ …`, `tháng 5 triệu tập …`).
fn amount_after_label(rules: &RuleSet, text: &str, end: usize) -> bool {
    if !text[..end].ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let number = &text[text[..end].trim_end_matches(|c: char| c.is_ascii_digit() || c == '.').len()..end];
    let mut rest = &text[end..];
    if number.contains('.') && crate::extract::quantity::grouped_in_thousands(number) && measure_opens(rules, rest) {
        return true;
    }
    if let Some(decimals) = rest.strip_prefix(',').filter(|d| d.starts_with(|c: char| c.is_ascii_digit())) {
        rest = decimals.trim_start_matches(|c: char| c.is_ascii_digit());
        if measure_opens(rules, rest) {
            return true;
        }
    }
    crate::vi_number::magnitude_after(rest).is_some_and(|len| measure_opens(rules, &rest[len..]))
}

/// Whether a match begins with the second syllable of a word the word before it opens (`triệu
/// ‹tập 120› tổ chức`, `lượng mưa hàng ‹năm 2.000›mm`: `triệu tập`, `hàng năm` of `not_counted`), not
/// with a word of its own (`tập 120`, an episode; `năm 2020`). A year after it is still one (`đầu
/// hàng năm 1842`).
fn opens_inside_a_word(rules: &RuleSet, text: &str, start: usize) -> bool {
    let Some(before) = text[..start].strip_suffix(' ') else { return false };
    let word_start = before.rfind([' ', '\n']).map_or(0, |i| i + 1);
    let mut words = text[start..].split([' ', '\n']);
    let first = words.next().unwrap_or("");
    let digits: String = words.next().unwrap_or("").chars().take_while(char::is_ascii_digit).collect();
    let year = digits.len() == 4 && (digits.starts_with('1') || digits.starts_with("20"));
    word_start < before.len()
        && !year
        && rules.lexicon("not_counted").contains_ci(&format!("{} {first}", &before[word_start..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_before_a_number_grouped_in_thousands_rules_out_nothing() {
        let t = "chiều dài tuyến 1.700m, khoản 1,055 tỷ, khoản 1.2 Điều 5, số 3. Hết, mục 2.1000, thứ 10.000";
        let at = |s: &str| {
            let start = t.find(s).unwrap();
            label_before_amount(t, start, start + s.len())
        };
        assert!(at("tuyến 1"));
        assert!(at("khoản 1"));
        assert!(!at("khoản 1.2"), "a clause's sub-number");
        assert!(!at("số 3."), "a sentence's stop");
        assert!(!at("mục 2"), "four digits after the dot are no group");
        assert!(!at("Điều"), "no number");
        assert!(!at("thứ 1"), "a rank may be any");
    }

    #[test]
    fn quoted_titles_are_short_and_hold_no_sentence() {
        let titles = |s: &str| -> Vec<String> {
            let line = Line { start: 0, end: s.len(), zone: Zone::Body };
            quoted_titles(s, line).into_iter().map(|(a, b)| s[a..b].to_string()).collect()
        };
        assert_eq!(titles("chương trình “75 nghìn sáng kiến” và «Xanh 2030»"), ["75 nghìn sáng kiến", "Xanh 2030"]);
        // Quoted speech: a sentence inside, or too many words.
        for speech in
            ["“Năm nay đạt 5%. Năm sau 7%”", "“Chúng tôi nói: làm ngay”", "“Đạt chưa? Chưa”", "“Tốt! Rất tốt”"]
        {
            assert_eq!(titles(speech), Vec::<String>::new(), "{speech}");
        }
        assert_eq!(titles("“Năm 5.5 và 3:2 tỷ lệ”"), ["Năm 5.5 và 3:2 tỷ lệ"], "no space after the mark");
        // Quoted words: a sentence ended, words after a colon, from the middle of a text, or with who
        // said them after.
        for cited in [
            "thông tin về \"Có bầu cử 34 Chủ tịch không?\"",
            "nhận định: “Kiểm soát lạm phát dưới 4% trong năm nay”",
            "quy định “…thu hồi 100% nhà công vụ”",
            "“Bôxit đã lãi 50 tỉ đồng” - Bộ trưởng nói",
            "“Nếu làm được thì giá nhà chỉ 4-5 triệu đồng/m2 và ai cũng mua được”, Bí thư nói",
        ] {
            assert_eq!(titles(cited), Vec::<String>::new(), "{cited}");
        }
        // A title of fewer than ten words stays one before a comma (`chương trình “…”, do …`).
        assert_eq!(
            titles("chương trình “Chung tay vì 1.000 ngôi nhà cho người nghèo”, do"),
            ["Chung tay vì 1.000 ngôi nhà cho người nghèo"]
        );
        // Dashes, degrees and ellipses share the first bytes of the quotes.
        assert_eq!(titles("– “Trời 30°C – mát…” » «"), ["Trời 30°C – mát…"]);
        assert_eq!(titles("\"Một\" và “Hai\""), ["Một", "Hai"]);
        let words = |n: usize| format!("“{}”", vec!["từ"; n].join(" "));
        assert_eq!(titles(&words(30)).len(), 1);
        assert_eq!(titles(&words(31)).len(), 0);
    }

    /// Every fixture page, with inputs that fail or hold nothing between them.
    fn inputs() -> Vec<(Arc<str>, Vec<u8>)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut out: Vec<(Arc<str>, Vec<u8>)> = Vec::new();
        for sub in ["seeds", "corpus", "heldout"] {
            let mut names: Vec<_> =
                std::fs::read_dir(root.join(sub)).expect("fixtures").flatten().map(|e| e.path()).collect();
            names.sort();
            for path in names.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
                out.push((Arc::from(path.display().to_string().as_str()), std::fs::read(&path).expect("readable")));
            }
        }
        let odd: [&[u8]; 5] =
            [b"", b"  \n\t\n", b"Ngh\xe1\xbb\x8b quy\xff 20-NQ/TW", b"binary\0file", b"\xFF\xFEu\0t\0f\0"];
        for (i, bytes) in odd.into_iter().enumerate() {
            out.insert(i * 7 + 1, (Arc::from(format!("odd-{i}").as_str()), bytes.to_vec()));
        }
        out
    }

    /// A kind asked for alone gets the records it gets among all kinds (documents, read to rule out
    /// the numbers in their codes, are what statistics and percentages depend on).
    #[test]
    fn each_kind_alone_gets_what_it_gets_among_all() {
        let rules = RuleSet::builtin().expect("built-in rules");
        let inputs = inputs();
        let views: Vec<(&Arc<str>, &[u8])> = inputs.iter().map(|(s, b)| (s, b.as_slice())).collect();
        let all = extract_batch(&rules, &Options::default(), &views);
        for kind in [Kind::Page, Kind::Document, Kind::Official] {
            let opts = Options { kinds: KindSet::only(&[kind]), ..Options::default() };
            let mut records = 0;
            for (alone, all) in extract_batch(&rules, &opts, &views).into_iter().zip(&all) {
                let (Ok(alone), Ok(all)) = (alone, all) else { continue };
                let want: Vec<&Record> = all.records.iter().filter(|r| r.kind == kind).collect();
                assert_eq!(alone.records.iter().collect::<Vec<_>>(), want, "{kind}");
                records += want.len();
            }
            assert!(records > 40, "{kind}: {records} records");
        }
    }

    #[test]
    fn pages_extracted_together_give_what_each_gives_alone() {
        let rules = RuleSet::builtin().expect("built-in rules");
        let inputs = inputs();
        assert!(inputs.len() > 30, "the fixtures are there");
        let views: Vec<(&Arc<str>, &[u8])> = inputs.iter().map(|(s, b)| (s, b.as_slice())).collect();
        for opts in [
            Options::default(),
            Options { all_zones: true, ..Options::default() },
            Options { kinds: KindSet::only(&[Kind::Statistic, Kind::Page]), ..Options::default() },
            Options { whole_body: true, all_zones: true, ..Options::default() },
        ] {
            let together = extract_batch(&rules, &opts, &views);
            assert_eq!(together.len(), inputs.len());
            let mut records = 0;
            for ((source, bytes), got) in inputs.iter().zip(together) {
                let alone = extract(&rules, &opts, source, bytes);
                match (got, alone) {
                    (Ok(got), Ok(alone)) => {
                        records += got.records.len();
                        assert!(got.records.iter().all(|r| &r.source == source), "{source}: records of another page");
                        assert_eq!(got.records, alone.records, "{source}: {opts:?}");
                        assert_eq!(got.warnings, alone.warnings, "{source}");
                    }
                    (Err(got), Err(alone)) => assert_eq!(got.to_string(), alone.to_string(), "{source}"),
                    (got, alone) => panic!("{source}: together {got:?}, alone {alone:?}"),
                }
            }
            assert!(records > 500, "{records} records: the pages were read ({opts:?})");
        }
    }
}
