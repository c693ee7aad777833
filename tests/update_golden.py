"""`make golden`: show every golden file the current code would rewrite, as a diff, then ask before writing.

The golden tests rewrite their files when asked (UPDATE_GOLDEN=1 for tests/golden/, REUNIFY_UPDATE_CATALOGUE=1 for
the error catalogue's transcripts in tests/errors/). Here they run in a scratch copy of the checkout, so nothing in
the checkout changes until the diff has been read: `--write` (`make golden-write`, or `make golden GOLDEN=write`)
writes without asking; without a terminal to ask on, nothing is written and the exit code is 1.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ("tests/golden", "tests/errors")
TESTS = ("tests/test_reports.py::test_golden_reports", "tests/test_error_catalogue.py")
UPDATE_ENV = {"UPDATE_GOLDEN": "1", "REUNIFY_UPDATE_CATALOGUE": "1"}
_SKIP = {".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", "build", "dist", "bench"}
_LEFT_BY_RUNS = {"reports", ".reunify-cache"}  # what `make demo` leaves in cases.example/


def _skip(folder: str, names: list[str]) -> set[str]:
    """What the scratch copy leaves out: tooling, and what running reunify left in the example cases."""
    inside_examples = "cases.example" in Path(folder).relative_to(ROOT).parts
    return {n for n in names if n in _SKIP or (inside_examples and n in _LEFT_BY_RUNS)}


def changed(old: Path, new: Path) -> list[str]:
    """Paths (relative, sorted) of the golden files under `new` that are missing from `old` or differ from it."""
    found = []
    for folder in GOLDEN:
        for path in sorted((new / folder).rglob("*")):
            if path.is_file():
                relative = path.relative_to(new)
                before = old / relative
                if not before.is_file() or before.read_bytes() != path.read_bytes():
                    found.append(str(relative))
    return found


def diff(old: Path, new: Path, relative: str) -> str:
    """A unified diff of one golden file (a one-line note for a file that is not text)."""
    before, after = old / relative, new / relative
    try:
        a = before.read_text(encoding="utf-8").splitlines(keepends=True) if before.is_file() else []
        b = after.read_text(encoding="utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return f"Binary file {relative} differs\n"
    return "".join(difflib.unified_diff(a, b, f"a/{relative}", f"b/{relative}"))


def regenerate(scratch: Path) -> None:
    """The golden tests run in a copy of the checkout with the update variables set."""
    shutil.copytree(ROOT, scratch, ignore=_skip, symlinks=True)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS], cwd=scratch,
                          env={**os.environ, **UPDATE_ENV}, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-2000:])
        raise SystemExit("golden: the golden tests failed while regenerating (above); nothing written")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make golden", description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the new golden files without asking")
    write = parser.parse_args(argv).write
    with tempfile.TemporaryDirectory(prefix="reunify-golden-") as tmp:
        new = Path(tmp) / "checkout"
        regenerate(new)
        paths = changed(ROOT, new)
        if not paths:
            print("golden: every golden file matches what the code writes; nothing to do")
            return 0
        for relative in paths:
            sys.stdout.write(diff(ROOT, new, relative))
        print(f"\ngolden: {len(paths)} file(s) would be rewritten: {', '.join(paths)}")
        if not write:
            if not sys.stdin.isatty():
                print("golden: nothing written; read the diff, then run `make golden-write`", file=sys.stderr)
                return 1
            if input("Rewrite them? [y/N] ").strip().lower() not in ("y", "yes"):
                print("golden: nothing written")
                return 1
        for relative in paths:
            target = ROOT / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.partial")
            shutil.copyfile(new / relative, partial)
            partial.replace(target)  # never a half-written golden file
        print(f"golden: wrote {len(paths)} file(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
