//! Rule patterns compiled with every fragment and word list compiled once.
//!
//! The rules of a file share fragments (`{doc_tail}`, `{position_chain}`) and word lists that run to
//! thousands of characters. Written out as text in every rule that uses them, they were parsed and
//! compiled again each time, and that was most of start-up. Here a `{name}` is replaced in the text
//! by a marker group, and the text is parsed and compiled to a Thompson NFA once: a *template* (one
//! per case mode: a splice inside `(?i:…)` is matched ignoring case). A rule's automaton is its own
//! template with each marker replaced by a copy of the states of the template it names, and so on
//! down. Copying states costs far less than cloning syntax trees and compiling them again; the
//! automaton matches what the pattern written out in full matches, which a test checks rule by rule.
//! Word lists skip the regex syntax altogether: their templates are built from their tries.
//!
//! The syntax tree of a pattern, spliced the same way, is still built for prefixes (which compile in
//! reverse; once for each distinct prefix, which rules then share) and for the tests.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use regex_automata::PatternID;
use regex_automata::nfa::thompson::{self, NFA, State, Transition, WhichCaptures};
use regex_automata::util::look::Look;
use regex_automata::util::primitives::StateID;
use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};

use super::anchored::{self, NFA_SIZE_LIMIT, build_message};
use super::lexicon::{Lexicon, Trie, case_variants};
use super::{builtin_fragment, is_ident};

/// The name of the group that marks a splice; its number follows.
const MARK: &str = "__splice";

/// How deep a word list's trie may nest (as the regex syntax limits how deep groups nest).
const MAX_LIST_DEPTH: usize = 100;

/// Why a pattern has no automaton: a splice that names nothing, or a syntax error.
#[derive(Debug, Clone)]
pub enum SpliceError {
    /// Unknown name, a loop of fragments: said as is.
    Splice(String),
    /// The regex syntax is wrong (or the automaton too big): said as `bad pattern: …`. The fragment
    /// it is in, if any.
    Syntax(Option<String>, String),
}

impl SpliceError {
    pub fn message(&self, what: &str) -> String {
        match self {
            SpliceError::Splice(m) => m.clone(),
            SpliceError::Syntax(None, m) => format!("bad {what}: {m}"),
            SpliceError::Syntax(Some(f), m) => format!("bad {what}: in fragment `{f}`: {m}"),
        }
    }

    /// The error as seen from outside fragment `key`.
    fn in_fragment(self, key: &str) -> SpliceError {
        match self {
            SpliceError::Splice(m) => SpliceError::Splice(format!("in fragment `{key}`: {m}")),
            SpliceError::Syntax(None, m) => SpliceError::Syntax(Some(key.to_string()), m),
            e => e,
        }
    }
}

/// Made once, by the first thread that needs it; others wait for it.
type Shared<T> = OnceLock<Result<Arc<T>, SpliceError>>;

/// A pattern, fragment or list parsed, its splices left as marker groups.
struct Parsed {
    source: Source,
    /// Marker `k`: the name it splices, and whether it stands where case is ignored.
    refs: Vec<(String, bool)>,
    /// The template, compiled when a rule first needs it.
    template: Shared<Template>,
}

enum Source {
    Tree(Hir),
    /// A word list, compiled from its trie without a syntax tree (see [`Template::trie`]).
    List(Trie, bool),
}

impl Parsed {
    fn tree(&self) -> Hir {
        match &self.source {
            Source::Tree(hir) => hir.clone(),
            Source::List(trie, ignore_case) => trie.tree(*ignore_case),
        }
    }
}

/// (`name` or `name:words`, ignoring case) → its tree.
type Cells = HashMap<(String, bool), Arc<Shared<Parsed>>>;

/// The trees and templates of fragments and lists, shared by the threads that compile rules. Making
/// one never needs another (splices stay markers), so no thread ever waits for one waiting for it.
pub struct Trees<'a> {
    fragments: &'a HashMap<String, (String, String)>,
    lexicons: &'a BTreeMap<String, Lexicon>,
    cells: Mutex<Cells>,
    /// Prefixes compiled, by their text: rules sharing one (the document rules' `{doc_head}`) share
    /// its automaton, built once. An error is kept as its message.
    prefixes: Mutex<HashMap<String, Arc<OnceLock<PrefixResult>>>>,
    /// Gates compiled, by their text, shared as prefixes are.
    gates: Mutex<HashMap<String, Arc<OnceLock<GateResult>>>>,
}

/// What `build` gives for `text`, built the first time any thread asks and shared after: the cell is
/// taken under the lock, the building done outside it.
fn built_once<T: Clone>(cells: &Mutex<HashMap<String, Arc<OnceLock<T>>>>, text: &str, build: impl FnOnce() -> T) -> T {
    let cell = {
        let mut cells = cells.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(cells.entry(text.to_string()).or_default())
    };
    cell.get_or_init(build).clone()
}

/// A compiled gate, or what is wrong with it.
pub type GateResult = Result<Arc<anchored::AnchoredRegex>, String>;

