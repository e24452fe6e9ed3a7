//! Reading a plan back from a solver's column values.

use std::collections::BTreeMap;

use super::builder::{Builder, SectionSlot};
use super::configs::CoursePlacements;
use super::scope::{SectionChoice, Timetable};
use crate::model::{DayIx, Model, SiteIx, TeacherIx};
use crate::solution::{
    Attendance, Leg, Mode, SectionPlan, StreamPlan, StudentPlan, TeacherDrive, TripRun,
};

/// The decisions of a solved model: the plan's sections, students and trips, and its
/// timetable (to fix or warm-start the next model).
pub struct ExtractedPlan {
    pub sections: Vec<SectionPlan>,
    pub students: Vec<StudentPlan>,
    pub trip_runs: Vec<TripRun>,
    pub teacher_drives: Vec<TeacherDrive>,
    pub timetable: Timetable,
}

fn is_set(value: f64) -> bool {
    value > 0.5
}

/// A section's id in a plan: the course id and the section's number from 1.
pub fn section_id(model: &Model, slot: SectionSlot) -> String {
    format!("{}-{}", model.courses[slot.course].id, slot.k + 1)
}

/// The opened sections of `timetable` as in a solution file; `numbering` maps a
/// timetable index to (course, k) as `Builder::sections` does.
pub fn section_plans(
    model: &Model,
    courses: &[CoursePlacements],
    numbering: &[SectionSlot],
    timetable: &Timetable,
) -> Vec<SectionPlan> {
    let mut sections = Vec::new();
    for (section, choice) in timetable.sections.iter().enumerate() {
        let Some(choice) = choice else { continue };
        let course = numbering[section].course;
        let placement = &courses[course].placements[choice.placement];
        let timing = &courses[course].timings[placement.timing];
        sections.push(SectionPlan {
            id: section_id(model, numbering[section]),
            course: model.courses[course].id.clone(),
            site: model.sites[placement.site].id.clone(),
            room: model.rooms[placement.room].id.clone(),
            teacher: model.teachers[placement.teacher].id.clone(),
            pattern: timing.pattern.map(|p| model.patterns[p].id.clone()),
            slots: timing
                .slots
                .iter()
                .map(|&s| model.slots[s].id.clone())
                .collect(),
            streams: choice
                .streams
                .iter()
                .map(|&room| StreamPlan {
                    site: model.sites[model.rooms[room].site].id.clone(),
                    room: model.rooms[room].id.clone(),
                })
                .collect(),
        });
    }
    sections
}

/// `value(var)` gives the solver's value of each variable of `builder`.
pub fn extract_plan(
    builder: &Builder<'_>,
    value: impl Fn(good_lp::Variable) -> f64,
) -> ExtractedPlan {
    let model = builder.model;
    let mut timetable = Timetable {
        sections: vec![None; builder.sections.len()],
    };
    for p in builder.placements.iter().filter(|p| is_set(value(p.var))) {
        timetable.sections[p.section] = Some(SectionChoice {
            placement: p.placement,
            streams: Vec::new(),
        });
    }
    for s in builder.streams.iter().filter(|s| is_set(value(s.var))) {
        if let Some(choice) = timetable.sections[s.section].as_mut() {
            choice.streams.push(s.room);
            choice.streams.sort_unstable();
        }
    }
    let sections = section_plans(model, builder.courses, &builder.sections, &timetable);
    let section_id = |section: usize| section_id(model, builder.sections[section]);
    let mut students: BTreeMap<usize, StudentPlan> = BTreeMap::new();
    let empty_plan = |s: usize| StudentPlan {
        student: model.students[s].id.clone(),
        sections: Vec::new(),
        legs: Vec::new(),
    };
    for a in builder.attends.iter().filter(|a| is_set(value(a.var))) {
        let plan = students
            .entry(a.student)
            .or_insert_with(|| empty_plan(a.student));
        plan.sections.push(Attendance {
            section: section_id(a.section),
            mode: if a.remote {
                Mode::Remote
            } else {
                Mode::InPerson
            },
            site: model.sites[a.site].id.clone(),
        });
    }
    for r in builder.rides.iter().filter(|r| is_set(value(r.var))) {
        let plan = students
            .entry(r.student)
            .or_insert_with(|| empty_plan(r.student));
        let trip = &model.trips[r.option.trip];
        plan.legs.push(Leg {
            day: model.days[r.day].id.clone(),
            trip: trip.id.clone(),
            from: model.nodes[trip.stops[r.option.board].node].clone(),
            to: model.nodes[trip.stops[r.option.alight].node].clone(),
        });
    }
    let trip_runs = builder
        .runs
        .iter()
        .filter(|(_, var)| is_set(value(**var)))
        .map(|(&(trip, day), _)| TripRun {
            trip: model.trips[trip].id.clone(),
            day: model.days[day].id.clone(),
        })
        .collect();
    let teacher_drives = teacher_drives(model, builder.courses, &builder.sections, &timetable);
    ExtractedPlan {
        sections,
        students: students.into_values().collect(),
        trip_runs,
        teacher_drives,
        timetable,
    }
}

/// Each teacher's drives per day: home site, the sites of their lessons in time order,
/// home site; one drive per change of road node.
pub fn teacher_drives(
    model: &Model,
    courses: &[CoursePlacements],
    numbering: &[SectionSlot],
    timetable: &Timetable,
) -> Vec<TeacherDrive> {
    let mut lessons: BTreeMap<(TeacherIx, DayIx), Vec<(f64, SiteIx)>> = BTreeMap::new();
    for (section, choice) in timetable.sections.iter().enumerate() {
        let Some(choice) = choice else { continue };
        let course = numbering[section].course;
        let placement = &courses[course].placements[choice.placement];
        for &slot in &courses[course].timings[placement.timing].slots {
            let s = &model.slots[slot];
            lessons
                .entry((placement.teacher, s.day))
                .or_default()
                .push((s.start, placement.site));
        }
    }
    let mut drives = Vec::new();
    for ((teacher, day), mut day_lessons) in lessons {
        day_lessons.sort_by(|a, b| a.0.total_cmp(&b.0));
        let home = model.teachers[teacher].home_site;
        let mut route = vec![home];
        route.extend(day_lessons.iter().map(|&(_, site)| site));
        route.push(home);
        let mut at = route[0];
        for &next in &route[1..] {
            let (a, b) = (model.site_node(at), model.site_node(next));
            if a != b {
                drives.push(TeacherDrive {
                    teacher: model.teachers[teacher].id.clone(),
                    day: model.days[day].id.clone(),
                    from_site: model.sites[at].id.clone(),
                    to_site: model.sites[next].id.clone(),
                    km: model.roads.km(a, b).unwrap_or(0.0),
                });
            }
            at = next;
        }
    }
    drives
}
