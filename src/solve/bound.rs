//! A lower bound from counting (`count.rs`): how many sections each course opens in
//! which pattern, and which requests they serve, with places, rooms and buses left out.
//!
//! The LP relaxation of the full model is weak for this problem (docs/solver.md) and,
//! on the Tornio valley, too large to finish its root LP in minutes (dual simplex had
//! not after 9 minutes here): a fractional timetable spreads every course over every
//! bar and clashes vanish. The count is small, and every plan maps onto one of its
//! points at no lower cost, so the best bound HiGHS proves for it is a bound for the
//! whole problem.

use good_lp::{IntoAffineExpression, SolverModel};
use highs::HighsModelStatus;

use super::count::{CountModel, count_model};
use super::environment::Environment;
use crate::model::Model;

/// The bound, or `None` when HiGHS proved nothing (an infeasible count means the
/// instance has no plan, which the full model reports itself).
pub fn demand_bound(model: &Model, env: &Environment, seconds: f64) -> Option<f64> {
    count(model, env, Some(seconds))
}

/// The bound of the count's LP relaxation, solved to its end with no clock: weaker
/// than what branch and bound proves in the same time, but the same on every run,
/// which a run without a time limit promises for its whole file.
pub fn demand_bound_of_lp(model: &Model, env: &Environment) -> Option<f64> {
    count(model, env, None)
}

/// The count, as a MIP stopped after `seconds`, or (`None`) as its LP relaxation.
fn count(model: &Model, env: &Environment, seconds: Option<f64>) -> Option<f64> {
    let CountModel {
        vars,
        objective,
        rows,
        ..
    } = count_model(model, false);
    let mut problem = vars.minimise(objective.clone()).using(good_lp::highs);
    for row in rows {
        problem.add_constraint(row);
    }
    let mut highs = problem.try_into_inner().ok()?;
    super::highs::configure(&mut highs, env, seconds).ok()?;
    if seconds.is_none() {
        highs.set_option("solve_relaxation", true);
    }
    let offset = objective.constant();
    let solved = highs.try_solve().ok()?;
    match solved.status() {
        // The relaxation's optimum is its objective; HiGHS leaves `mip_dual_bound`
        // unset there (0 was read back: the offset alone, above every plan).
        HighsModelStatus::Optimal if seconds.is_none() => Some(solved.objective_value() + offset),
        HighsModelStatus::Optimal => {
            let bound = solved
                .double_info_value(c"mip_dual_bound")
                .ok()
                .filter(|b| b.is_finite())
                .unwrap_or_else(|| solved.objective_value());
            Some(bound + offset)
        }
        HighsModelStatus::ReachedTimeLimit => solved
            .double_info_value(c"mip_dual_bound")
            .ok()
            .filter(|b| b.is_finite())
            .map(|b| b + offset),
        _ => None,
    }
    .map(|b| b.max(0.0))
}
