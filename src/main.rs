//! The `kopa` command line: parse arguments, dispatch to a command, map the outcome
//! to a documented exit code (`cli::exit`, docs/exit-codes.md). No logic of its own
//! lives here.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use cli::exit::Exit;

mod cli;

#[derive(Parser)]
#[command(
    name = "kopa",
    version,
    about = "Plans shared upper-secondary teaching and school transport together"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check instance files and report every problem at once.
    Validate(cli::validate::Args),
    /// Print the JSON Schema of the instance format, for editors.
    Schema(cli::schema::Args),
    /// Check a solution against an instance: every rule and the objective.
    Check(cli::check::Args),
    /// Plan an instance: write the best plan found, checked.
    Solve(cli::solve::Args),
    /// Explain why an instance has no plan: the mandatory requests that cannot hold together.
    Explain(cli::explain::Args),
    /// Run a bench suite: every solve its own process, every plan checked; a Markdown table.
    Bench(cli::bench::Args),
    /// Compare plans of one instance side by side, every number recomputed by the checker.
    Compare(cli::compare::Args),
    /// Write a plan's report for people: every week, the buses, the costs with reasons.
    Report(cli::report::Args),
    /// Write a realistic synthetic instance of a given size from a seed and a profile.
    Generate(cli::generate::Args),
    /// Solve a base instance and scenarios (merge patches of it) in parallel, check every plan, write one comparison (--emit slurm: a Slurm job array instead; `collect DIR` brings it back).
    Sweep(cli::sweep::Command),
    /// Print each instance file's fingerprint, the `instance.hash` a solution carries.
    Hash(cli::hash::Args),
    /// Write an instance from what schools keep: a workbook of CSV files.
    Import(cli::import::Args),
    /// Write an instance as a workbook of CSV files, to keep in a spreadsheet.
    Export(cli::export::Args),
}

fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = match parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to stdout and end well; a usage error is bad input.
            let _ = error.print();
            return if error.use_stderr() {
                Exit::BadInput
            } else {
                Exit::Success
            }
            .into();
        }
    };
    let outcome = match cli.command {
        Command::Validate(args) => cli::validate::run(&args),
        Command::Schema(args) => cli::schema::run(&args),
        Command::Check(args) => cli::check::run(&args),
        Command::Solve(args) => cli::solve::run(&args),
        Command::Compare(args) => cli::compare::run(&args),
        Command::Bench(args) => cli::bench::run(&args),
        Command::Explain(args) => cli::explain::run(&args),
        Command::Hash(args) => cli::hash::run(&args),
        Command::Report(args) => cli::report::run(&args),
        Command::Generate(args) => cli::generate::run(&args),
        Command::Sweep(args) => cli::sweep::run(&args),
        Command::Import(args) => cli::import::run(&args),
        Command::Export(args) => cli::export::run(&args),
    };
    match outcome {
        Ok(exit) => exit.into(),
        Err(error) => {
            eprintln!("kopa: error: {}", with_causes(&error));
            Exit::BadInput.into()
        }
    }
}

/// The arguments, read by clap, with each command's exit codes at the end of its
/// `--help` (from the one table, so help and behaviour cannot disagree).
fn parse<I, T>(arguments: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut command = Cli::command().after_help(Exit::help(None));
    for &name in cli::exit::EVERY_COMMAND {
        command = command.mut_subcommand(name, |sub| sub.after_help(Exit::help(Some(name))));
    }
    let matches = command.try_get_matches_from(arguments)?;
    Cli::from_arg_matches(&matches)
}

/// The error and each cause its message does not already say: kopa's errors often
/// name their cause in their own words ("cannot read the file: No such file..."), and
/// anyhow's `{:#}` would repeat it.
fn with_causes(error: &anyhow::Error) -> String {
    let mut message = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !message.contains(&cause) {
            message.push_str(": ");
            message.push_str(&cause);
        }
    }
    message
}

/// Rust ignores SIGPIPE, so `kopa compare ... | head` would panic on the closed pipe.
/// Like other command-line tools, kopa ends quietly instead.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread or output exists;
    // SIG_DFL is a valid disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exit_table_knows_every_command() {
        let commands: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .collect();
        let mut known: Vec<&str> = cli::exit::EVERY_COMMAND.to_vec();
        let mut commands: Vec<&str> = commands.iter().map(String::as_str).collect();
        known.sort_unstable();
        commands.sort_unstable();
        assert_eq!(known, commands);
    }

    #[test]
    fn a_commands_help_ends_with_its_exit_codes() {
        let error = parse(["kopa", "explain", "--help"])
            .err()
            .expect("help ends parsing");
        assert!(!error.use_stderr());
        let help = error.render().to_string();
        assert!(
            help.trim_end()
                .ends_with(Exit::help(Some("explain")).trim_end()),
            "{help}"
        );
    }

    #[test]
    fn a_usage_error_is_bad_input() {
        let error = parse(["kopa", "solve", "--no-such-flag", "-o", "p.json", "i.json"])
            .err()
            .expect("refused");
        // What `main` turns into `Exit::BadInput`.
        assert!(error.use_stderr());
        assert!(error.to_string().contains("--no-such-flag"), "{error}");
    }
}