/// A compiled prefix, or what is wrong with it.
pub type PrefixResult = Result<Arc<anchored::ReversePrefix>, String>;

impl<'a> Trees<'a> {
    pub fn new(fragments: &'a HashMap<String, (String, String)>, lexicons: &'a BTreeMap<String, Lexicon>) -> Self {
        Trees {
            fragments,
            lexicons,
            cells: Mutex::new(HashMap::new()),
            prefixes: Mutex::new(HashMap::new()),
            gates: Mutex::new(HashMap::new()),
        }
    }

    pub fn lexicons(&self) -> &'a BTreeMap<String, Lexicon> {
        self.lexicons
    }

    /// The prefix compiled from `text`, by `build` the first time it is asked for.
    pub fn prefix(&self, text: &str, build: impl FnOnce() -> PrefixResult) -> PrefixResult {
        built_once(&self.prefixes, text, build)
    }

    /// The gate compiled from `text`, by `build` the first time it is asked for.
    pub fn gate(&self, text: &str, build: impl FnOnce() -> GateResult) -> GateResult {
        built_once(&self.gates, text, build)
    }

    /// Drops the trees and templates on a thread of their own: nothing waits for that.
    pub fn drop_in_background(self) {
        let cells = self.cells.into_inner().unwrap_or_else(|e| e.into_inner());
        // If no thread can be had, they are dropped here.
        let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(cells));
    }

    fn parsed(&self, key: &str, ignore_case: bool) -> Result<Arc<Parsed>, SpliceError> {
        let cell = {
            let mut cells = self.cells.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(cells.entry((key.to_string(), ignore_case)).or_default())
        };
        cell.get_or_init(|| self.parse_tree(key, ignore_case).map(Arc::new)).clone()
    }

    fn template(
        &self,
        key: &str,
        ignore_case: bool,
        compiler: &thompson::Compiler,
    ) -> Result<Arc<Template>, SpliceError> {
        let parsed = self.parsed(key, ignore_case)?;
        let compile = || match &parsed.source {
            Source::Tree(hir) => Template::compile(compiler, hir, &parsed.refs),
            Source::List(trie, ignore_case) => Ok(Template::trie(trie, *ignore_case)),
        };
        parsed.template.get_or_init(|| compile().map(Arc::new)).clone()
    }

    /// Parses the text `key` stands for; its errors are its own (see [`Splicer::inside`]).
    fn parse_tree(&self, key: &str, ignore_case: bool) -> Result<Parsed, SpliceError> {
        let case = |text: String| if ignore_case { format!("(?i:{text})") } else { text };
        let list = |trie: Trie| {
            if trie.deeper_than(MAX_LIST_DEPTH) {
                return Err(SpliceError::Splice(format!(
                    "word list `{key}` nests more than {MAX_LIST_DEPTH} deep (words beginning words beginning words…)"
                )));
            }
            Ok(Source::List(trie, ignore_case))
        };
        let source = if let Some(name) = key.strip_suffix(":words") {
            list(self.lexicons[name].lower_words_trie())?
        } else if let Some(class) = builtin_fragment(key) {
            Source::Tree(parse(&case(class))?)
        } else if let Some(lex) = self.lexicons.get(key).filter(|_| !self.fragments.contains_key(key)) {
            list(lex.trie())?
        } else {
            return self.parse_marked(&case(self.fragments[key].1.clone()));
        };
        Ok(Parsed { source, refs: Vec::new(), template: OnceLock::new() })
    }

    /// Parses `text`, each `{name}` in it a marker group.
    fn parse_marked(&self, text: &str) -> Result<Parsed, SpliceError> {
        let (marked, names) = mark(text, self.fragments, self.lexicons)?;
        let hir = parse(&marked)?;
        let mut ignore_case = vec![None; names.len()];
        find_markers(&hir, &mut ignore_case);
        let refs = names
            .into_iter()
            .zip(ignore_case)
            .map(|(name, ic)| match ic {
                Some(ic) => Ok((name, ic)),
                None => Err(SpliceError::Splice(format!("`{{{name}}}` cannot stand inside a character class"))),
            })
            .collect::<Result<_, _>>()?;
        Ok(Parsed { source: Source::Tree(hir), refs, template: OnceLock::new() })
    }
}

fn parse(text: &str) -> Result<Hir, SpliceError> {
    anchored::parse(text).map_err(|e| SpliceError::Syntax(None, e.0))
}

/// Notes, for each marker in the tree, whether it stands where case is ignored (inside `(?i:…)` the
/// marker's `a` was read as `[Aa]`). A marker inside a class is not a group, and stays `None`.
fn find_markers(hir: &Hir, ignore_case: &mut [Option<bool>]) {
    if hir.properties().explicit_captures_len() == 0 {
        return;
    }
    match hir.kind() {
        HirKind::Capture(c) => match c.name.as_deref().and_then(|n| n.strip_prefix(MARK)) {
            Some(k) => {
                if let Some(slot) = k.parse::<usize>().ok().and_then(|k| ignore_case.get_mut(k)) {
                    *slot = Some(!matches!(c.sub.kind(), HirKind::Literal(_)));
                }
            }
            None => find_markers(&c.sub, ignore_case),
        },
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().for_each(|h| find_markers(h, ignore_case)),
        HirKind::Repetition(r) => find_markers(&r.sub, ignore_case),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {}
    }
}

