//! `trich._trich`: the Python binding of the `trich` library. Every extraction is the library's own
//! ([`trich::extract::extract`] and [`trich::extract::extract_many`]); this crate only turns Python
//! values into pages and options, and records into dictionaries shaped like the JSON output.
//!
//! The interpreter's lock is released while Rust works, and no panic reaches Python: one would be
//! raised as a `RuntimeError`.

use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use trich::extract::{Extraction, KindSet, Options};
use trich::read::decode::DecodeError;
use trich::record::{Record, Value};
use trich::rules::RuleSet;

create_exception!(
    trich,
    RuleError,
    PyValueError,
    "A rule folder that does not load: a file that does not parse, an unknown key, a bad regex, an \
     unknown word list, a rule without examples. `file`, `rule` (or None) and `message` say where and \
     what, as `trich extract --rules DIR` would."
);
create_exception!(
    trich,
    PageError,
    PyValueError,
    "A page that cannot be read: its text holds a NUL character (binary data, as `trich extract` \
     refuses a binary file). `source` names the page."
);
create_exception!(
    trich,
    PageWarning,
    PyUserWarning,
    "A page left out by `extract_many(..., errors=\"skip\")`, with the reason."
);

/// The built-in rules, compiled once per process and shared by every extractor that uses them.
fn builtin_rules() -> Result<Arc<RuleSet>, trich::rules::RuleError> {
    static BUILTIN: OnceLock<Result<Arc<RuleSet>, trich::rules::RuleError>> = OnceLock::new();
    BUILTIN.get_or_init(|| RuleSet::builtin().map(Arc::new)).clone()
}

/// Runs Rust work without the interpreter's lock, turning a panic into a `RuntimeError`.
fn detached<T: Send>(py: Python<'_>, work: impl FnOnce() -> T + Send) -> PyResult<T> {
    py.detach(|| catch_unwind(AssertUnwindSafe(work))).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".to_string());
        PyRuntimeError::new_err(format!("trich: internal error ({what}); please report it with the page"))
    })
}

fn rule_error(py: Python<'_>, e: &trich::rules::RuleError) -> PyErr {
    let err = RuleError::new_err(e.to_string());
    let value = err.value(py);
    let attrs = [("file", Some(e.file.as_str())), ("rule", e.rule.as_deref()), ("message", Some(e.message.as_str()))];
    for (name, v) in attrs {
        if let Err(set) = value.setattr(name, v) {
            return set;
        }
    }
    err
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().qualname().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_string())
}

/// The rules named by `rules`: the built-in ones (None) or those in a folder (a path).
fn load_rules(py: Python<'_>, rules: Option<&Bound<'_, PyAny>>) -> PyResult<(Arc<RuleSet>, Option<PathBuf>)> {
    let dir = match rules {
        None => None,
        Some(obj) => Some(obj.extract::<PathBuf>().map_err(|_| {
            PyTypeError::new_err(format!(
                "rules must be the path of a folder of rule files (str or os.PathLike) or None, not {}",
                type_name(obj)
            ))
        })?),
    };
    let loaded = detached(py, || match &dir {
        None => builtin_rules(),
        Some(d) => RuleSet::from_dir(d).map(Arc::new),
    })?;
    loaded.map(|r| (r, dir)).map_err(|e| rule_error(py, &e))
}

const KINDS_HELP: &str = "document, official, statistic, percentage, page, or all";

