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
use crate::lexicon::parse_tsv;
use crate::output::AmountKind;
use crate::text::Language;
use foldhash::HashSet;
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

const COUNT_NOUN_EXCLUSIONS: &str = include_str!("../../dictionaries/amount_count_nouns.tsv");

/// The amounts stage: the scanner, built once.
#[derive(Debug)]
pub struct AmountStage {
    scanner: AmountScanner,
    /// English plurals that never make a counted quantity.
    not_counted: HashSet<String>,
}

impl AmountStage {
    /// Loads the amount lexicons.
    pub fn new() -> Result<Self> {
        let not_counted = parse_tsv(
            "amount_count_nouns.tsv",
            COUNT_NOUN_EXCLUSIONS,
            &["word"],
            1,
        )?
        .into_iter()
        .map(|row| row.get(0).trim().to_owned())
        .collect();
        Ok(AmountStage {
            scanner: AmountScanner::new(AmountLexicon::builtin()?),
            not_counted,
        })
    }

    /// Adds the amounts of every sentence to the document.
    pub fn apply(&self, document: &mut Document) {
        let mut found = Vec::new();
        let mut warnings = Vec::new();
        for (index, sentence) in document.sentences.iter().enumerate() {
            let lang = lang_of(sentence.language, document.language);
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
        for (index, sentence) in document.sentences.iter().enumerate() {
            if lang_of(sentence.language, document.language) == Lang::En {
                self.english_ranges(document, index, &mut found);
                self.english_counted(document, index, &mut found);
            }
        }
        found.sort_by_key(|a| a.start);
        document.amounts = found;
        document.warnings.extend(warnings);
    }

    /// `$300 million to $400 million`, `2 trillion to 3 trillion won`,
    /// `10 to 15 percent`: the lower end before `to` joins the amount after it.
    fn english_ranges(&self, document: &Document, sentence: usize, found: &mut Vec<FoundAmount>) {
        let text = document.text();
        let mut i = 0;
        while i < found.len() {
            if found[i].sentence != sentence || found[i].range.is_some() {
                i += 1;
                continue;
            }
            let upper = found[i].clone();
            let before = &text[document.sentences[sentence].start..upper.start];
            let Some(head) = before
                .strip_suffix(" to ")
                .or_else(|| before.strip_suffix("-"))
            else {
                i += 1;
                continue;
            };
            let head_end = document.sentences[sentence].start + head.len();
            // The lower end: an amount right before, or a bare number.
            let previous = found.iter().position(|a| {
                a.sentence == sentence
                    && a.end == head_end
                    && a.kind == upper.kind
                    && a.unit == upper.unit
            });
            if previous.is_none()
                && found
                    .iter()
                    .any(|a| a.sentence == sentence && a.end == head_end)
            {
                i += 1;
                continue; // `0.25 percentage point to 2.25 percent`: a change, not a range
            }
            let (start, low) = match previous {
                Some(p) => (found[p].start, Some(found[p].value)),
                None => match bare_number_before(head) {
                    Some((offset, numeral)) => {
                        let low = if numeral.has_multiplier {
                            numeral.value
                        } else {
                            numeral.value * scale_of(document.slice(upper.start, upper.end))
                        };
                        (document.sentences[sentence].start + offset, Some(low))
                    }
                    None => (upper.start, None),
                },
            };
            let Some(low) = low else {
                i += 1;
                continue;
            };
            if low >= upper.value {
                i += 1;
                continue;
            }
            let merged = FoundAmount {
                start,
                value: low,
                range: Some((Some(low), Some(upper.value))),
                ..upper
            };
            found[i] = merged;
            if let Some(p) = previous {
                found.remove(p);
                i = i.saturating_sub(1);
            }
            i += 1;
        }
    }

    /// `10 vessels`, `2,000 researchers`, `five sites`: a number before a plural
    /// noun is a counted quantity of that noun.
    fn english_counted(&self, document: &Document, sentence: usize, found: &mut Vec<FoundAmount>) {
        let tokens = document.sentence_tokens(sentence);
        let text = document.text();
        for (k, token) in tokens.iter().enumerate() {
            let word = document.slice(token.start, token.end);
            let starts_number = word.chars().next().is_some_and(|c| c.is_ascii_digit())
                || (word.chars().all(|c| c.is_ascii_lowercase()) && word.len() >= 3);
            if !starts_number
                || (k > 0
                    && tokens[k - 1].end == token.start
                    && document.slice(tokens[k - 1].start, tokens[k - 1].end) == "$")
            {
                continue;
            }
            let Ok(Some(numeral)) =
                english_numeral(&text[token.start..document.sentences[sentence].end])
            else {
                continue;
            };
            let number_end = token.start + numeral.len;
            let Some(noun) = tokens.iter().find(|t| t.start > number_end) else {
                continue;
            };
            let noun_text = document.slice(noun.start, noun.end);
            let plural = noun.start == number_end + 1
                && noun_text.len() >= 4
                && noun_text.ends_with('s')
                && noun_text.chars().all(|c| c.is_ascii_alphabetic())
                && noun_text
                    .chars()
                    .skip(1)
                    .all(|c| c.is_ascii_lowercase() || c == 's' || c.is_ascii_uppercase())
                && !self.not_counted.contains(&noun_text.to_ascii_lowercase());
            let followed = text[noun.end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric() && c != '-');
            // `the two companies` refers back to named ones; it counts nothing new.
            let definite = text[..token.start]
                .trim_end()
                .to_ascii_lowercase()
                .ends_with(" the")
                || text[..token.start].trim_end().eq_ignore_ascii_case("the");
            if !plural || !followed || definite || numeral.value <= Decimal::ZERO {
                continue;
            }
            let (start, end) = (token.start, noun.end);
            if found.iter().any(|a| a.start < end && start < a.end) {
                continue;
            }
            let singular = noun_text
                .strip_suffix("es")
                .filter(|s| s.ends_with("ss") || s.ends_with("sh") || s.ends_with("ch"))
                .unwrap_or_else(|| &noun_text[..noun_text.len() - 1]);
            found.push(FoundAmount {
                start,
                end,
                sentence,
                kind: AmountKind::Quantity,
                value: numeral.value,
                currency: None,
                currency_inferred: false,
                unit: Some(singular.to_owned()),
                approximate: false,
                range: None,
                subject: None,
            });
        }
    }
}

fn lang_of(sentence: Language, article: Language) -> Lang {
    match (sentence, article) {
        (Language::En, _) | (Language::Unknown, Language::En) => Lang::En,
        _ => Lang::Ko,
    }
}

/// The bare English number that ends `head` (`2 trillion`, `10`), with its
/// offset in `head`.
fn bare_number_before(head: &str) -> Option<(usize, Numeral)> {
    let mut candidates: Vec<usize> = head
        .char_indices()
        .filter(|&(i, c)| {
            c.is_ascii_digit()
                && head[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|p| p == ' ' || p == '(')
        })
        .map(|(i, _)| i)
        .collect();
    candidates.reverse();
    candidates.into_iter().take(3).find_map(|start| {
        let numeral = english_numeral(&head[start..]).ok().flatten()?;
        (start + numeral.len == head.len()).then_some((start, numeral))
    })
}

/// The power of ten a written amount's multiplier word stands for.
fn scale_of(text: &str) -> Decimal {
    let lower = text.to_ascii_lowercase();
    let power = if lower.contains("trillion") {
        12
    } else if lower.contains("billion") || lower.contains("bn") {
        9
    } else if lower.contains("million") {
        6
    } else {
        0
    };
    Decimal::from(10u64.pow(power))
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
