//! Korean commitments over ko-dic morphemes.
//!
//! Every verb (a `VV` stem, or a noun followed by 하/되 `XSV`) is a candidate;
//! the morphemes after it, normalized (했다 → 하+었+다), are matched against
//! the markers of `commitment_markers.tsv`: `-기로 했다`, `-ㄹ 계획이다`, `-겠-`,
//! `검토하고 있다`, `체결했다`. Noun phrases (words up to their particles)
//! give the arguments: the topic or subject is the actor (`A와 B는` → both),
//! `B, C와` are counterparts, the `을/를` phrase or the agreement noun is the
//! object. Inside a quote followed by `고/라고` and a speech verb the speaker
//! is the actor.

use super::lexicon::{KoMarker, MarkerKind, PredicateType, ReferenceKind, Scope, SpeechKind};
use super::{ActorSource, Context, Draft, commitment_type, push_unique};
use crate::output::{CommitmentStatus, CommitmentType, EntityType};
use compact_str::CompactString;

/// Auxiliary verbs that continue the verb before them (강화해 나갈 계획이다,
/// 감면해 주기로 했다, 검토해 볼 수 있다).
const AUXILIARIES: &[&str] = &["나가", "주", "보", "가", "오", "두", "놓", "내", "드리"];

/// Verbs of events and passives: with no one named, nobody commits.
const PASSIVES: &[&str] = &[
    "열리다",
    "개최되다",
    "진행되다",
    "시작되다",
    "발표되다",
    "공개되다",
    "확정되다",
    "결정되다",
    "선정되다",
    "나오다",
    "들어가다",
    "이뤄지다",
    "이루어지다",
    "끝나다",
    "마무리되다",
];

/// Connective endings that make a condition.
const CONDITIONAL: &[&str] = &["면", "으면", "다면", "ㄴ다면", "는다면", "라면", "이라면"];

/// Connective endings after a tense that close a clause even without a comma.
const CLAUSE_ENDINGS: &[&str] = &[
    "고", "며", "으며", "지만", "는데", "ㄴ데", "은데", "으나", "나",
];

/// What may directly follow a closing quote in reported speech.
const QUOTATIVES: &[&str] = &[
    "고",
    "라고",
    "이라고",
    "며",
    "라며",
    "이라며",
    "면서",
    "라면서",
    "하고",
    "하며",
];

/// Heads after an entity that still denote it (산청군 관계자는 → 산청군).
const STAND_INS: &[&str] = &["관계자", "측", "당국", "대변인", "쪽", "관계자들"];

#[derive(Debug, Clone)]
struct Morph {
    form: CompactString,
    tag: &'static str,
    /// Byte span of the token the morpheme comes from.
    start: usize,
    end: usize,
    word: usize,
}

#[derive(Debug, Clone)]
struct Word {
    start: usize,
    end: usize,
    /// Morpheme range.
    first: usize,
    last: usize,
    quote: Option<usize>,
    /// Ends a clause (a connective ending with a comma, or after a tense).
    boundary: bool,
    /// The connective ending that closes it, when `boundary`.
    ending: Option<String>,
}

#[derive(Debug, Clone)]
struct Quote {
    open: usize,
    close: usize,
    speech: bool,
    request: bool,
    speaker: Vec<usize>,
    source: ActorSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Topic,
    Subject,
    With,
    WithOnly,
    Object,
    Dative,
    List,
    Other,
}

#[derive(Debug, Clone, PartialEq)]
enum Head {
    Entities(Vec<usize>),
    Reference(usize),
    Title(String),
    None,
}

#[derive(Debug, Clone)]
struct Np {
    first_word: usize,
    last_word: usize,
    start: usize,
    noun_end: usize,
    /// End of the last word, particles included.
    end: usize,
    role: Role,
    head: Head,
    quote: Option<usize>,
    /// Joined to the noun phrase after it (`A와 B는`: A is absorbed into B).
    absorbed: bool,
    /// Its own entities and those coordinated before it.
    group: Vec<usize>,
}

struct Sentence<'s> {
    index: usize,
    start: usize,
    end: usize,
    morphs: Vec<Morph>,
    words: Vec<Word>,
    quotes: Vec<Quote>,
    nps: Vec<Np>,
    /// Byte spans of the agreement nouns (양해각서, MOU) in the sentence,
    /// found in one search: no noun holds a space, so each word's own are
    /// the ones inside it.
    agreement_nouns: Vec<(usize, usize)>,
    text: &'s str,
}

/// A verb that may carry a commitment.
#[derive(Debug, Clone)]
struct Host {
    /// Morpheme index of the stem (the 하 of noun+하다 verbs).
    stem: usize,
    lemma: String,
    /// Tail starts at the next word (검토 중이다).
    noun_only: bool,
    goal: bool,
    /// A morpheme fused into a stem the tagger misread (열 계획 → ㄹ,
    /// 열기로 → 기), put back at the start of the tail.
    prefix: Option<&'static str>,
}

/// What the markers after a host say.
#[derive(Debug, Clone)]
struct Reading {
    kind: MarkerKind,
    /// Word index where the marker ends.
    end_word: usize,
    negated: bool,
    embedded: bool,
    reported: bool,
    /// An agreement verb joined by a bare -고 to the next clause (맺고 …).
    signed: bool,
}

/// Finds the commitments of Korean sentence `index`.
pub(crate) fn analyse(context: &mut Context<'_>, index: usize) {
    let Some(sentence) = build(context, index) else {
        return;
    };
    let mut quotes = sentence.quotes.clone();
    for q in 0..quotes.len() {
        let (speaker, source) = speaker_of(context, &sentence, &quotes, q);
        quotes[q].speaker = speaker;
        quotes[q].source = source;
    }
    let sentence = Sentence { quotes, ..sentence };

    let mut pending: Vec<(Host, Reading)> = Vec::new();
    for host in hosts(context, &sentence) {
        let Some(reading) = read_markers(context, &sentence, &host) else {
            continue;
        };
        let host_word = sentence.morphs[host.stem].word;
        if reading.kind == MarkerKind::Conjunct {
            pending.push((host, reading));
            continue;
        }
        let carries = matches!(
            reading.kind,
            MarkerKind::Decision | MarkerKind::Intention | MarkerKind::Volition
        );
        let quote = sentence.words[host_word].quote;
        for (earlier, earlier_reading) in std::mem::take(&mut pending) {
            let same_region = sentence.words[sentence.morphs[earlier.stem].word].quote == quote;
            if earlier_reading.signed && same_region {
                // 제휴를 맺고 공동 개발에 나서기로 했다: the signing is done.
                let inherited = Reading {
                    kind: MarkerKind::Past,
                    ..earlier_reading.clone()
                };
                if let Some(draft) = make_draft(context, &sentence, &earlier, &inherited, true) {
                    context.record(draft);
                }
            } else if carries && same_region {
                let inherited = Reading {
                    end_word: earlier_reading.end_word,
                    signed: false,
                    ..reading.clone()
                };
                if let Some(draft) = make_draft(context, &sentence, &earlier, &inherited, true) {
                    context.record(draft);
                }
            }
        }
        if let Some(draft) = make_draft(context, &sentence, &host, &reading, false) {
            // Recorded at once: 양사 later in the sentence may mean its parties.
            context.record(draft);
        }
    }
    // A topic organisation is what 회사 / 그룹 will refer to later.
    if let Some(org) = sentence
        .nps
        .iter()
        .filter(|np| np.quote.is_none() && np.role == Role::Topic)
        .find_map(|np| match &np.head {
            Head::Entities(ids) => ids
                .iter()
                .copied()
                .find(|&id| context.entity_type(id) == Some(EntityType::Org)),
            _ => None,
        })
    {
        context.last_subject_org = Some(org);
    }
    // …다음과 같이 밝혔다. — the next sentence quotes this subject.
    context.open_quote = None;
    context.pending_speaker = None;
    let last_word = sentence.words.len().saturating_sub(1);
    let announces = sentence.quotes.is_empty()
        && word_lemma(&sentence, last_word).is_some_and(|lemma| {
            context.lexicon.ko_speech.get(&lemma) == Some(&SpeechKind::Speech)
        });
    if announces {
        context.pending_speaker = sentence
            .nps
            .iter()
            .filter(|np| is_subject(np))
            .find_map(|np| resolve(context, &sentence, np));
    }
    if let Some(speaker) = sentence
        .quotes
        .iter()
        .rev()
        .filter(|q| q.speech)
        .flat_map(|q| q.speaker.iter().copied())
        .find(|&id| context.entity_type(id) == Some(EntityType::Person))
    {
        context.last_speaker = Some(speaker);
    }
}

