//! Large-neighbourhood search over the timetable: rounds of neighbourhoods solved side
//! by side, each freeing a few courses (or re-planning a group of students, or moving
//! one section) with everything else held; the best improvement taken and the others
//! added where they fit; neighbourhoods growing when rounds stop paying. Then, when
//! time is left for it, a bound.

use rayon::prelude::*;

use crate::milp::{Builder, ModelSize, Scope};
use crate::solution::{Solution, SolveStatus};
use crate::words::count;

use super::bound;
use super::candidate::{Solved, solve_neighbourhood};
use super::context::SolveContext;
use super::environment::{Environment, Event};
use super::highs::{self, MipLimits, MipStatus};
use super::incumbent::{Candidate, Current, Taken};
use super::neighbourhood::{self, Relatedness, draw_round};
use super::outcome::{
    SolveError, SolveOutcome, keep_best, plan_checked, set_bound, show, stopped_status,
};
use super::rng::SplitMix64;

/// Share of the time limit given to the search when a bound is tried at the end (the
/// relaxed model, or the count again); the rest goes to that bound.
const SEARCH_SHARE: f64 = 0.8;
/// Longest single neighbourhood solve when the run has a time limit: this share of
/// the limit, at least `ROUND_SECONDS_LEAST` and at most `ROUND_SECONDS_MOST` seconds
/// (600 s runs: 30 s; the README's 120 s run: 10 s). A tuning choice, measured on 24
/// Tornio valley neighbourhoods of 3-4 courses taken from a 240 s run, two solved at a
/// time as rounds do: 9 found their better plan only between 10 s and 25 s (presolve
/// alone takes 3-6 s of them); with 30 s (and no restarts) the `kopa bench` median of
/// seeds 0-2 went from 21,673.38 to 20,945.68.
const ROUND_SHARE: f64 = 0.05;
const ROUND_SECONDS_LEAST: f64 = 10.0;
const ROUND_SECONDS_MOST: f64 = 30.0;
/// Most branch-and-bound nodes of a neighbourhood: its limit of work, the same on any
/// machine (a tuning choice; measured on the Tornio valley and gen-2000, neighbourhoods
/// that finish in 10 s end at the first node).
const ROUND_NODES: u64 = 1_000;
/// Courses freed per neighbourhood at first; neighbourhoods grow when rounds stop
/// improving (a tuning choice: measured on a synthetic 110-student instance, rounds
/// with 7 of 60 courses free did not finish in 20 s).
const FIRST_FREE_COURSES: usize = 2;
/// Rounds without improvement before neighbourhoods grow (a tuning choice).
const PATIENCE: usize = 4;
/// Rounds in a row without a better plan after which a run with neither a time limit
/// nor a number of rounds ends (`kopa solve --stall-rounds`; a tuning choice: two
/// growths of the neighbourhoods without a gain).
pub const DEFAULT_STALL_ROUNDS: usize = 2 * PATIENCE;
/// Rounds of a run with neither a time limit nor a number of rounds (`kopa solve
/// --rounds`; a tuning choice: on the Tornio valley the plan still improved by about
/// 5% between rounds 7 and 22, round 22 came after 430 s on a loaded machine, and 30
/// rounds took 19 minutes there).
pub const DEFAULT_ROUNDS: usize = 20;

/// What the search starts from besides its incumbent.
pub(crate) struct SearchStart {
    /// The greedy plan, kept to compare with the search's at the end.
    pub greedy: Option<Box<Solution>>,
    /// The bound by counting found before the search.
    pub counted: Option<f64>,
    pub size: ModelSize,
    /// Whether to try the relaxed full model for a bound at the end.
    pub relaxed_model_bound: bool,
}

