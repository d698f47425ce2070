//! Date expressions as Korean NER (KLUE DT) spans them: `2029년`, `12월`,
//! `지난 3일`, `2025년 10월 1일`, `내년 1분기`, `이날`, durations (`3년간`);
//! English `Nov. 12`, `Wednesday`, `2027`, `last year`, `first quarter of 2027`.

use crate::charset::CharSet;
use crate::error::{Error, Result};
use crate::lexicon::parse_tsv;
use regex_automata::hybrid::LazyStateID;
use regex_automata::hybrid::dfa::DFA;
use regex_automata::meta::{self, Regex};
use regex_automata::util::{pool::Pool, start};
use regex_automata::{Anchored, Input};
use std::panic::{RefUnwindSafe, UnwindSafe};

const DATE_WORDS: &str = include_str!("../../dictionaries/date_words.tsv");

/// The date grammars of both languages, compiled once.
#[derive(Debug, Clone)]
pub struct DateFinder {
    korean: Grammar,
    english: Grammar,
}

fn alternation(words: &[String]) -> String {
    let mut words: Vec<&String> = words.iter().collect();
    // Longest first, so that `지난해` is tried before `지난`.
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
        .iter()
        .map(|w| regex::escape(w).replace(' ', r"\s"))
        .collect::<Vec<_>>()
        .join("|")
}

const EN_NUMBER_WORDS: &str =
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty";

impl DateFinder {
    /// Compiles the grammars from `dictionaries/date_words.tsv`.
    pub fn new() -> Result<Self> {
        let mut by_kind: foldhash::HashMap<String, Vec<String>> = Default::default();
        for row in parse_tsv("date_words.tsv", DATE_WORDS, &["word", "kind"], 2)? {
            by_kind
                .entry(row.get(1).trim().to_owned())
                .or_default()
                .push(row.get(0).trim().to_owned());
        }
        let get = |kind: &str| alternation(by_kind.get(kind).map_or(&[][..], Vec::as_slice));
        let ko_number_date = r"(?:\d{4}년(?:도|대)?(?:\s?\d{1,2}(?:~\d{1,2})?월)?(?:\s?\d{1,2}일)?(?:\s?[1-4]분기)?|\d{1,2}(?:~\d{1,2})?월(?:\s?\d{1,2}일)?|\d{1,2}일|[1-4]분기|\d{2}년대|\d{1,2}(?:~\d{1,2})?(?:년|개월|주|주일)(?:간|째|여)?|\d{1,3}일간|(?:일주일|닷새|사흘|이틀|나흘|한\s달)(?:간|째)?)";
        let korean = format!(
            r"(?:(?:(?:{prefix}|{words})\s?)?{number}|(?:{words}))(?:\s?(?:{suffix}))?",
            prefix = get("ko_prefix"),
            number = ko_number_date,
            words = get("ko_word"),
            suffix = get("ko_suffix"),
        );
        let month = get("en_month");
        let english = format!(
            r"(?:(?:{part})\sof\s(?:(?:19|20)\d{{2}}|(?i:next|this|last)\syear)|(?:{month})(?:\s\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s(?:19|20)\d{{2}})?|(?:{weekday})|(?i:{relative})|(?i:next|past|last|coming)\s(?:\d+|{numbers})\s(?:years|months|weeks|days)|(?:\d+|{numbers})-(?:year|month|week|day)|(?:early|mid|late)-(?:19|20)\d{{2}}|fiscal\s(?:19|20)\d{{2}}|(?:19|20)\d{{2}})",
            part = get("en_part"),
            month = month,
            weekday = get("en_weekday"),
            relative = get("en_relative"),
            numbers = EN_NUMBER_WORDS,
        );
        Ok(DateFinder {
            korean: Grammar::new(&korean)?,
            english: Grammar::new(&english)?,
        })
    }

    /// Byte spans of the date expressions of a Korean sentence.
    pub fn korean(&self, sentence: &str) -> Vec<(usize, usize)> {
        let mut spans = self.korean.find_iter(sentence);
        spans.retain(|&(start, end)| !glued_to_number(sentence, start, end));
        spans
    }

