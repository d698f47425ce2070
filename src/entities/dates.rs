//! Date expressions as Korean NER (KLUE DT) spans them: `2029년`, `12월`,
//! `지난 3일`, `2025년 10월 1일`, `내년 1분기`, `이날`, durations (`3년간`);
//! English `Nov. 12`, `Wednesday`, `2027`, `last year`, `first quarter of 2027`.

use crate::error::{Error, Result};
use crate::lexicon::parse_tsv;
use regex::Regex;

const DATE_WORDS: &str = include_str!("../../dictionaries/date_words.tsv");

/// The date grammars of both languages, compiled once.
#[derive(Debug, Clone)]
pub struct DateFinder {
    korean: Regex,
    english: Regex,
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
        let compile = |pattern: &str| {
            Regex::new(pattern).map_err(|e| Error::Lexicon {
                source_name: "date_words.tsv".into(),
                line: 0,
                message: e.to_string(),
            })
        };
        Ok(DateFinder {
            korean: compile(&korean)?,
            english: compile(&english)?,
        })
    }

    /// Byte spans of the date expressions of a Korean sentence.
    pub fn korean(&self, sentence: &str) -> Vec<(usize, usize)> {
        self.korean
            .find_iter(sentence)
            .filter(|m| !glued_to_number(sentence, m.start(), m.end()))
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    /// Byte spans of the date expressions of an English sentence.
    pub fn english(&self, sentence: &str) -> Vec<(usize, usize)> {
        self.english
            .find_iter(sentence)
            .filter(|m| {
                let before = sentence[..m.start()].chars().next_back();
                let after = sentence[m.end()..].chars().next();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '$' || c == ',' || c == '.')
                    && !after.is_some_and(|c| c.is_alphanumeric() || c == '%')
            })
            .map(|m| (m.start(), m.end()))
            .collect()
    }
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
