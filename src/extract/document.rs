//! Documents: what a match of a document rule becomes.
//!
//! The rule captures the pieces (`doc_type`, `number`, `year`, `type_code`, `issuer_code`, `date`,
//! `issuer`, `title`) and sets `system`; here they are put in canonical form: the code rebuilt without
//! spaces and with its letters in their usual case (`05 - Ctr/TU` → `05-CTr/TU`), the type named in
//! full (`QĐ` → `Quyết định`), the date in ISO form, the issuer and title cut at the end of their clause.

use memchr::memmem;
use once_cell::sync::Lazy;

use crate::extract::{Candidate, Production};
use crate::normalize::fold_value;
use crate::record::{Kind, Value};
use crate::rules::RuleSet;
use crate::rules::lexicon::Lexicon;

pub fn build(p: &Production<'_>) -> Option<Candidate> {
    let rules = p.rules;
    // A symbol that names no type (`Thông báo 59/TTTT-CTGD`) is read in groups of its own.
    let Some(number) = p.group("number").or_else(|| p.group("free_number")).map(|n| n.trim().to_string()) else {
        return build_law(p);
    };
    // `19-2017/NQ-CP`: the year typed after a hyphen is the year all the same.
    let year = p.group("year").or_else(|| p.group("year_dash")).or_else(|| p.group("free_year")).map(str::to_string);
    // A code read only in part (`308-BNV` of `308-BNV/NC/NĐ`, `21/2020/TT-` cut at the end of a line)
    // is not this document's.
    // Nor is one that runs on into a capital or a digit (`126/2024/NĐ-C‹Р›` with a Cyrillic look-alike);
    // a word glued after a code begins in small letters (`2978/BYT-BMTE‹của›`).
    if let Some((_, end)) = p.span("text") {
        let mut rest = p.text[end..].chars();
        let next = rest.next();
        if matches!(next, Some('/' | '-')) && rest.next().is_none_or(|c| c.is_alphanumeric() || c == '\n') {
            return None;
        }
        if next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && p.text[..end].ends_with(|c: char| c.is_alphabetic())
        {
            return None;
        }
    }
    // `theo mẫu số 01/TB-BSTT-NNT`: a bare symbol after `mẫu` numbers a form, not a text.
    if p.group("doc_type").is_none() && p.group("free_type").is_none() && after_form_word(p) {
        return None;
    }
    let type_codes = rules.lexicon("doc_type_codes");
    let type_code = p.group("type_code").map(|t| canonical_code(type_codes, t));
    let issuer_code = p.group("issuer_code").or_else(|| p.group("free_symbol")).map(canonical_issuer_code(p));
    if type_code.is_none() && issuer_code.is_none() {
        // `Chỉ thị số 05`, `Thông tư số 219/2013`: no symbol. A number running on into one (`05-CT…`,
        // `219/2013/TT-…` the rule did not take) is not this.
        let (_, end) = p.span("year").or_else(|| p.span("number"))?;
        let mut after = p.text[end..].chars();
        let first = after.next();
        // Nor one with a dot in it (`Nghị quyết số 66.4/2025/NQ-CP`).
        if matches!(first, Some('-' | '/' | '–'))
            || first.is_some_and(char::is_alphanumeric)
            || (first == Some('.') && after.next().is_some_and(|c| c.is_ascii_digit()))
        {
            return None;
        }
        // `Báo cáo 12/2023`: a number that could be a month, before a year, is one unless `số` says
        // otherwise, or the type is one of the main legal texts, which no month names (`Thông tư
        // 06/2016`, `Nghị định 01/2017 sửa đổi …`).
        let main_type = p
            .group("doc_type")
            .and_then(|t| rules.lexicon("bare_types").get(t))
            .is_some_and(|e| e.value.as_deref() == Some("alone"));
        if year.is_some() && p.group("so").is_none() && !main_type && number.parse::<u32>().is_ok_and(|n| n <= 12) {
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
    // An old symbol joined to its number by a hyphen is kept as written (`Quyết định 167-HĐBT`).
    let old_hyphen = match (p.span("number"), p.span("issuer_code")) {
        (Some((_, ne)), Some((is, _))) if type_code.is_none() => p.text[ne..is].contains(['-', '–']),
        _ => false,
    };
    let code = symbol.as_ref().map(|s| match (&year, party) {
        (_, true) => format!("{number}-{s}"),
        (None, false) if old_hyphen => format!("{number}-{s}"),
        (Some(y), false) => format!("{number}/{y}/{s}"),
        (None, false) => format!("{number}/{s}"),
    });
    let doc_type = p
        .group("doc_type")
        .or_else(|| p.group("free_type"))
        .or_else(|| p.group("law"))
        .map(|d| {
            rules
                .lexicon("doc_types")
                .canonical_ci(&fold_value(d))
                .map_or_else(|| crate::normalize::capitalize(&fold_value(d)), str::to_string)
        })
        .or_else(|| {
            type_code.as_deref().and_then(|t| rules.lexicon("doc_type_codes").canonical_ci(t)).map(str::to_string)
        });
    // What follows the reference says it best; what the sentence said before it
    // (`Ngày 9/9/2025, Ban Chấp hành Trung ương ban hành …`) otherwise.
    // (`của Ban Bí thư ngày 4.1.2016`: the date said after the issuer.)
    let issued = p
        .group("date")
        .or_else(|| p.group("date_glued"))
        .or_else(|| p.group("date_after"))
        .and_then(parse_date)
        .or_else(|| p.group("date_signed").and_then(parse_date))
        .or_else(|| p.group("date_before").or_else(|| p.group("date_at")).and_then(parse_date));
    // Names with `và` in them: bodies (`Sở Khoa học và Công nghệ`) and issuers (`Bộ Văn hóa, Thể thao
    // và Du lịch`).
    let heads = [rules.lexicon("org_heads"), rules.lexicon("issuers")];
    let fields = rules.lexicon("org_words");
    // A body's head word alone (`văn bản số 253 của Sở`, `Thông tư 130 của Bộ này`) names no body
    // the sheet could tell: left empty. Initials stay (`UBND`, `NHNN`: the page's own short name).
    let bare_head = |i: &String| !i.contains(' ') && i.chars().any(char::is_lowercase) && heads[0].contains(i);
    let clean = |s: &str| {
        clean_issuer_in(s, rules.lexicon("issuer_stops"), &heads, Some(fields))
            .map(|i| without_trailing_words(rules, i))
            .filter(|i| !bare_head(i))
    };
    let issuer = issuer_group(p, "issuer")
        .and_then(clean)
        .or_else(|| {
            let listed = p.group("issuer_listed")?;
            if !opens_clause(p, "issuer_listed") {
                clean(listed)
            } else if opens_sentence(p) {
                // `Tại Quyết định số 45-QĐNS/TW, Bộ Chính trị phân công …`: the body that acts is the one
                // that decided (his office, without the name of the one who holds it).
                clean(without_signer(rules, listed))
            } else {
                None
            }
        })
        // `Chủ tịch UBND TP Hà Nội ‹name› vừa có văn bản …`: the office, not the one who holds it;
        // the body said before the reference is the one it is from, whoever signed it for the body
        // (`UBND TP có Công văn 4611 do Phó Chủ tịch UBND TP ký`).
        .or_else(|| {
            let (start, _) = p.span("issuer_before")?;
            let before = p.group("issuer_before").filter(|_| whole_place_before(p))?;
            clean(without_signer(rules, &unwrapped_name(p, start, before)))
        })
        .or_else(|| p.group("issuer_signed").map(|s| without_signer(rules, s)).and_then(clean));
    // A text several bodies issued together is issued by all it names (`TTLT-BYT-BGTVT của Bộ GTVT và
    // Bộ Y tế`), unless the issuer read already holds the list whole (`của Ngân hàng Nhà nước Việt Nam
    // - Bộ Tư pháp - … - Tổng cục Địa chính`).
    let issuer = match issuer_code.as_deref().and_then(|c| joint_issuer(p, c, &heads, &clean)) {
        Some(all) if !issuer.as_deref().is_some_and(|i| i.starts_with(&all)) => Some(all),
        _ => issuer,
    };
    // A law named before its number (`Luật Tổ chức Chính phủ số 63/2025/QH15`): its name is its title.
    let title = p
        .group("title")
        .filter(|_| {
            opener_opens_subject(p)
                && !quoted_after_colon(p)
                && !article_heading(p)
                && !detailed_by_another(p)
                && !closes_anothers_bracket(p)
        })
        .and_then(|t| clean_title(t, rules, rules.lexicon("doc_types"), &heads))
        .or_else(|| p.group("law_name").map(fold_value));
    // `… về ‹subject› do Cục Hải quan ban hành`: the body that issued it, said after the subject
    // (`… được Ban Chấp hành Trung ương ban hành ngày 16/6/2022`: and the day).
    // After a subject in quotes or the reference itself (`Luật số 31/2024/QH15) được Quốc hội ban
    // hành ngày …`), the words that follow it say so.
    let (verbs, times) = (rules.lexicon("issuing_verbs"), rules.lexicon("passive_time_words"));
    let (title, issued_by) = match title.as_deref().and_then(|t| {
        issued_by_at_end(t, verbs, times).or_else(|| issued_by_within(t, verbs, rules.lexicon("doc_types")))
    }) {
        Some((t, by)) => (Some(t.to_string()), Some(by)),
        None => (
            title,
            issued_by_after(&p.text[p.m.end..], verbs, times, false)
                .or_else(|| issued_by_in_formula(&p.text[reference_end(p)..], verbs, times)),
        ),
    };
    let issuer = issuer.or_else(|| issued_by.as_ref().and_then(|by| clean(without_signer(rules, by.0))));
    let issued = issued.or_else(|| issued_by.and_then(|by| by.1).and_then(parse_date));
    // `Luật số 09/2017/QH14 được Quốc hội thông qua ngày 19/6/2017`: a law or a resolution the
    // assembly passed.
    let passed = match (&issuer, doc_type.as_deref()) {
        (None, Some("Luật" | "Bộ luật" | "Nghị quyết")) => passed_after(p),
        _ => None,
    };
    let (issuer, issued) = match passed {
        Some(day) => (Some("Quốc hội".to_string()), issued.or(day)),
        None => (issuer, issued),
    };
    // `Nghị định 67 của Chính phủ`: a bare number is a document when what follows it says which one
    // (its issuer, its subject, its date; not a body before it: `Bộ có kế hoạch 3 …`); a number that
    // reads as a year is none (`kế hoạch 2016`).
    // (A subject reached through a verb, `Thông tư 62 hướng dẫn Nghị định 73 về …`, may be another's.)
    // (`Công văn 4611 do Phó Chủ tịch … ký`: who signed it says so too.)
    let said_after = ["issuer", "date", "date_after", "issuer_signed"].iter().any(|g| p.group(g).is_some())
        || (title.is_some() && p.group("opener").is_none());
    let bare = p.group("so").is_none() && year.is_none() && type_code.is_none() && issuer_code.is_none();
    if bare
        && (!(said_after || stands_alone(p) || issued_before(p))
            || !doc_type.as_deref().is_some_and(|t| rules.lexicon("bare_types").contains(t))
            || p.group("doc_type").is_some_and(|t| t == "quy định")
            || (number.len() == 4 && (number.starts_with("19") || number.starts_with("20"))))
    {
        return None;
    }
    // Standing alone, its subject after a verb may be another's (`Thông tư 62 hướng dẫn Nghị định 73 về …`).
    let title = title.filter(|_| !(bare && !said_after && p.group("opener").is_some()));
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

/// `chính sách thuế ‹do Cục Thuế ban hành›`, `‹…› được Bộ Y tế ban hành ngày 5/6/2024`: a subject
/// that ends with the body that issued it (and the day) → the subject without them, and the body
/// (capitalised, a name's few words, no figure) with the day as written.
fn issued_by_at_end<'t>(
    title: &'t str,
    verbs: &Lexicon,
    times: &Lexicon,
) -> Option<(&'t str, (&'t str, Option<&'t str>))> {
    let (subject, by) = [" do ", " được "].iter().filter_map(|w| title.rsplit_once(w)).max_by_key(|(s, _)| s.len())?;
    let subject = subject.trim_end_matches([',', ' ']);
    let subject = times.keys().find_map(|w| subject.strip_suffix(w)?.strip_suffix(' ')).unwrap_or(subject);
    let by = issuing_body(by, verbs)?;
    (!subject.is_empty()).then_some((subject, by))
}

/// `tiền sử dụng đất (TSDĐ) ‹do Bộ Tài chính ban hành› điều chỉnh …`, `… tỉnh Đồng Tháp ‹do Hội đồng
/// Bộ trưởng ban hành›, Thư viện …`: a subject read past the body that issued it, where the sentence
/// goes on after the verb → the subject up to the body, and the body (the first that fits). Not after
/// a word that names documents, which the body issued instead (`công bố Danh mục văn bản quy phạm
/// pháp ‹luật› do Ủy ban nhân dân tỉnh ban hành hết hiệu lực`: list `doc_types`).
fn issued_by_within<'t>(
    title: &'t str,
    verbs: &Lexicon,
    doc_types: &Lexicon,
) -> Option<(&'t str, (&'t str, Option<&'t str>))> {
    let mut joins: Vec<(usize, &str)> = title.match_indices(" do ").chain(title.match_indices(" được ")).collect();
    joins.sort_unstable();
    joins.into_iter().find_map(|(at, join)| {
        let rest = &title[at + join.len()..];
        let subject = title[..at].trim_end_matches([',', ' ']);
        let words: Vec<&str> = subject.split(' ').collect();
        if (1..=3.min(words.len())).any(|n| doc_types.contains_ci(&words[words.len() - n..].join(" "))) {
            return None;
        }
        // (A verb of one syllable only after a name, whose last word has its capital: `… do Bộ trưởng
        // ‹A› ký gửi …`; after a word in small letters it may be the end of another verb: `do Sở ‹X›
        // đăng ký bảo hộ`.)
        let by = verbs.entries.iter().find_map(|v| {
            rest.match_indices(v.key.as_str()).find_map(|(i, _)| {
                let end = i + v.key.len();
                let goes_on = rest[end..].starts_with([' ', ',']);
                let after_name =
                    rest[..i].trim_end().rsplit(' ').next().is_some_and(|w| w.starts_with(char::is_uppercase));
                let whole = v.key.contains(' ') || after_name;
                (goes_on && whole).then(|| issuing_body(&rest[..end], verbs)).flatten()
            })
        })?;
        (!subject.is_empty()).then_some((subject, by))
    })
}

/// ` ngày 16/6/2022`, ` vào ngày 5 tháng 6 năm 2024`: the day a body issued a text, said after its
/// verb (the day as written in the group).
const ISSUING_DAY: &str =
    r" (?:vào )?ngày ([0-9]{1,2} ?[/.-] ?[0-9]{1,2} ?[/.-] ?[0-9]{4}|[0-9]{1,2} tháng ?[0-9]{1,2} năm [0-9]{4})";
/// [`ISSUING_DAY`] where a text begins (`… ngày 16/6/2022`, after the verb or the reference).
static DAY_AT_START: Lazy<regex::Regex> = Lazy::new(|| regex::Regex::new(&format!("^{ISSUING_DAY}")).unwrap());

/// `‹Body› ký ban hành ngày 16/6/2022`: the body and the day (`ký`, `ban hành` or both, the day
/// perhaps left out), when the words are a body's name: capitalised, a name's few words, no figure.
fn issuing_body<'t>(by: &'t str, verbs: &Lexicon) -> Option<(&'t str, Option<&'t str>)> {
    static DAY: Lazy<regex::Regex> = Lazy::new(|| regex::Regex::new(&format!("{ISSUING_DAY}$")).unwrap());
    let (by, day) = match DAY.captures(by) {
        Some(c) => (&by[..c.get(0)?.start()], c.get(1).map(|d| d.as_str())),
        None => (by, None),
    };
    // (The verb is a word of its own: `Sở ‹X› đăng ‹ký›` is no body that signed.)
    let body = verbs.entries.iter().find_map(|v| by.strip_suffix(v.key.as_str())?.strip_suffix(' '))?.trim_end();
    let fits = body.starts_with(|c: char| c.is_uppercase())
        && body.split(' ').count() <= 12
        && !body.contains(|c: char| c.is_ascii_digit() || matches!(c, ',' | ';' | '(' | ')' | '“' | '"' | '”'));
    fits.then_some((body, day))
}

/// `” được Ban Chấp hành Trung ương ban hành ngày 16/6/2022.`, `) do Bộ Y tế ký.`: what follows a
/// reference (or its subject in quotes) when it says who issued it, and perhaps the day, in a
/// clause of its own; where `provides` is set, what the text provides may follow the verb (`do Bộ
/// trưởng Bộ Tài chính ban hành quy định như sau`).
fn issued_by_after<'t>(
    rest: &'t str,
    verbs: &Lexicon,
    times: &Lexicon,
    provides: bool,
) -> Option<(&'t str, Option<&'t str>)> {
    let rest = rest.strip_prefix(')').unwrap_or(rest);
    let rest = rest.strip_prefix(',').unwrap_or(rest).strip_prefix(' ')?;
    let rest = times.keys().find_map(|w| rest.strip_prefix(w)?.strip_prefix(' ')).unwrap_or(rest);
    let rest = rest.strip_prefix("do ").or_else(|| rest.strip_prefix("được "))?;
    let clause = &rest[..rest.find(['.', ',', ';', ':', '\n', '(', ')']).unwrap_or(rest.len())];
    // (`ngày 16/6/2022` holds dots or slashes of its own: the clause is cut after its verb.)
    let verb_end = verbs
        .entries
        .iter()
        .filter_map(|v| rest.find(v.key.as_str()).map(|i| i + v.key.len()))
        .filter(|&e| e <= clause.len() + 1 && !rest[e..].starts_with(char::is_alphanumeric))
        .min()?;
    let after = &rest[verb_end..];
    let (day, after) = match DAY_AT_START.captures(after) {
        Some(c) => (c.get(1).map(|d| d.as_str()), &after[c.get(0)?.end()..]),
        None => (None, after),
    };
    // The clause ends there (not `ban hành quy chế …`).
    // (After what a text provides, `và` may go on with what else it does: `… ban hành ngày 7/11/2025 và
    // có hiệu lực từ …`.)
    // (After what a text provides, the sentence may go on with its own verb: `Thông tư 200/2014/TT-BTC
    // hướng dẫn … do Bộ Tài chính ban hành ‹có› giải thích …`, `… ban hành ‹là› hướng dẫn …`.)
    let provided = provides
        && (after.starts_with(" và ")
            || PROVIDING.iter().chain(&GOES_ON).any(|v| after.strip_prefix(' ').is_some_and(|a| a.starts_with(v))));
    if !(after.is_empty() || after.starts_with(['.', ',', ';', '\n', ')']) || provided) {
        return None;
    }
    issuing_body(&rest[..verb_end], verbs).map(|(body, _)| (body, day))
}

/// Whether the reference follows `mẫu` or `mẫu số` (`theo mẫu số 01/TB-BSTT-NNT`, `Mẫu 02/ĐK`): the
/// number of a form.
fn after_form_word(p: &Production<'_>) -> bool {
    let before = p.text[..reference_start(p)].trim_end_matches(' ');
    let before = before.strip_suffix(':').unwrap_or(before).trim_end();
    let before = before.strip_suffix("số").unwrap_or(before).trim_end();
    before.ends_with("mẫu") || before.ends_with("Mẫu")
}

/// The verbs by which a legal text's title, or a page citing it, says what it provides.
const PROVIDING: [&str; 2] = ["quy định ", "hướng dẫn "];

/// The verbs by which a sentence goes on after a text it cites with what it provides and its
/// issuer, saying what the text does.
const GOES_ON: [&str; 2] = ["có ", "là "];

