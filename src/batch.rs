//! Batch processing: walking folders, reading files, JSON, JSON Lines, HTML
//! and stdin, extracting in parallel and handing records out in input order.
//!
//! A reader thread turns sources into jobs, a pool of workers (one pipeline
//! worker each) extracts and serializes them, and the calling thread hands
//! the finished records to a sink in input order. A window of credits bounds
//! how many articles are in flight, so memory stays flat whatever the size of
//! the batch, and the first records come out while later inputs are still
//! being read.
//!
//! Every input gives exactly one record (an extraction or an error record),
//! except inputs whose output already exists under `--skip-existing`, which
//! are counted as kept.

use crate::Pipeline;
use crate::error::Error;
use crate::input::{self, Input, JsonDocument};
use crate::output::{ErrorInfo, ErrorRecord, Record};
use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// By extension (`.jsonl`, `.ndjson`: JSON Lines; `.json`: one article
    /// object or an array of them; `.html`, `.htm`: a web page; else text);
    /// stdin by its first non-blank byte (`{`: JSON Lines).
    #[default]
    Auto,
    /// Every input is one article of plain text.
    Text,
    /// Every line is a record `{id, title?, text, lang?}`.
    Jsonl,
    /// Every input is one JSON article object or an array of them.
    Json,
    /// Every input is an HTML page.
    Html,
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
    /// Inputs (files, or single JSON Lines records) larger than this many
    /// bytes become error records.
    pub max_input_bytes: u64,
    /// Decode invalid UTF-8 with U+FFFD (and a warning) instead of failing.
    pub lossy: bool,
    /// Serialize records indented.
    pub pretty: bool,
    /// The folder records are written to (one file each), if any: output
    /// paths are then assigned in [`Done::out_path`], mirroring the input tree.
    pub out_dir: Option<PathBuf>,
    /// With `out_dir`: inputs whose record file already exists (and is not an
    /// error record) are not processed again.
    pub skip_existing: bool,
}

/// The default `--max-bytes`: 64 MiB. News articles are a few kB; a bigger
/// input is almost surely not an article, and one article's working memory
/// is about twenty times its size.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            format: InputFormat::Auto,
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            lossy: false,
            pretty: false,
            out_dir: None,
            skip_existing: false,
        }
    }
}

/// File extensions read when walking a folder (files named explicitly are
/// read whatever their extension).
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "jsonl", "ndjson", "json", "html", "htm"];

/// What a batch run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records handed out (articles and error records).
    pub records: usize,
    /// Error records among them.
    pub errors: usize,
    /// Files in walked folders skipped for their extension.
    pub skipped: usize,
    /// Inputs not processed again because their output exists (`skip_existing`).
    pub kept: usize,
    /// Records whose id an earlier record of the run already had.
    pub duplicate_ids: usize,
    /// Bytes of input read.
    pub bytes: u64,
}

/// One finished input, handed to the sink in input order.
#[derive(Debug)]
pub struct Done {
    /// The record; `None` when the input was kept (its output exists) or when
    /// this only carries notices (a symlink loop).
    pub record: Option<Record>,
    /// The record serialized (compact or pretty) with a final newline, made
    /// by the worker so that writing costs the writer nothing; empty without
    /// a record.
    pub json: Vec<u8>,
    /// With [`BatchOptions::out_dir`]: the record's file, relative to it.
    pub out_path: Option<PathBuf>,
    /// Things to tell the user about this input (duplicate id, renamed
    /// output, symlink loop), in order.
    pub notices: Vec<String>,
    /// Bytes of input this record was made from.
    pub bytes: u64,
    /// Whether the input was skipped because its output exists.
    pub kept: bool,
}

/// Runs the pipeline over `sources`, handing every record to `sink` in input
/// order. Stops early only when `sink` fails (for instance a closed pipe).
/// A simpler face of [`run_with`] for callers that only want the records.
pub fn run(
    pipeline: &Pipeline,
    sources: &[Source],
    options: &BatchOptions,
    sink: &mut dyn FnMut(Record) -> io::Result<()>,
) -> io::Result<Summary> {
    run_with(pipeline, sources, options, &mut |done| match done.record {
        Some(record) => sink(record),
        None => Ok(()),
    })
}