/// `kinds`: None (every kind), a comma-separated string (`"document,official"`, as `--kind`
/// takes), or an iterable of kind names.
fn parse_kinds(kinds: Option<&Bound<'_, PyAny>>) -> PyResult<KindSet> {
    let Some(obj) = kinds else { return Ok(KindSet::all()) };
    let names: Vec<String> = if let Ok(s) = obj.cast::<PyString>() {
        s.to_cow()?.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()
    } else {
        let items = obj.try_iter().map_err(|_| {
            PyTypeError::new_err(format!("kinds must be a str, an iterable of str or None, not {}", type_name(obj)))
        })?;
        let mut names = Vec::new();
        for item in items {
            let item = item?;
            let name = item.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(format!("kinds must hold kind names (str), not {}", type_name(&item)))
            })?;
            names.push(name.to_cow()?.trim().to_string());
        }
        names
    };
    let set = KindSet::from_names(names.iter().map(String::as_str))
        .map_err(|name| PyValueError::new_err(format!("unknown kind {name:?} (kinds are {KINDS_HELP})")))?;
    if set.is_empty() {
        return Err(PyValueError::new_err(format!("kinds names no kind ({KINDS_HELP})")));
    }
    Ok(set)
}

fn parse_zones(zones: &str) -> PyResult<bool> {
    match zones {
        "article" => Ok(false),
        "all" => Ok(true),
        z => Err(PyValueError::new_err(format!(
            "zones must be \"article\" (everything but related-article lists and navigation) or \"all\", not {z:?}"
        ))),
    }
}

/// A page's text as UTF-8 bytes. A lone surrogate (which a Python `str` can hold and UTF-8 cannot)
/// becomes U+FFFD, whose UTF-8 form has the surrogate's length under `surrogatepass` (three bytes):
/// offsets are those of `text.encode("utf-8", "surrogatepass")`, which for any other text is
/// `text.encode()`.
fn page_bytes(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<u8>> {
    let s = obj.cast::<PyString>().map_err(|_| {
        let hint = if obj.is_instance_of::<pyo3::types::PyBytes>() { " (decode bytes first)" } else { "" };
        PyTypeError::new_err(format!("{what} must be str, not {}{hint}", type_name(obj)))
    })?;
    match s.to_cow() {
        Ok(Cow::Borrowed(t)) => Ok(t.as_bytes().to_vec()),
        Ok(Cow::Owned(t)) => Ok(t.into_bytes()),
        Err(_) => {
            let bytes = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
            Ok(replace_surrogates(bytes.extract::<&[u8]>()?))
        }
    }
}

/// UTF-8 with surrogate code points (`ED A0..BF 80..BF`, as `surrogatepass` writes them) made
/// U+FFFD (`EF BF BD`), byte for byte.
fn replace_surrogates(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut i = 0;
    while i + 2 < out.len() {
        if out[i] == 0xED && (0xA0..=0xBF).contains(&out[i + 1]) && (0x80..=0xBF).contains(&out[i + 2]) {
            out[i..i + 3].copy_from_slice("\u{FFFD}".as_bytes());
            i += 3;
        } else {
            i += 1;
        }
    }
    out
}

/// The name a page's records carry: `ids[i]` (a str, or an int written in decimal) or, without
/// ids, the page's index in `texts`.
fn page_id(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if obj.is_instance_of::<pyo3::types::PyBool>() || !obj.is_instance_of::<pyo3::types::PyInt>() {
        let text = page_bytes(obj, "each id")
            .map_err(|_| PyTypeError::new_err(format!("each id must be a str or an int, not {}", type_name(obj))))?;
        return Ok(String::from_utf8(text).unwrap_or_default());
    }
    Ok(obj.str()?.to_cow()?.into_owned())
}

/// A number as JSON writes it and `json.loads` reads it: an int when written without a point, else
/// a float.
fn number<'py>(py: Python<'py>, d: &trich::decimal::Decimal) -> PyResult<Bound<'py, PyAny>> {
    let s = d.to_string();
    if s.contains('.') {
        let f: f64 = s.parse().map_err(|_| PyRuntimeError::new_err(format!("trich: unreadable number {s}")))?;
        Ok(f.into_pyobject(py)?.into_any())
    } else {
        let n: i128 = s.parse().map_err(|_| PyRuntimeError::new_err(format!("trich: unreadable number {s}")))?;
        Ok(n.into_pyobject(py)?.into_any())
    }
}

