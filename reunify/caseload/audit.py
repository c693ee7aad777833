"""`reunify audit`: each case's answers in a worker, then the share of cases meeting each question."""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Iterator, Mapping
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


class _Failing:
    """Which cases fail each question and why, as numbers in arrays: a few bytes a failing answer, where a
    (case, why) tuple in a list cost about 70, some 0.6 KiB a case over an audit's 13 questions. A question's
    list and reasons are made when they are printed, one question at a time (`Question`)."""

    def __init__(self, questions: int) -> None:
        self.cases: list[str] = []  # the reference of each case failing something, in the order the rows came
        self.rows = [array("I") for _ in range(questions)]  # question -> numbers into `cases`
        self.why = [array("I") for _ in range(questions)]  # question -> numbers into `texts`, beside `rows`
        self.texts: list[str] = []  # each reason's text once: most failing cases share a few reasons
        self._number: dict[str, int] = {}
        self._made: tuple[int, list[str], dict[str, str]] | None = None
        self._rank: array | None = None  # made once all rows are in (`_ranks`)

    def add(self, case: str, question: int, why: str) -> None:
        if not self.cases or self.cases[-1] is not case:
            self.cases.append(case)
        number = self._number.setdefault(why, len(self.texts))
        if number == len(self.texts):
            self.texts.append(why)
        self.rows[question].append(len(self.cases) - 1)
        self.why[question].append(number)

    def of(self, question: int) -> tuple[list[str], dict[str, str]]:
        """The question's failing cases by reference (as they came, for equal ones) and why each fails (the last
        said, for equal ones); the last question made is kept, as its list and reasons are asked for in turn."""
        if self._made is None or self._made[0] != question:
            self._made = None  # the question before is let go first
            cases, texts, rows, why = self.cases, self.texts, self.rows[question], self.why[question]
            if self._rank is None:
                self._rank = _ranks(cases)
            at: Iterable[int] = range(len(rows))
            if self._rank:  # rows came in order of reference (folders named by it, usually): nothing to sort
                rank = self._rank
                at = sorted(at, key=lambda j: rank[rows[j]])
            failing, reasons = [], {}
            for j in at:
                failing.append(cases[rows[j]])
                reasons[cases[rows[j]]] = texts[why[j]]
            self._made = (question, failing, reasons)
        return self._made[1], self._made[2]


def _ranks(cases: list[str]) -> array:
    """Each case's place in order of reference (equal ones as they came), or nothing if they came in that order."""
    from itertools import pairwise

    if all(a <= b for a, b in pairwise(cases)):
        return array("I")
    rank = array("I", bytes(4 * len(cases)))
    for place, number in enumerate(sorted(range(len(cases)), key=cases.__getitem__)):
        rank[number] = place
    return rank


class Question(Mapping[str, Any]):
    """One question of the summary, as a read-only mapping: its counts held, its failing cases and reasons made
    from `_Failing` when asked for, so the JSON encoder (`cli.common`) and the views hold one question's lists
    at a time, not thirteen."""

    KEYS = ("id", "question", "source", "source_id", "applicable", "met", "share", "failing", "reasons")

    def __init__(self, fixed: dict[str, Any], failing: _Failing, at: int) -> None:
        self._fixed, self._failing, self._at = fixed, failing, at

    def __getitem__(self, key: str) -> Any:
        if key == "failing":
            return self._failing.of(self._at)[0]
        if key == "reasons":
            return self._failing.of(self._at)[1]
        return self._fixed[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.KEYS)

    def __len__(self) -> int:
        return len(self.KEYS)


def summarise(rows: Iterable[dict[str, Any]], as_of: dt.date) -> dict[str, Any]:
    """Share of applicable cases meeting each question, and which fail (streams the rows)."""
    from reunify.framework.audit import OVERALL_CAVEAT, QUESTIONS, overall

    applicable = [0] * len(QUESTIONS)
    met = [0] * len(QUESTIONS)
    failing = _Failing(len(QUESTIONS))
    errors = []
    cases = 0
    for row in rows:
        cases += 1
        if row["error"]:
            errors.append({"case": row["case"], "path": row["path"], "error": row["error"]})
            continue
        case = row["case"]
        for i, (applies, ok, why) in enumerate(row["answers"]):
            if applies:
                applicable[i] += 1
                if ok:
                    met[i] += 1
                else:
                    failing.add(case, i, why)
    questions = []
    for i, q in enumerate(QUESTIONS):
        share = round(met[i] / applicable[i], 3) if applicable[i] else None
        questions.append(Question({"id": q.id, "question": q.question, "source": q.source, "source_id": q.source_id,
                                   "applicable": applicable[i], "met": met[i], "share": share}, failing, i))
    return {"as_of": as_of.isoformat(), "cases": cases, "questions": questions,
            "overall": overall([q["share"] for q in questions]), "overall_caveat": OVERALL_CAVEAT,
            "errors": sorted(errors, key=lambda e: e["case"])}


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
