"""reunify: the NSPCC Reunification Practice Framework as checks, reports and an audit trail."""

__version__ = "0.1.0"
