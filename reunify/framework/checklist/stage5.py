"""Stage 5, return home and monitoring (the NSPCC framework; the workflow's post-return steps; the visiting table)."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from reunify.framework.checklist.model import DONE, MISSING, NA, Outcome, dated, stage
from reunify.framework.dates import add_days, add_months
from reunify.framework.facts import Facts

task = stage(5)
REVIEWS = ("cic-review", "pathway-plan-review")
ENDED = "monitoring ended with the case outcome"


@task("s5.return-home", "Return home",
      "case.yaml: return_home.date")
def return_home(f: Facts) -> Outcome:
    if f.returned:
        return Outcome(DONE, f"returned home on {f.returned}")
    if f.planned_return:
        return dated(f.planned_return, f.as_of, "return home planned")
    return Outcome(MISSING, "the child has not returned home")


@task("s5.placement-status", "Placement status",
      "case.yaml: placement.type (placed-with-parents or home) and legal_status after return",
      quotes={"la-workflow": "At point of child return home, change legal status as required"})
def placement_status(f: Facts) -> Outcome:
    """The workflow: "At point of child return home, change legal status as required"; "Placement details will be
    updated". Still accommodated under section 20 (or 76) once home is a warning."""
    if not f.returned:
        return Outcome(MISSING, "update the placement when the child returns home")
    record = f.case.case
    assert record is not None
    placement = record.placement.type if record.placement else None
    if placement not in ("placed-with-parents", "home"):
        return Outcome(MISSING, f"the child returned home on {f.returned} but the placement is "
                       f"{placement or 'not recorded'}: update placement.type")
    warnings = ((f"legal status is still {record.legal_status} after return home: the workflow \"change legal status as "
                 "required\"",) if record.legal_status in ("section-20", "section-76") else ())
    return Outcome(DONE, f"placement updated: {placement.replace('-', ' ')}", warnings=warnings)


# Who is looked after once home: the format keeps one `legal_status`, the status now (the workflow: "At point of child
# return home, change legal status as required"), so after return it is the status after return. A care order
# (interim or full) keeps a child placed with parents looked after, as does accommodation under section 20 (or
# Wales's section 76); a child protection plan, a child in need plan, a supervision order, pre-proceedings or
# "other" does not make a child looked after, so reg. 28 does not set their visits (our reading of docs/case-format.md).
LOOKED_AFTER = frozenset({"care-order", "interim-care-order", "section-20", "section-76"})
TEAM_TABLE = "team's visiting table, a tool convention"


def visiting_table_label(legal_status: str) -> str:
    """Whose intervals the visits follow: reg. 28 binds only a child looked after (docs/practice-rules.md); for any
    other child the table is the team's (revision 3, point 5), never called statutory."""
    from reunify.case.settings import REGULATION

    return f"visiting table: {REGULATION}" if legal_status in LOOKED_AFTER else TEAM_TABLE


@task("s5.visits", "Visits after return home",
      "case.yaml: visits[] (date, seen_alone, announced, out_of_home)",
      "la-workflow",
      quotes={"la-workflow": "Visits announced and unannounced ... minimum frequency no less than statutory requirement"},
      convention="the intervals: reg. 28 for a child looked after; for a child not looked after after return, the "
                 "team's visiting table (reunify.toml), a tool convention; not in the documents")
