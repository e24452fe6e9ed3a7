//! `kopa export csv INSTANCE -o DIR`: an instance as a workbook of CSV files
//! (docs/csv-format.md), so a scheduler can start a spreadsheet from an existing
//! instance; `kopa import csv` of it gives back the same instance (the same hash).
//! (`kopa export model`, kopa's MILP for other solvers, is `export_model.rs`.)
//!
//! The instance is only parsed, not validated: an invalid one is worth fixing in a
//! spreadsheet too. Each file is written atomically, and none unless all can be
//! made; an instance a sheet cannot hold (an id with a space in a list) is bad input
//! (`Exit`, docs/exit-codes.md), every reason printed.

use std::path::PathBuf;

use anyhow::Context;
use kopa::instance::read_instance;
use kopa::words::count;

use super::exit::Exit;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub target: Target,
}

#[derive(clap::Subcommand)]
pub enum Target {
    /// A workbook: a folder of CSV files, one per kind of entity.
    Csv(CsvArgs),
    /// kopa's MILP as an LP or MPS file for other solvers (the whole plan's, or the
    /// count that bounds it).
    Model(super::export_model::Args),
}

#[derive(clap::Args)]
pub struct CsvArgs {
    /// The instance file (JSON).
    pub instance: PathBuf,
    /// The folder to write the workbook into (made if missing; its files of the same
    /// names are replaced).
    #[arg(short, long)]
    pub output: PathBuf,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    match &args.target {
        Target::Csv(csv) => run_csv(csv),
        Target::Model(model) => super::export_model::run(model),
    }
}

fn run_csv(args: &CsvArgs) -> anyhow::Result<Exit> {
    let instance = read_instance(&args.instance)?;
    let files = kopa::import::write_workbook(&instance).with_context(|| {
        format!(
            "{}: the instance cannot be written as a workbook; nothing written",
            args.instance.display()
        )
    })?;
    let dir = &args.output;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot make the folder", dir.display()))?;
    for (name, bytes) in &files {
        let path = dir.join(name);
        kopa::fsutil::write_atomic(&path, bytes)
            .with_context(|| format!("{}: cannot write the sheet", path.display()))?;
    }
    println!(
        "{}: {}",
        dir.display(),
        count(files.len(), "sheet", "sheets")
    );
    Ok(Exit::Success)
}
