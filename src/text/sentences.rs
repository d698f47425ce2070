//! Sentence segmentation for Korean and English news.

use crate::error::Result;
use crate::lexicon::parse_tsv;
use foldhash::HashMap;

/// Sentences longer than this (in bytes) are cut at a space, so that one
/// unpunctuated 50,000-character line cannot make later stages slow.
pub const MAX_SENTENCE_BYTES: usize = 3000;

/// A quotation longer than this (in bytes) no longer holds its sentence
/// together: an unbalanced quote mark must not glue a whole paragraph.
const MAX_QUOTE_BYTES: usize = 600;

/// How an abbreviation with a final period behaves at a sentence boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AbbreviationKind {
    Title,
    Acronym,
    Starter,
}

/// Splits text into sentences: at line breaks, and after `.`, `?`, `!`, `…`
/// (with any closing quotes) when white space follows, except after
/// abbreviations (`Nov.`, `U.S.`), initials, inside numbers (`3.2%`) and
/// inside a quotation (`그는 “A다. B다”고 말했다` is one sentence: the quote
/// belongs with its speaker).
#[derive(Debug, Clone)]
pub struct SentenceSplitter {
    words: HashMap<String, AbbreviationKind>,
}

const ABBREVIATIONS: &str = include_str!("../../dictionaries/abbreviations.tsv");

impl SentenceSplitter {
    /// Builds the splitter from `dictionaries/abbreviations.tsv`.
    pub fn new() -> Result<Self> {
        let mut words = HashMap::default();
        for row in parse_tsv(
            "abbreviations.tsv",
            ABBREVIATIONS,
            &["abbreviation", "kind"],
            2,
        )? {
            let kind = match row.get(1).trim() {
                "title" => AbbreviationKind::Title,
                "acronym" => AbbreviationKind::Acronym,
                "starter" => AbbreviationKind::Starter,
                other => {
                    return Err(crate::Error::Lexicon {
                        source_name: "abbreviations.tsv".into(),
                        line: row.line,
                        message: format!("unknown kind {other:?}"),
                    });
                }
            };
            words.insert(row.get(0).trim().to_owned(), kind);
        }
        Ok(SentenceSplitter { words })
    }

    /// Byte ranges of the sentences of `text`, trimmed of surrounding white space,
    /// in order, never empty.
    pub fn split(&self, text: &str) -> Vec<(usize, usize)> {
        let mut sentences = Vec::new();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        let mut open_quote: Option<usize> = None;
        while let Some((index, c)) = chars.next() {
            if c == '\n' {
                push_trimmed(text, start, index, &mut sentences);
                start = index + 1;
                open_quote = None;
                continue;
            }
            let closes_quote = match c {
                '“' | '「' | '『' | '«' => {
                    open_quote = Some(index);
                    false
                }
                '”' | '」' | '』' | '»' => open_quote.take().is_some(),
                '"' if open_quote.is_some() => open_quote.take().is_some(),
                '"' => {
                    open_quote = Some(index);
                    false
                }
                _ => false,
            };
            if closes_quote {
                // `“…것이다.” 대통령은`: a quotation that ends a sentence.
                let end = index + c.len_utf8();
                let ended = text[..index].chars().next_back().is_some_and(is_terminal);
                if ended && text[end..].chars().next().is_none_or(char::is_whitespace) {
                    push_trimmed(text, start, end, &mut sentences);
                    start = end;
                }
                continue;
            }
            if index - start >= MAX_SENTENCE_BYTES {
                let cut = cut_point(text, start, index);
                push_trimmed(text, start, cut, &mut sentences);
                start = cut;
            }
            if !is_terminal(c) || open_quote.is_some_and(|q| index - q < MAX_QUOTE_BYTES) {
                continue;
            }
            // Take the whole run of terminal marks and closing quotes.
            let mut end = index + c.len_utf8();
            while let Some(&(next_index, next)) = chars.peek() {
                if is_terminal(next) || is_closing(next) {
                    end = next_index + next.len_utf8();
                    if is_closing(next) {
                        open_quote = None;
                    }
                    chars.next();
                } else {
                    break;
                }
            }
            let followed_by_space = text[end..].chars().next().is_none_or(char::is_whitespace);
            if followed_by_space && !(c == '.' && self.period_continues(text, start, index, end)) {
                push_trimmed(text, start, end, &mut sentences);
                start = end;
            }
        }
        push_trimmed(text, start, text.len(), &mut sentences);
        sentences
    }