/// Morphemes, words, quotes and noun phrases of one sentence.
fn build<'a>(context: &Context<'a>, index: usize) -> Option<Sentence<'a>> {
    let document = context.document;
    let bounds = document.sentences.get(index)?;
    let text = document.text();
    let tokens = document.sentence_tokens(index);
    let mut morphs = Vec::with_capacity(tokens.len() * 2);
    for token in tokens {
        let surface = token.text(text);
        let compound = token.pos.contains('+');
        match (&token.expression, compound) {
            (Some(expression), true) => {
                for part in expression.split('+') {
                    let mut fields = part.split('/');
                    let form = fields.next().unwrap_or("");
                    let tag = fields.next().unwrap_or("");
                    morphs.push(Morph {
                        form: normalize(form, tag),
                        tag: intern_tag(tag),
                        start: token.start,
                        end: token.end,
                        word: 0,
                    });
                }
            }
            _ => {
                let tag = token.pos.split('+').next().unwrap_or("");
                morphs.push(Morph {
                    form: normalize(surface, tag),
                    tag: intern_tag(tag),
                    start: token.start,
                    end: token.end,
                    word: 0,
                });
            }
        }
    }
    let sentence_text = text.get(bounds.start..bounds.end)?;
    let quotes = find_quotes(context, sentence_text, bounds.start);
    let agreement_nouns = context
        .lexicon
        .ko_agreement_pattern
        .find_iter(sentence_text)
        .map(|m| (bounds.start + m.start(), bounds.start + m.end()))
        .collect();
    let mut words = Vec::new();
    let mut offset = 0;
    for piece in sentence_text.split(char::is_whitespace) {
        if !piece.is_empty() {
            let start = bounds.start + offset;
            words.push(Word {
                start,
                end: start + piece.len(),
                first: 0,
                last: 0,
                quote: None,
                boundary: false,
                ending: None,
            });
        }
        offset += piece.len() + 1;
        // Multi-byte whitespace: realign on the next char boundary.
        while offset < sentence_text.len() && !sentence_text.is_char_boundary(offset) {
            offset += 1;
        }
    }
    let mut word = 0;
    for morph in morphs.iter_mut() {
        while word + 1 < words.len() && morph.start >= words[word].end {
            word += 1;
        }
        morph.word = word;
    }
    fix_ranges(&mut words, &morphs);
    for w in words.iter_mut() {
        w.quote = morphs[w.first..w.last]
            .iter()
            .filter(|m| !is_punctuation(m.tag))
            .find_map(|m| quote_at(&quotes, m.start))
            .or_else(|| quote_at(&quotes, w.start));
        let (boundary, ending) = clause_boundary(&morphs[w.first..w.last]);
        w.boundary = boundary;
        w.ending = ending;
    }
    let mut sentence = Sentence {
        index,
        start: bounds.start,
        end: bounds.end,
        morphs,
        words,
        quotes,
        nps: Vec::new(),
        agreement_nouns,
        text,
    };
    sentence.nps = noun_phrases(context, &sentence);
    Some(sentence)
}

/// Gives every word the exact range of the morphemes assigned to it.
fn fix_ranges(words: &mut [Word], morphs: &[Morph]) {
    for (index, word) in words.iter_mut().enumerate() {
        let first = morphs.partition_point(|m| m.word < index);
        let last = morphs.partition_point(|m| m.word <= index);
        word.first = first;
        word.last = last.max(first);
    }
}

fn quote_at(quotes: &[Quote], position: usize) -> Option<usize> {
    quotes
        .iter()
        .position(|q| position > q.open && position < q.close)
}

/// Double quotes of the sentence (“…” or "…"); a quote is speech when a
/// quotative ending follows it directly.
fn find_quotes(context: &Context<'_>, sentence: &str, offset: usize) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in sentence.char_indices() {
        let is_open = c == '“' || (c == '"' && open.is_none());
        let is_close = c == '”' || (c == '"' && open.is_some());
        if is_open && open.is_none() {
            open = Some(i);
        } else if is_close {
            if let Some(start) = open.take() {
                let after = &sentence[i + c.len_utf8()..];
                let attached: String = after.chars().take_while(|c| !c.is_whitespace()).collect();
                let speech = QUOTATIVES.iter().any(|q| attached.starts_with(q));
                quotes.push(Quote {
                    open: offset + start,
                    close: offset + i,
                    speech,
                    request: false,
                    speaker: Vec::new(),
                    source: ActorSource::Fallback,
                });
            }
        }
    }
    let _ = context;
    quotes
}

/// Whether a word ends a clause, and with which connective ending.
fn clause_boundary(morphs: &[Morph]) -> (bool, Option<String>) {
    let comma = morphs.iter().any(|m| m.form == "," && m.tag == "SC")
        && morphs
            .last()
            .is_some_and(|m| m.form == "," || is_punctuation(m.tag));
    let mut tense = false;
    let mut verbal = false;
    let mut ending = None;
    for m in morphs {
        match m.tag {
            "VV" | "VA" | "VX" | "XSV" | "XSA" | "VCP" | "VCN" => verbal = true,
            "EP" => tense = true,
            "EC" => ending = Some(m.form.clone()),
            _ => {}
        }
    }
    let Some(ending_form) = ending.clone() else {
        return (false, None);
    };
    if !verbal && !tense {
        return (false, None);
    }
    let closes = comma || (tense && CLAUSE_ENDINGS.contains(&ending_form.as_str()));
    (closes, closes.then(|| ending_form.into()))
}

/// ko-dic's part-of-speech tags, so that a morpheme's tag needs no allocation.
/// ko-dic's tags.
const TAGS: &[&str] = &[
    "EC", "EF", "EP", "ETM", "ETN", "IC", "JC", "JKB", "JKC", "JKG", "JKO", "JKQ", "JKS", "JKV",
    "JX", "MAG", "MAJ", "MM", "NNB", "NNBC", "NNG", "NNP", "NP", "NR", "SC", "SE", "SF", "SH",
    "SL", "SN", "SO", "SP", "SS", "SSC", "SSO", "SY", "VA", "VCN", "VCP", "VV", "VX", "XPN", "XR",
    "XSA", "XSN", "XSV",
];

fn intern_tag(tag: &str) -> &'static str {
    static INTERNED: std::sync::LazyLock<foldhash::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| TAGS.iter().copied().collect());
    INTERNED.get(tag).copied().unwrap_or("UNKNOWN")
}

fn is_punctuation(tag: &str) -> bool {
    matches!(
        tag,
        "SF" | "SP" | "SS" | "SSO" | "SSC" | "SC" | "SE" | "SO" | "SY"
    )
}

fn is_nominal(tag: &str) -> bool {
    matches!(
        tag,
        "NNG" | "NNP" | "NNB" | "NNBC" | "NR" | "NP" | "SL" | "SN" | "SH" | "XSN" | "XPN" | "MM"
    ) || is_punctuation(tag)
}

