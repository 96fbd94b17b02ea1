//! Loading the rule files, checking them, and compiling them once into a [`RuleSet`].
//!
//! A rule file (`rules/*.toml`) holds `[[rule]]` tables and optional `[fragments]`; word lists live in
//! `rules/lexicon/*.txt`. Patterns splice lists and fragments in with `{name}`. Everything is checked
//! at start-up — an unknown key, a bad regex, an unknown list, a rule without examples — and a problem
//! stops the program with the file, the rule and what is wrong.

pub mod anchored;
pub mod examples;
pub mod lexicon;
pub mod spec;
mod splice;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::decimal::Decimal;
use crate::record::Kind;
use anchored::AnchoredRegex;
use lexicon::Lexicon;
use spec::{FileSpec, RuleSpec};
use splice::{SpliceError, Splicer, Trees};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// The built-in rule files: path below `rules/` and text.
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    builtin::FILES
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {}{message}", rule.as_ref().map(|r| format!("rule `{r}`: ")).unwrap_or_default())]
pub struct RuleError {
    pub file: String,
    pub rule: Option<String>,
    pub message: String,
}

impl RuleError {
    fn file(file: &str, message: impl Into<String>) -> Self {
        RuleError { file: file.to_string(), rule: None, message: message.into() }
    }
    fn rule(file: &str, rule: &str, message: impl Into<String>) -> Self {
        RuleError { file: file.to_string(), rule: Some(rule.to_string()), message: message.into() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// Makes records of a kind.
    Extract(Kind),
    /// Removes records of other kinds that overlap its matches (dates, ordinals, periods …).
    Exclude,
}

impl RuleKind {
    fn parse(s: &str) -> Option<RuleKind> {
        if s == "exclude" {
            return Some(RuleKind::Exclude);
        }
        Kind::parse(s).filter(|k| k.name() == s).map(RuleKind::Extract)
    }

    pub fn name(self) -> &'static str {
        match self {
            RuleKind::Extract(k) => k.name(),
            RuleKind::Exclude => "exclude",
        }
    }

    /// The capture groups a production of this kind reads; any other name is a typo.
    fn known_groups(self) -> &'static [&'static str] {
        // Every kind may mark the record's own text with a group `text`; otherwise it is the match.
        match self {
            RuleKind::Extract(Kind::Document) => &[
                "text",
                "doc_type",
                "number",
                "year",
                "year_dash",
                "law",
                "law_name",
                "law_type",
                "free_law",
                "law_year",
                "amended_list",
                "list_year",
                "date_glued",
                "type_code",
                "issuer_code",
                "date",
                "issuer",
                "title",
                "issuer_listed",
                "date_before",
                "date_after",
                "issuer_before",
                "issuer_signed",
                "opener",
                "free_type",
                "free_number",
                "free_year",
                "free_symbol",
                "date_at",
                "date_signed",
                "so",
                "closed",
            ],
            RuleKind::Extract(Kind::Official) => &[
                "text",
                "position",
                "org",
                "name",
                "run",
                "names",
                "plural",
                "after",
                "after_org",
                "gap",
                "bare",
                "signed",
                "former",
                "held",
                "now",
            ],
            RuleKind::Extract(Kind::Statistic) => &[
                "text",
                "qualifier",
                "approx",
                "number",
                "number_max",
                "unit",
                "unit_before",
                "unit_low",
                "cents",
                "qualifier_after",
                "noun",
                "part",
            ],
            RuleKind::Extract(Kind::Percentage) => {
                &["text", "qualifier", "approx", "number", "number_max", "subject", "noun"]
            }
            RuleKind::Extract(Kind::Page) => &["text", "date", "time", "tz"],
            RuleKind::Exclude => &["text"],
        }
    }
}

/// What an example expects of a field.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    Empty,
    Str(String),
    Num(Decimal),
}

#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub expect: Vec<(String, Expect)>,
}

#[derive(Debug, Clone)]
pub struct Counterexample {
    pub text: String,
    pub note: Option<String>,
}

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub id: Arc<str>,
    pub kind: RuleKind,
    pub file: String,
    pub description: Option<String>,
    pub pattern: String,
    pub regex: AnchoredRegex,
    /// Group name → group index, for the groups the pattern has.
    groups: Vec<(&'static str, usize)>,
    /// Every name of the kind's `known_groups` by its address and length, with its group's index
    /// (`None`: the pattern lacks it) ([`Rule::group`]).
    by_address: rustc_hash::FxHashMap<(usize, usize), Option<usize>>,
    /// The group holding the match proper (without the end-of-word check).
    main_group: usize,
    pub set: Vec<(String, String)>,
    pub applies_to: Vec<Kind>,
    pub triggers: Vec<String>,
    /// Finds, leftwards from a trigger, where the rule's prefix begins.
    pub prefix: Option<Arc<anchored::ReversePrefix>>,
    /// The word list before which a number in digits is not tried (`not_before`).
    pub not_before: Option<String>,
    /// The word list after which a number in digits is not tried (`not_after`).
    pub not_after: Option<String>,
    /// What a match at a word trigger must hold to be read (`words_need`); `None` reads every match.
    pub words_need: Option<NeededWords>,
    /// Where the rule can match at all (`needs`); `None`: at every trigger.
    pub needs: Option<Needs>,
    /// What every match opens with at its trigger (`gate`), shared by the rules with the same gate.
    pub gate: Option<Arc<AnchoredRegex>>,
    pub examples: Vec<Example>,
    pub counterexamples: Vec<Counterexample>,
}

impl Rule {
    /// The names kept are those of the kind's `known_groups`, and a production names a group by a
    /// literal the compiler stores once with them: its address finds it in a map of all the kind's
    /// names, without comparing bytes, also when the pattern lacks it (most of those asked for); a
    /// name spelled elsewhere is still found by its text.
    #[inline]
    pub fn group(&self, name: &str) -> Option<usize> {
        match self.by_address.get(&(name.as_ptr() as usize, name.len())) {
            Some(&found) => found,
            None => self.groups.iter().find(|(n, _)| *n == name).map(|(_, i)| *i),
        }
    }

    pub fn main_group(&self) -> usize {
        self.main_group
    }

    pub fn set_value(&self, field: &str) -> Option<&str> {
        self.set.iter().find(|(f, _)| f == field).map(|(_, v)| v.as_str())
    }
}

/// Where rules are tried: one automaton for every literal trigger of every rule, and the list of
/// rules tried at the start of each number.
#[derive(Debug)]
pub struct Triggers {
    /// Quick to build, used from the first page.
    pub ac: Option<AhoCorasick>,
    /// Several times faster to search but slower to build than every rule takes to compile: built in
    /// the background for batches (see [`Triggers::prepare_fast`]) and used once ready. Searched by
    /// a loop of our own ([`Triggers::each`]), which keeps its place and state in registers: the
    /// crate's overlapping iterator keeps them in memory, and read a page at a third of the speed.
    fast: std::sync::Arc<std::sync::OnceLock<aho_corasick::dfa::DFA>>,
    /// Started building `fast`: it is built once, however many callers ask for it. Behind a
    /// pointer, as `fast` is, so that the rule set holds no interior mutability itself: a shared
    /// reference to it then tells the compiler that nothing changes it, and the matching loops
    /// keep its fields in registers (held in place, the `Once` cost the trigger pass 6% more
    /// instructions).
    fast_started: std::sync::Arc<std::sync::Once>,
    patterns: std::sync::Arc<Vec<String>>,
    /// For each automaton pattern: the rules it triggers, and whether its first/last character must
    /// sit at a word boundary.
    pub pattern_rules: Vec<Vec<u16>>,
    /// The rules tried at the same places — the same patterns, the numbers or not, and the same kind,
    /// which a page's scope takes or leaves whole — in groups, each in the order of the rules, the
    /// groups in the order of their first rules ([`Triggers::group`]).
    pub groups: Vec<Vec<u16>>,
    /// For each automaton pattern: the first rule of each group it triggers.
    pub pattern_leaders: Vec<Vec<u16>>,
    pub check_start: Vec<bool>,
    pub check_end: Vec<bool>,
    pub number_rules: Vec<u16>,
    /// For each automaton pattern: the word lists rules need (`needs_word`) it is a word of, one bit
    /// each, numbered as in [`Triggers::needed_lists`].
    pub marks: Vec<u32>,
    /// How many word lists rules need.
    pub needed_lists: usize,
    /// For each rule: the number of the word list it needs, if any.
    pub rule_needs: Vec<Option<u8>>,
    /// The length of the longest pattern, in bytes.
    longest: usize,
}

/// How many parts of a long range the trigger automaton walks side by side.
const STREAMS: usize = 4;