/// One unit of work, in input order.
struct Job {
    work: Work,
    out_path: Option<PathBuf>,
    notices: Vec<String>,
    bytes: u64,
}

enum Work {
    Article(Input),
    Failed(ErrorRecord),
    Kept,
    NoticeOnly,
}

/// Runs the pipeline over `sources`, handing every finished input to `sink`
/// in input order. Stops early only when `sink` fails (for instance a closed
/// pipe); the error is returned.
pub fn run_with(
    pipeline: &Pipeline,
    sources: &[Source],
    options: &BatchOptions,
    sink: &mut dyn FnMut(Done) -> io::Result<()>,
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
    let (result_tx, result_rx) = crossbeam_channel::unbounded::<(usize, Done)>();
    let mut summary = Summary::default();
    let out_dir_canonical = options
        .out_dir
        .as_ref()
        .and_then(|d| std::fs::canonicalize(d).ok());

    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut reader = Reader {
                options,
                out_dir_canonical,
                next_seq: 0,
                skipped: 0,
                bytes: 0,
                ids: HashSet::new(),
                out_paths: HashSet::new(),
                pending_notices: Vec::new(),
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
                    let done = finish(&mut worker, job, options.pretty);
                    if result_tx.send((seq, done)).is_err() {
                        break;
                    }
                }
            });
        });

        let mut pending = BTreeMap::new();
        let mut next = 0usize;
        let mut outcome = Ok(());
        'receive: for (seq, done) in result_rx.iter() {
            pending.insert(seq, done);
            while let Some(done) = pending.remove(&next) {
                next += 1;
                if let Some(record) = &done.record {
                    summary.records += 1;
                    summary.errors += usize::from(record.is_error());
                }
                summary.kept += usize::from(done.kept);
                summary.duplicate_ids += done
                    .notices
                    .iter()
                    .filter(|n| n.starts_with(DUPLICATE_ID))
                    .count();
                if let Err(e) = sink(done) {
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

const DUPLICATE_ID: &str = "duplicate id";

/// Extracts and serializes one job on a worker thread.
fn finish(worker: &mut crate::Worker<'_>, job: Job, pretty: bool) -> Done {
    let (record, kept) = match job.work {
        Work::Article(input) => (Some(extract_guarded(worker, &input)), false),
        Work::Failed(error) => (Some(Record::Error(error)), false),
        Work::Kept => (None, true),
        Work::NoticeOnly => (None, false),
    };
    let mut json = Vec::new();
    let record = record.map(|record| match serialize(&record, pretty, &mut json) {
        Ok(()) => record,
        Err(error) => {
            // Unreachable with the contract's types; still a record, not a crash.
            json.clear();
            let failed = Record::Error(ErrorRecord {
                id: record.id().to_owned(),
                source: None,
                error: ErrorInfo {
                    kind: "internal".to_owned(),
                    message: format!("cannot serialize the record: {error}"),
                },
            });
            let _ = serialize(&failed, pretty, &mut json);
            failed
        }
    });
    Done {
        record,
        json,
        out_path: job.out_path,
        notices: job.notices,
        bytes: job.bytes,
        kept,
    }
}

fn serialize(record: &Record, pretty: bool, out: &mut Vec<u8>) -> serde_json::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, record)?;
    } else {
        serde_json::to_writer(&mut *out, record)?;
    }
    out.push(b'\n');
    Ok(())
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
    Record::Error(error_info(id, source, error))
}

fn error_info(id: &str, source: Option<&str>, error: &Error) -> ErrorRecord {
    ErrorRecord {
        id: id.to_owned(),
        source: source.map(str::to_owned),
        error: ErrorInfo {
            kind: error.kind().to_owned(),
            message: error.to_string(),
        },
    }
}

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Jsonl,
    Json,
    Html,
}

