//! `kopa generate`: the same seed gives the same bytes, another seed another instance;
//! every size of the committed suite validates and equals what the generator writes
//! now (so the files cannot drift from the code); bad arguments and bad profiles exit 2
//! naming the file and field; a small generated instance solves with a checked plan.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::util::{root, run_kopa};

/// The committed suite (`instances/generated/README.md`): name, students, sites; seed 1.
const SUITE: &[(&str, usize, usize)] = &[
    ("gen-50", 50, 3),
    ("gen-200", 200, 4),
    ("gen-500", 500, 6),
    ("gen-1000", 1000, 8),
    ("gen-2000", 2000, 10),
    ("gen-5000", 5000, 12),
];

fn generate_stdout(students: &str, sites: &str, seed: &str) -> Vec<u8> {
    let run = run_kopa(&[
        "generate",
        "--students",
        students,
        "--sites",
        sites,
        "--seed",
        seed,
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(!run.stdout.is_empty());
    run.stdout
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_another_instance() {
    let a = generate_stdout("300", "5", "7");
    let b = generate_stdout("300", "5", "7");
    assert!(a == b, "two runs with seed 7 differ");
    let c = generate_stdout("300", "5", "8");
    assert!(a != c, "seeds 7 and 8 gave the same instance");
}

#[test]
fn the_committed_suite_is_what_the_generator_writes_now_and_validates() {
    let dir = tempfile::tempdir().expect("temp dir");
    for &(name, students, sites) in SUITE {
        let out = dir.path().join(format!("{name}.json"));
        let run = run_kopa(&[
            "generate",
            "--students",
            &students.to_string(),
            "--sites",
            &sites.to_string(),
            "--seed",
            "1",
            "--name",
            name,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let validate = run_kopa(&["validate", out.to_str().unwrap()]);
        assert_eq!(
            validate.status.code(),
            Some(0),
            "{name} does not validate:\n{}",
            String::from_utf8_lossy(&validate.stdout)
        );
        let committed: PathBuf = root().join(format!("instances/generated/{name}.json"));
        let committed =
            std::fs::read(&committed).unwrap_or_else(|e| panic!("{}: {e}", committed.display()));
        let now = std::fs::read(&out).expect("generated file");
        assert!(
            committed == now,
            "instances/generated/{name}.json differs from what `kopa generate` writes now; \
             rerun the command in instances/generated/README.md"
        );
    }
}

#[test]
fn zero_students_and_too_few_sites_exit_2_naming_the_argument() {
    let run = run_kopa(&["generate", "--students", "0", "--sites", "3"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--students"));
    assert!(run.stdout.is_empty());
    let run = run_kopa(&["generate", "--students", "10", "--sites", "1"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--sites"));
    let run = run_kopa(&["generate", "--students", "10", "--sites", "40"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("corridor.towns"));
}

/// The committed profile with one edit, written to a temporary file.
fn edited_profile(dir: &Path, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let text = std::fs::read_to_string(root().join("instances/generated/profiles/road21.json"))
        .expect("committed profile");
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("profile is JSON");
    edit(&mut value);
    let path = dir.join("edited.json");
    std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    path
}

fn generate_with(profile: &Path) -> Output {
    run_kopa(&[
        "generate",
        "--students",
        "20",
        "--sites",
        "2",
        "--profile",
        profile.to_str().unwrap(),
    ])
}

#[test]
fn a_bad_profile_exits_2_naming_the_file_and_the_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let unknown = edited_profile(dir.path(), |v| {
        v["rooms"]["labSeats"] = serde_json::json!(20);
    });
    let run = generate_with(&unknown);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("edited.json"), "{stderr}");
    assert!(stderr.contains("labSeats"), "{stderr}");
    assert!(stderr.contains("rooms"), "{stderr}");

    let backwards = edited_profile(dir.path(), |v| {
        v["corridor"]["townGapMinutes"] = serde_json::json!([60, 40]);
    });
    let run = generate_with(&backwards);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("edited.json"), "{stderr}");
    assert!(stderr.contains("corridor.townGapMinutes"), "{stderr}");

    let run = generate_with(&dir.path().join("missing.json"));
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("missing.json"));
}

#[test]
fn the_built_in_profile_is_the_committed_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let committed = root().join("instances/generated/profiles/road21.json");
    let with_file = dir.path().join("a.json");
    let built_in = dir.path().join("b.json");
    for (out, profile) in [(&with_file, Some(&committed)), (&built_in, None)] {
        let mut args = vec![
            "generate".to_owned(),
            "--students".to_owned(),
            "120".to_owned(),
            "--sites".to_owned(),
            "4".to_owned(),
            "-o".to_owned(),
            out.to_str().unwrap().to_owned(),
        ];
        if let Some(p) = profile {
            args.extend(["--profile".to_owned(), p.to_str().unwrap().to_owned()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_eq!(run_kopa(&args).status.code(), Some(0));
    }
    assert_eq!(
        std::fs::read(&with_file).unwrap(),
        std::fs::read(&built_in).unwrap()
    );
}

#[test]
fn a_small_generated_instance_solves_with_a_checked_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let instance = dir.path().join("small.json");
    let plan = dir.path().join("small.solution.json");
    let run = run_kopa(&[
        "generate",
        "--students",
        "40",
        "--sites",
        "3",
        "--seed",
        "5",
        "-o",
        instance.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0));
    let run = run_kopa(&[
        "solve",
        instance.to_str().unwrap(),
        "-o",
        plan.to_str().unwrap(),
        "--time-limit",
        "20",
        "--check",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}\n{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    let check = run_kopa(&["check", instance.to_str().unwrap(), plan.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0));
}
