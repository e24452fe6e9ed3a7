#!/usr/bin/env python3
"""Prints the size table of instances/README.md: one row per instance file under instances/."""
import glob
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
COLS = ["sites", "rooms", "teachers", "courses", "students", "requests", "trips", "slots", "patterns"]


def sizes(inst):
    return [len(inst["sites"]), len(inst["rooms"]), len(inst["teachers"]), len(inst["courses"]),
            len(inst["students"]),
            sum(len(s.get("requests", [])) + len(s.get("oneOf", [])) for s in inst["students"]),
            len(inst.get("trips", [])), len(inst["timeGrid"]["slots"]),
            len(inst["timeGrid"].get("patterns", []))]


print("| file | " + " | ".join(COLS) + " |")
print("|---" * (len(COLS) + 1) + "|")
for path in sorted(glob.glob(os.path.join(HERE, "**", "*.json"), recursive=True)):
    # Solutions, scenario patches for `kopa sweep` and generator profiles (not instances)
    # are skipped, and so are the generated files (their sizes: generated/README.md).
    if (path.endswith(".solution.json") or os.sep + "scenarios" + os.sep in path
            or os.sep + "generated" + os.sep in path):
        continue
    with open(path, encoding="utf-8") as f:
        inst = json.load(f)
    print(f"| `{os.path.relpath(path, HERE)}` | " + " | ".join(map(str, sizes(inst))) + " |")
