"""The rules, one module per family; importing this package registers them all."""

from __future__ import annotations

from sla_lint.rules import (
    attainment,
    calendars,
    changes,
    commitments,
    dependencies,
    escalation,
    feasibility,
    holidays,
    references,
    scope,
)

__all__ = [
    "attainment", "calendars", "changes", "commitments", "dependencies", "escalation",
    "feasibility", "holidays", "references", "scope",
]
