//! The time grid: days, slots with clock times, and patterns of slots. Every lesson is
//! placed in it, so it must be non-empty, its times readable and its slots disjoint.

use std::collections::{HashMap, HashSet};

use super::context::{Context, entity};
use super::report::require_reference;
use super::{Code, Diagnostic};
use crate::instance::{Slot, parse_clock};

pub fn check_e0102_unknown_reference(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let grid = &cx.instance.time_grid;
    for (s, slot) in grid.slots.iter().enumerate() {
        let who = entity("slot", &slot.id);
        require_reference(
            out,
            &cx.days,
            &slot.day,
            "day",
            &who,
            format!("timeGrid.slots[{s}].day"),
        );
    }
    for (p, pattern) in grid.patterns.iter().enumerate() {
        let who = entity("pattern", &pattern.id);
        for (k, slot) in pattern.slots.iter().enumerate() {
            let path = format!("timeGrid.patterns[{p}].slots[{k}]");
            require_reference(out, &cx.slots, slot, "slot", &who, path);
        }
    }
}

pub fn check_e0201_bad_clock_time(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (s, slot) in cx.instance.time_grid.slots.iter().enumerate() {
        for (field, text) in [("start", &slot.start), ("end", &slot.end)] {
            if parse_clock(text).is_none() {
                out.push(bad_clock(
                    entity("slot", &slot.id),
                    format!("timeGrid.slots[{s}].{field}"),
                    text,
                ));
            }
        }
    }
}

/// E0201 for one unreadable clock time.
pub fn bad_clock(entity: String, path: String, text: &str) -> Diagnostic {
    Diagnostic::new(
        Code::E0201BadClockTime,
        entity,
        path,
        format!("{text:?} is not a clock time"),
        "write times as \"HH:MM\" on the 24-hour clock, from \"00:00\" to \"23:59\"",
    )
}

/// Start and end of a slot in minutes, if both are readable.
fn minutes(slot: &Slot) -> Option<(u32, u32)> {
    Some((parse_clock(&slot.start)?, parse_clock(&slot.end)?))
}

pub fn check_e0202_slot_runs_backwards(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (s, slot) in cx.instance.time_grid.slots.iter().enumerate() {
        if let Some((start, end)) = minutes(slot)
            && end <= start
        {
            out.push(Diagnostic::new(
                Code::E0202SlotRunsBackwards,
                entity("slot", &slot.id),
                format!("timeGrid.slots[{s}].end"),
                format!("slot ends at {} but starts at {}", slot.end, slot.start),
                "make `end` later than `start` (a slot cannot run past midnight)",
            ));
        }
    }
}

pub fn check_e0203_slots_overlap(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // Per day, sweep slots by start time, remembering the one that reaches furthest.
    let mut by_day: HashMap<&str, Vec<(u32, u32, usize)>> = HashMap::new();
    for (s, slot) in cx.instance.time_grid.slots.iter().enumerate() {
        if let Some((start, end)) = minutes(slot)
            && start < end
        {
            by_day
                .entry(slot.day.as_str())
                .or_default()
                .push((start, end, s));
        }
    }
    let slots = &cx.instance.time_grid.slots;
    let mut found = Vec::new();
    for day_slots in by_day.values_mut() {
        day_slots.sort_unstable();
        let mut furthest: Option<(u32, usize)> = None;
        for &(start, end, s) in day_slots.iter() {
            match furthest {
                Some((reach, other)) if start < reach => {
                    found.push((s, other));
                    if end > reach {
                        furthest = Some((end, s));
                    }
                }
                _ => furthest = Some((end, s)),
            }
        }
    }
    found.sort_unstable();
    for (s, other) in found {
        let (slot, earlier) = (&slots[s], &slots[other]);
        out.push(Diagnostic::new(
            Code::E0203SlotsOverlap,
            entity("slot", &slot.id),
            format!("timeGrid.slots[{s}]"),
            format!(
                "slot {}-{} overlaps slot {:?} ({}-{}) on day {:?}",
                slot.start, slot.end, earlier.id, earlier.start, earlier.end, slot.day
            ),
            "slots of one day must not overlap: fix the times, or merge the slots",
        ));
    }
}

pub fn check_e0204_empty_time_grid(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let grid = &cx.instance.time_grid;
    for (field, empty) in [
        ("days", grid.days.is_empty()),
        ("slots", grid.slots.is_empty()),
    ] {
        if empty {
            out.push(Diagnostic::new(
                Code::E0204EmptyTimeGrid,
                "time grid",
                format!("timeGrid.{field}"),
                format!("the time grid has no {field}"),
                "list the week's days and lesson slots; nothing can be scheduled without them",
            ));
        }
    }
}

pub fn check_e0205_pattern_without_slots(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (p, pattern) in cx.instance.time_grid.patterns.iter().enumerate() {
        if pattern.slots.is_empty() {
            out.push(Diagnostic::new(
                Code::E0205PatternWithoutSlots,
                entity("pattern", &pattern.id),
                format!("timeGrid.patterns[{p}].slots"),
                "the pattern has no slots",
                "list the slots of the pattern, or remove it",
            ));
        }
    }
}

pub fn check_e0206_pattern_repeats_slot(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (p, pattern) in cx.instance.time_grid.patterns.iter().enumerate() {
        let mut seen = HashSet::new();
        for (k, slot) in pattern.slots.iter().enumerate() {
            if !seen.insert(slot.as_str()) {
                out.push(Diagnostic::new(
                    Code::E0206PatternRepeatsSlot,
                    entity("pattern", &pattern.id),
                    format!("timeGrid.patterns[{p}].slots[{k}]"),
                    format!("slot {slot:?} is listed twice"),
                    "list each slot of a pattern once",
                ));
            }
        }
    }
}
