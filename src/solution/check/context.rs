//! The instance and the solution indexed by id, as the rule families need them.
//!
//! Every id of the solution is looked up here once; an id the instance does not have
//! resolves to `None` (the `references` family reports it) so that no rule ever
//! panics on a hand-edited file. Road times and km are shortest paths computed here
//! with petgraph, each minimised on its own, independently of the solver's tables.

use std::collections::{BTreeSet, HashMap};

use petgraph::algo::dijkstra;
use petgraph::graph::{NodeIndex, UnGraph};

use crate::instance::{
    Course, Day, Instance, Pattern, Room, Site, Student, Teacher, Trip, parse_clock,
};
use crate::solution::{Mode, SectionPlan, Solution, StudentPlan};

/// A slot with its clock times parsed.
#[derive(Debug, Clone, Copy)]
pub struct TimedSlot<'a> {
    pub id: &'a str,
    pub day: &'a str,
    /// Position of the slot's day in the time grid (days sort by it).
    pub day_order: usize,
    pub start: u32,
    pub end: u32,
}

impl TimedSlot<'_> {
    /// Same day and intersecting `[start, end)` intervals.
    pub fn overlaps(&self, other: &TimedSlot<'_>) -> bool {
        self.day == other.day && self.start < other.end && other.start < self.end
    }

    /// "Mon 08:15-09:30".
    pub fn label(&self) -> String {
        format!(
            "{} {}-{}",
            self.day,
            crate::instance::format_clock(self.start),
            crate::instance::format_clock(self.end)
        )
    }
}

/// A trip with its stop times parsed.
#[derive(Debug, Clone)]
pub struct TimedTrip<'a> {
    pub trip: &'a Trip,
    /// (node, minutes after midnight) in stop order.
    pub stops: Vec<(&'a str, u32)>,
}

impl TimedTrip<'_> {
    /// Index of the trip's stop at `node`.
    pub fn stop_at(&self, node: &str) -> Option<usize> {
        self.stops.iter().position(|(n, _)| *n == node)
    }

    /// Whether the trip carries passengers on `day` in this plan.
    pub fn runs_on(&self, day: &str, context: &Context<'_>) -> bool {
        if self.trip.optional {
            context.trip_runs.contains(&(self.trip.id.as_str(), day))
        } else {
            self.trip.days.iter().any(|d| d == day)
        }
    }
}

/// One section of the plan with every reference resolved (or `None`).
#[derive(Debug)]
pub struct SectionView<'a> {
    pub plan: &'a SectionPlan,
    pub course: Option<&'a Course>,
    pub site: Option<&'a Site>,
    pub room: Option<&'a Room>,
    pub teacher: Option<&'a Teacher>,
    /// Known slots, each once, in time order.
    pub slots: Vec<TimedSlot<'a>>,
    /// Receiving (site, room), each resolved.
    pub streams: Vec<(Option<&'a Site>, Option<&'a Room>)>,
}

impl SectionView<'_> {
    pub fn id(&self) -> &str {
        &self.plan.id
    }

    /// Lessons a week: the number of (distinct, known) slots it occupies.
    pub fn lessons(&self) -> usize {
        self.slots.len()
    }
}

/// A student sitting in one section of the plan.
#[derive(Debug, Clone, Copy)]
pub struct AttendanceView<'a> {
    pub student: &'a str,
    /// Index into `Context::sections`.
    pub section: usize,
    pub mode: Mode,
    /// The site the student names (may differ from the rules; other families judge).
    pub site: Option<&'a Site>,
}

