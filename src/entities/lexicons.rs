//! The word lists the entity rules use, read once from `dictionaries/`.

use crate::charset::CharSet;
use crate::error::{Error, Result};
use crate::lexicon::parse_tsv;
use crate::output::EntityType;
use foldhash::{HashMap, HashSet};

const TITLES: &str = include_str!("../../dictionaries/titles.tsv");
const SURNAMES: &str = include_str!("../../dictionaries/surnames.tsv");
const SUFFIXES: &str = include_str!("../../dictionaries/entity_suffixes.tsv");
const COMMON_ORGS: &str = include_str!("../../dictionaries/common_orgs.tsv");
const ROMANIZATION: &str = include_str!("../../dictionaries/romanization.tsv");
const NOT_NAMES: &str = include_str!("../../dictionaries/not_names.tsv");

/// A common noun that names one institution (정부 → the Korean government).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommonOrg {
    /// Canonical Korean name.
    pub name_ko: String,
    /// Canonical English name.
    pub name_en: String,
}

/// Titles, surnames, name endings and institution nouns.
#[derive(Debug, Clone)]
pub struct EntityLexicons {
    /// Korean titles → English (read through [`EntityLexicons::korean_title`]
    /// and [`EntityLexicons::is_korean_title`]).
    titles_ko: WordMap<String>,
    /// The longest Korean title, in characters.
    titles_ko_max_chars: usize,
    /// English titles → normalized English; the longest has this many words.
    pub titles_en: HashMap<String, String>,
    /// Longest English title in words.
    pub max_title_words: usize,
    /// Korean surname → customary romanization.
    pub surnames: HashMap<String, String>,
    /// Korean name endings → type, longest first (read through
    /// [`EntityLexicons::korean_suffix`], which keeps its index in step).
    suffixes_ko: Vec<(String, EntityType)>,
    /// Indexes into `suffixes_ko` by the ending's last character, in list
    /// order (a word is checked only against endings that can match it).
    suffixes_ko_by_last: HashMap<char, Vec<usize>>,
    /// English last words of names → type.
    pub suffixes_en: HashMap<String, EntityType>,
    /// By language, surface → institution (read through [`EntityLexicons::common_org`]).
    common_orgs: Vec<(String, WordMap<CommonOrg>)>,
    /// Given-name syllables with a customary spelling.
    pub syllables: HashMap<char, String>,
    /// Words that look like person names but that news uses otherwise (메르스).
    pub not_person_names: HashSet<String>,
    /// Words ko-dic calls place names that news uses otherwise (내지).
    pub not_place_names: HashSet<String>,
}

