//! Language of a sentence and of an article, from the scripts its letters use.

use serde::{Deserialize, Serialize};

/// The language of a sentence or article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Korean.
    Ko,
    /// English.
    En,
    /// Korean and English sentences both carry a real share of the article.
    Mixed,
    /// No letters to judge by.
    Unknown,
}

/// Counts of letters by script in a piece of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    /// Hangul syllables and jamo.
    pub hangul: usize,
    /// Latin letters.
    pub latin: usize,
}

impl ScriptCounts {
    /// Counts the Hangul and Latin letters of `text`.
    pub fn of(text: &str) -> Self {
        let mut counts = ScriptCounts::default();
        for c in text.chars() {
            if is_hangul(c) {
                counts.hangul += 1;
            } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
                counts.latin += 1;
            }
        }
        counts
    }

    /// The language these letters say: Korean as soon as Hangul makes a quarter
    /// of the letters (Korean news is full of Latin names: SK하이닉스, HBM4, AI).
    pub fn language(self) -> Language {
        let letters = self.hangul + self.latin;
        if letters == 0 {
            Language::Unknown
        } else if self.hangul * 4 >= letters {
            Language::Ko
        } else {
            Language::En
        }
    }
}

/// Whether `c` is a Hangul syllable or jamo.
pub fn is_hangul(c: char) -> bool {
    matches!(c,
        '\u{AC00}'..='\u{D7A3}'
        | '\u{1100}'..='\u{11FF}'
        | '\u{3130}'..='\u{318F}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{D7B0}'..='\u{D7FF}')
}

/// The language of an article from the languages and letter counts of its
/// sentences: `mixed` when the minority language holds at least 15% of the
/// letters of the classified sentences.
pub fn article_language(sentences: impl IntoIterator<Item = (Language, usize)>) -> Language {
    let (mut korean, mut english) = (0usize, 0usize);
    for (language, letters) in sentences {
        match language {
            Language::Ko => korean += letters,
            Language::En => english += letters,
            Language::Mixed | Language::Unknown => {}
        }
    }
    let total = korean + english;
    if total == 0 {
        return Language::Unknown;
    }
    let minority = korean.min(english);
    if minority * 100 >= total * 15 {
        Language::Mixed
    } else if korean >= english {
        Language::Ko
    } else {
        Language::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_languages() {
        assert_eq!(
            ScriptCounts::of("SK하이닉스는 HBM4를 공급한다.").language(),
            Language::Ko
        );
        assert_eq!(
            ScriptCounts::of("Samsung signed a deal.").language(),
            Language::En
        );
        assert_eq!(
            ScriptCounts::of("2025. 10. 1.").language(),
            Language::Unknown
        );
        assert_eq!(
            ScriptCounts::of("President with OpenAI CEO2 - 와우테일").language(),
            Language::En
        );
    }

    #[test]
    fn article_languages() {
        assert_eq!(
            article_language([(Language::Ko, 900), (Language::En, 30)]),
            Language::Ko
        );
        assert_eq!(
            article_language([(Language::Ko, 500), (Language::En, 400)]),
            Language::Mixed
        );
        assert_eq!(article_language([(Language::En, 10)]), Language::En);
        assert_eq!(
            article_language([(Language::Unknown, 0)]),
            Language::Unknown
        );
    }
}
