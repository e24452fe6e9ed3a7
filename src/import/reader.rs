//! The state of reading one workbook: its folder, the ids each sheet defined so far
//! (so later sheets' references are checked where they are written), and every
//! problem found. Each typed read records a located problem and returns a
//! placeholder, so reading goes on and reports everything at once.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::cells;
use super::places::Places;
use super::problem::Problem;
use super::sheet::{Cell, Columns, Row, Sheet, read_sheet};
use crate::instance::Programme;
use crate::validate::Code;

/// The ids of one kind that the workbook defines, and the file that defines them.
#[derive(Default)]
pub(crate) struct Ids {
    pub kind: &'static str,
    pub file: &'static str,
    set: HashSet<String>,
}

impl Ids {
    pub fn new(kind: &'static str, file: &'static str) -> Ids {
        Ids {
            kind,
            file,
            set: HashSet::new(),
        }
    }

    /// Ids known beforehand.
    pub fn with(
        kind: &'static str,
        file: &'static str,
        ids: impl IntoIterator<Item = String>,
    ) -> Ids {
        Ids {
            kind,
            file,
            set: ids.into_iter().collect(),
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.set.contains(id)
    }
}

pub(crate) struct Reader {
    pub dir: PathBuf,
    pub problems: Vec<Problem>,
    /// Where each entity read so far was written.
    pub places: Places,
}

impl Reader {
    pub fn new(dir: &Path) -> Reader {
        Reader {
            dir: dir.to_owned(),
            problems: Vec::new(),
            places: Places::default(),
        }
    }

    /// Reads the sheet `file` of the workbook's folder.
    pub fn sheet(&mut self, file: &str, columns: &Columns, required: bool) -> Sheet {
        self.sheet_in(&self.dir.clone(), file, columns, required)
    }

    /// Reads the sheet `file` of another folder (trips from `kopa import gtfs`).
    pub fn sheet_in(&mut self, dir: &Path, file: &str, columns: &Columns, required: bool) -> Sheet {
        read_sheet(&dir.join(file), columns, required, &mut self.problems)
    }

    /// Records that `row` of `sheet` wrote the entity at the JSON path `path`.
    pub fn place(&mut self, sheet: &Sheet, row: &Row, path: String) {
        self.places.record(sheet, row, path);
    }

    /// Records a problem at `cell` of `sheet`.
    pub fn problem(
        &mut self,
        sheet: &Sheet,
        cell: Cell<'_>,
        code: Code,
        entity: &str,
        message: String,
        hint: &str,
    ) {
        self.problems.push(Problem {
            code,
            file: sheet.path.clone(),
            line: Some(cell.line),
            column: cell.column,
            entity: entity.to_owned(),
            field: cell.field.to_owned(),
            message,
            hint: hint.to_owned(),
        });
    }

    /// The cell's text, trimmed: an id.
    pub fn id(&self, cell: Cell<'_>) -> String {
        cell.text.trim().to_owned()
    }

    /// Defines the id in `cell` in `ids`; a second row with the same id is a problem.
    pub fn define(&mut self, sheet: &Sheet, cell: Cell<'_>, ids: &mut Ids) -> String {
        let id = self.id(cell);
        if !ids.set.insert(id.clone()) {
            self.problem(
                sheet,
                cell,
                Code::E0708DuplicateRow,
                &format!("{} {id:?}", ids.kind),
                format!("a second row for {} {id:?}", ids.kind),
                "keep one row per id: merge the two rows, or give one another id",
            );
        }
        id
    }

    /// Checks that `id` (written in `cell`) is one of `ids`.
    pub fn reference(&mut self, sheet: &Sheet, cell: Cell<'_>, id: &str, ids: &Ids, entity: &str) {
        if !ids.contains(id) {
            self.problem(
                sheet,
                cell,
                Code::E0707UnknownId,
                entity,
                format!("{} {id:?} is not in {}", ids.kind, ids.file),
                &format!("add a row for it to {}, or correct the id", ids.file),
            );
        }
    }

