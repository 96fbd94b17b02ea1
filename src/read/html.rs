//! The HTML form: a web page's text, block by block, with the map from each character back to the
//! bytes of the page, and what its markup says about the page (zones, headline, date, author).
//!
//! The page is tokenized by `lol_html`, a streaming HTML5 tokenizer that gives each text node's and
//! tag's place in the source; the text is then written line by line:
//!
//! - one line per block: `p`, `li`, `h1`–`h6`, a table row (its cells joined by a space),
//!   `figcaption`, `blockquote`, `div`, … and at each `br`; within a block, runs of white space are
//!   one space, as a browser shows them;
//! - `script`, `style`, `noscript`, `template`, `svg` (and `iframe`, `object`, `textarea`, `select`)
//!   and comments give nothing;
//! - character references (`&amp;`, `&agrave;`, `&#7901;`, `&#x1EDD;`) are decoded, each mapped to
//!   all of its bytes.
//!
//! Records then point into the page: `start`/`end` from the first byte of a match's first
//! character to the last byte of its last character (a character written `&agrave;` is those 8
//! bytes), `text` as read (tags removed, references decoded), `line` the page's line.
//!
//! The markup marks each line for the zoner: `nav`, `header`, `footer` (outside an article), and
//! elements whose class or id says menu, breadcrumb, share, social or footer are navigation;
//! `aside` and classes or ids saying related, sidebar or comment are lists of other articles; a
//! `figure` or `figcaption` (or a class saying caption) is a caption; the first `h1` outside those
//! is the headline, else the page's `<title>`. The page record takes its title from `og:title` or
//! that `h1`, its date from `article:published_time`, `datePublished` (a `meta`, `time` or JSON-LD)
//! or the first `<time datetime>`, its author from `<meta name="author">`.

use std::cell::RefCell;
use std::rc::Rc;

use lol_html::html_content::{Element, TextChunk, TextType};
use lol_html::{HtmlRewriter, Settings, doc_text, element};
use once_cell::sync::Lazy;
use rustc_hash::FxHashMap;

use crate::offsets::OffsetMap;
use crate::record::Zone;
use crate::zones::Mark;

/// What the markup of a page says, beside its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    /// Where each line of the text starts, and its mark; in order.
    pub lines: Vec<(usize, Mark)>,
    pub meta: PageMeta,
}

impl Structure {
    /// The mark of the line holding offset `p` of the text.
    pub fn mark_at(&self, p: usize) -> Mark {
        let i = self.lines.partition_point(|(s, _)| *s <= p);
        if i == 0 { Mark::Free } else { self.lines[i - 1].1 }
    }
}

/// The page record's fields as the markup gives them, values as written (entities decoded).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
}

/// A page's text read from its markup.
#[derive(Debug)]
pub struct Read {
    pub text: String,
    /// Offsets in `text` → offsets in the original bytes.
    pub map: OffsetMap,
    pub structure: Structure,
}

/// Reads the text of the page `src`, whose offsets map to the original bytes by `inner` (the
/// identity for a UTF-8 page; a page in another character set was decoded to `src` first).
pub fn read(src: &str, inner: &OffsetMap) -> Result<Read, String> {
    let events = tokenize(src)?;
    let mut w = Writer::new(src, inner);
    for ev in &events.list {
        match *ev {
            Event::Break => w.line_open = false,
            Event::Cell => {
                if w.line_open {
                    w.space = Some(None);
                }
            }
            Event::Text { start, end, mark } => w.text(start, end, mark),
        }
    }
    let mut lines = std::mem::take(&mut w.lines);
    // The first h1 outside navigation and lists is the headline; the page's <title> only stands in
    // for one that is missing.
    let headline = lines.iter().position(|(_, m)| *m == Role::Headline);
    let mut title_seen = false;
    let lines = lines
        .drain(..)
        .enumerate()
        .map(|(i, (s, role))| {
            let mark = match role {
                Role::Headline if Some(i) == headline => Mark::Title,
                Role::DocTitle if headline.is_none() && !title_seen => {
                    title_seen = true;
                    Mark::Title
                }
                Role::DocTitle => Mark::Zone(Zone::Nav),
                Role::Zone(z) => Mark::Zone(z),
                Role::Caption => Mark::Zone(Zone::Caption),
                _ => Mark::Free,
            };
            (s, mark)
        })
        .collect();
    Ok(Read { text: w.out, map: w.map, structure: Structure { lines, meta: events.meta } })
}

