//! The comparison of a sweep: one column per scenario (the base first), what each
//! scenario changes, whether it found a plan, the checker's verdict and every
//! objective term with its difference against the base, and one sentence naming
//! what the change cost or saved, and one more saying whether the scenarios' bounds
//! prove the difference's sign or it may be the search's noise. Markdown, a self-contained HTML page (no scripts,
//! fonts or anything fetched; a table that scrolls sideways on a phone) and JSON.
//!
//! Every number comes from the checker's recomputation of each plan against its own
//! variant instance, never from the solver. The page is built with maud, as the plan
//! report is: every text is escaped, so a name from a patch file never becomes markup.

use maud::{Markup, html};
use serde::Serialize;

use super::compare::{Comparison, Row, against, compare_reports, verdict};
use super::money::{SAME_EUROS, euros, signed_euros};
use super::own_week::UnmetSplit;
use crate::scenario::diff::{Change, summarise};
use crate::solution::check::CheckReport;
use crate::solution::{ObjectiveTerms, Provenance};
use crate::words::count;

/// Changes listed before the rest is folded away in the HTML page.
const CHANGES_SHOWN_OPEN: usize = 12;

/// One scenario of a sweep and how it ended.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    /// The patch file's stem; the base file's stem for the base.
    pub name: String,
    /// The variant instance's `description`.
    pub description: String,
    /// The patch file, `None` for the base.
    pub patch: Option<String>,
    /// What the variant changes against the base (empty for the base).
    pub changes: Vec<Change>,
    pub result: ScenarioResult,
    /// The total of the plan each of its own solves found, one per seed (`--seeds`),
    /// before plans travelled between scenarios: the spread says how much is search.
    pub seed_totals: Vec<SeedTotal>,
}

/// One solve of a scenario: its seed and the total of its plan (`None`: no plan).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeedTotal {
    pub seed: u64,
    pub total: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase", tag = "outcome")]
pub enum ScenarioResult {
    /// A plan, with how it was found and the checker's report on it.
    Plan {
        provenance: Box<Provenance>,
        report: Box<CheckReport>,
        /// The unmet requests of each programme: those that cannot fit the student's
        /// own week and those not met by this plan ([`crate::report::own_week`]).
        #[serde(rename = "unmetSplit")]
        unmet_split: Vec<UnmetSplit>,
    },
    /// No plan: proven infeasible, none within the time limit, or the solver failed.
    NoPlan { reason: String },
}

impl Scenario {
    pub fn report(&self) -> Option<&CheckReport> {
        match &self.result {
            ScenarioResult::Plan { report, .. } => Some(report),
            ScenarioResult::NoPlan { .. } => None,
        }
    }

    pub fn objective(&self) -> Option<&ObjectiveTerms> {
        self.report().map(|r| &r.recomputed)
    }

    /// The best lower bound its solves proved on its total, if any.
    pub fn bound(&self) -> Option<f64> {
        match &self.result {
            ScenarioResult::Plan { provenance, .. } => provenance.best_bound,
            ScenarioResult::NoPlan { .. } => None,
        }
    }

    /// Where its plan came from ("its own search (seed 0)", "found for scenario X
    /// (seed 0)"), if it has one.
    pub fn origin(&self) -> Option<&str> {
        match &self.result {
            ScenarioResult::Plan { provenance, .. } => provenance.origin.as_deref(),
            ScenarioResult::NoPlan { .. } => None,
        }
    }

    /// The spread of its own solves' totals: "27,100.00" for one seed, "27,100.00 to
    /// 27,900.00 (3 seeds)" for more, with how many found no plan.
    pub fn spread(&self) -> String {
        let totals: Vec<f64> = self.seed_totals.iter().filter_map(|s| s.total).collect();
        let without = self.seed_totals.len() - totals.len();
        let low = totals.iter().copied().reduce(f64::min);
        let high = totals.iter().copied().reduce(f64::max);
        let mut text = match (low, high) {
            (Some(low), _) if self.seed_totals.len() == 1 => euros(low),
            (Some(low), Some(high)) => format!(
                "{} to {} ({})",
                euros(low),
                euros(high),
                count(self.seed_totals.len(), "seed", "seeds")
            ),
            _ => "—".to_owned(),
        };
        if without > 0 && !totals.is_empty() {
            text.push_str(&format!(", {without} without a plan"));
        }
        text
    }

