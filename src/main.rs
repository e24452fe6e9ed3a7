//! The `kopa` command line: parse arguments, dispatch to a command, map the outcome
//! to a documented exit code (see the table in README.md). No logic of its own lives here.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    /// Check instance files and report every problem at once (exit 0 valid, 2 invalid).
    Validate(cli::validate::Args),
    /// Print the JSON Schema of the instance format, for editors.
    Schema(cli::schema::Args),
    /// Check a solution against an instance: every rule and the objective (exit 0 ok, 1 rejected, 2 unreadable).
    Check(cli::check::Args),
    /// Plan an instance: write the best plan found, checked (exit 0 plan, 2 bad input, 3 infeasible, 4 no plan in time, 5 checker rejected it).
    Solve(cli::solve::Args),
    /// Explain why an instance has no plan: the mandatory requests that cannot hold together (exit 0 a plan exists, 3 none, 4 unknown).
    Explain(cli::explain::Args),
    /// Run a bench suite: every solve its own process, every plan checked; a Markdown table (exit 1 if a plan fails the checker).
    Bench(cli::bench::Args),
    /// Compare plans of one instance side by side, every number recomputed by the checker.
    Compare(cli::compare::Args),
    /// Write a plan's report for people: every week, the buses, the costs with reasons (exit 0, 1 plan rejected by the checker, 2 bad input).
    Report(cli::report::Args),
    /// Write a realistic synthetic instance of a given size from a seed and a profile (exit 0, 2 bad arguments or profile).
    Generate(cli::generate::Args),
    /// Solve a base instance and scenarios (merge patches of it) in parallel, check every plan, write one comparison (exit 0 ok, 1 a plan rejected, 2 bad input, 4 a scenario without a plan).
    Sweep(cli::sweep::Args),
    /// Print each instance file's fingerprint, the `instance.hash` a solution carries (exit 0, 2 unreadable).
    Hash(cli::hash::Args),
}

fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = Cli::parse();
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
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("kopa: error: {}", with_causes(&error));
            ExitCode::from(cli::EXIT_BAD_INPUT)
        }
    }
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
