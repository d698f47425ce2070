//! `korex serve` through the real binary on a loopback port: records,
//! JSON Lines streams, errors, limits and shutdown, with exact status codes
//! and bodies. Every record is validated against the published schema.

mod common;

use common::{assert_valid, korex, records, repo};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A `korex serve` process on a free loopback port, killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    stderr: mpsc::Receiver<String>,
}

impl Server {
    fn start(flags: &[&str]) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("korex"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(flags)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("korex serve starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let first = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the server says where it listens");
        let addr = first
            .strip_prefix("korex: listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line: {first}"))
            .parse()
            .expect("a socket address");
        Server {
            child,
            addr,
            stderr: rx,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Sends SIGTERM and waits (at most 30 s) for the process to end.
    fn terminate(&mut self) -> ExitStatus {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait works") {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "no exit after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

/// Status, content type and body of a response.
struct Reply {
    status: u16,
    content_type: String,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn reply(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
    let mut response = response.expect("the request is answered");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(1 << 30)
        .read_to_string()
        .expect("a UTF-8 body");
    Reply {
        status,
        content_type,
        body,
    }
}

fn post(server: &Server, content_type: &str, body: &[u8]) -> Reply {
    reply(
        agent()
            .post(server.url("/v1/extract"))
            .header("content-type", content_type)
            .send(body),
    )
}

fn get(server: &Server, path: &str) -> Reply {
    reply(agent().get(server.url(path)).call())
}

/// One raw HTTP/1.1 exchange over TCP, for what a client library will not
/// send (a body cut short, chunked bodies); returns the whole response.
fn raw_response(stream: &mut TcpStream) -> (u16, String) {
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .expect("a response is read");
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {response:?}"));
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    (status, body)
}

fn article(name: &str) -> String {
    std::fs::read_to_string(repo().join("corpus").join(name)).expect("corpus article")
}

const MOU: &str = "과학기술정보통신부는 오픈AI와 AI 분야 협력 양해각서(MOU)를 체결했다. \
                   정부는 150조 원 규모의 국민성장펀드를 조성할 계획이다.";

#[test]
fn one_object_gives_the_record_of_the_cli() {
    let server = Server::start(&[]);
    let body = json!({"id": "mou", "text": MOU}).to_string();
    let reply = post(&server, "application/json", body.as_bytes());
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.content_type, "application/json");
    let record = reply.json();
    assert_valid(&record);
    assert_eq!(record["id"], "mou");
    assert_eq!(record["source"], Value::Null);
    assert_eq!(record["language"], "ko");
    let amount = &record["amounts"][0];
    assert_eq!(amount["text"], "150조 원");
    assert_eq!(amount["value"], json!(150_000_000_000_000u64));
    assert_eq!(amount["currency"], "KRW");
    let mou = &record["commitments"][0];
    assert_eq!(mou["type"], "agreement");
    assert_eq!(mou["status"], "completed");
    assert_eq!(mou["predicate"], "체결하다");
    assert_eq!(mou["object"], "AI 분야 협력 양해각서(MOU)");
    let name_of = |id: &Value| {
        record["entities"]
            .as_array()
            .and_then(|all| all.iter().find(|e| &e["id"] == id))
            .map(|e| e["name_en"].clone())
    };
    assert_eq!(
        name_of(&mou["actors"][0]),
        Some(json!("Ministry of Science and ICT"))
    );
    assert_eq!(name_of(&mou["counterparts"][0]), Some(json!("OpenAI")));

    // The same body on the CLI's standard input gives the same record.
    let cli = korex()
        .arg("extract")
        .arg("-q")
        .write_stdin(body)
        .output()
        .unwrap();
    assert_eq!(records(&cli.stdout), vec![record]);

    // A title given apart, and no id: line 1 of the body, as on stdin.
    let reply = post(
        &server,
        "application/json; charset=utf-8",
        json!({"title": "MOU", "text": MOU}).to_string().as_bytes(),
    );
    assert_eq!(reply.status, 200);
    let record = reply.json();
    assert_eq!(record["id"], "stdin:1");
    assert_eq!(record["title"], "MOU");
}

#[test]
fn malformed_objects_get_400_with_the_error_record() {
    let server = Server::start(&[]);
    for (body, message) in [
        (
            &b"{\"id\": \"x\", \"text\": "[..],
            "line 1: EOF while parsing a value at line 1 column 20",
        ),
        (
            &b"{\"id\": \"x\"}"[..],
            "line 1: missing field `text` at line 1 column 11",
        ),
        (
            &b"[1, 2]"[..],
            "line 1: invalid type: integer `2`, expected a string at line 1 column 5",
        ),
        (
            &b"{\"text\": \"\xff\"}"[..],
            "line 1: not valid UTF-8 at byte 10",
        ),
    ] {
        let reply = post(&server, "application/json", body);
        assert_eq!(reply.status, 400, "{}", reply.body);
        assert_eq!(reply.content_type, "application/json");
        let record = reply.json();
        assert_valid(&record);
        assert_eq!(
            record,
            json!({"id": "stdin:1", "source": null,
                   "error": {"kind": "malformed_record", "message": message}})
        );
    }
}

#[test]
fn json_lines_stream_back_in_order_as_the_cli_makes_them() {
    let server = Server::start(&["--jobs", "2"]);
    let mut body = String::new();
    let names = [
        "ko/ko08-msit-openai-mou.txt",
        "en/en01-hynix-openai-memory.txt",
        "ko/ko06-growth-fund-coinvest.txt",
        "en/en05-hapag-lloyd-order.txt",
    ];
    for (i, name) in names.iter().enumerate() {
        body.push_str(&json!({"id": format!("a{i}"), "text": article(name)}).to_string());
        body.push('\n');
        if i == 1 {
            body.push_str("{\"id\": \"broken\", \"text\": \n\n");
            body.push_str(&json!({"title": "no id", "text": MOU}).to_string());
            body.push('\n');
        }
    }
    let reply = post(&server, "application/x-ndjson", body.as_bytes());
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.content_type, "application/x-ndjson");
    assert!(reply.body.ends_with('\n'));
    let got = records(reply.body.as_bytes());
    let ids: Vec<&str> = got.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a0", "a1", "stdin:3", "stdin:5", "a2", "a3"]);
    assert_eq!(
        got[2],
        json!({"id": "stdin:3", "source": null, "error": {"kind": "malformed_record",
               "message": "line 3: EOF while parsing a value at line 2 column 0"}})
    );
    assert_eq!(got[3]["title"], "no id");
    assert_eq!(got[3]["amounts"][0]["value"], json!(150_000_000_000_000u64));
    for record in &got {
        assert_valid(record);
    }
    let cli = korex()
        .args(["extract", "-q", "--input-format", "jsonl", "-"])
        .write_stdin(body)
        .output()
        .unwrap();
    assert_eq!(cli.status.code(), Some(1), "one line failed");
    let want = records(&cli.stdout);
    assert_eq!(want.len(), got.len());
    for (want, got) in want.iter().zip(&got) {
        assert!(
            want == got,
            "record {} differs from the CLI's:\n{want}\n{got}",
            want["id"]
        );
    }

    // An empty stream is an empty answer, not an error.
    let reply = post(&server, "application/x-ndjson", b"\n\n");
    assert_eq!((reply.status, reply.body.as_str()), (200, ""));
}

#[test]
fn schema_health_and_unknown_routes() {
    let server = Server::start(&[]);
    let reply = get(&server, "/v1/schema");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_type, "application/json");
    assert_eq!(reply.body, korex::output::JSON_SCHEMA);
    let cli = korex().arg("schema").output().unwrap();
    assert_eq!(reply.body.as_bytes(), &cli.stdout[..]);

    let reply = get(&server, "/healthz");
    assert_eq!((reply.status, reply.json()), (200, json!({"status": "ok"})));

    let reply = get(&server, "/v2/extract");
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["error"]["kind"], "not_found");
    let reply = get(&server, "/v1/extract");
    assert_eq!(reply.status, 405);
}

