//! A regex that is only ever tried anchored at one position.
//!
//! A general-purpose regex also builds what an unanchored scan needs (a reverse automaton, literal
//! prefilters). Rules never scan: they are tried where their triggers are. So one Thompson NFA is
//! compiled and shared by a lazy DFA, which finds where the match ends, and by a backtracker (or,
//! for long spans, a PikeVM), which fills the capture groups of that span only. Compiling is most of
//! start-up, and this halves it.

use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, NFA, WhichCaptures, backtrack, pikevm};
use regex_automata::util::captures::{Captures, GroupInfo};
use regex_automata::{Anchored, Input, MatchKind};
use regex_syntax::hir::Hir;

#[derive(Debug)]
pub struct AnchoredRegex {
    dfa: hybrid::dfa::DFA,
    backtrack: backtrack::BoundedBacktracker,
    pikevm: pikevm::PikeVM,
    nfa: NFA,
}

/// What searching with one regex needs to keep between searches; one per thread.
#[derive(Debug, Clone)]
pub struct RegexCache {
    dfa: hybrid::dfa::Cache,
    backtrack: backtrack::Cache,
    pikevm: pikevm::Cache,
    pub caps: Captures,
}

/// Above this many (state, position) pairs the backtracker's visited set, cleared on every search,
/// costs more than the PikeVM's walk.
const BACKTRACK_BITS: usize = 1 << 18;

/// How big a rule's automaton may grow.
pub const NFA_SIZE_LIMIT: usize = 64 << 20;

/// A pattern that does not compile: its syntax error, or the automaton is too big.
#[derive(Debug)]
pub struct BuildError(pub String);

impl AnchoredRegex {
    /// A pattern written out in full (rules are spliced into trees: see `rules::splice`).
    #[cfg(test)]
    pub fn new(pattern: &str) -> Result<AnchoredRegex, BuildError> {
        AnchoredRegex::from_hir(&parse(pattern)?)
    }

    /// A pattern's syntax tree, compiled.
    #[cfg(test)]
    pub fn from_hir(hir: &Hir) -> Result<AnchoredRegex, BuildError> {
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().which_captures(WhichCaptures::All).nfa_size_limit(Some(NFA_SIZE_LIMIT)))
            .build_from_hir(hir)
            .map_err(|e| BuildError(build_message(&e)))?;
        AnchoredRegex::from_nfa(nfa)
    }

    /// The searchers of one compiled automaton (rules are spliced into one: see `rules::splice`).
    pub fn from_nfa(nfa: NFA) -> Result<AnchoredRegex, BuildError> {
        // The cache is room for the states built so far; a search that finds it full clears it and
        // builds them again. The rules with the largest automata (the officials' titles and bodies,
        // the statistics' nouns) filled 2 MB dozens of times on a crawl of 2,000 pages and spent a
        // third of their time rebuilding; 8 MB holds what they use. Only what is used is allocated.
        let dfa = hybrid::dfa::Config::new()
            .match_kind(MatchKind::LeftmostFirst)
            .cache_capacity(8 << 20)
            .skip_cache_capacity_check(true);
        let dfa = hybrid::dfa::Builder::new()
            .configure(dfa)
            .build_from_nfa(nfa.clone())
            .map_err(|e| BuildError(e.to_string()))?;
        let backtrack = backtrack::Builder::new().build_from_nfa(nfa.clone()).map_err(|e| BuildError(e.to_string()))?;
        let pikevm = pikevm::Builder::new().build_from_nfa(nfa.clone()).map_err(|e| BuildError(e.to_string()))?;
        Ok(AnchoredRegex { dfa, backtrack, pikevm, nfa })
    }

    /// The size of the compiled automaton, in states: what trying the rule costs.
    pub fn states(&self) -> usize {
        self.nfa.states().len()
    }

    pub fn group_info(&self) -> &GroupInfo {
        self.nfa.group_info()
    }

    pub fn create_cache(&self) -> RegexCache {
        RegexCache {
            dfa: self.dfa.create_cache(),
            backtrack: self.backtrack.create_cache(),
            pikevm: self.pikevm.create_cache(),
            caps: Captures::all(self.nfa.group_info().clone()),
        }
    }

    /// Tries the pattern anchored at `start`, never looking for a match past `end` (assertions still
    /// see the text around). On a match, `cache.caps` holds its groups. (The engine asks the two
    /// questions apart: [`AnchoredRegex::match_end`] for every trigger, then captures for a few.)
    #[cfg(test)]
    pub fn captures_at(&self, cache: &mut RegexCache, hay: &str, start: usize, end: usize) -> bool {
        match self.match_end(cache, hay, start, end) {
            End::NoMatch => false,
            found => self.captures(cache, hay, start, end, found),
        }
    }

    /// Where the match anchored at `start` ends, by the lazy DFA alone: the cheap question, asked of
    /// every trigger. Capture groups are filled later, by [`AnchoredRegex::captures`], for the
    /// matches worth it.
    pub fn match_end(&self, cache: &mut RegexCache, hay: &str, start: usize, end: usize) -> End {
        let input = Input::new(hay).range(start..end).anchored(Anchored::Yes);
        match self.dfa.try_search_fwd(&mut cache.dfa, &input) {
            Ok(Some(hm)) => End::At(hm.offset()),
            Ok(None) => End::NoMatch,
            // The lazy DFA gave up (its cache thrashed): the PikeVM will answer alone.
            Err(_) => End::Unknown,
        }
    }

    /// Fills `cache.caps` with the groups of the match anchored at `start` that
    /// [`AnchoredRegex::match_end`] found; false when there is none after all.
    pub fn captures(&self, cache: &mut RegexCache, hay: &str, start: usize, end: usize, found: End) -> bool {
        let match_end = match found {
            End::NoMatch => {
                cache.caps.set_pattern(None);
                return false;
            }
            End::Unknown => {
                let input = Input::new(hay).range(start..end).anchored(Anchored::Yes);
                self.pikevm.search(&mut cache.pikevm, &input, &mut cache.caps);
                return cache.caps.is_match();
            }
            End::At(e) => e,
        };
        // The highest-priority match ends at `match_end`, so searching just that span finds it again.
        let span = Input::new(hay).range(start..match_end).anchored(Anchored::Yes);
        if (match_end - start + 1) * self.nfa.states().len() <= BACKTRACK_BITS
            && match_end - start <= self.backtrack.max_haystack_len()
            && self.backtrack.try_search(&mut cache.backtrack, &span, &mut cache.caps).is_ok()
        {
            return cache.caps.is_match();
        }
        self.pikevm.search(&mut cache.pikevm, &span, &mut cache.caps);
        cache.caps.is_match()
    }
}

