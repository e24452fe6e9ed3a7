//! How large a model would be, counted before building it, so that an instance far too
//! large for the machine is refused with a number instead of killed for memory.
//!
//! The student level dominates every model measured (attendance choices, bus rides and
//! stays in each student's day flows), so that is what is counted; the count is an
//! estimate, checked against built models in the tests.

use std::collections::BTreeSet;

use super::Timetable;
use super::builder::SectionSlot;
use super::configs::CoursePlacements;
use crate::model::{Model, NodeIx};

/// Where and when a student could sit for one section: (slots, road node).
type Place<'a> = (&'a [usize], NodeIx);

/// Estimated columns of the full model (every placement free).
pub fn full_model_columns(model: &Model, courses: &[CoursePlacements]) -> usize {
    let places: Vec<Vec<Place>> = courses
        .iter()
        .enumerate()
        .map(|(c, p)| {
            let mut seen = BTreeSet::new();
            let mut out = Vec::new();
            for pl in &p.placements {
                let slots = p.timings[pl.timing].slots.as_slice();
                if seen.insert((pl.timing, model.site_node(pl.site))) {
                    out.push((slots, model.site_node(pl.site)));
                }
                if model.courses[c].remote_allowed {
                    for (r, room) in model.rooms.iter().enumerate() {
                        let node = model.site_node(room.site);
                        if room.video && room.site != pl.site && seen.insert((pl.timing, node)) {
                            let _ = r;
                            out.push((slots, node));
                        }
                    }
                }
            }
            out
        })
        .collect();
    let per_section: Vec<usize> = model.courses.iter().map(|c| c.max_sections).collect();
    let placements: usize = courses
        .iter()
        .enumerate()
        .map(|(c, p)| p.placements.len() * per_section[c])
        .sum();
    placements + student_columns(model, &places, &per_section)
}

/// Estimated columns of the model with `timetable` fixed.
pub fn fixed_model_columns(
    model: &Model,
    courses: &[CoursePlacements],
    numbering: &[SectionSlot],
    timetable: &Timetable,
) -> usize {
    let mut places: Vec<Vec<Place>> = vec![Vec::new(); model.courses.len()];
    for (ix, choice) in timetable.sections.iter().enumerate() {
        let Some(choice) = choice else { continue };
        let c = numbering[ix].course;
        let pl = &courses[c].placements[choice.placement];
        let slots = courses[c].timings[pl.timing].slots.as_slice();
        places[c].push((slots, model.site_node(pl.site)));
        for &room in &choice.streams {
            places[c].push((slots, model.site_node(model.rooms[room].site)));
        }
    }
    student_columns(model, &places, &vec![1; model.courses.len()])
}

fn student_columns(model: &Model, places: &[Vec<Place>], per_section: &[usize]) -> usize {
    let mut columns = 0;
    for student in &model.students {
        let requested: BTreeSet<usize> = student
            .requests
            .iter()
            .flat_map(|r| r.courses.iter().copied())
            .collect();
        let mut nodes = BTreeSet::from([student.home]);
        for &c in &requested {
            columns += per_section[c] * places[c].len();
            nodes.extend(places[c].iter().map(|p| p.1));
        }
        if nodes.len() < 2 {
            continue;
        }
        for (day, d) in model.days.iter().enumerate() {
            columns += (d.slots.len() + 1) * nodes.len();
            for &a in &nodes {
                for &b in &nodes {
                    if a != b {
                        columns += model.rides(day, a, b).len();
                    }
                }
            }
        }
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instance::read_instance;
    use crate::milp::{Builder, Scope};

    fn model(path: &str) -> Model {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        Model::new(&read_instance(&path).expect("reads")).expect("resolves")
    }

    #[test]
    fn the_estimate_is_within_a_factor_of_three_of_the_built_model() {
        for path in [
            "instances/tornio-valley/tornio-valley.json",
            "instances/tornio-valley/tornio-valley-no-video.json",
            "tests/fixtures/solve/two-towns.json",
        ] {
            let m = model(path);
            let courses: Vec<CoursePlacements> = (0..m.courses.len())
                .map(|c| crate::milp::configs::enumerate(&m, c).expect("enumerates"))
                .collect();
            let estimate = full_model_columns(&m, &courses) as f64;
            let built = Builder::build(&m, &courses, Scope::Free).size().variables as f64;
            let ratio = estimate / built;
            assert!(
                (1.0 / 3.0..=3.0).contains(&ratio),
                "{path}: estimated {estimate} columns, built {built}"
            );
        }
    }
}
