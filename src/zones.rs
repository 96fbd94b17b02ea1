//! Splitting a page into zones: title, meta (dateline, byline), body, captions, related-article lists
//! and navigation.
//!
//! Scraped pages keep the site around the article: menus and image paths before it, lists of other
//! headlines (`Tin khác`, `Có thể bạn quan tâm`) after it, photo captions inside it. Facts in those
//! lists are not the article's, so every line gets a zone and, by default, only article zones are read.
//! The markers are data (`rules/lexicon/related_markers.txt`, `nav_lines.txt`); the shape tests
//! (a headline run, a dateline, a byline) are here.

use std::borrow::Cow;

use once_cell::sync::Lazy;
use regex::Regex;

use crate::record::Zone;
use crate::rules::lexicon::Lexicon;

/// A line of the normalised text: `start..end` excludes the newline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub zone: Zone,
}

/// The zones of a page and what the layout says about it.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub lines: Vec<Line>,
    /// Index of the headline line.
    pub title: Option<usize>,
    /// Index of the byline (author) line, and the author's name within it.
    pub byline: Option<(usize, String)>,
}

impl Layout {
    /// The index of the line holding byte `pos`.
    pub fn line_of(&self, pos: usize) -> usize {
        self.lines.partition_point(|l| l.end < pos).min(self.lines.len().saturating_sub(1))
    }
}

/// Word lists the zoner reads.
pub struct ZoneLexicons<'a> {
    pub related_markers: &'a Lexicon,
    pub nav_lines: &'a Lexicon,
    /// Labels before a colon that open a line linking to another article (`Nóng: …`).
    pub promo_labels: &'a Lexicon,
    /// Words a line of running text does not end on: the line goes on in the next.
    pub wrap_words: &'a Lexicon,
    /// Words after which a capitalised word goes on the sentence: no headline starts there.
    pub takes_name: &'a Lexicon,
    /// How a body's name begins (`Bộ`, `UBND`, `Chính phủ`): what an office's title at a line's end
    /// goes on with.
    pub org_heads: &'a Lexicon,
    /// Names of laws (`Quản lý thuế`, `Đất đai`): what a law's type at a line's end goes on with.
    pub laws: &'a Lexicon,
}

static DATELINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?ix)^
        (?:cập\ nhật(?:\ lúc)?|đăng(?:\ lúc|\ ngày)?|ngày\ đăng|ngày\ cập\ nhật|thời\ gian|published|updated|posted)?
        [\x20\t]*:?[\x20\t]*
        (?:(?:thứ\ (?:hai|ba|tư|năm|sáu|bảy)|chủ\ nhật|t[2-7]|cn)[\x20\t]*,?[\x20\t]*)?
        (?:ngày[\x20\t]+)?
        (?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?[\x20\t]*(?:[-|,][\x20\t]*)?)?
        [0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}
        (?:[\x20\t]*[-|,]?[\x20\t]*[0-9]{1,2}[:h][0-9]{2}(?::[0-9]{2})?)?
        [\x20\t]*(?:\(?[\x20\t]*GMT[\x20\t]*[+-]?[\x20\t]*[0-9]{1,2}(?::?[0-9]{2})?[\x20\t]*\)?)?
        [\x20\t]*$",
    )
    .expect("dateline regex")
});

/// A dateline is short; longer lines are not tried, nor lines that do not end as one does: in a
/// digit (of the date, the time or the offset from GMT) or a closing bracket, spaces after it aside.
fn is_dateline(t: &str) -> bool {
    let last = t.trim_end_matches([' ', '\t']).as_bytes().last();
    t.len() <= 90 && last.is_some_and(|&b| b.is_ascii_digit() || b == b')') && DATELINE.is_match(t)
}

/// `Hoạt động 30/09/2023 17:33`: a category and a timestamp, as under each headline of a list.
static LIST_TIMESTAMP: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[^0-9\n]+ [0-9]{1,2}/[0-9]{1,2}/[0-9]{4} +[0-9]{1,2}:[0-9]{2}$").expect("timestamp regex")
});

static CAPTION_MARK: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^!\[[^\]]*\]\([^)]*\)[ \t]*\|?[ \t]*$").expect("caption regex"));

/// Whether `t` may be a URL or a path ([`URL_OR_PATH`]): after a bullet and the spaces after it,
/// no space.
fn may_be_url_or_path(t: &str) -> bool {
    let rest = t.strip_prefix(['•', '*', '·', '-']).map_or(t, |r| r.trim_start_matches([' ', '\t']));
    memchr::memchr2(b' ', b'\t', rest.as_bytes()).is_none()
}

static URL_OR_PATH: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:[•*·\-][ \t]*)?(?:https?://[^ \t]+|www\.[^ \t]+|/[^ \t]+\.(?:jpe?g|png|gif|webp|svg)|[a-z0-9.-]+\.(?:vn|com|net|org)(?:\.vn)?/?)$")
        .expect("url regex")
});

/// What a page's markup says of one of its lines, before its text is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Nothing: the line is zoned by its text, as in a text page.
    Free,
    /// The headline.
    Title,
    /// Navigation, a list of other articles, a caption.
    Zone(Zone),
}

/// How many bytes longer than the longest line before a soft wrap on its page the line after one
/// may be: a word carried over.
const WRAP_SLACK: usize = 16;

/// The line breaks of `text` that are soft wraps inside a paragraph. A text hard-wrapped at a width
/// breaks its sentences anywhere (`Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm⏎2010 của Chính
/// phủ`), and rules match within a line; a break read as a space gives them the sentence whole. A
/// break is taken for a wrap when
/// - the line before ends in a letter, a digit or a comma: not at the end of a sentence, a label's
///   colon, a list's semicolon, a closing emphasis or bracket; and it is no heading (`#`);
/// - the line after begins with a lower-case letter, or with a digit (after no digit: a column of
///   numbers is no sentence; and not a number alone, a table's cell, nor a dateline under its
///   headline), neither opening an item of a list (`1.`, `2.1.`, `a)`, `iv)`); or
///   with a capital after a word a line of text never ends on (`của⏎Bộ trưởng`: `wrap_words`);
/// - neither line is a table row (a `|` in it), and no white space stands at the break;
/// - the line after is no longer than the longest line before such a break on the page (and a
///   word): the lines of a wrapped paragraph are as wide as one another, while a headline is
///   followed by a paragraph on one line (`… trở về⏎Sáng ngày 9/6, …`);
/// - and the page is hard-wrapped: such breaks outnumber its lines wider than they allow. A text
///   hard-wrapped at a width has few lines wider (a table's row, a footer); a page whose paragraphs
///   run on one line has no wraps, and its few breaks of that shape are something else: a photo's
///   caption over its credit (`… SEA Games 31⏎hoàng trọng`), a menu (`Công cụ⏎chuyển sang thanh bên`).
///
/// A line below the headline that ends on a little word taking what follows, in small letters
/// (`của`, `và`, `với` …: `ends_on_taking_word`), goes on whatever the widths and on any page
/// (`… Nghị quyết 37/2021/QH15 của⏎Quốc hội; …`).
///
/// On a hard-wrapped page, a line after that begins with a capital goes on too where the width says
/// so (`… một số điều của Luật⏎Quản lý thuế …`, `… Phó Thủ tướng Nguyễn Thành⏎Long …`): the line
/// before fills the page's width ([`wrap_width`]) and the first word after would not have fitted on
/// it ([`wrapped_by_width`]). A sentence, a heading or a name ends its line wherever it ends.
pub fn soft_wraps(text: &str, lex: &ZoneLexicons<'_>) -> Vec<usize> {
    let bytes = text.as_bytes();
    // The breaks that may be wraps, with the length of the line after each and whether the line
    // before ends on a word that takes what follows it.
    let mut found: Vec<(usize, usize, bool)> = Vec::new();
    // Breaks before a capital that only the width can tell: the break, the length of the line
    // after, and the line before's width and the first word after's, in characters.
    let mut by_width: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut widest = 0;
    let mut start = 0;
    let mut before: Option<usize> = None;
    for end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
        if let Some(b) = before {
            let (line, after) = (&text[b..start - 1], &text[start..end]);
            match break_kind(line, after, lex) {
                Break::Wrap => {
                    // (The headline may end on any word: `… đầy mê hoặc`, `… hôi của`.)
                    let headline = text[..b].trim().is_empty();
                    found.push((start - 1, end - start, !headline && ends_on_taking_word(line, lex)));
                    widest = widest.max(start - 1 - b);
                }
                Break::ByWidth => {
                    let word = after.find(' ').map_or(after, |i| &after[..i]);
                    by_width.push((start - 1, end - start, line.chars().count(), word.chars().count()));
                }
                Break::End => {}
            }
        }
        before = Some(start);
        start = end + 1;
    }
    if found.is_empty() {
        return Vec::new();
    }
    let width = widest + WRAP_SLACK;
    let wider = text.split('\n').filter(|line| line.len() > width).count();
    let wrapped = found.iter().filter(|&&(_, after, _)| after <= width).count();
    // On a page that is not hard-wrapped, a line below the headline still breaks inside a sentence
    // where it ends on a word taking what follows (`… Nghị quyết 37/2021/QH15 của⏎Quốc hội; …`).
    if wrapped <= wider {
        return found.into_iter().filter(|&(_, _, taking)| taking).map(|(nl, _, _)| nl).collect();
    }
    let columns = wrap_width(text, found.iter().filter(|&&(_, after, _)| after <= width).map(|&(nl, _, _)| nl));
    let mut wraps: Vec<usize> =
        found.into_iter().filter(|&(_, after, taking)| after <= width || taking).map(|(nl, _, _)| nl).collect();
    if let Some(columns) = columns {
        wraps.extend(
            by_width
                .into_iter()
                .filter(|&(_, after, line, word)| after <= width && wrapped_by_width(line, word, columns))
                .map(|(nl, ..)| nl),
        );
        wraps.sort_unstable();
    }
    wraps
}

