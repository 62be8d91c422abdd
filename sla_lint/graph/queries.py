"""Questions asked of the repo: who are our customers (``customers``), who handles X (``find``)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx

from sla_lint.graph.build import Edge, build_graph, edge
from sla_lint.graph.select import UnknownName
from sla_lint.items import normalize_item
from sla_lint.model import ANY_DEPARTMENT, EXTERNAL, Catalogue, Department, Service, Text
from sla_lint.suggest import did_you_mean

NEAR_MATCHES = 5


# --- customers --------------------------------------------------------------------------


@dataclass(frozen=True)
class Customer:
    """A service that depends on the subject, directly or through others."""

    service: str
    department: str
    path: tuple[Edge, ...]  # from the customer to the subject, one edge per dependency
    hurt: bool  # every step of some path blocks: a slip of the subject delays it

    @property
    def direct(self) -> bool:
        """True when the customer depends on the subject itself."""
        return len(self.path) == 1


@dataclass(frozen=True)
class ExternalReach:
    """A service serving ``external`` customers that the subject's work reaches."""

    service: str
    path: tuple[Edge, ...]  # empty when the subject itself serves external customers


@dataclass(frozen=True)
class CustomerReport:
    """The internal customers of a department or a service."""

    name: str
    kind: str  # "department" or "service"
    title: str
    services: tuple[str, ...]
    direct: tuple[Customer, ...]
    transitive: tuple[Customer, ...]
    silent: tuple[str, ...]  # departments allowed by ``customers`` that never depend on it
    external: tuple[ExternalReach, ...]


def customers(catalogue: Catalogue, name: str) -> CustomerReport:
    """Who depends on ``name`` (a department or ``department/service``), and how."""
    kind, title, subject = _subject(catalogue, name.strip())
    graph = build_graph(catalogue)
    own = name.strip() if kind == "department" else None
    found = [c for c in _customers(graph, subject) if c.department != own]
    direct = tuple(c for c in found if c.direct)
    return CustomerReport(
        name.strip(), kind, title, tuple(s.ref for s in subject), direct,
        tuple(c for c in found if not c.direct),
        _silent(catalogue, subject, {c.department for c in direct}),
        _external(catalogue, subject, found))


def _subject(catalogue: Catalogue, name: str) -> tuple[str, str, tuple[Service, ...]]:
    service = catalogue.service_index.get(name)
    if service is not None:
        return "service", service.title, (service,)
    dept = catalogue.department_index.get(name)
    if dept is not None:
        own = tuple(s for s in dept.services if catalogue.service_index.get(s.ref) is s)
        return "department", dept.title, own
    choices = [*catalogue.department_index, *catalogue.service_index]
    raise UnknownName(f"{name!r} is neither a department nor a service"
                      f" (department/service){did_you_mean(name, choices)}")


def _customers(graph: nx.DiGraph, subject: tuple[Service, ...]) -> Iterator[Customer]:
    targets = [s.ref for s in subject]
    hurting = _paths_to(graph, targets, blocking_only=True)
    every = _paths_to(graph, targets, blocking_only=False)
    for ref in sorted(every, key=lambda r: (len(every[r]), r)):
        path = every[ref] if len(every[ref]) == 1 else hurting.get(ref, every[ref])
        yield Customer(ref, graph.nodes[ref]["department"], path, ref in hurting)


def _paths_to(graph: nx.DiGraph, targets: list[str], blocking_only: bool
              ) -> dict[str, tuple[Edge, ...]]:
    """Shortest paths (fewest dependencies, then names) from every consumer to a target."""
    paths: dict[str, tuple[Edge, ...]] = dict.fromkeys(targets, ())
    frontier = sorted(targets)
    while frontier:
        reached: list[str] = []
        for node in frontier:
            for consumer in sorted(graph.predecessors(node)):
                step = edge(graph, consumer, node)
                if consumer not in paths and (step.blocking or not blocking_only):
                    paths[consumer] = (step, *paths[node])
                    reached.append(consumer)
        frontier = reached
    return {ref: path for ref, path in paths.items() if path}


def _silent(catalogue: Catalogue, subject: tuple[Service, ...], asking: set[str]
            ) -> tuple[str, ...]:
    own = {s.department for s in subject}
    allowed: set[str] = set()
    for service in subject:
        names = {c.value for c in service.customers}
        if ANY_DEPARTMENT in names:
            allowed.update(d for d in catalogue.department_index if d not in own)
        allowed.update(n for n in names if n in catalogue.department_index)
    return tuple(sorted(allowed - asking))


def _external(catalogue: Catalogue, subject: tuple[Service, ...], found: list[Customer]
              ) -> tuple[ExternalReach, ...]:
    reach = [ExternalReach(s.ref, ()) for s in subject if _serves_external(s)]
    reach += [ExternalReach(c.service, c.path) for c in found
              if _serves_external(catalogue.service_index[c.service])]
    return tuple(reach)


def _serves_external(service: Service) -> bool:
    return any(c.value == EXTERNAL for c in service.customers)


# --- find -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Handler:
    """A service whose ``includes`` list the item."""

    service: Service
    item: Text
    department: Department | None
    calendar: str


@dataclass(frozen=True)
class Redirect:
    """A service that excludes the item, and where it sends people."""

    service: str
    item: Text
    redirect: str | None
    redirect_handles: bool


@dataclass(frozen=True)
class NearMatch:
    """An included item close to what was asked."""

    item: Text
    service: str


@dataclass(frozen=True)
class FindReport:
    """Who handles a scope item, who turns it away, and what is close."""

    query: str
    handlers: tuple[Handler, ...]
    redirects: tuple[Redirect, ...]
    near: tuple[NearMatch, ...]

    @property
    def found(self) -> bool:
        """True when some service includes the item."""
        return bool(self.handlers)


def find(catalogue: Catalogue, text: str) -> FindReport:
    """Which service handles ``text`` (matched like scope items are), with near matches."""
    key = normalize_item(text)
    services = list(catalogue.service_index.values())
    handlers = tuple(
        Handler(s, item, catalogue.department_index.get(s.department), catalogue.calendar_of(s))
        for s in services for item in s.includes if normalize_item(item.value) == key)
    redirects = tuple(_redirect(catalogue, s, e.item, e.redirect) for s in services
                      for e in s.excludes if normalize_item(e.item.value) == key)
    near = () if handlers else _near(services, key)
    return FindReport(" ".join(text.split()), handlers, redirects, near)


def _redirect(catalogue: Catalogue, service: Service, item: Text, to: Text | None) -> Redirect:
    target = catalogue.service_index.get(to.value) if to else None
    key = normalize_item(item.value)
    handles = target is not None and any(normalize_item(i.value) == key for i in target.includes)
    return Redirect(service.ref, item, to.value if to else None, handles)


def _near(services: list[Service], key: str) -> tuple[NearMatch, ...]:
    scored = []
    for service in services:
        for item in service.includes:
            score = _closeness(key, normalize_item(item.value))
            if score > 0:
                scored.append((-score, normalize_item(item.value), service.ref, item))
    scored.sort(key=lambda s: s[:3])
    return tuple(NearMatch(item, ref) for _, _, ref, item in scored[:NEAR_MATCHES])


def _closeness(query: str, item: str) -> float:
    """0 when unrelated; more when one contains the other, words are shared, or spelt alike."""
    ratio = difflib.SequenceMatcher(None, query, item).ratio()
    if query and (query in item or item in query):
        return 2 + ratio
    if {w for w in query.split() if len(w) > 2} & set(item.split()):
        return 1 + ratio
    return ratio if ratio >= 0.6 else 0.0
