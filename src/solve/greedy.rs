//! The greedy start: a timetable built course by course, students placed greedily in
//! it, and sections added while they pay for the requests left unmet. A plan in well
//! under a second at every size measured, valued by the checker; the search starts
//! from it, and it is what a run keeps when nothing better is found.

use crate::milp::Timetable;
use crate::solution::check::check;
use crate::solution::{Solution, SolveStatus};
use crate::words::count;

use super::assign::{self, UnmetMandatory};
use super::construct;
use super::context::SolveContext;
use super::environment::{Environment, Event};
use super::outcome::{PlanParts, SolveError, keep_best, new_solution};
use super::strategy::Strategy;

/// The greedy assignment's plan for `timetable`, valued by the checker; `None` (with a
/// progress line saying why) when it leaves a mandatory request unmet or, which would
/// be a bug, the checker rejects it.
pub(crate) fn greedy_solution(
    ctx: &SolveContext<'_>,
    env: &Environment,
    timetable: &Timetable,
) -> Option<Box<Solution>> {
    match checked_greedy_plan(ctx, env, timetable) {
        Ok(solution) => {
            let objective = solution.objective.total;
            env.emit(Event::Plan {
                objective,
                message: format!("greedy assignment: {objective:.2} (checked)"),
            });
            Some(solution)
        }
        Err(GreedyFailure::Unmet(unmet)) => {
            env.note(format_args!(
                "greedy assignment: mandatory request of {} for {} not met",
                unmet.student,
                unmet.courses.join(" or ")
            ));
            None
        }
        Err(GreedyFailure::Rejected(violations)) => {
            env.note(format_args!(
                "greedy assignment: the checker rejects its plan ({}; a bug in kopa), not used",
                count(violations, "violation", "violations")
            ));
            None
        }
    }
}

/// Why the greedy assignment gave no plan for a timetable.
pub(crate) enum GreedyFailure {
    Unmet(UnmetMandatory),
    /// The checker rejected its plan (this many violations): a bug in kopa.
    Rejected(usize),
}

/// The greedy assignment's plan for `timetable`, valued by the checker.
pub(crate) fn checked_greedy_plan(
    ctx: &SolveContext<'_>,
    env: &Environment,
    timetable: &Timetable,
) -> Result<Box<Solution>, GreedyFailure> {
    let mut solution = greedy_plan_for(ctx, env, timetable).map_err(GreedyFailure::Unmet)?;
    let report = check(ctx.instance, &solution);
    if !report.is_feasible() {
        return Err(GreedyFailure::Rejected(report.violations.len()));
    }
    solution.objective = report.recomputed;
    Ok(Box::new(solution))
}

/// The greedy plan with sections added for the requests it leaves unmet
/// (`construct::add_sections_for_unmet`, sections nobody attends given up first),
/// again while the checker's total falls; and whether the time limit cut the passes
/// short.
pub(crate) fn with_sections_for_unmet(
    ctx: &SolveContext<'_>,
    env: &Environment,
    mut timetable: Timetable,
    mut plan: Option<Box<Solution>>,
) -> (Timetable, Option<Box<Solution>>, bool) {
    let sections = &ctx.sections;
    // Each pass costs a greedy assignment and a check (1.3 s at 2,000 students): none
    // starts that the time limit would cut.
    let mut pass_seconds: f64 = 0.5;
    let mut cut_by_clock = false;
    while let Some(current) = plan.as_deref() {
        if env.stop.signalled() || env.stop.remaining().is_some_and(|r| r < 2.0 * pass_seconds) {
            cut_by_clock = true;
            break;
        }
        let pass = std::time::Instant::now();
        let attended = sections.attended(current);
        let mut more = Timetable {
            sections: vec![None; timetable.sections.len()],
        };
        for &index in attended.iter().flatten() {
            more.sections[index] = timetable.sections[index].clone();
        }
        let added = construct::add_sections_for_unmet(
            ctx.model,
            &ctx.placements,
            &sections.numbering,
            &more,
            &attended,
        );
        if added.is_empty() {
            break;
        }
        for section in added {
            more.sections[section.index] = Some(section.choice);
        }
        let checked = checked_greedy_plan(ctx, env, &more);
        pass_seconds = pass.elapsed().as_secs_f64();
        let Ok(better) = checked else {
            break;
        };
        if better.objective.total >= current.objective.total - 1e-6 {
            break;
        }
        env.note(format_args!(
            "sections for unmet requests: {}, {:.2} (checked)",
            count(
                more.sections.iter().flatten().count(),
                "section",
                "sections"
            ),
            better.objective.total
        ));
        keep_best(env, &better, None);
        timetable = more;
        plan = Some(better);
    }
    (timetable, plan, cut_by_clock)
}

/// The greedy timetable with students placed greedily: a plan in well under a second
/// at any size measured, unchecked (the caller checks), or the mandatory request it
/// could not meet.
pub fn greedy_plan(
    instance: &crate::instance::Instance,
    model: &crate::model::Model,
    env: &Environment,
) -> Result<Result<Solution, UnmetMandatory>, SolveError> {
    let ctx = SolveContext::new(instance, model)?;
    let timetable = construct::greedy_timetable(model, &ctx.placements);
    Ok(greedy_plan_for(&ctx, env, &timetable))
}

/// The greedy assignment of students to `timetable`, in solution form (unchecked).
fn greedy_plan_for(
    ctx: &SolveContext<'_>,
    env: &Environment,
    timetable: &Timetable,
) -> Result<Solution, UnmetMandatory> {
    let parts = assign::greedy_plan(
        ctx.model,
        &ctx.placements,
        &ctx.sections.numbering,
        timetable,
    )?;
    Ok(new_solution(
        ctx,
        Strategy::Decompose,
        env,
        SolveStatus::Feasible,
        PlanParts {
            sections: parts.sections,
            students: parts.students,
            trip_runs: parts.trip_runs,
            teacher_drives: parts.teacher_drives,
        },
    ))
}
