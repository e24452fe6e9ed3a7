//! Ids are how every part of the file refers to every other: each must be non-empty
//! and unique among its kind (one-of ids: unique within their student).

use std::collections::HashMap;

use super::context::{Context, entity};
use super::{Code, Diagnostic};

/// Every (kind, path prefix, ids) group whose ids must be unique and non-empty.
fn id_groups<'a>(cx: &Context<'a>) -> Vec<(&'static str, String, Vec<&'a str>)> {
    let i = cx.instance;
    let grid = &i.time_grid;
    let mut groups = vec![
        (
            "day",
            "timeGrid.days".to_owned(),
            grid.days.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            "slot",
            "timeGrid.slots".to_owned(),
            grid.slots.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            "pattern",
            "timeGrid.patterns".to_owned(),
            grid.patterns.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            "node",
            "roadNetwork.nodes".to_owned(),
            i.road_network.nodes.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            "site",
            "sites".to_owned(),
            i.sites.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            "room",
            "rooms".to_owned(),
            i.rooms.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            "teacher",
            "teachers".to_owned(),
            i.teachers.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            "course",
            "courses".to_owned(),
            i.courses.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            "student",
            "students".to_owned(),
            i.students.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            "trip",
            "trips".to_owned(),
            i.trips.iter().map(|x| x.id.as_str()).collect(),
        ),
    ];
    for (s, student) in i.students.iter().enumerate() {
        groups.push((
            "one-of group",
            format!("students[{s}].oneOf"),
            student.one_of.iter().map(|x| x.id.as_str()).collect(),
        ));
    }
    groups
}

pub fn check_e0101_duplicate_id(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (kind, prefix, ids) in id_groups(cx) {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (position, id) in ids.into_iter().enumerate() {
            match first.get(id) {
                Some(&earlier) => out.push(Diagnostic::new(
                    Code::E0101DuplicateId,
                    entity(kind, id),
                    format!("{prefix}[{position}].id"),
                    format!("{kind} id {id:?} is also used by {prefix}[{earlier}]"),
                    format!("give each {kind} its own id"),
                )),
                None => {
                    first.insert(id, position);
                }
            }
        }
    }
}

pub fn check_e0103_empty_id(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (kind, prefix, ids) in id_groups(cx) {
        for (position, id) in ids.into_iter().enumerate() {
            if id.trim().is_empty() {
                out.push(Diagnostic::new(
                    Code::E0103EmptyId,
                    format!("{kind} at {prefix}[{position}]"),
                    format!("{prefix}[{position}].id"),
                    format!("{kind} id {id:?} is empty"),
                    format!("give the {kind} a short, visible id"),
                ));
            }
        }
    }
}