/// Noun phrases: runs of bare nominal words ending in a word with a particle
/// or a comma.
fn noun_phrases(context: &Context<'_>, sentence: &Sentence<'_>) -> Vec<Np> {
    let mut nps: Vec<Np> = Vec::new();
    let mut current: Option<usize> = None;
    let words = &sentence.words;
    // The nominal reading of every word, once: None for verbs and for words
    // of punctuation only.
    let shapes: Vec<Option<Shape>> = words
        .iter()
        .map(|word| {
            let morphs = &sentence.morphs[word.first..word.last];
            if !morphs.iter().any(|m| !is_punctuation(m.tag)) {
                return None;
            }
            nominal_shape(context, sentence, word, morphs)
        })
        .collect();
    for (w, word) in words.iter().enumerate() {
        let Some(shape) = &shapes[w] else {
            current = None;
            continue;
        };
        if current.is_some_and(|first| words[first].quote != word.quote) {
            current = None;
        }
        let first = *current.get_or_insert(w);
        let next_nominal = words
            .get(w + 1)
            .is_some_and(|next| next.quote == word.quote && shapes[w + 1].is_some());
        let ends = !shape.particle.is_empty() || shape.comma || !next_nominal;
        if !ends {
            continue;
        }
        current = None;
        let start = first_letter(sentence, first);
        let role = role_of(&shape.particle, shape.comma);
        let mut np = Np {
            first_word: first,
            last_word: w,
            start,
            noun_end: shape.noun_end.max(start),
            end: word.end,
            role,
            head: Head::None,
            quote: words[first].quote,
            absorbed: false,
            group: Vec::new(),
        };
        np.head = head_of(context, sentence, &np);
        if let Head::Entities(ids) = &np.head {
            np.group = ids.clone();
        }
        nps.push(np);
    }
    // Coordination: `A와 B는`, `A, B와` — A joins the phrase after it, if
    // both name entities of a kind (people with people) and B is no date or
    // number (프라보워 대통령과 18일 청와대에서 is no pair).
    for k in 0..nps.len().saturating_sub(1) {
        let (left, right) = nps.split_at_mut(k + 1);
        let (a, b) = (&mut left[k], &mut right[0]);
        let coordinating = matches!(a.role, Role::With | Role::List);
        let adjacent = a.last_word + 1 == b.first_word && a.quote == b.quote;
        let person = |head: &Head| match head {
            Head::Entities(ids) => Some(
                ids.iter()
                    .any(|&id| context.entity_type(id) == Some(EntityType::Person)),
            ),
            _ => None,
        };
        let same_kind = matches!((person(&a.head), person(&b.head)), (Some(x), Some(y)) if x == y);
        let dated = sentence
            .text
            .get(b.start..b.noun_end)
            .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()))
            || context
                .mentions_overlapping(b.start, b.start + 1)
                .any(|m| context.entity_type(m.entity) == Some(EntityType::Date));
        if coordinating && adjacent && same_kind && !dated {
            a.absorbed = true;
            let mut group = a.group.clone();
            push_unique(&mut group, b.group.iter().copied());
            b.group = group;
        } else if a.role == Role::With
            && adjacent
            && matches!(b.role, Role::Topic | Role::Subject)
            && b.head == Head::None
            && matches!(a.head, Head::Entities(_))
            && !dated
        {
            // 포스코홀딩스와 인도네시아 국영 광업지주회사 MIND ID는, with the
            // second name unknown: the first still belongs to the subject.
            a.absorbed = true;
            b.group = a.group.clone();
            b.head = Head::Entities(a.group.clone());
        }
    }
    // Absorbed phrases pass their group on: the chain's end holds it all.
    nps
}

/// Byte offset of the first letter of word `w` (skips opening quotes and brackets).
fn first_letter(sentence: &Sentence<'_>, w: usize) -> usize {
    let word = &sentence.words[w];
    let text = sentence.text.get(word.start..word.end).unwrap_or("");
    let skip = text
        .char_indices()
        .find(|(_, c)| !matches!(c, '“' | '"' | '‘' | '\'' | '(' | '[' | '「' | '『'))
        .map(|(i, _)| i)
        .unwrap_or(0);
    word.start + skip
}

struct Shape {
    particle: CompactString,
    comma: bool,
    noun_end: usize,
}

/// The nominal reading of a word: particles, comma, where the noun ends;
/// `None` when the word holds a verb or an ending.
fn nominal_shape(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    word: &Word,
    morphs: &[Morph],
) -> Option<Shape> {
    let mut end = morphs.len();
    let mut comma = false;
    while end > 0 && is_punctuation(morphs[end - 1].tag) {
        if morphs[end - 1].form == "," || morphs[end - 1].form == "·" {
            comma = comma || morphs[end - 1].form == ",";
        }
        end -= 1;
    }
    let letters_end = morphs[..end]
        .last()
        .map(|m| m.end)
        .unwrap_or(word.start)
        .min(word.end);
    if let Some(shape) = mention_shape(context, sentence, word, letters_end, comma) {
        return Some(shape);
    }
    let mut particle_start = end;
    while particle_start > 0 && morphs[particle_start - 1].tag.starts_with('J') {
        particle_start -= 1;
    }
    if !morphs[..particle_start].iter().all(|m| is_nominal(m.tag)) {
        return None;
    }
    let has_noun = morphs[..particle_start]
        .iter()
        .any(|m| !is_punctuation(m.tag));
    if !has_noun && end == particle_start + 1 {
        // A lone word read as a particle (두/JX 정상은): a determiner.
        return Some(Shape {
            particle: CompactString::default(),
            comma,
            noun_end: letters_end,
        });
    }
    let mut noun_end = morphs[..particle_start]
        .iter()
        .rev()
        .find(|m| !is_punctuation(m.tag) || m.form == ")")
        .map(|m| m.end)
        .unwrap_or(word.start);
    // 의향서도 is split 의향 + 서/JKB + 도: an agreement noun wins over the tags.
    if particle_start < end {
        if let Some(found) = sentence
            .agreement_nouns
            .iter()
            .filter(|&&(start, end)| start >= word.start && end <= word.end)
            .map(|&(_, end)| end)
            .max()
        {
            noun_end = noun_end.max(found);
        }
    }
    let particle: CompactString = morphs[particle_start..end]
        .iter()
        .filter(|m| m.start >= noun_end)
        .map(|m| m.form.as_str())
        .collect();
    Some(Shape {
        particle,
        comma,
        noun_end,
    })
}

/// Particles recognized on the text after an entity name, whatever the
/// tokenizer made of the name (LG에너지솔루션이 is split LG/SL 에/JKB ...).
const PARTICLES: &[&str] = &[
    "",
    "은",
    "는",
    "이",
    "가",
    "도",
    "와",
    "과",
    "와의",
    "과의",
    "와도",
    "과도",
    "와는",
    "과는",
    "을",
    "를",
    "의",
    "에",
    "에게",
    "에서",
    "에서는",
    "에는",
    "로",
    "으로",
    "께서",
    "만",
    "까지",
    "에게도",
    "에도",
    "이나",
    "나",
    "이며",
    "이자",
    "에선",
    "으로는",
    "로는",
    "측은",
    "측이",
];

/// The shape of a word that an entity mention covers, or that is an
/// entity name followed by a particle.
fn mention_shape(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    word: &Word,
    letters_end: usize,
    comma: bool,
) -> Option<Shape> {
    let letters_start = first_letter_of(sentence.text, word.start, word.end);
    if letters_start >= letters_end {
        return None;
    }
    let overlapping = context.mentions_overlapping(word.start, word.end);
    // The whole word is (part of) a name: a bare noun.
    if overlapping
        .clone()
        .any(|m| m.start <= letters_start && m.end >= letters_end)
    {
        return Some(Shape {
            particle: CompactString::default(),
            comma,
            noun_end: letters_end,
        });
    }
    let last = overlapping
        .filter(|m| m.start <= letters_start && m.end > letters_start && m.end < letters_end)
        .map(|m| m.end)
        .max()?;
    let mut noun_end = last;
    let mut rest = sentence.text.get(last..letters_end)?;
    if let Some(after) = rest.strip_prefix(')') {
        noun_end += 1;
        rest = after;
    } else if rest.starts_with('(') {
        // 행정안전부(행안부)는: the short name in brackets belongs to the name.
        if let Some(close) = rest.find(')') {
            noun_end += close + 1;
            rest = &rest[close + 1..];
        }
    }
    PARTICLES.contains(&rest).then(|| Shape {
        particle: rest.into(),
        comma,
        noun_end,
    })
}

fn first_letter_of(text: &str, start: usize, end: usize) -> usize {
    text.get(start..end)
        .and_then(|t| {
            t.char_indices()
                .find(|(_, c)| !matches!(c, '“' | '"' | '‘' | '\'' | '(' | '[' | '「' | '『'))
                .map(|(i, _)| start + i)
        })
        .unwrap_or(start)
}

