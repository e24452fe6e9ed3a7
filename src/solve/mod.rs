//! Strategies over the model: the monolithic exact MILP, and a decomposition that
//! searches over timetables and assigns students exactly for each.
//!
//! Measured on these machines (../shared/SOLVER-NOTES.md): the monolithic model keeps a
//! weak bound, while with the timetable fixed the assignment of hundreds of students
//! solves in about a second. `decompose` therefore builds a greedy timetable, assigns
//! students exactly for it, then improves it by large-neighbourhood search: free the
//! sections of a few courses, keep the rest of the timetable fixed, solve that sub-MILP
//! exactly (students included), keep it when it is better. Its bound comes from the
//! model with the student level relaxed, which holds for the full model.

pub mod assign;
pub mod bound;
pub mod construct;
pub mod environment;
pub mod highs;
pub mod interrupt;
pub mod memory;
mod neighbourhood;
mod presence;
pub(crate) mod rng;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

pub use environment::{BestSoFar, Environment};

use crate::instance::{Instance, instance_hash};
use crate::milp::{Builder, ModelSize, PlanValues, Scope, SectionSlot, extract_plan, section_id};
use crate::model::Model;
use crate::solution::{
    InstanceRef, ObjectiveTerms, Provenance, SOLUTION_FORMAT_VERSION, Solution, SolveStatus,
};
use highs::{MipLimits, MipResult, MipStatus};
use neighbourhood::{Incumbent, KINDS, Relatedness};
use rng::SplitMix64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Strategy {
    /// `exact` for small models, `decompose` for large ones.
    Auto,
    /// The monolithic MILP of timetable and students together.
    Exact,
    /// Monolithic incumbent, then large-neighbourhood search over the timetable with
    /// exact student assignment.
    Decompose,
}

impl Strategy {
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Auto => "auto",
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
    #[error("{0}: too large for this machine; try --strategy decompose, or a smaller instance")]
    TooLarge(memory::Need),
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
    if strategy != Strategy::Exact && model.students.len() > FULL_MODEL_MAX_STUDENTS {
        env.report(format_args!(
            "{} students: the full model is not built; decompose",
            model.students.len()
        ));
        return decompose(instance, model, env, None);
    }
    let placements = (0..model.courses.len())
        .map(|c| crate::milp::configs::enumerate(model, c))
        .collect::<Result<Vec<_>, _>>()?;
    let need = memory::Need::of(crate::milp::estimate::full_model_columns(
        model,
        &placements,
    ));
    env.report(format_args!("estimate: {need}"));
    if need.too_large() {
        return Err(SolveError::TooLarge(need));
    }
    let full = Builder::build(model, Scope::Free)?;
    let size = full.size();
    env.report(format_args!(
        "model: {} variables ({} integer), {} constraints",
        size.variables, size.integer_variables, size.constraints
    ));
    let strategy = match strategy {
        Strategy::Auto if size.integer_variables <= AUTO_EXACT_MAX_INTEGERS => Strategy::Exact,
        Strategy::Auto => Strategy::Decompose,
        chosen => chosen,
    };
    match strategy {
        Strategy::Exact => {
            let limits = MipLimits {
                seconds: env.remaining(),
                relative_gap: env.relative_gap,
                ..MipLimits::default()
            };
            let result = highs::solve(full, env, limits, &[])?;
            env.report(format_args!(
                "exact model: {:?}, objective {}, bound {}",
                result.status,
                show(result.objective),
                show(result.bound)
            ));
            Ok(match result.status {
                MipStatus::Infeasible => SolveOutcome::Infeasible { size },
                MipStatus::NoSolution => SolveOutcome::NoPlan { size },
                status => {
                    plan_outcome(instance, strategy, env, &result, status, result.bound, size)
                }
            })
        }
        Strategy::Decompose | Strategy::Auto => {
            drop(full);
            decompose(instance, model, env, Some(size))
        }
    }
}

/// Below this many integer variables `auto` runs the exact model: small models are
/// proven optimal quickly. A tuning choice of this implementation, not a fact of the
/// world.
pub const AUTO_EXACT_MAX_INTEGERS: usize = 3_000;

/// Above this many students the full model is not built at all (for its size or for
/// `auto`'s choice): 515 students gave 1.7 million columns in 7 s, and it grows with
/// every student. A tuning choice of this implementation.
pub const FULL_MODEL_MAX_STUDENTS: usize = 300;

