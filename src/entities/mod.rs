//! Entities: gazetteer, dictionary classes and rules, merged per referent.
//!
//! The stage works in four passes over a tokenized document:
//! 1. candidates, sentence by sentence: gazetteer surfaces, dates, institution
//!    nouns (정부), person names next to titles, ko-dic's person and place
//!    classes, organisation and place endings, English capitalized names;
//! 2. overlap resolution: longest span first, then the strongest evidence;
//! 3. roles and affiliations: the title next to each person and the
//!    organisation between them (`최태원 SK 회장`, `Tesla Chief Executive Elon Musk`);
//! 4. merging: one entity per referent, with back-references added
//!    (`정 회장` → 정의선, `Musk` → Elon Musk, `알트만` → 샘 알트만).

pub mod dates;
pub mod gazetteer;
pub mod lexicons;
pub mod romanize;

use crate::charset::CharSet;
use crate::document::{Document, Sentence};
use crate::error::Result;
use crate::lexicon::parse_tsv;
use crate::output::{EntityType, NameSource};
use crate::text::Language;
use crate::tokenize::Token;
use dates::DateFinder;
use foldhash::{HashMap, HashSet};
use gazetteer::Gazetteer;
use lexicons::EntityLexicons;

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

/// Confidence by kind of evidence: gazetteer > dictionary class > rule.
const GAZETTEER: f64 = 0.95;
const DATE_RULE: f64 = 0.9;
const INSTITUTION: f64 = 0.85;
const DICTIONARY: f64 = 0.75;
const TITLED_NAME: f64 = 0.8;
const RULE: f64 = 0.6;

/// Surnames that alone before a title are nearly always a word instead: 전
/// (former: 전 대통령), 현 (current), 고 (the late: 고 이건희 회장).
const LONE_SURNAME_WORDS: [&str; 3] = ["전", "현", "고"];

/// What a candidate rests on.
#[derive(Debug, Clone, PartialEq)]
enum Evidence {
    Gazetteer(usize),
    Institution {
        name_ko: String,
        name_en: String,
    },
    Rule,
    /// A surname alone before a title (`문 의원은`): kept only when the
    /// article names nobody in full with that surname, else it is a back
    /// reference to that person. `신 회장` and `신 씨` are two people.
    Surname {
        title: String,
    },
}

/// A possible mention, before overlaps are resolved.
#[derive(Debug, Clone, PartialEq)]
struct Candidate {
    start: usize,
    end: usize,
    sentence: usize,
    entity_type: EntityType,
    evidence: Evidence,
    confidence: f64,
}

/// A role found next to a person mention.
#[derive(Debug, Clone, PartialEq)]
struct RoleFound {
    title: String,
    title_en: Option<String>,
    /// Span of the organisation mention between the name and the title.
    affiliation: Option<(usize, usize)>,
}

/// A run of tokens with no space between them (an eojeol), and its core: the
/// tokens before the particles and endings.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    core_end: usize,
    first_token: usize,
    core_tokens: usize,
    /// Whether the core is a title, asked once a word: several rules ask.
    title: TitleMatch,
}

/// How a word's core stands to the Korean titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitleMatch {
    /// No title, and ends with none.
    None,
    /// A title as listed (`회장`).
    Exact,
    /// Ends with one (`울산시장`).
    Ending,
}

const STOPWORDS: &str = include_str!("../../dictionaries/english_stopwords.tsv");
const LOCATION_PREFIXES: &str = include_str!("../../dictionaries/location_prefixes.tsv");

/// The entities stage: gazetteer, lexicons and grammars, built once.
#[derive(Debug)]
pub struct EntityStage {
    gazetteer: Gazetteer,
    lexicons: EntityLexicons,
    dates: DateFinder,
    english_stopwords: HashSet<String>,
    location_prefixes: HashSet<String>,
    romanized_surnames: HashSet<String>,
}

