"""Open time and business days taken, compiled to one closure per timeline (internal).

:func:`sla_lint.tickets.clock._days_taken` and ``Timeline.accumulated`` are the
definitions: readable, a few small calls deep. Attainment asks them once for every
answered ticket and every breach, so these functions inline the same steps, with the same
bounds checks and the same :class:`OutOfRange` / ``IndexError`` exits, over local
variables. A property test holds them equal to the careful functions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from sla_lint.timecalc.timeline import OutOfRange, Timeline

Accumulated = Callable[[int], int]
DaysTaken = Callable[[int, int], float]


def accumulator(tl: Timeline) -> Accumulated:
    """``tl.accumulated``: the open time from the timeline's start up to an instant."""
    starts, ends, cums, lo, hi = tl.starts, tl.ends, tl.cum_ends, tl.lo, tl.hi

    def accumulated(t: int) -> int:
        if not lo <= t < hi:
            raise OutOfRange
        i = bisect_right(starts, t) - 1
        if i < 0:
            return 0
        end = ends[i]
        return cums[i] - end + (t if t < end else end)

    return accumulated


def days_taker(tl: Timeline) -> DaysTaken:
    """``_days_taken(tl, created, moment)``: the business days from an arrival to a moment."""
    p_starts, p_ends, p_day, days, hi = tl.p_starts, tl.p_ends, tl.p_day, tl.days, tl.hi
    pieces, count = len(p_starts), len(days)
    accumulated = accumulator(tl)

    def next_open(t: int) -> int:
        k = bisect_right(p_starts, t) - 1
        if k >= 0 and t < p_ends[k]:
            return t
        if k + 1 == pieces:
            raise OutOfRange
        return p_starts[k + 1]

    def taken(created: int, moment: int) -> float:
        if not tl.lo <= created < hi:
            raise OutOfRange
        start = next_open(created)
        if moment <= start:
            return 0.0
        first = p_day[bisect_right(p_starts, start) - 1]
        offset = days[first].offset_at(start)
        index = p_day[bisect_right(p_starts, next_open(moment)) - 1] if moment < hi else count
        whole = max(index - first, 0)
        while whole > 0 and days[first + whole].position(offset) > moment:
            whole -= 1
        begin = days[first + whole].position(offset)
        end = days[first + whole + 1].position(offset)
        while end <= moment:  # at or after the next deadline: count on
            whole += 1
            begin, end = end, days[first + whole + 1].position(offset)
        span = accumulated(end) - accumulated(begin)
        return whole + (accumulated(moment) - accumulated(begin)) / span if span \
            else float(whole)

    return taken
