//! Running the rules over a page: one pass finds every trigger, and each rule is tried anchored at its
//! own triggers only, never by rescanning the page.

use std::cell::RefCell;

use regex_automata::util::captures::Captures;

use crate::record::Zone;
use crate::rules::anchored::{End, PrefixCache, RegexCache};
use crate::rules::{RuleKind, RuleSet};
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
                prefixes: (0..rules.rules.len()).map(|_| None).collect(),
                attempts: vec![Vec::new(); rules.rules.len()],
            });
        }
        let scratch = slot.as_mut().expect("just set");
        // Where to try each rule: (page, position), rule by rule, so that one automaton's tables stay
        // in the processor's cache while it is tried across the pages.
        let attempts = &mut scratch.attempts;
        for (page, scope) in pages.iter().enumerate() {
            let page = page as u32;
            let text = scope.text;
            let wanted: Vec<bool> = rules.rules.iter().map(|r| (scope.rule)(r.kind)).collect();
            // No rule in scope (`--kind page` reads only datelines, in a run of their own): no pass.
            if !wanted.contains(&true) {
                continue;
            }
            for (range_start, range_end) in included_ranges(scope) {
                if let Some(ac) = rules.triggers.automaton() {
                    let input = aho_corasick::Input::new(text).span(range_start..range_end);
                    for m in ac.find_overlapping_iter(input) {
                        let pi = m.pattern().as_usize();
                        if rules.triggers.check_start[pi] && prev_is_alnum(text, m.start()) {
                            continue;
                        }
                        // A word trigger ends at the end of a word; a digit may follow (`USD1,23`).
                        if rules.triggers.check_end[pi] && next_is_letter(text, m.end()) {
                            continue;
                        }
                        for &rule in &rules.triggers.pattern_rules[pi] {
                            if wanted[rule as usize] {
                                attempts[rule as usize].push((page, m.start()));
                            }
                        }
                    }
                }
                if !rules.triggers.number_rules.is_empty() {
                    for pos in number_starts(text, range_start, range_end) {
                        for &rule in &rules.triggers.number_rules {
                            if wanted[rule as usize] {
                                attempts[rule as usize].push((page, pos));
                            }
                        }
                    }
                }
            }
        }
        // First where each attempt's match ends, by the DFAs alone.
        let mut hits: Vec<Hit> = Vec::new();
        for (ri, tries) in scratch.attempts.iter_mut().enumerate() {
            // In order of page and position; a rule triggered twice at one place is tried once.
            // (A stable sort: the attempts come as a few runs already in order, which it merges.)
            tries.sort();
            tries.dedup();
            let rule = &rules.rules[ri];
            let ri = ri as u16;
            let not_before = rule.not_before.as_deref().map(|list| rules.lexicon(list));
            // The line of the attempt before: positions only move on within a page.
            let mut line = (u32::MAX, 0);
            for &(page, pos) in tries.iter() {
                let scope = &pages[page as usize];
                let text = scope.text;
                if line.0 != page {
                    line = (page, 0);
                }
                line.1 = next_line_at(scope.lines, line.1, pos);
                let (line_start, line_end) = scope.lines.get(line.1).map_or((pos, pos), |l| (l.start, l.end));
                if not_before.is_some_and(|words| digits_then_word(text, pos, words)) {
                    continue;
                }
                let cache = scratch.caches[ri as usize].get_or_insert_with(|| rule.regex.create_cache());
                // Where the match may begin: at the trigger, or where a prefix before it begins. A
                // match with a prefix goes on from the trigger as one without would, so the prefix
                // is looked for only when there is a match at the trigger: trying a document rule at
                // every number then costs one forward step, not a scan back over the line.
                let mut found = (pos, rule.regex.match_end(cache, text, pos, line_end));
                if let Some(prefix) = rule.prefix.as_ref().filter(|_| found.1 != End::NoMatch) {
                    let pc = scratch.prefixes[ri as usize].get_or_insert_with(|| prefix.create_cache());
                    let s = prefix.start(pc, text, line_start, pos);
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
            // Kept for the next batch, unless a huge page made it huge.
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
            let text = pages[h.page as usize].text;
            let rule = &rules.rules[h.rule as usize];
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
            }
        }
    })
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

/// Attempts of one rule whose room is kept from batch to batch: far more than a batch of ordinary
/// pages needs.
const KEPT_ATTEMPTS: usize = 1 << 16;

/// Search caches of one thread, kept from page to page.
struct Scratch {
    ruleset: u64,
    caches: Vec<Option<RegexCache>>,
    prefixes: Vec<Option<PrefixCache>>,
    /// Where to try each rule, kept for its capacity.
    attempts: Vec<Vec<(u32, usize)>>,
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

/// The index of the line holding `pos` (the first line ending at or after it), looking from line
/// `from` on, which must not be past it.
fn next_line_at(lines: &[Line], mut from: usize, pos: usize) -> usize {
    while lines.get(from).is_some_and(|l| l.end < pos) {
        from += 1;
    }
    from
}

/// Offsets where a number written in digits starts: a digit after no letter or digit, and not the
/// continuation of a number (`1.234`, `3/9`, `17:33` start once).
fn number_starts(text: &str, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    (from..to).filter(move |&i| {
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
            return !prev_is_alnum(text, i);
        }
        true
    })
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

pub fn prev_is_alnum(text: &str, i: usize) -> bool {
    text[..i].chars().next_back().is_some_and(crate::normalize::is_letter_or_digit)
}

pub fn next_is_letter(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_some_and(crate::normalize::is_letter)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule ids and texts `find_matches` hands over, each taken as covering its `text` group (as
    /// a document's record does) or else its whole match.
    fn taken(text: &str) -> Vec<(String, String)> {
        let rules = RuleSet::builtin().expect("built-in rules");
        let lines = vec![Line { start: 0, end: text.len(), zone: Zone::Body }];
        let scope = Scope { text, lines: &lines, zone: &|_| true, rule: &|k| k != RuleKind::Exclude };
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
            .map(|(text, lines)| Scope { text, lines, zone: &|_| true, rule: &|k| k != RuleKind::Exclude })
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

    #[test]
    fn number_starts_skip_continuations() {
        let t = "có 12.000 người, 3/9/2019, 17:33, Covid19, 0,75%";
        let starts: Vec<&str> = number_starts(t, 0, t.len()).map(|i| &t[i..i + 2]).collect();
        assert_eq!(starts, vec!["12", "3/", "17", "0,"]);
    }
}