/// A greedy timetable, students assigned exactly for it, large-neighbourhood search
/// over the timetable, and finally a bound from the model with students relaxed.
fn decompose(
    instance: &Instance,
    model: &Model,
    env: &Environment,
    size: Option<ModelSize>,
) -> Result<SolveOutcome, SolveError> {
    let share = |fraction: f64| MipLimits {
        seconds: env.remaining().map(|r| r * fraction),
        ..MipLimits::default()
    };
    let placements = (0..model.courses.len())
        .map(|c| crate::milp::configs::enumerate(model, c))
        .collect::<Result<Vec<_>, _>>()?;
    let start = construct::greedy_timetable(model, &placements);
    let opened = start.sections.iter().filter(|s| s.is_some()).count();
    env.report(format_args!("greedy timetable: {opened} sections"));
    let greedy = greedy_solution(instance, model, env, &placements, &start);
    if let Some(plan) = greedy.as_deref() {
        keep_best(env, plan, None);
    }
    let (start, greedy, passes_cut) =
        with_sections_for_unmet(instance, model, env, &placements, start, greedy);
    // Counting alone bounds every plan; it takes a moment, and shows the gap as the
    // search goes.
    // Timed even without a time limit (so the bound, unlike the plan, may differ
    // between runs): HiGHS can spend minutes in the count's root node, which no limit
    // of work stops (docs/solver.md, "determinism").
    let bound_seconds = env.remaining().map_or(DEMAND_BOUND_SECONDS, |r| {
        (r * DEMAND_BOUND_SHARE).min(DEMAND_BOUND_SECONDS)
    });
    let counted = bound::demand_bound(model, env, bound_seconds);
    env.report(format_args!("bound by counting: {}", show(counted)));
    if let Some(plan) = greedy.as_deref() {
        keep_best(env, plan, counted);
    }
    let numbering: Vec<SectionSlot> = crate::milp::section_slots(model);
    let need = memory::Need::of(crate::milp::estimate::fixed_model_columns(
        model,
        &placements,
        &numbering,
        &start,
    ));
    // Large regions: the exact assignment of every student at once does not finish
    // (measured: no optimum in 40 s for 515 students, nothing in 30 s for 2,060), so
    // the search starts from the greedy plan and re-plans a few students at a time.
    if model.students.len() > FULL_MODEL_MAX_STUDENTS
        && let Some(plan) = greedy.as_deref()
    {
        env.report(format_args!(
            "{} students: the search starts from the greedy plan",
            model.students.len()
        ));
        let mut incumbent =
            Current::from_plan(model, env, &placements, &numbering, &start, plan.clone())?;
        incumbent.history.clock_decided |= passes_cut;
        let size = size.unwrap_or(ModelSize::estimated(need.estimated_columns));
        return search(
            instance,
            model,
            env,
            &placements,
            incumbent,
            greedy,
            counted,
            size,
            false,
        );
    }
    if need.too_large() {
        env.report(format_args!(
            "exact assignment skipped: {need}; the greedy plan is kept"
        ));
        return match greedy {
            Some(mut solution) => {
                set_bound(&mut solution, stopped_status(env), counted);
                let mip_objective = solution.objective.total;
                Ok(SolveOutcome::Plan {
                    solution,
                    mip_objective,
                    size: size.unwrap_or(ModelSize::estimated(need.estimated_columns)),
                })
            }
            None => Err(SolveError::TooLarge(need)),
        };
    }
    let fixed = Builder::build(model, Scope::Fixed(start))?;
    let size = size.unwrap_or_else(|| fixed.size());
    let mut best = highs::solve(fixed, env, share(0.5), &[])?;
    env.report(format_args!(
        "students assigned exactly: {:?}, objective {}",
        best.status,
        show(best.objective)
    ));
    if best.objective.is_none()
        && let Some(mut solution) = greedy.clone()
    {
        // The greedy plan is all there is (the exact assignment ran out of time).
        set_bound(&mut solution, stopped_status(env), counted);
        let mip_objective = solution.objective.total;
        return Ok(SolveOutcome::Plan {
            solution,
            mip_objective,
            size,
        });
    }
    if best.objective.is_none() && model.students.len() > FULL_MODEL_MAX_STUDENTS {
        return Ok(SolveOutcome::NoPlan { size });
    }
    if best.objective.is_none() {
        // The greedy timetable admits no plan (say, a mandatory request it could not
        // place): search the full model instead.
        best = highs::solve(Builder::build(model, Scope::Free)?, env, share(0.7), &[])?;
        env.report(format_args!(
            "full model: {:?}, objective {}",
            best.status,
            show(best.objective)
        ));
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
    let Some(mut incumbent) = Current::from_result(instance, model, env, &best) else {
        return Ok(finish(instance, env, &best, greedy, counted, size));
    };
    incumbent.history.clock_decided |= passes_cut;
    let relaxed_model_bound = size.integer_variables <= RELAXED_BOUND_MAX_INTEGERS;
    search(
        instance,
        model,
        env,
        &placements,
        incumbent,
        greedy,
        counted,
        size,
        relaxed_model_bound,
    )
}

/// Large-neighbourhood search from `incumbent`: rounds of neighbourhoods solved side
/// by side, each re-planning a few courses and the students who ask for them; then,
/// when `relaxed_model_bound`, a bound from the relaxed full model.
#[allow(clippy::too_many_arguments)]
fn search(
    instance: &Instance,
    model: &Model,
    env: &Environment,
    placements: &[crate::milp::configs::CoursePlacements],
    mut incumbent: Current,
    greedy: Option<Box<Solution>>,
    counted: Option<f64>,
    size: ModelSize,
    relaxed_model_bound: bool,
) -> Result<SolveOutcome, SolveError> {
    let gap_to = |objective: f64| match counted {
        Some(b) if objective > 1e-9 => {
            format!("{:.2}%", 100.0 * (objective - b).max(0.0) / objective)
        }
        _ => "-".to_owned(),
    };
    let sections = SectionIndex::new(model);
    // (`decompose` kept the greedy plan already.)
    keep_best(env, &incumbent.plan, counted);
    // The count's root LP may not finish in its first, short try (gen-5000: a bound
    // in 1 run of 3; HiGHS then reports no bound, or one of 0); it then gets the end
    // of the run, as the relaxed model does.
    let recount = counted.is_none_or(|b| b <= 0.0) && env.time_limit.is_some();
    let search_share = if relaxed_model_bound || recount {
        SEARCH_SHARE
    } else {
        1.0
    };
    let search_until = env.remaining().map(|r| env.elapsed() + r * search_share);
    let mut rng = SplitMix64::new(env.seed);
    let courses: Vec<usize> = (0..model.courses.len()).collect();
    let mut free_count = courses.len().min(LNS_FIRST_FREE_COURSES);
    let mut rounds_without_gain = 0;
    let mut round = 0;
    // Several neighbourhoods per round (`env.neighbourhoods`), each HiGHS on one thread;
    // drawn in a fixed order from the seed; the best is taken (ties: the first drawn)
    // and the others added to it where they fit (`Current::merge`).
    let width = env.neighbourhoods.max(1);
    let related = Relatedness::new(model);
    let mut round_env = env.clone();
    round_env.threads = 1;
    round_env.bar = None;
    let mut proven_in_search = false;
    // Whether a clock stopped a neighbourhood so far: from then on, what the search
    // finds depends on the machine (see `History::clock_decided`).
    let mut clock_stopped = false;
    while search_until.is_none_or(|t| t - env.elapsed() > 1.0)
        && env.rounds.is_none_or(|n| round < n)
        && !courses.is_empty()
        && !interrupt::requested()
    {
        round += 1;
        let plan = &incumbent.plan;
        let section_course: HashMap<String, String> = plan
            .sections
            .iter()
            .map(|s| (s.id.clone(), s.course.clone()))
            .collect();
        let incumbent_plan = Incumbent::new(model, &related, &plan.students, &section_course);
        let mut region_moves = RegionMoves::default();
        type Drawn = (
            neighbourhood::Kind,
            BTreeSet<usize>,
            Option<Vec<bool>>,
            Option<crate::milp::Timetable>,
        );
        let neighbourhoods: Vec<Drawn> = (0..width)
            .map(|i| {
                let kind = KINDS[(round + i) % KINDS.len()];
                if kind == neighbourhood::Kind::Students {
                    let group = neighbourhood::draw_students(
                        model,
                        &incumbent_plan,
                        &mut rng,
                        LNS_STUDENT_GROUP,
                    );
                    return (kind, BTreeSet::new(), Some(group), None);
                }
                let free = neighbourhood::draw(
                    kind,
                    model,
                    &related,
                    &incumbent_plan,
                    &mut rng,
                    free_count,
                );
                // In a region, freeing a course re-plans hundreds of students: a
                // group of students is the neighbourhood that still solves quickly.
                let concerned = model
                    .students
                    .iter()
                    .filter(|s| {
                        s.requests
                            .iter()
                            .any(|r| r.courses.iter().any(|c| free.contains(c)))
                    })
                    .count();
                if concerned > LNS_MAX_DECIDED {
                    if let Some((kind, group, timetable)) = timetable_move(
                        kind,
                        placements,
                        &sections,
                        &incumbent,
                        &mut region_moves,
                        &mut rng,
                    ) {
                        return (kind, BTreeSet::new(), Some(group), Some(timetable));
                    }
                    let group = neighbourhood::draw_students(
                        model,
                        &incumbent_plan,
                        &mut rng,
                        LNS_STUDENT_GROUP,
                    );
                    return (
                        neighbourhood::Kind::Students,
                        BTreeSet::new(),
                        Some(group),
                        None,
                    );
                }
                (kind, free, None, None)
            })
            .collect();
        // A neighbourhood stops at a number of nodes, the same on any machine; with a
        // time limit, also at a clock.
        let round_limit = MipLimits {
            seconds: search_until.map(|t| (t - env.elapsed()).min(LNS_ROUND_SECONDS)),
            nodes: Some(LNS_ROUND_NODES),
            ..MipLimits::default()
        };
        let current = &incumbent;
        let candidates: Vec<(neighbourhood::Kind, Result<Solved<'_>, SolveError>)> = neighbourhoods
            .into_par_iter()
            .map(|(kind, free_courses, group, timetable)| {
                let outcome = solve_neighbourhood(
                    instance,
                    model,
                    &round_env,
                    round_limit,
                    current,
                    &sections.students,
                    free_courses,
                    group,
                    timetable,
                );
                (kind, outcome)
            })
            .collect();
        let old = incumbent.plan.objective.total;
        let mut improving: Vec<(neighbourhood::Kind, Candidate)> = Vec::new();
        let mut whole_model_proven = false;
        for (kind, solved) in candidates {
            let solved = solved?;
            clock_stopped |= solved.stopped_by_clock;
            let Some(candidate) = solved.candidate else {
                continue;
            };
            if std::env::var_os("KOPA_DEBUG_LNS").is_some() {
                eprintln!(
                    "  {kind:?}: {:?} {:.2} checked, {} students decided, {} nodes{}, in {:.1}s",
                    candidate.status,
                    candidate.plan.objective.total,
                    candidate.active.iter().filter(|a| **a).count(),
                    candidate.result.nodes,
                    if candidate.result.stopped_by_clock {
                        " (clock)"
                    } else {
                        ""
                    },
                    candidate.seconds
                );
            }
            // A neighbourhood that freed every course and decided everyone who asks
            // for one is the whole model: an optimum there is an optimum of the
            // problem. (A group of students with the timetable fixed is not, whatever
            // the number of courses the round meant to free.)
            whole_model_proven |= candidate.whole_model && candidate.status == MipStatus::Optimal;
            if candidate.plan.objective.total < old - 1e-6 {
                improving.push((kind, candidate));
            }
        }
        // The best first (ties: the first drawn); the others are added to it where they
        // changed other students (`Current::merge`).
        improving.sort_by(|a, b| {
            a.1.plan
                .objective
                .total
                .total_cmp(&b.1.plan.objective.total)
        });
        let mut improving = improving.into_iter();
        match improving.next() {
            Some((winner_kind, candidate)) => {
                let mut taken = Taken::first(incumbent.timetable.clone(), &candidate);
                incumbent.take(candidate, round, clock_stopped);
                let mut kinds = format!("{winner_kind:?}");
                if !whole_model_proven {
                    for (kind, candidate) in improving {
                        if incumbent.merge(instance, env, candidate, &mut taken, &sections) {
                            kinds.push_str(&format!(" + {kind:?}"));
                        }
                    }
                }
                let new = incumbent.plan.objective.total;
                env.report(format_args!(
                    "round {round}: {old:.2} -> {new:.2}, gap {} ({free_count} courses free, {kinds})",
                    gap_to(new)
                ));
                keep_best(env, &incumbent.plan, counted);
                rounds_without_gain = 0;
                if whole_model_proven {
                    proven_in_search = true;
                    break;
                }
            }
            None if whole_model_proven => {
                proven_in_search = true;
                break;
            }
            None => {
                rounds_without_gain += 1;
                if rounds_without_gain >= LNS_PATIENCE {
                    // (With a number of rounds asked for, those rounds run.)
                    if free_count == courses.len()
                        && env.time_limit.is_none()
                        && env.rounds.is_none()
                    {
                        break;
                    }
                    free_count = (free_count * 3 / 2).max(free_count + 1).min(courses.len());
                    rounds_without_gain = 0;
                }
            }
        }
    }
    if proven_in_search {
        env.report(format_args!(
            "the whole timetable was free in the last round: optimal"
        ));
        let total = incumbent.plan.objective.total;
        return Ok(searched_outcome(
            env,
            incumbent,
            None,
            Some(total),
            true,
            size,
        ));
    }
    let counted = if recount && !interrupt::requested() {
        // Half of it when the relaxed model is still to come.
        let share = if relaxed_model_bound { 0.5 } else { 1.0 };
        let seconds = env.remaining().unwrap_or(0.0) * share;
        let again = bound::demand_bound(model, env, seconds)
            .into_iter()
            .chain(counted)
            .reduce(f64::max);
        env.report(format_args!(
            "bound by counting, again with the {seconds:.0} s left: {}",
            show(again)
        ));
        again
    } else {
        counted
    };
    if !relaxed_model_bound || interrupt::requested() {
        return Ok(searched_outcome(
            env, incumbent, greedy, counted, false, size,
        ));
    }
    // A bound: the model with the student level continuous is a relaxation of the
    // whole problem, so whatever bound HiGHS proves for it holds for every plan.
    let bound_limits = MipLimits {
        seconds: Some(env.remaining().unwrap_or(BOUND_SECONDS_WITHOUT_LIMIT)),
        interior_point: true,
        ..MipLimits::default()
    };
    let relaxed = highs::solve(
        Builder::build_with(model, Scope::Free, true)?,
        env,
        bound_limits,
        &[],
    )?;
    // Every objective term is non-negative (validation rejects negative weights and
    // costs), so 0 is a bound too; HiGHS reports far below it when its root LP ran out
    // of time.
    let relaxed_bound = relaxed.bound.unwrap_or(0.0).max(0.0);
    env.report(format_args!(
        "bound from the relaxed model: {relaxed_bound:.2} ({:?})",
        relaxed.status
    ));
    let bound = Some(counted.unwrap_or(0.0).max(relaxed_bound));
    Ok(searched_outcome(env, incumbent, greedy, bound, false, size))
}

/// The search's incumbent, whole: what every model of the search starts from.
struct Current {
    values: PlanValues,
    timetable: crate::milp::Timetable,
    /// Valued by the checker (`objective` is its recomputation).
    plan: Solution,
    history: History,
}

/// How the search came to its incumbent: what it takes to find it again.
#[derive(Debug, Clone, Copy, Default)]
struct History {
    /// The round of the search that found it (0: before the search).
    round: usize,
    /// A clock stopped a step that shaped it (a HiGHS call of the search or before
    /// it, or the passes of added sections): on another machine, or another run, the
    /// search may have gone elsewhere. Without, the same seed and neighbourhoods per
    /// round and `round` rounds find it again.
    clock_decided: bool,
}

/// What one neighbourhood gave.
struct Solved<'m> {
    /// HiGHS stopped on its clock: on another machine it may have found more.
    stopped_by_clock: bool,
    /// `None`: nothing found, or a merged plan the checker rejects.
    candidate: Option<Candidate<'m>>,
}

/// One neighbourhood's plan, merged with everyone it left alone, and checked.
struct Candidate<'m> {
    status: MipStatus,
    /// Every course was free and every student decided: the neighbourhood's model is
    /// the whole problem.
    whole_model: bool,
    seconds: f64,
    active: Vec<bool>,
    result: MipResult<'m>,
    timetable: crate::milp::Timetable,
    plan: Solution,
}