/// A tree compiled once, its markers left open: the states a rule's automaton copies.
struct Template {
    /// The states reached from the start, numbered anew from 0 in their first order (which keeps
    /// capture groups in the order they open).
    states: Vec<Step>,
    start: StateID,
    /// What each capture group of the tree is, by its index there.
    groups: Vec<Group>,
    /// Marker `k`: the name it splices and its case mode.
    refs: Vec<(String, bool)>,
}

enum Group {
    /// Group 0, the whole tree.
    Whole,
    /// A group of the tree's own, with its name if it has one.
    Own(Option<Arc<str>>),
    /// Marker `k`.
    Marker(usize),
}

/// One state of a template; `StateID`s in it are the template's own numbers.
enum Step {
    Range(Transition),
    Sparse(Box<[Transition]>),
    Look(Look, StateID),
    Union(Box<[StateID]>),
    /// The opening of group 0: goes on.
    Enter(StateID),
    /// The closing of group 0: leaves the template, to whatever follows the copy.
    Exit,
    CaptureStart(usize, StateID),
    CaptureEnd(usize, StateID),
    /// Marker `k`: a copy of its template, then `after`.
    Splice(usize, StateID),
    Fail,
}

/// An automaton whose shape a template cannot follow (never met: the compiler's output is known).
fn odd_shape(what: &str) -> SpliceError {
    SpliceError::Syntax(None, format!("cannot splice the compiled pattern ({what})"))
}

impl Template {
    fn compile(compiler: &thompson::Compiler, hir: &Hir, refs: &[(String, bool)]) -> Result<Template, SpliceError> {
        let nfa = compiler.build_from_hir(hir)?;
        let groups: Vec<Group> = nfa
            .group_info()
            .pattern_names(PatternID::ZERO)
            .enumerate()
            .map(|(i, name)| match name {
                _ if i == 0 => Group::Whole,
                Some(n) => match n.strip_prefix(MARK).and_then(|k| k.parse().ok()) {
                    Some(k) => Group::Marker(k),
                    None => Group::Own(Some(Arc::from(n))),
                },
                None => Group::Own(None),
            })
            .collect();
        if groups.iter().any(|g| matches!(g, Group::Marker(k) if *k >= refs.len())) {
            return Err(odd_shape("a marker out of range"));
        }
        let states = nfa.states();
        // What follows the marker whose group opens at `s`: its `a` (or `[Aa]`), then its closing.
        let after_marker = |s: StateID| -> Option<StateID> {
            let State::Capture { next, .. } = states[s] else { return None };
            let close = match &states[next] {
                State::ByteRange { trans } => trans.next,
                State::Sparse(sp) if sp.transitions.iter().all(|t| t.next == sp.transitions[0].next) => {
                    sp.transitions.first()?.next
                }
                _ => return None,
            };
            match states[close] {
                State::Capture { next, .. } => Some(next),
                _ => None,
            }
        };
        let marker = |group_index: usize| match groups.get(group_index) {
            Some(Group::Marker(k)) => Some(*k),
            _ => None,
        };
        // The states a copy needs: those reached from the start, past markers rather than into them.
        let mut keep = vec![false; states.len()];
        let mut todo = vec![nfa.start_anchored()];
        while let Some(s) = todo.pop() {
            if std::mem::replace(&mut keep[s], true) {
                continue;
            }
            match &states[s] {
                State::ByteRange { trans } => todo.push(trans.next),
                State::Sparse(sp) => todo.extend(sp.transitions.iter().map(|t| t.next)),
                State::Look { next, .. } => todo.push(*next),
                State::Union { alternates } => todo.extend(alternates.iter().copied()),
                State::BinaryUnion { alt1, alt2 } => todo.extend([*alt1, *alt2]),
                State::Capture { next, group_index, slot, .. } => {
                    let opens = slot.as_usize() % 2 == 0;
                    match (group_index.as_usize(), marker(group_index.as_usize())) {
                        (0, _) if !opens => {}
                        (_, Some(_)) if opens => todo.push(after_marker(s).ok_or_else(|| odd_shape("a marker"))?),
                        _ => todo.push(*next),
                    }
                }
                State::Dense(_) => return Err(odd_shape("a dense state")),
                State::Fail | State::Match { .. } => {}
            }
        }
        let mut local = vec![StateID::ZERO; states.len()];
        let mut n = 0;
        for (s, kept) in keep.iter().enumerate() {
            if *kept {
                local[s] = StateID::new(n).map_err(|_| odd_shape("too many states"))?;
                n += 1;
            }
        }
        let at = |s: StateID| local[s];
        let tr = |t: &Transition| Transition { next: at(t.next), ..*t };
        let mut steps = Vec::with_capacity(n);
        for (s, state) in states.iter().enumerate() {
            if !keep[s] {
                continue;
            }
            let sid = StateID::new(s).map_err(|_| odd_shape("too many states"))?;
            steps.push(match state {
                State::ByteRange { trans } => Step::Range(tr(trans)),
                State::Sparse(sp) => Step::Sparse(sp.transitions.iter().map(tr).collect()),
                State::Look { look, next } => Step::Look(*look, at(*next)),
                State::Union { alternates } => Step::Union(alternates.iter().map(|a| at(*a)).collect()),
                State::BinaryUnion { alt1, alt2 } => Step::Union(Box::new([at(*alt1), at(*alt2)])),
                State::Capture { next, group_index, slot, .. } => {
                    let (g, opens) = (group_index.as_usize(), slot.as_usize() % 2 == 0);
                    match (g, marker(g), opens) {
                        (0, _, true) => Step::Enter(at(*next)),
                        (0, _, false) => Step::Exit,
                        (_, Some(k), true) => {
                            Step::Splice(k, at(after_marker(sid).ok_or_else(|| odd_shape("a marker"))?))
                        }
                        (_, _, true) => Step::CaptureStart(g, at(*next)),
                        (_, _, false) => Step::CaptureEnd(g, at(*next)),
                    }
                }
                State::Dense(_) => return Err(odd_shape("a dense state")),
                State::Fail | State::Match { .. } => Step::Fail,
            });
        }
        Ok(Template { states: steps, start: at(nfa.start_anchored()), groups, refs: refs.to_vec() })
    }

