//! `courses.csv`: a row per lukio course or vocational unit; its room features and
//! sites listed in one cell, and either `lessonsPerWeek` or `patternKind` filled.

use serde::Serialize;

use super::cells::programme_name;
use super::reader::{Ids, Reader};
use super::sheet::Columns;
use super::write::{joined, number, optional_text, sheet_bytes};
use crate::instance::Course;

pub const FILE: &str = "courses.csv";

pub const COLUMNS: Columns = Columns {
    names: &[
        "id",
        "name",
        "programme",
        "lessonsPerWeek",
        "patternKind",
        "features",
        "minSize",
        "maxSize",
        "maxSections",
        "sites",
        "remoteAllowed",
        "preferInPerson",
        "sectionCost",
    ],
    optional: &[
        "name",
        "lessonsPerWeek",
        "patternKind",
        "features",
        "remoteAllowed",
        "preferInPerson",
    ],
};

pub(crate) fn read(reader: &mut Reader, sites: &Ids, courses: &mut Ids) -> Vec<Course> {
    let sheet = reader.sheet(FILE, &COLUMNS, true);
    let mut out = Vec::new();
    for row in &sheet.rows {
        let id = reader.define(&sheet, sheet.cell(row, "id"), courses);
        let entity = format!("course {id:?}");
        reader.place(&sheet, row, format!("courses[{}]", out.len()));
        let cell = |field| sheet.cell(row, field);
        let pattern_kind = reader.id(cell("patternKind"));
        out.push(Course {
            name: cell("name").text.to_owned(),
            programme: reader.programme(&sheet, cell("programme"), &entity),
            lessons_per_week: reader.optional_integer(&sheet, cell("lessonsPerWeek"), &entity),
            pattern_kind: (!pattern_kind.is_empty()).then_some(pattern_kind),
            features: reader.list(&sheet, cell("features"), None, &entity),
            min_size: reader.integer(&sheet, cell("minSize"), &entity),
            max_size: reader.integer(&sheet, cell("maxSize"), &entity),
            max_sections: reader.integer(&sheet, cell("maxSections"), &entity),
            sites: reader.list(&sheet, cell("sites"), Some(sites), &entity),
            remote_allowed: reader.flag(&sheet, cell("remoteAllowed"), &entity),
            prefer_in_person: reader.flag(&sheet, cell("preferInPerson"), &entity),
            section_cost: reader.number(&sheet, cell("sectionCost"), &entity),
            id,
        });
    }
    out
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    programme: &'static str,
    lessons_per_week: Option<i64>,
    pattern_kind: &'a str,
    features: String,
    min_size: i64,
    max_size: i64,
    max_sections: i64,
    sites: String,
    remote_allowed: bool,
    prefer_in_person: bool,
    #[serde(serialize_with = "number")]
    section_cost: f64,
}

pub(crate) fn write(courses: &[Course], refused: &mut Vec<String>) -> Vec<u8> {
    let rows: Vec<Row<'_>> = courses
        .iter()
        .map(|c| {
            let place = |field: &str| format!("course {:?}: {field}", c.id);
            Row {
                id: &c.id,
                programme: programme_name(c.programme),
                min_size: c.min_size,
                max_size: c.max_size,
                max_sections: c.max_sections,
                sites: joined(&c.sites, &place("sites"), refused),
                section_cost: c.section_cost,
                name: &c.name,
                lessons_per_week: c.lessons_per_week,
                pattern_kind: optional_text(&c.pattern_kind, &place("patternKind"), refused),
                features: joined(&c.features, &place("features"), refused),
                remote_allowed: c.remote_allowed,
                prefer_in_person: c.prefer_in_person,
            }
        })
        .collect();
    sheet_bytes(&COLUMNS, rows)
}
