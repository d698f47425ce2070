//! The seed article (read from `../shared/seeds/`, never copied here).

mod common;

use common::{assert_offsets_exact, assert_valid, pipeline, shared, slice};
use korex::Input;
use korex::text::Language;

fn seed() -> String {
    let path = shared("seeds/000_c33b77debb21c385.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn seed_article_record() {
    let text = seed();
    let record = pipeline()
        .extract(&Input::new("000_c33b77debb21c385", text.clone()))
        .expect("extracts");
    assert_eq!(record.language, Language::Ko);
    assert_eq!(record.text_chars, text.chars().count());
    assert_eq!(
        record.title.as_deref(),
        Some("오픈AI-한국 ‘AI 동맹’ 본격화…삼성·SK, 700조 스타게이트 참여")
    );
    assert_offsets_exact(&text, &record);
    assert_valid(&serde_json::to_value(&record).unwrap());

    // The sentences cover every non-blank character of the text.
    let mut covered = vec![false; record.text_chars];
    for sentence in &record.sentences {
        covered[sentence.start..sentence.end]
            .iter_mut()
            .for_each(|c| *c = true);
    }
    let chars: Vec<char> = text.chars().collect();
    let uncovered: String = chars
        .iter()
        .zip(&covered)
        .filter(|(c, covered)| !**covered && !c.is_whitespace())
        .map(|(c, _)| *c)
        .collect();
    assert_eq!(uncovered, "");
    let sentence_texts: Vec<String> = record
        .sentences
        .iter()
        .map(|s| slice(&text, s.start, s.end))
        .collect();
    assert_eq!(record.sentences.len(), 37, "{sentence_texts:#?}");
    // A quotation stays with its speaker, even with several sentences inside.
    assert!(
        sentence_texts[21].starts_with("대통령은 “AI가 완전히")
            && sentence_texts[21].ends_with("샘 알트만은 “그렇게 하도록 노력하겠다”고 답했다."),
        "{}",
        sentence_texts[21]
    );
    assert_eq!(sentence_texts[2], "President with OpenAI CEO2 - 와우테일");
    assert_eq!(record.sentences[2].language, Language::En);
}
