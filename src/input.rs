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
    /// What reading the input changed or doubted (`--lossy` replacements,
    /// HTML extraction): copied into the record's `warnings`.
    pub warnings: Vec<String>,
}

impl Input {
    /// An input from text alone.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Input {
            id: id.into(),
            source: None,
            title: None,
            text: text.into(),
            warnings: Vec::new(),
        }
    }
}

/// The warning a record carries when `--lossy` replaced invalid UTF-8.
pub const LOSSY_WARNING: &str = "invalid UTF-8 replaced with U+FFFD (--lossy)";

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
    record_from_json(line_text, fallback_id, source)
        .map_err(|message| Error::Record { line, message })
}

/// The articles of a `.json` file: one article object, or an array of them.
#[derive(Debug)]
pub enum JsonDocument {
    /// The file holds one article object.
    One(Input),
    /// The file holds an array; each element is an article or the reason it
    /// is not one (an error naming the element and its line).
    Many(Vec<Result<Input>>),
}

/// Parses a `.json` file: one article object (its missing id is `stem`) or
/// an array of them (a missing id is `<stem>:<n>`, n counting from 1). A file
/// that is not JSON at all is one error.
pub fn parse_json_document(text: &str, stem: &str, source: Option<&str>) -> Result<JsonDocument> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.trim_start().starts_with('[') {
        return parse_json_record(text, 1, stem, source).map(JsonDocument::One);
    }
    let items: Vec<&serde_json::value::RawValue> =
        serde_json::from_str(text).map_err(|e| Error::Record {
            line: e.line(),
            message: e.to_string(),
        })?;
    // Line numbers counted incrementally: elements come in text order, so the
    // whole file is scanned once however many elements it has.
    let base = text.as_ptr() as usize;
    let (mut scanned, mut line) = (0usize, 1usize);
    let mut articles = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let offset = (item.get().as_ptr() as usize)
            .saturating_sub(base)
            .min(text.len());
        line += text
            .get(scanned..offset)
            .map_or(0, |between| between.bytes().filter(|&b| b == b'\n').count());
        scanned = scanned.max(offset);
        let fallback_id = format!("{stem}:{}", index + 1);
        articles.push(
            record_from_json(item.get(), &fallback_id, source).map_err(|message| Error::Record {
                line,
                message: format!("array element {}: {message}", index + 1),
            }),
        );
    }
    Ok(JsonDocument::Many(articles))
}

fn record_from_json(
    json: &str,
    fallback_id: &str,
    source: Option<&str>,
) -> std::result::Result<Input, String> {
    let record: JsonRecord = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let id = match record.id {
        Some(serde_json::Value::String(id)) => id,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(serde_json::Value::Null) | None => fallback_id.to_owned(),
        Some(other) => return Err(format!("`id` must be a string or a number, found {other}")),
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
        warnings: Vec::new(),
    })
}

/// The readable part of an HTML news page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlPage {
    /// The page `<title>`, white space collapsed; `None` when absent or blank.
    pub title: Option<String>,
    /// The main text: the article element's text (or the body's), scripts,
    /// navigation and other page furniture left out, one paragraph per block
    /// element separated by blank lines, a line break per `<br>`.
    pub text: String,
}

/// Elements whose content is never article text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "textarea", "figure", "object", "canvas", "video",
    "audio", "menu",
];

/// Elements that end a paragraph.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "blockquote",
    "pre",
    "hr",
    "address",
    "caption",
    "summary",
    "details",
    "center",
];

/// Extracts the title and the main text of an HTML page with a real HTML
/// parser (html5ever through `scraper`), so entities, broken markup and
/// comments are handled as a browser would. The main text is the element
/// marked `itemprop="articleBody"`, else the longest `<article>`, else
/// `<main>`, else `<body>`.
pub fn extract_html(html: &str) -> HtmlPage {
    let document = scraper::Html::parse_document(html);
    let root = document.root_element();
    let title = root
        .descendent_elements()
        .find(|e| e.value().name() == "title")
        .map(|e| collapse_spaces(e.text()))
        .filter(|t| !t.is_empty());
    let main = root
        .descendent_elements()
        .find(|e| e.value().attr("itemprop") == Some("articleBody"))
        .or_else(|| {
            root.descendent_elements()
                .filter(|e| e.value().name() == "article")
                .max_by_key(|e| e.text().map(str::len).sum::<usize>())
        })
        .or_else(|| {
            root.descendent_elements()
                .find(|e| e.value().name() == "main")
        })
        .or_else(|| {
            root.descendent_elements()
                .find(|e| e.value().name() == "body")
        })
        .unwrap_or(root);
    let mut text = TextBuilder::default();
    let mut skipping = 0usize;
    let mut preformatted = 0usize;
    for edge in main.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                scraper::Node::Text(t) if skipping == 0 => text.push(t, preformatted > 0),
                scraper::Node::Element(e) => {
                    let name = e.name();
                    if skipping > 0 || is_skipped(e) {
                        skipping += 1;
                    } else if name == "br" {
                        text.line_break();
                    } else if matches!(name, "td" | "th") {
                        text.space();
                    } else if BLOCK_ELEMENTS.contains(&name) {
                        text.paragraph_break();
                        preformatted += usize::from(name == "pre");
                    }
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let scraper::Node::Element(e) = node.value() {
                    let name = e.name();
                    if skipping > 0 {
                        skipping -= 1;
                    } else if BLOCK_ELEMENTS.contains(&name) {
                        text.paragraph_break();
                        preformatted = preformatted.saturating_sub(usize::from(name == "pre"));
                    }
                }
            }
        }
    }
    HtmlPage {
        title,
        text: text.out,
    }
}

