//! `kopa import csv DIR -o INSTANCE`: an instance from a workbook of CSV files
//! (docs/csv-format.md), so schedulers can keep their data in a spreadsheet.
//!
//! Every problem of every sheet is printed at once (`FILE:LINE:COLUMN: error[E07xx]
//! ...`), then the instance is validated as `kopa validate` does; the instance file is
//! written (atomically) only when both pass, else it ends with bad input
//! (`Exit`, docs/exit-codes.md) and nothing is written. Warnings are printed and do
//! not stop the import.

use std::path::PathBuf;

use anyhow::Context;
use kopa::instance::instance_hash;
use kopa::validate::{has_input_errors, validate};

use super::exit::Exit;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub source: Source,
}

#[derive(clap::Subcommand)]
pub enum Source {
    /// A workbook: a folder of CSV files, one per kind of entity (docs/csv-format.md).
    Csv(CsvArgs),
}

#[derive(clap::Args)]
pub struct CsvArgs {
    /// The workbook's folder.
    pub dir: PathBuf,
    /// More bus runs: a folder with `trips.csv` and `trip_stops.csv` (as `kopa import
    /// gtfs` writes them), read after the workbook's own; may be repeated.
    #[arg(long = "trips", value_name = "DIR")]
    pub trips: Vec<PathBuf>,
    /// The instance file to write (JSON).
    #[arg(short, long)]
    pub output: PathBuf,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    match &args.source {
        Source::Csv(csv) => run_csv(csv),
    }
}

fn run_csv(args: &CsvArgs) -> anyhow::Result<Exit> {
    let dir = args.dir.display();
    let instance = match kopa::import::read_workbook(&args.dir, &args.trips) {
        Ok(instance) => instance,
        Err(problems) => {
            for problem in &problems.0 {
                eprintln!("{problem}");
            }
            anyhow::bail!(
                "{dir}: {} problems in the workbook; nothing written",
                problems.0.len()
            );
        }
    };
    let diagnostics = validate(&instance);
    for d in &diagnostics {
        eprintln!("{dir}: {d}");
    }
    if has_input_errors(&diagnostics) {
        anyhow::bail!("{dir}: the workbook makes an invalid instance; nothing written");
    }
    let mut text = serde_json::to_string_pretty(&instance)?;
    text.push('\n');
    kopa::fsutil::write_atomic(&args.output, text.as_bytes())
        .with_context(|| format!("{}: cannot write the instance", args.output.display()))?;
    println!(
        "{}: {} students, {} courses, {} teachers, {} trips; hash {}",
        args.output.display(),
        instance.students.len(),
        instance.courses.len(),
        instance.teachers.len(),
        instance.trips.len(),
        instance_hash(&instance)
    );
    Ok(Exit::Success)
}
