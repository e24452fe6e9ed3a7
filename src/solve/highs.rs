//! Running HiGHS on a built model and reading back what good_lp hides: the best bound,
//! the gap, and the values of every column.
//!
//! good_lp's `Solution` exposes only a status and values; the bound that makes a gap
//! honest is read from HiGHS directly (`into_inner`: `mip_dual_bound`, `mip_gap`).
//! Options set through good_lp are not carried over by `into_inner`, so every option
//! is set here on the HiGHS model itself, in one place ([`configure`]).

use std::ffi::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Instant;

use good_lp::{Expression, IntoAffineExpression, ProblemVariables, SolverModel, Variable};
use highs::HighsModelStatus;

use super::environment::{Environment, Stop};
use crate::milp::{Builder, BuiltModel};

/// What the solver proved about its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MipStatus {
    Optimal,
    /// Stopped at the requested relative gap.
    GapLimit,
    /// Stopped by the time or node limit with a feasible point.
    Limit,
    /// Proven to have no feasible point.
    Infeasible,
    /// Stopped by a limit without any feasible point.
    NoSolution,
}

pub struct MipResult<'m> {
    pub status: MipStatus,
    pub builder: Builder<'m>,
    /// Column values (in variable creation order); empty without a feasible point.
    pub values: Vec<f64>,
    pub objective: Option<f64>,
    /// Best proven lower bound on the objective, when HiGHS reports one.
    pub bound: Option<f64>,
    pub seconds: f64,
    /// Branch-and-bound nodes HiGHS explored.
    pub nodes: u64,
    /// HiGHS stopped because its wall clock ran out (the time limit) or a signal came,
    /// not on a proof, a gap or a node limit: what it hands back depends on when.
    pub stopped_by_clock: bool,
    pub columns: std::collections::HashMap<Variable, usize>,
}

impl MipResult<'_> {
    pub fn value(&self, var: Variable) -> f64 {
        self.columns
            .get(&var)
            .and_then(|&c| self.values.get(c))
            .copied()
            .unwrap_or(0.0)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MipError {
    #[error("HiGHS rejected the model: {0}")]
    Build(String),
    #[error("HiGHS failed while solving: {0}")]
    Solve(String),
}

/// HiGHS's `kHighsSolutionStatusFeasible`.
const FEASIBLE_SOLUTION_STATUS: i64 = 2;

/// Limits of one MIP call on top of the environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct MipLimits {
    pub seconds: Option<f64>,
    /// Stop after this many branch-and-bound nodes (HiGHS's `mip_max_nodes`): a limit
    /// of work, unlike `seconds`, so a call it stops ends the same way on any machine.
    pub nodes: Option<u64>,
    pub relative_gap: Option<f64>,
    /// Only look for plans with an objective below this (HiGHS's `objective_bound`).
    pub cutoff: Option<f64>,
    /// Solve the MIP's LPs by interior point: measured here to finish the root LP of
    /// the large monolithic model where dual simplex had not after a minute.
    pub interior_point: bool,
    /// Solve only the LP relaxation (HiGHS's `solve_relaxation`), to its end: its
    /// optimum is the bound, and no limit of work or clock decides it.
    pub relaxation: bool,
    /// Stop at the first plan found (HiGHS's `mip_max_improving_sols` 1).
    pub first_plan: bool,
    /// Never restart the branch and bound after the root node (HiGHS's
    /// `mip_allow_restart` false). HiGHS 1.16 restarts when the root fixes a share of
    /// the integer columns and presolves again, and that presolve does not look at the
    /// clock: a Tornio valley neighbourhood given 30 s was still in it after 136 s.
    /// On 24 such neighbourhoods, without restarts every one found the same plan as
    /// with them, as fast or faster.
    pub no_restart: bool,
}

