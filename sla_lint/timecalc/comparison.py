"""Exact comparison of two promises over every arrival moment of a horizon.

Each deadline function ``d(t)`` is piecewise linear in the arrival ``t`` (slope 1 while its
clock runs, 0 while paused) with jumps, so ``f(t) = second(t) - first(t)`` is linear between
breakpoints: the openings and closings of either calendar, plus the arrivals whose deadline
lands on one (for ``bh`` the instants exactly ``X`` business hours before each opening or
closing; for ``bd`` the instants of the arrival day whose offset equals a span boundary, or
the total, of the target day). On each piece between consecutive breakpoints ``f`` is
evaluated at two interior instants and extrapolated exactly (integer microseconds) to both
ends; the infimum over the horizon is the least of the breakpoint values and these limits.
The slack ratio ``f(t) / (second(t) - t)`` is monotone on each piece (a ratio of two linear
functions), so it is found the same way, compared by cross-multiplication.

Arrivals are microsecond instants: on the rare piece shorter than 3 microseconds (only with
durations carrying sub-second fractions) the instants inside it are evaluated directly.
When the infimum is a limit that is not reached, ``worst`` is the arrival 1 microsecond
inside the piece, with its actual deadlines; ``margin`` is the exact infimum.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from sla_lint.timecalc.bounds import Pieces, in_date_order, window_pieces
from sla_lint.timecalc.calendars import Calendar
from sla_lint.timecalc.deadlines import NeverOpen, Spec, extending, require_open
from sla_lint.timecalc.durations import Duration, Unit
from sla_lint.timecalc.fasteval import Evaluator, evaluator
from sla_lint.timecalc.timeline import (
    OutOfRange,
    Timeline,
    WorkDay,
    covering,
    from_micros,
    to_micros,
)

Promise = tuple[Duration, Calendar]


@dataclass(frozen=True)
class Moment:
    """An arrival and the two deadlines it gets (all aware UTC datetimes)."""

    arrival: dt.datetime
    first: dt.datetime
    second: dt.datetime


@dataclass(frozen=True)
class Comparison:
    """Whether ``first(t) <= second(t)`` for every arrival ``t``, and how close it comes.

    ``margin`` is the infimum of ``second(t) - first(t)`` and ``worst`` an arrival reaching
    it (or within a microsecond of it); ``slack`` is the infimum of
    ``(second(t) - first(t)) / (second(t) - t)`` and ``slack_at`` where it is reached.
    """

    holds: bool
    worst: Moment
    margin: dt.timedelta
    slack: float
    slack_at: Moment


@dataclass(frozen=True)
class _Fn:
    """A deadline function: a duration's arithmetic and, unless elapsed, its timeline.

    ``at`` is :func:`evaluate` compiled into one closure (:mod:`.fasteval`).
    """

    spec: Spec
    tl: Timeline | None
    at: Evaluator = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", evaluator(self.tl, self.spec))

    def breakpoints(self, lo: int, hi: int) -> list[int]:
        """Return instants in ``[lo, hi)`` (and perhaps others) where the slope may change."""
        if self.tl is None or self.spec.elapsed:
            return []
        points = self.tl.events(lo, hi)
        if self.spec.unit is Unit.BUSINESS_HOURS:
            points += _hour_preimages(self.tl, self.spec.micros, lo, hi)
        else:
            points += _day_preimages(self.tl, self.spec, lo, hi)
        return points


def _hour_preimages(tl: Timeline, amount: int, lo: int, hi: int) -> list[int]:
    """Arrivals whose ``bh`` deadline is an opening or closing (all merged-interval ends)."""
    first = bisect_right(tl.cum_ends, tl.accumulated(lo) + amount)
    last = bisect_right(tl.cum_ends, tl.accumulated(hi) + amount)
    return [tl.position(tl.cum_ends[i] - amount) for i in range(first, last)]


def _fraction_offsets(tl: Timeline, target: WorkDay, amount: int) -> list[int]:
    """Offsets in ``target`` from which ``amount`` business hours end at an interval end."""
    low = tl.accumulated(target.starts[0]) + amount
    high = tl.accumulated(target.ends[-1]) + amount
    first, last = bisect_right(tl.cum_ends, low), bisect_right(tl.cum_ends, high)
    return [target.offset_at(tl.position(tl.cum_ends[i] - amount)) for i in range(first, last)]


def _target_offsets(tl: Timeline, spec: Spec, target: WorkDay) -> list[int]:
    offsets = [*target.cums[1:], target.total]
    if spec.num:
        offsets += _fraction_offsets(tl, target, spec.share(target.total))
    return offsets


def _day_preimages(tl: Timeline, spec: Spec, lo: int, hi: int) -> list[int]:
    """Arrivals whose ``bd`` deadline sits on a boundary of the target day's open time."""
    first, last = tl.day_of(tl.next_open(lo)), tl.day_of(tl.next_open(hi))
    if not in_date_order(tl):  # a night shift interleaved with the next day's first span:
        first, last = max(first - 1, 0), last + 1  # its pieces lie on both sides of lo, hi
    points = []
    for index in range(first, last + 1):
        if index + spec.whole >= len(tl.days):
            raise OutOfRange
        day = tl.days[index]
        target = tl.days[index + spec.whole]
        for offset in _target_offsets(tl, spec, target):
            if 0 < offset < day.total:
                points.append(day.position(offset))
    return points


