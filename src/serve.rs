//! The HTTP service (`korex serve`): the pipeline behind axum.
//!
//! | route | what it does |
//! |---|---|
//! | `POST /v1/extract` | a JSON object `{id?, title?, text}` gives one record; an `application/x-ndjson` body gives JSON Lines back, streamed, one record per line in input order |
//! | `GET /v1/schema` | the JSON Schema of the records |
//! | `GET /healthz` | `{"status":"ok"}` |
//!
//! Records are exactly those `korex extract` makes from the same body on
//! standard input: a missing id is `stdin:<line>` (a single object is line
//! 1), and a malformed line becomes the same error record, in its place. Limits, each answered with a JSON body `{"error": {kind, message}}`:
//! a body over [`ServeConfig::max_body_bytes`] gets 413, a request not
//! answered within [`ServeConfig::timeout`] gets 408 (a streamed answer that
//! runs out of time ends with `timeout` error records for the lines not
//! done, so records out still equal lines in), and a request beyond
//! [`ServeConfig::max_concurrency`] extraction requests in flight gets 503
//! at once. SIGTERM or Ctrl-C stops accepting connections and lets the
//! requests in flight finish.
//!
//! Extraction is CPU work: it runs on a rayon pool of [`ServeConfig::jobs`]
//! threads sharing one [`Pipeline`], never on the async threads.

use crate::batch::error_record;
use crate::error::{Error, Result};
use crate::input::{self, Input};
use crate::output::{ErrorInfo, ErrorRecord, JSON_SCHEMA, Record};
use crate::{Pipeline, Worker};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use rayon::prelude::*;
use serde::Serialize;
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, oneshot};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// How the service runs, set once (the binary fills it from flags).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeConfig {
    /// The address to listen on; port 0 picks a free port
    /// ([`Server::local_addr`] tells which).
    pub addr: SocketAddr,
    /// Request bodies larger than this many bytes get 413.
    pub max_body_bytes: usize,
    /// A request must be answered within this time (408 otherwise).
    pub timeout: Duration,
    /// Extraction requests in flight at most; one more gets 503.
    pub max_concurrency: usize,
    /// Extraction threads shared by all requests (at least 1).
    pub jobs: usize,
}

/// The default `--max-body-bytes`: 16 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            timeout: Duration::from_secs(30),
            max_concurrency: 16,
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

/// The media types read as JSON Lines (one article a line).
const NDJSON_TYPES: &[&str] = &[
    "application/x-ndjson",
    "application/ndjson",
    "application/jsonl",
    "application/json-lines",
];

/// The id stem of articles without one, as for standard input in `korex extract`.
const STEM: &str = "stdin";

/// Lines extracted together in a streamed answer: enough to keep every
/// thread busy, few enough that the first records go out early.
const LINES_PER_ROUND: usize = 4;

/// A bound listener with everything it serves: [`Server::bind`], then
/// [`Server::run`].
#[derive(Debug)]
pub struct Server {
    listener: std::net::TcpListener,
    state: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    pipeline: Pipeline,
    pool: rayon::ThreadPool,
    permits: Arc<Semaphore>,
    config: ServeConfig,
}

impl Server {
    /// Binds the listener and builds the extraction threads; fails if the
    /// address cannot be bound.
    pub fn bind(pipeline: Pipeline, config: ServeConfig) -> Result<Self> {
        let serve_error = |message: String| Error::Serve {
            addr: config.addr,
            message,
        };
        let listener =
            std::net::TcpListener::bind(config.addr).map_err(|e| serve_error(e.to_string()))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| serve_error(e.to_string()))?;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(config.jobs.max(1))
            .thread_name(|i| format!("korex-serve-{i}"))
            .build()
            .map_err(|e| serve_error(e.to_string()))?;
        let permits = Arc::new(Semaphore::new(config.max_concurrency.max(1)));
        Ok(Server {
            listener,
            state: Arc::new(Shared {
                pipeline,
                pool,
                permits,
                config,
            }),
        })
    }

    /// The address actually bound (with port 0, the port picked).
    pub fn local_addr(&self) -> Result<SocketAddr> {
        self.listener.local_addr().map_err(|e| Error::Serve {
            addr: self.state.config.addr,
            message: e.to_string(),
        })
    }

    /// Serves until SIGTERM or Ctrl-C, then lets the requests in flight
    /// finish. Blocks the calling thread (it runs its own tokio runtime).
    pub fn run(self) -> Result<()> {
        let addr = self.state.config.addr;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("korex-http")
            .enable_all()
            .build()
            .map_err(|e| Error::Serve {
                addr,
                message: e.to_string(),
            })?;
        let outcome = runtime.block_on(self.serve(shutdown_signal()));
        // Extractions already started when a timeout fired may still run.
        runtime.shutdown_timeout(Duration::from_secs(5));
        outcome
    }

    /// Serves on the current tokio runtime until `shutdown` completes, then
    /// lets the requests in flight finish.
    pub async fn serve(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<()> {
        let addr = self.state.config.addr;
        let serve_error = |e: std::io::Error| Error::Serve {
            addr,
            message: e.to_string(),
        };
        let listener = tokio::net::TcpListener::from_std(self.listener).map_err(serve_error)?;
        axum::serve(listener, router(self.state))
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(serve_error)
    }
}