/// What a text node is part of, by the elements around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Body,
    Headline,
    /// The document's `<title>`.
    DocTitle,
    Caption,
    Zone(Zone),
}

/// What the tokenizer saw, in order.
#[derive(Debug, Clone, Copy)]
enum Event {
    /// A text node, `start..end` of the source, with its role.
    Text { start: usize, end: usize, mark: Role },
    /// A block begins or ends.
    Break,
    /// A table cell begins.
    Cell,
}

struct Events {
    list: Vec<Event>,
    meta: PageMeta,
}

/// An element that matters while it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    /// Its text is not the page's.
    Skip,
    /// JSON-LD: read for its date.
    JsonLd,
    Title,
    Article,
    Role(Role),
}

#[derive(Default)]
struct Tokens {
    list: Vec<Event>,
    /// Open elements that matter, each with the id its end tag closes.
    stack: Vec<(u32, Open)>,
    next: u32,
    /// The text node being read, and its role.
    node: Option<(usize, usize, Option<Role>)>,
    /// The text of the JSON-LD script being read.
    json: String,
    og_title: Option<String>,
    published: Option<String>,
    /// `datePublished` from JSON-LD, and the first `<time datetime>`: used when nothing better says.
    ld_published: Option<String>,
    time: Option<String>,
    author: Option<String>,
}

impl Tokens {
    fn role(&self) -> Option<Role> {
        let mut role = Role::Body;
        for (_, open) in &self.stack {
            match open {
                Open::Skip | Open::JsonLd => return None,
                Open::Title => role = Role::DocTitle,
                Open::Role(Role::Zone(z)) => return Some(Role::Zone(*z)),
                Open::Role(r @ Role::Caption) => role = *r,
                Open::Role(r) if role == Role::Body => role = *r,
                _ => {}
            }
        }
        Some(role)
    }

    fn in_article(&self) -> bool {
        self.stack.iter().any(|(_, o)| *o == Open::Article)
    }

    fn close(&mut self, id: u32) {
        // Elements opened inside it and left open are closed with it.
        if let Some(i) = self.stack.iter().rposition(|(k, _)| *k == id) {
            self.stack.truncate(i);
        }
    }
}

/// Block elements: a line ends where one begins or ends.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "figure"
            | "figcaption"
            | "blockquote"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "address"
            | "pre"
            | "form"
            | "fieldset"
            | "legend"
            | "hr"
            | "br"
            | "title"
            | "body"
            | "center"
            | "details"
            | "summary"
    )
}

/// The zone a class or id names: navigation, or lists of other articles; a caption.
fn named_role(attr: &str) -> Option<Role> {
    let a = attr.to_ascii_lowercase();
    let has = |w: &str| a.contains(w);
    if has("breadcrumb") || has("menu") || has("navbar") || has("share") || has("social") || has("footer") {
        Some(Role::Zone(Zone::Nav))
    } else if has("related") || has("sidebar") || has("comment") || has("lienquan") || has("tin-khac") {
        Some(Role::Zone(Zone::Related))
    } else if has("caption") {
        Some(Role::Caption)
    } else {
        None
    }
}

