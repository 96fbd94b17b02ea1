//! Word lists: one entry a line, `#` starts a comment, `entry => value` maps an entry to a value.
//!
//! Entries are normalised like page text (NFC, modern tone placement, single spaces), so a list may be
//! typed in either spelling and still match.

use rustc_hash::FxHashMap;

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, Repetition};

use crate::normalize::fold_value;

#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub value: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Lexicon {
    pub name: String,
    pub file: String,
    pub entries: Vec<Entry>,
    /// The lines that list an entry again (harmless: the first is kept; the shipped lists have none).
    pub repeated: Vec<usize>,
    exact: FxHashMap<String, usize>,
    folded: FxHashMap<String, usize>,
    /// Whether an entry in lower case begins with the byte, as bits: a text whose lower case
    /// begins otherwise is not lower-cased to be looked up (most texts looked up are not listed).
    folded_firsts: [u64; 4],
    /// Finds the entries as words after a space ([`Lexicon::words_in`]), built on the first search.
    spaced: std::sync::OnceLock<aho_corasick::AhoCorasick>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// The line of the entry at fault, from 1; 0 for the list as a whole.
    pub line: usize,
    pub message: String,
}

impl Lexicon {
    pub fn parse(name: &str, file: &str, text: &str) -> Result<Lexicon, LexiconError> {
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
        let mut entries = Vec::with_capacity(lines);
        let mut exact = FxHashMap::with_capacity_and_hasher(lines, Default::default());
        let mut folded = FxHashMap::with_capacity_and_hasher(lines, Default::default());
        let mut repeated = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            // Most lines hold neither a comment nor a value: a byte search says so quickly.
            let has = |b: u8| memchr::memchr(b, raw.as_bytes()).is_some();
            let line = if has(b'#') { raw.split_once(" #").map_or(raw, |(a, _)| a) } else { raw };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = match if has(b'=') { line.split_once("=>") } else { None } {
                Some((k, v)) => (fold_value(k), Some(fold_value(v))),
                None => (fold_value(line), None),
            };
            if key.is_empty() {
                return Err(LexiconError { line: i + 1, message: "an entry with nothing before `=>`".into() });
            }
            if value.as_deref() == Some("") {
                return Err(LexiconError { line: i + 1, message: format!("`{key}` maps to nothing after `=>`") });
            }
            if exact.contains_key(&key) {
                repeated.push(i + 1);
                continue;
            }
            exact.insert(key.clone(), entries.len());
            folded.entry(crate::normalize::lower(&key)).or_insert(entries.len());
            entries.push(Entry { key, value });
        }
        if entries.is_empty() {
            return Err(LexiconError { line: 0, message: "the list has no entries".into() });
        }
        let mut folded_firsts = [0u64; 4];
        for &b in folded.keys().filter_map(|k| k.as_bytes().first()) {
            folded_firsts[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        Ok(Lexicon {
            name: name.to_string(),
            file: file.to_string(),
            entries,
            repeated,
            exact,
            folded,
            folded_firsts,
            spaced: std::sync::OnceLock::new(),
        })
    }

    pub fn contains(&self, s: &str) -> bool {
        self.exact.contains_key(s)
    }

    /// The entries as the list spells them, in its order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.key.as_str())
    }

    /// The entry written exactly as `s`.
    pub fn get(&self, s: &str) -> Option<&Entry> {
        self.exact.get(s).map(|&i| &self.entries[i])
    }

    /// Where the entries stand in `text` as words, as written: after a space and before a space, or —
    /// an entry ending in `*` — before anything (`như sau*`: `như sau:`, `như sau,`). Each is `(start,
    /// end, entry)`, from the space before it to the space after it (or the end of the entry without
    /// its `*`), leftmost first; where several begin at one place, the one listed first, and the next
    /// one looked for after it. One pass over `text` for all entries, with an automaton built once for
    /// the list.
    pub fn words_in<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize, &'t Entry)> + 't {
        let ac = self.spaced.get_or_init(|| {
            let spaced = self.entries.iter().map(|e| match e.key.strip_suffix('*') {
                Some(open) => format!(" {open}"),
                None => format!(" {} ", e.key),
            });
            // (A short list in short texts: an automaton quick to build rather than the quickest to run.)
            aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(spaced)
                .expect("a word list's automaton")
        });
        ac.find_iter(text).map(|m| (m.start(), m.end(), &self.entries[m.pattern().as_usize()]))
    }

    /// Where the first entry stands in `text` as a word (see [`Lexicon::words_in`]).
    pub fn first_word_in(&self, text: &str) -> Option<usize> {
        self.words_in(text).next().map(|(start, _, _)| start)
    }

