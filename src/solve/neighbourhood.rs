//! What a large-neighbourhood round frees: which courses, or which students, or (in a
//! region) which section it adds or closes.
//!
//! Freeing courses at random finds the easy gains and then stalls (measured on the
//! Tornio valley: no gain after about two minutes with 2-3 random courses free). Most
//! of the objective there is unmet requests, and a request goes unmet because its
//! course's sections sit where the student is busy or cannot travel. So besides random
//! courses, a round frees courses *related* to each other through students: the course
//! of an unmet request together with what that student attends (the lessons in the
//! way), or a course together with the courses most often requested beside it. Moving
//! those together is what a single free course cannot do.
//!
//! A course can also stay unopened because every teacher qualified for it teaches
//! something else at the only times its students have free; opening it takes a chain
//! of teachers handing courses on (seen on the Tornio valley: YTO-COMM's two teachers
//! both busy in the morning block its takers need, one of their courses teachable by a
//! third who teaches nothing). A *shared teacher* neighbourhood frees the course of an
//! unmet request together with the courses its qualified teachers can teach, and
//! theirs in turn, so the chain can move in one round.
//!
//! Some courses stay unopened although their waiting students would pay for a
//! section: opening one moves what holds its teacher, its takers and its rooms in one
//! round. A *course to open* neighbourhood frees exactly those ([`course_to_open`]).

mod course_to_open;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::construct;
use super::context::SolveContext;
use super::incumbent::Current;
use super::rng::SplitMix64;
use crate::milp::Timetable;
use crate::model::{CourseIx, Model, SiteIx, SlotIx, Timing};
use crate::solution::Solution;
use course_to_open::draw_course_to_open;

/// Students re-planned together by a `Students` neighbourhood (a tuning choice).
const STUDENT_GROUP: usize = 30;
/// A course neighbourhood that would re-plan more students than this becomes a group
/// of students instead (a tuning choice: on gen-500, freeing 2 courses re-plans 40-140
/// students and HiGHS found nothing better in 10 s; groups of 30 solve in 1-2 s;
/// Tornio's course neighbourhoods re-plan 4-31).
const MAX_DECIDED: usize = 60;

/// How a neighbourhood picks its courses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Courses drawn uniformly.
    Random,
    /// A course whose unmet requests would pay for a section of it (drawn by what
    /// they would pay beyond its cost), then in turn the courses its waiting students
    /// attend at times it could take, the open courses sharing a qualified teacher
    /// with it and those holding a room at its sites then (see
    /// [`draw_course_to_open`]).
    CourseToOpen,
    /// The course of an unmet request (drawn by weight), then the courses sharing a
    /// qualified teacher with it, then those sharing one with them, and so on.
    SharedTeacher,
    /// The course of an unmet request (drawn by weight), then the courses the student
    /// attends, then courses co-requested with it.
    UnmetRequest,
    /// A course drawn uniformly, then courses drawn with a bias to those most often
    /// requested by the same students.
    Related,
    /// No course: the timetable stays, and a group of students is re-planned (see
    /// [`draw_students`]).
    Students,
    /// A section added to the timetable for unmet requests
    /// (`construct::add_sections_for_unmet`), and the students it is for. Drawn in a
    /// region in place of an unmet-request neighbourhood too large to solve.
    NewSection,
    /// One of the smallest open sections closed, and its students re-planned without
    /// it. Drawn in a region in place of a related-courses neighbourhood too large to
    /// solve.
    CloseSection,
}

/// Every kind, in the order rounds cycle through them.
pub const KINDS: [Kind; 6] = [
    Kind::UnmetRequest,
    Kind::Students,
    Kind::SharedTeacher,
    Kind::CourseToOpen,
    Kind::Related,
    Kind::Random,
];

