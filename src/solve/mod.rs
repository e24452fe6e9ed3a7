//! Strategies over the model: the monolithic exact MILP, and a decomposition that
//! searches over timetables and assigns students exactly for each.
//!
//! Measured on these machines (docs/solver.md): the monolithic model keeps a weak
//! bound, while with the timetable fixed the assignment of hundreds of students solves
//! in about a second. `decompose` therefore builds a greedy timetable, assigns students
//! exactly for it, then improves it by large-neighbourhood search: free the sections of
//! a few courses, keep the rest of the timetable fixed, solve that sub-MILP exactly
//! (students included), keep it when it is better. Its bound comes from counting, and
//! from the model with the student level relaxed where that is small enough.
//!
//! The stage in rooms, each one idea: this file dispatches; `context` holds what every
//! step reads; `greedy` builds the start; `decompose` runs the decomposition and
//! `search` its rounds, with `neighbourhood` (the draws), `candidate` (one
//! neighbourhood solved) and `incumbent` (the plan kept whole); `outcome` turns plans
//! into checked solution files; `highs` is the one way to HiGHS; `bound` the count.

pub mod assign;
pub mod bound;
mod candidate;
mod cohort;
pub mod construct;
mod context;
pub mod count;
mod decompose;
pub mod environment;
pub mod footprint;
mod greedy;
pub mod highs;
mod incumbent;
pub mod memory;
mod neighbourhood;
mod outcome;
pub mod point;
mod presence;
mod repair;
pub(crate) mod rng;
mod search;
mod strategy;

pub use context::SolveContext;
pub use environment::{BestSoFar, Environment, Event, Progress, RunParams, Stop};
pub use greedy::greedy_plan;
pub use outcome::{SolveError, SolveOutcome};
pub use repair::{NO_REPAIR_ORIGIN, REPAIR_ORIGIN};
pub use search::{DEFAULT_ROUNDS, DEFAULT_STALL_ROUNDS};
pub use strategy::{AUTO_EXACT_MAX_INTEGERS, FULL_MODEL_MAX_STUDENTS, Strategy};

use crate::instance::Instance;
use crate::milp::{Builder, Scope};
use crate::model::Model;
use crate::solution::Solution;
use crate::words::count;
use decompose::StartFrom;
use highs::{MipLimits, MipStatus};
use outcome::show;

/// Solves `model` (resolved from `instance`) with `strategy`.
pub fn solve(
    instance: &Instance,
    model: &Model,
    strategy: Strategy,
    env: &Environment,
) -> Result<SolveOutcome, SolveError> {
    solve_with_start(instance, model, strategy, env, None)
}

/// Solves `model` (resolved from `instance`) with `strategy`, the decomposition
/// starting from the repair of `plan` (a plan of another scenario, by ids) where it is
/// not a plan here as it is: its sections that `model` still offers kept, the rest
/// re-planned (`repair.rs`). The plan found says so in its provenance's `origin`
/// ("a repair of the plan given"); with the exact strategy the plan is not used and
/// `origin` stays empty. A plan that holds here as it is needs no repair: solved as
/// [`solve`] does (a sweep offers that plan to this scenario as it is).
pub fn solve_from_repair(
    instance: &Instance,
    model: &Model,
    strategy: Strategy,
    env: &Environment,
    plan: &Solution,
) -> Result<SolveOutcome, SolveError> {
    let holds = crate::scenario::offer::offer(plan, instance).is_some();
    solve_with_start(instance, model, strategy, env, (!holds).then_some(plan))
}

fn solve_with_start(
    instance: &Instance,
    model: &Model,
    strategy: Strategy,
    env: &Environment,
    repair_of: Option<&Solution>,
) -> Result<SolveOutcome, SolveError> {
    let large = strategy != Strategy::Exact && model.students.len() > FULL_MODEL_MAX_STUDENTS;
    if large {
        env.note(format_args!(
            "{}: the full model is not built; decompose",
            count(model.students.len(), "student", "students")
        ));
    }
    let ctx = SolveContext::new(instance, model)?;
    // The timetable the decomposition starts from: the repair of the plan given, or
    // else the double-degree students' own plan with sections around it, or else
    // the greedy one.
    let start = || match repair_of {
        Some(plan) => {
            let repaired = repair::repaired_timetable(&ctx, plan);
            env.note(format_args!(
                "repair of the plan given: {} kept, {} kept without a stream, {} freed, {} opened anew",
                count(repaired.kept, "section", "sections"),
                repaired.streams_dropped,
                repaired.freed,
                repaired.replaced
            ));
            StartFrom::Repair(repaired.timetable)
        }
        None => match cohort::cohort_start(&ctx, env) {
            Some(timetable) => StartFrom::Cohort(timetable),
            None => StartFrom::Greedy,
        },
    };
    let marked = |outcome: Result<SolveOutcome, SolveError>| {
        outcome.map(|mut outcome| {
            if repair_of.is_some()
                && let SolveOutcome::Plan { solution, .. } = &mut outcome
                && solution.provenance.origin.is_none()
            {
                solution.provenance.origin = Some(REPAIR_ORIGIN.to_owned());
            }
            outcome
        })
    };
    if large {
        return marked(decompose::decompose(&ctx, env, None, start()));
    }
    let need = memory::Need::of(
        crate::milp::estimate::full_model_columns(model, &ctx.placements),
        env.params.memory_cap,
    );
    env.note(format_args!("estimate: {need}"));
    if need.too_large() {
        return Err(SolveError::TooLarge {
            need,
            decomposed: false,
        });
    }
    let full = Builder::build(model, &ctx.placements, Scope::Free);
    let size = full.size();
    env.note(format_args!(
        "model: {} ({} integer), {}",
        count(size.variables, "variable", "variables"),
        size.integer_variables,
        count(size.constraints, "constraint", "constraints")
    ));
    let strategy = match strategy {
        Strategy::Auto if size.integer_variables <= AUTO_EXACT_MAX_INTEGERS => Strategy::Exact,
        Strategy::Auto => Strategy::Decompose,
        chosen => chosen,
    };
    match strategy {
        Strategy::Exact => {
            let limits = MipLimits {
                seconds: env.stop.remaining(),
                relative_gap: env.params.relative_gap,
                ..MipLimits::default()
            };
            let result = highs::solve(full, env, limits, &[])?;
            let message = format!(
                "exact model: {:?}, objective {}, bound {}",
                result.status,
                show(result.objective),
                show(result.bound)
            );
            env.emit(match result.objective {
                Some(objective) => Event::Plan { objective, message },
                None => Event::Note { message },
            });
            Ok(match result.status {
                MipStatus::Infeasible => SolveOutcome::Infeasible { size },
                MipStatus::NoSolution => SolveOutcome::NoPlan { size },
                status => {
                    outcome::plan_outcome(&ctx, strategy, env, &result, status, result.bound, size)
                }
            })
        }
        Strategy::Decompose | Strategy::Auto => {
            drop(full);
            marked(decompose::decompose(&ctx, env, Some(size), start()))
        }
    }
}