/// Fewest wraps on a page for [`wrap_width`] to read its width from them.
const WIDTH_SAMPLE: usize = 10;

/// The width, in characters, a hard-wrapped page was wrapped at: the width that 95% of the lines
/// before its `wraps` keep to (a few lines wrapped from wider ones do not move it). None for a page
/// with fewer than [`WIDTH_SAMPLE`] wraps to tell it.
fn wrap_width(text: &str, wraps: impl Iterator<Item = usize>) -> Option<usize> {
    let mut widths: Vec<usize> = wraps
        .map(|nl| {
            let start = text[..nl].rfind('\n').map_or(0, |i| i + 1);
            text[start..nl].chars().count()
        })
        .collect();
    if widths.len() < WIDTH_SAMPLE {
        return None;
    }
    widths.sort_unstable();
    Some(widths[widths.len() * 95 / 100])
}

/// Whether a line `line` characters wide, followed on the next line by a word `word` characters
/// long, was broken by the width `columns` of a hard-wrapped page: the line keeps to the width (a
/// character over it, as lines do around it), and the word would have taken it past the width.
fn wrapped_by_width(line: usize, word: usize, columns: usize) -> bool {
    line <= columns + 1 && line + 1 + word > columns
}

/// Whether `line` opens an item of a list numbered in capitals: a Roman numeral or one capital,
/// then `.` or `)` and a space or the end (`II. NHIỆM VỤ`, `A) Hồ sơ`).
fn opens_capital_item(line: &str) -> bool {
    let b = line.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    (letters == 1 || (letters > 0 && b[..letters].iter().all(|c| matches!(c, b'I' | b'V' | b'X' | b'L' | b'C'))))
        && matches!(b.get(letters), Some(b'.' | b')'))
        && matches!(b.get(letters + 1), None | Some(b' '))
}

/// Whether `before` ends on one of the little words a line of running text does not end on
/// (`wrap_words`: `của`, `và`, `với` …), written in small letters; not on the head of a body's name,
/// which ends a headline as well (`… đi bộ`, `… khu vực Bắc Bộ`).
fn ends_on_taking_word(before: &str, lex: &ZoneLexicons<'_>) -> bool {
    let word = &before[before.rfind(' ').map_or(0, |i| i + 1)..];
    !word.chars().any(char::is_uppercase) && lex.wrap_words.contains_ci(word) && !lex.org_heads.contains_ci(word)
}

/// Reads the soft wraps of `text` ([`soft_wraps`]) as spaces: a byte for a byte, so that every
/// offset into the text stays what it was. Returns where they were, for [`layout`].
pub fn read_soft_wraps(text: &mut Cow<'_, str>, lex: &ZoneLexicons<'_>) -> Vec<usize> {
    let wraps = soft_wraps(text, lex);
    if wraps.is_empty() {
        return wraps;
    }
    let mut bytes = std::mem::take(text).into_owned().into_bytes();
    for &nl in &wraps {
        bytes[nl] = b' ';
    }
    *text = Cow::Owned(String::from_utf8(bytes).expect("a newline made a space leaves UTF-8 whole"));
    wraps
}

/// What the break between the lines `before` and `after` may be, as far as the two lines tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Break {
    /// A soft wrap (see [`soft_wraps`]).
    Wrap,
    /// A wrap before a capital that only the page's width can tell ([`wrapped_by_width`]): no line in
    /// capitals runs on so into running text (a signature's title over the signer's name), nor into
    /// an item numbered in capitals (`II.`, `A)`).
    ByWidth,
    /// The end of a line.
    End,
}

/// What the break between the lines `before` and `after` is, as far as the two lines tell (see
/// [`soft_wraps`]).
fn break_kind(before: &str, after: &str, lex: &ZoneLexicons<'_>) -> Break {
    let (Some(last), Some(first)) = (before.chars().next_back(), after.chars().next()) else { return Break::End };
    if !(last == ',' || crate::normalize::is_letter_or_digit(last))
        || before.trim_start().starts_with('#')
        || memchr::memchr(b'|', before.as_bytes()).is_some()
        || memchr::memchr(b'|', after.as_bytes()).is_some()
    {
        return Break::End;
    }
    let goes_on = if first.is_ascii_digit() {
        !last.is_ascii_digit() && !opens_list_item(after) && !is_number(after) && !is_dateline(after.trim())
    } else if first.is_lowercase() {
        !opens_list_item(after)
    } else if first.is_uppercase() {
        if ends_on_wrap_word(before, after, lex) || opens_law_name(before, after, lex) {
            return Break::Wrap;
        }
        let capitals_into_text = !before.chars().any(char::is_lowercase) && after.chars().any(char::is_lowercase);
        return if opens_capital_item(after) || capitals_into_text { Break::End } else { Break::ByWidth };
    } else {
        false
    };
    if goes_on { Break::Wrap } else { Break::End }
}

/// Whether `before` ends on a word or two that a line of running text does not end on
/// (`wrap_words`): a word taking what follows (`của⏎Bộ trưởng`), or the head of a body's or an
/// office's name taking the rest of it (`của Bộ⏎Tài chính`, `của Bộ trưởng⏎Bộ Y tế`, `Chủ tịch⏎UBND
/// tỉnh`). A title of two words counts only in running text's case (in capitals it is a signature's
/// line: `KT. BỘ TRƯỞNG⏎THỨ TRƯỞNG`) and before a body's name (`org_heads`): a person's name after
/// it may open a sentence (`… giữ chức Phó Chủ tịch⏎Nguyễn Văn An là …`). A line in capitals does
/// not run on into one in running text's case: it is a signature's title over the signer's name
/// (`PHÓ TRƯỞNG BAN⏎Phạm Thị Minh Hiền`) or a heading over its text.
fn ends_on_wrap_word(before: &str, after: &str, lex: &ZoneLexicons<'_>) -> bool {
    if !before.chars().any(char::is_lowercase) && after.chars().any(char::is_lowercase) {
        return false;
    }
    let last = before.rfind(' ').map_or(0, |i| i + 1);
    if lex.wrap_words.contains_ci(&before[last..]) {
        return true;
    }
    let Some(head) = before[..last].trim_end().rfind(' ').map(|i| i + 1).or((last > 0).then_some(0)) else {
        return false;
    };
    let mut words = after.splitn(3, ' ');
    let first = words.next().unwrap_or("");
    let body = lex.org_heads.contains_ci(first)
        || words.next().is_some_and(|second| lex.org_heads.contains_ci(&after[..first.len() + 1 + second.len()]));
    body && before[last..].chars().any(char::is_lowercase) && lex.wrap_words.contains_ci(&before[head..])
}

