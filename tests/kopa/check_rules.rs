//! The checker against a hand-checked fixture: the correct plan is accepted with the
//! objective computed by hand, and for every violation code one mutation breaks exactly
//! that rule and nothing else.

use std::collections::BTreeSet;

use crate::util::repo;
use kopa::instance::{Instance, read_instance};
use kopa::solution::check::{ViolationCode, check};
use kopa::solution::{
    Attendance, Leg, Mode, SectionPlan, Solution, StreamPlan, TripRun, read_solution,
};

const FIXTURE: &str = "tests/fixtures/check";

fn fixture() -> (Instance, Solution) {
    let dir = repo(FIXTURE);
    let instance = read_instance(&dir.join("instance.json")).expect("fixture instance reads");
    let solution = read_solution(&dir.join("plan.json")).expect("fixture plan reads");
    (instance, solution)
}

fn codes(instance: &Instance, solution: &Solution) -> BTreeSet<&'static str> {
    check(instance, solution)
        .violations
        .iter()
        .map(|v| v.code.id())
        .collect()
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 0.005
}

fn section<'a>(solution: &'a mut Solution, id: &str) -> &'a mut SectionPlan {
    solution
        .sections
        .iter_mut()
        .find(|s| s.id == id)
        .expect("fixture section")
}

fn student_plan<'a>(solution: &'a mut Solution, id: &str) -> &'a mut kopa::solution::StudentPlan {
    solution
        .students
        .iter_mut()
        .find(|s| s.student == id)
        .expect("fixture student")
}

fn attend(section: &str, mode: Mode, site: &str) -> Attendance {
    Attendance {
        section: section.into(),
        mode,
        site: site.into(),
    }
}

fn leg(day: &str, trip: &str, from: &str, to: &str) -> Leg {
    Leg {
        day: day.into(),
        trip: trip.into(),
        from: from.into(),
        to: to.into(),
    }
}

fn new_section(
    id: &str,
    course: &str,
    site: &str,
    room: &str,
    teacher: &str,
    slots: &[&str],
) -> SectionPlan {
    SectionPlan {
        id: id.into(),
        course: course.into(),
        site: site.into(),
        room: room.into(),
        teacher: teacher.into(),
        pattern: None,
        slots: slots.iter().map(|s| (*s).into()).collect(),
        streams: Vec::new(),
    }
}

type Mutation = fn(&mut Instance, &mut Solution);

fn teacher<'a>(instance: &'a mut Instance, id: &str) -> &'a mut kopa::instance::Teacher {
    instance
        .teachers
        .iter_mut()
        .find(|t| t.id == id)
        .expect("fixture teacher")
}

fn course<'a>(instance: &'a mut Instance, id: &str) -> &'a mut kopa::instance::Course {
    instance
        .courses
        .iter_mut()
        .find(|c| c.id == id)
        .expect("fixture course")
}

fn student<'a>(instance: &'a mut Instance, id: &str) -> &'a mut kopa::instance::Student {
    instance
        .students
        .iter_mut()
        .find(|s| s.id == id)
        .expect("fixture student")
}

