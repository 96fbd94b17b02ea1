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

/// Makes the officials of one match: usually one, several when a title is shared by a list of names
/// (`các Phó Thủ tướng: ‹A›, ‹B› và ‹C›`) or when a chain of titles holds names of its own (`Chủ
/// tịch Quốc hội ‹A›, Phó Chủ tịch Quốc hội ‹B›`). Their spans do not overlap.
pub fn build(p: &Production<'_>, out: &mut Vec<Candidate>) {
    let mut made = Vec::new();
    if p.span("signed").is_some() {
        signature(p, &mut made);
        out.extend(made);
        return;
    }
    let Some((ps, _)) = p.span("position") else { return };
    if p.span("held").is_some() {
        appointed(p, &mut made);
    } else if p.span("now").is_some() {
        currently(p, &mut made);
    } else if p.group("names").is_some() {
        list(p, &mut made);
    } else if p.span("name").is_some_and(|(ns, _)| ns < ps) {
        name_first(p, &mut made);
    } else {
        position_first(p, &mut made);
    }
    out.extend(made);
}

/// A piece of a chain of titles between separators (`, `, `; `, ` - `, ` kiêm `): its title, if it
/// opens with one, and the words after it.
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    /// Where the title ends; `start` when the piece opens with no title (`…, quận Hoàng Mai`).
    title_end: usize,
    end: usize,
}

/// The pieces of `text[from..to]`, with offsets into `text`.
fn segments(rules: &RuleSet, text: &str, from: usize, to: usize) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut start = from;
    let bytes = text.as_bytes();
    let mut i = from;
    while i < to {
        let rest = &text[i..to];
        let sep = [", ", "; ", " - ", " – ", " kiêm "].iter().find(|s| rest.starts_with(**s));
        match sep {
            Some(sep) => {
                out.push(segment(rules, text, start, i));
                // ` kiêm ` stays with the title it opens (`…, kiêm Tham mưu trưởng`).
                start = if *sep == " kiêm " { i + 1 } else { i + sep.len() };
                i += sep.len();
            }
            None => i += utf8_len(bytes[i]),
        }
    }
    out.push(segment(rules, text, start, to));
    out.retain(|s| s.start < s.end);
    out
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

fn segment(rules: &RuleSet, text: &str, start: usize, end: usize) -> Segment {
    let piece = &text[start..end];
    // `kiêm Tham mưu trưởng`: the title follows the word.
    let (skip, piece) = match piece.strip_prefix("kiêm ") {
        Some(rest) => ("kiêm ".len(), rest),
        None => (0, piece),
    };
    let words: Vec<&str> = piece.split(' ').collect();
    let title_end = match title_len(rules, &words) {
        Some(n) => start + skip + words[..n].join(" ").len(),
        None => start,
    };
    Segment { start, title_end, end }
}

/// How many of the first words make a title: a listed position, a title with its department
/// (`Trưởng Ban Tuyên giáo`), a bare title, perhaps `thường trực` after it; the longest.
fn title_len(rules: &RuleSet, words: &[&str]) -> Option<usize> {
    // `Quyền Cục trưởng`: a title held acting is the title.
    if words.len() > 1 && matches!(words[0], "Quyền" | "quyền") {
        return title_len(rules, &words[1..]).map(|n| n + 1);
    }
    let (positions, bare) = (rules.lexicon("positions"), rules.lexicon("bare_titles"));
    let (dept_titles, departments) = (rules.lexicon("dept_titles"), rules.lexicon("departments"));
    let max = words.len().min(9);
    let base = (1..=max).rev().find(|&n| {
        let head = words[..n].join(" ");
        positions.contains_ci(&head)
            || bare.contains(&head)
            || (1..n.min(3)).any(|d| {
                dept_titles.contains_ci(&words[..d].join(" ")) && departments.contains_ci(&words[d..n].join(" "))
            })
    })?;
    let suffix = ["thường trực", "phụ trách", "kiêm nhiệm", "chuyên trách"].iter().find(|s| {
        let n = s.split(' ').count();
        words.len() >= base + n && crate::normalize::lower(&words[base..base + n].join(" ")) == **s
    });
    Some(base + suffix.map_or(0, |s| s.split(' ').count()))
}

/// The words of `text[from..to]`, each with its offsets, without the punctuation around them.
fn words_at(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = from;
    for w in text[from..to].split(' ') {
        let trimmed = w.trim_end_matches([',', ';', ':', '.', ')']).trim_start_matches('(');
        if !trimmed.is_empty() {
            let s = at + w.find(trimmed).unwrap_or(0);
            out.push((s, s + trimmed.len()));
        }
        at += w.len() + 1;
    }
    out
}

/// A person at the end of the words after a title (`Quốc hội Nguyễn Thị Kim Ngân`): the name, the
/// organisation before it, and where the name ends.
fn person_at_end(rules: &RuleSet, text: &str, words: &[(usize, usize)]) -> Option<(String, Option<String>, usize)> {
    // The words as written, commas kept: a name never runs across one (`…, quận Hoàng ‹Mai, Hà
    // Nội›` is no name).
    // Lower-case words after the name are the sentence going on (`… Kim Ngân ‹dự›`).
    let words = &words[..words.iter().rposition(|&(s, _)| text[s..].starts_with(char::is_uppercase))? + 1];
    let (&(from, _), &(_, to)) = (words.first()?, words.last()?);
    let tokens: Vec<&str> = text[from..to].split(' ').filter(|t| !t.is_empty()).collect();
    if tokens.len() < 2 {
        return None;
    }
    let (name, org) = split_run(rules, &tokens)?;
    Some((name, org, words.last()?.1))
}

/// Where, among the words after a title, the `và` before another person's name stands (`Giám đốc Sở
/// Y tế ‹và› Lê Văn Bình`, `Trưởng Ban Tổ chức Trung ương ‹và› Lê Vĩnh Tân`, `UBND xã ‹và› đồng chí
/// ‹B›`): the index of that word in `body`, whose name `name` ends at `name_end`. Only one form of
/// address or rank may stand between them.
fn and_before_name(rules: &RuleSet, text: &str, body: &[(usize, usize)], name: &str, name_end: usize) -> Option<usize> {
    let name_start = name_end.checked_sub(name.len()).filter(|&s| text.get(s..name_end) == Some(name))?;
    let first = body.iter().position(|&(s, _)| s == name_start)?;
    let at = body[..first].iter().rposition(|&(s, e)| &text[s..e] == "và")?;
    let between = body[at + 1..first].first().map(|&(s, _)| &text[s..body[first - 1].1]);
    let addressed = between.is_none_or(|w| rules.lexicon("honorifics").contains_ci(w.trim_end_matches(',')));
    addressed.then_some(at)
}

/// Whether `và` stands among the words of an organisation read before a name: the name is then
/// another person's, joined to the sentence by `và`.
/// A `và` inside a listed name (`Bộ Kế hoạch ‹và› Đầu tư`) joins nothing: only one where the body's
/// name ends (see `end_org`) does.
fn joined_by_and(rules: &RuleSet, org: Option<&str>) -> bool {
    org.is_some_and(|o| {
        let kept = end_org(rules, o);
        o.split(' ').any(|t| t == "và") && o.get(kept.len()..).is_some_and(|rest| rest.trim_start().starts_with("và"))
    })
}

/// Whether the words after a title in a chain read as a body (`Tỉnh ủy`, `UBND tỉnh Nghệ An`,
/// `TTXVN`), not as something else (`IPU Martin Chungong`).
fn is_body(rules: &RuleSet, text: &str, words: &[(usize, usize)]) -> bool {
    let Some(&(s, _)) = words.first() else { return true };
    let e = words.last().map_or(s, |w| w.1);
    let body = fold_value(&text[s..e]);
    starts_with_org_head(rules, &body)
        || is_acronym_body(&body)
        || rules.lexicon("departments").contains_ci(&body)
        || rules.lexicon("places").contains(&body)
}

/// Whether the words after the last title name its body: a listed head, a brand, or the rest of a
/// body whose head word the title ends with (`Phó Trưởng Đoàn ‹ĐBQH tỉnh›`).
fn accepts_org(rules: &RuleSet, position: &str, o: &str) -> bool {
    let last = crate::normalize::lower(position.rsplit(", ").next().unwrap_or(position));
    // `Trưởng ban Tổ chức ‹Trung ương›`: the centre after a commission's title and name (see `own_bodies`).
    let centre = CENTRE.contains(&o.strip_suffix(" Đảng").unwrap_or(o)) && names_a_department(rules, &last);
    // `Phó Trưởng phòng ‹Cảnh sát PCCC số 6›`: words that make a listed head with the department the
    // title names (`Phòng Cảnh sát`) are the department's name, not a body.
    let dept_word = last.rsplit(' ').next().unwrap_or("");
    let ws: Vec<&str> = o.split(' ').take(2).collect();
    let department_name = heads_a_department(&last)
        && (1..=ws.len()).any(|n| is_org_head(rules, &format!("{dept_word} {}", ws[..n].join(" "))))
        && dept_then_body(rules, position, o).is_none();
    !o.is_empty()
        && !department_name
        && (centre
            || starts_with_org_head(rules, o)
            || is_acronym_body(o)
            || (!heads_a_department(&last)
                && (is_brand_body(rules, o) || is_firm_by_its_end(rules, o) || is_branch_of_brand(rules, o)))
            || rules.lexicon("body_heads").keys().any(|h| last.ends_with(&format!(" {}", crate::normalize::lower(h))))
            || dept_then_body(rules, position, o).is_some()
            || letters_and_place(rules, &last, o).is_some()
            || (village_of(rules, &last).is_some() && o.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
            || union_centre(position, o).is_some()
            // `‹A›, Bộ trưởng ‹Quốc phòng›`: a ministry's field after a minister's title (kept in the
            // title by `own_bodies`).
            || (is_minister(&last) && is_field(rules, o)))
}

/// Whether a title in small letters is a minister's or a deputy minister's, whose ministry may be
/// named by its field alone (`Bộ trưởng ‹Quốc phòng›`).
fn is_minister(title: &str) -> bool {
    matches!(title, "bộ trưởng" | "thứ trưởng")
}

/// `Trưởng Ban Tổ chức ‹Trung ương› ‹Đoàn›`: a title read to the word for the centre, then the
/// Youth Union's word. Gives the title without the centre and the Union's centre.
fn union_centre<'a>(position: &'a str, o: &str) -> Option<(&'a str, String)> {
    if o != "Đoàn" {
        return None;
    }
    CENTRE.iter().find_map(|c| {
        let title = position.strip_suffix(c)?.strip_suffix(' ')?;
        Some((title, format!("{c} Đoàn")))
    })
}

/// `Giám đốc ‹VCCI Cần Thơ›`, `Phó Trưởng phòng ‹CSGT› ‹Quảng Nam›`, `Phó Chánh Thanh tra ‹Hà Nội›`: a
/// body's letters and the place it serves, or, after a title that names a department, the place
/// alone (perhaps after the department's letters). Gives the letters that stay in the title (empty
/// when the letters name the body) and the organisation.
fn letters_and_place<'a>(rules: &RuleSet, last: &str, o: &'a str) -> Option<(&'a str, &'a str)> {
    let places = rules.lexicon("places");
    let department = heads_a_department(last) || last.starts_with("chánh ") || last.starts_with("phó chánh ");
    if department && (places.contains(o) || glued_place(rules, o)) {
        return Some(("", o));
    }
    let (letters, place) = o.split_once(' ')?;
    if !is_acronym_body(letters)
        || !(places.contains(place) || glued_place(rules, place))
        || letters.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some(if department { (letters, place) } else { ("", o) })
}

/// A place written with its unit's letters glued to its name by a full stop (`TP.Hà Nội`, `Q.Tân
/// Phú`, `TP.HCM`; list `unit_letters`): the name a listed place, the city's letters, or one to four
/// capitalised syllables.
fn glued_place(rules: &RuleSet, o: &str) -> bool {
    let Some(name) = rules.lexicon("unit_letters").keys().find_map(|u| o.strip_prefix(u)?.strip_prefix('.')) else {
        return false;
    };
    let words: Vec<&str> = name.split(' ').collect();
    rules.lexicon("places").contains(name)
        || matches!(name, "HCM" | "HN")
        || ((1..=4).contains(&words.len()) && words.iter().all(|w| is_syllable(w)))
}

/// `Chánh Thanh tra ‹tỉnh› ‹A›`, `Chánh Văn phòng ‹huyện› ‹A›`: a title that ends with its body's
/// head (`Thanh tra`, `Văn phòng`), then the unit alone whose body it is.
fn unit_of_titled_body(rules: &RuleSet, position: &str, org: &str) -> bool {
    let last = position.rsplit(", ").next().unwrap_or(position);
    let words: Vec<&str> = last.split(' ').collect();
    rules.lexicon("admin_units").contains(org)
        && (1..words.len()).any(|n| is_org_head(rules, &words[words.len() - n..].join(" ")))
}

/// `Trưởng phòng ‹Đào tạo Trường ĐH Y dược›`, `Phó Trưởng khoa ‹Cấp cứu, Bệnh viện Chợ Rẫy›`,
/// `Trưởng phòng ‹Giáo dục huyện Triệu Sơn›`: after a title of a department (`phòng`, `khoa`), the
/// department's name and then the body it belongs to, which opens with a listed head or a unit.
/// Gives the department (for the position) and the body.
fn dept_then_body<'a>(rules: &RuleSet, position: &str, org: &'a str) -> Option<(&'a str, &'a str)> {
    let last = crate::normalize::lower(position.rsplit(", ").next().unwrap_or(position));
    let department = heads_a_department(&last) || names_a_department(rules, &last);
    if !department {
        return None;
    }
    // `Phó Trưởng phòng ‹Cảnh sát PCCC› ‹Công an tỉnh ‹X››`: a department whose name opens like a body
    // of its own gives way only to a listed head written with its capital.
    // `Trưởng phòng ‹Công ty› Điện lực …`: a kind of body that needs its own name opens the body
    // itself, and the words after it are that name.
    let headed = starts_with_org_head(rules, org);
    if headed && (!heads_a_department(&last) || last.ends_with("văn phòng") || opens_with_kind_of_body(rules, org)) {
        return None;
    }
    let listed_head = |rest: &str| {
        let ws: Vec<&str> = rest.split(' ').collect();
        rest.starts_with(char::is_uppercase) && (1..=ws.len().min(3)).any(|n| is_org_head(rules, &ws[..n].join(" ")))
    };
    // The body opens with a capital, a unit (`huyện`) or a head of two words (`công ty`): not with a
    // lower-case word that a head of one word is spelt like (`dự ‹báo›`, `Xã ‹hội›`).
    let opens_body = |rest: &str| {
        let mut ws = rest.split(' ');
        let first = ws.next().unwrap_or("");
        let two = format!("{first} {}", ws.next().unwrap_or(""));
        first.starts_with(char::is_uppercase)
            || rules.lexicon("admin_units").contains(first)
            || rules.lexicon("admin_units").contains(&two)
            || rules.lexicon("org_heads").contains_ci(&two)
    };
    // (`Tư pháp thị ‹xã› Dĩ An`: the second word of a unit of two opens no body; the unit does.)
    let inside_unit = |at: usize| {
        let prev = org[..at].trim_end().rsplit(' ').next().unwrap_or("");
        let word = org[at..].split(' ').next().unwrap_or("");
        rules.lexicon("admin_units").contains(&format!("{prev} {word}"))
    };
    split_before_body(org, |_, at| {
        at > 0
            && !inside_unit(at)
            && opens_body(&org[at..])
            && starts_with_org_head(rules, &org[at..])
            && (!headed || listed_head(&org[at..]))
    })
}

/// `org` cut before its first word (by its index and byte offset) where `body_at` says a body begins:
/// the department before it, without the comma or dash between them (`Phó Trưởng khoa Luật ‹-›
/// Trường …`: the dash is neither's), and the body.
fn split_before_body(org: &str, body_at: impl Fn(usize, usize) -> bool) -> Option<(&str, &str)> {
    let mut at = 0;
    for (i, word) in org.split(' ').enumerate() {
        if body_at(i, at) {
            let dept = org[..at].trim_end_matches([' ', ',', '-', '–']);
            return (!dept.is_empty()).then_some((dept, &org[at..]));
        }
        at += word.len() + 1;
        if at >= org.len() {
            break;
        }
    }
    None
}

/// `Ban ‹Quản lý dự án 2›, ‹Bộ GTVT›`, `ban ‹Chất lượng› - ‹Tổng Hội Xây dựng Việt Nam›`: a committee's
/// name, then a comma or a dash and a body that opens with a listed head written with its capital: the
/// committee with its head word, and the body. (With nothing between them the body may be what the
/// committee is for: `Ban quản lý ‹Khu kinh tế Dung Quất›`.)
fn ban_of_body<'a>(rules: &RuleSet, org: &'a str) -> Option<(&'a str, &'a str)> {
    let (dept, body) = split_before_body(org, |i, at| {
        let set_off = [", ", " - ", " – "].iter().any(|d| org[..at].ends_with(d));
        i >= 2 && set_off && org[at..].starts_with(char::is_uppercase) && starts_with_org_head(rules, &org[at..])
    })?;
    (!rules.lexicon("places").contains(body)).then_some((dept, body))
}

/// After a department's title at `at` (`Trưởng khoa`, `Phó Trưởng phòng`), the department's name
/// and then the body it belongs to: after a comma (`‹Hồi sức tích cực›, ‹Bệnh viện Bạch Mai›`), in
/// brackets (`‹Hồi sức tích cực - Chống độc› (‹Bệnh viện Phụ sản - Nhi›)`), after `thuộc` or `của`
/// (`‹Kế hoạch – Tài chính› thuộc ‹Sở TN&MT›`), after a dash, or right after it when the body opens
/// with a listed head or an acronym (`‹kinh doanh› ‹Công ty TNHH ‹X››`, `‹Chế độ› ‹BHXH TP.HCM›`):
/// the department, the body and where the body ends. The first place that reads so is taken.
fn department_then_body(rules: &RuleSet, position: &str, text: &str, at: usize) -> Option<(String, String, usize)> {
    let last = crate::normalize::lower(position.rsplit(", ").next().unwrap_or(position));
    if !heads_a_department(&last) {
        return None;
    }
    let predicate_words = rules.lexicon("predicate_words");
    let rest = text[at..].strip_prefix(' ')?;
    let mut line_end = rest.find(['\n', ';']).unwrap_or(rest.len());
    if let Some(stop) = rest[..line_end].find(". ") {
        line_end = stop;
    }
    let line = &rest[..line_end];
    let rest_at = at + 1;
    // Each place the department may end: the offset in `line` where it ends, and where the body begins.
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new();
    let mut i = 0;
    for (k, w) in line.split(' ').enumerate() {
        if k > DEPT_WORDS + CRIME_WORDS {
            break;
        }
        if k > 0 {
            cuts.push((i - 1, i, false));
        }
        i += w.len() + 1;
        if i > line.len() {
            break;
        }
    }
    for sep in [", ", " (", " - ", " – ", " thuộc ", " của "] {
        let mut from = 0;
        while let Some(k) = line[from..].find(sep) {
            cuts.push((from + k, from + k + sep.len(), true));
            from += k + sep.len();
        }
    }
    cuts.sort_unstable();
    // A department's words, its code in brackets among them (`Cảnh sát hình sự ‹(PC45)›`).
    let plain = |w: &str| {
        w.chars().all(char::is_alphabetic)
            || matches!(w, "-" | "–" | "&")
            || w.strip_prefix('(').and_then(|c| c.strip_suffix(')')).is_some_and(|c| {
                !c.is_empty() && c.chars().all(|ch| ch.is_alphanumeric() || ch == '-') && !c.contains(' ')
            })
    };
    for (dept_end, body_start, marked) in cuts {
        let dept = &line[..dept_end];
        let words: Vec<&str> = dept.split(' ').collect();
        let comma = line[dept_end..].starts_with(", ");
        // `và` between two capitalised fields of the department's name (`Cấp cứu ‹và› Hồi sức`), not
        // before a surname, which joins another person.
        let joins_fields = |k: usize| {
            words[k] == "và"
                && k > 0
                && words
                    .get(k + 1)
                    .is_some_and(|n| n.starts_with(char::is_uppercase) && !rules.lexicon("surnames").contains(n))
        };
        // `Cảnh sát điều tra tội phạm ‹về› ma túy`, `… tội phạm về kinh tế ‹và› tham nhũng`: the crimes a
        // police department is for are named after `tội phạm về`, words and all.
        let crimes = words.windows(2).position(|w| w == ["phạm", "về"]).map_or(words.len(), |k| k + 1);
        if words.len() > DEPT_WORDS + if crimes < words.len() { CRIME_WORDS } else { 0 }
            || !words.iter().all(|w| plain(w))
            || words
                .iter()
                .enumerate()
                .any(|(k, w)| (predicate_words.contains(w) && !joins_fields(k) && k < crimes) || is_honorific(rules, w))
            || matches!(words[words.len() - 1], "-" | "–" | "&")
            || (comma && !words[0].starts_with(char::is_uppercase))
        {
            continue;
        }
        let after = &line[body_start..];
        let bracket = line[dept_end..].starts_with(" (");
        // The body opens with a listed head (`Bệnh viện`, `bệnh viện`, `Công ty`, `huyện ‹X›`) or an
        // acronym (`ĐH`, `VCCI`); one right after the department, with a capital.
        let first = after.split([' ', ',', ')']).next().unwrap_or("");
        let acronym = first.chars().filter(|c| c.is_uppercase()).count() >= 2
            && first.chars().all(|c| c.is_alphanumeric() || matches!(c, '&' | '.' | '-'));
        // Right after the department, only a listed head opens the body: a code of capitals may be
        // the department's own (`Phòng Cảnh sát ‹PCCC› số 6`).
        let head = starts_with_org_head(rules, after);
        if !(head || (marked && acronym))
            || (!marked && !first.starts_with(char::is_uppercase))
            || is_honorific(rules, first.trim_end_matches('.'))
        {
            continue;
        }
        let body = if bracket {
            let Some(close) = after.find(')') else { continue };
            // A code alone in brackets is the department's own (`Phòng Cảnh sát hình sự ‹(PC45)›`).
            if !after[..close].contains(' ') && !head {
                continue;
            }
            after[..close].to_string()
        } else {
            let mut body_words: Vec<&str> = Vec::new();
            let tokens: Vec<&str> = after.split(' ').take(10).collect();
            for (k, w) in tokens.iter().enumerate() {
                let core = w.trim_end_matches([',', ':', ')']);
                // `Sở Giáo dục ‹và› Đào tạo`: `và` inside the body's name, before its next capital.
                let inside = core == "và"
                    && !body_words.is_empty()
                    && tokens.get(k + 1).is_some_and(|n| n.starts_with(char::is_uppercase));
                if core.is_empty()
                    || w.starts_with('(')
                    || (predicate_words.contains(core) && !inside)
                    || matches!(core, "vào" | "năm" | "ngày" | "tháng")
                    || (!body_words.is_empty() && is_honorific(rules, core))
                {
                    break;
                }
                // After two capitals a proper name has ended: a lower-case word is the sentence's (`BV
                // Bạch Mai ‹tiếp› tục`); after a head or one capital it goes on with the name (`Bệnh
                // viện ‹đa khoa› tỉnh`, `Trung tâm Phát ‹triển› quỹ đất`).
                // A head and one capital go on too (`ĐH Kinh ‹tế› quốc dân`, `Sở Y ‹tế›`), and so
                // does `Trung ‹ương›`.
                let capital = |w: &&str| w.starts_with(char::is_uppercase);
                let head_and_one = body_words.len() == 2 && is_org_head(rules, body_words[0]);
                if core.starts_with(char::is_lowercase)
                    && body_words.len() >= 2
                    && body_words[body_words.len() - 2..].iter().all(capital)
                    && !is_org_head(rules, &body_words.join(" "))
                    && !head_and_one
                    && !(core == "ương" && body_words.last() == Some(&"Trung"))
                {
                    break;
                }
                body_words.push(core);
                if core.len() < w.len() {
                    break;
                }
            }
            end_org(rules, &body_words.join(" "))
        };
        let body = body.trim();
        // A body of lower-case words only (`của ‹sở›`) names none.
        if body.is_empty() || !body.split(' ').any(|w| w.starts_with(char::is_uppercase)) {
            continue;
        }
        if !(acronym || starts_with_org_head(rules, body)) {
            continue;
        }
        let start = rest_at + body_start;
        return Some((fold_value(dept), fold_value(body), start + body.len()));
    }
    None
}

