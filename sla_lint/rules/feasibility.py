"""Family 4xx, feasibility: no team promises faster than the teams it waits on can deliver.

For every blocking dependency and every priority, the provider's resolution deadline
(for the priority ours is raised as) must never be after ours, at any arrival moment
of the horizon, in absolute time (FORMAT.md, "Meaning of a promise, and feasibility").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sla_lint.context import Context
from sla_lint.diagnostics import Finding, Related, Severity
from sla_lint.fixes.advice import fixes, percent
from sla_lint.model import Dependency, Service, Text
from sla_lint.registry import rule
from sla_lint.rules.timing import Promise, TimeModel, moment_text, time_model
from sla_lint.timecalc import Comparison

__all__ = ["edges", "human", "percent"]


@dataclass(frozen=True)
class Edge:
    """One priority of one blocking dependency: our promise and the provider's."""

    consumer: Service
    dep: Dependency
    provider: Service
    priority: str
    theirs: str
    ours: Promise
    their_promise: Promise | None
    result: Comparison | None


def edges(ctx: Context) -> list[Edge]:
    """Every (blocking dependency, priority) that may need reporting, computed once per run.

    An edge that cheap bounds show to be kept with at least the policy's ``min_slack``
    (:meth:`TimeModel.provably_kept`) is left out: nothing would be said about it.
    """
    cached = ctx.memo.get("feasibility")
    if isinstance(cached, list):
        return cached
    model = time_model(ctx)
    policy = ctx.catalogue.policy
    minimum = policy.min_slack.value if policy and policy.min_slack else None
    table = _Resolutions(ctx, model)
    found = [edge for consumer in ctx.catalogue.services() if consumer.depends_on
             for dep in consumer.depends_on if dep.blocking
             for edge in _dependency_edges(ctx, model, table, consumer, dep, minimum)]
    ctx.memo["feasibility"] = found
    return found


Resolution = tuple[str, Text | None, Promise | None]  # priority, as written, usable promise


class _Resolutions:
    """Each service's resolution promise per priority of the ladder, made once per service.

    ``shared=True`` answers from the first service with the same signature (same calendar,
    same texts): enough to decide whether a dependency needs a report at all, since every
    time answer depends on texts and calendars only, not on where they were written.
    """

    def __init__(self, ctx: Context, model: TimeModel) -> None:
        self.model = model
        self.ladder = frozenset(ctx.catalogue.ladder)
        self._of: dict[int, tuple[Service, dict[str, Resolution]]] = {}
        self._shared: dict[int, tuple[dict[str, Resolution], list[tuple[str, Promise]]]] = {}
        self.quiet: set[tuple[object, ...]] = set()  # (consumer, provider, mapping) keys

    def of(self, service: Service, shared: bool = False) -> dict[str, Resolution]:
        """Priority -> (priority, resolution text, promise), the first target of each."""
        if shared:
            return self._signature_table(service)[0]
        known = self._of.get(id(service))
        if known is None:  # the service is kept with its table, so its id stays its own
            table: dict[str, Resolution] = {}
            for target in service.targets:
                p = target.priority.value
                promise = self.model.service_promise(service, target.resolution)
                table.setdefault(p, (p, target.resolution, promise))
            known = self._of[id(service)] = (service, table)
        return known[1]

    def ours(self, service: Service, shared: bool = False) -> list[tuple[str, Promise]]:
        """(priority, promise) of each target on the ladder with a usable resolution."""
        if shared:
            return self._signature_table(service)[1]
        return self._usable(self.of(service))

    def _usable(self, table: dict[str, Resolution]) -> list[tuple[str, Promise]]:
        return [(p, promise) for p, _, promise in table.values()
                if p in self.ladder and promise is not None]

    def _signature_table(self, service: Service) -> tuple[dict[str, Resolution],
                                                          list[tuple[str, Promise]]]:
        key = self.model.signature_key(service)
        known = self._shared.get(key)
        if known is None:
            table = self.of(service)
            known = self._shared[key] = (table, self._usable(table))
        return known


