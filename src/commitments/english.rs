//! English commitments over word tokens.
//!
//! Triggers are a modal before a listed verb (`will invest`; `would` only in
//! reported speech, `said the company would expand`), an intention marker
//! before any verb (`plans to open`, `aims to`, `agreed to`), a progressive
//! of a consideration verb (`is reviewing`), or the past of an agreement or
//! pledge verb (`signed`, `pledged`). The subject is the noun phrase before
//! the verb group, read back to a clause boundary: entities (people first,
//! as titles precede names; `A and B` both), pronouns (`it` after `said` →
//! the one who said it), descriptors (`the company`), collective references
//! (`the two companies`). Inside quotes the speaker commits.

use super::lexicon::{MarkerKind, PredicateType, ReferenceKind, Scope, SpeechKind};
use super::{ActorSource, Context, Draft, MentionRef, commitment_type, push_unique};
use crate::output::{CommitmentStatus, CommitmentType, EntityType};

/// Adverbs allowed between a modal or marker and its verb, or before the verb group.
const ADVERBS: &[&str] = &[
    "also",
    "jointly",
    "then",
    "further",
    "still",
    "now",
    "soon",
    "first",
    "initially",
    "gradually",
    "each",
    "together",
    "quickly",
    "eventually",
    "additionally",
    "immediately",
    "separately",
    "again",
    "already",
    "formally",
    "officially",
    "subsequently",
    "finally",
];

/// Words that close the subject of a verb when read backwards.
const BOUNDARIES: &[&str] = &[
    "that", "which", "who", "whom", "whose", "where", "when", "while", "but", "because", "as",
    "after", "before", "although", "though", "since", "if", "unless", "whereas", "so", "or",
    "under", "with", "by", "to", "in", "on", "of", "for", "from", "at", "into",
];

const PRONOUNS: &[&str] = &["it", "they", "he", "she", "we", "i"];

/// Words after the verb where its object stops.
const OBJECT_STOPS: &[&str] = &[
    "with",
    "by",
    "that",
    "which",
    "who",
    "as",
    "starting",
    "from",
    "through",
    "until",
    "while",
    "on",
    "over",
    "after",
    "before",
    "and",
    "under",
    "between",
    "effective",
    "including",
    "to",
];

#[derive(Debug, Clone)]
struct Word<'t> {
    text: &'t str,
    lower: String,
    start: usize,
    end: usize,
    quote: Option<usize>,
}

#[derive(Debug, Clone)]
struct Quote {
    first: usize,
    last: usize,
    speaker: Vec<usize>,
    source: ActorSource,
}

#[derive(Debug, Clone)]
struct Trigger {
    /// First word of the verb group (the modal, the marker, has).
    at: usize,
    /// The predicate's first word and how many words it has.
    verb: usize,
    verb_len: usize,
    lemma: String,
    predicate: PredicateType,
    kind: MarkerKind,
    /// For a verb coordinated with an earlier one (will build … and
    /// deliver): that trigger's first word; it commits only if that one does.
    head: Option<usize>,
}

struct Sentence<'t> {
    index: usize,
    start: usize,
    end: usize,
    words: Vec<Word<'t>>,
    quotes: Vec<Quote>,
    /// The last quote goes on in the next sentence.
    still_open: bool,
}

/// Finds the commitments of English sentence `index`.
pub(crate) fn analyse(context: &mut Context<'_>, index: usize) {
    let Some(mut sentence) = build(context, index) else {
        return;
    };
    for q in 0..sentence.quotes.len() {
        let carried = q == 0 && sentence.quotes[q].first == 0 && context.open_quote.is_some();
        let (speaker, source) = match (&context.open_quote, carried) {
            (Some((ids, source)), true) => (ids.clone(), *source),
            _ => speaker_of(context, &sentence, q),
        };
        sentence.quotes[q].speaker = speaker;
        sentence.quotes[q].source = source;
    }
    context.open_quote = if sentence.still_open {
        sentence
            .quotes
            .last()
            .map(|q| (q.speaker.clone(), q.source))
    } else {
        None
    };
    if !sentence.still_open {
        context.pending_speaker = None;
    }
    let triggers = triggers(context, &sentence);
    let mut drafts: Vec<Draft> = Vec::new();
    let mut drafted: Vec<(usize, Draft)> = Vec::new();
    for trigger in &triggers {
        let head = match trigger.head {
            Some(at) => match drafted.iter().find(|(a, _)| *a == at) {
                Some((_, draft)) => Some(draft.clone()),
                None => continue,
            },
            None => None,
        };
        let draft = match head {
            Some(head) => make_draft(context, &sentence, trigger, &drafts).map(|d| Draft {
                actors: head.actors.clone(),
                actor_source: head.actor_source,
                start: head.start.min(d.start),
                ..d
            }),
            None => make_draft(context, &sentence, trigger, &drafts),
        };
        if let Some(draft) = draft {
            drafted.push((trigger.at, draft.clone()));
            drafts.push(draft.clone());
            // Recorded at once: `the two companies` later in the sentence
            // may mean this commitment's parties.
            context.record(draft);
        }
    }
    if let Some(speaker) = sentence
        .quotes
        .iter()
        .rev()
        .flat_map(|q| q.speaker.iter().copied())
        .find(|&id| context.entity_type(id) == Some(EntityType::Person))
    {
        context.last_speaker = Some(speaker);
    }
    // The organisation a sentence opens with is what `the company` will mean.
    let opening = sentence
        .words
        .iter()
        .take(8)
        .filter(|w| w.quote.is_none())
        .find_map(|w| {
            context
                .mentions_in(w.start, w.end)
                .find(|m| m.start == w.start && !possessive(context, m.end))
        });
    if let Some(mention) = opening {
        if context.entity_type(mention.entity) == Some(EntityType::Org) {
            context.last_subject_org = Some(mention.entity);
        }
    }
}

