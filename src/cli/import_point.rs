//! `kopa import point INSTANCE POINT --solver NAME -o PLAN.json`: another solver's
//! answer on `kopa export model`'s full model, as a plan checked by kopa's checker.
//!
//! POINT holds one `column value` pair per line (blank lines and lines starting with
//! `#` are skipped); columns not listed are 0. The plan is written whole (atomically)
//! with the checker's numbers as its objective; the verdict is printed as by `kopa
//! check`. How it ends (`Exit`, docs/exit-codes.md): the checker accepts the plan; the
//! checker rejects it (the plan is still written, for a look at what the solver did);
//! bad input (an unreadable point, a column of another model: nothing written).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context;

use kopa::model::Model;
use kopa::solve::point::plan_of_point;
use kopa::solve::{Environment, SolveContext};
use kopa::words::count;

use super::exit::Exit;

#[derive(clap::Args)]
pub struct Args {
    /// The instance file (JSON) whose model was exported.
    pub instance: PathBuf,
    /// The solver's point: `column value` per line.
    pub point: PathBuf,
    /// The solver's name, recorded in the plan's provenance.
    #[arg(long, value_name = "NAME")]
    pub solver: String,
    /// Where to write the plan (a solution file).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let instance = super::read_valid_instance(&args.instance)?;
    let values = read_point(&args.point)?;
    let model = Model::new(&instance)
        .with_context(|| format!("{}: cannot resolve the instance", args.instance.display()))?;
    let ctx = SolveContext::new(&instance, &model)
        .with_context(|| args.instance.display().to_string())?;
    let env = Environment::new(0, 1, None);
    let (solution, report) = plan_of_point(&ctx, &env, &values, &args.solver)
        .with_context(|| args.point.display().to_string())?;
    let text = serde_json::to_string_pretty(&solution)?;
    kopa::fsutil::write_atomic(&args.output, text.as_bytes())
        .with_context(|| format!("{}: cannot write the plan", args.output.display()))?;
    if report.is_feasible() {
        println!(
            "{}: accepted by the checker, total {:.2}",
            args.output.display(),
            solution.objective.total
        );
        Ok(Exit::Success)
    } else {
        println!(
            "{}: rejected by the checker ({})",
            args.output.display(),
            count(report.violations.len(), "violation", "violations")
        );
        for violation in report.violations.iter().take(20) {
            println!("  {violation}");
        }
        Ok(Exit::Rejected)
    }
}

/// `column value` pairs, each line's position named on an error.
fn read_point(path: &Path) -> anyhow::Result<HashMap<String, f64>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the point", path.display()))?;
    let mut values = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        let (Some(name), Some(value), None) = (words.next(), words.next(), words.next()) else {
            anyhow::bail!(
                "{}:{}: expected `column value`, found \"{line}\"",
                path.display(),
                i + 1
            );
        };
        let value: f64 = value
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .with_context(|| {
                format!(
                    "{}:{}: \"{value}\" is not a finite number",
                    path.display(),
                    i + 1
                )
            })?;
        if values.insert(name.to_owned(), value).is_some() {
            anyhow::bail!(
                "{}:{}: column \"{name}\" given twice",
                path.display(),
                i + 1
            );
        }
    }
    Ok(values)
}
