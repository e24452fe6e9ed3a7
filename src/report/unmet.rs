//! Why a request went unmet, in words a student or a counsellor can check against the
//! timetable: "request of S12 for Maths 4 (MAB04) (weight 2) unmet: its only section
//! MAB04-1 (Tuesday 08:15-09:30) clashes with S12's Physics 1 (FY01) (Tuesday
//! 08:15-09:30)". Courses, sites and slots are named as [`crate::report::label`] says.
//! The reasons are read off the plan as it stands (what is open, when, how full,
//! where), not off the solver's search, so they say what stops the request in *this*
//! plan; when nothing in the plan stops it, the sentence says so.

use crate::report::plan_index::PlanIndex;
use crate::words::count;

/// One unmet request or one-of group of one student.
#[derive(Debug, Clone)]
pub struct UnmetRequest {
    pub student: String,
    /// The requested course's label, or the labels of a one-of group's courses.
    pub courses: Vec<String>,
    /// The one-of group's id, for a group.
    pub group: Option<String>,
    pub weight: f64,
    pub mandatory: bool,
    /// Why, one clause per reason (per course without a section, per section).
    pub reasons: Vec<String>,
    /// The course's id, or a one-of group's course ids joined by `|`: the key of the
    /// checker's count of unmet requests by course.
    pub course_key: String,
    /// What stands in the way, in one word, for counting.
    pub obstacle: Obstacle,
}

/// What keeps an unmet request out, in one word: the least of the obstacles over the
/// request's sections (a section with a seat and no clash beats a full one, a full one
/// beats a clash).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Obstacle {
    /// No section of the course (of any course of the group) is open.
    NotOffered,
    /// Every open section clashes with the student's own lessons.
    Clash,
    /// An open section is full (and the others clash or are full).
    Full,
    /// A section has a seat and no clash: nothing but the way there (buses, the
    /// student's other lessons moved) keeps the student out; the plan judged it
    /// dearer than the request's weight.
    WayThere,
}

impl Obstacle {
    pub const ALL: [Obstacle; 4] = [
        Obstacle::NotOffered,
        Obstacle::Clash,
        Obstacle::Full,
        Obstacle::WayThere,
    ];

    /// A few words: "not offered", "clash", "full", "no way there worth it".
    pub fn words(self) -> &'static str {
        match self {
            Obstacle::NotOffered => "not offered",
            Obstacle::Clash => "clash",
            Obstacle::Full => "full",
            Obstacle::WayThere => "no way there worth its cost",
        }
    }
}

impl UnmetRequest {
    /// The whole sentence: "request of S12 for Maths 4 (MAB04) (weight 2) unmet: ...".
    pub fn sentence(&self) -> String {
        let what = match &self.group {
            Some(group) => format!("one of {} (group {group})", self.courses.join(", ")),
            None => self.courses.join(", "),
        };
        format!(
            "request of {} for {what} (weight {}) unmet: {}",
            self.student,
            self.weight,
            self.reasons.join("; ")
        )
    }
}

/// Every unmet request and group of every student of the instance, in instance order.
pub fn unmet_requests(index: &PlanIndex<'_>) -> Vec<UnmetRequest> {
    let mut unmet = Vec::new();
    for student in &index.instance.students {
        let attends = |course: &str| {
            index
                .student_lessons
                .get(student.id.as_str())
                .is_some_and(|lessons| lessons.iter().any(|l| l.section.course == course))
        };
        for request in &student.requests {
            if !attends(&request.course) {
                let (reasons, obstacle) =
                    reasons(index, &student.id, std::slice::from_ref(&request.course));
                unmet.push(UnmetRequest {
                    student: student.id.clone(),
                    courses: vec![index.course_label(&request.course)],
                    group: None,
                    weight: request.weight,
                    mandatory: request.mandatory,
                    reasons,
                    course_key: request.course.clone(),
                    obstacle,
                });
            }
        }
        for group in &student.one_of {
            if !group.courses.iter().any(|c| attends(c)) {
                let (reasons, obstacle) = reasons(index, &student.id, &group.courses);
                unmet.push(UnmetRequest {
                    student: student.id.clone(),
                    courses: group
                        .courses
                        .iter()
                        .map(|c| index.course_label(c))
                        .collect(),
                    group: Some(group.id.clone()),
                    weight: group.weight,
                    mandatory: group.mandatory,
                    reasons,
                    course_key: group.courses.join("|"),
                    obstacle,
                });
            }
        }
    }
    unmet
}

