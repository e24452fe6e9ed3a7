//! `kopa explain INSTANCE`: why an instance has no plan, in words.
//!
//! How it ends (`Exit`, docs/exit-codes.md): a plan exists; no plan, with the
//! mandatory requests that cannot hold together and why; no answer within the time
//! limit; bad input.

use std::path::PathBuf;

use anyhow::Context;
use kopa::explain::{Explanation, explain};
use kopa::instance::read_instance;
use kopa::model::Model;
use kopa::solve::Environment;
use kopa::validate::{has_input_errors, validate};

use super::arguments;
use super::exit::Exit;

#[derive(clap::Args)]
pub struct Args {
    /// The instance file (JSON).
    pub instance: PathBuf,
    /// Longest time for each question to the solver, in seconds (more than 0).
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0, value_parser = arguments::seconds)]
    pub time_limit: f64,
    /// Print the explanation as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
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
        Explanation::Feasible => Exit::Success,
        Explanation::Conflict(_) => Exit::Infeasible,
        Explanation::Unknown { .. } => Exit::NoPlan,
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
