//! Running the rules over a page: one pass finds every trigger, and each rule is tried anchored at its
//! own triggers only, never by rescanning the page.

use std::cell::RefCell;

use regex_automata::util::captures::Captures;

use crate::record::{Kind, Zone};
use crate::rules::anchored::{End, PrefixCache, RegexCache, ReversePrefix};
use crate::rules::{Rule, RuleKind, RuleSet};
use crate::zones::Line;

/// A rule's match: the span of the match proper and its capture groups.
#[derive(Debug, Clone, Copy)]
pub struct RawMatch<'c> {
    pub rule: u16,
    pub start: usize,
    pub end: usize,
    pub caps: &'c Captures,
}

impl RawMatch<'_> {
    /// The text of a named group, when the rule has it and it took part in the match.
    pub fn group<'t>(&self, rules: &RuleSet, text: &'t str, name: &str) -> Option<&'t str> {
        self.span(rules, name).map(|(s, e)| &text[s..e])
    }

    #[inline]
    pub fn span(&self, rules: &RuleSet, name: &str) -> Option<(usize, usize)> {
        let idx = rules.rules[self.rule as usize].group(name)?;
        self.caps.get_group(idx).map(|sp| (sp.start, sp.end))
    }
}

/// What `find_matches` hands each match to: the index of its page and the match; it answers with
/// the span the match covers, if any.
pub type Take<'t> = dyn FnMut(usize, &RawMatch<'_>) -> Option<(usize, usize)> + 't;

/// One page as a run sees it: its text, and which lines and rules the run covers.
pub struct Scope<'a> {
    pub text: &'a str,
    pub lines: &'a [Line],
    pub zone: &'a dyn Fn(Zone) -> bool,
    pub rule: &'a dyn Fn(RuleKind) -> bool,
    /// Whether every match of an exclusion is handed over. When false, only those that overlap a
    /// span handed back for a record of a kind the exclusion applies to are: an exclusion rules out
    /// the records it overlaps, and the others would rule out nothing.
    pub every_exclusion: bool,
}

