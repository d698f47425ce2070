//! Wall-clock time of each pipeline stage on a shared, noisy machine: the
//! same KLUE articles run up to each stage in turn, round after round, and
//! each stage keeps its fastest round. Other work on the host only ever adds
//! time, so the fastest of many interleaved rounds is the figure least
//! disturbed by it, and every stage is measured under the same conditions
//! (criterion's benches run one after the other, minutes apart, and their
//! medians move by ±30% with the host's load).
//!
//! `cargo run --release --example stage_times [ROUNDS] [ARTICLES]` (default:
//! 15 rounds over all 572 KLUE articles, about a minute). It prints each
//! stage's best time and what each stage adds, as a share of tokenize-only
//! (the text layer and tokens, `klue/tokens` in `benches/pipeline.rs`) and
//! of bare lindera on the same sentences.

use korex::{Config, Pipeline, Stage};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "../benches/common/mod.rs"]
mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().map_or(Ok(15), |n| n.parse())?;
    // All the sentences unless a number of articles is asked for.
    let sentences = common::klue_sentences(match args.next() {
        Some(n) => n
            .parse::<usize>()?
            .saturating_mul(common::SENTENCES_PER_ARTICLE),
        None => usize::MAX,
    });
    let articles = common::klue_articles(&sentences);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();

    let segmenter = common::bare_lindera();
    let pipeline = Pipeline::new(Config::default())?;
    let mut worker = pipeline.worker();
    let mut lindera = segmenter.new_worker();

    let stages = [
        ("tokens", Stage::Tokens),
        ("amounts", Stage::Amounts),
        ("entities", Stage::Entities),
        ("commitments", Stage::Commitments),
    ];
    let mut best_lindera = Duration::MAX;
    let mut best = [Duration::MAX; 4];
    // One round first to warm caches and the lazy regex automata.
    for round in 0..=rounds {
        let start = Instant::now();
        let tokens: usize = sentences
            .iter()
            .map(|s| lindera.segment(black_box(s)).map_or(0, |t| t.len()))
            .sum();
        let elapsed = start.elapsed();
        black_box(tokens);
        if round > 0 {
            best_lindera = best_lindera.min(elapsed);
        }
        for (slot, (_, stage)) in best.iter_mut().zip(stages) {
            let start = Instant::now();
            let mut found = 0;
            for article in &articles {
                let document = worker.document_until(black_box(article), stage)?;
                found += document.tokens.len() + document.amounts.len() + document.entities.len();
            }
            let elapsed = start.elapsed();
            black_box(found);
            if round > 0 {
                *slot = (*slot).min(elapsed);
            }
        }
    }

    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{} KLUE articles ({bytes} bytes), one thread, best of {rounds} interleaved rounds",
        articles.len()
    );
    println!();
    println!("| up to stage | best ms | stage adds ms | / tokenize-only | / bare lindera |");
    println!("|---|---|---|---|---|");
    println!("| bare lindera | {:.1} | | | |", ms(best_lindera));
    let tokens = ms(best[0]);
    let mut previous = 0.0;
    for ((name, _), time) in stages.iter().zip(best) {
        let added = ms(time) - previous;
        println!(
            "| {name} | {:.1} | {added:.1} | {:.3} | {:.3} |",
            ms(time),
            added / tokens,
            added / ms(best_lindera)
        );
        previous = ms(time);
    }
    Ok(())
}
