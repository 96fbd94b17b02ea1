//! Documents: what a match of a document rule becomes.
//!
//! The rule captures the pieces (`doc_type`, `number`, `year`, `type_code`, `issuer_code`, `date`,
//! `issuer`, `title`) and sets `system`; here they are put in canonical form: the code rebuilt without
//! spaces and with its letters in their usual case (`05 - Ctr/TU` → `05-CTr/TU`), the type named in
//! full (`QĐ` → `Quyết định`), the date in ISO form, the issuer and title cut at the end of their clause.

use aho_corasick::{AhoCorasick, MatchKind};
use memchr::memmem;
use once_cell::sync::Lazy;

use crate::extract::{Candidate, Production};
use crate::normalize::fold_value;
use crate::record::{Kind, Value};

pub fn build(p: &Production<'_>) -> Option<Candidate> {
    let rules = p.rules;
    let Some(number) = p.group("number").map(|n| n.trim().to_string()) else {
        return build_law(p);
    };
    let year = p.group("year").map(str::to_string);
    let type_code = p.group("type_code").map(|t| canonical_code(rules.lexicon("doc_type_codes").key_ci(t), t));
    let issuer_code = p.group("issuer_code").map(canonical_issuer_code(p));
    if type_code.is_none() && issuer_code.is_none() {
        // `Chỉ thị số 05`: no symbol. A number running on into one (`05-CT…` the rule did not take) is
        // not this.
        let (_, end) = p.span("number")?;
        if p.text[end..].starts_with(['-', '/', '–']) {
            return None;
        }
    }
    // The Party form puts a hyphen after the number (`20-NQ/TW`); an issuer that is a Party body makes
    // a Party document however the separators were typed (`20/NQ-TW`).
    let state_form = match (p.span("number"), p.span("type_code")) {
        (Some((_, ne)), Some((ts, _))) => p.text[ne..ts].contains('/'),
        _ => true,
    };
    let party_issuer = issuer_code.as_deref().is_some_and(|i| rules.lexicon("party_issuers").contains(i));
    let party = (type_code.is_some() || issuer_code.is_some()) && (!state_form || (party_issuer && year.is_none()));
    let system = match (&type_code, &issuer_code) {
        (None, None) => None,
        _ if party => Some("party"),
        _ => Some("state"),
    };
    let symbol = match (&type_code, &issuer_code) {
        (Some(t), Some(i)) if party => Some(format!("{t}/{i}")),
        (Some(t), Some(i)) => Some(format!("{t}-{i}")),
        (None, Some(i)) => Some(i.clone()),
        (Some(t), None) => Some(t.clone()),
        (None, None) => None,
    };
    let code = symbol.as_ref().map(|s| match (&year, party) {
        (_, true) => format!("{number}-{s}"),
        (Some(y), false) => format!("{number}/{y}/{s}"),
        (None, false) => format!("{number}/{s}"),
    });
    let doc_type = p
        .group("doc_type")
        .map(|d| {
            rules
                .lexicon("doc_types")
                .canonical_ci(&fold_value(d))
                .map_or_else(|| capitalize(&fold_value(d)), str::to_string)
        })
        .or_else(|| {
            type_code.as_deref().and_then(|t| rules.lexicon("doc_type_codes").canonical_ci(t)).map(str::to_string)
        });
    let issued = p.group("date").and_then(parse_date);
    let issuer = p.group("issuer").and_then(clean_issuer);
    let title = p.group("title").and_then(|t| clean_title(t, rules.lexicon("doc_types")));
    Some(p.candidate(
        Kind::Document,
        vec![
            Value::opt(doc_type),
            Value::str(number),
            Value::opt(symbol),
            Value::opt(code),
            Value::opt(issued),
            Value::opt(issuer),
            Value::opt(title),
            Value::opt(system.map(str::to_string)),
        ],
    ))
}

