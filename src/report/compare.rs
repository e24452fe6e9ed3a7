//! Plans side by side: every objective term and the quantities behind them, as the
//! checker recomputes them, with differences against the first plan.

use serde::Serialize;

use super::label::programme_label;
use super::money::{SAME_EUROS, euros};
use super::own_week::{OwnWeeks, UnmetSplit};
use crate::instance::{Instance, Programme};
use crate::solution::Solution;
use crate::solution::check::{CheckReport, ProgrammeService, check};
use crate::words::count;

/// One row of the comparison: a named number per plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub name: String,
    /// One value per plan, in the order the plans were given.
    pub values: Vec<f64>,
    /// Whether the values are euros (printed with cents) or counts/quantities.
    pub euros: bool,
}

/// The comparison of several plans of one instance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Plan names (usually file names), one per column.
    pub plans: Vec<String>,
    /// The checker's verdict per plan: "feasible", "infeasible (N violations)", ...
    pub verdicts: Vec<String>,
    pub rows: Vec<Row>,
    /// Unmet requests per course (a one-of group is keyed "A|B"), one count per plan.
    pub unmet_by_course: Vec<Row>,
    /// The full checker report of each plan.
    pub reports: Vec<CheckReport>,
}

/// Checks every plan and lays their numbers side by side; the unmet requests are split
/// by the students' own weeks when the instance resolves into a model.
pub fn compare(instance: &Instance, plans: &[(String, Solution)]) -> Comparison {
    let reports: Vec<CheckReport> = plans.iter().map(|(_, s)| check(instance, s)).collect();
    let splits: Vec<Vec<UnmetSplit>> = match OwnWeeks::of(instance) {
        Ok(own_weeks) => reports.iter().map(|r| own_weeks.split(r)).collect(),
        Err(_) => Vec::new(),
    };
    compare_reports(
        plans.iter().map(|(name, _)| name.clone()).collect(),
        reports,
        &splits,
    )
}

/// Lays checker reports side by side, one column per name. The reports may be of
/// plans of different instances (scenarios of one base): every number is still the
/// checker's for its own plan and instance. `splits` holds each report's unmet
/// requests split by the students' own weeks ([`OwnWeeks::split`]), or nothing when
/// they are not known (then the table has no rows for them).
pub fn compare_reports(
    plans: Vec<String>,
    reports: Vec<CheckReport>,
    splits: &[Vec<UnmetSplit>],
) -> Comparison {
    let row = |name: &str, euros: bool, value: &dyn Fn(&CheckReport) -> f64| Row {
        name: name.to_owned(),
        values: reports.iter().map(value).collect(),
        euros,
    };
    let mut rows: Vec<Row> = [
        "unmetRequests",
        "sectionCost",
        "optionalTrips",
        "teacherDriving",
        "studentTravel",
        "remoteDelivery",
        "idleSlots",
        "total",
    ]
    .iter()
    .enumerate()
    .map(|(i, name)| row(name, true, &|r: &CheckReport| r.recomputed.named()[i].1))
    .collect();
    rows.extend([
        row("violations", false, &|r| r.violations.len() as f64),
        row("students with all requests met", false, &|r| {
            r.measures.students_all_requests_met as f64
        }),
        row("unmet requests", false, &|r| {
            r.measures.unmet_requests_by_course.values().sum::<usize>() as f64
        }),
    ]);
    rows.extend(served_rows(&reports, splits));
    rows.extend([
        row("sections opened", false, &|r| {
            r.measures.sections_opened as f64
        }),
        row("sections' cost", true, &|r| r.measures.section_cost),
        row("remote student-lessons", false, &|r| {
            r.measures.remote_student_lessons as f64
        }),
        row("optional trip runs", false, &|r| {
            r.measures.optional_trip_runs as f64
        }),
        row("optional trips' cost", true, &|r| {
            r.measures.optional_trip_cost
        }),
        row("seats used (legs)", false, &|r| {
            r.measures.seats_used as f64
        }),
        row("teacher km", false, &|r| r.measures.teacher_km),
        row("student travel minutes", false, &|r| {
            r.measures.student_travel_minutes
        }),
        row("idle slots", false, &|r| r.measures.idle_slots as f64),
    ]);
    let mut courses: Vec<&String> = reports
        .iter()
        .flat_map(|r| r.measures.unmet_requests_by_course.keys())
        .collect();
    courses.sort();
    courses.dedup();
    let unmet_by_course = courses
        .into_iter()
        .map(|course| Row {
            name: course.clone(),
            values: reports
                .iter()
                .map(|r| {
                    r.measures
                        .unmet_requests_by_course
                        .get(course)
                        .copied()
                        .unwrap_or(0) as f64
                })
                .collect(),
            euros: false,
        })
        .collect();
    let verdicts = reports.iter().map(verdict).collect();
    Comparison {
        plans,
        verdicts,
        rows,
        unmet_by_course,
        reports,
    }
}