/// Whether words open with a kind of body (`Công ty`, `Trường`, `Bệnh viện`), matched in any case.
fn opens_with_kind_of_body(rules: &RuleSet, words: &str) -> bool {
    kinds_of_body_opening(rules, words).next().is_some()
}

/// For each kind of body (list `kinds_of_body`, in any case) that `org` opens with, the words after
/// it (`Công ty ‹TNHH Hoàng Long›`; empty when the kind is all of it).
fn kinds_of_body_opening<'a>(rules: &'a RuleSet, org: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let lower = crate::normalize::lower(org);
    rules.lexicon("kinds_of_body").keys().filter_map(move |k| {
        let k = crate::normalize::lower(k);
        if lower == k {
            return Some("");
        }
        lower.starts_with(&format!("{k} ")).then(|| org.get(k.len() + 1..)).flatten()
    })
}

/// After a department's title at `at`, its name alone (`Trưởng khoa ‹Hồi sức sơ sinh› cho biết`,
/// `Trưởng phòng ‹Tham mưu›, người phát ngôn …`, `Trưởng phòng ‹Tài nguyên nước› (Sở …)`): words that
/// open with a capital and run to a comma, a full stop, a bracket, a dash before a lower-case word, the
/// line's end or the word that opens what the sentence says, with no listed head nor form of address
/// among them. A listed place, or a unit and its name, that ends the words is the organisation
/// (`Cảnh sát trật tự ‹Đà Nẵng›`, `Tài chính ‹quận Tân Phú›`). Gives the department, the place and
/// where the words end. When the title names a listed department already (`goes_on`), the words may
/// open in lower case (`Trưởng phòng Kinh tế ‹hạ tầng huyện X›`).
fn department_alone(rules: &RuleSet, text: &str, at: usize, goes_on: bool) -> Option<(String, Option<String>, usize)> {
    let predicate_words = rules.lexicon("predicate_words");
    let predicate_pairs = rules.lexicon("predicate_pairs");
    let saying_words = rules.lexicon("saying_words");
    let saying_pairs = rules.lexicon("saying_pairs");
    let rest = text[at..].strip_prefix(' ')?;
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let tokens: Vec<&str> = line.split(' ').take(DEPT_WORDS + 2).collect();
    let mut words: Vec<&str> = Vec::new();
    let mut closed = false;
    let mut len = 0;
    for (i, token) in tokens.iter().enumerate() {
        let core = token.trim_end_matches([',', '.', ';', ':']);
        let next = tokens.get(i + 1).map_or("", |n| n.trim_end_matches([',', '.', ';', ':', ')']));
        let pair = format!("{core} {next}");
        // (`Tài ‹nguyên› nước`, `Công nghệ ‹thông tin›`: a syllable that ends a word of the name, not a
        // verb.)
        let prev = if i > 0 { tokens[i - 1] } else { "" };
        let own_syllable = (prev.starts_with(char::is_uppercase)
            && rules.lexicon("org_syllables").contains(core)
            && !predicate_pairs.contains(&pair)
            && !saying_pairs.contains(&pair))
            || (prev == "nghệ" && pair == "thông tin");
        // (`Quản lý thi ‹và› kiểm định …`, `Phẫu thuật Tim mạch ‹và› Lồng ngực`: `và` joining two fields
        // of the department's name; the words after it must close as the name does.)
        let joins = core == "và"
            && i > 0
            && next.chars().all(char::is_alphabetic)
            && !next.is_empty()
            && !predicate_words.contains(next)
            && !is_honorific(rules, next)
            && !rules.lexicon("surnames").contains(next);
        let own_syllable = own_syllable || joins;
        let verb = !own_syllable
            && (predicate_words.contains(core)
                || predicate_pairs.contains(&pair)
                || saying_words.contains(core)
                || saying_pairs.contains(&pair));
        let dash = matches!(core, "-" | "–");
        if i == 0 && goes_on && (verb || core.is_empty()) {
            return None;
        }
        if i > 0 && (token.starts_with('(') || verb || (dash && !next.starts_with(char::is_uppercase))) {
            closed = true;
            break;
        }
        let plain = core.chars().all(char::is_alphabetic) || (dash && i > 0);
        if i >= DEPT_WORDS
            || !plain
            || (i == 0 && !core.starts_with(char::is_uppercase) && !goes_on)
            || is_honorific(rules, core)
            || (i > 0 && core.starts_with(char::is_uppercase) && starts_with_org_head(rules, &tokens[i..].join(" ")))
        {
            return None;
        }
        words.push(core);
        len += token.len() + 1;
        // (`Đấu tranh ‹phòng, chống› tội phạm …`: the pair is one word of the name.)
        if token.ends_with(',') && core == "phòng" && next == "chống" {
            continue;
        }
        if core.len() < token.len() {
            len -= token.len() - core.len();
            // (`Trưởng phòng Hành chính‹, Quản trị› …`: a capital after the comma that opens no listed
            // body may go on with the name; it is not read.)
            if token.ends_with(',')
                && next.starts_with(char::is_uppercase)
                && !starts_with_org_head(rules, &tokens[i + 1..].join(" "))
            {
                return None;
            }
            closed = true;
            break;
        }
    }
    if !closed && len < line.len() + 1 {
        return None;
    }
    let len = len.saturating_sub(1);
    let end = at + 1 + len.min(line.len());
    if words.last().is_some_and(|w| matches!(*w, "-" | "–")) {
        return None;
    }
    // The place that ends the words: a listed one, or a unit and its capitalised name.
    let places = rules.lexicon("places");
    let units = rules.lexicon("admin_units");
    let mut split = words.len();
    if let Some(n) = (1..words.len().min(4)).rev().find(|&n| places.contains(&words[words.len() - n..].join(" "))) {
        split = words.len() - n;
    } else if let Some((k, n)) = (1..words.len()).find_map(|k| {
        // (`Tư pháp ‹thị xã› Dĩ An`: a unit of two words.)
        let two = words.get(k..k + 2).map(|w| w.join(" "));
        if two.is_some_and(|t| units.contains(&t)) { Some((k, 2)) } else { units.contains(words[k]).then_some((k, 1)) }
    }) {
        if k + n < words.len() && words[k + n..].iter().all(|w| is_syllable(w) || w.chars().all(|c| c.is_ascii_digit()))
        {
            split = k;
        } else {
            return None;
        }
    }
    let dept = words[..split].join(" ");
    let place = (split < words.len()).then(|| words[split..].join(" "));
    Some((fold_value(&dept), place.map(|p| fold_value(&p)), end))
}

/// The most words a department's name between its title and its body runs to (`Trưởng phòng ‹Quản
/// lý vận tải, phương tiện và người lái›, Cục …`).
const DEPT_WORDS: usize = 10;

/// The words a department's name may run to past that, when it names the crimes it is for (`Phòng
/// Cảnh sát điều tra tội phạm về ‹trật tự xã hội (PC02)›`).
const CRIME_WORDS: usize = 4;

/// Whether a title (lower-cased) heads a department by its head word (`trưởng phòng`, `phó trưởng
/// khoa`).
fn heads_a_department(title: &str) -> bool {
    title.ends_with(" phòng") || title.ends_with(" khoa") || title.ends_with(" bộ môn")
}

/// Whether a title names a department of its body (`Trưởng ban Kinh tế`, `Phó Trưởng phòng`): the
/// words after it may go on with the department's name before the body (`Trưởng ban Kinh tế ‹Ngân
/// sách› HĐND thành phố`).
fn names_a_department(rules: &RuleSet, title: &str) -> bool {
    let words: Vec<&str> = title.split(' ').collect();
    let (dept_titles, departments) = (rules.lexicon("dept_titles"), rules.lexicon("departments"));
    (1..words.len().min(3))
        .any(|d| dept_titles.contains_ci(&words[..d].join(" ")) && departments.contains_ci(&words[d..].join(" ")))
}

/// A ministry's field named without `Bộ` (`Bộ trưởng ‹Ngoại giao›`): part of the title.
/// The field may also be a listed ministry's name without its `Bộ`, perhaps without its `và`
/// (`Bộ trưởng ‹Nông nghiệp và Phát triển nông thôn›`, `Bộ trưởng ‹Kế hoạch Đầu tư›`).
fn is_field(rules: &RuleSet, o: &str) -> bool {
    if !o.starts_with(char::is_uppercase) {
        return false;
    }
    // `Kế hoạch - Đầu tư`: a dash written for `và`.
    if let Some(d) = [" - ", " – "].iter().find(|d| o.contains(**d)) {
        return is_field(rules, &o.replacen(d, " và ", 1));
    }
    if rules.lexicon("org_words").contains_ci(o) {
        return true;
    }
    let heads = rules.lexicon("org_heads");
    let words: Vec<&str> = o.split(' ').collect();
    if words.len() < 2 || words.len() > 8 || words.contains(&"Bộ") {
        return false;
    }
    heads.contains_ci(&format!("Bộ {o}"))
        || (!words.contains(&"và")
            && (1..words.len())
                .any(|i| heads.contains_ci(&format!("Bộ {} và {}", words[..i].join(" "), words[i..].join(" ")))))
}

/// `‹ấp Hòa Bình›`, `‹tổ dân phố 11›`, `‹khu phố 7›` at `at` (after a space): a village or ward unit
/// in lower case and its name in capitals or its number. Gives them and where they end.
fn village_after(rules: &RuleSet, text: &str, at: usize) -> Option<(String, usize)> {
    let rest = text[at..].strip_prefix(' ')?;
    let lower = crate::normalize::lower(crate::normalize::head(rest, 16));
    let unit = rules.lexicon("villages").keys().find(|u| opens_words(&lower, u))?;
    let unit_len = rest.char_indices().nth(unit.chars().count()).map_or(rest.len(), |(i, _)| i);
    let (len, named) = unit_name(&rest[unit_len..]);
    if named == 0 {
        return None;
    }
    let mut end = unit_len + len;
    // `tổ dân phố 11‹, phường Thủy Xuân›`: the units it belongs to, after a comma.
    let units = rules.lexicon("admin_units");
    while let Some(next) = rest[end..].strip_prefix(", ") {
        let Some(unit) = (1..=2).rev().find_map(|n| {
            let u: Vec<&str> = next.splitn(n + 1, ' ').take(n).collect();
            let u = u.join(" ");
            units.contains(&u).then_some(u.len())
        }) else {
            break;
        };
        let (len, words) = unit_name(&next[unit..]);
        if words == 0 {
            break;
        }
        end += 2 + unit + len;
    }
    Some((rest[..end].to_string(), at + 1 + end))
}

/// ` Hòa Bình`, ` 11`, ` số 7`: the name or number after a unit's word (up to four words, to a mark
/// that ends it). Gives its length and how many words name it (`số` not counted).
fn unit_name(rest: &str) -> (usize, usize) {
    let (mut len, mut named) = (0, 0);
    for w in rest.split(' ').skip(1).take(4) {
        let core = w.trim_end_matches([',', '.', ';', ':', ')']);
        let numbered = core.starts_with(|c: char| c.is_ascii_digit()) && core.chars().all(char::is_alphanumeric);
        if core.is_empty() || !(is_syllable(core) || numbered || (core == "số" && named == 0)) {
            break;
        }
        len += 1 + core.len();
        if core != "số" {
            named += 1;
        }
        if core.len() < w.len() {
            break;
        }
    }
    (len, named)
}

/// The village unit a title ends with (`Trưởng ‹thôn›`, `Tổ trưởng ‹tổ dân phố›`, list `villages`), as
/// the title writes it.
fn village_of<'t>(rules: &RuleSet, last: &'t str) -> Option<&'t str> {
    let lower = crate::normalize::lower(last);
    rules.lexicon("villages").keys().find(|u| lower.ends_with(&format!(" {u}"))).map(|u| &last[last.len() - u.len()..])
}

/// A company named by its brand (`Sacombank`, `Vietcombank`, `Honda Việt Nam`): a capitalised word
/// that is no Vietnamese syllable nor a saint's name (`Giuse`), perhaps with capitalised words after
/// it. Words of a trade written in English (`Giám đốc ‹Marketing›`) are the title's, not a body; so is
/// any such word after the title of a department (`Trưởng phòng ‹Maketing›`).
fn is_brand_body(rules: &RuleSet, o: &str) -> bool {
    let words: Vec<&str> = o.split(' ').collect();
    let w = words[0];
    let letters = w.chars().count();
    // Not a country (`Thủ tướng ‹Belarus›`), nor a brand with a person's name after it (`Chủ tịch
    // Sacombank ‹Kiều Hữu Dũng›`).
    words.len() <= 4
        && words[1..].iter().all(|x| x.starts_with(char::is_uppercase))
        && !words[1..].first().is_some_and(|x| rules.lexicon("surnames").contains(x))
        && !rules.lexicon("countries").contains(w)
        && !rules.lexicon("places").contains(w)
        && w.starts_with(char::is_uppercase)
        && letters >= 4
        && w.chars().skip(1).all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && (!one_vowel_group(w) || w.chars().any(|c| matches!(c, 'f' | 'j' | 'w' | 'z' | 'F' | 'J' | 'W' | 'Z')))
        && !rules.lexicon("english_trades").contains(w)
        && !rules.lexicon("baptismal_names").contains(w)
}

/// A firm named by capitalised words and an English word that ends a firm's name (`Trung Nam ‹Group›`,
/// `Him Lam ‹Land›`, `FPT ‹Software›`, list `brand_ends`): two to four words, the first no country or
/// place (`Việt Nam Airlines` is written so, but `Giám đốc ‹Mỹ› Group` is not a firm's name), no
/// surname right after it (`Sacombank ‹Kiều› …`).
fn is_firm_by_its_end(rules: &RuleSet, o: &str) -> bool {
    let words: Vec<&str> = o.split(' ').collect();
    let (first, last) = (words[0], words[words.len() - 1]);
    (2..=4).contains(&words.len())
        && rules.lexicon("brand_ends").contains(last)
        && words.iter().all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        && !rules.lexicon("countries").contains(first)
        && !rules.lexicon("places").contains(first)
        && !rules.lexicon("english_trades").contains(first)
        && !(words.len() > 2 && rules.lexicon("surnames").contains(words[1]))
}

/// A brand's branch (`Vietcombank ‹chi nhánh Đắk Lắk›`, `Agribank ‹- Chi nhánh Bình Tây›`,
/// `VPBank ‹chi nhánh tỉnh Lào Cai›`): a brand or letters, the words for a branch, then the branch's
/// capitalised name, or a unit and its name.
fn is_branch_of_brand(rules: &RuleSet, o: &str) -> bool {
    // (The dashed forms first: ` Chi nhánh ` would leave the dash on the brand.)
    let Some((brand, branch)) =
        [" - Chi nhánh ", " – Chi nhánh ", " - chi nhánh ", " – chi nhánh ", " chi nhánh ", " Chi nhánh "]
            .iter()
            .find_map(|m| o.split_once(*m))
    else {
        return false;
    };
    let words: Vec<&str> = branch.split(' ').collect();
    let unit = rules.lexicon("admin_units").contains(words[0]);
    (is_brand_body(rules, brand) || is_acronym_body(brand))
        && words.len() <= 5
        && words[usize::from(unit)..].iter().all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        && words.len() > usize::from(unit)
}

/// The name of a state: a country of the list, perhaps after the words that say its form (`Lào`,
/// `Cộng hòa xã hội chủ nghĩa Việt Nam`, `CHXHCN Việt Nam`, `Cộng hòa Séc`).
fn is_state_name(rules: &RuleSet, o: &str) -> bool {
    let countries = rules.lexicon("countries");
    if countries.contains(o) {
        return true;
    }
    let lower = crate::normalize::lower(o);
    let words: Vec<&str> = o.split(' ').collect();
    let acronym = |w: &str| w.len() > 2 && w.starts_with("CH") && w.chars().all(|c| c.is_uppercase());
    let form = ["cộng hòa ", "cộng hoà "].iter().any(|f| lower.starts_with(f)) || acronym(words[0]);
    // The country is the last word or two: `… Việt Nam`, `… Séc`.
    form && (1..=2.min(words.len() - 1)).any(|k| countries.contains(&words[words.len() - k..].join(" ")))
}

/// A body named by one word of capitals or a brand (`TTXVN`, `TKV`, `LienVietPostBank`): what a
/// title names when it names no listed head.
fn is_acronym_body(o: &str) -> bool {
    let mut words = o.split(' ');
    let (Some(w), None) = (words.next(), words.next()) else { return false };
    let caps = w.chars().filter(|c| c.is_uppercase()).count();
    // A unit's code of a letter or two and digits (`C67`, `PC45`) names a body too.
    let code = w.starts_with(char::is_uppercase) && w.chars().any(|c| c.is_ascii_digit());
    w.chars().all(|c| c.is_alphanumeric() || c == '&' || c == '-') && (caps >= 2 || code) && w.chars().count() >= 2
}

