"""The suite reads the example cases as committed, whatever `make demo` or a user left in the checkout."""

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