fn role_of(particle: &str, comma: bool) -> Role {
    match particle {
        "은" | "는" | "도" | "측은" => Role::Topic,
        "이" | "가" | "께서" | "측이" => Role::Subject,
        "와" | "과" => Role::With,
        "와의" | "과의" | "와도" | "과도" | "와는" | "과는" | "와만" | "과만" => {
            Role::WithOnly
        }
        "을" | "를" => Role::Object,
        "에" | "에게" | "께" | "에게도" | "에도" => Role::Dative,
        "" if comma => Role::List,
        _ => Role::Other,
    }
}

/// What a noun phrase names: an entity (a person whenever one is in it, as
/// titles follow names), a reference (양사, 회사, 그), a bare title, or nothing.
fn head_of(context: &Context<'_>, sentence: &Sentence<'_>, np: &Np) -> Head {
    let mentions: Vec<_> = context
        .mentions_in(np.start, np.noun_end)
        .filter(|m| m.end <= np.noun_end)
        .collect();
    if let Some(person) = mentions
        .iter()
        .find(|m| context.entity_type(m.entity) == Some(EntityType::Person))
    {
        return Head::Entities(vec![person.entity]);
    }
    let text = |a: usize, b: usize| sentence.text.get(a..b).unwrap_or("");
    let ends_here = |end: usize| {
        let rest = text(end, np.noun_end).trim();
        rest.is_empty()
            || (rest.starts_with('(') && rest.ends_with(')'))
            || STAND_INS.contains(&rest)
    };
    if let Some(last) = mentions.iter().rev().find(|m| ends_here(m.end)) {
        // 삼성·SK: entities joined by a middle dot share the head.
        let mut ids = vec![last.entity];
        let mut start = last.start;
        for m in mentions.iter().rev() {
            if m.end <= start && matches!(text(m.end, start), "·" | "‧" | "ㆍ") {
                ids.insert(0, m.entity);
                start = m.start;
            }
        }
        let mut unique = Vec::new();
        push_unique(&mut unique, ids);
        return Head::Entities(unique);
    }
    let noun_text: String = text(np.start, np.noun_end)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for (i, reference) in context.lexicon.ko_references.iter().enumerate() {
        let matches = match reference.kind {
            ReferenceKind::Collective => {
                noun_text == reference.phrase
                    || noun_text
                        .strip_suffix(reference.phrase.as_str())
                        .is_some_and(|rest| rest.ends_with(' '))
            }
            _ => noun_text == reference.phrase,
        };
        if matches {
            return Head::Reference(i);
        }
    }
    let is_title = context.document.entities.iter().any(|e| {
        e.entity_type == EntityType::Person && e.role.as_deref() == Some(noun_text.as_str())
    });
    if is_title {
        return Head::Title(noun_text);
    }
    Head::None
}

/// The entities a noun phrase stands for, and how they were found.
fn resolve(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    np: &Np,
) -> Option<(Vec<usize>, ActorSource)> {
    match &np.head {
        Head::Entities(_) => Some((np.group.clone(), ActorSource::Explicit)),
        Head::Reference(i) => {
            let reference = context.lexicon.ko_references.get(*i)?;
            let ids =
                context.resolve_reference(reference, &reference.phrase, np.start, sentence.start);
            (!ids.is_empty()).then_some((ids, ActorSource::Reference))
        }
        Head::Title(title) => context
            .person_with_role(title, np.start)
            .map(|id| (vec![id], ActorSource::Reference)),
        Head::None => None,
    }
}

fn is_subject(np: &Np) -> bool {
    matches!(np.role, Role::Topic | Role::Subject) && !np.absorbed
}

/// The speaker of quote `q`: the subject before it, else the previous
/// quote's speaker, else a subject after it, else the last speaker.
fn speaker_of(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    quotes: &[Quote],
    q: usize,
) -> (Vec<usize>, ActorSource) {
    let quote = &quotes[q];
    let from = if q == 0 {
        sentence.start
    } else {
        quotes[q - 1].close
    };
    let outside = |np: &&Np| np.quote.is_none() && is_subject(np);
    let before = sentence
        .nps
        .iter()
        .rev()
        .filter(|np| np.start >= from && np.end <= quote.open)
        .filter(outside)
        .find_map(|np| resolve(context, sentence, np));
    if let Some(found) = before {
        return found;
    }
    // The speaker's phrase did not parse (송언석 국민의/JKG 힘 원내대표는):
    // the last person named before the quote, outside quotes.
    let person = context.mentions_in(from, quote.open).rev().find(|m| {
        context.entity_type(m.entity) == Some(EntityType::Person)
            && quote_at(quotes, m.start).is_none()
    });
    if let Some(mention) = person {
        return (vec![mention.entity], ActorSource::Reference);
    }
    if q > 0 && !quotes[q - 1].speaker.is_empty() {
        return (quotes[q - 1].speaker.clone(), quotes[q - 1].source);
    }
    let after = sentence
        .nps
        .iter()
        .filter(|np| np.start > quote.close)
        .filter(outside)
        .find_map(|np| resolve(context, sentence, np));
    if let Some(found) = after {
        return found;
    }
    if let Some(speaker) = context.last_speaker {
        return (vec![speaker], ActorSource::Fallback);
    }
    (Vec::new(), ActorSource::Fallback)
}

/// Every verb of the sentence that may carry a commitment.
fn hosts(context: &Context<'_>, sentence: &Sentence<'_>) -> Vec<Host> {
    let morphs = &sentence.morphs;
    let mut hosts = Vec::new();
    let after_giro = |i: usize| {
        i >= 2
            && morphs[i - 1].form == "로"
            && morphs[i - 2].form == "기"
            && morphs[i - 2].tag == "ETN"
    };
    for (i, morph) in morphs.iter().enumerate() {
        let next = morphs.get(i + 1);
        // 강화하기로 합의했다: 합의 belongs to the marker of 강화.
        if after_giro(i) {
            continue;
        }
        let same_word_next = next.filter(|n| n.word == morph.word);
        match morph.tag {
            "VV" if matches!(morph.form.as_str(), "하" | "되")
                && i > 0
                && morphs[i - 1].word == morph.word
                && matches!(morphs[i - 1].tag, "NNG" | "NNP" | "SL") =>
            {
                // 인도/NNP 될/VV: a noun+되다 verb the tagger split oddly; taken
                // with the noun below.
                continue;
            }
            "VX" if !morphs[..i]
                .iter()
                .rev()
                .take_while(|m| m.word == morph.word)
                .any(|m| matches!(m.tag, "VV" | "XSV")) =>
            {
                // 이/VCP 어/EC 가/VX 겠다 (이어가겠다): the auxiliary is the only verb.
                let word = &sentence.words[morph.word];
                let start = first_letter(sentence, morph.word);
                let stem = sentence
                    .text
                    .get(start..morph.end.min(word.end))
                    .unwrap_or("");
                if stem.is_empty() || i == 0 || morphs[i - 1].tag != "EC" {
                    continue;
                }
                hosts.push(Host {
                    stem: i,
                    lemma: format!("{stem}다"),
                    noun_only: false,
                    goal: false,
                    prefix: None,
                });
            }
            "NNG"
                if morph.form == "열기"
                    && same_word_next.is_some_and(|n| n.form == "로")
                    && morphs.get(i + 2).is_some_and(|n| n.word == morph.word + 1) =>
            {
                // 열기로 했다 read as the noun 열기 (heat) + 로.
                hosts.push(Host {
                    stem: i,
                    lemma: "열다".to_owned(),
                    noun_only: false,
                    goal: false,
                    prefix: Some("기"),
                });
            }
            "NR" | "NNG"
                if morph.form == "열"
                    && next.is_some_and(|n| {
                        n.word == morph.word + 1
                            && matches!(n.form.as_str(), "계획" | "예정" | "방침")
                    }) =>
            {
                // 열 계획이다 read as the numeral 열 (ten).
                hosts.push(Host {
                    stem: i,
                    lemma: "열다".to_owned(),
                    noun_only: false,
                    goal: false,
                    prefix: Some("ㄹ"),
                });
            }
            "VV" => {
                if is_auxiliary(morphs, i) {
                    continue;
                }
                hosts.push(Host {
                    stem: i,
                    lemma: format!("{}다", morph.form),
                    noun_only: false,
                    goal: false,
                    prefix: None,
                });
            }
            "NNG" | "NNP" | "SL" => {
                if let Some(n) = same_word_next.filter(|n| {
                    n.tag == "XSV" || (n.tag == "VV" && matches!(n.form.as_str(), "하" | "되"))
                }) {
                    let suffix = if n.form == "되" { "되다" } else { "하다" };
                    hosts.push(Host {
                        stem: i + 1,
                        lemma: format!("{}{}", morph.form, suffix),
                        noun_only: false,
                        goal: false,
                        prefix: None,
                    });
                    continue;
                }
                if morph.form == "목표" && same_word_next.is_some_and(|n| n.form == "로") {
                    if let Some(ha) = morphs.get(i + 2).filter(|h| {
                        h.word == morph.word + 1 && h.form == "하" && h.tag.starts_with('V')
                    }) {
                        let _ = ha;
                        hosts.push(Host {
                            stem: i + 2,
                            lemma: "목표로 하다".to_owned(),
                            noun_only: false,
                            goal: true,
                            prefix: None,
                        });
                    }
                    continue;
                }
                let last_of_word = same_word_next.is_none();
                let next_is_jung = next.is_some_and(|n| n.word == morph.word + 1 && n.form == "중");
                if !(last_of_word && next_is_jung) {
                    continue;
                }
                let lemma = format!("{}하다", morph.form);
                let consideration = context.lexicon.ko_predicates.get(&lemma)
                    == Some(&PredicateType::Consideration)
                    || lemma == "추진하다";
                if consideration {
                    hosts.push(Host {
                        stem: i,
                        lemma,
                        noun_only: true,
                        goal: false,
                        prefix: None,
                    });
                }
            }
            _ => {}
        }
    }
    hosts
}

