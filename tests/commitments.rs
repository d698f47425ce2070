//! The commitments stage on real tokens with hand-added entities and amounts.
//!
//! The entities and amounts stages are separate; these tests give the
//! commitments stage exactly the entities and amounts a sentence has (found
//! by their surface in the text, or taken from the corpus gold files) and
//! check what it makes of them. The seed article is read from
//! `../shared/seeds/`, never copied here.

mod common;

use korex::amounts::FoundAmount;
use korex::commitments::{CommitmentStage, FoundCommitment};
use korex::entities::{FoundEntity, FoundMention};
use korex::output::{AmountKind, CommitmentStatus, CommitmentType, EntityType};
use korex::{Document, Input};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn stage() -> &'static CommitmentStage {
    static STAGE: OnceLock<CommitmentStage> = OnceLock::new();
    STAGE.get_or_init(|| CommitmentStage::new().expect("the commitment lexicons load"))
}

/// The document of `text` through tokenization, with nothing found after it.
fn tokenized(text: &str) -> Document {
    let mut worker = common::pipeline().worker();
    let mut document = worker
        .document(&Input::new("t", text))
        .expect("the text is processed");
    document.entities.clear();
    document.amounts.clear();
    document.commitments.clear();
    document
}

fn sentence_of(document: &Document, byte: usize) -> usize {
    document
        .sentences
        .iter()
        .position(|s| s.start <= byte && byte < s.end)
        .unwrap_or(0)
}

fn entity(
    document: &Document,
    entity_type: EntityType,
    name: &str,
    spans: &[(usize, usize)],
) -> FoundEntity {
    FoundEntity {
        entity_type,
        name: name.to_owned(),
        name_ko: None,
        name_en: None,
        name_en_source: None,
        role: None,
        role_en: None,
        affiliation: None,
        mentions: spans
            .iter()
            .map(|&(start, end)| FoundMention {
                start,
                end,
                sentence: sentence_of(document, start),
            })
            .collect(),
        confidence: 1.0,
    }
}

/// Every byte span where `surface` occurs in the text, not inside a longer
/// surface already taken.
fn spans_of(text: &str, surface: &str, taken: &[(usize, usize)]) -> Vec<(usize, usize)> {
    text.match_indices(surface)
        .map(|(at, _)| (at, at + surface.len()))
        .filter(|&(s, e)| !taken.iter().any(|&(ts, te)| s < te && ts < e))
        .collect()
}

/// A document from `text` whose entities are `entities` (surface, type; an
/// entity with several surfaces: `"오픈AI|OpenAI"`; a person's title after
/// `@`: `"이재명@대통령"`), every occurrence a mention, and whose amounts are
/// `amounts`; nothing else found after tokenization.
fn build(
    text: &str,
    entities: &[(&str, EntityType)],
    amounts: &[(&str, AmountKind)],
) -> (Document, Vec<String>) {
    let mut document = tokenized(text);
    let mut taken: Vec<(usize, usize)> = Vec::new();
    // Longer surfaces first, so that 삼성전자 is not also 삼성.
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(entities[i].0.len()));
    let mut built: Vec<Option<FoundEntity>> = vec![None; entities.len()];
    for i in order {
        let (spec, entity_type) = entities[i];
        let (surfaces, role) = match spec.split_once('@') {
            Some((surfaces, role)) => (surfaces, Some(role)),
            None => (spec, None),
        };
        let mut spans = Vec::new();
        for surface in surfaces.split('|') {
            let found = spans_of(document.text(), surface, &taken);
            taken.extend(&found);
            spans.extend(found);
        }
        spans.sort();
        let name = surfaces.split('|').next().unwrap_or("");
        let mut e = entity(&document, entity_type, name, &spans);
        e.role = role.map(str::to_owned);
        built[i] = Some(e);
    }
    let mut names = Vec::new();
    for e in built.into_iter().flatten() {
        names.push(e.name.clone());
        document.entities.push(e);
    }
    for &(surface, kind) in amounts {
        for (start, end) in spans_of(document.text(), surface, &[]) {
            document.amounts.push(FoundAmount {
                start,
                end,
                sentence: sentence_of(&document, start),
                kind,
                value: Decimal::ZERO,
                currency: None,
                currency_inferred: false,
                unit: None,
                approximate: false,
                range: None,
                subject: None,
            });
        }
    }
    (document, names)
}

/// [`build`], then the commitments stage.
fn run(
    text: &str,
    entities: &[(&str, EntityType)],
    amounts: &[(&str, AmountKind)],
) -> (Document, Vec<String>) {
    let (mut document, names) = build(text, entities, amounts);
    stage().apply(&mut document);
    (document, names)
}

/// A commitment as the tests compare it: type, status, predicate, actor
/// and counterpart names, object.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    commitment_type: CommitmentType,
    status: CommitmentStatus,
    predicate: String,
    actors: Vec<String>,
    counterparts: Vec<String>,
    object: Option<String>,
}

