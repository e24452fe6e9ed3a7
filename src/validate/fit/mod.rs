//! Study plans that cannot fit one week, found per student before solving.
//!
//! A guidance counsellor does not sign a plan no week could hold: four morning blocks in
//! a week with two, a lukio bar that overlaps a vocational block, a course only taught
//! where no bus gets the student in time. Such requests stay unmet in every plan, and
//! mixed into the solver's unmet requests they hide what the joint timetable fails. This
//! check asks, for each student, whether all their requests could be met **if the
//! student were alone in the valley**:
//!
//! - every course may open a section: section sizes, seats and other sections' use of
//!   teachers, rooms, video links and bus seats are left out; optional trips may run;
//! - what a section needs whoever attends it stays: a timing of the course (a pattern of
//!   its kind, or free slots), a site of the course with a room that has its features
//!   and a teacher allowed there who is free in all the timing's slots, within their
//!   weekly cap;
//! - the student takes one course per request (any one of a one-of group), sits in each
//!   in person at a site where it can be placed, or in a video room of another site
//!   receiving its stream when the course allows remote delivery;
//! - no two of the student's lessons share a slot, and each day's changes of place are
//!   each served by one ride of a trip running that day, leaving after the lesson left
//!   plus the transfer buffer and arriving by the next lesson's start minus the buffer
//!   (rule 6; leaving and reaching home have no time).
//!
//! Anything left out can only make a plan easier, so the check never names a student
//! a plan could serve; it may miss a student who cannot be served for a reason it leaves
//! out (one teacher needed by two of the student's courses at once, say). Where it cannot
//! decide (a course with more free-slot timings than the solver enumerates, or a search
//! past its work limit) it says nothing.
//!
//! Left to other rules: requests for courses that can run nowhere (`E0407`, `W0005`),
//! and students whose home no road joins to a site (`W0006`). A file with other errors
//! is not judged at all: the answers would only repeat them.
//!
//! For a student whose requests cannot all be met, the check names a smallest set of
//! them that cannot be met together (a deletion filter, then a search for a smaller set
//! among the subsets while they are few): an error (`E0503`) when mandatory requests
//! alone cannot fit, a warning (`W0010`) otherwise. `week_fit` gives the same answer to
//! the library, per student, and `fewest_to_drop` how many of a student's requests no
//! week of theirs can hold (a summary's "cannot fit the student's own week").

mod places;
mod search;
mod travel;

use std::collections::BTreeSet;

use crate::instance::Instance;
use crate::model::{Model, PatternIx, Timing};

use places::{CourseWeek, course_weeks};
use search::{Choice, StudentWeek, Verdict};
use travel::{Judge, Lesson, Travel};

/// Subsets tried in search of a set smaller than the deletion filter's: enough for
/// every subset smaller than the filter's set of a student with 10 requests.
const SUBSET_LIMIT: usize = 2_000;

/// Whether one student's requests fit one week, if the student were alone in the valley.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WeekFit {
    /// A smallest set of requests that cannot be met together (indices into the
    /// model student's `requests`, ascending); empty when every request examined fits.
    pub conflict: Vec<usize>,
    /// Whether `conflict` holds only mandatory requests (then no plan exists).
    pub mandatory: bool,
    /// Why `conflict` cannot be met; `None` when it is empty.
    pub cause: Option<Cause>,
    /// Requests not examined: every course of them can run nowhere (`E0407`, `W0005`).
    pub runs_nowhere: Vec<usize>,
    /// The student's home is joined by road to no site (`W0006`): nothing examined.
    pub cut_off: bool,
}

/// Why a set of requests cannot be met together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// One request: no timing of its courses can be placed at all.
    NoTiming,
    /// One request: no timing of its courses can be attended there and back by bus.
    OutOfReach,
    /// More requests need one set of patterns (a pattern kind) than it has patterns.
    TooFewPatterns,
    /// Every choice of timings puts two of the lessons in one slot.
    Clash,
    /// Some choices of timings do not clash, but in none can the buses take the student
    /// between home and the lessons in time.
    Travel,
}

/// Per student (by model index), whether their requests fit one week.
///
/// Every plan leaves at least one request of a student's `conflict` unmet, whatever
/// the timetable; a student may hold more than one such set, and [`fewest_to_drop`]
/// counts how many requests they cost together.
pub fn week_fit(model: &Model) -> Vec<WeekFit> {
    let checker = FitChecker::new(model);
    (0..model.students.len())
        .map(|student| checker.student(student))
        .collect()
}