fn build<'t>(context: &Context<'t>, index: usize) -> Option<Sentence<'t>> {
    let document = context.document;
    let bounds = document.sentences.get(index)?;
    let text = document.text();
    let mut words: Vec<Word<'t>> = document
        .sentence_tokens(index)
        .iter()
        .map(|t| {
            let text = t.text(text);
            Word {
                text,
                lower: text.to_lowercase().replace('’', "'"),
                start: t.start,
                end: t.end,
                quote: None,
            }
        })
        .collect();
    // Double quotes: “…” or "…". A quote left open runs to the sentence's
    // end and on into the next sentences; one closed without an opening
    // started in an earlier sentence (or at this one's start).
    let carried = context.open_quote.is_some();
    let straight = words.iter().filter(|w| w.text == "\"").count();
    let mut quotes = Vec::new();
    let mut open: Option<usize> = None;
    let mut first_straight = true;
    for (i, word) in words.iter().enumerate() {
        match word.text {
            "“" => open = Some(i),
            "”" => quotes.push((open.take().unwrap_or(0), i)),
            "\"" => {
                let closes_carried = first_straight && (carried || (straight % 2 == 1 && i > 0));
                first_straight = false;
                if closes_carried {
                    quotes.push((0, i));
                } else if let Some(first) = open.take() {
                    quotes.push((first, i));
                } else {
                    open = Some(i);
                }
            }
            _ => {}
        }
    }
    if carried && quotes.is_empty() && open.is_none() && !words.is_empty() {
        // A whole sentence inside a quote that spans sentences.
        quotes.push((0, words.len()));
    }
    let still_open =
        open.is_some() || (carried && quotes.last().is_some_and(|q| q.1 == words.len()));
    if let Some(first) = open {
        quotes.push((first, words.len()));
    }
    let quotes: Vec<Quote> = quotes
        .into_iter()
        .map(|(first, last)| Quote {
            first,
            last,
            speaker: Vec::new(),
            source: ActorSource::Fallback,
        })
        .collect();
    for (q, quote) in quotes.iter().enumerate() {
        for word in words.iter_mut().take(quote.last).skip(quote.first) {
            word.quote = Some(q);
        }
    }
    Some(Sentence {
        index,
        start: bounds.start,
        end: bounds.end,
        words,
        quotes,
        still_open,
    })
}

/// Whether the text at `end` is a possessive `'s`.
fn possessive(context: &Context<'_>, end: usize) -> bool {
    let rest = context.document.text().get(end..).unwrap_or("");
    rest.starts_with("'s") || rest.starts_with("’s") || rest.starts_with("' ")
}

fn is_word(word: &Word<'_>) -> bool {
    word.text.chars().next().is_some_and(char::is_alphabetic)
}

/// The speaker of quote `q`: a person named around the speech verb after
/// it (`…," Kim said`, `…," said Chairman Chung`), else before it
/// (`Kim said: "…`), else the previous quote's, else the last speaker.
fn speaker_of(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    q: usize,
) -> (Vec<usize>, ActorSource) {
    let quote = &sentence.quotes[q];
    let words = &sentence.words;
    let speech =
        |w: &Word<'_>| context.lexicon.en_speech.get(&w.lower) == Some(&SpeechKind::Speech);
    let pick = |from: usize, to: usize, person_last: bool| -> Option<usize> {
        let (Some(a), Some(b)) = (
            words.get(from),
            words.get(to.min(words.len()).saturating_sub(1)),
        ) else {
            return None;
        };
        let mentions: Vec<MentionRef> = context.mentions_in(a.start, b.end).collect();
        let people: Vec<_> = mentions
            .iter()
            .filter(|m| context.entity_type(m.entity) == Some(EntityType::Person))
            .collect();
        let person = if person_last {
            people.last()
        } else {
            people.first()
        };
        person.map(|m| m.entity).or_else(|| {
            mentions
                .iter()
                .find(|m| {
                    context.entity_type(m.entity) == Some(EntityType::Org)
                        && !possessive(context, m.end)
                })
                .map(|m| m.entity)
        })
    };
    let after = quote.last + 1;
    if let Some(v) = (after..(after + 15).min(words.len()))
        .take_while(|&j| words[j].quote.is_none())
        .find(|&j| speech(&words[j]))
    {
        if let Some(id) = pick(after, v, true).or_else(|| pick(v + 1, v + 9, false)) {
            return (vec![id], ActorSource::Explicit);
        }
        let pronoun = words[after..v]
            .iter()
            .any(|w| w.lower == "he" || w.lower == "she");
        if pronoun {
            let people = context.resolve_person_pronoun(words[v].start);
            if !people.is_empty() {
                return (people, ActorSource::Reference);
            }
        }
    }
    if quote.first > 0 {
        let from = quote.first.saturating_sub(8);
        if let Some(v) = (from..quote.first).rev().find(|&j| speech(&words[j])) {
            if let Some((ids, source, _)) = subject_of(context, sentence, v, &[], false) {
                return (ids, source);
            }
        }
    }
    if q > 0 && !sentence.quotes[q - 1].speaker.is_empty() {
        return (
            sentence.quotes[q - 1].speaker.clone(),
            sentence.quotes[q - 1].source,
        );
    }
    if let Some((ids, source)) = &context.pending_speaker {
        return (ids.clone(), *source);
    }
    match context.last_speaker {
        Some(id) => (vec![id], ActorSource::Fallback),
        None => (Vec::new(), ActorSource::Fallback),
    }
}