impl EntityStage {
    /// Loads the built-in gazetteer, the user gazetteer files and the lexicons.
    pub fn new(user_gazetteers: &[std::path::PathBuf]) -> Result<Self> {
        let english_stopwords = parse_tsv("english_stopwords.tsv", STOPWORDS, &["word"], 1)?
            .into_iter()
            .map(|row| row.get(0).trim().to_owned())
            .collect();
        let location_prefixes =
            parse_tsv("location_prefixes.tsv", LOCATION_PREFIXES, &["word"], 1)?
                .into_iter()
                .map(|row| row.get(0).trim().to_owned())
                .collect();
        let lexicons = EntityLexicons::builtin()?;
        let romanized_surnames = lexicons.surnames.values().cloned().collect();
        Ok(EntityStage {
            location_prefixes,
            romanized_surnames,
            gazetteer: Gazetteer::load(user_gazetteers)?,
            lexicons,
            dates: DateFinder::new()?,
            english_stopwords,
        })
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Adds the document's entities.
    pub fn apply(&self, document: &mut Document) {
        let mut candidates = Vec::new();
        for (index, sentence) in document.sentences.iter().enumerate() {
            let tokens = document.sentence_tokens(index);
            let mut context = SentenceContext::new(document, sentence, index, tokens);
            self.collect(&mut context, &mut candidates);
        }
        let mentions = resolve(candidates, &document.amounts);
        let entities = self.merge(document, mentions);
        document.entities = entities;
    }

    fn collect(&self, context: &mut SentenceContext<'_>, out: &mut Vec<Candidate>) {
        let korean = context.sentence.language != Language::En;
        let before = out.len();
        self.gazetteer_candidates(context, out);
        context.bodies = out[before..]
            .iter()
            .filter(|c| matches!(c.entity_type, EntityType::Org | EntityType::Location))
            .map(|c| (c.start, c.end))
            .collect();
        let context = &*context;
        let date_spans = if korean {
            self.dates.korean(context.text)
        } else {
            self.dates.english(context.text)
        };
        for (start, end) in date_spans {
            let (start, end) = (context.offset + start, context.offset + end);
            if context.aligned(start, end) {
                out.push(context.candidate(
                    start,
                    end,
                    EntityType::Date,
                    Evidence::Rule,
                    DATE_RULE,
                ));
            }
        }
        if korean {
            let mut words = context.words();
            for word in &mut words {
                let core = context.document.slice(word.start, word.core_end);
                // `korean_title` answers for a listed title too, so only a
                // word it answers for is asked whether it is one itself.
                word.title = match self.lexicons.korean_title(core) {
                    None => TitleMatch::None,
                    Some(_) if self.lexicons.is_korean_title(core) => TitleMatch::Exact,
                    Some(_) => TitleMatch::Ending,
                };
            }
            self.korean_rules(context, &words, out);
            self.korean_adjust(context, &words, out, before);
        } else {
            self.english_rules(context, out);
        }
    }

    /// Korean conventions applied to one sentence's candidates: no mention
    /// inside a title glued to a place (`울산시장`); a local government that
    /// acts is an organisation (`부산시는 …`); adjacent places are one place
    /// (`경기 평택시`, `충북 청주 오창`) unless the first is a country.
    fn korean_adjust(
        &self,
        context: &SentenceContext<'_>,
        words: &[Word],
        out: &mut Vec<Candidate>,
        from: usize,
    ) {
        let document = context.document;
        let glued: Vec<(usize, usize)> = words
            .iter()
            .filter(|w| w.title == TitleMatch::Ending)
            .map(|w| (w.start, w.core_end))
            .collect();
        let mut index = from;
        while index < out.len() {
            let c = &out[index];
            if glued
                .iter()
                .any(|&(s, e)| s <= c.start && c.end <= e && (c.start, c.end) != (s, e))
            {
                out.remove(index);
            } else {
                index += 1;
            }
        }
        for c in out[from..].iter_mut() {
            let surface = document.slice(c.start, c.end);
            let administrative =
                matches!(surface.chars().next_back(), Some('시' | '도' | '군' | '구'))
                    && surface.chars().count() >= 3;
            if c.entity_type != EntityType::Location || !administrative {
                continue;
            }
            let next = context.tokens.iter().find(|t| t.start >= c.end);
            let acting = next.is_some_and(|t| {
                (t.start == c.end
                    && matches!(
                        document.slice(t.start, t.end),
                        "은" | "는" | "이" | "가" | "와" | "과" | "도"
                    ))
                    || (t.start == c.end + 1 && document.slice(t.start, t.end) == "관계자")
            });
            if acting {
                c.entity_type = EntityType::Org;
            }
        }
        // Adjacent places.
        out[from..].sort_by_key(|c| c.start);
        let mut index = from;
        while index < out.len() {
            let c = &out[index];
            if c.entity_type == EntityType::Location {
                let word_before = words
                    .iter()
                    .find(|w| w.end + 1 == c.start && w.core_end == w.end);
                if let Some(w) = word_before {
                    if self
                        .location_prefixes
                        .contains(document.slice(w.start, w.end))
                    {
                        out[index].start = w.start;
                        continue;
                    }
                }
            }
            let merged = match out.get(index + 1) {
                Some(next)
                    if c.entity_type == EntityType::Location
                        && next.entity_type == EntityType::Location
                        && next.start == c.end + 1
                        && document.slice(c.end, next.start) == " "
                        && !self.is_country(c) =>
                {
                    Some(Candidate {
                        start: c.start,
                        ..next.clone()
                    })
                }
                _ => None,
            };
            match merged {
                Some(candidate) => {
                    out[index] = candidate;
                    out.remove(index + 1);
                }
                None => index += 1,
            }
        }
    }

    /// A gazetteer place with no place above it: a country or continent.
    fn is_country(&self, candidate: &Candidate) -> bool {
        match candidate.evidence {
            Evidence::Gazetteer(entry) => self.gazetteer.entry(entry).affiliation.is_none(),
            _ => false,
        }
    }

    fn gazetteer_candidates(&self, context: &SentenceContext<'_>, out: &mut Vec<Candidate>) {
        // A candidate starts where a token does (`aligned`), so the
        // gazetteer is only asked from there.
        let token_starts = context
            .tokens
            .iter()
            .filter_map(|t| t.start.checked_sub(context.offset));
        for hit in self.gazetteer.find_starting_at(context.text, token_starts) {
            let (start, end) = (context.offset + hit.start, context.offset + hit.end);
            if !context.aligned(start, end) {
                continue;
            }
            // A single verb, ending or adverb token is not a name (인도 "to hand over").
            if let Some(token) = context.single_token(start, end) {
                if matches!(token.pos.chars().next(), Some('V' | 'E' | 'J' | 'M' | 'X')) {
                    continue;
                }
            }
            let Some(&entry) = hit.entries.first() else {
                continue;
            };
            let entity_type = self.gazetteer.entry(entry).entity_type;
            out.push(context.candidate(
                start,
                end,
                entity_type,
                Evidence::Gazetteer(entry),
                GAZETTEER,
            ));
        }
    }

    fn korean_rules(
        &self,
        context: &SentenceContext<'_>,
        words: &[Word],
        out: &mut Vec<Candidate>,
    ) {
        self.korean_dateline(context, out);
        for (w, word) in words.iter().enumerate() {
            if let Some(title) = self.surname_before_title(context, words, w) {
                out.push(context.candidate(
                    word.start,
                    word.end,
                    EntityType::Person,
                    Evidence::Surname { title },
                    TITLED_NAME,
                ));
                continue;
            }
            if self.name_before_age(context, word) {
                out.push(context.candidate(
                    word.start,
                    word.end,
                    EntityType::Person,
                    Evidence::Rule,
                    TITLED_NAME,
                ));
                continue;
            }
            // A person: a name right before a title (or before the
            // organisation words before a title).
            if self.name_before_title(context, words, w).is_some() {
                if let Some((start, end)) = self.person_name(context, words, w) {
                    out.push(context.candidate(
                        start,
                        end,
                        EntityType::Person,
                        Evidence::Rule,
                        TITLED_NAME,
                    ));
                    continue;
                }
            }
            let core = context.document.slice(word.start, word.core_end);
            if core.is_empty() {
                continue;
            }
            // Institutions named by a common noun: 정부, 국회, 대통령실.
            if let Some(org) = self.lexicons.common_org("ko", core) {
                let (name_ko, name_en) = self.qualified_institution(context, words, w, org);
                out.push(context.candidate(
                    word.start,
                    word.core_end,
                    EntityType::Org,
                    Evidence::Institution { name_ko, name_en },
                    INSTITUTION,
                ));
                continue;
            }
            // ko-dic's classes on a one-token core.
            if word.core_tokens == 1 {
                let token = &context.tokens[word.first_token];
                let syllables = core.chars().count();
                match token.semantic.as_deref() {
                    // 김진호는, 허수경이: names ko-dic knows as people's.
                    Some("인명")
                        if token.pos_starts_with("NNP")
                            && (2..=4).contains(&syllables)
                            && core.chars().all(is_hangul_syllable)
                            && !context.bodies.contains(&(word.start, word.core_end))
                            && !self.lexicons.not_person_names.contains(core) =>
                    {
                        let (start, end) = self.foreign_name_extent(context, words, w);
                        out.push(context.candidate(
                            start,
                            end,
                            EntityType::Person,
                            Evidence::Rule,
                            DICTIONARY,
                        ));
                        continue;
                    }
                    Some("지명")
                        if token.pos_starts_with("NNP")
                            && syllables >= 2
                            && !self.lexicons.not_place_names.contains(core) =>
                    {
                        out.push(context.candidate(
                            word.start,
                            word.core_end,
                            EntityType::Location,
                            Evidence::Rule,
                            DICTIONARY,
                        ));
                        continue;
                    }
                    _ => {}
                }
            }
            // Organisations and places by their ending: 코렉스통신, 앨라배마주.
            if let Some(entity_type) = self.korean_suffix_type(context, word, core) {
                out.push(context.candidate(
                    word.start,
                    word.core_end,
                    entity_type,
                    Evidence::Rule,
                    RULE,
                ));
            }
        }
    }

    /// `[수원=코렉스통신] 박서연 기자 =`: the agency of a Korean dateline.
    fn korean_dateline(&self, context: &SentenceContext<'_>, out: &mut Vec<Candidate>) {
        let text = context.text;
        let Some(rest) = text.strip_prefix('[') else {
            return;
        };
        let Some(close) = rest.find(']') else {
            return;
        };
        let inside = &rest[..close];
        let Some(equals) = inside.find('=') else {
            return;
        };
        let after = &inside[equals + 1..];
        let agency = after.trim();
        if agency.is_empty() || agency.chars().count() > 12 {
            return;
        }
        let start = context.offset + 1 + equals + 1 + (after.len() - after.trim_start().len());
        let end = start + agency.len();
        if context.aligned(start, end) {
            out.push(context.candidate(start, end, EntityType::Org, Evidence::Rule, TITLED_NAME));
        }
    }

    /// 정부 after a foreign country is that country's government.
    fn qualified_institution(
        &self,
        context: &SentenceContext<'_>,
        words: &[Word],
        w: usize,
        org: &lexicons::CommonOrg,
    ) -> (String, String) {
        let default = (org.name_ko.clone(), org.name_en.clone());
        if org.name_ko != "대한민국 정부" || w == 0 {
            return default;
        }
        let previous = words[w - 1];
        if previous.core_end != previous.end {
            return default;
        }
        let place = context.document.slice(previous.start, previous.end);
        let hits = self.gazetteer.find_all(place);
        let Some(entry) = hits
            .iter()
            .filter(|h| h.start == 0 && h.end == place.len())
            .filter_map(|h| h.entries.first())
            .map(|&e| self.gazetteer.entry(e))
            .find(|e| e.entity_type == EntityType::Location)
        else {
            return default;
        };
        if entry.id == "loc:south-korea" {
            return default;
        }
        (
            format!("{} 정부", entry.name_ko),
            format!("Government of {}", entry.name_en),
        )
    }

    /// The English rendering of a Korean title, also for titles glued to a
    /// place or body (`울산시장` → 시장 → Mayor).
    fn title_of(&self, core: &str) -> Option<(String, String)> {
        let english = self.lexicons.korean_title(core)?;
        Some((core.to_owned(), english.to_owned()))
    }

    /// Whether word `w` is the name of a person: a title follows it, right
    /// after or after one or two organisation words (`최태원 SK 회장`).
    /// Returns the index of the title's word.
    fn name_before_title(
        &self,
        context: &SentenceContext<'_>,
        words: &[Word],
        w: usize,
    ) -> Option<usize> {
        let word = words.get(w)?;
        // The nearest title: the words between it and the name must all be
        // organisations, so a title further away is never reached. Most words
        // have none, and are done with before the dearer questions.
        let gap = (0..=2).find(|&gap| {
            words.get(w + gap + 1).is_some_and(|title_word| {
                title_word.title == TitleMatch::Exact
                    || (gap == 0 && title_word.title == TitleMatch::Ending)
            })
        })?;
        if context.has_particle(word) {
            return None; // a particle ends the name's word: `이재명은 …`
        }
        let between_are_bodies = (w + 1..=w + gap).all(|i| {
            let between = words[i];
            let core = context.document.slice(between.start, between.end);
            between.core_end == between.end
                && (context.is_body_word(between.start, between.end)
                    || self.korean_suffix_type(context, &between, core) == Some(EntityType::Org))
        });
        between_are_bodies.then_some(w + gap + 1)
    }

    /// The title after word `w` when `w` is a surname alone before it (`문
    /// 의원은`, `김 PD의`, `유 씨는`): one syllable, one noun token (not the
    /// determiners 이/그 nor 한/전 read as verb or pronoun), no particle.
    fn surname_before_title(
        &self,
        context: &SentenceContext<'_>,
        words: &[Word],
        w: usize,
    ) -> Option<String> {
        let word = words[w];
        let text = context.document.slice(word.start, word.end);
        let mut chars = text.chars();
        let one_syllable = chars.next().is_some_and(is_hangul_syllable) && chars.next().is_none();
        let noun = word.core_tokens == 1
            && word.core_end == word.end
            && context
                .tokens
                .get(word.first_token)
                .is_some_and(|t| t.pos_starts_with("NNP") || t.pos_starts_with("NNG"));
        if !(one_syllable
            && noun
            && self.lexicons.surname_of(text) == Some(text)
            && !LONE_SURNAME_WORDS.contains(&text))
        {
            return None;
        }
        let title_word = words.get(self.name_before_title(context, words, w)?)?;
        Some(
            context
                .document
                .slice(title_word.start, title_word.core_end)
                .to_owned(),
        )
    }

    /// The span of a name ko-dic knows (word `w`), with the word before or
    /// after it when the name is foreign and that word is a bare
    /// transliterated one (`대니얼 스코브론스키`, `드미트리 페스코프`): a
    /// two-word foreign name is one mention. A Korean name (surname and
    /// two syllables) stands alone (`삼성 라이온즈 이승엽`).
    fn foreign_name_extent(
        &self,
        context: &SentenceContext<'_>,
        words: &[Word],
        w: usize,
    ) -> (usize, usize) {
        let word = words[w];
        let core = context.document.slice(word.start, word.core_end);
        let korean_shape = core.chars().count() == 3 && self.lexicons.surname_of(core).is_some();
        if korean_shape {
            return (word.start, word.core_end);
        }
        let mut start = word.start;
        let mut end = word.core_end;
        if word.core_end == word.end {
            if let Some(next) = words.get(w + 1) {
                if next.start == word.end + 1
                    && self.transliterated_word(context, next, next.core_end)
                {
                    end = next.core_end;
                }
            }
        }
        if let Some(previous) = w.checked_sub(1).and_then(|p| words.get(p)) {
            if previous.end + 1 == word.start
                && previous.core_end == previous.end
                && self.transliterated_word(context, previous, previous.end)
            {
                start = previous.start;
            }
        }
        (start, end)
    }

    /// Whether a word up to `end` is a bare transliterated name part: Hangul
    /// proper nouns or unknown words, no place, no known body, no title.
    fn transliterated_word(&self, context: &SentenceContext<'_>, word: &Word, end: usize) -> bool {
        let text = context.document.slice(word.start, end);
        let mut tokens = context.tokens[word.first_token..]
            .iter()
            .take_while(|t| t.end <= end)
            .peekable();
        tokens.peek().is_some()
            && tokens.all(|t| {
                matches!(t.pos.as_ref(), "NNP" | "UNKNOWN") && t.semantic.as_deref() != Some("지명")
            })
            && text.chars().all(is_hangul_syllable)
            && !(text.chars().count() == 3 && self.lexicons.surname_of(text).is_some())
            && !context.bodies.contains(&(word.start, end))
            && !self.lexicons.not_person_names.contains(text)
            && self.lexicons.korean_title(text).is_none()
    }

    /// Whether a word is a Korean name right before an age in brackets
    /// (`김필배(76)`, `심형래(55)씨`, `박모(45·여)`), the way Korean news
    /// introduces private people.
    fn name_before_age(&self, context: &SentenceContext<'_>, word: &Word) -> bool {
        // The bracket first: it rules out nearly every word at once.
        if !is_age_in_brackets(context.document.text().get(word.end..).unwrap_or("")) {
            return false;
        }
        let text = context.document.slice(word.start, word.end);
        let syllables = text.chars().count();
        if !(2..=4).contains(&syllables)
            || !text.chars().all(is_hangul_syllable)
            || context.has_particle(word)
            || self.lexicons.surname_of(text).is_none()
        {
            return false;
        }
        // A common noun (주민, 이장) before an age is no name.
        let common_noun = context
            .tokens
            .get(word.first_token)
            .is_some_and(|t| t.end == word.end && t.pos_starts_with("NNG") && t.semantic.is_none());
        !common_noun
    }

    /// The name before a title: a Korean name, or a one- or two-word
    /// transliterated name (`샘 알트만`, `젠슨 황`).
    fn person_name(
        &self,
        context: &SentenceContext<'_>,
        words: &[Word],
        w: usize,
    ) -> Option<(usize, usize)> {
        let word = words[w];
        // The whole word: names the dictionary does not know are often
        // misanalysed (박하준 → 박하/VA 준/EC), but they carry no particle.
        let core = context.document.slice(word.start, word.end);
        if !core.chars().all(is_hangul_syllable)
            || context.has_particle(&word)
            || context.bodies.contains(&(word.start, word.end))
            || self.lexicons.not_person_names.contains(core)
        {
            return None;
        }
        let syllables = core.chars().count();
        let korean_shape = (2..=4).contains(&syllables) && self.lexicons.surname_of(core).is_some();
        // A lone common noun before a title is a description (기업 대표, 서명식), not a name.
        // The whole word is one token (the core may stop early: 빈대/NNG 인/VCP).
        let one_token = context
            .tokens
            .get(word.first_token)
            .is_some_and(|t| t.end == word.end);
        let common_word = one_token
            && context.tokens[word.first_token].pos_starts_with("NNG")
            && context.tokens[word.first_token].semantic.is_none()
            && !korean_shape;
        let single_nng = one_token && context.tokens[word.first_token].pos_starts_with("NNG");
        if korean_shape && syllables == 3 && !single_nng {
            return Some((word.start, word.end));
        }
        // A transliterated name: this word, with the word before it when that
        // is a bare Hangul word too (샘 알트만).
        // A transliterated name is made of proper nouns and unknown words
        // (세월호가족대책위 has common nouns in it, 스코브론스키 does not).
        let word_tokens = &context.tokens[word.first_token..];
        let word_tokens =
            &word_tokens[..word_tokens.iter().take_while(|t| t.end <= word.end).count()];
        let transliterated = !word_tokens.is_empty()
            && word_tokens.iter().all(|t| {
                t.semantic.as_deref() == Some("인명")
                    || matches!(t.pos.as_ref(), "UNKNOWN" | "NNP")
                    || (t.pos_starts_with("NNG") && t.end - t.start <= 3 && word_tokens.len() > 1)
            })
            && !word_tokens.iter().all(|t| t.pos_starts_with("NNG"));
        if !(transliterated || korean_shape) || common_word || (korean_shape && single_nng) {
            return None;
        }
        if w > 0 {
            let previous = words[w - 1];
            let text = context.document.slice(previous.start, previous.end);
            let previous_tokens =
                &context.tokens[previous.first_token..previous.first_token + previous.core_tokens];
            let name_like = previous_tokens.iter().all(|t| {
                let function_word = matches!(t.pos.chars().next(), Some('M' | 'J' | 'E'))
                    || t.pos_starts_with("NNB");
                let common_noun =
                    t.pos_starts_with("NNG") && t.semantic.is_none() && t.end - t.start > 3;
                !(function_word || common_noun)
            }) && self.lexicons.korean_title(text).is_none()
                && !context.is_body_word(previous.start, previous.end);
            // A one-syllable given name (샘, 필) is no common noun or determiner (전 위원장).
            let short_ok = text.chars().count() >= 2
                || previous_tokens
                    .iter()
                    .all(|t| !t.pos_starts_with("NNG") && !t.pos_starts_with("MM"));
            if previous.end + 1 == word.start
                && name_like
                && short_ok
                && !context.has_particle(&previous)
                && (1..=4).contains(&text.chars().count())
                && text.chars().all(is_hangul_syllable)
                && !korean_shape
            {
                return Some((previous.start, word.end));
            }
        }
        (syllables >= 2).then_some((word.start, word.end))
    }

    fn korean_suffix_type(
        &self,
        context: &SentenceContext<'_>,
        word: &Word,
        core: &str,
    ) -> Option<EntityType> {
        if word.core_tokens < 2 {
            return None;
        }
        let (suffix, entity_type) = self.lexicons.korean_suffix(core)?;
        let stem_end = word.start + core.len() - suffix.len();
        // The stem must be a name: a proper noun, Latin letters or an unknown
        // word, never only common nouns (대기업, 정부투자).
        let mut stem_tokens = context.tokens[word.first_token..word.first_token + word.core_tokens]
            .iter()
            .filter(|t| t.end <= stem_end);
        // `any` is true only on some token: the stem is never empty then.
        let named = stem_tokens.any(|t| {
            matches!(&*t.pos, "NNP" | "SL" | "UNKNOWN")
                && (*entity_type == EntityType::Org || t.semantic.as_deref() != Some("인명"))
        });
        let stem_chars = context.document.slice(word.start, stem_end).chars().count();
        (named && stem_chars >= 2).then_some(*entity_type)
    }

    fn english_rules(&self, context: &SentenceContext<'_>, out: &mut Vec<Candidate>) {
        let words = english_words(context);
        // Capitalized runs: names, with hyphenated parts joined (Lee Jae-myung)
        // and `of`/`and` inside (Ministry of Science and ICT).
        let mut i = 0;
        while i < words.len() {
            if !is_capitalized(words[i].text) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < words.len() && !words[j - 1].possessive {
                let word = &words[j];
                let adjacent = word.start <= words[j - 1].end + 1;
                let connector = matches!(word.text, "of" | "&" | "for")
                    && words.get(j + 1).is_some_and(|n| is_capitalized(n.text));
                if adjacent && (is_capitalized(word.text) || connector) {
                    j += 1;
                } else {
                    break;
                }
            }
            self.english_run(context, &words[i..j], i == 0, out);
            i = j;
        }
        // A dateline: `SEOUL, Nov. 12 (Korex Wire) --`.
        if let (Some(first), Some(second)) = (words.first(), words.get(1)) {
            let caps = first.text.len() >= 3 && first.text.chars().all(|c| c.is_ascii_uppercase());
            if caps && (second.text == "," || words.get(2).is_some_and(|w| w.text == ",")) {
                let end = if second.text == "," {
                    first.end
                } else {
                    second.end
                };
                // `SEOUL` is the gazetteer's `Seoul` written in capitals.
                let written = context.document.slice(first.start, end);
                let title_cased: String = written
                    .split(' ')
                    .map(|w| title_case(&w.to_lowercase()))
                    .collect::<Vec<_>>()
                    .join(" ");
                let entry = self
                    .gazetteer
                    .find_all(&title_cased)
                    .into_iter()
                    .find(|hit| hit.start == 0 && hit.end == title_cased.len())
                    .and_then(|hit| hit.entries.first().copied());
                let (evidence, confidence) = match entry {
                    Some(entry) => (Evidence::Gazetteer(entry), GAZETTEER),
                    None => (Evidence::Rule, DICTIONARY),
                };
                out.push(context.candidate(
                    first.start,
                    end,
                    EntityType::Location,
                    evidence,
                    confidence,
                ));
            }
        }
        // `the government`: an institution noun.
        for (k, word) in words.iter().enumerate() {
            let determined =
                k > 0 && (words[k - 1].text == "the" || is_capitalized(words[k - 1].text));
            if word.text != "government" || !determined {
                continue;
            }
            if let Some(org) = self.lexicons.common_org("en", "government") {
                let name = if k > 0 && is_capitalized(words[k - 1].text) {
                    format!("{} government", words[k - 1].text)
                } else {
                    org.name_en.clone()
                };
                out.push(context.candidate(
                    word.start,
                    word.end,
                    EntityType::Org,
                    Evidence::Institution {
                        name_ko: org.name_ko.clone(),
                        name_en: name,
                    },
                    INSTITUTION - 0.2,
                ));
            }
        }
    }

    /// One capitalized run: a title inside it makes the name after it a
    /// person and the words before it the person's organisation; a known
    /// ending makes it an organisation or place; a Korean-style name
    /// (`Kim Tae-hyun`) is a person; other names are organisations.
    fn english_run(
        &self,
        context: &SentenceContext<'_>,
        run: &[EnglishWord<'_>],
        at_sentence_start: bool,
        out: &mut Vec<Candidate>,
    ) {
        let mut run = run;
        while let Some(first) = run.first() {
            let stop = self.english_stopwords.contains(first.text)
                && (at_sentence_start || run.len() == 1 || first.text == "The");
            if stop || !is_capitalized(first.text) {
                run = &run[1..];
            } else {
                break;
            }
        }
        while run.last().is_some_and(|w| !is_capitalized(w.text)) {
            run = &run[..run.len() - 1];
        }
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            return;
        };
        // The last title inside the run: `Prime Minister and Finance Minister Koo Yun-cheol`.
        for k in (0..run.len()).rev() {
            for size in (1..=self.lexicons.max_title_words).rev() {
                if k + size >= run.len() {
                    continue;
                }
                let title = context.document.slice(run[k].start, run[k + size - 1].end);
                if !self.lexicons.titles_en.contains_key(title) {
                    continue;
                }
                let name = &run[k + size..];
                let name_len = name
                    .iter()
                    .take(3)
                    .take_while(|w| is_capitalized(w.text))
                    .count();
                let name = &name[..name_len];
                if let (Some(name_first), Some(name_last)) = (name.first(), name.last()) {
                    if is_capitalized(name_first.text) && !matches!(name_first.text, "of" | "and") {
                        out.push(context.candidate(
                            name_first.start,
                            name_last.end,
                            EntityType::Person,
                            Evidence::Rule,
                            TITLED_NAME,
                        ));
                    }
                }
                let before_title = run[..k]
                    .iter()
                    .rposition(|w| !matches!(w.text, "and" | "of" | "&"))
                    .map_or(0, |p| p + 1);
                if before_title > 0 {
                    self.english_run(context, &run[..before_title], false, out);
                }
                return;
            }
        }
        let words: Vec<&str> = run.iter().map(|w| w.text).collect();
        let span = (first.start, last.end);
        // A title alone names no one (`Deputy Prime Minister and Finance
        // Minister Koo Yun-cheol`: the first title is left over).
        if self
            .lexicons
            .titles_en
            .contains_key(context.document.slice(span.0, span.1))
        {
            return;
        }
        // `Kim Tae-hyun`: a Korean surname and a hyphenated given name.
        let korean_name = words.len() == 2
            && self.romanized_surnames.contains(words[0])
            && words[1].contains('-');
        if korean_name {
            out.push(context.candidate(
                span.0,
                span.1,
                EntityType::Person,
                Evidence::Rule,
                TITLED_NAME,
            ));
            return;
        }
        if let Some(&entity_type) = self.lexicons.suffixes_en.get(last.text) {
            if words.len() >= 2 {
                out.push(context.candidate(span.0, span.1, entity_type, Evidence::Rule, RULE));
                return;
            }
        }
        // Another name of two or three words: a person when its last word
        // stands alone elsewhere in the article (`Habben Jansen` … `Jansen`),
        // else most often an organisation. Nationality words (South Korean,
        // European) and single unknown words are left alone.
        let holds_known_name = context
            .bodies
            .iter()
            .any(|&(s, e)| span.0 <= s && e <= span.1);
        if !(2..=3).contains(&words.len())
            || words.iter().any(|w| is_nationality(w))
            || holds_known_name
        {
            return;
        }
        let text = context.document.text();
        let alone_elsewhere = text
            .match_indices(last.text)
            .filter(|&(at, _)| at != last.start)
            .any(|(at, _)| {
                let before = text[..at].chars().next_back();
                let after = text[at + last.text.len()..].chars().next();
                before.is_none_or(|c| !c.is_alphanumeric())
                    && after.is_none_or(|c| !c.is_alphanumeric())
                    && !text[..at].trim_end().ends_with(words[words.len() - 2])
            });
        let entity_type = if alone_elsewhere {
            EntityType::Person
        } else {
            EntityType::Org
        };
        out.push(context.candidate(span.0, span.1, entity_type, Evidence::Rule, RULE - 0.15));
    }

    /// Groups resolved mentions into entities, adds back-references, roles,
    /// affiliations and names.
    fn merge(&self, document: &Document, mentions: Vec<Candidate>) -> Vec<FoundEntity> {
        let korean_article = document.language != Language::En;
        // A lone surname goes to the person named in full with it, as a back
        // reference (add_back_references), when the article has one.
        let full_name_surnames: HashSet<&str> = mentions
            .iter()
            .filter(|m| {
                m.entity_type == EntityType::Person
                    && !matches!(m.evidence, Evidence::Surname { .. })
            })
            .filter_map(|m| {
                let name = document.slice(m.start, m.end);
                let korean = name.chars().all(is_hangul_syllable);
                korean.then(|| self.lexicons.surname_of(name)).flatten()
            })
            .collect();
        // Likewise a rule's one-word name that is the last word of a longer
        // one (알트만 after 샘 알트만).
        let full_name_last_words: HashSet<&str> = mentions
            .iter()
            .filter(|m| m.entity_type == EntityType::Person)
            .filter_map(|m| {
                let name = document.slice(m.start, m.end);
                name.contains(' ')
                    .then(|| name.rsplit(' ').next())
                    .flatten()
            })
            .collect();
        let mentions: Vec<Candidate> = mentions
            .into_iter()
            .filter(|m| {
                let surface = document.slice(m.start, m.end);
                match m.evidence {
                    Evidence::Surname { .. } => !full_name_surnames.contains(surface),
                    Evidence::Rule if m.entity_type == EntityType::Person => {
                        !full_name_last_words.contains(surface)
                    }
                    _ => true,
                }
            })
            .collect();
        let mut roles: HashMap<usize, RoleFound> = HashMap::default();
        for (index, mention) in mentions.iter().enumerate() {
            if mention.entity_type == EntityType::Person {
                if let Some(role) = self.role_of(document, mention, &mentions) {
                    roles.insert(index, role);
                }
            }
        }
        // Group by key.
        let mut groups: Vec<(Key<'_>, Vec<usize>)> = Vec::new();
        let mut key_index: HashMap<Key<'_>, usize> = HashMap::default();
        for (index, mention) in mentions.iter().enumerate() {
            let key = self.key(document, mention);
            let group = *key_index.entry(key).or_insert_with(|| {
                groups.push((key, Vec::new()));
                groups.len() - 1
            });
            groups[group].1.push(index);
        }
        let mut entities: Vec<FoundEntity> = groups
            .iter()
            .map(|(key, members)| {
                self.entity(document, key, members, &mentions, &roles, korean_article)
            })
            .collect();
        let mut taken = Spans::default();
        for mention in &mentions {
            taken.insert(mention.start, mention.end);
        }
        add_repeated_names(document, &groups, &mut entities, &mut taken);
        self.add_back_references(document, &mut entities, &mut taken);
        // Affiliations: the organisation between a name and its title, else
        // the gazetteer's when that organisation is in the article.
        let span_owner: HashMap<(usize, usize), usize> = entities
            .iter()
            .enumerate()
            .flat_map(|(e, entity)| entity.mentions.iter().map(move |m| ((m.start, m.end), e)))
            .collect();
        let gazetteer_owner: HashMap<usize, usize> = groups
            .iter()
            .enumerate()
            .filter_map(|(e, (key, _))| match key {
                Key::Gazetteer(entry, _) => Some((*entry, e)),
                _ => None,
            })
            .collect();
        for (e, (key, members)) in groups.iter().enumerate() {
            let from_text = members
                .iter()
                .filter_map(|m| roles.get(m))
                .find_map(|role| role.affiliation)
                .and_then(|span| span_owner.get(&span).copied());
            let from_gazetteer = match key {
                Key::Gazetteer(entry, _) => self
                    .gazetteer
                    .entry(*entry)
                    .affiliation
                    .and_then(|a| gazetteer_owner.get(&a).copied()),
                _ => None,
            };
            entities[e].affiliation = from_text.or(from_gazetteer).filter(|&a| a != e);
        }
        sort_entities(entities)
    }

    fn key<'a>(&self, document: &'a Document, mention: &'a Candidate) -> Key<'a> {
        match &mention.evidence {
            Evidence::Gazetteer(entry) => Key::Gazetteer(*entry, mention.entity_type),
            Evidence::Institution { name_ko, .. } => Key::Named(EntityType::Org, name_ko),
            Evidence::Rule => Key::Named(
                mention.entity_type,
                document.slice(mention.start, mention.end),
            ),
            Evidence::Surname { title } => {
                Key::Surname(document.slice(mention.start, mention.end), title)
            }
        }
    }

    fn entity(
        &self,
        document: &Document,
        key: &Key,
        members: &[usize],
        mentions: &[Candidate],
        roles: &HashMap<usize, RoleFound>,
        korean_article: bool,
    ) -> FoundEntity {
        let first = &mentions[members[0]];
        let surface = document.slice(first.start, first.end).to_owned();
        let role = members.iter().find_map(|m| roles.get(m));
        let (name_ko, name_en, source) = match (key, &first.evidence) {
            (Key::Gazetteer(entry, _), _) => {
                let entry = self.gazetteer.entry(*entry);
                (
                    non_empty(&entry.name_ko),
                    non_empty(&entry.name_en),
                    Some(NameSource::Gazetteer),
                )
            }
            (_, Evidence::Institution { name_ko, name_en }) => (
                Some(name_ko.clone()),
                Some(name_en.clone()),
                Some(NameSource::Gazetteer),
            ),
            _ if first.entity_type == EntityType::Date => (
                Some(surface.clone()),
                Some(surface.clone()),
                Some(NameSource::Text),
            ),
            _ if surface.chars().any(crate::text::language::is_hangul) => {
                let romanized = match first.entity_type {
                    EntityType::Person => romanize::romanize_person(&surface, &self.lexicons)
                        .or_else(|| Some(title_case(&romanize::romanize(&surface)))),
                    EntityType::Location => Some(romanize::romanize_place(&surface)),
                    _ => None,
                };
                let source = romanized.as_ref().map(|_| NameSource::Romanized);
                (Some(surface.clone()), romanized, source)
            }
            _ => (None, Some(surface.clone()), Some(NameSource::Text)),
        };
        let name = if korean_article {
            name_ko.clone().or_else(|| name_en.clone())
        } else {
            name_en.clone().or_else(|| name_ko.clone())
        }
        .unwrap_or_else(|| surface.clone());
        let confidence = members
            .iter()
            .map(|&m| mentions[m].confidence)
            .fold(0.0, f64::max);
        FoundEntity {
            entity_type: first.entity_type,
            name,
            name_ko,
            name_en,
            name_en_source: source,
            role: role.map(|r| r.title.clone()),
            role_en: role.and_then(|r| r.title_en.clone()),
            affiliation: None,
            mentions: members
                .iter()
                .map(|&m| FoundMention {
                    start: mentions[m].start,
                    end: mentions[m].end,
                    sentence: mentions[m].sentence,
                })
                .collect(),
            confidence,
        }
    }

    /// The title next to a person mention and the organisation between them.
    fn role_of(
        &self,
        document: &Document,
        person: &Candidate,
        mentions: &[Candidate],
    ) -> Option<RoleFound> {
        let sentence = document.sentences.get(person.sentence)?;
        let text = document.text();
        if sentence.language == Language::En {
            // Title before the name: `Tesla Chief Executive Elon Musk`.
            let before = text.get(sentence.start..person.start)?.trim_end();
            let mut best: Option<(&String, &String)> = None;
            for (title, english) in &self.lexicons.titles_en {
                if before.ends_with(title.as_str())
                    && before[..before.len() - title.len()]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric())
                    && best.is_none_or(|(b, _)| title.len() > b.len())
                {
                    best = Some((title, english));
                }
            }
            let (title, english) = best?;
            let title_start = sentence.start + before.len() - title.len();
            let affiliation = mentions
                .iter()
                .filter(|m| m.entity_type == EntityType::Org && m.sentence == person.sentence)
                .find(|m| {
                    m.end < title_start
                        && text
                            .get(m.end..title_start)
                            .is_some_and(|gap| gap.trim().is_empty() || gap == "'s ")
                })
                .map(|m| (m.start, m.end));
            return Some(RoleFound {
                title: title.clone(),
                title_en: Some(english.clone()),
                affiliation,
            });
        }
        // Korean: the name, then up to two organisation or place words, then the title.
        let rest = text.get(person.end..sentence.end)?;
        let mut offset = person.end;
        let mut affiliation = None;
        let mut words = rest.split(' ');
        // The name's own word ends at the first space (particles may follow it).
        let own = words.next()?;
        if !own.is_empty() {
            return None; // `이재명은 …`: no title right after
        }
        offset += 1;
        for _ in 0..3 {
            let word = words.next()?;
            let word_end = offset + word.len();
            let core = strip_particles(word);
            if let Some((title, english)) = self.title_of(core) {
                return Some(RoleFound {
                    title: if self.lexicons.is_korean_title(core) {
                        title
                    } else {
                        core.to_owned()
                    },
                    title_en: Some(english),
                    affiliation,
                });
            }
            let org = mentions.iter().find(|m| {
                m.start == offset
                    && m.end <= word_end
                    && matches!(m.entity_type, EntityType::Org | EntityType::Location)
            });
            match org {
                Some(m) if m.entity_type == EntityType::Org => affiliation = Some((m.start, m.end)),
                Some(_) => {}
                None => return None,
            }
            offset = word_end + 1;
        }
        None
    }

    /// Adds `정 회장`, `Musk` and `알트만` as mentions of the person introduced earlier.
    fn add_back_references(
        &self,
        document: &Document,
        entities: &mut [FoundEntity],
        taken: &mut Spans,
    ) {
        let people: Vec<NamedPerson<'_>> = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.entity_type == EntityType::Person)
            .filter_map(|(i, e)| {
                let first = e.mentions.first()?;
                let name = document.slice(first.start, first.end);
                Some(NamedPerson::new(i, first.start, name, &self.lexicons))
            })
            .collect();
        if people.is_empty() {
            return;
        }
        // The words a back-reference can be: a token written otherwise
        // matches no person, and is passed over without asking each.
        let referring: HashSet<&str> = people
            .iter()
            .flat_map(NamedPerson::reference_words)
            .collect();
        // Their last characters, asked first: cheaper than hashing each token.
        let referring_ends: CharSet = referring
            .iter()
            .filter_map(|w| w.chars().next_back())
            .collect();
        for (index, sentence) in document.sentences.iter().enumerate() {
            let tokens = document.sentence_tokens(index);
            for token in tokens {
                let surface = document.slice(token.start, token.end);
                let may_refer = surface
                    .chars()
                    .next_back()
                    .is_none_or(|c| referring_ends.contains(c));
                if !may_refer || !referring.contains(surface) {
                    continue;
                }
                let word_start = document.text()[..token.start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| c.is_whitespace() || matches!(c, '“' | '"' | '(' | '‘' | '\''));
                if !word_start || is_functional(token) {
                    continue;
                }
                // Surname + title (`정 회장`): the title after the token, once.
                let title_after = std::cell::OnceCell::new();
                let title_follows = || {
                    *title_after.get_or_init(|| {
                        let spaced = document
                            .text()
                            .get(token.end..)
                            .is_some_and(|rest| rest.starts_with(' '));
                        let word_is_title = || {
                            document.text().get(token.end + 1..).is_some_and(|rest| {
                                self.lexicons
                                    .korean_title(strip_particles(
                                        rest.split_whitespace().next().unwrap_or(""),
                                    ))
                                    .is_some()
                            })
                        };
                        // 씨는, 씨가: a one-syllable title keeps its particle
                        // in strip_particles, its token does not.
                        let token_is_title = || {
                            tokens.iter().any(|t| {
                                t.start == token.end + 1
                                    && self
                                        .lexicons
                                        .is_korean_title(document.slice(t.start, t.end))
                            })
                        };
                        spaced
                            && !LONE_SURNAME_WORDS.contains(&surface)
                            && (word_is_title() || token_is_title())
                    })
                };
                let mut best: Option<(usize, usize, usize)> = None;
                for person in &people {
                    let introduced = person.introduced;
                    if introduced == token.start {
                        continue;
                    }
                    let matched = person.is_referred_to_by(
                        surface,
                        sentence.language == Language::En,
                        &self.romanized_surnames,
                        title_follows,
                    );
                    // The person introduced last before this point; a headline
                    // may name someone the body introduces later.
                    let better = |at: usize| {
                        let before = introduced < token.start;
                        let best_before = at < token.start;
                        (before && !best_before)
                            || (before == best_before
                                && (if before {
                                    introduced > at
                                } else {
                                    introduced < at
                                }))
                    };
                    if matched && best.is_none_or(|(_, at, _)| better(at)) {
                        best = Some((person.entity, introduced, index));
                    }
                }
                // Whether the token is free is asked last: it is the dearest
                // question, and `taken` does not change before it is asked.
                let best = best.filter(|_| !taken.overlaps(token.start, token.end));
                if let Some((entity, _, sentence_index)) = best {
                    entities[entity].mentions.push(FoundMention {
                        start: token.start,
                        end: token.end,
                        sentence: sentence_index,
                    });
                    taken.insert(token.start, token.end);
                }
            }
        }
        // Names found by a rule once (with their title) are names everywhere.
        for entity in entities.iter_mut() {
            entity.mentions.sort_by_key(|m| m.start);
        }
    }
}

/// What a person's name offers for a later short reference, worked out once
/// per person rather than once per token.
struct NamedPerson<'n> {
    entity: usize,
    introduced: usize,
    has_space: bool,
    first_word: &'n str,
    last_word: &'n str,
    /// The surname of a one-word Korean name (`정` of `정의선`).
    surname: Option<&'n str>,
}

