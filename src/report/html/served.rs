//! Whom the plan serves, by programme: the students whose every request is met and
//! the requests met, as the checker counts them, on top of the page beside its
//! verdict, and the unmet requests split into those that cannot fit the student's own
//! week and those not met by this plan. Double-degree students have a line of their
//! own: they ask of both providers and are the first to be left short.

use maud::{Markup, html};

use crate::report::label::programme_label;
use crate::report::own_week::UnmetSplit;
use crate::solution::check::CheckReport;

/// `split`: the report's unmet requests split by own week, one per programme of
/// `report.measures.by_programme`, in its order.
pub fn table(report: &CheckReport, split: &[UnmetSplit]) -> Markup {
    html! {
        div.scroll {
            table.served {
                thead { tr {
                    th { "programme" } th.num { "students fully served" } th.num { "requests met" }
                    th.num { "unmet: cannot fit own week" } th.num { "unmet: not met by this plan" }
                } }
                tbody {
                    @for (served, unmet) in report.measures.by_programme.iter().zip(split) {
                        tr data-programme=(programme_label(served.programme)) {
                            td { (programme_label(served.programme)) }
                            td.num { (served.students_fully_served) " of " (served.students) }
                            td.num { (served.requests_met) " of " (served.requests) }
                            td.num { (unmet.cannot_fit_own_week) }
                            td.num { (unmet.not_met_by_plan) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};
    use std::path::Path;

    use crate::instance::{Programme, read_instance};
    use crate::model::Model;
    use crate::report::PlanIndex;
    use crate::report::costs::itemise;
    use crate::report::html::render;
    use crate::report::own_week::OwnWeeks;
    use crate::report::sweep::{Scenario, ScenarioResult, Sweep, to_html, to_markdown};
    use crate::solution::check::check;
    use crate::solve::{Environment, greedy_plan};

    /// (students, fully served, requests, met) of one programme, counted here from the
    /// instance and the plan's own lists: a student takes a course when the plan
    /// seats them in one of its sections; a one-of group is one request.
    fn count(
        instance: &crate::instance::Instance,
        plan: &crate::solution::Solution,
        programme: Programme,
    ) -> (usize, usize, usize, usize) {
        let course_of: HashMap<&str, &str> = plan
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s.course.as_str()))
            .collect();
        let (mut students, mut served, mut requests, mut met) = (0, 0, 0, 0);
        for student in instance
            .students
            .iter()
            .filter(|s| s.programme == programme)
        {
            let takes: HashSet<&str> = plan
                .students
                .iter()
                .filter(|p| p.student == student.id)
                .flat_map(|p| &p.sections)
                .filter_map(|a| course_of.get(a.section.as_str()).copied())
                .collect();
            let asked = student.requests.len() + student.one_of.len();
            let got = student
                .requests
                .iter()
                .filter(|r| takes.contains(r.course.as_str()))
                .count()
                + student
                    .one_of
                    .iter()
                    .filter(|g| g.courses.iter().any(|c| takes.contains(c.as_str())))
                    .count();
            students += 1;
            served += usize::from(got == asked);
            requests += asked;
            met += got;
        }
        (students, served, requests, met)
    }

    #[test]
    fn tornio_valley_figures_by_programme_match_a_count_of_the_plan() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let instance = read_instance(&root.join("instances/tornio-valley/tornio-valley.json"))
            .expect("the shipped instance reads");
        let model = Model::new(&instance).expect("a valid instance");
        let plan = greedy_plan(&instance, &model, &Environment::new(0, 1, None))
            .expect("placements enumerate")
            .expect("the greedy plan meets every mandatory request");
        let report = check(&instance, &plan);

        let expected: Vec<(Programme, (usize, usize, usize, usize))> = [
            Programme::Lukio,
            Programme::Vocational,
            Programme::DoubleDegree,
        ]
        .into_iter()
        .map(|p| (p, count(&instance, &plan, p)))
        .collect();
        // Every programme has students there, and the plan leaves some request unmet,
        // so the figures are not trivially "all".
        assert!(expected.iter().all(|(_, c)| c.0 > 0), "{expected:?}");
        assert!(expected.iter().any(|(_, c)| c.3 < c.2), "{expected:?}");
        let checker: Vec<(Programme, (usize, usize, usize, usize))> = report
            .measures
            .by_programme
            .iter()
            .map(|s| {
                (
                    s.programme,
                    (
                        s.students,
                        s.students_fully_served,
                        s.requests,
                        s.requests_met,
                    ),
                )
            })
            .collect();
        assert_eq!(checker, expected);

        let own_weeks = OwnWeeks::new(&instance, &model);
        let split = own_weeks.split(&report);
        let index = PlanIndex::new(&instance, &plan);
        let page = render(
            &index,
            &report,
            &itemise(&index, &model),
            &own_weeks,
            &HashMap::new(),
        );
        let name = |p: Programme| crate::report::label::programme_label(p);
        for ((programme, (students, served, requests, met)), unmet) in expected.iter().zip(&split) {
            assert_eq!(unmet.programme, *programme);
            assert_eq!(
                unmet.cannot_fit_own_week + unmet.not_met_by_plan,
                requests - met
            );
            let row = format!(
                r#"<tr data-programme="{0}"><td>{0}</td><td class="num">{served} of {students}</td><td class="num">{met} of {requests}</td><td class="num">{1}</td><td class="num">{2}</td></tr>"#,
                name(*programme),
                unmet.cannot_fit_own_week,
                unmet.not_met_by_plan
            );
            assert!(page.contains(&row), "{row} not in the page");
        }

        let sweep = Sweep::new(
            "tornio-valley.json".to_owned(),
            None,
            0,
            vec![Scenario {
                name: "tornio-valley".to_owned(),
                description: String::new(),
                patch: None,
                changes: Vec::new(),
                result: ScenarioResult::Plan {
                    provenance: Box::new(plan.provenance.clone()),
                    report: Box::new(report.clone()),
                    unmet_split: split.clone(),
                },
                seed_totals: Vec::new(),
            }],
        );
        let markdown = to_markdown(&sweep);
        let html = to_html(&sweep);
        let json = serde_json::to_value(&sweep).expect("json");
        for (k, (programme, (_, served, _, met))) in expected.iter().enumerate() {
            let words = name(*programme);
            for (what, value) in [("students fully served", served), ("requests met", met)] {
                let md = format!("| {words}: {what} | {value} |");
                assert!(markdown.contains(&md), "{md} not in\n{markdown}");
                let cell = format!("<td>{words}: {what}</td><td>{value}</td>");
                assert!(html.contains(&cell), "{cell} not in the sweep page");
            }
            let of = &json["scenarios"][0]["result"]["report"]["measures"]["byProgramme"][k];
            assert_eq!(of["studentsFullyServed"], *served);
            assert_eq!(of["requestsMet"], *met);
        }
    }
}
