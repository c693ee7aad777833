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


def label(value: object, kind: str) -> object:
    """`value` in words (None stays None, so the report says "not recorded"); an unknown value is shown as is."""
    if value is None:
        return None
    return LABELS[kind].get(str(value), value)


def task(task_id: str) -> str:
    """A checklist task's name, as its stage module declares it; an unknown id is shown as is."""
    from reunify.framework.registry import load

    rule = load().get(task_id)
    return rule.name if rule is not None and rule.name else task_id


def in_framework_words(message: str, source: str | None) -> str:
    """An entry's message with its source: a quotation is introduced by its document's name already (the framework
    words it so); a message that quotes none is followed by the document's title."""
    if "In the words of " in message or not source:
        return message
    return f"{message} (source: {source})"
