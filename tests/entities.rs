//! The entities stage through the real pipeline: gazetteer names in both
//! languages, aliases merged, people with roles and affiliations, back-
//! references, dates, institutions, romanization, and the English rules.

mod common;

use common::{extract_checked, korex, shared};
use korex::Extraction;
use korex::output::{Entity, EntityType, NameSource};

fn extract(text: &str) -> Extraction {
    extract_checked(text)
}

fn entity<'a>(record: &'a Extraction, name: &str) -> &'a Entity {
    record
        .entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name}: {:#?}", record.entities))
}

fn mentions(entity: &Entity) -> Vec<(&str, usize)> {
    entity
        .mentions
        .iter()
        .map(|m| (m.text.as_str(), m.start))
        .collect()
}

const KOREAN: &str = "정의선 현대차그룹 회장은 4일 과학기술정보통신부와 협약을 맺었다. 과기정통부는 이날 정 회장과 만났다. 최태원 SK 회장도 참석했다. 샘 알트만 오픈AI 대표는 \"노력하겠다\"고 말했다. 알트만은 2029년 90만 웨이퍼를 발주한다. 정부는 12월에 펀드를 출범한다.";

#[test]
fn korean_people_roles_affiliations_and_back_references() {
    let record = extract(KOREAN);
    let chung = entity(&record, "정의선");
    assert_eq!(chung.entity_type, EntityType::Person);
    assert_eq!(mentions(chung), vec![("정의선", 0), ("정", 47)]);
    assert_eq!(
        (chung.role.as_deref(), chung.role_en.as_deref()),
        (Some("회장"), Some("Chairman"))
    );
    assert_eq!(chung.name_en.as_deref(), Some("Chung Eui-sun"));
    let group = entity(&record, "현대자동차그룹");
    assert_eq!(chung.affiliation.as_deref(), Some(group.id.as_str()));

    let chey = entity(&record, "최태원");
    let sk = entity(&record, "SK그룹");
    assert_eq!(chey.affiliation.as_deref(), Some(sk.id.as_str()));
    assert_eq!(mentions(sk), vec![("SK", 62)]);

    let altman = entity(&record, "샘 알트만");
    assert_eq!(mentions(altman), vec![("샘 알트만", 75), ("알트만", 104)]);
    assert_eq!(altman.role.as_deref(), Some("대표"));
    assert_eq!(altman.name_en.as_deref(), Some("Sam Altman"));
    assert_eq!(
        altman.affiliation.as_deref(),
        Some(entity(&record, "오픈AI").id.as_str())
    );
}

#[test]
fn korean_aliases_institutions_and_dates() {
    let record = extract(KOREAN);
    let ministry = entity(&record, "과학기술정보통신부");
    assert_eq!(
        mentions(ministry),
        vec![("과학기술정보통신부", 17), ("과기정통부", 37)]
    );
    assert_eq!(
        ministry.name_en.as_deref(),
        Some("Ministry of Science and ICT")
    );
    assert_eq!(ministry.name_en_source, Some(NameSource::Gazetteer));
    assert_eq!(ministry.confidence, 0.95);

    let government = entity(&record, "대한민국 정부");
    assert_eq!(
        (government.entity_type, mentions(government)),
        (EntityType::Org, vec![("정부", 130)])
    );

    let dates: Vec<&str> = record
        .entities
        .iter()
        .filter(|e| e.entity_type == EntityType::Date)
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(dates, vec!["4일", "이날", "2029년", "12월"]);
    // Amounts are not entities.
    assert!(record.entities.iter().all(|e| e.name != "90만 웨이퍼"));
    // Ids are E1.. in order of first mention.
    let ids: Vec<&str> = record.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids[..3], ["E1", "E2", "E3"]);
}

#[test]
fn korean_rules_without_the_gazetteer() {
    // A reporter and an agency from the dateline, an unknown person with a
    // title, romanized; a place glued into a title is no mention.
    let record = extract(
        "[거제=코렉스통신] 최은비 기자 = 김두겸 울산시장은 박하준 대표와 만났다. 박 대표는 웃었다.",
    );
    let agency = entity(&record, "코렉스통신");
    assert_eq!(agency.entity_type, EntityType::Org);
    let reporter = entity(&record, "최은비");
    assert_eq!(
        (reporter.role.as_deref(), reporter.name_en.as_deref()),
        (Some("기자"), Some("Choi Eun-bi"))
    );
    assert_eq!(reporter.name_en_source, Some(NameSource::Romanized));
    let mayor = entity(&record, "김두겸");
    assert_eq!(
        (mayor.role.as_deref(), mayor.role_en.as_deref()),
        (Some("울산시장"), Some("Mayor"))
    );
    assert!(
        record.entities.iter().all(|e| e.name != "울산광역시"),
        "{:#?}",
        record.entities
    );
    let park = entity(&record, "박하준");
    assert_eq!(mentions(park), vec![("박하준", 30), ("박", 43)]);
}

