"""The 4xx rule that holds promises against what happened: ticket exports (check --tickets)."""

from __future__ import annotations

import math
from collections.abc import Iterator

from sla_lint.context import Context
from sla_lint.diagnostics import Finding, Location, Severity
from sla_lint.registry import rule

MIN_DECIDED = 10  # fewer decided requests than this say nothing either way
_Z = 1.6449  # one-sided 95%: the attainment is below the goal with 95% confidence


def upper_bound(met: int, decided: int) -> float:
    """The Wilson score upper bound (one-sided 95%) of the share ``met / decided``."""
    p = met / decided
    z2 = _Z * _Z
    centre = p + z2 / (2 * decided)
    spread = _Z * math.sqrt(p * (1 - p) / decided + z2 / (4 * decided * decided))
    return min((centre + spread) / (1 + z2 / decided), 1.0)


def _pct(value: float) -> str:
    return f"{value * 100:.1f}".rstrip("0").rstrip(".") + "%"


@rule("SLA440", "low-attainment", Severity.WARNING)
def low_attainment(ctx: Context) -> Iterator[Finding]:
    """A promise was kept for fewer requests than the policy's ``min_attainment`` asks.

    Why: a target that is missed again and again is not a promise: customers plan on it
    and are let down. Only checked with ``check --tickets FILE`` (or ``tickets:`` in the
    configuration file) when the policy sets ``min_attainment``, and only when enough
    requests were decided (met or late) that the shortfall is not chance: at least 10,
    and even the most favourable reading (95% confidence) stays below the goal.

    Bad:
        # policy: min_attainment: 90%; the tickets: 31 of 40 P2 requests resolved in time
        P2: {response: 4bh, resolution: 1bd}

    Good:
        P2: {response: 4bh, resolution: 2bd}   # what the team really achieves
    """
    policy = ctx.catalogue.policy
    if not ctx.tickets or policy is None or policy.min_attainment is None:
        return
    from sla_lint.tickets import TicketsUnusable, attainment

    goal = policy.min_attainment.value
    try:
        report = attainment(ctx.catalogue, ctx.tickets)
    except TicketsUnusable as exc:
        yield Finding(f"the tickets cannot be read, so attainment is not checked: {exc}",
                      policy.min_attainment.loc)
        return
    for row in report.rows:
        decided = row.met + row.breached
        if decided < MIN_DECIDED or upper_bound(row.met, decided) >= goal:
            continue
        real = (f"; {row.realistic.share * 100:g}% of them took up to {row.realistic.text}"
                if row.realistic else "")
        yield Finding(
            f"{row.priority} {row.measure} {row.target} ({row.calendar}) was kept for"
            f" {row.met} of {decided} requests ({_pct(row.met / decided)}); the policy asks"
            f" for at least {_pct(goal)}{real}. Give {row.priority} a target the team can"
            " keep, or add the people or hours it needs", Location(*row.loc))