    /// Looks an entry up ignoring case.
    pub fn get_ci(&self, s: &str) -> Option<&Entry> {
        // The lower case of a text begins with that of its first character (a capital sigma's is
        // the same at the start of a text); a character whose lower case is not one character is
        // lower-cased with the rest.
        let first = s.chars().next()?;
        if let Some(lower) = crate::normalize::lower_char(first) {
            let mut buf = [0u8; 4];
            let b = lower.encode_utf8(&mut buf).as_bytes()[0];
            if self.folded_firsts[usize::from(b >> 6)] >> (b & 63) & 1 == 0 {
                return None;
            }
        }
        thread_local! {
            static LOWER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        let i = LOWER.with_borrow_mut(|lower| {
            crate::normalize::lower_into(s, lower);
            let found = self.folded.get(lower.as_str()).copied();
            // A long text looked up once is not kept.
            if lower.capacity() > 4096 {
                *lower = String::new();
            }
            found
        });
        i.map(|i| &self.entries[i])
    }

    pub fn contains_ci(&self, s: &str) -> bool {
        self.get_ci(s).is_some()
    }

    /// The entry's value, or the entry itself as the list spells it; `None` when not listed.
    pub fn canonical_ci(&self, s: &str) -> Option<&str> {
        self.get_ci(s).map(|e| e.value.as_deref().unwrap_or(&e.key))
    }

    /// The entry's key as the list spells it (its canonical case).
    pub fn key_ci(&self, s: &str) -> Option<&str> {
        self.get_ci(s).map(|e| e.key.as_str())
    }

    /// A regex matching any entry, preferring the longest (`Phó Chủ tịch` over `Chủ tịch`, `Chủ tịch
    /// nước` over `Chủ tịch`), written as a trie: `Chủ (?:nhiệm|tịch(?: nước)?)`. Entries sharing a
    /// beginning share its automaton states, which keeps the compiled rules small and quick to try.
    /// Rules are built from [`Lexicon::trie`] directly; the text is what the tests hold that to.
    #[cfg(test)]
    pub fn alternation(&self) -> String {
        self.trie().text()
    }

    /// The entries, as the trie of [`Lexicon::alternation`].
    pub fn trie(&self) -> Trie {
        Trie::new(self.entries.iter().map(|e| e.key.as_str()))
    }

    /// The distinct words that begin with a lower-case letter in the entries (`Liên đoàn Lao động` →
    /// `đoàn`): the words that may continue a capitalised name in lower case.
    pub fn lower_words_trie(&self) -> Trie {
        Trie::new(
            self.entries
                .iter()
                .flat_map(|e| e.key.split([' ', ',']))
                .filter(|w| w.chars().next().is_some_and(|c| c.is_lowercase())),
        )
    }

    /// [`Lexicon::lower_words_trie`] as an alternation.
    #[cfg(test)]
    pub fn lower_words_alternation(&self) -> String {
        self.lower_words_trie().text()
    }
}

/// Words as a trie, the way word lists are matched: an alternation that shares the beginnings of its
/// words and prefers the longer of two words where one begins the other.
#[derive(Debug, Clone)]
pub struct Trie {
    /// Sorted, distinct and non-empty.
    words: Vec<Vec<char>>,
}

/// One branch below a node of a trie: the characters its words share, whether one of them ends
/// there, and what the others go on with (sorted, distinct, non-empty).
pub struct Branch<'w, T> {
    pub chars: Vec<T>,
    pub ends: bool,
    pub rest: Vec<&'w [T]>,
}

