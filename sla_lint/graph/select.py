"""Which part of the graph to draw: the level, a focus with its neighbourhood, blocking only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from sla_lint.graph.build import DEPARTMENT_LEVEL, SERVICE_LEVEL
from sla_lint.model import Catalogue
from sla_lint.suggest import did_you_mean

LEVELS = (SERVICE_LEVEL, DEPARTMENT_LEVEL)


class UnknownName(ValueError):
    """A name given on the command line is neither a department nor a service."""


@dataclass(frozen=True)
class GraphRequest:
    """What part of the graph to show, and how."""

    level: str = SERVICE_LEVEL
    focus: str | None = None
    upstream: bool = False  # what the focus waits on (its providers, and theirs)
    downstream: bool = False  # who waits on the focus (its consumers, and theirs)
    depth: int | None = None  # at most this many steps from the focus
    blocking_only: bool = False


def resolve(catalogue: Catalogue, name: str, level: str) -> tuple[str, ...]:
    """The nodes of ``level`` that ``name`` (a department or ``department/service``) means."""
    name = name.strip()
    if name in catalogue.service_index:
        dept = catalogue.service_index[name].department
        return (name,) if level == SERVICE_LEVEL else (dept,)
    if name in catalogue.department_index:
        if level == DEPARTMENT_LEVEL:
            return (name,)
        return tuple(s.ref for s in catalogue.department_index[name].services
                     if catalogue.service_index.get(s.ref) is s)
    choices = [*catalogue.department_index, *catalogue.service_index]
    raise UnknownName(f"{name!r} is neither a department nor a service"
                      f" (department/service){did_you_mean(name, choices)}")


def prune_isolated(graph: nx.DiGraph, keep: Iterable[str]) -> nx.DiGraph:
    """Remove the nodes without any edge, except those in ``keep``."""
    kept = set(keep)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0 and n not in kept])
    return graph


def neighbourhood(graph: nx.DiGraph, seeds: tuple[str, ...], request: GraphRequest) -> nx.DiGraph:
    """The seeds and what they reach upstream and/or downstream, within ``request.depth``."""
    both = not (request.upstream or request.downstream)
    keep = set(seeds)
    if request.upstream or both:
        keep |= _reach(graph, seeds, request.depth)
    if request.downstream or both:
        keep |= _reach(graph.reverse(copy=False), seeds, request.depth)
    graph.remove_nodes_from([n for n in list(graph) if n not in keep])
    return graph


def _reach(graph: nx.DiGraph, seeds: Iterable[str], depth: int | None) -> set[str]:
    """Nodes reachable from the seeds along edges, in at most ``depth`` steps."""
    seen = {s for s in seeds if s in graph}
    frontier = sorted(seen)
    steps = 0
    while frontier and (depth is None or steps < depth):
        frontier = sorted({n for f in frontier for n in graph.successors(f)} - seen)
        seen.update(frontier)
        steps += 1
    return seen
