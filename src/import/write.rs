//! Writing a workbook's sheets: comma-separated UTF-8 with a header line (what every
//! spreadsheet opens), numbers written so they read back to the same bits, lists of
//! ids joined by spaces. What a sheet cannot hold is refused, never altered.

use serde::Serialize;

use super::sheet::Columns;

/// Why an instance cannot be written as a workbook: each thing it cannot hold.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", .0.join("\n"))]
pub struct ExportError(pub Vec<String>);

/// One sheet's bytes: the header (the sheet's columns, in the order of each row
/// struct's fields), then one line per row.
pub(crate) fn sheet_bytes<T: Serialize>(
    columns: &Columns,
    rows: impl IntoIterator<Item = T>,
) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    writer
        .write_record(columns.names)
        .expect("writing to memory cannot fail");
    for row in rows {
        writer
            .serialize(row)
            .expect("rows of strings, numbers and flags always serialize");
    }
    writer.into_inner().expect("writing to memory cannot fail")
}

/// Ids joined by spaces, for one cell; an id that is empty or holds a space, comma or
/// semicolon would read back as other ids, so it is refused (into `refused`).
pub(crate) fn joined(items: &[String], place: &str, refused: &mut Vec<String>) -> String {
    for item in items {
        if item.is_empty() || item.contains(|c: char| c.is_whitespace() || c == ',' || c == ';') {
            refused.push(format!(
                "{place}: the id {item:?} is empty or holds a space, comma or semicolon; a workbook's lists separate ids by these"
            ));
        }
    }
    items.join(" ")
}

/// An optional text whose absence a sheet writes as an empty cell, so `Some("")` would
/// read back as `None`: refused.
pub(crate) fn optional_text<'a>(
    value: &'a Option<String>,
    place: &str,
    refused: &mut Vec<String>,
) -> &'a str {
    match value.as_deref() {
        Some("") => {
            refused.push(format!(
                "{place}: an empty text, which a sheet cannot tell from none"
            ));
            ""
        }
        other => other.unwrap_or(""),
    }
}

/// A number as Rust writes it: the shortest text that reads back to the same bits,
/// "225" rather than serde's "225.0", never an exponent.
pub(crate) fn number<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// An optional number as `number`, empty when there is none.
pub(crate) fn optional_number<S: serde::Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.collect_str(value),
        None => serializer.serialize_str(""),
    }
}