/// `Thông tư 38/2025/TT-BXD quy định cơ chế, chính sách … do Bộ trưởng Bộ Xây dựng ban hành`,
/// `Thông tư 200/2014/TT-BTC hướng dẫn Chế độ kế toán Doanh nghiệp do Bộ Tài chính ban hành`: after
/// a reference, what it provides and then, in the same sentence, the body that issued it (`rest`
/// follows the reference).
fn issued_by_in_formula<'t>(rest: &'t str, verbs: &Lexicon, times: &Lexicon) -> Option<(&'t str, Option<&'t str>)> {
    let said = rest.strip_prefix(' ')?;
    if !PROVIDING.iter().any(|v| said.starts_with(v)) {
        return None;
    }
    let sentence = &said[..said.find(['.', ';', ':', '\n', '(', ')', '“', '”', '"']).unwrap_or(said.len())];
    // (`… thiệt hại do thiên tai do Bộ ‹X› ban hành`: the first `do` that names a body.)
    sentence.match_indices(" do ").find_map(|(at, _)| issued_by_after(&said[at..], verbs, times, true))
}

/// `Bộ đang sửa Thông tư 11.`, `Nghị định 67 quy định …`: a bare number after a main type of legal
/// text written with its capital (`bare_types`, `=> alone`), where the sentence ends or goes on with a
/// verb or a little word of `after_bare_number` (not a noun the number could count: `Nghị định 73
/// nhận trước hay sau` is no reference).
fn stands_alone(p: &Production<'_>) -> bool {
    let (Some(doc_type), Some((_, end))) = (p.group("doc_type"), p.span("number")) else { return false };
    let main = p.rules.lexicon("bare_types").get(doc_type);
    if main.and_then(|e| e.value.as_deref()) != Some("alone") {
        return false;
    }
    let rest = &p.text[end..];
    match rest.as_bytes().first() {
        None | Some(b'.' | b',' | b';' | b')' | b'\n' | b':') => {
            !rest.starts_with(['.', ','].as_slice()) || !rest[1..].starts_with(|c: char| c.is_ascii_digit())
        }
        Some(b' ') => {
            let next = p.rules.lexicon("after_bare_number");
            next.entries.iter().any(|e| {
                let w = e.key.as_str();
                rest[1..].starts_with(w) && !rest[1 + w.len()..].starts_with(char::is_alphanumeric)
            })
        }
        _ => false,
    }
}

/// `Ngày 18/1, Thủ tướng đã ra Quyết định 65 ban hành …`, `UBND TP có Công văn 4611 …`: a bare number
/// after a body that the sentence says issued it, the type written with its capital (`Bộ có kế hoạch 3
/// …` is no reference), unless the number counts a span of time (`Đại hội đề ra Kế hoạch 5 năm`).
fn issued_before(p: &Production<'_>) -> bool {
    let (Some(doc_type), Some((_, end))) = (p.group("doc_type"), p.span("number")) else { return false };
    let (Some((_, before_end)), Some((type_start, _))) = (p.span("issuer_before"), p.span("doc_type")) else {
        return false;
    };
    // (`… của Bộ Xây dựng tại Công văn 3942`: `tại` names where a thing is said, not who issued it.)
    if !doc_type.starts_with(char::is_uppercase) || p.text[before_end..type_start].contains("tại") {
        return false;
    }
    let next = p.text[end..].trim_start_matches(' ').split([' ', ',', '.']).next().unwrap_or("");
    // (An amount goes on with its magnitude: `Dự án 5 tỷ`, `Đề án 3 nghìn`. The units of time are a
    // closed set of the language, kept beside the magnitudes the code reads.)
    !["năm", "tháng", "ngày", "tuần", "giờ"].contains(&next) && crate::vi_number::magnitude(next).is_none()
}

/// `… ý kiến của Ban Tổ chức⏎Trung ương tại Văn bản số …`: a body named at the start of a line a hard
/// wrap cut from the words before it is the end of the name that the line before opens with a body's
/// head (`Ban`, `Bộ`, `Ủy ban nhân dân`) in its last words, all of its name (in capitals, or the
/// lower-case words of a name: `Ban Tổ chức`): the whole name.
fn unwrapped_name(p: &Production<'_>, start: usize, name: &str) -> String {
    let whole = || -> Option<String> {
        let before = p.text[..start].strip_suffix('\n')?;
        let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
        let words: Vec<&str> = line.split(' ').collect();
        let heads = p.rules.lexicon("org_heads");
        let opens = |i: usize| (i + 1..=words.len().min(i + 4)).any(|e| heads.contains(&words[i..e].join(" ")));
        let head = (words.len().saturating_sub(3)..words.len()).rev().find(|&i| opens(i))?;
        let name_words = words[head..].iter().all(|w| w.chars().all(char::is_alphabetic));
        // (The head ending the line, `của Ban⏎Chấp hành …`, or words of a name after it.)
        let named = name_words && words[head + 1..].iter().any(|w| w.starts_with(char::is_uppercase));
        (named || head + 1 == words.len()).then(|| format!("{} {name}", words[head..].join(" ")))
    };
    whole().unwrap_or_else(|| name.to_string())
}

/// `Ngày 5/3, thành phố Hải Phòng đã có Quyết định 1465`: a place named before a reference is the
/// body that issued it when it opens the clause (not the end of a name: `Thuế thành phố Cần Thơ đã
/// ban hành …`) and the verb says it issued it (not `trên địa bàn tỉnh ‹X› tại Quyết định …`).
fn whole_place_before(p: &Production<'_>) -> bool {
    let Some((start, end)) = p.span("issuer_before") else { return true };
    // A body before a bracket that holds the reference is its issuer only as the owner of what the
    // bracket cites (`chỉ đạo của ‹Thủ tướng Chính phủ› (Văn bản số …)`), not as what the sentence
    // speaks of (`sáp nhập … về ‹Học viện Hậu cần› (Quyết định số …)`, `cho phép thành lập ‹Hội CCB›
    // (Giấy phép số …)`).
    let between = p.text.get(end..reference_start(p)).unwrap_or("");
    if between == " (" {
        return p.text[..start].ends_with("của ");
    }
    // A body before `ban hành kèm theo` a text issued it only when the sentence says it did (`… được
    // ‹Bộ GD&ĐT› ban hành kèm Thông tư số …`, `… do ‹Bộ trưởng Bộ Xây dựng› ban hành kèm theo …`), not
    // when it names what was issued (`Điều lệ ‹Công đoàn Việt Nam› ban hành kèm theo Quyết định …`).
    if between.contains(" kèm") {
        return p.text[..start].ends_with("được ") || p.text[..start].ends_with("do ");
    }
    if p.text[start..].starts_with(char::is_uppercase) {
        return true;
    }
    // Where a clause begins (`Ngày 5/3, tỉnh ‹X› đã ban hành …`): after a lower-case word it may be
    // the end of a longer name (`Ban Chỉ huy … cứu nạn tỉnh ‹X›`).
    let before = p.text[..start].trim_end_matches([' ', '*']);
    let verb = p.span("doc_type").map_or("", |(ts, _)| &p.text[end..ts]);
    (before.is_empty() || before.ends_with([',', '.', ':', ';', '\n'])) && !verb.contains("tại")
}

/// The issuer as the rule read it, without `quy` of `quy định` that follows it (`của Bộ trưởng Bộ
/// Công Thương quy định …`: `quy` also ends names, `Vụ Pháp quy`).
fn issuer_group<'a>(p: &Production<'a>, group: &str) -> Option<&'a str> {
    let raw = p.group(group)?;
    let (start, end) = p.span(group)?;
    match raw.strip_suffix(" quy") {
        Some(cut) if p.text[end..].starts_with(" định") => Some(cut),
        // `của Bộ Chính trị (khóa XII)`: the term in brackets is part of the body's name, as
        // `khóa XII` without them is.
        _ => Some(&p.text[start..end + term_in_brackets(&p.text[end..])]),
    }
}

/// The length of ` (khóa ‹roman numeral›)` at the start of `after`, or 0.
fn term_in_brackets(after: &str) -> usize {
    let Some(rest) = after.strip_prefix(" (").and_then(|r| r.strip_prefix("khóa ").or_else(|| r.strip_prefix("Khóa ")))
    else {
        return 0;
    };
    let numeral = rest.bytes().take_while(|b| b"IVXLC".contains(b)).count();
    if numeral > 0 && rest[numeral..].starts_with(')') { after.len() - rest.len() + numeral + 1 } else { 0 }
}

/// `thực hiện Nghị định số 27/2019/NĐ-CP, UBND tỉnh đã xây dựng …`, `theo Điều 2 Nghị định
/// 176/2025/NĐ-CP, Chủ tịch Ủy ban nhân dân cấp xã quyết định …`: the body named after a comma is
/// the subject of the next clause, not the issuer, unless the reference ends with it (a stop, the
/// subject `về …`, a quote, its date or its term follow).
fn opens_clause(p: &Production<'_>, group: &str) -> bool {
    let Some((start, end)) = p.span(group) else { return false };
    let after_comma = p.text[..start].trim_end_matches(' ').ends_with(',');
    let rest = p.text[end..].trim_start_matches(' ');
    let next = rest.split([' ', ',', '.']).next().unwrap_or("");
    let ends_reference = rest.is_empty()
        || rest.starts_with([',', '.', ';', ':', ')', '\n', '“', '"', '«', '(', '*'])
        || p.rules.lexicon("reference_goes_on").contains(next);
    after_comma && !ends_reference
}

/// `Thông tư 92/2015/TT-BTC: "b) Cá nhân …"`: words quoted after a colon are what the document
/// says, not its subject; `…: Về việc …` is its subject.
fn quoted_after_colon(p: &Production<'_>) -> bool {
    let Some((start, _)) = p.span("title") else { return false };
    let before = p.text[..start].trim_end();
    let title = p.group("title").unwrap_or("").trim_start_matches(['*', '“', '"', '«', '”']);
    before.ends_with(':') && !crate::normalize::lower(title).starts_with("về")
}

/// Whether the sentence opens with the reference: `Tại Quyết định …`, `Ngày 8/4/2021, tại Quyết định …`.
fn opens_sentence(p: &Production<'_>) -> bool {
    let start = reference_start(p);
    let before = p.text[..start].trim_end_matches([' ', '*']);
    let Some(before) = before.strip_suffix("tại").or_else(|| before.strip_suffix("Tại")) else { return false };
    let before = before.trim_end_matches([' ', '*']);
    p.group("date_at").is_some() || before.is_empty() || before.ends_with(['.', '\n', ':', ';', '*', ','])
}

/// `do Chánh thanh tra tỉnh Yên Bái Trần Nhật Tân ký`: the one who signed names his office, then
/// himself; the office is the issuer. A place is no name (`do Chủ tịch UBND tỉnh Hà Tĩnh ký`).
fn without_signer<'a>(rules: &crate::rules::RuleSet, issuer: &'a str) -> &'a str {
    let words: Vec<&str> = issuer.split(' ').collect();
    let units = rules.lexicon("admin_units");
    for k in [3, 2, 4] {
        if k + 2 > words.len() {
            continue;
        }
        let (office, name) = words.split_at(words.len() - k);
        if crate::extract::official::valid_name(rules, name, true) && !units.contains(office[office.len() - 1]) {
            let end = office.iter().map(|w| w.len() + 1).sum::<usize>() - 1;
            return &issuer[..end];
        }
    }
    issuer
}

/// Whether the verb said between a reference and `về` (`quy định về`, `quy định chi tiết và hướng
/// dẫn thi hành một số điều của Bộ luật Lao động về`) opens the document's subject, as the titles of
/// legal texts do. It does not after an article (`khoản 2 Điều 12 Nghị định 78/2021/NĐ-CP quy định
/// về …`: what the article says), nor when the verb has an object of its own before `về` (`quy định
/// 7 Thông tư hết hiệu lực về …`, `quy định công tác kiểm tra về …`): only the words of the formula
/// itself, or the name of the law it carries out, stand between. A subject in quotes is the
/// document's all the same (`phê duyệt Đề án “…”`).
fn opener_opens_subject(p: &Production<'_>) -> bool {
    let Some(opener) = p.group("opener") else { return true };
    if p.group("title").is_some_and(|t| !t.starts_with(['v', 'V', '”'])) {
        return true;
    }
    // `quy định chi tiết và hướng dẫn (thi hành) một số điều của …` whatever its spelling: the formula
    // of a legal text's title, which no article says of itself, so it opens the subject even after
    // one (`khoản 2 Điều 4 Nghị định số 145/2020/NĐ-CP … quy định chi tiết và hướng dẫn thi hành một số
    // điều của Bộ luật Lao động về ‹điều kiện lao động và quan hệ lao động›`).
    let lower = crate::normalize::lower(opener);
    if lower.contains(" một số điều ") || lower.contains(" thi hành ") {
        return !(after_article(p) && article_detailed(p));
    }
    if after_article(p) || part_of_attached_text(p) {
        return false;
    }
    let mut words = opener.split_whitespace().skip(1);
    // `quy định` and `hướng dẫn` are two words; what follows them, up to a law's name, is formula.
    words.next();
    let formula = p.rules.lexicon("opener_words");
    for w in words {
        let w = w.trim_matches([',', '(', ')']);
        // (The first syllables of the kinds of legal text a formula cites: `Luật`, `Bộ luật`, `Nghị
        // định`, `Pháp lệnh`, `Quyết định`, `Thông tư` — the grammar of the formula, not a list to extend.)
        if matches!(w, "Luật" | "Bộ" | "luật" | "Nghị" | "Pháp" | "Quyết" | "Thông") {
            return true;
        }
        if !w.is_empty() && !formula.contains(&crate::normalize::lower(w)) {
            return false;
        }
    }
    true
}

/// `Căn cứ khoản 2 Điều 35 Nghị định … về ‹quyết định giá đất cụ thể› như sau:`: after an article
/// (or one of the text it carries: `Điều 14 Quy chế … ban hành kèm theo Thông tư … về ‹…› như sau`),
/// the words after `về` that run into `như sau` are that article's heading, quoted below it, not
/// the document's subject. (Without `như sau`, `khoản 80 Điều 1 Nghị quyết … về ‹…›` names the
/// document's own subject; so do `về việc …`, which no heading opens with, and the words after a
/// document cited in full, with its day or issuer.)
fn article_heading(p: &Production<'_>) -> bool {
    plain_subject(p).is_some_and(|t| t.contains(" như sau")) && (after_article(p) || numbered_part_of_attached_text(p))
}

/// Whether the subject follows a bracket the reference did not open (`(theo Nghị định …) về …`: the
/// sentence's subject). One it opened (`chỉ đạo của ‹X› (Văn bản số … ngày …) về việc …`, `(tại Công
/// văn …)`) holds the reference alone, and the subject after it is the document's.
fn closes_anothers_bracket(p: &Production<'_>) -> bool {
    if p.group("closed").is_none() {
        return false;
    }
    let start = reference_start(p);
    let before = p.text[..start].trim_end_matches(' ');
    !(before.ends_with('(') || before.strip_suffix("tại").is_some_and(|b| b.ends_with('(')))
}

/// Where the reference itself begins (its type or its number), after any prefix the match read
/// before it (the date and the body that issued it).
fn reference_start(p: &Production<'_>) -> usize {
    p.span("text").map_or(p.m.start, |(s, _)| s)
}

/// Where the reference itself ends, before what the match read after it (its date, issuer, subject).
fn reference_end(p: &Production<'_>) -> usize {
    p.span("text").map_or(p.m.end, |(_, e)| e)
}

/// The words after `về` that something said around the reference may own rather than the document:
/// not a subject in quotes or after `về việc`, nor one of a reference cited in full.
fn plain_subject<'t>(p: &Production<'t>) -> Option<&'t str> {
    p.group("title").filter(|t| {
        !t.starts_with(['“', '"', '«', '*']) && !crate::normalize::lower(t).starts_with("về việc") && !cited_in_full(p)
    })
}

/// Whether the reference is cited in full: its day or its issuer said with it.
fn cited_in_full(p: &Production<'_>) -> bool {
    ["date", "issuer", "date_after", "issuer_listed", "issuer_signed"].iter().any(|g| p.group(g).is_some())
}

/// Whether the reference is what another text details or guides (`Nghị định … quy định chi tiết
/// ‹Nghị quyết 254/2025/QH15› về …`, `hướng dẫn thi hành một số điều của ‹Luật …› về …`): the subject
/// after it is that other text's, as the titles of legal texts say it (`Nghị định 145/2020/NĐ-CP
/// quy định chi tiết … của Bộ luật Lao động về điều kiện lao động`). Only a plain subject
/// ([`plain_subject`]) with no verb of its own between.
fn detailed_by_another(p: &Production<'_>) -> bool {
    if plain_subject(p).is_none() || p.group("opener").is_some() {
        return false;
    }
    let start = reference_start(p);
    let before = crate::normalize::lower(crate::normalize::tail(&p.text[..start], 60));
    let before = before.trim_end();
    let before = before.strip_suffix(" của").unwrap_or(before);
    let before = before.strip_suffix(" một số điều").unwrap_or(before);
    ["quy định chi tiết", "hướng dẫn thi hành", "hướng dẫn chi tiết"].iter().any(|v| before.ends_with(v))
}

/// Whether the reference is to an article or clause of the document (`Điều 12 Nghị định …`,
/// `khoản 2 Điều 12 của Nghị định …`), or to another numbered part of it (`Mục II Công văn …`,
/// `tiểu mục 1 Mục C.VII Phần V Phụ lục I Nghị định …`): the words before it say so.
fn after_article(p: &Production<'_>) -> bool {
    let start = reference_start(p);
    let before = crate::normalize::tail(&p.text[..start], 40);
    // (Bold marks may stand alone between the article and the reference: `Điều 7** **Nghị định …`.)
    let mut words = before.split_whitespace().rev().map(|w| w.trim_matches(['*', ','])).filter(|w| !w.is_empty());
    let mut w = words.next();
    if matches!(w, Some("của" | "tại")) {
        w = words.next();
    }
    let Some(number) = w else { return false };
    let Some(part) = words.next() else { return false };
    if number.starts_with(|c: char| c.is_ascii_digit()) && matches!(part, "Điều" | "điều") {
        return true;
    }
    // A part's number: digits, a Roman numeral, perhaps after a letter and a dot (`C.VII`, `A.II`).
    let roman = |n: &str| !n.is_empty() && n.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'));
    let numeral = number.bytes().all(|b| b.is_ascii_digit())
        || roman(number)
        || number
            .split_once('.')
            .is_some_and(|(l, r)| l.len() == 1 && l.chars().all(|c| c.is_ascii_uppercase()) && roman(r));
    let annex = part == "lục" && words.next().is_some_and(|w| w == "Phụ" || w == "phụ");
    numeral && (annex || matches!(part, "Mục" | "mục" | "Phần" | "phần" | "Chương" | "chương" | "khoản" | "Khoản"))
}

/// Whether the article cited before the reference is what the sentence itself details (`Quyết định
/// này quy định chi tiết khoản 2, Điều 46 Nghị định 156/2018/NĐ-CP … về ‹…›`): the words after `về`
/// are then what the sentence details, not the subject of the text cited.
fn article_detailed(p: &Production<'_>) -> bool {
    static DETAILED: Lazy<regex::Regex> = Lazy::new(|| {
        regex::Regex::new(
            r"(?:chi tiết|hướng dẫn|thi hành)(?:,? (?:điểm [a-zđ]|khoản [0-9]+|[Đđ]iều [0-9]+|và|các))+ $",
        )
        .unwrap()
    });
    let before = crate::normalize::tail(&p.text[..reference_start(p)], 80);
    DETAILED.is_match(before)
}

/// Whether the reference names the text that carries a part just cited (`Điều 13 Quy chế tuyển sinh
/// ban hành kèm theo Thông tư 30/2024/TT-BGDĐT quy định về …`, `Phụ lục I ban hành kèm theo …`,
/// `mục 1 Mục I Phần II Danh mục ban hành kèm theo Quyết định …`): what follows says what that part
/// does, as after an article. Cited in full, with its day or issuer (`Mẫu số 11 ban hành kèm theo
/// Nghị định … ngày … của Chính phủ quy định về …`), the words are the document's own subject.
fn part_of_attached_text(p: &Production<'_>) -> bool {
    static ANNEX: Lazy<regex::Regex> = Lazy::new(|| regex::Regex::new(r"(?:Phụ lục|Danh mục)\b").unwrap());
    attached_clause(p).is_some_and(|clause| NUMBERED_PART.is_match(clause) || ANNEX.is_match(clause))
}

