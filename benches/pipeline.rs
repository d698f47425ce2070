//! Throughput of korex stage by stage, against lindera tokenizing alone.
//!
//! `cargo bench --bench pipeline` (add a filter such as `-- klue` to run one
//! group). Two texts: the 11,435 KLUE news sentences of
//! `../shared/data/klue-news-train-sentences.txt`, grouped into articles of
//! 20 sentences, and the articles of `corpus/ko` and `corpus/en`. For each:
//!
//! 1. `lindera`: a bare lindera `Segmenter` (ko-dic, no user dictionary, no
//!    korex code) over the same text, one sentence (KLUE) or one line
//!    (corpus) at a time: the baseline. `lindera_pos` does the same and
//!    reads each token's part of speech, as any user of a tagger does
//!    (lindera decodes a token's dictionary fields only when asked).
//! 2. `tokens`: korex's text layer (NFC with offset map, sentences,
//!    languages) and tokenization.
//! 3. `amounts`, 4. `entities`, 5. `commitments`: plus each later stage.
//! 6. `full_json`: the whole pipeline with the record serialized to JSON.
//!
//! Every bench reports bytes per second and asserts what it extracted, so a
//! fast wrong result cannot pass: when a stage changes what it finds, update
//! the counts below in the same commit (the assertion message prints the new
//! ones).

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use korex::{Config, Input, Pipeline, Stage};
use lindera::segmenter::Segmenter;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What the current build extracts from the KLUE articles: sentences,
/// tokens, amounts, entities, commitments. Update when a stage changes.
const KLUE_COUNTS: Counts = Counts {
    sentences: 11_449,
    tokens: 372_316,
    amounts: 3_180,
    entities: 21_317,
    commitments: 431,
};
/// Tokens lindera alone gives on the KLUE sentences.
const KLUE_LINDERA_TOKENS: usize = 372_323;

/// The same for the articles in `corpus/`. Update when a stage or the corpus changes.
const CORPUS_COUNTS: Counts = Counts {
    sentences: 639,
    tokens: 18_517,
    amounts: 537,
    entities: 946,
    commitments: 298,
};
/// Tokens lindera alone gives on the corpus lines.
const CORPUS_LINDERA_TOKENS: usize = 18_845;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    sentences: usize,
    tokens: usize,
    amounts: usize,
    entities: usize,
    commitments: usize,
}

struct Texts {
    name: &'static str,
    /// What lindera segments: sentences or lines.
    pieces: Vec<String>,
    articles: Vec<Input>,
    bytes: u64,
    counts: Counts,
    lindera_tokens: usize,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn klue() -> Texts {
    let sentences = common::klue_sentences(usize::MAX);
    let articles = common::klue_articles(&sentences);
    let bytes = articles.iter().map(|a| a.text.len() as u64).sum();
    Texts {
        name: "klue",
        pieces: sentences,
        articles,
        bytes,
        counts: KLUE_COUNTS,
        lindera_tokens: KLUE_LINDERA_TOKENS,
    }
}

fn corpus() -> Texts {
    let mut paths: Vec<PathBuf> = ["corpus/ko", "corpus/en"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(repo().join(dir)).into_iter().flatten())
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let articles: Vec<Input> = paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            Input::new(korex::batch::file_id(Path::new(p)), text)
        })
        .collect();
    let pieces = articles
        .iter()
        .flat_map(|a| a.text.lines())
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    let bytes = articles.iter().map(|a| a.text.len() as u64).sum();
    Texts {
        name: "corpus",
        pieces,
        articles,
        bytes,
        counts: CORPUS_COUNTS,
        lindera_tokens: CORPUS_LINDERA_TOKENS,
    }
}

fn count_until(pipeline: &Pipeline, articles: &[Input], stage: Stage) -> Counts {
    let mut worker = pipeline.worker();
    let mut counts = Counts::default();
    for article in articles {
        let document = worker
            .document_until(article, stage)
            .unwrap_or_else(|e| panic!("{}: {e}", article.id));
        counts.sentences += document.sentences.len();
        counts.tokens += document.tokens.len();
        counts.amounts += document.amounts.len();
        counts.entities += document.entities.len();
        counts.commitments += document.commitments.len();
    }
    counts
}

