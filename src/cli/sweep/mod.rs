//! `kopa sweep BASE PATCH... -o DIR`: a planner's scenarios, each a JSON Merge Patch of
//! the base (id-keyed lists, see `docs/scenarios.md`), built and validated first
//! (`prepare`), then solved on this machine (`local`) or written as a Slurm job array
//! to solve on a cluster (`emit`, `--emit slurm`) and brought back by `kopa sweep
//! collect DIR` (`collect`); either way every plan is offered to every scenario,
//! checked, and one comparison written (`keep`). `args` holds the flags they share,
//! `manifest` what an emitted sweep's jobs and its collect step agree on.

pub mod args;
pub mod collect;
pub mod emit;
pub mod keep;
pub mod local;
pub mod manifest;
pub mod prepare;

use super::exit::Exit;

/// `kopa sweep`: a sweep's arguments, or `collect DIR`.
#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Command {
    #[command(subcommand)]
    pub collect: Option<Collect>,
    #[command(flatten)]
    pub args: Option<args::Args>,
}

#[derive(clap::Subcommand)]
pub enum Collect {
    /// Bring an emitted sweep's plans back from its directory: check every plan, offer
    /// each to every scenario, write the plans and the comparison as a local sweep does.
    Collect(collect::Args),
}

pub fn run(command: &Command) -> anyhow::Result<Exit> {
    match (&command.collect, &command.args) {
        (Some(Collect::Collect(collect)), _) => collect::run(collect),
        (None, Some(args)) if args.emit.is_some() => emit::run(args),
        (None, Some(args)) => local::run(args),
        (None, None) => anyhow::bail!("kopa sweep: give BASE PATCH... -o DIR, or collect DIR"),
    }
}
