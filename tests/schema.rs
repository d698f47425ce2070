//! The JSON Schema accepts what korex writes and refuses what breaks the contract.

mod common;

use common::{assert_valid, pipeline, validator};
use korex::Input;
use serde_json::json;

#[test]
fn records_of_every_language_match_the_schema() {
    let texts = [
        "오픈AI는 삼성전자와 양해각서를 체결했다.\n\n이어 2029년까지 투자하겠다고 밝혔다.",
        "SEOUL, Nov. 12 -- Samsung signed a $500 billion deal.",
        "",
        "12345 ... !!!",
    ];
    for (i, text) in texts.iter().enumerate() {
        let record = pipeline()
            .extract(&Input::new(format!("t{i}"), *text))
            .unwrap();
        assert_valid(&serde_json::to_value(&record).unwrap());
    }
}

#[test]
fn every_field_of_the_contract_is_checked() {
    let record = json!({
        "schema_version": "1.0", "id": "x", "source": null, "language": "ko", "title": null,
        "text_chars": 10, "sentences": [{"start": 0, "end": 10, "language": "ko"}],
        "entities": [{"id": "E1", "type": "ORG", "name": "삼성전자", "name_ko": "삼성전자",
            "name_en": "Samsung Electronics", "name_en_source": "gazetteer", "role": null,
            "role_en": null, "affiliation": null, "confidence": 0.9,
            "mentions": [{"text": "삼성전자", "start": 0, "end": 4, "sentence": 0}]}],
        "amounts": [{"id": "A1", "kind": "money", "text": "700조", "start": 5, "end": 9,
            "sentence": 0, "value": 700000000000000u64, "currency": "KRW", "currency_inferred": true,
            "unit": null, "approximate": false, "range": {"min": 3, "max": null}, "subject": null}],
        "commitments": [{"id": "C1", "type": "agreement", "status": "completed",
            "predicate": "체결하다", "actors": ["E1"], "counterparts": [], "object": null,
            "amounts": ["A1"], "dates": [], "sentence": 0, "start": 0, "end": 10,
            "evidence": "...", "confidence": 0.8}],
        "warnings": []
    });
    assert_valid(&record);
    let broken = |path: &[&str], value: serde_json::Value| {
        let mut copy = record.clone();
        let mut target = &mut copy;
        for key in &path[..path.len() - 1] {
            target = match key.parse::<usize>() {
                Ok(i) => &mut target[i],
                Err(_) => &mut target[*key],
            };
        }
        target[path[path.len() - 1]] = value;
        assert!(!validator().is_valid(&copy), "{path:?} should be refused");
    };
    broken(&["language"], json!("fr"));
    broken(&["entities", "0", "type"], json!("COMPANY"));
    broken(&["entities", "0", "confidence"], json!(1.5));
    broken(&["entities", "0", "mentions"], json!([]));
    broken(&["amounts", "0", "currency"], json!("won"));
    broken(&["amounts", "0", "kind"], json!("count"));
    broken(&["commitments", "0", "status"], json!("done"));
    broken(&["commitments", "0", "actors"], json!(["X1"]));
    broken(&["schema_version"], json!("2.0"));
    broken(&["unexpected"], json!(1));

    let error_record =
        json!({"id": "x", "source": "x.txt", "error": {"kind": "read", "message": "gone"}});
    assert_valid(&error_record);
}
