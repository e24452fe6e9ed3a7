//! What every rule needs to look ids up: the instance plus one id -> position map per
//! entity kind. Lookups tolerate duplicate ids (the first one wins; E0101 reports the
//! rest), so no rule has to care whether ids are unique.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use super::fit::{WeekFit, week_fit_of};
use crate::instance::Instance;

/// An id -> first position map for one entity kind.
pub struct Lookup<'a> {
    first: HashMap<&'a str, usize>,
}

impl<'a> Lookup<'a> {
    fn new(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut first = HashMap::new();
        for (position, id) in ids.enumerate() {
            first.entry(id).or_insert(position);
        }
        Lookup { first }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.first.contains_key(id)
    }

    /// Position of the first entity with this id.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.first.get(id).copied()
    }
}

/// The instance with an id lookup per entity kind.
pub struct Context<'a> {
    pub instance: &'a Instance,
    pub days: Lookup<'a>,
    pub slots: Lookup<'a>,
    pub nodes: Lookup<'a>,
    pub sites: Lookup<'a>,
    pub courses: Lookup<'a>,
    /// Kinds that at least one pattern has.
    pub pattern_kinds: HashSet<&'a str>,
    /// Whether each student's requests fit a week (`fit`), computed once on first use.
    week_fits: OnceCell<Option<Vec<WeekFit>>>,
}

impl<'a> Context<'a> {
    pub fn new(instance: &'a Instance) -> Self {
        let grid = &instance.time_grid;
        Context {
            instance,
            days: Lookup::new(grid.days.iter().map(|d| d.id.as_str())),
            slots: Lookup::new(grid.slots.iter().map(|s| s.id.as_str())),
            nodes: Lookup::new(instance.road_network.nodes.iter().map(|n| n.id.as_str())),
            sites: Lookup::new(instance.sites.iter().map(|s| s.id.as_str())),
            courses: Lookup::new(instance.courses.iter().map(|c| c.id.as_str())),
            pattern_kinds: grid.patterns.iter().map(|p| p.kind.as_str()).collect(),
            week_fits: OnceCell::new(),
        }
    }

    /// Per student, whether their requests fit one week; `None` when the instance has
    /// errors that stop a model from being built.
    pub fn week_fits(&self) -> Option<&[WeekFit]> {
        self.week_fits
            .get_or_init(|| week_fit_of(self.instance))
            .as_deref()
    }
}

/// `kind "id"`, the way diagnostics name an entity.
pub fn entity(kind: &str, id: &str) -> String {
    format!("{kind} {id:?}")
}