/// What keeps `student` out of each section of `courses` in this plan, and the least
/// of those obstacles.
fn reasons(index: &PlanIndex<'_>, student: &str, courses: &[String]) -> (Vec<String>, Obstacle) {
    let mut reasons = Vec::new();
    let mut least = Obstacle::NotOffered;
    for course in courses {
        let sections = index.sections_of_course.get(course.as_str());
        let Some(sections) = sections.filter(|s| !s.is_empty()) else {
            let asked = index
                .instance
                .students
                .iter()
                .filter(|s| {
                    s.requests.iter().any(|r| &r.course == course)
                        || s.one_of.iter().any(|g| g.courses.contains(course))
                })
                .count();
            reasons.push(format!(
                "{} is not taught in this plan ({} asked for it)",
                index.course_label(course),
                count(asked, "student", "students")
            ));
            continue;
        };
        let only = if sections.len() == 1 {
            "its only section"
        } else {
            "section"
        };
        for section in sections {
            let mut why = Vec::new();
            if let Some(clash) = clash_with_own_lessons(index, student, &section.slots) {
                why.push(clash);
                least = least.max(Obstacle::Clash);
            }
            let size = index.attendees.get(section.id.as_str()).map_or(0, Vec::len);
            if let Some(course) = index.courses.get(section.course.as_str())
                && i64::try_from(size).is_ok_and(|size| size >= course.max_size)
            {
                why.push(format!(
                    "is full ({size} of {})",
                    count(course.max_size, "student", "students")
                ));
                least = least.max(Obstacle::Full);
            }
            if why.is_empty() {
                least = Obstacle::WayThere;
                let streamed: Vec<String> = section
                    .streams
                    .iter()
                    .map(|s| index.site_label(&s.site))
                    .collect();
                let place = if streamed.is_empty() {
                    format!("taught at {}", index.site_label(&section.site))
                } else {
                    format!(
                        "taught at {} and streamed to {}",
                        index.site_label(&section.site),
                        streamed.join(", ")
                    )
                };
                why.push(format!(
                    "is {place} with seats free and no clash in {student}'s week: no rule keeps {student} out; the plan leaves the request unmet, as if getting there (buses, lessons moved) cost more than the request's weight"
                ));
            }
            reasons.push(format!(
                "{only} {} ({}) {}",
                section.id,
                slots_label(index, &section.slots),
                why.join(" and ")
            ));
        }
    }
    (reasons, least)
}

/// "clashes with PK01 (Tue 08:15-09:30)" for the first of the student's own lessons
/// that overlaps one of `slots`.
fn clash_with_own_lessons(
    index: &PlanIndex<'_>,
    student: &str,
    slots: &[String],
) -> Option<String> {
    let lessons = index.student_lessons.get(student)?;
    let mut clashes: Vec<String> = Vec::new();
    for lesson in lessons {
        if slots.iter().any(|s| index.overlap(s, lesson.slot)) {
            let text = format!(
                "{} ({})",
                index.course_label(&lesson.section.course),
                index.slot_label(lesson.slot)
            );
            if !clashes.contains(&text) {
                clashes.push(text);
            }
        }
    }
    (!clashes.is_empty()).then(|| format!("clashes with {student}'s {}", clashes.join(", ")))
}

fn slots_label(index: &PlanIndex<'_>, slots: &[String]) -> String {
    slots
        .iter()
        .map(|s| index.slot_label(s))
        .collect::<Vec<_>>()
        .join(", ")
}
