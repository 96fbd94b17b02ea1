//! Vietnamese numbers: digits (`12.000`, `0,75`, `1,2M`), words (`ba mươi ba`, `hai trăm nghìn`) and
//! both mixed (`5 nghìn`, `3,5 tỷ`, `âm 1.200.000`, `hai phẩy 23`).
//!
//! In Vietnamese digits `.` groups thousands and `,` is the decimal mark. A dot that does not group
//! exactly three digits (`4.0`, `1.5`) is not a Vietnamese number and is refused rather than guessed.

use crate::decimal::Decimal;

/// Parses a whole number expression; `None` when `text` is not exactly one number.
pub fn parse(text: &str) -> Option<Decimal> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    parse_tokens(&tokens)
}

/// Parses a number already split into words.
pub fn parse_tokens(tokens: &[&str]) -> Option<Decimal> {
    let (neg, tokens) = match tokens {
        [first, rest @ ..] if first.eq_ignore_ascii_case("âm") || *first == "-" || *first == "–" => (true, rest),
        [first, rest @ ..] if first.len() > 1 && (first.starts_with('-') || first.starts_with('−')) => {
            let stripped = first.trim_start_matches(['-', '−']);
            let mut v = Vec::with_capacity(rest.len() + 1);
            v.push(stripped);
            v.extend_from_slice(rest);
            return parse_unsigned(&v).map(Decimal::negated);
        }
        _ => (false, tokens),
    };
    let v = parse_unsigned(tokens)?;
    Some(if neg { v.negated() } else { v })
}

fn parse_unsigned(tokens: &[&str]) -> Option<Decimal> {
    if tokens.is_empty() {
        return None;
    }
    // A spoken decimal mark: `hai phẩy 23`, `2 chấm 23`, `một chấm ba`.
    if let Some(k) = tokens.iter().position(|t| is_decimal_word(t)) {
        let int = parse_unsigned(&tokens[..k])?;
        let (frac_tokens, mags) = split_trailing_magnitudes(&tokens[k + 1..]);
        let frac = fraction_digits(frac_tokens)?;
        let v = int.checked_add(Decimal::from_parts("0", &frac)?)?;
        return apply_magnitudes(v, mags);
    }
    if let Some(first) = parse_digits(tokens[0]) {
        // Digits may only be followed by magnitude words: `5 nghìn`, `3,5 tỷ`, `1 nghìn tỷ`; or by
        // further groups of smaller magnitude: `3 tỷ 450 triệu`.
        let mags = tokens[1..].iter().take_while(|t| magnitude(t).is_some()).count();
        let head = apply_magnitudes(first, &tokens[1..1 + mags])?;
        let rest = &tokens[1 + mags..];
        if rest.is_empty() {
            return Some(head);
        }
        let head_mag: u32 = tokens[1..1 + mags].iter().filter_map(|t| magnitude(t)).sum();
        let tail = parse_unsigned(rest)?;
        let tail_mag: u32 = rest.iter().filter_map(|t| magnitude(t)).sum();
        // The rest must be a smaller group: `3 tỷ 450 triệu`, not `3 triệu 450 tỷ` or `12 34`.
        if mags == 0 || tail_mag >= head_mag || tail >= Decimal::from_int(1).mul_pow10(head_mag)? {
            return None;
        }
        return head.checked_add(tail);
    }
    // Half of a magnitude: `nửa triệu`, `nửa tỷ` (alone, `nửa` is no number: `nửa năm`, `một nửa`).
    if crate::normalize::lower(tokens[0]) == "nửa" {
        let mags = &tokens[1..];
        if mags.is_empty() || !mags.iter().all(|t| magnitude(t).is_some()) {
            return None;
        }
        return apply_magnitudes(Decimal::from_parts("0", "5")?, mags);
    }
    parse_words(tokens)
}

