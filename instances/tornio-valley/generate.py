#!/usr/bin/env python3
"""Writes the tornio-valley baseline instance and its scenario variants.

Deterministic: a fixed seed and no other source of randomness, so running
`python3 instances/tornio-valley/generate.py` rewrites the JSON files byte-identically.
Python 3 standard library only. Where each number comes from: README.md beside this file.
Before writing, `sanity_check` asserts that every reference resolves, the bars cover the
week exactly once, and every mandatory request has a local, qualified, large-enough
section and (if it needs one) a line bus: the plan argued in README.md exists. On the
baseline, `check_fit` asserts that every request of every student is within reach (in
person by the day's buses, or by video) and that each student's whole study plan fits
their week alone (`Week.fit`, an exact enumeration), and that one timetable can hold the
plans of all double-degree students at once (`double_degree_timetable`).
"""

import copy
import json
import os
import random

SEED = 20240815
HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- time grid
DAYS = [("Mon", "Monday"), ("Tue", "Tuesday"), ("Wed", "Wednesday"), ("Thu", "Thursday"),
        ("Fri", "Friday")]
# Period 3 of school year 2026-27, assumed (README.md, "Period"): the seven weeks from
# the Monday after the Christmas break to the end of February, before Lapland's winter
# break. Day ids are the weekdays' own names, so each day's weekday is its id.
PERIOD = {"start": "2027-01-11", "weeks": 7, "timeZone": "Europe/Helsinki"}
SLOT_TIMES = [("08:15", "09:30"), ("09:45", "11:00"), ("11:45", "13:00"),
              ("13:15", "14:30"), ("14:45", "16:00")]
SLOTS_PER_DAY = {"Mon": 5, "Tue": 5, "Wed": 5, "Thu": 5, "Fri": 4}

# 8 bars, 3 slots on 3 different days each, covering the 24 slots exactly once.
# Bars 1-5 pair Monday and Wednesday slots, bars 6-8 pair Tuesday and Thursday slots, so
# each vocational block below overlaps as few bars as possible.
BARS = {
    "bar1": ["Mon1", "Wed1", "Thu4"],
    "bar2": ["Mon2", "Wed2", "Tue4"],
    "bar3": ["Mon3", "Wed3", "Thu5"],
    "bar4": ["Mon4", "Wed4", "Tue5"],
    "bar5": ["Mon5", "Wed5", "Fri4"],
    "bar6": ["Tue1", "Thu1", "Fri1"],
    "bar7": ["Tue2", "Thu2", "Fri2"],
    "bar8": ["Tue3", "Thu3", "Fri3"],
}
# Half-day blocks: morning = slots 1-2 on two days, afternoon = slots 3-5 on two days.
BLOCKS = {
    "am-MonWed": ("blockAm", ["Mon1", "Mon2", "Wed1", "Wed2"]),      # bars 1, 2
    "am-TueThu": ("blockAm", ["Tue1", "Tue2", "Thu1", "Thu2"]),      # bars 6, 7
    "pm-MonWed": ("blockPm", ["Mon3", "Mon4", "Mon5", "Wed3", "Wed4", "Wed5"]),  # bars 3, 4, 5
    "pm-TueThu": ("blockPm", ["Tue3", "Tue4", "Tue5", "Thu3", "Thu4", "Thu5"]),  # bars 1-4, 8
}

# ---------------------------------------------------------------- road network
# Road 21 from south to north, and two side villages. (id, name, lat, lon or None)
NODES = [
    ("tornio", "Tornio", 65.848, 24.146),
    ("karunki", "Karunki", None, None),
    ("ylitornio", "Ylitornio (Alkkula)", 66.318, 23.672),
    ("juoksenki", "Juoksenki", None, None),
    ("turtola", "Turtola", None, None),
    ("pello", "Pello", 66.774, 23.966),
    ("meltosjarvi", "Meltosjärvi", None, None),
    ("orajarvi", "Orajärvi", None, None),
]
# (from, to, minutes, km): Tornio-Ylitornio 55 min / 63 km, Ylitornio-Pello 45 min / 55 km.
ROADS = [
    ("tornio", "karunki", 22, 26),
    ("karunki", "ylitornio", 33, 37),
    ("ylitornio", "juoksenki", 24, 31),
    ("juoksenki", "turtola", 11, 13),
    ("turtola", "pello", 10, 11),
    ("ylitornio", "meltosjarvi", 30, 35),
    ("pello", "orajarvi", 22, 25),
]

# ---------------------------------------------------------------- sites and rooms
Y, YS, P, PS = "yli-lukio", "yli-school", "pello-lukio", "pello-opinahjo"
LY, LP, LT = "lappia-ylitornio", "lappia-pello", "lappia-tornio"
SITES = [
    (Y, "Ylitornion lukio", "Ylitornio", "ylitornio", 2),
    (YS, "Ylitornion yhtenäiskoulu (school centre)", "Ylitornio", "ylitornio", 1),
    (P, "Pellon lukio", "Pello", "pello", 2),
    (PS, "Meän Opinahjo (Pello school centre)", "Pello", "pello", 1),
    (LY, "Lappia, Ylitornio teaching point", "Ylitornio", "ylitornio", 1),
    (LP, "Lappia, Pello teaching point", "Pello", "pello", 1),
    (LT, "Lappia, Tornio campus", "Tornio", "tornio", 2),
]
# (id, site, capacity, features, video)
ROOMS = [
    ("yl-a101", Y, 30, [], False), ("yl-a102", Y, 30, [], False), ("yl-a103", Y, 24, [], False),
    ("yl-video1", Y, 20, [], True), ("yl-video2", Y, 16, [], True),
    ("ys-lab", YS, 24, ["lab"], False), ("ys-video", YS, 16, [], True),
    ("pl-101", P, 30, [], False), ("pl-102", P, 24, [], False),
    ("pl-video1", P, 20, [], True), ("pl-video2", P, 12, [], True),
    ("po-lab", PS, 20, ["lab"], False), ("po-video", PS, 12, [], True),
    ("ly-kitchen", LY, 12, ["kitchen"], False), ("ly-class", LY, 16, [], True),
    ("lp-care", LP, 14, ["care-lab"], False), ("lp-class", LP, 16, [], True),
    ("lt-metal", LT, 12, ["workshop-metal"], False),
    ("lt-electric", LT, 12, ["workshop-electric"], False),
    ("lt-auto", LT, 12, ["workshop-auto"], False),
    ("lt-class1", LT, 24, [], True), ("lt-class2", LT, 24, [], False),
]

