//! The document every stage adds to, and its conversion to the output record.

use crate::output::{
    self, Amount, Commitment, Entity, Extraction, Mention, Range, SentenceRecord, TokenRecord,
};
use crate::text::{Language, NormalizedText};
use crate::tokenize::Token;
use crate::{amounts, commitments, entities};

/// A sentence: byte span in the normalized text and its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset in the normalized text.
    pub start: usize,
    /// Byte offset in the normalized text (exclusive).
    pub end: usize,
    /// `Ko`, `En` or `Unknown`.
    pub language: Language,
    /// Number of letters (Hangul and Latin), the weight of its language.
    pub letters: usize,
}

/// One article as it flows through the stages. All spans are byte offsets in
/// the normalized text; they are mapped to the original only on output.
#[derive(Debug, Clone)]
pub struct Document {
    /// The record id.
    pub id: String,
    /// The input path as given.
    pub source: Option<String>,
    /// The original text (BOM stripped).
    pub original: String,
    /// The NFC text and its map back to the original.
    pub normalized: NormalizedText,
    /// A title given apart from the text.
    pub given_title: Option<String>,
    /// Span of the title line in the text, when the text's first line is one.
    pub title: Option<(usize, usize)>,
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
    /// The article's language.
    pub language: Language,
    /// The tokens of all sentences, in order.
    pub tokens: Vec<Token>,
    /// Found by the amounts stage.
    pub amounts: Vec<amounts::FoundAmount>,
    /// Found by the entities stage.
    pub entities: Vec<entities::FoundEntity>,
    /// Found by the commitments stage.
    pub commitments: Vec<commitments::FoundCommitment>,
    /// Anything skipped or doubtful.
    pub warnings: Vec<String>,
}

impl Document {
    /// The normalized text.
    pub fn text(&self) -> &str {
        self.normalized.as_str()
    }

    /// The text of a byte span of the normalized text.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        self.text().get(start..end).unwrap_or("")
    }

    /// The tokens of sentence `index` (tokens are sorted by sentence).
    pub fn sentence_tokens(&self, index: usize) -> &[Token] {
        let from = self.tokens.partition_point(|t| t.sentence < index);
        let to = self.tokens.partition_point(|t| t.sentence <= index);
        &self.tokens[from..to]
    }

    /// Turns the document into the output record; tokens only when asked for.
    pub fn into_extraction(self, include_tokens: bool) -> Extraction {
        let char_offsets = CharOffsets::new(&self.original);
        let span = |start: usize, end: usize| -> (String, usize, usize) {
            let (s, e) = self.normalized.to_original(start, end);
            (char_offsets.slice(&self.original, s, e).to_owned(), s, e)
        };
        let sentences = self
            .sentences
            .iter()
            .map(|s| {
                let (_, start, end) = span(s.start, s.end);
                SentenceRecord {
                    start,
                    end,
                    language: s.language,
                }
            })
            .collect();
        let title = match (&self.given_title, self.title) {
            (Some(title), _) => Some(title.clone()),
            (None, Some((start, end))) => Some(span(start, end).0),
            (None, None) => None,
        };
        let entities = self
            .entities
            .iter()
            .enumerate()
            .map(|(index, e)| Entity {
                id: entity_id(index),
                entity_type: e.entity_type,
                name: e.name.clone(),
                name_ko: e.name_ko.clone(),
                name_en: e.name_en.clone(),
                name_en_source: e.name_en_source,
                role: e.role.clone(),
                role_en: e.role_en.clone(),
                affiliation: e.affiliation.map(entity_id),
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| {
                        let (text, start, end) = span(m.start, m.end);
                        Mention {
                            text,
                            start,
                            end,
                            sentence: m.sentence,
                        }
                    })
                    .collect(),
                confidence: e.confidence,
            })
            .collect();
        let amounts = self
            .amounts
            .iter()
            .enumerate()
            .map(|(index, a)| {
                let (text, start, end) = span(a.start, a.end);
                Amount {
                    id: amount_id(index),
                    kind: a.kind,
                    text,
                    start,
                    end,
                    sentence: a.sentence,
                    value: amounts::json_number(a.value),
                    currency: a.currency.clone(),
                    currency_inferred: a.currency_inferred,
                    unit: a.unit.clone(),
                    approximate: a.approximate,
                    range: a.range.map(|(min, max)| Range {
                        min: min.map(amounts::json_number),
                        max: max.map(amounts::json_number),
                    }),
                    subject: a.subject.map(|(s, e)| self.slice(s, e).to_owned()),
                }
            })
            .collect();
        let commitments = self
            .commitments
            .iter()
            .enumerate()
            .map(|(index, c)| {
                let (_, start, end) = span(c.start, c.end);
                let evidence = self
                    .sentences
                    .get(c.sentence)
                    .map(|s| span(s.start, s.end).0)
                    .unwrap_or_default();
                Commitment {
                    id: format!("C{}", index + 1),
                    commitment_type: c.commitment_type,
                    status: c.status,
                    predicate: c.predicate.clone(),
                    actors: c.actors.iter().copied().map(entity_id).collect(),
                    counterparts: c.counterparts.iter().copied().map(entity_id).collect(),
                    object: c.object.clone(),
                    amounts: c.amounts.iter().copied().map(amount_id).collect(),
                    dates: c.dates.iter().copied().map(entity_id).collect(),
                    sentence: c.sentence,
                    start,
                    end,
                    evidence,
                    confidence: c.confidence,
                }
            })
            .collect();
        let tokens = include_tokens.then(|| {
            self.tokens
                .iter()
                .map(|t| {
                    let (text, start, end) = span(t.start, t.end);
                    TokenRecord {
                        text,
                        start,
                        end,
                        pos: t.pos.to_string(),
                        lemma: t.lemma(self.text()),
                    }
                })
                .collect()
        });
        Extraction {
            schema_version: output::SCHEMA_VERSION.to_owned(),
            id: self.id.clone(),
            source: self.source.clone(),
            language: self.language,
            title,
            text_chars: char_offsets.len(),
            sentences,
            entities,
            amounts,
            commitments,
            warnings: self.warnings.clone(),
            tokens,
        }
    }
}

fn entity_id(index: usize) -> String {
    format!("E{}", index + 1)
}

fn amount_id(index: usize) -> String {
    format!("A{}", index + 1)
}

/// Byte offsets of every char of a text, to slice it by code points in O(1).
struct CharOffsets {
    bytes: Vec<usize>,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharOffsets { bytes }
    }

    fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    fn slice<'a>(&self, text: &'a str, start: usize, end: usize) -> &'a str {
        let byte = |i: usize| self.bytes.get(i).copied().unwrap_or(text.len());
        text.get(byte(start)..byte(end.max(start))).unwrap_or("")
    }
}
