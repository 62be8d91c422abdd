"""Questions asked of the repo: who are our customers (``customers``), who handles X (``find``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

import networkx as nx

from sla_lint.graph.build import Edge, build_graph, edge
from sla_lint.graph.select import UnknownName
from sla_lint.items import normalize_item
from sla_lint.model import ANY_DEPARTMENT, EXTERNAL, Catalogue, Department, Service, Text
from sla_lint.suggest import did_you_mean

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

FIND_LIMIT = 20  # services shown by default; the rest are counted


@dataclass(frozen=True)
class Handler:
    """A service found for the question: by a scope item, another name, its title..."""

    service: Service
    item: Text  # the phrase that matched, where it is written
    department: Department | None
    calendar: str
    field: str = "item"  # item, synonym, title or description
    near: bool = False  # True when found only by a partial word, a slip or some of the words


@dataclass(frozen=True)
class Redirect:
    """A service that excludes the item, and where it sends people."""

    service: str
    item: Text
    redirect: str | None
    redirect_handles: bool
    near: bool = False


@dataclass(frozen=True)
class FindReport:
    """Who handles what was asked, who turns it away, and what comes close."""

    query: str
    handlers: tuple[Handler, ...]  # exact matches: every word, as written or another form
    redirects: tuple[Redirect, ...]
    near: tuple[Handler, ...]  # close matches, with contacts and targets all the same
    more: int = 0  # matches left out by the limit

    @property
    def found(self) -> bool:
        """True when some service matches every word of the question."""
        return bool(self.handlers)


def find(catalogue: Catalogue, text: str, limit: int = FIND_LIMIT) -> FindReport:
    """Which services answer ``text``, matched as the site's search box matches (0: no limit).

    Words in any order and any form (``laptop`` finds ``laptops``), partial words, small
    slips and the names a service is ``also_known_as`` all count; see
    :mod:`sla_lint.search`.
    """
    from sla_lint.search import build_index, search, shown

    index = build_index(catalogue)
    handlers: list[Handler] = []
    redirects: list[Redirect] = []
    for hit in search(index, text):
        found = shown(index, hit)
        service = catalogue.service_index[found.ref]
        if found.field == "excluded":
            redirects.append(_excluded(catalogue, service, found.text, found.near))
        else:
            handlers.append(Handler(service, _phrase(service, found.field, found.text),
                                    catalogue.department_index.get(service.department),
                                    catalogue.calendar_of(service), found.field, found.near))
    shown_handlers, more = _cut(handlers, limit)
    shown_redirects, more_redirects = _cut(redirects, limit)
    return FindReport(" ".join(text.split()), tuple(h for h in shown_handlers if not h.near),
                      tuple(shown_redirects), tuple(h for h in shown_handlers if h.near),
                      more + more_redirects)


_Kept = TypeVar("_Kept")


def _cut(found: list[_Kept], limit: int) -> tuple[list[_Kept], int]:
    if limit <= 0 or len(found) <= limit:
        return found, 0
    return found[:limit], len(found) - limit


def _phrase(service: Service, field: str, text: str) -> Text:
    """The written text a search phrase came from (its first match), with its place."""
    written = service.includes if field == "item" else service.also_known_as
    if field in ("item", "synonym"):
        for candidate in written:
            if " ".join(candidate.value.split()) == text:
                return candidate
    return Text(text, service.loc)


def _excluded(catalogue: Catalogue, service: Service, text: str, near: bool) -> Redirect:
    exclusion = next(e for e in service.excludes if " ".join(e.item.value.split()) == text)
    found = _redirect(catalogue, service, exclusion.item, exclusion.redirect)
    return Redirect(found.service, found.item, found.redirect, found.redirect_handles, near)


def _redirect(catalogue: Catalogue, service: Service, item: Text, to: Text | None) -> Redirect:
    target = catalogue.service_index.get(to.value) if to else None
    key = normalize_item(item.value)
    handles = target is not None and any(normalize_item(i.value) == key for i in target.includes)
    return Redirect(service.ref, item, to.value if to else None, handles)
