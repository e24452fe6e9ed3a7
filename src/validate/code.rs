//! The stable codes of validation diagnostics. Codes are never reused or renumbered:
//! scripts and docs refer to them. `docs/errors.md` documents every one; a test keeps
//! the two in sync.
//!
//! Numbering: E00xx the file itself, E01xx ids and references, E02xx the time grid and period,
//! E03xx numbers, E04xx courses, E05xx students, E06xx roads and trips, E07xx the CSV
//! workbook and the GTFS feed (`kopa import csv`, `kopa import gtfs`). W-codes are
//! warnings: suspicious data that still admits a plan.

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// "error" or "warning", as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// The file's `formatVersion` is not one this kopa reads.
    E0001UnsupportedFormatVersion,
    /// The file cannot be read (missing, no permission, not UTF-8).
    E0002UnreadableFile,
    /// The file is not valid JSON.
    E0003InvalidJson,
    /// The JSON does not match the instance format (unknown or missing field, wrong type).
    E0004FormatMismatch,
    /// Two entities of one kind share an id.
    E0101DuplicateId,
    /// An id field names an entity that does not exist.
    E0102UnknownReference,
    /// An id is empty or only whitespace.
    E0103EmptyId,
    /// A clock time is not "HH:MM" (00:00-23:59).
    E0201BadClockTime,
    /// A slot ends at or before it starts.
    E0202SlotRunsBackwards,
    /// Two slots of one day overlap in time.
    E0203SlotsOverlap,
    /// The time grid has no days or no slots.
    E0204EmptyTimeGrid,
    /// A pattern lists no slots.
    E0205PatternWithoutSlots,
    /// A pattern lists the same slot twice.
    E0206PatternRepeatsSlot,
    /// `period.start` is not a date "YYYY-MM-DD".
    E0207BadDate,
    /// `period.timeZone` is not an IANA time zone.
    E0208UnknownTimeZone,
    /// A day's `weekday` is not one of "Mon" ... "Sun".
    E0209BadWeekday,
    /// Two days of the time grid have the same `weekday`.
    E0210WeekdayUsedTwice,
    /// The period ends after the last date a calendar can write.
    E0211PeriodBeyondDates,
    /// A number that must be positive is zero or negative.
    E0301NotPositive,
    /// A number that must be zero or more is negative.
    E0302Negative,
    /// A course's `minSize` is greater than its `maxSize`.
    E0303MinSizeAboveMaxSize,
    /// A course gives both or neither of `lessonsPerWeek` and `patternKind`.
    E0401LessonsOrPattern,
    /// A course needs more lessons a week than the time grid has slots.
    E0402MoreLessonsThanSlots,
    /// A course has programme `doubleDegree` (only students may).
    E0403CourseDoubleDegree,
    /// No teacher lists the course in `canTeach`.
    E0405CourseWithoutTeacher,
    /// A mandatory request for a course (or a one-of group of courses) that can run nowhere.
    E0407MandatoryCourseRunsNowhere,
    /// A student requests the same course twice.
    E0501CourseRequestedTwice,
    /// A one-of group has fewer than two courses.
    E0502OneOfTooSmall,
    /// A student's mandatory requests cannot all be met in one week, even alone.
    E0503MandatoryRequestsCannotFit,
    /// A road runs from a node to itself.
    E0601RoadLoop,
    /// A site's node is not connected by road to the other sites.
    E0602SiteUnreachable,
    /// A trip has fewer than two stops.
    E0603TripTooFewStops,
    /// A trip's stop times do not strictly increase.
    E0604TripTimesBackwards,
    /// A trip stops at one node twice.
    E0605TripRevisitsNode,
    /// A workbook file (CSV) is missing, is not UTF-8, or a row has more cells than
    /// the header; or `instance.csv` has no row.
    E0701UnreadableCsv,
    /// A workbook file lacks a column it needs.
    E0702MissingColumn,
    /// A workbook file has a column kopa does not know (often a typo).
    E0703UnknownColumn,
    /// A cell that must hold a number does not.
    E0704BadNumber,
    /// A cell that must hold a clock time "HH:MM" does not.
    E0705BadTime,
    /// A cell holds a value its column does not admit (a yes/no, a programme).
    E0706BadValue,
    /// A cell names an id that no row of the workbook defines.
    E0707UnknownId,
    /// Two rows of a workbook file are the same entity.
    E0708DuplicateRow,
    /// Rows of one group (a student's one-of group) disagree on a group's value.
    E0709ConflictingRows,
    /// A GTFS date cell is not `YYYYMMDD` (`kopa import gtfs`).
    E0710BadGtfsDate,
    /// A GTFS time cell is not `H:MM:SS` (hours may pass 24), or a trip's first or
    /// last call has none.
    E0711BadGtfsTime,
    /// A GTFS trip's calls go back in time along `stop_sequence`.
    E0712StopTimesBackwards,
    /// A GTFS trip that becomes a run has no seats: no row of the run terms names it,
    /// its route, or every run.
    E0713RunWithoutTerms,
    /// A `frequencies.txt` row makes no runs: headway not positive or end not after start.
    E0714BadFrequency,
    /// No student requests the course.
    W0001CourseNotRequested,
    /// A teacher can teach none of their courses at any of their sites.
    W0002TeacherTeachesNothing,
    /// A student has no requests.
    W0003StudentWithoutRequests,
    /// A running (non-optional) trip has a cost per run.
    W0004RunningTripWithCost,
    /// A course can run nowhere, and nobody needs it.
    W0005CourseRunsNowhere,
    /// A student's home is not connected by road to any site.
    W0006HomeUnreachable,
    /// A request that is neither mandatory nor weighted: it changes nothing.
    W0007WeightlessRequest,
    /// A course allows remote delivery but no two sites can carry its stream.
    W0008RemoteCourseCannotStream,
    /// The instance has a period but a day has no weekday: no calendars can be made.
    W0009DayWithoutWeekday,
    /// A student's requests cannot all be met in one week, even alone in the valley.
    W0010RequestsCannotFit,
    /// A course's free lessons can be placed in more ways than a solve enumerates.
    W0011TooManyTimings,
    /// A course may open more sections than students request it.
    W0012MoreSectionsThanStudents,
}

