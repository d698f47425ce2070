//! Offsets are exact on real news: for every one of the 11,435 KLUE news
//! sentences in `../shared/data/`, every token, mention and amount is the
//! original text at its offsets; likewise for NFD-decomposed copies.

mod common;

use common::{assert_offsets_exact, pipeline, shared};
use korex::Input;
use unicode_normalization::UnicodeNormalization;

fn klue_sentences() -> Vec<String> {
    let path = shared("data/klue-news-train-sentences.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().map(str::to_owned).collect()
}

#[test]
fn every_klue_sentence_has_exact_offsets() {
    let sentences = klue_sentences();
    assert_eq!(sentences.len(), 11_435);
    let inputs: Vec<Input> = sentences
        .iter()
        .enumerate()
        .map(|(i, s)| Input::new(format!("klue-{i}"), s.clone()))
        .collect();
    let mut checked = 0;
    for (input, result) in inputs.iter().zip(pipeline().extract_many(&inputs)) {
        let record = result.unwrap_or_else(|e| panic!("{}: {e}", input.id));
        assert!(!record.tokens.as_ref().is_some_and(Vec::is_empty) || input.text.trim().is_empty());
        checked += assert_offsets_exact(&input.text, &record);
    }
    assert!(checked > 200_000, "only {checked} spans checked");
}

#[test]
fn decomposed_hangul_offsets_point_into_the_original() {
    for (i, sentence) in klue_sentences().iter().step_by(97).take(100).enumerate() {
        let decomposed: String = sentence.nfd().collect();
        assert_ne!(&decomposed, sentence);
        let input = Input::new(format!("nfd-{i}"), decomposed.clone());
        let record = pipeline().extract(&input).expect("extracts");
        let composed = pipeline()
            .extract(&Input::new("nfc", sentence.clone()))
            .expect("extracts");
        assert_offsets_exact(&decomposed, &record);
        // The same tokens are found, only their offsets differ.
        let texts = |r: &korex::Extraction| -> Vec<String> {
            r.tokens
                .iter()
                .flatten()
                .map(|t| t.text.nfc().collect())
                .collect()
        };
        assert_eq!(texts(&record), texts(&composed), "sentence {i}");
        assert_eq!(
            record.warnings.len(),
            1,
            "a warning says the text was normalized"
        );
    }
}