/// Every trigger of the sentence, in text order.
fn triggers(context: &Context<'_>, sentence: &Sentence<'_>) -> Vec<Trigger> {
    let lexicon = context.lexicon;
    let words = &sentence.words;
    let lower: Vec<&str> = words.iter().map(|w| w.lower.as_str()).collect();
    let mut found: Vec<Trigger> = Vec::new();
    let skip_adverbs = |mut j: usize| {
        while lower.get(j).is_some_and(|w| ADVERBS.contains(w)) {
            j += 1;
        }
        j
    };
    let negated_before = |i: usize| {
        i > 0 && (matches!(lower[i - 1], "not" | "no" | "never") || lower[i - 1].ends_with("n't"))
    };
    let mut i = 0;
    while i < words.len() {
        let word = lower[i];
        // will / would / we'll + verb.
        let modal = match word {
            "will" => Some(MarkerKind::Modal),
            "would" => Some(MarkerKind::ReportedModal),
            w if w.ends_with("'ll") => Some(MarkerKind::Modal),
            _ => None,
        };
        if let Some(kind) = modal {
            let j = skip_adverbs(i + 1);
            if let Some(form) = lexicon.en_predicate_at(&lower, j) {
                let keep_going =
                    form.lemma == "keep" && lower.get(j + 1).is_some_and(|w| w.ends_with("ing"));
                if form.predicate_type != PredicateType::None
                    && form.kind == super::lexicon::FormKind::Base
                {
                    let lemma = if keep_going {
                        format!("keep {}", lower[j + 1])
                    } else {
                        form.lemma.clone()
                    };
                    found.push(Trigger {
                        at: i,
                        verb: j,
                        verb_len: form.words.len() + usize::from(keep_going),
                        lemma,
                        predicate: form.predicate_type,
                        kind,
                        head: None,
                    });
                    i = j + form.words.len();
                    continue;
                }
            }
            i += 1;
            continue;
        }
        // plans to / aims to / is considering ...
        let marker = lexicon.en_markers.iter().find(|m| {
            !matches!(m.kind, MarkerKind::Modal | MarkerKind::ReportedModal)
                && m.words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| lower.get(i + k) == Some(&w.as_str()))
        });
        if let Some(marker) = marker {
            let len = marker.words.len();
            let noun_use = i > 0
                && matches!(
                    lower[i - 1],
                    "a" | "an"
                        | "the"
                        | "its"
                        | "their"
                        | "our"
                        | "his"
                        | "her"
                        | "this"
                        | "new"
                        | "any"
                        | "no"
                );
            if negated_before(i) || noun_use {
                i += len;
                continue;
            }
            if marker.kind == MarkerKind::Progressive {
                let verb = i + len - 1;
                if let Some(form) = lexicon.en_predicate_at(&lower, verb) {
                    found.push(Trigger {
                        at: i,
                        verb,
                        verb_len: form.words.len(),
                        lemma: form.lemma.clone(),
                        predicate: form.predicate_type,
                        kind: marker.kind,
                        head: None,
                    });
                }
                i += len;
                continue;
            }
            let j = skip_adverbs(i + len);
            let next = lower.get(j).copied().unwrap_or("");
            let (lemma, predicate, verb_len) = match lexicon.en_predicate_at(&lower, j) {
                Some(form) if form.kind == super::lexicon::FormKind::Base => {
                    (form.lemma.clone(), form.predicate_type, form.words.len())
                }
                _ if next.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    && !next.is_empty() =>
                {
                    (next.to_owned(), PredicateType::Plan, 1)
                }
                _ => (String::new(), PredicateType::None, 1),
            };
            if predicate != PredicateType::None && !matches!(next, "be" | "have") {
                found.push(Trigger {
                    at: i,
                    verb: j,
                    verb_len,
                    lemma,
                    predicate,
                    kind: marker.kind,
                    head: None,
                });
                i = j + verb_len;
                continue;
            }
            i += len;
            continue;
        }
        // signed / agreed / pledged ...
        if let Some(form) = lexicon.en_predicate_at(&lower, i) {
            let finite_past = form.kind == super::lexicon::FormKind::Past
                && (matches!(
                    form.predicate_type,
                    PredicateType::Agreement | PredicateType::Pledge
                ) || form.lemma == "order");
            let passive = i > 0
                && matches!(
                    lower[i - 1],
                    "was" | "were" | "been" | "be" | "being" | "is" | "are" | "to"
                );
            if finite_past && !passive && !negated_before(i) {
                let mut at = i;
                while at > 0
                    && (ADVERBS.contains(&lower[at - 1])
                        || matches!(lower[at - 1], "has" | "have" | "had"))
                {
                    at -= 1;
                }
                found.push(Trigger {
                    at,
                    verb: i,
                    verb_len: form.words.len(),
                    lemma: form.lemma.clone(),
                    predicate: form.predicate_type,
                    kind: MarkerKind::Past,
                    head: None,
                });
                i += form.words.len();
                continue;
            }
        }
        i += 1;
    }
    // will build the vessels … and deliver them: the modal reaches the
    // second verb too (outside quotes, where pledges are spelled out).
    let mut extra = Vec::new();
    for trigger in &found {
        if !matches!(
            trigger.kind,
            MarkerKind::Modal | MarkerKind::ReportedModal | MarkerKind::Intention
        ) || words[trigger.at].quote.is_some()
        {
            continue;
        }
        let end = clause_end(sentence, trigger.verb);
        for j in trigger.verb + trigger.verb_len..end {
            if lower[j] != "and" || found.iter().any(|t| t.at > trigger.at && t.at <= j + 1) {
                continue;
            }
            let k = skip_adverbs(j + 1);
            if let Some(form) = lexicon.en_predicate_at(&lower, k) {
                if form.kind == super::lexicon::FormKind::Base
                    && form.predicate_type != PredicateType::None
                {
                    extra.push(Trigger {
                        at: k,
                        verb: k,
                        verb_len: form.words.len(),
                        lemma: form.lemma.clone(),
                        predicate: form.predicate_type,
                        kind: trigger.kind,
                        head: Some(trigger.at),
                    });
                    break;
                }
            }
        }
    }
    found.extend(extra);
    found.sort_by_key(|t| t.at);
    // `pledged that Korea would channel…`, `agreed to …`: the complement is
    // the pledge's content, not a commitment of its own.
    let mut kept: Vec<Trigger> = Vec::new();
    for trigger in found {
        let absorbed = kept.iter().any(|earlier| {
            earlier.kind == MarkerKind::Past
                && earlier.verb < trigger.at
                && matches!(
                    lower.get(earlier.verb + earlier.verb_len),
                    Some(&"that") | Some(&"to")
                )
                && clause_end(sentence, earlier.verb) > trigger.at
        });
        if !absorbed {
            kept.push(trigger);
        }
    }
    kept
}