/// A law cited by name (`Luật Công đoàn năm 2012`): its name is the title, the year alone is
/// `issued`. A law whose name the list does not know is not guessed at.
fn build_law(p: &Production<'_>) -> Option<Candidate> {
    let doc_type = p.rules.lexicon("doc_types").canonical_ci(&fold_value(p.group("doc_type")?))?.to_string();
    let title = p.group("title").map(fold_value);
    let issued = p.group("year").map(str::to_string);
    // A law needs its name; the constitution its year (`theo Hiến pháp` alone is the idea, not a text).
    if title.is_none() && (doc_type != "Hiến pháp" || issued.is_none()) {
        return None;
    }
    Some(p.candidate(
        Kind::Document,
        vec![
            Value::str(doc_type),
            Value::Null,
            Value::Null,
            Value::Null,
            Value::opt(issued),
            Value::Null,
            Value::opt(title),
            Value::str("state"),
        ],
    ))
}

/// `Chỉ thị số 05` takes the code of the same document cited with its symbol elsewhere on the page:
/// same type, same number.
pub fn fill_codes_from_page(docs: &mut [Candidate]) {
    let idx = |f: &str| Kind::Document.field_index(f).expect("document field");
    let (type_i, number_i, code_i) = (idx("doc_type"), idx("number"), idx("code"));
    // Type and number → the distinct full citations of that document on the page.
    let mut coded: std::collections::HashMap<(Value, Value), Vec<Vec<Value>>> = std::collections::HashMap::new();
    for c in docs.iter().filter(|c| !c.fields[code_i].is_null()) {
        let cited = coded.entry((c.fields[type_i].clone(), number_key(&c.fields[number_i]))).or_default();
        if !cited.iter().any(|f| f[code_i] == c.fields[code_i]) {
            cited.push(c.fields.clone());
        }
    }
    for c in docs.iter_mut().filter(|c| c.fields[code_i].is_null()) {
        let key = (c.fields[type_i].clone(), number_key(&c.fields[number_i]));
        // Two different documents of that type and number: which one is meant is not said.
        if let Some([full]) = coded.get(&key).map(Vec::as_slice) {
            for f in ["symbol", "code", "system"] {
                c.fields[idx(f)] = full[idx(f)].clone();
            }
        }
    }
}

/// `05` and `5` are the same number.
fn number_key(v: &Value) -> Value {
    match v.as_str() {
        Some(s) => Value::str(s.trim_start_matches('0').to_string()),
        None => Value::Null,
    }
}

fn canonical_code(listed: Option<&str>, written: &str) -> String {
    listed.map_or_else(|| written.trim().to_string(), str::to_string)
}

/// Issuer codes in their usual case; each part of a compound (`BTC-TCT`) on its own; aliases such as
/// `TƯ` mapped to the usual code (`TW`).
fn canonical_issuer_code<'a>(p: &'a Production<'_>) -> impl Fn(&str) -> String + 'a {
    move |written: &str| {
        let lex = p.rules.lexicon("issuer_codes");
        written
            .split(['-', '–'])
            .map(|part| {
                let part = part.trim();
                lex.canonical_ci(part).map_or_else(|| part.to_string(), str::to_string)
            })
            .collect::<Vec<_>>()
            .join("-")
    }
}

fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    cs.next().map(|c| c.to_uppercase().chain(cs).collect()).unwrap_or_default()
}

