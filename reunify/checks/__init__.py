"""Validation rules (RU2xx-RU4xx found across a loaded case), one small function each.

This package lists its rule modules; each registers its rules with
`registry.check` on import. The registry itself imports no rule.
"""

from reunify.checks import dates, practice, references  # noqa: F401  (importing registers their rules)
from reunify.checks.registry import CHECKS
from reunify.checks.registry import run as run_checks

__all__ = ["CHECKS", "run_checks"]
