//! Every shipped instance, and the Tornio valley's scenario patches, through a fixed
//! list of mutation kinds, each run by the `kopa` binary as a user would.
//!
//! `hostile_input.rs` damages instances at random inside one process; this suite is
//! the fixed, repeatable list a reader can see whole: numbers at their type's limits,
//! ids removed and duplicated, references to unknown ids, times reversed, arrays
//! where objects belong, wrong types, a byte order mark, and the file cut short at
//! several byte offsets. Each mutant that is wrong must end with exit 2, a stable
//! code (`error[E....]`), the file and the place (a JSON path, or line and column
//! where the JSON itself is broken), never a panic (exit 101), and no output file.
//! A mutant that is still a valid instance (a byte order mark) must validate.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::util::{printed, repo, run_kopa};

/// What a mutant must give.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Expect {
    /// Exit 2, a code, the file, and this text (a JSON path) in the message.
    Refused(&'static str),
    /// Exit 2, a code, the file and a line and column: the JSON itself is broken.
    Unreadable,
    /// Still a valid instance: exit 0.
    Valid,
}

/// One mutant: its name, its bytes, and what kopa must say.
struct Mutant {
    name: String,
    bytes: Vec<u8>,
    expect: Expect,
}

/// Sets the value at `pointer` (JSON pointer) when it exists; false when it does not.
fn set(value: &mut Value, pointer: &str, to: Value) -> bool {
    match value.pointer_mut(pointer) {
        Some(place) => {
            *place = to;
            true
        }
        None => false,
    }
}

/// Integer fields an instance keeps (pointer, path in messages), and where they exist
/// in `instance`.
const COUNTS: &[(&str, &str)] = &[
    ("/rooms/0/capacity", "rooms[0].capacity"),
    ("/trips/0/capacity", "trips[0].capacity"),
    (
        "/teachers/0/maxLessonsPerWeek",
        "teachers[0].maxLessonsPerWeek",
    ),
    ("/courses/0/maxSize", "courses[0].maxSize"),
];

/// Numbers at and past the limits of the fields' types, and a number written as text.
fn limit_values() -> Vec<(&'static str, Value)> {
    vec![
        ("zero", json!(0)),
        ("minus-one", json!(-1)),
        ("i64-max", json!(i64::MAX)),
        ("u32-max-plus-one", json!(u64::from(u32::MAX) + 1)),
        ("u64-max", json!(u64::MAX)),
        ("1e308", json!(1e308)),
        ("nan-as-string", json!("NaN")),
    ]
}