thread_local! {
    /// The matches held back by [`Triggers::each_fast`]: part, pattern, start and end.
    static HELD: std::cell::RefCell<Vec<(usize, usize, usize, usize)>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Triggers {
    /// Calls `found(pattern, start, end)` for every match of every pattern in `text[from..to]`,
    /// overlapping ones too, by the fastest automaton built so far: by position of the end, and at
    /// one end in the order of the automaton's match list (as `find_overlapping_iter` hands them).
    #[inline]
    pub fn each(&self, text: &str, from: usize, to: usize, mut found: impl FnMut(usize, usize, usize)) {
        if let Some(dfa) = self.fast.get() {
            self.each_fast(dfa, text.as_bytes(), from, to, &mut found);
        } else if let Some(ac) = &self.ac {
            for m in ac.find_overlapping_iter(aho_corasick::Input::new(text).span(from..to)) {
                found(m.pattern().as_usize(), m.start(), m.end());
            }
        }
    }

    /// The search of [`Triggers::each`] by the faster automaton, in a loop of our own that keeps
    /// its places and states in registers (the crate's overlapping iterator keeps them in memory,
    /// and read a page at a third of the speed).
    ///
    /// Each step of the automaton is a load from its tables, too large for the processor's caches,
    /// and the next step waits for it. So a long range is cut in [`STREAMS`] parts walked side by
    /// side, whose loads overlap: the automaton then reads a page in two thirds of the time. Each
    /// part after the first starts its walk the length of the longest pattern, less one byte,
    /// before its own bytes (any match ending in them starts there or later) and reports only the
    /// matches that end in them: the part before it reports the others. What the later parts find
    /// while walked side by side is held back and handed over after the parts before them, so
    /// that the matches still come in the order of their ends (the callers' sorts then find
    /// them in order).
    #[inline]
    fn each_fast(
        &self,
        dfa: &aho_corasick::dfa::DFA,
        bytes: &[u8],
        from: usize,
        to: usize,
        found: &mut impl FnMut(usize, usize, usize),
    ) {
        use aho_corasick::Anchored::No;
        use aho_corasick::automaton::{Automaton, StateID};
        let Ok(start) = dfa.start_state(No) else { return };
        // The matches of `sid`, ending at `end`.
        let matches = |sid: StateID, end: usize| {
            (0..dfa.match_len(sid)).map(move |k| {
                let pattern = dfa.match_pattern(sid, k);
                (pattern.as_usize(), end - dfa.pattern_len(pattern), end)
            })
        };
        // From state `s`, the rest of a part, `bytes[at..end]`, reporting the matches ending past
        // `keep`: byte by byte until a special state or the end, in a loop that calls nothing.
        // Without a prefilter, only the dead state and the states of matches are special.
        let walk = |mut s: StateID, at: usize, end: usize, keep: usize, found: &mut dyn FnMut(usize, usize, usize)| {
            let mut rest = bytes[at..end].iter();
            loop {
                let mut special = false;
                for &byte in rest.by_ref() {
                    s = dfa.next_state(No, s, byte);
                    if dfa.is_special(s) {
                        special = true;
                        break;
                    }
                }
                if !special || dfa.is_dead(s) {
                    return;
                }
                let end = end - rest.len();
                if end > keep {
                    matches(s, end).for_each(|(p, a, b)| found(p, a, b));
                }
            }
        };
        let lead = self.longest.saturating_sub(1);
        if to - from < self.shortest_cut() {
            walk(start, from, to, 0, found);
            return;
        }
        let part = (to - from) / STREAMS;
        let (mut at, mut ends, mut keep) = ([from; STREAMS], [to; STREAMS], [0; STREAMS]);
        for i in 1..STREAMS {
            let cut = from + i * part;
            ends[i - 1] = cut;
            (at[i], keep[i]) = (cut - lead, cut);
        }
        HELD.with_borrow_mut(|held| {
            held.clear();
            // Side by side for as many steps as the shortest part takes (the first: it has no lead).
            let mut sid = [start; STREAMS];
            for step in 0..part {
                let mut special = false;
                for i in 0..STREAMS {
                    sid[i] = dfa.next_state(No, sid[i], bytes[at[i] + step]);
                    special |= dfa.is_special(sid[i]);
                }
                if special {
                    let end = |i: usize| at[i] + step + 1;
                    if dfa.is_match(sid[0]) {
                        matches(sid[0], end(0)).for_each(|(p, a, b)| found(p, a, b));
                    }
                    for i in 1..STREAMS {
                        if dfa.is_match(sid[i]) && end(i) > keep[i] {
                            held.extend(matches(sid[i], end(i)).map(|(p, a, b)| (i, p, a, b)));
                        }
                    }
                }
            }
            // Then each part to its end, alone, after what the parts before it found.
            for i in 0..STREAMS {
                for &(_, p, a, b) in held.iter().filter(|h| h.0 == i) {
                    found(p, a, b);
                }
                walk(sid[i], at[i] + part, ends[i], keep[i], found);
            }
        });
    }

    /// Groups the rules tried at the same places ([`Triggers::groups`]), given the kind of each.
    fn group(&mut self, kinds: &[RuleKind]) {
        // What a rule is tried at: its patterns, and whether it is tried at numbers.
        let mut at: Vec<(Vec<usize>, bool)> = vec![(Vec::new(), false); kinds.len()];
        for (pi, rules) in self.pattern_rules.iter().enumerate() {
            for &r in rules {
                at[r as usize].0.push(pi);
            }
        }
        for &r in &self.number_rules {
            at[r as usize].1 = true;
        }
        let mut groups: Vec<Vec<u16>> = Vec::new();
        let mut leader: Vec<u16> = Vec::with_capacity(kinds.len());
        for ri in 0..kinds.len() {
            let same = |g: &&mut Vec<u16>| {
                let first = g[0] as usize;
                kinds[first] == kinds[ri] && at[first] == at[ri]
            };
            match groups.iter_mut().find(same) {
                Some(g) => {
                    leader.push(g[0]);
                    g.push(ri as u16);
                }
                None => {
                    leader.push(ri as u16);
                    groups.push(vec![ri as u16]);
                }
            }
        }
        self.pattern_leaders = self
            .pattern_rules
            .iter()
            .map(|rules| {
                let mut firsts: Vec<u16> = rules.iter().map(|&r| leader[r as usize]).collect();
                firsts.sort_unstable();
                firsts.dedup();
                firsts
            })
            .collect();
        self.groups = groups;
    }

    /// The length from which a range is read in parts side by side: parts several times longer than
    /// the walk before each.
    fn shortest_cut(&self) -> usize {
        STREAMS * 4 * self.longest.saturating_sub(1).max(64)
    }

    /// Whether the faster automaton is built and in use.
    pub fn fast_ready(&self) -> bool {
        self.fast.get().is_some()
    }

    /// Starts building the faster automaton on a thread of its own; pages use it once it is ready.
    /// Worth it for a batch, not for one page. Only the first call starts it.
    pub fn prepare_fast(&self) {
        if self.ac.is_none() {
            return;
        }
        self.fast_started.call_once(|| {
            let (fast, patterns) = (std::sync::Arc::clone(&self.fast), std::sync::Arc::clone(&self.patterns));
            std::thread::spawn(move || {
                // No prefilter: the start state is then no special state, and the loop of
                // `each` stops only at matches.
                let built = aho_corasick::dfa::Builder::new()
                    .match_kind(MatchKind::Standard)
                    .prefilter(false)
                    .build(patterns.iter());
                if let Ok(dfa) = built {
                    let _ = fast.set(dfa);
                }
            });
        });
    }
}

/// Every rule and list, compiled and checked.
#[derive(Debug)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// By name, hashed: the extractors look lists up by name in their walkers, and a hash of the name
    /// costs the same however many lists there are (a search tree's string comparisons grow with them).
    pub lexicons: rustc_hash::FxHashMap<String, Lexicon>,
    pub triggers: Triggers,
    /// Where the rules came from: `built-in` or the directory given.
    pub origin: String,
    /// Tells rule sets apart, so that per-thread search caches follow the right one.
    pub id: u64,
}

static NEXT_RULESET_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Word lists whose values say how the extractors read an entry, with the values they know.
const KEYWORD_VALUES: &[(&str, &[&str])] = &[
    ("number_labels", &["count", "loose", "model"]),
    ("not_counted", &["alone", "noun", "share"]),
    ("bare_types", &["alone"]),
    ("title_enders", &["verb"]),
];