/// `Chủ tịch UBND tỉnh Nghệ An Nguyễn Văn Bình`, and chains holding names of their own.
fn position_first(p: &Production<'_>, out: &mut Vec<Candidate>) {
    let (rules, text) = (p.rules, p.text);
    let Some((ps, pe)) = p.span("position") else { return };
    // `thẩm phán ‹Kim Se›-yun`: a name that goes on after a hyphen is cut.
    if p.span("run").is_some_and(|(_, re)| cut_at_hyphen(text, re)) {
        return;
    }
    // `giữ chức ‹vụ trưởng› phòng`: `chức vụ` is the word for a post; no `Vụ trưởng` there.
    if text[ps..].starts_with("vụ trưởng") && text[..ps].ends_with("chức ") {
        return;
    }
    let segs = segments(rules, text, ps, pe);
    // Where the titles of the person named at the end begin: after the last person named inside the
    // chain, and after anything that is no body.
    let mut chain_start: Option<usize> = None;
    for (i, seg) in segs.iter().enumerate() {
        if seg.title_end == seg.start {
            continue;
        }
        chain_start.get_or_insert(seg.start);
        if i + 1 == segs.len() {
            break;
        }
        let body = words_at(text, seg.title_end, seg.end);
        if body.is_empty() {
            continue;
        }
        if let Some((_, org, _)) = person_at_end(rules, text, &body)
            && joined_by_and(rules, org.as_deref())
        {
            // `Chủ tịch HĐND xã ‹và đồng chí B›, …`: the title is someone's before, the name another's.
            chain_start = None;
        } else if let Some((name, org, name_end)) = person_at_end(rules, text, &body) {
            let start = chain_start.take().unwrap_or(seg.start);
            let position = canonical_position(rules, &fold_value(&text[start..seg.title_end]));
            push(p, out, start, name_end, name, position, org);
        } else if !is_body(rules, text, &body) {
            chain_start = None;
        }
    }
    let Some(last) = segs.last() else { return };
    let mut start = chain_start.unwrap_or(last.start);
    // `‹Bộ› Tư lệnh Thái Bình Dương`: a command named by its title's word is a body, and what follows
    // its name no person.
    if text[..start].ends_with("Bộ ") && segs.first().is_some_and(|s| s.start == start) {
        return;
    }
    // `‹Bộ trưởng Bộ Y tế›, Phó Thủ tướng ‹A›`, `cuộc tiếp ‹Chủ tịch Tập đoàn X›, Thủ tướng ‹A›`: the
    // State's highest posts are written first in a person's chain, after the Party's titles only; a
    // title of another kind before one is another person's, and the chain begins at it.
    if let Some(top) = segs.iter().rev().find(|s| {
        s.start > start
            && s.title_end > s.start
            && TOP_POSTS.contains(&crate::normalize::lower(&text[s.start..s.title_end]).as_str())
    }) && segs.iter().any(|s| {
        s.start >= start && s.start < top.start && s.title_end > s.start && !is_party_title(&text[s.start..s.title_end])
    }) {
        start = top.start;
    }
    // `tại ‹Phủ Chủ tịch›, Chủ tịch nước ‹A›`: the Presidential Palace is a place; the titles begin
    // after it. With none after it, the head's office names no person (`Bộ trưởng ‹Phủ Thủ tướng›:
    // ‹A›`, a minister of the office, not its head).
    if text[..start].ends_with("Phủ ") {
        let Some(next) = segs.iter().find(|s| s.start > start && s.title_end > s.start) else { return };
        start = next.start;
    }
    // `Phó ‹Tổng Cục trưởng›`: a title written in a case its trigger is not looked for in is found from
    // a shorter title inside it; the words before that make the listed title with it are the title's.
    if let Some(first) = segs.iter().find(|s| s.start == start) {
        start = longer_title_start(rules, text, start, first.title_end);
    }
    // `Thừa ủy quyền của Thủ tướng, ‹Thống đốc …› ‹A›`: the title the authority comes from is another's.
    if let Some(last_title) = segs.iter().rev().find(|s| s.title_end > s.start && s.start > start)
        && ["ủy quyền của ", "uỷ quyền của "]
            .iter()
            .any(|w| crate::normalize::lower(crate::normalize::tail(&text[..start], 24)).ends_with(w))
    {
        start = last_title.start;
    }
    // `‹Phó› Tổng giám đốc …`: a deputy's title written in mixed case is found from the title after
    // `Phó`; the word is the title's.
    let deputy =
        ["Phó ", "phó "].iter().find(|d| text[..start].ends_with(**d) && !ends_a_name_with_pho(rules, text, start));
    if let Some(d) = deputy {
        start -= d.len();
    }
    // `‹Quyền› Cục trưởng …`: a title held acting; the word is the title's.
    if text[..start].ends_with("Quyền ") && !text[..start - "Quyền ".len()].ends_with(|c: char| c.is_alphanumeric())
    {
        start -= "Quyền ".len();
    }
    // `Bí thư ‹Trung ương Đoàn› ‹A›`, `Chủ tịch ‹Trung ương Hội› …`: the centre of a union or an
    // association, named by its head after the word for the centre, is the body; the word is no
    // department of the title (as in `Bí thư Trung ương Đảng`).
    let mut pe = pe;
    let mut centre: Vec<&str> = Vec::new();
    if let Some(run) = p.group("run") {
        let first = run.split(' ').next().unwrap_or("");
        let heads = rules.lexicon("org_heads");
        if let Some(c) = CENTRE[..3]
            .iter()
            .find(|c| text[start..pe].ends_with(&format!(" {c}")) && heads.contains_ci(&format!("Trung ương {first}")))
        {
            pe -= c.len() + 1;
            centre = text[pe + 1..pe + 1 + c.len()].split(' ').collect();
        }
    }
    let mut position = canonical_position(rules, &fold_value(&text[start..pe]));
    let mut end = p.m.end;
    // `Chủ tịch UBND tỉnh ‹X›, ‹A› ký`: a name after a comma with no form of address, then what the
    // person does (a list would go on with another name or title). The record ends with the name.
    let (name_group, name_span) = match p.span("bare") {
        Some((bs, be)) => {
            end = be;
            (p.group("bare"), Some((bs, be)))
        }
        None => (p.group("name"), p.span("name")),
    };
    let (name, org) = match (p.group("run"), name_group) {
        // `Chủ tịch LĐLĐ quận Bắc Từ Liêm Hà Văn Hải`: organisation and name run together. The run
        // may have gone on past the name (`… Hà Văn Hải và các đại biểu`): shorter ones are tried.
        (Some(run), None) => {
            let Some((run_start, run_end)) = p.span("run") else { return };
            let own: Vec<&str> = run.split(' ').filter(|t| !t.is_empty()).collect();
            // A name ends where the next word cannot go on with it, or opens a sentence; its last
            // syllable is no name's when it makes a word with the next (`‹Huân› chương`).
            let not_name_ends = rules.lexicon("not_name_ends");
            let split = |lead: &[&str]| {
                let tokens: Vec<&str> = lead.iter().chain(&own).copied().collect();
                let ends_name = |n: usize| {
                    if n == tokens.len() {
                        return !runs_on(rules, tokens[n - 1], &text[run_end..]);
                    }
                    // `Lê Vĩnh ‹Tântừ›`: a name does not end before two words glued together.
                    let glued = tokens[n].starts_with(char::is_uppercase) && !one_vowel_group(tokens[n]);
                    // `‹A› ‹Đồng› quan điểm`: the word makes a word with the one after it.
                    let opens_word = if n + 1 < tokens.len() {
                        runs_on(rules, tokens[n], &format!(" {}", tokens[n + 1]))
                    } else {
                        runs_on(rules, tokens[n], &text[run_end..])
                    };
                    (!is_syllable(tokens[n]) || not_name_ends.contains(tokens[n]) || opens_word) && !glued
                };
                (lead.len() + 2..=tokens.len()).rev().filter(|&n| ends_name(n)).find_map(|n| {
                    // (At the run's end, before no capitalised word, a body's head word may end a name.)
                    let head_may_end = n == tokens.len() && !capital_follows(&text[run_end..]);
                    split_run_after(rules, &tokens[..n], &position, head_may_end)
                        .map(|(name, org)| (n - lead.len(), name, org))
                })
            };
            // `Phó Trưởng Đoàn ‹ĐBQH tỉnh ‹X›› ‹A›`: the rest of a body whose head word ends the title is
            // read with that word.
            let last_word = crate::normalize::lower(position.rsplit(' ').next().unwrap_or(""));
            let head = p
                .rules
                .lexicon("body_heads")
                .keys()
                .find(|h| crate::normalize::lower(h) == last_word)
                .filter(|_| centre.is_empty());
            let Some((used, name, org)) = split(&centre).or_else(|| head.and_then(|h| split(&[h]))) else {
                // `Chủ tịch UBND TP ‹Hà Nội› - ‹A›`: the run took the place for a name; the person is
                // named after the dash, and the run is the organisation.
                let org = Some(end_org(rules, &fold_value(run))).filter(|o| accepts_org(rules, &position, o));
                if let (Some(org), Some((name, name_end)), true) =
                    (org, name_after_dash(rules, text, run_end), centre.is_empty())
                {
                    push(p, out, start, name_end, name, position, Some(org));
                }
                return;
            };
            // `‹A›, Bộ trưởng Bộ Công nghiệp ‹và› ‹B›, Tổng Giám đốc …`: a name joined to the body by `và`
            // (not a `và` of the body's own name) is a second person's; the title is someone else's.
            let k = name.split(' ').count();
            if used > k && joined_by_and(rules, Some(&own[..used - k].join(" "))) {
                return;
            }
            if used < own.len() {
                end = run_start + own[..used].join(" ").len();
            }
            (name, org)
        }
        // `Giám đốc Sở Y tế tỉnh Nghệ An, ông Lê Văn An`, `Phó Chủ tịch: Nguyễn Văn An`, `| Chủ tịch |
        // Nguyễn Văn An |`. Without an
        // organisation or a colon, a title then a rank and a name are two things (`Thừa ủy quyền của
        // Thủ tướng, Đại tướng ‹A›, Bộ trưởng …`).
        (None, Some(raw)) => {
            let Some((ns, ne)) = name_span else { return };
            // `Chủ tịch nước ‹A› ‹Huân› chương`: the last syllable goes with the word after it.
            let raw = match raw.rsplit_once(' ') {
                Some((short, last)) if runs_on(rules, last, &text[ne..]) && short.contains(' ') => {
                    end = ns + short.len();
                    short
                }
                _ => raw,
            };
            // `Bộ trưởng Bộ ‹X› ‹A› và ông ‹B› - Phó Chủ tịch …`: the words before the form of address
            // end with a person of their own, joined to the next by `và`: that one is this title's.
            // So do words that are no body (`Phó Thủ tướng ‹Vũ Đức Đam› Ông ‹B›`, a caption run on).
            let words = p.span("org").map(|(os, oe)| words_at(text, os, oe)).unwrap_or_default();
            let joined = words.iter().rposition(|&(s, e)| &text[s..e] == "và");
            let no_body = p
                .group("org")
                .map(fold_value)
                .map(|o| end_org(rules, &o))
                .is_some_and(|o| !o.is_empty() && !accepts_org(rules, &position, &o));
            let cut = joined.unwrap_or(if no_body { words.len() } else { 0 });
            if cut >= 2
                && let Some((name, org)) =
                    split_run(rules, &words[..cut].iter().map(|&(s, e)| &text[s..e]).collect::<Vec<_>>())
            {
                let i = cut;
                end = words[i - 1].1;
                let org = org.filter(|o| accepts_org(rules, &position, o));
                push(p, out, start, end, name, position, org);
                return;
            }
            // A table row (`| Tổng Bí thư | ‹A› |`) labels like a colon.
            // So does `là` (`Thủ tướng Chính phủ hiện nay ‹là› ông ‹A›`).
            if p.group("org").is_none() && !text[pe..ns].contains([':', '|']) && !text[pe..ns].contains(" là ") {
                return;
            }
            // `Cục trưởng Cục Thi hành ‹án dân sự› (THADS) ‹A›`: lower-case words that end the body's name,
            // right before a bracket: where they begin and end.
            // (the body's words as read, and those `end_org` keeps of them)
            let org_read = p.group("org").map(|raw| {
                let whole = trim_org(&fold_value(raw));
                let kept = end_org(rules, &whole);
                (whole, kept)
            });
            let mut own_tail = None;
            if let (Some(raw_org), Some((os, _)), Some((_, kept))) = (p.group("org"), p.span("org"), &org_read) {
                let from = os + kept_prefix_len(raw_org, kept.split(' ').count());
                let to = p.span("gap").map_or(os + raw_org.trim_end().len(), |(_, ge)| ge);
                // (So do those before the comma or the dash that opens the person's form of address:
                // `Cục trưởng Cục Quản lý ‹thị trường›, ông ‹A›`.)
                let closed = [" (", ", ", " - ", " – "].iter().any(|s| text[to..].starts_with(s));
                if !kept.is_empty() && to > from && closed && own_lower_words(rules, &text[from..to]) {
                    own_tail = Some((from, to));
                }
            }
            if p.span("gap").is_some() && own_tail.is_none() {
                return;
            }
            // `Chánh Thanh tra Bộ Nội vụ ‹thông tin trường hợp› ông ‹A›`: lower-case words that are no
            // part of the body's name stand between it and the person, who is someone else.
            if let Some((whole, kept)) = &org_read
                && own_tail.is_none()
            {
                let cut = whole.strip_prefix(kept.as_str()).unwrap_or("");
                if !kept.is_empty() && cut.split(' ').any(|w| w.starts_with(char::is_lowercase) && w != "và") {
                    return;
                }
            }
            let Some(name) = checked_name(rules, p, raw) else { return };
            // `Thủ tướng Chính phủ hiện nay ‹là› ông ‹A›`: the holder of a post now. Without `hiện nay`,
            // only a body named and a person addressed as such (`Chủ tịch UBND xã ‹X› là ông ‹A›`): a
            // life story tells of posts held then (`dưới quyền Tư lệnh Quân khu là Đại tá ‹A›`), and
            // `các Tư lệnh Sư đoàn là …` of a post held in turn.
            if text[pe..ns].contains(" là ") {
                let sentence = crate::normalize::lower(crate::normalize::tail(&text[..start], 80));
                let now = text[pe..ns].contains("hiện ")
                    || ["hiện nay", "hiện tại", "đương kim"].iter().any(|w| sentence.contains(w));
                let addressed = ["là ông ", "là bà ", "là đồng chí "].iter().any(|w| text[pe..ns].ends_with(w));
                let plural = ["các ", "những "].iter().any(|w| text[..start].ends_with(w));
                if plural || !(now || (addressed && p.group("org").is_some())) {
                    return;
                }
            }
            let mut org =
                p.group("org").map(fold_value).map(|o| end_org(rules, &o)).filter(|o| accepts_org(rules, &position, o));
            // Where the organisation ends in the text, when it is all the words before the name.
            let mut org_end = match (&org, p.span("org"), p.group("org")) {
                (Some(o), Some((os, _)), Some(raw_org)) if *o == fold_value(raw_org.trim_end()) => {
                    Some(os + raw_org.trim_end().len())
                }
                _ => None,
            };
            if let (Some(o), Some((from, to))) = (&org, own_tail) {
                org = Some(format!("{o} {}", fold_value(&text[from..to])));
                org_end = Some(to);
            }
            // `Cục trưởng Cục ‹X› ‹(Bộ Y)› ‹A›`: the body in brackets that the department belongs to is
            // the organisation; the department stays in the title.
            if let (Some(o), Some(o_end)) = (&org, org_end)
                && let Some((gap_end, parent, parent_end)) = parent_after(rules, text, o, o_end)
                && gap_end == o_end
                && text[gap_end..parent_end].starts_with(" (")
                && parent_end < ns
            {
                position = format!("{position} {o}");
                org = Some(parent);
            }
            (name, org)
        }
        _ => return,
    };
    // `Phó Thủ tướng Chính phủ ‹A›, Trưởng Ban Chỉ đạo …`: titles after the name too, unless they are
    // another person's (`‹A›, Phó Thủ tướng ‹B›`).
    if let (Some((as_, ae)), true) = (p.span("after"), end == p.m.end || p.span("after").is_some()) {
        let after_org = p.span("after_org");
        let names_someone =
            after_org.is_some_and(|(os, oe)| person_at_end(rules, text, &words_at(text, os, oe)).is_some());
        let name_end = name_span.or(p.span("run")).map_or(end, |(_, e)| e.min(end));
        // After a dash, a title is the person's only with the body it names (`‹A› - Trưởng Ban Chỉ đạo
        // …`, not `‹A› - Trưởng ban chỉ đạo kỳ thi`, nor a title of no body read).
        let dashed = [" - ", " – "].iter().any(|d| text[..as_].ends_with(d));
        let dashed_body = p.group("after_org").map(fold_value).map(|o| end_org(rules, &o)).is_some_and(|o| {
            let mut ws = o.split(' ');
            let first = ws.next().unwrap_or("");
            // `‹ban› Chỉ đạo …`: the head word the title names, in lower case, then the body's name.
            let head = p.rules.lexicon("body_heads").keys().any(|h| crate::normalize::lower(h) == first);
            o.starts_with(char::is_uppercase) || (head && ws.next().is_some_and(|w| w.starts_with(char::is_uppercase)))
        });
        let anothers = anothers_post(&position.split(", ").collect::<Vec<_>>(), &text[as_..ae]);
        if !names_someone && !anothers && end >= as_ && (!dashed || dashed_body) {
            let before = match &org {
                Some(o) => format!("{position} {o}"),
                None => position.clone(),
            };
            let merged = format!("{before}, {}", canonical_position(rules, &fold_value(&text[as_..ae])));
            let after_org_text = p.group("after_org").map(fold_value).map(|o| end_org(rules, &o));
            let mut new_org = after_org_text.filter(|o| accepts_org(rules, &merged, o));
            let mut new_end = match (&new_org, after_org, p.group("after_org")) {
                (Some(o), Some((os, _)), Some(raw)) => os + kept_prefix_len(raw, o.split(' ').count()),
                _ => ae,
            };
            if let Some(o) = &new_org {
                let tail = org_tail(rules, text, o, new_end);
                if tail > new_end {
                    new_org = Some(format!("{o}{}", &text[new_end..tail]));
                    new_end = tail;
                }
            }
            if !dashed || new_org.is_some() {
                push(p, out, start, new_end, name, merged, new_org);
                return;
            }
        }
        end = name_end;
    }
    push(p, out, start, end, name, position, org);
}

/// The word for the centre of the Party, a union or an association, as pages write it (`TW` only
/// after a commission's title: `Trưởng ban Dân vận TW`). Not a word list: the spellings of one word,
/// which the code reads by their place (`TW`, the last, is not read before a union's or an association's
/// head: `Bí thư ‹Trung ương› Đoàn`).
const CENTRE: [&str; 4] = ["Trung ương", "T.Ư", "TƯ", "TW"];

/// The State's highest posts, held by one person each, which a chain names before any other title
/// but the Party's (`Ủy viên Bộ Chính trị, Thủ tướng`, `Tổng Bí thư, Chủ tịch nước`).
const TOP_POSTS: [&str; 5] = ["thủ tướng", "phó thủ tướng", "chủ tịch nước", "phó chủ tịch nước", "chủ tịch quốc hội"];

/// A title of the Party (`Ủy viên Bộ Chính trị`, `Bí thư Trung ương Đảng`, `Tổng Bí thư`, `Phó Bí
/// thư Tỉnh ủy`), which a chain names before the State's.
fn is_party_title(title: &str) -> bool {
    let t = crate::normalize::lower(title);
    ["ủy viên", "uỷ viên", "bí thư", "phó bí thư", "tổng bí thư"]
        .iter()
        .any(|p| t == *p || t.starts_with(&format!("{p} ")))
}

/// `Bộ trưởng Bộ Công an ‹A›, ‹Thủ tướng› hoan nghênh …`, `‹A›, Phó Thống đốc …, ‹Thủ tướng› giao …`,
/// `Chủ tịch nước ‹A›, ‹Thủ tướng› Belarus …`: a post of the State one person holds at a time (`post`,
/// a title read after the name), after titles of which one is no Party title (`earlier`), is another
/// person's: the subject of what follows, not this person's. (Party titles go with any post: `‹A›,
/// Ủy viên Bộ Chính trị, Thủ tướng Chính phủ`.)
fn anothers_post(earlier: &[&str], post: &str) -> bool {
    // (The highest posts but the deputies', of whom there are several.)
    let post = crate::normalize::lower(post);
    TOP_POSTS.contains(&post.as_str())
        && !post.starts_with("phó ")
        && earlier.iter().any(|t| !t.trim().is_empty() && !is_party_title(t.trim()))
}

/// Where a title found at `start` really begins: one or two words before it that make a listed
/// title with it, in any case (`Phó Tổng ‹Cục trưởng›`, `Phó ‹Tổng Cục trưởng›`).
fn longer_title_start(rules: &RuleSet, text: &str, start: usize, title_end: usize) -> usize {
    let positions = rules.lexicon("positions");
    let title = &text[start..title_end];
    let before = crate::normalize::tail(&text[..start], 40);
    let words: Vec<&str> = before.trim_end_matches(' ').rsplit(' ').take(2).collect();
    if !before.ends_with(' ') || words.is_empty() {
        return start;
    }
    let mut best = start;
    let mut at = start - 1;
    let mut joined = title.to_string();
    for w in words {
        if w.is_empty() || !w.chars().all(char::is_alphabetic) {
            break;
        }
        joined = format!("{w} {joined}");
        at -= w.len();
        if positions.contains_ci(&joined) {
            best = at;
        }
        if at == 0 || !text[..at].ends_with(' ') {
            break;
        }
        at -= 1;
    }
    best
}

/// Whether a body is an association, a society or a fund (`Hội ‹Thủy lợi› Việt Nam`, `Hiệp hội …`, list
/// `associations`), not a council (`Hội đồng …`).
fn is_association(rules: &RuleSet, org: &str) -> bool {
    rules.lexicon("associations").keys().any(|h| opens_words(org, h)) && !org.starts_with("Hội đồng")
}

/// A person named after a dash at `at` (` - ‹Nguyễn Đức Chung› cho rằng`), and where the name ends: two
/// to four capitalised syllables that no other follows, opening with a surname, not a place (`Phú Thọ
/// ‹- Yên Bái›`), a form of address (`‹Ông› Bang`) or a title (`‹Phó Trưởng Ban› Thường trực`).
fn name_after_dash(rules: &RuleSet, text: &str, at: usize) -> Option<(String, usize)> {
    let rest = text[at..].strip_prefix(" - ").or_else(|| text[at..].strip_prefix(" – "))?;
    let from = text.len() - rest.len();
    let tokens: Vec<&str> = rest.split([' ', '\n']).take(6).collect();
    let mut words = Vec::new();
    for t in &tokens {
        let core = t.trim_end_matches([',', '.', ';', ':', ')']);
        if !is_syllable(core) {
            break;
        }
        words.push(core);
        if core.len() < t.len() {
            break;
        }
    }
    let n = words.len();
    if !(2..=4).contains(&n) || !valid_name(rules, &words, true) || is_honorific(rules, words[0]) {
        return None;
    }
    let dept_titles = rules.lexicon("dept_titles");
    if title_len(rules, &tokens).is_some() || (1..=2).any(|k| dept_titles.contains_ci(&words[..k].join(" "))) {
        return None;
    }
    let end = from + words.join(" ").len();
    if runs_on(rules, words[n - 1], &text[end..]) {
        return None;
    }
    Some((words.join(" "), end))
}

/// `Nguyễn Văn An, Giám đốc Sở Tài chính`, `‹A› (Bí thư Huyện ủy ‹Z›)`, `đồng chí ‹A› được bầu giữ
/// chức Chủ tịch ‹X›`. A title in the chain that names another person (`‹A›, Giám đốc Sở ‹X›, Phó
/// Giám đốc Sở ‹Y› ‹B›`) ends this person's titles; that person is read on their own.
fn name_first(p: &Production<'_>, out: &mut Vec<Candidate>) {
    let (rules, text) = (p.rules, p.text);
    let (Some(raw), Some((ns, _)), Some((ps, pe)), Some((_, ne))) =
        (p.group("name"), p.span("name"), p.span("position"), p.span("name"))
    else {
        return;
    };
    let Some(name) = checked_name(rules, p, raw) else { return };
    // `… tỉnh ‹Cà Mau›, Bí thư …`: a place before a comma is the end of what came before.
    if text[ne..ps].contains(',') && rules.lexicon("places").contains(&name) {
        return;
    }
    // `xã ‹Đồng Lương›, là …`: a name after the word for an administrative unit is a place.
    let before_name = crate::normalize::tail(&text[..ns], 24);
    let unit = before_name.trim_end().rsplit([' ', '\n']).next().unwrap_or("");
    if before_name.ends_with(' ') && rules.lexicon("admin_units").contains(unit) {
        return;
    }
    // `- 2001–2008: ‹A›, …`, `- 1954 – ‹A›, …`: a list of holders by period tells who held the post
    // when, not who holds it.
    let line_start = text[..ns].rfind('\n').map_or(0, |i| i + 1);
    if period_only(&text[line_start..ns]) && !text[line_start..ns].contains("nay") {
        return;
    }
    // `Đỗ ‹Hoàng Ngân›`: a surname inside a longer name opens no name of its own.
    if let Some(prev) = text[..ns].strip_suffix(' ').and_then(|b| b.rsplit([' ', '\n']).next())
        && is_syllable(prev)
        && rules.lexicon("surnames").contains(prev)
        && !rules.lexicon("honorifics").contains_ci(prev)
        && !after_honorific(rules, &text[..ns])
    {
        return;
    }
    // `‹A›: ‹title›` is a list's line: the name opens it or follows a form of address (`Bồ ‹Đào Nha›:
    // Thủ tướng …` is no name).
    if text[ne..ps].starts_with(':') {
        let lead = text[line_start..ns]
            .trim_start_matches(|c: char| matches!(c, '-' | '•' | '*' | '+' | ' ' | '[' | ']') || c.is_ascii_digit());
        if !lead.is_empty() && !after_honorific(rules, lead) {
            return;
        }
    }
    let segs = segments(rules, text, ps, pe);
    // The titles up to the first that names someone else: that title is the other person's, unless
    // `và` joins them (`Chủ tịch UBND xã ‹và đồng chí B›`: the title is ours, `và` begins the other).
    // (`‹title› ‹body› và ‹B›`, `Trưởng Ban Tổ chức Trung ương và ‹B›`: a `và` right before the
    // other name joins them too; `cut` is where that `và` stands, for our body to end before it.)
    let mut kept = segs.len();
    let mut cut = None;
    for (i, seg) in segs.iter().enumerate().take(segs.len().saturating_sub(1)) {
        let body = words_at(text, seg.title_end, seg.end);
        // (A body the title holds whole leaves `và ‹B›` or `và đồng chí ‹B›` after it.)
        let lead = match body.first() {
            Some(&(s, e)) if &text[s..e] == "và" => {
                1 + (1..=3.min(body.len() - 1))
                    .rev()
                    .find(|&n| rules.lexicon("honorifics").contains_ci(&text[body[1].0..body[n].1]))
                    .unwrap_or(0)
            }
            _ => 0,
        };
        if seg.title_end > seg.start
            && let Some((name, org, name_end)) = person_at_end(rules, text, &body[lead..])
        {
            let and_at = and_before_name(rules, text, &body, &name, name_end);
            kept = if and_at.is_some() || joined_by_and(rules, org.as_deref()) { i + 1 } else { i };
            cut = and_at;
            break;
        }
    }
    // A post of the State after other titles, in a piece of its own, is another person's.
    if kept == segs.len()
        && let [earlier @ .., last] = &segs[..]
        && !earlier.is_empty()
        && last.title_end > last.start
        && anothers_post(
            &earlier.iter().map(|s| &text[s.start..s.title_end]).collect::<Vec<_>>(),
            &text[last.start..last.title_end],
        )
    {
        kept = segs.len() - 1;
    }
    // The organisation after the last title, unless it ends with another person's name.
    let org_span = p.span("org");
    let org_names_someone = org_span.is_some_and(|(os, oe)| {
        let words = words_at(text, os, oe);
        person_at_end(rules, text, &words)
            .is_some_and(|(_, org, _)| org.is_some() && !joined_by_and(rules, org.as_deref()))
    });
    if kept < segs.len() || org_names_someone {
        if p.span("former").is_some() {
            return;
        }
        // This person's titles are those before the piece that names another; the organisation of
        // the last of them is the words after its title.
        let kept = if kept < segs.len() { kept } else { segs.len() - 1 };
        let Some(last) = segs[..kept].iter().rposition(|s| s.title_end > s.start) else { return };
        let seg = segs[last];
        let mut body = words_at(text, seg.title_end, seg.end);
        if last + 1 == kept
            && let Some(at) = cut
        {
            body.truncate(at);
        }
        let position = canonical_position(rules, &fold_value(&text[ps..seg.title_end]));
        let org = body
            .first()
            .map(|&(s, _)| fold_value(&text[s..body.last().map_or(s, |w| w.1)]))
            .map(|o| end_org(rules, &o))
            .filter(|o| accepts_org(rules, &position, o));
        let end = body.last().map_or(seg.title_end, |w| w.1);
        push(p, out, ns, end, name, position, org);
        return;
    }
    let position = canonical_position(rules, &fold_value(&text[ps..pe]));
    let mut end = p.m.end;
    let mut org =
        p.group("org").map(fold_value).map(|o| end_org(rules, &o)).filter(|o| accepts_org(rules, &position, o));
    // An organisation that ends the match and lost words at its end takes the text with it
    // (`… LĐLĐ thành phố Hà Nội ‹triển› khai`); one cut before its lower-case words takes them.
    if let (Some(o), Some((os, oe)), Some(raw)) = (&org, org_span, p.group("org"))
        && oe == p.m.end
    {
        end = os + kept_prefix_len(raw, o.split(' ').count());
        // (`Cục Khảo ‹thí› ‹và kiểm định …›,`: the words closed by a comma may follow those it takes.)
        let tail = org_tail(rules, text, o, end);
        let tail = closed_tail(rules, text, &format!("{o}{}", &text[end..tail]), tail);
        if tail > end {
            org = Some(format!("{o}{}", &text[end..tail]));
            end = tail;
        }
    }
    if org.is_none() && org_span.is_some_and(|(_, oe)| oe == p.m.end) {
        end = pe;
    }
    // `Trưởng khoa ‹Hồi sức tích cực›, ‹Bệnh viện Bạch Mai›`: a department named in lower-case words,
    // then a comma and the body it belongs to.
    let mut position = position;
    let mut joiner = " ";
    if org.is_none()
        && let Some((dept, body, body_end)) = department_then_body(rules, &position, text, pe)
    {
        position = format!("{position} {dept}");
        org = Some(body);
        end = body_end;
        joiner = ", ";
    }
    // `‹A›, Trưởng khoa ‹Hồi sức sơ sinh› cho biết`, `Trưởng phòng ‹Cảnh sát trật tự› ‹Đà Nẵng›`: a
    // department's name with no body after it is the title's; a place that ends it is the organisation.
    // (`Trưởng phòng Kinh tế ‹hạ tầng› ‹huyện X›`: the name of a listed office (`phòng`) in the title
    // may go on in lower-case words.)
    let last_title = crate::normalize::lower(position.rsplit(", ").next().unwrap_or(&position));
    let named = names_a_department(rules, &last_title)
        && last_title.split_once("phòng ").is_some_and(|(title, _)| title.ends_with("trưởng "));
    if org.is_none()
        && joiner == " "
        && (heads_a_department(&last_title) || named)
        && let Some((dept, place, dept_end)) = department_alone(rules, text, pe, named)
    {
        position = format!("{position} {dept}");
        org = place;
        end = dept_end;
    }
    // `Vụ trưởng Vụ Tổ chức Cán bộ ‹của Bộ KHCN›`, `Bí thư Đảng ủy ‹của Cục NTBD›`, `Cục trưởng Cục ‹X›
    // ‹(Bộ Y)›`, `Vụ trưởng Vụ Quản lý ‹đê điều› ‹thuộc Tổng cục Y, Bộ Z›`: the body the department
    // belongs to is the organisation, and the department stays in the title. A committee joined by
    // `của` is a body of its own, one organisation with its parent (`Chủ nhiệm` / `Ủy ban ‹X› ‹của
    // Quốc hội›`).
    // (`Ủy ban ‹X› trực thuộc …`: the word is the marker's, not the body's.)
    if let Some(o) = org.as_deref().and_then(|o| o.strip_suffix(" trực"))
        && text[end..].starts_with(" thuộc ")
        && text[..end].ends_with(" trực")
    {
        org = Some(o.to_string());
        end -= " trực".len();
    }
    // (`Cục trưởng Cục ‹X› ‹lower-case words›, Bộ ‹Y›`: the department a title heads by its head word.)
    let lower_last = crate::normalize::lower(position.rsplit(", ").next().unwrap_or(&position));
    let heads_dept = org.as_deref().is_some_and(|o| {
        p.rules.lexicon("department_heads").keys().any(|h| {
            let h = crate::normalize::lower(h);
            (lower_last == format!("{h} trưởng") || lower_last == format!("phó {h} trưởng"))
                && crate::normalize::lower(o).starts_with(&format!("{h} "))
        })
    });
    // (`Chánh Văn phòng‹, Bộ Y›`: a title that names its department takes the body after a comma.)
    let names_dept = org.is_none()
        && (heads_a_department(&lower_last)
            || lower_last.ends_with(" văn phòng")
            || lower_last.ends_with(" thanh tra"));
    // (`Giám đốc Trung tâm Hỗ trợ ‹doanh nghiệp›, Sở ‹Y›`: a centre its director heads, likewise.)
    let heads_centre = org.as_deref().is_some_and(|o| directs_centre(rules, &lower_last, o));
    if let Some((gap_end, parent, parent_end)) =
        parent_after_with(rules, text, org.as_deref().unwrap_or(""), end, heads_dept || names_dept || heads_centre)
    {
        let gap = fold_value(&text[end..gap_end]);
        if let Some(dept) = org.as_deref().filter(|o| is_committee(o) && text[gap_end..].starts_with(" của ")) {
            org = Some(format!("{dept} của {parent}"));
        } else {
            let dept = match org.take() {
                Some(dept) => format!("{joiner}{dept}"),
                None => String::new(),
            };
            position = if gap.is_empty() { format!("{position}{dept}") } else { format!("{position}{dept} {gap}") };
            org = Some(parent);
        }
        end = parent_end;
    }
    // `‹A›, Trưởng ‹ấp Hòa Bình›`, `‹A›, Tổ trưởng ‹tổ dân phố 11›`: a head named after the village or
    // ward unit the text names next.
    if org.is_none()
        && matches!(lower_last.as_str(), "trưởng" | "phó trưởng" | "tổ trưởng" | "tổ phó")
        && let Some((unit, unit_end)) = village_after(rules, text, end)
    {
        // (`Trưởng ‹ấp›` keeps the unit's word, as `Trưởng thôn` does; `Tổ trưởng` is a title of its own.)
        if !lower_last.starts_with("tổ")
            && let Some(word) =
                p.rules.lexicon("villages").keys().find(|v| crate::normalize::lower(&unit).starts_with(*v))
        {
            position = format!("{position} {word}");
        }
        org = Some(unit);
        end = unit_end;
    }
    // `‹A›, Trưởng ‹đơn vị Mắt›`: a head's title alone, its department unread, is no position.
    let bare_head = ["trưởng", "phó trưởng", "chánh", "phó chánh"];
    if org.is_none() && bare_head.contains(&crate::normalize::lower(&position).as_str()) {
        return;
    }
    // After a comma, only a position with its organisation says the name is an official's
    // (`Nguyễn Văn An, Trần Thị Bình` is a list). An honorific before the name says it too
    // (`đồng chí Võ Minh Quân, Chủ tịch nước`), and so do the words of an appointment, and a title
    // that names its department (`‹A›, Ủy viên Bộ Chính trị, Trưởng Ban Tổ chức Trung ương`).
    let between = &text[ne..ps];
    if between.contains(',')
        && org.is_none()
        && !after_honorific(rules, &text[..ns])
        && !position.split(", ").any(|t| names_a_department(rules, t))
    {
        return;
    }
    // `ông ‹A›, Thứ trưởng ‹B› chia sẻ`: a title with a name right after it is that person's.
    if between.contains(',') && org.is_none() && name_at(rules, text, pe) {
        return;
    }
    // `‹A› giữ chức ‹X›` tells a post held once as well as one held now (`Năm 1983, ‹A› giữ chức …`);
    // an appointment before the name says it is the post given (`bổ nhiệm ‹A› giữ chức …`).
    if matches!(between.trim(), "giữ chức" | "giữ chức vụ") && !appointed_before(rules, &text[..ns]) {
        return;
    }
    // `‹A›, nguyên Thứ trưởng Bộ ‹X›, Chủ tịch Hội ‹Y›`: after a post held once, the title of an
    // association is held now; any other may be one held once too (`nguyên Bí thư Tỉnh ủy, Chủ tịch
    // UBND tỉnh`).
    if p.span("former").is_some() && !org.as_deref().is_some_and(|o| is_association(rules, o)) {
        return;
    }
    push(p, out, ns, end, name, position, org);
}