/// The word index where the clause of the word at `from` ends (exclusive).
fn clause_end(sentence: &Sentence<'_>, from: usize) -> usize {
    let words = &sentence.words;
    let quote = words.get(from).and_then(|w| w.quote);
    for j in from + 1..words.len() {
        let w = &words[j];
        if w.quote != quote || matches!(w.text, ";" | ":" | "—" | "“" | "”" | "\"") {
            return j;
        }
        if matches!(w.lower.as_str(), "while" | "whereas") {
            return j;
        }
        if w.text == "," {
            let next = words.get(j + 1).map(|n| n.lower.as_str()).unwrap_or("");
            if matches!(next, "and" | "but" | "while" | "whereas" | "which" | "as") {
                return j;
            }
        }
    }
    words.len()
}

/// The subject before word `t` (the start of a verb group): the actors it
/// names, how they were found, and the byte where the subject starts.
fn subject_of(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    t: usize,
    earlier: &[Draft],
    follow_pronoun: bool,
) -> Option<(Vec<usize>, ActorSource, usize)> {
    let words = &sentence.words;
    let mut e = t;
    while e > 0 && ADVERBS.contains(&words[e - 1].lower.as_str()) {
        e -= 1;
    }
    // we'll: the pronoun is inside the modal's word.
    if let Some(pronoun) = words.get(t).and_then(|w| w.lower.strip_suffix("'ll")) {
        return resolve_pronoun(context, sentence, pronoun, t, earlier, follow_pronoun);
    }
    let (start, boundary) = span_before(context, sentence, e);
    if start == e {
        let boundary_word = boundary.map(|b| words[b].lower.as_str());
        match boundary_word {
            Some(",") => {
                // X, the group's flagship shipyard, will …: skip the apposition.
                let b = boundary.unwrap_or(0);
                let previous = (b.saturating_sub(20)..b)
                    .rev()
                    .find(|&j| words[j].text == "," || words[j].quote != words[t].quote)?;
                if words[previous].text != "," {
                    return None;
                }
                let (s, _) = span_before(context, sentence, previous);
                if s == previous {
                    return None;
                }
                return noun_phrase(context, sentence, s, previous, t, earlier, follow_pronoun);
            }
            Some("and") | Some("but") => {
                // …, and aims to …: the subject of the verb before.
                if let Some(last) = earlier.last() {
                    return Some((last.actors.clone(), ActorSource::Reference, last.start));
                }
                let b = boundary.unwrap_or(0);
                let mention = context
                    .mentions_in(sentence.start, words[b].start)
                    .rev()
                    .find(|m| {
                        let before = words
                            .iter()
                            .rposition(|w| w.end <= m.start)
                            .map(|p| words[p].lower.as_str())
                            .unwrap_or("");
                        !possessive(context, m.end)
                            && matches!(
                                context.entity_type(m.entity),
                                Some(EntityType::Org) | Some(EntityType::Person)
                            )
                            && !matches!(
                                before,
                                "in" | "near"
                                    | "with"
                                    | "to"
                                    | "from"
                                    | "of"
                                    | "at"
                                    | "including"
                                    | "for"
                                    | "by"
                                    | "on"
                            )
                    })?;
                return Some((vec![mention.entity], ActorSource::Fallback, mention.start));
            }
            Some(word) if context.lexicon.en_speech.get(word) == Some(&SpeechKind::Speech) => {
                // Samsung announced plans to invest …: the announcer.
                let b = boundary.unwrap_or(0);
                return subject_of(context, sentence, b, earlier, false);
            }
            Some("that") | Some("which") | Some("who") => {
                // Stargate, the infrastructure venture that aims to …: the
                // name the relative clause hangs on.
                let b = boundary.unwrap_or(0);
                let after_speech = b > 0
                    && (b.saturating_sub(4)..b).any(|j| {
                        context
                            .lexicon
                            .en_speech
                            .contains_key(words[j].lower.as_str())
                    });
                if after_speech || b == 0 {
                    return None;
                }
                let named = |end_word: usize| {
                    let w = words.get(end_word)?;
                    context.mentions_overlapping(w.start, w.end).find(|m| {
                        m.end >= w.end && m.end <= w.end + 1 && !possessive(context, m.end)
                    })
                };
                if let Some(m) = named(b - 1) {
                    return Some((vec![m.entity], ActorSource::Explicit, m.start));
                }
                let (s, stop) = span_before(context, sentence, b);
                let apposition = stop.filter(|&c| words[c].text == "," && c > 0);
                let m = apposition.and_then(|c| named(c - 1))?;
                let _ = s;
                return Some((vec![m.entity], ActorSource::Explicit, m.start));
            }
            _ => return None,
        }
    }
    noun_phrase(context, sentence, start, e, t, earlier, follow_pronoun)
}

