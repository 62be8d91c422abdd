"""Cheap, sound bounds on a promise: the least and the most time ``d(t) - t`` it can take.

Most comparisons a lint run asks are not close: a provider that takes 2 business days at
its slowest against a consumer that takes 10 at its quickest. :func:`delay_bounds` gives
``low <= d(t) - t <= high`` for every arrival ``t`` of the years in one pass over the
calendar's working days (or open intervals), cached per promise; then ``high1 <= low2``
proves ``d1(t) <= d2(t)`` at every arrival, and ``(low2 - high1) / low2`` is a lower bound
of the slack, since ``slack(t) = 1 - (d1(t) - t) / (d2(t) - t)``. A pair the bounds cannot
settle goes to the exact comparison (:mod:`sla_lint.timecalc.comparison`).

:func:`day_totals` gives the shortest and longest working day, for the same-calendar
rules ``X bh <= N bd when X <= N * shortest`` and ``N bd < X bh when N * longest < X``:
between an arrival and its N-th business day the calendar is open for at least N of its
working days (at most N), whatever the offset into the day.

The bounds for business days rely on working days following each other in UTC in the
order of their local dates; a calendar whose time zone breaks that (a clock change across
midnight that goes back to the previous date) and fractional business days get no bound.
Calendars with night shifts (spans past midnight) or part days get no bound either: the
exact comparison decides for them (a test holds the fast paths equal to it on such
calendars). Property tests check every bound against the slow reference.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from functools import lru_cache

from sla_lint.timecalc.calendars import Calendar
from sla_lint.timecalc.deadlines import NeverOpen, Spec, extending
from sla_lint.timecalc.durations import Duration, Unit
from sla_lint.timecalc.timeline import OutOfRange, Timeline, covering, to_micros

Bounds = tuple[int, int]
Pieces = tuple[list[int], list[int], list[int]]  # starts, lows, highs of arrival pieces


def _new_shapes(calendar: Calendar) -> bool:
    """Night shifts or part days: not proven here yet, so the exact comparison decides."""
    return calendar.overnight or bool(calendar.part_days)


def _new_year(year: int) -> int:
    return to_micros(dt.datetime(year, 1, 1, tzinfo=dt.timezone.utc))


@lru_cache(maxsize=4096)
def delay_bounds(duration: Duration, calendar: Calendar, years: tuple[int, ...]) -> Bounds | None:
    """``(low, high)`` microseconds with ``low <= d(t) - t <= high`` for arrivals in ``years``.

    None when there is no cheap bound (fractional business days, a calendar that never
    opens or whose working days are out of order in UTC).
    """
    if not years:
        return None
    lo, hi = _new_year(min(years)), _new_year(max(years) + 1)
    return window_bounds(Spec.of(duration), calendar, lo, hi)


def window_bounds(spec: Spec, calendar: Calendar, lo: int, hi: int) -> Bounds | None:
    """The bounds for arrivals in ``[lo, hi)`` (microseconds), as :func:`delay_bounds`."""
    pieces = window_pieces(spec, calendar, lo, hi)
    return None if pieces is None else (min(pieces[1]), max(pieces[2]))


@lru_cache(maxsize=4096)
def window_pieces(spec: Spec, calendar: Calendar, lo: int, hi: int) -> Pieces | None:
    """:func:`window_bounds` piece by piece: ``(at, lows, highs)``, covering ``[lo, hi)``.

    Piece ``k`` holds the arrivals in ``[at[k], at[k + 1])`` (the last one up to ``hi``),
    and ``lows[k] <= d(t) - t <= highs[k]`` for each of them: an open interval and the
    closed time after it for business hours, a working day and the closed time before it
    for business days. None when :func:`window_bounds` is None. Memoised (the bounds
    and :func:`~sla_lint.timecalc.comparison.kept` share it): do not change the lists.
    """
    if spec.elapsed:
        return [lo], [spec.micros], [spec.micros]
    if not calendar.has_open_hours() or (spec.unit is Unit.BUSINESS_DAYS and spec.num) or (
            _new_shapes(calendar)):
        return None
    first = dt.datetime.fromtimestamp(lo // 1_000_000, dt.timezone.utc).year
    last = dt.datetime.fromtimestamp((hi - 1) // 1_000_000, dt.timezone.utc).year

    def attempt(pad: int) -> Pieces | None:
        tl = covering(calendar, first, last, pad)
        if spec.unit is Unit.BUSINESS_HOURS:
            return _hour_pieces(tl, spec.micros, lo, hi)
        return _day_pieces(tl, spec.whole, lo, hi)

    try:
        return extending(attempt, last)
    except NeverOpen:
        return None


def _hour_pieces(tl: Timeline, amount: int, lo: int, hi: int, careful: bool = False) -> Pieces:
    """Bounds of ``position(acc(t) + amount) - t``, one merged open interval at a time.

    Inside an open interval the delay never decreases (the deadline moves at least as fast
    as the arrival), so its supremum is reached just before the closing, where it equals
    the delay of an arrival at the closing; while closed the deadline stands still, so the
    delay falls until the next opening. The intervals wholly inside the window go through
    :func:`_inner_hour_pieces` at once; ``careful`` takes each through :func:`_hour_piece`
    (a test holds the two equal).
    """
    starts = tl.starts
    if not starts:
        raise NeverOpen("no open time near the years")
    tl.check(lo)
    tl.check(hi - 1)
    first = bisect_right(starts, lo) - 1
    last = bisect_right(starts, hi - 1) - 1
    at: list[int] = []
    lows: list[int] = []
    highs: list[int] = []
    if first < 0:  # arrivals before the first opening: nothing accumulated yet
        due = tl.position(amount)
        at.append(lo)
        highs.append(due - lo)
        lows.append(due - min(starts[0], hi))
        first = 0
    if careful:
        pieces = [_hour_piece(tl, amount, i, lo, hi) for i in range(first, last + 1)]
    else:
        pieces = _hour_pieces_at_once(tl, amount, first, last, (lo, hi))
    for begin, low, high in pieces:
        at.append(begin)
        lows.append(low)
        highs.append(high)
    return at, lows, highs


def _hour_pieces_at_once(tl: Timeline, amount: int, first: int, last: int,
                         window: tuple[int, int]) -> list[tuple[int, int, int]]:
    lo, hi = window
    pieces = [_hour_piece(tl, amount, first, lo, hi)] if last >= first else []
    if last > first + 1:
        inner = _inner_hour_pieces(tl, amount, first + 1, last)
        pieces += zip(*inner, strict=True)
    if last > first:
        pieces.append(_hour_piece(tl, amount, last, lo, hi))
    return pieces


def _hour_piece(tl: Timeline, amount: int, i: int, lo: int, hi: int) -> tuple[int, int, int]:
    """The piece of merged open interval ``i`` and the closed time after it, in general."""
    starts, ends, cums = tl.starts, tl.ends, tl.cum_ends
    # an interval still open at hi (24x7: the timeline's only one) closes, for the
    # arrivals asked about, at hi: its real closing may lie past any padding
    closing = min(ends[i], hi)
    due = tl.position(cums[i] - (ends[i] - closing) + amount)  # for arrivals at closing
    following = starts[i + 1] if i + 1 < len(starts) else hi
    begin = max(starts[i], lo)
    candidates_low = [due - min(following, hi)] if ends[i] <= hi else []
    if begin < ends[i]:
        candidates_low.append(tl.position(cums[i] - (ends[i] - begin) + amount) - begin)
    return begin, min(candidates_low), due - closing


def _inner_hour_pieces(tl: Timeline, amount: int, first: int, last: int) -> Pieces:
    """:func:`_hour_piece` for the intervals ``first..last - 1``, wholly inside the window.

    Each opens after the window's start and is followed by another opening before its
    end, so its piece is the whole interval and the closed time up to the next opening:
    the same arithmetic over whole lists (the deadlines grow with ``i``, so checking the
    first and the last against the timeline's range checks them all).
    """
    starts, ends, cums = tl.starts, tl.ends, tl.cum_ends
    at = list(starts[first:last])
    # an arrival at an opening has accumulated what one at the previous closing has
    deadlines = _positions(tl, [c + amount for c in cums[first - 1:last]])  # first > 0
    at_opening, at_closing = deadlines[:-1], deadlines[1:]
    highs = [due - end for due, end in zip(at_closing, ends[first:last], strict=True)]
    lows = [x if x < y else y for x, y in zip(
        [due - following for due, following in zip(at_closing, starts[first + 1:last + 1],
                                                   strict=True)],
        [due - begin for due, begin in zip(at_opening, at, strict=True)], strict=True)]
    return at, lows, highs


def _positions(tl: Timeline, amounts: list[int]) -> list[int]:
    """``tl.position`` of each of the increasing ``amounts``."""
    cums, ends = tl.cum_ends, tl.ends
    found = [bisect_left(cums, amount) for amount in amounts]
    if found and found[-1] >= len(cums):
        raise OutOfRange
    instants = [ends[j] - cums[j] + amount for j, amount in zip(found, amounts, strict=True)]
    if instants and not (tl.lo <= instants[0] and instants[-1] < tl.hi):
        raise OutOfRange
    return instants


def in_date_order(tl: Timeline) -> bool:
    """True when the working days' open pieces follow each other in date order in UTC."""
    known: bool | None = tl.__dict__.get("_in_date_order")
    if known is None:
        days = tl.p_day
        known = all(map(int.__le__, days, days[1:]))
        object.__setattr__(tl, "_in_date_order", known)
    return known


def _day_pieces(tl: Timeline, whole: int, lo: int, hi: int) -> Pieces | None:
    """Bounds for ``whole`` business days, one working day ``D`` of arrivals at a time.

    The arrivals of ``D`` run from the previous working day's last closing to ``D``'s last
    closing; their deadline lies on the working day ``T = D + whole``. With ``S``/``E`` the
    first opening and last closing of a day and ``total`` its open time, the delay is
    below ``max(S_T - E_prev, E_T - total_T - S_D)`` and at least
    ``min(S_T - E_D + total_D, E_T - E_D)``: an arrival at offset ``o`` of ``D`` comes at or
    after ``S_D + o`` and at or before ``E_D - (total_D - o)``, its deadline at or after
    ``S_T + o`` (or ``E_T`` when ``o >= total_T``) and at or before ``E_T - (total_T - o)``;
    an arrival while closed waits for the next opening, which only lengthens its delay
    down to the open arrival's and up to ``S_T - E_prev`` at most.
    """
    if not tl.days or not in_date_order(tl):
        return None
    starts, ends, totals = _day_table(tl)
    first, last = tl.day_of(tl.next_open(lo)), tl.day_of(tl.next_open(hi - 1))
    if last + whole >= len(starts):
        raise OutOfRange
    previous = [max(ends[d - 1] if d else tl.lo, lo) for d in range(first, last + 1)]
    s_d, e_d, t_d = starts[first:last + 1], ends[first:last + 1], totals[first:last + 1]
    s_t = starts[first + whole:last + whole + 1]
    e_t = ends[first + whole:last + whole + 1]
    t_t = totals[first + whole:last + whole + 1]
    highs = [x if x > y else y for x, y in zip(
        [s - p for s, p in zip(s_t, previous, strict=True)],
        [e - t - d for e, t, d in zip(e_t, t_t, s_d, strict=True)], strict=True)]
    lows = [x if x < y else y for x, y in zip(
        [s - e + t for s, e, t in zip(s_t, e_d, t_d, strict=True)],
        [f - e for e, f in zip(e_d, e_t, strict=True)], strict=True)]
    return previous, lows, highs


DayTable = tuple[list[int], list[int], list[int]]


def _day_table(tl: Timeline) -> DayTable:
    """First opening, last closing and open time of each working day of a timeline.

    Kept on the timeline object (outside its fields: equality and hashing do not see it),
    so it lives exactly as long as the timeline.
    """
    known: DayTable | None = tl.__dict__.get("_day_table")
    if known is None:
        known = ([d.starts[0] for d in tl.days], [d.ends[-1] for d in tl.days],
                 [d.total for d in tl.days])
        object.__setattr__(tl, "_day_table", known)
    return known


@lru_cache(maxsize=1024)
def day_totals(calendar: Calendar, years: tuple[int, ...], whole: int) -> Bounds | None:
    """The shortest and longest working day an arrival in ``years`` meets within ``whole`` bd.

    Microseconds of open time, over every working day from the first arrival's to the
    ``whole``-th after the last arrival's. None when the calendar never opens or its
    working days are out of date order in UTC.
    """
    if not years or not calendar.has_open_hours() or _new_shapes(calendar):
        return None
    first, last = min(years), max(years)
    lo, hi = _new_year(first), _new_year(last + 1)

    def attempt(pad: int) -> Bounds | None:
        tl = covering(calendar, first, last, pad)
        if not tl.days or not in_date_order(tl):
            return None
        begin, end = tl.day_of(tl.next_open(lo)), tl.day_of(tl.next_open(hi - 1)) + whole
        if end >= len(tl.days):
            raise OutOfRange
        totals = [day.total for day in tl.days[begin:end + 1]]
        return min(totals), max(totals)

    try:
        return extending(attempt, last)
    except NeverOpen:
        return None


def hours_within_days(hours: Duration, days: Duration, calendar: Calendar,
                      years: tuple[int, ...]) -> bool:
    """True when ``hours`` (bh) never ends after ``days`` (whole bd), both on ``calendar``."""
    if days.days.denominator != 1:
        return False
    totals = day_totals(calendar, years, int(days.days))
    return totals is not None and hours.micros <= int(days.days) * totals[0]


def days_within_hours(days: Duration, hours: Duration, calendar: Calendar,
                      years: tuple[int, ...]) -> bool:
    """True when ``days`` (whole bd) never ends after ``hours`` (bh), both on ``calendar``."""
    if days.days.denominator != 1:
        return False
    totals = day_totals(calendar, years, int(days.days))
    return totals is not None and int(days.days) * totals[1] < hours.micros