fn seen(document: &Document, names: &[String], c: &FoundCommitment) -> Seen {
    let name = |i: &usize| names.get(*i).cloned().unwrap_or_default();
    let _ = document;
    Seen {
        commitment_type: c.commitment_type,
        status: c.status,
        predicate: c.predicate.clone(),
        actors: c.actors.iter().map(name).collect(),
        counterparts: c.counterparts.iter().map(name).collect(),
        object: c.object.clone(),
    }
}

fn found(text: &str, entities: &[(&str, EntityType)]) -> Vec<Seen> {
    let (document, names) = run(text, entities, &[]);
    document
        .commitments
        .iter()
        .map(|c| seen(&document, &names, c))
        .collect()
}

fn expect(
    commitment_type: CommitmentType,
    status: CommitmentStatus,
    predicate: &str,
    actors: &[&str],
    counterparts: &[&str],
    object: Option<&str>,
) -> Seen {
    Seen {
        commitment_type,
        status,
        predicate: predicate.to_owned(),
        actors: actors.iter().map(|s| (*s).to_owned()).collect(),
        counterparts: counterparts.iter().map(|s| (*s).to_owned()).collect(),
        object: object.map(str::to_owned),
    }
}

use CommitmentStatus::{Announced, Completed, Intended, UnderConsideration};
use CommitmentType::{Agreement, Consideration, Investment, Order, Plan, Pledge};
use EntityType::{Date, Location, Org, Person};

// ---------------------------------------------------------------- the corpus

#[derive(Debug, Deserialize)]
struct GoldFile {
    id: String,
    #[serde(default)]
    entities: Vec<GoldEntity>,
    #[serde(default)]
    amounts: Vec<GoldAmount>,
    #[serde(default)]
    commitments: Vec<GoldCommitment>,
}

#[derive(Debug, Deserialize)]
struct GoldEntity {
    id: String,
    #[serde(rename = "type")]
    entity_type: EntityType,
    name_ko: Option<String>,
    name_en: Option<String>,
    role: Option<String>,
    mentions: Vec<GoldSpan>,
}

#[derive(Debug, Deserialize)]
struct GoldSpan {
    start: usize,
    end: usize,
}

#[derive(Debug, Deserialize)]
struct GoldAmount {
    kind: AmountKind,
    start: usize,
    end: usize,
}

#[derive(Debug, Deserialize)]
struct GoldCommitment {
    #[serde(rename = "type")]
    commitment_type: CommitmentType,
    trigger: GoldSpan,
    evidence: String,
    actors: Vec<String>,
}

/// Scores of the stage on the corpus, with the gold entities and amounts as
/// its input.
#[derive(Debug, Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    actors_right: usize,
    errors: Vec<String>,
}

impl Score {
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn actors(&self) -> f64 {
        self.actors_right as f64 / self.tp.max(1) as f64
    }
}