    /// The template of a word list, built from its trie directly: an automaton matching what
    /// compiling [`Trie::tree`] gives, smaller (branches beginning with different letters share one
    /// choice of bytes) and for a fraction of the cost (lists ignoring case were a third of
    /// start-up). Each letter is a byte trie of the UTF-8 of its case variants.
    fn trie(trie: &Trie, ignore_case: bool) -> Template {
        let mut b = TrieSteps { states: vec![Step::Exit], ignore_case, letters: HashMap::new() };
        let start = if trie.is_empty() {
            b.push(Step::Fail)
        } else if ignore_case {
            b.node(&trie.words(), StateID::ZERO)
        } else {
            // Byte by byte, so that letters sharing their first bytes share states too.
            let utf8 = trie.utf8();
            b.byte_node(&utf8.iter().map(Vec::as_slice).collect::<Vec<_>>(), StateID::ZERO)
        };
        Template { states: b.states, start, groups: vec![Group::Whole], refs: Vec::new() }
    }
}

/// The states of a list's template, each added after those it leads to; state 0 leaves it.
struct TrieSteps {
    states: Vec<Step>,
    ignore_case: bool,
    /// The UTF-8 of each letter's variants, sorted.
    letters: HashMap<char, Vec<Vec<u8>>>,
}

impl TrieSteps {
    fn push(&mut self, step: Step) -> StateID {
        self.states.push(step);
        StateID::new_unchecked(self.states.len() - 1)
    }

    /// The states matching one of `words` (the branches below a node), then going on to `next`.
    fn node(&mut self, words: &[&[char]], next: StateID) -> StateID {
        let branches = Trie::branches(words);
        // Each branch after its first letter.
        let mut firsts: Vec<(Vec<u8>, StateID)> = Vec::new();
        let mut entries = Vec::new();
        for b in &branches {
            let mut at = next;
            if !b.rest.is_empty() {
                let rest = self.node(&b.rest, next);
                // Greedy: the longer word first.
                at = if b.ends { self.push(Step::Union(Box::new([rest, next]))) } else { rest };
            }
            for &c in b.chars[1..].iter().rev() {
                at = self.letter(c, at);
            }
            firsts.extend(self.utf8(b.chars[0]).into_iter().map(|u| (u, at)));
            entries.push(at);
        }
        firsts.sort();
        // When no two branches begin with letters that are one ignoring case, at most one can go on
        // after the first letter: one choice of bytes picks it. Otherwise each branch is tried in turn.
        if firsts.windows(2).all(|w| w[0].0 != w[1].0) {
            return self.bytes_to(&firsts.iter().map(|(u, to)| (u.as_slice(), *to)).collect::<Vec<_>>());
        }
        let entries: Vec<StateID> = branches.iter().zip(entries).map(|(b, at)| self.letter(b.chars[0], at)).collect();
        match entries[..] {
            [one] => one,
            _ => self.push(Step::Union(entries.into())),
        }
    }

    /// [`TrieSteps::node`] for words in UTF-8, matched as written. The branches of a node begin with
    /// different bytes, so one state chooses between them (as the compiler does for literals).
    fn byte_node(&mut self, words: &[&[u8]], next: StateID) -> StateID {
        let mut trans: Vec<Transition> = Vec::new();
        for b in Trie::branches(words) {
            let mut at = next;
            if !b.rest.is_empty() {
                let rest = self.byte_node(&b.rest, next);
                at = if b.ends { self.push(Step::Union(Box::new([rest, next]))) } else { rest };
            }
            for &byte in b.chars[1..].iter().rev() {
                at = self.push(Step::Range(Transition { start: byte, end: byte, next: at }));
            }
            add_byte(&mut trans, b.chars[0], at);
        }
        self.choose(trans)
    }

