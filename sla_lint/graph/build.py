"""Build the service-level dependency graph from the catalogue, and the department view of it.

Nodes are ``department/service`` references; an edge ``a -> b`` means *a depends on b*
and carries ``blocking``, the :class:`Dependency` and its ``loc`` (the ``service:`` value
of the dependency, where problems with it are reported). Only known services take part:
unknown references are the 2xx rules' business.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from sla_lint.depgraph import Edge as Edge  # one edge record, with or without networkx
from sla_lint.model import Catalogue, Dependency, Service

SERVICE_LEVEL = "service"
DEPARTMENT_LEVEL = "department"


def build_graph(catalogue: Catalogue) -> nx.DiGraph:
    """The service-level graph: one node per service, one edge per depended-on provider.

    When a service depends on the same provider twice, the edge keeps the first
    blocking dependency (or the first one, when none blocks).
    """
    graph = nx.DiGraph(level=SERVICE_LEVEL)
    for service in catalogue.service_index.values():
        graph.add_node(service.ref, department=service.department, service=service,
                       loc=service.name.loc)
    for service in catalogue.service_index.values():
        for dep in service.depends_on:
            _add_dependency(graph, service, dep)
    return graph


def _add_dependency(graph: nx.DiGraph, service: Service, dep: Dependency) -> None:
    provider = dep.service.value
    if provider not in graph:
        return
    known = graph.get_edge_data(service.ref, provider)
    if known is not None and (known["blocking"] or not dep.blocking):
        return
    graph.add_edge(service.ref, provider, blocking=dep.blocking, dependency=dep,
                   loc=dep.service.loc)


def edge(graph: nx.DiGraph, consumer: str, provider: str) -> Edge:
    """The edge ``consumer -> provider`` of a service-level graph."""
    dep: Dependency = graph.edges[consumer, provider]["dependency"]
    return Edge(consumer, provider, dep)


def edges(graph: nx.DiGraph, blocking_only: bool = False) -> Iterator[Edge]:
    """The edges of a service-level graph, in insertion (file) order."""
    for consumer, provider, dep in graph.edges(data="dependency"):
        if dep.blocking or not blocking_only:
            yield Edge(consumer, provider, dep)


def service_of(graph: nx.DiGraph, ref: str) -> Service:
    """The service behind a node of the service-level graph."""
    service: Service = graph.nodes[ref]["service"]
    return service


def blocking_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """The service-level graph with only its blocking edges (every node kept)."""
    kept = nx.DiGraph(level=SERVICE_LEVEL)
    kept.add_nodes_from(graph.nodes(data=True))
    kept.add_edges_from((u, v, d) for u, v, d in graph.edges(data=True) if d["blocking"])
    return kept


def department_graph(graph: nx.DiGraph, catalogue: Catalogue) -> nx.DiGraph:
    """The department view: one node per department, one edge per pair that depends.

    An edge holds ``edges`` (the service-level edges behind it, in order) and is
    ``blocking`` when any of them is. Dependencies inside one department are left out:
    the view shows who relies on whom across the company.
    """
    view = nx.DiGraph(level=DEPARTMENT_LEVEL)
    for name, dept in catalogue.department_index.items():
        view.add_node(name, department=dept, loc=dept.name.loc)
    for e in edges(graph):
        src, dst = _department(graph, e.consumer), _department(graph, e.provider)
        if src != dst:
            _merge(view, src, dst, e)
    return view


def _department(graph: nx.DiGraph, ref: str) -> str:
    name: str = graph.nodes[ref]["department"]
    return name


def _merge(view: nx.DiGraph, src: str, dst: str, e: Edge) -> None:
    if view.has_edge(src, dst):
        data = view.edges[src, dst]
        data["edges"] = (*data["edges"], e)
        data["blocking"] = data["blocking"] or e.blocking
    else:
        view.add_edge(src, dst, edges=(e,), blocking=e.blocking, loc=e.loc)


def edges_behind(view: nx.DiGraph, src: str, dst: str) -> tuple[Edge, ...]:
    """The service-level edges behind one edge of either level."""
    data = view.edges[src, dst]
    if "edges" in data:
        behind: tuple[Edge, ...] = data["edges"]
        return behind
    return (Edge(src, dst, data["dependency"]),)
