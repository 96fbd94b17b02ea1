use trich::rules::RuleSet;
fn main() {
    let rs = RuleSet::builtin().unwrap();
    let ac0 = rs.triggers.automaton().unwrap();
    {
        let ac = ac0;
        let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
        let n = 50;
        let t = std::time::Instant::now();
        let mut c = 0;
        for _ in 0..n {
            c += ac.find_overlapping_iter(text.as_str()).count();
        }
        println!(
            "NFA {} matches per pass, {:.1} MB/s",
            c / n,
            text.len() as f64 * n as f64 / t.elapsed().as_secs_f64() / 1e6
        );
    }
    let ac = ac0;
    println!("nfa patterns {} mem {} kind {:?}", ac.patterns_len(), ac.memory_usage(), ac.kind());
    rs.triggers.prepare_fast();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let ac = rs.triggers.automaton().unwrap();
    println!("fast patterns {} mem {} kind {:?}", ac.patterns_len(), ac.memory_usage(), ac.kind());
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let n = 200;
    let t = std::time::Instant::now();
    let mut c = 0;
    for _ in 0..n {
        c += ac.find_overlapping_iter(text.as_str()).count();
    }
    let e = t.elapsed().as_secs_f64();
    println!("{} matches per pass, {:.1} MB/s", c / n, text.len() as f64 * n as f64 / e / 1e6);
}
