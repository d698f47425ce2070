//! The `korex` binary, run for real.

mod common;

use common::{assert_valid, korex, records};
use serde_json::Value;
use std::fs;

fn folder_of_articles() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(
        dir.path().join("b.txt"),
        "삼성전자는 2029년에 공장을 짓겠다고 밝혔다.",
    )
    .unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "Samsung signed a deal on Wednesday.",
    )
    .unwrap();
    fs::write(
        dir.path().join("sub").join("c.md"),
        "제목\n\n본문 첫 문장이다. 둘째 문장이다.",
    )
    .unwrap();
    fs::write(dir.path().join("notes.csv"), "not,an,article").unwrap();
    dir
}

#[test]
fn folder_records_come_in_sorted_order_with_file_stems_as_ids() {
    let dir = folder_of_articles();
    let output = korex().arg("extract").arg(dir.path()).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let records = records(&output.stdout);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["a", "b", "c"]);
    for record in &records {
        assert_valid(record);
    }
    assert_eq!(records[0]["language"], "en");
    assert_eq!(records[1]["language"], "ko");
    assert_eq!(records[2]["title"], "제목");
    assert_eq!(records[2]["sentences"].as_array().unwrap().len(), 3);
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        let text = format!("{i}번째 기사다. 오픈AI는 {i}일 발표했다.\n\nArticle {i} ends here.");
        fs::write(dir.path().join(format!("{i:03}.txt")), text).unwrap();
    }
    let run = |jobs: &str| {
        korex()
            .args(["extract", "--tokens", "-j", jobs])
            .arg(dir.path())
            .output()
            .unwrap()
    };
    let one = run("1");
    let two = run("2");
    assert!(one.status.success() && two.status.success());
    assert_eq!(records(&one.stdout).len(), 40);
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn jsonl_on_stdin_gives_one_record_per_line_with_its_id() {
    let input = concat!(
        r#"{"id": "k1", "text": "정부는 12월에 펀드를 출범한다."}"#,
        "\n",
        "\n",
        r#"{"id": "e1", "title": "Deal", "text": "OpenAI signed a letter of intent."}"#,
        "\n",
        r#"{"text": "no id here"}"#,
        "\n",
    );
    let output = korex().arg("extract").write_stdin(input).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let records = records(&output.stdout);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["k1", "e1", "stdin:4"]);
    assert_eq!(records[1]["title"], "Deal");
    assert_eq!(records[1]["source"], Value::Null);
}

#[test]
fn malformed_jsonl_line_becomes_an_error_record_naming_the_line() {
    let input =
        "{\"id\": \"ok\", \"text\": \"좋다.\"}\n{broken\n{\"id\": \"ok2\", \"text\": \"Fine.\"}\n";
    let output = korex()
        .args(["extract", "--input-format", "jsonl", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = records(&output.stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(records[1]["id"], "stdin:2");
    assert_eq!(records[1]["error"]["kind"], "malformed_record");
    assert!(
        records[1]["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("line 2: ")
    );
    assert_valid(&records[1]);
    assert_eq!(records[2]["id"], "ok2");
}

#[test]
fn invalid_utf8_file_gives_an_error_record_and_exit_1_while_the_rest_goes_on() {
    let dir = folder_of_articles();
    fs::write(dir.path().join("bad.txt"), b"\xed\x95\x9c\xff\xfe broken").unwrap();
    let output = korex().arg("extract").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = records(&output.stdout);
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["a", "b", "bad", "c"]);
    assert_eq!(records[2]["error"]["kind"], "invalid_utf8");
    assert_eq!(records[2]["error"]["message"], "not valid UTF-8 at byte 3");
    assert_valid(&records[2]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bad.txt: not valid UTF-8 at byte 3"),
        "{stderr}"
    );
}

#[test]
fn missing_path_is_an_error_record_and_usage_errors_exit_2() {
    let output = korex()
        .args(["extract", "/nonexistent/x.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = records(&output.stdout);
    assert_eq!(records[0]["id"], "x");
    assert_eq!(records[0]["error"]["kind"], "read");

    korex().args(["extract", "--no-such-flag"]).assert().code(2);
    korex().args(["extract", "-j", "0"]).assert().code(2);
    korex().arg("frobnicate").assert().code(2);
}

#[test]
fn out_dir_gets_one_file_per_article() {
    let dir = folder_of_articles();
    let out = tempfile::tempdir().unwrap();
    korex()
        .arg("extract")
        .arg(dir.path())
        .arg("--out-dir")
        .arg(out.path())
        .assert()
        .code(0);
    // The output tree mirrors the input tree: sub/c.md -> sub/c.json.
    let mut names: Vec<String> = walkdir::WalkDir::new(out.path())
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(out.path()).unwrap();
            rel.to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(names, vec!["a.json", "b.json", "sub/c.json"]);
    let record: Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("b.json")).unwrap()).unwrap();
    assert_eq!(record["id"], "b");
    assert_valid(&record);
}

#[test]
fn output_file_and_pretty_and_tokens() {
    let dir = folder_of_articles();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("out.jsonl");
    korex()
        .arg("extract")
        .arg(dir.path().join("a.txt"))
        .arg("-o")
        .arg(&path)
        .arg("--tokens")
        .assert()
        .code(0)
        .stdout("");
    let written = fs::read(&path).unwrap();
    let records = records(&written);
    assert_eq!(records.len(), 1);
    let tokens: Vec<&str> = records[0]["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        tokens,
        vec!["Samsung", "signed", "a", "deal", "on", "Wednesday", "."]
    );

    let pretty = korex()
        .arg("extract")
        .arg("--pretty")
        .arg(dir.path().join("a.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(pretty.stdout).unwrap();
    assert!(
        text.starts_with("{\n  \"schema_version\": \"1.0\",\n"),
        "{text}"
    );
}

#[test]
fn plain_text_on_stdin_is_one_article_with_id_stdin() {
    let output = korex()
        .arg("extract")
        .write_stdin("기사 본문이다.\n")
        .output()
        .unwrap();
    let records = records(&output.stdout);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], "stdin");
    assert_eq!(records[0]["text_chars"], 9);
}

#[test]
fn schema_command_prints_the_published_schema() {
    let output = korex().arg("schema").output().unwrap();
    assert!(output.status.success());
    let printed: Value = serde_json::from_slice(&output.stdout).unwrap();
    let file: Value = serde_json::from_str(
        &fs::read_to_string(common::repo().join("schema/korex.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(printed, file);
    assert!(jsonschema::meta::validate(&printed).is_ok());
}
