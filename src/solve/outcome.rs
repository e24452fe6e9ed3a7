//! How a solve's plans become solution files: each plan put in solution form, valued
//! by the checker (never by the solver's own numbers), stamped with its status, bound
//! and gap, and kept where a watchdog can take it.

use crate::instance::instance_hash;
use crate::milp::{ModelSize, extract_plan};
use crate::solution::check::{CheckReport, check};
use crate::solution::{
    InstanceRef, ObjectiveTerms, Provenance, SOLUTION_FORMAT_VERSION, SectionPlan, Solution,
    SolveStatus, StudentPlan, TeacherDrive, TripRun,
};

use super::context::SolveContext;
use super::environment::Environment;
use super::highs::{self, MipResult, MipStatus};
use super::memory;
use super::strategy::Strategy;

/// How a solve ended.
pub enum SolveOutcome {
    /// A plan, with the MILP's view of it.
    Plan {
        /// Its objective is the checker's recomputation.
        solution: Box<Solution>,
        /// The checker's verdict on the plan as written.
        report: Box<CheckReport>,
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
    #[error("{need}: too large for this machine; {}", too_large_advice(*decomposed))]
    TooLarge {
        need: memory::Need,
        /// Whether it was already the decomposition that ran out of room (so
        /// `--strategy decompose` is no advice).
        decomposed: bool,
    },
    #[error(transparent)]
    Placements(#[from] crate::milp::configs::TooManyTimings),
    #[error(transparent)]
    Mip(#[from] highs::MipError),
}

/// What to try when a model is too large: decomposing, unless that already ran.
fn too_large_advice(decomposed: bool) -> &'static str {
    if decomposed {
        "even decomposed; try a smaller instance (fewer students, or courses with fewer maxSections)"
    } else {
        "try --strategy decompose, or a smaller instance"
    }
}

/// A plan's decisions, as in a solution file.
pub(crate) struct PlanParts {
    pub sections: Vec<SectionPlan>,
    pub students: Vec<StudentPlan>,
    pub trip_runs: Vec<TripRun>,
    pub teacher_drives: Vec<TeacherDrive>,
}

/// A plan of `parts` in solution form for `ctx`'s instance, its objective not yet
/// valued.
pub(crate) fn new_solution(
    ctx: &SolveContext<'_>,
    strategy: Strategy,
    env: &Environment,
    status: SolveStatus,
    parts: PlanParts,
) -> Solution {
    Solution {
        format_version: SOLUTION_FORMAT_VERSION,
        instance: InstanceRef {
            name: ctx.instance.name.clone(),
            hash: instance_hash(ctx.instance),
        },
        provenance: Provenance {
            status,
            producer: format!("kopa {}", env!("CARGO_PKG_VERSION")),
            strategy: strategy.name().to_owned(),
            best_bound: None,
            gap: None,
            seconds: None,
            seed: Some(env.params.seed),
            threads: Some(env.params.threads),
            neighbourhoods: None,
            rounds: None,
            origin: None,
        },
        objective: ObjectiveTerms::default(),
        sections: parts.sections,
        students: parts.students,
        trip_runs: parts.trip_runs,
        teacher_drives: parts.teacher_drives,
    }
}

/// The plan of `parts`, students in instance order, valued by the checker; `None`
/// (reported) when the checker rejects it.
pub(crate) fn checked(
    ctx: &SolveContext<'_>,
    env: &Environment,
    parts: PlanParts,
) -> Option<Solution> {
    match valued(ctx, env, parts) {
        Ok(solution) => Some(solution),
        Err(violation) => {
            env.note(format_args!(
                "a neighbourhood's plan fails the checker ({violation}; a bug in kopa's model), not used"
            ));
            None
        }
    }
}

/// The plan of `parts`, students in instance order, valued by the checker, or the
/// first rule it breaks.
pub(crate) fn valued(
    ctx: &SolveContext<'_>,
    env: &Environment,
    mut parts: PlanParts,
) -> Result<Solution, String> {
    let order = &ctx.sections.students;
    parts
        .students
        .sort_by_key(|p| order.get(p.student.as_str()).copied().unwrap_or(usize::MAX));
    let mut solution = new_solution(ctx, Strategy::Decompose, env, SolveStatus::Feasible, parts);
    let report = check(ctx.instance, &solution);
    if !report.is_feasible() {
        return Err(report
            .violations
            .first()
            .map_or_else(String::new, |v| v.to_string()));
    }
    solution.objective = report.recomputed;
    Ok(solution)
}

/// The outcome of `solution`: the plan claims the checker's numbers, and carries the
/// checker's verdict on it as written, so no caller checks or patches it again.
pub(crate) fn plan_checked(
    ctx: &SolveContext<'_>,
    mut solution: Solution,
    mip_objective: f64,
    size: ModelSize,
) -> SolveOutcome {
    solution.objective = check(ctx.instance, &solution).recomputed;
    let report = check(ctx.instance, &solution);
    SolveOutcome::Plan {
        solution: Box::new(solution),
        report: Box::new(report),
        mip_objective,
        size,
    }
}

/// A plan that is all there is (the greedy one, when nothing better was found), with
/// the bound known.
pub(crate) fn greedy_outcome(
    ctx: &SolveContext<'_>,
    env: &Environment,
    mut solution: Box<Solution>,
    bound: Option<f64>,
    size: ModelSize,
) -> SolveOutcome {
    set_bound(&mut solution, stopped_status(env), bound);
    let mip_objective = solution.objective.total;
    plan_checked(ctx, *solution, mip_objective, size)
}

/// Writes `status`, the bound (at most the plan's total) and the gap into the plan.
pub(crate) fn set_bound(solution: &mut Solution, status: SolveStatus, bound: Option<f64>) {
    let total = solution.objective.total;
    let bound = bound.map(|b| b.min(total));
    solution.provenance.status = status;
    solution.provenance.best_bound = bound;
    solution.provenance.gap = bound.map(|b| gap(total, b));
}

/// Keeps `plan` (checked) in the environment's best-so-far slot unless what is there
/// is better, marked as stopped by the time limit with `bound` (so the same plan kept
/// again takes a bound found since): what a watchdog writes if the solve never
/// returns.
pub(crate) fn keep_best(env: &Environment, plan: &Solution, bound: Option<f64>) {
    let Some(slot) = &env.best_so_far else {
        return;
    };
    let Ok(mut kept) = slot.lock() else {
        return;
    };
    if kept
        .as_ref()
        .is_none_or(|k| plan.objective.total <= k.objective.total + 1e-6)
    {
        let mut plan = plan.clone();
        set_bound(&mut plan, SolveStatus::TimeLimit, bound);
        *kept = Some(plan);
    }
}

/// The decomposition's plan with the best bound known: optimal when they meet.
pub(crate) fn finish(
    ctx: &SolveContext<'_>,
    env: &Environment,
    best: &MipResult,
    greedy: Option<Box<Solution>>,
    bound: Option<f64>,
    size: ModelSize,
) -> SolveOutcome {
    if let Some(solution) = greedy
        && best
            .objective
            .is_none_or(|o| solution.objective.total < o - 1e-6)
    {
        env.note(format_args!(
            "the greedy assignment's plan is the best found"
        ));
        return greedy_outcome(ctx, env, solution, bound, size);
    }
    let proven = match (best.objective, bound) {
        (Some(o), Some(b)) => o - b <= 1e-6 * o.abs().max(1.0),
        _ => false,
    };
    let status = if proven {
        MipStatus::Optimal
    } else {
        MipStatus::Limit
    };
    plan_outcome(ctx, Strategy::Decompose, env, best, status, bound, size)
}

/// The plan of a model that decided every student, with `status` and `bound`.
pub(crate) fn plan_outcome(
    ctx: &SolveContext<'_>,
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
        _ => stopped_status(env),
    };
    let bound = bound.map(|b| b.min(objective));
    let mut solution = new_solution(
        ctx,
        strategy,
        env,
        status,
        PlanParts {
            sections: plan.sections,
            students: plan.students,
            trip_runs: plan.trip_runs,
            teacher_drives: plan.teacher_drives,
        },
    );
    solution.provenance.best_bound = bound;
    solution.provenance.gap = bound.map(|b| gap(objective, b));
    plan_checked(ctx, solution, objective, size)
}

/// Relative gap between a plan's objective and a bound.
pub(crate) fn gap(objective: f64, bound: f64) -> f64 {
    if objective.abs() < 1e-9 {
        0.0
    } else {
        ((objective - bound) / objective.abs()).max(0.0)
    }
}

/// A number for a progress line, or "-".
pub(crate) fn show(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.2}"))
}

/// The status of a plan not proven optimal: interrupted, stopped by the time limit,
/// or neither.
pub(crate) fn stopped_status(env: &Environment) -> SolveStatus {
    if env.stop.signalled() {
        SolveStatus::Interrupted
    } else if env.stop.time_limit().is_some() {
        SolveStatus::TimeLimit
    } else {
        SolveStatus::Feasible
    }
}

#[cfg(test)]
mod tests {
    use super::too_large_advice;

    #[test]
    fn decomposing_is_advised_only_to_a_run_that_did_not_decompose() {
        assert!(too_large_advice(false).contains("--strategy decompose"));
        assert!(!too_large_advice(true).contains("--strategy decompose"));
    }
}
