//! `kopa import csv DIR -o INSTANCE`: an instance from a workbook of CSV files
//! (docs/csv-format.md), so schedulers can keep their data in a spreadsheet. (`kopa
//! import point`, another solver's answer read back as a plan, is `import_point.rs`;
//! `kopa import gtfs`, bus runs from a feed, `import_gtfs.rs`.)
//!
//! Every problem of every sheet is printed at once (`FILE:LINE:COLUMN: error[E07xx]
//! ...`), then the instance is validated as `kopa validate` does; the instance file is
//! written (atomically) only when both pass, else it ends with bad input
//! (`Exit`, docs/exit-codes.md) and nothing is written. Warnings are printed and do
//! not stop the import. The validation's diagnostics name the sheet, line and cell
//! their entity was written in (`Places`), not the JSON path a scheduler never saw.
//! `--json` prints one JSON array instead: the workbook's problems, or else the
//! validation's diagnostics as `kopa validate --json` has them, located as well.

use std::path::{Path, PathBuf};

use anyhow::Context;
use kopa::import::{Places, Problem};
use kopa::instance::instance_hash;
use kopa::validate::{Diagnostic, has_input_errors, validate};
use kopa::words::count;

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
    /// The bus runs of a period from a GTFS feed, as the trips sheets of a workbook
    /// (docs/gtfs.md).
    Gtfs(super::import_gtfs::Args),
    /// Another solver's answer on `kopa export model`'s full model, as a plan checked
    /// by kopa's checker (exit 1 when it rejects the plan).
    Point(super::import_point::Args),
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
    /// Print one JSON array of every problem and diagnostic instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    match &args.source {
        Source::Csv(csv) => run_csv(csv),
        Source::Point(point) => super::import_point::run(point),
        Source::Gtfs(gtfs) => super::import_gtfs::run(gtfs),
    }
}

fn run_csv(args: &CsvArgs) -> anyhow::Result<Exit> {
    let dir = args.dir.display();
    let (instance, places) = match kopa::import::read_workbook_placed(&args.dir, &args.trips) {
        Ok(read) => read,
        Err(problems) => {
            if args.json {
                let rows: Vec<_> = problems.0.iter().map(problem_row).collect();
                println!("{}", serde_json::to_string_pretty(&rows)?);
                return Ok(Exit::BadInput);
            }
            for problem in &problems.0 {
                eprintln!("{problem}");
            }
            anyhow::bail!(
                "{dir}: {} in the workbook; nothing written",
                count(problems.0.len(), "problem", "problems")
            );
        }
    };
    let diagnostics = validate(&instance);
    if args.json {
        let rows: Vec<_> = diagnostics
            .iter()
            .map(|d| diagnostic_row(&args.dir, &places, d))
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        for d in &diagnostics {
            match places.problem(d) {
                Some(located) => eprintln!("{located}"),
                None => eprintln!("{dir}: {d}"),
            }
        }
    }
    if has_input_errors(&diagnostics) {
        if args.json {
            return Ok(Exit::BadInput);
        }
        anyhow::bail!("{dir}: the workbook makes an invalid instance; nothing written");
    }
    let mut text = serde_json::to_string_pretty(&instance)?;
    text.push('\n');
    kopa::fsutil::write_atomic(&args.output, text.as_bytes())
        .with_context(|| format!("{}: cannot write the instance", args.output.display()))?;
    let summary = format!(
        "{}: {}, {}, {}, {}; hash {}",
        args.output.display(),
        count(instance.students.len(), "student", "students"),
        count(instance.courses.len(), "course", "courses"),
        count(instance.teachers.len(), "teacher", "teachers"),
        count(instance.trips.len(), "trip", "trips"),
        instance_hash(&instance)
    );
    if args.json {
        eprintln!("{summary}");
    } else {
        println!("{summary}");
    }
    Ok(Exit::Success)
}

/// A workbook problem as JSON: where it is (file, line, column, field) and what.
fn problem_row(problem: &Problem) -> serde_json::Value {
    serde_json::json!({
        "file": problem.file.display().to_string(),
        "line": problem.line,
        "column": problem.column,
        "field": problem.field,
        "code": problem.code.id(),
        "severity": problem.code.severity().as_str(),
        "entity": problem.entity,
        "message": problem.message,
        "hint": problem.hint,
    })
}

/// A validation diagnostic as `kopa validate --json` writes it, with where in the
/// workbook its entity was written (`file` the sheet, `line` and `column`), or the
/// workbook's folder as `file` and null `line` and `column` when it has no row (the
/// instance's weights, say).
fn diagnostic_row(dir: &Path, places: &Places, d: &Diagnostic) -> serde_json::Value {
    let place = places.locate(&d.path);
    let file = place.as_ref().map_or(dir, |p| p.file.as_path());
    serde_json::json!({
        "file": file.display().to_string(),
        "line": place.as_ref().map(|p| p.line),
        "column": place.as_ref().and_then(|p| p.column),
        "code": d.code.id(),
        "severity": d.code.severity().as_str(),
        "entity": d.entity,
        "path": d.path,
        "message": d.message,
        "hint": d.hint,
    })
}
