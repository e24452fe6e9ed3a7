//! The first screen of the report: what a principal or a municipal director asks
//! before anything else. Is the plan sound (the checker's verdict), what it costs and
//! how far it may be from the best plan, how many students get every course they
//! asked for and which courses are missed and why, what each site teaches and sends
//! by video, how full the buses are, and how much each teacher teaches and drives.
//!
//! Every number is the checker's ([`CheckReport`] and its measures); each links to the
//! part of the report behind it.

use std::collections::BTreeMap;

use maud::{Markup, html};

use super::cost_bar;
use super::costs::checker_value;
use super::page::anchor;
use super::served;
use crate::report::costs::Term;
use crate::report::money::euros;
use crate::report::own_week::UnmetSplit;
use crate::report::plan_index::PlanIndex;
use crate::report::unmet::{Obstacle, UnmetRequest};
use crate::solution::SolveStatus;
use crate::solution::check::{CheckReport, TripRunLoad};
use crate::words::count;

pub fn section(
    index: &PlanIndex<'_>,
    report: &CheckReport,
    split: &[UnmetSplit],
    unmet: &[UnmetRequest],
) -> Markup {
    let terms: Vec<(Term, f64)> = Term::ALL
        .iter()
        .map(|&t| (t, checker_value(report, t)))
        .collect();
    html! {
        section.tab #overview {
            h2 { "The plan at a glance" }
            (verdict(report))
            p #gap { (gap_in_words(index, report)) }
            (cost_bar::bar(&terms))
            h3 { a href="#students" { "Students fully served" } }
            p.muted { "Students who get every course they asked for, by programme (a one-of group is one request)." }
            (served::table(report, split))
            (unmet_by_course(index, report, unmet))
            (sites(index, report))
            (buses(index, report))
            (teachers(index, report))
        }
    }
}

fn verdict(report: &CheckReport) -> Markup {
    html! {
        @if report.is_accepted() {
            p.banner.ok #verdict { "The checker accepts this plan: every rule is kept. Total " a href="#costs" data-total=(euros(report.recomputed.total)) { (euros(report.recomputed.total)) } " euros a week." }
        } @else {
            p.banner.bad #verdict { b { "The checker rejects this plan" } ": " (report.violations.len()) " broken rules, " (report.differences.len()) " claimed costs that differ. Do not act on it." }
        }
    }
}

/// The bound and the gap in words, from the solution file's bound against the
/// checker's total.
fn gap_in_words(index: &PlanIndex<'_>, report: &CheckReport) -> String {
    let p = &index.solution.provenance;
    let total = report.recomputed.total;
    match (p.status, p.best_bound) {
        (SolveStatus::Optimal, _) => {
            "Proven optimal: no plan of this instance costs less.".to_owned()
        }
        (_, Some(bound)) => {
            let gap = (total - bound).max(0.0);
            let share = if total.abs() > 0.0 { gap / total.abs() * 100.0 } else { 0.0 };
            format!(
                "No plan can cost less than {} euros a week (the solver's bound), so this plan is at most {} euros ({share:.1}% of its total) above the best one.",
                euros(bound),
                euros(gap)
            )
        }
        (_, None) => "The solution file has no bound, so how far this plan may be from the best one is not known.".to_owned(),
    }
}

fn unmet_by_course(index: &PlanIndex<'_>, report: &CheckReport, unmet: &[UnmetRequest]) -> Markup {
    let mut rows: Vec<(&String, &usize)> =
        report.measures.unmet_requests_by_course.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut why: BTreeMap<&str, BTreeMap<Obstacle, usize>> = BTreeMap::new();
    for request in unmet {
        *why.entry(request.course_key.as_str())
            .or_default()
            .entry(request.obstacle)
            .or_default() += 1;
    }
    let total: usize = rows.iter().map(|(_, n)| **n).sum();
    html! {
        h3 { a href="#cost-unmetRequests" { "Requests not met, by course" } }
        @if rows.is_empty() {
            p.muted { "Every request is met." }
        } @else {
            p.muted { (count(total, "request", "requests")) " not met. Why, read off the plan: "
                "not offered (no section opens), clash (every section clashes with the student's lessons), "
                "full (the sections that fit are full), no way there worth its cost (a section has a seat and no clash; getting there or moving lessons costs more than the request)." }
            div.scroll { table.unmet {
                thead { tr { th { "course" } th.num { "unmet" } @for o in Obstacle::ALL { th.num { (o.words()) } } } }
                tbody { @for (course, count) in &rows {
                    @let reasons = why.get(course.as_str());
                    tr data-course=(course) {
                        td { a href="#cost-unmetRequests" { (course.split('|').map(|c| index.course_label(c)).collect::<Vec<_>>().join(" or ")) } }
                        td.num data-unmet=(count) { (count) }
                        @for o in Obstacle::ALL {
                            td.num data-obstacle=(format!("{o:?}")) { (reasons.and_then(|r| r.get(&o)).map_or(String::new(), |n| n.to_string())) }
                        }
                    }
                } }
            } }
        }
    }
}

