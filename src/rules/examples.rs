//! Running every rule's examples and counter-examples: the rules' own tests.
//!
//! An example passes when the rule makes, from the example's text read as article body, a record
//! with every expected field. A counter-example passes when no rule makes a record of that kind from
//! it at all. For an exclusion rule, the example must be matched by it and the counter-example not.

use std::fmt::Write as _;
use std::sync::Arc;

use crate::engine::{self, Scope};
use crate::extract::{self, KindSet, Options};
use crate::normalize::normalize;
use crate::record::{Kind, Record, Value, Zone};
use crate::rules::{Expect, Rule, RuleKind, RuleSet};
use crate::zones::Line;

/// One example that did not hold.
#[derive(Debug, Clone)]
pub struct Failure {
    pub rule: String,
    pub file: String,
    pub what: &'static str,
    pub text: String,
    pub detail: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}: rule `{}`: {} failed", self.file, self.rule, self.what)?;
        writeln!(f, "  text: {}", self.text)?;
        for line in self.detail.lines() {
            writeln!(f, "  {line}")?;
        }
        Ok(())
    }
}

/// Counts of what ran.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub examples: usize,
    pub counterexamples: usize,
}

/// Runs every example of every rule; returns what ran and every failure.
pub fn run_all(rules: &RuleSet) -> (Tally, Vec<Failure>) {
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    for rule in &rules.rules {
        for ex in &rule.examples {
            tally.examples += 1;
            if let Some(detail) = check_example(rules, rule, &ex.text, &ex.expect) {
                failures.push(failure(rule, "example", &ex.text, detail));
            }
        }
        for cx in &rule.counterexamples {
            tally.counterexamples += 1;
            if let Some(detail) = check_counterexample(rules, rule, &cx.text) {
                let detail = match &cx.note {
                    Some(n) => format!("{detail}\n(the counter-example says: {n})"),
                    None => detail,
                };
                failures.push(failure(rule, "counter-example", &cx.text, detail));
            }
        }
    }
    (tally, failures)
}

fn failure(rule: &Rule, what: &'static str, text: &str, detail: String) -> Failure {
    Failure { rule: rule.id.to_string(), file: rule.file.clone(), what, text: text.to_string(), detail }
}

fn records(rules: &RuleSet, kind: Kind, text: &str) -> Vec<Record> {
    let opts = Options { kinds: KindSet::only(&[kind]), all_zones: true, whole_body: true };
    let source: Arc<str> = Arc::from("example");
    match extract::extract(rules, &opts, &source, text.as_bytes()) {
        Ok(x) => x.records.into_iter().filter(|r| r.kind == kind).collect(),
        Err(_) => Vec::new(),
    }
}

/// Whether the exclusion rule matches somewhere in `text`.
fn exclusion_matches(rules: &RuleSet, rule: &Rule, text: &str) -> bool {
    let norm = normalize(text);
    let t: &str = &norm.text;
    let lines = vec![Line { start: 0, end: t.len(), zone: Zone::Body }];
    let zone = |_: Zone| true;
    let kind = |k: RuleKind| k == RuleKind::Exclude;
    // The exclusion is tested alone, with no record to rule out.
    let scope = Scope { text: t, lines: &lines, zone: &zone, rule: &kind, every_exclusion: true };
    let mut found = false;
    engine::find_matches(rules, &[scope], &mut |_, m| {
        found |= rules.rules[m.rule as usize].id == rule.id;
        None
    });
    found
}

fn check_example(rules: &RuleSet, rule: &Rule, text: &str, expect: &[(String, Expect)]) -> Option<String> {
    let RuleKind::Extract(kind) = rule.kind else {
        return (!exclusion_matches(rules, rule, text)).then(|| "the exclusion does not match".to_string());
    };
    let got = records(rules, kind, text);
    // A page record is the page's (rule `page`); its dateline is what the rule found.
    let mine: Vec<&Record> = got.iter().filter(|r| r.rule == rule.id || kind == Kind::Page).collect();
    if mine.iter().any(|r| mismatches(r, expect).is_empty()) {
        return None;
    }
    let mut detail = String::new();
    let _ = writeln!(detail, "expected a {kind} record with {}", show_expect(expect));
    if got.is_empty() {
        let _ = write!(detail, "got no {kind} record");
    }
    for r in &got {
        let _ = writeln!(detail, "got (rule `{}`): {}", r.rule, show_record(r));
        if r.rule == rule.id {
            for m in mismatches(r, expect) {
                let _ = writeln!(detail, "    {m}");
            }
        }
    }
    Some(detail)
}

