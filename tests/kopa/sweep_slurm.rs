//! A sweep written for Slurm (`kopa sweep --emit slurm`) and brought back (`kopa sweep
//! collect`) gives the comparison a local sweep gives, plan for plan and byte for
//! byte, for runs without a time limit. The fast test runs the job array's tasks by
//! hand, as Slurm would (`bash sweep.sbatch` with `SLURM_ARRAY_TASK_ID`); the slow one
//! submits the Tornio valley's scenarios to a real single-node Slurm on this machine
//! (`tests/slurm/start`), which `.ci/run` runs with the other ignored tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crate::util::{self, KOPA, assert_same_files, kopa, repo};
use kopa::instance::read_instance;
use kopa::solution::check::check;
use kopa::solution::read_solution;

/// Runs `kopa sweep` with `args`, each patch's file, `-o out`, and `extra`.
fn sweep(base: &str, patches: &[String], out: &Path, extra: &[&str]) -> Output {
    kopa()
        .arg("sweep")
        .arg(base)
        .args(patches)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .expect("kopa runs")
}

fn collect(dir: &Path) -> Output {
    kopa()
        .args(["sweep", "collect"])
        .arg(dir)
        .output()
        .expect("kopa runs")
}

/// Every plan a sweep wrote to `dir`, for `names`, accepted by the checker in its own
/// variant instance.
fn assert_every_plan_accepted(dir: &Path, names: &[String]) {
    for name in names {
        let instance = read_instance(&dir.join(format!("{name}.json"))).unwrap();
        let plan = read_solution(&dir.join(format!("{name}.solution.json"))).unwrap();
        let report = check(&instance, &plan);
        assert!(report.is_accepted(), "{name}: {:?}", report.violations);
    }
}

/// The files a sweep writes to its directory, byte for byte.
fn files(dir: &Path, names: &[String]) -> Vec<(String, Vec<u8>)> {
    let mut listed: Vec<String> = names
        .iter()
        .flat_map(|n| [format!("{n}.json"), format!("{n}.solution.json")])
        .collect();
    listed.extend(["comparison.md", "comparison.html", "comparison.json"].map(str::to_owned));
    listed
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap_or_else(|e| panic!("{f}: {e}"));
            (f, bytes)
        })
        .collect()
}

/// Task `index` of the emitted sweep in `dir`, run as Slurm runs it.
fn run_task(dir: &Path, index: usize) {
    let status = Command::new("bash")
        .arg("sweep.sbatch")
        .current_dir(dir)
        .env("SLURM_ARRAY_TASK_ID", index.to_string())
        .env("SLURM_CPUS_PER_TASK", "1")
        .env("KOPA", KOPA)
        .output()
        .expect("bash runs");
    assert!(
        status.status.success(),
        "task {index}: {}",
        util::printed(&status)
    );
}

fn text(output: &Output) -> String {
    util::printed(output)
}