/// Reads back from `end` to the start of the subject; returns the first
/// word of the subject and the boundary word that stopped the reading.
fn span_before(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    end: usize,
) -> (usize, Option<usize>) {
    let words = &sentence.words;
    let quote = words.get(end).or(words.last()).and_then(|w| w.quote);
    let mut k = end;
    while k > 0 {
        let w = &words[k - 1];
        let lower = w.lower.as_str();
        let dash = w.text == "-"
            && context
                .document
                .text()
                .get(..w.start)
                .and_then(|t| t.chars().next_back())
                .is_some_and(|c| c.is_whitespace() || c == '-');
        if w.quote != quote || dash || matches!(w.text, ";" | ":" | "—" | "–" | "“" | "”" | "\"")
        {
            return (k, Some(k - 1));
        }
        let speech = context.lexicon.en_speech.contains_key(lower);
        if BOUNDARIES.contains(&lower) || speech {
            // `The Ministry of Economy and Finance`: inside a name, not a boundary.
            let inside_name = context
                .mentions_overlapping(w.start, w.end)
                .any(|m| m.start < w.start && m.end > w.end);
            if !inside_name {
                return (k, Some(k - 1));
            }
        }
        if lower == "," || lower == "and" {
            let inside_name = context
                .mentions_overlapping(w.start, w.end)
                .any(|m| m.start < w.start && m.end > w.end);
            if !inside_name && !coordinates(context, sentence, k - 1, end) {
                return (k, Some(k - 1));
            }
        }
        k -= 1;
    }
    (0, None)
}

/// Whether the `,` or `and` at `at` joins two names of one subject
/// (`OpenAI, SoftBank Group and Oracle`).
fn coordinates(context: &Context<'_>, sentence: &Sentence<'_>, at: usize, end: usize) -> bool {
    let words = &sentence.words;
    if at + 1 >= end {
        return false;
    }
    let mut right = at + 1;
    if words[right].lower == "and" {
        right += 1;
    }
    let Some(right_word) = words.get(right) else {
        return false;
    };
    let right_end = words
        .get(end.saturating_sub(1))
        .map(|w| w.end)
        .unwrap_or(right_word.end);
    let starts_name = context
        .mentions_in(right_word.start, right_end)
        .next()
        .is_some();
    let mut left = at;
    while left > 0 && matches!(words[left - 1].text, ")" | ",") {
        left -= 1;
        if words[left].text == ")" {
            while left > 0 && words[left].text != "(" {
                left -= 1;
            }
        }
    }
    let Some(left_word) = left.checked_sub(1).and_then(|l| words.get(l)) else {
        return false;
    };
    let ends_name = context
        .mentions_overlapping(left_word.start, left_word.end)
        .any(|m| m.end <= left_word.end && m.end > left_word.start);
    starts_name && ends_name
}

