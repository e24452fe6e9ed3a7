//! Teachers: hired per site and subject (lukio) or field (vocational), as many as the
//! sections there need, with qualifications, loads, sharing and unavailability.
//!
//! Why this count: a group of teachers must cover its sections' lessons within their
//! load caps (times the profile's slack, which also absorbs unavailable slots), and no
//! teacher can hold two sections of one pattern kind in the same pattern, so the group
//! has at least (sections of a kind / patterns of that kind) teachers.

use std::collections::BTreeMap;

use crate::instance::Teacher;

use super::draw::Draw;
use super::layout::SiteLayout;
use super::offer::{Offer, Sections};
use super::profile::Profile;

#[derive(Default)]
struct Need {
    lessons: i64,
    /// Sections per pattern kind.
    sections: BTreeMap<String, i64>,
}

pub fn teachers(
    p: &Profile,
    layout: &SiteLayout,
    offer: &Offer,
    copies: &BTreeMap<String, (String, usize)>,
    draw: &mut Draw,
) -> Vec<Teacher> {
    let mut needs: BTreeMap<(usize, &str), Need> = BTreeMap::new();
    for s in &offer.sections {
        let need = needs.entry((s.site, s.group.as_str())).or_default();
        need.lessons += s.count * s.lessons;
        *need.sections.entry(s.kind.clone()).or_default() += s.count;
    }
    let slots: Vec<(String, usize)> = p
        .time_grid
        .days
        .iter()
        .map(|d| (d.id.clone(), d.slots))
        .collect();
    let mut out = Vec::new();
    for ((site, group), need) in &needs {
        let lukio = layout.is_lukio(*site);
        let load = if lukio {
            p.teachers.lukio_load
        } else {
            p.teachers.vocational_load
        };
        let by_load = (need.lessons as f64 * p.teachers.staffing_slack / load as f64).ceil() as i64;
        let by_patterns = need
            .sections
            .iter()
            .map(|(kind, &n)| {
                let patterns = pattern_count(p, kind).max(1) as i64;
                (n + patterns - 1) / patterns
            })
            .max()
            .unwrap_or(1);
        // Teachers beyond the firm need may have unavailable slots: the firm ones alone
        // cover every lesson and pattern, so unavailability never makes a plan impossible.
        let firm = ((need.lessons + load - 1) / load).max(by_patterns).max(1);
        let can_teach = group_courses(&offer.sections, group, lukio, *site, copies);
        for k in 1..=by_load.max(firm) {
            let home = layout.ids[*site].clone();
            let mut sites = vec![home.clone()];
            if lukio && layout.towns > 1 && draw.chance(p.teachers.shared_share) {
                let town = layout.town_of(*site);
                let neighbour = if town + 1 < layout.towns {
                    town + 1
                } else {
                    town - 1
                };
                sites.push(layout.ids[layout.lukio(neighbour)].clone());
            }
            let mut unavailable = Vec::new();
            if k > firm && draw.chance(p.teachers.unavailable_share) {
                let (day, n_slots) = &slots[draw.below(slots.len())];
                let len = (draw.int(p.teachers.unavailable_slots) as usize).min(*n_slots);
                if len > 0 {
                    let first = draw.below(n_slots - len + 1);
                    unavailable.extend((first..first + len).map(|i| format!("{day}{}", i + 1)));
                }
            }
            out.push(Teacher {
                id: format!("t-{home}-{group}-{k}"),
                name: String::new(),
                home_site: home,
                can_teach: can_teach.clone(),
                sites,
                unavailable,
                max_lessons_per_week: load,
            });
        }
    }
    out
}

fn pattern_count(p: &Profile, kind: &str) -> usize {
    if kind == "bar" {
        return p.time_grid.bars.len();
    }
    p.time_grid.blocks.iter().filter(|b| b.kind == kind).count()
}

/// The offered courses of a group, of the same programme, in offer order; of the
/// per-town copies (`offer::localise`) only those of the teacher's own site.
fn group_courses(
    sections: &[Sections],
    group: &str,
    lukio: bool,
    site: usize,
    copies: &BTreeMap<String, (String, usize)>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in sections
        .iter()
        .filter(|s| s.group == group && (s.kind == "bar") == lukio)
        .filter(|s| s.site == site || !copies.contains_key(&s.course))
    {
        if !out.contains(&s.course) {
            out.push(s.course.clone());
        }
    }
    out
}
