//! Resolving an `Instance` into a `Model`: ids to indices, clock times to minutes.

use std::collections::HashMap;

use super::*;
use crate::instance::{self, Instance, parse_clock};

/// Something `validate` would have rejected. The CLI validates first, so users see
/// this only if they call the library directly with an unvalidated instance.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ModelError {
    pub path: String,
    pub message: String,
}

fn err<T>(path: impl Into<String>, message: impl Into<String>) -> Result<T, ModelError> {
    Err(ModelError {
        path: path.into(),
        message: message.into(),
    })
}

/// Ids of one entity kind to their index.
struct Index<'a>(HashMap<&'a str, usize>, &'static str);

impl<'a> Index<'a> {
    fn new(kind: &'static str, ids: impl Iterator<Item = &'a str>) -> Result<Self, ModelError> {
        let mut map = HashMap::new();
        for (i, id) in ids.enumerate() {
            if map.insert(id, i).is_some() {
                return err(kind, format!("duplicate {kind} id \"{id}\""));
            }
        }
        Ok(Index(map, kind))
    }

    fn get(&self, id: &str, path: impl FnOnce() -> String) -> Result<usize, ModelError> {
        match self.0.get(id) {
            Some(&i) => Ok(i),
            None => err(path(), format!("{} \"{id}\" does not exist", self.1)),
        }
    }

    fn all(
        &self,
        ids: &[String],
        path: impl Fn(usize) -> String,
    ) -> Result<Vec<usize>, ModelError> {
        ids.iter()
            .enumerate()
            .map(|(i, id)| self.get(id, || path(i)))
            .collect()
    }
}

fn clock(text: &str, path: impl FnOnce() -> String) -> Result<f64, ModelError> {
    match parse_clock(text) {
        Some(minutes) => Ok(f64::from(minutes)),
        None => err(path(), format!("\"{text}\" is not a clock time HH:MM")),
    }
}

fn positive(value: i64, path: impl FnOnce() -> String) -> Result<u32, ModelError> {
    match u32::try_from(value) {
        Ok(v) if v > 0 => Ok(v),
        _ => err(
            path(),
            format!("must be a whole number from 1 to {}, got {value}", u32::MAX),
        ),
    }
}

fn non_negative(value: i64, path: impl FnOnce() -> String) -> Result<u32, ModelError> {
    u32::try_from(value).or_else(|_| {
        err(
            path(),
            format!("must be a whole number from 0 to {}, got {value}", u32::MAX),
        )
    })
}

