"""`reunify rules` lists every rule, task, order check, audit question and trigger of docs/practice-rules.md, each with
its source and whether it is a tool convention."""

from __future__ import annotations

import json

from tests.builders import ids
from tests.conftest import run_cli


def test_rules_json_lists_every_id_with_source_and_convention() -> None:
    data = json.loads(run_cli("rules", "--format", "json").stdout)
    listed = {kind: [row["id"] for row in data[kind]] for kind in ("movement", "order_checks", "checklist", "audit",
                                                                   "triggers")}
    assert listed == {"movement": ids("movement"), "order_checks": ids("order"), "checklist": ids("task"),
                      "audit": [*ids("audit"), "overall"], "triggers": ids("trigger")}
    for kind in listed:
        for row in data[kind]:
            assert row["source"] and isinstance(row["convention"], bool), (kind, row["id"])
    conventions = {row["id"] for kind in listed for row in data[kind] if row["convention"]}
    assert conventions == {"reclassify-higher", "overall"}
    assert data["annex1"]["framework_domains"] == ["abuse"] and "tool's vocabulary" in data["annex1"]["convention_note"]
    notes = {row["id"] for kind in listed for row in data[kind] if row["convention_note"]}
    assert {"s5.reclassify", "s5.care-order-discharge", "plan-reviewed", "trigger-leaving-care-age",
            "low-to-close"} <= notes


def test_rules_text_shows_every_table_and_the_conventions() -> None:
    out = run_cli("rules").stdout
    for text in ("Order checks", "return-before-cpag", "Trigger prompts", "trigger-missing-episode",
                 "Audit questions", "plan-reviewed", "reclassify-higher", "s5.care-order-discharge",
                 "reclassify_every_months=6", "plan_review_every_months=3", "tool convention", "abuse (NSPCC framework)",
                 "parent (tool convention)"):
        assert text in out, text
