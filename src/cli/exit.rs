//! Every exit code `kopa` returns, in one table: scripts and CI branch on these
//! numbers, so each is named once here, every command returns one of these names,
//! and `docs/exit-codes.md` documents the same table (a test keeps the two, and the
//! README's commands table, in step).
//!
//! The numbers are history, kept so that scripts keep working: a plan the checker
//! rejects is 1 for `check`, `report`, `sweep` and `bench`, but 5 for `solve`, which
//! reserves 1 for nothing.

use std::process::ExitCode;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Every command: it did what was asked (for `check` and `report`, the checker
    /// accepts the plan; for `explain`, a plan exists).
    Success,
    /// `check`, `report`: the checker rejects the plan; `sweep`: it rejected a
    /// scenario's plan (a bug in kopa); `bench`: a plan failed the checker or a solve
    /// crashed.
    Rejected,
    /// Every command: unreadable or invalid input, or arguments it cannot take
    /// (clap's usage errors included); nothing is written.
    BadInput,
    /// `solve`, `explain`: proven infeasible, no plan meets every hard rule.
    Infeasible,
    /// `solve`: no plan within the time limit; `explain`: no answer within it;
    /// `sweep`: a scenario found no plan.
    NoPlan,
    /// `solve`: the checker rejected the solver's own plan (a bug in kopa).
    SolveRejected,
    /// `solve`, `sweep`: stopped by a signal (SIGINT 130, SIGTERM 143), the best plan
    /// so far written, marked `interrupted`. 128 + the signal, as shells report a
    /// process ended by it.
    Interrupted { signal: i32 },
}

impl Exit {
    /// Every exit a command can end with (`Interrupted` once per signal kopa stops on).
    pub const ALL: [Exit; 8] = [
        Exit::Success,
        Exit::Rejected,
        Exit::BadInput,
        Exit::Infeasible,
        Exit::NoPlan,
        Exit::SolveRejected,
        Exit::Interrupted {
            signal: libc::SIGINT,
        },
        Exit::Interrupted {
            signal: libc::SIGTERM,
        },
    ];

    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Rejected => 1,
            Exit::BadInput => 2,
            Exit::Infeasible => 3,
            Exit::NoPlan => 4,
            Exit::SolveRejected => 5,
            Exit::Interrupted { signal } => u8::try_from(128 + signal).unwrap_or(u8::MAX),
        }
    }

    /// The exit whose code is `code`, if kopa has one (e.g. a `kopa solve` child's).
    pub fn from_code(code: i32) -> Option<Exit> {
        Exit::ALL
            .into_iter()
            .find(|exit| i32::from(exit.code()) == code)
    }

    /// The commands that can end with this exit.
    pub fn commands(self) -> &'static [&'static str] {
        match self {
            Exit::Success | Exit::BadInput => EVERY_COMMAND,
            Exit::Rejected => &["check", "report", "sweep", "bench", "import"],
            Exit::Infeasible => &["solve", "explain"],
            Exit::NoPlan => &["solve", "explain", "sweep"],
            Exit::SolveRejected => &["solve"],
            Exit::Interrupted { .. } => &["solve", "sweep"],
        }
    }

    /// What it means, in a few words (for `--help`; docs/exit-codes.md says more).
    pub fn summary(self) -> &'static str {
        match self {
            Exit::Success => "done (a plan the checker accepts, where there is one)",
            Exit::Rejected => "the checker rejected a plan (for bench: or a solve crashed)",
            Exit::BadInput => "bad input or arguments",
            Exit::Infeasible => "proven infeasible: no plan exists",
            Exit::NoPlan => "no plan (for explain: no answer) within the time limit",
            Exit::SolveRejected => "the checker rejected the solver's own plan (a bug in kopa)",
            Exit::Interrupted { signal } if signal == libc::SIGINT => {
                "stopped by SIGINT, the best plan so far written"
            }
            Exit::Interrupted { .. } => "stopped by SIGTERM, the best plan so far written",
        }
    }

    /// The exit codes `command` can end with, one per line, for its `--help`; every
    /// exit code when `command` is `None` (`kopa --help`).
    pub fn help(command: Option<&str>) -> String {
        let mut help = String::from("Exit codes (docs/exit-codes.md):");
        for exit in Exit::ALL {
            if command.is_none_or(|c| exit.commands().contains(&c)) {
                help.push_str(&format!("\n  {:<4} {}", exit.code(), exit.summary()));
            }
        }
        help
    }
}

