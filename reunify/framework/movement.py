"""Movement rules over time: when the traffic light says a case should or may move (the NSPCC framework, the workflow).

Each rule has a stable id (the JSON carries it), names its documents, quotes their
sentences, and carries a date: when it is ahead the advice says when;
when it has passed, it says so (overdue). "Six months" is the framework's minimum,
never a maximum: permissive rules say "may", never "must".

The recorded level is the latest classification; it has held since the first
entry of its latest run (the *run start*). A downward move is advised only when
the suggestion is complete and below the recorded level, and its clock never
starts before the run start (the workflow: "look for sustained demonstrated improvement
and that risk has remained medium or low for six months").
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from reunify.framework.classification import (
    INCOMPLETE,
    RANK,
    Recorded,
    apparent_protective,
    current_risks,
    effective_status,
    sustained,
)
from reunify.framework.dates import add_months, ahead_or_passed
from reunify.framework.registry import PracticeRule, declare
from reunify.sources import Cite

if TYPE_CHECKING:
    from reunify.framework.facts import Facts

TABLE = Cite("nspcc-framework", "Risk Classification Table, movement rows")
HOME = Cite("la-workflow", "When child is living back at home - monitor and review")
# Rules that permit a move once six months have held ("may"); the others ask for action.
PERMISSIVE = frozenset({"high-to-medium", "medium-to-low", "low-to-close", "severe-to-high"})
# Prompts to think about, not deadlines: never overdue.
PROMPTS = frozenset({"stage4-outcome"})
FURTHER_SIX = ("this should be sustained for at least six* months before the case can move to \"medium risk\" "
               "where it should remain for a further six* months before moving to \"low risk\"")
CLOCK = "the clock never before the run start"


def _rule(id_: str, level: str | None, cited: tuple[tuple[Cite, str], ...], when: str, *,
          convention: bool = False, note: str | None = None, alert: str | None = None) -> PracticeRule:
    cites, quotes = zip(*cited, strict=True)
    return declare(PracticeRule(id_, "movement", cites, quotes, when, convention=convention, note=note, level=level,
                                alert=alert))


RULES: dict[str, PracticeRule] = {r.id: r for r in (
    _rule("high-to-severe", "severe", (
        (TABLE, "If parents remain 'high risk' for six months without addressing risk factors the case should move "
                "to severe risk with plan for permanent separation."),
        (Cite("la-workflow", "High Risk"), "If risk remains high for six months → Severe Risk")),
        "recorded high and a risk factor not addressed or re-emerged (a re-emerged factor is not being addressed; "
        "one being addressed, or capacity alone, does not fire it); date: run start + 6 months", alert="overdue"),
    _rule("high-to-medium", "medium", (
        (TABLE, "If parents develop a capacity for actual change and begin to address risk factors, and protective "
                f"factors remain apparent {FURTHER_SIX}."),),
        "recorded high, every risk factor being addressed or addressed, a protective factor apparent, capacity "
        "sustained, and the suggestion below high; date: latest of run start, capacity since, latest risk factor "
        "since, earliest apparent protective since, + 6 months",
        note=f"only when the suggestion is complete and below high; {CLOCK}"),
    _rule("medium-to-low", "low", (
        (TABLE, "If parents address all risk factors and maintain the change for at least six months the case can "
                "move to 'low risk', where it should remain for a further six months before closing."),),
        "recorded medium, every risk factor addressed, the suggestion low; date: later of run start and latest "
        "risk factor since, + 6 months",
        note=f"only when the suggestion is low; {CLOCK}"),
    _rule("low-to-close", None, (
        (TABLE, "If parents can maintain 'low risks' for a period of at least [six] months the case can close."),
        (HOME, "Social work involvement continues until parents have sustained low risk for at least six months.")),
        "recorded low, returned home, the suggestion low; date: later of run start + 6 months and return + 6 "
        "months; can close once a low classification dated on or after it exists (RC3 or later)",
        note="counts from return + 6 months as well as the low run, and needs a later low classification"),
    _rule("severe-to-high", "high", (
        (TABLE, "If protective factors become apparent and/or parents begin to address risk factors, within "
                "timescale appropriate to child's needs, this should be sustained for at least six months before "
                "moving to 'high risk'."),),
        "recorded severe, a protective factor apparent or a risk being addressed, the suggestion below severe; "
        "date: later of run start and the earliest such since, + 6 months",
        note=f"only when the suggestion is complete and below severe; {CLOCK}"),
    _rule("high-protective-lost", "severe", (
        (TABLE, "If protective factors are no longer apparent the case should move to severe risk with plan for "
                "permanent separation."),),
        "recorded high and no protective factor apparent; date: when the last one stopped (or the assessment)",
        alert="overdue"),
    # The rule is ours (convention=True); the words it quotes are the workflow's, attributed to it alone.
    _rule("reclassify-higher", None, ((HOME, "If risks have increased discuss with SM"),),
          "the suggestion is complete and more serious than the recorded level; date: later of factors assessed and "
          "the latest classification", convention=True, alert="always"),
    _rule("new-risk", None, (
        (Cite("nspcc-framework", "Risk Classification Table, movement rows, low and medium columns"),
         "If new risk factors emerge/ previous risk factor re-emerge ..."),),
        "recorded low or medium and a risk factor not addressed identified after the latest classification, or "
        "re-emerged since it; points to the table's destination, never the recorded level or lower",
        note="no destination named (sustained capacity without protective factors, or not assessed): review",
        alert="always"),
    _rule("stage4-outcome", None, (
        (Cite("nspcc-framework", "Stage 4: reclassification of risk, possible outcomes"),
         "Initial ... Reclassification ... Progress ... Next steps"),),
        "the latest classification follows another, before return home: the stage 4 row for the pair "
        "(medium then medium: 'allow more time', a tool convention)",
        note="medium then medium read as 'allow more time', with a warning when it has no rationale"),
    _rule("rc3-due", None, (
        (HOME, "TM and Social worker should formally reclassify the risks again at six months; Record Risk "
              "Classification 3 and date carried out"),),
        "return home recorded and no classification on or after return + 6 months; date: return + 6 months"),
)}

# new-risk destinations (the NSPCC framework's low and medium columns), each row in the framework's words.
NEW_RISK_ROWS = {
    ("low", "medium"): "If new risk factors emerge/ previous risk factor re-emerge and parents are able to show "
                       "demonstrable capacity for change and protective factors are apparent the case will move to "
                       "'medium risk' for further interventions and monitoring.",
    ("low", "high"): "If new risk factors emerge/ previous risk factors re- emerge and parents are unable to show "
                     "demonstrable capacity for change yet protective factors are apparent the case will move to "
                     "'high risk', for further interventions and monitoring",
    ("medium", "high"): "If new risk factors emerge/ previous risk factors re- emerge and parents are unable to show "
                        "demonstrable capacity for change yet protective factors are apparent the case will move to "
                        "'high risk' for further monitoring.",
    ("low", "severe"): "If new risk factors emerge/ previous risk factor re-emerge and parents are unable to show "
                       "demonstrable capacity for change and no protective factors are apparent the case will move "
                       "to 'severe risk' and child will return to care with legal proceedings instigated if "
                       "necessary.",
    ("medium", "severe"): "If new risk factors emerge/ previous risk factor re-emerge and parents are unable to show "
                          "demonstrable capacity for change and no protective factors are apparent the case will move "
                          "to Severe risk and child will return to care, with legal proceedings instigated if "
                          "necessary.",
}
MEDIUM_HOLDS = ("the case should remain 'medium risk.' As long as no new risk factors emerge or previous risk factors "
                "re- emerge that had previously been addressed.")

# the NSPCC framework's Stage 4 table: (initial, reclassification) -> (progress, next steps).
STAGE4 = {
    ("high", "severe"): ("No sufficient change", "If reunification no longer possible – refer to stage 2"),
    ("high", "medium"): ("Sufficient progress (reduce risk and increase protective factors)",
                         "If timeframe allows, with support reunification could be considered"),
    ("medium", "low"): ("Sufficient evidence of change", "Plans for reunification can continue/begin"),
    ("medium", "high"): ("Not sufficient evidence of change",
                         "Worker to decide whether to allow more time, or escalate the risk"),
}


# high-to-severe (docs/practice-rules.md): the NSPCC framework "without addressing risk factors",
# the workflow "If risk remains high for six months → Severe Risk". A re-emerged factor is not being addressed;
# one being addressed is.
UNADDRESSED = frozenset({"not-addressed", "re-emerged"})


class Advice(NamedTuple):
    rule: str
    level: str | None
    date: dt.date | None
    overdue: bool
    message: str
    source: str  # the documents by title and place
    source_id: str  # the main document's short id, or "convention"


def _advice(rule_id: str, date: dt.date | None, as_of: dt.date, lead: str, *, level: str | None = None,
            quote: str | None = None, timing: str | None = None) -> Advice:
    """One advice entry: `lead`, then when (ahead, today or passed), then the documents' words (`quote=""`: none
    of the main document's)."""
    rule = RULES[rule_id]
    overdue = date is not None and date < as_of and rule_id not in PROMPTS
    if timing is None:
        timing = _timing(rule_id, date, as_of, overdue)
    words = rule.words(quote)
    said = f" {words[:1].upper()}{words[1:]}" if words else ""
    return Advice(rule_id, level if level is not None else rule.level, date, overdue, f"{lead} {timing}.{said}",
                  rule.source, rule.source_id)


