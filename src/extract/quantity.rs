//! Statistics and percentages: a number (or a range) with a qualifier, and a unit or a subject.

use crate::decimal::Decimal;
use crate::extract::{Candidate, Production};
use crate::normalize::fold_value;
use crate::record::{Kind, Value};
use crate::vi_number;

pub fn build_statistic(p: &Production<'_>) -> Option<Candidate> {
    if split_number(p) {
        return None;
    }
    // What the number counts is checked first: most numbers before a noun no list names count nothing
    // (`15 tháng`, `năm 2025 của`), and are dropped before their value is read.
    let before = p.group("unit_before");
    if before.is_none() && (glued_to_name(p) || range_tail(p) || spelled_name(p) || magnitude_begins_word(p)) {
        return None;
    }
    if p.group("number").is_some_and(code_digits)
        || chainage(p)
        || year_after_name(p)
        || term_after_count(p)
        || month_of_year(p)
    {
        return None;
    }
    if before.is_none()
        && (rate_denominator(p)
            || some_of(p)
            || year_range(p)
            || named_model(p)
            || carats_or_resolution(p)
            || whole_litres(p)
            || per_unit(p)
            || cited_page(p)
            || name_goes_on(p)
            || acronym_in_a_row(p)
            || lettered_label(p))
    {
        return None;
    }
    // `15 người đến 20 bệnh viện`, `150 người đến 2 bệnh viện`: a range names what it counts after
    // its first number only when its end counts the same; otherwise the first number is a count of
    // its own and what follows `đến` another matter.
    if let Some((ls, le)) = p.span("unit_low")
        && !heads_unit(p.rules, &p.text[ls..le], p.group("unit")?)
    {
        return first_of_two(p, ls, le);
    }
    let noun = match p.span("noun") {
        Some((ns, ne)) => Some((ns, counted_noun(p, ns, ne)?)),
        None if glued_code(p) || (before.is_none() && stop_acronym(p)) => return None,
        // A listed noun or unit after a label counts nothing either (`Sư đoàn 25 Bộ binh`, `tổ 52
        // phường`, `set 3 quyết định`); one that begins a verb (`Olympic 2020 tổ chức tại`) or is
        // written with a capital (`THPT 2025 Chương trình 2018`, `Đinh Dậu 2017 Tỉnh Phú Thọ`) is
        // read as a noun no list names, after which a year is a year.
        None if before.is_none() && labelled_number(p, listed_begins_compound(p) || capitalised_unit(p)) => {
            return None;
        }
        None => None,
    };
    if noun.is_none() && before.is_none() && begins_compound(p) {
        return None;
    }
    let (mut value, mut value_max) = range(p)?;
    if value_max.is_some_and(|max| thousands_range(value, max, p.group("number_max"))) {
        return None;
    }
    // `Tám nghìn chín trăm bốn mươi chín tỷ, bốn trăm bảy mươi chín triệu đồng`: the words before a
    // comma are the number's head.
    let mut head_start = None;
    if value_max.is_none()
        && let Some((ns, ne)) = p.span("number")
    {
        match spelled_head(p.text, ns, ne) {
            Spelled::Alone => {}
            Spelled::Head(hs, whole) => {
                value = whole;
                head_start = Some(hs);
            }
            Spelled::Cut => return None,
        }
    }
    // `ít nhất 01 trong 02 tiêu chí`: the part a qualifier bounds is the value, as in `42/45 nhiệm
    // vụ`. Without one, the part is which of them (`chọn 1 trong 2 hình thức`): the count is the
    // whole. A number that cannot be a part (`Covid 19 trong 3 trận`, `TOP 301–500 trong 786 cơ sở`)
    // leaves the count alone too, and what stands before it.
    let mut start = None;
    if let Some((ps, _)) = p.span("part") {
        let part = vi_number::parse(p.group("part")?)?;
        let apart = p.text[..ps].chars().next_back().is_none_or(|c| c.is_whitespace() || c == '(');
        if value_max.is_none() && part <= value && apart && p.span("qualifier").is_some() {
            value = part;
        } else {
            start = Some(p.span("number")?.0);
        }
    }
    if let Some(cents) = p.group("cents") {
        value = value.checked_add(vi_number::parse(cents)?.checked_mul(Decimal::from_parts("0", "01")?)?)?;
    }
    let (unit, end, qualifier_after) = match noun {
        Some((ns, Noun::First { unit_end, end, qualifier })) => {
            (fold_value(&p.text[ns..unit_end]), Some(end), qualifier)
        }
        // `10 Bộ trưởng`, `172 tổ chức`: a listed word that begins a title or a noun of the lists.
        _ if before.is_none() && noun.is_none() => match longer_unit(p) {
            Some((us, ue)) => (fold_value(&p.text[us..ue]), Some(ue), None),
            None => match lower_head(p) {
                Some(ue) => (fold_value(&p.text[p.span("unit")?.0..ue]), Some(ue), None),
                None => (fold_value(p.group("unit")?), None, None),
            },
        },
        _ => (fold_value(before.or_else(|| p.group("unit"))?), None, None),
    };
    // `gấp 02 lần mức phạt`, `2 lần phạt`: `lần` counts times; the noun after it is what they
    // multiply or repeat, no part of the unit.
    let (unit, end) = match p.span("unit") {
        Some((us, _)) if before.is_none() && (unit.starts_with("lần ") || unit.starts_with("Lần ")) => {
            (unit[.."lần".len()].to_string(), Some(us + "lần".len()))
        }
        _ => (unit, end),
    };
    // A currency before the amount is looked up in its own list (`VN$`), one after it in `units`.
    let units = p.rules.lexicon(if before.is_some() { "currency_prefixes" } else { "units" });
    let measured = units.contains_ci(&unit);
    // `185,000 việc làm`, `7,488 người`: people and things counted are whole, and money has no part
    // of three digits (`357,000 đồng/kg`, `$40,000`), so commas before groups of three digits group
    // thousands there, as English writes them, at both ends of a range. (A measure's, or a rate's,
    // stay a decimal comma: `674,573 tấn`, `3,315 gram vàng`, `363,541 người/km²`; so does one
    // before a magnitude: `36,230 triệu đồng`.)
    let number = p.group("number").unwrap_or_default();
    if (money(p, &unit, before.is_some())
        || (!measured && before.is_none() && counts_whole_things(p.rules, &unit, number)))
        && let Some(whole) = thousands_by_commas(number)
    {
        match (value_max, p.group("number_max").map(thousands_by_commas)) {
            (None, _) => value = whole,
            (Some(_), Some(Some(max))) if whole < max => (value, value_max) = (whole, Some(max)),
            _ => {}
        }
    }
    // `2/20mm` (two guns of 20 mm), `3/4 ha`: a part of a total is one of things counted, not of
    // a measure.
    if measured && before.is_none() && p.span("number").is_some_and(|(_, ne)| over_digits(&p.text[ne..])) {
        return None;
    }
    // A unit written with the capital of a name after a number in words (`Cu Ba Đồng Hới`, `năm Đồng
    // Khánh`) is that name (after digits, `47.121 tỉ Đồng`, `30 triệu Euro`, it is the unit).
    if measured
        && before.is_none()
        && !p.group("number").is_some_and(|n| n.bytes().any(|b| b.is_ascii_digit()))
        && unit.starts_with(char::is_uppercase)
        && units.key_ci(&unit).is_some_and(|k| k.starts_with(char::is_lowercase))
    {
        return None;
    }
    // (A rate's unit is spelled by its head: `đ/hồ sơ` is `đồng/hồ sơ`.)
    let mut unit = if let Some(c) = units.canonical_ci(&unit) {
        c.to_string()
    } else if let Some((head, per)) = unit.split_once('/')
        && let Some(c) = units.canonical_ci(head)
    {
        format!("{c}/{per}")
    } else {
        unit.clone()
    };
    let bracketed = digits_in_brackets(p);
    let in_digits = said_in_digits(p, bracketed);
    if !in_digits && !plausible_spelled_number(p.group("number")?, measured, p.rules.lexicon("tens")) {
        return None;
    }
    // Other digits in brackets between the number and its unit are another figure (`38.295.900 (241)
    // …`, `5 (10) km/h`): no count. (After the record they are its own: `US$ 7,8 tỷ (2023)`.)
    let unit_after = p.span("unit").zip(p.span("number")).is_some_and(|((us, _), (_, ne))| us > ne);
    if !in_digits && unit_after && bracketed.is_some() {
        return None;
    }
    // (A rule may end the record before the end of its match: `‹6 Chương›, 33 Điều`.)
    let mut end = end.or(p.span("text").map(|(_, e)| e)).unwrap_or(p.m.end);
    // `697m 2`, `59 người/km 2`: a square or a cube whose superscript was lost.
    let last = unit.rsplit('/').next().unwrap_or_default();
    if let Some(power) = lost_power(last, &p.text[end..], p.rules.lexicon("units")) {
        unit.push(power);
        end += 2;
    }
    if before.is_none() {
        // `5.000 vòng/phút`, `200.000 đồng/người/tháng`, `25m 2 /người`: what a rate is per, its
        // superscript lost too (`59 người/km 2`).
        while let Some((base_start, base_end)) = rate_base(p.rules, p.text, end) {
            unit.push('/');
            unit.push_str(&p.text[base_start..base_end]);
            end = base_end;
            if let Some(power) = lost_power(&p.text[base_start..base_end], &p.text[end..], p.rules.lexicon("units")) {
                unit.push(power);
                end += 2;
            }
        }
    }
    let mut qualifier = qualifier_after.or_else(|| if start.is_some() { None } else { qualifier(p) });
    if p.group("qualifier_after").is_none()
        && let Some((q, q_end)) = qualifier_further(p.text, end)
    {
        qualifier = Some(q.to_string());
        end = q_end;
    }
    // (A number in words or a currency's amount runs to the space after it: `$30 tỷ |`.)
    end = p.text[..end].trim_end().len().max(p.m.start + 1);
    let mut c = p.candidate(
        Kind::Statistic,
        vec![Value::Num(value), value_max.map_or(Value::Null, Value::Num), Value::str(unit), Value::opt(qualifier)],
    );
    c.end = end;
    // (Without its qualifier, the record begins with its number.)
    let number_start = not_a_qualifier(p).then(|| p.span("number").map(|(s, _)| s)).flatten();
    c.start = start.or(head_start).or(number_start).unwrap_or(c.start);
    Some(c)
}

/// `từ 100 ảnh đến dưới 200 ảnh`, `từ 01 gigabyte (GB) đến dưới 05 gigabyte (GB)`: a range that says
/// what it counts at both ends, with a noun no list names, is read as two counts (the rule's range
/// names a listed unit or classifier at its first end); joined here into one range, from the first's
/// start to the second's end. Only where the first opens with `từ`, nothing but `đến`/`tới` or a dash
/// (after a bracket of the first's, `(GB)`) stands between them, the units are the same (or the
/// second says the first's more fully: `từ 2 làn xe tới 4 làn xe ôtô`, the range in the first's; or
/// one is a rate of the other's: `… đồng/năm đến 3 tỷ đồng`) and the range rises (`22.550 đồng/USD -
/// 22.630 đồng/USD` is a bank's two prices, and stays two). A first end above a bound (`trên`) opens
/// one too, before `đến` or `tới` (`doanh thu trên 500 triệu đồng/năm đến 3 tỷ đồng`).
/// `list` holds one page's statistics, in order of start.
pub fn join_ranges_said_twice(text: &str, list: &mut Vec<Candidate>) {
    let field = |f: &str| Kind::Statistic.field_index(f).expect("a statistic's field");
    let (value, value_max, unit, qualifier) = (field("value"), field("value_max"), field("unit"), field("qualifier"));
    let mut i = 0;
    while i + 1 < list.len() {
        let (a, b) = (&list[i], &list[i + 1]);
        let between = text.get(a.end..b.start).unwrap_or("");
        let between = between
            .strip_prefix(" (")
            .and_then(|r| r.split_once(')'))
            .filter(|(inside, _)| (1..=8).contains(&inside.len()) && !inside.contains(['(', '\n']))
            .map_or(between, |(_, rest)| rest);
        let worded = matches!(between, " đến " | " tới ");
        let from = text[a.start..].get(.."từ ".len()).is_some_and(|w| w == "từ " || w == "Từ ");
        let above = matches!(&a.fields[qualifier], Value::Str(q) if q == "trên");
        let opens = (from && (worded || matches!(between, " - " | " – "))) || (above && worded);
        let same_unit =
            matches!((&a.fields[unit], &b.fields[unit]), (Value::Str(x), Value::Str(y)) if units_agree(x, y));
        let rises = matches!((&a.fields[value], &b.fields[value]), (Value::Num(x), Value::Num(y)) if x < y);
        let single = |c: &Candidate| matches!(c.fields[value_max], Value::Null);
        if opens && same_unit && rises && single(a) && single(b) {
            let b = list.remove(i + 1);
            let a = &mut list[i];
            a.fields[value_max] = b.fields[value].clone();
            a.end = b.end;
        }
        i += 1;
    }
}

