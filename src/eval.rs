//! Measuring extraction quality against the gold corpus (`korex eval`).
//!
//! Gold files (`corpus/gold/<id>.json`, format in `corpus/GUIDELINES.md`) are
//! matched to articles by id, the file stem. Scores are micro-averaged over
//! all articles, and split by language:
//!
//! - entities: every mention, exact span + type (overall and per type);
//! - amounts: exact span + kind + value + currency, and span alone;
//! - commitments: same type, gold trigger inside the predicted commitment's
//!   sentence, matched one-to-one in text order; then, among the matched
//!   pairs, the share whose actor sets agree;
//! - bilingual names: the share of gold entities found by a predicted entity
//!   (a mention with exactly the same span) whose `name_en` / `name_ko` is the
//!   gold one, ignoring case, spaces, hyphens and dots.
//!
//! [`score`] does the matching on records already extracted; [`evaluate`]
//! reads the articles, runs the pipeline and scores.

use crate::error::{Error, Result};
use crate::input::{self, Input};
use crate::output::{
    Amount, AmountKind, Commitment, CommitmentStatus, CommitmentType, Entity, EntityType,
    Extraction, Range, SentenceRecord,
};
use crate::{Pipeline, batch};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

/// Code points of context shown on each side of an error.
const CONTEXT_CHARS: usize = 30;

/// Every entity type, in the order the table shows them.
pub const ENTITY_TYPES: [EntityType; 6] = [
    EntityType::Person,
    EntityType::Org,
    EntityType::Location,
    EntityType::Date,
    EntityType::Product,
    EntityType::Event,
];

// ---------------------------------------------------------------------------
// Gold files

/// One gold file: the hand annotation of one article. Unknown fields are
/// ignored, so annotators' extra notes do not break loading.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Gold {
    /// The id written in the file (articles are matched by the file stem).
    #[serde(default)]
    pub id: String,
    /// `ko` or `en`: the language the article's scores are filed under.
    #[serde(default)]
    pub language: Option<String>,
    /// Every entity with all its mentions.
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    /// Every amount.
    #[serde(default)]
    pub amounts: Vec<GoldAmount>,
    /// Every commitment.
    #[serde(default)]
    pub commitments: Vec<GoldCommitment>,
}

/// A piece of the article: its text and code-point offsets (end exclusive).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldSpan {
    /// The text as written in the article.
    pub text: String,
    /// Code-point offset of the first char.
    pub start: usize,
    /// Code-point offset after the last char.
    pub end: usize,
}

/// A gold entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldEntity {
    /// `E1`, `E2`... referenced by commitments and affiliations.
    pub id: String,
    /// The entity type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Korean canonical name.
    #[serde(default)]
    pub name_ko: Option<String>,
    /// English canonical name.
    #[serde(default)]
    pub name_en: Option<String>,
    /// Title next to a person.
    #[serde(default)]
    pub role: Option<String>,
    /// Id of the ORG the title belongs to.
    #[serde(default)]
    pub affiliation: Option<String>,
    /// Every mention.
    #[serde(default)]
    pub mentions: Vec<GoldSpan>,
}

/// A gold amount.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldAmount {
    /// `A1`, `A2`... referenced by commitments.
    pub id: String,
    /// Money, quantity or percent.
    pub kind: AmountKind,
    /// The text as written.
    pub text: String,
    /// Code-point offset of the first char.
    pub start: usize,
    /// Code-point offset after the last char.
    pub end: usize,
    /// The exact value; the lower bound of a range.
    pub value: serde_json::Number,
    /// ISO 4217 code of money.
    #[serde(default)]
    pub currency: Option<String>,
    /// Whether the currency is implied.
    #[serde(default)]
    pub currency_inferred: bool,
    /// Unit of a quantity or percent.
    #[serde(default)]
    pub unit: Option<String>,
    /// Whether the amount is approximate.
    #[serde(default)]
    pub approximate: bool,
    /// Bounds of a range.
    #[serde(default)]
    pub range: Option<Range>,
    /// What the amount belongs to.
    #[serde(default)]
    pub subject: Option<String>,
}

/// A gold commitment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldCommitment {
    /// `C1`, `C2`...
    pub id: String,
    /// The type.
    #[serde(rename = "type")]
    pub commitment_type: CommitmentType,
    /// The status.
    #[serde(default)]
    pub status: Option<CommitmentStatus>,
    /// Dictionary form of the committing verb.
    #[serde(default)]
    pub predicate: Option<String>,
    /// The committing verb or noun as written: what a prediction must cover.
    pub trigger: GoldSpan,
    /// Start of the evidence sentence.
    pub start: usize,
    /// End of the evidence sentence (exclusive).
    pub end: usize,
    /// The evidence sentence.
    #[serde(default)]
    pub evidence: String,
    /// Entity ids of who commits.
    #[serde(default)]
    pub actors: Vec<String>,
    /// Entity ids of with whom.
    #[serde(default)]
    pub counterparts: Vec<String>,
    /// What is committed to.
    #[serde(default)]
    pub object: Option<String>,
    /// Amount ids of the clause.
    #[serde(default)]
    pub amounts: Vec<String>,
    /// DATE entity ids of the clause.
    #[serde(default)]
    pub dates: Vec<String>,
}

/// The gold files of one folder, keyed by file stem.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GoldSet {
    /// The folder they were read from.
    pub dir: PathBuf,
    /// File stem → gold annotation, in sorted order.
    pub files: BTreeMap<String, Gold>,
}

