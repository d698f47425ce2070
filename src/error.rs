//! The library's error type.

use std::path::PathBuf;

/// Everything that can go wrong inside korex, each variant with its context.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The Korean dictionary (ko-dic) or the user dictionary could not be loaded.
    #[error("cannot load the Korean dictionary: {message}")]
    Dictionary {
        /// What lindera reported.
        message: String,
    },
    /// A data file in `dictionaries/` (or one given by the user) is malformed.
    #[error("{source_name}:{line}: {message}")]
    Lexicon {
        /// The file the problem is in (a path, or the name of an embedded file).
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
    /// Tokenization failed inside lindera.
    #[error("tokenizer failed: {message}")]
    Tokenize {
        /// What lindera reported.
        message: String,
    },
    /// An input could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The path that failed.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// An input is not valid UTF-8.
    #[error("not valid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// An input looks binary (it holds NUL bytes).
    #[error("binary content (NUL byte at {offset})")]
    Binary {
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// An input is larger than the configured limit.
    #[error("input of {size} bytes is over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input in bytes.
        size: u64,
        /// The configured limit (`Config::max_input_bytes`).
        limit: u64,
    },
    /// A JSON Lines record could not be parsed.
    #[error("line {line}: {message}")]
    Record {
        /// 1-based line number in the JSONL input.
        line: usize,
        /// What is wrong with the record.
        message: String,
    },
    /// Writing output failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// Where the output was going.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The HTTP service could not bind its address or start its threads.
    #[error("cannot serve on {addr}: {message}")]
    Serve {
        /// The address asked for.
        addr: std::net::SocketAddr,
        /// What went wrong.
        message: String,
    },
    /// An HTTP request body is larger than the service's limit.
    #[error("request body over the limit of {limit} bytes")]
    BodyTooLarge {
        /// The configured limit (`ServeConfig::max_body_bytes`).
        limit: usize,
    },
    /// An HTTP request body could not be read.
    #[error("cannot read the request body: {message}")]
    RequestBody {
        /// What went wrong.
        message: String,
    },
    /// An HTTP request was not answered within the service's time limit.
    #[error("request not done within the limit of {} s", limit.as_secs_f64())]
    Timeout {
        /// The configured limit (`ServeConfig::timeout`).
        limit: std::time::Duration,
    },
    /// The HTTP service already has as many extraction requests as it takes.
    #[error("busy: {limit} extraction requests in flight already, try again")]
    Overloaded {
        /// The configured limit (`ServeConfig::max_concurrency`).
        limit: usize,
    },
    /// No HTTP route at this path.
    #[error("no such route (try POST /v1/extract, GET /v1/schema, GET /healthz)")]
    NoRoute,
    /// Something that should not happen (a bug: please report it).
    #[error("internal error: {message}")]
    Internal {
        /// What went wrong.
        message: String,
    },
}

impl Error {
    /// A short machine-readable name for the kind of error, used in error records.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Dictionary { .. } => "dictionary",
            Error::Lexicon { .. } => "lexicon",
            Error::Tokenize { .. } => "tokenize",
            Error::Read { .. } => "read",
            Error::InvalidUtf8 { .. } => "invalid_utf8",
            Error::Binary { .. } => "binary",
            Error::TooLarge { .. } => "too_large",
            Error::Record { .. } => "malformed_record",
            Error::Write { .. } => "write",
            Error::Serve { .. } => "serve",
            Error::BodyTooLarge { .. } => "too_large",
            Error::RequestBody { .. } => "read",
            Error::Timeout { .. } => "timeout",
            Error::Overloaded { .. } => "overloaded",
            Error::NoRoute => "not_found",
            Error::Internal { .. } => "internal",
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
