//! `kopa generate --students N --sites K --seed S [-o FILE] [--profile FILE] [--oversubscribed]`: a
//! realistic synthetic instance from a seed and a size (the logic: `kopa::generate`;
//! the world's numbers: the profile, by default the built-in copy of
//! `instances/generated/profiles/road21.json`).
//!
//! Writes the instance JSON to FILE (atomically) or to stdout, and a one-line summary
//! of its sizes to stderr. The same arguments and profile give the same bytes.
//! It ends (`Exit`, docs/exit-codes.md) with success when written, bad input for bad
//! arguments or an unusable profile (the message names the file and the field).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use kopa::generate::{
    Params, ROAD21_PATH, ROAD21_PROFILE, generate, read_profile, read_profile_str, to_json,
};
use kopa::words::count;

use super::exit::Exit;

#[derive(clap::Args)]
pub struct Args {
    /// Number of students (at least 1).
    #[arg(long)]
    pub students: usize,
    /// Number of sites (at least 2): a lukio in each of ceil(K/2) towns along the road,
    /// vocational units in the first floor(K/2) towns.
    #[arg(long)]
    pub sites: usize,
    /// Seed of the generator; the same seed gives the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Profile JSON with every number of the generated world (default: road21, built in).
    #[arg(long)]
    pub profile: Option<PathBuf>,
    /// Instance name (default: the profile name and the student count, e.g. "road21-500").
    #[arg(long)]
    pub name: Option<String>,
    /// Keep every drawn request even when a student's study plan cannot fit one week
    /// (a stress case); by default such requests are left out, as a counsellor would.
    #[arg(long)]
    pub oversubscribed: bool,
    /// Output file; stdout when left out.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let started = Instant::now();
    let profile = match &args.profile {
        Some(path) => read_profile(path)?,
        None => read_profile_str(ROAD21_PROFILE, Path::new(ROAD21_PATH))?,
    };
    let params = Params {
        students: args.students,
        sites: args.sites,
        seed: args.seed,
        name: args.name.clone(),
        oversubscribed: args.oversubscribed,
    };
    let instance = generate(&profile, &params)?;
    let text = to_json(&instance);
    match &args.output {
        Some(path) => kopa::fsutil::write_atomic(path, text.as_bytes())
            .with_context(|| format!("{}: cannot write the instance", path.display()))?,
        None => print!("{text}"),
    }
    eprintln!(
        "kopa generate: {}: {}, {}, {}, {}, {}, {}, {}, {} in {:.2} s",
        instance.name,
        count(instance.sites.len(), "site", "sites"),
        count(instance.rooms.len(), "room", "rooms"),
        count(instance.teachers.len(), "teacher", "teachers"),
        count(instance.courses.len(), "course", "courses"),
        count(instance.students.len(), "student", "students"),
        count(
            instance
                .students
                .iter()
                .map(|s| s.requests.len() + s.one_of.len())
                .sum::<usize>(),
            "request",
            "requests"
        ),
        count(instance.trips.len(), "trip", "trips"),
        count(text.len(), "byte", "bytes"),
        started.elapsed().as_secs_f64()
    );
    Ok(Exit::Success)
}
