//! `kopa sweep BASE PATCH... -o DIR`: a planner's scenarios, each a JSON Merge Patch
//! of the base (id-keyed lists, see `docs/scenarios.md`), built and validated first,
//! then solved in parallel, every plan checked, and one comparison written.
//!
//! How it ends (`Exit`, docs/exit-codes.md): every scenario has a plan the checker
//! accepts; the checker rejected a plan (a bug in kopa: please report it); bad input
//! (the base, a patch, or a variant it makes; nothing is written); a scenario found no
//! plan (named on stderr; the others are still written); interrupted by SIGINT or
//! SIGTERM (every scenario stops, keeps its best plan so far, marked `interrupted`, and
//! the plans and the comparison are written as usual; a second signal ends the process
//! at once, and since every file is written atomically, each is then whole or absent).
//! A rejected plan wins over an interruption, which wins over a scenario without a plan.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use rayon::prelude::*;

use kopa::instance::Instance;
use kopa::model::Model;
use kopa::report::money::euros;
use kopa::report::own_week::OwnWeeks;
use kopa::report::sweep::{Scenario, ScenarioResult, Sweep, to_html, to_markdown};
use kopa::scenario::variant::{Variant, build, scenario_name};
use kopa::solution::Solution;
use kopa::solve::{
    DEFAULT_ROUNDS, DEFAULT_STALL_ROUNDS, Environment, RunParams, SolveOutcome, Stop, Strategy,
    solve,
};

use super::arguments;
use super::exit::Exit;

