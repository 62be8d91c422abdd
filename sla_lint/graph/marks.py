"""Which edges the lint result marks as infeasible or part of a cycle, and what it says about them.

This is the one place that knows which codes mean what for the drawing: the time rule
reports an infeasible dependency as ``SLA408`` at the dependency's ``service:`` value,
the cycle rule reports ``SLA501`` at one edge of the cycle with the others as related
places, and ``SLA502`` (a self-dependency, the shortest cycle) at the dependency.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import networkx as nx

from sla_lint.diagnostics import Diagnostic, Location
from sla_lint.graph.build import edges

INFEASIBLE_CODE = "SLA408"
CYCLE_CODES = ("SLA501", "SLA502")  # a cycle of blocking dependencies; a self-dependency


@dataclass(frozen=True)
class EdgeNote:
    """A diagnostic about one dependency, for the text view."""

    key: tuple[str, str]
    diagnostic: Diagnostic


@dataclass(frozen=True)
class Marks:
    """Service-level edges (consumer, provider) to draw in red, and notes about edges."""

    infeasible: frozenset[tuple[str, str]] = frozenset()
    cycle: frozenset[tuple[str, str]] = frozenset()
    notes: tuple[EdgeNote, ...] = ()

    def red(self, key: tuple[str, str]) -> bool:
        """True when the edge is infeasible or in a cycle."""
        return key in self.infeasible or key in self.cycle

    def about(self, key: tuple[str, str]) -> tuple[Diagnostic, ...]:
        """The diagnostics about one edge."""
        return self._by_edge.get(key, ())

    @cached_property
    def _by_edge(self) -> dict[tuple[str, str], tuple[Diagnostic, ...]]:
        grouped: dict[tuple[str, str], tuple[Diagnostic, ...]] = {}
        for note in self.notes:
            grouped[note.key] = (*grouped.get(note.key, ()), note.diagnostic)
        return grouped


def mark_edges(graph: nx.DiGraph, diagnostics: Iterable[Diagnostic]) -> Marks:
    """Mark the edges of a service-level graph from the diagnostics of a lint run."""
    diags = tuple(diagnostics)
    named = {e.loc: e.key for e in edges(graph)}
    infeasible = {named[d.location] for d in diags
                  if d.code == INFEASIBLE_CODE and d.location in named}
    cycle = {named[place] for d in diags if d.code in CYCLE_CODES
             for place in (d.location, *(r.location for r in d.related)) if place in named}
    anywhere = _edge_places(graph)
    notes = tuple(EdgeNote(anywhere[d.location], d) for d in diags if d.location in anywhere)
    return Marks(frozenset(infeasible), frozenset(cycle), notes)


def _edge_places(graph: nx.DiGraph) -> dict[Location, tuple[str, str]]:
    """Every place inside a dependency entry (itself, its service, its items) -> its edge."""
    places: dict[Location, tuple[str, str]] = {}
    for e in edges(graph):
        for loc in (e.dependency.loc, e.loc, *(i.loc for i in e.dependency.items)):
            places.setdefault(loc, e.key)
    return places
