"""The one table of commands: each command's options, choices, help and handler, written once.

Both front ends are built from this table: the typer app (`reunify.cli.app`,
interactive, with shell completion) and argparse (`reunify.cli.parser`), one
command at a time, for the commands in FAST, so `reunify validate` in a
pre-commit hook pays only for its own parser. Choice lists that come from the
case format are named, not copied (`choices="LegalStatus"` is read from
`reunify.case.model` when that command's parser is built). Handlers are
"module:function" names, imported only when run.

Kept free of typing and pathlib imports: this is on every command's start-up path.
"""

from __future__ import annotations

from collections import namedtuple

# flags: ("--format", "-f"), or ("CASE",) for a positional argument.
# kind: "value" (one value), "flag" (true/false), "many" (a repeatable option), "positional", "positionals" (0+).
# choices: a tuple of words, or the name of a Literal in reunify.case.model.
# A positional with a default may be left out: NEAREST_CASE is resolved by the parser (docs/command-line.md: "CASE
# defaults to the nearest folder, the current one included, that holds case.yaml").
Option = namedtuple("Option", "flags help kind dest default choices metavar type required",
                    defaults=("value", None, None, None, None, None, False))
Command = namedtuple("Command", "name help handler options")

NEAREST_CASE = "<the nearest case folder>"
AS_OF = Option(("--as-of",), "date to work from, YYYY-MM-DD (default today)", dest="as_of", metavar="YYYY-MM-DD")
CASE = Option(("CASE",), "a case folder, a folder holding case.yaml (default: the nearest one, this folder or a "
              "parent)", kind="positional", dest="case", default=NEAREST_CASE)
CASELOAD = Option(("CASELOAD",), "a folder of case folders, at any depth (default: this folder)", kind="positional",
                  dest="caseload", default=".")
# `--strict` keeps the meaning docs/command-line.md gives it in each command; each help says exactly what fails.
STRICT_OVERDUE = Option(("--strict",), "exit 1 when any task is overdue", kind="flag")
STRICT_LOAD = Option(("--strict",), "exit 1 if any case failed to load (overdue tasks do not count)", kind="flag")
BOM = Option(("--bom",), "start CSV with a UTF-8 byte-order mark, for spreadsheet programs", kind="flag")
NO_CACHE = Option(("--no-cache",), "read every case afresh; do not use or write .reunify-cache/", kind="flag",
                  dest="no_cache")


def choices(option: Option) -> tuple | None:
    """A choice list from the table, or read from where it is defined (the case format, the reports)."""
    if option.choices is None or isinstance(option.choices, tuple):
        return option.choices
    if option.choices == "REPORTS":
        from reunify.reports import REPORTS

        return tuple(REPORTS)
    import typing

    from reunify.case import model

    return typing.get_args(getattr(model, option.choices))


def help_text(option: Option) -> str:
    """An option's help as both front ends show it: every choice listed, and the default of a value."""
    text = option.help
    words = choices(option)
    if words:
        text += ": " + " | ".join(str(c) for c in words)
    if option.default is not None and option.kind == "value":
        text += f" (default {option.default})"
    return text


def dest(option: Option) -> str:
    """The name a handler reads the option by (`options.child_name` for --child-name)."""
    return option.dest or option.flags[0].lstrip("-").replace("-", "_")


def formats(*words: str) -> Option:
    return Option(("--format", "-f"), "output format", default=words[0], choices=words)


