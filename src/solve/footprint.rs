//! What a solve is estimated to need in memory, before anything is solved: what a
//! cluster job asks for (`kopa sweep --emit slurm` requests it as each task's memory).
//! The largest of three peaks, which follow one another: the largest model it would
//! build (the full model, or, where the full model is not built, more than
//! `FULL_MODEL_MAX_STUDENTS` students, the model with the start's timetable fixed), by
//! the same estimate the solve itself uses to refuse a model the machine cannot hold
//! (`memory`); the double-degree students' model it branches on first; and its
//! search's neighbourhoods, branched on side by side.

use super::cohort::{cohort_columns, cohort_seconds};
use super::construct;
use super::context::SolveContext;
use super::environment::Environment;
use super::greedy::{greedy_solution, with_sections_for_unmet};
use super::memory::{
    BYTES_PER_COHORT_COLUMN, BYTES_PER_ESTIMATED_COLUMN, SEARCH_BYTES_PER_NEIGHBOURHOOD,
};
use super::outcome::SolveError;
use super::strategy::{FULL_MODEL_MAX_STUDENTS, Strategy};
use crate::instance::Instance;
use crate::milp::estimate::{fixed_model_columns, full_model_columns};
use crate::model::Model;

/// Bytes a solve of `model` (resolved from `instance`) with `strategy`, `time_limit`
/// (seconds; `None`: untimed) and `neighbourhoods` solved side by side in each round of
/// its search is estimated to need at its peak, HiGHS included.
pub fn estimated_bytes(
    instance: &Instance,
    model: &Model,
    strategy: Strategy,
    time_limit: Option<f64>,
    neighbourhoods: usize,
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
    // The search's neighbourhoods each re-plan at most `neighbourhood::MAX_DECIDED`
    // students, and what HiGHS's trees need was measured about the same on the Tornio
    // valley and gen-50 (`memory`). The exact strategy has no search. (Under
    // `Strategy::Auto` a small instance may be solved exactly, without one; it is
    // counted all the same.)
    let search = match strategy {
        Strategy::Exact => 0.0,
        Strategy::Auto | Strategy::Decompose => {
            let side_by_side = neighbourhoods.max(1);
            let calibrated = side_by_side as f64 * SEARCH_BYTES_PER_NEIGHBOURHOOD;
            // No neighbourhood is larger than the whole model, branched on as the
            // cohort's is: what keeps a small instance's estimate small.
            let whole = if large {
                full_model_columns(model, &ctx.placements)
            } else {
                columns
            };
            calibrated.min(side_by_side as f64 * whole as f64 * BYTES_PER_COHORT_COLUMN)
        }
    };
    Ok(largest.max(cohort).max(search))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Tornio valley: its full model, about 43,000 estimated columns, 0.3 GB; a
    /// run of 600 s first branches on its 12 double-degree students' model (5,590
    /// estimated columns): 0.56 GB; its search needs more, 0.58 GB with one
    /// neighbourhood a round, 1.15 GB with two side by side. Measured on 2 cores
    /// (`memory`'s calibrations): the solve peaked at 421 MB planning the 12 students,
    /// at 499 MiB searching one neighbourhood a round and 723 MiB two. The exact
    /// strategy has neither search nor cohort: its full model is its peak.
    #[test]
    fn the_tornio_valley_is_estimated_by_its_search_unless_solved_exactly() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("instances/tornio-valley/tornio-valley.json");
        let instance = crate::instance::read_instance(&path).unwrap();
        let model = Model::new(&instance).unwrap();
        let estimate = |strategy, limit, neighbourhoods| {
            estimated_bytes(&instance, &model, strategy, limit, neighbourhoods).unwrap()
        };
        let exact = estimate(Strategy::Exact, Some(600.0), 1);
        assert!((2.5e8..4e8).contains(&exact), "{exact}");
        assert_eq!(estimate(Strategy::Exact, Some(600.0), 2), exact);
        let one = estimate(Strategy::Auto, Some(600.0), 1);
        assert_eq!(one, SEARCH_BYTES_PER_NEIGHBOURHOOD);
        assert_eq!(estimate(Strategy::Decompose, Some(600.0), 1), one);
        // Untimed and 60 s runs plan no cohort; the search is the peak all the same.
        assert_eq!(estimate(Strategy::Auto, None, 1), one);
        assert_eq!(estimate(Strategy::Decompose, Some(60.0), 1), one);
        let two = estimate(Strategy::Auto, Some(600.0), 2);
        assert_eq!(two, 2.0 * one);
        // The measured peaks are within the estimates.
        assert!(one >= 499.0 * MIB && two >= 723.0 * MIB, "{one} {two}");
    }

    /// A two-town fixture's neighbourhoods are at most its whole small model: its
    /// search is not estimated at the Tornio valley's calibration.
    #[test]
    fn a_small_instance_is_not_estimated_at_the_tornio_valley_search() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/solve/two-towns.json");
        let instance = crate::instance::read_instance(&path).unwrap();
        let model = Model::new(&instance).unwrap();
        let ctx = SolveContext::new(&instance, &model).unwrap();
        let whole = full_model_columns(&model, &ctx.placements) as f64;
        for neighbourhoods in [1, 2, 4] {
            let searched =
                estimated_bytes(&instance, &model, Strategy::Auto, None, neighbourhoods).unwrap();
            let cap = neighbourhoods as f64 * whole * BYTES_PER_COHORT_COLUMN;
            assert!(
                searched <= cap.max(whole * BYTES_PER_ESTIMATED_COLUMN),
                "{searched}"
            );
            assert!(searched < SEARCH_BYTES_PER_NEIGHBOURHOOD, "{searched}");
        }
    }

    const MIB: f64 = 1024.0 * 1024.0;
}