fn open_of(el: &Element<'_, '_>, t: &Tokens) -> Option<Open> {
    let name = el.tag_name();
    Some(match name.as_str() {
        "script" if el.get_attribute("type").is_some_and(|v| v.eq_ignore_ascii_case("application/ld+json")) => {
            Open::JsonLd
        }
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object" | "textarea" | "select" => {
            Open::Skip
        }
        "title" => Open::Title,
        "nav" => Open::Role(Role::Zone(Zone::Nav)),
        "header" | "footer" if !t.in_article() => Open::Role(Role::Zone(Zone::Nav)),
        "aside" => Open::Role(Role::Zone(Zone::Related)),
        "figure" | "figcaption" => Open::Role(Role::Caption),
        "article" | "main" => Open::Article,
        "h1" => Open::Role(Role::Headline),
        _ => {
            let named = el.get_attribute("class").and_then(|c| named_role(&c));
            let named = named.or_else(|| el.get_attribute("id").and_then(|c| named_role(&c)));
            Open::Role(named?)
        }
    })
}

/// Runs the tokenizer over the page: its text nodes with their roles, block edges, and the page's
/// meta data.
fn tokenize(src: &str) -> Result<Events, String> {
    let t = Rc::new(RefCell::new(Tokens::default()));
    let (te, tt) = (Rc::clone(&t), Rc::clone(&t));
    let settings = Settings::new()
        .append_element_content_handler(element!("*", move |el| {
            on_element(&te, el);
            Ok(())
        }))
        .append_document_content_handler(doc_text!(move |chunk| {
            on_text(&tt, chunk);
            Ok(())
        }))
        .with_strict(false);
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter.write(src.as_bytes()).map_err(|e| e.to_string())?;
    rewriter.end().map_err(|e| e.to_string())?;
    let t = Rc::try_unwrap(t).map_err(|_| "the tokenizer kept its state".to_string())?.into_inner();
    let published = t.published.or(t.ld_published).or(t.time).and_then(|d| iso_date(&d));
    let meta = PageMeta {
        title: t.og_title.map(|s| decode_entities(&s)).filter(|s| !s.trim().is_empty()),
        published,
        author: t.author.map(|s| decode_entities(&s)).filter(|s| !s.trim().is_empty()),
    };
    Ok(Events { list: t.list, meta })
}

fn on_element(state: &Rc<RefCell<Tokens>>, el: &mut Element<'_, '_>) {
    let mut t = state.borrow_mut();
    flush_node(&mut t);
    let name = el.tag_name();
    match name.as_str() {
        "meta" => {
            let content = el.get_attribute("content");
            let key = el
                .get_attribute("property")
                .or_else(|| el.get_attribute("name"))
                .or_else(|| el.get_attribute("itemprop"))
                .map(|k| k.to_ascii_lowercase());
            match (key.as_deref(), content) {
                (Some("og:title"), Some(c)) => {
                    t.og_title.get_or_insert(c);
                }
                (Some("article:published_time" | "datepublished" | "pubdate" | "publishdate"), Some(c)) => {
                    t.published.get_or_insert(c);
                }
                (Some("author" | "article:author"), Some(c)) if !c.starts_with("http") => {
                    t.author.get_or_insert(c);
                }
                _ => {}
            }
            return;
        }
        "time" => {
            if let Some(d) = el.get_attribute("datetime") {
                if el.get_attribute("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished")) {
                    t.published.get_or_insert(d);
                } else if t.role().is_some_and(|r| !matches!(r, Role::Zone(_))) {
                    t.time.get_or_insert(d);
                }
            }
        }
        "td" | "th" => t.list.push(Event::Cell),
        _ => {}
    }
    let block = is_block(&name);
    let open = open_of(el, &t);
    if block || open.is_some() {
        t.list.push(Event::Break);
    }
    if !el.can_have_content() || (!block && open.is_none()) {
        return;
    }
    let id = t.next;
    t.next += 1;
    if let Some(o) = open {
        t.stack.push((id, o));
    }
    drop(t);
    let state = Rc::clone(state);
    let _ = el.on_end_tag(lol_html::end_tag!(move |_| {
        let mut t = state.borrow_mut();
        flush_node(&mut t);
        t.close(id);
        t.list.push(Event::Break);
        Ok(())
    }));
}

