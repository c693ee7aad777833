"""The five source documents the practice rules come from, named by title (docs/sources.md says what each is).

A rule's source is a `Cite`: the document (by its stable short id, which JSON
outputs carry as `source_id`) and where in it (a section, table or slide), so
every place a user reads a rule names the document the same way. Kept free of
imports: every command's start-up may touch it.
"""

from __future__ import annotations

from typing import NamedTuple


class Source(NamedTuple):
    id: str  # stable short id, carried in JSON beside the title
    title: str  # the document's own title
    by: str  # who wrote or published it
    name: str  # how a sentence names it ("the NSPCC Reunification Practice Framework")


SOURCES: dict[str, Source] = {s.id: s for s in (
    Source("ddscp-guide", "Best Practice Guide: Reunification",
           "Derby and Derbyshire Safeguarding Children Partnership, July 2025",
           "the Derby and Derbyshire Best Practice Guide: Reunification"),
    Source("ddscp-audit", "Multi-agency audit of reunification practice",
           "Derby and Derbyshire Safeguarding Children Partnership",
           "the Derby and Derbyshire multi-agency audit of reunification practice"),
    Source("nspcc-framework", "Reunification Practice Framework",
           "Scale Up Unit (Wales), on the NSPCC's evidence-informed framework for return home practice",
           "the NSPCC Reunification Practice Framework"),
    Source("la-workflow", "Reunification Process: Detailed Reunification Workflow",
           "a local authority's workflow for the NSPCC framework",
           "the local authority's Detailed Reunification Workflow"),
    Source("tm-training", "Revisiting Risk in an Informed Way: The Right Child at the Right Time",
           "training slides for team managers on the NSPCC tools",
           "the team managers' training, Revisiting Risk in an Informed Way"),
)}

CONVENTION = "tool convention"  # what a rule that is reunify's own, not a document's, gives as its source


class Cite(NamedTuple):
    """Where a rule comes from: one document (or none, for a tool convention) and the place in it."""

    source: str | None  # a key of SOURCES; None for a tool convention
    where: str = ""  # "Risk Classification Table", "slide: trigger points", ...

    @property
    def title(self) -> str:
        """The citation as a reader sees it: the document's title and the place, or "tool convention"."""
        if self.source is None:
            return CONVENTION
        title = SOURCES[self.source].title
        return f"{title} ({self.where})" if self.where else title

    @property
    def name(self) -> str:
        """The document as a sentence names it."""
        return SOURCES[self.source].name if self.source else "reunify's own convention (not the framework's)"
