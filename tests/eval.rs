//! `korex eval`: the matching on hand-made gold and records, the regression
//! floors over the corpus, the corpus's well-formedness, and the command.
//!
//! When a change improves a headline number, raise its floor in
//! `corpus/floors.json` in the same commit (round the new score down to two
//! decimals; `cargo run --release -- eval --gold corpus/gold` prints it).
//! Floors never go down.

mod common;

use common::korex;

use korex::eval::{self, Article, ErrorKind, Gold, GoldSet, Measure, Report};
use korex::{Config, Extraction, Pipeline};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;

// ---------------------------------------------------------------------------
// Hand-made gold and records

/// Two sentences: [0, 30) and [31, 59).
const TEXT: &str = "삼성전자는 엔비디아와 3조 원 규모의 계약을 체결했다. 이재용 회장은 \"내년에 투자를 늘리겠다\"고 말했다.";

fn cut(start: usize, end: usize) -> String {
    TEXT.chars().skip(start).take(end - start).collect()
}

fn gold() -> Gold {
    serde_json::from_value(json!({
        "id": "t1",
        "language": "ko",
        "annotator_note": "unknown fields are ignored",
        "entities": [
            {"id": "E1", "type": "ORG", "name_ko": "삼성전자", "name_en": "Samsung Electronics",
             "role": null, "affiliation": null,
             "mentions": [{"text": "삼성전자", "start": 0, "end": 4}]},
            {"id": "E2", "type": "ORG", "name_ko": "엔비디아", "name_en": "Nvidia",
             "role": null, "affiliation": null,
             "mentions": [{"text": "엔비디아", "start": 6, "end": 10}]},
            {"id": "E3", "type": "PERSON", "name_ko": "이재용", "name_en": "Lee Jae-yong",
             "role": "회장", "affiliation": "E1",
             "mentions": [{"text": "이재용", "start": 31, "end": 34}]},
            {"id": "E4", "type": "DATE", "name_ko": "내년", "name_en": "내년",
             "role": null, "affiliation": null,
             "mentions": [{"text": "내년", "start": 40, "end": 42}]}
        ],
        "amounts": [
            {"id": "A1", "kind": "money", "text": "3조 원", "start": 12, "end": 16,
             "value": 3000000000000u64, "currency": "KRW", "currency_inferred": false,
             "unit": null, "approximate": false, "range": null, "subject": null}
        ],
        "commitments": [
            {"id": "C1", "type": "agreement", "status": "completed", "predicate": "체결하다",
             "trigger": {"text": "체결했다", "start": 25, "end": 29},
             "start": 0, "end": 30, "evidence": cut(0, 30),
             "actors": ["E1"], "counterparts": ["E2"], "object": "계약",
             "amounts": ["A1"], "dates": []},
            {"id": "C2", "type": "pledge", "status": "intended", "predicate": "늘리다",
             "trigger": {"text": "늘리겠다", "start": 48, "end": 52},
             "start": 31, "end": 59, "evidence": cut(31, 59),
             "actors": ["E3"], "counterparts": [], "object": "투자",
             "amounts": [], "dates": ["E4"]}
        ]
    }))
    .expect("the hand-made gold parses")
}

fn entity(
    id: &str,
    entity_type: &str,
    names: (&str, Option<&str>),
    spans: &[(usize, usize)],
) -> Value {
    let sentence = |start: usize| usize::from(start >= 31);
    json!({
        "id": id, "type": entity_type, "name": names.0, "name_ko": names.0, "name_en": names.1,
        "name_en_source": null, "role": null, "role_en": null, "affiliation": null,
        "mentions": spans.iter().map(|&(start, end)| json!({
            "text": cut(start, end), "start": start, "end": end, "sentence": sentence(start)
        })).collect::<Vec<_>>(),
        "confidence": 0.9
    })
}

