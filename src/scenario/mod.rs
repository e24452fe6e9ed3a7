//! Scenarios: variants of a base instance that a planner writes as small patches
//! ("no video links", "one more afternoon shuttle"), built, described and compared.
//!
//! `keyed` is the id-keyed view of entity lists that makes patches and diffs work
//! entity by entity; `merge` applies a JSON Merge Patch (RFC 7396) over that view;
//! `diff` says what a variant changes, computed from the two instances; `variant`
//! turns a patch file into a validated instance, with errors naming the patch file,
//! the entity and the field; `offer` carries a plan found for one scenario into
//! another, where the checker judges it. The rule is documented in
//! `docs/scenarios.md`.

pub mod diff;
pub mod keyed;
pub mod merge;
pub mod offer;
pub mod variant;
