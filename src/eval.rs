//! `trich eval`: extraction compared with annotated pages.
//!
//! A gold file (`NAME.gold.toml` beside `NAME.txt`) lists what an analyst expects from the article:
//! documents and officials once per page, statistics and percentages once per occurrence, and an
//! `optional` list of borderline items that count neither way. Records and gold items are paired,
//! then precision, recall and F1 are counted per kind, and the key fields of every pair compared.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::decimal::Decimal;
use crate::extract::{self, KindSet, Options};
use crate::normalize::fold_value;
use crate::record::{Kind, Record, Value};
use crate::rules::RuleSet;

/// The kinds that are evaluated, in report order.
pub const KINDS: [Kind; 4] = [Kind::Document, Kind::Official, Kind::Statistic, Kind::Percentage];

/// The fields whose accuracy is reported, per kind. A key field the gold leaves out is expected
/// empty: the annotation rules say to leave out what the page does not say.
pub fn key_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Document => &["code", "issued", "issuer", "title"],
        Kind::Official => &["name", "position", "organization"],
        Kind::Statistic => &["value", "unit", "qualifier"],
        Kind::Percentage => &["value", "qualifier", "subject"],
        Kind::Page => &[],
    }
}

/// One expected item.
#[derive(Debug, Clone)]
pub struct GoldItem {
    pub kind: Kind,
    pub fields: BTreeMap<String, Value>,
    /// The words of the page it stands for (statistics, percentages), to help a reader.
    pub text: Option<String>,
}

impl GoldItem {
    fn get(&self, f: &str) -> Value {
        self.fields.get(f).cloned().unwrap_or(Value::Null)
    }
}

/// A page's gold annotation.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    pub source: Option<String>,
    /// The page the gold describes, as written in the file: a path relative to the gold file's
    /// folder (`page = "../../../../shared/corpus/dev/003.txt"`), for pages kept elsewhere.
    pub page: Option<String>,
    /// The page's id when `page` names a JSON Lines file (`.jsonl`, `.jsonl.gz`) of many pages, as
    /// its `id` field writes it.
    pub id: Option<String>,
    pub items: Vec<GoldItem>,
    pub optional: Vec<GoldItem>,
}

/// Reads a gold file.
pub fn read_gold(path: &Path) -> Result<Gold, String> {
    let text = std::fs::read_to_string(path).map_err(|e| crate::read::io_message(&e))?;
    parse_gold(&text)
}

pub fn parse_gold(text: &str) -> Result<Gold, String> {
    let doc: toml::Table = toml::from_str(text).map_err(|e| e.message().to_string())?;
    let mut gold = Gold::default();
    for (key, value) in &doc {
        match key.as_str() {
            "source" => gold.source = value.as_str().map(str::to_string),
            "page" => {
                let p = value.as_str().filter(|p| !p.trim().is_empty());
                gold.page =
                    Some(p.ok_or("`page` must be the path of the page, relative to the gold file")?.to_string());
            }
            "id" => {
                let id = value.as_str().filter(|i| !i.is_empty());
                gold.id = Some(id.ok_or("`id` must be the page's id in the JSON Lines file `page` names")?.to_string());
            }
            "about" => {}
            "optional" => {
                for t in tables(key, value)? {
                    let kind = t.get("kind").and_then(|k| k.as_str()).and_then(Kind::parse).ok_or_else(|| {
                        "an [[optional]] item needs kind = \"document\", \"official\", \"statistic\" or \"percentage\"".to_string()
                    })?;
                    gold.optional.push(item(kind, t)?);
                }
            }
            k => {
                let kind = Kind::parse(k).filter(|k| KINDS.contains(k)).ok_or_else(|| {
                    format!("unknown table `{k}` (document, official, statistic, percentage, optional)")
                })?;
                for t in tables(key, value)? {
                    gold.items.push(item(kind, t)?);
                }
            }
        }
    }
    if gold.id.is_some() && gold.page.is_none() {
        return Err("`id` names a page of a JSON Lines file: `page` must name the file".into());
    }
    Ok(gold)
}

fn tables<'a>(key: &str, value: &'a toml::Value) -> Result<Vec<&'a toml::Table>, String> {
    let arr = value.as_array().ok_or_else(|| format!("`{key}` must be an array of tables ([[{key}]])"))?;
    arr.iter().map(|v| v.as_table().ok_or_else(|| format!("`{key}` must hold tables"))).collect()
}

