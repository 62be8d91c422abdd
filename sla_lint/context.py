"""What every rule receives: the catalogue and the few facts about the run it may need."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sla_lint.model import Catalogue


@dataclass(frozen=True)
class Context:
    """The input of a rule. ``this_year`` is used only when no holiday or horizon names a year.

    ``memo`` lets several rules share work derived from the catalogue (parsed durations,
    built calendars) within one run; it is never part of a rule's result.
    """

    catalogue: Catalogue
    this_year: int
    base: Catalogue | None = None  # the catalogue at --base REF, for the 6xx rules
    base_ref: str = ""
    tickets: tuple[str, ...] = ()  # ticket exports (check --tickets), for SLA440
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
