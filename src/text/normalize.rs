//! Unicode NFC normalization with a map from the normalized text back to the
//! original, so every offset korex emits counts code points in the input as given.

use unicode_normalization::{UnicodeNormalization, char::compose, is_nfc};

/// Text in NFC, with the means to turn its byte offsets into code-point offsets
/// of the original text.
#[derive(Debug, Clone)]
pub struct NormalizedText {
    text: String,
    /// Byte offset in `text` of every char, plus `text.len()` at the end.
    char_bytes: Vec<u32>,
    /// For every char of `text`, the code-point range in the original it came
    /// from; `None` when the original was already NFC (the identity map).
    origin: Option<Vec<(u32, u32)>>,
}

impl NormalizedText {
    /// Normalizes `original` to NFC and records where each normalized char came from.
    pub fn new(original: &str) -> Self {
        if is_nfc(original) {
            let text = original.to_owned();
            let char_bytes = char_byte_offsets(&text);
            return NormalizedText {
                text,
                char_bytes,
                origin: None,
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut chunk = String::new();
        let mut chunk_start = 0u32;
        let mut chunk_chars = 0u32;
        let mut previous: Option<char> = None;
        for (index, c) in original.chars().enumerate() {
            let index = index as u32;
            if chunk_chars > 0 && starts_chunk(previous, c) {
                flush_chunk(&chunk, chunk_start, chunk_chars, &mut text, &mut origin);
                chunk.clear();
                chunk_start = index;
                chunk_chars = 0;
            }
            chunk.push(c);
            chunk_chars += 1;
            previous = Some(c);
        }
        if chunk_chars > 0 {
            flush_chunk(&chunk, chunk_start, chunk_chars, &mut text, &mut origin);
        }
        let char_bytes = char_byte_offsets(&text);
        NormalizedText {
            text,
            char_bytes,
            origin: Some(origin),
        }
    }

    /// The NFC text every later stage works on.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether normalization changed the text.
    pub fn changed(&self) -> bool {
        self.origin.is_some()
    }

    /// Length of the normalized text in chars.
    pub fn char_len(&self) -> usize {
        self.char_bytes.len().saturating_sub(1)
    }

    /// The char index in the normalized text of a byte offset (rounded down to
    /// the char that contains it).
    pub fn char_index(&self, byte: usize) -> usize {
        let byte = byte as u32;
        match self.char_bytes.binary_search(&byte) {
            Ok(index) => index,
            Err(index) => index.saturating_sub(1),
        }
    }

    /// Maps a byte range of the normalized text to the code-point range of the
    /// original text it was made from.
    pub fn to_original(&self, byte_start: usize, byte_end: usize) -> (usize, usize) {
        let start = self.char_index(byte_start);
        let end = self.char_index(byte_end).max(start);
        match &self.origin {
            None => (start, end),
            Some(origin) => {
                let original_end = origin.last().map_or(0, |&(_, e)| e as usize);
                let first = origin.get(start).map_or(original_end, |&(s, _)| s as usize);
                let last = if end > start {
                    origin
                        .get(end - 1)
                        .map_or(original_end, |&(_, e)| e as usize)
                } else {
                    first
                };
                (first, last)
            }
        }
    }
}

/// Whether `c` can start a new normalization chunk: it neither combines with
/// nor composes onto what came before.
fn starts_chunk(previous: Option<char>, c: char) -> bool {
    let hangul_vowel_or_final = matches!(c, '\u{1161}'..='\u{1175}' | '\u{11A8}'..='\u{11C2}');
    unicode_normalization::char::canonical_combining_class(c) == 0
        && !hangul_vowel_or_final
        && previous.is_none_or(|p| compose(p, c).is_none())
}

fn flush_chunk(
    chunk: &str,
    chunk_start: u32,
    chunk_chars: u32,
    text: &mut String,
    origin: &mut Vec<(u32, u32)>,
) {
    let before = text.len();
    text.extend(chunk.nfc());
    let produced = text[before..].chars().count() as u32;
    let chunk_end = chunk_start + chunk_chars;
    if produced == chunk_chars {
        origin.extend((chunk_start..chunk_end).map(|i| (i, i + 1)));
    } else {
        // Composition merged chars: every output char stands for the whole chunk.
        origin.extend((0..produced).map(|_| (chunk_start, chunk_end)));
    }
}

fn char_byte_offsets(text: &str) -> Vec<u32> {
    let mut offsets: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
    offsets.push(text.len() as u32);
    offsets
}

#[cfg(test)]
mod tests {
    use super::*;

    fn original_slice(original: &str, (start, end): (usize, usize)) -> String {
        original.chars().skip(start).take(end - start).collect()
    }

    #[test]
    fn nfc_text_maps_to_itself() {
        let text = NormalizedText::new("삼성전자 SK");
        assert!(!text.changed());
        assert_eq!(text.to_original(0, 12), (0, 4));
        assert_eq!(text.to_original(13, 15), (5, 7));
        assert_eq!(text.char_len(), 7);
    }

    #[test]
    fn decomposed_hangul_maps_back_to_its_jamo() {
        let original: String = "한국 은행".nfd().collect();
        assert_eq!(original.chars().count(), 13);
        let text = NormalizedText::new(&original);
        assert!(text.changed());
        assert_eq!(text.as_str(), "한국 은행");
        // "국" is normalized bytes 3..6 and original jamo 3..6.
        assert_eq!(text.to_original(3, 6), (3, 6));
        let span = text.to_original(7, 13);
        assert_eq!(span, (7, 13));
        assert_eq!(
            original_slice(&original, span),
            "은행".nfd().collect::<String>()
        );
    }

    #[test]
    fn combining_accents_stay_with_their_base() {
        let original = "Cafe\u{301} au lait";
        let text = NormalizedText::new(original);
        assert_eq!(text.as_str(), "Café au lait");
        assert_eq!(text.to_original(0, "Café".len()), (0, 5));
        assert_eq!(text.to_original("Café ".len(), "Café au".len()), (6, 8));
    }

    #[test]
    fn empty_text() {
        let text = NormalizedText::new("");
        assert_eq!(text.to_original(0, 0), (0, 0));
        assert_eq!(text.char_len(), 0);
    }
}