# ---------------------------------------------------------------- courses
LESSON_COST = 75.0  # euros per 75-minute lesson: assumed 60 EUR/h teacher cost x 1.25 h
BAR_LESSONS, AM_LESSONS, PM_LESSONS = 3, 4, 6
# Lukio courses: (id, name, sites, maxSections, remoteAllowed, preferInPerson, features)
LUKIO = [
    ("MAY1", "Maths, common module", [Y, P], 2, True, True, []),
    ("MAA03", "Advanced maths 3", [Y], 1, True, True, []),
    ("MAA04", "Advanced maths 4", [Y, P], 2, True, True, []),
    ("MAA05", "Advanced maths 5", [Y, P], 2, True, True, []),
    ("MAA06", "Advanced maths 6", [Y], 1, True, True, []),
    ("MAA08", "Advanced maths 8", [Y], 1, True, True, []),
    ("MAB03", "Basic maths 3", [Y, P], 2, True, True, []),
    ("MAB05", "Basic maths 5", [Y], 1, True, True, []),
    ("AI02", "Finnish 2", [Y, P], 2, True, True, []),
    ("AI03", "Finnish 3", [Y], 1, True, True, []),
    ("AI05", "Finnish 5", [Y, P], 2, True, True, []),
    ("AI06", "Finnish 6", [Y], 1, True, True, []),
    ("AI08", "Finnish 8", [Y], 1, True, True, []),
    ("ENA02", "English 2", [Y, P], 2, True, True, []),
    ("ENA03", "English 3", [P], 1, True, True, []),
    ("ENA05", "English 5", [Y, P], 2, True, True, []),
    ("ENA06", "English 6", [Y], 1, True, True, []),
    ("ENA07", "English 7", [Y], 1, True, True, []),
    ("RUB02", "Swedish 2", [Y, P], 1, True, True, []),
    ("RUB04", "Swedish 4", [Y, P], 1, True, True, []),
    ("SAB2", "German B3, 2", [Y, P], 1, True, True, []),
    ("FY02", "Physics 2", [Y, P], 1, True, False, []),
    ("FY03", "Physics 3", [Y], 1, True, False, []),
    ("FY04", "Physics 4", [Y], 1, True, False, []),
    ("PS02", "Psychology 2", [Y, P], 1, True, False, []),
    ("PS03", "Psychology 3", [Y, P], 1, True, False, []),
    ("PS04", "Psychology 4", [Y, P], 1, True, False, []),
    ("FI02", "Philosophy 2", [Y], 1, True, False, []),
    ("BI02", "Biology 2", [Y, P], 2, True, False, []),
    ("BI03", "Biology 3", [P], 1, True, False, []),
    ("BI04", "Biology 4", [Y], 1, True, False, []),
    ("GE02", "Geography 2", [P], 1, True, False, []),
    ("GE03", "Geography 3", [Y], 1, True, False, []),
    ("TE02", "Health education 2", [P], 1, True, False, []),
    ("HI02", "History 2", [Y, P], 2, True, False, []),
    ("HI03", "History 3", [Y], 1, True, False, []),
    ("HI04", "History 4", [Y], 1, True, False, []),
    ("UE02", "Religion 2", [P], 1, True, False, []),
    ("YH02", "Social studies 2", [P], 1, True, False, []),
    ("KE02", "Chemistry 2 (lab)", [YS, PS], 2, False, False, ["lab"]),
    ("KE03", "Chemistry 3 (lab)", [PS], 1, False, False, ["lab"]),
    ("KE04", "Chemistry 4 (lab)", [YS], 1, False, False, ["lab"]),
    ("MU02", "Music 2", [Y], 1, False, False, []),
    ("KU02", "Visual arts 2", [Y], 1, False, False, []),
]
# Vocational units: (id, name, kind, sites, maxSections, remoteAllowed, features, maxSize)
VOCATIONAL = [
    ("MET-WELD", "Welding (metal)", "blockPm", [LT], 1, False, ["workshop-metal"], 12),
    ("MET-MACH", "Machining (metal)", "blockPm", [LT], 1, False, ["workshop-metal"], 12),
    ("ELE-INST", "Electrical installation", "blockPm", [LT], 1, False, ["workshop-electric"], 12),
    ("AUT-SERV", "Car service", "blockPm", [LT], 1, False, ["workshop-auto"], 12),
    ("ICT-SUPP", "ICT support", "blockAm", [LT], 1, True, [], 16),
    ("RAV-PROD", "Catering production", "blockPm", [LY], 1, False, ["kitchen"], 12),
    ("RAV-SERV", "Customer service in catering", "blockAm", [LY], 1, True, [], 16),
    ("BUS-SALES", "Sales and customer service (business)", "blockAm", [LY], 1, True, [], 16),
    ("SOS-CARE", "Caring for growth and participation", "blockPm", [LP], 1, False, ["care-lab"], 14),
    ("SOS-ELDER", "Elderly care", "blockPm", [LP], 1, False, ["care-lab"], 14),
    ("SOS-CHILD", "Early childhood education", "blockAm", [LP], 1, True, [], 16),
    ("YTO-COMM", "Common unit: communication", "blockAm", [LY, LP], 2, True, [], 16),
    ("YTO-MATH", "Common unit: maths and science", "blockAm", [LY, LP], 2, True, [], 16),
    ("YTO-ENG", "Common unit: English", "blockAm", [LY, LP], 1, True, [], 16),
    ("YTO-SOC", "Common unit: society and working life", "blockAm", [LT, LY], 1, True, [], 16),
    ("WORK-ENT", "Entrepreneurship", "blockAm", [LY], 1, True, [], 16),
]
LUKIO_MIN, LUKIO_MAX = 5, 30   # README.md, Facts: minimum viable (shared) group 5-7
VOC_MIN = 4                    # assumed: small workshop groups run from 4