impl GoldSet {
    /// Reads every `*.json` file of `dir` (not recursive). A file that is not
    /// valid gold JSON fails the whole load: skipping it would flatter the scores.
    pub fn load(dir: &Path) -> Result<Self> {
        let read_error = |source| Error::Read {
            path: dir.to_path_buf(),
            source,
        };
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(read_error)? {
            let path = entry.map_err(read_error)?.path();
            if path.is_file() && path.extension().is_some_and(|e| e == "json") {
                paths.push(path);
            }
        }
        if paths.is_empty() {
            return Err(read_error(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no gold files (*.json) in this folder",
            )));
        }
        paths.sort();
        let mut files = BTreeMap::new();
        for path in paths {
            let content = std::fs::read_to_string(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            let gold: Gold = serde_json::from_str(&content).map_err(|e| Error::Lexicon {
                source_name: path.display().to_string(),
                line: e.line(),
                message: format!("not a gold file: {e}"),
            })?;
            files.insert(batch::file_id(&path), gold);
        }
        Ok(GoldSet {
            dir: dir.to_path_buf(),
            files,
        })
    }

    /// The article folders next to the gold folder (`<gold>/../ko`,
    /// `<gold>/../en`) that exist: what `korex eval` reads by default.
    pub fn default_article_paths(&self) -> Vec<PathBuf> {
        let parent = self.dir.join("..");
        ["ko", "en"]
            .iter()
            .map(|lang| parent.join(lang))
            .filter(|path| path.is_dir())
            .collect()
    }
}

/// What is wrong in a gold file against its article text: spans that are not
/// the text at their offsets (code points), duplicate ids, ids that do not
/// resolve. Empty when the file is well-formed.
pub fn check_gold(gold: &Gold, text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let at = |start: usize, end: usize| -> Option<String> {
        (start <= end && end <= chars.len()).then(|| chars[start..end].iter().collect())
    };
    // Every span of the file: what it is, its text, its offsets.
    let mut spans: Vec<(String, &str, usize, usize)> = Vec::new();
    for entity in &gold.entities {
        for m in &entity.mentions {
            spans.push((format!("mention of {}", entity.id), &m.text, m.start, m.end));
        }
    }
    for a in &gold.amounts {
        spans.push((format!("amount {}", a.id), &a.text, a.start, a.end));
    }
    for c in &gold.commitments {
        let t = &c.trigger;
        spans.push((format!("trigger of {}", c.id), &t.text, t.start, t.end));
        spans.push((format!("evidence of {}", c.id), &c.evidence, c.start, c.end));
    }
    let mut problems: Vec<String> = spans
        .into_iter()
        .filter_map(|(what, text, start, end)| match at(start, end) {
            Some(found) if found == text => None,
            Some(found) => Some(format!(
                "{what} [{start}, {end}) is {text:?} in gold but {found:?} in the article"
            )),
            None => Some(format!(
                "{what} [{start}, {end}) {text:?} is outside the article ({} chars)",
                chars.len()
            )),
        })
        .collect();
    for c in &gold.commitments {
        if c.trigger.start < c.start || c.trigger.end > c.end {
            problems.push(format!(
                "trigger of {} [{}, {}) is outside its evidence [{}, {})",
                c.id, c.trigger.start, c.trigger.end, c.start, c.end
            ));
        }
    }
    for entity in gold.entities.iter().filter(|e| e.mentions.is_empty()) {
        problems.push(format!("entity {} has no mention", entity.id));
    }

    let entity_type = |id: &str| {
        gold.entities
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.entity_type)
    };
    let mut seen = std::collections::BTreeSet::new();
    let ids = gold
        .entities
        .iter()
        .map(|e| &e.id)
        .chain(gold.amounts.iter().map(|a| &a.id))
        .chain(gold.commitments.iter().map(|c| &c.id));
    for id in ids {
        if !seen.insert(id.as_str()) {
            problems.push(format!("id {id} is used twice"));
        }
    }
    for entity in &gold.entities {
        if let Some(org) = &entity.affiliation
            && entity_type(org).is_none()
        {
            problems.push(format!(
                "affiliation {org} of {} is not an entity",
                entity.id
            ));
        }
    }
    for commitment in &gold.commitments {
        let entity_refs = [
            ("actor", &commitment.actors),
            ("counterpart", &commitment.counterparts),
        ];
        for (what, refs) in entity_refs {
            for id in refs.iter().filter(|id| entity_type(id).is_none()) {
                problems.push(format!("{what} {id} of {} is not an entity", commitment.id));
            }
        }
        for id in &commitment.dates {
            match entity_type(id) {
                Some(EntityType::Date) => {}
                Some(other) => problems.push(format!(
                    "date {id} of {} is a {other:?} entity, not a DATE",
                    commitment.id
                )),
                None => problems.push(format!("date {id} of {} is not an entity", commitment.id)),
            }
        }
        for id in &commitment.amounts {
            if !gold.amounts.iter().any(|a| &a.id == id) {
                problems.push(format!("amount {id} of {} is not an amount", commitment.id));
            }
        }
    }
    problems
}

// ---------------------------------------------------------------------------
// Reading and extracting

/// Reads articles from files and folders the way `korex extract` does: folders
/// walked recursively in sorted order, `.txt`/`.md` files as one article named
/// by the file stem, `.jsonl`/`.ndjson` files as one article a line. What
/// cannot be read is reported in `warnings` and skipped.
pub fn read_articles(paths: &[PathBuf], warnings: &mut Vec<String>) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name();
            for entry in walker {
                match entry {
                    Ok(entry) if entry.file_type().is_file() => {
                        let known = entry
                            .path()
                            .extension()
                            .and_then(|e| e.to_str())
                            .is_some_and(|e| {
                                batch::ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
                            });
                        if known {
                            read_article_file(entry.path(), &mut inputs, warnings);
                        }
                    }
                    Ok(_) => {}
                    Err(error) => warnings.push(format!("cannot read {}: {error}", path.display())),
                }
            }
        } else {
            read_article_file(path, &mut inputs, warnings);
        }
    }
    inputs
}