impl Current {
    /// The incumbent of a model that decided every student; `None` (with a progress
    /// line) if the checker rejects its plan, which would be a bug in the model.
    fn from_result(
        instance: &Instance,
        model: &Model,
        env: &Environment,
        result: &MipResult,
    ) -> Option<Current> {
        let extracted = extract_plan(&result.builder, |v| result.value(v));
        let plan = checked(
            instance,
            env,
            PlanParts {
                sections: extracted.sections,
                students: extracted.students,
                trip_runs: extracted.trip_runs,
                teacher_drives: extracted.teacher_drives,
            },
            &student_positions(model),
        )?;
        Some(Current {
            values: PlanValues::of(&result.builder, |v| result.value(v)),
            timetable: extracted.timetable,
            plan,
            history: History {
                round: 0,
                clock_decided: result.stopped_by_clock,
            },
        })
    }

    /// The incumbent of a plan in solution form (already checked), for `timetable`.
    /// A solution file does not say which arcs of the model's day flows a teacher
    /// takes, so those come from the model for this timetable with every student's
    /// week held as constants: only the timetable level is left, and it is fixed.
    fn from_plan(
        model: &Model,
        env: &Environment,
        courses: &[crate::milp::configs::CoursePlacements],
        numbering: &[SectionSlot],
        timetable: &crate::milp::Timetable,
        plan: Solution,
    ) -> Result<Current, SolveError> {
        let mut values = PlanValues::from_plan(model, courses, numbering, timetable, &plan);
        let nobody = vec![false; model.students.len()];
        let built = Builder::build_for_students(
            model,
            Scope::Fixed(timetable.clone()),
            values.subset(nobody.clone()),
        )?;
        let start = values.start_for(&built.builder);
        let limits = MipLimits {
            seconds: env.remaining().map(|r| r * COMPLETION_SHARE),
            ..MipLimits::default()
        };
        let completed = highs::solve(built, env, limits, &start)?;
        if completed.objective.is_some() {
            values.update(&completed.builder, |v| completed.value(v), &nobody);
        } else {
            env.report(format_args!(
                "the teachers' drives of the greedy plan were not found ({:?}); rounds start without them",
                completed.status
            ));
        }
        Ok(Current {
            values,
            timetable: timetable.clone(),
            plan,
            history: History {
                round: 0,
                clock_decided: completed.stopped_by_clock,
            },
        })
    }

