//! Getting about on one day, for one student: rule 6 exactly (each change of place is
//! one ride of one trip, leaving after the lesson left plus the transfer buffer and
//! arriving by the next lesson's start minus the buffer; home has no time), and a
//! relaxation of it that prunes the search early (changes of trip allowed anywhere,
//! with no buffer).
//!
//! Optional trips count as running: alone in the valley, the plan may run any of them.
//! Seats are left out (every trip has at least one).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{DayIx, Model, NodeIx};

/// A lesson a student sits in: one slot at one road node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Lesson {
    pub day: DayIx,
    /// Position of the slot within its day.
    pub position: usize,
    pub start: f64,
    pub end: f64,
    pub node: NodeIx,
}

/// Whether to judge a day by rule 6 itself or by its relaxation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Judge {
    /// One direct ride per change of place.
    Exact,
    /// Any chain of rides; a day that fails it fails rule 6 whatever lessons are added.
    Relaxed,
}

/// The rides of every day, and the relaxed earliest arrivals from every place a day
/// can start at or continue from.
pub(super) struct Travel {
    buffer: f64,
    /// Per day: (from, to) -> (departure, arrival) of every ride a trip offers.
    direct: Vec<Rides>,
    /// Per node: its position in `from_place`, for site nodes and students' homes.
    place_of: BTreeMap<NodeIx, usize>,
    /// Per place, day and departure threshold `k` (0: any time; `k` >= 1: after the
    /// day's slot at position `k - 1` ends, plus the buffer): earliest arrival at every
    /// node with changes of trip allowed anywhere (infinity when none).
    from_place: Vec<Vec<ByThreshold>>,
}

/// (from, to) -> (departure, arrival) of every ride between them on one day.
type Rides = BTreeMap<(NodeIx, NodeIx), Vec<(f64, f64)>>;

/// Per departure threshold, the earliest arrival at every node.
type ByThreshold = Vec<Vec<f64>>;

impl Travel {
    /// `places`: the nodes days start or continue from (homes and site nodes).
    pub fn new(model: &Model, places: &BTreeSet<NodeIx>) -> Travel {
        let days = model.days.len();
        let mut direct: Vec<Rides> = vec![BTreeMap::new(); days];
        let mut runs_of_day: Vec<Vec<Vec<(NodeIx, f64)>>> = vec![Vec::new(); days];
        for trip in &model.trips {
            let stops: Vec<(NodeIx, f64)> = trip.stops.iter().map(|s| (s.node, s.time)).collect();
            for &day in &trip.days {
                let Some(rides) = direct.get_mut(day) else {
                    continue;
                };
                for (b, board) in stops.iter().enumerate() {
                    for alight in &stops[b + 1..] {
                        rides
                            .entry((board.0, alight.0))
                            .or_insert_with(Vec::new)
                            .push((board.1, alight.1));
                    }
                }
                runs_of_day[day].push(stops.clone());
            }
        }
        let buffer = model.transfer_buffer;
        let node_count = model.nodes.len();
        let place_of: BTreeMap<NodeIx, usize> =
            places.iter().enumerate().map(|(i, &n)| (n, i)).collect();
        let from_place = places
            .iter()
            .map(|&from| {
                (0..days)
                    .map(|day| {
                        let ends = model.days[day].slots.iter().map(|&s| model.slots[s].end);
                        std::iter::once(f64::NEG_INFINITY)
                            .chain(ends.map(|end| end + buffer))
                            .map(|leave| {
                                earliest_arrivals(&runs_of_day[day], node_count, from, leave)
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        Travel {
            buffer,
            direct,
            place_of,
            from_place,
        }
    }

    /// Whether a student living at `home` can sit in `lessons` (one day's, sorted by
    /// start, no two in one slot), going from home to the first and from the last home.
    pub fn day_works(&self, home: NodeIx, lessons: &[Lesson], judge: Judge) -> bool {
        let mut previous: Option<&Lesson> = None;
        for lesson in lessons {
            let from = previous.map_or(home, |p| p.node);
            if lesson.node != from
                && !self.can_ride(home, previous, lesson.node, Some(lesson), judge)
            {
                return false;
            }
            previous = Some(lesson);
        }
        match previous {
            Some(last) if last.node != home => self.can_ride(home, Some(last), home, None, judge),
            _ => true,
        }
    }

    /// A ride from the place of `after` (home when `None`) to `to`, leaving once
    /// `after` is over and arriving in time for `before` (any time when `None`).
    fn can_ride(
        &self,
        home: NodeIx,
        after: Option<&Lesson>,
        to: NodeIx,
        before: Option<&Lesson>,
        judge: Judge,
    ) -> bool {
        let leave = after.map_or(f64::NEG_INFINITY, |l| l.end + self.buffer);
        let arrive = before.map_or(f64::INFINITY, |l| l.start - self.buffer);
        match judge {
            Judge::Exact => {
                let from = after.map_or(home, |l| l.node);
                let Some(day) = after.or(before).map(|l| l.day) else {
                    return true;
                };
                self.direct
                    .get(day)
                    .and_then(|rides| rides.get(&(from, to)))
                    .is_some_and(|rides| {
                        rides
                            .iter()
                            .any(|&(departure, arrival)| departure >= leave && arrival <= arrive)
                    })
            }
            Judge::Relaxed => {
                let (from, threshold) = match after {
                    Some(l) => (l.node, l.position + 1),
                    None => (home, 0),
                };
                let Some(day) = after.or(before).map(|l| l.day) else {
                    return true;
                };
                // A place without a table (not a site node nor a home) is not judged:
                // lessons always sit at site nodes, so this does not happen.
                let Some(&place) = self.place_of.get(&from) else {
                    return true;
                };
                let earliest = self.from_place[place]
                    .get(day)
                    .and_then(|thresholds| thresholds.get(threshold))
                    .and_then(|arrivals| arrivals.get(to))
                    .copied()
                    .unwrap_or(f64::INFINITY);
                earliest <= arrive && earliest.is_finite()
            }
        }
    }
}

/// Earliest arrival at every node for someone at `from` from time `leave` on, riding
/// `runs` (each a trip's stops in order) with changes of trip allowed anywhere: a
/// label-correcting pass over the trips until nothing improves.
fn earliest_arrivals(
    runs: &[Vec<(NodeIx, f64)>],
    nodes: usize,
    from: NodeIx,
    leave: f64,
) -> Vec<f64> {
    let mut at = vec![f64::INFINITY; nodes];
    if let Some(start) = at.get_mut(from) {
        *start = leave;
    }
    loop {
        let mut improved = false;
        for stops in runs {
            let mut aboard = false;
            for &(node, time) in stops {
                let Some(best) = at.get_mut(node) else {
                    continue;
                };
                if aboard && time < *best {
                    *best = time;
                    improved = true;
                }
                aboard |= *best <= time;
            }
        }
        if !improved {
            return at;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_of_trip_reach_further_than_one_ride() {
        // 0 -> 1 at 8:00-8:30, then 1 -> 2 at 8:40-9:00; nothing goes 0 -> 2 directly.
        let runs = vec![vec![(0, 480.0), (1, 510.0)], vec![(1, 520.0), (2, 540.0)]];
        let at = earliest_arrivals(&runs, 4, 0, f64::NEG_INFINITY);
        assert_eq!(at, vec![f64::NEG_INFINITY, 510.0, 540.0, f64::INFINITY]);
        // Leaving after 8:00 misses the first ride, and with it everything.
        let at = earliest_arrivals(&runs, 4, 0, 481.0);
        assert_eq!(at[2], f64::INFINITY);
    }
}
