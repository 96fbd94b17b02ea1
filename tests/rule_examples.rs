//! Every built-in rule's examples and counter-examples, run as tests.

use trich::rules::{RuleSet, examples};

#[test]
fn every_rule_example_and_counterexample_holds() {
    let rules = RuleSet::builtin().unwrap_or_else(|e| panic!("built-in rules do not load: {e}"));
    let (tally, failures) = examples::run_all(&rules);
    assert!(tally.examples >= rules.rules.len(), "every rule has an example");
    if !failures.is_empty() {
        let report: String = failures.iter().map(|f| f.to_string()).collect();
        panic!(
            "{} of {} examples and counter-examples failed:\n{report}",
            failures.len(),
            tally.examples + tally.counterexamples
        );
    }
}