/// The counts a run up to `stage` must give: later stages' counts are zero.
fn expected_until(all: Counts, stage: Stage) -> Counts {
    Counts {
        sentences: all.sentences,
        tokens: if stage >= Stage::Tokens {
            all.tokens
        } else {
            0
        },
        amounts: if stage >= Stage::Amounts {
            all.amounts
        } else {
            0
        },
        entities: if stage >= Stage::Entities {
            all.entities
        } else {
            0
        },
        commitments: if stage >= Stage::Commitments {
            all.commitments
        } else {
            0
        },
    }
}

fn bench_texts(c: &mut Criterion, texts: &Texts, pipeline: &Pipeline, segmenter: &Segmenter) {
    let mut group = c.benchmark_group(texts.name);
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Bytes(texts.bytes));

    let lindera_tokens = {
        let mut worker = segmenter.new_worker();
        let mut tokens = 0;
        for piece in &texts.pieces {
            tokens += worker.segment(piece).map_or(0, |t| t.len());
        }
        tokens
    };
    let all = count_until(pipeline, &texts.articles, Stage::Commitments);
    assert_eq!(
        (lindera_tokens, all),
        (texts.lindera_tokens, texts.counts),
        "(lindera tokens, korex counts) on {}: update the constants at the top of \
         benches/pipeline.rs if a stage changed",
        texts.name
    );
    group.bench_function("lindera", |b| {
        let mut worker = segmenter.new_worker();
        b.iter(|| {
            let mut tokens = 0;
            for piece in &texts.pieces {
                tokens += worker.segment(black_box(piece)).map_or(0, |t| t.len());
            }
            tokens
        })
    });
    group.bench_function("lindera_pos", |b| {
        let mut worker = segmenter.new_worker();
        b.iter(|| {
            let mut tagged = 0;
            for piece in &texts.pieces {
                if let Ok(mut tokens) = worker.segment(black_box(piece)) {
                    for token in tokens.iter_mut() {
                        tagged += usize::from(token.details_iter().next().is_some());
                    }
                }
            }
            assert_eq!(tagged, texts.lindera_tokens, "every token has a POS");
            tagged
        })
    });

    for (name, stage) in [
        ("tokens", Stage::Tokens),
        ("amounts", Stage::Amounts),
        ("entities", Stage::Entities),
        ("commitments", Stage::Commitments),
    ] {
        let counts = count_until(pipeline, &texts.articles, stage);
        assert_eq!(
            counts,
            expected_until(texts.counts, stage),
            "{} up to {name}: update the counts at the top of benches/pipeline.rs if a stage changed",
            texts.name
        );
        group.bench_function(name, |b| {
            let mut worker = pipeline.worker();
            b.iter(|| {
                let mut found = 0;
                for article in &texts.articles {
                    let document = worker.document_until(black_box(article), stage);
                    found += document.map_or(0, |d| d.tokens.len());
                }
                found
            })
        });
    }

    let json_bytes: usize = {
        let mut worker = pipeline.worker();
        texts
            .articles
            .iter()
            .map(|a| {
                worker
                    .extract(a)
                    .map(|r| serde_json::to_vec(&r).map_or(0, |j| j.len()))
            })
            .map(|r| r.unwrap_or(0))
            .sum()
    };
    assert!(json_bytes > texts.bytes as usize, "records are missing");
    group.bench_function("full_json", |b| {
        let mut worker = pipeline.worker();
        let mut out = Vec::with_capacity(1 << 20);
        b.iter(|| {
            out.clear();
            for article in &texts.articles {
                if let Ok(record) = worker.extract(black_box(article)) {
                    let _ = serde_json::to_writer(&mut out, &record);
                    out.push(b'\n');
                }
            }
            out.len()
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    let pipeline = Pipeline::new(Config::default()).expect("the pipeline loads");
    let segmenter = common::bare_lindera();
    let texts = [klue(), corpus()];
    for t in &texts {
        // Printed first, so one run shows every count to update.
        let all = count_until(&pipeline, &t.articles, Stage::Commitments);
        eprintln!("{}: {} bytes, {all:?}", t.name, t.bytes);
    }
    for t in &texts {
        bench_texts(c, t, &pipeline, &segmenter);
    }
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