/// One record as a dictionary: the fields of the JSON output, in its order, with its values.
fn record_dict<'py>(py: Python<'py>, r: &Record, source: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(pyo3::intern!(py, "source"), source)?;
    d.set_item(pyo3::intern!(py, "kind"), PyString::intern(py, r.kind.name()))?;
    d.set_item(pyo3::intern!(py, "text"), &r.text)?;
    d.set_item(pyo3::intern!(py, "start"), r.start)?;
    d.set_item(pyo3::intern!(py, "end"), r.end)?;
    d.set_item(pyo3::intern!(py, "line"), r.line)?;
    d.set_item(pyo3::intern!(py, "zone"), PyString::intern(py, r.zone.name()))?;
    d.set_item(pyo3::intern!(py, "rule"), PyString::intern(py, &r.rule))?;
    d.set_item(pyo3::intern!(py, "context"), r.context.as_deref())?;
    for (name, v) in r.kind.fields().iter().zip(&r.fields) {
        let key = PyString::intern(py, name);
        match v {
            Value::Null => d.set_item(key, py.None())?,
            Value::Str(s) => d.set_item(key, s)?,
            Value::Num(n) => d.set_item(key, number(py, n)?)?,
        }
    }
    Ok(d)
}

/// What to do with a page that cannot be read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnError {
    Raise,
    Skip,
}

fn parse_errors(errors: &str) -> PyResult<OnError> {
    match errors {
        "raise" => Ok(OnError::Raise),
        "skip" => Ok(OnError::Skip),
        e => Err(PyValueError::new_err(format!("errors must be \"raise\" or \"skip\", not {e:?}"))),
    }
}

fn page_problem(e: &DecodeError) -> String {
    match e {
        DecodeError::Binary { offset } => format!("a NUL character at byte {offset}: binary data, not a page"),
        other => other.to_string(),
    }
}

fn page_error(py: Python<'_>, source: &str, e: &DecodeError) -> PyErr {
    let err = PageError::new_err(format!("{source}: {}", page_problem(e)));
    if let Err(set) = err.value(py).setattr("source", source) {
        return set;
    }
    err
}

