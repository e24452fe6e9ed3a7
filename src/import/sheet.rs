//! One CSV file of a workbook, read as a spreadsheet saves it: a UTF-8 byte order mark
//! dropped, the delimiter (comma, semicolon or tab) taken from the header line, columns
//! found by their header in any order and any case, blank lines skipped. Finnish
//! spreadsheets save with semicolons because the comma is their decimal mark.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::problem::Problem;
use crate::validate::Code;

/// The columns a sheet has, in the order `kopa export` writes them: each must be in
/// the header but the optional ones, which may be left out (their cells are then empty).
pub(crate) struct Columns {
    pub names: &'static [&'static str],
    pub optional: &'static [&'static str],
}

impl Columns {
    fn known(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.names.iter().copied()
    }

    fn required(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.known().filter(|name| !self.optional.contains(name))
    }
}

/// A sheet's rows, each cell reachable by its column's name.
pub(crate) struct Sheet {
    pub path: PathBuf,
    /// Known column name -> its position in the header.
    index: HashMap<&'static str, usize>,
    pub rows: Vec<Row>,
}

pub(crate) struct Row {
    /// The line the row starts on (the header is line 1).
    pub line: u64,
    cells: Vec<String>,
}

/// One cell, with where it is, for messages.
#[derive(Clone, Copy)]
pub(crate) struct Cell<'a> {
    pub text: &'a str,
    pub line: u64,
    /// `None` when the (optional) column is not in the file.
    pub column: Option<usize>,
    pub field: &'static str,
}

impl Sheet {
    /// Each known column the header has, and its position (from 0).
    pub fn columns(&self) -> HashMap<&'static str, usize> {
        self.index.clone()
    }

    /// The cell of `row` in column `field` (one of the sheet's `Columns`).
    pub fn cell<'a>(&self, row: &'a Row, field: &'static str) -> Cell<'a> {
        let column = self.index.get(field).copied();
        let text = column
            .and_then(|c| row.cells.get(c))
            .map_or("", String::as_str);
        Cell {
            text,
            line: row.line,
            column: column.map(|c| c + 1),
            field,
        }
    }
}

/// What a header may hold besides the sheet's columns.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Others {
    /// A column the sheet does not know is a problem (a workbook's typo).
    Refused,
    /// Columns the sheet does not know are skipped (a GTFS file's fields kopa does
    /// not use).
    Ignored,
}

/// Reads `path`; a missing file is a problem when `required`, else an empty sheet.
/// Every problem goes to `problems`; what could be read is returned regardless.
pub(crate) fn read_sheet(
    path: &Path,
    columns: &Columns,
    required: bool,
    problems: &mut Vec<Problem>,
) -> Sheet {
    let empty = Sheet {
        path: path.to_owned(),
        index: HashMap::new(),
        rows: Vec::new(),
    };
    let file_problem = |line: Option<u64>, message: String, hint: &str| Problem {
        code: Code::E0701UnreadableCsv,
        file: path.to_owned(),
        line,
        column: None,
        entity: String::new(),
        field: String::new(),
        message,
        hint: hint.to_owned(),
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => return empty,
        Err(e) => {
            problems.push(file_problem(
                None,
                format!("cannot read the file: {e}"),
                "every workbook has this file (docs/csv-format.md); check the folder and the permissions",
            ));
            return empty;
        }
    };
    parse_sheet(path, &bytes, columns, Others::Refused, problems)
}

/// Reads a sheet's bytes (from a file or a zip archive), `path` naming it in problems.
pub(crate) fn parse_sheet(
    path: &Path,
    bytes: &[u8],
    columns: &Columns,
    others: Others,
    problems: &mut Vec<Problem>,
) -> Sheet {
    let mut sheet = Sheet {
        path: path.to_owned(),
        index: HashMap::new(),
        rows: Vec::new(),
    };
    let file_problem = |line: Option<u64>, message: String, hint: &str| Problem {
        code: Code::E0701UnreadableCsv,
        file: path.to_owned(),
        line,
        column: None,
        entity: String::new(),
        field: String::new(),
        message,
        hint: hint.to_owned(),
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            problems.push(file_problem(
                Some(line),
                "not UTF-8 text".to_owned(),
                "save the sheet as \"CSV UTF-8\" (spreadsheets' plain CSV is often Windows-1252)",
            ));
            return sheet;
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter_of(text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(header) => header.iter().map(|h| h.trim().to_owned()).collect(),
        Err(e) => {
            problems.push(file_problem(Some(1), format!("not CSV: {e}"), ""));
            return sheet;
        }
    };
    read_header(path, &header, columns, others, &mut sheet.index, problems);
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map(csv::Position::line);
                problems.push(file_problem(line, format!("not CSV: {e}"), ""));
                break;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue; // a spreadsheet's empty line, ";;;;"
        }
        if let Some(extra) = record
            .iter()
            .skip(header.len())
            .position(|cell| !cell.trim().is_empty())
        {
            problems.push(Problem {
                column: Some(header.len() + extra + 1),
                ..file_problem(
                    Some(line),
                    format!("the row has more cells than the header's {}", header.len()),
                    "give every value a column with a header, or remove it",
                )
            });
        }
        sheet.rows.push(Row {
            line,
            cells: record.iter().map(str::to_owned).collect(),
        });
    }
    sheet
}

/// Matches the header's names to the known columns, reporting the missing, unknown
/// and repeated ones.
fn read_header(
    path: &Path,
    header: &[String],
    columns: &Columns,
    others: Others,
    index: &mut HashMap<&'static str, usize>,
    problems: &mut Vec<Problem>,
) {
    let known: Vec<&'static str> = columns.known().collect();
    for (position, name) in header.iter().enumerate() {
        if name.is_empty() {
            continue; // a spreadsheet's trailing empty column
        }
        let problem = |message: String, hint: String| Problem {
            code: Code::E0703UnknownColumn,
            file: path.to_owned(),
            line: Some(1),
            column: Some(position + 1),
            entity: String::new(),
            field: name.clone(),
            message,
            hint,
        };
        match known.iter().find(|k| k.eq_ignore_ascii_case(name)) {
            Some(k) if index.contains_key(k) => problems.push(problem(
                format!("column {k:?} appears twice"),
                "keep one of the two columns".to_owned(),
            )),
            Some(k) => {
                index.insert(k, position);
            }
            None if others == Others::Ignored => {}
            None => problems.push(problem(
                format!("unknown column {name:?}"),
                format!("this file's columns are: {}", known.join(", ")),
            )),
        }
    }
    for name in columns.required() {
        if !index.contains_key(name) {
            problems.push(Problem {
                code: Code::E0702MissingColumn,
                file: path.to_owned(),
                line: Some(1),
                column: None,
                entity: String::new(),
                field: name.to_owned(),
                message: format!("the header has no column {name:?}"),
                hint: "add the column (docs/csv-format.md lists each file's columns)".to_owned(),
            });
        }
    }
}

/// The delimiter a spreadsheet saved the file with: whichever of `;`, `,` and tab the
/// header line holds most of (a comma on a tie, as in RFC 4180).
fn delimiter_of(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let count = |d: char| header.chars().filter(|c| *c == d).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if semicolons > commas && semicolons >= tabs {
        b';'
    } else if tabs > commas && tabs > semicolons {
        b'\t'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_line_decides_the_delimiter() {
        assert_eq!(delimiter_of("id;name;capacity\nP1;\"a,b\";3"), b';');
        assert_eq!(delimiter_of("id,name\n"), b',');
        assert_eq!(delimiter_of("id\tname\n"), b'\t');
        assert_eq!(delimiter_of("id\n"), b',');
    }
}
