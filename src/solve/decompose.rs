//! The decomposition: a greedy timetable, students assigned exactly for it (or, in a
//! region, greedily), then the search over the timetable; the count's bound beside it.
//!
//! Measured here: with the timetable fixed, the exact assignment of hundreds of
//! students solves in about a second, while the monolithic model keeps a weak bound;
//! above a few hundred students the exact assignment of everyone at once no longer
//! finishes, so the search starts from the greedy plan and re-plans a few students at
//! a time.

use crate::milp::{Builder, ModelSize, Scope, Timetable};
use crate::words::count;

use super::construct;
use super::context::SolveContext;
use super::environment::{Environment, Event};
use super::greedy::{greedy_solution, with_sections_for_unmet};
use super::highs::{self, MipLimits, MipStatus};
use super::incumbent::Current;
use super::memory;
use super::outcome::{SolveError, SolveOutcome, finish, greedy_outcome, keep_best, show};
use super::search::{SearchStart, search};
use super::strategy::FULL_MODEL_MAX_STUDENTS;

/// Longest time for the bound by counting, seconds, and its share of a time limit
/// (tuning choices: on the Tornio valley it reached 16,992 in 7 s and 17,173 in 60 s).
const DEMAND_BOUND_SECONDS: f64 = 30.0;
const DEMAND_BOUND_SHARE: f64 = 0.1;
/// Above this many integer variables the relaxed full model is not tried for a bound:
/// on the Tornio valley (63,838) its root LP had not finished after 9 minutes, so the
/// time goes to the search instead (a tuning choice).
const RELAXED_BOUND_MAX_INTEGERS: usize = 20_000;

