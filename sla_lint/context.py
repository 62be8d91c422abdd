"""What every rule receives: the catalogue and the few facts about the run it may need."""

from __future__ import annotations

from dataclasses import dataclass

from sla_lint.model import Catalogue


@dataclass(frozen=True)
class Context:
    """The input of a rule. ``this_year`` is used only when no holiday or horizon names a year."""

    catalogue: Catalogue
    this_year: int
