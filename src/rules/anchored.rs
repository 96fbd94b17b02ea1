//! A regex that is only ever tried anchored at one position.
//!
//! A general-purpose regex also builds what an unanchored scan needs (a reverse automaton, literal
//! prefilters). Rules never scan: they are tried where their triggers are. So one Thompson NFA is
//! compiled and shared by a lazy DFA, which finds where the match ends, and by a backtracker (or,
//! where it gives up, a PikeVM), which fills the capture groups of that span only. Compiling is most
//! of start-up, and this halves it.
//!
//! The backtracker is the one of `regex_automata` step for step, but for how it remembers the
//! (state, position) pairs it has seen: a small hash set of the pairs of this search, rather than a
//! set of bits for every pair cleared before every search. Clearing, for an automaton of thousands of
//! states, cost more than the search itself; without it the backtracker also serves spans the PikeVM
//! took (the PikeVM copies every capture slot for every state it adds, thousands at the start of a
//! rule whose prefix is a word list).

use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, NFA, State, WhichCaptures, pikevm};
use regex_automata::util::captures::{Captures, GroupInfo};
use regex_automata::util::look::Look;
use regex_automata::util::primitives::{NonMaxUsize, StateID};
use regex_automata::{Anchored, Input, MatchKind, PatternID};
use regex_syntax::hir::Hir;

#[derive(Debug)]
pub struct AnchoredRegex {
    dfa: hybrid::dfa::DFA,
    pikevm: pikevm::PikeVM,
    nfa: NFA,
    /// The automaton as the backtracker reads it, laid out when groups are first filled.
    prog: std::sync::OnceLock<Prog>,
}

/// What searching with one regex needs to keep between searches; one per thread.
#[derive(Debug, Clone)]
pub struct RegexCache {
    dfa: hybrid::dfa::Cache,
    backtrack: Backtrack,
    /// Made when a span first needs it: its tables hold every capture slot of every state.
    pikevm: Option<pikevm::Cache>,
    after_digits: AfterDigits,
    pub caps: Captures,
}

