//! Rule 5: remote links (streams), site stream capacity, and where students sit.

use std::collections::{BTreeMap, BTreeSet};

use crate::solution::Mode;

use super::context::Context;
use super::{ViolationCode as Code, Violations};

pub(super) fn check(cx: &Context<'_>, out: &mut Violations) {
    check_streams(cx, out);
    check_site_capacity(cx, out);
    check_seating(cx, out);
}

fn check_streams(cx: &Context<'_>, out: &mut Violations) {
    for view in &cx.sections {
        if view.plan.streams.is_empty() {
            continue;
        }
        if let Some(course) = view.course
            && !course.remote_allowed
        {
            out.push(
                Code::StreamNotAllowed,
                [view.id(), course.id.as_str()],
                format!(
                    "section {} streams but course {} does not allow remote teaching",
                    view.id(),
                    course.id
                ),
            );
        }
        if let Some(room) = view.room
            && !room.video
        {
            out.push(
                Code::StreamRoomWithoutVideo,
                [view.id(), room.id.as_str()],
                format!(
                    "section {} streams from room {}, which has no video",
                    view.id(),
                    room.id
                ),
            );
        }
        let mut seen = BTreeSet::new();
        for (site, room) in &view.streams {
            if let Some(room) = room
                && !room.video
            {
                out.push(
                    Code::StreamRoomWithoutVideo,
                    [view.id(), room.id.as_str()],
                    format!(
                        "section {} streams into room {}, which has no video",
                        view.id(),
                        room.id
                    ),
                );
            }
            let Some(site) = site else { continue };
            if view.site.is_some_and(|own| own.id == site.id) {
                out.push(
                    Code::StreamToOwnSite,
                    [view.id(), site.id.as_str()],
                    format!(
                        "section {} is taught at {} and streams to {} too",
                        view.id(),
                        site.id,
                        site.id
                    ),
                );
            }
            if !seen.insert(site.id.as_str()) {
                out.push(
                    Code::StreamSiteRepeated,
                    [view.id(), site.id.as_str()],
                    format!(
                        "section {} streams to {} more than once",
                        view.id(),
                        site.id
                    ),
                );
            }
        }
    }
}

fn check_site_capacity(cx: &Context<'_>, out: &mut Violations) {
    // Sites each streamed section takes part in: its own site and its receiving sites.
    let parts: Vec<BTreeSet<&str>> = cx
        .sections
        .iter()
        .map(|view| {
            if view.plan.streams.is_empty() {
                return BTreeSet::new();
            }
            view.site
                .map(|s| s.id.as_str())
                .into_iter()
                .chain(
                    view.streams
                        .iter()
                        .filter_map(|(s, _)| s.map(|s| s.id.as_str())),
                )
                .collect()
        })
        .collect();
    for slot in &cx.slots_in_order {
        let mut streams_at: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (view, sites) in cx.sections.iter().zip(&parts) {
            if view.slots.iter().any(|s| s.overlaps(slot)) {
                for site in sites {
                    streams_at.entry(site).or_default().push(view.id());
                }
            }
        }
        for (site_id, sections) in streams_at {
            let Some(site) = cx.sites.get(site_id) else {
                continue;
            };
            if sections.len() as i64 > site.max_streams {
                out.push(
                    Code::SiteStreamsExceeded,
                    std::iter::once(site_id).chain(sections.iter().copied()),
                    format!(
                        "site {site_id} takes part in {} streams in {} ({}: {}), more than its maxStreams {}",
                        sections.len(),
                        slot.id,
                        slot.label(),
                        sections.join(", "),
                        site.max_streams
                    ),
                );
            }
        }
    }
}

fn check_seating(cx: &Context<'_>, out: &mut Violations) {
    let mut times: BTreeMap<(&str, usize), usize> = BTreeMap::new();
    for attendance in &cx.attendances {
        *times
            .entry((attendance.student, attendance.section))
            .or_default() += 1;
        let view = &cx.sections[attendance.section];
        let Some(site) = attendance.site else {
            continue;
        };
        match attendance.mode {
            Mode::Remote => {
                if !view
                    .streams
                    .iter()
                    .any(|(s, _)| s.is_some_and(|s| s.id == site.id))
                {
                    out.push(
                        Code::RemoteAtUnstreamedSite,
                        [attendance.student, view.id(), site.id.as_str()],
                        format!("student {} attends {} remotely at {}, but the section is not streamed there", attendance.student, view.id(), site.id),
                    );
                }
            }
            Mode::InPerson => {
                if let Some(own) = view.site
                    && own.id != site.id
                {
                    out.push(
                        Code::InPersonAtOtherSite,
                        [attendance.student, view.id(), site.id.as_str()],
                        format!(
                            "student {} attends {} in person at {}, but it is taught at {}",
                            attendance.student,
                            view.id(),
                            site.id,
                            own.id
                        ),
                    );
                }
            }
        }
    }
    for ((student, section), count) in times {
        if count > 1 {
            let id = cx.sections[section].id();
            out.push(
                Code::AttendsSectionTwice,
                [student, id],
                format!("student {student} attends {id} {count} times; attend a section once, in person or remotely"),
            );
        }
    }
}
