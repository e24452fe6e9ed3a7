//! Every cause `kopa explain` prints is a fact of the instance.
//!
//! For each fixture in tests/fixtures/infeasible, each sentence of the explanation is
//! matched to the kind of fact it states and that fact is worked out again here from
//! the instance's JSON alone (no code of kopa's): who may teach a course and when they
//! are away, sizes, where a student lives, which buses run when, which sites can
//! receive a stream. A sentence of no known kind fails the test, so a new kind of
//! sentence comes with its check.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::util::{kopa, repo};

/// The instance's entities, looked up by id.
struct Instance(Value);

impl Instance {
    fn list(&self, field: &str) -> &[Value] {
        self.0[field].as_array().map_or(&[], Vec::as_slice)
    }

    fn find(&self, field: &str, id: &str) -> &Value {
        self.list(field)
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("{field} has no {id}"))
    }

    fn strings(value: &Value) -> Vec<&str> {
        value
            .as_array()
            .map_or(vec![], |a| a.iter().filter_map(Value::as_str).collect())
    }

    fn node_of_site(&self, site: &str) -> &str {
        self.find("sites", site)["node"].as_str().expect("node")
    }

    fn slot(&self, id: &str) -> (&str, u32, u32) {
        let slot = self.find_slot(id);
        (
            slot["day"].as_str().expect("day"),
            minutes(&slot["start"]),
            minutes(&slot["end"]),
        )
    }

    fn find_slot(&self, id: &str) -> &Value {
        self.0["timeGrid"]["slots"]
            .as_array()
            .expect("slots")
            .iter()
            .find(|s| s["id"] == id)
            .unwrap_or_else(|| panic!("no slot {id}"))
    }

    fn buffer(&self) -> u32 {
        self.0["transport"]["transferBufferMinutes"]
            .as_u64()
            .unwrap_or(0) as u32
    }

    /// Whether `student` has a mandatory request met by exactly `courses`.
    fn has_mandatory(&self, student: &str, courses: &[&str]) -> bool {
        let s = self.find("students", student);
        let single = courses.len() == 1
            && s["requests"].as_array().is_some_and(|rs| {
                rs.iter()
                    .any(|r| r["course"] == courses[0] && r["mandatory"] == true)
            });
        let group = s["oneOf"].as_array().is_some_and(|gs| {
            gs.iter()
                .any(|g| Instance::strings(&g["courses"]) == courses && g["mandatory"] == true)
        });
        single || group
    }

    /// Whether a bus leaves `from` on `day` and reaches `to` by `arrive_by`, leaving
    /// no earlier than `leave_from` (times in minutes).
    fn bus(&self, day: &str, from: &str, to: &str, leave_from: u32, arrive_by: u32) -> bool {
        self.list("trips").iter().any(|trip| {
            let runs = Instance::strings(&trip["days"]).contains(&day);
            let stops = trip["stops"].as_array().expect("stops");
            let at = |node: &str| {
                stops
                    .iter()
                    .position(|s| s["node"] == node)
                    .map(|i| (i, minutes(&stops[i]["time"])))
            };
            runs && matches!((at(from), at(to)), (Some((i, leave)), Some((j, arrive)))
                if i < j && leave >= leave_from && arrive <= arrive_by)
        })
    }
}

fn minutes(time: &Value) -> u32 {
    let text = time.as_str().expect("a time");
    let (h, m) = text.split_once(':').expect("hh:mm");
    h.parse::<u32>().expect("hours") * 60 + m.parse::<u32>().expect("minutes")
}

/// "S1 -> MAA01, S2 -> FY01 or FY02" as (student, courses).
fn requests(listed: &str) -> Vec<(&str, Vec<&str>)> {
    listed
        .split(", ")
        .map(|one| {
            let (student, courses) = one.split_once(" -> ").expect("S -> C");
            (student, courses.split(" or ").collect())
        })
        .collect()
}

/// What one explanation said about when each course can be taught: course id and its
/// timings (each a list of slot ids).
type Times<'a> = Vec<(&'a str, Vec<Vec<&'a str>>)>;