/// Lists the productions read; a rule directory without them cannot work.
pub const REQUIRED_LEXICONS: &[&str] = &[
    "doc_types",
    "doc_type_codes",
    "issuer_codes",
    "party_issuers",
    "surnames",
    "middle_names",
    "places",
    "not_officials",
    "admin_units",
    "positions",
    "org_heads",
    "units",
    "units_as_written",
    "qualifiers",
    "currency_prefixes",
    "related_markers",
    "nav_lines",
    "promo_labels",
    "wrap_words",
    "takes_name",
    "org_words",
    "bare_titles",
    "dept_titles",
    "departments",
    "honorifics",
    "own_bodies",
    "not_name_ends",
    "not_counted",
    "tens",
    "number_labels",
    "street_nouns",
    "countries",
    "bare_types",
    "after_bare_number",
    "opener_words",
    "not_law_name",
    "amended_subject_ends",
    "enacting_heads",
    "issuer_stops",
    "sentence_goes_on",
    "clause_words",
    "title_enders",
    "spells_out",
    "asked_after",
    "body_acts",
    "points_back",
    "remarks",
    "not_law_before",
    "issuing_verbs",
    "reference_goes_on",
    "list_openers",
    "subject_openers",
    "predicate_words",
    "predicate_pairs",
    "saying_words",
    "saying_pairs",
    "not_own_words",
    "kinds_of_body",
    "company_trades",
    "company_kind_words",
    "english_trades",
    "villages",
    "department_heads",
    "body_heads",
    "about_heads",
    "about_fields",
    "field_heads",
    "common_heads",
    "passive_time_words",
    "header_ends",
    "grounds_openers",
    "associations",
    "appointing_verbs",
    "baptismal_names",
    "sentence_openers",
    "unit_letters",
    "brand_ends",
    "classifiers",
    "issuers",
    "laws",
    "lower_bodies",
    "name_compounds",
    "nouns",
    "org_syllables",
    "rate_bases",
    "not_qualifiers",
    "currencies",
];

impl RuleSet {
    /// The rules compiled into the binary.
    pub fn builtin() -> Result<RuleSet, RuleError> {
        let files = builtin_files().iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
        RuleSet::from_files(files, "built-in")
    }