/// `Ông ‹A› cũng được chỉ định vào Ban Thường vụ Quận ủy và giữ chức Bí thư Quận ủy ‹X›`, `ông ‹A›,
/// Bí thư …, thôi giữ chức Bí thư … và bổ nhiệm giữ chức Hiệu trưởng Trường ‹Y›`: a post given with
/// the person named earlier in the sentence. The person is the last one the sentence names with a
/// form of address or a rank before the post, and an appointment must stand between them; a post
/// left (`thôi giữ chức`) or held once (`từng giữ chức`) is not read. The record is the words of the
/// post; its name is the person's.
fn appointed(p: &Production<'_>, out: &mut Vec<Candidate>) {
    let (rules, text) = (p.rules, p.text);
    let (Some((hs, _)), Some((ps, pe))) = (p.span("held"), p.span("position")) else { return };
    let clause = sentence_before(text, hs);
    let last_word = clause.trim_end().rsplit(' ').next().unwrap_or("");
    if matches!(crate::normalize::lower(last_word).as_str(), "thôi" | "từng" | "nguyên" | "đã") {
        return;
    }
    let Some((name, name_end)) = addressed_names(rules, clause).pop() else { return };
    let after_name = &clause[name_end..];
    if !appointed_before(rules, after_name) || ["trao ", " ký ", "công bố "].iter().any(|w| after_name.contains(w))
    {
        return;
    }
    push_post(p, out, hs, (ps, pe), name);
}

/// Whether the start of a line before a name is a period alone (`- 2001–2008: `, `- 1954 – `,
/// `Tháng 7/1986 – Tháng 6/1995, `, `2008-nay, `): a list of holders of a post, by term.
fn period_only(lead: &str) -> bool {
    // (A period is a few words long; a line of prose before the name, as long as a page, is none.)
    if lead.len() > 80 {
        return false;
    }
    let mut rest = lead.to_string();
    // (The words of a term between its dates, a closed set; what is left must be digits and marks.)
    for w in ["Tháng", "tháng", "nay", "Từ", "từ", "đến"] {
        rest = rest.replace(w, " ");
    }
    if !rest.chars().all(|c| c.is_ascii_digit() || " .,:/-–*•+".contains(c)) {
        return false;
    }
    let runs: Vec<usize> = rest.split(|c: char| !c.is_ascii_digit()).map(str::len).filter(|&n| n > 0).collect();
    runs.contains(&4) && runs.iter().all(|&n| n <= 4)
}

/// `Ông hiện là ‹titles›`, `Hiện nay bà là …`, `**‹A›** (sinh …) là …, hàm Trung tướng, hiện là …`: the
/// titles someone holds now, said of the person the sentence opens with, or, after `ông`/`bà`
/// standing for them, of the subject the page opens with in bold (`**‹A›**`) or as its title
/// (`# ‹A›`). Another person named in the sentence first makes it nobody's: that one has a match of
/// their own.
fn currently(p: &Production<'_>, out: &mut Vec<Candidate>) {
    let (rules, text) = (p.rules, p.text);
    let (Some((hs, he)), Some((ps, pe))) = (p.span("now"), p.span("position")) else { return };
    // Footnote marks and emphasis that open the sentence (`[1] Ông hiện là …`, `**‹A›** …`).
    let clause = sentence_before(text, hs)
        .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '[' | ']' | '*' | ' '));
    let trigger = crate::normalize::lower(&text[hs..he]);
    let last = crate::normalize::lower(clause.trim_end().trim_end_matches(',').rsplit(' ').next().unwrap_or(""));
    let pronoun = trigger.contains(" ông ") || trigger.contains(" bà ") || matches!(last.as_str(), "ông" | "bà");
    let name = if pronoun {
        // `Ông` alone, or after words that place it (`Trong Đảng …, ông hiện là`): no other name.
        if !addressed_names(rules, clause).is_empty() || opening_name(rules, clause).is_some() {
            return;
        }
        // `‹…› ông ‹B› … . Ông hiện là …`: the sentence before names someone the pronoun may stand for.
        let start = hs - clause.len();
        let prev = text[..start].trim_end();
        let previous = sentence_before(text, prev.strip_suffix(['.', ';', '?', '!']).unwrap_or(prev).len());
        let subject = page_subject(rules, &text[..hs]);
        if addressed_names(rules, previous).iter().any(|(n, _)| Some(n) != subject.as_ref()) {
            return;
        }
        match subject {
            Some(n) => n,
            None => return,
        }
    } else {
        // The post goes on from the sentence about the person after a comma or a bracket
        // (`**‹A›** (sinh 1969) là …, hàm Trung tướng, hiện là …`); `‹A› cho biết anh trai hiện là …`
        // is someone else's.
        if !clause.trim_end().ends_with([',', ')', '*']) {
            return;
        }
        let Some((n, n_end)) = opening_name(rules, clause) else { return };
        let rest = &clause[n_end..];
        if !addressed_names(rules, rest).is_empty()
            || opening_name(rules, rest.trim_start_matches(['*', ' '])).is_some()
        {
            return;
        }
        n
    };
    push_post(p, out, hs, (ps, pe), name);
}

/// The sentence before `at` (at most 400 bytes of it): from after the last full stop followed by a
/// space, or the line's start.
fn sentence_before(text: &str, at: usize) -> &str {
    let before = crate::normalize::tail(&text[..at], 400);
    let start =
        [". ", "; ", "? ", "! ", "\n"].iter().filter_map(|b| before.rfind(b).map(|i| i + b.len())).max().unwrap_or(0);
    &before[start..]
}

/// A post said after its holder (`appointed`, `currently`): the position at `position`, its
/// organisation from the match run to its end, the record from `from` to the organisation's end.
fn push_post(p: &Production<'_>, out: &mut Vec<Candidate>, from: usize, (ps, pe): (usize, usize), name: String) {
    let (rules, text) = (p.rules, p.text);
    let position = canonical_position(rules, &fold_value(&text[ps..pe]));
    let mut org =
        p.group("org").map(fold_value).map(|o| end_org(rules, &o)).filter(|o| accepts_org(rules, &position, o));
    let mut end = match (&org, p.span("org"), p.group("org")) {
        (Some(o), Some((os, _)), Some(raw)) => os + kept_prefix_len(raw, o.split(' ').count()),
        _ => pe,
    };
    if let Some(o) = &org {
        let tail = org_tail(rules, text, o, end);
        if tail > end {
            org = Some(format!("{o}{}", &text[end..tail]));
            end = tail;
        }
    }
    push(p, out, from, end, name, position, org);
}

/// The name `s` opens with (after `**`), and where it ends: two to four capitalised syllables.
fn opening_name(rules: &RuleSet, s: &str) -> Option<(String, usize)> {
    let mut skip = s.len() - s.trim_start_matches(['*', ' ']).len();
    // `Ông ‹A› sinh năm 1960, hiện là …`: the form of address is no part of the name.
    for h in ["Ông ", "Bà ", "ông ", "bà "] {
        if s[skip..].starts_with(h) {
            skip += h.len();
        }
    }
    let words = words_at(s, skip, s.len());
    let run = words.iter().take(4).take_while(|&&(a, b)| is_syllable(s[a..b].trim_end_matches([',', '*']))).count();
    (2..=run).rev().find_map(|n| {
        let ws: Vec<&str> = words[..n].iter().map(|&(a, b)| s[a..b].trim_end_matches([',', '*'])).collect();
        let cut = words[..n - 1].iter().any(|&(_, b)| s[b..].starts_with([',', '*']));
        (!cut && valid_name(rules, &ws, true)).then(|| (ws.join(" "), words[n - 1].1))
    })
}

/// The person a page is about: the name its first bold text is (`**‹A›** (sinh …)`), or its title
/// line (`# ‹A›`).
fn page_subject(rules: &RuleSet, before: &str) -> Option<String> {
    let title = before.strip_prefix("# ").map(|t| t.lines().next().unwrap_or(""));
    // The bold name must open a paragraph and the words about it (`**‹A›** (sinh 1962) là …`,
    // `**‹A›** là …`): a name set in bold inside a news story is the one it quotes, not its subject.
    let bold = before.find("**").and_then(|i| {
        let rest = &before[i + 2..];
        let opens = before[..i].trim_end_matches([' ', '#']).is_empty() || before[..i].ends_with('\n');
        rest.find("**").filter(|_| opens).and_then(|j| {
            let after = &rest[j + 2..];
            [" (", " là ", ", "].iter().any(|a| after.starts_with(a)).then(|| &rest[..j])
        })
    });
    [bold, title].into_iter().flatten().find_map(|t| {
        let ws: Vec<&str> = t.trim().split(' ').collect();
        valid_name(rules, &ws, true).then(|| ws.join(" "))
    })
}

/// The names in `clause` that a form of address or a rank stands before (`ông ‹Lê Minh Trung›`,
/// `đồng chí Chuẩn Đô đốc ‹Trần Thanh Nghiêm›`), in order, each with the offset of its end.
fn addressed_names(rules: &RuleSet, clause: &str) -> Vec<(String, usize)> {
    let words = words_at(clause, 0, clause.len());
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let run = words[i..].iter().take(4).take_while(|&&(s, e)| is_syllable(&clause[s..e])).count();
        // The name ends at a comma or at the end of the run of capitalised syllables.
        let n = (2..=run)
            .rev()
            .find(|&n| {
                let ws: Vec<&str> = words[i..i + n].iter().map(|&(s, e)| &clause[s..e]).collect();
                let cut = words[i..i + n - 1].iter().any(|&(_, e)| clause[e..].starts_with(','));
                !cut && valid_name(rules, &ws, true)
            })
            .filter(|_| after_honorific(rules, &clause[..words[i].0]));
        match n {
            Some(n) => {
                let (s, e) = (words[i].0, words[i + n - 1].1);
                out.push((fold_value(&clause[s..e]), e));
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether the clause before a name appoints someone (`Thủ tướng bổ nhiệm đồng chí ‹A› giữ chức …`): a
/// verb of list `appointing_verbs` followed by a space.
fn appointed_before(rules: &RuleSet, before: &str) -> bool {
    let clause = crate::normalize::tail(before, 160);
    let clause = clause.rsplit(['.', ';', '\n']).next().unwrap_or(clause);
    rules
        .lexicon("appointing_verbs")
        .keys()
        .any(|v| clause.match_indices(v).any(|(i, _)| clause[i + v.len()..].starts_with(' ')))
}

/// Whether a person's name follows `at` (after one space): a surname and capitalised syllables.
fn name_at(rules: &RuleSet, text: &str, at: usize) -> bool {
    let Some(rest) = text[at..].strip_prefix(' ') else { return false };
    let words: Vec<&str> = rest.split([' ', '\n']).take(4).collect();
    let syllables = words.iter().take_while(|w| is_syllable(w)).count();
    (2..=syllables).any(|n| valid_name(rules, &words[..n], true))
}

/// `các Phó Thủ tướng: ‹A›, ‹B› và ‹C›`, `5 Phó Chủ tịch gồm các đồng chí: ‹A›, ‹B›`: one official per
/// name, each with the shared position and organisation. A list needs a plural before its title, or
/// a colon or `gồm` before the names: `Chủ tịch ‹A›, ‹B›` alone may be two people of whom one is named.
fn list(p: &Production<'_>, out: &mut Vec<Candidate>) {
    let (rules, text) = (p.rules, p.text);
    let (Some((ps, pe)), Some((ns, ne))) = (p.span("position"), p.span("names")) else { return };
    let between = &text[pe..ns];
    let plural = p.group("plural").is_some();
    if !plural && !between.contains(':') && !between.contains("gồm") {
        return;
    }
    let position = canonical_position(rules, &fold_value(&text[ps..pe]));
    let org = p.group("org").map(fold_value).map(|o| end_org(rules, &o)).filter(|o| accepts_org(rules, &position, o));
    if p.group("org").is_some() && org.is_none() {
        return;
    }
    // The names, each with its span, without an honorific before it.
    let mut names = Vec::new();
    let mut at = ns;
    for piece in split_names(&text[ns..ne]) {
        let start = at + piece.0;
        let raw = &text[start..at + piece.1];
        let words: Vec<&str> = raw.split(' ').collect();
        let skip = words.iter().take_while(|w| is_honorific(rules, w)).count();
        let name_words = &words[skip..];
        if !valid_name(rules, name_words, true) {
            // One name that is no name makes the list no list of people.
            return;
        }
        let offset = words[..skip].iter().map(|w| w.len() + 1).sum::<usize>();
        names.push((start + offset, start + raw.len(), name_words.join(" ")));
    }
    at = p.m.start;
    for (i, (s, e, name)) in names.into_iter().enumerate() {
        // The first carries the title with it; the others are their names.
        let start = if i == 0 { at } else { s };
        push(p, out, start, e, name, position.clone(), org.clone());
    }
}

/// The signer of a legal text: a name on a line of its own under a title in capitals, and perhaps
/// above that the body the text is signed for (`TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH` / `PHÓ CHỦ
/// TỊCH` / `**Trần Báu Hà**`: the Phó Chủ tịch of the Ủy ban nhân dân). A title after `KT.`, `TM.`
/// or `TL.` is the one the signer signs for, not theirs; after `Q.` it is held acting. The block is
/// read from the name up, since the lines in capitals above it look like a menu to the zones.
fn signature(p: &Production<'_>, out: &mut Vec<Candidate>) {
    let (rules, text) = (p.rules, p.text);
    let Some((ns, ne)) = p.span("signed") else { return };
    let (line_start, _) = line_at(text, ns);
    if !block_line(&text[line_start..ns]).is_empty() {
        return;
    }
    let name = fold_value(&text[ns..ne]);
    if !valid_name(rules, &name.split(' ').collect::<Vec<_>>(), true) {
        return;
    }
    // The title: the line above, past blank lines and notes in brackets (`(Đã ký)`).
    let mut at = line_start;
    let mut title_line = None;
    for _ in 0..4 {
        if at == 0 {
            break;
        }
        let (s, e) = line_at(text, at - 1);
        at = s;
        let content = block_line(&text[s..e]);
        if content.is_empty() || (content.starts_with(['(', '[']) && content.ends_with([')', ']'])) {
            continue;
        }
        title_line = Some((s, content));
        break;
    }
    let Some((title_start, content)) = title_line else { return };
    if content.chars().any(char::is_lowercase) {
        return;
    }
    let (acting, title) = match content.strip_prefix("Q.") {
        Some(rest) => (true, rest.trim_start()),
        None => (false, content),
    };
    let title = fold_value(title);
    let deputy = deputy_of(rules, text, title_start);
    let (title, own_org) = match rules.lexicon("positions").key_ci(&title) {
        Some(t) => (t.to_string(), None),
        None => match title_with_body(rules, &title).or_else(|| head_of_body_above(rules, &title, deputy.as_deref())) {
            Some((t, o)) => (t, Some(o)),
            None => return,
        },
    };
    let position = if acting { format!("Quyền {title}") } else { title };
    let org = own_org.or(deputy).or_else(|| signed_for(rules, text, title_start));
    push(p, out, ns, ne, name, position, org);
}

/// Whether `body` is a centre (list `field_heads`) that the last title, `lower_title` in lower case,
/// directs (`Giám đốc ‹Trung tâm Đăng kiểm›`, `Phó Giám đốc ‹Trung tâm …›`).
fn directs_centre(rules: &RuleSet, lower_title: &str, body: &str) -> bool {
    lower_title.ends_with("giám đốc") && rules.lexicon("field_heads").keys().any(|h| opens_words(body, h))
}

/// A title that is a head word's (`PHÓ TRƯỞNG BAN`: list `dept_titles`, then a word of `body_heads`)
/// under a `KT.` line that names the body with that head (`KT. TRƯỞNG BAN CHÍNH SÁCH, THUẾ QUỐC TẾ`):
/// the title with the head as the body writes it, and the body (`Phó Trưởng Ban` / `Ban Chính sách,
/// Thuế quốc tế`, `body`: see [`deputy_of`]). Without such a line the title names no one's office.
fn head_of_body_above(rules: &RuleSet, line: &str, body: Option<&str>) -> Option<(String, String)> {
    let body = body?;
    let words: Vec<&str> = line.split(' ').collect();
    let (titles, heads) = (rules.lexicon("dept_titles"), rules.lexicon("body_heads"));
    let (title, head) = (1..words.len())
        .find_map(|n| Some((titles.key_ci(&words[..n].join(" "))?, heads.key_ci(&words[n..].join(" "))?)))?;
    opens_words(body, head).then(|| (format!("{title} {head}"), body.to_string()))
}

/// The body whose head the signer stands in for, named on the `KT.` line above the title (`KT. TRƯỞNG
/// BAN GIÁM SÁT QUẢN LÝ VỀ HQ` / `PHÓ TRƯỞNG BAN` / `‹A›`: the deputy head of that Ban), in the
/// spelling of the lists. None when that line names a title alone (`KT. CHỦ TỊCH`: the body, if any,
/// is the one a `TM.` line signs for).
fn deputy_of(rules: &RuleSet, text: &str, title_line: usize) -> Option<String> {
    let mut at = title_line;
    for _ in 0..3 {
        if at == 0 {
            return None;
        }
        let (s, _) = line_at(text, at - 1);
        let content = block_line(&text[s..at - 1]);
        if content.chars().any(char::is_lowercase) {
            return None;
        }
        if let Some(rest) = ["KT.", "K/T"].iter().find_map(|m| content.strip_prefix(m)) {
            return title_with_body(rules, &fold_value(rest.trim_start())).map(|(_, body)| body);
        }
        at = s;
    }
    None
}

/// A title line in capitals that names the signer's body after the title (`TRƯỞNG BAN GIÁM SÁT …`,
/// `GIÁM ĐỐC SỞ Y TẾ`): the title and the body, in the spelling of the lists; a title that ends with
/// the body's head word keeps it (`Trưởng Ban` / `Ban Giám sát …`).
fn title_with_body(rules: &RuleSet, line: &str) -> Option<(String, String)> {
    let words: Vec<&str> = line.split(' ').collect();
    let (positions, bare) = (rules.lexicon("positions"), rules.lexicon("bare_titles"));
    (1..words.len().min(5)).rev().find_map(|n| {
        let title = words[..n].join(" ");
        let title = positions.key_ci(&title).or_else(|| bare.key_ci(&title))?;
        let body = uncapitalised_body(rules, &words[n..].join(" "));
        if !starts_with_org_head(rules, &body) || body.split(' ').count() < 2 {
            return None;
        }
        let keeps_head = matches!(crate::normalize::lower(title).as_str(), "trưởng" | "phó trưởng");
        let head = rules.lexicon("body_heads").keys().find(|h| body.starts_with(&format!("{h} ")));
        match (keeps_head, head) {
            (true, Some(h)) => Some((format!("{title} {h}"), body)),
            (true, None) => None,
            (false, _) => Some((title.to_string(), body)),
        }
    })
}

/// The start and end of the line holding `at`.
fn line_at(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, end)
}

/// A line of a signature block without its emphasis and table bars.
fn block_line(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '|' | '_' | '#'))
}

/// The body a signature block signs for, from its `TM.` line above the title (`TM. ỦY BAN NHÂN DÂN`,
/// perhaps wrapped over two lines), in the spelling of the lists (`Ủy ban nhân dân`).
fn signed_for(rules: &RuleSet, text: &str, title_line: usize) -> Option<String> {
    let mut lines = Vec::new();
    let mut at = title_line;
    while at > 0 && lines.len() < 4 {
        let (s, _) = line_at(text, at - 1);
        let content = block_line(&text[s..at - 1]);
        if content.is_empty() || content.chars().any(char::is_lowercase) {
            break;
        }
        lines.push(content);
        at = s;
    }
    lines.reverse();
    let on_behalf = lines.iter().rposition(|l| ["TM.", "T/M", "T.M."].iter().any(|m| l.starts_with(m)))?;
    let mut body = String::new();
    for (i, l) in lines[on_behalf..].iter().enumerate() {
        let l = if i == 0 { l.trim_start_matches(['T', 'M', '.', '/']).trim_start() } else { l };
        if i > 0 && ["KT.", "K/T", "TL.", "T/L", "TUQ.", "Q."].iter().any(|m| l.starts_with(m)) {
            break;
        }
        if !body.is_empty() {
            body.push(' ');
        }
        body.push_str(l);
    }
    let body = fold_value(&body);
    (!body.is_empty()).then(|| uncapitalised_body(rules, &body))
}