/// The two-towns fixture and two of its patches, 2 seeds each: six tasks. Collected
/// with a scenario's tasks missing, the comparison says it has no plan and names each
/// missing task's log; collected again once every task ran, it is the local sweep's,
/// and collecting once more changes nothing.
#[test]
fn an_emitted_sweep_collected_is_the_local_sweep() {
    let dir = tempfile::tempdir().unwrap();
    let base = repo("tests/fixtures/solve/two-towns.json")
        .display()
        .to_string();
    let patches: Vec<String> = ["no-video", "extra-teacher"]
        .iter()
        .map(|p| {
            repo(format!("tests/fixtures/sweep/{p}.json"))
                .display()
                .to_string()
        })
        .collect();
    let names: Vec<String> = ["two-towns", "no-video", "extra-teacher"]
        .map(str::to_owned)
        .to_vec();
    let limits = ["--rounds", "1", "--seeds", "2"];
    let local = dir.path().join("local");
    let run = sweep(
        &base,
        &patches,
        &local,
        &[&limits[..], &["--neighbourhoods", "1", "--quiet"]].concat(),
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run));
    assert_every_plan_accepted(&local, &names);

    let emitted = dir.path().join("emitted");
    let run = sweep(
        &base,
        &patches,
        &emitted,
        &[
            &limits[..],
            &[
                "--emit",
                "slurm",
                "--slurm-partition",
                "small",
                "--slurm-account",
                "project_2001234",
                "--slurm-array-limit",
                "2",
                "--slurm-time",
                "7",
            ],
        ]
        .concat(),
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run));
    let script = std::fs::read_to_string(emitted.join("sweep.sbatch")).unwrap();
    for line in [
        "#SBATCH --array=0-5%2",
        "#SBATCH --cpus-per-task=1",
        "#SBATCH --time=7",
        "#SBATCH --partition=small",
        "#SBATCH --account=project_2001234",
        "#SBATCH --output=slurm/logs/task-%a.log",
    ] {
        assert!(script.contains(line), "{line:?} not in\n{script}");
    }
    // The memory is kopa's estimate with the process's own: at least the 64 MB of the
    // process, far below a gigabyte for this fixture.
    let memory: u64 = script
        .lines()
        .find_map(|l| l.strip_prefix("#SBATCH --mem="))
        .and_then(|m| m.strip_suffix('M'))
        .and_then(|m| m.parse().ok())
        .expect("a --mem line in MB");
    assert!((64..1024).contains(&memory), "--mem={memory}M");
    assert!(!emitted.join("comparison.md").exists());

    // Tasks 2 and 3 (no-video) have not run yet: no other scenario's plan is a plan
    // without video links, so no-video has none.
    for index in [0, 1, 4, 5] {
        run_task(&emitted, index);
    }
    let partial = collect(&emitted);
    assert_eq!(partial.status.code(), Some(4), "{}", text(&partial));
    for log in ["task-2.log", "task-3.log"] {
        assert!(
            text(&partial).contains(log),
            "{log} not in\n{}",
            text(&partial)
        );
    }
    let markdown = std::fs::read_to_string(emitted.join("comparison.md")).unwrap();
    assert!(
        markdown.contains("- no-video: no plan (task 2 left no plan"),
        "{markdown}"
    );
    assert!(markdown.contains("slurm/logs/task-3.log"), "{markdown}");

    for index in [2, 3] {
        run_task(&emitted, index);
    }
    let full = collect(&emitted);
    assert_eq!(full.status.code(), Some(0), "{}", text(&full));
    assert_every_plan_accepted(&emitted, &names);
    assert_same_files(
        &local,
        &emitted,
        3 * 2 + 3,
        "a local sweep and a collected one",
    );
    let first = files(&emitted, &names);
    let again = collect(&emitted);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again));
    assert!(
        first == files(&emitted, &names),
        "collecting twice changed a file"
    );
    // Emitting again into the same directory would mix its runs with the new ones.
    let over = sweep(
        &base,
        &patches,
        &emitted,
        &[&limits[..], &["--emit", "slurm"]].concat(),
    );
    assert_eq!(over.status.code(), Some(2), "{}", text(&over));
    assert!(
        text(&over).contains("holds the runs of a sweep emitted before"),
        "{}",
        text(&over)
    );
    assert!(
        first == files(&emitted, &names),
        "a refused emit changed a file"
    );
}

/// Bad input: a directory without a manifest is named, with exit 2.
#[test]
fn collect_names_a_directory_that_is_no_emitted_sweep() {
    let dir = tempfile::tempdir().unwrap();
    let run = collect(dir.path());
    assert_eq!(run.status.code(), Some(2), "{}", text(&run));
    assert!(
        text(&run).contains("slurm/sweep.json: cannot read the sweep's manifest"),
        "{}",
        text(&run)
    );
}

/// Stops the Slurm that `tests/slurm/start` started in its directory, however the
/// test ends.
struct Slurm {
    state: PathBuf,
    conf: PathBuf,
}

impl Slurm {
    fn start(state: &Path) -> Slurm {
        let started = Command::new("bash")
            .arg(repo("tests/slurm/start"))
            .arg(state)
            .output()
            .expect("bash runs");
        let slurm = Slurm {
            state: state.to_owned(),
            conf: PathBuf::from(String::from_utf8_lossy(&started.stdout).trim()),
        };
        assert!(
            started.status.success(),
            "tests/slurm/start: {}",
            text(&started)
        );
        slurm
    }