/// One mutation per code (some codes have several), each breaking only that rule.
fn mutations() -> Vec<(ViolationCode, &'static str, Mutation)> {
    use ViolationCode as C;
    vec![
        (
            C::UnknownSectionCourse,
            "RUB-1 of an unknown course",
            |_, s| section(s, "RUB-1").course = "NOPE".into(),
        ),
        (C::UnknownSectionSite, "FY-1 at an unknown site", |_, s| {
            section(s, "FY-1").site = "NOPE".into()
        }),
        (C::UnknownRoom, "ENA-1 in an unknown room", |_, s| {
            section(s, "ENA-1").room = "NOPE".into()
        }),
        (C::UnknownTeacher, "ENA-1 by an unknown teacher", |_, s| {
            section(s, "ENA-1").teacher = "NOPE".into()
        }),
        (C::UnknownSlot, "FY-1 in an unknown slot", |_, s| {
            section(s, "FY-1").slots[1] = "Tue9".into()
        }),
        (
            C::UnknownPattern,
            "MAA-1 with an unknown pattern",
            |_, s| section(s, "MAA-1").pattern = Some("barZ".into()),
        ),
        (
            C::DuplicateSectionId,
            "a second section called ENA-1",
            |_, s| {
                s.sections
                    .push(new_section("ENA-1", "ENA", "SY", "RY2", "T2", &["Tue3"]));
            },
        ),
        (
            C::UnknownAttendanceSection,
            "S3 attends an unknown section",
            |_, s| {
                student_plan(s, "S3")
                    .sections
                    .push(attend("NOPE", Mode::InPerson, "SY"));
            },
        ),
        (
            C::UnknownAttendanceSite,
            "S3 sits at an unknown site",
            |_, s| student_plan(s, "S3").sections[0].site = "NOPE".into(),
        ),
        (C::UnknownLegTrip, "S1 rides an unknown trip", |_, s| {
            student_plan(s, "S1").legs[0].trip = "NOPE".into()
        }),
        (C::UnknownLegDay, "S3 rides on an unknown day", |_, s| {
            student_plan(s, "S3").legs.push(leg("Sun", "L1", "V", "P"))
        }),
        (C::UnknownLegNode, "S3 boards at an unknown node", |_, s| {
            student_plan(s, "S3").legs.push(leg("Mon", "L1", "Q", "Y"))
        }),
        (C::UnknownTripRunTrip, "a run of an unknown trip", |_, s| {
            s.trip_runs.push(TripRun {
                trip: "NOPE".into(),
                day: "Mon".into(),
            })
        }),
        (C::TripRunOfLineTrip, "a run of line trip L1", |_, s| {
            s.trip_runs.push(TripRun {
                trip: "L1".into(),
                day: "Mon".into(),
            })
        }),
        (C::TripRunOnWrongDay, "a run of O1 on Sunday", |_, s| {
            s.trip_runs.push(TripRun {
                trip: "O1".into(),
                day: "Sun".into(),
            })
        }),
        (
            C::TeacherClash,
            "T2 teaches RUB-1 and ENA-1 at Mon3",
            |i, s| {
                teacher(i, "T2").can_teach.push("RUB".into());
                section(s, "RUB-1").teacher = "T2".into();
            },
        ),
        (C::RoomClash, "RUB-1 moves into ENA-1's room", |_, s| {
            section(s, "RUB-1").room = "RY2".into()
        }),
        (C::StudentClash, "S1 also takes ENA-1 at Mon3", |i, s| {
            student(i, "S1").requests.push(kopa::instance::Request {
                course: "ENA".into(),
                weight: 1.0,
                mandatory: false,
            });
            student_plan(s, "S1")
                .sections
                .push(attend("ENA-1", Mode::InPerson, "SY"));
        }),
        (
            C::RoomAtWrongSite,
            "ENA-1 (at SY) in a room at SP",
            |_, s| section(s, "ENA-1").room = "RP2".into(),
        ),
        (
            C::RoomMissingFeature,
            "FY-1 in a room without lab",
            |_, s| section(s, "FY-1").room = "RP2".into(),
        ),
        (C::RoomOverCapacity, "ENA-1's room has one seat", |i, _| {
            i.rooms
                .iter_mut()
                .find(|r| r.id == "RY2")
                .expect("room")
                .capacity = 1;
        }),
        (C::TeacherNotQualified, "T1 cannot teach FY", |i, _| {
            teacher(i, "T1").can_teach.retain(|c| c != "FY")
        }),
        (
            C::TeacherSiteNotAllowed,
            "T1 may not teach at SY",
            |i, _| teacher(i, "T1").sites.retain(|c| c != "SY"),
        ),
        (C::TeacherUnavailable, "T1 unavailable in Mon2", |i, _| {
            teacher(i, "T1").unavailable.push("Mon2".into())
        }),
        (C::TeacherOverLoad, "T1 may teach 4 lessons", |i, _| {
            teacher(i, "T1").max_lessons_per_week = 4
        }),
        (
            C::TeacherCannotDriveInTime,
            "Pello-Ylitornio takes 70 minutes",
            |i, _| {
                for road in &mut i.road_network.roads {
                    if road.to == "Y" {
                        road.minutes = if road.from == "P" { 70.0 } else { 60.0 };
                    }
                }
            },
        ),
        (
            C::TooManySections,
            "ENA opens two sections, at most one",
            |i, s| {
                course(i, "ENA").max_sections = 1;
                s.sections
                    .push(new_section("ENA-2", "ENA", "SY", "RY2", "T2", &["Tue3"]));
                student_plan(s, "S3").sections[1].section = "ENA-2".into();
            },
        ),
        (
            C::SectionSiteNotAllowed,
            "FY may only be taught at SY",
            |i, _| course(i, "FY").sites = vec!["SY".into()],
        ),
        (
            C::SectionPatternMismatch,
            "MAA-1 without a pattern",
            |_, s| section(s, "MAA-1").pattern = None,
        ),
        (
            C::SectionPatternMismatch,
            "MAA-1 with a block pattern",
            |_, s| section(s, "MAA-1").pattern = Some("blockT".into()),
        ),
        (C::SectionPatternMismatch, "FY-1 with a pattern", |_, s| {
            section(s, "FY-1").pattern = Some("barB".into())
        }),
        (C::SectionWrongLessonCount, "FY-1 in one slot", |_, s| {
            section(s, "FY-1").slots.truncate(1)
        }),
        (C::SectionDuplicateSlot, "ENA-1 lists Mon3 twice", |_, s| {
            section(s, "ENA-1").slots.push("Mon3".into())
        }),
        (C::SectionBelowMinSize, "ENA needs 3 students", |i, _| {
            course(i, "ENA").min_size = 3
        }),
        (C::SectionAboveMaxSize, "MAA takes at most 2", |i, _| {
            course(i, "MAA").max_size = 2
        }),
        (C::SectionWithoutStudents, "an empty ENA-2", |_, s| {
            s.sections
                .push(new_section("ENA-2", "ENA", "SY", "RY2", "T2", &["Tue3"]))
        }),
        (C::StreamNotAllowed, "MAA not remote", |i, _| {
            course(i, "MAA").remote_allowed = false
        }),
        (C::StreamRoomWithoutVideo, "RY1 has no video", |i, _| {
            i.rooms
                .iter_mut()
                .find(|r| r.id == "RY1")
                .expect("room")
                .video = false;
        }),
        (C::StreamToOwnSite, "MAA-1 streams to SP too", |_, s| {
            section(s, "MAA-1").streams.push(StreamPlan {
                site: "SP".into(),
                room: "RP1".into(),
            });
        }),
        (
            C::StreamSiteRepeated,
            "MAA-1 streams to SY twice",
            |_, s| {
                section(s, "MAA-1").streams.push(StreamPlan {
                    site: "SY".into(),
                    room: "RY1".into(),
                });
            },
        ),
        (C::SiteStreamsExceeded, "SP takes no streams", |i, _| {
            i.sites[0].max_streams = 0
        }),
        (
            C::RemoteAtUnstreamedSite,
            "MAA-1 no longer streams",
            |_, s| section(s, "MAA-1").streams.clear(),
        ),
        (C::InPersonAtOtherSite, "S3 names SP for ENA-1", |_, s| {
            student_plan(s, "S3").sections[1].site = "SP".into()
        }),
        (C::AttendsSectionTwice, "S3 attends ENA-1 twice", |_, s| {
            student_plan(s, "S3")
                .sections
                .push(attend("ENA-1", Mode::InPerson, "SY"));
        }),
        (C::MissingLeg, "S1 has no way home on Mon", |_, s| {
            student_plan(s, "S1").legs.pop();
        }),
        (
            C::SeveralLegsForOneChange,
            "S2 has two legs to school on Tue",
            |_, s| {
                student_plan(s, "S2").legs.push(leg("Tue", "L1", "V", "P"));
            },
        ),
        (C::TripNotRunning, "O1 does not run on Mon", |_, s| {
            s.trip_runs.clear()
        }),
        (C::TripNotRunning, "L1 runs on Mon only", |i, _| {
            i.trips
                .iter_mut()
                .find(|t| t.id == "L1")
                .expect("trip")
                .days = vec!["Mon".into()];
        }),
        (C::LegStopsWrong, "S1 rides L2 from P to Y", |_, s| {
            student_plan(s, "S1").legs[0].trip = "L2".into()
        }),
        (
            C::LegDepartsTooEarly,
            "S2 rides L1 from P to Y on Mon",
            |_, s| student_plan(s, "S2").legs[1].trip = "L1".into(),
        ),
        (
            C::LegArrivesTooLate,
            "O1 reaches Ylitornio at 11:56",
            |i, _| {
                i.trips
                    .iter_mut()
                    .find(|t| t.id == "O1")
                    .expect("trip")
                    .stops[1]
                    .time = "11:56".into();
            },
        ),
        (C::LegWithoutChange, "S3 rides L1 from V to P", |_, s| {
            student_plan(s, "S3").legs.push(leg("Mon", "L1", "V", "P"))
        }),
        (C::TripOverCapacity, "L2 has one seat", |i, _| {
            i.trips
                .iter_mut()
                .find(|t| t.id == "L2")
                .expect("trip")
                .capacity = 1;
        }),
        (C::UnrequestedCourse, "S2 takes FY-1", |_, s| {
            student_plan(s, "S2")
                .sections
                .push(attend("FY-1", Mode::InPerson, "SP"))
        }),
        (
            C::TwoSectionsOfOneCourse,
            "S3 takes ENA-1 and ENA-2",
            |_, s| {
                s.sections
                    .push(new_section("ENA-2", "ENA", "SY", "RY2", "T2", &["Tue3"]));
                student_plan(s, "S3")
                    .sections
                    .push(attend("ENA-2", Mode::InPerson, "SY"));
            },
        ),
        (
            C::TwoCoursesOfOneGroup,
            "S1's group is RUB or FY",
            |i, _| {
                student(i, "S1").one_of[0].courses = vec!["RUB".into(), "FY".into()];
            },
        ),
        (C::MandatoryRequestUnmet, "S3 must take FY", |i, _| {
            student(i, "S3").requests[2].mandatory = true
        }),
        (C::MandatoryGroupUnmet, "S2 must take RUB or SAB", |i, _| {
            student(i, "S2").one_of.push(kopa::instance::OneOfRequest {
                id: "lang".into(),
                courses: vec!["RUB".into(), "SAB".into()],
                weight: 1.0,
                mandatory: true,
            });
        }),
        (C::UnknownStudent, "a plan for S9", |_, s| {
            s.students.push(kopa::solution::StudentPlan {
                student: "S9".into(),
                sections: Vec::new(),
                legs: Vec::new(),
            });
        }),
        (C::StudentListedTwice, "S3 listed twice", |_, s| {
            let again = student_plan(s, "S3").clone();
            s.students.push(again);
        }),
    ]
}

