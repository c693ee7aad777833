"""`reunify audit`: each case's answers in a worker, then the share of cases meeting each question."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import Any

from reunify.case.load import Case
from reunify.case.settings import Settings
from reunify.caseload.results import Kind


def answers_of(case: Case, as_of: dt.date, found: Settings) -> list[tuple[bool, bool, str]]:
    """A valid case's answer to each audit question: (applies, met, why not met)."""
    from reunify.framework.audit import ask_all

    return [tuple(a) for a in ask_all(case, as_of, found)]


def audit_row(path: str, reference: str, error: str | None, answers: list | None) -> dict[str, Any]:
    return {"case": reference, "path": path, "error": error, "answers": answers}


ANSWERS = Kind("audit", list[tuple[bool, bool, str]], answers_of, audit_row)


def summarise(rows: Iterable[dict[str, Any]], as_of: dt.date) -> dict[str, Any]:
    """Share of applicable cases meeting each question, and which fail (streams the rows)."""
    from reunify.framework.audit import OVERALL_CAVEAT, QUESTIONS, overall

    applicable = [0] * len(QUESTIONS)
    met = [0] * len(QUESTIONS)
    failing: list[list[tuple[str, str]]] = [[] for _ in QUESTIONS]  # (case, why): lighter than a dict a case
    texts: dict[str, str] = {}  # each reason's text once: most failing cases share a few reasons
    errors = []
    cases = 0
    for row in rows:
        cases += 1
        if row["error"]:
            errors.append({"case": row["case"], "path": row["path"], "error": row["error"]})
            continue
        for i, (applies, ok, why) in enumerate(row["answers"]):
            if applies:
                applicable[i] += 1
                if ok:
                    met[i] += 1
                else:
                    failing[i].append((row["case"], texts.setdefault(why, why)))
    questions = []
    for i, q in enumerate(QUESTIONS):
        failing[i].sort(key=itemgetter(0))
        questions.append({
            "id": q.id, "question": q.question, "source": q.source, "source_id": q.source_id,
            "applicable": applicable[i], "met": met[i],
            "share": round(met[i] / applicable[i], 3) if applicable[i] else None,
            "failing": [case for case, _ in failing[i]],
            "reasons": dict(failing[i]),
        })
    return {"as_of": as_of.isoformat(), "cases": cases, "questions": questions,
            "overall": overall([q["share"] for q in questions]), "overall_caveat": OVERALL_CAVEAT,
            "errors": sorted(errors, key=lambda e: e["case"])}


CSV_COLUMNS = ("as_of", "case", "question", "applicable", "met", "reason")


def answer_rows(rows: Iterable[dict[str, Any]], as_of: dt.date) -> Iterator[dict[str, Any]]:
    """`audit --format csv`: one row per case and question, ordered by case (docs/command-line.md's columns); a case
    that could not be read is one row saying why."""
    from reunify.framework.audit import QUESTIONS

    day = as_of.isoformat()
    for row in sorted(rows, key=lambda r: (r["case"], r["path"])):
        if row["error"]:
            yield {"as_of": day, "case": row["case"], "question": "", "applicable": "", "met": "",
                   "reason": f"not audited: {row['error']}"}
            continue
        for q, (applies, ok, why) in zip(QUESTIONS, row["answers"], strict=True):
            yield {"as_of": day, "case": row["case"], "question": q.question,
                   "applicable": "yes" if applies else "no", "met": ("yes" if ok else "no") if applies else "",
                   "reason": (why or "not met") if applies and not ok else ""}
