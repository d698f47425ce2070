//! Commitments: predicate patterns over tokens, arguments linked to entities and amounts.
//!
//! A commitment is a clause whose verb carries a modality or status marker
//! (투자하기로 했다, 건설할 계획이다, “…하겠다”고 말했다, signed, plans to,
//! will invest, is reviewing) and is not blocked (negated, conditional,
//! predicted, requested, analysts' views). The verb's lexicon entry and the
//! marker decide the type and status; the arguments come from what earlier
//! stages found: actors and counterparts are entities (subjects, speakers of
//! quotes, 양사 / the two companies resolved to earlier parties), amounts and
//! dates are those inside the clause. Korean is read over ko-dic morphemes
//! (`korean.rs`), English over word tokens (`english.rs`).

mod english;
mod korean;
pub(crate) mod lexicon;

use crate::document::Document;
use crate::entities::FoundEntity;
use crate::error::Result;
use crate::output::{AmountKind, CommitmentStatus, CommitmentType, EntityType};
use crate::text::Language;
use lexicon::{Lexicon, PredicateType, Reference, ReferenceKind};

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

/// The commitments stage: the lexicons of `dictionaries/commitment_*.tsv`,
/// loaded once and shared by every thread.
#[derive(Debug, Clone)]
pub struct CommitmentStage {
    lexicon: Lexicon,
}

impl CommitmentStage {
    /// Loads the predicate, marker, blocker, speech, reference and noun lexicons.
    pub fn new() -> Result<Self> {
        Ok(CommitmentStage {
            lexicon: Lexicon::load()?,
        })
    }

    /// Adds the document's commitments, in text order. Reads the tokens, the
    /// entities and the amounts; never finds entities or amounts itself.
    pub fn apply(&self, document: &mut Document) {
        let mut context = Context::new(&self.lexicon, document);
        for index in 0..document.sentences.len() {
            let Some(sentence) = document.sentences.get(index) else {
                continue;
            };
            if let Some((_, title_end)) = document.title {
                // Headlines are not annotated for commitments.
                if sentence.start < title_end {
                    continue;
                }
            }
            match sentence.language {
                Language::Ko | Language::Mixed => korean::analyse(&mut context, index),
                Language::En => english::analyse(&mut context, index),
                _ => {}
            }
        }
        document.commitments = context.found;
    }
}

/// How an actor was found; decides part of the confidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ActorSource {
    /// Taken from the discourse (the previous commitment's actors).
    Fallback,
    /// A reference resolved (양사, the company, it).
    Reference,
    /// An entity named as subject or speaker.
    Explicit,
}

/// One mention of an entity, for lookups by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MentionRef {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
    pub sentence: usize,
}

/// A commitment ready to be recorded, before its amounts and dates are added.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Draft {
    pub commitment_type: CommitmentType,
    pub status: CommitmentStatus,
    pub predicate: String,
    pub actors: Vec<usize>,
    pub actor_source: ActorSource,
    pub counterparts: Vec<usize>,
    pub object: Option<String>,
    pub sentence: usize,
    /// The clause (byte span, inside the sentence).
    pub start: usize,
    pub end: usize,
    /// Where the trigger is, to keep commitments in text order.
    pub trigger: usize,
    /// Whether an explicit marker (decision, intention, signed...) made it,
    /// rather than a bare modal.
    pub strong_marker: bool,
}

/// What the stage knows while it walks one document.
pub(crate) struct Context<'a> {
    pub lexicon: &'a Lexicon,
    pub document: &'a Document,
    /// Every mention, sorted by start.
    pub mentions: Vec<MentionRef>,
    /// The length in bytes of the longest mention.
    pub longest_mention: usize,
    pub found: Vec<FoundCommitment>,
    /// The most recent organisation that was a clause's subject.
    pub last_subject_org: Option<usize>,
    /// The most recent speaker of a quote.
    pub last_speaker: Option<usize>,
    /// Who announced a statement the next sentence quotes (…다음과 같이 밝혔다.).
    pub pending_speaker: Option<(Vec<usize>, ActorSource)>,
    /// The speaker of a quote still open at the end of the last sentence.
    pub open_quote: Option<(Vec<usize>, ActorSource)>,
}

