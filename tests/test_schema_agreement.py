"""The exported schemas refuse what `validate` refuses, wherever JSON Schema draft-07 can say it.

check-jsonschema runs over every case file of the error catalogue (each a mutant breaking one rule) and a
few more mutants below; its verdict on each file is compared with `validate`'s errors in that file. Every
difference is named in INEXPRESSIBLE with the reason draft-07 cannot say it; a difference not listed, or a
listed one that went away, fails the test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from reunify.case.model import FILE_MODELS
from reunify.pipeline import check_case
from tests.conftest import AS_OF, ROOT

CATALOGUE = ROOT / "tests" / "errors"
HEAD = "reference: RU-1\nchild: amy\nlegal_status: other\n"
# More mutants: (name, file kind, text).
MUTANTS = [
    ("quoted-date", "case", HEAD + "placement:\n  type: foster\n  since: '2025-03-01'\n"),
    ("float-for-integer", "contingency", "stages:\n  - stage: 2.0\n"),
    ("datetime-for-date", "case", HEAD + "placement:\n  type: foster\n  since: 2025-03-01T10:00:00\n"),
    ("ratified-on-without-by", "case", HEAD + "decisions:\n  - {decision: '3', date: 2025-01-05, by: Jo, "
                                              "ratified_on: 2025-02-01}\n"),
    ("level-not-suggested-blank-rationale", "case", HEAD + "classifications:\n  - {label: RC1, date: 2025-01-05, "
                                                           "level: high, suggested: medium, rationale: ' '}\n"),
    ("reference-with-line-break", "case", "reference: |\n  RU-1\nchild: amy\nlegal_status: other\n"),
    ("decision-as-number", "case", HEAD + "decisions:\n  - {decision: 1, date: 2025-01-05, by: Jo}\n"),
]

# What validate refuses and draft-07 cannot say, each with why. Keys: a catalogue file or a mutant's name.
INEXPRESSIBLE = {
    # The schema sees YAML already parsed by the editor: anchors are expanded before it looks.
    "RU107/plan.yaml": "anchors and aliases are YAML syntax, gone once the file is parsed",
    # A quoted date and an unquoted one both reach the schema as the same string ("2025-03-01").
    "quoted-date": "a quoted date is text to validate, but the schema sees the same string as for a date",
    # JSON has one number type: draft-07 defines an integer as any number with a zero fractional part, so 2.0 is
    # one and check-jsonschema accepts `stage: 2.0` ("type": "integer"; 2.5 it refuses). `validate` asks for a
    # whole number written as one (RU203 "expected a whole number, got a number").
    "float-for-integer": "2.0 and 2 are the same JSON number; draft-07's integer accepts both",
    # One record's value checked against another file, or against other entries of a list.
    "RU301/case.yaml": "a person id must exist in genogram.yaml: another file",
    "RU303/plan.yaml": "a factor id must exist in factors.yaml: another file",
    "RU304/case.yaml": "a decision's classification must be a label of another list entry",
    "RU207/genogram.yaml": "ids unique within a list: uniqueItems compares whole entries, not one key",
    "RU209/genogram.yaml": "dates in order (died after born): draft-07 cannot compare two values",
}


def _catalogue_files() -> dict[str, Path]:
    return {f"{p.parent.parent.name}/{p.name}": p for p in sorted(CATALOGUE.glob("*/case/*.yaml"))
            if p.stem in FILE_MODELS and p.is_file()}  # RU110 keeps a folder named plan.yaml


def _refused_by_schema(files: list[Path]) -> set[Path]:
    refused: set[Path] = set()
    for kind in FILE_MODELS:
        mine = [str(f) for f in files if f.stem == kind]
        if not mine:
            continue
        result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--output-format", "json", "--schemafile",
                                 str(ROOT / "schemas" / f"{kind}.schema.json"), *mine], capture_output=True, text=True)
        assert result.stdout, result.stderr[-2000:]
        report = json.loads(result.stdout)
        refused |= {Path(e["filename"]) for e in report.get("errors", []) + report.get("parse_errors", [])}
    return refused


def _refused_by_validate(file: Path) -> bool:
    _, diags = check_case(file.parent, AS_OF)
    return any(d.severity == "error" and Path(d.file) == file for d in diags)


def test_schema_and_validate_differ_only_where_draft_07_cannot_say_it(tmp_path: Path) -> None:
    files = {}
    for name, path in _catalogue_files().items():
        copy = tmp_path / name.split("/")[0] / path.name
        if not copy.parent.exists():
            shutil.copytree(path.parent, copy.parent)
        files[name] = copy
    for name, kind, text in MUTANTS:
        folder = tmp_path / "mutants" / name
        folder.mkdir(parents=True)
        (folder / "case.yaml").write_text(HEAD)
        (folder / "genogram.yaml").write_text("people:\n  - id: amy\n    name: Amy\n")
        (folder / f"{kind}.yaml").write_text(text)
        files[name] = folder / f"{kind}.yaml"
    refused = _refused_by_schema(list(files.values()))
    differ = {name for name, file in files.items() if (file in refused) != _refused_by_validate(file)}
    assert differ == set(INEXPRESSIBLE)
    for name in INEXPRESSIBLE:  # every difference is validate refusing what the schema lets through
        assert files[name] not in refused


def test_patterns_carry_words_for_editors_not_only_the_regex() -> None:
    from reunify.case.schema_export import schemas

    text = json.dumps(schemas())
    assert text.count('"pattern": "') == text.count('"patternErrorMessage"')  # a pattern, not the key 'pattern'
    assert '"patternErrorMessage": "must be lower-case letters, digits and hyphens, starting with a letter"' in text
