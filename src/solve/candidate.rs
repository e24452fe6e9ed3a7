//! One neighbourhood solved: its sub-MILP built around the incumbent (the students it
//! does not decide held as constants), solved by HiGHS, its plan merged with everyone
//! it left alone and valued by the checker.

use std::collections::BTreeSet;

use crate::milp::{Builder, ExtractedPlan, Scope, extract_plan};
use crate::solution::Solution;
use crate::words::count;

use super::context::SolveContext;
use super::environment::{Environment, Event};
use super::highs::{self, MipLimits};
use super::incumbent::{Candidate, Current};
use super::neighbourhood::Neighbourhood;
use super::outcome::{PlanParts, SolveError, checked};

/// What one neighbourhood gave.
pub(crate) struct Solved<'m> {
    /// HiGHS stopped on its clock: on another machine it may have found more.
    pub stopped_by_clock: bool,
    /// `None`: nothing found, or a merged plan the checker rejects.
    pub candidate: Option<Candidate<'m>>,
}

/// Frees the neighbourhood's courses and re-plans the students who asked for one of
/// them (or, given a group, those students), everyone else's week fixed, in the
/// incumbent's timetable or the neighbourhood's own; the plan merged and checked, or
/// no candidate when HiGHS found nothing or the checker rejects the merge (reported:
/// a bug in the model).
pub(crate) fn solve_neighbourhood<'c>(
    ctx: &'c SolveContext<'_>,
    env: &Environment,
    limits: MipLimits,
    current: &Current,
    neighbourhood: Neighbourhood,
) -> Result<Solved<'c>, SolveError> {
    let model = ctx.model;
    let Neighbourhood {
        free_courses,
        group,
        timetable,
        ..
    } = neighbourhood;
    let whole_model = group.is_none() && free_courses.len() == model.courses.len();
    let active: Vec<bool> = group.unwrap_or_else(|| requesting(ctx, &free_courses));
    let scope = Scope::Neighbourhood {
        timetable: timetable.unwrap_or_else(|| current.timetable.clone()),
        free_courses,
    };
    let building = std::time::Instant::now();
    let built = Builder::build_for_students(
        model,
        &ctx.placements,
        scope,
        current.values.subset(active.clone()),
    );
    let start = current.values.start_for(&built.builder);
    if env.progress.is_listening() {
        let size = built.size();
        env.emit(Event::Neighbourhood {
            message: format!(
                "  built in {:.1}s: {} ({} integer), {}",
                building.elapsed().as_secs_f64(),
                count(size.variables, "column", "columns"),
                size.integer_variables,
                count(size.constraints, "row", "rows")
            ),
        });
    }
    let result = highs::solve(built, env, limits, &start)?;
    let stopped_by_clock = result.stopped_by_clock;
    if result.objective.is_none() {
        return Ok(Solved {
            stopped_by_clock,
            candidate: None,
        });
    }
    let extracted = extract_plan(&result.builder, |v| result.value(v));
    let timetable = extracted.timetable.clone();
    let Some(plan) = merged(ctx, env, current, extracted, &active) else {
        return Ok(Solved {
            stopped_by_clock,
            candidate: None,
        });
    };
    Ok(Solved {
        stopped_by_clock,
        candidate: Some(Candidate {
            status: result.status,
            whole_model,
            seconds: result.seconds,
            active,
            timetable,
            result,
            plan,
        }),
    })
}

/// Per student, whether they ask for one of `courses`.
fn requesting(ctx: &SolveContext<'_>, courses: &BTreeSet<usize>) -> Vec<bool> {
    ctx.model
        .students
        .iter()
        .map(|s| {
            s.requests
                .iter()
                .any(|r| r.courses.iter().any(|c| courses.contains(c)))
        })
        .collect()
}

/// A neighbourhood's plan (`extracted`, deciding the `active` students) with every
/// other student's week from `current`, valued by the checker; `None` if it rejects it.
pub(crate) fn merged(
    ctx: &SolveContext<'_>,
    env: &Environment,
    current: &Current,
    extracted: ExtractedPlan,
    active: &[bool],
) -> Option<Solution> {
    let mut students = extracted.students;
    students.extend(
        current
            .plan
            .students
            .iter()
            .filter(|p| !ctx.sections.decides(active, &p.student))
            .cloned(),
    );
    checked(
        ctx,
        env,
        PlanParts {
            sections: extracted.sections,
            students,
            trip_runs: extracted.trip_runs,
            teacher_drives: extracted.teacher_drives,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::milp::{Builder, Scope};
    use crate::model::Model;
    use crate::solve::highs::MipStatus;

    /// A neighbourhood that frees every course but decides only some students, the
    /// others' seats and bus places as constants, must find the optimum again from
    /// it, and its merged plan must pass the checker: the constants stand for the
    /// others exactly.
    #[test]
    fn neighbourhoods_of_some_students_keep_the_others_exactly() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for file in [
            "instances/tiny/bus-capacity.json",
            "instances/tiny/optional-bus.json",
            "instances/tiny/remote-only.json",
            "instances/tiny/min-size.json",
            "tests/fixtures/solve/two-towns.json",
        ] {
            let instance = crate::instance::read_instance(&root.join(file)).expect(file);
            let model = Model::new(&instance).expect("valid");
            let ctx = SolveContext::new(&instance, &model).expect("placements");
            let env = Environment::new(0, 1, Some(std::time::Duration::from_secs(60)));
            let full = Builder::build(&model, &ctx.placements, Scope::Free);
            let optimum = highs::solve(full, &env, MipLimits::default(), &[]).expect("solves");
            assert_eq!(optimum.status, MipStatus::Optimal, "{file}");
            let current = Current::from_result(&ctx, &env, &optimum).expect(file);
            let total = current.plan.objective.total;
            let all_courses: BTreeSet<usize> = (0..model.courses.len()).collect();
            let n = model.students.len();
            // Each student alone, then every other student.
            let subsets: Vec<Vec<bool>> = (0..n)
                .map(|only| (0..n).map(|s| s == only).collect())
                .chain(std::iter::once((0..n).map(|s| s % 2 == 0).collect()))
                .collect();
            for active in subsets {
                let scope = Scope::Neighbourhood {
                    timetable: current.timetable.clone(),
                    free_courses: all_courses.clone(),
                };
                let built = Builder::build_for_students(
                    &model,
                    &ctx.placements,
                    scope,
                    current.values.subset(active.clone()),
                );
                let start = current.values.start_for(&built.builder);
                let result =
                    highs::solve(built, &env, MipLimits::default(), &start).expect("solves");
                assert_eq!(result.status, MipStatus::Optimal, "{file} {active:?}");
                let extracted = extract_plan(&result.builder, |v| result.value(v));
                let merged =
                    merged(&ctx, &env, &current, extracted, &active).unwrap_or_else(|| {
                        panic!("{file} {active:?}: the merged plan fails the checker")
                    });
                assert!(
                    (merged.objective.total - total).abs() < 0.005,
                    "{file} {active:?}: {} against the optimum {total}",
                    merged.objective.total
                );
            }
        }
    }
}