    /// Byte spans of the date expressions of an English sentence.
    pub fn english(&self, sentence: &str) -> Vec<(usize, usize)> {
        let mut spans = self.english.find_iter(sentence);
        spans.retain(|&(start, end)| {
            let before = sentence[..start].chars().next_back();
            let after = sentence[end..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '$' || c == ',' || c == '.')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '%')
        });
        spans
    }
}

/// What makes the lazy DFA caches of one grammar, one per thread.
type CacheFn = Box<dyn Fn() -> meta::Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// One compiled date grammar, searched only where a match can start.
///
/// Scanning a whole sentence with the grammar (`find_iter`) runs its
/// unanchored lazy DFA, whose every state carries all the alternatives of
/// the long word lists and Unicode classes: each new state costs thousands
/// of instructions, and news text keeps reaching new ones (measured: most of
/// the entities stage). A match can only start at one of a few characters
/// (digits, the first letters of the date words), so the grammar is run
/// anchored at those alone, where its states are few and cheap.
struct Grammar {
    pattern: String,
    regex: Regex,
    starts: MatchStarts,
    caches: Pool<meta::Cache, CacheFn>,
}

impl Grammar {
    fn new(pattern: &str) -> Result<Self> {
        let error = |message: String| Error::Lexicon {
            source_name: "date_words.tsv".into(),
            line: 0,
            message,
        };
        let regex = Regex::new(pattern).map_err(|e| error(e.to_string()))?;
        // An empty match could start anywhere, so there would be no
        // characters to look for; no date is empty anyway.
        if regex.is_match(Input::new("").anchored(Anchored::Yes)) {
            return Err(error("a date pattern matches the empty text".into()));
        }
        let starts = MatchStarts::of(pattern).map_err(error)?;
        Ok(Grammar::from_parts(pattern.to_owned(), regex, starts))
    }

    fn from_parts(pattern: String, regex: Regex, starts: MatchStarts) -> Self {
        let for_caches = regex.clone();
        let create: CacheFn = Box::new(move || for_caches.create_cache());
        Grammar {
            pattern,
            regex,
            starts,
            caches: Pool::new(create),
        }
    }

    /// Byte spans of the matches in `text`: leftmost-first and
    /// non-overlapping, the spans `regex::Regex::find_iter` gives.
    fn find_iter(&self, text: &str) -> Vec<(usize, usize)> {
        let mut cache = self.caches.get();
        let mut spans = Vec::new();
        let mut from = 0;
        // The leftmost match starts at the first position where an anchored
        // search matches; positions whose characters start no match are skipped.
        while let Some((at, c)) = text[from..]
            .char_indices()
            .map(|(i, c)| (from + i, c))
            .find(|&(_, c)| self.starts.first.contains(c))
        {
            let input = Input::new(text).range(at..).anchored(Anchored::Yes);
            match self.regex.search_with(&mut cache, &input) {
                Some(m) => {
                    spans.push((m.start(), m.end()));
                    from = m.end();
                }
                None => from = at + c.len_utf8(),
            }
        }
        spans
    }
}

impl Clone for Grammar {
    fn clone(&self) -> Self {
        Grammar::from_parts(
            self.pattern.clone(),
            self.regex.clone(),
            self.starts.clone(),
        )
    }
}

impl std::fmt::Debug for Grammar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Grammar")
            .field("pattern", &self.pattern)
            .finish_non_exhaustive()
    }
}

/// The first characters a match can have, read off the pattern's own
/// automaton (so they follow any change to the grammar or the word lists):
/// those after which its anchored DFA is not dead, from every kind of start
/// (text start, after a line break, after a word or non-word byte).
#[derive(Debug, Clone)]
struct MatchStarts {
    first: CharSet,
}

