//! Where each road node lies along the valley, in km: the axis of the bus chart, on
//! which a trip's stops are drawn at their road position the way railway planners
//! draw a line's stations. The valley is (nearly) one road with side branches, so the
//! axis runs from one end of the network's longest shortest path (found by two
//! sweeps of Dijkstra) and a node's position is its road distance from that end; a
//! side branch's village lands beyond the junction, at its distance.

use std::collections::HashMap;

use petgraph::algo::dijkstra;
use petgraph::graph::{NodeIndex, UnGraph};

use crate::instance::Instance;

/// Km from the axis's end for every node that can be reached from `start` (or from
/// the first node when `start` is not in the network).
pub fn road_positions(instance: &Instance, start: Option<&str>) -> HashMap<String, f64> {
    let nodes = &instance.road_network.nodes;
    let mut graph: UnGraph<(), f64> = UnGraph::default();
    let index: HashMap<&str, NodeIndex> = nodes
        .iter()
        .map(|n| (n.id.as_str(), graph.add_node(())))
        .collect();
    for road in &instance.road_network.roads {
        if let (Some(&a), Some(&b)) = (index.get(road.from.as_str()), index.get(road.to.as_str())) {
            graph.add_edge(a, b, road.km.max(0.0));
        }
    }
    let Some(&first) = start
        .and_then(|s| index.get(s))
        .or_else(|| nodes.first().and_then(|n| index.get(n.id.as_str())))
    else {
        return HashMap::new();
    };
    let farthest = |from: NodeIndex| {
        let distances = dijkstra(&graph, from, None, |e| *e.weight());
        let end = distances
            .iter()
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.index().cmp(&a.0.index())))
            .map_or(from, |(n, _)| *n);
        (end, distances)
    };
    let (end, _) = farthest(first);
    let (_, distances) = farthest(end);
    nodes
        .iter()
        .filter_map(|n| {
            let at = distances.get(index.get(n.id.as_str())?)?;
            Some((n.id.clone(), *at))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::instance::read_instance;

    #[test]
    fn road_21_runs_from_one_end_to_the_other() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let instance = read_instance(&root.join("instances/tornio-valley/tornio-valley.json"))
            .expect("the shipped instance reads");
        let at = road_positions(&instance, Some("tornio"));
        // Orajärvi (beyond Pello) and Tornio are the two ends; the towns between lie
        // in road order.
        let order = [
            "tornio",
            "karunki",
            "ylitornio",
            "juoksenki",
            "turtola",
            "pello",
        ];
        let km: Vec<f64> = order.iter().map(|n| at[*n]).collect();
        assert!(km.windows(2).all(|w| (w[0] - w[1]).abs() > 1.0), "{km:?}");
        let increasing = km.windows(2).all(|w| w[0] < w[1]);
        let decreasing = km.windows(2).all(|w| w[0] > w[1]);
        assert!(increasing || decreasing, "{km:?}");
    }
}