def _timing(rule_id: str, date: dt.date | None, as_of: dt.date, overdue: bool) -> str:
    if date is None:
        return "no date can be computed from the record"
    if rule_id in PERMISSIVE:
        return (f"six months sustained {ahead_or_passed(date, as_of)}: "
                + ("it may move now if the change has held" if date <= as_of else "not before then"))
    return f"due {ahead_or_passed(date, as_of)}" + (": overdue" if overdue else "")


def _latest(dates: list[dt.date | None]) -> dt.date | None:
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def advice(f: Facts) -> list[Advice]:
    """Every movement rule that applies to the case on as-of, in the table's order."""
    out: list[Advice] = []
    current = f.current
    if current is not None and f.case.factors is not None:
        out.extend(_level_rules(f, current))
        out.extend(_new_risk(f, current))
        out.extend(_reclassify_higher(f, current))
    if current is not None:
        out.extend(_stage4_outcome(f))
    out.extend(_rc3(f))
    return out


def _lower(f: Facts, current: Recorded) -> bool:
    """The suggestion is complete and below the recorded level: the only case for downward advice."""
    level = f.suggestion.level
    return level != INCOMPLETE and RANK[level] < RANK[current.level]


def _level_rules(f: Facts, current: Recorded) -> list[Advice]:
    factors = f.case.factors
    assert factors is not None
    as_of, start = f.as_of, current.since
    risks = current_risks(factors, as_of)
    statuses = [effective_status(r, as_of) for r in risks]
    protective = apparent_protective(factors, as_of)
    able = sustained(factors, as_of)
    out: list[Advice] = []
    if current.level == "high":
        if UNADDRESSED & set(statuses):
            out.append(_advice("high-to-severe", add_months(start, 6), as_of,
                               f"High since {start} with risk factors not addressed or re-emerged: move to severe,"))
        elif _lower(f, current) and protective and able and all(s in ("being-addressed", "addressed")
                                                                  for s in statuses):
            capacity_since = factors.capacity_to_change.since if factors.capacity_to_change else None
            earliest_protective = min((p.since for p in protective if p.since), default=None)
            begin = _latest([start, capacity_since, max((r.since for r in risks), default=None), earliest_protective])
            out.append(_advice("high-to-medium", add_months(begin or start, 6), as_of,
                               "Capacity for change sustained, every risk factor being addressed, protective factors "
                               "apparent:"))
        if factors.protective_factors is not None and not protective:
            lost = _latest([p.since for p in factors.protective_factors if p.since and p.since <= as_of])
            out.append(_advice("high-protective-lost", lost or factors.assessed, as_of,
                               "High risk and no protective factor apparent: move to severe,"))
    elif current.level == "medium":
        if _lower(f, current) and all(s == "addressed" for s in statuses):
            begin = _latest([start, max((r.since for r in risks), default=None)])
            out.append(_advice("medium-to-low", add_months(begin or start, 6), as_of,
                               f"Medium since {start}, every risk factor addressed:"))
    elif current.level == "low":
        if f.returned and f.suggestion.level == "low":
            out.append(_low_to_close(f, current))
    elif current.level == "severe":
        changing = [r.since for r, s in zip(risks, statuses, strict=True) if s in ("being-addressed", "addressed")]
        if _lower(f, current) and (protective or changing):
            earliest = min([p.since for p in protective if p.since] + changing, default=None)
            begin = _latest([start, earliest])
            out.append(_advice("severe-to-high", add_months(begin or start, 6), as_of,
                               "Protective factors apparent or risks being addressed:"))
    return out


