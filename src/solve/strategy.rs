//! Which way a solve goes: the strategies a user can ask for, and the sizes at which
//! `auto` chooses between them.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// `exact` for small models, `decompose` for large ones.
    Auto,
    /// The monolithic MILP of timetable and students together.
    Exact,
    /// Monolithic incumbent, then large-neighbourhood search over the timetable with
    /// exact student assignment.
    Decompose,
}

impl Strategy {
    /// Every strategy, in the order a user is shown them.
    pub const ALL: [Strategy; 3] = [Strategy::Auto, Strategy::Exact, Strategy::Decompose];

    /// The name a user writes (`--strategy NAME`) and a plan's file records.
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Auto => "auto",
            Strategy::Exact => "exact",
            Strategy::Decompose => "decompose",
        }
    }

    /// What it does, in a line.
    pub fn description(self) -> &'static str {
        match self {
            Strategy::Auto => "`exact` for small models, `decompose` for large ones",
            Strategy::Exact => "the monolithic MILP of timetable and students together",
            Strategy::Decompose => {
                "a greedy timetable, then large-neighbourhood search over the timetable with exact student assignment"
            }
        }
    }

    /// The strategy named `name`.
    pub fn from_name(name: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// Below this many integer variables `auto` runs the exact model: small models are
/// proven optimal quickly. A tuning choice of this implementation, not a fact of the
/// world.
pub const AUTO_EXACT_MAX_INTEGERS: usize = 3_000;

/// Above this many students the full model is not built at all (for its size or for
/// `auto`'s choice): 515 students gave 1.7 million columns in 7 s, and it grows with
/// every student. A tuning choice of this implementation.
pub const FULL_MODEL_MAX_STUDENTS: usize = 300;
