"""`reunify audit`: each case's answers in a worker, then the share of cases meeting each question."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from itertools import groupby
from typing import Any

from reunify.case.load import Case
from reunify.case.settings import Settings
from reunify.caseload.results import Kind, failed_row, kept_failed
from reunify.caseload.spool import Section, Spool, text


def answers_of(case: Case, as_of: dt.date, found: Settings) -> list[tuple[bool, bool, str]]:
    """A valid case's answer to each audit question: (applies, met, why not met)."""
    from reunify.framework.audit import ask_all

    return [tuple(a) for a in ask_all(case, as_of, found)]


def audit_row(path: str, reference: str, error: str | None, answers: list | None) -> dict[str, Any]:
    return {"case": reference, "path": path, "error": error, "answers": answers}


ANSWERS = Kind("audit", list[tuple[bool, bool, str]], answers_of, audit_row)


class Question(Mapping[str, Any]):
    """One question of the summary, as a read-only mapping: its counts held; its failing cases and why each fails
    read back from the spool's section for it each time they are asked for (sorted there by reference, equal ones
    as they came), so neither the JSON writer (`cli.common`) nor the views ever hold a list of cases."""

    KEYS = ("id", "question", "source", "source_id", "applicable", "met", "share", "failing", "reasons")

    def __init__(self, fixed: dict[str, Any], spool: Spool, at: int) -> None:
        self._fixed, self._spool, self._at = fixed, spool, at

    def __getitem__(self, key: str) -> Any:
        if key == "failing":
            return Section(self._spool, self._at, lambda key, _: text(key[1]))
        if key == "reasons":
            return _Reasons(self)
        return self._fixed[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.KEYS)

    def __len__(self) -> int:
        return len(self.KEYS)

    def each(self) -> Iterator[tuple[str, str]]:
        """(case, why) for each failing case as `failing` lists it, why as `reasons` gives it: a reference given
        twice (a copied folder) is listed twice, with the reason its later row gave."""
        for case, whys in self.reasons_said():
            for _ in whys:
                yield case, whys[-1]

    def reasons_said(self) -> Iterator[tuple[str, list[str]]]:
        """Each failing reference and the reasons its rows gave, in the order they came (one, unless a folder was
        copied)."""
        for case, pairs in groupby(self._spool.section(self._at), key=lambda pair: pair[0][1]):
            yield text(case), [text(why) for _, why in pairs]


class _Reasons(Mapping[str, str]):
    """A question's {case: why not met} as the JSON has it, read back as it is iterated."""

    def __init__(self, question: Question) -> None:
        self._question = question

    def items(self) -> Iterator[tuple[str, str]]:  # the pairs in order, read once: not a view
        return ((case, whys[-1]) for case, whys in self._question.reasons_said())

    def __iter__(self) -> Iterator[str]:
        return (case for case, _ in self.items())

    def __getitem__(self, case: str) -> str:
        for said, why in self.items():
            if said == case:
                return why
        raise KeyError(case)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def summarise(rows: Iterable[dict[str, Any]], as_of: dt.date, spool: Spool) -> dict[str, Any]:
    """Share of applicable cases meeting each question, counted as the rows stream by; which cases fail each and
    why, and which could not be audited, kept in `spool` (a section a question, then one for those) and read back
    as they are printed: memory holds neither the rows nor a list of cases."""
    from reunify.framework.audit import OVERALL_CAVEAT, QUESTIONS, overall

    applicable = [0] * len(QUESTIONS)
    met = [0] * len(QUESTIONS)
    cases = 0
    for cases, row in enumerate(rows, 1):  # the row's number keeps equal references in the order they came
        if row["error"]:
            spool.add((len(QUESTIONS), row["case"], cases), kept_failed(row))
            continue
        for i, (applies, ok, why) in enumerate(row["answers"]):
            if applies:
                applicable[i] += 1
                if ok:
                    met[i] += 1
                else:
                    spool.add((i, row["case"], cases), why.encode("utf-8", "surrogatepass"))
    questions = []
    for i, q in enumerate(QUESTIONS):
        share = round(met[i] / applicable[i], 3) if applicable[i] else None
        questions.append(Question({"id": q.id, "question": q.question, "source": q.source, "source_id": q.source_id,
                                   "applicable": applicable[i], "met": met[i], "share": share}, spool, i))
    return {"as_of": as_of.isoformat(), "cases": cases, "questions": questions,
            "overall": overall([q["share"] for q in questions]), "overall_caveat": OVERALL_CAVEAT,
            "errors": Section(spool, len(QUESTIONS), failed_row)}


CSV_COLUMNS = ("as_of", "case", "question", "applicable", "met", "reason")


def answer_rows(rows: Iterable[dict[str, Any]], as_of: dt.date) -> Iterator[dict[str, Any]]:
    """`audit --format csv`: one row per case and question (docs/command-line.md's columns), the cases' rows given
    in order of (case, path); a case that could not be read is one row saying why."""
    from reunify.framework.audit import QUESTIONS

    day = as_of.isoformat()
    for row in rows:
        if row["error"]:
            yield {"as_of": day, "case": row["case"], "question": "", "applicable": "", "met": "",
                   "reason": f"not audited: {row['error']}"}
            continue
        for q, (applies, ok, why) in zip(QUESTIONS, row["answers"], strict=True):
            yield {"as_of": day, "case": row["case"], "question": q.question,
                   "applicable": "yes" if applies else "no", "met": ("yes" if ok else "no") if applies else "",
                   "reason": (why or "not met") if applies and not ok else ""}
