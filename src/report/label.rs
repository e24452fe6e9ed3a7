//! How the report names things, one rule for every page, table cell, cost line and
//! calendar event: **the name, then the id in brackets**, "Physics (FY01)", "Pello
//! lukio (SP)", "Pello (pello)"; the id alone when the entity has no name (or its name
//! is its id) or when the instance does not know the id. The name is what people
//! read, the id what they find in the files and in `kopa check`'s messages.
//!
//! Days and slots are times, not things looked up by id: a day is its name
//! ("Monday", its id when unnamed), a slot its day and clock times ("Monday
//! 08:15-09:30"). Students and rooms have ids only. CSV cells hold ids, not labels,
//! so spreadsheets can join on them.
//!
//! One function per kind of label, each on the [`PlanIndex`] so that an id the
//! instance lacks is still shown (as itself) rather than failing a page.

use super::plan_index::PlanIndex;
use crate::instance::Programme;

/// The rule: "Name (id)", or the id alone when there is no other name.
fn labelled(name: &str, id: &str) -> String {
    if name.is_empty() || name == id {
        id.to_owned()
    } else {
        format!("{name} ({id})")
    }
}

impl PlanIndex<'_> {
    /// "Physics (FY01)".
    pub fn course_label(&self, course: &str) -> String {
        labelled(self.courses.get(course).map_or("", |c| &c.name), course)
    }

    /// "Pello lukio (SP)".
    pub fn site_label(&self, site: &str) -> String {
        labelled(self.sites.get(site).map_or("", |s| &s.name), site)
    }

    /// "Anna Virtanen (T3)".
    pub fn teacher_label(&self, teacher: &str) -> String {
        labelled(self.teachers.get(teacher).map_or("", |t| &t.name), teacher)
    }

    /// A road node (a bus stop, a village): "Ylitornio (Alkkula) (ylitornio)".
    pub fn node_label(&self, node: &str) -> String {
        labelled(self.nodes.get(node).map_or("", |n| &n.name), node)
    }

    /// "Line bus Pello-Ylitornio (L1)".
    pub fn trip_label(&self, trip: &str) -> String {
        labelled(self.trips.get(trip).map_or("", |t| &t.name), trip)
    }

    /// "Monday", or the day's id when it has no name.
    pub fn day_label(&self, day: &str) -> String {
        match self.days.get(day) {
            Some(d) if !d.name.is_empty() => d.name.clone(),
            _ => day.to_owned(),
        }
    }

    /// "Monday 08:15-09:30", or the slot's id when the instance lacks it.
    pub fn slot_label(&self, slot: &str) -> String {
        match self.slots.get(slot) {
            Some(s) => format!("{} {}-{}", self.day_label(&s.day), s.start, s.end),
            None => slot.to_owned(),
        }
    }
}

/// A programme in words: "lukio", "vocational", "double degree".
pub fn programme_label(programme: Programme) -> &'static str {
    match programme {
        Programme::Lukio => "lukio",
        Programme::Vocational => "vocational",
        Programme::DoubleDegree => "double degree",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_comes_first_and_the_id_in_brackets() {
        assert_eq!(labelled("Physics", "FY01"), "Physics (FY01)");
        assert_eq!(labelled("", "FY01"), "FY01");
        assert_eq!(labelled("FY01", "FY01"), "FY01");
    }
}
