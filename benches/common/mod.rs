//! The KLUE news text every speed measurement runs on, shared by
//! `benches/pipeline.rs` and the programs `examples/stage_instructions.rs`
//! and `examples/scaling.rs` (which include this file by path), so that they
//! all measure the same articles.

use korex::Input;

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