fn split_trailing_magnitudes<'a, 'b>(tokens: &'b [&'a str]) -> (&'b [&'a str], &'b [&'a str]) {
    let mut k = tokens.len();
    while k > 0 && magnitude(tokens[k - 1]).is_some() {
        k -= 1;
    }
    tokens.split_at(k)
}

fn apply_magnitudes(mut v: Decimal, mags: &[&str]) -> Option<Decimal> {
    for m in mags {
        v = v.mul_pow10(magnitude(m)?)?;
    }
    Some(v)
}

/// The digits after a spoken decimal mark: a run of digits (`23`) or digit words read one by one
/// (`không năm` → `05`).
fn fraction_digits(tokens: &[&str]) -> Option<String> {
    match tokens {
        [t] if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) => Some(t.to_string()),
        [] => None,
        _ => tokens.iter().map(|t| digit_word(t).map(|d| char::from(b'0' + d as u8))).collect(),
    }
}

fn is_decimal_word(t: &str) -> bool {
    matches!(crate::normalize::lower(t).as_str(), "phẩy" | "chấm")
}

/// A power of ten named by a word or suffix: `nghìn`/`ngàn` 3, `triệu` 6, `tỷ`/`tỉ` 9.
pub fn magnitude(word: &str) -> Option<u32> {
    Some(match crate::normalize::lower(word).as_str() {
        "nghìn" | "ngàn" | "ngìn" => 3,
        "vạn" => 4,
        "triệu" => 6,
        "tỷ" | "tỉ" => 9,
        _ => return None,
    })
}

/// The length in bytes of a space and a magnitude word that open `rest` (` tỷ` of ` tỷ đồng`), if any.
pub fn magnitude_after(rest: &str) -> Option<usize> {
    let words = rest.strip_prefix(' ')?;
    let word = &words[..words.find([' ', '\n']).unwrap_or(words.len())];
    magnitude(word).map(|_| 1 + word.len())
}

/// Parses Vietnamese digit notation: `12.000`, `0,75`, `,77`, `01,10`, `23.800.000`, `100K`, `1,2M`,
/// `,0012G`, and a decimal point where no thousands reading fits (`10.6`, `3.25`). Anything else —
/// English grouping `1,200,000`, `1.2.3` — is `None`.
pub fn parse_digits(tok: &str) -> Option<Decimal> {
    let bytes = tok.as_bytes();
    let (body, pow) = match bytes.last()? {
        b'k' | b'K' => (&tok[..tok.len() - 1], 3),
        b'M' => (&tok[..tok.len() - 1], 6),
        b'G' => (&tok[..tok.len() - 1], 9),
        _ => (tok, 0),
    };
    if body.is_empty() || (pow > 0 && !body.as_bytes()[body.len() - 1].is_ascii_digit()) {
        return None;
    }
    // `10.6`, `3.25`: a point with one or two digits after it cannot group thousands, so it is a
    // decimal point (the English way, which some pages write).
    if let Some((i, f)) = body.split_once('.')
        && (1..=3).contains(&i.len())
        && (1..=2).contains(&f.len())
        && i.bytes().chain(f.bytes()).all(|b| b.is_ascii_digit())
    {
        return Decimal::from_parts(i, f)?.mul_pow10(pow);
    }
    let (int_part, frac) = match body.split_once(',') {
        Some((i, f)) => {
            if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            (i, f)
        }
        None => (body, ""),
    };
    let int_digits = if int_part.is_empty() {
        if frac.is_empty() {
            return None;
        }
        "0".to_string()
    } else {
        grouped_digits(int_part)?
    };
    Decimal::from_parts(&int_digits, frac)?.mul_pow10(pow)
}

/// `12.000.000` → `12000000`; `1200` → `1200`; `12.00` or `1234.567` → `None`.
fn grouped_digits(s: &str) -> Option<String> {
    let mut groups = s.split('.');
    let first = groups.next()?;
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = first.to_string();
    let mut grouped = false;
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        grouped = true;
        out.push_str(g);
    }
    if grouped && first.len() > 3 {
        return None;
    }
    Some(out)
}