/// Hands every match of every rule in scope, on each of `pages`, to `take` (with the index of its
/// page), which builds what it can of it and says what span of the text that covers, if any. A
/// later match of the same kind on the same page that begins inside a covered span (`Phó Chủ tịch …`
/// covers the `Chủ tịch …` inside it, `Nghị quyết số 20-NQ/TW` the `20-NQ/TW`), or begins where it
/// begins and cannot reach as far, would lose to it when records are resolved, so it is not read at
/// all: its capture groups, the costly part of a match, are never filled. (Were the covering record
/// itself ruled out later — by an exclusion, or an earlier record it overlaps — the match skipped
/// might have stood; on the benchmark corpus the output is the same either way.)
///
/// Pages are taken together, phase by phase: triggers on every page, then each rule's automaton at
/// its triggers on every page, then the capture groups kind by kind. An automaton's tables are then
/// read many times while they are in the processor's cache, not once a page after the other rules
/// have pushed them out. (Extracting the benchmark corpus page by page took 1.7 times as long as
/// extracting the same text as one page.)
/// `take` is called page by page in the same order as for each page alone (kind by kind, and in
/// order of start within a kind), so the results do not depend on how pages are batched.
/// `take` must not call `find_matches`: the search caches of the thread are in use.
pub fn find_matches(rules: &RuleSet, pages: &[Scope<'_>], take: &mut Take<'_>) {
    SCRATCH.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|s| s.ruleset != rules.id) {
            *slot = Some(Scratch {
                ruleset: rules.id,
                caches: (0..rules.rules.len()).map(|_| None).collect(),
                prefixes: Prefixes {
                    caches: (0..rules.rules.len()).map(|_| None).collect(),
                    slot: prefix_slots(rules),
                    said: Vec::new(),
                },
                gates: (0..rules.rules.len()).map(|_| None).collect(),
                gate_slot: gate_slots(rules),
                gate_said: Vec::new(),
                attempts: vec![Vec::new(); rules.rules.len()],
                numbers: Vec::new(),
                needed: vec![Vec::new(); rules.triggers.needed_lists],
            });
        }
        let scratch = slot.as_mut().expect("just set");
        // Where to try each rule: (page, position), rule by rule, so that one automaton's tables stay
        // in the processor's cache while it is tried across the pages.
        let attempts = &mut scratch.attempts;
        // The starts of numbers are shared by the rules tried at every number: listed once, in
        // order, rather than once for each of those rules and sorted again with each.
        let numbers = &mut scratch.numbers;
        numbers.clear();
        // Where the words rules need after their triggers (`needs_word`) begin: (page, position), list
        // by list, found by the trigger pass with the triggers.
        let needed = &mut scratch.needed;
        needed.iter_mut().for_each(Vec::clear);
        // Whether a page's scope covers a rule: `wanted[page * rules + rule]`.
        let n_rules = rules.rules.len();
        let mut wanted: Vec<bool> = Vec::with_capacity(pages.len() * n_rules);
        for (page, scope) in pages.iter().enumerate() {
            wanted.extend(rules.rules.iter().map(|r| (scope.rule)(r.kind)));
            let wanted = &wanted[page * n_rules..];
            let page = page as u32;
            let text = scope.text;
            // No rule in scope (`--kind page` reads only datelines, in a run of their own): no pass.
            if !wanted.contains(&true) {
                continue;
            }
            // The line of each attempt is told as the pass reaches it, by a step or two from the line
            // of the attempt before, not looked for again by each rule tried there.
            let (mut trigger_line, mut number_line) = (0, 0);
            for (range_start, range_end) in included_ranges(scope) {
                rules.triggers.each(text, range_start, range_end, |pi, start, end| {
                    if rules.triggers.check_start[pi] && prev_is_alnum(text, start) {
                        return;
                    }
                    // A word trigger ends at the end of a word; a digit may follow (`USD1,23`).
                    if rules.triggers.check_end[pi] && next_is_letter(text, end) {
                        return;
                    }
                    let mut marks = rules.triggers.marks[pi];
                    while marks != 0 {
                        needed[marks.trailing_zeros() as usize].push((page, start));
                        marks &= marks - 1;
                    }
                    let line = line_near(scope.lines, &mut trigger_line, start);
                    // Listed once for the rules tried at the same places, under the first of them.
                    for &rule in &rules.triggers.pattern_leaders[pi] {
                        if wanted[rule as usize] {
                            attempts[rule as usize].push((page, line, start));
                        }
                    }
                });
                if !rules.triggers.number_rules.is_empty() {
                    numbers.extend(
                        number_starts(text, range_start, range_end)
                            .map(|pos| (page, line_near(scope.lines, &mut number_line, pos), pos)),
                    );
                }
            }
        }
        // The pass gives them in order of their ends: in order of their starts for the look-ups.
        needed.iter_mut().for_each(|list| list.sort_unstable());
        let mut at_numbers = vec![false; n_rules];
        for &rule in &rules.triggers.number_rules {
            at_numbers[rule as usize] = true;
        }
        // First where each attempt's match ends, by the DFAs alone. The rules tried at the same
        // places (the same triggers, of the same kind) are tried there one after the other: the
        // page's text and line there are read once for all of them, while in the caches.
        let mut hits: Vec<Hit> = Vec::new();
        // For each rule of a group that needs a text after its trigger (`needs`): the line where it
        // was last looked for, and where the last text on it begins.
        let mut needed_on: Vec<(u32, usize, Option<usize>)> = Vec::new();
        // For each gate: the place it was last asked about, and what it said.
        scratch.gate_said.clear();
        scratch.gate_said.resize(n_rules, (u32::MAX, usize::MAX, false));
        scratch.prefixes.said.clear();
        scratch.prefixes.said.resize(n_rules, (u32::MAX, usize::MAX, 0));
        for together in &rules.triggers.groups {
            let first = together[0] as usize;
            let tries = &mut scratch.attempts[first];
            // In order of page and position; a rule triggered twice at one place is tried once.
            // (A stable sort: the attempts come as a few runs already in order, which it merges.)
            tries.sort();
            tries.dedup();
            // Merged with the numbers, on the pages whose scope covers the rules.
            let numbers: &[Attempt] = if at_numbers[first] { &numbers[..] } else { &[] };
            let merged = Merged {
                a: tries,
                b: numbers,
                i: 0,
                j: 0,
                keep_b: |page: u32| wanted[page as usize * n_rules + first],
            };
            needed_on.clear();
            needed_on.resize(together.len(), (u32::MAX, usize::MAX, None));
            // Each rule of the group, with the word lists before and after which a number is not tried.
            let members: Vec<_> = together
                .iter()
                .map(|&ri| {
                    let rule = &rules.rules[ri as usize];
                    let list = |name: &Option<String>| name.as_deref().map(|list| rules.lexicon(list));
                    (ri, rule, list(&rule.not_before), list(&rule.not_after))
                })
                .collect();
            for (page, line, pos) in merged {
                let scope = &pages[page as usize];
                let text = scope.text;
                let (line, line_start, line_end) = line_bounds(scope.lines, line, pos);
                for (&(ri, rule, not_before, not_after), needed_on) in members.iter().zip(needed_on.iter_mut()) {
                    if not_before.is_some_and(|words| digits_then_word(text, pos, words))
                        || not_after.is_some_and(|words| word_then_digits(text, pos, words))
                    {
                        continue;
                    }
                    // Where no word the rule needs begins after the trigger on its line: no search.
                    if let Some(k) = rules.triggers.rule_needs[ri as usize] {
                        let words = &scratch.needed[k as usize];
                        let next = words.partition_point(|&w| w < (page, pos));
                        if !words.get(next).is_some_and(|&(p, s)| p == page && s < line_end) {
                            continue;
                        }
                    }
                    // Where no match opens (`gate`): no search. The rules of a group that share a gate
                    // ask it once a place. At a number, what may follow its digits is read below.
                    let at_number = at_numbers[ri as usize] && text.as_bytes()[pos].is_ascii_digit();
                    if let Some(gate) = rule.gate.as_ref().filter(|_| !at_number) {
                        let slot = scratch.gate_slot[ri as usize];
                        let said = &mut scratch.gate_said[slot];
                        if (said.0, said.1) != (page, pos) {
                            let gc = scratch.gates[slot].get_or_insert_with(|| gate.create_cache());
                            *said = (page, pos, gate.match_end(gc, text, pos, line_end) != End::NoMatch);
                        }
                        if !said.2 {
                            continue;
                        }
                    }
                    // Where the rule cannot match (no text it needs after the trigger, nor its prefix
                    // before it): no search. The line is read for the texts once, not once a trigger.
                    if let Some(needs) = &rule.needs {
                        if (needed_on.0, needed_on.1) != (page, line) {
                            let last = needs.last_start(&text[line_start..line_end]).map(|s| line_start + s);
                            *needed_on = (page, line, last);
                        }
                        let after = needed_on.2.is_some_and(|s| s >= pos);
                        let mut prefixed = || {
                            let Some(prefix) = rule.prefix.as_ref().filter(|_| needs.or_prefix) else { return false };
                            let s = scratch.prefixes.start(ri, prefix, page, text, line_start, pos);
                            s < pos && !prev_is_alnum(text, s)
                        };
                        if !after && !prefixed() {
                            continue;
                        }
                    }
                    let cache = scratch.caches[ri as usize].get_or_insert_with(|| rule.regex.create_cache());
                    // A number the rule cannot go on from (most, for a document rule): no search.
                    if at_number && !rule.regex.may_follow_digits(cache, text.as_bytes(), pos, line_end) {
                        continue;
                    }
                    // Where the match may begin: at the trigger, or where a prefix before it begins. A
                    // match with a prefix goes on from the trigger as one without would, so the prefix
                    // is looked for only when there is a match at the trigger: trying a document rule at
                    // every number then costs one forward step, not a scan back over the line.
                    let mut found = (pos, rule.regex.match_end(cache, text, pos, line_end));
                    if let Some(prefix) = rule.prefix.as_ref().filter(|_| found.1 != End::NoMatch) {
                        let s = scratch.prefixes.start(ri, prefix, page, text, line_start, pos);
                        if s < pos && !prev_is_alnum(text, s) {
                            let end = rule.regex.match_end(cache, text, s, line_end);
                            if end != End::NoMatch {
                                found = (s, end);
                            }
                        }
                    }
                    let (start, end) = found;
                    let reach = match end {
                        End::NoMatch => continue,
                        End::At(e) => e,
                        End::Unknown => line_end,
                    };
                    // A match at a word is read only when it holds a word it needs (`words_need`).
                    let needs = rule.words_need.as_ref().filter(|_| !text.as_bytes()[pos].is_ascii_digit());
                    if needs.is_some_and(|need| !need.held_by(&text[pos..reach])) {
                        continue;
                    }
                    let group = match rule.kind {
                        RuleKind::Extract(k) => k as usize,
                        // Exclusions differ in what they rule out: none covers another.
                        RuleKind::Exclude => usize::MAX,
                    };
                    hits.push(Hit { group, page, start, reach, rule: ri, end, line_end });
                }
            }
            // Kept for the next batch, unless a huge page made it huge.
            let tries = &mut scratch.attempts[first];
            tries.clear();
            if tries.capacity() > KEPT_ATTEMPTS {
                *tries = Vec::new();
            }
        }
        // Then, kind by kind and page by page from the start of the page, the groups of the matches
        // not covered.
        hits.sort_unstable_by_key(|h| (h.group, h.page, h.start, std::cmp::Reverse(h.reach), h.rule));
        let mut covered: Vec<(usize, usize, u16)> = Vec::new();
        let mut at = (usize::MAX - 1, u32::MAX);
        // The spans taken, of every kind, for the exclusions, which come last.
        let mut taken = Taken::default();
        for h in hits {
            if (h.group, h.page) != at {
                at = (h.group, h.page);
                covered.clear();
            }
            // A record lies within its match, so one that cannot reach past a record taken at the same
            // start is shorter (or as long, and of a later rule): resolving would drop it.
            let loses = |&(s, e, r): &(usize, usize, u16)| {
                (s < h.start && h.start < e) || (s == h.start && (h.reach < e || (h.reach == e && h.rule > r)))
            };
            if h.group != usize::MAX && covered.iter().rev().take(8).any(loses) {
                continue;
            }
            let rule = &rules.rules[h.rule as usize];
            // An exclusion rules out the records it overlaps, of the kinds it applies to; its match lies
            // within what the DFA found, and each record within a span taken: where that overlaps no
            // span taken of those kinds, it rules out nothing, and is not read.
            if h.group == usize::MAX
                && !pages[h.page as usize].every_exclusion
                && !taken.overlapped(h.page, h.start, h.reach, &rule.applies_to)
            {
                continue;
            }
            let text = pages[h.page as usize].text;
            let cache = scratch.caches[h.rule as usize].as_mut().expect("tried above");
            if !rule.regex.captures(cache, text, h.start, h.line_end, h.end) {
                continue;
            }
            let Some(m) = cache.caps.get_group(rule.main_group()) else { continue };
            if m.start == m.end {
                continue;
            }
            let raw = RawMatch { rule: h.rule, start: m.start, end: m.end, caps: &cache.caps };
            if let Some((s, e)) = take(h.page as usize, &raw) {
                covered.push((s, e, h.rule));
                if h.group != usize::MAX {
                    taken.push(h.page, s, e, h.group);
                }
            }
        }
    })
}