/// Per student (by model index), the fewest of their requests that must be dropped so
/// that the rest fit their week alone: their requests less the most of them that fit
/// together, as the check judges a week (patterns of each kind, slots, reach by bus or
/// video). Requests whose courses all run nowhere count as dropped; a student whose
/// home no road joins to a site counts 0 (not judged, `W0006`). Every plan leaves at
/// least this many of the student's requests unmet.
///
/// Exact, but for what the check leaves unjudged (requests for a course with more
/// free-slot timings than the solver enumerates count as fitting; a search past its
/// work limit stops the count where it is): there the figure is a lower bound.
pub fn fewest_to_drop(model: &Model) -> Vec<usize> {
    let checker = FitChecker::new(model);
    (0..model.students.len())
        .map(|student| checker.fewest_to_drop(student))
        .collect()
}

/// What every student's check shares: each course's timings and places, and travel.
struct FitChecker<'a> {
    model: &'a Model,
    weeks: Vec<CourseWeek>,
    travel: Travel,
}

/// One request as the search sees it.
struct Examined {
    request: usize,
    mandatory: bool,
    /// Choices the student can reach alone, home first.
    reachable: Vec<Choice>,
    /// Every timing of its courses, wherever (to tell clashes from travel).
    anywhere: Vec<Choice>,
}

impl<'a> FitChecker<'a> {
    fn new(model: &'a Model) -> Self {
        let mut places: BTreeSet<usize> = model.sites.iter().map(|s| s.node).collect();
        places.extend(model.students.iter().map(|s| s.home));
        FitChecker {
            model,
            weeks: course_weeks(model),
            travel: Travel::new(model, &places),
        }
    }

    fn student(&self, student: usize) -> WeekFit {
        let Some((runs_nowhere, examined)) = self.examine(student) else {
            return WeekFit {
                cut_off: true,
                ..WeekFit::default()
            };
        };
        let week = self.week_of(student);
        let mut fit = WeekFit {
            runs_nowhere,
            ..WeekFit::default()
        };
        let all: Vec<usize> = (0..examined.len()).collect();
        if fits(&week, &examined, &all) != Verdict::DoesNotFit {
            return fit;
        }
        let mandatory: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| examined[i].mandatory)
            .collect();
        let (pool, only_mandatory) = if fits(&week, &examined, &mandatory) == Verdict::DoesNotFit {
            (mandatory, true)
        } else {
            (all, false)
        };
        let conflict = smallest_conflict(&week, &examined, &pool);
        fit.cause = Some(self.cause(student, &week, &examined, &conflict));
        fit.conflict = conflict.iter().map(|&i| examined[i].request).collect();
        fit.mandatory = only_mandatory;
        fit
    }

    /// The fewest of the student's requests to drop so that the rest fit: those whose
    /// courses run nowhere, and the fewest of the others, found by searching with one
    /// request more left out each time until the rest fit (or the search gives up).
    fn fewest_to_drop(&self, student: usize) -> usize {
        let Some((runs_nowhere, examined)) = self.examine(student) else {
            return 0;
        };
        let week = self.week_of(student);
        let requests: Vec<&[Choice]> = examined.iter().map(|e| e.reachable.as_slice()).collect();
        let mut drop = 0;
        while drop < requests.len() && week.fits_dropping(&requests, drop) == Verdict::DoesNotFit {
            drop += 1;
        }
        runs_nowhere.len() + drop
    }

    fn week_of(&self, student: usize) -> StudentWeek<'_> {
        StudentWeek {
            model: self.model,
            travel: &self.travel,
            home: self.model.students[student].home,
            judge_travel: true,
        }
    }

    /// The student's requests as the search sees them, and apart the requests whose
    /// courses all run nowhere; `None` when no road joins the student's home to a site.
    fn examine(&self, student: usize) -> Option<(Vec<usize>, Vec<Examined>)> {
        let model = self.model;
        let st = &model.students[student];
        let cut_off = model
            .sites
            .iter()
            .all(|site| model.roads.minutes(st.home, site.node).is_none());
        if cut_off {
            return None;
        }
        let mut runs_nowhere = Vec::new();
        let mut examined = Vec::new();
        for (r, request) in st.requests.iter().enumerate() {
            let weeks: Vec<&CourseWeek> = request.courses.iter().map(|&c| &self.weeks[c]).collect();
            if weeks.iter().all(|w| matches!(w, CourseWeek::RunsNowhere)) {
                runs_nowhere.push(r);
                continue;
            }
            if weeks
                .iter()
                .any(|w| matches!(w, CourseWeek::TooManyTimings))
            {
                continue;
            }
            let mut anywhere = Vec::new();
            let mut reachable = Vec::new();
            for w in weeks {
                let CourseWeek::Timings(timings) = w else {
                    continue;
                };
                for timing in timings {
                    anywhere.push(Choice {
                        slots: timing.slots.clone(),
                        node: timing.nodes[0],
                    });
                    for &node in &timing.nodes {
                        let choice = Choice {
                            slots: timing.slots.clone(),
                            node,
                        };
                        if self.reachable_alone(st.home, &choice) {
                            reachable.push(choice);
                        }
                    }
                }
            }
            reachable.sort_by_key(|c| c.node != st.home);
            examined.push(Examined {
                request: r,
                mandatory: request.mandatory,
                reachable,
                anywhere,
            });
        }
        Some((runs_nowhere, examined))
    }

    /// Whether the student could get to `choice` and home again on each of its days,
    /// changing trips anywhere (a choice that fails this fails in every plan).
    fn reachable_alone(&self, home: usize, choice: &Choice) -> bool {
        let mut lessons: Vec<Lesson> = choice
            .slots
            .iter()
            .map(|&s| {
                let slot = &self.model.slots[s];
                Lesson {
                    day: slot.day,
                    position: slot.position,
                    start: slot.start,
                    end: slot.end,
                    node: choice.node,
                }
            })
            .collect();
        lessons.sort_by_key(|l| (l.day, l.position));
        lessons
            .chunk_by(|a, b| a.day == b.day)
            .all(|day| self.travel.day_works(home, day, Judge::Relaxed))
    }

    fn cause(
        &self,
        student: usize,
        week: &StudentWeek<'_>,
        examined: &[Examined],
        conflict: &[usize],
    ) -> Cause {
        let slots_only = StudentWeek {
            judge_travel: false,
            ..*week
        };
        let anywhere: Vec<&[Choice]> = conflict
            .iter()
            .map(|&i| examined[i].anywhere.as_slice())
            .collect();
        if slots_only.fits(&anywhere) != Verdict::DoesNotFit {
            return if conflict.len() == 1 {
                Cause::OutOfReach
            } else {
                Cause::Travel
            };
        }
        if conflict.len() == 1 {
            return Cause::NoTiming;
        }
        let shared = self.shared_patterns(student, examined, conflict);
        if shared.is_some_and(|patterns| conflict.len() > patterns.len()) {
            Cause::TooFewPatterns
        } else {
            Cause::Clash
        }
    }

    /// The patterns every course of every request in `conflict` chooses from, when
    /// they all choose from one set (courses that run nowhere aside).
    fn shared_patterns(
        &self,
        student: usize,
        examined: &[Examined],
        conflict: &[usize],
    ) -> Option<&'a [PatternIx]> {
        let model = self.model;
        let requests = &model.students[student].requests;
        let mut shared: Option<&'a [PatternIx]> = None;
        for &i in conflict {
            for &course in &requests[examined[i].request].courses {
                if matches!(self.weeks[course], CourseWeek::RunsNowhere) {
                    continue;
                }
                let Timing::Pattern(patterns) = &model.courses[course].timing else {
                    return None;
                };
                if shared.is_some_and(|s| s != patterns.as_slice()) {
                    return None;
                }
                shared = Some(patterns);
            }
        }
        shared
    }
}