# ---------------------------------------------------------------- teachers
LUKIO_LOAD, SHARED_LOAD, LAPPIA_LOAD = 14, 9, 18
# (id, name, home, sites, canTeach, maxLessonsPerWeek, unavailable)
TEACHERS = [
    ("t-yl-maths", "Ylitornio maths", Y, [Y], ["MAY1", "MAA03", "MAA04", "MAA05", "MAA06", "MAA08", "MAB03", "MAB05"], LUKIO_LOAD, []),
    ("t-yl-finnish", "Ylitornio Finnish", Y, [Y], ["AI02", "AI03", "AI05", "AI06", "AI08"], LUKIO_LOAD, []),
    ("t-yl-english", "Ylitornio English", Y, [Y], ["ENA02", "ENA05", "ENA06", "ENA07"], LUKIO_LOAD, []),
    ("t-yl-science", "Ylitornio biology and chemistry", Y, [Y, YS], ["BI02", "BI04", "GE03", "KE02", "KE04"], LUKIO_LOAD, []),
    ("t-yl-physics", "Ylitornio physics and maths", Y, [Y], ["FY03", "FY04", "MAA03", "MAB05"], LUKIO_LOAD, []),
    ("t-yl-history", "Ylitornio history and philosophy", Y, [Y], ["HI02", "HI03", "HI04", "FI02"], LUKIO_LOAD, []),
    ("t-yl-arts", "Ylitornio music and arts", Y, [Y], ["MU02", "KU02"], SHARED_LOAD, []),
    ("t-yl-mathsci", "Ylitornio maths and science", Y, [Y, YS], ["MAA04", "MAB03", "FY03", "KE02"], LUKIO_LOAD, []),
    ("t-pe-maths", "Pello maths", P, [P], ["MAY1", "MAA04", "MAA05", "MAB03"], LUKIO_LOAD, []),
    ("t-pe-finnish", "Pello Finnish", P, [P], ["AI02", "AI05"], LUKIO_LOAD, []),
    ("t-pe-english", "Pello English", P, [P], ["ENA02", "ENA03", "ENA05"], LUKIO_LOAD, []),
    ("t-pe-science", "Pello biology, chemistry, geography", P, [P, PS], ["BI02", "BI03", "KE02", "KE03", "GE02", "TE02"], LUKIO_LOAD, []),
    ("t-pe-humanities", "Pello history, religion, social studies", P, [P], ["HI02", "UE02", "YH02"], LUKIO_LOAD, []),
    ("t-sh-swedish", "Swedish, shared", P, [P, Y], ["RUB02", "RUB04"], SHARED_LOAD, ["Fri1", "Fri2", "Fri3", "Fri4"]),
    ("t-sh-german", "German, shared", Y, [Y, P], ["SAB2", "ENA06"], SHARED_LOAD, ["Mon1", "Mon2", "Mon3", "Mon4", "Mon5"]),
    ("t-sh-physics", "Physics, shared", Y, [Y, P], ["FY02", "FY04", "MAA08"], LUKIO_LOAD, []),
    ("t-sh-psychology", "Psychology and philosophy, shared", P, [P, Y], ["PS02", "PS03", "PS04", "FI02"], SHARED_LOAD, ["Wed1", "Wed2"]),
    ("t-ly-catering", "Lappia Ylitornio catering", LY, [LY], ["RAV-PROD", "RAV-SERV"], LAPPIA_LOAD, []),
    ("t-ly-business", "Lappia Ylitornio business", LY, [LY, LP], ["BUS-SALES", "WORK-ENT", "YTO-COMM", "YTO-SOC"], LAPPIA_LOAD, []),
    ("t-lp-care", "Lappia Pello care", LP, [LP], ["SOS-CARE", "SOS-ELDER"], LAPPIA_LOAD, []),
    ("t-lp-child", "Lappia Pello childhood education", LP, [LP, LY], ["SOS-CHILD", "YTO-COMM", "YTO-MATH"], LAPPIA_LOAD, []),
    ("t-lt-metal", "Lappia Tornio metal", LT, [LT], ["MET-WELD", "MET-MACH"], LAPPIA_LOAD, []),
    ("t-lt-electric", "Lappia Tornio electrical and ICT", LT, [LT], ["ELE-INST", "ICT-SUPP"], LAPPIA_LOAD, []),
    ("t-lt-auto", "Lappia Tornio automotive", LT, [LT], ["AUT-SERV"], LAPPIA_LOAD, []),
    ("t-lt-common", "Lappia common units", LT, [LT, LY, LP], ["YTO-MATH", "YTO-ENG", "YTO-SOC", "ICT-SUPP"], LAPPIA_LOAD, []),
]

# ---------------------------------------------------------------- trips
WEEK = [d for d, _ in DAYS]
LINE_CAPACITY, SCHOOL_BUS_CAPACITY, SHUTTLE_CAPACITY = 50, 40, 20
SHUTTLE_COST = 100.0  # README.md, Facts: an extra run costs about EUR 100 one way
NORTH = ["tornio", "karunki", "ylitornio", "juoksenki", "turtola", "pello"]
NORTH_OFFSETS = [0, 22, 55, 79, 90, 100]  # bus minutes from Tornio along road 21


def clock(minutes):
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def minutes(text):
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def road21(start_node, start_time, northbound, end_node=None):
    """Stops of a road 21 run from `start_node` at `start_time`, to `end_node` or the end."""
    order = NORTH if northbound else list(reversed(NORTH))
    offsets = {n: o for n, o in zip(NORTH, NORTH_OFFSETS)}
    i = order.index(start_node)
    j = order.index(end_node) if end_node else len(order) - 1
    t0 = minutes(start_time)
    return [(n, clock(t0 + abs(offsets[n] - offsets[start_node]))) for n in order[i:j + 1]]


# (id, name, optional, stops)
TRIPS = [
    ("l21n-0630", "Line bus road 21 north, Tornio 06:30", False, road21("tornio", "06:30", True)),
    ("l21n-1440", "Line bus road 21 north, Tornio 14:40", False, road21("tornio", "14:40", True)),
    ("l21n-1610", "Line bus road 21 north, Tornio 16:10", False, road21("tornio", "16:10", True)),
    ("l21s-0625", "Line bus road 21 south, Pello 06:25", False, road21("pello", "06:25", False)),
    ("l21s-1210", "Line bus road 21 south, Pello 12:10", False, road21("pello", "12:10", False)),
    ("l21s-1440", "Line bus road 21 south, Pello 14:40", False, road21("pello", "14:40", False)),
    ("sb-mel-am", "School bus Meltosjärvi-Ylitornio", False, [("meltosjarvi", "07:20"), ("ylitornio", "07:55")]),
    ("sb-mel-1440", "School bus Ylitornio-Meltosjärvi 14:40", False, [("ylitornio", "14:40"), ("meltosjarvi", "15:15")]),
    ("sb-mel-1610", "School bus Ylitornio-Meltosjärvi 16:10", False, [("ylitornio", "16:10"), ("meltosjarvi", "16:45")]),
    ("sb-ora-am", "School bus Orajärvi-Pello", False, [("orajarvi", "07:28"), ("pello", "07:55")]),
    ("sb-ora-1440", "School bus Pello-Orajärvi 14:40", False, [("pello", "14:40"), ("orajarvi", "15:07")]),
    ("sb-ora-1610", "School bus Pello-Orajärvi 16:10", False, [("pello", "16:10"), ("orajarvi", "16:37")]),
    ("sb-jt-am", "School bus Juoksenki-Turtola-Pello", False, [("juoksenki", "07:30"), ("turtola", "07:43"), ("pello", "07:55")]),
    ("sb-jt-1440", "School bus Pello-Turtola-Juoksenki 14:40", False, [("pello", "14:40"), ("turtola", "14:52"), ("juoksenki", "15:05")]),
    ("sb-jt-1610", "School bus Pello-Turtola-Juoksenki 16:10", False, [("pello", "16:10"), ("turtola", "16:22"), ("juoksenki", "16:35")]),
    ("opt-yp-1105", "Charter Ylitornio-Pello after the morning", True, road21("ylitornio", "11:05", True)),
    ("opt-py-1105", "Charter Pello-Ylitornio after the morning", True, road21("pello", "11:05", False, "ylitornio")),
    ("opt-yp-1605", "Charter Ylitornio-Pello after school", True, road21("ylitornio", "16:05", True)),
    ("opt-py-1605", "Charter Pello-Ylitornio after school", True, road21("pello", "16:05", False, "ylitornio")),
    ("opt-ty-1105", "Charter Tornio-Ylitornio after the morning", True, road21("tornio", "11:05", True, "ylitornio")),
    ("opt-yt-1105", "Charter Ylitornio-Tornio after the morning", True, road21("ylitornio", "11:05", False)),
]