COMMANDS = (
    Command("validate", "Check case files, case folders or caseloads: errors as file:line:col: CODE message.",
            "reunify.cli.commands.validate:run", (
                Option(("PATH",), "case folders, caseloads, or files (as pre-commit passes them)", kind="positionals",
                       dest="paths"),
                formats("text", "json", "github", "gitlab"),
                Option(("--strict",), "fail on warnings too", kind="flag"),
                AS_OF,
            )),
    Command("new", "Scaffold a case folder that validates at once.", "reunify.cli.commands.case:new", (
        Option(("CASE",), "the case folder to create", kind="positional", dest="case"),
        Option(("--reference",), "case reference, e.g. RU-2026-0001", required=True),
        Option(("--child-name",), "the child's full name", dest="child_name", required=True),
        Option(("--legal-status",), "the child's legal status", dest="legal_status", default="other",
               choices="LegalStatus"),
    )),
    Command("classify", "The traffic-light grid, suggested and recorded level, and movement advice.",
            "reunify.cli.commands.case:classify", (CASE, AS_OF, formats("text", "json"))),
    Command("checklist", "The five-stage checklist: current stage, every task, next actions with dates.",
            "reunify.cli.commands.case:checklist", (CASE, AS_OF, formats("text", "json"), STRICT_OVERDUE)),
    Command("render", "Write the framework's documents as reports: Markdown, Word or HTML.",
            "reunify.cli.commands.case:render", (
        Option(("CASE",), "case folders, or folders of case folders (default: the nearest case folder, this folder "
               "or a parent)", kind="positionals", dest="cases"),
        Option(("--report", "-r"), "only this report (repeatable)", kind="many", dest="report", choices="REPORTS"),
        Option(("--to", "-t"), "what to write (repeatable; default markdown): docx and html are converted by pandoc, "
               "with the genogram drawn when Graphviz is installed", kind="many", dest="to",
               choices=("markdown", "docx", "html")),
        Option(("--output", "-o"), "folder to write into (default CASE/reports)", dest="output", metavar="DIR"),
        AS_OF,
        Option(("--redact",), "names become initials or roles; dates of birth month only", kind="flag"),
        Option(("--templates",), "a folder of template overrides", metavar="DIR"),
    )),
    Command("decide", "Record a decision or a classification in case.yaml and commit it with trailers.",
            "reunify.cli.commands.trail:decide", (
                CASE,
                Option(("--decision",), "the decision point (records a decision)", choices="DecisionKind"),
                Option(("--classification",), "classification label (RC1...): the one recorded, or the one a "
                       "decision confirms", metavar="LABEL"),
                Option(("--level",), "the recorded level (records a classification)", choices="Level"),
                Option(("--by",), "who decided (a manager's name)", metavar="NAME"),
                Option(("--role",), "the decision maker's role", choices="Role"),
                Option(("--outcome",), "what was decided", choices="Outcome"),
                Option(("--ratified-by",), "who ratified it (Decision 3)", dest="ratified_by", metavar="NAME"),
                Option(("--rationale",), "why", metavar="TEXT"),
                Option(("--despite",), "record a decision the workflow's order does not yet allow, and why (kept in "
                       "the entry and its commit)", metavar="REASON"),
                Option(("--date",), "date of the entry, YYYY-MM-DD (default today)", metavar="YYYY-MM-DD"),
                Option(("--ratify",), "record the ratification of this recorded decision (with --by, --date) "
                       "as an amendment in its own commit", choices=("3",)),
                Option(("--sign",), "sign the commit (git's gpg or ssh signing key: user.signingkey, gpg.format)",
                       kind="flag"),
                Option(("--no-commit",), "write case.yaml without committing", kind="flag", dest="no_commit"),
            )),
    Command("history", "The audit trail of decisions and classifications from git, oldest first.",
            "reunify.cli.commands.trail:history", (
                CASE, formats("text", "json", "github", "gitlab"),
                Option(("--verify",), "check the file against the commits (exit 1 on problems)", kind="flag"),
                Option(("--signed",), "with --verify: also require a good signature on every decision commit "
                       "(git verify-commit) and show the signer", kind="flag"),
            )),
    Command("status", "One row a case, most urgent first: stage, level, next due action, overdue count.",
            "reunify.cli.commands.caseload:status", (
                CASELOAD, AS_OF, formats("table", "json", "csv", "html"),
                Option(("--output", "-o"), "with --format html: write the team manager's page to FILE (atomically)",
                       dest="output", metavar="FILE"),
                Option(("--worker",), "only cases whose social worker's name contains NAME (any case)", metavar="NAME"),
                Option(("--manager",), "only cases whose team manager's or service manager's name contains NAME "
                       "(any case)", metavar="NAME"),
                Option(("--stage",), "only cases at this stage", type=int, choices=(1, 2, 3, 4, 5), metavar="N"),
                Option(("--level",), "only cases recorded at this level", choices="Level"),
                Option(("--overdue",), "only cases with an overdue task", kind="flag"),
                Option(("--supervision",), "only cases whose supervision is due (none since supervision_every_weeks, "
                       "reunify.toml, default 4)", kind="flag"),
                Option(("--limit",), "only the N most urgent cases", type=int, metavar="N"),
                BOM, STRICT_LOAD,
                Option(("--fail-on-overdue",), "exit 1 if any case listed has an overdue task (as checklist --strict "
                       "does for one case)", kind="flag", dest="fail_on_overdue"),
                NO_CACHE,
            )),
    Command("audit", "Best-practice audit (the questions of the Derby and Derbyshire Best Practice Guide: Reunification "
            "and Multi-agency audit of reunification practice): the share of cases meeting each question, and why "
            "each failing case fails.", "reunify.cli.commands.caseload:audit",
            (CASELOAD, AS_OF, formats("table", "json", "markdown", "csv"), BOM, STRICT_LOAD, NO_CACHE)),
    Command("outcomes", "What happened after children went home: the cohort, breakdown within 12 months overall "
            "and by level at return, and the share still home month by month.", "reunify.cli.commands.caseload:outcomes",
            (
                CASELOAD, AS_OF,
                Option(("--from",), "only returns home on or after this date, YYYY-MM-DD", dest="start",
                       metavar="YYYY-MM-DD"),
                Option(("--to",), "only returns home on or before this date, YYYY-MM-DD", dest="end",
                       metavar="YYYY-MM-DD"),
                formats("table", "json", "csv", "markdown", "html"),
                Option(("--output", "-o"), "write to FILE (atomically) instead of the screen; with --format html, "
                       "one standalone page with the still-home chart", dest="output", metavar="FILE"),
                BOM, STRICT_LOAD, NO_CACHE,
            )),
    Command("supervise", "The supervision agenda: alerts, movement advice, trigger prompts, overdue and next tasks, "
            "what changed since the last supervision, and the reflective question headings.",
            "reunify.cli.commands.case:supervise", (
                CASE, AS_OF, formats("text", "json", "markdown"),
                Option(("--output", "-o"), "write the agenda to FILE (atomically) instead of the screen", dest="output",
                       metavar="FILE"),
            )),
    Command("schema", "Write the JSON Schemas (draft-07) of the seven case files.", "reunify.cli.commands.meta:schema", (
        Option(("--output", "-o"), "folder to write into", dest="output", default="schemas", metavar="DIR"),
    )),
    Command("rules", "List the validation codes and practice rules with their sources.",
            "reunify.cli.commands.meta:rules", (formats("text", "json"),)),
)
BY_NAME = {c.name: c for c in COMMANDS}
# Parsed by argparse before typer is imported: `validate` runs in every commit (the pre-commit hook),
# `history` must run within 1.2x of the `git log` it wraps, and a second `status`, `audit` or `outcomes` of
# an unchanged caseload reads its results back in a fraction of a second: typer's start-up (~90 ms of
# imports, pydantic included) alone would undo each.
FAST = ("validate", "history", "status", "audit", "outcomes")
