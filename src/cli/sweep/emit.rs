//! `kopa sweep BASE PATCH... -o DIR --emit slurm`: the sweep written for a Slurm
//! cluster instead of solved here. A regional question is hundreds of independent
//! solves (days on one machine, minutes on a cluster), and Slurm's own way to fan out
//! independent runs is a job array; so kopa writes one rather than scheduling itself:
//!
//! - every variant `NAME.json`, validated as a local sweep's are;
//! - `slurm/sweep.json`, the manifest (`manifest`): scenarios, seeds, limits, paths;
//! - `sweep.sbatch`: a job array, one task per scenario and seed, each `kopa solve` on
//!   its variant with the sweep's seed, rounds, neighbourhoods, strategy and time
//!   limit, and as many HiGHS threads as the task has CPUs (`SLURM_CPUS_PER_TASK`);
//!   each leaves its plan and its exit code in `slurm/runs/`, its log in `slurm/logs/`;
//! - `collect.sbatch`: `kopa sweep collect .`, the comparison;
//! - `submit.sh`: submits the base's tasks of the array, then the variants' tasks to
//!   start once those have ended (a variant starts from the repair of the base's plan,
//!   `kopa solve --repair-from`, as a local sweep does), then collect as a job that
//!   waits for every task to end, however it ends (`--dependency=afterany`).
//!
//! Each job asks for the memory kopa estimates for the largest scenario's largest model,
//! or for its search's neighbourhoods side by side where those need more
//! (`kopa::solve::footprint`), unless `--slurm-mem` says otherwise.

use std::path::Path;

use anyhow::Context;

use kopa::solve::footprint::estimated_bytes;
use kopa::words::count;

use super::super::exit::Exit;
use super::args::Args;
use super::manifest::{self, Manifest, ScenarioEntry};
use super::prepare::{Prepared, prepare, write, write_variants};

/// What a `kopa` process needs besides its models, bytes (measured: 16 MB at its peak
/// solving the one-course instance; four times that, for reading larger files).
const PROCESS_BYTES: f64 = 64.0 * 1024.0 * 1024.0;
/// Minutes a task gets besides its time limit and the watchdog's grace: reading,
/// checking and writing, and a busy node (a tuning choice).
const TASK_MINUTES_BESIDES: u64 = 5;
/// Minutes a task gets without a time limit (a tuning choice: the Tornio valley's 20
/// default rounds took 19 minutes at the most on a loaded 2-core machine).
const TASK_MINUTES_WITHOUT_LIMIT: u64 = 60;

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let time_limit = args.time_limit()?;
    let slurm = args;
    for (flag, name) in [
        ("--slurm-partition", &slurm.slurm_partition),
        ("--slurm-account", &slurm.slurm_account),
    ] {
        if let Some(name) = name
            && (name.is_empty() || name.chars().any(|c| c.is_whitespace() || c.is_control()))
        {
            anyhow::bail!("{flag}: {name:?} is not a Slurm name (one word, no spaces)");
        }
    }
    let prepared = prepare(args)?;
    // Fixed here, not read on the node: with the seed, part of what decides a plan.
    let neighbourhoods = match args.neighbourhoods {
        0 => slurm.slurm_cpus as usize,
        n => n,
    };
    let memory_mb = match slurm.slurm_mem {
        Some(mb) => mb,
        None => memory_request_mb(args, &prepared, neighbourhoods)?,
    };
    let minutes = slurm.slurm_time.unwrap_or_else(|| match time_limit {
        Some(limit) => {
            let seconds = (limit + super::super::watchdog::grace(limit)).as_secs_f64();
            (seconds / 60.0).ceil() as u64 + TASK_MINUTES_BESIDES
        }
        None => TASK_MINUTES_WITHOUT_LIMIT,
    });
    let kopa = match &slurm.slurm_kopa {
        Some(path) => path.clone(),
        None => std::env::current_exe().context("cannot find this kopa's own path")?,
    };
    let manifest = Manifest {
        base: args.base.display().to_string(),
        scenarios: prepared
            .iter()
            .map(|p| ScenarioEntry {
                name: p.variant.name.clone(),
                patch: p.variant.patch.display().to_string(),
            })
            .collect(),
        seed: args.seed,
        seeds: args.seeds,
        time_limit_seconds: args.time_limit,
        rounds: args.rounds,
        neighbourhoods,
        strategy: args.strategy.name().to_owned(),
    };
    let out = &args.output;
    // Plans of an earlier sweep would be collected as this one's.
    let runs = out.join(manifest::RUNS);
    if std::fs::read_dir(&runs).is_ok_and(|mut entries| entries.next().is_some()) {
        anyhow::bail!(
            "{}: holds the runs of a sweep emitted before; give another -o DIR, or remove {} first",
            out.display(),
            runs.display()
        );
    }
    write_variants(out, &prepared)?;
    for dir in [manifest::RUNS, manifest::LOGS] {
        std::fs::create_dir_all(out.join(dir))
            .with_context(|| format!("{}: cannot create the directory", out.join(dir).display()))?;
    }
    write(
        &out.join(manifest::FILE),
        &serde_json::to_vec_pretty(&manifest)?,
    )?;
    let job = Job {
        slurm,
        memory_mb,
        minutes,
        kopa: &kopa,
    };
    write(
        &out.join("sweep.sbatch"),
        sweep_sbatch(&manifest, &job).as_bytes(),
    )?;
    write(&out.join("collect.sbatch"), collect_sbatch(&job).as_bytes())?;
    let limit = slurm
        .slurm_array_limit
        .map_or(String::new(), |n| format!("%{n}"));
    write_executable(
        &out.join("submit.sh"),
        submit_sh(&manifest, &limit).as_bytes(),
    )?;
    let tasks = manifest.tasks().len();
    println!(
        "{} x {} = {} of {} CPU, {memory_mb} MB and {minutes} min each, written to {}",
        count(manifest.scenarios.len(), "scenario", "scenarios"),
        count(manifest.seeds, "seed", "seeds"),
        count(tasks, "task", "tasks"),
        slurm.slurm_cpus,
        out.display()
    );
    println!(
        "submit them with {} (then the collect job writes {})",
        out.join("submit.sh").display(),
        out.join("comparison.md").display()
    );
    Ok(Exit::Success)
}

