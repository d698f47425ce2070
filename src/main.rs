//! The korex command line: parses flags, builds the pipeline and hands the
//! work to the library.

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use korex::batch::{self, BatchOptions, DirWriter, InputFormat, Source};
use korex::{Config, Pipeline};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Facts from Korean and English news: entities, amounts and commitments as JSON.
#[derive(Debug, Parser)]
#[command(name = "korex", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract records from files, folders (recursive) or stdin.
    Extract(ExtractArgs),
    /// Print the JSON Schema of the output records.
    Schema,
    /// Score extraction against gold annotations (precision, recall, F1).
    Eval(EvalArgs),
    /// Serve extraction over HTTP (POST /v1/extract, GET /v1/schema, GET /healthz).
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address to listen on (port 0: any free port, printed on stderr).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,
    /// Request bodies larger than this many bytes get 413.
    #[arg(long, default_value_t = korex::serve::DEFAULT_MAX_BODY_BYTES)]
    max_body_bytes: usize,
    /// Seconds a request may take before it gets 408.
    #[arg(long, default_value_t = 30.0)]
    timeout: f64,
    /// Extraction requests in flight at most; one more gets 503.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..))]
    max_concurrency: u32,
    /// Extraction threads shared by all requests (default: all cores).
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    #[command(flatten)]
    pipeline: PipelineArgs,
}

/// The flags that set up the pipeline, shared by `extract` and `serve`.
#[derive(Debug, Args)]
struct PipelineArgs {
    /// Include the tokens in every record.
    #[arg(long)]
    tokens: bool,
    /// Extra gazetteer file (TSV, as in dictionaries/gazetteer/); repeatable.
    #[arg(long, value_name = "FILE")]
    gazetteer: Vec<PathBuf>,
}

impl PipelineArgs {
    /// The library configuration these flags ask for.
    fn config(self) -> Config {
        Config {
            include_tokens: self.tokens,
            gazetteers: self.gazetteer,
        }
    }
}

/// Worker threads for `-j`: the flag, else all cores.
fn worker_threads(jobs: Option<u16>) -> usize {
    jobs.map_or_else(|| BatchOptions::default().jobs, usize::from)
}

#[derive(Debug, Args)]
struct ExtractArgs {
    /// Files or folders (walked recursively, sorted; .txt .md .json .jsonl
    /// .ndjson .html .htm); none or "-" reads stdin.
    paths: Vec<PathBuf>,
    /// How to read inputs.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    input_format: FormatArg,
    /// Write JSON Lines to this file instead of stdout.
    #[arg(short, long, conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Write one JSON file per article into this folder instead, mirroring
    /// the input tree (a/b.txt -> a/b.json; a/c.jsonl -> a/c/<id>.json).
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// With --out-dir: leave inputs whose record file exists (resume a run).
    #[arg(long, requires = "out_dir")]
    skip_existing: bool,
    /// Indent the JSON (for reading; not JSON Lines).
    #[arg(long)]
    pretty: bool,
    #[command(flatten)]
    pipeline: PipelineArgs,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Decode invalid UTF-8 with U+FFFD (and a warning in the record) instead
    /// of failing the input.
    #[arg(long)]
    lossy: bool,
    /// Inputs (files, or single JSON Lines records) larger than this many
    /// bytes become error records.
    #[arg(long, default_value_t = batch::DEFAULT_MAX_INPUT_BYTES)]
    max_bytes: u64,
    /// No progress bar and no summary line (errors are still reported).
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct EvalArgs {
    /// Folder of gold files, one <id>.json per article.
    #[arg(long)]
    gold: PathBuf,
    /// Article files or folders (default: <gold>/../ko and <gold>/../en).
    paths: Vec<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// List every false positive and false negative with its context.
    #[arg(long)]
    show_errors: bool,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Auto,
    Text,
    Jsonl,
    Json,
    Html,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Schema => print_schema(),
        Command::Extract(args) => extract(args),
        Command::Eval(args) => eval(args),
        Command::Serve(args) => serve(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("korex: {}", error_message(&error));
            ExitCode::from(2)
        }
    }
}