impl MatchStarts {
    fn of(pattern: &str) -> std::result::Result<Self, String> {
        // State ids are kept and compared below: they stay valid only as long
        // as the lazy DFA's cache is never cleared, which is checked at the
        // end (the capacity is a bound; memory is taken as states are made).
        let dfa = DFA::builder()
            .configure(DFA::config().cache_capacity(64 << 20))
            .build(pattern)
            .map_err(|e| e.to_string())?;
        let mut cache = dfa.create_cache();
        let mut first = Vec::new();
        let mut starts = Vec::new();
        for look_behind in [None, Some(b'\n'), Some(b'\r'), Some(b' '), Some(b'a')] {
            let config = start::Config::new()
                .anchored(Anchored::Yes)
                .look_behind(look_behind);
            let start = dfa
                .start_state(&mut cache, &config)
                .map_err(|e| e.to_string())?;
            // Without look-around in the grammar, every start is the same state.
            if !starts.contains(&start) {
                starts.push(start);
                first.extend(live_chars(&dfa, &mut cache, start)?);
            }
        }
        if cache.clear_count() > 0 {
            return Err("the date grammar's automaton is too large to read its starts off".into());
        }
        Ok(MatchStarts {
            first: first.into_iter().collect(),
        })
    }
}

/// The characters after which `dfa`, from `state`, is not dead. Depth first
/// over UTF-8 byte sequences, a dead state cutting off everything after it.
fn live_chars(
    dfa: &DFA,
    cache: &mut regex_automata::hybrid::dfa::Cache,
    state: LazyStateID,
) -> std::result::Result<Vec<char>, String> {
    let mut chars = Vec::new();
    // A state and the bytes of the character begun so far (at most three).
    let mut pending = vec![(state, [0u8; 4], 0)];
    while let Some((state, bytes, len)) = pending.pop() {
        for byte in 0..=u8::MAX {
            let mut longer = bytes;
            longer[len] = byte;
            let complete = match std::str::from_utf8(&longer[..=len]) {
                Ok(text) => text.chars().next(),
                // A valid beginning of a longer character.
                Err(e) if e.error_len().is_none() => None,
                Err(_) => continue,
            };
            let next = dfa
                .next_state(cache, state, byte)
                .map_err(|e| e.to_string())?;
            if next.is_dead() {
                continue;
            }
            match complete {
                Some(c) => chars.push(c),
                // A valid beginning is shorter than four bytes.
                None if len < 3 => pending.push((next, longer, len + 1)),
                None => {}
            }
        }
    }
    Ok(chars)
}

