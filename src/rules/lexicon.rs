//! Word lists: one entry a line, `#` starts a comment, `entry => value` maps an entry to a value.
//!
//! Entries are normalised like page text (NFC, modern tone placement, single spaces), so a list may be
//! typed in either spelling and still match.

use std::collections::HashMap;

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

    /// A regex alternation of the entries, longest first so that `Phó Chủ tịch` wins over `Chủ tịch`.
    pub fn alternation(&self) -> String {
        let mut keys: Vec<&str> = self.entries.iter().map(|e| e.key.as_str()).collect();
        keys.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        let alts: Vec<String> = keys.iter().map(|k| regex::escape(k)).collect();
        format!("(?:{})", alts.join("|"))
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
    fn alternation_puts_longer_entries_first() {
        let l = Lexicon::parse("t", "t.txt", "Chủ tịch\nPhó Chủ tịch\n").unwrap();
        assert_eq!(l.alternation(), "(?:Phó Chủ tịch|Chủ tịch)");
    }

    #[test]
    fn empty_lists_and_empty_values_are_errors() {
        assert!(Lexicon::parse("t", "t.txt", "# nothing\n").is_err());
        assert_eq!(Lexicon::parse("t", "t.txt", "a\nb =>\n").unwrap_err().line, 2);
    }
}
