"""Cycles and long chains of blocking dependencies, for the 5xx rules, without networkx.

Importing networkx costs about as much as linting a small repo does, so the rules use this
small module instead (``sla-lint graph`` still draws with networkx). The service-level
graph is built exactly as :func:`sla_lint.graph.build.build_graph` builds it (one edge
per provider, the first blocking dependency winning); only blocking edges between two
services count, never a self-loop (SLA502 reports those).

Cycles are listed per strongly connected component with Johnson's algorithm, at most
:data:`MAX_CYCLES` per component; a component with more is handed to networkx, so that
the cycles listed are the ones it has always listed. Chains are measured by dynamic
programming on the components' DAG, never by enumerating paths: linear in the graph.
A test holds the results equal to the networkx implementation on every fixture.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, repeat
from operator import attrgetter

from sla_lint.diagnostics import Location
from sla_lint.model import Catalogue, Dependency, Service

MAX_CYCLES = 100  # per strongly connected component; more are summarised, not listed
MAX_SHOWN = 25  # hops of a chain a message spells out


@dataclass(frozen=True)
class Edge:
    """One dependency between two known services, as the graph holds it."""

    consumer: str
    provider: str
    dependency: Dependency

    @property
    def blocking(self) -> bool:
        """True when the consumer's resolution waits on the provider's."""
        return self.dependency.blocking

    @property
    def loc(self) -> Location:
        """The dependency's ``service:`` value."""
        return self.dependency.service.loc

    @property
    def key(self) -> tuple[str, str]:
        """(consumer, provider)."""
        return self.consumer, self.provider


Graph = dict[str, dict[str, Dependency]]  # consumer -> provider -> dependency, in file order

_DEPENDS_ON = attrgetter("depends_on")
_PROVIDER = attrgetter("service.value")


@dataclass(frozen=True)
class Links:
    """Every dependency of every service (duplicates included), in file order."""

    known: list[tuple[Service, Dependency, Service]]  # (consumer, dependency, provider)
    unknown: list[tuple[Service, Dependency]]  # names no known service


def links(catalogue: Catalogue) -> Links:
    """The catalogue's :class:`Links`, made once (the 2xx and 3xx rules share them)."""
    known: Links | None = catalogue.__dict__.get("_links")
    if known is None:
        services = list(chain.from_iterable(d.services for d in catalogue.departments))
        deps = list(chain.from_iterable(map(_DEPENDS_ON, services)))
        consumers = chain.from_iterable(
            map(repeat, services, map(len, map(_DEPENDS_ON, services))))
        providers = map(catalogue.service_index.get, map(_PROVIDER, deps))
        found = list(zip(consumers, deps, providers, strict=True))
        known = Links([(c, d, p) for c, d, p in found if p is not None],
                      [(c, d) for c, d, p in found if p is None])
        object.__setattr__(catalogue, "_links", known)
    return known


def blocking_graph(catalogue: Catalogue) -> Graph:
    """Every known service, with its blocking dependencies on other known services.

    Made once per catalogue (both 5xx rules ask); callers get a copy they may change.
    """
    return {ref: dict(edges) for ref, edges in _analysis(catalogue).graph.items()}


@dataclass(frozen=True)
class _Analysis:
    """The blocking graph of a catalogue and, when it has no cycle, a topological order."""

    graph: Graph  # shared by the rules: never changed
    selves: list[tuple[str, Dependency]]  # every dependency of a service on itself
    order: list[str] | None  # every consumer before its providers; None: there are cycles
    heads: list[str]  # the services nobody waits on, in file order


def _analysis(catalogue: Catalogue) -> _Analysis:
    """Made once per catalogue (kept with it): SLA501 and SLA503 both ask."""
    known: _Analysis | None = catalogue.__dict__.get("_graph_analysis")
    if known is None:
        graph, selves = _build(catalogue)
        known = _Analysis(graph, selves, *_topological(graph))
        object.__setattr__(catalogue, "_graph_analysis", known)
    return known


def self_dependencies(catalogue: Catalogue) -> list[tuple[str, Dependency]]:
    """(service, dependency) for each dependency of a known service on itself, in file order."""
    return _analysis(catalogue).selves


def _build(catalogue: Catalogue) -> tuple[Graph, list[tuple[str, Dependency]]]:
    """The blocking graph, and the self-dependencies seen on the way."""
    index = catalogue.service_index
    graph: Graph = {}
    selves: list[tuple[str, Dependency]] = []
    for ref, service in index.items():
        edges: dict[str, Dependency] = {}
        for dep in service.depends_on:
            provider = dep.service.value
            if provider not in index:
                continue
            if provider == ref:
                selves.append((ref, dep))
            known = edges.get(provider)
            if known is None or (dep.blocking and not known.blocking):
                edges[provider] = dep
        graph[ref] = {p: d for p, d in edges.items() if d.blocking and p != ref} if edges else {}
    return graph, selves