fn print_schema() -> Result<ExitCode> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(korex::output::JSON_SCHEMA.as_bytes())?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let pipeline = Pipeline::new(args.pipeline.config()).context("cannot start the pipeline")?;
    let options = BatchOptions {
        format: match args.input_format {
            FormatArg::Auto => InputFormat::Auto,
            FormatArg::Text => InputFormat::Text,
            FormatArg::Jsonl => InputFormat::Jsonl,
            FormatArg::Json => InputFormat::Json,
            FormatArg::Html => InputFormat::Html,
        },
        jobs: worker_threads(args.jobs),
        max_input_bytes: args.max_bytes,
        lossy: args.lossy,
        pretty: args.pretty,
        out_dir: args.out_dir.clone(),
        skip_existing: args.skip_existing,
    };
    let sources: Vec<Source> = if args.paths.is_empty() {
        vec![Source::Stdin]
    } else {
        args.paths
            .iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    Source::Stdin
                } else {
                    Source::Path(p.clone())
                }
            })
            .collect()
    };

    let progress = (!args.quiet && io::stderr().is_terminal()).then(|| progress_bar(&sources));
    let say = |line: String| match &progress {
        Some(bar) => bar.suspend(|| eprintln!("{line}")),
        None => eprintln!("{line}"),
    };
    let mut articles = 0u64;
    let mut report = |done: &batch::Done| {
        let name = match &done.record {
            Some(korex::Record::Error(error)) => error.source.as_deref().unwrap_or(&error.id),
            Some(korex::Record::Extraction(extraction)) => {
                extraction.source.as_deref().unwrap_or(&extraction.id)
            }
            None => "",
        };
        for notice in &done.notices {
            if name.is_empty() {
                say(format!("korex: {notice}"));
            } else {
                say(format!("korex: {name}: {notice}"));
            }
        }
        if let Some(korex::Record::Error(error)) = &done.record {
            say(format!("korex: {name}: {}", error.error.message));
        }
        if let Some(bar) = &progress {
            articles += 1;
            bar.inc(done.bytes);
            bar.set_message(format!("{articles} articles"));
        }
    };
    let summary = if let Some(dir) = &args.out_dir {
        let writer = DirWriter::new(dir, args.pretty)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        batch::run_with(&pipeline, &sources, &options, &mut |done| {
            report(&done);
            match &done.out_path {
                Some(path) if done.record.is_some() => writer
                    .write_bytes(path, &done.json)
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
                _ => Ok(()),
            }
        })?
    } else {
        let mut out: Box<dyn Write> = match &args.output {
            Some(path) => Box::new(io::BufWriter::new(
                std::fs::File::create(path)
                    .with_context(|| format!("cannot create {}", path.display()))?,
            )),
            None => Box::new(io::BufWriter::new(io::stdout().lock())),
        };
        let to_stdout = args.output.is_none();
        let summary = batch::run_with(&pipeline, &sources, &options, &mut |done| {
            report(&done);
            out.write_all(&done.json)?;
            // On a pipe, each record goes out as soon as it is ready.
            if to_stdout {
                out.flush()?;
            }
            Ok(())
        })?;
        out.flush()?;
        summary
    };
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    if !args.quiet {
        eprintln!("korex: {}", summary_line(&summary, started.elapsed()));
    }
    Ok(if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A progress bar on stderr: articles, bytes, MB/s and ETA; its length is
/// measured on a side thread so the first records are not delayed.
fn progress_bar(sources: &[Source]) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} {msg} {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} ETA {eta}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message("0 articles");
    bar.enable_steady_tick(Duration::from_millis(200));
    let sources = sources.to_vec();
    let measured = bar.clone();
    std::thread::spawn(move || measured.set_length(batch::measure(&sources)));
    bar
}

/// The one-line summary printed at the end of a run.
fn summary_line(summary: &batch::Summary, elapsed: Duration) -> String {
    let megabytes = summary.bytes as f64 / 1e6;
    let seconds = elapsed.as_secs_f64();
    let mut line = format!(
        "{} articles, {} errors, {} skipped",
        summary.records - summary.errors,
        summary.errors,
        summary.skipped
    );
    if summary.kept > 0 {
        line.push_str(&format!(", {} kept (output exists)", summary.kept));
    }
    if summary.duplicate_ids > 0 {
        line.push_str(&format!(", {} duplicate ids", summary.duplicate_ids));
    }
    line.push_str(&format!(
        ", {megabytes:.1} MB, {seconds:.2} s, {:.2} MB/s",
        megabytes / seconds.max(1e-9)
    ));
    line
}

/// Exit code 0 whatever the scores: the regression test, not the command,
/// decides what is too low.
fn eval(args: EvalArgs) -> Result<ExitCode> {
    let gold = korex::eval::GoldSet::load(&args.gold)
        .with_context(|| format!("cannot load the gold files of {}", args.gold.display()))?;
    let pipeline = Pipeline::new(Config::default()).context("cannot start the pipeline")?;
    let jobs = worker_threads(args.jobs);
    let mut report = korex::eval::evaluate(&pipeline, &gold, &args.paths, jobs);
    for warning in &report.warnings {
        eprintln!("korex: warning: {warning}");
    }
    if !args.show_errors {
        report.errors.clear();
    }
    let mut stdout = io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut stdout, &report)?;
        writeln!(stdout)?;
    } else {
        write!(stdout, "{report}")?;
        if args.show_errors {
            writeln!(stdout)?;
            stdout.write_all(report.render_errors().as_bytes())?;
        }
    }
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Runs the HTTP service until SIGTERM or Ctrl-C.
fn serve(args: ServeArgs) -> Result<ExitCode> {
    let timeout = Duration::try_from_secs_f64(args.timeout)
        .ok()
        .filter(|t| !t.is_zero())
        .context("--timeout must be a positive number of seconds")?;
    let config = korex::serve::ServeConfig {
        addr: args.addr,
        max_body_bytes: args.max_body_bytes,
        timeout,
        max_concurrency: args.max_concurrency as usize,
        jobs: worker_threads(args.jobs),
    };
    let pipeline = Pipeline::new(args.pipeline.config()).context("cannot start the pipeline")?;
    let server = korex::serve::Server::bind(pipeline, config)?;
    eprintln!("korex: listening on http://{}", server.local_addr()?);
    server.run()?;
    eprintln!("korex: shut down");
    Ok(ExitCode::SUCCESS)
}

/// The error and its causes on one line, each cause once: library errors
/// often repeat their source in their own message.
fn error_message(error: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