/// The backtracker gives up, and the PikeVM fills the groups, once a search has seen this many
/// (state, position) pairs: memory and time then stay bounded whatever the span. (Ordinary searches
/// see hundreds; the PikeVM's cache alone, made for a large rule, is megabytes.)
const MOST_SEEN: usize = 1 << 20;

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
        AnchoredRegex::from_nfa_with_room(nfa, 32 << 20)
    }

    /// [`AnchoredRegex::from_nfa`] with `room` bytes for the lazy DFA's states.
    fn from_nfa_with_room(nfa: NFA, room: usize) -> Result<AnchoredRegex, BuildError> {
        // The cache is room for the states built so far; a search that finds it full clears it and
        // builds them again. The rules with the largest automata (the officials' titles and bodies,
        // the statistics' nouns) filled 2 MB dozens of times on a crawl of 2,000 pages and spent a
        // third of their time rebuilding; 8 MB held what they used then. The officials' rule that
        // reads a title before its body and name now builds 12 MB on the national crawl and filled
        // 8 MB two and three times on the two crawls: 16 MB. It has since grown past 16 MB on the
        // national crawl (cleared once, and 8.7 MB built again: 1.3% of the crawl's instructions,
        // for 3 MB of memory): 32 MB. Only what is used is allocated.
        let dfa = hybrid::dfa::Config::new()
            .match_kind(MatchKind::LeftmostFirst)
            .cache_capacity(room)
            .skip_cache_capacity_check(true);
        let dfa = hybrid::dfa::Builder::new()
            .configure(dfa)
            .build_from_nfa(nfa.clone())
            .map_err(|e| BuildError(e.to_string()))?;
        let pikevm = pikevm::Builder::new().build_from_nfa(nfa.clone()).map_err(|e| BuildError(e.to_string()))?;
        Ok(AnchoredRegex { dfa, pikevm, nfa, prog: std::sync::OnceLock::new() })
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
            backtrack: Backtrack { most_seen: MOST_SEEN, ..Backtrack::default() },
            after_digits: AfterDigits {
                bytes: [0; 256],
                pairs: Box::default(),
                states: None,
                clears: 0,
                asked: 0,
                ruled_out: 0,
            },
            pikevm: None,
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

    /// [`AnchoredRegex::captures_at`] by the PikeVM alone, which the backtracker must agree with.
    #[cfg(test)]
    pub fn pikevm_captures_at(&self, cache: &mut RegexCache, hay: &str, start: usize, end: usize) -> bool {
        let input = Input::new(hay).range(start..end).anchored(Anchored::Yes);
        let pikevm = cache.pikevm.get_or_insert_with(|| self.pikevm.create_cache());
        self.pikevm.search(pikevm, &input, &mut cache.caps);
        cache.caps.is_match()
    }

    /// False when no match anchored at `start`, a digit, and ending by `end` can be, as told by the
    /// byte after the run of digits there: the automaton dies on it after any number of digits, from
    /// any start (whatever the byte before). (A run reaching `end` tells nothing: the automaton sees
    /// what comes after.) A document rule tried at every number then skips, by one look at the byte
    /// after it, the numbers no document follows (most of them), without a search. What each byte
    /// tells is asked of the automaton the first time it follows a run, through the lazy DFA's own
    /// cache, whose states a search there would build anyway, and kept. A rule that lets nearly
    /// every number through (a statistic goes on with a space) is no longer asked after a while:
    /// the look would cost more than the searches it saves. Where the byte may follow, the byte
    /// after it is asked of too, for the pair: a document rule that reads `12 /QĐ` lets a space
    /// through, but not a space and a letter (`12 người`, most numbers in a text).
    #[inline]
    pub fn may_follow_digits(&self, cache: &mut RegexCache, hay: &[u8], start: usize, end: usize) -> bool {
        let memo = &mut cache.after_digits;
        if memo.asked >= AFTER_TRIAL && memo.ruled_out * 8 < memo.asked {
            return true;
        }
        memo.asked = memo.asked.saturating_add(1);
        let Some(n) = hay[start..end].iter().position(|b| !b.is_ascii_digit()) else { return true };
        let byte = hay[start + n];
        let mut may = match memo.bytes[byte as usize] {
            AFTER_MAY => true,
            AFTER_NOT => false,
            _ => self.ask_after_digits(cache, byte),
        };
        // A byte that may follow, then the next (`12 người` for a document rule that reads `12
        // /QĐ`): asked of the automaton the same way, for the pair.
        if may && start + n + 1 < end {
            let next = hay[start + n + 1];
            let class = self.dfa.byte_classes().get(byte) as usize;
            let at = class * 256 + next as usize;
            let known = cache.after_digits.pairs.get(at).copied().unwrap_or(0);
            may = match known {
                AFTER_MAY => true,
                AFTER_NOT => false,
                _ => self.ask_after_pair(cache, byte, next),
            };
        }
        cache.after_digits.ruled_out = cache.after_digits.ruled_out.saturating_add(u32::from(!may));
        may
    }

    /// The states after digits listed in `cache.after_digits` for the lazy DFA's cache as it is (listed
    /// again after it was cleared), and the count of clears they hold for; `None` when the cache was
    /// cleared while they were listed (nothing is kept then, and nothing can be told).
    fn listed_digit_states(&self, cache: &mut RegexCache) -> Option<usize> {
        let clears = cache.dfa.clear_count();
        let memo = &mut cache.after_digits;
        if memo.states.is_none() || memo.clears != clears {
            memo.states = Some(self.digit_states(&mut cache.dfa));
            memo.clears = clears;
            if cache.dfa.clear_count() != clears {
                cache.after_digits.states = None;
                return None;
            }
        }
        Some(clears)
    }

    /// What `byte` after a run of digits tells, asked of the automaton and kept for its class.
    #[inline(never)]
    fn ask_after_digits(&self, cache: &mut RegexCache, byte: u8) -> bool {
        let Some(clears) = self.listed_digit_states(cache) else { return true };
        let Some(Some(states)) = cache.after_digits.states.as_ref() else {
            // A match may end inside a run: every byte may follow.
            cache.after_digits.bytes = [AFTER_MAY; 256];
            return true;
        };
        let mut may = false;
        for &sid in states {
            // The states listed are gone once the cache is cleared: no answer then.
            if cache.dfa.clear_count() != clears {
                may = true;
                break;
            }
            match self.dfa.next_state(&mut cache.dfa, sid, byte) {
                Ok(next) if next.is_dead() => {}
                // Not dead, or the automaton could not tell.
                _ => {
                    may = true;
                    break;
                }
            }
        }
        // The states listed are gone if the cache was cleared meanwhile: nothing is kept.
        if cache.dfa.clear_count() != clears {
            cache.after_digits.states = None;
            return true;
        }
        let classes = self.dfa.byte_classes();
        let class = classes.get(byte);
        let answer = if may { AFTER_MAY } else { AFTER_NOT };
        for b in 0..=255u8 {
            if classes.get(b) == class {
                cache.after_digits.bytes[b as usize] = answer;
            }
        }
        may
    }

    /// What `second` after `first` after a run of digits tells (`first` may follow digits), asked
    /// of the automaton and kept for the class of each.
    #[inline(never)]
    fn ask_after_pair(&self, cache: &mut RegexCache, first: u8, second: u8) -> bool {
        let Some(clears) = self.listed_digit_states(cache) else { return true };
        let Some(Some(states)) = cache.after_digits.states.clone() else { return true };
        let mut may = false;
        'states: for sid in states {
            // The states listed are gone once the cache is cleared: no answer then.
            if cache.dfa.clear_count() != clears {
                may = true;
                break;
            }
            let after = match self.dfa.next_state(&mut cache.dfa, sid, first) {
                Ok(next) if next.is_dead() => continue,
                Ok(next) if !next.is_match() && !next.is_quit() && !next.is_unknown() => next,
                // A match that ends after the digits, or the automaton could not tell.
                _ => {
                    may = true;
                    break 'states;
                }
            };
            match self.dfa.next_state(&mut cache.dfa, after, second) {
                Ok(next) if next.is_dead() => {}
                _ => {
                    may = true;
                    break 'states;
                }
            }
        }
        // The states listed may be gone if the cache was cleared meanwhile: nothing is kept.
        if cache.dfa.clear_count() != clears {
            cache.after_digits.states = None;
            return true;
        }
        let classes = self.dfa.byte_classes();
        let memo = &mut cache.after_digits;
        if memo.pairs.is_empty() {
            memo.pairs = vec![0; classes.alphabet_len() * 256].into_boxed_slice();
        }
        let (row, class) = (classes.get(first) as usize * 256, classes.get(second));
        let answer = if may { AFTER_MAY } else { AFTER_NOT };
        for b in 0..=255u8 {
            if classes.get(b) == class {
                memo.pairs[row + b as usize] = answer;
            }
        }
        may
    }

    /// The states of the lazy DFA after one or more digits from any anchored start; `None` when a
    /// match may end inside a run of digits (matches are seen a byte late, in the state after the
    /// next), or when the states are too many to list or the automaton cannot tell.
    fn digit_states(&self, dfa: &mut hybrid::dfa::Cache) -> Option<Vec<hybrid::LazyStateID>> {
        use regex_automata::util::start;
        let mut states = Vec::new();
        // A state built on the way may clear the cache, and the states listed with it: nothing to
        // list then (the ids would name other states, or none).
        let clears = dfa.clear_count();
        for before in [None, Some(b'\n'), Some(b'\r'), Some(b' '), Some(b'a')] {
            let config = start::Config::new().anchored(Anchored::Yes).look_behind(before);
            let sid = self.dfa.start_state(dfa, &config).ok().filter(|_| dfa.clear_count() == clears)?;
            if sid.is_match() {
                return None;
            }
            let mut todo = vec![sid];
            while let Some(sid) = todo.pop() {
                for digit in b'0'..=b'9' {
                    let next = self.dfa.next_state(dfa, sid, digit).ok().filter(|_| dfa.clear_count() == clears)?;
                    if next.is_dead() || states.contains(&next) {
                        continue;
                    }
                    if next.is_match() || next.is_quit() || states.len() >= 256 {
                        return None;
                    }
                    states.push(next);
                    todo.push(next);
                }
            }
        }
        Some(states)
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
                let pikevm = cache.pikevm.get_or_insert_with(|| self.pikevm.create_cache());
                self.pikevm.search(pikevm, &input, &mut cache.caps);
                return cache.caps.is_match();
            }
            End::At(e) => e,
        };
        // The highest-priority match ends at `match_end`, so searching just that span finds it again.
        // Pairs are numbered in 32 bits, positions in a frame in 31.
        if (match_end - start + 1).saturating_mul(self.nfa.states().len()) <= u32::MAX as usize
            && match_end - start < 1 << 31
        {
            cache.caps.set_pattern(None);
            let slots = cache.caps.slots_mut();
            let prog = self.prog.get_or_init(|| Prog::new(&self.nfa));
            if let Some(found) = cache.backtrack.search(prog, &self.nfa, hay.as_bytes(), start, match_end, slots) {
                cache.caps.set_pattern(found);
                return cache.caps.is_match();
            }
        }
        let span = Input::new(hay).range(start..match_end).anchored(Anchored::Yes);
        let pikevm = cache.pikevm.get_or_insert_with(|| self.pikevm.create_cache());
        self.pikevm.search(pikevm, &span, &mut cache.caps);
        cache.caps.is_match()
    }
}

