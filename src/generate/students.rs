//! Students and their study plans: programme, school town, home, and requests.
//!
//! Why this comes before courses and teachers: the schools are sized to their
//! students' choices (as a real provider opens groups where there is demand), which is
//! what keeps a generated instance solvable at every size. Mandatory requests are made
//! only where a feasible plan is certain: a student has at most one, and it is for a
//! course that the student's own town offers to a group of at least `minSize` such
//! students (a lukio year's mandatory course, a vocational field's main unit).
//!
//! A study plan is signed only if it fits one week (a guidance counsellor would not sign
//! one that cannot): by default a drawn unit or double-degree lukio course is kept only
//! if the student's requests kept so far, with it, can take patterns of their kinds
//! without two sharing a slot (`fits_week`; bars and half-day blocks overlap in time).
//! With `oversubscribed` every drawn request is kept, as the generator did before, for
//! stress tests. Either way the random stream is the same, so both modes draw the same
//! students, homes and wishes.

use std::collections::BTreeMap;

use crate::instance::{OneOfRequest, Programme, Request, Student};

use super::corridor::Corridor;
use super::draw::Draw;
use super::profile::Profile;

/// A student as generated, with what sizing the schools needs to know.
pub struct Planned {
    pub student: Student,
    /// Index of the town whose schools the student attends.
    pub town: usize,
}

/// Draws `n` students; vocational and double-degree students live around the first
/// `vocational_towns` towns (the towns with a vocational site).
pub fn draw_students(
    p: &Profile,
    corridor: &Corridor,
    vocational_towns: usize,
    n: usize,
    oversubscribed: bool,
    draw: &mut Draw,
) -> Vec<Planned> {
    let week = Week::new(p);
    let shares = [
        p.programmes.lukio,
        p.programmes.vocational,
        p.programmes.double_degree,
    ];
    let all_weights: Vec<f64> = corridor.towns.iter().map(|t| t.weight).collect();
    let mut vocational_weights = all_weights.clone();
    for w in vocational_weights.iter_mut().skip(vocational_towns) {
        *w = 0.0;
    }
    let field_shares: Vec<f64> = p.vocational.fields.iter().map(|f| f.share).collect();
    let width = n.to_string().len().max(3);
    let mut out = Vec::with_capacity(n);
    // Group keys for the mandatory rule, counted before requests are marked mandatory.
    let mut groups: BTreeMap<(usize, String), usize> = BTreeMap::new();
    let mut keys = Vec::with_capacity(n);
    for i in 0..n {
        let mut programme = match draw.weighted(&shares) {
            0 => Programme::Lukio,
            1 => Programme::Vocational,
            _ => Programme::DoubleDegree,
        };
        if vocational_towns == 0 {
            programme = Programme::Lukio;
        }
        let town = if programme == Programme::Lukio {
            draw.weighted(&all_weights)
        } else {
            draw.weighted(&vocational_weights)
        };
        let home = home_of(p, corridor, town, draw);
        let (student, key) = match programme {
            Programme::Lukio => lukio_plan(p, draw),
            _ => vocational_plan(p, programme, &field_shares, &week, oversubscribed, draw),
        };
        let student = Student {
            id: format!("s{:0width$}", i + 1),
            home,
            programme,
            requests: student.0,
            one_of: student.1,
        };
        if let Some(key) = &key {
            *groups.entry((town, key.clone())).or_default() += 1;
        }
        keys.push(key);
        out.push(Planned { student, town });
    }
    for (planned, key) in out.iter_mut().zip(keys) {
        let Some(key) = key else { continue };
        let min = if planned.student.programme == Programme::Lukio {
            p.lukio.min_size
        } else {
            p.vocational.min_size
        };
        if groups[&(planned.town, key)] as i64 >= min
            && let Some(first) = planned.student.requests.first_mut()
        {
            first.mandatory = true;
        }
    }
    out
}

fn home_of(p: &Profile, corridor: &Corridor, town: usize, draw: &mut Draw) -> String {
    let villages: Vec<&str> = corridor
        .villages
        .iter()
        .filter(|v| v.town == town)
        .map(|v| v.node.as_str())
        .collect();
    if !villages.is_empty() && draw.chance(p.corridor.village_home_share) {
        villages[draw.below(villages.len())].to_owned()
    } else {
        corridor.towns[town].node.clone()
    }
}

