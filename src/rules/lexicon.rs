//! Word lists: one entry a line, `#` starts a comment, `entry => value` maps an entry to a value.
//!
//! Entries are normalised like page text (NFC, modern tone placement, single spaces), so a list may be
//! typed in either spelling and still match.

use std::collections::HashMap;

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
    exact: HashMap<String, usize>,
    folded: HashMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub line: usize,
    pub message: String,
}

impl Lexicon {
    pub fn parse(name: &str, file: &str, text: &str) -> Result<Lexicon, LexiconError> {
        let mut entries = Vec::new();
        let mut exact = HashMap::new();
        let mut folded = HashMap::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split_once(" #").map_or(raw, |(a, _)| a);
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = match line.split_once("=>") {
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
                continue; // a repeated entry is harmless
            }
            exact.insert(key.clone(), entries.len());
            folded.entry(key.to_lowercase()).or_insert(entries.len());
            entries.push(Entry { key, value });
        }
        if entries.is_empty() {
            return Err(LexiconError { line: 0, message: "the list has no entries".into() });
        }
        Ok(Lexicon { name: name.to_string(), file: file.to_string(), entries, exact, folded })
    }

    pub fn contains(&self, s: &str) -> bool {
        self.exact.contains_key(s)
    }

    /// Looks an entry up ignoring case.
    pub fn get_ci(&self, s: &str) -> Option<&Entry> {
        self.folded.get(&s.to_lowercase()).map(|&i| &self.entries[i])
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
    /// Rules are built from its tree ([`Lexicon::alternation_tree`]); the text is what the tests
    /// hold the tree to.
    #[cfg(test)]
    pub fn alternation(&self) -> String {
        trie_alternation(self.entries.iter().map(|e| e.key.as_str()))
    }

    /// The tree of [`Lexicon::alternation`], matched ignoring case or not.
    pub fn alternation_tree(&self, ignore_case: bool) -> Hir {
        trie_tree(self.entries.iter().map(|e| e.key.as_str()), ignore_case)
    }

    /// The tree of [`Lexicon::lower_words_alternation`], matched ignoring case or not.
    pub fn lower_words_tree(&self, ignore_case: bool) -> Hir {
        trie_tree(self.lower_words(), ignore_case)
    }

    fn lower_words(&self) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .flat_map(|e| e.key.split([' ', ',']))
            .filter(|w| w.chars().next().is_some_and(|c| c.is_lowercase()))
    }

    /// The distinct words that begin with a lower-case letter in the entries (`Liên đoàn Lao động` →
    /// `đoàn`), as an alternation: the words that may continue a capitalised name in lower case.
    /// Rules are built from its tree ([`Lexicon::lower_words_tree`]).
    #[cfg(test)]
    pub fn lower_words_alternation(&self) -> String {
        trie_alternation(self.lower_words())
    }
}

/// An alternation of `words` as a trie; one that matches nothing when there are none.
#[cfg(test)]
fn trie_alternation<'w>(words: impl Iterator<Item = &'w str>) -> String {
    let chars = trie_words(words);
    if chars.is_empty() {
        return "(?:[^\\s\\S])".to_string();
    }
    let refs: Vec<&[char]> = chars.iter().map(Vec::as_slice).collect();
    let mut out = String::from("(?:");
    write_trie(&refs, &mut out);
    out.push(')');
    out
}

/// The tree that parsing [`trie_alternation`]'s text gives (inside `(?i:…)` when ignoring case),
/// built directly: parsing long lists was a good part of start-up.
fn trie_tree<'w>(words: impl Iterator<Item = &'w str>, ignore_case: bool) -> Hir {
    let chars = trie_words(words);
    let refs: Vec<&[char]> = chars.iter().map(Vec::as_slice).collect();
    let mut letter = |c: char| {
        if !ignore_case {
            return Hir::literal(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
        let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
        class.case_fold_simple();
        Hir::class(Class::Unicode(class))
    };
    if refs.is_empty() { Hir::fail() } else { trie_node(&refs, &mut letter) }
}

/// The words of a trie: sorted, distinct and non-empty.
fn trie_words<'w>(words: impl Iterator<Item = &'w str>) -> Vec<Vec<char>> {
    let mut chars: Vec<Vec<char>> = words.filter(|w| !w.is_empty()).map(|w| w.chars().collect()).collect();
    chars.sort();
    chars.dedup();
    chars
}

/// The tree of what [`write_trie`] writes for the same words.
fn trie_node(words: &[&[char]], letter: &mut dyn FnMut(char) -> Hir) -> Hir {
    let mut branches = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let c = words[i][0];
        let mut j = i + 1;
        while j < words.len() && words[j][0] == c {
            j += 1;
        }
        let mut seq = vec![letter(c)];
        let mut group: Vec<&[char]> = words[i..j].iter().map(|w| &w[1..]).collect();
        while !group[0].is_empty() && group.iter().all(|w| !w.is_empty() && w[0] == group[0][0]) {
            seq.push(letter(group[0][0]));
            group = group.iter().map(|w| &w[1..]).collect();
        }
        let ends = group[0].is_empty();
        let rest = if ends { &group[1..] } else { &group[..] };
        if !rest.is_empty() {
            let sub = trie_node(rest, letter);
            seq.push(if ends {
                Hir::repetition(Repetition { min: 0, max: Some(1), greedy: true, sub: Box::new(sub) })
            } else {
                sub
            });
        }
        branches.push(Hir::concat(seq));
        i = j;
    }
    Hir::alternation(branches)
}

#[cfg(test)]
/// Writes the alternation of `words`: sorted, distinct and non-empty, the suffixes below one trie
/// node. Words sharing a first character are grouped; where one of them ends, the rest of the group
/// is optional and greedy, so the longer word is tried first.
fn write_trie(words: &[&[char]], out: &mut String) {
    let mut buf = [0u8; 4];
    let mut i = 0;
    while i < words.len() {
        let c = words[i][0];
        let mut j = i + 1;
        while j < words.len() && words[j][0] == c {
            j += 1;
        }
        if i > 0 {
            out.push('|');
        }
        out.push_str(&regex::escape(c.encode_utf8(&mut buf)));
        let mut group: Vec<&[char]> = words[i..j].iter().map(|w| &w[1..]).collect();
        // While every word of the group goes on with the same character, write it plainly.
        while !group[0].is_empty() && group.iter().all(|w| !w.is_empty() && w[0] == group[0][0]) {
            out.push_str(&regex::escape(group[0][0].encode_utf8(&mut buf)));
            group = group.iter().map(|w| &w[1..]).collect();
        }
        // Sorted: a word that ends here is the group's first.
        let ends = group[0].is_empty();
        let rest = if ends { &group[1..] } else { &group[..] };
        if !rest.is_empty() {
            out.push_str("(?:");
            write_trie(rest, out);
            out.push(')');
            if ends {
                out.push('?');
            }
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_values_and_comments() {
        let l = Lexicon::parse("t", "t.txt", "# heading\nNQ => Nghị quyết\nChỉ thị  # trailing\n\nThành uỷ\n").unwrap();
        assert_eq!(l.entries.len(), 3);
        assert_eq!(l.canonical_ci("nq"), Some("Nghị quyết"));
        assert_eq!(l.canonical_ci("CHỈ THỊ"), Some("Chỉ thị"));
        assert!(l.contains("Thành ủy"), "entries are normalised");
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