/// The structural mutants of one instance (parsed), each with the path its message
/// must name.
fn structural(instance: &Value) -> Vec<(String, Value, Expect)> {
    let mut out = Vec::new();
    let mut with = |name: String, edit: &dyn Fn(&mut Value) -> bool, expect: Expect| {
        let mut value = instance.clone();
        if edit(&mut value) {
            out.push((name, value, expect));
        }
    };
    for (pointer, path) in COUNTS {
        for (label, number) in limit_values() {
            with(
                format!("{path}={label}"),
                &|v| set(v, pointer, number.clone()),
                Expect::Refused(path),
            );
        }
    }
    for (label, number) in [
        ("minus-one", json!(-1)),
        ("1e308", json!(1e308)),
        ("nan-as-string", json!("NaN")),
    ] {
        with(
            format!("weights.unmetRequest={label}"),
            &|v| set(v, "/weights/unmetRequest", number.clone()),
            Expect::Refused("weights.unmetRequest"),
        );
    }
    for list in ["rooms", "courses", "students", "teachers", "sites", "trips"] {
        let path0: &'static str = Box::leak(format!("{list}[0]").into_boxed_str());
        let id_path: &'static str = Box::leak(format!("{list}[1].id").into_boxed_str());
        with(
            format!("{list}[0] without id"),
            &|v| {
                v.pointer_mut(&format!("/{list}/0"))
                    .and_then(Value::as_object_mut)
                    .and_then(|o| o.remove("id"))
                    .is_some()
            },
            Expect::Refused(path0),
        );
        with(
            format!("{list}[0] duplicated"),
            &|v| {
                let Some(items) = v.get_mut(list).and_then(Value::as_array_mut) else {
                    return false;
                };
                let Some(first) = items.first().cloned() else {
                    return false;
                };
                items.insert(1, first);
                true
            },
            // Both copies are named; the second is the one refused.
            Expect::Refused(id_path),
        );
        with(
            format!("{list}[0] as an array"),
            &|v| {
                let Some(first) = v.pointer_mut(&format!("/{list}/0")) else {
                    return false;
                };
                let values: Vec<Value> = first
                    .as_object()
                    .map(|o| o.values().cloned().collect())
                    .unwrap_or_default();
                *first = Value::Array(values);
                true
            },
            Expect::Refused(path0),
        );
    }
    with(
        "weights as an empty array".into(),
        &|v| set(v, "/weights", json!([])),
        Expect::Refused("weights"),
    );
    with(
        "students as an object".into(),
        &|v| set(v, "/students", json!({})),
        Expect::Refused("students"),
    );
    with(
        "rooms[0].site unknown".into(),
        &|v| set(v, "/rooms/0/site", json!("NO-SUCH-SITE")),
        Expect::Refused("rooms[0].site"),
    );
    with(
        "students[0].home unknown".into(),
        &|v| set(v, "/students/0/home", json!("no-such-node")),
        Expect::Refused("students[0].home"),
    );
    with(
        "courses[0].sites unknown".into(),
        &|v| set(v, "/courses/0/sites", json!(["NO-SUCH-SITE"])),
        Expect::Refused("courses[0].sites"),
    );
    with(
        "teachers[0].canTeach unknown".into(),
        &|v| set(v, "/teachers/0/canTeach", json!(["NO-SUCH-COURSE"])),
        Expect::Refused("teachers[0].canTeach"),
    );
    with(
        "trips[0] stop at an unknown node".into(),
        &|v| set(v, "/trips/0/stops/0/node", json!("no-such-node")),
        Expect::Refused("trips[0].stops[0].node"),
    );
    with(
        "timeGrid.slots[0] ends before it starts".into(),
        &|v| {
            let Some(slot) = v.pointer_mut("/timeGrid/slots/0") else {
                return false;
            };
            let (start, end) = (slot["start"].clone(), slot["end"].clone());
            slot["start"] = end;
            slot["end"] = start;
            true
        },
        Expect::Refused("timeGrid.slots[0]"),
    );
    with(
        "trips[0] stops in reversed times".into(),
        &|v| {
            let Some(stops) = v
                .pointer_mut("/trips/0/stops")
                .and_then(Value::as_array_mut)
            else {
                return false;
            };
            let times: Vec<Value> = stops.iter().map(|s| s["time"].clone()).collect();
            for (stop, time) in stops.iter_mut().zip(times.into_iter().rev()) {
                stop["time"] = time;
            }
            true
        },
        Expect::Refused("trips[0].stops["),
    );
    with(
        "rooms[0].capacity as text".into(),
        &|v| set(v, "/rooms/0/capacity", json!("ten")),
        Expect::Refused("rooms[0].capacity"),
    );
    with(
        "students[0].requests as text".into(),
        &|v| set(v, "/students/0/requests", json!("MAA01")),
        Expect::Refused("students[0].requests"),
    );
    with(
        "name as a number".into(),
        &|v| set(v, "/name", json!(5)),
        Expect::Refused("name"),
    );
    with(
        "formatVersion 0".into(),
        &|v| set(v, "/formatVersion", json!(0)),
        Expect::Refused("formatVersion"),
    );
    out
}

/// Every mutant of the instance file `text`: the structural ones, a byte order mark,
/// and the file cut at several byte offsets (on character boundaries).
fn mutants(text: &str) -> Vec<Mutant> {
    let instance: Value = serde_json::from_str(text).expect("a shipped instance is JSON");
    let mut out: Vec<Mutant> = structural(&instance)
        .into_iter()
        .map(|(name, value, expect)| Mutant {
            name,
            bytes: serde_json::to_vec_pretty(&value).expect("serialises"),
            expect,
        })
        .collect();
    out.push(Mutant {
        name: "byte order mark".into(),
        bytes: format!("\u{feff}{text}").into_bytes(),
        expect: Expect::Valid,
    });
    for cut in [0, 1, text.len() / 3, text.len() / 2, text.len() - 2] {
        let mut cut = cut;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push(Mutant {
            name: format!("cut at byte {cut}"),
            bytes: text.as_bytes()[..cut].to_vec(),
            expect: Expect::Unreadable,
        });
    }
    out
}

/// Whether `text` has `error[E` followed by four digits and `]`.
fn has_code(text: &str) -> bool {
    text.match_indices("error[E").any(|(at, _)| {
        let code = &text.as_bytes()[at + 7..];
        code.len() > 4 && code[..4].iter().all(u8::is_ascii_digit) && code[4] == b']'
    })
}

