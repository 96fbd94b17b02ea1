//! Splitting a page into zones: title, meta (dateline, byline), body, captions, related-article lists
//! and navigation.
//!
//! Scraped pages keep the site around the article: menus and image paths before it, lists of other
//! headlines (`Tin khác`, `Có thể bạn quan tâm`) after it, photo captions inside it. Facts in those
//! lists are not the article's, so every line gets a zone and, by default, only article zones are read.
//! The markers are data (`rules/lexicon/related_markers.txt`, `nav_lines.txt`); the shape tests
//! (a headline run, a dateline, a byline) are here.

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

/// A dateline is short; longer lines are not tried.
fn is_dateline(t: &str) -> bool {
    t.len() <= 90 && DATELINE.is_match(t)
}

/// `Hoạt động 30/09/2023 17:33`: a category and a timestamp, as under each headline of a list.
static LIST_TIMESTAMP: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^[^0-9\n]+ [0-9]{1,2}/[0-9]{1,2}/[0-9]{4} +[0-9]{1,2}:[0-9]{2}$").expect("timestamp regex")
});

static CAPTION_MARK: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^!\[[^\]]*\]\([^)]*\)[ \t]*\|?[ \t]*$").expect("caption regex"));

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

/// Splits `text` into lines and gives each a zone.
pub fn layout(text: &str, lex: &ZoneLexicons<'_>) -> Layout {
    layout_marked(text, lex, &|_| Mark::Free)
}

/// [`layout`] for a page whose markup marks its lines: `mark` gives the mark of the line starting
/// at an offset. A marked zone is taken as it is; a marked headline is the headline; the other
/// lines are zoned by their text, except that a list marker (`Tin khác`) inside a marked zone does
/// not turn the rest of the page into a list.
pub fn layout_marked(text: &str, lex: &ZoneLexicons<'_>, mark: &dyn Fn(usize) -> Mark) -> Layout {
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
        } else if CAPTION_MARK.is_match(t) {
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
        } else if t.len() <= 90 && LIST_TIMESTAMP.is_match(t) && t.starts_with(char::is_uppercase) {
            // A headline and its timestamp: both belong to a list of other articles.
            if let Some(prev) = (title + 1..i).rev().find(|&k| !trimmed[k].is_empty()) {
                layout.lines[prev].zone = Zone::Related;
            }
            Zone::Related
        } else if is_headline_run(t) {
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
    if (t.len() <= 48 && lex.nav_lines.contains_ci(t.trim_end_matches([':', '.', ' ']))) || URL_OR_PATH.is_match(t) {
        return true;
    }
    if t.starts_with("-->") || t.starts_with("<!--") || t == "|" || t.starts_with('©') {
        return true;
    }
    let head = crate::normalize::lower(&t[..t.char_indices().nth(12).map_or(t.len(), |(i, _)| i)]);
    if head.starts_with("bản quyền") || head.starts_with("copyright") || head.starts_with("trang chủ >") {
        return true;
    }
    // Site names and menu captions: short lines in capitals.
    t.split_whitespace().nth(6).is_none() && {
        let mut letters = t.chars().filter(|&c| crate::normalize::is_letter(c)).peekable();
        letters.peek().is_some() && letters.all(|c| !c.is_lowercase())
    }
}

/// A slogan banner: a whole line in quotes ending in `!`.
fn is_slogan(t: &str) -> bool {
    let starts = t.starts_with(['"', '“']);
    let ends = t.ends_with("!\"") || t.ends_with("!”");
    starts && ends
}

/// Whether `t` can be a headline: a phrase of a few words, not a sentence run or a menu.
fn is_title_like(t: &str) -> bool {
    let words = t.split_whitespace().count();
    let chars = t.chars().count();
    (3..=60).contains(&words)
        && (15..=320).contains(&chars)
        && !is_slogan(t)
        && !t.starts_with("![")
        && !t.ends_with(':')
        && !is_dateline(t)
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
/// word that takes what follows it (`của`, `tại`, `ban hành`, `giữ chức` … [`TAKES_OBJECT`]), and
/// followed by a lower-case word (a name goes on in capitals: `thị xã Bình Minh`). A heading, an
/// item of a list, a caption in emphasis, a table row or a line of questions is no run, nor is a
/// sentence closed by a reference mark (`… huyện Bình Minh.[15]`).
fn is_headline_run(t: &str) -> bool {
    let t = strip_reference_marks(t.trim_matches(|c: char| c == '*' || c.is_whitespace()));
    if t.chars().count() < 100 || t.ends_with(['.', '!', '?', ';', ':', '…', ')', '"', '”', '|']) {
        return false;
    }
    if t.starts_with(['#', '-', '+', '[', '>', '(', '*']) || t.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if [". ", "; ", "? ", "! ", ".[", "*", "|"].iter().any(|p| t.contains(p)) {
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
                && !TAKES_OBJECT.contains(&crate::normalize::lower(w[1]).as_str())
        })
        .count();
    restarts >= 2
}