    /// Takes `candidate`, found in `round`; `clock_stopped`: a clock stopped a
    /// neighbourhood in this round or before.
    fn take(&mut self, candidate: Candidate<'_>, round: usize, clock_stopped: bool) {
        self.history = History {
            round,
            clock_decided: self.history.clock_decided || clock_stopped,
        };
        let result = &candidate.result;
        self.values
            .update(&result.builder, |v| result.value(v), &candidate.active);
        self.timetable = candidate.timetable;
        self.plan = candidate.plan;
    }
}

/// What the neighbourhoods taken in one round have changed, so that another one found
/// from the same incumbent is added only where it does not overlap them.
struct Taken {
    /// The timetable the round started from.
    base: crate::milp::Timetable,
    /// Sections (timetable indices) some taken neighbourhood opened, closed or moved.
    sections: Vec<bool>,
    /// Students some taken neighbourhood re-planned.
    students: Vec<bool>,
}

impl Taken {
    fn first(base: crate::milp::Timetable, candidate: &Candidate<'_>) -> Taken {
        Taken {
            sections: changed_sections(&base, &candidate.timetable),
            students: candidate.active.clone(),
            base,
        }
    }
}

/// `mine`, then what `theirs` has that `mine` has not.
fn union<T: Clone + PartialEq>(mine: &[T], theirs: &[T]) -> Vec<T> {
    let mut all = mine.to_vec();
    for item in theirs {
        if !all.contains(item) {
            all.push(item.clone());
        }
    }
    all
}

/// Per timetable index, whether `timetable` differs from `base` there.
fn changed_sections(
    base: &crate::milp::Timetable,
    timetable: &crate::milp::Timetable,
) -> Vec<bool> {
    base.sections
        .iter()
        .zip(&timetable.sections)
        .map(|(a, b)| a != b)
        .collect()
}

impl Current {
    /// Adds `candidate`, found from the incumbent the round started from, to what the
    /// round has taken (`taken`), if it re-planned none of the same students and
    /// changed none of the same sections, and the checker accepts the two together at a
    /// lower total (seats, buses and teachers are shared, so two improvements need not
    /// add up).
    fn merge(
        &mut self,
        instance: &Instance,
        env: &Environment,
        candidate: Candidate<'_>,
        taken: &mut Taken,
        index: &SectionIndex<'_>,
    ) -> bool {
        // Sections it changed; a section both changed the same way (closed, say) is no
        // conflict.
        let changed = changed_sections(&taken.base, &candidate.timetable);
        let clashing_section = (0..changed.len()).any(|i| {
            changed[i]
                && taken.sections[i]
                && candidate.timetable.sections[i] != self.timetable.sections[i]
        });
        let shared_student = candidate
            .active
            .iter()
            .zip(&taken.students)
            .any(|(a, b)| *a && *b);
        if shared_student || clashing_section {
            return false;
        }
        let decided = |student: &str| decides(&candidate.active, &index.students, student);
        let students = self
            .plan
            .students
            .iter()
            .filter(|p| !decided(&p.student))
            .chain(
                candidate
                    .plan
                    .students
                    .iter()
                    .filter(|p| decided(&p.student)),
            )
            .cloned()
            .collect();
        // Sections: the candidate's where it changed them, the plan's elsewhere.
        let moved = |id: &str| index.by_id.get(id).is_some_and(|&i| changed[i]);
        let mut sections: Vec<_> = self
            .plan
            .sections
            .iter()
            .filter(|s| !moved(&s.id))
            .chain(candidate.plan.sections.iter().filter(|s| moved(&s.id)))
            .cloned()
            .collect();
        sections.sort_by_key(|s| index.by_id.get(&s.id).copied());
        let parts = PlanParts {
            sections,
            students,
            trip_runs: union(&self.plan.trip_runs, &candidate.plan.trip_runs),
            teacher_drives: union(&self.plan.teacher_drives, &candidate.plan.teacher_drives),
        };
        let Ok(plan) = valued(instance, env, parts, &index.students) else {
            return false;
        };
        if plan.objective.total >= self.plan.objective.total - 1e-6 {
            return false;
        }
        let result = &candidate.result;
        self.values.merge(
            &result.builder,
            |v| result.value(v),
            &candidate.active,
            &changed,
        );
        for (i, choice) in candidate.timetable.sections.into_iter().enumerate() {
            if changed[i] {
                self.timetable.sections[i] = choice;
            }
        }
        for (mine, theirs) in [
            (&mut taken.students, &candidate.active),
            (&mut taken.sections, &changed),
        ] {
            for (t, &c) in mine.iter_mut().zip(theirs) {
                *t |= c;
            }
        }
        self.plan = plan;
        true
    }
}

