//! The repair of another scenario's plan, as the start of a search. A sweep offers
//! every plan to every scenario; where the base's plan is not a plan of a variant as it
//! is (the variant removed a teacher, a room, a trip or a video link the plan uses),
//! the variant's search starts from what of that plan still holds, not from scratch.
//!
//! Each section of the plan is kept where the variant's model still offers its exact
//! placement (course, slots, site, room, teacher) and each stream where its receiving
//! room is still a video room of a course that may be streamed; everything else is
//! freed. The freed sections' requesters get sections opened again by the greedy
//! constructor, around what was kept (`construct::add_sections_for_unmet`, with the
//! students seated as the plan seated them). The decomposition then re-plans with its
//! usual machinery: the students (and their rides) assigned for that timetable,
//! sections added for the requests left unmet, then the search's rounds.

use std::collections::HashMap;

use crate::milp::{SectionChoice, Timetable};
use crate::solution::Solution;

use super::construct;
use super::context::SolveContext;

/// What a search from a repair writes in its plan's `provenance.origin`.
pub const REPAIR_ORIGIN: &str = "a repair of the plan given";
/// What it writes there when the repaired timetable admitted no plan and the search
/// started from scratch instead.
pub const NO_REPAIR_ORIGIN: &str = "from scratch: the repair of the plan given admitted no plan";

/// What a repair kept of a plan and what it freed.
pub(crate) struct Repaired {
    pub timetable: Timetable,
    /// Sections of the plan kept with every stream, kept without some stream, freed.
    pub kept: usize,
    pub streams_dropped: usize,
    pub freed: usize,
    /// Sections opened anew for the requests the freed ones served.
    pub replaced: usize,
}

/// The timetable of `plan` (a plan of another scenario, by ids) that the model of
/// `ctx` still offers, section by section.
pub(crate) fn repaired_timetable(ctx: &SolveContext<'_>, plan: &Solution) -> Repaired {
    let model = ctx.model;
    let index = |ids: Vec<&str>| -> HashMap<String, usize> {
        ids.into_iter()
            .enumerate()
            .map(|(i, id)| (id.to_owned(), i))
            .collect()
    };
    let slots = index(model.slots.iter().map(|s| s.id.as_str()).collect());
    let rooms = index(model.rooms.iter().map(|r| r.id.as_str()).collect());
    let sites = index(model.sites.iter().map(|s| s.id.as_str()).collect());
    let teachers = index(model.teachers.iter().map(|t| t.id.as_str()).collect());
    let mut timetable = Timetable {
        sections: vec![None; ctx.sections.numbering.len()],
    };
    let (mut kept, mut streams_dropped, mut freed) = (0, 0, 0);
    for section in &plan.sections {
        let choice = (|| {
            let &at = ctx.sections.by_id.get(&section.id)?;
            let course = ctx.sections.numbering[at].course;
            if model.courses[course].id != section.course {
                return None;
            }
            let mut wanted: Vec<usize> = section
                .slots
                .iter()
                .map(|s| slots.get(s).copied())
                .collect::<Option<_>>()?;
            wanted.sort_unstable();
            let (site, room, teacher) = (
                *sites.get(&section.site)?,
                *rooms.get(&section.room)?,
                *teachers.get(&section.teacher)?,
            );
            let placements = &ctx.placements[course];
            let placement = placements.placements.iter().position(|p| {
                p.site == site
                    && p.room == room
                    && p.teacher == teacher
                    && placements.timings[p.timing].slots == wanted
            })?;
            let mut streams: Vec<usize> = section
                .streams
                .iter()
                .filter_map(|s| rooms.get(&s.room).copied())
                .filter(|&r| model.rooms[r].video && model.courses[course].remote_allowed)
                .collect();
            streams.sort_unstable();
            Some((at, placement, streams))
        })();
        match choice {
            Some((at, placement, streams)) => {
                if streams.len() < section.streams.len() {
                    streams_dropped += 1;
                } else {
                    kept += 1;
                }
                timetable.sections[at] = Some(SectionChoice { placement, streams });
            }
            None => freed += 1,
        }
    }
    // The freed sections' students, seated where the plan seated them in what was
    // kept, get sections opened again for the courses they lost, where the greedy
    // constructor finds them a teacher, a room and slots they have free.
    let attended: Vec<Vec<usize>> = ctx
        .sections
        .attended(plan)
        .into_iter()
        .map(|sections| {
            sections
                .into_iter()
                .filter(|&at| timetable.sections[at].is_some())
                .collect()
        })
        .collect();
    let reopened = construct::add_sections_for_unmet(
        model,
        &ctx.placements,
        &ctx.sections.numbering,
        &timetable,
        &attended,
    );
    let replaced = reopened.len();
    for section in reopened {
        timetable.sections[section.index] = Some(section.choice);
    }
    Repaired {
        timetable,
        kept,
        streams_dropped,
        freed,
        replaced,
    }
}
