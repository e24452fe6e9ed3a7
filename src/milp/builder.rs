//! The model builder: owns the variables and rows; one method per constraint family.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use good_lp::{
    Constraint, Expression, IntoAffineExpression, ProblemVariables, Variable, VariableDefinition,
    variable,
};

use super::columns::{AttendVar, PlacementVar, RideVar, StreamVar, timing_label};
pub use super::columns::{ModelSize, SectionSlot, section_slots};
use super::configs::CoursePlacements;
use super::flows::{
    DayFlow, DayFlows, ModelRows, Move, earliest_boundary_after, latest_boundary_before,
};
use super::scope::{Scope, StudentSubset};
use crate::model::{
    CourseIx, DayIx, Model, NodeIx, RoomIx, SiteIx, SlotIx, StudentIx, TeacherIx, TripIx,
};

/// One constraint family's method, as `add_every_family` runs them.
type AddFamily<'m> = fn(&mut Builder<'m>);

pub struct Builder<'m> {
    pub model: &'m Model,
    scope: Scope,
    /// Students' decisions (attendance, rides, optional runs) continuous: the model is
    /// then a relaxation, whose bound holds for the full model.
    relax_assignment: bool,
    /// The mandatory requests (student, request index) held mandatory; `None`: all.
    /// Explaining infeasibility drops some to find which cannot hold together.
    enforced: Option<BTreeSet<(StudentIx, usize)>>,
    /// Only these students are decided; `None`: all.
    subset: Option<StudentSubset>,
    pub courses: &'m [CoursePlacements],
    pub sections: Vec<SectionSlot>,
    vars: ProblemVariables,
    columns: HashMap<Variable, usize>,
    integer_columns: usize,
    rows: Vec<Constraint>,
    /// Emptied by `explain`, whose questions any plan answers.
    pub(crate) objective: Expression,
    pub placements: Vec<PlacementVar>,
    pub streams: Vec<StreamVar>,
    pub attends: Vec<AttendVar>,
    pub rides: Vec<RideVar>,
    pub runs: BTreeMap<(TripIx, DayIx), Variable>,
    /// Teachers' drive arcs, keyed by (teacher, day, arc number of that day's flow).
    pub drives: Vec<((TeacherIx, DayIx, usize), Variable)>,
    /// Columns named from the domain even in a release build (names cost time and
    /// memory, so only debug builds and model files have them).
    named: bool,
    /// Each constraint family's name and its first row, in order: rows are named
    /// `family.n` in model files.
    families: Vec<(&'static str, usize)>,
}

impl ModelRows for Builder<'_> {
    fn add_var(&mut self, def: VariableDefinition, name: impl FnOnce() -> String) -> Variable {
        Builder::add_var(self, def, name)
    }

    fn add_row(&mut self, row: Constraint) {
        Builder::add_row(self, row)
    }
}

/// A built model, ready for a solver, with the index needed to read a plan back.
pub struct BuiltModel<'m> {
    pub builder: Builder<'m>,
}