#[test]
fn the_hand_written_plan_is_accepted_with_the_hand_computed_objective() {
    let (instance, solution) = fixture();
    let report = check(&instance, &solution);
    assert!(report.violations.is_empty(), "{:#?}", report.violations);
    assert!(report.instance_matches);
    assert!(report.differences.is_empty(), "{:#?}", report.differences);
    let r = report.recomputed;
    // Unmet: S3's FY (weight 3) x 12.50.
    assert!(close(r.unmet_requests, 37.50), "{r:?}");
    // MAA 100 + FY 80 + ENA 50 + RUB 40.
    assert!(close(r.section_cost, 270.00), "{r:?}");
    // O1 on Mon.
    assert!(close(r.optional_trips, 120.00), "{r:?}");
    // T1 on Mon: Pello -> Ylitornio -> Pello, 52 km each way by the shortest km path
    // (via Village; the direct road is faster but 55 km): 104 km x 0.45.
    assert!(close(r.teacher_driving, 46.80), "{r:?}");
    assert!(close(report.measures.teacher_km, 104.0));
    // S1 Mon 40 + 50, S2 Mon 20 + 40 + 70, S2 Tue 20 + 20 = 260 minutes x 0.15.
    assert!(close(r.student_travel, 39.00), "{r:?}");
    assert!(close(report.measures.student_travel_minutes, 260.0));
    // S3 remote in MAA (prefers in person), 2 lessons x 7.25.
    assert!(close(r.remote_delivery, 14.50), "{r:?}");
    // S2 and S3 each idle in Mon2: 2 x 3.50.
    assert!(close(r.idle_slots, 7.00), "{r:?}");
    assert!(close(r.total, 534.80), "{r:?}");
    assert_eq!(report.measures.seats_used, 7);
    assert_eq!(report.measures.students_all_requests_met, 2);
}