fn perfect_entities() -> Vec<Value> {
    vec![
        entity(
            "E1",
            "ORG",
            ("삼성전자", Some("Samsung Electronics")),
            &[(0, 4)],
        ),
        entity("E2", "ORG", ("엔비디아", Some("Nvidia")), &[(6, 10)]),
        entity(
            "E3",
            "PERSON",
            ("이재용", Some("Lee Jae-yong")),
            &[(31, 34)],
        ),
        entity("E4", "DATE", ("내년", Some("내년")), &[(40, 42)]),
    ]
}

fn amount(value: Value, kind: &str, currency: Option<&str>) -> Value {
    json!({
        "id": "A1", "kind": kind, "text": cut(12, 16), "start": 12, "end": 16, "sentence": 0,
        "value": value, "currency": currency, "currency_inferred": false, "unit": null,
        "approximate": false, "range": null, "subject": null
    })
}

fn commitment(kind: &str, sentence: usize, (start, end): (usize, usize), actors: &[&str]) -> Value {
    json!({
        "id": "C1", "type": kind, "status": "announced", "predicate": "하다",
        "actors": actors, "counterparts": [], "object": null, "amounts": [], "dates": [],
        "sentence": sentence, "start": start, "end": end,
        "evidence": if sentence == 0 { cut(0, 30) } else { cut(31, 59) },
        "confidence": 0.8
    })
}

fn perfect_commitments() -> Vec<Value> {
    vec![
        commitment("agreement", 0, (0, 30), &["E1"]),
        commitment("pledge", 1, (31, 59), &["E3"]),
    ]
}

fn record(entities: Vec<Value>, amounts: Vec<Value>, commitments: Vec<Value>) -> Extraction {
    serde_json::from_value(json!({
        "schema_version": "1.0", "id": "t1", "source": null, "language": "ko", "title": null,
        "text_chars": TEXT.chars().count(),
        "sentences": [{"start": 0, "end": 30, "language": "ko"}, {"start": 31, "end": 59, "language": "ko"}],
        "entities": entities, "amounts": amounts, "commitments": commitments, "warnings": []
    }))
    .expect("the hand-made record parses")
}

fn score(extraction: Extraction) -> Report {
    eval::score(&[Article {
        id: "t1".to_owned(),
        text: TEXT.to_owned(),
        gold: gold(),
        extraction: Some(extraction),
    }])
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 1e-12
}

fn counts(score: &eval::Score) -> (usize, usize, usize) {
    (score.tp, score.fp, score.fn_)
}

#[test]
fn the_hand_made_gold_is_well_formed() {
    assert_eq!(eval::check_gold(&gold(), TEXT), Vec::<String>::new());
    let mut broken = gold();
    broken.entities[0].mentions[0].end = 5;
    broken.commitments[0].actors.push("E9".to_owned());
    assert_eq!(
        eval::check_gold(&broken, TEXT),
        vec![
            "mention of E1 [0, 5) is \"삼성전자\" in gold but \"삼성전자는\" in the article"
                .to_owned(),
            "actor E9 of C1 is not an entity".to_owned(),
        ]
    );
}

#[test]
fn a_perfect_record_scores_one() {
    let report = score(record(
        perfect_entities(),
        vec![amount(json!(3000000000000u64), "money", Some("KRW"))],
        perfect_commitments(),
    ));
    let headline = report.headline;
    for (name, value) in headline.pairs() {
        assert_eq!(value, 1.0, "{name}");
    }
    assert_eq!(counts(&report.overall.entities), (4, 0, 0));
    assert_eq!(
        counts(&report.overall.entities_by_type[&korex::output::EntityType::Org]),
        (2, 0, 0)
    );
    assert_eq!(counts(&report.overall.amounts), (1, 0, 0));
    assert_eq!(counts(&report.overall.commitments), (2, 0, 0));
    // DATE entities are not counted for names.
    assert_eq!(
        (
            report.overall.names_en.correct,
            report.overall.names_en.total
        ),
        (3, 3)
    );
    assert_eq!(
        (
            report.overall.commitment_actors.correct,
            report.overall.commitment_actors.total
        ),
        (2, 2)
    );
    assert_eq!(report.by_language.keys().collect::<Vec<_>>(), vec!["ko"]);
    assert_eq!(report.by_language["ko"], report.overall);
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
}

