//! Whether a set of one student's requests fits one week, by a small depth-first search:
//! one course per request, one timing of it and one place to sit, no two lessons in
//! one slot, and every day's changes of place served by a ride (rule 6). The same
//! search, allowed to leave up to a given number of requests out, answers how many must
//! be dropped for the rest to fit.
//!
//! Requests with fewest choices go first; each choice is pruned as soon as a slot is
//! taken twice or a day cannot be travelled even with changes of trip allowed; whole
//! days are judged by rule 6 itself once every request has a choice. A work limit (not
//! a clock) bounds the search: past it the answer is "unknown", which callers treat as
//! "fits", so that the check never warns about a plan it could not rule out.

use crate::model::{Model, NodeIx, SlotIx};

use super::travel::{Judge, Lesson, Travel};

/// Choices tried in one search before it gives up: a work limit, not a clock, so
/// answers repeat exactly on any machine. Measured: `kopa validate` on gen-5000 (5,000
/// students, 1,275 named) takes 0.2 s against 0.04 s without the fit check.
const CHOICE_LIMIT: usize = 200_000;

/// One way to meet a request: a timing of one of its courses, at one node.
#[derive(Debug, Clone)]
pub(super) struct Choice {
    pub slots: Vec<SlotIx>,
    pub node: NodeIx,
}

/// The answer of one search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    Fits,
    DoesNotFit,
    /// The work limit was reached first.
    Unknown,
}

/// One student's view of the week: their home and the lessons each choice brings.
pub(super) struct StudentWeek<'a> {
    pub model: &'a Model,
    pub travel: &'a Travel,
    pub home: NodeIx,
    pub judge_travel: bool,
}

struct State {
    taken: Vec<bool>,
    /// Per day, the lessons placed so far, sorted by start.
    days: Vec<Vec<Lesson>>,
    work: usize,
}

impl StudentWeek<'_> {
    /// Whether the requests given by their choices fit together. `judge_travel` off
    /// judges slots only (used to say why a set does not fit).
    pub fn fits(&self, requests: &[&[Choice]]) -> Verdict {
        self.fits_dropping(requests, 0)
    }

    /// Whether the requests fit together once at most `drop` of them, any of them, are
    /// left out. Every choice of which to leave out is searched, and whole days are
    /// judged by rule 6 only when every request is placed or left out: a request left
    /// out can change how a day is travelled (a lesson on the way), so no subset is
    /// assumed to fit because a larger one does.
    pub fn fits_dropping(&self, requests: &[&[Choice]], drop: usize) -> Verdict {
        let mut order: Vec<&[Choice]> = requests.to_vec();
        order.sort_by_key(|choices| choices.len());
        // Requests without a choice go first: each must be left out.
        let without_choice = order.iter().take_while(|c| c.is_empty()).count();
        if without_choice > drop {
            return Verdict::DoesNotFit;
        }
        let mut state = State {
            taken: vec![false; self.model.slots.len()],
            days: vec![Vec::new(); self.model.days.len()],
            work: 0,
        };
        self.place(&order[without_choice..], drop - without_choice, &mut state)
    }

    /// Places `order`'s requests in turn, leaving out at most `drop` of them.
    fn place(&self, order: &[&[Choice]], drop: usize, state: &mut State) -> Verdict {
        let Some((first, rest)) = order.split_first() else {
            return if self.days_work(&state.days, Judge::Exact) {
                Verdict::Fits
            } else {
                Verdict::DoesNotFit
            };
        };
        for choice in first.iter() {
            state.work += 1;
            if state.work > CHOICE_LIMIT {
                return Verdict::Unknown;
            }
            if choice.slots.iter().any(|&s| state.taken[s]) {
                continue;
            }
            let touched = self.add(choice, state);
            let travels = touched
                .iter()
                .all(|&day| self.day_works(&state.days[day], Judge::Relaxed));
            let verdict = if travels {
                self.place(rest, drop, state)
            } else {
                Verdict::DoesNotFit
            };
            self.remove(choice, state);
            if verdict != Verdict::DoesNotFit {
                return verdict;
            }
        }
        if drop > 0 {
            return self.place(rest, drop - 1, state);
        }
        Verdict::DoesNotFit
    }

    /// Puts the choice's lessons in; returns the days they fall on.
    fn add(&self, choice: &Choice, state: &mut State) -> Vec<usize> {
        let mut touched = Vec::new();
        for &s in &choice.slots {
            state.taken[s] = true;
            let slot = &self.model.slots[s];
            let lesson = Lesson {
                day: slot.day,
                position: slot.position,
                start: slot.start,
                end: slot.end,
                node: choice.node,
            };
            let day = &mut state.days[slot.day];
            let at = day.partition_point(|l| l.start < lesson.start);
            day.insert(at, lesson);
            if !touched.contains(&slot.day) {
                touched.push(slot.day);
            }
        }
        touched
    }

    fn remove(&self, choice: &Choice, state: &mut State) {
        for &s in &choice.slots {
            state.taken[s] = false;
            let slot = &self.model.slots[s];
            state.days[slot.day].retain(|l| l.position != slot.position);
        }
    }

    fn day_works(&self, lessons: &[Lesson], judge: Judge) -> bool {
        !self.judge_travel || self.travel.day_works(self.home, lessons, judge)
    }

    fn days_work(&self, days: &[Vec<Lesson>], judge: Judge) -> bool {
        days.iter().all(|lessons| self.day_works(lessons, judge))
    }
}
