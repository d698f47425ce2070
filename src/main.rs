//! The korex command line: parses flags, builds the pipeline and hands the
//! work to the library.

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use korex::batch::{self, BatchOptions, DirWriter, InputFormat, Source};
use korex::{Config, Pipeline};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

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
}

#[derive(Debug, Args)]
struct ExtractArgs {
    /// Files or folders; none or "-" reads stdin.
    paths: Vec<PathBuf>,
    /// How to read inputs.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    input_format: FormatArg,
    /// Write JSON Lines to this file instead of stdout.
    #[arg(short, long, conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Write one <id>.json per article into this folder instead.
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// Indent the JSON (for reading; not JSON Lines).
    #[arg(long)]
    pretty: bool,
    /// Include the tokens in every record.
    #[arg(long)]
    tokens: bool,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Decode invalid UTF-8 with U+FFFD instead of failing the input.
    #[arg(long)]
    lossy: bool,
    /// Inputs larger than this many bytes become error records.
    #[arg(long, default_value_t = 256 * 1024 * 1024)]
    max_bytes: u64,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Auto,
    Text,
    Jsonl,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Schema => print_schema(),
        Command::Extract(args) => extract(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("korex: {error:#}");
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
    let config = Config {
        include_tokens: args.tokens,
        ..Config::default()
    };
    let pipeline = Pipeline::new(config).context("cannot start the pipeline")?;
    let options = BatchOptions {
        format: match args.input_format {
            FormatArg::Auto => InputFormat::Auto,
            FormatArg::Text => InputFormat::Text,
            FormatArg::Jsonl => InputFormat::Jsonl,
        },
        jobs: args
            .jobs
            .map_or_else(|| BatchOptions::default().jobs, usize::from),
        max_input_bytes: args.max_bytes,
        lossy: args.lossy,
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

    let report = |record: &korex::Record| {
        if let korex::Record::Error(error) = record {
            let source = error.source.as_deref().unwrap_or(&error.id);
            eprintln!("korex: {source}: {}", error.error.message);
        }
    };
    let summary = if let Some(dir) = &args.out_dir {
        let writer = DirWriter::new(dir, args.pretty)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        batch::run(&pipeline, &sources, &options, &mut |record| {
            report(&record);
            writer.write(&record)
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
        let summary = batch::run(&pipeline, &sources, &options, &mut |record| {
            report(&record);
            batch::write_record(&mut out, &record, args.pretty)?;
            // On a pipe, each record goes out as soon as it is ready.
            if to_stdout {
                out.flush()?;
            }
            Ok(())
        })?;
        out.flush()?;
        summary
    };
    Ok(if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