fn is_skipped(element: &scraper::node::Element) -> bool {
    SKIPPED_ELEMENTS.contains(&element.name())
        || element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
}

fn collapse_spaces<'a>(pieces: impl Iterator<Item = &'a str>) -> String {
    let mut builder = TextBuilder::default();
    for piece in pieces {
        builder.push(piece, false);
    }
    builder.out
}

/// Builds text from HTML text nodes: runs of white space become one space,
/// block boundaries a blank line, `<br>` a line break, none of them at the
/// start or the end.
#[derive(Debug, Default)]
struct TextBuilder {
    out: String,
    /// 0: nothing pending, 1: a space, 2: a line break, 3: a paragraph break.
    pending: u8,
}

impl TextBuilder {
    fn push(&mut self, text: &str, preformatted: bool) {
        for c in text.chars() {
            if preformatted && c == '\n' {
                self.line_break();
            } else if c.is_whitespace() {
                self.space();
            } else {
                if !self.out.is_empty() {
                    match self.pending {
                        1 => self.out.push(' '),
                        2 => self.out.push('\n'),
                        3 => self.out.push_str("\n\n"),
                        _ => {}
                    }
                }
                self.pending = 0;
                self.out.push(c);
            }
        }
    }

    fn space(&mut self) {
        self.pending = self.pending.max(1);
    }

    fn line_break(&mut self) {
        self.pending = self.pending.max(2);
    }

    fn paragraph_break(&mut self) {
        self.pending = 3;
    }
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
        assert_eq!(err.kind(), "malformed_record");
        assert!(err.to_string().starts_with("line 4: "), "{err}");
        assert!(parse_json_record(r#"{"id": "a"}"#, 1, "x", None).is_err());
    }

    #[test]
    fn json_documents_hold_one_article_or_an_array() {
        match parse_json_document(r#"{"text": "본문"}"#, "doc", None).unwrap() {
            JsonDocument::One(input) => {
                assert_eq!((input.id.as_str(), input.text.as_str()), ("doc", "본문"))
            }
            other => panic!("{other:?}"),
        }
        let text =
            "[\n  {\"id\": \"a\", \"text\": \"x\"},\n  {\"text\": \"y\"},\n  {\"id\": \"c\"}\n]";
        let JsonDocument::Many(items) = parse_json_document(text, "doc", Some("doc.json")).unwrap()
        else {
            panic!("an array");
        };
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].as_ref().unwrap().id, "a");
        assert_eq!(items[1].as_ref().unwrap().id, "doc:2");
        let error = items[2].as_ref().unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 4: array element 3: missing field `text` at line 1 column 11"
        );
        let error = parse_json_document("[{\"text\": 1", "doc", None).unwrap_err();
        assert_eq!(error.kind(), "malformed_record");
        assert!(parse_json_document("42", "doc", None).is_err());
    }

    #[test]
    fn html_main_text_and_title() {
        let html = r#"<!DOCTYPE html><html><head><title> 삼성전자, 
  공장 착공 | 뉴스 </title><script>var x = "<p>no</p>";</script></head>
<body><nav><a href="/">홈</a></nav><header>사이트</header>
<article><h1>삼성전자 공장 착공</h1><figure><img src="a.jpg"><figcaption>사진</figcaption></figure>
<p>삼성전자는 &quot;2029년&quot;에   공장을<br>짓는다.</p><p>둘째 문단이다.<span hidden>숨김</span></p>
<table><tr><td>가</td><td>나</td></tr></table></article>
<footer>copyright</footer></body></html>"#;
        let page = extract_html(html);
        assert_eq!(page.title.as_deref(), Some("삼성전자, 공장 착공 | 뉴스"));
        assert_eq!(
            page.text,
            "삼성전자 공장 착공\n\n삼성전자는 \"2029년\"에 공장을\n짓는다.\n\n둘째 문단이다.\n\n가 나"
        );
        let page = extract_html("<p>Only a paragraph &amp; more</p>");
        assert_eq!(page.title, None);
        assert_eq!(page.text, "Only a paragraph & more");
        assert_eq!(extract_html("").text, "");
    }
}