fn score_article(text: &str, gold: &GoldFile, score: &mut Score) {
    let mut document = tokenized(text);
    assert_eq!(document.text(), text, "{} is NFC", gold.id);
    let byte_of: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let b = |c: usize| byte_of.get(c).copied().unwrap_or(text.len());
    let mut index_of = BTreeMap::new();
    for (i, e) in gold.entities.iter().enumerate() {
        index_of.insert(e.id.clone(), i);
        let spans: Vec<(usize, usize)> =
            e.mentions.iter().map(|m| (b(m.start), b(m.end))).collect();
        let name = if gold.id.starts_with("en") {
            e.name_en.clone().or(e.name_ko.clone())
        } else {
            e.name_ko.clone().or(e.name_en.clone())
        };
        let mut found = entity(&document, e.entity_type, &name.unwrap_or_default(), &spans);
        found.name_ko = e.name_ko.clone();
        found.name_en = e.name_en.clone();
        found.role = e.role.clone();
        document.entities.push(found);
    }
    for a in &gold.amounts {
        let (start, end) = (b(a.start), b(a.end));
        document.amounts.push(FoundAmount {
            start,
            end,
            sentence: sentence_of(&document, start),
            kind: a.kind,
            value: Decimal::ZERO,
            currency: None,
            currency_inferred: false,
            unit: None,
            approximate: false,
            range: None,
            subject: None,
        });
    }
    stage().apply(&mut document);
    let names: Vec<String> = gold
        .entities
        .iter()
        .map(|e| e.name_ko.clone().or(e.name_en.clone()).unwrap_or_default())
        .collect();
    let mut gold_left: Vec<&GoldCommitment> = gold.commitments.iter().collect();
    gold_left.sort_by_key(|g| g.trigger.start);
    let mut matched = vec![false; gold_left.len()];
    for c in &document.commitments {
        let Some(sentence) = document.sentences.get(c.sentence) else {
            continue;
        };
        let hit = gold_left.iter().enumerate().position(|(i, g)| {
            !matched[i]
                && g.commitment_type == c.commitment_type
                && b(g.trigger.start) >= sentence.start
                && b(g.trigger.start) < sentence.end
        });
        let actor_names: Vec<String> = c
            .actors
            .iter()
            .map(|&i| names.get(i).cloned().unwrap_or_default())
            .collect();
        if std::env::var_os("SHOW_ALL").is_some() {
            println!(
                "{} ALL {:?}/{:?} {} actors {:?} object {:?} | {}",
                gold.id,
                c.commitment_type,
                c.status,
                c.predicate,
                actor_names,
                c.object,
                document.slice(c.start, c.end)
            );
        }
        match hit {
            Some(i) => {
                matched[i] = true;
                score.tp += 1;
                let mut want: Vec<usize> = gold_left[i]
                    .actors
                    .iter()
                    .filter_map(|id| index_of.get(id).copied())
                    .collect();
                let mut got = c.actors.clone();
                want.sort();
                got.sort();
                if want == got {
                    score.actors_right += 1;
                } else {
                    let want_names: Vec<String> = want.iter().map(|&i| names[i].clone()).collect();
                    score.errors.push(format!(
                        "{} ACTORS {:?} {} want {:?} got {:?}\n      {}",
                        gold.id,
                        c.commitment_type,
                        c.predicate,
                        want_names,
                        actor_names,
                        document.slice(sentence.start, sentence.end)
                    ));
                }
            }
            None => {
                score.fp += 1;
                score.errors.push(format!(
                    "{} FP {:?}/{:?} {} actors {:?} object {:?}\n      {}",
                    gold.id,
                    c.commitment_type,
                    c.status,
                    c.predicate,
                    actor_names,
                    c.object,
                    document.slice(sentence.start, sentence.end)
                ));
            }
        }
    }
    for (i, g) in gold_left.iter().enumerate() {
        if !matched[i] {
            score.fn_ += 1;
            let trigger: String = text
                .chars()
                .skip(g.trigger.start)
                .take(g.trigger.end - g.trigger.start)
                .collect();
            score.errors.push(format!(
                "{} FN {:?} {:?}\n      {}",
                gold.id, g.commitment_type, trigger, g.evidence
            ));
        }
    }
}

fn corpus_score(language: &str) -> Score {
    let root = common::repo().join("corpus");
    let mut score = Score::default();
    let mut paths: Vec<_> = std::fs::read_dir(root.join(language))
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_owned();
        let gold_path = root.join("gold").join(format!("{stem}.json"));
        let Ok(gold_text) = std::fs::read_to_string(&gold_path) else {
            continue;
        };
        let gold: GoldFile = serde_json::from_str(&gold_text)
            .unwrap_or_else(|e| panic!("{}: {e}", gold_path.display()));
        let text = std::fs::read_to_string(&path).expect("article");
        score_article(&text, &gold, &mut score);
    }
    score
}

fn report(language: &str, score: &Score) {
    if std::env::var_os("SHOW_ERRORS").is_some() {
        for error in &score.errors {
            println!("{error}");
        }
    }
    println!(
        "{language}: P {:.3} R {:.3} F1 {:.3} (tp {} fp {} fn {}) actors right {:.3}",
        score.precision(),
        score.recall(),
        score.f1(),
        score.tp,
        score.fp,
        score.fn_,
        score.actors()
    );
}

/// The stage on the corpus, given the gold entities and amounts: found
/// (type and sentence of the gold trigger), and actors right among those
/// found, at the 0.9 or better. `SHOW_ERRORS=1 cargo test --test
/// commitments corpus -- --nocapture` lists every miss.
fn assert_floor(language: &str, score: &Score) {
    report(language, score);
    assert!(score.tp > 0, "{language}: nothing found");
    for (what, value) in [
        ("precision", score.precision()),
        ("recall", score.recall()),
        ("actors right", score.actors()),
    ] {
        assert!(value >= 0.9, "{language} {what} {value:.3} is under 0.9");
    }
}

#[test]
fn korean_corpus_gold() {
    assert_floor("ko", &corpus_score("ko"));
}

#[test]
fn english_corpus_gold() {
    assert_floor("en", &corpus_score("en"));
}

/// Prints the tokens of the sentences of `DEBUG_FILE` holding `DEBUG_GREP`.
#[test]
#[ignore]
fn debug_tokens() {
    let (Ok(path), Ok(grep)) = (std::env::var("DEBUG_FILE"), std::env::var("DEBUG_GREP")) else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("file");
    let document = tokenized(&text);
    for (i, s) in document.sentences.iter().enumerate() {
        let sentence = document.slice(s.start, s.end);
        if !grep.split('|').any(|g| sentence.contains(g)) {
            continue;
        }
        println!("=== S{i} {:?} {sentence}", s.language);
        let line: Vec<String> = document
            .sentence_tokens(i)
            .iter()
            .map(|t| {
                format!(
                    "{}/{}{}",
                    t.text(document.text()),
                    t.pos,
                    t.expression
                        .as_deref()
                        .map(|e| format!("[{e}]"))
                        .unwrap_or_default()
                )
            })
            .collect();
        println!("{}", line.join(" "));
    }
}

