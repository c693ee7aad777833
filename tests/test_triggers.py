"""Revisiting Risk in an Informed Way's trigger points (docs/practice-rules.md, "Trigger points to revisit risk"): each
`trigger-*` prompt fires after the latest
classification, and not before it or without one."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from reunify.case.settings import Settings
from reunify.framework.facts import Facts
from tests.builders import FULL_LOW
from tests.conftest import load, write_case

D = dt.date
RC1 = {"label": "RC1", "date": D(2026, 1, 10), "level": "medium"}
JUNE_2026 = D(2026, 6, 1)
_names = itertools.count()


def prompts(tmp_path: Path, as_of: D = JUNE_2026, settings: Settings | None = None, **files) -> dict[str, tuple]:
    files.setdefault("genogram", {"people": [{"id": "amy", "name": "Amy", "born": D(2015, 1, 1)}]})
    f = Facts(load(write_case(tmp_path / f"c{next(_names)}", **files)), as_of, settings)
    return {p.rule: (p.date, p.overdue, p.level) for p in f.triggers}


def test_trigger_cla_review(tmp_path: Path) -> None:
    """Revisiting Risk in an Informed Way: "Specific trigger points: CLA review"."""
    after = {"classifications": [RC1], "meetings": [{"kind": "cic-review", "date": D(2026, 3, 1)},
                                                    {"kind": "cic-review", "date": D(2026, 5, 1)}]}
    assert prompts(tmp_path, case=after)["trigger-cla-review"] == (D(2026, 3, 1), False, None)
    before = {"classifications": [RC1], "meetings": [{"kind": "cic-review", "date": D(2026, 1, 2)}]}
    assert "trigger-cla-review" not in prompts(tmp_path, case=before)
    assert "trigger-cla-review" not in prompts(tmp_path, case={"meetings": after["meetings"]})


def test_trigger_updated_assessment(tmp_path: Path) -> None:
    """Revisiting Risk in an Informed Way: "Updated assessment": factors assessed or the RHA completed after the latest
    classification."""
    case = {"classifications": [RC1]}
    assert prompts(tmp_path, case=case, factors={**FULL_LOW, "assessed": D(2026, 4, 1)})[
        "trigger-updated-assessment"][0] == D(2026, 4, 1)
    completed = {**case, "assessment": {"completed": D(2026, 2, 1)}}
    assert prompts(tmp_path, case=completed)["trigger-updated-assessment"][0] == D(2026, 2, 1)
    assert "trigger-updated-assessment" not in prompts(tmp_path, case=case, factors=FULL_LOW)  # assessed 2026-01-01
    future = {**case, "assessment": {"completed": D(2026, 7, 1)}}
    assert "trigger-updated-assessment" not in prompts(tmp_path, case=future)


@pytest.mark.parametrize("trigger", ["change-of-behaviour", "missing-episode"])
def test_trigger_change_of_behaviour_and_trigger_missing_episode(tmp_path: Path, trigger: str) -> None:
    """Revisiting Risk in an Informed Way: "Change of behaviour", "Missing episodes": chronology entries with that `trigger`."""
    entry = {"date": D(2026, 4, 2), "event": "x", "source": "police", "trigger": trigger}
    got = prompts(tmp_path, case={"classifications": [RC1]}, chronology={"entries": [entry]})
    assert got == {f"trigger-{trigger}": (D(2026, 4, 2), False, None)}
    earlier = {**entry, "date": D(2026, 1, 2)}
    assert prompts(tmp_path, case={"classifications": [RC1]}, chronology={"entries": [earlier]}) == {}
    untagged = {k: v for k, v in entry.items() if k != "trigger"} | {"significance": "high", "analysis": "y"}
    assert prompts(tmp_path, case={"classifications": [RC1]}, chronology={"entries": [untagged]}) == {}


def test_trigger_leaving_care_age(tmp_path: Path) -> None:
    """Revisiting Risk in an Informed Way: "Approaching leaving care age" (the age, 17y6m by default, is a setting: ours)."""
    genogram = {"people": [{"id": "amy", "name": "Amy", "born": D(2008, 12, 1)}]}  # 17y6m on 2026-06-01
    assert prompts(tmp_path, genogram=genogram)["trigger-leaving-care-age"][0] == D(2026, 6, 1)
    assert "trigger-leaving-care-age" not in prompts(tmp_path, as_of=D(2026, 5, 31), genogram=genogram)
    assert "trigger-leaving-care-age" not in prompts(tmp_path, as_of=D(2026, 12, 1), genogram=genogram)  # 18
    revisited = {"classifications": [{**RC1, "date": D(2026, 6, 1)}]}
    assert "trigger-leaving-care-age" not in prompts(tmp_path, as_of=D(2026, 6, 2), genogram=genogram, case=revisited)
    earlier = Settings(leaving_care_prompt=(17, 0))
    assert prompts(tmp_path, as_of=D(2026, 1, 1), genogram=genogram, settings=earlier)[
        "trigger-leaving-care-age"][0] == D(2025, 12, 1)