/// A greedy timetable, students assigned exactly for it, large-neighbourhood search
/// over the timetable, and finally a bound from the model with students relaxed.
/// `size`: the full model's, when it was built. `start`: where the timetable to start
/// from comes from.
pub(crate) fn decompose(
    ctx: &SolveContext<'_>,
    env: &Environment,
    size: Option<ModelSize>,
    start: StartFrom,
) -> Result<SolveOutcome, SolveError> {
    let model = ctx.model;
    let stop = &env.stop;
    let share = |fraction: f64| MipLimits {
        seconds: stop.remaining().map(|r| r * fraction),
        ..MipLimits::default()
    };
    let from_repair = matches!(start, StartFrom::Repair(_));
    let from_cohort = matches!(start, StartFrom::Cohort(_));
    let start = match start {
        StartFrom::Repair(timetable) | StartFrom::Cohort(timetable) => timetable,
        StartFrom::Greedy => construct::greedy_timetable(model, &ctx.placements),
    };
    let opened = start.sections.iter().filter(|s| s.is_some()).count();
    let sections = count(opened, "section", "sections");
    if from_repair {
        env.note(format_args!("repaired timetable: {sections}"));
    } else if from_cohort {
        env.note(format_args!(
            "timetable from the double-degree students' plan: {sections}"
        ));
    } else {
        env.note(format_args!("greedy timetable: {sections}"));
    }
    let greedy = greedy_solution(ctx, env, &start);
    if let Some(plan) = greedy.as_deref() {
        keep_best(env, plan, None);
    }
    let (start, greedy, passes_cut) = with_sections_for_unmet(ctx, env, start, greedy);
    // Counting alone bounds every plan; it takes a moment, and shows the gap as the
    // search goes. With a time limit, as a MIP stopped by the clock: HiGHS can spend
    // minutes in the count's root node, which no limit of work stops
    // (docs/solver.md, "determinism").
    // Without a time limit, nothing is timed: the count's LP relaxation, solved to its
    // end, so the whole file repeats (the bound included).
    let counted = match stop.remaining() {
        Some(left) => super::bound::demand_bound(
            model,
            env,
            (left * DEMAND_BOUND_SHARE).min(DEMAND_BOUND_SECONDS),
        ),
        None => super::bound::demand_bound_of_lp(model, env),
    };
    let message = format!("bound by counting: {}", show(counted));
    env.emit(match counted {
        Some(value) => Event::Bound { value, message },
        None => Event::Note { message },
    });
    if let Some(plan) = greedy.as_deref() {
        keep_best(env, plan, counted);
    }
    let need = memory::Need::of(
        crate::milp::estimate::fixed_model_columns(
            model,
            &ctx.placements,
            &ctx.sections.numbering,
            &start,
        ),
        env.params.memory_cap,
    );
    let estimated = || ModelSize::estimated(need.estimated_columns);
    // Large regions: the exact assignment of every student at once does not finish
    // (measured: no optimum in 40 s for 515 students, nothing in 30 s for 2,060), so
    // the search starts from the greedy plan and re-plans a few students at a time.
    if model.students.len() > FULL_MODEL_MAX_STUDENTS
        && let Some(plan) = greedy.as_deref()
    {
        env.note(format_args!(
            "{}: the search starts from the greedy plan",
            count(model.students.len(), "student", "students")
        ));
        let mut incumbent = Current::from_plan(ctx, env, &start, plan.clone())?;
        incumbent.history.clock_decided |= passes_cut;
        let start = SearchStart {
            greedy,
            counted,
            size: size.unwrap_or_else(estimated),
            relaxed_model_bound: false,
        };
        return search(ctx, env, incumbent, start);
    }
    if need.too_large() {
        env.note(format_args!(
            "exact assignment skipped: {need}; the greedy plan is kept"
        ));
        return match greedy {
            Some(solution) => Ok(greedy_outcome(
                ctx,
                env,
                solution,
                counted,
                size.unwrap_or_else(estimated),
            )),
            None => Err(SolveError::TooLarge {
                need,
                decomposed: true,
            }),
        };
    }
    let fixed = Builder::build(model, &ctx.placements, Scope::Fixed(start));
    let size = size.unwrap_or_else(|| fixed.size());
    let mut best = highs::solve(fixed, env, share(0.5), &[])?;
    announce(env, "students assigned exactly", &best);
    // Its model is dropped; given back before the search's threads build theirs.
    super::memory::return_freed();
    if best.objective.is_none()
        && let Some(solution) = greedy.clone()
    {
        // The greedy plan is all there is (the exact assignment ran out of time).
        return Ok(greedy_outcome(ctx, env, solution, counted, size));
    }
    if best.objective.is_none() && model.students.len() > FULL_MODEL_MAX_STUDENTS {
        return Ok(SolveOutcome::NoPlan { size });
    }
    if best.objective.is_none() && from_repair {
        // The repaired timetable admits no plan (say, a mandatory request that only a
        // dropped stream served): the decomposition from scratch instead. Measured on
        // the Tornio valley without video: the full model found nothing in 44 s.
        env.note(format_args!(
            "the repaired timetable admits no plan; the greedy timetable instead"
        ));
        let mut outcome = decompose(ctx, env, Some(size), StartFrom::Greedy)?;
        if let SolveOutcome::Plan { solution, .. } = &mut outcome {
            solution.provenance.origin = Some(super::repair::NO_REPAIR_ORIGIN.to_owned());
        }
        return Ok(outcome);
    }
    if best.objective.is_none() && from_cohort {
        // The double-degree students' sections leave others' mandatory requests no
        // room: the greedy timetable instead.
        env.note(format_args!(
            "the timetable from the double-degree students' plan admits no plan; the greedy timetable instead"
        ));
        return decompose(ctx, env, Some(size), StartFrom::Greedy);
    }
    if best.objective.is_none() {
        // The greedy timetable admits no plan (say, a mandatory request it could not
        // place): search the full model instead.
        best = highs::solve(
            Builder::build(model, &ctx.placements, Scope::Free),
            env,
            share(0.7),
            &[],
        )?;
        announce(env, "full model", &best);
        if best.objective.is_none() {
            return Ok(match best.status {
                MipStatus::Infeasible => SolveOutcome::Infeasible { size },
                _ => SolveOutcome::NoPlan { size },
            });
        }
    }
    // The incumbent: decisions by meaning, timetable, and the plan as the checker
    // values it. Each round's models decide only some students, so the incumbent is
    // kept whole by the search, not in any one model.
    let Some(mut incumbent) = Current::from_result(ctx, env, &best) else {
        return Ok(finish(ctx, env, &best, greedy, counted, size));
    };
    incumbent.history.clock_decided |= passes_cut;
    let start = SearchStart {
        greedy,
        counted,
        size,
        relaxed_model_bound: size.integer_variables <= RELAXED_BOUND_MAX_INTEGERS,
    };
    search(ctx, env, incumbent, start)
}

/// Where the decomposition's first timetable comes from.
pub(crate) enum StartFrom {
    /// The greedy constructor (`construct.rs`).
    Greedy,
    /// The repair of another scenario's plan (`repair.rs`).
    Repair(Timetable),
    /// The double-degree students' own plan, with sections around it (`cohort.rs`).
    Cohort(Timetable),
}

/// Tells what a model that decides every student gave: a plan (its objective) or its
/// status alone.
pub(crate) fn announce(env: &Environment, what: &str, result: &highs::MipResult<'_>) {
    let message = format!(
        "{what}: {:?}, objective {}",
        result.status,
        show(result.objective)
    );
    env.emit(match result.objective {
        Some(objective) => Event::Plan { objective, message },
        None => Event::Note { message },
    });
}