fn read_article_file(path: &Path, inputs: &mut Vec<Input>, warnings: &mut Vec<String>) {
    let source = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            warnings.push(format!("cannot read {source}: {error}"));
            return;
        }
    };
    let id = batch::file_id(path);
    let is_jsonl = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "jsonl" | "ndjson"));
    if !is_jsonl {
        match input::decode_text(bytes) {
            Ok(text) => inputs.push(Input {
                id,
                source: Some(source),
                title: None,
                text,
                warnings: Vec::new(),
            }),
            Err(error) => warnings.push(format!("cannot read {source}: {error}")),
        }
        return;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            warnings.push(format!("cannot read {source}: {error}"));
            return;
        }
    };
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        match input::parse_json_record(
            line.trim_start_matches('\u{feff}'),
            number,
            &format!("{id}:{number}"),
            Some(&source),
        ) {
            Ok(input) => inputs.push(input),
            Err(error) => warnings.push(format!("{source}: {error}")),
        }
    }
}

/// One article to score: its text (for the error contexts), its gold, and
/// what korex extracted (`None` when extraction failed: everything is missed).
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The article id (file stem).
    pub id: String,
    /// The original text.
    pub text: String,
    /// The gold annotation.
    pub gold: Gold,
    /// The extracted record.
    pub extraction: Option<Extraction>,
}

/// Reads the articles at `paths` (none: [`GoldSet::default_article_paths`]),
/// runs the pipeline over those that have gold on `jobs` threads, and scores
/// them. Missing gold, missing articles, unreadable inputs, failed
/// extractions and malformed gold spans are reported in
/// [`Report::warnings`]. The report does not depend on `jobs`.
pub fn evaluate(pipeline: &Pipeline, gold: &GoldSet, paths: &[PathBuf], jobs: usize) -> Report {
    let mut warnings = Vec::new();
    let paths = if paths.is_empty() {
        let defaults = gold.default_article_paths();
        if defaults.is_empty() {
            warnings.push(format!(
                "no articles: neither {0}/../ko nor {0}/../en exists",
                gold.dir.display()
            ));
        }
        defaults
    } else {
        paths.to_vec()
    };
    let mut inputs = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for input in read_articles(&paths, &mut warnings) {
        if !gold.files.contains_key(&input.id) {
            warnings.push(format!(
                "article {} has no gold file in {}: not scored",
                input.id,
                gold.dir.display()
            ));
        } else if !seen.insert(input.id.clone()) {
            warnings.push(format!(
                "article {} given twice: only the first is scored",
                input.id
            ));
        } else {
            inputs.push(input);
        }
    }
    for id in gold.files.keys().filter(|id| !seen.contains(id.as_str())) {
        warnings.push(format!("gold file {id}.json has no article: not scored"));
    }

    let results = extract_all(pipeline, &inputs, jobs);
    let mut articles: Vec<Article> = inputs
        .into_iter()
        .zip(results)
        .filter_map(|(input, result)| {
            let gold = gold.files.get(&input.id)?.clone();
            let extraction = match result {
                Ok(extraction) => Some(extraction),
                Err(message) => {
                    warnings.push(format!(
                        "article {} failed ({message}): scored as nothing found",
                        input.id
                    ));
                    None
                }
            };
            for problem in check_gold(&gold, &input.text) {
                warnings.push(format!("gold {}: {problem}", input.id));
            }
            Some(Article {
                id: input.id,
                text: input.text,
                gold,
                extraction,
            })
        })
        .collect();
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    let mut report = score(&articles);
    warnings.append(&mut report.warnings);
    report.warnings = warnings;
    report
}

/// Extracts every input on a pool of `jobs` threads, in input order; a stage
/// that panics fails only its article.
fn extract_all(
    pipeline: &Pipeline,
    inputs: &[Input],
    jobs: usize,
) -> Vec<std::result::Result<Extraction, String>> {
    let run = || -> Vec<std::result::Result<Extraction, String>> {
        inputs
            .par_iter()
            .map_init(
                || pipeline.worker(),
                |worker, input| {
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        worker.extract(input)
                    }));
                    match outcome {
                        Ok(Ok(extraction)) => Ok(extraction),
                        Ok(Err(error)) => Err(error.to_string()),
                        Err(_) => Err("internal error while extracting".to_owned()),
                    }
                },
            )
            .collect()
    };
    match rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
    {
        Ok(pool) => pool.install(run),
        // The global pool gives the same results, only with other threads.
        Err(_) => run(),
    }
}

// ---------------------------------------------------------------------------
// The report

/// Precision, recall and F1 with their counts. A ratio whose denominator is
/// zero is 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    /// tp / (tp + fp).
    pub precision: f64,
    /// tp / (tp + fn).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Score {
    /// The score of these counts.
    pub fn from_counts(tp: usize, fp: usize, fn_: usize) -> Self {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Score {
            precision,
            recall,
            f1,
            tp,
            fp,
            fn_,
        }
    }

    fn add(&mut self, other: &Score) {
        *self = Score::from_counts(self.tp + other.tp, self.fp + other.fp, self.fn_ + other.fn_);
    }
}

/// A share: how many of `total` are right. 0 when `total` is 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Accuracy {
    /// correct / total.
    pub accuracy: f64,
    /// How many are right.
    pub correct: usize,
    /// How many were judged.
    pub total: usize,
}

