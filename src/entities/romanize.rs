//! Revised Romanization of Korean names, with the customary surname spellings
//! (이 → Lee, 박 → Park) and given-name syllables (영 → young) of news English.

use super::lexicons::EntityLexicons;

const INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
const VOWELS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

/// Romanizes one Hangul syllable (other chars pass through).
fn syllable(c: char) -> String {
    let code = c as u32;
    if !(0xAC00..=0xD7A3).contains(&code) {
        return c.to_string();
    }
    let index = (code - 0xAC00) as usize;
    let (initial, vowel, last) = (index / 588, (index % 588) / 28, index % 28);
    format!("{}{}{}", INITIALS[initial], VOWELS[vowel], FINALS[last])
}

/// Romanizes a word syllable by syllable (no assimilation rules: names are
/// written that way in English-language news).
pub fn romanize(word: &str) -> String {
    word.chars().map(syllable).collect()
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A Korean person's name as English news writes it: `이재명` → `Lee Jae-myung`.
/// `None` when the name does not start with a known surname.
pub fn romanize_person(name: &str, lexicons: &EntityLexicons) -> Option<String> {
    let surname = lexicons.surname_of(name)?;
    let given = &name[surname.len()..];
    if given.is_empty() {
        return None;
    }
    let family = lexicons.surnames.get(surname)?.clone();
    let syllables: Vec<String> = given
        .chars()
        .map(|c| {
            lexicons
                .syllables
                .get(&c)
                .cloned()
                .unwrap_or_else(|| syllable(c))
        })
        .collect();
    Some(format!("{family} {}", capitalize(&syllables.join("-"))))
}

/// A Korean place name: `포항` → `Pohang`, `수원시` → `Suwon-si`.
pub fn romanize_place(name: &str) -> String {
    name.split(' ')
        .map(|word| {
            let chars: Vec<char> = word.chars().collect();
            match chars.split_last() {
                Some((last, stem))
                    if stem.len() >= 2
                        && matches!(last, '시' | '군' | '구' | '도' | '읍' | '면' | '동') =>
                {
                    let stem: String = stem.iter().collect();
                    format!(
                        "{}-{}",
                        capitalize(&romanize(&stem)),
                        romanize(&last.to_string())
                    )
                }
                _ => capitalize(&romanize(word)),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_and_places() {
        let lexicons = EntityLexicons::builtin().unwrap();
        assert_eq!(
            romanize_person("이재명", &lexicons).as_deref(),
            Some("Lee Jae-myung")
        );
        assert_eq!(
            romanize_person("박서연", &lexicons).as_deref(),
            Some("Park Seo-yeon")
        );
        assert_eq!(
            romanize_person("최태원", &lexicons).as_deref(),
            Some("Choi Tae-won")
        );
        assert_eq!(romanize_person("샘", &lexicons), None);
        assert_eq!(romanize_place("포항"), "Pohang");
        assert_eq!(romanize_place("평택"), "Pyeongtaek");
        assert_eq!(romanize_place("수원시"), "Suwon-si");
        assert_eq!(romanize("울산"), "ulsan");
    }
}