def visits(f: Facts) -> Outcome:
    """The workflow: "Visits announced and unannounced ... minimum frequency no less than statutory requirement"; "Child
    must be seen alone each time and at times out of the home". A visit where the child was not seen alone does
    not count toward the interval: it is listed, with a warning (docs/practice-rules.md). The
    intervals decide the status; the rest are warnings (no visit out of the home after the third visit included,
    "Readings settled")."""
    if not f.returned:
        return Outcome(MISSING, "visits start when the child returns home")
    if f.closed:
        return Outcome(DONE, ENDED)
    record = f.case.case
    assert record is not None
    rules = f.settings.visiting_for(record.legal_status)
    reviews = [m.date for m in f.meetings_of("cic-review") if m.date >= f.returned]
    first_review = reviews[0] if reviews else None
    done = sorted((v for v in record.visits or [] if f.returned <= v.date <= f.as_of), key=lambda v: v.date)
    counted = [v for v in done if v.seen_alone is True]
    problems = []
    previous, allowed = f.returned, rules.first_within_days
    for v in counted:
        if (v.date - previous).days > allowed:
            problems.append(f"visit of {v.date} came {(v.date - previous).days} days after the last (allowed {allowed})")
        previous = v.date
        allowed = rules.after_first_review_days if first_review and v.date >= first_review \
            else rules.until_first_review_days
    not_alone = [str(v.date) for v in done if v.seen_alone is not True]
    if not_alone:
        problems.append(f"child not recorded as seen alone on {', '.join(not_alone)}: not counted toward the "
                        "interval (the workflow: \"Child must be seen alone each time\")")
    if len(done) >= 2 and not any(v.announced is False for v in done):
        problems.append("no unannounced visit yet")
    if len(done) >= 3 and not any(v.out_of_home for v in done):
        problems.append("the child has not been seen out of the home (the workflow asks for \"at times out of the home\")")
    due = add_days(previous, allowed)
    extra = f" and {len(not_alone)} not seen alone" if not_alone else ""
    return dated(due, f.as_of, f"{len(counted)} visit(s) with the child seen alone since return{extra}; next visit "
                 f"due ({visiting_table_label(record.legal_status)})", tuple(problems))


def _reviews_since_return(f: Facts) -> tuple[dt.date, list[dt.date]]:
    """The date the six-monthly cycle runs from (the latest review before return, else the return) and the
    reviews held since return."""
    assert f.returned is not None
    held = [m.date for m in f.meetings_of(*REVIEWS)]
    before = [d for d in held if d < f.returned]
    return (before[-1] if before else f.returned), [d for d in held if d >= f.returned]


@task("s5.cic-reviews", "Child in care reviews",
      "case.yaml: meetings[] kind: cic-review or pathway-plan-review (every six months)",
      quotes={"la-workflow": "CIC reviews or Pathway Plan reviews which continue at every six months"})
def cic_reviews(f: Facts) -> Outcome:
    """The workflow: "CIC reviews or Pathway Plan reviews which continue at every six months", counted from the latest
    review before return (else from return)."""
    if not f.returned:
        return Outcome(MISSING, "reviews continue every six months once the child is home")
    if f.closed:
        return Outcome(DONE, ENDED)
    previous, held = _reviews_since_return(f)
    late = []
    for day in held:
        if day > add_months(previous, 6):
            late.append(f"review of {day} came more than six months after {previous}")
        previous = day
    return dated(add_months(previous, 6), f.as_of, f"{len(held)} review(s) since return; next review due",
                 tuple(late))


@task("s5.team-around-child", "Team around the child",
      "case.yaml: meetings[] kind: team-around-child (three months after each review)",
      quotes={"la-workflow": "Team around the Child meetings at three months between CIC reviews or Pathway Plan reviews"})
def team_around_child(f: Facts) -> Outcome:
    """The workflow: "Team around the Child meetings at three months between CIC reviews or Pathway Plan reviews"."""
    if not f.returned:
        return Outcome(MISSING, "team around the child meetings start after return home")
    if f.closed:
        return Outcome(DONE, ENDED)
    _, held = _reviews_since_return(f)
    anchor = held[-1] if held else f.returned
    what = f"the review of {anchor}" if held else f"return home ({anchor})"
    meetings = [m.date for m in f.meetings_of("team-around-child") if m.date >= anchor]
    if meetings:
        return Outcome(DONE, f"held on {meetings[0]} after {what}; the next is due three months after the next review")
    return dated(add_months(anchor, 3), f.as_of, f"team around the child meeting three months after {what}")


