//! The double-degree students first: a start for the decomposition in which every
//! student who combines lukio and vocational studies gets their whole study plan.
//!
//! Why: those students are what the pilot is for, and their plans are the tightest
//! (two vocational blocks and lukio bars in one week, courses that only one teacher
//! may teach). Measured on the Tornio valley: the greedy timetable gives a course the
//! one teacher another course of theirs needs in the same block, and no neighbourhood
//! small enough to solve in a round frees the chain of courses that would undo it, so
//! 600-second runs served 3 or 4 of the 12 double-degree students in full, though a
//! plan serving all 12 is cheaper by the instance's own prices.
//!
//! So, before the greedy timetable, the double-degree students are planned alone: an
//! instance of only them, every request of theirs mandatory, only the courses they
//! ask for (and teachers' `canTeach` cut to those), each course allowed to open for a
//! single student (the others will join its section later). The full model of that
//! small instance is solved by HiGHS up to its first plan. That plan's sections become
//! the start of the whole timetable exactly as a repaired plan does (`repair.rs`):
//! kept as placed, with sections opened around them for everyone else's requests;
//! then the decomposition's usual steps. The search stays free to change all of it:
//! the cohort's plan is a start, not a rule.
//!
//! Only students whose requests fit their own week (`validate::week_fit`) are in the
//! cohort: requests that cannot fit would make the small instance infeasible. When
//! the small instance has no plan within its share of the time, or its plan admits no
//! plan of the whole instance, the decomposition starts from the greedy timetable.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::instance::{Instance, Programme};
use crate::milp::{Builder, Scope, Timetable};
use crate::model::Model;
use crate::solution::Solution;
use crate::words::count;

use super::context::SolveContext;
use super::environment::{Environment, Progress};
use super::highs::{self, MipLimits, MipStatus};
use super::outcome::{SolveOutcome, plan_outcome};
use super::repair;
use super::strategy::Strategy;

/// Largest cohort planned first (a tuning choice: 12 double-degree students of the
/// Tornio valley took 20-40 s to a first plan on 2 loaded cores; the model of the
/// cohort grows with its students and courses).
pub(crate) const COHORT_MAX_STUDENTS: usize = 30;
/// Share of a time limit the cohort's model may take, and at most this many seconds
/// (tuning choices; on the Tornio valley its first plan came after 20-40 s).
const COHORT_SHARE: f64 = 0.25;
const COHORT_MAX_SECONDS: f64 = 150.0;
/// A share shorter than this is not tried: it would end without a plan and only take
/// time from the search (a tuning choice: the Tornio valley's cohort took 20-57 s to
/// its first plan on 2 loaded cores, so a run of 60 s, whose share is 15 s, starts
/// from the greedy timetable as before).
const COHORT_MIN_SECONDS: f64 = 20.0;

/// Why no cohort is planned first.
pub(crate) enum NoCohort {
    /// No double-degree student, or every student is one (nothing to start around).
    NoneOrAll,
    /// More double-degree students than `COHORT_MAX_STUDENTS`.
    TooMany(usize),
    /// No double-degree student's requests fit their own week.
    NoneFit,
}

/// The students (by position) planned first: the double-degree students whose
/// requests fit their own week, when there are some, not more than
/// `COHORT_MAX_STUDENTS`, and not everyone. The solve and its memory estimate
/// (`footprint`) both ask here, so they agree on whether the cohort's model is solved.
pub(crate) fn cohort_students(instance: &Instance, model: &Model) -> Result<Vec<usize>, NoCohort> {
    let students = &model.students;
    let double_degree: Vec<usize> = (0..students.len())
        .filter(|&s| instance.students[s].programme == Programme::DoubleDegree)
        .collect();
    if double_degree.is_empty() || double_degree.len() == students.len() {
        return Err(NoCohort::NoneOrAll);
    }
    if double_degree.len() > COHORT_MAX_STUDENTS {
        return Err(NoCohort::TooMany(double_degree.len()));
    }
    let fits = crate::validate::week_fit(model);
    let cohort: Vec<usize> = double_degree
        .into_iter()
        .filter(|&s| {
            let fit = &fits[s];
            fit.conflict.is_empty() && fit.runs_nowhere.is_empty() && !fit.cut_off
        })
        .collect();
    if cohort.is_empty() {
        return Err(NoCohort::NoneFit);
    }
    Ok(cohort)
}