impl Code {
    /// Every code, in documentation order.
    pub const ALL: [Code; 60] = [
        Code::E0001UnsupportedFormatVersion,
        Code::E0002UnreadableFile,
        Code::E0003InvalidJson,
        Code::E0004FormatMismatch,
        Code::E0101DuplicateId,
        Code::E0102UnknownReference,
        Code::E0103EmptyId,
        Code::E0201BadClockTime,
        Code::E0202SlotRunsBackwards,
        Code::E0203SlotsOverlap,
        Code::E0204EmptyTimeGrid,
        Code::E0205PatternWithoutSlots,
        Code::E0206PatternRepeatsSlot,
        Code::E0207BadDate,
        Code::E0208UnknownTimeZone,
        Code::E0209BadWeekday,
        Code::E0210WeekdayUsedTwice,
        Code::E0211PeriodBeyondDates,
        Code::E0301NotPositive,
        Code::E0302Negative,
        Code::E0303MinSizeAboveMaxSize,
        Code::E0401LessonsOrPattern,
        Code::E0402MoreLessonsThanSlots,
        Code::E0403CourseDoubleDegree,
        Code::E0405CourseWithoutTeacher,
        Code::E0407MandatoryCourseRunsNowhere,
        Code::E0501CourseRequestedTwice,
        Code::E0502OneOfTooSmall,
        Code::E0503MandatoryRequestsCannotFit,
        Code::E0601RoadLoop,
        Code::E0602SiteUnreachable,
        Code::E0603TripTooFewStops,
        Code::E0604TripTimesBackwards,
        Code::E0605TripRevisitsNode,
        Code::E0701UnreadableCsv,
        Code::E0702MissingColumn,
        Code::E0703UnknownColumn,
        Code::E0704BadNumber,
        Code::E0705BadTime,
        Code::E0706BadValue,
        Code::E0707UnknownId,
        Code::E0708DuplicateRow,
        Code::E0709ConflictingRows,
        Code::E0710BadGtfsDate,
        Code::E0711BadGtfsTime,
        Code::E0712StopTimesBackwards,
        Code::E0713RunWithoutTerms,
        Code::E0714BadFrequency,
        Code::W0001CourseNotRequested,
        Code::W0002TeacherTeachesNothing,
        Code::W0003StudentWithoutRequests,
        Code::W0004RunningTripWithCost,
        Code::W0005CourseRunsNowhere,
        Code::W0006HomeUnreachable,
        Code::W0007WeightlessRequest,
        Code::W0008RemoteCourseCannotStream,
        Code::W0009DayWithoutWeekday,
        Code::W0010RequestsCannotFit,
        Code::W0011TooManyTimings,
        Code::W0012MoreSectionsThanStudents,
    ];

