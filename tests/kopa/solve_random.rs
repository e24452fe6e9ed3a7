//! Random small instances, solved exactly, must give plans the independent checker
//! accepts, with the model's objective equal to the checker's to the cent. This is
//! where the MILP and the checker, written apart, are held to the same rules.

use std::time::Duration;

use kopa::instance::*;
use kopa::model::Model;
use kopa::solution::SolveStatus;
use kopa::solution::check::check;
use kopa::solve::{Environment, SolveOutcome, Strategy, greedy_plan, solve};
use kopa::validate::{has_errors, validate};
use proptest::prelude::*;

fn clock(minutes: u32) -> String {
    format_clock(minutes)
}

/// What a random instance is drawn from (see `instance`).
struct Spec {
    slots_per_day: usize,
    course_specs: Vec<(bool, bool, u8, u8, u8)>,
    homes: Vec<u8>,
    requests: Vec<Vec<(u8, bool)>>,
    trip_specs: Vec<(u8, u8, u8, bool)>,
    max_streams: u8,
    teacher_sites: Vec<u8>,
}

/// A two-town instance shaped by the drawn numbers: slots, courses with patterns or
/// free slots, remote links, line and optional trips, students in towns and a village.
fn instance(spec: Spec) -> Instance {
    let Spec {
        slots_per_day,
        course_specs,
        homes,
        requests,
        trip_specs,
        max_streams,
        teacher_sites,
    } = spec;
    let days = ["Mon", "Tue"];
    let mut slots = Vec::new();
    for day in days {
        for i in 0..slots_per_day {
            let start = 8 * 60 + 90 * i as u32;
            slots.push(Slot {
                id: format!("{day}{}", i + 1),
                day: day.into(),
                start: clock(start),
                end: clock(start + 75),
            });
        }
    }
    let patterns = (0..slots_per_day)
        .map(|i| Pattern {
            id: format!("bar{}", i + 1),
            kind: "bar".into(),
            slots: vec![format!("Mon{}", i + 1), format!("Tue{}", slots_per_day - i)],
        })
        .collect();
    let nodes = ["pello", "ylitornio", "village"];
    let sites = vec![
        Site {
            id: "P".into(),
            name: String::new(),
            municipality: "Pello".into(),
            node: "pello".into(),
            max_streams: i64::from(max_streams),
        },
        Site {
            id: "Y".into(),
            name: String::new(),
            municipality: "Ylitornio".into(),
            node: "ylitornio".into(),
            max_streams: i64::from(max_streams),
        },
    ];
    let mut rooms = Vec::new();
    for site in ["P", "Y"] {
        rooms.push(Room {
            id: format!("{site}-video"),
            site: site.into(),
            capacity: 3,
            features: vec![],
            video: true,
        });
        rooms.push(Room {
            id: format!("{site}-lab"),
            site: site.into(),
            capacity: 4,
            features: vec!["lab".into()],
            video: false,
        });
    }
    let courses: Vec<Course> = course_specs
        .iter()
        .enumerate()
        .map(|(i, &(pattern, remote, site, cost, lab))| Course {
            id: format!("C{i}"),
            name: String::new(),
            programme: Programme::Lukio,
            lessons_per_week: (!pattern).then_some(2),
            pattern_kind: pattern.then(|| "bar".into()),
            features: if lab % 3 == 0 {
                vec!["lab".into()]
            } else {
                vec![]
            },
            min_size: i64::from(lab % 2),
            max_size: 4,
            max_sections: 1 + i64::from(cost % 2),
            sites: match site % 3 {
                0 => vec!["P".into()],
                1 => vec!["Y".into()],
                _ => vec!["P".into(), "Y".into()],
            },
            remote_allowed: remote,
            prefer_in_person: cost % 3 == 0,
            section_cost: f64::from(cost),
        })
        .collect();
    let teachers = teacher_sites
        .iter()
        .enumerate()
        .map(|(i, &s)| Teacher {
            id: format!("T{i}"),
            name: String::new(),
            home_site: if s % 2 == 0 { "P".into() } else { "Y".into() },
            can_teach: courses
                .iter()
                .enumerate()
                .filter(|(c, _)| (c + i) % 2 == 0 || s % 3 == 0)
                .map(|(_, c)| c.id.clone())
                .collect(),
            sites: match s % 3 {
                0 => vec!["P".into(), "Y".into()],
                1 => vec!["Y".into()],
                _ => vec!["P".into()],
            },
            unavailable: vec![],
            max_lessons_per_week: 6,
        })
        .collect();
    let students = homes
        .iter()
        .zip(requests)
        .enumerate()
        .map(|(i, (&home, wanted))| {
            let mut seen = std::collections::BTreeSet::new();
            Student {
                id: format!("S{i}"),
                home: nodes[usize::from(home) % 3].into(),
                programme: Programme::Lukio,
                requests: wanted
                    .into_iter()
                    .filter(|(c, _)| seen.insert(usize::from(*c) % course_specs.len()))
                    .map(|(c, weight)| Request {
                        course: format!("C{}", usize::from(c) % course_specs.len()),
                        weight: if weight { 2.0 } else { 1.0 },
                        mandatory: false,
                    })
                    .collect(),
                one_of: vec![],
            }
        })
        .collect();
    let trips = trip_specs
        .iter()
        .enumerate()
        .map(|(i, &(from, depart, capacity, optional))| {
            let from = usize::from(from) % 3;
            let to = (from + 1 + usize::from(depart) % 2) % 3;
            let start = 7 * 60 + 20 * u32::from(depart);
            Trip {
                id: format!("B{i}"),
                name: String::new(),
                days: vec!["Mon".into(), "Tue".into()],
                capacity: 1 + i64::from(capacity % 3),
                optional,
                cost_per_run: if optional { 15.0 } else { 0.0 },
                stops: vec![
                    TripStop {
                        node: nodes[from].into(),
                        time: clock(start),
                    },
                    TripStop {
                        node: nodes[to].into(),
                        time: clock(start + 40),
                    },
                ],
            }
        })
        .collect();
    Instance {
        format_version: 1,
        name: "random".into(),
        description: String::new(),
        period: None,
        time_grid: TimeGrid {
            days: days
                .iter()
                .map(|d| Day {
                    id: (*d).into(),
                    name: String::new(),
                    weekday: None,
                })
                .collect(),
            slots,
            patterns,
        },
        road_network: RoadNetwork {
            nodes: nodes
                .iter()
                .map(|n| RoadNode {
                    id: (*n).into(),
                    name: String::new(),
                    lat: None,
                    lon: None,
                })
                .collect(),
            roads: vec![
                Road {
                    from: "pello".into(),
                    to: "village".into(),
                    minutes: 20.0,
                    km: 22.0,
                },
                Road {
                    from: "village".into(),
                    to: "ylitornio".into(),
                    minutes: 30.0,
                    km: 33.0,
                },
            ],
        },
        sites,
        rooms,
        teachers,
        courses,
        students,
        trips,
        transport: TransportRules {
            transfer_buffer_minutes: 5.0,
        },
        weights: ObjectiveWeights {
            unmet_request: 40.0,
            teacher_km: 0.5,
            student_travel_minute: 0.1,
            remote_student_lesson: 3.0,
            idle_slot: 2.0,
        },
    }
}

