//! A plan's unmet requests in two kinds: those that cannot fit the student's own week,
//! and those not met by this plan.
//!
//! A guidance counsellor does not sign a study plan no week could hold (`W0010`), yet an
//! instance may still hold such plans, and a count of unmet requests then mixes two
//! failures: wishes no timetable can meet, and requests the joint timetable fails. For
//! each student, the fit check of `kopa validate` gives the fewest of their requests
//! that must be dropped so that the rest fit their week alone
//! ([`crate::validate::fewest_to_drop`]); every plan leaves at least that many of them
//! unmet. Of a student's unmet requests in a plan, that many (or all, when fewer are
//! unmet) cannot fit the student's own week; the rest are not met by this plan.
//!
//! It runs beside the checker, not inside it: the checker reads only the two files and
//! shares no code with the model, and the search, which checks plans very often, does
//! not pay for a fit check per plan. The unmet requests per student are the checker's.

use serde::Serialize;

use crate::instance::{Instance, Programme};
use crate::model::{Model, ModelError};
use crate::solution::check::CheckReport;
use crate::validate::fewest_to_drop;

/// What each student's own week can hold, for splitting any plan of one instance.
#[derive(Debug, Clone)]
pub struct OwnWeeks {
    /// Per student of the instance, in its order: id, programme, and the fewest of
    /// their requests that must be dropped so that the rest fit their week alone.
    students: Vec<(String, Programme, usize)>,
}

/// The unmet requests of one programme's students, split in two.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnmetSplit {
    pub programme: Programme,
    /// Unmet requests (a one-of group is one), as the checker counts them.
    pub unmet: usize,
    /// Unmet requests that no week of their student's could hold beside the others:
    /// per student, the fewer of their unmet requests and the fewest they must drop.
    pub cannot_fit_own_week: usize,
    /// The rest: requests this plan leaves unmet that some week of theirs could hold.
    pub not_met_by_plan: usize,
}

impl OwnWeeks {
    /// `model` is `instance` resolved.
    pub fn new(instance: &Instance, model: &Model) -> OwnWeeks {
        let fewest = fewest_to_drop(model);
        let students = instance
            .students
            .iter()
            .zip(fewest)
            .map(|(s, fewest)| (s.id.clone(), s.programme, fewest))
            .collect();
        OwnWeeks { students }
    }

    /// Resolves `instance` first.
    pub fn of(instance: &Instance) -> Result<OwnWeeks, ModelError> {
        Ok(OwnWeeks::new(instance, &Model::new(instance)?))
    }

    /// The fewest of `student`'s requests that must be dropped so that the rest fit
    /// their week alone (0 for a student the instance does not have).
    pub fn fewest_to_drop(&self, student: &str) -> usize {
        self.students
            .iter()
            .find(|(id, _, _)| id == student)
            .map_or(0, |(_, _, fewest)| *fewest)
    }

    /// The split of the plan `report` checked, per programme in the order of the
    /// checker's `byProgramme` (the programmes with students). The two parts add up
    /// to the checker's unmet requests of each programme.
    pub fn split(&self, report: &CheckReport) -> Vec<UnmetSplit> {
        let unmet_of = &report.measures.unmet_requests_by_student;
        report
            .measures
            .by_programme
            .iter()
            .map(|served| {
                let unmet = served.requests - served.requests_met;
                let cannot_fit_own_week: usize = self
                    .students
                    .iter()
                    .filter(|(_, programme, _)| *programme == served.programme)
                    .map(|(id, _, fewest)| unmet_of.get(id).copied().unwrap_or(0).min(*fewest))
                    .sum::<usize>()
                    .min(unmet);
                UnmetSplit {
                    programme: served.programme,
                    unmet,
                    cannot_fit_own_week,
                    not_met_by_plan: unmet - cannot_fit_own_week,
                }
            })
            .collect()
    }
}

/// The two parts over every programme: (cannot fit own week, not met by this plan).
pub fn totals(split: &[UnmetSplit]) -> (usize, usize) {
    split.iter().fold((0, 0), |(own, plan), s| {
        (own + s.cannot_fit_own_week, plan + s.not_met_by_plan)
    })
}
