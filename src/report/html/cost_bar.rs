//! The objective's terms as one bar: each term a stretch as long as its share of the
//! total, so "where does the money go" is one look. The values are the checker's; the
//! legend says each in euros and links to the term's items.

use maud::{Markup, html};

use crate::report::costs::Term;
use crate::report::money::euros;

const WIDTH: f64 = 720.0;
const BAR: f64 = 30.0;
const COLOURS: [&str; 7] = [
    "#c92a2a", "#2f9e44", "#e8590c", "#1c7ed6", "#7048e8", "#0c8599", "#868e96",
];

/// `terms`: each term with the checker's euros, in `Term::ALL` order.
pub fn bar(terms: &[(Term, f64)]) -> Markup {
    let total: f64 = terms.iter().map(|(_, v)| v.max(0.0)).sum();
    let mut x = 0.0;
    let stretches: Vec<(Term, f64, f64, &str)> = terms
        .iter()
        .enumerate()
        .map(|(i, (term, value))| {
            let w = if total > 0.0 {
                value.max(0.0) / total * WIDTH
            } else {
                0.0
            };
            let at = x;
            x += w;
            (*term, at, w, COLOURS[i % COLOURS.len()])
        })
        .collect();
    html! {
        figure.chart.cost-bar {
            figcaption { "Where the " (euros(total)) " euros a week go, term by term (the checker's values)." }
            svg viewBox=(format!("0 0 {WIDTH} {BAR}")) preserveAspectRatio="none" role="img" aria-label="The cost terms as shares of one bar" {
                @for (term, at, w, colour) in &stretches {
                    @if *w > 0.0 {
                        a href=(format!("#cost-{}", term.key())) {
                            rect x=(format!("{at:.1}")) y="0" width=(format!("{w:.1}")) height=(BAR) fill=(colour) data-share=(term.key()) {
                                title { (term.title()) }
                            }
                        }
                    }
                }
            }
            ul.legend {
                @for ((term, value), (_, _, _, colour)) in terms.iter().zip(&stretches) {
                    li {
                        span.swatch style=(format!("background:{colour}")) {}
                        a href=(format!("#cost-{}", term.key())) { (term.title()) } " " span.num data-share=(term.key()) { (euros(*value)) }
                    }
                }
            }
        }
    }
}
