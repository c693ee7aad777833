"""Typed records for the seven case files (the contract in docs/case-format.md).

These msgspec Structs are the single definition of the format: the schema
check walks them to collect every error, `msgspec.convert` builds the records,
and `reunify schema` exports them as JSON Schema, so the three always agree.
Every field carries a description, which editors show on hover.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated, Literal

if "msgspec" not in sys.modules and "typing_extensions" not in sys.modules:
    # msgspec imports typing_extensions when it is installed (typer's pydantic brings it), with inspect: ~10 ms,
    # a tenth of `reunify validate` on one case in a pre-commit hook, for typing_extensions' own Required,
    # NotRequired and get_type_hints, which these records never use (on Python 3.11 typing's serve). Hidden
    # while msgspec is first imported, then importable again for whatever needs it.
    sys.modules["typing_extensions"] = None  # type: ignore[assignment]
    try:
        import msgspec
    finally:
        del sys.modules["typing_extensions"]
import msgspec
from msgspec import Meta, Struct

# Patterns match the whole value. `$(?!\n)` is the end of the text in Python's regex (where `$` alone
# also matches before a final line break, so "RU-1\n" from a `|` block would pass) and in JSON Schema's
# ECMA regex alike; msgspec, the schema walk and check-jsonschema all read these same strings.
END = "$(?!\\n)"
ID_PATTERN = "^[a-z][a-z0-9-]*" + END
LABEL_PATTERN = "^[A-Za-z0-9][A-Za-z0-9-]*" + END
REFERENCE_PATTERN = "^[A-Za-z0-9-]+" + END

# What each pattern asks for, in words a practitioner can act on (never the regex): `validate` says them, and
# the exported schemas carry them as `patternErrorMessage`, which editors (yaml-language-server) show.
PATTERN_WORDS = {
    ID_PATTERN: "lower-case letters, digits and hyphens, starting with a letter",
    LABEL_PATTERN: "letters, digits and hyphens, starting with a letter or digit (such as RC1)",
    REFERENCE_PATTERN: "letters, digits and hyphens only, no spaces (such as RU-2025-0142)",
}


def shown(pattern: str) -> str:
    """A pattern as people read it (the end-of-text guard left out)."""
    return pattern.removesuffix(END[1:]) if pattern.endswith(END) else pattern


def D(description: str, **constraints: object) -> Meta:
    """Field metadata: the description editors show, plus any constraint."""
    return Meta(description=description, **constraints)


Id = Annotated[str, D("An id: lower-case letters, digits and hyphens, starting with a letter.", pattern=ID_PATTERN)]
PersonId = Annotated[str, D("A person id from genogram.yaml.", pattern=ID_PATTERN)]
FactorId = Annotated[str, D("A risk or protective factor id from factors.yaml.", pattern=ID_PATTERN)]
Label = Annotated[str, D("A classification label: letters, digits and hyphens (RC1, RC2).", pattern=LABEL_PATTERN)]
NameOrId = Annotated[str, D("A person id from genogram.yaml, or a plain name (staff, services).", min_length=1)]
# Marked so the schema check knows prose (where an unquoted " #" silently cuts the text short, RU120).
Text = Annotated[str, D("Free text written by the practitioner.", extra={"free_text": True})]
Date = dt.date

LegalStatus = Literal[
    "section-20", "interim-care-order", "care-order", "supervision-order", "pre-proceedings",
    "child-protection-plan", "child-in-need", "section-76", "other",
]
PlacementType = Literal["foster", "kinship", "residential", "placed-with-parents", "home", "other"]
MeetingKind = Literal[
    "assessment-planning", "child-seen-alone", "mid-point-supervision", "risk-classification",
    "classification-shared", "reunification-planning", "reunification-planning-review", "fgc",
    "fgc-review", "team-around-child", "cic-review", "pathway-plan-review", "cpag", "supervision", "other",
]
DecisionKind = Literal[
    "1", "2", "3", "emergency-placed-with-parents", "cpag", "closure", "proceedings", "discharge-care-order",
]
Role = Literal["team-manager", "service-manager", "head-of-service", "corporate-director", "panel", "other"]
Outcome = Literal["proceed", "do-not-proceed", "permanence"]
Level = Literal["low", "medium", "high", "severe"]
OutcomeStatus = Literal["open", "reunified", "broke-down", "not-pursued", "exited"]
Source = Literal["police", "health", "education", "social-care", "family", "probation", "housing", "court", "other"]
Significance = Literal["low", "medium", "high"]
Sex = Literal["female", "male", "other", "unknown"]
UnionStatus = Literal["married", "cohabiting", "partners", "separated", "divorced", "single"]
BondKind = Literal["close", "conflict", "abuse", "distant", "cut-off"]
RiskStatus = Literal["not-addressed", "being-addressed", "addressed", "re-emerged"]
Evidence = Literal["none", "some", "substantial"]
Indicator = Literal["ended-harmful-relationship", "acknowledges-harm", "overcomes-difficulties", "accepted-previous-removal"]
ParentWish = Literal["wants-return", "ambivalent", "opposes"]
ChildWish = Literal["wants-return", "ambivalent", "opposes", "too-young"]
Recurrence = Literal["unlikely", "some", "strong", "very-strong"]
Progress = Literal["on-track", "achieved", "partly-met", "not-met"]
Arrangement = Literal["kinship", "foster", "residential", "other"]
MeasureTool = Literal["outcomes-tool", "sdq"]
Trigger = Literal["change-of-behaviour", "missing-episode"]


class Record(Struct, forbid_unknown_fields=True, omit_defaults=True, kw_only=True):
    """Base for every record: unknown keys are errors (with a did-you-mean)."""


# ---------------------------------------------------------------- case.yaml
class Placement(Record, kw_only=True):
    type: Annotated[PlacementType, D("Where the child lives now.")]
    since: Annotated[Date | None, D("Date the placement began.")] = None
    carer: Annotated[PersonId | None, D("The carer's person id in genogram.yaml.")] = None


class Team(Record, kw_only=True):
    social_worker: Annotated[str | None, D("Allocated social worker.")] = None
    team_manager: Annotated[str | None, D("Team manager (Decision 1, RHA sign-off).")] = None
    service_manager: Annotated[str | None, D("Service manager (Decisions 2 and 3).")] = None
    qaro: Annotated[str | None, D("Quality assurance / independent reviewing officer.")] = None
    head_of_service: Annotated[str | None, D("Head of service (ratifies Decision 3).")] = None
    chronologist: Annotated[str | None, D("Who writes the analytical chronology.")] = None


class PracticalChecks(Record, kw_only=True):
    housing: Annotated[Date | None, D("Date housing was checked (Detailed Reunification Workflow: highlight any "
        "issues early).")] = None
    finances: Annotated[Date | None, D("Date the family's finances were checked (Detailed Reunification Workflow).")] = None
    school: Annotated[Date | None, D("Date school arrangements were checked (Detailed Reunification Workflow).")] = None


class Assessment(Record, kw_only=True):
    started: Annotated[Date | None, D("Date the Return Home Assessment started.")] = None
    completed: Annotated[Date | None, D("Date the Return Home Assessment was completed.")] = None
    signed_off_by: Annotated[str | None, D("Team manager who signed off the assessment.")] = None
    checks: Annotated[PracticalChecks | None, D("Dates of the practical checks: housing, finances, school (Detailed "
        "Reunification Workflow).")] = None


class Meeting(Record, kw_only=True):
    kind: Annotated[MeetingKind, D("What kind of meeting (as the Detailed Reunification Workflow names them).")]
    date: Annotated[Date, D("Date the meeting was held.")]
    attendees: Annotated[list[NameOrId] | None, D("Who attended: staff names or person ids.")] = None
    agencies: Annotated[list[Text] | None, D("Partner agencies present (Multi-agency audit: involving all necessary "
        "agencies).")] = None
    notes: Annotated[Text | None, D("Notes of the meeting.")] = None


class Decision(Record, kw_only=True):
    decision: Annotated[DecisionKind, D('Which decision point: "1", "2", "3" (quoted), or a named one.')]
    date: Annotated[Date, D("Date of the decision.")]
    by: Annotated[NameOrId, D("Who made the decision.")]
    role: Annotated[Role | None, D("The decision maker's role.")] = None
    outcome: Annotated[Outcome | None, D("What was decided.")] = None
    classification: Annotated[Label | None, D("Label of the classification this decision confirms.")] = None
    ratified_by: Annotated[NameOrId | None, D("Who ratified it (Decision 3: head of service).")] = None
    ratified_on: Annotated[Date | None, D("Date of a later ratification (decide --ratify), on or after the "
        "decision.")] = None
    rationale: Annotated[Text | None, D("Why.")] = None
    despite: Annotated[Text | None, D("Why it was recorded although a step of the workflow was missing "
                                      "(written by `reunify decide --despite`).")] = None


class Classification(Record, kw_only=True):
    label: Annotated[Label, D("Free, unique label, such as RC1, RC2, RC3.")]
    date: Annotated[Date, D("Date the classification was made.")]
    level: Annotated[Level, D("The recorded risk level.")]
    by: Annotated[NameOrId | None, D("Who classified (a manager).")] = None
    suggested: Annotated[Level | Literal["incomplete"] | None, D("What the tool suggested when it was recorded.")] = None
    rationale: Annotated[Text | None, D("Why; required when the level differs from the suggestion.")] = None


class ReturnHome(Record, kw_only=True):
    date: Annotated[Date, D("Date the child moved back home.")]


class Visit(Record, kw_only=True):
    date: Annotated[Date, D("Date of the visit after return home.")]
    announced: Annotated[bool | None, D("Whether the visit was announced.")] = None
    seen_alone: Annotated[bool | None, D("Whether the child was seen alone.")] = None
    out_of_home: Annotated[bool | None, D("Whether the child was seen away from the home (Detailed Reunification "
        "Workflow).")] = None
    by: Annotated[NameOrId | None, D("Who visited.")] = None


class Measure(Record, kw_only=True):
    tool: Annotated[MeasureTool, D("The outcome measure used (Detailed Reunification Workflow: the outcomes tool, the "
        "SDQ).")]
    date: Annotated[Date, D("Date it was completed.")]


class CaseOutcome(Record, kw_only=True):
    status: Annotated[OutcomeStatus, D("Outcome of the reunification activity (Monitoring Form).")]
    date: Annotated[Date | None, D("Date of the outcome.")] = None
    reason: Annotated[Text | None, D("Why.")] = None


class CaseFile(Record, kw_only=True):
    reference: Annotated[str, D("Case reference, unique across a caseload.", pattern=REFERENCE_PATTERN)]
    child: Annotated[PersonId, D("The child's person id in genogram.yaml.")]
    legal_status: Annotated[LegalStatus, D("The child's legal status.")]
    placement: Annotated[Placement | None, D("Where the child lives now.")] = None
    team: Annotated[Team | None, D("Staff on the case (plain names).")] = None
    trusted_adult: Annotated[NameOrId | None, D("A person id or name the child can talk to.")] = None
    assessment: Annotated[Assessment | None, D("The Return Home Assessment (RHA).")] = None
    meetings: Annotated[list[Meeting] | None, D("Meetings held.")] = None
    decisions: Annotated[list[Decision] | None, D("Decision points of the workflow.")] = None
    classifications: Annotated[list[Classification] | None, D("Recorded risk classifications, oldest first.")] = None
    return_home: Annotated[ReturnHome | None, D("The child moved back home.")] = None
    visits: Annotated[list[Visit] | None, D("Social work visits after return home.")] = None
    measures: Annotated[list[Measure] | None, D("Outcome measures completed (Detailed Reunification Workflow: "
        "outcomes tool, SDQ).")] = None
    outcome: Annotated[CaseOutcome | None, D("The Reunification Monitoring Form outcome.")] = None


# ----------------------------------------------------------- chronology.yaml
class Entry(Record, kw_only=True):
    date: Annotated[Date, D("Date of the event.")]
    approximate: Annotated[bool | None, D("True when only the month or year is known.")] = None
    event: Annotated[Text, D("What happened.")]
    source: Annotated[Source, D("Where the information came from.")]
    people: Annotated[list[PersonId] | None, D("Person ids involved.")] = None
    significance: Annotated[Significance | None, D("How significant the event is.")] = None
    factors: Annotated[list[FactorId] | None, D("Factor ids this entry evidences.")] = None
    analysis: Annotated[Text | None, D("What it means; expected when significance is high.")] = None
    trigger: Annotated[Trigger | None, D("A trigger point for revisiting risk (Revisiting Risk in an Informed Way): "
        "change of behaviour or "
                                         "a missing episode.")] = None


class ChronologyFile(Record, kw_only=True):
    entries: Annotated[list[Entry] | None, D("The analytical chronology, one entry an event.")] = None


# ------------------------------------------------------------- genogram.yaml
class Person(Record, kw_only=True):
    id: Id
    name: Annotated[str, D("Full name.", min_length=1)]
    sex: Annotated[Sex | None, D("Sex, for the genogram symbol.")] = None
    born: Annotated[Date | None, D("Date of birth.")] = None
    died: Annotated[Date | None, D("Date of death.")] = None
    household: Annotated[bool | None, D("Lives in, or regularly visits, the home the child would return to.")] = None
    extended_family: Annotated[bool | None, D("A relative outside the household (in scope of police checks, the "
        "Detailed Reunification Workflow).")] = None
    police_check: Annotated[Date | None, D("Date of the police check (household and extended family aged 16+).")] = None
    notes: Annotated[Text | None, D("Notes.")] = None


class Union(Record, kw_only=True):
    partners: Annotated[list[PersonId], D("One or two person ids.", min_length=1, max_length=2)]
    status: Annotated[UnionStatus | None, D("The couple's status.")] = None
    children: Annotated[list[PersonId] | None, D("Their children's person ids.")] = None


class Bond(Record, kw_only=True):
    between: Annotated[list[PersonId], D("The two people.", min_length=2, max_length=2)]
    kind: Annotated[BondKind, D("The emotional relationship.")]


class GenogramFile(Record, kw_only=True):
    people: Annotated[list[Person] | None, D("Everyone in the genogram.")] = None
    unions: Annotated[list[Union] | None, D("Couples and single parents, with their children.")] = None
    bonds: Annotated[list[Bond] | None, D("Emotional relationships, for the drawing.")] = None


# -------------------------------------------------------------- factors.yaml
class RiskFactor(Record, kw_only=True):
    id: Id
    name: Annotated[str, D("What the risk is.", min_length=1)]
    code: Annotated[str | None, D("An Annex 1 factor code (Reunification Practice Framework).")] = None
    status: Annotated[RiskStatus, D("Where the work on this risk stands.")]
    since: Annotated[Date, D("Date the current status began.")]
    identified: Annotated[Date | None, D("Date first identified.")] = None
    historical: Annotated[bool | None, D("A past risk that could re-emerge.")] = None
    evidence: Annotated[Text | None, D("The evidence.")] = None


class ProtectiveFactor(Record, kw_only=True):
    id: Id
    name: Annotated[str, D("What protects the child.", min_length=1)]
    code: Annotated[str | None, D("An Annex 1 factor code (Reunification Practice Framework).")] = None
    apparent: Annotated[bool, D("Whether the factor is apparent now.")]
    since: Annotated[Date | None, D("Date it became apparent (or stopped being).")] = None
    evidence: Annotated[Text | None, D("The evidence.")] = None


class Capacity(Record, kw_only=True):
    evidence: Annotated[Evidence | None, D("How much evidence of capacity to change.")] = None
    sustained: Annotated[bool | None, D("Parents able to demonstrate sustained capacity for actual change.")] = None
    since: Annotated[Date | None, D("Date sustained change was first evidenced.")] = None
    indicators: Annotated[list[Indicator] | None, D("Positive indicators of capacity to change (Reunification "
        "Practice Framework).")] = None


class Wishes(Record, kw_only=True):
    parents: Annotated[ParentWish | None, D("The parents' wishes about return.")] = None
    child: Annotated[ChildWish | None, D("The child's wishes about return.")] = None
    child_views: Annotated[Text | None, D("The child's views, in their own words.")] = None


class FactorsFile(Record, kw_only=True):
    assessed: Annotated[Date | None, D("Date these factors were last assessed.")] = None
    risk_factors: Annotated[list[RiskFactor] | None, D("Risk factors (harm more likely).")] = None
    protective_factors: Annotated[list[ProtectiveFactor] | None, D("Protective factors (harm less likely).")] = None
    capacity_to_change: Annotated[Capacity | None, D("The parents' capacity to change.")] = None
    wishes: Annotated[Wishes | None, D("Parents' and child's wishes.")] = None
    recurrence: Annotated[Recurrence | None, D("Professional judgement of the likelihood of recurrence.")] = None


# ----------------------------------------------------------- agreements.yaml
class Review(Record, kw_only=True):
    date: Annotated[Date, D("Date of the review.")]
    progress: Annotated[Progress, D("Progress against the goal.")]
    note: Annotated[Text | None, D("Notes.")] = None


class Goal(Record, kw_only=True):
    id: Id
    goal: Annotated[Text, D("Specific: what will change.")]
    measure: Annotated[Text | None, D("Measurable: how we will know.")] = None
    agreed: Annotated[bool | None, D("Agreed with the parents.")] = None
    realistic: Annotated[bool | None, D("Realistic, in the practitioner's judgement.")] = None
    due: Annotated[Date | None, D("Timely: when it is due.")] = None
    owner: Annotated[NameOrId | None, D("Who owns the goal (person id or staff name).")] = None
    support: Annotated[Text | None, D("Support offered to meet it.")] = None
    factors: Annotated[list[FactorId] | None, D("Risk factor ids the goal addresses.")] = None
    reviews: Annotated[list[Review] | None, D("Reviews of progress.")] = None


class Agreement(Record, kw_only=True):
    id: Id
    made: Annotated[Date | None, D("Date the agreement was made.")] = None
    parties: Annotated[list[PersonId] | None, D("Person ids who agreed it.")] = None
    objectives: Annotated[list[Text] | None, D("What the agreement is for.")] = None
    goals: Annotated[list[Goal] | None, D("SMART goals.")] = None
    review_every_weeks: Annotated[Annotated[int, Meta(ge=1)] | None, D("Review interval in weeks.")] = None
    consequences: Annotated[Text | None, D("What happens if the goals are not met.")] = None
    signed: Annotated[Date | None, D("Date signed.")] = None


class AgreementsFile(Record, kw_only=True):
    agreements: Annotated[list[Agreement] | None, D("Written parental agreements.")] = None


# ---------------------------------------------------------- contingency.yaml
class Action(Record, kw_only=True):
    who: Annotated[NameOrId | None, D("Who acts (person id or staff name).")] = None
    what: Annotated[Text | None, D("What they do.")] = None
    when: Annotated[Text | None, D("When (for example 'within 24 hours').")] = None


class Stage(Record, kw_only=True):
    stage: Annotated[int, D("Stage number, least to most serious.", ge=1)]
    triggers: Annotated[list[Text] | None, D("What triggers this stage.")] = None
    factors: Annotated[list[FactorId] | None, D("Risk factor ids this stage responds to.")] = None
    actions: Annotated[list[Action] | None, D("Who does what, when.")] = None


class AlternativeCare(Record, kw_only=True):
    carer: Annotated[NameOrId, D("Person id or provider name.")]
    arrangement: Annotated[Arrangement | None, D("Kind of care.")] = None
    viability_checked: Annotated[Date | None, D("Date viability was checked.")] = None


class Investigation(Record, kw_only=True):
    open: Annotated[bool, D("Whether a criminal investigation is open.")]
    police_position_checked: Annotated[Date | None, D("Date the police position was checked.")] = None
    rationale: Annotated[Text | None, D("Rationale for proceeding given the investigation.")] = None
    sustainability_plan: Annotated[Text | None, D("The sustainability plan (Best Practice Guide: written, with "
        "oversight from a "
                                                  "manager).")] = None
    sustainability_oversight_by: Annotated[NameOrId | None, D("The manager overseeing the sustainability "
                                                              "plan.")] = None


class NotShared(Record, kw_only=True):
    person: Annotated[PersonId, D("A person deliberately not told of the plan (a person id).")]
    reason: Annotated[Text | None, D("Why (for example: the parent poses the risk).")] = None


class ContingencyFile(Record, kw_only=True):
    shared_with: Annotated[list[PersonId] | None, D("Person ids it was explained to.")] = None
    shared_on: Annotated[Date | None, D("Date it was shared.")] = None
    not_shared: Annotated[list[NotShared] | None, D("People deliberately not told of the plan, and why.")] = None
    reviewed: Annotated[Date | None, D("Date last reviewed.")] = None
    stages: Annotated[list[Stage] | None, D("Staged responses, least to most serious.")] = None
    alternative_care: Annotated[list[AlternativeCare] | None, D("Viable care if reunification breaks down.")] = None
    permanence: Annotated[Text | None, D("The plan if reunification breaks down completely.")] = None
    criminal_investigation: Annotated[Investigation | None, D("An open criminal investigation.")] = None


# ----------------------------------------------------------------- plan.yaml
class Support(Record, kw_only=True):
    service: Annotated[str, D("The service.", min_length=1)]
    for_: Annotated[list[PersonId] | None, D("Person ids the service is for.")] = msgspec.field(
        default=None, name="for"
    )
    factors: Annotated[list[FactorId] | None, D("Risk factor ids it addresses.")] = None
    start: Annotated[Date | None, D("Start date.")] = None
    end: Annotated[Date | None, D("End date (at least 12 months after return home).")] = None


class Contact(Record, kw_only=True):
    from_: Annotated[Date, D("Date this contact pattern starts.")] = msgspec.field(name="from")
    pattern: Annotated[Text, D("The contact pattern.")]


class PlanFile(Record, kw_only=True):
    support: Annotated[list[Support] | None, D("Services in the team around the child and family.")] = None
    contact: Annotated[list[Contact] | None, D("The contact plan building towards return.")] = None
    transition: Annotated[Text | None, D("How the return happens.")] = None
    baby_safety: Annotated[Text | None, D("For babies and toddlers: the specific safety measures.")] = None
    cin_plan: Annotated[Date | None, D("Date of the Child in Need plan that holds the goals (Detailed Reunification "
        "Workflow: s20 cases).")] = None


FILE_MODELS: dict[str, type[Record]] = {
    "case": CaseFile,
    "chronology": ChronologyFile,
    "genogram": GenogramFile,
    "factors": FactorsFile,
    "agreements": AgreementsFile,
    "contingency": ContingencyFile,
    "plan": PlanFile,
}