    /// One state taking the transitions (sorted by byte).
    fn choose(&mut self, trans: Vec<Transition>) -> StateID {
        match trans[..] {
            [one] => self.push(Step::Range(one)),
            _ => self.push(Step::Sparse(trans.into())),
        }
    }

    fn letter(&mut self, c: char, next: StateID) -> StateID {
        let utf8 = self.utf8(c);
        self.bytes(&utf8.iter().map(Vec::as_slice).collect::<Vec<_>>(), next)
    }

    /// The UTF-8 of the characters `c` stands for, sorted.
    fn utf8(&mut self, c: char) -> Vec<Vec<u8>> {
        let ignore_case = self.ignore_case;
        let utf8 = self.letters.entry(c).or_insert_with(|| {
            let chars: Vec<char> =
                if ignore_case { case_variants(c).iter().flat_map(|r| r.start()..=r.end()).collect() } else { vec![c] };
            let mut utf8: Vec<Vec<u8>> = chars.iter().map(|v| v.encode_utf8(&mut [0; 4]).as_bytes().to_vec()).collect();
            utf8.sort();
            utf8
        });
        utf8.clone()
    }

    /// The states matching one of `seqs` (sorted, distinct, none the beginning of another), then `next`.
    fn bytes(&mut self, seqs: &[&[u8]], next: StateID) -> StateID {
        self.bytes_to(&seqs.iter().map(|s| (*s, next)).collect::<Vec<_>>())
    }

    /// The states matching one of `seqs` (sorted, distinct, none the beginning of another), then
    /// going on where that one says.
    fn bytes_to(&mut self, seqs: &[(&[u8], StateID)]) -> StateID {
        let mut trans: Vec<Transition> = Vec::new();
        let mut i = 0;
        while i < seqs.len() {
            let byte = seqs[i].0[0];
            let mut j = i + 1;
            while j < seqs.len() && seqs[j].0[0] == byte {
                j += 1;
            }
            let to = match &seqs[i..j] {
                [(seq, to)] if seq.len() == 1 => *to,
                group => {
                    let tails: Vec<(&[u8], StateID)> =
                        group.iter().map(|(s, to)| (&s[1..], *to)).filter(|(t, _)| !t.is_empty()).collect();
                    self.bytes_to(&tails)
                }
            };
            add_byte(&mut trans, byte, to);
            i = j;
        }
        self.choose(trans)
    }
}

/// Adds `byte → to` after the transitions (on smaller bytes), within the last one if it can.
fn add_byte(trans: &mut Vec<Transition>, byte: u8, to: StateID) {
    match trans.last_mut() {
        Some(t) if t.next == to && t.end as u16 + 1 == byte as u16 => t.end = byte,
        _ => trans.push(Transition { start: byte, end: byte, next: to }),
    }
}

/// A template as one rule copies it: the numbers its groups take in the rule, and the plans of the
/// templates its markers splice.
struct Plan {
    template: Arc<Template>,
    /// The rule's number for each of the template's own groups (by its index in the template).
    numbers: Vec<u32>,
    /// Marker `k`'s plan.
    subs: Vec<Plan>,
    /// How many states the copy adds.
    len: usize,
}

/// Parses patterns, splicing in the shared trees and templates of fragments and lists.
pub struct Splicer<'t, 'a> {
    trees: &'t Trees<'a>,
    /// The fragments being spliced, innermost last: a name met again is a loop.
    open: Vec<String>,
    /// Kept from one template to the next: a new one costs its tables.
    compiler: thompson::Compiler,
}

impl<'t, 'a> Splicer<'t, 'a> {
    pub fn new(trees: &'t Trees<'a>) -> Self {
        let mut compiler = thompson::Compiler::new();
        compiler
            .configure(thompson::Config::new().which_captures(WhichCaptures::All).nfa_size_limit(Some(NFA_SIZE_LIMIT)));
        Splicer { trees, open: Vec::new(), compiler }
    }

    /// The automaton of a whole pattern, its capture groups numbered in order of their opening.
    pub fn nfa(&mut self, text: &str) -> Result<NFA, SpliceError> {
        let top = self.trees.parse_marked(text)?;
        let top = Arc::new(Template::compile(&self.compiler, &top.tree(), &top.refs)?);
        let mut names = Vec::new();
        let plan = self.plan(top, &mut 1, &mut names)?;
        // Checked on the whole: the name is not the fault of the fragment that holds it.
        let mut seen = HashSet::new();
        if !names.into_iter().all(|n| seen.insert(n)) {
            return Err(SpliceError::Syntax(None, "duplicate capture group name".into()));
        }
        build(&plan)
    }

