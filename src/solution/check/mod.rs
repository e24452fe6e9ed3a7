//! The independent checker: every hard rule and every objective term of
//! `docs/rules.md`, re-derived from the instance and the solution alone.
//!
//! It shares no code with the solver (`model`, `milp`): it exists to catch the
//! solver's mistakes, so it reads ids, parses clock times and computes road paths
//! itself. One file per rule family, each adding `Violation`s to one list; unknown ids
//! are violations, never panics.

mod clashes;
mod code;
mod context;
mod itineraries;
mod objective;
mod references;
mod remote;
mod requests;
mod rooms;
mod sections;
mod teachers;
mod usage;

pub use code::ViolationCode;
pub use objective::{PlanMeasures, ProgrammeService};
pub use usage::{PlanUsage, SiteUsage, TeacherUsage, TripRunLoad};

use serde::Serialize;

use crate::instance::{Instance, instance_hash};
use crate::solution::{ObjectiveTerms, Solution};

use context::Context;

/// Claimed and recomputed terms may differ by this much (euros) and still agree.
pub const CLAIM_TOLERANCE_EUROS: f64 = 0.005;

/// Whether a claimed and a recomputed euro amount agree (a NaN claim never does).
fn agree(claimed: f64, recomputed: f64) -> bool {
    (claimed - recomputed).abs() <= CLAIM_TOLERANCE_EUROS
}

/// One broken rule, in words a planner can act on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub code: ViolationCode,
    /// Ids of the entities concerned, e.g. `["S14", "FY3-1"]`.
    pub entities: Vec<String>,
    pub message: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}] {}", self.code, self.message)?;
        if !self.entities.is_empty() {
            write!(f, " ({})", self.entities.join(", "))?;
        }
        Ok(())
    }
}

/// An objective term whose claimed value differs from the recomputed one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TermDifference {
    /// The term's name as in the file, e.g. "studentTravel".
    pub term: String,
    pub claimed: f64,
    pub recomputed: f64,
}

/// Everything the checker found about one plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    pub violations: Vec<Violation>,
    /// The objective as the rules define it, from the plan's decisions.
    pub recomputed: ObjectiveTerms,
    /// The objective as the solution file states it.
    pub claimed: ObjectiveTerms,
    /// Terms (and total) where claimed and recomputed differ by more than
    /// `CLAIM_TOLERANCE_EUROS`.
    pub differences: Vec<TermDifference>,
    /// Whether the solution's `instance.hash` is the hash of this instance.
    pub instance_matches: bool,
    /// The quantities behind the terms (km, minutes, counts), for reports.
    pub measures: PlanMeasures,
}

impl CheckReport {
    /// No violation, claims agree, and the plan answers this instance.
    pub fn is_accepted(&self) -> bool {
        self.violations.is_empty() && self.differences.is_empty() && self.instance_matches
    }

    /// No hard rule broken (claims may still disagree).
    pub fn is_feasible(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Collects violations for the rule families.
#[derive(Default)]
pub(crate) struct Violations(Vec<Violation>);

impl Violations {
    pub fn push<I, S>(&mut self, code: ViolationCode, entities: I, message: String)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.0.push(Violation {
            code,
            entities: entities.into_iter().map(Into::into).collect(),
            message,
        });
    }
}

/// Checks `solution` against every rule of `docs/rules.md` and recomputes its objective.
pub fn check(instance: &Instance, solution: &Solution) -> CheckReport {
    let context = Context::new(instance, solution);
    let mut found = Violations::default();
    references::check(&context, &mut found);
    clashes::check(&context, &mut found);
    rooms::check(&context, &mut found);
    teachers::check(&context, &mut found);
    sections::check(&context, &mut found);
    remote::check(&context, &mut found);
    itineraries::check(&context, &mut found);
    requests::check(&context, &mut found);
    let measures = objective::measure(&context);
    let recomputed = objective::terms(instance, &measures);
    let claimed = solution.objective;
    let differences = claimed
        .named()
        .into_iter()
        .zip(recomputed.named())
        .filter(|((_, c), (_, r))| !agree(*c, *r))
        .map(|((term, claimed), (_, recomputed))| TermDifference {
            term: term.to_owned(),
            claimed,
            recomputed,
        })
        .collect();
    CheckReport {
        violations: found.0,
        recomputed,
        claimed,
        differences,
        instance_matches: solution.instance.hash == instance_hash(instance),
        measures,
    }
}