#[derive(clap::Args)]
pub struct Args {
    /// The base instance file (JSON); its plan is the first column.
    pub base: PathBuf,
    /// Patch files (JSON Merge Patch of the base); each file's stem names its scenario.
    #[arg(required = true)]
    pub patches: Vec<PathBuf>,
    /// Directory for the variant instances, their plans and the comparison.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Seconds each scenario may take (counted from its own start).
    #[arg(long, value_name = "SECONDS", value_parser = arguments::seconds)]
    pub time_limit: Option<f64>,
    /// Seed for every scenario's solve (0 to 2147483647, what HiGHS takes); same seed,
    /// same limits, same plans.
    #[arg(long, default_value_t = 0, value_parser = arguments::seed)]
    pub seed: u64,
    /// Scenarios solved at once (0: one per core). Each solve uses one HiGHS thread.
    #[arg(long, default_value_t = 0)]
    pub jobs: usize,
    /// Search strategy for every scenario.
    #[arg(long, default_value = "auto", value_parser = super::strategy_parser())]
    pub strategy: Strategy,
    /// No progress lines on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

/// One scenario ready to solve.
struct Prepared {
    variant: Variant,
    model: Model,
}

/// A solved scenario: its column of the comparison, and the plan to write.
struct Solved {
    scenario: Scenario,
    solution: Option<Solution>,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let started = Instant::now();
    let time_limit = args
        .time_limit
        .map(|s| arguments::time_limit(s).map_err(|why| anyhow::anyhow!("--time-limit: {why}")))
        .transpose()?;
    let prepared = prepare(args)?;
    let jobs = match args.jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("cannot start the worker threads")?;
    if !args.quiet {
        eprintln!(
            "sweep: {} scenarios, {jobs} at a time, {}",
            prepared.len(),
            args.time_limit
                .map_or("no time limit".to_owned(), |s| format!("{s} s each"))
        );
    }
    // Ctrl-C stops every scenario at its best plan so far instead of losing them all.
    let signal = std::sync::Arc::new(std::sync::atomic::AtomicI32::new(0));
    super::signals::install(&signal);
    let solved: Vec<Solved> = pool.install(|| {
        prepared
            .par_iter()
            .map(|p| solve_one(p, args, Stop::with_signal(time_limit, signal.clone())))
            .collect()
    });
    write_all(args, &prepared, &solved)?;
    let sweep = Sweep::new(
        args.base.display().to_string(),
        args.time_limit,
        args.seed,
        solved.into_iter().map(|s| s.scenario).collect(),
    );
    write(
        &args.output.join("comparison.md"),
        to_markdown(&sweep).as_bytes(),
    )?;
    write(
        &args.output.join("comparison.html"),
        to_html(&sweep).as_bytes(),
    )?;
    write(
        &args.output.join("comparison.json"),
        &serde_json::to_vec_pretty(&sweep)?,
    )?;
    for line in &sweep.summaries {
        println!("{line}");
    }
    println!(
        "comparison written to {} (.md, .html, .json) in {:.1} s",
        args.output.join("comparison").display(),
        started.elapsed().as_secs_f64()
    );
    let rejected: Vec<&str> = sweep
        .scenarios
        .iter()
        .filter(|s| s.report().is_some_and(|r| !r.is_accepted()))
        .map(|s| s.name.as_str())
        .collect();
    let without: Vec<&str> = sweep
        .scenarios
        .iter()
        .filter(|s| s.report().is_none())
        .map(|s| s.name.as_str())
        .collect();
    if !rejected.is_empty() {
        eprintln!(
            "kopa: error: the checker rejected the plan of {} (a bug in kopa, please report it)",
            rejected.join(", ")
        );
        return Ok(Exit::Rejected);
    }
    if let Some(signal) =
        std::num::NonZeroI32::new(signal.load(std::sync::atomic::Ordering::SeqCst))
            .map(std::num::NonZeroI32::get)
    {
        eprintln!(
            "kopa: interrupted: each scenario's best plan so far was written, marked interrupted, and compared"
        );
        return Ok(Exit::Interrupted { signal });
    }
    if !without.is_empty() {
        eprintln!("kopa: no plan for {}", without.join(", "));
        return Ok(Exit::NoPlan);
    }
    Ok(Exit::Success)
}

/// Reads and validates the base, builds and validates every variant, resolves every
/// model: all before anything is solved or written, every patch's errors at once.
fn prepare(args: &Args) -> anyhow::Result<Vec<Prepared>> {
    let base = super::read_valid_instance(&args.base)?;
    let mut names = BTreeSet::new();
    for name in std::iter::once(scenario_name(&args.base))
        .chain(args.patches.iter().map(|p| scenario_name(p)))
    {
        if !names.insert(name.clone()) {
            anyhow::bail!(
                "two scenarios are named {name:?} (a scenario is named after its file's stem); rename one file"
            );
        }
    }
    let mut variants = vec![Variant {
        name: scenario_name(&args.base),
        patch: args.base.clone(),
        changes: Vec::new(),
        instance: base.clone(),
    }];
    let mut failed = 0;
    for path in &args.patches {
        match build(&base, path) {
            Ok(variant) => variants.push(variant),
            Err(error) => {
                eprintln!("kopa: error: {error}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        anyhow::bail!(
            "{failed} of {} patches cannot be used; nothing was solved or written",
            args.patches.len()
        );
    }
    variants
        .into_iter()
        .map(|variant| {
            let model = Model::new(&variant.instance).with_context(|| {
                format!("{}: cannot resolve the variant", variant.patch.display())
            })?;
            Ok(Prepared { variant, model })
        })
        .collect()
}

fn solve_one(prepared: &Prepared, args: &Args, stop: Stop) -> Solved {
    let variant = &prepared.variant;
    let is_base = variant.patch == args.base;
    let mut params = RunParams::new(args.seed, 1);
    super::params_from_environment(&mut params);
    // As `kopa solve`: without a time limit, the default rounds end each scenario.
    if stop.time_limit().is_none() {
        params.rounds = Some(DEFAULT_ROUNDS);
        params.stall_rounds = Some(DEFAULT_STALL_ROUNDS);
    }
    let env = Environment {
        params,
        stop,
        progress: super::progress::printer(variant.name.clone(), None, !args.quiet, None),
        best_so_far: None,
    };
    env.note(format_args!(
        "solving ({} changes against the base)",
        variant.changes.len()
    ));
    let outcome = solve(&variant.instance, &prepared.model, args.strategy, &env);
    let scenario = |result: ScenarioResult| Scenario {
        name: variant.name.clone(),
        description: variant.instance.description.clone(),
        patch: (!is_base).then(|| variant.patch.display().to_string()),
        changes: variant.changes.clone(),
        result,
    };
    let no_plan = |reason: String| {
        env.note(format_args!("no plan: {reason}"));
        Solved {
            scenario: scenario(ScenarioResult::NoPlan { reason }),
            solution: None,
        }
    };
    match outcome {
        Ok(SolveOutcome::Plan {
            solution, report, ..
        }) => {
            let solution = *solution;
            env.note(format_args!(
                "{:?}, total {} €/week; checker: {}",
                solution.provenance.status,
                euros(report.recomputed.total),
                kopa::report::compare::verdict(&report)
            ));
            Solved {
                scenario: scenario(ScenarioResult::Plan {
                    provenance: Box::new(solution.provenance.clone()),
                    unmet_split: OwnWeeks::new(&variant.instance, &prepared.model).split(&report),
                    report,
                }),
                solution: Some(solution),
            }
        }
        Ok(SolveOutcome::Infeasible { .. }) => no_plan(format!(
            "proven infeasible: no plan meets every hard rule; `kopa explain {}` says why",
            args.output.join(format!("{}.json", variant.name)).display()
        )),
        Ok(SolveOutcome::NoPlan { .. }) if env.stop.signalled() => {
            no_plan("interrupted before a plan was found".to_owned())
        }
        Ok(SolveOutcome::NoPlan { .. }) => {
            no_plan("none found within the time limit; try a longer --time-limit".to_owned())
        }
        Err(error) => no_plan(format!("the solver failed: {error}")),
    }
}

/// Every variant instance and every plan, into the output directory.
fn write_all(args: &Args, prepared: &[Prepared], solved: &[Solved]) -> anyhow::Result<()> {
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("{}: cannot create the directory", args.output.display()))?;
    for (p, s) in prepared.iter().zip(solved) {
        let instance: &Instance = &p.variant.instance;
        let name = &p.variant.name;
        write(
            &args.output.join(format!("{name}.json")),
            &serde_json::to_vec_pretty(instance)?,
        )?;
        if let Some(solution) = &s.solution {
            write(
                &args.output.join(format!("{name}.solution.json")),
                &serde_json::to_vec_pretty(solution)?,
            )?;
        }
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    kopa::fsutil::write_atomic(path, bytes)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}