impl Accuracy {
    /// The accuracy of these counts.
    pub fn from_counts(correct: usize, total: usize) -> Self {
        Accuracy {
            accuracy: if total == 0 {
                0.0
            } else {
                correct as f64 / total as f64
            },
            correct,
            total,
        }
    }

    fn add(&mut self, other: &Accuracy) {
        *self = Accuracy::from_counts(self.correct + other.correct, self.total + other.total);
    }
}

/// Every measure over one set of articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// How many articles.
    pub articles: usize,
    /// Entity mentions: exact span + type.
    pub entities: Score,
    /// The same, per entity type (gold type for misses, predicted type for
    /// false alarms).
    pub entities_by_type: BTreeMap<EntityType, Score>,
    /// Amounts: exact span + kind + value + currency.
    pub amounts: Score,
    /// Amounts: exact span only.
    pub amount_spans: Score,
    /// Commitments: type + gold trigger inside the predicted sentence.
    pub commitments: Score,
    /// Among matched commitments, those whose actor sets agree.
    pub commitment_actors: Accuracy,
    /// Among gold entities found (DATE aside), those with the gold `name_en`.
    pub names_en: Accuracy,
    /// Among gold entities found (DATE aside), those with the gold `name_ko`.
    pub names_ko: Accuracy,
}

impl Default for Scores {
    fn default() -> Self {
        Scores {
            articles: 0,
            entities: Score::default(),
            entities_by_type: ENTITY_TYPES
                .iter()
                .map(|&t| (t, Score::default()))
                .collect(),
            amounts: Score::default(),
            amount_spans: Score::default(),
            commitments: Score::default(),
            commitment_actors: Accuracy::default(),
            names_en: Accuracy::default(),
            names_ko: Accuracy::default(),
        }
    }
}

impl Scores {
    fn add(&mut self, other: &Scores) {
        self.articles += other.articles;
        self.entities.add(&other.entities);
        for (entity_type, score) in &other.entities_by_type {
            self.entities_by_type
                .entry(*entity_type)
                .or_default()
                .add(score);
        }
        self.amounts.add(&other.amounts);
        self.amount_spans.add(&other.amount_spans);
        self.commitments.add(&other.commitments);
        self.commitment_actors.add(&other.commitment_actors);
        self.names_en.add(&other.names_en);
        self.names_ko.add(&other.names_ko);
    }

    /// The headline numbers of these scores.
    pub fn headline(&self) -> Headline {
        Headline {
            entities: self.entities.f1,
            amounts: self.amounts.f1,
            commitments: self.commitments.f1,
            commitment_actors: self.commitment_actors.accuracy,
            names_en: self.names_en.accuracy,
            names_ko: self.names_ko.accuracy,
        }
    }
}

/// The numbers `corpus/floors.json` guards: F1 of entities, amounts and
/// commitments, and the accuracies of commitment actors and bilingual names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Headline {
    /// Entity mentions F1.
    pub entities: f64,
    /// Amounts F1 (span + kind + value + currency).
    pub amounts: f64,
    /// Commitments F1.
    pub commitments: f64,
    /// Share of matched commitments with the right actors.
    pub commitment_actors: f64,
    /// Share of found entities with the right English name.
    pub names_en: f64,
    /// Share of found entities with the right Korean name.
    pub names_ko: f64,
}

impl Headline {
    /// Name and value of each headline number, named as in `corpus/floors.json`.
    pub fn pairs(&self) -> [(&'static str, f64); 6] {
        [
            ("entities", self.entities),
            ("amounts", self.amounts),
            ("commitments", self.commitments),
            ("commitment_actors", self.commitment_actors),
            ("names_en", self.names_en),
            ("names_ko", self.names_ko),
        ]
    }
}

/// What an error listing line is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// An entity mention.
    Entity,
    /// An amount.
    Amount,
    /// A commitment.
    Commitment,
    /// The actors of a matched commitment.
    Actors,
    /// The English name of a found entity.
    NameEn,
    /// The Korean name of a found entity.
    NameKo,
}

/// How a listed item is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Gold has it, korex missed it.
    FalseNegative,
    /// korex found it, gold does not have it.
    FalsePositive,
    /// Matched, but an attribute (actors, name) disagrees.
    Mismatch,
}

/// One false positive, false negative or mismatch, with its context.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorItem {
    /// The article id.
    pub article: String,
    /// What it is about.
    pub measure: Measure,
    /// How it is wrong.
    pub error: ErrorKind,
    /// Type, or kind/value/currency, of the item.
    pub label: String,
    /// Code-point offset of the span.
    pub start: usize,
    /// Code-point offset after the span.
    pub end: usize,
    /// The article text of the span.
    pub text: String,
    /// Up to 30 chars of text before the span (newlines as spaces).
    pub before: String,
    /// Up to 30 chars of text after the span (newlines as spaces).
    pub after: String,
    /// For commitments, the evidence sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// What the other side has there, when that helps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The result of an evaluation: `korex eval --json` prints it, [`fmt::Display`]
/// renders the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// How many articles were scored.
    pub articles: usize,
    /// The guarded numbers, over all articles.
    pub headline: Headline,
    /// Every measure over all articles.
    pub overall: Scores,
    /// Every measure per language (`ko`, `en`).
    pub by_language: BTreeMap<String, Scores>,
    /// Problems met on the way (missing gold or articles, failed inputs).
    pub warnings: Vec<String>,
    /// Every false positive, false negative and mismatch, by article and offset.
    pub errors: Vec<ErrorItem>,
}

// ---------------------------------------------------------------------------
// Scoring

