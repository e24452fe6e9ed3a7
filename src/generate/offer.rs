//! Which courses run where, and how many sections each may open: sized to demand.
//!
//! Why demand decides: a course offered everywhere with one section would leave big
//! towns' mandatory groups unplaceable, and one offered nowhere near its students is
//! noise. A town whose students request a course at least `minSize` times gets enough
//! sections for all of them; a course too rare for any single town runs at the town
//! that asks most, with sections for everyone (the others may take it by video or bus:
//! the sharing the valley plans for). Courses nobody requests are left out.
//!
//! Courses that carry mandatory requests (a lukio year's course, a field's main unit)
//! are split per town instead ("AI01-pello": Finnish 1 at Pello's lukio), as each
//! school runs its own groups of them: a mandatory student is then never counted into
//! a far town's section that no bus gets them to and back from in time.

use std::collections::BTreeMap;

use crate::instance::{Course, Programme};

use super::layout::SiteLayout;
use super::profile::Profile;
use super::students::Planned;

/// The sections a course may open at one site, with what staffing and rooms need.
pub struct Sections {
    pub course: String,
    pub site: usize,
    pub count: i64,
    /// Teachers are hired per site and group (a lukio subject or a vocational field).
    pub group: String,
    pub features: Vec<String>,
    /// Pattern kind ("bar" or a block kind).
    pub kind: String,
    pub lessons: i64,
}

pub struct Offer {
    pub courses: Vec<Course>,
    pub sections: Vec<Sections>,
}

/// Splits the courses that carry mandatory requests per town: the requests of a town
/// with at least `minSize` of them name the town's own copy (`{course}-{town}`),
/// those of other towns the copy of the town that asks most. Returns each copy's base
/// course and town.
pub fn localise(
    p: &Profile,
    town_ids: &[String],
    students: &mut [Planned],
) -> BTreeMap<String, (String, usize)> {
    let mut bases: Vec<(&str, i64)> = p
        .lukio
        .mandatory
        .iter()
        .map(|m| (m.course.as_str(), p.lukio.min_size))
        .collect();
    for field in &p.vocational.fields {
        bases.push((field.main_unit.as_str(), p.vocational.min_size));
    }
    let mut copies = BTreeMap::new();
    for (base, min) in bases {
        let mut per_town: BTreeMap<usize, i64> = BTreeMap::new();
        for planned in students.iter() {
            if planned.student.requests.iter().any(|r| r.course == base) {
                *per_town.entry(planned.town).or_default() += 1;
            }
        }
        let Some((&fallback, _)) = per_town
            .iter()
            .filter(|&(_, &d)| d >= min)
            .max_by_key(|&(&t, &d)| (d, std::cmp::Reverse(t)))
        else {
            continue;
        };
        for planned in students.iter_mut() {
            let own = per_town.get(&planned.town).copied().unwrap_or(0);
            let town = if own >= min { planned.town } else { fallback };
            for r in planned
                .student
                .requests
                .iter_mut()
                .filter(|r| r.course == base)
            {
                let id = format!("{base}-{}", town_ids[town]);
                r.course = id.clone();
                copies.insert(id, (base.to_owned(), town));
            }
        }
    }
    copies
}

/// Requests (single and one-of) per course and town.
fn demand(students: &[Planned]) -> BTreeMap<(&str, usize), i64> {
    let mut out = BTreeMap::new();
    for planned in students {
        let s = &planned.student;
        let courses = s.requests.iter().map(|r| r.course.as_str()).chain(
            s.one_of
                .iter()
                .flat_map(|g| g.courses.iter().map(String::as_str)),
        );
        for course in courses {
            *out.entry((course, planned.town)).or_default() += 1;
        }
    }
    out
}

/// Sections per candidate site: enough for every town that reaches `min`, else all of
/// it at the town that asks most; empty if nobody asks.
fn sections_by_site(per_town: &[(usize, i64)], min: i64, cap: i64) -> Vec<(usize, i64)> {
    let ceil = |d: i64| (d + cap - 1) / cap;
    let local: Vec<(usize, i64)> = per_town
        .iter()
        .filter(|&&(_, d)| d >= min)
        .map(|&(site, d)| (site, ceil(d)))
        .collect();
    if !local.is_empty() {
        return local;
    }
    let total: i64 = per_town.iter().map(|&(_, d)| d).sum();
    let Some(&(site, _)) = per_town
        .iter()
        .filter(|&&(_, d)| d > 0)
        .max_by_key(|&&(site, d)| (d, std::cmp::Reverse(site)))
    else {
        return Vec::new();
    };
    vec![(site, ceil(total))]
}