impl<'n> NamedPerson<'n> {
    /// Person entity `entity`, introduced at byte `introduced` as `name`.
    fn new(entity: usize, introduced: usize, name: &'n str, lexicons: &EntityLexicons) -> Self {
        let korean = name.chars().all(|c| is_hangul_syllable(c) || c == ' ');
        let has_space = name.contains(' ');
        NamedPerson {
            entity,
            introduced,
            has_space,
            first_word: name.split(' ').next().unwrap_or(""),
            last_word: name.rsplit(' ').next().unwrap_or(""),
            surname: if korean && !has_space {
                lexicons.surname_of(name)
            } else {
                None
            },
        }
    }

    /// Every surface [`NamedPerson::is_referred_to_by`] may accept.
    fn reference_words(&self) -> impl Iterator<Item = &'n str> {
        [self.first_word, self.last_word]
            .into_iter()
            .chain(self.surname)
    }

    /// Whether a token written `surface` refers back to this person.
    fn is_referred_to_by(
        &self,
        surface: &str,
        english: bool,
        romanized_surnames: &HashSet<String>,
        title_follows: impl FnOnce() -> bool,
    ) -> bool {
        if english {
            // Last name alone (`Musk`), or a Korean surname (`Lee`).
            self.has_space
                && is_capitalized(surface)
                && (self.last_word == surface
                    || (self.first_word == surface && romanized_surnames.contains(surface)))
        } else if let Some(surname) = self.surname {
            // Surname + title: `정 회장`.
            surname == surface && title_follows()
        } else {
            // Last part of a transliterated name: `알트만`.
            self.has_space && self.last_word == surface && surface.chars().count() >= 2
        }
    }
}

