"""Deadline functions compiled to one closure each, for the exact comparison's inner loop.

:func:`sla_lint.timecalc.deadlines.evaluate` is the definition: readable, a few small
calls deep (``check``, ``accumulated``, ``position``, ``next_open``, ``day_of``,
``offset_at``). The comparison evaluates deadlines thousands of times per pair of
promises, so :func:`evaluator` inlines those same steps, with the same bounds checks and
the same :class:`OutOfRange` exits, into a single function over local variables: about
three times faster. A property test holds it equal to ``evaluate`` everywhere.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from sla_lint.timecalc.deadlines import Spec
from sla_lint.timecalc.durations import Unit
from sla_lint.timecalc.timeline import OutOfRange, Timeline

Evaluator = Callable[[int], int]


def evaluator(tl: Timeline | None, spec: Spec) -> Evaluator:
    """The deadline (microseconds) for an arrival ``t``, exactly as ``evaluate(tl, spec, t)``."""
    if tl is None or spec.elapsed:
        micros = spec.micros
        return lambda t: t + micros
    hours = _hours(tl)
    if spec.unit is Unit.BUSINESS_HOURS:
        amount = spec.micros
        return lambda t: hours(t, amount)
    return _days(tl, spec, hours)


def _hours(tl: Timeline) -> Callable[[int, int], int]:
    """``after_business_hours`` with the timeline's checks: ``position(accumulated(t) + x)``."""
    starts, ends, cums, lo, hi = tl.starts, tl.ends, tl.cum_ends, tl.lo, tl.hi
    count = len(cums)

    def after(t: int, amount: int) -> int:
        if not lo <= t < hi:
            raise OutOfRange
        i = bisect_right(starts, t) - 1
        wanted = amount if i < 0 else cums[i] - ends[i] + (t if t < ends[i] else ends[i]) + amount
        j = bisect_left(cums, wanted)
        if j == count:
            raise OutOfRange
        instant = ends[j] - (cums[j] - wanted)
        if not lo <= instant < hi:
            raise OutOfRange
        return instant

    return after


def _days(tl: Timeline, spec: Spec, hours: Callable[[int, int], int]) -> Evaluator:
    """``after_business_days``: the same offset into the ``whole``-th working day, then more."""
    p_starts, p_ends, p_day, days, lo, hi = tl.p_starts, tl.p_ends, tl.p_day, tl.days, tl.lo, tl.hi
    accumulated = tl.accumulated
    pieces, whole, num, den = len(p_starts), spec.whole, spec.num, spec.den

    def at(t: int) -> int:
        if not lo <= t < hi:
            raise OutOfRange
        k = bisect_right(p_starts, t) - 1
        if k < 0 or t >= p_ends[k]:  # closed: the next opening
            k += 1
            if k == pieces:
                raise OutOfRange
            t = p_starts[k]
        index = p_day[k]
        day = days[index]
        j = bisect_right(day.starts, t) - 1
        offset = 0 if j < 0 else day.cums[j] + min(t, day.ends[j]) - day.starts[j]
        if index + whole + (1 if num else 0) >= len(days):
            raise OutOfRange
        target = days[index + whole]
        if offset >= target.total:
            reached = target.ends[-1]
        else:
            m = max(bisect_left(target.cums, offset) - 1, 0)
            reached = target.starts[m] + offset - target.cums[m]
        if not num:
            return reached
        low = accumulated(reached)  # the fraction of the time to the next day's deadline
        share = (accumulated(days[index + whole + 1].position(offset)) - low) * num // den
        return hours(reached, share) if share else reached

    return at