pub(super) fn build(inst: &Instance) -> Result<Model, ModelError> {
    if inst.format_version != instance::FORMAT_VERSION {
        return err("formatVersion", "unsupported format version");
    }
    let grid = &inst.time_grid;
    let day_ix = Index::new("day", grid.days.iter().map(|d| d.id.as_str()))?;
    let slot_ix = Index::new("slot", grid.slots.iter().map(|s| s.id.as_str()))?;
    let node_ix = Index::new(
        "road node",
        inst.road_network.nodes.iter().map(|n| n.id.as_str()),
    )?;
    let site_ix = Index::new("site", inst.sites.iter().map(|s| s.id.as_str()))?;
    let course_ix = Index::new("course", inst.courses.iter().map(|c| c.id.as_str()))?;
    Index::new("pattern", grid.patterns.iter().map(|p| p.id.as_str()))?;
    Index::new("room", inst.rooms.iter().map(|r| r.id.as_str()))?;
    Index::new("teacher", inst.teachers.iter().map(|t| t.id.as_str()))?;
    Index::new("student", inst.students.iter().map(|s| s.id.as_str()))?;
    Index::new("trip", inst.trips.iter().map(|t| t.id.as_str()))?;

    let mut slots = Vec::with_capacity(grid.slots.len());
    for (i, s) in grid.slots.iter().enumerate() {
        let day = day_ix.get(&s.day, || format!("timeGrid.slots[{i}].day"))?;
        let start = clock(&s.start, || format!("timeGrid.slots[{i}].start"))?;
        let end = clock(&s.end, || format!("timeGrid.slots[{i}].end"))?;
        if end <= start {
            return err(
                format!("timeGrid.slots[{i}].end"),
                format!("slot \"{}\" ends before it starts", s.id),
            );
        }
        slots.push(Slot {
            id: s.id.clone(),
            day,
            position: 0,
            start,
            end,
        });
    }
    let mut days: Vec<Day> = grid
        .days
        .iter()
        .map(|d| Day {
            id: d.id.clone(),
            slots: Vec::new(),
        })
        .collect();
    for (i, slot) in slots.iter().enumerate() {
        days[slot.day].slots.push(i);
    }
    for day in &mut days {
        day.slots
            .sort_by(|&a, &b| slots[a].start.total_cmp(&slots[b].start));
        for pair in day.slots.windows(2) {
            if slots[pair[1]].start < slots[pair[0]].end {
                return err(
                    "timeGrid.slots",
                    format!(
                        "slots \"{}\" and \"{}\" overlap",
                        slots[pair[0]].id, slots[pair[1]].id
                    ),
                );
            }
        }
        for (position, &s) in day.slots.iter().enumerate() {
            slots[s].position = position;
        }
    }

    let patterns = grid
        .patterns
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Ok(Pattern {
                id: p.id.clone(),
                slots: slot_ix.all(&p.slots, |j| format!("timeGrid.patterns[{i}].slots[{j}]"))?,
            })
        })
        .collect::<Result<Vec<_>, ModelError>>()?;

    let nodes: Vec<String> = inst
        .road_network
        .nodes
        .iter()
        .map(|n| n.id.clone())
        .collect();
    let mut roads = Vec::with_capacity(inst.road_network.roads.len());
    for (i, r) in inst.road_network.roads.iter().enumerate() {
        let from = node_ix.get(&r.from, || format!("roadNetwork.roads[{i}].from"))?;
        let to = node_ix.get(&r.to, || format!("roadNetwork.roads[{i}].to"))?;
        if !(r.minutes > 0.0 && r.km > 0.0) {
            return err(
                format!("roadNetwork.roads[{i}]"),
                "minutes and km must be positive",
            );
        }
        roads.push((from, to, r.minutes, r.km));
    }
    let roads = RoadTable::new(nodes.len(), &roads);

    let sites = inst
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| {
            Ok(Site {
                id: s.id.clone(),
                node: node_ix.get(&s.node, || format!("sites[{i}].node"))?,
                max_streams: non_negative(s.max_streams, || format!("sites[{i}].maxStreams"))?,
            })
        })
        .collect::<Result<Vec<_>, ModelError>>()?;
    for (i, a) in sites.iter().enumerate() {
        for b in &sites[i + 1..] {
            if roads.minutes(a.node, b.node).is_none() {
                return err(
                    format!("sites[{i}].node"),
                    format!(
                        "sites \"{}\" and \"{}\" are not connected by road",
                        a.id, b.id
                    ),
                );
            }
        }
    }

    let rooms = inst
        .rooms
        .iter()
        .enumerate()
        .map(|(i, r)| {
            Ok(Room {
                id: r.id.clone(),
                site: site_ix.get(&r.site, || format!("rooms[{i}].site"))?,
                capacity: positive(r.capacity, || format!("rooms[{i}].capacity"))?,
                features: r.features.clone(),
                video: r.video,
            })
        })
        .collect::<Result<Vec<_>, ModelError>>()?;

    let teachers = inst
        .teachers
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Ok(Teacher {
                id: t.id.clone(),
                home_site: site_ix.get(&t.home_site, || format!("teachers[{i}].homeSite"))?,
                can_teach: course_ix
                    .all(&t.can_teach, |j| format!("teachers[{i}].canTeach[{j}]"))?,
                sites: site_ix.all(&t.sites, |j| format!("teachers[{i}].sites[{j}]"))?,
                unavailable: slot_ix.all(&t.unavailable, |j| {
                    format!("teachers[{i}].unavailable[{j}]")
                })?,
                max_lessons: positive(t.max_lessons_per_week, || {
                    format!("teachers[{i}].maxLessonsPerWeek")
                })?,
            })
        })
        .collect::<Result<Vec<_>, ModelError>>()?;

    let mut courses = Vec::with_capacity(inst.courses.len());
    for (i, c) in inst.courses.iter().enumerate() {
        let path = |field: &str| format!("courses[{i}].{field}");
        let timing = match (&c.lessons_per_week, &c.pattern_kind) {
            (Some(n), None) => Timing::FreeSlots(positive(*n, || path("lessonsPerWeek"))? as usize),
            (None, Some(kind)) => {
                let of_kind: Vec<PatternIx> = grid
                    .patterns
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| &p.kind == kind)
                    .map(|(j, _)| j)
                    .collect();
                if of_kind.is_empty() {
                    return err(
                        path("patternKind"),
                        format!("no pattern of kind \"{kind}\""),
                    );
                }
                Timing::Pattern(of_kind)
            }
            _ => {
                return err(
                    path("lessonsPerWeek"),
                    "give exactly one of lessonsPerWeek and patternKind",
                );
            }
        };
        let min_size = non_negative(c.min_size, || path("minSize"))?;
        let max_size = positive(c.max_size, || path("maxSize"))?;
        if min_size > max_size {
            return err(path("minSize"), "minSize exceeds maxSize");
        }
        if c.section_cost.is_nan() || c.section_cost < 0.0 {
            return err(path("sectionCost"), "must not be negative");
        }
        courses.push(Course {
            id: c.id.clone(),
            timing,
            features: c.features.clone(),
            min_size,
            max_size,
            max_sections: positive(c.max_sections, || path("maxSections"))? as usize,
            sites: site_ix.all(&c.sites, |j| format!("courses[{i}].sites[{j}]"))?,
            remote_allowed: c.remote_allowed,
            prefer_in_person: c.prefer_in_person,
            section_cost: c.section_cost,
        });
    }

    let mut students = Vec::with_capacity(inst.students.len());
    for (i, s) in inst.students.iter().enumerate() {
        let mut requests = Vec::new();
        for (j, r) in s.requests.iter().enumerate() {
            requests.push(Request {
                courses: vec![
                    course_ix.get(&r.course, || format!("students[{i}].requests[{j}].course"))?,
                ],
                weight: r.weight,
                mandatory: r.mandatory,
                group: None,
            });
        }
        for (j, g) in s.one_of.iter().enumerate() {
            requests.push(Request {
                courses: course_ix.all(&g.courses, |k| {
                    format!("students[{i}].oneOf[{j}].courses[{k}]")
                })?,
                weight: g.weight,
                mandatory: g.mandatory,
                group: Some(g.id.clone()),
            });
        }
        let mut seen = std::collections::HashSet::new();
        for r in &requests {
            for &c in &r.courses {
                if !seen.insert(c) {
                    return err(
                        format!("students[{i}]"),
                        format!(
                            "student \"{}\" requests course \"{}\" twice",
                            s.id, courses[c].id
                        ),
                    );
                }
            }
            if r.weight.is_nan() || r.weight < 0.0 {
                return err(
                    format!("students[{i}]"),
                    "request weights must not be negative",
                );
            }
        }
        students.push(Student {
            id: s.id.clone(),
            home: node_ix.get(&s.home, || format!("students[{i}].home"))?,
            requests,
        });
    }

    let mut trips = Vec::with_capacity(inst.trips.len());
    for (i, t) in inst.trips.iter().enumerate() {
        let mut stops = Vec::with_capacity(t.stops.len());
        for (j, s) in t.stops.iter().enumerate() {
            stops.push(TripStop {
                node: node_ix.get(&s.node, || format!("trips[{i}].stops[{j}].node"))?,
                time: clock(&s.time, || format!("trips[{i}].stops[{j}].time"))?,
            });
        }
        if stops.len() < 2 || stops.windows(2).any(|w| w[1].time <= w[0].time) {
            return err(
                format!("trips[{i}].stops"),
                "a trip needs at least two stops with times strictly increasing",
            );
        }
        let mut nodes_seen = std::collections::HashSet::new();
        if !stops.iter().all(|s| nodes_seen.insert(s.node)) {
            return err(format!("trips[{i}].stops"), "a trip visits a node twice");
        }
        trips.push(Trip {
            id: t.id.clone(),
            days: day_ix.all(&t.days, |j| format!("trips[{i}].days[{j}]"))?,
            capacity: positive(t.capacity, || format!("trips[{i}].capacity"))?,
            optional: t.optional,
            cost_per_run: t.cost_per_run,
            stops,
        });
    }

    Ok(Model {
        name: inst.name.clone(),
        days,
        slots,
        patterns,
        nodes,
        roads,
        sites,
        rooms,
        teachers,
        courses,
        students,
        trips,
        transfer_buffer: inst.transport.transfer_buffer_minutes,
        weights: inst.weights.clone(),
    })
}
