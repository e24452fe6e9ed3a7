//! The road network: roads join existing nodes, have a positive length and time, and
//! go somewhere.

use super::context::Context;
use super::report::{require_positive_float, require_reference};
use super::{Code, Diagnostic};
use crate::instance::Road;

fn road_entity(road: &Road) -> String {
    format!("road {:?}-{:?}", road.from, road.to)
}

pub fn check_e0102_unknown_reference(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (r, road) in cx.instance.road_network.roads.iter().enumerate() {
        let who = road_entity(road);
        let prefix = format!("roadNetwork.roads[{r}]");
        require_reference(
            out,
            &cx.nodes,
            &road.from,
            "node",
            &who,
            format!("{prefix}.from"),
        );
        require_reference(
            out,
            &cx.nodes,
            &road.to,
            "node",
            &who,
            format!("{prefix}.to"),
        );
    }
}

pub fn check_e0301_not_positive(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (r, road) in cx.instance.road_network.roads.iter().enumerate() {
        let who = road_entity(road);
        let prefix = format!("roadNetwork.roads[{r}]");
        require_positive_float(
            out,
            road.minutes,
            "minutes",
            &who,
            format!("{prefix}.minutes"),
        );
        require_positive_float(out, road.km, "km", &who, format!("{prefix}.km"));
    }
}

pub fn check_e0601_road_loop(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (r, road) in cx.instance.road_network.roads.iter().enumerate() {
        if road.from == road.to {
            out.push(Diagnostic::new(
                Code::E0601RoadLoop,
                road_entity(road),
                format!("roadNetwork.roads[{r}].to"),
                format!("the road runs from node {:?} to itself", road.from),
                "a road joins two different nodes: fix `from` or `to`, or remove the road",
            ));
        }
    }
}
