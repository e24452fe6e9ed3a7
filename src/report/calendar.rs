//! iCalendar files (RFC 5545) of a plan: one per student and one per teacher, so each
//! can see their own weeks in a phone's calendar.
//!
//! The instance's `period` puts the weekly timetable on dates: every lesson of every
//! week is one VEVENT, with its start and end in UTC (`...Z`), computed from the slot's
//! local clock time on that date in `period.timeZone` with the tz database
//! (`chrono-tz`). Why not one RRULE per lesson with a VTIMEZONE: the writer crate does
//! not generate VTIMEZONE blocks, a hand-written one would copy the tz rules into every
//! file, and clients disagree on RRULEs that cross DST; separate UTC events are read the
//! same by every client, stay at 08:15 local time across a DST change, and are what
//! tests can check date by date. The cost is file size (weeks x lessons events), small
//! for a school period.
//!
//! The bytes depend only on the instance and the plan: UIDs are built from the ids, the
//! date and the person, DTSTAMP is the period's start, events are sorted.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, Event, EventLike, Property};

use super::plan_index::{PlanDataError, PlanIndex};
use super::{NamedFile, file_name};
use crate::instance::{Instance, parse_date, parse_time_zone, parse_weekday};
use crate::solution::{Mode, SectionPlan, Solution, StudentPlan};

/// Why calendars cannot be made; each names the field to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error(
        "period: the instance has no `period`; calendars need the dates the weekly timetable \
         repeats on (add `period`, see docs/instance-format.md)"
    )]
    NoPeriod,
    #[error(
        "timeGrid.days[{index}].weekday: day {day:?} has no weekday; calendars need one on \
         every day (\"Mon\" ... \"Sun\")"
    )]
    NoWeekday { index: usize, day: String },
    /// A field that does not read, or dates and times that do not exist.
    #[error("{field}: {problem}")]
    Invalid { field: String, problem: String },
    /// The plan names something the instance lacks.
    #[error(transparent)]
    Plan(#[from] PlanDataError),
}

impl CalendarError {
    /// The field path (instance or solution) that needs fixing, e.g. `period`.
    pub fn field(&self) -> String {
        match self {
            CalendarError::NoPeriod => "period".to_owned(),
            CalendarError::NoWeekday { index, .. } => format!("timeGrid.days[{index}].weekday"),
            CalendarError::Invalid { field, .. } => field.clone(),
            CalendarError::Plan(e) => e.field.clone(),
        }
    }
}

fn invalid(field: impl Into<String>, problem: impl Into<String>) -> CalendarError {
    CalendarError::Invalid {
        field: field.into(),
        problem: problem.into(),
    }
}

/// The period resolved: the zone, and the dates each day of the grid falls on.
struct Dates<'a> {
    zone: Tz,
    by_day: HashMap<&'a str, Vec<NaiveDate>>,
    stamp: DateTime<Utc>,
}

fn resolve_period(instance: &Instance) -> Result<Dates<'_>, CalendarError> {
    let period = instance.period.as_ref().ok_or(CalendarError::NoPeriod)?;
    let start = parse_date(&period.start).ok_or_else(|| {
        invalid(
            "period.start",
            format!("{:?} is not a date \"YYYY-MM-DD\"", period.start),
        )
    })?;
    let weeks = u64::try_from(period.weeks)
        .ok()
        .filter(|w| *w > 0)
        .ok_or_else(|| invalid("period.weeks", format!("{} is not positive", period.weeks)))?;
    let zone = parse_time_zone(&period.time_zone).ok_or_else(|| {
        invalid(
            "period.timeZone",
            format!("{:?} is not an IANA time zone", period.time_zone),
        )
    })?;
    let out_of_range = || {
        invalid(
            "period.weeks",
            "the period runs past the last date kopa knows",
        )
    };
    let length = weeks.checked_mul(7).ok_or_else(out_of_range)?;
    start
        .checked_add_days(Days::new(length))
        .ok_or_else(out_of_range)?;
    let mut by_day = HashMap::new();
    for (index, day) in instance.time_grid.days.iter().enumerate() {
        let text = day
            .weekday
            .as_deref()
            .ok_or_else(|| CalendarError::NoWeekday {
                index,
                day: day.id.clone(),
            })?;
        let weekday = parse_weekday(text).ok_or_else(|| {
            invalid(
                format!("timeGrid.days[{index}].weekday"),
                format!("{text:?} is not one of \"Mon\" ... \"Sun\""),
            )
        })?;
        let offset =
            (7 + weekday.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
        let dates = (0..weeks)
            .filter_map(|week| start.checked_add_days(Days::new(u64::from(offset) + 7 * week)))
            .collect();
        by_day.entry(day.id.as_str()).or_insert(dates);
    }
    let stamp = start.and_time(NaiveTime::MIN).and_utc();
    Ok(Dates {
        zone,
        by_day,
        stamp,
    })
}

