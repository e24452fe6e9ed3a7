//! Strategies over the model: the monolithic exact MILP, and a decomposition that
//! searches over timetables and assigns students exactly for each.
//!
//! Measured on these machines (../shared/SOLVER-NOTES.md): the monolithic model keeps a
//! weak bound, while with the timetable fixed the assignment of hundreds of students
//! solves in about a second. `decompose` therefore takes the monolithic model's
//! incumbent after a short limit, then improves it by large-neighbourhood search:
//! free the sections of a few courses, keep the rest of the timetable fixed, solve that
//! sub-MILP exactly (students included), keep it when it is better.

pub mod environment;
pub mod highs;
mod rng;

use std::collections::BTreeSet;

pub use environment::Environment;

use crate::instance::{Instance, instance_hash};
use crate::milp::{Builder, ModelSize, Scope, Timetable, extract_plan};
use crate::model::Model;
use crate::solution::{
    InstanceRef, ObjectiveTerms, Provenance, SOLUTION_FORMAT_VERSION, Solution, SolveStatus,
};
use highs::{MipLimits, MipResult, MipStatus};
use rng::SplitMix64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Strategy {
    /// The monolithic MILP of timetable and students together.
    Exact,
    /// Monolithic incumbent, then large-neighbourhood search over the timetable with
    /// exact student assignment.
    Decompose,
}

impl Strategy {
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Exact => "exact",
            Strategy::Decompose => "decompose",
        }
    }
}

/// How a solve ended.
pub enum SolveOutcome {
    /// A plan, with the MILP's view of it.
    Plan {
        solution: Box<Solution>,
        /// The solver's objective value of the plan (the checker recomputes its own).
        mip_objective: f64,
        size: ModelSize,
    },
    /// Proven: no plan meets every hard rule.
    Infeasible { size: ModelSize },
    /// No plan found within the limits (none proven impossible either).
    NoPlan { size: ModelSize },
}

#[derive(Debug, thiserror::Error)]
pub enum SolveError {
    #[error(transparent)]
    Placements(#[from] crate::milp::configs::TooManyTimings),
    #[error(transparent)]
    Mip(#[from] highs::MipError),
}

/// Solves `model` (resolved from `instance`) with `strategy`.
pub fn solve(
    instance: &Instance,
    model: &Model,
    strategy: Strategy,
    env: &Environment,
) -> Result<SolveOutcome, SolveError> {
    let limits = |fraction: f64| MipLimits {
        seconds: env.remaining().map(|r| r * fraction),
        relative_gap: env.relative_gap,
    };
    let full = Builder::build(model, Scope::Free)?;
    let size = full.size();
    env.report(format_args!(
        "model: {} variables ({} integer), {} constraints",
        size.variables, size.integer_variables, size.constraints
    ));
    let first_share = match strategy {
        Strategy::Exact => 1.0,
        Strategy::Decompose => 0.3,
    };
    let first = highs::solve(full, env, limits(first_share), &[])?;
    env.report(format_args!(
        "monolithic model: {:?}, objective {}, bound {}",
        first.status,
        show(first.objective),
        show(first.bound)
    ));
    let bound = first.bound;
    match first.status {
        MipStatus::Infeasible => return Ok(SolveOutcome::Infeasible { size }),
        MipStatus::Optimal | MipStatus::GapLimit => {
            return Ok(plan_outcome(
                instance,
                strategy,
                env,
                &first,
                first.status,
                bound,
                size,
            ));
        }
        MipStatus::NoSolution if strategy == Strategy::Exact => {
            return Ok(SolveOutcome::NoPlan { size });
        }
        MipStatus::Limit if strategy == Strategy::Exact => {
            return Ok(plan_outcome(
                instance,
                strategy,
                env,
                &first,
                first.status,
                bound,
                size,
            ));
        }
        _ => {}
    }
    // Decompose: start from the monolithic incumbent, or from no sections at all.
    let mut best: MipResult = if first.objective.is_some() {
        first
    } else {
        let empty = Timetable::default();
        let fixed = highs::solve(
            Builder::build(model, Scope::Fixed(empty))?,
            env,
            limits(0.5),
            &[],
        )?;
        if fixed.objective.is_none() {
            return Ok(SolveOutcome::NoPlan { size });
        }
        fixed
    };
    let mut rng = SplitMix64::new(env.seed);
    let courses: Vec<usize> = (0..model.courses.len()).collect();
    let mut free_count = (courses.len() / 8).clamp(2, 12);
    let mut rounds_without_gain = 0;
    let mut round = 0;
    while env.remaining().is_none_or(|r| r > 1.0) {
        round += 1;
        let timetable = extract_plan(&best.builder, |v| best.value(v)).timetable;
        let free_courses: BTreeSet<usize> = rng.sample(&courses, free_count).into_iter().collect();
        let scope = Scope::Neighbourhood {
            timetable,
            free_courses,
        };
        let round_limit = MipLimits {
            seconds: Some(env.remaining().map_or(30.0, |r| r.min(30.0))),
            relative_gap: None,
        };
        let candidate = highs::solve(Builder::build(model, scope)?, env, round_limit, &[])?;
        let (Some(new), Some(old)) = (candidate.objective, best.objective) else {
            continue;
        };
        if new < old - 1e-6 {
            env.report(format_args!(
                "round {round}: {old:.2} -> {new:.2} ({free_count} courses free)"
            ));
            best = candidate;
            rounds_without_gain = 0;
        } else {
            rounds_without_gain += 1;
            if rounds_without_gain >= 4 && free_count < courses.len() {
                free_count = (free_count + 1).min(courses.len());
                rounds_without_gain = 0;
            }
        }
        if env.time_limit.is_none() && round >= 50 {
            break;
        }
    }
    let status = best.status;
    Ok(plan_outcome(
        instance, strategy, env, &best, status, bound, size,
    ))
}

fn show(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.2}"))
}

fn plan_outcome(
    instance: &Instance,
    strategy: Strategy,
    env: &Environment,
    result: &MipResult,
    status: MipStatus,
    bound: Option<f64>,
    size: ModelSize,
) -> SolveOutcome {
    let plan = extract_plan(&result.builder, |v| result.value(v));
    let objective = result.objective.unwrap_or(f64::NAN);
    let status = match status {
        MipStatus::Optimal => SolveStatus::Optimal,
        MipStatus::GapLimit => SolveStatus::GapLimit,
        _ if env.time_limit.is_some() => SolveStatus::TimeLimit,
        _ => SolveStatus::Feasible,
    };
    let bound = bound.map(|b| b.min(objective));
    let gap = bound.map(|b| {
        if objective.abs() < 1e-9 {
            0.0
        } else {
            ((objective - b) / objective.abs()).max(0.0)
        }
    });
    let solution = Solution {
        format_version: SOLUTION_FORMAT_VERSION,
        instance: InstanceRef {
            name: instance.name.clone(),
            hash: instance_hash(instance),
        },
        provenance: Provenance {
            status,
            producer: format!("kopa {}", env!("CARGO_PKG_VERSION")),
            strategy: strategy.name().to_owned(),
            best_bound: bound,
            gap,
            seconds: env.elapsed(),
            seed: Some(env.seed),
            threads: Some(env.threads),
        },
        objective: ObjectiveTerms::default(),
        sections: plan.sections,
        students: plan.students,
        trip_runs: plan.trip_runs,
        teacher_drives: plan.teacher_drives,
    };
    SolveOutcome::Plan {
        solution: Box::new(solution),
        mip_objective: objective,
        size,
    }
}