impl Trie {
    fn new<'w>(words: impl Iterator<Item = &'w str>) -> Trie {
        let mut words: Vec<Vec<char>> = words.filter(|w| !w.is_empty()).map(|w| w.chars().collect()).collect();
        words.sort();
        words.dedup();
        Trie { words }
    }

    /// Whether the list has no words (its trie matches nothing).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words, as [`Trie::branches`] takes them; none when the list has none.
    pub fn words(&self) -> Vec<&[char]> {
        self.words.iter().map(Vec::as_slice).collect()
    }

    /// Whether the trie nests deeper than `limit` branches (words beginning other words, each
    /// beginning the next): its automaton and tree are built by recursion, so such a list is refused.
    pub fn deeper_than(&self, limit: usize) -> bool {
        // No path is deeper than its word is long: most lists are done here.
        if self.words.iter().all(|w| w.len() <= limit) {
            return false;
        }
        let mut todo = vec![(self.words(), 1)];
        while let Some((words, depth)) = todo.pop() {
            if depth > limit {
                return true;
            }
            todo.extend(Trie::branches(&words).into_iter().map(|b| (b.rest, depth + 1)).filter(|(r, _)| !r.is_empty()));
        }
        false
    }

    /// The words in UTF-8, in the same order (which is that of their bytes).
    pub fn utf8(&self) -> Vec<Vec<u8>> {
        self.words.iter().map(|w| w.iter().collect::<String>().into_bytes()).collect()
    }

    /// The branches below the node that holds `words`, in the order they are tried. Words sharing a
    /// first character share a branch; where one of them ends, the rest of the branch is optional
    /// and greedy, so the longer word is tried first.
    pub fn branches<'w, T: Copy + PartialEq>(words: &[&'w [T]]) -> Vec<Branch<'w, T>> {
        let mut branches = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let c = words[i][0];
            let mut j = i + 1;
            while j < words.len() && words[j][0] == c {
                j += 1;
            }
            let mut chars = vec![c];
            let mut group: Vec<&[T]> = words[i..j].iter().map(|w| &w[1..]).collect();
            // While every word of the group goes on with the same character, it is the branch's.
            while !group[0].is_empty() && group.iter().all(|w| !w.is_empty() && w[0] == group[0][0]) {
                chars.push(group[0][0]);
                group = group.iter().map(|w| &w[1..]).collect();
            }
            // Sorted: a word that ends here is the group's first.
            let ends = group[0].is_empty();
            let rest = if ends { group.split_off(1) } else { group };
            branches.push(Branch { chars, ends, rest });
            i = j;
        }
        branches
    }

    /// The trie as regex text; one that matches nothing when there are no words.
    #[cfg(test)]
    pub fn text(&self) -> String {
        fn write(words: &[&[char]], out: &mut String) {
            let mut buf = [0u8; 4];
            for (k, b) in Trie::branches(words).iter().enumerate() {
                if k > 0 {
                    out.push('|');
                }
                for c in &b.chars {
                    out.push_str(&regex::escape(c.encode_utf8(&mut buf)));
                }
                if !b.rest.is_empty() {
                    out.push_str("(?:");
                    write(&b.rest, out);
                    out.push(')');
                    if b.ends {
                        out.push('?');
                    }
                }
            }
        }
        if self.is_empty() {
            return "(?:[^\\s\\S])".to_string();
        }
        let mut out = String::from("(?:");
        write(&self.words(), &mut out);
        out.push(')');
        out
    }

    /// The tree that parsing [`Trie::text`] gives (inside `(?i:…)` when ignoring case).
    pub fn tree(&self, ignore_case: bool) -> Hir {
        fn node(words: &[&[char]], ignore_case: bool) -> Hir {
            let letter = |c: char| {
                if ignore_case {
                    Hir::class(Class::Unicode(case_variants(c)))
                } else {
                    Hir::literal(c.encode_utf8(&mut [0; 4]).as_bytes())
                }
            };
            let branches = Trie::branches(words).into_iter().map(|b| {
                let mut seq: Vec<Hir> = b.chars.iter().map(|&c| letter(c)).collect();
                if !b.rest.is_empty() {
                    let sub = node(&b.rest, ignore_case);
                    seq.push(if b.ends {
                        Hir::repetition(Repetition { min: 0, max: Some(1), greedy: true, sub: Box::new(sub) })
                    } else {
                        sub
                    });
                }
                Hir::concat(seq)
            });
            Hir::alternation(branches.collect())
        }
        if self.is_empty() { Hir::fail() } else { node(&self.words(), ignore_case) }
    }
}

