//! `kopa import gtfs FEED --stops MAP.csv --runs TERMS.csv --from DATE --to DATE -o
//! DIR`: the bus runs of a period from a GTFS feed (docs/gtfs.md), written as the
//! `trips.csv` and `trip_stops.csv` that `kopa import csv WORKBOOK --trips DIR` reads.
//!
//! Every problem of the feed and of the three CSVs is printed at once
//! (`FILE:LINE:COLUMN: error[E07xx] ...`) and nothing is written (bad input, exit 2).
//! Otherwise the summary says how many trips became runs and why the others did not,
//! and names each weekday a run lost because it does not run on it every week.

use std::path::PathBuf;

use anyhow::Context;
use kopa::import::gtfs::{GtfsSource, read_feed, runs_sheets};
use kopa::instance::parse_date;
use kopa::words::count;

use super::exit::Exit;

/// How many weekdays lost are named before the rest are only counted.
const NOTES_SHOWN: usize = 20;

#[derive(clap::Args)]
pub struct Args {
    /// The feed: a zip archive or a folder of its .txt files.
    pub feed: PathBuf,
    /// CSV `stop_id,node`: the road node of each stop kopa should know (a station
    /// maps its platforms).
    #[arg(long, value_name = "MAP.csv")]
    pub stops: PathBuf,
    /// CSV `route_id,trip_id,capacity,optional,costPerRun`: seats and the price of an
    /// extra run, per trip, per route, or for every run (both ids empty).
    #[arg(long, value_name = "TERMS.csv")]
    pub runs: PathBuf,
    /// The workbook's days.csv: each weekday's day id (without it: Mon ... Sun).
    #[arg(long, value_name = "DAYS.csv")]
    pub days: Option<PathBuf>,
    /// First date of the period, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// Last date of the period, YYYY-MM-DD (included).
    #[arg(long, value_name = "DATE")]
    pub to: String,
    /// A date of the period without lessons (a holiday): its buses are not looked at.
    /// May be repeated.
    #[arg(long, value_name = "DATE")]
    pub skip: Vec<String>,
    /// The folder to write trips.csv and trip_stops.csv to (made if missing).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
}

fn date(flag: &str, text: &str) -> anyhow::Result<chrono::NaiveDate> {
    parse_date(text)
        .with_context(|| format!("{flag} {text:?}: not a date; write YYYY-MM-DD, e.g. 2027-01-11"))
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let from = date("--from", &args.from)?;
    let to = date("--to", &args.to)?;
    anyhow::ensure!(from <= to, "--from {from} is after --to {to}: no period");
    let skip = args
        .skip
        .iter()
        .map(|s| date("--skip", s))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let source = GtfsSource {
        feed: &args.feed,
        stops: &args.stops,
        runs: &args.runs,
        days: args.days.as_deref(),
        from,
        to,
        skip: &skip,
    };
    let feed = args.feed.display();
    let runs = match read_feed(&source) {
        Ok(runs) => runs,
        Err(problems) => {
            for problem in &problems.0 {
                eprintln!("{problem}");
            }
            anyhow::bail!(
                "{feed}: {}; nothing written",
                count(problems.0.len(), "problem", "problems")
            );
        }
    };
    let sheets = runs_sheets(&runs.trips)
        .map_err(|refused| anyhow::anyhow!("{feed}: {}; nothing written", refused.join("; ")))?;
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("{}: cannot make the folder", args.output.display()))?;
    for (name, bytes) in sheets {
        let path = args.output.join(name);
        kopa::fsutil::write_atomic(&path, &bytes)
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    let s = &runs.summary;
    println!(
        "{}: {} from {} of {feed}, {from} to {to}",
        args.output.display(),
        count(s.runs, "run", "runs"),
        count(s.feed_trips, "trip", "trips")
    );
    println!(
        "left out: {} calling at fewer than two mapped stops, {} with no service in the period, {} run by headway only, {} on no weekday every week",
        count(s.unmapped, "trip", "trips"),
        s.no_service,
        s.headway_only,
        s.no_weekly_day
    );
    for note in s.notes.iter().take(NOTES_SHOWN) {
        println!("  {note}");
    }
    if s.notes.len() > NOTES_SHOWN {
        println!(
            "  ... and {} more weekdays left out",
            s.notes.len() - NOTES_SHOWN
        );
    }
    Ok(Exit::Success)
}