/// The actors of the noun phrase `words[start..end]`.
fn noun_phrase(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    start: usize,
    end: usize,
    t: usize,
    earlier: &[Draft],
    follow_pronoun: bool,
) -> Option<(Vec<usize>, ActorSource, usize)> {
    let words = &sentence.words;
    let first = words.get(start)?;
    let last = words.get(end.checked_sub(1)?)?;
    let byte = first.start;
    if PRONOUNS.contains(&last.lower.as_str()) {
        return resolve_pronoun(
            context,
            sentence,
            &last.lower,
            end - 1,
            earlier,
            follow_pronoun,
        )
        .map(|(ids, source, _)| (ids, source, byte));
    }
    let all: Vec<MentionRef> = context.mentions_in(first.start, last.end).collect();
    // The head noun is not a name (the Seoul hub): places before it modify it.
    let head_named = all.iter().any(|m| m.end >= last.end);
    let mentions: Vec<_> = all
        .iter()
        .filter(|m| !possessive(context, m.end))
        .filter(|m| {
            !all.iter().any(|o| {
                (o.start < m.start && o.end >= m.end) || (o.start <= m.start && o.end > m.end)
            })
        })
        .filter(|m| head_named || context.entity_type(m.entity) != Some(EntityType::Location))
        .copied()
        .collect();
    if !mentions.is_empty() {
        let people: Vec<usize> = mentions
            .iter()
            .filter(|m| context.entity_type(m.entity) == Some(EntityType::Person))
            .map(|m| m.entity)
            .collect();
        let mut ids = Vec::new();
        if !people.is_empty() {
            push_unique(&mut ids, people);
        } else {
            let first_name = mentions.first().map(|m| m.end).unwrap_or(0);
            let last_name = mentions.last().map(|m| m.start).unwrap_or(0);
            let joined = words[start..end].iter().any(|w| {
                (w.lower == "and" || w.text == ",")
                    && w.start >= first_name
                    && w.end <= last_name
                    && !all.iter().any(|m| m.start < w.start && m.end > w.end)
            });
            let unique: Vec<usize> = {
                let mut u = Vec::new();
                push_unique(&mut u, mentions.iter().map(|m| m.entity));
                u
            };
            if joined {
                ids = unique;
            } else {
                ids.extend(unique.last().copied());
            }
        }
        return Some((ids, ActorSource::Explicit, byte));
    }
    let phrase: String = words[start..end]
        .iter()
        .map(|w| w.lower.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let determined = matches!(first.lower.as_str(), "the" | "this" | "its" | "both");
    let head = last.lower.as_str();
    for reference in &context.lexicon.en_references {
        let fits = match reference.kind {
            ReferenceKind::Collective => {
                phrase == reference.phrase
                    || phrase
                        .strip_suffix(reference.phrase.as_str())
                        .is_some_and(|rest| rest.ends_with(' '))
            }
            ReferenceKind::Descriptor | ReferenceKind::Facility => {
                determined && head == reference.phrase
            }
            ReferenceKind::Pronoun => false,
        };
        if !fits {
            continue;
        }
        if reference.kind == ReferenceKind::Facility {
            // The Seoul hub … will employ: the one who reports it.
            let speech = (0..start).rev().find(|&j| {
                context.lexicon.en_speech.get(&words[j].lower) == Some(&SpeechKind::Speech)
            });
            if let Some(v) = speech {
                if let Some((ids, _, _)) = subject_of(context, sentence, v, earlier, false) {
                    return Some((ids, ActorSource::Reference, byte));
                }
            }
        }
        let ids = context.resolve_reference(reference, head, words[t].start, sentence.start);
        if !ids.is_empty() {
            return Some((ids, ActorSource::Reference, byte));
        }
    }
    None
}

/// What `it`, `they`, `he`, `we` stand for: the subject of the speech verb
/// that governs them (`SK hynix said it…`), else the discourse.
fn resolve_pronoun(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    pronoun: &str,
    at: usize,
    earlier: &[Draft],
    follow: bool,
) -> Option<(Vec<usize>, ActorSource, usize)> {
    let words = &sentence.words;
    let byte = words.get(at).map(|w| w.start).unwrap_or(sentence.start);
    if matches!(pronoun, "we" | "i") {
        return None;
    }
    if follow {
        // said (on Wednesday) it / told reporters that it.
        let speech = (at.saturating_sub(6)..at).rev().find(|&j| {
            context.lexicon.en_speech.get(&words[j].lower) == Some(&SpeechKind::Speech)
                && words[j].quote == words[at].quote
        });
        if let Some(v) = speech {
            if let Some((ids, _, start)) = subject_of(context, sentence, v, earlier, false) {
                let wanted: Vec<usize> = match pronoun {
                    "it" => {
                        let orgs: Vec<usize> = ids
                            .iter()
                            .copied()
                            .filter(|&id| context.entity_type(id) != Some(EntityType::Person))
                            .collect();
                        if orgs.is_empty() {
                            // SK hynix CEO Kwak said it …: the company in the subject.
                            context
                                .mentions_in(start, words[v].start)
                                .filter(|m| context.entity_type(m.entity) == Some(EntityType::Org))
                                .map(|m| m.entity)
                                .take(1)
                                .collect()
                        } else {
                            orgs
                        }
                    }
                    _ => ids,
                };
                if !wanted.is_empty() {
                    return Some((wanted, ActorSource::Reference, start));
                }
            }
        }
    }
    let ids = match pronoun {
        "they" => earlier
            .last()
            .filter(|d| d.actors.len() > 1)
            .map(|d| d.actors.clone())
            .unwrap_or_else(|| context.previous_parties(byte, 0, None)),
        "it" => context.last_subject_org.into_iter().collect(),
        _ => context.resolve_person_pronoun(byte),
    };
    (!ids.is_empty()).then_some((ids, ActorSource::Reference, byte))
}

fn make_draft(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    trigger: &Trigger,
    earlier: &[Draft],
) -> Option<Draft> {
    let words = &sentence.words;
    let quote = words[trigger.at].quote.and_then(|q| sentence.quotes.get(q));
    let in_quote = quote.is_some();
    if trigger.kind == MarkerKind::ReportedModal {
        // `would` commits only in reported speech: said the company would …
        let reported = !in_quote
            && words[..trigger.at].iter().any(|w| {
                w.quote.is_none()
                    && context.lexicon.en_speech.get(&w.lower) == Some(&SpeechKind::Speech)
            });
        if !reported {
            return None;
        }
    }
    let end_word = clause_end(sentence, trigger.verb + trigger.verb_len - 1);
    let (actors, source, subject_start) = if let Some(q) = quote {
        // Inside a quote the speaker commits; a signed agreement keeps its
        // own subject (“NextEra Energy has signed …”).
        let own = if trigger.kind == MarkerKind::Past {
            subject_of(context, sentence, trigger.at, earlier, true)
                .filter(|(ids, _, _)| !ids.is_empty())
        } else {
            None
        };
        match own {
            Some(found) => found,
            None => (q.speaker.clone(), q.source, words[q.first].start),
        }
    } else {
        subject_of(context, sentence, trigger.at, earlier, true)?
    };
    if actors.is_empty() {
        return None;
    }
    let own_subject_in_quote = in_quote && trigger.kind == MarkerKind::Past;
    let clause_start = subject_start.max(sentence.start);
    // If the permit is approved, X will …: blockers look back to the start
    // of the sentence's segment, not only to the subject.
    let segment_start = (0..trigger.at)
        .rev()
        .find(|&j| {
            let w = &words[j];
            w.quote != words[trigger.at].quote
                || w.text == ";"
                || (w.text == ","
                    && words
                        .get(j + 1)
                        .is_some_and(|n| matches!(n.lower.as_str(), "and" | "but" | "while")))
        })
        .map(|j| words[j].end)
        .unwrap_or(sentence.start)
        .min(clause_start);
    let clause_end_byte = words
        .get(end_word.saturating_sub(1))
        .map(|w| w.end)
        .unwrap_or(sentence.end)
        .max(words[trigger.verb].end);
    if blocked(
        context,
        sentence,
        segment_start,
        words[trigger.at].start,
        clause_end_byte,
    ) {
        return None;
    }
    let verb_end = trigger.verb + trigger.verb_len;
    let status = match trigger.kind {
        MarkerKind::Past if trigger.predicate == PredicateType::Pledge => {
            CommitmentStatus::Announced
        }
        MarkerKind::Past => CommitmentStatus::Completed,
        MarkerKind::Progressive => CommitmentStatus::UnderConsideration,
        MarkerKind::Decision | MarkerKind::Promised => CommitmentStatus::Announced,
        MarkerKind::Intention => CommitmentStatus::Intended,
        _ if in_quote => CommitmentStatus::Intended,
        _ => CommitmentStatus::Announced,
    };
    let after_verb = words
        .get(verb_end)
        .map(|w| w.start)
        .unwrap_or(clause_end_byte);
    let money = context.money_in(after_verb, clause_end_byte);
    let pledge_context = in_quote && !own_subject_in_quote;
    let mut commitment_type = commitment_type(trigger.predicate, status, pledge_context, money);
    if trigger.kind == MarkerKind::Promised {
        commitment_type = CommitmentType::Pledge;
    }
    let status = if commitment_type == CommitmentType::Consideration {
        CommitmentStatus::UnderConsideration
    } else {
        status
    };
    let counterparts = counterparts_of(context, sentence, trigger, verb_end, end_word);
    let object = object_of(context, sentence, verb_end, end_word);
    Some(Draft {
        commitment_type,
        status,
        predicate: trigger.lemma.clone(),
        actors,
        actor_source: source,
        counterparts,
        object,
        sentence: sentence.index,
        start: clause_start,
        end: clause_end_byte.min(sentence.end),
        trigger: words[trigger.at].start,
        strong_marker: trigger.kind != MarkerKind::Modal || in_quote,
    })
}

fn blocked(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    start: usize,
    at: usize,
    end: usize,
) -> bool {
    let text = context.document.text();
    let slice = |a: usize, b: usize| text.get(a..b.max(a)).unwrap_or("").to_lowercase();
    let clause = slice(start, end);
    let before = slice(start, at);
    let after = slice(at, end);
    let whole = slice(sentence.start, sentence.end);
    context.lexicon.en_blockers.iter().any(|blocker| {
        let haystack = match blocker.scope {
            Scope::After => &after,
            Scope::Before => &before,
            Scope::Clause => &clause,
            Scope::Sentence => &whole,
        };
        contains_words(haystack, &blocker.text)
    })
}

/// Whether `needle` occurs in `haystack` on word boundaries.
fn contains_words(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        let starts_with_letter = needle.chars().next().is_some_and(char::is_alphanumeric);
        let ends_with_letter = needle
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        (!starts_with_letter || boundary(before)) && (!ends_with_letter || boundary(after))
    })
}

