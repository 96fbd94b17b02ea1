//! The page record: headline, publication date and byline of one input.

use crate::extract::{Candidate, PageText, Production};
use crate::normalize::fold_value;
use crate::record::{Kind, Record, Value};

/// A dateline match → `published`: `2020-05-14T15:51:00+07:00`, `2020-05-14T15:51:00`, or
/// `2020-05-14` when no time is given.
pub fn build(p: &Production<'_>) -> Option<Candidate> {
    let date = crate::extract::document::parse_date(p.group("date")?)?;
    let published = match p.group("time").and_then(parse_time) {
        Some(time) => {
            let tz = p.group("tz").and_then(parse_tz).unwrap_or_default();
            format!("{date}T{time}{tz}")
        }
        None => date,
    };
    Some(p.candidate(Kind::Page, vec![Value::Null, Value::str(published), Value::Null]))
}

/// `15:51`, `15h51`, `15:51:07` → `15:51:00`, `15:51:07`.
fn parse_time(s: &str) -> Option<String> {
    let nums: Vec<u32> =
        s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).filter_map(|p| p.parse().ok()).collect();
    let (h, m, sec) = match nums.as_slice() {
        [h, m] => (*h, *m, 0),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    (h < 24 && m < 60 && sec < 60).then(|| format!("{h:02}:{m:02}:{sec:02}"))
}

/// `GMT +07:00`, `GMT+7` → `+07:00`.
fn parse_tz(s: &str) -> Option<String> {
    let sign = if s.contains('-') { '-' } else { '+' };
    let digits: Vec<u32> =
        s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).filter_map(|p| p.parse().ok()).collect();
    let (h, m) = match digits.as_slice() {
        [h] if *h <= 14 => (*h, 0),
        [h] if *h >= 100 => (*h / 100, *h % 100),
        [h, m] => (*h, *m),
        _ => return None,
    };
    (h <= 14 && m < 60).then(|| format!("{sign}{h:02}:{m:02}"))
}

/// The one page record of an input. It spans the headline (empty at offset 0 when there is none).
/// A web page's meta data (`og:title`, `article:published_time`, `<meta name="author">`) wins over
/// what its text says.
pub fn page_record(page: &PageText<'_>, dateline: Option<&Candidate>) -> Record {
    let (start, end) = match page.layout.title {
        Some(i) => {
            let l = page.layout.lines[i];
            let raw = &page.text[l.start..l.end];
            let lead = raw.len() - raw.trim_start().len();
            (l.start + lead, l.start + raw.trim_end().len())
        }
        None => (0, 0),
    };
    let (os, oe, text, line) = page.original(start, end);
    let meta = page.meta.cloned().unwrap_or_default();
    let title = meta
        .title
        .as_deref()
        .map(normalized_value)
        .or_else(|| (end > start).then(|| fold_value(&page.text[start..end])));
    let published = match meta.published {
        Some(p) => Value::str(p),
        None => dateline.map(|c| c.fields[1].clone()).unwrap_or(Value::Null),
    };
    let author = meta
        .author
        .as_deref()
        .map(normalized_value)
        .or_else(|| page.layout.byline.as_ref().map(|(_, name)| fold_value(name)));
    let rule: std::sync::Arc<str> = "page".into();
    Record {
        source: page.source.clone(),
        kind: Kind::Page,
        text,
        start: os,
        end: oe,
        line,
        zone: crate::record::Zone::Title,
        rule,
        context: title.as_deref().map(std::sync::Arc::from),
        fields: vec![Value::opt(title), published, Value::opt(author)],
    }
}

/// A value from the markup, spelled as values are: normalised, spaces folded.
fn normalized_value(s: &str) -> String {
    fold_value(&crate::normalize::normalize(s).text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_zones() {
        assert_eq!(parse_time("15:51").as_deref(), Some("15:51:00"));
        assert_eq!(parse_time("7h05").as_deref(), Some("07:05:00"));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_tz("(GMT +07:00)").as_deref(), Some("+07:00"));
        assert_eq!(parse_tz("GMT+7").as_deref(), Some("+07:00"));
        assert_eq!(parse_tz("GMT-0530").as_deref(), Some("-05:30"));
    }
}
