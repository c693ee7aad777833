"""Commands about the tool itself: `schema` (the JSON Schemas) and `rules` (codes and rules with sources)."""

from __future__ import annotations

import argparse
from pathlib import Path

from reunify.cli.common import fail, shown


def schema(options: argparse.Namespace) -> int:
    from reunify.case.schema_export import write

    output = Path(options.output)
    try:
        for path in write(output):
            print(f"wrote {shown(path)}")
    except OSError as exc:
        return fail(f"cannot write schemas to {output}: {exc.strerror}")
    return 0


def rules(options: argparse.Namespace) -> int:
    from reunify.cli.common import settings_for
    from reunify.cli.views import rules as view

    if isinstance(found := settings_for(Path.cwd(), "rules", options.format), int):
        return found
    view.show(options.format, found)
    return 0
