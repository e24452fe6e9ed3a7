//! `kopa explain INSTANCE`: why an instance has no plan, in words.
//!
//! Exit codes: 0 a plan exists; 3 no plan, with the mandatory requests that cannot
//! hold together and why; 4 no answer within the time limit; 2 bad input.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use kopa::explain::{Explanation, explain};
use kopa::instance::read_instance;
use kopa::model::Model;
use kopa::solve::Environment;
use kopa::validate::{has_input_errors, validate};

use super::solve::{EXIT_INFEASIBLE, EXIT_NO_PLAN};

#[derive(clap::Args)]
pub struct Args {
    /// The instance file (JSON).
    pub instance: PathBuf,
    /// Longest time for each question to the solver, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub time_limit: f64,
    /// Print the explanation as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if !(args.time_limit.is_finite() && args.time_limit > 0.0) {
        anyhow::bail!(
            "--time-limit must be a positive number of seconds, got {}",
            args.time_limit
        );
    }
    let instance = read_instance(&args.instance)?;
    if has_input_errors(&validate(&instance)) {
        anyhow::bail!(
            "{}: the instance is invalid; run `kopa validate` for the full report",
            args.instance.display()
        );
    }
    let model = Model::new(&instance)
        .with_context(|| format!("{}: cannot resolve the instance", args.instance.display()))?;
    let env = Environment::new(0, 1, None);
    let explanation = explain(&model, &env, args.time_limit)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&explanation)?);
    } else {
        print_explanation(&args.instance.display().to_string(), &explanation);
    }
    Ok(match explanation {
        Explanation::Feasible => ExitCode::SUCCESS,
        Explanation::Conflict(_) => ExitCode::from(EXIT_INFEASIBLE),
        Explanation::Unknown { .. } => ExitCode::from(EXIT_NO_PLAN),
    })
}

/// The explanation as a person reads it (also used by `kopa solve`).
pub fn print_explanation(file: &str, explanation: &Explanation) {
    match explanation {
        Explanation::Feasible => println!("{file}: a plan exists"),
        Explanation::Unknown { reason } => {
            println!("{file}: could not tell whether a plan exists: {reason}")
        }
        Explanation::Conflict(conflict) => {
            println!("{file}: no plan exists:");
            for sentence in &conflict.sentences {
                println!("  - {sentence}");
            }
            if !conflict.irreducible {
                println!(
                    "  (some questions went unanswered in time: the set above may be larger than needed)"
                );
            }
        }
    }
}
