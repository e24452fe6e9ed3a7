//! The count: a small MILP of how many sections each course opens in which pattern,
//! and which requests they serve, with places, rooms and buses left out. Its optimum
//! is a lower bound on every plan's cost (`bound.rs` solves it); it is also written
//! out whole by `kopa export model --scope count`.
//!
//! It keeps what no plan escapes: a section serves at most `maxSize` and at least
//! `minSize` students, a student sits in one section per slot and attends at most one
//! section of a course and one course of a one-of group, mandatory requests are met,
//! sections at one time need that many free qualified teachers and rooms, teachers
//! teach at most `maxLessonsPerWeek`, and a student living where no site is rides at
//! least the shortest bus out to a site and back on each day with a timed lesson (and
//! has no such lesson on a day without one). Every plan maps onto one of its points at
//! no lower cost (the terms it leaves out or undercounts are all non-negative).
//! Sections of courses whose lessons take slots of their own choosing are counted, not
//! timed.

use std::collections::HashMap;

use good_lp::{Constraint, Expression, ProblemVariables, Variable, VariableDefinition, variable};

use super::presence::Presence;
use crate::model::{Model, NodeIx, PatternIx, SiteIx, SlotIx, Timing};

/// The count's columns, objective and rows, each row named `family.n`.
pub struct CountModel {
    pub vars: ProblemVariables,
    pub objective: Expression,
    pub rows: Vec<Constraint>,
    pub row_names: Vec<String>,
}

/// Columns, named from the domain when `named` (names cost time and memory, so only
/// model files ask for them).
struct Columns {
    vars: ProblemVariables,
    named: bool,
}

impl Columns {
    fn add(&mut self, def: VariableDefinition, name: impl FnOnce() -> String) -> Variable {
        if self.named {
            self.vars.add(def.name(name()))
        } else {
            self.vars.add(def)
        }
    }
}

/// Rows with their names: the n-th row of a family is `family.n`.
#[derive(Default)]
struct NamedRows {
    rows: Vec<Constraint>,
    names: Vec<String>,
    counts: HashMap<&'static str, usize>,
}

impl NamedRows {
    fn push(&mut self, family: &'static str, row: Constraint) {
        let n = self.counts.entry(family).or_insert(0);
        self.names.push(format!("{family}.{n}"));
        *n += 1;
        self.rows.push(row);
    }
}

