//! Every integration test of kopa, in one test binary.
//!
//! Each test binary links the whole library and HiGHS: one binary per file made 24
//! links after every change to `src/`. Here each former file is a module of its own,
//! and `util` holds what they share (the built `kopa` binary, paths in the repository,
//! signals). The tests share one process, so none may change process-wide state
//! (working directory, environment variables, `kopa::solve::interrupt`'s stop flag):
//! whatever needs that runs the `kopa` binary as a child instead.

mod bench_cli;
mod calendar;
mod check_cli;
mod check_rules;
mod cli_pipes;
mod determinism;
mod explain_cli;
mod generate_cli;
mod hash_cli;
mod hostile_input;
mod instances_parse;
mod interrupt_cli;
mod limits_cli;
mod progress_cli;
mod report_browser;
mod report_cli;
mod solve_cli;
mod solve_instances;
mod solve_random;
mod sweep_cli;
mod tables;
mod tiny_hand_solutions;
mod util;
mod validate_codes;
mod validate_props;
