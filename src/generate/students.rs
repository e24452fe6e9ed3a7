//! Students and their study plans: programme, school town, home, and requests.
//!
//! Why this comes before courses and teachers: the schools are sized to their
//! students' choices (as a real provider opens groups where there is demand), which is
//! what keeps a generated instance solvable at every size. Mandatory requests are made
//! only where a feasible plan is certain: a student has at most one, and it is for a
//! course that the student's own town offers to a group of at least `minSize` such
//! students (a lukio year's mandatory course, a vocational field's main unit).

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
    draw: &mut Draw,
) -> Vec<Planned> {
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
            _ => vocational_plan(p, programme, &field_shares, draw),
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

/// A vocational or double-degree student's plan: the field's main unit first.
fn vocational_plan(
    p: &Profile,
    programme: Programme,
    field_shares: &[f64],
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
        requests.push(request(unit, draw.int(v.unit_weight) as f64));
    }
    if programme == Programme::DoubleDegree {
        let pool = free_lukio_courses(p, 1);
        let k = draw.int(v.double_degree_lukio_courses) as usize;
        for course in draw.sample(&pool, k) {
            requests.push(request(course, v.double_degree_lukio_weight));
        }
    }
    (
        (requests, Vec::new()),
        Some(format!("field:{}", field.main_unit)),
    )
}
