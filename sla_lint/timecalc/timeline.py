"""A calendar's open time over a range of dates, as exact UTC instants (internal).

Instants are integer microseconds since 1970-01-01T00:00Z. For each local date the weekday's
spans are mapped to UTC through the zone's offset segments, found by sampling the offset
every 6 hours and bisecting to the second where it changes (two changes less than 6 hours
apart that restore the same offset would go unseen). Within one offset segment wall time is
``instant + offset``, so the instants whose wall time lies in a span form one interval per
segment: this is the calendar's open-at-an-instant rule made exact (see
:mod:`sla_lint.timecalc.calendars`), with no choice to make for gaps or folds.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from sla_lint.timecalc.calendars import Calendar, is_utc

US = 1_000_000
DAY_SECONDS = 86_400
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_MAX_OFFSET = 18 * 3600  # seconds; every UTC offset ever used is within +-15 h
_SAMPLE = 6 * 3600
_PAD_BEFORE = dt.timedelta(days=3)
MIN_YEAR, MAX_YEAR = 2, 9990


class OutOfRange(Exception):
    """A query needs open time beyond the dates the timeline was built for."""


@dataclass(frozen=True)
class WorkDay:
    """A working day: its open pieces in UTC and the open time accumulated before each."""

    date: dt.date
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    cums: tuple[int, ...]
    total: int

    def position(self, offset: int) -> int:
        """Return the earliest instant with ``offset`` of the day's open time before it.

        Offset 0 is the first opening; an offset reached exactly at a break (lunch) is the
        closing before it, as for business hours that run out at a closing; an offset of
        the whole day or more is the day's last closing.
        """
        if offset >= self.total:
            return self.ends[-1]
        j = max(bisect_left(self.cums, offset) - 1, 0)
        return self.starts[j] + offset - self.cums[j]

    def offset_at(self, instant: int) -> int:
        """Return the day's open time before ``instant``."""
        j = bisect_right(self.starts, instant) - 1
        if j < 0:
            return 0
        return self.cums[j] + min(instant, self.ends[j]) - self.starts[j]


@dataclass(frozen=True)
class Timeline:
    """Open time of a calendar, valid for instants in ``[lo, hi)``.

    ``starts/ends/cum_ends`` are the merged open intervals and the open time accumulated up
    to each end; ``p_*`` the per-day pieces (not merged across days) with their day's index
    in ``days``.
    """

    lo: int
    hi: int
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    cum_ends: tuple[int, ...]
    p_starts: tuple[int, ...]
    p_ends: tuple[int, ...]
    p_day: tuple[int, ...]
    days: tuple[WorkDay, ...]

    def check(self, instant: int) -> None:
        """Raise :class:`OutOfRange` unless ``instant`` is inside the valid range."""
        if not self.lo <= instant < self.hi:
            raise OutOfRange

    def accumulated(self, instant: int) -> int:
        """Return the open time from the start of the timeline up to ``instant``."""
        self.check(instant)
        i = bisect_right(self.starts, instant) - 1
        if i < 0:
            return 0
        return self.cum_ends[i] - self.ends[i] + min(instant, self.ends[i])

    def position(self, amount: int) -> int:
        """Return the earliest instant with ``amount`` (> 0) of open time accumulated."""
        i = bisect_left(self.cum_ends, amount)
        if i == len(self.cum_ends):
            raise OutOfRange
        instant = self.ends[i] - (self.cum_ends[i] - amount)
        self.check(instant)
        return instant

    def next_open(self, instant: int) -> int:
        """Return ``instant`` if open, else the next opening."""
        self.check(instant)
        i = bisect_right(self.p_starts, instant) - 1
        if i >= 0 and instant < self.p_ends[i]:
            return instant
        if i + 1 == len(self.p_starts):
            raise OutOfRange
        return self.p_starts[i + 1]

    def day_of(self, open_instant: int) -> int:
        """Return the index in ``days`` of the working day holding an open instant."""
        return self.p_day[bisect_right(self.p_starts, open_instant) - 1]

    def events(self, lo: int, hi: int) -> list[int]:
        """Return the openings and closings of day pieces in ``[lo, hi)``."""
        starts = self.p_starts[bisect_left(self.p_starts, lo) : bisect_left(self.p_starts, hi)]
        ends = self.p_ends[bisect_left(self.p_ends, lo) : bisect_left(self.p_ends, hi)]
        return [*starts, *ends]


