//! `kopa validate FILE...`: every problem of every file, then one verdict.

use std::path::PathBuf;
use std::process::ExitCode;

use kopa::instance::{ReadError, read_instance};
use kopa::validate::{Severity, has_errors, validate};

#[derive(clap::Args)]
pub struct Args {
    /// Instance files (JSON).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let mut any_invalid = false;
    for path in &args.files {
        let instance = match read_instance(path) {
            Ok(instance) => instance,
            Err(error) => {
                any_invalid = true;
                print_read_error(&error);
                continue;
            }
        };
        let diagnostics = validate(&instance);
        for diagnostic in &diagnostics {
            println!("{}: {diagnostic}", path.display());
        }
        let errors = diagnostics
            .iter()
            .filter(|d| d.code.severity() == Severity::Error)
            .count();
        let warnings = diagnostics.len() - errors;
        if has_errors(&diagnostics) {
            any_invalid = true;
            println!(
                "{}: invalid ({errors} errors, {warnings} warnings)",
                path.display()
            );
        } else {
            println!("{}: valid ({warnings} warnings)", path.display());
        }
    }
    Ok(if any_invalid {
        ExitCode::from(super::EXIT_BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_read_error(error: &ReadError) {
    println!("{error}");
}
