"""Deadlines and open time for many tickets: one timeline per calendar and year, reused.

A ticket's deadline is a lookup on its calendar's timeline (the time engine's compiled
evaluator, :mod:`sla_lint.timecalc.fasteval`), built once for the year the ticket arrived
in and kept for every other ticket of that year.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right

from sla_lint.timecalc import Calendar, Duration, NeverOpen, Unit
from sla_lint.timecalc.deadlines import Spec, evaluate
from sla_lint.timecalc.fasteval import Evaluator, evaluator
from sla_lint.timecalc.timeline import MAX_YEAR, OutOfRange, Timeline, covering

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_US = dt.timedelta(microseconds=1)
FIRST_YEAR = 1970
YEAR_STARTS = tuple((dt.datetime(y, 1, 1, tzinfo=dt.timezone.utc) - _EPOCH) // _US
                    for y in range(FIRST_YEAR, 2203))
_PAD = 100


def year_of(instant: int) -> int:
    """The UTC year of an instant (microseconds since 1970)."""
    return FIRST_YEAR + bisect_right(YEAR_STARTS, instant) - 1


class Clock:
    """One promise (a duration) counted on one calendar, for any number of arrivals."""

    def __init__(self, duration: Duration, calendar: Calendar) -> None:
        self.duration = duration
        self.calendar = calendar
        self.spec = Spec.of(duration)
        self.business = duration.unit is not Unit.ELAPSED
        self._by_year: dict[int, Evaluator] = {}

    def due(self, created: int) -> int:
        """The deadline of a request arriving at ``created`` (raises :class:`NeverOpen`)."""
        if not self.business:
            return created + self.spec.micros
        year = year_of(created)
        found = self._by_year.get(year)
        if found is None:
            found = self._by_year[year] = evaluator(self._timeline(year, _PAD), self.spec)
        try:
            return found(created)
        except OutOfRange:
            return self._far(created, year)

    def _far(self, created: int, year: int) -> int:
        """A deadline beyond the usual timeline: try longer ones."""
        pad = _PAD * 4
        while year + pad // 366 <= MAX_YEAR:
            try:
                return evaluate(self._timeline(year, pad), self.spec, created)
            except OutOfRange:
                pad *= 4
        raise NeverOpen(f"no deadline before the year {MAX_YEAR}")

    def _timeline(self, first: int, pad: int, last: int | None = None) -> Timeline:
        return covering(self.calendar, first, last or first, pad)

    def open_between(self, start: int, end: int) -> int:
        """The time the calendar is open in ``[start, end)`` (all of it for elapsed)."""
        if end <= start:
            return 0
        if not self.business:
            return end - start
        tl = self._timeline(year_of(start), _PAD, year_of(end))
        return tl.accumulated(end) - tl.accumulated(start)

    def days_taken(self, created: int, moment: int) -> float:
        """The business days ``x`` whose deadline ``x bd`` for ``created`` is ``moment``.

        The inverse of the fractional rule: ``N`` whole days where the ``N bd`` deadline
        is at or before ``moment``, plus the share of the business time between the
        ``N bd`` and ``(N+1) bd`` deadlines that had passed at ``moment``.
        """
        whole = 0
        reached = self._days(created, 0)
        while True:
            following = self._days(created, whole + 1)
            if following > moment:
                break
            whole, reached = whole + 1, following
        span = self.open_between(reached, following)
        return whole + (self.open_between(reached, moment) / span if span else 0.0)

    def _days(self, created: int, whole: int) -> int:
        spec = Spec(Unit.BUSINESS_DAYS, 0, whole, 0, 1, False)
        year = year_of(created)
        pad = _PAD + whole * 2
        while True:
            try:
                return evaluate(self._timeline(year, pad), spec, created)
            except OutOfRange:
                pad *= 4
                if year + pad // 366 > MAX_YEAR:
                    raise NeverOpen(f"no deadline before the year {MAX_YEAR}") from None