    /// Numbers the groups of `template` from `next` on, those of each marker's template where the
    /// marker stands: the order of their opening in the pattern written out in full.
    fn plan(
        &mut self,
        template: Arc<Template>,
        next: &mut u32,
        names: &mut Vec<Arc<str>>,
    ) -> Result<Plan, SpliceError> {
        let mut numbers = vec![0; template.groups.len()];
        let mut subs: Vec<Option<Plan>> = template.refs.iter().map(|_| None).collect();
        for (g, group) in template.groups.iter().enumerate() {
            match group {
                Group::Whole => {}
                Group::Own(name) => {
                    names.extend(name.clone());
                    numbers[g] = *next;
                    *next += 1;
                }
                Group::Marker(k) => {
                    let (key, ignore_case) = &template.refs[*k];
                    let sub = self.inside(key, |s| {
                        let t = s.trees.template(key, *ignore_case, &s.compiler)?;
                        s.plan(t, next, names)
                    })?;
                    subs[*k] = Some(sub);
                }
            }
        }
        let subs: Vec<Plan> = subs.into_iter().collect::<Option<_>>().ok_or_else(|| odd_shape("a lost marker"))?;
        let len = template.states.iter().map(|s| 1 + if let Step::Splice(k, _) = s { subs[*k].len } else { 0 }).sum();
        Ok(Plan { template, numbers, subs, len })
    }

    /// The trees and prefixes shared with the other threads.
    pub fn trees(&self) -> &'t Trees<'a> {
        self.trees
    }

    /// The tree of a whole pattern, its capture groups numbered in order of their opening.
    pub fn pattern(&mut self, text: &str) -> Result<Hir, SpliceError> {
        let top = self.trees.parse_marked(text)?;
        let hir = self.splice(top.tree(), &top.refs)?;
        renumber(hir, &mut 1, &mut HashSet::new())
    }

    /// Runs `f` for the splice of `key`. A fragment met again inside itself is a loop; what goes
    /// wrong inside a fragment says so.
    fn inside<T>(&mut self, key: &str, f: impl FnOnce(&mut Self) -> Result<T, SpliceError>) -> Result<T, SpliceError> {
        if !self.trees.fragments.contains_key(key) {
            return f(self);
        }
        if self.open.iter().any(|o| o == key) {
            return Err(SpliceError::Splice("fragments refer to each other in a loop".into()));
        }
        self.open.push(key.to_string());
        let r = f(self);
        self.open.pop();
        r.map_err(|e| e.in_fragment(key))
    }

    fn splice(&mut self, hir: Hir, refs: &[(String, bool)]) -> Result<Hir, SpliceError> {
        // A tree with no groups holds no marker: it is kept as it is.
        if hir.properties().explicit_captures_len() == 0 {
            return Ok(hir);
        }
        Ok(match hir.into_kind() {
            HirKind::Capture(c) => match c.name.as_deref().and_then(|n| n.strip_prefix(MARK)) {
                Some(k) => {
                    let (key, ignore_case) = k
                        .parse::<usize>()
                        .ok()
                        .and_then(|k| refs.get(k))
                        .ok_or_else(|| odd_shape("a marker out of range"))?;
                    self.inside(key, |s| {
                        let parsed = s.trees.parsed(key, *ignore_case)?;
                        s.splice(parsed.tree(), &parsed.refs)
                    })?
                }
                None => Hir::capture(Capture { sub: Box::new(self.splice(*c.sub, refs)?), ..c }),
            },
            HirKind::Concat(subs) => {
                Hir::concat(subs.into_iter().map(|h| self.splice(h, refs)).collect::<Result<_, _>>()?)
            }
            HirKind::Alternation(subs) => {
                Hir::alternation(subs.into_iter().map(|h| self.splice(h, refs)).collect::<Result<_, _>>()?)
            }
            HirKind::Repetition(r) => Hir::repetition(Repetition { sub: Box::new(self.splice(*r.sub, refs)?), ..r }),
            kind @ (HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_)) => leaf(kind),
        })
    }
}

impl From<thompson::BuildError> for SpliceError {
    fn from(e: thompson::BuildError) -> Self {
        SpliceError::Syntax(None, build_message(&e))
    }
}

/// Builds the automaton of a planned pattern: group 0 around the copy of its template, then a match.
fn build(plan: &Plan) -> Result<NFA, SpliceError> {
    let mut b = thompson::Builder::new();
    b.set_utf8(true);
    b.set_size_limit(Some(NFA_SIZE_LIMIT))?;
    b.start_pattern()?;
    let matched = b.add_match()?;
    let close = b.add_capture_end(matched, 0)?;
    let open = b.add_capture_start(StateID::ZERO, 0, None)?;
    let entry = copy(&mut b, plan, open.as_usize() + 1, close)?;
    b.patch(open, entry)?;
    b.finish_pattern(open)?;
    Ok(b.build(open, open)?)
}

