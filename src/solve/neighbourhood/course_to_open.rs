//! The *course to open* neighbourhood: a course whose waiting students would pay for a
//! section of it, freed with everything that holds what it would need.
//!
//! Such a course stays unopened because opening it means moving several things at
//! once. On the Tornio valley after 600 s, YTO-ENG's ten takers (800 against a
//! section's 300) waited: its only teacher taught YTO-MATH in one morning block, half
//! its takers attended YTO-MATH or SOS-CHILD in one block or the other, and in the
//! block left the video rooms at its two sites were held by a vocational course and a
//! lukio course's stream. No neighbourhood of two to four courses drawn at random or
//! around one student holds all of those.

use std::collections::{BTreeMap, BTreeSet};

use super::{Incumbent, Relatedness, STUDENT_GROUP};
use crate::model::{CourseIx, Model};
use crate::solve::rng::SplitMix64;

/// Courses a course-to-open neighbourhood frees at least, however small the other
/// kinds' neighbourhoods are (a tuning choice: YTO-ENG on the Tornio valley needs
/// itself, its teacher's other course, the morning courses of its takers and the
/// courses holding the video rooms at its two sites, 7 courses; but neighbourhoods of
/// 8 courses stopped at a round's 10 s before their root node in every try seen (27
/// on the Tornio valley, with 24 to 60 students), so 4, the size the other kinds grow
/// to).
const COURSES_TO_OPEN_WITH: usize = 4;

