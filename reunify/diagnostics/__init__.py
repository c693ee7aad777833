"""Diagnostics: one record type (record.py) and the writers that print them (output.py)."""

from reunify.diagnostics.record import Code, Diagnostic, declare, errors

__all__ = ["Code", "Diagnostic", "declare", "errors"]