/// A numbered part of a text: `Điều 14`, `khoản 2`, `Mục 1`, `Chương VII`.
static NUMBERED_PART: Lazy<regex::Regex> =
    Lazy::new(|| regex::Regex::new(r"\b(?:Điều|điều|khoản|Mục|mục|Phần|Chương) [0-9IVXLC]+\b").unwrap());

/// Whether the reference names the text that carries a numbered part just cited (`Điều 14 Quy chế …
/// ban hành kèm theo Thông tư …`, `Mục 1 Chương VII Phần V Phụ lục I ban hành kèm theo Nghị định …`),
/// which has a heading of its own; an annex or a form alone (`Mẫu số 02 Phụ lục ban hành kèm theo
/// Nghị định … về ‹…›`) may be named by the document's subject.
fn numbered_part_of_attached_text(p: &Production<'_>) -> bool {
    attached_clause(p).is_some_and(|clause| NUMBERED_PART.is_match(clause))
}

/// The clause before `ban hành kèm theo` (or `kèm`) that ends right before the reference, when the
/// reference is not cited in full (with its day or issuer).
fn attached_clause<'t>(p: &Production<'t>) -> Option<&'t str> {
    if cited_in_full(p) {
        return None;
    }
    let start = reference_start(p);
    let before = crate::normalize::tail(&p.text[..start], 240).trim_end_matches([' ', '*']);
    // (`kèm` alone says the same: `Phụ lục II ban hành kèm Thông tư …`.)
    let carried = before.strip_suffix("kèm theo").or_else(|| before.strip_suffix(" kèm"))?;
    Some(&carried[carried.rfind(['.', ';', '\n', ':']).map_or(0, |i| i + 1)..])
}

/// A law cited by name (`Luật Công đoàn năm 2012`): its name is the title, the year alone is
/// `issued`. A law whose name the list does not know is not guessed at.
fn build_law(p: &Production<'_>) -> Option<Candidate> {
    if p.group("free_law").is_some() {
        return build_named_law(p);
    }
    if p.group("amended_list").is_some() {
        return build_amending_list(p);
    }
    // (`Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013` is the constitution.)
    let written = p.group("doc_type").map(|t| if t.starts_with("Hiến pháp") { "Hiến pháp" } else { t })?;
    // `luật` in lower case is a law when its name is capitalised (`vi phạm luật Cán bộ, công chức`)
    // and the word is no part of another (`pháp luật`, `kỷ luật`, `dự luật`).
    if written == "luật" && !lower_case_law(p) {
        return None;
    }
    let doc_type = p.rules.lexicon("doc_types").canonical_ci(&fold_value(written))?.to_string();
    let title =
        p.group("title").map(fold_value).map(|t| amended_laws_subject(&t, p.rules.lexicon("amended_subject_ends")));
    // `Luật sửa đổi Luật Chứng khoán, Luật Kế toán, …`: a law that amends a list of laws is named by
    // the whole list, which is not read; the laws listed are cited each on its own.
    if title.as_deref().is_some_and(|t| t.starts_with("sửa đổi")) && amends_a_list(p) {
        return None;
    }
    // `Ngày 6/4/2016, Quốc hội đã thông qua Luật …`: the day it was passed, and by whom.
    // Only the assembly that passes laws is read there (`Bộ … có Luật …` names no issuer).
    // (`Quốc hội Việt Nam thông qua Bộ luật Dân sự …` in a history of the code is not read.)
    let (issuer, date) = passed_by_the_assembly(p);
    // (`Luật … ngày 16 tháng 6 năm 2025`: the day said right after its name.)
    let issued = p.group("date").and_then(parse_date).or(date).or_else(|| p.group("year").map(str::to_string));
    // A law needs its name; the constitution its year (`theo Hiến pháp` alone is the idea, not a text),
    // unless a legal text rests on it (`Căn cứ Hiến pháp nước …;`).
    if title.is_none() && (doc_type != "Hiến pháp" || (issued.is_none() && !legal_grounds(p))) {
        return None;
    }
    Some(law(p, doc_type, issued, issuer, title))
}

/// A law, a code or the constitution cited by name: no number or symbol.
fn law(
    p: &Production<'_>,
    doc_type: String,
    issued: Option<String>,
    issuer: Option<String>,
    title: Option<String>,
) -> Candidate {
    p.candidate(
        Kind::Document,
        vec![
            Value::str(doc_type),
            Value::Null,
            Value::Null,
            Value::Null,
            Value::opt(issued),
            Value::opt(issuer),
            Value::opt(title),
            Value::str("state"),
        ],
    )
}

/// `Căn cứ Hiến pháp …`: the grounds a legal text rests on. (An article cited, `Điều 20 của Hiến
/// pháp`, is as often another country's.)
fn legal_grounds(p: &Production<'_>) -> bool {
    let start = reference_start(p);
    let before = crate::normalize::tail(&p.text[..start], 20).trim_end_matches([' ', '*']);
    // (Not another country's: `Điều 86 Hiến pháp Pháp`.)
    let (_, end) = p.span("text").unwrap_or((p.m.start, p.m.end));
    let foreign = p.text[end..].strip_prefix(' ').is_some_and(|r| r.starts_with(char::is_uppercase));
    !foreign && (before.ends_with("Căn cứ") || before.ends_with("căn cứ"))
}

/// A law named with its year (`Luật Nuôi con nuôi 2010`, `Luật Xây dựng sửa đổi 2020`), the name not
/// necessarily one the list `laws` knows: the words between the type and the year are its name, when
/// none of them goes on with the sentence and no other name holds the word `Luật` (`Đại học Luật …`,
/// `Công ty Luật …`, `báo Pháp Luật …`, `Công ước … về Luật Biển 1982`).
fn build_named_law(p: &Production<'_>) -> Option<Candidate> {
    let written = p.group("law_type")?;
    let name = p.group("free_law")?;
    let start = reference_start(p);
    if inside_another_word(p, start, written) {
        return None;
    }
    // (`sửa đổi` ends the name of an amending law, `Luật Xây dựng sửa đổi 2020`, but is no
    // part of the words of one: `Luật X 2014 được sửa đổi bởi …`.)
    let sửa_đổi = name.strip_suffix(" sửa đổi").or_else(|| name.strip_suffix(" sửa đổi, bổ sung")).unwrap_or(name);
    let words: Vec<&str> = sửa_đổi.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let not_name = p.rules.lexicon("not_law_name");
    // (`luật` in lower case begins a name only the list knows: `Nhờn luật Từ cuối năm 2014`.)
    if written == "luật" || words.len() > 20 || words.iter().skip(1).any(|w| not_name.contains(w)) {
        // Words that go on with the sentence: the law is the one the list knows that they begin
        // with, if any (`Luật Chứng khoán, Luật Kế toán … 2024`, `Luật Tôn giáo vừa … năm 2018`).
        return listed_law_in(p, written, name, start);
    }
    // `luật` in lower case is a law only with a capitalised name, which `law_name` requires.
    let sentence_start = p.text[..start].rfind(['.', '\n', ';']).map_or(0, |i| i + 1);
    if p.text[sentence_start..start].contains("Công ước") {
        return None;
    }
    // `Luật X sửa đổi năm 2020` is the law X as amended that year (its year, as `Luật X năm 2014`);
    // `Luật X sửa đổi 2020` without `năm`, the amending law's own name.
    let name = match (p.span("free_law"), p.span("law_year")) {
        (Some((_, name_end)), Some((year_at, _))) if p.text[name_end..year_at].contains("năm") => sửa_đổi,
        _ => name,
    };
    let doc_type = p.rules.lexicon("doc_types").canonical_ci(&fold_value(written))?.to_string();
    let (issuer, date) = passed_by_the_assembly(p);
    let issued = date.or_else(|| p.group("law_year").map(str::to_string));
    Some(law(p, doc_type, issued, issuer, Some(fold_value(name))))
}

/// `Luật sửa đổi, bổ sung một số điều của Luật ‹A›, Luật ‹B› và Luật ‹C› 2024`: a law that amends a
/// list of laws, named with its year, is one law whose whole name is its title; the laws listed are
/// inside it. No word of a name goes on with the sentence (`… Luật ‹C› được thông qua năm 2024`: the
/// year is not the amending law's, and the laws are read each on its own).
fn build_amending_list(p: &Production<'_>) -> Option<Candidate> {
    let list = p.group("amended_list")?;
    let start = reference_start(p);
    if inside_another_word(p, start, "Luật") {
        return None;
    }
    let not_name = p.rules.lexicon("not_law_name");
    let (_, first) = list.split_once(" Luật ").or_else(|| list.split_once(" luật "))?;
    for item in first.split(", Luật ").flat_map(|i| i.split(" và Luật ")) {
        let words: Vec<&str> = item.split([' ', ',']).filter(|w| !w.is_empty()).collect();
        if words.len() > 20 || words.iter().skip(1).any(|w| not_name.contains(w)) {
            return None;
        }
    }
    let (issuer, date) = passed_by_the_assembly(p);
    let issued = date.or_else(|| p.group("list_year").map(str::to_string));
    Some(law(p, "Luật".to_string(), issued, issuer, Some(fold_value(list))))
}

/// `Ngày 6/4/2016, Quốc hội đã thông qua Luật …`: the assembly that passed a law, said before it, and
/// the day it did (only the assembly that passes laws: `Bộ … có Luật …` names no issuer).
fn passed_by_the_assembly(p: &Production<'_>) -> (Option<String>, Option<String>) {
    let issuer = p
        .group("issuer_before")
        .map(fold_value)
        .filter(|i| i == "Quốc hội" || i.strip_prefix("Quốc hội khóa ").is_some_and(|k| !k.contains(' ')));
    let date = p.group("date_before").filter(|_| issuer.is_some()).and_then(parse_date);
    let start = reference_start(p);
    let doc_types = p.rules.lexicon("doc_types");
    // (A body read right before the law is the one that acts there, the assembly or not.)
    let voted = p.group("issuer_before").is_none() && voted_by_the_assembly(&p.text[..start], doc_types);
    let issuer = issuer.or_else(|| voted.then(|| "Quốc hội".to_string()));
    match (issuer, passed_after(p)) {
        (None, Some(day)) => (Some("Quốc hội".to_string()), day),
        (issuer, _) => (issuer, date),
    }
}

/// `Luật Du lịch ‹được Quốc hội thông qua› ngày 19/6/2017`, `… ‹vừa được Quốc hội khóa XIV biểu
/// quyết thông qua›`: a law or a resolution the assembly passed, said in the passive right after
/// it; gives the day it was passed, parsed, when said (`Some(None)` without one). A bill that is
/// yet to be passed (`chưa được`, `khi được`) is no text of the assembly's, and the words before
/// `được` say so: only the ways a text is said to have been passed stand there.
static PASSED_AFTER: Lazy<regex::Regex> = Lazy::new(|| {
    regex::Regex::new(&format!(
        r"^,? (?:(?:đã|vừa|mới|chính thức) )*được Quốc hội(?: khóa [IVXLC]+)? (?:biểu quyết )?thông qua(?:{ISSUING_DAY})?"
    ))
    .unwrap()
});

fn passed_after(p: &Production<'_>) -> Option<Option<String>> {
    let rest = &p.text[reference_end(p)..];
    let c = PASSED_AFTER.captures(rest)?;
    // (The clause ends there, or with the day: not `thông qua ‹dự án›`, what else it passed.)
    let after = &rest[c.get(0)?.end()..];
    let ends = after.is_empty() || after.starts_with(['.', ',', ';', ':', '\n', ')', '…']) || after.starts_with(" và ");
    let day = c.get(1).map(|d| d.as_str());
    (ends || day.is_some() || after.starts_with(" tại ") || after.starts_with(" với ") || after.starts_with(" năm "))
        .then(|| day.and_then(parse_date))
}

/// `Quốc hội biểu quyết thông qua: Luật ‹A›; Nghị quyết …; Luật ‹B›`, `Sau đó, Quốc hội biểu quyết
/// thông qua Điều 6 …, Điều 7 … và toàn văn Luật ‹C›`: a law the assembly votes through further on in
/// the sentence, `before` ending where the law's name begins. The assembly is the sentence's subject
/// (at its start or after a comma, its verb after it: not `Ủy ban Thường vụ Quốc hội`, `Chủ tịch Quốc
/// hội`), and the law
/// is what it passes: right after `thông qua`, after the full text (`toàn văn`) of what it votes on,
/// or an item of a list whose items, between semicolons, are documents (`doc_types`, with a capital).
fn voted_by_the_assembly(before: &str, doc_types: &Lexicon) -> bool {
    let before = crate::normalize::tail(before, 600);
    let sentence_at = before.rfind(['\n', '!', '?']).max(before.rfind(". ")).map_or(0, |i| i + 1);
    let sentence = &before[sentence_at..];
    let Some(at) = sentence.rfind("thông qua") else { return false };
    let (subject, passed) = (&sentence[..at], sentence[at + "thông qua".len()..].trim_start_matches([':', ' ']));
    let Some(named) = subject.rfind("Quốc hội") else { return false };
    let lead = subject[..named].trim_end_matches([' ', '*', '-']);
    if !(lead.is_empty() || lead.ends_with(',')) {
        return false;
    }
    // (The assembly of the day, perhaps with its term, `Quốc hội khóa XV`, then what it does, in small
    // letters: `Quốc hội nước Cộng hòa … thông qua Bộ luật Dân sự` in a history of the code is not
    // read, as before the law.)
    let after = subject[named + "Quốc hội".len()..].trim_start();
    let term = after.strip_prefix("khóa ").map(|t| t.trim_start_matches(['I', 'V', 'X', 'L', 'C']));
    if term.unwrap_or(after).split_whitespace().any(|w| w.starts_with(|c: char| !c.is_lowercase())) {
        return false;
    }
    let items: Vec<&str> = passed.split(';').collect();
    let listed = items.last().is_some_and(|last| last.trim().is_empty())
        && items[..items.len() - 1].iter().all(|item| {
            let words: Vec<&str> = item.split_whitespace().take(3).collect();
            words.first().is_some_and(|w| w.starts_with(char::is_uppercase))
                && (1..=words.len()).any(|n| doc_types.contains_ci(&words[..n].join(" ")))
        });
    passed.is_empty() || passed == "toàn văn " || passed.ends_with(" toàn văn ") || listed
}

/// The law the list `laws` knows whose name begins `name` (the longest), cited without a year.
fn listed_law_in(p: &Production<'_>, written: &str, name: &str, start: usize) -> Option<Candidate> {
    if written == "luật" && !name.starts_with(char::is_uppercase) {
        return None;
    }
    let laws = p.rules.lexicon("laws");
    let (name_at, _) = p.span("free_law")?;
    let ends = name.char_indices().filter(|&(_, c)| c == ' ' || c == ',').map(|(i, _)| i);
    let end = ends.chain([name.len()]).rfind(|&i| laws.contains_ci(&fold_value(&name[..i])))?;
    // (The whole name listed, the year after it is the law's: `luật Đất đai năm 2013`.)
    let year = p.group("law_year").filter(|_| end == name.len());
    let doc_type = p.rules.lexicon("doc_types").canonical_ci(&fold_value(written))?.to_string();
    let mut c = law(p, doc_type, year.map(str::to_string), None, Some(fold_value(&name[..end])));
    c.start = start;
    if year.is_none() {
        c.end = name_at + end;
    }
    Some(c)
}

/// `sửa đổi 11 Luật về quân sự, quốc phòng ‹quy định …›`: the subject of a law that amends several,
/// read as lower-case words, ends with its clause (`ends`: `amended_subject_ends`).
fn amended_laws_subject(title: &str, ends: &Lexicon) -> String {
    let found = [" về ", " có liên quan đến "].iter().find_map(|w| title.find(w).map(|i| i + w.len()));
    let Some(subject_at) = found.filter(|_| title.starts_with("sửa đổi")) else {
        return title.to_string();
    };
    let padded = format!("{} ", &title[subject_at..]);
    let cut = ends.first_word_in(&padded).map_or(title.len(), |i| subject_at + i);
    title[..cut].trim_end_matches([',', ' ']).to_string()
}

/// Whether the law read ends a list of laws it amends: `sửa đổi Luật ‹A›, Luật ‹B›`, `sửa đổi Luật
/// ‹A›; Luật ‹B›` (a semicolon after `một số điều của Luật ‹A›` ends an item of a list of citations).
fn amends_a_list(p: &Production<'_>) -> bool {
    let Some((_, end)) = p.span("title") else { return false };
    let rest = &p.text[end..];
    let next_law = |r: &str| {
        let r = r.trim_start_matches(' ');
        r.starts_with("Luật ") || r.starts_with("luật ") || r.starts_with("Bộ luật ") || r.starts_with("Bộ Luật ")
    };
    let some_articles = p.group("title").is_some_and(|t| t.contains("một số"));
    rest.strip_prefix(',').is_some_and(next_law) || (!some_articles && rest.strip_prefix(';').is_some_and(next_law))
}

fn lower_case_law(p: &Production<'_>) -> bool {
    let Some(title) = p.group("title") else { return false };
    let start = reference_start(p);
    (title.starts_with(char::is_uppercase) || title.starts_with("sửa đổi")) && !inside_another_word(p, start, "luật")
}

/// Whether the word before a law's type word at `start` makes the type part of another word or name:
/// `pháp luật`, `đạo luật`, `Đại học Luật`, `Công ty Luật`; for `luật` in lower case also `kỷ luật`,
/// `dự luật`, `quy định luật`, `bộ luật`.
fn inside_another_word(p: &Production<'_>, start: usize, written: &str) -> bool {
    let word_before = p.text[..start].trim_end().rsplit([' ', '\n']).next().unwrap_or("");
    let word_before = crate::normalize::lower(word_before.trim_start_matches(['*', '(', '“', '"']));
    let word = word_before.as_str();
    // (`=> lower`: only before `luật` in lower case.)
    p.rules.lexicon("not_law_before").get(word).is_some_and(|e| e.value.is_none() || written == "luật")
}

/// `Chỉ thị số 05` takes the code of the same document cited with its symbol elsewhere on the page:
/// same type, same number; and the same year when the mention says one (`Nghị định 43/2014` is
/// `43/2014/NĐ-CP`, not `43/2020/NĐ-CP`).
pub fn fill_codes_from_page(text: &str, docs: &mut [Candidate]) {
    let idx = |f: &str| Kind::Document.field_index(f).expect("document field");
    let (type_i, number_i, code_i) = (idx("doc_type"), idx("number"), idx("code"));
    // Type and number → the distinct full citations of that document on the page.
    let mut coded: rustc_hash::FxHashMap<(Value, Value), Vec<Vec<Value>>> = rustc_hash::FxHashMap::default();
    for c in docs.iter().filter(|c| !c.fields[code_i].is_null()) {
        let cited = coded.entry((c.fields[type_i].clone(), number_key(&c.fields[number_i]))).or_default();
        if !cited.iter().any(|f| f[code_i] == c.fields[code_i]) {
            cited.push(c.fields.clone());
        }
    }
    for c in docs.iter_mut().filter(|c| c.fields[code_i].is_null()) {
        let key = (c.fields[type_i].clone(), number_key(&c.fields[number_i]));
        let year = text.get(c.start..c.end).and_then(written_year);
        let same_year = |f: &&Vec<Value>| {
            year.is_none_or(|y| f[code_i].as_str().is_some_and(|code| code.contains(&format!("/{y}/"))))
        };
        let cited: Vec<&Vec<Value>> = coded.get(&key).map(|v| v.iter().filter(same_year).collect()).unwrap_or_default();
        // Two different documents of that type and number: which one is meant is not said.
        if let [full] = cited.as_slice() {
            for f in ["symbol", "code", "system"] {
                c.fields[idx(f)] = full[idx(f)].clone();
            }
        }
    }
}

