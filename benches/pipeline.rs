//! The stages of a solve on real files, each measured on its own: reading plus
//! validation, resolving the model (road tables with petgraph), enumerating the
//! courses' placements (once per solve), and building the MILP for the whole problem
//! and for a fixed timetable. Solver time is measured by
//! `kopa solve`'s own report, since HiGHS dominates it and varies with limits.
//! The largest generated instance (`instances/generated/gen-5000.json`, 5,000 students)
//! is measured for reading plus validation only (target: under 1 s); building its whole
//! model is not what the solver does at that size.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use kopa::instance::read_instance;
use kopa::milp::{Builder, Scope, Timetable};
use kopa::model::Model;
use kopa::solve::SolveContext;
use kopa::validate::validate;

const FILES: &[&str] = &[
    "tests/fixtures/solve/two-towns.json",
    "instances/tornio-valley/tornio-valley.json",
];

fn stages(c: &mut Criterion) {
    for file in FILES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        if !path.exists() {
            continue;
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("instance")
            .to_owned();
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
    for file in LARGE_FILES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        if !path.exists() {
            continue;
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("instance")
            .to_owned();
        c.bench_function(&format!("read+validate/{name}"), |b| {
            b.iter(|| {
                let instance = read_instance(&path).expect("bench instances are readable");
                black_box(validate(&instance))
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = stages, read_validate_large
}
criterion_main!(benches);