# ---------------------------------------------------------------- weights
WEIGHTS = {
    "unmetRequest": 50.0,
    "teacherKm": 0.57,
    "studentTravelMinute": 0.10,
    "remoteStudentLesson": 2.0,
    "idleSlot": 5.0,
}
TRANSFER_BUFFER = 5.0

# ---------------------------------------------------------------- students
# Groups: (prefix, count, programme, school town, homes cycle, kind)
GROUPS = [
    ("yl", 42, "lukio", "Y", ["ylitornio"] * 3 + ["meltosjarvi"], "lukio"),
    ("pl", 32, "lukio", "P", ["pello", "pello", "orajarvi", "juoksenki", "pello", "turtola"], "lukio"),
    ("yv-cat", 5, "vocational", "Y", ["ylitornio", "meltosjarvi"], "catering"),
    ("yv-tech", 4, "vocational", "Y", ["ylitornio"], "technical"),
    ("pv-care", 8, "vocational", "P", ["pello", "orajarvi", "turtola"], "care"),
    ("yd", 6, "doubleDegree", "Y", ["ylitornio", "ylitornio", "meltosjarvi"], "ddY"),
    ("pd", 6, "doubleDegree", "P", ["pello", "pello", "juoksenki"], "ddP"),
]
# Lukio wish lists per year: year 1 has the compulsory Finnish 2 course.
LUKIO_YEAR = {
    1: {"mandatory": "AI02", "oneOf": ("lang-b", ["RUB02", "SAB2"]),
        "Y": ["MAY1", "ENA02", "BI02", "HI02", "GE03", "KE02", "AI03"],
        "P": ["MAY1", "ENA02", "BI02", "HI02", "GE02", "KE02", "TE02", "UE02"]},
    2: {"mandatory": None, "oneOf": ("arts", ["MU02", "KU02"]),
        "Y": ["MAA04", "MAA05", "MAB03", "AI05", "ENA05", "RUB04", "FY02", "PS02", "HI03", "KE04", "MAA03"],
        "P": ["MAA04", "MAA05", "MAB03", "AI05", "ENA03", "ENA05", "RUB04", "FY02", "PS02", "YH02", "BI03", "KE03"]},
    3: {"mandatory": None, "oneOf": ("humanities", ["PS03", "FI02"]),
        "Y": ["MAA06", "MAA08", "MAB05", "AI06", "AI08", "ENA06", "ENA07", "PS04", "FY03", "FY04", "HI04", "BI04"],
        "P": ["MAA08", "AI06", "AI08", "ENA06", "ENA07", "PS04", "FY04", "HI04", "BI04", "FY03"]},
}
VOC_PLAN = {
    "catering": ("RAV-PROD", ["RAV-SERV", "YTO-COMM", "YTO-MATH", "WORK-ENT", "YTO-SOC"], []),
    "technical": ("MET-WELD", ["MET-MACH", "ELE-INST", "AUT-SERV", "ICT-SUPP", "YTO-ENG"], []),
    "care": ("SOS-CARE", ["SOS-ELDER", "SOS-CHILD", "YTO-COMM", "YTO-MATH", "YTO-ENG"], []),
    "ddY": ("BUS-SALES", ["YTO-COMM", "WORK-ENT"], ["ENA05", "MAB03", "AI05", "HI02", "RUB02", "BI02"]),
    "ddP": ("SOS-CHILD", ["YTO-COMM", "YTO-MATH"], ["ENA02", "MAB03", "AI05", "BI02", "RUB02", "HI02"]),
}


def make_students(rng):
    students = []
    for prefix, count, programme, town, homes, kind in GROUPS:
        for i in range(count):
            sid = f"{prefix}{i + 1:02d}"
            home = homes[i % len(homes)]
            requests, one_of = [], []
            want = rng.randint(4, 7)
            if kind == "lukio":
                year = i % 3 + 1
                plan = LUKIO_YEAR[year]
                if plan["mandatory"]:
                    requests.append({"course": plan["mandatory"], "weight": 3.0, "mandatory": True})
                group_id, group = plan["oneOf"]
                one_of.append({"id": group_id, "courses": list(group), "weight": 2.0})
                pool = [c for c in plan[town] if c not in group]
                for course in rng.sample(pool, want - len(requests) - 1):
                    requests.append({"course": course, "weight": float(rng.randint(1, 3))})
            else:
                main, units, lukio = VOC_PLAN[kind]
                requests.append({"course": main, "weight": 3.0, "mandatory": True})
                n_units = min(len(units), max(3, want - 1 - len(lukio)))
                for course in rng.sample(units, n_units):
                    requests.append({"course": course, "weight": float(rng.randint(1, 2))})
                if lukio:
                    n_lukio = max(1, want - len(requests))
                    for course in rng.sample(lukio, min(n_lukio, 3)):
                        requests.append({"course": course, "weight": 2.0})
            student = {"id": sid, "home": home, "programme": programme, "requests": requests}
            if one_of:
                student["oneOf"] = one_of
            students.append(student)
    return students


# ---------------------------------------------------------------- assembly
FIT_DESCRIPTION = ("Pello, Ylitornio and Lappia plan one ~7-week period jointly: lukio courses in 8 bars, "
                   "vocational units in half-day blocks, video links between the towns, road 21 buses; "
                   "every student's study plan fits their week. "
                   "Numbers and their sources: instances/tornio-valley/README.md.")
BASE_DESCRIPTION = ("Pello, Ylitornio and Lappia plan one ~7-week period jointly: lukio courses in 8 bars, "
                    "vocational units in half-day blocks, video links between the towns, road 21 buses. "
                    "Numbers and their sources: instances/tornio-valley/README.md.")
