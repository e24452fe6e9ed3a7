//! `kopa sweep BASE PATCH... -o DIR`: a planner's scenarios, each a JSON Merge Patch
//! of the base (id-keyed lists, see `docs/scenarios.md`), built and validated first,
//! then solved in parallel, every plan checked, and one comparison written.
//!
//! One question, one seed: every scenario is solved with the same seed (or seeds, with
//! `--seeds`) and the same number of neighbourhoods per round, whatever `--jobs` is, so
//! that the differences come from the patches. Then every plan found is offered to
//! every other scenario (`scenario::offer`): an extra teacher never comes out dearer
//! than the base when the base's plan is still a plan there. The base is solved first:
//! a variant where the base's plan is not a plan as it is searches from its repair
//! (`kopa::solve::solve_from_repair`), not from scratch.
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
use kopa::report::sweep::{Scenario, ScenarioResult, SeedTotal, Sweep, to_html, to_markdown};
use kopa::scenario::offer::{Found, Target, cheapest_accepted, offer};
use kopa::scenario::variant::{Variant, build, scenario_name};
use kopa::solution::check::CheckReport;
use kopa::solution::{Solution, SolveStatus};
use kopa::solve::{
    DEFAULT_ROUNDS, DEFAULT_STALL_ROUNDS, Environment, REPAIR_ORIGIN, RunParams, SolveOutcome,
    Stop, Strategy, solve, solve_from_repair,
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
    /// Solve each scenario this many times, with seeds SEED, SEED+1, ...: the
    /// comparison shows the spread of the totals, and each scenario keeps its cheapest.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub seeds: u64,
    /// Stop each search after this many rounds (without --time-limit, nothing is timed
    /// and the sweep repeats exactly; without either, the default rounds of `kopa solve`).
    #[arg(long, value_name = "N")]
    pub rounds: Option<usize>,
    /// Neighbourhoods solved side by side in each round of every scenario's search (0:
    /// one per core, never one per job: with the seed, part of what decides the plans).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub neighbourhoods: usize,
    /// Solves run at once (0: one per core). Each solve uses one HiGHS thread.
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

/// One solve of one scenario with one seed.
struct Run {
    scenario: usize,
    seed: u64,
    /// Its plan, with the checker's report on it as written.
    plan: Option<(Solution, Box<CheckReport>)>,
    /// Why it has no plan.
    no_plan: Option<String>,
    /// The scenario whose plan its search started from, repaired.
    repair_of: Option<usize>,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let started = Instant::now();
    let time_limit = args
        .time_limit
        .map(|s| arguments::time_limit(s).map_err(|why| anyhow::anyhow!("--time-limit: {why}")))
        .transpose()?;
    let last_seed = args.seed + (args.seeds - 1);
    super::arguments::check_seed(last_seed)
        .map_err(|why| anyhow::anyhow!("--seed with --seeds: the last seed {why}"))?;
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
            "sweep: {} scenarios, {} solves each, {jobs} at a time, {neighbourhoods} neighbourhoods a round, {}",
            prepared.len(),
            args.seeds,
            args.time_limit
                .map_or("no time limit".to_owned(), |s| format!("{s} s each"))
        );
    }
    // Ctrl-C stops every scenario at its best plan so far instead of losing them all.
    let signal = std::sync::Arc::new(std::sync::atomic::AtomicI32::new(0));
    super::signals::install(&signal);
    let solves: Vec<(usize, u64)> = (0..prepared.len())
        .flat_map(|s| (args.seed..=last_seed).map(move |seed| (s, seed)))
        .collect();
    // The base first: a variant where the base's plan (of the same seed) is not a plan
    // as it is searches from its repair instead of from scratch.
    let (base_solves, variant_solves): (Vec<_>, Vec<_>) =
        solves.into_iter().partition(|&(scenario, _)| scenario == 0);
    let mut runs: Vec<Run> = pool.install(|| {
        base_solves
            .par_iter()
            .map(|&(scenario, seed)| {
                let stop = Stop::with_signal(time_limit, signal.clone());
                solve_one(&prepared, scenario, seed, neighbourhoods, args, stop, None)
            })
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
            .map(|&(scenario, seed)| {
                let stop = Stop::with_signal(time_limit, signal.clone());
                let broken = base_plan(seed)
                    .filter(|plan| offer(plan, &prepared[scenario].variant.instance).is_none());
                solve_one(
                    &prepared,
                    scenario,
                    seed,
                    neighbourhoods,
                    args,
                    stop,
                    broken,
                )
            })
            .collect()
    });
    runs.extend(variant_runs);
    let stopped = if signal.load(std::sync::atomic::Ordering::SeqCst) != 0 {
        SolveStatus::Interrupted
    } else if time_limit.is_some() {
        SolveStatus::TimeLimit
    } else {
        SolveStatus::Feasible
    };
    let solved: Vec<Solved> =
        pool.install(|| keep_the_cheapest(&prepared, &runs, stopped, args.quiet));
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
    for (line, sign) in sweep.summaries.iter().zip(&sweep.signs) {
        println!("{line}");
        if let Some(sign) = sign {
            println!("  {sign}");
        }
    }
    println!(
        "comparison written to {} (.md, .html, .json) in {:.1} s",
        args.output.join("comparison").display(),
        started.elapsed().as_secs_f64()
    );
    // A plan of its own the checker rejected is a bug even where another scenario's
    // plan was kept instead.
    let rejected: Vec<&str> = sweep
        .scenarios
        .iter()
        .enumerate()
        .filter(|(at, s)| {
            s.report().is_some_and(|r| !r.is_accepted())
                || runs.iter().any(|r| {
                    r.scenario == *at && r.plan.as_ref().is_some_and(|(_, c)| !c.is_accepted())
                })
        })
        .map(|(_, s)| s.name.as_str())
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