fn sites(index: &PlanIndex<'_>, report: &CheckReport) -> Markup {
    let sites: Vec<_> = report
        .measures
        .usage
        .sites
        .iter()
        .filter(|s| s.sections + s.streams_received > 0)
        .collect();
    html! {
        h3 { a href="#sites" { "Sections and video streams by site" } }
        div.scroll { table.sites {
            thead { tr { th { "site" } th.num { "sections taught" } th.num { "streams sent" } th.num { "streams received" } } }
            tbody { @for s in &sites {
                tr data-site=(s.site) {
                    td { a href=(format!("#{}", anchor("site", &s.site))) { (index.site_label(&s.site)) } }
                    td.num { (s.sections) }
                    td.num { a href="#remote" { (s.streams_sent) } }
                    td.num { a href="#remote" { (s.streams_received) } }
                }
            } }
        } }
    }
}

fn buses(index: &PlanIndex<'_>, report: &CheckReport) -> Markup {
    let mut by_trip: BTreeMap<&str, Vec<&TripRunLoad>> = BTreeMap::new();
    for run in &report.measures.usage.trip_runs {
        by_trip.entry(run.trip.as_str()).or_default().push(run);
    }
    let bought = report
        .measures
        .usage
        .trip_runs
        .iter()
        .filter(|r| r.bought)
        .count();
    html! {
        h3 { a href="#buses" { "Buses" } }
        p.muted { "Runs that carry students or are bought: " (report.measures.usage.trip_runs.len()) "; " (count(bought, "optional run", "optional runs")) " bought for " (euros(report.recomputed.optional_trips)) " euros a week. Per line, the fullest run." }
        div.scroll { table.buses {
            thead { tr { th { "line" } th.num { "runs" } th.num { "bought" } th.num { "highest load" } } }
            tbody { @for (trip, runs) in &by_trip {
                @let fullest = runs.iter().max_by_key(|r| r.peak_load).copied();
                @if let Some(fullest) = fullest {
                    @let full = i64::try_from(fullest.peak_load).is_ok_and(|n| n >= fullest.capacity);
                    tr data-trip=(trip) {
                        td { (index.trip_label(trip)) }
                        td.num { (runs.len()) }
                        td.num { (runs.iter().filter(|r| r.bought).count()) }
                        td.num.full[full] data-peak=(fullest.peak_load) {
                            a href=(format!("#{}", anchor("trip", &format!("{}@{}", fullest.trip, fullest.day)))) {
                                (fullest.peak_load) " / " (fullest.capacity) " (" (index.day_label(&fullest.day)) ")"
                            }
                        }
                    }
                }
            } }
        } }
    }
}

fn teachers(index: &PlanIndex<'_>, report: &CheckReport) -> Markup {
    let working: Vec<_> = report
        .measures
        .usage
        .teachers
        .iter()
        .filter(|t| t.lessons > 0)
        .collect();
    html! {
        h3 { a href="#teachers" { "Teachers: lessons and driving" } }
        p.muted { (count(working.len(), "teacher teaches", "teachers teach")) "; " (format!("{:.0}", report.measures.teacher_km)) " km of driving a week in all." }
        div.scroll { table.teachers {
            thead { tr { th { "teacher" } th.num { "lessons / cap" } th.num { "km a week" } th.num { "days driving" } } }
            tbody { @for t in &working {
                tr data-teacher=(t.teacher) {
                    td { a href=(format!("#{}", anchor("teacher", &t.teacher))) { (index.teacher_label(&t.teacher)) } }
                    td.num data-lessons=(t.lessons) { (t.lessons) " / " (t.max_lessons) }
                    td.num { (format!("{:.0}", t.km)) }
                    td.num { (t.driving_days) }
                }
            } }
        } }
    }
}