impl<'m> Builder<'m> {
    /// Builds the whole model for `scope`, over `placements` (every course's, from
    /// `configs::enumerate`, in course order: enumerated once by the caller and
    /// borrowed by every model built from them).
    pub fn build(
        model: &'m Model,
        placements: &'m [CoursePlacements],
        scope: Scope,
    ) -> BuiltModel<'m> {
        Self::build_with(model, placements, scope, false)
    }

    /// Builds the model for `scope`, with the assignment level continuous when
    /// `relax_assignment` (see the field of that name).
    pub fn build_with(
        model: &'m Model,
        placements: &'m [CoursePlacements],
        scope: Scope,
        relax_assignment: bool,
    ) -> BuiltModel<'m> {
        Self::new(model, placements, scope, relax_assignment, None, None).add_every_family()
    }

    /// The whole model with every column named from the domain, for a model file
    /// (`kopa export model`).
    pub fn build_named(model: &'m Model, placements: &'m [CoursePlacements]) -> BuiltModel<'m> {
        let mut b = Self::new(model, placements, Scope::Free, false, None, None);
        b.named = true;
        b.add_every_family()
    }

    /// The model for `scope` deciding only the students active in `subset`; the
    /// others' use of seats and buses is fixed (see [`StudentSubset`]). Its objective
    /// leaves out the others' costs, which do not change.
    pub fn build_for_students(
        model: &'m Model,
        placements: &'m [CoursePlacements],
        scope: Scope,
        subset: StudentSubset,
    ) -> BuiltModel<'m> {
        Self::new(model, placements, scope, false, None, Some(subset)).add_every_family()
    }

    /// The whole model with only the mandatory requests in `enforced` (student,
    /// request index) held mandatory; the others count as ordinary requests.
    pub fn build_enforcing(
        model: &'m Model,
        placements: &'m [CoursePlacements],
        enforced: BTreeSet<(StudentIx, usize)>,
    ) -> BuiltModel<'m> {
        Self::new(model, placements, Scope::Free, false, Some(enforced), None).add_every_family()
    }

    fn new(
        model: &'m Model,
        courses: &'m [CoursePlacements],
        scope: Scope,
        relax_assignment: bool,
        enforced: Option<BTreeSet<(StudentIx, usize)>>,
        subset: Option<StudentSubset>,
    ) -> Builder<'m> {
        let sections = section_slots(model);
        Builder {
            model,
            scope,
            relax_assignment,
            enforced,
            subset,
            courses,
            sections,
            vars: ProblemVariables::new(),
            columns: HashMap::new(),
            integer_columns: 0,
            rows: Vec::new(),
            objective: Expression::default(),
            placements: Vec::new(),
            streams: Vec::new(),
            attends: Vec::new(),
            rides: Vec::new(),
            runs: BTreeMap::new(),
            drives: Vec::new(),
            named: false,
            families: Vec::new(),
        }
    }

    /// Every constraint family, in order, each remembered by the first row it adds.
    fn add_every_family(mut self) -> BuiltModel<'m> {
        let families: [(&'static str, AddFamily<'m>); 8] = [
            ("section_placement", Self::add_section_placements),
            ("stream", Self::add_streams),
            ("room_clash", Self::add_room_clashes),
            ("teacher_clash_and_load", Self::add_teacher_clashes_and_load),
            ("site_stream_cap", Self::add_site_stream_caps),
            ("teacher_travel", Self::add_teacher_travel),
            ("student_attendance", Self::add_student_attendance),
            ("student_day", Self::add_student_days),
        ];
        for (name, add) in families {
            self.families.push((name, self.rows.len()));
            add(&mut self);
        }
        // Rows added later (`BuiltModel::pin`) are named after this last entry.
        self.families.push(("pin", self.rows.len()));
        BuiltModel { builder: self }
    }

    /// Whether `student`'s decisions are in this model.
    fn decides(&self, student: StudentIx) -> bool {
        self.subset.as_ref().is_none_or(|s| s.is_active(student))
    }

    pub(super) fn add_var(
        &mut self,
        def: VariableDefinition,
        name: impl FnOnce() -> String,
    ) -> Variable {
        let def = if self.named || cfg!(debug_assertions) {
            def.name(name())
        } else {
            def
        };
        if def.is_integer() {
            self.integer_columns += 1;
        }
        let var = self.vars.add(def);
        let column = self.columns.len();
        self.columns.insert(var, column);
        var
    }

    /// A 0/1 decision of the assignment level (continuous when relaxed).
    pub(super) fn assignment_variable(&self) -> VariableDefinition {
        if self.relax_assignment {
            variable().min(0).max(1)
        } else {
            variable().binary()
        }
    }

    pub(super) fn add_row(&mut self, row: Constraint) {
        self.rows.push(row);
    }

    /// Placements a section may take under the scope (all, one, or none).
    fn allowed_placements(&self, section: usize) -> Vec<usize> {
        let SectionSlot { course, .. } = self.sections[section];
        match self.scope.fixed(section, course) {
            None => (0..self.courses[course].placements.len()).collect(),
            Some(None) => Vec::new(),
            Some(Some(choice)) => vec![choice.placement],
        }
    }

    fn placement(&self, p: &PlacementVar) -> &super::configs::Placement {
        &self.courses[self.sections[p.section].course].placements[p.placement]
    }

    fn timing_slots(&self, section: usize, timing: usize) -> &[SlotIx] {
        &self.courses[self.sections[section].course].timings[timing].slots
    }

    /// Rule 4: a section opens with exactly one placement; k-th opens before (k+1)-th.
    fn add_section_placements(&mut self) {
        let mut open_of: Vec<Expression> = Vec::with_capacity(self.sections.len());
        for section in 0..self.sections.len() {
            let SectionSlot { course, k } = self.sections[section];
            let cost = self.model.courses[course].section_cost;
            let mut open = Expression::default();
            for placement in self.allowed_placements(section) {
                let (model, courses) = (self.model, self.courses);
                let var = self.add_var(variable().binary(), || {
                    let p = &courses[course].placements[placement];
                    format!(
                        "place[{}#{k},{},{},{},{}]",
                        model.courses[course].id,
                        timing_label(model, courses, course, p.timing),
                        model.sites[p.site].id,
                        model.rooms[p.room].id,
                        model.teachers[p.teacher].id
                    )
                });
                open += var;
                self.objective.add_mul(cost, var);
                self.placements.push(PlacementVar {
                    section,
                    placement,
                    var,
                });
            }
            self.add_row(open.clone().leq(1));
            if k > 0 && matches!(self.scope, Scope::Free) {
                self.add_row(open.clone().leq(open_of[section - 1].clone()));
            }
            open_of.push(open);
        }
    }

    /// Rule 5: a stream needs a remote-allowed course, a video sending room at another
    /// site, and one receiving video room per receiving site.
    fn add_streams(&mut self) {
        let (model, courses) = (self.model, self.courses);
        for section in 0..self.sections.len() {
            let SectionSlot { course, k } = self.sections[section];
            if !model.courses[course].remote_allowed {
                continue;
            }
            let fixed_rooms: Option<Vec<RoomIx>> = self
                .scope
                .fixed(section, course)
                .map(|choice| choice.map(|c| c.streams.clone()).unwrap_or_default());
            // (timing, send site) -> placement vars with a video sending room there.
            let mut senders: BTreeMap<(usize, SiteIx), Expression> = BTreeMap::new();
            for p in self.placements.iter().filter(|p| p.section == section) {
                let placement = self.placement(p);
                if model.rooms[placement.room].video {
                    *senders
                        .entry((placement.timing, placement.site))
                        .or_default() += p.var;
                }
            }
            let mut per_receiving_site: BTreeMap<SiteIx, Expression> = BTreeMap::new();
            for ((timing, send_site), sending) in senders {
                for room in 0..model.rooms.len() {
                    let r = &model.rooms[room];
                    let allowed = fixed_rooms
                        .as_ref()
                        .is_none_or(|rooms| rooms.contains(&room));
                    if !r.video || r.site == send_site || !model.room_fits(room, course) || !allowed
                    {
                        continue;
                    }
                    let var = self.add_var(variable().binary(), || {
                        format!(
                            "stream[{}#{k},{},{},{}]",
                            model.courses[course].id,
                            timing_label(model, courses, course, timing),
                            model.sites[send_site].id,
                            r.id
                        )
                    });
                    self.add_row(Expression::from(var).leq(sending.clone()));
                    *per_receiving_site.entry(r.site).or_default() += var;
                    self.streams.push(StreamVar {
                        section,
                        timing,
                        send_site,
                        room,
                        var,
                    });
                }
            }
            for (_, streams) in per_receiving_site {
                self.add_row(streams.leq(1));
            }
        }
    }

    /// Rule 1 for rooms: one section (sending or receiving) per room and slot.
    fn add_room_clashes(&mut self) {
        let mut use_of: BTreeMap<(RoomIx, SlotIx), Expression> = BTreeMap::new();
        for p in &self.placements {
            let placement = self.placement(p);
            for &slot in self.timing_slots(p.section, placement.timing) {
                *use_of.entry((placement.room, slot)).or_default() += p.var;
            }
        }
        for s in &self.streams {
            for &slot in self.timing_slots(s.section, s.timing) {
                *use_of.entry((s.room, slot)).or_default() += s.var;
            }
        }
        for (_, uses) in use_of {
            if term_count(&uses) > 1 {
                self.add_row(uses.leq(1));
            }
        }
    }

    /// Rules 1 and 3 for teachers: one section per slot, within the weekly load.
    fn add_teacher_clashes_and_load(&mut self) {
        let mut teaching: BTreeMap<(TeacherIx, SlotIx), Expression> = BTreeMap::new();
        let mut load: BTreeMap<TeacherIx, Expression> = BTreeMap::new();
        for p in &self.placements {
            let placement = self.placement(p);
            let slots = self.timing_slots(p.section, placement.timing);
            for &slot in slots {
                *teaching.entry((placement.teacher, slot)).or_default() += p.var;
            }
            load.entry(placement.teacher)
                .or_default()
                .add_mul(slots.len() as f64, p.var);
        }
        for (_, lessons) in teaching {
            if term_count(&lessons) > 1 {
                self.add_row(lessons.leq(1));
            }
        }
        for (teacher, lessons) in load {
            let cap = f64::from(self.model.teachers[teacher].max_lessons);
            self.add_row(lessons.leq(cap));
        }
    }

    /// Rule 5: streams a site sends or receives at once stay within its cap.
    fn add_site_stream_caps(&mut self) {
        let model = self.model;
        let mut at_site: BTreeMap<(SiteIx, SlotIx), Expression> = BTreeMap::new();
        // A section sending from a site counts once however many sites receive it.
        let mut sending: BTreeMap<(usize, usize, SiteIx), Vec<Variable>> = BTreeMap::new();
        for s in &self.streams {
            sending
                .entry((s.section, s.timing, s.send_site))
                .or_default()
                .push(s.var);
            for &slot in self.timing_slots(s.section, s.timing) {
                *at_site.entry((model.rooms[s.room].site, slot)).or_default() += s.var;
            }
        }
        for ((section, timing, site), streams) in sending {
            let SectionSlot { course, k } = self.sections[section];
            let (model, courses) = (self.model, self.courses);
            let sends = self.add_var(variable().min(0).max(1), || {
                format!(
                    "sends[{}#{k},{},{}]",
                    model.courses[course].id,
                    timing_label(model, courses, course, timing),
                    model.sites[site].id
                )
            });
            for stream in streams {
                self.add_row(Expression::from(stream).leq(sends));
            }
            for &slot in self.timing_slots(section, timing) {
                *at_site.entry((site, slot)).or_default() += sends;
            }
        }
        for ((site, _), streams) in at_site {
            self.add_row(streams.leq(f64::from(model.sites[site].max_streams)));
        }
    }

    /// Rule 3 (road time between lessons) and the teacher-km term: a day flow per
    /// teacher who may be at more than one road node.
    fn add_teacher_travel(&mut self) {
        let model = self.model;
        for teacher in 0..model.teachers.len() {
            let t = &model.teachers[teacher];
            let home = model.site_node(t.home_site);
            let mut nodes: Vec<NodeIx> = vec![home];
            for &site in &t.sites {
                let node = model.site_node(site);
                if !nodes.contains(&node) {
                    nodes.push(node);
                }
            }
            let mine: Vec<PlacementVar> = self
                .placements
                .iter()
                .filter(|p| self.placement(p).teacher == teacher)
                .copied()
                .collect();
            if nodes.len() < 2 || mine.is_empty() {
                continue;
            }
            for day in 0..model.days.len() {
                let day_slots = &model.days[day].slots;
                let taught: Vec<&PlacementVar> = mine
                    .iter()
                    .filter(|p| {
                        let pl = self.placement(p);
                        self.timing_slots(p.section, pl.timing)
                            .iter()
                            .any(|s| model.slots[*s].day == day)
                    })
                    .collect();
                if taught.is_empty() {
                    continue;
                }
                let starts: Vec<f64> = day_slots.iter().map(|&s| model.slots[s].start).collect();
                let ends: Vec<f64> = day_slots.iter().map(|&s| model.slots[s].end).collect();
                let m = day_slots.len();
                let mut moves = Vec::new();
                let mut km = Vec::new();
                for (from, &a) in nodes.iter().enumerate() {
                    for (to, &b) in nodes.iter().enumerate() {
                        if a == b {
                            continue;
                        }
                        let (Some(minutes), Some(dist)) =
                            (model.roads.minutes(a, b), model.roads.km(a, b))
                        else {
                            continue;
                        };
                        for leave_at in 0..=m {
                            let arrive_by = if leave_at == 0 || leave_at == m {
                                leave_at
                            } else {
                                (leave_at..m)
                                    .find(|&x| ends[leave_at - 1] + minutes <= starts[x])
                                    .unwrap_or(m)
                            };
                            moves.push(Move {
                                from,
                                leave_at,
                                to,
                                arrive_by,
                            });
                            km.push(dist);
                        }
                    }
                }
                let home_local = 0;
                let flow = self.add_day_flow(
                    &format!("{}@{}", t.id, model.days[day].id),
                    m,
                    nodes.len(),
                    home_local,
                    &moves,
                    variable().binary(),
                );
                for (i, (var, dist)) in flow.moves.iter().zip(&km).enumerate() {
                    self.objective
                        .add_mul(dist * model.weights.teacher_km, *var);
                    self.drives.push(((teacher, day, i), *var));
                }
                for p in taught {
                    let pl = self.placement(p);
                    let local = nodes
                        .iter()
                        .position(|&n| n == model.site_node(pl.site))
                        .unwrap_or(0);
                    for slot in self.timing_slots(p.section, pl.timing).to_vec() {
                        if model.slots[slot].day == day {
                            let stay = flow.stays[model.slots[slot].position][local];
                            self.add_row(Expression::from(p.var).leq(stay));
                        }
                    }
                }
            }
        }
    }

    /// Rules 2, 4, 5 and 7: who attends what, where; section sizes and room capacity;
    /// requests met or paid for.
    fn add_student_attendance(&mut self) {
        let (model, courses) = (self.model, self.courses);
        // (section, timing, site, remote) -> (linking expression, capacity expression).
        let mut places: BTreeMap<(usize, usize, SiteIx, bool), (Expression, Expression)> =
            BTreeMap::new();
        for p in &self.placements {
            let pl = self.placement(p);
            let cap = f64::from(model.rooms[pl.room].capacity);
            let entry = places
                .entry((p.section, pl.timing, pl.site, false))
                .or_default();
            entry.0 += p.var;
            entry.1.add_mul(cap, p.var);
        }
        for s in &self.streams {
            let site = model.rooms[s.room].site;
            let cap = f64::from(model.rooms[s.room].capacity);
            let entry = places.entry((s.section, s.timing, site, true)).or_default();
            entry.0 += s.var;
            entry.1.add_mul(cap, s.var);
        }
        let mut sections_of: BTreeMap<CourseIx, Vec<usize>> = BTreeMap::new();
        for (i, s) in self.sections.iter().enumerate() {
            sections_of.entry(s.course).or_default().push(i);
        }
        let mut seated: BTreeMap<(usize, usize, SiteIx, bool), Expression> = BTreeMap::new();
        let mut size: BTreeMap<usize, Expression> = BTreeMap::new();
        for student in 0..model.students.len() {
            if !self.decides(student) {
                continue;
            }
            let st = &model.students[student];
            let mut taken: BTreeMap<CourseIx, Expression> = BTreeMap::new();
            for request in &st.requests {
                for &course in &request.courses {
                    let mut attends = Expression::default();
                    for &section in sections_of.get(&course).map(Vec::as_slice).unwrap_or(&[]) {
                        let keys: Vec<(usize, usize, SiteIx, bool)> = places
                            .range((section, 0, 0, false)..=(section, usize::MAX, usize::MAX, true))
                            .map(|(k, _)| *k)
                            .collect();
                        for key in keys {
                            let (_, timing, site, remote) = key;
                            let k = self.sections[section].k;
                            let var = self.add_var(self.assignment_variable(), || {
                                format!(
                                    "attend[{},{}#{},{},{},{}]",
                                    st.id,
                                    model.courses[course].id,
                                    k,
                                    timing_label(model, courses, course, timing),
                                    model.sites[site].id,
                                    if remote { "remote" } else { "in-person" }
                                )
                            });
                            let link = places[&key].0.clone();
                            self.add_row(Expression::from(var).leq(link));
                            attends += var;
                            *seated.entry(key).or_default() += var;
                            *size.entry(section).or_default() += var;
                            if remote && model.courses[course].prefer_in_person {
                                let lessons = self.timing_slots(section, timing).len() as f64;
                                self.objective
                                    .add_mul(lessons * model.weights.remote_student_lesson, var);
                            }
                            self.attends.push(AttendVar {
                                student,
                                section,
                                timing,
                                site,
                                remote,
                                var,
                            });
                        }
                    }
                    taken.insert(course, attends);
                }
            }
            for (r, request) in st.requests.iter().enumerate() {
                let mut met = Expression::default();
                for course in &request.courses {
                    met += taken[course].clone();
                }
                self.add_row(met.clone().leq(1));
                let enforced = self
                    .enforced
                    .as_ref()
                    .is_none_or(|e| e.contains(&(student, r)));
                if request.mandatory && enforced {
                    self.add_row(met.clone().geq(1));
                }
                let price = request.weight * model.weights.unmet_request;
                self.objective += price;
                self.objective.add_mul(-price, met);
            }
        }
        if let Some(subset) = &self.subset {
            // The others' seats: a row for every place they use, even one no decided
            // student could take (their stream must then stay).
            for (key, &count) in &subset.seated {
                *seated.entry(*key).or_default() += f64::from(count);
            }
            for (&section, &count) in &subset.size {
                *size.entry(section).or_default() += f64::from(count);
            }
        }
        for (key, seats) in seated {
            // A place the others use that this model cannot open has no capacity.
            let capacity = places.get(&key).map(|p| p.1.clone()).unwrap_or_default();
            self.add_row(seats.leq(capacity));
        }
        let mut open: BTreeMap<usize, Expression> = BTreeMap::new();
        for p in &self.placements {
            *open.entry(p.section).or_default() += p.var;
        }
        for (section, open) in open {
            let course = &model.courses[self.sections[section].course];
            let students = size.remove(&section).unwrap_or_default();
            let (min, max) = (f64::from(course.min_size), f64::from(course.max_size));
            self.add_row(students.clone().leq(open.clone() * max));
            self.add_row(students.geq(open * min.max(1.0)));
        }
        // Students in a section this model cannot open: only the others can be there,
        // and they cannot stay.
        for (_, students) in size {
            self.add_row(students.leq(0));
        }
    }

    /// Rules 1 and 6 for students, and the travel, trip and idle-slot terms.
    fn add_student_days(&mut self) {
        let model = self.model;
        let mut by_student: Vec<Vec<AttendVar>> = vec![Vec::new(); model.students.len()];
        for a in &self.attends {
            by_student[a.student].push(*a);
        }
        let mut loads: BTreeMap<(TripIx, DayIx, usize), Expression> = BTreeMap::new();
        for (student, attends) in by_student.into_iter().enumerate() {
            let home = model.students[student].home;
            let mut nodes = vec![home];
            for a in &attends {
                let node = model.site_node(a.site);
                if !nodes.contains(&node) {
                    nodes.push(node);
                }
            }
            for day in 0..model.days.len() {
                let day_slots = &model.days[day].slots;
                let m = day_slots.len();
                // occupancy[b][local node]
                let mut occupancy: Vec<Vec<Expression>> =
                    vec![vec![Expression::default(); nodes.len()]; m];
                let mut any = false;
                for a in &attends {
                    let local = nodes
                        .iter()
                        .position(|&n| n == model.site_node(a.site))
                        .unwrap_or(0);
                    for &slot in self.timing_slots(a.section, a.timing) {
                        if model.slots[slot].day == day {
                            occupancy[model.slots[slot].position][local] += a.var;
                            any = true;
                        }
                    }
                }
                if !any {
                    continue;
                }
                if nodes.len() == 1 {
                    for per_node in &occupancy {
                        self.add_row(per_node[0].clone().leq(1));
                    }
                } else {
                    let flow = self.add_student_day_flow(student, day, &nodes, &mut loads);
                    for (b, per_node) in occupancy.iter().enumerate() {
                        for (n, occ) in per_node.iter().enumerate() {
                            if term_count(occ) > 0 {
                                self.add_row(occ.clone().leq(flow.stays[b][n]));
                            }
                        }
                    }
                    let name = format!("{}@{}", model.students[student].id, model.days[day].id);
                    self.add_visit_rule(&name, &flow, &occupancy, 0);
                }
                self.add_idle_slots(student, day, &occupancy);
            }
        }
        if let Some(subset) = &self.subset {
            for (key, &count) in &subset.load {
                *loads.entry(*key).or_default() += f64::from(count);
            }
        }
        for ((trip, day, _), load) in loads {
            let t = &model.trips[trip];
            let cap = f64::from(t.capacity);
            if t.optional {
                let run = self.run_var(trip, day);
                self.add_row(load.leq(Expression::from(run) * cap));
            } else {
                self.add_row(load.leq(cap));
            }
        }
    }

    fn run_var(&mut self, trip: TripIx, day: DayIx) -> Variable {
        if let Some(v) = self.runs.get(&(trip, day)) {
            return *v;
        }
        let model = self.model;
        let var = self.add_var(self.assignment_variable(), || {
            format!("run[{},{}]", model.trips[trip].id, model.days[day].id)
        });
        self.objective.add_mul(model.trips[trip].cost_per_run, var);
        self.runs.insert((trip, day), var);
        var
    }

    fn add_student_day_flow(
        &mut self,
        student: StudentIx,
        day: DayIx,
        nodes: &[NodeIx],
        loads: &mut BTreeMap<(TripIx, DayIx, usize), Expression>,
    ) -> DayFlow {
        let model = self.model;
        let day_slots = &model.days[day].slots;
        let starts: Vec<f64> = day_slots.iter().map(|&s| model.slots[s].start).collect();
        let ends: Vec<f64> = day_slots.iter().map(|&s| model.slots[s].end).collect();
        let buffer = model.transfer_buffer;
        let mut moves = Vec::new();
        let mut options = Vec::new();
        for (from, &a) in nodes.iter().enumerate() {
            for (to, &b) in nodes.iter().enumerate() {
                if a == b {
                    continue;
                }
                for option in model.rides(day, a, b) {
                    moves.push(Move {
                        from,
                        leave_at: latest_boundary_before(&ends, option.departure, buffer),
                        to,
                        arrive_by: earliest_boundary_after(&starts, option.arrival, buffer),
                    });
                    options.push(option);
                }
            }
        }
        let name = format!("{}@{}", model.students[student].id, model.days[day].id);
        let move_kind = self.assignment_variable();
        let flow = self.add_day_flow(&name, day_slots.len(), nodes.len(), 0, &moves, move_kind);
        for (option, &var) in options.iter().zip(&flow.moves) {
            self.objective.add_mul(
                option.ride_minutes() * model.weights.student_travel_minute,
                var,
            );
            if model.trips[option.trip].optional {
                let run = self.run_var(option.trip, day);
                self.add_row(Expression::from(var).leq(run));
            }
            for segment in option.board..option.alight {
                *loads.entry((option.trip, day, segment)).or_default() += var;
            }
            self.rides.push(RideVar {
                student,
                day,
                option: *option,
                var,
            });
        }
        flow
    }

    /// Idle slots: an empty slot with a lesson before and after it on the same day.
    fn add_idle_slots(&mut self, student: StudentIx, day: DayIx, occupancy: &[Vec<Expression>]) {
        let weight = self.model.weights.idle_slot;
        let m = occupancy.len();
        if weight <= 0.0 || m < 3 {
            return;
        }
        let occupied: Vec<Expression> = occupancy
            .iter()
            .map(|per_node| per_node.iter().cloned().sum())
            .collect();
        let name = format!(
            "{}@{}",
            self.model.students[student].id, self.model.days[day].id
        );
        // started[b] >= any lesson at or before b; continues[b] >= any lesson at or after b.
        let started: Vec<Variable> = (0..m)
            .map(|b| self.add_var(variable().min(0).max(1), || format!("started[{name},{b}]")))
            .collect();
        let continues: Vec<Variable> = (0..m)
            .map(|b| {
                self.add_var(variable().min(0).max(1), || {
                    format!("continues[{name},{b}]")
                })
            })
            .collect();
        for b in 0..m {
            self.add_row(occupied[b].clone().leq(started[b]));
            self.add_row(occupied[b].clone().leq(continues[b]));
            if b > 0 {
                self.add_row(Expression::from(started[b - 1]).leq(started[b]));
            }
            if b + 1 < m {
                self.add_row(Expression::from(continues[b + 1]).leq(continues[b]));
            }
        }
        for b in 1..m - 1 {
            let idle = self.add_var(variable().min(0), || format!("idle[{name},{b}]"));
            self.objective.add_mul(weight, idle);
            let lower =
                Expression::from(started[b - 1]) + continues[b + 1] - 1.0 - occupied[b].clone();
            self.add_row(Expression::from(idle).geq(lower));
        }
    }
}

