//! Sites and rooms: a lukio in every town, a vocational unit in the first towns, and
//! rooms enough for the sections the demand implies.
//!
//! Why rooms follow the offer: sections of one site spread over the bars (or blocks),
//! so a site needs about (sections / patterns of that kind) rooms of each feature set,
//! times the profile's slack; video rooms come on top, from the profile, for the
//! remote teaching every site may send or receive.

use std::collections::BTreeMap;

use crate::instance::{Room, Site};

use super::corridor::Corridor;
use super::draw::Draw;
use super::layout::SiteLayout;
use super::offer::Sections;
use super::profile::Profile;

pub fn sites(p: &Profile, layout: &SiteLayout, corridor: &Corridor) -> Vec<Site> {
    (0..layout.ids.len())
        .map(|s| {
            let town = &corridor.towns[layout.town_of(s)];
            let (kind, streams) = if layout.is_lukio(s) {
                ("lukio", p.sites.lukio_max_streams)
            } else {
                ("vocational unit", p.sites.vocational_max_streams)
            };
            Site {
                id: layout.ids[s].clone(),
                name: format!("{} {kind}", town.name),
                municipality: town.name.clone(),
                node: town.node.clone(),
                max_streams: streams,
            }
        })
        .collect()
}

/// Patterns of each kind in the grid ("bar" and the block kinds).
fn patterns_of_kind(p: &Profile) -> BTreeMap<&str, usize> {
    let mut out = BTreeMap::new();
    for pattern in p.time_grid.bars.iter().chain(&p.time_grid.blocks) {
        *out.entry(pattern.kind.as_str()).or_default() += 1;
    }
    out.insert("bar", p.time_grid.bars.len());
    out
}

pub fn rooms(
    p: &Profile,
    layout: &SiteLayout,
    sections: &[Sections],
    draw: &mut Draw,
) -> Vec<Room> {
    let kinds = patterns_of_kind(p);
    let mut rooms = Vec::new();
    for site in 0..layout.ids.len() {
        let id = &layout.ids[site];
        // Concurrent sections per feature set: sections / patterns, summed over kinds.
        let mut load: BTreeMap<Vec<String>, f64> = BTreeMap::new();
        load.insert(Vec::new(), 0.0);
        for s in sections.iter().filter(|s| s.site == site) {
            let patterns = kinds.get(s.kind.as_str()).copied().unwrap_or(1).max(1);
            *load.entry(s.features.clone()).or_default() += s.count as f64 / patterns as f64;
        }
        for (features, concurrent) in load {
            let count = ((concurrent * p.rooms.room_slack).ceil() as usize).max(1);
            let tag = features.first().map_or("room", String::as_str);
            for k in 1..=count {
                let capacity = capacity(p, layout.is_lukio(site), &features, draw);
                rooms.push(Room {
                    id: format!("{id}-{tag}{k}"),
                    site: id.clone(),
                    capacity,
                    features: features.clone(),
                    video: false,
                });
            }
        }
        let video = if layout.is_lukio(site) {
            &p.rooms.lukio_video_rooms
        } else {
            &p.rooms.vocational_video_rooms
        };
        for (k, &seats) in video.iter().enumerate() {
            rooms.push(Room {
                id: format!("{id}-video{}", k + 1),
                site: id.clone(),
                capacity: seats,
                features: Vec::new(),
                video: true,
            });
        }
    }
    rooms
}

/// Seats of a room with `features`: a drawn classroom size or the lab size at a lukio;
/// at a vocational site, the largest group a unit needing exactly these features takes.
fn capacity(p: &Profile, lukio: bool, features: &[String], draw: &mut Draw) -> i64 {
    if lukio {
        return if features.is_empty() {
            draw.int(p.rooms.classroom_capacity)
        } else {
            p.rooms.lab_capacity
        };
    }
    p.vocational
        .units
        .iter()
        .filter(|u| u.features == features)
        .map(|u| u.max_size)
        .max()
        .unwrap_or(p.rooms.classroom_capacity[0])
}
