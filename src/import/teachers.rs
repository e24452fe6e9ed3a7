//! `teachers.csv`: a row per teacher; the courses they may teach, the sites they may
//! teach at and the slots they cannot teach in each listed in one cell.

use serde::Serialize;

use super::reader::{Ids, Reader};
use super::sheet::Columns;
use super::write::{joined, sheet_bytes};
use crate::instance::Teacher;

pub const FILE: &str = "teachers.csv";

pub const COLUMNS: Columns = Columns {
    names: &[
        "id",
        "name",
        "homeSite",
        "canTeach",
        "sites",
        "unavailable",
        "maxLessonsPerWeek",
    ],
    optional: &["name", "unavailable"],
};

/// What teachers' rows may name.
pub(crate) struct Named<'a> {
    pub sites: &'a Ids,
    pub courses: &'a Ids,
    pub slots: &'a Ids,
}

pub(crate) fn read(reader: &mut Reader, named: &Named<'_>) -> Vec<Teacher> {
    let sheet = reader.sheet(FILE, &COLUMNS, true);
    let mut teachers = Ids::new("teacher", FILE);
    let mut out = Vec::new();
    for row in &sheet.rows {
        let id = reader.define(&sheet, sheet.cell(row, "id"), &mut teachers);
        let entity = format!("teacher {id:?}");
        reader.place(&sheet, row, format!("teachers[{}]", out.len()));
        let cell = |field| sheet.cell(row, field);
        out.push(Teacher {
            name: cell("name").text.to_owned(),
            home_site: reader.reference_id(&sheet, cell("homeSite"), named.sites, &entity),
            can_teach: reader.list(&sheet, cell("canTeach"), Some(named.courses), &entity),
            sites: reader.list(&sheet, cell("sites"), Some(named.sites), &entity),
            unavailable: reader.list(&sheet, cell("unavailable"), Some(named.slots), &entity),
            max_lessons_per_week: reader.integer(&sheet, cell("maxLessonsPerWeek"), &entity),
            id,
        });
    }
    out
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    home_site: &'a str,
    can_teach: String,
    sites: String,
    unavailable: String,
    max_lessons_per_week: i64,
}

pub(crate) fn write(teachers: &[Teacher], refused: &mut Vec<String>) -> Vec<u8> {
    let rows: Vec<Row<'_>> = teachers
        .iter()
        .map(|t| {
            let place = |field: &str| format!("teacher {:?}: {field}", t.id);
            Row {
                id: &t.id,
                home_site: &t.home_site,
                can_teach: joined(&t.can_teach, &place("canTeach"), refused),
                sites: joined(&t.sites, &place("sites"), refused),
                max_lessons_per_week: t.max_lessons_per_week,
                name: &t.name,
                unavailable: joined(&t.unavailable, &place("unavailable"), refused),
            }
        })
        .collect();
    sheet_bytes(&COLUMNS, rows)
}
