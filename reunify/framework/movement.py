"""Movement rules over time: when the traffic light says a case should or may move (002, 003).

Each rule has a stable id (the JSON carries it), names its seed, quotes the
seed's sentence, and carries a date: when it is ahead the advice says when;
when it has passed, it says so (overdue). "Six months" is the seed's minimum,
never a maximum: permissive rules say "may", never "must".
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from reunify.case.load import Case
from reunify.framework.classification import (
    Recorded,
    apparent_protective,
    current_risks,
    effective_status,
    recorded,
    recorded_history,
    run_before,
    sustained,
)
from reunify.framework.dates import add_months, ahead_or_passed

SEED_TABLE = "002 (Risk Classification Table, movement rows)"
# Rules that permit a move once six months have held ("may"); the others ask for action.
PERMISSIVE = frozenset({"high-to-medium", "medium-to-low", "low-to-close", "severe-to-high"})


class Rule(NamedTuple):
    id: str
    level: str | None  # where the rule points; for new-risk it depends on the case
    source: str
    quote: str  # the seed's words
    when: str  # when it applies, in plain words (for `reunify rules`)


RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("high-to-severe", "severe", SEED_TABLE,
         "If parents remain 'high risk' for six months without addressing risk factors the case should move to "
         "severe risk with plan for permanent separation.",
         "recorded high and a risk factor not addressed; date: start of the high run + 6 months"),
    Rule("high-to-medium", "medium", SEED_TABLE,
         "If parents develop a capacity for actual change and begin to address risk factors, and protective factors "
         "remain apparent this should be sustained for at least six months before the case can move to 'medium "
         "risk' where it should remain for a further six months before moving to 'low risk'.",
         "recorded high, no risk not addressed, protective factors apparent, capacity sustained; date: latest of "
         "capacity since and risk factor since + 6 months"),
    Rule("medium-to-low", "low", SEED_TABLE,
         "If parents address all risk factors and maintain the change for at least six months the case can move to "
         "'low risk', where it should remain for a further six months before closing.",
         "recorded medium, every risk factor addressed; date: latest risk factor since + 6 months (and, after "
         "high, start of the medium run + 6 months)"),
    Rule("low-to-close", None, SEED_TABLE,
         "If parents can maintain 'low risks' for a period of at least six months the case can close.",
         "recorded low; date: start of the low run + 6 months"),
    Rule("severe-to-high", "high", SEED_TABLE,
         "If protective factors become apparent and/or parents begin to address risk factors, within timescale "
         "appropriate to child's needs, this should be sustained for at least six months before moving to "
         "'high risk'.",
         "recorded severe and a protective factor apparent or a risk being addressed; date: earliest such since "
         "+ 6 months"),
    Rule("high-protective-lost", "severe", SEED_TABLE,
         "If protective factors are no longer apparent the case should move to severe risk with plan for "
         "permanent separation.",
         "recorded high and no protective factor apparent; date: when the last one stopped (or the assessment)"),
    Rule("new-risk", None, SEED_TABLE,
         "If new risk factors emerge/ previous risk factor re-emerge ... the case will move to 'medium risk' "
         "(capacity for change and protective factors apparent), 'high risk' (protective factors only) or "
         "'severe risk' and child will return to care (neither).",
         "a risk factor re-emerged, or identified after the latest classification; date: its since/identified"),
    Rule("rc3-due", None, "003 (RC3 six months after return home)",
         "Reclassify risk six months after the child returns home (RC3).",
         "return home recorded and no classification on or after return + 6 months; date: return + 6 months"),
)}


class Advice(NamedTuple):
    rule: str
    level: str | None
    date: dt.date | None
    overdue: bool
    message: str
    source: str


def _advice(rule_id: str, date: dt.date | None, as_of: dt.date, lead: str, *, level: str | None = None) -> Advice:
    rule = RULES[rule_id]
    permissive = rule_id in PERMISSIVE
    target = level if rule_id == "new-risk" else rule.level
    if date is None:
        timing = "no date can be computed from the record"
        overdue = False
    elif permissive:
        timing = (f"six months sustained {ahead_or_passed(date, as_of)}: "
                  + ("it may move now if the change has held" if date <= as_of else "not before then"))
        overdue = date < as_of
    else:
        timing = f"due {ahead_or_passed(date, as_of)}" + (": overdue" if date < as_of else "")
        overdue = date < as_of
    return Advice(rule_id, target, date, overdue, f"{lead} {timing}. Seed: \"{rule.quote}\"", rule.source)


def _latest(dates: list[dt.date | None]) -> dt.date | None:
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def advice(case: Case, as_of: dt.date) -> list[Advice]:
    """Every movement rule that applies to the case on as-of, in the table's order."""
    out: list[Advice] = []
    current = recorded(case, as_of)
    factors = case.factors
    if current is not None and factors is not None:
        out.extend(_level_rules(case, as_of, current))
        out.extend(_new_risk(case, as_of, current))
    out.extend(_rc3(case, as_of))
    return out


