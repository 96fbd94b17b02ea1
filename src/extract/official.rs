//! Officials: a named person with a position and, when the text says, an organisation.
//!
//! Rules capture `position` and either `name` (+ `org`), or `run`: everything after a position that
//! comes first (`Chủ tịch ‹LĐLĐ quận Bắc Từ Liêm Hà Văn Hải›`), where the organisation and the name
//! follow each other with nothing between. Splitting a run rests on the word lists: a name is two to
//! four capitalised syllables opening with a surname, the organisation opens with a known head
//! (`LĐLĐ`, `UBND`, `Sở`, `Thành ủy` …), and a known place is never cut in two.

use crate::extract::{Candidate, Production};
use crate::normalize::fold_value;
use crate::record::{Kind, Value};
use crate::rules::RuleSet;

pub fn build(p: &Production<'_>) -> Option<Candidate> {
    let rules = p.rules;
    let position = canonical_position(rules, &fold_value(p.group("position")?));
    let mut end = None;
    let (name, org) = match (p.group("run"), p.group("name")) {
        // `Chủ tịch LĐLĐ quận Bắc Từ Liêm Hà Văn Hải`: organisation and name run together. The run
        // may have gone on past the name (`… Hà Văn Hải và các đại biểu`): shorter ones are tried.
        (Some(run), None) => {
            let tokens: Vec<&str> = run.split(' ').filter(|t| !t.is_empty()).collect();
            // A name ends where the next word cannot go on with it.
            let ends_name = |n: usize| n == tokens.len() || !is_syllable(tokens[n]);
            let (used, name, org) = (2..=tokens.len())
                .rev()
                .filter(|&n| ends_name(n))
                .find_map(|n| split_run(rules, &tokens[..n]).map(|(name, org)| (n, name, org)))?;
            if used < tokens.len() {
                let run_start = p.span("run")?.0;
                end = Some(run_start + tokens[..used].join(" ").len());
            }
            (name, org)
        }
        // `Giám đốc Sở Y tế tỉnh Nghệ An, ông Lê Văn An`: the run is the organisation.
        (Some(run), Some(name)) => {
            let org = trim_org(&fold_value(run));
            if !starts_with_org_head(rules, &org) {
                return None;
            }
            (checked_name(rules, p, name)?, Some(org))
        }
        (None, name) => {
            let name = checked_name(rules, p, name?)?;
            let org = p.group("org").map(fold_value).map(|o| trim_org(&o)).filter(|o| starts_with_org_head(rules, o));
            // After a comma, only a position with its organisation says the name is an official's
            // (`Nguyễn Văn An, Trần Thị Bình` is a list).
            // An honorific before the name says it too (`đồng chí Võ Minh Quân, Chủ tịch nước`).
            let (ns, ne, ps) = (p.span("name")?.0, p.span("name")?.1, p.span("position")?.0);
            if p.text[ne..ps].contains(',') && org.is_none() && !after_honorific(&p.text[..ns]) {
                return None;
            }
            (name, org)
        }
    };
    let mut c = p.candidate(Kind::Official, vec![Value::str(name), Value::str(position), Value::opt(org)]);
    if let Some(e) = end {
        c.end = e;
    }
    Some(c)
}

/// A name a rule captured, checked. A place before a dash and a title is still a name (`đồng chí Hà
/// Đông - Ủy viên …`), so places are not ruled out here.
fn checked_name(rules: &RuleSet, p: &Production<'_>, raw: &str) -> Option<String> {
    let name = fold_value(raw);
    let words: Vec<&str> = name.split(' ').collect();
    if !valid_name(rules, &words, false) {
        return None;
    }
    // `Ông` is a surname and the honorific: `Ông Đào Văn Triển - …` is Đào Văn Triển, whose own match
    // starts at the next word.
    if words[0] == "Ông" && valid_name(rules, &words[1..], false) && p.span("run").is_none() {
        return None;
    }
    Some(name)
}

/// Each title of a chain in the spelling the list gives it, when listed (`phó bí thư thường trực` →
/// `Phó Bí thư Thường trực`); otherwise as written.
fn canonical_position(rules: &RuleSet, pos: &str) -> String {
    let lex = rules.lexicon("positions");
    pos.split(", ")
        .map(|seg| lex.key_ci(seg).map_or_else(|| seg.to_string(), str::to_string))
        .collect::<Vec<_>>()
        .join(", ")
}

fn trim_org(o: &str) -> String {
    let mut o = o.trim_end_matches([' ', ',', '-', '–']);
    while let Some(rest) = o.strip_suffix(" và") {
        o = rest.trim_end();
    }
    o.to_string()
}