def build_baseline(students, description=None):
    slots = []
    for day, _ in DAYS:
        for k in range(SLOTS_PER_DAY[day]):
            start, end = SLOT_TIMES[k]
            slots.append({"id": f"{day}{k + 1}", "day": day, "start": start, "end": end})
    patterns = [{"id": pid, "kind": "bar", "slots": s} for pid, s in BARS.items()]
    patterns += [{"id": pid, "kind": kind, "slots": s} for pid, (kind, s) in BLOCKS.items()]
    nodes = []
    for nid, name, lat, lon in NODES:
        node = {"id": nid, "name": name}
        if lat is not None:
            node["lat"], node["lon"] = lat, lon
        nodes.append(node)
    courses = []
    for cid, name, sites, max_sections, remote, prefer, features in LUKIO:
        course = {"id": cid, "name": name, "programme": "lukio", "patternKind": "bar",
                  "features": features, "minSize": LUKIO_MIN, "maxSize": LUKIO_MAX,
                  "maxSections": max_sections, "sites": sites, "remoteAllowed": remote,
                  "preferInPerson": prefer, "sectionCost": BAR_LESSONS * LESSON_COST}
        courses.append(course)
    for cid, name, kind, sites, max_sections, remote, features, max_size in VOCATIONAL:
        lessons = AM_LESSONS if kind == "blockAm" else PM_LESSONS
        courses.append({"id": cid, "name": name, "programme": "vocational", "patternKind": kind,
                        "features": features, "minSize": VOC_MIN, "maxSize": max_size,
                        "maxSections": max_sections, "sites": sites, "remoteAllowed": remote,
                        "preferInPerson": False, "sectionCost": lessons * LESSON_COST})
    trips = []
    for tid, name, optional, stops in TRIPS:
        trip = {"id": tid, "name": name, "days": list(WEEK),
                "capacity": SHUTTLE_CAPACITY if optional else
                (LINE_CAPACITY if tid.startswith("l21") else SCHOOL_BUS_CAPACITY),
                "optional": optional, "costPerRun": SHUTTLE_COST if optional else 0.0,
                "stops": [{"node": n, "time": t} for n, t in stops]}
        trips.append(trip)
    return {
        "formatVersion": 1,
        "name": "tornio-valley",
        "description": description or BASE_DESCRIPTION,
        "period": dict(PERIOD),
        "timeGrid": {"days": [{"id": d, "name": n, "weekday": d} for d, n in DAYS], "slots": slots,
                     "patterns": patterns},
        "roadNetwork": {"nodes": nodes,
                        "roads": [{"from": a, "to": b, "minutes": float(m), "km": float(k)}
                                  for a, b, m, k in ROADS]},
        "sites": [{"id": s, "name": n, "municipality": m, "node": node, "maxStreams": ms}
                  for s, n, m, node, ms in SITES],
        "rooms": [{"id": r, "site": s, "capacity": c, "features": f, "video": v}
                  for r, s, c, f, v in ROOMS],
        "teachers": [{"id": t, "name": n, "homeSite": h, "canTeach": ct, "sites": s,
                      "unavailable": u, "maxLessonsPerWeek": ml}
                     for t, n, h, s, ct, ml, u in TEACHERS],
        "courses": courses,
        "students": students,
        "trips": trips,
        "transport": {"transferBufferMinutes": TRANSFER_BUFFER},
        "weights": dict(WEIGHTS),
    }


def no_video(base):
    inst = copy.deepcopy(base)
    inst["name"] = "tornio-valley-no-video"
    inst["description"] = "Baseline without video links: no room has video, no course may be streamed."
    for room in inst["rooms"]:
        room["video"] = False
    for site in inst["sites"]:
        site["maxStreams"] = 0
    for course in inst["courses"]:
        course["remoteAllowed"] = False
        course["preferInPerson"] = False
    return inst


def no_optional_buses(base):
    inst = copy.deepcopy(base)
    inst["name"] = "tornio-valley-no-optional-buses"
    inst["description"] = "Baseline without the chartered shuttles: only line and school buses run."
    inst["trips"] = [t for t in inst["trips"] if not t["optional"]]
    return inst


def pello_by_video(base):
    """Every streamable lukio course that Pello's lukio teaches is taught from Ylitornio's
    lukio instead; Pello students receive it by video. Lab courses stay in Pello."""
    inst = copy.deepcopy(base)
    inst["name"] = "tornio-valley-pello-by-video"
    inst["description"] = ("Pello's streamable lukio courses are taught from Ylitornio by video; "
                           "Pello keeps its lab courses.")
    # Ylitornio subject teachers who take over courses nobody can yet teach at Ylitornio.
    fallback = {"ENA03": "t-yl-english", "GE02": "t-yl-science", "TE02": "t-yl-science",
                "BI03": "t-yl-science", "UE02": "t-yl-history", "YH02": "t-yl-history"}
    by_id = {t["id"]: t for t in inst["teachers"]}
    moved = set()
    for course in inst["courses"]:
        if course["programme"] != "lukio" or not course["remoteAllowed"] or P not in course["sites"]:
            continue
        course["sites"] = [Y]
        moved.add(course["id"])
        if not any(course["id"] in t["canTeach"] and Y in t["sites"] for t in inst["teachers"]):
            by_id[fallback[course["id"]]]["canTeach"].append(course["id"])
    for t in inst["teachers"]:  # Pello-only teachers keep only what still runs in Pello
        if Y not in t["sites"]:
            t["canTeach"] = [c for c in t["canTeach"] if c not in moved]
    inst["teachers"] = [t for t in inst["teachers"] if t["canTeach"]]
    return inst