/// Per programme with students in any plan (lukio, vocational, double degree, in that
/// order): students fully served and requests met, as the checker counts them, and,
/// when `splits` are known (one per report), the unmet requests that cannot fit the
/// student's own week and those not met by this plan.
fn served_rows(reports: &[CheckReport], splits: &[Vec<UnmetSplit>]) -> Vec<Row> {
    let programmes = [
        Programme::Lukio,
        Programme::Vocational,
        Programme::DoubleDegree,
    ];
    let of = |report: &CheckReport, programme: Programme| {
        report
            .measures
            .by_programme
            .iter()
            .find(|s| s.programme == programme)
            .cloned()
    };
    let mut rows = Vec::new();
    for programme in programmes {
        if reports.iter().all(|r| of(r, programme).is_none()) {
            continue;
        }
        let count = |value: &dyn Fn(&ProgrammeService) -> usize| {
            reports
                .iter()
                .map(|r| of(r, programme).map_or(0.0, |s| value(&s) as f64))
                .collect()
        };
        let words = programme_label(programme);
        rows.push(Row {
            name: format!("{words}: students fully served"),
            values: count(&|s| s.students_fully_served),
            euros: false,
        });
        rows.push(Row {
            name: format!("{words}: requests met"),
            values: count(&|s| s.requests_met),
            euros: false,
        });
        if splits.len() != reports.len() {
            continue;
        }
        let part = |value: &dyn Fn(&UnmetSplit) -> usize| {
            splits
                .iter()
                .map(|split| {
                    split
                        .iter()
                        .find(|s| s.programme == programme)
                        .map_or(0.0, |s| value(s) as f64)
                })
                .collect()
        };
        rows.push(Row {
            name: format!("{words}: unmet, cannot fit own week"),
            values: part(&|s| s.cannot_fit_own_week),
            euros: false,
        });
        rows.push(Row {
            name: format!("{words}: unmet, not met by this plan"),
            values: part(&|s| s.not_met_by_plan),
            euros: false,
        });
    }
    rows
}

/// The checker's verdict in a few words: "feasible", "infeasible (3 violations)", ...
pub fn verdict(report: &CheckReport) -> String {
    if !report.instance_matches {
        "other instance".to_owned()
    } else if !report.is_feasible() {
        format!(
            "infeasible ({})",
            count(report.violations.len(), "violation", "violations")
        )
    } else if !report.differences.is_empty() {
        format!(
            "feasible, {}",
            count(report.differences.len(), "claim differs", "claims differ")
        )
    } else {
        "feasible".to_owned()
    }
}

/// A value with its difference against the first plan, e.g. "534.80 (+12.00)".
fn cell(row: &Row, plan: usize) -> String {
    against(
        row.euros,
        row.values[plan],
        (plan > 0).then(|| row.values[0]),
    )
}

/// `value`, and its difference against `base` when there is a base and they differ:
/// "534.80 (+12.00)", "7 (-2)". Euros as [`euros`] writes them, counts whole or to a
/// tenth.
pub(super) fn against(is_euros: bool, value: f64, base: Option<f64>) -> String {
    let format = |v: f64| {
        if is_euros {
            euros(v)
        } else if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    };
    match base {
        Some(base) if (value - base).abs() >= SAME_EUROS => {
            let sign = if value > base { "+" } else { "-" };
            format!("{} ({sign}{})", format(value), format((value - base).abs()))
        }
        _ => format(value),
    }
}

fn all_rows(comparison: &Comparison) -> impl Iterator<Item = (String, &Row)> {
    comparison.rows.iter().map(|r| (r.name.clone(), r)).chain(
        comparison
            .unmet_by_course
            .iter()
            .map(|r| (format!("unmet: {}", r.name), r)),
    )
}

/// A plain text table, one column per plan.
pub fn to_text(comparison: &Comparison) -> String {
    let mut lines: Vec<Vec<String>> = Vec::new();
    lines.push(
        std::iter::once(String::new())
            .chain(comparison.plans.iter().cloned())
            .collect(),
    );
    lines.push(
        std::iter::once("verdict".to_owned())
            .chain(comparison.verdicts.iter().cloned())
            .collect(),
    );
    for (name, row) in all_rows(comparison) {
        lines.push(
            std::iter::once(name)
                .chain((0..row.values.len()).map(|p| cell(row, p)))
                .collect(),
        );
    }
    let columns = lines[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            lines
                .iter()
                .map(|l| l[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for line in &lines {
        let cells: Vec<String> = line
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (cell, w))| {
                if c == 0 {
                    format!("{cell:<w$}")
                } else {
                    format!("{cell:>w$}")
                }
            })
            .collect();
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    text
}

/// A Markdown table, one column per plan.
pub fn to_markdown(comparison: &Comparison) -> String {
    let mut text = format!("| | {} |\n", comparison.plans.join(" | "));
    text.push_str(&format!(
        "|---|{}\n",
        "---:|".repeat(comparison.plans.len())
    ));
    text.push_str(&format!(
        "| verdict | {} |\n",
        comparison.verdicts.join(" | ")
    ));
    for (name, row) in all_rows(comparison) {
        let cells: Vec<String> = (0..row.values.len()).map(|p| cell(row, p)).collect();
        text.push_str(&format!("| {name} | {} |\n", cells.join(" | ")));
    }
    text
}