    /// The status in a word or two: "optimal", "timeLimit", "no plan".
    pub fn status(&self) -> String {
        match &self.result {
            ScenarioResult::Plan { provenance, .. } => serde_json::to_value(provenance.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            ScenarioResult::NoPlan { .. } => "no plan".to_owned(),
        }
    }
}

/// A whole sweep: the base first, then one scenario per patch.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sweep {
    /// The base instance file.
    pub base: String,
    pub time_limit_seconds: Option<f64>,
    pub seed: u64,
    pub scenarios: Vec<Scenario>,
    /// Per scenario (same order): the total's difference against the base, when both
    /// have a plan.
    pub total_differences: Vec<Option<f64>>,
    /// Per scenario: the sentence naming what the change cost or saved.
    pub summaries: Vec<String>,
    /// Per scenario: whether the bounds prove the sign of its difference against the
    /// base (`None` for the base, and where either has no plan).
    pub signs: Vec<Option<String>>,
}

impl Sweep {
    pub fn new(
        base: String,
        time_limit_seconds: Option<f64>,
        seed: u64,
        scenarios: Vec<Scenario>,
    ) -> Sweep {
        let base_total = scenarios[0].objective().map(|o| o.total);
        let total_differences = scenarios
            .iter()
            .map(|s| Some(s.objective()?.total - base_total?))
            .collect();
        let summaries = scenarios
            .iter()
            .map(|s| summary(&scenarios[0], s))
            .collect();
        let signs = scenarios
            .iter()
            .enumerate()
            .map(|(i, s)| (i > 0).then(|| sign(&scenarios[0], s)).flatten())
            .collect();
        Sweep {
            base,
            time_limit_seconds,
            seed,
            scenarios,
            total_differences,
            summaries,
            signs,
        }
    }
}

/// How a term is said in a sentence.
fn term_words(term: &str) -> &str {
    match term {
        "unmetRequests" => "unmet requests",
        "sectionCost" => "sections",
        "optionalTrips" => "chartered trips",
        "teacherDriving" => "teacher driving",
        "studentTravel" => "student travel",
        "remoteDelivery" => "remote delivery",
        "idleSlots" => "idle slots",
        other => other,
    }
}

/// One sentence on what `scenario` cost or saved against `base`, e.g. "no-video:
/// +1,234.50 €/week against the base, mostly unmet requests (+800.00) and student
/// travel (+434.50)".
pub fn summary(base: &Scenario, scenario: &Scenario) -> String {
    let name = &scenario.name;
    if std::ptr::eq(base, scenario) {
        return match scenario.objective() {
            Some(o) => format!("{name} (the base): {} €/week", euros(o.total)),
            None => format!("{name} (the base): no plan, so no differences can be given"),
        };
    }
    let (Some(ours), Some(theirs)) = (scenario.objective(), base.objective()) else {
        return match &scenario.result {
            ScenarioResult::NoPlan { reason } => format!("{name}: no plan ({reason})"),
            ScenarioResult::Plan { .. } => format!(
                "{name}: {} €/week; the base has no plan to compare with",
                euros(scenario.objective().map_or(0.0, |o| o.total))
            ),
        };
    };
    let total = ours.total - theirs.total;
    let mut sentence = if total.abs() < SAME_EUROS {
        format!("{name}: the same cost as the base (±0.00 €/week)")
    } else {
        format!("{name}: {} €/week against the base", signed_euros(total))
    };
    let mut terms: Vec<(&str, f64)> = ours
        .named()
        .iter()
        .zip(theirs.named())
        .filter(|((term, _), _)| *term != "total")
        .map(|((term, a), (_, b))| (*term, a - b))
        .filter(|(_, d)| d.abs() >= SAME_EUROS)
        .collect();
    terms.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(b.0)));
    let said = |list: &[&(&str, f64)]| {
        list.iter()
            .map(|(term, d)| format!("{} ({})", term_words(term), signed_euros(*d)))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let direction = if total >= 0.0 { 1.0 } else { -1.0 };
    let with: Vec<&(&str, f64)> = terms
        .iter()
        .filter(|(_, d)| d * direction > 0.0)
        .take(2)
        .collect();
    let against: Vec<&(&str, f64)> = terms
        .iter()
        .filter(|(_, d)| d * direction < 0.0)
        .take(1)
        .collect();
    if total.abs() < SAME_EUROS {
        if !terms.is_empty() {
            let shifts: Vec<&(&str, f64)> = terms.iter().take(2).collect();
            sentence.push_str(&format!(", shifting {}", said(&shifts)));
        }
    } else if !with.is_empty() {
        sentence.push_str(&format!(", mostly {}", said(&with)));
        if !against.is_empty() {
            sentence.push_str(&format!(", partly offset by {}", said(&against)));
        }
    }
    sentence
}

