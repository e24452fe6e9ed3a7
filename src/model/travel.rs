//! Travel precomputed once: road times and distances between every pair of nodes
//! (petgraph's Dijkstra over the undirected road graph), and the rides bus trips offer.

use petgraph::algo::dijkstra;
use petgraph::graph::{NodeIndex, UnGraph};

use super::{DayIx, Model, NodeIx, TripIx};

/// Shortest road minutes and km between all pairs of nodes, each minimised on its own.
#[derive(Debug, Clone)]
pub struct RoadTable {
    minutes: Vec<Vec<Option<f64>>>,
    km: Vec<Vec<Option<f64>>>,
}

impl RoadTable {
    /// `roads`: (from, to, minutes, km), usable both ways.
    pub fn new(node_count: usize, roads: &[(NodeIx, NodeIx, f64, f64)]) -> RoadTable {
        let all_pairs = |weight: fn(&(NodeIx, NodeIx, f64, f64)) -> f64| {
            let mut graph = UnGraph::<(), f64>::with_capacity(node_count, roads.len());
            for _ in 0..node_count {
                graph.add_node(());
            }
            for road in roads {
                graph.add_edge(NodeIndex::new(road.0), NodeIndex::new(road.1), weight(road));
            }
            (0..node_count)
                .map(|from| {
                    let reached = dijkstra(&graph, NodeIndex::new(from), None, |e| *e.weight());
                    (0..node_count)
                        .map(|to| reached.get(&NodeIndex::new(to)).copied())
                        .collect()
                })
                .collect()
        };
        RoadTable {
            minutes: all_pairs(|r| r.2),
            km: all_pairs(|r| r.3),
        }
    }

    /// Fastest driving time, or `None` when no road connects the nodes.
    pub fn minutes(&self, from: NodeIx, to: NodeIx) -> Option<f64> {
        self.minutes[from][to]
    }

    /// Shortest distance, or `None` when no road connects the nodes.
    pub fn km(&self, from: NodeIx, to: NodeIx) -> Option<f64> {
        self.km[from][to]
    }
}

/// One ride a trip offers: board at stop `board`, alight at the later stop `alight`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TripOption {
    pub trip: TripIx,
    pub board: usize,
    pub alight: usize,
    pub departure: f64,
    pub arrival: f64,
}

impl TripOption {
    pub fn ride_minutes(&self) -> f64 {
        self.arrival - self.departure
    }
}

impl Model {
    /// Every ride from `from` to `to` on `day` (optional trips included: whether they
    /// run is the plan's decision).
    pub fn rides(&self, day: DayIx, from: NodeIx, to: NodeIx) -> Vec<TripOption> {
        let mut options = Vec::new();
        for (trip_ix, trip) in self.trips.iter().enumerate() {
            if !trip.days.contains(&day) {
                continue;
            }
            let board = trip.stops.iter().position(|s| s.node == from);
            let alight = trip.stops.iter().position(|s| s.node == to);
            if let (Some(board), Some(alight)) = (board, alight)
                && board < alight
            {
                options.push(TripOption {
                    trip: trip_ix,
                    board,
                    alight,
                    departure: trip.stops[board].time,
                    arrival: trip.stops[alight].time,
                });
            }
        }
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_paths_minimise_minutes_and_km_separately() {
        // 0 -1- 1 -1- 2 is fast but long; 0 -- 2 directly is slow but short.
        let table = RoadTable::new(
            4,
            &[(0, 1, 10.0, 20.0), (1, 2, 10.0, 20.0), (0, 2, 30.0, 25.0)],
        );
        assert_eq!(table.minutes(0, 2), Some(20.0));
        assert_eq!(table.km(0, 2), Some(25.0));
        assert_eq!(table.minutes(2, 0), Some(20.0));
        assert_eq!(table.minutes(0, 3), None);
        assert_eq!(table.km(1, 1), Some(0.0));
    }
}