impl Dates<'_> {
    fn of(&self, day: &str) -> &[NaiveDate] {
        self.by_day.get(day).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The instant of local clock time `minutes` on `date`; at a DST change that repeats
    /// an hour, the earlier of the two; `field` names the time if it does not exist.
    fn instant(
        &self,
        date: NaiveDate,
        minutes: u32,
        field: &dyn Fn() -> String,
    ) -> Result<DateTime<Utc>, CalendarError> {
        let local = NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0)
            .map(|time| date.and_time(time))
            .ok_or_else(|| invalid(field(), format!("minute {minutes} is not a time of day")))?;
        self.zone
            .from_local_datetime(&local)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| {
                invalid(
                    field(),
                    format!(
                        "{local} does not exist in {} (the clocks skip it)",
                        self.zone
                    ),
                )
            })
    }
}

/// One event before it is written.
struct Occurrence {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    uid: String,
    summary: String,
    location: String,
    description: String,
}

/// Characters safe in a UID and a file name; anything else becomes `_`.
fn uid_part(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// How many students attend each section in person and remotely.
fn attendance_counts(solution: &Solution) -> HashMap<&str, (usize, usize)> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for plan in &solution.students {
        for attendance in &plan.sections {
            let entry = counts.entry(attendance.section.as_str()).or_default();
            match attendance.mode {
                Mode::InPerson => entry.0 += 1,
                Mode::Remote => entry.1 += 1,
            }
        }
    }
    counts
}

struct Builder<'a> {
    index: PlanIndex<'a>,
    dates: Dates<'a>,
    counts: HashMap<&'a str, (usize, usize)>,
}

impl<'a> Builder<'a> {
    /// Every occurrence of every lesson of `section` (at `section_field` in the
    /// solution), described by `describe`.
    fn lessons(
        &self,
        section: &SectionPlan,
        section_field: &str,
        person: &str,
        location: &str,
        description: &str,
        out: &mut Vec<Occurrence>,
    ) -> Result<(), CalendarError> {
        let course = self
            .index
            .course(&section.course, || format!("{section_field}.course"))?;
        let summary = format!(
            "{} · section {}",
            self.index.course_label(&course.id),
            section.id
        );
        for (k, slot_id) in section.slots.iter().enumerate() {
            let slot = self
                .index
                .slot(slot_id, || format!("{section_field}.slots[{k}]"))?;
            let field = || format!("timeGrid.slots[{}]", slot.position);
            for &date in self.dates.of(&slot.day.id) {
                out.push(Occurrence {
                    start: self.dates.instant(date, slot.start, &field)?,
                    end: self.dates.instant(date, slot.end, &field)?,
                    uid: format!(
                        "{}-{}-{}-{}",
                        date.format("%Y%m%d"),
                        person,
                        uid_part(&section.id),
                        uid_part(slot_id)
                    ),
                    summary: summary.clone(),
                    location: location.to_owned(),
                    description: description.to_owned(),
                });
            }
        }
        Ok(())
    }

    fn student(
        &self,
        plan: &StudentPlan,
        p: usize,
        person: &str,
    ) -> Result<Vec<Occurrence>, CalendarError> {
        let index = &self.index;
        let mut out = Vec::new();
        for (j, attendance) in plan.sections.iter().enumerate() {
            let field = format!("students[{p}].sections[{j}]");
            let (s, section) = index.section(&attendance.section, || format!("{field}.section"))?;
            let section_field = format!("sections[{s}]");
            let taught_at = index.site(&section.site, || format!("{section_field}.site"))?;
            let sits_at = index.site(&attendance.site, || format!("{field}.site"))?;
            let location = match attendance.mode {
                Mode::InPerson => {
                    format!("{}, room {}", index.site_label(&sits_at.id), section.room)
                }
                Mode::Remote => {
                    let room = section
                        .streams
                        .iter()
                        .find(|stream| stream.site == attendance.site)
                        .map(|stream| format!(", room {}", stream.room))
                        .unwrap_or_default();
                    format!(
                        "{}{room}, remote from {}",
                        index.site_label(&sits_at.id),
                        index.site_label(&taught_at.id)
                    )
                }
            };
            let teacher = index.teacher(&section.teacher, || format!("{section_field}.teacher"))?;
            let description = format!("Teacher: {}", index.teacher_label(&teacher.id));
            self.lessons(
                section,
                &section_field,
                person,
                &location,
                &description,
                &mut out,
            )?;
        }
        for (j, leg) in plan.legs.iter().enumerate() {
            let field = format!("students[{p}].legs[{j}]");
            let (t, trip) = index.trip(&leg.trip, || format!("{field}.trip"))?;
            let board = trip.stops.iter().position(|stop| stop.node == leg.from);
            let alight = board.and_then(|b| {
                trip.stops
                    .iter()
                    .skip(b + 1)
                    .position(|stop| stop.node == leg.to)
                    .map(|a| (b, b + 1 + a))
            });
            let Some((b, a)) = alight else {
                return Err(invalid(
                    format!("{field}.to"),
                    format!(
                        "trip {:?} does not run from {:?} to {:?}",
                        trip.id, leg.from, leg.to
                    ),
                ));
            };
            let clock = |k: usize| {
                crate::instance::parse_clock(&trip.stops[k].time).ok_or_else(|| {
                    invalid(
                        format!("trips[{t}].stops[{k}].time"),
                        format!("{:?} is not a clock time", trip.stops[k].time),
                    )
                })
            };
            let (departs, arrives) = (clock(b)?, clock(a)?);
            index.day(&leg.day, || format!("{field}.day"))?;
            let summary = format!(
                "Bus {} · {} to {}",
                index.trip_label(&trip.id),
                index.node_label(&leg.from),
                index.node_label(&leg.to)
            );
            let at = || format!("{field}.day");
            for &date in self.dates.of(&leg.day) {
                out.push(Occurrence {
                    start: self.dates.instant(date, departs, &at)?,
                    end: self.dates.instant(date, arrives, &at)?,
                    uid: format!(
                        "{}-{person}-leg{j}-{}",
                        date.format("%Y%m%d"),
                        uid_part(&trip.id)
                    ),
                    summary: summary.clone(),
                    location: index.node_label(&leg.from),
                    description: format!(
                        "Board at {}, alight at {}",
                        index.node_label(&leg.from),
                        index.node_label(&leg.to)
                    ),
                });
            }
        }
        Ok(out)
    }

