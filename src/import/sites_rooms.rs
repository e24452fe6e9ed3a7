//! `sites.csv` and `rooms.csv`: the campuses and their rooms, a row each; a room's
//! features listed in one cell.

use serde::Serialize;

use super::reader::{Ids, Reader};
use super::sheet::Columns;
use super::write::{joined, sheet_bytes};
use crate::instance::{Room, Site};

pub const SITES: &str = "sites.csv";
pub const ROOMS: &str = "rooms.csv";

pub const SITE_COLUMNS: Columns = Columns {
    names: &["id", "name", "municipality", "node", "maxStreams"],
    optional: &["name", "maxStreams"],
};
pub const ROOM_COLUMNS: Columns = Columns {
    names: &["id", "site", "capacity", "features", "video"],
    optional: &["features", "video"],
};

pub(crate) fn read_sites(reader: &mut Reader, nodes: &Ids, sites: &mut Ids) -> Vec<Site> {
    let sheet = reader.sheet(SITES, &SITE_COLUMNS, true);
    let mut out = Vec::new();
    for row in &sheet.rows {
        let id = reader.define(&sheet, sheet.cell(row, "id"), sites);
        let entity = format!("site {id:?}");
        reader.place(&sheet, row, format!("sites[{}]", out.len()));
        out.push(Site {
            name: sheet.cell(row, "name").text.to_owned(),
            municipality: sheet.cell(row, "municipality").text.to_owned(),
            node: reader.reference_id(&sheet, sheet.cell(row, "node"), nodes, &entity),
            max_streams: reader
                .optional_integer(&sheet, sheet.cell(row, "maxStreams"), &entity)
                .unwrap_or(0),
            id,
        });
    }
    out
}

pub(crate) fn read_rooms(reader: &mut Reader, sites: &Ids) -> Vec<Room> {
    let sheet = reader.sheet(ROOMS, &ROOM_COLUMNS, true);
    let mut rooms = Ids::new("room", ROOMS);
    let mut out = Vec::new();
    for row in &sheet.rows {
        let id = reader.define(&sheet, sheet.cell(row, "id"), &mut rooms);
        let entity = format!("room {id:?}");
        reader.place(&sheet, row, format!("rooms[{}]", out.len()));
        out.push(Room {
            site: reader.reference_id(&sheet, sheet.cell(row, "site"), sites, &entity),
            capacity: reader.integer(&sheet, sheet.cell(row, "capacity"), &entity),
            features: reader.list(&sheet, sheet.cell(row, "features"), None, &entity),
            video: reader.flag(&sheet, sheet.cell(row, "video"), &entity),
            id,
        });
    }
    out
}

#[derive(Serialize)]
struct SiteRow<'a> {
    id: &'a str,
    name: &'a str,
    municipality: &'a str,
    node: &'a str,
    max_streams: i64,
}

#[derive(Serialize)]
struct RoomRow<'a> {
    id: &'a str,
    site: &'a str,
    capacity: i64,
    features: String,
    video: bool,
}

pub(crate) fn write(
    sites: &[Site],
    rooms: &[Room],
    refused: &mut Vec<String>,
) -> Vec<(&'static str, Vec<u8>)> {
    let sites = sites.iter().map(|s| SiteRow {
        id: &s.id,
        municipality: &s.municipality,
        node: &s.node,
        name: &s.name,
        max_streams: s.max_streams,
    });
    let rooms: Vec<RoomRow<'_>> = rooms
        .iter()
        .map(|r| RoomRow {
            id: &r.id,
            site: &r.site,
            capacity: r.capacity,
            features: joined(&r.features, &format!("room {:?}: features", r.id), refused),
            video: r.video,
        })
        .collect();
    vec![
        (SITES, sheet_bytes(&SITE_COLUMNS, sites)),
        (ROOMS, sheet_bytes(&ROOM_COLUMNS, rooms)),
    ]
}