/// Compiled rules and options, reused for every page: what a notebook loop, a Spark partition or a
/// Dask partition keeps. Safe to share between threads (it holds nothing that changes); each call
/// releases the interpreter's lock while it extracts.
///
/// `rules`: None for the built-in rules (compiled once per process and shared), or the path of a
/// folder of rule files (as `trich rules export` writes), compiled now; a folder that does not load
/// raises `trich.RuleError`.
/// `kinds`: None for every kind, or kind names (`"document"`, `["official", "page"]`,
/// `"document,official"`); `zones`: `"article"` (everything but related-article lists and menus) or
/// `"all"`. Unknown kinds or zones raise `ValueError`.
#[pyclass(frozen, module = "trich")]
struct Extractor {
    rules: Arc<RuleSet>,
    /// The rule folder, when not the built-in rules.
    dir: Option<PathBuf>,
    opts: Options,
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (rules=None, kinds=None, zones="article"))]
    fn new(
        py: Python<'_>,
        rules: Option<&Bound<'_, PyAny>>,
        kinds: Option<&Bound<'_, PyAny>>,
        zones: &str,
    ) -> PyResult<Self> {
        // Options first: a misspelt kind should not wait for a rule folder to compile.
        let opts = Options { kinds: parse_kinds(kinds)?, all_zones: parse_zones(zones)?, whole_body: false };
        let (rules, dir) = load_rules(py, rules)?;
        Ok(Extractor { rules, dir, opts })
    }

    /// The records of one page, as `trich extract` writes them in JSON: a list of dicts with the
    /// fields in the output's order (`source`, `kind`, `text`, `start`, `end`, `line`, `zone`,
    /// `rule`, `context`, then the kind's own), numbers as int or float, missing values as None.
    /// `start`/`end` are byte offsets into `text.encode()`. `source` names the page in its records.
    ///
    /// Raises TypeError when `text` is not a str, trich.PageError when it holds a NUL character.
    #[pyo3(signature = (text, *, source=None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        source: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let dash = PyString::new(py, "-").into_any();
        let source = source.unwrap_or(&dash);
        let bytes = page_bytes(text, "text")?;
        let source: Arc<str> =
            Arc::from(page_id(source).map_err(|_| {
                PyTypeError::new_err(format!("source must be a str or an int, not {}", type_name(source)))
            })?);
        let (rules, opts) = (&*self.rules, &self.opts);
        let result = detached(py, || trich::extract::extract(rules, opts, &source, &bytes))?;
        let records = result.map_err(|e| page_error(py, &source, &e))?.records;
        let shown = PyString::new(py, &source);
        let out = PyList::empty(py);
        for r in &records {
            out.append(record_dict(py, r, &shown)?)?;
        }
        Ok(out)
    }

    /// The records of many pages, in input order, extracted on `jobs` threads (default: every core)
    /// with the interpreter's lock released. Each page gets exactly what `extract` gives it alone.
    ///
    /// `ids` names the pages in their records' `source` (str or int, one per text; default: the
    /// page's index in `texts`, from 0). A page holding a NUL character raises trich.PageError
    /// (`errors="raise"`) or is left out with a trich.PageWarning (`errors="skip"`), as `trich
    /// extract` reports a binary page and goes on.
    #[pyo3(signature = (texts, *, ids=None, jobs=None, errors="raise"))]
    fn extract_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        ids: Option<&Bound<'py, PyAny>>,
        jobs: Option<i64>,
        errors: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let on_error = parse_errors(errors)?;
        let jobs = match jobs {
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
            Some(n) if n >= 1 => usize::try_from(n).unwrap_or(usize::MAX),
            Some(n) => return Err(PyValueError::new_err(format!("jobs must be at least 1, not {n}"))),
        };
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "texts must be an iterable of str, not one str: call extract() for one page, or pass [text]",
            ));
        }
        let iter = texts
            .try_iter()
            .map_err(|_| PyTypeError::new_err(format!("texts must be an iterable of str, not {}", type_name(texts))))?;
        let mut pages = Vec::new();
        for (i, t) in iter.enumerate() {
            pages.push(page_bytes(&t?, &format!("texts[{i}]"))?);
        }
        let sources: Vec<Arc<str>> = match ids {
            None => (0..pages.len()).map(|i| Arc::from(i.to_string())).collect(),
            Some(ids) => {
                if ids.is_instance_of::<PyString>() {
                    return Err(PyTypeError::new_err("ids must be an iterable of str or int, not one str"));
                }
                let iter = ids.try_iter().map_err(|_| {
                    PyTypeError::new_err(format!("ids must be an iterable of str or int, not {}", type_name(ids)))
                })?;
                let mut v = Vec::with_capacity(pages.len());
                for id in iter {
                    v.push(Arc::from(page_id(&id?)?));
                }
                if v.len() != pages.len() {
                    return Err(PyValueError::new_err(format!(
                        "ids has {} items and texts {}: one id per text",
                        v.len(),
                        pages.len()
                    )));
                }
                v
            }
        };
        let (rules, opts) = (&*self.rules, &self.opts);
        let results = detached(py, || {
            let inputs: Vec<(&Arc<str>, &[u8])> = sources.iter().zip(&pages).map(|(s, p)| (s, p.as_slice())).collect();
            trich::extract::extract_many(rules, opts, &inputs, jobs)
        })?;
        let out = PyList::empty(py);
        for (source, result) in sources.iter().zip(results) {
            let records = match result {
                Ok(Extraction { records, .. }) => records,
                Err(e) if on_error == OnError::Raise => return Err(page_error(py, source, &e)),
                Err(e) => {
                    let message = format!("{source}: {}, skipped", page_problem(&e));
                    let message = std::ffi::CString::new(message.replace('\0', "\\0")).unwrap_or_default();
                    PyErr::warn(py, &py.get_type::<PageWarning>(), &message, 1)?;
                    continue;
                }
            };
            let shown = PyString::new(py, source);
            for r in &records {
                out.append(record_dict(py, r, &shown)?)?;
            }
        }
        Ok(out)
    }

    /// The kinds extracted, in output order.
    #[getter]
    fn kinds<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.kind_names())
    }

    /// `"article"` or `"all"`.
    #[getter]
    fn zones(&self) -> &'static str {
        self.zone_name()
    }

    /// The rule folder, or None for the built-in rules.
    #[getter]
    fn rules(&self) -> Option<PathBuf> {
        self.dir.clone()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let repr = |obj: Bound<'_, PyAny>| -> PyResult<String> { Ok(obj.repr()?.to_cow()?.into_owned()) };
        let rules = repr(self.dir.as_deref().map(|d| d.display().to_string()).into_pyobject(py)?.into_any())?;
        let kinds = repr(PyList::new(py, self.kind_names())?.into_any())?;
        let zones = repr(PyString::new(py, self.zone_name()).into_any())?;
        Ok(format!("Extractor(rules={rules}, kinds={kinds}, zones={zones})"))
    }

    /// Pickled as its arguments: an unpickled extractor compiles its rules again (the built-in ones
    /// once per process), so one can travel to a Spark or Dask worker.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let me = slf.get();
        let args = (me.dir.clone(), me.kind_names(), me.zone_name()).into_pyobject(py)?;
        Ok((slf.get_type().into_any(), args))
    }
}