/// Megabytes (MiB, as Slurm counts them) a task asks for: the largest estimate of any
/// scenario, searched with `neighbourhoods` side by side, and the process itself.
fn memory_request_mb(
    args: &Args,
    prepared: &[Prepared],
    neighbourhoods: usize,
) -> anyhow::Result<u64> {
    let mut most: f64 = 0.0;
    for p in prepared {
        let bytes = estimated_bytes(
            &p.variant.instance,
            &p.model,
            args.strategy,
            args.time_limit,
            neighbourhoods,
        )
        .with_context(|| format!("{}: cannot estimate its memory", p.variant.patch.display()))?;
        most = most.max(bytes);
    }
    Ok(((most + PROCESS_BYTES) / (1024.0 * 1024.0)).ceil() as u64)
}

/// What every job of the sweep asks of the cluster.
struct Job<'a> {
    slurm: &'a Args,
    memory_mb: u64,
    minutes: u64,
    kopa: &'a Path,
}

impl Job<'_> {
    /// The `#SBATCH` lines every job carries: CPUs, memory, time, partition, account.
    fn directives(&self) -> String {
        let mut lines = format!(
            "#SBATCH --cpus-per-task={}\n#SBATCH --mem={}M\n#SBATCH --time={}\n",
            self.slurm.slurm_cpus, self.memory_mb, self.minutes
        );
        if let Some(partition) = &self.slurm.slurm_partition {
            lines.push_str(&format!("#SBATCH --partition={partition}\n"));
        }
        if let Some(account) = &self.slurm.slurm_account {
            lines.push_str(&format!("#SBATCH --account={account}\n"));
        }
        lines
    }
}