/// The routes with their limits.
fn router(state: Arc<Shared>) -> Router {
    let limit = state.config.max_body_bytes;
    let timeout = state.config.timeout;
    Router::new()
        .route("/v1/extract", post(extract))
        .route("/v1/schema", get(schema))
        .route("/healthz", get(healthz))
        .fallback(not_found)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(RequestBodyLimitLayer::new(limit))
        // Outermost, so that it sees the refusals of the two limits.
        .layer(axum::middleware::map_response_with_state(
            Arc::clone(&state),
            json_error_bodies,
        ))
        .with_state(state)
}

/// Resolves on SIGTERM or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

/// The body of every answer that is not a record: `{"error": {kind, message}}`.
#[derive(Debug, Serialize)]
struct ErrorBody {
    error: ErrorInfo,
}

#[derive(Debug, Serialize)]
struct Health {
    status: &'static str,
}

fn error_response(status: StatusCode, error: &Error) -> Response {
    let body = ErrorBody {
        error: ErrorInfo {
            kind: error.kind().to_owned(),
            message: error.to_string(),
        },
    };
    (status, axum::Json(body)).into_response()
}

/// The limits of tower-http answer with plain text or nothing: give them
/// the JSON error body every other refusal has.
async fn json_error_bodies(State(state): State<Arc<Shared>>, response: Response) -> Response {
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json {
        return response;
    }
    match response.status() {
        StatusCode::PAYLOAD_TOO_LARGE => error_response(
            StatusCode::PAYLOAD_TOO_LARGE,
            &Error::BodyTooLarge {
                limit: state.config.max_body_bytes,
            },
        ),
        StatusCode::REQUEST_TIMEOUT => error_response(
            StatusCode::REQUEST_TIMEOUT,
            &Error::Timeout {
                limit: state.config.timeout,
            },
        ),
        _ => response,
    }
}

async fn not_found() -> Response {
    error_response(StatusCode::NOT_FOUND, &Error::NoRoute)
}

async fn healthz() -> Response {
    axum::Json(Health { status: "ok" }).into_response()
}

async fn schema() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        JSON_SCHEMA,
    )
        .into_response()
}

async fn extract(State(state): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Response {
    // The permit comes before the body, so at most `max_concurrency` bodies
    // are held in memory at once.
    let Ok(permit) = Arc::clone(&state.permits).try_acquire_owned() else {
        let mut response = error_response(
            StatusCode::SERVICE_UNAVAILABLE,
            &Error::Overloaded {
                limit: state.config.max_concurrency,
            },
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        return response;
    };
    let limit = state.config.max_body_bytes;
    let bytes = match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(error) if is_length_limit(&error) => {
            return error_response(
                StatusCode::PAYLOAD_TOO_LARGE,
                &Error::BodyTooLarge { limit },
            );
        }
        Err(error) => {
            let error = Error::RequestBody {
                message: error.to_string(),
            };
            return error_response(StatusCode::BAD_REQUEST, &error);
        }
    };
    if is_ndjson(&headers) {
        extract_lines(state, permit, bytes)
    } else {
        extract_one(state, permit, bytes).await
    }
}

fn is_ndjson(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return false;
    };
    let Ok(value) = value.to_str() else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim();
    NDJSON_TYPES.iter().any(|t| essence.eq_ignore_ascii_case(t))
}

fn is_length_limit(error: &axum::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = cause {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cause = e.source();
    }
    false
}

/// One JSON object: one record, 400 with the error record if the object is
/// not an article.
async fn extract_one(state: Arc<Shared>, permit: OwnedSemaphorePermit, bytes: Bytes) -> Response {
    // The body is line 1, as `korex extract` reads one object on stdin.
    let one = format!("{STEM}:1");
    let input = match std::str::from_utf8(&bytes) {
        Ok(text) => input::parse_json_record(text.trim_start_matches('\u{feff}'), 1, &one, None),
        Err(e) => Err(Error::Record {
            line: 1,
            message: format!("not valid UTF-8 at byte {}", e.valid_up_to()),
        }),
    };
    let input = match input {
        Ok(input) => input,
        Err(error) => {
            let record = error_record(&one, None, &error);
            return (StatusCode::BAD_REQUEST, axum::Json(record)).into_response();
        }
    };
    let (done_tx, done_rx) = oneshot::channel();
    let worker_state = Arc::clone(&state);
    state.pool.spawn(move || {
        let record = extract_guarded(&mut worker_state.pipeline.worker(), &input);
        drop(permit);
        let _ = done_tx.send(record);
    });
    match done_rx.await {
        Ok(record @ Record::Extraction(_)) => axum::Json(record).into_response(),
        Ok(record @ Record::Error(_)) => {
            (StatusCode::INTERNAL_SERVER_ERROR, axum::Json(record)).into_response()
        }
        Err(_) => error_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &Error::Internal {
                message: "the extraction thread went away".to_owned(),
            },
        ),
    }
}

