"""`decide`'s order guard as a pure function (cli.md "Order guard", 003's sequence): each decision kind refused
when a step is missing, and let through once it is there."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from reunify.framework.facts import Facts
from reunify.framework.order import missing_before
from tests.builders import FULL_LOW, GENOGRAM, rc, smart_agreement
from tests.conftest import load, write_case

D = dt.date
DAY = D(2026, 6, 1)
_names = itertools.count()
STAGES = {"stages": [{"stage": 1, "actions": [{"who": "SW", "what": "visit", "when": "24h"}]}]}


def missing(tmp_path: Path, decision: str, day: D = DAY, **files) -> list[str]:
    files.setdefault("genogram", GENOGRAM)
    case = load(write_case(tmp_path / f"c{next(_names)}", **files))
    return missing_before(Facts(case, day), decision, day)


def test_decision_1_is_never_out_of_order(tmp_path: Path) -> None:
    assert missing(tmp_path, "1") == []


def test_decision_2_needs_a_classification_on_or_before_its_date(tmp_path: Path) -> None:
    """003: "Decision 2 ... Record Risk Classification 1"."""
    assert "no risk classification" in missing(tmp_path, "2")[0]
    assert missing(tmp_path, "2", case={"classifications": [rc("RC1", D(2026, 5, 1), "medium")]}) == []
    later = {"classifications": [rc("RC1", D(2026, 6, 2), "medium")]}
    assert len(missing(tmp_path, "2", case=later)) == 1


def test_decision_3_needs_an_agreement_contingency_stages_and_rc2_after_medium_or_high(tmp_path: Path) -> None:
    """002 stage 3 (agreements, contingency plans) comes before stage 4's reclassification and decision; 003: RC2
    "if previously medium or high"."""
    medium = {"classifications": [rc("RC1", D(2026, 1, 1), "medium")]}
    got = missing(tmp_path, "3", case=medium)
    assert len(got) == 3 and "agreement" in got[0] and "contingency" in got[1] and "RC2" in got[2]
    both = {"classifications": [*medium["classifications"], rc("RC2", D(2026, 5, 1), "low")]}
    assert missing(tmp_path, "3", case=both, agreements=smart_agreement(), contingency=STAGES) == []
    low = {"classifications": [rc("RC1", D(2026, 1, 1), "low")]}
    assert missing(tmp_path, "3", case=low, agreements=smart_agreement(), contingency=STAGES) == []


def test_cpag_needs_the_panel_meeting_on_or_before_its_date(tmp_path: Path) -> None:
    """003: "Present with required documents at CPAG" then "forward to Corporate Director for agreement"."""
    assert len(missing(tmp_path, "cpag")) == 1
    assert missing(tmp_path, "cpag", case={"meetings": [{"kind": "cpag", "date": D(2026, 5, 20)}]}) == []
    assert len(missing(tmp_path, "cpag", case={"meetings": [{"kind": "cpag", "date": D(2026, 6, 5)}]})) == 1


def test_closure_while_pursued_waits_for_the_low_to_close_date(tmp_path: Path) -> None:
    """003: "Social work involvement continues until parents have sustained low risk for at least six months"."""
    assert "no low-to-close date" in missing(tmp_path, "closure")[0]
    home = {"return_home": {"date": D(2026, 1, 5)},
            "classifications": [rc("RC1", D(2025, 6, 1), "medium"), rc("RC2", D(2025, 12, 1), "low")]}
    early = missing(tmp_path, "closure", D(2026, 7, 1), case=home, factors=FULL_LOW)
    assert "2026-07-05" in early[0]
    assert missing(tmp_path, "closure", D(2026, 7, 5), case=home, factors=FULL_LOW) == []


def test_closure_when_not_pursued_is_in_order(tmp_path: Path) -> None:
    stopped = {"decisions": [{"decision": "2", "date": D(2026, 2, 1), "by": "Al", "outcome": "do-not-proceed"}]}
    assert missing(tmp_path, "closure", case=stopped) == []