/// `Luật Đất đai năm 2024 (Luật số 31/2024/QH15)`: a law named, then its number in brackets, is one
/// document, cited under its number; its name is its title. (The year of the name is the number's
/// own and says no more than it: `issued` is what the mention of the number says.)
pub fn law_named_before_its_number(text: &str, docs: &mut Vec<Candidate>) {
    let idx = |f: &str| Kind::Document.field_index(f).expect("document field");
    let (type_i, code_i, title_i) = (idx("doc_type"), idx("code"), idx("title"));
    let laws = ["Luật", "Bộ luật", "Pháp lệnh"];
    let mut named = Vec::new();
    for (i, pair) in docs.windows(2).enumerate() {
        let (name, number) = (&pair[0], &pair[1]);
        let is_law = |c: &Candidate| c.fields[type_i].as_str().is_some_and(|t| laws.contains(&t));
        if !is_law(name) || !name.fields[code_i].is_null() || name.fields[title_i].is_null() {
            continue;
        }
        let untyped = number.fields[type_i].is_null();
        if number.fields[code_i].is_null() || !number.fields[title_i].is_null() || !(is_law(number) || untyped) {
            continue;
        }
        let gap = text.get(name.end..number.start).unwrap_or("");
        if matches!(gap, " (" | " (số " | " (số: ") && text[number.end..].starts_with(')') {
            named.push(i);
        }
    }
    for &i in named.iter().rev() {
        let title = docs[i].fields[title_i].clone();
        docs[i + 1].fields[title_i] = title;
        docs.remove(i);
    }
}

/// The year a mention without a symbol writes after its number: `2013` of `Thông tư số 219/2013`.
fn written_year(mention: &str) -> Option<&str> {
    let (_, after) = mention.rsplit_once('/')?;
    let after = after.trim();
    (after.len() == 4 && after.bytes().all(|b| b.is_ascii_digit())).then_some(after)
}

/// An issuer the symbol denies: a decree or a resolution numbered by the Government (`…/NĐ-CP`,
/// `…/NQ-CP`) is the Government's, whatever body a sentence around one mention names (`Bộ ‹X› có văn
/// bản quy định tại … Nghị quyết 05/2025/NQ-CP`, `Văn phòng Chính phủ` that made it known): such an
/// issuer is left empty rather than shared with every mention.
pub fn drop_issuers_the_symbol_denies(docs: &mut [Candidate]) {
    let idx = |f: &str| Kind::Document.field_index(f).expect("document field");
    let (symbol_i, issuer_i) = (idx("symbol"), idx("issuer"));
    for d in docs.iter_mut() {
        let governments = d.fields[symbol_i].as_str().is_some_and(|s| s.ends_with("-CP"));
        let denied = d.fields[issuer_i].as_str().is_some_and(|i| {
            let lower = crate::normalize::lower(i);
            !lower.contains("chính phủ") || lower.starts_with("văn phòng")
        });
        if governments && denied {
            d.fields[issuer_i] = Value::Null;
        }
    }
}

/// A document cited several times on a page: every mention carries what its fullest mention says
/// (the issuer said once applies to all). A field the mentions give differently is left as each
/// gives it, but an empty one takes the fullest mention's value.
pub fn share_fields_between_mentions(docs: &mut [Candidate]) {
    let idx = |f: &str| Kind::Document.field_index(f).expect("document field");
    let (type_i, number_i, code_i, title_i) = (idx("doc_type"), idx("number"), idx("code"), idx("title"));
    let shared = [idx("issued"), idx("issuer"), title_i];
    let key = |c: &Candidate| -> (Value, Value, Value) {
        if !c.fields[code_i].is_null() {
            (c.fields[code_i].clone(), Value::Null, Value::Null)
        } else if !c.fields[number_i].is_null() {
            (Value::Null, c.fields[type_i].clone(), number_key(&c.fields[number_i]))
        } else {
            // A law cited by name: its name is its title.
            (Value::Null, c.fields[type_i].clone(), c.fields[title_i].clone())
        }
    };
    let mut groups: rustc_hash::FxHashMap<(Value, Value, Value), Vec<usize>> = rustc_hash::FxHashMap::default();
    for (i, c) in docs.iter().enumerate() {
        groups.entry(key(c)).or_default().push(i);
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        let filled = |i: &usize| shared.iter().filter(|&&f| !docs[*i].fields[f].is_null()).count();
        // The fullest mention; the first of the fullest.
        let Some(&fullest) = members.iter().rev().max_by_key(|i| filled(i)) else { continue };
        for &f in &shared {
            let value = if docs[fullest].fields[f].is_null() {
                // The fullest says nothing of it: a value every mention that says it agrees on.
                let mut said = members.iter().map(|&i| &docs[i].fields[f]).filter(|v| !v.is_null());
                let Some(first) = said.next().cloned() else { continue };
                if said.any(|v| *v != first) {
                    continue;
                }
                first
            } else {
                docs[fullest].fields[f].clone()
            };
            for &i in members {
                if docs[i].fields[f].is_null() {
                    docs[i].fields[f] = value.clone();
                }
            }
        }
    }
}

/// A page that is itself a legal text names its own number in its header (`Số: 105/2025/QĐ-UBND`):
/// the day is the header's (`Hà Nội, ngày 27 tháng 11 năm 2025`), the subject the line that opens
/// with `V/v` or `VỀ VIỆC` under it, the issuer the enacting formula (`CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
/// LAI CHÂU` before the grounds, or `Bộ trưởng Bộ Tư pháp ban hành Thông tư …` after them), made
/// whole by the body the header names (`Ủy ban nhân dân ban hành …` under `ỦY BAN NHÂN DÂN TỈNH HÀ
/// TĨNH`), or that body alone when no formula is said (an official letter: `CỤC HẢI QUAN`).
pub fn fill_own_number(text: &str, rules: &crate::rules::RuleSet, docs: &mut [Candidate]) {
    let heads = rules.lexicon("enacting_heads");
    let openers = rules.lexicon("subject_openers");
    let (ends, grounds) = (rules.lexicon("header_ends"), rules.lexicon("grounds_openers"));
    let idx = |f: &str| Kind::Document.field_index(f).expect("document field");
    let code_i = idx("code");
    for c in docs.iter_mut().filter(|c| !c.fields[code_i].is_null()) {
        let line_start = text[..c.start].rfind('\n').map_or(0, |i| i + 1);
        let mut label = text[line_start..c.start].trim_matches([' ', '*', '|', '\t']);
        let mut line_start = line_start;
        // (`Số:` on a line of its own, the number under it)
        if label.is_empty() && line_start > 0 {
            let above = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
            label = text[above..line_start - 1].trim_matches([' ', '*', '|', '\t']);
            line_start = above;
        }
        if !matches!(label, "Số:" | "Số :" | "SỐ:" | "Số") {
            continue;
        }
        fill_from_header(text, [heads, openers, ends, grounds], line_start, c.end, c);
    }
    // A letter's number names no type (`Số: 11306/VPCP-NN`), so no reference is read there: the
    // header is the letter's that the page cites by that number elsewhere (`Công văn 11306/VPCP-NN`).
    for at in memmem::find_iter(text.as_bytes(), "\nSố:") {
        // (the number perhaps on the next line)
        let after = &text[at + "\nSố:".len()..];
        let from = text.len() - after.trim_start_matches([' ', '\n', '*']).len();
        let code_end =
            text[from..].find(|c: char| c.is_whitespace() || matches!(c, '|' | '*')).map_or(text.len(), |e| from + e);
        let code = &text[from..code_end];
        if code.is_empty() || docs.iter().any(|c| c.start >= at && c.start < code_end) {
            continue;
        }
        if let Some(c) = docs.iter_mut().find(|c| c.fields[code_i].as_str() == Some(code)) {
            fill_from_header(text, [heads, openers, ends, grounds], at + 1, code_end, c);
        }
    }
}

/// The fields a legal text's header gives its own number, the number ending at `end` on the line
/// that starts at `line_start`; only the fields the mention leaves empty. `heads` open an enacting
/// formula or a body's name (`enacting_heads`).
fn fill_from_header(text: &str, lists: [&Lexicon; 4], line_start: usize, end: usize, c: &mut Candidate) {
    let [heads, openers, ends, grounds] = lists;
    let idx = |f: &str| Kind::Document.field_index(f).expect("document field");
    let (issued_i, issuer_i, title_i) = (idx("issued"), idx("issuer"), idx("title"));
    let rest = crate::normalize::head(&text[end..], 5000);
    // The text proper begins with its first article (a letter with its greeting).
    let body_at = first_of(rest, ends).unwrap_or(rest.len());
    let head = &rest[..body_at];
    let grounds_at = first_of(head, grounds).unwrap_or(head.len());
    // (from the start of the line the grounds open)
    let grounds_at = head[..grounds_at].rfind('\n').map_or(grounds_at, |i| i + 1);
    if c.fields[issued_i].is_null() {
        let near = crate::normalize::head(head, 300);
        if let Some(m) = HEADER_DATE.captures(near) {
            c.fields[issued_i] = Value::opt(parse_date(&format!("{}/{}/{}", &m[1], &m[2], &m[3])));
        }
    }
    if let Some(t) = header_subject(&head[..grounds_at], heads, openers).filter(|_| c.fields[title_i].is_null()) {
        c.fields[title_i] = Value::str(t);
    }
    if c.fields[issuer_i].is_null() {
        let before = crate::normalize::tail(&text[..line_start], 1500);
        let body = header_body(before, heads);
        let formula = caps_formula(&head[..grounds_at], heads).or_else(|| sentence_formula(head, heads));
        let issuer = match (formula, body) {
            (Some(f), Some(b)) => Some(completed_by(&f, &b)),
            (f, b) => f.or(b),
        };
        if let Some(i) = issuer {
            c.fields[issuer_i] = Value::str(i);
        }
    }
}

/// Where the first entry of `list` stands in `text`, looked for as written anywhere: followed by a
/// space, or — an entry ending in `*` — by anything (`header_ends`, `grounds_openers`).
fn first_of(text: &str, list: &Lexicon) -> Option<usize> {
    list.keys()
        .filter_map(|k| match k.strip_suffix('*') {
            Some(open) => text.find(open),
            None => text.find(&format!("{k} ")),
        })
        .min()
}

static HEADER_DATE: Lazy<regex::Regex> = Lazy::new(|| {
    regex::Regex::new(r",[\s*]*ngày\s*([0-9]{1,2})\s*tháng\s*([0-9]{1,2})\s*năm\s*([0-9]{4})").expect("header date")
});

/// Whether `s` opens with a word of `heads` (`enacting_heads`): an enacting formula or a body's name.
fn opens_with_head(s: &str, heads: &Lexicon) -> bool {
    let l = crate::normalize::lower(s);
    heads.entries.iter().any(|e| {
        let h = e.key.as_str();
        l.starts_with(h) && l[h.len()..].starts_with(' ') || l == h
    })
}

fn all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Lines folded into one, without bold marks.
fn folded_lines(lines: &[&str]) -> String {
    fold_value(&lines.join(" ").replace('*', " ")).trim_matches([' ', ',', ';', ':']).to_string()
}

