//! Running the rules over a page: one pass finds every trigger, and each rule is tried anchored at its
//! own triggers only, never by rescanning the page.

use std::cell::RefCell;

use regex_automata::util::captures::Captures;

use crate::record::Zone;
use crate::rules::anchored::{PrefixCache, RegexCache};
use crate::rules::{RuleKind, RuleSet};
use crate::zones::Line;

/// A rule's match: the span of the match proper and its capture groups.
#[derive(Debug, Clone)]
pub struct RawMatch {
    pub rule: u16,
    pub start: usize,
    pub end: usize,
    pub caps: Captures,
}

impl RawMatch {
    /// The text of a named group, when the rule has it and it took part in the match.
    pub fn group<'t>(&self, rules: &RuleSet, text: &'t str, name: &str) -> Option<&'t str> {
        self.span(rules, name).map(|(s, e)| &text[s..e])
    }

    pub fn span(&self, rules: &RuleSet, name: &str) -> Option<(usize, usize)> {
        let idx = rules.rules[self.rule as usize].group(name)?;
        self.caps.get_group(idx).map(|sp| (sp.start, sp.end))
    }
}

/// Which lines and rules a run covers.
pub struct Scope<'a> {
    pub lines: &'a [Line],
    pub zone: &'a dyn Fn(Zone) -> bool,
    pub rule: &'a dyn Fn(RuleKind) -> bool,
}

/// Every match of every rule in scope, in order of start.
pub fn find_matches(rules: &RuleSet, text: &str, scope: &Scope<'_>) -> Vec<RawMatch> {
    let wanted: Vec<bool> = rules.rules.iter().map(|r| (scope.rule)(r.kind)).collect();
    let mut attempts: Vec<(usize, u16, usize, usize)> = Vec::new(); // (position, rule, line start, line end)
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
                let (line_start, line_end) = line_at(scope.lines, m.start());
                for &ri in &rules.triggers.pattern_rules[pi] {
                    if wanted[ri as usize] {
                        attempts.push((m.start(), ri, line_start, line_end));
                    }
                }
            }
        }
        if !rules.triggers.number_rules.is_empty() {
            for pos in number_starts(text, range_start, range_end) {
                let (line_start, line_end) = line_at(scope.lines, pos);
                for &ri in &rules.triggers.number_rules {
                    if wanted[ri as usize] {
                        attempts.push((pos, ri, line_start, line_end));
                    }
                }
            }
        }
    }
    attempts.sort_unstable();
    attempts.dedup();
    SCRATCH.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|s| s.ruleset != rules.id) {
            *slot = Some(Scratch {
                ruleset: rules.id,
                caches: (0..rules.rules.len()).map(|_| None).collect(),
                prefixes: (0..rules.rules.len()).map(|_| None).collect(),
            });
        }
        let scratch = slot.as_mut().expect("just set");
        let mut out = Vec::new();
        for (pos, ri, line_start, line_end) in attempts {
            let rule = &rules.rules[ri as usize];
            // Where the match may begin: at the trigger, or where a prefix before it begins.
            let start = match &rule.prefix {
                None => pos,
                Some(prefix) => {
                    let pc = scratch.prefixes[ri as usize].get_or_insert_with(|| prefix.create_cache());
                    let s = prefix.start(pc, text, line_start, pos);
                    if s < pos && prev_is_alnum(text, s) { pos } else { s }
                }
            };
            let cache = scratch.caches[ri as usize].get_or_insert_with(|| rule.regex.create_cache());
            if !rule.regex.captures_at_either(cache, text, start, pos, line_end) {
                continue;
            }
            let Some(m) = cache.caps.get_group(rule.main_group()) else { continue };
            if m.start == m.end {
                continue;
            }
            out.push(RawMatch { rule: ri, start: m.start, end: m.end, caps: cache.caps.clone() });
        }
        out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.rule));
        out
    })
}

/// Search caches of one thread, kept from page to page.
struct Scratch {
    ruleset: u64,
    caches: Vec<Option<RegexCache>>,
    prefixes: Vec<Option<PrefixCache>>,
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

/// The start and end of the line holding `pos`.
fn line_at(lines: &[Line], pos: usize) -> (usize, usize) {
    let i = lines.partition_point(|l| l.end < pos);
    lines.get(i).map_or((pos, pos), |l| (l.start, l.end))
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

pub fn prev_is_alnum(text: &str, i: usize) -> bool {
    text[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric())
}

pub fn next_is_letter(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_some_and(|c| c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_starts_skip_continuations() {
        let t = "có 12.000 người, 3/9/2019, 17:33, Covid19, 0,75%";
        let starts: Vec<&str> = number_starts(t, 0, t.len()).map(|i| &t[i..i + 2]).collect();
        assert_eq!(starts, vec!["12", "3/", "17", "0,"]);
    }
}
