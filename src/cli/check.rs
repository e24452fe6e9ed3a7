//! `kopa check INSTANCE SOLUTION [--json]`: every broken rule of a plan, its objective
//! claimed against recomputed, and a verdict.
//!
//! How it ends (`Exit`, docs/exit-codes.md): success when the plan keeps every rule
//! and its claimed objective agrees with the recomputed one (within 0.005 euro per
//! term); rejected when a rule is broken or a claimed term differs (a plan whose
//! numbers are wrong is not one to act on); bad input when a file cannot be read, the
//! instance is invalid, or the plan answers another instance (hash mismatch).

use std::path::PathBuf;

use anyhow::Context as _;
use kopa::instance::instance_hash;
use kopa::model::Model;
use kopa::report::own_week::{OwnWeeks, UnmetSplit};
use kopa::solution::check::{CheckReport, check};
use kopa::solution::read_solution;
use kopa::words::count;
use serde::Serialize;

use super::exit::Exit;

#[derive(clap::Args)]
pub struct Args {
    /// The instance file (JSON).
    pub instance: PathBuf,
    /// The solution file (JSON) to check against it.
    pub solution: PathBuf,
    /// Print the report as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let instance = super::read_valid_instance(&args.instance)?;
    let solution = read_solution(&args.solution)?;
    let report = check(&instance, &solution);
    if args.json && !report.instance_matches {
        // As in the text: measured against another instance every rule "breaks", and
        // thousands of violations would only bury the mismatch.
        let json = OtherInstance {
            instance_matches: false,
            instance_hash: instance_hash(&instance),
            solution_instance_hash: &solution.instance.hash,
            message: "the solution's instance hash is not this instance's hash: it answers another instance (nothing else checked)",
        };
        let text = serde_json::to_string_pretty(&json).context("writing the report")?;
        println!("{text}");
    } else if args.json {
        let model = Model::new(&instance)
            .with_context(|| format!("{}: cannot resolve the instance", args.instance.display()))?;
        let json = JsonReport {
            unmet_split: OwnWeeks::new(&instance, &model).split(&report),
            report: &report,
        };
        let text = serde_json::to_string_pretty(&json).context("writing the report")?;
        println!("{text}");
    } else {
        print_text(&report, &args.solution.display().to_string());
    }
    Ok(exit_code(&report))
}

/// The checker's report and, next to its measures, the unmet requests of each
/// programme split into those that cannot fit the student's own week and those not met
/// by this plan (computed beside the checker, from the instance's fit check).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonReport<'a> {
    #[serde(flatten)]
    report: &'a CheckReport,
    unmet_split: Vec<UnmetSplit>,
}

/// What `--json` prints for a plan of another instance: the two hashes, and no
/// violations or terms (none of them would mean anything).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OtherInstance<'a> {
    instance_matches: bool,
    instance_hash: String,
    solution_instance_hash: &'a str,
    message: &'static str,
}

/// How a check with this report ends.
pub fn exit_code(report: &CheckReport) -> Exit {
    if !report.instance_matches {
        Exit::BadInput
    } else if report.is_accepted() {
        Exit::Success
    } else {
        Exit::Rejected
    }
}

fn print_text(report: &CheckReport, name: &str) {
    if !report.instance_matches {
        // Measured against another instance, every rule "breaks": thousands of
        // violations that only bury the one line that matters.
        println!(
            "{name}: the solution's instance hash is not this instance's hash: it answers another instance"
        );
        println!("{name}: rejected: plan for another instance (nothing else checked)");
        return;
    }
    for violation in &report.violations {
        println!("{name}: {violation}");
    }
    println!();
    println!("{:<16} {:>12} {:>12}", "term", "claimed", "recomputed");
    for ((term, claimed), (_, recomputed)) in report
        .claimed
        .named()
        .into_iter()
        .zip(report.recomputed.named())
    {
        let flag = if report.differences.iter().any(|d| d.term == term) {
            "  <- differs"
        } else {
            ""
        };
        println!(
            "{term:<16} {:>12} {:>12}{flag}",
            amount(claimed),
            amount(recomputed)
        );
    }
    println!();
    let verdict = if report.is_accepted() {
        "feasible; claimed objective agrees".to_owned()
    } else if report.is_feasible() {
        format!(
            "feasible but {} from the recomputed objective",
            count(
                report.differences.len(),
                "claimed term differs",
                "claimed terms differ"
            )
        )
    } else {
        format!(
            "infeasible: {}, {}",
            count(report.violations.len(), "violation", "violations"),
            count(
                report.differences.len(),
                "claimed term differs",
                "claimed terms differ"
            )
        )
    };
    println!("{name}: {verdict}");
}

/// Euros with cents, as far as cents mean anything: a claim of 1e308 (any number a
/// file may hold) is written in scientific notation, not as 309 digits.
fn amount(euros: f64) -> String {
    if euros.abs() < 1e12 {
        format!("{euros:.2}")
    } else {
        format!("{euros:.3e}")
    }
}
