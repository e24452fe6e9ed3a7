//! The objective item by item: which request, section, bus run, drive, ride, remote
//! lesson and idle hour each euro comes from. The checker gives the totals (the
//! numbers a plan is judged by); this itemises them for people, so a planner can ask
//! "why does this plan cost 300 euros in unmet requests" and get names.
//!
//! The report shows the checker's totals and, under each, these items; when the items
//! do not add up to the checker's term the page says so (that would be a bug here).

use crate::model::Model;
use crate::report::plan_index::PlanIndex;
use crate::report::unmet::{UnmetRequest, unmet_requests};
use crate::solution::Mode;
use crate::words::count;

/// The objective terms, in the order the solution format lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Term {
    UnmetRequests,
    SectionCost,
    OptionalTrips,
    TeacherDriving,
    StudentTravel,
    RemoteDelivery,
    IdleSlots,
}

impl Term {
    pub const ALL: [Term; 7] = [
        Term::UnmetRequests,
        Term::SectionCost,
        Term::OptionalTrips,
        Term::TeacherDriving,
        Term::StudentTravel,
        Term::RemoteDelivery,
        Term::IdleSlots,
    ];

    /// The term's key in solution files and in `ObjectiveTerms::named`.
    pub fn key(self) -> &'static str {
        match self {
            Term::UnmetRequests => "unmetRequests",
            Term::SectionCost => "sectionCost",
            Term::OptionalTrips => "optionalTrips",
            Term::TeacherDriving => "teacherDriving",
            Term::StudentTravel => "studentTravel",
            Term::RemoteDelivery => "remoteDelivery",
            Term::IdleSlots => "idleSlots",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Term::UnmetRequests => "Unmet requests",
            Term::SectionCost => "Sections opened",
            Term::OptionalTrips => "Optional bus runs bought",
            Term::TeacherDriving => "Teachers driving between sites",
            Term::StudentTravel => "Students' time on buses",
            Term::RemoteDelivery => "Remote lessons in courses better taught in person",
            Term::IdleSlots => "Students' idle slots",
        }
    }
}

/// One item of one term: who or what, why, and how many euros a week.
#[derive(Debug, Clone)]
pub struct CostItem {
    pub term: Term,
    /// The entity ids the item is about (a student, a section, a trip, a teacher).
    pub entities: Vec<String>,
    pub reason: String,
    pub euros: f64,
}

/// Every item of every term of `index`'s plan, terms in order.
pub fn itemise(index: &PlanIndex<'_>, model: &Model) -> Vec<CostItem> {
    let mut items = Vec::new();
    let w = &index.instance.weights;
    for unmet in unmet_requests(index) {
        items.push(unmet_item(&unmet, w.unmet_request));
    }
    for section in &index.solution.sections {
        let cost = index
            .courses
            .get(section.course.as_str())
            .map_or(0.0, |c| c.section_cost);
        items.push(CostItem {
            term: Term::SectionCost,
            entities: vec![section.id.clone()],
            reason: format!(
                "section {} of {} at {}",
                section.id,
                index.course_label(&section.course),
                index.site_label(&section.site)
            ),
            euros: cost,
        });
    }
    for run in &index.solution.trip_runs {
        if let Some(trip) = index.trips.get(run.trip.as_str()).filter(|t| t.optional) {
            let riders = index
                .rides
                .get(&(run.trip.as_str(), run.day.as_str()))
                .map_or(0, Vec::len);
            items.push(CostItem {
                term: Term::OptionalTrips,
                entities: vec![run.trip.clone()],
                reason: format!(
                    "{} on {}: {}",
                    index.trip_label(&run.trip),
                    index.day_label(&run.day),
                    count(riders, "student leg", "student legs")
                ),
                euros: trip.cost_per_run,
            });
        }
    }
    items.extend(teacher_drives(index, model, w.teacher_km));
    for plan in &index.solution.students {
        let Some(rides) = index.student_rides.get(plan.student.as_str()) else {
            continue;
        };
        let minutes: u32 = rides
            .iter()
            .filter_map(|r| Some(r.alight?.saturating_sub(r.board?)))
            .sum();
        if minutes > 0 {
            items.push(CostItem {
                term: Term::StudentTravel,
                entities: vec![plan.student.clone()],
                reason: format!(
                    "{}: {} on buses in {}",
                    plan.student,
                    count(minutes, "minute", "minutes"),
                    count(rides.len(), "leg", "legs")
                ),
                euros: f64::from(minutes) * w.student_travel_minute,
            });
        }
    }
    items.extend(remote_lessons(index, w.remote_student_lesson));
    items.extend(idle_slots(index, w.idle_slot));
    items
}