/// The bounded backtracker of `regex_automata` (`nfa::thompson::backtrack`), anchored, with a hash
/// set of the (state, position) pairs seen.
#[derive(Debug, Clone, Default)]
struct Backtrack {
    stack: Vec<Frame>,
    seen: Seen,
    /// Pairs seen after which a search gives up ([`MOST_SEEN`]).
    most_seen: usize,
    firsts: Firsts,
}

/// The bytes a way on from a state may read first ([`reads`]), worked out for the states
/// a search comes to as alternatives, as it comes to them. An alternative that cannot read the byte
/// where it stands dies at its first step: it is not pushed, to be popped and tried for nothing.
/// (Most alternatives die so: each word of a list but one, each way out of a repetition at a letter.
/// Pushing, popping and stepping them was half of what filling groups cost.) The match found is the
/// same, for the alternatives left out would have found none.
#[derive(Debug, Clone, Default)]
struct Firsts {
    /// For each state of the automaton: 0 while not worked out, else 1 + its index in `sets`.
    index: Vec<u32>,
    /// The bytes, as bits.
    sets: Vec<[u64; 4]>,
    /// The states reached without reading, while working one out.
    todo: Vec<StateID>,
    reached: Vec<StateID>,
    /// For each state of the automaton that is a union: 0 while its alternatives' bytes are not
    /// gathered, else 1 + where they begin in `alternatives`, one set after the other in the order
    /// of the alternatives ([`Firsts::alternatives`]).
    at_union: Vec<u32>,
    alternatives: Vec<[u64; 4]>,
}

impl Firsts {
    /// States reached without reading beyond which a state's bytes are not worked out: it may read
    /// any byte first.
    const MOST_REACHED: usize = 128;

    /// Where the bytes of the alternatives `alts` of the union `sid` begin in `alternatives`: a
    /// union tries each of its alternatives at the byte where it stands, and finds their sets side
    /// by side rather than each through `index`.
    #[inline(always)]
    fn alternatives(&mut self, nfa: &NFA, prog: &Prog, id: usize, alts: &[u32]) -> usize {
        match self.at_union[id] {
            0 => self.gather(nfa, prog, id, alts),
            i => i as usize - 1,
        }
    }

    #[inline(never)]
    fn gather(&mut self, nfa: &NFA, prog: &Prog, id: usize, alts: &[u32]) -> usize {
        let at = self.alternatives.len();
        for &alt in alts {
            let alt = StateID::new_unchecked(prog.id(alt));
            let mut i = self.index[alt.as_usize()];
            if i == 0 {
                i = self.work_out(nfa, alt);
            }
            self.alternatives.push(self.sets[i as usize - 1]);
        }
        self.at_union[id] = at as u32 + 1;
        at
    }

    /// The sets of the `n` alternatives of a union, from where they begin.
    #[inline(always)]
    fn sets_of(&self, at: usize, n: usize) -> &[[u64; 4]] {
        &self.alternatives[at..at + n]
    }

