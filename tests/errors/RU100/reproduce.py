"""RU100 has no case that causes it: it reports a bug in a check. This registers a crashing check and validates."""

import datetime as dt
import sys
from pathlib import Path

from reunify.checks import CHECKS
from reunify.diagnostics.output import write_text
from reunify.diagnostics.record import CODES
from reunify.pipeline import check_case


def crashing_check(case, as_of):
    raise ZeroDivisionError("a bug")


CHECKS.append((CODES["RU403"], crashing_check))
_, diags = check_case(Path("case"), dt.date(2026, 11, 24))
write_text(diags, 1, not diags, sys.stdout)
sys.exit(1 if diags else 0)