/// The types of a law cited by name, as the rule `law-by-name` reads them before the name.
const LAW_TYPES: [&str; 4] = ["Luật", "Bộ luật", "Bộ Luật", "Pháp lệnh"];

/// Whether `before` ends on the type of a law (`LAW_TYPES`, with its capital) and `after` begins
/// with a name of `laws`, whole words: the law cited by name on two lines (`Căn cứ Luật⏎Tổ chức chính
/// quyền địa phương số 72/2025/QH15`, `… của Luật⏎Quản lý thuế;`), wherever the line before ends.
fn opens_law_name(before: &str, after: &str, lex: &ZoneLexicons<'_>) -> bool {
    let ends_on_type = LAW_TYPES.iter().any(|t| {
        before.strip_suffix(t).is_some_and(|rest| rest.is_empty() || rest.ends_with([' ', '*', '(', '“', '"']))
    });
    if !ends_on_type {
        return false;
    }
    // The name's words, and where each ends (a stop after the last one may close it: `thuế;`).
    let mut end = 0;
    for word in after.split(' ').take(12) {
        end += word.len();
        let name = after[..end].trim_end_matches([',', ';', '.', ':', '*', ')', '”', '"']);
        if lex.laws.contains_ci(name) {
            return true;
        }
        end += 1;
    }
    false
}

/// Whether `line` is a number alone (`1,3`, `16`): a table's cell, not words going on.
fn is_number(line: &str) -> bool {
    line.trim_end().bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

/// Whether `line` opens an item of a numbered or lettered list: `1.`, `2.1.`, `3)`, `a)`, `đ.`,
/// `iv)`, then a space or the end of the line (`1.234 người` is a number going on).
fn opens_list_item(line: &str) -> bool {
    let b = line.as_bytes();
    let mut i = 0;
    if b.first().is_some_and(u8::is_ascii_digit) {
        loop {
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                i += 1;
            } else {
                break;
            }
        }
    } else if line.starts_with('đ') {
        i = 'đ'.len_utf8();
    } else {
        let letters = b.iter().take_while(|c| c.is_ascii_lowercase()).count();
        if letters == 1 || b[..letters].iter().all(|c| matches!(c, b'i' | b'v' | b'x')) {
            i = letters;
        }
    }
    i > 0 && matches!(b.get(i), Some(b'.' | b')')) && matches!(b.get(i + 1), None | Some(b' '))
}

/// Splits `text` into lines and gives each a zone. `wraps` are the soft wraps the text was read
/// with ([`read_soft_wraps`]): a line holding one is a paragraph.
pub fn layout(text: &str, lex: &ZoneLexicons<'_>, wraps: &[usize]) -> Layout {
    layout_lines(text, lex, &|_| Mark::Free, wraps)
}

/// [`layout`] for a page whose markup marks its lines: `mark` gives the mark of the line starting
/// at an offset. A marked zone is taken as it is; a marked headline is the headline; the other
/// lines are zoned by their text, except that a list marker (`Tin khác`) inside a marked zone does
/// not turn the rest of the page into a list.
pub fn layout_marked(text: &str, lex: &ZoneLexicons<'_>, mark: &dyn Fn(usize) -> Mark) -> Layout {
    layout_lines(text, lex, mark, &[])
}

fn layout_lines(text: &str, lex: &ZoneLexicons<'_>, mark: &dyn Fn(usize) -> Mark, wraps: &[usize]) -> Layout {
    let mut lines = Vec::new();
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(Line { start, end: nl, zone: Zone::Body });
        start = nl + 1;
    }
    if start < text.len() || lines.is_empty() {
        lines.push(Line { start, end: text.len(), zone: Zone::Body });
    }
    let trimmed: Vec<&str> = lines.iter().map(|l| text[l.start..l.end].trim()).collect();
    let marks: Vec<Mark> = lines.iter().map(|l| mark(l.start)).collect();
    // Lines read across a soft wrap: paragraphs of running text.
    let mut wrapped = vec![false; lines.len()];
    let mut k = 0;
    for &w in wraps {
        while lines[k].end < w {
            k += 1;
        }
        wrapped[k] = true;
    }
    let nav: Vec<bool> = trimmed
        .iter()
        .zip(&marks)
        .map(|(t, m)| match m {
            Mark::Free => is_nav_line(t, lex),
            Mark::Zone(z) => !z.is_article(),
            Mark::Title => false,
        })
        .collect();
    let title = match marks.iter().position(|m| *m == Mark::Title) {
        Some(t) => Some(t),
        None => find_title(&trimmed, &nav, &marks),
    };
    let mut layout = Layout { lines, title, byline: None };
    let Some(title) = title else {
        // No headline: read every non-navigation line as body.
        for (i, l) in layout.lines.iter_mut().enumerate() {
            if let Mark::Zone(z) = marks[i] {
                l.zone = z;
            } else if nav[i] || is_related_marker(trimmed[i], lex) {
                l.zone = Zone::Nav;
            }
        }
        return layout;
    };
    let title_text = trimmed[title];
    for i in 0..title {
        // A paragraph of prose above the headline found is the article's (a page whose headline
        // was left out, its first caption taken for it); menus and breadcrumbs are short.
        layout.lines[i].zone = if !nav[i] && is_prose(trimmed[i]) { Zone::Body } else { Zone::Nav };
    }
    layout.lines[title].zone = Zone::Title;

    let n = layout.lines.len();
    let mut related = false;
    let mut caption_next = false;
    let mut i = title + 1;
    while i < n {
        let t = trimmed[i];
        let zone = if let Mark::Zone(z) = marks[i] {
            z
        } else if t.is_empty() {
            // Blank lines take the zone of what they sit in; they hold nothing anyway.
            if related { Zone::Related } else { Zone::Body }
        } else if related {
            if nav[i] { Zone::Nav } else { Zone::Related }
        } else if is_related_marker(t, lex) {
            related = true;
            Zone::Nav
        } else if t.starts_with("![") && CAPTION_MARK.is_match(t) {
            caption_next = true;
            Zone::Caption
        } else if caption_next {
            caption_next = false;
            Zone::Caption
        } else if t == title_text {
            // The headline again inside the article is an image's alt text; a caption follows.
            caption_next = true;
            Zone::Caption
        } else if nav[i] {
            Zone::Nav
        } else if is_dateline(t) {
            Zone::Meta
        } else if t.len() <= 90
            && ends_in_clock_time(t)
            && LIST_TIMESTAMP.is_match(t)
            && t.starts_with(char::is_uppercase)
        {
            // A headline and its timestamp: both belong to a list of other articles.
            if let Some(prev) = (title + 1..i).rev().find(|&k| !trimmed[k].is_empty()) {
                layout.lines[prev].zone = Zone::Related;
            }
            Zone::Related
        } else if !wrapped[i] && is_headline_run(t, lex.takes_name) {
            Zone::Related
        } else {
            Zone::Body
        };
        layout.lines[i].zone = zone;
        i += 1;
    }
    layout.byline = find_byline(&trimmed, &mut layout.lines, title);
    layout
}

/// Whether `t` ends in `:` and two digits, as [`LIST_TIMESTAMP`] does.
fn ends_in_clock_time(t: &str) -> bool {
    matches!(t.as_bytes(), [.., b':', a, b] if a.is_ascii_digit() && b.is_ascii_digit())
}

/// A paragraph: long, and made of sentences.
fn is_prose(t: &str) -> bool {
    t.len() > 300 && (t.contains(". ") || t.ends_with('.')) && t.split(' ').count() > 40
}

fn is_related_marker(t: &str, lex: &ZoneLexicons<'_>) -> bool {
    if t.len() > 80 {
        return false;
    }
    let t = t.trim_end_matches([':', '.', '»', '>', ' ']).trim_start_matches(['•', '*', '#', ' ']);
    !t.is_empty() && lex.related_markers.contains_ci(t)
}