fn check_counterexample(rules: &RuleSet, rule: &Rule, text: &str) -> Option<String> {
    let RuleKind::Extract(kind) = rule.kind else {
        return exclusion_matches(rules, rule, text).then(|| "the exclusion matches".to_string());
    };
    let got = records(rules, kind, text);
    if got.is_empty() {
        return None;
    }
    let mut detail = format!("expected no {kind} record\n");
    for r in &got {
        let _ = writeln!(detail, "got (rule `{}`): {}", r.rule, show_record(r));
    }
    Some(detail)
}

fn mismatches(r: &Record, expect: &[(String, Expect)]) -> Vec<String> {
    let mut out = Vec::new();
    for (field, want) in expect {
        let got = if field == "text" { Value::str(r.text.clone()) } else { r.field(field).clone() };
        let ok = match (want, &got) {
            (Expect::Empty, Value::Null) => true,
            (Expect::Str(w), Value::Str(g)) => w == g,
            (Expect::Num(w), Value::Num(g)) => w == g,
            _ => false,
        };
        if !ok {
            out.push(format!("{field}: expected {}, got {}", show_expect_value(want), got.shown()));
        }
    }
    out
}

fn show_expect(expect: &[(String, Expect)]) -> String {
    expect.iter().map(|(f, v)| format!("{f} = {}", show_expect_value(v))).collect::<Vec<_>>().join(", ")
}

fn show_expect_value(v: &Expect) -> String {
    match v {
        Expect::Empty => "(empty)".into(),
        Expect::Str(s) => format!("{s:?}"),
        Expect::Num(d) => d.to_string(),
    }
}