/// The caches of the rules' prefixes, one for each prefix however many rules share it
/// ([`prefix_slots`]), and what each said last.
struct Prefixes {
    caches: Vec<Option<PrefixCache>>,
    /// Which of `caches` each rule uses.
    slot: Vec<usize>,
    /// For each of `caches`: the place (page, position) it was last looked for before, and where it
    /// begins there (the rules of a group that share a prefix are tried one after the other).
    said: Vec<(u32, usize, usize)>,
}

impl Prefixes {
    /// Where `prefix`, the prefix of rule `ri`, begins before `pos` on `page` (as far back as
    /// `line_start`): asked of its automaton once a place, however many rules share it.
    fn start(
        &mut self,
        ri: u16,
        prefix: &ReversePrefix,
        page: u32,
        text: &str,
        line_start: usize,
        pos: usize,
    ) -> usize {
        let slot = self.slot[ri as usize];
        let said = &mut self.said[slot];
        if (said.0, said.1) != (page, pos) {
            let pc = self.caches[slot].get_or_insert_with(|| prefix.create_cache());
            *said = (page, pos, prefix.start(pc, text, line_start, pos));
        }
        said.2
    }
}

/// An attempt whose DFA found a match.
struct Hit {
    group: usize,
    page: u32,
    start: usize,
    /// How far the match reaches (the end of its line when the DFA could not tell).
    reach: usize,
    rule: u16,
    end: End,
    line_end: usize,
}

