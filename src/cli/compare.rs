//! `kopa compare INSTANCE SOLUTION... [--format text|md|json]`: plans side by side,
//! every number recomputed by the checker (so it agrees with `kopa check --json`).
//! It ends (`Exit`, docs/exit-codes.md) with success when the table is printed, bad
//! input when a file cannot be read.

use std::path::PathBuf;

use kopa::instance::read_instance;
use kopa::report::compare::{compare, to_markdown, to_text};
use kopa::solution::read_solution;

use super::exit::Exit;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Md,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// The instance file (JSON).
    pub instance: PathBuf,
    /// Solution files (JSON) of that instance; the first is the baseline.
    #[arg(required = true)]
    pub solutions: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let instance = read_instance(&args.instance)?;
    let mut plans = Vec::new();
    for path in &args.solutions {
        plans.push((path.display().to_string(), read_solution(path)?));
    }
    let comparison = compare(&instance, &plans);
    match args.format {
        Format::Text => print!("{}", to_text(&comparison)),
        Format::Md => print!("{}", to_markdown(&comparison)),
        Format::Json => println!("{}", serde_json::to_string_pretty(&comparison)?),
    }
    Ok(Exit::Success)
}