/// A name a rule found once is a name wherever else it is written (`Habben
/// Jansen said`, `무바달라는`), on token boundaries.
fn add_repeated_names(
    document: &Document,
    groups: &[(Key<'_>, Vec<usize>)],
    entities: &mut [FoundEntity],
    taken: &mut Spans,
) {
    let tokens = &document.tokens;
    let text = document.text();
    for (e, (key, _)) in groups.iter().enumerate() {
        let Key::Named(entity_type, surface) = key else {
            continue;
        };
        if matches!(entity_type, EntityType::Date) || surface.chars().count() < 2 {
            continue;
        }
        for (start, matched) in text.match_indices(surface) {
            let end = start + matched.len();
            let possessive = text[end..].starts_with("'s") || text[end..].starts_with("’s");
            if !token_starts_at(tokens, start) || !(token_ends_at(tokens, end) || possessive) {
                continue;
            }
            if taken.overlaps(start, end) {
                continue;
            }
            let sentence = document.sentences.partition_point(|s| s.end <= start);
            if sentence >= document.sentences.len() {
                continue;
            }
            entities[e].mentions.push(FoundMention {
                start,
                end,
                sentence,
            });
            taken.insert(start, end);
        }
    }
}

/// Whether a token of `tokens` (in text order, as the tokenizer gives them)
/// starts at byte `position`.
fn token_starts_at(tokens: &[Token], position: usize) -> bool {
    tokens.binary_search_by_key(&position, |t| t.start).is_ok()
}

/// Whether a token of `tokens` (in text order) ends at byte `position`.
fn token_ends_at(tokens: &[Token], position: usize) -> bool {
    tokens.binary_search_by_key(&position, |t| t.end).is_ok()
}

/// How mentions are grouped into one entity (the name borrowed from the
/// text or the candidate: no String a mention).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    Gazetteer(usize, EntityType),
    Named(EntityType, &'a str),
    /// A person known by surname and title only (`신 회장`).
    Surname(&'a str, &'a str),
}

/// Entities in order of first mention, with affiliations renumbered.
fn sort_entities(entities: Vec<FoundEntity>) -> Vec<FoundEntity> {
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by_key(|&e| entities[e].mentions.first().map_or(usize::MAX, |m| m.start));
    let mut new_index = vec![0; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<FoundEntity>> = entities.into_iter().map(Some).collect();
    let mut sorted: Vec<FoundEntity> = order.iter().filter_map(|&e| slots[e].take()).collect();
    for entity in &mut sorted {
        entity.affiliation = entity.affiliation.map(|a| new_index[a]);
    }
    sorted
}

/// Disjoint byte spans with an overlap test in O(log n): mentions are
/// checked against everything taken so far, and an article may hold
/// hundreds of thousands of tokens.
#[derive(Debug, Default)]
struct Spans(std::collections::BTreeMap<usize, usize>);

impl Spans {
    /// Whether `start..end` overlaps a span: only the last span starting
    /// before `end` can, since the spans are disjoint.
    fn overlaps(&self, start: usize, end: usize) -> bool {
        self.0
            .range(..end)
            .next_back()
            .is_some_and(|(_, &e)| e > start)
    }

    /// Adds a span that overlaps none of the others.
    fn insert(&mut self, start: usize, end: usize) {
        self.0.insert(start, end);
    }
}

/// Chooses among overlapping candidates: longest first, then strongest.
/// Entities never overlap amounts (`3조 원` is an amount, not a date).
fn resolve(
    mut candidates: Vec<Candidate>,
    amounts: &[crate::amounts::FoundAmount],
) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.start.cmp(&b.start))
    });
    let mut chosen: Vec<Candidate> = Vec::new();
    let mut chosen_spans = Spans::default();
    for candidate in candidates {
        let overlaps = |s: usize, e: usize| candidate.start < e && s < candidate.end;
        if chosen_spans.overlaps(candidate.start, candidate.end) {
            continue;
        }
        if amounts.iter().any(|a| overlaps(a.start, a.end)) {
            continue;
        }
        chosen_spans.insert(candidate.start, candidate.end);
        chosen.push(candidate);
    }
    chosen.sort_by_key(|c| (c.start, c.end));
    chosen
}