/// `V/v hướng dẫn thủ tục hải quan`, `VỀ VIỆC CÔNG BỐ …` on the lines under the number, to the end of
/// their block (an empty line, a cell, a line in bold or italics).
fn header_subject(head: &str, heads: &Lexicon, openers: &Lexicon) -> Option<String> {
    let mut lines = head.lines().map(str::trim);
    let mut taken: Vec<&str> = Vec::new();
    for line in lines.by_ref() {
        let bare = line.trim_start_matches(['*', ' ']);
        // (`VỀ` alone on its line when the page wraps it)
        let opened = openers
            .entries
            .iter()
            .filter(|o| o.value.as_deref() != Some("alone only"))
            .find_map(|o| bare.strip_prefix(o.key.as_str()).and_then(|r| r.strip_prefix(' ')))
            .or_else(|| openers.get(bare).is_some_and(|o| o.value.is_some()).then_some(""));
        if let Some(subject) = opened {
            taken.push(subject);
            if line.starts_with('*') && line.len() > 1 && line.ends_with('*') {
                return non_empty(folded_lines(&taken));
            }
            break;
        }
    }
    if taken.is_empty() {
        return None;
    }
    for line in lines {
        if line.is_empty() || line.starts_with(['*', '|', '#', '-']) || opens_with_head(line, heads) && all_caps(line) {
            break;
        }
        taken.push(line);
        if line.ends_with('*') || taken.len() > 8 {
            break;
        }
    }
    let subject = folded_lines(&taken);
    let subject = ["VIỆC ", "việc "].iter().find_map(|p| subject.strip_prefix(p)).unwrap_or(&subject);
    non_empty(subject.to_string()).filter(|t| t.len() < 600)
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// The enacting formula in capitals, in bold, just before the grounds (`**CHỦ TỊCH ỦY BAN NHÂN DÂN
/// TỈNH LAI CHÂU**`); a council's session after its term is no part of its name.
fn caps_formula(head: &str, heads: &Lexicon) -> Option<String> {
    let lines: Vec<&str> = head.lines().map(str::trim).filter(|l| !l.is_empty() && *l != "|").collect();
    let marked = |l: &str| l.starts_with("**") || l.starts_with("# ");
    let mut block: Vec<&str> = Vec::new();
    for &line in lines.iter().rev().take(4) {
        if !all_caps(line) {
            break;
        }
        block.push(line);
        if marked(line) {
            break;
        }
    }
    block.reverse();
    if !block.first().is_some_and(|l| marked(l)) {
        return None;
    }
    let f = folded_lines(&block);
    let f = f.trim_start_matches(['#', ' ']);
    let f = f.split(", KỲ HỌP").next().unwrap_or(f).trim_end_matches([',', ' ']).to_string();
    opens_with_head(&f, heads).then_some(f)
}

/// `Bộ trưởng Bộ Tư pháp ban hành Thông tư …`, `Ủy ban nhân dân ban hành Quyết định …`: the formula
/// said in a sentence of its own after the grounds.
fn sentence_formula(head: &str, heads: &Lexicon) -> Option<String> {
    let folded = fold_value(&head.replace('*', " "));
    for m in ENACTING_VERB.find_iter(&folded) {
        let before = &folded[..m.start()];
        let clause_at = before.rfind([';', '.', ',', ':', '|']).map_or(0, |i| i + 1);
        let who = before[clause_at..].trim();
        let words = who.split(' ').count();
        if (1..=12).contains(&words)
            && opens_with_head(who, heads)
            && !who.chars().any(|c| c.is_ascii_digit())
            && !who.split(' ').any(|w| matches!(w, "về" | "đề" | "số" | "tại" | "của" | "việc"))
        {
            return Some(who.to_string());
        }
    }
    None
}

static ENACTING_VERB: Lazy<regex::Regex> = Lazy::new(|| {
    regex::Regex::new(
        r" ban hành (?:Quyết định|Nghị quyết|Thông tư liên tịch|Thông tư|Nghị định|Chỉ thị|Quy định|Pháp lệnh|Luật|Lệnh|Kế hoạch|Quy chế)",
    )
    .expect("enacting verb")
});

/// The body the header names over the country's motto (`ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH`); under a parent
/// body, the one in bold (`BỘ TÀI CHÍNH` / `**CỤC HẢI QUAN**`).
fn header_body(before: &str, heads: &Lexicon) -> Option<String> {
    let motto = before.rfind("CỘNG")?;
    let above = &before[..before[..motto].rfind('\n').map_or(0, |i| i + 1)];
    let mut block: Vec<&str> = Vec::new();
    for line in above.lines().rev().map(str::trim) {
        if line.trim_matches(['-', ' ', '_', '=', '|']).is_empty() && block.is_empty() {
            continue;
        }
        if line.trim_matches('*').is_empty() && !line.is_empty() {
            continue;
        }
        if line.is_empty() || line == "|" || !all_caps(line) || line.contains(':') {
            break;
        }
        block.push(line);
        if block.len() > 5 {
            return None;
        }
    }
    block.reverse();
    // A parent body in plain letters, the body itself in bold.
    if let Some(k) = block.iter().position(|l| l.starts_with("**")).filter(|&k| k > 0) {
        block.drain(..k);
    }
    let b = folded_lines(&block);
    (opens_with_head(&b, heads) && b.split(' ').count() <= 12).then_some(b)
}

/// `Chủ tịch Ủy ban nhân dân` under `ỦY BAN NHÂN DÂN TỈNH LAI CHÂU` → `Chủ tịch ỦY BAN NHÂN DÂN TỈNH
/// LAI CHÂU`: the formula's body named whole by the header.
fn completed_by(formula: &str, body: &str) -> String {
    let key = |s: &str| fold_value(&crate::normalize::lower(s)).replace("uỷ", "ủy");
    let (f, b) = (key(formula), key(body));
    let fw: Vec<&str> = f.split(' ').collect();
    let bw: Vec<&str> = b.split(' ').collect();
    let words: Vec<&str> = formula.split_whitespace().collect();
    for k in 0..fw.len() {
        let tail = &fw[k..];
        if bw.len() > tail.len() && bw.starts_with(tail) && words.len() == fw.len() {
            let mut out = words[..k].join(" ");
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(body);
            return out;
        }
    }
    formula.to_string()
}

/// `Nghị quyết số 19/2016/NQ-CP ngày 28/4/2016 và Nghị quyết số 35/NQ-CP ngày 16/5/2016 của Chính
/// phủ`: the issuer said once after a list of documents is every item's whose symbol names the same
/// issuer (`NQ-CP`, `NQ-CP`; `TB-VPCP`, `VPCP-NN`: a symbol that names no type begins with its
/// issuer); an item of another issuer's (`Nghị định 111/2015/NĐ-CP và Thông tư 55/2015/TT-BCT của Bộ
/// Công Thương`) is left without. The items stand next to each other, nothing between them but their
/// dates, commas, semicolons and `và` (a line wrapped among them, not a new item of a list). Items
/// without a symbol (`Thông tư số 21/2013, Thông tư số 6/2015 và Thông tư số 17/2016 của Bộ Tài
/// chính`) share it when they are of one type. An issuer said before the first item (`Quốc hội thông
/// qua Nghị quyết 40/2024/QH15 về … và Nghị quyết 41/2024/QH15 về …`) is likewise the next item's
/// of the same issuer, joined to it by `và` or a comma in the same sentence, its subject between.
pub fn share_issuer_over_lists(text: &str, rules: &crate::rules::RuleSet, docs: &mut [Candidate]) {
    let (type_codes, doc_types) = (rules.lexicon("doc_type_codes"), rules.lexicon("doc_types"));
    let idx = |f: &str| Kind::Document.field_index(f).expect("document field");
    let (symbol_i, issuer_i, type_i, number_i) = (idx("symbol"), idx("issuer"), idx("doc_type"), idx("number"));
    // What items of one issuer have in common: the issuer's part of their symbol, or their type.
    let key = |d: &Candidate| match (d.fields[symbol_i].as_str(), d.fields[type_i].as_str()) {
        // (`BC-UBKTTC`, `BC-UBKTTC15`: the same body, the second with its term.)
        (Some(s), _) => Some(symbol_issuer(type_codes, s).trim_end_matches(|c: char| c.is_ascii_digit()).to_string()),
        (None, Some(t)) if !d.fields[number_i].is_null() => Some(format!("\u{0}{}", crate::normalize::lower(t))),
        _ => None,
    };
    let mut order: Vec<(usize, String)> = (0..docs.len()).filter_map(|i| Some((i, key(&docs[i])?))).collect();
    order.sort_by_key(|&(i, _)| docs[i].start);
    // The issuer carried leftwards along the list, with the issuer's part of its symbol.
    let mut carried: Option<(Value, &str)> = None;
    let mut next_start = usize::MAX;
    for (i, part) in order.iter().rev() {
        let (start, end) = (docs[*i].start, docs[*i].end);
        let joined = end <= next_start
            && next_start != usize::MAX
            && text.get(end..next_start).is_some_and(|gap| list_glue(without_lead_in(gap, doc_types)));
        let issuer = &docs[*i].fields[issuer_i];
        carried = if !issuer.is_null() {
            issuer_follows(text, end).then(|| (issuer.clone(), part.as_str()))
        } else {
            match carried.take() {
                Some((v, p)) if joined && p == part && !part.is_empty() => {
                    docs[*i].fields[issuer_i] = v.clone();
                    Some((v, p))
                }
                _ => None,
            }
        };
        next_start = start;
    }
    // The issuer said before the first item, carried rightwards.
    let mut carried: Option<(Value, &str)> = None;
    let mut last_end = 0;
    for (i, part) in &order {
        let (start, end) = (docs[*i].start, docs[*i].end);
        let issuer = &docs[*i].fields[issuer_i];
        carried = match carried.take() {
            Some((v, p))
                if issuer.is_null()
                    && p == part
                    && !part.is_empty()
                    && last_end <= start
                    && text.get(last_end..start).is_some_and(next_in_sentence) =>
            {
                docs[*i].fields[issuer_i] = v.clone();
                Some((v, p))
            }
            _ if !issuer.is_null() && !issuer_follows(text, end) && said_before(text, start, issuer) => {
                Some((issuer.clone(), part.as_str()))
            }
            _ => None,
        };
        last_end = end;
    }
}

/// Whether the issuer was named in the words just before the reference at `start`, on its line.
fn said_before(text: &str, start: usize, issuer: &Value) -> bool {
    let Some(issuer) = issuer.as_str() else { return false };
    let before = crate::normalize::tail(&text[..start], 160);
    let line = before.rsplit_once('\n').map_or(before, |(_, l)| l);
    line.contains(issuer)
}

/// Whether what stands between two references makes the second the next item of the same sentence:
/// the first one's date and subject, then `và` or a comma (and `số`); no stop, semicolon or colon (dates and
/// decimals aside), no other issuer said with `của`.
fn next_in_sentence(gap: &str) -> bool {
    let unwrapped = gap.replace('\n', " ");
    gap.len() <= 300
        && !gap.contains("\n\n")
        && [" và ", ", "].iter().any(|j| {
            let joined = unwrapped.strip_suffix("số ").unwrap_or(&unwrapped);
            joined.ends_with(j)
        })
        && !unwrapped.contains(" của ")
        && !unwrapped.contains([';', ':', '(', ')'])
        && !unwrapped.char_indices().any(|(at, c)| c == '.' && unwrapped[at + 1..].starts_with(' '))
}

/// `đã được Thủ tướng Chính phủ cho phép tại Văn bản số 77/TTg-KTN`, `được Bộ GTVT cho phép ứng dụng
/// theo Quyết định số 88/QĐ-BGTVT`, `chỉ đạo của Bộ trưởng Bộ Tài chính (Văn bản số 512/BTC-QLCS …)`,
/// `sau khi Thủ tướng Chính phủ chấp thuận chủ trương tại văn bản số 15/TTg-CN`: a body named just
/// before a reference whose symbol names it (the initials of its name are the issuer's part of the
/// symbol: `Bộ Giao thông vận tải`, `Bộ GTVT` → `BGTVT`; `Thủ tướng` → `TTg`) issued it, when it is
/// the agent of a verb whose act the reference carries — passive (`được ‹body› ‹verb› tại|theo
/// ‹reference›`) or active, the body opening its clause (`‹body› đã đồng ý … (Công văn số …)`) — or
/// its reference follows `của ‹body›` in brackets or after `tại` or `theo`. A body the symbol does not
/// name is left alone (`được UBND tỉnh giao … theo Nghị định 45/2020/NĐ-CP`), and so is a body that
/// acts on a reference (`Chính phủ xử lý … quy định tại …`).
pub fn issuer_named_before(text: &str, rules: &crate::rules::RuleSet, docs: &mut [Candidate]) {
    let idx = |f: &str| Kind::Document.field_index(f).expect("document field");
    let (symbol_i, issuer_i) = (idx("symbol"), idx("issuer"));
    let codes = rules.lexicon("doc_type_codes");
    let lists = [rules.lexicon("positions"), rules.lexicon("admin_units"), rules.lexicon("issuers")];
    for d in docs.iter_mut().filter(|d| d.fields[issuer_i].is_null()) {
        let Some(symbol) = d.fields[symbol_i].as_str() else { continue };
        let part: String = symbol_issuer(codes, symbol).chars().map(base_letter).collect();
        if part.len() < 2 {
            continue;
        }
        let before = crate::normalize::tail(&text[..d.start], 400);
        // A sentence cut by the window has no start of its own.
        let sentence = match before.rsplit_once(['.', ';', ':', '\n', '!', '?']) {
            Some((_, s)) => s,
            None if before.len() == d.start => before,
            None => before.split_once(' ').map_or("", |(_, s)| s),
        };
        let after = &text[d.end..];
        if let Some(issuer) =
            agent_before(sentence, &part, lists).or_else(|| agent_after(sentence, after, &part, lists))
        {
            d.fields[issuer_i] = Value::str(issuer);
        }
    }
}

/// How the body before a reference is tied to it: after `của`, the agent of a passive verb after
/// `được`, or the subject of an active one, opening its clause.
#[derive(Clone, Copy, PartialEq)]
enum Anchor {
    Of,
    Passive,
    Active,
}

/// The body named in `sentence` (which ends where a reference begins) whose initials are the symbol's
/// issuer part `part`, after `của` or `được` or opening a clause, when what follows it leads to the
/// reference (see [`issuer_named_before`]). The nearest such body is taken.
fn agent_before(sentence: &str, part: &str, lists: [&Lexicon; 3]) -> Option<String> {
    let mut starts: Vec<(usize, Anchor)> = vec![(0, Anchor::Active)];
    for (a, anchor) in
        [(" được ", Anchor::Passive), (" của ", Anchor::Of), (" khi ", Anchor::Active), (", ", Anchor::Active)]
    {
        starts.extend(sentence.match_indices(a).map(|(at, _)| (at + a.len(), anchor)));
    }
    // A body opening its clause begins with a capital (the title of its head too: `Bộ trưởng …`).
    starts.retain(|&(at, anchor)| anchor != Anchor::Active || sentence[at..].starts_with(char::is_uppercase));
    starts.sort_by_key(|s| std::cmp::Reverse(s.0));
    starts.into_iter().find_map(|(at, anchor)| agent_at(&sentence[at..], anchor, part, lists))
}

/// The body that opens `rest`, tied to the reference at its end by `anchor` (see [`agent_before`]).
fn agent_at(rest: &str, anchor: Anchor, part: &str, lists: [&Lexicon; 3]) -> Option<String> {
    let (name, mut lead) = body_opening(rest, part, lists)?;
    // What leads from it to the reference.
    if lead.last() == Some(&"các") {
        lead.pop();
    }
    // The words of the act: a few lower-case verbs after `được`; after a body opening its clause,
    // what it did, up to a clause long (`đã đồng ý cho phép Bộ GTVT thí điểm … (`), with no comma,
    // no `quy định` (`… quy định tại` says where a rule is, not who issued it), no other `của` or
    // `được`, and no other reference.
    let act = |verbs: &[&str], most: usize, any_case: bool| {
        !verbs.is_empty()
            && verbs.len() <= most
            && !verbs.windows(2).any(|w| w == ["quy", "định"])
            && verbs.iter().all(|w| {
                !matches!(*w, "của" | "được" | "quy" | "định")
                    && !w.contains([',', ';', '/', '"', '“', '”'])
                    && (any_case || w.chars().all(char::is_lowercase))
            })
    };
    let ok = match (anchor, lead.as_slice()) {
        (Anchor::Of, ["(" | "tại" | "theo" | "(tại"]) => true,
        (Anchor::Passive, [verbs @ .., "tại" | "theo" | "("]) => act(verbs, 8, false) || act(verbs, 16, true),
        // Not `theo`: a body that acts by a text does not say it issued it (`Thủ tướng chỉ đạo tiếp
        // tục thực hiện theo Quyết định …`).
        (Anchor::Active, [verbs @ .., "tại" | "(" | "(tại"]) => act(verbs, 40, true),
        // The texts it issued, this one among them: `Chính phủ đã lần lượt ban hành 8 Nghị định về …
        // bao gồm Nghị định số …` (the words may name their type: `Nghị định`).
        (Anchor::Active, [verbs @ .., "gồm"]) => {
            let issued =
                verbs.windows(2).any(|w| w == ["ban", "hành"] || w == ["thông", "qua"]) || verbs.contains(&"ký");
            let typed: Vec<&str> = verbs.iter().copied().filter(|w| !matches!(*w, "định" | "quyết")).collect();
            issued && act(&typed, 40, true)
        }
        _ => false,
    };
    ok.then(|| name.to_string())
}

/// `Theo Công văn 611/TTg-CN ngày 28/5/2025, Thủ tướng Chính phủ đã giao …`: a reference the sentence
/// opens with (`Theo`, `Tại`) was issued by the body whose initials are its symbol's issuer part when
/// that body opens the clause after it (and its day) as its subject: a word in small letters, its
/// verb, follows.
fn agent_after(opening: &str, after: &str, part: &str, lists: [&Lexicon; 3]) -> Option<String> {
    if !matches!(opening.trim_start_matches(['*', ' ']), "Theo " | "Tại ") {
        return None;
    }
    // (Past its day: `ngày 28/5/2025`.)
    let after = DAY_AT_START.find(after).map_or(after, |m| &after[m.end()..]);
    let rest = after.strip_prefix(", ")?;
    let clause = &rest[..rest.find(['.', ',', ';', ':', '\n', '(', ')']).unwrap_or(rest.len())];
    let (name, lead) = body_opening(clause, part, lists)?;
    lead.first().is_some_and(|w| w.chars().all(char::is_lowercase)).then_some(name)
}

/// The body that opens `rest`, perhaps after the title of its head, when the initials of its name
/// are the symbol's issuer part `part`: its name, and the words after it.
fn body_opening<'r>(rest: &'r str, part: &str, lists: [&Lexicon; 3]) -> Option<(String, Vec<&'r str>)> {
    let [positions, places, issuers] = lists;
    let upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // The title of the one who heads it may come first (`Bộ trưởng Bộ Tài chính`). (Looked for in
    // the first eleven words, the most a title and a name take: the rest is split only for a body.)
    let mut others = rest.split(' ').filter(|w| !w.is_empty());
    let mut words: Vec<&str> = others.by_ref().take(3 + 8).collect();
    let (from, len) = (0..=3.min(words.len())).find_map(|from| {
        if from > 0 && !positions.contains_ci(&words[..from].join(" ")) {
            return None;
        }
        let body = &words[from..];
        if !body.first().is_some_and(|w| upper(w)) {
            return None;
        }
        if part == "TTG" && body.len() >= 2 && body[0] == "Thủ" && body[1] == "tướng" {
            return Some((from, 2));
        }
        // The initials of the first k words, word by word.
        let mut said = String::new();
        (1..=body.len().min(8))
            .find(|&k| {
                said.push_str(&initials(&body[k - 1..k]));
                said == part
            })
            .map(|k| (from, k))
    })?;
    words.extend(others);
    // The rest of its name: the longest listed issuer it begins (`Thủ tướng Chính phủ`), then its
    // place (`UBND TP Hà Nội`, `UBND thành phố`, `HĐND Thành phố`) and words in capitals (`UBND TPHCM`).
    let mut end = from + len;
    end = (end..=words.len().min(from + 8))
        .rev()
        .find(|&e| issuers.contains_ci(&words[from..e].join(" ")))
        .unwrap_or(end)
        .max(end);
    let caps = |w: &str| w.chars().count() > 1 && w.chars().all(|c| c.is_uppercase() || c == '.');
    while end < words.len() {
        if caps(words[end]) {
            end += 1;
        } else if end + 1 < words.len() && places.contains_ci(&words[end..end + 2].join(" ")) {
            end += 2;
        } else if places.contains_ci(words[end]) {
            end += 1;
        } else {
            break;
        }
        while end < words.len() && upper(words[end]) && words[end].chars().all(char::is_alphabetic) {
            end += 1;
        }
    }
    Some((words[..end].join(" "), words[end..].to_vec()))
}

/// The letters that begin the words of a name, and a name's words in capitals whole (`Bộ GTVT` →
/// `BGTVT`, `Bộ VH-TT&DL` → `BVHTTDL`), without accents, in capitals.
fn initials(words: &[&str]) -> String {
    let mut out = String::new();
    for w in words {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
            out.extend(letters.iter().copied().map(base_letter));
        } else if let Some(&c) = letters.first() {
            out.push(base_letter(c));
        }
    }
    out
}

/// A letter in capitals without its accents (`Ủ` → `U`, `đ` → `D`).
fn base_letter(c: char) -> char {
    const BASES: [(char, &str); 7] = [
        ('A', "aàáảãạăằắẳẵặâầấẩẫậ"),
        ('E', "eèéẻẽẹêềếểễệ"),
        ('I', "iìíỉĩị"),
        ('O', "oòóỏõọôồốổỗộơờớởỡợ"),
        ('U', "uùúủũụưừứửữự"),
        ('Y', "yỳýỷỹỵ"),
        ('D', "dđ"),
    ];
    let lower = c.to_lowercase().next().unwrap_or(c);
    BASES.iter().find(|(_, all)| all.contains(lower)).map_or(c.to_ascii_uppercase(), |(base, _)| *base)
}

/// The part of a symbol that names its issuer: `CP` of `NQ-CP`, `TW` of `NQ/TW`, `QH15` of `QH15`,
/// `VPCP` of `VPCP-NN` (a symbol that names no type begins with its issuer).
fn symbol_issuer(type_codes: &Lexicon, symbol: &str) -> String {
    let mut parts = symbol.split(['-', '/']).filter(|s| !s.is_empty());
    let first = parts.next().unwrap_or_default();
    let part = if type_codes.contains_ci(first) { parts.next().unwrap_or_default() } else { first };
    let part = crate::normalize::lower(part);
    // The assembly's texts carry its term after its initials (`QH15`, `UBTVQH15`): no initial of a name.
    match part.trim_end_matches(|c: char| c.is_ascii_digit()) {
        letters if letters.ends_with("qh") && letters.len() < part.len() => letters.to_string(),
        _ => part,
    }
}

/// Whether what stands between two references joins them into a list: their dates, commas,
/// semicolons, `và`, nothing else, on one line (or on a line wrapped among them, not a new item: `2.`,
/// `- `, `a) `).
fn list_glue(gap: &str) -> bool {
    gap.len() <= 80
        && !gap.contains("\n\n")
        && !gap.split('\n').skip(1).any(opens_item)
        && gap.split([' ', ',', ';', '\n']).all(|w| {
            w.is_empty()
                || matches!(w, "và" | "ngày" | "tháng" | "năm")
                || w.chars().all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-'))
        })
}

/// The words between two references of a list without the next one's lead-in the reference read
/// leaves out: `số` (`… và số 03-TB/BCĐTW`), and its type with the words that qualify it (`, Tờ trình
/// bổ sung số 444/TTr-CP`, `, Báo cáo thẩm tra số …`). Anything else stays, and the gap is no list.
fn without_lead_in<'a>(gap: &'a str, doc_types: &Lexicon) -> &'a str {
    let Some(rest) = gap.strip_suffix("số ").filter(|r| r.is_empty() || r.ends_with([' ', '\n'])) else { return gap };
    let at = [",", ";", " và "].iter().filter_map(|s| rest.rfind(s).map(|i| i + s.len())).max().unwrap_or(0);
    let words: Vec<&str> = rest[at..].split([' ', '\n']).filter(|w| !w.is_empty()).collect();
    let typed = (1..=3.min(words.len())).any(|n| {
        doc_types.contains_ci(&words[..n].join(" "))
            && words[..n].first().is_some_and(|w| w.starts_with(char::is_uppercase))
            && words[n..].len() <= 4
            && words[n..].iter().all(|w| w.chars().all(char::is_lowercase))
    });
    if words.is_empty() || typed { &rest[..at] } else { gap }
}

/// Whether a line opens a new item of a list: `- `, `+ `, `* `, `2. `, `2) `, `a) `.
fn opens_item(line: &str) -> bool {
    let line = line.trim_start();
    let label = line.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_ascii_lowercase() || c == 'đ');
    line.starts_with(['-', '+', '*', '•', '–']) || (label.len() < line.len() && label.starts_with(['.', ')']))
}

/// Whether the issuer is said after the reference at `end`: `của` after nothing but its date.
fn issuer_follows(text: &str, end: usize) -> bool {
    let rest = crate::normalize::head(&text[end..], 80);
    rest.find(" của ").is_some_and(|at| list_glue(&rest[..at]))
}

/// `05` and `5` are the same number.
fn number_key(v: &Value) -> Value {
    match v.as_str() {
        Some(s) => Value::str(s.trim_start_matches('0').to_string()),
        None => Value::Null,
    }
}

/// A type code in its usual spelling: as the list spells it, with Đ where the page typed D and the
/// list has the Đ spelling (`ND` → `NĐ`, `QD` → `QĐ`).
fn canonical_code(list: &crate::rules::lexicon::Lexicon, written: &str) -> String {
    let Some(listed) = list.key_ci(written) else { return written.trim().to_string() };
    if listed.contains('D') {
        let with_dj = listed.replace('D', "Đ");
        if let Some(l) = list.key_ci(&with_dj) {
            return l.to_string();
        }
    }
    listed.to_string()
}

/// Issuer codes in their usual case; each part of a compound (`BTC-TCT`) on its own; aliases such as
/// `TƯ` mapped to the usual code (`TW`); Cyrillic capitals typed for the Latin ones they look like
/// (`СР`) written in Latin.
fn canonical_issuer_code<'a>(p: &'a Production<'_>) -> impl Fn(&str) -> String + 'a {
    move |written: &str| {
        let lex = p.rules.lexicon("issuer_codes");
        let latin: String = written.chars().map(latin_look_alike).collect();
        latin
            .split(['-', '–'])
            .map(|part| {
                let part = part.trim();
                lex.canonical_ci(part).map_or_else(|| part.to_string(), str::to_string)
            })
            .collect::<Vec<_>>()
            .join("-")
    }
}

