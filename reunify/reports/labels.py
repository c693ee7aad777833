"""The words a report uses for the format's enumerated values, the checklist's tasks and the sources.

Reports go to panels, courts and families: `interim-care-order`, `wants-return`
or `s1.decision-1` are the files' vocabulary, not theirs. Every value of every
Literal in reunify.case.model has a label here (a test keeps them in step;
values the format is adding are labelled already). The source documents are
named by the framework itself (reunify.sources), never numbered.
"""

from __future__ import annotations

# Literal type name in reunify.case.model -> value -> words.
LABELS: dict[str, dict[str, str]] = {
    "LegalStatus": {
        "section-20": "section 20 (accommodated with parental agreement)", "interim-care-order": "interim care order",
        "care-order": "care order", "supervision-order": "supervision order", "pre-proceedings": "pre-proceedings",
        "child-protection-plan": "child protection plan", "child-in-need": "child in need",
        "section-76": "section 76 (accommodated, Wales)", "other": "other",
    },
    "PlacementType": {
        "foster": "foster care", "kinship": "kinship care", "residential": "residential care",
        "placed-with-parents": "placed with parents", "home": "at home", "other": "other",
    },
    "MeetingKind": {
        "assessment-planning": "assessment planning meeting", "child-seen-alone": "child seen alone",
        "mid-point-supervision": "mid-point supervision", "risk-classification": "risk classification meeting",
        "classification-shared": "classification shared with the family",
        "reunification-planning": "reunification planning meeting",
        "reunification-planning-review": "reunification planning review", "fgc": "family group conference",
        "fgc-review": "family group conference review", "team-around-child": "team around the child meeting",
        "cic-review": "child in care review", "pathway-plan-review": "pathway plan review",
        "cpag": "Change of Placement and Allowance Group (CPAG)", "supervision": "supervision", "other": "other meeting",
    },
    "DecisionKind": {
        "1": "Decision 1", "2": "Decision 2", "3": "Decision 3",
        "emergency-placed-with-parents": "emergency placement with parents", "cpag": "CPAG agreement",
        "closure": "closure", "proceedings": "decision on care proceedings",
        "discharge-care-order": "discharge of the care order",
    },
    "Role": {
        "team-manager": "team manager", "service-manager": "service manager", "head-of-service": "head of service",
        "corporate-director": "corporate director", "panel": "panel", "other": "other",
    },
    "Outcome": {"proceed": "proceed", "do-not-proceed": "do not proceed", "permanence": "plan for permanence"},
    "Level": {"low": "low", "medium": "medium", "high": "high", "severe": "severe"},
    "OutcomeStatus": {
        "open": "open", "reunified": "reunified", "broke-down": "broke down", "not-pursued": "not pursued",
        "exited": "exited",
    },
    "Source": {
        "police": "police", "health": "health", "education": "education", "social-care": "social care",
        "family": "family", "probation": "probation", "housing": "housing", "court": "court", "other": "other",
    },
    "Significance": {"low": "low", "medium": "medium", "high": "high"},
    "Sex": {"female": "female", "male": "male", "other": "other", "unknown": "not known"},
    "UnionStatus": {
        "married": "married", "cohabiting": "living together", "partners": "partners", "separated": "separated",
        "divorced": "divorced", "single": "single parent",
    },
    "BondKind": {"close": "close", "conflict": "conflict", "abuse": "abuse", "distant": "distant",
                 "cut-off": "cut off"},
    "RiskStatus": {
        "not-addressed": "not addressed", "being-addressed": "being addressed", "addressed": "addressed",
        "re-emerged": "re-emerged",
    },
    "Evidence": {"none": "none", "some": "some", "substantial": "substantial"},
    "Indicator": {
        "ended-harmful-relationship": "has ended a harmful relationship", "acknowledges-harm": "acknowledges the harm",
        "overcomes-difficulties": "overcomes difficulties", "accepted-previous-removal": "accepted a previous removal",
    },
    "ParentWish": {"wants-return": "want the child home", "ambivalent": "unsure", "opposes": "against a return home"},
    "ChildWish": {
        "wants-return": "wants to go home", "ambivalent": "unsure", "opposes": "does not want to go home",
        "too-young": "too young to say",
    },
    "Recurrence": {"unlikely": "unlikely", "some": "some likelihood", "strong": "strong likelihood",
                   "very-strong": "very strong likelihood"},
    "Progress": {"on-track": "on track", "achieved": "achieved", "partly-met": "partly met", "not-met": "not met"},
    "Arrangement": {"kinship": "kinship care", "foster": "foster care", "residential": "residential care",
                    "other": "other"},
    "MeasureTool": {"outcomes-tool": "outcomes tool", "sdq": "Strengths and Difficulties Questionnaire (SDQ)"},
    "Trigger": {"change-of-behaviour": "change of behaviour", "missing-episode": "missing episode"},
    # Not in the files, but in the results reports show.
    "Criterion": {"low": "low", "medium": "medium", "high": "high", "severe": "severe",
                  "not-assessed": "not assessed"},
    "Suggested": {"low": "low", "medium": "medium", "high": "high", "severe": "severe",
                  "incomplete": "incomplete (a criterion is not assessed)"},
    "TaskStatus": {"done": "done", "missing": "missing", "due": "due", "overdue": "overdue",
                   "not-applicable": "not applicable"},
}