/// Whether the verb at `i` is an auxiliary after a connective (해 나가, 해 주).
fn is_auxiliary(morphs: &[Morph], i: usize) -> bool {
    let Some(previous) = i.checked_sub(1).and_then(|p| morphs.get(p)) else {
        return false;
    };
    AUXILIARIES.contains(&morphs[i].form.as_str())
        && previous.tag == "EC"
        && (previous.form == "어" || previous.form == "고")
        && previous.word + 1 == morphs[i].word
}

/// The normalized morphemes after a host, word by word, up to four words.
fn tail(sentence: &Sentence<'_>, host: &Host) -> (Vec<Vec<String>>, Vec<usize>) {
    let morphs = &sentence.morphs;
    let host_word = morphs[host.stem].word;
    let quote = sentence.words[host_word].quote;
    let mut words: Vec<Vec<String>> = Vec::new();
    let mut word_index = Vec::new();
    if !host.noun_only {
        let word = &sentence.words[host_word];
        let mut forms: Vec<String> = morphs[host.stem + 1..word.last]
            .iter()
            .filter(|m| m.form == "," || !is_punctuation(m.tag))
            .map(|m| m.form.as_str().to_owned())
            .collect();
        if let Some(prefix) = host.prefix {
            forms.insert(0, prefix.to_owned());
        }
        // 길러내겠다: 기르 + 어 + 내/VX + 겠 — the auxiliary continues the verb.
        if forms.len() > 2 && forms[0] == "어" && AUXILIARIES.contains(&forms[1].as_str()) {
            forms.drain(0..2);
        }
        words.push(forms);
        word_index.push(host_word);
    }
    for w in host_word + 1..(host_word + 5).min(sentence.words.len()) {
        let word = &sentence.words[w];
        if word.quote != quote && word.quote.is_some() {
            break;
        }
        let forms = morphs[word.first..word.last]
            .iter()
            .filter(|m| m.form == "," || !is_punctuation(m.tag))
            .map(|m| m.form.as_str().to_owned())
            .collect();
        words.push(forms);
        word_index.push(w);
    }
    // 강화해 나갈 계획이다: the auxiliary belongs to the verb before it.
    if words.len() > 1 && words[1].first().is_some_and(|f| f == "주기") {
        // 감면해 주기로: ko-dic reads 주기 (period) + 로.
        words[1].splice(0..1, ["주".to_owned(), "기".to_owned()]);
    }
    let aux = words.len() > 1
        && words[0].last().is_some_and(|f| f == "어")
        && words[1]
            .first()
            .is_some_and(|f| AUXILIARIES.contains(&f.as_str()));
    if aux {
        let mut rest = words[1][1..].to_vec();
        let mut merged = vec![std::mem::take(&mut rest)];
        merged.extend(words.drain(2..));
        let mut indices = vec![word_index[1]];
        indices.extend(word_index.drain(2..));
        return (merged, indices);
    }
    (words, word_index)
}

/// Matches the longest marker at the start of `tail`; returns it with the
/// index of the tail word it ends in and the morphemes after it there.
fn match_marker<'l>(
    markers: &'l [KoMarker],
    tail: &[Vec<String>],
) -> Option<(&'l KoMarker, usize, Vec<String>)> {
    markers.iter().find_map(|marker| {
        let fits = marker.words.len() <= tail.len()
            && marker
                .words
                .iter()
                .zip(tail)
                .all(|(pattern, word)| word.starts_with(pattern));
        fits.then(|| {
            let last = marker.words.len() - 1;
            let rest = tail[last][marker.words[last].len()..].to_vec();
            (marker, last, rest)
        })
    })
}