#[test]
fn bodies_over_the_limit_get_413() {
    let server = Server::start(&["--max-body-bytes", "4096"]);
    let too_large = json!({"error": {"kind": "too_large",
                           "message": "request body over the limit of 4096 bytes"}});
    // Told by Content-Length, for one object and for JSON Lines.
    let big = json!({"id": "big", "text": "가".repeat(2000)}).to_string();
    for content_type in ["application/json", "application/x-ndjson"] {
        let reply = post(&server, content_type, big.as_bytes());
        assert_eq!(reply.status, 413, "{}", reply.body);
        assert_eq!(reply.content_type, "application/json");
        assert_eq!(reply.json(), too_large);
    }
    // Found while reading a chunked body.
    let mut stream = TcpStream::connect(server.addr).unwrap();
    let chunk = "a".repeat(3000);
    write!(
        stream,
        "POST /v1/extract HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n\
         {len:x}\r\n{chunk}\r\n{len:x}\r\n{chunk}\r\n0\r\n\r\n",
        len = chunk.len()
    )
    .unwrap();
    let (status, body) = raw_response(&mut stream);
    assert_eq!(status, 413);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap(), too_large);
    // Just under the limit is fine.
    let small = json!({"id": "small", "text": "가".repeat(1000)}).to_string();
    assert!(small.len() < 4096);
    let reply = post(&server, "application/json", small.as_bytes());
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["text_chars"], 1000);
}