    /// The rules in `dir` (`*.toml`, `lexicon/*.txt`), instead of the built-in ones.
    pub fn from_dir(dir: &Path) -> Result<RuleSet, RuleError> {
        let shown = dir.display().to_string();
        if !dir.is_dir() {
            return Err(RuleError::file(&shown, "not a directory of rule files"));
        }
        let mut files = Vec::new();
        let mut paths: Vec<_> = walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("toml" | "txt")))
            .collect();
        paths.sort();
        for p in paths {
            let rel = p.strip_prefix(dir).unwrap_or(&p).to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(&p)
                .map_err(|e| RuleError::file(&p.display().to_string(), format!("cannot read: {e}")))?;
            files.push((rel, text));
        }
        RuleSet::from_files(files, &shown)
    }

    pub fn from_files(files: Vec<(String, String)>, origin: &str) -> Result<RuleSet, RuleError> {
        enum Loaded {
            List(String, Lexicon),
            Rules(String, FileSpec),
            Other,
        }
        // Reading the files is a tenth of start-up: the cores share it.
        let loaded = par_map(
            files.iter().collect(),
            || (),
            |_, (path, text)| {
                let shown = display_path(origin, path);
                if let Some(name) = path.strip_prefix("lexicon/").and_then(|n| n.strip_suffix(".txt")) {
                    let lex = Lexicon::parse(name, &shown, text).map_err(|e| {
                        // (Line 0: the list as a whole.)
                        let at = if e.line == 0 { shown.clone() } else { format!("{shown}:{}", e.line) };
                        RuleError::file(&at, e.message)
                    })?;
                    Ok(Loaded::List(name.to_string(), lex))
                } else if path.ends_with(".toml") {
                    let spec: FileSpec = toml::from_str(text).map_err(|e| RuleError::file(&shown, toml_message(&e)))?;
                    Ok(Loaded::Rules(shown, spec))
                } else {
                    Ok(Loaded::Other)
                }
            },
        );
        let mut lexicons = BTreeMap::new();
        let mut specs = Vec::new();
        // The first error in file order, as reading them one by one would report it.
        for file in loaded {
            match file.unwrap_or_else(|| Err(RuleError::file(origin, "a rule file failed to load")))? {
                Loaded::List(name, lex) => {
                    lexicons.insert(name, lex);
                }
                Loaded::Rules(shown, spec) => specs.push((shown, spec)),
                Loaded::Other => {}
            }
        }
        for name in REQUIRED_LEXICONS {
            if !lexicons.contains_key(*name) {
                return Err(RuleError::file(
                    &display_path(origin, &format!("lexicon/{name}.txt")),
                    "this word list is missing; the extractors need it",
                ));
            }
        }
        // The lists whose values are words the extractors act on: an unknown one would act as none.
        for (name, known) in KEYWORD_VALUES {
            let Some(lex) = lexicons.get(*name) else { continue };
            if let Some(e) = lex.entries.iter().find(|e| e.value.as_deref().is_some_and(|v| !known.contains(&v))) {
                return Err(RuleError::file(
                    &display_path(origin, &format!("lexicon/{name}.txt")),
                    format!(
                        "entry `{}` has the value `{}`; this list's values are {}",
                        e.key,
                        e.value.as_deref().unwrap_or_default(),
                        known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
        }
        if specs.is_empty() {
            return Err(RuleError::file(origin, "no rule files (*.toml)"));
        }
        let mut fragments: HashMap<String, (String, String)> = HashMap::new();
        for (file, spec) in &specs {
            for (name, body) in &spec.fragments {
                if builtin_fragment(name).is_some() {
                    return Err(RuleError::file(file, format!("fragment `{name}` has the name of a built-in one")));
                }
                if lexicons.contains_key(name) {
                    return Err(RuleError::file(file, format!("fragment `{name}` has the name of a word list")));
                }
                if let Some((other, _)) = fragments.get(name) {
                    return Err(RuleError::file(file, format!("fragment `{name}` is also defined in {other}")));
                }
                fragments.insert(name.clone(), (file.clone(), body.clone()));
            }
        }
        let mut ids: HashMap<String, String> = HashMap::new();
        let mut jobs = Vec::new();
        for (file, spec) in specs {
            for rs in spec.rule {
                if let Some(other) = ids.get(&rs.id) {
                    return Err(RuleError::rule(&file, &rs.id, format!("the id is also used in {other}")));
                }
                ids.insert(rs.id.clone(), file.clone());
                jobs.push((file.clone(), rs));
            }
        }
        // The trigger automaton needs only the triggers: it is built on a thread of its own while the
        // rules compile.
        let specs: Vec<TriggerSpec> = jobs
            .iter()
            .map(|(file, rs)| {
                let exact = check_triggers(file, rs, &lexicons)?;
                Ok((rs.triggers.clone(), exact, rs.needs_word.as_deref().and_then(splice_name).map(str::to_string)))
            })
            .collect::<Result<_, RuleError>>()?;
        if jobs.len() > u16::MAX as usize {
            return Err(RuleError::file(origin, "too many rules"));
        }
        let (rules, triggers) = std::thread::scope(|scope| {
            let ac = scope.spawn(|| build_triggers(&specs, &lexicons));
            let rules = compile_all(jobs, &fragments, &lexicons);
            let triggers = ac.join().unwrap_or_else(|_| Err(RuleError::file("rules", "the trigger automaton failed")));
            (rules, triggers)
        });
        let (rules, mut triggers) = (rules?, triggers?);
        triggers.group(&rules.iter().map(|r| r.kind).collect::<Vec<_>>());
        let id = NEXT_RULESET_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let lexicons = lexicons.into_iter().collect();
        Ok(RuleSet { rules, lexicons, triggers, origin: origin.to_string(), id })
    }

    /// A word list the productions rely on (checked present at load time).
    pub fn lexicon(&self, name: &str) -> &Lexicon {
        &self.lexicons[name]
    }
}

fn display_path(origin: &str, rel: &str) -> String {
    if origin == "built-in" { format!("rules/{rel}") } else { format!("{}/{rel}", origin.trim_end_matches('/')) }
}

fn toml_message(e: &toml::de::Error) -> String {
    let msg = e.message().trim().to_string();
    match e.span() {
        Some(span) => format!("{msg} (at byte {})", span.start),
        None => msg,
    }
}

/// The words a match at a word trigger must hold one of to be read (`words_need`): the first word
/// of every entry of the lists, in lower case; the second, where the first is a trigger the rule
/// writes out (`Luật sư`, a law's name, is known by `sư` after the trigger `Luật`: every match at
/// that trigger holds the word; a trigger naming a list, `{number_starts}`, is not read for this).
#[derive(Debug, Clone)]
pub struct NeededWords(rustc_hash::FxHashSet<String>);

impl NeededWords {
    fn new<'l>(lists: impl Iterator<Item = &'l Lexicon>, triggers: &[String]) -> NeededWords {
        let triggers: Vec<String> = triggers.iter().map(|t| crate::normalize::lower(t)).collect();
        let firsts = lists.flat_map(|l| &l.entries).filter_map(|e| {
            let mut words = need_words(&e.key);
            let first = words.next()?;
            let own = triggers.contains(&crate::normalize::lower(first));
            Some(if own { words.next().unwrap_or(first) } else { first })
        });
        NeededWords(firsts.map(crate::normalize::lower).collect())
    }

    /// Whether `text`, a match, holds a number in digits or one of the words.
    pub fn held_by(&self, text: &str) -> bool {
        if text.bytes().any(|b| b.is_ascii_digit()) {
            return true;
        }
        // One string for the lower case of every word, not a new one each.
        let mut lower = String::new();
        need_words(text).any(|w| {
            crate::normalize::lower_into(w, &mut lower);
            self.0.contains(lower.as_str())
        })
    }
}

/// Where a rule can match at all (`needs`): before one of some texts on the trigger's line, or
/// after its prefix.
#[derive(Debug)]
pub struct Needs {
    /// Every capitalisation of the texts.
    texts: Option<AhoCorasick>,
    /// Where the rule's prefix stands before the trigger, it may match without the texts.
    pub or_prefix: bool,
}

impl Needs {
    /// The most spellings of one text kept: its letters that are not ASCII in either case (ASCII
    /// letters are matched in any case by the automaton itself).
    const MOST_SPELLINGS: usize = 256;

    fn new(list: &[String], has_prefix: bool) -> Result<Needs, String> {
        let mut spellings = Vec::new();
        let mut or_prefix = false;
        for text in list {
            if text == "@prefix" {
                if !has_prefix {
                    return Err("needs: `@prefix` in a rule without a prefix".into());
                }
                or_prefix = true;
                continue;
            }
            if text.is_empty() || text.starts_with('@') {
                return Err(format!("needs: `{text}` is no text (the only built-in entry is @prefix)"));
            }
            let mut forms = vec![String::new()];
            for c in text.chars() {
                let mut cases = vec![c];
                for other in [c.to_lowercase().collect::<Vec<char>>(), c.to_uppercase().collect()] {
                    if !c.is_ascii() && other.len() == 1 && !cases.contains(&other[0]) {
                        cases.push(other[0]);
                    }
                }
                forms = forms.iter().flat_map(|f| cases.iter().map(move |&k| format!("{f}{k}"))).collect();
                if forms.len() > Self::MOST_SPELLINGS {
                    return Err(format!("needs: `{text}` has too many capitalisations"));
                }
            }
            spellings.extend(forms);
        }
        let texts = if spellings.is_empty() {
            None
        } else {
            let ac = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostFirst)
                .build(&spellings)
                .map_err(|e| format!("needs: {e}"))?;
            Some(ac)
        };
        Ok(Needs { texts, or_prefix })
    }

    /// Where the last of the texts on `line` begins, if any does (overlapping ones too): the
    /// leftmost one found from the byte after the start of the one before, each search skipping to
    /// a likely start by the automaton's prefilter (an overlapping search has none, and walked every
    /// byte: a gate that cost more than the searches it saved).
    pub fn last_start(&self, line: &str) -> Option<usize> {
        let ac = self.texts.as_ref()?;
        let (mut last, mut from) = (None, 0);
        while let Some(m) = ac.find(aho_corasick::Input::new(line).span(from..line.len())) {
            last = Some(m.start());
            from = m.start() + 1;
        }
        last
    }
}

/// The words of a text as `words_need` reads them: runs of letters, digits and currency signs, so
/// that the marks joining a unit to its neighbours (`đồng/kg`, `Rs.`, `lít;`) part them.
fn need_words(s: &str) -> impl Iterator<Item = &str> {
    // `is_letter_or_digit` is `char::is_alphanumeric`, without its table look-up for the Vietnamese
    // letters (that look-up was half of what reading a match's words cost).
    s.split(|c: char| !(crate::normalize::is_letter_or_digit(c) || matches!(c, '$' | '€' | '£' | '¥')))
        .filter(|w| !w.is_empty())
}

/// Checks that a rule's triggers name word lists that exist and use the built-in triggers rightly;
/// says whether they are looked for as written (and in capitals) only (`trigger_case = "exact"`).
fn check_triggers(file: &str, rs: &RuleSpec, lexicons: &BTreeMap<String, Lexicon>) -> Result<bool, RuleError> {
    let id = rs.id.as_str();
    if rs.triggers.is_empty() {
        return Err(RuleError::rule(file, id, "has no triggers: say where the pattern is tried"));
    }
    if let Some(list) = rs.not_before.as_ref().filter(|l| !lexicons.contains_key(*l)) {
        return Err(RuleError::rule(file, id, format!("not_before: unknown word list `{list}`")));
    }
    if let Some(list) = rs.not_after.as_ref().filter(|l| !lexicons.contains_key(*l)) {
        return Err(RuleError::rule(file, id, format!("not_after: unknown word list `{list}`")));
    }
    if let Some(list) = rs.words_need.iter().find(|l| !lexicons.contains_key(*l)) {
        return Err(RuleError::rule(file, id, format!("words_need: unknown word list `{list}`")));
    }
    if let Some(w) = &rs.needs_word {
        match splice_name(w) {
            Some(name) if lexicons.contains_key(name) => {}
            Some(name) => return Err(RuleError::rule(file, id, format!("needs_word: unknown word list `{name}`"))),
            None => return Err(RuleError::rule(file, id, format!("needs_word: `{w}` is no word list (`{{list}}`)"))),
        }
    }
    for t in &rs.triggers {
        if let Some(name) = splice_name(t) {
            if !lexicons.contains_key(name) {
                return Err(RuleError::rule(file, id, format!("trigger `{t}`: unknown word list `{name}`")));
            }
        } else if t.starts_with('@') && t != "@number" {
            return Err(RuleError::rule(file, id, format!("unknown trigger `{t}` (the only built-in one is @number)")));
        } else if t.trim().is_empty() {
            return Err(RuleError::rule(file, id, "an empty trigger"));
        }
    }
    match rs.trigger_case.as_deref() {
        None | Some("any") => Ok(false),
        Some("exact") => Ok(true),
        Some(other) => Err(RuleError::rule(file, id, format!("trigger_case is `any` or `exact`, not `{other}`"))),
    }
}

/// Compiles every rule, on as many threads as there are cores: compiling is most of start-up.
fn compile_all(
    jobs: Vec<(String, RuleSpec)>,
    fragments: &HashMap<String, (String, String)>,
    lexicons: &BTreeMap<String, Lexicon>,
) -> Result<Vec<Rule>, RuleError> {
    let trees = Trees::new(fragments, lexicons);
    // Taken a file at a time in turn (the first rule of each file, then the second …): the first
    // rules of a file build the fragments and lists its other rules share, and a thread that took
    // the next rule of the same file would wait for them.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut taken: Vec<(usize, usize, (String, RuleSpec))> = jobs
        .into_iter()
        .enumerate()
        .map(|(i, job)| {
            let rank = seen.entry(job.0.clone()).or_insert(0);
            *rank += 1;
            (*rank, i, job)
        })
        .collect();
    // (Stable: a file's rules of the same rank stay in file order.)
    taken.sort_by_key(|&(rank, _, _)| rank);
    let order: Vec<usize> = taken.iter().map(|&(_, i, _)| i).collect();
    let jobs: Vec<(String, RuleSpec)> = taken.into_iter().map(|(_, _, job)| job).collect();
    let compiled = par_map(jobs, || Splicer::new(&trees), |splicer, (file, rs)| compile_rule(&file, rs, splicer));
    trees.drop_in_background();
    let mut rules: Vec<Option<Result<Rule, RuleError>>> = (0..order.len()).map(|_| None).collect();
    for (i, r) in order.into_iter().zip(compiled) {
        rules[i] = r;
    }
    // The first error in file order, as compiling them one by one would report it.
    rules.into_iter().map(|r| r.unwrap_or_else(|| Err(RuleError::file("rules", "a rule failed to compile")))).collect()
}

/// `f` of every item, in their order, on as many threads as there are cores (and items): each thread
/// takes the next item not yet taken, with a state of its own made by `init`. `None` for the items
/// of a thread that panicked (a bug, reported as an error rather than passed on).
fn par_map<T: Send, S, R: Send>(
    items: Vec<T>,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, T) -> R + Sync,
) -> Vec<Option<R>> {
    let n = items.len();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(n).max(1);
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        let run = std::panic::AssertUnwindSafe(|| {
            let mut state = init();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(slot) = slots.get(i) else { break };
                if let Some(item) = slot.lock().unwrap_or_else(|e| e.into_inner()).take() {
                    done.push((i, f(&mut state, item)));
                }
            }
        });
        let _ = std::panic::catch_unwind(run);
        done
    };
    let mut results: Vec<Option<R>> = (0..n).map(|_| None).collect();
    std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mine = work();
        for (i, r) in others.into_iter().flat_map(|h| h.join().unwrap_or_default()).chain(mine) {
            results[i] = Some(r);
        }
    });
    results
}

/// The pattern a rule is compiled from: the match proper as group `__m`, then what must follow its
/// end (no letter or digit). The check is part of the regex so that an alternation can fall back to
/// a shorter word.
fn full_pattern(body: &str) -> String {
    format!(r"(?P<__m>{body})(?:{{__word_end}}|(?m:$))")
}

