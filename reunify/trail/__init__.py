"""The audit trail: decisions and classifications as git commits (git.py is the only git access)."""
