//! Any bytes as a solution file, checked against one fixed valid instance: reading
//! and checking must report violations, never panic.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use kopa::instance::{Instance, read_instance_str};
use kopa::solution::check::check;
use kopa::solution::read_solution_str;
use libfuzzer_sys::fuzz_target;

static INSTANCE: LazyLock<Instance> = LazyLock::new(|| {
    read_instance_str(
        include_str!("../../fixtures/check/instance.json"),
        Path::new("instance.json"),
    )
    .expect("the check fixture is a valid instance")
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(solution) = read_solution_str(text, Path::new("fuzz.json")) {
        let _ = check(&INSTANCE, &solution);
    }
});