# A candidate for the infimum: (f, second - arrival, is_limit, arrival, first, second), where
# the last three are actual values at an arrival and the first two may be one-sided limits.
_Candidate = tuple[int, int, int, int, int, int]


def _actual(f1: _Fn, f2: _Fn, t: int) -> _Candidate:
    d1, d2 = f1.at(t), f2.at(t)
    return (d2 - d1, d2 - t, 0, t, d1, d2)


def _slope(low: int, high: int, run: int) -> int | None:
    """Return the slope (0 or 1) between two values ``run`` apart, None if not linear."""
    slope, rest = divmod(high - low, run)
    return slope if not rest and slope in (0, 1) else None


def _limits(f1: _Fn, f2: _Fn, lo: int, hi: int) -> list[_Candidate]:
    """Return the one-sided limits of ``f`` inside the open piece ``(lo, hi)``."""
    if hi - lo < 3:
        return [_actual(f1, f2, t) for t in range(lo + 1, hi)]
    m1, m2 = lo + 1, hi - 1
    a1, a2, c1, c2 = f1.at(m1), f1.at(m2), f2.at(m1), f2.at(m2)
    s1, s2 = _slope(a1, a2, m2 - m1), _slope(c1, c2, m2 - m1)
    if s1 is None or s2 is None:  # not linear: a missed breakpoint; keep actual values
        return [_actual(f1, f2, m1), _actual(f1, f2, m2)]
    left, right = c1 - s2, c2 + s2
    return [
        (left - (a1 - s1), left - lo, 1, m1, a1, c1),
        (right - (a2 + s1), right - hi, 1, m2, a2, c2),
    ]


def _scan(f1: _Fn, f2: _Fn, lo: int, hi: int) -> list[_Candidate]:
    """Return the candidates for the infima over arrivals in ``[lo, hi)``."""
    raw = f1.breakpoints(lo, hi) + f2.breakpoints(lo, hi)
    points = sorted({lo, *(p for p in raw if lo <= p < hi)})
    candidates = []
    for k, point in enumerate(points):
        following = points[k + 1] if k + 1 < len(points) else hi
        candidates.append(_actual(f1, f2, point))
        candidates += _limits(f1, f2, point, following)
    return candidates


def _least_ratio(candidates: list[_Candidate]) -> _Candidate:
    """Return the candidate with the least ``f / h``, exactly, earliest actual on ties."""
    usable = [c for c in candidates if c[1] > 0]
    rough = min(c[0] / c[1] for c in usable)
    near = [c for c in usable if c[0] / c[1] <= rough + 1e-9 * (1 + abs(rough))]
    return min(near, key=lambda c: (Fraction(c[0], c[1]), c[2], c[3]))


def _moment(candidate: _Candidate) -> Moment:
    _, _, _, t, d1, d2 = candidate
    return Moment(from_micros(t), from_micros(d1), from_micros(d2))


def _result(candidates: list[_Candidate]) -> Comparison:
    worst = min(candidates, key=lambda c: (c[0], c[2], c[3]))
    lowest = _least_ratio(candidates)
    return Comparison(
        holds=worst[0] >= 0,
        worst=_moment(worst),
        margin=dt.timedelta(microseconds=worst[0]),
        slack=float(Fraction(lowest[0], lowest[1])),
        slack_at=_moment(lowest),
    )


def _functions(
    first: Promise, second: Promise, years: tuple[int, int], pad: int
) -> tuple[_Fn, _Fn]:
    def make(promise: Promise) -> _Fn:
        duration, calendar = promise
        spec = Spec.of(duration)
        if spec.elapsed:
            return _Fn(spec, None)
        return _Fn(spec, covering(calendar, years[0], years[1], pad))

    return make(first), make(second)


