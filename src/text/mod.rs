//! The text layer: normalization with offset maps, sentences, languages.

pub mod language;
pub mod normalize;
pub mod sentences;

pub use language::Language;
pub use normalize::NormalizedText;
pub use sentences::SentenceSplitter;