/// Whether the units of a range's two ends agree (see [`join_ranges_said_twice`]): the same, the
/// second the first said more fully (`làn xe` / `làn xe ôtô`), or a rate of the other's (`đồng/năm` /
/// `đồng`; not two rates, `đồng/USD` / `đồng/kg`).
fn units_agree(first: &str, second: &str) -> bool {
    let base = |u: &str| u.split('/').next().unwrap_or(u).len();
    second.strip_prefix(first).is_some_and(|more| more.is_empty() || more.starts_with(' '))
        || (first.contains('/') != second.contains('/') && first[..base(first)] == second[..base(second)])
}

/// Whether `low`, the unit or classifier said after a range's first number, is what its last
/// number counts: the unit itself or the head of it (`từ 01 người đến 04 người`, `10 con - 20 con gà`,
/// `5 đ - 10 đồng/kg`, `0,02 héc ta đến 0,05 héc ta`), spelled alike once canonical, or glued to the
/// next word (`20.000.000 đồngđối với`).
fn heads_unit(rules: &crate::rules::RuleSet, low: &str, unit: &str) -> bool {
    let units = rules.lexicon("units");
    let lower = |w: &str| crate::normalize::lower(&fold_value(w));
    let canonical = |w: &str| units.canonical_ci(w).map_or_else(|| lower(w), crate::normalize::lower);
    let (low, unit) = (lower(low), lower(unit));
    let head = unit.split([' ', '/']).next().unwrap_or_default();
    unit.strip_prefix(low.as_str())
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '/']) || !units.contains_ci(&unit))
        || canonical(&unit) == canonical(&low)
        || canonical(head) == canonical(&low)
}

/// The first number of a would-be range and the unit or classifier after it, as a record of its own
/// (`‹150 người› đến 2 bệnh viện`), with the qualifier before it.
fn first_of_two(p: &Production<'_>, ls: usize, le: usize) -> Option<Candidate> {
    let number = p.group("number")?;
    let value = vi_number::parse(&spaced(number))?;
    let low = fold_value(&p.text[ls..le]);
    let units = p.rules.lexicon("units");
    let measured = units.contains_ci(&low);
    // (`23mm-2ML`: a model's name; `2/40mm`: two guns of 40 mm, as for a record of one number.)
    let (ms, me) = p.span("number_max")?;
    let glued_model = &p.text[le..ms] == "-"
        && p.text[ms..].trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(char::is_alphabetic);
    let (ns, ne) = p.span("number")?;
    if glued_model
        || (measured && over_digits(&p.text[ne..]))
        || !(plausible_spelled_number(number, measured, p.rules.lexicon("tens"))
            || said_in_digits(p, digits_in_brackets(p)))
    {
        return None;
    }
    let unit = units.canonical_ci(&low).map_or(low.clone(), str::to_string);
    let qualifier = qualifier_said(p, false);
    // `phạt tiền từ 3.000.000 đồng đến 5.000.000 nếu …`: a range of money or measure said with its
    // unit at the first end only, where no unit follows the last number (a noun no list names does,
    // no part of the amount), is the range, in that unit.
    let opened = p.text[..ns].trim_end().rsplit(' ').next().is_some_and(|w| w == "từ" || w == "Từ");
    let max = p.group("number_max").and_then(|m| vi_number::parse(&spaced(m)));
    let (value_max, end) = match max {
        Some(max) if measured && opened && p.span("noun").is_some() && value < max => (Value::Num(max), me),
        _ => (Value::Null, le),
    };
    let mut c =
        p.candidate(Kind::Statistic, vec![Value::Num(value), value_max, Value::str(unit), Value::opt(qualifier)]);
    c.end = p.text[..end].trim_end().len();
    Some(c)
}

/// A run of digits too long for a count written without points (`ISBN 9789623616225 Bộ`), a
/// telephone number (`0912345678`), or the end of a licence plate (`43B - 017.08`: zeros before the
/// digits and two after the point): a code.
fn code_digits(number: &str) -> bool {
    let digits = number.trim_end();
    if digits.bytes().all(|b| b.is_ascii_digit()) {
        // (`01647`: a count is written with a zero before it only below ten, `02 người`.)
        return digits.len() >= 11 || (digits.len() >= 4 && digits.starts_with('0'));
    }
    let plate = |(whole, part): (&str, &str)| {
        whole.len() >= 2
            && whole.starts_with('0')
            && part.len() == 2
            && (whole.bytes().chain(part.bytes())).all(|b| b.is_ascii_digit())
    };
    digits.split_once('.').is_some_and(plate)
}

/// A number after a `+` that follows a digit: a place on a road or a dike by its kilometre
/// (`Km 710+700`, `trạm thu phí K13+250 đường 39B`), or a sum (`8+10 người`), not a count.
fn chainage(p: &Production<'_>) -> bool {
    let Some((ns, _)) = p.span("number") else { return false };
    let mut rev = p.text[..ns].chars().rev();
    matches!((rev.next(), rev.next()), (Some('+'), Some(c)) if c.is_ascii_digit())
}

/// The capitalised word right before the number, when it is a name inside the sentence: not one
/// that opens it (`Có 2000 người`, `Cả 2 HLV`), nor one at the start of a line or after a mark that
/// opens a sentence, a cell or a bracket.
fn name_before(text: &str, start: usize) -> Option<&str> {
    let before = text[..start].strip_suffix(' ')?;
    let word_start = before.rfind([' ', '\n']).map_or(0, |i| i + 1);
    let word = &before[word_start..];
    let opens = before[..word_start].trim_end_matches(' ');
    (word.starts_with(char::is_uppercase)
        && word.ends_with(char::is_alphabetic)
        && !opens.is_empty()
        && !opens.ends_with(['.', '!', '?', ':', '\n', '*', '#', '|', '(', '"', '“', '-']))
    .then_some(word)
}

/// A number after a name that names a model, a version or a unit of it rather than counting
/// (`Windows 10 ARM`, `Note 7 FE`, `tàu BĐ 99567 TS`, `Tuần 3 Cuộc thi`, `PC 45 Công an`, `Mazda 3
/// phiên bản`, `Ligue 1 duy trì`): after a capitalised word inside the sentence, an acronym no list
/// names, a word written with a capital, or — after a name in Latin letters that is no Vietnamese
/// syllable (`Mazda`, `Note`) — a noun no list names. Listed units, nouns and acronyms still count
/// there (`Nhật Bản 39.938 LĐ`, `Land Cruiser 469 xe`, `Tehran 25 dặm`).
fn named_model(p: &Production<'_>) -> bool {
    let (Some((ns, _)), Some(unit)) = (p.span("number"), p.group("unit")) else { return false };
    let Some(name) = name_before(p.text, ns) else { return false };
    let head = unit.split('/').next().unwrap_or(unit);
    let listed = |u: &str| ["units", "nouns", "classifiers"].iter().any(|l| p.rules.lexicon(l).contains_ci(u));
    if head.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) && head.chars().any(char::is_uppercase) {
        return !["units", "nouns"].iter().any(|l| p.rules.lexicon(l).contains(head));
    }
    // (A unit of money written with its capital counts: `Tomorrow Holding 55,03 tỷ Nhân dân tệ`.)
    if head.starts_with(char::is_uppercase) {
        return !p.rules.lexicon("units").contains_ci(head);
    }
    // (An amount with a magnitude counts after any name: `Lukaku 75 triệu bảng`.)
    let magnitude = p.group("number").is_some_and(|n| n.split_whitespace().any(|w| vi_number::magnitude(w).is_some()));
    p.span("noun").is_some() && latin_name(name) && !magnitude && !listed(head) && !compared(p.text, ns)
}

/// A letter after the digits that is no thousand: the carats of gold (`vàng 24k`, `vàng hồng 18k`)
/// and a screen's resolution (`quay phim 4K`, `màn hình 8K`).
fn carats_or_resolution(p: &Production<'_>) -> bool {
    let Some(number) = p.group("number").map(str::trim_end) else { return false };
    let Some(digits) = number.strip_suffix(['k', 'K']) else { return false };
    let Some((ns, _)) = p.span("number") else { return false };
    let before = p.text[..ns].trim_end();
    let gold = ["vàng", "vàng hồng", "vàng trắng", "vàng tây"].iter().any(|w| ends_with_word(before, w));
    (gold && ["9", "10", "14", "16", "18", "22", "24"].contains(&digits))
        || (number.ends_with('K') && ["4", "8"].contains(&digits))
}

/// `L` for litres only after a decimal, as engines' sizes are written (`2.0L`, `5,4 L`): after a whole
/// number it is a grade or a code (`thép 316L`, `(19 L)`).
fn whole_litres(p: &Production<'_>) -> bool {
    p.group("unit").is_some_and(|u| u == "L" || u.starts_with("L/"))
        && p.group("number").is_some_and(|n| !n.trim_end().contains(['.', ',']))
}

