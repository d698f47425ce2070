//! The batch path against hostile input, through the real binary: every
//! input gives exactly one record (records out == inputs in), in input
//! order, with the exact error kind, and the exit code says whether anything
//! failed. Also a proptest feeding arbitrary Unicode to `Pipeline::extract`.

mod common;

use assert_cmd::Command;
use common::{assert_valid, korex, records};
use proptest::prelude::*;
use serde_json::Value;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::{Duration, Instant};

fn ids(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["id"].as_str().expect("an id").to_owned())
        .collect()
}

fn error_kinds(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["error"]["kind"].as_str().unwrap_or("-").to_owned())
        .collect()
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The last line korex writes on stderr, without the timing that varies.
fn summary_counts(output: &std::process::Output) -> String {
    let stderr = stderr_of(output);
    let last = stderr.lines().last().unwrap_or("").to_owned();
    last.split(", ")
        .filter(|part| !part.ends_with(" s") && !part.ends_with("MB/s"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walkable"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("under dir");
            rel.to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    names
}

/// A folder with one input of every hostile kind, and what each becomes.
fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("01_good.txt"), "삼성전자는 공장을 짓는다.").unwrap();
    fs::write(p.join("02_bad_utf8.txt"), b"\xed\x95\x9c\xff broken").unwrap();
    fs::write(p.join("03_nul.txt"), b"text\0with a NUL").unwrap();
    fs::write(p.join("04_empty.txt"), b"").unwrap();
    fs::write(p.join("05_big.txt"), "가".repeat(400)).unwrap();
    fs::write(
        p.join("06_lines.jsonl"),
        "{\"id\": \"j1\", \"text\": \"첫 기사.\"}\n{broken\n\n{\"text\": \"셋째.\"}\n",
    )
    .unwrap();
    fs::write(
        p.join("07_array.json"),
        "[{\"id\": \"x1\", \"text\": \"One.\"},\n {\"title\": \"no text\"}]",
    )
    .unwrap();
    fs::write(
        p.join("08_page.html"),
        "<html><head><title>제목</title></head><body><p>본문이다.</p></body></html>",
    )
    .unwrap();
    fs::write(p.join("09_notes.csv"), "not,an,article").unwrap();
    fs::write(p.join("10_absurd.txt"), ABSURD_NUMBERS).unwrap();
    dir
}

const ABSURD_NUMBERS: &str = "정부는 999999999999999999999999999999999999999999조 원을 \
투자한다. 환율은 0.0000000000000000000000000000001달러, 성장률은 1e308%와 \
-0.5%였다. 무량대수 경 해 자 원, 12,345,678,901,234,567,890,123경 원, \
$99999999999999999999999999999 trillion and 1,000,000,000,000,000,000,000,000,000%.";