# ---------------------------------------------------------------- sanity check
def sanity_check(inst):
    name = inst["name"]

    def fail(msg):
        raise SystemExit(f"{name}: {msg}")

    def unique(items, what):
        ids = [x["id"] for x in items]
        if len(ids) != len(set(ids)):
            fail(f"duplicate {what} ids")
        return {x["id"]: x for x in items}

    slots = unique(inst["timeGrid"]["slots"], "slot")
    days = unique(inst["timeGrid"]["days"], "day")
    nodes = unique(inst["roadNetwork"]["nodes"], "node")
    sites = unique(inst["sites"], "site")
    rooms = unique(inst["rooms"], "room")
    teachers = unique(inst["teachers"], "teacher")
    courses = unique(inst["courses"], "course")
    students = unique(inst["students"], "student")
    unique(inst["trips"], "trip")
    patterns = unique(inst["timeGrid"]["patterns"], "pattern")
    bar_slots = sorted(s for p in patterns.values() if p["kind"] == "bar" for s in p["slots"])
    if bar_slots != sorted(slots):
        fail("bars do not cover every slot exactly once")
    for p in patterns.values():
        if any(s not in slots for s in p["slots"]):
            fail(f"pattern {p['id']} names an unknown slot")
        if p["kind"] == "bar" and len({slots[s]["day"] for s in p["slots"]}) != 3:
            fail(f"bar {p['id']} is not on 3 different days")
    for r in inst["roadNetwork"]["roads"]:
        if r["from"] not in nodes or r["to"] not in nodes:
            fail("road to an unknown node")
    for s in sites.values():
        if s["node"] not in nodes:
            fail(f"site {s['id']} at unknown node")
    for r in rooms.values():
        if r["site"] not in sites:
            fail(f"room {r['id']} at unknown site")
    for t in teachers.values():
        if t["homeSite"] not in sites or any(s not in sites for s in t["sites"]):
            fail(f"teacher {t['id']} names an unknown site")
        if any(c not in courses for c in t["canTeach"]) or any(s not in slots for s in t["unavailable"]):
            fail(f"teacher {t['id']} names an unknown course or slot")
    kinds = {p["kind"] for p in patterns.values()}
    for c in courses.values():
        if c["patternKind"] not in kinds:
            fail(f"course {c['id']} has no pattern of its kind")
        for site in c["sites"]:
            if not any(c["id"] in t["canTeach"] and site in t["sites"] for t in teachers.values()):
                fail(f"course {c['id']} has no teacher at {site}")
            if not any(r["site"] == site and set(c["features"]) <= set(r["features"]) for r in rooms.values()):
                fail(f"course {c['id']} has no room at {site}")
    for tr in inst["trips"]:
        times = [minutes(s["time"]) for s in tr["stops"]]
        if times != sorted(set(times)) or any(s["node"] not in nodes for s in tr["stops"]):
            fail(f"trip {tr['id']} has bad stops")
        if any(d not in days for d in tr["days"]):
            fail(f"trip {tr['id']} names an unknown day")
    # Every home is served every day both ways (or is a town node with a school).
    school_nodes = {s["node"] for s in sites.values()}
    for st in students.values():
        if st["home"] not in nodes:
            fail(f"student {st['id']} lives at an unknown node")
        for r in st["requests"]:
            if r["course"] not in courses:
                fail(f"student {st['id']} requests unknown course")
        if any(c not in courses for g in st.get("oneOf", []) for c in g["courses"]):
            fail(f"student {st['id']} has an unknown course in a one-of group")
        if st["home"] in school_nodes:
            continue
        for d in days:
            ins = [t for t in inst["trips"] if not t["optional"] and d in t["days"]
                   and any(s["node"] == st["home"] for s in t["stops"][:-1])]
            outs = [t for t in inst["trips"] if not t["optional"] and d in t["days"]
                    and any(s["node"] == st["home"] for s in t["stops"][1:])]
            if not ins or not outs:
                fail(f"home of {st['id']} not served on {d}")
    # Mandatory requests: at most one per student, and its course can open at a site at the
    # student's school town (or Tornio, reached by line bus), with room for all who must attend.
    must = {}
    for st in students.values():
        mandatory = [r for r in st["requests"] if r.get("mandatory")]
        if len(mandatory) > 1 or any(g.get("mandatory") for g in st.get("oneOf", [])):
            fail(f"student {st['id']} has more than one mandatory request")
        for r in mandatory:
            must.setdefault(r["course"], []).append(st)
    for cid, group in must.items():
        c = courses[cid]
        by_node = {}
        for st in group:
            home = st["home"]
            town = "ylitornio" if st["id"][0] == "y" else "pello"
            reachable = [s for s in c["sites"] if sites[s]["node"] in (home, town)]
            if not reachable and sites[c["sites"][0]]["node"] == "tornio" and home == "ylitornio":
                reachable = c["sites"]
            if not reachable:
                reachable = [s for s in c["sites"] if c["remoteAllowed"]]
            if not reachable:
                fail(f"mandatory {cid} of {st['id']} cannot be reached")
            by_node.setdefault(reachable[0], []).append(st["id"])
        if len(by_node) > c["maxSections"]:
            fail(f"mandatory {cid} needs more sections than allowed")
        for site, ids in by_node.items():
            if not c["minSize"] <= len(ids) <= c["maxSize"]:
                fail(f"mandatory {cid} at {site}: {len(ids)} students outside min/max size")
            cap = max((r["capacity"] for r in rooms.values() if r["site"] == site
                       and set(c["features"]) <= set(r["features"])), default=0)
            if cap < len(ids) and not c["remoteAllowed"]:
                fail(f"mandatory {cid} at {site}: no room for {len(ids)}")


