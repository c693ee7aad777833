"""Stage 5, return home and monitoring (002; 003's post-return steps; reg. 28 visiting table)."""

from __future__ import annotations

from reunify.framework import classification as table
from reunify.framework.checklist.facts import Facts
from reunify.framework.checklist.model import DONE, MISSING, Outcome, dated, stage
from reunify.framework.dates import add_days, add_months

task = stage(5)


@task("s5.return-home", "case.yaml: return_home.date")
def return_home(f: Facts) -> Outcome:
    if f.returned:
        return Outcome(DONE, f"returned home on {f.returned}")
    if f.planned_return:
        return dated(f.planned_return, f.as_of, "return home planned")
    return Outcome(MISSING, "the child has not returned home")


@task("s5.visits", "case.yaml: visits[] (date, seen_alone, announced)", "003; reg. 28 visiting table (reunify.toml)")
def visits(f: Facts) -> Outcome:
    """003: visits "announced and unannounced"; child "seen alone each time"; intervals: reg. 28 table."""
    if not f.returned:
        return Outcome(MISSING, "visits start when the child returns home")
    if f.case.case.outcome and f.case.case.outcome.status != "open":
        return Outcome(DONE, "monitoring ended with the case outcome")
    rules = f.settings.visiting_for(f.case.case.legal_status)
    reviews = [m.date for m in f.meetings_of("cic-review") if m.date >= f.returned]
    first_review = reviews[0] if reviews else None
    done = sorted((v for v in f.case.case.visits or [] if f.returned <= v.date <= f.as_of), key=lambda v: v.date)
    problems = []
    previous, allowed = f.returned, rules.first_within_days
    for v in done:
        if (v.date - previous).days > allowed:
            problems.append(f"visit of {v.date} came {(v.date - previous).days} days after the last (allowed {allowed})")
        previous = v.date
        allowed = rules.after_first_review_days if first_review and v.date >= first_review \
            else rules.until_first_review_days
    not_alone = [str(v.date) for v in done if v.seen_alone is not True]
    if not_alone:
        problems.append(f"child not recorded as seen alone on {', '.join(not_alone)}")
    if len(done) >= 2 and not any(v.announced is False for v in done):
        problems.append("no unannounced visit yet")
    due = add_days(previous, allowed)
    return dated(due, f.as_of, f"{len(done)} visit(s) since return; next visit due", "; ".join(problems) or None)


@task("s5.rc3", "case.yaml: classifications[] (RC3, six months after return home)")
def rc3(f: Facts) -> Outcome:
    if not f.returned:
        return Outcome(MISSING, "RC3 is due six months after return home")
    due = add_months(f.returned, 6)
    later = [c for c in f.history if c.date >= due]
    if later:
        return Outcome(DONE, f"{later[0].label}: {later[0].level} on {later[0].date}")
    return dated(due, f.as_of, "reclassify risk six months after return home (RC3)")


@task("s5.support-12-months", "plan.yaml: support[].end (none, or at least 12 months after return home)")
def support_12_months(f: Facts) -> Outcome:
    """003: "Support services should continue for at least 12 months post reunification"."""
    if not f.planned_return:
        return Outcome(MISSING, "support must run at least 12 months after return home")
    until = add_months(f.planned_return, 12)
    services = f.case.plan.support or [] if f.case.plan else []
    lasting = [s for s in services if s.end is None or s.end >= until]
    short = [s.service for s in services if s.end is not None and s.end < until]
    warning = f"ends before {until}: {', '.join(short)}" if short else None
    if lasting:
        return Outcome(DONE, f"support runs to at least {until}", warning=warning)
    return Outcome(MISSING, f"no support service runs to {until}", warning=warning)


@task("s5.team-around-child", "case.yaml: meetings[] kind: team-around-child")
def team_around_child(f: Facts) -> Outcome:
    """003: "Team around the Child meetings at three months between CIC reviews"."""
    if not f.returned:
        return Outcome(MISSING, "team around the child meetings start after return home")
    if f.case.case.outcome and f.case.case.outcome.status != "open":
        return Outcome(DONE, "monitoring ended with the case outcome")
    held = [m.date for m in f.meetings_of("team-around-child") if m.date >= f.returned]
    last = held[-1] if held else f.returned
    return dated(add_months(last, 3), f.as_of, f"{len(held)} meeting(s) since return; next due")


@task("s5.closure", "case.yaml: outcome.status and date")
def closure(f: Facts) -> Outcome:
    """003: "Social work involvement continues until parents have sustained low risk for at least six months"."""
    outcome = f.case.case.outcome
    if outcome and outcome.status != "open" and (outcome.date is None or outcome.date <= f.as_of):
        if outcome.status == "reunified":
            closed = outcome.date or f.as_of
            low = table.recorded(f.case, closed)
            if not (low and low.level == "low" and add_months(low.since, 6) <= closed):
                return Outcome(MISSING, "closed as reunified without six months of sustained low risk")
        return Outcome(DONE, f"outcome: {outcome.status}")
    if f.current and f.current.level == "low" and f.returned:
        may = add_months(f.current.since, 6)
        return Outcome(MISSING, f"case open; low risk since {f.current.since}, may close from {may} if sustained")
    return Outcome(MISSING, "case open")
