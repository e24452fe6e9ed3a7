//! A person's day as a unit flow over a time-expanded graph of places.
//!
//! Vertices are (boundary, node): boundary b of a day with m slots sits before slot b
//! (b = 0 is the morning, b = m the evening). A *stay* arc (b, n) -> (b+1, n) means the
//! person is at node n during slot b; a *move* arc (b1, n1) -> (b2, n2) is a bus ride
//! or a drive that can leave n1 once slot b1-1 is over and reach n2 before slot b2
//! starts. One unit flows from (0, home) to (m, home). Being taught or attending at
//! node n in slot b requires the stay arc there, so the flow is at once the clash rule
//! (one place per slot) and the itinerary rule (every change of place has a ride).

use good_lp::{Constraint, Expression, Variable, VariableDefinition, variable};

/// What a day flow needs of a model under construction: new columns and rows (the
/// `Builder` provides them; this file need not know it).
pub(super) trait ModelRows {
    fn add_var(&mut self, def: VariableDefinition, name: impl FnOnce() -> String) -> Variable;
    fn add_row(&mut self, row: Constraint);
}

/// A move arc between two vertices of one day's graph, by local node index.
#[derive(Debug, Clone, Copy)]
pub(super) struct Move {
    pub from: usize,
    pub leave_at: usize,
    pub to: usize,
    pub arrive_by: usize,
}

/// The variables of one person-day.
pub(super) struct DayFlow {
    /// `stays[b][n]`: at local node n during slot b.
    pub stays: Vec<Vec<Variable>>,
    /// One binary per move, in the order given.
    pub moves: Vec<Variable>,
    /// The moves themselves, in the same order.
    pub arcs: Vec<Move>,
}

/// Boundary at which a ride departing at `departure` can be boarded: the latest
/// boundary whose preceding slot ends at least `buffer` minutes before it.
pub(super) fn latest_boundary_before(ends: &[f64], departure: f64, buffer: f64) -> usize {
    (1..=ends.len())
        .rev()
        .find(|&b| ends[b - 1] + buffer <= departure)
        .unwrap_or(0)
}

/// Boundary by which a ride arriving at `arrival` is there: the earliest boundary whose
/// following slot starts at least `buffer` minutes after it (the evening otherwise).
pub(super) fn earliest_boundary_after(starts: &[f64], arrival: f64, buffer: f64) -> usize {
    (0..starts.len())
        .find(|&b| arrival + buffer <= starts[b])
        .unwrap_or(starts.len())
}

/// The day flows of any model that takes columns and rows.
pub(super) trait DayFlows: ModelRows {
    /// Adds the stays, moves and flow conservation rows of one person-day with `slots`
    /// slots over `node_count` local nodes, starting and ending at local node `home`.
    fn add_day_flow(
        &mut self,
        name: &str,
        slots: usize,
        node_count: usize,
        home: usize,
        moves: &[Move],
        move_kind: VariableDefinition,
    ) -> DayFlow {
        let stays: Vec<Vec<Variable>> = (0..slots)
            .map(|b| {
                (0..node_count)
                    .map(|n| {
                        self.add_var(variable().min(0).max(1), || format!("stay[{name},{b},{n}]"))
                    })
                    .collect()
            })
            .collect();
        let move_vars: Vec<Variable> = moves
            .iter()
            .enumerate()
            .map(|(i, _)| self.add_var(move_kind.clone(), || format!("move[{name},{i}]")))
            .collect();
        for b in 0..=slots {
            for n in 0..node_count {
                let mut balance = Expression::default();
                if let Some(before) = b.checked_sub(1).and_then(|p| stays.get(p)) {
                    balance += before[n];
                }
                if let Some(during) = stays.get(b) {
                    balance -= during[n];
                }
                for (m, var) in moves.iter().zip(&move_vars) {
                    if m.to == n && m.arrive_by == b {
                        balance += *var;
                    }
                    if m.from == n && m.leave_at == b {
                        balance -= *var;
                    }
                }
                let net = if n == home && b == 0 {
                    -1.0
                } else if n == home && b == slots {
                    1.0
                } else {
                    0.0
                };
                self.add_row(balance.eq(net));
            }
        }
        DayFlow {
            stays,
            moves: move_vars,
            arcs: moves.to_vec(),
        }
    }

    /// A student leaves a place only after a lesson there: each visit to a node (other
    /// than home in the morning) contains a lesson before the next ride. This keeps
    /// every ride a whole leg from one place of the day to the next, as rule 6 reads:
    /// no change of bus on the way, no stop-over where the student has no lesson.
    /// `lessons[b][n]` is the student's attendance at local node n in slot b.
    fn add_visit_rule(
        &mut self,
        name: &str,
        flow: &DayFlow,
        lessons: &[Vec<Expression>],
        home: usize,
    ) {
        let slots = flow.stays.len();
        let node_count = flow.stays.first().map_or(0, Vec::len);
        // taught[b][n]: the current visit to n has had a lesson before boundary b.
        let mut taught: Vec<Vec<Option<Variable>>> = vec![vec![None; node_count]; slots + 1];
        for b in 1..=slots {
            for n in 0..node_count {
                let var = self.add_var(variable().min(0).max(1), || {
                    format!("visited[{name},{b},{n}]")
                });
                let mut carried = lessons[b - 1][n].clone();
                if let Some(before) = taught[b - 1][n] {
                    carried += before;
                }
                self.add_row(Expression::from(var).leq(carried));
                self.add_row(Expression::from(var).leq(flow.stays[b - 1][n]));
                taught[b][n] = Some(var);
            }
        }
        for (arc, var) in flow.arcs.iter().zip(&flow.moves) {
            if arc.leave_at == 0 && arc.from == home {
                continue;
            }
            match taught[arc.leave_at][arc.from] {
                Some(visited) => self.add_row(Expression::from(*var).leq(visited)),
                None => self.add_row(Expression::from(*var).leq(0)),
            }
        }
    }
}

impl<T: ModelRows> DayFlows for T {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ride_boundaries_respect_the_buffer() {
        let starts = [495.0, 585.0, 705.0];
        let ends = [570.0, 660.0, 780.0];
        // Leaves 11:05 with a 5-minute buffer: slots 0 and 1 (ending 11:00) are over.
        assert_eq!(latest_boundary_before(&ends, 665.0, 5.0), 2);
        assert_eq!(latest_boundary_before(&ends, 664.0, 5.0), 1);
        assert_eq!(latest_boundary_before(&ends, 400.0, 5.0), 0);
        // Arrives 11:40: in time for slot 2 at 11:45 with the buffer, not 11:41.
        assert_eq!(earliest_boundary_after(&starts, 700.0, 5.0), 2);
        assert_eq!(earliest_boundary_after(&starts, 701.0, 5.0), 3);
    }
}
