//! The objective term by term: the checker's total for each term, then the items
//! behind it with their reasons, largest first.

use maud::{Markup, html};

use crate::report::costs::{CostItem, Term};
use crate::report::money::{SAME_EUROS, euros};
use crate::solution::check::CheckReport;

/// Items shown per term before the rest is summed in one line (a region-sized plan has
/// thousands; the CSV export has them all).
const ITEMS_SHOWN: usize = 200;

/// The checker's value of `term`.
pub fn checker_value(report: &CheckReport, term: Term) -> f64 {
    report
        .recomputed
        .named()
        .iter()
        .find(|(key, _)| *key == term.key())
        .map_or(0.0, |(_, v)| *v)
}

/// Terms whose items do not add up to the checker's value: (term, items, checker).
pub fn disagreements(report: &CheckReport, items: &[CostItem]) -> Vec<(Term, f64, f64)> {
    Term::ALL
        .iter()
        .filter_map(|&term| {
            let itemised: f64 = items
                .iter()
                .filter(|i| i.term == term)
                .map(|i| i.euros)
                .sum();
            let checker = checker_value(report, term);
            ((itemised - checker).abs() > SAME_EUROS).then_some((term, itemised, checker))
        })
        .collect()
}

pub fn page(report: &CheckReport, items: &[CostItem]) -> Markup {
    let wrong = disagreements(report, items);
    html! {
        h2 { "What the plan costs, and why" }
        p.muted { "Euros a week. The totals are the checker's recomputation from the instance and plan files; the items under each term are the people, sections and buses they come from." }
        div.scroll {
            table {
                thead { tr { th { "term" } th.num { "euros / week" } th.num { "items" } } }
                tbody {
                    @for term in Term::ALL {
                        tr {
                            td { a href=(format!("#cost-{}", term.key())) { (term.title()) } }
                            td.num data-term=(term.key()) { (euros(checker_value(report, term))) }
                            td.num { (items.iter().filter(|i| i.term == term).count()) }
                        }
                    }
                    tr { th { "total" } th.num data-term="total" { (euros(report.recomputed.total)) } th {} }
                }
            }
        }
        @for (term, itemised, checker) in &wrong {
            p.banner.bad { "The items of “" (term.title()) "” add up to " (euros(*itemised)) ", the checker says " (euros(*checker)) ": this is a bug in kopa's report; trust the checker's number." }
        }
        @for term in Term::ALL {
            @let of_term = largest_first(items, term);
            h3 id=(format!("cost-{}", term.key())) { (term.title()) ": " (euros(checker_value(report, term))) }
            @if of_term.is_empty() {
                p.muted { "nothing" }
            } @else {
                ul {
                    @for item in of_term.iter().take(ITEMS_SHOWN) {
                        li { (euros(item.euros)) " — " (item.reason) }
                    }
                    @if of_term.len() > ITEMS_SHOWN {
                        @let rest: f64 = of_term[ITEMS_SHOWN..].iter().map(|i| i.euros).sum();
                        li.muted { (of_term.len() - ITEMS_SHOWN) " more items, " (euros(rest)) " in all" }
                    }
                }
            }
        }
    }
}

fn largest_first(items: &[CostItem], term: Term) -> Vec<&CostItem> {
    let mut of_term: Vec<&CostItem> = items.iter().filter(|i| i.term == term).collect();
    of_term.sort_by(|a, b| b.euros.total_cmp(&a.euros));
    of_term
}
