//! Clashes the count's relaxation can feel: rows from the co-request graph.
//!
//! The count's LP spreads a course over every pattern (a fraction of its section in
//! each), and a student then takes a fraction of every course in every pattern: no
//! clash survives. Only a set of courses too large for the patterns there are forces
//! one. For courses that open at most one section, every pair asked for together by a
//! student gets a clash column per pattern (1 when both sit in it) that takes one of
//! that student's two courses away, and a set K of such courses, pairwise asked for
//! together, gets `sum over K of sections in pattern b <= 1 + clashes of K in b` and,
//! when K has more courses than patterns, the fewest clashes its sections force
//! (pigeonholes). Every row holds for every integer point of the count (with each
//! clash column the product of its two sections), so the count stays a relaxation of
//! every plan.

use std::collections::{BTreeMap, BTreeSet};

use good_lp::{Constraint, Expression, Variable, VariableDefinition, variable};

use crate::model::{CourseIx, Model, PatternIx, Timing};

/// Sections opened per course and pattern, as the count holds them.
pub type Sections = [Vec<(Option<PatternIx>, Variable)>];

/// A student's attendance columns: per course asked for, one column per entry of
/// that course's `Sections`.
pub type Attends = Vec<(CourseIx, Vec<Variable>)>;

/// The clash columns (added through `add`, given a definition and a name) and rows
/// for `model`, each row with its family.
pub fn clash_rows(
    model: &Model,
    sections: &Sections,
    attends: &[Attends],
    add: &mut dyn FnMut(VariableDefinition, String) -> Variable,
) -> Vec<(&'static str, Constraint)> {
    let single: BTreeSet<CourseIx> = (0..model.courses.len())
        .filter(|&c| {
            model.courses[c].max_sections == 1
                && matches!(model.courses[c].timing, Timing::Pattern(_))
        })
        .collect();
    // How many students ask for both courses of a pair (each course a request of its own).
    let mut together: BTreeMap<(CourseIx, CourseIx), usize> = BTreeMap::new();
    for student in &model.students {
        let asked: BTreeSet<CourseIx> = student
            .requests
            .iter()
            .filter(|r| r.courses.len() == 1)
            .map(|r| r.courses[0])
            .filter(|c| single.contains(c))
            .collect();
        let asked: Vec<CourseIx> = asked.into_iter().collect();
        for (i, &a) in asked.iter().enumerate() {
            for &b in &asked[i + 1..] {
                *together.entry((a, b)).or_insert(0) += 1;
            }
        }
    }
    let adjacent = |a: CourseIx, b: CourseIx| together.contains_key(&(a.min(b), a.max(b)));
    // Cliques, greedily: from each course, its neighbours by how many ask for both.
    let mut cliques: BTreeSet<Vec<CourseIx>> = BTreeSet::new();
    for &seed in &single {
        let mut neighbours: Vec<(usize, CourseIx)> = single
            .iter()
            .filter(|&&c| c != seed && adjacent(seed, c))
            .map(|&c| (together[&(seed.min(c), seed.max(c))], c))
            .collect();
        neighbours.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        let mut clique = vec![seed];
        for (_, c) in neighbours {
            if clique.iter().all(|&k| adjacent(k, c)) {
                clique.push(c);
            }
        }
        if clique.len() >= 2 {
            clique.sort_unstable();
            cliques.insert(clique);
        }
    }
    let opened_in = |c: CourseIx| -> BTreeMap<PatternIx, Variable> {
        sections[c]
            .iter()
            .filter_map(|&(p, k)| p.map(|p| (p, k)))
            .collect()
    };
    let mut rows: Vec<(&'static str, Constraint)> = Vec::new();
    let mut clashes: BTreeMap<(CourseIx, CourseIx), BTreeMap<PatternIx, Variable>> =
        BTreeMap::new();
    let mut clash_of = |a: CourseIx, b: CourseIx, rows: &mut Vec<(&'static str, Constraint)>| {
        if let Some(known) = clashes.get(&(a, b)) {
            return known.clone();
        }
        let (in_a, in_b) = (opened_in(a), opened_in(b));
        let mut per_pattern = BTreeMap::new();
        for (&p, &xa) in &in_a {
            let Some(&xb) = in_b.get(&p) else { continue };
            let z = add(
                variable().min(0).max(1),
                format!(
                    "clash[{},{},{}]",
                    model.courses[a].id, model.courses[b].id, model.patterns[p].id
                ),
            );
            rows.push(("clash_if_both_in_pattern", (xa + xb - z).leq(1)));
            rows.push(("clash_only_if_opened", Expression::from(z).leq(xa)));
            rows.push(("clash_only_if_opened", Expression::from(z).leq(xb)));
            per_pattern.insert(p, z);
        }
        // A student who could take both loses one when they share a pattern.
        let any_clash: Expression = per_pattern.values().copied().sum();
        for student in attends {
            let of = |c: CourseIx| student.iter().find(|(k, _)| *k == c);
            if let (Some((_, ca)), Some((_, cb))) = (of(a), of(b)) {
                let both: Expression = ca.iter().chain(cb).copied().sum();
                rows.push(("clash_takes_a_course", (both + any_clash.clone()).leq(2)));
            }
        }
        clashes.insert((a, b), per_pattern.clone());
        per_pattern
    };
    for clique in &cliques {
        let mut pairs = Vec::new();
        for (i, &a) in clique.iter().enumerate() {
            for &b in &clique[i + 1..] {
                pairs.push(clash_of(a, b, &mut rows));
            }
        }
        let patterns: BTreeSet<PatternIx> = clique
            .iter()
            .flat_map(|&c| opened_in(c).into_keys())
            .collect();
        for &p in &patterns {
            let opened: Expression = clique
                .iter()
                .filter_map(|&c| opened_in(c).get(&p).copied())
                .sum();
            let clashing: Expression = pairs.iter().filter_map(|z| z.get(&p).copied()).sum();
            rows.push(("clique_in_pattern", (opened - clashing).leq(1)));
        }
        let bins = patterns.len();
        if bins == 0 || clique.len() <= bins {
            continue;
        }
        // m sections in `bins` patterns share a pattern in at least `fewest(m)` pairs;
        // `fewest` is convex, so each of its chords extended is a valid row.
        let fewest = |m: usize| {
            let (q, r) = (m / bins, m % bins);
            (r * (q + 1) * q / 2 + (bins - r) * q * q.saturating_sub(1) / 2) as f64
        };
        let all_clashes: Expression = pairs.iter().flat_map(|z| z.values().copied()).sum();
        let opened: Expression = clique
            .iter()
            .flat_map(|&c| opened_in(c).into_values())
            .sum();
        for j in bins..clique.len() {
            let slope = fewest(j + 1) - fewest(j);
            rows.push((
                "clique_pigeonhole",
                (all_clashes.clone() - slope * opened.clone()).geq(fewest(j) - slope * j as f64),
            ));
        }
    }
    rows
}
