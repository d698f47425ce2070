//! A control for the thread-scaling goal: how much faster bare lindera (no
//! korex code at all) tokenizes the KLUE sentences on 2 threads than on 1,
//! on this machine, right now, and how much faster the whole pipeline does
//! (`Pipeline::extract_many`, no files, no writer). `benches/speed.sh`
//! prints both beside korex's own 1-thread and 2-thread batch runs: korex
//! cannot scale better than the machine lets the tokenizer under it scale.
//!
//! `cargo run --release --example scaling [ROUNDS]` (default 3; prints the
//! best time of each).

use korex::{Config, Pipeline};
use rayon::prelude::*;
use std::time::{Duration, Instant};

#[path = "../benches/common/mod.rs"]
mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: usize = match std::env::args().nth(1) {
        Some(n) => n.parse()?,
        None => 3,
    };
    let sentences = common::klue_sentences(usize::MAX);
    let segmenter = common::bare_lindera();
    let articles = common::klue_articles(&sentences);
    let pipeline = Pipeline::new(Config::default())?;
    let mut best = [Duration::MAX; 2];
    let mut best_korex = [Duration::MAX; 2];
    for _ in 0..rounds {
        for (slot, threads) in [1, 2].into_iter().enumerate() {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()?;
            let start = Instant::now();
            let tokens: usize = pool.install(|| {
                sentences
                    .par_chunks(common::SENTENCES_PER_ARTICLE)
                    .map_init(
                        || segmenter.new_worker(),
                        |worker, chunk| {
                            chunk
                                .iter()
                                .map(|s| worker.segment(s).map_or(0, |t| t.len()))
                                .sum::<usize>()
                        },
                    )
                    .sum()
            });
            best[slot] = best[slot].min(start.elapsed());
            assert!(tokens > 0, "lindera gave no tokens");
            let start = Instant::now();
            let records = pool.install(|| pipeline.extract_many(&articles));
            best_korex[slot] = best_korex[slot].min(start.elapsed());
            assert!(records.iter().all(Result::is_ok), "an article failed");
        }
    }
    for (name, [one, two]) in [("lindera alone", best), ("korex extract_many", best_korex)] {
        let (one, two) = (one.as_secs_f64(), two.as_secs_f64());
        println!(
            "{name}, KLUE (best of {rounds}): 1 thread {:.0} ms, 2 threads {:.0} ms: {:.2}x",
            one * 1e3,
            two * 1e3,
            one / two
        );
    }
    Ok(())
}