impl EntityLexicons {
    /// Reads the built-in files.
    pub fn builtin() -> Result<Self> {
        let mut titles_ko = HashMap::default();
        let mut titles_en = HashMap::default();
        for row in parse_tsv("titles.tsv", TITLES, &["title", "title_en", "lang"], 3)? {
            let (title, english) = (row.get(0).trim(), row.get(1).trim());
            match row.get(2).trim() {
                "ko" => titles_ko.insert(title.to_owned(), english.to_owned()),
                _ => titles_en.insert(title.to_owned(), english.to_owned()),
            };
        }
        let titles_ko_max_chars = titles_ko
            .keys()
            .map(|t| t.chars().count())
            .max()
            .unwrap_or(0);
        let max_title_words = titles_en
            .keys()
            .map(|t| t.split(' ').count())
            .max()
            .unwrap_or(1);
        let surnames = parse_tsv("surnames.tsv", SURNAMES, &["surname", "romanization"], 2)?
            .into_iter()
            .map(|row| (row.get(0).trim().to_owned(), row.get(1).trim().to_owned()))
            .collect();
        let mut suffixes_ko = Vec::new();
        let mut suffixes_en = HashMap::default();
        for row in parse_tsv(
            "entity_suffixes.tsv",
            SUFFIXES,
            &["suffix", "type", "lang"],
            3,
        )? {
            let entity_type = match row.get(1).trim() {
                "ORG" => EntityType::Org,
                "LOCATION" => EntityType::Location,
                other => {
                    return Err(Error::Lexicon {
                        source_name: "entity_suffixes.tsv".into(),
                        line: row.line,
                        message: format!("unknown type {other:?}"),
                    });
                }
            };
            if row.get(2).trim() == "ko" {
                suffixes_ko.push((row.get(0).trim().to_owned(), entity_type));
            } else {
                suffixes_en.insert(row.get(0).trim().to_owned(), entity_type);
            }
        }
        // Longest ending first, so 광역시 wins over 시.
        suffixes_ko.sort_by_key(|(s, _)| std::cmp::Reverse(s.chars().count()));
        let mut suffixes_ko_by_last: HashMap<char, Vec<usize>> = HashMap::default();
        for (index, (suffix, _)) in suffixes_ko.iter().enumerate() {
            if let Some(last) = suffix.chars().next_back() {
                suffixes_ko_by_last.entry(last).or_default().push(index);
            }
        }
        let mut by_language: HashMap<String, HashMap<String, CommonOrg>> = HashMap::default();
        for row in parse_tsv(
            "common_orgs.tsv",
            COMMON_ORGS,
            &["surface", "lang", "name_ko", "name_en"],
            4,
        )? {
            by_language
                .entry(row.get(1).trim().to_owned())
                .or_default()
                .insert(
                    row.get(0).trim().to_owned(),
                    CommonOrg {
                        name_ko: row.get(2).trim().to_owned(),
                        name_en: row.get(3).trim().to_owned(),
                    },
                );
        }
        let syllables = parse_tsv(
            "romanization.tsv",
            ROMANIZATION,
            &["syllable", "spelling"],
            2,
        )?
        .into_iter()
        .filter_map(|row| {
            let syllable = row.get(0).trim().chars().next()?;
            Some((syllable, row.get(1).trim().to_owned()))
        })
        .collect();
        let mut not_person_names = HashSet::default();
        let mut not_place_names = HashSet::default();
        for row in parse_tsv("not_names.tsv", NOT_NAMES, &["word", "not", "meaning"], 3)? {
            let word = row.get(0).trim().to_owned();
            match row.get(1).trim() {
                "PERSON" => not_person_names.insert(word),
                "LOCATION" => not_place_names.insert(word),
                other => {
                    return Err(Error::Lexicon {
                        source_name: "not_names.tsv".into(),
                        line: row.line,
                        message: format!("unknown type {other:?} (PERSON or LOCATION)"),
                    });
                }
            };
        }
        let common_orgs = by_language
            .into_iter()
            .map(|(language, orgs)| (language, WordMap::new(orgs)))
            .collect();
        Ok(EntityLexicons {
            titles_ko: WordMap::new(titles_ko),
            titles_ko_max_chars,
            titles_en,
            max_title_words,
            surnames,
            suffixes_ko,
            suffixes_ko_by_last,
            suffixes_en,
            common_orgs,
            syllables,
            not_person_names,
            not_place_names,
        })
    }

    /// Whether `word` is a Korean title as listed (`회장`, not `울산시장`).
    pub fn is_korean_title(&self, word: &str) -> bool {
        self.titles_ko.get(word).is_some()
    }

    /// The English of a Korean title: of `word` itself when it is one, else
    /// of the longest title of two or more syllables it ends with, the
    /// whole word excepted (`울산시장` → 시장 → Mayor).
    pub fn korean_title(&self, word: &str) -> Option<&str> {
        if word.is_empty() {
            return None;
        }
        if let Some(english) = self.titles_ko.get(word) {
            return Some(english);
        }
        // The suffixes of two characters up to the longest title's length,
        // the whole word excepted, read from the end (no count of the
        // word's characters); the last title found is the longest.
        word.char_indices()
            .rev()
            .skip(1)
            .take(self.titles_ko_max_chars.saturating_sub(1))
            .filter(|&(i, _)| i > 0)
            .filter_map(|(i, _)| self.titles_ko.get(&word[i..]))
            .last()
            .map(String::as_str)
    }

    /// The institution a common noun of `language` names (`ko` 정부, `en` government).
    pub fn common_org(&self, language: &str, surface: &str) -> Option<&CommonOrg> {
        let (_, orgs) = self.common_orgs.iter().find(|(l, _)| l == language)?;
        orgs.get(surface)
    }

    /// The first (longest) Korean ending of `core` that leaves a stem.
    pub fn korean_suffix(&self, core: &str) -> Option<&(String, EntityType)> {
        let last = core.chars().next_back()?;
        self.suffixes_ko_by_last
            .get(&last)?
            .iter()
            .map(|&index| &self.suffixes_ko[index])
            .find(|(suffix, _)| core.ends_with(suffix.as_str()) && core.len() > suffix.len())
    }