/// One line of a JSON Lines body: an article, or the error record standing
/// in for it.
enum Line {
    Article(Input),
    Failed(Record),
}

/// The lines of a JSON Lines body, read as `korex extract` reads standard
/// input: blank lines skipped (still counted), a BOM ignored, a missing id
/// `stdin:<line>`.
fn parse_lines(bytes: &[u8]) -> Vec<Line> {
    let mut lines = Vec::new();
    // Each line keeps its newline, as `korex extract` parses it (error
    // messages then name the same positions).
    for (index, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        let number = index + 1;
        let fallback_id = format!("{STEM}:{number}");
        let parsed = match std::str::from_utf8(line) {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => input::parse_json_record(
                text.trim_start_matches('\u{feff}'),
                number,
                &fallback_id,
                None,
            ),
            Err(e) => Err(Error::Record {
                line: number,
                message: format!("not valid UTF-8 at byte {}", e.valid_up_to()),
            }),
        };
        lines.push(match parsed {
            Ok(input) => Line::Article(input),
            Err(error) => Line::Failed(error_record(&fallback_id, None, &error)),
        });
    }
    lines
}

/// JSON Lines: records streamed back in input order as they are done.
fn extract_lines(state: Arc<Shared>, permit: OwnedSemaphorePermit, bytes: Bytes) -> Response {
    let deadline = Instant::now() + state.config.timeout;
    let (tx, rx) = mpsc::channel::<Result<Bytes, Infallible>>(16);
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let lines = parse_lines(&bytes);
        drop(bytes);
        let round = state.config.jobs.max(1) * LINES_PER_ROUND;
        for chunk in lines.chunks(round) {
            let records: Vec<Record> = if Instant::now() < deadline {
                state.pool.install(|| {
                    chunk
                        .par_iter()
                        .map_init(
                            || state.pipeline.worker(),
                            |worker, line| match line {
                                Line::Article(input) => extract_guarded(worker, input),
                                Line::Failed(record) => record.clone(),
                            },
                        )
                        .collect()
                })
            } else {
                let timeout = Error::Timeout {
                    limit: state.config.timeout,
                };
                chunk
                    .iter()
                    .map(|line| match line {
                        Line::Article(input) => error_record(&input.id, None, &timeout),
                        Line::Failed(record) => record.clone(),
                    })
                    .collect()
            };
            for record in records {
                let mut json = serde_json::to_vec(&record).unwrap_or_else(|e| {
                    let failed = Record::Error(internal(record.id(), e.to_string()));
                    serde_json::to_vec(&failed).unwrap_or_default()
                });
                json.push(b'\n');
                if tx.blocking_send(Ok(Bytes::from(json))).is_err() {
                    return; // the client went away
                }
            }
        }
    });
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-ndjson"),
        )],
        Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(rx)),
    )
        .into_response()
}

/// Extracts one input; a panic inside a stage becomes an `internal` error
/// record rather than taking the thread down.
fn extract_guarded(worker: &mut Worker<'_>, input: &Input) -> Record {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| worker.extract(input)));
    match result {
        Ok(Ok(extraction)) => Record::Extraction(Box::new(extraction)),
        Ok(Err(error)) => error_record(&input.id, input.source.as_deref(), &error),
        Err(_) => Record::Error(internal(
            &input.id,
            "internal error while extracting this article (please report it)".to_owned(),
        )),
    }
}

fn internal(id: &str, message: String) -> ErrorRecord {
    ErrorRecord {
        id: id.to_owned(),
        source: None,
        error: ErrorInfo {
            kind: "internal".to_owned(),
            message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|line| match line {
                Line::Article(input) => format!("article {}", input.id),
                Line::Failed(record) => format!("failed {}", record.id()),
            })
            .collect()
    }

    #[test]
    fn lines_are_read_as_korex_extract_reads_stdin() {
        let body = b"{\"id\":\"a\",\"text\":\"x\"}\n\n{\"text\":\"y\"}\n{not json\n\xff\n";
        let lines = parse_lines(body);
        assert_eq!(
            kinds(&lines),
            [
                "article a",
                "article stdin:3",
                "failed stdin:4",
                "failed stdin:5"
            ]
        );
        let Line::Failed(Record::Error(error)) = &lines[3] else {
            panic!("line 5 fails");
        };
        assert_eq!(error.error.kind, "malformed_record");
        assert_eq!(error.error.message, "line 5: not valid UTF-8 at byte 0");
        let Line::Failed(Record::Error(error)) = &lines[2] else {
            panic!("line 4 fails");
        };
        assert_eq!(
            error.error.message,
            "line 4: key must be a string at line 1 column 2"
        );
    }

    #[test]
    fn ndjson_is_told_by_its_media_type() {
        let mut headers = HeaderMap::new();
        assert!(!is_ndjson(&headers));
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-ndjson; charset=utf-8"),
        );
        assert!(is_ndjson(&headers));
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        assert!(!is_ndjson(&headers));
    }
}