/// Solves `built` with HiGHS; `start` gives warm-start values for some variables.
pub fn solve<'m>(
    built: BuiltModel<'m>,
    env: &Environment,
    limits: MipLimits,
    start: &[(Variable, f64)],
) -> Result<MipResult<'m>, MipError> {
    let started = Instant::now();
    let columns: std::collections::HashMap<Variable, usize> = built.columns().clone();
    let (vars, objective, rows, builder) = built.into_parts();
    // good_lp hands HiGHS the linear part only; the constant comes back here.
    let offset = objective.constant();
    let costs: Vec<(usize, f64)> = (&objective)
        .linear_coefficients()
        .filter_map(|(var, cost)| columns.get(&var).map(|&c| (c, cost)))
        .collect();
    // Summed in column order, so the objective's last digits repeat run to run.
    let mut costs = costs;
    costs.sort_by_key(|&(c, _)| c);
    // HiGHS calls a model without columns "empty" and optimal whatever its rows say;
    // a row without variables (a mandatory request no section can meet) is then
    // judged here.
    let constant_rows_hold = rows.iter().all(holds_if_constant);
    let mut model = to_highs(vars, objective, rows)?;
    // The caller's share, but never past what the run has left now: a limit worked
    // out before a model was built would otherwise overrun by the building time.
    let seconds = env.stop.remaining_within(limits.seconds);
    configure(&mut model, env, seconds)?;
    for (name, value) in &env.params.highs_options {
        let applied = if let Ok(v) = value.parse::<i32>() {
            model.try_set_option(name.as_str(), v)
        } else if let Ok(v) = value.parse::<f64>() {
            model.try_set_option(name.as_str(), v)
        } else if let Ok(v) = value.parse::<bool>() {
            model.try_set_option(name.as_str(), v)
        } else {
            model.try_set_option(name.as_str(), value.as_str())
        };
        if applied.is_err() {
            env.note(format_args!("HiGHS rejected option {name}={value}"));
        }
    }
    if let Some(cutoff) = limits.cutoff {
        model.set_option("objective_bound", cutoff - offset);
    }
    if limits.interior_point {
        model.set_option("mip_lp_solver", "ipx");
        if limits.relaxation {
            model.set_option("solver", "ipm");
        }
    }
    if limits.relaxation {
        model.set_option("solve_relaxation", true);
    }
    if let Some(gap) = limits.relative_gap {
        model.set_option("mip_rel_gap", gap);
    }
    if limits.first_plan {
        model.set_option("mip_max_improving_sols", 1);
    }
    if limits.no_restart {
        model.set_option("mip_allow_restart", false);
    }
    if let Some(nodes) = limits.nodes {
        model.set_option("mip_max_nodes", i32::try_from(nodes).unwrap_or(i32::MAX));
    }
    if !start.is_empty() {
        let mut initial = vec![0.0; columns.len()];
        for (var, value) in start {
            if let Some(&c) = columns.get(var) {
                initial[c] = *value;
            }
        }
        model
            .try_set_solution(Some(&initial), None, None, None)
            .map_err(|e| MipError::Build(format!("{e:?}")))?;
    }
    let mut solved = model
        .try_solve()
        .map_err(|e| MipError::Solve(format!("{e:?}")))?;
    // HiGHS 1.16 was seen proving an optimum and handing back the MIP start instead
    // (the start, mapped into the presolved space, was better than its original values;
    // at the end the original values came back). Found by the random-instance test:
    // a neighbourhood that was the whole model then "proved" a plan of 219 optimal
    // where HiGHS had found 198. Solving again from scratch, without the start, gives
    // the optimum's own values.
    if !start.is_empty()
        && solved.status() == HighsModelStatus::Optimal
        && returns_worse_than_reported(&solved, &costs, offset)
    {
        if env.params.verbose_solver {
            env.note(format_args!(
                "HiGHS returned the start instead of its optimum; solving again without it"
            ));
        }
        let mut model = highs::Model::from(solved);
        // SAFETY: the pointer is the live Highs object `model` owns; clearing its
        // solver state (solution, basis) is what the C API offers for this.
        unsafe { highs_sys::Highs_clearSolver(model.as_mut_ptr()) };
        if let Some(seconds) = seconds {
            let left = seconds - started.elapsed().as_secs_f64();
            model.set_option("time_limit", left.max(0.01));
        }
        solved = model
            .try_solve()
            .map_err(|e| MipError::Solve(format!("{e:?}")))?;
    }
    // Read the info directly: the highs crate's accessor panics when HiGHS reports
    // "no solution" as -1 (seen on an empty model).
    let has_point = solved
        .int_info_value(c"primal_solution_status")
        .is_ok_and(|status| status == FEASIBLE_SOLUTION_STATUS);
    let status = match solved.status() {
        HighsModelStatus::Optimal => {
            let gap = solved.mip_gap();
            if gap.is_finite() && gap > limits.relative_gap.unwrap_or(0.0).max(1e-4) * 1.0001 {
                MipStatus::Limit
            } else if limits.relative_gap.is_some() && gap.is_finite() && gap > 1e-9 {
                MipStatus::GapLimit
            } else {
                MipStatus::Optimal
            }
        }
        HighsModelStatus::Infeasible => MipStatus::Infeasible,
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedInterrupt
        | HighsModelStatus::ReachedMemoryLimit
        | HighsModelStatus::ObjectiveBound
        | HighsModelStatus::ObjectiveTarget => {
            if has_point {
                MipStatus::Limit
            } else {
                MipStatus::NoSolution
            }
        }
        HighsModelStatus::ModelEmpty if constant_rows_hold => MipStatus::Optimal,
        HighsModelStatus::ModelEmpty => MipStatus::Infeasible,
        other => {
            return Err(MipError::Solve(format!(
                "HiGHS ended with status {other:?}"
            )));
        }
    };
    let stopped_by_clock = matches!(
        solved.status(),
        HighsModelStatus::ReachedTimeLimit | HighsModelStatus::ReachedInterrupt
    );
    let nodes = node_count(&solved);
    let bound = solved
        .double_info_value(c"mip_dual_bound")
        .ok()
        .filter(|b| b.is_finite())
        .map(|b| b + offset);
    let (values, objective, worse_than_reported) = if has_point || status == MipStatus::Optimal {
        // The objective of the values HiGHS hands back, computed here: after a time
        // limit with a MIP start, HiGHS 1.16 was seen reporting an improved incumbent's
        // objective while returning the start's values. The values are the plan.
        let (values, of_values) = values_and_their_objective(&solved, &costs, offset);
        let reported = solved.objective_value() + offset;
        if env.params.verbose_solver
            && (of_values - reported).abs() > 1e-6 * reported.abs().max(1.0)
        {
            env.note(format_args!(
                "HiGHS reported objective {reported:.4}, its values give {of_values:.4}"
            ));
        }
        let worse = worse_than(of_values, reported);
        (values, Some(of_values), worse)
    } else {
        (Vec::new(), None, false)
    };
    // Values worse than the optimum HiGHS proved are not that optimum: the plan is
    // only feasible, and the proof survives as the bound (read below).
    let status = if status == MipStatus::Optimal && worse_than_reported {
        MipStatus::Limit
    } else {
        status
    };
    let status = if objective.is_none() && status == MipStatus::Optimal {
        MipStatus::NoSolution
    } else {
        status
    };
    Ok(MipResult {
        status,
        builder,
        values,
        objective,
        bound: if status == MipStatus::Optimal {
            objective.or(bound)
        } else {
            bound
        },
        seconds: started.elapsed().as_secs_f64(),
        nodes,
        stopped_by_clock,
        columns,
    })
}