/// The spans `take` answered for records, to tell whether an exclusion overlaps any of a kind.
#[derive(Default)]
struct Taken {
    /// (page, start, end, kind), in the order taken until the first question, then by page and start.
    spans: Vec<(u32, usize, usize, usize)>,
    /// `max_end[i]`: the largest end among the spans of its page up to `i`, once sorted.
    max_end: Vec<usize>,
}

impl Taken {
    fn push(&mut self, page: u32, start: usize, end: usize, kind: usize) {
        debug_assert!(self.max_end.is_empty(), "spans taken after a question");
        self.spans.push((page, start, end, kind));
    }

    /// Whether a span of one of `kinds` taken on `page` overlaps `start..end`.
    fn overlapped(&mut self, page: u32, start: usize, end: usize, kinds: &[Kind]) -> bool {
        if self.max_end.len() != self.spans.len() {
            self.spans.sort_unstable();
            let mut last = (u32::MAX, 0);
            self.max_end = self
                .spans
                .iter()
                .map(|&(p, _, e, _)| {
                    last = if p == last.0 { (p, last.1.max(e)) } else { (p, e) };
                    last.1
                })
                .collect();
        }
        // The spans of the page beginning before `end`, from the last back while any may reach past
        // `start`.
        let upto = self.spans.partition_point(|&(p, s, _, _)| (p, s) < (page, end));
        (0..upto)
            .rev()
            .take_while(|&i| self.spans[i].0 == page && self.max_end[i] > start)
            .any(|i| self.spans[i].2 > start && kinds.iter().any(|&k| k as usize == self.spans[i].3))
    }
}

/// Attempts of one rule whose room is kept from batch to batch: far more than a batch of ordinary
/// pages needs.
const KEPT_ATTEMPTS: usize = 1 << 16;

/// Search caches of one thread, kept from page to page.
struct Scratch {
    ruleset: u64,
    caches: Vec<Option<RegexCache>>,
    /// The rules' prefixes' caches and what they last said.
    prefixes: Prefixes,
    /// The caches of the rules' gates, one for each gate however many rules share it
    /// ([`gate_slots`]).
    gates: Vec<Option<RegexCache>>,
    /// Which of `gates` each rule uses.
    gate_slot: Vec<usize>,
    /// For each of `gates`: the place (page, position) it was last asked about, and whether a match
    /// may open there.
    gate_said: Vec<(u32, usize, bool)>,
    /// Where to try each rule, kept for its capacity.
    attempts: Vec<Vec<Attempt>>,
    /// Where numbers start on the pages, kept for its capacity.
    numbers: Vec<Attempt>,
    /// Where the words of each word list rules need begin on the pages, kept for its capacity.
    needed: Vec<Vec<(u32, usize)>>,
}

/// For each rule, the slot of its prefix's search cache: the first rule with the same prefix's own.
/// Rules that share a prefix share its automaton (the document rules, `{doc_head}`), and so its
/// cache: the states of the reverse search, each costly to build (a state there holds every
/// issuer's name that can end at it), are built once for all of them, not once for each.
fn prefix_slots(rules: &RuleSet) -> Vec<usize> {
    shared_slots(rules, |r| r.prefix.as_ref())
}

/// For each rule, the first rule with the same gate (or itself): whose cache it uses.
fn gate_slots(rules: &RuleSet) -> Vec<usize> {
    shared_slots(rules, |r| r.gate.as_ref())
}

/// For each rule, the first rule that holds the same automaton as its `part` (the same pointer), or
/// the rule itself.
fn shared_slots<T>(rules: &RuleSet, part: impl Fn(&Rule) -> Option<&std::sync::Arc<T>>) -> Vec<usize> {
    let firsts: Vec<Option<&std::sync::Arc<T>>> = rules.rules.iter().map(part).collect();
    firsts
        .iter()
        .enumerate()
        .map(|(ri, p)| {
            let same = |q: &Option<&std::sync::Arc<T>>| p.zip(*q).is_some_and(|(p, q)| std::sync::Arc::ptr_eq(p, q));
            firsts.iter().position(same).unwrap_or(ri)
        })
        .collect()
}

/// The union of two lists in order without repeats, `a` whole and of `b` the entries whose page
/// `keep_b` keeps: the attempts of a rule at its words and at the numbers.
struct Merged<'a, F> {
    a: &'a [Attempt],
    b: &'a [Attempt],
    i: usize,
    j: usize,
    keep_b: F,
}

impl<F: Fn(u32) -> bool> Iterator for Merged<'_, F> {
    type Item = Attempt;

    fn next(&mut self) -> Option<Attempt> {
        while let Some(&b) = self.b.get(self.j) {
            if (self.keep_b)(b.0) {
                break;
            }
            self.j += 1;
        }
        let (a, b) = (self.a.get(self.i).copied(), self.b.get(self.j).copied());
        match (a, b) {
            (Some(a), Some(b)) if a == b => {
                self.i += 1;
                self.j += 1;
                Some(a)
            }
            (Some(a), Some(b)) if b < a => {
                self.j += 1;
                Some(b)
            }
            (Some(a), _) => {
                self.i += 1;
                Some(a)
            }
            (None, b) => {
                self.j += 1;
                b
            }
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Option<Scratch>> = const { RefCell::new(None) };
}

/// Contiguous byte ranges of the lines in scope.
fn included_ranges(scope: &Scope<'_>) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for l in scope.lines {
        if !(scope.zone)(l.zone) {
            continue;
        }
        match ranges.last_mut() {
            Some(last) if last.1 + 1 >= l.start => last.1 = l.end,
            _ => ranges.push((l.start, l.end)),
        }
    }
    ranges
}

