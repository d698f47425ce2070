//! `Pipeline::extract` over arbitrary bytes, decoded lossily as `--lossy`
//! does: it must never panic or fail, and every span must be the original
//! text at its code-point offsets.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn pipeline() -> &'static korex::Pipeline {
    static PIPELINE: OnceLock<korex::Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let config = korex::Config {
            include_tokens: true,
            ..korex::Config::default()
        };
        korex::Pipeline::new(config).expect("the pipeline loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let (text, _) = korex::input::decode_text_lossy(data);
    let record = pipeline()
        .extract(&korex::Input::new("fuzz", text.clone()))
        .expect("extraction never fails on text");
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(record.text_chars, chars.len());
    let cut = |start: usize, end: usize| -> String {
        assert!(start <= end && end <= chars.len(), "span {start}..{end}");
        chars[start..end].iter().collect()
    };
    let mut previous_end = 0;
    for sentence in &record.sentences {
        assert!(previous_end <= sentence.start && sentence.start < sentence.end);
        previous_end = sentence.end;
    }
    assert!(previous_end <= chars.len());
    for token in record.tokens.iter().flatten() {
        assert_eq!(cut(token.start, token.end), token.text);
    }
    for entity in &record.entities {
        for mention in &entity.mentions {
            assert_eq!(cut(mention.start, mention.end), mention.text);
        }
    }
    for amount in &record.amounts {
        assert_eq!(cut(amount.start, amount.end), amount.text);
    }
    for commitment in &record.commitments {
        let sentence = &record.sentences[commitment.sentence];
        assert_eq!(cut(sentence.start, sentence.end), commitment.evidence);
    }
    serde_json::to_string(&record).expect("the record serializes");
});