/// What the draws need to know about the instance: fixed for a search.
pub struct Relatedness {
    /// `together[a][b]`: students requesting both course a and course b.
    together: Vec<Vec<u32>>,
    /// `colleagues[a]`: the other courses some teacher qualified for course a can
    /// teach, in index order.
    colleagues: Vec<Vec<CourseIx>>,
    /// `requesters[c]`: the students with a request (or one-of group) naming course c.
    requesters: Vec<Vec<usize>>,
    /// `slots[c]`: the slots some timing of course c uses (every slot for a course
    /// that chooses its own).
    slots: Vec<BTreeSet<usize>>,
    course_by_id: HashMap<String, CourseIx>,
    site_by_id: HashMap<String, SiteIx>,
    slot_by_id: HashMap<String, SlotIx>,
}

impl Relatedness {
    pub fn new(model: &Model) -> Self {
        let n = model.courses.len();
        let mut together = vec![vec![0u32; n]; n];
        let mut requesters = vec![Vec::new(); n];
        for (s, student) in model.students.iter().enumerate() {
            let requested: BTreeSet<CourseIx> = student
                .requests
                .iter()
                .flat_map(|r| r.courses.iter().copied())
                .collect();
            for &a in &requested {
                requesters[a].push(s);
                for &b in &requested {
                    if a != b {
                        together[a][b] += 1;
                    }
                }
            }
        }
        let mut colleagues = vec![BTreeSet::new(); n];
        for teacher in &model.teachers {
            for &a in &teacher.can_teach {
                for &b in &teacher.can_teach {
                    if a != b {
                        colleagues[a].insert(b);
                    }
                }
            }
        }
        let slots = model
            .courses
            .iter()
            .map(|course| match &course.timing {
                Timing::Pattern(patterns) => patterns
                    .iter()
                    .flat_map(|&p| model.patterns[p].slots.iter().copied())
                    .collect(),
                Timing::FreeSlots(_) => (0..model.slots.len()).collect(),
            })
            .collect();
        Relatedness {
            together,
            colleagues: colleagues
                .into_iter()
                .map(|c| c.into_iter().collect())
                .collect(),
            requesters,
            slots,
            course_by_id: index_by_id(model.courses.iter().map(|c| &c.id)),
            site_by_id: index_by_id(model.sites.iter().map(|s| &s.id)),
            slot_by_id: index_by_id(model.slots.iter().map(|s| &s.id)),
        }
    }
}

/// Each id's position among `ids`.
fn index_by_id<'a>(ids: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
    ids.enumerate().map(|(ix, id)| (id.clone(), ix)).collect()
}

/// The incumbent seen by the draws: who attends what, and which requests are unmet.
pub struct Incumbent {
    /// Per student (model order): the courses attended.
    attended: Vec<BTreeSet<CourseIx>>,
    /// (student, request index, weight) of every unmet request.
    unmet: Vec<(usize, usize, f64)>,
    /// Per course: the (site, slot) pairs where its sections hold a room, sending or
    /// receiving a stream.
    holds: Vec<BTreeSet<(SiteIx, SlotIx)>>,
}

impl Incumbent {
    /// `sections` maps a plan's section id to its course id; `student_ix` a student's
    /// id to its position (`SectionIndex::students`).
    pub fn new(
        model: &Model,
        related: &Relatedness,
        plan: &Solution,
        sections: &HashMap<String, String>,
        student_ix: &HashMap<&str, usize>,
    ) -> Self {
        let mut attended = vec![BTreeSet::new(); model.students.len()];
        for plan in &plan.students {
            let Some(&s) = student_ix.get(plan.student.as_str()) else {
                continue;
            };
            for attendance in &plan.sections {
                if let Some(course) = sections
                    .get(&attendance.section)
                    .and_then(|id| related.course_by_id.get(id))
                {
                    attended[s].insert(*course);
                }
            }
        }
        let mut unmet = Vec::new();
        for (s, student) in model.students.iter().enumerate() {
            for (r, request) in student.requests.iter().enumerate() {
                if !request.courses.iter().any(|c| attended[s].contains(c)) {
                    unmet.push((s, r, request.weight));
                }
            }
        }
        let mut holds = vec![BTreeSet::new(); model.courses.len()];
        for section in &plan.sections {
            let Some(&course) = related.course_by_id.get(&section.course) else {
                continue;
            };
            let sites =
                std::iter::once(&section.site).chain(section.streams.iter().map(|s| &s.site));
            for site in sites.filter_map(|s| related.site_by_id.get(s)) {
                for slot in section
                    .slots
                    .iter()
                    .filter_map(|s| related.slot_by_id.get(s))
                {
                    holds[course].insert((*site, *slot));
                }
            }
        }
        Incumbent {
            attended,
            unmet,
            holds,
        }
    }
}