fn show_record(r: &Record) -> String {
    let fields: Vec<String> =
        r.kind.fields().iter().zip(&r.fields).map(|(f, v)| format!("{f} = {}", v.shown())).collect();
    format!("text = {:?}, {}", r.text, fields.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::builtin_files;

    /// The rules as built in with and without the lines that give `key`, and the probes `shapes` make
    /// of every word of the list the first rule with the key names (`{w}` stands for the word).
    fn with_and_without(
        key: &str,
        list_of: impl Fn(&Rule) -> Option<&str>,
        shapes: &[&str],
    ) -> (RuleSet, RuleSet, Vec<String>) {
        let with = RuleSet::builtin().expect("built-in rules");
        let list = with.rules.iter().find_map(&list_of).expect("a rule with the key").to_string();
        let without = builtin_without(key);
        assert!(without.rules.iter().all(|r| list_of(r).is_none()));
        let words: Vec<String> = with.lexicon(&list).entries.iter().map(|e| e.key.clone()).collect();
        let probes = words.iter().flat_map(|w| shapes.iter().map(move |s| s.replace("{w}", w))).collect();
        (with, without, probes)
    }

    /// `not_before` only spares work: around every word of the list, the statistics found with it
    /// are the ones found without it.
    #[test]
    fn numbers_not_tried_before_a_word_would_have_counted_nothing() {
        let shapes = [
            "có 12 {w}",
            "đạt 1.500 {w} người dân",
            "khoảng 3,5 {w} đồng",
            "từ 10 - 12 {w} 15 người, 7 {w}/tháng",
            "12 {w} trở lên, 12 {w} cán bộ",
        ];
        let (with, without, probes) = with_and_without("not_before", |r| r.not_before.as_deref(), &shapes);
        same_records(Kind::Statistic, &with, &without, &probes);
        let tried = probes.len();
        assert!(tried >= 500, "{tried} probes");
        // The probes can tell: a word that joins a range would make a record without the rule tried.
        let range = records(&without, Kind::Statistic, "từ 10 đến 15 người");
        assert_eq!(range.len(), 1, "{range:?}");
    }

    /// `not_after` only spares work: after every word of the list, the statistics found with it are
    /// the ones found without it (the exclusion of ordinals rules out what the rule would find there),
    /// and an amount grouped in thousands after one is still read.
    #[test]
    fn numbers_not_tried_after_a_label_would_have_counted_nothing() {
        let shapes = [
            "theo {w} 13 Luật Đất đai, có 5 người",
            "{w} 2 người dân, {w} 3 tỷ đồng",
            "{w} 800.000 quân, {w} 1,5 triệu đồng",
            "({w} 12 đến 15 người) và {w} 4-5 tấn",
            "tại {w}\n12 cán bộ; X{w} 7 người",
        ];
        let (with, without, probes) = with_and_without("not_after", |r| r.not_after.as_deref(), &shapes);
        same_records(Kind::Statistic, &with, &without, &probes);
        assert!(probes.len() >= 20, "{} probes", probes.len());
        // The probes can tell: an amount after a label is read.
        assert_eq!(records(&with, Kind::Statistic, "điều 800.000 quân sang").len(), 1);
        assert_eq!(records(&with, Kind::Statistic, "doanh thu khoản 680 tỷ đồng").len(), 1);
    }

    /// The rules as built in, each line of their files edited.
    fn builtin_edited(edit: impl Fn(&str) -> String) -> RuleSet {
        let files = builtin_files()
            .iter()
            .map(|(p, t)| (p.to_string(), t.lines().map(|l| format!("{}\n", edit(l))).collect()))
            .collect();
        RuleSet::from_files(files, "test").expect("edited rules")
    }

    /// The rules as built in, without the lines that give `key`.
    fn builtin_without(key: &str) -> RuleSet {
        builtin_edited(|line| if line.starts_with(key) { String::new() } else { line.to_string() })
    }

    /// Each probe gives the same records of `kind` with both rule sets (one set after the other: each
    /// keeps its search caches warm); those found.
    fn same_records(kind: Kind, with: &RuleSet, without: &RuleSet, probes: &[String]) -> Vec<Vec<Record>> {
        let found = |rules: &RuleSet| -> Vec<Vec<Record>> { probes.iter().map(|t| records(rules, kind, t)).collect() };
        let (a, b) = (found(with), found(without));
        for ((text, a), b) in probes.iter().zip(&a).zip(&b) {
            assert_eq!(a, b, "{text:?}");
        }
        a
    }

    /// `words_need` only spares work: numbers in words before every unit, tens and magnitude word,
    /// and before common nouns, make the same statistics with it and without it.
    #[test]
    fn numbers_in_words_not_read_without_a_needed_word_would_have_counted_nothing() {
        let with = RuleSet::builtin().expect("built-in rules");
        let rule = with.rules.iter().find(|r| &*r.id == "statistic").expect("the statistic rule");
        let without = builtin_without("words_need");
        assert!(without.rules.iter().all(|r| r.words_need.is_none()));
        let words = |list: &str| with.lexicon(list).entries.iter().map(|e| e.key.clone()).collect::<Vec<_>>();
        let mut after: Vec<String> = ["units", "tens", "magnitudes"].iter().flat_map(|l| words(l)).collect();
        after.extend(["số", "cuộc họp", "người", "năm học", "lần", "chiếc xe"].map(String::from));
        let starts = words("number_starts");
        let mut probes = Vec::new();
        for (i, w) in after.iter().enumerate() {
            let (s, t) = (&starts[i % starts.len()], &starts[(i + 3) % starts.len()]);
            probes.extend([
                format!("có {s} {w};"),
                format!("giá {s} {w}, {t} mươi {w} và"),
                format!("từ {s} đến {t} {w}. Gần {s} {w}/tháng"),
                format!("{s} trăm {t} {w} ({s} {w})"),
                format!("đón {s} {w} người dân"),
            ]);
        }
        same_records(Kind::Statistic, &with, &without, &probes);
        assert!(probes.len() >= 200, "{} probes", probes.len());
        // The probes can tell: without the units in the key, `ba tấn` would be lost.
        let no_units = builtin_edited(|line| line.replace(", \"units\"]", "]"));
        let need = rule.words_need.as_ref().expect("words needed");
        assert!(need.held_by("ba tấn;") && !need.held_by("một số người;"));
        assert_eq!(records(&with, Kind::Statistic, "giá ba tấn;").len(), 1);
        assert!(records(&no_units, Kind::Statistic, "giá ba tấn;").is_empty());
    }

    /// The `fixed` probes, then each of `shapes` with every law of the list `laws` (`{w}`, and `{lw}`
    /// in small letters).
    fn law_probes(rules: &RuleSet, fixed: &[&str], shapes: &[&str]) -> Vec<String> {
        let mut probes: Vec<String> = fixed.iter().map(|p| p.to_string()).collect();
        for e in &rules.lexicon("laws").entries {
            let (w, lw) = (&e.key, crate::normalize::lower(&e.key));
            probes.extend(shapes.iter().map(|s| s.replace("{lw}", &lw).replace("{w}", w)));
        }
        probes
    }

    /// `words_need` of the laws by name only spares work: every law of the list, cited in the ways
    /// pages cite one or named in a word that is no citation, makes the same documents with it and
    /// without it; `luật` alone is not read.
    #[test]
    fn laws_not_read_without_a_name_or_a_year_would_have_made_nothing() {
        let with = RuleSet::builtin().expect("built-in rules");
        let rule = with.rules.iter().find(|r| &*r.id == "law-by-name").expect("the laws by name");
        let without = builtin_without("words_need");
        let fixed = [
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
            "Căn cứ Hiến pháp;",
            "theo Hiến pháp năm 2013, Hiến pháp quy định",
            "Luật sửa đổi, bổ sung một số điều của các Luật về thuế",
            "vi phạm pháp luật, kỷ luật Đảng, dự luật Thuế và Pháp lệnh Ngoại hối 2005",
            "theo luật, Bộ luật mới, Luật này và luật sư Nguyễn Văn An",
            "Luật Nuôi con nuôi 2010, luật Kinh doanh bất động sản năm 2014",
        ];
        let shapes = [
            "theo Luật {w} năm 2013 và Bộ luật {w}.",
            "vi phạm luật {w}; Luật {w} (sửa đổi) quy định",
            "Pháp lệnh {w}, Luật {w}, luật {lw}",
        ];
        let found = same_records(Kind::Document, &with, &without, &law_probes(&with, &fixed, &shapes));
        let laws: usize = found.iter().map(Vec::len).sum();
        assert!(laws > 300, "{laws} laws found");
        let need = rule.words_need.as_ref().expect("words needed");
        assert!(need.held_by("Luật Luật sư ") && need.held_by("Hiến pháp ") && !need.held_by("luật "));
        assert_eq!(records(&with, Kind::Document, "Căn cứ Hiến pháp;").len(), 1);
    }

    /// `needs` of the National Assembly's documents only spares work: every law of the list, cited
    /// with the Assembly's symbol or without, and the Assembly's resolutions, make the same documents
    /// with the key and without it.
    #[test]
    fn assembly_documents_not_tried_without_their_symbol_would_have_made_nothing() {
        let with = RuleSet::builtin().expect("built-in rules");
        let rule = with.rules.iter().find(|r| &*r.id == "state-doc-assembly").expect("the Assembly's documents");
        assert!(rule.needs.is_some());
        let without = builtin_without("needs");
        let fixed = [
            "Nghị quyết số 43/2022/QH15 ngày 11/01/2022 của Quốc hội",
            "Nghị quyết 1236/NQ-UBTVQH15 và Nghị quyết số 5/2021/ubtvqh15",
            "Luật số 59/2020/QH14, Bộ luật số 45/2019/QH14 ngày 20/11/2019",
            "theo Nghị quyết số 35/2021/NQ-CP, Luật 12/2020\nQH14",
        ];
        let shapes = [
            "Luật {w} số 12/2020/QH14 ngày 1/1/2020 và Pháp lệnh {w} số 3/2022/UBTVQH15",
            "theo Luật {w} năm 2020, Luật {w} 2019 (Luật số 8/2019/QH14)",
            "Bộ luật {w}: 45/2019/QH14; Luật {w} số 10/2023/NĐ-CP",
        ];
        let found = same_records(Kind::Document, &with, &without, &law_probes(&with, &fixed, &shapes));
        let assembly = |r: &Record| &*r.rule == "state-doc-assembly";
        let read = found.iter().flatten().filter(|r| assembly(r)).count();
        assert!(read > 300, "{read} documents read by the rule");
        // The probes can tell: needing a text the symbol does not hold, the rule reads none of them.
        let wrong = builtin_edited(|line| line.replace("needs = [\"QH\"]", "needs = [\"QĐ\"]"));
        let probe = "Luật số 59/2020/QH14";
        assert!(!records(&wrong, Kind::Document, probe).iter().any(assembly));
        assert!(records(&with, Kind::Document, probe).iter().any(assembly));
    }
}
