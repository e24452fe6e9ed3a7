//! A sweep's scenarios against the base as pictures: for each scenario, each
//! objective term's difference from the base as a bar to the right (dearer, red) or
//! the left (cheaper, green) of a zero line, all on one scale, so a planner sees which
//! change moves which term and how far. The values are the checker's, as in the table.
//!
//! Hand-written SVG: a few rectangles per scenario; it needs neither axes ticks nor
//! layout a plotting crate would add.

use maud::{Markup, html};

use super::money::{SAME_EUROS, signed_euros};
use crate::solution::ObjectiveTerms;

const WIDTH: f64 = 640.0;
const LABEL: f64 = 130.0;
const VALUE: f64 = 90.0;
const ROW: f64 = 18.0;
const TITLE: f64 = 22.0;

/// Each term's key and its difference from the base.
type Differences<'k> = Vec<(&'k str, f64)>;

/// How a term is named on the chart.
fn words(key: &str) -> &str {
    match key {
        "unmetRequests" => "unmet requests",
        "sectionCost" => "sections",
        "optionalTrips" => "bought bus runs",
        "teacherDriving" => "teacher driving",
        "studentTravel" => "student travel",
        "remoteDelivery" => "remote delivery",
        "idleSlots" => "idle slots",
        other => other,
    }
}

/// `scenarios`: each scenario but the base, with its name and its checker's terms (none
/// when it has no plan). `base`: the base's terms, none when the base has no plan.
pub fn chart(
    base: Option<&ObjectiveTerms>,
    scenarios: &[(&str, Option<&ObjectiveTerms>)],
) -> Markup {
    let Some(base) = base else {
        return html! { p.note { "The base has no plan, so no scenario can be drawn against it." } };
    };
    if scenarios.is_empty() {
        return html! {};
    }
    let differences: Vec<(&str, Option<Differences>)> = scenarios
        .iter()
        .map(|(name, terms)| {
            let of = terms.map(|t| {
                t.named()
                    .iter()
                    .zip(base.named())
                    .map(|((key, ours), (_, theirs))| (*key, ours - theirs))
                    .collect()
            });
            (*name, of)
        })
        .collect();
    let largest = differences
        .iter()
        .filter_map(|(_, d)| d.as_ref())
        .flatten()
        .map(|(_, d)| d.abs())
        .fold(0.0_f64, f64::max)
        .max(SAME_EUROS);
    let half = (WIDTH - LABEL - VALUE) / 2.0;
    let zero = LABEL + half;
    let mut y = 0.0;
    let mut blocks = Vec::new();
    for (name, of) in &differences {
        let top = y;
        y += TITLE + of.as_ref().map_or(1, Vec::len) as f64 * ROW + 8.0;
        blocks.push((*name, of, top));
    }
    html! {
        figure.chart {
            figcaption { "Each scenario's terms against the base (euros a week): to the right dearer, to the left cheaper; one scale for all." }
            div.scroll {
                svg.sweep viewBox=(format!("0 0 {WIDTH} {y:.0}")) role="img" aria-label="Cost terms of each scenario against the base" {
                    @for (name, of, top) in &blocks {
                        g data-scenario=(name) {
                            text.title x="0" y=(format!("{:.1}", top + 15.0)) { (name) }
                            @match of {
                                None => { text.none x=(format!("{LABEL:.1}")) y=(format!("{:.1}", top + TITLE + 12.0)) { "no plan" } }
                                Some(rows) => {
                                    line.zero x1=(format!("{zero:.1}")) x2=(format!("{zero:.1}")) y1=(format!("{:.1}", top + TITLE - 2.0)) y2=(format!("{:.1}", top + TITLE + rows.len() as f64 * ROW)) {}
                                    @for (i, (key, d)) in rows.iter().enumerate() {
                                        @let row_y = top + TITLE + i as f64 * ROW;
                                        @let w = d.abs() / largest * half;
                                        @let x = if *d < 0.0 { zero - w } else { zero };
                                        @let class = if d.abs() < SAME_EUROS { "same" } else if *d > 0.0 { "dearer" } else { "cheaper" };
                                        text.term x=(format!("{:.1}", LABEL - 6.0)) y=(format!("{:.1}", row_y + 12.0)) text-anchor="end" { (words(key)) }
                                        rect class=(class) x=(format!("{x:.1}")) y=(format!("{:.1}", row_y + 3.0)) width=(format!("{w:.1}")) height=(format!("{:.1}", ROW - 6.0)) data-term=(key) data-difference=(format!("{d:.2}")) {
                                            title { (words(key)) ": " (signed_euros(*d)) }
                                        }
                                        text.value x=(format!("{:.1}", WIDTH - VALUE + 6.0)) y=(format!("{:.1}", row_y + 12.0)) { (signed_euros(*d)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
