//! The output contract, version 1: the serde types of one record per article.
//! `schema/korex.schema.json` encodes exactly these types.

use crate::text::Language;
use serde::{Deserialize, Serialize};

/// The contract version every record carries.
pub const SCHEMA_VERSION: &str = "1.0";

/// Everything korex extracted from one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: String,
    /// File stem, record id, or `stdin`.
    pub id: String,
    /// The input path as given, or null.
    pub source: Option<String>,
    /// The article's language.
    pub language: Language,
    /// The headline: the first line when a blank line follows it.
    pub title: Option<String>,
    /// Length of the original text in code points.
    pub text_chars: usize,
    /// The sentences, in order.
    pub sentences: Vec<SentenceRecord>,
    /// Named entities.
    pub entities: Vec<Entity>,
    /// Money, quantities and percents.
    pub amounts: Vec<Amount>,
    /// Commitments made in the article.
    pub commitments: Vec<Commitment>,
    /// Anything skipped or doubtful.
    pub warnings: Vec<String>,
    /// The tokens, only when asked for (`--tokens`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<TokenRecord>>,
}

/// One sentence: its span in the original text and its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceRecord {
    /// Code-point offset of the first char.
    pub start: usize,
    /// Code-point offset after the last char.
    pub end: usize,
    /// `ko`, `en` or `unknown`.
    pub language: Language,
}

/// The type of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation: company, ministry, party, fund...
    Org,
    /// A place.
    Location,
    /// A date, period or duration.
    Date,
    /// A named product or service.
    Product,
    /// A named event.
    Event,
}

/// Where an entity's English name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NameSource {
    /// The gazetteer.
    Gazetteer,
    /// Revised Romanization of the Korean name.
    Romanized,
    /// The article's own text.
    Text,
}

/// One real-world referent with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// `E1`, `E2`... unique within the record.
    pub id: String,
    /// The entity type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Canonical name in the article's language.
    pub name: String,
    /// Korean canonical name.
    pub name_ko: Option<String>,
    /// English canonical name.
    pub name_en: Option<String>,
    /// Where `name_en` comes from.
    pub name_en_source: Option<NameSource>,
    /// Title next to a person (대통령, 회장, CEO).
    pub role: Option<String>,
    /// The role in English.
    pub role_en: Option<String>,
    /// Id of the entity this one belongs to (a person's company).
    pub affiliation: Option<String>,
    /// Every surface form, aliases merged.
    pub mentions: Vec<Mention>,
    /// 0..1: gazetteer > dictionary class > rule.
    pub confidence: f64,
}

/// One place an entity is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The text as written in the original.
    pub text: String,
    /// Code-point offset in the original text.
    pub start: usize,
    /// Code-point offset in the original text (exclusive).
    pub end: usize,
    /// Index of the sentence.
    pub sentence: usize,
}

/// The kind of an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AmountKind {
    /// A sum of money.
    Money,
    /// A counted quantity (wafers, people, GW...).
    Quantity,
    /// A percent or percentage points.
    Percent,
}

/// A sum, quantity or percent, normalized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// `A1`, `A2`... unique within the record.
    pub id: String,
    /// Money, quantity or percent.
    pub kind: AmountKind,
    /// The text as written in the original.
    pub text: String,
    /// Code-point offset in the original text.
    pub start: usize,
    /// Code-point offset in the original text (exclusive).
    pub end: usize,
    /// Index of the sentence.
    pub sentence: usize,
    /// The value (700조 → 700000000000000; 10% → 10); the lower bound of a range.
    pub value: serde_json::Number,
    /// ISO 4217 code for money.
    pub currency: Option<String>,
    /// True when the currency is implied, not written.
    pub currency_inferred: bool,
    /// Unit of a quantity (`wafer`, `person`) or percent (`percent`, `percentage_point`).
    pub unit: Option<String>,
    /// True with 약, 가량, 규모, about, nearly...
    pub approximate: bool,
    /// Bounds of a range or an open bound (이상, 미만, more than).
    pub range: Option<Range>,
    /// What the amount belongs to (국민성장펀드).
    pub subject: Option<String>,
}

/// The bounds of a range; either may be open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Range {
    /// Lower bound, or null.
    pub min: Option<serde_json::Number>,
    /// Upper bound, or null.
    pub max: Option<serde_json::Number>,
}

/// The type of a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentType {
    /// An agreement, MOU or letter of intent.
    Agreement,
    /// A plan announced.
    Plan,
    /// A pledge or promise.
    Pledge,
    /// An investment.
    Investment,
    /// An order or purchase.
    Order,
    /// Something under consideration.
    Consideration,
}

/// How far a commitment has gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentStatus {
    /// Done: signed, concluded.
    Completed,
    /// Announced as decided.
    Announced,
    /// Intended or promised.
    Intended,
    /// Being considered.
    UnderConsideration,
}

/// Who committed to what, with whom, how much and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    /// `C1`, `C2`... unique within the record.
    pub id: String,
    /// The type.
    #[serde(rename = "type")]
    pub commitment_type: CommitmentType,
    /// The status.
    pub status: CommitmentStatus,
    /// Lemma of the committing verb (체결하다, sign).
    pub predicate: String,
    /// Entity ids of who commits.
    pub actors: Vec<String>,
    /// Entity ids of with whom.
    pub counterparts: Vec<String>,
    /// What is committed to.
    pub object: Option<String>,
    /// Amount ids of the clause.
    pub amounts: Vec<String>,
    /// DATE entity ids of the clause.
    pub dates: Vec<String>,
    /// Index of the sentence.
    pub sentence: usize,
    /// Code-point offset where the evidence clause starts.
    pub start: usize,
    /// Code-point offset where the evidence clause ends (exclusive).
    pub end: usize,
    /// The sentence text.
    pub evidence: String,
    /// 0..1.
    pub confidence: f64,
}

/// A token as the output contract shows it (`--tokens`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRecord {
    /// The token's text in the original input.
    pub text: String,
    /// Code-point offset in the original text.
    pub start: usize,
    /// Code-point offset in the original text (exclusive).
    pub end: usize,
    /// Part of speech.
    pub pos: String,
    /// Dictionary form of verbs and adjectives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lemma: Option<String>,
}

/// What stands in the output for an input that could not be processed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// The id the record would have had.
    pub id: String,
    /// The input path as given, or null.
    pub source: Option<String>,
    /// What went wrong.
    pub error: ErrorInfo,
}

/// The error of an [`ErrorRecord`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// Machine-readable kind (`invalid_utf8`, `read`, `malformed_record`...).
    pub kind: String,
    /// Human-readable message.
    pub message: String,
}

/// One line of output: an extraction or an error record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Record {
    /// A processed article.
    Extraction(Box<Extraction>),
    /// An input that failed.
    Error(ErrorRecord),
}

impl Record {
    /// The record's id.
    pub fn id(&self) -> &str {
        match self {
            Record::Extraction(extraction) => &extraction.id,
            Record::Error(error) => &error.id,
        }
    }

    /// Whether this is an error record.
    pub fn is_error(&self) -> bool {
        matches!(self, Record::Error(_))
    }
}

/// The JSON Schema (2020-12) of a record, as published in `schema/korex.schema.json`.
pub const JSON_SCHEMA: &str = include_str!("../schema/korex.schema.json");
