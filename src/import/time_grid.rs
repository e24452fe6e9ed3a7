//! `days.csv`, `slots.csv` and `patterns.csv`: the time grid, a row per day, per
//! lesson slot and per pattern (its slots listed in one cell).

use serde::Serialize;

use super::reader::{Ids, Reader};
use super::sheet::Columns;
use super::write::{joined, optional_text, sheet_bytes};
use crate::instance::{Day, Pattern, Slot, TimeGrid};

pub const DAYS: &str = "days.csv";
pub const SLOTS: &str = "slots.csv";
pub const PATTERNS: &str = "patterns.csv";

pub const DAY_COLUMNS: Columns = Columns {
    names: &["id", "name", "weekday"],
    optional: &["name", "weekday"],
};
pub const SLOT_COLUMNS: Columns = Columns {
    names: &["id", "day", "start", "end"],
    optional: &[],
};
pub const PATTERN_COLUMNS: Columns = Columns {
    names: &["id", "kind", "slots"],
    optional: &[],
};

/// The time grid, and the ids of its days and slots for the sheets that name them.
pub(crate) fn read(reader: &mut Reader, days: &mut Ids, slots: &mut Ids) -> TimeGrid {
    let sheet = reader.sheet(DAYS, &DAY_COLUMNS, true);
    let mut grid = TimeGrid {
        days: Vec::new(),
        slots: Vec::new(),
        patterns: Vec::new(),
    };
    for row in &sheet.rows {
        let id = reader.define(&sheet, sheet.cell(row, "id"), days);
        let weekday = reader.id(sheet.cell(row, "weekday"));
        reader.place(&sheet, row, format!("timeGrid.days[{}]", grid.days.len()));
        grid.days.push(Day {
            id,
            name: sheet.cell(row, "name").text.to_owned(),
            weekday: (!weekday.is_empty()).then_some(weekday),
        });
    }
    let sheet = reader.sheet(SLOTS, &SLOT_COLUMNS, true);
    for row in &sheet.rows {
        let id = reader.define(&sheet, sheet.cell(row, "id"), slots);
        let entity = format!("slot {id:?}");
        reader.place(&sheet, row, format!("timeGrid.slots[{}]", grid.slots.len()));
        grid.slots.push(Slot {
            day: reader.reference_id(&sheet, sheet.cell(row, "day"), days, &entity),
            start: reader.clock(&sheet, sheet.cell(row, "start"), &entity),
            end: reader.clock(&sheet, sheet.cell(row, "end"), &entity),
            id,
        });
    }
    let sheet = reader.sheet(PATTERNS, &PATTERN_COLUMNS, false);
    let mut patterns = Ids::new("pattern", PATTERNS);
    for row in &sheet.rows {
        let id = reader.define(&sheet, sheet.cell(row, "id"), &mut patterns);
        let entity = format!("pattern {id:?}");
        reader.place(
            &sheet,
            row,
            format!("timeGrid.patterns[{}]", grid.patterns.len()),
        );
        grid.patterns.push(Pattern {
            kind: reader.id(sheet.cell(row, "kind")),
            slots: reader.list(&sheet, sheet.cell(row, "slots"), Some(slots), &entity),
            id,
        });
    }
    grid
}

#[derive(Serialize)]
struct DayRow<'a> {
    id: &'a str,
    name: &'a str,
    weekday: &'a str,
}

#[derive(Serialize)]
struct PatternRow<'a> {
    id: &'a str,
    kind: &'a str,
    slots: String,
}

/// The three sheets' bytes, by file name.
pub(crate) fn write(grid: &TimeGrid, refused: &mut Vec<String>) -> Vec<(&'static str, Vec<u8>)> {
    let days = grid.days.iter().map(|d| DayRow {
        id: &d.id,
        name: &d.name,
        weekday: optional_text(&d.weekday, &format!("day {:?}: weekday", d.id), refused),
    });
    let days = sheet_bytes(&DAY_COLUMNS, days.collect::<Vec<_>>());
    // `Slot` serializes as its four fields, in the sheet's order.
    let slots = sheet_bytes(&SLOT_COLUMNS, &grid.slots);
    let patterns = grid.patterns.iter().map(|p| PatternRow {
        id: &p.id,
        kind: &p.kind,
        slots: joined(&p.slots, &format!("pattern {:?}: slots", p.id), refused),
    });
    let patterns = sheet_bytes(&PATTERN_COLUMNS, patterns.collect::<Vec<_>>());
    vec![(DAYS, days), (SLOTS, slots), (PATTERNS, patterns)]
}