/// Opens a request whose body is cut short, so that it holds its slot.
fn hanging_request(server: &Server, body: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(server.addr).unwrap();
    write!(
        stream,
        "POST /v1/extract HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len(),
    )
    .unwrap();
    stream.write_all(&body[..body.len() / 2]).unwrap();
    stream.flush().unwrap();
    stream
}

/// Whether the server has answered (or closed) a connection, without waiting.
fn was_answered(stream: &TcpStream) -> bool {
    stream.set_nonblocking(true).unwrap();
    let answered = !matches!(
        stream.peek(&mut [0u8; 1]),
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock
    );
    stream.set_nonblocking(false).unwrap();
    answered
}

#[test]
fn requests_beyond_the_concurrency_limit_get_503() {
    let server = Server::start(&["--max-concurrency", "1"]);
    let body = json!({"id": "first", "text": MOU}).to_string();
    let mut first = hanging_request(&server, body.as_bytes());
    // Once the first request holds the only slot, the next one is refused.
    let started = Instant::now();
    let refused = loop {
        let reply = post(
            &server,
            "application/json",
            br#"{"id":"second","text":"x"}"#,
        );
        if reply.status == 503 {
            break reply;
        }
        assert_eq!(reply.status, 200, "{}", reply.body);
        // The hanging request may have come in while this one held the slot,
        // and been refused itself: then it holds nothing, so send it again.
        if was_answered(&first) {
            first = hanging_request(&server, body.as_bytes());
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "never saturated"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(
        refused.json(),
        json!({"error": {"kind": "overloaded",
               "message": "busy: 1 extraction requests in flight already, try again"}})
    );
    // Health does not count against the limit.
    assert_eq!(get(&server, "/healthz").status, 200);
    // The first request still completes, and frees its slot.
    first.write_all(&body.as_bytes()[body.len() / 2..]).unwrap();
    let (status, record) = raw_response(&mut first);
    assert_eq!(status, 200);
    let record: Value = serde_json::from_str(&record).unwrap();
    assert_valid(&record);
    assert_eq!(record["id"], "first");
    let reply = post(&server, "application/json", br#"{"id":"third","text":"x"}"#);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["id"], "third");
}

#[test]
fn slow_requests_get_408() {
    let server = Server::start(&["--timeout", "1"]);
    let started = Instant::now();
    let mut stream = hanging_request(&server, json!({"text": MOU}).to_string().as_bytes());
    let (status, body) = raw_response(&mut stream);
    assert_eq!(status, 408);
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({"error": {"kind": "timeout", "message": "request not done within the limit of 1 s"}})
    );
}

#[test]
fn sigterm_lets_requests_in_flight_finish_and_exits_0() {
    let mut server = Server::start(&["--jobs", "1"]);
    let mut body = String::new();
    let corpus: Vec<String> = std::fs::read_dir(repo().join("corpus/ko"))
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    for (i, path) in corpus.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        body.push_str(&json!({"id": format!("k{i}"), "text": text}).to_string());
        body.push('\n');
    }
    let url = server.url("/v1/extract");
    let (answered_tx, answered) = mpsc::channel();
    let in_flight = std::thread::spawn(move || {
        let response = agent()
            .post(url)
            .header("content-type", "application/x-ndjson")
            .send(body.as_bytes());
        let _ = answered_tx.send(());
        reply(response)
    });
    // Once the answer has begun, stop the server: the stream still ends whole.
    answered
        .recv_timeout(Duration::from_secs(60))
        .expect("the request is answered");
    let status = server.terminate();
    assert_eq!(status.code(), Some(0), "clean exit on SIGTERM");
    let reply = in_flight.join().unwrap();
    assert_eq!(reply.status, 200);
    let got = records(reply.body.as_bytes());
    assert_eq!(
        got.len(),
        corpus.len(),
        "every record of the request in flight"
    );
    for (i, record) in got.iter().enumerate() {
        assert_eq!(record["id"], format!("k{i}"));
        assert_valid(record);
    }
    let said: Vec<String> = server.stderr.try_iter().collect();
    assert_eq!(said, ["korex: shut down"]);
    assert!(
        TcpStream::connect(server.addr).is_err(),
        "no longer listening"
    );
}

#[test]
fn a_stream_that_runs_out_of_time_ends_with_timeout_records() {
    let server = Server::start(&["--timeout", "1", "--jobs", "1"]);
    let text = article("ko/ko06-growth-fund-coinvest.txt").repeat(20);
    let mut body = String::new();
    for i in 0..150 {
        body.push_str(&json!({"id": format!("t{i}"), "text": text}).to_string());
        body.push('\n');
    }
    let reply = post(&server, "application/x-ndjson", body.as_bytes());
    assert_eq!(reply.status, 200);
    let got = records(reply.body.as_bytes());
    let ids: Vec<String> = got.iter().map(|r| r["id"].to_string()).collect();
    let want: Vec<String> = (0..150).map(|i| format!("\"t{i}\"")).collect();
    assert_eq!(ids, want, "records out == lines in, in order");
    let timed_out = got.iter().filter(|r| r.get("error").is_some()).count();
    assert!(
        timed_out > 0,
        "40 long articles on one thread take over 1 s"
    );
    for record in &got[got.len() - timed_out..] {
        assert_valid(record);
        assert_eq!(
            record["error"],
            json!({"kind": "timeout", "message": "request not done within the limit of 1 s"})
        );
    }
    for record in &got[..got.len() - timed_out] {
        assert_valid(record);
        assert_eq!(record["text_chars"], text.chars().count());
    }
}

#[test]
fn concurrent_requests_each_get_their_own_record() {
    let server = Server::start(&["--jobs", "2"]);
    let names = [
        "ko/ko01-hbm-supply-deal.txt",
        "ko/ko08-msit-openai-mou.txt",
        "en/en01-hynix-openai-memory.txt",
        "en/en12-bok-rate-cut.txt",
    ];
    let bodies: Vec<String> = names
        .iter()
        .map(|name| json!({"id": name, "text": article(name)}).to_string())
        .collect();
    let alone: Vec<Value> = bodies
        .iter()
        .map(|body| post(&server, "application/json", body.as_bytes()).json())
        .collect();
    let together: Vec<Vec<Reply>> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..8)
            .map(|t| {
                let bodies = &bodies;
                let url = server.url("/v1/extract");
                scope.spawn(move || {
                    (0..bodies.len())
                        .map(|i| {
                            let body = &bodies[(i + t) % bodies.len()];
                            reply(
                                agent()
                                    .post(&url)
                                    .header("content-type", "application/json")
                                    .send(body.as_bytes()),
                            )
                        })
                        .collect()
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    for (t, replies) in together.iter().enumerate() {
        for (i, reply) in replies.iter().enumerate() {
            assert_eq!(reply.status, 200, "{}", reply.body);
            let record = reply.json();
            assert_eq!(record, alone[(i + t) % bodies.len()]);
        }
    }
    for record in &alone {
        assert_valid(record);
    }
}

#[test]
fn a_busy_address_is_a_start_up_error() {
    let server = Server::start(&[]);
    let output = korex()
        .args(["serve", "--addr", &server.addr.to_string()])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!("korex: cannot serve on {}: ", server.addr)),
        "{stderr}"
    );
    assert_eq!(get(&server, "/healthz").status, 200);
}
