//! One file per subcommand, and a few things they share (the checks of arguments, the
//! exit codes, the progress bar, the watchdog). Each `run` returns how it ended
//! (`exit::Exit`, the one table of exit codes); an `Err` is bad input
//! (`Exit::BadInput`) whose whole cause chain is printed.

pub mod arguments;
pub mod bench;
pub mod check;
pub mod compare;
pub mod exit;
pub mod explain;
pub mod generate;
pub mod hash;
pub mod progress;
pub mod report;
pub mod schema;
pub mod solve;
pub mod sweep;
pub mod validate;
pub mod watchdog;

/// Reads an instance file and refuses it, printing every diagnostic, if it is invalid:
/// what every command that plans, checks or reports does first.
pub fn read_valid_instance(path: &std::path::Path) -> anyhow::Result<kopa::instance::Instance> {
    let instance = kopa::instance::read_instance(path)?;
    let diagnostics = kopa::validate::validate(&instance);
    if kopa::validate::has_errors(&diagnostics) {
        for d in &diagnostics {
            eprintln!("{}: {d}", path.display());
        }
        anyhow::bail!(
            "{}: the instance is invalid; run `kopa validate` on it for the full report",
            path.display()
        );
    }
    Ok(instance)
}
