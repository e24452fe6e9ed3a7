//! The stable codes of checker violations. Codes are never reused or renumbered:
//! scripts, tests and `docs/solution-format.md` refer to them. The hundreds digit
//! follows the rule number of `docs/rules.md` (00 = references into the instance).

use serde::{Serialize, Serializer};

macro_rules! violation_codes {
    ($($variant:ident = $id:literal : $meaning:literal,)*) => {
        /// Which rule a plan breaks.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ViolationCode {
            $(#[doc = $meaning] $variant,)*
        }

        impl ViolationCode {
            /// Every code, in order.
            pub const ALL: &'static [ViolationCode] = &[$(ViolationCode::$variant,)*];

            /// The code as printed and documented, e.g. "C0601".
            pub fn id(self) -> &'static str {
                match self {
                    $(ViolationCode::$variant => $id,)*
                }
            }

            /// One line saying what the code means.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(ViolationCode::$variant => $meaning,)*
                }
            }
        }
    };
}

violation_codes! {
    UnknownSectionCourse = "C0001": "a section names a course the instance does not have",
    UnknownSectionSite = "C0002": "a section or one of its streams names a site the instance does not have",
    UnknownRoom = "C0003": "a section or one of its streams names a room the instance does not have",
    UnknownTeacher = "C0004": "a section names a teacher the instance does not have",
    UnknownSlot = "C0005": "a section names a slot the instance does not have",
    UnknownPattern = "C0006": "a section names a pattern the instance does not have",
    DuplicateSectionId = "C0007": "two sections of the plan share one id",
    UnknownAttendanceSection = "C0008": "a student attends a section the plan does not have",
    UnknownAttendanceSite = "C0009": "a student sits at a site the instance does not have",
    UnknownLegTrip = "C0010": "a leg rides a trip the instance does not have",
    UnknownLegDay = "C0011": "a leg is on a day the instance does not have",
    UnknownLegNode = "C0012": "a leg boards or alights at a road node the instance does not have",
    UnknownTripRunTrip = "C0013": "a trip run names a trip the instance does not have",
    TripRunOfLineTrip = "C0014": "a trip run names a line trip (not optional), which runs anyway",
    TripRunOnWrongDay = "C0015": "a trip run is on a day that is unknown or not among the trip's days",
    TeacherClash = "C0101": "a teacher teaches two sections whose slots overlap",
    RoomClash = "C0102": "a room (sending or receiving) is booked by two sections whose slots overlap",
    StudentClash = "C0103": "a student attends two sections whose slots overlap",
    RoomAtWrongSite = "C0201": "a sending room is not at the section's site, or a receiving room not at its receiving site",
    RoomMissingFeature = "C0202": "a room lacks a feature the course requires",
    RoomOverCapacity = "C0203": "more students sit in a room than it has seats",
    TeacherNotQualified = "C0301": "the teacher does not have the course in canTeach",
    TeacherSiteNotAllowed = "C0302": "the teacher may not teach at the section's site",
    TeacherUnavailable = "C0303": "the teacher is unavailable in a slot of the section",
    TeacherOverLoad = "C0304": "the teacher teaches more lessons a week than maxLessonsPerWeek",
    TeacherCannotDriveInTime = "C0305": "the teacher cannot drive between consecutive lessons at different road nodes in time",
    TooManySections = "C0401": "a course opens more than maxSections sections",
    SectionSiteNotAllowed = "C0402": "a section is taught at a site not among its course's sites",
    SectionPatternMismatch = "C0403": "a section's pattern is missing, unexpected, of the wrong kind, or its slots differ from the pattern's",
    SectionWrongLessonCount = "C0404": "a section of a lessonsPerWeek course has a different number of slots",
    SectionDuplicateSlot = "C0405": "a section lists one slot twice",
    SectionBelowMinSize = "C0406": "a section has fewer students than the course's minSize",
    SectionAboveMaxSize = "C0407": "a section has more students than the course's maxSize",
    SectionWithoutStudents = "C0408": "a section has no students (it must be left out of the plan)",
    StreamNotAllowed = "C0501": "a section streams but its course does not have remoteAllowed",
    StreamRoomWithoutVideo = "C0502": "a sending room of a streamed section, or a receiving room, has no video",
    StreamToOwnSite = "C0503": "a section streams to its own site",
    StreamSiteRepeated = "C0504": "a section streams to one site twice",
    SiteStreamsExceeded = "C0505": "a site takes part in more streams in one slot than its maxStreams",
    RemoteAtUnstreamedSite = "C0506": "a student attends remotely at a site the section is not streamed to",
    InPersonAtOtherSite = "C0507": "a student attends in person at a site other than the section's",
    AttendsSectionTwice = "C0508": "a student attends one section twice (in person and remote, or twice over)",
    MissingLeg = "C0601": "a student changes place and no leg of the plan takes them",
    SeveralLegsForOneChange = "C0602": "a student's change of place has more than one leg",
    TripNotRunning = "C0603": "a leg rides a trip that does not run that day",
    LegStopsWrong = "C0604": "a leg's trip does not stop at `from` before it stops at `to`",
    LegDepartsTooEarly = "C0605": "a leg leaves before the lesson it follows has ended (plus the transfer buffer)",
    LegArrivesTooLate = "C0606": "a leg arrives after the lesson it leads to has started (minus the transfer buffer)",
    LegWithoutChange = "C0607": "a leg matches no change of place of the student that day",
    TripOverCapacity = "C0608": "more students ride a segment of a trip on a day than the trip has seats",
    UnrequestedCourse = "C0701": "a student attends a course they did not request",
    TwoSectionsOfOneCourse = "C0702": "a student attends two sections of one course",
    TwoCoursesOfOneGroup = "C0703": "a student attends two courses of one one-of group",
    MandatoryRequestUnmet = "C0704": "a mandatory request is not met",
    MandatoryGroupUnmet = "C0705": "a mandatory one-of group is not met",
    UnknownStudent = "C0706": "the plan has a student the instance does not have",
    StudentListedTwice = "C0707": "the plan lists one student twice",
}

impl Serialize for ViolationCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl std::fmt::Display for ViolationCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}