# ---------------------------------------------------------------- a student's week, alone
class Week:
    """Whether one student's requests could all be met if the student were alone in the
    valley, by the rules of docs/rules.md: every single request and one course of every
    one-of group gets a section in a pattern of its course's kind, no two of them share a
    slot, each section has a qualified teacher free in its slots (load caps and the
    teachers' own road times included) and a room with the course's features, the student
    sits in person at the section's site or in a video room of another site when the course
    may be streamed, and every day's places are joined by one bus leg each (line or
    optional trips, the transfer buffer respected). Section sizes are ignored: alone, the
    student is the group. Exact: it enumerates every choice (the sets are tiny)."""

    def __init__(self, inst):
        grid = inst["timeGrid"]
        self.slot = {s["id"]: (s["day"], minutes(s["start"]), minutes(s["end"])) for s in grid["slots"]}
        self.patterns = {}
        for p in grid["patterns"]:
            self.patterns.setdefault(p["kind"], []).append((p["id"], frozenset(p["slots"])))
        self.courses = {c["id"]: c for c in inst["courses"]}
        self.sites = inst["sites"]
        self.node = {s["id"]: s["node"] for s in inst["sites"]}
        self.streams = {s["id"]: s["maxStreams"] for s in inst["sites"]}
        self.rooms = inst["rooms"]
        self.teachers = inst["teachers"]
        self.trips = inst["trips"]
        self.buffer = inst["transport"]["transferBufferMinutes"]
        names = [n["id"] for n in inst["roadNetwork"]["nodes"]]
        inf = float("inf")
        self.road = {a: {b: (0 if a == b else inf) for b in names} for a in names}
        for r in inst["roadNetwork"]["roads"]:
            m = min(self.road[r["from"]][r["to"]], r["minutes"])
            self.road[r["from"]][r["to"]] = self.road[r["to"]][r["from"]] = m
        for k in names:  # Floyd-Warshall: a handful of nodes
            for a in names:
                for b in names:
                    self.road[a][b] = min(self.road[a][b], self.road[a][k] + self.road[k][b])
        self._options, self._days, self._witness = {}, {}, None

    def room(self, cid, site, video):
        features = set(self.courses[cid]["features"])
        return any(r["site"] == site and features <= set(r["features"]) and (r["video"] or not video)
                   for r in self.rooms)

    def qualified(self, cid, site, slots):
        return [t for t in self.teachers if cid in t["canTeach"] and site in t["sites"]
                and not slots & set(t["unavailable"])]

    def options(self, cid):
        """(pattern, its slots, sending site, node where the student sits) for one course."""
        if cid not in self._options:
            c = self.courses[cid]
            if "patternKind" not in c:
                raise SystemExit(f"course {cid}: the fit check knows only pattern courses")
            found = {}
            for pid, slots in self.patterns.get(c["patternKind"], []):
                for send in c["sites"]:
                    if not self.qualified(cid, send, slots):
                        continue
                    if self.room(cid, send, False):
                        found.setdefault((pid, send, self.node[send]), slots)
                    if c["remoteAllowed"] and self.streams[send] >= 1 and self.room(cid, send, True):
                        for recv in self.sites:
                            if (recv["id"] != send and recv["maxStreams"] >= 1
                                    and self.room(cid, recv["id"], True)):
                                found.setdefault((pid, send, recv["node"]), slots)
            self._options[cid] = [(pid, slots, send, node) for (pid, send, node), slots in found.items()]
        return self._options[cid]

    def ride(self, day, a, b, leave, arrive):
        """A trip running on `day` from node a (departing at or after `leave`) to node b
        (arriving at or before `arrive`)."""
        for trip in self.trips:
            if day not in trip["days"]:
                continue
            stops = [(st["node"], minutes(st["time"])) for st in trip["stops"]]
            for i, (na, ta) in enumerate(stops):
                if na == a and ta >= leave and any(nb == b and tb <= arrive for nb, tb in stops[i + 1:]):
                    return True
        return False

    def day_ok(self, day, home, lessons):
        """Rule 6 for one day: lessons are (start, end, node), in time order."""
        key = (day, home, lessons)
        if key not in self._days:
            ok, node, free_from = True, home, float("-inf")
            for start, end, at in lessons:
                if at != node and not self.ride(day, node, at, free_from, start - self.buffer):
                    ok = False
                    break
                node, free_from = at, end + self.buffer
            if ok and node != home:
                ok = self.ride(day, node, home, free_from, float("inf"))
            self._days[key] = ok
        return self._days[key]

    def teachers_ok(self, sections, i=0, load=None):
        """Some qualified teacher for each section: load caps and road times between a
        teacher's consecutive lessons of a day at different nodes respected."""
        load = load or {}
        if i == len(sections):
            return True
        cid, slots, send = sections[i]
        for t in self.qualified(cid, send, slots):
            mine = load.get(t["id"], []) + [(self.slot[s], self.node[send]) for s in slots]
            if len(mine) > t["maxLessonsPerWeek"]:
                continue
            mine.sort()
            if any(a[0][0] == b[0][0] and a[0][2] + self.road[na][nb] > b[0][1]
                   for (a, na), (b, nb) in zip(mine, mine[1:]) if na != nb):
                continue
            if self.teachers_ok(sections, i + 1, {**load, t["id"]: mine}):
                return True
        return False

    def fit(self, student, requests=None):
        """A choice meeting every request of the student, as [(request, course, pattern,
        sending site, node sat at)], or None when none exists."""
        requests = student["requests"] if requests is None else requests
        items = [(r["course"], [r["course"]]) for r in requests]
        items += [(g["id"], [c for c in g["courses"] if c not in {r["course"] for r in requests}])
                  for g in student.get("oneOf", [])]
        kinds = {}
        for label, group in items:  # enough patterns of each kind (the quick refusal)
            if len(group) == 1:
                kind = self.courses[group[0]]["patternKind"]
                kinds[kind] = kinds.get(kind, 0) + 1
                if kinds[kind] > len(self.patterns.get(kind, [])):
                    return None
        home = student["home"]
        # Phase 1 chooses a course and a pattern per request, no two sharing a slot; phase 2
        # where the student sits and who sends, checking each day as soon as every request
        # touching it is placed, and the teachers last. Nearest places to home first.
        near = lambda opt: (self.road[home][opt[3]], opt[2])
        pattern_choices = []
        for label, group in items:
            found = []
            for cid in group:
                by_pattern = {}
                for opt in sorted(self.options(cid), key=near):
                    by_pattern.setdefault(opt[0], []).append(opt)
                found += [(cid, opts[0][1], opts) for opts in by_pattern.values()]
            pattern_choices.append((label, found))
        pattern_choices.sort(key=lambda item: len(item[1]))
        picked = []

        def places(i, complete, sat):
            if i == len(picked):
                return self.teachers_ok([(cid, o[1], o[2]) for (_, cid, _, _), o in zip(picked, sat)])
            for opt in picked[i][3]:
                sat.append(opt)
                ok = True
                for day in complete[i]:
                    lessons = tuple(sorted((self.slot[s][1], self.slot[s][2], o[3])
                                           for o in sat for s in o[1] if self.slot[s][0] == day))
                    if not self.day_ok(day, home, lessons):
                        ok = False
                        break
                if ok and places(i + 1, complete, sat):
                    return True
                sat.pop()
            return False

        def patterns(i, used, courses):
            if i == len(pattern_choices):
                last = {}
                for k, (_, _, slots, _) in enumerate(picked):
                    for s in slots:
                        last[self.slot[s][0]] = k
                complete = [[d for d, k in last.items() if k == j] for j in range(len(picked))]
                sat = []
                if places(0, complete, sat):
                    self._witness = [(label, cid, o[0], o[2], o[3])
                                     for (label, cid, _, _), o in zip(picked, sat)]
                    return True
                return False
            label, found = pattern_choices[i]
            for cid, slots, opts in found:
                if cid in courses or slots & used:
                    continue
                picked.append((label, cid, slots, opts))
                if patterns(i + 1, used | slots, courses | {cid}):
                    return True
                picked.pop()
            return False

        if patterns(0, frozenset(), frozenset()):
            return self._witness
        return None


# ---------------------------------------------------------------- the counsellor
def counsel(week, student, field_units):
    """The study plan a guidance counsellor would sign: the mandatory request first, then
    the student's wishes by weight (heaviest first, ties in the order drawn), each kept
    only if everything kept so far still fits the student's week alone. A dropped unit is
    swapped for an unrequested unit of the student's own field of another pattern kind
    when one fits (same weight); otherwise it waits for another period. Returns the plan
    and the (dropped, swapped-in) course pairs."""
    requests = student["requests"]
    order = sorted(range(len(requests)),
                   key=lambda i: (not requests[i].get("mandatory"), -requests[i]["weight"], i))
    kept = {}
    for i in order:
        trial = [requests[j] for j in sorted(kept)] + [requests[i]]
        if week.fit(student, trial) is not None:
            kept[i] = requests[i]
    changes = []
    asked = {r["course"] for r in requests}
    for i in range(len(requests)):
        if i in kept:
            continue
        dropped = requests[i]
        swap = None
        for unit in field_units:
            if unit in asked or (week.courses[unit]["patternKind"]
                                 == week.courses[dropped["course"]]["patternKind"]):
                continue
            new = {"course": unit, "weight": dropped["weight"]}
            if week.fit(student, [kept[j] for j in sorted(kept)] + [new]) is not None:
                swap = new
                break
        if swap:
            kept[i] = swap
            asked.add(swap["course"])
        changes.append((dropped["course"], swap["course"] if swap else None))
    plan = dict(student)
    plan["requests"] = [kept[i] for i in sorted(kept)]
    return plan, changes


