//! `kopa export model INSTANCE --scope full|count -o FILE.lp|FILE.mps`: kopa's MILP
//! written out, columns and rows named from the domain, so that anyone can put another
//! solver on it (a commercial one included) and compare with kopa's own search
//! (`benches/peers/` does so for HiGHS, SCIP and CP-SAT).
//!
//! `full` is the monolithic model of the whole plan (`--strategy exact`'s), `count`
//! the small MILP whose bound kopa reports. The format follows the file's extension.
//! How it ends (`Exit`, docs/exit-codes.md): written, or bad input (nothing written).

use std::path::PathBuf;

use anyhow::Context;

use kopa::milp::model_file::{Format, ModelFile, full_model_file};
use kopa::model::Model;
use kopa::solve::SolveContext;
use kopa::solve::count::count_model;
use kopa::words::count;

use super::exit::Exit;

/// Which of kopa's models to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ModelScope {
    /// The monolithic model of the whole plan: timetable, students and buses.
    Full,
    /// The count whose optimum bounds every plan's cost from below.
    Count,
}

#[derive(clap::Args)]
pub struct Args {
    /// The instance file (JSON).
    pub instance: PathBuf,
    /// Which model to write.
    #[arg(long, value_enum, default_value_t = ModelScope::Full)]
    pub scope: ModelScope,
    /// Where to write it: `.lp` (CPLEX LP) or `.mps` (free MPS).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let extension = args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    let Some(format) = Format::of_extension(extension) else {
        anyhow::bail!(
            "{}: the model file's name must end in .lp or .mps",
            args.output.display()
        );
    };
    let instance = super::read_valid_instance(&args.instance)?;
    let model = Model::new(&instance)
        .with_context(|| format!("{}: cannot resolve the instance", args.instance.display()))?;
    let file = match args.scope {
        ModelScope::Full => {
            let ctx = SolveContext::new(&instance, &model)
                .with_context(|| args.instance.display().to_string())?;
            full_model_file(ctx.model, &ctx.placements).0
        }
        ModelScope::Count => {
            let count = count_model(&model, true);
            ModelFile::new(&count.vars, &count.objective, &count.rows, &count.row_names)
        }
    };
    kopa::fsutil::write_atomic(&args.output, file.write(format).as_bytes())
        .with_context(|| format!("{}: cannot write the model", args.output.display()))?;
    eprintln!(
        "{}: {} ({} integer), {}",
        args.output.display(),
        count(file.columns.len() + 1, "column", "columns"),
        file.columns.iter().filter(|c| c.integer).count(),
        count(file.rows.len(), "row", "rows")
    );
    Ok(Exit::Success)
}
