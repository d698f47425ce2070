//! Inputs: one article's raw text with its id, and decoding bytes into text.

use crate::error::{Error, Result};
use serde::Deserialize;

/// One article to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The record id: file stem, JSONL `id`, or `stdin`.
    pub id: String,
    /// The path the input came from, as given.
    pub source: Option<String>,
    /// A title given apart from the text (JSONL `title`); when `None`, the
    /// first line of the text is the title if a blank line follows it.
    pub title: Option<String>,
    /// The article text, BOM stripped.
    pub text: String,
}

impl Input {
    /// An input from text alone.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Input {
            id: id.into(),
            source: None,
            title: None,
            text: text.into(),
        }
    }
}

/// Decodes raw bytes as UTF-8 text: strips a BOM; refuses NUL bytes (binary
/// files) and invalid UTF-8 with the offset of the first bad byte.
pub fn decode_text(bytes: Vec<u8>) -> Result<String> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary { offset });
    }
    let mut text = String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Decodes raw bytes as UTF-8, replacing invalid sequences with U+FFFD; the
/// second value says whether anything was replaced.
pub fn decode_text_lossy(bytes: &[u8]) -> (String, bool) {
    let text = String::from_utf8_lossy(bytes);
    let replaced = matches!(text, std::borrow::Cow::Owned(_));
    let mut text = text.into_owned();
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    (text, replaced)
}

/// One JSON Lines input record: `{id, title?, text, lang?}`; other fields are ignored.
#[derive(Debug, Clone, Deserialize)]
pub struct JsonRecord {
    /// The record id (a string or a number).
    #[serde(default)]
    pub id: Option<serde_json::Value>,
    /// The headline, if given apart from the text.
    #[serde(default)]
    pub title: Option<String>,
    /// The article text.
    pub text: String,
    /// A language hint (`ko`, `en`); korex identifies the language itself.
    #[serde(default)]
    pub lang: Option<String>,
}

/// Parses one JSONL line into an input. `fallback_id` names the record when
/// it has no `id`; `line` is the 1-based line number for the error.
pub fn parse_json_record(
    line_text: &str,
    line: usize,
    fallback_id: &str,
    source: Option<&str>,
) -> Result<Input> {
    let record: JsonRecord = serde_json::from_str(line_text).map_err(|e| Error::Record {
        line,
        message: e.to_string(),
    })?;
    let id = match record.id {
        Some(serde_json::Value::String(id)) => id,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(serde_json::Value::Null) | None => fallback_id.to_owned(),
        Some(other) => {
            return Err(Error::Record {
                line,
                message: format!("`id` must be a string or a number, found {other}"),
            });
        }
    };
    let text = record
        .text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(record.text);
    Ok(Input {
        id,
        source: source.map(str::to_owned),
        title: record.title,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(decode_text(b"\xef\xbb\xbfabc".to_vec()).unwrap(), "abc");
        assert!(matches!(
            decode_text(b"ab\xffcd".to_vec()),
            Err(Error::InvalidUtf8 { offset: 2 })
        ));
        assert!(matches!(
            decode_text(b"ab\0".to_vec()),
            Err(Error::Binary { offset: 2 })
        ));
        assert_eq!(
            decode_text_lossy(b"a\xffb"),
            ("a\u{fffd}b".to_owned(), true)
        );
    }

    #[test]
    fn json_records() {
        let input =
            parse_json_record(r#"{"id": 7, "text": "본문", "extra": 1}"#, 3, "f-3", None).unwrap();
        assert_eq!(input.id, "7");
        assert_eq!(input.text, "본문");
        let input =
            parse_json_record(r#"{"title": "t", "text": "x"}"#, 3, "f-3", Some("f.jsonl")).unwrap();
        assert_eq!(
            (input.id.as_str(), input.title.as_deref()),
            ("f-3", Some("t"))
        );
        let err = parse_json_record("{not json", 4, "x", None).unwrap_err();
        assert!(err.to_string().starts_with("line 4: "), "{err}");
        assert!(parse_json_record(r#"{"id": "a"}"#, 1, "x", None).is_err());
    }
}
