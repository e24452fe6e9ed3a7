//! One file per subcommand. Each `run` returns the process exit code; an `Err` is a
//! bad-input failure (exit 2) whose whole cause chain is printed.

pub mod bench;
pub mod check;
pub mod compare;
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

/// Invalid or unreadable input.
pub const EXIT_BAD_INPUT: u8 = 2;

/// Reads an instance file and refuses it, printing every diagnostic, if it is invalid:
/// what every command that plans, checks or reports does first.
pub fn read_valid_instance(path: &std::path::Path) -> anyhow::Result<kopa::instance::Instance> {
    let instance = kopa::instance::read_instance(path)?;
    let diagnostics = kopa::validate::validate(&instance);
    if kopa::validate::has_input_errors(&diagnostics) {
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