// ------------------------------------------------------- Korean, by pattern

const KO_ORGS: &[(&str, EntityType)] = &[
    ("과학기술정보통신부", Org),
    ("오픈AI", Org),
    ("삼성전자", Org),
    ("삼성", Org),
    ("SK텔레콤", Org),
    ("SK", Org),
    ("AWS", Org),
    ("HMM", Org),
    ("정부", Org),
    ("포스코", Org),
    ("크래프톤", Org),
    ("현대자동차그룹", Org),
    ("LG에너지솔루션", Org),
    ("최태원", Person),
    ("김성훈", Person),
    ("2029년", Date),
];

#[test]
fn ko_agreement_signed_by_two_actors() {
    assert_eq!(
        found(
            "과학기술정보통신부와 오픈AI는 AI 분야 협력 양해각서를 체결했다.",
            KO_ORGS
        ),
        vec![expect(
            Agreement,
            Completed,
            "체결하다",
            &["과학기술정보통신부", "오픈AI"],
            &[],
            Some("AI 분야 협력 양해각서")
        )]
    );
}

#[test]
fn ko_agreement_with_counterparts_each() {
    assert_eq!(
        found(
            "오픈AI는 삼성, SK와 각각 스타게이트 프로젝트 관련 메모리 반도체 협력 파트너십 의향서도 체결했다.",
            KO_ORGS
        ),
        vec![expect(
            Agreement,
            Completed,
            "체결하다",
            &["오픈AI"],
            &["삼성", "SK"],
            Some("메모리 반도체 협력 파트너십 의향서")
        )]
    );
}

#[test]
fn ko_decision_is_an_announced_plan() {
    assert_eq!(
        found("현대자동차그룹은 앨라배마 공장을 증설하기로 했다.", KO_ORGS),
        vec![expect(
            Plan,
            Announced,
            "증설하다",
            &["현대자동차그룹"],
            &[],
            Some("앨라배마 공장")
        )]
    );
}

#[test]
fn ko_investment_plan_with_its_amount() {
    let (document, names) = run(
        "삼성전자는 평택 사업장에 4조 원을 투자할 계획이다.",
        KO_ORGS,
        &[("4조 원", AmountKind::Money)],
    );
    let all: Vec<Seen> = document
        .commitments
        .iter()
        .map(|c| seen(&document, &names, c))
        .collect();
    assert_eq!(
        all,
        vec![expect(
            Investment,
            Intended,
            "투자하다",
            &["삼성전자"],
            &[],
            Some("4조 원")
        )]
    );
    assert_eq!(document.commitments[0].amounts, vec![0]);
}

#[test]
fn ko_order_decided() {
    assert_eq!(
        found(
            "HMM은 메탄올 추진 컨테이너선 6척을 국내 조선소에 발주하기로 했다.",
            KO_ORGS
        ),
        vec![expect(
            Order,
            Announced,
            "발주하다",
            &["HMM"],
            &[],
            Some("메탄올 추진 컨테이너선 6척")
        )]
    );
}

#[test]
fn ko_consideration_with_its_proposal() {
    assert_eq!(
        found(
            "정부는 금산분리 규제를 완화하는 방안을 검토하고 있다.",
            KO_ORGS
        ),
        vec![expect(
            Consideration,
            UnderConsideration,
            "검토하다",
            &["정부"],
            &[],
            Some("금산분리 규제를 완화하는 방안")
        )]
    );
    assert_eq!(
        found("정부는 특구 지정 방안을 검토 중이다.", KO_ORGS),
        vec![expect(
            Consideration,
            UnderConsideration,
            "검토하다",
            &["정부"],
            &[],
            Some("특구 지정 방안")
        )]
    );
}

#[test]
fn ko_pledge_in_a_quote_is_the_speakers() {
    assert_eq!(
        found(
            "최태원 SK 회장은 “울산을 아시아의 AI 허브로 키우겠다”고 말했다.",
            KO_ORGS
        ),
        vec![expect(
            Pledge,
            Intended,
            "키우다",
            &["최태원"],
            &[],
            Some("울산")
        )]
    );
}

#[test]
fn ko_two_quotes_of_one_speaker() {
    assert_eq!(
        found(
            "김성훈 대표는 \"해외 인력을 늘리겠다\"며 \"고객 300곳을 확보하겠다\"고 강조했다.",
            KO_ORGS
        ),
        vec![
            expect(
                Pledge,
                Intended,
                "늘리다",
                &["김성훈"],
                &[],
                Some("해외 인력")
            ),
            expect(
                Pledge,
                Intended,
                "확보하다",
                &["김성훈"],
                &[],
                Some("고객 300곳")
            ),
        ]
    );
}