#[test]
fn hostile_folder_gives_one_record_per_input_with_exact_error_kinds() {
    let dir = hostile_folder();
    let output = korex()
        .args(["extract", "--max-bytes", "1000"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let records = records(&output.stdout);
    assert_eq!(
        ids(&records),
        vec![
            "01_good",
            "02_bad_utf8",
            "03_nul",
            "04_empty",
            "05_big",
            "j1",
            "06_lines:2",
            "06_lines:4",
            "x1",
            "07_array:2",
            "08_page",
            "10_absurd",
        ]
    );
    assert_eq!(
        error_kinds(&records),
        vec![
            "-",
            "invalid_utf8",
            "binary",
            "-",
            "too_large",
            "-",
            "malformed_record",
            "-",
            "-",
            "malformed_record",
            "-",
            "-",
        ]
    );
    for record in &records {
        assert_valid(record);
    }
    assert_eq!(records[1]["error"]["message"], "not valid UTF-8 at byte 3");
    assert_eq!(
        records[2]["error"]["message"],
        "binary content (NUL byte at 4)"
    );
    assert_eq!(
        records[4]["error"]["message"],
        "input of 1200 bytes is over the limit of 1000 bytes"
    );
    assert_eq!(
        records[9]["error"]["message"],
        "line 2: array element 2: missing field `text` at line 1 column 20"
    );
    assert_eq!(records[10]["title"], "제목");
    assert_eq!(
        summary_counts(&output),
        "korex: 7 articles, 5 errors, 1 skipped, 0.0 MB"
    );
}

#[test]
fn empty_file_gives_an_empty_valid_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.txt");
    fs::write(&path, "").unwrap();
    let output = korex().arg("extract").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let records = records(&output.stdout);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_valid(record);
    assert_eq!(record["id"], "empty");
    assert_eq!(record["text_chars"], 0);
    assert_eq!(record["language"], "unknown");
    assert_eq!(record["sentences"], serde_json::json!([]));
    assert_eq!(record["warnings"], serde_json::json!([]));
}

#[test]
fn lossy_decoding_puts_a_warning_in_the_record_but_binary_still_fails() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), b"abc \xff def.").unwrap();
    fs::write(dir.path().join("b.txt"), b"abc\0def").unwrap();
    fs::write(
        dir.path().join("c.jsonl"),
        b"{\"id\": \"c1\", \"text\": \"x \xfe y\"}\n",
    )
    .unwrap();
    let output = korex()
        .args(["extract", "--lossy"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = records(&output.stdout);
    assert_eq!(ids(&records), vec!["a", "b", "c1"]);
    assert_eq!(error_kinds(&records), vec!["-", "binary", "-"]);
    let warning = "invalid UTF-8 replaced with U+FFFD (--lossy)";
    assert_eq!(records[0]["warnings"], serde_json::json!([warning]));
    assert_eq!(records[0]["text_chars"], 10);
    assert_eq!(records[2]["warnings"], serde_json::json!([warning]));

    // Without --lossy the same file is an error record.
    let output = korex()
        .arg("extract")
        .arg(dir.path().join("a.txt"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(error_kinds(&records_of(&output)), vec!["invalid_utf8"]);
}

fn records_of(output: &std::process::Output) -> Vec<Value> {
    records(&output.stdout)
}

#[test]
fn a_100_mb_single_line_file_is_a_clear_error_above_max_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let line = "삼성전자는 새 공장을 짓는다 ".repeat(100 * 1024 * 1024 / 38 + 1);
    let mut cut = 100 * 1024 * 1024;
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    fs::write(&path, &line[..cut]).unwrap();
    let size = fs::metadata(&path).unwrap().len();
    assert_eq!(size, cut as u64);
    let started = Instant::now();
    let output = korex().arg("extract").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = records(&output.stdout);
    assert_eq!(error_kinds(&records), vec!["too_large"]);
    assert_eq!(
        records[0]["error"]["message"],
        format!("input of {size} bytes is over the limit of 67108864 bytes")
    );
    // The limit is checked while reading: the rest of the file is never read.
    assert!(started.elapsed() < Duration::from_secs(20));

    // A long single-line JSON Lines record is limited the same way, and the
    // next line is still read.
    let jsonl = dir.path().join("lines.jsonl");
    let long = format!(
        "{{\"id\": \"long\", \"text\": \"{}\"}}\n",
        "가".repeat(2000)
    );
    fs::write(
        &jsonl,
        format!("{long}{{\"id\": \"short\", \"text\": \"짧다.\"}}\n"),
    )
    .unwrap();
    let output = korex()
        .args(["extract", "--max-bytes", "1000"])
        .arg(&jsonl)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let lines = records_of(&output);
    assert_eq!(ids(&lines), vec!["lines:1", "short"]);
    assert_eq!(error_kinds(&lines), vec!["too_large", "-"]);
    assert_eq!(
        lines[0]["error"]["message"],
        format!(
            "input of {} bytes is over the limit of 1000 bytes",
            long.len()
        )
    );
}

/// Processing a 100 MB single line for real takes minutes and gigabytes:
/// `cargo test --release --test batch -- --ignored`.
#[test]
#[ignore]
fn a_100_mb_single_line_file_is_processed_under_a_higher_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let sentence = "Samsung will build a new plant in Texas and hire workers ";
    let text = sentence.repeat(100 * 1024 * 1024 / sentence.len());
    fs::write(&path, &text).unwrap();
    let output = korex()
        .args(["extract", "--max-bytes", "200000000"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let records = records(&output.stdout);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["text_chars"], text.chars().count());
}

#[test]
fn a_50000_character_sentence_is_split_in_linear_time() {
    let pipeline = common::pipeline();
    let no_spaces = "가".repeat(50_000);
    let record = pipeline
        .extract(&korex::Input::new("long", no_spaces.clone()))
        .unwrap();
    // Cut every 3,000 bytes (korex::text::sentences::MAX_SENTENCE_BYTES): 1,000 chars.
    assert_eq!(record.sentences.len(), 50);
    assert!(record.sentences.iter().all(|s| s.end - s.start == 1000));
    common::assert_offsets_exact(&no_spaces, &record);

    let words = "삼성전자는 새 공장을 짓고 사람을 뽑는다 ";
    let spaced: String = words.repeat(50_000 / words.chars().count());
    assert_eq!(spaced.chars().count(), 49_979);
    let record = pipeline
        .extract(&korex::Input::new("spaced", spaced.clone()))
        .unwrap();
    assert_eq!(record.sentences.len(), 42);
    common::assert_offsets_exact(&spaced, &record);

    // Not quadratic: one 50,000-char sentence costs about what ten 5,000-char
    // ones do (best of three, to be robust to a busy machine).
    let time = |texts: &[String]| {
        (0..3)
            .map(|_| {
                let started = Instant::now();
                for text in texts {
                    pipeline
                        .extract(&korex::Input::new("t", text.clone()))
                        .unwrap();
                }
                started.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    let short: String = spaced.chars().take(5_000).collect();
    let ten_short = time(&vec![short; 10]);
    let one_long = time(&[spaced]);
    assert!(
        one_long < ten_short * 4 + Duration::from_millis(200),
        "50,000 chars took {one_long:?}, 10 x 5,000 chars {ten_short:?}"
    );
}

#[test]
fn absurd_numbers_do_not_break_the_record() {
    let record = common::pipeline()
        .extract(&korex::Input::new("absurd", ABSURD_NUMBERS))
        .unwrap();
    common::assert_offsets_exact(ABSURD_NUMBERS, &record);
    assert_valid(&serde_json::to_value(&record).unwrap());
}

/// Runs korex as an unprivileged user when the tests run as root (as CI
/// does), since root reads files whatever their permissions.
fn korex_unprivileged(dir: &Path) -> Command {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    let is_root = fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("korex"));
    if is_root {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
        command.uid(65534).gid(65534);
    }
    Command::from_std(command)
}

#[test]
fn unreadable_files_and_folders_are_error_records() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("a.txt"), "읽힌다.").unwrap();
    fs::write(p.join("b.txt"), "못 읽는다.").unwrap();
    fs::create_dir(p.join("c")).unwrap();
    fs::write(p.join("c").join("inside.txt"), "안쪽.").unwrap();
    fs::write(p.join("d.txt"), "마지막.").unwrap();
    fs::set_permissions(p.join("b.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(p.join("c"), fs::Permissions::from_mode(0o000)).unwrap();
    let output = korex_unprivileged(p)
        .arg("extract")
        .arg(p)
        .output()
        .unwrap();
    // Let the temporary folder be removed.
    fs::set_permissions(p.join("c"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let records = records(&output.stdout);
    assert_eq!(ids(&records), vec!["a", "b", "c", "d"]);
    assert_eq!(error_kinds(&records), vec!["-", "read", "read", "-"]);
    assert_eq!(
        records[1]["error"]["message"],
        format!(
            "cannot read {}: Permission denied (os error 13)",
            p.join("b.txt").display()
        )
    );
    let stderr = stderr_of(&output);
    assert!(stderr.contains("b.txt: cannot read"), "{stderr}");
}

#[test]
fn symlink_loops_are_detected_and_reported_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir(p.join("sub")).unwrap();
    fs::write(p.join("sub").join("a.txt"), "본문.").unwrap();
    std::os::unix::fs::symlink(p, p.join("sub").join("loop")).unwrap();
    let output = korex().arg("extract").arg(p).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(ids(&records(&output.stdout)), vec!["a"]);
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains(&format!(
            "symlink loop: {} leads back to {}; not followed",
            p.join("sub").join("loop").display(),
            p.display()
        )),
        "{stderr}"
    );
}

#[test]
fn unknown_extensions_are_skipped_in_folders_but_read_when_named() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "본문.").unwrap();
    fs::write(dir.path().join("b.csv"), "Named explicitly.").unwrap();
    fs::write(dir.path().join("c.pdf"), "%PDF").unwrap();
    let output = korex().arg("extract").arg(dir.path()).output().unwrap();
    assert_eq!(ids(&records(&output.stdout)), vec!["a"]);
    assert_eq!(
        summary_counts(&output),
        "korex: 1 articles, 0 errors, 2 skipped, 0.0 MB"
    );
    let output = korex()
        .arg("extract")
        .arg(dir.path().join("b.csv"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let records = records(&output.stdout);
    assert_eq!(ids(&records), vec!["b"]);
    assert_eq!(records[0]["language"], "en");
}

#[test]
fn quiet_prints_no_summary_but_still_reports_errors() {
    let dir = hostile_folder();
    let output = korex()
        .args(["extract", "-q", "--max-bytes", "1000"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(!stderr.contains("articles,"), "{stderr}");
    assert_eq!(stderr.lines().count(), 5, "{stderr}");
}

#[test]
fn html_pages_give_their_title_and_offsets_into_the_extracted_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    fs::write(
        &path,
        r#"<html><head><title>삼성, 美 공장 착공</title><style>p{}</style></head>
<body><nav>메뉴</nav><article><h1>삼성, 美 공장 착공</h1>
<p>삼성전자는 &lt;텍사스&gt;에 공장을 짓는다.</p><p>Samsung said so.</p></article>
<footer>ⓒ 뉴스</footer></body></html>"#,
    )
    .unwrap();
    let output = korex()
        .args(["extract", "--tokens"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let records = records(&output.stdout);
    let record = &records[0];
    assert_valid(record);
    assert_eq!(record["title"], "삼성, 美 공장 착공");
    let text = "삼성, 美 공장 착공\n\n삼성전자는 <텍사스>에 공장을 짓는다.\n\nSamsung said so.";
    assert_eq!(record["text_chars"], text.chars().count());
    let extraction: korex::Extraction = serde_json::from_value(record.clone()).unwrap();
    assert!(common::assert_offsets_exact(text, &extraction) > 10);
    let sentences: Vec<String> = extraction
        .sentences
        .iter()
        .map(|s| common::slice(text, s.start, s.end))
        .collect();
    assert_eq!(
        sentences,
        vec![
            "삼성, 美 공장 착공",
            "삼성전자는 <텍사스>에 공장을 짓는다.",
            "Samsung said so."
        ]
    );
}

#[test]
fn json_files_hold_one_article_or_an_array() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("one.json"),
        r#"{"title": "제목", "text": "본문이다."}"#,
    )
    .unwrap();
    fs::write(
        dir.path().join("two.json"),
        r#"[{"id": 7, "text": "First."}, {"text": "Second."}]"#,
    )
    .unwrap();
    fs::write(dir.path().join("zbad.json"), "{\"text\": ").unwrap();
    let output = korex().arg("extract").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let records = records(&output.stdout);
    assert_eq!(ids(&records), vec!["one", "7", "two:2", "zbad"]);
    assert_eq!(
        error_kinds(&records),
        vec!["-", "-", "-", "malformed_record"]
    );
    assert_eq!(records[0]["title"], "제목");
    assert_eq!(
        records[3]["error"]["message"],
        "line 1: EOF while parsing a value at line 1 column 9"
    );
}

#[test]
fn duplicate_ids_are_reported_and_never_overwrite_in_out_dir() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "첫째.").unwrap();
    fs::write(dir.path().join("a.md"), "둘째.").unwrap();
    fs::write(
        dir.path().join("l.jsonl"),
        "{\"id\": \"x\", \"text\": \"하나.\"}\n{\"id\": \"x\", \"text\": \"둘.\"}\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = korex()
        .arg("extract")
        .arg(dir.path())
        .arg("--out-dir")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(output.stdout, b"");
    assert_eq!(
        files_under(out.path()),
        vec!["a.json", "a~2.json", "l/x.json", "l/x~2.json"]
    );
    let second: Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("a~2.json")).unwrap()).unwrap();
    assert_eq!(
        second["source"],
        dir.path().join("a.txt").display().to_string()
    );
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("a.txt: duplicate id \"a\": an earlier input has the same id"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "a.json is already written by an earlier input of this run: writing a~2.json instead"
        ),
        "{stderr}"
    );
    assert_eq!(
        summary_counts(&output),
        "korex: 4 articles, 0 errors, 0 skipped, 2 duplicate ids, 0.0 MB"
    );

    // A resume checks the very file a full run writes: with a~2.json gone,
    // a.txt is processed again while a.md is kept.
    fs::remove_file(out.path().join("a~2.json")).unwrap();
    let resumed = korex()
        .arg("extract")
        .arg(dir.path())
        .arg("--out-dir")
        .arg(out.path())
        .arg("--skip-existing")
        .output()
        .unwrap();
    assert_eq!(resumed.status.code(), Some(0));
    assert_eq!(
        summary_counts(&resumed),
        "korex: 1 articles, 0 errors, 0 skipped, 3 kept (output exists), 2 duplicate ids, 0.0 MB"
    );
    assert_eq!(
        files_under(out.path()),
        vec!["a.json", "a~2.json", "l/x.json", "l/x~2.json"]
    );

    // On stdout nothing is overwritten, but the duplicate is still reported.
    let output = korex().arg("extract").arg(dir.path()).output().unwrap();
    assert_eq!(ids(&records(&output.stdout)), vec!["a", "a", "x", "x"]);
    assert!(stderr_of(&output).contains("duplicate id \"x\""));
}

#[test]
fn out_dir_mirrors_the_tree_atomically_and_resumes_with_skip_existing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir_all(p.join("a").join("b")).unwrap();
    fs::write(p.join("top.txt"), "맨 위.").unwrap();
    fs::write(p.join("a").join("b").join("deep.md"), "깊은 곳.").unwrap();
    fs::write(p.join("a").join("bad.txt"), b"\xff").unwrap();
    fs::write(
        p.join("a").join("feed.jsonl"),
        "{\"id\": \"f/1\", \"text\": \"하나.\"}\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        korex()
            .arg("extract")
            .arg(p)
            .arg("--out-dir")
            .arg(out.path())
            .args(extra)
            .output()
            .unwrap()
    };
    let first = run(&[]);
    assert_eq!(first.status.code(), Some(1));
    // No temporary file is left behind.
    assert_eq!(
        files_under(out.path()),
        vec!["a/b/deep.json", "a/bad.json", "a/feed/f_1.json", "top.json"]
    );
    let deep = out.path().join("a/b/deep.json");
    let record: Value = serde_json::from_str(&fs::read_to_string(&deep).unwrap()).unwrap();
    assert_eq!(record["id"], "deep");
    assert_valid(&record);
    let modified = fs::metadata(&deep).unwrap().modified().unwrap();

    // Resume: good records are kept, the failed input is tried again.
    std::thread::sleep(Duration::from_millis(20));
    let second = run(&["--skip-existing"]);
    assert_eq!(second.status.code(), Some(1));
    assert_eq!(fs::metadata(&deep).unwrap().modified().unwrap(), modified);
    assert_eq!(
        summary_counts(&second),
        "korex: 0 articles, 1 errors, 0 skipped, 3 kept (output exists), 0.0 MB"
    );
    fs::write(p.join("a").join("bad.txt"), "이제 좋다.").unwrap();
    let third = run(&["--skip-existing"]);
    assert_eq!(third.status.code(), Some(0));
    let fixed: Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("a/bad.json")).unwrap()).unwrap();
    assert_eq!(fixed["text_chars"], 6);

    korex()
        .args(["extract", "--skip-existing"])
        .arg(p)
        .assert()
        .code(2);
}