/// With whom: `with X (and Y)`, `to X`, `provide X with`.
fn counterparts_of(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    trigger: &Trigger,
    verb_end: usize,
    end: usize,
) -> Vec<usize> {
    let words = &sentence.words;
    let mut ids = Vec::new();
    let names_from = |j: usize| -> Vec<usize> {
        let mut found = Vec::new();
        let mut k = j;
        while k < end {
            let w = &words[k];
            let here: Vec<_> = context
                .mentions_in(w.start, w.end)
                .filter(|m| m.start == w.start)
                .collect();
            if let Some(m) = here.first() {
                if !possessive(context, m.end)
                    && matches!(
                        context.entity_type(m.entity),
                        Some(EntityType::Org)
                            | Some(EntityType::Person)
                            | Some(EntityType::Location)
                    )
                {
                    push_unique(&mut found, [m.entity]);
                }
                // Past the name; at least one word, as a name can end
                // inside a word (Korea's).
                k += 1;
                while k < end && words[k].end <= m.end {
                    k += 1;
                }
                if words.get(k).is_some_and(|w| w.lower == "'s") {
                    k += 1;
                }
                continue;
            }
            if matches!(w.lower.as_str(), "and" | ",") && !found.is_empty() {
                k += 1;
                continue;
            }
            break;
        }
        found
    };
    if matches!(trigger.lemma.as_str(), "provide" | "give" | "offer") {
        let direct = names_from(verb_end);
        if !direct.is_empty() {
            return direct;
        }
    }
    for (j, word) in words.iter().enumerate().take(end).skip(verb_end) {
        let lower = word.lower.as_str();
        if matches!(lower, "that" | "which" | "who") {
            break;
        }
        if matches!(lower, "with" | "to") {
            let found = names_from(j + 1);
            if !found.is_empty() {
                push_unique(&mut ids, found);
                break;
            }
        }
    }
    ids
}

