//! korex: facts from Korean and English news.
//!
//! Every article flows one way through stages that each add to one
//! [`Document`]: text (NFC + offset map, sentences, languages) → tokens
//! (lindera ko-dic / Unicode word boundaries) → amounts → entities →
//! commitments → the [`Extraction`] record of the output contract.
//!
//! ```no_run
//! let pipeline = korex::Pipeline::new(korex::Config::default())?;
//! let record = pipeline.extract(&korex::Input::new("a1", "오픈AI는 삼성전자와 계약을 체결했다."))?;
//! println!("{}", serde_json::to_string(&record).unwrap());
//! # Ok::<(), korex::Error>(())
//! ```
#![deny(missing_docs)]

pub mod amounts;
pub mod batch;
mod charset;
pub mod commitments;
pub mod document;
pub mod entities;
pub mod error;
pub mod eval;
pub mod input;
pub mod lexicon;
pub mod output;
pub mod serve;
pub mod text;
pub mod tokenize;

pub use document::Document;
pub use error::{Error, Result};
pub use input::Input;
pub use output::{Extraction, Record};

use rayon::prelude::*;
use text::{NormalizedText, SentenceSplitter};
use tokenize::{Tokenizer, TokenizerWorker};

/// What the pipeline does, set once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Include the tokens in every record.
    pub include_tokens: bool,
    /// Extra gazetteer files (same TSV format as `dictionaries/gazetteer/`),
    /// loaded after the built-in ones.
    pub gazetteers: Vec<std::path::PathBuf>,
}

/// The extraction engine: dictionaries, lexicons and rules, loaded once and
/// shared read-only by every thread (`Send + Sync`).
#[derive(Debug)]
pub struct Pipeline {
    config: Config,
    splitter: SentenceSplitter,
    tokenizer: Tokenizer,
    amounts: amounts::AmountStage,
    entities: entities::EntityStage,
    commitments: commitments::CommitmentStage,
}

impl Pipeline {
    /// Loads everything the stages need; fails if a dictionary does not load.
    pub fn new(config: Config) -> Result<Self> {
        // ko-dic (lindera builds a table over all its entries) and the
        // gazetteers are the two slow loads: build them side by side.
        let (tokenizer, entities) = std::thread::scope(|scope| {
            let tokenizer = scope.spawn(Tokenizer::new);
            let entities = entities::EntityStage::new(&config.gazetteers);
            let tokenizer = tokenizer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (tokenizer, entities)
        });
        let (tokenizer, entities) = (tokenizer?, entities?);
        Ok(Pipeline {
            config,
            splitter: SentenceSplitter::new()?,
            tokenizer,
            amounts: amounts::AmountStage::new()?,
            entities,
            commitments: commitments::CommitmentStage::new()?,
        })
    }

    /// The configuration the pipeline was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// A worker for one thread: cheap, owns the reusable tokenizer buffers.
    pub fn worker(&self) -> Worker<'_> {
        Worker {
            pipeline: self,
            tokenizer: self.tokenizer.worker(),
        }
    }

    /// Extracts one article (makes a worker for it; reuse [`Pipeline::worker`]
    /// for many).
    pub fn extract(&self, input: &Input) -> Result<Extraction> {
        self.worker().extract(input)
    }

    /// Extracts many articles in parallel, results in input order.
    pub fn extract_many(&self, inputs: &[Input]) -> Vec<Result<Extraction>> {
        inputs
            .par_iter()
            .map_init(|| self.worker(), |worker, input| worker.extract(input))
            .collect()
    }
}

/// The stages in pipeline order, for [`Worker::document_until`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Normalization, sentences, languages, title.
    Text,
    /// Plus tokens.
    Tokens,
    /// Plus amounts.
    Amounts,
    /// Plus entities.
    Entities,
    /// Plus commitments: the whole pipeline.
    Commitments,
}

/// Runs the stages for one thread.
pub struct Worker<'p> {
    pipeline: &'p Pipeline,
    tokenizer: TokenizerWorker,
}

