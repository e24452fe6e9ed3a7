//! A point of kopa's full model found by another solver, turned back into a plan.
//!
//! `kopa export model` writes the model with every column named from the domain; a
//! peer (SCIP, CP-SAT, a commercial solver) returns column values by those names. Read
//! here, they become a solution file valued by kopa's checker like any plan of kopa's
//! own, so a peer's answer is compared on the checker's numbers, never on its own
//! objective (a solver stopped by its clock has returned infeasible points here).

use std::collections::HashMap;

use good_lp::Variable;

use crate::milp::extract_plan;
use crate::milp::model_file::full_model_file;
use crate::solution::check::{CheckReport, check};
use crate::solution::{Solution, SolveStatus};

use super::context::SolveContext;
use super::environment::Environment;
use super::outcome::{PlanParts, new_solution};
use super::strategy::Strategy;

/// A point that is not of this instance's model.
#[derive(Debug, thiserror::Error)]
pub enum PointError {
    #[error(
        "column \"{0}\" is not a column of this instance's model (was the model exported from another instance?)"
    )]
    UnknownColumn(String),
}

/// The plan at `values` (column name -> value; a column not named is 0, as solvers
/// write only the non-zero ones), valued by the checker, with the checker's verdict.
/// `producer` names the solver in the plan's provenance.
pub fn plan_of_point(
    ctx: &SolveContext<'_>,
    env: &Environment,
    values: &HashMap<String, f64>,
    producer: &str,
) -> Result<(Solution, CheckReport), PointError> {
    let (file, variables, builder) = full_model_file(ctx.model, &ctx.placements);
    let by_name: HashMap<&str, Variable> = file
        .columns
        .iter()
        .map(|column| column.name.as_str())
        .zip(variables)
        .collect();
    let mut at: HashMap<Variable, f64> = HashMap::with_capacity(values.len());
    for (name, &value) in values {
        match by_name.get(name.as_str()) {
            Some(&var) => {
                at.insert(var, value);
            }
            None if name == crate::milp::model_file::CONSTANT_COLUMN => {}
            None => return Err(PointError::UnknownColumn(name.clone())),
        }
    }
    let plan = extract_plan(&builder, |var| at.get(&var).copied().unwrap_or(0.0));
    let mut parts = PlanParts {
        sections: plan.sections,
        students: plan.students,
        trip_runs: plan.trip_runs,
        teacher_drives: plan.teacher_drives,
    };
    let order = &ctx.sections.students;
    parts
        .students
        .sort_by_key(|p| order.get(p.student.as_str()).copied().unwrap_or(usize::MAX));
    let mut solution = new_solution(ctx, Strategy::Exact, env, SolveStatus::Feasible, parts);
    solution.provenance.producer = format!("{producer}, on kopa's exported model");
    solution.provenance.seed = None;
    solution.provenance.threads = None;
    solution.objective = check(ctx.instance, &solution).recomputed;
    let report = check(ctx.instance, &solution);
    Ok((solution, report))
}