/// An English word for the name rules: hyphenated parts joined (`Jae-myung`),
/// an abbreviation's period kept (`Gov.`, `Corp.`), a possessive cut off.
#[derive(Debug, Clone, Copy)]
struct EnglishWord<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    possessive: bool,
}

fn english_words<'a>(context: &SentenceContext<'a>) -> Vec<EnglishWord<'a>> {
    let document = context.document;
    let tokens = context.tokens;
    let mut words: Vec<EnglishWord<'a>> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        let mut end = token.end;
        let mut j = i + 1;
        // Join `Jae` `-` `myung`.
        while j + 1 < tokens.len()
            && document.slice(tokens[j].start, tokens[j].end) == "-"
            && tokens[j].start == end
            && tokens[j + 1].start == tokens[j].end
            && document
                .slice(tokens[j + 1].start, tokens[j + 1].end)
                .chars()
                .all(char::is_alphanumeric)
        {
            end = tokens[j + 1].end;
            j += 2;
        }
        // Keep the period of `Gov.`, `Corp.`, `Inc.` (a short capitalized word).
        let word = document.slice(token.start, end);
        if j < tokens.len()
            && tokens[j].start == end
            && document.slice(tokens[j].start, tokens[j].end) == "."
            && word.len() <= 4
            && is_capitalized(word)
            && word.chars().all(char::is_alphabetic)
            && j + 1 < tokens.len()
        {
            end = tokens[j].end;
            j += 1;
        }
        let mut text = document.slice(token.start, end);
        let mut possessive = false;
        for suffix in ["'s", "’s"] {
            if let Some(stem) = text.strip_suffix(suffix) {
                if !stem.is_empty() {
                    text = stem;
                    end = token.start + stem.len();
                    possessive = true;
                }
            }
        }
        words.push(EnglishWord {
            start: token.start,
            end,
            text,
            possessive,
        });
        i = j;
    }
    words
}

