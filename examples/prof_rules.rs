fn main() {
    let t = std::time::Instant::now();
    let _ = trich::rules::RuleSet::builtin().unwrap();
    eprintln!("total {:?}", t.elapsed());
}