fn kind_of(path: &Path, format: InputFormat) -> Kind {
    match format {
        InputFormat::Text => Kind::Text,
        InputFormat::Jsonl => Kind::Jsonl,
        InputFormat::Json => Kind::Json,
        InputFormat::Html => Kind::Html,
        InputFormat::Auto => {
            let extension = path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            match extension.as_deref() {
                Some("jsonl" | "ndjson") => Kind::Jsonl,
                Some("json") => Kind::Json,
                Some("html" | "htm") => Kind::Html,
                _ => Kind::Text,
            }
        }
    }
}

/// Where an input's records go under the out dir: `rel` is the input's path
/// relative to the folder walked (or its file name).
#[derive(Debug, Clone)]
enum OutBase {
    /// A file holding one article: `a/b.txt` → `a/b.json`.
    Single(PathBuf),
    /// A file holding many: `a/c.jsonl` → `a/c/<id>.json` (stdin: `<id>.json`).
    Many(PathBuf),
    /// A path already claimed for this input (before reading it, so that
    /// `--skip-existing` checks the very file a full run would write).
    Claimed(PathBuf),
}

impl OutBase {
    fn path(&self, id: &str) -> PathBuf {
        match self {
            OutBase::Single(rel) => rel.with_extension("json"),
            OutBase::Many(rel) => rel
                .with_extension("")
                .join(format!("{}.json", file_name_for(id))),
            OutBase::Claimed(path) => path.clone(),
        }
    }
}

/// A file name made from a record id: letters, digits, `-`, `_` and `.` are
/// kept, anything else (path separators included) becomes `_`.
pub fn file_name_for(id: &str) -> String {
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
    if name.is_empty() {
        "_".to_owned()
    } else {
        name.to_owned()
    }
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    // A fixed-key hasher: sets of ids stay small (8 bytes an entry) whatever
    // the length of the ids; a 64-bit collision among a million ids has a
    // chance of about 3e-8 and would only cost a spurious notice.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Turns sources into jobs, in order.
struct Reader<'a> {
    options: &'a BatchOptions,
    out_dir_canonical: Option<PathBuf>,
    next_seq: usize,
    skipped: usize,
    bytes: u64,
    /// Hashes of the ids seen so far, to notice duplicates.
    ids: HashSet<u64>,
    /// Hashes of the output paths claimed so far, never to overwrite one.
    out_paths: HashSet<u64>,
    /// Notices of a claim made before the input's job exists.
    pending_notices: Vec<String>,
    /// Hands a job on; false when the run is over (the writer stopped).
    emit: &'a mut dyn FnMut(usize, Job) -> bool,
}

