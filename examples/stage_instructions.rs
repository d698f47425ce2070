//! The work of each pipeline stage against lindera's, on the same KLUE
//! articles, for `benches/instructions.sh`, which runs this program under
//! `valgrind --tool=callgrind` and reads the instructions spent inside each
//! function named below. Instruction counts do not depend on what else the
//! machine is doing, so the ratios they give are the same on every run of
//! the same build (wall-clock figures on a shared machine are not).
//!
//! `cargo run --release --example stage_instructions [ARTICLES]` also runs
//! on its own and prints wall-clock times (default: 100 articles of 20
//! KLUE sentences).

use korex::{Config, Input, Pipeline};
use lindera::segmenter::Segmenter;
use std::hint::black_box;
use std::time::Instant;

#[path = "../benches/common/mod.rs"]
mod common;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let articles_wanted: usize = match std::env::args().nth(1) {
        Some(n) => n.parse()?,
        None => 100,
    };
    let sentences = common::klue_sentences(articles_wanted * common::SENTENCES_PER_ARTICLE);
    let articles = common::klue_articles(&sentences);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();

    let segmenter = common::bare_lindera();
    let pipeline = Pipeline::new(Config::default())?;

    let timed = |name: &str, run: &dyn Fn() -> usize| {
        let start = Instant::now();
        let count = run();
        println!(
            "{name:<13} {:>8.1} ms  ({count})",
            start.elapsed().as_secs_f64() * 1e3
        );
    };
    println!("{} articles, {bytes} bytes", articles.len());
    timed("lindera", &|| measure_lindera(&segmenter, &sentences));
    timed("lindera_pos", &|| {
        measure_lindera_pos(&segmenter, &sentences)
    });
    timed("korex", &|| measure_korex(&pipeline, &articles));
    Ok(())
}

/// Bare lindera (ko-dic, no user dictionary), sentence by sentence: tokens.
#[inline(never)]
fn measure_lindera(segmenter: &Segmenter, sentences: &[String]) -> usize {
    let mut worker = segmenter.new_worker();
    sentences
        .iter()
        .map(|s| worker.segment(black_box(s)).map_or(0, |t| t.len()))
        .sum()
}

/// The same, reading each token's part of speech: tagged tokens.
#[inline(never)]
fn measure_lindera_pos(segmenter: &Segmenter, sentences: &[String]) -> usize {
    let mut worker = segmenter.new_worker();
    let mut tagged = 0;
    for sentence in sentences {
        if let Ok(mut tokens) = worker.segment(black_box(sentence)) {
            for token in tokens.iter_mut() {
                tagged += usize::from(token.details_iter().next().is_some());
            }
        }
    }
    tagged
}

/// The whole korex pipeline with the records serialized: bytes of JSON.
/// Its stages are read off the callees (`Worker::text_layer`,
/// `Worker::tokenize`, `AmountStage::apply`, ...).
#[inline(never)]
fn measure_korex(pipeline: &Pipeline, articles: &[Input]) -> usize {
    let mut worker = pipeline.worker();
    let mut out = Vec::new();
    for article in articles {
        if let Ok(record) = worker.extract(black_box(article)) {
            let _ = serde_json::to_writer(&mut out, &record);
        }
    }
    out.len()
}
