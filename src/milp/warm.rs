//! Carrying a plan from one built model to the next as a MIP start.
//!
//! Each large-neighbourhood round builds a new model that still contains the current
//! plan. Handing HiGHS that plan's integer decisions (matched by what they mean, not by
//! column) gives it an incumbent from the first node, so a round only has to look for
//! something better. The same decisions, for the students a round leaves alone, become
//! the constants of its rows (see `StudentSubset`).

use std::collections::HashMap;

use good_lp::Variable;

use super::builder::{Builder, SectionSlot};
use super::configs::CoursePlacements;
use super::extract::section_id;
use super::scope::StudentSubset;
use super::scope::Timetable;
use crate::model::Model;
use crate::solution::{Mode, Solution};

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

/// A whole plan's integer decisions by meaning, kept across neighbourhood models that
/// each decide only some students: the search's incumbent.
#[derive(Debug, Clone, Default)]
pub struct PlanValues {
    values: HashMap<Key, f64>,
}

impl PlanValues {
    /// The decisions of a model that decided every student.
    pub fn of(builder: &Builder<'_>, value: impl Fn(Variable) -> f64) -> PlanValues {
        PlanValues {
            values: keys(builder)
                .into_iter()
                .map(|(key, var)| (key, value(var).round()))
                .filter(|(_, v)| *v != 0.0)
                .collect(),
        }
    }