/// A group of up to `size` students to re-plan with the timetable fixed: a student
/// with an unmet request (drawn by weight), the students living at the same road node
/// (they share buses and seats), then the students attending what the first one
/// asked for in vain (they hold the seats), then anyone. With courses free a
/// neighbourhood re-plans everyone who asked for them, which in a region is hundreds
/// of students; this keeps rounds small where the greedy assignment leaves most to
/// gain.
pub fn draw_students(
    model: &Model,
    incumbent: &Incumbent,
    rng: &mut SplitMix64,
    size: usize,
) -> Vec<bool> {
    let n = model.students.len();
    let mut chosen = vec![false; n];
    let mut count = 0;
    let mut take = |s: usize, chosen: &mut Vec<bool>| {
        if count < size && !chosen[s] {
            chosen[s] = true;
            count += 1;
        }
    };
    let seed = match draw_unmet(incumbent, rng) {
        Some((student, _)) => Some(student),
        None if n > 0 => Some(rng.below(n)),
        None => None,
    };
    if let Some(seed) = seed {
        take(seed, &mut chosen);
        let home = model.students[seed].home;
        let neighbours: Vec<usize> = (0..n)
            .filter(|&s| s != seed && model.students[s].home == home)
            .collect();
        for s in rng.sample(&neighbours, neighbours.len()) {
            take(s, &mut chosen);
        }
        let wanted: BTreeSet<CourseIx> = model.students[seed]
            .requests
            .iter()
            .flat_map(|r| r.courses.iter().copied())
            .filter(|c| !incumbent.attended[seed].contains(c))
            .collect();
        let holders: Vec<usize> = (0..n)
            .filter(|&s| incumbent.attended[s].iter().any(|c| wanted.contains(c)))
            .collect();
        for s in rng.sample(&holders, holders.len()) {
            take(s, &mut chosen);
        }
    }
    let everyone: Vec<usize> = (0..n).collect();
    for s in rng.sample(&everyone, n) {
        take(s, &mut chosen);
    }
    chosen
}

/// Draws up to `size` courses of kind `kind`.
pub fn draw(
    kind: Kind,
    model: &Model,
    related: &Relatedness,
    incumbent: &Incumbent,
    rng: &mut SplitMix64,
    size: usize,
) -> BTreeSet<CourseIx> {
    let all: Vec<CourseIx> = (0..model.courses.len()).collect();
    let size = size.min(all.len());
    let mut chosen = BTreeSet::new();
    match kind {
        Kind::Random => {}
        Kind::Students | Kind::NewSection | Kind::CloseSection => return chosen,
        Kind::UnmetRequest => {
            if let Some((student, request)) = draw_unmet(incumbent, rng) {
                let courses = &model.students[student].requests[request].courses;
                let seed = courses[rng.below(courses.len())];
                chosen.insert(seed);
                let attended: Vec<CourseIx> = incumbent.attended[student].iter().copied().collect();
                for c in rng.sample(&attended, attended.len()) {
                    if chosen.len() >= size {
                        break;
                    }
                    chosen.insert(c);
                }
                add_related(&mut chosen, seed, related, rng, size);
            }
        }
        Kind::CourseToOpen => {
            if !draw_course_to_open(&mut chosen, model, related, incumbent, rng, size) {
                return draw(Kind::UnmetRequest, model, related, incumbent, rng, size);
            }
        }
        Kind::SharedTeacher => {
            if let Some((student, request)) = draw_unmet(incumbent, rng) {
                let courses = &model.students[student].requests[request].courses;
                let seed = courses[rng.below(courses.len())];
                add_colleagues(&mut chosen, seed, related, rng, size);
            }
        }
        Kind::Related => {
            let seed = all[rng.below(all.len())];
            chosen.insert(seed);
            add_related(&mut chosen, seed, related, rng, size);
        }
    }
    // Fill up (and cover kinds that found nothing to focus on) with random courses.
    for c in rng.sample(&all, all.len()) {
        if chosen.len() >= size {
            break;
        }
        chosen.insert(c);
    }
    chosen
}