/// Estimated columns (`milp::estimate`) of the cohort's model, which the solve builds
/// and branches on before anything else; `None` when no cohort is planned first.
pub(crate) fn cohort_columns(instance: &Instance, model: &Model) -> Option<usize> {
    let cohort = cohort_students(instance, model).ok()?;
    let alone = cohort_instance(instance, &cohort);
    let model = Model::new(&alone).ok()?;
    let ctx = SolveContext::new(&alone, &model).ok()?;
    Some(crate::milp::estimate::full_model_columns(
        &model,
        &ctx.placements,
    ))
}

/// The seconds the cohort's model is given in a run with `left` seconds to go, or
/// `None` when that share is too short to try. The solve and its memory estimate
/// (`footprint`) both ask here.
pub(crate) fn cohort_seconds(left: f64) -> Option<f64> {
    let seconds = cohort_share(left);
    (seconds >= COHORT_MIN_SECONDS).then_some(seconds)
}

/// The cohort's share of `left` seconds, whether or not it is long enough to try.
fn cohort_share(left: f64) -> f64 {
    (left * COHORT_SHARE).min(COHORT_MAX_SECONDS)
}

/// The start timetable of the decomposition from a plan of the cohort alone, with
/// sections opened around it for everyone else; `None` (after a note saying why) when
/// there is no cohort to plan first or no plan of it was found.
pub(crate) fn cohort_start(ctx: &SolveContext<'_>, env: &Environment) -> Option<Timetable> {
    // Only runs with a time limit: with the cohort planned first, the real-Slurm test
    // found the untimed sweep's files differing between a local sweep and the same
    // sweep on Slurm (cause not found yet), and untimed runs promise the same file on
    // every run. Decided before the cohort is sought (the week-fit check of every
    // student) so that runs which will not plan it pay nothing for it.
    let Some(left) = env.stop.remaining() else {
        env.note(format_args!(
            "the double-degree students are not planned first: only runs with a time limit do that"
        ));
        return None;
    };
    let Some(seconds) = cohort_seconds(left) else {
        let seconds = cohort_share(left);
        env.note(format_args!(
            "the double-degree students are not planned first: {seconds:.0} s of the time limit for them is too short"
        ));
        return None;
    };
    let cohort = match cohort_students(ctx.instance, ctx.model) {
        Ok(cohort) => cohort,
        Err(NoCohort::NoneOrAll) => return None,
        Err(NoCohort::TooMany(n)) => {
            env.note(format_args!(
                "{}: more than {COHORT_MAX_STUDENTS} to plan first; the greedy timetable",
                count(n, "double-degree student", "double-degree students")
            ));
            return None;
        }
        Err(NoCohort::NoneFit) => {
            env.note(format_args!(
                "no double-degree student's requests fit their week; the greedy timetable"
            ));
            return None;
        }
    };
    let plan = cohort_plan(ctx.instance, &cohort, env, seconds);
    // The cohort's model and HiGHS's branch and bound, dropped: given back before the
    // whole instance's models are built on other threads.
    super::memory::return_freed();
    let plan = plan?;
    let repaired = repair::repaired_timetable(ctx, &plan);
    env.note(format_args!(
        "the double-degree students' own plan as the start: {} kept, {} opened around them",
        count(repaired.kept, "section", "sections"),
        repaired.replaced
    ));
    Some(repaired.timetable)
}

/// The instance of the `cohort` students alone (by position), every request of
/// theirs mandatory, with only their courses; solved up to its first plan, for at
/// most `seconds`.
fn cohort_plan(
    instance: &Instance,
    cohort: &[usize],
    env: &Environment,
    seconds: f64,
) -> Option<Solution> {
    let alone = cohort_instance(instance, cohort);
    let who = count(
        cohort.len(),
        "double-degree student",
        "double-degree students",
    );
    let model = match Model::new(&alone) {
        Ok(model) => model,
        Err(error) => {
            env.note(format_args!(
                "{who} planned first: not as an instance ({error})"
            ));
            return None;
        }
    };
    let ctx = SolveContext::new(&alone, &model).ok()?;
    // The cohort's run: its own clock, the run's signal, no news of its own, and no
    // place for a best plan (its plans are not plans of the whole instance).
    let mut alone_env = env.clone();
    alone_env.stop = env.stop.within(Some(Duration::from_secs_f64(seconds)));
    alone_env.progress = Progress::silent();
    alone_env.best_so_far = None;
    let limits = MipLimits {
        first_plan: true,
        ..MipLimits::default()
    };
    let built = Builder::build(&model, &ctx.placements, Scope::Free);
    let size = built.size();
    let result = match highs::solve(built, &alone_env, limits, &[]) {
        Ok(result) => result,
        Err(error) => {
            env.note(format_args!("{who} planned first: {error}"));
            return None;
        }
    };
    if result.objective.is_none() || result.status == MipStatus::Infeasible {
        env.note(format_args!(
            "{who} planned first: no plan ({:?}); the greedy timetable",
            result.status
        ));
        return None;
    }
    let status = result.status;
    match plan_outcome(
        &ctx,
        Strategy::Exact,
        &alone_env,
        &result,
        status,
        None,
        size,
    ) {
        SolveOutcome::Plan {
            solution, report, ..
        } if report.is_feasible() => {
            env.note(format_args!(
                "{who} planned first: {} in {:.1} s",
                count(solution.sections.len(), "section", "sections"),
                alone_env.stop.elapsed()
            ));
            Some(*solution)
        }
        _ => {
            env.note(format_args!(
                "{who} planned first: the checker refused the plan; the greedy timetable"
            ));
            None
        }
    }
}

