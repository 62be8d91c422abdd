"""The "To fix:" advice of SLA408 and SLA409: values that add no finding, or what collides.

Our side: the least resolution of ours (in the unit we wrote) that leaves the provider
its time and the policy's slack, while keeping our response, the ladder, the limit and
whoever waits on us. Their side: the greatest resolution of the provider that fits under
ours, while keeping its own response, ladder and what it waits on. A side where no value
fits says which two promises collide and who can move each.
"""

from __future__ import annotations

from sla_lint.context import Context
from sla_lint.fixes.relations import Relation, index, relations_of
from sla_lint.fixes.search import Outcome, nearest, required
from sla_lint.model import Service
from sla_lint.rules.timing import Promise


def percent(value: float) -> str:
    """``4%``, or ``9.5%`` when whole percent would hide the difference."""
    text = f"{value * 100:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def base(ctx: Context, service: Service, priority: str, current: Promise) -> tuple[Relation, ...]:
    """The relations ``service``'s ``priority`` resolution keeps now, memoised per run."""
    rel = index(ctx)
    key = ("base", id(service), priority)
    known = rel.memo.get(key)
    if known is None:  # the service is kept with the answer, so its id stays its own
        relations = relations_of(ctx, service, priority)
        known = rel.memo[key] = (service, required(rel.model, current, relations, None))
    found: tuple[Relation, ...] = known[1]
    return found


def search(ctx: Context, service: Service, priority: str, current: Promise, must: Relation,
           grow: bool, careful: bool = False) -> tuple[Outcome, tuple[Relation, ...]]:
    """The nearest value keeping ``must`` and every relation kept now, and those relations."""
    rel = index(ctx)
    others = base(ctx, service, priority, current)
    relations = (must, *(r for r in others if r.key != must.key and not r.same(must)))
    return nearest(rel.model, current, relations, grow, rel.memo, careful, held=True), relations


def fixes(ctx: Context, edge: tuple[Service, Service, str, str],
          promises: tuple[Promise, Promise], careful: bool = False) -> str:
    """The advice for a dependency edge (consumer, provider, our priority, theirs)."""
    consumer, provider, p, theirs = edge
    ours, their = promises
    minimum = index(ctx).min_slack
    floor = Relation(True, their, minimum, "dependency", provider.ref, theirs,
                     f"agree a faster {theirs} resolution with {provider.department}")
    cap = Relation(False, ours, minimum, "consumer", consumer.ref, p,
                   f"{consumer.department} gives its {p} resolution more time")
    mine, mine_rel = search(ctx, consumer, p, ours, floor, True, careful)
    other, other_rel = search(ctx, provider, theirs, their, cap, False, careful)
    options = []
    if mine.value:
        options.append(f"promise {p} resolution {mine.value}")
    if other.value:
        options.append(f"agree {theirs} resolution {other.value} with {provider.department}")
    if options:
        return "To fix: " + ", or ".join(options) + "."
    return ("No single change fixes it. "
            + collision(mine, mine_rel, f"our {p} resolution", grow=True) + " "
            + collision(other, other_rel, f"the {theirs} resolution of {provider.ref}",
                        grow=False)
            + " Or make the dependency non-blocking.")


def collision(outcome: Outcome, relations: tuple[Relation, ...], subject: str,
              grow: bool) -> str:
    """Why no value of ``subject`` (``our P2 resolution``) fits, and who can move."""
    floor = relations[outcome.floor] if outcome.floor is not None else None
    cap = relations[outcome.cap] if outcome.cap is not None else None
    title = subject[0].upper() + subject[1:]
    if outcome.exhausted or (floor is not None and cap is None):
        what = floor or relations[0]
        return (f"No length a file may write (at most 3660 days) lets {subject}"
                f" {_floor_goal(what)}; {what.remedy}.")
    if cap is None:
        return f"{title} cannot be changed alone."
    if floor is None:
        return (f"Even {outcome.at} is too slow for {subject}: {_cap_goal(cap)};"
                f" {cap.remedy}.")
    assert outcome.at is not None
    if grow:
        return (f"{title} would have to be {outcome.at} or slower to {_floor_goal(floor)},"
                f" but {_cap_obstacle(cap)}; {floor.remedy}, or {cap.remedy}.")
    return (f"{title} would have to be {outcome.at} or faster for {_cap_goal(cap)}, but"
            f" {_floor_obstacle(floor)}; {cap.remedy}, or {floor.remedy}.")


def _slack(relation: Relation) -> str:
    return f" with {percent(relation.slack)} slack" if relation.slack else ""


def _floor_goal(floor: Relation) -> str:
    if floor.kind == "dependency":
        return f"wait on {floor.wording()}{_slack(floor)}"
    return f"stay no faster than its {floor.wording()}"


def _floor_obstacle(floor: Relation) -> str:
    if floor.kind == "dependency":
        return f"it waits on {floor.wording()}{_slack(floor)}"
    return f"its {floor.wording()} must not be slower"


def _cap_goal(cap: Relation) -> str:
    if cap.kind == "consumer":
        return f"{cap.wording()}, which waits on it{_slack(cap)}"
    return f"its {cap.wording()}"


def _cap_obstacle(cap: Relation) -> str:
    if cap.kind == "consumer":
        return f"{cap.wording()} waits on it{_slack(cap)}"
    if cap.kind == "limit":
        return f"{cap.wording()} allows no more"
    return f"its {cap.wording()} must not be faster"