/// What the lazy DFA says of an anchored match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    NoMatch,
    /// The match ends here.
    At(usize),
    /// The DFA could not tell.
    Unknown,
}

/// A rule's prefix, searched leftwards from a trigger: where does the longest text ending there that
/// the prefix matches begin?
#[derive(Debug)]
pub struct ReversePrefix {
    dfa: hybrid::dfa::DFA,
    /// Texts one of which every match of the prefix ends with (`ban hành `, `có ` …), when there are
    /// few: where the text before the trigger ends with none, there is no prefix to look for, and the
    /// reverse scan is skipped (a scan back over an issuer's lists costs tens of microseconds, and
    /// most document references have no issuer written before them).
    endings: Option<Vec<Box<[u8]>>>,
}

#[derive(Debug, Clone)]
pub struct PrefixCache(hybrid::dfa::Cache);

impl ReversePrefix {
    pub fn from_hir(hir: &Hir) -> Result<ReversePrefix, BuildError> {
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().reverse(true).which_captures(WhichCaptures::None))
            .build_from_hir(hir)
            .map_err(|e| BuildError(build_message(&e)))?;
        let dfa = hybrid::dfa::Builder::new()
            .configure(
                hybrid::dfa::Config::new()
                    .match_kind(MatchKind::All)
                    .cache_capacity(1 << 20)
                    .skip_cache_capacity_check(true),
            )
            .build_from_nfa(nfa)
            .map_err(|e| BuildError(e.to_string()))?;
        Ok(ReversePrefix { dfa, endings: endings(hir) })
    }

    /// The texts every match ends with, if the prefix has a short list of them.
    #[cfg(test)]
    pub fn endings(&self) -> Option<&[Box<[u8]>]> {
        self.endings.as_deref()
    }

    pub fn create_cache(&self) -> PrefixCache {
        PrefixCache(self.dfa.create_cache())
    }

    /// The start of the longest prefix match ending at `end`, not before `floor`; `end` itself when
    /// there is none (or it is empty).
    pub fn start(&self, cache: &mut PrefixCache, hay: &str, floor: usize, end: usize) -> usize {
        if let Some(endings) = &self.endings {
            let before = &hay.as_bytes()[floor..end];
            if !endings.iter().any(|e| before.ends_with(e)) {
                return end;
            }
        }
        let input = Input::new(hay).range(floor..end).anchored(Anchored::Yes);
        match self.dfa.try_search_rev(&mut cache.0, &input) {
            Ok(Some(hm)) => hm.offset(),
            _ => end,
        }
    }
}

/// The texts every match of `hir` ends with, when they are few and none is empty (an optional
/// prefix, or one ending in a class too wide to list, has none).
fn endings(hir: &Hir) -> Option<Vec<Box<[u8]>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let mut seq = Extractor::new().kind(ExtractKind::Suffix).limit_total(64).extract(hir);
    seq.dedup();
    let lits = seq.literals()?;
    if lits.is_empty() || lits.len() > 32 || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    // Only the shortest matter: a text ending with `vừa ban hành ` ends with `ban hành `.
    let all: Vec<&[u8]> = lits.iter().map(|l| l.as_bytes()).collect();
    let shortest = all.iter().filter(|l| !all.iter().any(|o| o.len() < l.len() && l.ends_with(o)));
    Some(shortest.map(|l| (*l).into()).collect())
}