/// The characters that match `c` where case is ignored: its simple case folding, as the regex
/// syntax reads a letter inside `(?i:…)`.
pub fn case_variants(c: char) -> ClassUnicode {
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_between_spaces_or_before_anything_after_a_star() {
        let l = Lexicon::parse("t", "t.txt", "về\nnhư sau*\nvề việc*\n").unwrap();
        let found = |t: &str| l.words_in(t).map(|(s, e, w)| (s, e, w.key.clone())).collect::<Vec<_>>();
        assert_eq!(found("Bộ về đề án"), vec![(4, 10, "về".to_string())], "the spaces on both sides are the match's");
        assert_eq!(found("Bộ về, đề án"), vec![], "a word entry needs a space after it");
        assert_eq!(found("Bộ vềx"), vec![]);
        assert_eq!(found("về đề án"), vec![], "and one before it");
        assert_eq!(
            found("quy định như sau: a như sau"),
            vec![(11, 20, "như sau*".into()), (23, 32, "như sau*".into())]
        );
        assert_eq!(found("Bộ về việc,"), vec![(4, 10, "về".to_string())], "where two begin, the one listed first");
        assert_eq!(l.first_word_in("a như sau b về c"), Some(1));
        assert_eq!(l.first_word_in("a b c"), None);
    }

    #[test]
    fn parses_entries_values_and_comments() {
        let l = Lexicon::parse("t", "t.txt", "# heading\nNQ => Nghị quyết\nChỉ thị  # trailing\n\nThành uỷ\n").unwrap();
        assert_eq!(l.entries.len(), 3);
        assert_eq!(l.canonical_ci("nq"), Some("Nghị quyết"));
        assert_eq!(l.canonical_ci("CHỈ THỊ"), Some("Chỉ thị"));
        assert!(l.contains("Thành ủy"), "entries are normalised");
        assert!(l.repeated.is_empty());
    }

    #[test]
    fn an_entry_listed_again_is_kept_once_and_its_line_told() {
        // The old tone placement is the same entry once normalised; a value after it changes nothing.
        let l = Lexicon::parse("t", "t.txt", "Thành ủy\nChỉ thị\n\nThành uỷ\nChỉ thị => Nghị quyết\n").unwrap();
        assert_eq!(l.entries.len(), 2);
        assert_eq!(l.repeated, vec![4, 5]);
        assert_eq!(l.get("Chỉ thị").and_then(|e| e.value.as_deref()), None, "the first listing holds");
    }

    #[test]
    fn looked_up_in_any_case_whatever_the_first_letter() {
        let l = Lexicon::parse("t", "t.txt", "đồng\nỦy ban\nÉcole\nσ-ký\nKelvin\ni̇z\n").unwrap();
        for (text, key) in [
            ("Đồng", "đồng"),
            ("ĐỒNG", "đồng"),
            ("ủy BAN", "Ủy ban"),
            ("ÉCOLE", "École"),
            ("Σ-ký", "σ-ký"),
            ("\u{212A}elvin", "Kelvin"),
            ("İz", "i̇z"),
        ] {
            assert_eq!(l.key_ci(text), Some(key), "{text}");
        }
        for text in ["", "Đồn", "đồng ", "x", "Bồng", "ƯỦy ban"] {
            assert_eq!(l.key_ci(text), None, "{text}");
        }
    }

    #[test]
    fn alternation_is_a_trie_preferring_longer_entries() {
        let l = Lexicon::parse("t", "t.txt", "Chủ tịch\nChủ tịch nước\nChủ nhiệm\nPhó Chủ tịch\n").unwrap();
        assert_eq!(l.alternation(), "(?:Chủ (?:nhiệm|tịch(?: nước)?)|Phó Chủ tịch)");
        let re = regex::Regex::new(&format!("^{}", l.alternation())).unwrap();
        assert_eq!(re.find("Chủ tịch nước Lương").unwrap().as_str(), "Chủ tịch nước");
        assert_eq!(re.find("Chủ tịch Quốc hội").unwrap().as_str(), "Chủ tịch");
        assert!(re.find("Chủ").is_none());
    }

    #[test]
    fn a_longer_entry_gives_way_when_what_follows_fails() {
        let l = Lexicon::parse("t", "t.txt", "đ\nđồng\n").unwrap();
        let re = regex::Regex::new(&format!(r"^[0-9]+(?:{})(?:[^\p{{L}}]|$)", l.alternation())).unwrap();
        assert!(re.is_match("5đ "));
        assert!(re.is_match("5đồng"));
        assert!(!re.is_match("5đơn"));
    }

    #[test]
    fn lower_words_are_the_lower_case_words_of_the_entries() {
        let l = Lexicon::parse("t", "t.txt", "Liên đoàn Lao động\nSở Tài chính\nUBND\n").unwrap();
        assert_eq!(l.lower_words_alternation(), "(?:chính|đ(?:oàn|ộng))");
        let none = Lexicon::parse("t", "t.txt", "UBND\nHĐND\n").unwrap();
        let re = regex::Regex::new(&none.lower_words_alternation()).unwrap();
        assert!(!re.is_match("UBND đoàn"), "a list with no lower-case words matches nothing");
    }

    #[test]
    fn empty_lists_and_empty_values_are_errors() {
        assert!(Lexicon::parse("t", "t.txt", "# nothing\n").is_err());
        assert_eq!(Lexicon::parse("t", "t.txt", "a\nb =>\n").unwrap_err().line, 2);
    }
}
