//! Every integration test of kopa, in one test binary.
//!
//! Each test binary links the whole library and HiGHS: one binary per file made 24
//! links after every change to `src/`. Here each former file is a module of its own,
//! and `util` holds what they share (the built `kopa` binary, paths in the repository,
//! signals). The tests share one process, so none may change process-wide state
//! (working directory, environment variables, `kopa::solve::interrupt`'s stop flag):
//! whatever needs that runs the `kopa` binary as a child instead.

mod architecture;
mod arguments_cli;
mod bench_cli;
mod calendar;
mod check_cli;
mod check_rules;
mod cli_pipes;
mod cohort_start;
mod determinism;
mod explain_cli;
mod explain_facts;
mod export_model_cli;
mod generate_cli;
mod hash_cli;
mod hostile_input;
mod import_csv;
mod import_csv_hostile;
mod import_gtfs;
mod instances_parse;
mod interrupt_cli;
mod limits_cli;
mod mutants;
mod plurals;
mod progress_cli;
mod reading_edges;
mod report_browser;
mod report_cli;
mod report_overview;
mod solve_cli;
mod solve_instances;
mod solve_random;
mod sweep_answers;
mod sweep_cli;
mod sweep_repair;
mod sweep_slurm;
mod tables;
mod tiny_hand_solutions;
mod tornio_source;
mod unmet_split;
mod util;
mod validate_codes;
mod validate_fit;
mod validate_props;

/// A file directly in `tests/`, or another folder with a `main.rs`, would be one more
/// test binary linking HiGHS: new tests belong in this folder, as a module above.
#[test]
fn every_integration_test_is_a_module_of_this_binary() {
    let binaries: Vec<String> = std::fs::read_dir(util::repo("tests"))
        .expect("tests/ lists")
        .map(|entry| entry.expect("a tests/ entry").path())
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "rs") || path.join("main.rs").is_file()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert_eq!(
        binaries,
        [util::repo("tests/kopa").display().to_string()],
        "each of these is its own test binary; move it into tests/kopa/ as a module"
    );
}
