"""Family 5xx: the dependency graph: no cycles, no self-dependencies, no over-long chains.

The graph work is :mod:`sla_lint.depgraph` (no networkx: it is not imported on ``check``).
"""

from __future__ import annotations

from collections.abc import Iterator

from sla_lint.context import Context
from sla_lint.depgraph import (
    MAX_CYCLES,
    MAX_SHOWN,
    Chain,
    Edge,
    blocking_cycles,
    long_chains,
    self_dependencies,
)
from sla_lint.diagnostics import Finding, Related, Severity
from sla_lint.registry import rule


def _hops(path: tuple[Edge, ...]) -> str:
    """``a → b (file:line), b → c (file:line)``, at most MAX_SHOWN of them."""
    shown = [f"{e.consumer} → {e.provider} ({e.loc.path}:{e.loc.line})"
             for e in path[:MAX_SHOWN]]
    more = f", ... ({len(path) - MAX_SHOWN} more)" if len(path) > MAX_SHOWN else ""
    return ", ".join(shown) + more


@rule("SLA501", "dependency-cycle")
def dependency_cycle(ctx: Context) -> Iterator[Finding]:
    """Blocking dependencies form a cycle.

    Why: every service in the cycle waits, through the others, on its own resolution,
    so none of their promises can be kept. The message lists the whole cycle with each
    dependency's file:line; each cycle is reported once, at its dependency that comes
    first in file order. Make one of them non-blocking (``blocking: false``) or remove it.

    Bad:
        # procurement/purchase-orders
        depends_on: [{service: legal/contract-review}]
        # legal/contract-review
        depends_on: [{service: procurement/purchase-orders}]

    Good:
        # procurement/purchase-orders
        depends_on: [{service: legal/contract-review}]
        # legal/contract-review
        depends_on: [{service: procurement/purchase-orders, blocking: false}]
    """
    for cycle in blocking_cycles(ctx.catalogue):
        first = cycle.edges[0]
        note = (f" (these services form more than {MAX_CYCLES} cycles; the first ones are"
                " reported: fix them and run again)") if cycle.truncated else ""
        yield Finding(
            f"blocking dependencies go round in a cycle of {len(cycle.edges)}:"
            f" {_hops(cycle.edges)}; each of these services waits on itself, so none of"
            " their promises can be kept: make one of these dependencies non-blocking"
            f" (blocking: false) or remove it{note}", first.loc,
            tuple(Related(e.loc, f"{e.consumer} waits on {e.provider}")
                  for e in cycle.edges[1:]))


@rule("SLA502", "self-dependency")
def self_dependency(ctx: Context) -> Iterator[Finding]:
    """A service depends on itself.

    Why: a service cannot wait on its own resolution, and asking itself for help says
    nothing to the reader. Remove the dependency, or name the service really meant.

    Bad:
        # in it-service-desk/laptop-provisioning
        depends_on:
          - service: it-service-desk/laptop-provisioning

    Good:
        depends_on:
          - service: procurement/purchase-orders
    """
    for ref, dep in self_dependencies(ctx.catalogue):
        yield Finding(
            f"service {ref} depends on itself: a service cannot wait on its"
            " own resolution; remove this dependency or name the service meant",
            dep.service.loc)


@rule("SLA503", "dependency-chain-too-long", Severity.WARNING)
def dependency_chain_too_long(ctx: Context) -> Iterator[Finding]:
    """A chain of blocking dependencies is longer than the policy's ``max_dependency_depth``.

    Why: each team in a chain of blocking dependencies waits on the next, so a delay at
    the far end holds up every team before it and the margins add up. Counted in
    dependencies (edges): A waits on B waits on C is a chain of 2. Checked only when the
    policy sets ``max_dependency_depth``; each over-long chain is reported once, at its
    first dependency, with the whole chain.

    Bad:
        # policy: max_dependency_depth: 2
        # inspection -> painting -> welding -> cutting: 3 blocking dependencies

    Good:
        # policy: max_dependency_depth: 3
        # or make one link non-blocking (blocking: false)
    """
    policy = ctx.catalogue.policy
    if policy is None or policy.max_dependency_depth is None:
        return
    limit = int(policy.max_dependency_depth.value)
    where = policy.max_dependency_depth.loc
    for chain in long_chains(ctx.catalogue, limit):
        yield _too_long(chain, limit, Related(where, "the policy's max_dependency_depth"))


def _too_long(chain: Chain, limit: int, policy: Related) -> Finding:
    first = chain.edges[0]
    return Finding(
        f"{first.consumer} waits on {chain.length} blocking dependencies in a row, more than"
        f" the policy's max_dependency_depth of {limit} (at {policy.location}):"
        f" {_hops(chain.edges)}; a delay at the far end holds up every service before it:"
        " make one of these dependencies non-blocking or shorten the chain", first.loc,
        (policy,))