/// Words after which a capitalised word goes on the sentence (a name, a body, a document) rather
/// than starting a headline: prepositions, conjunctions, verbs and nouns that take a name.
const TAKES_OBJECT: &[&str] = &[
    "của",
    "về",
    "tại",
    "trong",
    "vào",
    "theo",
    "với",
    "và",
    "cho",
    "từ",
    "là",
    "hành",
    "gồm",
    "như",
    "ở",
    "đến",
    "bởi",
    "các",
    "những",
    "tới",
    "giữa",
    "thuộc",
    "do",
    "sang",
    "qua",
    "nhận",
    "đón",
    "gặp",
    "tiếp",
    "thăm",
    "trên",
    "dưới",
    "quyết",
    "đạo",
    "nước",
    "tỉnh",
    "huyện",
    "xã",
    "phường",
    "thành",
    "quận",
    "ông",
    "bà",
    "anh",
    "chị",
    "đồng",
    "chí",
    "hoặc",
    "hay",
    "có",
    "gọi",
    "tên",
    "lập",
    "chức",
];

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
    // A signature: the name before a dash and a position.
    let name_part = match t.split_once(['-', '–']) {
        Some((a, b)) if !b.trim().is_empty() && b.trim().chars().next().is_some_and(|c| c.is_uppercase()) => a.trim(),
        _ => t.trim(),
    };
    let words: Vec<&str> = name_part.split_whitespace().collect();
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
    use super::*;

    fn lex() -> (Lexicon, Lexicon) {
        (
            Lexicon::parse("r", "r", "Tin khác\nCó thể bạn quan tâm\nNên xem\nXem thêm\nTin liên quan\n").unwrap(),
            Lexicon::parse("n", "n", "Menu\nPhiên bản di động\nXem thêm\n").unwrap(),
        )
    }

    fn zones(text: &str) -> Vec<(String, &'static str)> {
        let (r, n) = lex();
        let l = layout(text, &ZoneLexicons { related_markers: &r, nav_lines: &n });
        l.lines.iter().map(|x| (text[x.start..x.end].to_string(), x.zone.name())).collect()
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
        let t = "Phường Xuân Đỉnh ra quân tổng vệ sinh môi trường chào mừng ngày bầu cử Nâng cao đời sống văn hóa, tinh thần cho người lao động Công đoàn và Ngân hàng ký kết hợp tác về phúc lợi đoàn viên và người lao động";
        assert!(is_headline_run(t));
        assert!(!is_headline_run(
            "Trong quý II/2021, Liên đoàn Lao động quận Bắc Từ Liêm xác định sẽ nỗ lực hoàn thành 21 nhiệm vụ trọng tâm. Trong đó, tập trung vào việc tổ chức"
        ));
    }

    #[test]
    fn a_sentence_with_names_is_no_run_of_headlines() {
        // Prose capitalises bodies, documents and places after lower-case words.
        for t in [
            "Ngày 28 tháng 12 năm 2012, Chính phủ ban hành Nghị quyết 89/NQ-CP về việc thành lập thị xã Bình Minh thuộc tỉnh Vĩnh Long trên cơ sở toàn bộ diện tích tự nhiên và dân số của huyện Bình Minh.[15]",
            "Trường hợp chưa có thông tin của người cần cấp thẻ căn cước trong Cơ sở dữ liệu quốc gia về dân cư thì phải thực hiện thủ tục cập nhật, điều chỉnh thông tin vào Cơ sở dữ liệu quốc gia về dân cư theo quy định tại các khoản 1, 2 và 3 Điều 10 Luật Căn cước 2023",
            "Chủ tịch UBND tỉnh Phạm Anh Tuấn phát biểu ôn lại truyền thống đấu tranh anh dũng của Đảng bộ, quân và dân Bình Định trong suốt những năm tháng kháng chiến chống Mỹ cứu nước",
            "Ngày 11 tháng 9 năm 2020, tại Quyết định 1396/QĐ-TTg Thủ tướng Chính phủ bổ nhiệm đồng chí Chuẩn Đô đốc Trần Thanh Nghiêm giữ chức Tư lệnh Quân chủng Hải Quân, Bộ Quốc phòng",
            "*Toàn văn Thông tư 73/2025/TT-BQP sửa đổi Thông tư 168/2020/TT-BQP về trang phục Cảnh sát biển Việt Nam? (Hình từ Internet)*",
            "- Đặng Hồng Anh (SN 1980) – Chủ tịch Hội Doanh nhân trẻ Việt Nam, Phó Chủ tịch Hội đồng quản trị Tập đoàn TTC và Tổng Giám đốc Công ty",
        ] {
            assert!(!is_headline_run(t), "{t}");
        }
        // The same words run together with new headlines are still a run.
        assert!(is_headline_run(
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