/// An unmet request drawn with probability proportional to its weight.
fn draw_unmet(incumbent: &Incumbent, rng: &mut SplitMix64) -> Option<(usize, usize)> {
    if incumbent.unmet.is_empty() {
        return None;
    }
    let weights: Vec<f64> = incumbent.unmet.iter().map(|u| u.2).collect();
    let drawn = rng
        .weighted(&weights)
        .unwrap_or_else(|| rng.below(incumbent.unmet.len()));
    let (s, r, _) = incumbent.unmet[drawn];
    Some((s, r))
}

/// Adds `seed`, then the courses sharing a qualified teacher with it, then theirs, in
/// rings outward (each ring in random order) until `size`.
fn add_colleagues(
    chosen: &mut BTreeSet<CourseIx>,
    seed: CourseIx,
    related: &Relatedness,
    rng: &mut SplitMix64,
    size: usize,
) {
    chosen.insert(seed);
    let mut ring = vec![seed];
    while chosen.len() < size && !ring.is_empty() {
        let next: BTreeSet<CourseIx> = ring
            .iter()
            .flat_map(|&c| related.colleagues[c].iter().copied())
            .filter(|c| !chosen.contains(c))
            .collect();
        let next: Vec<CourseIx> = next.into_iter().collect();
        ring = rng.sample(&next, next.len());
        for &c in &ring {
            if chosen.len() >= size {
                break;
            }
            chosen.insert(c);
        }
    }
}

/// Adds courses co-requested with `seed` until `size`, biased to the most related:
/// from the list sorted by relatedness, index `floor(u^3 * len)` for uniform `u`.
fn add_related(
    chosen: &mut BTreeSet<CourseIx>,
    seed: CourseIx,
    related: &Relatedness,
    rng: &mut SplitMix64,
    size: usize,
) {
    let mut candidates: Vec<CourseIx> = (0..related.together.len())
        .filter(|&c| related.together[seed][c] > 0 && !chosen.contains(&c))
        .collect();
    // Stable order: most related first, ties by index.
    candidates.sort_by_key(|&c| (std::cmp::Reverse(related.together[seed][c]), c));
    while chosen.len() < size && !candidates.is_empty() {
        let u = rng.next_u64() as f64 / u64::MAX as f64;
        let pick = ((u * u * u) * candidates.len() as f64) as usize;
        let c = candidates.remove(pick.min(candidates.len() - 1));
        chosen.insert(c);
    }
}

/// One neighbourhood of a round: what it frees and whom it re-plans.
pub(crate) struct Neighbourhood {
    pub kind: Kind,
    /// Courses whose sections are free (empty: the timetable stays).
    pub free_courses: BTreeSet<usize>,
    /// The students re-planned (`None`: everyone who asks for a free course).
    pub group: Option<Vec<bool>>,
    /// A timetable in place of the incumbent's (a region's section added or closed).
    pub timetable: Option<Timetable>,
}

