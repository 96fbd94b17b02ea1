//! The shape of a rule file, as written by hand.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSpec {
    /// Named pieces of pattern that rules splice in with `{name}`.
    #[serde(default)]
    pub fragments: BTreeMap<String, String>,
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    /// `document`, `official`, `statistic`, `percentage`, `page` or `exclude`.
    pub kind: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Where the pattern is tried: `{lexicon}` (every entry of a list), `@number` (the start of every
    /// number written in digits) or a literal word. The pattern is tried anchored at each of them.
    pub triggers: Vec<String>,
    /// What may stand just before the trigger and belongs to the match (`trên` before a number): it
    /// is looked for leftwards from each trigger, so that common words need not be triggers.
    #[serde(default)]
    pub prefix: Option<String>,
    /// A word list: the rule is not tried at a number in digits followed by a space and one of its
    /// words (`15 tháng`), where it can make no record. It saves reading numbers that count nothing;
    /// the words must be ones the rule never accepts there.
    #[serde(default)]
    pub not_before: Option<String>,
    /// A word list: the rule is not tried at a number in digits that follows one of its words and a
    /// space (`Điều 13`), unless a decimal mark or a group of thousands goes on from its digits. The
    /// words must be ones after which an exclusion always rules out what the rule would find.
    #[serde(default)]
    pub not_after: Option<String>,
    /// Word lists: at a trigger that is a word (not a number in digits), the match is read only where
    /// one of its words holds a digit or is the first word of an entry of one of the lists (the
    /// second, where the first is a trigger the rule writes out: `Luật sư` after `Luật`). It saves
    /// reading matches the production would drop (`một số`, `một cuộc`: a number in words counts only
    /// with a tens or magnitude word or a unit of measure); the lists must hold every word that can
    /// make such a match a record.
    #[serde(default)]
    pub words_need: Vec<String>,
    /// Where the rule can match at all: at a trigger followed on its line by one of these texts (in
    /// any case), or, for `@prefix`, preceded by the rule's prefix. Elsewhere it is not tried: it
    /// saves running its automaton where the production would drop every match (a list of officials
    /// needs a plural before its title, or a colon or `gồm` before its names). The texts must be
    /// ones every match that can make a record holds after its trigger.
    #[serde(default)]
    pub needs: Vec<String>,
    /// A word list (`{surnames}`): the rule is tried only where one of its words begins after the
    /// trigger on its line, as written or in capitals and standing alone, as a trigger of
    /// `trigger_case = "exact"` is found. The trigger pass finds them with the triggers, so the check
    /// reads no text. Every match that can make a record must hold such a word after its trigger,
    /// spelt so (a rule whose matches all hold a name: `{name}` opens with `{surnames}`).
    #[serde(default)]
    pub needs_word: Option<String>,
    /// A pattern every match of the rule opens with, read from a trigger that is a word
    /// (`{doc_opening}`: a type of document, then its number): where it does not match there, the
    /// rule is not tried (at a number in digits, what may follow them is read off the rule's own
    /// automaton). Rules with the same gate share its automaton, and rules tried together ask it once a
    /// place. It saves running a large automaton at the many triggers that open no match (a type of
    /// document named with no number after it). Every match that can make a record must open so,
    /// its prefix aside (a prefix is looked for before the trigger only once the rule matches there).
    #[serde(default)]
    pub gate: Option<String>,
    pub pattern: String,
    /// `any` (default): triggers are looked for in every usual capitalisation; `exact`: as written
    /// and in capitals only (surnames: `Hà`, never `hà`).
    #[serde(default)]
    pub trigger_case: Option<String>,
    /// Fields set to a constant by this rule (`system = "party"`).
    #[serde(default)]
    pub set: BTreeMap<String, String>,
    /// For `exclude` rules: the kinds whose matches the exclusion removes (default: statistic and
    /// percentage).
    #[serde(default)]
    pub applies_to: Vec<String>,
    #[serde(default)]
    pub example: Vec<ExampleSpec>,
    #[serde(default)]
    pub counterexample: Vec<CounterSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    pub text: String,
    /// Expected fields of a record this rule makes from `text`; `""` expects an empty field.
    #[serde(default)]
    pub expect: BTreeMap<String, toml::Value>,
    /// Why the example is there, for the reader.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CounterSpec {
    pub text: String,
    #[serde(default)]
    pub note: Option<String>,
}
