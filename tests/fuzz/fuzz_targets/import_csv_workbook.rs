//! Any bytes as a workbook of CSV sheets, imported as `kopa import csv` does: read
//! (every problem located and printed), validated, the diagnostics located in their
//! sheets, and (when valid) the instance written as JSON and hashed. Errors are fine;
//! a panic is a bug.
//!
//! The input is split into sheets at header lines `==> NAME <==` (the layout of
//! `head` on several files); NAME must be one of the workbook's files
//! (`kopa::import::WORKBOOK_FILES`), other sections and anything before the first
//! header are ignored, and a sheet not named is absent. The sheets are written to a
//! folder of this process (emptied first) and read from there, as the command does.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use kopa::import::{WORKBOOK_FILES, read_workbook_placed};
use kopa::instance::instance_hash;
use kopa::validate::{has_input_errors, validate};
use libfuzzer_sys::fuzz_target;

static DIR: LazyLock<tempfile::TempDir> =
    LazyLock::new(|| tempfile::tempdir().expect("a temporary folder for the workbook"));

/// The sheets of `data`: (file name, bytes), in order; a later sheet of the same
/// name replaces an earlier one when written.
fn sheets(data: &[u8]) -> Vec<(&'static str, &[u8])> {
    let mut sheets: Vec<(&'static str, &[u8])> = Vec::new();
    let mut current: Option<(&'static str, usize)> = None;
    let mut start = 0;
    while start < data.len() {
        let end = data[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(data.len(), |i| start + i + 1);
        let line = data[start..end].trim_ascii_end();
        if let Some(name) = line
            .strip_prefix(b"==> ")
            .and_then(|rest| rest.strip_suffix(b" <=="))
        {
            if let Some((file, from)) = current.take() {
                sheets.push((file, &data[from..start]));
            }
            current = WORKBOOK_FILES
                .iter()
                .find(|f| f.as_bytes() == name)
                .map(|f| (*f, end));
        }
        start = end;
    }
    if let Some((file, from)) = current {
        sheets.push((file, &data[from..]));
    }
    sheets
}

fn write(dir: &Path, sheets: &[(&str, &[u8])]) {
    for file in WORKBOOK_FILES {
        match std::fs::remove_file(dir.join(file)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => panic!("cannot empty the workbook folder: {e}"),
        }
    }
    for (file, bytes) in sheets {
        std::fs::write(dir.join(file), bytes).expect("the workbook folder is writable");
    }
}

fuzz_target!(|data: &[u8]| {
    let dir = DIR.path();
    write(dir, &sheets(data));
    let no_trips: [PathBuf; 0] = [];
    let (instance, places) = match read_workbook_placed(dir, &no_trips) {
        Ok(read) => read,
        Err(problems) => {
            for problem in &problems.0 {
                let _ = problem.to_string();
            }
            return;
        }
    };
    let diagnostics = validate(&instance);
    for d in &diagnostics {
        match places.problem(d) {
            Some(located) => drop(located.to_string()),
            None => drop(d.to_string()),
        }
    }
    if !has_input_errors(&diagnostics) {
        let _ = serde_json::to_string_pretty(&instance).expect("an instance serializes");
        let _ = instance_hash(&instance);
    }
});
