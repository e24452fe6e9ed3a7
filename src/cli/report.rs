//! `kopa report INSTANCE SOLUTION -o DIR`: the plan for people, written into DIR:
//! `index.html` (every week, the buses, the costs with reasons; self-contained),
//! `calendars/` (an iCalendar file per student and teacher, when the instance has a
//! `period`) and `csv/` (a table per kind of entity, for spreadsheets).
//!
//! The plan is checked first and the page says what the checker found. It ends
//! (`Exit`, docs/exit-codes.md) with success when the checker accepts the plan,
//! rejected when it rejects it (the report is still written, with the violations on
//! top, so the problem can be seen), bad input for unreadable or invalid input or a
//! plan of another instance (nothing written).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use kopa::model::Model;
use kopa::report::costs::itemise;
use kopa::report::html;
use kopa::report::money::euros;
use kopa::report::own_week::OwnWeeks;
use kopa::report::{CalendarError, NamedFile, PlanIndex, calendars, csv_tables};
use kopa::solution::check::check;
use kopa::solution::read_solution;
use kopa::words::count;

use super::exit::Exit;

/// Sub-folders of the output directory.
const CALENDARS: &str = "calendars";
const TABLES: &str = "csv";

#[derive(clap::Args)]
pub struct Args {
    /// The instance file (JSON).
    pub instance: PathBuf,
    /// A solution file (JSON) of that instance.
    pub solution: PathBuf,
    /// The directory to write the report into (created if missing).
    #[arg(short, long)]
    pub output: PathBuf,
}

pub fn run(args: &Args) -> anyhow::Result<Exit> {
    let instance = super::read_valid_instance(&args.instance)?;
    let solution = read_solution(&args.solution)?;
    let report = check(&instance, &solution);
    if !report.instance_matches {
        anyhow::bail!(
            "{}: the solution's instance hash is not the hash of {}: it answers another instance",
            args.solution.display(),
            args.instance.display()
        );
    }
    let model = Model::new(&instance)
        .with_context(|| format!("{}: cannot resolve the instance", args.instance.display()))?;
    let index = PlanIndex::new(&instance, &solution);
    let items = itemise(&index, &model);
    let tables = csv_tables(&instance, &solution)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.solution.display()))?;
    // Calendars need the period's dates; without them the rest is still worth having.
    let (calendar_files, links) = match calendars(&instance, &solution) {
        Ok(files) => {
            let people = instance
                .students
                .iter()
                .map(|s| html::anchor("student", &s.id))
                .chain(
                    instance
                        .teachers
                        .iter()
                        .map(|t| html::anchor("teacher", &t.id)),
                );
            let links: HashMap<String, String> = people
                .zip(&files)
                .map(|(anchor, file)| (anchor, format!("{CALENDARS}/{}", file.file_name)))
                .collect();
            (files, links)
        }
        Err(why @ (CalendarError::NoPeriod | CalendarError::NoWeekday { .. })) => {
            eprintln!(
                "kopa: note: no calendars: {why} ({}: field {})",
                args.instance.display(),
                why.field()
            );
            (Vec::new(), HashMap::new())
        }
        Err(why) => anyhow::bail!(
            "{}: cannot make calendars: {why} (field {})",
            args.solution.display(),
            why.field()
        ),
    };
    let own_weeks = OwnWeeks::new(&instance, &model);
    let page = html::render(&index, &report, &items, &own_weeks, &links);
    write_all(
        &args.output,
        "",
        &[NamedFile {
            file_name: "index.html".to_owned(),
            contents: page,
        }],
    )?;
    write_all(&args.output, CALENDARS, &calendar_files)?;
    write_all(&args.output, TABLES, &tables)?;
    println!(
        "report written to {}: index.html, {} in {CALENDARS}/, {} in {TABLES}/",
        args.output.display(),
        count(calendar_files.len(), "calendar", "calendars"),
        count(tables.len(), "table", "tables")
    );
    for (term, itemised, checker) in html::disagreements(&report, &items) {
        eprintln!(
            "kopa: error: the report's items of {} add up to {}, the checker says {} (a bug in kopa's report)",
            term.key(),
            euros(itemised),
            euros(checker)
        );
    }
    if report.is_accepted() {
        Ok(Exit::Success)
    } else {
        eprintln!(
            "kopa: the checker rejects this plan ({}); the report shows them",
            count(report.violations.len(), "violation", "violations")
        );
        Ok(Exit::Rejected)
    }
}

/// Writes `files` into `dir/sub` (created if missing), each atomically.
fn write_all(dir: &Path, sub: &str, files: &[NamedFile]) -> anyhow::Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    let folder = dir.join(sub);
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("{}: cannot create the directory", folder.display()))?;
    for file in files {
        let path = folder.join(&file.file_name);
        kopa::fsutil::write_atomic(&path, file.contents.as_bytes())
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(())
}
