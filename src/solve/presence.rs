//! Where a student can be at all: on each day, the sites a student living at a road
//! node can reach by the day's buses and still get home from.
//!
//! The bound by counting uses it to drop what no plan can give: a student who cannot
//! be at any site that teaches (or receives by video) a course while its lessons run
//! cannot attend that course, whatever the timetable. It is a relaxation of the
//! itinerary rule on purpose (transfer buffers, lessons in between and the trips' seats
//! are ignored, and every optional trip counts as running), so what it calls
//! unreachable is unreachable in every plan.

use crate::model::{DayIx, Model, NodeIx, SiteIx, SlotIx};

/// For one home node: per day and node, the earliest time a student can arrive there
/// and the latest time they can leave it and still get home that day.
pub struct Presence {
    home: NodeIx,
    /// `[day][node]`: `None` when the node cannot be reached (or left for home) that
    /// day by any chain of buses.
    earliest_arrival: Vec<Vec<Option<f64>>>,
    latest_departure: Vec<Vec<Option<f64>>>,
}

impl Presence {
    /// The reach of a student living at `home`, computed from every trip of `model`
    /// (buses may be chained at the sites' nodes).
    pub fn of(model: &Model, home: NodeIx) -> Presence {
        let site_nodes: Vec<NodeIx> = model.sites.iter().map(|s| s.node).collect();
        let is_stop_place = |node: NodeIx| node == home || site_nodes.contains(&node);
        let mut earliest_arrival = Vec::with_capacity(model.days.len());
        let mut latest_departure = Vec::with_capacity(model.days.len());
        for day in 0..model.days.len() {
            let trips: Vec<_> = model
                .trips
                .iter()
                .filter(|trip| trip.days.contains(&day))
                .collect();
            // Forward: home is left whenever a bus does; a site's node can be left on
            // any bus departing after the student could be there.
            let mut arrival: Vec<Option<f64>> = vec![None; model.nodes.len()];
            arrival[home] = Some(f64::NEG_INFINITY);
            let mut changed = true;
            while changed {
                changed = false;
                for trip in &trips {
                    for (board, from) in trip.stops.iter().enumerate() {
                        if !arrival[from.node].is_some_and(|a| a <= from.time) {
                            continue;
                        }
                        for to in &trip.stops[board + 1..] {
                            if is_stop_place(to.node)
                                && arrival[to.node].is_none_or(|a| to.time < a)
                            {
                                arrival[to.node] = Some(to.time);
                                changed = true;
                            }
                        }
                    }
                }
            }
            // Backward: home can be reached from a node by a bus leaving it at or after
            // the student is there, directly or through another site's node.
            let mut departure: Vec<Option<f64>> = vec![None; model.nodes.len()];
            departure[home] = Some(f64::INFINITY);
            changed = true;
            while changed {
                changed = false;
                for trip in &trips {
                    for (alight, to) in trip.stops.iter().enumerate().rev() {
                        if !departure[to.node].is_some_and(|d| d >= to.time) {
                            continue;
                        }
                        for from in &trip.stops[..alight] {
                            if is_stop_place(from.node)
                                && departure[from.node].is_none_or(|d| from.time > d)
                            {
                                departure[from.node] = Some(from.time);
                                changed = true;
                            }
                        }
                    }
                }
            }
            earliest_arrival.push(arrival);
            latest_departure.push(departure);
        }
        Presence {
            home,
            earliest_arrival,
            latest_departure,
        }
    }

    /// Whether a student can be at `site` for the whole of `slot`.
    pub fn can_be_at(&self, model: &Model, site: SiteIx, slot: SlotIx) -> bool {
        let node = model.sites[site].node;
        if node == self.home {
            return true;
        }
        let slot = &model.slots[slot];
        let day: DayIx = slot.day;
        self.earliest_arrival[day][node].is_some_and(|a| a <= slot.start)
            && self.latest_departure[day][node].is_some_and(|d| d >= slot.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::Instance;

    fn tiny(file: &str) -> Model {
        let path = format!("{}/instances/tiny/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("tiny instance");
        let instance: Instance = serde_json::from_str(&text).expect("parses");
        Model::new(&instance).expect("valid")
    }

    /// On every tiny instance, a student can be at a site for a slot only if a bus
    /// gets them there before it starts and another leaves after it ends (or they
    /// live there).
    #[test]
    fn presence_follows_the_buses_of_the_day() {
        let dir = format!("{}/instances/tiny", env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).expect("tiny instances") {
            let file = entry.expect("entry").file_name();
            let file = file.to_string_lossy();
            if !file.ends_with(".json") || file.ends_with(".solution.json") {
                continue;
            }
            let model = tiny(&file);
            for student in &model.students {
                let presence = Presence::of(&model, student.home);
                for (site_ix, site) in model.sites.iter().enumerate() {
                    for (slot_ix, slot) in model.slots.iter().enumerate() {
                        let direct_out = model
                            .rides(slot.day, student.home, site.node)
                            .iter()
                            .any(|r| r.arrival <= slot.start);
                        let direct_back = model
                            .rides(slot.day, site.node, student.home)
                            .iter()
                            .any(|r| r.departure >= slot.end);
                        let there = presence.can_be_at(&model, site_ix, slot_ix);
                        if site.node == student.home || (direct_out && direct_back) {
                            assert!(there, "{file}: {} at {} {}", student.id, site.id, slot.id);
                        }
                        let any_out = model.trips.iter().any(|t| {
                            t.days.contains(&slot.day)
                                && t.stops
                                    .iter()
                                    .any(|s| s.node == site.node && s.time <= slot.start)
                        });
                        if site.node != student.home && !any_out {
                            assert!(!there, "{file}: {} at {} {}", student.id, site.id, slot.id);
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 0);
    }
}
