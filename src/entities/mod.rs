//! Entities: gazetteer, dictionary classes and rules, merged per referent.

use crate::document::Document;
use crate::error::Result;
use crate::output::{EntityType, NameSource};

/// One mention of an entity (byte span in the normalized text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundMention {
    /// Byte offset where the mention starts.
    pub start: usize,
    /// Byte offset where it ends (exclusive).
    pub end: usize,
    /// Index of the sentence.
    pub sentence: usize,
}

/// An entity found in a document, with all its mentions.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundEntity {
    /// The type.
    pub entity_type: EntityType,
    /// Canonical name in the article's language.
    pub name: String,
    /// Korean canonical name.
    pub name_ko: Option<String>,
    /// English canonical name.
    pub name_en: Option<String>,
    /// Where the English name comes from.
    pub name_en_source: Option<NameSource>,
    /// Title of a person.
    pub role: Option<String>,
    /// Title in English.
    pub role_en: Option<String>,
    /// Index (in the document's entities) of the entity this one belongs to.
    pub affiliation: Option<usize>,
    /// All mentions, in text order.
    pub mentions: Vec<FoundMention>,
    /// 0..1.
    pub confidence: f64,
}

/// The entities stage.
#[derive(Debug, Clone)]
pub struct EntityStage {}

impl EntityStage {
    /// Loads the gazetteer and rules.
    pub fn new() -> Result<Self> {
        Ok(EntityStage {})
    }

    /// Adds the document's entities.
    pub fn apply(&self, _document: &mut Document) {}
}
