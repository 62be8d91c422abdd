"""Build catalogues in memory for graph tests: services 0..n-1, dependencies as (a, b, blocking)."""

from __future__ import annotations

from collections.abc import Iterable

from sla_lint.diagnostics import Location
from sla_lint.model import Catalogue, Department, Dependency, Number, Policy, Service, Text


def ref(i: int) -> str:
    return f"d{i % 7}/s{i}"


def _service(i: int, deps: list[Dependency]) -> Service:
    loc = Location(f"d{i % 7}.yaml", i + 1, 5)
    return Service(f"d{i % 7}", Text(f"s{i}", loc), f"Service {i}", (Text("*", loc),),
                   (Text(f"item {i}", loc),), (), None, (), tuple(deps), loc, loc)


def make_catalogue(n: int, edges: Iterable[tuple[int, int, bool]],
                   max_depth: int | None = None) -> Catalogue:
    deps: dict[int, list[Dependency]] = {i: [] for i in range(n)}
    for k, (a, b, blocking) in enumerate(edges):
        loc = Location("deps.yaml", k + 1, 20)
        deps[a].append(Dependency(Text(ref(b), loc), (), blocking, (), loc))
    services = [_service(i, deps[i]) for i in range(n)]
    departments = tuple(
        Department(Text(f"d{d}", Location(f"d{d}.yaml", 1, 1)), f"Dept {d}", None, "", (),
                   None, (), tuple(s for s in services if s.department == f"d{d}"),
                   f"d{d}.yaml", Location(f"d{d}.yaml", 1, 1))
        for d in range(7))
    policies = () if max_depth is None else (_policy(max_depth),)
    return Catalogue(departments, (), policies)


def _policy(max_depth: int) -> Policy:
    loc = Location("policy.yaml", 1, 1)
    return Policy(Text("p", loc), (), None, (), None, Number(float(max_depth), loc), (),
                  "policy.yaml", loc)