/// The count of `model`; its columns named from the domain when `named`.
pub fn count_model(model: &Model, named: bool) -> CountModel {
    let mut vars = Columns {
        vars: ProblemVariables::new(),
        named,
    };
    let mut rows = NamedRows::default();
    let mut objective = Expression::from(0.0);
    // Sections opened per course and pattern (one entry, `None`, for a course whose
    // lessons take slots of its own choosing: no clash is counted for those).
    let mut sections: Vec<Vec<(Option<PatternIx>, Variable)>> = Vec::new();
    for course in &model.courses {
        let k = |vars: &mut Columns, pattern: &str| {
            vars.add(
                variable().integer().min(0).max(course.max_sections as f64),
                || format!("open[{},{pattern}]", course.id),
            )
        };
        let per_pattern: Vec<(Option<PatternIx>, Variable)> = match &course.timing {
            Timing::Pattern(patterns) => patterns
                .iter()
                .map(|&p| (Some(p), k(&mut vars, &model.patterns[p].id)))
                .collect(),
            Timing::FreeSlots(_) => vec![(None, k(&mut vars, "free_slots"))],
        };
        let opened: Expression = per_pattern.iter().map(|&(_, v)| v).sum();
        objective += course.section_cost * opened.clone();
        rows.push("max_sections", opened.leq(course.max_sections as f64));
        sections.push(per_pattern);
    }
    let lessons = |course: usize, pattern: Option<PatternIx>| match (
        &model.courses[course].timing,
        pattern,
    ) {
        (_, Some(p)) => model.patterns[p].slots.len() as f64,
        (Timing::FreeSlots(n), None) => *n as f64,
        (Timing::Pattern(_), None) => 0.0,
    };
    let mut attendance: Vec<Vec<Expression>> = sections
        .iter()
        .map(|per_pattern| vec![Expression::from(0.0); per_pattern.len()])
        .collect();
    // Where a course's lessons can be followed: its own sites in person, and any site
    // with a video room when it may be taught remotely.
    let video_sites: Vec<SiteIx> = (0..model.sites.len())
        .filter(|&s| model.rooms.iter().any(|r| r.site == s && r.video))
        .collect();
    let attend_sites: Vec<Vec<SiteIx>> = model
        .courses
        .iter()
        .map(|c| {
            let mut sites = c.sites.clone();
            if c.remote_allowed {
                sites.extend(video_sites.iter().filter(|s| !c.sites.contains(s)));
            }
            sites
        })
        .collect();
    let mut presences: HashMap<NodeIx, Presence> = HashMap::new();
    for student in &model.students {
        let presence = presences
            .entry(student.home)
            .or_insert_with(|| Presence::of(model, student.home));
        let followable = |course: usize, slot: SlotIx| {
            attend_sites[course]
                .iter()
                .any(|&site| presence.can_be_at(model, site, slot))
        };
        // Whether a section of `course` in `pattern` can be attended at all by this
        // student (for free slots: whether enough slots can be).
        let attendable = |course: usize, pattern: Option<PatternIx>| match (
            &model.courses[course].timing,
            pattern,
        ) {
            (_, Some(p)) => model.patterns[p]
                .slots
                .iter()
                .all(|&slot| followable(course, slot)),
            (Timing::FreeSlots(n), None) => {
                (0..model.slots.len())
                    .filter(|&slot| followable(course, slot))
                    .count()
                    >= *n
            }
            (Timing::Pattern(_), None) => false,
        };
        // Columns per (course, pattern) for each course asked for (once, however many
        // requests name it); held at 0 where the student cannot be when it is taught.
        let mut attends: Vec<(usize, Vec<Variable>)> = Vec::new();
        for (r, request) in student.requests.iter().enumerate() {
            let met = vars.add(variable().min(0).max(1), || {
                format!("met[{},{r}]", student.id)
            });
            let mut served = Expression::from(0.0);
            for &course in &request.courses {
                let columns = match attends.iter().find(|(c, _)| *c == course) {
                    Some((_, columns)) => columns.clone(),
                    None => {
                        let columns: Vec<Variable> = sections[course]
                            .iter()
                            .map(|&(pattern, _)| {
                                let most = if attendable(course, pattern) { 1 } else { 0 };
                                vars.add(variable().integer().min(0).max(most), || {
                                    let pattern =
                                        pattern.map_or("free_slots", |p| &model.patterns[p].id);
                                    format!(
                                        "attend[{},{},{pattern}]",
                                        student.id, model.courses[course].id
                                    )
                                })
                            })
                            .collect();
                        attends.push((course, columns.clone()));
                        columns
                    }
                };
                served += columns.iter().copied().sum::<Expression>();
            }
            // One course of a one-of group, one section of a course: `served` <= 1.
            rows.push("one_section_per_request", served.clone().leq(1));
            rows.push("met_if_attended", Expression::from(met).leq(served));
            if request.mandatory {
                rows.push("mandatory", Expression::from(met).eq(1));
            }
            objective += model.weights.unmet_request * request.weight * (1.0 - met);
        }
        let mut busy = Expression::from(0.0);
        let mut per_slot: Vec<Expression> = vec![Expression::from(0.0); model.slots.len()];
        for (course, columns) in &attends {
            for (i, &column) in columns.iter().enumerate() {
                let pattern = sections[*course][i].0;
                attendance[*course][i] += column;
                busy += lessons(*course, pattern) * column;
                if let Some(p) = pattern {
                    for &slot in &model.patterns[p].slots {
                        per_slot[slot] += column;
                    }
                }
            }
        }
        rows.push("student_week", busy.leq(model.slots.len() as f64));
        // Travel: a day with a lesson that cannot be followed at a site where the
        // student lives costs at least the shortest ride out to a site elsewhere and
        // the shortest ride back (each leg is one trip).
        let at_home = |course: usize| {
            attend_sites[course]
                .iter()
                .any(|&site| model.sites[site].node == student.home)
        };
        for (day, day_slots) in model.days.iter().enumerate() {
            let sections = &sections;
            let on_day: Vec<Variable> = attends
                .iter()
                .filter(|(course, _)| !at_home(*course))
                .flat_map(|(course, columns)| {
                    columns.iter().enumerate().filter_map(move |(i, &column)| {
                        let pattern = sections[*course][i].0?;
                        model.patterns[pattern]
                            .slots
                            .iter()
                            .any(|slot| day_slots.slots.contains(slot))
                            .then_some(column)
                    })
                })
                .collect();
            if on_day.is_empty() {
                continue;
            }
            let shortest = |from_home: bool| {
                model
                    .sites
                    .iter()
                    .flat_map(|site| {
                        let (from, to) = if from_home {
                            (student.home, site.node)
                        } else {
                            (site.node, student.home)
                        };
                        model.rides(day, from, to)
                    })
                    .map(|option| option.ride_minutes())
                    .min_by(f64::total_cmp)
            };
            let away = vars.add(variable().min(0).max(1), || {
                format!("away[{},{}]", student.id, day_slots.id)
            });
            for &column in &on_day {
                rows.push(
                    "away_if_lesson_elsewhere",
                    Expression::from(column).leq(away),
                );
            }
            match (shortest(true), shortest(false)) {
                (Some(out), Some(back)) => {
                    objective += model.weights.student_travel_minute * (out + back) * away;
                }
                // No bus out or back that day: no lesson away from home that day.
                _ => rows.push("no_bus_that_day", Expression::from(away).eq(0)),
            }
        }
        for in_slot in per_slot {
            rows.push("student_slot", in_slot.leq(1));
        }
    }
    let mut all_lessons = Expression::from(0.0);
    let mut opened_in_slot: Vec<Expression> = vec![Expression::from(0.0); model.slots.len()];
    for (c, course) in model.courses.iter().enumerate() {
        let qualified: Vec<&crate::model::Teacher> = model
            .teachers
            .iter()
            .filter(|t| t.can_teach.contains(&c))
            .collect();
        let mut course_lessons = Expression::from(0.0);
        let mut course_in_slot: Vec<Expression> = vec![Expression::from(0.0); model.slots.len()];
        for (i, &(pattern, k)) in sections[c].iter().enumerate() {
            rows.push(
                "max_size",
                attendance[c][i].clone().leq(f64::from(course.max_size) * k),
            );
            rows.push(
                "min_size",
                attendance[c][i].clone().geq(f64::from(course.min_size) * k),
            );
            course_lessons += lessons(c, pattern) * k;
            if let Some(p) = pattern {
                for &slot in &model.patterns[p].slots {
                    course_in_slot[slot] += k;
                    opened_in_slot[slot] += k;
                }
            }
        }
        // Sections of one course at one time need as many qualified teachers free then.
        for (slot, in_slot) in course_in_slot.into_iter().enumerate() {
            let free = qualified
                .iter()
                .filter(|t| !t.unavailable.contains(&slot))
                .count();
            rows.push("qualified_teachers_free", in_slot.leq(free as f64));
        }
        let teachable: f64 = qualified.iter().map(|t| f64::from(t.max_lessons)).sum();
        rows.push(
            "qualified_teacher_load",
            course_lessons.clone().leq(teachable),
        );
        all_lessons += course_lessons;
    }
    for (slot, in_slot) in opened_in_slot.into_iter().enumerate() {
        let teachers = model
            .teachers
            .iter()
            .filter(|t| !t.unavailable.contains(&slot))
            .count();
        rows.push("teachers_free", in_slot.clone().leq(teachers as f64));
        rows.push("rooms", in_slot.leq(model.rooms.len() as f64));
    }
    let capacity: f64 = model
        .teachers
        .iter()
        .map(|t| f64::from(t.max_lessons))
        .sum();
    rows.push("teacher_capacity", all_lessons.leq(capacity));

    CountModel {
        vars: vars.vars,
        objective,
        rows: rows.rows,
        row_names: rows.names,
    }
}
