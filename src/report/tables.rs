//! CSV tables of a plan, one per kind of entity, for planners' spreadsheets: who sits
//! where and when (`students.csv`), what opens (`sections.csv`), teachers' loads
//! (`teachers.csv`), room bookings (`rooms.csv`), bus loads per segment (`trips.csv`)
//! and what the plan leaves out (`unmet.csv`).
//!
//! Every file has a header row; rows follow the order of the plan (students,
//! sections) or of the instance (teachers, rooms, trips, unmet requests), so the same plan gives the same
//! bytes and spreadsheets can be compared line by line. Clock times are "HH:MM", local
//! as in the instance; slots are written with their day ("Mon 08:15-09:30").

use std::collections::{BTreeMap, HashMap, HashSet};

use super::NamedFile;
use super::plan_index::{PlanDataError, PlanIndex, SlotTimes};
use crate::instance::{Instance, format_clock, parse_clock};
use crate::solution::{Mode, SectionPlan, Solution};

/// Why the tables cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// The plan names something the instance lacks, or a time does not read.
    #[error(transparent)]
    Plan(#[from] PlanDataError),
    /// The CSV writer failed (it writes to memory, so this should not happen).
    #[error("writing {file}: {message}")]
    Csv { file: &'static str, message: String },
}

/// A table being filled: its file name and rows, header first.
struct Table {
    file: &'static str,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(file: &'static str, header: &[&str]) -> Self {
        Table {
            file,
            rows: vec![header.iter().map(|h| (*h).to_owned()).collect()],
        }
    }

    fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    fn write(self) -> Result<NamedFile, TableError> {
        let fail = |message: String| TableError::Csv {
            file: self.file,
            message,
        };
        let mut writer = csv::Writer::from_writer(Vec::new());
        for row in &self.rows {
            writer.write_record(row).map_err(|e| fail(e.to_string()))?;
        }
        let bytes = writer.into_inner().map_err(|e| fail(e.to_string()))?;
        let contents = String::from_utf8(bytes).map_err(|e| fail(e.to_string()))?;
        Ok(NamedFile {
            file_name: self.file.to_owned(),
            contents,
        })
    }
}

fn slot_text(slot: &SlotTimes<'_>) -> String {
    format!(
        "{} {}-{}",
        slot.day.id,
        format_clock(slot.start),
        format_clock(slot.end)
    )
}

/// The section's slots, in week order.
fn section_slots<'a>(
    index: &PlanIndex<'a>,
    section: &SectionPlan,
    s: usize,
) -> Result<Vec<(&'a str, SlotTimes<'a>)>, PlanDataError> {
    let mut slots = Vec::new();
    for (k, id) in section.slots.iter().enumerate() {
        let slot = index.slot(id, || format!("sections[{s}].slots[{k}]"))?;
        slots.push((
            index.instance.time_grid.slots[slot.position].id.as_str(),
            slot,
        ));
    }
    slots.sort_by_key(|(_, slot)| slot.position);
    Ok(slots)
}

