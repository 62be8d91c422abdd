"""Cycles and long chains of blocking dependencies, found with bounded, deterministic work.

Cycles are enumerated per strongly connected component on integer-relabelled copies
(integers hash the same in every process, so the enumeration order never depends on
``PYTHONHASHSEED``), at most :data:`MAX_CYCLES` per component. Chains are measured by
dynamic programming on the DAG of blocking edges between components, never by
enumerating paths: linear in the size of the graph.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

import networkx as nx

# one record for a cycle and for a chain, and the same limits, with or without networkx
from sla_lint.depgraph import MAX_CYCLES as MAX_CYCLES
from sla_lint.depgraph import Chain, Cycle
from sla_lint.graph.build import Edge, blocking_graph, edge


def blocking_cycles(graph: nx.DiGraph) -> list[Cycle]:
    """Every cycle (two services or more) of blocking dependencies, sorted by location."""
    blocking = _without_self_loops(blocking_graph(graph))
    found: list[Cycle] = []
    for component in nx.strongly_connected_components(blocking):
        if len(component) > 1:
            found.extend(_component_cycles(blocking, sorted(component)))
    return sorted(found, key=lambda c: c.edges[0].loc)


def _without_self_loops(graph: nx.DiGraph) -> nx.DiGraph:
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))
    return graph


def _component_cycles(graph: nx.DiGraph, nodes: list[str]) -> Iterator[Cycle]:
    index = {name: i for i, name in enumerate(nodes)}
    numbered = nx.DiGraph()
    numbered.add_nodes_from(range(len(nodes)))
    numbered.add_edges_from(sorted((index[u], index[v]) for u, v in graph.subgraph(nodes).edges))
    cycles = list(islice(nx.simple_cycles(numbered), MAX_CYCLES + 1))
    truncated = len(cycles) > MAX_CYCLES
    for cycle in cycles[:MAX_CYCLES]:
        names = [nodes[i] for i in cycle]
        hops = [edge(graph, a, b) for a, b in zip(names, [*names[1:], names[0]], strict=True)]
        start = min(range(len(hops)), key=lambda i: hops[i].loc)
        yield Cycle(tuple(hops[start:] + hops[:start]), truncated)


def long_chains(graph: nx.DiGraph, limit: int) -> list[Chain]:
    """Chains of more than ``limit`` blocking dependencies, one per first edge.

    A chain starts at a service that no other waits on (inside cycles, at any service
    the cycle is entered from nowhere else), and for each of its blocking edges the
    longest continuation is measured; ties go to the continuation whose next edge comes
    first in file order. Edges inside cycles are left out (SLA501 reports those).
    """
    dag = _condensed(_without_self_loops(blocking_graph(graph)))
    longest, best = _longest_paths(dag)
    chains: list[Chain] = []
    for head in dag:
        if dag.in_degree(head):
            continue
        for succ in dag.successors(head):
            if 1 + longest[succ] > limit:
                chains.append(Chain((edge(dag, head, succ), *_walk(dag, best, succ))))
    return sorted(chains, key=lambda c: c.edges[0].loc)


def _condensed(graph: nx.DiGraph) -> nx.DiGraph:
    """The graph without the edges inside strongly connected components: a DAG."""
    component: dict[str, int] = {}
    for i, members in enumerate(nx.strongly_connected_components(graph)):
        component.update(dict.fromkeys(members, i))
    inner = [(u, v) for u, v in graph.edges if component[u] == component[v]]
    graph.remove_edges_from(inner)
    return graph


def _longest_paths(dag: nx.DiGraph) -> tuple[dict[str, int], dict[str, str]]:
    """For every node, the length of the longest path from it and its first step."""
    longest: dict[str, int] = {}
    best: dict[str, str] = {}
    for node in reversed(list(nx.topological_sort(dag))):
        longest[node] = 0
        for succ in dag.successors(node):
            length = 1 + longest[succ]
            if length > longest[node] or (
                    length == longest[node] and dag.edges[node, succ]["loc"]
                    < dag.edges[node, best[node]]["loc"]):
                longest[node], best[node] = length, succ
    return longest, best


def _walk(dag: nx.DiGraph, best: dict[str, str], node: str) -> Iterator[Edge]:
    while node in best:
        yield edge(dag, node, best[node])
        node = best[node]