fn item(kind: Kind, t: &toml::Table) -> Result<GoldItem, String> {
    let mut fields = BTreeMap::new();
    let mut text = None;
    for (f, v) in t {
        if f == "kind" {
            continue;
        }
        if f == "text" {
            text = v.as_str().map(fold_value);
            continue;
        }
        if kind.field_index(f).is_none() && !(kind == Kind::Document && f == "number") {
            return Err(format!("a {kind} has no field `{f}`"));
        }
        let value = match v {
            toml::Value::String(s) => Value::str(fold_value(s)),
            toml::Value::Integer(n) => Value::Num(Decimal::from_int(*n as i128)),
            toml::Value::Float(x) => Value::Num(
                Decimal::parse_plain(&x.to_string()).ok_or_else(|| format!("`{f}` = {x} is no plain number"))?,
            ),
            other => return Err(format!("`{f}` = {other}: a string or a number")),
        };
        fields.insert(f.clone(), value);
    }
    Ok(GoldItem { kind, fields, text })
}

/// The page a gold file describes: the one its `page` line names (relative to the gold file's
/// folder), else `NAME.txt` in `pages_dir` when one is given, else `NAME.txt` beside the gold file.
pub fn page_of(gold_path: &Path, pages_dir: Option<&Path>) -> Result<PathBuf, String> {
    let gold = read_gold(gold_path)?;
    let name = gold_path.file_name().map(|n| n.to_string_lossy().replace(".gold.toml", ".txt")).unwrap_or_default();
    Ok(match (gold.page, pages_dir) {
        (Some(rel), _) => gold_path.parent().unwrap_or(Path::new("")).join(rel),
        (None, Some(dir)) => dir.join(name),
        (None, None) => gold_path.with_file_name(name),
    })
}

/// The counts of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub found: usize,
    pub right: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.found == 0 { 1.0 } else { self.right as f64 / self.found as f64 }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 { 1.0 } else { self.right as f64 / self.gold as f64 }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

/// One line of the report's detail.
#[derive(Debug, Clone)]
pub struct Finding {
    pub page: String,
    pub kind: Kind,
    pub what: String,
}

