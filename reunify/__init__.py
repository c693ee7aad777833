"""reunify: the NSPCC Reunification Practice Framework as checks, reports and an audit trail."""

from __future__ import annotations

TYPE_CHECKING = False  # not `from typing import TYPE_CHECKING`: typing costs ~4 ms; history starts fast

if TYPE_CHECKING:
    from pathlib import Path

__version__ = "0.3.0"


def templates_dir() -> Path:
    """The top-level `templates/` folder: shipped inside the wheel as `reunify/templates` (hatch
    force-include), or beside the package in a checkout. One lookup for reports and `new` alike."""
    from pathlib import Path

    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "reports").is_dir():
            return candidate
    raise FileNotFoundError(f"reunify's templates are missing (looked in {here / 'templates'} and "
                            f"{here.parent / 'templates'}): reinstall reunify")