def to_micros(moment: dt.datetime) -> int:
    """Convert an aware datetime to microseconds since the epoch."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no time zone; give an aware datetime")
    return (moment - EPOCH) // dt.timedelta(microseconds=1)


def from_micros(instant: int) -> dt.datetime:
    """Convert microseconds since the epoch to an aware UTC datetime."""
    return EPOCH + dt.timedelta(microseconds=instant)


def _wall(day: dt.date) -> int:
    """Seconds from the epoch's wall midnight to ``day``'s wall midnight."""
    return (day.toordinal() - _EPOCH_ORDINAL) * DAY_SECONDS


def _offset_at(zone: ZoneInfo, second: int) -> int:
    offset = (EPOCH + dt.timedelta(seconds=second)).astimezone(zone).utcoffset()
    assert offset is not None
    return offset // dt.timedelta(seconds=1)


def _transition(zone: ZoneInfo, lo: int, hi: int, before: int) -> int:
    """Return the first second in ``(lo, hi]`` whose offset differs from ``before``."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _offset_at(zone, mid) == before:
            lo = mid
        else:
            hi = mid
    return hi


@lru_cache(maxsize=256)
def offset_segments(zone_name: str, lo: int, hi: int) -> tuple[tuple[int, int, int], ...]:
    """Split ``[lo, hi)`` (UTC seconds) into ``(start, end, offset)`` of constant UTC offset."""
    if is_utc(zone_name):
        return ((lo, hi, 0),)
    zone = ZoneInfo(zone_name)
    segments, start, offset, probe = [], lo, _offset_at(zone, lo), lo
    while probe < hi:
        nxt = min(probe + _SAMPLE, hi)
        if _offset_at(zone, nxt) == offset:
            probe = nxt
            continue
        probe = _transition(zone, probe, nxt, offset)
        segments.append((start, probe, offset))
        start, offset = probe, _offset_at(zone, probe)
    segments.append((start, hi, offset))
    return tuple(segments)


def _day_pieces(
    spans: tuple[tuple[int, int], ...],
    base: int,
    segments: tuple[tuple[int, int, int], ...],
    seg_starts: list[int],
) -> list[tuple[int, int]]:
    """Map one date's wall-time spans to UTC seconds, merged and sorted."""
    pieces = []
    for start, end in spans:
        wall_lo, wall_hi = base + start * 60, base + end * 60
        k = max(bisect_right(seg_starts, wall_lo - _MAX_OFFSET) - 1, 0)
        while k < len(segments) and segments[k][0] < wall_hi + _MAX_OFFSET:
            seg_lo, seg_hi, offset = segments[k]
            lo, hi = max(seg_lo, wall_lo - offset), min(seg_hi, wall_hi - offset)
            if lo < hi:
                pieces.append((lo, hi))
            k += 1
    return _merge(sorted(pieces))


