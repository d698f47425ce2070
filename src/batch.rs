//! Batch processing: walking folders, reading files, JSON Lines and stdin,
//! extracting in parallel and writing records in input order.
//!
//! A reader thread turns sources into jobs, a pool of workers (one pipeline
//! worker each) extracts them, and the calling thread writes the records in
//! input order. A window of credits bounds how many articles are in flight,
//! so memory stays flat whatever the size of the batch, and the first records
//! come out while later inputs are still being read.

use crate::Pipeline;
use crate::error::Error;
use crate::input::{self, Input};
use crate::output::{ErrorInfo, ErrorRecord, Record};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// By extension (`.jsonl`, `.ndjson`: JSON Lines; else text); stdin by its
    /// first non-blank byte (`{`: JSON Lines).
    #[default]
    Auto,
    /// Every input is one article.
    Text,
    /// Every line is a record `{id, title?, text, lang?}`.
    Jsonl,
}

/// Where articles come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file, or a folder walked recursively.
    Path(PathBuf),
}

/// Options of a batch run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchOptions {
    /// How to read inputs.
    pub format: InputFormat,
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Inputs larger than this many bytes become error records.
    pub max_input_bytes: u64,
    /// Decode invalid UTF-8 with U+FFFD (and a warning) instead of failing.
    pub lossy: bool,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            format: InputFormat::Auto,
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            max_input_bytes: 256 * 1024 * 1024,
            lossy: false,
        }
    }
}

/// File extensions read when walking a folder.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "jsonl", "ndjson"];

/// What a batch run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records written (articles and error records).
    pub records: usize,
    /// Error records among them.
    pub errors: usize,
    /// Files in walked folders skipped for their extension.
    pub skipped: usize,
    /// Bytes of article text read.
    pub bytes: u64,
}

/// One unit of work: an article, or an input that already failed.
enum Job {
    Article(Input),
    Failed(ErrorRecord),
}

/// Runs the pipeline over `sources`, handing every record to `sink` in input
/// order. Stops early only when `sink` fails (for instance a closed pipe).
pub fn run(
    pipeline: &Pipeline,
    sources: &[Source],
    options: &BatchOptions,
    sink: &mut dyn FnMut(Record) -> io::Result<()>,
) -> io::Result<Summary> {
    let jobs = options.jobs.max(1);
    let window = jobs * 8;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("korex-worker-{i}"))
        .build()
        .map_err(io::Error::other)?;
    let (credit_tx, credit_rx) = crossbeam_channel::bounded::<()>(window);
    for _ in 0..window {
        let _ = credit_tx.send(());
    }
    let (job_tx, job_rx) = crossbeam_channel::bounded::<(usize, Job)>(window);
    let (result_tx, result_rx) = crossbeam_channel::unbounded::<(usize, Record)>();
    let mut summary = Summary::default();

    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut reader = Reader {
                options,
                next_seq: 0,
                skipped: 0,
                bytes: 0,
                emit: &mut |seq, job| credit_rx.recv().is_ok() && job_tx.send((seq, job)).is_ok(),
            };
            for source in sources {
                if !reader.read_source(source) {
                    break;
                }
            }
            (reader.skipped, reader.bytes)
        });
        scope.spawn(move || {
            pool.broadcast(|_| {
                let mut worker = pipeline.worker();
                for (seq, job) in job_rx.iter() {
                    let record = match job {
                        Job::Failed(error) => Record::Error(error),
                        Job::Article(input) => extract_guarded(&mut worker, &input),
                    };
                    if result_tx.send((seq, record)).is_err() {
                        break;
                    }
                }
            });
        });

        let mut pending = BTreeMap::new();
        let mut next = 0usize;
        let mut outcome = Ok(());
        'receive: for (seq, record) in result_rx.iter() {
            pending.insert(seq, record);
            while let Some(record) = pending.remove(&next) {
                next += 1;
                summary.records += 1;
                summary.errors += usize::from(record.is_error());
                if let Err(e) = sink(record) {
                    outcome = Err(e);
                    break 'receive;
                }
                let _ = credit_tx.send(());
            }
        }
        // Dropping our ends unblocks the reader and the workers if we stopped early.
        drop(result_rx);
        drop(credit_tx);
        let (skipped, bytes) = reader.join().unwrap_or((0, 0));
        summary.skipped = skipped;
        summary.bytes = bytes;
        outcome
    })?;
    Ok(summary)
}