    /// The id in `cell`, checked to be one of `ids`.
    pub fn reference_id(
        &mut self,
        sheet: &Sheet,
        cell: Cell<'_>,
        ids: &Ids,
        entity: &str,
    ) -> String {
        let id = self.id(cell);
        self.reference(sheet, cell, &id, ids, entity);
        id
    }

    /// The ids listed in `cell`, each checked to be one of `ids` when given.
    pub fn list(
        &mut self,
        sheet: &Sheet,
        cell: Cell<'_>,
        ids: Option<&Ids>,
        entity: &str,
    ) -> Vec<String> {
        let items = cells::list(cell.text);
        if let Some(ids) = ids {
            for item in &items {
                self.reference(sheet, cell, item, ids, entity);
            }
        }
        items
    }

    pub fn number(&mut self, sheet: &Sheet, cell: Cell<'_>, entity: &str) -> f64 {
        self.optional_number(sheet, cell, entity)
            .unwrap_or_else(|| {
                if cell.text.trim().is_empty() && cell.column.is_some() {
                    self.bad_number(sheet, cell, entity, "a number");
                }
                0.0
            })
    }

    /// A number, or `None` for an empty cell.
    pub fn optional_number(&mut self, sheet: &Sheet, cell: Cell<'_>, entity: &str) -> Option<f64> {
        if cell.text.trim().is_empty() {
            return None;
        }
        let value = cells::number(cell.text);
        if value.is_none() {
            self.bad_number(sheet, cell, entity, "a number");
        }
        value
    }

    pub fn integer(&mut self, sheet: &Sheet, cell: Cell<'_>, entity: &str) -> i64 {
        self.optional_integer(sheet, cell, entity)
            .unwrap_or_else(|| {
                if cell.text.trim().is_empty() && cell.column.is_some() {
                    self.bad_number(sheet, cell, entity, "a whole number");
                }
                0
            })
    }

    /// A whole number, or `None` for an empty cell.
    pub fn optional_integer(&mut self, sheet: &Sheet, cell: Cell<'_>, entity: &str) -> Option<i64> {
        if cell.text.trim().is_empty() {
            return None;
        }
        let value = cells::integer(cell.text);
        if value.is_none() {
            self.bad_number(sheet, cell, entity, "a whole number");
        }
        value
    }

    fn bad_number(&mut self, sheet: &Sheet, cell: Cell<'_>, entity: &str, what: &str) {
        let message = if cell.text.trim().is_empty() {
            format!("empty; needs {what}")
        } else {
            format!("{:?} is not {what}", cell.text)
        };
        self.problem(
            sheet,
            cell,
            Code::E0704BadNumber,
            entity,
            message,
            "write digits with a decimal point or comma, e.g. 18,5; no units",
        );
    }

    pub fn flag(&mut self, sheet: &Sheet, cell: Cell<'_>, entity: &str) -> bool {
        cells::flag(cell.text).unwrap_or_else(|| {
            self.problem(
                sheet,
                cell,
                Code::E0706BadValue,
                entity,
                format!("{:?} is not yes or no", cell.text),
                "write true or false (yes/no, 1/0, x or empty also work)",
            );
            false
        })
    }

    pub fn clock(&mut self, sheet: &Sheet, cell: Cell<'_>, entity: &str) -> String {
        cells::clock(cell.text).unwrap_or_else(|| {
            self.problem(
                sheet,
                cell,
                Code::E0705BadTime,
                entity,
                format!("{:?} is not a clock time", cell.text),
                "write the time as HH:MM, 00:00 to 23:59, e.g. 08:15",
            );
            String::new()
        })
    }

    pub fn programme(&mut self, sheet: &Sheet, cell: Cell<'_>, entity: &str) -> Programme {
        cells::programme(cell.text).unwrap_or_else(|| {
            self.problem(
                sheet,
                cell,
                Code::E0706BadValue,
                entity,
                format!("{:?} is not a programme", cell.text),
                "write lukio, vocational or doubleDegree",
            );
            Programme::Lukio
        })
    }
}
