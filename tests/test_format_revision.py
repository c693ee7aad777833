"""Fields added by the revision of the contract (docs/case-format.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reunify.case import settings
from reunify.pipeline import check_case
from tests.conftest import load, write_case

D = dt.date


def test_every_new_optional_field_loads(tmp_path: Path) -> None:
    """Each field docs/case-format.md added is accepted, typed, and needs nothing else."""
    folder = write_case(
        tmp_path / "c",
        case={"assessment": {"checks": {"housing": D(2026, 1, 2), "finances": D(2026, 1, 3), "school": D(2026, 1, 4)}},
              "meetings": [{"kind": "reunification-planning", "date": D(2026, 2, 1), "agencies": ["police"]},
                           {"kind": "supervision", "date": D(2026, 2, 2)},
                           {"kind": "pathway-plan-review", "date": D(2026, 2, 3)}],
              "decisions": [{"decision": "3", "date": D(2026, 3, 1), "by": "Alex", "ratified_by": "Chris",
                             "ratified_on": D(2026, 3, 5), "despite": "court timetable"},
                            {"decision": "proceedings", "date": D(2026, 3, 2), "by": "Alex"},
                            {"decision": "discharge-care-order", "date": D(2026, 3, 3), "by": "Alex"}],
              "visits": [{"date": D(2026, 4, 1), "out_of_home": True}],
              "measures": [{"tool": "outcomes-tool", "date": D(2026, 4, 2)}, {"tool": "sdq", "date": D(2026, 4, 3)}]},
        genogram={"people": [{"id": "amy", "name": "Amy"}, {"id": "dad", "name": "Dad", "extended_family": True}]},
        chronology={"entries": [{"date": D(2026, 1, 1), "event": "ran away", "source": "police",
                                 "trigger": "missing-episode"}]},
        contingency={"not_shared": [{"person": "dad", "reason": "poses the risk"}],
                     "criminal_investigation": {"open": True, "sustainability_plan": "plan",
                                                "sustainability_oversight_by": "Jo Rivers"}},
        plan={"cin_plan": D(2026, 5, 1)},
    )
    case = load(folder)
    assert case.case.decisions[0].ratified_on == D(2026, 3, 5) and case.case.decisions[0].despite
    assert case.case.measures[1].tool == "sdq" and case.case.visits[0].out_of_home is True
    assert case.contingency.not_shared[0].person == "dad" and case.plan.cin_plan == D(2026, 5, 1)
    assert case.chronology.entries[0].trigger == "missing-episode"
    assert case.genogram.people[1].extended_family is True
    _, diags = check_case(folder, D(2026, 6, 1))
    assert diags == []


def test_ratified_on_before_the_decision_is_an_impossible_order(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "c", case={"decisions": [
        {"decision": "3", "date": D(2026, 3, 1), "by": "Alex", "ratified_by": "Chris", "ratified_on": D(2026, 2, 1)}]})
    _, diags = check_case(folder, D(2026, 6, 1))
    assert [d.code for d in diags] == ["RU209"] and "ratified before the decision" in diags[0].message


def test_new_done_dates_after_as_of_are_plans(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "c", case={"measures": [{"tool": "sdq", "date": D(2026, 7, 1)}]},
                        plan={"cin_plan": D(2026, 8, 1)})
    _, diags = check_case(folder, D(2026, 6, 1))
    assert sorted(d.code for d in diags) == ["RU401", "RU401"]


def test_not_shared_names_a_person(tmp_path: Path) -> None:
    folder = write_case(tmp_path / "c", genogram={"people": [{"id": "amy", "name": "Amy"}]},
                        contingency={"not_shared": [{"person": "dda", "reason": "risk"}]})
    _, diags = check_case(folder, D(2026, 6, 1))
    assert [d.code for d in diags] == ["RU301"]


def test_month_settings_default_and_override(tmp_path: Path) -> None:
    assert (settings.Settings().reclassify_every_months, settings.Settings().plan_review_every_months) == (6, 3)
    toml = tmp_path / "reunify.toml"
    toml.write_text("reclassify_every_months = 4\nplan_review_every_months = 2\n")
    found, diags = settings.parse(toml)
    assert diags == [] and (found.reclassify_every_months, found.plan_review_every_months) == (4, 2)
    assert found.describe()["reclassify_every_months"] == 4


@pytest.mark.parametrize("value", ["0", "25", "true", '"6"'])
def test_month_settings_out_of_range_are_errors(tmp_path: Path, value: str) -> None:
    toml = tmp_path / "reunify.toml"
    toml.write_text(f"reclassify_every_months = {value}\n")
    _, diags = settings.parse(toml)
    assert [d.code for d in diags] == ["RU211"] and "reclassify_every_months" in diags[0].message
