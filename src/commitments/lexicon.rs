//! The commitment lexicons of `dictionaries/commitment_*.tsv`, parsed once.

use crate::error::{Error, Result};
use crate::lexicon::parse_tsv;
use crate::output::EntityType;
use foldhash::HashMap;

const PREDICATES: &str = include_str!("../../dictionaries/commitment_predicates.tsv");
const SPEECH: &str = include_str!("../../dictionaries/commitment_speech.tsv");
const MARKERS: &str = include_str!("../../dictionaries/commitment_markers.tsv");
const BLOCKERS: &str = include_str!("../../dictionaries/commitment_blockers.tsv");
const REFERENCES: &str = include_str!("../../dictionaries/commitment_references.tsv");
const NOUNS: &str = include_str!("../../dictionaries/commitment_nouns.tsv");

/// What a predicate commits to, before markers decide the final type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PredicateType {
    Agreement,
    Investment,
    /// Investment when a money amount is in the clause, else plan.
    InvestmentIfMoney,
    Order,
    /// An order only when intended (구입할 계획), never a past purchase.
    Purchase,
    /// An agreement only with an agreement noun in the clause (계약을 맺었다).
    Signing,
    Consideration,
    Pledge,
    Plan,
    /// Never a commitment.
    None,
}

/// What a marker says about the verb before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MarkerKind {
    Decision,
    Agreed,
    Promised,
    Intention,
    Volition,
    Modal,
    ReportedModal,
    Progressive,
    Possibility,
    /// A present-tense announcement (투자한다고 밝혔다).
    Present,
    Past,
    Experience,
    Conjunct,
    Negation,
    Blocked,
}

/// Where a blocker is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Between the marker and the end of its clause.
    After,
    /// Between the clause start and the trigger.
    Before,
    /// Anywhere in the clause.
    Clause,
    /// Anywhere in the sentence.
    Sentence,
}

/// What a reference phrase stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReferenceKind {
    Collective,
    Descriptor,
    Pronoun,
    Facility,
}

/// The entity types a reference can stand for (`None`: organisations and places).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reference {
    pub phrase: String,
    pub kind: ReferenceKind,
    pub entity_type: Option<EntityType>,
    pub count: usize,
}

/// A Korean marker: words of normalized morpheme forms.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct KoMarker {
    pub words: Vec<Vec<String>>,
    pub kind: MarkerKind,
}

/// An English marker: lowercase words before the verb.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EnMarker {
    pub words: Vec<String>,
    pub kind: MarkerKind,
}

/// A blocker phrase.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Blocker {
    pub text: String,
    pub scope: Scope,
}

/// How an English form relates to its lemma.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FormKind {
    Base,
    ThirdPerson,
    Past,
    Ing,
}

/// An English predicate reached through one of its forms.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EnForm {
    /// The form's words, lowercase (`set aside`: two words).
    pub words: Vec<String>,
    pub lemma: String,
    pub kind: FormKind,
    pub predicate_type: PredicateType,
}

/// Whether a speech verb reports speech or a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpeechKind {
    Speech,
    Request,
}

/// Every commitment lexicon, loaded once.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    pub ko_predicates: HashMap<String, PredicateType>,
    /// English forms by their first word.
    pub en_forms: HashMap<String, Vec<EnForm>>,
    pub ko_speech: HashMap<String, SpeechKind>,
    pub en_speech: HashMap<String, SpeechKind>,
    /// Longest first.
    pub ko_markers: Vec<KoMarker>,
    /// Longest first.
    pub en_markers: Vec<EnMarker>,
    pub ko_blockers: Vec<Blocker>,
    pub en_blockers: Vec<Blocker>,
    pub ko_references: Vec<Reference>,
    pub en_references: Vec<Reference>,
    pub ko_agreement_nouns: Vec<String>,
    /// Any Korean agreement noun, longest first, to find one in a word fast.
    pub ko_agreement_pattern: regex::Regex,
    pub ko_intent_nouns: Vec<String>,
    pub ko_proposal_nouns: Vec<String>,
    pub ko_cut_nouns: Vec<String>,
    pub en_agreement_nouns: Vec<String>,
}

fn bad(source: &str, line: usize, message: String) -> Error {
    Error::Lexicon {
        source_name: source.to_owned(),
        line,
        message,
    }
}