fn is_nav_line(t: &str, lex: &ZoneLexicons<'_>) -> bool {
    // Menus, buttons and site names are short; a long line is text (and is not lower-cased for a
    // look-up it cannot pass).
    if t.is_empty() || t.len() > 160 {
        return false;
    }
    if (t.len() <= 48 && lex.nav_lines.contains_ci(t.trim_end_matches([':', '.', ' '])))
        || (may_be_url_or_path(t) && URL_OR_PATH.is_match(t))
    {
        return true;
    }
    if t.starts_with("-->") || t.starts_with("<!--") || t == "|" || t.starts_with('©') {
        return true;
    }
    if t.len() <= 200 && is_promo_line(t, lex) {
        return true;
    }
    // A footer or a breadcrumb: only a line beginning with `b`, `c` or `t` in either case can be one.
    if matches!(t.as_bytes()[0] | 0x20, b'b' | b'c' | b't') {
        let head = crate::normalize::lower(&t[..t.char_indices().nth(12).map_or(t.len(), |(i, _)| i)]);
        if head.starts_with("bản quyền") || head.starts_with("copyright") || head.starts_with("trang chủ >") {
            return true;
        }
    }
    // Site names and menu captions: short lines in capitals (the first small letter says no soonest);
    // not a document's number on a line of its own, as a legal text's header sets it under `Số:`
    // (`37/2025/NQ-HĐND`, `383-QĐ/TW`).
    in_capitals(t) && t.split_whitespace().nth(6).is_none() && !is_code(t)
}

/// `**Nóng:** Thông tin về lương cơ sở …`, `>> Xem thêm: …`: a line that opens with a label of
/// `promo_labels` and a colon (in bold or after arrows) links to another article.
fn is_promo_line(t: &str, lex: &ZoneLexicons<'_>) -> bool {
    let t = t.trim_start_matches(['*', '#', '>', '»', ' ']);
    let Some(colon) = t.find(':').filter(|&c| c <= 24) else { return false };
    let label = t[..colon].trim_end_matches(['*', ' ']);
    !label.is_empty() && lex.promo_labels.contains_ci(label)
}

/// Whether `t` begins with a document's number: digits, then `/` or `-` and a letter or a year.
fn is_code(t: &str) -> bool {
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
    let after = rest.get(1..).unwrap_or("");
    let year = after.len() >= 4
        && (after.starts_with("19") || after.starts_with("20"))
        && after[..4].bytes().all(|b| b.is_ascii_digit());
    rest.len() < t.len() && rest.starts_with(['/', '-']) && (after.starts_with(char::is_alphabetic) || year)
}

/// Whether `t` has letters, none of them small.
fn in_capitals(t: &str) -> bool {
    let mut letters = t.chars().filter(|&c| crate::normalize::is_letter(c)).peekable();
    letters.peek().is_some() && letters.all(|c| !c.is_lowercase())
}

/// A slogan banner: a whole line in quotes ending in `!`.
fn is_slogan(t: &str) -> bool {
    let starts = t.starts_with(['"', '“']);
    let ends = t.ends_with("!\"") || t.ends_with("!”");
    starts && ends
}

/// Whether `t` can be a headline: a phrase of a few words, not a sentence run or a menu.
fn is_title_like(t: &str) -> bool {
    // Bytes bound the characters (one to four bytes each): a paragraph is not counted through.
    if !(15..=320 * 4).contains(&t.len()) || !(15..=320).contains(&t.chars().count()) {
        return false;
    }
    let words = t.split_whitespace().take(61).count();
    (3..=60).contains(&words) && !is_slogan(t) && !t.starts_with("![") && !t.ends_with(':') && !is_dateline(t)
}

fn find_title(trimmed: &[&str], nav: &[bool], marks: &[Mark]) -> Option<usize> {
    let candidate = |i: usize| !nav[i] && marks[i] == Mark::Free && is_title_like(trimmed[i]);
    // A dateline near the top sits right under the headline.
    let top = trimmed.len().min(40);
    if let Some(d) = (0..top).find(|&i| is_dateline(trimmed[i]))
        && let Some(t) = (0..d).rev().find(|&i| !trimmed[i].is_empty()).filter(|&i| candidate(i))
    {
        return Some(t);
    }
    (0..trimmed.len()).find(|&i| candidate(i))
}

/// A line of several headlines run together: long, with no sentence punctuation at all, where a
/// new headline starts again and again inside it (`… chào mừng ngày bầu cử Nâng cao đời sống …`).
///
/// Vietnamese capitalises names, bodies and documents inside a sentence, so a capital after a
/// lower-case word alone says nothing (`… Chính phủ ban hành Nghị quyết 89/NQ-CP về việc thành lập
/// thị xã Bình Minh …`). A headline starts where a capitalised word comes between two lower-case
/// runs: after at least two lower-case words (not `Chủ tịch UBND`, `Lễ hội Văn hóa`), not after a
/// word that takes what follows it (`của`, `tại`, `ban hành`, `giữ chức` …: `takes_name`), and
/// followed by a lower-case word (a name goes on in capitals: `thị xã Bình Minh`). A heading, an
/// item of a list, a caption in emphasis, a table row or a line of questions is no run, nor is a
/// sentence closed by a reference mark (`… huyện Bình Minh.[15]`).
fn is_headline_run(t: &str, takes_name: &Lexicon) -> bool {
    let t = strip_reference_marks(t.trim_matches(|c: char| c == '*' || c.is_whitespace()));
    // Fewer than 100 bytes are fewer than 100 characters: counted only when it can matter.
    if t.len() < 100 || t.ends_with(['.', '!', '?', ';', ':', '…', ')', '"', '”', '|']) || t.chars().count() < 100 {
        return false;
    }
    if t.starts_with(['#', '-', '+', '[', '>', '(', '*']) || t.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if [". ", "; ", "? ", "! ", ".[", "*", "|"].iter().any(|p| t.contains(p)) || ends_in_photo_credit(t) {
        return false;
    }
    let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    let upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let words: Vec<&str> = t.split_whitespace().collect();
    let restarts = words
        .windows(4)
        .filter(|w| {
            lower(w[0])
                && lower(w[1])
                && !w[1].ends_with(',')
                && upper(w[2])
                && lower(w[3])
                && !takes_name.contains_ci(w[1])
        })
        .count();
    restarts >= 2
}

/// Whether `t` ends in a photo's credit (`… năm 2024 - Ảnh: VGP/Nhật Bắc`, `… (Ảnh: TTXVN)`): the
/// caption of one photo, a sentence of the article, not a run of other headlines.
fn ends_in_photo_credit(t: &str) -> bool {
    let Some(at) = t.rfind("Ảnh:").or_else(|| t.rfind("ẢNH:")) else { return false };
    let before = t[..at].trim_end();
    t.len() - at <= 60 && (before.ends_with(['-', '–', '(']))
}

/// `t` without the reference marks closing it (`[15]`, `[a]`, `[2][3]`).
fn strip_reference_marks(mut t: &str) -> &str {
    while let Some(open) = t.strip_suffix(']').and_then(|s| s.rfind('[')) {
        let mark = &t[open + 1..t.len() - 1];
        let is_mark = !mark.is_empty()
            && (mark.bytes().all(|b| b.is_ascii_digit())
                || (mark.len() == 1 && mark.bytes().all(|b| b.is_ascii_lowercase())));
        if !is_mark {
            break;
        }
        t = t[..open].trim_end();
    }
    t
}

/// The byline: a short line of capitalised words (`Lê Thắm`, `Mạnh Quân`) or a signature
/// (`Đào Thị Thúy-Chủ tịch …`) as the last line of the article.
fn find_byline(trimmed: &[&str], lines: &mut [Line], title: usize) -> Option<(usize, String)> {
    let last = (title + 1..lines.len())
        .rev()
        .find(|&i| !trimmed[i].is_empty() && matches!(lines[i].zone, Zone::Body | Zone::Meta))?;
    // Only the end of the article: nothing but lists and navigation may follow.
    let t = trimmed[last];
    let name = byline_name(t)?;
    if lines[last].zone == Zone::Body {
        lines[last].zone = Zone::Meta;
    }
    Some((last, name))
}