def rc3_of(f: Facts):
    """The first classification on or after return + 6 months (RC3), or None."""
    if not f.returned:
        return None
    due = add_months(f.returned, 6)
    return next((c for c in f.history if c.date >= due), None)


@task("s5.rc3", "Reclassification six months after return (RC3)",
      "case.yaml: classifications[] (RC3, six months after return home)",
      quotes={"la-workflow": "formally reclassify the risks again at six months"})
def rc3(f: Facts) -> Outcome:
    """The workflow: "formally reclassify the risks again at six months"; "If risks have increased discuss with SM. Hold
    a Team around the Child meeting to review parental goals and support"."""
    if not f.returned:
        return Outcome(MISSING, "RC3 is due six months after return home")
    found = rc3_of(f)
    if found is None:
        return dated(add_months(f.returned, 6), f.as_of, "reclassify risk six months after return home (RC3)")
    warnings = ()
    if found.level != "low" and not [m for m in f.meetings_of("team-around-child") if m.date >= found.date]:
        warnings = (f"{found.label} is {found.level}: the workflow \"If risks have increased discuss with SM\" and hold a "
                    "Team around the Child meeting to review parental goals and support",)
    return Outcome(DONE, f"{found.label}: {found.level} on {found.date}", warnings=warnings)


@task("s5.outcomes-sdq", "Strengths and Difficulties Questionnaire",
      "case.yaml: measures[] tool: outcomes-tool and sdq (six months after return home)",
      quotes={"la-workflow": "Complete the outcomes tool and SDQ after the child has been back home for six months"})
def outcomes_sdq(f: Facts) -> Outcome:
    """The workflow: "Complete the outcomes tool and SDQ after the child has been back home for six months"."""
    if not f.returned:
        return Outcome(MISSING, "the outcomes tool and SDQ follow six months at home")
    due = add_months(f.returned, 6)
    used = {m.tool for m in f.case.case.measures or [] if due <= m.date <= f.as_of}
    lacking = [t for t in ("outcomes-tool", "sdq") if t not in used]
    if not lacking:
        return Outcome(DONE, "outcomes tool and SDQ completed after six months at home")
    return dated(due, f.as_of, f"complete {' and '.join(lacking)} after six months at home")


@task("s5.reclassify", "Reclassification",
      "case.yaml: classifications[] (after RC3, at most reclassify_every_months apart)",
      "nspcc-framework", quotes={"nspcc-framework": "Reclassify risk at set intervals"},
      convention="the interval: reclassify_every_months in reunify.toml, default 6")
def reclassify(f: Facts) -> Outcome:
    """The NSPCC framework's stage 5: "Reclassify risk at set intervals", until closure; the interval is a setting (ours)."""
    found = rc3_of(f)
    if found is None:
        return Outcome(NA, "after RC3")
    if f.closed:
        return Outcome(DONE, "reclassification ended with the case outcome")
    every = f.settings.reclassify_every_months
    since = [c for c in f.history if c.date >= found.date]
    late = [f"{b.label} ({b.date}) came more than {every} months after {a.label}"
            for a, b in pairwise(since) if b.date > add_months(a.date, every)]
    last = since[-1]
    return dated(add_months(last.date, every), f.as_of,
                 f"reclassify at least every {every} months (last: {last.label} on {last.date})", tuple(late))


@task("s5.support-12-months", "Support for 12 months after return",
      "plan.yaml: support[].end (none, or at least 12 months after return home)",
      quotes={"la-workflow": "Support services should continue for at least 12 months post reunification"})