TASKS: dict[str, str] = {
    "s1.decision-1": "Decision 1 (team manager)", "s1.assessment-planning": "Assessment planning meeting",
    "s1.child-seen-alone": "Child seen alone", "s1.trusted-adult": "Trusted adult named",
    "s1.chronology": "Analytical chronology", "s1.genogram": "Genogram", "s1.police-checks": "Police checks",
    "s1.mid-point-supervision": "Mid-point supervision", "s1.assessment": "Return Home Assessment",
    "s1.practical-checks": "Practical checks (housing, finances, school)",
    "s2.rc1": "First risk classification (RC1)", "s2.decision-2": "Decision 2 (service manager)",
    "s2.classification-shared": "Classification shared with the family", "s2.permanence": "Permanence plan",
    "s2.risk-classification-meeting": "Risk classification meeting", "s2.consider-proceedings": "Proceedings considered",
    "s3.reunification-planning": "Reunification planning meeting", "s3.agreement": "Parental agreement",
    "s3.goal-reviews": "Goal reviews", "s3.contingency": "Contingency plan", "s3.support": "Support services",
    "s3.child-views": "The child's views", "s3.outcomes-tool": "Outcomes tool",
    "s4.rc2": "Second risk classification (RC2)", "s4.agreement-updated": "Agreement updated",
    "s4.decision-3": "Decision 3 (service manager, ratified)", "s4.planning-review": "Reunification planning review",
    "s4.reunification-plan": "Reunification plan (contact and transition)", "s4.cpag": "CPAG agreement",
    "s4.decision-shared": "Decision shared with the family", "s4.emergency-pwp": "Emergency placement with parents",
    "s4.cin-plan": "Child in Need plan", "s5.return-home": "Return home", "s5.visits": "Visits after return home",
    "s5.rc3": "Reclassification six months after return (RC3)",
    "s5.support-12-months": "Support for 12 months after return", "s5.team-around-child": "Team around the child",
    "s5.closure": "Closure", "s5.placement-status": "Placement status", "s5.cic-reviews": "Child in care reviews",
    "s5.outcomes-sdq": "Strengths and Difficulties Questionnaire", "s5.reclassify": "Reclassification",
    "s5.care-order-discharge": "Discharge of the care order",
}

def label(value: object, kind: str) -> object:
    """`value` in words (None stays None, so the report says "not recorded"); an unknown value is shown as is."""
    if value is None:
        return None
    return LABELS[kind].get(str(value), value)


def task(task_id: str) -> str:
    """A checklist task's name; a task without one reads from its id ("s5.cic-reviews" -> "Cic reviews")."""
    if task_id in TASKS:
        return TASKS[task_id]
    words = task_id.split(".", 1)[-1].replace("-", " ")
    return words[:1].upper() + words[1:]


def in_framework_words(message: str, source: str | None) -> str:
    """An entry's message with its source: a quotation is introduced by its document's name already (the framework
    words it so); a message that quotes none is followed by the document's title."""
    if "In the words of " in message or not source:
        return message
    return f"{message} (source: {source})"
