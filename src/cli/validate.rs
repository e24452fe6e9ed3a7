//! `kopa validate FILE...`: every problem of every file, then one verdict.
//!
//! Text output (default): one line per diagnostic, `FILE: error[E0102] PATH: MESSAGE
//! (ENTITY)` plus a help line, then a verdict line per file. A file that cannot be read
//! prints `FILE:LINE:COLUMN: error[E0003] ...`. `--json`: one JSON array for the whole
//! run, of objects {file, code, severity, entity, path, message, hint}.
//! It ends (`Exit`, docs/exit-codes.md) with success if every file is valid (warnings
//! allowed), bad input if any is invalid or unreadable.

use std::path::{Path, PathBuf};

use kopa::instance::{ReadError, read_instance};
use kopa::validate::{Diagnostic, Severity, has_errors, read_error_diagnostic, validate};
use kopa::words::count;

use super::exit::Exit;

#[derive(clap::Args)]
pub struct Args {
    /// Instance files (JSON).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print one JSON array of all diagnostics instead of text.
    #[arg(long)]
    pub json: bool,
}

/// What validating one file found.
enum Outcome {
    Unreadable(ReadError),
    Checked(Vec<Diagnostic>),
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let mut any_invalid = false;
    let mut json_rows = Vec::new();
    for path in &args.files {
        let outcome = match read_instance(path) {
            Ok(instance) => Outcome::Checked(validate(&instance)),
            Err(error) => Outcome::Unreadable(error),
        };
        any_invalid |= match &outcome {
            Outcome::Unreadable(_) => true,
            Outcome::Checked(diagnostics) => has_errors(diagnostics),
        };
        if args.json {
            json_rows.extend(json_rows_of(path, &outcome));
        } else {
            print_text(path, &outcome);
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&json_rows)?);
    }
    Ok(if any_invalid {
        Exit::BadInput
    } else {
        Exit::Success
    })
}

/// Why the instance file at `path` cannot be read, as `kopa validate` says it: the
/// place (file, line and column), the code, the field and entity, and a help line.
/// Every command that reads an instance says it so.
pub fn unreadable(path: &Path, error: &ReadError) -> String {
    let file = path.display();
    let d = read_error_diagnostic(error);
    let location = match error {
        ReadError::Io { .. } => format!("{file}"),
        ReadError::NotUtf8 { line, column, .. }
        | ReadError::Syntax { line, column, .. }
        | ReadError::Schema { line, column, .. } => format!("{file}:{line}:{column}"),
    };
    let first = match error {
        ReadError::Schema { .. } => format!(
            "{location}: error[{}] {}: {} ({})",
            d.code.id(),
            d.path,
            d.message,
            d.entity
        ),
        _ => format!("{location}: error[{}] {}", d.code.id(), d.message),
    };
    format!("{first}\n    help: {}", d.hint)
}

fn print_text(path: &Path, outcome: &Outcome) {
    let file = path.display();
    match outcome {
        Outcome::Unreadable(error) => {
            println!("{}", unreadable(path, error));
            println!("{file}: unreadable");
        }
        Outcome::Checked(diagnostics) => {
            for diagnostic in diagnostics {
                println!("{file}: {diagnostic}");
            }
            let errors = diagnostics
                .iter()
                .filter(|d| d.code.severity() == Severity::Error)
                .count();
            let warnings = diagnostics.len() - errors;
            let warnings = count(warnings, "warning", "warnings");
            if errors > 0 {
                let errors = count(errors, "error", "errors");
                println!("{file}: invalid ({errors}, {warnings})");
            } else {
                println!("{file}: valid ({warnings})");
            }
        }
    }
}

fn json_rows_of(path: &Path, outcome: &Outcome) -> Vec<serde_json::Value> {
    let diagnostics = match outcome {
        Outcome::Unreadable(error) => vec![read_error_diagnostic(error)],
        Outcome::Checked(diagnostics) => diagnostics.clone(),
    };
    diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "file": path.display().to_string(),
                "code": d.code.id(),
                "severity": d.code.severity().as_str(),
                "entity": d.entity,
                "path": d.path,
                "message": d.message,
                "hint": d.hint,
            })
        })
        .collect()
}