/// Everything the rules need about one sentence.
struct SentenceContext<'a> {
    document: &'a Document,
    sentence: &'a Sentence,
    index: usize,
    tokens: &'a [Token],
    text: &'a str,
    offset: usize,
    /// Spans of organisations and places the gazetteer found.
    bodies: HashSet<(usize, usize)>,
}

impl<'a> SentenceContext<'a> {
    fn new(
        document: &'a Document,
        sentence: &'a Sentence,
        index: usize,
        tokens: &'a [Token],
    ) -> Self {
        SentenceContext {
            document,
            sentence,
            index,
            tokens,
            text: document.slice(sentence.start, sentence.end),
            offset: sentence.start,
            bodies: HashSet::default(),
        }
    }

    fn candidate(
        &self,
        start: usize,
        end: usize,
        entity_type: EntityType,
        evidence: Evidence,
        confidence: f64,
    ) -> Candidate {
        Candidate {
            start,
            end,
            sentence: self.index,
            entity_type,
            evidence,
            confidence,
        }
    }

    /// Whether a span starts and ends on token boundaries (English: also
    /// inside a word token before a possessive `'s`).
    fn aligned(&self, start: usize, end: usize) -> bool {
        if !token_starts_at(self.tokens, start) {
            return false;
        }
        if token_ends_at(self.tokens, end) {
            return true;
        }
        let rest = self.document.text().get(end..).unwrap_or("");
        self.sentence.language == Language::En && (rest.starts_with("'s") || rest.starts_with("’s"))
    }

