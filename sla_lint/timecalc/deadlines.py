"""Deadlines: when a duration counted on a calendar ends, for a request arriving at ``t``.

* Elapsed (``m h d w``): ``t + X``, whatever the calendar.
* ``bh``: the earliest instant ``s`` such that the open time in ``[t, s]`` is ``X``. A request
  arriving while closed starts at the next opening (an arrival exactly at a closing is
  closed: open intervals are ``[open, close)``); when ``X`` runs out exactly at a closing,
  the deadline is that closing.
* ``bd`` (N whole days): let ``t'`` be ``t`` if open, else the next opening, ``D`` the working
  day (local date with open time, not a holiday) holding ``t'``, and ``offset`` the open
  time of ``D`` before ``t'``. The deadline is the open instant of the N-th working day
  after ``D`` with that day's open time before it equal to ``offset`` (offset 0 is the
  day's first opening, an offset that falls on a break is the reopening after it), or that
  day's last closing when its open hours total ``offset`` or less.
* Fractional business days ``N.f bd`` (FORMAT.md): the ``N bd`` deadline plus the fraction
  ``f`` of the business time between the ``N bd`` and the ``(N+1) bd`` deadlines, counted
  further as business hours (``N`` may be 0: the arrival's own position ``t'``). So more
  days are never sooner: ``1.5bd`` always lies between ``1bd`` and ``2bd``, also when the
  working day reached is shorter than the next one (a short Friday). The share is rounded
  down to a whole microsecond; a share of nothing is the ``N bd`` deadline itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sla_lint.timecalc.calendars import Calendar
from sla_lint.timecalc.durations import Duration, Unit
from sla_lint.timecalc.timeline import (
    MAX_YEAR,
    OutOfRange,
    Timeline,
    covering,
    from_micros,
    to_micros,
)

_FIRST_PAD_DAYS = 14
_T = TypeVar("_T")


class NeverOpen(ValueError):
    """A deadline would need an opening of the calendar that never comes."""


@dataclass(frozen=True)
class Spec:
    """The arithmetic of a duration, in plain integers for speed.

    ``micros`` for elapsed and business-hour durations; ``whole`` business days plus the
    fraction ``num / den`` of a day (``num`` is 0 for whole days).
    """

    unit: Unit
    micros: int
    whole: int
    num: int
    den: int
    elapsed: bool

    @staticmethod
    def of(duration: Duration) -> Spec:
        """Split a duration into the parts the arithmetic needs."""
        whole = int(duration.days)
        frac = duration.days - whole
        elapsed = duration.unit is Unit.ELAPSED
        return Spec(
            duration.unit, duration.micros, whole, frac.numerator, frac.denominator, elapsed
        )

    def share(self, total: int) -> int:
        """Return the fraction of ``total`` open time, rounded down to a microsecond."""
        return total * self.num // self.den


def after_business_hours(tl: Timeline, t: int, amount: int) -> int:
    """Return the earliest instant with ``amount`` of open time since ``t``."""
    return tl.position(tl.accumulated(t) + amount)


def after_business_days(tl: Timeline, t: int, spec: Spec) -> int:
    """Return the deadline of ``spec`` (business days) for an arrival at ``t``."""
    start = tl.next_open(t)
    index = tl.day_of(start)
    offset = tl.days[index].offset_at(start)
    if index + spec.whole + (1 if spec.num else 0) >= len(tl.days):
        raise OutOfRange
    reached = tl.days[index + spec.whole].position(offset)
    if not spec.num:
        return reached
    following = tl.days[index + spec.whole + 1].position(offset)
    low = tl.accumulated(reached)
    share = spec.share(tl.accumulated(following) - low)
    return tl.position(low + share) if share else reached


def evaluate(tl: Timeline | None, spec: Spec, t: int) -> int:
    """Return the deadline, in microseconds, of ``spec`` for an arrival at ``t``."""
    if tl is None or spec.elapsed:
        return t + spec.micros
    tl.check(t)
    if spec.unit is Unit.BUSINESS_HOURS:
        return after_business_hours(tl, t, spec.micros)
    return after_business_days(tl, t, spec)


def require_open(calendar: Calendar, duration: Duration) -> None:
    """Raise :class:`NeverOpen` when ``duration`` counts on a calendar that never opens."""
    if duration.unit is not Unit.ELAPSED and not calendar.has_open_hours():
        raise NeverOpen(
            f"calendar {calendar.name!r} has no open hours, so {duration.text} counted on it "
            "never ends"
        )


def extending(attempt: Callable[[int], _T], last_year: int) -> _T:
    """Run ``attempt(pad_days)`` with more and more days after ``last_year`` until it fits."""
    pad = _FIRST_PAD_DAYS
    while True:
        try:
            return attempt(pad)
        except OutOfRange:
            pad *= 4
            if last_year + pad // 366 > MAX_YEAR:
                raise NeverOpen(f"no deadline before the year {MAX_YEAR}") from None


def deadline(arrival: dt.datetime, duration: Duration, calendar: Calendar) -> dt.datetime:
    """Return the deadline (aware, UTC) of ``duration`` on ``calendar`` for ``arrival``.

    ``arrival`` must be timezone-aware (any zone). Raises :class:`NeverOpen` for business
    durations on a calendar without open hours.
    """
    t = to_micros(arrival)
    spec = Spec.of(duration)
    if spec.elapsed:
        return from_micros(t + spec.micros)
    require_open(calendar, duration)
    year = from_micros(t).year

    def attempt(pad: int) -> int:
        return evaluate(covering(calendar, year, year, pad), spec, t)

    return from_micros(extending(attempt, year))