/// Frees `free_courses` and re-plans the students who asked for one of them (or, given
/// a `group`, those students), everyone else's week fixed, in the incumbent's
/// timetable or the `timetable` given; the plan merged and
/// checked, or `None` when HiGHS found nothing or the checker rejects the merge
/// (reported: a bug in the model).
#[allow(clippy::too_many_arguments)]
fn solve_neighbourhood<'m>(
    instance: &Instance,
    model: &'m Model,
    env: &Environment,
    limits: MipLimits,
    current: &Current,
    student_index: &HashMap<&str, usize>,
    free_courses: BTreeSet<usize>,
    group: Option<Vec<bool>>,
    timetable: Option<crate::milp::Timetable>,
) -> Result<Solved<'m>, SolveError> {
    let whole_model = group.is_none() && free_courses.len() == model.courses.len();
    let active: Vec<bool> = group.unwrap_or_else(|| {
        model
            .students
            .iter()
            .map(|s| {
                s.requests
                    .iter()
                    .any(|r| r.courses.iter().any(|c| free_courses.contains(c)))
            })
            .collect()
    });
    let scope = Scope::Neighbourhood {
        timetable: timetable.unwrap_or_else(|| current.timetable.clone()),
        free_courses,
    };
    let building = std::time::Instant::now();
    let built = Builder::build_for_students(model, scope, current.values.subset(active.clone()))?;
    let start = current.values.start_for(&built.builder);
    if std::env::var_os("KOPA_DEBUG_LNS").is_some() {
        let size = built.size();
        eprintln!(
            "  built in {:.1}s: {} columns ({} integer), {} rows",
            building.elapsed().as_secs_f64(),
            size.variables,
            size.integer_variables,
            size.constraints
        );
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
    let Some(plan) = merged(instance, env, current, extracted, &active, student_index) else {
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

/// A neighbourhood's plan (`extracted`, deciding the `active` students) with every
/// other student's week from `current`, valued by the checker; `None` if it rejects it.
fn merged(
    instance: &Instance,
    env: &Environment,
    current: &Current,
    extracted: crate::milp::ExtractedPlan,
    active: &[bool],
    student_index: &HashMap<&str, usize>,
) -> Option<Solution> {
    let mut students = extracted.students;
    students.extend(
        current
            .plan
            .students
            .iter()
            .filter(|p| !decides(active, student_index, &p.student))
            .cloned(),
    );
    checked(
        instance,
        env,
        PlanParts {
            sections: extracted.sections,
            students,
            trip_runs: extracted.trip_runs,
            teacher_drives: extracted.teacher_drives,
        },
        student_index,
    )
}

/// Whether the student `id` is one of the `active` ones (by position, from `index`).
fn decides(active: &[bool], index: &HashMap<&str, usize>, id: &str) -> bool {
    index
        .get(id)
        .is_some_and(|&i| active.get(i).copied().unwrap_or(false))
}

/// Each student's position in the instance, by id.
fn student_positions(model: &Model) -> HashMap<&str, usize> {
    model
        .students
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect()
}

/// The plan of `parts`, students in `order` (instance order), valued by the checker; `None`
/// (reported) when the checker rejects it.
fn checked(
    instance: &Instance,
    env: &Environment,
    parts: PlanParts,
    order: &HashMap<&str, usize>,
) -> Option<Solution> {
    match valued(instance, env, parts, order) {
        Ok(solution) => Some(solution),
        Err(violation) => {
            env.report(format_args!(
                "a neighbourhood's plan fails the checker ({violation}; a bug in kopa's model), not used"
            ));
            None
        }
    }
}

/// The plan of `parts`, students in `order` (instance order), valued by the checker, or
/// the first rule it breaks.
fn valued(
    instance: &Instance,
    env: &Environment,
    mut parts: PlanParts,
    order: &HashMap<&str, usize>,
) -> Result<Solution, String> {
    parts
        .students
        .sort_by_key(|p| order.get(p.student.as_str()).copied().unwrap_or(usize::MAX));
    let mut solution = new_solution(
        instance,
        Strategy::Decompose,
        env,
        SolveStatus::Feasible,
        None,
        None,
        parts,
    );
    let report = crate::solution::check::check(instance, &solution);
    if !report.is_feasible() {
        return Err(report
            .violations
            .first()
            .map_or_else(String::new, |v| v.to_string()));
    }
    solution.objective = report.recomputed;
    Ok(solution)
}

/// The search's plan (or the greedy one, if better) with the best bound known, and
/// the rounds that find it again when no clock decided it.
fn searched_outcome(
    env: &Environment,
    incumbent: Current,
    greedy: Option<Box<Solution>>,
    bound: Option<f64>,
    proven: bool,
    size: ModelSize,
) -> SolveOutcome {
    let Current { plan, history, .. } = incumbent;
    // (The greedy plan wins the same way in a run that repeats the search's rounds.)
    let mut solution = match greedy {
        Some(greedy) if greedy.objective.total < plan.objective.total - 1e-6 => {
            env.report(format_args!(
                "the greedy assignment's plan is the best found"
            ));
            *greedy
        }
        _ => plan,
    };
    let total = solution.objective.total;
    let proven = proven
        || bound
            .map(|b| b.min(total))
            .is_some_and(|b| total - b <= 1e-6 * total.abs().max(1.0));
    let status = if proven {
        SolveStatus::Optimal
    } else {
        stopped_status(env)
    };
    set_bound(&mut solution, status, bound);
    solution.provenance.neighbourhoods = Some(env.neighbourhoods);
    solution.provenance.rounds = (!history.clock_decided).then_some(history.round);
    SolveOutcome::Plan {
        solution: Box::new(solution),
        mip_objective: total,
        size,
    }
}

/// Writes `status`, the bound (at most the plan's total) and the gap into the plan.
fn set_bound(solution: &mut Solution, status: SolveStatus, bound: Option<f64>) {
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
fn keep_best(env: &Environment, plan: &Solution, bound: Option<f64>) {
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
fn finish(
    instance: &Instance,
    env: &Environment,
    best: &MipResult,
    greedy: Option<Box<Solution>>,
    bound: Option<f64>,
    size: ModelSize,
) -> SolveOutcome {
    if let Some(mut solution) = greedy
        && best
            .objective
            .is_none_or(|o| solution.objective.total < o - 1e-6)
    {
        env.report(format_args!(
            "the greedy assignment's plan is the best found"
        ));
        let total = solution.objective.total;
        set_bound(&mut solution, stopped_status(env), bound);
        return SolveOutcome::Plan {
            solution,
            mip_objective: total,
            size,
        };
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
    plan_outcome(
        instance,
        Strategy::Decompose,
        env,
        best,
        status,
        bound,
        size,
    )
}

/// Longest time for the bound by counting, seconds, and its share of a time limit
/// (tuning choices: on the Tornio valley it reached 16,992 in 7 s and 17,173 in 60 s).
const DEMAND_BOUND_SECONDS: f64 = 30.0;
const DEMAND_BOUND_SHARE: f64 = 0.1;
/// Above this many integer variables the relaxed full model is not tried for a bound:
/// on the Tornio valley (63,838) its root LP had not finished after 9 minutes, so the
/// time goes to the search instead (a tuning choice).
const RELAXED_BOUND_MAX_INTEGERS: usize = 20_000;
/// Share of the time limit given to the search when a bound is tried at the end (the
/// relaxed model, or the count again); the rest goes to that bound.
const SEARCH_SHARE: f64 = 0.8;
/// Time for the bound when the run has no time limit, seconds (a tuning choice).
const BOUND_SECONDS_WITHOUT_LIMIT: f64 = 60.0;
/// Share of the time left for completing the greedy plan's teacher drives (a tuning
/// choice: the model has only the fixed timetable's columns).
const COMPLETION_SHARE: f64 = 0.05;
/// Longest single neighbourhood solve, seconds, when the run has a time limit (a
/// tuning choice).
const LNS_ROUND_SECONDS: f64 = 10.0;
/// Most branch-and-bound nodes of a neighbourhood: its limit of work, the same on any
/// machine (a tuning choice; measured on the Tornio valley and gen-2000, neighbourhoods
/// that finish in 10 s end at the first node).
const LNS_ROUND_NODES: u64 = 1_000;
/// Courses freed per neighbourhood at first; neighbourhoods grow when rounds stop
/// improving (a tuning choice: measured on a synthetic 110-student instance, rounds
/// with 7 of 60 courses free did not finish in 20 s).
const LNS_FIRST_FREE_COURSES: usize = 2;
/// Students re-planned together by a `Students` neighbourhood (a tuning choice).
const LNS_STUDENT_GROUP: usize = 30;
/// A course neighbourhood that would re-plan more students than this becomes a group
/// of students instead (a tuning choice: on gen-500, freeing 2 courses re-plans 40-140
/// students and HiGHS found nothing better in 10 s; groups of 30 solve in 1-2 s;
/// Tornio's course neighbourhoods re-plan 4-31).
const LNS_MAX_DECIDED: usize = 60;
/// Rounds without improvement before neighbourhoods grow (a tuning choice).
const LNS_PATIENCE: usize = 4;

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
        _ => stopped_status(env),
    };
    let bound = bound.map(|b| b.min(objective));
    let solution = new_solution(
        instance,
        strategy,
        env,
        status,
        bound,
        bound.map(|b| gap(objective, b)),
        PlanParts {
            sections: plan.sections,
            students: plan.students,
            trip_runs: plan.trip_runs,
            teacher_drives: plan.teacher_drives,
        },
    );
    SolveOutcome::Plan {
        solution: Box::new(solution),
        mip_objective: objective,
        size,
    }
}

/// Relative gap between a plan's objective and a bound.
fn gap(objective: f64, bound: f64) -> f64 {
    if objective.abs() < 1e-9 {
        0.0
    } else {
        ((objective - bound) / objective.abs()).max(0.0)
    }
}

/// A plan's decisions, as in a solution file.
struct PlanParts {
    sections: Vec<crate::solution::SectionPlan>,
    students: Vec<crate::solution::StudentPlan>,
    trip_runs: Vec<crate::solution::TripRun>,
    teacher_drives: Vec<crate::solution::TeacherDrive>,
}

fn new_solution(
    instance: &Instance,
    strategy: Strategy,
    env: &Environment,
    status: SolveStatus,
    best_bound: Option<f64>,
    gap: Option<f64>,
    parts: PlanParts,
) -> Solution {
    Solution {
        format_version: SOLUTION_FORMAT_VERSION,
        instance: InstanceRef {
            name: instance.name.clone(),
            hash: instance_hash(instance),
        },
        provenance: Provenance {
            status,
            producer: format!("kopa {}", env!("CARGO_PKG_VERSION")),
            strategy: strategy.name().to_owned(),
            best_bound,
            gap,
            seconds: None,
            seed: Some(env.seed),
            threads: Some(env.threads),
            neighbourhoods: None,
            rounds: None,
        },
        objective: ObjectiveTerms::default(),
        sections: parts.sections,
        students: parts.students,
        trip_runs: parts.trip_runs,
        teacher_drives: parts.teacher_drives,
    }
}

/// The greedy assignment's plan for `timetable`, valued by the checker; `None` (with a
/// progress line saying why) when it leaves a mandatory request unmet or, which would
/// be a bug, the checker rejects it.
fn greedy_solution(
    instance: &Instance,
    model: &Model,
    env: &Environment,
    placements: &[crate::milp::configs::CoursePlacements],
    timetable: &crate::milp::Timetable,
) -> Option<Box<Solution>> {
    match checked_greedy_plan(instance, model, env, placements, timetable) {
        Ok(solution) => {
            env.report(format_args!(
                "greedy assignment: {:.2} (checked)",
                solution.objective.total
            ));
            Some(solution)
        }
        Err(GreedyFailure::Unmet(unmet)) => {
            env.report(format_args!(
                "greedy assignment: mandatory request of {} for {} not met",
                unmet.student,
                unmet.courses.join(" or ")
            ));
            None
        }
        Err(GreedyFailure::Rejected(violations)) => {
            env.report(format_args!(
                "greedy assignment: the checker rejects its plan ({violations} violations; a bug in kopa), not used"
            ));
            None
        }
    }
}

/// Why the greedy assignment gave no plan for a timetable.
enum GreedyFailure {
    Unmet(assign::UnmetMandatory),
    /// The checker rejected its plan (this many violations): a bug in kopa.
    Rejected(usize),
}

/// The greedy assignment's plan for `timetable`, valued by the checker.
fn checked_greedy_plan(
    instance: &Instance,
    model: &Model,
    env: &Environment,
    placements: &[crate::milp::configs::CoursePlacements],
    timetable: &crate::milp::Timetable,
) -> Result<Box<Solution>, GreedyFailure> {
    let mut solution = greedy_plan_for(instance, model, env, placements, timetable)
        .map_err(GreedyFailure::Unmet)?;
    let report = crate::solution::check::check(instance, &solution);
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
fn with_sections_for_unmet(
    instance: &Instance,
    model: &Model,
    env: &Environment,
    placements: &[crate::milp::configs::CoursePlacements],
    mut timetable: crate::milp::Timetable,
    mut plan: Option<Box<Solution>>,
) -> (crate::milp::Timetable, Option<Box<Solution>>, bool) {
    let sections = SectionIndex::new(model);
    // Each pass costs a greedy assignment and a check (1.3 s at 2,000 students): none
    // starts that the time limit would cut.
    let mut pass_seconds: f64 = 0.5;
    let mut cut_by_clock = false;
    while let Some(current) = plan.as_deref() {
        if interrupt::requested() || env.remaining().is_some_and(|r| r < 2.0 * pass_seconds) {
            cut_by_clock = true;
            break;
        }
        let pass = std::time::Instant::now();
        let attended = sections.attended(current);
        let mut more = crate::milp::Timetable {
            sections: vec![None; timetable.sections.len()],
        };
        for &index in attended.iter().flatten() {
            more.sections[index] = timetable.sections[index].clone();
        }
        let added = construct::add_sections_for_unmet(
            model,
            placements,
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
        let checked = checked_greedy_plan(instance, model, env, placements, &more);
        pass_seconds = pass.elapsed().as_secs_f64();
        let Ok(better) = checked else {
            break;
        };
        if better.objective.total >= current.objective.total - 1e-6 {
            break;
        }
        env.report(format_args!(
            "sections for unmet requests: {} sections, {:.2} (checked)",
            more.sections.iter().flatten().count(),
            better.objective.total
        ));
        keep_best(env, &better, None);
        timetable = more;
        plan = Some(better);
    }
    (timetable, plan, cut_by_clock)
}

/// What the timetable moves of one round need of the incumbent, found when first
/// needed: each student's sections, and the sections its unmet requests are worth.
#[derive(Default)]
struct RegionMoves {
    attended: Option<Vec<Vec<usize>>>,
    additions: Option<Vec<construct::AddedSection>>,
}

/// In a region, a neighbourhood that changes the timetable, in place of a course
/// neighbourhood of `kind` too large to solve: for an unmet request, a section added
/// (the only way a region's timetable grows) with the students it is for, when one is
/// worth it; for related courses, one of the smallest sections closed, its students
/// re-planned without it. Returns the kind drawn, the students to re-plan and the
/// timetable, or `None` for a plain group of students.
fn timetable_move(
    kind: neighbourhood::Kind,
    placements: &[crate::milp::configs::CoursePlacements],
    sections: &SectionIndex<'_>,
    incumbent: &Current,
    moves: &mut RegionMoves,
    rng: &mut SplitMix64,
) -> Option<(neighbourhood::Kind, Vec<bool>, crate::milp::Timetable)> {
    let model = sections.model;
    let attended = || sections.attended(&incumbent.plan);
    match kind {
        neighbourhood::Kind::UnmetRequest => {
            let attended = moves.attended.get_or_insert_with(attended);
            let added = moves.additions.get_or_insert_with(|| {
                construct::add_sections_for_unmet(
                    model,
                    placements,
                    &sections.numbering,
                    &incumbent.timetable,
                    attended,
                )
            });
            if added.is_empty() {
                return None;
            }
            let section = &added[rng.below(added.len())];
            let mut timetable = incumbent.timetable.clone();
            timetable.sections[section.index] = Some(section.choice.clone());
            let mut group = vec![false; model.students.len()];
            for &s in &section.students {
                group[s] = true;
            }
            Some((neighbourhood::Kind::NewSection, group, timetable))
        }
        neighbourhood::Kind::Related => {
            let attended = moves.attended.get_or_insert_with(attended);
            let index = smallest_section(attended, rng)?;
            let mut timetable = incumbent.timetable.clone();
            timetable.sections[index] = None;
            let group = attended.iter().map(|s| s.contains(&index)).collect();
            Some((neighbourhood::Kind::CloseSection, group, timetable))
        }
        _ => None,
    }
}

/// A section drawn among the quarter of open sections with the fewest students
/// (`attended[s]`: student s's sections), or `None` when no section is open.
fn smallest_section(attended: &[Vec<usize>], rng: &mut SplitMix64) -> Option<usize> {
    let mut size: BTreeMap<usize, usize> = BTreeMap::new();
    for &index in attended.iter().flatten() {
        *size.entry(index).or_default() += 1;
    }
    let mut open: Vec<(usize, usize)> = size.into_iter().map(|(i, n)| (n, i)).collect();
    open.sort_unstable();
    let smallest = &open[..open.len().div_ceil(4)];
    (!smallest.is_empty()).then(|| smallest[rng.below(smallest.len())].1)
}

/// Timetable indices of the sections in a plan, by the ids a plan gives them.
struct SectionIndex<'m> {
    model: &'m Model,
    /// What each timetable index stands for (`milp::section_slots`).
    numbering: Vec<SectionSlot>,
    by_id: HashMap<String, usize>,
    /// Each student's position by id (`student_positions`).
    students: HashMap<&'m str, usize>,
}

impl<'m> SectionIndex<'m> {
    fn new(model: &'m Model) -> Self {
        let numbering = crate::milp::section_slots(model);
        SectionIndex {
            model,
            by_id: numbering
                .iter()
                .enumerate()
                .map(|(i, &slot)| (section_id(model, slot), i))
                .collect(),
            numbering,
            students: student_positions(model),
        }
    }

    /// Per student (instance order), the timetable indices of their sections in `plan`.
    fn attended(&self, plan: &Solution) -> Vec<Vec<usize>> {
        let mut attended = vec![Vec::new(); self.model.students.len()];
        for student in &plan.students {
            if let Some(&s) = self.students.get(student.student.as_str()) {
                attended[s] = student
                    .sections
                    .iter()
                    .filter_map(|a| self.by_id.get(&a.section).copied())
                    .collect();
            }
        }
        attended
    }
}

/// The greedy timetable with students placed greedily: a plan in well under a second
/// at any size measured, unchecked (the caller checks), or the mandatory request it
/// could not meet.
pub fn greedy_plan(
    instance: &Instance,
    model: &Model,
    env: &Environment,
) -> Result<Result<Solution, assign::UnmetMandatory>, SolveError> {
    let placements = (0..model.courses.len())
        .map(|c| crate::milp::configs::enumerate(model, c))
        .collect::<Result<Vec<_>, _>>()?;
    let timetable = construct::greedy_timetable(model, &placements);
    Ok(greedy_plan_for(
        instance,
        model,
        env,
        &placements,
        &timetable,
    ))
}

fn greedy_plan_for(
    instance: &Instance,
    model: &Model,
    env: &Environment,
    placements: &[crate::milp::configs::CoursePlacements],
    timetable: &crate::milp::Timetable,
) -> Result<Solution, assign::UnmetMandatory> {
    let numbering: Vec<SectionSlot> = crate::milp::section_slots(model);
    let parts = assign::greedy_plan(model, placements, &numbering, timetable)?;
    Ok(new_solution(
        instance,
        Strategy::Decompose,
        env,
        SolveStatus::Feasible,
        None,
        None,
        PlanParts {
            sections: parts.sections,
            students: parts.students,
            trip_runs: parts.trip_runs,
            teacher_drives: parts.teacher_drives,
        },
    ))
}

/// The status of a plan not proven optimal: interrupted, stopped by the time limit,
/// or neither.
fn stopped_status(env: &Environment) -> SolveStatus {
    if interrupt::requested() {
        SolveStatus::Interrupted
    } else if env.time_limit.is_some() {
        SolveStatus::TimeLimit
    } else {
        SolveStatus::Feasible
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eight open sections of 1 to 8 students (one empty entry, one student in two):
    /// only the two smallest (a quarter) are ever drawn.
    #[test]
    fn the_section_to_close_is_among_the_smallest_quarter() {
        let mut attended: Vec<Vec<usize>> = vec![Vec::new()];
        for section in 0..8 {
            for _ in 0..=section {
                attended.push(vec![section]);
            }
        }
        attended.push(vec![6, 7]);
        let mut rng = SplitMix64::new(7);
        let drawn: BTreeSet<usize> = (0..200)
            .filter_map(|_| smallest_section(&attended, &mut rng))
            .collect();
        assert_eq!(drawn, BTreeSet::from([0, 1]));
        assert_eq!(smallest_section(&[Vec::new()], &mut rng), None);
    }

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
            let env = Environment::new(0, 1, Some(std::time::Duration::from_secs(60)));
            let full = Builder::build(&model, Scope::Free).expect("builds");
            let optimum = highs::solve(full, &env, MipLimits::default(), &[]).expect("solves");
            assert_eq!(optimum.status, MipStatus::Optimal, "{file}");
            let current = Current::from_result(&instance, &model, &env, &optimum).expect(file);
            let total = current.plan.objective.total;
            let index = student_positions(&model);
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
                    scope,
                    current.values.subset(active.clone()),
                )
                .expect("builds");
                let start = current.values.start_for(&built.builder);
                let result =
                    highs::solve(built, &env, MipLimits::default(), &start).expect("solves");
                assert_eq!(result.status, MipStatus::Optimal, "{file} {active:?}");
                let extracted = extract_plan(&result.builder, |v| result.value(v));
                let merged = merged(&instance, &env, &current, extracted, &active, &index)
                    .unwrap_or_else(|| {
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

    /// Neighbourhoods of different students (four groups along the instance's order),
    /// each an improvement on the greedy plan with the timetable held, are added to the
    /// best of them where the checker accepts them together: each added one's students
    /// keep its plans, the total falls with each, and the checker accepts the result.
    /// A neighbourhood that re-planned a student already taken is not added.
    #[test]
    fn improvements_of_different_students_are_added_together() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let file = "instances/tornio-valley/tornio-valley.json";
        let instance = crate::instance::read_instance(&root.join(file)).expect(file);
        let model = Model::new(&instance).expect("valid");
        let env = Environment::new(0, 1, None);
        let placements: Vec<_> = (0..model.courses.len())
            .map(|c| crate::milp::configs::enumerate(&model, c).expect("placements"))
            .collect();
        let timetable = construct::greedy_timetable(&model, &placements);
        let greedy = checked_greedy_plan(&instance, &model, &env, &placements, &timetable)
            .unwrap_or_else(|_| panic!("{file}: a greedy plan"));
        let numbering = crate::milp::section_slots(&model);
        let start = Current::from_plan(&model, &env, &placements, &numbering, &timetable, *greedy)
            .expect("completes");
        let sections = SectionIndex::new(&model);
        let n = model.students.len();
        let group = |g: usize| (0..n).map(|s| s * 4 / n == g).collect::<Vec<bool>>();
        let replan = |active: Vec<bool>| {
            solve_neighbourhood(
                &instance,
                &model,
                &env,
                MipLimits::default(),
                &start,
                &sections.students,
                BTreeSet::new(),
                Some(active),
                None,
            )
            .expect("solves")
            .candidate
            .expect("a plan")
        };
        let before = start.plan.objective.total;
        let mut found: Vec<Candidate> = (0..4).map(|g| replan(group(g))).collect();
        for candidate in &found {
            assert!(
                candidate.plan.objective.total < before - 1.0,
                "no improvement on {before}"
            );
        }
        found.sort_by(|a, b| a.plan.objective.total.total_cmp(&b.plan.objective.total));
        let mut found = found.into_iter();
        let best = found.next().expect("four");
        let again = replan(best.active.clone());
        let mut incumbent = start;
        let mut taken = Taken::first(incumbent.timetable.clone(), &best);
        incumbent.take(best, 1, false);
        let mut added = 0;
        for candidate in found {
            let total = incumbent.plan.objective.total;
            let (active, students) = (candidate.active.clone(), candidate.plan.students.clone());
            if !incumbent.merge(&instance, &env, candidate, &mut taken, &sections) {
                assert!((incumbent.plan.objective.total - total).abs() < 1e-9);
                continue;
            }
            added += 1;
            assert!(incumbent.plan.objective.total < total - 1e-6);
            let report = crate::solution::check::check(&instance, &incumbent.plan);
            assert!(report.is_feasible(), "{:?}", report.violations.first());
            assert!((report.recomputed.total - incumbent.plan.objective.total).abs() < 1e-6);
            for (s, plan) in incumbent.plan.students.iter().enumerate() {
                if active[s] {
                    assert_eq!(
                        plan, &students[s],
                        "student {s} as its neighbourhood planned"
                    );
                }
            }
        }
        assert!(
            added > 0,
            "no improvement of other students was added to the best"
        );
        let total = incumbent.plan.objective.total;
        assert!(
            !incumbent.merge(&instance, &env, again, &mut taken, &sections),
            "a neighbourhood of students already taken was added"
        );
        assert!((incumbent.plan.objective.total - total).abs() < 1e-9);
    }
}
