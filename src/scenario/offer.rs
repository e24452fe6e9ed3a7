//! Plans travel between the scenarios of a sweep. An extra teacher can never make the
//! optimum dearer, since the base's plan is still a plan there; yet two searches
//! stopped early can say otherwise. So every plan a sweep finds is offered to every
//! other scenario: the same decisions, by the ids of the instance (sections, students,
//! rooms, teachers, trip runs), made to answer that scenario's instance, and judged
//! by the checker there (never by the model that found it). Each scenario keeps the
//! cheapest plan the checker accepts, and the plan's file says where it came from.

use crate::instance::{Instance, instance_hash};
use crate::solution::check::{CheckReport, check};
use crate::solution::{InstanceRef, Solution, SolveStatus};

/// A plan one scenario's own search found.
pub struct Found<'a> {
    /// The scenario's position in the sweep.
    pub scenario: usize,
    pub seed: u64,
    pub plan: &'a Solution,
    /// The scenario whose plan (not a plan here as it was) the search started from,
    /// repaired.
    pub repair_of: Option<usize>,
}

/// What a scenario keeps: the cheapest plan the checker accepts in its instance.
pub struct Kept {
    pub solution: Solution,
    pub report: CheckReport,
    /// The scenario whose search found it.
    pub from: usize,
    /// The scenario whose plan that search started from, repaired.
    pub repair_of: Option<usize>,
}

/// What a scenario knows of itself besides the plans: its name, its instance, the
/// best bound its own solves proved, and the status its own solves ended with (used
/// when a plan is not proven optimal here).
pub struct Target<'a> {
    pub name: &'a str,
    pub instance: &'a Instance,
    pub bound: Option<f64>,
    pub status: SolveStatus,
}

/// `plan` as a plan of `instance`: the same decisions, answering `instance`, its
/// objective the checker's recomputation there, and the checker's report on it as
/// written; `None` when the checker finds a hard rule broken in `instance` (a room the
/// variant removed, a teacher it no longer has, a trip it cancelled).
pub fn offer(plan: &Solution, instance: &Instance) -> Option<(Solution, CheckReport)> {
    let mut mapped = plan.clone();
    mapped.instance = InstanceRef {
        name: instance.name.clone(),
        hash: instance_hash(instance),
    };
    let valued = check(instance, &mapped);
    if !valued.is_feasible() {
        return None;
    }
    mapped.objective = valued.recomputed;
    let report = check(instance, &mapped);
    report.is_accepted().then_some((mapped, report))
}