/// Where to try a rule: the index of a page, of the line holding the position there (as
/// [`line_near`] tells it, at most `u32::MAX`) and the position. In order of page and position.
type Attempt = (u32, u32, usize);

/// The index of the line holding `pos` (the first line ending at or after it), walking from line
/// `*near`, where the line of a position close before or after it was found; `*near` becomes the
/// answer. A pass that tells the lines of positions in order walks each line once.
fn line_near(lines: &[Line], near: &mut usize, pos: usize) -> u32 {
    let mut i = (*near).min(lines.len());
    while i > 0 && lines[i - 1].end >= pos {
        i -= 1;
    }
    while lines.get(i).is_some_and(|l| l.end < pos) {
        i += 1;
    }
    *near = i;
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The index, start and end of the line `line` holding `pos` (as [`line_near`] told it); where the
/// page has no line there, `pos` is taken for both ends. A page of more lines than the index holds
/// has the rest looked for by halving.
fn line_bounds(lines: &[Line], line: u32, pos: usize) -> (usize, usize, usize) {
    let i = if line == u32::MAX { lines.partition_point(|l| l.end < pos) } else { line as usize };
    lines.get(i).map_or((i, pos, pos), |l| (i, l.start, l.end))
}

/// Offsets where a number written in digits starts: a digit after no letter or digit, and not the
/// continuation of a number (`1.234`, `3/9`, `17:33` start once).
fn number_starts(text: &str, from: usize, to: usize) -> NumberStarts<'_> {
    NumberStarts { text, at: from, to }
}

/// The starts of numbers in `text[at..to]`, found by skipping eight bytes at a time past text with
/// no digit (most of a page: a byte-by-byte look at every byte of every page was 3% of the time).
struct NumberStarts<'t> {
    text: &'t str,
    at: usize,
    to: usize,
}

impl Iterator for NumberStarts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        while self.at < self.to {
            if let Some(word) = bytes.get(self.at..self.at + 8).filter(|_| self.at + 8 <= self.to)
                && !has_digit(u64::from_le_bytes(word.try_into().expect("eight bytes")))
            {
                self.at += 8;
                continue;
            }
            let i = self.at;
            self.at += 1;
            if is_number_start(self.text, i) {
                return Some(i);
            }
        }
        None
    }
}

/// Whether any of the eight bytes of `word` is an ASCII digit: a byte XOR `0x30` is below 10 only
/// for `0`–`9`, and the test of whether any byte is below 10 is exact.
#[inline(always)]
fn has_digit(word: u64) -> bool {
    const ONES: u64 = u64::MAX / 255;
    let x = word ^ (ONES * 0x30);
    x.wrapping_sub(ONES * 10) & !x & (ONES * 0x80) != 0
}

/// Whether a number in digits starts at `i`.
#[inline(always)]
fn is_number_start(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    if !bytes[i].is_ascii_digit() {
        return false;
    }
    if i == 0 {
        return true;
    }
    let p = bytes[i - 1];
    if p.is_ascii_digit() || p.is_ascii_alphabetic() {
        return false;
    }
    if matches!(p, b'.' | b',' | b'/' | b':') && i >= 2 && bytes[i - 2].is_ascii_digit() {
        return false;
    }
    if p >= 0x80 {
        return !prev_is_alnum(text, i) || glued_to_from(text, i);
    }
    true
}

/// `từ10.000.000 đồng đến …`: `từ` (from) glued to the number that opens a range, a space lost.
#[cold]
fn glued_to_from(text: &str, i: usize) -> bool {
    text[..i].strip_suffix("từ").is_some_and(|before| !prev_is_alnum(before, before.len()))
}

/// A number in digits at `pos`, then a space and a word of `words` (`15 tháng`, `3,5 của`): the
/// word must end there (`15 thángX` is not it) and be written as listed.
fn digits_then_word(text: &str, pos: usize, words: &crate::rules::lexicon::Lexicon) -> bool {
    let b = text.as_bytes();
    let mut i = pos;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b',') {
        i += 1;
    }
    // Digits, ending in one (`2020.` ends a sentence), then one space.
    if i == pos || !b[i - 1].is_ascii_digit() || b.get(i) != Some(&b' ') {
        return false;
    }
    let rest = &text[i + 1..];
    let end = rest.find(|c: char| !crate::normalize::is_letter_or_digit(c)).unwrap_or(rest.len());
    end > 0 && words.contains(&rest[..end])
}