/// A body's name written in capitals, in the spelling of the lists: its head as listed (`ỦY BAN NHÂN
/// DÂN` → `Ủy ban nhân dân`), units in lower case and the words of places capitalised (`TỈNH HÀ TĨNH`
/// → `tỉnh Hà Tĩnh`).
fn uncapitalised_body(rules: &RuleSet, body: &str) -> String {
    let words: Vec<&str> = body.split(' ').collect();
    let (heads, units) = (rules.lexicon("org_heads"), rules.lexicon("admin_units"));
    let listed = |lex: &crate::rules::lexicon::Lexicon, n: usize, i: usize| {
        lex.key_ci(&words[i..i + n].join(" ")).map(str::to_string)
    };
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    if let Some((n, head)) = (1..=words.len().min(8)).rev().find_map(|n| Some((n, listed(heads, n, 0)?))) {
        out.push(head);
        i = n;
    }
    while i < words.len() {
        if let Some((n, unit)) = (1..=2.min(words.len() - i)).rev().find_map(|n| Some((n, listed(units, n, i)?))) {
            out.push(unit);
            i += n;
            continue;
        }
        // (A word with no vowel is letters, kept in capitals: `VỀ HQ` → `Về HQ`.)
        let lower = crate::normalize::lower(words[i]);
        out.push(if lower.chars().any(|c| VOWELS.contains(c)) {
            crate::normalize::capitalize(&lower)
        } else {
            words[i].to_string()
        });
        i += 1;
    }
    out.join(" ")
}

/// The pieces of a list of names between `, `, `; ` and ` và `, as offsets into `s`.
fn split_names(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if let Some(sep) = [", ", "; ", " và "].iter().find(|sep| rest.starts_with(**sep)) {
            out.push((start, i));
            i += sep.len();
            start = i;
        } else {
            i += utf8_len(s.as_bytes()[i]);
        }
    }
    out.push((start, s.len()));
    out
}

fn is_honorific(rules: &RuleSet, w: &str) -> bool {
    rules.lexicon("honorifics").contains_ci(w)
}

/// One official, with the central commissions and bodies named by their head word put right; one
/// that overlaps the official made before it from the same match is not made.
fn push(
    p: &Production<'_>,
    out: &mut Vec<Candidate>,
    start: usize,
    end: usize,
    name: String,
    position: String,
    org: Option<String>,
) {
    let (org, end) = match org {
        Some(o) => {
            let (o, e) = without_next_sentence(p.rules, p.text, o, end);
            let (o, e) = whole_last_word(p.rules, p.text, o, e);
            let (o, e) = steering_head(p.text, o, e);
            (Some(o), e)
        }
        None => (None, end),
    };
    let (position, org) = own_bodies(p.rules, position, org);
    let (org, end) = match org {
        Some(o) => {
            let (o, e) = about_what(p.rules, p.text, o, end);
            (Some(o), e)
        }
        None => (None, end),
    };
    let mut c = p.candidate(Kind::Official, vec![Value::str(name), Value::str(position), Value::opt(org)]);
    c.start = start;
    c.end = end.max(start);
    if out.last().is_none_or(|last: &Candidate| last.end <= c.start) {
        out.push(c);
    }
}

/// `Trường THPT Phan Đình Phùng ‹Theo› …`: an organisation that ends the record with a word opening a
/// sentence (list `sentence_openers`), the full stop before it lost, ends before it.
fn without_next_sentence(rules: &RuleSet, text: &str, org: String, end: usize) -> (String, usize) {
    match org.rsplit_once(' ') {
        Some((rest, last))
            if rest.contains(' ')
                && text[..end].ends_with(&format!(" {last}"))
                && rules.lexicon("sentence_openers").contains(last) =>
        {
            let end = end - last.len() - 1;
            (rest.trim_end_matches([',', ' ']).to_string(), text[..end].trim_end_matches([',', ' ']).len())
        }
        _ => (org, end),
    }
}

/// `Viện ‹Sức› khỏe …`, `Trung tâm ‹Nghiên› cứu …`, `Công ty ‹Cổ› phần …`: an organisation that ends
/// the record with the first syllable of a listed word of a body's name (`org_words`, in any case),
/// the second written in small letters right after it, takes that syllable.
fn whole_last_word(rules: &RuleSet, text: &str, org: String, end: usize) -> (String, usize) {
    let last = org.rsplit(' ').next().unwrap_or("");
    let Some(rest) = text[end..].strip_prefix(' ') else { return (org, end) };
    let next = rest.split([' ', '\n']).next().unwrap_or("").trim_end_matches([',', '.', ';', ':', ')']);
    if org.contains(' ')
        && last.starts_with(char::is_uppercase)
        && text[..end].ends_with(last)
        && !next.is_empty()
        && next.chars().all(char::is_lowercase)
        && rules.lexicon("org_words").contains_ci(&format!("{last} {next}"))
    {
        let end = end + 1 + next.len();
        return (format!("{org} {next}"), end);
    }
    (org, end)
}

/// `Trưởng Ban ‹chỉ đạo› Nhà nước về Du lịch`: a body read as its head word `Ban` alone, with `chỉ đạo`
/// after it in small letters (which a title's run of a body's name does not take, as the words are a
/// verb's too), is a steering committee: the words go with it, and so does `Nhà nước`, `Trung ương` or
/// `quốc gia` right after them; what it steers is read next ([`about_what`]).
fn steering_head(text: &str, org: String, end: usize) -> (String, usize) {
    let Some(rest) = text[end..].strip_prefix(" chỉ đạo").filter(|r| !r.starts_with(char::is_alphanumeric)) else {
        return (org, end);
    };
    if org != "Ban" || !text[..end].ends_with("Ban") {
        return (org, end);
    }
    let mut org = format!("{org} chỉ đạo");
    let mut end = end + " chỉ đạo".len();
    // (The levels' first letters are ASCII, so a level in either case has the length written here.)
    let level = STEERING_LEVELS.iter().find(|l| {
        rest.get(..l.len() + 1).is_some_and(|w| crate::normalize::lower(w) == format!(" {l}"))
            && !rest[l.len() + 1..].starts_with(char::is_alphanumeric)
    });
    if let Some(l) = level {
        org.push_str(&rest[..l.len() + 1]);
        end += l.len() + 1;
    }
    (org, end)
}

/// The levels a steering committee's name may give after `Ban chỉ đạo` (`Ban Chỉ đạo ‹Nhà nước› về …`).
const STEERING_LEVELS: [&str; 3] = ["nhà nước", "trung ương", "quốc gia"];

/// An organisation that ends the record at `end`, with the field it is for after `về` when that is
/// named in capitals (`Ban Chỉ đạo Nhà nước ‹về Du lịch›`; not `‹về› dự`, a verb), and the new end.
fn about_what(rules: &RuleSet, text: &str, org: String, end: usize) -> (String, usize) {
    let last = org.rsplit(' ').next().unwrap_or("");
    let lower = crate::normalize::lower(&org);
    // (The name must end the record as written.)
    if last.is_empty() || !text[..end].ends_with(last) {
        return (org, end);
    }
    if let Some(len) = listed_field(rules, text, &lower, end) {
        return (format!("{org} {}", fold_value(&text[end + 1..end + len])), end + len);
    }
    if !rules.lexicon("about_heads").keys().any(|h| lower.starts_with(h)) {
        return (org, end);
    }
    let predicate_words = rules.lexicon("predicate_words");
    let predicate_pairs = rules.lexicon("predicate_pairs");
    if let Some(tail) = steering_subject(rules, text, &lower, end) {
        let subject = fold_value(&text[end..tail]);
        let (org, end) = (format!("{org} {subject}"), tail);
        return match body_after_of(rules, text, end).filter(|_| text[end..].starts_with(" của ")) {
            Some((parent, parent_end)) => (format!("{org} của {parent}"), parent_end),
            None => (org, end),
        };
    }
    let Some(rest) = text[end..].strip_prefix(" về ") else { return (org, end) };
    let mut len = 0;
    let mut n = 0;
    for w in rest.split(' ').take(4) {
        let core = w.trim_end_matches([',', '.', ';', ':', ')']);
        // `Du ‹lịch›`: the lower-case syllable that ends a capitalised word of a name.
        let ends_word = n > 0 && rules.lexicon("org_syllables").contains(core);
        if !is_syllable(core) && !ends_word {
            break;
        }
        len = if n == 0 { core.len() } else { len + 1 + core.len() };
        n += 1;
        if core.len() < w.len() {
            break;
        }
    }
    // The field ends where the sentence goes on: a stop, a name, or what the person does (`… về Du
    // lịch ‹phát biểu›`); lower-case words of its own after it (`về Các vấn ‹đề xã hội›`) are not read.
    let after = &rest[len..];
    let next: Vec<&str> = after.trim_start().split(' ').take(2).collect();
    let next_word = next.first().copied().unwrap_or("");
    let goes_on = after.starts_with(' ')
        && next_word.starts_with(char::is_lowercase)
        && !predicate_words.contains(next_word)
        && !predicate_pairs.contains(&next.join(" "));
    if n == 0 || goes_on {
        return (org, end);
    }
    let field = &rest[..len];
    (format!("{org} về {}", fold_value(field)), end + " về ".len() + len)
}

/// The length of ` về ‹field›` at `at`, when a body's name read as `lower_org` (in lower case) ends
/// with the words a listed field follows (`Đội CSĐT tội phạm ‹về TTXH›`, list `about_fields`, the
/// field in any case and not cut inside a word: `về ma túy‹n›`); the longest listed field.
fn listed_field(rules: &RuleSet, text: &str, lower_org: &str, at: usize) -> Option<usize> {
    let after = text[at..].strip_prefix(' ')?;
    rules
        .lexicon("about_fields")
        .keys()
        .filter_map(|entry| {
            let (stem, field) = entry.split_once(" về ")?;
            if !lower_org.ends_with(stem) || !lower_org[..lower_org.len() - stem.len()].ends_with(' ') {
                return None;
            }
            let wanted = format!("về {field}");
            let n = wanted.chars().count();
            let taken: &str = after.char_indices().nth(n).map_or(after, |(i, _)| &after[..i]);
            let whole = !after[taken.len()..].starts_with(char::is_alphanumeric);
            (crate::normalize::lower(taken) == wanted && whole).then_some(1 + taken.len())
        })
        .max()
}

/// `Ban Chỉ đạo ‹cải cách hành chính› của Chính phủ`, `Ban Chỉ đạo Nhà nước ‹về đổi mới đơn vị sự
/// nghiệp›`, `Ban Chỉ đạo ‹phòng, chống tội phạm›`: a steering committee named by its head alone (perhaps
/// with `Nhà nước`, `Trung ương`, `quốc gia`) goes on over the lower-case words of what it steers,
/// `về` first, `và` and a comma between them, to where the clause closes (a comma, a bracket, a stop,
/// `của` and its parent, the line's end) or the sentence goes on (`… ‹đã› chủ trì`, `… ‹làm› Trưởng
/// đoàn`, `‹kết luận› như sau:`, `… về ‹dự› lễ`). Gives where the words end.
fn steering_subject(rules: &RuleSet, text: &str, lower_org: &str, at: usize) -> Option<usize> {
    lower_org
        .strip_prefix("ban chỉ đạo")
        .filter(|r| r.is_empty() || r.strip_prefix(' ').is_some_and(|l| STEERING_LEVELS.contains(&l)))?;
    let predicate_words = rules.lexicon("predicate_words");
    let predicate_pairs = rules.lexicon("predicate_pairs");
    let saying_pairs = rules.lexicon("saying_pairs");
    let line = text[at..].strip_prefix(' ')?;
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let tokens: Vec<&str> = line.split(' ').take(21).collect();
    let mut pos = at + 1;
    let mut end = None;
    for (i, token) in tokens.iter().enumerate() {
        let core = token.trim_end_matches([',', '.', ';', ':']);
        let next = tokens.get(i + 1).copied().unwrap_or("");
        let next_core = next.trim_end_matches([',', '.', ';', ':']);
        let pair = format!("{core} {next_core}");
        let lowercase = !core.is_empty() && core.chars().all(char::is_lowercase);
        let own_next = !next_core.is_empty()
            && next_core.chars().all(char::is_lowercase)
            && !predicate_words.contains(next_core)
            && next_core != "làm";
        let joins = (core == "về" && i == 0) || (core == "và" && i > 0 && own_next);
        // (`đổi ‹mới›`: the word ends a word of the subject.)
        let renewed = core == "mới" && i > 0 && tokens[i - 1] == "đổi";
        let verb = (predicate_words.contains(core) && !joins && !renewed)
            || matches!(core, "làm" | "như" | "thăm")
            || (core == "dự" && !matches!(next_core, "án" | "báo" | "thảo" | "phòng" | "toán" | "trữ"))
            || pair == "kết luận"
            || predicate_pairs.contains(&pair)
            || saying_pairs.contains(&pair);
        if token.starts_with('(') || verb {
            return end;
        }
        // (`… ‹kết luận như sau:›`: what follows a colon is what it said.)
        if !lowercase || is_honorific(rules, core) || i >= 20 || token.ends_with(':') {
            return None;
        }
        let e = pos + core.len();
        if core.len() < token.len() {
            // `phòng‹,› chống …`: a comma between the words of what it steers.
            let goes_on = token.ends_with(',') && own_next && !next.ends_with(',');
            if !goes_on {
                return (core != "về" && core != "và").then_some(e);
            }
        } else if next.is_empty() {
            return Some(e);
        }
        if core != "về" && core != "và" {
            end = Some(e);
        }
        pos += token.len() + 1;
    }
    None
}

/// A title of a department (`Trưởng`, `Chánh`) with the head word it shares with the body it heads
/// (`Trưởng ‹Ban›` Tổ chức Trung ương, `Chánh ‹Văn phòng›` Trung ương Đảng): the title alone is no
/// post. Other titles (`Ủy viên`) stand alone.
fn title_keeping_head(rules: &RuleSet, title: &str, body: &[&str]) -> String {
    if !matches!(crate::normalize::lower(title).as_str(), "trưởng" | "phó trưởng" | "chánh" | "phó chánh") {
        return title.to_string();
    }
    let positions = rules.lexicon("positions");
    (1..=body.len().min(2))
        .map(|n| format!("{title} {}", body[..n].join(" ")))
        .find(|t| positions.contains_ci(t))
        .unwrap_or_else(|| format!("{title} {}", body.first().copied().unwrap_or("")))
}

/// A committee (`Ủy ban ‹X›`, `UB ‹X›`): joined by `của` to its parent, a body of its own.
fn is_committee(org: &str) -> bool {
    ["Ủy ban ", "Uỷ ban ", "UB "].iter().any(|h| org.starts_with(h))
}

/// A body that is an organisation of its own though a title names it like a department: the Party's
/// central commissions (`Trưởng Ban Tổ chức Trung ương` → `Trưởng Ban` / `Ban Tổ chức Trung ương`,
/// `Chủ nhiệm Ủy ban Kiểm tra Trung ương` → `Chủ nhiệm` / `Ủy ban Kiểm tra Trung ương`); and a body
/// named by its head word, which the title keeps (`Trưởng ‹Ban Dân nguyện›` → `Trưởng Ban`, `Phó Trưởng
/// Đoàn ‹ĐBQH tỉnh›` → `Phó Trưởng Đoàn` / `Đoàn ĐBQH tỉnh`).
fn own_bodies(rules: &RuleSet, position: String, org: Option<String>) -> (String, Option<String>) {
    // The last title: after the last comma, or after a dash that a title follows (`Ủy viên Bộ Chính
    // trị ‹- Trưởng Ban Kinh tế Trung ương›`; not the dash inside `Ban Kinh tế - Ngân sách`).
    let dashed =
        [" - ", " – "].iter().filter_map(|d| position.rfind(d).map(|i| (i, d.len()))).max().filter(|&(i, n)| {
            let words: Vec<&str> = position[i + n..].split(' ').collect();
            title_len(rules, &words).is_some()
        });
    // (Or after `kiêm`: `Phó Chủ tịch UBND tỉnh ‹kiêm Trưởng Ban› Quản lý …`.)
    let joined = position.rfind(" kiêm ").map(|i| (i, " kiêm ".len()));
    let cut = [position.rfind(", ").map(|i| (i, 2)), dashed, joined].into_iter().flatten().max();
    let (head, last) = match cut {
        Some((i, n)) => (position[..i + n].to_string(), position[i + n..].to_string()),
        None => (String::new(), position.clone()),
    };
    // `Đại biểu Quốc hội ‹A›`, `Đại biểu Quốc hội ‹khóa XIV› ‹tỉnh Bến Tre›`: a member of the National
    // Assembly; the term and the province that elected them are no part of the body.
    if crate::normalize::lower(&last) == "đại biểu quốc hội"
        && org.as_deref().is_none_or(|o| {
            o.starts_with(char::is_lowercase)
                || o.starts_with("Khóa ")
                || rules.lexicon("places").contains(o)
                || o.split_once(' ').is_some_and(|(w, rest)| {
                    rules.lexicon("admin_units").contains_ci(w) && rules.lexicon("places").contains(rest)
                })
        })
    {
        return (format!("{head}{}", &last[..last.len() - " Quốc hội".len()]), Some("Quốc hội".to_string()));
    }
    // `Chủ nhiệm ‹Ủy ban Tư pháp của Quốc hội›`: a committee joined to its parent by `của` is one
    // organisation; a department so joined stays in the title, its parent the organisation
    // (`Bí thư Đảng ủy` / `Cục ‹X›`).
    if let Some(o) = &org
        && let Some(i) = o.find(" của ")
        && !is_committee(o)
        && let parent = &o[i + " của ".len()..]
        && (starts_with_org_head(rules, parent) || is_acronym_body(parent))
    {
        return (format!("{position} {}", &o[..i]), Some(parent.to_string()));
    }
    if org.as_deref().is_some_and(|o| is_committee(o) && o.contains(" của ")) {
        return (position, org);
    }
    // `Phó Chủ nhiệm ‹Ủy ban Kiểm tra› ‹Trung ương Đoàn›`: a committee of the Union's centre is one
    // body with it; a department of it (`Trưởng Ban Tổ chức`) stays in the title.
    let union = org.as_deref().and_then(|o| {
        union_centre(&position, o).or_else(|| {
            CENTRE.iter().any(|c| o.strip_suffix(" Đoàn") == Some(*c)).then(|| (position.as_str(), o.to_string()))
        })
    });
    if let Some((title, centre)) = union {
        let t_last = title.rsplit(", ").next().unwrap_or(title);
        let t_head = &title[..title.len() - t_last.len()];
        let committee = ["Ủy ban ", "Uỷ ban "].iter().find_map(|h| t_last.find(h).map(|i| (i, h)));
        if let Some((i, _)) = committee
            && i > 0
            && rules.lexicon("dept_titles").contains_ci(t_last[..i].trim_end())
        {
            return (format!("{t_head}{}", t_last[..i].trim_end()), Some(format!("{} {centre}", &t_last[i..])));
        }
        return (title.to_string(), Some(centre));
    }
    let own = rules.lexicon("own_bodies");
    let words: Vec<&str> = last.split(' ').collect();
    // `Trưởng ban Dân vận ‹T.Ư›`, `Trưởng Ban Tổ chức ‹T.Ư Đảng›`: a central commission whose word for
    // the centre is written short, after the title.
    let centre = org.as_deref().and_then(|o| {
        let c = o.strip_suffix(" Đảng").unwrap_or(o);
        CENTRE.contains(&c).then_some(o)
    });
    if let Some(o) = centre {
        for d in 1..words.len().min(3) {
            let title = words[..d].join(" ");
            if rules.lexicon("dept_titles").contains_ci(&title)
                && (own.contains_ci(&format!("{} Trung ương", words[d..].join(" ")))
                    || own.contains_ci(&format!("{} Trung ương Đảng", words[d..].join(" "))))
            {
                let title = title_keeping_head(rules, &title, &words[d..]);
                let body = crate::normalize::capitalize(&words[d..].join(" "));
                return (format!("{head}{title}"), Some(format!("{body} {o}")));
            }
        }
    }
    if org.is_none() {
        for d in 1..words.len().min(3) {
            let title = words[..d].join(" ");
            let body = words[d..].join(" ");
            if rules.lexicon("dept_titles").contains_ci(&title)
                && let Some(body) = own.key_ci(&body)
            {
                let title = title_keeping_head(rules, &title, &words[d..]);
                return (format!("{head}{title}"), Some(body.to_string()));
            }
        }
    }
    let lower_last = crate::normalize::lower(&last);
    // `Trưởng thôn ‹Tân Lập›` → `Trưởng thôn` / `thôn Tân Lập`; `Tổ trưởng tổ dân phố ‹11›` → `Tổ
    // trưởng` / `tổ dân phố 11`: the unit's word goes with its name (a title of its own, `Tổ trưởng`,
    // keeps only that).
    if let Some(unit) = village_of(rules, &last)
        && let Some(o) = &org
        && o.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
    {
        let title = last[..last.len() - unit.len()].trim_end();
        let keeps_unit = !rules.lexicon("positions").contains_ci(title);
        let position = if keeps_unit { position.clone() } else { format!("{head}{title}") };
        return (position, Some(format!("{unit} {o}")));
    }
    // `Bộ trưởng ‹Ngoại giao›`: a field with no body named is the title's; after a minister's title,
    // so is a field that would open a body of its own (`Bộ trưởng ‹Công an›`) and a ministry's letters
    // without `Bộ` (`Bộ trưởng ‹GTVT›`, `Thứ trưởng ‹GD&ĐT›`).
    let minister = is_minister(&lower_last);
    if let Some(o) = &org
        && ((!starts_with_org_head(rules, o) && is_field(rules, o))
            || (minister && (is_field(rules, o) || (is_acronym_body(o) && !o.contains(|c: char| c.is_ascii_digit())))))
    {
        return (format!("{position} {o}"), None);
    }
    // `Cục trưởng ‹Cục Quản lý giá›, ‹Bộ Tài chính›`: a department the title heads, then a comma (or a
    // dash) and the body it belongs to; the department stays in the title. (The comma may be the
    // second: `‹Cục Quản lý Khám, chữa bệnh›, ‹Bộ Y tế›`; a ministry may follow with nothing between:
    // `Phó Vụ trưởng ‹Vụ Công chức› ‹Bộ Nội vụ›`.)
    if let Some(o) = &org
        && let Some((dept, parent)) = body_after_dept(rules, o).or_else(|| ministry_after_dept(rules, o))
        && let Some(head) = rules.lexicon("department_heads").keys().find(|h| {
            lower_last == format!("{} trưởng", crate::normalize::lower(h))
                || lower_last == format!("phó {} trưởng", crate::normalize::lower(h))
        })
        && crate::normalize::lower(dept).starts_with(&format!("{} ", crate::normalize::lower(head)))
        && starts_with_org_head(rules, parent)
        && !rules.lexicon("places").contains(parent)
    {
        return (format!("{position} {dept}"), Some(parent.to_string()));
    }
    // `Giám đốc ‹Trung tâm Đăng kiểm›, ‹Sở Giao thông vận tải›`: a centre (list `field_heads`) that a
    // director heads, then a comma or a dash and the body it belongs to, stays in the title as a
    // department does above. (Not under a title that names a department of its own: `Trưởng phòng
    // Kiểm dịch thực vật ‹Cục Bảo vệ thực vật - Bộ NN-PTNT›`, the office's body and its ministry.)
    if let Some(o) = &org
        && let Some((dept, parent)) = body_after_dept(rules, o)
        && directs_centre(rules, &lower_last, dept)
        && starts_with_org_head(rules, parent)
        && !rules.lexicon("places").contains(parent)
    {
        return (format!("{position} {dept}"), Some(parent.to_string()));
    }
    // `Phó Trưởng phòng ‹CSGT› ‹Quảng Nam›`: the department's letters are the position's, the place the
    // organisation.
    if let Some(o) = &org
        && !starts_with_org_head(rules, o)
        && let Some((letters, place)) = letters_and_place(rules, &lower_last, o)
        && !letters.is_empty()
    {
        return (format!("{position} {letters}"), Some(place.to_string()));
    }
    // `Trưởng phòng ‹Thanh tra - Kiểm tra số 1, Cục Thuế Bình Định›`: the department is the
    // position's, the body after it the organisation.
    if let Some((dept, parent)) = org.as_deref().and_then(|o| dept_then_body(rules, &position, o)) {
        return (format!("{position} {dept}"), Some(parent.to_string()));
    }
    // `Trưởng ‹Ban Quốc tế› ‹Trung ương Đoàn›`: a department of the Youth Union's centre stays in the
    // title; the centre is the organisation.
    if matches!(lower_last.as_str(), "trưởng" | "phó trưởng")
        && let Some(o) = &org
        && let Some(dept) = ["Ban ", "ban "].iter().find_map(|h| o.strip_prefix(h))
        && let Some((name, centre)) = CENTRE.iter().find_map(|c| {
            let name = dept.strip_suffix(" Đoàn")?.strip_suffix(c)?.strip_suffix(' ')?;
            Some((name, format!("{c} Đoàn")))
        })
        && !name.is_empty()
    {
        return (format!("{position} {}", &o[..o.len() - centre.len() - 1]), Some(centre));
    }
    // `Trưởng Ban Dân nguyện`: the title is `Trưởng`, the body `Ban Dân nguyện`.
    if matches!(lower_last.as_str(), "trưởng" | "phó trưởng")
        && let Some(o) = &org
        && let Some(h) = rules.lexicon("body_heads").keys().find(|h| {
            o.get(..h.len() + 1)
                .is_some_and(|w| crate::normalize::lower(w) == crate::normalize::lower(&format!("{h} ")))
        })
    {
        // (`Trưởng ban ‹Ban Bồi thường …›`: the head word written twice, the title's and the body's.)
        let rest = &o[h.len() + 1..];
        if rest.starts_with(&format!("{h} ")) {
            return (format!("{position} {}", &o[..h.len()]), Some(rest.to_string()));
        }
        // `Trưởng Ban ‹Quản lý dự án 2›, ‹Bộ GTVT›`: a committee named, then set off by a comma or a dash
        // a listed body written with its capital, is a department of that body; the department stays in
        // the title, as `Cục trưởng Cục ‹X›, ‹Bộ Tư pháp›` does.
        if let Some((dept, parent)) = ban_of_body(rules, o) {
            return (format!("{position} {dept}"), Some(parent.to_string()));
        }
        return (format!("{position} {}", &o[..h.len()]), org);
    }
    // `trưởng đoàn ‹đại› diện`: one lower-case word that no list knows as a head names no body.
    if org.as_deref().is_some_and(|o| !o.contains(' ') && o.chars().all(char::is_lowercase) && !is_org_head(rules, o)) {
        return (position, None);
    }
    // `Phó Trưởng Đoàn ‹ĐBQH tỉnh›`: the title names the head of the body after it (but `Trưởng Chi
    // nhánh ‹Tổng Công ty …›` names the body the branch belongs to).
    if let Some(h) =
        rules.lexicon("body_heads").keys().find(|h| lower_last.ends_with(&format!(" {}", crate::normalize::lower(h))))
        && let Some(o) = &org
        && !o.starts_with(h)
        && !starts_with_org_head(rules, o)
    {
        return (position, Some(format!("{h} {o}")));
    }
    // `| Trưởng ban | ‹A› |`, `Trưởng ‹bộ› môn …`: a head word in lower case with nothing of a name
    // after it is the title's last word, not a body.
    if matches!(lower_last.as_str(), "trưởng" | "phó trưởng")
        && let Some(o) = &org
        && !o.contains(' ')
        && o.chars().all(char::is_lowercase)
    {
        return (format!("{position} {o}"), None);
    }
    // `Phó Trưởng phòng ‹TN&MT›`: a department named by its letters, with no body after it, is the
    // organisation, written with its head word.
    if lower_last.ends_with("trưởng phòng")
        && let Some(o) = &org
        && is_acronym_body(o)
        && !starts_with_org_head(rules, o)
    {
        return (position, Some(format!("phòng {o}")));
    }
    (position, org)
}

