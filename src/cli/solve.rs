//! `kopa solve INSTANCE -o SOLUTION`: read, validate, solve, check, write atomically.
//!
//! How it ends (`Exit`, docs/exit-codes.md): a plan found (and, with `--check`, the
//! checker accepts it); bad input; proven infeasible; no plan within the time limit;
//! the checker rejected the solver's plan (a bug in kopa: please report it); stopped
//! by SIGINT or SIGTERM, the best plan so far written and marked `interrupted` (a
//! second signal ends it at once, writing nothing). A solve that runs far past
//! `--time-limit` inside HiGHS is ended by a watchdog: with the search's best plan so
//! far, checked, written (success), or with no plan when it has none (`exact` keeps
//! none outside HiGHS). Proven infeasibility is explained within the same time limit
//! and under the same watchdog (infeasible, the explanation cut short).

use std::path::{Path, PathBuf};

use anyhow::Context;
use kopa::explain::Asking;
use kopa::instance::Instance;
use kopa::model::Model;
use kopa::report::own_week::{self, OwnWeeks};
use kopa::solution::read_solution;
use kopa::solve::{
    BestSoFar, DEFAULT_ROUNDS, DEFAULT_STALL_ROUNDS, Environment, Progress, RunParams,
    SolveOutcome, Stop, Strategy, solve, solve_from_repair,
};
use kopa::words::count;

use super::arguments;
use super::exit::Exit;

/// Time for each question when explaining an infeasible instance (a tuning choice);
/// `--time-limit`, when given, bounds the whole explanation with the solve.
const EXPLAIN_SECONDS_PER_QUESTION: f64 = 30.0;