impl<'a> Context<'a> {
    fn new(lexicon: &'a Lexicon, document: &'a Document) -> Self {
        let mut mentions: Vec<MentionRef> = document
            .entities
            .iter()
            .enumerate()
            .flat_map(|(entity, e)| {
                e.mentions.iter().map(move |m| MentionRef {
                    start: m.start,
                    end: m.end,
                    entity,
                    sentence: m.sentence,
                })
            })
            .collect();
        mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        // The dateline (SEOUL, Nov. 12 (Korex Wire) --, [서울=코렉스통신] 김민지
        // 기자 =) names the agency and the reporter, never a party.
        let dateline_end = dateline_end(document);
        mentions.retain(|m| m.start >= dateline_end);
        let longest_mention = mentions
            .iter()
            .map(|m| m.end.saturating_sub(m.start))
            .max()
            .unwrap_or(0);
        Context {
            lexicon,
            document,
            mentions,
            longest_mention,
            found: Vec::new(),
            last_subject_org: None,
            last_speaker: None,
            pending_speaker: None,
            open_quote: None,
        }
    }

    /// The entity at `index`.
    pub fn entity(&self, index: usize) -> Option<&'a FoundEntity> {
        self.document.entities.get(index)
    }

    /// The type of entity `index`.
    pub fn entity_type(&self, index: usize) -> Option<EntityType> {
        self.entity(index).map(|e| e.entity_type)
    }

    /// Mentions that start inside `[start, end)`, in text order; DATE
    /// entities are left out (they never commit).
    pub fn mentions_in(
        &self,
        start: usize,
        end: usize,
    ) -> impl DoubleEndedIterator<Item = MentionRef> + Clone + '_ {
        let from = self.mentions.partition_point(|m| m.start < start);
        let to = from + self.mentions[from..].partition_point(|m| m.start < end);
        self.mentions[from..to]
            .iter()
            .filter(|m| self.entity_type(m.entity) != Some(EntityType::Date))
            .copied()
    }

    /// Mentions that overlap `[start, end)`, DATE entities included.
    pub fn mentions_overlapping(
        &self,
        start: usize,
        end: usize,
    ) -> impl DoubleEndedIterator<Item = MentionRef> + Clone + '_ {
        let to = self.mentions.partition_point(|m| m.start < end);
        // No mention is longer than the longest: start the scan there.
        let from = self
            .mentions
            .partition_point(|m| m.start < start.saturating_sub(self.longest_mention));
        self.mentions[from..to.max(from)]
            .iter()
            .filter(move |m| m.end > start)
            .copied()
    }

    /// The most recent mention before `position` of an entity of one of `types`.
    pub fn last_mention_before(&self, position: usize, types: &[EntityType]) -> Option<MentionRef> {
        let to = self.mentions.partition_point(|m| m.start < position);
        self.mentions[..to]
            .iter()
            .rev()
            .find(|m| {
                self.entity_type(m.entity)
                    .is_some_and(|t| types.contains(&t))
            })
            .copied()
    }

    /// The most recent person whose role is `title` (대통령 → the president
    /// introduced earlier).
    pub fn person_with_role(&self, title: &str, position: usize) -> Option<usize> {
        let to = self.mentions.partition_point(|m| m.start < position);
        self.mentions[..to]
            .iter()
            .rev()
            .find(|m| {
                self.entity(m.entity).is_some_and(|e| {
                    e.entity_type == EntityType::Person && e.role.as_deref() == Some(title)
                })
            })
            .map(|m| m.entity)
    }

    /// The entities a reference stands for, as seen from `position`.
    pub fn resolve_reference(
        &self,
        reference: &Reference,
        head: &str,
        position: usize,
        sentence_start: usize,
    ) -> Vec<usize> {
        match reference.kind {
            ReferenceKind::Collective => self.resolve_collective(reference, position),
            ReferenceKind::Descriptor | ReferenceKind::Facility => self
                .resolve_descriptor(head, position, sentence_start)
                .into_iter()
                .collect(),
            ReferenceKind::Pronoun => match reference.entity_type {
                Some(EntityType::Person) => self.resolve_person_pronoun(position),
                Some(EntityType::Org) => self
                    .last_subject_org
                    .or_else(|| {
                        self.last_mention_before(position, &[EntityType::Org])
                            .map(|m| m.entity)
                    })
                    .into_iter()
                    .collect(),
                _ => self.previous_parties(position, 0, None),
            },
        }
    }

    /// 그는 / he: the last speaker, else the most recent person.
    pub fn resolve_person_pronoun(&self, position: usize) -> Vec<usize> {
        self.last_speaker
            .or_else(|| {
                self.last_mention_before(position, &[EntityType::Person])
                    .map(|m| m.entity)
            })
            .into_iter()
            .collect()
    }

    /// 양사 / the two companies: the parties of the most recent commitment
    /// with that many parties of the right type, else the most recent
    /// entities of that type in earlier sentences.
    fn resolve_collective(&self, reference: &Reference, position: usize) -> Vec<usize> {
        let parties = self.previous_parties(position, reference.count, reference.entity_type);
        if !parties.is_empty() {
            return parties;
        }
        let types = party_types(reference.entity_type);
        let wanted = reference.count.max(2);
        let mut entities = Vec::new();
        let to = self.mentions.partition_point(|m| m.start < position);
        for mention in self.mentions[..to].iter().rev() {
            let fits = self
                .entity_type(mention.entity)
                .is_some_and(|t| types.contains(&t));
            if fits && !entities.contains(&mention.entity) {
                entities.push(mention.entity);
                if entities.len() == wanted {
                    entities.reverse();
                    return entities;
                }
            }
        }
        Vec::new()
    }

    /// The parties of the most recent commitment that has `count` of them
    /// (0: at least two), of the given type.
    pub fn previous_parties(
        &self,
        position: usize,
        count: usize,
        entity_type: Option<EntityType>,
    ) -> Vec<usize> {
        let types = party_types(entity_type);
        let keep = |ids: &[usize]| -> Vec<usize> {
            let mut kept = Vec::new();
            for &id in ids {
                let fits = self.entity_type(id).is_some_and(|t| types.contains(&t));
                if fits && !kept.contains(&id) {
                    kept.push(id);
                }
            }
            kept
        };
        for commitment in self.found.iter().rev() {
            if commitment.start >= position {
                continue;
            }
            let actors = keep(&commitment.actors);
            let mut all = actors.clone();
            for id in keep(&commitment.counterparts) {
                if !all.contains(&id) {
                    all.push(id);
                }
            }
            let fits = |set: &Vec<usize>| {
                if count == 0 {
                    set.len() >= 2
                } else {
                    set.len() == count
                }
            };
            if fits(&actors) {
                return actors;
            }
            if fits(&all) {
                return all;
            }
        }
        Vec::new()
    }

    /// 회사 / the company: an organisation whose name holds the head word
    /// (그룹 → 포스코그룹, the fund → National Growth Fund), else one named
    /// earlier in the sentence, else the last organisation that was a
    /// subject, else the most recent one.
    pub fn resolve_descriptor(
        &self,
        head: &str,
        position: usize,
        sentence_start: usize,
    ) -> Option<usize> {
        let head = head.to_lowercase();
        let generic = matches!(head.as_str(), "회사" | "company" | "firm" | "당사");
        if !head.is_empty() && !generic {
            let to = self.mentions.partition_point(|m| m.start < position);
            let named = self.mentions[..to].iter().rev().find(|m| {
                self.entity(m.entity).is_some_and(|e| {
                    e.entity_type == EntityType::Org
                        && [Some(&e.name), e.name_ko.as_ref(), e.name_en.as_ref()]
                            .into_iter()
                            .flatten()
                            .any(|name| name.to_lowercase().contains(&head))
                })
            });
            if let Some(mention) = named {
                return Some(mention.entity);
            }
        }
        if let Some(mention) = self
            .mentions_in(sentence_start, position)
            .rev()
            .find(|m| self.entity_type(m.entity) == Some(EntityType::Org))
        {
            return Some(mention.entity);
        }
        self.last_subject_org.or_else(|| {
            self.last_mention_before(position, &[EntityType::Org])
                .map(|m| m.entity)
        })
    }

    /// The actors of the most recent commitment, when it is in this sentence
    /// or one of the two before.
    pub fn previous_actors(&self, sentence: usize) -> Vec<usize> {
        self.found
            .last()
            .filter(|c| c.sentence + 2 >= sentence)
            .map(|c| c.actors.clone())
            .unwrap_or_default()
    }

    /// Adds a commitment: its amounts and dates are those inside its clause.
    pub fn record(&mut self, draft: Draft) {
        let document = self.document;
        let amounts: Vec<usize> = document
            .amounts
            .iter()
            .enumerate()
            .filter(|(_, a)| {
                a.sentence == draft.sentence && a.start >= draft.start && a.end <= draft.end
            })
            .map(|(index, _)| index)
            .collect();
        let mut dates = Vec::new();
        for (index, entity) in document.entities.iter().enumerate() {
            if entity.entity_type != EntityType::Date {
                continue;
            }
            let inside = entity.mentions.iter().any(|m| {
                m.sentence == draft.sentence && m.start >= draft.start && m.end <= draft.end
            });
            if inside {
                dates.push(index);
            }
        }
        let mut confidence: f64 = 0.45;
        confidence += match draft.actor_source {
            ActorSource::Explicit => 0.3,
            ActorSource::Reference => 0.2,
            ActorSource::Fallback => 0.05,
        };
        if draft.strong_marker {
            confidence += 0.15;
        }
        if draft.object.is_some() {
            confidence += 0.05;
        }
        let confidence = (confidence.min(0.95) * 100.0).round() / 100.0;
        for &actor in &draft.actors {
            if self.entity_type(actor) == Some(EntityType::Org) {
                self.last_subject_org = Some(actor);
            }
        }
        let mut counterparts = draft.counterparts;
        counterparts.retain(|c| !draft.actors.contains(c));
        counterparts.dedup();
        self.found.push(FoundCommitment {
            commitment_type: draft.commitment_type,
            status: draft.status,
            predicate: draft.predicate,
            actors: draft.actors,
            counterparts,
            object: draft.object,
            amounts,
            dates,
            sentence: draft.sentence,
            start: draft.start,
            end: draft.end,
            confidence,
        });
    }

    /// Whether a money amount lies in `[start, end)`.
    pub fn money_in(&self, start: usize, end: usize) -> bool {
        self.document
            .amounts
            .iter()
            .any(|a| a.kind == AmountKind::Money && a.start >= start && a.end <= end)
    }
}