/// Whether a name ending at `end` goes on after a hyphen (`Kim Se‹-yun›`): the match cut it.
fn cut_at_hyphen(text: &str, end: usize) -> bool {
    text[end..].strip_prefix('-').is_some_and(|r| r.starts_with(char::is_lowercase))
}

/// A name a rule captured, checked. A place before a dash and a title is still a name (`đồng chí Hà
/// Đông - Ủy viên …`), so places are not ruled out here.
fn checked_name(rules: &RuleSet, p: &Production<'_>, raw: &str) -> Option<String> {
    let name_end = p.span("name").or(p.span("bare")).map(|(_, ne)| ne);
    if name_end.is_some_and(|ne| cut_at_hyphen(p.text, ne)) {
        return None;
    }
    let name = fold_value(raw);
    let words: Vec<&str> = name.split(' ').collect();
    let head_may_end = name_end.is_some_and(|ne| !capital_follows(&p.text[ne..]));
    if !valid_name_ending(rules, &words, false, head_may_end) {
        return None;
    }
    // `Ông` is a surname and the form of address; opening a sentence it is the form of address:
    // `Ông Đào Văn Triển - …` is Đào Văn Triển, whose own match starts at the next word; before a
    // surname no list names, the name is the words after it (`‹Ông› Điều Bá Được, Trưởng ban …`: a
    // surname `Ông` there is rarer than the surnames missing from the list). A historical figure
    // stays out (`Ông ‹Tôn Đức Thắng› được bầu …`), and a given name alone is no name (`Ông ‹Cam› …`).
    if words[0] == "Ông" {
        if valid_name(rules, &words[1..], false) && p.span("run").is_none() {
            return None;
        }
        let rest = words[1..].join(" ");
        return (words.len() >= 3 && !rules.lexicon("not_officials").contains(&rest)).then_some(rest);
    }
    Some(name)
}

/// Whether a capitalised word follows, after a space (`‹A› ‹Sở› Y tế`), where a name ends.
fn capital_follows(after: &str) -> bool {
    after.strip_prefix(' ').is_some_and(|a| a.starts_with(char::is_uppercase))
}

