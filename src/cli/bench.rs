//! `kopa bench SUITE [-o RESULTS.json]`: run a suite of solves, each as its own
//! process, check every plan, and print a Markdown table (medians over seeds).
//!
//! How it ends (`Exit`, docs/exit-codes.md): success when every plan produced passes
//! the checker; rejected when a plan failed the checker or a solve crashed; bad input
//! (the suite, or a run's seed or time limit `kopa solve` would refuse). Timings never
//! fail a bench: machines are noisy.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;
use kopa::bench::{Incumbents, Suite};
use kopa::instance::read_instance;
use kopa::solution::check::check;
use kopa::solution::read_solution;
use kopa::words::count;
use serde::Serialize;

use super::arguments;
use super::exit::Exit;

#[derive(clap::Args)]
pub struct Args {
    /// The suite file (JSON; see benches/suites/).
    pub suite: PathBuf,
    /// Where to write every run's numbers (JSON).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// One solve's numbers.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Measured {
    instance: String,
    students: usize,
    strategy: String,
    seed: u64,
    time_limit: Option<f64>,
    rounds: Option<usize>,
    exit_code: Option<i32>,
    seconds: f64,
    first_plan_seconds: Option<f64>,
    within_one_percent_seconds: Option<f64>,
    objective: Option<f64>,
    best_bound: Option<f64>,
    gap: Option<f64>,
    peak_memory_mb: Option<f64>,
    /// "accepted", "rejected" or "no plan".
    checker: String,
    /// Students fully served and requests met, by programme, as the checker counts
    /// them (empty without a plan).
    served: Vec<kopa::solution::check::ProgrammeService>,
    /// The round of the search that found the plan, when no clock decided it (the
    /// plan's `provenance.rounds`): `kopa solve --rounds` this, without a time limit,
    /// finds the same plan.
    found_in_round: Option<usize>,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let text = std::fs::read_to_string(&args.suite)
        .with_context(|| format!("{}: cannot read the suite", args.suite.display()))?;
    let suite: Suite = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a bench suite", args.suite.display()))?;
    check_runs(&suite, &args.suite)?;
    let exe = std::env::current_exe().context("cannot find the kopa executable")?;
    let scratch = tempfile::tempdir().context("cannot make a scratch directory")?;
    let mut all = Vec::new();
    let mut failed = false;
    println!("# bench suite `{}`\n", suite.name);
    println!(
        "| instance | students | strategy | limit | runs | first plan (s) | within 1% (s) | objective | bound | gap | fully served | requests met | peak MB | checker |"
    );
    println!(
        "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |"
    );
    // On a terminal, a bar of the suite's time budget (the runs' limits added up; runs
    // bounded by rounds alone are not in it).
    let budget: f64 = suite
        .runs
        .iter()
        .filter_map(|r| r.time_limit.map(|t| t * r.seeds.len() as f64))
        .sum();
    let bar = super::progress::bar_for(
        Duration::try_from_secs_f64(budget)
            .ok()
            .filter(|b| !b.is_zero()),
        true,
    );
    for run in &suite.runs {
        let path = Path::new(&run.instance);
        let instance = read_instance(path)?;
        let mut measured = Vec::new();
        for &seed in &run.seeds {
            if let Some(bar) = &bar {
                bar.set_message(format!("{} ({}, seed {seed})", run.instance, run.strategy));
            }
            let m = solve_once(&exe, scratch.path(), run, seed, &instance)?;
            let solve_ended = m.exit_code.and_then(Exit::from_code);
            failed |= m.checker == "rejected"
                || !matches!(
                    solve_ended,
                    Some(Exit::Success | Exit::Infeasible | Exit::NoPlan)
                );
            measured.push(m);
        }
        let median = |f: &dyn Fn(&Measured) -> Option<f64>| {
            let mut v: Vec<f64> = measured.iter().filter_map(f).collect();
            v.sort_by(f64::total_cmp);
            (!v.is_empty()).then(|| v[v.len() / 2])
        };
        let show = |v: Option<f64>, digits: usize| {
            v.map_or_else(|| "-".to_owned(), |x| format!("{x:.digits$}"))
        };
        let verdicts: Vec<&str> = measured.iter().map(|m| m.checker.as_str()).collect();
        let limit = [
            run.time_limit.map(|s| format!("{s} s")),
            run.rounds.map(|n| count(n, "round", "rounds")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        let row = format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            run.instance,
            instance.students.len(),
            run.strategy,
            limit,
            measured.len(),
            show(median(&|m| m.first_plan_seconds), 1),
            show(median(&|m| m.within_one_percent_seconds), 1),
            show(median(&|m| m.objective), 2),
            show(median(&|m| m.best_bound), 2),
            median(&|m| m.gap).map_or_else(|| "-".to_owned(), |g| format!("{:.2}%", 100.0 * g)),
            fully_served(&measured),
            median(&|m| {
                let (met, all) = m.served.iter().fold((0, 0), |(met, all), s| {
                    (met + s.requests_met, all + s.requests)
                });
                (all > 0).then(|| met as f64 / all as f64)
            })
            .map_or_else(|| "-".to_owned(), |f| format!("{:.1}%", 100.0 * f)),
            show(median(&|m| m.peak_memory_mb), 0),
            verdicts.join(", ")
        );
        // The table goes to stdout; on a terminal the bar steps aside for it.
        match &bar {
            Some(bar) => bar.suspend(|| println!("{row}")),
            None => println!("{row}"),
        }
        all.extend(measured);
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if let Some(output) = &args.output {
        let bytes = serde_json::to_vec_pretty(&all)?;
        kopa::fsutil::write_atomic(output, &bytes)
            .with_context(|| format!("{}: cannot write the results", output.display()))?;
    }
    if failed {
        eprintln!("kopa: bench: a plan failed the checker or a solve crashed (see the table)");
        return Ok(Exit::Rejected);
    }
    Ok(Exit::Success)
}

/// Refuses a suite with a run `kopa solve` could not do: one that may never end, or a
/// seed or time limit it would refuse (naming the file, the run and the field).
fn check_runs(suite: &Suite, file: &Path) -> anyhow::Result<()> {
    for (i, run) in suite.runs.iter().enumerate() {
        let at = format!("{}: runs[{i}] ({})", file.display(), run.instance);
        if !run.is_bounded() {
            anyhow::bail!("{at}: give timeLimit, rounds or both, or the solve may never end");
        }
        for (j, &seed) in run.seeds.iter().enumerate() {
            arguments::check_seed(seed)
                .map_err(|why| anyhow::anyhow!("{at}: seeds[{j}]: {why}"))?;
        }
        if let Some(seconds) = run.time_limit {
            arguments::time_limit(seconds)
                .map_err(|why| anyhow::anyhow!("{at}: timeLimit: {why}"))?;
        }
    }
    Ok(())
}

fn solve_once(
    exe: &Path,
    scratch: &Path,
    run: &kopa::bench::Run,
    seed: u64,
    instance: &kopa::instance::Instance,
) -> anyhow::Result<Measured> {
    let plan = scratch.join(format!("plan-{seed}.json"));
    let events = scratch.join(format!("events-{seed}.jsonl"));
    let _ = std::fs::remove_file(&plan);
    let _ = std::fs::remove_file(&events);
    let started = Instant::now();
    let mut command = Command::new(exe);
    command.arg("solve");
    if let Some(seconds) = run.time_limit {
        command.args(["--time-limit", &seconds.to_string()]);
    }
    if let Some(rounds) = run.rounds {
        command.args(["--rounds", &rounds.to_string()]);
    }
    if let Some(neighbourhoods) = run.neighbourhoods {
        command.args(["--neighbourhoods", &neighbourhoods.to_string()]);
    }
    let child = command
        .args(["--seed", &seed.to_string()])
        .args(["--threads", &run.threads.to_string()])
        .args(["--strategy", &run.strategy])
        .arg("-o")
        .arg(&plan)
        .arg("--events")
        .arg(&events)
        .arg("--quiet")
        .arg(&run.instance)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start kopa solve")?;
    let (exit_code, peak) = wait_with_peak_memory(child.id());
    let seconds = started.elapsed().as_secs_f64();
    let incumbents = Incumbents::read(&std::fs::read_to_string(&events).unwrap_or_default());
    let solution = read_solution(&plan).ok();
    let report = solution.as_ref().map(|s| check(instance, s));
    let verdict = match &report {
        None => "no plan",
        Some(r) if r.is_accepted() => "accepted",
        Some(_) => "rejected",
    };
    let objective = report.as_ref().map(|r| r.recomputed.total);
    Ok(Measured {
        instance: run.instance.clone(),
        students: instance.students.len(),
        strategy: run.strategy.clone(),
        seed,
        time_limit: run.time_limit,
        rounds: run.rounds,
        exit_code,
        seconds,
        first_plan_seconds: incumbents.first(),
        within_one_percent_seconds: objective
            .and_then(|o| incumbents.within(o, 0.01))
            .or(objective.map(|_| seconds)),
        objective,
        best_bound: solution.as_ref().and_then(|s| s.provenance.best_bound),
        gap: solution.as_ref().and_then(|s| s.provenance.gap),
        peak_memory_mb: peak,
        checker: verdict.to_owned(),
        served: report.map(|r| r.measures.by_programme).unwrap_or_default(),
        found_in_round: solution.as_ref().and_then(|s| s.provenance.rounds),
    })
}

/// Per programme, the median over runs of the students fully served, of the students
/// ("lukio 26/74, vocational 0/17, double degree 3/12"); "-" without a plan.
fn fully_served(measured: &[Measured]) -> String {
    let programmes: Vec<kopa::instance::Programme> = measured
        .iter()
        .flat_map(|m| m.served.iter().map(|s| s.programme))
        .fold(Vec::new(), |mut seen, p| {
            if !seen.contains(&p) {
                seen.push(p);
            }
            seen
        });
    let parts: Vec<String> = programmes
        .into_iter()
        .filter_map(|programme| {
            let of = |m: &Measured| m.served.iter().find(|s| s.programme == programme).cloned();
            let mut served: Vec<_> = measured.iter().filter_map(of).collect();
            served.sort_by_key(|s| s.students_fully_served);
            let median = served.get(served.len() / 2)?;
            Some(format!(
                "{} {}/{}",
                kopa::report::label::programme_label(programme),
                median.students_fully_served,
                median.students
            ))
        })
        .collect();
    if parts.is_empty() {
        "-".to_owned()
    } else {
        parts.join(", ")
    }
}

/// Waits for process `pid` and returns its exit code and peak resident memory (MB),
/// read from the kernel's account of that one child (`wait4`).
fn wait_with_peak_memory(pid: u32) -> (Option<i32>, Option<f64>) {
    let mut status: libc::c_int = 0;
    // SAFETY: zeroed rusage is a valid out-parameter.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = pid as libc::pid_t;
    // SAFETY: `pid` is our own child, not yet waited for; pointers are to locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if waited != pid {
        return (None, None);
    }
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    // ru_maxrss is in KiB on Linux.
    (code, Some(usage.ru_maxrss as f64 / 1024.0))
}
