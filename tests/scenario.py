"""Hand-written scenarios read through the CLI's JSON, as a held-out check would read them.

Each scenario is a small case folder written with `write_case`; its expected result is derived from the
contract (docs/practice-rules.md, docs/command-line.md), never from the code. Dates are fixed with `--as-of`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from tests.conftest import write_case
from tests.runner import invoke

D = dt.date

# A child, two parents and a carer: enough people for every task that names one.
GENOGRAM = {
    "people": [
        {"id": "amy", "name": "Amy Test", "born": D(2015, 5, 1)},
        {"id": "mum", "name": "Mum Test", "born": D(1990, 1, 1), "household": True, "police_check": D(2025, 1, 5)},
        {"id": "dad", "name": "Dad Test", "born": D(1988, 1, 1)},
        {"id": "carer", "name": "Carer Test"},
    ],
    "unions": [{"partners": ["mum", "dad"], "children": ["amy"]}],
}

# Every criterion low (Reunification Practice Framework's low column), each dated long before any as-of these scenarios use.
LOW = {
    "assessed": D(2025, 3, 1),
    "risk_factors": [{"id": "dv", "name": "Domestic abuse", "status": "addressed", "since": D(2024, 12, 1)}],
    "protective_factors": [{"id": "gran", "name": "Grandmother", "apparent": True, "since": D(2024, 6, 1)}],
    "capacity_to_change": {"evidence": "some", "sustained": True, "since": D(2024, 12, 1)},
    "wishes": {"parents": "wants-return", "child": "wants-return", "child_views": "I want to go home"},
    "recurrence": "unlikely",
}


LONG_AGO = D(2024, 12, 1)  # before every as-of these scenarios use
APPARENT_SINCE = D(2024, 6, 1)


def risk(status: str, since: D = LONG_AGO, id_: str = "dv", **extra: Any) -> dict:
    return {"id": id_, "name": id_.replace("-", " ").title(), "status": status, "since": since, **extra}


def protective(apparent: bool, since: D | None = APPARENT_SINCE, id_: str = "gran") -> dict:
    found = {"id": id_, "name": id_.title(), "apparent": apparent}
    return {**found, "since": since} if since else found


def rc(label: str, date: D, level: str, **extra: Any) -> dict:
    return {"label": label, "date": date, "level": level, **extra}


def profile(**changes: Any) -> dict:
    """LOW with some keys replaced; a value of None drops the key."""
    return {k: v for k, v in {**LOW, **changes}.items() if v is not None}


OMIT: dict = {"omit": True}  # pass as a file's value to leave that file out of the folder


def make(tmp_path: Path, name: str, *, case: dict | None = None, factors: dict = LOW, genogram: dict = GENOGRAM,
         **files: dict) -> Path:
    """A case folder; genogram and factors default to GENOGRAM and LOW (OMIT leaves a file out)."""
    given = {"case": case or {}, "genogram": genogram, "factors": factors, **files}
    return write_case(tmp_path / name, **{k: v for k, v in given.items() if v is not OMIT})


def cli(*args: str) -> Any:
    """Run the CLI (in this process) with --format json; the command must succeed and print one JSON document."""
    done = invoke(*args, "--format", "json")
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return json.loads(done.stdout)


def classify(folder: Path, as_of: D) -> dict:
    return cli("classify", str(folder), "--as-of", as_of.isoformat())


def checklist(folder: Path, as_of: D) -> dict:
    return cli("checklist", str(folder), "--as-of", as_of.isoformat())


def advice(result: dict, rule: str) -> dict | None:
    """The one advice entry of `rule` (None when it does not fire)."""
    found = [a for a in result["advice"] if a["rule"] == rule]
    assert len(found) <= 1, found
    return found[0] if found else None


def rules(result: dict) -> set[str]:
    return {a["rule"] for a in result["advice"]}


def task(result: dict, task_id: str) -> dict:
    return next(t for t in result["tasks"] if t["id"] == task_id)
