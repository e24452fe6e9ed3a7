//! How much of each resource the plan uses, counted per entity: the seats of each bus
//! run at its fullest, each teacher's lessons and driving, each site's sections and
//! video streams. The totals of the objective sum these; the report's overview shows
//! them one by one, so a planner sees which bus is full and who drives, from the
//! checker's own count rather than the solver's.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::instance::Teacher;

use super::context::{Context, TimedSlot};
use super::itineraries::{ride, segment_loads};

/// The per-entity counts of one plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanUsage {
    /// Every (trip, day) that carries a student or is bought, ordered by trip id, day.
    pub trip_runs: Vec<TripRunLoad>,
    /// Every teacher of the instance, in instance order.
    pub teachers: Vec<TeacherUsage>,
    /// Every site of the instance, in instance order.
    pub sites: Vec<SiteUsage>,
}

/// One run of a trip on one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TripRunLoad {
    pub trip: String,
    pub day: String,
    /// Legs ridden on this run.
    pub riders: usize,
    /// The most students on board between two consecutive stops.
    pub peak_load: usize,
    pub capacity: i64,
    /// An optional (chartered) run the plan buys.
    pub bought: bool,
}

/// One teacher's week.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TeacherUsage {
    pub teacher: String,
    pub lessons: usize,
    pub max_lessons: i64,
    /// Km driven in the week, home site to the lessons' sites and back each day.
    pub km: f64,
    /// Days on which the teacher drives at all.
    pub driving_days: usize,
}

/// One site's teaching.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteUsage {
    pub site: String,
    /// Sections taught (sent) from this site.
    pub sections: usize,
    /// Streams of this site's sections to other sites.
    pub streams_sent: usize,
    /// Streams of other sites' sections received here.
    pub streams_received: usize,
}

pub(super) fn measure(cx: &Context<'_>) -> PlanUsage {
    PlanUsage {
        trip_runs: trip_runs(cx),
        teachers: cx
            .instance
            .teachers
            .iter()
            .map(|teacher| {
                let (km, driving_days) = teacher_drives(cx, teacher);
                TeacherUsage {
                    teacher: teacher.id.clone(),
                    lessons: cx
                        .sections
                        .iter()
                        .filter(|v| v.teacher.is_some_and(|t| t.id == teacher.id))
                        .map(|v| v.lessons())
                        .sum(),
                    max_lessons: teacher.max_lessons_per_week,
                    km,
                    driving_days,
                }
            })
            .collect(),
        sites: cx
            .instance
            .sites
            .iter()
            .map(|site| {
                let sent = cx
                    .sections
                    .iter()
                    .filter(|v| v.site.is_some_and(|s| s.id == site.id));
                SiteUsage {
                    site: site.id.clone(),
                    sections: sent.clone().count(),
                    streams_sent: sent.map(|v| v.streams.len()).sum(),
                    streams_received: cx
                        .sections
                        .iter()
                        .flat_map(|v| &v.streams)
                        .filter(|(s, _)| s.is_some_and(|s| s.id == site.id))
                        .count(),
                }
            })
            .collect(),
    }
}

fn trip_runs(cx: &Context<'_>) -> Vec<TripRunLoad> {
    let loads = segment_loads(cx);
    let runs: BTreeSet<(&str, &str)> = loads
        .keys()
        .copied()
        .chain(cx.trip_runs.iter().copied())
        .collect();
    runs.into_iter()
        .filter_map(|(trip, day)| {
            let timed = cx.trips.get(trip)?;
            let load = loads.get(&(trip, day));
            let riders = cx
                .student_plans
                .iter()
                .flat_map(|p| &p.legs)
                .filter(|l| l.trip == trip && l.day == day)
                .filter(|l| ride(cx, l).is_some())
                .count();
            Some(TripRunLoad {
                trip: trip.to_owned(),
                day: day.to_owned(),
                riders,
                peak_load: load.and_then(|l| l.iter().max().copied()).unwrap_or(0),
                capacity: timed.trip.capacity,
                bought: timed.trip.optional && cx.trip_runs.contains(&(trip, day)),
            })
        })
        .collect()
}

/// Km and driving days of `teacher`'s week: each day, home site, the sites of the
/// lessons in time order, home.
fn teacher_drives(cx: &Context<'_>, teacher: &Teacher) -> (f64, usize) {
    let Some(home) = cx.sites.get(teacher.home_site.as_str()) else {
        return (0.0, 0);
    };
    let mut lessons: Vec<(TimedSlot<'_>, &str)> = cx
        .sections
        .iter()
        .filter(|v| v.teacher.is_some_and(|t| t.id == teacher.id))
        .filter_map(|v| v.site.map(|s| (v, s.node.as_str())))
        .flat_map(|(v, node)| v.slots.iter().map(move |s| (*s, node)))
        .collect();
    lessons.sort_by_key(|(s, _)| (s.day_order, s.start, s.end));
    let (mut km, mut days) = (0.0, 0);
    for day in lessons.chunk_by(|a, b| a.0.day == b.0.day) {
        let route = std::iter::once(home.node.as_str())
            .chain(day.iter().map(|(_, node)| *node))
            .chain(std::iter::once(home.node.as_str()))
            .collect::<Vec<_>>();
        let mut drove = false;
        for pair in route.windows(2) {
            if pair[0] != pair[1] {
                km += cx.road_km(pair[0], pair[1]).unwrap_or(0.0);
                drove = true;
            }
        }
        days += usize::from(drove);
    }
    (km, days)
}
