"""`history --verify`: does case.yaml still say what its commits recorded, and do the commits hold up?

Entries are matched to commits by key (classification `label`; decision
`decision` + `date`). Each finding is a Diagnostic pointing into case.yaml, so
it prints like `validate` in every format. Beyond the file against its latest
commit, the trail itself is checked (docs/command-line.md, "Integrity of the trail"): a key
recorded again with different fields (RU504, unless the later commit is a
`--ratify` amendment changing only the ratification), a commit whose trailers
claim an entry its own change to case.yaml does not add (RU505), and with
`--signed` a commit without a good signature (RU506). The records come from
every side of every merge (trail.history says why), so an entry recorded on
one side and dropped or rewritten by a merge is still judged. In a shallow
clone nothing can be judged: one RU507 says so. A case.yaml that git's index
flags hide from `git status` is RU508: the file on disk may not be the one
committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from reunify.diagnostics.escape import terminal
from reunify.diagnostics.record import Diagnostic, declare
from reunify.trail.history import RATIFICATION_FIELDS, Recorded, describe_key, entry_fields, entry_key

if TYPE_CHECKING:
    from reunify.case.load import Case

SOURCE = "docs/command-line.md (Git audit trail)"
INTEGRITY = "docs/command-line.md (Integrity of the trail)"
RU501 = declare("RU501", "error", "an entry in case.yaml that no commit recorded", SOURCE,
                "record decisions and classifications with `reunify decide`, not by hand; a squash merge drops the "
                "commits that recorded a branch's entries: merge case branches with a merge commit, or rebase them")
RU502 = declare("RU502", "error", "an entry differs from what its commit recorded", SOURCE,
                "put the entry back as recorded; record a new decision with `reunify decide` instead of editing one")
RU503 = declare("RU503", "error", "a recorded entry is no longer in case.yaml", SOURCE,
                "restore the entry from the commit that recorded it (git show COMMIT:PATH)")
RU504 = declare("RU504", "error", "a recorded entry was recorded again with different fields", INTEGRITY,
                "a recorded decision is not rewritten: record a new one with `reunify decide` (a ratification "
                "with `reunify decide --ratify 3`)")
RU505 = declare("RU505", "error", "a commit's trailers claim an entry its change to case.yaml does not add", INTEGRITY,
                "the trailers must describe the commit's own change: look at `git show COMMIT` and record the "
                "entry again with `reunify decide`")
RU506 = declare("RU506", "error", "a decision commit has no good signature (history --verify --signed)", INTEGRITY,
                "record decisions with `reunify decide --sign`; check the signer's key is in gpg.ssh.allowedSignersFile "
                "or the gpg keyring")
RU507 = declare("RU507", "error", "the repository is a shallow clone: the trail cannot be verified", INTEGRITY,
                "fetch the full history (`git fetch --unshallow`); in CI fetch all of it: `fetch-depth: 0` for GitHub's "
                "actions/checkout, `GIT_DEPTH: 0` in GitLab CI")
RU508 = declare("RU508", "error", "case.yaml is hidden from git by an index flag (--skip-worktree, --assume-unchanged)",
                INTEGRITY, "clear the flag (`git update-index --no-skip-worktree --no-assume-unchanged PATH`), then look at "
                "`git status` and `git diff`: the file checked here is the one on disk, not the one committed")

Where = Callable[..., tuple[int | None, int | None]]  # (kind, key[, field]) -> line, column in case.yaml
FileEntries = dict[tuple[str, tuple[str, ...]], dict[str, str]]  # (kind, key) -> fields, as the trailers record them
Removals = dict[tuple[str, tuple[str, ...]], str]  # (kind, key) -> ": taken out by commit ..." (removed_by)


class Entry(NamedTuple):
    kind: str  # "decision" | "classification"
    key: tuple[str, ...]
    fields: dict[str, str]
    path: tuple  # where it is in case.yaml, for line and column


def entries(case: Case) -> Iterator[Entry]:
    """The decisions and classifications of case.yaml, as the trailers would record them."""
    record = case.case
    assert record is not None
    for i, d in enumerate(record.decisions or []):
        yield Entry("decision", (d.decision, d.date.isoformat()), entry_fields("decision", d), ("decisions", i))
    for i, c in enumerate(record.classifications or []):
        yield Entry("classification", (c.label,), entry_fields("classification", c), ("classifications", i))


def _short(record: Recorded) -> str:
    return terminal(record.commit[:7])


def verify(case: Case, records: list[Recorded], versions: Versions | None = None,
           signatures: dict[str, tuple[bool, str]] | None = None, others: list[str] | None = None,
           removals: Removals | None = None) -> list[Diagnostic]:
    """Every finding: RU501-RU503 (file against commits), RU504-RU505 (the trail), RU506 (signatures).
    `others` are the references other commits of this file recorded entries under (a corrected `reference:`);
    `removals` names, for an entry no longer in case.yaml, the commit that took it out (`removed_by`)."""
    file = case.file("case")
    where = {(e.kind, e.key): e.path for e in entries(case)}

    def at(kind: str, key: tuple[str, ...], field: str | None = None) -> tuple[int | None, int | None]:
        path = where.get((kind, key))
        if path is None:
            return case.pos("case", ("decisions" if kind == "decision" else "classifications",))
        return case.pos("case", (*path, field) if field else path)

    rewritten = _rewritten(file, records, at)
    out = _against_file(case, records, at, {(d.kind, d.key) for d in rewritten}, others or [], removals or {})
    out += [d.diagnostic for d in rewritten]
    if versions is not None:
        out += _unsupported(file, records, versions, at)
    if signatures is not None:
        for r in records:
            good, said = signatures.get(r.commit, (False, "not checked"))
            if not good:
                out.append(RU506.at(file, *at(r.kind, r.key), f"{describe_key(r.kind, r.key)}: commit {_short(r)} has "
                                    f"no good signature ({terminal(said)})"))
    return out


def hidden(case: Case, flag: str) -> Diagnostic:
    """RU508: git does not see this file's edits (`git status` is clean whatever it holds), so what --verify
    reads on disk may not be what was committed, and an erasure committed beneath it would pass here."""
    return RU508.at(case.file("case"), None, None, f"case.yaml is marked {flag} in git's index: git neither shows "
                    "nor commits its edits, so the file checked here may not be the one committed")


def shallow(case: Case) -> Diagnostic:
    """RU507, the one finding in a shallow clone: what is missing cannot be told from what was never recorded."""
    return RU507.at(case.file("case"), None, None, "this clone is shallow (made with --depth): the commits that "
                    "recorded the entries may not be here, so the trail cannot be verified")


def _against_file(case: Case, records: list[Recorded], at: Where, disputed: set[tuple[str, tuple[str, ...]]],
                  others: list[str], removals: Removals) -> list[Diagnostic]:
    """Unrecorded (RU501), changed (RU502) and deleted (RU503) entries, against every commit on every side.

    The file must match the latest record of each key; where records of a key disagree (RU504, `disputed`:
    two sides of a merge, say), a file matching one of them is not blamed again: RU504 says which two.
    """
    file = case.file("case")
    latest: dict[tuple[str, tuple[str, ...]], Recorded] = {}
    recorded: dict[tuple[str, tuple[str, ...]], list[dict[str, str]]] = {}
    for record in records:
        latest[(record.kind, record.key)] = record
        recorded.setdefault((record.kind, record.key), []).append(record.fields)
    out = []
    renamed = None if not others else (  # the usual cause: the case's reference was corrected after recording
        f"commits of this file recorded entries under the reference {terminal(', '.join(others))}, not "
        f"{terminal(case.reference)}: if `reference:` was corrected, those entries were recorded under the old one; "
        "put it back, or record them again with `reunify decide`")
    for entry in entries(case):
        record = latest.get((entry.kind, entry.key))
        name = describe_key(entry.kind, entry.key)
        if record is None:
            out.append(RU501.at(file, *at(entry.kind, entry.key), f"{name} is in case.yaml but no commit recorded it",
                                renamed))
            continue
        changed = _differ(entry.fields, record.fields)
        if changed and not ((entry.kind, entry.key) in disputed and entry.fields in recorded[(entry.kind, entry.key)]):
            out.append(RU502.at(file, *at(entry.kind, entry.key, changed[0]),
                                f"{name} differs from what commit {_short(record)} recorded: {', '.join(changed)}"))
    for kind, key in gone(case, records):
        out.append(RU503.at(file, *at(kind, key), f"{describe_key(kind, key)} recorded by commit "
                            f"{_short(latest[(kind, key)])} is no longer in case.yaml"
                            f"{terminal(removals.get((kind, key), ''))}"))
    return out


def gone(case: Case, records: list[Recorded]) -> list[tuple[str, tuple[str, ...]]]:
    """(kind, key) of each recorded entry no longer in case.yaml (RU503), in the order first recorded."""
    present = {(e.kind, e.key) for e in entries(case)}
    return [key for key in dict.fromkeys((r.kind, r.key) for r in records) if key not in present]


def _differ(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(f for f in set(a) | set(b) if a.get(f) != b.get(f))


def _amends(before: Recorded, r: Recorded, changed: list[str]) -> bool:
    """Whether `r` is what `decide --ratify` records: who ratified and when, added to a decision nobody had
    ratified, and nothing else changed. A commit carrying the trailer that changes or removes a ratification
    is a rewritten decision like any other."""
    return (r.ratified and r.kind == "decision" and set(changed) <= set(RATIFICATION_FIELDS)
            and not any(before.fields.get(f) for f in RATIFICATION_FIELDS)
            and all(r.fields.get(f) for f in RATIFICATION_FIELDS))


class Rewritten(NamedTuple):
    kind: str
    key: tuple[str, ...]
    diagnostic: Diagnostic


def _rewritten(file: str, records: list[Recorded], at: Where) -> list[Rewritten]:
    """RU504: a key recorded again with other fields, unless by a --ratify amendment (`_amends`).

    Records come ancestors first, so on two sides of a merge one of them is "again", whichever the merge kept.
    """
    out = []
    previous: dict[tuple[str, tuple[str, ...]], Recorded] = {}
    for r in records:
        before = previous.get((r.kind, r.key))
        previous[(r.kind, r.key)] = r
        if before is None:
            continue
        changed = _differ(before.fields, r.fields)
        if not changed or _amends(before, r, changed):
            continue
        if r.ratified and set(changed) <= set(RATIFICATION_FIELDS):
            how = "a ratification that rewrites or removes the one recorded, changing"
        else:
            how = "a ratification that also changes" if r.ratified else "a later commit changing"
        out.append(Rewritten(r.kind, r.key, RU504.at(
            file, *at(r.kind, r.key), f"{describe_key(r.kind, r.key)} recorded by commit {_short(before)} was "
            f"recorded again by commit {_short(r)}, {how} {', '.join(changed)}")))
    return out


def file_entries(text: bytes | None) -> FileEntries:
    """The entries of one version of case.yaml, keyed as the trailers key them (empty when absent or unreadable)."""
    return readable_entries(text) or {}


def readable_entries(text: bytes | None) -> FileEntries | None:
    """The entries of one version of case.yaml; None when the file is there but cannot be read (not UTF-8, not
    YAML, not a mapping): what such a version holds is unknown, which is not the same as holding nothing (removed_by)."""
    from reunify.case.yamlread import parse_text

    if text is None:
        return {}
    try:
        data, _, _ = parse_text(text.decode("utf-8-sig"), "case.yaml", positions=False)
    except UnicodeDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    out: FileEntries = {}
    for kind, key in (("decision", "decisions"), ("classification", "classifications")):
        items = data.get(key)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                fields = entry_fields(kind, item)
                out.setdefault((kind, entry_key(kind, fields)), fields)
    return out


class Versions(dict[str, bytes | None]):
    """Blob id -> that version of case.yaml ("" -> None: no file), each version's entries read once however
    many checks ask (RU505 and RU503 ask of the same versions, and a parent's version is usually the previous
    commit's)."""

    def __init__(self, texts: dict[str, bytes | None]) -> None:
        super().__init__(texts)
        self._read: dict[str, FileEntries | None] = {}

    def readable(self, blob: str) -> FileEntries | None:
        """The entries of one version, empty for no file, None for a file that cannot be read."""
        if blob not in self._read:
            self._read[blob] = readable_entries(self.get(blob))
        return self._read[blob]

    def entries(self, blob: str) -> FileEntries:
        """The entries of one version, empty for no file or an unreadable one."""
        return self.readable(blob) or {}


def _unsupported(file: str, records: list[Recorded], versions: Versions, at: Where) -> list[Diagnostic]:
    """RU505: trailers given twice, or claiming an entry the commit's own change to case.yaml does not add
    (against each parent, for a merge: an entry already on one side is not added by the merge).
    """
    out = []
    for r in records:
        name = describe_key(r.kind, r.key)
        if r.clash:
            out.append(RU505.at(file, *at(r.kind, r.key), f"commit {_short(r)} gives {', '.join(r.clash)} twice with "
                                f"different values: its trailers cannot be trusted ({name})"))
            continue
        mine = versions.entries(r.after).get((r.kind, r.key))
        if mine is None:
            out.append(RU505.at(file, *at(r.kind, r.key), f"commit {_short(r)} records {name}, but its case.yaml "
                                "holds no such entry"))
        elif _differ(mine, r.fields):
            out.append(RU505.at(file, *at(r.kind, r.key), f"commit {_short(r)} records {name}, but its case.yaml "
                                f"says otherwise: {', '.join(_differ(mine, r.fields))}"))
        elif any(versions.entries(blob).get((r.kind, r.key)) == mine for blob in r.before):
            out.append(RU505.at(file, *at(r.kind, r.key), f"commit {_short(r)} records {name}, but its change to "
                                "case.yaml does not add it (the entry was already there)"))
    return out


class Change(NamedTuple):
    """One commit's change to case.yaml: its versions before (one a parent) and after, as blob ids."""

    commit: str
    author: str
    date: str
    before: list[str]  # against each parent it differs from (a parent not listed holds what `after` holds)
    after: str
    parents: int


def removed_by(gone: list[tuple[str, tuple[str, ...]]], changes: list[Change], versions: Versions,
               committed: bytes | None, graph: Callable[[], dict[str, tuple[str, ...]]]) -> Removals:
    """For each entry no longer in case.yaml, the latest commit whose change took it out (held before and not
    after), as words to add to RU503; or that the committed file still holds it (an edit not yet committed).
    `changes` come newest first, as git log gives them; each is looked at once, for the entries its versions
    hold (not once an entry: a trail of thousands of entries all gone would cost millions of lookups).

    A version that cannot be read holds nothing anyone can see: a commit that leaves case.yaml unreadable is
    not named, and the commit that makes it readable again is judged against what the last readable versions
    before it held, found by going back through the commits themselves (`graph`, every commit's parents, read
    from git only then). Not by the versions' blob ids: the same broken text can be made twice, by a revert or
    by chance, and a `git mv` makes a moved file look new."""
    still = readable_entries(committed)
    out: Removals = {}
    wanted = set()
    for key in gone:
        if still is None:  # the working copy is readable (it was verified), the last commit's version is not
            out[key] = ": the committed case.yaml cannot be read, so which commit took it out cannot be told"
        elif key in still:
            out[key] = ": the committed file still holds it (taken out in the working copy, not committed)"
        else:
            wanted.add(key)
    made = {change.commit: change.after for change in changes}  # commit -> its version of case.yaml
    behind = _behind(made, versions, graph)
    lost_on_a_side = _sides(set(gone), made, versions, graph, behind)
    for change in changes:
        if not wanted:
            break
        after = versions.readable(change.after)
        if after is None:  # judged at the commit that makes the file readable again
            continue
        if all(versions.readable(blob) is not None for blob in change.before):
            held = [versions.entries(blob) for blob in change.before]
        else:
            held = [behind(parent) for parent in graph().get(change.commit, ())]
        taken = {key for entries_before in held for key in entries_before if key in wanted and key not in after}
        wanted -= taken
        for key in taken:
            # The newest commit whose version lacks it while a parent's held it. For a merge that may only have
            # brought in a side where it was already gone (the hand edit is on that side), and is said so: naming
            # an older commit instead would blame one whose removal was later undone.
            # A side without the file at this path (the case was elsewhere there, a move not followed) cannot be
            # looked at: as before, it is said to have lost it.
            lost = (change.parents > 1 and not (len(held) == change.parents and all(key in h for h in held))
                    and ("" in change.before or lost_on_a_side(change.commit, key)))
            how = " (a merge: one side had already lost it; see that side's commits)" if lost else ""
            out[key] = f": taken out by commit {change.commit[:7]} ({change.author}, {change.date[:10]}){how}"
    return out


def _sides(gone: set[tuple[str, tuple[str, ...]]], made: dict[str, str], versions: Versions,
           graph: Callable[[], dict[str, tuple[str, ...]]],
           behind: Callable[[str], FileEntries]) -> Callable[[str, tuple[str, tuple[str, ...]]], bool]:
    """Whether a merge that took an entry out brought in a side that had already lost it: a side whose file lacks
    it, where an earlier version of case.yaml held it (recorded there, or brought by a squash or a checkout,
    which carry no record). A side that never held it (a branch made before it was recorded, an orphan branch)
    lost nothing: the merge itself dropped it. Asked only of such a merge; each side's history read once."""
    from reunify.trail.git import ancestors

    held: dict[str, set[tuple[str, tuple[str, ...]]]] = {}  # side -> the gone keys any version before it held

    def lost(merge: str, key: tuple[str, tuple[str, ...]]) -> bool:
        for side in graph().get(merge, ()):
            if key in behind(side):
                continue
            if side not in held:
                earlier: set[str] = set()
                ancestors(graph(), (side,), earlier)
                held[side] = {k for commit in earlier if commit in made
                              for k in versions.entries(made[commit]).keys() & gone}
            if key in held[side]:
                return True
        return False

    return lost


def _behind(made: dict[str, str], versions: Versions,
            graph: Callable[[], dict[str, tuple[str, ...]]]) -> Callable[[str], FileEntries]:
    """What the last readable versions of case.yaml at or before a commit held: that commit's own version if it
    changed the file readably, else what its parents' held (merged over a merge), back through commits that
    left the file unreadable or did not touch it. Each commit is worked out once, without recursion (a
    repository may hold thousands of broken versions in a row)."""
    known: dict[str, FileEntries] = {}

    def entries(start: str) -> FileEntries:
        stack = [start]
        while stack:
            commit = stack[-1]
            if commit in known:
                stack.pop()
                continue
            own = versions.readable(made[commit]) if commit in made else None
            parents = () if own is not None else graph().get(commit, ())
            waiting = [parent for parent in parents if parent not in known]
            if waiting:
                stack.extend(waiting)
                continue
            sides = list({id(known[parent]): known[parent] for parent in parents}.values())
            if own is not None or not sides:
                known[commit] = own or {}
            elif len(sides) == 1:  # one parent, or sides that hold the very same: shared, not copied
                known[commit] = sides[0]
            else:
                merged: FileEntries = {}
                for side in sides:
                    for key, fields in side.items():
                        merged.setdefault(key, fields)
                known[commit] = merged
            stack.pop()
        return known[start]

    return entries