def _merge(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join touching or overlapping sorted intervals."""
    merged: list[tuple[int, int]] = []
    for lo, hi in pieces:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _work_day(day: dt.date, pieces: list[tuple[int, int]]) -> WorkDay:
    starts = tuple(lo * US for lo, _ in pieces)
    ends = tuple(hi * US for _, hi in pieces)
    cums, total = [], 0
    for lo, hi in zip(starts, ends, strict=True):
        cums.append(total)
        total += hi - lo
    return WorkDay(day, starts, ends, tuple(cums), total)


def _work_days(calendar: Calendar, first: dt.date, last: dt.date) -> list[WorkDay]:
    """Return the working days from ``first`` to ``last`` (local dates), in date order.

    With spans running past midnight, the day before ``first`` is included (its night shift
    may reach into the range) and each date's pieces give way to the next date's: the time
    both cover belongs to the later date, as a holiday closes only the spans starting on it.
    """
    night = calendar.overnight
    lead = dt.timedelta(days=1 if night else 0)
    begin, end = first - lead, last + lead
    segments = offset_segments(
        calendar.timezone, _wall(begin) - _MAX_OFFSET, _wall(end) + 2 * DAY_SECONDS + _MAX_OFFSET
    )
    seg_starts = [lo for lo, _, _ in segments]
    closed = calendar.closed_dates(begin, end)
    dated: list[tuple[dt.date, list[tuple[int, int]]]] = []
    day = begin
    while day <= end:
        spans = calendar.spans_on(day, closed)
        dated.append((day, _day_pieces(spans, _wall(day), segments, seg_starts) if spans else []))
        day += dt.timedelta(days=1)
    if night:
        dated = [(day, _minus(pieces, dated[k + 1][1]))
                 for k, (day, pieces) in enumerate(dated[:-1])]
    return [_work_day(day, pieces) for day, pieces in dated if pieces]


def _minus(pieces: list[tuple[int, int]], cut: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of sorted, disjoint ``pieces`` not covered by sorted, disjoint ``cut``."""
    if not cut or not pieces or pieces[-1][1] <= cut[0][0] or cut[-1][1] <= pieces[0][0]:
        return pieces
    left: list[tuple[int, int]] = []
    for lo, hi in pieces:
        for c_lo, c_hi in cut:
            if c_hi <= lo or hi <= c_lo:
                continue
            if lo < c_lo:
                left.append((lo, c_lo))
            lo = max(lo, c_hi)
            if lo >= hi:
                break
        if lo < hi:
            left.append((lo, hi))
    return left


def _assemble(days: list[WorkDay], lo: int, hi: int) -> Timeline:
    pieces = sorted(
        (start, end, index)
        for index, day in enumerate(days)
        for start, end in zip(day.starts, day.ends, strict=True)
    )
    merged = _merge([(start, end) for start, end, _ in pieces])
    cum_ends, total = [], 0
    for start, end in merged:
        total += end - start
        cum_ends.append(total)
    return Timeline(
        lo=lo,
        hi=hi,
        starts=tuple(start for start, _ in merged),
        ends=tuple(end for _, end in merged),
        cum_ends=tuple(cum_ends),
        p_starts=tuple(start for start, _, _ in pieces),
        p_ends=tuple(end for _, end, _ in pieces),
        p_day=tuple(index for _, _, index in pieces),
        days=tuple(days),
    )


@lru_cache(maxsize=256)
def timeline(calendar: Calendar, first: dt.date, last: dt.date) -> Timeline:
    """Build the open time of ``calendar`` for the local dates ``first..last``.

    The result is valid for instants whose local date is surely within the range whatever
    the offset: from ``first`` + 18 h to ``last`` + 6 h (wall midnights read as UTC).
    """
    days = _work_days(calendar, first, last)
    lo = (_wall(first) + _MAX_OFFSET) * US
    hi = (_wall(last) + DAY_SECONDS - _MAX_OFFSET) * US
    return _assemble(days, lo, hi)


def covering(calendar: Calendar, first_year: int, last_year: int, pad_days: int) -> Timeline:
    """Build a timeline valid for the whole of ``first_year..last_year`` plus ``pad_days``.

    A timeline built earlier for the same calendar and years with at least as many days
    after them is reused (a longer timeline gives the same answers), and a new one gets at
    least :data:`MIN_PAD_DAYS`, so that the usual durations never need a second build.
    """
    if not MIN_YEAR <= first_year <= last_year <= MAX_YEAR:
        raise ValueError(
            f"years must be within {MIN_YEAR}..{MAX_YEAR}, got {first_year}..{last_year}"
        )
    key = (calendar, first_year, last_year)
    pad_days = max(pad_days, MIN_PAD_DAYS, _LONGEST.get(key, 0))
    if len(_LONGEST) > 1024:
        _LONGEST.clear()
    _LONGEST[key] = pad_days
    first = dt.date(first_year, 1, 1) - _PAD_BEFORE
    last = dt.date(last_year, 12, 31) + dt.timedelta(days=pad_days)
    return timeline(calendar, first, last)


MIN_PAD_DAYS = 100
_LONGEST: dict[tuple[Calendar, int, int], int] = {}  # the most days asked for after the years