/// The Latin capital a Cyrillic one looks like (`С` → `C`, `Р` → `P`); any other character as it is.
fn latin_look_alike(c: char) -> char {
    match c {
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' => 'E',
        'Н' => 'H',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Т' => 'T',
        'Х' => 'X',
        c => c,
    }
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

/// What joins the bodies that issued a text together: `Bộ Tư pháp, Bộ Công an và Bộ Y tế`,
/// `Ngân hàng Nhà nước - Bộ Tư pháp`.
const JOINERS: [&str; 4] = [", ", " và ", " - ", " – "];

/// The bodies that issued a joint text, as the page lists them: `Thông tư liên tịch số
/// 24/2015/TTLT-BYT-BGTVT của ‹Bộ GTVT và Bộ Y tế› về …`, `Ngày 31/8/2025, ‹Bộ Công An, Bộ Nông nghiệp
/// và Môi trường› đã có Kế hoạch 515/KH-BCA-BNN&MT`. As many bodies as the symbol names issuers
/// (`BYT-BGTVT`: two), each opening with the head of a body (`heads`: `Bộ Y tế`, `Bộ ‹GTVT›`), joined
/// by `,`, `và` or a dash. `None` where the page names fewer or more than the symbol (`QĐ-VEC-HĐTV`
/// of one company's board; `TT-BTC của Bộ Tài chính và Bộ Công an`) or they are not all bodies.
fn joint_issuer(
    p: &Production<'_>,
    issuer_code: &str,
    heads: &[&Lexicon],
    clean: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    let n = issuer_code.split('-').count();
    if n < 2 {
        return None;
    }
    // A body's name opens the text: a listed head (`Bộ Công an`, `Viện kiểm sát nhân dân`), or a head
    // word and a capital (`Bộ GTVT`; not `Bộ trưởng`, `Bộ này`).
    let opens_body = |s: &str| {
        let words: Vec<&str> = s.split(' ').take(6).collect();
        words.len() >= 2
            && words[0].starts_with(char::is_uppercase)
            && (1..words.len()).any(|k| {
                heads.iter().any(|h| h.contains_ci(&words[..k].join(" ")))
                    && (k > 1 || words[1].starts_with(char::is_uppercase))
            })
    };
    // A whole body: its clause has no stop (`Bộ Tài chính về …`) and no mark that ends a name.
    let whole_body = |s: &str| {
        opens_body(s)
            && !s.contains(['.', ';', ':', '(', ')', '"', '“', '”'])
            && clean(s).is_some_and(|c| c == fold_value(s))
    };
    let joiner_after = |s: &str| JOINERS.iter().any(|j| s.strip_prefix(j).is_some_and(opens_body));
    if let Some((start, _)) = p.span("issuer") {
        let line_end = p.text[start..].find('\n').map_or(p.text.len(), |i| start + i);
        let raw = &p.text[start..line_end];
        let mut joins: Vec<(usize, usize)> =
            JOINERS.iter().flat_map(|j| raw.match_indices(j).map(|(i, j)| (i, i + j.len()))).collect();
        joins.sort_unstable();
        let mut from = 0;
        let mut bodies = 1;
        for (at, next) in joins {
            if bodies == n {
                break;
            }
            if at < from || !opens_body(&raw[next..]) {
                continue;
            }
            if !whole_body(&raw[from..at]) {
                return None;
            }
            from = next;
            bodies += 1;
        }
        // The last runs to the end of its clause, or to what the bodies do (`… và Bộ Y tế ‹hướng dẫn›
        // đăng ký khai sinh`: list `body_acts`), and is cut there as any issuer is.
        let clause_end = raw[from..].find(['.', ';', ':', '(', '"', '“']).map_or(raw.len(), |i| from + i);
        let clause = &raw[from..clause_end];
        let lower = crate::normalize::lower_same_len(clause);
        let acts = p.rules.lexicon("body_acts").words_in(&lower).next().map_or(clause.len(), |(at, _, _)| at);
        let last = clean(&clause[..acts]).filter(|_| bodies == n && from > 0)?;
        // No body listed after the last one the symbol names.
        let last_end = raw[from..].find(last.as_str()).map(|i| from + i + last.len());
        if !opens_body(&raw[from..]) || last_end.is_some_and(|e| joiner_after(&raw[e..])) {
            return None;
        }
        return Some(format!("{} {last}", fold_value(raw[..from].trim_end())));
    }
    let (start, _) = p.span("issuer_before")?;
    let last = clean(p.group("issuer_before")?)?;
    let line_start = p.text[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut first = start;
    let mut bodies = 1;
    loop {
        let before = &p.text[line_start..first];
        let Some(body_end) = JOINERS.iter().find_map(|j| before.strip_suffix(j)).map(str::len) else { break };
        // The body before the joiner: the nearest that is one (`Bộ Tài nguyên ‹và› Môi trường`: not
        // `Môi trường`).
        let starts =
            JOINERS.iter().flat_map(|j| before[..body_end].match_indices(j).map(|(i, j)| i + j.len())).chain([0]);
        let mut starts: Vec<usize> = starts.collect();
        starts.sort_unstable_by(|a, b| b.cmp(a));
        let Some(s) = starts.into_iter().take(8).find(|&s| whole_body(&before[s..body_end])) else { break };
        bodies += 1;
        first = line_start + s;
        if bodies > n {
            return None;
        }
    }
    (bodies == n).then(|| format!("{} {last}", fold_value(p.text[first..start].trim_end())))
}

/// The issuer cut at the end of its clause; a `và` inside a body's listed name (`Bộ Tài nguyên và Môi
/// trường`, from `heads`) is no stop, nor one between two fields a body's name joins (`Ủy ban Kinh tế
/// và Tài chính`, `Ủy ban Pháp luật và Tư pháp`: `fields` after a head of `heads[0]`). The words
/// that end the clause are those of `stops` (`issuer_stops`).
fn clean_issuer_in(
    raw: &str,
    stops: &Lexicon,
    heads: &[&crate::rules::lexicon::Lexicon],
    fields: Option<&crate::rules::lexicon::Lexicon>,
) -> Option<String> {
    let mut s = fold_value(raw);
    let lower = crate::normalize::lower_same_len(&s);
    let in_head = |at: usize| {
        heads.iter().any(|h| inside_listed_name(h, &s, at))
            || fields.zip(heads.first()).is_some_and(|(f, h)| fields_joined(h, f, &s, at))
    };
    // Cut at the first stop, or at a stop the issuer ends with (`… về`).
    let first = stops
        .words_in(&lower)
        .filter(|&(start, _, stop)| match stop.key.as_str() {
            "và" => !in_head(start),
            // `Cục Người có công` names a body; `Bộ Tài chính có nội dung …` goes on with the sentence.
            "có" => !lower[..start].ends_with(" người"),
            _ => true,
        })
        .map(|(start, _, _)| start)
        .min();
    let at_end = stops
        .entries
        .iter()
        .map(|stop| stop.key.trim_end_matches('*'))
        .filter(|stop| lower.strip_suffix(stop).is_some_and(|before| before.ends_with(' ')))
        .map(|stop| lower.len() - stop.len() - 1);
    let cut = first.into_iter().chain(at_end).min();
    if let Some(c) = cut {
        s.truncate(c);
    }
    let s = crate::extract::trim_body_end(&s, &[' ', ',', '.', ';', ':', '-', '–']);
    (!s.is_empty()).then(|| s.to_string())
}

/// An issuer without the lower-case words read after its name that are no part of it (`Chính phủ
/// ‹đồng› ý`, `Ban Bí thư T.Ư Đảng ‹nói›`, `Bộ Chính trị ‹thành› lập`: the words of bodies' names
/// are read in any body's name); a lower-case word stays when it ends a listed name, unit or title
/// (`Chính ‹phủ›`, `Bộ Tài ‹chính›`, `UBND ‹tỉnh›`, `Bộ Tổng ‹tư lệnh›`), or a capitalised word
/// (`Hiệp hội Lương ‹thực›`) but a word that goes on with the sentence (`T.Ư Đảng ‹nói›`:
/// `sentence_goes_on`).
fn without_trailing_words(rules: &crate::rules::RuleSet, issuer: String) -> String {
    let lists = [
        rules.lexicon("issuers"),
        rules.lexicon("org_heads"),
        rules.lexicon("org_words"),
        rules.lexicon("admin_units"),
        rules.lexicon("positions"),
    ];
    let goes_on = rules.lexicon("sentence_goes_on");
    let tokens: Vec<&str> = issuer.split(' ').collect();
    let mut end = tokens.len();
    while end > 1 && tokens[end - 1].starts_with(char::is_lowercase) {
        let listed = (1..=end.min(6)).any(|n| {
            let tail = tokens[end - n..end].join(" ");
            lists.iter().any(|l| l.contains_ci(&tail))
        });
        // `Hiệp hội Lương ‹thực›`: a syllable after a capitalised word that ends the name (not one of
        // two, `Việt Nam ‹thi hành› kỷ luật`).
        let last = tokens[end - 1];
        let ends_word =
            end == tokens.len() && tokens[end - 2].starts_with(char::is_uppercase) && !goes_on.contains(last);
        if listed || ends_word {
            break;
        }
        end -= 1;
    }
    if end == tokens.len() { issuer } else { tokens[..end].join(" ") }
}

/// Whether the ` và ` at `at` in `s` joins two fields of one body's name: `‹head› ‹field› và ‹field›`,
/// the name ending there (`Ủy ban Văn hóa và Xã hội của Quốc hội`); not a second body (`Bộ Tài chính
/// và Ngân hàng Nhà nước`, `Bộ Tài chính và Bộ Xây dựng`).
fn fields_joined(
    heads: &crate::rules::lexicon::Lexicon,
    fields: &crate::rules::lexicon::Lexicon,
    s: &str,
    at: usize,
) -> bool {
    let before: Vec<&str> = s[..at].split(' ').filter(|w| !w.is_empty()).collect();
    let after: Vec<&str> = s[at + " và ".len()..].split(' ').filter(|w| !w.is_empty()).collect();
    let upper = |w: &&str| w.starts_with(char::is_uppercase);
    let field = |ws: &[&str]| ws.first().is_some_and(upper) && fields.contains_ci(&ws.join(" "));
    let head_before = (1..=3.min(before.len())).any(|n| {
        let rest = &before[..before.len() - n];
        field(&before[before.len() - n..])
            && (1..=2.min(rest.len())).any(|k| heads.contains_ci(&rest[rest.len() - k..].join(" ")))
    });
    head_before
        && (1..=3.min(after.len()))
            .any(|n| field(&after[..n]) && after.get(n).is_none_or(|w| w.starts_with(char::is_lowercase)))
}

/// Whether the ` và ` at `at` in `s` joins the words of one listed name: one to six words before it
/// (`Bộ ‹Văn hóa, Thể thao› và Du lịch`) and one to three after it make an entry of `heads`.
fn inside_listed_name(heads: &crate::rules::lexicon::Lexicon, s: &str, at: usize) -> bool {
    let starts: Vec<usize> = s[..at].match_indices(' ').map(|(i, _)| i + 1).chain([0]).collect();
    let after = at + " và ".len();
    let ends: Vec<usize> = s[after..].match_indices(' ').map(|(i, _)| after + i).chain([s.len()]).take(3).collect();
    starts.iter().rev().take(6).any(|&b| ends.iter().any(|&e| heads.contains_ci(&s[b..e])))
}

static AND: Lazy<memmem::Finder<'static>> = Lazy::new(|| memmem::Finder::new(" và "));
static COMMA: Lazy<memmem::Finder<'static>> = Lazy::new(|| memmem::Finder::new(", "));

/// Words that say how or when the verb of a sentence acts, right before it (`… ‹chính thức› có hiệu
/// lực`, `… ‹đã› có quy định`).
const VERB_ADVERBS: [&str; 5] = [" chính thức", " đã", " cũng", " đều", " vừa"];

/// An unquoted subject runs to the end of its clause: it stops before a comma that opens a new
/// clause, and before `và` that opens another document (`… và Quyết định số …`).
/// The words where it ends are those of `title_enders`, `clause_words`, `spells_out`, `asked_after`
/// and `body_acts`.
fn cut_unquoted_title(s: &str, rules: &RuleSet, doc_types: &Lexicon, bodies: &[&Lexicon]) -> String {
    let lower = crate::normalize::lower_same_len(s);
    let mut cut = s.len();
    // `và Quyết định số …`, `và Hướng dẫn 125-HD/…`, `và nghị định 15/2020/NĐ-CP`: another document,
    // its type written with a capital or its number after it (`về việc triển khai kế hoạch ‹và hướng
    // dẫn› công tác tuyển sinh`: a verb of the subject).
    let mut from = 0;
    while let Some(i) = AND.find(&lower.as_bytes()[from..]) {
        let at = from + i;
        let rest = &s[at + " và ".len()..];
        let words: Vec<&str> = rest.split(' ').take(5).collect();
        let numbered =
            |n: usize| words.get(n).is_some_and(|w| *w == "số" || w.starts_with(|c: char| c.is_ascii_digit()));
        let capital = rest.starts_with(char::is_uppercase);
        if (1..=4).any(|n| n <= words.len() && doc_types.contains_ci(&words[..n].join(" ")) && (capital || numbered(n)))
        {
            cut = cut.min(at);
            break;
        }
        from = at + 1;
    }
    // Words after which the sentence goes on past the subject (`… người dân ‹trong đó có yêu cầu›`,
    // `… ‹như sau›`, `… ‹thì› số thuế …`).
    let enders = rules.lexicon("title_enders");
    let mut verb = false;
    if let Some((i, _, ender)) = enders.words_in(&lower[..cut]).next() {
        cut = i;
        verb = ender.value.as_deref() == Some("verb");
        // The verb's adverbs go with it (`… luật Đất đai 2013 ‹chính thức› có hiệu lực`).
        if verb {
            while let Some(before) = VERB_ADVERBS.iter().find_map(|a| lower[..cut].strip_suffix(a)) {
                cut = before.len();
            }
        }
    }
    // The predicate of a new clause (`…, tỉnh ‹sẽ› hỗ trợ`, marked `=> verb`): its subject after a
    // comma goes too.
    if verb && let Some(comma) = lower[..cut].rfind(", ").filter(|&c| lower[c + 2..cut].split(' ').count() <= 3) {
        cut = comma;
    }
    // `là` too (`… ông Điền ‹là đúng thẩm quyền›`), unless a subject spells itself out with it
    // (`cán bộ, đảng viên, trước hết là Ủy viên Bộ Chính trị`); and `từ` before a date (`… Cảnh sát
    // biển ‹từ 31/8/2025›`).
    // (`lấy tên là`: the name given is the subject's)
    let word_before = |i: usize| lower[..i].rsplit(' ').next().unwrap_or("");
    let (spells_out, asked) = (rules.lexicon("spells_out"), rules.lexicon("asked_after"));
    if let Some((i, _)) = lower[..cut].match_indices(" là ").find(|&(i, _)| !spells_out.contains(word_before(i))) {
        cut = i;
    }
    // `yêu cầu` that asks something of someone is the sentence's verb (`… tổ chức lễ hội ‹yêu cầu› Sở
    // Văn hóa kiểm tra`); after `đáp ứng`, `theo`, `với` it is a noun of the subject.
    if let Some((i, _)) = lower[..cut].match_indices(" yêu cầu ").find(|&(i, _)| !asked.contains(word_before(i))) {
        cut = i;
    }
    let before_date = |i: usize| s[i + " từ ".len()..].starts_with(|c: char| c.is_ascii_digit());
    if let Some((i, _)) = lower[..cut].match_indices(" từ ").find(|&(i, _)| before_date(i)) {
        cut = i;
    }
    if let Some(i) = s[..cut].find('?') {
        cut = i;
    }
    cut = cut.min(before_own_amendment(&s[..cut], &lower[..cut], doc_types));
    // A bracket the cut leaves open (`… tỉnh Thanh Hóa (nghị quyết ‹có hiệu lực …›)`) goes with what
    // followed it.
    if let Some(open) = s[..cut].rfind('(').filter(|&i| !s[i..cut].contains(')')) {
        cut = open;
    }
    // What a cut leaves hanging: `… Việt Nam ‹và› có hiệu lực thi hành`.
    cut = s[..cut].trim_end_matches([' ', ',']).strip_suffix(" và").map_or(cut, str::len);
    let s = &s[..cut];
    let lower = &lower[..cut];
    let (clause_words, acts) = (rules.lexicon("clause_words"), rules.lexicon("body_acts"));
    let mut from = 0;
    while let Some(i) = COMMA.find(&s.as_bytes()[from..]) {
        let at = from + i;
        let segment_end = COMMA.find(&s.as_bytes()[at + 2..]).map_or(s.len(), |j| at + 2 + j);
        let segment = lower[at + 2..segment_end].trim();
        // A new clause says its verb within its first words (`tỉnh sẽ hỗ trợ`); further on, `bị` or
        // `được` belong to the subject (`vùng bị thiệt hại do thiên tai`).
        // (A body's name opening it may be long: `…, Cơ quan CSĐT Công an quận Thanh Xuân ‹đã› đưa …`.)
        let reach = if s[at + 2..].starts_with(char::is_uppercase) { 12 } else { 8 };
        let head = format!(" {} ", segment.split(' ').take(reach).collect::<Vec<_>>().join(" "));
        // `…, như: …`: examples of it follow, not more of the subject.
        let examples = segment.split([' ', ':']).next().is_some_and(|w| ["như", "gồm", "bao"].contains(&w));
        if examples
            || clause_words.entries.iter().any(|w| contains_word(&head, &w.key))
            || cites_document(&s[at + 2..segment_end], doc_types)
            || has_count(s[at + 2..segment_end].trim())
            || body_acts(&s[at + 2..segment_end], acts, bodies)
        {
            cut = cut.min(at);
            break;
        }
        from = at + 2;
    }
    // `… đối tượng dự thi gồm:`, `… nhằm`, `… cũng có ‹yêu cầu›`: the word that opens what the
    // sentence lists, aims at or has, left at the end (`nhằm` also before a comma or a stop, where `nhằm ` is not found).
    let s = &s[..cut];
    let openers = &rules.lexicon("list_openers").entries;
    let s = openers.iter().find_map(|w| s.strip_suffix(w.key.as_str()).and_then(|r| r.strip_suffix(' '))).unwrap_or(s);
    s.to_string()
}

/// `về thành lập, tổ chức lại … ‹được sửa đổi, bổ sung bởi Nghị định số 83/2024/NĐ-CP›`: the document
/// cited was amended since; that is no part of its subject. When the subject names a document
/// before it (`sửa đổi một số điều của Nghị quyết 231/2019/NQ-HĐND đã được sửa đổi, bổ sung tại …`),
/// the amendment is that document's, and stays. Returns where the subject ends.
fn before_own_amendment(s: &str, lower: &str, doc_types: &crate::rules::lexicon::Lexicon) -> usize {
    let Some(at) = lower.find(" được sửa đổi") else { return s.len() };
    let rest = lower[at + " được sửa đổi".len()..].trim_start_matches([',', ' ']);
    let rest = rest.strip_prefix("bổ sung").unwrap_or(rest).trim_start_matches([',', ' ']);
    let rest = rest.strip_prefix("một số điều ").unwrap_or(rest);
    let by = ["bởi ", "tại ", "theo "].iter().find_map(|w| rest.strip_prefix(w));
    let names_document = |t: &str| {
        let words: Vec<&str> = t.split_whitespace().collect();
        (0..words.len())
            .any(|i| (1..=4).any(|n| i + n <= words.len() && doc_types.contains_ci(&words[i..i + n].join(" "))))
    };
    if !by.is_some_and(names_document) || cites_document(&s[..at], doc_types) || s[..at].contains('/') {
        return s.len();
    }
    let head = lower[..at].strip_suffix(" đã").unwrap_or(&lower[..at]);
    let head = head.strip_suffix(" (").or_else(|| head.strip_suffix(" (đã")).unwrap_or(head);
    head.trim_end_matches(['(', ' ', ',']).len()
}

/// Whether `w` stands in `padded` (words between spaces, a space at each end) as words of its own.
fn contains_word(padded: &str, w: &str) -> bool {
    // Where a word begins, after a space: no substring searcher is set up for a text of a few words.
    let b = padded.as_bytes();
    memchr::memchr_iter(b' ', b).any(|i| b[i + 1..].starts_with(w.as_bytes()) && b.get(i + 1 + w.len()) == Some(&b' '))
}

/// `gắn với thực hiện Nghị quyết số 29-NQ/TW`: another document cited after a comma is no part of
/// the subject; one the subject names (`sửa đổi, bổ sung một số điều ‹của› Nghị định …`, `… ban hành
/// ‹kèm theo› Nghị quyết …`, `sửa đổi, bổ sung ‹tại› Nghị quyết …`, `bổ sung ‹Điều 128› Thông tư …`)
/// is. A clause that opens with the document (`, tại Quyết định …`, `, theo Nghị định …`) is a new one.
fn cites_document(segment: &str, doc_types: &crate::rules::lexicon::Lexicon) -> bool {
    let words: Vec<&str> = segment.split(' ').collect();
    let named_by_subject = |i: usize| match i {
        0 => false,
        1 => words[0] == "của",
        _ => {
            matches!(words[i - 1], "của" | "tại" | "bởi")
                || [["kèm", "theo"], ["sửa", "đổi"], ["bổ", "sung"], ["thay", "thế"], ["bãi", "bỏ"]]
                    .contains(&[words[i - 2], words[i - 1]])
                // `sửa đổi, bổ sung ‹Điều 128› Thông tư số …`: an article of it.
                || (matches!(words[i - 2], "Điều" | "điều") && words[i - 1].starts_with(|c: char| c.is_ascii_digit()))
        }
    };
    (0..words.len()).any(|i| {
        (1..=4).any(|n| {
            i + n < words.len()
                && words[i].starts_with(char::is_uppercase)
                && !named_by_subject(i)
                && (words[i + n] == "số" || words[i + n].starts_with(|c: char| c.is_ascii_digit()))
                && doc_types.contains_ci(&words[i..i + n].join(" "))
        })
    })
}

/// `…, ‹Ủy ban Thường vụ Quốc hội quyết định› …`, `…, ‹Cục Hải quan có ý kiến›`: after a comma, a body
/// named by a head of `bodies`, capitalised, and then what it does (`acts`) is the subject of a new clause, not
/// more of the document's (a list of bodies stays: `… thuộc diện Bộ Chính trị, Ban Bí thư quản lý`, and
/// so does who issued it: `…, Ban Bí thư quản lý ‹do› Ban Chấp hành Trung ương ban hành`).
fn body_acts(segment: &str, acts: &Lexicon, bodies: &[&Lexicon]) -> bool {
    let words: Vec<&str> = segment.split(' ').take(5).collect();
    let named = (1..words.len()).any(|n| {
        let head = words[..n].join(" ");
        bodies.iter().any(|b| b.contains(&head))
    });
    let padded = format!("{segment} ");
    named
        && segment.starts_with(char::is_uppercase)
        && !padded.contains(" do ")
        && acts.words_in(&padded).next().is_some()
}

/// A number other than a year (`hỗ trợ 45 doanh nghiệp`, `thêm 7,2%`) after a comma is a fact
/// reported, not the subject of a document, which names periods by their years. Digits inside a
/// word name something (`COVID-19`, `G7`), and so do a few digits ending a name (`đường Đông Tây
/// 1`, `Quân khu 4 Trung`); codes count nothing.
fn has_count(segment: &str) -> bool {
    // The day, month and year of a date spelled with words (`ngày 01 tháng 3 năm 2025`) count nothing.
    // Nor does the number of levels of a model (`chính quyền địa phương 02 cấp`): it names the model.
    let mut after_date_word = false;
    let mut after_capital = false;
    let mut words = segment.split(' ').peekable();
    std::iter::from_fn(|| words.next().map(|w| (w, words.peek().copied()))).any(|(word, next)| {
        let dated = std::mem::replace(
            &mut after_date_word,
            matches!(word, "ngày" | "tháng" | "năm" | "Ngày" | "Tháng" | "Năm"),
        );
        // (A name's number is whole and short, and ends the name: `Đông Tây 1`, not `ông Long 2,5
        // triệu đồng`, `Điều 1.9`.)
        let after_name = std::mem::replace(&mut after_capital, word.starts_with(char::is_uppercase));
        let bare = word.trim_end_matches(['.', ',', ';', ')']);
        let named = after_name
            && (1..=3).contains(&bare.len())
            && bare.bytes().all(|b| b.is_ascii_digit())
            && next.is_none_or(|n| n.starts_with(char::is_uppercase));
        if dated || named || next.is_some_and(|n| n.trim_end_matches([',', ';', '.']) == "cấp") {
            return false;
        }
        let word = word.trim_start_matches(['(', '[', '“', '"']);
        let digits: &str = &word[..word.bytes().take_while(u8::is_ascii_digit).count()];
        // A document's code (`100/2019/NĐ-CP`, `68-QĐ/TW`) counts nothing either.
        let code = word[digits.len()..].starts_with(['/', '-']) && word.chars().any(char::is_alphabetic);
        // Nor does a date (`ngày 17/10/2025`).
        let date = parse_date(word.trim_end_matches([',', ';', '.', ')'])).is_some();
        !digits.is_empty()
            && !code
            && !date
            && !(digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20")))
    })
}

fn clean_title(raw: &str, rules: &RuleSet, doc_types: &Lexicon, bodies: &[&Lexicon]) -> Option<String> {
    // `”về phương hướng …”`: a closing-style quote typed where the opening one belongs.
    let folded = fold_value(raw.strip_prefix('”').unwrap_or(raw));
    // `**…**`: a page's bold marks are no words of the subject; a footnote mark (`…**^**Nghị định …`)
    // ends it.
    let folded = folded.split('^').next().unwrap_or_default();
    // A subject set in bold (`**về sắp xếp …** có quy định`) ends where the bold does.
    let unbold = folded.strip_prefix("**").map(|f| f.replace("****", ""));
    let folded = match unbold.as_deref().and_then(|f| f.split_once("**")) {
        Some((bold, _)) if !bold.trim().is_empty() => bold,
        _ => folded,
    };
    let folded = if folded.contains("**") { folded.replace("**", "") } else { folded.to_string() };
    let s = before_ellipsis(&folded).to_string();
    let quoted = s.trim_start_matches(|c: char| c.is_alphabetic() || c == ' ' || c == '/').starts_with(['"', '“', '«']);
    let s = if quoted { s } else { cut_unquoted_title(&s, rules, doc_types, bodies) };
    let s = strip_outer_quotes(&s);
    let lower = crate::normalize::lower_same_len(s);
    let s = ["về việc ", "v/v ", "về "].iter().find(|p| lower.starts_with(*p)).map_or(s, |p| &s[p.len()..]).trim();
    let s = s.trim_end_matches([' ', ',', ';', ':', '.', '…']);
    // `"*Về tăng cường …*"`: italics marks inside the quotes.
    let s = s.trim_matches('*').trim();
    let lower = crate::normalize::lower_same_len(s);
    let s = ["về việc ", "về "].iter().find(|p| lower.starts_with(*p)).map_or(s, |p| &s[p.len()..]).trim();
    let s = strip_outer_quotes(s);
    let s = without_abbreviation(s);
    let s = without_remark(s, rules.lexicon("remarks"));
    (!s.is_empty() && !points_back(s, rules.lexicon("points_back"))).then(|| s.to_string())
}

/// `báo cáo việc thực hiện Nghị quyết số 18-NQ/TW ‹về nội dung trên›`: words that point back to what
/// the page said before (`back`: `points_back`) name no subject of the document.
fn points_back(s: &str, back: &Lexicon) -> bool {
    let lower = crate::normalize::lower(s);
    back.entries
        .iter()
        .any(|b| lower.strip_prefix(&b.key).is_some_and(|r| r.is_empty() || r.starts_with([' ', ',', '.'])))
}

/// `phân bổ ngân sách năm 2026 ‹(đính kèm)›`, `… hội ‹(sửa đổi, bổ sung tại Nghị định …)›`, `…
/// ‹*(bản chụp …›`: a remark in brackets after the subject is the page's, not the subject's (what
/// the subject names in brackets stays: `(PPP)`, `(huyện Tây Giang)`, `Luật Chứng khoán (sửa đổi)`);
/// a remark opens with a word of `remarks`.
fn without_remark<'s>(s: &'s str, remarks: &Lexicon) -> &'s str {
    let Some(open) = s.rfind(" (").or_else(|| s.rfind(" *(")) else { return s };
    let inner = s[open..].trim_start_matches([' ', '*', '(']);
    let closed_at_end = s.ends_with(')') || !s[open..].contains(')');
    if closed_at_end && remarks.entries.iter().any(|r| inner.starts_with(r.key.as_str())) && open > 0 {
        s[..open].trim_end()
    } else {
        s
    }
}

/// `… Đề án “Trợ giúp …”… Đây là những chính sách …`: an ellipsis before a capital, outside quotes,
/// ends the sentence.
fn before_ellipsis(s: &str) -> &str {
    let outside_quotes = |i: usize| s[..i].matches(['“', '«']).count() == s[..i].matches(['”', '»']).count();
    s.match_indices("… ")
        .find(|&(i, _)| s[i + "… ".len()..].starts_with(char::is_uppercase) && outside_quotes(i))
        .map_or(s, |(i, _)| &s[..i])
}

/// `tiền sử dụng đất (TSDĐ)`: the abbreviation a page brings in for the words before it (their
/// initials) is no part of the subject; a name in brackets that abbreviates nothing said (`đối tác
/// công tư (PPP)`) is.
fn without_abbreviation(s: &str) -> &str {
    let Some(open) = s.strip_suffix(')').and_then(|r| r.rfind(" (")) else { return s };
    let inside = &s[open + 2..s.len() - 1];
    let letters: Vec<char> = inside.chars().collect();
    if letters.len() < 2 || letters.len() > 10 || !letters.iter().all(|c| c.is_uppercase()) {
        return s;
    }
    let words: Vec<&str> = s[..open].split_whitespace().collect();
    let initials = words[words.len().saturating_sub(letters.len())..]
        .iter()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase);
    if words.len() >= letters.len() && initials.eq(letters.iter().copied()) { s[..open].trim_end() } else { s }
}