#[test]
fn the_hand_written_plans_usage_is_counted_per_run_teacher_and_site() {
    let (instance, solution) = fixture();
    let usage = check(&instance, &solution).measures.usage;
    // (trip, day, riders, peak, capacity, bought). L2 on Mon: S1 Y->P and S2 Y->V,
    // so two on board from Y to P, one from P to V; O1 on Mon: S1 and S2, bought.
    let runs: Vec<_> = usage
        .trip_runs
        .iter()
        .map(|r| {
            (
                r.trip.as_str(),
                r.day.as_str(),
                r.riders,
                r.peak_load,
                r.capacity,
                r.bought,
            )
        })
        .collect();
    assert_eq!(
        runs,
        [
            ("L1", "Mon", 1, 1, 2, false),
            ("L1", "Tue", 1, 1, 2, false),
            ("L2", "Mon", 2, 2, 2, false),
            ("L2", "Tue", 1, 1, 2, false),
            ("O1", "Mon", 2, 2, 2, true),
        ]
    );
    // T1: MAA 2 + FY 2 + RUB 1 lessons, Pello -> Ylitornio -> Pello on Mon (104 km);
    // T2: ENA's one lesson at home.
    let teachers: Vec<_> = usage
        .teachers
        .iter()
        .map(|t| {
            (
                t.teacher.as_str(),
                t.lessons,
                t.max_lessons,
                t.km,
                t.driving_days,
            )
        })
        .collect();
    assert_eq!(teachers, [("T1", 5, 6, 104.0, 1), ("T2", 1, 4, 0.0, 0)]);
    // MAA-1 is sent from SP and received at SY.
    let sites: Vec<_> = usage
        .sites
        .iter()
        .map(|s| {
            (
                s.site.as_str(),
                s.sections,
                s.streams_sent,
                s.streams_received,
            )
        })
        .collect();
    assert_eq!(sites, [("SP", 2, 1, 0), ("SY", 2, 0, 1)]);
}