/// The match proper may begin with the prefix, or at the trigger.
fn with_prefix(prefix: &str, pattern: &str) -> String {
    format!("(?:{prefix})?{pattern}")
}

fn compile_rule(file: &str, rs: RuleSpec, splicer: &mut Splicer<'_, '_>) -> Result<Rule, RuleError> {
    let id = rs.id.as_str();
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(RuleError::rule(file, id, "an id is made of ASCII letters, digits, `-` and `_`"));
    }
    let kind = RuleKind::parse(&rs.kind).ok_or_else(|| {
        RuleError::rule(
            file,
            id,
            format!("unknown kind `{}` (document, official, statistic, percentage, page, exclude)", rs.kind),
        )
    })?;
    if rs.example.is_empty() {
        return Err(RuleError::rule(file, id, "has no [[rule.example]]: every rule shows what it finds"));
    }
    if rs.counterexample.is_empty() {
        return Err(RuleError::rule(
            file,
            id,
            "has no [[rule.counterexample]]: every rule shows what it must not find",
        ));
    }
    let (body, prefix) = match &rs.prefix {
        None => (rs.pattern.clone(), None),
        Some(p) => {
            // Rules with the same prefix share it, compiled once.
            let rev = splicer.trees().prefix(p, || {
                let hir = splicer.pattern(p).map_err(|e| match e {
                    SpliceError::Splice(m) => format!("prefix: {m}"),
                    e => e.message("prefix"),
                })?;
                let rev = anchored::ReversePrefix::from_hir(&hir).map_err(|e| format!("bad prefix: {}", e.0))?;
                Ok(Arc::new(rev))
            });
            (with_prefix(p, &rs.pattern), Some(rev.map_err(|m| RuleError::rule(file, id, m))?))
        }
    };
    let gate = match &rs.gate {
        None => None,
        Some(g) => {
            // Rules with the same gate share it, compiled once.
            let compiled = splicer.trees().gate(g, || {
                let nfa = splicer.nfa(g).map_err(|e| e.message("gate"))?;
                AnchoredRegex::from_nfa(nfa).map(Arc::new).map_err(|e| format!("bad gate: {}", e.0))
            });
            Some(compiled.map_err(|m| RuleError::rule(file, id, m))?)
        }
    };
    let full = full_pattern(&body);
    let nfa = splicer.nfa(&full).map_err(|e| RuleError::rule(file, id, e.message("pattern")))?;
    let regex = AnchoredRegex::from_nfa(nfa).map_err(|e| RuleError::rule(file, id, format!("bad pattern: {}", e.0)))?;
    let info = regex.group_info();
    let known = kind.known_groups();
    let mut groups = Vec::new();
    let mut main_group = 0;
    for (i, name) in info.pattern_names(regex_automata::PatternID::ZERO).enumerate() {
        let Some(name) = name else { continue };
        if name == "__m" {
            main_group = i;
            continue;
        }
        match known.iter().find(|k| **k == name) {
            Some(k) => groups.push((*k, i)),
            None => {
                return Err(RuleError::rule(
                    file,
                    id,
                    format!("unknown capture group `{name}` for kind {} (known: {})", kind.name(), known.join(", ")),
                ));
            }
        }
    }
    let mut set = Vec::new();
    for (field, value) in rs.set {
        let RuleKind::Extract(k) = kind else {
            return Err(RuleError::rule(file, id, "an exclude rule sets no fields"));
        };
        if k.field_index(&field).is_none() || k.is_numeric_field(&field) {
            return Err(RuleError::rule(file, id, format!("`set` names `{field}`, which is not a text field of {k}")));
        }
        set.push((field, value));
    }
    let mut applies_to = Vec::new();
    if kind == RuleKind::Exclude {
        if rs.applies_to.is_empty() {
            applies_to = vec![Kind::Statistic, Kind::Percentage];
        }
        for k in &rs.applies_to {
            match Kind::parse(k) {
                Some(k) if k != Kind::Page => applies_to.push(k),
                _ => return Err(RuleError::rule(file, id, format!("applies_to: unknown kind `{k}`"))),
            }
        }
    } else if !rs.applies_to.is_empty() {
        return Err(RuleError::rule(file, id, "only exclude rules take applies_to"));
    }
    let mut examples = Vec::new();
    for ex in rs.example {
        let mut expect = Vec::new();
        for (field, v) in ex.expect {
            let valid = match kind {
                RuleKind::Extract(k) => k.field_index(&field).is_some() || field == "text",
                RuleKind::Exclude => field == "text",
            };
            if !valid {
                return Err(RuleError::rule(
                    file,
                    id,
                    format!("an example expects `{field}`, which {} records do not have", kind.name()),
                ));
            }
            let e = match v {
                toml::Value::String(s) if s.is_empty() => Expect::Empty,
                toml::Value::String(s) => Expect::Str(s),
                toml::Value::Integer(n) => Expect::Num(Decimal::from_int(n as i128)),
                toml::Value::Float(f) => Expect::Num(Decimal::parse_plain(&f.to_string()).ok_or_else(|| {
                    RuleError::rule(file, id, format!("an example expects {f}, which is not a plain number"))
                })?),
                other => {
                    return Err(RuleError::rule(
                        file,
                        id,
                        format!("an example expects `{field}` = {other}: use a string or a number"),
                    ));
                }
            };
            expect.push((field, e));
        }
        examples.push(Example { text: ex.text, expect });
    }
    let words_need = if rs.words_need.is_empty() {
        None
    } else {
        let lexicons = splicer.trees().lexicons();
        Some(NeededWords::new(rs.words_need.iter().filter_map(|l| lexicons.get(l)), &rs.triggers))
    };
    let needs = if rs.needs.is_empty() {
        None
    } else {
        Some(Needs::new(&rs.needs, prefix.is_some()).map_err(|m| RuleError::rule(file, id, m))?)
    };
    let counterexamples =
        rs.counterexample.into_iter().map(|c| Counterexample { text: c.text, note: c.note }).collect();
    let by_address = known
        .iter()
        .map(|k| ((k.as_ptr() as usize, k.len()), groups.iter().find(|(n, _)| n == k).map(|(_, i)| *i)))
        .collect();
    Ok(Rule {
        id: Arc::from(id),
        kind,
        file: file.to_string(),
        description: rs.description,
        pattern: rs.pattern,
        regex,
        groups,
        by_address,
        main_group,
        set,
        applies_to,
        triggers: rs.triggers,
        prefix,
        not_before: rs.not_before,
        not_after: rs.not_after,
        words_need,
        needs,
        gate,
        examples,
        counterexamples,
    })
}

/// The letters of Vietnamese (and of the Latin script around it), as class ranges. Rules use these
/// through `{letter}`, `{upper}` and `{lower}` rather than `\p{L}`: the full Unicode classes compile
/// to automata hundreds of times larger and cost start-up time on every run.
const LETTER_RANGES: &str = r"A-Za-z\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}\x{1E00}-\x{1EFF}";

fn letters_where(pred: fn(char) -> bool) -> String {
    let ranges = [('A', 'Z'), ('a', 'z'), ('\u{C0}', '\u{24F}'), ('\u{1E00}', '\u{1EFF}')];
    let mut class = String::from("[");
    for (a, b) in ranges {
        for c in a..=b {
            if c.is_alphabetic() && pred(c) {
                class.push_str(&regex::escape(&c.to_string()));
            }
        }
    }
    class.push(']');
    class
}

static UPPER: once_cell::sync::Lazy<String> = once_cell::sync::Lazy::new(|| letters_where(|c| c.is_uppercase()));
static LOWER: once_cell::sync::Lazy<String> = once_cell::sync::Lazy::new(|| letters_where(|c| c.is_lowercase()));

/// Fragments every rule file can use: `{letter}`, `{upper}`, `{lower}`.
fn builtin_fragment(name: &str) -> Option<String> {
    match name {
        "letter" => Some(format!("[{}]", LETTER_RANGES)),
        "upper" => Some(UPPER.clone()),
        "lower" => Some(LOWER.clone()),
        // What may follow the end of a match: no letter or digit (the engine's own, see `full_pattern`).
        "__word_end" => Some(format!("[^{LETTER_RANGES}0-9]")),
        _ => None,
    }
}

/// `{name}` → `name`, for a splice written alone.
fn splice_name(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('{')?.strip_suffix('}')?;
    is_ident(inner).then_some(inner)
}

fn is_ident(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(c) if c.is_ascii_lowercase() || c == '_')
        && cs.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Replaces `{name}` by the fragment or word list of that name; `{2,4}` and `\{` stay regex. What