impl Reader<'_> {
    fn send(&mut self, job: Job) -> bool {
        let seq = self.next_seq;
        self.next_seq += 1;
        (self.emit)(seq, job)
    }

    /// Emits a record-making job for `id`: checks for a duplicate id, claims
    /// an output path, and skips the work when the output exists.
    fn emit(&mut self, id: &str, base: Option<&OutBase>, work: Work, bytes: u64) -> bool {
        let mut notices = std::mem::take(&mut self.pending_notices);
        if !self.ids.insert(hash_of(id)) {
            notices.push(format!(
                "{DUPLICATE_ID} {id:?}: an earlier input has the same id"
            ));
        }
        let out_path = match (&self.options.out_dir, base) {
            (Some(_), Some(OutBase::Claimed(path))) => Some(path.clone()),
            (Some(_), Some(base)) => Some(self.claim(base.path(id), &mut notices)),
            _ => None,
        };
        let work = match (&work, &out_path, &self.options.out_dir) {
            (Work::Article(_), Some(rel), Some(dir))
                if self.options.skip_existing && is_done(&dir.join(rel)) =>
            {
                Work::Kept
            }
            _ => work,
        };
        self.send(Job {
            work,
            out_path,
            notices,
            bytes,
        })
    }

    /// Claims `rel` for this run, or the first free `<stem>~<n>.json` when an
    /// earlier record of the run already has it.
    fn claim(&mut self, rel: PathBuf, notices: &mut Vec<String>) -> PathBuf {
        if self.out_paths.insert(hash_of(&rel)) {
            return rel;
        }
        let stem = rel
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for n in 2usize.. {
            let candidate = rel.with_file_name(format!("{stem}~{n}.json"));
            if self.out_paths.insert(hash_of(&candidate)) {
                notices.push(format!(
                    "{} is already written by an earlier input of this run: writing {} instead",
                    rel.display(),
                    candidate.display()
                ));
                return candidate;
            }
        }
        rel
    }

    fn fail(
        &mut self,
        id: &str,
        source: Option<&str>,
        base: Option<&OutBase>,
        error: &Error,
    ) -> bool {
        let record = error_info(id, source, error);
        self.emit(id, base, Work::Failed(record), 0)
    }

    fn read_source(&mut self, source: &Source) -> bool {
        match source {
            Source::Stdin => self.read_stdin(),
            Source::Path(path) if path.is_dir() => self.read_dir(path),
            Source::Path(path) => {
                let rel = path.file_name().map_or_else(|| path.clone(), PathBuf::from);
                self.read_file(path, &rel)
            }
        }
    }

    fn read_dir(&mut self, root: &Path) -> bool {
        let out_dir = self.out_dir_canonical.clone();
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(move |entry| {
                // Never read our own output when it is written inside the input tree.
                let is_out_dir = entry.file_type().is_dir()
                    && out_dir.as_ref().is_some_and(|out| {
                        std::fs::canonicalize(entry.path()).is_ok_and(|p| &p == out)
                    });
                !is_out_dir
            });
        for entry in walker {
            let keep_going = match entry {
                Ok(entry) if entry.file_type().is_dir() => true,
                Ok(entry) => {
                    let path = entry.path();
                    let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
                    let known = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
                    });
                    if known {
                        self.read_file(path, &rel)
                    } else {
                        self.skipped += 1;
                        true
                    }
                }
                Err(error) if error.loop_ancestor().is_some() => {
                    let path = error.path().unwrap_or(root).display().to_string();
                    let ancestor = error
                        .loop_ancestor()
                        .map(|a| a.display().to_string())
                        .unwrap_or_default();
                    self.send(Job {
                        work: Work::NoticeOnly,
                        out_path: None,
                        notices: vec![format!(
                            "symlink loop: {path} leads back to {ancestor}; not followed"
                        )],
                        bytes: 0,
                    })
                }
                Err(error) => {
                    let path = error.path().unwrap_or(root).to_path_buf();
                    let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    let message = error.to_string();
                    let io_error = error
                        .into_io_error()
                        .unwrap_or_else(|| io::Error::other(message));
                    self.fail(
                        &file_id(&path),
                        Some(&path.display().to_string()),
                        Some(&OutBase::Single(rel)),
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

    fn read_file(&mut self, path: &Path, rel: &Path) -> bool {
        let id = file_id(path);
        let source = path.display().to_string();
        let kind = kind_of(path, self.options.format);
        let mut single = OutBase::Single(rel.to_path_buf());
        let many = OutBase::Many(rel.to_path_buf());
        if let (Kind::Text | Kind::Html, Some(dir)) = (kind, &self.options.out_dir) {
            // A file holding one article claims its output before it is read,
            // and is not even read when that output exists.
            let mut notices = Vec::new();
            let claimed = self.claim(single.path(&id), &mut notices);
            let done = self.options.skip_existing && is_done(&dir.join(&claimed));
            self.pending_notices = notices;
            single = OutBase::Claimed(claimed);
            if done {
                return self.emit(&id, Some(&single), Work::Kept, 0);
            }
        }
        let file = match File::open(path) {
            Ok(file) => file,
            Err(source_error) => {
                let error = Error::Read {
                    path: path.to_path_buf(),
                    source: source_error,
                };
                return self.fail(&id, Some(&source), Some(&single), &error);
            }
        };
        if kind == Kind::Jsonl {
            return self.read_jsonl(BufReader::new(file), &id, Some(&source), Some(&many));
        }
        let limit = self.options.max_input_bytes;
        let mut bytes = Vec::new();
        let read = file.take(limit.saturating_add(1)).read_to_end(&mut bytes);
        if let Err(source_error) = read {
            let error = Error::Read {
                path: path.to_path_buf(),
                source: source_error,
            };
            return self.fail(&id, Some(&source), Some(&single), &error);
        }
        if bytes.len() as u64 > limit {
            let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
            self.bytes += bytes.len() as u64;
            return self.fail(
                &id,
                Some(&source),
                Some(&single),
                &Error::TooLarge { size, limit },
            );
        }
        match kind {
            Kind::Json => self.json_articles(bytes, &id, &source, &single, &many),
            Kind::Html => self.html_article(bytes, id, Some(source), &single),
            Kind::Text | Kind::Jsonl => self.text_article(bytes, id, Some(source), &single),
        }
    }

    /// Decodes bytes under the `lossy` option: the text and its warnings.
    fn decode(&self, bytes: Vec<u8>) -> Result<(String, Vec<String>), Error> {
        if self.options.lossy {
            if let Some(offset) = bytes.iter().position(|&b| b == 0) {
                return Err(Error::Binary { offset });
            }
            let (text, replaced) = input::decode_text_lossy(&bytes);
            let warnings = if replaced {
                vec![input::LOSSY_WARNING.to_owned()]
            } else {
                Vec::new()
            };
            Ok((text, warnings))
        } else {
            input::decode_text(bytes).map(|text| (text, Vec::new()))
        }
    }

    fn text_article(
        &mut self,
        bytes: Vec<u8>,
        id: String,
        source: Option<String>,
        base: &OutBase,
    ) -> bool {
        let size = bytes.len() as u64;
        self.bytes += size;
        match self.decode(bytes) {
            Ok((text, warnings)) => {
                let input = Input {
                    id: id.clone(),
                    source,
                    title: None,
                    text,
                    warnings,
                };
                self.emit(&id, Some(base), Work::Article(input), size)
            }
            Err(error) => self.fail(&id, source.as_deref(), Some(base), &error),
        }
    }

    fn html_article(
        &mut self,
        bytes: Vec<u8>,
        id: String,
        source: Option<String>,
        base: &OutBase,
    ) -> bool {
        let size = bytes.len() as u64;
        self.bytes += size;
        match self.decode(bytes) {
            Ok((html, mut warnings)) => {
                let page = input::extract_html(&html);
                if page.text.is_empty() && !html.trim().is_empty() {
                    warnings.push("no article text found in the HTML page".to_owned());
                }
                let input = Input {
                    id: id.clone(),
                    source,
                    title: page.title,
                    text: page.text,
                    warnings,
                };
                self.emit(&id, Some(base), Work::Article(input), size)
            }
            Err(error) => self.fail(&id, source.as_deref(), Some(base), &error),
        }
    }

    fn json_articles(
        &mut self,
        bytes: Vec<u8>,
        stem: &str,
        source: &str,
        single: &OutBase,
        many: &OutBase,
    ) -> bool {
        let size = bytes.len() as u64;
        self.bytes += size;
        let (text, warnings) = match self.decode(bytes) {
            Ok(decoded) => decoded,
            Err(error) => return self.fail(stem, Some(source), Some(single), &error),
        };
        match input::parse_json_document(&text, stem, Some(source)) {
            Err(error) => self.fail(stem, Some(source), Some(single), &error),
            Ok(JsonDocument::One(mut input)) => {
                input.warnings.extend(warnings);
                let id = input.id.clone();
                self.emit(&id, Some(single), Work::Article(input), size)
            }
            Ok(JsonDocument::Many(items)) => {
                let count = items.len().max(1) as u64;
                for (index, item) in items.into_iter().enumerate() {
                    // Bytes spread evenly, so that progress adds up to the file size.
                    let share = size / count + u64::from((index as u64) < size % count);
                    let keep_going = match item {
                        Ok(mut input) => {
                            input.warnings.extend(warnings.iter().cloned());
                            let id = input.id.clone();
                            self.emit(&id, Some(many), Work::Article(input), share)
                        }
                        Err(error) => {
                            let id = format!("{stem}:{}", index + 1);
                            let record = error_info(&id, Some(source), &error);
                            self.emit(&id, Some(many), Work::Failed(record), share)
                        }
                    };
                    if !keep_going {
                        return false;
                    }
                }
                true
            }
        }
    }

    fn read_jsonl(
        &mut self,
        mut reader: impl BufRead,
        stem: &str,
        source: Option<&str>,
        base: Option<&OutBase>,
    ) -> bool {
        let limit = self.options.max_input_bytes;
        let mut line = Vec::new();
        let mut number = 0usize;
        loop {
            line.clear();
            number += 1;
            let fallback_id = format!("{stem}:{number}");
            let read = (&mut reader)
                .take(limit.saturating_add(1))
                .read_until(b'\n', &mut line);
            match read {
                Ok(0) => return true,
                Ok(_) => {}
                Err(source_error) => {
                    let error = Error::Read {
                        path: PathBuf::from(source.unwrap_or("stdin")),
                        source: source_error,
                    };
                    self.fail(&fallback_id, source, base, &error);
                    return true;
                }
            }
            if line.len() as u64 > limit && line.last() != Some(&b'\n') {
                let size = line.len() as u64 + skip_line(&mut reader);
                self.bytes += size;
                let error = Error::TooLarge { size, limit };
                if !self.fail(&fallback_id, source, base, &error) {
                    return false;
                }
                continue;
            }
            let size = line.len() as u64;
            let mut warnings = Vec::new();
            let decoded = match std::str::from_utf8(&line) {
                Ok(text) => std::borrow::Cow::Borrowed(text),
                Err(_) if self.options.lossy => {
                    warnings.push(input::LOSSY_WARNING.to_owned());
                    String::from_utf8_lossy(&line)
                }
                Err(e) => {
                    self.bytes += size;
                    let error = Error::Record {
                        line: number,
                        message: format!("not valid UTF-8 at byte {}", e.valid_up_to()),
                    };
                    if !self.fail(&fallback_id, source, base, &error) {
                        return false;
                    }
                    continue;
                }
            };
            if decoded.trim().is_empty() {
                continue;
            }
            self.bytes += size;
            let parsed = input::parse_json_record(
                decoded.trim_start_matches('\u{feff}'),
                number,
                &fallback_id,
                source,
            );
            let keep_going = match parsed {
                Ok(mut input) => {
                    input.warnings.extend(warnings);
                    let id = input.id.clone();
                    self.emit(&id, base, Work::Article(input), size)
                }
                Err(error) => {
                    let record = error_info(&fallback_id, source, &error);
                    self.emit(&fallback_id, base, Work::Failed(record), size)
                }
            };
            if !keep_going {
                return false;
            }
        }
    }

    fn read_stdin(&mut self) -> bool {
        let stdin = io::stdin();
        let mut reader = stdin.lock();
        let is_jsonl = match self.options.format {
            InputFormat::Jsonl => true,
            InputFormat::Auto => match reader.fill_buf() {
                Ok(buffer) => {
                    let buffer = buffer.strip_prefix(b"\xef\xbb\xbf").unwrap_or(buffer);
                    buffer.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
                }
                Err(_) => false,
            },
            InputFormat::Text | InputFormat::Json | InputFormat::Html => false,
        };
        let many = OutBase::Many(PathBuf::new());
        let single = OutBase::Single(PathBuf::from("stdin"));
        if is_jsonl {
            return self.read_jsonl(reader, "stdin", None, Some(&many));
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
            return self.fail("stdin", None, Some(&single), &error);
        }
        if bytes.len() as u64 > limit {
            let size = bytes.len() as u64 + skip_line(&mut reader);
            self.bytes += size;
            return self.fail(
                "stdin",
                None,
                Some(&single),
                &Error::TooLarge { size, limit },
            );
        }
        match self.options.format {
            InputFormat::Json => self.json_articles(bytes, "stdin", "stdin", &single, &many),
            InputFormat::Html => self.html_article(bytes, "stdin".to_owned(), None, &single),
            _ => self.text_article(bytes, "stdin".to_owned(), None, &single),
        }
    }
}

/// Reads and drops the rest of a line (or of the stream); returns its size.
fn skip_line(reader: &mut impl BufRead) -> u64 {
    let mut skipped = 0u64;
    loop {
        let (consumed, ended) = match reader.fill_buf() {
            Ok([]) | Err(_) => return skipped,
            Ok(buffer) => match buffer.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (buffer.len(), false),
            },
        };
        reader.consume(consumed);
        skipped += consumed as u64;
        if ended {
            return skipped;
        }
    }
}

/// Whether a record file exists and is not an error record (an input that
/// failed is tried again on resume).
fn is_done(path: &Path) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(default)]
        error: Option<serde::de::IgnoredAny>,
    }
    let Ok(file) = File::open(path) else {
        return false;
    };
    serde_json::from_reader::<_, Probe>(BufReader::new(file))
        .is_ok_and(|probe| probe.error.is_none())
}