/// Large-neighbourhood search from `incumbent`: rounds of neighbourhoods solved side
/// by side, each re-planning a few courses and the students who ask for them; then,
/// when `start.relaxed_model_bound`, a bound from the relaxed full model.
pub(crate) fn search(
    ctx: &SolveContext<'_>,
    env: &Environment,
    mut incumbent: Current,
    start: SearchStart,
) -> Result<SolveOutcome, SolveError> {
    let SearchStart {
        greedy,
        counted,
        size,
        relaxed_model_bound,
    } = start;
    let model = ctx.model;
    let stop = &env.stop;
    let gap_to = |objective: f64| match counted {
        Some(b) if objective > 1e-9 => {
            format!("{:.2}%", 100.0 * (objective - b).max(0.0) / objective)
        }
        _ => "-".to_owned(),
    };
    // (`decompose` kept the greedy plan already.)
    keep_best(env, &incumbent.plan, counted);
    // The count's root LP may not finish in its first, short try (gen-5000: a bound
    // in 1 run of 3; HiGHS then reports no bound, or one of 0); it then gets the end
    // of the run, as the relaxed model does.
    let recount = counted.is_none_or(|b| b <= 0.0) && stop.time_limit().is_some();
    let search_share = if relaxed_model_bound || recount {
        SEARCH_SHARE
    } else {
        1.0
    };
    let search_until = stop.remaining().map(|r| stop.elapsed() + r * search_share);
    let round_seconds = stop.time_limit().map(|limit| {
        (limit.as_secs_f64() * ROUND_SHARE).clamp(ROUND_SECONDS_LEAST, ROUND_SECONDS_MOST)
    });
    let mut rng = SplitMix64::new(env.params.seed);
    let courses = model.courses.len();
    let mut free_count = courses.min(FIRST_FREE_COURSES);
    // Rounds since the neighbourhoods last grew, and since the plan last improved.
    let mut rounds_without_gain = 0;
    let mut stalled = 0;
    let mut round = 0;
    // Several neighbourhoods per round (`neighbourhoods`), each HiGHS on one thread;
    // drawn in a fixed order from the seed; the best is taken (ties: the first drawn)
    // and the others added to it where they fit (`Current::merge`).
    let width = env.params.neighbourhoods.max(1);
    let related = Relatedness::new(model);
    // Each neighbourhood's HiGHS runs with the run's threads: HiGHS's task scheduler is
    // one per process, set by its first solve, and a solve asking for another number
    // of threads fails ("HiGHS failed while solving": `--threads 2` or `0` ended every
    // run in its first round when rounds asked for 1).
    let round_env = env.clone();
    let mut proven_in_search = false;
    // Whether a clock stopped a neighbourhood so far: from then on, what the search
    // finds depends on the machine (see `History::clock_decided`).
    let mut clock_stopped = false;
    while search_until.is_none_or(|t| t - stop.elapsed() > 1.0)
        && env.params.rounds.is_none_or(|n| round < n)
        && env.params.stall_rounds.is_none_or(|n| stalled < n)
        && courses > 0
        && !stop.signalled()
    {
        round += 1;
        let neighbourhoods = draw_round(
            ctx, &related, &incumbent, round, width, free_count, &mut rng,
        );
        // A neighbourhood stops at a number of nodes, the same on any machine; with a
        // time limit, also at a clock.
        let round_limit = MipLimits {
            seconds: search_until
                .zip(round_seconds)
                .map(|(t, most)| (t - stop.elapsed()).min(most)),
            nodes: Some(ROUND_NODES),
            no_restart: true,
            ..MipLimits::default()
        };
        let current = &incumbent;
        let candidates: Vec<(neighbourhood::Kind, Result<Solved<'_>, SolveError>)> = neighbourhoods
            .into_par_iter()
            .map(|n| {
                let kind = n.kind;
                (
                    kind,
                    solve_neighbourhood(ctx, &round_env, round_limit, current, n),
                )
            })
            .collect();
        // The neighbourhoods' models are dropped: what they held is given back, so
        // the rounds do not each keep their own in their threads' arenas.
        super::memory::return_freed();
        let old = incumbent.plan.objective.total;
        let mut improving: Vec<(neighbourhood::Kind, Candidate)> = Vec::new();
        let mut whole_model_proven = false;
        for (kind, solved) in candidates {
            let solved = solved?;
            clock_stopped |= solved.stopped_by_clock;
            let Some(candidate) = solved.candidate else {
                continue;
            };
            if env.progress.is_listening() {
                env.emit(Event::Neighbourhood {
                    message: describe(kind, &candidate),
                });
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
                        if incumbent.merge(ctx, env, candidate, &mut taken) {
                            kinds.push_str(&format!(" + {kind:?}"));
                        }
                    }
                }
                let new = incumbent.plan.objective.total;
                env.emit(Event::Plan {
                    objective: new,
                    message: format!(
                        "round {round}: {old:.2} -> {new:.2}, gap {} ({} free, {kinds})",
                        gap_to(new),
                        count(free_count, "course", "courses")
                    ),
                });
                keep_best(env, &incumbent.plan, counted);
                rounds_without_gain = 0;
                stalled = 0;
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
                stalled += 1;
                if rounds_without_gain >= PATIENCE {
                    // (With a number of rounds asked for, those rounds run.)
                    if free_count == courses
                        && stop.time_limit().is_none()
                        && env.params.rounds.is_none()
                    {
                        break;
                    }
                    free_count = (free_count * 3 / 2).max(free_count + 1).min(courses);
                    rounds_without_gain = 0;
                }
            }
        }
    }
    if env.params.stall_rounds.is_some_and(|n| stalled >= n) {
        env.note(format_args!(
            "the search ends: {} in a row without a better plan",
            count(stalled, "round", "rounds")
        ));
    }
    if proven_in_search {
        env.note(format_args!(
            "the whole timetable was free in the last round: optimal"
        ));
        let total = incumbent.plan.objective.total;
        return Ok(searched_outcome(
            ctx,
            env,
            incumbent,
            None,
            Some(total),
            true,
            size,
        ));
    }
    let counted = if recount && !stop.signalled() {
        // Half of it when the relaxed model is still to come.
        let share = if relaxed_model_bound { 0.5 } else { 1.0 };
        let seconds = stop.remaining().unwrap_or(0.0) * share;
        let again = bound::demand_bound(model, env, seconds)
            .into_iter()
            .chain(counted)
            .reduce(f64::max);
        let message = format!(
            "bound by counting, again with the {seconds:.0} s left: {}",
            show(again)
        );
        env.emit(match again {
            Some(value) => Event::Bound { value, message },
            None => Event::Note { message },
        });
        again
    } else {
        counted
    };
    if !relaxed_model_bound || stop.signalled() {
        return Ok(searched_outcome(
            ctx, env, incumbent, greedy, counted, false, size,
        ));
    }
    // A bound: the model with the student level continuous is a relaxation of the
    // whole problem, so whatever bound HiGHS proves for it holds for every plan.
    // With a time limit, branch and bound for what is left of it. Without, nothing is
    // timed: the LP relaxation, solved to its end, so the bound (and the whole file)
    // repeats on any machine and beside any load. No limit of work that HiGHS 1.16
    // offers stops a root node (with 1,000 nodes and no clock, gen-50's was still
    // running after 11 minutes on a loaded machine), and the 60 s clock this replaces
    // made files differ between runs.
    let bound_limits = MipLimits {
        seconds: stop.remaining(),
        relaxation: stop.remaining().is_none(),
        interior_point: true,
        ..MipLimits::default()
    };
    let relaxed = highs::solve(
        Builder::build_with(model, &ctx.placements, Scope::Free, true),
        env,
        bound_limits,
        &[],
    )?;
    // Every objective term is non-negative (validation rejects negative weights and
    // costs), so 0 is a bound too; HiGHS reports far below it when its root LP ran out
    // of time.
    let relaxed_bound = relaxed.bound.unwrap_or(0.0).max(0.0);
    env.emit(Event::Bound {
        value: relaxed_bound,
        message: format!(
            "bound from the relaxed model: {relaxed_bound:.2} ({:?})",
            relaxed.status
        ),
    });
    let bound = Some(counted.unwrap_or(0.0).max(relaxed_bound));
    Ok(searched_outcome(
        ctx, env, incumbent, greedy, bound, false, size,
    ))
}

/// The search's plan (or the greedy one, if better) with the best bound known, and
/// the rounds that find it again when no clock decided it.
fn searched_outcome(
    ctx: &SolveContext<'_>,
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
            env.note(format_args!(
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
    solution.provenance.neighbourhoods = Some(env.params.neighbourhoods);
    solution.provenance.rounds = (!history.clock_decided).then_some(history.round);
    plan_checked(ctx, solution, total, size)
}

/// A neighbourhood's result in a line, for whoever studies the search.
fn describe(kind: neighbourhood::Kind, candidate: &Candidate<'_>) -> String {
    format!(
        "  {kind:?}: {:?} {:.2} checked, {} decided, {}{}, in {:.1}s",
        candidate.status,
        candidate.plan.objective.total,
        count(
            candidate.active.iter().filter(|a| **a).count(),
            "student",
            "students"
        ),
        count(candidate.result.nodes, "node", "nodes"),
        if candidate.result.stopped_by_clock {
            " (clock)"
        } else {
            ""
        },
        candidate.seconds
    )
}