/// The result of an evaluation.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub pages: usize,
    pub counts: BTreeMap<Kind, Counts>,
    /// (kind, field) → (right, compared)
    pub fields: BTreeMap<(Kind, &'static str), (usize, usize)>,
    /// For the fields compared leniently (units and subjects, see [`same_value`]): (kind, field) →
    /// (written as the gold writes them, compared).
    pub as_written: BTreeMap<(Kind, &'static str), (usize, usize)>,
    pub misses: Vec<Finding>,
    pub extras: Vec<Finding>,
    pub field_errors: Vec<Finding>,
    pub problems: Vec<String>,
}

impl Report {
    pub fn field_accuracy(&self, kind: Kind, field: &'static str) -> Option<f64> {
        self.fields.get(&(kind, field)).and_then(|&(right, n)| (n > 0).then(|| right as f64 / n as f64))
    }

    /// How often a unit or a subject is written as the gold writes it, not only begun alike.
    pub fn as_written(&self, kind: Kind, field: &'static str) -> Option<f64> {
        self.as_written.get(&(kind, field)).and_then(|&(right, n)| (n > 0).then(|| right as f64 / n as f64))
    }
}

/// Evaluates `pages` (each with its gold) with `rules`.
pub fn evaluate(rules: &RuleSet, pages: &[(PathBuf, PathBuf)]) -> Report {
    let mut report = Report::default();
    let opts = Options { kinds: KindSet::only(&KINDS), all_zones: false, whole_body: false };
    let golds: Vec<Result<Gold, String>> = pages.iter().map(|(_, g)| read_gold(g)).collect();
    // The pages kept in JSON Lines files, each file read once for all the ids wanted of it.
    let mut wanted: BTreeMap<&Path, Vec<&str>> = BTreeMap::new();
    for ((page, _), gold) in pages.iter().zip(&golds) {
        if let Ok(Gold { id: Some(id), .. }) = gold {
            wanted.entry(page.as_path()).or_default().push(id);
        }
    }
    let crawled: BTreeMap<&Path, Result<HashMap<String, String>, String>> =
        wanted.into_iter().map(|(file, ids)| (file, pages_of_lines(file, &ids))).collect();
    for ((page, gold_path), gold) in pages.iter().zip(golds) {
        let gold = match gold {
            Ok(g) => g,
            Err(e) => {
                report.problems.push(format!("{}: {e}", gold_path.display()));
                continue;
            }
        };
        let (shown, bytes) = match &gold.id {
            Some(id) => {
                let shown = format!("{}#{id}", page.display());
                match crawled.get(page.as_path()).map(|c| c.as_ref().map(|c| c.get(id))) {
                    Some(Ok(Some(text))) => (shown, text.clone().into_bytes()),
                    Some(Ok(None)) => {
                        report.problems.push(format!("{}: no page with this id in the file", shown));
                        continue;
                    }
                    Some(Err(e)) => {
                        report.problems.push(format!("{}: {e}", page.display()));
                        continue;
                    }
                    None => unreachable!("every id was looked for"),
                }
            }
            None => {
                let shown = page.display().to_string();
                match std::fs::read(page) {
                    Ok(b) => (shown, b),
                    Err(e) => {
                        report.problems.push(format!("{shown}: {}", crate::read::io_message(&e)));
                        continue;
                    }
                }
            }
        };
        let source: Arc<str> = Arc::from(shown.as_str());
        let records = match extract::extract(rules, &opts, &source, &bytes) {
            Ok(x) => x.records,
            Err(e) => {
                report.problems.push(format!("{shown}: {e}"));
                continue;
            }
        };
        report.pages += 1;
        for kind in KINDS {
            let found: Vec<&Record> = records.iter().filter(|r| r.kind == kind).collect();
            let gold_items: Vec<&GoldItem> = gold.items.iter().filter(|g| g.kind == kind).collect();
            let optional: Vec<&GoldItem> = gold.optional.iter().filter(|g| g.kind == kind).collect();
            match kind {
                Kind::Document | Kind::Official => {
                    compare_unique(&mut report, &shown, kind, &found, &gold_items, &optional)
                }
                _ => compare_counted(&mut report, &shown, kind, &found, &gold_items, &optional),
            }
        }
    }
    report
}

/// The texts of the pages of a JSON Lines file (gzip or not) whose ids are among `ids`, read in
/// one pass; a line that does not hold one of the ids is not parsed.
fn pages_of_lines(file: &Path, ids: &[&str]) -> Result<HashMap<String, String>, String> {
    use crate::read::{Body, Limits, Source, jsonl};
    let src = Source::File { shown: file.display().to_string(), path: file.to_path_buf() };
    let mut lines = jsonl::open(&src, &Limits::default()).map_err(|e| e.to_string())?;
    let fields = jsonl::Fields::default();
    let finders: Vec<memchr::memmem::Finder> =
        ids.iter().map(|id| memchr::memmem::Finder::new(id.as_bytes())).collect();
    let mut found = HashMap::new();
    while let Some(item) = lines.next() {
        let line = match item {
            Ok(line) => line,
            Err(jsonl::LineError::TooLong { .. }) => continue,
            Err(e) => return Err(e.to_string()),
        };
        if !finders.iter().any(|f| f.find(&line.bytes).is_some()) {
            continue;
        }
        let Ok(page) = jsonl::page(&line.bytes, &fields, "", line.number) else { continue };
        if ids.contains(&&*page.source)
            && let Body::Text(text) = page.body
        {
            found.insert(page.source.to_string(), text);
        }
    }
    Ok(found)
}

/// The key a document or an official is known by on a page.
fn unique_key(kind: Kind, get: &dyn Fn(&str) -> Value) -> String {
    let s = |f: &str| get(f).as_str().map(|v| v.to_lowercase()).unwrap_or_default();
    match kind {
        Kind::Document if !s("code").is_empty() => s("code"),
        Kind::Document if !s("number").is_empty() => {
            format!("{} số {}", s("doc_type"), s("number").trim_start_matches('0'))
        }
        Kind::Document => format!("{} {}", s("doc_type"), s("title")),
        _ => s("name"),
    }
}

fn compare_unique(
    report: &mut Report,
    page: &str,
    kind: Kind,
    found: &[&Record],
    gold: &[&GoldItem],
    optional: &[&GoldItem],
) {
    // Every mention of a document or a person, gathered under its key.
    let mut mentions: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
    for r in found {
        mentions.entry(unique_key(kind, &|f| r.field(f).clone())).or_default().push(r);
    }
    let optional_keys: Vec<String> = optional.iter().map(|g| unique_key(kind, &|f| g.get(f))).collect();
    // An optional item may be named by the words of the page only (`text = "Luật Đường bộ"`).
    let optional_text = |rs: &Vec<&Record>| {
        rs.iter().any(|r| optional.iter().filter_map(|o| o.text.as_deref()).any(|t| same_words(r, t)))
    };
    // The gold's items under their keys; the same item twice in a gold file counts once.
    let mut wanted: Vec<(String, &GoldItem)> = Vec::new();
    for g in gold {
        let key = unique_key(kind, &|f| g.get(f));
        if !wanted.iter().any(|(k, _)| *k == key) {
            wanted.push((key, g));
        }
    }
    let c = report.counts.entry(kind).or_default();
    c.gold += wanted.len();
    for (key, rs) in &mentions {
        if wanted.iter().any(|(k, _)| k == key) {
            c.found += 1;
            c.right += 1;
        } else if !optional_keys.contains(key) && !optional_text(rs) {
            c.found += 1;
            report.extras.push(Finding { page: page.into(), kind, what: describe_record(rs[0]) });
        }
    }
    for (key, g) in &wanted {
        match mentions.get(key) {
            None => report.misses.push(Finding { page: page.into(), kind, what: describe_gold(g) }),
            Some(rs) => compare_fields(report, page, kind, g, rs),
        }
    }
}

fn compare_counted(
    report: &mut Report,
    page: &str,
    kind: Kind,
    found: &[&Record],
    gold: &[&GoldItem],
    optional: &[&GoldItem],
) {
    let mut used = vec![false; found.len()];
    let same_number = |r: &Record, g: &GoldItem| {
        r.field("value") == &g.get("value")
            && (g.get("value_max").is_null() || r.field("value_max") == &g.get("value_max"))
    };
    let c = report.counts.entry(kind).or_default();
    c.gold += gold.len();
    // Each gold item takes the first record of its number whose text and unit also agree, then
    // (for those left) whose unit agrees, then any: in three passes over the gold, so that an item
    // paired loosely never takes the record another item names exactly (`01 Bí thư` and `01 Phó Bí
    // thư` in one table).
    let mut paired: Vec<Option<usize>> = vec![None; gold.len()];
    let agrees = |pass: usize, r: &Record, g: &GoldItem| match pass {
        0 => text_agrees(r, g) && unit_agrees(r, g),
        1 => unit_agrees(r, g),
        _ => true,
    };
    for pass in 0..3 {
        for (k, g) in gold.iter().enumerate() {
            if paired[k].is_some() {
                continue;
            }
            if let Some(i) =
                (0..found.len()).find(|&i| !used[i] && same_number(found[i], g) && agrees(pass, found[i], g))
            {
                used[i] = true;
                paired[k] = Some(i);
            }
        }
    }
    let mut pairs = Vec::new();
    for (g, i) in gold.iter().zip(&paired) {
        match i {
            Some(i) => pairs.push((g, found[*i])),
            None => report.misses.push(Finding { page: page.into(), kind, what: describe_gold(g) }),
        }
    }
    let c = report.counts.entry(kind).or_default();
    c.right += pairs.len();
    for (i, r) in found.iter().enumerate() {
        if used[i] {
            c.found += 1;
            continue;
        }
        let is_optional = optional.iter().any(|o| {
            let by_value = !o.get("value").is_null() && r.field("value") == &o.get("value");
            let by_text = o.text.as_deref().is_some_and(|t| same_words(r, t));
            by_value || by_text
        });
        if !is_optional {
            c.found += 1;
            report.extras.push(Finding { page: page.into(), kind, what: describe_record(r) });
        }
    }
    for (g, r) in pairs {
        compare_fields(report, page, kind, g, &[r]);
    }
}

fn text_agrees(r: &Record, g: &GoldItem) -> bool {
    g.text.as_deref().is_none_or(|t| same_words(r, t))
}

/// Whether a record's text and the words a gold item quotes are the same, one holding the other
/// (the gold may quote a few words more or less), whatever the case.
fn same_words(r: &Record, t: &str) -> bool {
    let rt = fold_value(&r.text).to_lowercase();
    let t = t.to_lowercase();
    t.contains(&rt) || rt.contains(&t)
}

fn unit_agrees(r: &Record, g: &GoldItem) -> bool {
    g.kind != Kind::Statistic || same_value("unit", &g.get("unit"), r.field("unit"))
}

/// Whether a found value is the expected one. Text is compared without regard to case; a unit or a
/// subject that is a whole-word prefix of the other counts as the same (`cuộc` / `cuộc tuyên
/// truyền`).
pub fn same_value(field: &str, want: &Value, got: &Value) -> bool {
    same_value_as(field, want, got, true)
}

/// The fields [`same_value`] compares leniently.
fn lenient(field: &str) -> bool {
    matches!(field, "unit" | "subject")
}

/// [`same_value`], or with `by_prefix` false, a unit or subject written whole as the gold writes it.
fn same_value_as(field: &str, want: &Value, got: &Value, by_prefix: bool) -> bool {
    match (want, got) {
        (Value::Null, Value::Null) => true,
        (Value::Num(a), Value::Num(b)) => a == b,
        (Value::Str(a), Value::Str(b)) => {
            let (a, b) = (a.to_lowercase(), b.to_lowercase());
            let trim = |s: &str| s.trim_end_matches(['.', ',', ';', ':']).to_string();
            let (a, b) = (trim(&a), trim(&b));
            if a == b {
                return true;
            }
            if by_prefix && lenient(field) {
                // A rate is its unit too: `đồng/tháng` / `đồng`.
                let prefix =
                    |long: &str, short: &str| long.starts_with(short) && long[short.len()..].starts_with([' ', '/']);
                return prefix(&a, &b) || prefix(&b, &a);
            }
            false
        }
        _ => false,
    }
}

fn compare_fields(report: &mut Report, page: &str, kind: Kind, g: &GoldItem, mentions: &[&Record]) {
    for &field in key_fields(kind) {
        let want = g.get(field);
        // Any mention saying it is enough: a document cited with its date once is dated.
        let right = mentions.iter().any(|r| same_value(field, &want, r.field(field)));
        if lenient(field) {
            let e = report.as_written.entry((kind, field)).or_default();
            e.1 += 1;
            e.0 += usize::from(mentions.iter().any(|r| same_value_as(field, &want, r.field(field), false)));
        }
        let e = report.fields.entry((kind, field)).or_default();
        e.1 += 1;
        if right {
            e.0 += 1;
        } else {
            let got = mentions.iter().map(|r| r.field(field).shown()).collect::<Vec<_>>().join(" / ");
            report.field_errors.push(Finding {
                page: page.into(),
                kind,
                what: format!("{}: {field} expected {}, got {got}", short_key(kind, g), want.shown()),
            });
        }
    }
}

fn short_key(kind: Kind, g: &GoldItem) -> String {
    match kind {
        Kind::Statistic | Kind::Percentage => g.text.clone().unwrap_or_else(|| g.get("value").shown()),
        _ => unique_key(kind, &|f| g.get(f)),
    }
}

fn describe_gold(g: &GoldItem) -> String {
    let mut s = match &g.text {
        Some(t) => format!("{t:?}"),
        None => String::new(),
    };
    for (f, v) in &g.fields {
        let _ = write!(s, "{}{f}={}", if s.is_empty() { "" } else { " " }, v.shown());
    }
    s
}

fn describe_record(r: &Record) -> String {
    let mut s = format!("L{} {:?}", r.line, r.text);
    for (f, v) in r.kind.fields().iter().zip(&r.fields) {
        if !v.is_null() {
            let _ = write!(s, " {f}={}", v.shown());
        }
    }
    s
}

/// The report as text for a reader.
pub fn render(report: &Report, details: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} pages\n", report.pages);
    let _ = writeln!(
        out,
        "{:<11} {:>5} {:>6} {:>6} {:>10} {:>7} {:>6}",
        "kind", "gold", "found", "right", "precision", "recall", "F1"
    );
    for kind in KINDS {
        let c = report.counts.get(&kind).copied().unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<11} {:>5} {:>6} {:>6} {:>10.3} {:>7.3} {:>6.3}",
            kind.name(),
            c.gold,
            c.found,
            c.right,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    let _ = writeln!(out, "\nfield accuracy over matched records");
    for kind in KINDS {
        let parts: Vec<String> = key_fields(kind)
            .iter()
            .filter_map(|f| {
                let (r, n) = report.fields.get(&(kind, *f))?;
                let written = match report.as_written(kind, f) {
                    Some(a) => format!(", {:.1}% as written", 100.0 * a),
                    None => String::new(),
                };
                Some(format!("{f} {:.1}% ({r}/{n}{written})", 100.0 * *r as f64 / (*n).max(1) as f64))
            })
            .collect();
        let _ = writeln!(out, "  {:<11} {}", kind.name(), parts.join("  "));
    }
    if details {
        for (title, list) in [
            ("misses: in the gold, not found", &report.misses),
            ("extras: found, not in the gold", &report.extras),
            ("field errors", &report.field_errors),
        ] {
            let _ = writeln!(out, "\n{title} ({})", list.len());
            for f in list {
                let _ = writeln!(out, "  {}  {:<10} {}", f.page, f.kind.name(), f.what);
            }
        }
    }
    for p in &report.problems {
        let _ = writeln!(out, "problem: {p}");
    }
    out
}