/// Extracts one input; a panic inside a stage becomes an error record rather
/// than ending the run.
fn extract_guarded(worker: &mut crate::Worker<'_>, input: &Input) -> Record {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| worker.extract(input)));
    match result {
        Ok(Ok(extraction)) => Record::Extraction(Box::new(extraction)),
        Ok(Err(error)) => error_record(&input.id, input.source.as_deref(), &error),
        Err(_) => Record::Error(ErrorRecord {
            id: input.id.clone(),
            source: input.source.clone(),
            error: ErrorInfo {
                kind: "internal".to_owned(),
                message: "internal error while extracting this article (please report it)"
                    .to_owned(),
            },
        }),
    }
}

/// The error record standing in for a failed input.
pub fn error_record(id: &str, source: Option<&str>, error: &Error) -> Record {
    Record::Error(ErrorRecord {
        id: id.to_owned(),
        source: source.map(str::to_owned),
        error: ErrorInfo {
            kind: error.kind().to_owned(),
            message: error.to_string(),
        },
    })
}

/// Turns sources into jobs, in order.
struct Reader<'a> {
    options: &'a BatchOptions,
    next_seq: usize,
    skipped: usize,
    bytes: u64,
    /// Hands a job on; false when the run is over (the writer stopped).
    emit: &'a mut dyn FnMut(usize, Job) -> bool,
}

impl Reader<'_> {
    fn emit(&mut self, job: Job) -> bool {
        let seq = self.next_seq;
        self.next_seq += 1;
        (self.emit)(seq, job)
    }

    fn fail(&mut self, id: &str, source: Option<&str>, error: &Error) -> bool {
        let Record::Error(record) = error_record(id, source, error) else {
            return true;
        };
        self.emit(Job::Failed(record))
    }

    fn read_source(&mut self, source: &Source) -> bool {
        match source {
            Source::Stdin => self.read_stdin(),
            Source::Path(path) if path.is_dir() => self.read_dir(path),
            Source::Path(path) => self.read_file(path),
        }
    }

    fn read_dir(&mut self, root: &Path) -> bool {
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            let keep_going = match entry {
                Ok(entry) if entry.file_type().is_dir() => true,
                Ok(entry) => {
                    let path = entry.path();
                    let known = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
                    });
                    if known {
                        self.read_file(path)
                    } else {
                        self.skipped += 1;
                        true
                    }
                }
                Err(error) => {
                    let path = error.path().unwrap_or(root).to_path_buf();
                    let message = error.to_string();
                    let io_error = error
                        .into_io_error()
                        .unwrap_or_else(|| io::Error::other(message));
                    self.fail(
                        &file_id(&path),
                        Some(&path.display().to_string()),
                        &Error::Read {
                            path: path.clone(),
                            source: io_error,
                        },
                    )
                }
            };
            if !keep_going {
                return false;
            }
        }
        true
    }

    fn read_file(&mut self, path: &Path) -> bool {
        let id = file_id(path);
        let source = path.display().to_string();
        let is_jsonl = match self.options.format {
            InputFormat::Jsonl => true,
            InputFormat::Text => false,
            InputFormat::Auto => path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "jsonl" | "ndjson")),
        };
        let file = match File::open(path) {
            Ok(file) => file,
            Err(source_error) => {
                let error = Error::Read {
                    path: path.to_path_buf(),
                    source: source_error,
                };
                return self.fail(&id, Some(&source), &error);
            }
        };
        if is_jsonl {
            return self.read_jsonl(BufReader::new(file), &id, Some(&source));
        }
        let limit = self.options.max_input_bytes;
        let mut bytes = Vec::new();
        let read = file.take(limit.saturating_add(1)).read_to_end(&mut bytes);
        if let Err(source_error) = read {
            let error = Error::Read {
                path: path.to_path_buf(),
                source: source_error,
            };
            return self.fail(&id, Some(&source), &error);
        }
        if bytes.len() as u64 > limit {
            let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
            return self.fail(&id, Some(&source), &Error::TooLarge { size, limit });
        }
        self.text_article(bytes, id, Some(source))
    }

    fn text_article(&mut self, bytes: Vec<u8>, id: String, source: Option<String>) -> bool {
        self.bytes += bytes.len() as u64;
        let mut warning = None;
        let text = if self.options.lossy {
            let (text, replaced) = input::decode_text_lossy(&bytes);
            if replaced {
                warning = Some("invalid UTF-8 replaced with U+FFFD (--lossy)");
            }
            if text.contains('\0') {
                let offset = bytes.iter().position(|&b| b == 0).unwrap_or(0);
                return self.fail(&id, source.as_deref(), &Error::Binary { offset });
            }
            text
        } else {
            match input::decode_text(bytes) {
                Ok(text) => text,
                Err(error) => return self.fail(&id, source.as_deref(), &error),
            }
        };
        let _ = warning; // carried into the record by the pipeline in a later change
        self.emit(Job::Article(Input {
            id,
            source,
            title: None,
            text,
        }))
    }

    fn read_jsonl(&mut self, mut reader: impl BufRead, stem: &str, source: Option<&str>) -> bool {
        let mut line = Vec::new();
        let mut number = 0usize;
        loop {
            line.clear();
            number += 1;
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => return true,
                Ok(_) => {}
                Err(source_error) => {
                    let error = Error::Read {
                        path: PathBuf::from(source.unwrap_or("stdin")),
                        source: source_error,
                    };
                    self.fail(&format!("{stem}:{number}"), source, &error);
                    return true;
                }
            }
            let fallback_id = format!("{stem}:{number}");
            let text = match std::str::from_utf8(&line) {
                Ok(text) => text,
                Err(e) => {
                    let error = Error::Record {
                        line: number,
                        message: format!("not valid UTF-8 at byte {}", e.valid_up_to()),
                    };
                    if !self.fail(&fallback_id, source, &error) {
                        return false;
                    }
                    continue;
                }
            };
            if text.trim().is_empty() {
                continue;
            }
            self.bytes += line.len() as u64;
            let job = match input::parse_json_record(
                text.trim_start_matches('\u{feff}'),
                number,
                &fallback_id,
                source,
            ) {
                Ok(input) => Job::Article(input),
                Err(error) => match error_record(&fallback_id, source, &error) {
                    Record::Error(record) => Job::Failed(record),
                    Record::Extraction(_) => continue,
                },
            };
            if !self.emit(job) {
                return false;
            }
        }
    }

    fn read_stdin(&mut self) -> bool {
        let stdin = io::stdin();
        let mut reader = stdin.lock();
        let is_jsonl = match self.options.format {
            InputFormat::Jsonl => true,
            InputFormat::Text => false,
            InputFormat::Auto => match reader.fill_buf() {
                Ok(buffer) => {
                    let buffer = buffer.strip_prefix(b"\xef\xbb\xbf").unwrap_or(buffer);
                    buffer.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
                }
                Err(_) => false,
            },
        };
        if is_jsonl {
            return self.read_jsonl(reader, "stdin", None);
        }
        let mut bytes = Vec::new();
        let limit = self.options.max_input_bytes;
        if let Err(source_error) = (&mut reader)
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
        {
            let error = Error::Read {
                path: PathBuf::from("stdin"),
                source: source_error,
            };
            return self.fail("stdin", None, &error);
        }
        if bytes.len() as u64 > limit {
            return self.fail(
                "stdin",
                None,
                &Error::TooLarge {
                    size: bytes.len() as u64,
                    limit,
                },
            );
        }
        self.text_article(bytes, "stdin".to_owned(), None)
    }
}