fn on_text(state: &Rc<RefCell<Tokens>>, chunk: &mut TextChunk<'_>) {
    let mut t = state.borrow_mut();
    let range = chunk.source_location().bytes();
    let kind = chunk.text_type();
    if matches!(t.stack.last(), Some((_, Open::JsonLd))) {
        t.json.push_str(chunk.as_str());
        if chunk.last_in_text_node() {
            let json = std::mem::take(&mut t.json);
            if t.ld_published.is_none() {
                t.ld_published = serde_json::from_str(&json).ok().and_then(|v| date_published(&v));
            }
        }
        return;
    }
    match &mut t.node {
        Some((_, end, _)) if *end == range.start => *end = range.end,
        _ => {
            flush_node(&mut t);
            let role = match kind {
                TextType::Data | TextType::RCData => t.role(),
                _ => None,
            };
            t.node = Some((range.start, range.end, role));
        }
    }
    if chunk.last_in_text_node() {
        flush_node(&mut t);
    }
}

/// The first `datePublished` in a JSON-LD value, at any depth (a `@graph`, a list of objects).
fn date_published(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Object(m) => match m.get("datePublished") {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            _ => m.values().find_map(date_published),
        },
        serde_json::Value::Array(a) => a.iter().find_map(date_published),
        _ => None,
    }
}

fn flush_node(t: &mut Tokens) {
    let Some((start, end, role)) = t.node.take() else { return };
    if let Some(mark) = role
        && start < end
    {
        t.list.push(Event::Text { start, end, mark });
    }
}

/// Writes the text of the page, keeping the map to the original bytes.
struct Writer<'s> {
    src: &'s str,
    inner: &'s OffsetMap,
    out: String,
    map: OffsetMap,
    /// The original offset that the end of `out` stands for, as the map reads it now.
    at: usize,
    lines: Vec<(usize, Role)>,
    /// Whether the current line has text; false after a block edge.
    line_open: bool,
    role: Role,
    /// White space seen since the last text of the line: its source, if any, to map a space to.
    space: Option<Option<(usize, usize)>>,
}

impl<'s> Writer<'s> {
    fn new(src: &'s str, inner: &'s OffsetMap) -> Self {
        Writer {
            src,
            inner,
            out: String::with_capacity(src.len() / 3),
            map: OffsetMap::identity(),
            at: 0,
            lines: Vec::new(),
            line_open: false,
            role: Role::Body,
            space: None,
        }
    }

    /// Brings the map to the original offset `orig` for the end of `out`: what lies between was
    /// left out (tags, comments, scripts).
    fn skip_to(&mut self, orig: usize) {
        if orig > self.at {
            self.map.push(self.out.len(), 0, self.at, orig - self.at);
            self.at = orig;
        }
    }

    /// Copies `src[a..b]` as it is.
    fn copy(&mut self, a: usize, b: usize) {
        if self.inner.is_identity() {
            self.skip_to(a);
            self.out.push_str(&self.src[a..b]);
            self.at = b;
            return;
        }
        self.skip_to(self.inner.start(a));
        let base = self.out.len();
        for (dst, dst_len, src, src_len) in self.inner.pieces_in(a, b) {
            self.map.push(base + dst - a, dst_len, src, src_len);
        }
        self.out.push_str(&self.src[a..b]);
        self.at = self.inner.end(b);
    }

    /// Writes `s`, made of `src[a..b]`.
    fn replace(&mut self, s: &str, a: usize, b: usize) {
        let (oa, ob) = (self.inner.start(a), self.inner.end(b));
        self.skip_to(oa);
        self.map.push(self.out.len(), s.len(), oa, ob - oa);
        self.out.push_str(s);
        self.at = ob;
    }

