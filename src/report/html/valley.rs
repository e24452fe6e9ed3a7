//! The whole valley's week on one picture: a row per bar (or block) of the time grid,
//! a column per site, in each cell the courses taught there in that bar, and a line
//! from the sending site to every site that receives the course by video. It answers
//! "what runs where, and what do the links carry" without opening seven weeks.
//!
//! Hand-written SVG: cells of text and a few curves, which a plotting crate would
//! not draw better.

use std::collections::BTreeMap;

use maud::{Markup, html};

use super::page::anchor;
use crate::report::plan_index::PlanIndex;
use crate::solution::SectionPlan;

const COLUMN: f64 = 118.0;
const ROW_HEAD: f64 = 170.0;
const LINE: f64 = 13.0;
const HEAD: f64 = 34.0;
const PAD: f64 = 6.0;

/// A point of the picture.
type XY = (f64, f64);

/// A row of the grid: a pattern of the time grid, or a section's own slots.
struct Row<'a> {
    name: String,
    label: String,
    sections: Vec<&'a SectionPlan>,
}

fn rows<'a>(index: &PlanIndex<'a>) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = index
        .instance
        .time_grid
        .patterns
        .iter()
        .map(|p| Row {
            name: p.id.clone(),
            label: p
                .slots
                .iter()
                .map(|s| short_slot(index, s))
                .collect::<Vec<_>>()
                .join(", "),
            sections: Vec::new(),
        })
        .collect();
    let mut own: BTreeMap<String, Vec<&SectionPlan>> = BTreeMap::new();
    for section in &index.solution.sections {
        let at = section.pattern.as_ref().and_then(|p| {
            index
                .instance
                .time_grid
                .patterns
                .iter()
                .position(|q| &q.id == p)
        });
        match at {
            Some(at) => rows[at].sections.push(section),
            None => own
                .entry(
                    section
                        .slots
                        .iter()
                        .map(|s| short_slot(index, s))
                        .collect::<Vec<_>>()
                        .join(", "),
                )
                .or_default()
                .push(section),
        }
    }
    rows.extend(own.into_iter().map(|(label, sections)| Row {
        name: "own slots".to_owned(),
        label,
        sections,
    }));
    rows.retain(|r| !r.sections.is_empty());
    rows
}

/// "Mon 08:15".
fn short_slot(index: &PlanIndex<'_>, slot: &str) -> String {
    index.slots.get(slot).map_or(slot.to_owned(), |s| {
        let day = index.day_label(&s.day);
        format!("{} {}", day.chars().take(3).collect::<String>(), s.start)
    })
}

pub fn grid(index: &PlanIndex<'_>) -> Markup {
    let rows = rows(index);
    let sites: Vec<&str> = index
        .instance
        .sites
        .iter()
        .map(|s| s.id.as_str())
        .filter(|site| {
            index
                .solution
                .sections
                .iter()
                .any(|s| s.site == *site || s.streams.iter().any(|r| r.site == *site))
        })
        .collect();
    let column = |site: &str| sites.iter().position(|s| *s == site);
    // Each cell's lines: (section, received by video).
    let mut tops = Vec::with_capacity(rows.len());
    let mut cells: Vec<Vec<Vec<(&SectionPlan, bool)>>> = Vec::new();
    let mut y = HEAD;
    for row in &rows {
        let mut of_row: Vec<Vec<(&SectionPlan, bool)>> = vec![Vec::new(); sites.len()];
        for section in &row.sections {
            if let Some(c) = column(&section.site) {
                of_row[c].push((section, false));
            }
            for stream in &section.streams {
                if let Some(c) = column(&stream.site) {
                    of_row[c].push((section, true));
                }
            }
        }
        let lines = of_row.iter().map(Vec::len).max().unwrap_or(0).max(2);
        tops.push(y);
        y += lines as f64 * LINE + 2.0 * PAD;
        cells.push(of_row);
    }
    let width = ROW_HEAD + sites.len() as f64 * COLUMN;
    let height = y + 4.0;
    let at = |row: usize, col: usize, line: usize| {
        (
            ROW_HEAD + col as f64 * COLUMN + PAD,
            tops[row] + PAD + (line as f64 + 0.8) * LINE,
        )
    };
    // (section, from, to) in the picture's coordinates.
    let mut links: Vec<(String, XY, XY)> = Vec::new();
    for (r, of_row) in cells.iter().enumerate() {
        for (c, lines) in of_row.iter().enumerate() {
            for (l, (section, received)) in lines.iter().enumerate() {
                if !received {
                    continue;
                }
                let Some(from_col) = column(&section.site) else {
                    continue;
                };
                let Some(from_line) = of_row[from_col]
                    .iter()
                    .position(|(s, r)| !r && s.id == section.id)
                else {
                    continue;
                };
                let (x0, y0) = at(r, from_col, from_line);
                let (x1, y1) = at(r, c, l);
                links.push((section.id.clone(), (x0 + 44.0, y0 - 4.0), (x1, y1 - 4.0)));
            }
        }
    }
    html! {
        figure.chart {
            figcaption { "The valley's week: each bar of the timetable (rows) at each site (columns), the courses taught there; blue courses are received by video, and the curves run from the sending site to the receiving ones." }
            div.scroll {
                svg.valley viewBox=(format!("0 0 {width:.0} {height:.0}")) style=(format!("min-width:{}px", (width * 0.75) as u32)) role="img" aria-label="Courses by bar and site, with video links" {
                    @for (c, site) in sites.iter().enumerate() {
                        a href=(format!("#{}", anchor("site", site))) {
                            text.head x=(format!("{:.1}", ROW_HEAD + c as f64 * COLUMN + PAD)) y="22" { (site) }
                        }
                    }
                    @for (r, row) in rows.iter().enumerate() {
                        rect class=(if r % 2 == 0 { "band" } else { "band alt" }) x="0" y=(format!("{:.1}", tops[r])) width=(format!("{width:.1}")) height=(format!("{:.1}", cells_height(&cells[r]))) {}
                        text.head x="4" y=(format!("{:.1}", tops[r] + PAD + 0.8 * LINE)) { (row.name) }
                        text.axis.small x="4" y=(format!("{:.1}", tops[r] + PAD + 1.8 * LINE)) { (row.label) }
                        @for (c, lines) in cells[r].iter().enumerate() {
                            @for (l, (section, received)) in lines.iter().enumerate() {
                                @let (x, y) = at(r, c, l);
                                text.course.received[*received] x=(format!("{x:.1}")) y=(format!("{y:.1}")) data-section=(section.id) {
                                    title { (index.course_label(&section.course)) ", section " (section.id) @if *received { ", by video from " (index.site_label(&section.site)) } }
                                    (section.course)
                                }
                            }
                        }
                    }
                    @for (section, (x0, y0), (x1, y1)) in &links {
                        path.link data-section=(section) d=(format!("M{x0:.1},{y0:.1} C{:.1},{:.1} {:.1},{:.1} {x1:.1},{y1:.1}", x0, y0 - 18.0, x1, y1 - 18.0)) {}
                    }
                }
            }
        }
    }
}

fn cells_height(cells: &[Vec<(&SectionPlan, bool)>]) -> f64 {
    cells.iter().map(Vec::len).max().unwrap_or(0).max(2) as f64 * LINE + 2.0 * PAD
}