/// A pattern's syntax tree, as rules are parsed: Unicode on, matching valid UTF-8 only.
pub(super) fn parse(pattern: &str) -> Result<Hir, BuildError> {
    use regex_automata::util::syntax;
    syntax::parse_with(pattern, &syntax::Config::new().unicode(true).utf8(true))
        .map_err(|e| BuildError(build_message(&e)))
}

/// What is wrong with a pattern: the innermost cause's last line (the lines above it draw the
/// pattern with a caret, which says little about a pattern thousands of characters long).
pub(super) fn build_message(e: &dyn std::error::Error) -> String {
    let mut inner: &dyn std::error::Error = e;
    while let Some(src) = inner.source() {
        inner = src;
    }
    let s = inner.to_string();
    let last = s.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("syntax error").trim();
    last.strip_prefix("error: ").unwrap_or(last).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_big_automaton_over_a_long_span_gives_the_same_groups() {
        // States enough that states × span passes what the backtracker is given: the PikeVM reads it.
        let re = AnchoredRegex::new(r"(?:(?P<a>\w{1,300}) )+(?P<b>Chủ tịch|Chủ tịch nước)").unwrap();
        let hay = format!("{}Chủ tịch nước", "w1 w22 w333 ".repeat(12));
        assert!((hay.len() + 1) * re.states() > BACKTRACK_BITS, "{} states", re.states());
        let mut c = re.create_cache();
        assert!(re.captures_at(&mut c, &hay, 0, hay.len()));
        assert_eq!(&hay[c.caps.get_group_by_name("a").unwrap().range()], "w333", "the last repetition");
        assert_eq!(&hay[c.caps.get_group_by_name("b").unwrap().range()], "Chủ tịch", "leftmost-first");
    }

    #[test]
    fn matches_anchored_with_leftmost_first_groups() {
        let re = AnchoredRegex::new(r"(?P<a>Chủ tịch|Chủ tịch nước)(?: (?P<b>\w+))?").unwrap();
        let mut c = re.create_cache();
        let hay = "ông Chủ tịch nước Lương";
        assert!(!re.captures_at(&mut c, hay, 0, hay.len()), "anchored: no match at 0");
        assert!(re.captures_at(&mut c, hay, "ông ".len(), hay.len()));
        let a = c.caps.get_group_by_name("a").unwrap();
        assert_eq!(&hay[a.range()], "Chủ tịch", "leftmost-first: the first alternative wins");
        assert_eq!(&hay[c.caps.get_group_by_name("b").unwrap().range()], "nước");
    }

    #[test]
    fn the_end_bounds_the_search() {
        let re = AnchoredRegex::new(r"[0-9]+ người").unwrap();
        let mut c = re.create_cache();
        let hay = "12 người\n5 người";
        assert!(re.captures_at(&mut c, hay, 0, "12 người".len()));
        assert!(!re.captures_at(&mut c, hay, 0, "12 ngư".len()));
    }

    #[test]
    fn a_prefix_is_looked_for_only_before_one_of_its_endings() {
        let hir = parse("(?:(?:Chính phủ|Bộ [A-Z][a-z]+) (?:vừa )?(?:ban hành|có) )").unwrap();
        let p = ReversePrefix::from_hir(&hir).unwrap();
        let mut endings: Vec<&[u8]> = p.endings().expect("two endings").iter().map(|e| &e[..]).collect();
        endings.sort();
        assert_eq!(endings, vec![" ban hành ".as_bytes(), " có ".as_bytes()]);
        let mut cache = p.create_cache();
        let text = "Chính phủ vừa ban hành Nghị định";
        let at = text.find("Nghị").unwrap();
        assert_eq!(p.start(&mut cache, text, 0, at), 0);
        let text = "Chính phủ vừa ban hành, theo Nghị định";
        let at = text.find("Nghị").unwrap();
        assert_eq!(p.start(&mut cache, text, 0, at), at, "no ending before the trigger, no prefix");
        // An optional prefix, or one ending in a class too wide to list, has no endings: it is
        // always looked for. What is certain is kept: a word and a space ends with a space.
        for pattern in ["(?:trên |gần )?", r"(?:\w+)"] {
            let p = ReversePrefix::from_hir(&parse(pattern).unwrap()).unwrap();
            assert!(p.endings().is_none(), "{pattern}");
        }
        let p = ReversePrefix::from_hir(&parse(r"(?:\w+ )").unwrap()).unwrap();
        assert_eq!(p.endings().unwrap(), &[b" "[..].into()]);
    }

    #[test]
    fn bad_patterns_say_what_is_wrong() {
        let e = AnchoredRegex::new("(?P<a>x").unwrap_err();
        assert!(e.0.contains("unclosed group"), "{}", e.0);
    }
}
