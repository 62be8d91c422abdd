"""Deadlines and open time for many tickets: one timeline per calendar and year, reused.

A ticket's deadline is a lookup on its calendar's timeline (the time engine's compiled
evaluator, :mod:`sla_lint.timecalc.fasteval`), built once for the year the ticket arrived
in and kept for every other ticket of that year.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right

from sla_lint.tickets.fastclock import Accumulated, DaysTaken, accumulator, days_taker
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
_NEAR = 80 * 86_400_000_000  # shorter spans stay on the timeline of their start's year


def year_of(instant: int) -> int:
    """The UTC year of an instant (microseconds since 1970)."""
    return FIRST_YEAR + bisect_right(YEAR_STARTS, instant) - 1


def _never(instant: int) -> int:
    raise OutOfRange


class Timelines:
    """The timelines of one run, shared by every clock on the same calendar."""

    def __init__(self) -> None:
        self._built: dict[tuple[int, int, int, int], Timeline] = {}
        self._evaluators: dict[tuple[int, Spec, int], Evaluator] = {}
        self._accumulators: dict[tuple[int, int, int], Accumulated] = {}
        self._takers: dict[tuple[int, int, int], DaysTaken] = {}
        self._keep: list[Calendar] = []

    def get(self, calendar: Calendar, first: int, last: int, pad: int = _PAD) -> Timeline:
        """A timeline valid from the start of ``first`` to ``pad`` days after ``last``."""
        key = (id(calendar), first, last, pad)
        found = self._built.get(key)
        if found is None:
            self._keep.append(calendar)  # keeps the id in the key this calendar's
            found = self._built[key] = covering(calendar, first, last, pad)
        return found

    def evaluator(self, calendar: Calendar, spec: Spec, year: int) -> Evaluator:
        """The compiled deadline of ``spec`` for arrivals in ``year``."""
        key = (id(calendar), spec, year)
        found = self._evaluators.get(key)
        if found is None:
            found = self._evaluators[key] = evaluator(self.get(calendar, year, year), spec)
        return found

    def days_taker(self, calendar: Calendar, first: int, last: int) -> DaysTaken:
        """The compiled business days taken on the usual timeline of ``first..last``."""
        key = (id(calendar), first, last)
        found = self._takers.get(key)
        if found is None:
            found = self._takers[key] = days_taker(self.get(calendar, first, last))
        return found

    def accumulator(self, calendar: Calendar, first: int, last: int) -> Accumulated:
        """The compiled open time so far on the usual timeline of ``first..last``."""
        key = (id(calendar), first, last)
        found = self._accumulators.get(key)
        if found is None:
            found = self._accumulators[key] = accumulator(self.get(calendar, first, last))
        return found


class Clock:
    """One promise (a duration) counted on one calendar, for any number of arrivals."""

    def __init__(self, duration: Duration, calendar: Calendar,
                 timelines: Timelines | None = None) -> None:
        self.duration = duration
        self.calendar = calendar
        self.spec = Spec.of(duration)
        self.business = duration.unit is not Unit.ELAPSED
        self.timelines = timelines or Timelines()
        self._lo = self._hi = 0  # the year of the last arrival, and its deadline function
        self._last: Evaluator = _never
        self._open_lo = self._open_hi = 0  # the year of the last open-time start, and its
        self._open: Accumulated = _never  # open time so far

    def due(self, created: int) -> int:
        """The deadline of a request arriving at ``created`` (raises :class:`NeverOpen`)."""
        if not self.business:
            return created + self.spec.micros
        if not self._lo <= created < self._hi:
            year = year_of(created)
            self._lo, self._hi = YEAR_STARTS[year - FIRST_YEAR], YEAR_STARTS[year - FIRST_YEAR + 1]
            self._last = self.timelines.evaluator(self.calendar, self.spec, year)
        try:
            return self._last(created)
        except OutOfRange:
            return self._far(created, year_of(created))

    def _far(self, created: int, year: int) -> int:
        """A deadline beyond the usual timeline: try longer ones."""
        pad = _PAD * 4
        while year + pad // 366 <= MAX_YEAR:
            try:
                return evaluate(self.timelines.get(self.calendar, year, year, pad), self.spec,
                                created)
            except OutOfRange:
                pad *= 4
        raise NeverOpen(f"no deadline before the year {MAX_YEAR}")

    def open_between(self, start: int, end: int) -> int:
        """The time the calendar is open in ``[start, end)``."""
        if end <= start:
            return 0
        near = end - start < _NEAR
        if near and self._open_lo <= start < self._open_hi:
            try:
                return self._open(end) - self._open(start)
            except OutOfRange:
                pass
        first, pad = year_of(start), _PAD
        last = first if near else year_of(end)
        accumulated = self.timelines.accumulator(self.calendar, first, last)
        if near:
            self._open_lo, self._open_hi = YEAR_STARTS[first - FIRST_YEAR], \
                YEAR_STARTS[first - FIRST_YEAR + 1]
            self._open = accumulated
        try:
            return accumulated(end) - accumulated(start)
        except OutOfRange:
            pass
        return self._open_between(start, end, first, last, pad)

    def _open_between(self, start: int, end: int, first: int, last: int, pad: int) -> int:
        """:meth:`open_between` the careful way, on ever longer timelines."""
        while True:
            tl = self.timelines.get(self.calendar, first, last, pad)
            try:
                return tl.accumulated(end) - tl.accumulated(start)
            except OutOfRange:
                pad *= 4

    def days_taken_all(self, pairs: list[tuple[int, int]]) -> list[float]:
        """:meth:`days_taken` for many (created, moment) pairs, on one shared timeline."""
        if not pairs:
            return []
        first = year_of(min(c for c, _ in pairs))
        last = year_of(max(m for _, m in pairs))
        taken = self.timelines.days_taker(self.calendar, first, last)
        out = []
        for created, moment in pairs:
            try:
                out.append(taken(created, moment))
            except (OutOfRange, IndexError):
                out.append(self.days_taken(created, moment))
        return out

    def days_taken(self, created: int, moment: int) -> float:
        """The business days ``x`` whose deadline ``x bd`` for ``created`` is ``moment``.

        The inverse of the fractional rule: ``N`` whole days where the ``N bd`` deadline
        (the same offset into the N-th working day after the arrival's) is at or before
        ``moment``, plus the share of the business time between the ``N bd`` and
        ``(N+1) bd`` deadlines that had passed at ``moment``.
        """
        first, pad = year_of(created), _PAD
        last = first if moment - created < 80 * 86_400_000_000 else year_of(moment)
        while True:
            tl = self.timelines.get(self.calendar, first, last, pad)
            try:
                return _days_taken(tl, created, moment)
            except (OutOfRange, IndexError):
                pad *= 4
                if last + pad // 366 > MAX_YEAR:
                    raise NeverOpen(f"no deadline before the year {MAX_YEAR}") from None


def _days_taken(tl: Timeline, created: int, moment: int) -> float:
    start = tl.next_open(created)
    if moment <= start:
        return 0.0
    days = tl.days
    first = tl.day_of(start)
    offset = days[first].offset_at(start)
    index = tl.day_of(tl.next_open(moment)) if moment < tl.hi else len(days)
    # the working day holding moment, or the first after it: N is index - first, or one less
    whole = max(index - first, 0)
    while whole > 0 and days[first + whole].position(offset) > moment:
        whole -= 1
    begin, end = days[first + whole].position(offset), days[first + whole + 1].position(offset)
    if end <= moment:  # moment at or after the next deadline: count on
        return _days_taken_from(tl, first, offset, whole + 1, moment)
    span = tl.accumulated(end) - tl.accumulated(begin)
    return whole + (tl.accumulated(moment) - tl.accumulated(begin)) / span if span else float(whole)


def _days_taken_from(tl: Timeline, first: int, offset: int, whole: int, moment: int) -> float:
    days = tl.days
    while days[first + whole + 1].position(offset) <= moment:
        whole += 1
    begin, end = days[first + whole].position(offset), days[first + whole + 1].position(offset)
    span = tl.accumulated(end) - tl.accumulated(begin)
    return whole + (tl.accumulated(moment) - tl.accumulated(begin)) / span if span else float(whole)
