//! `kopa explain INSTANCE`: why an instance has no plan, in words.
//!
//! How it ends (`Exit`, docs/exit-codes.md): a plan exists; no plan, with the
//! mandatory requests that cannot hold together and why (cut short, with the smallest
//! set found, when `--time-limit` came first); no answer within the time limit; bad
//! input. `--time-limit` is the whole run's: a watchdog ends a run that HiGHS keeps far
//! past it, as for `kopa solve`.

use std::path::PathBuf;

use anyhow::Context;
use kopa::explain::{Asking, Explanation, explain};
use kopa::instance::read_instance;
use kopa::model::Model;
use kopa::solve::Environment;
use kopa::validate::{has_input_errors, validate};

use kopa::solve::Stop;

use super::arguments;
use super::exit::Exit;

/// The longest one question to the solver may take (a tuning choice: the fixtures'
/// questions take well under a second; a question that needs a minute is better
/// answered by a smaller instance).
pub const SECONDS_PER_QUESTION: f64 = 60.0;

/// What a firing watchdog says (it fires when HiGHS runs `grace` past the limit).
pub fn stuck(grace: std::time::Duration) -> String {
    format!(
        "the solver did not stop within {:.0} s after the time limit (HiGHS does not time every part of its setup of a large MIP)",
        grace.as_secs_f64()
    )
}

#[derive(clap::Args)]
pub struct Args {
    /// The instance file (JSON).
    pub instance: PathBuf,
    /// Stop after this many seconds (more than 0) with the smallest set of requests
    /// found so far. Without it each question to the solver may take up to 60 s.
    #[arg(long, value_name = "SECONDS", value_parser = arguments::seconds)]
    pub time_limit: Option<f64>,
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
    let time_limit = args
        .time_limit
        .map(|s| arguments::time_limit(s).map_err(|why| anyhow::anyhow!("--time-limit: {why}")))
        .transpose()?;
    let signal = std::sync::Arc::new(std::sync::atomic::AtomicI32::new(0));
    super::signals::install(&signal);
    let mut env = Environment::new(0, 1, None);
    env.stop = Stop::with_signal(time_limit, signal);
    let asking = Asking::new(SECONDS_PER_QUESTION);
    let watchdog = time_limit.map(|limit| {
        let grace = super::watchdog::grace(limit);
        let file = args.instance.display().to_string();
        let infeasible = std::sync::Arc::clone(&asking.infeasible);
        super::watchdog::Watchdog::arm(limit.saturating_add(grace), move || {
            let exit = if infeasible.load(std::sync::atomic::Ordering::SeqCst) {
                println!(
                    "{file}: no plan exists; the explanation was cut short: {}",
                    stuck(grace)
                );
                Exit::Infeasible
            } else {
                println!(
                    "{file}: could not tell whether a plan exists: {}",
                    stuck(grace)
                );
                Exit::NoPlan
            };
            std::process::exit(i32::from(exit.code()));
        })
    });
    let explanation = explain(&model, &env, &asking)?;
    drop(watchdog);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&explanation)?);
    } else {
        print_explanation(&args.instance.display().to_string(), &explanation);
    }
    Ok(match explanation {
        Explanation::Feasible => Exit::Success,
        Explanation::Conflict(_) | Explanation::Unexplained { .. } => Exit::Infeasible,
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
        Explanation::Unexplained {
            mandatory_requests,
            reason,
        } => {
            println!(
                "{file}: no plan exists: its {} cannot all be met together; the explanation was cut short: {reason}",
                kopa::words::count(
                    *mandatory_requests,
                    "mandatory request",
                    "mandatory requests"
                )
            );
        }
        Explanation::Conflict(conflict) => {
            println!("{file}: no plan exists:");
            for sentence in &conflict.sentences {
                println!("  - {sentence}");
            }
            if conflict.cut_short {
                println!(
                    "  (the explanation was cut short by the time limit: the set above may be larger than needed)"
                );
            } else if !conflict.irreducible {
                println!(
                    "  (some questions went unanswered in time: the set above may be larger than needed)"
                );
            }
        }
    }
}