fn is_korean(source: &str, line: usize, language: &str) -> Result<bool> {
    match language.trim() {
        "ko" => Ok(true),
        "en" => Ok(false),
        other => Err(bad(source, line, format!("unknown language {other:?}"))),
    }
}

impl Lexicon {
    /// Parses the embedded lexicons.
    pub fn load() -> Result<Self> {
        let mut lexicon = Lexicon {
            ko_predicates: HashMap::default(),
            en_forms: HashMap::default(),
            ko_speech: HashMap::default(),
            en_speech: HashMap::default(),
            ko_markers: Vec::new(),
            en_markers: Vec::new(),
            ko_blockers: Vec::new(),
            en_blockers: Vec::new(),
            ko_references: Vec::new(),
            en_references: Vec::new(),
            ko_agreement_nouns: Vec::new(),
            ko_agreement_pattern: regex::Regex::new("^$")
                .map_err(|e| bad("regex", 0, e.to_string()))?,
            ko_intent_nouns: Vec::new(),
            ko_proposal_nouns: Vec::new(),
            ko_cut_nouns: Vec::new(),
            en_agreement_nouns: Vec::new(),
        };
        lexicon.load_predicates()?;
        lexicon.load_speech()?;
        lexicon.load_markers()?;
        lexicon.load_blockers()?;
        lexicon.load_references()?;
        lexicon.load_nouns()?;
        Ok(lexicon)
    }

    fn load_predicates(&mut self) -> Result<()> {
        const NAME: &str = "commitment_predicates.tsv";
        for row in parse_tsv(NAME, PREDICATES, &["language", "lemma", "type", "forms"], 3)? {
            let lemma = row.get(1).trim();
            let predicate_type = match row.get(2).trim() {
                "agreement" => PredicateType::Agreement,
                "investment" => PredicateType::Investment,
                "investment_if_money" => PredicateType::InvestmentIfMoney,
                "order" => PredicateType::Order,
                "purchase" => PredicateType::Purchase,
                "signing" => PredicateType::Signing,
                "consideration" => PredicateType::Consideration,
                "pledge" => PredicateType::Pledge,
                "plan" => PredicateType::Plan,
                "none" => PredicateType::None,
                other => return Err(bad(NAME, row.line, format!("unknown type {other:?}"))),
            };
            if lemma.is_empty() {
                return Err(bad(NAME, row.line, "empty lemma".to_owned()));
            }
            if is_korean(NAME, row.line, row.get(0))? {
                self.ko_predicates.insert(lemma.to_owned(), predicate_type);
                continue;
            }
            let lemma = lemma.to_lowercase();
            let mut forms = vec![(lemma.clone(), FormKind::Base)];
            for form in row
                .get(3)
                .split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
            {
                let form = form.to_lowercase();
                let kind = if form.ends_with("ing") || form.contains("ing ") {
                    FormKind::Ing
                } else if form.split(' ').next().is_some_and(|w| w.ends_with('s'))
                    && !form.ends_with("ed")
                {
                    FormKind::ThirdPerson
                } else {
                    FormKind::Past
                };
                forms.push((form, kind));
            }
            for (form, kind) in forms {
                let words = english_words(&form);
                let Some(first) = words.first().cloned() else {
                    continue;
                };
                self.en_forms.entry(first).or_default().push(EnForm {
                    words,
                    lemma: lemma.clone(),
                    kind,
                    predicate_type,
                });
            }
        }
        for forms in self.en_forms.values_mut() {
            // Phrasal verbs (set aside) before their first word alone.
            forms.sort_by_key(|form| std::cmp::Reverse(form.words.len()));
        }
        Ok(())
    }

    fn load_speech(&mut self) -> Result<()> {
        const NAME: &str = "commitment_speech.tsv";
        for row in parse_tsv(NAME, SPEECH, &["language", "verb", "kind"], 3)? {
            let kind = match row.get(2).trim() {
                "speech" => SpeechKind::Speech,
                "request" => SpeechKind::Request,
                other => return Err(bad(NAME, row.line, format!("unknown kind {other:?}"))),
            };
            let verb = row.get(1).trim().to_owned();
            if is_korean(NAME, row.line, row.get(0))? {
                self.ko_speech.insert(verb, kind);
            } else {
                self.en_speech.insert(verb.to_lowercase(), kind);
            }
        }
        Ok(())
    }

