"""Every practice rule, declared one way: the registry `reunify rules`, labels, alerts and tests read.

A movement rule, trigger prompt, order check, checklist task or audit question
is one `PracticeRule`: its id, kind, the documents it comes from (`Cite`s, each
with the document's own words, verbatim, slips fixed only inside [brackets]),
whether the rule is a tool convention (and a note on the part of it that is
ours), when it applies in plain words, and the function that applies it. Each
rule module declares its rules with `declare`; `load()` imports them all.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any, NamedTuple

from reunify.sources import Cite

KINDS = ("movement", "trigger", "order", "task", "audit")


class PracticeRule(NamedTuple):
    id: str
    kind: str  # one of KINDS
    cites: tuple[Cite, ...]  # the documents, first the one the rule mainly comes from; (Cite(None),) for ours alone
    quotes: tuple[str, ...]  # each cite's words ("" when the rule quotes none of it), aligned with cites
    when: str  # when it applies, in plain words
    fn: Callable[..., Any] | None = None  # what applies it (a task's or a question's rule; None: in its module)
    convention: bool = False  # the whole rule is the tool's, not the documents'
    note: str | None = None  # the part of it that is ours
    level: str | None = None  # movement: where the rule points (None: it depends on the case)
    stage: int | None = None  # task: its stage
    where: str | None = None  # task: the file and field that hold the evidence
    question: str | None = None  # audit: the question asked of each case
    name: str | None = None  # task: its name in reports ("Decision 1 (team manager)")
    alert: str | None = None  # movement: a safeguarding alert "always" or once "overdue" (alerts.py)

    @property
    def quote(self) -> str:
        """The main document's words."""
        return self.quotes[0] if self.quotes else ""

    @property
    def source(self) -> str:
        """The documents by title, with the place in each (what every output prints as `source`)."""
        return "; ".join(c.title for c in self.cites)

    @property
    def source_id(self) -> str:
        """The main document's stable short id, or "convention" (JSON `source_id`)."""
        return self.cites[0].source or "convention"

    def words(self, quote: str | None = None) -> str:
        """The rule's quotations, each introduced by the document that says it (`quote` replaces the first)."""
        quotes = (self.quote if quote is None else quote, *self.quotes[1:])
        said = [f"in the words of {_named(c)}: \"{q}\"" for c, q in zip(self.cites, quotes, strict=True) if q]
        return "; ".join(said)


def _named(cite: Cite) -> str:
    """The document as a sentence names it, with the place in it."""
    return f"{cite.name} ({cite.where})" if cite.where else cite.name


REGISTRY: dict[str, PracticeRule] = {}


def declare(rule: PracticeRule) -> PracticeRule:
    """Add `rule`; an id is declared once across every kind."""
    if rule.kind not in KINDS:
        raise ValueError(f"unknown kind {rule.kind} for {rule.id}")
    if rule.id in REGISTRY:
        raise ValueError(f"duplicate practice rule id {rule.id}")
    if len(rule.quotes) != len(rule.cites):
        raise ValueError(f"{rule.id}: one quote (or \"\") a cite")
    REGISTRY[rule.id] = rule
    return rule


# The modules that declare rules (named, not imported here: they import this module to declare).
MODULES = ("reunify.framework.movement", "reunify.framework.triggers", "reunify.framework.order",
           "reunify.framework.checklist", "reunify.framework.audit")


def load() -> dict[str, PracticeRule]:
    """The whole registry: importing the rule modules declares their rules."""
    for module in MODULES:
        import_module(module)
    return REGISTRY


def declared(kind: str) -> list[PracticeRule]:
    """The rules of one kind declared so far, in their modules' order (for a module that imported its rules)."""
    return [r for r in REGISTRY.values() if r.kind == kind]


def of_kind(kind: str) -> list[PracticeRule]:
    """Every rule of one kind, in the order their modules declare them."""
    load()
    return declared(kind)


def kind_of(rule_id: str) -> str:
    return load()[rule_id].kind