    /// Whether the period at `period` belongs to an abbreviation or initial, so
    /// the sentence goes on.
    fn period_continues(&self, text: &str, start: usize, period: usize, end: usize) -> bool {
        if end != period + 1 {
            return false; // `Inc.”` or `etc.)`: the quote closes the sentence
        }
        let word_start = text[start..period]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"' || c == '“')
            .map_or(start, |(i, c)| start + i + c.len_utf8());
        let word = &text[word_start..end];
        let bare = &text[word_start..period];
        let mut bare_chars = bare.chars();
        if let (Some(first), None) = (bare_chars.next(), bare_chars.next()) {
            if first.is_ascii_uppercase() {
                return true; // an initial: `J. Kim`
            }
        }
        match self.words.get(word) {
            Some(AbbreviationKind::Title) => true,
            Some(AbbreviationKind::Acronym) => !self.next_word_starts_sentence(text, end),
            Some(AbbreviationKind::Starter) | None => false,
        }
    }

    fn next_word_starts_sentence(&self, text: &str, from: usize) -> bool {
        let rest = text[from..].trim_start();
        let Some(first) = rest.chars().next() else {
            return true;
        };
        if !first.is_alphabetic() || crate::text::language::is_hangul(first) {
            return true;
        }
        let word_end = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        self.words.get(&rest[..word_end]) == Some(&AbbreviationKind::Starter)
    }
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '。' | '？' | '！')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '」' | '』' | '》' | '〉'
    )
}

/// Where to cut an overlong sentence that runs from `start` to at least `at`:
/// after the last white space, else at `at` itself (a char boundary).
fn cut_point(text: &str, start: usize, at: usize) -> usize {
    text[start..at]
        .rfind(char::is_whitespace)
        .map(|i| start + i + 1)
        .filter(|&cut| cut > start + MAX_SENTENCE_BYTES / 2)
        .unwrap_or(at)
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let slice = &text[start..end];
    let trimmed_start = start + (slice.len() - slice.trim_start().len());
    let trimmed_end = start + slice.trim_end().len();
    if trimmed_end > trimmed_start {
        out.push((trimmed_start, trimmed_end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let splitter = SentenceSplitter::new().unwrap();
        splitter
            .split(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn korean_endings_and_quotes() {
        assert_eq!(
            split("양해각서를 체결했다. 그는 “노력하겠다. 꼭 하겠다”고 답했다.\n이날 회동에는"),
            vec![
                "양해각서를 체결했다.",
                "그는 “노력하겠다. 꼭 하겠다”고 답했다.",
                "이날 회동에는"
            ]
        );
        assert_eq!(
            split("“AI가 세상을 바꿀 것이다.” 대통령은 말했다."),
            vec!["“AI가 세상을 바꿀 것이다.”", "대통령은 말했다."]
        );
    }

    #[test]
    fn english_abbreviations_and_numbers() {
        assert_eq!(
            split(
                "SEOUL, Nov. 12 -- Shares rose 3.2% on Wednesday. The U.S. Commerce Department agreed."
            ),
            vec![
                "SEOUL, Nov. 12 -- Shares rose 3.2% on Wednesday.",
                "The U.S. Commerce Department agreed."
            ]
        );
        assert_eq!(
            split("It opened a plant in the U.S. The company said so. Mr. J. Kim left."),
            vec![
                "It opened a plant in the U.S.",
                "The company said so.",
                "Mr. J. Kim left."
            ]
        );
    }

    #[test]
    fn ellipsis_inside_a_headline_does_not_split() {
        assert_eq!(
            split("‘AI 동맹’ 본격화…삼성·SK 참여"),
            vec!["‘AI 동맹’ 본격화…삼성·SK 참여"]
        );
        assert_eq!(split("기다렸다… 그리고"), vec!["기다렸다…", "그리고"]);
    }

    #[test]
    fn overlong_sentences_are_cut_at_spaces() {
        let text = "가나다 ".repeat(2000);
        let sentences = split(&text);
        assert!(sentences.len() >= 4);
        assert!(sentences.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES + 3));
        let joined: usize = sentences.iter().map(|s| s.len()).sum();
        assert_eq!(joined, text.trim().len() - (sentences.len() - 1));
    }

    #[test]
    fn no_text_no_sentences() {
        assert!(split("").is_empty());
        assert!(split(" \n\n ").is_empty());
    }
}
