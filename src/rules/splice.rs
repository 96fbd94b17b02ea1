//! Rule patterns as syntax trees, with every fragment and word list parsed once.
//!
//! The rules of a file share fragments (`{doc_tail}`, `{position_chain}`) and word lists that run to
//! thousands of characters; spliced in as text, the same text is parsed again in every rule that uses
//! it, and parsing was half of what compiling costs. Here a `{name}` is replaced in the text by a
//! marker group, the text is parsed, and the marker is replaced by the tree of `name`, parsed once
//! per compiling thread (and per case mode: a splice inside `(?i:…)` is matched ignoring case). The
//! result is the tree that parsing the splices written out in full as text gives, which a test
//! checks rule by rule.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use regex_automata::util::syntax;
use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};

use super::lexicon::Lexicon;
use super::{builtin_fragment, is_ident};

/// The name of the group that marks a splice; its number follows.
const MARK: &str = "__splice";

/// Why a pattern has no tree: a splice that names nothing, or a syntax error.
#[derive(Debug, Clone)]
pub enum SpliceError {
    /// Unknown name, a loop of fragments: said as is.
    Splice(String),
    /// The regex syntax is wrong: said as `bad pattern: …`. The fragment it is in, if any.
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
}

/// A tree parsed once: the first thread to need it parses it, others wait for it.
type Cell = OnceLock<Result<Hir, SpliceError>>;

/// The trees of fragments and lists, shared by the threads that compile rules: each is parsed once,
/// by the first thread that needs it (another that needs it meanwhile waits for it).
pub struct Trees<'a> {
    fragments: &'a HashMap<String, (String, String)>,
    lexicons: &'a BTreeMap<String, Lexicon>,
    /// (`name` or `name:words`, ignoring case) → its tree, with capture groups unnumbered.
    cells: Mutex<HashMap<(String, bool), Arc<Cell>>>,
    /// Fragments that refer back to themselves through others: never shared, so that a thread
    /// never waits for one that waits for it; each rule using one reports the loop.
    looping: HashSet<String>,
}

impl<'a> Trees<'a> {
    pub fn new(fragments: &'a HashMap<String, (String, String)>, lexicons: &'a BTreeMap<String, Lexicon>) -> Self {
        Trees { fragments, lexicons, cells: Mutex::new(HashMap::new()), looping: looping(fragments, lexicons) }
    }

    #[cfg(test)]
    pub fn looping(&self) -> &HashSet<String> {
        &self.looping
    }
}

/// The fragments on a loop of references, or leading into one.
fn looping(fragments: &HashMap<String, (String, String)>, lexicons: &BTreeMap<String, Lexicon>) -> HashSet<String> {
    let refs: HashMap<&str, Vec<String>> = fragments
        .iter()
        .map(|(name, (_, body))| {
            let names = mark(body, fragments, lexicons).map(|(_, r)| r).unwrap_or_default();
            (name.as_str(), names.into_iter().filter(|n| fragments.contains_key(n)).collect())
        })
        .collect();
    fn reaches_loop<'n>(
        n: &'n str,
        refs: &'n HashMap<&str, Vec<String>>,
        path: &mut Vec<&'n str>,
        safe: &mut HashSet<&'n str>,
    ) -> bool {
        if safe.contains(n) {
            return false;
        }
        if path.contains(&n) {
            return true;
        }
        path.push(n);
        let bad = refs.get(n).is_some_and(|rs| rs.iter().any(|r| reaches_loop(r, refs, path, safe)));
        path.pop();
        if !bad {
            safe.insert(n);
        }
        bad
    }
    let mut safe = HashSet::new();
    fragments.keys().filter(|n| reaches_loop(n, &refs, &mut Vec::new(), &mut safe)).cloned().collect()
}

/// Parses patterns, splicing in the shared trees of fragments and lists.
pub struct Splicer<'t, 'a> {
    trees: &'t Trees<'a>,
    /// The fragments being parsed, innermost last: a name met again is a loop.
    open: Vec<String>,
}

impl<'t, 'a> Splicer<'t, 'a> {
    pub fn new(trees: &'t Trees<'a>) -> Self {
        Splicer { trees, open: Vec::new() }
    }

    /// The tree of a whole pattern, its capture groups numbered in order of their opening.
    pub fn pattern(&mut self, text: &str) -> Result<Hir, SpliceError> {
        let hir = self.parse(text)?;
        let mut next = 1;
        let mut names = HashSet::new();
        renumber(hir, &mut next, &mut names)
    }