static BYLINE_PREFIX: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(?:bài(?: +và +ảnh|, *ảnh)?|tin(?:, *ảnh)?|theo|pv|nhóm pv) *: *").expect("byline regex")
});

fn byline_name(t: &str) -> Option<String> {
    let t = BYLINE_PREFIX.replace(t, "");
    // Five words before any dash are too many for a name, before a dash or alone: a paragraph is
    // not searched through for a dash.
    let mut head = t.split_whitespace().take(5);
    if head.clone().count() == 5 && head.all(|w| !w.contains(['-', '–'])) {
        return None;
    }
    // A signature: the name before a dash and a position.
    let name_part = match t.split_once(['-', '–']) {
        Some((a, b)) if !b.trim().is_empty() && b.trim().chars().next().is_some_and(|c| c.is_uppercase()) => a.trim(),
        _ => t.trim(),
    };
    // Five words are enough to tell a name of two to four from anything longer.
    let words: Vec<&str> = name_part.split_whitespace().take(5).collect();
    if !(2..=4).contains(&words.len()) {
        return None;
    }
    let capitalised = |w: &&str| {
        let mut cs = w.chars();
        cs.next().is_some_and(|c| c.is_uppercase()) && cs.all(|c| c.is_alphabetic())
    };
    if !words.iter().all(capitalised) {
        return None;
    }
    Some(words.join(" "))
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_document_s_number_on_a_line_of_its_own_is_no_menu_caption() {
        let lists = Lists::new();
        for code in ["37/2025/NQ-HĐND", "383-QĐ/TW", "02200/QĐ-UBND"] {
            assert!(in_capitals(code) && !is_nav_line(code, &lists.get()), "{code}");
        }
        for caption in ["VTV1", "24H", "THỂ THAO", "3/4 CHIA SẺ"] {
            assert!(is_nav_line(caption, &lists.get()), "{caption}");
        }
        assert!(!is_code("2024 - 2025"), "a span of years is no number");
    }

    #[test]
    fn a_short_line_opened_by_a_promotion_label_links_elsewhere() {
        let lists = Lists::new();
        for promo in [
            "**Nóng: Thông tin về lương cơ sở năm 2026 mới nhất**",
            "**Nóng:**** Tặng 2.000.000 tiền mặt dịp Tết Nguyên đán 2026 cho hộ gia đình nào?**",
            "**>> Xem thêm: ****Tải về trọn bộ thể thức văn bản hành chính**",
            "NÓNG: Triều Tiên lại phóng tên lửa, Hàn Quốc họp khẩn",
        ] {
            assert!(is_nav_line(promo, &lists.get()), "{promo}");
        }
        let long = format!("Nóng: {}", "nắng kéo dài khiến 5 tỉnh thiếu nước sinh hoạt, ".repeat(5));
        for text in [
            "Theo đó, nóng: nhiệt độ cao nhất 39 độ C.",
            "Thời tiết hôm nay nóng: 38 độ C ở Hà Nội",
            "Clip: Xe bốc cháy dữ dội trên cao tốc Trung Lương",
            long.as_str(),
        ] {
            assert!(!is_nav_line(text, &lists.get()), "{text}");
        }
    }

    use super::*;

    /// The zoner's word lists, small.
    struct Lists([Lexicon; 7]);

    impl Lists {
        fn new() -> Self {
            let list = |name: &str, text: &str| Lexicon::parse(name, name, text).unwrap();
            Lists([
                list("r", "Tin khác\nCó thể bạn quan tâm\nNên xem\nXem thêm\nTin liên quan\n"),
                list("n", "Menu\nPhiên bản di động\nXem thêm\n"),
                list("p", "Nóng\nXem thêm\n"),
                list("w", "của\nvà\nhoặc\nbộ\nban\nbộ trưởng\nchủ tịch\n"),
                list("t", "của\nvề\ntại\nvào\nhành\nchí\nchức\n"),
                list("o", "Bộ\nSở\nUBND\nChính phủ\n"),
                list("l", "Đất đai\nQuản lý thuế\nTổ chức chính quyền địa phương\n"),
            ])
        }

        fn get(&self) -> ZoneLexicons<'_> {
            let [r, n, p, w, t, o, l] = &self.0;
            ZoneLexicons {
                related_markers: r,
                nav_lines: n,
                promo_labels: p,
                wrap_words: w,
                takes_name: t,
                org_heads: o,
                laws: l,
            }
        }
    }

    /// The lines of `text` as the zoner sees them (soft wraps read as spaces) and their zones.
    fn zones(text: &str) -> Vec<(String, &'static str)> {
        let lists = Lists::new();
        let mut text = Cow::Borrowed(text);
        let wraps = read_soft_wraps(&mut text, &lists.get());
        let l = layout(&text, &lists.get(), &wraps);
        l.lines.iter().map(|x| (text[x.start..x.end].to_string(), x.zone.name())).collect()
    }

    /// The text after each soft wrap of `text`, up to its line's end.
    fn joined(text: &str) -> Vec<&str> {
        let lists = Lists::new();
        soft_wraps(text, &lists.get()).iter().map(|&nl| text[nl + 1..].lines().next().unwrap_or("")).collect()
    }

    #[test]
    fn hard_wrapped_references_are_read_whole() {
        let text = "*Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm\n\
                    2010 của Chính phủ về kiểm soát thủ tục hành chính được sửa đổi bởi Nghị\n\
                    định số 48/2013/NĐ-CP và Quyết định số 3212/QĐ-BKHCN ngày 17/10/2025 của\n\
                    Bộ trưởng Bộ Khoa học và Công nghệ;*\n\
                    *Căn cứ Luật Tổ chức chính quyền địa phương số\n\
                    72/2025/QH15;*";
        assert_eq!(
            joined(text),
            [
                "2010 của Chính phủ về kiểm soát thủ tục hành chính được sửa đổi bởi Nghị",
                "định số 48/2013/NĐ-CP và Quyết định số 3212/QĐ-BKHCN ngày 17/10/2025 của",
                "Bộ trưởng Bộ Khoa học và Công nghệ;*",
                "72/2025/QH15;*",
            ]
        );
    }

    #[test]
    fn a_name_wrapped_after_its_head_is_read_whole() {
        let text = "hành kèm theo Quyết định số 1462/QĐ-BTC ngày 22/7/2022 của Bộ trưởng\n\
                    Bộ Tài chính; STT 126 Mục II Phụ lục ban hành kèm theo Thông tư số\n\
                    40/2021/TT-BTC ngày 01 tháng 6 năm 2021 của Bộ\n\
                    Tài chính hướng dẫn thuế giá trị gia tăng, theo đề nghị của Chủ tịch\n\
                    UBND tỉnh và Quyết định số 3782/QĐ-UBND của Giám đốc\n\
                    Sở Tài chính tỉnh.";
        assert_eq!(
            joined(text),
            [
                "Bộ Tài chính; STT 126 Mục II Phụ lục ban hành kèm theo Thông tư số",
                "40/2021/TT-BTC ngày 01 tháng 6 năm 2021 của Bộ",
                "Tài chính hướng dẫn thuế giá trị gia tăng, theo đề nghị của Chủ tịch",
                "UBND tỉnh và Quyết định số 3782/QĐ-UBND của Giám đốc",
            ]
        );
        // `giám đốc` is not in this test's list, so the last break stays; a signature's capitals
        // are no running text.
        let lists = Lists::new();
        let lex = lists.get();
        assert_eq!(break_kind("của Bộ trưởng", "Bộ Y tế", &lex), Break::Wrap);
        assert_ne!(break_kind("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", &lex), Break::Wrap);
        // A title in capitals over the signer's name, the head of a body (`Ban`) as its last word.
        assert_ne!(break_kind("PHÓ TRƯỞNG BAN", "Phạm Thị Minh Hiền", &lex), Break::Wrap);
        assert_eq!(break_kind("theo đề nghị của Trưởng Ban", "Quản lý dự án.", &lex), Break::Wrap);
        assert_eq!(break_kind("QUYẾT ĐỊNH CỦA", "BỘ TÀI CHÍNH", &lex), Break::Wrap);
        assert_ne!(break_kind("Thủ tướng tiếp Bộ trưởng Nông nghiệp", "Sáng nay", &lex), Break::Wrap);
        // A person's name after a title may open the next sentence.
        assert_ne!(
            break_kind("được giới thiệu để bầu giữ chức Phó Chủ tịch", "Nguyễn Văn An là kỹ sư.", &lex),
            Break::Wrap
        );
        assert_eq!(break_kind("được giới thiệu để bầu giữ chức Phó Chủ tịch", "UBND tỉnh.", &lex), Break::Wrap);
    }

    /// `text` wrapped at `cols` characters, no word split: the lines of a hard-wrapped page.
    fn wrap_at(text: &str, cols: usize) -> String {
        let mut out = String::new();
        let mut width = 0;
        for word in text.split(' ') {
            let len = word.chars().count();
            if width > 0 && width + 1 + len > cols {
                out.push('\n');
                width = 0;
            } else if width > 0 {
                out.push(' ');
                width += 1;
            }
            out.push_str(word);
            width += len;
        }
        out
    }

    #[test]
    fn a_capital_after_a_line_the_width_broke_goes_on() {
        let para = "Căn cứ Nghị định số 126/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ quy định chi tiết \
                    một số điều của Luật Quản lý thuế và Thông tư số 80/2021/TT-BTC ngày 29 tháng 9 năm 2021 của \
                    Bộ trưởng Bộ Tài chính hướng dẫn thi hành một số điều của Luật Quản lý thuế; theo đề nghị \
                    của Giám đốc Sở Tài chính tỉnh Thừa Thiên Huế và Chủ tịch Ủy ban nhân dân thành phố Hồ Chí \
                    Minh, Phó Thủ tướng Nguyễn Thành Long đã ký Quyết định số 15/2025/QĐ-TTg ban hành quy chế \
                    phối hợp giữa các bộ, ngành và địa phương trong việc thực hiện thủ tục hành chính.";
        let wrapped = wrap_at(para, 63);
        let page = format!("{wrapped}\n\n{wrapped}\n\nTổ chức thực hiện\nChủ tịch Ủy ban nhân dân tỉnh thi hành.");
        // Every break inside the paragraphs goes on, those before a capital too; the short heading
        // over its text does not.
        let capitals = wrapped.split('\n').skip(1).filter(|l| l.starts_with(char::is_uppercase)).count();
        assert!(capitals >= 3, "{wrapped}");
        let expected: Vec<&str> = wrapped.split('\n').skip(1).chain(wrapped.split('\n').skip(1)).collect();
        assert_eq!(joined(&page), expected, "{page}");
        // The same paragraphs on one line each: the page is not hard-wrapped, no break goes on.
        let page = format!("Tổ chức thực hiện\n{para}\n\n{para}\nChủ tịch Ủy ban nhân dân tỉnh thi hành.");
        assert!(joined(&page).is_empty());
    }

    #[test]
    fn a_law_named_on_the_next_line_goes_on() {
        let lists = Lists::new();
        let lex = lists.get();
        assert_eq!(break_kind("*Căn cứ Luật", "Tổ chức chính quyền địa phương số 72/2025/QH15;*", &lex), Break::Wrap);
        assert_eq!(break_kind("hướng dẫn thi hành một số điều của Luật", "Quản lý thuế;", &lex), Break::Wrap);
        assert_eq!(break_kind("Căn cứ Bộ luật", "Đất đai năm 2024;", &lex), Break::Wrap);
        // Not a name of `laws`, not the law's type with its capital, nor a type inside a word.
        assert_ne!(break_kind("Nghị quyết Luật", "Kể từ ngày Chủ tịch nước ký lệnh công bố", &lex), Break::Wrap);
        assert_ne!(break_kind("theo quy định của pháp luật", "Đất đai là tài sản chung", &lex), Break::Wrap);
        assert_ne!(break_kind("Thông tư hướng dẫn Luật", "Đất đaix", &lex), Break::Wrap);
        assert_ne!(break_kind("Căn cứ Luật", "Quản lý", &lex), Break::Wrap);
    }

    #[test]
    fn only_a_line_the_width_broke_runs_on_into_a_capital() {
        // Wrapped at 60: a line of 58 or more characters, and a word after it that would not fit.
        assert!(wrapped_by_width(58, 5, 60));
        assert!(wrapped_by_width(61, 2, 60));
        assert!(!wrapped_by_width(50, 5, 60));
        assert!(!wrapped_by_width(62, 5, 60));
        // What may be such a wrap: not a heading, a table, a list's item, nor capitals over a name.
        let lists = Lists::new();
        let lex = lists.get();
        assert_ne!(break_kind("hướng dẫn thi hành một số điều của Luật", "Quản lý thuế;", &lex), Break::End);
        assert_ne!(break_kind("các tỉnh Đắk Lắk, Gia Lai,", "Khánh Hòa, Lâm Đồng", &lex), Break::End);
        assert_ne!(
            break_kind("QUY ĐỊNH VỀ CẤP DỰ BÁO CHÁY RỪNG TRÊN ĐỊA BÀN THÀNH PHỐ HẢI", "PHÒNG", &lex),
            Break::End
        );
        assert_eq!(
            break_kind("PHÓ TRƯỞNG BAN THƯỜNG TRỰC BAN CHỈ ĐẠO CÔNG TÁC", "Phạm Thị Minh Hiền", &lex),
            Break::End
        );
        assert_eq!(break_kind("## Văn bản liên quan đến việc quản lý thuế của doanh", "Nghiệp", &lex), Break::End);
        assert_eq!(break_kind("| Tổng cộng các khoản chi của", "Ngân sách |", &lex), Break::End);
        assert_eq!(break_kind("Nhiệm vụ của Sở Tài chính như sau", "II. TỔ CHỨC THỰC HIỆN", &lex), Break::End);
        assert_eq!(break_kind("Quyết định có hiệu lực kể từ ngày ký.", "Chủ tịch Ủy ban", &lex), Break::End);
        assert_eq!(break_kind("Hồ sơ đề nghị gồm những giấy tờ sau", "1. Đơn đề nghị", &lex), Break::End);
        for item in ["II. NHIỆM VỤ", "A) Hồ sơ", "IV.", "C."] {
            assert!(opens_capital_item(item), "{item}");
        }
        for not in ["Việt Nam", "II", "UBND tỉnh", "A.I. Studio", "Ia. Krông"] {
            assert!(!opens_capital_item(not), "{not}");
        }
    }

    #[test]
    fn ends_of_sentences_headings_lists_and_tables_are_no_wraps() {
        for text in [
            // A sentence, a label, a list's item, a closing emphasis end the line before.
            "Quyết định có hiệu lực kể từ ngày ký.\nquy định trước đây bị bãi bỏ.",
            "Thành phần hồ sơ gồm:\nbản sao giấy tờ.",
            "- Như Điều 3;\nlưu văn thư.",
            "**Điều 2. Điều khoản thi hành**\nnội dung.",
            // A heading, a table's row.
            "## Nhiệm vụ và giải pháp\nphát triển kinh tế.",
            "| Tử vong | 12\nngười |",
            // Items of a list.
            "Hồ sơ đề nghị gồm những giấy tờ sau\na) Đơn đề nghị.",
            "Hồ sơ đề nghị gồm những giấy tờ sau\n2.1. Đơn đề nghị.",
            "Hồ sơ đề nghị gồm những giấy tờ sau\niv) Đơn đề nghị.",
            "Hồ sơ đề nghị gồm những giấy tờ sau\nđ. Đơn đề nghị.",
            // A column of numbers, a number alone in a table's cell.
            "Ban hành ngày 28/10/2025\n67",
            "Enrique K. Razon\n5,1",
            // A headline and its dateline.
            "Cụm thi đua các tỉnh: 6 tháng phát triển mới hơn 9.400 đoàn viên\n19/07/2023 09:42",
            // A capital after a word that can end a line; white space at the break; a blank line.
            "Quyết định số 15 của Ủy ban nhân dân tỉnh\nBộ trưởng Bộ Nội vụ.",
            "Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm \n2010 của Chính phủ.",
            "Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm\n\n2010 của Chính phủ.",
        ] {
            assert!(joined(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn a_page_whose_paragraphs_run_on_one_line_has_no_wraps() {
        let para = "UBND tỉnh Bình Định đã tuyên dương, khen thưởng 6 cá nhân đạt thành tích xuất sắc tại SEA \
                    Games 31, trong đó có 1 trưởng đoàn, 1 huấn luyện viên và 4 vận động viên thi đấu.";
        let caption = "Lãnh đạo tỉnh tặng hoa, bằng khen cho các vận động viên có thành tích tại SEA Games 31\n\
                       hoàng trọng";
        // A caption over its credit, twice, among paragraphs wider than the caption.
        let page = format!("{para}\n\n[img]\n{caption}\n\n{para}\n\n{para}\n\n[img]\n{caption}\n\n{para}\n\n{para}");
        assert!(joined(&page).is_empty());
        // Wrapped at the caption's width, the same paragraphs outnumber the lines wider.
        let wrapped = "UBND tỉnh Bình Định đã tuyên dương, khen thưởng 6 cá nhân đạt thành tích xuất sắc\n\
                       tại SEA Games 31, trong đó có 1 trưởng đoàn, 1 huấn luyện viên và 4 vận động viên\n\
                       thi đấu.";
        let page = format!("{wrapped}\n\n[img]\n{caption}\n\n{wrapped}\n\n{para}");
        assert_eq!(joined(&page).len(), 5, "{page}");
    }

    #[test]
    fn a_line_ending_on_a_word_that_takes_what_follows_goes_on_on_any_page() {
        let para = "UBND tỉnh Bình Định đã tuyên dương, khen thưởng 6 cá nhân đạt thành tích xuất sắc tại SEA \
                    Games 31, trong đó có 1 trưởng đoàn, 1 huấn luyện viên và 4 vận động viên thi đấu.";
        let item =
            "**7. Cơ cấu nguồn vốn:** Nguồn vốn theo Nghị quyết 37/2021/QH15 của\nQuốc hội; mức vốn 244,7 tỷ đồng.";
        // Paragraphs on one line: the page is not hard-wrapped, yet `của` ends no line of running text.
        let page = format!("Tin tổng hợp\n\n{para}\n\n{item}\n\n{para}\n\n{para}");
        assert_eq!(joined(&page), ["Quốc hội; mức vốn 244,7 tỷ đồng."]);
        // A headline may end on it (`hôi của`: looting), and a body's head ends one (`đi bộ`).
        let page = format!("Xe tải lật, nhiều người hôi của\nXe tải chở cám lật trên quốc lộ.\n\n{para}\n\n{para}");
        assert!(joined(&page).is_empty());
        let page = format!("Tin tổng hợp\n\n{para}\n\nPhố đi bộ\nBộ trưởng Bộ Nội vụ dự.\n\n{para}");
        assert!(joined(&page).is_empty());
    }

    #[test]
    fn list_items_and_numbers_are_told_apart() {
        for item in ["1. Đơn", "2.1. Đơn", "3) Đơn", "a) Đơn", "đ) Đơn", "iv. Đơn", "12.", "b)"] {
            assert!(opens_list_item(item), "{item}");
        }
        for not in ["1.234 người", "2025 của", "an toàn", "v.v. các", "x", "10/11/2025", ""] {
            assert!(!opens_list_item(not), "{not}");
        }
    }

    #[test]
    fn a_headline_above_a_paragraph_on_one_line_is_no_wrap() {
        // The line after is far longer than any line before a break that may be a wrap: a
        // paragraph written on one line, under a headline with no stop.
        let lede = "Sáng ngày 9/6, Phòng nghiệp vụ Công an tỉnh cho biết đã tiếp nhận 11 nạn nhân bị lừa bán \
                    sang Trung Quốc, sau nhiều tháng bị giữ ở bên kia biên giới, và đưa họ về với gia đình.";
        assert!(joined(&format!("11 nạn nhân bị lừa bán sang Trung Quốc đã trở về và\n{lede}")).is_empty());
        // Under lines as wide as itself, the same break is a wrap.
        let wrapped = "Công an tỉnh đã tiếp nhận 11 nạn nhân bị lừa bán sang Trung Quốc và\n\
                       đưa họ về với gia đình trong ngày, sau khi xác minh nhân thân của\n\
                       từng người.";
        assert_eq!(joined(wrapped).len(), 2);
    }

    #[test]
    fn soft_wraps_become_spaces_and_nothing_else_moves() {
        let lists = Lists::new();
        let src = "Căn cứ Nghị định số 78/2025/NĐ-CP ngày\r01/4/2025 của Chính phủ quy định chi tiết.\nHết.";
        let src = src.replace('\r', "\n");
        let mut text = Cow::Borrowed(src.as_str());
        let wraps = read_soft_wraps(&mut text, &lists.get());
        assert_eq!(wraps, [src.find('\n').unwrap()]);
        assert_eq!(text.len(), src.len());
        assert_eq!(text, src.replacen('\n', " ", 1));
        // A text with no wrap stays borrowed.
        let mut plain = Cow::Borrowed("Tiêu đề bài viết\nNội dung bài viết.");
        assert!(read_soft_wraps(&mut plain, &lists.get()).is_empty());
        assert!(matches!(plain, Cow::Borrowed(_)));
    }

    #[test]
    fn a_paragraph_read_across_wraps_is_no_run_of_headlines() {
        let z = zones(
            "Tiêu đề của văn bản quy phạm pháp luật\n\
             *Căn cứ Thông tư số 03/2025/TT-VPCP ngày 15 tháng 9 năm 2025 của Văn phòng Chính phủ hướng\n\
             dẫn thi hành một số nội dung của Nghị định số 118/2025/NĐ-CP về Bộ phận Một cửa và Cổng\n\
             Dịch vụ công quốc gia;*",
        );
        assert_eq!(z[1].1, "body", "{:?}", z[1].0);
        assert!(z[1].0.contains("hướng dẫn"));
    }

    #[test]
    fn a_sentence_with_no_stop_between_paragraphs_is_no_run_of_headlines() {
        let para =
            |s: &str| format!("{s}, ông được bổ nhiệm giữ chức Phó Tư lệnh kiêm Tham mưu trưởng Quân chủng Hải quân.");
        let line = "Ngày 11 tháng 9 năm 2020, tại Quyết định 1396/QĐ-TTg Thủ tướng Chính phủ bổ nhiệm đồng chí \
                    Chuẩn Đô đốc Trần Thanh Nghiêm giữ chức Tư lệnh Quân chủng Hải Quân, Bộ Quốc phòng";
        let page = format!(
            "Tiểu sử Trần Thanh Nghiêm\n\n{}\n\n{line}\n\n{}",
            para("Tháng 7 năm 2019"),
            para("Tháng 5 năm 2023")
        );
        let z = zones(&page);
        assert_eq!(z.iter().find(|(t, _)| t == line).map(|x| x.1), Some("body"));
        // A run of headlines is related at the end of the article, before other headlines, and glued
        // between two of its paragraphs too (as a seed page prints one).
        let run = "Phường Xuân Đỉnh ra quân tổng vệ sinh môi trường chào mừng ngày bầu cử Nâng cao đời sống \
                   văn hóa, tinh thần cho người lao động Công đoàn và Ngân hàng ký kết hợp tác về phúc lợi";
        let page = format!("Tiểu sử Trần Thanh Nghiêm\n\n{}\n\n{run}\nTin nóng trong ngày", para("Tháng 7 năm 2019"));
        let z = zones(&page);
        assert_eq!(z.iter().find(|(t, _)| t == run).map(|x| x.1), Some("related"));
        let page = format!(
            "Tiểu sử Trần Thanh Nghiêm\n\n{}\n\n{run}\n\n{}",
            para("Tháng 7 năm 2019"),
            para("Tháng 5 năm 2023")
        );
        let z = zones(&page);
        assert_eq!(z.iter().find(|(t, _)| t == run).map(|x| x.1), Some("related"));
    }

    #[test]
    fn prose_above_the_headline_found_is_the_article() {
        let para = "Thời gian qua, tỉnh đầu tư kinh phí thực hiện công tác đo đạc, lập bản đồ địa chính cho các xã, \
                    phường. Đến nay đã hoàn thành việc đo đạc cho 120 xã với tổng diện tích hơn 606.640 ha, \
                    phục vụ công tác quản lý đất đai, cấp giấy chứng nhận quyền sử dụng đất cho người dân. Ngoài \
                    ra, tỉnh đã xây dựng cơ sở dữ liệu đất đai cho toàn bộ các huyện, thị xã và thành phố.";
        let z = zones(&format!(
            "Trang chủ\n{para}\nCông tác đo đạc giúp nâng cao hiệu quả quản lý đất đai\nNội dung tiếp theo.\n"
        ));
        assert_eq!(z[0].1, "nav", "a menu line stays navigation");
        assert_eq!(z[1].1, "body", "a paragraph of sentences is the article's");
        assert_eq!(z[2].1, "title");
    }

    #[test]
    fn title_body_and_related_list() {
        let z = zones(
            "Tăng cường công tác tuyên truyền trong đoàn viên\nNội dung bài viết có 5 cuộc thi.\nTin khác\nBảo hiểm lỗ hơn 6.300 tỷ đồng\n",
        );
        assert_eq!(z[0].1, "title");
        assert_eq!(z[1].1, "body");
        assert_eq!(z[2].1, "nav");
        assert_eq!(z[3].1, "related");
    }

    #[test]
    fn navigation_before_the_headline_and_a_dateline_under_it() {
        let z = zones(
            "• /upload/images/slide/bk5.jpg\nLIÊN ĐOÀN LAO ĐỘNG\nMenu\n\"Đẩy mạnh các phong trào thi đua yêu nước!\"\n\nCác cấp công đoàn thành phố Bắc Kạn: Chú trọng tuyên truyền\n\nCập nhật lúc 15:51 - 14/05/2020 (GMT +07:00)\n\nThân bài.",
        );
        assert_eq!(z[0].1, "nav");
        assert_eq!(z[3].1, "nav", "a slogan banner is not the headline");
        assert_eq!(z[5].1, "title");
        assert_eq!(z[7].1, "meta");
        assert_eq!(z[9].1, "body");
    }

    #[test]
    fn captions_after_an_image_mark() {
        let z = zones(
            "Tiêu đề bài viết về công đoàn quận\nĐoạn một.\n![]() |\nCán bộ tham gia hội thi. (Ảnh: Đinh Luyện) |\nĐoạn hai.",
        );
        assert_eq!(z[2].1, "caption");
        assert_eq!(z[3].1, "caption");
        assert_eq!(z[4].1, "body");
    }

    #[test]
    fn a_run_of_headlines_is_related() {
        let rules = crate::rules::RuleSet::builtin().expect("built-in rules");
        let run = |t: &str| is_headline_run(t, rules.lexicon("takes_name"));
        let t = "Phường Xuân Đỉnh ra quân tổng vệ sinh môi trường chào mừng ngày bầu cử Nâng cao đời sống văn hóa, tinh thần cho người lao động Công đoàn và Ngân hàng ký kết hợp tác về phúc lợi đoàn viên và người lao động";
        assert!(run(t));
        assert!(!run(
            "Trong quý II/2021, Liên đoàn Lao động quận Bắc Từ Liêm xác định sẽ nỗ lực hoàn thành 21 nhiệm vụ trọng tâm. Trong đó, tập trung vào việc tổ chức"
        ));
    }

    #[test]
    fn a_sentence_with_names_is_no_run_of_headlines() {
        let rules = crate::rules::RuleSet::builtin().expect("built-in rules");
        let run = |t: &str| is_headline_run(t, rules.lexicon("takes_name"));
        // Prose capitalises bodies, documents and places after lower-case words.
        for t in [
            "Ngày 28 tháng 12 năm 2012, Chính phủ ban hành Nghị quyết 89/NQ-CP về việc thành lập thị xã Bình Minh thuộc tỉnh Vĩnh Long trên cơ sở toàn bộ diện tích tự nhiên và dân số của huyện Bình Minh.[15]",
            "Trường hợp chưa có thông tin của người cần cấp thẻ căn cước trong Cơ sở dữ liệu quốc gia về dân cư thì phải thực hiện thủ tục cập nhật, điều chỉnh thông tin vào Cơ sở dữ liệu quốc gia về dân cư theo quy định tại các khoản 1, 2 và 3 Điều 10 Luật Căn cước 2023",
            "Chủ tịch UBND tỉnh Phạm Anh Tuấn phát biểu ôn lại truyền thống đấu tranh anh dũng của Đảng bộ, quân và dân Bình Định trong suốt những năm tháng kháng chiến chống Mỹ cứu nước",
            "Ngày 11 tháng 9 năm 2020, tại Quyết định 1396/QĐ-TTg Thủ tướng Chính phủ bổ nhiệm đồng chí Chuẩn Đô đốc Trần Thanh Nghiêm giữ chức Tư lệnh Quân chủng Hải Quân, Bộ Quốc phòng",
            "*Toàn văn Thông tư 73/2025/TT-BQP sửa đổi Thông tư 168/2020/TT-BQP về trang phục Cảnh sát biển Việt Nam? (Hình từ Internet)*",
            "- Đặng Hồng Anh (SN 1980) – Chủ tịch Hội Doanh nhân trẻ Việt Nam, Phó Chủ tịch Hội đồng quản trị Tập đoàn TTC và Tổng Giám đốc Công ty",
        ] {
            assert!(!run(t), "{t}");
        }
        // A photo's caption ends in its credit; documents are capitalised after the verbs and nouns
        // that take them (`thực hiện Nghị quyết`, `nội dung Nghị quyết`).
        let caption = "Ủy viên Bộ Chính trị, Bí thư Đảng ủy Chính phủ, Thủ tướng Phạm Minh Chính chủ trì Hội nghị đánh giá 3 năm thực hiện Nghị quyết số 18-NQ/TW và 1 năm thi hành Luật Đất đai năm 2024, đề xuất điều chỉnh, bổ sung một số nội dung Nghị quyết 18-NQ/TW làm cơ sở sửa đổi Luật Đất đai năm 2024";
        assert!(!run(&format!("{caption} - Ảnh: VGP/Nhật Bắc")));
        assert!(!run(caption));
        assert!(!run(&format!("{caption} (Ảnh: TTXVN)")));
        // The same words run together with new headlines are still a run.
        assert!(run(
            "Tiếp tục hỗ trợ “Mái ấm Công đoàn” cho đoàn viên khó khăn Không ngừng nâng cao đời sống vật chất, tinh thần cho người lao động Năm 2023: Công đoàn Thủ đô tiếp tục trích Quỹ xã hội hỗ trợ"
        ));
    }

    #[test]
    fn reference_marks_closing_a_sentence() {
        assert_eq!(strip_reference_marks("huyện Bình Minh.[15]"), "huyện Bình Minh.");
        assert_eq!(strip_reference_marks("năm 1936 tại Bồng Sơn.[2][3]"), "năm 1936 tại Bồng Sơn.");
        assert_eq!(strip_reference_marks("ghi chú [a]"), "ghi chú");
        assert_eq!(strip_reference_marks("Bảng [Phụ lục]"), "Bảng [Phụ lục]");
        assert_eq!(strip_reference_marks("[1]"), "");
    }

    #[test]
    fn byline_names() {
        assert_eq!(byline_name("Lê Thắm").as_deref(), Some("Lê Thắm"));
        assert_eq!(
            byline_name("Đào Thị Thúy-Chủ tịch Liên đoàn Lao động thành phố Bắc Kạn").as_deref(),
            Some("Đào Thị Thúy")
        );
        assert_eq!(byline_name("Bài và ảnh: Nguyễn Văn An").as_deref(), Some("Nguyễn Văn An"));
        assert_eq!(byline_name("Xây dựng chính quyền vững mạnh."), None);
    }
}
