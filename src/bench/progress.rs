//! Reading a solve's progress lines back: when each better plan appeared.
//!
//! `kopa solve` prints `[   12.3s] message` lines (see `solve::Environment::report`);
//! the lines that announce a plan carry its objective: the greedy assignment's, the
//! exact assignment's or exact model's (`objective X`), and each improving round's
//! (`a -> b`).

/// (seconds, objective) of every plan announced, in order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Incumbents(pub Vec<(f64, f64)>);

impl Incumbents {
    pub fn parse(progress: &str) -> Self {
        let mut found = Vec::new();
        for line in progress.lines() {
            let Some(rest) = line.trim_start().strip_prefix('[') else {
                continue;
            };
            let Some((time, message)) = rest.split_once("s]") else {
                continue;
            };
            let Ok(seconds) = time.trim().parse::<f64>() else {
                continue;
            };
            if let Some(objective) = announced(message) {
                found.push((seconds, objective));
            }
        }
        Incumbents(found)
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

fn announced(message: &str) -> Option<f64> {
    let message = message.trim();
    let number = |text: &str| {
        text.trim()
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .parse::<f64>()
            .ok()
    };
    if let Some(rest) = message.strip_prefix("greedy assignment:") {
        return number(rest.split_whitespace().next()?);
    }
    if message.starts_with("round ") {
        let (_, after) = message.split_once("->")?;
        return number(after.split(',').next()?);
    }
    if message.starts_with("students assigned exactly:")
        || message.starts_with("exact model:")
        || message.starts_with("full model:")
    {
        let (_, after) = message.split_once("objective ")?;
        return number(after.split(',').next()?);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_are_read_from_progress_lines() {
        let log = "\
[    0.1s] greedy timetable: 45 sections
[    0.1s] greedy assignment: 29854.54 (checked)
[    3.2s] bound by counting: 16860.20
[    7.4s] students assigned exactly: Optimal, objective 27810.50
[    9.0s] students assigned exactly: NoSolution, objective -
[   17.6s] round 1: 27810.50 -> 27779.70, gap 39.31% (2 courses free, Related)
[   20.0s] exact model: Optimal, objective 100.00, bound 100.00
plan written to x.json";
        let found = Incumbents::parse(log);
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