/// Solves scenario `at` of `prepared` with `seed`; from the repair of `broken` (the
/// base's plan, not a plan of this scenario as it is) when given.
fn solve_one(
    prepared: &[Prepared],
    at: usize,
    seed: u64,
    neighbourhoods: usize,
    args: &Args,
    stop: Stop,
    broken: Option<&Solution>,
) -> Run {
    let variant = &prepared[at].variant;
    let mut params = RunParams::new(seed, 1);
    params.neighbourhoods = neighbourhoods;
    super::params_from_environment(&mut params);
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
        progress: super::progress::printer(name, None, !args.quiet, None),
        best_so_far: None,
    };
    env.note(format_args!(
        "solving ({} changes against the base)",
        variant.changes.len()
    ));
    let outcome = match broken {
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
            // (The exact strategy does not use the plan: its file's origin stays empty.)
            let repaired = solution.provenance.origin.as_deref() == Some(REPAIR_ORIGIN);
            Run {
                scenario: at,
                seed,
                plan: Some((*solution, report)),
                no_plan: None,
                repair_of: repaired.then_some(0),
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

/// Each scenario's plan: the cheapest the checker accepts in its instance among every
/// plan any solve found (`scenario::offer`), with the best bound its own solves proved;
/// a plan of its own the checker rejected is kept only when nothing was accepted, so
/// that the sweep reports it. `stopped`: the status of a plan not proven optimal that
/// no solve of its own found.
fn keep_the_cheapest(
    prepared: &[Prepared],
    runs: &[Run],
    stopped: SolveStatus,
    quiet: bool,
) -> Vec<Solved> {
    let own = |at: usize| runs.iter().filter(move |r| r.scenario == at);
    let own_best = |at: usize| {
        own(at)
            .filter_map(|r| r.plan.as_ref())
            .min_by(|a, b| a.0.objective.total.total_cmp(&b.0.objective.total))
    };
    let targets: Vec<Target<'_>> = prepared
        .iter()
        .enumerate()
        .map(|(at, p)| Target {
            name: &p.variant.name,
            instance: &p.variant.instance,
            bound: own(at)
                .filter_map(|r| r.plan.as_ref()?.0.provenance.best_bound)
                .reduce(f64::max),
            status: own_best(at)
                .map(|(s, _)| s.provenance.status)
                .filter(|s| *s != SolveStatus::Optimal)
                .unwrap_or(stopped),
        })
        .collect();
    let found: Vec<Found<'_>> = runs
        .iter()
        .filter_map(|r| {
            let (plan, report) = r.plan.as_ref()?;
            report.is_accepted().then_some(Found {
                scenario: r.scenario,
                seed: r.seed,
                plan,
                repair_of: r.repair_of,
            })
        })
        .collect();
    (0..prepared.len())
        .into_par_iter()
        .map(|at| {
            let variant = &prepared[at].variant;
            let split = |report: &CheckReport| {
                OwnWeeks::new(&variant.instance, &prepared[at].model).split(report)
            };
            let scenario = |result: ScenarioResult| Scenario {
                name: variant.name.clone(),
                description: variant.instance.description.clone(),
                patch: (at > 0).then(|| variant.patch.display().to_string()),
                changes: variant.changes.clone(),
                result,
                seed_totals: own(at)
                    .map(|r| SeedTotal {
                        seed: r.seed,
                        total: r.plan.as_ref().map(|(s, _)| s.objective.total),
                    })
                    .collect(),
            };
            if let Some(kept) = cheapest_accepted(&targets, &found, at) {
                if kept.from != at && !quiet {
                    eprintln!(
                        "{}: keeps the plan {}: {} €/week{}",
                        variant.name,
                        kept.solution.provenance.origin.as_deref().unwrap_or(""),
                        euros(kept.solution.objective.total),
                        own_best(at).map_or(String::new(), |(s, _)| format!(
                            ", its own search's {}",
                            euros(s.objective.total)
                        ))
                    );
                }
                return Solved {
                    scenario: scenario(ScenarioResult::Plan {
                        provenance: Box::new(kept.solution.provenance.clone()),
                        unmet_split: split(&kept.report),
                        report: Box::new(kept.report),
                    }),
                    solution: Some(kept.solution),
                };
            }
            if let Some((solution, report)) = own_best(at) {
                return Solved {
                    scenario: scenario(ScenarioResult::Plan {
                        provenance: Box::new(solution.provenance.clone()),
                        unmet_split: split(report),
                        report: report.clone(),
                    }),
                    solution: Some(solution.clone()),
                };
            }
            let reason = own(at)
                .find_map(|r| r.no_plan.clone())
                .unwrap_or_else(|| "no solve ran".to_owned());
            Solved {
                scenario: scenario(ScenarioResult::NoPlan { reason }),
                solution: None,
            }
        })
        .collect()
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