/// Scores extracted records against their gold.
pub fn score(articles: &[Article]) -> Report {
    let mut overall = Scores::default();
    let mut by_language: BTreeMap<String, Scores> = BTreeMap::new();
    let mut errors = Vec::new();
    for article in articles {
        let scores = score_article(article, &mut errors);
        let language = article
            .gold
            .language
            .clone()
            .or_else(|| {
                article.extraction.as_ref().map(|e| {
                    serde_json::to_value(e.language)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default()
                })
            })
            .unwrap_or_else(|| "unknown".to_owned());
        overall.add(&scores);
        by_language.entry(language).or_default().add(&scores);
    }
    Report {
        articles: articles.len(),
        headline: overall.headline(),
        overall,
        by_language,
        warnings: Vec::new(),
        errors,
    }
}

/// Matches gold items to predicted ones one-to-one, greedily in the order
/// given: each gold item takes the first free predicted item that `fits`.
/// Returns, for each gold item, the index of its match.
fn match_greedy<G, P>(
    gold: &[G],
    predicted: &[P],
    fits: impl Fn(&G, &P) -> bool,
) -> (Vec<Option<usize>>, Vec<bool>) {
    let mut taken = vec![false; predicted.len()];
    let matches = gold
        .iter()
        .map(|g| {
            let found = predicted
                .iter()
                .enumerate()
                .position(|(i, p)| !taken[i] && fits(g, p));
            if let Some(i) = found {
                taken[i] = true;
            }
            found
        })
        .collect();
    (matches, taken)
}

/// The article text, with a way to cut spans and their context out of it.
struct Text {
    chars: Vec<char>,
}

impl Text {
    fn new(text: &str) -> Self {
        Text {
            chars: text.chars().collect(),
        }
    }

    fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.chars.len());
        let start = start.min(end);
        self.chars[start..end].iter().collect()
    }

    fn flat(&self, start: usize, end: usize) -> String {
        self.slice(start, end)
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect()
    }

    fn error(
        &self,
        article: &str,
        measure: Measure,
        error: ErrorKind,
        label: String,
        (start, end): (usize, usize),
    ) -> ErrorItem {
        ErrorItem {
            article: article.to_owned(),
            measure,
            error,
            label,
            start,
            end,
            text: self.slice(start, end),
            before: self.flat(start.saturating_sub(CONTEXT_CHARS), start),
            after: self.flat(end, end.saturating_add(CONTEXT_CHARS)),
            evidence: None,
            note: None,
        }
    }
}

fn type_name(entity_type: EntityType) -> &'static str {
    match entity_type {
        EntityType::Person => "PERSON",
        EntityType::Org => "ORG",
        EntityType::Location => "LOCATION",
        EntityType::Date => "DATE",
        EntityType::Product => "PRODUCT",
        EntityType::Event => "EVENT",
    }
}

fn commitment_type_name(commitment_type: CommitmentType) -> &'static str {
    match commitment_type {
        CommitmentType::Agreement => "agreement",
        CommitmentType::Plan => "plan",
        CommitmentType::Pledge => "pledge",
        CommitmentType::Investment => "investment",
        CommitmentType::Order => "order",
        CommitmentType::Consideration => "consideration",
    }
}

fn amount_label(kind: AmountKind, value: &serde_json::Number, currency: Option<&str>) -> String {
    let kind = match kind {
        AmountKind::Money => "money",
        AmountKind::Quantity => "quantity",
        AmountKind::Percent => "percent",
    };
    match currency {
        Some(currency) => format!("{kind} {value} {currency}"),
        None => format!("{kind} {value}"),
    }
}

/// Numbers are equal when they are the same number, whatever their JSON form
/// (`10` and `10.0`), with a relative tolerance for float round-off.
fn same_value(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    if a == b {
        return true;
    }
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y || (x - y).abs() <= 1e-9 * x.abs().max(y.abs()),
        _ => false,
    }
}

/// A name as compared: lower case, without spaces, hyphens and dots.
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐' | '‑' | '–' | '—' | '.' | '·'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// One article being scored: its text, gold and prediction, and the errors
/// found so far.
struct ArticleScorer<'a> {
    id: &'a str,
    text: Text,
    gold: &'a Gold,
    entities: &'a [Entity],
    amounts: &'a [Amount],
    commitments: &'a [Commitment],
    sentences: &'a [SentenceRecord],
    errors: Vec<ErrorItem>,
}

fn score_article(article: &Article, errors: &mut Vec<ErrorItem>) -> Scores {
    let mut scorer = ArticleScorer {
        id: &article.id,
        text: Text::new(&article.text),
        gold: &article.gold,
        entities: &[],
        amounts: &[],
        commitments: &[],
        sentences: &[],
        errors: Vec::new(),
    };
    if let Some(extraction) = &article.extraction {
        scorer.entities = &extraction.entities;
        scorer.amounts = &extraction.amounts;
        scorer.commitments = &extraction.commitments;
        scorer.sentences = &extraction.sentences;
    }
    let mut scores = Scores {
        articles: 1,
        ..Scores::default()
    };
    scorer.entities(&mut scores);
    scorer.amounts(&mut scores);
    scorer.commitments(&mut scores);
    scorer.names(&mut scores);
    scorer.errors.sort_by(|a, b| {
        (a.start, a.end, a.measure, a.error).cmp(&(b.start, b.end, b.measure, b.error))
    });
    errors.append(&mut scorer.errors);
    scores
}

/// A predicted or gold mention: span, type and the index of its entity.
#[derive(Debug, Clone, Copy)]
struct MentionRef {
    start: usize,
    end: usize,
    entity_type: EntityType,
    entity: usize,
}

