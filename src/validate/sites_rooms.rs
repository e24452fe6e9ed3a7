//! Sites stand at road nodes and hold rooms; rooms hold students.

use super::Diagnostic;
use super::context::{Context, entity};
use super::report::{require_non_negative_int, require_positive_int, require_reference};

pub fn check_e0102_unknown_reference(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (s, site) in cx.instance.sites.iter().enumerate() {
        let who = entity("site", &site.id);
        require_reference(
            out,
            &cx.nodes,
            &site.node,
            "node",
            &who,
            format!("sites[{s}].node"),
        );
    }
    for (r, room) in cx.instance.rooms.iter().enumerate() {
        let who = entity("room", &room.id);
        require_reference(
            out,
            &cx.sites,
            &room.site,
            "site",
            &who,
            format!("rooms[{r}].site"),
        );
    }
}

pub fn check_e0301_not_positive(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (r, room) in cx.instance.rooms.iter().enumerate() {
        let who = entity("room", &room.id);
        require_positive_int(
            out,
            room.capacity,
            "capacity",
            &who,
            format!("rooms[{r}].capacity"),
        );
    }
}

pub fn check_e0302_negative(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (s, site) in cx.instance.sites.iter().enumerate() {
        let who = entity("site", &site.id);
        let path = format!("sites[{s}].maxStreams");
        require_non_negative_int(out, site.max_streams, "maxStreams", &who, path);
    }
}