    fn teacher(&self, teacher_id: &str, person: &str) -> Result<Vec<Occurrence>, CalendarError> {
        let index = &self.index;
        let mut out = Vec::new();
        for (s, section) in index.solution.sections.iter().enumerate() {
            if section.teacher != teacher_id {
                continue;
            }
            let section_field = format!("sections[{s}]");
            let site = index.site(&section.site, || format!("{section_field}.site"))?;
            let mut location = format!("{}, room {}", index.site_label(&site.id), section.room);
            if !section.streams.is_empty() {
                let mut to = Vec::new();
                for (k, stream) in section.streams.iter().enumerate() {
                    let site = index.site(&stream.site, || {
                        format!("{section_field}.streams[{k}].site")
                    })?;
                    to.push(format!(
                        "{} room {}",
                        index.site_label(&site.id),
                        stream.room
                    ));
                }
                location.push_str(&format!(", streamed to {}", to.join(" and ")));
            }
            let (in_person, remote) = self
                .counts
                .get(section.id.as_str())
                .copied()
                .unwrap_or_default();
            let description = format!("Students: {in_person} in person, {remote} remote");
            self.lessons(
                section,
                &section_field,
                person,
                &location,
                &description,
                &mut out,
            )?;
        }
        Ok(out)
    }

    fn file(&self, title: &str, mut events: Vec<Occurrence>) -> String {
        events.sort_by(|a, b| (a.start, &a.uid).cmp(&(b.start, &b.uid)));
        let mut calendar = Calendar::empty();
        calendar
            .append_property(Property::new("VERSION", "2.0"))
            .append_property(Property::new("PRODID", "-//kopa//plan calendar//EN"))
            .append_property(Property::new("CALSCALE", "GREGORIAN"))
            .append_property(Property::new("METHOD", "PUBLISH"))
            .name(title);
        let domain = uid_part(&self.index.instance.name);
        for e in events {
            calendar.push(
                Event::new()
                    .uid(&format!("{}@{domain}.kopa", e.uid))
                    .timestamp(self.dates.stamp)
                    .starts(e.start)
                    .ends(e.end)
                    .summary(&e.summary)
                    .location(&e.location)
                    .description(&e.description)
                    .done(),
            );
        }
        calendar.to_string()
    }
}

/// One iCalendar file per student (`student-ID.ics`: lessons and bus legs) and per
/// teacher (`teacher-ID.ics`: lessons taught), in instance order, for every week of the
/// instance's `period`. Students and teachers without lessons get an empty calendar.
pub fn calendars(
    instance: &Instance,
    solution: &Solution,
) -> Result<Vec<NamedFile>, CalendarError> {
    let builder = Builder {
        index: PlanIndex::new(instance, solution),
        dates: resolve_period(instance)?,
        counts: attendance_counts(solution),
    };
    let plans: HashMap<&str, (usize, &StudentPlan)> = solution
        .students
        .iter()
        .enumerate()
        .rev()
        .map(|(p, plan)| (plan.student.as_str(), (p, plan)))
        .collect();
    let mut taken = HashSet::new();
    let mut files = Vec::new();
    for student in &instance.students {
        let person = format!("student-{}", uid_part(&student.id));
        let events = match plans.get(student.id.as_str()) {
            Some(&(p, plan)) => builder.student(plan, p, &person)?,
            None => Vec::new(),
        };
        files.push(NamedFile {
            file_name: file_name("student", &student.id, "ics", &mut taken),
            contents: builder.file(
                &format!("{}: student {}", instance.name, student.id),
                events,
            ),
        });
    }
    for teacher in &instance.teachers {
        let person = format!("teacher-{}", uid_part(&teacher.id));
        let events = builder.teacher(&teacher.id, &person)?;
        files.push(NamedFile {
            file_name: file_name("teacher", &teacher.id, "ics", &mut taken),
            contents: builder.file(
                &format!(
                    "{}: teacher {}",
                    instance.name,
                    builder.index.teacher_label(&teacher.id)
                ),
                events,
            ),
        });
    }
    Ok(files)
}