/// The report as JSON, for scripts and tests.
pub fn to_json(report: &Report) -> serde_json::Value {
    let kinds: serde_json::Map<String, serde_json::Value> = KINDS
        .iter()
        .map(|k| {
            let c = report.counts.get(k).copied().unwrap_or_default();
            let fields: serde_json::Map<String, serde_json::Value> = key_fields(*k)
                .iter()
                .filter_map(|f| report.field_accuracy(*k, f).map(|a| (f.to_string(), serde_json::json!(a))))
                .collect();
            let as_written: serde_json::Map<String, serde_json::Value> = key_fields(*k)
                .iter()
                .filter_map(|f| report.as_written(*k, f).map(|a| (f.to_string(), serde_json::json!(a))))
                .collect();
            (
                k.name().to_string(),
                serde_json::json!({
                    "gold": c.gold, "found": c.found, "right": c.right,
                    "precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
                    "fields": fields, "as_written": as_written,
                }),
            )
        })
        .collect();
    let list = |l: &Vec<Finding>| -> Vec<serde_json::Value> {
        l.iter().map(|f| serde_json::json!({"page": f.page, "kind": f.kind.name(), "what": f.what})).collect()
    };
    serde_json::json!({
        "pages": report.pages,
        "kinds": kinds,
        "misses": list(&report.misses),
        "extras": list(&report.extras),
        "field_errors": list(&report.field_errors),
        "problems": report.problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_files_parse_and_reject_unknown_fields() {
        let g = parse_gold(
            "source = \"x\"\n[[document]]\ncode = \"20-NQ/TW\"\n[[statistic]]\ntext = \"trên 12.000 lượt\"\nvalue = 12000\nunit = \"lượt\"\n[[optional]]\nkind = \"statistic\"\ntext = \"hàng chục tỷ đồng\"\n",
        )
        .unwrap();
        assert_eq!(g.items.len(), 2);
        assert_eq!(g.optional.len(), 1);
        assert!(parse_gold("[[document]]\ncolour = \"red\"\n").unwrap_err().contains("colour"));
        assert!(parse_gold("[[people]]\nname = \"x\"\n").unwrap_err().contains("people"));
    }

    #[test]
    fn units_agree_by_whole_word_prefix() {
        let s = |x: &str| Value::str(x.to_string());
        assert!(same_value("unit", &s("cuộc"), &s("cuộc tuyên truyền")));
        assert!(same_value("unit", &s("lượt cán bộ"), &s("lượt")));
        assert!(!same_value("unit", &s("người"), &s("cán bộ")));
        assert!(!same_value("unit", &s("cán"), &s("cánh")), "not inside a word");
        assert!(!same_value("issuer", &s("Bộ Chính trị"), &s("Bộ")), "only units and subjects are lenient");
        // As written: whole, only case and a closing stop aside.
        assert!(!same_value_as("unit", &s("thiết bị"), &s("thiết"), false));
        assert!(same_value_as("unit", &s("Bàn thắng"), &s("bàn thắng."), false));
        assert!(same_value_as("issued", &s("2019-12-30"), &s("2019-12-30"), false));
        assert!(same_value("position", &s("phó bí thư thường trực"), &s("Phó Bí thư Thường trực")));
    }

    #[test]
    fn counts_give_precision_recall_f1() {
        let c = Counts { gold: 10, found: 8, right: 6 };
        assert!((c.precision() - 0.75).abs() < 1e-9);
        assert!((c.recall() - 0.6).abs() < 1e-9);
        assert!((c.f1() - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-9);
    }
}