/// Splits `LĐLĐ quận Bắc Từ Liêm Hà Văn Hải` into the organisation and the name, which must end the
/// run.
fn split_run(rules: &RuleSet, tokens: &[&str]) -> Option<(String, Option<String>)> {
    let org_prefix: Option<String> = None;
    let places = rules.lexicon("places");
    let mut best: Option<(i32, usize)> = None;
    // Preference among equally good splits: three syllables, then two, then four.
    for (pref, k) in [(2, 3usize), (1, 2), (0, 4)] {
        if k > tokens.len() {
            continue;
        }
        let (org_tokens, name_tokens) = tokens.split_at(tokens.len() - k);
        if !valid_name(rules, name_tokens, true) {
            continue;
        }
        let org_text = join_org(org_prefix.as_deref(), org_tokens);
        let mut score = pref;
        if let Some(org) = &org_text {
            if !starts_with_org_head(rules, org) {
                continue;
            }
            // `UBND tỉnh` may stand without its place: the page says which province.
            let place =
                place_tokens(rules, &org_tokens_all(org_prefix.as_deref(), org_tokens)).filter(|p| !p.is_empty());
            if let Some(place) = place {
                // The name must not be the rest of a place: `quận Bắc ‹Từ Liêm›`.
                let mut joined = place.join(" ");
                let mut cuts_place = false;
                for t in name_tokens {
                    joined.push(' ');
                    joined.push_str(t);
                    if places.contains(&joined) {
                        cuts_place = true;
                    }
                }
                if cuts_place {
                    continue;
                }
                if places.contains(&place.join(" ")) {
                    score += 4;
                }
            }
        }
        if rules.lexicon("middle_names").contains(name_tokens.get(1).copied().unwrap_or("")) {
            score += 1;
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, k));
        }
    }
    let (_, k) = best?;
    let (org_tokens, name_tokens) = tokens.split_at(tokens.len() - k);
    Some((name_tokens.join(" "), join_org(org_prefix.as_deref(), org_tokens)))
}

fn org_tokens_all<'a>(prefix: Option<&'a str>, rest: &[&'a str]) -> Vec<&'a str> {
    let mut v: Vec<&str> = prefix.map(|p| p.split(' ').collect()).unwrap_or_default();
    v.extend_from_slice(rest);
    v
}

fn join_org(prefix: Option<&str>, rest: &[&str]) -> Option<String> {
    let all = org_tokens_all(prefix, rest);
    let s = all.join(" ");
    let s = trim_org(&s);
    (!s.is_empty()).then_some(s)
}

/// The words after the last administrative unit (`quận`, `tỉnh`, `thành phố` …) of an organisation;
/// `None` when it names no unit.
fn place_tokens<'a>(rules: &RuleSet, org: &[&'a str]) -> Option<Vec<&'a str>> {
    let units = rules.lexicon("admin_units");
    let mut at = None;
    for i in 0..org.len() {
        for len in 1..=2 {
            if i + len <= org.len() && units.contains(&org[i..i + len].join(" ")) {
                at = Some(i + len);
            }
        }
    }
    at.map(|i| org[i..].to_vec())
}

/// Whether the organisation opens with a listed head: `LĐLĐ`, `Liên đoàn Lao động`, `Sở`, `UBND` ….
pub fn starts_with_org_head(rules: &RuleSet, org: &str) -> bool {
    let heads = rules.lexicon("org_heads");
    let units = rules.lexicon("admin_units");
    let words: Vec<&str> = org.split(' ').collect();
    // `Trưởng Công an ‹xã Tân Lập›`, `Chủ tịch ‹xã Tân Lập›`: a unit and its place name a body too.
    (1..=words.len().min(8)).any(|n| {
        let head = words[..n].join(" ");
        heads.contains_ci(&head) || (n < words.len() && units.contains(&head))
    })
}

/// Whether `before` ends with an honorific: `ông`, `bà`, `đồng chí`, `đ/c`.
fn after_honorific(before: &str) -> bool {
    let b = before.trim_end().to_lowercase();
    ["ông", "bà", "đồng chí", "đ/c", "anh", "chị"].iter().any(|h| {
        b.strip_suffix(h).is_some_and(|rest| rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric()))
    })
}

/// A capitalised syllable, as names are written: `Hải`, not `LĐLĐ` or `tỉnh`.
fn is_syllable(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(|c| c.is_uppercase()) && cs.all(|c| c.is_lowercase()) && (1..=7).contains(&w.chars().count())
}

/// Two to four capitalised syllables opening with a surname, not a historical figure, and (where
/// `not_a_place`) not a known place.
pub fn valid_name(rules: &RuleSet, words: &[&str], not_a_place: bool) -> bool {
    if !(2..=4).contains(&words.len()) || !rules.lexicon("surnames").contains(words[0]) {
        return false;
    }
    if !words.iter().all(|w| is_syllable(w)) {
        return false;
    }
    let full = words.join(" ");
    let historical = rules.lexicon("not_officials").contains(&full);
    let place = not_a_place && rules.lexicon("places").contains(&full);
    !historical && !place
}