    fn load_markers(&mut self) -> Result<()> {
        const NAME: &str = "commitment_markers.tsv";
        for row in parse_tsv(NAME, MARKERS, &["language", "pattern", "kind", "status"], 3)? {
            let kind = match row.get(2).trim() {
                "decision" => MarkerKind::Decision,
                "agreed" => MarkerKind::Agreed,
                "promised" => MarkerKind::Promised,
                "intention" => MarkerKind::Intention,
                "volition" => MarkerKind::Volition,
                "modal" => MarkerKind::Modal,
                "reported_modal" => MarkerKind::ReportedModal,
                "progressive" => MarkerKind::Progressive,
                "possibility" => MarkerKind::Possibility,
                "present" => MarkerKind::Present,
                "past" => MarkerKind::Past,
                "experience" => MarkerKind::Experience,
                "conjunct" => MarkerKind::Conjunct,
                "negation" => MarkerKind::Negation,
                "blocked" => MarkerKind::Blocked,
                other => return Err(bad(NAME, row.line, format!("unknown kind {other:?}"))),
            };
            let pattern = row.get(1).trim();
            if pattern.is_empty() {
                return Err(bad(NAME, row.line, "empty pattern".to_owned()));
            }
            if is_korean(NAME, row.line, row.get(0))? {
                let words = pattern
                    .split(' ')
                    .map(|word| word.split('+').map(str::to_owned).collect())
                    .collect();
                self.ko_markers.push(KoMarker { words, kind });
            } else {
                let words = english_words(&pattern.to_lowercase());
                self.en_markers.push(EnMarker { words, kind });
            }
        }
        self.ko_markers
            .sort_by_key(|m| std::cmp::Reverse(m.words.iter().map(Vec::len).sum::<usize>()));
        self.en_markers
            .sort_by_key(|m| std::cmp::Reverse(m.words.len()));
        Ok(())
    }

    fn load_blockers(&mut self) -> Result<()> {
        const NAME: &str = "commitment_blockers.tsv";
        for row in parse_tsv(NAME, BLOCKERS, &["language", "text", "kind", "scope"], 4)? {
            let scope = match row.get(3).trim() {
                "after" => Scope::After,
                "before" => Scope::Before,
                "clause" => Scope::Clause,
                "sentence" => Scope::Sentence,
                other => return Err(bad(NAME, row.line, format!("unknown scope {other:?}"))),
            };
            let text = row.get(1).trim();
            if text.is_empty() {
                return Err(bad(NAME, row.line, "empty text".to_owned()));
            }
            if is_korean(NAME, row.line, row.get(0))? {
                self.ko_blockers.push(Blocker {
                    text: text.to_owned(),
                    scope,
                });
            } else {
                self.en_blockers.push(Blocker {
                    text: text.to_lowercase(),
                    scope,
                });
            }
        }
        Ok(())
    }

    fn load_references(&mut self) -> Result<()> {
        const NAME: &str = "commitment_references.tsv";
        let header = ["language", "phrase", "kind", "type", "count"];
        for row in parse_tsv(NAME, REFERENCES, &header, 5)? {
            let kind = match row.get(2).trim() {
                "collective" => ReferenceKind::Collective,
                "descriptor" => ReferenceKind::Descriptor,
                "pronoun" => ReferenceKind::Pronoun,
                "facility" => ReferenceKind::Facility,
                other => return Err(bad(NAME, row.line, format!("unknown kind {other:?}"))),
            };
            let entity_type = match row.get(3).trim() {
                "ORG" => Some(EntityType::Org),
                "PERSON" => Some(EntityType::Person),
                "LOCATION" => Some(EntityType::Location),
                "ANY" => None,
                other => return Err(bad(NAME, row.line, format!("unknown type {other:?}"))),
            };
            let count = row
                .get(4)
                .trim()
                .parse()
                .map_err(|e| bad(NAME, row.line, format!("bad count: {e}")))?;
            let reference = Reference {
                phrase: row.get(1).trim().to_owned(),
                kind,
                entity_type,
                count,
            };
            if is_korean(NAME, row.line, row.get(0))? {
                self.ko_references.push(reference);
            } else {
                self.en_references.push(Reference {
                    phrase: reference.phrase.to_lowercase(),
                    ..reference
                });
            }
        }
        // Longest phrases first, so that 두 회사 wins over 회사.
        self.ko_references
            .sort_by_key(|r| std::cmp::Reverse(r.phrase.chars().count()));
        self.en_references
            .sort_by_key(|r| std::cmp::Reverse(r.phrase.chars().count()));
        Ok(())
    }

