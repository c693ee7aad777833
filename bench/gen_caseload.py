"""Generate a synthetic caseload of fictional cases for benchmarks.

Variety: all five stages and four levels, households with and without
teenagers, agreements, contingency plans and support at the later stages.
Chronology entries are about 200 bytes each; their number a case is set by
the profile:
- uniform: every case 40 entries (cases differ only by stage);
- varied: 10 to 160 entries, most cases short (a realistic team caseload);
- long-tail: 10 to 2,000 entries, most short, a few very long.
`--small` writes one small case instead (4 files, about 3 KB: the one case a
pre-commit hook usually checks). Every case validates. Deterministic for a
given seed.
Usage: python bench/gen_caseload.py OUT_DIR --cases 1000 [--profile varied] [--seed 1] [--small]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

LEVELS = ("low", "medium", "high", "severe")
STATUSES = ("not-addressed", "being-addressed", "addressed", "re-emerged")
SOURCES = ("police", "health", "education", "social-care", "family", "probation", "housing", "court")
WORKERS = ("Sam Patel", "Grace Mensah", "Hannah Reid", "Tom Okafor", "Ruth Adeyemi", "Owen Hart")
EVENTS = (
    "Police called after a report of shouting at the house; mother says she is safe.",
    "Health visitor notes missed immunisations, a cold home and little food in.",
    "School reports the child arrived hungry and tired | again, second time this week.",
    "Father attends the recovery group as agreed and tests negative for the third time.",
    "Contact at the family centre went well; the child was settled <and> happy.",
)


def day(base: dt.date, offset: int) -> str:
    return (base + dt.timedelta(days=offset)).isoformat()


def long_tail(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.01:
        return rng.randint(1000, 2000)
    if roll < 0.1:
        return rng.randint(200, 999)
    return rng.randint(10, 120)


PROFILES = {
    "uniform": lambda rng: 40,
    "varied": lambda rng: 10 + int(150 * rng.random() ** 2),  # 10-160, median about 45
    "long-tail": long_tail,
}


def write_case(folder: Path, n: int, rng: random.Random, entries: int | None = None, stage: int | None = None) -> None:
    """One case; `entries` chronology entries (else the long tail), at `stage` (else any)."""
    folder.mkdir(parents=True, exist_ok=True)
    stage = stage or rng.randint(1, 5)
    start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 600))
    level = rng.choice(LEVELS)
    worker = rng.choice(WORKERS)
    status = rng.choice(["care-order", "section-20", "interim-care-order"])
    case = [f"reference: RU-SYN-{n:06d}", "child: child", f"legal_status: {status}",
            "placement:", "  type: foster", f"  since: {day(start, -30)}",
            "team:", f"  social_worker: {worker}", "  team_manager: Jo Rivers", "  service_manager: Alex Moore",
            "trusted_adult: Foster carer", "meetings:",
            f"  - kind: assessment-planning\n    date: {day(start, 7)}\n    attendees: [{worker}, mum]",
            f"  - kind: child-seen-alone\n    date: {day(start, 14)}"]
    if stage >= 4:
        case.append(f"  - kind: mid-point-supervision\n    date: {day(start, 40)}")
    if stage >= 3:
        case.append(f"  - kind: reunification-planning\n    date: {day(start, 120)}\n    attendees: [{worker}, mum, dad]")
    if stage >= 2:
        case.append("decisions:")
        case.append(f"  - decision: \"1\"\n    date: {day(start, 1)}\n    by: Jo Rivers\n    role: team-manager\n"
                    "    outcome: proceed")
    if stage >= 2:
        case.append(f"  - decision: \"2\"\n    date: {day(start, 90)}\n    by: Alex Moore\n    role: service-manager\n"
                    f"    outcome: {'permanence' if level == 'severe' else 'proceed'}")
        case.append(f"classifications:\n  - label: RC1\n    date: {day(start, 90)}\n    level: {level}\n    by: Alex Moore")
    if stage == 5:
        case.append(f"return_home:\n  date: {day(start, 300)}")
        case.append("visits:\n" + "\n".join(
            f"  - {{date: {day(start, 303 + 30 * i)}, announced: {str(i % 2 == 0).lower()}, seen_alone: true}}"
            for i in range(rng.randint(1, 8))))
        if n % 4 == 0:  # a quarter of the returns break down (not drawn from rng: the other cases stay as they were)
            case.append(f"outcome:\n  status: broke-down\n  date: {day(start, 330 + n % 300)}")
    (folder / "case.yaml").write_text("\n".join(case) + "\n", encoding="utf-8")

    teen = rng.random() < 0.3
    people = ["people:", f"  - {{id: child, name: Child {n}, sex: unknown, born: {day(start, -rng.randint(200, 5000))}}}",
              f"  - {{id: mum, name: Parent A {n}, born: 1990-01-01, household: true, police_check: {day(start, 20)}}}",
              f"  - {{id: dad, name: Parent B {n}, born: 1988-05-05, household: {str(rng.random() < 0.5).lower()}}}"]
    if teen:
        people.append(f"  - {{id: sibling, name: Sibling {n}, born: {day(start, -6000)}, household: true}}")
    people += ["unions:", "  - partners: [mum, dad]", "    status: separated", "    children: [child]"]
    (folder / "genogram.yaml").write_text("\n".join(people) + "\n", encoding="utf-8")

    lines = ["entries:"]
    count = long_tail(rng) if entries is None else entries
    for i in range(count):  # oldest first, as a chronology is kept (RU409)
        significance = rng.choice(("low", "medium", "high"))
        lines.append(f"  - date: {day(start, i - count + 1)}\n    event: \"{rng.choice(EVENTS)}\"\n"
                     f"    source: {rng.choice(SOURCES)}\n    people: [mum, child]\n    significance: {significance}")
        if significance == "high":
            lines.append("    analysis: A pattern that matters for the child's safety.")
    (folder / "chronology.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    if stage < 2:
        return
    risks = []
    for i in range(rng.randint(1, 4)):
        risks.append(f"  - {{id: risk-{i}, name: Risk {i}, code: substance-misuse, status: {rng.choice(STATUSES)}, "
                     f"since: {day(start, 60 + i)}, historical: {str(rng.random() < 0.3).lower()}}}")
    factors = [f"assessed: {day(start, 80)}", "risk_factors:", *risks, "protective_factors:",
               f"  - {{id: nan, name: Grandmother, apparent: {str(rng.random() < 0.8).lower()}, since: {day(start, 10)}}}",
               "capacity_to_change:", f"  sustained: {str(rng.random() < 0.5).lower()}", f"  since: {day(start, 50)}",
               "wishes:", "  parents: wants-return", f"  child: {rng.choice(['wants-return', 'ambivalent', 'too-young'])}",
               "  child_views: In my own words.",
               f"recurrence: {rng.choice(['unlikely', 'some', 'strong', 'very-strong'])}"]
    (folder / "factors.yaml").write_text("\n".join(factors) + "\n", encoding="utf-8")
    if stage < 3:
        return
    (folder / "agreements.yaml").write_text(
        "agreements:\n  - id: pa-1\n" f"    made: {day(start, 130)}\n    parties: [mum, dad]\n"
        "    objectives: [\"Return home safely\"]\n    goals:\n"
        f"      - {{id: g1, goal: Stay safe, measure: Tests, agreed: true, realistic: true, due: {day(start, 220)}, "
        f"owner: mum, factors: [risk-0], reviews: [{{date: {day(start, 225)}, progress: achieved}}]}}\n"
        f"    review_every_weeks: 6\n    consequences: Plan paused\n    signed: {day(start, 130)}\n", encoding="utf-8")
    (folder / "contingency.yaml").write_text(
        f"shared_with: [mum, dad]\nshared_on: {day(start, 140)}\nstages:\n"
        "  - stage: 1\n    triggers: [\"A missed test\"]\n    factors: [risk-0]\n"
        f"    actions:\n      - {{who: {worker}, what: Visit, when: within 24 hours}}\n"
        f"alternative_care:\n  - {{carer: Foster carer, arrangement: foster, viability_checked: {day(start, 100)}}}\n"
        "permanence: Long-term foster care\n", encoding="utf-8")
    (folder / "plan.yaml").write_text(
        f"support:\n  - {{service: Recovery service, for: [mum], factors: [risk-0], start: {day(start, 100)}}}\n"
        f"contact:\n  - {{from: {day(start, 150)}, pattern: Weekends}}\ntransition: Gradual over six weeks\n",
        encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--profile", choices=sorted(PROFILES), default="long-tail")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--small", action="store_true", help="write one small case into OUT_DIR")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.small:
        write_case(args.out, 1, rng, entries=8, stage=2)
        print(f"wrote one small case in {args.out}")
        return
    length = PROFILES[args.profile]
    for n in range(args.cases):
        write_case(args.out / f"team-{n % 10}" / f"case-{n:06d}", n, rng, length(rng))
    print(f"wrote {args.cases} cases ({args.profile}) under {args.out}")


if __name__ == "__main__":
    main()