def support_12_months(f: Facts) -> Outcome:
    """The workflow: "Support services should continue for at least 12 months post reunification"."""
    if not f.planned_return:
        return Outcome(MISSING, "support must run at least 12 months after return home")
    until = add_months(f.planned_return, 12)
    services = f.case.plan.support or [] if f.case.plan else []
    lasting = [s for s in services if s.end is None or s.end >= until]
    short = [s.service for s in services if s.end is not None and s.end < until]
    warnings = (f"ends before {until}: {', '.join(short)}",) if short else ()
    if lasting:
        return Outcome(DONE, f"support runs to at least {until}", warnings=warnings)
    return Outcome(MISSING, f"no support service runs to {until}", warnings=warnings)


def possible_from(f: Facts) -> dt.date | None:
    """The low-to-close date: when closing (or discharging the care order) may first be considered, never a deadline.

    The workflow: "Social work involvement continues until parents have sustained low risk for at least six months. Any
    withdrawal of support should be tapered and gradual"; "Decision made about timescale for care order to be
    rescinded" sets no date (docs/practice-rules.md). None while there is no such date yet.
    """
    close = f.low_to_close
    return close.date if close is not None else None


MINIMUM = "at least six months at low; taper support"  # the workflow's words, in brief


@task("s5.care-order-discharge", "Discharge of the care order",
      "case.yaml: decisions[] decision: discharge-care-order",
      quotes={"la-workflow": "Decision made about timescale for care order to be rescinded"},
      convention="shown as possible from the low-to-close date, never due (a minimum, not a deadline)")
def care_order_discharge(f: Facts) -> Outcome:
    """The workflow (Rescinding of care order): "Decision made about timescale for care order to be rescinded". The workflow
    sets no date: the task stays missing until done, with the low-to-close date shown as *possible from*."""
    record = f.case.case
    assert record is not None
    if record.legal_status != "care-order" or not f.returned:
        return Outcome(NA, "needed when a care order remains after return home")
    found = f.decisions_of("discharge-care-order")
    if found:
        return Outcome(DONE, f"decision on discharging the care order on {found[-1].date} by {found[-1].by}")
    day = possible_from(f)
    if day is not None:
        return Outcome(MISSING, f"Discharge of the care order possible from {day} ({MINIMUM}): consider the "
                       "timescale for the care order to be rescinded")
    return Outcome(MISSING, "consider the timescale for the care order to be rescinded once low risk has held six "
                   "months after return home")


@task("s5.closure", "Closure",
      "case.yaml: outcome.status, date and reason",
      quotes={"la-workflow": "Social work involvement continues until parents have sustained low risk for at least six months"},
      convention="shown as possible from the low-to-close date, never due (a minimum, not a deadline)")
def closure(f: Facts) -> Outcome:
    """The workflow: "Social work involvement continues until parents have sustained low risk for at least six months";
    the Monitoring Form records the outcome, "including other reasons for exit part way through". Six months is
    a minimum, not a deadline (docs/practice-rules.md): the task stays missing until the outcome
    is recorded, with the low-to-close date shown as *possible from*; reunified before it is a warning. Applies
    whether or not reunification is pursued."""
    outcome = f.case.case.outcome
    if f.closed:
        assert outcome is not None
        lacking = [n for n in ("date", "reason") if not getattr(outcome, n)]
        if lacking:
            return Outcome(MISSING, f"outcome {outcome.status}: record its {' and '.join(lacking)}")
        warnings = ()
        if outcome.status == "reunified":
            then = Facts(f.case, outcome.date, f.settings).low_to_close
            if then is None or then.date is None or outcome.date < then.date:
                warnings = (f"closed as reunified on {outcome.date}, before the low-to-close date "
                            f"({then.date if then and then.date else 'not reached'}): the workflow continues social work "
                            "until low risk has held six months",)
        return Outcome(DONE, f"outcome: {outcome.status} on {outcome.date}", warnings=warnings)
    day = possible_from(f)
    if day is not None:
        return Outcome(MISSING, f"Closure possible from {day} ({MINIMUM}); consider it once a low classification "
                       "on or after that date confirms low risk has held")
    return Outcome(MISSING, "case open")