type Plan = (Vec<Request>, Vec<OneOfRequest>);

fn request(course: &str, weight: f64) -> Request {
    Request {
        course: course.to_owned(),
        weight,
        mandatory: false,
    }
}

/// Lukio courses of `year` that a student may pick freely: not a year's mandatory
/// course, not part of a one-of group.
fn free_lukio_courses(p: &Profile, year: i64) -> Vec<&str> {
    let l = &p.lukio;
    l.courses
        .iter()
        .filter(|c| c.year == year)
        .filter(|c| !l.mandatory.iter().any(|m| m.course == c.id))
        .filter(|c| !l.one_of.iter().any(|g| g.courses.contains(&c.id)))
        .map(|c| c.id.as_str())
        .collect()
}

/// A lukio student's plan; the key names the mandatory candidate (its request first).
fn lukio_plan(p: &Profile, draw: &mut Draw) -> (Plan, Option<String>) {
    let l = &p.lukio;
    let year = 1 + draw.below(l.years as usize) as i64;
    let mut requests = Vec::new();
    let mut key = None;
    if let Some(m) = l.mandatory.iter().find(|m| m.year == year) {
        requests.push(request(&m.course, l.mandatory_weight));
        key = Some(format!("lukio:{}", m.course));
    }
    let pool = free_lukio_courses(p, year);
    let k = draw.int(l.requests_per_student) as usize;
    for course in draw.sample(&pool, k) {
        requests.push(request(course, draw.int(l.request_weight) as f64));
    }
    let one_of = l
        .one_of
        .iter()
        .filter(|g| g.year == year)
        .map(|g| OneOfRequest {
            id: g.id.clone(),
            courses: g.courses.clone(),
            weight: g.weight,
            mandatory: false,
        })
        .collect();
    ((requests, one_of), key)
}

/// The profile's week as patterns by kind, each a set of slot ids.
struct Week {
    patterns: BTreeMap<String, Vec<Vec<String>>>,
}

impl Week {
    fn new(p: &Profile) -> Self {
        let g = &p.time_grid;
        let mut patterns: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
        for b in &g.bars {
            patterns
                .entry("bar".to_owned())
                .or_default()
                .push(b.slots.clone());
        }
        for b in &g.blocks {
            patterns
                .entry(b.kind.clone())
                .or_default()
                .push(b.slots.clone());
        }
        Self { patterns }
    }

    /// Whether requests of these pattern kinds can each take a pattern of its kind with
    /// no two sharing a slot. Exact: a search over the patterns (a handful per kind).
    fn fits(&self, kinds: &[&str]) -> bool {
        fn place(week: &Week, kinds: &[&str], used: &mut Vec<String>) -> bool {
            let Some((kind, rest)) = kinds.split_first() else {
                return true;
            };
            for pattern in week.patterns.get(*kind).into_iter().flatten() {
                if pattern.iter().any(|s| used.contains(s)) {
                    continue;
                }
                let before = used.len();
                used.extend(pattern.iter().cloned());
                if place(week, rest, used) {
                    return true;
                }
                used.truncate(before);
            }
            false
        }
        place(self, kinds, &mut Vec::new())
    }
}

/// The pattern kind of a unit or lukio course of the profile (lukio courses sit in bars).
fn kind_of<'a>(p: &'a Profile, course: &str) -> &'a str {
    p.vocational
        .units
        .iter()
        .find(|u| u.id == course)
        .map_or("bar", |u| u.kind.as_str())
}

/// Adds `wish` to `requests` unless the plan would no longer fit the week (or
/// `oversubscribed`, which keeps every wish).
fn keep_if_it_fits(
    p: &Profile,
    week: &Week,
    oversubscribed: bool,
    requests: &mut Vec<Request>,
    wish: Request,
) {
    let mut kinds: Vec<&str> = requests.iter().map(|r| kind_of(p, &r.course)).collect();
    kinds.push(kind_of(p, &wish.course));
    if oversubscribed || week.fits(&kinds) {
        requests.push(wish);
    }
}