    /// Whether a word carries a particle (은, 는, 와...).
    fn has_particle(&self, word: &Word) -> bool {
        self.tokens[word.first_token..]
            .iter()
            .take_while(|t| t.end <= word.end)
            .any(|t| t.pos.starts_with('J') || t.pos.contains("+J"))
    }

    /// Whether a word names an organisation or place: a gazetteer body, or
    /// made only of proper nouns and Latin letters (`SK`, `코렉스통신`).
    fn is_body_word(&self, start: usize, end: usize) -> bool {
        if self.bodies.contains(&(start, end)) {
            return true;
        }
        let mut inside = self.tokens_within(start, end).peekable();
        inside.peek().is_some()
            && inside
                .all(|t| matches!(&*t.pos, "NNP" | "SL") && t.semantic.as_deref() != Some("인명"))
    }

    /// The tokens inside `start..end`, found by binary search (the tokens are
    /// in text order) rather than a scan of the sentence.
    fn tokens_within(&self, start: usize, end: usize) -> impl Iterator<Item = &'a Token> {
        let first = self.tokens.partition_point(|t| t.start < start);
        self.tokens[first..]
            .iter()
            .take_while(move |t| t.start <= end)
            .filter(move |t| t.end <= end)
    }

    fn single_token(&self, start: usize, end: usize) -> Option<&Token> {
        self.tokens_within(start, end)
            .find(|t| t.start == start && t.end == end)
    }

    /// The space-separated words of the sentence and their cores.
    fn words(&self) -> Vec<Word> {
        // At most one word a token: one allocation a sentence.
        let mut words: Vec<Word> = Vec::with_capacity(self.tokens.len());
        let mut previous_punctuation = false;
        for (i, token) in self.tokens.iter().enumerate() {
            let punctuation = is_punctuation(token);
            let joins = !punctuation && !previous_punctuation;
            previous_punctuation = punctuation;
            match words.last_mut() {
                Some(word) if word.end == token.start && joins => word.end = token.end,
                _ => words.push(Word {
                    start: token.start,
                    end: token.end,
                    core_end: token.start,
                    first_token: i,
                    core_tokens: 0,
                    title: TitleMatch::None,
                }),
            }
        }
        for word in &mut words {
            let tokens = self.tokens[word.first_token..]
                .iter()
                .take_while(|t| t.end <= word.end);
            let mut core_tokens = 0;
            let mut core_end = word.start;
            for token in tokens {
                if is_functional(token) {
                    break;
                }
                core_tokens += 1;
                core_end = token.end;
            }
            word.core_end = core_end;
            word.core_tokens = core_tokens;
        }
        words
    }
}

/// Punctuation and symbols (not Latin letters, digits or Chinese characters).
fn is_punctuation(token: &Token) -> bool {
    token.pos.starts_with('S') && !matches!(&*token.pos, "SL" | "SN" | "SH")
}

/// Particles, endings, copulas and punctuation: what follows a name in its word.
fn is_functional(token: &Token) -> bool {
    // The first tag of a compound analysis (`VV+EP` → `VV`), as bytes: this
    // runs for every token.
    let pos = token.pos.as_bytes();
    let tag = pos
        .iter()
        .position(|&b| b == b'+')
        .map_or(pos, |plus| &pos[..plus]);
    matches!(tag.first(), Some(b'J' | b'E'))
        || matches!(
            tag,
            b"VCP"
                | b"VCN"
                | b"XSV"
                | b"XSA"
                | b"SF"
                | b"SC"
                | b"SSO"
                | b"SSC"
                | b"SE"
                | b"SY"
                | b"VV"
                | b"VA"
                | b"VX"
        )
}

/// Nationality and regional adjectives (Korean, European, Japanese, British).
fn is_nationality(word: &str) -> bool {
    ["ean", "ian", "ese", "ish", "can"]
        .iter()
        .any(|ending| word.ends_with(ending))
}

/// Whether `rest` starts with an age in brackets: `(76)`, `(45세)`, `(45·여)`.
fn is_age_in_brackets(rest: &str) -> bool {
    let Some(inner) = rest.strip_prefix('(') else {
        return false;
    };
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && inner
            .get(digits..)
            .is_some_and(|after| after.starts_with([')', '·', '세', ',']))
}

fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

