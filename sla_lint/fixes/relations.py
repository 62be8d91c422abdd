"""What a service's resolution for one priority must keep, as a list of relations.

A relation is one "no later than" between a candidate resolution and another promise,
either a floor (the other promise must end no later than the candidate: what we wait on,
our response, a more urgent priority) or a cap (the candidate must end no later than the
other: who waits on us, a less urgent priority, the policy limit). Each is monotone in the
candidate's length, so the values that keep them all form one range.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sla_lint.context import Context
from sla_lint.diagnostics import Location
from sla_lint.model import Service, Text
from sla_lint.rules.timing import Promise, TimeModel, time_model


@dataclass(frozen=True)
class Relation:
    """One "no later than" a candidate resolution must keep, and how it is worded.

    ``floor``: ``other`` must end no later than the candidate; else the candidate no later
    than ``other``. ``slack``: the least share of the later one's time left over (the
    policy's ``min_slack``) for dependencies, None for the service's own targets.
    ``party``/``priority``: the service and priority ``other`` belongs to.
    """

    floor: bool
    other: Promise
    slack: float | None
    kind: str  # "dependency", "consumer", "ladder", "response", "limit"
    party: str
    priority: str
    remedy: str

    @property
    def key(self) -> tuple[object, ...]:
        """What the answer depends on: direction, the other promise's text and calendar, slack."""
        return (self.floor, self.other.text.value, self.other.calendar_name, self.slack)

    def same(self, other: Relation | None) -> bool:
        """True when both relate to the same party's promise (whatever the slack asked)."""
        return other is not None and (self.floor, self.kind, self.party, self.priority) == (
            other.floor, other.kind, other.party, other.priority)

    @property
    def where(self) -> Location:
        """Where the other promise is written."""
        return self.other.text.loc

    def wording(self) -> str:
        """``procurement/desk's P2 resolution 2bd (procurement.yaml:12:41)``."""
        what = {"dependency": f"{self.party}'s {self.priority} resolution",
                "consumer": f"{self.party}'s {self.priority} resolution",
                "ladder": f"{self.priority} resolution",
                "response": f"{self.priority} response",
                "limit": f"the policy limit for {self.priority} resolution"}[self.kind]
        loc = self.where
        return f"{what} {self.other.text} ({loc.path}:{loc.line}:{loc.column})"


@dataclass(frozen=True)
class Relations:
    """Who depends on whom, and the policy's numbers, indexed once per run."""

    model: TimeModel
    ladder: tuple[str, ...]
    min_slack: float | None
    limits: dict[str, Text | None]
    consumers: dict[str, tuple[tuple[Service, str, str], ...]]  # provider ref -> (consumer, q, p)
    memo: dict[tuple[object, ...], Any] = field(default_factory=dict)  # the run's answers


def index(ctx: Context) -> Relations:
    """The run's :class:`Relations`, built on first use and kept in the context's memo."""
    known = ctx.memo.get("fix-relations")
    if isinstance(known, Relations):
        return known
    model = time_model(ctx)
    cat = ctx.catalogue
    policy = cat.policy
    minimum = policy.min_slack.value if policy and policy.min_slack else None
    limits = {limit.priority.value: limit.resolution for limit in policy.limits} if policy else {}
    found: dict[str, list[tuple[Service, str, str]]] = {}
    for consumer in cat.services():
        for dep in consumer.depends_on:
            if dep.blocking and cat.service_index.get(dep.service.value) not in (None, consumer):
                found.setdefault(dep.service.value, []).extend(
                    (consumer, q, dep.provider_priority(q)) for q in cat.ladder)
    made = Relations(model, cat.ladder, float(minimum) if minimum is not None else None,
                     {p: text for p, text in limits.items()},  # texts: promises made per service
                     {ref: tuple(rows) for ref, rows in found.items()})
    ctx.memo["fix-relations"] = made
    return made


def first_targets(service: Service, name: str, model: TimeModel) -> dict[str, Promise]:
    """Priority -> the usable promise of the first target of that priority, for ``name``."""
    calendar = model.calendar_name_of(service)
    table: dict[str, Promise] = {}
    for target in service.targets:
        promise = model.promise(target.field(name), calendar)
        if promise is not None:
            table.setdefault(target.priority.value, promise)
    return table


def relations_of(ctx: Context, service: Service, priority: str) -> list[Relation]:
    """Everything ``service``'s ``priority`` resolution must keep, floors first."""
    return [*floors(ctx, service, priority), *caps(ctx, service, priority)]


def floors(ctx: Context, service: Service, priority: str) -> Iterator[Relation]:
    """What must end no later than the resolution: dependencies, response, urgent neighbour."""
    rel = index(ctx)
    model = rel.model
    for dep in service.depends_on:
        provider = ctx.catalogue.service_index.get(dep.service.value)
        theirs = dep.provider_priority(priority)
        if not dep.blocking or provider is None or provider is service or theirs not in rel.ladder:
            continue
        promise = first_targets(provider, "resolution", model).get(theirs)
        if promise is not None:
            yield Relation(True, promise, rel.min_slack, "dependency", provider.ref, theirs,
                           f"agree a faster {theirs} resolution with {provider.department}")
    response = first_targets(service, "response", model).get(priority)
    if response is not None:
        yield Relation(True, response, None, "response", service.ref, priority,
                       f"make the {priority} response faster as well")
    urgent = _neighbour(rel, service, priority, -1)
    if urgent is not None:
        yield Relation(True, urgent[1], None, "ladder", service.ref, urgent[0],
                       f"make {urgent[0]} resolution faster as well")


def caps(ctx: Context, service: Service, priority: str) -> Iterator[Relation]:
    """What the resolution must end no later than: who waits on it, calm neighbour, limit."""
    rel = index(ctx)
    model = rel.model
    for consumer, q, p in rel.consumers.get(service.ref, ()):
        promise = first_targets(consumer, "resolution", model).get(q) if p == priority else None
        if promise is not None:
            yield Relation(False, promise, rel.min_slack, "consumer", consumer.ref, q,
                           f"{consumer.department} gives its {q} resolution more time")
    calm = _neighbour(rel, service, priority, 1)
    if calm is not None:
        yield Relation(False, calm[1], None, "ladder", service.ref, calm[0],
                       f"make {calm[0]} resolution slower as well")
    limit = model.service_promise(service, rel.limits.get(priority))
    if limit is not None:
        yield Relation(False, limit, None, "limit", "the policy", priority,
                       f"raise the policy limit for {priority} resolution")


def _neighbour(rel: Relations, service: Service, priority: str,
               step: int) -> tuple[str, Promise] | None:
    """The nearest more (-1) or less (+1) urgent priority with a usable resolution.

    As SLA402 compares them: each usable resolution against the next usable one.
    """
    if priority not in rel.ladder:
        return None
    table = first_targets(service, "resolution", rel.model)
    at = rel.ladder.index(priority)
    others = rel.ladder[at - 1::-1] if step < 0 and at else rel.ladder[at + 1:] if step > 0 else ()
    return next(((p, table[p]) for p in others if p in table), None)