/// A digit word: `không` 0, `một`/`mốt` 1, `hai` 2, `ba` 3, `bốn`/`tư` 4, `năm`/`lăm`/`nhăm` 5, `sáu` 6,
/// `bảy`/`bẩy` 7, `tám` 8, `chín` 9.
pub fn digit_word(t: &str) -> Option<u32> {
    Some(match crate::normalize::lower(t).as_str() {
        "không" | "linh" => 0,
        "một" | "mốt" => 1,
        "hai" => 2,
        "ba" => 3,
        "bốn" | "tư" => 4,
        "năm" | "lăm" | "nhăm" => 5,
        "sáu" => 6,
        "bảy" | "bẩy" => 7,
        "tám" => 8,
        "chín" => 9,
        _ => return None,
    })
}

/// Whether `t` is any word a spelled-out number is made of.
pub fn is_number_word(t: &str) -> bool {
    digit_word(t).is_some()
        || magnitude(t).is_some()
        || matches!(crate::normalize::lower(t).as_str(), "mười" | "mươi" | "chục" | "trăm" | "lẻ" | "linh")
}

/// Spelled-out numbers: `ba mươi ba`, `hai mươi mốt nghìn không trăm mười một`, `một nghìn tỷ`.
fn parse_words(tokens: &[&str]) -> Option<Decimal> {
    let mut total = Decimal::ZERO; // finished groups of thousands and up
    let mut group: i128 = 0; // the part below a thousand being read
    let mut digit: Option<i128> = None;
    let mut last_mag: Option<u32> = None;
    let mut seen_any = false;
    for t in tokens {
        let lower = crate::normalize::lower(t);
        seen_any = true;
        match lower.as_str() {
            "mười" => {
                if digit.is_some() {
                    return None;
                }
                group += 10;
            }
            "mươi" => group += digit.take()? * 10,
            "chục" => group += digit.take().unwrap_or(1) * 10,
            "trăm" => group += digit.take().unwrap_or(1) * 100,
            "lẻ" => {}
            "linh" if digit.is_none() => {}
            w => {
                if let Some(m) = magnitude(w) {
                    let x = group + digit.take().unwrap_or(0);
                    let x = Decimal::from_int(x);
                    total = if x.is_zero() {
                        // `nghìn tỷ`: the bigger word scales everything before it.
                        if total.is_zero() { Decimal::from_int(1).mul_pow10(m)? } else { total.mul_pow10(m)? }
                    } else if last_mag.is_some_and(|l| l < m) {
                        total.checked_add(x)?.mul_pow10(m)?
                    } else {
                        total.checked_add(x.mul_pow10(m)?)?
                    };
                    group = 0;
                    last_mag = Some(m);
                } else if let Some(d) = digit_word(w) {
                    if digit.is_some() {
                        return None;
                    }
                    digit = Some(d as i128);
                } else {
                    return None;
                }
            }
        }
    }
    if !seen_any {
        return None;
    }
    total.checked_add(Decimal::from_int(group + digit.unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<String> {
        parse(s).map(|d| d.to_string())
    }

    #[test]
    fn vietnamese_digit_notation() {
        assert_eq!(p("12.000").as_deref(), Some("12000"));
        assert_eq!(p("0,75").as_deref(), Some("0.75"));
        assert_eq!(p("23.800.000").as_deref(), Some("23800000"));
        assert_eq!(p("1.234,5").as_deref(), Some("1234.5"));
        assert_eq!(p(",77").as_deref(), Some("0.77"));
    }

    #[test]
    fn dots_that_do_not_group_thousands_are_refused() {
        for s in ["1234.567", "12.0000", "1.2.3", "1.23,4", "1,200,000", "3.", ".5", ",", "12a", "1234.5"] {
            assert_eq!(p(s), None, "{s}");
        }
    }

    #[test]
    fn a_point_with_one_or_two_digits_after_it_is_a_decimal_point() {
        assert_eq!(p("10.6").as_deref(), Some("10.6"));
        assert_eq!(p("3.25").as_deref(), Some("3.25"));
        assert_eq!(p("4.0").as_deref(), Some("4"));
        assert_eq!(p("1.5 triệu").as_deref(), Some("1500000"));
        // Three digits after the point group thousands.
        assert_eq!(p("1.600").as_deref(), Some("1600"));
    }

    #[test]
    fn half_of_a_magnitude() {
        assert_eq!(p("nửa triệu").as_deref(), Some("500000"));
        assert_eq!(p("Nửa tỷ").as_deref(), Some("500000000"));
        assert_eq!(p("nửa nghìn tỷ").as_deref(), Some("500000000000"));
        for s in ["nửa", "nửa năm", "một nửa", "nửa hai triệu", "hai nửa triệu"] {
            assert_eq!(p(s), None, "{s}");
        }
    }

    #[test]
    fn magnitude_words_after_digits() {
        assert_eq!(p("3,5 tỷ").as_deref(), Some("3500000000"));
        assert_eq!(p("5 nghìn").as_deref(), Some("5000"));
        assert_eq!(p("5 ngàn").as_deref(), Some("5000"));
        assert_eq!(p("2,3 triệu").as_deref(), Some("2300000"));
        assert_eq!(p("1 nghìn tỷ").as_deref(), Some("1000000000000"));
        assert_eq!(p("1,2 tỉ").as_deref(), Some("1200000000"));
    }

    #[test]
    fn a_magnitude_word_after_a_space_is_measured_whole() {
        assert_eq!(magnitude_after(" tỷ đồng"), Some(" tỷ".len()));
        assert_eq!(magnitude_after(" triệu\nUSD"), Some(" triệu".len()));
        assert_eq!(magnitude_after(" tỷ lệ"), Some(" tỷ".len()), "the word alone: the caller asks for a unit after it");
        assert_eq!(magnitude_after(" triệu tập"), Some(" triệu".len()));
        assert_eq!(magnitude_after(" triệuđồng"), None, "glued to the next word");
        assert_eq!(magnitude_after("tỷ đồng"), None, "no space before it");
        assert_eq!(magnitude_after(" người"), None);
    }

    #[test]
    fn groups_of_magnitudes_add_up() {
        assert_eq!(p("3 tỷ 450 triệu").as_deref(), Some("3450000000"));
        assert_eq!(p("1 triệu 200 nghìn").as_deref(), Some("1200000"));
        assert_eq!(p("3 triệu 450 tỷ"), None);
        assert_eq!(p("12 34"), None);
    }

    #[test]
    fn spelled_out_numbers() {
        assert_eq!(p("ba mươi ba").as_deref(), Some("33"));
        assert_eq!(p("mười lăm").as_deref(), Some("15"));
        assert_eq!(p("hai trăm nghìn").as_deref(), Some("200000"));
        assert_eq!(p("một triệu").as_deref(), Some("1000000"));
        assert_eq!(p("hai tỷ ba trăm triệu").as_deref(), Some("2300000000"));
        assert_eq!(p("một trăm linh năm").as_deref(), Some("105"));
    }

    #[test]
    fn words_that_do_not_make_a_number() {
        for s in ["", "hai ba", "mươi", "năm học", "một số"] {
            assert_eq!(p(s), None, "{s:?}");
        }
    }

    #[test]
    fn signs_and_spoken_decimals() {
        assert_eq!(p("- 1.200.000").as_deref(), Some("-1200000"));
        assert_eq!(p("âm 1.200.000").as_deref(), Some("-1200000"));
        assert_eq!(p("-,0012G").as_deref(), Some("-1200000"));
        assert_eq!(p("hai phẩy 23").as_deref(), Some("2.23"));
        assert_eq!(p("một chấm ba").as_deref(), Some("1.3"));
        assert_eq!(p("hai phẩy năm triệu").as_deref(), Some("2500000"));
    }
}