/// `instance` with only the `cohort` students (by position), each of their requests
/// and one-of groups mandatory, only the courses they ask for (teachers' `canTeach`
/// cut to those), and every course allowed to open for one student.
fn cohort_instance(instance: &Instance, cohort: &[usize]) -> Instance {
    let mut alone = instance.clone();
    alone.students = cohort
        .iter()
        .map(|&s| {
            let mut student = instance.students[s].clone();
            for request in &mut student.requests {
                request.mandatory = true;
            }
            for group in &mut student.one_of {
                group.mandatory = true;
            }
            student
        })
        .collect();
    let asked: BTreeSet<String> = alone
        .students
        .iter()
        .flat_map(|s| {
            s.requests
                .iter()
                .map(|r| &r.course)
                .chain(s.one_of.iter().flat_map(|g| &g.courses))
        })
        .cloned()
        .collect();
    alone.courses.retain(|c| asked.contains(&c.id));
    for course in &mut alone.courses {
        course.min_size = 1;
    }
    for teacher in &mut alone.teachers {
        teacher.can_teach.retain(|c| asked.contains(c));
    }
    alone
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::read_instance;

    fn tornio_valley() -> Instance {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("instances/tornio-valley/tornio-valley.json");
        read_instance(&path).expect("the shipped instance reads")
    }

    #[test]
    fn the_cohort_alone_asks_for_everything_it_wants_and_only_that() {
        let instance = tornio_valley();
        let cohort: Vec<usize> = (0..instance.students.len())
            .filter(|&s| instance.students[s].programme == Programme::DoubleDegree)
            .collect();
        assert_eq!(cohort.len(), 12);
        let alone = cohort_instance(&instance, &cohort);
        let ids: Vec<&str> = alone.students.iter().map(|s| s.id.as_str()).collect();
        let expected: Vec<&str> = cohort
            .iter()
            .map(|&s| instance.students[s].id.as_str())
            .collect();
        assert_eq!(ids, expected);
        for (student, &s) in alone.students.iter().zip(&cohort) {
            assert_eq!(student.requests.len(), instance.students[s].requests.len());
            assert!(
                student.requests.iter().all(|r| r.mandatory),
                "{}",
                student.id
            );
            assert!(student.one_of.iter().all(|g| g.mandatory), "{}", student.id);
        }
        let asked: BTreeSet<&str> = alone
            .students
            .iter()
            .flat_map(|s| s.requests.iter().map(|r| r.course.as_str()))
            .chain(alone.students.iter().flat_map(|s| {
                s.one_of
                    .iter()
                    .flat_map(|g| g.courses.iter().map(String::as_str))
            }))
            .collect();
        let kept: BTreeSet<&str> = alone.courses.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(kept, asked);
        assert!(kept.len() < instance.courses.len());
        assert!(alone.courses.iter().all(|c| c.min_size == 1));
        for (teacher, original) in alone.teachers.iter().zip(&instance.teachers) {
            let expected: Vec<&String> = original
                .can_teach
                .iter()
                .filter(|c| kept.contains(c.as_str()))
                .collect();
            assert_eq!(teacher.can_teach.iter().collect::<Vec<_>>(), expected);
        }
        // The whole instance is otherwise untouched, and the result is an instance.
        assert_eq!(alone.trips, instance.trips);
        assert_eq!(alone.rooms, instance.rooms);
        Model::new(&alone).expect("the cohort's instance resolves");
    }
}
