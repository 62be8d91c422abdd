"""What a picture of the graph shows: boxes and links as frozen records, ready to render.

:func:`draw` is the core of ``sla-lint graph``: it takes the catalogue and the lint
result's diagnostics (to mark infeasible dependencies and cycles) and the request.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from sla_lint.diagnostics import Diagnostic, Location, Severity
from sla_lint.graph.build import (
    DEPARTMENT_LEVEL,
    SERVICE_LEVEL,
    Edge,
    blocking_graph,
    build_graph,
    department_graph,
    edges_behind,
)
from sla_lint.graph.marks import Marks, mark_edges
from sla_lint.graph.select import GraphRequest, neighbourhood, prune_isolated, resolve
from sla_lint.model import Catalogue, Department, Service, Target


@dataclass(frozen=True)
class Box:
    """A node: a service, or a department at department level."""

    id: str
    title: str
    department: str
    department_title: str
    loc: Location
    calendar: str
    targets: tuple[Target, ...] = ()
    members: tuple[str, ...] = ()  # at department level: its services


@dataclass(frozen=True)
class Link:
    """An arrow from a consumer to the provider it depends on."""

    source: str
    target: str
    blocking: bool
    edges: tuple[Edge, ...]
    infeasible: bool = False
    cycle: bool = False
    notes: tuple[Diagnostic, ...] = ()

    @property
    def red(self) -> bool:
        """Drawn in red: infeasible or part of a cycle."""
        return self.infeasible or self.cycle

    @property
    def marks(self) -> tuple[str, ...]:
        """``cycle`` and/or ``infeasible``."""
        return tuple(m for m, on in (("cycle", self.cycle), ("infeasible", self.infeasible))
                     if on)


@dataclass(frozen=True)
class Drawing:
    """Everything a renderer needs, sorted."""

    level: str
    boxes: tuple[Box, ...]
    links: tuple[Link, ...]
    focus: str | None = None
    errors: int = 0
    warnings: int = 0


def draw(catalogue: Catalogue, diagnostics: Iterable[Diagnostic],
         request: GraphRequest) -> Drawing:
    """The drawing for ``request``; raises :class:`UnknownName` for an unknown focus."""
    diags = tuple(diagnostics)
    seeds = resolve(catalogue, request.focus, request.level) if request.focus else ()
    services = build_graph(catalogue)
    marks = mark_edges(services, diags)
    shown = blocking_graph(services) if request.blocking_only else services
    if request.level == DEPARTMENT_LEVEL:
        shown = department_graph(shown, catalogue)
    if request.blocking_only:
        shown = prune_isolated(shown, seeds)
    if seeds:
        shown = neighbourhood(shown, seeds, request)
    return Drawing(request.level, _boxes(shown, catalogue), _links(shown, marks),
                   request.focus, _count(diags, Severity.ERROR), _count(diags, Severity.WARNING))


def _count(diags: tuple[Diagnostic, ...], severity: Severity) -> int:
    return sum(1 for d in diags if d.severity is severity)


def _boxes(graph: nx.DiGraph, catalogue: Catalogue) -> tuple[Box, ...]:
    level = graph.graph.get("level", SERVICE_LEVEL)
    if level == DEPARTMENT_LEVEL:
        made = [_department_box(graph.nodes[n]["department"], catalogue) for n in graph]
    else:
        made = [_service_box(graph.nodes[n]["service"], catalogue) for n in graph]
    return tuple(sorted(made, key=lambda b: (b.department, b.id)))


def _service_box(service: Service, catalogue: Catalogue) -> Box:
    dept = catalogue.department_index.get(service.department)
    return Box(service.ref, service.title, service.department,
               dept.title if dept else service.department, service.name.loc,
               catalogue.calendar_of(service), service.targets)


def _department_box(dept: Department, catalogue: Catalogue) -> Box:
    return Box(dept.name.value, dept.title, dept.name.value, dept.title, dept.name.loc,
               catalogue.department_calendar(dept),
               members=tuple(s.ref for s in dept.services))




def _links(graph: nx.DiGraph, marks: Marks) -> tuple[Link, ...]:
    made = []
    for source, target in graph.edges:
        behind = edges_behind(graph, source, target)
        keys = [e.key for e in behind]
        made.append(Link(
            source, target, any(e.blocking for e in behind), behind,
            infeasible=any(k in marks.infeasible for k in keys),
            cycle=any(k in marks.cycle for k in keys),
            notes=tuple(d for k in keys for d in marks.about(k))))
    return tuple(sorted(made, key=lambda link: (link.source, link.target)))
