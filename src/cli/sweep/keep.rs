//! The end of every sweep, local or collected from a cluster: each scenario keeps the
//! cheapest plan the checker accepts among every plan any solve found
//! (`scenario::offer`), the plans and the comparison are written, and how it ended is
//! said. One code for both, so that a sweep solved here and one solved on Slurm give
//! the same files from the same plans.

use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;

use kopa::report::money::euros;
use kopa::report::own_week::OwnWeeks;
use kopa::report::sweep::{Scenario, ScenarioResult, SeedTotal, Sweep, to_html, to_markdown};
use kopa::scenario::offer::{Found, Target, cheapest_accepted};
use kopa::solution::check::CheckReport;
use kopa::solution::{Solution, SolveStatus};
use kopa::solve::REPAIR_ORIGIN;

use super::super::exit::Exit;
use super::prepare::{Prepared, write};

/// One solve of one scenario with one seed.
pub struct Run {
    pub scenario: usize,
    pub seed: u64,
    /// Its plan, with the checker's report on it as written.
    pub plan: Option<(Solution, Box<CheckReport>)>,
    /// Why it has no plan.
    pub no_plan: Option<String>,
    /// The scenario whose plan its search started from, repaired (the base, when a
    /// variant's search started from the repair of the base's plan).
    pub repair_of: Option<usize>,
}

/// The scenario a plan's search started from, repaired: the base when its origin says
/// so (`kopa solve --repair-from` and a local sweep write the same origin; the exact
/// strategy uses no start, and its plan's origin stays empty).
pub fn repaired_from_base(plan: &Solution) -> Option<usize> {
    (plan.provenance.origin.as_deref() == Some(REPAIR_ORIGIN)).then_some(0)
}

/// A solved scenario: its column of the comparison, and the plan to write.
struct Solved {
    scenario: Scenario,
    solution: Option<Solution>,
}

/// What the comparison records besides the scenarios, and where it goes.
pub struct Settings<'a> {
    pub output: &'a Path,
    /// The base instance file as the sweep was given it.
    pub base: String,
    pub time_limit: Option<f64>,
    pub seed: u64,
    pub quiet: bool,
    pub started: Instant,
}

/// The scenarios whose plan the checker rejected, and those without a plan.
pub struct Ended {
    rejected: Vec<String>,
    without: Vec<String>,
}

/// Keeps each scenario's cheapest accepted plan, writes `NAME.solution.json` for each
/// scenario with a plan and `comparison.md`/`.html`/`.json`, prints each scenario's
/// sentences. `stopped`: the status of a plan not proven optimal that no solve of its
/// own scenario found.
pub fn compare(
    settings: &Settings<'_>,
    prepared: &[Prepared],
    runs: &[Run],
    stopped: SolveStatus,
) -> anyhow::Result<Ended> {
    let solved: Vec<Solved> = keep_the_cheapest(prepared, runs, stopped, settings.quiet);
    let output = settings.output;
    for (p, s) in prepared.iter().zip(&solved) {
        if let Some(solution) = &s.solution {
            write(
                &output.join(format!("{}.solution.json", p.variant.name)),
                &serde_json::to_vec_pretty(solution)?,
            )?;
        }
    }
    let sweep = Sweep::new(
        settings.base.clone(),
        settings.time_limit,
        settings.seed,
        solved.into_iter().map(|s| s.scenario).collect(),
    );
    write(
        &output.join("comparison.md"),
        to_markdown(&sweep).as_bytes(),
    )?;
    write(&output.join("comparison.html"), to_html(&sweep).as_bytes())?;
    write(
        &output.join("comparison.json"),
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
        output.join("comparison").display(),
        settings.started.elapsed().as_secs_f64()
    );
    // A plan of its own the checker rejected is a bug even where another scenario's
    // plan was kept instead.
    let rejected = sweep
        .scenarios
        .iter()
        .enumerate()
        .filter(|(at, s)| {
            s.report().is_some_and(|r| !r.is_accepted())
                || runs.iter().any(|r| {
                    r.scenario == *at && r.plan.as_ref().is_some_and(|(_, c)| !c.is_accepted())
                })
        })
        .map(|(_, s)| s.name.clone())
        .collect();
    let without = sweep
        .scenarios
        .iter()
        .filter(|s| s.report().is_none())
        .map(|s| s.name.clone())
        .collect();
    Ok(Ended { rejected, without })
}

impl Ended {
    /// How the sweep ends, said on stderr: a rejected plan wins over an interruption
    /// (`signal`), which wins over a scenario without a plan.
    pub fn exit(&self, signal: Option<i32>) -> Exit {
        if !self.rejected.is_empty() {
            eprintln!(
                "kopa: error: the checker rejected the plan of {} (a bug in kopa, please report it)",
                self.rejected.join(", ")
            );
            return Exit::Rejected;
        }
        if let Some(signal) = signal {
            eprintln!(
                "kopa: interrupted: each scenario's best plan so far was written, marked interrupted, and compared"
            );
            return Exit::Interrupted { signal };
        }
        if !self.without.is_empty() {
            eprintln!("kopa: no plan for {}", self.without.join(", "));
            return Exit::NoPlan;
        }
        Exit::Success
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
            // Each solve's own reason once (a collected sweep's name each task's log).
            let mut reasons: Vec<&str> = Vec::new();
            for reason in own(at).filter_map(|r| r.no_plan.as_deref()) {
                if !reasons.contains(&reason) {
                    reasons.push(reason);
                }
            }
            let reason = if reasons.is_empty() {
                "no solve ran".to_owned()
            } else {
                reasons.join("; ")
            };
            Solved {
                scenario: scenario(ScenarioResult::NoPlan { reason }),
                solution: None,
            }
        })
        .collect()
}