    /// Writes `s`, made of nothing in the source (a line break between blocks).
    fn insert(&mut self, s: &str) {
        self.map.push(self.out.len(), s.len(), self.at, 0);
        self.out.push_str(s);
    }

    /// What comes before the next text of role `role`: a new line, or the space seen.
    fn before_text(&mut self, role: Role) {
        if !self.line_open || role != self.role {
            if !self.out.is_empty() {
                self.insert("\n");
            }
            self.lines.push((self.out.len(), role));
            self.role = role;
            self.line_open = true;
            self.space = None;
            return;
        }
        match self.space.take() {
            Some(Some((a, b))) if b == a + 1 && self.src.as_bytes()[a] == b' ' => self.copy(a, b),
            Some(Some((a, b))) => self.replace(" ", a, b),
            Some(None) => self.insert(" "),
            None => {}
        }
    }

    fn text(&mut self, start: usize, end: usize, role: Role) {
        let bytes = self.src.as_bytes();
        let mut i = start;
        while i < end {
            let b = bytes[i];
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C') {
                let mut j = i + 1;
                while j < end && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C') {
                    j += 1;
                }
                if self.line_open && role == self.role {
                    self.space = Some(Some((i, j)));
                }
                i = j;
            } else if b == b'&' {
                self.before_text(role);
                match reference(&self.src[i..end]) {
                    Some((len, s)) => {
                        let mut buf = [0u8; 4];
                        let s: &str = match s {
                            Decoded::Str(s) => s,
                            Decoded::Char(c) => c.encode_utf8(&mut buf),
                        };
                        self.replace(s, i, i + len);
                        i += len;
                    }
                    None => {
                        self.copy(i, i + 1);
                        i += 1;
                    }
                }
            } else {
                let mut j = i + 1;
                while j < end && !matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'&') {
                    j += 1;
                }
                self.before_text(role);
                self.copy(i, j);
                i = j;
            }
        }
    }
}

enum Decoded {
    Str(&'static str),
    Char(char),
}

static NAMED: Lazy<FxHashMap<&'static str, &'static str>> = Lazy::new(|| {
    entities::ENTITIES
        .iter()
        .filter_map(|e| Some((e.entity.strip_prefix('&')?.strip_suffix(';')?, e.characters)))
        .collect()
});

/// The character reference at the start of `s` (which begins with `&`): its length and what it
/// stands for. A name without its `;` is read as browsers read the old ones (`&nbsp`, `&amp`), when
/// the whole name is one; a number's code outside Unicode is U+FFFD, and 0x80–0x9F are read as
/// windows-1252, as browsers do.
fn reference(s: &str) -> Option<(usize, Decoded)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let from = if hex { 3 } else { 2 };
        let digits =
            b[from..].iter().take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }).count();
        if digits == 0 {
            return None;
        }
        let n = u32::from_str_radix(&s[from..from + digits], if hex { 16 } else { 10 }).unwrap_or(u32::MAX);
        let len = from + digits + usize::from(b.get(from + digits) == Some(&b';'));
        let c = match n {
            0x80..=0x9F => {
                let byte = [n as u8];
                let (w, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
                w.chars().next().unwrap_or('\u{FFFD}')
            }
            0 => '\u{FFFD}',
            n => char::from_u32(n).unwrap_or('\u{FFFD}'),
        };
        return Some((len, Decoded::Char(c)));
    }
    let name_len = b[1..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    if name_len == 0 {
        return None;
    }
    let name = &s[1..1 + name_len];
    let chars = NAMED.get(name)?;
    let len = 1 + name_len + usize::from(b.get(1 + name_len) == Some(&b';'));
    Some((len, Decoded::Str(chars)))
}