/// A title without the quotes around it, and without a quote left at an end that nothing inside
/// matches; the quotes a title holds (`Nâng cao “chất lượng”`) stay.
fn strip_outer_quotes(s: &str) -> &str {
    let is_open = |c: char| matches!(c, '“' | '«');
    let is_close = |c: char| matches!(c, '”' | '»');
    let unmatched = |s: &str| {
        let opens = s.chars().filter(|&c| is_open(c)).count();
        let closes = s.chars().filter(|&c| is_close(c)).count();
        let straight = s.chars().filter(|&c| c == '"').count();
        (opens, closes, straight)
    };
    let mut s = s.trim_matches([' ', '\'']);
    loop {
        let before = s;
        if let Some(rest) = s.strip_prefix(['“', '«', '"']) {
            let (o, c, q) = unmatched(rest);
            // Strip the quote that opens the title when the rest does not close it, or closes it at
            // its end only.
            let closes_at_end = rest.ends_with(['”', '»', '"']);
            if (o >= c && q % 2 == 0) || closes_at_end {
                s = rest.trim_start();
            }
        }
        if let Some(rest) = s.strip_suffix(['”', '»', '"']) {
            let (o, c, q) = unmatched(rest);
            // A closing quote that no opening quote inside matches.
            if o <= c && q % 2 == 0 {
                s = rest.trim_end();
            }
        }
        if s == before {
            return s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_around_a_title_go_and_those_inside_stay() {
        assert_eq!(strip_outer_quotes("“Nâng cao chất lượng”"), "Nâng cao chất lượng");
        assert_eq!(strip_outer_quotes("Nâng cao “chất lượng”"), "Nâng cao “chất lượng”");
        assert_eq!(strip_outer_quotes("“Nâng cao “chất lượng” đội ngũ”"), "Nâng cao “chất lượng” đội ngũ");
        assert_eq!(strip_outer_quotes("\"Tăng cường\""), "Tăng cường");
        assert_eq!(strip_outer_quotes("Tăng cường”"), "Tăng cường", "a closing quote left alone");
        assert_eq!(strip_outer_quotes("“Tăng cường"), "Tăng cường", "an opening quote left alone");
        assert_eq!(strip_outer_quotes("“”"), "");
    }

    /// A body that says it issued several texts, then lists them, issued each (`ban hành … gồm`).
    #[test]
    fn a_body_that_issued_several_texts_issued_those_it_lists() {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let lists = [rules.lexicon("positions"), rules.lexicon("admin_units"), rules.lexicon("issuers")];
        let before = "Từ 1996 đến nay, Chính phủ đã lần lượt ban hành tới 8 Nghị định về CPH DNNN bao gồm ";
        assert_eq!(agent_before(before, "CP", lists).as_deref(), Some("Chính phủ"));
        let before = "Quốc hội đã thông qua 3 luật, gồm ";
        assert_eq!(agent_before(before, "QH15", lists), None, "past a comma, the list is no longer its own");
        let before = "Chính phủ đã xem xét 8 Nghị định về CPH DNNN bao gồm ";
        assert_eq!(agent_before(before, "CP", lists), None, "no act of issuing");
        let before = "Bộ Tài chính đã ban hành 3 Thông tư gồm ";
        assert_eq!(agent_before(before, "CP", lists), None, "a body the symbol does not name");
        let before = "Chính phủ đã ban hành 3 văn bản quy định chi tiết gồm ";
        assert_eq!(agent_before(before, "CP", lists), None, "`quy định` says what rules, not who issued");
    }

    /// A reference the sentence opens with (`Theo`, `Tại`) was issued by the body its symbol names
    /// when that body opens the next clause as its subject.
    #[test]
    fn a_reference_opening_the_sentence_was_issued_by_the_body_acting_after_it() {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let lists = [rules.lexicon("positions"), rules.lexicon("admin_units"), rules.lexicon("issuers")];
        let after = " ngày 28/5/2025, Thủ tướng Chính phủ đã giao Ủy ban nhân dân tỉnh";
        assert_eq!(agent_after("Theo ", after, "TTG", lists).as_deref(), Some("Thủ tướng Chính phủ"));
        assert_eq!(agent_after("**Tại ", ", Bộ Tài chính yêu cầu", "BTC", lists).as_deref(), Some("Bộ Tài chính"));
        assert_eq!(agent_after("Theo ", ", Bộ Y tế đã giao", "BTC", lists), None, "a body the symbol does not name");
        assert_eq!(agent_after("Theo ", ", Bộ Tài chính.", "BTC", lists), None, "no verb after it");
        assert_eq!(agent_after("Theo ", ", năm 2025 Bộ Tài chính giao", "BTC", lists), None, "not opening its clause");
        assert_eq!(
            agent_after("Ông A cho biết theo ", ", Bộ Tài chính giao", "BTC", lists),
            None,
            "not opening the sentence"
        );
    }

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

    /// The issuer cut as it was written first: each stop searched for on its own (` về `, ` ban hành`).
    fn clean_issuer_stop_by_stop(stops: &[String], raw: &str) -> Option<String> {
        let mut s = fold_value(raw);
        let lower = crate::normalize::lower_same_len(&s);
        let cut = stops
            .iter()
            .filter_map(|stop| {
                lower
                    .find(stop.as_str())
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
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let stops = rules.lexicon("issuer_stops");
        // As the stops were written in code: ` về ` (a word), ` ban hành` (`ban hành*`: before anything).
        let words: Vec<String> = stops
            .entries
            .iter()
            .map(|e| e.key.strip_suffix('*').map_or_else(|| format!(" {} ", e.key), |k| format!(" {k}")))
            .collect();
        let spaced: Vec<String> = words.iter().cloned().chain(["".into(), " ".into()]).collect();
        let mut cases = Vec::new();
        for a in &words {
            for b in &spaced {
                let (a, b) = (a.as_str(), b.as_str());
                for (x, y) in [(a, b), (a.trim_end(), b), (b, a), (b, a.trim_end())] {
                    cases.push(format!("Bộ Chính trị{x}Tỉnh ủy{y}"));
                    cases.push(format!("{x}UBND{y}"));
                    cases.push(format!("Ban{x}{y}"));
                    cases.push(format!("BAN CHẤP HÀNH{}{}", x.to_uppercase(), y));
                }
            }
        }
        cases.push("Bộ Chính trị về đẩy mạnh và Ban Bí thư trong tháng".into());
        for c in &cases {
            assert_eq!(clean_issuer_in(c, stops, &[], None), clean_issuer_stop_by_stop(&words, c), "{c:?}");
        }
        assert!(cases.len() > 3000);
    }

    #[test]
    fn issuers_stop_at_the_subject() {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let stops = rules.lexicon("issuer_stops");
        assert_eq!(
            clean_issuer_in("Ban Chấp hành Trung ương Đảng khóa X về ", stops, &[], None).as_deref(),
            Some("Ban Chấp hành Trung ương Đảng khóa X")
        );
        assert_eq!(
            clean_issuer_in("Bộ Chính trị về đẩy mạnh học tập", stops, &[], None).as_deref(),
            Some("Bộ Chính trị")
        );
        assert_eq!(clean_issuer_in("Thành uỷ Hà Nội ", stops, &[], None).as_deref(), Some("Thành ủy Hà Nội"));
        let heads = &[rules.lexicon("org_heads"), rules.lexicon("issuers")];
        assert_eq!(
            clean_issuer_in("Bộ trưởng Bộ Tài nguyên và Môi trường về hồ sơ", stops, heads, None).as_deref(),
            Some("Bộ trưởng Bộ Tài nguyên và Môi trường"),
            "a ministry's name holds `và`"
        );
        assert_eq!(clean_issuer_in("Bộ Chính trị và Ban Bí thư", stops, heads, None).as_deref(), Some("Bộ Chính trị"));
        assert_eq!(
            clean_issuer_in("Sở Khoa học và Công nghệ và UBND tỉnh", stops, heads, None).as_deref(),
            Some("Sở Khoa học và Công nghệ")
        );
    }

    #[test]
    fn titles_lose_quotes_and_a_leading_ve() {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let types = crate::rules::lexicon::Lexicon::parse("t", "t", "Quyết định\nHướng dẫn\n").unwrap();
        let t = |s: &str| clean_title(s, &rules, &types, &[]);
        assert_eq!(
            t("“Về tiếp tục xây dựng giai cấp công nhân”").as_deref(),
            Some("tiếp tục xây dựng giai cấp công nhân")
        );
        assert_eq!(t("về việc tăng cường kỷ luật").as_deref(), Some("tăng cường kỷ luật"));
        assert_eq!(t("đẩy mạnh học tập.").as_deref(), Some("đẩy mạnh học tập"));
        assert_eq!(
            t("về thành lập thành phố Phủ Lý**^**Nghị định 63-CP").as_deref(),
            Some("thành lập thành phố Phủ Lý")
        );
        assert_eq!(t("về tuyển sinh tại **cấp tỉnh**").as_deref(), Some("tuyển sinh tại cấp tỉnh"));
    }

    fn doc(code: &str, issued: &str, issuer: &str, title: &str) -> Candidate {
        let v = |s: &str| if s.is_empty() { Value::Null } else { Value::str(s) };
        Candidate {
            kind: Kind::Document,
            rule: 0,
            start: 0,
            end: 0,
            fields: vec![v("Nghị quyết"), v("1"), Value::Null, v(code), v(issued), v(issuer), v(title), Value::Null],
        }
    }

    #[test]
    fn mentions_of_one_document_share_what_its_fullest_mention_says() {
        let mut docs = vec![
            doc("20-NQ/TW", "", "", ""),
            doc("20-NQ/TW", "2008-01-28", "Ban Chấp hành Trung ương", ""),
            doc("20-NQ/TW", "", "Bộ Chính trị", "xây dựng giai cấp công nhân"),
            doc("21-NQ/TW", "", "", ""),
        ];
        share_fields_between_mentions(&mut docs);
        let f = |d: &Candidate, name: &str| d.fields[Kind::Document.field_index(name).unwrap()].clone();
        for d in &docs[..3] {
            assert_eq!(f(d, "issued"), Value::str("2008-01-28"));
            assert_eq!(f(d, "title"), Value::str("xây dựng giai cấp công nhân"), "said once, by one mention");
        }
        // The issuer said two ways: each mention keeps its own, the silent one takes the fullest's.
        assert_eq!(f(&docs[0], "issuer"), Value::str("Ban Chấp hành Trung ương"));
        assert_eq!(f(&docs[2], "issuer"), Value::str("Bộ Chính trị"));
        assert_eq!(f(&docs[3], "issued"), Value::Null, "another document");
    }

    /// A document record at the place of its reference in `text`.
    fn doc_at(text: &str, reference: &str, symbol: &str, issuer: &str) -> Candidate {
        let start = text.find(reference).expect("reference in text");
        let mut d = doc("", "", issuer, "");
        d.fields[Kind::Document.field_index("symbol").unwrap()] = Value::str(symbol);
        d.start = start;
        d.end = start + reference.len();
        d
    }

    #[test]
    fn the_issuer_after_a_list_is_every_item_s_of_the_same_issuer() {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let issuer = |d: &Candidate| d.fields[Kind::Document.field_index("issuer").unwrap()].clone();
        let t = "theo Nghị quyết 19/2016/NQ-CP ngày 28/4/2016, Nghị quyết 20/NQ-CP và Nghị quyết 35/NQ-CP ngày \
                 16/5/2016 của Chính phủ.";
        let mut docs = vec![
            doc_at(t, "Nghị quyết 19/2016/NQ-CP", "NQ-CP", ""),
            doc_at(t, "Nghị quyết 20/NQ-CP", "NQ-CP", ""),
            doc_at(t, "Nghị quyết 35/NQ-CP", "NQ-CP", "Chính phủ"),
        ];
        share_issuer_over_lists(t, &rules, &mut docs);
        assert!(docs.iter().all(|d| issuer(d) == Value::str("Chính phủ")));

        // (page, first reference and its symbol, second reference and its symbol, why the first gets none)
        let left_alone = [
            (
                "Nghị định 111/2015/NĐ-CP và Thông tư 55/2015/TT-BCT của Bộ Công Thương.",
                ("Nghị định 111/2015/NĐ-CP", "NĐ-CP"),
                ("Thông tư 55/2015/TT-BCT", "TT-BCT"),
                "another issuer's symbol",
            ),
            (
                "Nghị định 1/2015/NĐ-CP quy định mức phạt, Nghị định 2/2016/NĐ-CP của Chính phủ.",
                ("Nghị định 1/2015/NĐ-CP", "NĐ-CP"),
                ("Nghị định 2/2016/NĐ-CP", "NĐ-CP"),
                "words between them: no list",
            ),
            (
                "Chính phủ ban hành Nghị định 1/2015/NĐ-CP và Nghị định 2/2016/NĐ-CP quy định mức phạt.",
                ("Nghị định 1/2015/NĐ-CP", "NĐ-CP"),
                ("Nghị định 2/2016/NĐ-CP", "NĐ-CP"),
                "the last item's issuer said before it, not after the list",
            ),
        ];
        for (t, (first, first_symbol), (second, second_symbol), why) in left_alone {
            let mut docs = vec![doc_at(t, first, first_symbol, ""), doc_at(t, second, second_symbol, "Chính phủ")];
            share_issuer_over_lists(t, &rules, &mut docs);
            assert_eq!(issuer(&docs[0]), Value::Null, "{why}");
        }

        // A symbol that names no type begins with its issuer; a line wrapped inside the list.
        let t = "theo văn bản số 57/TB-VPCP ngày 2 tháng 3 năm 2025 và văn bản số 104/VPCP-NN ngày\n7 tháng 3 \
                 năm 2025 của Văn phòng Chính phủ.";
        let mut docs = vec![
            doc_at(t, "văn bản số 57/TB-VPCP", "TB-VPCP", ""),
            doc_at(t, "văn bản số 104/VPCP-NN", "VPCP-NN", "Văn phòng Chính phủ"),
        ];
        share_issuer_over_lists(t, &rules, &mut docs);
        assert_eq!(issuer(&docs[0]), Value::str("Văn phòng Chính phủ"));
        // A new item on a line of its own keeps its own silence.
        let t = "1. Quyết định 5/QĐ-UBND;\n2. Quyết định 6/QĐ-UBND của UBND tỉnh An Hòa.";
        let mut docs = vec![
            doc_at(t, "Quyết định 5/QĐ-UBND", "QĐ-UBND", ""),
            doc_at(t, "Quyết định 6/QĐ-UBND", "QĐ-UBND", "UBND tỉnh An Hòa"),
        ];
        share_issuer_over_lists(t, &rules, &mut docs);
        assert_eq!(issuer(&docs[0]), Value::Null, "a numbered item of its own");

        // Numbers without a symbol share it when they are of one type.
        let typed = |t: &str, reference: &str, doc_type: &str, issuer: &str| {
            let mut d = doc_at(t, reference, "", issuer);
            d.fields[Kind::Document.field_index("symbol").unwrap()] = Value::Null;
            d.fields[Kind::Document.field_index("doc_type").unwrap()] = Value::str(doc_type);
            d
        };
        let t = "Thông tư số 21/2013, Thông tư số 6/2015 và Thông tư số 17/2016 của Bộ Tài chính hướng dẫn.";
        let mut docs = vec![
            typed(t, "Thông tư số 21/2013", "Thông tư", ""),
            typed(t, "Thông tư số 6/2015", "Thông tư", ""),
            typed(t, "Thông tư số 17/2016", "Thông tư", "Bộ Tài chính"),
        ];
        share_issuer_over_lists(t, &rules, &mut docs);
        assert!(docs.iter().all(|d| issuer(d) == Value::str("Bộ Tài chính")));
        let t = "Nghị định số 15 và Thông tư số 26 của Bộ Tài chính.";
        let mut docs =
            vec![typed(t, "Nghị định số 15", "Nghị định", ""), typed(t, "Thông tư số 26", "Thông tư", "Bộ Tài chính")];
        share_issuer_over_lists(t, &rules, &mut docs);
        assert_eq!(issuer(&docs[0]), Value::Null, "another type: another issuer's, perhaps");

        // The issuer said before the first item is the next one's of the same issuer, its subject between.
        let t = "Quốc hội đã thông qua Nghị quyết 24/2025/QH15 ngày 3 tháng 11 năm 2025 về dự toán ngân sách năm \
                 2026 và Nghị quyết 25/2025/QH15 ngày 4 tháng 11 năm 2025 về phân bổ ngân sách.";
        let mut docs = vec![
            doc_at(t, "Nghị quyết 24/2025/QH15", "QH15", "Quốc hội"),
            doc_at(t, "Nghị quyết 25/2025/QH15", "QH15", ""),
        ];
        share_issuer_over_lists(t, &rules, &mut docs);
        assert_eq!(issuer(&docs[1]), Value::str("Quốc hội"));
        let left_alone = [
            (
                "Chính phủ ban hành Nghị định 1/2020/NĐ-CP về vận tải, thay thế Nghị định 2/2014/NĐ-CP.",
                "Nghị định 2/2014/NĐ-CP",
                "not an item of the list: a verb before it",
            ),
            (
                "Chính phủ ban hành Nghị định 1/2020/NĐ-CP về vận tải. Nghị định 2/2014/NĐ-CP hết hiệu lực.",
                "Nghị định 2/2014/NĐ-CP",
                "another sentence",
            ),
            (
                "Chính phủ ban hành Nghị định 1/2020/NĐ-CP hướng dẫn Luật Thuế của Quốc hội, Nghị định 2/2014/NĐ-CP.",
                "Nghị định 2/2014/NĐ-CP",
                "another issuer said between",
            ),
        ];
        for (t, second, why) in left_alone {
            let mut docs =
                vec![doc_at(t, "Nghị định 1/2020/NĐ-CP", "NĐ-CP", "Chính phủ"), doc_at(t, second, "NĐ-CP", "")];
            share_issuer_over_lists(t, &rules, &mut docs);
            assert_eq!(issuer(&docs[1]), Value::Null, "{why}");
        }
    }

    #[test]
    fn a_body_s_initials_are_the_issuer_part_of_its_symbols() {
        assert_eq!(initials(&["Bộ", "Giao", "thông", "vận", "tải"]), "BGTVT");
        assert_eq!(initials(&["Bộ", "GTVT"]), "BGTVT");
        assert_eq!(initials(&["Bộ", "VH-TT&DL"]), "BVHTTDL");
        assert_eq!(initials(&["Ủy", "ban", "nhân", "dân"]), "UBND");
        assert_eq!(initials(&["HĐND"]), "HDND");
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let lists = [rules.lexicon("positions"), rules.lexicon("admin_units"), rules.lexicon("issuers")];
        let agent = |s: &str, part: &str| agent_before(s, part, lists);
        assert_eq!(agent("Dự án đã được UBND TP Hà Nội cho phép theo ", "UBND").as_deref(), Some("UBND TP Hà Nội"));
        assert_eq!(agent("Dự án đã được HĐND Thành phố thống nhất tại ", "HDND").as_deref(), Some("HĐND Thành phố"));
        assert_eq!(agent("Dự án được Thủ tướng Chính phủ đồng ý tại ", "TTG").as_deref(), Some("Thủ tướng Chính phủ"));
        assert_eq!(agent("theo chỉ đạo của UBND tỉnh An Hòa (", "UBND").as_deref(), Some("UBND tỉnh An Hòa"));
        assert_eq!(agent("Thuốc được Bộ Y tế cấp phép, theo ", "BYT"), None, "a comma: another clause");
        assert_eq!(agent("của Bộ Y tế về việc thực hiện ", "BYT"), None, "no act of the body leads to it");
        assert_eq!(
            agent("Nhà máy được cấp phép sau khi Thủ tướng Chính phủ chấp thuận chủ trương đầu tư tại ", "TTG")
                .as_deref(),
            Some("Thủ tướng Chính phủ"),
            "the subject of an active verb"
        );
        assert_eq!(
            agent("Tuyến đường được Thủ tướng Chính phủ bổ sung vào Quy hoạch giao thông tại ", "TTG").as_deref(),
            Some("Thủ tướng Chính phủ"),
            "a name in the act"
        );
        assert_eq!(
            agent("Năm ngoái, Bộ GTVT đã đồng ý cho Công ty An Bình thí điểm dịch vụ đặt xe qua ứng dụng (", "BGTVT")
                .as_deref(),
            Some("Bộ GTVT")
        );
        assert_eq!(agent("Bộ Y tế yêu cầu các bệnh viện thực hiện như quy định tại ", "BYT"), None, "where a rule is");
        assert_eq!(agent("Bộ Y tế cho biết, các bệnh viện đã làm theo ", "BYT"), None, "another clause");
        assert_eq!(agent("Sở Y tế đề nghị các đơn vị thực hiện tại ", "BYT"), None, "a body the symbol does not name");
        assert_eq!(agent("Bộ Y tế chỉ đạo tiếp tục thực hiện theo ", "BYT"), None, "acting by a text is no issuing");
    }

    #[test]
    fn a_legal_text_s_own_number_takes_its_header() {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let field = |d: &Candidate, name: &str| d.fields[Kind::Document.field_index(name).unwrap()].clone();
        let own = |t: &str, code: &str| {
            let mut d = doc_at(t, code, "", "");
            d.fields[Kind::Document.field_index("code").unwrap()] = Value::str(code);
            let mut docs = vec![d];
            fill_own_number(t, &rules, &mut docs);
            docs.pop().unwrap()
        };
        // An old-style formula in capitals, completed by nothing: it names its body whole.
        let t = "**ỦY BAN NHÂN DÂN**\nTỈNH AN HÒA\n-------\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n\
                 Số: 12/QĐ-UBND\n|\n*An Hòa, ngày 3 tháng 4 năm 2025*\n|\n**QUYẾT ĐỊNH**\nVỀ\nVIỆC CÔNG BỐ DANH MỤC \
                 THỦ TỤC\nHÀNH CHÍNH MỚI\n**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN HÒA**\n*Căn cứ Luật Tổ chức;*\n\
                 **QUYẾT ĐỊNH:**\n**Điều 1.** Công bố.";
        let d = own(t, "12/QĐ-UBND");
        assert_eq!(field(&d, "issued"), Value::str("2025-04-03"));
        assert_eq!(field(&d, "issuer"), Value::str("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN HÒA"));
        assert_eq!(field(&d, "title"), Value::str("CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI"));
        // The formula in a sentence after the grounds names the body short: the header names it whole.
        let t = "**ỦY BAN NHÂN DÂN\n**\nTỈNH AN HÒA\n-------\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n\
                 Số: 7/2025/QĐ-UBND\n|\n*An Hòa, ngày 24 tháng11 năm 2025*\n**QUYẾT ĐỊNH**\nBÃI BỎ QUYẾT ĐỊNH SỐ 1\n\
                 *Căn cứ Luật Tổ chức;*\n*Ủy ban nhân dân ban\nhành Quyết định bãi bỏ.*\n**Điều 1.** Bãi bỏ.";
        let d = own(t, "7/2025/QĐ-UBND");
        assert_eq!(field(&d, "issued"), Value::str("2025-11-24"));
        assert_eq!(field(&d, "issuer"), Value::str("ỦY BAN NHÂN DÂN TỈNH AN HÒA"));
        assert_eq!(field(&d, "title"), Value::Null, "a caps title without `về` is none");
        // A letter: the body in bold under its parent, the subject after `V/v`.
        let t = "BỘ CÔNG\nNGHIỆP\n**CỤC MỎ**\n--------\n|\n**CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n\
                 Số: 88/QĐ-CM\n*V/v hướng dẫn thủ\ntục khai thác*\n|\n*Hà Nội, ngày 2 tháng 5 năm 2025*\n\
                 **Kính gửi:** Công ty A.";
        let d = own(t, "88/QĐ-CM");
        assert_eq!(field(&d, "issuer"), Value::str("CỤC MỎ"));
        assert_eq!(field(&d, "title"), Value::str("hướng dẫn thủ tục khai thác"));
        assert_eq!(field(&d, "issued"), Value::str("2025-05-02"));
        // A number cited in a sentence is no header.
        let t = "Theo số: 88/QĐ-CM, ngày 2 tháng 5 năm 2025, Cục Mỏ cho biết.";
        let d = own(t, "88/QĐ-CM");
        assert_eq!(field(&d, "issued"), Value::Null);
    }

    #[test]
    fn a_verb_after_the_issuer_ends_it() {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let stops = rules.lexicon("issuer_stops");
        assert_eq!(clean_issuer_in("Bộ Tài chính có nội dung", stops, &[], None).as_deref(), Some("Bộ Tài chính"));
        assert_eq!(clean_issuer_in("Cục Người có công", stops, &[], None).as_deref(), Some("Cục Người có công"));
        assert_eq!(
            clean_issuer_in("Bộ trưởng Bộ Y tế quy định về", stops, &[], None).as_deref(),
            Some("Bộ trưởng Bộ Y tế")
        );
    }

    #[test]
    fn an_ellipsis_before_a_capital_ends_the_sentence() {
        assert_eq!(before_ellipsis("phê duyệt Đề án “Trợ giúp”… Đây là chính sách"), "phê duyệt Đề án “Trợ giúp”");
        assert_eq!(before_ellipsis("“Tiếp tục… Đổi mới” năm 2025"), "“Tiếp tục… Đổi mới” năm 2025", "inside quotes");
        assert_eq!(before_ellipsis("nông nghiệp… và nông thôn"), "nông nghiệp… và nông thôn");
    }

    #[test]
    fn abbreviations_of_the_words_before_go() {
        assert_eq!(without_abbreviation("tiền sử dụng đất (TSDĐ)"), "tiền sử dụng đất");
        assert_eq!(without_abbreviation("phương thức đối tác công tư (PPP)"), "phương thức đối tác công tư (PPP)");
        assert_eq!(without_abbreviation("hợp tác xã (HTX)"), "hợp tác xã");
        assert_eq!(without_abbreviation("chuyển đổi số (số)"), "chuyển đổi số (số)", "no abbreviation");
        assert_eq!(without_abbreviation("(TS)"), "(TS)", "nothing before it");
        assert_eq!(without_abbreviation("tiền sử dụng đất"), "tiền sử dụng đất");
    }

    #[test]
    fn a_signer_s_name_is_cut_from_the_office() {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let cut = |s: &str| without_signer(&rules, s).to_string();
        assert_eq!(cut("Chánh thanh tra tỉnh Yên Bái Trần Nhật Tân"), "Chánh thanh tra tỉnh Yên Bái");
        assert_eq!(cut("Bộ trưởng Bộ Tài chính Hồ Đức Phớc"), "Bộ trưởng Bộ Tài chính");
        assert_eq!(cut("Chủ tịch UBND tỉnh Hà Tĩnh"), "Chủ tịch UBND tỉnh Hà Tĩnh", "a place");
        assert_eq!(cut("Bộ Tài chính"), "Bộ Tài chính");
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

    /// After a comma, a new clause says its verb within its first eight words, or twelve when it
    /// opens with a capital (a body's name may be long).
    #[test]
    fn a_long_body_opening_the_next_clause_ends_the_subject() {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let types = crate::rules::lexicon::Lexicon::parse("t", "t", "Quyết định\nHướng dẫn\n").unwrap();
        let t = |s: &str| clean_title(s, &rules, &types, &[]);
        let s = "về tiếp nhận, giải quyết tố giác, tin báo về tội phạm, Cơ quan CSĐT Công an quận Thanh Xuân đã đưa ông Minh đi";
        assert_eq!(t(s).as_deref(), Some("tiếp nhận, giải quyết tố giác, tin báo về tội phạm"));
        let s = "về chính sách đối với cán bộ, công chức và người lao động làm việc tại các xã đã được sáp nhập";
        assert_eq!(
            t(s).as_deref(),
            Some(&s["về ".len()..]),
            "in small letters, the verb nine words on is the subject's"
        );
    }

    #[test]
    fn unquoted_titles_end_with_their_clause() {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let types = crate::rules::lexicon::Lexicon::parse("t", "t", "Quyết định\nHướng dẫn\n").unwrap();
        let t = |s: &str| clean_title(s, &rules, &types, &[]);
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
        // The sentence going on after the subject; `là` inside a subject that spells itself out.
        assert_eq!(t("về trang phục Cảnh sát biển từ 31/8/2025?").as_deref(), Some("trang phục Cảnh sát biển"));
        assert_eq!(t("về đăng ký doanh nghiệp là Mã số thuế").as_deref(), Some("đăng ký doanh nghiệp"));
        assert_eq!(
            t("về trách nhiệm nêu gương, trước hết là Ủy viên Bộ Chính trị").as_deref(),
            Some("trách nhiệm nêu gương, trước hết là Ủy viên Bộ Chính trị")
        );
        assert_eq!(t("về thuế toàn cầu và các văn bản hướng dẫn thì số thuế").as_deref(), Some("thuế toàn cầu"));
        // A document the subject names, and digits inside a word, run on past the comma.
        assert_eq!(
            t("về việc sửa đổi, bổ sung một số điều của Quyết định 12/2020/QĐ-TTg, có hiệu lực từ 45 ngày").as_deref(),
            Some("sửa đổi, bổ sung một số điều của Quyết định 12/2020/QĐ-TTg")
        );
        // An article of another text the subject amends, a name's number after a comma: the subject
        // runs on; an amount or an article's number opens another clause.
        for whole in [
            "sửa đổi, bổ sung Điều 128 Thông tư số 200/2014/TT-BTC ngày 22/12/2014 của Bộ Tài chính",
            "đầu tư xây dựng cầu Đò Hòa, đường Đông Tây 1, khu kinh tế Hòa Lâm",
        ] {
            assert_eq!(t(&format!("về {whole}.")).as_deref(), Some(whole));
        }
        assert_eq!(t("về giá đất, UBND xã phạt ông Long 2,5 triệu đồng").as_deref(), Some("giá đất"));
        assert_eq!(t("về giao dịch bảo đảm, cụ thể tại Điều 1.9 bổ sung").as_deref(), Some("giao dịch bảo đảm"));
        // When it takes effect is said after the subject, whose commas stay; a date spelled with words
        // counts nothing.
        assert_eq!(
            t("về chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Y tế có hiệu lực thi hành từ ngày 01 tháng 3 năm 2025").as_deref(),
            Some("chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Y tế")
        );
        assert_eq!(t("về việc thi hành Luật và có hiệu lực ngay").as_deref(), Some("thi hành Luật"));
        assert_eq!(
            t("về chức năng, nhiệm vụ, quyền hạn ngày 01 tháng 3 năm 2025").as_deref(),
            Some("chức năng, nhiệm vụ, quyền hạn ngày 01 tháng 3 năm 2025"),
            "the numbers of a date spelled with words are no count"
        );
        assert_eq!(
            t("về phòng, chống dịch COVID-19, hỗ trợ 45 doanh nghiệp").as_deref(),
            Some("phòng, chống dịch COVID-19")
        );
        assert_eq!(
            t("về quy hoạch, gắn với thực hiện Quyết định số 29").as_deref(),
            Some("quy hoạch"),
            "another document cited after a comma"
        );
        assert_eq!(
            t("về quy hoạch, tại Quyết định số 29").as_deref(),
            Some("quy hoạch"),
            "a clause that opens with the document"
        );
        assert_eq!(
            t("về việc sửa đổi, bổ sung tại Quyết định 29/2020/QĐ-UBND của tỉnh").as_deref(),
            Some("sửa đổi, bổ sung tại Quyết định 29/2020/QĐ-UBND của tỉnh"),
            "a document the subject names"
        );
        assert_eq!(
            t("về bảng giá, ban hành kèm theo Quyết định 29/2020/QĐ-UBND").as_deref(),
            Some("bảng giá, ban hành kèm theo Quyết định 29/2020/QĐ-UBND")
        );
        assert_eq!(
            t("về kinh doanh xuất khẩu gạo, như").as_deref(),
            Some("kinh doanh xuất khẩu gạo"),
            "examples follow"
        );
        assert_eq!(t("”về phương hướng, nhiệm vụ").as_deref(), Some("phương hướng, nhiệm vụ"), "a closing-style quote");
        assert_eq!(
            t("về giải thể đơn vị sự nghiệp công lập được sửa đổi, bổ sung bởi Quyết định số 83/2024/QĐ-UBND")
                .as_deref(),
            Some("giải thể đơn vị sự nghiệp công lập"),
            "amended since"
        );
        assert_eq!(
            t("về thủ tục hành chính được sửa đổi, bổ sung trong lĩnh vực nhà ở").as_deref(),
            Some("thủ tục hành chính được sửa đổi, bổ sung trong lĩnh vực nhà ở"),
            "no document amends it"
        );
        assert_eq!(
            t("về việc sửa đổi, bổ sung Quyết định số 32/QĐ-UBND ngày 17/10/2025 của tỉnh").as_deref(),
            Some("sửa đổi, bổ sung Quyết định số 32/QĐ-UBND ngày 17/10/2025 của tỉnh"),
            "a date counts nothing"
        );
    }
}
