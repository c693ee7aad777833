"""Scenarios for docs/practice-rules.md, "The checklist, stage by stage" (the workflow checklist, Reunification Practice
Framework/Detailed Reunification Workflow/Revisiting
Risk in an Informed Way) through `checklist --format json`.

Each row is a small case, a date, a task id and what docs/practice-rules.md, "The checklist, stage by stage" (with
docs/practice-rules.md) says its
status, due date and warnings are: both sides of each condition, and the boundaries (the exact due date, the
day after, evidence dated after as-of).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import pytest

from tests.builders import ids
from tests.scenario import GENOGRAM, D, checklist, make, profile, rc, task

AS_OF = D(2025, 10, 1)
TM = {"by": "Jo Rivers", "role": "team-manager"}
SM = {"by": "Alex Moore", "role": "service-manager"}


def decision(kind: str, date: D, **extra: Any) -> dict:
    return {"decision": kind, "date": date, **SM, **extra}


def meeting(kind: str, date: D, *attendees: str) -> dict:
    return {"kind": kind, "date": date, **({"attendees": list(attendees)} if attendees else {})}


def people(*extra: dict) -> dict:
    return {**GENOGRAM, "people": [*GENOGRAM["people"], *extra]}


class Row(NamedTuple):
    task: str
    files: dict  # keyword arguments of `make`
    status: str
    due: D | None = None
    warns: bool = False
    as_of: D = AS_OF


HIGH = [rc("RC1", D(2025, 3, 1), "high")]
AGREEMENT = {"id": "pa-1", "made": D(2025, 4, 1), "objectives": ["Amy home"], "review_every_weeks": 6,
             "consequences": "Proceedings", "signed": D(2025, 4, 1),
             "goals": [{"id": "g1", "goal": "Course", "measure": "Letter", "agreed": True, "realistic": True,
                        "due": D(2025, 7, 1), "owner": "mum"}]}
STAGES = [{"stage": 1, "factors": ["dv"], "actions": [{"who": "SW", "what": "Visit", "when": "24 hours"}]}]
CONTINGENCY = {"shared_with": ["mum", "dad"], "shared_on": D(2025, 4, 10), "stages": STAGES, "permanence": "Kinship"}
CHRONOLOGY = {"date": D(2025, 2, 1), "event": "Police called", "source": "police", "significance": "high",
              "analysis": "Third incident in six months"}
SHARED = meeting("classification-shared", D(2025, 3, 10), "mum", "dad", "carer", "amy")
WITH_CARER = {"placement": {"type": "foster", "since": D(2024, 9, 1), "carer": "carer"}}
HOME_SEP = {"return_home": {"date": D(2025, 9, 1)}, "placement": {"type": "placed-with-parents"}}
RETURNED_AUG = {"return_home": {"date": D(2025, 8, 31)}, "placement": {"type": "home"}}


def goals(*reviews: dict, **changes: Any) -> dict:
    goal = {**AGREEMENT["goals"][0], "reviews": list(reviews), **changes}
    return {"agreements": {"agreements": [{**AGREEMENT, "goals": [goal]}]}}


def low_home(**case: Any) -> dict:
    """Recorded low since 15 Jan, home since 31 March: low-to-close date 30 September 2025."""
    return {"case": {"classifications": [rc("RC1", D(2025, 1, 15), "low")], "return_home": {"date": D(2025, 3, 31)},
                     "placement": {"type": "home"}, **case}}


ROWS: dict[str, Row] = {
    # s1.decision-1: decision "1" only; another role is a warning
    "decision-1-tm": Row("s1.decision-1", {"case": {"decisions": [decision("1", D(2025, 1, 10), **TM)]}}, "done"),
    "decision-1-sm-warns": Row("s1.decision-1", {"case": {"decisions": [decision("1", D(2025, 1, 10))]}}, "done",
                               warns=True),
    "decision-1-emergency-pwp-is-not-it": Row("s1.decision-1", {"case": {"decisions": [
        decision("emergency-placed-with-parents", D(2025, 1, 10), role="head-of-service")]}}, "missing"),
    "decision-1-after-as-of": Row("s1.decision-1", {"case": {"decisions": [decision("1", D(2025, 10, 2), **TM)]}},
                                  "missing"),
    # tasks done by one record (meetings, names, plans): both sides
    "assessment-planning-held": Row("s1.assessment-planning", {"case": {"meetings": [
        meeting("assessment-planning", D(2025, 1, 20))]}}, "done"),
    "assessment-planning-later": Row("s1.assessment-planning", {"case": {"meetings": [
        meeting("assessment-planning", D(2025, 10, 2))]}}, "missing"),
    "child-seen-alone-held": Row("s1.child-seen-alone", {"case": {"meetings": [
        meeting("child-seen-alone", D(2025, 1, 25))]}}, "done"),
    "child-seen-alone-none": Row("s1.child-seen-alone", {}, "missing"),
    "trusted-adult-named": Row("s1.trusted-adult", {"case": {"trusted_adult": "Aunt Jo"}}, "done"),
    "trusted-adult-none": Row("s1.trusted-adult", {}, "missing"),
    "rc1-recorded": Row("s2.rc1", {"case": {"classifications": HIGH}}, "done"),
    "rc1-later": Row("s2.rc1", {"case": {"classifications": [rc("RC1", D(2025, 10, 2), "high")]}}, "missing"),
    "planning-held": Row("s3.reunification-planning", {"case": {"meetings": [
        meeting("reunification-planning", D(2025, 5, 31))]}}, "done"),
    "planning-none": Row("s3.reunification-planning", {}, "missing"),
    "support-listed": Row("s3.support", {"plan": {"support": [{"service": "Family support"}]}}, "done"),
    "support-empty": Row("s3.support", {"plan": {"support": []}}, "missing"),
    "reunification-plan-complete": Row("s4.reunification-plan", {"plan": {
        "contact": [{"from": D(2025, 6, 1), "pattern": "Weekends"}], "transition": "School first"}}, "done"),
    "reunification-plan-no-transition": Row("s4.reunification-plan", {"plan": {
        "contact": [{"from": D(2025, 6, 1), "pattern": "Weekends"}]}}, "missing"),
    "assessment-complete": Row("s1.assessment", {"case": {"assessment": {
        "completed": D(2025, 3, 1), "signed_off_by": "Jo Rivers"}}}, "done"),
    "assessment-not-signed-off": Row("s1.assessment", {"case": {"assessment": {"completed": D(2025, 3, 1)}}},
                                     "missing"),
    "assessment-no-wishes": Row("s1.assessment", {"case": {"assessment": {
        "completed": D(2025, 3, 1), "signed_off_by": "Jo Rivers"}}, "factors": profile(wishes=None)}, "missing"),
    # s1.chronology: an entry, every high-significance one analysed; an entry dated after as-of is not history yet
    "chronology-done": Row("s1.chronology", {"chronology": {"entries": [CHRONOLOGY]}}, "done"),
    "chronology-unanalysed": Row("s1.chronology", {"chronology": {"entries": [
        CHRONOLOGY, {**CHRONOLOGY, "analysis": None, "date": D(2025, 9, 30)}]}}, "missing"),
    "chronology-only-later": Row("s1.chronology", {"chronology": {"entries": [{**CHRONOLOGY, "date": D(2025, 10, 2)}]}},
                                 "missing"),
    # s1.genogram: the child and at least one parent (a parent who has died is still in the genogram)
    "genogram-done": Row("s1.genogram", {}, "done"),
    "genogram-no-union": Row("s1.genogram", {"genogram": {"people": GENOGRAM["people"]}}, "missing"),
    "genogram-late-parent": Row("s1.genogram", {"genogram": {
        "people": [GENOGRAM["people"][0], {"id": "dad", "name": "Dad Test", "died": D(2024, 1, 1)}],
        "unions": [{"partners": ["dad"], "children": ["amy"]}]}}, "done"),
    # s1.police-checks
    "police-all-checked": Row("s1.police-checks", {}, "done"),
    "police-extended-family-unchecked": Row("s1.police-checks", {"genogram": people(
        {"id": "uncle", "name": "Uncle", "born": D(1980, 1, 1), "extended_family": True})}, "missing"),
    "police-extended-family-checked": Row("s1.police-checks", {"genogram": people(
        {"id": "uncle", "name": "Uncle", "born": D(1980, 1, 1), "extended_family": True,
         "police_check": D(2025, 2, 1)})}, "done"),
    "police-age-unknown": Row("s1.police-checks", {"genogram": people(
        {"id": "lodger", "name": "Lodger", "household": True})}, "missing"),
    "police-15-year-old": Row("s1.police-checks", {"genogram": people(
        {"id": "bro", "name": "Bro", "born": D(2009, 10, 2), "household": True})}, "done"),
    "police-16th-birthday": Row("s1.police-checks", {"genogram": people(
        {"id": "bro", "name": "Bro", "born": D(2009, 10, 1), "household": True})}, "missing"),
    "police-the-dead": Row("s1.police-checks", {"genogram": people(
        {"id": "gramps", "name": "Gramps", "born": D(1950, 1, 1), "household": True, "died": D(2025, 1, 1)})},
        "done"),
    "police-check-after-as-of": Row("s1.police-checks", {"genogram": people(
        {"id": "uncle", "name": "Uncle", "born": D(1980, 1, 1), "household": True, "police_check": D(2025, 10, 2)})},
        "missing"),
    # s1.practical-checks
    "practical-all": Row("s1.practical-checks", {"case": {"assessment": {"checks": {
        "housing": D(2025, 2, 1), "finances": D(2025, 2, 1), "school": D(2025, 2, 1)}}}}, "done"),
    "practical-school-later": Row("s1.practical-checks", {"case": {"assessment": {"checks": {
        "housing": D(2025, 2, 1), "finances": D(2025, 2, 1), "school": D(2025, 10, 2)}}}}, "missing"),
    # s1.mid-point-supervision: outside the RHA's dates is a warning
    "mid-point-inside": Row("s1.mid-point-supervision", {"case": {
        "assessment": {"started": D(2025, 1, 1), "completed": D(2025, 3, 1)},
        "meetings": [meeting("mid-point-supervision", D(2025, 2, 1))]}}, "done"),
    "mid-point-outside": Row("s1.mid-point-supervision", {"case": {
        "assessment": {"started": D(2025, 1, 1), "completed": D(2025, 3, 1)},
        "meetings": [meeting("mid-point-supervision", D(2025, 3, 2))]}}, "done", warns=True),
    # s2.risk-classification-meeting: on or before Decision 2
    "rc-meeting-before-d2": Row("s2.risk-classification-meeting", {"case": {
        "meetings": [meeting("risk-classification", D(2025, 3, 1))], "decisions": [decision("2", D(2025, 3, 1))]}},
        "done"),
    "rc-meeting-after-d2": Row("s2.risk-classification-meeting", {"case": {
        "meetings": [meeting("risk-classification", D(2025, 3, 2))], "decisions": [decision("2", D(2025, 3, 1))]}},
        "missing"),
    # s2.decision-2 by a service manager
    "decision-2-sm": Row("s2.decision-2", {"case": {"decisions": [decision("2", D(2025, 3, 1))]}}, "done"),
    "decision-2-tm": Row("s2.decision-2", {"case": {"decisions": [decision("2", D(2025, 3, 1), **TM)]}}, "missing"),
    # s2.classification-shared: pooled attendees on/after RC1; a living parent absent warns
    "shared-all": Row("s2.classification-shared", {"case": {"classifications": HIGH, "meetings": [SHARED],
                                                            **WITH_CARER}}, "done"),
    "shared-pooled-dad-absent": Row("s2.classification-shared", {"case": {"classifications": HIGH, **WITH_CARER,
        "meetings": [meeting("classification-shared", D(2025, 3, 10), "Mum Test", "amy"),
                     meeting("classification-shared", D(2025, 3, 20), "carer")]}}, "done", warns=True),
    "shared-before-rc1": Row("s2.classification-shared", {"case": {"classifications": HIGH, **WITH_CARER,
        "meetings": [meeting("classification-shared", D(2025, 2, 28), "mum", "dad", "carer", "amy")]}}, "missing"),
    "shared-without-carer": Row("s2.classification-shared", {"case": {"classifications": HIGH, **WITH_CARER,
        "meetings": [meeting("classification-shared", D(2025, 3, 10), "mum", "dad", "amy")]}}, "missing"),
    "shared-without-child": Row("s2.classification-shared", {"case": {"classifications": HIGH,
        "meetings": [meeting("classification-shared", D(2025, 3, 10), "mum", "dad")]}}, "missing"),
    "shared-child-too-young": Row("s2.classification-shared", {"case": {"classifications": HIGH,
        "meetings": [meeting("classification-shared", D(2025, 3, 10), "mum", "dad")]},
        "factors": profile(wishes={"parents": "wants-return", "child": "too-young"})}, "done"),
    # s2.permanence: high or severe, or not proceeding
    "permanence-high-missing": Row("s2.permanence", {"case": {"classifications": HIGH}}, "missing"),
    "permanence-high-done": Row("s2.permanence", {"case": {"classifications": HIGH},
                                                  "contingency": {"permanence": "Kinship care with aunt"}}, "done"),
    "permanence-medium": Row("s2.permanence", {"case": {"classifications": [rc("RC1", D(2025, 3, 1), "medium")]}},
                             "not-applicable"),
    "permanence-not-proceeding": Row("s2.permanence", {"case": {
        "classifications": [rc("RC1", D(2025, 3, 1), "medium")],
        "decisions": [decision("2", D(2025, 3, 5), outcome="do-not-proceed")]}}, "missing"),
    # s2.consider-proceedings: severe and section 20 (or 76): a decision on/after that classification
    "proceedings-needed": Row("s2.consider-proceedings", {"case": {
        "legal_status": "section-20", "classifications": [rc("RC1", D(2025, 3, 1), "severe")]}}, "missing"),
    "proceedings-decided": Row("s2.consider-proceedings", {"case": {
        "legal_status": "section-76", "classifications": [rc("RC1", D(2025, 3, 1), "severe")],
        "decisions": [decision("proceedings", D(2025, 3, 1))]}}, "done"),
    "proceedings-before-the-latest-severe": Row("s2.consider-proceedings", {"case": {
        "legal_status": "section-20",
        "classifications": [rc("RC1", D(2025, 3, 1), "severe"), rc("RC2", D(2025, 9, 1), "severe")],
        "decisions": [decision("proceedings", D(2025, 3, 5))]}}, "missing"),
    "proceedings-care-order": Row("s2.consider-proceedings", {"case": {
        "classifications": [rc("RC1", D(2025, 3, 1), "severe")]}}, "not-applicable"),
    "proceedings-high": Row("s2.consider-proceedings", {"case": {
        "legal_status": "section-20", "classifications": HIGH}}, "not-applicable"),
    # s3.agreement
    "agreement-smart": Row("s3.agreement", {"agreements": {"agreements": [AGREEMENT]}}, "done"),
    "agreement-no-measure": Row("s3.agreement", goals(measure=None), "missing"),
    "agreement-no-owner-warns": Row("s3.agreement", goals(owner=None), "done", warns=True),
    "agreement-signed-later": Row("s3.agreement", {"agreements": {"agreements": [
        {**AGREEMENT, "signed": D(2025, 10, 2)}]}}, "missing"),
    # s3.goal-reviews: made 1 April, every 6 weeks: 13 May
    "goal-review-due-on-the-day": Row("s3.goal-reviews", goals(), "due", D(2025, 5, 13), as_of=D(2025, 5, 13)),
    "goal-review-overdue": Row("s3.goal-reviews", goals(), "overdue", D(2025, 5, 13), as_of=D(2025, 5, 14)),
    "goal-review-from-last-review": Row("s3.goal-reviews", goals({"date": D(2025, 5, 10), "progress": "on-track"}),
                                        "due", D(2025, 6, 21), as_of=D(2025, 5, 14)),
    "goal-past-due-not-reviewed-after": Row("s3.goal-reviews", goals({"date": D(2025, 6, 30), "progress": "on-track"}),
                                            "overdue", D(2025, 7, 1), as_of=D(2025, 7, 2)),
    "goal-achieved": Row("s3.goal-reviews", goals({"date": D(2025, 7, 1), "progress": "achieved"}), "done"),
    # s3.outcomes-tool: on/after the first classification
    "outcomes-tool-after-rc1": Row("s3.outcomes-tool", {"case": {"classifications": HIGH,
        "measures": [{"tool": "outcomes-tool", "date": D(2025, 3, 1)}]}}, "done"),
    "outcomes-tool-before-rc1": Row("s3.outcomes-tool", {"case": {"classifications": HIGH,
        "measures": [{"tool": "outcomes-tool", "date": D(2025, 2, 28)}]}}, "missing"),
    # s3.contingency: a parent in not_shared with a reason is settled
    "contingency-complete": Row("s3.contingency", {"contingency": CONTINGENCY}, "done"),
    "contingency-dad-not-told": Row("s3.contingency", {"contingency": {**CONTINGENCY, "shared_with": ["mum"]}},
                                    "missing"),
    "contingency-dad-not-shared-with-reason": Row("s3.contingency", {"contingency": {
        **CONTINGENCY, "shared_with": ["mum"], "not_shared": [{"person": "dad", "reason": "Non-molestation order"}]}},
        "done"),
    "contingency-not-shared-without-reason": Row("s3.contingency", {"contingency": {
        **CONTINGENCY, "shared_with": ["mum"], "not_shared": [{"person": "dad"}]}}, "missing"),
    "contingency-action-without-when": Row("s3.contingency", {"contingency": {
        **CONTINGENCY, "stages": [{"stage": 1, "actions": [{"who": "SW", "what": "Visit"}]}]}}, "missing"),
    # s3.child-views: views and seen alone on/after RC1; not applicable when too young
    "child-views-done": Row("s3.child-views", {"case": {"classifications": HIGH,
        "meetings": [meeting("child-seen-alone", D(2025, 3, 1))]}}, "done"),
    "child-views-seen-before-rc1": Row("s3.child-views", {"case": {"classifications": HIGH,
        "meetings": [meeting("child-seen-alone", D(2025, 2, 1))]}}, "missing"),
    "child-views-too-young": Row("s3.child-views", {"factors": profile(
        wishes={"parents": "wants-return", "child": "too-young"})}, "not-applicable"),
    # s4.rc2 / s4.agreement-updated
    "rc2-after-medium": Row("s4.rc2", {"case": {"classifications": [rc("RC1", D(2025, 3, 1), "medium")]}}, "missing"),
    "rc2-done": Row("s4.rc2", {"case": {"classifications": [*HIGH, rc("RC2", D(2025, 9, 1), "medium")]}}, "done"),
    "rc2-after-low": Row("s4.rc2", {"case": {"classifications": [rc("RC1", D(2025, 3, 1), "low")]}}, "not-applicable"),
    "agreement-updated-before-rc2": Row("s4.agreement-updated", {"case": {"classifications": HIGH}}, "not-applicable"),
    "agreement-updated-review-after-rc2": Row("s4.agreement-updated", {
        "case": {"classifications": [*HIGH, rc("RC2", D(2025, 6, 1), "medium")]},
        **goals({"date": D(2025, 6, 1), "progress": "on-track"})}, "done"),
    "agreement-updated-nothing-after-rc2": Row("s4.agreement-updated", {
        "case": {"classifications": [*HIGH, rc("RC2", D(2025, 6, 1), "medium")]},
        **goals({"date": D(2025, 5, 31), "progress": "on-track"})}, "missing"),
    # s4.decision-3: ratified; six months at medium or low since the last high
    "decision-3-unratified": Row("s4.decision-3", {"case": {"decisions": [
        decision("3", D(2025, 9, 1), outcome="proceed")]}}, "missing"),
    "decision-3-ratified-later": Row("s4.decision-3", {"case": {"decisions": [
        decision("3", D(2025, 9, 1), outcome="proceed", ratified_by="Chris Lane", ratified_on=D(2025, 10, 2))]}},
        "missing"),
    "decision-3-before-six-months": Row("s4.decision-3", {"case": {
        "classifications": [*HIGH, rc("RC2", D(2025, 3, 31), "medium")],
        "decisions": [decision("3", D(2025, 9, 29), outcome="proceed", ratified_by="Chris Lane")]}}, "done",
        warns=True),
    "decision-3-at-six-months": Row("s4.decision-3", {"case": {
        "classifications": [*HIGH, rc("RC2", D(2025, 3, 31), "medium")],
        "decisions": [decision("3", D(2025, 9, 30), outcome="proceed", ratified_by="Chris Lane")]}}, "done"),
    "decision-3-counts-from-first-medium-after-last-high": Row("s4.decision-3", {"case": {
        "classifications": [rc("RC1", D(2025, 1, 1), "medium"), rc("RC2", D(2025, 3, 1), "high"),
                            rc("RC3", D(2025, 4, 1), "low"), rc("RC4", D(2025, 6, 1), "medium")],
        "decisions": [decision("3", D(2025, 9, 30), outcome="proceed", ratified_by="Chris Lane")]}}, "done",
        warns=True),
    "decision-3-never-high": Row("s4.decision-3", {"case": {
        "classifications": [rc("RC1", D(2025, 8, 1), "medium"), rc("RC2", D(2025, 9, 1), "low")],
        "decisions": [decision("3", D(2025, 9, 2), outcome="proceed", ratified_by="Chris Lane")]}}, "done"),
    # s4.decision-shared: as classification-shared, on/after Decision 3
    "decision-shared-before-d3": Row("s4.decision-shared", {}, "not-applicable"),
    "decision-shared-after-d3": Row("s4.decision-shared", {"case": {"classifications": HIGH,
        "decisions": [decision("3", D(2025, 9, 1), outcome="proceed", ratified_by="Chris Lane")],
        "meetings": [meeting("classification-shared", D(2025, 9, 1), "mum", "dad", "amy")]}}, "done"),
    "decision-shared-only-before-d3": Row("s4.decision-shared", {"case": {"classifications": HIGH,
        "decisions": [decision("3", D(2025, 9, 1), outcome="proceed", ratified_by="Chris Lane")],
        "meetings": [SHARED]}}, "missing"),
    # s4.emergency-pwp: needed when placed with parents before the corporate director's cpag decision
    "emergency-pwp-foster": Row("s4.emergency-pwp", {"case": WITH_CARER}, "not-applicable"),
    "emergency-pwp-needed": Row("s4.emergency-pwp", {"case": {
        "placement": {"type": "placed-with-parents", "since": D(2025, 8, 1)}}}, "missing"),
    "emergency-pwp-approved": Row("s4.emergency-pwp", {"case": {
        "placement": {"type": "placed-with-parents", "since": D(2025, 8, 1)}, "assessment": {"completed": D(2025, 3, 1)},
        "decisions": [decision("3", D(2025, 7, 1), outcome="proceed", ratified_by="Chris Lane"),
                      decision("emergency-placed-with-parents", D(2025, 7, 20), role="head-of-service")]}}, "done"),
    "emergency-pwp-by-sm": Row("s4.emergency-pwp", {"case": {
        "placement": {"type": "placed-with-parents", "since": D(2025, 8, 1)}, "assessment": {"completed": D(2025, 3, 1)},
        "decisions": [decision("3", D(2025, 7, 1), outcome="proceed", ratified_by="Chris Lane"),
                      decision("emergency-placed-with-parents", D(2025, 7, 20))]}}, "missing"),
    "emergency-pwp-before-d3": Row("s4.emergency-pwp", {"case": {
        "placement": {"type": "placed-with-parents", "since": D(2025, 8, 1)}, "assessment": {"completed": D(2025, 3, 1)},
        "decisions": [decision("emergency-placed-with-parents", D(2025, 6, 20), role="head-of-service"),
                      decision("3", D(2025, 7, 1), outcome="proceed", ratified_by="Chris Lane")]}}, "missing"),
    "emergency-pwp-after-cpag-agreement": Row("s4.emergency-pwp", {"case": {
        "placement": {"type": "placed-with-parents", "since": D(2025, 8, 1)},
        "decisions": [decision("cpag", D(2025, 8, 1), by="Dana Cole", role="corporate-director")]}}, "not-applicable"),
    # s4.planning-review: no later than three months after the planning meeting (31 May -> 31 August)
    "planning-review-due-on-the-day": Row("s4.planning-review", {"case": {
        "meetings": [meeting("reunification-planning", D(2025, 5, 31))]}}, "due", D(2025, 8, 31), as_of=D(2025, 8, 31)),
    "planning-review-overdue": Row("s4.planning-review", {"case": {
        "meetings": [meeting("reunification-planning", D(2025, 5, 31))]}}, "overdue", D(2025, 8, 31),
        as_of=D(2025, 9, 1)),
    "planning-review-held": Row("s4.planning-review", {"case": {
        "meetings": [meeting("reunification-planning", D(2025, 5, 31)),
                     meeting("reunification-planning-review", D(2025, 8, 31))]}}, "done"),
    # s4.cin-plan
    "cin-plan-section-20": Row("s4.cin-plan", {"case": {"legal_status": "section-20"}}, "missing"),
    "cin-plan-recorded": Row("s4.cin-plan", {"case": {"legal_status": "section-20"},
                                             "plan": {"cin_plan": D(2025, 5, 1)}}, "done"),
    "cin-plan-care-order": Row("s4.cin-plan", {}, "not-applicable"),
    "cin-plan-child-in-need-after-return": Row("s4.cin-plan", {"case": {"legal_status": "child-in-need",
                                                                        **HOME_SEP}}, "missing"),
    # s4.cpag: the panel and the corporate director's agreement on/after it
    "cpag-panel-only": Row("s4.cpag", {"case": {"meetings": [meeting("cpag", D(2025, 8, 1))]}}, "missing",
                           warns=True),
    "cpag-agreed": Row("s4.cpag", {"case": {"meetings": [meeting("cpag", D(2025, 8, 1))],
        "decisions": [decision("cpag", D(2025, 8, 5), role="corporate-director")]}}, "done", warns=True),
    "cpag-agreed-by-the-panel": Row("s4.cpag", {"case": {"meetings": [meeting("cpag", D(2025, 8, 1))],
        "decisions": [decision("cpag", D(2025, 8, 5), role="panel")]}}, "missing", warns=True),
    "cpag-director-before-panel": Row("s4.cpag", {"case": {"meetings": [meeting("cpag", D(2025, 8, 1))],
        "decisions": [decision("cpag", D(2025, 7, 31), role="corporate-director")]}}, "missing", warns=True),
    # s5.return-home, s5.placement-status
    "return-home-done": Row("s5.return-home", {"case": HOME_SEP}, "done"),
    "return-home-planned": Row("s5.return-home", {"case": {"return_home": {"date": D(2025, 10, 20)}}}, "due",
                               D(2025, 10, 20)),
    "placement-status-foster-after-return": Row("s5.placement-status", {"case": {
        "return_home": {"date": D(2025, 9, 1)}, **WITH_CARER}}, "missing"),
    "placement-status-still-s20": Row("s5.placement-status", {"case": {"legal_status": "section-20", **HOME_SEP}},
                                      "done", warns=True),
    # s5.visits: first within a week, then by legal status (care order: 6 weeks; interim: weekly, then 4 weeks)
    "visits-first-due": Row("s5.visits", {"case": HOME_SEP}, "due", D(2025, 9, 8), as_of=D(2025, 9, 8)),
    "visits-first-overdue": Row("s5.visits", {"case": HOME_SEP}, "overdue", D(2025, 9, 8), as_of=D(2025, 9, 9)),
    "visits-care-order-six-weeks": Row("s5.visits", {"case": {**HOME_SEP, "visits": [
        {"date": D(2025, 9, 5), "seen_alone": True, "announced": False}]}}, "due", D(2025, 10, 17)),
    "visits-interim-weekly": Row("s5.visits", {"case": {**HOME_SEP, "legal_status": "interim-care-order", "visits": [
        {"date": D(2025, 9, 5), "seen_alone": True}]}}, "overdue", D(2025, 9, 12)),
    "visits-interim-after-first-review": Row("s5.visits", {"case": {
        **HOME_SEP, "legal_status": "interim-care-order", "meetings": [meeting("cic-review", D(2025, 9, 20))],
        "visits": [{"date": D(2025, 9, 5), "seen_alone": True}, {"date": D(2025, 9, 12), "seen_alone": True},
                   {"date": D(2025, 9, 19), "seen_alone": True}, {"date": D(2025, 9, 26), "seen_alone": True}]}},
        "due", D(2025, 10, 24), warns=True),
    # docs/practice-rules.md, "The checklist, stage by stage": a visit where the child was not seen alone does not count
    # toward the interval
    "visits-not-seen-alone-does-not-count": Row("s5.visits", {"case": {**HOME_SEP, "visits": [
        {"date": D(2025, 9, 5), "seen_alone": False, "announced": False}]}}, "overdue", D(2025, 9, 8), warns=True),
    # s5.cic-reviews: six months from the latest review before return, else from return
    "cic-from-review-before-return": Row("s5.cic-reviews", {"case": {
        **HOME_SEP, "meetings": [meeting("cic-review", D(2025, 6, 15))]}}, "due", D(2025, 12, 15)),
    "cic-from-return": Row("s5.cic-reviews", {"case": HOME_SEP}, "due", D(2026, 3, 1)),
    "cic-overdue": Row("s5.cic-reviews", {"case": {
        **HOME_SEP, "meetings": [meeting("pathway-plan-review", D(2025, 3, 31))]}}, "overdue", D(2025, 9, 30)),
    # s5.team-around-child: three months after each review
    "tac-due-after-review": Row("s5.team-around-child", {"case": {
        **HOME_SEP, "meetings": [meeting("cic-review", D(2025, 9, 15))]}}, "due", D(2025, 12, 15)),
    "tac-held": Row("s5.team-around-child", {"case": {
        **HOME_SEP, "meetings": [meeting("cic-review", D(2025, 9, 15)), meeting("team-around-child", D(2025, 9, 30))]}},
        "done"),
    # s5.rc3: return (31 Aug) + 6 months = 28 Feb
    "rc3-due-on-the-day": Row("s5.rc3", {"case": RETURNED_AUG}, "due", D(2026, 2, 28), as_of=D(2026, 2, 28)),
    "rc3-overdue": Row("s5.rc3", {"case": RETURNED_AUG}, "overdue", D(2026, 2, 28), as_of=D(2026, 3, 1)),
    "rc3-medium-warns-without-tac": Row("s5.rc3", {"case": {**RETURNED_AUG, "classifications": [
        rc("RC1", D(2025, 3, 1), "low"), rc("RC3", D(2026, 2, 28), "medium")]}}, "done", warns=True,
        as_of=D(2026, 3, 1)),
    "rc3-medium-with-tac": Row("s5.rc3", {"case": {**RETURNED_AUG, "classifications": [
        rc("RC1", D(2025, 3, 1), "low"), rc("RC3", D(2026, 2, 28), "medium")],
        "meetings": [meeting("team-around-child", D(2026, 3, 1))]}}, "done", as_of=D(2026, 3, 1)),
    # s5.outcomes-sdq: both on/after return + 6 months
    "outcomes-sdq-one-missing": Row("s5.outcomes-sdq", {"case": {**RETURNED_AUG, "measures": [
        {"tool": "sdq", "date": D(2026, 3, 1)}, {"tool": "outcomes-tool", "date": D(2026, 2, 27)}]}},
        "overdue", D(2026, 2, 28), as_of=D(2026, 3, 2)),
    "outcomes-sdq-done": Row("s5.outcomes-sdq", {"case": {**RETURNED_AUG, "measures": [
        {"tool": "sdq", "date": D(2026, 3, 1)}, {"tool": "outcomes-tool", "date": D(2026, 2, 28)}]}},
        "done", as_of=D(2026, 3, 2)),
    # s5.reclassify: not applicable until RC3, then every reclassify_every_months (6)
    "reclassify-before-rc3": Row("s5.reclassify", {"case": RETURNED_AUG}, "not-applicable", as_of=D(2026, 3, 1)),
    "reclassify-after-rc3": Row("s5.reclassify", {"case": {**RETURNED_AUG, "classifications": [
        rc("RC3", D(2026, 3, 31), "low")]}}, "overdue", D(2026, 9, 30), as_of=D(2026, 10, 1)),
    # s5.support-12-months
    "support-open-ended": Row("s5.support-12-months", {"case": HOME_SEP, "plan": {"support": [
        {"service": "Family support", "start": D(2025, 6, 1)}]}}, "done"),
    "support-ends-early": Row("s5.support-12-months", {"case": HOME_SEP, "plan": {"support": [
        {"service": "Family support", "start": D(2025, 6, 1), "end": D(2026, 8, 31)}]}}, "missing", warns=True),
    "support-ends-at-twelve-months": Row("s5.support-12-months", {"case": HOME_SEP, "plan": {"support": [
        {"service": "Family support", "start": D(2025, 6, 1), "end": D(2026, 9, 1)}]}}, "done"),
    # s5.care-order-discharge: due from the low-to-close date (30 September 2025)
    "discharge-not-care-order": Row("s5.care-order-discharge", {**low_home(legal_status="section-20")},
                                    "not-applicable"),
    "discharge-before-return": Row("s5.care-order-discharge", {}, "not-applicable"),
    # docs/practice-rules.md, "Minimums are not deadlines": possible from the low-to-close date, never due or overdue from it
    "discharge-possible-from-on-the-day": Row("s5.care-order-discharge", low_home(), "missing", as_of=D(2025, 9, 30)),
    "discharge-possible-from-later": Row("s5.care-order-discharge", low_home(), "missing"),
    "discharge-no-date-yet": Row("s5.care-order-discharge", {"case": HOME_SEP}, "missing"),
    "discharge-decided": Row("s5.care-order-discharge", low_home(decisions=[
        decision("discharge-care-order", D(2025, 9, 20))]), "done"),
    # s5.closure: due from the low-to-close date; reunified before it is a warning
    "closure-possible-from-ahead": Row("s5.closure", low_home(), "missing", as_of=D(2025, 9, 29)),
    "closure-possible-from-passed": Row("s5.closure", low_home(), "missing"),
    "closure-open-no-date": Row("s5.closure", {"case": HOME_SEP}, "missing"),
    "closure-reunified-early": Row("s5.closure", low_home(outcome={
        "status": "reunified", "date": D(2025, 9, 1), "reason": "Home and settled"}), "done", warns=True),
    "closure-reunified-in-time": Row("s5.closure", {"case": {**low_home()["case"], "classifications": [
        rc("RC1", D(2025, 1, 15), "low"), rc("RC2", D(2025, 9, 30), "low")],
        "outcome": {"status": "reunified", "date": D(2025, 9, 30), "reason": "Home and settled"}}}, "done"),
    "closure-no-reason": Row("s5.closure", low_home(outcome={"status": "exited", "date": D(2025, 9, 1)}), "missing"),
}


@pytest.mark.parametrize("name", ROWS)
def test_task(tmp_path: Path, name: str) -> None:
    row = ROWS[name]
    got = task(checklist(make(tmp_path, name, **row.files), row.as_of), row.task)
    assert (got["status"], got["due"]) == (row.status, row.due.isoformat() if row.due else None), got["message"]
    assert bool(got["warnings"]) is row.warns, got["warnings"]


def test_checklist_json_keys_and_every_task(tmp_path: Path) -> None:
    """docs/command-line.md, "checklist": case, as_of, stage, tasks (id, stage, status, due, message, warnings), alerts."""
    got = checklist(make(tmp_path, "c"), AS_OF)
    assert {"case", "as_of", "stage", "tasks", "alerts"} <= set(got)
    assert [t["id"] for t in got["tasks"]] == ids("task")
    assert all({"id", "stage", "status", "due", "message", "warnings"} <= set(t) for t in got["tasks"])
    assert all(t["due"] is None for t in got["tasks"] if t["status"] not in ("due", "overdue"))
