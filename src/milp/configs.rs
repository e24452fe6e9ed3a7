//! The ways a section can be placed: a timing (pattern or set of slots), a site, a
//! sending room and a teacher, enumerated once so that the model can give each whole
//! placement one binary. Aggregating clash rows over placements keeps the timetable
//! level free of products of variables.

use crate::model::{CourseIx, Model, PatternIx, RoomIx, SiteIx, SlotIx, TeacherIx, Timing};

/// When a section meets: a pattern's slots, or a chosen set of free slots.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimingChoice {
    pub pattern: Option<PatternIx>,
    /// Sorted slot indices.
    pub slots: Vec<SlotIx>,
}

/// One complete placement of a section.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Placement {
    /// Index into the course's `timings`.
    pub timing: usize,
    pub site: SiteIx,
    pub room: RoomIx,
    pub teacher: TeacherIx,
}

/// A course's timings and placements.
#[derive(Debug, Clone)]
pub struct CoursePlacements {
    pub timings: Vec<TimingChoice>,
    pub placements: Vec<Placement>,
}

/// Too many placements to enumerate: the course should use a pattern.
#[derive(Debug, thiserror::Error)]
#[error(
    "course \"{course}\" has {count} ways to choose its {lessons} free slots (more than {limit}); give it a patternKind instead of lessonsPerWeek"
)]
pub struct TooManyTimings {
    pub course: String,
    pub lessons: usize,
    pub count: u128,
    pub limit: usize,
}

/// Most free-slot timings enumerated for one course: a limit of this implementation,
/// not of the world. Beyond it the model would be too large to solve anyway.
pub const MAX_FREE_SLOT_TIMINGS: usize = 2_000;

pub fn enumerate(model: &Model, course: CourseIx) -> Result<CoursePlacements, TooManyTimings> {
    let c = &model.courses[course];
    let timings: Vec<TimingChoice> = match &c.timing {
        Timing::Pattern(patterns) => patterns
            .iter()
            .map(|&p| {
                let mut slots = model.patterns[p].slots.clone();
                slots.sort_unstable();
                slots.dedup();
                TimingChoice {
                    pattern: Some(p),
                    slots,
                }
            })
            .collect(),
        Timing::FreeSlots(n) => {
            let total = model.slots.len();
            let count = binomial(total, *n);
            if count > MAX_FREE_SLOT_TIMINGS as u128 {
                return Err(TooManyTimings {
                    course: c.id.clone(),
                    lessons: *n,
                    count,
                    limit: MAX_FREE_SLOT_TIMINGS,
                });
            }
            combinations(total, *n)
                .into_iter()
                .map(|slots| TimingChoice {
                    pattern: None,
                    slots,
                })
                .collect()
        }
    };
    let mut placements = Vec::new();
    for (timing_ix, timing) in timings.iter().enumerate() {
        for &site in &c.sites {
            let rooms = (0..model.rooms.len())
                .filter(|&r| model.rooms[r].site == site && model.room_fits(r, course));
            for room in rooms {
                for (teacher_ix, teacher) in model.teachers.iter().enumerate() {
                    let may = teacher.can_teach.contains(&course)
                        && teacher.sites.contains(&site)
                        && timing.slots.len() <= teacher.max_lessons as usize
                        && !timing.slots.iter().any(|s| teacher.unavailable.contains(s));
                    if may {
                        placements.push(Placement {
                            timing: timing_ix,
                            site,
                            room,
                            teacher: teacher_ix,
                        });
                    }
                }
            }
        }
    }
    Ok(CoursePlacements {
        timings,
        placements,
    })
}

fn binomial(n: usize, k: usize) -> u128 {
    if k > n {
        return 0;
    }
    let k = k.min(n - k);
    // Saturates: C(200, 100) overflows u128, and a wrapped count could pass the limit.
    (0..k)
        .try_fold(1u128, |acc, i| {
            acc.checked_mul((n - i) as u128)
                .map(|x| x / (i as u128 + 1))
        })
        .unwrap_or(u128::MAX)
}

fn combinations(n: usize, k: usize) -> Vec<Vec<usize>> {
    fn extend(
        start: usize,
        n: usize,
        k: usize,
        current: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
    ) {
        if current.len() == k {
            out.push(current.clone());
            return;
        }
        for i in start..n {
            if n - i < k - current.len() {
                break;
            }
            current.push(i);
            extend(i + 1, n, k, current, out);
            current.pop();
        }
    }
    let mut out = Vec::new();
    if k <= n {
        extend(0, n, k, &mut Vec::new(), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations_match_the_binomial_count() {
        assert_eq!(combinations(5, 2).len() as u128, binomial(5, 2));
        assert_eq!(combinations(5, 2)[0], vec![0, 1]);
        assert_eq!(binomial(24, 3), 2024);
        assert!(combinations(2, 3).is_empty());
    }

    #[test]
    fn a_count_beyond_u128_saturates_instead_of_wrapping() {
        assert_eq!(binomial(200, 100), u128::MAX);
    }
}
