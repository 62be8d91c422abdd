"""``sla-lint fastest``: the fastest resolution a service can promise, per priority.

For each priority of the ladder, most urgent first: the least resolution (in the unit the
service writes it, or the limit's) that every blocking dependency keeps with the policy's
``min_slack``, and that is no faster than the fastest of the more urgent priority (the
ladder); checked against the policy's limit. Each answer names the promise that bounds
it, or the two that collide. The same relations and search as SLA408's advice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sla_lint.context import Context
from sla_lint.diagnostics import Location
from sla_lint.fixes.advice import collision, percent
from sla_lint.fixes.relations import Relation, caps, first_targets, floors, index
from sla_lint.fixes.search import nearest, split
from sla_lint.model import Service, Text
from sla_lint.rules.timing import Promise, time_model
from sla_lint.suggest import did_you_mean


class UnknownService(ValueError):
    """The service asked about is not in the repo (the message says what is)."""


@dataclass(frozen=True)
class Reason:
    """The promise that bounds an answer, as data and in words."""

    kind: str  # "dependency" or "ladder"
    service: str
    priority: str
    promise: str
    at: Location
    slack: float | None
    words: str


@dataclass(frozen=True)
class Row:
    """One priority's answer: the fastest resolution and why, or why none fits."""

    priority: str
    resolution: str | None  # as written now
    fastest: str | None  # None: any length fits (nothing bounds it) or none does
    reason: Reason | None
    limit: str | None
    collision: str | None
    response: str | None
    response_limit: str | None


@dataclass(frozen=True)
class FastestReport:
    """The answer of ``sla-lint fastest`` for one service."""

    service: str
    calendar: str
    min_slack: float | None
    rows: tuple[Row, ...]


def fastest(ctx: Context, ref: str) -> FastestReport:
    """The fastest resolution ``ref`` (``department/service``) can promise, per priority."""
    service = ctx.catalogue.service_index.get(ref)
    if service is None:
        known = sorted(ctx.catalogue.service_index)
        raise UnknownService(f"no service {ref!r} in the repo{did_you_mean(ref, known)}"
                             f" ({len(known)} services; write it as department/service)")
    rel = index(ctx)
    rows: list[Row] = []
    previous: Promise | None = None
    for priority in rel.ladder:
        row, previous = _row(ctx, service, priority, previous)
        rows.append(row)
    model = time_model(ctx)
    return FastestReport(service.ref, model.calendar_name_of(service), rel.min_slack, tuple(rows))


def _row(ctx: Context, service: Service, priority: str,
         previous: Promise | None) -> tuple[Row, Promise | None]:
    """The answer for one priority, and the fastest promise the next one must not beat."""
    rel = index(ctx)
    model = rel.model
    current = first_targets(service, "resolution", model).get(priority)
    bounds = [r for r in floors(ctx, service, priority) if r.kind == "dependency"]
    if previous is not None:
        bounds.append(Relation(True, previous, None, "ladder", service.ref, _before(
            rel.ladder, priority), f"make {_before(rel.ladder, priority)} faster as well"))
    limit = next((r for r in caps(ctx, service, priority) if r.kind == "limit"), None)
    response = first_targets(service, "response", model).get(priority)
    answer = Row(priority, _text(current), None, None, _text(limit.other if limit else None),
                 None, _text(response), _response_limit(ctx, service, priority))
    if not bounds:
        return answer, None  # nothing it waits on: any length up to the limit
    relations = (*bounds, *([limit] if limit else []))
    seed = _seed(service, current, limit, bounds[0], model.calendar_name_of(service), ctx)
    if seed is None:
        return answer, None
    outcome = nearest(model, seed, relations, True, rel.memo, finest=True)
    if outcome.value is None:
        words = collision(outcome, relations, f"the {priority} resolution of {service.ref}",
                          True)
        return replace(answer, collision=words), _promise(ctx, seed, outcome.at)
    reason = _reason(relations[outcome.floor]) if outcome.floor is not None else None
    return (replace(answer, fastest=outcome.value, reason=reason),
            _promise(ctx, seed, outcome.value))


def _promise(ctx: Context, seed: Promise, text: str | None) -> Promise | None:
    """``text`` on the seed's calendar: the least a less urgent priority may promise."""
    return None if text is None else time_model(ctx).promise(Text(text, seed.text.loc),
                                                             seed.calendar_name)


def _before(ladder: tuple[str, ...], priority: str) -> str:
    return ladder[ladder.index(priority) - 1]


def _seed(service: Service, current: Promise | None, limit: Relation | None, bound: Relation,
          calendar: str, ctx: Context) -> Promise | None:
    """A promise of one unit of the answer's unit on the service's calendar, to search from."""
    model = time_model(ctx)
    written = current or (limit.other if limit else None) or bound.other
    _, suffix = split(written)
    return model.promise(Text(f"1{suffix}", written.text.loc), calendar)


def _reason(relation: Relation) -> Reason:
    if relation.kind == "dependency":
        slack = f" with {percent(relation.slack)} slack" if relation.slack else ""
        words = f"waits on {relation.wording()}{slack}"
    else:
        words = (f"no faster than the fastest {relation.priority} resolution"
                 f" {relation.other.text}: a less urgent priority is never faster")
    return Reason(relation.kind, relation.party, relation.priority, relation.other.text.value,
                  relation.where, relation.slack, words)


def _text(promise: Promise | None) -> str | None:
    return promise.text.value if promise else None


def _response_limit(ctx: Context, service: Service, priority: str) -> str | None:
    policy = ctx.catalogue.policy
    if policy is None:
        return None
    limits = {limit.priority.value: limit.response for limit in policy.limits}
    text = limits.get(priority)
    return text.value if text else None
