"""`decide`'s order guard as a pure function (docs/command-line.md, "decide", Detailed Reunification Workflow's sequence):
each decision kind refused
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
    """Detailed Reunification Workflow: "Decision 2 ... Record Risk Classification 1"."""
    assert "no risk classification" in missing(tmp_path, "2")[0]
    assert missing(tmp_path, "2", case={"classifications": [rc("RC1", D(2026, 5, 1), "medium")]}) == []
    later = {"classifications": [rc("RC1", D(2026, 6, 2), "medium")]}
    assert len(missing(tmp_path, "2", case=later)) == 1


def test_decision_3_needs_an_agreement_contingency_stages_and_rc2_after_medium_or_high(tmp_path: Path) -> None:
    """Reunification Practice Framework stage 3 (agreements, contingency plans) comes before stage 4's reclassification and
    decision; Detailed Reunification Workflow: RC2
    "if previously medium or high"."""
    medium = {"classifications": [rc("RC1", D(2026, 1, 1), "medium")]}
    got = missing(tmp_path, "3", case=medium)
    assert len(got) == 3 and "agreement" in got[0] and "contingency" in got[1] and "RC2" in got[2]
    both = {"classifications": [*medium["classifications"], rc("RC2", D(2026, 5, 1), "low")]}
    assert missing(tmp_path, "3", case=both, agreements=smart_agreement(), contingency=STAGES) == []
    low = {"classifications": [rc("RC1", D(2026, 1, 1), "low")]}
    assert missing(tmp_path, "3", case=low, agreements=smart_agreement(), contingency=STAGES) == []


def test_cpag_needs_the_panel_meeting_on_or_before_its_date(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Present with required documents at CPAG" then "forward to Corporate Director for
    agreement"."""
    assert len(missing(tmp_path, "cpag")) == 1
    assert missing(tmp_path, "cpag", case={"meetings": [{"kind": "cpag", "date": D(2026, 5, 20)}]}) == []
    assert len(missing(tmp_path, "cpag", case={"meetings": [{"kind": "cpag", "date": D(2026, 6, 5)}]})) == 1


def test_closure_while_pursued_waits_for_the_low_to_close_date(tmp_path: Path) -> None:
    """Detailed Reunification Workflow: "Social work involvement continues until parents have sustained low risk for at
    least six months"."""
    assert "no low-to-close date" in missing(tmp_path, "closure")[0]
    home = {"return_home": {"date": D(2026, 1, 5)},
            "classifications": [rc("RC1", D(2025, 6, 1), "medium"), rc("RC2", D(2025, 12, 1), "low")]}
    early = missing(tmp_path, "closure", D(2026, 7, 1), case=home, factors=FULL_LOW)
    assert "2026-07-05" in early[0]
    assert missing(tmp_path, "closure", D(2026, 7, 5), case=home, factors=FULL_LOW) == []


def test_closure_when_not_pursued_is_in_order(tmp_path: Path) -> None:
    stopped = {"decisions": [{"decision": "2", "date": D(2026, 2, 1), "by": "Al", "outcome": "do-not-proceed"}]}
    assert missing(tmp_path, "closure", case=stopped) == []


# ------------------------------------------------------------------ Decision 3 to proceed at high or severe
READY = {"agreements": smart_agreement(), "contingency": STAGES}


def test_decision_3_proceed_refused_while_the_latest_classification_is_high_or_severe(tmp_path: Path) -> None:
    """docs/command-line.md, "decide" (new in this revision): Decision 3 `proceed` while the latest classification on or
    before its date is high (Reunification Practice Framework: "Further interventions and evidence of parental ability to
    engage and change
    required before child returned home") or severe (permanence) is refused; at medium, or not proceeding, it is
    in order."""
    for level in ("high", "severe"):
        case = {"classifications": [rc("RC1", D(2026, 1, 1), "high"), rc("RC2", D(2026, 5, 1), level)]}
        got = missing_before(Facts(load(write_case(tmp_path / level, genogram=GENOGRAM, case=case, **READY)), DAY),
                             "3", DAY, "proceed")
        assert len(got) == 1 and f"RC2 (2026-05-01) is {level}" in got[0]
        assert ("required before child returned home" in got[0]) is (level == "high")
        assert ("permanent separation" in got[0]) is (level == "severe")
    medium = {"classifications": [rc("RC1", D(2026, 1, 1), "high"), rc("RC2", D(2026, 5, 1), "medium")]}
    case = load(write_case(tmp_path / "medium", genogram=GENOGRAM, case=medium, **READY))
    assert missing_before(Facts(case, DAY), "3", DAY, "proceed") == []
    high = {"classifications": [rc("RC1", D(2026, 1, 1), "high"), rc("RC2", D(2026, 5, 1), "high")]}
    case = load(write_case(tmp_path / "stop", genogram=GENOGRAM, case=high, **READY))
    assert missing_before(Facts(case, DAY), "3", DAY, "permanence") == []
    # a classification dated after the decision is not yet the latest on its date
    later = {"classifications": [rc("RC1", D(2026, 1, 1), "high"), rc("RC2", D(2026, 5, 1), "medium"),
                                 rc("RC3", D(2026, 6, 2), "high")]}
    case = load(write_case(tmp_path / "later", genogram=GENOGRAM, case=later, **READY))
    assert missing_before(Facts(case, DAY), "3", DAY, "proceed") == []