/// Adds the states of `plan`'s template to `b`, numbered from `base` on (the states of each marker's
/// copy right after the marker), leaving to `exit`; returns where the copy starts.
fn copy(b: &mut thompson::Builder, plan: &Plan, base: usize, exit: StateID) -> Result<StateID, SpliceError> {
    let t = &*plan.template;
    let too_big = || SpliceError::Syntax(None, "the compiled pattern is too big".into());
    let mut at = Vec::with_capacity(t.states.len());
    let mut n = base;
    for s in &t.states {
        at.push(StateID::new(n).map_err(|_| too_big())?);
        n += 1 + if let Step::Splice(k, _) = s { plan.subs[*k].len } else { 0 };
    }
    let tr = |x: &Transition| Transition { next: at[x.next], ..*x };
    for (i, s) in t.states.iter().enumerate() {
        let id = match s {
            Step::Range(x) => b.add_range(tr(x))?,
            Step::Sparse(xs) => b.add_sparse(xs.iter().map(tr).collect())?,
            Step::Look(look, next) => b.add_look(at[*next], *look)?,
            Step::Union(alts) => b.add_union(alts.iter().map(|a| at[*a]).collect())?,
            Step::Enter(next) => goto(b, at[*next])?,
            Step::Exit => goto(b, exit)?,
            Step::CaptureStart(g, next) => {
                let name = match &t.groups[*g] {
                    Group::Own(name) => name.clone(),
                    _ => None,
                };
                b.add_capture_start(at[*next], plan.numbers[*g], name)?
            }
            Step::CaptureEnd(g, next) => b.add_capture_end(at[*next], plan.numbers[*g])?,
            Step::Splice(k, after) => {
                let id = b.add_empty()?;
                let entry = copy(b, &plan.subs[*k], id.as_usize() + 1, at[*after])?;
                b.patch(id, entry)?;
                id
            }
            Step::Fail => b.add_fail()?,
        };
        if id != at[i] {
            return Err(odd_shape("a copy out of step"));
        }
    }
    Ok(at[t.start])
}

/// A state that only goes on to `to`.
fn goto(b: &mut thompson::Builder, to: StateID) -> Result<StateID, SpliceError> {
    let id = b.add_empty()?;
    b.patch(id, to)?;
    Ok(id)
}

/// `text` with every `{name}` of a fragment or list replaced by a marker group, and the names in
/// marker order. The built-in classes (`{letter}`, `{upper}`, `{lower}`) are written in as text: they
/// may stand inside a class.
fn mark(
    text: &str,
    fragments: &HashMap<String, (String, String)>,
    lexicons: &BTreeMap<String, Lexicon>,
) -> Result<(String, Vec<String>), SpliceError> {
    let mut out = String::with_capacity(text.len());
    let mut refs: Vec<String> = Vec::new();
    // How deep inside `[…]` the scan is: a built-in class there is written in as text.
    let mut in_class = 0usize;
    let mut rest = text;
    while let Some(i) = rest.find(['\\', '{', '[', ']']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = copy_escape(tail, &mut out) {
            rest = after;
            continue;
        }
        if let Some(after) = tail.strip_prefix('[') {
            in_class += 1;
            // `[]…]` and `[^]…]` begin with a `]` that does not close the class.
            let open = 1 + ["^]", "]", "^"].iter().find(|p| after.starts_with(**p)).map_or(0, |p| p.len());
            out.push_str(&tail[..open]);
            rest = &tail[open..];
            continue;
        }
        if let Some(after) = tail.strip_prefix(']') {
            in_class = in_class.saturating_sub(1);
            out.push(']');
            rest = after;
            continue;
        }
        let name = tail
            .find('}')
            .map(|j| &tail[1..j])
            .filter(|n| is_ident(n) || n.strip_suffix(":words").is_some_and(is_ident));
        let Some(name) = name else {
            out.push('{');
            rest = &tail[1..];
            continue;
        };
        rest = &tail[name.len() + 2..];
        if let Some(list) = name.strip_suffix(":words") {
            if !lexicons.contains_key(list) {
                return Err(SpliceError::Splice(format!("unknown word list `{list}` in `{{{name}}}`")));
            }
        } else if let Some(class) = builtin_fragment(name) {
            if in_class > 0 {
                out.push_str(&class);
                continue;
            }
        } else if !fragments.contains_key(name) && !lexicons.contains_key(name) {
            return Err(SpliceError::Splice(format!("unknown word list or fragment `{{{name}}}`")));
        }
        out.push_str(&format!("(?P<{MARK}{}>a)", refs.len()));
        refs.push(name.to_string());
    }
    out.push_str(rest);
    Ok((out, refs))
}

/// When `tail` begins with an escape (`\{`, `\\`, `\x`…), copies it to `out` and returns what follows.
pub(super) fn copy_escape<'t>(tail: &'t str, out: &mut String) -> Option<&'t str> {
    let escaped = tail.strip_prefix('\\')?;
    let n = escaped.chars().next().map_or(1, |c| 1 + c.len_utf8());
    out.push_str(&tail[..n]);
    Some(&tail[n..])
}

/// A leaf of a tree, as it was.
fn leaf(kind: HirKind) -> Hir {
    match kind {
        HirKind::Literal(l) => Hir::literal(l.0),
        HirKind::Class(c) => Hir::class(c),
        HirKind::Look(l) => Hir::look(l),
        HirKind::Empty => Hir::empty(),
        _ => unreachable!("called on leaves only"),
    }
}

