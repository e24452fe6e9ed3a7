//! `students.csv` and `requests.csv`: a row per student, and a row per student and
//! requested course (their study plan for the period, as a guidance counsellor's or a
//! HOKS export lists it). Rows that share a `oneOf` group id form one group of
//! alternatives, whose weight and `mandatory` every row of the group repeats.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::cells::programme_name;
use super::reader::{Ids, Reader};
use super::sheet::Columns;
use super::write::{number, sheet_bytes};
use crate::instance::{OneOfRequest, Request, Student};
use crate::validate::Code;

pub const STUDENTS: &str = "students.csv";
pub const REQUESTS: &str = "requests.csv";

pub const STUDENT_COLUMNS: Columns = Columns {
    names: &["id", "home", "programme"],
    optional: &[],
};
pub const REQUEST_COLUMNS: Columns = Columns {
    names: &["student", "course", "weight", "mandatory", "oneOf"],
    optional: &["mandatory", "oneOf"],
};

pub(crate) fn read(reader: &mut Reader, nodes: &Ids, courses: &Ids) -> Vec<Student> {
    let sheet = reader.sheet(STUDENTS, &STUDENT_COLUMNS, true);
    let mut ids = Ids::new("student", STUDENTS);
    let mut students = Vec::new();
    for row in &sheet.rows {
        let id = reader.define(&sheet, sheet.cell(row, "id"), &mut ids);
        let entity = format!("student {id:?}");
        reader.place(&sheet, row, format!("students[{}]", students.len()));
        students.push(Student {
            home: reader.reference_id(&sheet, sheet.cell(row, "home"), nodes, &entity),
            programme: reader.programme(&sheet, sheet.cell(row, "programme"), &entity),
            requests: Vec::new(),
            one_of: Vec::new(),
            id,
        });
    }
    read_requests(reader, &ids, courses, &mut students);
    students
}

fn read_requests(reader: &mut Reader, ids: &Ids, courses: &Ids, students: &mut [Student]) {
    let sheet = reader.sheet(REQUESTS, &REQUEST_COLUMNS, false);
    // The first row of each student's id, so a repeated id finds the first student.
    let mut position: HashMap<String, usize> = HashMap::new();
    for (i, s) in students.iter().enumerate() {
        position.entry(s.id.clone()).or_insert(i);
    }
    // (student, group, course): a second row for the same is a duplicate.
    let mut seen: HashSet<(String, String, String)> = HashSet::new();
    for row in &sheet.rows {
        let cell = |field| sheet.cell(row, field);
        let student_id = reader.id(cell("student"));
        let course = reader.id(cell("course"));
        let group = reader.id(cell("oneOf"));
        let entity = format!("student {student_id:?}");
        reader.reference(&sheet, cell("student"), &student_id, ids, &entity);
        reader.reference(&sheet, cell("course"), &course, courses, &entity);
        let weight = reader.number(&sheet, cell("weight"), &entity);
        let mandatory = reader.flag(&sheet, cell("mandatory"), &entity);
        if !seen.insert((student_id.clone(), group.clone(), course.clone())) {
            let within = if group.is_empty() {
                String::new()
            } else {
                format!(" in one-of group {group:?}")
            };
            reader.problem(
                &sheet,
                cell("course"),
                Code::E0708DuplicateRow,
                &entity,
                format!("a second row for course {course:?}{within}"),
                "keep one row per student and course",
            );
            continue;
        }
        let Some(&at) = position.get(&student_id) else {
            continue;
        };
        let student = &mut students[at];
        if group.is_empty() {
            let path = format!("students[{at}].requests[{}]", student.requests.len());
            reader.place(&sheet, row, path);
            student.requests.push(Request {
                course,
                weight,
                mandatory,
            });
            continue;
        }
        match student.one_of.iter_mut().find(|g| g.id == group) {
            None => {
                let path = format!("students[{at}].oneOf[{}]", student.one_of.len());
                reader.place(&sheet, row, path);
                student.one_of.push(OneOfRequest {
                    id: group,
                    courses: vec![course],
                    weight,
                    mandatory,
                });
            }
            Some(existing) => {
                existing.courses.push(course);
                let conflicts = [
                    ("weight", existing.weight != weight),
                    ("mandatory", existing.mandatory != mandatory),
                ];
                for (field, differs) in conflicts {
                    if differs {
                        reader.problem(
                            &sheet,
                            cell(field),
                            Code::E0709ConflictingRows,
                            &entity,
                            format!("one-of group {group:?}'s rows disagree on {field}"),
                            "every row of a one-of group repeats the group's weight and mandatory",
                        );
                    }
                }
            }
        }
    }
}

#[derive(Serialize)]
struct StudentRow<'a> {
    id: &'a str,
    home: &'a str,
    programme: &'static str,
}

#[derive(Serialize)]
struct RequestRow<'a> {
    student: &'a str,
    course: &'a str,
    #[serde(serialize_with = "number")]
    weight: f64,
    mandatory: bool,
    one_of: &'a str,
}

pub(crate) fn write(
    students: &[Student],
    refused: &mut Vec<String>,
) -> Vec<(&'static str, Vec<u8>)> {
    let rows = students.iter().map(|s| StudentRow {
        id: &s.id,
        home: &s.home,
        programme: programme_name(s.programme),
    });
    let mut requests = Vec::new();
    for s in students {
        for r in &s.requests {
            requests.push(RequestRow {
                student: &s.id,
                course: &r.course,
                weight: r.weight,
                mandatory: r.mandatory,
                one_of: "",
            });
        }
        for g in &s.one_of {
            if g.id.trim().is_empty() || g.courses.is_empty() {
                refused.push(format!(
                    "student {:?}: a one-of group with an empty id or no courses, which has no rows",
                    s.id
                ));
            }
            for course in &g.courses {
                requests.push(RequestRow {
                    student: &s.id,
                    course,
                    weight: g.weight,
                    mandatory: g.mandatory,
                    one_of: &g.id,
                });
            }
        }
    }
    vec![
        (STUDENTS, sheet_bytes(&STUDENT_COLUMNS, rows)),
        (REQUESTS, sheet_bytes(&REQUEST_COLUMNS, requests)),
    ]
}