#[test]
fn ko_conjoined_clause_takes_the_final_marker() {
    assert_eq!(
        found(
            "포스코는 실증설비를 2027년까지 완공하고, 상용화 기술을 확보하기로 했다.",
            KO_ORGS
        ),
        vec![
            expect(
                Plan,
                Announced,
                "완공하다",
                &["포스코"],
                &[],
                Some("실증설비")
            ),
            expect(
                Plan,
                Announced,
                "확보하다",
                &["포스코"],
                &[],
                Some("상용화 기술")
            ),
        ]
    );
}

#[test]
fn ko_reported_intention_is_announced() {
    assert_eq!(
        found(
            "오픈AI는 한국의 파트너 기업들과 함께 대규모 데이터센터 구축을 추진하겠다고 밝혔다.",
            KO_ORGS
        ),
        vec![expect(
            Plan,
            Announced,
            "추진하다",
            &["오픈AI"],
            &[],
            Some("대규모 데이터센터 구축")
        )]
    );
}

#[test]
fn ko_both_companies_are_the_earlier_parties() {
    let all = found(
        "SK텔레콤과 AWS는 울산에 데이터센터를 짓기로 했다. 양사는 100MW 규모 설비를 가동할 예정이다.",
        KO_ORGS,
    );
    assert_eq!(
        all,
        vec![
            expect(
                Plan,
                Announced,
                "짓다",
                &["SK텔레콤", "AWS"],
                &[],
                Some("데이터센터")
            ),
            expect(
                Plan,
                Intended,
                "가동하다",
                &["SK텔레콤", "AWS"],
                &[],
                Some("100MW 규모 설비")
            ),
        ]
    );
}

#[test]
fn ko_order_inside_a_letter_of_intent() {
    let (document, names) = run(
        "대통령은 2029년에 90만 웨이퍼를 오픈AI가 발주하겠다는 의향서 내용을 언급했다.",
        KO_ORGS,
        &[("90만 웨이퍼", AmountKind::Quantity)],
    );
    let all: Vec<Seen> = document
        .commitments
        .iter()
        .map(|c| seen(&document, &names, c))
        .collect();
    assert_eq!(
        all,
        vec![expect(
            Order,
            Intended,
            "발주하다",
            &["오픈AI"],
            &[],
            Some("90만 웨이퍼")
        )]
    );
    let date = names.iter().position(|n| n == "2029년").unwrap();
    assert_eq!(document.commitments[0].dates, vec![date]);
    assert_eq!(document.commitments[0].amounts, vec![0]);
}

#[test]
fn ko_commitment_not_to_do() {
    assert_eq!(
        found(
            "크래프톤은 플레이스테이션용 버전을 내놓지 않기로 했다.",
            KO_ORGS
        ),
        vec![expect(
            Plan,
            Announced,
            "내놓지 않다",
            &["크래프톤"],
            &[],
            Some("플레이스테이션용 버전")
        )]
    );
}

#[test]
fn ko_present_tense_announcements_of_typed_verbs() {
    assert_eq!(
        found(
            "현대자동차그룹은 2030년까지 국내에 24조 원을 투자한다고 밝혔다.",
            KO_ORGS
        ),
        vec![expect(
            Investment,
            Announced,
            "투자하다",
            &["현대자동차그룹"],
            &[],
            Some("24조 원")
        )]
    );
    // A present-tense statement with any other verb is a fact, not a plan.
    assert_eq!(
        found("삼성전자는 평택에서 공장을 운영한다고 밝혔다.", KO_ORGS),
        vec![]
    );
}

#[test]
fn ko_plan_being_pursued() {
    assert_eq!(
        found("LG에너지솔루션은 미국 공장 증설을 추진 중이다.", KO_ORGS),
        vec![expect(
            Plan,
            Intended,
            "추진하다",
            &["LG에너지솔루션"],
            &[],
            Some("미국 공장 증설")
        )]
    );
}

#[test]
fn ko_signed_then_decided() {
    assert_eq!(
        found(
            "삼성전자와 오픈AI는 전략적 제휴 계약을 맺고 공동 개발에 나서기로 했다.",
            KO_ORGS
        ),
        vec![
            expect(
                Agreement,
                Completed,
                "맺다",
                &["삼성전자", "오픈AI"],
                &[],
                Some("전략적 제휴 계약")
            ),
            expect(
                Plan,
                Announced,
                "나서다",
                &["삼성전자", "오픈AI"],
                &[],
                None
            ),
        ]
    );
    // 맺다 without a deal named is no agreement.
    assert_eq!(found("삼성전자는 마침내 결실을 맺었다.", KO_ORGS), vec![]);
}

