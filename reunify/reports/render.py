"""Render the framework's documents: one Markdown file a report (and genogram.dot).

Team templates are other people's code running on case data (docs/command-line.md, "Hostile
and broken input"): any exception they raise, not only Jinja2's, and any run
past 10 s becomes a ReportError naming the template; each report renders from
its own copy of the context in an immutable sandbox, so no template can change
what another report sees.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from markupsafe import Markup

from reunify.case.load import Case
from reunify.case.settings import Settings
from reunify.reports import context as ctx
from reunify.reports import genogram, pictures
from reunify.reports.environment import environment
from reunify.trail.git import case_commit

TIME_LIMIT = 10.0  # seconds a template may run (docs/command-line.md)
# A tool convention: what one template may add to the process's memory, and the longest report it may write.
# Python cannot interrupt one call in C, so `"x"|center(3000000000)` ran for half a minute past the time limit
# while it filled gigabytes; under a memory limit it fails at once. Rendering the largest case files (5 MiB)
# grows the process by a few megabytes, and writes reports of a few.
MEMORY_LIMIT = 512 * 1024 * 1024  # bytes
OUTPUT_LIMIT = 64 * 1024 * 1024  # characters


class ReportError(Exception):
    """A report template failed or ran too long; the message names the template."""


class _TooLong(Exception):
    pass


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the render after `seconds` (SIGALRM; only where signals work: the main thread on Unix)."""
    import signal
    import threading

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise _TooLong

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _memory_limit(extra: int) -> Iterator[None]:
    """Let the process grow by at most `extra` bytes of address space meanwhile (Linux: RLIMIT_AS from the size in
    /proc/self/statm; elsewhere no limit). The previous limit is restored afterwards."""
    try:
        import resource

        with open("/proc/self/statm") as handle:
            used = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        yield
        return
    cap = used + extra
    if (hard != resource.RLIM_INFINITY and cap >= hard) or (soft != resource.RLIM_INFINITY and cap >= soft):
        yield  # a tighter limit is already in force
        return
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _template_of(exc: BaseException, fallback: str) -> str:
    """The template file the error arose in (the innermost .j2 frame, which includes resolve to), else `fallback`."""
    found = getattr(exc, "filename", None) or getattr(exc, "name", None)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            found = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    return str(found or fallback)


def run_template(env: Any, name: str, context: dict[str, Any]) -> str:
    """One template rendered within the limits every template gets: any error, a run past TIME_LIMIT, growth past
    MEMORY_LIMIT or a report past OUTPUT_LIMIT is a ReportError naming the template (a team's own template
    included), never a traceback."""
    from reunify.diagnostics.escape import terminal

    try:
        with _time_limit(TIME_LIMIT), _memory_limit(MEMORY_LIMIT):
            text = env.get_template(name).render(context)
        if len(text) > OUTPUT_LIMIT:
            raise ReportError(f"template {terminal(name)} wrote more than {OUTPUT_LIMIT // 2**20} MiB: not a report")
        return text
    except ReportError:
        raise
    except _TooLong:
        raise ReportError(f"template {terminal(name)} ran for more than {TIME_LIMIT:g} s and was stopped") from None
    except RecursionError:
        raise ReportError(f"template {terminal(name)} recursed too deeply") from None
    except MemoryError:
        raise ReportError(f"template {terminal(name)} ran out of memory") from None
    except Exception as exc:  # any error in a team's template is a clear message, never a traceback
        where = terminal(_template_of(exc, name))
        raise ReportError(f"template {where} failed: {type(exc).__name__}: {terminal(exc)}") from None


def render(case: Case, as_of: dt.date, settings: Settings, names: list[str], *, redact: bool = False,
           templates: Path | None = None, commit: str | None = None) -> dict[str, str]:
    """{file name: text} for the chosen reports; the genogram report also yields genogram.dot."""

    context = ctx.build(case, as_of, settings, commit or case_commit(case.folder))
    scrub = None
    if redact:
        context, scrub = ctx.redact(context)
    child = context["case"]["child"]
    context["genogram_mermaid"] = Markup(genogram.mermaid(context["genogram"], child))
    context["risk_over_time"] = Markup(pictures.markdown(pictures.risk_data(case, as_of)))  # labels and dates only
    env = environment(templates or settings.templates)
    out: dict[str, str] = {}
    for name in names:
        fallback = f"{name}.md.j2"
        own = copy.deepcopy(context)  # a template cannot change what the next report sees
        people = own["people"]
        env.filters["person"] = lambda value, people=people: people[value]["name"] if value in people else value
        text = run_template(env, fallback, own)
        out[f"{name}.md"] = _scrubbed(text, scrub) if scrub else text
        if name == "genogram":  # drawn from the (redacted) context: no last pass over the diagram's own syntax
            title = f"Genogram of {context['header']['reference']} as of {context['header']['as_of']}"
            out["genogram.dot"] = genogram.dot(context["genogram"], child, title)
    return out


_DIAGRAM = re.compile(r"(^```mermaid\n.*?^```$)", re.MULTILINE | re.DOTALL)


def _scrubbed(text: str, scrub: Callable[[str], str]) -> str:
    """The last redaction pass over a report, outside its Mermaid diagrams: those are drawn from the redacted
    context, and a person id such as `u0` or `child` is also a word of the diagram's syntax (a union node, a
    class), which the pass would rewrite."""
    return "".join(part if part.startswith("```mermaid") else scrub(part) for part in _DIAGRAM.split(text))