def _windows(years: Iterable[int]) -> list[tuple[int, int]]:
    """Return the UTC windows (microseconds) of runs of consecutive years."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and runs[-1][1] == year - 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return [(_new_year(a), _new_year(b + 1)) for a, b in runs]


def _new_year(year: int) -> int:
    return to_micros(dt.datetime(year, 1, 1, tzinfo=dt.timezone.utc))


def _compare(first: Promise, second: Promise, windows: list[tuple[int, int]]) -> Comparison:
    require_open(first[1], first[0])
    require_open(second[1], second[0])
    years = (from_micros(windows[0][0]).year, from_micros(windows[-1][1] - 1).year)

    def attempt(pad: int) -> list[_Candidate]:
        f1, f2 = _functions(first, second, years, pad)
        return [c for lo, hi in windows for c in _scan(f1, f2, lo, hi)]

    return _result(extending(attempt, years[1]))


def compare_window(
    first: Promise, second: Promise, start: dt.datetime, end: dt.datetime
) -> Comparison:
    """Compare two promises over the arrivals in ``[start, end)`` (aware datetimes)."""
    lo, hi = to_micros(start), to_micros(end)
    if hi <= lo:
        raise ValueError("the window of arrivals is empty")
    return _compare(first, second, [(lo, hi)])


@lru_cache(maxsize=4096)
def compare(first: Promise, second: Promise, years: tuple[int, ...]) -> Comparison:
    """Compare ``first`` = (duration, calendar) with ``second`` over whole UTC years.

    ``holds`` is true when ``first(t) <= second(t)`` for every arrival ``t`` in the years.
    Exact (no sampling) and memoised. Raises :class:`NeverOpen` for business durations on a
    calendar without open hours and ``ValueError`` for an empty ``years``.
    """
    if not years:
        raise ValueError("no years to compare over")
    return _compare(first, second, _windows(years))


def kept(first: Promise, second: Promise, years: tuple[int, ...],
         minimum: float | None = None) -> bool:
    """True when :func:`compare` would say ``holds`` with a slack of at least ``minimum``.

    Decided piece by piece, and only where it must be exactly: the arrivals are cut where
    either promise's bounds change (:func:`~sla_lint.timecalc.bounds.window_pieces`: an
    open interval, a working day), and only the stretches whose bounds settle nothing are
    scanned as :func:`compare` scans them. The infimum over the years is the least of the
    infima over the pieces, so the answer is the exact one; False also when the bounds
    do not apply (fractional business days, a calendar that never opens), as "not shown".
    """
    if not years:
        return False
    num, den = (0, 1) if minimum is None else float(minimum).as_integer_ratio()
    windows = _windows(years)
    span = (from_micros(windows[0][0]).year, from_micros(windows[-1][1] - 1).year)

    def attempt(pad: int) -> bool:
        f1, f2 = _functions(first, second, span, pad)
        return all(_kept_in(f1, f2, (first, second), window, (num, den))
                   for window in windows)

    try:
        require_open(first[1], first[0])
        require_open(second[1], second[0])
        return extending(attempt, span[1])
    except NeverOpen:
        return False


_CHUNK = 7 * 86_400_000_000  # scan at most a week at a time: a broken pair stops early


def _kept_in(f1: _Fn, f2: _Fn, promises: tuple[Promise, Promise], window: tuple[int, int],
             ratio: tuple[int, int]) -> bool:
    """:func:`kept` over the arrivals of one window of whole years."""
    lo, hi = window
    p1, p2 = (_pieces(f.spec, p[1], lo, hi) for f, p in zip((f1, f2), promises, strict=True))
    if p1 is None or p2 is None:
        return False
    runs = _unsettled(p1, p2, hi, ratio)
    if runs is None:
        return False
    return not any(_broken(f1, f2, a, min(a + _CHUNK, end), ratio)
                   for start, end in runs for a in range(start, end, _CHUNK))


def _broken(f1: _Fn, f2: _Fn, lo: int, hi: int, ratio: tuple[int, int]) -> bool:
    """True when the exact scan of ``[lo, hi)`` finds the first later, or too little slack."""
    num, den = ratio
    return any(c[0] < 0 or (c[1] > 0 and c[0] * den < num * c[1])
               for c in _scan(f1, f2, lo, hi))


@lru_cache(maxsize=1024)
def _pieces(spec: Spec, calendar: Calendar, lo: int, hi: int) -> Pieces | None:
    return window_pieces(spec, calendar, lo, hi)


def _unsettled(p1: Pieces, p2: Pieces, hi: int,
               ratio: tuple[int, int]) -> list[tuple[int, int]] | None:
    """The stretches of arrivals where the pieces' bounds do not show ``kept``.

    None when some stretch shows the first promise later than the second at every
    arrival in it (its least delay above the other's greatest): then it is not kept.
    """
    (at1, low1, high1), (at2, low2, high2) = p1, p2
    num, den = ratio
    runs: list[tuple[int, int]] = []
    i = j = 0
    start = max(at1[0], at2[0])
    while start < hi:
        end = min(at1[i + 1] if i + 1 < len(at1) else hi, at2[j + 1] if j + 1 < len(at2) else hi)
        if low1[i] > high2[j]:
            return None
        h1, l2 = high1[i], low2[j]
        if not (h1 <= l2 and (l2 - h1) * den >= num * l2):
            if runs and runs[-1][1] == start:
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((start, end))
        if i + 1 < len(at1) and at1[i + 1] == end:
            i += 1
        if j + 1 < len(at2) and at2[j + 1] == end:
            j += 1
        start = end
    return runs


def horizon_years(
    holiday_years: Iterable[int], horizon: Sequence[int], this_year: int
) -> tuple[int, ...]:
    """Return the years every arrival moment ranges over (FORMAT.md).

    The years named by the holidays of the calendars involved plus the policy's horizon
    years, sorted and unique; when there are none, ``this_year`` alone.
    """
    years = sorted({*holiday_years, *horizon})
    return tuple(years) if years else (this_year,)
