//! `instance.csv`: the one-row sheet of what the instance holds once: its name, the
//! period, the transfer buffer and the objective's weights.

use serde::Serialize;

use super::reader::Reader;
use super::sheet::Columns;
use super::write::{number, sheet_bytes};
use crate::instance::{Instance, ObjectiveWeights, Period, TransportRules};
use crate::validate::Code;

pub const FILE: &str = "instance.csv";

pub const COLUMNS: Columns = Columns {
    names: &[
        "formatVersion",
        "name",
        "description",
        "periodStart",
        "periodWeeks",
        "periodTimeZone",
        "transferBufferMinutes",
        "unmetRequest",
        "teacherKm",
        "studentTravelMinute",
        "remoteStudentLesson",
        "idleSlot",
    ],
    optional: &[
        "description",
        "periodStart",
        "periodWeeks",
        "periodTimeZone",
    ],
};

/// What `instance.csv` says, for the workbook to put around the other sheets.
pub(crate) struct Settings {
    pub format_version: u32,
    pub name: String,
    pub description: String,
    pub period: Option<Period>,
    pub transport: TransportRules,
    pub weights: ObjectiveWeights,
}

pub(crate) fn read(reader: &mut Reader) -> Settings {
    let sheet = reader.sheet(FILE, &COLUMNS, true);
    let mut settings = Settings {
        format_version: 0,
        name: String::new(),
        description: String::new(),
        period: None,
        transport: TransportRules {
            transfer_buffer_minutes: 0.0,
        },
        weights: ObjectiveWeights {
            unmet_request: 0.0,
            teacher_km: 0.0,
            student_travel_minute: 0.0,
            remote_student_lesson: 0.0,
            idle_slot: 0.0,
        },
    };
    let Some(row) = sheet.rows.first() else {
        if reader.problems.iter().all(|p| p.file != sheet.path) {
            reader.problems.push(super::problem::Problem {
                code: Code::E0701UnreadableCsv,
                file: sheet.path.clone(),
                line: None,
                column: None,
                entity: String::new(),
                field: String::new(),
                message: "the file has no row under its header".to_owned(),
                hint: "give the instance's name, weights and rules in one row".to_owned(),
            });
        }
        return settings;
    };
    for extra in &sheet.rows[1..] {
        let cell = sheet.cell(extra, "name");
        reader.problem(
            &sheet,
            cell,
            Code::E0708DuplicateRow,
            "",
            "instance.csv has one row; this is a second".to_owned(),
            "keep one row",
        );
    }
    let entity = format!("instance {:?}", sheet.cell(row, "name").text.trim());
    let cell = |field| sheet.cell(row, field);
    let version = reader.integer(&sheet, cell("formatVersion"), &entity);
    settings.format_version = u32::try_from(version).unwrap_or(u32::MAX);
    settings.name = reader.id(cell("name"));
    settings.description = cell("description").text.to_owned();
    let period_cells = ["periodStart", "periodWeeks", "periodTimeZone"];
    if period_cells.iter().any(|f| !cell(f).text.trim().is_empty()) {
        settings.period = Some(Period {
            start: reader.id(cell("periodStart")),
            weeks: reader.integer(&sheet, cell("periodWeeks"), &entity),
            time_zone: reader.id(cell("periodTimeZone")),
        });
    }
    settings.transport.transfer_buffer_minutes =
        reader.number(&sheet, cell("transferBufferMinutes"), &entity);
    let mut weight = |field| reader.number(&sheet, cell(field), &entity);
    settings.weights = ObjectiveWeights {
        unmet_request: weight("unmetRequest"),
        teacher_km: weight("teacherKm"),
        student_travel_minute: weight("studentTravelMinute"),
        remote_student_lesson: weight("remoteStudentLesson"),
        idle_slot: weight("idleSlot"),
    };
    settings
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Row<'a> {
    format_version: u32,
    name: &'a str,
    description: &'a str,
    period_start: Option<&'a str>,
    period_weeks: Option<i64>,
    period_time_zone: Option<&'a str>,
    #[serde(serialize_with = "number")]
    transfer_buffer_minutes: f64,
    #[serde(serialize_with = "number")]
    unmet_request: f64,
    #[serde(serialize_with = "number")]
    teacher_km: f64,
    #[serde(serialize_with = "number")]
    student_travel_minute: f64,
    #[serde(serialize_with = "number")]
    remote_student_lesson: f64,
    #[serde(serialize_with = "number")]
    idle_slot: f64,
}

/// (`periodWeeks` is always written, so a period reads back as one.)
pub(crate) fn write(instance: &Instance) -> Vec<u8> {
    let period = instance.period.as_ref();
    let w = &instance.weights;
    sheet_bytes(
        &COLUMNS,
        [Row {
            format_version: instance.format_version,
            name: &instance.name,
            transfer_buffer_minutes: instance.transport.transfer_buffer_minutes,
            unmet_request: w.unmet_request,
            teacher_km: w.teacher_km,
            student_travel_minute: w.student_travel_minute,
            remote_student_lesson: w.remote_student_lesson,
            idle_slot: w.idle_slot,
            description: &instance.description,
            period_start: period.map(|p| p.start.as_str()),
            period_weeks: period.map(|p| p.weeks),
            period_time_zone: period.map(|p| p.time_zone.as_str()),
        }],
    )
}
