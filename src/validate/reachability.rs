//! Whether the road network joins the places that matter: every site must be reachable
//! from every other (teachers drive between them, buses run between them), and each
//! student's home should reach some site. Connected components via petgraph's
//! union-find over the roads whose ends exist.

use std::collections::HashMap;

use petgraph::unionfind::UnionFind;

use super::context::{Context, entity};
use super::{Code, Diagnostic};

/// Component root of each node, by node position.
fn components(cx: &Context<'_>) -> UnionFind<usize> {
    let network = &cx.instance.road_network;
    let mut union_find = UnionFind::new(network.nodes.len());
    for road in &network.roads {
        if let (Some(a), Some(b)) = (cx.nodes.get(&road.from), cx.nodes.get(&road.to)) {
            union_find.union(a, b);
        }
    }
    union_find
}

/// The component holding the most sites (ties: the one of the earliest such site).
fn main_component(cx: &Context<'_>, union_find: &UnionFind<usize>) -> Option<usize> {
    let mut counts: HashMap<usize, (usize, usize)> = HashMap::new();
    for (s, site) in cx.instance.sites.iter().enumerate() {
        if let Some(node) = cx.nodes.get(&site.node) {
            let entry = counts.entry(union_find.find(node)).or_insert((0, s));
            entry.0 += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(_, (count, first_site))| (count, std::cmp::Reverse(first_site)))
        .map(|(root, _)| root)
}

pub fn check_e0602_site_unreachable(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let union_find = components(cx);
    let Some(main) = main_component(cx, &union_find) else {
        return;
    };
    for (s, site) in cx.instance.sites.iter().enumerate() {
        if let Some(node) = cx.nodes.get(&site.node)
            && union_find.find(node) != main
        {
            out.push(Diagnostic::new(
                Code::E0602SiteUnreachable,
                entity("site", &site.id),
                format!("sites[{s}].node"),
                format!(
                    "no road joins node {:?} to the nodes of the other sites",
                    site.node
                ),
                "add the roads that connect this site's node to the rest of the network",
            ));
        }
    }
}

pub fn check_w0006_home_unreachable(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let union_find = components(cx);
    let site_roots: Vec<usize> = cx
        .instance
        .sites
        .iter()
        .filter_map(|site| cx.nodes.get(&site.node))
        .map(|node| union_find.find(node))
        .collect();
    if site_roots.is_empty() {
        return;
    }
    for (s, student) in cx.instance.students.iter().enumerate() {
        if let Some(home) = cx.nodes.get(&student.home)
            && !site_roots.contains(&union_find.find(home))
        {
            out.push(Diagnostic::new(
                Code::W0006HomeUnreachable,
                entity("student", &student.id),
                format!("students[{s}].home"),
                format!("no road joins home node {:?} to any site", student.home),
                "add the roads from the student's home to the network; the student cannot travel to any lesson",
            ));
        }
    }
}