/// Where the dateline of the body's first sentence ends (0 when there is none).
fn dateline_end(document: &Document) -> usize {
    let body_start = document.title.map(|(_, end)| end).unwrap_or(0);
    let Some(first) = document.sentences.iter().find(|s| s.start >= body_start) else {
        return 0;
    };
    let text = document.slice(first.start, first.end);
    let window: usize = text
        .char_indices()
        .nth(120)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let head = &text[..window];
    [" -- ", " — ", "기자 = ", "특파원 = ", "기자= "]
        .iter()
        .filter_map(|marker| head.find(marker).map(|at| at + marker.len()))
        .min()
        .map(|at| first.start + at)
        .unwrap_or(0)
}

/// The entity types that count as parties for a reference's type.
fn party_types(entity_type: Option<EntityType>) -> Vec<EntityType> {
    match entity_type {
        Some(t) => vec![t],
        None => vec![EntityType::Org, EntityType::Location],
    }
}

/// The final type of a commitment from its predicate, its marker and where
/// it was said.
pub(crate) fn commitment_type(
    predicate: PredicateType,
    status: CommitmentStatus,
    in_quote: bool,
    money: bool,
) -> CommitmentType {
    match predicate {
        PredicateType::Consideration => CommitmentType::Consideration,
        PredicateType::Agreement | PredicateType::Signing
            if status == CommitmentStatus::Completed =>
        {
            CommitmentType::Agreement
        }
        PredicateType::Investment => CommitmentType::Investment,
        PredicateType::InvestmentIfMoney if money => CommitmentType::Investment,
        PredicateType::Order | PredicateType::Purchase => CommitmentType::Order,
        PredicateType::Pledge => CommitmentType::Pledge,
        _ if in_quote => CommitmentType::Pledge,
        _ => CommitmentType::Plan,
    }
}

/// Appends `ids` to `list`, skipping ones already there.
pub(crate) fn push_unique(list: &mut Vec<usize>, ids: impl IntoIterator<Item = usize>) {
    for id in ids {
        if !list.contains(&id) {
            list.push(id);
        }
    }
}