/// The `width` neighbourhoods of `round`, drawn in a fixed order from `rng`: kinds in
/// turn from [`KINDS`], `free_count` courses each, a course neighbourhood that would
/// re-plan too many students becoming a timetable move or a group of students.
pub(crate) fn draw_round(
    ctx: &SolveContext<'_>,
    related: &Relatedness,
    current: &Current,
    round: usize,
    width: usize,
    free_count: usize,
    rng: &mut SplitMix64,
) -> Vec<Neighbourhood> {
    let model = ctx.model;
    let plan = &current.plan;
    let section_course: HashMap<String, String> = plan
        .sections
        .iter()
        .map(|s| (s.id.clone(), s.course.clone()))
        .collect();
    let incumbent = Incumbent::new(
        model,
        related,
        plan,
        &section_course,
        &ctx.sections.students,
    );
    let mut region_moves = RegionMoves::default();
    let students = |kind: Kind, rng: &mut SplitMix64| Neighbourhood {
        kind,
        free_courses: BTreeSet::new(),
        group: Some(draw_students(model, &incumbent, rng, STUDENT_GROUP)),
        timetable: None,
    };
    (0..width)
        .map(|i| {
            let kind = KINDS[(round + i) % KINDS.len()];
            if kind == Kind::Students {
                return students(kind, rng);
            }
            let free = draw(kind, model, related, &incumbent, rng, free_count);
            // In a region, freeing a course re-plans hundreds of students: a
            // group of students is the neighbourhood that still solves quickly.
            let concerned = model
                .students
                .iter()
                .filter(|s| {
                    s.requests
                        .iter()
                        .any(|r| r.courses.iter().any(|c| free.contains(c)))
                })
                .count();
            if concerned > MAX_DECIDED {
                if let Some((kind, group, timetable)) =
                    timetable_move(kind, ctx, current, &mut region_moves, rng)
                {
                    return Neighbourhood {
                        kind,
                        free_courses: BTreeSet::new(),
                        group: Some(group),
                        timetable: Some(timetable),
                    };
                }
                return students(Kind::Students, rng);
            }
            Neighbourhood {
                kind,
                free_courses: free,
                group: None,
                timetable: None,
            }
        })
        .collect()
}

/// What the timetable moves of one round need of the incumbent, found when first
/// needed: each student's sections, and the sections its unmet requests are worth.
#[derive(Default)]
struct RegionMoves {
    attended: Option<Vec<Vec<usize>>>,
    additions: Option<Vec<construct::AddedSection>>,
}

/// In a region, a neighbourhood that changes the timetable, in place of a course
/// neighbourhood of `kind` too large to solve: for an unmet request, a section added
/// (the only way a region's timetable grows) with the students it is for, when one is
/// worth it; for related courses, one of the smallest sections closed, its students
/// re-planned without it. Returns the kind drawn, the students to re-plan and the
/// timetable, or `None` for a plain group of students.
fn timetable_move(
    kind: Kind,
    ctx: &SolveContext<'_>,
    incumbent: &Current,
    moves: &mut RegionMoves,
    rng: &mut SplitMix64,
) -> Option<(Kind, Vec<bool>, Timetable)> {
    let model = ctx.model;
    let sections = &ctx.sections;
    let attended = || sections.attended(&incumbent.plan);
    match kind {
        Kind::UnmetRequest | Kind::CourseToOpen => {
            let attended = moves.attended.get_or_insert_with(attended);
            let added = moves.additions.get_or_insert_with(|| {
                construct::add_sections_for_unmet(
                    model,
                    &ctx.placements,
                    &sections.numbering,
                    &incumbent.timetable,
                    attended,
                )
            });
            if added.is_empty() {
                return None;
            }
            let section = &added[rng.below(added.len())];
            let mut timetable = incumbent.timetable.clone();
            timetable.sections[section.index] = Some(section.choice.clone());
            let mut group = vec![false; model.students.len()];
            for &s in &section.students {
                group[s] = true;
            }
            Some((Kind::NewSection, group, timetable))
        }
        Kind::Related => {
            let attended = moves.attended.get_or_insert_with(attended);
            let index = smallest_section(attended, rng)?;
            let mut timetable = incumbent.timetable.clone();
            timetable.sections[index] = None;
            let group = attended.iter().map(|s| s.contains(&index)).collect();
            Some((Kind::CloseSection, group, timetable))
        }
        _ => None,
    }
}