/// Whether `text` ends with the words `words`, whole (lower or upper case).
fn ends_with_word(text: &str, words: &str) -> bool {
    text.len() >= words.len()
        && text.is_char_boundary(text.len() - words.len())
        && text[text.len() - words.len()..].to_lowercase() == words
        && text[..text.len() - words.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// Whether the name run before the number at `start` follows a word that compares or measures from
/// it (`hơn Barca 9 danh hiệu`, `kém Serena Williams 1 danh hiệu`, `cách Tehran 25 dặm`): the number
/// is a gap or a distance, not the name's.
fn compared(text: &str, start: usize) -> bool {
    let mut before = text[..start].trim_end_matches(' ');
    for _ in 0..4 {
        let word_start = before.rfind([' ', '\n']).map_or(0, |i| i + 1);
        let word = &before[word_start..];
        if ["hơn", "kém", "cách"].contains(&word) {
            return true;
        }
        if !word.starts_with(char::is_uppercase) || word_start == 0 || before.as_bytes()[word_start - 1] == b'\n' {
            return false;
        }
        before = before[..word_start].trim_end_matches(' ');
    }
    false
}

/// A name in Latin letters, not in capitals, that no Vietnamese syllable spells (`Mazda`, `Note`,
/// `Ligue`, `Windows`; not `Nam`, `Long`, `Huế`, nor the acronym `TPP`).
fn latin_name(word: &str) -> bool {
    if !word.bytes().all(|b| b.is_ascii_alphabetic())
        || word.len() < 3
        || !word[1..].bytes().any(|b| b.is_ascii_lowercase())
    {
        return false;
    }
    let w = word.to_ascii_lowercase();
    // (The spelling of a Vietnamese syllable, onsets and codas, is fixed: code, not a word list.)
    let onsets = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu"];
    let rest = onsets
        .iter()
        .find_map(|o| w.strip_prefix(o))
        .unwrap_or_else(|| w.strip_prefix(|c: char| "bcdghklmnpqrstvx".contains(c)).unwrap_or(&w));
    let vowels = rest.bytes().take_while(|b| b"aeiouy".contains(b)).count();
    let coda = &rest[vowels..];
    !((1..=3).contains(&vowels) && ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"].contains(&coda))
}

/// Where a listed unit in small letters ends when the list matched it on with a capitalised word,
/// which begins the next sentence or a name (`50 triệu đồng Đội á quân`: `đồng`, not `đồng đội`;
/// `3 bộ Công an, Quốc phòng`).
fn lower_head(p: &Production<'_>) -> Option<usize> {
    let (us, ue) = p.span("unit")?;
    let unit = &p.text[us..ue];
    // (`đô la Mỹ`, `đồng Việt Nam` are listed so; written as listed, case and all: `đồng Đội` is no
    // `đồng đội`.)
    if !unit.starts_with(char::is_lowercase) || in_noun_lists(p, unit.split('/').next().unwrap_or(unit), false) {
        return None;
    }
    // (An acronym is the noun's: `100 lượt DN`.)
    let capitalised = |w: &str| {
        w.starts_with(char::is_uppercase) && w.split(' ').next().is_some_and(|w| w.chars().any(char::is_lowercase))
    };
    let cut = unit.match_indices(' ').find(|&(i, _)| capitalised(&unit[i + 1..]))?.0;
    let head = &unit[..cut];
    in_noun_lists(p, head, true).then_some(us + cut)
}

/// Whether a unit, a classifier or a noun of the lists is written `words` (in any case, or as listed).
fn in_noun_lists(p: &Production<'_>, words: &str, any_case: bool) -> bool {
    let lists = ["units", "classifiers", "nouns"].map(|l| p.rules.lexicon(l));
    lists.iter().any(|l| if any_case { l.contains_ci(words) } else { l.contains(words) })
}

/// An acronym no list names between numbers (`STT Mã CK Giá … 2 BBC 110,000 +1,90`, `1 ATP 500`): a
/// row of a table or a name's number, not a count of it.
fn acronym_in_a_row(p: &Production<'_>) -> bool {
    let Some((us, ue)) = p.span("unit") else { return false };
    let unit = &p.text[us..ue];
    unit.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && p.text[ue..].strip_prefix(' ').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        && !in_noun_lists(p, unit, true)
}

/// A page cited after a note's number (`…dân chúng.[69]:32–34 Công giáo`, `[46]:43 Bộ luật`): the
/// page, whatever word the sentence goes on with.
fn cited_page(p: &Production<'_>) -> bool {
    p.span("number").is_some_and(|(ns, _)| p.text[..ns].ends_with("]:"))
}

/// A unit written with a capital that begins a name rather than counting: a year before it (`2026
/// TP Huế`, `1979 BMW M1`), an administrative unit in capitals before a place, or glued to it by a
/// full stop (`Bệnh viện Nhi đồng 1 TP HCM`, `… 1 TP.HCM`), or a listed noun written with its capital
/// before a name's syllable that ends there or goes on with another capital (`179 Trường Chinh, Thanh
/// Xuân`, `156 Xã Đàn 2`, `1854 Thôn Nhị Khê`). A noun that heads an organisation's name still counts
/// (`5 Bộ Tư lệnh Vùng`, `19 Phòng Giao dịch`, `3 Trường THPT`), and so do measures and money (`1.980
/// Yên Nhật`).
fn name_goes_on(p: &Production<'_>) -> bool {
    let Some((us, ue)) = p.span("unit") else { return false };
    let unit = &p.text[us..ue];
    if !unit.starts_with(char::is_uppercase) {
        return false;
    }
    let number = p.group("number").unwrap_or("").trim_end();
    let lexicon = |name: &str| p.rules.lexicon(name);
    // `2.9 Trường hợp …` opening a line: a section's number, not a fraction of a count.
    if p.span("number").is_some_and(|(ns, _)| section_number(p.text, ns, us, number))
        && !lexicon("units").contains_ci(unit.split('/').next().unwrap_or(unit))
    {
        return true;
    }
    if unit.contains([' ', '/']) {
        return false;
    }
    let year = number.len() == 4
        && number.bytes().all(|b| b.is_ascii_digit())
        && (number.starts_with("19") || number.starts_with("20"));
    let acronym = !unit.chars().any(char::is_lowercase);
    // (`1976 BMW 3.0CLS`: a year before an acronym no list names is a model's.)
    if year && acronym && !lexicon("units").contains(unit) && !lexicon("nouns").contains(unit) {
        return true;
    }
    // (`Bệnh viện Nhi đồng 1 TP.HCM`: the unit's letters glued to the place by a full stop.)
    if acronym
        && lexicon("admin_units").contains(unit)
        && p.text[ue..].strip_prefix('.').is_some_and(|r| r.starts_with(char::is_uppercase))
    {
        return true;
    }
    let Some(next) = p.text[ue..].strip_prefix(' ') else { return false };
    let len = next.find(|c: char| !c.is_alphanumeric()).unwrap_or(next.len());
    let word = &next[..len];
    if !word.starts_with(char::is_uppercase) {
        return false;
    }
    if year {
        return true;
    }
    if acronym {
        return lexicon("admin_units").contains(unit);
    }
    if word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) || lexicon("units").contains_ci(unit) {
        return false;
    }
    let after = &next[len..];
    let goes_on_lower = after.strip_prefix(' ').is_some_and(|r| r.starts_with(char::is_lowercase));
    let second = after.strip_prefix(' ').map(|r| &r[..r.find(|c: char| !c.is_alphanumeric()).unwrap_or(r.len())]);
    let two = second.map(|w| format!("{word} {w}"));
    let org = lexicon("org_heads").contains_ci(&format!("{unit} {word}"))
        || two.as_ref().is_some_and(|t| {
            lexicon("org_heads").contains_ci(&format!("{unit} {t}")) || lexicon("org_words").contains_ci(t)
        });
    !org && !goes_on_lower
}

/// Whether `number`, a number with a point and a digit or two after it (`2.9`, `1.3`), opens its
/// line at `start` (after the marks of a list or a heading) before the capitalised word at
/// `unit_start`: a section's number.
fn section_number(text: &str, start: usize, unit_start: usize, number: &str) -> bool {
    let Some((whole, part)) = number.split_once('.') else { return false };
    let digits = |s: &str, n: usize| (1..=n).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole, 2) || !digits(part, 2) || !text[unit_start..].starts_with(char::is_uppercase) {
        return false;
    }
    let opens = text[..start].trim_end_matches([' ', '*', '#', '-', '+', '|']);
    opens.is_empty() || opens.ends_with('\n')
}

/// A number glued after a unit and a slash is what a rate is per (`0,25 miligam/1 lít khí thở`,
/// `30.000VNĐ/01 sản phẩm`), not a count of its own.
fn rate_denominator(p: &Production<'_>) -> bool {
    let Some((ns, _)) = p.span("number") else { return false };
    let mut rev = p.text[..ns].chars().rev();
    matches!((rev.next(), rev.next()), (Some('/'), Some(c)) if c.is_alphabetic())
}

/// `1 số`, `1 thời gian` written for `một số` (some), `một thời gian` (a while): `1 số người`, `sau
/// 1 thời gian`.
fn some_of(p: &Production<'_>) -> bool {
    let (Some(number), Some(unit)) = (p.group("number"), p.group("unit")) else { return false };
    let unit = crate::normalize::lower(unit);
    number.trim_end() == "1" && (unit == "số" || unit.starts_with("số ") || unit.starts_with("thời gian"))
}

/// A range of two years before a noun no unit lists (`từ 1930-1940 tỉnh ủy được chỉ đạo`): a period,
/// not a count.
fn year_range(p: &Production<'_>) -> bool {
    let year = |n: &str| {
        let n = n.trim_end();
        n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()) && (n.starts_with("19") || n.starts_with("20"))
    };
    let (Some(low), Some(high)) = (p.group("number"), p.group("number_max")) else { return false };
    year(low) && year(high) && !p.group("unit").is_some_and(|u| p.rules.lexicon("units").contains_ci(u))
}

/// A year right after a name in the sentence (`Honda Monkey 2017 bản`, `môn Tiếng Anh 2025 tỉnh
/// Lào Cai`, `Doraemon 2025 TPHCM`) or after a document's symbol (`Quyết định 3747/QĐ-UBND 2025 việc
/// tổ chức`): the name's year or model, the text's year, not a count. A capital that opens the
/// sentence is no name (`Có 2000 người`).
fn year_after_name(p: &Production<'_>) -> bool {
    let Some((start, _)) = p.span("number") else { return false };
    let number = p.group("number").unwrap_or("").trim_end();
    let year = number.len() == 4 && (number.starts_with("19") || number.starts_with("20"));
    if !year || !number.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    name_before(p.text, start).is_some() || symbol_before(p.text, start)
}

/// Whether the word before `start` (a space between) is a document's symbol: digits, a slash and
/// capitals (`3747/QĐ-UBND`, `12/2024/NĐ-CP`, `05-CT/TW`).
fn symbol_before(text: &str, start: usize) -> bool {
    let Some(before) = text[..start].strip_suffix(' ') else { return false };
    let word = &before[before.rfind([' ', '\n']).map_or(0, |i| i + 1)..];
    word.starts_with(|c: char| c.is_ascii_digit())
        && word.contains('/')
        && word.rsplit('/').next().is_some_and(|last| last.starts_with(char::is_uppercase))
}

/// Whether `rest` opens with a slash and digits: the denominator of `42/45`.
fn over_digits(rest: &str) -> bool {
    rest.strip_prefix('/').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

/// What stands before a number in words.
#[derive(Debug, PartialEq)]
enum Spelled {
    /// Nothing of it: the number is whole.
    Alone,
    /// Its head, before a comma: where the head begins, and the whole value.
    Head(usize, Decimal),
    /// Words that only go on a number (`không trăm`), with no head that reads with them: a part of a
    /// number, whose value is not the whole's.
    Cut,
}

/// A number in words whose head stands before a comma (`… bốn mươi chín tỷ, bốn trăm bảy mươi chín
/// triệu`, as amounts are spelled out in full). Only a head that ends with a magnitude and reads as
/// one number with the tail (`hai mươi triệu, ba mươi triệu` is a list). The words that only go on a
/// number begin no match (`sáu mươi mốt nghìn, không trăm năm mươi sáu tỷ` is found from `năm`):
/// they are taken back first, and without a head they leave a part.
fn spelled_head(text: &str, ns: usize, ne: usize) -> Spelled {
    let tail = &text[ns..ne];
    if tail.bytes().any(|b| b.is_ascii_digit()) {
        return Spelled::Alone;
    }
    let mut start = ns;
    let mut words: Vec<&str> = tail.split_whitespace().rev().collect();
    while let Some(before) = text[..start].strip_suffix(' ')
        && let Some(word) = before.rsplit(' ').next()
        && vi_number::is_number_word(word)
    {
        words.push(word);
        start = before.len() - word.len();
    }
    let taken_back = start;
    // The power of ten a group ends with (`… nghìn tỷ` 12).
    let power = |reversed: &[&str]| reversed.iter().map_while(|w| vi_number::magnitude(w)).sum::<u32>();
    let mut below = power(&words);
    // Group by group leftwards, each before a comma and ending with a magnitude (`… tỷ, … triệu, …`).
    while let Some(before) = text[..start].strip_suffix(", ") {
        let (mut end, mut at) = (before.len(), before.len());
        let mut group = Vec::new();
        loop {
            let word_start = before[..end].rfind(' ').map_or(0, |i| i + 1);
            let word = &before[word_start..end];
            // (`(Sáu nghìn, …`: a bracket or a quote opens the number.)
            let bare = word.trim_start_matches(|c: char| !c.is_alphanumeric());
            if !vi_number::is_number_word(bare) {
                break;
            }
            group.push(bare);
            at = end - bare.len();
            if bare.len() < word.len() || word_start == 0 {
                break;
            }
            end = word_start - 1;
        }
        // (A list repeats its magnitude: `hai mươi triệu, ba mươi triệu`; a lower one multiplies the
        // tail's: `Sáu nghìn, chín trăm tám mươi chín tỷ` is 6 989 tỷ.)
        if power(&group) == 0 || power(&group) == below {
            break;
        }
        below = power(&group);
        words.extend(group);
        start = at;
    }
    if start == taken_back {
        return if taken_back == ns { Spelled::Alone } else { Spelled::Cut };
    }
    words.reverse();
    vi_number::parse_tokens(&words).map_or(Spelled::Cut, |whole| Spelled::Head(start, whole))
}

/// A month and a year (`05/2010 – 12/2015 Phó Chủ nhiệm`): a date, not a part of a count.
fn month_of_year(p: &Production<'_>) -> bool {
    let Some((start, _)) = p.span("number") else { return false };
    let rest = &p.text[start..];
    let month = rest.bytes().take_while(u8::is_ascii_digit).count();
    let Some(year) = rest[month..].strip_prefix('/') else { return false };
    let digits = year.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&month)
        && rest[..month].parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
        && digits == 4
        && (year.starts_with("19") || year.starts_with("20"))
}