#[test]
fn english_titles_affiliations_and_last_names() {
    let record = extract(
        "SEOUL, Nov. 12 (Korex Wire) -- Tesla Chief Executive Elon Musk met Gov. Brian Kemp on Wednesday. \
         Musk said the company will invest $5 billion by 2027. Kemp welcomed the plan.",
    );
    let seoul = entity(&record, "Seoul");
    assert_eq!(
        (seoul.entity_type, mentions(seoul)),
        (EntityType::Location, vec![("SEOUL", 0)])
    );
    assert_eq!(seoul.name_ko.as_deref(), Some("서울특별시"));
    let musk = entity(&record, "Elon Musk");
    assert_eq!(mentions(musk), vec![("Elon Musk", 53), ("Musk", 97)]);
    assert_eq!(musk.role.as_deref(), Some("Chief Executive"));
    assert_eq!(musk.name_ko.as_deref(), Some("일론 머스크"));
    assert_eq!(
        musk.affiliation.as_deref(),
        Some(entity(&record, "Tesla").id.as_str())
    );
    let kemp = entity(&record, "Brian Kemp");
    assert_eq!(
        (kemp.role.as_deref(), kemp.role_en.as_deref()),
        (Some("Gov."), Some("Governor"))
    );
    assert_eq!(mentions(kemp), vec![("Brian Kemp", 72), ("Kemp", 151)]);
    let dates: Vec<&str> = record
        .entities
        .iter()
        .filter(|e| e.entity_type == EntityType::Date)
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(dates, vec!["Nov. 12", "Wednesday", "2027"]);
    assert_eq!(entity(&record, "Korex Wire").entity_type, EntityType::Org);
}

#[test]
fn seed_article_entities() {
    let text = std::fs::read_to_string(shared("seeds/000_c33b77debb21c385.txt")).unwrap();
    let record = extract(&text);
    let openai = entity(&record, "오픈AI");
    assert_eq!(openai.name_en.as_deref(), Some("OpenAI"));
    assert_eq!(openai.mentions.len(), 18);
    let ministry = entity(&record, "과학기술정보통신부");
    assert_eq!(ministry.mentions.len(), 2);
    let president = entity(&record, "이재명");
    assert_eq!(president.role.as_deref(), Some("대통령"));
    assert_eq!(entity(&record, "최태원").role.as_deref(), Some("회장"));
    let lee = entity(&record, "이재용");
    assert_eq!(
        lee.affiliation.as_deref(),
        Some(entity(&record, "삼성전자").id.as_str())
    );
    assert_eq!(entity(&record, "국민성장펀드").entity_type, EntityType::Org);
    for place in ["전라남도", "포항시", "울산광역시", "서남권"] {
        assert_eq!(
            entity(&record, place).entity_type,
            EntityType::Location,
            "{place}"
        );
    }
}

#[test]
fn user_gazetteer_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let gazetteer = dir.path().join("mine.tsv");
    std::fs::write(
        &gazetteer,
        "# my names\nid\ttype\tname_ko\tname_en\taliases_ko\taliases_en\taffiliation\n\
         org:korex-robotics\tORG\t코렉스로보틱스\tKorex Robotics\t코로보\t\t\n",
    )
    .unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "코로보는 신제품을 공개했다.").unwrap();
    let output = korex()
        .arg("extract")
        .arg("--gazetteer")
        .arg(&gazetteer)
        .arg(&article)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let record: Extraction = serde_json::from_slice(&output.stdout).unwrap();
    let robotics = entity(&record, "코렉스로보틱스");
    assert_eq!(robotics.name_en.as_deref(), Some("Korex Robotics"));
    assert_eq!(mentions(robotics), vec![("코로보", 0)]);

    // A malformed user gazetteer stops the run before any input is read.
    std::fs::write(
        &gazetteer,
        "id\ttype\tname_ko\tname_en\taliases_ko\taliases_en\taffiliation\nx\tTHING\t가\tb\n",
    )
    .unwrap();
    let output = korex()
        .arg("extract")
        .arg("--gazetteer")
        .arg(&gazetteer)
        .arg(&article)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown type \"THING\""));
}