impl Extractor {
    fn kind_names(&self) -> Vec<&'static str> {
        self.opts.kinds.iter().map(|k| k.name()).collect()
    }

    fn zone_name(&self) -> &'static str {
        if self.opts.all_zones { "all" } else { "article" }
    }
}

/// The records of one page (see `Extractor.extract`), with the built-in rules (compiled once per
/// process) or the rule folder `rules` (compiled at each call: keep an `Extractor` instead).
#[pyfunction]
#[pyo3(name = "extract", signature = (text, *, source=None, kinds=None, zones="article", rules=None))]
fn extract_one<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    source: Option<&Bound<'py, PyAny>>,
    kinds: Option<&Bound<'py, PyAny>>,
    zones: &str,
    rules: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    Extractor::new(py, rules, kinds, zones)?.extract(py, text, source)
}

/// The records of many pages (see `Extractor.extract_many`): every core, input order.
#[pyfunction]
#[pyo3(signature = (texts, *, ids=None, jobs=None, kinds=None, zones="article", rules=None, errors="raise"))]
#[allow(clippy::too_many_arguments)]
fn extract_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    ids: Option<&Bound<'py, PyAny>>,
    jobs: Option<i64>,
    kinds: Option<&Bound<'py, PyAny>>,
    zones: &str,
    rules: Option<&Bound<'py, PyAny>>,
    errors: &str,
) -> PyResult<Bound<'py, PyList>> {
    Extractor::new(py, rules, kinds, zones)?.extract_many(py, texts, ids, jobs, errors)
}

/// The columns of a table of records of `kinds` (default: every kind), in the order `trich
/// extract -f csv` writes them: the common fields, then each kind's own, once.
#[pyfunction]
#[pyo3(signature = (kinds=None))]
fn columns(kinds: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<&'static str>> {
    Ok(trich::output::columns(&parse_kinds(kinds)?))
}

/// The compiled core of the `trich` package; import `trich`, not this module.
#[pymodule]
fn _trich(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Extractor>()?;
    m.add_function(wrap_pyfunction!(extract_one, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(columns, m)?)?;
    m.add("RuleError", py.get_type::<RuleError>())?;
    m.add("PageError", py.get_type::<PageError>())?;
    m.add("PageWarning", py.get_type::<PageWarning>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