/// The courses a profile course becomes: itself, or its per-town copies (id, name
/// suffix, town).
fn variants(
    base: &str,
    copies: &BTreeMap<String, (String, usize)>,
    town_names: &[String],
) -> Vec<(String, String, Option<usize>)> {
    let own: Vec<_> = copies
        .iter()
        .filter(|(_, (b, _))| b == base)
        .map(|(id, &(_, town))| (id.clone(), format!(" ({})", town_names[town]), Some(town)))
        .collect();
    if own.is_empty() {
        vec![(base.to_owned(), String::new(), None)]
    } else {
        own
    }
}

pub fn offer(
    p: &Profile,
    layout: &SiteLayout,
    students: &[Planned],
    copies: &BTreeMap<String, (String, usize)>,
    town_names: &[String],
) -> Offer {
    let demand = demand(students);
    // Demand per candidate site; a per-town copy gathers all its requests at its town.
    let per_town =
        |course: &str, only: Option<usize>, towns: usize, site_of: &dyn Fn(usize) -> usize| {
            let of = |t: usize| demand.get(&(course, t)).copied().unwrap_or(0);
            match only {
                Some(town) => vec![(site_of(town), (0..layout.towns).map(of).sum())],
                None => (0..towns).map(|t| (site_of(t), of(t))).collect::<Vec<_>>(),
            }
        };
    let grid = &p.time_grid;
    let bar_lessons = grid.bars.iter().map(|b| b.slots.len()).max().unwrap_or(0) as i64;
    let mut out = Offer {
        courses: Vec::new(),
        sections: Vec::new(),
    };
    let l = &p.lukio;
    for c in &l.courses {
        let room = if c.features.is_empty() {
            p.rooms.classroom_capacity[0]
        } else {
            p.rooms.lab_capacity
        };
        let cap = l.max_size.min(room);
        for (id, suffix, only) in variants(&c.id, copies, town_names) {
            let towns = per_town(&id, only, layout.towns, &|t| layout.lukio(t));
            let by_site = sections_by_site(&towns, l.min_size, cap);
            if by_site.is_empty() {
                continue;
            }
            out.courses.push(Course {
                id: id.clone(),
                name: format!("{}{suffix}", c.name),
                programme: Programme::Lukio,
                lessons_per_week: None,
                pattern_kind: Some("bar".to_owned()),
                features: c.features.clone(),
                min_size: l.min_size,
                max_size: l.max_size,
                max_sections: by_site.iter().map(|&(_, n)| n).sum(),
                sites: by_site
                    .iter()
                    .map(|&(s, _)| layout.ids[s].clone())
                    .collect(),
                remote_allowed: c.remote_allowed,
                prefer_in_person: c.remote_allowed && c.prefer_in_person,
                section_cost: bar_lessons as f64 * l.lesson_cost,
            });
            out.sections
                .extend(by_site.iter().map(|&(site, count)| Sections {
                    course: id.clone(),
                    site,
                    count,
                    group: c.subject.clone(),
                    features: c.features.clone(),
                    kind: "bar".to_owned(),
                    lessons: bar_lessons,
                }));
        }
    }
    let v = &p.vocational;
    for u in &v.units {
        let lessons = grid
            .blocks
            .iter()
            .filter(|b| b.kind == u.kind)
            .map(|b| b.slots.len())
            .max()
            .unwrap_or(0) as i64;
        for (id, suffix, only) in variants(&u.id, copies, town_names) {
            let towns = per_town(&id, only, layout.vocational_towns, &|t| {
                layout.vocational(t)
            });
            let by_site = sections_by_site(&towns, v.min_size, u.max_size);
            if by_site.is_empty() {
                continue;
            }
            out.courses.push(Course {
                id: id.clone(),
                name: format!("{}{suffix}", u.name),
                programme: Programme::Vocational,
                lessons_per_week: None,
                pattern_kind: Some(u.kind.clone()),
                features: u.features.clone(),
                min_size: v.min_size,
                max_size: u.max_size,
                max_sections: by_site.iter().map(|&(_, n)| n).sum(),
                sites: by_site
                    .iter()
                    .map(|&(s, _)| layout.ids[s].clone())
                    .collect(),
                remote_allowed: u.remote_allowed,
                prefer_in_person: false,
                section_cost: lessons as f64 * v.lesson_cost,
            });
            out.sections
                .extend(by_site.iter().map(|&(site, count)| Sections {
                    course: id.clone(),
                    site,
                    count,
                    group: u.field.clone(),
                    features: u.features.clone(),
                    kind: u.kind.clone(),
                    lessons,
                }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::sections_by_site;

    #[test]
    fn towns_at_min_size_get_their_own_sections() {
        assert_eq!(
            sections_by_site(&[(0, 31), (1, 5), (2, 4)], 5, 30),
            vec![(0, 2), (1, 1)]
        );
    }

    #[test]
    fn a_rare_course_runs_where_most_ask() {
        assert_eq!(sections_by_site(&[(0, 2), (1, 3)], 5, 30), vec![(1, 1)]);
        assert_eq!(sections_by_site(&[(0, 0), (1, 0)], 5, 30), vec![]);
    }
}