/// Every subcommand of `kopa` (a test in main.rs keeps it in step with clap's).
pub const EVERY_COMMAND: &[&str] = &[
    "validate", "schema", "check", "solve", "explain", "bench", "compare", "report", "generate",
    "sweep", "hash", "import", "export",
];

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    const DOC: &str = include_str!("../../docs/exit-codes.md");
    const README: &str = include_str!("../../README.md");
    /// How the doc's table says "all of `EVERY_COMMAND`".
    const EVERY: &str = "every command";

    /// The rows of the table in docs/exit-codes.md: code, name, commands.
    fn doc_rows() -> Vec<(u8, String, BTreeSet<String>)> {
        DOC.lines()
            .filter_map(|line| {
                let cells: Vec<&str> = line.split('|').map(str::trim).collect();
                // "| code | name | commands | when |" splits into 6 cells.
                let code = cells.get(1)?.parse().ok()?;
                let name = cells[2].trim_matches('`').to_owned();
                let commands = cells[3]
                    .split(',')
                    .map(|c| c.trim().trim_matches('`').to_owned())
                    .collect();
                Some((code, name, commands))
            })
            .collect()
    }

    /// An exit as the doc's table has it: code, variant name, commands.
    fn row(exit: Exit) -> (u8, String, BTreeSet<String>) {
        let debug = format!("{exit:?}");
        let name = debug.split(' ').next().expect("a name").to_owned();
        let commands = if exit.commands() == EVERY_COMMAND {
            BTreeSet::from([EVERY.to_owned()])
        } else {
            exit.commands().iter().map(|c| (*c).to_owned()).collect()
        };
        (exit.code(), name, commands)
    }

    #[test]
    fn codes_are_distinct_and_signals_add_to_128() {
        let codes: BTreeSet<u8> = Exit::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(codes.len(), Exit::ALL.len());
        let sigint = Exit::Interrupted {
            signal: libc::SIGINT,
        };
        let sigterm = Exit::Interrupted {
            signal: libc::SIGTERM,
        };
        assert_eq!((sigint.code(), sigterm.code()), (130, 143));
    }

    #[test]
    fn every_code_reads_back() {
        for exit in Exit::ALL {
            assert_eq!(Exit::from_code(i32::from(exit.code())), Some(exit));
        }
        assert_eq!(Exit::from_code(6), None);
        assert_eq!(Exit::from_code(-1), None);
    }

    #[test]
    fn every_command_is_known() {
        for exit in Exit::ALL {
            for command in exit.commands() {
                assert!(EVERY_COMMAND.contains(command), "{exit:?}: {command}");
            }
        }
    }

    #[test]
    fn the_doc_has_one_row_per_exit_and_no_other() {
        let table: Vec<_> = Exit::ALL.into_iter().map(row).collect();
        assert_eq!(doc_rows(), table, "docs/exit-codes.md's table");
    }

    /// The README's commands table lists, for each command, exactly its codes.
    #[test]
    fn the_readme_lists_each_commands_codes() {
        // A command with subcommands (`import csv`, `import point`) has a row each:
        // each row lists codes the command can return, and its rows together all.
        let mut listed_by_command: BTreeMap<&str, BTreeSet<u8>> = BTreeMap::new();
        for line in README.lines().filter(|l| l.starts_with("| `kopa ")) {
            let command = line["| `kopa ".len()..]
                .split([' ', '`'])
                .next()
                .expect("a command name");
            let last_cell = line.trim_end_matches('|').rsplit('|').next();
            let listed: BTreeSet<u8> = last_cell
                .expect("a cell")
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|n| n.parse().ok())
                .collect();
            let expected = codes_of(command);
            assert!(
                listed.is_subset(&expected),
                "README.md's row of `kopa {command}` lists {listed:?}, the command returns {expected:?}"
            );
            listed_by_command.entry(command).or_default().extend(listed);
        }
        for (command, listed) in &listed_by_command {
            assert_eq!(
                listed,
                &codes_of(command),
                "README.md's rows of `kopa {command}`"
            );
        }
        let seen: BTreeSet<&str> = listed_by_command.keys().copied().collect();
        assert_eq!(seen, EVERY_COMMAND.iter().copied().collect());
    }

    /// The codes `command` can end with.
    fn codes_of(command: &str) -> BTreeSet<u8> {
        Exit::ALL
            .into_iter()
            .filter(|e| e.commands().contains(&command))
            .map(Exit::code)
            .collect()
    }

    #[test]
    fn help_lists_only_the_commands_codes() {
        let help = Exit::help(Some("explain"));
        let codes: Vec<&str> = help
            .lines()
            .skip(1)
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        assert_eq!(codes, ["0", "2", "3", "4"]);
        assert_eq!(Exit::help(None).lines().count(), 1 + Exit::ALL.len());
    }
}
