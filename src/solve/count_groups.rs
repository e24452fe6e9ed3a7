//! Groups of courses held to the teachers and rooms they share, in the count.
//!
//! The count checks teachers and rooms per course and for the whole school. A Hall
//! condition sits between the two: sections of courses that only the teachers of a
//! group may teach need that many of them free in each slot, and fit within their
//! loads together; sections needing a feature need that many rooms with it in each
//! slot. Three courses of one teacher each fit alone and all fit the school, yet no
//! two of them can share a bar. Each row holds for every plan (a section has its own
//! qualified teacher and its own room), so the count stays a relaxation.

use std::collections::BTreeSet;

use good_lp::{Constraint, Expression, Variable};

use crate::model::{Model, PatternIx, SlotIx, TeacherIx};

/// The rows for `model`, each with its family; `sections` as the count holds them
/// (per course, per pattern or `None` for free slots), `lessons` a section's lessons.
pub fn group_rows(
    model: &Model,
    sections: &[Vec<(Option<PatternIx>, Variable)>],
    lessons: impl Fn(usize, Option<PatternIx>) -> f64,
) -> Vec<(&'static str, Constraint)> {
    let mut rows = Vec::new();
    let qualified: Vec<BTreeSet<TeacherIx>> = (0..model.courses.len())
        .map(|c| {
            (0..model.teachers.len())
                .filter(|&t| model.teachers[t].can_teach.contains(&c))
                .collect()
        })
        .collect();
    // Teacher groups: each course's qualified teachers, each teacher alone, and the
    // union of two such groups that share a teacher.
    let mut groups: BTreeSet<BTreeSet<TeacherIx>> = qualified.iter().cloned().collect();
    groups.extend((0..model.teachers.len()).map(|t| BTreeSet::from([t])));
    let seeds: Vec<BTreeSet<TeacherIx>> = groups.iter().cloned().collect();
    for (i, a) in seeds.iter().enumerate() {
        for b in &seeds[i + 1..] {
            if !a.is_disjoint(b) {
                groups.insert(a.union(b).copied().collect());
            }
        }
    }
    let in_slot = |courses: &[usize], slot: SlotIx| -> Vec<Variable> {
        courses
            .iter()
            .flat_map(|&c| {
                sections[c].iter().filter_map(move |&(pattern, k)| {
                    pattern
                        .filter(|&p| model.patterns[p].slots.contains(&slot))
                        .map(|_| k)
                })
            })
            .collect()
    };
    for group in groups.iter().filter(|g| !g.is_empty()) {
        let courses: Vec<usize> = (0..model.courses.len())
            .filter(|&c| !qualified[c].is_empty() && qualified[c].is_subset(group))
            .collect();
        if courses.len() < 2 {
            continue;
        }
        for slot in 0..model.slots.len() {
            let free = group
                .iter()
                .filter(|&&t| !model.teachers[t].unavailable.contains(&slot))
                .count();
            let opened = in_slot(&courses, slot);
            if opened.len() > free {
                let opened: Expression = opened.into_iter().sum();
                rows.push(("group_teachers_free", opened.leq(free as f64)));
            }
        }
        let taught: Expression = courses
            .iter()
            .flat_map(|&c| sections[c].iter().map(move |&(p, k)| (c, p, k)))
            .map(|(c, p, k)| lessons(c, p) * k)
            .sum();
        let load: f64 = group
            .iter()
            .map(|&t| f64::from(model.teachers[t].max_lessons))
            .sum();
        rows.push(("group_teacher_load", taught.leq(load)));
    }
    let needs: BTreeSet<BTreeSet<&str>> = model
        .courses
        .iter()
        .filter(|c| !c.features.is_empty())
        .map(|c| c.features.iter().map(String::as_str).collect())
        .collect();
    for need in needs {
        let courses: Vec<usize> = (0..model.courses.len())
            .filter(|&c| {
                need.iter()
                    .all(|f| model.courses[c].features.iter().any(|g| g == f))
            })
            .collect();
        let rooms = model
            .rooms
            .iter()
            .filter(|r| need.iter().all(|f| r.features.iter().any(|g| g == f)))
            .count();
        for slot in 0..model.slots.len() {
            let opened = in_slot(&courses, slot);
            if opened.len() > rooms {
                let opened: Expression = opened.into_iter().sum();
                rows.push(("rooms_with_features", opened.leq(rooms as f64)));
            }
        }
    }
    rows
}