/// Whether a match is part of a longer number (`12,345일`, `1.5년`).
fn glued_to_number(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    before.is_some_and(|c| c.is_ascii_digit() || c == ',' || c == '.')
        || after.is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn korean(text: &str) -> Vec<&str> {
        let finder = DateFinder::new().unwrap();
        finder
            .korean(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    fn english(text: &str) -> Vec<&str> {
        let finder = DateFinder::new().unwrap();
        finder
            .english(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn korean_dates() {
        assert_eq!(korean("2029년에 90만 웨이퍼를"), vec!["2029년"]);
        assert_eq!(
            korean("지난 3일과 2025년 10월 1일, 내년 1분기"),
            vec!["지난 3일", "2025년 10월 1일", "내년 1분기"]
        );
        assert_eq!(
            korean("이날 지난주 지난해 올해 말"),
            vec!["이날", "지난주", "지난해", "올해 말"]
        );
        assert_eq!(korean("정부가 12월에 출범할"), vec!["12월"]);
        assert_eq!(
            korean("24일(현지시간) 3년간 10개월"),
            vec!["24일", "3년간", "10개월"]
        );
        assert_eq!(korean("150조 원과 1,234일"), Vec::<&str>::new());
        assert_eq!(
            korean("1990년대부터 80년대 말까지, 어제부터 내일까지 오늘"),
            vec!["1990년대", "80년대 말", "어제", "내일", "오늘"]
        );
        assert_eq!(
            korean("다음 달 3일부터 올해 1~9월, 지난해 같은 기간, 2026년도 사흘간"),
            vec![
                "다음 달 3일",
                "올해 1~9월",
                "지난해 같은 기간",
                "2026년도",
                "사흘간"
            ]
        );
    }

    /// The plain scan the anchored search replaces.
    fn scanned(grammar: &Grammar, text: &str) -> Vec<(usize, usize)> {
        regex::Regex::new(&grammar.pattern)
            .unwrap()
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    #[test]
    fn anchored_search_finds_what_a_scan_finds() {
        let finder = DateFinder::new().unwrap();
        let mut texts: Vec<String> = [
            "지난 3일과 2025년 10월 1일, 내년 1분기, 이날 지난주 지난해 올해 말",
            "다음 달 3일부터 올해 1~9월, 지난해 같은 기간, 2026년도 사흘간 한 달간",
            "150조 원과 1,234일, 12,345일 1.5년, 지난지난해, 이이날, 올올해",
            "２０２５년 １２월, ٢٠٢٥년 ١٢월 (non-ASCII digits), 2025년\u{3000}10월",
            "SEOUL, Nov. 12 (Korex Wire) -- on Wednesday, LAST YEAR, Next Month",
            "by 2027 and in the first quarter of 2027, mid-2026 and fiscal 2026, a 10-year deal",
            "",
        ]
        .map(str::to_owned)
        .to_vec();
        // Every date word of the lexicon, alone and glued to what is around it.
        for row in parse_tsv("date_words.tsv", DATE_WORDS, &["word", "kind"], 2).unwrap() {
            let word = row.get(0).trim();
            texts.push(format!("{word} 3일 {word}2026년 말 x{word}x 12월{word}"));
        }
        // Real articles of both languages.
        for folder in ["corpus/ko", "corpus/en"] {
            let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
            for entry in std::fs::read_dir(folder).unwrap() {
                texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
            }
        }
        let mut found = 0;
        for text in &texts {
            for grammar in [&finder.korean, &finder.english] {
                let spans = grammar.find_iter(text);
                assert_eq!(spans, scanned(grammar, text), "in {text:?}");
                found += spans.len();
            }
        }
        assert!(found > 500, "only {found} dates in the samples");
    }

    #[test]
    fn anchored_search_of_grammars_matching_one_character() {
        // A match of the first character alone, followed by anything: no
        // restriction on what follows it may come from the walk after it.
        for pattern in ["가", "가|가나다", "가나다|가", r"\d|\d일", "가나?", "ab|가"] {
            let grammar = Grammar::new(pattern).unwrap();
            for text in [
                "가라",
                "가나다",
                "가",
                "x가y",
                "가나",
                "1a",
                "1일",
                "가가나다a",
                "ab가",
            ] {
                let spans = grammar.find_iter(text);
                assert_eq!(spans, scanned(&grammar, text), "{pattern} in {text:?}");
            }
        }
    }

    #[test]
    fn match_starts_are_the_first_characters_of_dates() {
        let finder = DateFinder::new().unwrap();
        let starts = &finder.korean.starts;
        for c in ['2', '지', '오', '이', '사', '한', '２', '٢'] {
            assert!(starts.first.contains(c), "{c}");
        }
        for c in ['a', ' ', '원', '의', '말', '\u{10FFFF}'] {
            assert!(!starts.first.contains(c), "{c}");
        }
        let starts = &finder.english.starts;
        for c in ['N', 'n', 'W', 'l', 'L', '1', 'f', 'e'] {
            assert!(starts.first.contains(c), "{c}");
        }
        for c in ['x', '지', ' '] {
            assert!(!starts.first.contains(c), "{c}");
        }
    }

    #[test]
    fn english_dates() {
        assert_eq!(
            english("SEOUL, Nov. 12 (Korex Wire) -- on Wednesday"),
            vec!["Nov. 12", "Wednesday"]
        );
        assert_eq!(
            english("by 2027 and in the first quarter of 2027"),
            vec!["2027", "first quarter of 2027"]
        );
        assert_eq!(
            english("Last year and next month, over the next five years"),
            vec!["Last year", "next month", "next five years"]
        );
        assert_eq!(english("a $2027 fee and 2,027 units"), Vec::<&str>::new());
        assert_eq!(
            english("mid-2026 and fiscal 2026, a 10-year deal"),
            vec!["mid-2026", "fiscal 2026", "10-year"]
        );
    }
}