/// Whether `text` names `file` with a line and column (`file:LINE:COLUMN:`).
fn has_line_and_column(text: &str, file: &str) -> bool {
    text.match_indices(&format!("{file}:")).any(|(at, found)| {
        let rest = &text[at + found.len()..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && rest[digits..].starts_with(':')
    })
}

/// Runs `args`; what went wrong with the mutant, if anything.
fn judge(args: &[&str], file: &str, expect: Expect, output: Option<&Path>) -> Option<String> {
    let run = run_kopa(args);
    let text = printed(&run);
    let code = run.status.code();
    let wrong = match expect {
        _ if code == Some(101) || text.contains("panicked") => Some("panicked".to_owned()),
        _ if output.is_some_and(Path::exists) => Some("wrote its output file".to_owned()),
        Expect::Valid => (code != Some(0)).then(|| format!("exit {code:?}, not 0")),
        Expect::Refused(_) | Expect::Unreadable if code != Some(2) => {
            Some(format!("exit {code:?}, not 2"))
        }
        _ if !has_code(&text) => Some("no error[E....] code".to_owned()),
        _ if !text.contains(file) => Some("the file is not named".to_owned()),
        Expect::Refused(path) if !text.contains(path) => Some(format!("{path} is not named")),
        Expect::Unreadable if !has_line_and_column(&text, file) => {
            Some("no line and column".to_owned())
        }
        _ => None,
    };
    wrong.map(|w| format!("kopa {}: {w}:\n{text}", args.join(" ")))
}

/// Every check of one mutant file: `kopa validate`, and for the small instances that
/// ship a plan `kopa solve` (which must stop before solving) and `kopa check`.
fn try_mutant(dir: &Path, at: usize, mutant: &Mutant, plan: Option<&Path>) -> Vec<String> {
    let path = dir.join(format!("mutant-{at}.json"));
    std::fs::write(&path, &mutant.bytes).expect("mutant written");
    let file = path.display().to_string();
    let mut wrong = Vec::new();
    wrong.extend(judge(&["validate", &file], &file, mutant.expect, None));
    if let Some(plan) = plan
        && mutant.expect != Expect::Valid
    {
        let out = dir.join(format!("plan-{at}.json"));
        let out_arg = out.display().to_string();
        let solve = ["solve", &file, "-o", &out_arg, "--rounds", "1"];
        wrong.extend(judge(&solve, &file, mutant.expect, Some(&out)));
        let plan = plan.display().to_string();
        wrong.extend(judge(&["check", &file, &plan], &file, mutant.expect, None));
    }
    wrong
        .into_iter()
        .map(|w| format!("[{}] {w}", mutant.name))
        .collect()
}

/// The shipped instances (not plans) in `folder` whose size in bytes `keep` accepts,
/// each with the plan shipped beside it, if any.
fn shipped(folder: &str, keep: impl Fn(u64) -> bool) -> Vec<(PathBuf, Option<PathBuf>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo(folder))
        .expect("the folder lists")
        .map(|e| e.expect("an entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && !p.to_string_lossy().ends_with(".solution.json")
                && keep(std::fs::metadata(p).expect("a file").len())
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let plan = p.with_extension("solution.json");
            let plan = plan.exists().then_some(plan);
            (p, plan)
        })
        .collect()
}

/// Every mutant of every file in `files`, on two threads; every failure, named.
fn run_all(files: Vec<(PathBuf, Option<PathBuf>)>) -> (usize, Vec<String>) {
    let jobs: Vec<(PathBuf, Option<PathBuf>, Mutant)> = files
        .into_iter()
        .flat_map(|(file, plan)| {
            let text = std::fs::read_to_string(&file).expect("a shipped instance");
            mutants(&text)
                .into_iter()
                .map(move |m| (file.clone(), plan.clone(), m))
        })
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let failures = std::sync::Mutex::new(Vec::new());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let at = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some((file, plan, mutant)) = jobs.get(at) else {
                        break;
                    };
                    let wrong = try_mutant(dir.path(), at, mutant, plan.as_deref());
                    let named = wrong
                        .into_iter()
                        .map(|w| format!("{}: {w}", file.display()));
                    failures.lock().expect("not poisoned").extend(named);
                }
            });
        }
    });
    (jobs.len(), failures.into_inner().expect("not poisoned"))
}