/// Checks "C can be taught only in A or B+C (qualified teachers: T1, T2; T1 is
/// unavailable in X+Y)." and returns the course and its timings.
fn check_when<'a>(inst: &Instance, sentence: &'a str) -> (&'a str, Vec<Vec<&'a str>>) {
    let (course, rest) = sentence
        .split_once(" can be taught ")
        .expect("a when-sentence");
    let (times, teachers) = rest.split_once(" (qualified teachers: ").expect("teachers");
    let teachers = teachers.strip_suffix(").").expect("ends ').'");
    let mut parts = teachers.split("; ");
    let named: BTreeSet<&str> = parts
        .next()
        .unwrap_or("")
        .split(", ")
        .filter(|t| !t.is_empty())
        .collect();
    let qualified: BTreeSet<&str> = inst
        .list("teachers")
        .iter()
        .filter(|t| Instance::strings(&t["canTeach"]).contains(&course))
        .map(|t| t["id"].as_str().expect("id"))
        .collect();
    assert_eq!(named, qualified, "{sentence}");
    let away: BTreeSet<String> = parts.map(str::to_owned).collect();
    let expected_away: BTreeSet<String> = qualified
        .iter()
        .map(|&t| {
            (
                t,
                Instance::strings(&inst.find("teachers", t)["unavailable"]),
            )
        })
        .filter(|(_, u)| !u.is_empty())
        .map(|(t, u)| format!("{t} is unavailable in {}", u.join("+")))
        .collect();
    assert_eq!(away, expected_away, "{sentence}");
    let c = inst.find("courses", course);
    let lessons = c["lessonsPerWeek"].as_u64().unwrap_or(0) as usize;
    let available = |slot: &str| {
        qualified
            .iter()
            .any(|&t| !Instance::strings(&inst.find("teachers", t)["unavailable"]).contains(&slot))
    };
    let timings: Vec<Vec<&str>> = match times.strip_prefix("only in ") {
        Some(list) => list.split(" or ").map(|t| t.split('+').collect()).collect(),
        None => {
            assert_eq!(times, "at no time", "{sentence}");
            vec![]
        }
    };
    if timings.is_empty() {
        // No timing at all: here because too few slots have a qualified teacher.
        let slots = inst.0["timeGrid"]["slots"].as_array().expect("slots");
        let free = slots
            .iter()
            .filter(|s| available(s["id"].as_str().expect("id")))
            .count();
        assert!(free < lessons, "{sentence}: {free} slots have a teacher");
    }
    for timing in &timings {
        assert_eq!(timing.len(), lessons, "{sentence}: lessons per week");
        for slot in timing {
            inst.find_slot(slot);
            assert!(available(slot), "{sentence}: nobody teaches in {slot}");
        }
    }
    (course, timings)
}

/// Checks the clause on streaming `course`.
fn check_remote(inst: &Instance, course: &str, clause: &str) {
    let c = inst.find("courses", course);
    let allowed = c["remoteAllowed"] == true;
    if clause == "it may not be taught remotely" {
        assert!(!allowed, "{clause}");
        return;
    }
    assert!(allowed, "{clause}");
    let own = Instance::strings(&c["sites"]);
    let receivers: Vec<&str> = inst
        .list("sites")
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .filter(|s| !own.contains(s))
        .filter(|&s| inst.find("sites", s)["maxStreams"].as_u64().unwrap_or(0) > 0)
        .filter(|&s| {
            inst.list("rooms")
                .iter()
                .any(|r| r["site"] == s && r["video"] == true)
        })
        .collect();
    match clause.strip_prefix("it may be taught remotely, to a video room at ") {
        Some(list) => assert_eq!(list.split(" or ").collect::<Vec<_>>(), receivers),
        None => {
            assert_eq!(
                clause,
                "it may be taught remotely, but no other site has a video room and streams"
            );
            assert!(receivers.is_empty(), "{clause}: {receivers:?}");
        }
    }
}

