//! The output contract: what one extracted fact looks like.

use std::fmt;
use std::sync::Arc;

use crate::decimal::Decimal;

/// What a record is about. The order here is the order of `--kind all` and of directory output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Document,
    Official,
    Statistic,
    Percentage,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Document, Kind::Official, Kind::Statistic, Kind::Percentage, Kind::Page];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Document => "document",
            Kind::Official => "official",
            Kind::Statistic => "statistic",
            Kind::Percentage => "percentage",
            Kind::Page => "page",
        }
    }

    /// The file stem used for directory output (`documents.csv`, …).
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Document => "documents",
            Kind::Official => "officials",
            Kind::Statistic => "statistics",
            Kind::Percentage => "percentages",
            Kind::Page => "pages",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s || k.plural() == s)
    }

    /// The kind's own fields, in output order.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Document => &["doc_type", "number", "symbol", "code", "issued", "issuer", "title", "system"],
            Kind::Official => &["name", "position", "organization"],
            Kind::Statistic => &["value", "value_max", "unit", "qualifier"],
            Kind::Percentage => &["value", "value_max", "qualifier", "subject"],
            Kind::Page => &["title", "published", "author"],
        }
    }

    pub fn field_index(self, field: &str) -> Option<usize> {
        self.fields().iter().position(|f| *f == field)
    }

    /// Fields whose values are numbers.
    pub fn is_numeric_field(self, field: &str) -> bool {
        matches!(self, Kind::Statistic | Kind::Percentage) && matches!(field, "value" | "value_max")
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The common fields, in output order.
pub const COMMON_FIELDS: [&str; 9] = ["source", "kind", "text", "start", "end", "line", "zone", "rule", "context"];

/// Where on the page a record was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Zone {
    Title,
    Meta,
    Body,
    Caption,
    Related,
    Nav,
}

impl Zone {
    pub const ALL: [Zone; 6] = [Zone::Title, Zone::Meta, Zone::Body, Zone::Caption, Zone::Related, Zone::Nav];

    pub fn name(self) -> &'static str {
        match self {
            Zone::Title => "title",
            Zone::Meta => "meta",
            Zone::Body => "body",
            Zone::Caption => "caption",
            Zone::Related => "related",
            Zone::Nav => "nav",
        }
    }

    /// The article proper: everything but related-article lists and navigation.
    pub fn is_article(self) -> bool {
        !matches!(self, Zone::Related | Zone::Nav)
    }
}

/// A field's value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    Null,
    Str(String),
    Num(Decimal),
}

impl Value {
    pub fn str(s: impl Into<String>) -> Value {
        let s = s.into();
        if s.is_empty() { Value::Null } else { Value::Str(s) }
    }

    pub fn opt(s: Option<String>) -> Value {
        s.map(Value::str).unwrap_or(Value::Null)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value as messages show it: strings quoted, null as `(empty)`.
    pub fn shown(&self) -> String {
        match self {
            Value::Null => "(empty)".into(),
            Value::Str(s) => format!("{s:?}"),
            Value::Num(d) => d.to_string(),
        }
    }
}

/// One extracted fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub source: Arc<str>,
    pub kind: Kind,
    /// The matched text exactly as in the input.
    pub text: String,
    /// Byte offsets into the original input, half-open.
    pub start: usize,
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    pub zone: Zone,
    pub rule: Arc<str>,
    /// The sentence around the record, shared by the records in it.
    pub context: Option<Arc<str>>,
    /// The kind's fields, aligned with [`Kind::fields`].
    pub fields: Vec<Value>,
}

impl Record {
    pub fn field(&self, name: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.kind.field_index(name).and_then(|i| self.fields.get(i)).unwrap_or(&NULL)
    }

    pub fn field_str(&self, name: &str) -> Option<&str> {
        self.field(name).as_str()
    }
}
