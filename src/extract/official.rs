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
        (Some(_), Some(_)) => return None,
        // `Nguyễn Văn An - Giám đốc Sở Y tế`, or `Giám đốc Sở Y tế tỉnh Nghệ An, ông Lê Văn An`.
        (None, name) => {
            let name = checked_name(rules, p, name?)?;
            let org = p
                .group("org")
                .map(fold_value)
                .map(|o| end_org(rules, &o))
                .filter(|o| !o.is_empty() && starts_with_org_head(rules, o));
            // An organisation that ends the match and lost words at its end takes the text with it
            // (`… LĐLĐ thành phố Hà Nội ‹triển› khai`).
            if let (Some(o), Some((os, oe)), Some(raw)) = (&org, p.span("org"), p.group("org"))
                && oe == p.m.end
            {
                end = Some(os + kept_prefix_len(raw, o.split(' ').count()));
            }
            // After a comma, only a position with its organisation says the name is an official's
            // (`Nguyễn Văn An, Trần Thị Bình` is a list).
            // An honorific before the name says it too (`đồng chí Võ Minh Quân, Chủ tịch nước`).
            let (ns, ne, ps) = (p.span("name")?.0, p.span("name")?.1, p.span("position")?.0);
            let comma_between = p.text.get(ne..ps).is_some_and(|between| between.contains(','));
            if comma_between && org.is_none() && !after_honorific(&p.text[..ns]) {
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

/// Where an organisation's name read greedily really ends: before `và` that joins another body or
/// person (`UBND xã ‹và đồng chí …›`, `Bộ Công an ‹và Bộ …›`), and without lower-case words at its end
/// that are no part of a name (`UBND tỉnh ‹dự›`).
fn end_org(rules: &RuleSet, org: &str) -> String {
    let words = rules.lexicon("org_words");
    let units = rules.lexicon("admin_units");
    let heads = rules.lexicon("org_heads");
    let tokens: Vec<&str> = org.split(' ').collect();
    let mut end = tokens.len();
    for (i, t) in tokens.iter().enumerate() {
        if *t != "và" || i + 1 >= tokens.len() {
            continue;
        }
        let next = tokens[i + 1];
        let pair = tokens.get(i + 2).map(|n| format!("{next} {n}")).unwrap_or_default();
        let joins_words = words.contains_ci(next) || words.contains_ci(&pair);
        let new_body = heads.contains_ci(next)
            || heads.contains_ci(&pair)
            || rules.lexicon("surnames").contains(next)
            || next.starts_with(char::is_lowercase);
        if new_body && !joins_words {
            end = i;
            break;
        }
    }
    let mut tokens = &tokens[..end];
    while let [rest @ .., last] = tokens {
        let lower = last.starts_with(char::is_lowercase) || matches!(*last, "-" | "và");
        // A lower-case word stays when it ends a listed name or unit (`Thành ‹ủy›`, `thành ‹phố›`).
        let keeps = (1..=tokens.len().min(6)).any(|n| {
            let tail = tokens[tokens.len() - n..].join(" ");
            units.contains(&tail) || words.contains_ci(&tail) || heads.contains_ci(&tail)
        });
        if lower && !keeps && !rest.is_empty() {
            tokens = rest;
        } else {
            break;
        }
    }
    trim_org(&tokens.join(" "))
}

/// The length of the first `words` words of `raw`, without the punctuation that ends an
/// organisation's name.
fn kept_prefix_len(raw: &str, words: usize) -> usize {
    let mut seen = 0;
    let mut in_word = false;
    for (i, ch) in raw.char_indices() {
        if ch.is_whitespace() {
            if in_word {
                seen += 1;
                if seen == words {
                    return raw[..i].trim_end_matches([',', '-', '–']).len();
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    raw.trim_end_matches([' ', ',', '-', '–']).len()
}

fn trim_org(o: &str) -> String {
    crate::extract::trim_body_end(o, &[' ', ',', '-', '–']).to_string()
}

/// Splits `LĐLĐ quận Bắc Từ Liêm Hà Văn Hải` into the organisation and the name, which must end the
/// run.
fn split_run(rules: &RuleSet, tokens: &[&str]) -> Option<(String, Option<String>)> {
    let places = rules.lexicon("places");
    let middle = rules.lexicon("middle_names");
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
        let mut score = pref;
        if middle.contains(name_tokens.get(1).copied().unwrap_or("")) {
            score += 1;
        }
        if let Some(org) = join_org(org_tokens) {
            if !starts_with_org_head(rules, &org) {
                continue;
            }
            match place_tokens(rules, org_tokens) {
                // `UBND tỉnh Nguyễn Hồng Quang`: the page says which province. A two-syllable name
                // right after a unit is rather a place (`UBND huyện ‹Lạc Sơn›`).
                Some(place) if place.is_empty() => {
                    if k < 3 {
                        continue;
                    }
                    score += 2;
                }
                Some(place) => {
                    // The name must not be the rest of a place: `quận Bắc ‹Từ Liêm›`.
                    let mut joined = place.join(" ");
                    let mut cuts_place = false;
                    for t in name_tokens {
                        joined.push(' ');
                        joined.push_str(t);
                        cuts_place |= places.contains(&joined);
                    }
                    if cuts_place {
                        continue;
                    }
                    if places.contains(&place.join(" ")) {
                        score += 4;
                    }
                    // A place that reads like the start of a name (`tỉnh ‹Lương Thị› Kim Thoa`) is one.
                    if place.iter().skip(1).any(|t| matches!(*t, "Thị" | "Văn")) {
                        score -= 3;
                    }
                }
                None => {}
            }
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, k));
        }
    }
    let (_, k) = best?;
    let (org_tokens, name_tokens) = tokens.split_at(tokens.len() - k);
    Some((name_tokens.join(" "), join_org(org_tokens)))
}

fn join_org(tokens: &[&str]) -> Option<String> {
    let s = trim_org(&tokens.join(" "));
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
    // The longest honorific and the character before it are well within 24 bytes.
    let b = crate::normalize::lower(crate::normalize::tail(before.trim_end(), 24));
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