pub struct Context<'a> {
    pub instance: &'a Instance,
    pub solution: &'a Solution,
    pub days: HashMap<&'a str, (usize, &'a Day)>,
    pub slots: HashMap<&'a str, TimedSlot<'a>>,
    /// Every slot of the grid with parseable times, in time order.
    pub slots_in_order: Vec<TimedSlot<'a>>,
    pub nodes: HashMap<&'a str, &'a str>,
    pub sites: HashMap<&'a str, &'a Site>,
    pub rooms: HashMap<&'a str, &'a Room>,
    pub teachers: HashMap<&'a str, &'a Teacher>,
    pub courses: HashMap<&'a str, &'a Course>,
    pub patterns: HashMap<&'a str, &'a Pattern>,
    pub students: HashMap<&'a str, &'a Student>,
    pub trips: HashMap<&'a str, TimedTrip<'a>>,
    /// Optional trip runs of the plan, (trip, day).
    pub trip_runs: BTreeSet<(&'a str, &'a str)>,
    pub sections: Vec<SectionView<'a>>,
    /// First section of the plan with each id.
    pub section_by_id: HashMap<&'a str, usize>,
    /// The first plan of each student id (later duplicates are reported, not used).
    pub student_plans: Vec<&'a StudentPlan>,
    /// Attendances of `student_plans` whose section exists.
    pub attendances: Vec<AttendanceView<'a>>,
    road_minutes: HashMap<&'a str, HashMap<&'a str, f64>>,
    road_km: HashMap<&'a str, HashMap<&'a str, f64>>,
}

impl<'a> Context<'a> {
    pub fn new(instance: &'a Instance, solution: &'a Solution) -> Self {
        let grid = &instance.time_grid;
        let days: HashMap<_, _> = grid
            .days
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), (i, d)))
            .collect();
        let slots: HashMap<_, _> = grid
            .slots
            .iter()
            .filter_map(|s| {
                let (day_order, _) = days.get(s.day.as_str())?;
                Some((
                    s.id.as_str(),
                    TimedSlot {
                        id: &s.id,
                        day: &s.day,
                        day_order: *day_order,
                        start: parse_clock(&s.start)?,
                        end: parse_clock(&s.end)?,
                    },
                ))
            })
            .collect();
        let mut slots_in_order: Vec<_> = slots.values().copied().collect();
        sort_by_time(&mut slots_in_order);
        let trips = instance
            .trips
            .iter()
            .map(|t| {
                let stops = t
                    .stops
                    .iter()
                    .map(|s| (s.node.as_str(), parse_clock(&s.time).unwrap_or(0)))
                    .collect();
                (t.id.as_str(), TimedTrip { trip: t, stops })
            })
            .collect();
        let trip_runs = solution
            .trip_runs
            .iter()
            .map(|r| (r.trip.as_str(), r.day.as_str()))
            .collect();
        let (road_minutes, road_km) = road_tables(instance);
        let mut context = Context {
            instance,
            solution,
            days,
            slots,
            slots_in_order,
            nodes: instance
                .road_network
                .nodes
                .iter()
                .map(|n| {
                    let label = if n.name.is_empty() { &n.id } else { &n.name };
                    (n.id.as_str(), label.as_str())
                })
                .collect(),
            sites: by_id(&instance.sites, |s| &s.id),
            rooms: by_id(&instance.rooms, |r| &r.id),
            teachers: by_id(&instance.teachers, |t| &t.id),
            courses: by_id(&instance.courses, |c| &c.id),
            patterns: by_id(&grid.patterns, |p| &p.id),
            students: by_id(&instance.students, |s| &s.id),
            trips,
            trip_runs,
            sections: Vec::new(),
            section_by_id: HashMap::new(),
            student_plans: Vec::new(),
            attendances: Vec::new(),
            road_minutes,
            road_km,
        };
        context.resolve_sections();
        context.resolve_students();
        context
    }

    fn resolve_sections(&mut self) {
        for (index, plan) in self.solution.sections.iter().enumerate() {
            let mut slots: Vec<TimedSlot<'a>> = Vec::new();
            for id in &plan.slots {
                if let Some(slot) = self.slots.get(id.as_str())
                    && !slots.iter().any(|s| s.id == slot.id)
                {
                    slots.push(*slot);
                }
            }
            sort_by_time(&mut slots);
            let view = SectionView {
                plan,
                course: self.courses.get(plan.course.as_str()).copied(),
                site: self.sites.get(plan.site.as_str()).copied(),
                room: self.rooms.get(plan.room.as_str()).copied(),
                teacher: self.teachers.get(plan.teacher.as_str()).copied(),
                slots,
                streams: plan
                    .streams
                    .iter()
                    .map(|s| {
                        (
                            self.sites.get(s.site.as_str()).copied(),
                            self.rooms.get(s.room.as_str()).copied(),
                        )
                    })
                    .collect(),
            };
            self.sections.push(view);
            self.section_by_id.entry(&plan.id).or_insert(index);
        }
    }

    fn resolve_students(&mut self) {
        let mut seen = BTreeSet::new();
        for plan in &self.solution.students {
            if !seen.insert(plan.student.as_str()) {
                continue;
            }
            self.student_plans.push(plan);
            for attendance in &plan.sections {
                if let Some(&section) = self.section_by_id.get(attendance.section.as_str()) {
                    self.attendances.push(AttendanceView {
                        student: &plan.student,
                        section,
                        mode: attendance.mode,
                        site: self.sites.get(attendance.site.as_str()).copied(),
                    });
                }
            }
        }
    }

    /// Shortest road minutes between two nodes (0 at the same node).
    pub fn road_minutes(&self, from: &str, to: &str) -> Option<f64> {
        shortest(&self.road_minutes, from, to)
    }

    /// Shortest road km between two nodes (0 at the same node).
    pub fn road_km(&self, from: &str, to: &str) -> Option<f64> {
        shortest(&self.road_km, from, to)
    }

    /// How people call a road node: its name, or its id.
    pub fn node_label(&self, node: &str) -> String {
        self.nodes.get(node).copied().unwrap_or(node).to_owned()
    }

    /// The road node of the site a student sits at for an attendance, by rule 6:
    /// the section's site in person, the named (receiving) site remotely.
    pub fn attendance_site(&self, attendance: &AttendanceView<'a>) -> Option<&'a Site> {
        match attendance.mode {
            Mode::InPerson => self.sections[attendance.section].site,
            Mode::Remote => attendance.site,
        }
    }

    /// Attendances of one student.
    pub fn attendances_of<'s>(
        &'s self,
        student: &'s str,
    ) -> impl Iterator<Item = &'s AttendanceView<'a>> + 's {
        self.attendances
            .iter()
            .filter(move |a| a.student == student)
    }
}