fn assert_all_pass(count: usize, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} of {count} mutants went wrong:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Below this size a file's mutants run in the README's test command; the larger
/// generated instances (gen-1000 and up, 0.2-0.8 s a validation) in the ignored test.
const QUICK_BYTES: u64 = 600_000;

#[test]
fn every_mutant_of_the_small_shipped_instances_is_refused_by_name() {
    let mut files = Vec::new();
    for folder in [
        "instances/tiny",
        "instances/generated",
        "instances/tornio-valley",
    ] {
        files.extend(shipped(folder, |size| size < QUICK_BYTES));
    }
    assert!(files.len() >= 15, "{files:?}");
    let (count, failures) = run_all(files);
    assert_all_pass(count, &failures);
}

#[test]
#[ignore = "the mutants of gen-1000, gen-2000 and gen-5000: about 30 s on 2 cores"]
fn every_mutant_of_the_large_generated_instances_is_refused_by_name() {
    let files = shipped("instances/generated", |size| size >= QUICK_BYTES);
    assert!(files.len() >= 3, "{files:?}");
    let (count, failures) = run_all(files);
    assert_all_pass(count, &failures);
}

/// Mutants of a patch that no sweep can use: each must stop the sweep before anything
/// is solved or written, naming the patch and the place, with a code.
fn patch_mutants(text: &str) -> Vec<Mutant> {
    let patch: Value = serde_json::from_str(text).expect("a shipped patch is JSON");
    let mut out = Vec::new();
    let mut push = |name: &str, value: Value, expect: Expect| {
        out.push(Mutant {
            name: name.into(),
            bytes: serde_json::to_vec_pretty(&value).expect("serialises"),
            expect,
        });
    };
    push(
        "a patch as an array",
        json!([patch.clone()]),
        Expect::Refused("patch"),
    );
    let mut rooms_array = patch.clone();
    rooms_array["rooms"] = json!([1, 2]);
    push("rooms as an array", rooms_array, Expect::Refused("rooms"));
    let mut unknown_site = patch.clone();
    unknown_site["rooms"] = json!({"mutant-room": {"site": "NO-SUCH-SITE", "capacity": 5}});
    push(
        "a room at an unknown site",
        unknown_site,
        Expect::Refused("NO-SUCH-SITE"),
    );
    let mut capacity_text = patch.clone();
    capacity_text["rooms"] = json!({"mutant-room": {"site": "NO-SUCH-SITE", "capacity": "ten"}});
    push(
        "a capacity as text",
        capacity_text,
        Expect::Refused("capacity"),
    );
    let mut huge = patch;
    huge["weights"] = json!({"unmetRequest": 1e308});
    push(
        "a weight of 1e308",
        huge,
        Expect::Refused("weights.unmetRequest"),
    );
    for cut in [1, text.len() / 2, text.len() - 2] {
        let mut cut = cut;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push(Mutant {
            name: format!("cut at byte {cut}"),
            bytes: text.as_bytes()[..cut].to_vec(),
            expect: Expect::Unreadable,
        });
    }
    out
}

#[test]
fn every_mutant_of_the_tornio_scenario_patches_stops_the_sweep_by_name() {
    let base = repo("instances/tornio-valley/tornio-valley.json");
    let base = base.display().to_string();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut patches: Vec<PathBuf> = std::fs::read_dir(repo("instances/tornio-valley/scenarios"))
        .expect("scenarios list")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    patches.sort();
    assert!(patches.len() >= 5, "{patches:?}");
    let (mut count, mut failures) = (0, Vec::new());
    for patch in patches {
        let text = std::fs::read_to_string(&patch).expect("a patch");
        for (at, mutant) in patch_mutants(&text).into_iter().enumerate() {
            count += 1;
            let stem = patch.file_stem().expect("a name").to_string_lossy();
            let path = dir.path().join(format!("{stem}-{at}.json"));
            std::fs::write(&path, &mutant.bytes).expect("mutant written");
            let file = path.display().to_string();
            let out = dir.path().join(format!("sweep-{stem}-{at}"));
            let out_arg = out.display().to_string();
            let args = ["sweep", &base, &file, "-o", &out_arg, "--time-limit", "5"];
            if let Some(wrong) = judge(&args, &file, mutant.expect, Some(&out)) {
                failures.push(format!("{}: [{}] {wrong}", patch.display(), mutant.name));
            }
        }
    }
    assert_all_pass(count, &failures);
}