    /// The surname a Korean name starts with (two-syllable surnames first).
    pub fn surname_of<'a>(&self, name: &'a str) -> Option<&'a str> {
        let two = name.char_indices().nth(2).map(|(i, _)| i);
        if let Some(end) = two {
            if name.chars().count() >= 4 && self.surnames.contains_key(&name[..end]) {
                return Some(&name[..end]);
            }
        }
        let one = name.char_indices().nth(1).map_or(name.len(), |(i, _)| i);
        self.surnames
            .contains_key(&name[..one])
            .then(|| &name[..one])
    }
}

/// Words and what they stand for, with the characters the words end with:
/// most words of a text end with a character no listed word ends with, and
/// are answered without hashing them.
#[derive(Debug, Clone)]
struct WordMap<V> {
    words: HashMap<String, V>,
    last_chars: CharSet,
}

impl<V> WordMap<V> {
    fn new(words: HashMap<String, V>) -> Self {
        let last_chars = words.keys().filter_map(|w| w.chars().next_back()).collect();
        WordMap { words, last_chars }
    }

    fn get(&self, word: &str) -> Option<&V> {
        match word.chars().next_back() {
            Some(last) if !self.last_chars.contains(last) => None,
            _ => self.words.get(word),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_answers() {
        let lexicons = EntityLexicons::builtin().unwrap();
        assert_eq!(
            lexicons.titles_ko.get("회장").map(String::as_str),
            Some("Chairman")
        );
        assert_eq!(
            lexicons.titles_en.get("Gov.").map(String::as_str),
            Some("Governor")
        );
        assert_eq!(lexicons.surname_of("최태원"), Some("최"));
        assert_eq!(lexicons.surname_of("남궁민수"), Some("남궁"));
        assert_eq!(lexicons.surname_of("샘"), None);
        let position = |suffix: &str| lexicons.suffixes_ko.iter().position(|(s, _)| s == suffix);
        assert!(position("광역시") < position("시"));
        assert!(lexicons.max_title_words >= 3);
    }

    /// What `korean_title` answers without its last-character and length
    /// shortcuts: the word itself, else every suffix of two or more characters.
    fn korean_title_by_every_suffix<'l>(
        lexicons: &'l EntityLexicons,
        word: &str,
    ) -> Option<&'l str> {
        if word.is_empty() {
            return None;
        }
        let titles = &lexicons.titles_ko.words;
        if let Some(english) = titles.get(word) {
            return Some(english);
        }
        word.char_indices()
            .skip(1)
            .map(|(i, _)| &word[i..])
            .filter(|suffix| suffix.chars().count() >= 2)
            .find_map(|suffix| titles.get(suffix))
            .map(String::as_str)
    }

    #[test]
    fn korean_title_agrees_with_every_suffix_lookup() {
        let lexicons = EntityLexicons::builtin().unwrap();
        assert_eq!(lexicons.korean_title("울산시장"), Some("Mayor"));
        assert_eq!(lexicons.korean_title("회장"), Some("Chairman"));
        assert_eq!(lexicons.korean_title("장"), None);
        assert_eq!(lexicons.korean_title(""), None);
        let mut words: Vec<String> = ["", "장", "x장", "시장", "정부", "우리정부", "government"]
            .map(str::to_owned)
            .to_vec();
        for title in lexicons.titles_ko.words.keys() {
            let one_less: String = title.chars().skip(1).collect();
            for word in [
                title.clone(),
                format!("울산{title}"),
                format!("부{title}"),
                format!("대한민국국가대표팀{title}"),
                format!("{title}실"),
                one_less,
            ] {
                words.push(word);
            }
        }
        // The words of real articles.
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/ko");
        for entry in std::fs::read_dir(folder).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            words.extend(text.split_whitespace().map(str::to_owned));
        }
        let mut titled = 0;
        for word in &words {
            let expected = korean_title_by_every_suffix(&lexicons, word);
            assert_eq!(lexicons.korean_title(word), expected, "{word}");
            // The last-character shortcut of the word maps.
            let exact = lexicons.titles_ko.words.contains_key(word.as_str());
            assert_eq!(lexicons.is_korean_title(word), exact, "{word}");
            for (language, orgs) in &lexicons.common_orgs {
                let expected = orgs.words.get(word.as_str());
                assert_eq!(lexicons.common_org(language, word), expected, "{word}");
            }
            titled += usize::from(expected.is_some());
        }
        assert!(titled > 300, "only {titled} titled words");
    }
}