/// The record id of a file: its stem.
pub fn file_id(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Writes one JSON document per record into a folder, atomically (a temporary
/// file renamed into place), named after the record id.
#[derive(Debug, Clone)]
pub struct DirWriter {
    dir: PathBuf,
    pretty: bool,
}

impl DirWriter {
    /// A writer into `dir`, created if missing.
    pub fn new(dir: impl Into<PathBuf>, pretty: bool) -> io::Result<Self> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir)?;
        Ok(DirWriter { dir, pretty })
    }

    /// The file a record id is written to.
    pub fn path_for(&self, id: &str) -> PathBuf {
        let name: String = id
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let name = name.trim_start_matches('.');
        let name = if name.is_empty() { "_" } else { name };
        self.dir.join(format!("{name}.json"))
    }

    /// Writes one record.
    pub fn write(&self, record: &Record) -> io::Result<()> {
        let mut file = tempfile::NamedTempFile::new_in(&self.dir)?;
        write_record(&mut file, record, self.pretty)?;
        file.persist(self.path_for(record.id()))
            .map_err(|e| e.error)?;
        Ok(())
    }
}

/// Serializes one record and a newline.
pub fn write_record(out: &mut dyn Write, record: &Record, pretty: bool) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, record)?;
    } else {
        serde_json::to_writer(&mut *out, record)?;
    }
    out.write_all(b"\n")
}