fn joined_slots(slots: &[(&str, SlotTimes<'_>)]) -> String {
    slots
        .iter()
        .map(|(_, slot)| slot_text(slot))
        .collect::<Vec<_>>()
        .join("; ")
}

fn mode_text(mode: Mode) -> &'static str {
    match mode {
        Mode::InPerson => "in person",
        Mode::Remote => "remote",
    }
}

/// The CSV tables of a plan: `students.csv`, `sections.csv`, `teachers.csv`,
/// `rooms.csv`, `trips.csv` and `unmet.csv`, in that order.
pub fn csv_tables(instance: &Instance, solution: &Solution) -> Result<Vec<NamedFile>, TableError> {
    let index = PlanIndex::new(instance, solution);
    let mut slots_of = Vec::new();
    for (s, section) in solution.sections.iter().enumerate() {
        slots_of.push(section_slots(&index, section, s)?);
    }
    // (section position) -> (in person, remote per site).
    let mut in_person = vec![0usize; solution.sections.len()];
    let mut remote: Vec<BTreeMap<&str, usize>> = vec![BTreeMap::new(); solution.sections.len()];
    for (p, plan) in solution.students.iter().enumerate() {
        for (j, a) in plan.sections.iter().enumerate() {
            let (s, _) = index.section(&a.section, || {
                format!("students[{p}].sections[{j}].section")
            })?;
            match a.mode {
                Mode::InPerson => in_person[s] += 1,
                Mode::Remote => *remote[s].entry(a.site.as_str()).or_default() += 1,
            }
        }
    }
    Ok(vec![
        students(&index, &slots_of)?.write()?,
        sections(&index, &slots_of, &in_person, &remote)?.write()?,
        teachers(&index, &slots_of)?.write()?,
        rooms(&index, &slots_of, &in_person, &remote)?.write()?,
        trips(&index)?.write()?,
        unmet(&index).write()?,
    ])
}

type SectionSlots<'a> = Vec<Vec<(&'a str, SlotTimes<'a>)>>;

fn students(index: &PlanIndex<'_>, slots_of: &SectionSlots<'_>) -> Result<Table, TableError> {
    let mut table = Table::new(
        "students.csv",
        &[
            "student",
            "course",
            "courseName",
            "section",
            "mode",
            "site",
            "room",
            "teacher",
            "slots",
        ],
    );
    for (p, plan) in index.solution.students.iter().enumerate() {
        for (j, a) in plan.sections.iter().enumerate() {
            let field = format!("students[{p}].sections[{j}]");
            let (s, section) = index.section(&a.section, || format!("{field}.section"))?;
            let course = index.course(&section.course, || format!("sections[{s}].course"))?;
            let room = match a.mode {
                Mode::InPerson => section.room.clone(),
                Mode::Remote => section
                    .streams
                    .iter()
                    .find(|stream| stream.site == a.site)
                    .map(|stream| stream.room.clone())
                    .unwrap_or_default(),
            };
            table.push(vec![
                plan.student.clone(),
                course.id.clone(),
                course.name.clone(),
                section.id.clone(),
                mode_text(a.mode).to_owned(),
                a.site.clone(),
                room,
                section.teacher.clone(),
                joined_slots(&slots_of[s]),
            ]);
        }
    }
    Ok(table)
}

fn sections(
    index: &PlanIndex<'_>,
    slots_of: &SectionSlots<'_>,
    in_person: &[usize],
    remote: &[BTreeMap<&str, usize>],
) -> Result<Table, TableError> {
    let mut table = Table::new(
        "sections.csv",
        &[
            "section",
            "course",
            "courseName",
            "site",
            "room",
            "teacher",
            "pattern",
            "slots",
            "streams",
            "inPerson",
            "remote",
            "students",
            "maxSize",
        ],
    );
    for (s, section) in index.solution.sections.iter().enumerate() {
        let course = index.course(&section.course, || format!("sections[{s}].course"))?;
        let streams: Vec<String> = section
            .streams
            .iter()
            .map(|stream| format!("{} room {}", stream.site, stream.room))
            .collect();
        let remote_count: usize = remote[s].values().sum();
        table.push(vec![
            section.id.clone(),
            course.id.clone(),
            course.name.clone(),
            section.site.clone(),
            section.room.clone(),
            section.teacher.clone(),
            section.pattern.clone().unwrap_or_default(),
            joined_slots(&slots_of[s]),
            streams.join("; "),
            in_person[s].to_string(),
            remote_count.to_string(),
            (in_person[s] + remote_count).to_string(),
            course.max_size.to_string(),
        ]);
    }
    Ok(table)
}

fn teachers(index: &PlanIndex<'_>, slots_of: &SectionSlots<'_>) -> Result<Table, TableError> {
    let mut table = Table::new(
        "teachers.csv",
        &[
            "teacher",
            "name",
            "homeSite",
            "sections",
            "lessonsPerWeek",
            "maxLessonsPerWeek",
            "drives",
            "km",
        ],
    );
    let solution = index.solution;
    for (d, drive) in solution.teacher_drives.iter().enumerate() {
        index.teacher(&drive.teacher, || format!("teacherDrives[{d}].teacher"))?;
    }
    for (s, section) in solution.sections.iter().enumerate() {
        index.teacher(&section.teacher, || format!("sections[{s}].teacher"))?;
    }
    for teacher in &index.instance.teachers {
        let taught: Vec<usize> = (0..solution.sections.len())
            .filter(|&s| solution.sections[s].teacher == teacher.id)
            .collect();
        let lessons: usize = taught.iter().map(|&s| slots_of[s].len()).sum();
        let drives: Vec<f64> = solution
            .teacher_drives
            .iter()
            .filter(|d| d.teacher == teacher.id)
            .map(|d| d.km)
            .collect();
        table.push(vec![
            teacher.id.clone(),
            teacher.name.clone(),
            teacher.home_site.clone(),
            taught
                .iter()
                .map(|&s| solution.sections[s].id.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            lessons.to_string(),
            teacher.max_lessons_per_week.to_string(),
            drives.len().to_string(),
            format!("{:.1}", drives.iter().sum::<f64>()),
        ]);
    }
    Ok(table)
}

fn rooms(
    index: &PlanIndex<'_>,
    slots_of: &SectionSlots<'_>,
    in_person: &[usize],
    remote: &[BTreeMap<&str, usize>],
) -> Result<Table, TableError> {
    let mut table = Table::new(
        "rooms.csv",
        &[
            "room", "site", "capacity", "slot", "day", "start", "end", "section", "course", "use",
            "students",
        ],
    );
    // (room position, slot position, section position, row)
    let mut bookings: Vec<(usize, usize, usize, Vec<String>)> = Vec::new();
    for (s, section) in index.solution.sections.iter().enumerate() {
        let mut uses = vec![(
            section.room.as_str(),
            format!("sections[{s}].room"),
            "teaching",
            in_person[s],
        )];
        for (k, stream) in section.streams.iter().enumerate() {
            let count = remote[s].get(stream.site.as_str()).copied().unwrap_or(0);
            uses.push((
                stream.room.as_str(),
                format!("sections[{s}].streams[{k}].room"),
                "receiving",
                count,
            ));
        }
        for (room_id, field, use_, students) in uses {
            let (r, room) = index.room(room_id, || field.clone())?;
            for (slot_id, slot) in &slots_of[s] {
                bookings.push((
                    r,
                    slot.position,
                    s,
                    vec![
                        room.id.clone(),
                        room.site.clone(),
                        room.capacity.to_string(),
                        (*slot_id).to_owned(),
                        slot.day.id.clone(),
                        format_clock(slot.start),
                        format_clock(slot.end),
                        section.id.clone(),
                        section.course.clone(),
                        use_.to_owned(),
                        students.to_string(),
                    ],
                ));
            }
        }
    }
    bookings.sort_by_key(|(r, slot, s, _)| (*r, *slot, *s));
    for (_, _, _, row) in bookings {
        table.push(row);
    }
    Ok(table)
}

fn trips(index: &PlanIndex<'_>) -> Result<Table, TableError> {
    let mut table = Table::new(
        "trips.csv",
        &[
            "trip", "name", "day", "optional", "segment", "from", "departs", "to", "arrives",
            "riders", "load", "capacity",
        ],
    );
    let solution = index.solution;
    let bought: HashSet<(&str, &str)> = solution
        .trip_runs
        .iter()
        .map(|run| (run.trip.as_str(), run.day.as_str()))
        .collect();
    // (trip, day) -> (board stop, alight stop) of every leg.
    let mut legs: HashMap<(&str, &str), Vec<(usize, usize)>> = HashMap::new();
    for (p, plan) in solution.students.iter().enumerate() {
        for (j, leg) in plan.legs.iter().enumerate() {
            let (_, trip) = index.trip(&leg.trip, || format!("students[{p}].legs[{j}].trip"))?;
            let board = trip.stops.iter().position(|stop| stop.node == leg.from);
            let span = board.and_then(|b| {
                trip.stops[b + 1..]
                    .iter()
                    .position(|stop| stop.node == leg.to)
                    .map(|a| (b, b + 1 + a))
            });
            let span = span.ok_or_else(|| PlanDataError {
                field: format!("students[{p}].legs[{j}].to"),
                problem: format!(
                    "trip {:?} does not run from {:?} to {:?}",
                    trip.id, leg.from, leg.to
                ),
            })?;
            legs.entry((trip.id.as_str(), leg.day.as_str()))
                .or_default()
                .push(span);
        }
    }
    let instance = index.instance;
    for (t, trip) in instance.trips.iter().enumerate() {
        let mut times = Vec::new();
        for (k, stop) in trip.stops.iter().enumerate() {
            let minutes = parse_clock(&stop.time).ok_or_else(|| PlanDataError {
                field: format!("trips[{t}].stops[{k}].time"),
                problem: format!("{:?} is not a clock time", stop.time),
            })?;
            times.push(format_clock(minutes));
        }
        for day in &instance.time_grid.days {
            let runs = trip.days.contains(&day.id)
                && (!trip.optional || bought.contains(&(trip.id.as_str(), day.id.as_str())));
            if !runs {
                continue;
            }
            let spans = legs
                .get(&(trip.id.as_str(), day.id.as_str()))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            for k in 0..trip.stops.len().saturating_sub(1) {
                let load = spans.iter().filter(|(b, a)| *b <= k && k < *a).count();
                table.push(vec![
                    trip.id.clone(),
                    trip.name.clone(),
                    day.id.clone(),
                    trip.optional.to_string(),
                    (k + 1).to_string(),
                    trip.stops[k].node.clone(),
                    times[k].clone(),
                    trip.stops[k + 1].node.clone(),
                    times[k + 1].clone(),
                    spans.len().to_string(),
                    load.to_string(),
                    trip.capacity.to_string(),
                ]);
            }
        }
    }
    Ok(table)
}

fn unmet(index: &PlanIndex<'_>) -> Table {
    let mut table = Table::new(
        "unmet.csv",
        &[
            "student",
            "request",
            "kind",
            "courses",
            "weight",
            "mandatory",
        ],
    );
    let solution = index.solution;
    let sections: HashMap<&str, &str> = solution
        .sections
        .iter()
        .rev()
        .map(|s| (s.id.as_str(), s.course.as_str()))
        .collect();
    let mut taken: HashMap<&str, HashSet<&str>> = HashMap::new();
    for plan in &solution.students {
        let courses = taken.entry(plan.student.as_str()).or_default();
        for a in &plan.sections {
            if let Some(course) = sections.get(a.section.as_str()) {
                courses.insert(course);
            }
        }
    }
    let nothing = HashSet::new();
    for student in &index.instance.students {
        let courses = taken.get(student.id.as_str()).unwrap_or(&nothing);
        for request in &student.requests {
            if !courses.contains(request.course.as_str()) {
                table.push(vec![
                    student.id.clone(),
                    request.course.clone(),
                    "course".to_owned(),
                    request.course.clone(),
                    request.weight.to_string(),
                    request.mandatory.to_string(),
                ]);
            }
        }
        for group in &student.one_of {
            if !group.courses.iter().any(|c| courses.contains(c.as_str())) {
                table.push(vec![
                    student.id.clone(),
                    group.id.clone(),
                    "oneOf".to_owned(),
                    group.courses.join("; "),
                    group.weight.to_string(),
                    group.mandatory.to_string(),
                ]);
            }
        }
    }
    table
}