/// Branch-and-bound nodes of the last MIP solve (an `int64` info value, which the highs
/// crate does not read).
fn node_count(solved: &highs::SolvedModel) -> u64 {
    let mut count: i64 = 0;
    // SAFETY: the pointer is the live Highs object `solved` owns, the name a valid C
    // string, and `count` outlives the call that writes it.
    let status = unsafe {
        highs_sys::Highs_getInt64InfoValue(solved.as_ptr(), c"mip_node_count".as_ptr(), &mut count)
    };
    if status == highs_sys::kHighsStatusOk {
        u64::try_from(count).unwrap_or(0)
    } else {
        0
    }
}

/// Whether the values HiGHS hands back cost more than the objective it reports.
fn returns_worse_than_reported(
    solved: &highs::SolvedModel,
    costs: &[(usize, f64)],
    offset: f64,
) -> bool {
    let (_, of_values) = values_and_their_objective(solved, costs, offset);
    worse_than(of_values, solved.objective_value() + offset)
}

/// Whether an objective computed from values exceeds the reported one beyond rounding.
fn worse_than(of_values: f64, reported: f64) -> bool {
    of_values - reported > 1e-6 * reported.abs().max(1.0)
}

/// The column values HiGHS hands back and the objective they give, summed in column
/// order so the last digits repeat run to run.
fn values_and_their_objective(
    solved: &highs::SolvedModel,
    costs: &[(usize, f64)],
    offset: f64,
) -> (Vec<f64>, f64) {
    let values = solved.get_solution().columns().to_vec();
    let of_values = offset
        + costs
            .iter()
            .map(|&(c, cost)| cost * values.get(c).copied().unwrap_or(0.0))
            .sum::<f64>();
    (values, of_values)
}