impl Worker<'_> {
    /// Runs every stage over one article.
    pub fn extract(&mut self, input: &Input) -> Result<Extraction> {
        let document = self.document(input)?;
        Ok(document.into_extraction(self.pipeline.config.include_tokens))
    }

    /// Runs every stage and returns the document (for tests and benches that
    /// look inside).
    pub fn document(&mut self, input: &Input) -> Result<Document> {
        self.document_until(input, Stage::Commitments)
    }

    /// Runs the stages up to and including `last` (benches measure each
    /// stage's cost this way).
    pub fn document_until(&mut self, input: &Input, last: Stage) -> Result<Document> {
        let mut document = self.text_layer(input);
        if last >= Stage::Tokens {
            self.tokenize(&mut document)?;
        }
        let pipeline = self.pipeline;
        if last >= Stage::Amounts {
            pipeline.amounts.apply(&mut document);
        }
        if last >= Stage::Entities {
            pipeline.entities.apply(&mut document);
        }
        if last >= Stage::Commitments {
            pipeline.commitments.apply(&mut document);
        }
        Ok(document)
    }

    /// Normalization, sentences, languages and title only.
    pub fn text_layer(&self, input: &Input) -> Document {
        let normalized = NormalizedText::new(&input.text);
        let mut warnings = input.warnings.clone();
        if normalized.changed() {
            warnings.push(
                "text was not in NFC: normalized internally, offsets refer to the original"
                    .to_owned(),
            );
        }
        let text = normalized.as_str();
        let sentences: Vec<document::Sentence> = self
            .pipeline
            .splitter
            .split(text)
            .into_iter()
            .map(|(start, end)| {
                let counts = text::language::ScriptCounts::of(&text[start..end]);
                document::Sentence {
                    start,
                    end,
                    language: counts.language(),
                    letters: counts.hangul + counts.latin,
                }
            })
            .collect();
        let language =
            text::language::article_language(sentences.iter().map(|s| (s.language, s.letters)));
        let title = if input.title.is_some() {
            None
        } else {
            title_line(text)
        };
        Document {
            id: input.id.clone(),
            source: input.source.clone(),
            original: input.text.clone(),
            normalized,
            given_title: input.title.clone(),
            title,
            sentences,
            language,
            tokens: Vec::new(),
            amounts: Vec::new(),
            entities: Vec::new(),
            commitments: Vec::new(),
            warnings,
        }
    }

    /// Tokenizes every sentence of a document that has been through the text layer.
    pub fn tokenize(&mut self, document: &mut Document) -> Result<()> {
        let mut tokens = Vec::with_capacity(document.text().len() / 3);
        for (index, sentence) in document.sentences.iter().enumerate() {
            self.tokenizer.tokenize_sentence(
                document.normalized.as_str(),
                (sentence.start, sentence.end),
                index,
                sentence.language,
                &mut tokens,
            )?;
        }
        document.tokens = tokens;
        Ok(())
    }
}

/// The first line as the title, when a blank line follows it.
fn title_line(text: &str) -> Option<(usize, usize)> {
    let leading = text.len() - text.trim_start().len();
    let rest = &text[leading..];
    let line_end = rest.find('\n')?;
    let after = &rest[line_end + 1..];
    let next_line = after.split('\n').next().unwrap_or("");
    if !next_line.trim().is_empty() || after.trim().is_empty() {
        return None;
    }
    let line = &rest[..line_end];
    let trimmed = line.trim_end();
    if trimmed.is_empty() {
        return None;
    }
    Some((leading, leading + trimmed.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_needs_a_blank_line_after_it() {
        assert_eq!(title_line("제목\n\n본문이다."), Some((0, 6)));
        assert_eq!(title_line("\n제목 \r\n \n본문"), Some((1, 7)));
        assert_eq!(title_line("첫 줄\n둘째 줄"), None);
        assert_eq!(title_line("한 줄뿐"), None);
        assert_eq!(title_line("제목\n\n"), None);
    }

    #[test]
    fn pipeline_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Pipeline>();
    }
}