    /// The bytes of `sid`, added to `sets`; returns its entry in `index`. Every state reached
    /// without reading counts (an assertion as if it held): a way that may match without reading, or
    /// too many states to follow, makes every byte.
    #[inline(never)]
    fn work_out(&mut self, nfa: &NFA, sid: StateID) -> u32 {
        let mut set = [0u64; 4];
        let add = |set: &mut [u64; 4], lo: u8, hi: u8| {
            for b in lo..=hi {
                set[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        };
        self.todo.clear();
        self.reached.clear();
        self.todo.push(sid);
        self.reached.push(sid);
        while let Some(s) = self.todo.pop() {
            let on = |next: StateID, todo: &mut Vec<StateID>, reached: &mut Vec<StateID>| {
                if !reached.contains(&next) {
                    reached.push(next);
                    todo.push(next);
                }
            };
            match *nfa.state(s) {
                State::ByteRange { ref trans } => add(&mut set, trans.start, trans.end),
                State::Sparse(ref sparse) => {
                    for t in sparse.transitions.iter() {
                        add(&mut set, t.start, t.end);
                    }
                }
                State::Dense(ref dense) => {
                    for (b, &next) in dense.transitions.iter().enumerate() {
                        if next != StateID::ZERO {
                            add(&mut set, b as u8, b as u8);
                        }
                    }
                }
                State::Look { next, .. } | State::Capture { next, .. } => on(next, &mut self.todo, &mut self.reached),
                State::Union { ref alternates } => {
                    for &a in alternates.iter() {
                        on(a, &mut self.todo, &mut self.reached);
                    }
                }
                State::BinaryUnion { alt1, alt2 } => {
                    on(alt1, &mut self.todo, &mut self.reached);
                    on(alt2, &mut self.todo, &mut self.reached);
                }
                State::Fail => {}
                State::Match { .. } => set = [u64::MAX; 4],
            }
            if set == [u64::MAX; 4] || self.reached.len() > Self::MOST_REACHED {
                set = [u64::MAX; 4];
                break;
            }
        }
        self.sets.push(set);
        let i = self.sets.len() as u32;
        self.index[sid.as_usize()] = i;
        i
    }
}

/// The (state, position) pairs a search has seen, each as its index `(position - start) × states +
/// state`: open addressing, each slot holding the number of the search
/// that filled it above the pair, so that a new search empties the set by taking the next number.
/// A search sees a few hundred pairs of the millions a span of a large automaton holds: a table of
/// a mark for every pair (as the backtracker of `regex_automata` has, in bits) was touched a page or
/// more a position, and filling those pages cost the crawls a tenth of their time; this one stays
/// small and in the processor's cache.
#[derive(Debug, Clone, Default)]
struct Seen {
    /// `search << 32 | pair`; a slot of an earlier search is free.
    slots: Vec<u64>,
    /// The number of this search (never 0, the number of slots never filled).
    search: u32,
    /// Pairs in the set.
    len: usize,
    /// 32 less the bits of the number of slots: a pair's hash is the top bits of its product.
    shift: u32,
}

impl Seen {
    /// Slots a new set starts with: more than most searches fill.
    const FIRST: usize = 1 << 10;

    /// Slots kept for the next search after a long one: a larger table, sparsely filled by short
    /// searches, would leave the processor's cache.
    const KEPT: usize = 1 << 16;

    /// Empties the set for a new search.
    fn clear(&mut self) {
        if self.slots.is_empty() || self.slots.len() > Self::KEPT {
            self.slots = vec![0; Self::FIRST];
            self.shift = 32 - Self::FIRST.trailing_zeros();
            self.search = 0;
        }
        self.search = self.search.wrapping_add(1);
        if self.search == 0 {
            self.slots.iter_mut().for_each(|s| *s = 0);
            self.search = 1;
        }
        self.len = 0;
    }

    /// Adds `pair`; false when it was in the set already.
    #[inline(always)]
    fn insert(&mut self, pair: u32) -> bool {
        let entry = (self.search as u64) << 32 | pair as u64;
        let mask = self.slots.len() - 1;
        // Fibonacci hashing, the high bits of the product: neighbouring pairs land far apart.
        let mut i = (pair.wrapping_mul(0x9E37_79B9) >> self.shift) as usize;
        loop {
            let slot = self.slots[i];
            if slot == entry {
                return false;
            }
            if (slot >> 32) as u32 != self.search {
                self.slots[i] = entry;
                self.len += 1;
                // At most half full, so that a probe ends soon.
                if self.len * 2 > self.slots.len() {
                    self.grow();
                }
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    /// Twice the slots, holding this search's pairs.
    fn grow(&mut self) {
        let search = self.search as u64;
        let size = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        self.shift = 32 - size.trailing_zeros();
        self.len = 0;
        for slot in old.into_iter().filter(|&s| s >> 32 == search) {
            self.insert(slot as u32);
        }
    }
}

/// A frame of the backtracker's stack: a way to try (a position in the program, and the position
/// from the start of the span), or a capture slot to set back when the way that set it failed (the slot, and 1 + its
/// former value from the start of the span, or 0 for none), told apart by the top bit.
#[derive(Debug, Clone, Copy)]
struct Frame(u64);

impl Frame {
    const RESTORE: u64 = 1 << 63;

    #[inline(always)]
    fn step(pc: u32, from_start: usize) -> Frame {
        Frame((from_start as u64) << 32 | pc as u64)
    }

    #[inline(always)]
    fn restore(slot: usize, offset: Option<NonMaxUsize>, start: usize) -> Frame {
        let offset = offset.map_or(0, |o| (o.get() - start + 1) as u64);
        Frame(Frame::RESTORE | offset << 32 | slot as u64)
    }
}

/// The automaton laid out for the backtracker: one array of words, each state its kind and the
/// states it goes to in a row, where the automaton's states hold their transitions and alternatives
/// in lists of their own elsewhere in memory (a load more for each step, and a cache line more). A
/// state is named by where it begins in the array. Its first word is its kind ([`Prog::KIND`]),
/// whether the search remembers having seen it ([`Prog::MERGE`], see [`merges`]) and its number in
/// the automaton (above [`Prog::ID_SHIFT`]), which numbers the pairs seen; then:
/// - a range of bytes: `lo | (hi - lo) << 8`, next;
/// - up to [`Prog::MOST_LISTED`] ranges (a node of a word list's trie, mostly): their number, then
///   `lo | (hi - lo) << 8` and next for each, in order;
/// - more ranges: their number, 256 bytes giving for each byte 1 + the index of the way it takes
///   (0: none), then the ways;
/// - a dense state: 256 nexts ([`Prog::NONE`]: none);
/// - an assertion: its look, next;
/// - a union: its number of alternatives, then the alternatives in order;
/// - a capture: its slot, next;
/// - a match: its pattern; a failure: nothing.
#[derive(Debug)]
struct Prog {
    code: Box<[u32]>,
    /// Where the anchored start begins.
    start: u32,
    /// The states of the automaton.
    states: usize,
}

impl Prog {
    const KIND: u32 = 0xF;
    const MERGE: u32 = 0x10;
    const ID_SHIFT: u32 = 5;
    const NONE: u32 = u32::MAX;
    const RANGE: u32 = 0;
    const LIST: u32 = 1;
    const MAP: u32 = 2;
    const DENSE: u32 = 3;
    const LOOK: u32 = 4;
    const UNION: u32 = 5;
    const CAPTURE: u32 = 6;
    const MATCH: u32 = 7;
    const FAIL: u32 = 8;
    /// Ranges read one after the other; a state with more maps every byte to its way.
    const MOST_LISTED: usize = 8;

    fn new(nfa: &NFA) -> Prog {
        let merges = merges(nfa);
        let size = |state: &State| match state {
            State::ByteRange { .. } | State::Look { .. } | State::Capture { .. } => 3,
            State::Sparse(sparse)
                if sparse.transitions.len() <= Self::MOST_LISTED || sparse.transitions.len() > 255 =>
            {
                2 + 2 * sparse.transitions.len()
            }
            State::Sparse(sparse) => 2 + 64 + sparse.transitions.len(),
            State::Dense(_) => 1 + 256,
            State::Union { alternates } => 2 + alternates.len(),
            State::BinaryUnion { .. } => 4,
            State::Match { .. } => 2,
            State::Fail => 1,
        };
        let mut at = Vec::with_capacity(nfa.states().len());
        let mut len = 0usize;
        for state in nfa.states() {
            at.push(len as u32);
            len += size(state);
        }
        assert!(len < u32::MAX as usize && nfa.states().len() < 1 << (32 - Self::ID_SHIFT), "automaton too big");
        let to = |sid: StateID| at[sid.as_usize()];
        let range = |t: &thompson::Transition| u32::from(t.start) | u32::from(t.end - t.start) << 8;
        let mut code: Vec<u32> = Vec::with_capacity(len);
        for (id, state) in nfa.states().iter().enumerate() {
            let merge = if merges[id / 64] >> (id % 64) & 1 != 0 { Self::MERGE } else { 0 };
            let head = |kind: u32| kind | merge | (id as u32) << Self::ID_SHIFT;
            match state {
                State::ByteRange { trans } => code.extend([head(Self::RANGE), range(trans), to(trans.next)]),
                State::Sparse(sparse) if size(state) == 2 + 2 * sparse.transitions.len() => {
                    code.extend([head(Self::LIST), sparse.transitions.len() as u32]);
                    for t in sparse.transitions.iter() {
                        code.extend([range(t), to(t.next)]);
                    }
                }
                State::Sparse(sparse) => {
                    code.extend([head(Self::MAP), sparse.transitions.len() as u32]);
                    let mut map = [0u8; 256];
                    for (i, t) in sparse.transitions.iter().enumerate() {
                        map[usize::from(t.start)..=usize::from(t.end)].fill(i as u8 + 1);
                    }
                    code.extend(map.chunks(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])));
                    code.extend(sparse.transitions.iter().map(|t| to(t.next)));
                }
                State::Dense(dense) => {
                    code.push(head(Self::DENSE));
                    code.extend(dense.transitions.iter().map(|&n| if n == StateID::ZERO { Self::NONE } else { to(n) }));
                }
                State::Look { look, next } => code.extend([head(Self::LOOK), look.as_repr(), to(*next)]),
                State::Union { alternates } => {
                    code.extend([head(Self::UNION), alternates.len() as u32]);
                    code.extend(alternates.iter().map(|&a| to(a)));
                }
                State::BinaryUnion { alt1, alt2 } => code.extend([head(Self::UNION), 2, to(*alt1), to(*alt2)]),
                State::Capture { next, slot, .. } => code.extend([head(Self::CAPTURE), slot.as_u32(), to(*next)]),
                State::Match { pattern_id } => code.extend([head(Self::MATCH), pattern_id.as_u32()]),
                State::Fail => code.push(head(Self::FAIL)),
            }
        }
        debug_assert_eq!(code.len(), len);
        Prog { code: code.into_boxed_slice(), start: to(nfa.start_anchored()), states: nfa.states().len() }
    }

    /// The number in the automaton of the state at `pc`.
    #[inline(always)]
    fn id(&self, pc: u32) -> usize {
        (self.code[pc as usize] >> Self::ID_SHIFT) as usize
    }
}

impl Backtrack {
    /// The highest-priority match of `prog` anchored at `start` and ending by `end`, its groups in
    /// `slots`; assertions see the whole of `hay`. `None` when it gave up, having seen more than
    /// `most_seen` pairs. The caller bounds `(end - start + 1) × states` by `u32::MAX`, and `end -
    /// start` by 2³¹.
    fn search(
        &mut self,
        prog: &Prog,
        nfa: &NFA,
        hay: &[u8],
        start: usize,
        end: usize,
        slots: &mut [Option<NonMaxUsize>],
    ) -> Option<Option<PatternID>> {
        slots.iter_mut().for_each(|s| *s = None);
        let stride = prog.states;
        if self.firsts.index.len() != stride {
            self.firsts = Firsts { index: vec![0; stride], at_union: vec![0; stride], ..Firsts::default() };
        }
        debug_assert!((end - start + 1) * stride <= u32::MAX as usize && end - start < 1 << 31);
        self.seen.clear();
        self.stack.clear();
        self.stack.push(Frame::step(prog.start, 0));
        while let Some(Frame(frame)) = self.stack.pop() {
            if frame & Frame::RESTORE == 0 {
                let (pc, at) = (frame as u32, start + (frame >> 32) as usize);
                if let Some(pid) = self.step(prog, nfa, hay, start, end, pc, at, slots) {
                    return Some(Some(pid));
                }
                if self.seen.len > self.most_seen {
                    return None;
                }
            } else {
                let offset = (frame >> 32) as u32 & 0x7FFF_FFFF;
                slots[frame as u32 as usize] =
                    if offset == 0 { None } else { NonMaxUsize::new(start + offset as usize - 1) };
            }
        }
        Some(None)
    }

    /// Follows the first way on from `pc` at `at`, pushing the others, until a match or a dead end.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn step(
        &mut self,
        prog: &Prog,
        nfa: &NFA,
        hay: &[u8],
        start: usize,
        end: usize,
        mut pc: u32,
        mut at: usize,
        slots: &mut [Option<NonMaxUsize>],
    ) -> Option<PatternID> {
        let code = &prog.code[..];
        let stride = prog.states as u32;
        loop {
            let p = pc as usize;
            let head = code[p];
            if head & Prog::MERGE != 0 && !self.seen.insert((at - start) as u32 * stride + (head >> Prog::ID_SHIFT)) {
                return None;
            }
            match head & Prog::KIND {
                Prog::RANGE => {
                    let r = code[p + 1];
                    if at >= end || u32::from(hay[at]).wrapping_sub(r & 0xFF) > r >> 8 {
                        return None;
                    }
                    pc = code[p + 2];
                    at += 1;
                }
                Prog::LIST => {
                    if at >= end {
                        return None;
                    }
                    let byte = u32::from(hay[at]);
                    let n = code[p + 1] as usize;
                    let mut next = None;
                    for pair in code[p + 2..p + 2 + 2 * n].chunks_exact(2) {
                        let r = pair[0];
                        if r & 0xFF > byte {
                            break;
                        }
                        if byte - (r & 0xFF) <= r >> 8 {
                            next = Some(pair[1]);
                            break;
                        }
                    }
                    pc = next?;
                    at += 1;
                }
                Prog::MAP => {
                    if at >= end {
                        return None;
                    }
                    let byte = usize::from(hay[at]);
                    let way = (code[p + 2 + byte / 4] >> (byte % 4 * 8)) & 0xFF;
                    if way == 0 {
                        return None;
                    }
                    pc = code[p + 2 + 64 + way as usize - 1];
                    at += 1;
                }
                Prog::DENSE => {
                    if at >= end {
                        return None;
                    }
                    pc = code[p + 1 + usize::from(hay[at])];
                    if pc == Prog::NONE {
                        return None;
                    }
                    at += 1;
                }
                Prog::LOOK => {
                    let look = Look::from_repr(code[p + 1]).expect("a look");
                    if !nfa.look_matcher().matches(look, hay, at) {
                        return None;
                    }
                    pc = code[p + 2];
                }
                Prog::UNION => {
                    let n = code[p + 1] as usize;
                    let alts = &code[p + 2..p + 2 + n];
                    // At the end of the span only a way matching without reading can go on: every
                    // alternative is kept (a rare case).
                    if at >= end {
                        pc = *alts.first()?;
                        self.stack.extend(alts[1..].iter().rev().map(|&alt| Frame::step(alt, at - start)));
                        continue;
                    }
                    let byte = hay[at];
                    let sets = self.firsts.alternatives(nfa, prog, (head >> Prog::ID_SHIFT) as usize, alts);
                    let sets = self.firsts.sets_of(sets, n);
                    if n == 2 {
                        let second = reads(&sets[1], byte);
                        if reads(&sets[0], byte) {
                            pc = alts[0];
                            if second {
                                self.stack.push(Frame::step(alts[1], at - start));
                            }
                        } else if second {
                            pc = alts[1];
                        } else {
                            return None;
                        }
                        continue;
                    }
                    // The alternatives that may go on, the first taken, the others pushed in reverse.
                    let mark = self.stack.len();
                    for (set, &alt) in sets.iter().zip(alts.iter()).rev() {
                        if reads(set, byte) {
                            self.stack.push(Frame::step(alt, at - start));
                        }
                    }
                    if self.stack.len() == mark {
                        return None;
                    }
                    pc = self.stack.pop().expect("a step was just pushed").0 as u32;
                }
                Prog::CAPTURE => {
                    let slot = code[p + 1] as usize;
                    if slot < slots.len() {
                        self.stack.push(Frame::restore(slot, slots[slot], start));
                        slots[slot] = NonMaxUsize::new(at);
                    }
                    pc = code[p + 2];
                }
                Prog::MATCH => return Some(PatternID::new_unchecked(code[p + 1] as usize)),
                Prog::FAIL => return None,
                _ => unreachable!("a kind of state"),
            }
        }
    }
}

/// Whether `byte` is in `set` (of a way on from a state: see [`Firsts`]).
#[inline(always)]
fn reads(set: &[u64; 4], byte: u8) -> bool {
    set[usize::from(byte >> 6)] >> (byte & 63) & 1 != 0
}

/// What the bytes after a run of digits tell ([`AnchoredRegex::may_follow_digits`]), as far as
/// asked.
#[derive(Debug, Clone)]
struct AfterDigits {
    /// [`AFTER_MAY`], [`AFTER_NOT`], or 0: not asked yet.
    bytes: [u8; 256],
    /// For a byte that may follow and the byte after it: `pairs[class of the first × 256 + the
    /// second]`, as `bytes` (empty until first asked).
    pairs: Box<[u8]>,
    /// The states after digits, once listed (`Some(None)`: a match may end inside a run).
    states: Option<Option<Vec<hybrid::LazyStateID>>>,
    /// The clear count of the lazy DFA's cache when they were listed.
    clears: usize,
    /// Runs looked at, and those ruled out, up to [`AFTER_TRIAL`] looks.
    asked: u32,
    ruled_out: u32,
}

/// Looks after which a rule that ruled out fewer than one run in eight is no longer asked.
const AFTER_TRIAL: u32 = 4096;

/// A match may go on with the byte after the digits.
const AFTER_MAY: u8 = 1;
/// No match goes on with it.
const AFTER_NOT: u8 = 2;

/// The states of `nfa` that more than one transition leads to, and the anchored start, as a set of
/// bits. The backtracker need only remember the pairs of these it has seen: any other state has one
/// way in, from one state at a known position, so that coming to it again at a position means coming
/// again to the last of these before it on the way, where the search was already cut. Most states
/// (words of the lists, classes in a row) have one way in, and a search remembers a few pairs where
/// it remembered every one.
fn merges(nfa: &NFA) -> Box<[u64]> {
    let n = nfa.states().len();
    // Ways in, counted up to 2.
    let mut ways = vec![0u8; n];
    let mut way_in = |sid: StateID| ways[sid.as_usize()] = ways[sid.as_usize()].saturating_add(1).min(2);
    way_in(nfa.start_anchored());
    for state in nfa.states() {
        match state {
            State::ByteRange { trans } => way_in(trans.next),
            State::Sparse(sparse) => sparse.transitions.iter().for_each(|t| way_in(t.next)),
            State::Dense(dense) => dense.transitions.iter().for_each(|&next| way_in(next)),
            State::Look { next, .. } | State::Capture { next, .. } => way_in(*next),
            State::Union { alternates } => alternates.iter().for_each(|&a| way_in(a)),
            State::BinaryUnion { alt1, alt2 } => {
                way_in(*alt1);
                way_in(*alt2);
            }
            State::Fail | State::Match { .. } => {}
        }
    }
    let mut bits = vec![0u64; n.div_ceil(64)];
    for (i, _) in ways.iter().enumerate().filter(|(_, w)| **w > 1) {
        bits[i / 64] |= 1 << (i % 64);
    }
    bits.into_boxed_slice()
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
        // A state of a reverse search over word lists holds every entry that can end where it is
        // (hundreds of issuers' names), so each is large and costly to build: the document rules'
        // shared prefix built 2.2 MB of them on the legal crawl, and a 1 MB cache was cleared and
        // rebuilt eight times.
        let dfa = hybrid::dfa::Builder::new()
            .configure(
                hybrid::dfa::Config::new()
                    .match_kind(MatchKind::All)
                    .cache_capacity(4 << 20)
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
    // Whole texts when they are few; else their last bytes, which are fewer: a prefix over word
    // lists ends with too many texts to list (each verb after each adverb, each case of `các`), but
    // with a few dozen endings of four bytes (`hành ` → `ành `, a letter's bytes perhaps cut).
    [64, 8, 4].into_iter().find_map(|len| {
        let mut seq = Extractor::new().kind(ExtractKind::Suffix).limit_literal_len(len).limit_total(64).extract(hir);
        seq.dedup();
        let lits = seq.literals()?;
        let few = !lits.is_empty() && lits.len() <= 32 && lits.iter().all(|l| !l.as_bytes().is_empty());
        few.then(|| shortest_endings(lits))
    })
}

/// Of texts a match may end with, those no shorter one ends.
fn shortest_endings(lits: &[regex_syntax::hir::literal::Literal]) -> Vec<Box<[u8]>> {
    // Only the shortest matter: a text ending with `vừa ban hành ` ends with `ban hành `.
    let all: Vec<&[u8]> = lits.iter().map(|l| l.as_bytes()).collect();
    let shortest = all.iter().filter(|l| !all.iter().any(|o| o.len() < l.len() && l.ends_with(o)));
    let mut out: Vec<Box<[u8]>> = shortest.map(|l| (*l).into()).collect();
    out.sort();
    out.dedup();
    out
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
        let re = AnchoredRegex::new(r"(?:(?P<a>\w{1,300}) )+(?P<b>Chủ tịch|Chủ tịch nước)").unwrap();
        let hay = format!("{}Chủ tịch nước", "w1 w22 w333 ".repeat(200));
        // By the backtracker, and by the PikeVM once the backtracker gives up early.
        for most_seen in [MOST_SEEN, 100] {
            let mut c = re.create_cache();
            c.backtrack.most_seen = most_seen;
            assert!(re.captures_at(&mut c, &hay, 0, hay.len()));
            assert_eq!(c.pikevm.is_some(), most_seen == 100, "the PikeVM was needed");
            assert_eq!(&hay[c.caps.get_group_by_name("a").unwrap().range()], "w333", "the last repetition");
            assert_eq!(&hay[c.caps.get_group_by_name("b").unwrap().range()], "Chủ tịch", "leftmost-first");
        }
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
    fn a_prefix_ending_with_many_texts_has_their_last_bytes_for_endings() {
        // Fifty texts end a match (each case of `các` and `những`, each digit): too many to list
        // whole, few once cut to their last four bytes. (A prefix over word lists, as the document
        // rules' is, had no endings at all and was looked for before every reference.)
        let p = ReversePrefix::from_hir(&parse("(?:(?i:các|những)|[0-9]+) ").unwrap()).unwrap();
        let endings = p.endings().expect("endings cut to their last bytes");
        assert!(endings.len() <= 32 && endings.iter().all(|e| e.len() <= 4), "{endings:?}");
        let mut cache = p.create_cache();
        for (text, prefixed) in [
            ("các Phó Thủ tướng", true),
            ("NHỮNG Phó Thủ tướng", true),
            ("15 Phó Thủ tướng", true),
            ("cao Phó Thủ tướng", false),
        ] {
            let at = text.find("Phó").unwrap();
            assert_eq!(p.start(&mut cache, text, 0, at) == 0, prefixed, "{text}");
            let before = &text.as_bytes()[..at];
            assert_eq!(endings.iter().any(|e| before.ends_with(e)), prefixed, "{text}");
        }
    }

    #[test]
    fn the_set_of_pairs_seen_holds_this_search_only() {
        let mut seen = Seen::default();
        let mut seed = 11u64;
        // Searches of a few pairs and of many (the set grows), neighbouring pairs and far ones.
        for (search, n) in [5usize, 3000, 40, 70_000, 0, 900].into_iter().enumerate() {
            seen.clear();
            let mut want = std::collections::HashSet::new();
            for k in 0..n {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let pair = if k % 3 == 0 { k as u32 } else { (seed >> 40) as u32 % (1 << 24) };
                assert_eq!(seen.insert(pair), want.insert(pair), "search {search}, pair {pair}");
            }
            assert_eq!(seen.len, want.len());
            assert!(want.iter().all(|&p| !seen.insert(p)), "all seen in search {search}");
        }
        // A new search sees none of the pairs of the one before.
        seen.clear();
        assert!(seen.insert(0) && seen.insert(3) && !seen.insert(3));
    }

    /// The bytes, of every byte there is, that may follow a run of digits, by `may_follow_digits`.
    fn may_follow(re: &AnchoredRegex) -> Vec<u8> {
        let mut cache = re.create_cache();
        (0..=255u8)
            .filter(|&b| !b.is_ascii_digit() && re.may_follow_digits(&mut cache, &[b'1', b'2', b], 0, 3))
            .collect()
    }

    #[test]
    fn what_may_follow_digits_is_read_off_the_automaton() {
        let re = AnchoredRegex::new(r"(?:Số )?[0-9]+/(?:QĐ|NĐ)-[A-Z]+").unwrap();
        assert_eq!(may_follow(&re), b"/".to_vec());
        let mut c = re.create_cache();
        let hay = b"12/QD, 12 QD, 12";
        assert!(re.may_follow_digits(&mut c, hay, 0, hay.len()));
        assert!(!re.may_follow_digits(&mut c, hay, 7, hay.len()), "a space after the digits");
        assert!(!re.may_follow_digits(&mut c, hay, 7, hay.len()), "and again, as kept");
        assert!(re.may_follow_digits(&mut c, hay, 14, hay.len()), "the run reaches the end");
        assert!(re.may_follow_digits(&mut c, hay, 7, 9), "the run reaches the end of the span");
        // A match may end inside a run of digits, or at its end before anything: every byte may
        // follow.
        for pattern in [r"[0-9]{2}", r"[0-9]{1,3}", r"[0-9]+(?: người)?"] {
            assert_eq!(may_follow(&AnchoredRegex::new(pattern).unwrap()).len(), 246, "{pattern}");
        }
        // What may follow depends on how many digits were read.
        let re = AnchoredRegex::new(r"(?:[0-9]{4}-|[0-9]{1,2}\.|[0-9]+,)x").unwrap();
        assert_eq!(may_follow(&re), b",-.".to_vec());
    }

    #[test]
    fn a_pair_after_digits_is_read_off_the_automaton_too() {
        let re = AnchoredRegex::new(r"(?:Số )?[0-9]+ ?/(?:QĐ|NĐ)-[A-Z]+").unwrap();
        let text = "12 /QĐ-UB, 34 người, 56/NĐ-CP, 78 /x 90 ";
        let hay = text.as_bytes();
        let at = |s: &str| text.find(s).unwrap();
        let mut c = re.create_cache();
        assert!(re.may_follow_digits(&mut c, hay, at("12"), hay.len()), "a space, then a slash");
        assert!(!re.may_follow_digits(&mut c, hay, at("34"), hay.len()), "a space, then a letter");
        assert!(!re.may_follow_digits(&mut c, hay, at("34"), hay.len()), "and again, as kept");
        assert!(re.may_follow_digits(&mut c, hay, at("56"), hay.len()));
        assert!(re.may_follow_digits(&mut c, hay, at("78"), hay.len()), "the pair may follow; the rest fails later");
        assert!(re.may_follow_digits(&mut c, hay, at("90"), hay.len()), "nothing after the space");
        assert!(re.may_follow_digits(&mut c, hay, at("34"), at("34") + 3), "the second byte past the span");
        // Never false where a match is: patterns whose matches end after the digits, after the
        // byte that follows them, or go on, tried at every number of a text.
        let text = "1 2x 3 4 5 6/ 7 /8 9,1 2 tháng 3 năm 2020 . 12 người 5 % 10 . 11.5 7 /QĐ 8-CP";
        let patterns = [
            r"[0-9]+ ?/(?:QĐ|NĐ)",
            r"[0-9]+ ",
            r"[0-9]+ ?%",
            r"[0-9]+(?: tháng)?",
            r"[0-9]+(?-u:\b)",
            r"[0-9]+ [a-z]",
            r"[0-9]+,[0-9]",
            r"[0-9]+ (?:người|tháng [0-9]+)",
            r"[0-9]+ ?[-/.]",
        ];
        for pattern in patterns {
            let re = AnchoredRegex::new(pattern).unwrap();
            let mut c = re.create_cache();
            for (start, _) in text.match_indices(|ch: char| ch.is_ascii_digit()) {
                for end in [text.len(), (start + 3).min(text.len()), (start + 2).min(text.len())] {
                    if re.match_end(&mut c, text, start, end) != End::NoMatch {
                        assert!(
                            re.may_follow_digits(&mut c, text.as_bytes(), start, end),
                            "{pattern} at {start}..{end}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn what_may_follow_digits_holds_when_the_states_are_cleared_meanwhile() {
        // A room so small that the lazy DFA clears its states while they are being listed or asked.
        let pattern = r"(?:Số )?[0-9]{1,3}(?:[.,][0-9]{3})*(?: ?[-/.] ?[0-9]+)* ?(?:tỷ|triệu|nghìn|người|/QĐ-[A-Z]+)";
        let text = "12 người, 3.500 tỷ, 7/QĐ-UB, 1,5 triệu, 45 - 6 nghìn, 8 x, 9.000.000 người, 10 /QĐ-TTg";
        for room in [2_000, 4_000, 8_000, 16_000, 32_000, 64_000] {
            let nfa = thompson::Compiler::new()
                .configure(thompson::Config::new().which_captures(WhichCaptures::All))
                .build_from_hir(&parse(pattern).unwrap())
                .unwrap();
            let re = AnchoredRegex::from_nfa_with_room(nfa, room).unwrap();
            let mut c = re.create_cache();
            for _ in 0..3 {
                for (start, _) in text.match_indices(|ch: char| ch.is_ascii_digit()) {
                    let may = re.may_follow_digits(&mut c, text.as_bytes(), start, text.len());
                    if re.match_end(&mut c, text, start, text.len()) != End::NoMatch {
                        assert!(may, "room {room}, at {start}");
                    }
                }
            }
        }
    }

    #[test]
    fn bad_patterns_say_what_is_wrong() {
        let e = AnchoredRegex::new("(?P<a>x").unwrap_err();
        assert!(e.0.contains("unclosed group"), "{}", e.0);
    }
}