/// What the morphemes after a host make of it, or `None` when nothing
/// commits (no marker, blocked, or a marker that does not fit the verb).
fn read_markers(context: &Context<'_>, sentence: &Sentence<'_>, host: &Host) -> Option<Reading> {
    let predicate = context
        .lexicon
        .ko_predicates
        .get(&host.lemma)
        .copied()
        .unwrap_or(PredicateType::Plan);
    if predicate == PredicateType::None {
        return None;
    }
    let (tail, tail_words) = tail(sentence, host);
    let markers = &context.lexicon.ko_markers;
    let host_word = sentence.morphs[host.stem].word;
    if host.goal {
        let first = tail.first()?.first()?;
        if matches!(first.as_str(), "는" | "ㄴ" | "ㄹ" | "던")
            || CONDITIONAL.contains(&first.as_str())
        {
            return None;
        }
        let end_word = *tail_words.first().unwrap_or(&host_word);
        return Some(Reading {
            kind: MarkerKind::Intention,
            end_word,
            negated: false,
            embedded: false,
            reported: false,
            signed: false,
        });
    }
    if matches!(predicate, PredicateType::Agreement | PredicateType::Signing)
        && tail.first().is_some_and(|w| w.len() == 1 && w[0] == "고")
    {
        return Some(Reading {
            kind: MarkerKind::Conjunct,
            end_word: host_word,
            negated: false,
            embedded: false,
            reported: false,
            signed: true,
        });
    }
    let (mut marker, mut last, mut rest) = match_marker(markers, &tail)?;
    let mut negated = false;
    let mut consumed = 0;
    if marker.kind == MarkerKind::Negation {
        // 내놓지 않기로 했다, 아끼지 않겠다: a commitment not to do something.
        let mut remainder = tail[last..].to_vec();
        remainder[0] = rest.clone();
        let (m, l, r) = match_marker(markers, &remainder)?;
        if !matches!(
            m.kind,
            MarkerKind::Decision | MarkerKind::Intention | MarkerKind::Volition
        ) {
            return None;
        }
        consumed = last;
        marker = m;
        last = l;
        rest = r;
        negated = true;
    }
    let word_at = |k: usize| tail_words.get(k).copied().unwrap_or(host_word);
    let end_word = word_at(consumed + last);
    let kind = marker.kind;
    match kind {
        MarkerKind::Blocked | MarkerKind::Negation => return None,
        // 추진 중이다, 추진하고 있다: a plan being pursued.
        MarkerKind::Progressive if host.lemma == "추진하다" => {}
        MarkerKind::Progressive | MarkerKind::Possibility
            if predicate != PredicateType::Consideration =>
        {
            return None;
        }
        MarkerKind::Present
            if !matches!(
                predicate,
                PredicateType::Investment
                    | PredicateType::InvestmentIfMoney
                    | PredicateType::Order
                    | PredicateType::Purchase
                    | PredicateType::Consideration
            ) =>
        {
            return None;
        }
        MarkerKind::Past | MarkerKind::Experience
            if !matches!(
                predicate,
                PredicateType::Agreement
                    | PredicateType::Signing
                    | PredicateType::Order
                    | PredicateType::Pledge
            ) =>
        {
            return None;
        }
        _ => {}
    }
    // 전환하기로 했었지만: a decision since undone.
    if kind == MarkerKind::Decision && rest.iter().filter(|f| *f == "었").count() > 1 {
        return None;
    }
    // 출연할 예정이었지만, 보낼 계획이었다: a plan of the past.
    if kind == MarkerKind::Intention && rest.iter().any(|f| f == "었") {
        return None;
    }
    if rest.iter().any(|f| CONDITIONAL.contains(&f.as_str())) {
        return None;
    }
    // An adnominal ending after the marker: the clause modifies a noun.
    let adnominal = rest.iter().any(|f| {
        matches!(
            f.as_str(),
            "다는" | "ㄴ다는" | "는다는" | "는" | "ㄴ" | "ㄹ" | "던" | "다던"
        )
    });
    let next_word_text = sentence
        .words
        .get(end_word + 1)
        .and_then(|w| {
            sentence
                .text
                .get(first_letter(sentence, end_word + 1)..w.end)
        })
        .unwrap_or("");
    let mut embedded = false;
    if adnominal {
        let intent = context
            .lexicon
            .ko_intent_nouns
            .iter()
            .any(|n| next_word_text.starts_with(n.as_str()));
        let reported_fact = next_word_text.starts_with('것') || next_word_text.starts_with('바');
        if kind == MarkerKind::Volition && intent {
            embedded = true;
        } else if matches!(
            kind,
            MarkerKind::Intention | MarkerKind::Decision | MarkerKind::Possibility
        ) && (intent || reported_fact)
        {
            // 투자할 계획인 것으로 알려졌다, 투자하기로 한 바 있다, 검토할 수
            // 있다는 입장이다: still commitments.
        } else if kind == MarkerKind::Experience {
        } else {
            return None;
        }
    }
    // Speech after the marker: -겠다고 밝혔다, -ㄹ 계획이라고 말했다.
    let quotative = rest
        .iter()
        .any(|f| matches!(f.as_str(), "다고" | "라고" | "고" | "다며" | "라며"));
    let reporting_verb = if quotative {
        (end_word + 1..(end_word + 4).min(sentence.words.len()))
            .filter_map(|w| word_lemma(sentence, w))
            .find(|lemma| context.lexicon.ko_speech.get(lemma) == Some(&SpeechKind::Speech))
    } else {
        None
    };
    let reported = reporting_verb.is_some();
    // -겠다고 약속했다: the promise is a pledge.
    let promised = reporting_verb.is_some_and(|lemma| {
        context.lexicon.ko_predicates.get(&lemma) == Some(&PredicateType::Pledge)
    });
    // Outside quotes a bare -겠다 is a forecast (눈이 오겠습니다) or a
    // broadcast; an intention is reported (-겠다고 밝혔다, -겠다며) or
    // embedded (-겠다는 입장이다).
    let in_quote = sentence.words[host_word]
        .quote
        .and_then(|q| sentence.quotes.get(q))
        .is_some_and(|q| q.speech);
    let says = rest
        .iter()
        .any(|f| matches!(f.as_str(), "다며" | "며" | "면서" | "다면서"));
    if kind == MarkerKind::Volition && !in_quote && !reported && !embedded && !says {
        return None;
    }
    // The pledge verb that reports a quote (“…하겠다”고 약속했다) is no pledge itself.
    if predicate == PredicateType::Pledge && follows_quote(sentence, host_word) {
        return None;
    }
    Some(Reading {
        kind: if promised { MarkerKind::Promised } else { kind },
        end_word,
        negated,
        embedded,
        reported,
        signed: false,
    })
}

/// Whether word `w` reports the clause before it: it follows a closing
/// quote, or a `-다고` / `-라고` / `-기로` ending (…내놓겠다고 약속했다).
fn follows_quote(sentence: &Sentence<'_>, w: usize) -> bool {
    let Some(previous) = w.checked_sub(1).and_then(|p| sentence.words.get(p)) else {
        return false;
    };
    let quoted = sentence
        .text
        .get(previous.start..previous.end)
        .is_some_and(|text| text.contains('”') || text.contains('"'));
    let reported = sentence.morphs[previous.first..previous.last]
        .iter()
        .any(|m| {
            matches!(m.form.as_str(), "다고" | "라고" | "자고") || m.form == "로" && m.tag == "JKB"
        });
    quoted || reported
}

/// The first verb lemma of word `w` (말했다 → 말하다, 밝혔다 → 밝히다).
fn word_lemma(sentence: &Sentence<'_>, w: usize) -> Option<String> {
    let word = sentence.words.get(w)?;
    let morphs = &sentence.morphs[word.first..word.last];
    for (i, m) in morphs.iter().enumerate() {
        if m.tag == "VV" {
            return Some(format!("{}다", m.form));
        }
        if matches!(m.tag, "NNG" | "NNP") && morphs.get(i + 1).is_some_and(|n| n.tag == "XSV") {
            return Some(format!("{}하다", m.form));
        }
    }
    None
}

/// Where the clause of a host starts: after the last clause boundary before
/// it, inside its quote. Also says whether the clause before is a condition.
fn clause_start(sentence: &Sentence<'_>, host_word: usize) -> (usize, bool) {
    let quote = sentence.words[host_word].quote;
    let mut start = 0;
    let mut conditional = false;
    for w in (0..host_word).rev() {
        let word = &sentence.words[w];
        if quote.is_some() && word.quote != quote {
            start = w + 1;
            break;
        }
        if word.boundary {
            start = w + 1;
            conditional = word
                .ending
                .as_deref()
                .is_some_and(|e| CONDITIONAL.contains(&e));
            break;
        }
    }
    (start, conditional)
}

/// Where the main clause of a marker ends (for blockers after it).
fn clause_end(sentence: &Sentence<'_>, from_word: usize) -> usize {
    let quote = sentence.words.get(from_word).and_then(|w| w.quote);
    for w in from_word..sentence.words.len() {
        let word = &sentence.words[w];
        if let Some(q) = quote {
            if word.quote != Some(q) {
                return sentence
                    .quotes
                    .get(q)
                    .map(|q| q.close)
                    .unwrap_or(word.start);
            }
        }
        if word.boundary && w > from_word {
            return word.end;
        }
    }
    sentence.end
}

fn blocked(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    clause: (usize, usize),
    host_start: usize,
    after_end: usize,
) -> bool {
    let slice = |a: usize, b: usize| sentence.text.get(a..b.max(a)).unwrap_or("");
    context.lexicon.ko_blockers.iter().any(|blocker| {
        let text = match blocker.scope {
            Scope::After => slice(host_start, after_end),
            Scope::Before => slice(clause.0, host_start),
            Scope::Clause => slice(clause.0, clause.1),
            Scope::Sentence => slice(sentence.start, sentence.end),
        };
        text.contains(blocker.text.as_str())
    })
}