#[derive(clap::Args)]
pub struct Args {
    /// The instance file (JSON).
    pub instance: PathBuf,
    /// Where to write the solution (JSON); written atomically.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Stop after this many seconds with the best plan found. Without it nothing is
    /// timed and the run repeats exactly (same seed, threads, neighbourhoods, rounds).
    #[arg(long, value_name = "SECONDS", value_parser = arguments::seconds)]
    pub time_limit: Option<f64>,
    /// Stop the search after this many rounds (a plan's file says after which round
    /// it was found, when a run with this many rounds and no time limit finds it again).
    #[arg(long, value_name = "N")]
    pub rounds: Option<usize>,
    /// End the search after this many rounds in a row without a better plan. Without
    /// --time-limit and --rounds, a run takes at most 20 rounds and ends after 8
    /// without a better plan, so that every run ends by itself (and repeats).
    #[arg(long, value_name = "N")]
    pub stall_rounds: Option<usize>,
    /// Neighbourhoods solved side by side in each round of the search (0: one per
    /// core). Part of what decides the plan, with the seed.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub neighbourhoods: usize,
    /// Stop when the relative gap to the best bound is at most this (e.g. 0.01).
    #[arg(long, value_name = "FRACTION")]
    pub gap: Option<f64>,
    /// Threads for HiGHS (0: one per core).
    #[arg(long, default_value_t = 1)]
    pub threads: u32,
    /// Seed for HiGHS and the search (0 to 2147483647, what HiGHS takes).
    #[arg(long, default_value_t = 0, value_parser = arguments::seed)]
    pub seed: u64,
    /// Search strategy.
    #[arg(long, default_value = "auto", value_parser = super::strategy_parser())]
    pub strategy: Strategy,
    /// Run the checker on the plan and fail if it finds a violation (a bug in kopa).
    #[arg(long)]
    pub check: bool,
    /// Show HiGHS's own log.
    #[arg(long)]
    pub verbose: bool,
    /// No progress lines on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Also write every progress event as a JSON line to this file (what `kopa bench`
    /// reads: each plan's objective and each bound, with the seconds since the start).
    #[arg(long, value_name = "FILE")]
    pub events: Option<PathBuf>,
    /// A plan of another scenario (matched by ids, e.g. the base's plan for a
    /// variant): when it is not a plan of this instance as it is, the search starts
    /// from its repair (what still holds kept, the rest re-planned) instead of from
    /// scratch, and the plan's origin says so. What an emitted sweep's variant tasks
    /// do, as a local sweep does.
    #[arg(long, value_name = "PLAN")]
    pub repair_from: Option<PathBuf>,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let started = std::time::Instant::now();
    let signal = std::sync::Arc::new(std::sync::atomic::AtomicI32::new(0));
    super::signals::install(&signal);
    let instance = super::read_valid_instance(&args.instance)?;
    let model = Model::new(&instance)
        .with_context(|| format!("{}: cannot resolve the instance", args.instance.display()))?;
    let time_limit = args
        .time_limit
        .map(|s| arguments::time_limit(s).map_err(|why| anyhow::anyhow!("--time-limit: {why}")))
        .transpose()?;
    if let Some(gap) = args.gap
        && !(0.0..1.0).contains(&gap)
    {
        anyhow::bail!("--gap must be a fraction in [0, 1), got {gap}");
    }
    // Read before anything is solved, so that a bad plan file is bad input at once.
    let repair_from = match &args.repair_from {
        Some(path) => Some(read_solution(path).context("--repair-from")?),
        None => None,
    };
    let mut params = RunParams::new(args.seed, args.threads);
    // A run needs an end: without a time limit or a number of rounds, the defaults
    // (said on the first progress line). No clock decides, so the run repeats.
    let open_ended = time_limit.is_none() && args.rounds.is_none();
    params.rounds = args.rounds.or(open_ended.then_some(DEFAULT_ROUNDS));
    params.stall_rounds = args
        .stall_rounds
        .or(open_ended.then_some(DEFAULT_STALL_ROUNDS));
    if args.neighbourhoods > 0 {
        params.neighbourhoods = args.neighbourhoods;
    }
    params.relative_gap = args.gap;
    params.verbose_solver = args.verbose;
    super::params_from_environment(&mut params);
    let events = match &args.events {
        Some(path) => Some(
            std::fs::File::create(path)
                .with_context(|| format!("{}: cannot write the events", path.display()))?,
        ),
        None => None,
    };
    let bar = super::progress::bar_for(time_limit, !args.quiet && !args.verbose);
    let mut env = Environment {
        params,
        stop: Stop::with_signal(time_limit, signal),
        progress: Progress::silent(),
        best_so_far: None,
    };
    env.progress = super::progress::printer(String::new(), bar.clone(), !args.quiet, events);
    env.note(format_args!("{}", how_it_ends(&env.params, time_limit)));
    let best_so_far = BestSoFar::default();
    env.best_so_far = Some(best_so_far.clone());
    // Set once infeasibility is proven: the explanation then runs under the same
    // watchdog, which ends it as infeasible (3) rather than as "no plan" (4).
    let asking = Asking::new(EXPLAIN_SECONDS_PER_QUESTION);
    let watchdog = time_limit.map(|limit| {
        let grace = super::watchdog::grace(limit);
        let instance = instance.clone();
        let output = args.output.clone();
        let strategy = args.strategy;
        let infeasible = std::sync::Arc::clone(&asking.infeasible);
        super::watchdog::Watchdog::arm(limit.saturating_add(grace), move || {
            eprintln!("kopa: {}", super::explain::stuck(grace));
            let exit = if infeasible.load(std::sync::atomic::Ordering::SeqCst) {
                eprintln!("kopa: no plan exists; the explanation was cut short");
                Exit::Infeasible
            } else {
                write_best_so_far(&instance, &best_so_far, &output, strategy)
            };
            std::process::exit(i32::from(exit.code()));
        })
    });
    let outcome = match &repair_from {
        Some(plan) => solve_from_repair(&instance, &model, args.strategy, &env, plan),
        None => solve(&instance, &model, args.strategy, &env),
    };
    if !matches!(outcome, Ok(SolveOutcome::Infeasible { .. })) {
        drop(watchdog);
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let outcome = outcome.with_context(|| format!("{}", args.instance.display()))?;
    let (solution, report, size, mip_objective) = match outcome {
        SolveOutcome::Plan {
            solution,
            report,
            size,
            mip_objective,
        } => (solution, report, size, mip_objective),
        SolveOutcome::Infeasible { size } => {
            eprintln!(
                "kopa: no plan exists: the model ({}, {}) is infeasible",
                count(size.variables, "variable", "variables"),
                count(size.constraints, "constraint", "constraints")
            );
            if !env.stop.signalled() {
                // Within the run's time limit, under its watchdog.
                asking
                    .infeasible
                    .store(true, std::sync::atomic::Ordering::SeqCst);
                let why = kopa::explain::explain(&model, &env, &asking)?;
                super::explain::print_explanation(&args.instance.display().to_string(), &why);
            }
            return Ok(Exit::Infeasible);
        }
        SolveOutcome::NoPlan { .. } => {
            eprintln!("kopa: no plan found within the time limit; try a longer --time-limit");
            return Ok(Exit::NoPlan);
        }
    };
    // The model may value a plan above the checker when a time-limited solve left
    // slack in continuous variables (idle-slot or stay indicators above their minimum);
    // below the checker it would have counted something the rules do not allow.
    let model_disagrees = mip_objective < report.recomputed.total - 0.005;
    if model_disagrees {
        eprintln!(
            "kopa: error: the model valued this plan at {mip_objective:.2}, below the checker's {:.2}; the checker's value is reported (this is a bug in kopa's model, please report it)",
            report.recomputed.total
        );
    } else if mip_objective > report.recomputed.total + 0.005 && !args.quiet {
        eprintln!(
            "kopa: note: the model valued this plan at {mip_objective:.2} (slack left by the time limit); the checker's {:.2} is reported",
            report.recomputed.total
        );
    }
    write_plan(&args.output, &solution)?;
    let p = &solution.provenance;
    println!("plan written to {}", args.output.display());
    let model_size = if size.is_estimate {
        format!(
            "full model not built (its fixed-timetable part alone: about {})",
            count(size.variables, "variable", "variables")
        )
    } else {
        format!(
            "model {} / {}",
            count(size.variables, "variable", "variables"),
            count(size.constraints, "constraint", "constraints")
        )
    };
    println!(
        "status {:?}, {:.1} s, {model_size}",
        p.status,
        started.elapsed().as_secs_f64(),
    );
    for (name, value) in solution.objective.named() {
        println!("  {name:<16} {value:>12.2}");
    }
    match (p.best_bound, p.gap) {
        (Some(bound), Some(gap)) => println!("  best bound {bound:.2}, gap {:.2}%", gap * 100.0),
        _ => println!("  no bound known"),
    }
    // What the pilot is for: students whose whole study plan the plan serves; of the
    // requests left unmet, those no week of their student's could hold (W0010) apart.
    let split = OwnWeeks::new(&instance, &model).split(&report);
    println!("  students fully served (requests met), by programme:");
    for (served, split) in report.measures.by_programme.iter().zip(&split) {
        let unmet = if split.unmet == 0 {
            String::new()
        } else {
            format!(
                "; unmet: {} cannot fit own week, {} not met by this plan",
                split.cannot_fit_own_week, split.not_met_by_plan
            )
        };
        println!(
            "    {:<14} {:>4} of {:<4} ({} of {}{unmet})",
            kopa::report::label::programme_label(served.programme),
            served.students_fully_served,
            served.students,
            served.requests_met,
            count(served.requests, "request", "requests")
        );
    }
    let (own_week, this_plan) = own_week::totals(&split);
    if own_week + this_plan > 0 {
        let unmet = own_week + this_plan;
        if own_week == 0 {
            println!(
                "  unmet requests: {unmet}, all not met by this plan (every student's requests fit their own week)"
            );
        } else {
            println!(
                "  unmet requests: {unmet}, of which {own_week} cannot fit their student's own week and {}",
                count(
                    this_plan,
                    "is not met by this plan",
                    "are not met by this plan"
                )
            );
        }
    }
    println!(
        "  {}, {} placed, {}",
        count(solution.sections.len(), "section", "sections"),
        count(solution.students.len(), "student", "students"),
        count(
            solution.trip_runs.len(),
            "optional trip run",
            "optional trip runs"
        )
    );
    if let (Some(rounds), Some(neighbourhoods)) = (p.rounds, p.neighbourhoods) {
        println!(
            "  found in round {rounds}; repeat it with --seed {} --threads {} --neighbourhoods {neighbourhoods} --rounds {rounds} and no --time-limit",
            env.params.seed, env.params.threads
        );
    } else if p.neighbourhoods.is_some() {
        println!(
            "  a clock stopped part of the search (the time limit), so another run may find another plan"
        );
    }
    if report.violations.is_empty() {
        println!("checker: the plan meets every hard rule");
    } else {
        println!(
            "checker: {}",
            count(report.violations.len(), "violation", "violations")
        );
        for v in &report.violations {
            println!("  {v}");
        }
        if args.check {
            return Ok(Exit::SolveRejected);
        }
    }
    if args.check && model_disagrees {
        return Ok(Exit::SolveRejected);
    }
    if let Some(signal) = env.stop.signal() {
        eprintln!("kopa: interrupted: the best plan found so far was written, marked interrupted");
        return Ok(Exit::Interrupted { signal });
    }
    Ok(Exit::Success)
}

/// The first progress line: how the run will end, and that Ctrl-C keeps the best plan.
fn how_it_ends(params: &RunParams, time_limit: Option<std::time::Duration>) -> String {
    let mut ends = Vec::new();
    if let Some(limit) = time_limit {
        ends.push(format!("at the time limit ({} s)", limit.as_secs_f64()));
    }
    if let Some(rounds) = params.rounds {
        ends.push(format!(
            "after {} of the search",
            count(rounds, "round", "rounds")
        ));
    }
    if let Some(stall) = params.stall_rounds {
        ends.push(format!(
            "after {} in a row without a better plan (--stall-rounds)",
            count(stall, "round", "rounds")
        ));
    }
    format!(
        "the run ends {}, or when the plan is proven optimal; Ctrl-C stops it and writes the best plan so far",
        ends.join(" or ")
    )
}

/// What a firing watchdog does: writes the search's best plan so far, if it has one
/// and the checker accepts it (success, marked `timeLimit`), or says that there is none
/// (no plan, nothing written) and what may help with the `strategy` the run used.
fn write_best_so_far(
    instance: &Instance,
    best: &BestSoFar,
    output: &Path,
    strategy: Strategy,
) -> Exit {
    let kept = best.lock().ok().and_then(|mut kept| kept.take());
    let Some(mut solution) = kept else {
        let hint = match strategy {
            // `exact` keeps its incumbent inside HiGHS, out of the watchdog's reach.
            Strategy::Exact => "try --strategy auto, which keeps models small",
            Strategy::Auto | Strategy::Decompose => {
                "the search had no checked plan yet; try a longer --time-limit"
            }
        };
        eprintln!("kopa: stopping with no plan written; {hint}");
        return Exit::NoPlan;
    };
    let report = kopa::solution::check::check(instance, &solution);
    if !report.is_accepted() {
        eprintln!("kopa: the best plan so far fails the checker; stopping with no plan written");
        return Exit::SolveRejected;
    }
    solution.objective = report.recomputed;
    match write_plan(output, &solution) {
        Ok(()) => {
            eprintln!(
                "kopa: stopped it; the best plan found before, checked (total {:.2}), was written to {}",
                solution.objective.total,
                output.display()
            );
            Exit::Success
        }
        Err(error) => {
            eprintln!("kopa: error: {error:#}");
            Exit::NoPlan
        }
    }
}

/// Writes a plan atomically: the file is whole or not there.
fn write_plan(output: &Path, solution: &kopa::solution::Solution) -> anyhow::Result<()> {
    let bytes = serde_json::to_vec_pretty(solution)?;
    kopa::fsutil::write_atomic(output, &bytes)
        .with_context(|| format!("{}: cannot write the solution", output.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn tiny() -> (Instance, Model) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/tiny/clash.json");
        let instance = kopa::instance::read_instance(&path).expect("reads");
        let model = Model::new(&instance).expect("resolves");
        (instance, model)
    }

    #[test]
    fn a_firing_watchdog_writes_the_best_plan_so_far() {
        let (instance, model) = tiny();
        let mut env = Environment::new(0, 1, Some(Duration::from_secs(20)));
        let best = BestSoFar::default();
        env.best_so_far = Some(best.clone());
        // The search keeps its plans as it goes; this one ends normally, and the slot
        // holds what a watchdog would have found.
        let outcome = solve(&instance, &model, Strategy::Decompose, &env).expect("solves");
        let SolveOutcome::Plan { solution, .. } = outcome else {
            panic!("the tiny instance has a plan");
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let output = dir.path().join("plan.json");
        assert_eq!(
            write_best_so_far(&instance, &best, &output, Strategy::Decompose),
            Exit::Success
        );
        let written = kopa::solution::read_solution(&output).expect("whole");
        assert_eq!(
            written.provenance.status,
            kopa::solution::SolveStatus::TimeLimit
        );
        assert!(kopa::solution::check::check(&instance, &written).is_accepted());
        assert!(written.objective.total >= solution.objective.total - 1e-6);
    }

    #[test]
    fn a_firing_watchdog_without_a_plan_writes_nothing() {
        let (instance, _) = tiny();
        let dir = tempfile::tempdir().expect("temp dir");
        let output = dir.path().join("plan.json");
        assert_eq!(
            write_best_so_far(
                &instance,
                &BestSoFar::default(),
                &output,
                Strategy::Decompose
            ),
            Exit::NoPlan
        );
        assert!(!output.exists());
    }
}