/// The record id of a file: its stem.
pub fn file_id(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The total size of the files a run over `sources` will read (folders
/// walked as the run walks them; stdin counts nothing), for a progress
/// bar's length.
pub fn measure(sources: &[Source]) -> u64 {
    let mut total = 0u64;
    for source in sources {
        let Source::Path(path) = source else { continue };
        if !path.is_dir() {
            total += std::fs::metadata(path).map_or(0, |m| m.len());
            continue;
        }
        for entry in walkdir::WalkDir::new(path)
            .follow_links(true)
            .into_iter()
            .flatten()
        {
            let known = entry.file_type().is_file()
                && entry
                    .path()
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
            if known {
                total += entry.metadata().map_or(0, |m| m.len());
            }
        }
    }
    total
}

/// Writes one JSON document per record into a folder, atomically (a
/// temporary file in the same folder, renamed into place), so a reader or an
/// interrupted run never sees half a record.
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

    /// The file a record id is written to when no input path says otherwise.
    pub fn path_for(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{}.json", file_name_for(id)))
    }

    /// Writes one record, named after its id.
    pub fn write(&self, record: &Record) -> io::Result<()> {
        let mut json = Vec::new();
        serialize(record, self.pretty, &mut json).map_err(io::Error::other)?;
        self.write_bytes(&self.path_for(record.id()), &json)
    }

    /// Writes serialized bytes to `path` (absolute, or relative to the
    /// folder), creating the folders on the way.
    pub fn write_bytes(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(path);
        let parent = path.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(parent)?;
        let mut file = tempfile::NamedTempFile::new_in(parent)?;
        file.write_all(bytes)?;
        file.persist(&path).map_err(|e| e.error)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_paths_mirror_the_input_tree() {
        let single = OutBase::Single(PathBuf::from("a/b.txt"));
        assert_eq!(single.path("b"), PathBuf::from("a/b.json"));
        let many = OutBase::Many(PathBuf::from("a/c.jsonl"));
        assert_eq!(many.path("x/1"), PathBuf::from("a/c/x_1.json"));
        let stdin = OutBase::Many(PathBuf::new());
        assert_eq!(stdin.path("k1"), PathBuf::from("k1.json"));
        assert_eq!(file_name_for("..hidden"), "hidden");
        assert_eq!(file_name_for("/"), "_");
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(
            kind_of(Path::new("a.JSONL"), InputFormat::Auto),
            Kind::Jsonl
        );
        assert_eq!(kind_of(Path::new("a.json"), InputFormat::Auto), Kind::Json);
        assert_eq!(kind_of(Path::new("a.htm"), InputFormat::Auto), Kind::Html);
        assert_eq!(kind_of(Path::new("a.csv"), InputFormat::Auto), Kind::Text);
        assert_eq!(kind_of(Path::new("a.txt"), InputFormat::Jsonl), Kind::Jsonl);
    }

    #[test]
    fn skip_line_stops_after_the_newline() {
        let mut reader = io::Cursor::new(b"abc\ndef".to_vec());
        assert_eq!(skip_line(&mut reader), 4);
        assert_eq!(skip_line(&mut reader), 3);
        assert_eq!(skip_line(&mut reader), 0);
    }
}
