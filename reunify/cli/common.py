"""Helpers for the typer commands."""

from __future__ import annotations

import datetime as dt
import sys

import typer


def as_of_or_exit(text: str | None) -> dt.date:
    from reunify.cli.validate_cmd import parse_as_of

    try:
        return parse_as_of(text)
    except ValueError as exc:
        sys.stderr.write(f"reunify: {exc}\n")
        raise typer.Exit(2) from None


