//! The stages of a solve on real files, each measured on its own: reading plus
//! validation, resolving the model (road tables with petgraph), enumerating the
//! courses' placements (once per solve), and building the MILP for the whole problem
//! and for a fixed timetable. Solver time is measured by
//! `kopa solve`'s own report, since HiGHS dominates it and varies with limits.
//! The largest generated instance (`instances/generated/gen-5000.json`, 5,000 students)
//! is measured for reading plus validation only (target: under 1 s); building its whole
//! model is not what the solver does at that size. `kopa import csv` is measured on the
//! Tornio valley's workbook (as `kopa export csv` writes it) and on gen-5000's: reading
//! the sheets plus validation (target for the Tornio valley: under 1 s); and the Tornio
//! valley's source as shipped (`instances/tornio-valley/source/`): its GTFS feed's runs
//! (`kopa import gtfs`), then its workbook with them, plus validation (target: under
//! 1 s).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use kopa::import::gtfs::{GtfsSource, read_feed, runs_sheets};
use kopa::import::{read_workbook, write_workbook};
use kopa::instance::read_instance;
use kopa::milp::{Builder, Scope, Timetable};
use kopa::model::Model;
use kopa::solve::SolveContext;
use kopa::validate::validate;

const FILES: &[&str] = &[
    "tests/fixtures/solve/two-towns.json",
    "instances/tornio-valley/tornio-valley.json",
];

/// The files of `files` this checkout has (generated instances may be absent), each
/// with the name its benchmarks carry (the file's stem).
fn present(files: &[&str]) -> Vec<(PathBuf, String)> {
    files
        .iter()
        .map(|file| Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
        .filter(|path| path.exists())
        .map(|path| {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("instance")
                .to_owned();
            (path, name)
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    for (path, name) in present(FILES) {
        c.bench_function(&format!("read+validate/{name}"), |b| {
            b.iter(|| {
                let instance = read_instance(&path).expect("bench instances are readable");
                black_box(validate(&instance))
            })
        });
        let instance = read_instance(&path).expect("bench instances are readable");
        c.bench_function(&format!("model/{name}"), |b| {
            b.iter(|| black_box(Model::new(&instance).expect("bench instances are valid")))
        });
        let model = Model::new(&instance).expect("bench instances are valid");
        c.bench_function(&format!("placements/{name}"), |b| {
            b.iter(|| {
                black_box(
                    SolveContext::new(&instance, &model)
                        .expect("placements enumerate")
                        .placements
                        .len(),
                )
            })
        });
        let ctx = SolveContext::new(&instance, &model).expect("placements enumerate");
        c.bench_function(&format!("build-free/{name}"), |b| {
            b.iter(|| black_box(Builder::build(&model, &ctx.placements, Scope::Free).size()))
        });
        c.bench_function(&format!("build-fixed-empty/{name}"), |b| {
            b.iter(|| {
                black_box(
                    Builder::build(&model, &ctx.placements, Scope::Fixed(Timetable::default()))
                        .size(),
                )
            })
        });
    }
}

const LARGE_FILES: &[&str] = &["instances/generated/gen-5000.json"];

fn read_validate_large(c: &mut Criterion) {
    for (path, name) in present(LARGE_FILES) {
        c.bench_function(&format!("read+validate/{name}"), |b| {
            b.iter(|| {
                let instance = read_instance(&path).expect("bench instances are readable");
                black_box(validate(&instance))
            })
        });
    }
}

const WORKBOOK_FILES: &[&str] = &[
    "instances/tornio-valley/tornio-valley.json",
    "instances/generated/gen-5000.json",
];

fn import_workbook(c: &mut Criterion) {
    for (path, name) in present(WORKBOOK_FILES) {
        let instance = read_instance(&path).expect("bench instances are readable");
        let dir = tempfile::tempdir().expect("a temp dir for the workbook");
        for (sheet, bytes) in write_workbook(&instance).expect("bench instances export") {
            std::fs::write(dir.path().join(sheet), bytes).expect("the sheet is written");
        }
        c.bench_function(&format!("import-csv+validate/{name}"), |b| {
            b.iter(|| {
                let instance = read_workbook(dir.path(), &[]).expect("the workbook reads");
                black_box(validate(&instance))
            })
        });
    }
}

/// `kopa import gtfs` then `kopa import csv --trips` of the Tornio valley's source, as
/// `tests/kopa/tornio_source.rs` builds the shipped file.
fn import_tornio_source(c: &mut Criterion) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("instances/tornio-valley/source");
    let skip = [];
    let days = source.join("workbook/days.csv");
    let (feed, stops, runs) = (
        source.join("gtfs"),
        source.join("gtfs-stops.csv"),
        source.join("gtfs-runs.csv"),
    );
    let gtfs = GtfsSource {
        feed: &feed,
        stops: &stops,
        runs: &runs,
        days: Some(&days),
        from: chrono::NaiveDate::from_ymd_opt(2027, 1, 11).expect("a date"),
        to: chrono::NaiveDate::from_ymd_opt(2027, 2, 28).expect("a date"),
        skip: &skip,
    };
    let buses = tempfile::tempdir().expect("a temp dir for the runs");
    c.bench_function("import-gtfs+csv+validate/tornio-valley-source", |b| {
        b.iter(|| {
            let feed_runs = read_feed(&gtfs).expect("the feed reads");
            for (sheet, bytes) in runs_sheets(&feed_runs.trips).expect("runs write") {
                std::fs::write(buses.path().join(sheet), bytes).expect("the sheet is written");
            }
            let trips = [buses.path().to_path_buf()];
            let instance =
                read_workbook(&source.join("workbook"), &trips).expect("the workbook reads");
            black_box(validate(&instance))
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = stages, read_validate_large, import_workbook, import_tornio_source
}
criterion_main!(benches);