#[test]
fn out_dir_inside_the_input_folder_is_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "본문.").unwrap();
    let out = dir.path().join("out");
    for _ in 0..2 {
        let output = korex()
            .arg("extract")
            .arg(dir.path())
            .arg("--out-dir")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    }
    assert_eq!(files_under(&out), vec!["a.json"]);
}

#[test]
fn a_closed_stdout_ends_the_run_quietly_with_status_0() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        let text = format!("{i}번째 기사다. 정부는 {i}일 발표했다. Article {i} ends here.");
        fs::write(dir.path().join(format!("{i:04}.txt")), text).unwrap();
    }
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("korex"))
        .args(["extract", "--tokens", "-j", "2"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).unwrap();
    // The reader is dropped here, as `head -1` exits.
    let output = child.wait_with_output().unwrap();
    assert!(first.contains("\"id\":\"0000\""), "{first}");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr_of(&output), "");
}

#[test]
fn gazetteer_flag_adds_entities_and_a_missing_file_is_a_start_up_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, "조르블락스는 공장을 짓는다.").unwrap();
    let gazetteer = dir.path().join("extra.tsv");
    fs::write(
        &gazetteer,
        "# a test gazetteer\nid\ttype\tname_ko\tname_en\taliases_ko\taliases_en\taffiliation\n\
         org:zorblax\tORG\t조르블락스\tZorblax Corp\t\t\t\n",
    )
    .unwrap();
    let names = |output: &std::process::Output| -> Vec<(String, String)> {
        records(&output.stdout)[0]["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let name = e["name"].as_str().unwrap_or("").to_owned();
                (name, e["name_en"].as_str().unwrap_or("").to_owned())
            })
            .collect()
    };
    let without = korex().arg("extract").arg(&path).output().unwrap();
    assert_eq!(names(&without), vec![]);
    let with = korex()
        .arg("extract")
        .arg("--gazetteer")
        .arg(&gazetteer)
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(with.status.code(), Some(0), "{}", stderr_of(&with));
    assert_eq!(
        names(&with),
        vec![("조르블락스".to_owned(), "Zorblax Corp".to_owned())]
    );

    let missing = dir.path().join("missing.tsv");
    let output = korex()
        .arg("extract")
        .arg("--gazetteer")
        .arg(&gazetteer)
        .arg("--gazetteer")
        .arg(&missing)
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(output.stdout, b"");
    assert_eq!(
        stderr_of(&output),
        format!(
            "korex: cannot start the pipeline: cannot read {}: No such file or directory (os error 2)\n",
            missing.display()
        )
    );
}