/// Every mention of `entities`, in text order.
fn mentions_of<'a, T: 'a>(
    entities: impl Iterator<Item = &'a T>,
    parts: impl Fn(&'a T) -> (EntityType, Vec<(usize, usize)>),
) -> Vec<MentionRef> {
    let mut mentions: Vec<MentionRef> = entities
        .enumerate()
        .flat_map(|(entity, e)| {
            let (entity_type, spans) = parts(e);
            spans.into_iter().map(move |(start, end)| MentionRef {
                start,
                end,
                entity_type,
                entity,
            })
        })
        .collect();
    mentions.sort_by_key(|m| (m.start, m.end, m.entity));
    mentions
}

impl ArticleScorer<'_> {
    fn error(
        &mut self,
        measure: Measure,
        error: ErrorKind,
        label: String,
        span: (usize, usize),
        note: Option<String>,
        evidence: Option<String>,
    ) {
        let mut item = self.text.error(self.id, measure, error, label, span);
        item.note = note;
        item.evidence = evidence;
        self.errors.push(item);
    }

    /// Entities, mention by mention: exact span + type.
    fn entities(&mut self, scores: &mut Scores) {
        let gold = mentions_of(self.gold.entities.iter(), |e| {
            let spans = e.mentions.iter().map(|m| (m.start, m.end)).collect();
            (e.entity_type, spans)
        });
        let predicted = mentions_of(self.entities.iter(), |e| {
            let spans = e.mentions.iter().map(|m| (m.start, m.end)).collect();
            (e.entity_type, spans)
        });
        let (matches, taken) = match_greedy(&gold, &predicted, |g, p| {
            (g.start, g.end, g.entity_type) == (p.start, p.end, p.entity_type)
        });
        for (g, m) in gold.iter().zip(&matches) {
            let by_type = scores.entities_by_type.entry(g.entity_type).or_default();
            if m.is_some() {
                by_type.tp += 1;
                continue;
            }
            by_type.fn_ += 1;
            let note = predicted
                .iter()
                .find(|p| (p.start, p.end) == (g.start, g.end))
                .map(|p| format!("predicted here as {}", type_name(p.entity_type)));
            let label = type_name(g.entity_type).to_owned();
            let span = (g.start, g.end);
            self.error(
                Measure::Entity,
                ErrorKind::FalseNegative,
                label,
                span,
                note,
                None,
            );
        }
        for (p, _) in predicted.iter().zip(&taken).filter(|(_, taken)| !**taken) {
            scores.entities_by_type.entry(p.entity_type).or_default().fp += 1;
            let note = gold
                .iter()
                .find(|g| (g.start, g.end) == (p.start, p.end))
                .map(|g| format!("gold here is {}", type_name(g.entity_type)));
            let label = type_name(p.entity_type).to_owned();
            let span = (p.start, p.end);
            self.error(
                Measure::Entity,
                ErrorKind::FalsePositive,
                label,
                span,
                note,
                None,
            );
        }
        for score in scores.entities_by_type.values_mut() {
            *score = Score::from_counts(score.tp, score.fp, score.fn_);
            scores.entities.add(score);
        }
    }

    /// Amounts: exact span + kind + value + currency, and span alone.
    fn amounts(&mut self, scores: &mut Scores) {
        let mut gold: Vec<_> = self.gold.amounts.iter().collect();
        gold.sort_by_key(|a| (a.start, a.end));
        let mut predicted: Vec<_> = self.amounts.iter().collect();
        predicted.sort_by_key(|a| (a.start, a.end));
        let (matches, taken) = match_greedy(&gold, &predicted, |g, p| {
            (g.start, g.end, g.kind) == (p.start, p.end, p.kind)
                && same_value(&g.value, &p.value)
                && g.currency == p.currency
        });
        scores.amounts = score_of(&matches, predicted.len());
        for (g, _) in gold.iter().zip(&matches).filter(|(_, m)| m.is_none()) {
            let note = predicted
                .iter()
                .find(|p| (p.start, p.end) == (g.start, g.end))
                .map(|p| {
                    let label = amount_label(p.kind, &p.value, p.currency.as_deref());
                    format!("predicted here: {label}")
                });
            let label = amount_label(g.kind, &g.value, g.currency.as_deref());
            let span = (g.start, g.end);
            self.error(
                Measure::Amount,
                ErrorKind::FalseNegative,
                label,
                span,
                note,
                None,
            );
        }
        for (p, _) in predicted.iter().zip(&taken).filter(|(_, taken)| !**taken) {
            let note = gold
                .iter()
                .find(|g| (g.start, g.end) == (p.start, p.end))
                .map(|g| {
                    let label = amount_label(g.kind, &g.value, g.currency.as_deref());
                    format!("gold here: {label}")
                });
            let label = amount_label(p.kind, &p.value, p.currency.as_deref());
            let span = (p.start, p.end);
            self.error(
                Measure::Amount,
                ErrorKind::FalsePositive,
                label,
                span,
                note,
                None,
            );
        }
        let (span_matches, _) = match_greedy(&gold, &predicted, |g, p| {
            (g.start, g.end) == (p.start, p.end)
        });
        scores.amount_spans = score_of(&span_matches, predicted.len());
    }

    /// Commitments: same type, gold trigger inside the predicted sentence;
    /// then the actors of the matched pairs.
    fn commitments(&mut self, scores: &mut Scores) {
        let mut gold: Vec<_> = self.gold.commitments.iter().collect();
        gold.sort_by_key(|c| (c.trigger.start, c.trigger.end));
        let mut predicted: Vec<_> = self.commitments.iter().collect();
        predicted.sort_by_key(|c| (c.start, c.end));
        let sentences = self.sentences;
        let holds = |p: &Commitment, g: &GoldCommitment| {
            let (start, end) = sentence_of(sentences, p);
            start <= g.trigger.start && g.trigger.start < end
        };
        let (matches, taken) = match_greedy(&gold, &predicted, |g, p| {
            g.commitment_type == p.commitment_type && holds(p, g)
        });
        scores.commitments = score_of(&matches, predicted.len());
        let mut actors_right = 0;
        for (g, m) in gold.iter().zip(&matches) {
            let label = commitment_type_name(g.commitment_type).to_owned();
            let span = (g.trigger.start, g.trigger.end);
            let evidence = Some(g.evidence.clone());
            let Some(p) = m.and_then(|i| predicted.get(i)) else {
                let note = predicted.iter().find(|p| holds(p, g)).map(|p| {
                    let kind = commitment_type_name(p.commitment_type);
                    format!("predicted in this sentence: {kind} ({})", p.predicate)
                });
                let kind = ErrorKind::FalseNegative;
                self.error(Measure::Commitment, kind, label, span, note, evidence);
                continue;
            };
            if actors_agree(&self.gold.entities, &g.actors, self.entities, &p.actors) {
                actors_right += 1;
            } else {
                let note = Some(format!(
                    "gold actors [{}], predicted [{}]",
                    gold_names(&self.gold.entities, &g.actors),
                    predicted_names(self.entities, &p.actors)
                ));
                self.error(
                    Measure::Actors,
                    ErrorKind::Mismatch,
                    label,
                    span,
                    note,
                    evidence,
                );
            }
        }
        let matched = matches.iter().filter(|m| m.is_some()).count();
        scores.commitment_actors = Accuracy::from_counts(actors_right, matched);
        for (p, _) in predicted.iter().zip(&taken).filter(|(_, taken)| !**taken) {
            let (start, end) = sentence_of(self.sentences, p);
            let kind = commitment_type_name(p.commitment_type);
            let label = format!("{kind} ({})", p.predicate);
            let evidence = Some(self.text.slice(start, end));
            let span = (p.start, p.end);
            self.error(
                Measure::Commitment,
                ErrorKind::FalsePositive,
                label,
                span,
                None,
                evidence,
            );
        }
    }

    /// Bilingual names of the gold entities korex found. DATE entities are
    /// left out: their gold names are the surface text in both fields, so
    /// they would measure copying, not naming.
    fn names(&mut self, scores: &mut Scores) {
        let (mut en, mut ko) = ((0, 0), (0, 0));
        let gold = self.gold;
        for g in gold
            .entities
            .iter()
            .filter(|e| e.entity_type != EntityType::Date)
        {
            let Some(p) = best_predicted_entity(g, self.entities) else {
                continue;
            };
            let first = g.mentions.first().map_or((0, 0), |m| (m.start, m.end));
            let checks = [
                (&g.name_en, &p.name_en, Measure::NameEn, &mut en),
                (&g.name_ko, &p.name_ko, Measure::NameKo, &mut ko),
            ];
            for (gold_name, pred_name, measure, (right, total)) in checks {
                let Some(gold_name) = gold_name else {
                    continue;
                };
                *total += 1;
                let pred_name = pred_name.as_deref();
                if pred_name.is_some_and(|n| name_key(n) == name_key(gold_name)) {
                    *right += 1;
                    continue;
                }
                let predicted = pred_name.map_or_else(|| "null".to_owned(), |n| format!("{n:?}"));
                let note = Some(format!("gold {gold_name:?}, predicted {predicted}"));
                let label = type_name(g.entity_type).to_owned();
                self.error(measure, ErrorKind::Mismatch, label, first, note, None);
            }
        }
        scores.names_en = Accuracy::from_counts(en.0, en.1);
        scores.names_ko = Accuracy::from_counts(ko.0, ko.1);
    }
}