    /// The code as printed and documented, e.g. "E0001".
    pub fn id(self) -> &'static str {
        match self {
            Code::E0001UnsupportedFormatVersion => "E0001",
            Code::E0002UnreadableFile => "E0002",
            Code::E0003InvalidJson => "E0003",
            Code::E0004FormatMismatch => "E0004",
            Code::E0101DuplicateId => "E0101",
            Code::E0102UnknownReference => "E0102",
            Code::E0103EmptyId => "E0103",
            Code::E0201BadClockTime => "E0201",
            Code::E0202SlotRunsBackwards => "E0202",
            Code::E0203SlotsOverlap => "E0203",
            Code::E0204EmptyTimeGrid => "E0204",
            Code::E0205PatternWithoutSlots => "E0205",
            Code::E0206PatternRepeatsSlot => "E0206",
            Code::E0207BadDate => "E0207",
            Code::E0208UnknownTimeZone => "E0208",
            Code::E0209BadWeekday => "E0209",
            Code::E0210WeekdayUsedTwice => "E0210",
            Code::E0211PeriodBeyondDates => "E0211",
            Code::E0301NotPositive => "E0301",
            Code::E0302Negative => "E0302",
            Code::E0303MinSizeAboveMaxSize => "E0303",
            Code::E0401LessonsOrPattern => "E0401",
            Code::E0402MoreLessonsThanSlots => "E0402",
            Code::E0403CourseDoubleDegree => "E0403",
            Code::E0405CourseWithoutTeacher => "E0405",
            Code::E0407MandatoryCourseRunsNowhere => "E0407",
            Code::E0501CourseRequestedTwice => "E0501",
            Code::E0502OneOfTooSmall => "E0502",
            Code::E0503MandatoryRequestsCannotFit => "E0503",
            Code::E0601RoadLoop => "E0601",
            Code::E0602SiteUnreachable => "E0602",
            Code::E0603TripTooFewStops => "E0603",
            Code::E0604TripTimesBackwards => "E0604",
            Code::E0605TripRevisitsNode => "E0605",
            Code::E0701UnreadableCsv => "E0701",
            Code::E0702MissingColumn => "E0702",
            Code::E0703UnknownColumn => "E0703",
            Code::E0704BadNumber => "E0704",
            Code::E0705BadTime => "E0705",
            Code::E0706BadValue => "E0706",
            Code::E0707UnknownId => "E0707",
            Code::E0708DuplicateRow => "E0708",
            Code::E0709ConflictingRows => "E0709",
            Code::E0710BadGtfsDate => "E0710",
            Code::E0711BadGtfsTime => "E0711",
            Code::E0712StopTimesBackwards => "E0712",
            Code::E0713RunWithoutTerms => "E0713",
            Code::E0714BadFrequency => "E0714",
            Code::W0001CourseNotRequested => "W0001",
            Code::W0002TeacherTeachesNothing => "W0002",
            Code::W0003StudentWithoutRequests => "W0003",
            Code::W0004RunningTripWithCost => "W0004",
            Code::W0005CourseRunsNowhere => "W0005",
            Code::W0006HomeUnreachable => "W0006",
            Code::W0007WeightlessRequest => "W0007",
            Code::W0008RemoteCourseCannotStream => "W0008",
            Code::W0009DayWithoutWeekday => "W0009",
            Code::W0010RequestsCannotFit => "W0010",
            Code::W0011TooManyTimings => "W0011",
            Code::W0012MoreSectionsThanStudents => "W0012",
        }
    }

    pub fn severity(self) -> Severity {
        if self.id().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }
}

/// Codes serialize as their printed id ("E0102"), the form scripts match on.
impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn all_codes_are_distinct_and_well_formed() {
        let ids: HashSet<&str> = Code::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids.len(), Code::ALL.len());
        for code in Code::ALL {
            let id = code.id();
            assert_eq!(id.len(), 5, "{id}");
            assert!(id.starts_with('E') || id.starts_with('W'), "{id}");
            assert!(id[1..].bytes().all(|b| b.is_ascii_digit()), "{id}");
            // The variant name starts with its id, so the two cannot drift apart.
            assert!(format!("{code:?}").starts_with(id), "{code:?} vs {id}");
        }
    }

    #[test]
    fn every_code_is_documented() {
        let docs = include_str!("../../docs/errors.md");
        for code in Code::ALL {
            let heading = format!("## {}", code.id());
            assert!(docs.contains(&heading), "docs/errors.md lacks {heading}");
        }
    }

    #[test]
    fn severity_follows_the_letter() {
        assert_eq!(Code::E0102UnknownReference.severity(), Severity::Error);
        assert_eq!(Code::W0001CourseNotRequested.severity(), Severity::Warning);
    }
}