/// `Hội nghị Trung ương 6 khóa XII`: a term written in Roman numerals after `khóa` says the number
/// before it is the meeting's, not a count of terms.
fn term_after_count(p: &Production<'_>) -> bool {
    let Some((_, ue)) = p.span("unit") else { return false };
    let unit = p.group("unit").unwrap_or("");
    if !["khóa", "khoá"].iter().any(|k| unit.eq_ignore_ascii_case(k) || unit == "Khóa") {
        return false;
    }
    let Some(rest) = p.text[ue..].strip_prefix(' ') else { return false };
    let word = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
    word > 0 && rest[..word].chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

/// `từ 1-2000 USD`: a low end under ten before a round thousands top that reads as its thousands
/// (1 000–2 000, written short) — which of the two the page means is not sure.
fn thousands_range(value: Decimal, max: Decimal, max_text: Option<&str>) -> bool {
    let Some(max_text) = max_text.map(str::trim_end) else { return false };
    let plain = max_text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let low = value.is_integer() && Decimal::from_int(1) <= value && value < Decimal::from_int(10);
    let digits: String = max_text.chars().filter(char::is_ascii_digit).collect();
    let thousands = digits.strip_suffix("000").and_then(|t| t.parse::<i128>().ok());
    plain && low && max.is_integer() && thousands.is_some_and(|t| Decimal::from_int(t) > value)
}

/// The span of a longer unit a listed word begins: a title of the lists (`10 Bộ trưởng`) or a noun
/// `not_counted` marks `=> noun` (`172 tổ chức`: organisations, though `tổ chức` is also a verb).
fn longer_unit(p: &Production<'_>) -> Option<(usize, usize)> {
    let (us, ue) = p.span("unit")?;
    let rest = p.text[ue..].strip_prefix(' ')?;
    let word = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    if word == 0 || p.text[us..ue].contains('/') {
        return None;
    }
    let end = ue + 1 + word;
    let longer = &p.text[us..end];
    let noun = p.rules.lexicon("not_counted").get_ci(longer).is_some_and(|e| e.value.as_deref() == Some("noun"));
    (noun || p.rules.lexicon("positions").contains_ci(longer)).then_some((us, end))
}

/// Where what a rate is per after `at` begins and ends (`/phút`, `/vạn dân`, `/h`): a word or two
/// of `rate_bases` or `units` after a slash, or the single letters of `km/h` and `m/s`. A space may
/// stand on either side of the slash (`18.000 đồng/ kg`, `1725 USD / người`).
fn rate_base(rules: &crate::rules::RuleSet, text: &str, at: usize) -> Option<(usize, usize)> {
    let at_slash = at;
    let slash = text[at..].strip_prefix(' ').unwrap_or(&text[at..]);
    let spaced = slash.strip_prefix('/')?;
    let rest = spaced.strip_prefix(' ').unwrap_or(spaced);
    let at = text.len() - rest.len() - 1;
    let word_len = |s: &str| s.find(|c: char| !c.is_alphanumeric() && c != '²' && c != '³').unwrap_or(s.len());
    let first = word_len(rest);
    if first == 0 || rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let listed = |s: &str| rules.lexicon("rate_bases").contains_ci(s) || rules.lexicon("units").contains_ci(s);
    if let Some(second) = rest[first..].strip_prefix(' ').map(word_len).filter(|&n| n > 0) {
        let two = first + 1 + second;
        if listed(&rest[..two]) {
            return Some((at + 1, at + 1 + two));
        }
    }
    let glued = rest.len() + 1 == text.len() - at_slash;
    (listed(&rest[..first]) || (glued && matches!(&rest[..first], "h" | "s"))).then_some((at + 1, at + 1 + first))
}

/// A unit or a classifier that begins a longer word counting nothing (`năm đô hộ`, `hai đồng loạt`,
/// `chín mươi phần trăm`: no dollars, no dong, no parts).
fn begins_compound(p: &Production<'_>) -> bool {
    let Some(unit) = p.group("unit") else { return false };
    listed_begins_compound(p)
        && (p.rules.lexicon("units").contains_ci(unit)
            || p.rules.lexicon("units_as_written").contains(unit)
            || p.rules.lexicon("classifiers").contains_ci(unit))
}

/// Whether the unit makes one word of `not_counted` with the lower-case word after it (`năm đô hộ`,
/// `tổ chức`), or a capitalised unit with the capitalised word after it (`360 Giải Phóng`, a street).
/// After a listed noun the count is then as doubtful as before a noun no list names (`172 tổ chức`
/// are organisations, `Olympic 2020 tổ chức tại` a year).
fn listed_begins_compound(p: &Production<'_>) -> bool {
    let Some((us, ue)) = p.span("unit") else { return false };
    let Some(rest) = p.text[ue..].strip_prefix(' ') else { return false };
    // (The word's capital counts after a capitalised unit only.)
    let capital = rest.chars().next().filter(|c| c.is_uppercase() && p.text[us..ue].starts_with(char::is_uppercase));
    let from = capital.map_or(0, char::len_utf8);
    let word = from + rest[from..].find(|c: char| !c.is_lowercase()).unwrap_or(rest.len() - from);
    word > 0 && p.rules.lexicon("not_counted").contains_ci(&p.text[us..ue + 1 + word])
}

/// A unit written with a capital, not in capitals (`Chương trình`, `Tỉnh`, not `CNVCLĐ`).
fn capitalised_unit(p: &Production<'_>) -> bool {
    p.group("unit").is_some_and(|u| u.starts_with(char::is_uppercase) && u.chars().any(char::is_lowercase))
}

/// An acronym after a number that says it is a year or an hour (`179 TCN`, `2100 GMT`), not a count;
/// or the first part of a hyphenated name (`8.989.380 ‹HNX›-INDEX`, a table's next row).
fn stop_acronym(p: &Production<'_>) -> bool {
    // (`TCN/tháng`: the acronym before a rate's base.)
    let acronym = p.group("unit").map(|u| u.split('/').next().unwrap_or(u));
    let hyphenated = p.span("unit").is_some_and(|(us, ue)| {
        !p.text[us..ue].contains('/')
            && p.text[ue..].strip_prefix('-').is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()))
    });
    acronym.is_some_and(|u| {
        u.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
            && (hyphenated || p.rules.lexicon("not_counted").contains_ci(u))
    })
}

/// Whether `word`, the first of a noun no list names, says the number counts nothing. A word listed
/// `=> alone` does so only standing alone, before the end of the noun or a word of the list (`Note 8
/// hiện vẫn chưa`, `1787 tính cho`), not in the nouns it begins (`5 hiện vật`, `3 tính năng`).
fn stop_first(stops: &crate::rules::lexicon::Lexicon, words: &[&str]) -> bool {
    match stops.get_ci(words[0]) {
        None => false,
        Some(e) if alone(e) => words.get(1).is_none_or(|w| stop_word(stops, w)),
        Some(_) => true,
    }
}

/// A word of `not_counted` that says so wherever it stands (`tính` alone does not: `máy tính`).
fn stop_word(stops: &crate::rules::lexicon::Lexicon, word: &str) -> bool {
    stops.get_ci(word).is_some_and(|e| !alone(e))
}

fn alone(e: &crate::rules::lexicon::Entry) -> bool {
    e.value.as_deref() == Some("alone")
}

/// A number in words written with a capital inside a sentence, after a word, is a name (`Đỗ Mười`,
/// `Cách mạng Tháng Mười`, `Cu Ba Đồng Hới`, `ban hành Mười lời thề danh dự`); one that opens a
/// sentence or a line counts (`Hai mươi bảy đồng chí khác …`).
fn spelled_name(p: &Production<'_>) -> bool {
    let Some((start, _)) = p.span("number") else { return false };
    if !p.text[start..].starts_with(char::is_uppercase) {
        return false;
    }
    let Some(before) = p.text[..start].strip_suffix(' ') else { return false };
    before.ends_with(char::is_alphabetic)
}

/// A magnitude that makes one word with the noun no list names after it (`một tỷ lệ`, `một triệu
/// chứng`, `3 tỷ phú`): no number of anything.
fn magnitude_begins_word(p: &Production<'_>) -> bool {
    // (Before a listed noun the magnitude is one: `5 triệu chứng chỉ quỹ`.)
    let (Some((ns, ne)), Some((us, ue))) = (p.span("number"), p.span("noun")) else { return false };
    let number = p.text[ns..ne].trim_end();
    let last = ns + number.rfind(' ').map_or(0, |i| i + 1);
    if vi_number::magnitude(&p.text[last..ns + number.len()]).is_none() {
        return false;
    }
    let first_end = p.text[us..ue].find(' ').map_or(ue, |i| us + i);
    p.rules.lexicon("not_counted").contains_ci(&p.text[last..first_end])
}

/// The `2` or `3` of `m 2`, `km 3` after a unit of length (`697m 2 tại ấp`), when nothing more of a
/// number follows.
fn lost_power(unit: &str, after: &str, units: &crate::rules::lexicon::Lexicon) -> Option<char> {
    if !matches!(unit, "m" | "km" | "cm" | "mm") {
        return None;
    }
    let power = after.strip_prefix(' ')?.chars().next().filter(|c| matches!(c, '2' | '3'))?;
    let next = after[2..].chars().next();
    // (A word glued to the superscript came from a soft wrap joined without its space: `km 2của`;
    // not a unit, as in `m 2m`.)
    let glued_word = || {
        let word = &after[2..after[2..].find(|c: char| !c.is_alphabetic()).map_or(after.len(), |i| 2 + i)];
        word.starts_with(char::is_lowercase) && !units.contains_ci(word)
    };
    // (A slash then a word is what the square is per, `m 2 /người`; a digit, a fraction's.)
    let per = || after[3..].trim_start_matches(' ').starts_with(|c: char| c.is_alphabetic());
    next.is_none_or(|c| {
        (!crate::normalize::is_letter_or_digit(c) && !matches!(c, '.' | ',' | '/'))
            || (c == '/' && per())
            || glued_word()
    })
    .then_some(power)
}

/// `trở lên` or `trở xuống` a few lower-case words after the end of a record (`từ 3 người phụ thuộc
/// trở lên`, `từ 15% số hộ trở lên`): the qualifier, and where it ends.
fn qualifier_further(text: &str, mut at: usize) -> Option<(&'static str, usize)> {
    for _ in 0..4 {
        let rest = text[at..].strip_prefix(' ')?;
        for q in ["trở lên", "trở xuống"] {
            if rest.starts_with(q) && !rest[q.len()..].starts_with(crate::normalize::is_letter_or_digit) {
                return Some((q, at + 1 + q.len()));
            }
        }
        let word = rest.find(|c: char| !c.is_lowercase()).unwrap_or(rest.len());
        if word == 0 {
            return None;
        }
        at += 1 + word;
    }
    None
}

/// What a noun no list names makes of the count: all of it is the unit, or only its first word
/// (`30 đội ‹và›`; `200 mét ‹trở lên›`, which is then the qualifier).
enum Noun {
    Whole,
    First { unit_end: usize, end: usize, qualifier: Option<String> },
}

/// Checks a noun no list names against the words that say a number counts nothing (`5 năm`, `60
/// tuổi`, `đạt 12.000 và`); `None` when the number counts nothing.
fn counted_noun(p: &Production<'_>, ns: usize, ne: usize) -> Option<Noun> {
    let stops = p.rules.lexicon("not_counted");
    let noun = &p.text[ns..ne];
    let lower = noun.starts_with(char::is_lowercase);
    let words: Vec<&str> = noun.split(' ').collect();
    // (The word lists first: they rule out most, and cost less than looking back for a label.)
    // (A word that stops only a share's subject counts here: `586 phản ánh, kiến nghị`.)
    let stop = |n: &str| stops.get_ci(n).is_some_and(|e| e.value.as_deref() != Some("share"));
    if lower && (stop_first(stops, &words) || stop(noun) || vi_number::is_number_word(words[0])) {
        return None;
    }
    if labelled_number(p, true) {
        return None;
    }
    // A unit glued to the next word where a page lost the space (`20.000.000 đồngđối với`): the
    // unit alone.
    if lower && let Some(unit_end) = glued_unit(p.rules.lexicon("units"), words[0]) {
        return Some(Noun::First { unit_end: ns + unit_end, end: ns + unit_end, qualifier: None });
    }
    if !lower {
        // A document type or a title (`7 Thông tư`, `34 Chủ tịch`).
        return Some(Noun::Whole);
    }
    // Letters glued to the digits are a code (`27/2018QĐ`, `1234567HC`), not a count.
    if !p.text[..ns].ends_with(' ') {
        return None;
    }
    // A house number: the street's name follows (`34, 36, 42 đường Chu Mạnh Trinh`).
    let named = p.text[ns + words[0].len()..].strip_prefix(' ').is_some_and(|r| r.starts_with(char::is_uppercase));
    if named && p.rules.lexicon("street_nouns").contains_ci(words[0]) {
        return None;
    }
    if words.len() == 2 && stop_word(stops, words[1]) {
        let first_end = ns + words[0].len();
        let rest = &p.text[first_end..];
        let qualifier = ["trở lên", "trở xuống"].iter().find(|q| rest[1..].starts_with(**q) && rest.starts_with(' '));
        let end = qualifier.map_or(first_end, |q| first_end + 1 + q.len());
        return Some(Noun::First { unit_end: first_end, end, qualifier: qualifier.map(|q| q.to_string()) });
    }
    // `52 viên ma túy`, `3 nam thanh niên`: the second word begins a noun of the list, which is not
    // cut in its middle (`viên ma`).
    if words.len() == 2
        && let Some(whole) = listed_noun_goes_on(p.rules.lexicon("nouns"), p.text, ns + words[0].len() + 1, ne)
    {
        return Some(Noun::First { unit_end: whole, end: whole, qualifier: None });
    }
    Some(Noun::Whole)
}

/// Where the listed unit that begins `word` ends, when a second syllable is glued to it (the word has
/// two groups of vowels, the unit one): the unit a Vietnamese word (one with a letter beyond ASCII:
/// `đồng`, `tấn`; `euro` in `europe` is no unit), the rest a syllable that opens with a consonant
/// (`đồng‹đối›`; not a unit's letters and a final, `tạ‹ng›`).
fn glued_unit(units: &crate::rules::lexicon::Lexicon, word: &str) -> Option<usize> {
    use crate::extract::official::one_vowel_group;
    if one_vowel_group(word) {
        return None;
    }
    word.char_indices()
        .skip(2)
        .map(|(i, _)| i)
        .filter(|&i| !word[..i].is_ascii() && one_vowel_group(&word[..i]) && units.contains(&word[..i]))
        .filter(|&i| word[i..].starts_with(|c: char| "bcdđghklmnpqrstvx".contains(c)))
        .last()
}

