//! Tokens: lindera ko-dic for Korean sentences, Unicode word boundaries for the rest.

use crate::error::{Error, Result};
use crate::text::Language;
use compact_str::CompactString;
use foldhash::HashMap;
use lindera::dictionary::WordId;
use lindera::dictionary::{DictionaryBuilder, UserDictionary, load_dictionary};
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;
use lindera::worker::SegmentWorker;
use unicode_segmentation::UnicodeSegmentation;

/// One token of the normalized text, copied out of lindera (or made from a
/// Unicode word boundary), so later stages never need the tokenizer again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset in the normalized text where the token starts.
    pub start: usize,
    /// Byte offset in the normalized text where the token ends (exclusive).
    pub end: usize,
    /// Index of the sentence the token belongs to.
    pub sentence: usize,
    /// Part of speech: ko-dic's tag (`NNP`, `VV+EP`, `SN`...) for Korean, and
    /// the same symbol tags for English (`SL` word, `SN` number, `SF` `.?!`,
    /// `SC` separator, `SSO`/`SSC` brackets, `SY` other symbol).
    ///
    /// Short strings like these are stored inline (no allocation per token).
    pub pos: CompactString,
    /// ko-dic's semantic class (`인명` person, `지명` place...), if any.
    pub semantic: Option<CompactString>,
    /// ko-dic's morpheme analysis of compound and inflected forms
    /// (`하/XSV/*+었/EP/*`), if any.
    pub expression: Option<CompactString>,
}

impl Token {
    /// The token's text in `text` (the normalized document text).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether the POS tag (or the first tag of a compound tag) is `tag`.
    pub fn pos_starts_with(&self, tag: &str) -> bool {
        self.pos.split('+').next() == Some(tag)
    }

    /// The dictionary form of a verb or adjective (`했` → `하다`), from the
    /// expression's first morpheme; `None` for other tokens.
    pub fn lemma(&self, text: &str) -> Option<String> {
        let first_tag = self.pos.split('+').next()?;
        if !matches!(
            first_tag,
            "VV" | "VA" | "VX" | "XSV" | "XSA" | "VCP" | "VCN"
        ) {
            return None;
        }
        let stem = match &self.expression {
            Some(expression) => expression.split('/').next()?.to_owned(),
            None => self.text(text).to_owned(),
        };
        Some(format!("{stem}다"))
    }
}

const USER_DICTIONARY: &str = include_str!("../dictionaries/user_dictionary.csv");

/// The tokenizer engine: ko-dic and the user dictionary, loaded once and
/// shared read-only by every worker.
#[derive(Clone)]
pub struct Tokenizer {
    segmenter: Segmenter,
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer").finish_non_exhaustive()
    }
}

impl Tokenizer {
    /// Loads the embedded ko-dic and `dictionaries/user_dictionary.csv`.
    pub fn new() -> Result<Self> {
        let dictionary = load_dictionary("embedded://ko-dic").map_err(|e| Error::Dictionary {
            message: e.to_string(),
        })?;
        let user_dictionary = build_user_dictionary(&dictionary.metadata, USER_DICTIONARY)?;
        let segmenter = Segmenter::new(Mode::Normal, dictionary, Some(user_dictionary));
        Ok(Tokenizer { segmenter })
    }

    /// A worker for one thread, with its own reusable lattice.
    pub fn worker(&self) -> TokenizerWorker {
        TokenizerWorker {
            segment_worker: self.segmenter.new_worker(),
            word_infos: HashMap::default(),
        }
    }
}

fn build_user_dictionary(
    metadata: &lindera::dictionary::Metadata,
    csv: &str,
) -> Result<UserDictionary> {
    // lindera's CSV reader knows no comments or header: hand it the rows only.
    let rows: String = csv
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .skip(1)
        .flat_map(|line| [line, "\n"])
        .collect();
    DictionaryBuilder::new(metadata.clone())
        .build_user_dict_from_reader(rows.as_bytes())
        .map_err(|e| Error::Dictionary {
            message: format!("user_dictionary.csv: {e}"),
        })
}

/// Tokenizes sentences for one thread.
pub struct TokenizerWorker {
    segment_worker: SegmentWorker,
    /// What korex reads of each dictionary entry, by word id: lindera parses
    /// an entry's detail fields anew for every token, and most tokens of news
    /// text are entries seen before.
    word_infos: HashMap<u64, WordInfo>,
}

/// Entries the per-worker cache holds before it starts over (bounds memory
/// on huge batches; a few MB at most).
const MAX_CACHED_WORDS: usize = 100_000;

/// The fields of a ko-dic entry korex keeps on its tokens.
struct WordInfo {
    pos: CompactString,
    semantic: Option<CompactString>,
    expression: Option<CompactString>,
}

impl WordInfo {
    /// Reads ko-dic's fields of a token: 0 POS, 1 semantic class, 7 expression.
    fn of(token: &mut lindera::token::Token<'_>) -> Self {
        let (mut pos, mut semantic, mut expression) = (None, None, None);
        for (i, value) in token.details_iter().enumerate().take(8) {
            let value = (value != "*" && !value.is_empty()).then_some(value);
            match i {
                0 => pos = value.map(CompactString::from),
                1 => semantic = value.map(CompactString::from),
                7 => expression = value.map(CompactString::from),
                _ => {}
            }
        }
        WordInfo {
            pos: pos.unwrap_or_else(|| CompactString::const_new("UNKNOWN")),
            semantic,
            expression,
        }
    }
}

/// A cache key for a word id: which lexicon, and the id within it.
fn word_key(word_id: WordId) -> u64 {
    let lexicon = if word_id.is_unknown() {
        2
    } else if word_id.is_system() {
        0
    } else {
        1
    };
    (lexicon << 32) | u64::from(word_id.id())
}

