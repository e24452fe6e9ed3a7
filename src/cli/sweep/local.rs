//! `kopa sweep BASE PATCH... -o DIR` solved on this machine: the scenarios (`prepare`)
//! solved in parallel, every plan checked, and one comparison written (`keep`).
//!
//! One question, one seed: every scenario is solved with the same seed (or seeds, with
//! `--seeds`) and the same number of neighbourhoods per round, whatever `--jobs` is, so
//! that the differences come from the patches. Then every plan found is offered to
//! every other scenario (`scenario::offer`): an extra teacher never comes out dearer
//! than the base when the base's plan is still a plan there.
//!
//! How it ends (`Exit`, docs/exit-codes.md): every scenario has a plan the checker
//! accepts; the checker rejected a plan (a bug in kopa: please report it); bad input
//! (the base, a patch, or a variant it makes; nothing is written); a scenario found no
//! plan (named on stderr; the others are still written); interrupted by SIGINT or
//! SIGTERM (every scenario stops, keeps its best plan so far, marked `interrupted`, and
//! the plans and the comparison are written as usual; a second signal ends the process
//! at once, and since every file is written atomically, each is then whole or absent).
//! A rejected plan wins over an interruption, which wins over a scenario without a plan.

use std::time::Instant;

use anyhow::Context;
use rayon::prelude::*;

use kopa::report::money::euros;
use kopa::solution::Solution;
use kopa::solution::SolveStatus;
use kopa::solve::{
    DEFAULT_ROUNDS, DEFAULT_STALL_ROUNDS, Environment, RunParams, SolveOutcome, Stop, solve,
    solve_from_repair,
};
use kopa::words::count;

use super::super::exit::Exit;
use super::args::Args;
use super::keep::{Run, Settings, compare, repaired_from_base};
use super::prepare::{Prepared, prepare, write_variants};

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let started = Instant::now();
    let time_limit = args.time_limit()?;
    let last_seed = args.last_seed();
    let prepared = prepare(args)?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let jobs = match args.jobs {
        0 => cores,
        n => n,
    };
    // Not the pool's size: the plans would then change with --jobs.
    let neighbourhoods = match args.neighbourhoods {
        0 => cores,
        n => n,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("cannot start the worker threads")?;
    if !args.quiet {
        eprintln!(
            "sweep: {}, {} each, {jobs} at a time, {} a round, {}",
            count(prepared.len(), "scenario", "scenarios"),
            count(args.seeds, "solve", "solves"),
            count(neighbourhoods, "neighbourhood", "neighbourhoods"),
            args.time_limit
                .map_or("no time limit".to_owned(), |s| format!("{s} s each"))
        );
    }
    // Ctrl-C stops every scenario at its best plan so far instead of losing them all.
    let signal = std::sync::Arc::new(std::sync::atomic::AtomicI32::new(0));
    super::super::signals::install(&signal);
    let solves: Vec<(usize, u64)> = (0..prepared.len())
        .flat_map(|s| (args.seed..=last_seed).map(move |seed| (s, seed)))
        .collect();
    // The base first: a variant where the base's plan (of the same seed) is not a plan
    // as it is searches from its repair instead of from scratch.
    let (base_solves, variant_solves): (Vec<_>, Vec<_>) =
        solves.into_iter().partition(|&(scenario, _)| scenario == 0);
    let solve_at = |(scenario, seed): (usize, u64), repair_from: Option<&Solution>| {
        let stop = Stop::with_signal(time_limit, signal.clone());
        solve_one(
            &prepared,
            scenario,
            seed,
            neighbourhoods,
            args,
            stop,
            repair_from,
        )
    };
    let mut runs: Vec<Run> = pool.install(|| {
        base_solves
            .par_iter()
            .map(|&at| solve_at(at, None))
            .collect()
    });
    let base_plan = |seed: u64| {
        runs.iter()
            .find(|r| r.seed == seed)
            .and_then(|r| r.plan.as_ref())
            .filter(|(_, report)| report.is_accepted())
            .map(|(plan, _)| plan)
    };
    let variant_runs: Vec<Run> = pool.install(|| {
        variant_solves
            .par_iter()
            .map(|&(scenario, seed)| solve_at((scenario, seed), base_plan(seed)))
            .collect()
    });
    runs.extend(variant_runs);
    let signalled = std::num::NonZeroI32::new(signal.load(std::sync::atomic::Ordering::SeqCst))
        .map(std::num::NonZeroI32::get);
    let stopped = if signalled.is_some() {
        SolveStatus::Interrupted
    } else if time_limit.is_some() {
        SolveStatus::TimeLimit
    } else {
        SolveStatus::Feasible
    };
    write_variants(&args.output, &prepared)?;
    let settings = Settings {
        output: &args.output,
        base: args.base.display().to_string(),
        time_limit: args.time_limit,
        seed: args.seed,
        quiet: args.quiet,
        started,
    };
    let ended = pool.install(|| compare(&settings, &prepared, &runs, stopped))?;
    Ok(ended.exit(signalled))
}

/// Solves scenario `at` of `prepared` with `seed`; from the repair of `repair_from`
/// (the base's plan) when given and not a plan of this scenario as it is.
fn solve_one(
    prepared: &[Prepared],
    at: usize,
    seed: u64,
    neighbourhoods: usize,
    args: &Args,
    stop: Stop,
    repair_from: Option<&Solution>,
) -> Run {
    let variant = &prepared[at].variant;
    let mut params = RunParams::new(seed, 1);
    params.neighbourhoods = neighbourhoods;
    super::super::params_from_environment(&mut params);
    // As `kopa solve`: without a time limit or rounds, the default rounds end it.
    let open_ended = stop.time_limit().is_none() && args.rounds.is_none();
    params.rounds = args.rounds.or(open_ended.then_some(DEFAULT_ROUNDS));
    params.stall_rounds = open_ended.then_some(DEFAULT_STALL_ROUNDS);
    let name = if args.seeds > 1 {
        format!("{} (seed {seed})", variant.name)
    } else {
        variant.name.clone()
    };
    let env = Environment {
        params,
        stop,
        progress: super::super::progress::printer(name, None, !args.quiet, None),
        best_so_far: None,
    };
    env.note(format_args!(
        "solving ({} against the base)",
        count(variant.changes.len(), "change", "changes")
    ));
    let outcome = match repair_from {
        Some(plan) => solve_from_repair(
            &variant.instance,
            &prepared[at].model,
            args.strategy,
            &env,
            plan,
        ),
        None => solve(&variant.instance, &prepared[at].model, args.strategy, &env),
    };
    let no_plan = |reason: String| {
        env.note(format_args!("no plan: {reason}"));
        Run {
            scenario: at,
            seed,
            plan: None,
            no_plan: Some(reason),
            repair_of: None,
        }
    };
    match outcome {
        Ok(SolveOutcome::Plan {
            solution, report, ..
        }) => {
            env.note(format_args!(
                "{:?}, total {} €/week; checker: {}",
                solution.provenance.status,
                euros(report.recomputed.total),
                kopa::report::compare::verdict(&report)
            ));
            let repair_of = repaired_from_base(&solution);
            Run {
                scenario: at,
                seed,
                plan: Some((*solution, report)),
                no_plan: None,
                repair_of,
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
