//! The amounts stage through the real pipeline: exact values, currencies,
//! ranges, approximations, subjects and the English passes over tokens.

mod common;

use common::{extract_checked, shared};
use korex::Extraction;
use korex::output::{Amount, AmountKind};

fn extract(text: &str) -> Extraction {
    extract_checked(text)
}

/// (text, kind, value as written by serde_json, currency, unit)
fn summary(amount: &Amount) -> (&str, AmountKind, String, Option<&str>, Option<&str>) {
    (
        amount.text.as_str(),
        amount.kind,
        amount.value.to_string(),
        amount.currency.as_deref(),
        amount.unit.as_deref(),
    )
}

#[test]
fn seed_article_amounts() {
    let text = std::fs::read_to_string(shared("seeds/000_c33b77debb21c385.txt")).unwrap();
    let record = extract(&text);
    let found: Vec<_> = record.amounts.iter().map(summary).collect();
    assert_eq!(
        found[..3],
        [
            (
                "700조",
                AmountKind::Money,
                "700000000000000".to_owned(),
                Some("KRW"),
                None
            ),
            (
                "10%",
                AmountKind::Percent,
                "10".to_owned(),
                None,
                Some("percent")
            ),
            (
                "90만 웨이퍼",
                AmountKind::Quantity,
                "900000".to_owned(),
                None,
                Some("wafer")
            ),
        ]
    );
    let stargate = &record.amounts[0];
    assert!(stargate.currency_inferred);
    assert_eq!(stargate.subject.as_deref(), Some("스타게이트"));
    let fund = record
        .amounts
        .iter()
        .find(|a| a.text == "150조 원")
        .expect("150조 원");
    assert_eq!(
        (fund.currency_inferred, fund.subject.as_deref()),
        (false, Some("국민성장펀드"))
    );
    // Dates are not amounts.
    assert!(
        record
            .amounts
            .iter()
            .all(|a| !a.text.contains("2029년") && a.text != "12월")
    );
}

#[test]
fn korean_forms_conversions_and_ranges() {
    let record = extract(
        "투자액은 260억 달러(약 36조 원)이며, 3~5조 원 규모의 펀드와 1조2000억 원, 약 8500명을 고용한다.",
    );
    let found: Vec<_> = record.amounts.iter().map(summary).collect();
    assert_eq!(
        found,
        vec![
            (
                "260억 달러",
                AmountKind::Money,
                "26000000000".to_owned(),
                Some("USD"),
                None
            ),
            (
                "36조 원",
                AmountKind::Money,
                "36000000000000".to_owned(),
                Some("KRW"),
                None
            ),
            (
                "3~5조 원",
                AmountKind::Money,
                "3000000000000".to_owned(),
                Some("KRW"),
                None
            ),
            (
                "1조2000억 원",
                AmountKind::Money,
                "1200000000000".to_owned(),
                Some("KRW"),
                None
            ),
            (
                "8500명",
                AmountKind::Quantity,
                "8500".to_owned(),
                None,
                Some("person")
            ),
        ]
    );
    assert!(record.amounts[1].approximate);
    let range = record.amounts[2].range.as_ref().expect("a range");
    assert_eq!(
        (
            range.min.as_ref().map(|n| n.to_string()),
            range.max.as_ref().map(|n| n.to_string())
        ),
        (Some("3000000000000".into()), Some("5000000000000".into()))
    );
    assert!(record.amounts[4].approximate);
}

#[test]
fn english_money_ranges_and_counted_nouns() {
    let record = extract(
        "OpenAI will spend $500 billion and $300 million to $400 million, raise output by 10 to 15 percent, \
         build 10 vessels for 2 trillion to 3 trillion won and hire 2,000 researchers. The two companies agreed.",
    );
    let found: Vec<_> = record.amounts.iter().map(summary).collect();
    assert_eq!(
        found,
        vec![
            (
                "$500 billion",
                AmountKind::Money,
                "500000000000".to_owned(),
                Some("USD"),
                None
            ),
            (
                "$300 million to $400 million",
                AmountKind::Money,
                "300000000".to_owned(),
                Some("USD"),
                None
            ),
            (
                "10 to 15 percent",
                AmountKind::Percent,
                "10".to_owned(),
                None,
                Some("percent")
            ),
            (
                "10 vessels",
                AmountKind::Quantity,
                "10".to_owned(),
                None,
                Some("vessel")
            ),
            (
                "2 trillion to 3 trillion won",
                AmountKind::Money,
                "2000000000000".to_owned(),
                Some("KRW"),
                None
            ),
            (
                "2,000 researchers",
                AmountKind::Quantity,
                "2000".to_owned(),
                None,
                Some("researcher")
            ),
        ]
    );
    let range = record.amounts[4].range.as_ref().expect("a range");
    assert_eq!(
        range.max.as_ref().map(|n| n.to_string()),
        Some("3000000000000".into())
    );
}

#[test]
fn absurd_numbers_warn_instead_of_crashing() {
    let record = extract("그 돈은 999999999999999999999경원이라는 주장이 나왔다.");
    assert!(record.amounts.is_empty(), "{:?}", record.amounts);
    assert_eq!(record.warnings.len(), 1, "{:?}", record.warnings);
    assert!(
        record.warnings[0].contains("999999999999999999999경"),
        "{:?}",
        record.warnings
    );
}