/// Turns a host and its reading into a commitment, with its arguments.
fn make_draft(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    host: &Host,
    reading: &Reading,
    conjunct: bool,
) -> Option<Draft> {
    let host_word = sentence.morphs[host.stem].word;
    let quote_index = sentence.words[host_word].quote;
    let quote = quote_index.and_then(|q| sentence.quotes.get(q));
    if let Some(q) = quote {
        if !q.speech || q.request {
            return None;
        }
    }
    let (start_word, conditional) = clause_start(sentence, host_word);
    // 승인이 나면 투자하겠다: a condition before the verb, in its clause.
    let before_host =
        &sentence.morphs[sentence.words[start_word].first..sentence.words[host_word].first];
    let condition_inside = before_host
        .iter()
        .any(|m| m.tag == "EC" && CONDITIONAL.contains(&m.form.as_str()))
        || before_host
            .windows(2)
            .any(|pair| pair[0].form == "ㄹ" && pair[0].tag == "ETM" && pair[1].form == "경우");
    if conditional || condition_inside {
        return None;
    }
    let clause_start_byte = first_letter(sentence, start_word);
    let end_word = reading.end_word.max(host_word);
    let clause_end_byte = sentence
        .words
        .get(end_word)
        .map(|w| w.end)
        .unwrap_or(sentence.end)
        .min(quote.map(|q| q.close).unwrap_or(usize::MAX));
    let host_start = sentence.words[host_word].start;
    let after_end = clause_end(sentence, end_word);
    if blocked(
        context,
        sentence,
        (clause_start_byte, clause_end_byte),
        host_start,
        after_end,
    ) {
        return None;
    }
    let in_clause = |np: &&Np| {
        np.first_word >= start_word && np.last_word < host_word && np.quote == quote_index
    };
    // Actors.
    let subject_np = |nps: Vec<&Np>| -> Option<(Vec<usize>, ActorSource, usize)> {
        let topic = nps
            .iter()
            .filter(|np| np.role == Role::Topic && !np.absorbed)
            .find_map(|np| resolve(context, sentence, np).map(|(ids, s)| (ids, s, np.end)));
        topic.or_else(|| {
            nps.iter()
                .rev()
                .filter(|np| np.role == Role::Subject && !np.absorbed)
                .find_map(|np| resolve(context, sentence, np).map(|(ids, s)| (ids, s, np.end)))
        })
    };
    let clause_nps: Vec<&Np> = sentence.nps.iter().filter(in_clause).collect();
    let mut actor_end = clause_start_byte;
    // 맺다 / 서명하다 sign a deal only with one named (계약을 맺었다, not
    // 결실을 맺었다 or 반대에 서명했다).
    let predicate_type = context
        .lexicon
        .ko_predicates
        .get(&host.lemma)
        .copied()
        .unwrap_or(PredicateType::Plan);
    if predicate_type == PredicateType::Signing {
        let names_a_deal = clause_nps.iter().any(|np| {
            let text = sentence.text.get(np.start..np.noun_end).unwrap_or("");
            context
                .lexicon
                .ko_agreement_nouns
                .iter()
                .any(|n| text.contains(n.as_str()))
        });
        if !names_a_deal {
            return None;
        }
    }
    // A conjunct clause with a subject of its own that names no one
    // (GPU 6만 장이 들어가고, …) is a description, not a commitment.
    if conjunct
        && clause_nps
            .iter()
            .any(|np| is_subject(np) && resolve(context, sentence, np).is_none())
        && !clause_nps
            .iter()
            .any(|np| is_subject(np) && resolve(context, sentence, np).is_some())
    {
        return None;
    }
    // 국민성장펀드가 12억 달러, KIC가 3억 달러 … 각각 출자하기로: every subject.
    let each = sentence
        .text
        .get(clause_start_byte..sentence.words[host_word].start)
        .is_some_and(|t| t.contains("각각"));
    let several: Vec<usize> = if each {
        let mut ids = Vec::new();
        for np in clause_nps
            .iter()
            .filter(|np| np.role == Role::Subject && !np.absorbed)
        {
            if let Some((found, _)) = resolve(context, sentence, np) {
                push_unique(&mut ids, found);
            }
        }
        ids
    } else {
        Vec::new()
    };
    // Inside a quote, a decision or plan with its own subject (“두 정상은 …
    // 점검하기로 했다”) is that subject's plan, not the speaker's pledge.
    let own_subject_in_quote = if quote.is_some() && reading.kind != MarkerKind::Volition {
        subject_np(clause_nps.clone())
    } else {
        None
    };
    let embedded_subject = if reading.embedded {
        clause_nps
            .iter()
            .rev()
            .filter(|np| is_subject(np))
            .find_map(|np| resolve(context, sentence, np).map(|(ids, s)| (ids, s, np.end)))
    } else {
        None
    };
    let (actors, source) = if let Some((ids, source, end)) = embedded_subject {
        // 오픈AI가 발주하겠다는 의향서: the subject of the embedded clause.
        actor_end = end;
        (ids, source)
    } else if several.len() >= 2 {
        (several, ActorSource::Explicit)
    } else if let Some((ids, source, end)) = own_subject_in_quote.clone() {
        actor_end = end;
        (ids, source)
    } else if let Some(q) = quote {
        (q.speaker.clone(), q.source)
    } else if let Some((ids, source, end)) = subject_np(clause_nps.clone()) {
        actor_end = end;
        (ids, source)
    } else if let Some((ids, source, _)) = subject_np(
        sentence
            .nps
            .iter()
            .filter(|np| np.quote.is_none() && np.last_word < start_word)
            .collect(),
    ) {
        (ids, source)
    } else {
        // No one named: the actors carry over from the discourse, but not to
        // passive or event verbs (행사는 열릴 예정이다), which nobody commits to.
        if host.lemma.ends_with("되다")
            || host.lemma.ends_with("지다")
            || PASSIVES.contains(&host.lemma.as_str())
        {
            return None;
        }
        // Nor when the subject is a name no stage knows (로드먼은, 이들은):
        // the sentence is about someone else.
        let unknown_agent = sentence.nps.iter().any(|np| {
            np.last_word <= host_word
                && is_subject(np)
                && np.quote == quote_index
                && sentence.morphs
                    [sentence.words[np.first_word].first..sentence.words[np.last_word].last]
                    .iter()
                    .any(|m| m.tag == "NNP" || (m.tag == "NP" && m.form != "그") || m.form == "씨")
        });
        if unknown_agent {
            return None;
        }
        let previous = context.previous_actors(sentence.index);
        if previous.is_empty() {
            let org = context.last_subject_org?;
            (vec![org], ActorSource::Fallback)
        } else {
            (previous, ActorSource::Fallback)
        }
    };
    if actors.is_empty() {
        return None;
    }
    // Counterparts: 와/과/와의 and organisations or people in the dative.
    let mut counterparts = Vec::new();
    for np in clause_nps.iter().filter(|np| !np.absorbed) {
        let comparison = sentence
            .words
            .get(np.last_word + 1)
            .and_then(|w| sentence.text.get(w.start..w.end))
            .is_some_and(|t| t.starts_with("같") || t.starts_with("달리") || t.starts_with("비해"));
        match np.role {
            Role::With | Role::WithOnly if !comparison => {
                if let Some((ids, _)) = resolve(context, sentence, np) {
                    push_unique(&mut counterparts, ids);
                }
            }
            Role::Dative => {
                if let Some((ids, _)) = resolve(context, sentence, np) {
                    let people_or_orgs = ids.iter().all(|&id| {
                        matches!(
                            context.entity_type(id),
                            Some(EntityType::Org) | Some(EntityType::Person)
                        )
                    });
                    if people_or_orgs {
                        push_unique(&mut counterparts, ids);
                    }
                }
            }
            _ => {}
        }
    }
    // Type and status.
    let predicate = context
        .lexicon
        .ko_predicates
        .get(&host.lemma)
        .copied()
        .unwrap_or(PredicateType::Plan);
    let in_quote = quote.is_some() && own_subject_in_quote.is_none();
    let status = match reading.kind {
        MarkerKind::Decision | MarkerKind::Promised => CommitmentStatus::Announced,
        MarkerKind::Past | MarkerKind::Experience if predicate == PredicateType::Pledge => {
            CommitmentStatus::Announced
        }
        MarkerKind::Agreed | MarkerKind::Past | MarkerKind::Experience => {
            CommitmentStatus::Completed
        }
        MarkerKind::Progressive if host.lemma == "추진하다" => CommitmentStatus::Intended,
        MarkerKind::Present => CommitmentStatus::Announced,
        MarkerKind::Progressive | MarkerKind::Possibility => CommitmentStatus::UnderConsideration,
        _ if reading.reported && !in_quote => CommitmentStatus::Announced,
        _ => CommitmentStatus::Intended,
    };
    let (commitment_type, lemma) = if reading.kind == MarkerKind::Agreed {
        (CommitmentType::Agreement, "합의하다".to_owned())
    } else if reading.negated {
        let stem = host.lemma.strip_suffix('다').unwrap_or(&host.lemma);
        let negative = format!("{stem}지 않다");
        let t = if in_quote {
            CommitmentType::Pledge
        } else {
            CommitmentType::Plan
        };
        (t, negative)
    } else if reading.kind == MarkerKind::Promised {
        (CommitmentType::Pledge, host.lemma.clone())
    } else {
        (
            commitment_type(
                predicate,
                status,
                in_quote,
                context.money_in(clause_start_byte, clause_end_byte),
            ),
            host.lemma.clone(),
        )
    };
    let status = if commitment_type == CommitmentType::Consideration {
        CommitmentStatus::UnderConsideration
    } else {
        status
    };
    // 계약을 맺고 공동 개발에 나서기로: the object of 나서다 comes after 맺고.
    let after_conjoined = (start_word..host_word)
        .rev()
        .find(|&w| {
            let morphs = &sentence.morphs[sentence.words[w].first..sentence.words[w].last];
            morphs.windows(2).any(|pair| {
                matches!(pair[0].tag, "VV" | "XSV" | "VX")
                    && pair[1].tag == "EC"
                    && pair[1].form == "고"
            })
        })
        .map(|w| w + 1)
        .unwrap_or(start_word);
    let object_nps: Vec<&Np> = clause_nps
        .iter()
        .copied()
        .filter(|np| np.first_word >= after_conjoined)
        .collect();
    let object = object_of(
        context,
        sentence,
        &object_nps,
        predicate,
        actor_end.max(clause_start_byte),
    );
    Some(Draft {
        commitment_type,
        status,
        predicate: lemma,
        actors,
        actor_source: source,
        counterparts,
        object,
        sentence: sentence.index,
        start: clause_start_byte,
        end: clause_end_byte.max(clause_start_byte),
        trigger: host_start,
        strong_marker: reading.kind != MarkerKind::Volition || in_quote,
    })
}