/// Whether the bounds prove the sign of `scenario`'s difference against `base`: the
/// optima differ by at least the scenario's bound minus the base's plan, and at most
/// the scenario's plan minus the base's bound. E.g. "at least 310.00 €/week dearer:
/// the variant's bound exceeds the base's plan". `None` unless both have a plan.
pub fn sign(base: &Scenario, scenario: &Scenario) -> Option<String> {
    let ours = scenario.objective()?.total;
    let theirs = base.objective()?.total;
    let name = &scenario.name;
    let (Some(our_bound), Some(their_bound)) = (scenario.bound(), base.bound()) else {
        let without: Vec<&str> = [base, scenario]
            .iter()
            .filter(|s| s.bound().is_none())
            .map(|s| s.name.as_str())
            .collect();
        return Some(format!(
            "{name}: its sign is not proven: {} has no bound",
            without.join(" and ")
        ));
    };
    let at_least = our_bound - theirs;
    let at_most = ours - their_bound;
    Some(if at_least >= SAME_EUROS {
        format!(
            "{name}: at least {} €/week dearer: the variant's bound exceeds the base's plan",
            euros(at_least)
        )
    } else if at_most <= -SAME_EUROS {
        format!(
            "{name}: at least {} €/week cheaper: the base's bound exceeds the variant's plan",
            euros(-at_most)
        )
    } else if at_least > -SAME_EUROS && at_most < SAME_EUROS {
        format!("{name}: the same cost, proven: both plans meet their bounds")
    } else {
        format!(
            "{name}: its sign is not proven: the bounds allow a difference from {} to {} €/week; the difference of the plans may be the search, not the change",
            signed_euros(at_least),
            signed_euros(at_most)
        )
    })
}

/// The side-by-side table: a header row of scenario names, then named rows of cells.
fn table(sweep: &Sweep) -> (Vec<String>, Vec<(String, Vec<String>)>) {
    let header = sweep.scenarios.iter().map(|s| s.name.clone()).collect();
    let planned: Vec<usize> = (0..sweep.scenarios.len())
        .filter(|&i| sweep.scenarios[i].report().is_some())
        .collect();
    let comparison: Comparison = compare_reports(
        planned
            .iter()
            .map(|&i| sweep.scenarios[i].name.clone())
            .collect(),
        planned
            .iter()
            .filter_map(|&i| sweep.scenarios[i].report().cloned())
            .collect(),
        &planned
            .iter()
            .filter_map(|&i| match &sweep.scenarios[i].result {
                ScenarioResult::Plan { unmet_split, .. } => Some(unmet_split.clone()),
                ScenarioResult::NoPlan { .. } => None,
            })
            .collect::<Vec<_>>(),
    );
    let base_planned = planned.first() == Some(&0);
    let column = |row: &Row, scenario: usize| -> String {
        let Some(at) = planned.iter().position(|&i| i == scenario) else {
            return "—".to_owned();
        };
        let base = (scenario > 0 && base_planned).then(|| row.values[0]);
        against(row.euros, row.values[at], base)
    };
    let per_scenario = |f: &dyn Fn(&Scenario) -> String| -> Vec<String> {
        sweep.scenarios.iter().map(f).collect()
    };
    let mut rows = vec![
        ("status".to_owned(), per_scenario(&|s| s.status())),
        (
            "checker".to_owned(),
            per_scenario(&|s| s.report().map_or("—".to_owned(), verdict)),
        ),
        (
            "plan from".to_owned(),
            per_scenario(&|s| s.origin().unwrap_or("—").to_owned()),
        ),
        (
            "best bound".to_owned(),
            per_scenario(&|s| s.bound().map_or("—".to_owned(), euros)),
        ),
        (
            "gap".to_owned(),
            per_scenario(&|s| match &s.result {
                ScenarioResult::Plan { provenance, .. } => provenance
                    .gap
                    .map_or("—".to_owned(), |g| format!("{:.2}%", g * 100.0)),
                ScenarioResult::NoPlan { .. } => "—".to_owned(),
            }),
        ),
        (
            "own solves' totals".to_owned(),
            per_scenario(&|s| s.spread()),
        ),
        (
            "changes".to_owned(),
            per_scenario(&|s| s.changes.len().to_string()),
        ),
    ];
    let all_rows = comparison.rows.iter().map(|r| (r.name.clone(), r)).chain(
        comparison
            .unmet_by_course
            .iter()
            .map(|r| (format!("unmet: {}", r.name), r)),
    );
    for (name, row) in all_rows {
        let name = if row.euros && comparison.rows.iter().take(8).any(|r| r.name == name) {
            format!("{name} (€/week)")
        } else {
            name
        };
        rows.push((
            name,
            (0..sweep.scenarios.len()).map(|s| column(row, s)).collect(),
        ));
    }
    (header, rows)
}