/// The span of the sentence a predicted commitment is in (its own span if
/// the sentence index is out of range).
fn sentence_of(sentences: &[SentenceRecord], commitment: &Commitment) -> (usize, usize) {
    sentences
        .get(commitment.sentence)
        .map_or((commitment.start, commitment.end), |s| (s.start, s.end))
}

/// The score of a one-to-one matching: each gold item's match, and how many
/// items were predicted.
fn score_of(matches: &[Option<usize>], predicted: usize) -> Score {
    let tp = matches.iter().filter(|m| m.is_some()).count();
    Score::from_counts(tp, predicted - tp, matches.len() - tp)
}

/// The predicted entity sharing the most mention spans with a gold entity
/// (the first such in record order on a tie), if any shares one.
fn best_predicted_entity<'a>(gold: &GoldEntity, predicted: &'a [Entity]) -> Option<&'a Entity> {
    let mut best: Option<(&Entity, usize)> = None;
    for entity in predicted {
        let shared = gold
            .mentions
            .iter()
            .filter(|g| {
                entity
                    .mentions
                    .iter()
                    .any(|p| (p.start, p.end) == (g.start, g.end))
            })
            .count();
        if shared > 0 && best.is_none_or(|(_, most)| shared > most) {
            best = Some((entity, shared));
        }
    }
    best.map(|(entity, _)| entity)
}

fn dedup(ids: &[String]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for id in ids {
        if !out.contains(&id.as_str()) {
            out.push(id);
        }
    }
    out
}

