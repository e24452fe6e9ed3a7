//! Carrying a plan from one built model to the next as a MIP start.
//!
//! Each large-neighbourhood round builds a new model that still contains the current
//! plan. Handing HiGHS that plan's integer decisions (matched by what they mean, not by
//! column) gives it an incumbent from the first node, so a round only has to look for
//! something better.

use std::collections::HashMap;

use good_lp::Variable;

use super::builder::Builder;

/// What an integer decision means, independent of the model it was built in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Placement(usize, usize),
    Stream(usize, usize, usize, usize),
    Attend(usize, usize, usize, usize, bool),
    Ride(usize, usize, usize, usize, usize),
    Run(usize, usize),
    Drive(usize, usize, usize),
}

fn keys(builder: &Builder<'_>) -> Vec<(Key, Variable)> {
    let mut keys = Vec::new();
    keys.extend(
        builder
            .placements
            .iter()
            .map(|p| (Key::Placement(p.section, p.placement), p.var)),
    );
    keys.extend(
        builder
            .streams
            .iter()
            .map(|s| (Key::Stream(s.section, s.timing, s.send_site, s.room), s.var)),
    );
    keys.extend(builder.attends.iter().map(|a| {
        (
            Key::Attend(a.student, a.section, a.timing, a.site, a.remote),
            a.var,
        )
    }));
    keys.extend(builder.rides.iter().map(|r| {
        (
            Key::Ride(
                r.student,
                r.day,
                r.option.trip,
                r.option.board,
                r.option.alight,
            ),
            r.var,
        )
    }));
    keys.extend(builder.runs.iter().map(|(&(t, d), &v)| (Key::Run(t, d), v)));
    keys.extend(
        builder
            .drives
            .iter()
            .map(|&((t, d, i), v)| (Key::Drive(t, d, i), v)),
    );
    keys
}

/// The integer decisions of `old` (with values from `old_value`) as a start for `new`.
/// Decisions of `new` that `old` did not have start at 0.
pub fn carry_over(
    old: &Builder<'_>,
    old_value: impl Fn(Variable) -> f64,
    new: &Builder<'_>,
) -> Vec<(Variable, f64)> {
    let known: HashMap<Key, f64> = keys(old)
        .into_iter()
        .map(|(key, var)| (key, old_value(var).round()))
        .collect();
    keys(new)
        .into_iter()
        .map(|(key, var)| (var, known.get(&key).copied().unwrap_or(0.0)))
        .collect()
}

/// The decisions of students outside `free` (attendance and rides), with their values in
/// `old`, to pin in `new`: a neighbourhood then re-plans only the students its freed
/// courses concern, and everyone else's week (and their seats on the buses) stays as it
/// is. Those students' remaining columns (idle slots, stays) follow from these.
pub fn pinned_students(
    old: &Builder<'_>,
    old_value: impl Fn(Variable) -> f64,
    new: &Builder<'_>,
    free: impl Fn(usize) -> bool,
) -> Vec<(Variable, f64)> {
    let known: HashMap<Key, f64> = keys(old)
        .into_iter()
        .filter(|(key, _)| matches!(key, Key::Attend(..) | Key::Ride(..)))
        .map(|(key, var)| (key, old_value(var).round()))
        .collect();
    keys(new)
        .into_iter()
        .filter(|(key, _)| match key {
            Key::Attend(student, ..) | Key::Ride(student, ..) => !free(*student),
            _ => false,
        })
        .map(|(key, var)| (var, known.get(&key).copied().unwrap_or(0.0)))
        .collect()
}