#[test]
fn ko_non_commitments_give_nothing() {
    for text in [
        // negated
        "삼성전자는 엔비디아와 공급 계약을 체결하지 않았다.",
        "LG에너지솔루션은 미국에 공장을 추가로 지을 계획이 없다고 밝혔다.",
        // conditional
        "정부는 승인이 나면 공장에 투자하겠다고 밝혔다.",
        "삼성전자는 수요가 회복된다면 투자를 늘리기로 했다.",
        // predicted
        "이번 투자로 일자리가 크게 늘어날 것으로 기대된다.",
        "삼성전자가 평택에 공장을 짓기로 할 것으로 전망된다.",
        // requested
        "대통령은 “기업들이 투자를 늘려 달라”고 당부했다.",
        "정부는 삼성전자가 투자를 확대해 줄 것을 요청했다.",
        // reported analysis and past facts
        "증권가에서는 삼성전자가 투자를 늘리기로 했다는 분석이 나온다.",
        "삼성전자는 지난해 평택 공장을 준공했다.",
        "주가는 3.2% 올랐다.",
        // a question put to someone
        "삼성전자에 투자할 계획이 있느냐는 질문에 답하지 않았다.",
    ] {
        assert_eq!(found(text, KO_ORGS), vec![], "{text}");
    }
}

#[test]
fn ko_headline_is_skipped() {
    let text =
        "삼성전자, 평택에 4조 원 투자하기로\n\n삼성전자는 평택 사업장에 4조 원을 투자하기로 했다.";
    let all = found(text, KO_ORGS);
    assert_eq!(all.len(), 1);
    let (document, _) = run(text, KO_ORGS, &[]);
    assert_eq!(document.commitments[0].sentence, 1);
}

// ------------------------------------------------------ English, by pattern

const EN_ORGS: &[(&str, EntityType)] = &[
    ("Samsung Electronics", Org),
    ("OpenAI", Org),
    ("SK hynix", Org),
    ("Hyundai Motor Group", Org),
    ("LG Energy Solution", Org),
    ("Ministry of Economy and Finance", Org),
    ("HMM", Org),
    ("Hanwha Ocean", Org),
    ("government", Org),
    ("Georgia", Location),
    ("Texas", Location),
    ("U.S.", Location),
    ("South Korea", Location),
    ("Korea", Location),
    ("Altman", Person),
    ("Lee Jae-myung|Lee", Person),
    ("Koo Yun-cheol|Koo", Person),
    ("Wednesday", Date),
];

#[test]
fn en_signed_agreement() {
    assert_eq!(
        found(
            "Samsung Electronics signed a memorandum of understanding with OpenAI on Wednesday.",
            EN_ORGS
        ),
        vec![expect(
            Agreement,
            Completed,
            "sign",
            &["Samsung Electronics"],
            &["OpenAI"],
            Some("a memorandum of understanding")
        )]
    );
}

#[test]
fn en_said_it_will_invest() {
    let (document, names) = run(
        "Hyundai Motor Group said it will invest $5 billion in its plant in Georgia.",
        EN_ORGS,
        &[("$5 billion", AmountKind::Money)],
    );
    let all: Vec<Seen> = document
        .commitments
        .iter()
        .map(|c| seen(&document, &names, c))
        .collect();
    assert_eq!(
        all,
        vec![expect(
            Investment,
            Announced,
            "invest",
            &["Hyundai Motor Group"],
            &[],
            Some("$5 billion in its plant in Georgia")
        )]
    );
    assert_eq!(document.commitments[0].amounts, vec![0]);
}

#[test]
fn en_plans_to_build() {
    assert_eq!(
        found(
            "LG Energy Solution plans to build a battery plant in Georgia.",
            EN_ORGS
        ),
        vec![expect(
            Plan,
            Intended,
            "build",
            &["LG Energy Solution"],
            &[],
            Some("a battery plant in Georgia")
        )]
    );
}

#[test]
fn en_reviewing_is_a_consideration() {
    assert_eq!(
        found(
            "The Ministry of Economy and Finance is reviewing a proposal to cut taxes.",
            EN_ORGS
        ),
        vec![expect(
            Consideration,
            UnderConsideration,
            "review",
            &["Ministry of Economy and Finance"],
            &[],
            Some("a proposal to cut taxes")
        )]
    );
}

#[test]
fn en_pledge_in_a_quote_is_the_speakers() {
    assert_eq!(
        found(
            "\"We will keep working with SK hynix to make sure memory is never the bottleneck,\" Altman said.",
            EN_ORGS
        ),
        vec![expect(
            Pledge,
            Intended,
            "keep working",
            &["Altman"],
            &["SK hynix"],
            None
        )]
    );
}

#[test]
fn en_the_two_companies_agreed() {
    assert_eq!(
        found(
            "SK hynix will supply memory chips to OpenAI. The two companies agreed to develop chips together.",
            EN_ORGS
        ),
        vec![
            expect(
                Plan,
                Announced,
                "supply",
                &["SK hynix"],
                &["OpenAI"],
                Some("memory chips")
            ),
            expect(
                Agreement,
                Completed,
                "agree",
                &["SK hynix", "OpenAI"],
                &[],
                Some("develop chips together")
            ),
        ]
    );
}