/// Whether the predicted actors are the gold ones: every gold actor has a
/// distinct predicted actor with a mention of exactly the same span as one
/// of its own, and no predicted actor is left over.
fn actors_agree(
    gold_entities: &[GoldEntity],
    gold_actors: &[String],
    pred_entities: &[Entity],
    pred_actors: &[String],
) -> bool {
    let gold_actors = dedup(gold_actors);
    let pred_actors = dedup(pred_actors);
    if gold_actors.len() != pred_actors.len() {
        return false;
    }
    let gold_spans: Vec<Vec<(usize, usize)>> = gold_actors
        .iter()
        .map(|id| {
            gold_entities
                .iter()
                .find(|e| e.id == *id)
                .map(|e| e.mentions.iter().map(|m| (m.start, m.end)).collect())
                .unwrap_or_default()
        })
        .collect();
    let pred_spans: Vec<Vec<(usize, usize)>> = pred_actors
        .iter()
        .map(|id| {
            pred_entities
                .iter()
                .find(|e| e.id == *id)
                .map(|e| e.mentions.iter().map(|m| (m.start, m.end)).collect())
                .unwrap_or_default()
        })
        .collect();
    let agrees = |g: usize, p: usize| {
        gold_spans[g]
            .iter()
            .any(|span| pred_spans[p].contains(span))
    };
    // A perfect matching in the bipartite "agrees" graph (Kuhn's augmenting
    // paths; actor lists are tiny).
    let mut owner: Vec<Option<usize>> = vec![None; pred_spans.len()];
    fn augment(
        g: usize,
        agrees: &dyn Fn(usize, usize) -> bool,
        owner: &mut [Option<usize>],
        visited: &mut [bool],
    ) -> bool {
        for p in 0..owner.len() {
            if visited[p] || !agrees(g, p) {
                continue;
            }
            visited[p] = true;
            let free = match owner[p] {
                None => true,
                Some(other) => augment(other, agrees, owner, visited),
            };
            if free {
                owner[p] = Some(g);
                return true;
            }
        }
        false
    }
    (0..gold_spans.len()).all(|g| {
        let mut visited = vec![false; pred_spans.len()];
        augment(g, &agrees, &mut owner, &mut visited)
    })
}

fn gold_names(entities: &[GoldEntity], ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            entities
                .iter()
                .find(|e| &e.id == id)
                .and_then(|e| e.mentions.first())
                .map_or_else(|| id.clone(), |m| m.text.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn predicted_names(entities: &[Entity], ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            entities
                .iter()
                .find(|e| &e.id == id)
                .map_or_else(|| id.clone(), |e| e.name.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------
// Rendering

fn score_line(out: &mut String, name: &str, score: &Score) {
    let _ = writeln!(
        out,
        "{name:<26}{:>7.3}{:>7.3}{:>7.3}{:>7}{:>7}{:>7}",
        score.precision, score.recall, score.f1, score.tp, score.fp, score.fn_
    );
}

fn accuracy_line(out: &mut String, name: &str, accuracy: &Accuracy, of_what: &str) {
    let _ = writeln!(
        out,
        "{name:<26}{:>7}{:>7}{:>7.3}   {} of {} {of_what}",
        "", "", accuracy.accuracy, accuracy.correct, accuracy.total
    );
}

fn render_scores(out: &mut String, title: &str, scores: &Scores) {
    let _ = writeln!(
        out,
        "{title:<26}{:>7}{:>7}{:>7}{:>7}{:>7}{:>7}",
        "P", "R", "F1", "tp", "fp", "fn"
    );
    score_line(out, "entities", &scores.entities);
    for (entity_type, score) in &scores.entities_by_type {
        score_line(out, &format!("  {}", type_name(*entity_type)), score);
    }
    score_line(out, "amounts", &scores.amounts);
    score_line(out, "  span only", &scores.amount_spans);
    score_line(out, "commitments", &scores.commitments);
    accuracy_line(out, "  actors right", &scores.commitment_actors, "matched");
    accuracy_line(out, "names_en", &scores.names_en, "found");
    accuracy_line(out, "names_ko", &scores.names_ko, "found");
}

impl fmt::Display for Report {
    /// The table: all articles, then each language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        // Korean first: it is the main language of the corpus.
        let mut languages: Vec<(&String, &Scores)> = self.by_language.iter().collect();
        languages.sort_by_key(|(l, _)| (l.as_str() != "ko", l.as_str() != "en", l.as_str()));
        let counts: Vec<String> = languages
            .iter()
            .map(|(language, scores)| format!("{language} {}", scores.articles))
            .collect();
        let _ = writeln!(
            out,
            "korex eval: {} articles ({})",
            self.articles,
            counts.join(", ")
        );
        out.push('\n');
        render_scores(&mut out, "all", &self.overall);
        for (language, scores) in languages {
            out.push('\n');
            render_scores(&mut out, language, scores);
        }
        f.write_str(&out)
    }
}

impl Report {
    /// The error listing of `--show-errors`: one block per item, by article
    /// and offset.
    pub fn render_errors(&self) -> String {
        let mut out = String::new();
        for item in &self.errors {
            let kind = match item.error {
                ErrorKind::FalseNegative => "FN",
                ErrorKind::FalsePositive => "FP",
                ErrorKind::Mismatch => "XX",
            };
            let measure = match item.measure {
                Measure::Entity => "entity",
                Measure::Amount => "amount",
                Measure::Commitment => "commitment",
                Measure::Actors => "actors",
                Measure::NameEn => "name_en",
                Measure::NameKo => "name_ko",
            };
            let _ = writeln!(
                out,
                "{}  {kind} {measure} {}  [{}, {})  {:?}",
                item.article, item.label, item.start, item.end, item.text
            );
            let _ = writeln!(
                out,
                "    …{}⟦{}⟧{}…",
                item.before,
                item.text.replace('\n', " "),
                item.after
            );
            if let Some(note) = &item.note {
                let _ = writeln!(out, "    {note}");
            }
            if let Some(evidence) = &item.evidence {
                let _ = writeln!(out, "    evidence: {}", evidence.replace('\n', " "));
            }
        }
        out
    }
}
