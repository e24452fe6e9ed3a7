//! The profile: every number that describes the generated world, read from a JSON file.
//!
//! The generator's code holds only the logic (how a corridor is laid out, how study
//! plans are drawn, how many sections the demand needs); minutes, km, euros, seats,
//! shares and catalogues live here so that a planner can read, cite and change them
//! (`instances/generated/profiles/road21.json` documents its sources). Unknown fields
//! are rejected like in instance files, and `check` refuses values the logic cannot use,
//! naming the file and the field.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::instance::{ObjectiveWeights, Period, ReadError, parse_clock, parse_json, read_text};

/// An inclusive range `[low, high]` of whole numbers.
pub type IntRange = [i64; 2];
/// An inclusive range `[low, high]` of real numbers.
pub type RealRange = [f64; 2];

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Profile {
    /// Instance names are `{name}-{students}` unless `--name` says otherwise.
    pub name: String,
    /// Free text copied into each instance's description.
    #[serde(default)]
    pub description: String,
    pub time_grid: GridProfile,
    /// The period the weekly timetable repeats through, copied into each instance
    /// (calendars need it); optional as in the instance format.
    #[serde(default)]
    pub period: Option<Period>,
    pub corridor: CorridorProfile,
    pub sites: SitesProfile,
    pub rooms: RoomsProfile,
    pub programmes: ProgrammeShares,
    pub lukio: LukioProfile,
    pub vocational: VocationalProfile,
    pub teachers: TeachersProfile,
    pub trips: TripsProfile,
    pub transfer_buffer_minutes: f64,
    pub weights: ObjectiveWeights,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GridProfile {
    /// Days in order, each with how many of `slotTimes` it uses (the first n).
    pub days: Vec<DayProfile>,
    /// `[start, end]` clock times of slot 1, 2, ... of a day.
    pub slot_times: Vec<[String; 2]>,
    /// Lukio bars (kind "bar"): slot ids such as "Mon1".
    pub bars: Vec<PatternProfile>,
    /// Vocational blocks; `kind` is what units name in `kind`.
    pub blocks: Vec<PatternProfile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DayProfile {
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// "Mon".."Sun", as in the instance format; needed with a period.
    #[serde(default)]
    pub weekday: Option<String>,
    pub slots: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PatternProfile {
    pub id: String,
    #[serde(default = "bar_kind")]
    pub kind: String,
    pub slots: Vec<String>,
}

fn bar_kind() -> String {
    "bar".to_owned()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CorridorProfile {
    /// Towns along the road, from one end; the generator uses the first ones it needs.
    pub towns: Vec<PlaceName>,
    /// Names for villages, used in order and repeated with a number when they run out.
    pub village_names: Vec<String>,
    /// Bus minutes between consecutive towns.
    pub town_gap_minutes: IntRange,
    /// Road km per bus minute (km = minutes x this, drawn per road).
    pub km_per_minute: RealRange,
    /// Villages on the main road between two consecutive towns.
    pub villages_between_towns: IntRange,
    /// Villages on side roads off each town.
    pub side_villages_per_town: IntRange,
    /// Bus minutes from a town to a side village.
    pub side_road_minutes: IntRange,
    /// Relative number of students living around the first town (the regional centre).
    pub first_town_weight: f64,
    /// Relative number of students around each other town, drawn per town.
    pub town_weight: RealRange,
    /// Share of students who live in a village rather than in a town.
    pub village_home_share: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlaceName {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SitesProfile {
    pub lukio_max_streams: i64,
    pub vocational_max_streams: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoomsProfile {
    /// Seats of an ordinary lukio classroom, drawn per room.
    pub classroom_capacity: IntRange,
    /// Seats of each video room of a lukio (one room per entry).
    pub lukio_video_rooms: Vec<i64>,
    /// Seats of each video classroom of a vocational site.
    pub vocational_video_rooms: Vec<i64>,
    /// Seats of a lab (lukio rooms with feature "lab").
    pub lab_capacity: i64,
    /// Rooms per concurrently running section the demand implies (1.0: exactly enough
    /// if sections spread evenly over the bars or blocks).
    pub room_slack: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProgrammeShares {
    pub lukio: f64,
    pub vocational: f64,
    pub double_degree: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LukioProfile {
    pub min_size: i64,
    pub max_size: i64,
    /// Euros a week per lesson of a section (teacher hours x hourly cost).
    pub lesson_cost: f64,
    /// Study years; a lukio student is in one, drawn uniformly.
    pub years: i64,
    /// Single requests a lukio student makes (besides a mandatory one and one-of groups).
    pub requests_per_student: IntRange,
    pub request_weight: IntRange,
    pub courses: Vec<LukioCourseProfile>,
    /// Per year, a course every student of that year must take where their school has
    /// at least `minSize` such students.
    #[serde(default)]
    pub mandatory: Vec<YearCourse>,
    pub mandatory_weight: f64,
    #[serde(default)]
    pub one_of: Vec<OneOfProfile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LukioCourseProfile {
    pub id: String,
    pub name: String,
    /// Teachers are hired per subject and site.
    pub subject: String,
    pub year: i64,
    #[serde(default)]
    pub features: Vec<String>,
    #[serde(default)]
    pub remote_allowed: bool,
    #[serde(default)]
    pub prefer_in_person: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct YearCourse {
    pub year: i64,
    pub course: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OneOfProfile {
    pub id: String,
    pub year: i64,
    pub courses: Vec<String>,
    pub weight: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VocationalProfile {
    pub min_size: i64,
    pub lesson_cost: f64,
    pub fields: Vec<FieldProfile>,
    /// Units of `commonField` are taken by students of every field.
    pub common_field: String,
    pub units: Vec<UnitProfile>,
    /// Units besides the main one a vocational student requests.
    pub units_per_student: IntRange,
    pub unit_weight: IntRange,
    pub mandatory_weight: f64,
    /// Year-1 lukio courses a double-degree student requests.
    pub double_degree_lukio_courses: IntRange,
    pub double_degree_lukio_weight: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldProfile {
    pub id: String,
    /// Relative share of vocational and double-degree students.
    pub share: f64,
    /// The unit every student of the field must take.
    pub main_unit: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnitProfile {
    pub id: String,
    pub name: String,
    pub field: String,
    /// A block kind of `timeGrid.blocks`.
    pub kind: String,
    #[serde(default)]
    pub features: Vec<String>,
    #[serde(default)]
    pub remote_allowed: bool,
    pub max_size: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeachersProfile {
    pub lukio_load: i64,
    pub vocational_load: i64,
    /// Teachers per teacher the demand needs (1.0: exactly enough lessons).
    pub staffing_slack: f64,
    /// Share of lukio teachers who may also teach at the neighbouring town's lukio.
    pub shared_share: f64,
    /// Share of teachers with unavailable slots.
    pub unavailable_share: f64,
    /// How many consecutive slots of one day such a teacher is unavailable.
    pub unavailable_slots: IntRange,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TripsProfile {
    pub line_capacity: i64,
    /// Line bus departures from the first town, running the whole road.
    pub line_departures_forward: Vec<String>,
    /// Line bus departures from the last town, running the whole road back.
    pub line_departures_back: Vec<String>,
    pub school_bus_capacity: i64,
    /// School buses from each village arrive in their town at this time.
    pub school_bus_arrival: String,
    /// School buses leave each town for its villages at these times.
    pub school_bus_departures: Vec<String>,
    pub shuttle_capacity: i64,
    pub shuttle_cost_per_run: f64,
    /// Optional shuttles between consecutive towns leave either town at these times.
    pub shuttle_departures: Vec<String>,
}

/// Why a profile cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{path}: profile field {field}: {message}")]
    Invalid {
        path: PathBuf,
        field: String,
        message: String,
    },
}

/// Reads and checks a profile file.
pub fn read_profile(path: &Path) -> Result<Profile, ProfileError> {
    read_profile_str(&read_text(path)?, path)
}

/// Parses and checks profile JSON; `path` names the file in messages.
pub fn read_profile_str(text: &str, path: &Path) -> Result<Profile, ProfileError> {
    let profile: Profile = parse_json(text, path, "profile")?;
    check(&profile).map_err(|(field, message)| ProfileError::Invalid {
        path: path.to_owned(),
        field,
        message,
    })?;
    Ok(profile)
}

type Bad = (String, String);

fn bad(field: impl Into<String>, message: impl Into<String>) -> Bad {
    (field.into(), message.into())
}

fn range(field: &str, r: IntRange, low: i64) -> Result<(), Bad> {
    if r[0] < low || r[1] < r[0] {
        return Err(bad(
            field,
            format!(
                "[{}, {}] must be [low, high] with {low} <= low <= high",
                r[0], r[1]
            ),
        ));
    }
    Ok(())
}

fn real_range(field: &str, r: RealRange) -> Result<(), Bad> {
    if !(r[0] > 0.0 && r[1] >= r[0] && r[1].is_finite()) {
        return Err(bad(
            field,
            format!(
                "[{}, {}] must be [low, high] with 0 < low <= high",
                r[0], r[1]
            ),
        ));
    }
    Ok(())
}

fn positive(field: &str, value: f64) -> Result<(), Bad> {
    if !(value > 0.0 && value.is_finite()) {
        return Err(bad(field, format!("{value} must be positive")));
    }
    Ok(())
}

fn non_negative(field: &str, value: f64) -> Result<(), Bad> {
    if !(value >= 0.0 && value.is_finite()) {
        return Err(bad(field, format!("{value} must be 0 or more")));
    }
    Ok(())
}

fn share(field: &str, value: f64) -> Result<(), Bad> {
    if !(0.0..=1.0).contains(&value) {
        return Err(bad(field, format!("{value} must be between 0 and 1")));
    }
    Ok(())
}

fn clock(field: &str, text: &str) -> Result<u32, Bad> {
    parse_clock(text).ok_or_else(|| bad(field, format!("{text:?} is not a clock time HH:MM")))
}

/// Everything the generating logic relies on; the first problem found.
fn check(p: &Profile) -> Result<(), Bad> {
    let grid = &p.time_grid;
    if grid.days.is_empty() {
        return Err(bad("timeGrid.days", "needs at least one day"));
    }
    let mut last_end = 0;
    for (i, [start, end]) in grid.slot_times.iter().enumerate() {
        let field = format!("timeGrid.slotTimes[{i}]");
        let (s, e) = (clock(&field, start)?, clock(&field, end)?);
        if s >= e || s < last_end {
            return Err(bad(
                field,
                "slots must end after they start and not overlap",
            ));
        }
        last_end = e;
    }
    let mut slot_ids = Vec::new();
    for (i, day) in grid.days.iter().enumerate() {
        if day.slots == 0 || day.slots > grid.slot_times.len() {
            return Err(bad(
                format!("timeGrid.days[{i}].slots"),
                format!("must be 1..={}", grid.slot_times.len()),
            ));
        }
        slot_ids.extend((1..=day.slots).map(|k| format!("{}{k}", day.id)));
    }
    if grid.bars.is_empty() {
        return Err(bad("timeGrid.bars", "needs at least one bar"));
    }
    for (list, patterns) in [("bars", &grid.bars), ("blocks", &grid.blocks)] {
        for (i, pattern) in patterns.iter().enumerate() {
            for slot in &pattern.slots {
                if !slot_ids.contains(slot) {
                    return Err(bad(
                        format!("timeGrid.{list}[{i}].slots"),
                        format!("{slot:?} is not a slot of the grid (day id + number)"),
                    ));
                }
            }
            if pattern.slots.is_empty() {
                return Err(bad(format!("timeGrid.{list}[{i}].slots"), "is empty"));
            }
        }
    }
    let c = &p.corridor;
    if c.towns.is_empty() {
        return Err(bad("corridor.towns", "needs at least one town"));
    }
    if c.village_names.is_empty() {
        return Err(bad("corridor.villageNames", "needs at least one name"));
    }
    range("corridor.townGapMinutes", c.town_gap_minutes, 1)?;
    real_range("corridor.kmPerMinute", c.km_per_minute)?;
    range("corridor.villagesBetweenTowns", c.villages_between_towns, 0)?;
    range("corridor.sideVillagesPerTown", c.side_villages_per_town, 0)?;
    range("corridor.sideRoadMinutes", c.side_road_minutes, 1)?;
    positive("corridor.firstTownWeight", c.first_town_weight)?;
    real_range("corridor.townWeight", c.town_weight)?;
    share("corridor.villageHomeShare", c.village_home_share)?;
    if p.sites.lukio_max_streams < 0 || p.sites.vocational_max_streams < 0 {
        return Err(bad("sites", "maxStreams must be 0 or more"));
    }
    range("rooms.classroomCapacity", p.rooms.classroom_capacity, 1)?;
    for (field, seats) in [
        ("rooms.lukioVideoRooms", &p.rooms.lukio_video_rooms),
        (
            "rooms.vocationalVideoRooms",
            &p.rooms.vocational_video_rooms,
        ),
    ] {
        if seats.iter().any(|&s| s <= 0) {
            return Err(bad(field, "every room needs a positive number of seats"));
        }
    }
    positive("rooms.labCapacity", p.rooms.lab_capacity as f64)?;
    positive("rooms.roomSlack", p.rooms.room_slack)?;
    let sh = &p.programmes;
    for (field, value) in [
        ("programmes.lukio", sh.lukio),
        ("programmes.vocational", sh.vocational),
        ("programmes.doubleDegree", sh.double_degree),
    ] {
        if !(value >= 0.0 && value.is_finite()) {
            return Err(bad(field, format!("{value} must be 0 or more")));
        }
    }
    if sh.lukio + sh.vocational + sh.double_degree <= 0.0 {
        return Err(bad("programmes", "shares must not all be 0"));
    }
    check_lukio(&p.lukio)?;
    check_vocational(p)?;
    let t = &p.teachers;
    positive("teachers.lukioLoad", t.lukio_load as f64)?;
    positive("teachers.vocationalLoad", t.vocational_load as f64)?;
    if t.staffing_slack < 1.0 || !t.staffing_slack.is_finite() {
        return Err(bad("teachers.staffingSlack", "must be 1.0 or more"));
    }
    share("teachers.sharedShare", t.shared_share)?;
    share("teachers.unavailableShare", t.unavailable_share)?;
    range("teachers.unavailableSlots", t.unavailable_slots, 0)?;
    let tr = &p.trips;
    for (field, seats) in [
        ("trips.lineCapacity", tr.line_capacity),
        ("trips.schoolBusCapacity", tr.school_bus_capacity),
        ("trips.shuttleCapacity", tr.shuttle_capacity),
    ] {
        positive(field, seats as f64)?;
    }
    non_negative("trips.shuttleCostPerRun", tr.shuttle_cost_per_run)?;
    clock("trips.schoolBusArrival", &tr.school_bus_arrival)?;
    for (field, times) in [
        ("trips.lineDeparturesForward", &tr.line_departures_forward),
        ("trips.lineDeparturesBack", &tr.line_departures_back),
        ("trips.schoolBusDepartures", &tr.school_bus_departures),
        ("trips.shuttleDepartures", &tr.shuttle_departures),
    ] {
        for time in times {
            clock(field, time)?;
        }
    }
    non_negative("transferBufferMinutes", p.transfer_buffer_minutes)?;
    Ok(())
}

fn check_lukio(l: &LukioProfile) -> Result<(), Bad> {
    if l.min_size < 1 || l.max_size < l.min_size {
        return Err(bad("lukio.maxSize", "needs 1 <= minSize <= maxSize"));
    }
    positive("lukio.lessonCost", l.lesson_cost)?;
    positive("lukio.years", l.years as f64)?;
    range("lukio.requestsPerStudent", l.requests_per_student, 0)?;
    range("lukio.requestWeight", l.request_weight, 1)?;
    positive("lukio.mandatoryWeight", l.mandatory_weight)?;
    let known = |id: &str| l.courses.iter().any(|c| c.id == id);
    for (i, course) in l.courses.iter().enumerate() {
        if !(1..=l.years).contains(&course.year) {
            return Err(bad(format!("lukio.courses[{i}].year"), "outside 1..=years"));
        }
        if l.courses[..i].iter().any(|c| c.id == course.id) {
            return Err(bad(format!("lukio.courses[{i}].id"), "used twice"));
        }
    }
    for (i, m) in l.mandatory.iter().enumerate() {
        if !known(&m.course) {
            return Err(bad(
                format!("lukio.mandatory[{i}].course"),
                "not a lukio course",
            ));
        }
    }
    for (i, group) in l.one_of.iter().enumerate() {
        if group.courses.len() < 2 || group.courses.iter().any(|c| !known(c)) {
            return Err(bad(
                format!("lukio.oneOf[{i}].courses"),
                "needs at least two lukio course ids",
            ));
        }
        positive(&format!("lukio.oneOf[{i}].weight"), group.weight)?;
    }
    Ok(())
}

fn check_vocational(p: &Profile) -> Result<(), Bad> {
    let v = &p.vocational;
    if v.min_size < 1 {
        return Err(bad("vocational.minSize", "must be 1 or more"));
    }
    positive("vocational.lessonCost", v.lesson_cost)?;
    range("vocational.unitsPerStudent", v.units_per_student, 0)?;
    range("vocational.unitWeight", v.unit_weight, 1)?;
    positive("vocational.mandatoryWeight", v.mandatory_weight)?;
    range(
        "vocational.doubleDegreeLukioCourses",
        v.double_degree_lukio_courses,
        0,
    )?;
    positive(
        "vocational.doubleDegreeLukioWeight",
        v.double_degree_lukio_weight,
    )?;
    if v.fields.is_empty() {
        return Err(bad("vocational.fields", "needs at least one field"));
    }
    for (i, unit) in v.units.iter().enumerate() {
        if !p.time_grid.blocks.iter().any(|b| b.kind == unit.kind) {
            return Err(bad(
                format!("vocational.units[{i}].kind"),
                format!("no block of kind {:?} in timeGrid.blocks", unit.kind),
            ));
        }
        if unit.max_size < v.min_size {
            return Err(bad(
                format!("vocational.units[{i}].maxSize"),
                "smaller than vocational.minSize",
            ));
        }
        if v.units[..i].iter().any(|u| u.id == unit.id)
            || p.lukio.courses.iter().any(|c| c.id == unit.id)
        {
            return Err(bad(format!("vocational.units[{i}].id"), "used twice"));
        }
    }
    for (i, field) in v.fields.iter().enumerate() {
        if !(field.share >= 0.0 && field.share.is_finite()) {
            return Err(bad(
                format!("vocational.fields[{i}].share"),
                "must be 0 or more",
            ));
        }
        if !v
            .units
            .iter()
            .any(|u| u.id == field.main_unit && u.field == field.id)
        {
            return Err(bad(
                format!("vocational.fields[{i}].mainUnit"),
                "not a unit of this field",
            ));
        }
    }
    if v.fields.iter().map(|f| f.share).sum::<f64>() <= 0.0 {
        return Err(bad("vocational.fields", "shares must not all be 0"));
    }
    Ok(())
}