def _low_to_close(f: Facts, current: Recorded) -> Advice:
    """The NSPCC framework's low column read with the workflow's post-return steps: six months low *and* six months
    home (tool convention),
    closed only on a low classification dated on or after that day (RC3 or later)."""
    assert f.returned is not None
    date = max(add_months(current.since, 6), add_months(f.returned, 6))
    lead = f"Low since {current.since}, home since {f.returned}:"
    if date > f.as_of:
        timing = f"six months sustained {ahead_or_passed(date, f.as_of)}: not before then"
    elif current.date >= date:
        timing = (f"six months sustained {ahead_or_passed(date, f.as_of)} and {current.label} ({current.date}) "
                  "confirms low: the case can close if the change has held")
    else:
        timing = (f"six months sustained {ahead_or_passed(date, f.as_of)}: it can close once a low classification "
                  f"dated on or after {date} is recorded (RC3 or later)")
    return _advice("low-to-close", date, f.as_of, lead, timing=timing)


def new_risk_destination(f: Facts, current: Recorded) -> str | None:
    """Where the NSPCC framework's low and medium columns send a case when risk is new or re-emerged; None when they name no
    level above the recorded one (then the advice says to review, with the suggestion)."""
    factors = f.case.factors
    assert factors is not None
    able = sustained(factors, f.as_of)  # "unable to show demonstrable capacity": sustained false ("Readings")
    if able is None or factors.protective_factors is None:
        return None
    protective = bool(apparent_protective(factors, f.as_of))
    if able and protective:
        destination = "medium"
    elif protective:
        destination = "high"
    elif not able:
        destination = "severe"
    else:
        return None  # sustained capacity but no protective factor: no row of the table
    return destination if RANK[destination] > RANK[current.level] else None