/// [`splice`] builds is the tree of this text; the tests hold the two to each other.
#[cfg(test)]
fn expand(
    pattern: &str,
    fragments: &HashMap<String, (String, String)>,
    lexicons: &BTreeMap<String, Lexicon>,
    depth: usize,
) -> Result<String, String> {
    if depth > 16 {
        return Err("fragments refer to each other in a loop".into());
    }
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(i) = rest.find(['\\', '{']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = splice::copy_escape(tail, &mut out) {
            rest = after;
            continue;
        }
        match tail.find('}') {
            // `{list:words}`: the lower-case words the list's entries are made of, as an alternation.
            Some(j) if tail[1..j].strip_suffix(":words").is_some_and(is_ident) => {
                let name = &tail[1..j - ":words".len()];
                let lex =
                    lexicons.get(name).ok_or_else(|| format!("unknown word list `{name}` in `{{{name}:words}}`"))?;
                out.push_str(&lex.lower_words_alternation());
                rest = &tail[j + 1..];
            }
            Some(j) if is_ident(&tail[1..j]) => {
                let name = &tail[1..j];
                if let Some(class) = builtin_fragment(name) {
                    out.push_str(&class);
                } else if let Some((_, body)) = fragments.get(name) {
                    out.push_str("(?:");
                    out.push_str(
                        &expand(body, fragments, lexicons, depth + 1)
                            .map_err(|m| format!("in fragment `{name}`: {m}"))?,
                    );
                    out.push(')');
                } else if let Some(lex) = lexicons.get(name) {
                    out.push_str(&lex.alternation());
                } else {
                    return Err(format!("unknown word list or fragment `{{{name}}}`"));
                }
                rest = &tail[j + 1..];
            }
            _ => {
                out.push('{');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// The spellings a trigger is looked for in: as written, lower case, capitalised, upper case and
/// title case (`Nghị quyết`, `nghị quyết`, `NGHỊ QUYẾT`, `Nghị Quyết`).
fn case_variants(s: &str) -> Vec<String> {
    let lower = s.to_lowercase();
    let mut v = vec![s.to_string(), lower.clone(), s.to_uppercase(), crate::normalize::capitalize(&lower)];
    v.push(lower.split(' ').map(crate::normalize::capitalize).collect::<Vec<_>>().join(" "));
    v.sort();
    v.dedup();
    v
}

/// A rule's triggers, as the trigger automaton needs them: the trigger texts, whether they are
/// looked for as written only, and the word list whose words the rule needs after them, if any.
type TriggerSpec = (Vec<String>, bool, Option<String>);

/// The most word lists rules may need (`needs_word`): one bit each in a pattern's marks.
const MOST_NEEDED_LISTS: usize = 32;

fn build_triggers(specs: &[TriggerSpec], lexicons: &BTreeMap<String, Lexicon>) -> Result<Triggers, RuleError> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut pattern_rules: Vec<Vec<u16>> = Vec::new();
    let mut number_rules = Vec::new();
    let mut marks: Vec<u32> = Vec::new();
    let mut needed: Vec<&str> = Vec::new();
    let mut rule_needs = Vec::with_capacity(specs.len());
    for (ri, (triggers, exact, needs_word)) in specs.iter().enumerate() {
        let ri = ri as u16;
        // The words a rule needs are looked for with the triggers, as triggers of `exact` case are.
        rule_needs.push(match needs_word.as_deref() {
            None => None,
            Some(list) => {
                let k = match needed.iter().position(|n| *n == list) {
                    Some(k) => k,
                    None if needed.len() < MOST_NEEDED_LISTS => {
                        needed.push(list);
                        for w in lexicons[list].entries.iter().map(|e| &e.key) {
                            for v in [w.clone(), w.to_uppercase()] {
                                let pi = *index.entry(v.clone()).or_insert_with(|| {
                                    patterns.push(v);
                                    pattern_rules.push(Vec::new());
                                    patterns.len() - 1
                                });
                                marks.resize(patterns.len(), 0);
                                marks[pi] |= 1 << (needed.len() - 1);
                            }
                        }
                        needed.len() - 1
                    }
                    None => {
                        return Err(RuleError::file(
                            "rules",
                            format!("rules need words of more than {MOST_NEEDED_LISTS} word lists"),
                        ));
                    }
                };
                Some(k as u8)
            }
        });
        for t in triggers {
            if t == "@number" {
                number_rules.push(ri);
                continue;
            }
            let words: Vec<String> = match splice_name(t) {
                Some(name) => lexicons[name].entries.iter().map(|e| e.key.clone()).collect(),
                None => vec![crate::normalize::fold_value(t)],
            };
            for w in words {
                let variants = if *exact { vec![w.clone(), w.to_uppercase()] } else { case_variants(&w) };
                for v in variants {
                    let pi = *index.entry(v.clone()).or_insert_with(|| {
                        patterns.push(v);
                        pattern_rules.push(Vec::new());
                        patterns.len() - 1
                    });
                    if !pattern_rules[pi].contains(&ri) {
                        pattern_rules[pi].push(ri);
                    }
                }
            }
        }
    }
    let edge = |p: &String, first: bool| {
        let c = if first { p.chars().next() } else { p.chars().last() };
        c.is_some_and(|c| c.is_alphanumeric())
    };
    let check_start = patterns.iter().map(|p| edge(p, true)).collect();
    let check_end = patterns.iter().map(|p| edge(p, false)).collect();
    let ac = if patterns.is_empty() {
        None
    } else {
        Some(
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&patterns)
                .map_err(|e| RuleError::file("rules", format!("cannot build the trigger automaton: {e}")))?,
        )
    };
    let longest = patterns.iter().map(String::len).max().unwrap_or(0);
    marks.resize(patterns.len(), 0);
    Ok(Triggers {
        marks,
        needed_lists: needed.len(),
        rule_needs,
        longest,
        ac,
        fast: Default::default(),
        fast_started: std::sync::Arc::new(std::sync::Once::new()),
        patterns: std::sync::Arc::new(patterns),
        pattern_rules,
        groups: Vec::new(),
        pattern_leaders: Vec::new(),
        check_start,
        check_end,
        number_rules,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(name: &str, text: &str) -> (String, Lexicon) {
        (name.to_string(), Lexicon::parse(name, name, text).unwrap())
    }

    /// Every word list the code asks for by name (`lexicon("…")`) is one a rule directory must have:
    /// one left off `REQUIRED_LEXICONS` loaded without it, and the first page that reached the
    /// production asking for it panicked.
    #[test]
    fn every_list_the_code_names_is_required() {
        let mut named = std::collections::BTreeSet::new();
        for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for (at, _) in text.match_indices("lexicon(\"") {
                let rest = &text[at + "lexicon(\"".len()..];
                let name = &rest[..rest.find('"').unwrap()];
                if is_ident(name) {
                    named.insert(name.to_string());
                }
            }
        }
        assert!(named.len() > 50, "the code's lists were not found: {named:?}");
        let missing: Vec<_> = named.iter().filter(|n| !REQUIRED_LEXICONS.contains(&n.as_str())).collect();
        assert!(missing.is_empty(), "named by the code, not required: {missing:?}");
        // And each is in the built-in rules.
        let rules = RuleSet::builtin().unwrap();
        for name in REQUIRED_LEXICONS {
            assert!(rules.lexicons.contains_key(*name), "{name}");
        }
    }

    #[test]
    fn rules_with_the_same_prefix_share_its_automaton() {
        let rules = RuleSet::builtin().expect("built-in rules");
        let docs: Vec<&Rule> =
            rules.rules.iter().filter(|r| r.kind == RuleKind::Extract(Kind::Document) && r.prefix.is_some()).collect();
        assert!(docs.len() >= 2, "document rules with a prefix");
        let first = docs[0].prefix.as_ref().unwrap();
        for r in &docs[1..] {
            assert!(Arc::ptr_eq(first, r.prefix.as_ref().unwrap()), "{} has a prefix of its own", r.id);
        }
        // A different prefix is another automaton.
        let stat = rules.rules.iter().find(|r| r.id.as_ref() == "statistic").and_then(|r| r.prefix.as_ref()).unwrap();
        assert!(!Arc::ptr_eq(first, stat));
    }

    /// The words a rule needs are marked on the trigger automaton's patterns, as written and in
    /// capitals only, and a word that is also a trigger is one pattern.
    #[test]
    fn needed_words_are_marked_on_the_patterns() {
        let rules = RuleSet::builtin().expect("built-in rules");
        let t = &rules.triggers;
        let ri = rules.rules.iter().position(|r| r.id.as_ref() == "official-position-first").unwrap();
        let k = t.rule_needs[ri].expect("the officials by position need a name");
        let marked: Vec<&str> =
            t.patterns.iter().zip(&t.marks).filter(|(_, m)| *m & (1 << k) != 0).map(|(p, _)| p.as_str()).collect();
        for surname in ["Nguyễn", "NGUYỄN", "Lê", "LÊ", "Hà"] {
            assert!(marked.contains(&surname), "{surname}");
        }
        assert!(!marked.contains(&"hà") && !marked.contains(&"lê"), "no other capitalisation");
        assert!(marked.len() <= 2 * rules.lexicon("surnames").entries.len());
        // The surnames trigger the officials named first: the same patterns.
        let first = rules.rules.iter().position(|r| r.id.as_ref() == "official-name-first").unwrap();
        let nguyen = t.patterns.iter().position(|p| p == "Nguyễn").unwrap();
        assert!(t.pattern_rules[nguyen].contains(&(first as u16)));
        assert_eq!(t.patterns.iter().filter(|p| *p == "Nguyễn").count(), 1);
    }

    /// The loop over the faster automaton finds what the crate's overlapping iterator finds over the
    /// first one: the same patterns at the same places, in the same order, over whole pages (read in
    /// parts side by side) and over ranges of every length around where a range starts to be cut.
    #[test]
    fn the_faster_trigger_search_finds_what_the_first_finds() {
        let rules = RuleSet::builtin().expect("built-in rules");
        let t = &rules.triggers;
        t.prepare_fast();
        let waited = std::time::Instant::now();
        while !t.fast_ready() {
            assert!(waited.elapsed() < std::time::Duration::from_secs(120), "the faster automaton is built");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let ac = t.ac.as_ref().unwrap();
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
        let (mut pages, mut cut) = (0, 0);
        for entry in std::fs::read_dir(seeds).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "expected") {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let boundary = |mut i: usize| {
                i = i.min(text.len());
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let mut ranges = vec![(boundary(7), text.len())];
            let split = t.shortest_cut();
            for (k, len) in (split - 40..split + 40).step_by(3).chain([split * 2 + 5, split * 3 - 1]).enumerate() {
                let from = boundary(k * 37 % (text.len() / 2));
                ranges.push((from, boundary(from + len)));
            }
            for (from, to) in ranges {
                let mut fast = Vec::new();
                t.each(&text, from, to, |p, a, b| fast.push((p, a, b)));
                let first: Vec<_> = ac
                    .find_overlapping_iter(aho_corasick::Input::new(&text).span(from..to))
                    .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                    .collect();
                assert!(!first.is_empty());
                assert_eq!(fast, first, "{from}..{to}");
                cut += usize::from(to - from >= split);
            }
            pages += 1;
        }
        assert!(pages >= 5, "the seed pages are read");
        assert!(cut >= 50, "ranges long enough to be cut in parts are read: {cut}");
    }

    /// The bytes ruled out after a run of digits never rule out a match: at every run of digits of
    /// the written pages and of every rule's examples, a rule whose filter says no finds no match.
    #[test]
    fn what_may_follow_digits_rules_out_no_match() {
        let rules = RuleSet::builtin().expect("built-in rules");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut texts: Vec<String> = Vec::new();
        for sub in ["seeds", "corpus"] {
            for entry in std::fs::read_dir(root.join(sub)).unwrap() {
                let p = entry.unwrap().path();
                if p.extension().is_some_and(|e| e == "txt") {
                    texts.push(crate::normalize::normalize(&std::fs::read_to_string(p).unwrap()).text.into_owned());
                }
            }
        }
        for r in &rules.rules {
            texts.extend(r.examples.iter().map(|e| e.text.clone()));
            texts.extend(r.counterexamples.iter().map(|e| e.text.clone()));
        }
        let (mut tried, mut skipped) = (0, 0);
        let mut skips = Vec::new();
        for rule in rules.rules.iter().filter(|r| r.triggers.iter().any(|t| t == "@number")) {
            let mut cache = rule.regex.create_cache();
            for text in &texts {
                let b = text.as_bytes();
                // Every digit after no digit, tried up to the end of its line as the engine does.
                for pos in (0..b.len()).filter(|&i| b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit())) {
                    let end = text[pos..].find('\n').map_or(text.len(), |n| pos + n);
                    tried += 1;
                    if !rule.regex.may_follow_digits(&mut cache, b, pos, end) {
                        skipped += 1;
                        if !skips.contains(&rule.kind) {
                            skips.push(rule.kind);
                        }
                        let found = rule.regex.match_end(&mut cache, text, pos, end);
                        assert_eq!(found, anchored::End::NoMatch, "{} at {pos} of {:.80}", rule.id, &text[pos..]);
                    }
                }
            }
        }
        // Most numbers are skipped by some rule, the document rules among them.
        assert!(tried > 10_000 && skipped * 3 > tried, "{skipped} skipped of {tried}");
        assert!(skips.contains(&RuleKind::Extract(Kind::Document)), "{skips:?}");
    }

    #[test]
    fn splices_lists_and_fragments_but_not_repetitions() {
        let lexicons: BTreeMap<_, _> = [lex("types", "Nghị quyết\nChỉ thị\n")].into_iter().collect();
        let mut fragments = HashMap::new();
        fragments.insert("num".to_string(), ("f".to_string(), r"\d{1,4}".to_string()));
        let out = expand(r"{types} {num}\{x\}", &fragments, &lexicons, 0).unwrap();
        assert_eq!(out, r"(?:Chỉ thị|Nghị quyết) (?:\d{1,4})\{x\}");
        assert!(expand("{nope}", &fragments, &lexicons, 0).unwrap_err().contains("`{nope}`"));
    }

    type Sources = (BTreeMap<String, Lexicon>, HashMap<String, (String, String)>, Vec<RuleSpec>);

    #[test]
    fn no_shipped_word_list_lists_an_entry_twice() {
        let (lexicons, _, _) = builtin_sources();
        let repeats: Vec<String> = lexicons
            .values()
            .filter(|l| !l.repeated.is_empty())
            .map(|l| format!("{}: lines {:?}", l.file, l.repeated))
            .collect();
        assert!(repeats.is_empty(), "entries listed again: {}", repeats.join("; "));
    }

    /// The built-in word lists, fragments and rules, as read from their files.
    fn builtin_sources() -> Sources {
        let (mut lexicons, mut fragments, mut rules) = (BTreeMap::new(), HashMap::new(), Vec::new());
        for (path, text) in builtin_files() {
            if let Some(name) = path.strip_prefix("lexicon/").and_then(|n| n.strip_suffix(".txt")) {
                lexicons.insert(name.to_string(), Lexicon::parse(name, path, text).unwrap());
            } else {
                let spec: FileSpec = toml::from_str(text).unwrap();
                fragments.extend(spec.fragments.into_iter().map(|(name, body)| (name, (path.to_string(), body))));
                rules.extend(spec.rule);
            }
        }
        (lexicons, fragments, rules)
    }

    /// The whole pattern a rule compiles, as `compile_rule` makes it.
    fn rule_pattern(rs: &RuleSpec) -> String {
        full_pattern(&rs.prefix.as_ref().map_or(rs.pattern.clone(), |p| with_prefix(p, &rs.pattern)))
    }

    /// Every built-in rule's tree, spliced from trees parsed once, is the tree of its text expanded.
    #[test]
    fn spliced_trees_are_those_of_the_expanded_text() {
        let (lexicons, fragments, specs) = builtin_sources();
        let mut patterns = Vec::new();
        for rs in specs {
            patterns.extend(rs.prefix.clone());
            patterns.push(rule_pattern(&rs));
        }
        let config = regex_automata::util::syntax::Config::new().unicode(true).utf8(true);
        let trees = Trees::new(&fragments, &lexicons);
        let mut splicer = Splicer::new(&trees);
        assert!(patterns.len() > 18);
        for p in &patterns {
            let text = expand(p, &fragments, &lexicons, 0).unwrap();
            let want = regex_automata::util::syntax::parse_with(&text, &config).unwrap();
            let got = splicer.pattern(p).unwrap();
            assert!(got == want, "the spliced tree of {p} differs");
        }
    }

    /// Every built-in rule's automaton, copied together from templates, finds the matches and groups
    /// that the automaton of its text expanded finds: at every character of the examples and
    /// counter-examples, and at every word of the seed pages (normalised as pages are).
    #[test]
    fn spliced_automata_match_as_the_expanded_text() {
        let (lexicons, fragments, specs) = builtin_sources();
        let mut rules = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        for rs in specs {
            texts.extend(rs.example.iter().map(|e| e.text.clone()));
            texts.extend(rs.counterexample.iter().map(|e| e.text.clone()));
            rules.push((rs.id.clone(), rule_pattern(&rs)));
        }
        let mut starts: Vec<(String, Vec<usize>)> =
            texts.into_iter().map(|t| (t.clone(), t.char_indices().map(|(i, _)| i).collect())).collect();
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
        let mut pages: Vec<_> = std::fs::read_dir(seeds).unwrap().map(|e| e.unwrap().path()).collect();
        pages.retain(|p| p.extension().is_some_and(|e| e == "txt"));
        pages.sort();
        assert_eq!(pages.len(), 5);
        for page in pages {
            let text = crate::normalize::normalize(&std::fs::read_to_string(page).unwrap()).text.into_owned();
            let words = text
                .char_indices()
                .filter(|&(i, _)| i == 0 || text[..i].ends_with(|c: char| !c.is_alphanumeric()))
                .map(|(i, _)| i)
                .collect();
            starts.push((text, words));
        }
        let trees = Trees::new(&fragments, &lexicons);
        let mut splicer = Splicer::new(&trees);
        let (mut tried, mut matched) = (0, 0);
        for (id, pattern) in &rules {
            let spliced = AnchoredRegex::from_nfa(splicer.nfa(pattern).unwrap()).unwrap();
            let expanded = AnchoredRegex::new(&expand(pattern, &fragments, &lexicons, 0).unwrap()).unwrap();
            let names = |r: &AnchoredRegex| {
                r.group_info()
                    .pattern_names(regex_automata::PatternID::ZERO)
                    .map(|n| n.map(str::to_string))
                    .collect::<Vec<_>>()
            };
            assert_eq!(names(&spliced), names(&expanded), "{id}: the groups differ");
            let (mut a, mut b) = (spliced.create_cache(), expanded.create_cache());
            for (text, at) in &starts {
                for &i in at {
                    tried += 1;
                    let found = spliced.captures_at(&mut a, text, i, text.len());
                    assert_eq!(found, expanded.captures_at(&mut b, text, i, text.len()), "{id} at {i} of {text:.80}");
                    let spans = |c: &regex_automata::util::captures::Captures| {
                        (0..c.group_len()).map(|g| c.get_group(g)).collect::<Vec<_>>()
                    };
                    if found {
                        matched += 1;
                        assert_eq!(spans(&a.caps), spans(&b.caps), "{id} at {i} of {text:.80}");
                        // The backtracker (after the DFA) finds the groups the PikeVM finds.
                        let groups = spans(&a.caps);
                        assert!(spliced.pikevm_captures_at(&mut a, text, i, text.len()), "{id} at {i}");
                        assert_eq!(spans(&a.caps), groups, "{id} at {i} of {text:.80}: backtracker and PikeVM");
                    }
                }
            }
        }
        assert!(tried > 100_000 && matched > 500, "{tried} tried, {matched} matched");
    }

    #[test]
    fn splicing_reports_what_expanding_does() {
        let msg = |r: Result<regex_syntax::hir::Hir, splice::SpliceError>| r.unwrap_err().message("pattern");
        let lexicons: BTreeMap<_, _> = [lex("types", "Nghị quyết\nChỉ thị\n")].into_iter().collect();
        let mut fragments = HashMap::new();
        fragments.insert("a".to_string(), ("f".to_string(), "{b}".to_string()));
        fragments.insert("b".to_string(), ("f".to_string(), "x{a}".to_string()));
        fragments.insert("bad".to_string(), ("f".to_string(), "(x".to_string()));
        fragments.insert("g".to_string(), ("f".to_string(), "(?P<number>[0-9]+)".to_string()));
        fragments.insert("c".to_string(), ("f".to_string(), "y{a}".to_string()));
        let trees = Trees::new(&fragments, &lexicons);
        // Building the automaton and splicing the tree say the same.
        let nfa_msg = |p: &str| Splicer::new(&trees).nfa(p).unwrap_err().message("pattern");
        let cases = ["{a}", "{b}", "{c}", "{nope}", "{nope:words}", "y{bad}", "{g} {g}", "[{types}]", "{g}{bad}"];
        for p in cases {
            assert_eq!(msg(Splicer::new(&trees).pattern(p)), nfa_msg(p), "{p}");
        }
        // A fragment on a loop, or leading into one, reports the loop from wherever it is spliced.
        for p in ["{a}", "{b}", "{c}", "z{c}|{a}"] {
            assert!(nfa_msg(p).contains("refer to each other in a loop"), "{p}: {}", nfa_msg(p));
        }
        assert_eq!(
            nfa_msg("{c}"),
            "in fragment `c`: in fragment `a`: in fragment `b`: fragments refer to each other in a loop"
        );
        let mut s = Splicer::new(&trees);
        assert!(msg(s.pattern("{nope}")).contains("`{nope}`"));
        assert!(msg(s.pattern("{nope:words}")).contains("unknown word list `nope`"));
        assert_eq!(msg(s.pattern("y{bad}")), "bad pattern: in fragment `bad`: unclosed group");
        assert_eq!(msg(s.pattern("{g} {g}")), "bad pattern: duplicate capture group name");
        assert!(msg(s.pattern("[{types}]")).contains("inside a character class"));
        // Inside `(?i:…)` a list is matched ignoring case, outside as written.
        let re = |p: &str| AnchoredRegex::from_hir(&Splicer::new(&trees).pattern(p).unwrap()).unwrap();
        let mut c = re("(?i:{types})").create_cache();
        assert!(re("(?i:{types})").captures_at(&mut c, "NGHỊ QUYẾT", 0, "NGHỊ QUYẾT".len()));
        let exact = re("{types}");
        let mut c = exact.create_cache();
        assert!(!exact.captures_at(&mut c, "NGHỊ QUYẾT", 0, "NGHỊ QUYẾT".len()));
        assert!(exact.captures_at(&mut c, "Chỉ thị", 0, "Chỉ thị".len()));
    }

    #[test]
    fn fragment_loops_are_reported() {
        let mut fragments = HashMap::new();
        fragments.insert("a".to_string(), ("f".to_string(), "{b}".to_string()));
        fragments.insert("b".to_string(), ("f".to_string(), "{a}".to_string()));
        assert!(expand("{a}", &fragments, &BTreeMap::new(), 0).unwrap_err().contains("loop"));
    }

    #[test]
    fn needed_texts_are_found_in_any_case_the_last_one_first() {
        let needs = Needs::new(&["đô".to_string(), "rupees".to_string(), ":".to_string()], false).unwrap();
        assert!(!needs.or_prefix);
        assert_eq!(needs.last_start("5 ĐÔ la và 3 RuPeeS"), Some("5 ĐÔ la và 3 ".len()));
        assert_eq!(needs.last_start("5 Đô la, 3 đồng"), Some(2));
        assert_eq!(needs.last_start("hai: 3 đồng"), Some(3));
        assert_eq!(needs.last_start("5 đồng, 3 rupee"), None);
        // Overlapping texts: the one that begins last counts, though it begins inside another.
        let needs = Needs::new(&["gồm có".to_string(), "có".to_string()], false).unwrap();
        assert_eq!(needs.last_start("Ban gồm có"), Some("Ban gồm ".len()));
        let needs = Needs::new(&["@prefix".to_string()], true).unwrap();
        assert!(needs.or_prefix && needs.last_start("các Phó Thủ tướng: A, B").is_none());
        assert!(Needs::new(&["@prefix".to_string()], false).is_err(), "no prefix to stand before");
        assert!(Needs::new(&[String::new()], false).is_err());
    }

    #[test]
    fn rules_tried_at_the_same_places_are_grouped() {
        let rules = RuleSet::builtin().expect("built-in rules");
        let t = &rules.triggers;
        let id = |ri: u16| rules.rules[ri as usize].id.to_string();
        let group_of = |name: &str| t.groups.iter().find(|g| g.iter().any(|&r| id(r) == name)).expect(name);
        // Every rule in one group, in rule order.
        let mut all: Vec<u16> = t.groups.iter().flatten().copied().collect();
        assert!(t.groups.iter().all(|g| g.windows(2).all(|w| w[0] < w[1])));
        all.sort_unstable();
        assert_eq!(all, (0..rules.rules.len() as u16).collect::<Vec<_>>());
        // The same triggers and kind: together; other triggers or another kind: apart.
        assert!(group_of("official-name-first").iter().any(|&r| id(r) == "official-signature"));
        assert!(group_of("official-position-first").iter().any(|&r| id(r) == "official-list"));
        assert!(!group_of("official-position-first").iter().any(|&r| id(r) == "official-name-first"));
        assert!(!group_of("percentage").iter().any(|&r| id(r) == "not-a-date"));
        // Within a group, each pattern triggers all of the rules or none, and the first stands for them.
        for g in &t.groups {
            let kinds: Vec<RuleKind> = g.iter().map(|&r| rules.rules[r as usize].kind).collect();
            assert!(kinds.windows(2).all(|w| w[0] == w[1]));
            let at_numbers: Vec<bool> = g.iter().map(|r| t.number_rules.contains(r)).collect();
            assert!(at_numbers.windows(2).all(|w| w[0] == w[1]));
            for (pi, rs) in t.pattern_rules.iter().enumerate() {
                let n = g.iter().filter(|r| rs.contains(r)).count();
                assert!(n == 0 || n == g.len(), "pattern {pi} in part of a group");
                assert_eq!(t.pattern_leaders[pi].contains(&g[0]), n > 0);
            }
        }
    }

    #[test]
    fn trigger_case_variants() {
        let v = case_variants("Nghị quyết");
        for want in ["Nghị quyết", "nghị quyết", "NGHỊ QUYẾT", "Nghị Quyết"] {
            assert!(v.contains(&want.to_string()), "{want} missing from {v:?}");
        }
    }
}
