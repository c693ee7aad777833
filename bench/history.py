"""Benchmark `reunify history` (and `history --verify`) over a case with N commits against `git log`.

Builds two temporary repositories with git fast-import, each a first commit with a README, then N commits
touching one case.yaml (each with decision or classification trailers): one linear, one where branches are merged back (`--merges`
of the N commits are merge commits). Then times, as fresh processes: `git log` with history's format on
the same path (plain, and with the whole-graph options history now reads with), a Python that does nothing but
run that whole-graph `git log` and read it (the floor for any Python front end), `reunify history CASE`
and `reunify history CASE --verify`. Reports medians and ratios (target: history within 1.2x of
`git log` over the same commits).
`--commit-graph` first writes git's commit-graph file, as `git gc` does in a repository in use: with it git
streams a topologically ordered log instead of walking everything before printing the first commit.
`--compare DIR` (repeatable) times `history` and `history --verify` of another source tree too, in the same
rounds (DIR holds its `reunify` package, e.g. `git archive 458d1fe reunify | tar -x -C DIR`), so before and after
are measured under the same load.
Usage: python bench/history.py [--commits 5000] [--merges 200] [--runs 11] [--commit-graph] [--compare DIR ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Time the commands as they run for users, with their compiled bytecode cached: a machine that sets
# PYTHONDONTWRITEBYTECODE would make every run recompile every module and time that instead.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

CASE_YAML = "reference: RU-BENCH-1\nchild: amy\nlegal_status: care-order\n# revision {n}\n"
PATH = "cases/one/case.yaml"


FLOOR = ("import os, sys; out, child = os.pipe(); "
         "pid = os.posix_spawnp('git', sys.argv[1:], {**os.environ, 'GIT_FLUSH': '0'}, "
         "file_actions=[(os.POSIX_SPAWN_DUP2, child, 1)]); os.close(child); "
         "all(iter(lambda: os.read(out, 1 << 16), b'')); os.waitpid(pid, 0)")


def _commit(ref: str, n: int, blob: bytes, merge: int | None = None) -> bytes:
    if merge is None and n % 2:
        trailers = (f"Reunify-Case: RU-BENCH-1\nReunify-Decision: {n % 3 + 1}\nReunify-Date: 2026-01-01\n"
                    "Reunify-Outcome: proceed\nReunify-Role: service-manager\nDecided-By: Alex Moore\n")
    elif merge is None:
        trailers = (f"Reunify-Case: RU-BENCH-1\nReunify-Classification: RC{n}\nReunify-Date: 2026-01-01\n"
                    "Reunify-Level: medium\nReunify-Suggested: medium\nDecided-By: Alex Moore\n")
    message = (f"Merge side {n}\n" if merge is not None else f"Record entry {n}\n\n{trailers}").encode()
    head = [f"commit {ref}\nmark :{n}\n".encode(),
            f"committer Bench <bench@example.invalid> {1700000000 + n} +0000\n".encode(),
            f"data {len(message)}\n".encode() + message + b"\n"]
    if merge is not None:
        head.append(f"merge :{merge}\n".encode())
    return b"".join(head) + f"M 100644 inline {PATH}\ndata {len(blob)}\n".encode() + blob + b"\n"


def build(root: Path, commits: int, merges: int = 0) -> None:
    """`commits` commits on main; with `merges`, that many of them merge a side branch of a few commits."""
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    # The case is added to a repository in use, as `reunify new` adds one, not in its first commit: so the
    # `git diff-tree` history runs where the file appeared (to follow a `git mv`) is timed too.
    readme, message = b"Cases\n", b"Add README\n"
    lines = [b"commit refs/heads/main\ncommitter Bench <bench@example.invalid> 1699999999 +0000\n"
             b"data %d\n%s\nM 100644 inline README\ndata %d\n%s\n" % (len(message), message, len(readme), readme)]
    every = commits // merges if merges else 0  # commits a round: half on main, half on the side, one merge
    side_from = 1  # each side branch starts where the last merge (at first, the first commit) left main
    n = 0
    while n < commits:
        n += 1
        if every and n % every == 0 and n // every <= merges:
            lines.append(_commit("refs/heads/main", n, CASE_YAML.format(n=f"{n} merged").encode(), merge=n - 1))
            side_from = n
        elif every and n % every > every // 2:
            ref = "refs/heads/side"
            if n % every == every // 2 + 1:
                lines.append(f"reset {ref}\nfrom :{side_from}\n".encode())
            lines.append(_commit(ref, n, CASE_YAML.format(n=f"side {n}").encode()))
        else:
            lines.append(_commit("refs/heads/main", n, CASE_YAML.format(n=n).encode()))
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(lines), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True)


def medians_ms(commands: list[list[str]], cwd: Path, runs: int, envs: list[dict | None] | None = None) -> list[float]:
    """Each command's median time; the commands take turns, so a busy machine slows them alike."""
    times: list[list[float]] = [[] for _ in commands]
    for run in range(runs + 1):
        for command, spent, env in zip(commands, times, envs or [None] * len(commands), strict=True):
            start = time.perf_counter()
            subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=env)
            if run:  # the first round warms the caches
                spent.append((time.perf_counter() - start) * 1000)
    return [statistics.median(t) for t in times]


