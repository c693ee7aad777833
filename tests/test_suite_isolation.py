"""The suite's own machinery: example cases read as committed, whatever `make demo` left; `make golden`'s diff."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import EXAMPLES, ROOT, pristine_copy


def test_the_examples_tests_use_are_a_copy_outside_the_checkout() -> None:
    assert not EXAMPLES.resolve().is_relative_to(ROOT.resolve())
    assert sorted(p.name for p in EXAMPLES.iterdir()) == sorted(p.name for p in (ROOT / "cases.example").iterdir()
                                                               if p.name not in ("reports", ".reunify-cache"))


def test_the_copy_leaves_out_reports_and_caches_a_run_left(tmp_path: Path) -> None:
    """`make demo` writes cases.example/*/reports/; tests that copied a case with it inside failed with
    FileExistsError when they made their own reports/."""
    source = tmp_path / "cases.example"
    (source / "lily" / "reports").mkdir(parents=True)
    (source / "lily" / "reports" / "chronology.md").write_text("old")
    (source / "lily" / "case.yaml").write_text("reference: RU-1\n")
    (source / ".reunify-cache").mkdir()
    copy = pristine_copy(source, tmp_path / "copy")
    assert sorted(str(p.relative_to(copy)) for p in copy.rglob("*")) == ["lily", "lily/case.yaml"]


def test_make_golden_lists_and_diffs_only_the_files_that_would_change(tmp_path: Path) -> None:
    from tests.update_golden import changed, diff

    old, new = tmp_path / "old", tmp_path / "new"
    for root, text in ((old, "same\nold line\n"), (new, "same\nnew line\n")):
        (root / "tests" / "golden" / "RU-1").mkdir(parents=True)
        (root / "tests" / "golden" / "RU-1" / "same.md").write_text("kept\n")
        (root / "tests" / "golden" / "RU-1" / "report.md").write_text(text)
    (new / "tests" / "errors" / "RU999").mkdir(parents=True)
    (new / "tests" / "errors" / "RU999" / "expected.txt").write_text("$ reunify validate .\n")
    assert changed(old, new) == ["tests/golden/RU-1/report.md", "tests/errors/RU999/expected.txt"]
    assert "-old line\n+new line\n" in diff(old, new, "tests/golden/RU-1/report.md")
    assert "+$ reunify validate .\n" in diff(old, new, "tests/errors/RU999/expected.txt")