def _dependency_edges(ctx: Context, model: TimeModel, table: _Resolutions, consumer: Service,
                      dep: Dependency, minimum: float | None) -> Iterator[Edge]:
    provider = ctx.catalogue.service_index.get(dep.service.value)
    if provider is None or provider is consumer:
        return
    mapping = dep.priority_map
    key = (model.signature_key(consumer), model.signature_key(provider),
           tuple((ours.value, theirs.value) for ours, theirs in mapping) if mapping else ())
    if key in table.quiet:
        return  # the same promises on both sides were shown to need no report
    if not any(_pairs(model, table, (consumer, provider), dep, minimum, shared=True)):
        table.quiet.add(key)  # decided on the signatures' tables, made once per signature
        return
    yield from _pairs(model, table, (consumer, provider), dep, minimum)


def _pairs(model: TimeModel, table: _Resolutions, services: tuple[Service, Service],
           dep: Dependency, minimum: float | None, shared: bool = False) -> Iterator[Edge]:
    consumer, provider = services
    theirs_of = table.of(provider, shared)
    for p, ours in table.ours(consumer, shared):  # targets of a priority given twice: the first
        theirs = dep.provider_priority(p)
        if theirs not in table.ladder:
            continue
        _, their_text, their_promise = theirs_of.get(theirs, ("", None, None))
        if their_promise is not None and model.provably_kept(their_promise, ours, minimum):
            continue
        result = model.compare(their_promise, ours) if their_promise else None
        if their_text is None or result is not None:
            yield Edge(consumer, dep, provider, p, theirs, ours, their_promise, result)


@rule("SLA408", "infeasible-dependency")
def infeasible_dependency(ctx: Context) -> Iterator[Finding]:
    """A promise cannot be kept because a team it waits on may take longer.

    Why: when our resolution waits on another team's (a blocking dependency), we can
    only promise what they can deliver plus our own work. Checked at every arrival
    moment of the horizon in absolute time, so different time zones, weekends, holidays
    and daylight-saving changes all count: a London team promising ``8bh`` while waiting
    on a New York team's ``8bh`` cannot keep it, although the numbers match. The message
    names the worst moment in both teams' local times (to the second) and what would fix
    it: a value for our promise and one for theirs, each safe to apply alone (it keeps
    the policy's limits and ``min_slack``, the ladder, response before resolution, and
    whoever waits on the service changed), or, where no value fits, which two promises
    collide and who can move them. ``sla-lint fastest`` lists the fastest promise per
    priority.

    Bad:
        # procurement/purchase-orders promises P2 resolution 5bd
        targets:
          P2: {response: 2bh, resolution: 3bd}
        depends_on:
          - {service: procurement/purchase-orders, for: [laptops]}

    Good:
        targets:
          P2: {response: 2bh, resolution: 7bd}
        depends_on:
          - {service: procurement/purchase-orders, for: [laptops]}
    """
    for edge in edges(ctx):
        if edge.result is not None and not edge.result.holds:
            yield _infeasible(ctx, edge, edge.result)


def _infeasible(ctx: Context, edge: Edge, cmp: Comparison) -> Finding:
    ours, theirs = edge.ours, edge.their_promise
    assert theirs is not None
    worst = cmp.worst
    late = human(worst.first - worst.second)
    message = (
        f"{edge.priority} resolution {ours.text} ({ours.calendar_name}) cannot be kept: it waits"
        f" on {edge.provider.ref}, whose {edge.theirs} resolution is {theirs.text}"
        f" ({theirs.calendar_name}, {theirs.text.loc}). For a request arriving"
        f" {_both(worst.arrival, ours, theirs, arrival=True)}, {edge.provider.ref} may take"
        f" until {_both(worst.first, theirs, ours)}, {late} after our deadline"
        f" {moment_text(worst.second, ours.calendar)}. {_fixes(ctx, edge, ours, theirs)}")
    return Finding(message, edge.dep.service.loc,
                   (Related(theirs.text.loc, f"{edge.provider.ref} {edge.theirs} resolution"),
                    Related(ours.text.loc, f"our {edge.priority} resolution")))