def _level_rules(case: Case, as_of: dt.date, current: Recorded) -> list[Advice]:
    factors = case.factors
    assert factors is not None
    risks = current_risks(factors, as_of)
    statuses = [effective_status(f, as_of) for f in risks]
    protective = apparent_protective(factors, as_of)
    able = sustained(factors, as_of)
    out: list[Advice] = []
    if current.level == "high":
        if "not-addressed" in statuses:
            out.append(_advice("high-to-severe", add_months(current.since, 6), as_of,
                               f"High since {current.since} with risk factors not addressed:"))
        elif protective and able:
            start = _latest([factors.capacity_to_change.since if factors.capacity_to_change else None]
                            + [f.since for f in risks])
            out.append(_advice("high-to-medium", add_months(start, 6) if start else None, as_of,
                               "Capacity for change sustained, no risk left unaddressed, protective factors apparent:"))
        if not protective:
            lost = _latest([f.since for f in factors.protective_factors or []]) or factors.assessed
            out.append(_advice("high-protective-lost", lost, as_of,
                               "High risk and no protective factor apparent: move to severe,"))
    elif current.level == "medium" and risks and all(s == "addressed" for s in statuses):
        dates = [add_months(max(f.since for f in risks), 6)]
        if run_before(case, as_of, current.since) in ("high", "severe"):
            dates.append(add_months(current.since, 6))  # "remain for a further six months" after high
        out.append(_advice("medium-to-low", max(dates), as_of, "Every risk factor addressed:"))
    elif current.level == "low":
        out.append(_advice("low-to-close", add_months(current.since, 6), as_of, f"Low since {current.since}:"))
    elif current.level == "severe":
        starts = [f.since for f in protective if f.since] + [
            f.since for f, s in zip(risks, statuses, strict=True) if s in ("being-addressed", "addressed")]
        if protective or any(s in ("being-addressed", "addressed") for s in statuses):
            start = min(starts) if starts else None
            out.append(_advice("severe-to-high", add_months(start, 6) if start else None, as_of,
                               "Protective factors apparent or risks being addressed:"))
    return out


def _new_risk(case: Case, as_of: dt.date, current: Recorded) -> list[Advice]:
    """A re-emerged factor not yet reclassified, or a factor identified after the latest classification."""
    factors = case.factors
    assert factors is not None
    protective = bool(apparent_protective(factors, as_of))
    destination = "medium" if protective and sustained(factors, as_of) else "high" if protective else "severe"
    out = []
    for f in current_risks(factors, as_of):
        if f.status == "re-emerged" and f.since <= as_of and current.date < f.since:
            date, what = f.since, f"'{f.name}' re-emerged on {f.since}"
        elif f.identified is not None and current.date < f.identified <= as_of:
            date, what = f.identified, f"'{f.name}' was identified on {f.identified}, after {current.label}"
        else:
            continue
        out.append(_advice("new-risk", date, as_of, f"{what}: reclassify now (the seed points to {destination});",
                           level=destination))
    return out


def _rc3(case: Case, as_of: dt.date) -> list[Advice]:
    home = case.case.return_home if case.case else None
    if home is None or home.date > as_of:
        return []
    due = add_months(home.date, 6)
    if any(c.date >= due for c in recorded_history(case, as_of)):
        return []
    return [_advice("rc3-due", due, as_of, f"Child returned home on {home.date}: RC3")]
