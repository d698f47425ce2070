//! Commitments: predicate patterns over tokens, arguments linked to entities and amounts.

use crate::document::Document;
use crate::error::Result;
use crate::output::{CommitmentStatus, CommitmentType};

/// A commitment found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundCommitment {
    /// The type.
    pub commitment_type: CommitmentType,
    /// The status.
    pub status: CommitmentStatus,
    /// Lemma of the committing verb.
    pub predicate: String,
    /// Indices of the committing entities.
    pub actors: Vec<usize>,
    /// Indices of the counterpart entities.
    pub counterparts: Vec<usize>,
    /// What is committed to.
    pub object: Option<String>,
    /// Indices of the clause's amounts.
    pub amounts: Vec<usize>,
    /// Indices of the clause's DATE entities.
    pub dates: Vec<usize>,
    /// Index of the sentence.
    pub sentence: usize,
    /// Byte offset where the evidence clause starts.
    pub start: usize,
    /// Byte offset where it ends (exclusive).
    pub end: usize,
    /// 0..1.
    pub confidence: f64,
}

/// The commitments stage.
#[derive(Debug, Clone)]
pub struct CommitmentStage {}

impl CommitmentStage {
    /// Loads the predicate lexicon.
    pub fn new() -> Result<Self> {
        Ok(CommitmentStage {})
    }

    /// Adds the document's commitments.
    pub fn apply(&self, _document: &mut Document) {}
}
