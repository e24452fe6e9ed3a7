//! Why is there no plan? A small set of mandatory requests that cannot hold together,
//! told in words a scheduler can act on.
//!
//! In kopa's rules every request that is not mandatory may go unmet and every section
//! may stay closed, so the empty plan meets every other hard rule: an instance without
//! a plan always has mandatory requests that cannot all be met. Which ones is found by
//! a deletion filter over them, each step a feasibility question to the exact model
//! with only some requests held mandatory (`Builder::build_enforcing`): a block of
//! requests is dropped from the set when the others still cannot hold without it.
//! Blocks of students halve in size down to one student, then single requests go, so
//! a conflict of a few requests among hundreds is found in tens of questions, not
//! hundreds. What remains is irreducible (each request in it is needed for the
//! conflict) when every question got an answer. Then the facts behind it are read off
//! the instance (`facts`) to say why.
//!
//! The filter runs inside the run's [`Stop`](crate::solve::Stop): a solve's time limit
//! (or a signal) ends it like everything else, and the answer then says it was cut
//! short and gives the smallest set found so far.

mod facts;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use good_lp::Expression;
use serde::Serialize;

use crate::milp::Builder;
use crate::milp::configs;
use crate::model::{Model, StudentIx};
use crate::solve::highs::{self, MipLimits, MipStatus};
use crate::solve::{Environment, Progress};
use facts::{Facts, RequestKey};