/// Everything the solver promises about one valid instance: checked plans, equal
/// objectives, itemised costs that add up, no false optimum, a bound that holds.
fn holds_for(instance: &Instance) -> Result<(), TestCaseError> {
    let model = Model::new(instance).expect("valid instances resolve");
    let env = Environment::new(0, 1, Some(Duration::from_secs(60)));
    // The greedy assignment's plan, when it finds one, keeps every rule.
    if let Ok(greedy) = greedy_plan(instance, &model, &env).expect("placements enumerate") {
        let report = check(instance, &greedy);
        prop_assert!(
            report.violations.is_empty(),
            "greedy: {:#?}\n{}",
            report.violations,
            serde_json::to_string_pretty(&greedy).unwrap()
        );
    }
    let outcome = solve(instance, &model, Strategy::Exact, &env).expect("the solver runs");
    // No mandatory requests: a plan always exists (open nothing).
    let SolveOutcome::Plan {
        solution,
        mip_objective,
        ..
    } = outcome
    else {
        panic!("no plan for an instance without mandatory requests");
    };
    let report = check(instance, &solution);
    prop_assert!(
        report.violations.is_empty(),
        "{:#?}\n{}",
        report.violations,
        serde_json::to_string_pretty(&*solution).unwrap()
    );
    prop_assert!(
        (report.recomputed.total - mip_objective).abs() < 0.005,
        "model {mip_objective} vs checker {:?}\n{}",
        report.recomputed,
        serde_json::to_string_pretty(&*solution).unwrap()
    );
    // The report's itemised costs add up to the checker's terms.
    let index = kopa::report::plan_index::PlanIndex::new(instance, &solution);
    let items = kopa::report::costs::itemise(&index, &model);
    prop_assert!(
        kopa::report::html::disagreements(&report, &items).is_empty(),
        "report items {:?}\n{}",
        kopa::report::html::disagreements(&report, &items),
        serde_json::to_string_pretty(&*solution).unwrap()
    );
    // No plan meets more of a student's requests than their own week holds (the fit
    // check's count is a floor under the checker's), so the unmet split of every plan
    // puts each student's whole fewest-to-drop on their own week, and adds up.
    let own_weeks = kopa::report::own_week::OwnWeeks::new(instance, &model);
    for student in &instance.students {
        let unmet = report
            .measures
            .unmet_requests_by_student
            .get(&student.id)
            .copied()
            .unwrap_or(0);
        prop_assert!(
            own_weeks.fewest_to_drop(&student.id) <= unmet,
            "{}: the fit check drops {} of their requests, the plan leaves {unmet} unmet\n{}",
            student.id,
            own_weeks.fewest_to_drop(&student.id),
            serde_json::to_string_pretty(&*solution).unwrap()
        );
    }
    for (split, served) in own_weeks
        .split(&report)
        .iter()
        .zip(&report.measures.by_programme)
    {
        prop_assert_eq!(
            split.cannot_fit_own_week + split.not_met_by_plan,
            split.unmet
        );
        prop_assert_eq!(split.unmet, served.requests - served.requests_met);
    }
    // The decomposition may only call a plan optimal if it is: its proof is a
    // neighbourhood that is the whole model, never a smaller one.
    if solution.provenance.status == SolveStatus::Optimal {
        let env = Environment::new(0, 1, Some(Duration::from_secs(30)));
        if let SolveOutcome::Plan {
            solution: searched, ..
        } = solve(instance, &model, Strategy::Decompose, &env).expect("the solver runs")
            && searched.provenance.status == SolveStatus::Optimal
        {
            let searched_total = check(instance, &searched).recomputed.total;
            prop_assert!(
                (searched_total - report.recomputed.total).abs() < 0.005,
                "decompose claims optimal at {searched_total}, the optimum is {}",
                report.recomputed.total
            );
        }
    }
    // The bound by counting holds for every plan, so for the proven optimum too.
    if solution.provenance.status == SolveStatus::Optimal {
        let counted = kopa::solve::bound::demand_bound(&model, &env, 10.0);
        prop_assert!(
            counted.is_some_and(|b| b <= report.recomputed.total + 1e-6),
            "bound by counting {counted:?} above the optimum {}",
            report.recomputed.total
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn exact_plans_pass_the_checker_and_agree_on_the_objective(
        slots_per_day in 2usize..4,
        course_specs in prop::collection::vec((any::<bool>(), any::<bool>(), 0u8..3, 0u8..40, 0u8..6), 1..4),
        homes in prop::collection::vec(0u8..3, 1..8),
        requests in prop::collection::vec(prop::collection::vec((0u8..4, any::<bool>()), 1..3), 8),
        trip_specs in prop::collection::vec((0u8..3, 0u8..30, 0u8..3, any::<bool>()), 2..12),
        max_streams in 0u8..2,
        teacher_sites in prop::collection::vec(0u8..6, 1..3),
    ) {
        let instance = instance(Spec { slots_per_day, course_specs, homes, requests, trip_specs, max_streams, teacher_sites });
        prop_assume!(!has_errors(&validate(&instance)));
        holds_for(&instance)?;
    }
}

/// Found by CI (the case above, shrunk): one course at Ylitornio taught by a teacher
/// of Ylitornio, four students (three at Pello, one at the village), two optional
/// trips. The decomposition called a plan of 219 optimal where the optimum is 198.
#[test]
fn decompose_claims_no_false_optimum_on_a_case_ci_found() {
    let requests = [false, false, true, true, false, false, false, false]
        .iter()
        .map(|&weight| vec![(0, weight)])
        .collect();
    let instance = instance(Spec {
        slots_per_day: 2,
        course_specs: vec![(false, false, 1, 21, 1)],
        homes: vec![2, 0, 0, 0],
        requests,
        trip_specs: vec![(0, 0, 0, true), (1, 17, 0, true)],
        max_streams: 0,
        teacher_sites: vec![1],
    });
    assert!(!has_errors(&validate(&instance)));
    holds_for(&instance).unwrap();
}