fn limits(sweep: &Sweep) -> String {
    let limit = sweep
        .time_limit_seconds
        .map_or("no time limit".to_owned(), |s| {
            format!("time limit {s} s each")
        });
    let solves = sweep.scenarios.first().map_or(1, |s| s.seed_totals.len());
    let seeds = if solves > 1 {
        format!(
            "{} each, seeds {} to {}",
            count(solves, "solve", "solves"),
            sweep.seed,
            sweep.seed + solves as u64 - 1
        )
    } else {
        format!("seed {}", sweep.seed)
    };
    format!(
        "Base `{}`, {} besides the base, {limit}, {seeds}. Every plan found was offered to every scenario, and each keeps the cheapest the checker accepts in its own instance (the row \"plan from\" says whose search found it). Every number is the checker's recomputation of the plan against its own variant instance; differences are against the base (the first column).",
        sweep.base,
        count(sweep.scenarios.len() - 1, "scenario", "scenarios"),
    )
}

/// The comparison as Markdown.
pub fn to_markdown(sweep: &Sweep) -> String {
    let mut text = format!("# Sweep of {}\n\n{}\n\n", sweep.base, limits(sweep));
    text.push_str("## What each change cost or saved\n\n");
    for (line, sign) in sweep.summaries.iter().zip(&sweep.signs) {
        text.push_str(&format!("- {}\n", md_escape(line)));
        if let Some(sign) = sign {
            text.push_str(&format!("  - {}\n", md_escape(sign)));
        }
    }
    let (header, rows) = table(sweep);
    text.push_str("\n## Side by side\n\n");
    text.push_str(&format!(
        "| | {} |\n|---|{}\n",
        header
            .iter()
            .map(|h| md_escape(h))
            .collect::<Vec<_>>()
            .join(" | "),
        "---:|".repeat(header.len())
    ));
    for (name, cells) in &rows {
        text.push_str(&format!(
            "| {} | {} |\n",
            md_escape(name),
            cells
                .iter()
                .map(|c| md_escape(c))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    text.push_str("\n## Scenarios\n");
    for scenario in &sweep.scenarios {
        text.push_str(&format!("\n### {}\n\n", md_escape(&scenario.name)));
        match &scenario.patch {
            Some(patch) => text.push_str(&format!("Patch `{patch}`. ")),
            None => text.push_str("The base. "),
        }
        text.push_str(&format!("{}\n\n", md_escape(&scenario.description)));
        if let ScenarioResult::NoPlan { reason } = &scenario.result {
            text.push_str(&format!("**No plan**: {}\n\n", md_escape(reason)));
        }
        if scenario.patch.is_some() {
            let lines = summarise(&scenario.changes);
            if lines.is_empty() {
                text.push_str("What changed: nothing (the variant equals the base).\n");
            } else {
                text.push_str(&format!(
                    "What changed ({}):\n\n",
                    count(scenario.changes.len(), "change", "changes")
                ));
                for line in lines {
                    text.push_str(&format!("- {}\n", md_escape(&line)));
                }
            }
        }
    }
    text
}

/// Escapes what would break a Markdown table cell or turn text into markup.
fn md_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('*', "\\*")
        .replace('_', "\\_")
        .replace('<', "&lt;")
        .replace('\n', " ")
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.45;margin:0 auto;max-width:64rem;padding:1rem;color:#1a1a1a;background:#fff}\
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}h3{font-size:1.05rem}\
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}\
table{border-collapse:collapse;font-size:.9rem}\
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:right;white-space:nowrap}\
th:first-child,td:first-child{text-align:left;position:sticky;left:0;background:#fff}\
thead th{border-bottom:2px solid #888}\
.bad{color:#a40000;font-weight:600}.note{color:#555}\
li{margin:.2rem 0;overflow-wrap:anywhere}\
section{border-top:1px solid #ddd;margin-top:1rem}\
figure.chart{margin:.75rem 0}figure.chart figcaption{color:#555;font-size:.85rem}\
svg.sweep{display:block;width:100%;height:auto;min-width:30rem;font-size:11px}\
svg .title{font-weight:600;font-size:12px}svg .zero{stroke:#888}svg .dearer{fill:#c92a2a}svg .cheaper{fill:#2f9e44}svg .same{fill:#aaa}\
svg .value,svg .none{fill:#555}\
@media print{@page{size:A4;margin:12mm}body{max-width:none;padding:0}.scroll{overflow:visible}svg.sweep{min-width:0}figure.chart{break-inside:avoid}}";

/// The comparison as one self-contained HTML page.
pub fn to_html(sweep: &Sweep) -> String {
    let title = format!("Sweep of {}", sweep.base);
    let (header, rows) = table(sweep);
    let is_bad =
        |cell: &str| cell == "no plan" || cell.starts_with("infeasible") || cell.contains("differ");
    let body = html! {
        h1 { (title) }
        p.note { (limits(sweep).replace('`', "")) }
        h2 { "What each change cost or saved" }
        ul {
            @for (line, sign) in sweep.summaries.iter().zip(&sweep.signs) {
                li {
                    (line)
                    @if let Some(sign) = sign { ul { li.note { (sign) } } }
                }
            }
        }
        h2 { "Side by side" }
        div.scroll {
            table {
                thead { tr { th {} @for name in &header { th { (name) } } } }
                tbody {
                    @for (name, cells) in &rows {
                        tr {
                            td { (name) }
                            @for cell in cells { td class=[is_bad(cell).then_some("bad")] { (cell) } }
                        }
                    }
                }
            }
        }
        h2 { "Against the base, term by term" }
        (super::sweep_chart::chart(
            sweep.scenarios[0].objective(),
            &sweep.scenarios[1..].iter().map(|s| (s.name.as_str(), s.objective())).collect::<Vec<_>>(),
        ))
        h2 { "Scenarios" }
        @for scenario in &sweep.scenarios { (scenario_section(scenario)) }
    };
    super::html::document(&title, STYLE, body).into_string()
}

/// One scenario: its patch, its description, why it has no plan, what it changes (the
/// first few open, the rest folded away).
fn scenario_section(scenario: &Scenario) -> Markup {
    let lines = if scenario.patch.is_some() {
        summarise(&scenario.changes)
    } else {
        Vec::new()
    };
    let (open, folded) = lines.split_at(lines.len().min(CHANGES_SHOWN_OPEN));
    html! {
        section {
            h3 { (scenario.name) }
            p {
                @match &scenario.patch {
                    Some(patch) => { "Patch " code { (patch) } ". " }
                    None => { "The base. " }
                }
                (scenario.description)
            }
            @if let ScenarioResult::NoPlan { reason } = &scenario.result {
                p.bad { "No plan: " (reason) }
            }
            @if scenario.patch.is_some() {
                @if lines.is_empty() {
                    p { "What changed: nothing (the variant equals the base)." }
                } @else {
                    p { "What changed (" (count(scenario.changes.len(), "change", "changes")) "):" }
                    ul { @for line in open { li { (line) } } }
                    @if !folded.is_empty() {
                        details {
                            summary { (folded.len()) " more" }
                            ul { @for line in folded { li { (line) } } }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base_only(name: &str, description: &str) -> Sweep {
        let scenario = Scenario {
            name: name.to_owned(),
            description: description.to_owned(),
            patch: None,
            changes: Vec::new(),
            result: ScenarioResult::NoPlan {
                reason: "none found <in time> & \"given up\"".to_owned(),
            },
            seed_totals: vec![SeedTotal {
                seed: 0,
                total: None,
            }],
        };
        Sweep::new(format!("{name}.json"), Some(1.0), 0, vec![scenario])
    }

    #[test]
    fn the_html_page_shows_text_never_markup() {
        let page = to_html(&base_only(
            "<b>base</b>",
            "a 'quoted' & <i>odd</i> description",
        ));
        assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
        assert!(!page.contains("<b>") && !page.contains("<i>"), "{page}");
        assert!(page.contains("&lt;b&gt;base&lt;/b&gt;"), "{page}");
        assert!(
            page.contains("a 'quoted' &amp; &lt;i&gt;odd&lt;/i&gt; description"),
            "{page}"
        );
        assert!(
            page.contains(r#"<p class="bad">No plan: none found &lt;in time&gt; &amp; &quot;given up&quot;</p>"#),
            "{page}"
        );
    }
}