/// What `explain` found.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase", tag = "verdict")]
pub enum Explanation {
    /// A plan exists.
    Feasible,
    /// These mandatory requests cannot all be met.
    Conflict(Conflict),
    /// No plan exists (proven), but the run ended before any smaller set of requests
    /// than all of them was found.
    #[serde(rename_all = "camelCase")]
    Unexplained {
        mandatory_requests: usize,
        reason: String,
    },
    /// No answer within the time limit.
    Unknown { reason: String },
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    /// (student id, course ids of the request).
    pub requests: Vec<ConflictRequest>,
    /// Every request is needed for the conflict (each question was answered in time).
    pub irreducible: bool,
    /// The run's time limit or a signal ended the filter before it had asked about
    /// every request: the set may be larger than needed.
    pub cut_short: bool,
    /// The conflict and its reasons, in words.
    pub sentences: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConflictRequest {
    pub student: String,
    pub courses: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    #[error(transparent)]
    Placements(#[from] configs::TooManyTimings),
    #[error(transparent)]
    Mip(#[from] highs::MipError),
}

/// How the filter asks its questions.
#[derive(Debug, Clone)]
pub struct Asking {
    /// The longest any one question may take, in seconds; the run's stop (its time
    /// limit, a signal) ends every question and the filter sooner when it comes first.
    pub seconds_per_question: f64,
    /// Whether it is known that all mandatory requests together have no plan: set by
    /// the caller that proved it (`kopa solve`), so that the first question is not
    /// asked again, and by the filter once it has the answer. A watchdog that ends a
    /// run stuck in the solver reads it to tell "infeasible" from "no answer".
    pub infeasible: Arc<AtomicBool>,
}

impl Asking {
    /// Questions of at most `seconds_per_question`, nothing known yet.
    pub fn new(seconds_per_question: f64) -> Asking {
        Asking {
            seconds_per_question,
            infeasible: Arc::new(AtomicBool::new(false)),
        }
    }
}

/// What a question can end with: a plan exists, none does, or no answer (the
/// question's own limit, or the run's stop).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Plan,
    NoPlan,
    Unanswered,
}

/// Explains why `model` has no plan, within the run's stop (`env.stop`), asking the
/// exact model at most `asking.seconds_per_question` per question.
pub fn explain(
    model: &Model,
    env: &Environment,
    asking: &Asking,
) -> Result<Explanation, ExplainError> {
    let all: Vec<RequestKey> = model
        .students
        .iter()
        .enumerate()
        .flat_map(|(s, st)| {
            st.requests
                .iter()
                .enumerate()
                .filter(|(_, r)| r.mandatory)
                .map(move |(r, _)| (s, r))
        })
        .collect();
    let facts = Facts::new(model)?;
    let ask = |held: &BTreeSet<RequestKey>| -> Result<Answer, ExplainError> {
        if env.stop.is_reached() {
            return Ok(Answer::Unanswered);
        }
        // Any plan answers the question: without an objective the first one found
        // ends it. Measured on 300 students, two of whom want a course of one seat:
        // with the objective, a question that had a plan found none in 10 s; without
        // it, each question took 0.2-0.7 s and the filter ended in 40 questions.
        let mut built = Builder::build_enforcing(model, &facts.placements, held.clone());
        built.builder.objective = Expression::default();
        let limits = MipLimits {
            seconds: Some(asking.seconds_per_question),
            // Any plan answers the question: stop at the first.
            relative_gap: Some(1.0),
            ..MipLimits::default()
        };
        let mut quiet = env.clone();
        quiet.progress = Progress::silent();
        // The run's stop: `highs::solve` gives the question no more than it has left.
        let result = highs::solve(built, &quiet, limits, &[])?;
        Ok(match result.status {
            MipStatus::Infeasible => Answer::NoPlan,
            MipStatus::NoSolution => Answer::Unanswered,
            _ => Answer::Plan,
        })
    };
    let mut held: BTreeSet<RequestKey> = all.iter().copied().collect();
    if !asking.infeasible.load(Ordering::SeqCst) {
        match ask(&held)? {
            Answer::Plan => return Ok(Explanation::Feasible),
            Answer::Unanswered => {
                return Ok(Explanation::Unknown {
                    reason: if env.stop.is_reached() {
                        format!("{} came first", what_stopped(env))
                    } else {
                        format!("no answer within {} s", asking.seconds_per_question)
                    },
                });
            }
            Answer::NoPlan => asking.infeasible.store(true, Ordering::SeqCst),
        }
    }
    let mut irreducible = true;
    // Whole students first, in blocks that halve down to one student (most conflicts
    // are one student's, or one course's), then single requests.
    let mut students: Vec<StudentIx> = all.iter().map(|&(s, _)| s).collect();
    students.dedup();
    let mut block = students.len().div_ceil(2).max(1);
    loop {
        let mut kept = Vec::with_capacity(students.len());
        for chunk in students.chunks(block) {
            let without: BTreeSet<RequestKey> = held
                .iter()
                .copied()
                .filter(|k| !chunk.contains(&k.0))
                .collect();
            match ask(&without)? {
                Answer::NoPlan => held = without,
                Answer::Plan => kept.extend_from_slice(chunk),
                Answer::Unanswered => {
                    // A larger block unanswered is asked again in halves.
                    irreducible &= block > 1;
                    kept.extend_from_slice(chunk);
                }
            }
        }
        students = kept;
        if block == 1 {
            break;
        }
        block = block.div_ceil(2);
    }
    for key in held.clone() {
        let mut without = held.clone();
        without.remove(&key);
        match ask(&without)? {
            Answer::NoPlan => held = without,
            Answer::Plan => {}
            Answer::Unanswered => irreducible = false,
        }
    }
    let cut_short = env.stop.is_reached();
    if cut_short && held.len() == all.len() {
        return Ok(Explanation::Unexplained {
            mandatory_requests: all.len(),
            reason: format!("{} came before a smaller set was found", what_stopped(env)),
        });
    }
    let requests: Vec<RequestKey> = held.into_iter().collect();
    Ok(Explanation::Conflict(Conflict {
        requests: requests
            .iter()
            .map(|&(s, r)| ConflictRequest {
                student: model.students[s].id.clone(),
                courses: facts.course_ids(&model.students[s].requests[r].courses),
            })
            .collect(),
        irreducible: irreducible && !cut_short,
        cut_short,
        sentences: facts.sentences(&requests),
    }))
}

/// What ended the run: "a signal" or "the time limit".
fn what_stopped(env: &Environment) -> &'static str {
    if env.stop.signalled() {
        "a signal"
    } else {
        "the time limit"
    }
}
