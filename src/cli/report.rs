//! `kopa report INSTANCE SOLUTION -o DIR`: the plan for people, written into DIR:
//! `index.html` (every week, the buses, the costs with reasons; self-contained).
//!
//! The plan is checked first and the page says what the checker found. Exit 0 when
//! the checker accepts the plan, 1 when it rejects it (the report is still written,
//! with the violations on top, so the problem can be seen), 2 for unreadable or
//! invalid input or a plan of another instance (nothing written).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use kopa::instance::read_instance;
use kopa::model::Model;
use kopa::report::costs::itemise;
use kopa::report::html;
use kopa::report::plan_index::PlanIndex;
use kopa::solution::check::check;
use kopa::solution::read_solution;
use kopa::validate::{has_errors, validate};

/// The plan was written but the checker rejects it.
const EXIT_REJECTED: u8 = 1;

#[derive(clap::Args)]
pub struct Args {
    /// The instance file (JSON).
    pub instance: PathBuf,
    /// A solution file (JSON) of that instance.
    pub solution: PathBuf,
    /// The directory to write the report into (created if missing).
    #[arg(short, long)]
    pub output: PathBuf,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let instance = read_instance(&args.instance)?;
    let diagnostics = validate(&instance);
    if has_errors(&diagnostics) {
        for d in &diagnostics {
            eprintln!("{}: {d}", args.instance.display());
        }
        anyhow::bail!(
            "{}: the instance is invalid; run `kopa validate` on it",
            args.instance.display()
        );
    }
    let solution = read_solution(&args.solution)?;
    let report = check(&instance, &solution);
    if !report.instance_matches {
        anyhow::bail!(
            "{}: the solution's instance hash is not the hash of {}: it answers another instance",
            args.solution.display(),
            args.instance.display()
        );
    }
    let model = Model::new(&instance)
        .with_context(|| format!("{}: cannot resolve the instance", args.instance.display()))?;
    let index = PlanIndex::new(&instance, &solution);
    let items = itemise(&index, &model);
    let page = html::render(&index, &report, &items);
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("{}: cannot create the directory", args.output.display()))?;
    let path = args.output.join("index.html");
    kopa::fsutil::write_atomic(&path, page.as_bytes())
        .with_context(|| format!("{}: cannot write the report", path.display()))?;
    println!("report written to {}", path.display());
    for (term, itemised, checker) in html::disagreements(&report, &items) {
        eprintln!(
            "kopa: error: the report's items of {} add up to {itemised:.2}, the checker says {checker:.2} (a bug in kopa's report)",
            term.key()
        );
    }
    if report.is_accepted() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "kopa: the checker rejects this plan ({} violations); the report shows them",
            report.violations.len()
        );
        Ok(ExitCode::from(EXIT_REJECTED))
    }
}
