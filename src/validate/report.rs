//! Diagnostics that many rules raise the same way: a dangling id, a number out of its
//! range. One wording for each, whichever entity it concerns.

use super::context::Lookup;
use super::{Code, Diagnostic};

/// E0102 unless `id` names an existing `target_kind` entity.
pub fn require_reference(
    out: &mut Vec<Diagnostic>,
    lookup: &Lookup<'_>,
    id: &str,
    target_kind: &str,
    entity: &str,
    path: String,
) {
    if !lookup.contains(id) {
        out.push(Diagnostic::new(
            Code::E0102UnknownReference,
            entity,
            path,
            format!("{target_kind} {id:?} does not exist"),
            format!("use the id of an existing {target_kind}, or add a {target_kind} {id:?}"),
        ));
    }
}

/// Counts (seats, lessons, sections, streams) are held as 32-bit numbers once
/// resolved; a larger one is a typo or an export error, never a real count.
const LARGEST_COUNT: i64 = u32::MAX as i64;

/// Minutes, km, euros and rates above this are typos or export errors: the objective
/// multiplies two of them (km x rate), and HiGHS treats 1e20 as infinite. A limit of
/// the solver, not a fact about the world.
const LARGEST_AMOUNT: f64 = 1e9;

/// E0301 unless 0 < `value` <= `LARGEST_COUNT`.
pub fn require_positive_int(
    out: &mut Vec<Diagnostic>,
    value: i64,
    what: &str,
    entity: &str,
    path: String,
) {
    if value <= 0 {
        push_not_positive(out, &value.to_string(), what, entity, path);
    } else if value > LARGEST_COUNT {
        push_too_large(out, Code::E0301NotPositive, value, what, entity, path);
    }
}

fn push_too_large(
    out: &mut Vec<Diagnostic>,
    code: Code,
    value: i64,
    what: &str,
    entity: &str,
    path: String,
) {
    out.push(Diagnostic::new(
        code,
        entity,
        path,
        format!("{what} is {value}; it must be at most {LARGEST_COUNT}"),
        format!("give the real {what}: a whole number up to {LARGEST_COUNT}"),
    ));
}

/// E0301 unless `value` > 0 (NaN is not positive).
pub fn require_positive_float(
    out: &mut Vec<Diagnostic>,
    value: f64,
    what: &str,
    entity: &str,
    path: String,
) {
    if value <= 0.0 || value.is_nan() {
        push_not_positive(out, &value.to_string(), what, entity, path);
    } else if value > LARGEST_AMOUNT {
        push_amount_too_large(out, Code::E0301NotPositive, value, what, entity, path);
    }
}

fn push_not_positive(
    out: &mut Vec<Diagnostic>,
    value: &str,
    what: &str,
    entity: &str,
    path: String,
) {
    out.push(Diagnostic::new(
        Code::E0301NotPositive,
        entity,
        path,
        format!("{what} is {value}; it must be greater than 0"),
        format!("give a positive {what}"),
    ));
}

/// E0302 if `value` < 0, or above `LARGEST_COUNT`.
pub fn require_non_negative_int(
    out: &mut Vec<Diagnostic>,
    value: i64,
    what: &str,
    entity: &str,
    path: String,
) {
    if value < 0 {
        push_negative(out, &value.to_string(), what, entity, path);
    } else if value > LARGEST_COUNT {
        push_too_large(out, Code::E0302Negative, value, what, entity, path);
    }
}

/// E0302 if `value` < 0 (or NaN).
pub fn require_non_negative_float(
    out: &mut Vec<Diagnostic>,
    value: f64,
    what: &str,
    entity: &str,
    path: String,
) {
    if value < 0.0 || value.is_nan() {
        push_negative(out, &value.to_string(), what, entity, path);
    } else if value > LARGEST_AMOUNT {
        push_amount_too_large(out, Code::E0302Negative, value, what, entity, path);
    }
}

fn push_amount_too_large(
    out: &mut Vec<Diagnostic>,
    code: Code,
    value: f64,
    what: &str,
    entity: &str,
    path: String,
) {
    out.push(Diagnostic::new(
        code,
        entity,
        path,
        format!("{what} is {value:e}; it must be at most {LARGEST_AMOUNT:e}"),
        format!("give the real {what}; the solver treats numbers near 1e20 as infinite, and costs multiply two of these"),
    ));
}

fn push_negative(out: &mut Vec<Diagnostic>, value: &str, what: &str, entity: &str, path: String) {
    out.push(Diagnostic::new(
        Code::E0302Negative,
        entity,
        path,
        format!("{what} is {value}; it must not be negative"),
        format!("give a {what} of 0 or more"),
    ));
}