/// Sets what every HiGHS call of a run shares: its log, seed and threads (checked:
/// HiGHS takes an `int` and panics in the highs crate on more), the time limit
/// `seconds` when given, and the run's stop as HiGHS's interrupt. The one place a
/// HiGHS model is configured, for the plan's models and the count alike.
pub(crate) fn configure(
    model: &mut highs::Model,
    env: &Environment,
    seconds: Option<f64>,
) -> Result<(), MipError> {
    env.params.check().map_err(MipError::Build)?;
    let params = &env.params;
    model.set_option("output_flag", params.verbose_solver);
    model.set_option("log_to_console", params.verbose_solver);
    model.set_option(
        "random_seed",
        i32::try_from(params.seed).unwrap_or(i32::MAX),
    );
    model.set_option("threads", i32::try_from(params.threads).unwrap_or(i32::MAX));
    if let Some(seconds) = seconds {
        if !seconds.is_finite() {
            return Err(MipError::Build(format!("a time limit of {seconds} s")));
        }
        model.set_option("time_limit", seconds.max(0.01));
    }
    attach(model, &env.stop);
    Ok(())
}

/// HiGHS's callback: asks it to stop when the run's stop flag (`user`) is set.
unsafe extern "C" fn interrupt_callback(
    _kind: c_int,
    _message: *const c_char,
    _data_out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    user: *mut c_void,
) {
    if user.is_null() || data_in.is_null() {
        return;
    }
    // SAFETY: `attach` passes a pointer to the stop's flag, which the run's
    // environment keeps alive for as long as any of its HiGHS calls runs.
    let flag = unsafe { &*(user as *const AtomicI32) };
    if flag.load(Ordering::SeqCst) != 0 {
        // SAFETY: HiGHS passes a valid `data_in` for interrupt callbacks.
        unsafe { (*data_in).user_interrupt = 1 };
    }
}

/// Lets `stop`'s signal interrupt `model` in HiGHS's simplex, interior point and MIP
/// loops.
fn attach(model: &mut highs::Model, stop: &Stop) {
    let highs = model.as_mut_ptr();
    // HiGHS's callback type numbers (highs_c_api.h: kHighsCallbackSimplexInterrupt,
    // kHighsCallbackIpmInterrupt, kHighsCallbackMipInterrupt).
    const SIMPLEX_INTERRUPT: i32 = 1;
    const IPM_INTERRUPT: i32 = 2;
    const MIP_INTERRUPT: i32 = 6;
    let flag: *const AtomicI32 = stop.flag();
    // SAFETY: `highs` points to the live Highs object `model` owns; the flag outlives
    // the solve (the caller's environment holds it).
    unsafe {
        highs_sys::Highs_setCallback(
            highs,
            Some(interrupt_callback),
            flag.cast_mut().cast::<c_void>(),
        );
        for kind in [SIMPLEX_INTERRUPT, IPM_INTERRUPT, MIP_INTERRUPT] {
            highs_sys::Highs_startCallback(highs, kind);
        }
    }
}

/// Whether `row` holds, when it has no variables (good_lp keeps each row as
/// `expression <= 0` or `expression == 0`); `true` for a row with variables.
fn holds_if_constant(row: &good_lp::Constraint) -> bool {
    let expression = row.expression();
    if expression.linear_coefficients().any(|(_, c)| c != 0.0) {
        return true;
    }
    let constant = expression.constant();
    if row.is_equality() {
        constant.abs() <= 1e-9
    } else {
        constant <= 1e-9
    }
}

fn to_highs(
    vars: ProblemVariables,
    objective: Expression,
    rows: Vec<good_lp::Constraint>,
) -> Result<highs::Model, MipError> {
    let mut problem = vars.minimise(objective).using(good_lp::highs);
    for row in rows {
        problem.add_constraint(row);
    }
    problem
        .try_into_inner()
        .map_err(|e| MipError::Build(e.to_string()))
}