#[test]
fn a_shifted_span_is_a_false_positive_and_a_false_negative() {
    let mut entities = perfect_entities();
    entities[0] = entity(
        "E1",
        "ORG",
        ("삼성전자", Some("Samsung Electronics")),
        &[(0, 5)],
    );
    let report = score(record(entities, vec![], perfect_commitments()));
    let scores = &report.overall;
    assert_eq!(counts(&scores.entities), (3, 1, 1));
    assert!(close(scores.entities.precision, 0.75));
    assert!(close(scores.entities.recall, 0.75));
    assert!(close(scores.entities.f1, 0.75));
    assert_eq!(
        counts(&scores.entities_by_type[&korex::output::EntityType::Org]),
        (1, 1, 1)
    );
    assert!(close(
        scores.entities_by_type[&korex::output::EntityType::Org].f1,
        0.5
    ));
    // No amount predicted: every gold amount is missed.
    assert_eq!(counts(&scores.amounts), (0, 0, 1));
    assert_eq!(scores.amounts.f1, 0.0);
    // The actor of C1 no longer has the gold span; the renamed entity is not found.
    assert_eq!(
        (
            scores.commitment_actors.correct,
            scores.commitment_actors.total
        ),
        (1, 2)
    );
    assert_eq!((scores.names_en.correct, scores.names_en.total), (2, 2));

    let entity_errors: Vec<_> = report
        .errors
        .iter()
        .filter(|e| e.measure == Measure::Entity)
        .map(|e| {
            (
                e.error,
                e.label.as_str(),
                e.start,
                e.end,
                e.text.as_str(),
                e.before.as_str(),
                e.after.as_str(),
            )
        })
        .collect();
    assert_eq!(
        entity_errors,
        vec![
            (
                ErrorKind::FalseNegative,
                "ORG",
                0,
                4,
                "삼성전자",
                "",
                "는 엔비디아와 3조 원 규모의 계약을 체결했다. 이재용"
            ),
            (
                ErrorKind::FalsePositive,
                "ORG",
                0,
                5,
                "삼성전자는",
                "",
                " 엔비디아와 3조 원 규모의 계약을 체결했다. 이재용 "
            ),
        ]
    );
}

#[test]
fn a_wrong_type_misses_one_type_and_adds_another() {
    let mut entities = perfect_entities();
    entities[1] = entity("E2", "LOCATION", ("엔비디아", Some("Nvidia")), &[(6, 10)]);
    let report = score(record(entities, vec![], perfect_commitments()));
    let by_type = &report.overall.entities_by_type;
    use korex::output::EntityType::{Location, Org, Person};
    assert_eq!(counts(&by_type[&Org]), (1, 0, 1));
    assert_eq!(counts(&by_type[&Location]), (0, 1, 0));
    assert_eq!(counts(&by_type[&Person]), (1, 0, 0));
    assert_eq!(counts(&report.overall.entities), (3, 1, 1));
    let miss = report
        .errors
        .iter()
        .find(|e| e.error == ErrorKind::FalseNegative)
        .expect("the ORG is missed");
    assert_eq!(miss.note.as_deref(), Some("predicted here as LOCATION"));
    // Names do not depend on the type: the span is found.
    assert_eq!(
        (
            report.overall.names_en.correct,
            report.overall.names_en.total
        ),
        (3, 3)
    );
}