/// `3/9/2019`, `28-01-2008`, `15.5.2016`, `15 tháng 5 năm 2016` → ISO date; `None` for a day that does
/// not exist or a year out of range.
pub fn parse_date(s: &str) -> Option<String> {
    let nums: Vec<&str> = s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
    let [d, m, y] = nums.as_slice() else { return None };
    let (d, m, y): (u32, u32, u32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    let y = match y {
        1900..=2100 => y,
        _ => return None,
    };
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

pub fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Words that end the issuer's clause: the subject or the next clause begins there.
const ISSUER_STOPS: &[&str] = &[
    " về ",
    " về việc",
    " v/v",
    " đối với",
    " trong ",
    " nhằm ",
    " để ",
    " đã ",
    " và ",
    " với ",
    " tại ",
    " thì ",
    " đến ",
    " cho ",
    " gắn với",
    " theo ",
    " được ",
    " là ",
    " đề ra",
];

/// Finds where the first issuer stop begins, in one pass for all of them.
static ISSUER_STOP_FINDER: Lazy<AhoCorasick> = Lazy::new(|| {
    AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(ISSUER_STOPS).expect("issuer stops")
});

fn clean_issuer(raw: &str) -> Option<String> {
    let mut s = fold_value(raw);
    let lower = crate::normalize::lower_same_len(&s);
    // Cut at the first stop, or at a stop the issuer ends with but for its trailing space (`… về`).
    let first = ISSUER_STOP_FINDER.find(&lower).map(|m| m.start());
    let at_end = ISSUER_STOPS
        .iter()
        .map(|stop| stop.trim_end())
        .filter(|stop| lower.ends_with(stop))
        .map(|stop| lower.len() - stop.len());
    let cut = first.into_iter().chain(at_end).min();
    if let Some(c) = cut {
        s.truncate(c);
    }
    let s = crate::extract::trim_body_end(&s, &[' ', ',', '.', ';', ':', '-', '–']);
    (!s.is_empty()).then(|| s.to_string())
}

/// Words that make what follows a comma a new clause (`…, UBND tỉnh đã ban hành`) rather than more of
/// a title (`…, đạo đức, phong cách Hồ Chí Minh`).
const CLAUSE_WORDS: &[&str] = &[
    "đã",
    "sẽ",
    "đang",
    "được",
    "bị",
    "cần",
    "phải",
    "phấn đấu",
    "hiện có",
    "cho biết",
    "nhấn mạnh",
    "vừa",
    "yêu cầu",
    "đề nghị",
    "khẳng định",
    "bảo đảm",
    "đảm bảo",
    "tiếp tục",
    "nhằm",
    "qua đó",
    "từ đó",
    "đồng thời",
    "đến nay",
    "khuyến cáo",
    "đề xuất",
];

static AND: Lazy<memmem::Finder<'static>> = Lazy::new(|| memmem::Finder::new(" và "));
static COMMA: Lazy<memmem::Finder<'static>> = Lazy::new(|| memmem::Finder::new(", "));

/// An unquoted subject runs to the end of its clause: it stops before a comma that opens a new
/// clause, and before `và` that opens another document (`… và Quyết định số …`).
fn cut_unquoted_title(s: &str, doc_types: &crate::rules::lexicon::Lexicon) -> String {
    let lower = crate::normalize::lower_same_len(s);
    let mut cut = s.len();
    // `và Quyết định số …`, `và Hướng dẫn 125-HD/…`
    let mut from = 0;
    while let Some(i) = AND.find(&lower.as_bytes()[from..]) {
        let at = from + i;
        let rest = &s[at + " và ".len()..];
        let words: Vec<&str> = rest.split(' ').take(4).collect();
        if (1..=4).any(|n| n <= words.len() && doc_types.contains_ci(&words[..n].join(" "))) {
            cut = cut.min(at);
            break;
        }
        from = at + 1;
    }
    let s = &s[..cut];
    let lower = &lower[..cut];
    let mut from = 0;
    while let Some(i) = COMMA.find(&s.as_bytes()[from..]) {
        let at = from + i;
        let segment_end = COMMA.find(&s.as_bytes()[at + 2..]).map_or(s.len(), |j| at + 2 + j);
        let segment = lower[at + 2..segment_end].trim();
        // A new clause says its verb within its first words (`tỉnh sẽ hỗ trợ`); further on, `bị` or
        // `được` belong to the subject (`vùng bị thiệt hại do thiên tai`).
        let head = format!(" {} ", segment.split(' ').take(8).collect::<Vec<_>>().join(" "));
        if CLAUSE_WORDS.iter().any(|w| contains_word(&head, w))
            || cites_document(&s[at + 2..segment_end], doc_types)
            || has_count(segment)
        {
            cut = cut.min(at);
            break;
        }
        from = at + 2;
    }
    s[..cut].to_string()
}

/// Whether `w` stands in `padded` (words between spaces, a space at each end) as words of its own.
fn contains_word(padded: &str, w: &str) -> bool {
    // Where a word begins, after a space: no substring searcher is set up for a text of a few words.
    let b = padded.as_bytes();
    memchr::memchr_iter(b' ', b).any(|i| b[i + 1..].starts_with(w.as_bytes()) && b.get(i + 1 + w.len()) == Some(&b' '))
}

/// `gắn với thực hiện Nghị quyết số 29-NQ/TW`: another document cited after a comma is no part of
/// the subject.
fn cites_document(segment: &str, doc_types: &crate::rules::lexicon::Lexicon) -> bool {
    let words: Vec<&str> = segment.split(' ').collect();
    (0..words.len()).any(|i| {
        (1..=4).any(|n| {
            i + n < words.len()
                && words[i].starts_with(char::is_uppercase)
                && (words[i + n] == "số" || words[i + n].starts_with(|c: char| c.is_ascii_digit()))
                && doc_types.contains_ci(&words[i..i + n].join(" "))
        })
    })
}

/// A number other than a year (`hỗ trợ 45 doanh nghiệp`, `thêm 7,2%`) after a comma is a fact
/// reported, not the subject of a document, which names periods by their years.
fn has_count(segment: &str) -> bool {
    segment.split(|c: char| !c.is_ascii_digit()).any(|digits| {
        !digits.is_empty() && !(digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20")))
    })
}

fn clean_title(raw: &str, doc_types: &crate::rules::lexicon::Lexicon) -> Option<String> {
    let s = fold_value(raw);
    let quoted = s.trim_start_matches(|c: char| c.is_alphabetic() || c == ' ' || c == '/').starts_with(['"', '“', '«']);
    let s = if quoted { s } else { cut_unquoted_title(&s, doc_types) };
    let s = s.trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '«' | '»' | '\'' | ' '));
    let lower = crate::normalize::lower_same_len(s);
    let s = ["về việc ", "v/v ", "về "].iter().find(|p| lower.starts_with(*p)).map_or(s, |p| &s[p.len()..]).trim();
    let s = s.trim_end_matches([' ', ',', ';', ':', '.', '…']);
    let s = s.trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '«' | '»' | ' '));
    (!s.is_empty()).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("3/9/2019").as_deref(), Some("2019-09-03"));
        assert_eq!(parse_date("28-01-2008").as_deref(), Some("2008-01-28"));
        assert_eq!(parse_date("15 tháng 5 năm 2016").as_deref(), Some("2016-05-15"));
        assert_eq!(parse_date("29/2/2023"), None, "no such day");
        assert_eq!(parse_date("29/2/2024").as_deref(), Some("2024-02-29"));
        assert_eq!(parse_date("19/4"), None, "no year: not guessed");
        assert_eq!(parse_date("1/13/2020"), None);
    }

    /// The issuer cut as it was written first: each stop searched for on its own.
    fn clean_issuer_stop_by_stop(raw: &str) -> Option<String> {
        let mut s = fold_value(raw);
        let lower = crate::normalize::lower_same_len(&s);
        let cut = ISSUER_STOPS
            .iter()
            .filter_map(|stop| {
                lower
                    .find(stop)
                    .or_else(|| lower.ends_with(stop.trim_end()).then(|| lower.len() - stop.trim_end().len()))
            })
            .min();
        if let Some(c) = cut {
            s.truncate(c);
        }
        let s = crate::extract::trim_body_end(&s, &[' ', ',', '.', ';', ':', '-', '–']);
        (!s.is_empty()).then(|| s.to_string())
    }

    #[test]
    fn issuers_are_cut_at_the_first_stop_as_each_stop_searched_alone_cuts_them() {
        // Every stop, and its end without the trailing space, at the start, inside and at the end
        // of issuers, alone and two together in both orders, in either case.
        let mut cases = Vec::new();
        for a in ISSUER_STOPS {
            for b in ISSUER_STOPS.iter().chain([&"", &" "]) {
                for (x, y) in [(*a, *b), (a.trim_end(), *b), (*b, *a), (*b, a.trim_end())] {
                    cases.push(format!("Bộ Chính trị{x}Tỉnh ủy{y}"));
                    cases.push(format!("{x}UBND{y}"));
                    cases.push(format!("Ban{x}{y}"));
                    cases.push(format!("BAN CHẤP HÀNH{}{}", x.to_uppercase(), y));
                }
            }
        }
        cases.push("Bộ Chính trị về đẩy mạnh và Ban Bí thư trong tháng".into());
        for c in &cases {
            assert_eq!(clean_issuer(c), clean_issuer_stop_by_stop(c), "{c:?}");
        }
        assert!(cases.len() > 3000);
    }

    #[test]
    fn issuers_stop_at_the_subject() {
        assert_eq!(
            clean_issuer("Ban Chấp hành Trung ương Đảng khóa X về ").as_deref(),
            Some("Ban Chấp hành Trung ương Đảng khóa X")
        );
        assert_eq!(clean_issuer("Bộ Chính trị về đẩy mạnh học tập").as_deref(), Some("Bộ Chính trị"));
        assert_eq!(clean_issuer("Thành uỷ Hà Nội ").as_deref(), Some("Thành ủy Hà Nội"));
    }

    #[test]
    fn titles_lose_quotes_and_a_leading_ve() {
        let types = crate::rules::lexicon::Lexicon::parse("t", "t", "Quyết định\nHướng dẫn\n").unwrap();
        let t = |s: &str| clean_title(s, &types);
        assert_eq!(
            t("“Về tiếp tục xây dựng giai cấp công nhân”").as_deref(),
            Some("tiếp tục xây dựng giai cấp công nhân")
        );
        assert_eq!(t("về việc tăng cường kỷ luật").as_deref(), Some("tăng cường kỷ luật"));
        assert_eq!(t("đẩy mạnh học tập.").as_deref(), Some("đẩy mạnh học tập"));
    }

    #[test]
    fn clause_words_stand_as_words() {
        assert!(contains_word(" tỉnh đã hỗ trợ ", "đã"));
        assert!(contains_word(" đã ", "đã"));
        assert!(contains_word(" ông cho biết thêm ", "cho biết"));
        assert!(!contains_word(" tỉnh đãi khách ", "đã"), "part of a word");
        assert!(!contains_word(" nhà cho biếtx ", "cho biết"));
        assert!(!contains_word("đã ", "đã"), "no space before it");
        assert!(!contains_word(" ", "đã"));
    }

    #[test]
    fn unquoted_titles_end_with_their_clause() {
        let types = crate::rules::lexicon::Lexicon::parse("t", "t", "Quyết định\nHướng dẫn\n").unwrap();
        let t = |s: &str| clean_title(s, &types);
        assert_eq!(
            t("về tăng cường quản lý, bảo vệ rừng, UBND tỉnh đã ban hành 14 kế hoạch").as_deref(),
            Some("tăng cường quản lý, bảo vệ rừng")
        );
        assert_eq!(
            t("về học tập chuyên đề năm 2024 và Hướng dẫn số 125").as_deref(),
            Some("học tập chuyên đề năm 2024")
        );
        assert_eq!(
            t("về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh").as_deref(),
            Some("đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
        );
    }
}
