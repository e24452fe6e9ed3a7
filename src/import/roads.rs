//! `nodes.csv` and `roads.csv`: the road network, a row per node and per road.

use serde::Serialize;

use super::reader::{Ids, Reader};
use super::sheet::Columns;
use super::write::{number, optional_number, sheet_bytes};
use crate::instance::{Road, RoadNetwork, RoadNode};

pub const NODES: &str = "nodes.csv";
pub const ROADS: &str = "roads.csv";

pub const NODE_COLUMNS: Columns = Columns {
    names: &["id", "name", "lat", "lon"],
    optional: &["name", "lat", "lon"],
};
pub const ROAD_COLUMNS: Columns = Columns {
    names: &["from", "to", "minutes", "km"],
    optional: &[],
};

pub(crate) fn read(reader: &mut Reader, nodes: &mut Ids) -> RoadNetwork {
    let sheet = reader.sheet(NODES, &NODE_COLUMNS, true);
    let mut network = RoadNetwork {
        nodes: Vec::new(),
        roads: Vec::new(),
    };
    for row in &sheet.rows {
        let id = reader.define(&sheet, sheet.cell(row, "id"), nodes);
        let entity = format!("node {id:?}");
        reader.place(
            &sheet,
            row,
            format!("roadNetwork.nodes[{}]", network.nodes.len()),
        );
        network.nodes.push(RoadNode {
            name: sheet.cell(row, "name").text.to_owned(),
            lat: reader.optional_number(&sheet, sheet.cell(row, "lat"), &entity),
            lon: reader.optional_number(&sheet, sheet.cell(row, "lon"), &entity),
            id,
        });
    }
    let sheet = reader.sheet(ROADS, &ROAD_COLUMNS, true);
    for row in &sheet.rows {
        let from = reader.id(sheet.cell(row, "from"));
        let to = reader.id(sheet.cell(row, "to"));
        let entity = format!("road {from:?}-{to:?}");
        reader.place(
            &sheet,
            row,
            format!("roadNetwork.roads[{}]", network.roads.len()),
        );
        reader.reference(&sheet, sheet.cell(row, "from"), &from, nodes, &entity);
        reader.reference(&sheet, sheet.cell(row, "to"), &to, nodes, &entity);
        network.roads.push(Road {
            minutes: reader.number(&sheet, sheet.cell(row, "minutes"), &entity),
            km: reader.number(&sheet, sheet.cell(row, "km"), &entity),
            from,
            to,
        });
    }
    network
}

#[derive(Serialize)]
struct NodeRow<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(serialize_with = "optional_number")]
    lat: Option<f64>,
    #[serde(serialize_with = "optional_number")]
    lon: Option<f64>,
}

#[derive(Serialize)]
struct RoadRow<'a> {
    from: &'a str,
    to: &'a str,
    #[serde(serialize_with = "number")]
    minutes: f64,
    #[serde(serialize_with = "number")]
    km: f64,
}

pub(crate) fn write(network: &RoadNetwork) -> Vec<(&'static str, Vec<u8>)> {
    let nodes = network.nodes.iter().map(|n| NodeRow {
        id: &n.id,
        name: &n.name,
        lat: n.lat,
        lon: n.lon,
    });
    let roads = network.roads.iter().map(|r| RoadRow {
        from: &r.from,
        to: &r.to,
        minutes: r.minutes,
        km: r.km,
    });
    vec![
        (NODES, sheet_bytes(&NODE_COLUMNS, nodes)),
        (ROADS, sheet_bytes(&ROAD_COLUMNS, roads)),
    ]
}