impl TokenizerWorker {
    /// Appends the tokens of one sentence (`text[start..end]`, index `sentence`)
    /// to `out`: ko-dic for Korean sentences, word boundaries otherwise.
    pub fn tokenize_sentence(
        &mut self,
        text: &str,
        (start, end): (usize, usize),
        sentence: usize,
        language: Language,
        out: &mut Vec<Token>,
    ) -> Result<()> {
        let Some(sentence_text) = text.get(start..end) else {
            return Ok(());
        };
        if matches!(language, Language::Ko | Language::Mixed) {
            let tokens =
                self.segment_worker
                    .segment(sentence_text)
                    .map_err(|e| Error::Tokenize {
                        message: e.to_string(),
                    })?;
            for mut token in tokens {
                let key = word_key(token.word_id);
                let info = match self.word_infos.get(&key) {
                    Some(info) => info,
                    None => {
                        if self.word_infos.len() >= MAX_CACHED_WORDS {
                            self.word_infos.clear();
                        }
                        self.word_infos
                            .entry(key)
                            .or_insert_with(|| WordInfo::of(&mut token))
                    }
                };
                out.push(Token {
                    start: start + token.byte_start,
                    end: start + token.byte_end,
                    sentence,
                    pos: info.pos.clone(),
                    semantic: info.semantic.clone(),
                    expression: info.expression.clone(),
                });
            }
        } else {
            for (offset, word) in sentence_text.split_word_bound_indices() {
                if word.chars().all(char::is_whitespace) {
                    continue;
                }
                out.push(Token {
                    start: start + offset,
                    end: start + offset + word.len(),
                    sentence,
                    pos: symbol_tag(word).into(),
                    semantic: None,
                    expression: None,
                });
            }
        }
        Ok(())
    }
}

/// The ko-dic-style tag of a non-Korean word.
fn symbol_tag(word: &str) -> &'static str {
    let Some(first) = word.chars().next() else {
        return "SY";
    };
    if first.is_ascii_digit() {
        "SN"
    } else if first.is_alphabetic() {
        if crate::text::language::is_hangul(first) {
            "NNG"
        } else {
            "SL"
        }
    } else {
        match first {
            '.' | '?' | '!' => "SF",
            '…' => "SE",
            ',' | '·' | '/' | ':' | ';' => "SC",
            '(' | '[' | '{' | '“' | '‘' | '「' | '『' => "SSO",
            ')' | ']' | '}' | '”' | '’' | '」' | '』' => "SSC",
            _ => "SY",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Offsets, POS, semantic class and expression of a token.
    type Fields = (usize, usize, String, Option<String>, Option<String>);

    #[test]
    fn cached_dictionary_fields_are_those_lindera_gives() {
        let tokenizer = Tokenizer::new().expect("ko-dic loads");
        let text = "삼성전자는 서울에서 계약을 체결했다. 삼성전자는 서울에서 계약을 체결했다.";
        let half = text.find(" 삼성").expect("two sentences");
        let mut worker = tokenizer.worker();
        let mut first = Vec::new();
        worker
            .tokenize_sentence(text, (0, half), 0, Language::Ko, &mut first)
            .expect("tokenizes");
        // The second sentence is the same words: every entry comes from the cache.
        let mut second = Vec::new();
        worker
            .tokenize_sentence(text, (half + 1, text.len()), 1, Language::Ko, &mut second)
            .expect("tokenizes");
        let shape = |tokens: &[Token], base: usize| -> Vec<Fields> {
            tokens
                .iter()
                .map(|t| {
                    (
                        t.start - base,
                        t.end - base,
                        t.pos.to_string(),
                        t.semantic.as_deref().map(str::to_owned),
                        t.expression.as_deref().map(str::to_owned),
                    )
                })
                .collect()
        };
        assert_eq!(shape(&first, 0), shape(&second, half + 1));
        // And they are lindera's own fields for the token.
        let mut lindera = tokenizer.segmenter.new_worker();
        let mut expected = Vec::new();
        for mut token in lindera.segment(&text[..half]).expect("tokenizes") {
            let (byte_start, byte_end) = (token.byte_start, token.byte_end);
            let details = token.details();
            let field = |i: usize| {
                details
                    .get(i)
                    .filter(|v| **v != "*" && !v.is_empty())
                    .map(|v| (*v).to_owned())
            };
            expected.push((
                byte_start,
                byte_end,
                field(0).unwrap_or_else(|| "UNKNOWN".to_owned()),
                field(1),
                field(7),
            ));
        }
        assert_eq!(shape(&first, 0), expected);
        let lemmas: Vec<String> = first.iter().filter_map(|t| t.lemma(text)).collect();
        assert_eq!(lemmas, vec!["하다".to_owned()]);
    }

    #[test]
    fn english_words_get_symbol_tags() {
        assert_eq!(symbol_tag("Samsung"), "SL");
        assert_eq!(symbol_tag("1,234.5"), "SN");
        assert_eq!(symbol_tag("."), "SF");
        assert_eq!(symbol_tag("$"), "SY");
        assert_eq!(symbol_tag("("), "SSO");
    }

    #[test]
    fn lemma_of_inflected_verbs() {
        let token = Token {
            start: 0,
            end: 3,
            sentence: 0,
            pos: "XSV+EP".into(),
            semantic: None,
            expression: Some("하/XSV/*+였/EP/*".into()),
        };
        assert_eq!(token.lemma("했"), Some("하다".to_owned()));
        let noun = Token {
            pos: "NNG".into(),
            expression: None,
            ..token
        };
        assert_eq!(noun.lemma("했"), None);
    }
}