/// Each title of a chain in the spelling the list gives it, when listed (`phó bí thư thường trực` →
/// `Phó Bí thư Thường trực`); otherwise as written.
fn canonical_position(rules: &RuleSet, pos: &str) -> String {
    let lex = rules.lexicon("positions");
    pos.split(", ")
        .map(|seg| match seg.strip_prefix("Quyền ").or_else(|| seg.strip_prefix("quyền ")) {
            Some(rest) => format!("Quyền {}", lex.key_ci(rest).unwrap_or(rest)),
            None => lex.key_ci(seg).map_or_else(|| seg.to_string(), str::to_string),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where an organisation's name read greedily really ends: before `và` that joins another body or
/// person (`UBND xã ‹và đồng chí …›`, `Bộ Công an ‹và Bộ …›`), and without lower-case words at its end
/// that are no part of a name (`UBND tỉnh ‹dự›`).
fn end_org(rules: &RuleSet, org: &str) -> String {
    let common_heads = rules.lexicon("common_heads");
    let words = rules.lexicon("org_words");
    let units = rules.lexicon("admin_units");
    let heads = rules.lexicon("org_heads");
    let tokens: Vec<&str> = org.split(' ').collect();
    // `UBND TP. Đà Nẵng ‹- Trưởng BTC …›`: a dash before a title opens the next title of the chain.
    let mut end = (1..tokens.len())
        .find(|&i| {
            matches!(tokens[i], "-" | "–")
                && tokens.get(i + 1).is_some_and(|w| w.starts_with(char::is_uppercase))
                && title_len(rules, &tokens[i + 1..]).is_some()
        })
        .unwrap_or(tokens.len());
    // `Tổng cục Chính trị ‹làm Chính ủy› …`, `… của Quốc hội ‹kiêm nhiệm Thư ký›`: a word that joins a
    // second post ends the body's name (`làm` only before a title: `Trung tâm Dịch vụ việc ‹làm›`).
    if let Some(i) = (1..end).find(|&i| {
        let rest = match tokens[i] {
            "kiêm" => return true,
            "làm" => i + 1,
            _ => return false,
        };
        tokens.get(rest).is_some_and(|w| w.starts_with(char::is_uppercase))
            && title_len(rules, &tokens[rest..]).is_some()
    }) {
        end = i;
    }
    for (i, t) in tokens.iter().enumerate().take(end) {
        if *t != "và" || i + 1 >= tokens.len() {
            continue;
        }
        let next = tokens[i + 1];
        let pair = tokens.get(i + 2).map(|n| format!("{next} {n}")).unwrap_or_default();
        let joins_words = words.contains_ci(next) || words.contains_ci(&pair);
        // (`Viện ‹X› ‹và GS›- TS ‹A›`: a degree after `và` opens the next person.)
        let new_body = heads.contains_ci(next)
            || heads.contains_ci(&pair)
            || rules.lexicon("surnames").contains(next)
            || rules.lexicon("honorifics").contains_ci(next.trim_end_matches(['-', '.', ',']))
            || next.starts_with(char::is_lowercase)
            // (`Chủ tịch tỉnh ‹X› ‹và Đại› tá ‹A›`: the body was read up to the first word of a rank.)
            || (i + 2 == tokens.len() && rules.lexicon("honorifics").keys().any(|h| opens_words(h, next)));
        if new_body && !joins_words {
            end = i;
            break;
        }
    }
    // `Hội đồng Trường ĐH ‹PGS.TS› …`: a degree opens the name of a person, not of the body.
    let degree = |t: &str| {
        let t = t.trim_end_matches('.');
        let caps = t.chars().count() >= 3 && t.chars().all(char::is_uppercase);
        (t.contains('.') || caps) && rules.lexicon("honorifics").contains_ci(t)
    };
    if let Some(i) = tokens[..end].iter().position(|t| degree(t)) {
        end = i;
    }
    // `Bộ VHTTDL ‹Ông Nguyễn Thái Bình› - …`: a form of address written with a capital before a
    // surname opens a person (a caption run into the text), not a word of the body's name (`tỉnh Bà
    // Rịa - Vũng Tàu` has no surname after it).
    if let Some(i) = (1..end).find(|&i| {
        tokens[i].starts_with(char::is_uppercase)
            && rules.lexicon("honorifics").contains_ci(tokens[i])
            && tokens.get(i + 1).is_some_and(|n| rules.lexicon("surnames").contains(n))
    }) {
        end = i;
    }
    // `Chủ tịch xã Cư Yang ‹toàn xã› có hơn 200 hộ`: `toàn` before a unit (the whole commune) opens
    // what the sentence says of it, where a comma was left out (after `An`, `An toàn` is a word of
    // the name).
    if let Some(i) = (1..end).find(|&i| {
        tokens[i] == "toàn"
            && !tokens[i - 1].eq_ignore_ascii_case("an")
            && tokens.get(i + 1).is_some_and(|u| units.contains_ci(u))
    }) {
        end = i;
    }
    let mut tokens = tokens[..end].to_vec();
    // `Tỉnh ủy Yên ‹Bái.Ngày› 27/6`: a full stop with no space after it ends the name there (but not
    // inside an abbreviation: `TP.HCM`, `T.Ư`).
    if let Some(i) = tokens.iter().position(|t| t.find('.').is_some_and(|d| t[..d].ends_with(char::is_lowercase))) {
        let t = tokens[i];
        tokens.truncate(i);
        tokens.push(&t[..t.find('.').unwrap_or(t.len())]);
    }
    let mut tokens = &tokens[..];
    while let [rest @ .., last] = tokens {
        let lower = last.starts_with(char::is_lowercase) || matches!(*last, "-" | "–" | "và");
        // A lower-case word stays when it ends a listed name or unit (`Thành ‹ủy›`, `thành ‹phố›`).
        // (A list's word kept as the list writes it: `‹Thông tin› và Truyền thông`, but not `thông tin`
        // after a name, which is the verb.)
        let keeps = (1..=tokens.len().min(8)).any(|n| {
            let tail = tokens[tokens.len() - n..].join(" ");
            let after_comma = n < tokens.len() && tokens[tokens.len() - n - 1].ends_with(',');
            // (`Bộ Thông tin và truyền thông ‹báo› cáo`, `Tỉnh ủy ‹X› ‹sở› hữu`: a few heads in lower case
            // alone open the verb that follows the body.)
            let head = heads.contains_ci(&tail) && (n > 1 || !common_heads.contains(&tail));
            (units.contains(&tail) && !after_comma) || words.contains(&tail) || head
        });
        if lower && !keeps && !rest.is_empty() {
            tokens = rest;
        } else {
            break;
        }
    }
    let org = trim_org(&tokens.join(" "));
    // `Điện lực ‹X›‹, Công ty› đã …`: a kind of body alone after a comma is the subject of what the
    // sentence goes on to say, not the body the first one belongs to; so is a board of directors or
    // of a school (`LĐLĐ quận ‹X›‹, Ban Giám› đốc và 40 công nhân`), which belongs to a body, never
    // holds one.
    if let Some(i) = org.rfind(", ")
        && (names_a_kind(rules, &org[i + 2..]) || org[i + 2..].split(' ').take(2).eq(["Ban", "Giám"]))
    {
        return org[..i].to_string();
    }
    org
}

/// Whether lower-case words after a body's name may be its own (`Cục Thi hành ‹án dân sự›`): a few,
/// none of which opens what the sentence says (`‹cho biết›`, `‹phát biểu›`: lists `predicate_words`,
/// `predicate_pairs`).
fn own_lower_words(rules: &RuleSet, s: &str) -> bool {
    let predicate_words = rules.lexicon("predicate_words");
    let predicate_pairs = rules.lexicon("predicate_pairs");
    let words: Vec<&str> = s.split(' ').filter(|w| !w.is_empty()).collect();
    (1..=8).contains(&words.len())
        && words.iter().all(|w| w.chars().all(char::is_lowercase) && !predicate_words.contains(w))
        && !words.windows(2).any(|pair| predicate_pairs.contains(&pair.join(" ")))
}

/// Where a body's name read up to a capitalised syllable really ends, when lower-case words that are
/// its own come after it (`Cục ‹Kiểm› soát hoạt động bảo vệ môi trường (Tổng cục …)`, `Bộ Tư lệnh ‹Thủ›
/// đô,`, `Cục ‹Chống› tham nhũng (…)`): the offset after those words, or `at`. The words must run to a
/// comma, a full stop, a bracket or the line's end, or to a word that opens the predicate (`… bảo vệ
/// môi trường ‹bị› cách chức`); the name must not end with a listed place, a brand or a capital word
/// of many letters, which end a name whole (`Sở Y tế tỉnh Nghệ An ‹thông› tin …`).
fn org_tail(rules: &RuleSet, text: &str, org: &str, at: usize) -> usize {
    let predicate_words = rules.lexicon("predicate_words");
    // (`Hiệp hội Xe khách liên tỉnh ‹và du lịch …›`: words joined by `và` that reach no proper name
    // are left to the sentence; the name ends before `và`, as without them.)
    // (`Ủy ban ‹về các vấn đề xã hội›`: a listed body's own lower-case words, list `lower_bodies`.)
    if let Some(end) = listed_lower_words(rules, text, org, at) {
        return end;
    }
    let end = match org_tail_with(rules, text, org, at, true) {
        end if end > at => end,
        _ => org_tail_with(rules, text, org, at, false),
    };
    // (`Trưởng Ban ‹chỉ đạo› điều hành giá`: a steering committee written in lower case whose words reach
    // no proper name; what it steers is read with it, as for `Ban Chỉ đạo`.)
    if end == at
        && crate::normalize::lower(org) == "ban"
        && let Some(rest) = text[at..].strip_prefix(" chỉ đạo ")
        && rest.starts_with(char::is_lowercase)
    {
        return at + " chỉ đạo".len();
    }
    // `Viện ‹…› kinh tế ‹trung ương›`, `Tổng Công ty ‹X› ‹tại Bình Định›`, `WB ‹tại Việt Nam›`: the
    // centre written in lower case, and the country or place a branch serves, end the name when the
    // clause ends after them.
    let closes = |at: usize| {
        let after = &text[at..];
        let next = after.trim_start_matches([' ']).split([' ', '\n']).next().unwrap_or("");
        after.is_empty()
            || after.starts_with([',', '.', ';', ':', ')', '(', '\n'])
            || (after.starts_with(' ')
                && (predicate_words.contains(next) || next.starts_with('(') || matches!(next, "-" | "–")))
    };
    let mut end = end;
    if text[end..].starts_with(" trung ương") && closes(end + " trung ương".len()) {
        end += " trung ương".len();
    }
    if let Some(rest) = text[end..].strip_prefix(" tại ") {
        let ws: Vec<&str> = rest.split([' ', '\n']).take(4).collect();
        let (places, countries) = (rules.lexicon("places"), rules.lexicon("countries"));
        if let Some(n) = (1..=ws.len()).rev().find(|&n| {
            let cand = ws[..n].join(" ");
            let core = cand.trim_end_matches([',', '.', ';', ':', ')']);
            (places.contains(core) || countries.contains(core)) && closes(end + " tại ".len() + core.len())
        }) {
            let core = ws[..n].join(" ");
            end += " tại ".len() + core.trim_end_matches([',', '.', ';', ':', ')']).len();
        }
    }
    end
}

/// `ký` after `đăng`, `bị` after `thiết`: a word of a body's name spelt like a verb (`Văn phòng Đăng ký
/// đất đai`, `Công ty Thiết bị y tế`), not the verb (`ký`, signs; `bị`, the passive) that ends it (list
/// `name_compounds`, in any case).
fn is_name_compound(rules: &RuleSet, prev: &str, core: &str) -> bool {
    !prev.is_empty() && rules.lexicon("name_compounds").contains_ci(&format!("{prev} {core}"))
}

/// Where a listed body whose name goes on in lower-case words ends, when `org` read up to `at` is the
/// beginning of one (list `lower_bodies`, in any case).
fn listed_lower_words(rules: &RuleSet, text: &str, org: &str, at: usize) -> Option<usize> {
    let lower_org = crate::normalize::lower(&fold_value(org));
    rules.lexicon("lower_bodies").entries.iter().find_map(|e| {
        let whole = crate::normalize::lower(&e.key);
        let rest = whole.strip_prefix(lower_org.as_str())?;
        if rest.is_empty() || !rest.starts_with(' ') {
            return None;
        }
        let n = rest.chars().count();
        let taken: String = text[at..].chars().take(n).collect();
        let after = &text[at + taken.len()..];
        (crate::normalize::lower(&fold_value(&taken)) == rest.trim_start() && !after.starts_with(char::is_alphanumeric))
            .then_some(at + taken.len())
    })
}

/// `org_tail`, with `và` read between lower-case words past the first (`and_later`) or only right
/// after the name read.
fn org_tail_with(rules: &RuleSet, text: &str, org: &str, at: usize, and_later: bool) -> usize {
    let predicate_words = rules.lexicon("predicate_words");
    let predicate_pairs = rules.lexicon("predicate_pairs");
    let not_own_words = rules.lexicon("not_own_words");
    let words: Vec<&str> = org.split(' ').collect();
    let Some(&last) = words.last() else { return at };
    // `Giám đốc Xí nghiệp ‹bến xe trung tâm Đà Nẵng›`: a listed head standing alone goes on over
    // lower-case words of its own, but only to the place that ends its name.
    // (`Cảng ‹vụ›`: the head may have lower-case words of its own already.)
    let bare = (1..=words.len().min(3)).any(|n| {
        is_org_head(rules, &words[..n].join(" ")) && words[n..].iter().all(|w| w.starts_with(char::is_lowercase))
    });
    // `Hiệp hội Doanh ‹nghiệp› ‹điện tử Việt Nam›`, `Vụ Quản ‹lý› ‹công trình …›`: a capitalised word
    // of two syllables ends the words read so far; lower-case words may go on to the proper name that
    // ends the body's name (but not to a comma alone: `Công ty Hoàng Long ‹thông tin›`).
    let compound = !bare
        && words.len() >= 3
        && starts_with_org_head(rules, org)
        && rules.lexicon("org_syllables").contains(last)
        && words[words.len() - 2].starts_with(char::is_uppercase)
        && !is_org_head(rules, org);
    let named_end = bare || compound;
    // `Công ty ‹Cổ› phần …`, `Công ty TNHH ‹Nông› sản sạch …`: a syllable right after the head (and
    // the letters of the firm's form) opens a word whose lower-case words may run to the proper name.
    let mut after_head = false;
    if !bare && !compound {
        if words.len() < 2 || !is_syllable(last) || last.chars().count() > 6 {
            return at;
        }
        // The syllable opens a word of the name after its head or a lower-case word (`Cục ‹Kiểm›`, `Tư
        // lệnh ‹Thủ›`); after another capital it ends a proper name (`Công ty Hoàng ‹Long›`).
        let before = &words[..words.len() - 1];
        after_head = (1..=before.len().min(3)).any(|n| {
            is_org_head(rules, &before[..n].join(" "))
                && before[n..].iter().all(|w| w.chars().count() >= 2 && w.chars().all(char::is_uppercase))
        });
        if !before.last().is_some_and(|w| w.starts_with(char::is_lowercase)) && !after_head {
            return at;
        }
        let places = rules.lexicon("places");
        if (1..=words.len().min(4)).any(|n| places.contains(&words[words.len() - n..].join(" "))) {
            return at;
        }
    }
    let Some(rest) = text[at..].strip_prefix(' ') else { return at };
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let mut end = at;
    let mut pos = at + 1;
    // (`Trung tâm đào tạo ‹và bảo mật mạng X›`: `và` joining lower-case words that run to a proper
    // name joins two fields of one body's name.)
    let mut joined = false;
    let mut prev_core = last;
    // Where the name ends when the words run out at `end`: there, unless they must reach a proper
    // name and have not (`Trung tâm ‹khí tượng thủy văn quốc gia›`: `quốc gia`, `trung ương` end a
    // name as a proper name does).
    let cut = |end: usize, joined: bool| {
        let national = text[at..end].ends_with(" quốc gia") || text[at..end].ends_with(" trung ương");
        if (named_end || joined) && !national { at } else { end }
    };
    for (i, token) in line.split(' ').enumerate() {
        let core = token.trim_end_matches([',', '.', ';', ':', ')']);
        let next = line[pos - at - 1 + token.len()..].trim_start().split(' ').next().unwrap_or("");
        let pair = format!("{core} {}", next.trim_end_matches([',', '.', ';', ':', ')']));
        let mut opens_predicate = predicate_words.contains(core) || predicate_pairs.contains(&pair);
        // (`Văn phòng Đăng ‹ký› đất đai`, `Cục ‹đăng ký› quốc gia …`, `Ban ‹chỉ đạo› chống buôn lậu …`:
        // words of the name that are spelt like a verb, after the syllable they go with or the head
        // they name.)
        if (opens_predicate && is_name_compound(rules, prev_core, core))
            || (i == 0 && pair == "chỉ đạo" && crate::normalize::lower(last) == "ban")
        {
            opens_predicate = false;
        }
        // (`Trung tâm hỗ trợ ‹và› phát triển cộng đồng ‹X›`: the same further on, between lower-case
        // words; the name must still run to a proper name.)
        if core == "và"
            && (i == 0 || and_later)
            && (bare || after_head || compound)
            && next.starts_with(char::is_lowercase)
            && !predicate_words.contains(next)
            && !not_own_words.contains(next)
            && !is_honorific(rules, next)
            && !is_org_head(rules, next)
        {
            opens_predicate = false;
            joined = true;
        }
        if i == 0 && (opens_predicate || !core.starts_with(char::is_lowercase)) {
            return at;
        }
        // (`Trung tâm Tư vấn công nghiệp ‹và tiết kiệm năng lượng› (Sở …)`: the body it belongs to, in
        // brackets, ends the words as a proper name would.)
        // (`Trung tâm Nghiên cứu ‹và ứng dụng …› (Hà Nội)`, `… (CSAGA)`: so does the place it is in or
        // the letters of its name.)
        if token.starts_with('(') && end > at && bracket_closes_name(rules, &line[pos - at - 1..]) {
            return end;
        }
        if core.is_empty() || token.starts_with(['(', '"', '“', '-', '–']) || opens_predicate {
            return cut(end, joined);
        }
        if bare && not_own_words.contains(core) {
            return at;
        }
        // `Hội Làm ‹vườn› Việt Nam`: a place after the words ends the name.
        if i > 0 && core.starts_with(char::is_uppercase) {
            // (`Thành phố Hồ Chí Minh` runs to five words.)
            let ws: Vec<&str> = line[pos - at - 1..].split(' ').take(5).collect();
            let place = |n: usize| {
                let joined = ws[..n].join(" ");
                let cand = joined.trim_end_matches([',', '.', ';', ':', ')', '"', '”']).to_string();
                (rules.lexicon("places").contains(&cand) || rules.lexicon("countries").contains(&cand)).then_some(cand)
            };
            // (`Bệnh viện đa khoa ‹Mỹ› Phước`: a listed place may open a longer name.)
            let proper = if named_end || after_head || joined { proper_name_end(rules, text, pos) } else { None };
            return match (1..=ws.len()).rev().find_map(place) {
                Some(cand) => proper.unwrap_or(0).max(pos + cand.len()),
                None => proper.unwrap_or(at),
            };
        }
        // (Words that must reach a proper name or a bracket to be read may be more: `Trung tâm Nghiên
        // cứu ‹và ứng dụng khoa học tâm lý giáo dục› (Hà Nội)`.)
        let most = if named_end || joined { 12 } else { 8 };
        if i >= most || !core.chars().all(char::is_lowercase) {
            return at;
        }
        end = pos + core.len();
        if core.len() < token.len() {
            return cut(end, joined);
        }
        pos += token.len() + 1;
        prev_core = core;
        // `Nghiệp đoàn Nghề ‹cá› ‹xã Phước Đồng›`: a unit and its capitalised name end the words.
        // (`Ủy ban Các vấn đề ‹xã› hội`: a unit with no name after it is a word like any other.)
        if i > 0 && rules.lexicon("admin_units").contains(core) {
            let (mut named, mut p) = (end, pos);
            for t in line[pos - at - 1..].split(' ').take(4) {
                let c = t.trim_end_matches([',', '.', ';', ':', ')']);
                if !is_syllable(c) {
                    break;
                }
                named = p + c.len();
                if c.len() < t.len() {
                    break;
                }
                p += t.len() + 1;
            }
            if named > end {
                return named;
            }
        }
    }
    cut(end, joined)
}

/// After a name, the titles set off by a comma end where the comma, a bracket or a dash closes them:
/// a listed head standing alone (`ông ‹A›, Giám đốc Trung tâm ‹quản lý› ‹và điều hành vận tải công
/// cộng› (Sở …)`, `…, Giám đốc Ban Quản lý dự án ‹xây dựng tuyến số 2›, cho biết`) goes on over the
/// lower-case words of its own up to there, though no proper name ends them. The words must all be
/// its own (no word that opens what the sentence says, points somewhere, or is a form of address;
/// `và` only between such words, a number only after `số`). Gives where they end, or `at`.
fn closed_tail(rules: &RuleSet, text: &str, org: &str, at: usize) -> usize {
    // (A head that is a whole name, `Bộ Công an`, ends there: lower-case words after it are the
    // sentence's, `‹cảm ơn› …`.)
    // (`Cục ‹Khảo thí› ‹và kiểm định chất lượng giáo dục›,`: so does a department's or a centre's head
    // with one word of two syllables after it, the first in capitals, which names no body yet: list
    // `field_heads`.)
    let words: Vec<&str> = org.split(' ').collect();
    let bare = (1..=words.len().min(3)).any(|n| {
        let one_word = match words[n..] {
            [first, second] => {
                is_syllable(first)
                    && rules.lexicon("org_syllables").contains(second)
                    && rules.lexicon("field_heads").contains(&words[..n].join(" "))
            }
            _ => false,
        };
        is_org_head(rules, &words[..n].join(" "))
            && (words[n..].iter().all(|w| w.starts_with(char::is_lowercase)) || one_word)
            && (words.len() > n || words[1..n].iter().all(|w| w.starts_with(char::is_lowercase)))
    });
    let Some(rest) = text[at..].strip_prefix(' ').filter(|_| bare) else { return at };
    let predicate_words = rules.lexicon("predicate_words");
    let predicate_pairs = rules.lexicon("predicate_pairs");
    let saying_pairs = rules.lexicon("saying_pairs");
    let not_own_words = rules.lexicon("not_own_words");
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let tokens: Vec<&str> = line.split(' ').take(11).collect();
    let mut pos = at + 1;
    for (i, token) in tokens.iter().enumerate() {
        let core = token.trim_end_matches([',', '.']);
        let next = tokens.get(i + 1).copied().unwrap_or("");
        let pair = format!("{core} {}", next.trim_end_matches([',', '.']));
        let number = !core.is_empty() && core.chars().all(|c| c.is_ascii_digit()) && i > 0 && tokens[i - 1] == "số";
        let own = core.chars().all(char::is_lowercase)
            && !core.is_empty()
            && (!predicate_words.contains(core)
                || (core == "và" && next.starts_with(char::is_lowercase) && !predicate_words.contains(next))
                || (i > 0 && is_name_compound(rules, tokens[i - 1], core)))
            && !predicate_pairs.contains(&pair)
            && !saying_pairs.contains(&pair)
            && !not_own_words.contains(core)
            && !is_honorific(rules, core)
            && (!rules.lexicon("admin_units").contains(core) || pair == "xã hội");
        if i >= 10 || !(own || number) || core == "số" && next.is_empty() {
            return at;
        }
        let end = pos + core.len();
        let closed = if core.len() < token.len() {
            token.ends_with(',')
        } else {
            next.is_empty() && i + 1 == tokens.len() && line.len() == end - at - 1
                || next.starts_with('(')
                || matches!(next, "-" | "–")
        };
        if closed {
            return if core == "và" || core == "số" { at } else { end };
        }
        if core.len() < token.len() {
            return at;
        }
        pos += token.len() + 1;
    }
    at
}

/// Where a proper name that ends a body's name, at `at`, ends (`Bệnh viện đa khoa ‹Mộ Đức› (…)`,
/// `Hội ‹…› điện tử ‹Việt Nam›, cho biết`): one to four capitalised words (a syllable or letters),
/// then the end of the clause (a comma, a bracket, a full stop, the line's end) or the word
/// that opens what the sentence says. Not a person's name (a surname before another word).
fn proper_name_end(rules: &RuleSet, text: &str, at: usize) -> Option<usize> {
    let predicate_words = rules.lexicon("predicate_words");
    let predicate_pairs = rules.lexicon("predicate_pairs");
    let saying_words = rules.lexicon("saying_words");
    let saying_pairs = rules.lexicon("saying_pairs");
    let line = &text[at..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let mut end = None;
    let mut pos = 0;
    for (i, token) in line.split(' ').enumerate() {
        let core = token.trim_end_matches([',', '.', ';', ':', ')', '"', '”']);
        if core.starts_with(char::is_uppercase) && i < 4 {
            // (A surname and one word name a school or a street as often as a person: `Trường mầm non
            // ‹Đồng Thắng› lý giải`, `Trường THCS ‹Nguyễn Du›`; a third capital makes a person's name.)
            if i == 2 && rules.lexicon("surnames").contains(&line[..line.find(' ')?]) {
                return None;
            }
            end = Some(at + pos + core.len());
            if core.len() < token.len() {
                return end;
            }
            pos += token.len() + 1;
            continue;
        }
        // (`Trung tâm quan trắc Tài ‹nguyên›`: the capital opens a word that goes on.) After one
        // capitalised word, only the clause's end closes it (`Bộ ‹…› đánh giá Lễ ‹trao› giải`).
        let next = line[pos + token.len()..].trim_start().split(' ').next().unwrap_or("");
        let pair = format!("{core} {}", next.trim_end_matches([',', '.', ';', ':', ')']));
        let letters = line.split(' ').next().unwrap_or("").chars().filter(|c| c.is_uppercase()).count();
        let verb = (i > 1 || letters > 1) && (predicate_words.contains(core) || predicate_pairs.contains(&pair));
        // (`Văn phòng phía ‹Nam› của Chi hội …`: the body it belongs to follows.)
        let verb = verb || matches!(core, "của" | "thuộc");
        // (`Trường mầm non Hoa ‹Sen› lý giải`: after two capitalised words, a verb that says what the
        // head of the body said or did.)
        let saying = i > 1 && (saying_words.contains(core) || saying_pairs.contains(&pair));
        // (`Công ty ‹…› Trâm Anh ‹–› đơn vị …`: a dash sets off what is said of the body.)
        // (`Nội Bài - Lào Cai`: a dash before a capital joins two names.)
        let dash = matches!(token, "-" | "–") && next.starts_with(char::is_lowercase);
        let closes = token.is_empty() || token.starts_with('(') || dash || verb;
        return if saying || (closes && !rules.lexicon("org_syllables").contains(core)) { end } else { None };
    }
    end
}

/// The body a department named up to `at` belongs to: after the lower-case words that end the
/// department's name (`Vụ Quản lý ‹đê điều›`, at most three), the body after ` thuộc ` (or ` của `
/// right after the name), or the whole of a
/// bracket that names a listed body (`Cục ‹X› (Bộ Y tế)`, `(Tổng cục ‹Y›, Bộ ‹Z›)`; not a place, a
/// unit or a title: `(Quảng Nam)`, `(huyện ‹X›)`, `(Bộ trưởng …)`). Gives where the department's words
/// end, the body, and where it ends.
fn parent_after(rules: &RuleSet, text: &str, org: &str, at: usize) -> Option<(usize, String, usize)> {
    parent_after_with(rules, text, org, at, false)
}

/// `parent_after`, and, with `comma`, a department whose lower-case words end at a comma before the
/// body it belongs to (`Cục ‹Quản lý› ‹lao động ngoài nước›, ‹Bộ LĐ-TB&XH›`).
fn parent_after_with(rules: &RuleSet, text: &str, org: &str, at: usize, comma: bool) -> Option<(usize, String, usize)> {
    let predicate_words = rules.lexicon("predicate_words");
    let rest = &text[at..];
    let mut gap = 0;
    for i in 0..8 {
        let word = rest[gap..].strip_prefix(' ').and_then(|r| r.split([' ', '\n']).next()).unwrap_or("");
        // `Vụ Quản lý công trình thủy lợi ‹và› an toàn đập (Tổng cục …)`: `và` between the department's
        // own lower-case words.
        let next = rest[gap..]
            .strip_prefix(' ')
            .and_then(|r| r.get(word.len()..))
            .and_then(|r| r.strip_prefix(' '))
            .and_then(|r| r.split([' ', '\n']).next());
        let joins = word == "và"
            && i > 0
            && next.is_some_and(|n| n.chars().all(char::is_lowercase) && !n.is_empty() && !predicate_words.contains(n));
        // (`‹…› ngoài ‹nước›, Bộ …`: the last word before the comma.)
        if let Some(core) = word
            .strip_suffix(',')
            .filter(|c| comma && !c.is_empty() && c.chars().all(char::is_lowercase) && !predicate_words.contains(c))
        {
            gap += 1 + core.len();
            break;
        }
        if word.is_empty()
            || !word.chars().all(char::is_lowercase)
            || (predicate_words.contains(word) && !joins)
            || rules.lexicon("admin_units").contains(word)
        {
            break;
        }
        gap += 1 + word.len();
    }
    // Past three words, the department's name must end at the bracket or the marker.
    if gap > 0
        && rest[..gap].matches(' ').count() > 3
        && ![" (", " thuộc ", " trực thuộc "].iter().any(|m| rest[gap..].starts_with(m))
        && !(comma && rest[gap..].starts_with(", "))
    {
        return None;
    }
    let gap_end = at + gap;
    // `Ủy ban ‹X› ‹trực› thuộc …`: the word is the marker's.
    let gap_end = match text[at..gap_end].strip_suffix(" trực") {
        Some(kept) if text[gap_end..].starts_with(" thuộc ") => at + kept.len(),
        _ => gap_end,
    };
    let after = &text[gap_end..];
    let after = after.strip_prefix(" trực").filter(|a| a.starts_with(" thuộc ")).unwrap_or(after);
    let marker_at = text.len() - after.len();
    // After `của`, only right after the department: lower-case words before it say something else
    // (`Bí thư Đảng ủy xã ‹nhận bằng khen› của UBND tỉnh`). The body opens with a capital: `thuộc
    // ‹sở›` points back to one named before.
    if comma && after.starts_with(", ") {
        let (body, end) = body_after_of(rules, text, marker_at)?;
        return Some((gap_end, body, end));
    }
    if after.starts_with(" thuộc ") || (after.starts_with(" của ") && gap_end == at) {
        let (body, end) = body_after_of(rules, text, marker_at)?;
        return body.starts_with(char::is_uppercase).then_some((gap_end, body, end));
    }
    // A bracket closes the department's name only right after it, or after its lower-case words.
    let inner = after.strip_prefix(" (")?;
    let close = inner.find([')', '(', '\n'])?;
    if !inner[close..].starts_with(')') || close > 120 {
        return None;
    }
    let content = inner[..close].trim();
    let words: Vec<&str> = content.split(' ').collect();
    let heads = rules.lexicon("org_heads");
    let listed = (1..=words.len().min(4)).any(|n| heads.contains(&words[..n].join(" ")));
    // Not the body's own letters (`(LĐLĐ)`, `(UBTƯ MTTQ)`) nor its short name (`Công ty ‹X Y› (Công
    // ty ‹Y›)`), nor words that say something of it (`(‹…›, nay là ‹…›)`).
    let own: Vec<&str> = org.split(' ').collect();
    let short_name = words.iter().all(|w| own.contains(w));
    if !listed
        || words.len() < 2
        || !words.iter().any(|w| is_syllable(w))
        || short_name
        || words.iter().any(|w| predicate_words.contains(w.trim_end_matches(',')))
        || title_len(rules, &words).is_some()
        || rules.lexicon("places").contains(content)
        || content.chars().any(|c| c.is_ascii_digit())
        || words.len() > 14
    {
        return None;
    }
    let from = gap_end + " (".len() + (inner.len() - inner.trim_start().len());
    Some((gap_end, fold_value(content), from + content.len()))
}

/// The body named after ` của ` or ` thuộc ` at `at` (`… ‹của Bộ Tài chính› cho biết`), with where it
/// ends: its words up to a comma, a bracket, the line's end or the sentence's verb, opening with a
/// listed head or an acronym (a place after `của` is no body of a title). A comma before another
/// listed head goes on to the body that one belongs to (`thuộc Tổng cục ‹Y›‹, Bộ Z›`).
fn body_after_of(rules: &RuleSet, text: &str, at: usize) -> Option<(String, usize)> {
    let marker = [" của ", " thuộc ", ", "].into_iter().find(|m| text[at..].starts_with(*m))?;
    let from = at + marker.len();
    // (After a comma, the body opens with a listed head written with its capital: `‹…› ngoài nước, Bộ
    // ‹X›`, not a place or what the sentence goes on to say.)
    if marker == ", " {
        let ws: Vec<&str> = text[from..].split([' ', '\n']).take(3).collect();
        let listed = (1..=ws.len()).any(|n| is_org_head(rules, ws[..n].join(" ").trim_end_matches(',')));
        if !text[from..].starts_with(char::is_uppercase) || !listed {
            return None;
        }
    }
    let rest = &text[from..];
    let predicate_words = rules.lexicon("predicate_words");
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let heads = rules.lexicon("org_heads");
    let (mut end, mut pos, mut n) = (0, 0, 0);
    for token in line.split(' ').take(16) {
        let core = token.trim_end_matches([',', '.', ';', ':', ')']);
        // `và` inside a body's name goes on to its next capital (`Bộ Nông nghiệp ‹và› Phát triển …`).
        let inside = core == "và"
            && n > 0
            && line.get(pos + token.len() + 1..).is_some_and(|r| r.starts_with(char::is_uppercase));
        if core.is_empty()
            || token.starts_with(['(', '"', '“', '-', '–'])
            || (predicate_words.contains(core) && !inside)
        {
            break;
        }
        // `của Quốc hội ‹Theo ông› …`: a new sentence run on without its full stop.
        let lower = crate::normalize::lower(core);
        if n > 0 && !inside && (predicate_words.contains(&lower) || is_honorific(rules, core)) {
            break;
        }
        n += 1;
        end = pos + core.len();
        pos += token.len() + 1;
        if core.len() < token.len() {
            let next: Vec<&str> = line.get(pos..).unwrap_or("").split(' ').take(4).collect();
            let goes_on = token.ends_with(',') && (1..=next.len()).any(|k| heads.contains(&next[..k].join(" ")));
            if !goes_on {
                break;
            }
        }
    }
    let body = end_org(rules, &line[..end]);
    let listed = starts_with_org_head(rules, &body) || is_acronym_body(&body);
    (listed && !rules.lexicon("places").contains(&body)).then(|| (fold_value(&body), from + body.len()))
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
    split_run_after(rules, tokens, "", false)
}

/// `split_run` after a title: a department's name before the body is read too (`Trưởng phòng
/// ‹Quản lý Đô thị TP Thái Bình› ‹A›`).
fn split_run_after(
    rules: &RuleSet,
    tokens: &[&str],
    position: &str,
    head_may_end: bool,
) -> Option<(String, Option<String>)> {
    let places = rules.lexicon("places");
    let middle = rules.lexicon("middle_names");
    let mut best: Option<(i32, usize)> = None;
    // Preference among equally good splits: three syllables, then two, then four.
    for (pref, k) in [(2, 3usize), (1, 2), (0, 4)] {
        if k > tokens.len() {
            continue;
        }
        let (org_tokens, name_tokens) = tokens.split_at(tokens.len() - k);
        if !valid_name_ending(rules, name_tokens, true, head_may_end) {
            continue;
        }
        // `Giám đốc ZION - Bà ‹A›`: a form of address after a dash stands before the name.
        let org_tokens = without_address(rules, org_tokens);
        // `Quốc hội ‹Nguyễn Thị› Kim Ngân`, `Bộ Tài chính ‹Đỗ› Hoàng Anh Tuấn`: the organisation would end
        // with the beginning of the name; the longer name is the one.
        if cuts_name(rules, org_tokens, name_tokens) {
            continue;
        }
        let mut score = pref;
        if middle.contains(name_tokens.get(1).copied().unwrap_or("")) {
            score += 1;
        }
        if let Some(org) = join_org(org_tokens) {
            // `Chủ tịch ‹Hà Nội› Nguyễn Đức Chung`: a province or a city stands for its authorities.
            // (Or the centre, `TƯ Đảng`, `Trung ương Đảng`, after a title that names its commission or office.)
            // (A state stands for its own: `Chủ tịch nước ‹Lào›`, `‹Cộng hòa xã hội chủ nghĩa Việt Nam› ‹A›`.)
            let place = rules.lexicon("places").contains(&org)
                || CENTRE.contains(&org.strip_suffix(" Đảng").unwrap_or(&org))
                || is_state_name(rules, &org);
            // (`Chủ tịch HĐTV ‹Vinalines› ‹A›`: a company named by its brand, as `accepts_org` reads one,
            // before a name that opens with no form of address: `Giám đốc Samsung – ‹Ông› Bang`.)
            let last = crate::normalize::lower(position.rsplit(", ").next().unwrap_or(position));
            let brand = !heads_a_department(&last)
                && !is_honorific(rules, name_tokens[0])
                && (is_brand_body(rules, &org) || is_firm_by_its_end(rules, &org));
            if !starts_with_org_head(rules, &org)
                && !is_acronym_body(&org)
                && !is_field(rules, &org)
                && !brand
                && !place
                && !unit_of_titled_body(rules, position, &org)
                && village_of(rules, position.rsplit(", ").next().unwrap_or(position)).is_none()
                && (position.is_empty()
                    || dept_then_body(rules, position, &org).is_none_or(|(_, body)| names_a_kind(rules, body)))
            {
                continue;
            }
            // `Hiệu trưởng Trường THCS ‹Đồng Thắng›`: the words after a head that names a kind of body
            // are that body's own name, not a person's.
            if names_a_kind(rules, &org) {
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
                // `huyện Nam ‹Trà My›`: a place of one word and a name of two are rather one place of
                // three (places have two words or more; names mostly three).
                Some(place) if place.len() == 1 && k == 2 => continue,
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
    Some((name_tokens.join(" "), join_org(without_address(rules, org_tokens))))
}

/// The words of an organisation before a name without a form of address and a dash at their end
/// (`ZION - Bà` → `ZION`).
fn without_address<'a, 'b>(rules: &RuleSet, org: &'b [&'a str]) -> &'b [&'a str] {
    let mut end = org.len();
    while end > 1 && is_honorific(rules, org[end - 1]) {
        end -= 1;
    }
    if end < org.len() && end > 1 && matches!(org[end - 1], "-" | "–") {
        end -= 1;
    }
    &org[..end]
}

/// Whether an organisation is only a head that names a kind of body (`Trường THCS`, `Công ty`: list
/// `kinds_of_body`, the words of a trade after it in lists `company_kind_words` and `company_trades`).
/// A kind followed by lower-case words that say what it does is a kind still (`Công ty ‹bất động sản›
/// Danh Khôi`), unless they name a unit (`Bệnh viện đa khoa ‹tỉnh› ‹A›`: the page says which).
fn names_a_kind(rules: &RuleSet, org: &str) -> bool {
    let company_kind_words = rules.lexicon("company_kind_words");
    let company_trades = rules.lexicon("company_trades");
    // `Công ty TNHH ‹TM› và ‹DV›`: the letters of a company's kind and trade are no name of its own.
    let kind_word = |w: &str| {
        (w.chars().all(char::is_lowercase) && !rules.lexicon("admin_units").contains(w))
            || company_kind_words.contains(w)
    };
    // `Công ty TNHH ‹Thương mại xuất nhập khẩu›`: the words of a trade, in any case.
    let only_kind = |rest: &str| {
        let words: Vec<&str> = rest.split(' ').collect();
        let mut i = 0;
        while i < words.len() {
            if kind_word(words[i]) {
                i += 1;
                continue;
            }
            let trade = (1..=3.min(words.len() - i))
                .rev()
                .find(|&n| company_trades.contains(&crate::normalize::lower(&words[i..i + n].join(" "))));
            match trade {
                Some(n) => i += n,
                None => return false,
            }
        }
        true
    };
    kinds_of_body_opening(rules, org).any(|rest| rest.is_empty() || only_kind(rest))
}

/// Whether the last words of an organisation are the beginning of the name after it: a middle name
/// (`Thị`), or a surname after a lower-case word (`Tài chính ‹Đỗ›`), that with the name make a longer
/// one of at most four syllables.
fn cuts_name(rules: &RuleSet, org: &[&str], name: &[&str]) -> bool {
    let (surnames, middle) = (rules.lexicon("surnames"), rules.lexicon("middle_names"));
    // `‹Trung ương Đoàn› Lê Quốc Phong`: a listed body's name ends with its own word.
    if org.len() >= 2 && is_org_head(rules, &org.join(" ")) {
        return false;
    }
    // `Ban Quốc tế ‹Trung ương Đoàn› Phạm Thị Oanh`: so does a body whose name ends with a listed one.
    if (2..org.len().min(4)).any(|n| is_org_head(rules, &org[org.len() - n..].join(" "))) {
        return false;
    }
    // `UBND huyện Thạch ‹Hà› Trần Việt Hà`: a place after a unit has two words or more, so a word
    // that makes it two is the place's, though it may be a middle name.
    let place_words = place_tokens(rules, org).map(|p| p.len());
    (1..=2).any(|ext| {
        if name.len() + ext > 4 || org.len() <= ext || place_words == Some(ext + 1) {
            return false;
        }
        let tail = &org[org.len() - ext..];
        let longer: Vec<&str> = tail.iter().chain(name).copied().collect();
        let before = org[org.len() - ext - 1];
        // A surname right after a head (`Viện ‹Phan› Châu Trinh`) opens the name too.
        let looks_like_a_name_start = middle.contains(tail[ext - 1])
            || (ext == 1
                && surnames.contains(tail[0])
                && (before.starts_with(char::is_lowercase) || is_org_head(rules, before)));
        // A historical figure's name (`Viện ‹Phan Châu Trinh›`) is cut as well, and is no one's.
        looks_like_a_name_start
            && (valid_name(rules, &longer, true) || rules.lexicon("not_officials").contains(&longer.join(" ")))
    })
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

/// Whether a bracket opening `bracket` (`(…`) closes the name of a body written before it: it names
/// the body it belongs to (`(Sở Công Thương …)`), the place it is in (`(Hà Nội)`, a listed place or
/// country, whole), or opens with letters in capitals (`(CSAGA)`, `(BHXH Việt Nam)`).
fn bracket_closes_name(rules: &RuleSet, bracket: &str) -> bool {
    let Some(inner) = bracket.strip_prefix('(') else { return false };
    let inner = &inner[..inner.find(')').unwrap_or(inner.len())];
    let first = inner.split(' ').next().unwrap_or("");
    let letters = first.chars().count() >= 2 && first.chars().all(char::is_uppercase);
    letters
        || rules.lexicon("places").contains(inner)
        || rules.lexicon("countries").contains(inner)
        || starts_with_org_head(rules, inner)
}

/// Whether the organisation opens with a listed head: `LĐLĐ`, `Liên đoàn Lao động`, `Sở`, `UBND` ….
pub fn starts_with_org_head(rules: &RuleSet, org: &str) -> bool {
    let heads = rules.lexicon("org_heads");
    let units = rules.lexicon("admin_units");
    // `Bí thư ‹T.Ư› Đoàn`, `Chủ tịch ‹Trung ương› Hội Nông dân Việt Nam`: the central body of a union
    // or an association is named by its head after the word for the centre.
    if let Some(rest) = ["Trung ương ", "T.Ư ", "TƯ ", "TW "]
        .iter()
        .find_map(|c| org.strip_prefix(c).filter(|rest| rest.starts_with(char::is_uppercase)))
        && (heads.contains_ci(&format!("Trung ương {}", rest.split(' ').next().unwrap_or("")))
            || starts_with_org_head(rules, rest))
    {
        return true;
    }
    let words: Vec<&str> = org.split(' ').collect();
    // `Trưởng Công an ‹xã Tân Lập›`, `Chủ tịch ‹xã Tân Lập›`: a unit and its place name a body too.
    (1..=words.len().min(8)).any(|n| {
        let head = words[..n].join(" ");
        // (`Công tác ‹xã hội›`: a unit's word before a lower-case word is no unit.)
        heads.contains_ci(&head)
            || (n < words.len()
                && units.contains(&head)
                && (!words[n].starts_with(char::is_lowercase) || words[n] == "đảo"))
    })
}

/// Whether `Phó` before `at` ends a name (`ông Nguyễn Văn ‹Phó› Tổng …` never; `Phó` is a surname only
/// at a name's start): the word before it is a capitalised syllable.
fn ends_a_name_with_pho(rules: &RuleSet, text: &str, at: usize) -> bool {
    let before = text[..at.saturating_sub("Phó ".len())].trim_end();
    let prev = before.rsplit([' ', '\n']).next().unwrap_or("");
    is_syllable(prev)
        && !rules.lexicon("not_name_ends").contains(prev)
        && !rules.lexicon("honorifics").contains_ci(prev)
}

/// Whether the words are a listed head (`Cục`, `Hội`, `Bộ Tư lệnh`), in any case.
fn is_org_head(rules: &RuleSet, words: &str) -> bool {
    rules.lexicon("org_heads").contains_ci(words)
}

/// Whether `before` ends with an honorific, a rank or a degree: `ông`, `bà`, `đồng chí`, `đ/c`,
/// `Thượng tá`, `PGS.TS` (the list `honorifics`).
fn after_honorific(rules: &RuleSet, before: &str) -> bool {
    let b = crate::normalize::tail(before.trim_end(), 32);
    // A paragraph that opens with the form of address (`\nÔng ‹A›, …`).
    let b = b.rsplit('\n').next().unwrap_or(b);
    let words: Vec<&str> = b.split(' ').collect();
    (1..=3.min(words.len())).any(|n| {
        let tail = words[words.len() - n..].join(" ");
        rules.lexicon("honorifics").contains_ci(&tail)
    })
}

/// `‹Cục Quản lý giá›, ‹Bộ Tài chính›`, `‹Cục Quản lý Khám, chữa bệnh›, ‹Bộ Y tế›`: a department's name
/// and, after the first comma or dash that opens a listed head, the body it belongs to.
fn body_after_dept<'o>(rules: &RuleSet, o: &'o str) -> Option<(&'o str, &'o str)> {
    let commas = o.match_indices(", ").map(|(i, _)| (i, 2));
    let dashes = [" - ", " – "].into_iter().filter_map(|d| o.find(d).map(|i| (i, d.len())));
    commas.chain(dashes).find(|&(i, n)| starts_with_org_head(rules, &o[i + n..])).map(|(i, n)| (&o[..i], &o[i + n..]))
}

/// A department's name and the ministry after it with nothing between (`‹Vụ Công chức› ‹Bộ Nội
/// vụ›`): the ministry opens with `Bộ` and a capital, as a listed head.
fn ministry_after_dept<'o>(rules: &RuleSet, o: &'o str) -> Option<(&'o str, &'o str)> {
    o.match_indices(" Bộ ").map(|(i, _)| i).find_map(|i| {
        let parent = &o[i + 1..];
        (parent["Bộ ".len()..].starts_with(char::is_uppercase) && starts_with_org_head(rules, parent))
            .then(|| (&o[..i], parent))
    })
}

/// Whether `phrase` opens with the word `word` and goes on (`Đại tá` opens with `Đại`).
fn opens_words(phrase: &str, word: &str) -> bool {
    phrase.strip_prefix(word).is_some_and(|rest| rest.starts_with(' '))
}

/// Whether a name's last syllable makes a word with the lower-case word after it (`Tôn Đức Thắng
/// ‹Huân› chương`, `Hồ Chí Minh ‹Lưu› trữ`): the pairs are in `not_name_ends`.
fn runs_on(rules: &RuleSet, last: &str, after: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ') else { return false };
    let next = rest.split([' ', '\n']).next().unwrap_or("").trim_end_matches([',', '.', ';', ':', ')']);
    next.starts_with(char::is_lowercase) && rules.lexicon("not_name_ends").contains(&format!("{last} {next}"))
}

/// A capitalised syllable, as names are written: `Hải`, not `LĐLĐ` or `tỉnh`.
fn is_syllable(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(|c| c.is_uppercase())
        && cs.all(|c| c.is_lowercase())
        && (1..=7).contains(&w.chars().count())
        && one_vowel_group(w)
}

/// The vowels of Vietnamese, with their tones.
const VOWELS: &str = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ";

/// Whether a word has one group of vowels, as a syllable has: two words glued together have two
/// (`Tân‹từ›`).
pub(crate) fn one_vowel_group(w: &str) -> bool {
    let mut groups = 0;
    let mut in_vowel = false;
    // The `Y` that opens the names of the Central Highlands (`Y Nhuận`, `Ybă`, `Yblung`) is no vowel.
    let w = match w.strip_prefix('Y') {
        Some(rest) if rest.starts_with(|c: char| !VOWELS.contains(c)) => rest,
        _ => w,
    };
    for c in w.chars().flat_map(char::to_lowercase) {
        let v = if c.is_ascii() { matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') } else { VOWELS.contains(c) };
        if v && !in_vowel {
            groups += 1;
        }
        in_vowel = v;
    }
    groups <= 1
}

/// Two to four capitalised syllables opening with a surname, not a historical figure, and (where
/// `not_a_place`) not a known place.
pub fn valid_name(rules: &RuleSet, words: &[&str], not_a_place: bool) -> bool {
    valid_name_ending(rules, words, not_a_place, false)
}

/// [`valid_name`], where `head_may_end` lets the name end with a syllable that is also the head word
/// of a body (`Vũ Văn ‹Viện›`, `Lê Văn ‹Sở›`: in `not_name_ends`, which keeps `‹A› Sở Y tế` apart)
/// when no capitalised word follows it on the page (`… Vũ Văn Viện cho biết`).
fn valid_name_ending(rules: &RuleSet, words: &[&str], not_a_place: bool, head_may_end: bool) -> bool {
    if !(2..=4).contains(&words.len()) || !rules.lexicon("surnames").contains(words[0]) {
        return false;
    }
    if !words.iter().all(|w| is_syllable(w)) {
        return false;
    }
    // `Phạm Sỹ Quý ‹P›`, `Kim Cương ‹A›UPDATED`, `Nguyễn Văn ‹A›` in a form: a given name is no
    // single letter.
    // (`Như ‹Ý›` is one: only a bare Latin letter is none.)
    if words.last().is_some_and(|w| w.len() == 1 && w.is_ascii()) {
        return false;
    }
    // `Nguyễn Tấn Dũng ‹Thủ› tướng`: a word that opens the next sentence ends no name.
    let body_head = |w: &str| head_may_end && words.len() >= 3 && rules.lexicon("org_heads").contains(w);
    if words.last().is_some_and(|w| rules.lexicon("not_name_ends").contains(w) && !body_head(w)) {
        return false;
    }
    // `làm ‹Phó Trưởng Ban Chỉ› đạo`: the surname `Phó` and the words of a title are a title.
    let titles = rules.lexicon("dept_titles");
    if words[0] == "Phó" && (2..=words.len()).any(|n| titles.contains_ci(&words[..n].join(" "))) {
        return false;
    }
    // `Đoàn luật sư ‹Hà Nội› Nguyễn Chiến`: a place, then a surname opening the name after it.
    let places = rules.lexicon("places");
    let surnames = rules.lexicon("surnames");
    if (2..words.len()).any(|n| surnames.contains(words[n]) && places.contains(&words[..n].join(" "))) {
        return false;
    }
    let full = words.join(" ");
    // `Chủ tịch ‹Hồ Chí Minh Tôn› …`: a historical figure's name with more after it is not a name.
    let not_officials = rules.lexicon("not_officials");
    let historical =
        not_officials.contains(&full) || (3..words.len()).any(|n| not_officials.contains(&words[..n].join(" ")));
    let place = not_a_place && rules.lexicon("places").contains(&full);
    // `Chủ tịch Quốc hội ‹Mông Cổ›`: a country is never a person, though `Mông` is a surname; nor does a
    // name end with `Việt Nam`, which ends the names of bodies (`Công ty cổ phần Ánh ‹Dương Việt Nam›`).
    let country = rules.lexicon("countries").contains(&full) || full.ends_with(" Việt Nam");
    !historical && !place && !country
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Options, extract};
    use std::sync::Arc;

    /// The officials of `page` read as a whole page (zones and all): name, position, organisation.
    fn officials(page: &str) -> Vec<(String, String, String)> {
        let rules = RuleSet::builtin().expect("built-in rules");
        let source: Arc<str> = Arc::from("page");
        let found = extract(&rules, &Options::default(), &source, page.as_bytes()).expect("read");
        let text = |r: &crate::record::Record, f: &str| r.field(f).as_str().unwrap_or("").to_string();
        found
            .records
            .iter()
            .filter(|r| r.kind == Kind::Official)
            .map(|r| (text(r, "name"), text(r, "position"), text(r, "organization")))
            .collect()
    }

    #[test]
    fn a_committee_of_the_assembly_is_one_organisation_with_the_body_after_of() {
        let page = "Quốc hội thảo luận\n\nTin tổng hợp.\n\nPhó Chủ nhiệm Ủy ban Đối ngoại của Quốc hội Nguyễn Mạnh Tiến cho rằng cần xem lại.\n";
        let found = officials(page);
        let want =
            ("Nguyễn Mạnh Tiến".to_string(), "Phó Chủ nhiệm".to_string(), "Ủy ban Đối ngoại của Quốc hội".to_string());
        assert!(found.contains(&want), "{found:?}");
    }

    #[test]
    fn a_degree_after_and_opens_another_person_not_a_word_of_the_body() {
        let page = "Hội thảo\n\nTin tổng hợp.\n\nDự hội thảo có TS Nguyễn Quốc Tuấn - Viện trưởng Viện nghiên cứu tôn giáo và GS- TS Ngô Đức Thịnh, nguyên Ủy viên.\n";
        let found = officials(page);
        let want = ("Nguyễn Quốc Tuấn".to_string(), "Viện trưởng".to_string(), "Viện nghiên cứu tôn giáo".to_string());
        assert_eq!(found, vec![want]);
    }

    /// `‹A›, ‹titles› và ‹B›, ‹titles›`: `và` right before the second name (or before a form of
    /// address and it) ends the first person's body; each is read with his own titles.
    #[test]
    fn and_before_a_name_in_a_chain_opens_the_next_person() {
        let page = "Hội nghị\n\nTin tổng hợp.\n\nCác đồng chí: Lâm Văn Tú, Bí thư Trung ương Đảng, Trưởng Ban Tổ chức \
            Trung ương và Hồ Minh Đạt, Ủy viên Trung ương Đảng, Bộ trưởng Bộ Nội vụ chủ trì hội nghị.\n";
        let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
        let want = vec![
            s("Lâm Văn Tú", "Bí thư Trung ương Đảng, Trưởng Ban", "Ban Tổ chức Trung ương"),
            s("Hồ Minh Đạt", "Ủy viên Trung ương Đảng, Bộ trưởng", "Bộ Nội vụ"),
        ];
        assert_eq!(officials(page), want);
        let addressed = page.replace("và Hồ", "và đồng chí Hồ");
        assert_eq!(officials(&addressed), want);
        let page = "Hội nghị\n\nTin tổng hợp.\n\nDự có ông Lâm Văn Tú, Giám đốc Sở Y tế và Hồ Minh Đạt, Phó Giám đốc \
            Sở Tài chính.\n";
        let want = vec![s("Lâm Văn Tú", "Giám đốc", "Sở Y tế"), s("Hồ Minh Đạt", "Phó Giám đốc", "Sở Tài chính")];
        assert_eq!(officials(page), want);
    }

    #[test]
    fn a_body_signed_for_is_written_as_the_lists_spell_it() {
        let rules = RuleSet::builtin().expect("built-in rules");
        assert_eq!(uncapitalised_body(&rules, "ỦY BAN NHÂN DÂN"), "Ủy ban nhân dân");
        assert_eq!(uncapitalised_body(&rules, "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"), "Ủy ban nhân dân tỉnh Hà Tĩnh");
        assert_eq!(uncapitalised_body(&rules, "UBND HUYỆN NAM ĐÀN"), "UBND huyện Nam Đàn");
    }

    /// The lines of a signature block are short and in capitals, as menus are: the zones leave them
    /// out, and the block is read from the name under them.
    #[test]
    fn the_signer_of_a_legal_text_is_read_under_the_lines_in_capitals() {
        let page = "Quyết định về việc công bố danh mục thủ tục hành chính của tỉnh\n\
            Điều 3. Chánh Văn phòng UBND tỉnh và các sở chịu trách nhiệm thi hành Quyết định này.\n\
            Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n|\n**TM. ỦY BAN\nNHÂN DÂN **\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\
            **Trần Báu Hà**\n|\n";
        let want = ("Trần Báu Hà".to_string(), "Phó Chủ tịch".to_string(), "Ủy ban nhân dân".to_string());
        assert_eq!(officials(page), vec![want]);
        // `KT. CHỦ TỊCH` is the title signed for: without the signer's own, no title is known.
        let no_title = page.replace("PHÓ CHỦ TỊCH\n", "");
        assert_eq!(officials(&no_title), vec![]);
    }

    #[test]
    fn a_country_is_no_name() {
        let rules = RuleSet::builtin().expect("built-in rules");
        assert!(!valid_name(&rules, &["Mông", "Cổ"], false));
        assert!(valid_name(&rules, &["Mông", "Văn", "Cổ"], false));
        assert!(officials("Tin mới\n\nĐoàn Chủ tịch Quốc hội Mông Cổ đã trao tặng huân chương.").is_empty());
    }

    #[test]
    fn a_ministry_named_without_its_head_word_is_a_field_of_the_title() {
        let rules = RuleSet::builtin().expect("built-in rules");
        assert!(is_field(&rules, "Nông nghiệp và Phát triển nông thôn"));
        assert!(is_field(&rules, "Kế hoạch Đầu tư"), "the `và` of the listed name left out");
        assert!(!is_field(&rules, "Kế hoạch Tài chính"), "no such ministry");
        assert!(!is_field(&rules, "nông nghiệp và phát triển nông thôn"), "a field is written with a capital");
    }

    #[test]
    fn a_department_is_read_before_the_body_it_belongs_to() {
        let rules = RuleSet::builtin().expect("built-in rules");
        let split =
            |pos: &str, org: &str| dept_then_body(&rules, pos, org).map(|(d, b)| (d.to_string(), b.to_string()));
        let pair = |d: &str, b: &str| Some((d.to_string(), b.to_string()));
        assert_eq!(split("Trưởng phòng", "Đào tạo Trường ĐH Y dược"), pair("Đào tạo", "Trường ĐH Y dược"));
        assert_eq!(split("Phó Trưởng khoa", "Cấp cứu, Bệnh viện Chợ Rẫy"), pair("Cấp cứu", "Bệnh viện Chợ Rẫy"));
        assert_eq!(split("Trưởng phòng", "Giáo dục huyện Triệu Sơn"), pair("Giáo dục", "huyện Triệu Sơn"));
        assert_eq!(
            split("Trưởng phòng", "dự báo khí tượng"),
            None,
            "a lower-case word spelt like a head opens no body"
        );
        assert_eq!(split("Giám đốc", "Đào tạo Trường ĐH Y dược"), None, "only a department's title");
        assert_eq!(split("Trưởng phòng", "Sở Y tế"), None, "the body itself, no department");
    }

    #[test]
    fn a_run_is_split_without_the_address_and_not_inside_a_place_or_a_bodys_name() {
        let rules = RuleSet::builtin().expect("built-in rules");
        let split = |s: &str| split_run(&rules, &s.split(' ').collect::<Vec<_>>());
        let some = |n: &str, o: &str| Some((n.to_string(), Some(o.to_string())));
        assert_eq!(split("ZION - Bà Trương Cẩm Thanh"), some("Trương Cẩm Thanh", "ZION"));
        assert_eq!(split("UBND huyện Nam Trà My"), None, "a place of three words");
        assert_eq!(split("UBND huyện Nam Đàn Lê Văn An"), some("Lê Văn An", "UBND huyện Nam Đàn"));
        assert_eq!(split("Trường THCS Đồng Thắng"), None, "a school's own name");
        assert_eq!(split("Công ty Lê Văn An"), None);
    }

    #[test]
    fn a_degree_ends_a_bodys_name_and_a_word_of_address_does_not() {
        let rules = RuleSet::builtin().expect("built-in rules");
        assert_eq!(end_org(&rules, "Hội đồng Trường ĐH PGS.TS Nguyễn Văn Long"), "Hội đồng Trường ĐH");
        assert_eq!(end_org(&rules, "UBND thị xã Kỳ Anh"), "UBND thị xã Kỳ Anh");
        assert_eq!(end_org(&rules, "Tỉnh ủy Yên Bái.Ngày"), "Tỉnh ủy Yên Bái", "a full stop run on");
        assert_eq!(end_org(&rules, "Cục Thuế TP.HCM"), "Cục Thuế TP.HCM");
    }

    #[test]
    fn a_bodys_name_goes_on_over_its_lower_case_words_to_where_it_ends() {
        let rules = RuleSet::builtin().expect("built-in rules");
        let tail = |org: &str, after: &str| {
            let text = format!("{org}{after}");
            text[org.len()..org_tail(&rules, &text, org, org.len())].to_string()
        };
        assert_eq!(
            tail("Cục Kiểm", " soát hoạt động bảo vệ môi trường (Tổng cục)"),
            " soát hoạt động bảo vệ môi trường"
        );
        assert_eq!(
            tail("Cục Kiểm", " soát hoạt động bảo vệ môi trường bị cách chức"),
            " soát hoạt động bảo vệ môi trường"
        );
        assert_eq!(tail("Bộ Tư lệnh Thủ", " đô, dự"), " đô");
        assert_eq!(tail("Hội Làm", " vườn Việt Nam cho biết"), " vườn Việt Nam");
        assert_eq!(
            tail("Ủy ban", " về các vấn đề xã hội của Quốc hội"),
            " về các vấn đề xã hội",
            "a listed body's words"
        );
        assert_eq!(tail("Viện Nghiên cứu Quản lý kinh tế", " trung ương cho biết"), " trung ương");
        assert_eq!(
            tail("Vụ Đánh giá", " thẩm định công nghệ (Bộ Khoa học và Công nghệ) cho biết"),
            " thẩm định công nghệ",
            "the body in brackets ends the words"
        );
        assert_eq!(tail("Vụ Đánh giá", " thẩm định công nghệ (năm 2017) cho biết"), "", "no body in the brackets");
        assert_eq!(tail("Tổng Công ty May Nhà Bè", " tại Bình Định cho biết"), " tại Bình Định");
        assert_eq!(tail("Sở Y tế", " tại Hà Nội hôm qua"), "", "the clause goes on after the place");
        assert_eq!(tail("Công ty Hoàng Long", " thông tin với báo chí"), "", "a proper name has ended");
        assert_eq!(tail("Sở Y tế tỉnh Nghệ An", " thông tin"), "", "a place ends a name");
        assert_eq!(tail("Cục Kiểm", " cho biết"), "", "the predicate");
        assert_eq!(tail("Văn phòng Chủ", " tịch nước phát biểu"), " tịch nước", "a verb of two words");
        assert_eq!(tail("Ủy ban Các", " vấn đề xã hội, Quốc hội"), " vấn đề xã hội", "`đề` alone is no verb");
        assert_eq!(tail("Cục Kiểm", " soát Nguyễn Văn An"), "", "a capital that is no place");
        assert_eq!(tail("Nghiệp đoàn Nghề", " cá xã Phước Hải - 2 chiếc"), " cá xã Phước Hải", "a unit and its name");
        assert_eq!(tail("Cục Kiểm", " một hai ba bốn năm sáu bảy tám chín mười"), "", "too long for a name");
        assert_eq!(
            tail("Bệnh viện", " đa khoa Mỹ Phước (tỉnh Bắc Giang)"),
            " đa khoa Mỹ Phước",
            "a proper name ends it"
        );
        assert_eq!(tail("Hiệp hội Doanh nghiệp", " điện tử Việt Nam cho hay"), " điện tử Việt Nam");
        assert_eq!(tail("Trung tâm", " quan trắc Tài nguyên và Môi trường, xác nhận"), "", "a capital opening a word");
        assert_eq!(tail("Công ty", " đã ký Hợp đồng mới."), "", "the predicate after the head");
        assert_eq!(tail("Bộ Kế hoạch và Đầu tư", " đánh giá Lễ trao giải"), "", "a listed name is whole");
        assert_eq!(tail("Trường", " tiểu học Trần Văn An cho biết"), "", "a person's name is no body's end");
    }

    #[test]
    fn a_state_named_before_a_name_is_the_organisation() {
        let rules = RuleSet::builtin().expect("built-in rules");
        assert!(is_state_name(&rules, "Lào") && is_state_name(&rules, "CHXHCN Việt Nam"));
        assert!(is_state_name(&rules, "Cộng hòa xã hội chủ nghĩa Việt Nam") && is_state_name(&rules, "Cộng hòa Séc"));
        assert!(!is_state_name(&rules, "Cộng hòa") && !is_state_name(&rules, "CH Việt Nam"));
        let got = officials("Tin mới\n\nÔng Chủ tịch nước CHXHCN Việt Nam Trần Đại Quang đã ký lệnh.");
        let want = ("Trần Đại Quang".to_string(), "Chủ tịch nước".to_string(), "CHXHCN Việt Nam".to_string());
        assert_eq!(got, vec![want]);
    }

    #[test]
    fn a_name_does_not_run_into_the_word_its_last_syllable_makes() {
        let rules = RuleSet::builtin().expect("built-in rules");
        assert!(runs_on(&rules, "Huân", " chương Sao vàng"));
        assert!(!runs_on(&rules, "Huân", " cho biết"));
        assert!(!valid_name(&rules, &["Hồ", "Chí", "Minh", "Lưu"], true), "a historical figure's name and more");
        assert!(officials("Tin mới\n\nÔng được Chủ tịch nước Tôn Đức Thắng Huân chương Sao vàng.").is_empty());
    }

    #[test]
    fn a_title_before_another_name_is_that_persons() {
        let page = "Tin tức\nBình luận về quyết định đối với ông Nguyễn Đăng Chương, Thứ trưởng Vương Duy Biên chia sẻ, \
            đó là điều đáng tiếc.\n";
        let want = ("Vương Duy Biên".to_string(), "Thứ trưởng".to_string(), String::new());
        assert_eq!(officials(page), vec![want]);
    }

    #[test]
    fn the_people_a_sentence_addresses_are_named_whole() {
        let rules = RuleSet::builtin().expect("built-in rules");
        let clause = "Phó Bí thư Thành ủy Đà Nẵng Võ Công Trí trao quyết định cho ông Nguyễn Thanh Quang, \
            đồng chí Chuẩn Đô đốc Trần Thanh Nghiêm và Lê Văn An";
        let names: Vec<String> = addressed_names(&rules, clause).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["Nguyễn Thanh Quang", "Trần Thanh Nghiêm"], "a name without an address is not one");
        assert!(appointed_before(&rules, "ông A được bầu vào Ban Thường vụ và "));
        assert!(!appointed_before(&rules, "Năm 1983, ông A chuyển về Hà Nội, "));
        assert!(!appointed_before(&rules, "được bầu vào Ban Thường vụ. Sau đó ông A "), "another sentence");
    }
}