    fn load_nouns(&mut self) -> Result<()> {
        const NAME: &str = "commitment_nouns.tsv";
        for row in parse_tsv(NAME, NOUNS, &["language", "noun", "class"], 3)? {
            let noun = row.get(1).trim().to_owned();
            let korean = is_korean(NAME, row.line, row.get(0))?;
            let list = match (korean, row.get(2).trim()) {
                (true, "agreement") => &mut self.ko_agreement_nouns,
                (true, "intent") => &mut self.ko_intent_nouns,
                (true, "proposal") => &mut self.ko_proposal_nouns,
                (true, "cut") => &mut self.ko_cut_nouns,
                (false, "agreement") => &mut self.en_agreement_nouns,
                (_, other) => {
                    return Err(bad(NAME, row.line, format!("unknown class {other:?}")));
                }
            };
            // The Korean agreement nouns are searched once a sentence and
            // shared out to its words, which only holds if none spans two.
            if korean && row.get(2).trim() == "agreement" && noun.contains(char::is_whitespace) {
                return Err(bad(
                    NAME,
                    row.line,
                    format!("{noun:?}: a Korean agreement noun may not contain a space"),
                ));
            }
            list.push(if korean { noun } else { noun.to_lowercase() });
        }
        // Longest first: 업무협약 before 협약.
        self.ko_agreement_nouns
            .sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        let alternation: Vec<String> = self
            .ko_agreement_nouns
            .iter()
            .map(|n| regex::escape(n))
            .collect();
        self.ko_agreement_pattern = regex::Regex::new(&alternation.join("|"))
            .map_err(|e| bad(NAME, 0, format!("agreement nouns: {e}")))?;
        Ok(())
    }

    /// The forms of English predicates that start at `words[at]`, longest first.
    pub fn en_predicate_at(&self, words: &[&str], at: usize) -> Option<&EnForm> {
        let first = words.get(at)?;
        self.en_forms.get(*first)?.iter().find(|form| {
            form.words
                .iter()
                .enumerate()
                .all(|(i, w)| words.get(at + i) == Some(&w.as_str()))
        })
    }
}

/// The words of an English phrase as the tokenizer splits them: on spaces,
/// and around hyphens (front-load → front - load).
fn english_words(phrase: &str) -> Vec<String> {
    let mut words = Vec::new();
    for word in phrase.split_whitespace() {
        let mut parts = word.split('-').peekable();
        while let Some(part) = parts.next() {
            if !part.is_empty() {
                words.push(part.to_owned());
            }
            if parts.peek().is_some() {
                words.push("-".to_owned());
            }
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load() {
        let lexicon = Lexicon::load().unwrap();
        assert_eq!(
            lexicon.ko_predicates.get("체결하다"),
            Some(&PredicateType::Agreement)
        );
        assert_eq!(
            lexicon.ko_predicates.get("검토하다"),
            Some(&PredicateType::Consideration)
        );
        assert_eq!(
            lexicon.ko_speech.get("당부하다"),
            Some(&SpeechKind::Request)
        );
        assert_eq!(lexicon.en_speech.get("said"), Some(&SpeechKind::Speech));
        let words = ["set", "aside", "money"];
        let form = lexicon.en_predicate_at(&words, 0).unwrap();
        assert_eq!(
            (form.lemma.as_str(), form.kind, form.predicate_type),
            ("set aside", FormKind::Base, PredicateType::Investment)
        );
        let signed = lexicon.en_predicate_at(&["signed"], 0).unwrap();
        assert_eq!(
            (signed.lemma.as_str(), signed.kind),
            ("sign", FormKind::Past)
        );
        let reviewing = lexicon.en_predicate_at(&["reviewing"], 0).unwrap();
        assert_eq!(reviewing.kind, FormKind::Ing);
        assert_eq!(lexicon.en_predicate_at(&["plans"], 0).map(|f| f.kind), None);
        // Longest Korean markers come first: 기로 합의 before 기로 하... by length.
        assert_eq!(
            lexicon.ko_markers[0]
                .words
                .iter()
                .map(Vec::len)
                .sum::<usize>(),
            3
        );
        assert_eq!(lexicon.ko_references[0].phrase.chars().count(), 5);
        assert_eq!(lexicon.ko_agreement_nouns[0], "양해각서");
    }
}
