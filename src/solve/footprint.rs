//! What a solve is estimated to need in memory, before anything is solved: what a
//! cluster job asks for (`kopa sweep --emit slurm` requests it as each task's memory).
//! The same estimates the solve itself uses to refuse a model the machine cannot hold
//! (`memory`), of the largest model it would build: the full model, or, where the
//! full model is not built (more than `FULL_MODEL_MAX_STUDENTS` students), the model
//! with the start's timetable fixed.

use super::cohort::{cohort_columns, cohort_seconds};
use super::construct;
use super::context::SolveContext;
use super::environment::Environment;
use super::greedy::{greedy_solution, with_sections_for_unmet};
use super::memory::{BYTES_PER_COHORT_COLUMN, BYTES_PER_ESTIMATED_COLUMN};
use super::outcome::SolveError;
use super::strategy::{FULL_MODEL_MAX_STUDENTS, Strategy};
use crate::instance::Instance;
use crate::milp::estimate::{fixed_model_columns, full_model_columns};
use crate::model::Model;

/// Bytes a solve of `model` (resolved from `instance`) with `strategy` and
/// `time_limit` (seconds; `None`: untimed) is estimated to need for its largest model,
/// HiGHS included (`memory::BYTES_PER_ESTIMATED_COLUMN`).
pub fn estimated_bytes(
    instance: &Instance,
    model: &Model,
    strategy: Strategy,
    time_limit: Option<f64>,
) -> Result<f64, SolveError> {
    let ctx = SolveContext::new(instance, model)?;
    let large = strategy != Strategy::Exact && model.students.len() > FULL_MODEL_MAX_STUDENTS;
    let columns = if large {
        // As the decomposition does: the greedy start with sections for unmet
        // requests, whose timetable the first fixed model keeps.
        let env = Environment::new(0, 1, None);
        let start = construct::greedy_timetable(model, &ctx.placements);
        let greedy = greedy_solution(&ctx, &env, &start);
        let (start, _, _) = with_sections_for_unmet(&ctx, &env, start, greedy);
        fixed_model_columns(model, &ctx.placements, &ctx.sections.numbering, &start)
    } else {
        full_model_columns(model, &ctx.placements)
    };
    let largest = columns as f64 * BYTES_PER_ESTIMATED_COLUMN;
    // The cohort's model comes first and is branched on (`cohort.rs`); its memory is
    // given back before the whole instance's models (`memory::return_freed`), so the
    // two peaks follow one another rather than add up. Only runs with a time limit
    // whose share for it is long enough plan it (decided as the solve decides; under
    // `Strategy::Auto` the cohort is counted, though a small instance may be solved
    // exactly without it).
    let planned_first = time_limit.and_then(cohort_seconds).is_some();
    let cohort = match strategy {
        Strategy::Exact => None,
        Strategy::Auto | Strategy::Decompose if planned_first => cohort_columns(instance, model),
        Strategy::Auto | Strategy::Decompose => None,
    };
    let cohort = cohort.map_or(0.0, |c| c as f64 * BYTES_PER_COHORT_COLUMN);
    Ok(largest.max(cohort))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Tornio valley: its full model, about 43,000 estimated columns, 0.3 GB; but
    /// a run of 600 s first branches on its 12 double-degree students' model (5,590
    /// estimated columns), which needs more: 0.56 GB. Measured on 2 loaded cores
    /// (`memory`'s calibrations): the solve peaked at 421 MB planning them, 260 MB in
    /// a round of the search once freed memory is given back. The exact strategy, an
    /// untimed run and a 60 s run (15 s for the cohort: too short) plan no cohort.
    #[test]
    fn the_tornio_valley_is_estimated_by_its_cohort_and_its_full_model() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("instances/tornio-valley/tornio-valley.json");
        let instance = crate::instance::read_instance(&path).unwrap();
        let model = Model::new(&instance).unwrap();
        let estimate =
            |strategy, limit| estimated_bytes(&instance, &model, strategy, limit).unwrap();
        let searched = estimate(Strategy::Auto, Some(600.0));
        assert!((5e8..6.5e8).contains(&searched), "{searched}");
        assert_eq!(estimate(Strategy::Decompose, Some(600.0)), searched);
        let exact = estimate(Strategy::Exact, Some(600.0));
        assert!((2.5e8..4e8).contains(&exact), "{exact}");
        assert_eq!(estimate(Strategy::Auto, None), exact, "untimed: no cohort");
        assert_eq!(
            estimate(Strategy::Decompose, Some(60.0)),
            exact,
            "60 s: no cohort"
        );
    }
}
