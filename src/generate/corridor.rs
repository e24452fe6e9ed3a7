//! The road network: a corridor of towns along one main road (like road 21 up the
//! Tornio river), villages on the road between towns and on side roads off them.
//!
//! Why a corridor: the valley's settlement is a string of towns along one road, so
//! every trip between towns runs along it, and line buses serve it end to end. Each
//! village belongs to its nearest town (its school town); school buses join them.

use crate::instance::{Road, RoadNode};

use super::draw::{Draw, tenth};
use super::profile::CorridorProfile;

pub struct Town {
    pub node: String,
    pub name: String,
    /// Relative number of students living around the town.
    pub weight: f64,
}

pub struct Village {
    pub node: String,
    /// Index of the town whose schools the village's students attend.
    pub town: usize,
    /// Bus minutes from the village to its town.
    pub minutes_to_town: i64,
}

pub struct Corridor {
    pub nodes: Vec<RoadNode>,
    pub roads: Vec<Road>,
    pub towns: Vec<Town>,
    pub villages: Vec<Village>,
    /// The main road's nodes in order from the first town, with bus minutes from it.
    pub main_road: Vec<(String, i64)>,
}

impl Corridor {
    /// Bus minutes between two towns along the main road.
    pub fn town_minutes(&self, a: usize, b: usize) -> i64 {
        let at = |t: usize| {
            self.main_road
                .iter()
                .find(|(node, _)| *node == self.towns[t].node)
                .map_or(0, |&(_, m)| m)
        };
        (at(a) - at(b)).abs()
    }
}

/// Lays out `n_towns` towns with their villages.
pub fn build(p: &CorridorProfile, n_towns: usize, draw: &mut Draw) -> Corridor {
    let mut names = VillageNames::new(&p.village_names);
    let mut corridor = Corridor {
        nodes: Vec::new(),
        roads: Vec::new(),
        towns: Vec::new(),
        villages: Vec::new(),
        main_road: Vec::new(),
    };
    let mut offset = 0;
    for t in 0..n_towns {
        let town = &p.towns[t];
        corridor.nodes.push(node(&town.id, &town.name));
        corridor.main_road.push((town.id.clone(), offset));
        corridor.towns.push(Town {
            node: town.id.clone(),
            name: town.name.clone(),
            weight: if t == 0 {
                p.first_town_weight
            } else {
                draw.real(p.town_weight)
            },
        });
        for _ in 0..draw.int(p.side_villages_per_town) {
            let minutes = draw.int(p.side_road_minutes);
            let (id, name) = names.next();
            corridor.nodes.push(node(&id, &name));
            corridor.roads.push(road(&town.id, &id, minutes, p, draw));
            corridor.villages.push(Village {
                node: id,
                town: t,
                minutes_to_town: minutes,
            });
        }
        if t + 1 == n_towns {
            break;
        }
        let gap = draw.int(p.town_gap_minutes);
        let between = draw.int(p.villages_between_towns).min(gap - 1).max(0);
        let mut previous = (town.id.clone(), 0);
        for k in 1..=between {
            let at = gap * k / (between + 1);
            let (id, name) = names.next();
            corridor.nodes.push(node(&id, &name));
            corridor
                .roads
                .push(road(&previous.0, &id, at - previous.1, p, draw));
            corridor.main_road.push((id.clone(), offset + at));
            let (town, minutes) = if at * 2 <= gap {
                (t, at)
            } else {
                (t + 1, gap - at)
            };
            corridor.villages.push(Village {
                node: id.clone(),
                town,
                minutes_to_town: minutes,
            });
            previous = (id, at);
        }
        let next = &p.towns[t + 1].id;
        corridor
            .roads
            .push(road(&previous.0, next, gap - previous.1, p, draw));
        offset += gap;
    }
    corridor
}

fn node(id: &str, name: &str) -> RoadNode {
    RoadNode {
        id: id.to_owned(),
        name: name.to_owned(),
        lat: None,
        lon: None,
    }
}

fn road(from: &str, to: &str, minutes: i64, p: &CorridorProfile, draw: &mut Draw) -> Road {
    Road {
        from: from.to_owned(),
        to: to.to_owned(),
        minutes: minutes as f64,
        km: tenth(minutes as f64 * draw.real(p.km_per_minute)).max(0.1),
    }
}

/// Village names in the profile's order, numbered when the list runs out.
struct VillageNames<'a> {
    names: &'a [String],
    used: usize,
}

impl<'a> VillageNames<'a> {
    fn new(names: &'a [String]) -> Self {
        VillageNames { names, used: 0 }
    }

    fn next(&mut self) -> (String, String) {
        let base = &self.names[self.used % self.names.len()];
        let round = self.used / self.names.len();
        self.used += 1;
        let name = if round == 0 {
            base.clone()
        } else {
            format!("{base} {}", round + 1)
        };
        (slug(&name), name)
    }
}

/// A node id from a place name: lower case ASCII, "-" between words.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for ch in name.chars().flat_map(char::to_lowercase) {
        let ch = match ch {
            'ä' | 'å' => 'a',
            'ö' => 'o',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if !(ch == '-' && (out.is_empty() || out.ends_with('-'))) {
            out.push(ch);
        }
    }
    format!("v-{}", out.trim_end_matches('-'))
}