    /// The decisions of a plan read from its solution form (the greedy assignment's),
    /// for `timetable` with sections numbered by `numbering`. Teachers' drive arcs are
    /// left out (they follow from the timetable; HiGHS finds them); legs that match no
    /// stop order of their trip are left out too.
    pub fn from_plan(
        model: &Model,
        courses: &[CoursePlacements],
        numbering: &[SectionSlot],
        timetable: &Timetable,
        plan: &Solution,
    ) -> PlanValues {
        let mut values = HashMap::new();
        let mut sections: HashMap<String, (usize, usize, usize)> = HashMap::new();
        for (section, choice) in timetable.sections.iter().enumerate() {
            let (Some(choice), Some(&slot)) = (choice, numbering.get(section)) else {
                continue;
            };
            let placement = &courses[slot.course].placements[choice.placement];
            values.insert(Key::Placement(section, choice.placement), 1.0);
            for &room in &choice.streams {
                values.insert(
                    Key::Stream(section, placement.timing, placement.site, room),
                    1.0,
                );
            }
            sections.insert(
                section_id(model, slot),
                (section, placement.timing, placement.site),
            );
        }
        let index_of = |ids: Vec<&str>| -> HashMap<String, usize> {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id.to_owned(), i))
                .collect()
        };
        let students = index_of(model.students.iter().map(|s| s.id.as_str()).collect());
        let sites = index_of(model.sites.iter().map(|s| s.id.as_str()).collect());
        let days = index_of(model.days.iter().map(|d| d.id.as_str()).collect());
        let trips = index_of(model.trips.iter().map(|t| t.id.as_str()).collect());
        let nodes = index_of(model.nodes.iter().map(String::as_str).collect());
        for student_plan in &plan.students {
            let Some(&student) = students.get(&student_plan.student) else {
                continue;
            };
            for attendance in &student_plan.sections {
                let (Some(&(section, timing, _)), Some(&site)) = (
                    sections.get(&attendance.section),
                    sites.get(&attendance.site),
                ) else {
                    continue;
                };
                let remote = attendance.mode == Mode::Remote;
                values.insert(Key::Attend(student, section, timing, site, remote), 1.0);
            }
            for leg in &student_plan.legs {
                let (Some(&day), Some(&trip), Some(&from), Some(&to)) = (
                    days.get(&leg.day),
                    trips.get(&leg.trip),
                    nodes.get(&leg.from),
                    nodes.get(&leg.to),
                ) else {
                    continue;
                };
                // As `Model::rides` numbers them: the first stop at each node.
                let stops = &model.trips[trip].stops;
                let board = stops.iter().position(|s| s.node == from);
                let alight = stops.iter().position(|s| s.node == to);
                if let (Some(board), Some(alight)) = (board, alight)
                    && board < alight
                {
                    values.insert(Key::Ride(student, day, trip, board, alight), 1.0);
                }
            }
        }
        for run in &plan.trip_runs {
            if let (Some(&trip), Some(&day)) = (trips.get(&run.trip), days.get(&run.day)) {
                values.insert(Key::Run(trip, day), 1.0);
            }
        }
        PlanValues { values }
    }

    /// Takes over what `builder` decided (the whole timetable, and the students active
    /// in it); everyone else keeps their decisions.
    pub fn update(
        &mut self,
        builder: &Builder<'_>,
        value: impl Fn(Variable) -> f64,
        active: &[bool],
    ) {
        let decided = |student: usize| active.get(student).copied().unwrap_or(false);
        self.take_over(
            builder,
            value,
            |key| match key {
                Key::Attend(student, ..) | Key::Ride(student, ..) => !decided(*student),
                _ => false,
            },
            |_| true,
        );
    }

    /// Adds what `builder` decided for the `active` students and the `sections` it
    /// changed (timetable indices) to decisions that already hold another
    /// neighbourhood's; the optional trips it runs are added to those held. The
    /// teachers' drives held stay (a start for the next model, which decides them
    /// again: two models' drive arcs together need not form a day).
    pub fn merge(
        &mut self,
        builder: &Builder<'_>,
        value: impl Fn(Variable) -> f64,
        active: &[bool],
        sections: &[bool],
    ) {
        let decided = |student: usize| active.get(student).copied().unwrap_or(false);
        let changed = |section: usize| sections.get(section).copied().unwrap_or(false);
        let taken = |key: &Key| match *key {
            Key::Attend(student, ..) | Key::Ride(student, ..) => decided(student),
            Key::Placement(section, ..) | Key::Stream(section, ..) => changed(section),
            Key::Run(..) => true,
            Key::Drive(..) => false,
        };
        self.take_over(
            builder,
            value,
            |key| matches!(key, Key::Run(..)) || !taken(key),
            taken,
        );
    }

    /// Keeps the decisions held where `keep` says, then adds `builder`'s non-zero ones
    /// where `take` says.
    fn take_over(
        &mut self,
        builder: &Builder<'_>,
        value: impl Fn(Variable) -> f64,
        keep: impl Fn(&Key) -> bool,
        take: impl Fn(&Key) -> bool,
    ) {
        self.values.retain(|key, _| keep(key));
        for (key, var) in keys(builder) {
            let v = value(var).round();
            if take(&key) && v != 0.0 {
                self.values.insert(key, v);
            }
        }
    }

    /// A start for `new`: these decisions, 0 where there are none.
    pub fn start_for(&self, new: &Builder<'_>) -> Vec<(Variable, f64)> {
        keys(new)
            .into_iter()
            .map(|(key, var)| (var, self.values.get(&key).copied().unwrap_or(0.0)))
            .collect()
    }

    /// What the students outside `active` use of seats and buses, for a model that
    /// decides only the `active` ones.
    pub fn subset(&self, active: Vec<bool>) -> StudentSubset {
        let mut subset = StudentSubset {
            active,
            ..StudentSubset::default()
        };
        for (key, &v) in &self.values {
            if v < 0.5 {
                continue;
            }
            match *key {
                Key::Attend(student, section, timing, site, remote)
                    if !subset.is_active(student) =>
                {
                    *subset
                        .seated
                        .entry((section, timing, site, remote))
                        .or_default() += 1;
                    *subset.size.entry(section).or_default() += 1;
                }
                Key::Ride(student, day, trip, board, alight) if !subset.is_active(student) => {
                    for segment in board..alight {
                        *subset.load.entry((trip, day, segment)).or_default() += 1;
                    }
                }
                _ => {}
            }
        }
        subset
    }
}