/// Where the listed noun that begins at `from` and goes on past `end` by a word or two in small
/// letters ends (`ma‹ túy›`, `câu lạc‹ bộ›`), the longest first.
fn listed_noun_goes_on(nouns: &crate::rules::lexicon::Lexicon, text: &str, from: usize, end: usize) -> Option<usize> {
    let mut ends = Vec::with_capacity(2);
    let mut at = end;
    for _ in 0..2 {
        let Some(word) = text[at..].strip_prefix(' ') else { break };
        let len = word.find(|c: char| !c.is_alphabetic()).unwrap_or(word.len());
        if len == 0 || !word.starts_with(char::is_lowercase) {
            break;
        }
        at += 1 + len;
        ends.push(at);
    }
    ends.into_iter().rev().find(|&e| nouns.contains(&text[from..e]))
}

/// A number that names rather than counts: one after a label or a document type (`biển số 80 cấp`,
/// `mục 2 Bản mô tả`, `Thông tư 62 hướng dẫn`, `Sư đoàn 25 Bộ binh`), also where the label stands
/// before a list of numbers (`tổ 42, 52 phường`) or ends the line before (a page wrapped at `mục⏎2`);
/// a year after a day and month (`4 tháng 6, 1929 xã Hội An`); and before a noun no list names
/// (`unlisted`), any year (`năm 2025 nêu rõ`) — before a listed one, `2000 người` may well count.
fn labelled_number(p: &Production<'_>, unlisted: bool) -> bool {
    let Some((start, _)) = p.span("number") else { return false };
    let number = p.group("number").unwrap_or("").trim_end();
    let before = &p.text[..start];
    let year = number.len() == 4 && number.bytes().all(|b| b.is_ascii_digit());
    if year && ((unlisted && (number.starts_with("19") || number.starts_with("20"))) || after_day_and_month(before)) {
        return true;
    }
    // A label names by a small number: one grouped in thousands or with a magnitude is an amount
    // (`mỗi quý 350 triệu đồng`, `chiều dài tuyến 1.700m`).
    if number.split(' ').any(|w| vi_number::magnitude(w).is_some()) || grouped_in_thousands(number) {
        return false;
    }
    let Some(before) = list_head(before).strip_suffix([' ', '\n']) else { return false };
    let (labels, doc_types) = (p.rules.lexicon("number_labels"), p.rules.lexicon("doc_types"));
    let mut from = before.len();
    for _ in 0..3 {
        from = before[..from].rfind([' ', '\n']).unwrap_or(0);
        // (`(Sư đoàn 21 Bộ binh)`: the label opens a bracket.)
        let words = before[from..].trim_start_matches(|c: char| !c.is_alphanumeric());
        // A document type is one only with its capital (`Thông tư 62`; `quy định 7 Thông tư` counts).
        if words.starts_with(char::is_uppercase) && doc_types.contains_ci(words) {
            return true;
        }
        match labels.canonical_ci(words) {
            // `tổng số`, `dân số`, `giá khởi điểm` … say how much: no label.
            Some(_) if labels.canonical_ci(with_word_before(before, from)) == Some("count") => {}
            Some("count") => {}
            // A thing that may be measured, or a word ending compounds (`mỗi lô 60 chiếc`, `căn phòng
            // 12m2`, `tử hình 5 đối tượng`): a label only before a noun no list names (`lô 5 bị thu hồi`).
            Some("loose") if !unlisted => {}
            // A product line's number before a unit of measure is its size (`iPhone 5.5 inch`).
            Some("model") if p.span("number").is_some_and(|(_, e)| super::measure_opens(p.rules, &p.text[e..])) => {}
            Some(_) => return true,
            None => {}
        }
        if from == 0 || before.as_bytes()[from] == b'\n' {
            break;
        }
    }
    false
}

/// Digits grouped in thousands by dots, the whole number (`1.700`, `12.000.000`; not `1.5`, `2.3.1`).
pub(super) fn grouped_in_thousands(number: &str) -> bool {
    grouped_by(number, '.')
}

/// Digits grouped in thousands by `mark`, the whole number: a first group of one to three digits,
/// then at least one of three.
fn grouped_by(number: &str, mark: char) -> bool {
    let mut groups = number.split(mark);
    let first = groups.next().unwrap_or("");
    let mut rest = groups.peekable();
    (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest.peek().is_some()
        && rest.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// `before[from..]` with the word before it (`giá khởi ‹điểm›` → `khởi điểm`).
fn with_word_before(before: &str, from: usize) -> &str {
    let head = before[..from].trim_end();
    let start = head.rfind([' ', '\n']).map_or(0, |i| i + 1);
    before[start..].trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// What stands before the first of a list of numbers that ends at `before` (`tổ 42, ‹52›` → `tổ `,
/// `Điều 21, 22 và ‹23› Nghị định này` → `Điều `);
/// `before` itself when no number and comma end it.
fn list_head(mut before: &str) -> &str {
    // (`và` joins the last number of a list: in `tiểu đoàn 436 và 274, 3 đại đội` a new item begins.)
    let mut last = true;
    while let Some(rest) = before.strip_suffix(", ").or_else(|| before.strip_suffix(" và ").filter(|_| last)) {
        last = false;
        let head = rest.trim_end_matches(|c: char| c.is_ascii_digit());
        if !(1..=4).contains(&(rest.len() - head.len())) || !head.ends_with(' ') {
            break;
        }
        before = head;
    }
    before
}

/// Whether `before` ends with a day and a month (`4 tháng 6, `, `19 tháng 9 `): a year follows.
fn after_day_and_month(before: &str) -> bool {
    let b = before.strip_suffix(' ').unwrap_or(before);
    let b = b.strip_suffix(',').unwrap_or(b);
    let head = b.trim_end_matches(|c: char| c.is_ascii_digit());
    (1..=2).contains(&(b.len() - head.len())) && (head.ends_with("tháng ") || head.ends_with("Tháng "))
}

/// A number glued to the name or code before it (`IPU-132 tổ chức`, `APPF-26`, `U.23 châu Á`) is
/// part of that name, whatever follows it.
fn glued_to_name(p: &Production<'_>) -> bool {
    let Some((start, _)) = p.span("number") else { return false };
    let mut rev = p.text[..start].chars().rev();
    matches!((rev.next(), rev.next()), (Some('-' | '.'), Some(c)) if c.is_alphabetic())
}

/// A number glued by a dash to the digits before it (`4-0 Tân binh`, `ISSN 1765-0828 Bộ`, `TOP
/// 101–150 đại học`) ends a score, a code or a range that did not read: alone, it counts nothing.
fn range_tail(p: &Production<'_>) -> bool {
    let Some((start, _)) = p.span("number") else { return false };
    let mut rev = p.text[..start].chars().rev();
    matches!((rev.next(), rev.next()), (Some('-' | '–'), Some(c)) if c.is_ascii_digit())
}

/// `Mẫu số 14a, 14b, 14c, 14d, ‹14đ›`: a number with one letter glued to it, after the same number
/// with another letter in a list, is a label lettered as the alphabet goes, not an amount in `đ`.
fn lettered_label(p: &Production<'_>) -> bool {
    let (Some((ns, ne)), Some((us, ue))) = (p.span("number"), p.span("unit")) else { return false };
    if us != ne || p.text[us..ue].chars().count() != 1 {
        return false;
    }
    let digits = &p.text[ns..ne];
    let before = p.text[..ns].trim_end();
    let Some(item) = before.strip_suffix(',').or_else(|| before.strip_suffix(" và")).map(str::trim_end) else {
        return false;
    };
    let mut letters = item.chars();
    letters.next_back().is_some_and(char::is_lowercase)
        && letters.as_str().strip_suffix(digits).is_some_and(|b| !b.ends_with(|c: char| c.is_ascii_digit()))
}

/// Capitals glued to the digits make a code (`27/2018QĐ`, `0123456789DNA03`), not a count of an
/// acronym (`78 CNVCLĐ`) — save a unit or an acronym the nouns list (`170HTX/tỉnh`, `2.0L`), unless
/// a dash and digits go on from it (a number plate, `63L-7139`).
fn glued_code(p: &Production<'_>) -> bool {
    let Some((us, ue)) = p.span("unit") else { return false };
    let unit = &p.text[us..];
    let listed = |u: &str| {
        let head = u.split('/').next().unwrap_or(u);
        p.rules.lexicon("units").contains_ci(u)
            || p.rules.lexicon("units_as_written").contains(u)
            || p.rules.lexicon("nouns").contains(head)
    };
    let plate = p.text[ue..].strip_prefix('-').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    p.text[..us].ends_with(|c: char| c.is_ascii_digit())
        && unit.starts_with(|c: char| c.is_uppercase())
        && p.group("unit").is_some_and(|u| plate || !listed(u))
}

/// The subject of a share, and where the record ends when the words after it are none: a listed
/// noun or an acronym is one; other lower-case words (up to four) are one unless they say the share
/// is of nothing named (`tăng 12% so với`, `10% trong năm`, `5% áp dụng`: the words of
/// `not_counted`), and they end before the first such word (`miễn 100% phí ‹theo›`, `30% nền kinh
/// tế ‹của›`).
fn free_subject<'t>(p: &Production<'t>) -> (Option<&'t str>, Option<usize>) {
    let subject = p.group("subject");
    let (Some((ss, _)), Some((ns, ne))) = (p.span("subject"), p.span("noun")) else { return (subject, None) };
    // (`60% ‹tổng thu›`: the words before the noun make a listed noun with it.)
    if subject.is_some_and(|s| p.rules.lexicon("nouns").contains_ci(s)) {
        return (subject, None);
    }
    // Where the share ends: before the space, or the bold mark, ahead of the subject.
    let share_end = p.text[..ss].trim_end_matches([' ', '*']).len();
    let stops = p.rules.lexicon("not_counted");
    let noun = &p.text[ns..ne];
    let words: Vec<&str> = noun.split(' ').collect();
    let first_two = noun.match_indices(' ').nth(1).map_or(noun, |(i, _)| &noun[..i]);
    if stop_first(stops, &words) || stops.contains_ci(first_two) || vi_number::is_number_word(words[0]) {
        // The record ends with the share.
        return (None, Some(share_end));
    }
    let mut end = ns;
    for (i, word) in words.iter().enumerate() {
        if i > 0 && stop_word(stops, word) {
            break;
        }
        end += usize::from(i > 0) + word.len();
    }
    // Words right before a number label it (`1,9% giai đoạn 1955–1976`, `đứng thứ 2`): no subject
    // to trust, and the record stays clear of the span that rules the number out.
    if p.text[end..].strip_prefix(' ').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())) {
        return (None, Some(share_end));
    }
    if end < ne {
        return (Some(&p.text[ss..end]), Some(end));
    }
    (subject, None)
}

pub fn build_percentage(p: &Production<'_>) -> Option<Candidate> {
    if split_number(p) {
        return None;
    }
    let (mut value, value_max) = range(p)?;
    // `(-0,24%)`: a minus glued to the share.
    let minus = p.span("number").and_then(|(ns, _)| minus_before(p.text, ns));
    if minus.is_some() {
        value = value.negated();
    }
    let (subject, subject_cut) = match free_subject(p) {
        (None, cut) => row_label(p, cut.unwrap_or(p.m.end)).map_or((None, cut), |(l, end)| (Some(l), Some(end))),
        found => found,
    };
    let subject = subject.map(fold_value);
    let mut qualifier = qualifier(p);
    let further = qualifier_further(p.text, subject_cut.unwrap_or(p.m.end));
    if let Some((q, _)) = further {
        qualifier = Some(q.to_string());
    }
    let mut c = p.candidate(
        Kind::Percentage,
        vec![Value::Num(value), value_max.map_or(Value::Null, Value::Num), Value::opt(qualifier), Value::opt(subject)],
    );
    if let Some(end) = subject_cut {
        c.end = end;
    }
    if let Some((_, end)) = further {
        c.end = end;
    }
    if not_a_qualifier(p)
        && let Some((number_start, _)) = p.span("number")
    {
        c.start = number_start;
    }
    if let Some(start) = minus {
        c.start = c.start.min(start);
    }
    Some(c)
}