fn fits(week: &StudentWeek<'_>, examined: &[Examined], subset: &[usize]) -> Verdict {
    let requests: Vec<&[Choice]> = subset
        .iter()
        .map(|&i| examined[i].reachable.as_slice())
        .collect();
    week.fits(&requests)
}

/// A smallest subset of `pool` that does not fit (`pool` itself does not): a deletion
/// filter gives a set none of whose requests can be dropped; then the subsets of fewer
/// requests are tried, smallest first, while they number at most `SUBSET_LIMIT`.
fn smallest_conflict(week: &StudentWeek<'_>, examined: &[Examined], pool: &[usize]) -> Vec<usize> {
    let mut core = pool.to_vec();
    let mut i = 0;
    while i < core.len() {
        let mut without = core.clone();
        without.remove(i);
        if fits(week, examined, &without) == Verdict::DoesNotFit {
            core = without;
        } else {
            i += 1;
        }
    }
    let mut tried = 0;
    for size in 1..core.len() {
        let mut subset: Vec<usize> = (0..size).collect();
        loop {
            tried += 1;
            if tried > SUBSET_LIMIT {
                return core;
            }
            let requests: Vec<usize> = subset.iter().map(|&k| pool[k]).collect();
            if fits(week, examined, &requests) == Verdict::DoesNotFit {
                return requests;
            }
            if !next_subset(&mut subset, pool.len()) {
                break;
            }
        }
    }
    core
}

/// The next `subset.len()`-subset of `0..n` in lexicographic order; false after the last.
fn next_subset(subset: &mut [usize], n: usize) -> bool {
    let k = subset.len();
    for i in (0..k).rev() {
        if subset[i] < n - k + i {
            subset[i] += 1;
            for j in i + 1..k {
                subset[j] = subset[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

/// The answer for every student; `None` when the instance has errors a model cannot
/// be built past (other rules report them).
pub(super) fn week_fit_of(instance: &Instance) -> Option<Vec<WeekFit>> {
    Model::new(instance).ok().map(|model| week_fit(&model))
}

#[cfg(test)]
mod tests;
