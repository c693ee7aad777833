"""Diagnostics: one record type (record.py), the writers that print them (output.py), and escape.py.

Import the modules themselves: this package imports nothing, so `history`, which only escapes text,
does not pay for the record's imports at start-up.
"""