def _new_risk(f: Facts, current: Recorded) -> list[Advice]:
    """A risk factor not addressed, identified after the latest classification, or re-emerged since it."""
    if current.level not in ("low", "medium"):  # the high and severe columns have no such row
        return []
    factors = f.case.factors
    assert factors is not None
    destination = new_risk_destination(f, current)
    if destination is not None:
        quote = NEW_RISK_ROWS[(current.level, destination)]
        action = f"reclassify now: the NSPCC framework points to {destination}"
    elif current.level == "medium" and sustained(factors, f.as_of) and apparent_protective(factors, f.as_of):
        quote, action = MEDIUM_HOLDS, "review the classification: medium holds only while no risk is new"
    else:
        quote = RULES["new-risk"].quote
        action = (f"review the classification: the NSPCC framework names no destination for this profile (the factors suggest "
                  f"{f.suggestion.level}; tool convention)")
    out = []
    for r in current_risks(factors, f.as_of):
        if r.status == "re-emerged" and current.date < r.since <= f.as_of:
            date, what = r.since, f"'{r.name}' re-emerged on {r.since}, after {current.label}"
        elif effective_status(r, f.as_of) != "addressed" and current.date < (r.identified or r.since) <= f.as_of:
            date = r.identified or r.since
            what = f"'{r.name}' was identified on {date}, after {current.label}"
        else:
            continue
        out.append(_advice("new-risk", date, f.as_of, f"{what}: {action};", level=destination, quote=quote))
    return out


def _reclassify_higher(f: Facts, current: Recorded) -> list[Advice]:
    """Tool convention: the evidence suggests a higher level than the one recorded; the workflow says to discuss it."""
    level = f.suggestion.level
    if level == INCOMPLETE or RANK[level] <= RANK[current.level]:
        return []
    assessed = f.case.factors.assessed if f.case.factors else None
    date = _latest([assessed if assessed and assessed <= f.as_of else None, current.date])
    return [_advice("reclassify-higher", date, f.as_of,
                    f"The factors suggest {level}, above the recorded {current.level} ({current.label}): reclassify "
                    "(reunify's own advice),",
                    level=level)]


def _stage4_pair(f: Facts) -> tuple | None:
    """The latest two classifications when the latest was made before return home (stage 4), else None."""
    if len(f.history) < 2 or (f.returned is not None and f.history[-1].date >= f.returned):
        return None
    return f.history[-2], f.history[-1]


def _stage4_outcome(f: Facts) -> list[Advice]:
    """The NSPCC framework's Stage 4 table for the latest two classifications, made before return home."""
    found = _stage4_pair(f)
    if found is None:
        return []
    previous, latest = found
    pair = (previous.level, latest.level)
    lead = f"{previous.label} {previous.level}, then {latest.label} {latest.level} on {latest.date}:"
    if pair == ("medium", "medium"):  # tool convention: the last row's "allow more time"
        timing = ("medium held, which the NSPCC framework's stage 4 reads as allowing more time: \"Worker to decide whether to "
                  "allow more time, or escalate the risk\" (tool convention)")
    elif pair in STAGE4:
        progress, steps = STAGE4[pair]
        timing = f"the NSPCC framework's stage 4 progress \"{progress}\"; next steps \"{steps}\""
    else:
        return []
    return [_advice("stage4-outcome", latest.date, f.as_of, lead, quote="", timing=timing)]


def warnings(f: Facts) -> list[str]:
    """Medium held again with no rationale: the NSPCC framework's "Worker to decide whether to allow more time" asks why."""
    found = _stage4_pair(f)
    if found is None:
        return []
    previous, latest = found
    if (previous.level, latest.level) == ("medium", "medium") and not (latest.rationale or "").strip():
        return [f"{latest.label} holds medium after {previous.label} with no rationale: record why more time is "
                "allowed (the NSPCC framework: \"Worker to decide whether to allow more time, or escalate the risk\")"]
    return []


def _rc3(f: Facts) -> list[Advice]:
    if f.returned is None:
        return []
    due = add_months(f.returned, 6)
    if any(c.date >= due for c in f.history):
        return []
    return [_advice("rc3-due", due, f.as_of, f"Child returned home on {f.returned}: RC3")]