/// Text made of the pieces that stress normalization, splitting and
/// tokenization: Hangul (also as conjoining jamo), Latin, digits, units,
/// quotes, terminal marks, combining accents, odd spaces and emoji.
fn newsy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "삼성전자",
        "는 ",
        "700조 ",
        "원",
        "을 ",
        "투자한다",
        ". ",
        "“",
        "”",
        "\"",
        "...",
        "…",
        "\n",
        "\n\n",
        " ",
        "\u{a0}",
        "\u{3000}",
        "1,372.4",
        "%",
        "$",
        "5000억 달러",
        "Samsung ",
        "Inc.",
        "U.S. ",
        "\u{1112}\u{1161}\u{11ab}",
        "e\u{301}",
        "\u{301}",
        "😀",
        "\t",
        "(",
        ")",
        "?",
        "!",
        "AI",
        "챗GPT",
        "12월 ",
        "2029년",
        "\u{feff}",
        "\r\n",
        "ᄀ",
        "漢字",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_unicode_text_extracts_without_panic_and_with_exact_offsets(
        text in prop_oneof![any::<String>(), newsy_text()]
    ) {
        let record = common::pipeline()
            .extract(&korex::Input::new("p", text.clone()))
            .expect("extraction never fails on text");
        common::assert_offsets_exact(&text, &record);
    }
}