    /// Parses `text`, each `{name}` in it replaced by its tree.
    fn parse(&mut self, text: &str) -> Result<Hir, SpliceError> {
        let (marked, refs) = mark(text, self.trees.fragments, self.trees.lexicons)?;
        let hir = syntax::parse_with(&marked, &syntax::Config::new().unicode(true).utf8(true))
            .map_err(|e| SpliceError::Syntax(None, last_line(&e.to_string())))?;
        let mut used = vec![false; refs.len()];
        let hir = self.splice(hir, &refs, &mut used)?;
        if let Some(k) = used.iter().position(|u| !u) {
            return Err(SpliceError::Splice(format!("`{{{}}}` cannot stand inside a character class", refs[k])));
        }
        Ok(hir)
    }

    fn splice(&mut self, hir: Hir, refs: &[String], used: &mut [bool]) -> Result<Hir, SpliceError> {
        // A tree with no groups holds no marker: it is kept as it is.
        if hir.properties().explicit_captures_len() == 0 {
            return Ok(hir);
        }
        Ok(match hir.into_kind() {
            HirKind::Capture(c) => match c.name.as_deref().and_then(|n| n.strip_prefix(MARK)) {
                Some(k) => {
                    let k: usize = k.parse().expect("markers are numbered");
                    used[k] = true;
                    // Inside `(?i:…)`, the marker's `a` was read as `[Aa]`.
                    let ignore_case = !matches!(c.sub.kind(), HirKind::Literal(_));
                    self.tree(&refs[k], ignore_case)?
                }
                None => Hir::capture(Capture { sub: Box::new(self.splice(*c.sub, refs, used)?), ..c }),
            },
            HirKind::Concat(subs) => {
                Hir::concat(subs.into_iter().map(|h| self.splice(h, refs, used)).collect::<Result<_, _>>()?)
            }
            HirKind::Alternation(subs) => {
                Hir::alternation(subs.into_iter().map(|h| self.splice(h, refs, used)).collect::<Result<_, _>>()?)
            }
            HirKind::Repetition(r) => {
                Hir::repetition(Repetition { sub: Box::new(self.splice(*r.sub, refs, used)?), ..r })
            }
            kind @ (HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_)) => leaf(kind),
        })
    }

    /// The tree of a fragment or list, parsed on first use.
    fn tree(&mut self, key: &str, ignore_case: bool) -> Result<Hir, SpliceError> {
        if self.trees.looping.contains(key) {
            return self.parse_tree(key, ignore_case);
        }
        let cell = {
            let mut cells = self.trees.cells.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(cells.entry((key.to_string(), ignore_case)).or_default())
        };
        cell.get_or_init(|| self.parse_tree(key, ignore_case)).clone()
    }

    fn parse_tree(&mut self, key: &str, ignore_case: bool) -> Result<Hir, SpliceError> {
        let (fragments, lexicons) = (self.trees.fragments, self.trees.lexicons);
        let text = if let Some(list) = key.strip_suffix(":words") {
            lexicons[list].lower_words_alternation().to_string()
        } else if let Some(class) = builtin_fragment(key) {
            class
        } else if let Some(lex) = lexicons.get(key).filter(|_| !fragments.contains_key(key)) {
            lex.alternation().to_string()
        } else {
            if self.open.iter().any(|o| o == key) {
                return Err(SpliceError::Splice("fragments refer to each other in a loop".into()));
            }
            self.open.push(key.to_string());
            let body = &fragments[key].1;
            let parsed = self.parse(&if ignore_case { format!("(?i:{body})") } else { body.clone() });
            self.open.pop();
            return match parsed {
                Ok(h) => Ok(h),
                Err(SpliceError::Splice(m)) => Err(SpliceError::Splice(format!("in fragment `{key}`: {m}"))),
                Err(SpliceError::Syntax(None, m)) => Err(SpliceError::Syntax(Some(key.to_string()), m)),
                Err(e) => Err(e),
            };
        };
        let text = if ignore_case { format!("(?i:{text})") } else { text };
        syntax::parse_with(&text, &syntax::Config::new().unicode(true).utf8(true))
            .map_err(|e| SpliceError::Syntax(None, last_line(&e.to_string())))
    }
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

/// The last line of a parse error: what is wrong (the lines above draw the pattern with a caret).
fn last_line(s: &str) -> String {
    let last = s.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("syntax error").trim();
    last.strip_prefix("error: ").unwrap_or(last).to_string()
}
