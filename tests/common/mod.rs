//! Helpers shared by the integration tests.
#![allow(dead_code)]

use korex::{Config, Extraction, Pipeline};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The `korex` binary of this build, ready to run.
pub fn korex() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("korex").expect("the binary is built")
}

/// The JSON Lines records of a run's standard output.
pub fn records(stdout: &[u8]) -> Vec<serde_json::Value> {
    std::str::from_utf8(stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file of `../shared/` (public data and the seed article, never copied here).
pub fn shared(path: &str) -> PathBuf {
    repo().join("..").join("shared").join(path)
}

/// One pipeline for the whole test binary, tokens included.
pub fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        Pipeline::new(Config {
            include_tokens: true,
            ..Config::default()
        })
        .expect("the pipeline loads")
    })
}

/// The published JSON Schema, compiled.
pub fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema: serde_json::Value =
            serde_json::from_str(korex::output::JSON_SCHEMA).expect("the schema is JSON");
        jsonschema::validator_for(&schema).expect("the schema compiles")
    })
}

/// Fails with every schema error of a record.
pub fn assert_valid(record: &serde_json::Value) {
    let errors: Vec<String> = validator()
        .iter_errors(record)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "record does not match the schema: {errors:#?}"
    );
}

/// Extracts one text with the shared pipeline and checks the record's offsets
/// and schema before handing it to the test.
pub fn extract_checked(text: &str) -> Extraction {
    let record = pipeline()
        .extract(&korex::Input::new("t", text))
        .expect("extracts");
    assert_offsets_exact(text, &record);
    assert_valid(&serde_json::to_value(&record).expect("serializes"));
    record
}

/// The slice of `text` between two code-point offsets.
pub fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// Checks that every span of a record is the original text at its offsets,
/// that sentences are ordered and inside the text, and that every mention and
/// amount lies inside its sentence. Returns how many spans were checked.
pub fn assert_offsets_exact(original: &str, record: &Extraction) -> usize {
    let chars: Vec<char> = original.chars().collect();
    assert_eq!(
        record.text_chars,
        chars.len(),
        "text_chars of {}",
        record.id
    );
    let cut = |start: usize, end: usize| -> String {
        assert!(
            start <= end && end <= chars.len(),
            "span {start}..{end} out of bounds in {}",
            record.id
        );
        chars[start..end].iter().collect()
    };
    let mut checked = 0;
    let mut previous_end = 0;
    for sentence in &record.sentences {
        assert!(
            sentence.start >= previous_end && sentence.start < sentence.end,
            "sentence order in {}",
            record.id
        );
        assert!(sentence.end <= chars.len());
        previous_end = sentence.end;
    }
    let inside = |sentence: usize, start: usize, end: usize| {
        let s = &record.sentences[sentence];
        assert!(
            s.start <= start && end <= s.end,
            "span {start}..{end} outside sentence {sentence} in {}",
            record.id
        );
    };
    for token in record.tokens.iter().flatten() {
        assert_eq!(
            cut(token.start, token.end),
            token.text,
            "token in {}",
            record.id
        );
        checked += 1;
    }
    for entity in &record.entities {
        for mention in &entity.mentions {
            assert_eq!(
                cut(mention.start, mention.end),
                mention.text,
                "mention in {}",
                record.id
            );
            inside(mention.sentence, mention.start, mention.end);
            checked += 1;
        }
    }
    for amount in &record.amounts {
        assert_eq!(
            cut(amount.start, amount.end),
            amount.text,
            "amount in {}",
            record.id
        );
        inside(amount.sentence, amount.start, amount.end);
        assert!(
            amount.value.as_f64().is_some_and(f64::is_finite),
            "amount value in {}",
            record.id
        );
        checked += 1;
    }
    for commitment in &record.commitments {
        let sentence = &record.sentences[commitment.sentence];
        assert_eq!(cut(sentence.start, sentence.end), commitment.evidence);
        inside(commitment.sentence, commitment.start, commitment.end);
        let entity_ids: Vec<&str> = record.entities.iter().map(|e| e.id.as_str()).collect();
        let amount_ids: Vec<&str> = record.amounts.iter().map(|a| a.id.as_str()).collect();
        for id in commitment
            .actors
            .iter()
            .chain(&commitment.counterparts)
            .chain(&commitment.dates)
        {
            assert!(
                entity_ids.contains(&id.as_str()),
                "unresolved {id} in {}",
                record.id
            );
        }
        for id in &commitment.amounts {
            assert!(
                amount_ids.contains(&id.as_str()),
                "unresolved {id} in {}",
                record.id
            );
        }
        checked += 1;
    }
    checked
}