    /// A Slurm command (`sbatch`, `squeue`, ...) of this cluster.
    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("SLURM_CONF", &self.conf);
        command
    }

    /// Waits until job `id` has left the queue, at most `bound`.
    fn wait_for(&self, id: &str, bound: Duration) {
        let started = Instant::now();
        loop {
            let queued = self
                .command("squeue")
                .args(["-h", "-j", id])
                .output()
                .expect("squeue runs");
            if String::from_utf8_lossy(&queued.stdout).trim().is_empty() {
                return;
            }
            assert!(
                started.elapsed() < bound,
                "job {id} still queued after {bound:?}: {}",
                text(&queued)
            );
            std::thread::sleep(Duration::from_secs(2));
        }
    }
}

impl Drop for Slurm {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(repo("tests/slurm/stop"))
            .arg(&self.state)
            .status();
    }
}

/// The Tornio valley's scenarios with 2 seeds, one round each and one thread: submitted
/// to a real Slurm by the emitted `submit.sh`, collected by its dependent job, they
/// give the local sweep's plans and comparison byte for byte (the bound included: a
/// run without a time limit bounds by the count's LP, solved to its end).
#[test]
#[ignore = "needs slurm"]
fn the_tornio_valley_swept_on_slurm_is_the_local_sweep() {
    let dir = tempfile::tempdir().unwrap();
    let base = "instances/tornio-valley/tornio-valley.json".to_owned();
    let mut patches: Vec<String> = std::fs::read_dir(repo("instances/tornio-valley/scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            format!(
                "instances/tornio-valley/scenarios/{}",
                p.file_name().unwrap().to_string_lossy()
            )
        })
        .collect();
    patches.sort();
    assert_eq!(patches.len(), 5, "{patches:?}");
    let names: Vec<String> = std::iter::once(&base)
        .chain(&patches)
        .map(|p| {
            Path::new(p)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let limits = ["--rounds", "1", "--seeds", "2", "--neighbourhoods", "1"];

    let slurm = Slurm::start(&dir.path().join("slurm-state"));
    let emitted = dir.path().join("emitted");
    let run = sweep(
        &base,
        &patches,
        &emitted,
        &[&limits[..], &["--emit", "slurm"]].concat(),
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run));
    let submitted = slurm
        .command("sh")
        .arg(emitted.join("submit.sh"))
        .output()
        .expect("sh runs");
    assert!(
        submitted.status.success(),
        "submit.sh: {}",
        text(&submitted)
    );
    let said = String::from_utf8_lossy(&submitted.stdout).into_owned();
    let collect_job = said
        .lines()
        .find_map(|l| l.strip_prefix("kopa sweep: collect is job "))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no collect job in {said:?}"))
        .to_owned();

    // The local sweep meanwhile, on the same two cores.
    let local = dir.path().join("local");
    let run = sweep(
        &base,
        &patches,
        &local,
        &[&limits[..], &["--jobs", "2", "--quiet"]].concat(),
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run));
    assert_every_plan_accepted(&local, &names);

    slurm.wait_for(&collect_job, Duration::from_secs(8 * 60));
    let log = std::fs::read_to_string(emitted.join("slurm/logs/collect.log")).unwrap_or_default();
    assert!(
        emitted.join("comparison.json").exists(),
        "no comparison; the collect job's log:\n{log}"
    );
    for index in 0..names.len() * 2 {
        let code = std::fs::read_to_string(emitted.join(format!(
            "slurm/runs/{}.seed-{}.exit",
            names[index / 2],
            index % 2
        )))
        .unwrap_or_default();
        assert_eq!(code.trim(), "0", "task {index} did not end well");
    }
    assert_every_plan_accepted(&emitted, &names);
    assert_same_files(
        &local,
        &emitted,
        names.len() * 2 + 3,
        "a local sweep and one run on Slurm",
    );
    // Collected again by hand: the same files.
    let first = files(&emitted, &names);
    let again = collect(&emitted);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again));
    assert!(
        first == files(&emitted, &names),
        "collecting again changed a file"
    );
}