def _topological(graph: Graph) -> tuple[list[str] | None, list[str]]:
    """(a topological order or None when the graph has a cycle, the nodes nobody waits on).

    Kahn's algorithm: cheaper than the strongly connected components, which a graph
    without cycles does not need (each node is a component of its own).
    """
    waiting = Counter(chain.from_iterable(graph.values()))
    heads = [node for node in graph if node not in waiting]
    order: list[str] = []
    todo = heads[::-1]
    while todo:
        node = todo.pop()
        order.append(node)
        for provider in graph[node]:
            waiting[provider] -= 1
            if not waiting[provider]:
                todo.append(provider)
    return (order if len(order) == len(graph) else None), heads


def _components(catalogue: Catalogue) -> list[list[str]]:
    """The strongly connected components of the blocking graph (made once)."""
    known: list[list[str]] | None = catalogue.__dict__.get("_components")
    if known is None:
        known = components(_analysis(catalogue).graph)
        object.__setattr__(catalogue, "_components", known)
    return known


def components(graph: Graph) -> list[list[str]]:
    """The strongly connected components (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            nxt = next(successors, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph[nxt])))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                found.append(_pop_component(node, stack, on_stack))
    return found


def _pop_component(node: str, stack: list[str], on_stack: set[str]) -> list[str]:
    members = []
    while True:
        member = stack.pop()
        on_stack.discard(member)
        members.append(member)
        if member == node:
            return members


@dataclass(frozen=True)
class Cycle:
    """A cycle of blocking dependencies, starting at the edge with the smallest location."""

    edges: tuple[Edge, ...]
    truncated: bool = False  # its component has more cycles than were listed


def blocking_cycles(catalogue: Catalogue) -> list[Cycle]:
    """Every cycle (two services or more) of blocking dependencies, sorted by location."""
    analysis = _analysis(catalogue)
    if analysis.order is not None:
        return []  # no cycle
    graph = analysis.graph
    found: list[Cycle] = []
    for component in _components(catalogue):
        if len(component) > 1:
            found.extend(_component_cycles(graph, sorted(component)))
    return sorted(found, key=lambda c: c.edges[0].loc)


def _component_cycles(graph: Graph, nodes: list[str]) -> Iterator[Cycle]:
    index = {name: i for i, name in enumerate(nodes)}
    succ = [sorted(index[p] for p in graph[name] if p in index) for name in nodes]
    cycles = []
    for cycle in _johnson(succ):
        cycles.append(cycle)
        if len(cycles) > MAX_CYCLES:
            cycles = _networkx_cycles(succ)  # which ones are listed: as networkx lists them
            break
    truncated = len(cycles) > MAX_CYCLES
    for cycle in cycles[:MAX_CYCLES]:
        names = [nodes[i] for i in cycle]
        hops = [Edge(a, b, graph[a][b]) for a, b in zip(names, [*names[1:], names[0]],
                                                         strict=True)]
        start = min(range(len(hops)), key=lambda i: hops[i].loc)
        yield Cycle(tuple(hops[start:] + hops[:start]), truncated)


def _networkx_cycles(succ: list[list[int]]) -> list[list[int]]:
    from itertools import islice

    import networkx as nx

    numbered = nx.DiGraph()
    numbered.add_nodes_from(range(len(succ)))
    numbered.add_edges_from(sorted((u, v) for u, targets in enumerate(succ) for v in targets))
    return list(islice(nx.simple_cycles(numbered), MAX_CYCLES + 1))


def _johnson(succ: list[list[int]]) -> Iterator[list[int]]:
    """Every elementary cycle, each once, started at its least node (Johnson, 1975)."""
    for start in range(len(succ)):
        allowed = _reachable_both_ways(succ, start)
        if len(allowed) > 1:
            yield from _circuits(succ, start, allowed)


def _reachable_both_ways(succ: list[list[int]], start: int) -> set[int]:
    """The nodes >= start on a cycle with ``start`` using only nodes >= start."""
    forward = _reach(start, lambda v: (w for w in succ[v] if w >= start))
    preds: dict[int, list[int]] = {}
    for v in forward:
        for w in succ[v]:
            if w in forward:
                preds.setdefault(w, []).append(v)
    return _reach(start, lambda v: iter(preds.get(v, ()))) & forward


def _reach(start: int, step: Callable[[int], Iterable[int]]) -> set[int]:
    seen, todo = {start}, [start]
    while todo:
        for w in step(todo.pop()):
            if w not in seen:
                seen.add(w)
                todo.append(w)
    return seen


def _circuits(succ: list[list[int]], start: int, allowed: set[int]) -> Iterator[list[int]]:
    blocked = {start}
    waiting: dict[int, set[int]] = {}
    path = [start]
    closed = [False]
    stack = [iter([w for w in succ[start] if w in allowed])]
    while stack:
        nxt = next(stack[-1], None)
        if nxt is not None:
            if nxt == start:
                yield list(path)
                closed[-1] = True
            elif nxt not in blocked:
                path.append(nxt)
                closed.append(False)
                blocked.add(nxt)
                stack.append(iter([w for w in succ[nxt] if w in allowed]))
            continue
        stack.pop()
        node, was_closed = path.pop(), closed.pop()
        if was_closed:
            if closed:
                closed[-1] = True
            _unblock(node, blocked, waiting)
        else:
            for w in succ[node]:
                if w in allowed:
                    waiting.setdefault(w, set()).add(node)


def _unblock(node: int, blocked: set[int], waiting: dict[int, set[int]]) -> None:
    todo = [node]
    while todo:
        v = todo.pop()
        if v in blocked:
            blocked.discard(v)
            todo.extend(waiting.pop(v, ()))


@dataclass(frozen=True)
class Chain:
    """A longest chain of blocking dependencies from a service nobody waits on."""

    edges: tuple[Edge, ...]

    @property
    def length(self) -> int:
        """How many dependencies in a row (edges, not services)."""
        return len(self.edges)


def long_chains(catalogue: Catalogue, limit: int) -> list[Chain]:
    """Chains of more than ``limit`` blocking dependencies, one per first edge.

    A chain starts at a service that no other waits on (inside cycles, at any service
    the cycle is entered from nowhere else), and for each of its blocking edges the
    longest continuation is measured; ties go to the continuation whose next edge comes
    first in file order. Edges inside cycles are left out (SLA501 reports those).
    """
    analysis = _analysis(catalogue)
    if analysis.order is not None:
        return _dag_chains(analysis.graph, analysis.order, analysis.heads, limit)
    return _chains(analysis.graph, _components(catalogue), limit)


def _chains(graph: Graph, parts: list[list[str]], limit: int) -> list[Chain]:
    """:func:`long_chains` of any graph, given its strongly connected components."""
    dag = _condensed(graph, parts)
    longest, best = _longest_paths(dag)
    waited_on = {p for providers in dag.values() for p in providers}
    chains: list[Chain] = []
    for head, providers in dag.items():
        if head in waited_on:
            continue
        for succ in providers:
            if 1 + longest[succ] > limit:
                chains.append(Chain((Edge(head, succ, dag[head][succ]),
                                     *_walk(dag, best, succ))))
    return sorted(chains, key=lambda c: c.edges[0].loc)


def _dag_chains(dag: Graph, order: list[str], heads: list[str], limit: int) -> list[Chain]:
    """:func:`long_chains` of a graph without cycles, given its topological order.

    Only the lengths are measured for every node; the first steps (ties to the next edge
    first in file order, as :func:`_longest_paths` breaks them) only along the chains
    reported.
    """
    longest: dict[str, int] = {}
    for node in reversed(order):
        providers = dag[node]
        longest[node] = 1 + max(map(longest.__getitem__, providers)) if providers else 0
    chains: list[Chain] = []
    for head in heads:
        for succ, dep in dag[head].items():
            if 1 + longest[succ] > limit:
                chains.append(Chain((Edge(head, succ, dep), *_walk_longest(dag, longest, succ))))
    return sorted(chains, key=lambda c: c.edges[0].loc)


def _walk_longest(dag: Graph, longest: dict[str, int], node: str) -> Iterator[Edge]:
    """The longest path from ``node``, each step to the first (by location) of the longest."""
    while dag[node]:
        edges = dag[node]
        step = min((s for s in edges if longest[s] == longest[node] - 1),
                   key=lambda s: edges[s].service.loc)
        yield Edge(node, step, edges[step])
        node = step


def _condensed(graph: Graph, parts: list[list[str]]) -> Graph:
    """The graph without the edges inside strongly connected components: a DAG."""
    component: dict[str, int] = {}
    for i, members in enumerate(parts):
        component.update(dict.fromkeys(members, i))
    return {u: {v: d for v, d in edges.items() if component[u] != component[v]}
            for u, edges in graph.items()}


def _longest_paths(dag: Graph) -> tuple[dict[str, int], dict[str, str]]:
    """For every node, the length of the longest path from it and its first step."""
    longest: dict[str, int] = {}
    best: dict[str, str] = {}
    for node in _post_order(dag):
        longest[node] = 0
        for succ, dep in dag[node].items():
            length = 1 + longest[succ]
            if length > longest[node] or (
                    length == longest[node] and dep.service.loc
                    < dag[node][best[node]].service.loc):
                longest[node], best[node] = length, succ
    return longest, best


def _post_order(dag: Graph) -> list[str]:
    """Every node after all the nodes it reaches."""
    done: set[str] = set()
    order: list[str] = []
    for root in dag:
        if root in done:
            continue
        done.add(root)
        work = [(root, iter(dag[root]))]
        while work:
            node, successors = work[-1]
            nxt = next(successors, None)
            if nxt is None:
                work.pop()
                order.append(node)
            elif nxt not in done:
                done.add(nxt)
                work.append((nxt, iter(dag[nxt])))
    return order


def _walk(dag: Graph, best: dict[str, str], node: str) -> Iterator[Edge]:
    while node in best:
        yield Edge(node, best[node], dag[node][best[node]])
        node = best[node]
