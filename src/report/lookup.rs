//! Id lookups for the report. Reports run on files a person may have written, so a
//! plan can name an id the instance lacks: every lookup either says "none" (a page
//! then shows the id as it is) or fails with a [`PlanDataError`] naming the field that
//! held the id; nothing here panics.

use std::collections::HashMap;
use std::fmt;

/// A field of the instance or the solution that a report cannot use: an id that
/// names nothing, or a clock time that does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDataError {
    /// Where, e.g. `sections[2].teacher` (solution) or `timeGrid.slots[4].start` (instance).
    pub field: String,
    pub problem: String,
}

impl fmt::Display for PlanDataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

impl std::error::Error for PlanDataError {}

/// One kind of entity by id: each with its position in its list. When a list names
/// an id twice, the first one wins.
#[derive(Debug, Clone)]
pub struct ById<'a, T> {
    /// What the entities are, as said in an error: "course", "trip".
    kind: &'static str,
    map: HashMap<&'a str, (usize, &'a T)>,
}

impl<'a, T> ById<'a, T> {
    pub fn new(kind: &'static str, items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> Self {
        let mut map = HashMap::new();
        for (position, item) in items.iter().enumerate() {
            map.entry(id(item)).or_insert((position, item));
        }
        ById { kind, map }
    }

    /// The entity with this id, if there is one.
    pub fn get(&self, id: &str) -> Option<&'a T> {
        self.map.get(id).map(|&(_, item)| item)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.map.contains_key(id)
    }

    /// The entity with this id and its position in its list, or an error saying that
    /// `field` (called only on failure) names nothing.
    pub fn find(
        &self,
        id: &str,
        field: impl FnOnce() -> String,
    ) -> Result<(usize, &'a T), PlanDataError> {
        self.map.get(id).copied().ok_or_else(|| PlanDataError {
            field: field(),
            problem: format!("{} {id:?} does not exist", self.kind),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_of_two_equal_ids_wins_and_a_missing_one_names_its_field() {
        let items = [("A", 1), ("B", 2), ("A", 3)];
        let by_id = ById::new("thing", &items, |item| item.0);
        assert_eq!(by_id.get("A"), Some(&("A", 1)));
        assert_eq!(by_id.find("B", || unreachable!()), Ok((1, &("B", 2))));
        assert!(!by_id.contains("C"));
        let error = by_id
            .find("C", || "things[4].other".to_owned())
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "things[4].other: thing \"C\" does not exist"
        );
    }
}