/// The object: the agreement noun with its modifiers for agreements, else
/// the `을/를` phrase, with its relative clause when it is a 방안 / 계획.
fn object_of(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    clause_nps: &[&Np],
    predicate: PredicateType,
    after_actor: usize,
) -> Option<String> {
    let lexicon = context.lexicon;
    let noun_text = |np: &Np| {
        sentence
            .text
            .get(np.start..np.noun_end)
            .unwrap_or("")
            .to_owned()
    };
    if matches!(predicate, PredicateType::Agreement | PredicateType::Signing) {
        if let Some(np) = clause_nps.iter().rev().find(|np| {
            let text = noun_text(np);
            lexicon
                .ko_agreement_nouns
                .iter()
                .any(|n| text.contains(n.as_str()))
        }) {
            let text = noun_text(np);
            let cut = lexicon
                .ko_cut_nouns
                .iter()
                .filter_map(|c| text.rfind(&format!("{c} ")).map(|at| at + c.len() + 1))
                .max()
                .unwrap_or(0);
            return clean(text.get(cut..).unwrap_or(&text));
        }
    }
    let head_of = |np: &Np| -> bool {
        let text = noun_text(np);
        let head = text.split_whitespace().last().unwrap_or("").to_owned();
        lexicon
            .ko_proposal_nouns
            .iter()
            .any(|n| head.ends_with(n.as_str()))
    };
    // …완화하는 방안도 검토해 볼 수 있다: the proposal, whatever its particle.
    let proposal_np = (predicate == PredicateType::Consideration)
        .then(|| {
            clause_nps
                .iter()
                .rev()
                .find(|np| matches!(np.role, Role::Object | Role::Topic) && head_of(np))
        })
        .flatten();
    let np = match proposal_np {
        Some(np) => np,
        None => clause_nps.iter().rev().find(|np| np.role == Role::Object)?,
    };
    let text = noun_text(np);
    let proposal = head_of(np);
    if proposal && after_actor < np.start {
        let start = skip_spaces(sentence.text, after_actor);
        return clean(sentence.text.get(start..np.noun_end).unwrap_or(&text));
    }
    clean(&text)
}

fn skip_spaces(text: &str, mut at: usize) -> usize {
    while let Some(c) = text.get(at..).and_then(|t| t.chars().next()) {
        if !c.is_whitespace() {
            break;
        }
        at += c.len_utf8();
    }
    at
}

fn clean(text: &str) -> Option<String> {
    let text = text
        .trim()
        .trim_matches(|c| matches!(c, '"' | '“' | '”' | ','));
    (!text.is_empty()).then(|| text.to_owned())
}

/// ko-dic forms made comparable: final-consonant jamo as compatibility
/// jamo, past 았/였 = 었, adnominal 을 = ㄹ and 은 = ㄴ, connective 아/여 = 어.
fn normalize(form: &str, tag: &str) -> CompactString {
    // Conjoining jamo (U+1100..U+11FF) are rare: most forms are kept as they are.
    let has_jamo = form.chars().any(|c| ('\u{1100}'..='\u{11FF}').contains(&c));
    let form: CompactString = if !has_jamo {
        CompactString::from(form)
    } else {
        form.chars()
            .map(|c| match c {
                'ᆫ' => 'ㄴ',
                'ᆯ' => 'ㄹ',
                'ᆷ' | 'ᄆ' => 'ㅁ',
                'ᆸ' => 'ㅂ',
                'ᆻ' => 'ㅆ',
                'ᆼ' => 'ㅇ',
                other => other,
            })
            .collect()
    };
    let normalized = match (tag, form.as_str()) {
        ("ETM", "은") => "ㄴ",
        ("ETM", "을") => "ㄹ",
        ("EP", "았" | "였" | "었") => "었",
        ("EC", "아" | "여" | "어") => "어",
        ("EC", "아서" | "여서" | "어서") => "어서",
        ("EC", "아야" | "여야" | "어야") => "어야",
        ("JKB", "으로") => "로",
        _ => return form,
    };
    CompactString::const_new(normalized)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_normalized() {
        assert_eq!(normalize("ᆯ", "ETM"), "ㄹ");
        assert_eq!(normalize("을", "ETM"), "ㄹ");
        assert_eq!(normalize("았", "EP"), "었");
        assert_eq!(normalize("여", "EC"), "어");
        assert_eq!(normalize("으로", "JKB"), "로");
        assert_eq!(normalize("체결", "NNG"), "체결");
    }

    #[test]
    fn particles_give_roles() {
        assert_eq!(role_of("는", false), Role::Topic);
        assert_eq!(role_of("가", false), Role::Subject);
        assert_eq!(role_of("와", false), Role::With);
        assert_eq!(role_of("와의", false), Role::WithOnly);
        assert_eq!(role_of("를", false), Role::Object);
        assert_eq!(role_of("", true), Role::List);
        assert_eq!(role_of("에서", false), Role::Other);
    }

    #[test]
    fn markers_match_at_the_start_of_the_tail() {
        let lexicon = super::super::lexicon::Lexicon::load().unwrap();
        let tail = |words: &[&[&str]]| -> Vec<Vec<String>> {
            words
                .iter()
                .map(|w| w.iter().map(|s| (*s).to_owned()).collect())
                .collect()
        };
        let kind =
            |t: Vec<Vec<String>>| match_marker(&lexicon.ko_markers, &t).map(|(m, ..)| m.kind);
        assert_eq!(
            kind(tail(&[&["기", "로"], &["하", "었", "다"]])),
            Some(MarkerKind::Decision)
        );
        assert_eq!(
            kind(tail(&[&["기", "로"], &["합의", "하", "었", "다"]])),
            Some(MarkerKind::Agreed)
        );
        assert_eq!(
            kind(tail(&[&["ㄹ"], &["계획", "이", "다"]])),
            Some(MarkerKind::Intention)
        );
        assert_eq!(
            kind(tail(&[&["겠", "다고"], &["밝히", "었", "다"]])),
            Some(MarkerKind::Volition)
        );
        assert_eq!(kind(tail(&[&["었", "다"]])), Some(MarkerKind::Past));
        assert_eq!(kind(tail(&[&["고", ","]])), Some(MarkerKind::Conjunct));
        assert_eq!(
            kind(tail(&[&["지"], &["않", "었", "다"]])),
            Some(MarkerKind::Negation)
        );
        assert_eq!(kind(tail(&[&["면", ","]])), Some(MarkerKind::Blocked));
        assert_eq!(kind(tail(&[&["는"], &["방안", "을"]])), None);
    }
}