/// Fills `chosen` for a course-to-open neighbourhood (up to `size` courses, at least
/// [`COURSES_TO_OPEN_WITH`]) and returns whether there was a course to open: one that
/// enough students ask for to reach its minimum size, whose unmet requests' weights
/// times the unmet-request weight exceed its section cost (drawn with probability
/// proportional to the excess). Then, in turn, a course its waiting students attend at
/// times it could take (the most such students first), an open course sharing a
/// qualified teacher with it, and an open course holding a room at one of its sites
/// at such a time (sending or receiving a stream), each course only while the
/// students re-planned stay at most `STUDENT_GROUP`.
pub(super) fn draw_course_to_open(
    chosen: &mut BTreeSet<CourseIx>,
    model: &Model,
    related: &Relatedness,
    incumbent: &Incumbent,
    rng: &mut SplitMix64,
    size: usize,
) -> bool {
    let n = model.courses.len();
    let size = size.max(COURSES_TO_OPEN_WITH).min(n);
    let mut waiting_weight = vec![0.0; n];
    let mut waiting: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(s, r, w) in &incumbent.unmet {
        for &c in &model.students[s].requests[r].courses {
            waiting_weight[c] += w.max(0.0);
            waiting[c].push(s);
        }
    }
    let excess: Vec<(CourseIx, f64)> = (0..n)
        .filter(|&c| related.requesters[c].len() >= model.courses[c].min_size as usize)
        .map(|c| {
            let gain = waiting_weight[c] * model.weights.unmet_request;
            (c, gain - model.courses[c].section_cost)
        })
        .filter(|&(_, e)| e > 0.0)
        .collect();
    let gains: Vec<f64> = excess.iter().map(|e| e.1).collect();
    let Some(drawn) = rng.weighted(&gains) else {
        return false;
    };
    let seed = excess[drawn].0;
    // Three lists, taken from in turn: courses the waiting students attend at times
    // the seed could take (most such students first), open courses sharing a
    // qualified teacher with it, and courses holding a room at its sites at those
    // times (both in random order).
    let mut in_the_way: BTreeMap<CourseIx, usize> = BTreeMap::new();
    for &s in &waiting[seed] {
        for &c in &incumbent.attended[s] {
            if !related.slots[c].is_disjoint(&related.slots[seed]) {
                *in_the_way.entry(c).or_default() += 1;
            }
        }
    }
    let shuffled: Vec<(CourseIx, usize)> = in_the_way.into_iter().collect();
    let mut students_in_the_way = rng.sample(&shuffled, shuffled.len());
    students_in_the_way.sort_by_key(|&(_, students)| std::cmp::Reverse(students));
    let open_colleagues: Vec<CourseIx> = related.colleagues[seed]
        .iter()
        .copied()
        .filter(|&c| !incumbent.holds[c].is_empty())
        .collect();
    let seed_sites = &model.courses[seed].sites;
    let rooms_in_the_way: Vec<CourseIx> = (0..n)
        .filter(|&c| {
            c != seed
                && incumbent.holds[c].iter().any(|(site, slot)| {
                    seed_sites.contains(site) && related.slots[seed].contains(slot)
                })
        })
        .collect();
    let mut sources = [
        students_in_the_way
            .into_iter()
            .map(|b| b.0)
            .collect::<Vec<_>>(),
        rng.sample(&open_colleagues, open_colleagues.len()),
        rng.sample(&rooms_in_the_way, rooms_in_the_way.len()),
    ]
    .map(|list| list.into_iter());
    // The students re-planned stay as few as a students neighbourhood's (what other
    // course neighbourhoods may decide, 60, is for regions' sake).
    let mut decided: BTreeSet<usize> = related.requesters[seed].iter().copied().collect();
    chosen.insert(seed);
    loop {
        let mut took_any = false;
        for source in &mut sources {
            if chosen.len() >= size {
                return true;
            }
            for c in source.by_ref() {
                if chosen.contains(&c) {
                    continue;
                }
                let added = related.requesters[c]
                    .iter()
                    .filter(|s| !decided.contains(s))
                    .count();
                if decided.len() + added > STUDENT_GROUP {
                    continue;
                }
                decided.extend(related.requesters[c].iter().copied());
                chosen.insert(c);
                took_any = true;
                break;
            }
        }
        if !took_any {
            break;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-day instance: slots s1-s3 in block patterns, s4 in another kind's. OPEN
    /// (waited for by W1-W3, 3 x 100 against a section's 100) shares teacher T1 with
    /// TEACH (attended by X); W1-W3 attend HELD (a block, in OPEN's way) and FAR (s4,
    /// never in its way); ROOM (attended by Y) holds the room in block s3, and so does
    /// CROWD, attended by 27 students Z0-Z26 (too many to re-plan with the rest). POOR is
    /// waited for but dearer than its waiting requests; TINY has fewer takers than its
    /// minimum.
    fn course_to_open_model() -> Model {
        let course = |id: &str, kind: &str, min: u32, cost: f64| {
            serde_json::json!({"id": id, "name": id, "programme": "lukio", "patternKind": kind,
                "minSize": min, "maxSize": 10, "maxSections": 1, "sites": ["S"],
                "sectionCost": cost})
        };
        let student = |id: &str, courses: &[&str]| {
            let requests: Vec<serde_json::Value> = courses
                .iter()
                .map(|c| serde_json::json!({"course": c, "weight": 1}))
                .collect();
            serde_json::json!({"id": id, "home": "n", "programme": "lukio", "requests": requests})
        };
        let slot = |id: &str, start: &str, end: &str| serde_json::json!({"id": id, "day": "Mon", "start": start, "end": end});
        let students: Vec<serde_json::Value> = [
            student("W1", &["OPEN", "HELD", "FAR", "POOR"]),
            student("W2", &["OPEN", "HELD", "FAR", "TINY"]),
            student("W3", &["OPEN", "HELD", "FAR"]),
            student("X", &["TEACH"]),
            student("Y", &["ROOM"]),
        ]
        .into_iter()
        .chain((0..27).map(|z| student(&format!("Z{z}"), &["CROWD"])))
        .collect::<Vec<_>>();
        let instance = serde_json::json!({
            "formatVersion": 1,
            "name": "course-to-open",
            "timeGrid": {
                "days": [{"id": "Mon", "name": "Monday"}],
                "slots": [slot("s1", "08:00", "09:00"), slot("s2", "09:00", "10:00"),
                    slot("s3", "10:00", "11:00"), slot("s4", "11:00", "12:00")],
                "patterns": [
                    {"id": "b1", "kind": "block", "slots": ["s1"]},
                    {"id": "b2", "kind": "block", "slots": ["s2"]},
                    {"id": "b3", "kind": "block", "slots": ["s3"]},
                    {"id": "o4", "kind": "other", "slots": ["s4"]}
                ]
            },
            "roadNetwork": {"nodes": [{"id": "n", "name": "N"}], "roads": []},
            "sites": [{"id": "S", "name": "S", "municipality": "M", "node": "n"}],
            "rooms": [{"id": "R", "site": "S", "capacity": 10}],
            "teachers": [
                {"id": "T1", "homeSite": "S", "canTeach": ["OPEN", "TEACH"], "sites": ["S"],
                    "maxLessonsPerWeek": 4},
                {"id": "T2", "homeSite": "S",
                    "canTeach": ["HELD", "FAR", "POOR", "TINY", "ROOM", "CROWD"],
                    "sites": ["S"],
                    "maxLessonsPerWeek": 4}
            ],
            "courses": [course("OPEN", "block", 2, 100.0), course("TEACH", "block", 1, 100.0),
                course("HELD", "block", 1, 100.0), course("FAR", "other", 1, 100.0),
                course("POOR", "block", 1, 1000.0), course("TINY", "block", 5, 1.0),
                course("ROOM", "block", 1, 100.0), course("CROWD", "block", 1, 100.0)],
            "students": students,
            "trips": [],
            "transport": {"transferBufferMinutes": 5},
            "weights": {"unmetRequest": 100, "teacherKm": 0.5, "studentTravelMinute": 0.2,
                "remoteStudentLesson": 10, "idleSlot": 5}
        });
        let instance: crate::instance::Instance =
            serde_json::from_str(&instance.to_string()).expect("parses");
        Model::new(&instance).expect("valid")
    }

    #[test]
    fn a_course_to_open_comes_with_what_stands_in_its_way() {
        let model = course_to_open_model();
        let related = Relatedness::new(&model);
        let ix = |id: &str| related.course_by_id[id];
        let (held, far) = (ix("HELD"), ix("FAR"));
        let waiting = |s: usize| {
            model.students[s]
                .requests
                .iter()
                .enumerate()
                .filter(|(_, r)| !r.courses.iter().any(|&c| c == held || c == far))
                .map(move |(r, _)| (s, r, 1.0))
        };
        let incumbent = Incumbent {
            attended: [
                BTreeSet::from([held, far]),
                BTreeSet::from([held, far]),
                BTreeSet::from([held, far]),
                BTreeSet::from([ix("TEACH")]),
                BTreeSet::from([ix("ROOM")]),
            ]
            .into_iter()
            .chain(std::iter::repeat_n(BTreeSet::from([ix("CROWD")]), 27))
            .collect(),
            unmet: (0..3).flat_map(waiting).collect(),
            holds: {
                let mut holds = vec![BTreeSet::new(); model.courses.len()];
                holds[held].insert((0, 0));
                holds[ix("TEACH")].insert((0, 1));
                holds[far].insert((0, 3));
                holds[ix("ROOM")].insert((0, 2));
                holds[ix("CROWD")].insert((0, 2));
                holds
            },
        };
        // CROWD would make 3 + 1 + 1 + 27 = 32 students re-planned, more than 30.
        let expected = BTreeSet::from([ix("OPEN"), ix("TEACH"), held, ix("ROOM")]);
        for seed in 0..20 {
            let mut chosen = BTreeSet::new();
            let mut rng = SplitMix64::new(seed);
            assert!(draw_course_to_open(
                &mut chosen,
                &model,
                &related,
                &incumbent,
                &mut rng,
                2
            ));
            assert_eq!(chosen, expected, "seed {seed}");
        }
        // Nothing worth opening: only POOR waits.
        let poor_only = Incumbent {
            attended: incumbent.attended.clone(),
            unmet: vec![(0, 3, 1.0)],
            holds: incumbent.holds.clone(),
        };
        let mut chosen = BTreeSet::new();
        let opened = draw_course_to_open(
            &mut chosen,
            &model,
            &related,
            &poor_only,
            &mut SplitMix64::new(1),
            2,
        );
        assert!(!opened && chosen.is_empty());
    }
}
