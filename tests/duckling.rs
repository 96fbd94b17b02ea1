//! Conformance with Duckling's Vietnamese corpora (`../shared/peers/duckling-vi.jsonl`): every number
//! must parse to Duckling's value, and every money example must come out of `trich extract` as one
//! statistic with Duckling's value, interval and currency.

use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value as Json;
use trich::decimal::Decimal;
use trich::extract::{self, KindSet, Options};
use trich::record::{Kind, Value};
use trich::rules::RuleSet;
use trich::vi_number;

fn corpus() -> Vec<Json> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/peers/duckling-vi.jsonl");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the conformance data must sit at {}: {e}", path.display()));
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
}

fn dec(v: &Json) -> Option<Decimal> {
    match v {
        Json::Null => None,
        Json::Number(n) => Some(Decimal::parse_plain(&n.to_string()).expect("a plain number")),
        other => panic!("not a number: {other}"),
    }
}

#[test]
fn every_duckling_number_parses_to_its_value() {
    let mut failures = Vec::new();
    let mut n = 0;
    for ex in corpus().iter().filter(|e| e["dim"] == "number") {
        n += 1;
        let text = ex["text"].as_str().expect("text");
        let want = dec(&ex["value"]);
        let got = vi_number::parse(text);
        if got != want {
            failures.push(format!("{text:?} ({}): expected {want:?}, got {got:?}", ex["form"]));
        }
    }
    assert_eq!(n, 53, "the corpus has 53 numbers");
    assert!(failures.is_empty(), "{} of {n} numbers wrong:\n{}", failures.len(), failures.join("\n"));
}

/// Duckling's currency names and ours: Duckling keeps `$`, `£` and `cent` ambiguous, and calls the
/// đồng `VND`.
fn same_currency(duckling: &str, ours: &str) -> bool {
    match duckling {
        "VND" => ours == "đồng",
        "$" => ours == "USD",
        "£" => ours == "GBP",
        other => other == ours,
    }
}

#[test]
fn every_duckling_money_example_is_one_statistic() {
    let rules = RuleSet::builtin().expect("built-in rules");
    let directions = rules.lexicon("qualifiers");
    let opts = Options { kinds: KindSet::only(&[Kind::Statistic]), all_zones: true, whole_body: true };
    let source: Arc<str> = Arc::from("duckling");
    let mut failures = Vec::new();
    let mut n = 0;
    for ex in corpus().iter().filter(|e| e["dim"] == "money") {
        n += 1;
        let text = ex["text"].as_str().expect("text");
        let recs = extract::extract(&rules, &opts, &source, text.as_bytes()).expect("extracts").records;
        let [r] = recs.as_slice() else {
            failures.push(format!("{text:?}: expected one statistic, got {}", recs.len()));
            continue;
        };
        let num = |f: &str| match r.field(f) {
            Value::Num(d) => Some(*d),
            _ => None,
        };
        let unit = r.field_str("unit").unwrap_or("");
        let direction = r.field_str("qualifier").and_then(|q| directions.canonical_ci(q)).unwrap_or("");
        let (value, min, max) = (dec(&ex["value"]), dec(&ex["min"]), dec(&ex["max"]));
        let ok_value = match (value, min, max) {
            (Some(v), None, None) => num("value") == Some(v) && num("value_max").is_none(),
            (None, Some(a), Some(b)) => num("value") == Some(a) && num("value_max") == Some(b),
            (None, None, Some(b)) => num("value") == Some(b) && direction == "below",
            (None, Some(a), None) => num("value") == Some(a) && direction == "above",
            _ => false,
        };
        let ok_unit = same_currency(ex["unit"].as_str().unwrap_or(""), unit);
        if !(ok_value && ok_unit) {
            failures.push(format!(
                "{text:?}: expected value {value:?} min {min:?} max {max:?} unit {}, got value {:?} max {:?} qualifier {:?} unit {unit:?}",
                ex["unit"],
                num("value"),
                num("value_max"),
                r.field_str("qualifier"),
            ));
        }
    }
    assert_eq!(n, 71, "the corpus has 71 money examples");
    assert!(failures.is_empty(), "{} of {n} money examples wrong:\n{}", failures.len(), failures.join("\n"));
}