def test_return_at_high_is_an_order_alert_ranked_with_the_order_checks(tmp_path: Path) -> None:
    """A return home while the latest classification on or before it was high (or severe) is the alert
    `return-at-high`, ranked with the order checks (alerts.URGENCY); a return at medium is not."""
    from reunify.framework.alerts import ORDER_CHECKS, URGENCY
    from reunify.framework.order import alerts

    assert "return-at-high" in ORDER_CHECKS and URGENCY.index("return-at-high") < URGENCY.index("reclassify-higher")
    for level, fires in (("high", True), ("severe", True), ("medium", False)):
        case = {"classifications": [rc("RC1", D(2026, 1, 1), level)], "return_home": {"date": D(2026, 3, 1)}}
        got = alerts(Facts(load(write_case(tmp_path / level, genogram=GENOGRAM, case=case)), DAY))
        assert ("return-at-high" in [a.id for a in got]) is fires
    reclassified_after = {"classifications": [rc("RC1", D(2026, 1, 1), "medium"), rc("RC2", D(2026, 4, 1), "high")],
                          "return_home": {"date": D(2026, 3, 1)}}
    got = alerts(Facts(load(write_case(tmp_path / "after", genogram=GENOGRAM, case=reclassified_after)), DAY))
    assert "return-at-high" not in [a.id for a in got]


def test_return_at_high_alert_in_status_and_supervise(tmp_path: Path) -> None:
    """`status` and `supervise` show a return home at high as the alert `return-at-high` (at medium: not)."""
    import json

    from tests.conftest import run_cli

    for level in ("high", "medium"):
        case = {"reference": f"RU-{level}", "classifications": [rc("RC1", D(2026, 1, 1), level)],
                "return_home": {"date": D(2026, 3, 1)}}
        write_case(tmp_path / "load" / level, genogram=GENOGRAM, case=case)
    rows = json.loads(run_cli("status", str(tmp_path / "load"), "--as-of", "2026-06-01", "--format", "json").stdout)
    assert {r["case"]: "return-at-high" in r["alerts"] for r in rows} == {"RU-high": True, "RU-medium": False}
    assert rows[0]["case"] == "RU-high"
    for level, fires in (("high", True), ("medium", False)):
        agenda = json.loads(run_cli("supervise", str(tmp_path / "load" / level), "--as-of", "2026-06-01",
                                    "--format", "json").stdout)
        assert ("return-at-high" in [a["id"] for a in agenda["alerts"]]) is fires


def test_decide_refuses_decision_3_proceed_at_high_unless_despite(tmp_path: Path) -> None:
    """`decide` calls the order guard: refused (exit 1, nothing written) at high; `--despite` records it."""
    import subprocess

    from tests.conftest import run_cli

    root = tmp_path / "repo"
    case = {"reference": "RU-T", "classifications": [rc("RC1", D(2026, 1, 1), "high"), rc("RC2", D(2026, 5, 1), "high")]}
    folder = write_case(root / "amy", genogram=GENOGRAM, case=case, factors=FULL_LOW, **READY)
    for args in (["init", "-q"], ["add", "."], ["-c", "user.name=T", "-c", "user.email=t@t", "commit", "-qm", "open"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    before = (folder / "case.yaml").read_text()
    decision = ("decide", str(folder), "--decision", "3", "--by", "Alex", "--role", "service-manager", "--outcome",
                "proceed", "--rationale", "progress", "--ratified-by", "Chris", "--date", "2026-06-01")
    refused = run_cli(*decision)
    assert refused.returncode == 1 and "RC2 (2026-05-01) is high" in refused.stderr and "--despite" in refused.stderr
    assert (folder / "case.yaml").read_text() == before
    recorded = run_cli(*decision, "--despite", "court directed a trial return")
    assert recorded.returncode == 0, recorded.stderr
    assert "despite: court directed a trial return" in (folder / "case.yaml").read_text()