/// A word of `words`, then one space and a number in digits at `pos` (`Điều 13`, `khoản 2`) that goes
/// on with no decimal mark or group of thousands (`điều 800.000 quân` is troops sent), nor with a
/// magnitude (`doanh thu khoản 680 tỷ đồng`, `khoản` said for `khoảng`): the word must begin there
/// (`XĐiều 13` is not it) and be written as listed.
fn word_then_digits(text: &str, pos: usize, words: &crate::rules::lexicon::Lexicon) -> bool {
    let b = text.as_bytes();
    let Some(before) = text[..pos].strip_suffix(' ') else { return false };
    let word = before.rsplit(|c: char| !crate::normalize::is_letter_or_digit(c)).next().unwrap_or("");
    if word.is_empty() || !words.contains(word) {
        return false;
    }
    let mut i = pos;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i > pos
        && !(matches!(b.get(i), Some(b'.' | b',')) && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        && crate::vi_number::magnitude_after(&text[i..]).is_none()
}

pub fn prev_is_alnum(text: &str, i: usize) -> bool {
    text[..i].chars().next_back().is_some_and(crate::normalize::is_letter_or_digit)
}

pub fn next_is_letter(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_some_and(crate::normalize::is_letter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_of_an_attempt_is_the_first_ending_at_or_after_it() {
        // Lines of 0 to 9 bytes, one byte apart, some empty.
        let mut lines = Vec::new();
        let mut at = 0;
        for i in 0..40 {
            let len = i * 7 % 10;
            lines.push(Line { start: at, end: at + len, zone: Zone::Body });
            at += len + 1;
        }
        // Walking from any line, before or after the answer (or past the last line), finds it.
        for near in [0, 1, 3, 10, 39, 40, 41, 100] {
            for pos in 0..at + 2 {
                let first = lines.iter().position(|l| l.end >= pos).unwrap_or(lines.len());
                let mut walked = near;
                assert_eq!(line_near(&lines, &mut walked, pos), first as u32, "from line {near}, at {pos}");
                assert_eq!(walked, first, "from line {near}, at {pos}");
                let (i, start, end) = line_bounds(&lines, first as u32, pos);
                assert_eq!((i, start, end), line_bounds(&lines, u32::MAX, pos), "at {pos}");
                assert_eq!((start, end), lines.get(first).map_or((pos, pos), |l| (l.start, l.end)));
            }
        }
    }

    /// The rule ids and texts `find_matches` hands over, each taken as covering its `text` group (as
    /// a document's record does) or else its whole match.
    fn taken(text: &str) -> Vec<(String, String)> {
        let rules = RuleSet::builtin().expect("built-in rules");
        let lines = vec![Line { start: 0, end: text.len(), zone: Zone::Body }];
        let scope =
            Scope { text, lines: &lines, zone: &|_| true, rule: &|k| k != RuleKind::Exclude, every_exclusion: true };
        let mut out = Vec::new();
        find_matches(&rules, &[scope], &mut |_, m| {
            let (s, e) = m.span(&rules, "text").unwrap_or((m.start, m.end));
            out.push((rules.rules[m.rule as usize].id.to_string(), text[s..e].to_string()));
            Some((s, e))
        });
        out
    }

    #[test]
    fn a_match_inside_a_taken_one_of_its_kind_is_not_read() {
        let got = taken("Phó Chủ tịch UBND tỉnh Nghệ An Nguyễn Văn Bình phát biểu");
        let officials: Vec<&str> =
            got.iter().filter(|(id, _)| id.starts_with("official")).map(|(_, t)| t.as_str()).collect();
        // `Chủ tịch …` inside it is a trigger too, and would match on its own.
        assert_eq!(officials, vec!["Phó Chủ tịch UBND tỉnh Nghệ An Nguyễn Văn Bình"]);
        assert_eq!(taken("Chủ tịch UBND tỉnh Nghệ An Nguyễn Văn Bình").len(), 1, "the inner match alone is read");
    }

    #[test]
    fn matches_after_a_taken_span_or_of_another_kind_are_read() {
        for text in [
            "Nghị quyết 20-NQ/TW của Bộ Chính trị và Chỉ thị 05-CT/TW; 12 người, 5%",
            "Nghị quyết số 20-NQ/TW của Bộ Chính trị và Chỉ thị 05-CT/TW; 12 người, 5%",
        ] {
            let got = taken(text);
            let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
            // The first document's match runs on over `của Bộ Chính trị và Chỉ thị 05`, but its
            // record ends at its number: the second document is read.
            assert!(texts.iter().any(|t| t.starts_with("Nghị quyết") && t.ends_with("20-NQ/TW")), "{texts:?}");
            assert!(texts.contains(&"Chỉ thị 05-CT/TW"), "{texts:?}");
            assert!(texts.contains(&"12 người"), "{texts:?}");
            assert!(texts.contains(&"5%"), "{texts:?}");
            // `20-NQ/TW` and `05-CT/TW` begin inside the documents taken: not read again; nor is
            // `Nghị quyết số 20` (a number with no symbol), which begins with the first and stops
            // short of its end.
            assert!(!texts.iter().any(|t| t.starts_with("20-NQ") || t.starts_with("05-CT")), "{texts:?}");
            assert!(!got.iter().any(|(id, _)| id == "doc-number-only"), "{got:?}");
            assert_eq!(texts.len(), 4, "{texts:?}");
        }
    }

    #[test]
    fn a_page_covers_nothing_on_another() {
        let rules = RuleSet::builtin().expect("built-in rules");
        // The second page's match begins at offset 5, inside the span the first page's covers.
        let texts =
            ["Phó Chủ tịch UBND tỉnh Nghệ An Nguyễn Văn Bình", "Theo Chủ tịch UBND tỉnh Nghệ An Nguyễn Văn Bình"];
        let lines: Vec<Vec<Line>> =
            texts.iter().map(|t| vec![Line { start: 0, end: t.len(), zone: Zone::Body }]).collect();
        let scopes: Vec<Scope<'_>> = texts
            .iter()
            .zip(&lines)
            .map(|(text, lines)| Scope {
                text,
                lines,
                zone: &|_| true,
                rule: &|k| k != RuleKind::Exclude,
                every_exclusion: true,
            })
            .collect();
        let mut got: Vec<Vec<(String, String)>> = vec![Vec::new(); texts.len()];
        find_matches(&rules, &scopes, &mut |page, m| {
            let (s, e) = m.span(&rules, "text").unwrap_or((m.start, m.end));
            got[page].push((rules.rules[m.rule as usize].id.to_string(), texts[page][s..e].to_string()));
            Some((s, e))
        });
        for (page, text) in texts.iter().enumerate() {
            assert_eq!(got[page], taken(text), "page {page} together and alone");
        }
        assert_eq!(got[1].len(), 1, "{got:?}");
    }

    /// Every page of the written corpora and seeds, normalised as pages are.
    fn written_pages() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut out = Vec::new();
        for sub in ["seeds", "corpus"] {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(sub)).unwrap().map(|e| e.unwrap().path()).collect();
            paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
            paths.sort();
            for p in paths {
                out.push(crate::normalize::normalize(&std::fs::read_to_string(p).unwrap()).text.into_owned());
            }
        }
        out
    }

    /// Without `every_exclusion`, an exclusion that overlaps no record of a kind it applies to is not
    /// handed over; every one that does still is, and the records are the same.
    #[test]
    fn exclusions_overlapping_no_record_are_left_unread() {
        let rules = RuleSet::builtin().expect("built-in rules");
        let pages = written_pages();
        assert!(pages.len() > 30, "the fixtures are there");
        let (mut read, mut all, mut needed) = (0, 0, 0);
        for text in &pages {
            let lines = vec![Line { start: 0, end: text.len(), zone: Zone::Body }];
            type Found = (Vec<(Kind, (usize, usize))>, Vec<(u16, usize, usize)>);
            let run = |every_exclusion: bool| -> Found {
                let scope = Scope { text, lines: &lines, zone: &|_| true, rule: &|_| true, every_exclusion };
                let (mut taken, mut exclusions) = (Vec::new(), Vec::new());
                find_matches(&rules, &[scope], &mut |_, m| match rules.rules[m.rule as usize].kind {
                    RuleKind::Exclude => {
                        exclusions.push((m.rule, m.start, m.end));
                        None
                    }
                    RuleKind::Extract(k) => {
                        let span = m.span(&rules, "text").unwrap_or((m.start, m.end));
                        taken.push((k, span));
                        Some(span)
                    }
                });
                (taken, exclusions)
            };
            let (taken, every) = run(true);
            let (taken_too, some) = run(false);
            assert_eq!(taken, taken_too, "the records are read as before");
            assert!(some.iter().all(|x| every.contains(x)), "{some:?}");
            for &(rule, s, e) in &every {
                let applies = &rules.rules[rule as usize].applies_to;
                if taken.iter().any(|(k, (ts, te))| applies.contains(k) && *ts < e && s < *te) {
                    needed += 1;
                    assert!(
                        some.contains(&(rule, s, e)),
                        "{} at {s}..{e} of {text:.80}",
                        rules.rules[rule as usize].id
                    );
                }
            }
            (read, all) = (read + some.len(), all + every.len());
        }
        // Some exclusions rule records out, and many more rule out nothing.
        assert!(needed > 10 && read < all, "{needed} needed, {read} read of {all}");
    }

    /// A rule that needs a word after its trigger (`needs_word`) is not tried where none is: the
    /// matches on the written pages are those it finds tried everywhere.
    #[test]
    fn rules_needing_words_are_tried_where_they_can_match() {
        let gated = RuleSet::builtin().expect("built-in rules");
        assert!(gated.triggers.rule_needs.iter().any(Option::is_some), "some rule needs a word");
        let mut everywhere = RuleSet::builtin().expect("built-in rules");
        everywhere.triggers.rule_needs.iter_mut().for_each(|k| *k = None);
        let mut found = 0;
        for text in written_pages() {
            let got = every_match(&gated, &text);
            found += got.iter().filter(|(r, _, _)| &*gated.rules[*r].id == "official-position-first").count();
            assert_eq!(got, every_match(&everywhere, &text), "{text:.80}");
        }
        assert!(found > 10, "{found} officials by their position first");
    }

    /// Every match of every rule on a page read as body text: the rule's number and the span of its
    /// `text` group (or of the match).
    fn every_match(rules: &RuleSet, text: &str) -> Vec<(usize, usize, usize)> {
        let lines = vec![Line { start: 0, end: text.len(), zone: Zone::Body }];
        let scope = Scope { text, lines: &lines, zone: &|_| true, rule: &|_| true, every_exclusion: true };
        let mut out = Vec::new();
        find_matches(rules, &[scope], &mut |_, m| {
            let (s, e) = m.span(rules, "text").unwrap_or((m.start, m.end));
            out.push((m.rule as usize, s, e));
            Some((s, e))
        });
        out
    }

    /// A spoken digit followed by digits is no number (`năm 2019` is a year, not five and 2019): the
    /// statistic rule finds no match there, at `năm`, and still reads digits after a magnitude or a
    /// spoken decimal mark.
    #[test]
    fn a_spoken_digit_before_digits_opens_no_statistic() {
        let rules = RuleSet::builtin().expect("built-in rules");
        let stat = rules.rules.iter().position(|r| &*r.id == "statistic").expect("the statistic rule");
        let text = "Từ năm 2019 các tỉnh có hai phẩy 5 triệu người, 3 tỷ 500 triệu đồng và năm 12 người.";
        let found: Vec<&str> =
            every_match(&rules, text).into_iter().filter(|m| m.0 == stat).map(|(_, s, e)| &text[s..e]).collect();
        assert!(!found.iter().any(|m| m.starts_with("năm 2019")), "{found:?}");
        assert!(found.contains(&"hai phẩy 5 triệu người"), "{found:?}");
        assert!(found.contains(&"3 tỷ 500 triệu đồng"), "{found:?}");
        assert!(!found.iter().any(|m| m.starts_with("năm 12")), "{found:?}");
    }

    /// A rule with a gate is not tried where no match opens: the matches on the written pages are
    /// those it finds tried at every trigger, and the rules with the same gate share it.
    #[test]
    fn gated_rules_are_tried_where_a_match_opens() {
        let gated = RuleSet::builtin().expect("built-in rules");
        let with_gate: Vec<usize> = (0..gated.rules.len()).filter(|&ri| gated.rules[ri].gate.is_some()).collect();
        assert!(with_gate.len() > 1, "some rules have a gate");
        let slots = gate_slots(&gated);
        assert!(with_gate.iter().filter(|&&ri| slots[ri] != ri).count() > 0, "rules share a gate");
        let mut everywhere = RuleSet::builtin().expect("built-in rules");
        everywhere.rules.iter_mut().for_each(|r| r.gate = None);
        let mut found = 0;
        for text in written_pages() {
            let got = every_match(&gated, &text);
            found += got.iter().filter(|(r, _, _)| with_gate.contains(r)).count();
            assert_eq!(got, every_match(&everywhere, &text), "{text:.80}");
        }
        assert!(found > 10, "{found} matches of rules with a gate");
    }

    #[test]
    fn merged_attempts_are_the_sorted_union() {
        // A few pseudo-random lists of (page, line, position), sorted without repeats as the engine
        // has them (a line holds ten positions).
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..200 {
            let mut list = |len: u64| {
                let mut v: Vec<Attempt> = (0..next(len))
                    .map(|_| (next(4) as u32, next(40) as usize))
                    .map(|(page, pos)| (page, (pos / 10) as u32, pos))
                    .collect();
                v.sort();
                v.dedup();
                v
            };
            let (a, b) = (list(30), list(30));
            let skip = next(4) as u32;
            let got: Vec<_> = Merged { a: &a, b: &b, i: 0, j: 0, keep_b: |page| page != skip }.collect();
            let mut want: Vec<_> = a.iter().chain(b.iter().filter(|x| x.0 != skip)).copied().collect();
            want.sort();
            want.dedup();
            assert_eq!(got, want, "{a:?} {b:?} {skip}");
        }
    }

    #[test]
    fn taken_spans_overlap_as_counted_one_by_one() {
        let spans = [(0, 5, 20, 2), (0, 8, 9, 3), (0, 30, 31, 2), (1, 0, 100, 3), (1, 50, 60, 2), (2, 10, 10, 2)];
        let mut taken = Taken::default();
        for &(p, s, e, k) in spans.iter().rev() {
            taken.push(p, s, e, k);
        }
        let kinds = |k: usize| if k == 2 { vec![Kind::Statistic] } else { vec![Kind::Percentage] };
        for page in 0..3u32 {
            for start in 0..110 {
                for end in start..start + 12 {
                    for k in [2, 3] {
                        let want = spans.iter().any(|&(p, s, e, kind)| p == page && kind == k && s < end && start < e);
                        assert_eq!(taken.overlapped(page, start, end, &kinds(k)), want, "{page} {start}..{end} {k}");
                    }
                }
            }
        }
    }

    #[test]
    fn rules_sharing_a_prefix_share_its_cache() {
        let rules = RuleSet::builtin().expect("built-in rules");
        let slots = prefix_slots(&rules);
        let docs: Vec<usize> = (0..rules.rules.len())
            .filter(|&ri| rules.rules[ri].kind == RuleKind::Extract(Kind::Document) && rules.rules[ri].prefix.is_some())
            .collect();
        assert!(docs.len() >= 2, "document rules with a prefix");
        assert!(docs.iter().all(|&ri| slots[ri] == slots[docs[0]]), "one cache for the documents' prefix");
        let stat = rules.rules.iter().position(|r| r.id.as_ref() == "statistic").unwrap();
        assert_ne!(slots[stat], slots[docs[0]], "another prefix, another cache");
        // A slot is the rule's own or that of an earlier rule with the same prefix.
        for (ri, &slot) in slots.iter().enumerate() {
            assert!(slot <= ri);
            if slot < ri {
                let (a, b) = (rules.rules[ri].prefix.as_ref().unwrap(), rules.rules[slot].prefix.as_ref().unwrap());
                assert!(std::sync::Arc::ptr_eq(a, b));
            }
        }
    }

    #[test]
    fn number_starts_are_those_looked_for_byte_by_byte() {
        assert!(
            (0..=255u8).all(
                |b| has_digit(u64::from_le_bytes([b, 0x2F, 0x3A, b'a', 0xFF, 0, 0x80, b' '])) == b.is_ascii_digit()
            )
        );
        let mut seed = 7u64;
        let pieces = ["1", "23", "x", " ", ".", ",", "/", ":", "ệ", "Đ", "a9", "\n", "  "];
        for _ in 0..300 {
            let mut t = String::new();
            while t.len() < 60 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            for from in (0..t.len()).filter(|&i| t.is_char_boundary(i)).take(9) {
                let to = (t.len() - from % 5..=t.len()).find(|&i| t.is_char_boundary(i)).unwrap();
                let want: Vec<usize> = (from..to).filter(|&i| is_number_start(&t, i)).collect();
                assert_eq!(number_starts(&t, from, to).collect::<Vec<_>>(), want, "{t:?} {from}..{to}");
            }
        }
    }

    #[test]
    fn number_starts_skip_continuations() {
        let t = "có 12.000 người, 3/9/2019, 17:33, Covid19, 0,75%";
        let starts: Vec<&str> = number_starts(t, 0, t.len()).map(|i| &t[i..i + 2]).collect();
        assert_eq!(starts, vec!["12", "3/", "17", "0,"]);
    }
}