#[test]
fn en_order_placed() {
    assert_eq!(
        found(
            "HMM ordered six container ships from Hanwha Ocean.",
            EN_ORGS
        ),
        vec![expect(
            Order,
            Completed,
            "order",
            &["HMM"],
            &[],
            Some("six container ships")
        )]
    );
}

#[test]
fn en_pledge_absorbs_its_content() {
    assert_eq!(
        found(
            "Lee pledged that South Korea would channel $350 billion in investment into the U.S.",
            EN_ORGS
        ),
        vec![expect(
            Pledge,
            Announced,
            "pledge",
            &["Lee Jae-myung"],
            &[],
            Some("South Korea would channel $350 billion in investment into the U.S")
        )]
    );
}

#[test]
fn en_would_in_reported_speech() {
    assert_eq!(
        found(
            "Koo said the government would set aside 4.5 trillion won for loans.",
            EN_ORGS
        ),
        vec![expect(
            Investment,
            Announced,
            "set aside",
            &["government"],
            &[],
            Some("4.5 trillion won for loans")
        )]
    );
}

#[test]
fn en_announced_plans_to() {
    assert_eq!(
        found(
            "Samsung Electronics announced plans to invest in a new chip plant in Texas.",
            EN_ORGS
        ),
        vec![expect(
            Investment,
            Intended,
            "invest",
            &["Samsung Electronics"],
            &[],
            Some("in a new chip plant in Texas")
        )]
    );
}

#[test]
fn en_non_commitments_give_nothing() {
    for text in [
        "Samsung Electronics has no plans to build a plant in Texas.",
        "Samsung Electronics will not invest in the project.",
        "If the permit is approved, Samsung Electronics will build a plant in Texas.",
        "Analysts expect Samsung Electronics to invest $10 billion.",
        "Samsung Electronics is expected to sign a deal with OpenAI.",
        "The government urged companies to invest more.",
        "Samsung Electronics would build a plant in Texas if demand recovers.",
        "Shares of Samsung Electronics rose 3 percent on Wednesday.",
        "OpenAI is reviewing whether SK hynix will supply the chips?",
    ] {
        assert_eq!(found(text, EN_ORGS), vec![], "{text}");
    }
}

// --------------------------------------------------------- the seed article

