"""A slow, obviously correct reference for the time engine (tests only).

It decides open/closed for every UTC minute on its own, straight from the definition:
convert the instant to local time with zoneinfo, then "the local date is not a holiday and
the wall-clock time lies in one of that weekday's spans". It assumes every calendar event
falls on a whole UTC minute (true for the zones and minute spans the tests generate:
offsets and daylight-saving changes are whole minutes), so a minute's state holds for the
whole minute and arrivals and durations may still be any microsecond.

* ``step_deadline`` walks minute by minute from the arrival (the literal definition).
* ``Grid.deadline`` answers the same question with prefix sums, fast enough to be called
  for every minute of a window by ``brute_compare``; the tests check both against each
  other as well as against the engine.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from zoneinfo import ZoneInfo

from sla_lint.timecalc import Calendar, Duration, Unit

MIN = 60_000_000  # microseconds in a minute
_STEP_LIMIT = 5_000_000  # minutes (~9.5 years) before the reference gives up


def local_minute(calendar: Calendar, minute: int) -> dt.datetime:
    """The local time at the start of a UTC minute (minutes since the epoch)."""
    return dt.datetime.fromtimestamp(minute * 60, ZoneInfo(calendar.timezone))


def spans_of(calendar: Calendar, day: dt.date) -> tuple[tuple[int, int], ...]:
    """The spans starting on a local date, straight from the definition (FORMAT.md).

    A whole-day holiday closes them; a part day replaces them; a public holiday (from the
    ``holidays`` package, asked here directly) closes them unless a part day is listed.
    """
    if day in calendar.holidays:
        return ()
    for when, spans in calendar.part_days:
        if when == day:
            return spans
    if calendar.public is not None and day in _public(calendar.public.country,
                                                      calendar.public.subdivision, day.year):
        return ()
    return calendar.week[day.weekday()]


@lru_cache(maxsize=64)
def _public(country: str, subdivision: str | None, year: int) -> frozenset[dt.date]:
    import holidays

    return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year))


def minute_state(calendar: Calendar, minute: int) -> tuple[bool, dt.date]:
    """Whether the calendar is open during a UTC minute, and the date it belongs to.

    An open minute belongs to the date whose span holds it: its own local date, else the
    day before when a span of that day runs past midnight over it (the later date wins
    where both hold it). A closed minute gets its local date.
    """
    local = local_minute(calendar, minute)
    day = local.date()
    clock = local.hour * 60 + local.minute
    if any(s <= clock < e for s, e in spans_of(calendar, day)):
        return True, day
    before = day - dt.timedelta(days=1)
    if any(s <= clock + 1440 < e for s, e in spans_of(calendar, before)):
        return True, before
    return False, day


@dataclass
class Grid:
    """Per-minute open flags and local dates of a calendar, extended on demand."""

    calendar: Calendar
    first: int  # first minute covered
    flags: list[bool] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)
    prefix: list[int] = field(default_factory=lambda: [0])  # open minutes before index
    day_minutes: dict[dt.date, list[int]] = field(default_factory=dict)
    work_dates: list[dt.date] = field(default_factory=list)

    def ensure(self, minute: int) -> None:
        assert minute >= self.first, "the reference grid does not reach back that far"
        assert minute - self.first < _STEP_LIMIT, "the reference gave up"
        while self.first + len(self.flags) <= minute:
            m = self.first + len(self.flags)
            is_open, day = minute_state(self.calendar, m)
            self.flags.append(is_open)
            self.dates.append(day)
            self.prefix.append(self.prefix[-1] + is_open)
            if is_open:
                if day not in self.day_minutes:
                    self.day_minutes[day] = []
                    self.work_dates.append(day)
                self.day_minutes[day].append(m)

    def is_open(self, minute: int) -> bool:
        self.ensure(minute)
        return self.flags[minute - self.first]

    def date(self, minute: int) -> dt.date:
        self.ensure(minute)
        return self.dates[minute - self.first]

    # --- the literal definition, minute by minute ----------------------------------------

    def step_hours(self, t: int, amount: int) -> int:
        """Earliest s with ``amount`` of open time in [t, s], walking minute by minute."""
        cursor, remaining = t, amount
        while True:
            minute = cursor // MIN
            boundary = (minute + 1) * MIN
            if self.is_open(minute):
                if remaining <= boundary - cursor:
                    return cursor + remaining
                remaining -= boundary - cursor
            cursor = boundary

    def step_start(self, t: int) -> int:
        """t if open, else the start of the next open minute."""
        minute = t // MIN
        if self.is_open(minute):
            return t
        minute += 1
        while not self.is_open(minute):
            minute += 1
        return minute * MIN

    def owned(self, day: dt.date) -> list[int]:
        """The open minutes belonging to a local date: every minute near it, looked at."""
        zone = ZoneInfo(self.calendar.timezone)
        midnight = dt.datetime(day.year, day.month, day.day, tzinfo=zone)
        first = int(midnight.timestamp()) // 60
        lo = max(first - 1440, self.first)
        return [m for m in range(lo, first + 3 * 1440)
                if self.is_open(m) and self.date(m) == day]

    def step_days(self, t: int, duration: Duration) -> int:
        start = self.step_start(t)
        day = self.date(start // MIN)
        own = self.owned(day)
        offset = own.index(start // MIN) * MIN + start % MIN
        n = int(duration.days)
        frac = duration.days - n
        target = own
        while n > 0:
            day += dt.timedelta(days=1)
            target = self.owned(day)
            if target:
                n -= 1
        reached = same_moment(target, offset)
        if not frac:
            return reached
        following: list[int] = []
        while not following:  # the (N+1)-th working day
            day += dt.timedelta(days=1)
            following = self.owned(day)
        between = self.step_open_time(reached, same_moment(following, offset))
        share = (frac * between).__floor__()  # f of the time to the (N+1) bd deadline
        return self.step_hours(reached, share) if share else reached

    def step_open_time(self, a: int, b: int) -> int:
        """Open time in [a, b), minute by minute."""
        total, cursor = 0, a
        while cursor < b:
            minute = cursor // MIN
            boundary = min((minute + 1) * MIN, b)
            total += (boundary - cursor) if self.is_open(minute) else 0
            cursor = boundary
        return total

    # --- the same with prefix sums ------------------------------------------------------

    def accumulated(self, t: int) -> int:
        minute = t // MIN
        self.ensure(minute)
        i = minute - self.first
        return self.prefix[i] * MIN + (t - minute * MIN if self.flags[i] else 0)

    def position(self, amount: int) -> int:
        needed = -(-amount // MIN)  # open minutes needed
        while self.prefix[-1] < needed:
            self.ensure(self.first + len(self.flags) + 1440)
        i = bisect_left(self.prefix, needed) - 1  # index of the needed-th open minute
        return (self.first + i) * MIN + amount - (needed - 1) * MIN

    def fast_hours(self, t: int, amount: int) -> int:
        return self.position(self.accumulated(t) + amount)

    def fast_start(self, t: int) -> int:
        if self.is_open(t // MIN):
            return t
        return self.position(self.accumulated(t) + 1) - 1

    def work_day_after(self, day: dt.date, n: int) -> dt.date:
        index = self.work_dates.index(day) + n
        while len(self.work_dates) <= index + 1:  # one more so the target day is complete
            self.ensure(self.first + len(self.flags) + 1440)
        target = self.work_dates[index]
        self.ensure(self.day_minutes[target][0] + 2 * 1440)  # a night shift may run on
        return target

    def fast_days(self, t: int, duration: Duration) -> int:
        start = self.fast_start(t)
        day = self.date(start // MIN)
        self.ensure(start // MIN + 1440 * 3)  # the arrival day is complete, night shift too
        offset = self.day_minutes[day].index(start // MIN) * MIN + start % MIN
        n = int(duration.days)
        target = self.day_minutes[self.work_day_after(day, n)]
        reached = same_moment(target, offset)
        frac = duration.days - n
        if not frac:
            return reached
        following = self.day_minutes[self.work_day_after(day, n + 1)]
        low = self.accumulated(reached)
        share = (frac * (self.accumulated(same_moment(following, offset)) - low)).__floor__()
        return self.position(low + share) if share else reached

    def deadline(self, t: int, duration: Duration, *, stepping: bool = False) -> int:
        """The deadline (microseconds) of ``duration`` for an arrival at ``t``."""
        if duration.unit is Unit.ELAPSED:
            return t + duration.micros
        if duration.unit is Unit.BUSINESS_HOURS:
            if stepping:
                return self.step_hours(t, duration.micros)
            return self.fast_hours(t, duration.micros)
        return self.step_days(t, duration) if stepping else self.fast_days(t, duration)


def grid_for(calendar: Calendar, t: int) -> Grid:
    """A grid starting three days before ``t``."""
    return Grid(calendar, t // MIN - 3 * 1440)


def step_deadline(t: int, duration: Duration, calendar: Calendar) -> int:
    """The reference deadline, minute by minute (microseconds since the epoch)."""
    return grid_for(calendar, t).deadline(t, duration, stepping=True)


@dataclass(frozen=True)
class Brute:
    """The brute-force infima over a window of minute-aligned arrivals."""

    margin: int
    slack: Fraction


def brute_compare(
    first: tuple[Duration, Calendar], second: tuple[Duration, Calendar], start: int, end: int
) -> Brute:
    """Infima of f = second - first and of f / (second - t) over arrivals in [start, end).

    ``start`` and ``end`` are whole minutes (microseconds). When every breakpoint is on a
    whole minute, f is linear inside each minute, so evaluating at t, t + 20 s and t + 40 s
    and extrapolating gives the exact one-sided limits at both ends of every minute.
    """
    g1, g2 = grid_for(first[1], start), grid_for(second[1], start)
    values: list[tuple[int, int]] = []
    for t in range(start, end, MIN):
        samples = []
        for u in (t, t + MIN // 3, t + 2 * MIN // 3):
            d1, d2 = g1.deadline(u, first[0]), g2.deadline(u, second[0])
            samples.append((d2 - d1, d2 - u))
        (f0, h0), (fa, ha), (fb, hb) = samples
        values.append((f0, h0))
        values.append((2 * fa - fb, 2 * ha - hb))  # limit just after t
        values.append((2 * fb - fa, 2 * hb - ha))  # limit just before t + 1 minute
    margin = min(f for f, _ in values)
    slack = min(Fraction(f, h) for f, h in values)
    return Brute(margin, slack)


def same_moment(target: list[int], offset: int) -> int:
    """The earliest instant of a day (its open minutes) with ``offset`` of open time before it.

    An offset that is used up exactly at a closing is that closing (not the reopening after
    a break), like business hours that run out at a closing.
    """
    total = len(target) * MIN
    if offset >= total:
        return target[-1] * MIN + MIN
    if offset and offset % MIN == 0:
        return target[offset // MIN - 1] * MIN + MIN
    return target[offset // MIN] * MIN + offset % MIN


def delays(calendar: Calendar, duration: Duration, start: int, end: int) -> list[int]:
    """``d(t) - t`` at every minute of ``[start, end)`` and just inside both ends of each minute.

    ``d`` is linear inside a minute of a whole-minute calendar and duration, so its limits
    at both ends of the minute are extrapolated from two inner points.
    """
    grid = grid_for(calendar, start)
    values = []
    for t in range(start, end, MIN):
        (d0, d1, d2) = (grid.deadline(u, duration) - u for u in (t, t + MIN // 3, t + 2 * MIN // 3))
        values += [d0, 2 * d1 - d2, 2 * d2 - d1]
    return values