# Catering had one afternoon unit while technical had four and care two, so a catering
# student's week could hold only three units (one afternoon, two mornings). The fitting
# baseline adds a second catering workshop unit in the same kitchen, taught by the same
# teacher (6 + 4 + 6 = 16 lessons, within the 18-lesson load): README.md, "Courses".
FIT_UNITS = [("RAV-BAKE", "Baking and pastry (catering)", "blockPm", [LY], 1, False, ["kitchen"], 12)]
FIT_TEACHING = {"t-ly-catering": ["RAV-BAKE"]}
FIT_SWAPS = {"catering": ["RAV-BAKE"]}  # offered to a catering student with a free afternoon


def fit_offer(inst):
    """The baseline's offer with FIT_UNITS added (the over-subscribed file keeps the old)."""
    inst = copy.deepcopy(inst)
    for cid, name, kind, sites, max_sections, remote, features, max_size in FIT_UNITS:
        lessons = AM_LESSONS if kind == "blockAm" else PM_LESSONS
        inst["courses"].append({"id": cid, "name": name, "programme": "vocational", "patternKind": kind,
                                "features": features, "minSize": VOC_MIN, "maxSize": max_size,
                                "maxSections": max_sections, "sites": sites, "remoteAllowed": remote,
                                "preferInPerson": False, "sectionCost": lessons * LESSON_COST})
    for t in inst["teachers"]:
        t["canTeach"] += FIT_TEACHING.get(t["id"], [])
    return inst


def counselled_students(drawn):
    """The drawn study plans, made to fit (see `counsel`), and what changed per student."""
    week = Week(fit_offer(build_baseline(drawn)))
    kinds = {prefix: kind for prefix, _, _, _, _, kind in GROUPS}
    students, changes = [], {}
    for st in drawn:
        kind = kinds[st["id"].rstrip("0123456789")]
        units = VOC_PLAN[kind][1] + FIT_SWAPS.get(kind, []) if kind in VOC_PLAN else []
        plan, changed = counsel(week, st, units)
        students.append(plan)
        if changed:
            changes[st["id"]] = changed
    return students, changes


def check_fit(inst):
    """Every student's plan fits the week alone (`Week.fit`), and the double-degree
    students' plans fit one timetable together (`double_degree_timetable`)."""
    week = Week(inst)
    for st in inst["students"]:
        if week.fit(st) is None:
            raise SystemExit(f"{inst['name']}: the study plan of {st['id']} cannot fit a week")
    if double_degree_timetable(inst) is None:
        raise SystemExit(f"{inst['name']}: no timetable serves every double-degree student")


def unfit_students(inst):
    week = Week(inst)
    return [st["id"] for st in inst["students"] if week.fit(st) is None]


def double_degree_timetable(inst):
    """A pattern for each course the double-degree students ask for (one per course and
    town where the course may open two sections, else one for both towns) such that no
    double-degree student has two courses in overlapping patterns: the witness that some
    timetable can hold all their plans at once. Returns {(course, town): pattern} or None."""
    week = Week(inst)
    slots_of = {pid: slots for pats in week.patterns.values() for pid, slots in pats}
    students = [st for st in inst["students"] if st["programme"] == "doubleDegree"]

    def key(cid, st):
        town = "Y" if st["id"][0] == "y" else "P"
        return (cid, town if week.courses[cid]["maxSections"] >= 2 else "both")

    wanted = {}
    for st in students:
        for r in st["requests"]:
            wanted.setdefault(key(r["course"], st), []).append(st["id"])
    keys = sorted(wanted, key=lambda k: -len(wanted[k]))
    chosen = {}

    def clash_free():
        for st in students:
            mine = [chosen[key(r["course"], st)] for r in st["requests"] if key(r["course"], st) in chosen]
            taken = set()
            for pid in mine:
                if slots_of[pid] & taken:
                    return False
                taken |= slots_of[pid]
        return True

    def search(i):
        if i == len(keys):
            return True
        cid = keys[i][0]
        for pid, _ in week.patterns[week.courses[cid]["patternKind"]]:
            chosen[keys[i]] = pid
            if clash_free() and search(i + 1):
                return True
            del chosen[keys[i]]
        return False

    return dict(chosen) if search(0) else None


def sizes(inst):
    return {
        "sites": len(inst["sites"]), "rooms": len(inst["rooms"]),
        "teachers": len(inst["teachers"]), "courses": len(inst["courses"]),
        "students": len(inst["students"]),
        "requests": sum(len(s["requests"]) + len(s.get("oneOf", [])) for s in inst["students"]),
        "trips": len(inst["trips"]), "slots": len(inst["timeGrid"]["slots"]),
        "patterns": len(inst["timeGrid"]["patterns"]),
    }


def write(inst, filename):
    path = os.path.join(HERE, filename)
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(inst, indent=1, ensure_ascii=False) + "\n")
    print(filename, " ".join(f"{k}={v}" for k, v in sizes(inst).items()))


def main():
    drawn = make_students(random.Random(SEED))
    # The study plans as first drawn, many of them over-full: kept byte-identical as a
    # stress case (README.md, "The over-subscribed baseline").
    oversubscribed = build_baseline(drawn)
    sanity_check(oversubscribed)
    write(oversubscribed, "tornio-valley-oversubscribed.json")
    print("  plans that cannot fit a week:", len(unfit_students(oversubscribed)))
    students, changes = counselled_students(drawn)
    base = fit_offer(build_baseline(students, FIT_DESCRIPTION))
    dropped = sum(1 for ch in changes.values() for _, new in ch if new is None)
    swapped = sum(1 for ch in changes.values() for _, new in ch if new is not None)
    print(f"  counsellor: {len(changes)} students' plans changed, {dropped} requests dropped, "
          f"{swapped} swapped")
    for inst in (base, no_video(base), no_optional_buses(base), pello_by_video(base)):
        sanity_check(inst)
        if inst is base:
            check_fit(inst)
        write(inst, inst["name"] + ".json")
        if inst is not base:
            print("  plans that cannot fit a week:", len(unfit_students(inst)))


if __name__ == "__main__":
    main()
