//! Where each entity of an imported instance was written in its workbook, so that
//! `validate`'s diagnostics, which name JSON paths (`courses[3].minSize`), point a
//! scheduler at the sheet's line and cell instead (`courses.csv:5:7`): a person who
//! keeps the data in a spreadsheet has never seen the JSON.

use std::collections::HashMap;
use std::path::PathBuf;

use super::problem::Problem;
use super::sheet::{Row, Sheet};
use crate::validate::Diagnostic;

/// A sheet's file and where its columns are.
struct SheetPlace {
    file: PathBuf,
    /// Column name -> its position in the header, from 0.
    columns: HashMap<&'static str, usize>,
}

/// JSON path of an entity (`teachers[3]`, `students[2].requests[1]`) -> the sheet and
/// line that wrote it.
#[derive(Default)]
pub struct Places {
    sheets: Vec<SheetPlace>,
    entities: HashMap<String, (usize, u64)>,
}

/// The place in the workbook of what a JSON path names.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub file: PathBuf,
    pub line: u64,
    /// The cell's position, from 1, when the path names a field the sheet has a column for.
    pub column: Option<usize>,
    /// What the path names inside the entity (`minSize`, `canTeach[1]`), or "".
    pub field: String,
}

impl Places {
    /// Records that `row` of `sheet` wrote the entity at `path`.
    pub(crate) fn record(&mut self, sheet: &Sheet, row: &Row, path: String) {
        let known = self.sheets.last().is_some_and(|s| s.file == sheet.path);
        if !known {
            self.sheets.push(SheetPlace {
                file: sheet.path.clone(),
                columns: sheet.columns(),
            });
        }
        self.entities
            .insert(path, (self.sheets.len() - 1, row.line));
    }

    /// The place of the longest recorded entity that `path` lies in, if any.
    pub fn locate(&self, path: &str) -> Option<Place> {
        let mut prefix = path;
        loop {
            if let Some(&(sheet, line)) = self.entities.get(prefix) {
                let sheet = &self.sheets[sheet];
                let field = path[prefix.len()..].trim_start_matches('.').to_owned();
                let name = field.split(['.', '[']).next().unwrap_or("");
                let column = sheet.columns.get(name).map(|c| c + 1);
                return Some(Place {
                    file: sheet.file.clone(),
                    line,
                    column,
                    field,
                });
            }
            prefix = &prefix[..prefix.rfind(['.', '['])?];
        }
    }

    /// `diagnostic` located at its sheet's line and cell, when its path names an
    /// entity of the workbook.
    pub fn problem(&self, diagnostic: &Diagnostic) -> Option<Problem> {
        let place = self.locate(&diagnostic.path)?;
        Some(Problem {
            code: diagnostic.code,
            file: place.file,
            line: Some(place.line),
            column: place.column,
            entity: diagnostic.entity.clone(),
            field: place.field,
            message: diagnostic.message.clone(),
            hint: diagnostic.hint.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places() -> Places {
        let mut places = Places::default();
        places.sheets.push(SheetPlace {
            file: PathBuf::from("w/teachers.csv"),
            columns: HashMap::from([("id", 0), ("canTeach", 3)]),
        });
        places.entities.insert("teachers[3]".to_owned(), (0, 5));
        places
    }

    #[test]
    fn a_path_inside_an_entity_finds_its_line_and_cell() {
        let place = places().locate("teachers[3].canTeach[1]").expect("placed");
        assert_eq!(place.file, PathBuf::from("w/teachers.csv"));
        assert_eq!((place.line, place.column), (5, Some(4)));
        assert_eq!(place.field, "canTeach[1]");
        let whole = places().locate("teachers[3]").expect("placed");
        assert_eq!((whole.column, whole.field.as_str()), (None, ""));
    }

    #[test]
    fn a_path_outside_every_row_has_no_place() {
        for path in ["teachers[31]", "weights.teacherKm", "", "teachers"] {
            assert_eq!(places().locate(path), None, "{path}");
        }
    }
}