/// Numbers the capture groups 1, 2, … in the order their parentheses open, as the parser numbers
/// those of one text; a name met twice is the parser's error too.
fn renumber(hir: Hir, next: &mut u32, names: &mut HashSet<Box<str>>) -> Result<Hir, SpliceError> {
    if hir.properties().explicit_captures_len() == 0 {
        return Ok(hir);
    }
    Ok(match hir.into_kind() {
        HirKind::Capture(c) => {
            if let Some(n) = &c.name
                && !names.insert(n.clone())
            {
                return Err(SpliceError::Syntax(None, "duplicate capture group name".into()));
            }
            let index = *next;
            *next += 1;
            Hir::capture(Capture { index, sub: Box::new(renumber(*c.sub, next, names)?), name: c.name })
        }
        HirKind::Concat(subs) => {
            Hir::concat(subs.into_iter().map(|h| renumber(h, next, names)).collect::<Result<_, _>>()?)
        }
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.into_iter().map(|h| renumber(h, next, names)).collect::<Result<_, _>>()?)
        }
        HirKind::Repetition(r) => Hir::repetition(Repetition { sub: Box::new(renumber(*r.sub, next, names)?), ..r }),
        kind => leaf(kind),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::anchored::AnchoredRegex;

    /// A list whose words begin one another too deep is refused with a message, not built by a
    /// recursion that could run out of stack.
    #[test]
    fn too_deep_a_list_is_an_error() {
        let deep: String = (1..=300).map(|n| format!("{}\n", "a".repeat(n))).collect();
        let lexicons: BTreeMap<String, Lexicon> =
            [("deep".to_string(), Lexicon::parse("deep", "deep.txt", &deep).unwrap())].into_iter().collect();
        let long: String = "b".repeat(500);
        let mut lexicons = lexicons;
        lexicons.insert("long".to_string(), Lexicon::parse("long", "long.txt", &format!("{long}\n{long}c\n")).unwrap());
        let fragments = HashMap::new();
        let trees = Trees::new(&fragments, &lexicons);
        let msg = Splicer::new(&trees).nfa("x{deep}").unwrap_err().message("pattern");
        assert!(msg.contains("word list `deep` nests more than 100 deep"), "{msg}");
        assert!(Splicer::new(&trees).pattern("(?i:{deep})").is_err());
        // Long words alone are no reason: this one nests two deep.
        assert!(Splicer::new(&trees).nfa("{long}").is_ok());
    }

    /// A list's template, built from its trie, matches what the list's text matches: the same word,
    /// or none, from every character of probes made of its words in all cases, cut short and run
    /// together. The lists hold the awkward cases: words beginning others, letters that are one
    /// ignoring case (`L`/`l`, `k`/`K`/Kelvin sign), letters sharing their first UTF-8 bytes.
    #[test]
    fn list_templates_match_as_their_text() {
        let lists = [
            "Chủ tịch\nChủ tịch nước\nChủ nhiệm\nPhó Chủ tịch\n",
            "Luật Đất đai\nluật đất\nLuật\nL\nl\n",
            "Thị\nThanh\nThế\nThể\nĐức\nĐình\nđ\nđồng\nkm\nK\n\u{212A}m\n",
            "a\nb\nc\nab\nabc\nb c\n",
        ];
        let fragments = HashMap::new();
        for (n, list) in lists.iter().enumerate() {
            let lexicon = Lexicon::parse("w", "w.txt", list).unwrap();
            let words: Vec<String> = lexicon.entries.iter().map(|e| e.key.clone()).collect();
            let mut probes: Vec<String> = Vec::new();
            for w in &words {
                for v in [w.clone(), w.to_uppercase(), w.to_lowercase()] {
                    let cut: String = v.chars().take(v.chars().count().saturating_sub(1)).collect();
                    probes.extend([format!("{v} "), format!("{v}x"), cut, format!("{v}{v}")]);
                }
            }
            probes.push(words.join(" "));
            let lexicons: BTreeMap<String, Lexicon> = [("w".to_string(), lexicon.clone())].into_iter().collect();
            let trees = Trees::new(&fragments, &lexicons);
            for ignore_case in [false, true] {
                let (pattern, text) = if ignore_case {
                    ("(?i:{w})", format!("(?i:{})", lexicon.trie().text()))
                } else {
                    ("{w}", lexicon.trie().text())
                };
                let spliced = AnchoredRegex::from_nfa(Splicer::new(&trees).nfa(pattern).unwrap()).unwrap();
                let parsed = AnchoredRegex::new(&text).unwrap();
                let (mut a, mut b) = (spliced.create_cache(), parsed.create_cache());
                for p in &probes {
                    for (i, _) in p.char_indices() {
                        let want = parsed.captures_at(&mut b, p, i, p.len()).then(|| b.caps.get_match());
                        let got = spliced.captures_at(&mut a, p, i, p.len()).then(|| a.caps.get_match());
                        assert_eq!(got, want, "list {n}, ignoring case {ignore_case}: {p:?} at {i}");
                    }
                }
            }
        }
    }
}