impl<'m> BuiltModel<'m> {
    pub fn size(&self) -> ModelSize {
        ModelSize {
            variables: self.builder.columns.len(),
            integer_variables: self.builder.integer_columns,
            constraints: self.builder.rows.len(),
            is_estimate: false,
        }
    }

    /// Each variable's column (good_lp adds columns in creation order).
    pub fn columns(&self) -> &HashMap<Variable, usize> {
        &self.builder.columns
    }

    /// Pins each variable to its value (a row `var == value`; HiGHS's presolve removes
    /// them), for neighbourhoods that keep part of the incumbent as it is.
    pub fn pin(&mut self, values: &[(Variable, f64)]) {
        for &(var, value) in values {
            self.builder.add_row(Expression::from(var).eq(value));
        }
    }

    /// Each row's name, `family.n` (the n-th row that family added; rows pinned
    /// afterwards are `pin.n`).
    pub fn row_names(&self) -> Vec<String> {
        let b = &self.builder;
        let mut names = Vec::with_capacity(b.rows.len());
        for (i, &(family, start)) in b.families.iter().enumerate() {
            let end = b
                .families
                .get(i + 1)
                .map_or(b.rows.len(), |&(_, next)| next);
            names.extend((start..end).map(|row| format!("{family}.{}", row - start)));
        }
        names
    }

    /// Splits into what a solver needs: variables, objective, rows.
    pub fn into_parts(self) -> (ProblemVariables, Expression, Vec<Constraint>, Builder<'m>) {
        let mut builder = self.builder;
        let vars = std::mem::take(&mut builder.vars);
        let objective = std::mem::take(&mut builder.objective);
        let rows = std::mem::take(&mut builder.rows);
        (vars, objective, rows, builder)
    }
}

fn term_count(expression: &Expression) -> usize {
    expression.linear_coefficients().count()
}