def _both(moment: dt.datetime, first: Promise, second: Promise, arrival: bool = False) -> str:
    text = moment_text(moment, first.calendar, arrival)
    if first.calendar.timezone == second.calendar.timezone:
        return text
    return f"{text} = {moment_text(moment, second.calendar)}"


def _fixes(ctx: Context, edge: Edge, ours: Promise, theirs: Promise) -> str:
    """Values that repair the edge and add no finding (:mod:`sla_lint.fixes.advice`)."""
    return fixes(ctx, (edge.consumer, edge.provider, edge.priority, edge.theirs), (ours, theirs))


def human(delta: dt.timedelta) -> str:
    """``1d 2h 30m`` for a positive duration (seconds only when under a minute)."""
    seconds = int(delta.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{v}{u}" for v, u in ((days, "d"), (hours, "h"), (minutes, "m")) if v]
    return " ".join(parts) or f"{max(secs, 1)}s"


@rule("SLA409", "low-slack", Severity.WARNING)
def low_slack(ctx: Context) -> Iterator[Finding]:
    """A dependency leaves less slack than the policy's ``min_slack``.

    Why: slack is the share of our time left after the provider's worst case, at the
    tightest arrival moment: (our deadline - theirs) / (our deadline - arrival). With
    little slack, any delay on their side breaks our promise. Only checked when the
    policy sets ``min_slack``. Like SLA408, the message suggests values for either side
    that add no other finding, or names the promises that collide.

    Bad:
        # policy: min_slack: 20%; provider P3 resolution 4bd
        P3: {response: 4bh, resolution: 5bd}     # 20% at best, less after a holiday

    Good:
        P3: {response: 4bh, resolution: 7bd}
    """
    policy = ctx.catalogue.policy
    if policy is None or policy.min_slack is None:
        return
    minimum = policy.min_slack.value
    for edge in edges(ctx):
        cmp = edge.result
        if cmp is not None and cmp.holds and cmp.slack < minimum:
            yield _low_slack(ctx, edge, cmp, minimum)


def _low_slack(ctx: Context, edge: Edge, cmp: Comparison, minimum: float) -> Finding:
    ours, theirs = edge.ours, edge.their_promise
    assert theirs is not None
    at = cmp.slack_at
    message = (
        f"{edge.priority} resolution {ours.text} leaves only {percent(cmp.slack)} slack over"
        f" {edge.provider.ref}'s {edge.theirs} resolution {theirs.text} ({theirs.text.loc});"
        f" the policy asks for at least {percent(minimum)}. Tightest: a request arriving"
        f" {_both(at.arrival, ours, theirs, arrival=True)} is resolved by them at"
        f" {moment_text(at.first, ours.calendar)} against our deadline"
        f" {moment_text(at.second, ours.calendar)}. {_fixes(ctx, edge, ours, theirs)}")
    return Finding(message, edge.dep.service.loc,
                   (Related(theirs.text.loc, f"{edge.provider.ref} {edge.theirs} resolution"),))


@rule("SLA410", "unbacked-dependency", Severity.WARNING)
def unbacked_dependency(ctx: Context) -> Iterator[Finding]:
    """A promise waits on a service that makes no resolution promise for that priority.

    Why: nothing guarantees the provider's part, so our promise cannot be shown to be
    keepable. Ask the provider for a resolution target, or mark the dependency
    ``blocking: false`` if our resolution does not wait on theirs.

    Bad:
        # it/laptops has P2: {response: 2bh} and no resolution
        depends_on:
          - {service: it/laptops}

    Good:
        # it/laptops has P2: {response: 2bh, resolution: 3bd}
        depends_on:
          - {service: it/laptops}
    """
    for edge in edges(ctx):
        if edge.their_promise is None:
            yield Finding(
                f"{edge.priority} resolution {edge.ours.text} waits on {edge.provider.ref},"
                f" which promises no {edge.theirs} resolution ({edge.provider.targets_loc});"
                f" ask {edge.provider.department} for one, or mark the dependency"
                " blocking: false", edge.dep.service.loc)