#[test]
fn amounts_need_span_kind_value_and_currency() {
    let amounts_of = |value: Value, kind: &str, currency: Option<&str>| {
        let report = score(record(
            perfect_entities(),
            vec![amount(value, kind, currency)],
            vec![],
        ));
        (
            counts(&report.overall.amounts),
            counts(&report.overall.amount_spans),
        )
    };
    // 3e12 written as a float is the same number.
    assert_eq!(
        amounts_of(json!(3000000000000.0), "money", Some("KRW")),
        ((1, 0, 0), (1, 0, 0))
    );
    assert_eq!(
        amounts_of(json!(3000000000000u64), "money", Some("USD")),
        ((0, 1, 1), (1, 0, 0))
    );
    assert_eq!(
        amounts_of(json!(300000000000u64), "money", Some("KRW")),
        ((0, 1, 1), (1, 0, 0))
    );
    assert_eq!(
        amounts_of(json!(3000000000000u64), "quantity", None),
        ((0, 1, 1), (1, 0, 0))
    );
}

#[test]
fn commitments_match_by_type_and_trigger_sentence() {
    // The clause [0, 12) does not hold the trigger, its sentence does.
    let report = score(record(
        perfect_entities(),
        vec![],
        vec![
            commitment("agreement", 0, (0, 12), &["E1"]),
            commitment("plan", 1, (31, 59), &["E3"]),
            commitment("agreement", 1, (31, 59), &["E3"]),
        ],
    ));
    let commitments = report.overall.commitments;
    assert_eq!(counts(&commitments), (1, 2, 1));
    assert!(close(commitments.precision, 1.0 / 3.0));
    assert!(close(commitments.recall, 0.5));
    assert!(close(commitments.f1, 0.4));
    assert_eq!(
        (
            report.overall.commitment_actors.correct,
            report.overall.commitment_actors.total
        ),
        (1, 1)
    );
    let missed: Vec<_> = report
        .errors
        .iter()
        .filter(|e| e.measure == Measure::Commitment)
        .map(|e| (e.error, e.label.as_str(), e.start, e.end))
        .collect();
    assert_eq!(
        missed,
        vec![
            (ErrorKind::FalsePositive, "plan (하다)", 31, 59),
            (ErrorKind::FalsePositive, "agreement (하다)", 31, 59),
            (ErrorKind::FalseNegative, "pledge", 48, 52),
        ]
    );
    let fn_item = report
        .errors
        .iter()
        .find(|e| e.measure == Measure::Commitment && e.error == ErrorKind::FalseNegative)
        .unwrap();
    assert_eq!(fn_item.evidence.as_deref(), Some(cut(31, 59).as_str()));

    // One-to-one: a second prediction in the same sentence is a false positive.
    let report = score(record(
        perfect_entities(),
        vec![],
        vec![
            commitment("agreement", 0, (0, 30), &["E1"]),
            commitment("agreement", 0, (0, 30), &["E1"]),
        ],
    ));
    assert_eq!(counts(&report.overall.commitments), (1, 1, 1));
}

