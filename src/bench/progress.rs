//! When each better plan of a solve appeared, from its typed events (`kopa solve
//! --events`, see `solve::Event`): the `plan` events carry their objective and time,
//! so nothing here reads the lines meant for people.

use crate::solve::Event;
use crate::solve::environment::Stamped;

/// (seconds, objective) of every plan announced, in order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Incumbents(pub Vec<(f64, f64)>);

impl Incumbents {
    /// The plans among `events`.
    pub fn from_events<'a>(events: impl IntoIterator<Item = &'a Stamped>) -> Self {
        Incumbents(
            events
                .into_iter()
                .filter_map(|stamped| match stamped.event {
                    Event::Plan { objective, .. } => Some((stamped.seconds, objective)),
                    _ => None,
                })
                .collect(),
        )
    }

    /// The plans in a file of `kopa solve --events` (one JSON event a line); lines
    /// that are not events (a run killed mid-line) are skipped.
    pub fn read(events: &str) -> Self {
        let stamped: Vec<Stamped> = events
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect();
        Self::from_events(&stamped)
    }

    /// Seconds to the first plan.
    pub fn first(&self) -> Option<f64> {
        self.0.first().map(|&(t, _)| t)
    }

    /// Seconds until a plan within `fraction` of `final_objective` appeared.
    pub fn within(&self, final_objective: f64, fraction: f64) -> Option<f64> {
        let target = final_objective + fraction * final_objective.abs() + 1e-9;
        self.0.iter().find(|&&(_, o)| o <= target).map(|&(t, _)| t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: f64, event: Event) -> String {
        serde_json::to_string(&Stamped { seconds, event }).expect("serialises")
    }

    #[test]
    fn plans_are_read_from_events() {
        let note = |m: &str| Event::Note { message: m.into() };
        let plan = |objective: f64| Event::Plan {
            objective,
            message: String::new(),
        };
        let log = [
            at(0.1, note("greedy timetable: 45 sections")),
            at(0.1, plan(29854.54)),
            at(
                3.2,
                Event::Bound {
                    value: 16860.2,
                    message: String::new(),
                },
            ),
            at(7.4, plan(27810.50)),
            at(
                9.0,
                note("students assigned exactly: NoSolution, objective -"),
            ),
            at(17.6, plan(27779.70)),
            at(20.0, plan(100.0)),
            "{\"seconds\": 21.0, \"event\": \"pl".to_owned(),
        ]
        .join("\n");
        let found = Incumbents::read(&log);
        assert_eq!(
            found.0,
            vec![
                (0.1, 29854.54),
                (7.4, 27810.50),
                (17.6, 27779.70),
                (20.0, 100.0)
            ]
        );
        assert_eq!(found.first(), Some(0.1));
        assert_eq!(found.within(27779.70, 0.01), Some(7.4));
        assert_eq!(found.within(50.0, 0.01), None);
    }
}