/// `88/146 (60%) ‹Tỷ lệ giao bóng 1› 97/146 (66%)`, `47% ‹Thời gian kiểm soát bóng› 53%`: a match's
/// statistics flattened from a table, each row a share, its label, the other side's share. The
/// label after a share (after its closing bracket) is what the share is of, when it opens with a
/// capital, runs one to six words (digits among them, no `và` and no punctuation) and the next
/// row's figure follows it: a share, or a fraction and its share in brackets; and a figure stands
/// before the share (its fraction, or the row above's last figure or share): in `Trung Quốc 33.1%
/// Hàn Quốc 16.9%` each label stands before its own share. Gives the label and where it ends.
fn row_label<'t>(p: &Production<'t>, end: usize) -> Option<(&'t str, usize)> {
    static ROW: once_cell::sync::Lazy<regex::Regex> = once_cell::sync::Lazy::new(|| {
        regex::Regex::new(
            r"^\)? (\p{Lu}\p{L}*(?: (?:\p{L}+|[0-9]+)){0,5}) (?:[0-9]+/[0-9]+ \([0-9]+(?:[.,][0-9]+)?%\)|[0-9]+(?:[.,][0-9]+)?%)",
        )
        .expect("a row's pattern")
    });
    let text = p.text;
    let (ns, _) = p.span("number")?;
    if !text[..ns].trim_end_matches([' ', '(']).ends_with(|c: char| c.is_ascii_digit() || c == '%') {
        return None;
    }
    let c = ROW.captures(&text[end..])?;
    let label = c.get(1)?;
    (!label.as_str().split(' ').any(|w| w == "và")).then(|| (label.as_str(), end + label.end()))
}

/// Where a minus sign glued to the number at `start` begins (`(-0,24%)`, `| −1,5% |`): after a bracket
/// or a space, not after digits (`4,5-5%`, a range) nor at a line's start (a dash of a list).
fn minus_before(text: &str, start: usize) -> Option<usize> {
    let before = &text[..start];
    let sign = before.chars().next_back().filter(|c| matches!(c, '-' | '−'))?;
    let at = start - sign.len_utf8();
    text[..at].ends_with(['(', ' ', '\t', '[']).then_some(at)
}

/// Whether the number is the tail of one a stray space split (`12. 633,596 triệu đồng`: after digits and
/// a thousands point, three digits): its value is not known, and its tail alone would be wrong.
fn split_number(p: &Production<'_>) -> bool {
    let Some((start, _)) = p.span("number") else { return false };
    let before = p.text.as_bytes()[..start].strip_suffix(b" ");
    // (After a comma, a list goes on: `Đến ngày 30/6, 100% công đoàn cơ sở`.)
    let after_separator = before.and_then(|b| b.strip_suffix(b"."));
    let three_digits = p.text.as_bytes()[start..].iter().take_while(|b| b.is_ascii_digit()).count() == 3;
    three_digits && after_separator.is_some_and(|b| b.last().is_some_and(u8::is_ascii_digit))
}

/// A number spelled out in words is taken only when it cannot be an ordinary word: it opens with a
/// digit word or `mười` and holds a tens or magnitude word (`hai mươi người`, `một triệu lượt`), or it
/// counts money or a measure (`mười đồng`). `năm người` (five? a year?), `một số`, `ba mươi năm`
/// (years) and the vague `hàng chục tỷ` are not values.
fn plausible_spelled_number(number: &str, measured: bool, tens: &crate::rules::lexicon::Lexicon) -> bool {
    if number.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    let words: Vec<String> = number.split_whitespace().map(crate::normalize::lower).collect();
    let Some(first) = words.first() else { return false };
    if vi_number::digit_word(first).is_none() && first != "mười" && first != "nửa" {
        return false;
    }
    // Five after tens or a magnitude is written `lăm`: a last `năm` is years (`ba mươi năm kháng chiến`,
    // `một nghìn năm đô hộ`), and what follows counts nothing.
    if words.len() > 1 && words.last().is_some_and(|w| w == "năm") {
        return false;
    }
    measured || words.iter().any(|w| tens.contains(w) || vi_number::magnitude(w).is_some())
}

/// `ba (03) người phụ thuộc`, `Có đủ ba (03) bài thi`: a number spelled out in words, then in digits
/// in brackets, as legal texts write counts, is a value whatever its words: the digits say it.
/// `digits`: those in brackets after the number ([`digits_in_brackets`]).
fn said_in_digits(p: &Production<'_>, digits: Option<&str>) -> bool {
    let (Some(number), Some(digits)) = (p.group("number"), digits) else { return false };
    vi_number::parse(digits).is_some_and(|d| vi_number::parse(&spaced(number)) == Some(d))
}

/// The digits in brackets right after the number (`ba (03)`), if any.
fn digits_in_brackets<'t>(p: &Production<'t>) -> Option<&'t str> {
    let (_, ne) = p.span("number")?;
    let inside = p.text[ne..].trim_start_matches(' ').strip_prefix('(')?;
    let digits = &inside[..inside.find(|c: char| !c.is_ascii_digit()).unwrap_or(inside.len())];
    (!digits.is_empty() && inside[digits.len()..].starts_with(')')).then_some(digits)
}

/// The value and, for a range, its upper end. A magnitude written once applies to both ends
/// (`3-5 triệu` is three to five million); a range that does not rise (`4-3`, a score) is none.
fn range(p: &Production<'_>) -> Option<(Decimal, Option<Decimal>)> {
    let number = spaced(p.group("number")?);
    let number = number.as_str();
    let Some(max_text) = p.group("number_max") else {
        return Some((vi_number::parse(number)?, None));
    };
    let max_text = spaced(max_text);
    let max_text = max_text.as_str();

    let max = vi_number::parse(max_text)?;
    let own: Vec<&str> = number.split_whitespace().collect();
    let max_words: Vec<&str> = max_text.split_whitespace().collect();
    let shared: Vec<&str> = max_words.iter().rev().take_while(|w| vi_number::magnitude(w).is_some()).copied().collect();
    let value = if own.iter().any(|w| vi_number::magnitude(w).is_some()) {
        vi_number::parse(number)?
    } else if shared.is_empty() {
        thousands_said_once(number, max_text).or_else(|| vi_number::parse(number))?
    } else {
        let mut words = own.clone();
        words.extend(shared.iter().rev());
        let scaled = vi_number::parse_tokens(&words)?;
        // `từ 500.000 đến 1 triệu đồng`: a first bound written out in full takes no magnitude of the
        // second's, when with it the range would run backwards.
        // (In full: grouped by thousands, `500.000`; `1794` may be a year.)
        let grouped = grouped_in_thousands(number.trim());
        match vi_number::parse(number) {
            Some(whole) if grouped && scaled >= max && whole < max => whole,
            _ => scaled,
        }
    };
    if max <= value {
        return None;
    }
    Some((value, Some(max)))
}

/// Whether `unit` counts whole people or things: it opens with a counting word (`người`, `căn hộ`,
/// list `classifiers`) or is a listed noun (`việc làm`), and is no rate nor opens with a measure
/// (`265,165 km đường biên giới`). A noun no list names counts whole things when its `number` ends
/// in hundreds (`27,000 cặp đôi`, `2,300 vũ khí`: a decimal is not written with zeros after it).
/// Times counted multiply, and are no whole things (`hệ số bồi thường từ 3,130 - 12,716 lần`).
fn counts_whole_things(rules: &crate::rules::RuleSet, unit: &str, number: &str) -> bool {
    let first = unit.split(' ').next().unwrap_or_default();
    !unit.contains('/')
        && !first.eq_ignore_ascii_case("lần")
        && !rules.lexicon("units").contains_ci(first)
        && (rules.lexicon("classifiers").contains_ci(first)
            || rules.lexicon("nouns").contains_ci(unit)
            || number.trim_end().ends_with("00"))
}

/// Whether `unit` is money (list `currencies`, or a currency written before the amount: `$40,000`)
/// counted in whole amounts: `đồng` always, a rate of it too (`357,000 đồng/kg`); another currency
/// unless the amount is a rate of exchange (`6,882 nhân dân tệ đổi 1 USD`, `1 EUR = 1,123 USD`) or
/// a price per unit of a commodity (`16,627 USD/ounce`), whose decimals run to three or four digits.
fn money(p: &Production<'_>, unit: &str, before: bool) -> bool {
    if !before {
        let (head, per) = unit.split_once('/').map_or((unit, false), |(h, _)| (h, true));
        match p.rules.lexicon("units").canonical_ci(head) {
            Some("đồng") => return true,
            Some(code) if !per && p.rules.lexicon("currencies").contains(code) => {}
            _ => return false,
        }
    }
    let Some((ns, _)) = p.span("number") else { return false };
    let ahead = p.text[p.m.end..].trim_start();
    let behind = p.text[..ns].trim_end();
    !(ahead.starts_with("đổi") || ahead.starts_with('=') || behind.ends_with("đổi") || behind.ends_with('='))
}

/// `185,000`, `1,250,000`: digits grouped by commas in threes (a first group of one to three, not
/// opening with 0: `0,817` is a decimal), read as a whole number; `None` for any other number.
fn thousands_by_commas(number: &str) -> Option<Decimal> {
    let number = number.trim_end();
    if !grouped_by(number, ',') || number.starts_with('0') {
        return None;
    }
    Decimal::parse_plain(&number.replace(',', ""))
}

/// `20 – 30.000 đồng`, `200-600.000 đồng/kg`: a first end in bare digits below the thousands of a
/// second written as one group of thousands and three zeros is in thousands too, said once for both:
/// 20 000 to 30 000. A first end at or above them is as written (`300 - 2.000 đồng/lít`, `800 – 1.000
/// đồng/quả`); one under ten may be either (`Giai đoạn 2 đến 10.000 căn hộ`), and is left to
/// [`thousands_range`].
fn thousands_said_once(number: &str, max_text: &str) -> Option<Decimal> {
    let (thousands, zeros) = max_text.trim().split_once('.')?;
    let bare = |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let low = number.trim();
    if !(bare(low) && bare(thousands) && zeros == "000") {
        return None;
    }
    let (low, thousands) = (low.parse::<i128>().ok()?, thousands.parse::<i128>().ok()?);
    (10 <= low && low < thousands).then(|| Decimal::from_int(low * 1000))
}

/// `17.000 đồng ‹một lít›`, `22.377 đồng ‹một USD›`: `một` right after a unit is `per`; what follows
/// names what the amount is for, and counts nothing.
fn per_unit(p: &Production<'_>) -> bool {
    let Some((ns, _)) = p.span("number") else { return false };
    let number = &p.text[ns..];
    if !(number.starts_with("một ") || number.starts_with("Một ")) {
        return false;
    }
    // The unit before it, its words after a digit or a space (`17.000đ`, `17.000 đồng`, `2 đô la`).
    let before = p.text[..ns].trim_end_matches(' ');
    let units = p.rules.lexicon("units");
    before
        .char_indices()
        .rev()
        .take(16)
        .any(|(i, c)| (c == ' ' || c.is_ascii_digit()) && units.contains_ci(&before[i + c.len_utf8()..]))
}

/// `2,5tỷ` → `2,5 tỷ`: a magnitude written against the digits is still a word of the number.
fn spaced(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let mut prev_digit = false;
    for c in s.chars() {
        if prev_digit && c.is_alphabetic() && !matches!(c, 'k' | 'K' | 'M' | 'G') {
            out.push(' ');
        }
        prev_digit = c.is_ascii_digit();
        out.push(c);
    }
    out
}

fn qualifier(p: &Production<'_>) -> Option<String> {
    qualifier_said(p, true)
}

/// [`qualifier`], with `trở lên`/`trở xuống` after the unit only when `after` (the first count of a
/// would-be range has none of its own: it belongs to the second).
fn qualifier_said(p: &Production<'_>, after: bool) -> Option<String> {
    let after = || p.group("qualifier_after").filter(|_| after);
    let q = if not_a_qualifier(p) {
        after()?
    } else {
        p.group("qualifier").or_else(|| p.group("approx")).or_else(after)?
    };
    let q = crate::normalize::lower(&fold_value(q));
    Some(p.rules.lexicon("qualifiers").key_ci(&q).map_or(q.clone(), str::to_string))
}