fn unmet_item(unmet: &UnmetRequest, rate: f64) -> CostItem {
    CostItem {
        term: Term::UnmetRequests,
        entities: vec![unmet.student.clone()],
        reason: unmet.sentence(),
        euros: unmet.weight * rate,
    }
}

/// Each teacher's day away from home: home site, each lesson's site in time order,
/// home; km counted between different road nodes.
fn teacher_drives(index: &PlanIndex<'_>, model: &Model, rate: f64) -> Vec<CostItem> {
    let node_of_site = |site: &str| index.sites.get(site).map(|s| s.node.as_str());
    let node_ix = |node: &str| model.nodes.iter().position(|n| n == node);
    let km = |a: &str, b: &str| -> f64 {
        match (node_ix(a), node_ix(b)) {
            (Some(a), Some(b)) => model.roads.km(a, b).unwrap_or(0.0),
            _ => 0.0,
        }
    };
    let mut items = Vec::new();
    for teacher in &index.instance.teachers {
        let Some(home) = node_of_site(&teacher.home_site) else {
            continue;
        };
        let Some(lessons) = index.teacher_lessons.get(teacher.id.as_str()) else {
            continue;
        };
        for (day, slots) in &index.grid {
            let mut stops: Vec<(usize, &str)> = lessons
                .iter()
                .filter_map(|l| {
                    let position = slots.iter().position(|s| s.id == l.slot)?;
                    Some((position, node_of_site(l.site)?))
                })
                .collect();
            if stops.is_empty() {
                continue;
            }
            stops.sort_by_key(|(position, _)| *position);
            let route: Vec<&str> = std::iter::once(home)
                .chain(stops.iter().map(|(_, node)| *node))
                .chain(std::iter::once(home))
                .collect();
            let mut visited: Vec<&str> = route.clone();
            visited.dedup();
            let day_km: f64 = route
                .windows(2)
                .filter(|pair| pair[0] != pair[1])
                .map(|pair| km(pair[0], pair[1]))
                .sum();
            if day_km > 0.0 {
                let places: Vec<String> = visited.iter().map(|n| index.node_label(n)).collect();
                items.push(CostItem {
                    term: Term::TeacherDriving,
                    entities: vec![teacher.id.clone()],
                    reason: format!(
                        "{} on {}: {} ({day_km:.1} km)",
                        index.teacher_label(&teacher.id),
                        index.day_label(&day.id),
                        places.join(" → ")
                    ),
                    euros: day_km * rate,
                });
            }
        }
    }
    items
}

/// Remote student-lessons in courses that prefer in-person teaching, per section.
fn remote_lessons(index: &PlanIndex<'_>, rate: f64) -> Vec<CostItem> {
    let mut items = Vec::new();
    for section in &index.solution.sections {
        let Some(course) = index.courses.get(section.course.as_str()) else {
            continue;
        };
        if !course.prefer_in_person {
            continue;
        }
        let remote = index.attendees.get(section.id.as_str()).map_or(0, |a| {
            a.iter()
                .filter(|(_, mode, _)| *mode == Mode::Remote)
                .count()
        });
        if remote > 0 {
            let lessons = section.slots.len();
            items.push(CostItem {
                term: Term::RemoteDelivery,
                entities: vec![section.id.clone()],
                reason: format!(
                    "section {} of {}: {} remote, {} a week",
                    section.id,
                    index.course_label(&section.course),
                    count(remote, "student", "students"),
                    count(lessons, "lesson", "lessons")
                ),
                euros: (remote * lessons) as f64 * rate,
            });
        }
    }
    items
}

/// Per student and day, the day's slots between the first and last occupied one that
/// the student does not occupy.
fn idle_slots(index: &PlanIndex<'_>, rate: f64) -> Vec<CostItem> {
    let mut items = Vec::new();
    for plan in &index.solution.students {
        if !index.students.contains(plan.student.as_str()) {
            continue;
        }
        let Some(lessons) = index.student_lessons.get(plan.student.as_str()) else {
            continue;
        };
        for (day, slots) in &index.grid {
            let marks: Vec<bool> = slots
                .iter()
                .map(|s| lessons.iter().any(|l| l.slot == s.id))
                .collect();
            let (Some(first), Some(last)) = (
                marks.iter().position(|&m| m),
                marks.iter().rposition(|&m| m),
            ) else {
                continue;
            };
            let idle: Vec<String> = (first..=last)
                .filter(|&i| !marks[i])
                .map(|i| format!("{}-{}", slots[i].start, slots[i].end))
                .collect();
            if !idle.is_empty() {
                items.push(CostItem {
                    term: Term::IdleSlots,
                    entities: vec![plan.student.clone()],
                    reason: format!(
                        "{} on {}: nothing at {}",
                        plan.student,
                        index.day_label(&day.id),
                        idle.join(", ")
                    ),
                    euros: idle.len() as f64 * rate,
                });
            }
        }
    }
    items
}
