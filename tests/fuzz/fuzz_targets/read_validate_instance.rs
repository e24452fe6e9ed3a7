//! Any bytes as an instance file: reading, validating and (when valid) resolving the
//! model must return errors, never panic.
#![no_main]

use std::path::Path;

use kopa::instance::read_instance_str;
use kopa::model::Model;
use kopa::validate::{has_errors, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(instance) = read_instance_str(text, Path::new("fuzz.json")) else {
        return;
    };
    let diagnostics = validate(&instance);
    if !has_errors(&diagnostics) {
        let _ = Model::new(&instance);
    }
});
