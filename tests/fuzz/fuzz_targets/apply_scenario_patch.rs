//! Any bytes as a scenario patch (a JSON Merge Patch, docs/scenarios.md) of one fixed
//! small instance, built into a variant as `kopa sweep` does: read from a file (a byte
//! order mark skipped), merged by id, read back as an instance, validated, and (when
//! valid) diffed against the base with the changes worded. Errors are fine; a panic is
//! a bug.
//!
//! The base is `tests/fixtures/solve/two-towns.json`, the base of the sweep fixtures
//! `tests/fixtures/sweep/`.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use kopa::instance::{Instance, read_instance_str};
use kopa::scenario::diff::summarise;
use kopa::scenario::variant::build;
use libfuzzer_sys::fuzz_target;

static BASE: LazyLock<Instance> = LazyLock::new(|| {
    read_instance_str(
        include_str!("../../fixtures/solve/two-towns.json"),
        Path::new("two-towns.json"),
    )
    .expect("the two-towns fixture is a valid instance")
});

static DIR: LazyLock<tempfile::TempDir> =
    LazyLock::new(|| tempfile::tempdir().expect("a temporary folder for the patch"));

static PATCH: LazyLock<PathBuf> = LazyLock::new(|| DIR.path().join("scenario.json"));

fuzz_target!(|data: &[u8]| {
    std::fs::write(&*PATCH, data).expect("the patch folder is writable");
    match build(&BASE, &PATCH) {
        Ok(variant) => {
            let _ = summarise(&variant.changes);
            for change in &variant.changes {
                let _ = change.to_string();
            }
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