pub fn sort_by_time(slots: &mut [TimedSlot<'_>]) {
    slots.sort_by_key(|s| (s.day_order, s.start, s.end, s.id));
}

fn by_id<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a String) -> HashMap<&'a str, &'a T> {
    let mut map = HashMap::new();
    for item in items {
        map.entry(id(item).as_str()).or_insert(item);
    }
    map
}

type Distances<'a> = HashMap<&'a str, HashMap<&'a str, f64>>;

fn shortest(table: &Distances<'_>, from: &str, to: &str) -> Option<f64> {
    if from == to {
        return Some(0.0);
    }
    table.get(from)?.get(to).copied()
}

/// All-pairs shortest paths over the undirected roads, by minutes and by km.
fn road_tables(instance: &Instance) -> (Distances<'_>, Distances<'_>) {
    let network = &instance.road_network;
    let mut graph = UnGraph::<&str, (f64, f64)>::new_undirected();
    let index: HashMap<&str, NodeIndex> = network
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), graph.add_node(n.id.as_str())))
        .collect();
    for road in &network.roads {
        if let (Some(&a), Some(&b)) = (index.get(road.from.as_str()), index.get(road.to.as_str())) {
            graph.add_edge(a, b, (road.minutes.max(0.0), road.km.max(0.0)));
        }
    }
    let table = |weight: fn(&(f64, f64)) -> f64| -> Distances<'_> {
        index
            .iter()
            .map(|(&id, &start)| {
                let reached = dijkstra(&graph, start, None, |e| weight(e.weight()));
                let row = reached.into_iter().map(|(n, d)| (graph[n], d)).collect();
                (id, row)
            })
            .collect()
    };
    (table(|w| w.0), table(|w| w.1))
}