/// The cheapest plan of `found` that the checker accepts in `targets[target]`, with
/// its origin, the scenario's bound and its status written in; its own plans win
/// ties, then the scenarios in sweep order. `None` when it accepts none.
pub fn cheapest_accepted(
    targets: &[Target<'_>],
    found: &[Found<'_>],
    target: usize,
) -> Option<Kept> {
    let here = &targets[target];
    let own = found.iter().filter(|f| f.scenario == target);
    let others = found.iter().filter(|f| f.scenario != target);
    let mut best: Option<(Kept, u64)> = None;
    for f in own.chain(others) {
        let Some((solution, report)) = offer(f.plan, here.instance) else {
            continue;
        };
        let total = solution.objective.total;
        if best
            .as_ref()
            .is_none_or(|(b, _)| total < b.solution.objective.total - 1e-6)
        {
            best = Some((
                Kept {
                    solution,
                    report,
                    from: f.scenario,
                    repair_of: f.repair_of,
                },
                f.seed,
            ));
        }
    }
    let (mut kept, seed) = best?;
    let provenance = &mut kept.solution.provenance;
    let total = kept.solution.objective.total;
    let repair = kept.repair_of.map_or(String::new(), |r| {
        format!(" from a repair of {}'s plan", targets[r].name)
    });
    provenance.origin = Some(if kept.from == target {
        format!("its own search{repair} (seed {seed})")
    } else if kept.repair_of.is_some() {
        format!(
            "found for scenario {}{repair} (seed {seed})",
            targets[kept.from].name
        )
    } else {
        format!(
            "found for scenario {} (seed {seed})",
            targets[kept.from].name
        )
    });
    if kept.from != target {
        // The rounds that find it again are another scenario's.
        provenance.rounds = None;
    }
    let bound = here.bound.map(|b| b.min(total));
    let proven = bound.is_some_and(|b| total - b <= 1e-6 * total.abs().max(1.0));
    provenance.best_bound = bound;
    provenance.gap = bound.map(|b| {
        if total.abs() < 1e-9 {
            0.0
        } else {
            ((total - b) / total.abs()).max(0.0)
        }
    });
    provenance.status = if proven {
        SolveStatus::Optimal
    } else {
        here.status
    };
    // The status, bound and origin are no part of the checker's report, but the
    // report is of the file as written.
    kept.report = check(here.instance, &kept.solution);
    Some(kept)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn instance(file: &str) -> Instance {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        crate::instance::read_instance(&path).unwrap()
    }

    /// The tiny one-course instance, its hand-written plan, and a copy named
    /// `one-course-more` with a room `EXTRA` more.
    fn one_course_with_a_room_more() -> (Instance, Solution, Instance) {
        let base = instance("instances/tiny/one-course.json");
        let plan = crate::solution::read_solution(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/tiny/one-course.solution.json"),
        )
        .unwrap();
        let mut more = base.clone();
        more.name = "one-course-more".to_owned();
        let mut room = more.rooms[0].clone();
        room.id = "EXTRA".to_owned();
        more.rooms.push(room);
        (base, plan, more)
    }

    /// The hand-written plan of one instance answers a copy with a new name and a
    /// room more; it is refused by a copy without the room it uses.
    #[test]
    fn a_plan_answers_a_variant_that_keeps_what_it_uses() {
        let (base, plan, more) = one_course_with_a_room_more();
        let (mapped, report) = offer(&plan, &more).expect("accepted with a room more");
        assert!(report.is_accepted());
        assert_eq!(mapped.instance.name, "one-course-more");
        assert_eq!(mapped.sections, plan.sections);
        let mut fewer = base.clone();
        fewer.rooms.retain(|r| r.id != plan.sections[0].room);
        assert!(offer(&plan, &fewer).is_none());
    }

    /// A variant with a room more whose own plan is worse (a student left out, the
    /// section in the new room) keeps the base's plan, saying where it came from, with
    /// its own bound; the base refuses the variant's plan (its room is not there).
    #[test]
    fn each_scenario_keeps_the_cheapest_plan_it_accepts() {
        let (base, plan, more) = one_course_with_a_room_more();
        let mut worse = plan.clone();
        worse.sections[0].room = "EXTRA".to_owned();
        worse.students[0].sections.clear();
        let (worse, _) = offer(&worse, &more).expect("the worse plan is a plan of the variant");
        assert!(worse.objective.total > plan.objective.total);
        let targets = [
            Target {
                name: "one-course",
                instance: &base,
                bound: None,
                status: SolveStatus::TimeLimit,
            },
            Target {
                name: "more",
                instance: &more,
                bound: Some(50.0),
                status: SolveStatus::TimeLimit,
            },
        ];
        let found = [
            Found {
                scenario: 0,
                seed: 3,
                plan: &plan,
                repair_of: None,
            },
            Found {
                scenario: 1,
                seed: 3,
                plan: &worse,
                repair_of: None,
            },
        ];
        let kept = cheapest_accepted(&targets, &found, 1).expect("a plan");
        assert_eq!(kept.from, 0);
        assert!(kept.report.is_accepted());
        assert_eq!(kept.solution.objective.total, plan.objective.total);
        assert_eq!(
            kept.solution.provenance.origin.as_deref(),
            Some("found for scenario one-course (seed 3)")
        );
        assert_eq!(kept.solution.provenance.best_bound, Some(50.0));
        let base_kept = cheapest_accepted(&targets, &found, 0).expect("its own");
        assert_eq!(base_kept.from, 0);
        assert_eq!(
            base_kept.solution.provenance.origin.as_deref(),
            Some("its own search (seed 3)")
        );
    }
}
