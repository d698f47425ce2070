//! The KLUE news text every speed measurement runs on, and the bare lindera
//! they measure against, shared by `benches/pipeline.rs` and the programs
//! `examples/stage_instructions.rs`, `examples/stage_times.rs` and
//! `examples/scaling.rs` (which include this file by path), so that they all
//! measure the same articles against the same baseline.

use korex::Input;
use lindera::dictionary::load_dictionary;
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;

/// Bare lindera as every speed measurement takes it for the baseline: ko-dic
/// as built into the binary, normal mode, no user dictionary.
pub fn bare_lindera() -> Segmenter {
    let dictionary =
        load_dictionary("embedded://ko-dic").unwrap_or_else(|e| panic!("ko-dic loads: {e}"));
    Segmenter::new(Mode::Normal, dictionary, None)
}

/// Sentences per article, as `benches/speed.sh` groups them too.
pub const SENTENCES_PER_ARTICLE: usize = 20;

/// The non-empty lines of `../shared/data/klue-news-train-sentences.txt`
/// (11,435 news sentences), at most `limit` of them.
pub fn klue_sentences(limit: usize) -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/klue-news-train-sentences.txt"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(limit)
        .map(str::to_owned)
        .collect()
}

/// Articles of [`SENTENCES_PER_ARTICLE`] sentences joined by spaces, ids
/// `klue0000`, `klue0001`, ...
pub fn klue_articles(sentences: &[String]) -> Vec<Input> {
    sentences
        .chunks(SENTENCES_PER_ARTICLE)
        .enumerate()
        .map(|(i, chunk)| Input::new(format!("klue{i:04}"), chunk.join(" ")))
        .collect()
}