fn seed() -> String {
    let path = common::shared("seeds/000_c33b77debb21c385.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The seed article's entities and amounts, added by hand as the other
/// stages would find them.
const SEED_ENTITIES: &[(&str, EntityType)] = &[
    ("이재명@대통령", Person),
    ("샘 알트만", Person),
    ("최태원", Person),
    ("이재용", Person),
    ("과학기술정보통신부|과기정통부", Org),
    ("오픈AI|OpenAI", Org),
    ("삼성전자", Org),
    ("삼성", Org),
    ("SK그룹", Org),
    ("SK", Org),
    ("아마존웹서비스", Org),
    ("블랙록", Org),
    ("스타게이트", Org),
    ("국민성장펀드", Org),
    ("정부", Org),
    ("백악관", Org),
    ("대통령실", Org),
    ("대한민국", Location),
    ("한국", Location),
    ("용산", Location),
    ("전남", Location),
    ("포항", Location),
    ("울산", Location),
    ("2029년", Date),
    ("12월", Date),
];

const SEED_AMOUNTS: &[(&str, AmountKind)] = &[
    ("700조", AmountKind::Money),
    ("150조 원", AmountKind::Money),
    ("90만 웨이퍼", AmountKind::Quantity),
    ("10%", AmountKind::Percent),
];

#[test]
fn seed_article_commitments() {
    let text = seed();
    let (document, names) = run(&text, SEED_ENTITIES, SEED_AMOUNTS);
    let all: Vec<(usize, Seen)> = document
        .commitments
        .iter()
        .map(|c| (c.sentence, seen(&document, &names, c)))
        .collect();
    let expected = vec![
        // The MOU between the ministry and OpenAI.
        (
            3,
            expect(
                Agreement,
                Completed,
                "체결하다",
                &["과학기술정보통신부", "오픈AI"],
                &[],
                Some("AI 분야 협력 양해각서"),
            ),
        ),
        // The letters of intent with 삼성 and SK.
        (
            4,
            expect(
                Agreement,
                Completed,
                "체결하다",
                &["오픈AI"],
                &["삼성", "SK"],
                Some("메모리 반도체 협력 파트너십 의향서"),
            ),
        ),
        // The data-centre plan.
        (
            5,
            expect(
                Plan,
                Announced,
                "추진하다",
                &["오픈AI"],
                &[],
                Some("대규모 데이터센터 구축"),
            ),
        ),
        // The government's plan to strengthen cooperation.
        (
            11,
            expect(Plan, Intended, "강화하다", &["정부"], &[], Some("협력")),
        ),
        // The letters of intent again, in the other order.
        (
            13,
            expect(
                Agreement,
                Completed,
                "체결하다",
                &["오픈AI"],
                &["SK", "삼성"],
                Some("메모리 반도체 협력 파트너십 의향서"),
            ),
        ),
        // 샘 알트만's pledge, answering the president.
        (
            21,
            expect(Pledge, Intended, "노력하다", &["샘 알트만"], &[], None),
        ),
        // 최태원's pledge.
        (
            26,
            expect(Pledge, Intended, "만들다", &["최태원"], &[], None),
        ),
        // The 2029 wafer order inside the letter of intent.
        (
            29,
            expect(
                Order,
                Intended,
                "발주하다",
                &["오픈AI"],
                &[],
                Some("90만 웨이퍼"),
            ),
        ),
        // The president: easing the rules could be considered.
        (
            31,
            expect(
                Consideration,
                UnderConsideration,
                "검토하다",
                &["이재명"],
                &[],
                Some(
                    "독점의 폐해가 없다는 그런 안전장치가 마련된 범위 내에서 금산분리 규제나 이런 것들을 우리가 완화하는 방안",
                ),
            ),
        ),
        // The growth fund's co-investment under consideration.
        (
            33,
            expect(
                Consideration,
                UnderConsideration,
                "검토하다",
                &["국민성장펀드"],
                &[],
                Some(
                    "이런 메가 프로젝트의 에너지나 반도체 등 중요한 전략 산업에 공동 투자하는 방안",
                ),
            ),
        ),
    ];
    assert_eq!(all, expected);
    let position = |name: &str| names.iter().position(|n| n == name).unwrap();
    let order = &document.commitments[7];
    assert_eq!(order.dates, vec![position("2029년")]);
    let wafers = document
        .amounts
        .iter()
        .position(|a| document.slice(a.start, a.end) == "90만 웨이퍼")
        .unwrap();
    assert_eq!(order.amounts, vec![wafers]);
    let fund = &document.commitments[9];
    assert_eq!(fund.dates, vec![position("12월")]);
    let won = document
        .amounts
        .iter()
        .position(|a| document.slice(a.start, a.end) == "150조 원")
        .unwrap();
    assert_eq!(fund.amounts, vec![won]);
    // Every clause lies inside its sentence.
    for c in &document.commitments {
        let s = &document.sentences[c.sentence];
        assert!(s.start <= c.start && c.start < c.end && c.end <= s.end);
        assert!((0.0..=1.0).contains(&c.confidence));
    }
}

/// The stage's cost against tokenizing, on the KLUE news sentences (20 an
/// article) with the real amounts and entities stages before it. A
/// measurement, not a check: `cargo test --release --test commitments
/// stage_cost -- --ignored --nocapture`. The criterion bench
/// `benches/pipeline.rs` times every stage side by side.
#[test]
#[ignore]
fn stage_cost() {
    use korex::Stage;
    use std::time::Instant;
    let path = common::shared("data/klue-news-train-sentences.txt");
    let text = std::fs::read_to_string(&path).expect("KLUE sentences");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let inputs: Vec<Input> = lines
        .chunks(20)
        .enumerate()
        .map(|(i, chunk)| Input::new(format!("k{i}"), chunk.join("\n")))
        .collect();
    let bytes: usize = inputs.iter().map(|i| i.text.len()).sum();
    let mut worker = common::pipeline().worker();
    let started = Instant::now();
    for input in &inputs {
        worker.document_until(input, Stage::Tokens).expect("tokens");
    }
    let tokenize = started.elapsed();
    let documents: Vec<Document> = inputs
        .iter()
        .map(|input| {
            worker
                .document_until(input, Stage::Entities)
                .expect("entities")
        })
        .collect();
    let started = Instant::now();
    let mut copies: Vec<Document> = documents.to_vec();
    let cloning = started.elapsed();
    let mut found = 0;
    let started = Instant::now();
    for document in &mut copies {
        stage().apply(document);
        found += document.commitments.len();
    }
    let commitments = started.elapsed();
    println!(
        "(cloning the documents took {:.3} s)",
        cloning.as_secs_f64()
    );
    let mb = bytes as f64 / 1e6;
    println!(
        "{mb:.2} MB: text layer + tokenize {:.3} s ({:.2} MB/s); commitments stage alone {:.3} s ({:.1} MB/s, {:.1}% of tokenizing); {found} commitments",
        tokenize.as_secs_f64(),
        mb / tokenize.as_secs_f64(),
        commitments.as_secs_f64(),
        mb / commitments.as_secs_f64(),
        100.0 * commitments.as_secs_f64() / tokenize.as_secs_f64()
    );
}