/// A section drawn among the quarter of open sections with the fewest students
/// (`attended[s]`: student s's sections), or `None` when no section is open.
fn smallest_section(attended: &[Vec<usize>], rng: &mut SplitMix64) -> Option<usize> {
    let mut size: BTreeMap<usize, usize> = BTreeMap::new();
    for &index in attended.iter().flatten() {
        *size.entry(index).or_default() += 1;
    }
    let mut open: Vec<(usize, usize)> = size.into_iter().map(|(i, n)| (n, i)).collect();
    open.sort_unstable();
    let smallest = &open[..open.len().div_ceil(4)];
    (!smallest.is_empty()).then(|| smallest[rng.below(smallest.len())].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn related(together: Vec<Vec<u32>>) -> Relatedness {
        let n = together.len();
        Relatedness {
            together,
            colleagues: vec![Vec::new(); n],
            requesters: vec![Vec::new(); n],
            slots: vec![BTreeSet::new(); n],
            course_by_id: HashMap::new(),
            site_by_id: HashMap::new(),
            slot_by_id: HashMap::new(),
        }
    }

    #[test]
    fn colleagues_come_in_rings_of_shared_teachers() {
        // Teachers: one for courses 0 and 1, one for 1 and 2, one for 2 and 4; course
        // 3 shares no teacher. From course 0, ring one is {1}, ring two {2}, ring
        // three {4}; 3 never comes.
        let mut r = related(vec![vec![0; 5]; 5]);
        r.colleagues = vec![vec![1], vec![0, 2], vec![1, 4], vec![], vec![2]];
        for seed in 0..20 {
            let mut rng = SplitMix64::new(seed);
            let mut chosen = BTreeSet::new();
            add_colleagues(&mut chosen, 0, &r, &mut rng, 3);
            assert_eq!(chosen, BTreeSet::from([0, 1, 2]));
            let mut all = BTreeSet::new();
            add_colleagues(&mut all, 0, &r, &mut rng, 5);
            assert_eq!(all, BTreeSet::from([0, 1, 2, 4]), "the chain ends at 4");
        }
    }

    #[test]
    fn related_courses_come_before_unrelated_ones() {
        // Course 0 is requested with 1 by many students, never with 2 or 3.
        let r = related(vec![
            vec![0, 9, 0, 0],
            vec![9, 0, 0, 0],
            vec![0, 0, 0, 1],
            vec![0, 0, 1, 0],
        ]);
        for seed in 0..20 {
            let mut rng = SplitMix64::new(seed);
            let mut chosen = BTreeSet::from([0]);
            add_related(&mut chosen, 0, &r, &mut rng, 3);
            assert_eq!(chosen, BTreeSet::from([0, 1]), "seed {seed}");
        }
    }

    #[test]
    fn unmet_requests_are_drawn_by_weight() {
        let incumbent = Incumbent {
            attended: vec![BTreeSet::new(); 2],
            unmet: vec![(0, 0, 0.0), (1, 3, 5.0)],
            holds: Vec::new(),
        };
        for seed in 0..50 {
            let mut rng = SplitMix64::new(seed);
            assert_eq!(draw_unmet(&incumbent, &mut rng), Some((1, 3)));
        }
        let none = Incumbent {
            attended: Vec::new(),
            unmet: Vec::new(),
            holds: Vec::new(),
        };
        assert_eq!(draw_unmet(&none, &mut SplitMix64::new(1)), None);
    }

    /// Eight open sections of 1 to 8 students (one empty entry, one student in two):
    /// only the two smallest (a quarter) are ever drawn.
    #[test]
    fn the_section_to_close_is_among_the_smallest_quarter() {
        let mut attended: Vec<Vec<usize>> = vec![Vec::new()];
        for section in 0..8 {
            for _ in 0..=section {
                attended.push(vec![section]);
            }
        }
        attended.push(vec![6, 7]);
        let mut rng = SplitMix64::new(7);
        let drawn: BTreeSet<usize> = (0..200)
            .filter_map(|_| smallest_section(&attended, &mut rng))
            .collect();
        assert_eq!(drawn, BTreeSet::from([0, 1]));
        assert_eq!(smallest_section(&[Vec::new()], &mut rng), None);
    }
}
