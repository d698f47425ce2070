//! Amounts: money, quantities and percents, valued exactly.
//!
//! [`numeral`] values Korean and English numerals exactly (`rust_decimal`,
//! checked arithmetic), [`lexicon`] holds the currencies, units and markers of
//! `dictionaries/`, and [`scan`] recognizes amounts in one sentence. The stage
//! runs the scanner over every sentence and keeps the amounts whose span
//! starts and ends on token boundaries, so a number glued inside a word the
//! tokenizer kept whole is never an amount.

pub mod lexicon;
pub mod numeral;
pub mod scan;

pub use lexicon::AmountLexicon;
pub use numeral::{Numeral, NumeralError, english_numeral, korean_numeral};
pub use scan::{AmountMatch, AmountScanner, Lang};

use crate::document::Document;
use crate::error::Result;
use crate::output::AmountKind;
use crate::text::Language;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// An amount found in a document (byte spans in the normalized text).
#[derive(Debug, Clone, PartialEq)]
pub struct FoundAmount {
    /// Byte offset where the amount's text starts.
    pub start: usize,
    /// Byte offset where it ends (exclusive).
    pub end: usize,
    /// Index of the sentence.
    pub sentence: usize,
    /// Money, quantity or percent.
    pub kind: AmountKind,
    /// The exact value; the lower bound of a range.
    pub value: Decimal,
    /// ISO 4217 code of money.
    pub currency: Option<String>,
    /// Whether the currency is implied.
    pub currency_inferred: bool,
    /// Unit of a quantity or percent.
    pub unit: Option<String>,
    /// Whether the amount is approximate.
    pub approximate: bool,
    /// Bounds of a range.
    pub range: Option<(Option<Decimal>, Option<Decimal>)>,
    /// Byte span of what the amount belongs to.
    pub subject: Option<(usize, usize)>,
}

/// The amounts stage: the scanner, built once.
#[derive(Debug)]
pub struct AmountStage {
    scanner: AmountScanner,
}

impl AmountStage {
    /// Loads the amount lexicons.
    pub fn new() -> Result<Self> {
        Ok(AmountStage {
            scanner: AmountScanner::new(AmountLexicon::builtin()?),
        })
    }

    /// Adds the amounts of every sentence to the document.
    pub fn apply(&self, document: &mut Document) {
        let mut found = Vec::new();
        let mut warnings = Vec::new();
        for (index, sentence) in document.sentences.iter().enumerate() {
            let lang = match (sentence.language, document.language) {
                (Language::En, _) => Lang::En,
                (Language::Unknown, Language::En) => Lang::En,
                _ => Lang::Ko,
            };
            let text = document.slice(sentence.start, sentence.end);
            let tokens = document.sentence_tokens(index);
            for m in self.scanner.scan(text, lang, &mut warnings) {
                let (start, end) = (sentence.start + m.start, sentence.start + m.end);
                let starts_token = tokens.iter().any(|t| t.start == start);
                let ends_token = tokens.iter().any(|t| t.end == end);
                if !(starts_token && ends_token) {
                    continue;
                }
                found.push(FoundAmount {
                    start,
                    end,
                    sentence: index,
                    kind: match m.kind {
                        scan::AmountKind::Money => AmountKind::Money,
                        scan::AmountKind::Quantity => AmountKind::Quantity,
                        scan::AmountKind::Percent => AmountKind::Percent,
                    },
                    value: m.value,
                    currency: m.currency,
                    currency_inferred: m.currency_inferred,
                    unit: m.unit,
                    approximate: m.approximate,
                    range: m.range,
                    subject: m
                        .subject
                        .map(|(s, e)| (sentence.start + s, sentence.start + e)),
                });
            }
        }
        document.amounts = found;
        document.warnings.extend(warnings);
    }
}

/// A JSON number for an exact decimal: an integer when it is one and fits,
/// else the nearest double.
pub fn json_number(value: Decimal) -> serde_json::Number {
    if value.fract().is_zero() {
        if let Some(n) = value.to_i64() {
            return n.into();
        }
        if let Some(n) = value.to_u64() {
            return n.into();
        }
    }
    value
        .to_f64()
        .and_then(serde_json::Number::from_f64)
        .unwrap_or_else(|| 0.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn json_numbers_are_exact_integers_when_they_can_be() {
        assert_eq!(
            json_number(Decimal::from(700_000_000_000_000u64)).to_string(),
            "700000000000000"
        );
        assert_eq!(
            json_number(Decimal::from_str("3.2").unwrap()).to_string(),
            "3.2"
        );
        assert_eq!(
            json_number(Decimal::from_str("-5").unwrap()).to_string(),
            "-5"
        );
    }
}