def measure(root: Path, runs: int, label: str, others: list[str]) -> None:
    from reunify.trail.history import FORMAT

    plain = ["git", "log", "-z", f"--format={FORMAT}", "--", PATH]  # what history ran before it read the whole graph
    try:
        from reunify.trail.git import graph_command, literal
    except ImportError:  # before the whole-graph read: the same command
        whole = plain
    else:
        whole = graph_command(FORMAT, literal(PATH))
    # Every tree, this one included, runs the same way: the interpreter with its package first on the path (the
    # console script starts ~40 ms faster here than `python -c`, which would favour this tree).
    history = [sys.executable, "-c", "import sys; from reunify.cli import main; sys.exit(main())", "history", "cases/one"]
    mine = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    shown = subprocess.run(history, cwd=root, check=True, capture_output=True, text=True, env=mine).stdout.count("\n") - 2
    # The floor for any Python front end: the interpreter starts, runs the same git log and reads all it prints.
    floor = [sys.executable, "-c", FLOOR, *whole]
    envs = [None, None, None, mine, mine] + [{**os.environ, "PYTHONPATH": d} for d in others for _ in range(2)]
    medians = medians_ms([plain, whole, floor,
                          *[c for _ in range(1 + len(others)) for c in (history, [*history, "--verify"])]], root, runs, envs)
    plain_ms, whole_ms, floor_ms, ours_ms, verify_ms = medians[:5]
    print(f"{label}: {shown} entries listed; medians of {runs} runs (each a fresh process, stdout to a pipe)")
    print(f"  git log -- PATH (history's format)            {plain_ms:7.1f} ms")
    print(f"  git log, whole graph (what history runs)      {whole_ms:7.1f} ms")
    print(f"  python reading that git log, nothing else     {floor_ms:7.1f} ms   {floor_ms / whole_ms:.2f}x (the floor)")
    print(f"  reunify history                               {ours_ms:7.1f} ms   {ours_ms / whole_ms:.2f}x the same "
          f"git log, {ours_ms / plain_ms:.2f}x git log -- PATH")
    print(f"  reunify history --verify                      {verify_ms:7.1f} ms   {verify_ms / whole_ms:.2f}x, "
          f"{verify_ms / plain_ms:.2f}x")
    for at, other in enumerate(others):
        then, then_verify = medians[5 + 2 * at:7 + 2 * at]
        print(f"  {other}: history {then:7.1f} ms ({then / plain_ms:.2f}x git log -- PATH), --verify {then_verify:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--merges", type=int, default=200)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--commit-graph", action="store_true")
    parser.add_argument("--compare", action="append", default=[], metavar="DIR")
    args = parser.parse_args()
    for label, merges in (("linear", 0), (f"with {args.merges} merges", args.merges)):
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp), args.commits, merges)
            if args.commit_graph:
                subprocess.run(["git", "commit-graph", "write", "--reachable"], cwd=tmp, check=True, capture_output=True)
                label += ", commit-graph written"
            count = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=tmp, check=True, capture_output=True,
                                   text=True).stdout.strip()
            measure(Path(tmp), args.runs, f"{count} commits, {label}", [os.path.abspath(d) for d in args.compare])


if __name__ == "__main__":
    main()