/// What is committed to: the words after the verb up to a clause stop.
fn object_of(
    context: &Context<'_>,
    sentence: &Sentence<'_>,
    verb_end: usize,
    end: usize,
) -> Option<String> {
    let words = &sentence.words;
    // pledged that …, agreed to …: the complement is the object.
    let verb_end = if words
        .get(verb_end)
        .is_some_and(|w| w.lower == "that" || w.lower == "to")
    {
        verb_end + 1
    } else {
        verb_end
    };
    let first = words.get(verb_end)?;
    let mut last = None;
    for j in verb_end..end {
        let w = &words[j];
        if !is_word(w)
            && !matches!(w.text, "$" | "€" | "£" | "¥" | "(" | ")" | "-" | "%")
            && !w.text.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            break;
        }
        if OBJECT_STOPS.contains(&w.lower.as_str()) {
            // `to` stops only before a name (supply HBM to OpenAI).
            let before_name = words.get(j + 1).is_some_and(|n| {
                context
                    .mentions_in(n.start, n.end)
                    .any(|m| m.start == n.start)
            });
            if w.lower != "to" || before_name {
                break;
            }
        }
        let date_here = context
            .mentions_overlapping(w.start, w.end)
            .any(|m| context.entity_type(m.entity) == Some(EntityType::Date));
        if date_here && j > verb_end {
            break;
        }
        last = Some(j);
    }
    let last = words.get(last?)?;
    let text = context.document.text().get(first.start..last.end)?;
    let text = text.trim_end_matches(['(', ' ']);
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_on_boundaries() {
        assert!(contains_words("only if prices fall", "if"));
        assert!(!contains_words("the gift", "if"));
        assert!(contains_words("has no plans to", "no plans"));
        assert!(contains_words("why?", "?"));
    }
}