/// Checks one sentence against the instance; `times` is what the explanation said of
/// when courses can be taught (the when-sentences, checked first).
fn check(inst: &Instance, sentence: &str, times: &Times) {
    let timings_of = |course: &str| {
        times
            .iter()
            .find(|(c, _)| *c == course)
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| panic!("{sentence}: no when-sentence for {course}"))
    };
    if let Some(rest) = sentence.strip_prefix("mandatory request ") {
        let listed = rest
            .strip_suffix(" cannot be met, whatever else the plan does")
            .expect("one request");
        for (s, cs) in requests(listed) {
            assert!(inst.has_mandatory(s, &cs), "{sentence}");
        }
    } else if let Some((_, listed)) =
        sentence.split_once(" cannot take all of these mandatory courses at once: ")
    {
        for (s, cs) in requests(listed) {
            assert!(inst.has_mandatory(s, &cs), "{sentence}");
        }
    } else if let Some(listed) =
        sentence.strip_prefix("these mandatory requests cannot all be met together: ")
    {
        for (s, cs) in requests(listed) {
            assert!(inst.has_mandatory(s, &cs), "{sentence}");
        }
    } else if sentence
        == "every time one can be taught overlaps every time the other can: they clash in any timetable"
    {
        assert_eq!(times.len(), 2, "{sentence}");
        for a in &times[0].1 {
            for b in &times[1].1 {
                assert!(a.iter().any(|s| b.contains(s)), "{sentence}: {a:?} {b:?}");
            }
        }
    } else if sentence.contains(" can be taught ") && sentence.contains("(qualified teachers: ") {
        check_when(inst, sentence);
    } else if let Some((head, listed)) = sentence.split_once(", more than it can hold: ") {
        let (n, course) = head
            .split_once(" students must take ")
            .or_else(|| head.split_once(" student must take "))
            .expect("n students");
        let listed = requests(listed);
        let students: BTreeSet<&str> = listed.iter().map(|(s, _)| *s).collect();
        assert_eq!(n.parse::<usize>().expect("n"), students.len(), "{sentence}");
        for (s, cs) in listed {
            assert_eq!(cs, [course], "{sentence}");
            assert!(inst.has_mandatory(s, &cs), "{sentence}");
        }
    } else if let Some((course, rest)) = sentence.split_once(" opens at most ") {
        let c = inst.find("courses", course);
        let (sections, size) = (
            c["maxSections"].as_u64().expect("maxSections"),
            c["maxSize"].as_u64().expect("maxSize"),
        );
        let noun = |n: u64, one: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {one}s")
            }
        };
        let expected = format!(
            "{} of at most {} ({} in all); rooms, teachers and buses may allow fewer.",
            noun(sections, "section"),
            noun(size, "student"),
            sections * size
        );
        assert_eq!(rest, expected);
    } else if let Some((student, rest)) = sentence.split_once(" lives at ") {
        let (home, rest) = rest.split_once(", where ").expect("where");
        let (course, rest) = rest.split_once(" can be taught (at ").expect("at");
        let (sites, remote) = rest.split_once("): no bus is needed; ").expect("no bus");
        assert_eq!(inst.find("students", student)["home"], home, "{sentence}");
        let own = Instance::strings(&inst.find("courses", course)["sites"]);
        for site in sites.split(", ") {
            assert!(own.contains(&site), "{sentence}");
            assert_eq!(inst.node_of_site(site), home, "{sentence}");
        }
        assert!(!timings_of(course).is_empty(), "{sentence}");
        check_remote(inst, course, remote.strip_suffix('.').expect("ends '.'"));
    } else if let Some((student, rest)) = sentence.split_once(" (home ") {
        let (home, rest) = rest.split_once(") ").expect("home");
        assert_eq!(inst.find("students", student)["home"], home, "{sentence}");
        let buffer = inst.buffer();
        // Whether a bus takes the student to `site` and back around every slot of
        // `timing` (the rule of docs/rules.md, rule 6, with no change of bus).
        let fits = |site: &str, timing: &Vec<&str>| {
            let node = inst.node_of_site(site);
            node == home
                || timing.iter().all(|&slot| {
                    let (day, start, end) = inst.slot(slot);
                    inst.bus(day, home, node, 0, start.saturating_sub(buffer))
                        && inst.bus(day, node, home, end + buffer, u32::MAX)
                })
        };
        if let Some(rest) = rest.strip_prefix("has no bus that reaches ") {
            let (sites, rest) = rest.split_once(" before a time ").expect("before");
            let (course, remote) = rest
                .split_once(" can be taught there and returns after it, and ")
                .expect("returns");
            let timings = timings_of(course);
            assert!(
                !timings.is_empty(),
                "{sentence}: the course is never taught"
            );
            for site in sites.split(" or ") {
                assert!(timings.iter().all(|t| !fits(site, t)), "{sentence}: {site}");
            }
            check_remote(inst, course, remote.strip_suffix('.').expect("ends '.'"));
        } else {
            let rest = rest
                .strip_prefix("can reach a site of ")
                .unwrap_or_else(|| panic!("a sentence of no known kind: {sentence}"));
            let (course, rest) = rest.split_once(" (").expect("sites");
            let (sites, remote) = rest
                .split_once(") by bus in time for some of its possible times; ")
                .expect("by bus");
            let timings = timings_of(course);
            assert!(
                sites
                    .split(", ")
                    .any(|s| timings.iter().any(|t| fits(s, t))),
                "{sentence}"
            );
            check_remote(inst, course, remote.strip_suffix('.').expect("ends '.'"));
        }
    } else {
        panic!("a sentence of no known kind: {sentence}");
    }
}