/// A vocational or double-degree student's plan: the field's main unit first.
fn vocational_plan(
    p: &Profile,
    programme: Programme,
    field_shares: &[f64],
    week: &Week,
    oversubscribed: bool,
    draw: &mut Draw,
) -> (Plan, Option<String>) {
    let v = &p.vocational;
    let field = &v.fields[draw.weighted(field_shares)];
    let mut requests = vec![request(&field.main_unit, v.mandatory_weight)];
    let pool: Vec<&str> = v
        .units
        .iter()
        .filter(|u| u.id != field.main_unit)
        .filter(|u| u.field == field.id || u.field == v.common_field)
        .map(|u| u.id.as_str())
        .collect();
    let k = draw.int(v.units_per_student) as usize;
    for unit in draw.sample(&pool, k) {
        let wish = request(unit, draw.int(v.unit_weight) as f64);
        keep_if_it_fits(p, week, oversubscribed, &mut requests, wish);
    }
    if programme == Programme::DoubleDegree {
        let pool = free_lukio_courses(p, 1);
        let k = draw.int(v.double_degree_lukio_courses) as usize;
        for course in draw.sample(&pool, k) {
            let wish = request(course, v.double_degree_lukio_weight);
            keep_if_it_fits(p, week, oversubscribed, &mut requests, wish);
        }
    }
    (
        (requests, Vec::new()),
        Some(format!("field:{}", field.main_unit)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{ROAD21_PATH, ROAD21_PROFILE, read_profile_str};

    fn road21() -> Profile {
        read_profile_str(ROAD21_PROFILE, std::path::Path::new(ROAD21_PATH)).expect("road21")
    }

    /// Counted by hand on road21's week: a morning block covers the slots of two bars
    /// (1, 2 or 6, 7), an afternoon block three (3, 4, 5) or five (1-4, 8).
    #[test]
    fn the_week_holds_two_blocks_of_a_kind_and_the_bars_they_leave_free() {
        let week = Week::new(&road21());
        let am = "blockAm";
        let pm = "blockPm";
        let bar = "bar";
        assert!(week.fits(&[am, am, pm, pm]));
        assert!(!week.fits(&[am, am, am]));
        assert!(!week.fits(&[pm, pm, pm]));
        assert!(week.fits(&[bar; 8]));
        assert!(!week.fits(&[bar; 9]));
        // Two mornings leave bars 3, 4, 5, 8.
        assert!(week.fits(&[am, am, bar, bar, bar, bar]));
        assert!(!week.fits(&[am, am, bar, bar, bar, bar, bar]));
        // A morning and an afternoon leave at most three bars (am-MonWed + pm-MonWed: 6-8).
        assert!(week.fits(&[am, pm, bar, bar, bar]));
        assert!(!week.fits(&[am, pm, bar, bar, bar, bar]));
        // Both afternoons leave bars 6 and 7 only (pm-TueThu covers 1-4 and 8, pm-MonWed 5).
        assert!(week.fits(&[pm, pm, bar, bar]));
        assert!(!week.fits(&[pm, pm, bar, bar, bar]));
    }

    /// Every vocational and double-degree plan drawn by default fits the week, and
    /// `oversubscribed` draws the same students with every wish kept (some over-full).
    #[test]
    fn default_plans_fit_the_week_and_oversubscribed_keeps_every_wish() {
        let p = road21();
        let corridor = super::super::corridor::build(&p.corridor, 3, &mut Draw::new(5));
        let week = Week::new(&p);
        let fitting = draw_students(&p, &corridor, 2, 400, false, &mut Draw::new(5));
        let full = draw_students(&p, &corridor, 2, 400, true, &mut Draw::new(5));
        let kinds = |s: &Student| -> Vec<&str> {
            s.requests.iter().map(|r| kind_of(&p, &r.course)).collect()
        };
        let mut over = 0;
        for (a, b) in fitting.iter().zip(&full) {
            let (a, b) = (&a.student, &b.student);
            assert_eq!((&a.id, &a.home, a.programme), (&b.id, &b.home, b.programme));
            assert!(week.fits(&kinds(a)), "{} does not fit", a.id);
            // The fitting plan is the full one with some wishes left out, in order.
            let mut rest = b.requests.iter();
            for r in &a.requests {
                assert!(rest.any(|x| x.course == r.course), "{}: {}", a.id, r.course);
            }
            if !week.fits(&kinds(b)) {
                over += 1;
                assert!(a.requests.len() < b.requests.len(), "{}", a.id);
            }
        }
        assert!(over > 0, "the full plans include over-full ones");
    }
}