#[test]
fn actors_agree_by_mention_span_one_to_one() {
    let actors_right = |entities: Vec<Value>, actors: &[&str]| {
        let report = score(record(
            entities,
            vec![],
            vec![commitment("pledge", 1, (31, 59), actors)],
        ));
        let accuracy = report.overall.commitment_actors;
        (accuracy.correct, accuracy.total)
    };
    assert_eq!(actors_right(perfect_entities(), &["E3"]), (1, 1));
    // Ids and names do not matter, the span does.
    let mut renamed = perfect_entities();
    renamed[2] = entity("P7", "PERSON", ("이 회장", None), &[(31, 34)]);
    assert_eq!(actors_right(renamed, &["P7"]), (1, 1));
    // Listing the same actor twice is still one actor.
    assert_eq!(actors_right(perfect_entities(), &["E3", "E3"]), (1, 1));
    assert_eq!(actors_right(perfect_entities(), &[]), (0, 1));
    assert_eq!(actors_right(perfect_entities(), &["E3", "E1"]), (0, 1));
    assert_eq!(actors_right(perfect_entities(), &["E1"]), (0, 1));
    assert_eq!(actors_right(perfect_entities(), &["E99"]), (0, 1));
    let mut shifted = perfect_entities();
    shifted[2] = entity("E3", "PERSON", ("이재용", None), &[(31, 35)]);
    assert_eq!(actors_right(shifted, &["E3"]), (0, 1));

    // Two gold actors need two distinct agreeing predicted actors.
    let mut two = gold();
    two.commitments[0].actors = vec!["E1".to_owned(), "E2".to_owned()];
    let score_two = |actors: &[&str]| {
        let report = eval::score(&[Article {
            id: "t1".to_owned(),
            text: TEXT.to_owned(),
            gold: two.clone(),
            extraction: Some(record(
                perfect_entities(),
                vec![],
                vec![commitment("agreement", 0, (0, 30), actors)],
            )),
        }]);
        let accuracy = report.overall.commitment_actors;
        (accuracy.correct, accuracy.total)
    };
    assert_eq!(score_two(&["E2", "E1"]), (1, 1));
    assert_eq!(score_two(&["E1"]), (0, 1));
    // One predicted entity holding both spans agrees with only one gold actor.
    let merged = vec![entity("M1", "ORG", ("삼성전자", None), &[(0, 4), (6, 10)])];
    let report = eval::score(&[Article {
        id: "t1".to_owned(),
        text: TEXT.to_owned(),
        gold: two.clone(),
        extraction: Some(record(
            merged,
            vec![],
            vec![commitment("agreement", 0, (0, 30), &["M1"])],
        )),
    }]);
    assert_eq!(report.overall.commitment_actors.correct, 0);
}