/// The job array: task `SLURM_ARRAY_TASK_ID` solves its scenario with its seed.
fn sweep_sbatch(manifest: &Manifest, job: &Job<'_>) -> String {
    let tasks = manifest.tasks();
    let limit = job
        .slurm
        .slurm_array_limit
        .map_or(String::new(), |n| format!("%{n}"));
    let mut script = format!(
        "#!/bin/bash
# Written by `kopa sweep --emit slurm`: one task per scenario and seed, each `kopa
# solve` on its variant. Submit it with submit.sh, from this directory (paths are
# relative to it), which then submits collect.sbatch to run after every task.
#SBATCH --job-name=kopa-sweep
#SBATCH --array=0-{last}{limit}
{directives}#SBATCH --output={logs}/task-%a.log
#SBATCH --open-mode=append
set -u
{kopa}case \"$SLURM_ARRAY_TASK_ID\" in
",
        last = tasks.len() - 1,
        directives = job.directives(),
        logs = manifest::LOGS,
        kopa = kopa_assignment(job.kopa),
    );
    for task in &tasks {
        // A variant's task starts from the repair of the base's plan of its seed
        // (when the base's task left an accepted plan that is not a plan here as it
        // is), as a local sweep does; submit.sh runs the base's tasks first.
        let base = match task.scenario {
            0 => String::new(),
            _ => {
                let base_task = tasks
                    .iter()
                    .find(|t| t.scenario == 0 && t.seed == task.seed)
                    .expect("every seed has a task of the base");
                format!(
                    " base_plan={} base_exit_code={}",
                    quoted(&manifest.plan(base_task)),
                    quoted(&manifest.exit_code(base_task))
                )
            }
        };
        script.push_str(&format!(
            "{}) variant={} seed={} plan={} exit_code={}{base} ;;\n",
            task.index,
            quoted(&manifest.variant(task)),
            task.seed,
            quoted(&manifest.plan(task)),
            quoted(&manifest.exit_code(task)),
        ));
    }
    let mut limits = format!(
        "--neighbourhoods {} --strategy {}",
        manifest.neighbourhoods, manifest.strategy
    );
    if let Some(rounds) = manifest.rounds {
        limits.push_str(&format!(" --rounds {rounds}"));
    }
    if let Some(seconds) = manifest.time_limit_seconds {
        limits.push_str(&format!(" --time-limit {seconds}"));
    }
    script.push_str(&format!(
        "*) echo \"kopa sweep: no task $SLURM_ARRAY_TASK_ID in this sweep\" >&2; exit 2 ;;
esac
echo \"task $SLURM_ARRAY_TASK_ID: $variant, seed $seed, on $(hostname) at $(date -u +%FT%TZ)\"
repair=()
if [ -n \"${{base_exit_code:-}}\" ] && [ \"$(cat \"$base_exit_code\" 2>/dev/null)\" = 0 ]; then
  repair=(--repair-from \"$base_plan\")
fi
\"$kopa\" solve \"$variant\" -o \"$plan\" --seed \"$seed\" --threads \"${{SLURM_CPUS_PER_TASK:-1}}\" {limits} ${{repair[@]+\"${{repair[@]}}\"}}
code=$?
# How the solve ended, for collect (a plan stays until a re-run writes a new one).
echo \"$code\" > \"$exit_code.tmp\" && mv \"$exit_code.tmp\" \"$exit_code\"
exit \"$code\"
"
    ));
    script
}

/// The collect job: the comparison, once every task has ended.
fn collect_sbatch(job: &Job<'_>) -> String {
    format!(
        "#!/bin/bash
# Written by `kopa sweep --emit slurm`: checks every task's plan, offers each to every
# scenario and writes the comparison; submit.sh runs it after every task has ended.
#SBATCH --job-name=kopa-sweep-collect
{directives}#SBATCH --output={logs}/collect.log
#SBATCH --open-mode=append
set -u
{kopa}exec \"$kopa\" sweep collect .
",
        directives = job.directives(),
        logs = manifest::LOGS,
        kopa = kopa_assignment(job.kopa),
    )
}

/// `kopa=...`: the kopa a job runs, unless its environment sets `KOPA`.
fn kopa_assignment(kopa: &Path) -> String {
    format!("kopa=${{KOPA:-{}}}\n", quoted(&kopa.display().to_string()))
}

/// Submits the base's tasks of the array, then the variants' tasks to run once those
/// have ended (each variant starts from the repair of the base's plan where it needs
/// one), then collect to run once every task has ended. Arguments are given to every
/// `sbatch` call (e.g. `--partition=small`).
fn submit_sh(manifest: &Manifest, limit: &str) -> String {
    let tasks = manifest.tasks();
    let base_last = tasks.iter().filter(|t| t.scenario == 0).count() - 1;
    let last = tasks.len() - 1;
    let mut script = format!(
        r#"#!/bin/sh
# Written by `kopa sweep --emit slurm`: submits the base's solves (tasks 0-{base_last} of
# sweep.sbatch), then the variants' solves (tasks {first}-{last}) to start once the base's
# have ended (a variant starts from the repair of the base's plan where that plan is
# not a plan of the variant as it is, as a local sweep does), then the collect step
# (collect.sbatch) to run once every task has ended, however it ended (afterany:
# collect names the tasks without a plan). Arguments are given to every sbatch call,
# e.g. ./submit.sh --partition=small --account=project_2001234
set -eu
cd "$(dirname "$0")"
base=$(sbatch --parsable --array=0-{base_last}{limit} "$@" sweep.sbatch)
base=${{base%%;*}}
echo "kopa sweep: the base's solves are job array $base"
"#,
        first = base_last + 1,
    );
    if last > base_last {
        script.push_str(&format!(
            r#"variants=$(sbatch --parsable --array={first}-{last}{limit} --dependency=afterany:"$base" "$@" sweep.sbatch)
variants=${{variants%%;*}}
echo "kopa sweep: the variants' solves are job array $variants, after $base"
after="$base:$variants"
"#,
            first = base_last + 1,
        ));
    } else {
        script.push_str("after=\"$base\"\n");
    }
    script.push_str(
        r#"collect=$(sbatch --parsable --dependency=afterany:"$after" "$@" collect.sbatch)
collect=${collect%%;*}
echo "kopa sweep: collect is job $collect, after every task"
"#,
    );
    script
}

/// `text` as one word of a shell command, in single quotes.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `bytes` written atomically to `path`, then made executable.
fn write_executable(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write(path, bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut permissions = std::fs::metadata(path)
            .with_context(|| format!("{}: cannot read its permissions", path.display()))?
            .permissions();
        permissions.set_mode(permissions.mode() | 0o111);
        std::fs::set_permissions(path, permissions)
            .with_context(|| format!("{}: cannot make it executable", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_word_survives_quotes_and_spaces() {
        assert_eq!(quoted("no video"), "'no video'");
        assert_eq!(quoted("it's"), r"'it'\''s'");
    }
}