/// Whether the words before the number that read as a qualifier are none: the record then begins
/// with its number, without them.
///
/// `hàng` before digits is the noun of the words it ends (`vay ngân hàng 15 tỷ đồng`, `khách hàng`,
/// `chở hàng 470 kg`, `lô hàng 150 khẩu súng`), not the rough `hàng` of `hàng trăm`, `hàng chục
/// nghìn`, which goes with a number in words. A qualifier's first word that ends a word with the
/// syllable before it is that word's (list `not_qualifiers`: `đình chỉ 2 cô giáo`, `dựa trên 5 tiêu
/// chí`); so is one syllable before a colon.
fn not_a_qualifier(p: &Production<'_>) -> bool {
    let Some((qs, qe)) = p.span("qualifier") else { return false };
    let q = &p.text[qs..qe];
    let digits = p.group("number").is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
    if digits && crate::normalize::lower(q) == "hàng" {
        return true;
    }
    // Before a colon, a word of one syllable is more often a label's last (`Thịt ba chỉ: 4 lạng`,
    // `sưu tầm: 5.000.000 đồng`) than a qualifier; `khoảng` and those of two words are qualifiers
    // there too (`tối thiểu: 50 tỷ đồng`, `khoảng: 22.790 - 22.810`).
    if p.text[qe..].starts_with(':') && !q.contains(' ') && crate::normalize::lower(q) != "khoảng" {
        return true;
    }
    let Some(before) = p.text[..qs].strip_suffix(' ') else { return false };
    let syllable = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or_default();
    let first = q.split(' ').next().unwrap_or_default();
    !syllable.is_empty() && p.rules.lexicon("not_qualifiers").contains_ci(&format!("{syllable} {first}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{KindSet, Options, extract};
    use crate::rules::RuleSet;
    use std::sync::Arc;

    /// The statistics of `text` read as article body: (text, unit) each.
    fn statistics(text: &str) -> Vec<(String, String)> {
        let rules = RuleSet::builtin().expect("built-in rules");
        let opts = Options { kinds: KindSet::only(&[Kind::Statistic]), all_zones: true, whole_body: true };
        let source: Arc<str> = Arc::from("test");
        let records = extract(&rules, &opts, &source, text.as_bytes()).expect("text").records;
        records
            .iter()
            .filter(|r| r.kind == Kind::Statistic)
            .map(|r| (r.text.clone(), r.field_str("unit").unwrap_or("").to_string()))
            .collect()
    }

    /// `text` gives one statistic, `want` with the unit `unit`.
    fn one(text: &str, want: &str, unit: &str) {
        assert_eq!(statistics(text), vec![(want.to_string(), unit.to_string())], "{text}");
    }

    #[test]
    fn a_range_that_names_an_unlisted_noun_at_both_ends_is_one() {
        one("Ảnh có số lượng từ 100 ảnh đến dưới 200 ảnh;", "từ 100 ảnh đến dưới 200 ảnh", "ảnh");
        one(
            "Dữ liệu có dung lượng từ 01 gigabyte (GB) đến dưới 05 gigabyte (GB);",
            "từ 01 gigabyte (GB) đến dưới 05 gigabyte",
            "gigabyte",
        );
        // Without `từ` the first is where something goes from; other nouns, or a fall, are two counts.
        let two = |text: &str, a: &str, b: &str| {
            let got: Vec<String> = statistics(text).into_iter().map(|(t, _)| t).collect();
            assert_eq!(got, vec![a.to_string(), b.to_string()], "{text}");
        };
        two("Xe chở 100 ảnh đến 200 ảnh.", "100 ảnh", "200 ảnh");
        two("Từ 100 ảnh đến 200 bức tranh.", "Từ 100 ảnh", "200 bức tranh");
        two("Số ảnh giảm từ 500 ảnh xuống 200 ảnh.", "từ 500 ảnh", "200 ảnh");
        two("Từ 500 ảnh đến 200 ảnh.", "Từ 500 ảnh", "200 ảnh");
        two("Giá mua bán: 22.550 đồng/USD - 22.630 đồng/USD.", "22.550 đồng/USD", "22.630 đồng/USD");
        one("chỉ đạt từ 6 tấn/ha - 7 tấn/ha, giảm", "từ 6 tấn/ha - 7 tấn/ha", "tấn/ha");
        // The second end may name the first's unit more fully; not another unit that begins alike.
        one("đường nhựa quy mô từ 2 làn xe tới 4 làn xe ôtô.", "từ 2 làn xe tới 4 làn xe ôtô", "làn xe");
        // A rate at one end, its unit at the other; a first end above a bound opens the range too.
        one(
            "hộ kinh doanh có doanh thu trên 500 triệu đồng/năm đến 3 tỷ đồng.",
            "trên 500 triệu đồng/năm đến 3 tỷ đồng",
            "đồng/năm",
        );
        two("Có trên 500 người đến 20 bệnh viện.", "trên 500 người", "20 bệnh viện");
        two("Từ 22.550 đồng/USD đến 22.630 đồng/kg.", "Từ 22.550 đồng/USD", "22.630 đồng/kg");
        two("Từ 100 ảnh đến 200 ảnhxx.", "Từ 100 ảnh", "200 ảnhxx");
    }

    #[test]
    fn the_head_of_a_list_of_numbers() {
        assert_eq!(list_head("tại tổ 42, "), "tại tổ ");
        assert_eq!(list_head("tại 34, 36, "), "tại ");
        assert_eq!(list_head("tổ 42, tổ "), "tổ 42, tổ ", "no list: the label is right there");
        assert_eq!(list_head("Ngày 30/6, "), "Ngày 30/6, ", "a date is no number of a list");
        assert_eq!(list_head("gồm 17 tỉnh, "), "gồm 17 tỉnh, ");
        assert_eq!(list_head("các Điều 21, 22 và "), "các Điều ", "và joins the last number");
        assert_eq!(list_head("tiểu đoàn 436 và 274, "), "tiểu đoàn 436 và ", "và ends an earlier list");
    }

    #[test]
    fn words_that_count_nothing_alone() {
        let rules = RuleSet::builtin().expect("built-in rules");
        let stops = rules.lexicon("not_counted");
        assert!(stop_first(stops, &["hiện"]));
        assert!(stop_first(stops, &["hiện", "vẫn"]), "before a word of the list");
        assert!(!stop_first(stops, &["hiện", "vật"]), "the noun it begins counts");
        assert!(stop_first(stops, &["năm", "nay"]), "a word of the list anywhere");
        assert!(!stop_first(stops, &["máy", "tính"]));
        assert!(!stop_word(stops, "tính"), "no end of a noun: `máy tính`");
        assert!(stop_word(stops, "vẫn"));
    }

    #[test]
    fn statistics_that_end_names_dates_and_codes() {
        for text in [
            "Thấy cảnh sát 113 xuất hiện, nam thanh niên bỏ chạy",
            "Galaxy Note 8 hiện vẫn chưa được công bố",
            "Nhà Triệu (179 TCN–111 TCN) cai trị",
            "mở cửa lúc 2100 GMT ngày 8/5",
            "Lyon thắng Nancy 4-0 Tân binh trong kỳ chuyển nhượng",
            "tại kỳ Olympic 2020 tổ chức tại Nhật Bản",
            "thi tốt nghiệp THPT 2025 Chương trình 2018",
            "theo quy định tại các Điều 21, 22 và 23 Nghị định này",
            "Chỉ huy Trung đoàn 31 (Sư đoàn 21 Bộ binh)",
            "vào mùng 7 tết hằng năm",
            "có 7 TCN/tháng",
        ] {
            assert_eq!(statistics(text), vec![], "{text}");
        }
    }

    #[test]
    fn what_a_rate_is_per_counts_nothing_of_its_own() {
        // (A listed base with its number is the unit's: `rate_bases`.)
        one("vượt quá 0,25 miligam/1 lít khí thở", "0,25 miligam/1 lít khí thở", "miligam/1 lít khí thở");
        one("vượt quá 0,25 miligam/1 lít nước", "0,25 miligam", "miligam");
        one("Phí tra cứu: 30.000VNĐ/01 sản phẩm, dịch vụ", "30.000VNĐ", "đồng");
        one("chỉ đạt 16 xe/1000 dân", "đạt 16 xe", "xe");
        // (`42/45 nhiệm vụ`, a part of a whole, is in `years_and_ranges_that_still_count`.)
    }

    #[test]
    fn names_before_a_number() {
        assert!(latin_name("Mazda") && latin_name("Note") && latin_name("Windows") && latin_name("Ligue"));
        assert!(!latin_name("Nam") && !latin_name("Long") && !latin_name("Huế") && !latin_name("Khánh"));
        assert!(!latin_name("TPP"), "an acronym is no name in Latin letters");
        assert!(!latin_name("Đắk"), "not in Latin letters alone");
        let at = |s: &str| s.len() - 1;
        assert_eq!(name_before("chiếc Mazda 3", at("chiếc Mazda 3")), Some("Mazda"));
        assert_eq!(name_before("Xe đẹp. Có 3", at("Xe đẹp. Có 3")), None, "a capital that opens the sentence");
        assert!(compared("hơn Serena Williams 1", 20));
        assert!(!compared("bạn Serena Williams 1", 20));
        for text in [
            "Galaxy Note 7 FE ra mắt",
            "giới thiệu Mazda 3 phiên bản mới",
            "ở tuổi 47 cô vẫn trẻ",
            "Sau 1 thời gian, mật ong kết tinh",
            "trong khoảng thời gian từ 1930-1940 tỉnh ủy được chỉ đạo",
            "Trên chấm 11m, Draxler nâng tỷ số",
            "quy định tại số thứ tự 55 Phụ lục III",
        ] {
            assert_eq!(statistics(text), vec![], "{text}");
        }
        one("Cả 2 HLV đều khen nhau", "2 HLV", "HLV");
    }

    #[test]
    fn a_year_follows_a_day_and_month() {
        assert!(after_day_and_month("Sinh 4 tháng 6, "));
        assert!(after_day_and_month("| Mất | 29 tháng 1, "));
        assert!(after_day_and_month("ngày 19 Tháng 9 "));
        assert!(!after_day_and_month("trong 3 tháng, "), "a duration, then a count");
        assert!(!after_day_and_month("tháng 123 "));
    }

    #[test]
    fn a_label_is_read_with_the_word_before_it() {
        let before = "quy mô dân số";
        assert_eq!(with_word_before(before, before.rfind(' ').unwrap()), "dân số");
        let before = "(Tổng số";
        assert_eq!(with_word_before(before, before.rfind(' ').unwrap()), "Tổng số");
        assert_eq!(with_word_before("số", 0), "số", "no word before");
        let labels = RuleSet::builtin().expect("built-in rules");
        let labels = labels.lexicon("number_labels");
        for compound in ["tổng số", "Dân số", "trong số", "khởi điểm"] {
            assert_eq!(labels.canonical_ci(compound), Some("count"), "{compound}");
        }
        for label in ["biển số", "hạt giống số", "tại điểm"] {
            assert_ne!(labels.canonical_ci(label), Some("count"), "{label}");
        }
    }

    fn lost_power_t(unit: &str, after: &str) -> Option<char> {
        let rules = RuleSet::builtin().expect("built-in rules");
        lost_power(unit, after, rules.lexicon("units"))
    }

    #[test]
    fn a_lost_superscript_after_a_unit_of_length() {
        assert_eq!(lost_power_t("m", " 2 tại ấp"), Some('2'));
        assert_eq!(lost_power_t("km", " 3)"), Some('3'));
        assert_eq!(lost_power_t("m", " 2"), Some('2'));
        assert_eq!(lost_power_t("m", " 25 tại"), None, "another number");
        assert_eq!(lost_power_t("m", " 2.500 đồng"), None);
        assert_eq!(lost_power_t("m", " 2 người"), Some('2'));
        assert_eq!(lost_power_t("kg", " 2 tại"), None, "no length");
        assert_eq!(lost_power_t("m", "2 tại"), None);
        assert_eq!(lost_power_t("km", " 2của huyện"), Some('2'), "a soft wrap joined without its space");
        assert_eq!(lost_power_t("m", " 2m"), None, "a unit glued after");
        assert_eq!(lost_power_t("m", " 2/người"), Some('2'), "what the square is per");
        assert_eq!(lost_power_t("m", " 2/3 số"), None, "a fraction");
    }

    #[test]
    fn trailing_qualifiers_a_few_words_on() {
        let t = "có từ 3 người phụ thuộc trở lên trong hộ";
        let end = t.find(" phụ").unwrap();
        assert_eq!(qualifier_further(t, end), Some(("trở lên", t.find(" trong").unwrap())));
        let after = |t: &str| qualifier_further(t, "5 người".len());
        assert_eq!(after("5 người trở xuống"), Some(("trở xuống", "5 người trở xuống".len())));
        assert_eq!(after("5 người, từ 10 tuổi trở lên"), None, "a comma ends the count");
        assert_eq!(after("5 người từ 10 tuổi trở lên"), None, "a number ends it");
        assert_eq!(after("5 người a b c d e trở lên"), None, "too far");
        assert_eq!(after("5 người trở lênh"), None);
    }

    #[test]
    fn a_spelled_number_ending_in_nam_is_years() {
        let rules = crate::rules::RuleSet::builtin().expect("built-in rules");
        let tens = rules.lexicon("tens");
        assert!(!plausible_spelled_number("ba mươi năm", false, tens));
        assert!(!plausible_spelled_number("một nghìn năm", true, tens));
        assert!(plausible_spelled_number("ba mươi lăm", false, tens));
        assert!(plausible_spelled_number("hai mươi", false, tens));
    }

    #[test]
    fn labels_name_what_follows_whatever_list_names_it() {
        for text in [
            "Tham mưu trưởng Sư đoàn 25 Bộ binh",
            "về Vùng 2 chiến thuật",
            "sử dụng đất tại tổ 42, tổ 52 phường Minh Tân",
            "hạt giống số 4 người Pháp thắng",
            "tại 34, 36, 42 đường Chu Mạnh Trinh",
            "| Sinh | 19 tháng 9, 1970 xã Hòa Hậu |",
            "tại điểm 1 tiểu mục 2.5 mục\n2 Bản mô tả",
            "sau một nghìn năm đô hộ",
            "bổ nhiệm Đỗ Mười giữ chức",
            "là một tỷ lệ khá lý tưởng",
            "cả hai đồng loạt chặn số",
            "chín mươi phần trăm số người",
        ] {
            assert_eq!(statistics(text), vec![], "{text}");
        }
    }

    #[test]
    fn quantities_that_look_like_labels_still_count() {
        one("quy mô dân số 109.993 người", "109.993 người", "người");
        one("là một trong số 29 thành viên", "29 thành viên", "thành viên");
        one("trong đó mỗi lô 60 chiếc xe", "60 chiếc xe", "chiếc xe");
        one("căn phòng 12m2", "12m2", "m2");
        one("tổng số 25 tiêu chí", "25 tiêu chí", "tiêu chí");
        one("có 27 đô thị lớn", "27 đô thị", "đô thị");
        one("ít nhất 01 trong 02 tiêu chí sau", "ít nhất 01 trong 02 tiêu chí", "tiêu chí");
        one("đánh thắng Covid 19 trong 3 trận đầu", "3 trận", "trận");
        one("TOP 301–500 trong 786 cơ sở giáo dục", "786 cơ sở", "cơ sở");
        // A year before a listed noun may count; after a day and month it is a year.
        one("có 2000 người tham dự", "2000 người", "người");
        one("trưng bày 5 hiện vật quý", "5 hiện vật", "hiện vật");
        // Organisations are counted too, not taken for the verb.
        one("xử lý hành chính 172 tổ chức", "172 tổ chức", "tổ chức");
        one("thu giữ 20 máy tính xách tay", "20 máy tính", "máy tính");
        one("ngày 31/5 khoảng 80 người chết", "khoảng 80 người", "người");
        // An ordinal's or a period's word that ends a longer word is none (`triệu tập`, `hàng năm`),
        // unless a year follows (`đầu hàng năm 1842`).
        one("HĐXX đã triệu tập 120 tổ chức, cá nhân có liên quan", "120 tổ chức", "tổ chức");
        one("lượng mưa trung bình hàng năm 2.000mm thích hợp", "2.000mm", "mm");
        assert_eq!(statistics("Việc nhà Thanh đầu hàng năm 1842 đánh dấu một tai họa"), vec![]);
        // `từ` glued to the number that opens a range: the range whole, not its end alone.
        one(
            "Phạt tiền từ10.000.000 đồng đến 20.000.000 đồng đối với cá nhân",
            "10.000.000 đồng đến 20.000.000 đồng",
            "đồng",
        );
    }

    #[test]
    fn codes_years_of_names_and_terms_count_nothing() {
        for text in [
            "ISBN 9789623616225 Bộ Tư lệnh Pháo binh",
            "gọi số 0912345678 người nhà",
            "Đáp án đề thi môn Tiếng Anh 2025 tỉnh Lào Cai",
            "Honda Monkey 2017 bản giới hạn",
            "Căn cứ Điều 2 Quyết định 3747/QĐ-UBND 2025 việc tổ chức thực hiện xây dựng cầu",
            "sở hữu không quá 100 năm bao gồm 50 năm sở hữu lần đầu và 50 gia hạn",
            "Nghị quyết Hội nghị Trung ương 6 khóa XII",
            "lương từ 1-2000 USD mỗi tháng",
            "- 05/2010 – 12/2015 Phó Chủ nhiệm Hậu cần",
            "được bình chọn ở vị trí 12/100 phim hay nhất",
            "-VK: (2/20mm) -Phạm vi",
            "Xe BKS 43B - 017.08 dừng đỗ sai quy định",
            "Trạm thu phí K13+250 đường 39B vẫn thu phí",
            "tại Km 710+700 đường sắt Bắc Nam",
            "đến cuối thế kỷ 18 đầu thế kỷ 19 việc buôn bán",
        ] {
            assert_eq!(statistics(text), vec![], "{text}");
        }
        assert!(code_digits("9789623616225"));
        assert!(code_digits("0912345678"));
        assert!(!code_digits("1000000"));
        assert!(!code_digits("1.000.000.000"));
        assert!(code_digits("017.08") && code_digits("001.13"));
        assert!(!code_digits("0.75") && !code_digits("17.08") && !code_digits("010.500"));
        one("xe chở 17.08 tấn.", "17.08 tấn", "tấn");
    }

    #[test]
    fn years_and_ranges_that_still_count() {
        one("Có 2000 người tham dự", "2000 người", "người");
        one("Hà Nội: 2000 người tham dự", "2000 người", "người");
        one("qua 3 khóa học", "3 khóa học", "khóa học");
        one("từ 5-1000 người", "từ 5-1000 người", "người");
        one("hoàn thành 42/45 nhiệm vụ", "42/45 nhiệm vụ", "nhiệm vụ");
        one("tuyển 30 vị trí việc làm", "30 vị trí", "vị trí");
        one("từ 1-1000 người", "từ 1-1000 người", "người");
        one("từ 1-2 nghìn USD", "từ 1-2 nghìn USD", "USD");
    }

    #[test]
    fn what_a_rate_is_per() {
        one("tua máy 8.500 vòng/phút.", "8.500 vòng/phút", "vòng/phút");
        one("hỗ trợ 200.000 đồng/người/tháng", "200.000 đồng/người/tháng", "đồng/người/tháng");
        one("tốc độ 80 km/h và", "80 km/h", "km/h");
        one("có 25 giường bệnh/vạn dân", "25 giường bệnh/vạn dân", "giường bệnh/vạn dân");
        one("bắt 2 vụ/11 đối", "2 vụ", "vụ");
        one("lệ phí 50.000 đ/hồ sơ", "50.000 đ/hồ sơ", "đồng/hồ sơ");
        one("giá 20.000 VNĐ/kg", "20.000 VNĐ/kg", "đồng/kg");
        one("có 3 công ty/doanh nghiệp", "3 công ty", "công ty");
        one("hết 5 km/hành trình", "5 km", "km");
    }

    #[test]
    fn a_listed_word_that_begins_a_title_or_a_noun() {
        one("gồm 14 Bộ trưởng.", "14 Bộ trưởng", "Bộ trưởng");
        one("Chính phủ có 14 Bộ, ngoài ra", "14 Bộ", "Bộ");
        one("thành lập 01 tổ chức được giao", "01 tổ chức", "tổ chức");
    }

    #[test]
    fn digits_grouped_in_thousands() {
        for n in ["1.700", "12.000.000", "999.000"] {
            assert!(grouped_in_thousands(n), "{n}");
        }
        for n in ["1700", "1.5", "1.70", "1234.567", "2.3.1", ".700", "1.700,5"] {
            assert!(!grouped_in_thousands(n), "{n}");
        }
    }

    #[test]
    fn digits_grouped_by_commas_read_whole() {
        for (n, want) in [("185,000 ", 185000), ("1,250,000", 1250000), ("7,488", 7488)] {
            assert_eq!(thousands_by_commas(n), Some(Decimal::from_int(want)), "{n}");
        }
        for n in ["0,817", "12,5", "1,2345", "1234,567", "185.000", "1,700.5"] {
            assert_eq!(thousands_by_commas(n), None, "{n}");
        }
    }

    #[test]
    fn carats_and_resolutions_are_no_thousands() {
        assert_eq!(statistics("chiếc nhẫn vàng 24k trọng lượng"), vec![]);
        assert_eq!(statistics("là Vàng hồng 18k giá"), vec![]);
        assert_eq!(statistics("quay phim 4K thời gian dài"), vec![]);
        one("đạt 30K like", "đạt 30K like", "like");
        one("nhận được 160k lượt", "160k lượt", "lượt");
        one("mua vàng 24 triệu đồng", "24 triệu đồng", "đồng");
    }

    #[test]
    fn litres_as_engines_sizes_are_written() {
        one("động cơ 2.7L i4 DOHC", "2.7L", "L");
        one("tiêu thụ khoảng 5,8L nhiên liệu", "khoảng 5,8L", "L");
        one("mô-men xoắn 370Nm", "370Nm", "Nm");
        assert_eq!(statistics("thép 316L không gỉ, 2L nước"), vec![]);
        assert_eq!(statistics("xe BKS 63L-7139 và 29A-123.45"), vec![]);
    }

    #[test]
    fn a_unit_glued_to_the_next_word() {
        one("phạt đến 200.000.000 đồngđối với hành vi", "200.000.000 đồng", "đồng");
        one("chở 12 tấnhàng", "12 tấn", "tấn");
        // Not a unit and a syllable: a unit in ASCII letters (`euro‹pe›`), a rest opening with a
        // vowel or no syllable (`đồng‹s›`), one syllable (`tạ‹ng›`).
        let units = RuleSet::builtin().expect("built-in rules");
        let units = units.lexicon("units");
        assert_eq!(glued_unit(units, "đồngđối"), Some("đồng".len()));
        assert_eq!(glued_unit(units, "europe"), None);
        assert_eq!(glued_unit(units, "đồngấy"), None);
        assert_eq!(glued_unit(units, "đồngs"), None);
        assert_eq!(glued_unit(units, "đồng"), None);
        assert_eq!(glued_unit(units, "tạng"), None);
    }

    #[test]
    fn a_number_in_words_spelled_out_with_a_comma() {
        let t = "Bằng chữ: Tám nghìn chín trăm bốn mươi chín tỷ, bốn trăm bảy mươi chín triệu đồng";
        let ns = t.find("bốn trăm").unwrap();
        let Spelled::Head(start, value) = spelled_head(t, ns, t.find(" đồng").unwrap()) else { panic!() };
        assert_eq!(&t[start..ns], "Tám nghìn chín trăm bốn mươi chín tỷ, ");
        assert_eq!(value.to_string(), "8949479000000");
        let t = "(Sáu nghìn, chín trăm tám mươi chín tỷ đồng)";
        let head = spelled_head(t, t.find("chín trăm").unwrap(), t.find(" đồng").unwrap());
        assert!(matches!(head, Spelled::Head(1, ref v) if v.to_string() == "6989000000000"), "{head:?}");
        let t = "(Một nghìn năm trăm sáu mươi lăm tỷ, hai trăm sáu mươi bốn triệu, tám trăm bảy mươi chín nghìn đồng.)";
        let head = spelled_head(t, t.find("tám trăm").unwrap(), t.find(" đồng").unwrap());
        assert!(matches!(head, Spelled::Head(1, ref v) if v.to_string() == "1565264879000"), "{head:?}");
        let list = "hai mươi triệu, ba mươi triệu đồng";
        assert_eq!(spelled_head(list, list.find("ba").unwrap(), list.find(" đồng").unwrap()), Spelled::Alone, "a list");
        let digits = "3 tỷ, 450 triệu đồng";
        assert_eq!(spelled_head(digits, 7, digits.find(" đồng").unwrap()), Spelled::Alone);
        // `không trăm` goes on a number and begins none: the match begins after it.
        let t = "(sáu mươi mốt nghìn, không trăm năm mươi sáu tỷ đồng)";
        let head = spelled_head(t, t.find("năm mươi").unwrap(), t.find(" đồng").unwrap());
        assert!(matches!(head, Spelled::Head(1, ref v) if v.to_string() == "61056000000000"), "{head:?}");
        let t = "một triệu, tám trăm linh chín nghìn, không trăm năm mươi sáu tỷ đồng";
        let head = spelled_head(t, t.find("năm mươi").unwrap(), t.find(" đồng").unwrap());
        assert!(matches!(head, Spelled::Head(0, ref v) if v.to_string() == "1809056000000000"), "{head:?}");
        let t = "mức hai, không trăm năm mươi sáu tỷ đồng";
        assert_eq!(spelled_head(t, t.find("năm mươi").unwrap(), t.find(" đồng").unwrap()), Spelled::Cut, "no head");
    }

    #[test]
    fn a_minus_glued_to_a_share() {
        assert_eq!(minus_before("giảm (-0,24%)", "giảm (-".len()), Some("giảm (".len()));
        assert_eq!(minus_before("| −1,5% |", "| −".len()), Some(2));
        assert_eq!(minus_before("tăng 4,5-5%", "tăng 4,5-".len()), None, "a range");
        assert_eq!(minus_before("-5% số hộ", 1), None, "a dash of a list");
    }
}
