"""Command handlers: each takes the parsed options, calls one stage, prints through a view, returns the exit code."""
