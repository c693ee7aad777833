"""The audit trail: decisions and classifications as git commits (git.py and launch.py are the only git access)."""