#[test]
fn every_mutation_breaks_exactly_its_rule() {
    let (instance, solution) = fixture();
    let mut failures = Vec::new();
    for (code, what, mutate) in mutations() {
        let (mut instance, mut solution) = (instance.clone(), solution.clone());
        mutate(&mut instance, &mut solution);
        let found = codes(&instance, &solution);
        if found != BTreeSet::from([code.id()]) {
            let report = check(&instance, &solution);
            failures.push(format!(
                "{} ({what}): found {found:?}: {:#?}",
                code.id(),
                report.violations
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_violation_code_has_a_mutation() {
    let covered: BTreeSet<ViolationCode> = mutations().into_iter().map(|(c, _, _)| c).collect();
    let missing: Vec<&str> = ViolationCode::ALL
        .iter()
        .filter(|c| !covered.contains(c))
        .map(|c| c.id())
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a mutation test: {missing:?}"
    );
}

#[test]
fn messages_name_the_student_the_place_and_the_time() {
    let (instance, mut solution) = fixture();
    student_plan(&mut solution, "S2").legs.remove(1);
    let report = check(&instance, &solution);
    let messages: Vec<&str> = report
        .violations
        .iter()
        .map(|v| v.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "student S2 must be in Ylitornio for ENA-1 at Mon 12:00 but no leg of the plan leaves Pello after 09:35 and arrives by 11:55"
        ]
    );
}

#[test]
fn changing_a_weight_changes_its_term_as_computed_by_hand() {
    let (mut instance, solution) = fixture();
    instance.weights.teacher_km = 1.0;
    instance.weights.student_travel_minute = 0.5;
    instance.weights.idle_slot = 10.0;
    let report = check(&instance, &solution);
    let r = report.recomputed;
    assert!(close(r.teacher_driving, 104.0), "{r:?}");
    assert!(close(r.student_travel, 130.0), "{r:?}");
    assert!(close(r.idle_slots, 20.0), "{r:?}");
    assert!(
        close(r.total, 37.5 + 270.0 + 120.0 + 104.0 + 130.0 + 14.5 + 20.0),
        "{r:?}"
    );
    let differing: Vec<&str> = report.differences.iter().map(|d| d.term.as_str()).collect();
    assert_eq!(
        differing,
        ["teacherDriving", "studentTravel", "idleSlots", "total"]
    );
    // The hash covers the weights, so this plan no longer answers the instance.
    assert!(!report.instance_matches);
}

#[test]
fn unmet_requests_are_priced_by_weight() {
    let (instance, mut solution) = fixture();
    // S2 drops ENA-1 (weight 1) and with it the ride to Ylitornio and back.
    let s2 = student_plan(&mut solution, "S2");
    s2.sections.retain(|a| a.section != "ENA-1");
    s2.legs = vec![
        leg("Mon", "L1", "V", "P"),
        leg("Mon", "L2", "P", "V"),
        leg("Tue", "L1", "V", "P"),
        leg("Tue", "L2", "P", "V"),
    ];
    let report = check(&instance, &solution);
    assert!(report.violations.is_empty(), "{:#?}", report.violations);
    let r = report.recomputed;
    assert!(close(r.unmet_requests, (3.0 + 1.0) * 12.5), "{r:?}");
    // S2 rides 20 + 20 minutes each day; S1 still 90: 170 minutes x 0.15.
    assert!(close(r.student_travel, 25.5), "{r:?}");
    // Only S3 is idle now.
    assert!(close(r.idle_slots, 3.5), "{r:?}");
}

#[test]
fn a_wrong_claim_is_a_difference_not_a_violation() {
    let (instance, mut solution) = fixture();
    solution.objective.section_cost = 260.0;
    solution.objective.total -= 10.0;
    let report = check(&instance, &solution);
    assert!(report.is_feasible());
    assert!(!report.is_accepted());
    let differing: Vec<&str> = report.differences.iter().map(|d| d.term.as_str()).collect();
    assert_eq!(differing, ["sectionCost", "total"]);
}