#[test]
fn names_are_compared_ignoring_case_spaces_hyphens_and_dots() {
    assert_eq!(eval::name_key("Lee Jae-yong"), "leejaeyong");
    assert_eq!(eval::name_key("U.S."), "us");
    let mut entities = perfect_entities();
    entities[0] = entity(
        "E1",
        "ORG",
        ("삼성전자", Some("SAMSUNG electronics")),
        &[(0, 4)],
    );
    entities[1] = entity("E2", "ORG", ("", Some("NVIDIA Corp.")), &[(6, 10)]);
    entities[2] = entity("E3", "PERSON", ("이재용", Some("lee jaeyong")), &[(31, 34)]);
    entities[3] = entity("E4", "DATE", ("내년", Some("next year")), &[(40, 42)]);
    // E2's Korean name is given as null below.
    entities[1]["name_ko"] = Value::Null;
    let report = score(record(entities, vec![], vec![]));
    let names = |a: &eval::Accuracy| (a.correct, a.total);
    assert_eq!(names(&report.overall.names_en), (2, 3));
    assert!(close(report.overall.names_en.accuracy, 2.0 / 3.0));
    assert_eq!(names(&report.overall.names_ko), (2, 3));
    let notes: Vec<_> = report
        .errors
        .iter()
        .filter(|e| matches!(e.measure, Measure::NameEn | Measure::NameKo))
        .map(|e| (e.measure, e.note.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        notes,
        vec![
            (
                Measure::NameEn,
                "gold \"Nvidia\", predicted \"NVIDIA Corp.\""
            ),
            (Measure::NameKo, "gold \"엔비디아\", predicted null"),
        ]
    );
}

#[test]
fn a_failed_extraction_misses_everything() {
    let report = eval::score(&[Article {
        id: "t1".to_owned(),
        text: TEXT.to_owned(),
        gold: gold(),
        extraction: None,
    }]);
    assert_eq!(counts(&report.overall.entities), (0, 0, 4));
    assert_eq!(counts(&report.overall.amounts), (0, 0, 1));
    assert_eq!(counts(&report.overall.commitments), (0, 0, 2));
    assert_eq!(report.overall.names_en.total, 0);
    assert_eq!(report.errors.len(), 4 + 1 + 2);
}

#[test]
fn the_table_has_one_line_per_measure() {
    let report = score(record(perfect_entities(), vec![], perfect_commitments()));
    let table = report.to_string();
    assert!(
        table.starts_with("korex eval: 1 articles (ko 1)\n"),
        "{table}"
    );
    let line = table
        .lines()
        .find(|l| l.starts_with("entities "))
        .expect("an entities line");
    assert_eq!(
        line,
        "entities                    1.000  1.000  1.000      4      0      0"
    );
    let line = table.lines().find(|l| l.starts_with("amounts ")).unwrap();
    assert_eq!(
        line,
        "amounts                     0.000  0.000  0.000      0      0      1"
    );
    assert!(
        table.contains("\n  actors right                            1.000   2 of 2 matched\n"),
        "{table}"
    );
    let errors = report.render_errors();
    assert!(
        errors.starts_with("t1  FN amount money 3000000000000 KRW  [12, 16)  \"3조 원\"\n"),
        "{errors}"
    );
}

// ---------------------------------------------------------------------------
// The corpus

fn corpus() -> std::path::PathBuf {
    common::repo().join("corpus")
}

fn article_ids(dir: &Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .map(|path| korex::batch::file_id(&path))
        .collect();
    ids.sort();
    ids
}

#[test]
fn every_article_has_well_formed_gold() {
    let gold = GoldSet::load(&corpus().join("gold")).expect("the gold files load");
    let mut problems = Vec::new();
    let mut articles = Vec::new();
    for (language, minimum) in [("ko", 24), ("en", 12)] {
        let ids = article_ids(&corpus().join(language));
        assert!(
            ids.len() >= minimum,
            "corpus/{language} has {} articles, at least {minimum} needed",
            ids.len()
        );
        for id in ids {
            let text = std::fs::read_to_string(corpus().join(language).join(format!("{id}.txt")))
                .expect("the article is UTF-8");
            match gold.files.get(&id) {
                None => problems.push(format!("{id}: no gold file")),
                Some(file) => {
                    if file.id != id {
                        problems.push(format!("{id}: the gold file says id {:?}", file.id));
                    }
                    if file.language.as_deref() != Some(language) {
                        problems.push(format!(
                            "{id}: language {:?}, not {language}",
                            file.language
                        ));
                    }
                    for problem in eval::check_gold(file, &text) {
                        problems.push(format!("{id}: {problem}"));
                    }
                }
            }
            articles.push(id);
        }
    }
    for id in gold.files.keys() {
        if !articles.contains(id) {
            problems.push(format!(
                "gold/{id}.json: no article in corpus/ko or corpus/en"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn headline_scores_stay_above_the_floors() {
    let gold = GoldSet::load(&corpus().join("gold")).expect("the gold files load");
    let pipeline = Pipeline::new(Config::default()).expect("the pipeline loads");
    let report = eval::evaluate(&pipeline, &gold, &[], 2);
    let table = report.to_string();
    println!("{table}");
    assert!(
        report.articles >= 36,
        "{} articles scored\n{table}",
        report.articles
    );

    let floors: BTreeMap<String, Value> = serde_json::from_str(
        &std::fs::read_to_string(corpus().join("floors.json")).expect("corpus/floors.json"),
    )
    .expect("floors.json is a JSON object");
    let headline: BTreeMap<&str, f64> = report.headline.pairs().into_iter().collect();
    let mut failures = Vec::new();
    for (name, floor) in floors.iter().filter(|(name, _)| !name.starts_with('_')) {
        let floor = floor
            .as_f64()
            .unwrap_or_else(|| panic!("floor {name} is not a number"));
        match headline.get(name.as_str()) {
            None => failures.push(format!(
                "floors.json names {name}, which is not a headline score"
            )),
            Some(&score) if score + 1e-9 < floor => {
                failures.push(format!("{name}: {score:.4} is below its floor {floor:.2}"))
            }
            Some(_) => {}
        }
    }
    for name in headline.keys() {
        if !floors.contains_key(*name) {
            failures.push(format!("{name} has no floor in corpus/floors.json"));
        }
    }
    assert!(failures.is_empty(), "{}\n\n{table}", failures.join("\n"));

    // The thread count changes nothing.
    assert_eq!(eval::evaluate(&pipeline, &gold, &[], 1), report);
}

// ---------------------------------------------------------------------------
// The command

/// The keys of a JSON object, sorted (whatever serde_json's map order is).
fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("a JSON object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[test]
fn eval_prints_a_json_report_and_exits_zero() {
    let output = korex()
        .current_dir(common::repo())
        .args(["eval", "--gold", "corpus/gold", "--json", "-j", "2"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("the report is JSON");
    let top: Vec<&str> = keys(&report);
    assert_eq!(
        top,
        vec![
            "articles",
            "by_language",
            "errors",
            "headline",
            "overall",
            "warnings"
        ]
    );
    let headline: Vec<&str> = keys(&report["headline"]);
    assert_eq!(
        headline,
        vec![
            "amounts",
            "commitment_actors",
            "commitments",
            "entities",
            "names_en",
            "names_ko"
        ]
    );
    let languages: Vec<&str> = keys(&report["by_language"]);
    assert_eq!(languages, vec!["en", "ko"]);
    let overall = &report["overall"];
    for key in ["entities", "amounts", "amount_spans", "commitments"] {
        let score: Vec<&str> = keys(&overall[key]);
        assert_eq!(
            score,
            vec!["f1", "fn", "fp", "precision", "recall", "tp"],
            "{key}"
        );
    }
    let types: Vec<&str> = keys(&overall["entities_by_type"]);
    assert_eq!(
        types,
        vec!["DATE", "EVENT", "LOCATION", "ORG", "PERSON", "PRODUCT"]
    );
    assert_eq!(report["articles"], 36);
    // Without --show-errors the listing is left out.
    assert_eq!(report["errors"], json!([]));
}

#[test]
fn missing_gold_or_article_is_a_warning_and_bad_usage_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let gold_dir = dir.path().join("gold");
    std::fs::create_dir(&gold_dir).unwrap();
    let mut gold_json = serde_json::to_value(gold()).unwrap();
    gold_json["id"] = json!("t1");
    // A gold amount no extractor will find, so the listing has a miss.
    gold_json["amounts"].as_array_mut().unwrap().push(
        json!({"id": "A2", "kind": "quantity", "text": "회장", "start": 35, "end": 37,
                     "value": 1, "currency": null}),
    );
    std::fs::write(gold_dir.join("t1.json"), gold_json.to_string()).unwrap();
    std::fs::write(
        gold_dir.join("t2.json"),
        json!({"id": "t2", "language": "ko"}).to_string(),
    )
    .unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(articles.join("t1.txt"), TEXT).unwrap();
    std::fs::write(articles.join("t3.txt"), "다른 기사다.").unwrap();

    let output = korex()
        .arg("eval")
        .arg("--gold")
        .arg(&gold_dir)
        .arg(&articles)
        .arg("--show-errors")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("korex: warning: article t3 has no gold file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("korex: warning: gold file t2.json has no article"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("korex eval: 1 articles (ko 1)\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\nt1  FN amount quantity 1  [35, 37)  \"회장\"\n"),
        "{stdout}"
    );

    std::fs::write(gold_dir.join("t2.json"), "{not json").unwrap();
    let output = korex()
        .arg("eval")
        .arg("--gold")
        .arg(&gold_dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("t2.json"));

    korex().args(["eval"]).assert().code(2);
    korex()
        .arg("eval")
        .arg("--gold")
        .arg(dir.path().join("nowhere"))
        .assert()
        .code(2);
}