/// Runs `kopa explain --json` on `file` and checks every sentence it prints.
fn every_sentence_holds(file: &Path) -> usize {
    let text = std::fs::read_to_string(file).expect("fixture reads");
    let inst = Instance(serde_json::from_str(&text).expect("JSON"));
    let out = kopa()
        .args(["explain", "--json"])
        .arg(file)
        .output()
        .expect("kopa runs");
    assert_eq!(out.status.code(), Some(3), "{}", file.display());
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let sentences: Vec<&str> = json["sentences"]
        .as_array()
        .expect("sentences")
        .iter()
        .map(|s| s.as_str().expect("a sentence"))
        .collect();
    let times: Times = sentences
        .iter()
        .filter(|s| s.contains(" can be taught ") && s.contains("(qualified teachers: "))
        .map(|s| check_when(&inst, s))
        .collect();
    for sentence in &sentences {
        check(&inst, sentence, &times);
    }
    sentences.len()
}

#[test]
fn every_cause_explain_prints_holds_in_the_instance() {
    let mut files: Vec<_> = std::fs::read_dir(repo("tests/fixtures/infeasible"))
        .expect("fixtures list")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    for file in files {
        let n = every_sentence_holds(&file);
        assert!(n >= 2, "{}: {n} sentences", file.display());
    }
}

/// The course can be taught at no time and the student lives at its site: no sentence
/// about buses (they are beside the point), none about a room "nearer home".
#[test]
fn a_course_taught_at_no_time_says_nothing_of_buses() {
    let out = kopa()
        .arg("explain")
        .arg(repo("tests/fixtures/infeasible/taught-at-no-time.json"))
        .output()
        .expect("kopa runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{text}");
    assert!(text.contains("MAA01 can be taught at no time"), "{text}");
    assert!(text.contains("T1 is unavailable in Mon1"), "{text}");
    assert!(!text.contains("bus"), "{text}");
    assert!(!text.contains("nearer"), "{text}");
}

/// A course that may be streamed, with no other site to receive it: the explanation
/// says so instead of suggesting a video room "nearer home".
#[test]
fn a_streamable_course_with_no_receiving_site_says_so() {
    let out = kopa()
        .arg("explain")
        .arg(repo("tests/fixtures/infeasible/streamed-nowhere.json"))
        .output()
        .expect("kopa runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{text}");
    assert!(text.contains("no other site has a video room"), "{text}");
    assert!(!text.contains("nearer"), "{text}");
}
