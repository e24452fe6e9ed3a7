//! The search's incumbent, whole: its decisions by meaning (for the next models'
//! constants and starts), its timetable, and its plan as the checker values it. Each
//! round's models decide only some students, so the incumbent is kept here, not in any
//! one model; a round's best improvement is taken, and its others added where they
//! touch other students and sections.

use crate::milp::{Builder, PlanValues, Scope, Timetable, extract_plan};
use crate::solution::Solution;

use super::context::SolveContext;
use super::environment::Environment;
use super::highs::{self, MipLimits, MipResult, MipStatus};
use super::outcome::{PlanParts, SolveError, checked, valued};

/// Share of the time left for completing the greedy plan's teacher drives (a tuning
/// choice: the model has only the fixed timetable's columns).
const COMPLETION_SHARE: f64 = 0.05;

/// The search's incumbent, whole: what every model of the search starts from.
pub(crate) struct Current {
    pub values: PlanValues,
    pub timetable: Timetable,
    /// Valued by the checker (`objective` is its recomputation).
    pub plan: Solution,
    pub history: History,
}

/// One neighbourhood's plan, merged with everyone it left alone, and checked.
pub(crate) struct Candidate<'m> {
    pub status: MipStatus,
    /// Every course was free and every student decided: the neighbourhood's model is
    /// the whole problem.
    pub whole_model: bool,
    pub seconds: f64,
    pub active: Vec<bool>,
    pub result: MipResult<'m>,
    pub timetable: Timetable,
    pub plan: Solution,
}

/// How the search came to its incumbent: what it takes to find it again.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct History {
    /// The round of the search that found it (0: before the search).
    pub round: usize,
    /// A clock stopped a step that shaped it (a HiGHS call of the search or before
    /// it, or the passes of added sections): on another machine, or another run, the
    /// search may have gone elsewhere. Without, the same seed and neighbourhoods per
    /// round and `round` rounds find it again.
    pub clock_decided: bool,
}

impl Current {
    /// The incumbent of a model that decided every student; `None` (with a progress
    /// line) if the checker rejects its plan, which would be a bug in the model.
    pub fn from_result(
        ctx: &SolveContext<'_>,
        env: &Environment,
        result: &MipResult,
    ) -> Option<Current> {
        let extracted = extract_plan(&result.builder, |v| result.value(v));
        let plan = checked(
            ctx,
            env,
            PlanParts {
                sections: extracted.sections,
                students: extracted.students,
                trip_runs: extracted.trip_runs,
                teacher_drives: extracted.teacher_drives,
            },
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
    pub fn from_plan(
        ctx: &SolveContext<'_>,
        env: &Environment,
        timetable: &Timetable,
        plan: Solution,
    ) -> Result<Current, SolveError> {
        let model = ctx.model;
        let mut values = PlanValues::from_plan(
            model,
            &ctx.placements,
            &ctx.sections.numbering,
            timetable,
            &plan,
        );
        let nobody = vec![false; model.students.len()];
        let built = Builder::build_for_students(
            model,
            &ctx.placements,
            Scope::Fixed(timetable.clone()),
            values.subset(nobody.clone()),
        );
        let start = values.start_for(&built.builder);
        let limits = MipLimits {
            seconds: env.stop.remaining().map(|r| r * COMPLETION_SHARE),
            ..MipLimits::default()
        };
        let completed = highs::solve(built, env, limits, &start)?;
        if completed.objective.is_some() {
            values.update(&completed.builder, |v| completed.value(v), &nobody);
        } else {
            env.note(format_args!(
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
    pub fn take(&mut self, candidate: Candidate<'_>, round: usize, clock_stopped: bool) {
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

    /// Adds `candidate`, found from the incumbent the round started from, to what the
    /// round has taken (`taken`), if it re-planned none of the same students and
    /// changed none of the same sections, and the checker accepts the two together at a
    /// lower total (seats, buses and teachers are shared, so two improvements need not
    /// add up).
    pub fn merge(
        &mut self,
        ctx: &SolveContext<'_>,
        env: &Environment,
        candidate: Candidate<'_>,
        taken: &mut Taken,
    ) -> bool {
        let index = &ctx.sections;
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
        let decided = |student: &str| index.decides(&candidate.active, student);
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
        let Ok(plan) = valued(ctx, env, parts) else {
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

/// What the neighbourhoods taken in one round have changed, so that another one found
/// from the same incumbent is added only where it does not overlap them.
pub(crate) struct Taken {
    /// The timetable the round started from.
    base: Timetable,
    /// Sections (timetable indices) some taken neighbourhood opened, closed or moved.
    sections: Vec<bool>,
    /// Students some taken neighbourhood re-planned.
    students: Vec<bool>,
}

impl Taken {
    pub fn first(base: Timetable, candidate: &Candidate<'_>) -> Taken {
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
fn changed_sections(base: &Timetable, timetable: &Timetable) -> Vec<bool> {
    base.sections
        .iter()
        .zip(&timetable.sections)
        .map(|(a, b)| a != b)
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::model::Model;
    use crate::solve::candidate::solve_neighbourhood;
    use crate::solve::construct;
    use crate::solve::greedy::checked_greedy_plan;
    use crate::solve::neighbourhood::{Kind, Neighbourhood};

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
        let ctx = SolveContext::new(&instance, &model).expect("placements");
        let env = Environment::new(0, 1, None);
        let timetable = construct::greedy_timetable(&model, &ctx.placements);
        let greedy = checked_greedy_plan(&ctx, &env, &timetable)
            .unwrap_or_else(|_| panic!("{file}: a greedy plan"));
        let start = Current::from_plan(&ctx, &env, &timetable, *greedy).expect("completes");
        let n = model.students.len();
        let group = |g: usize| (0..n).map(|s| s * 4 / n == g).collect::<Vec<bool>>();
        let replan = |active: Vec<bool>| {
            let neighbourhood = Neighbourhood {
                kind: Kind::Students,
                free_courses: BTreeSet::new(),
                group: Some(active),
                timetable: None,
            };
            solve_neighbourhood(&ctx, &env, MipLimits::default(), &start, neighbourhood)
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
            if !incumbent.merge(&ctx, &env, candidate, &mut taken) {
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
            !incumbent.merge(&ctx, &env, again, &mut taken),
            "a neighbourhood of students already taken was added"
        );
        assert!((incumbent.plan.objective.total - total).abs() < 1e-9);
    }
}