/// A word without the particles Korean attaches to names (은, 는, 이, 가, 의...).
fn strip_particles(word: &str) -> &str {
    const PARTICLES: [&str; 18] = [
        "으로서",
        "에서는",
        "에게서",
        "으로",
        "에서",
        "에게",
        "까지",
        "부터",
        "과의",
        "와의",
        "은",
        "는",
        "이",
        "가",
        "의",
        "을",
        "를",
        "도",
    ];
    let word =
        word.trim_end_matches(|c: char| c.is_ascii_punctuation() || matches!(c, '”' | '’' | '…'));
    for particle in PARTICLES {
        if let Some(stem) = word.strip_suffix(particle) {
            if stem.chars().count() >= 2 {
                return stem;
            }
        }
    }
    word.strip_suffix('와')
        .or_else(|| word.strip_suffix('과'))
        .filter(|s| s.chars().count() >= 2)
        .unwrap_or(word)
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    //! Rule families on hand-written tokens: each test spells out the
    //! analysis a tokenizer might give, so the rules are tested apart from it.
    use super::*;
    use crate::document::Sentence;
    use crate::text::NormalizedText;

    /// A one-sentence document from `(surface, pos, semantic)` tokens joined
    /// by `separators` (a space or nothing before each token after the first).
    fn document(language: Language, tokens: &[(&str, &str, Option<&str>, bool)]) -> Document {
        let mut text = String::new();
        let mut spans = Vec::new();
        for &(surface, pos, semantic, space_before) in tokens {
            if space_before && !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(surface);
            spans.push(Token {
                start,
                end: text.len(),
                sentence: 0,
                pos: pos.into(),
                semantic: semantic.map(Into::into),
                expression: None,
            });
        }
        Document {
            id: "t".into(),
            source: None,
            original: text.clone(),
            normalized: NormalizedText::new(&text),
            given_title: None,
            title: None,
            sentences: vec![Sentence {
                start: 0,
                end: text.len(),
                language,
                letters: text.chars().count(),
            }],
            language,
            tokens: spans,
            amounts: Vec::new(),
            entities: Vec::new(),
            commitments: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn found(
        language: Language,
        tokens: &[(&str, &str, Option<&str>, bool)],
    ) -> Vec<(String, EntityType, Option<String>)> {
        let stage = EntityStage::new(&[]).unwrap();
        let mut document = document(language, tokens);
        stage.apply(&mut document);
        document
            .entities
            .iter()
            .map(|e| {
                (
                    document
                        .slice(e.mentions[0].start, e.mentions[0].end)
                        .to_owned(),
                    e.entity_type,
                    e.role.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn korean_name_before_a_title_even_when_misanalysed() {
        let entities = found(
            Language::Ko,
            &[
                ("박하", "VA", None, true),
                ("준", "EC+VX+ETM", None, false),
                ("대표", "NNG", None, true),
                ("와", "JC", None, false),
            ],
        );
        assert_eq!(
            entities,
            vec![(
                "박하준".to_owned(),
                EntityType::Person,
                Some("대표".to_owned())
            )]
        );
    }

    #[test]
    fn a_common_noun_before_a_title_is_no_person() {
        let entities = found(
            Language::Ko,
            &[
                ("기업", "NNG", None, true),
                ("대표", "NNG", None, true),
                ("는", "JX", None, false),
            ],
        );
        assert_eq!(entities, vec![]);
    }

    #[test]
    fn transliterated_two_word_name_before_an_organisation_and_title() {
        let entities = found(
            Language::Ko,
            &[
                ("필", "VV+ETM", None, true),
                ("스펜서", "NNP", None, true),
                ("마이크로소프트", "NNP", None, true),
                ("부회장", "NNG", None, true),
            ],
        );
        assert_eq!(
            entities[0],
            (
                "필 스펜서".to_owned(),
                EntityType::Person,
                Some("부회장".to_owned())
            )
        );
        assert_eq!(entities[1].1, EntityType::Org);
    }

    #[test]
    fn organisation_by_its_ending() {
        let entities = found(
            Language::Ko,
            &[
                ("코렉스", "UNKNOWN", None, true),
                ("통신", "NNG", None, false),
                ("은", "JX", None, false),
            ],
        );
        assert_eq!(
            entities,
            vec![("코렉스통신".to_owned(), EntityType::Org, None)]
        );
        // Common nouns alone never make an organisation (대기업).
        let entities = found(
            Language::Ko,
            &[("대", "XPN", None, true), ("기업", "NNG", None, false)],
        );
        assert_eq!(entities, vec![]);
    }

    #[test]
    fn only_reference_words_refer_back_to_a_person() {
        let stage = EntityStage::new(&[]).unwrap();
        let names = [
            "정의선",
            "남궁민수",
            "샘 알트만",
            "최태원",
            "Elon Musk",
            "Lee Jae-myung",
            "Habben Jansen",
        ];
        let people: Vec<NamedPerson<'_>> = names
            .iter()
            .enumerate()
            .map(|(i, name)| NamedPerson::new(i, 0, name, &stage.lexicons))
            .collect();
        let mut surfaces: Vec<String> = ["정", "남궁", "알트만", "Musk", "Lee", "Jansen", "샘"]
            .map(str::to_owned)
            .to_vec();
        for folder in ["corpus/ko", "corpus/en"] {
            let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
            for entry in std::fs::read_dir(folder).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                surfaces.extend(
                    text.split(|c: char| !c.is_alphanumeric() && c != '-')
                        .map(str::to_owned),
                );
            }
        }
        let mut referring = 0;
        for person in &people {
            let words: Vec<&str> = person.reference_words().collect();
            for surface in &surfaces {
                for english in [true, false] {
                    let refers = person.is_referred_to_by(
                        surface,
                        english,
                        &stage.romanized_surnames,
                        || true,
                    );
                    if refers {
                        assert!(words.contains(&surface.as_str()), "{surface}");
                        referring += 1;
                    }
                }
            }
        }
        assert!(referring >= 7, "only {referring} references");
    }

    #[test]
    fn english_title_splits_organisation_and_person() {
        let entities = found(
            Language::En,
            &[
                ("Acme", "SL", None, true),
                ("Robotics", "SL", None, true),
                ("Inc", "SL", None, true),
                (".", "SF", None, false),
                ("Chief", "SL", None, true),
                ("Executive", "SL", None, true),
                ("Jane", "SL", None, true),
                ("Doe", "SL", None, true),
                ("spoke", "SL", None, true),
            ],
        );
        assert_eq!(
            entities,
            vec![
                ("Acme Robotics Inc.".to_owned(), EntityType::Org, None),
                (
                    "Jane Doe".to_owned(),
                    EntityType::Person,
                    Some("Chief Executive".to_owned())
                ),
            ]
        );
    }

    #[test]
    fn a_title_left_over_before_another_names_no_one() {
        let word = |text| (text, "SL", None, true);
        let entities = found(
            Language::En,
            &[
                word("Deputy"),
                word("Prime"),
                word("Minister"),
                word("and"),
                word("Finance"),
                word("Minister"),
                word("Koo"),
                word("Yun-cheol"),
                word("said"),
            ],
        );
        assert_eq!(
            entities,
            vec![(
                "Koo Yun-cheol".to_owned(),
                EntityType::Person,
                Some("Finance Minister".to_owned())
            )]
        );
    }

    #[test]
    fn a_surname_alone_before_a_title_is_a_person() {
        let entities = found(
            Language::Ko,
            &[
                ("문", "NNG", None, false),
                ("의원", "NNG", None, true),
                ("은", "JX", None, false),
                ("반대", "NNG", None, true),
                ("했다", "XSV+EP+EF", None, false),
            ],
        );
        assert_eq!(
            entities,
            vec![("문".to_owned(), EntityType::Person, Some("의원".to_owned()))]
        );
        // 이/MM is the determiner "this", not the surname 이.
        let entities = found(
            Language::Ko,
            &[
                ("이", "MM", None, false),
                ("회장", "NNG", None, true),
                ("은", "JX", None, false),
            ],
        );
        assert_eq!(entities, vec![]);
    }

    /// The people found in `tokens`: each one's mentions and role.
    fn people(tokens: &[(&str, &str, Option<&str>, bool)]) -> Vec<(Vec<String>, Option<String>)> {
        let stage = EntityStage::new(&[]).unwrap();
        let mut document = document(Language::Ko, tokens);
        stage.apply(&mut document);
        document
            .entities
            .iter()
            .filter(|e| e.entity_type == EntityType::Person)
            .map(|e| {
                let mentions = e.mentions.iter();
                let mentions = mentions.map(|m| document.slice(m.start, m.end).to_owned());
                (mentions.collect(), e.role.clone())
            })
            .collect()
    }

    #[test]
    fn one_surname_with_two_titles_is_two_people() {
        let found = people(&[
            ("신", "NNG", None, false),
            ("회장", "NNG", None, true),
            ("은", "JX", None, false),
            ("고소했다", "VV+EP+EF", None, true),
            (".", "SF", None, false),
            ("신", "NNG", None, true),
            ("씨", "NNB", None, true),
            ("는", "JX", None, false),
        ]);
        assert_eq!(
            found,
            vec![
                (vec!["신".to_owned()], Some("회장".to_owned())),
                (vec!["신".to_owned()], None),
            ]
        );
    }

    #[test]
    fn a_surname_before_a_title_refers_to_the_person_named_in_full() {
        let found = people(&[
            ("정의선", "NNP", Some("인명"), false),
            ("회장", "NNG", None, true),
            ("은", "JX", None, false),
            ("말했다", "VV+EP+EF", None, true),
            (".", "SF", None, false),
            ("정", "NNP", None, true),
            ("회장", "NNG", None, true),
            ("은", "JX", None, false),
        ]);
        assert_eq!(
            found,
            vec![(
                vec!["정의선".to_owned(), "정".to_owned()],
                Some("회장".to_owned())
            )]
        );
    }

    #[test]
    fn a_korean_name_before_an_age_in_brackets_is_a_person() {
        let entities = found(
            Language::Ko,
            &[
                ("심형래", "NNP", None, false),
                ("(", "SSO", None, false),
                ("55", "SN", None, false),
                (")", "SSC", None, false),
                ("씨", "NNB", None, false),
                ("가", "JKS", None, false),
            ],
        );
        assert_eq!(
            entities,
            vec![("심형래".to_owned(), EntityType::Person, None)]
        );
        assert!(is_age_in_brackets("(45·여)씨"));
        assert!(is_age_in_brackets("(76) 전"));
        assert!(!is_age_in_brackets("(2014)"));
        assert!(!is_age_in_brackets("(사진)"));
    }

    #[test]
    fn a_name_kodic_knows_as_a_person_is_one() {
        let person = |text: &str| (text.to_owned(), EntityType::Person, None);
        let entities = found(
            Language::Ko,
            &[
                ("허수경", "NNP", Some("인명"), false),
                ("이", "JKS", None, false),
                ("말했다", "VV+EP+EF", None, true),
            ],
        );
        assert_eq!(entities, vec![person("허수경")]);
        // A word news uses otherwise (dictionaries/not_names.tsv).
        let entities = found(
            Language::Ko,
            &[
                ("메르스", "NNP", Some("인명"), false),
                ("가", "JKS", None, false),
            ],
        );
        assert_eq!(entities, vec![]);
        // A foreign name of two words is one mention; a Korean name stands alone.
        let entities = found(
            Language::Ko,
            &[
                ("드미트리", "NNP", None, false),
                ("페스코프", "NNP", Some("인명"), true),
                ("는", "JX", None, false),
                ("라이온즈", "NNP", None, true),
                ("이승엽", "NNP", Some("인명"), true),
                ("의", "JKG", None, false),
            ],
        );
        assert_eq!(
            entities,
            vec![person("드미트리 페스코프"), person("이승엽")]
        );
    }
}
