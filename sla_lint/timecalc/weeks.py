"""Weeks that repeat: what makes a week of arrivals' deadlines what they are.

The exact comparison scans a year of arrivals a week at a time, and most weeks of a year
are alike: the same open hours at the same UTC offsets, no holiday near. For a stretch of
arrivals ``[a, b)`` and one deadline function, :func:`shape` returns everything that
function's deadlines, and the breakpoints the scan looks at, depend on, written relative
to ``a``: the actual open intervals and day pieces of the timeline in UTC (after every
time-zone shift, holiday and part day the timeline was built with), never the calendar's
definition. Two stretches with equal shapes (and equal lengths and durations) give the
same scan, shifted by the difference of their starts, so the scan is done once.

* elapsed time: nothing (``t + X`` everywhere);
* ``X bh``: the merged open intervals from the first one ending after ``a`` to the one
  holding the deadline of the last arrival, the open time accumulated in each relative to
  the first, and the day pieces opening or closing inside ``[a, b)``;
* ``N bd`` (whole days): the working days ``D`` holding the arrivals' (next) open instants,
  and the working days ``D + N`` their deadlines fall on, each as its open pieces; the days
  in between only count.

Fractional business days and timelines whose working days are out of date order in UTC get
no shape (None): those stretches are scanned as they come.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from sla_lint.timecalc.deadlines import Spec
from sla_lint.timecalc.durations import Unit
from sla_lint.timecalc.timeline import OutOfRange, Timeline

Shape = tuple[object, ...]
_ELAPSED: Shape = ("elapsed",)


def shape(tl: Timeline | None, spec: Spec, a: int, b: int) -> Shape | None:
    """What the deadlines of arrivals in ``[a, b)`` depend on, relative to ``a``.

    Raises :class:`OutOfRange` when the timeline does not reach the last deadline (as the
    scan itself would).
    """
    if tl is None or spec.elapsed:
        return _ELAPSED
    tl.check(a)
    tl.check(b - 1)
    if spec.unit is Unit.BUSINESS_HOURS:
        return _hour_shape(tl, spec.micros, a, b)
    if spec.num or not _in_date_order(tl):
        return None
    return _day_shape(tl, spec.whole, a, b)


def _hour_shape(tl: Timeline, amount: int, a: int, b: int) -> Shape:
    starts, ends, cums = tl.starts, tl.ends, tl.cum_ends
    first = bisect_right(ends, a)  # the first merged interval ending after a
    if first == len(ends):
        raise OutOfRange
    base = cums[first - 1] if first else 0
    last_arrival = b - 1
    i = bisect_right(starts, last_arrival) - 1
    accumulated = base if i < first else (
        cums[i] - ends[i] + min(last_arrival, ends[i]))
    # the interval holding the last deadline (or a preimage up to acc(b) + X)
    last = bisect_left(cums, accumulated + amount + 1)
    if last >= len(cums):
        raise OutOfRange
    intervals = tuple((starts[k] - a, ends[k] - a, cums[k] - base)
                      for k in range(first, last + 1))
    return ("bh", intervals, _relative_events(tl, a, b))


def _relative_events(tl: Timeline, a: int, b: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The day pieces' openings and closings in ``[a, b)``, relative to ``a``."""
    p_starts, p_ends = tl.p_starts, tl.p_ends
    opens = p_starts[bisect_left(p_starts, a):bisect_left(p_starts, b)]
    closes = p_ends[bisect_left(p_ends, a):bisect_left(p_ends, b)]
    return tuple(s - a for s in opens), tuple(e - a for e in closes)


def _day_shape(tl: Timeline, whole: int, a: int, b: int) -> Shape:
    first = tl.day_of(tl.next_open(a))
    last = tl.day_of(tl.next_open(b - 1))
    days = tl.days
    if last + whole >= len(days):
        raise OutOfRange
    arrival = tuple(_day(tl, k, a) for k in range(first, last + 1))
    target = tuple(_day(tl, k + whole, a) for k in range(first, last + 1))
    return ("bd", whole, arrival, target)


def _day(tl: Timeline, index: int, a: int) -> tuple[int, ...]:
    day = tl.days[index]
    return (*(s - a for s in day.starts), *(e - a for e in day.ends))


def _in_date_order(tl: Timeline) -> bool:
    known: bool | None = tl.__dict__.get("_in_date_order")
    if known is None:
        days = tl.p_day
        known = all(map(int.__le__, days, days[1:]))
        object.__setattr__(tl, "_in_date_order", known)
    return known