/// An attribute's value with its character references decoded.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(k) = s[i..].find('&') {
        out.push_str(&s[i..i + k]);
        i += k;
        match reference(&s[i..]) {
            Some((len, Decoded::Str(t))) => {
                out.push_str(t);
                i += len;
            }
            Some((len, Decoded::Char(c))) => {
                out.push(c);
                i += len;
            }
            None => {
                out.push('&');
                i += 1;
            }
        }
    }
    out.push_str(&s[i..]);
    out
}

/// A date or date-time as the page's meta data writes it (`2023-09-30`, `2023-09-30T17:33:00+07:00`,
/// `2023-09-30 17:33`, `…Z`, with fractions of a second) → `2023-09-30` or `2023-09-30T17:33:00`
/// with its offset; None for anything else, which the text may still say.
pub fn iso_date(s: &str) -> Option<String> {
    static ISO: Lazy<regex::Regex> = Lazy::new(|| {
        regex::Regex::new(
            r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$",
        )
        .expect("ISO date regex")
    });
    let c = ISO.captures(s.trim())?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (y, m, d) = (num(1)?, num(2)?, num(3)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || y < 1900 {
        return None;
    }
    let date = format!("{y:04}-{m:02}-{d:02}");
    let Some(h) = num(4) else { return Some(date) };
    let (min, sec) = (num(5)?, num(6).unwrap_or(0));
    if h > 23 || min > 59 || sec > 59 {
        return None;
    }
    let tz = match c.get(7).map(|m| m.as_str()) {
        None => String::new(),
        Some("Z") => "+00:00".to_string(),
        Some(z) if z.len() == 5 => format!("{}:{}", &z[..3], &z[3..]),
        Some(z) => z.to_string(),
    };
    Some(format!("{date}T{h:02}:{min:02}:{sec:02}{tz}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<(String, Mark)> {
        let r = read(html, &OffsetMap::identity()).unwrap();
        let mut out = Vec::new();
        for (i, (s, m)) in r.structure.lines.iter().enumerate() {
            let e = r.structure.lines.get(i + 1).map_or(r.text.len(), |(n, _)| n - 1);
            out.push((r.text[*s..e].to_string(), *m));
        }
        out
    }

    #[test]
    fn blocks_are_lines_and_scripts_give_nothing() {
        let html = "<html><head><title>T</title><style>p{}</style><script>var x = 'Nghị quyết 99-NQ/TW';</script></head>\
            <body><h1>Tiêu  đề\n bài</h1><p>Một <b>hai</b>&nbsp;ba<br>bốn</p><!-- Nghị quyết 98-NQ/TW -->\
            <ul><li>năm</li><li>sáu</li></ul><table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>\
            <noscript>bật JavaScript</noscript><template><p>mẫu</p></template><svg><text>hình</text></svg></body></html>";
        let got = lines(html);
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["T", "Tiêu đề bài", "Một hai\u{a0}ba", "bốn", "năm", "sáu", "a b", "c"]);
        assert_eq!(got[0].1, Mark::Zone(Zone::Nav), "the <title> stands aside for the h1");
        assert_eq!(got[1].1, Mark::Title);
    }

    #[test]
    fn references_are_decoded_and_mapped_to_their_bytes() {
        let html = "<p>Ngh&#7883; quy&#x1EBF;t &amp; Ch&iacute;nh ph&#7911 &copy; &bogus; a&b</p>";
        let r = read(html, &OffsetMap::identity()).unwrap();
        assert_eq!(r.text, "Nghị quyết & Chính phủ © &bogus; a&b");
        let at = r.text.find('ị').unwrap();
        assert_eq!(&html[r.map.start(at)..r.map.end(at + 'ị'.len_utf8())], "&#7883;");
        let at = r.text.find('í').unwrap();
        assert_eq!(&html[r.map.start(at)..r.map.end(at + 2)], "&iacute;");
        let at = r.text.find("quy").unwrap();
        let end = at + "quyết".len();
        assert_eq!(&html[r.map.start(at)..r.map.end(end)], "quy&#x1EBF;t");
        let at = r.text.find("phủ").unwrap();
        assert_eq!(&html[r.map.start(at)..r.map.end(at + "phủ".len())], "ph&#7911");
    }

    #[test]
    fn structure_marks_zones() {
        let html = "<body><header><div class=logo>Báo</div><ul class=\"main-menu\"><li>Thời sự</li></ul></header>\
            <div class=breadcrumb>Trang chủ › Tin</div><article><header><h1>Tiêu đề bài báo</h1></header>\
            <p>Thân bài.</p><figure><img src=a.jpg><figcaption>Ảnh: Hà</figcaption></figure>\
            <div class=\"share-bar\">Chia sẻ</div></article><aside><h3>Tin liên quan</h3><p>Tin khác 5%</p></aside>\
            <div id=comments><p>Bạn đọc: 10%</p></div><footer>Bản quyền</footer></body>";
        let got = lines(html);
        let marks: Vec<(&str, Mark)> = got.iter().map(|(t, m)| (t.as_str(), *m)).collect();
        assert_eq!(
            marks,
            [
                ("Báo", Mark::Zone(Zone::Nav)),
                ("Thời sự", Mark::Zone(Zone::Nav)),
                ("Trang chủ › Tin", Mark::Zone(Zone::Nav)),
                ("Tiêu đề bài báo", Mark::Title),
                ("Thân bài.", Mark::Free),
                ("Ảnh: Hà", Mark::Zone(Zone::Caption)),
                ("Chia sẻ", Mark::Zone(Zone::Nav)),
                ("Tin liên quan", Mark::Zone(Zone::Related)),
                ("Tin khác 5%", Mark::Zone(Zone::Related)),
                ("Bạn đọc: 10%", Mark::Zone(Zone::Related)),
                ("Bản quyền", Mark::Zone(Zone::Nav)),
            ]
        );
    }

    #[test]
    fn meta_data_of_the_page() {
        let html = r#"<head><meta property="og:title" content="Nghị quyết &quot;mới&quot;">
            <meta property="article:published_time" content="2023-09-30T17:33:00+07:00">
            <meta name="author" content="Lê Thắm"></head><body><h1>H</h1><time datetime="2020-01-01">x</time></body>"#;
        let r = read(html, &OffsetMap::identity()).unwrap();
        assert_eq!(r.structure.meta.title.as_deref(), Some("Nghị quyết \"mới\""));
        assert_eq!(r.structure.meta.published.as_deref(), Some("2023-09-30T17:33:00+07:00"));
        assert_eq!(r.structure.meta.author.as_deref(), Some("Lê Thắm"));
        let ld = r#"<script type="application/ld+json">{"datePublished": "2021-02-03"}</script><p>x</p><time datetime="2020-01-01 08:05">"#;
        let r = read(ld, &OffsetMap::identity()).unwrap();
        assert_eq!(r.text, "x");
        assert_eq!(r.structure.meta.published.as_deref(), Some("2021-02-03"), "JSON-LD before a <time>");
        let r = read(r#"<p>x</p><time datetime="2020-01-01 08:05">"#, &OffsetMap::identity()).unwrap();
        assert_eq!(r.structure.meta.published.as_deref(), Some("2020-01-01T08:05:00"));
    }

    #[test]
    fn dates_as_meta_data_writes_them() {
        assert_eq!(iso_date("2023-09-30").as_deref(), Some("2023-09-30"));
        assert_eq!(iso_date("2023-09-30T17:33:05.123Z").as_deref(), Some("2023-09-30T17:33:05+00:00"));
        assert_eq!(iso_date("2023-09-30T17:33+0700").as_deref(), Some("2023-09-30T17:33:00+07:00"));
        for bad in ["30/09/2023", "2023-13-01", "2023-09-30T25:00", "hôm qua"] {
            assert_eq!(iso_date(bad), None, "{bad}");
        }
    }
}
