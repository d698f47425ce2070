//! The input readers over arbitrary bytes: UTF-8 decoding, `.json` documents
//! and HTML pages must never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = korex::input::decode_text(data.to_vec());
    let (text, _) = korex::input::decode_text_lossy(data);
    let _ = korex::input::parse_json_document(&text, "fuzz", None);
    let _ = korex::input::parse_json_record(&text, 1, "fuzz", None);
    let page = korex::input::extract_html(&text);
    assert!(!page.text.starts_with(char::is_whitespace));
    assert!(!page.text.ends_with(char::is_whitespace));
});
