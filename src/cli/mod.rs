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
pub mod export;
pub mod export_model;
pub mod generate;
pub mod hash;
pub mod import;
pub mod import_gtfs;
pub mod import_point;
pub mod progress;
pub mod report;
pub mod schema;
pub mod signals;
pub mod solve;
pub mod sweep;
pub mod validate;
pub mod watchdog;

/// Reads an instance file and refuses it, printing every diagnostic, if it is invalid:
/// what every command that plans, checks or reports does first.
pub fn read_valid_instance(path: &std::path::Path) -> anyhow::Result<kopa::instance::Instance> {
    let instance = match kopa::instance::read_instance(path) {
        Ok(instance) => instance,
        Err(error) => {
            eprintln!("{}", validate::unreadable(path, &error));
            anyhow::bail!("{}: the instance cannot be read", path.display());
        }
    };
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

/// The run's parameters that experiments set through the process environment:
/// `KOPA_HIGHS_OPTIONS=name=value,...` (extra HiGHS options) and
/// `KOPA_MEMORY_AVAILABLE_BYTES` (a memory cap instead of what the machine reports).
/// The one place the library's behaviour is read from environment variables.
pub fn params_from_environment(params: &mut kopa::solve::RunParams) {
    if let Ok(extra) = std::env::var("KOPA_HIGHS_OPTIONS") {
        params.highs_options = extra
            .split(',')
            .filter(|p| !p.is_empty())
            .filter_map(|pair| pair.split_once('='))
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect();
    }
    params.memory_cap = std::env::var("KOPA_MEMORY_AVAILABLE_BYTES")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|v| v.is_finite() && *v >= 0.0);
}

/// `--strategy NAME`: the library's strategies by name, each with its line of help.
pub fn strategy_parser() -> impl clap::builder::TypedValueParser<Value = kopa::solve::Strategy> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    use kopa::solve::Strategy;
    PossibleValuesParser::new(
        Strategy::ALL.map(|s| PossibleValue::new(s.name()).help(s.description())),
    )
    .map(|name| Strategy::from_name(&name).expect("clap admits only the names listed"))
}
