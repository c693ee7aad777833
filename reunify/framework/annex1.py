"""Annex 1 factor vocabulary (NSPCC Reunification Practice Framework; Jones et al. 2006, adapted by Brown and Ward).

Only the abuse domain is in the NSPCC framework; the other domains are the tool's own
vocabulary (a tool convention, docs/practice-rules.md), to be checked against
the framework document by a team adopting them. An unknown code is a warning,
never an error: a team may use its own vocabulary.
"""

from __future__ import annotations

RISK_CODES: dict[str, tuple[str, ...]] = {
    "abuse": (
        "severe-physical-abuse", "neglect", "severe-growth-failure", "multiple-maltreatment",
        "more-than-one-child-affected", "previous-maltreatment",
        "sexual-abuse-penetration-or-long-duration", "fabricated-induced-illness",
    ),
    "parent": (
        "substance-misuse", "mental-illness", "personality-disorder",
        "learning-disability-with-mental-illness", "denial-of-problems", "non-compliance",
        "own-childhood-abuse-unrecognised", "domestic-abuse",
    ),
    "child": ("developmental-delay-or-special-needs", "child-mental-health-problems", "very-young-child"),
    "parenting and interaction": ("lack-of-empathy", "child-needs-not-put-first", "insecure-or-disordered-attachment"),
    "family": ("family-violence", "poor-family-relationships"),
    "social setting": ("social-isolation", "violent-or-criminal-environment", "poor-housing-or-finances"),
    "professional": ("lack-of-resources", "poor-engagement-with-professionals"),
}
FRAMEWORK_DOMAINS = ("abuse",)  # the domains the NSPCC framework itself lists; the rest are ours
PROTECTIVE_CODES: dict[str, tuple[str, ...]] = {
    "abuse": ("less-severe-abuse",),
    "parent": (
        "recognises-problem", "engages-with-services", "illness-responsive-to-treatment",
        "non-abusive-partner", "own-abuse-recognised",
    ),
    "child": ("child-resilience", "attachment-to-non-abusive-adult", "positive-peer-relationships"),
    "parenting and interaction": ("secure-attachment", "empathy-for-child"),
    "family": ("supportive-wider-family", "non-violent-family"),
    "social setting": ("social-support", "community-resources"),
    "professional": ("therapeutic-relationship", "outreach-support"),
}
RISK = frozenset(c for codes in RISK_CODES.values() for c in codes)
PROTECTIVE = frozenset(c for codes in PROTECTIVE_CODES.values() for c in codes)
