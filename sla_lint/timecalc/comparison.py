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
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from itertools import pairwise

from sla_lint.timecalc.bounds import Pieces, in_date_order, window_pieces
from sla_lint.timecalc.calendars import Calendar
from sla_lint.timecalc.deadlines import NeverOpen, Spec, extending, require_open
from sla_lint.timecalc.durations import Duration, Unit
from sla_lint.timecalc.fasteval import Evaluator, evaluator
from sla_lint.timecalc.timeline import (
    OutOfRange,
    Timeline,
    covering,
    from_micros,
    to_micros,
)
from sla_lint.timecalc.weeks import shape

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


def _fraction_offsets(tl: Timeline, spec: Spec, index: int, total: int) -> list[int]:
    """Offsets below ``total`` at which an ``N.f bd`` deadline reached on day ``index`` bends.

    The deadline is ``f`` of the way (in open time) from the ``N bd`` deadline on day
    ``index`` to the ``(N+1) bd`` one on the next working day: its open time ``amount(o)``
    never decreases with the arrival's offset ``o`` and bends where ``o`` passes either
    day's length; the deadline jumps where ``amount`` passes the end of an open interval
    (from that closing to past the next opening), found by bisection.
    """
    day, following = tl.days[index], tl.days[index + 1]
    base, after = tl.accumulated(day.starts[0]), tl.accumulated(following.starts[0])

    def amount(offset: int) -> int:
        low = base + min(offset, day.total)
        return low + spec.share(after + min(offset, following.total) - low)

    offsets = [day.total, following.total]
    top = amount(total - 1)
    for end in tl.cum_ends[bisect_left(tl.cum_ends, amount(0)):]:
        if end >= top:
            break
        low, high = 0, total - 1  # the least offset whose amount passes this end
        while low < high:
            mid = (low + high) // 2
            low, high = (low, mid) if amount(mid) > end else (mid + 1, high)
        offsets.append(low)
    return offsets


def _target_offsets(tl: Timeline, spec: Spec, index: int, total: int) -> list[int]:
    target = tl.days[index]
    offsets = [*target.cums[1:], target.total]
    if spec.num:
        offsets += _fraction_offsets(tl, spec, index, total)
    return offsets


def _day_preimages(tl: Timeline, spec: Spec, lo: int, hi: int) -> list[int]:
    """Arrivals whose ``bd`` deadline sits on a boundary of the target day's open time."""
    first, last = tl.day_of(tl.next_open(lo)), tl.day_of(tl.next_open(hi))
    if not in_date_order(tl):  # a night shift interleaved with the next day's first span:
        first, last = max(first - 1, 0), last + 1  # its pieces lie on both sides of lo, hi
    points = []
    for index in range(first, last + 1):
        day = tl.days[index]
        if index + spec.whole + (1 if spec.num else 0) >= len(tl.days):
            raise OutOfRange
        for offset in _target_offsets(tl, spec, index + spec.whole, day.total):
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


_DAY = 86_400_000_000
_WEEK = 7 * _DAY
_MONDAY = 4 * _DAY  # 1970-01-05T00:00Z, the first Monday after the epoch
# The least candidate of a stretch of arrivals, and the one of least slack (None when no
# arrival has a positive time to its second deadline).
_Reduced = tuple[_Candidate, _Candidate | None]
_WEEKS: dict[tuple[object, ...], _Reduced] = {}
_WEEKS_KEPT = 100_000


def _cuts(f1: _Fn, f2: _Fn, lo: int, hi: int) -> list[int]:
    """``lo``, a cut in each week, ``hi``: the stretches scanned one at a time.

    Each cut is the first opening or closing, of either timeline, at or after a Monday
    00:00 UTC: an instant the whole scan has among its breakpoints anyway, so cutting
    there changes no candidate, and the same instant of the weekly rhythm, so alike
    weeks have alike shapes.
    """
    timelines = [f.tl for f in (f1, f2) if f.tl is not None and not f.spec.elapsed]
    cuts = [lo]
    if timelines:
        nominal = lo - (lo - _MONDAY) % _WEEK + _WEEK
        while nominal < hi:
            cut = min(_next_event(tl, nominal) for tl in timelines)
            if cuts[-1] < cut < hi:
                cuts.append(cut)
            nominal += _WEEK
    cuts.append(hi)
    return cuts


def _next_event(tl: Timeline, instant: int) -> int:
    """The first opening or closing of a day piece at or after ``instant`` (or a far one)."""
    i, j = bisect_left(tl.p_starts, instant), bisect_left(tl.p_ends, instant)
    far = 1 << 62
    return min(tl.p_starts[i] if i < len(tl.p_starts) else far,
               tl.p_ends[j] if j < len(tl.p_ends) else far)


def _reduce(candidates: list[_Candidate]) -> _Reduced:
    worst = min(candidates, key=_worst_key)
    usable = any(c[1] > 0 for c in candidates)
    return worst, _least_ratio(candidates) if usable else None


def _worst_key(candidate: _Candidate) -> tuple[int, int, int]:
    return candidate[0], candidate[2], candidate[3]


def _shift(candidate: _Candidate, delta: int) -> _Candidate:
    f, h, limit, t, d1, d2 = candidate
    return f, h, limit, t + delta, d1 + delta, d2 + delta


def _stretch(f1: _Fn, f2: _Fn, a: int, b: int) -> _Reduced:
    """:func:`_reduce` of :func:`_scan` over ``[a, b)``, scanned once per distinct shape.

    The key holds everything the two deadline functions depend on over the stretch,
    relative to ``a`` (:func:`~sla_lint.timecalc.weeks.shape`), so a stretch of the same
    key elsewhere has the same candidates shifted by the difference of the starts.
    """
    s1 = shape(f1.tl, f1.spec, a, b)
    s2 = shape(f2.tl, f2.spec, a, b)
    if s1 is None or s2 is None:
        return _reduce(_scan(f1, f2, a, b))
    key = (f1.spec, s1, f2.spec, s2, b - a)
    known = _WEEKS.get(key)
    if known is None:
        worst, lowest = _reduce(_scan(f1, f2, a, b))
        if len(_WEEKS) >= _WEEKS_KEPT:
            _WEEKS.clear()
        known = _WEEKS[key] = (_shift(worst, -a),
                               None if lowest is None else _shift(lowest, -a))
    worst, lowest = known
    return _shift(worst, a), None if lowest is None else _shift(lowest, a)


def _reduced_scan(f1: _Fn, f2: _Fn, lo: int, hi: int) -> list[_Candidate]:
    """The candidates :func:`_result` needs over ``[lo, hi)``, a week at a time."""
    found: list[_Candidate] = []
    for a, b in pairwise(_cuts(f1, f2, lo, hi)):
        worst, lowest = _stretch(f1, f2, a, b)
        found.append(worst)
        if lowest is not None:
            found.append(lowest)
    return found


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


def _compare(first: Promise, second: Promise, windows: list[tuple[int, int]],
             careful: bool = False) -> Comparison:
    require_open(first[1], first[0])
    require_open(second[1], second[0])
    years = (from_micros(windows[0][0]).year, from_micros(windows[-1][1] - 1).year)

    def attempt(pad: int) -> list[_Candidate]:
        f1, f2 = _functions(first, second, years, pad)
        if careful:
            return [c for lo, hi in windows for c in _scan(f1, f2, lo, hi)]
        return [c for lo, hi in windows for c in _pruned_scan(f1, f2, (first, second), lo, hi)]

    return _result(extending(attempt, years[1]))


def _pruned_scan(f1: _Fn, f2: _Fn, promises: tuple[Promise, Promise], lo: int,
                 hi: int) -> list[_Candidate]:
    """The candidates :func:`_result` needs over ``[lo, hi)``: branch and bound.

    The arrivals are cut at every opening and closing of either calendar; each stretch
    gets a lower bound of ``f = d2 - d1`` (:func:`_least_gap`, from the deadlines'
    monotony and the promises' piecewise delay bounds) and of the slack ratio. The
    stretches are scanned exactly in order of their bound, until the next bound is
    above the least value found: a stretch left out has every candidate strictly worse
    than the result, for the margin and for the slack, so the result, worst moment and
    ties included, is the full scan's. Where the bounds do not apply (fractional days,
    working days out of date order), the weeks are scanned as :func:`_reduced_scan` does.
    """
    p1 = _pieces(f1.spec, promises[0][1], lo, hi)
    p2 = _pieces(f2.spec, promises[1][1], lo, hi)
    if p1 is None or p2 is None or not (_monotone(f1) and _monotone(f2)):
        return _reduced_scan(f1, f2, lo, hi)
    stretches = _stretch_bounds(f1, f2, (p1, p2), lo, hi)
    scanned: dict[int, list[_Candidate]] = {}
    least: float | None = None
    for k in sorted(range(len(stretches)), key=lambda k: stretches[k][0]):
        if least is not None and stretches[k][0] > least:
            break
        found = scanned[k] = _scan(f1, f2, stretches[k][2], stretches[k][3])
        least = min(c[0] for c in found) if least is None else min(least, *(c[0] for c in found))
    ratio = min((c[0] / c[1] for found in scanned.values() for c in found if c[1] > 0),
                default=None)
    for k in sorted(range(len(stretches)), key=lambda k: stretches[k][1]):
        if ratio is not None and stretches[k][1] > ratio + 1e-9 * (1 + abs(ratio)):
            break
        if k not in scanned:
            found = scanned[k] = _scan(f1, f2, stretches[k][2], stretches[k][3])
            ratios = [c[0] / c[1] for c in found if c[1] > 0]
            ratio = min(ratios + ([] if ratio is None else [ratio]), default=None)
    return [c for found in scanned.values() for c in found]


def _stretch_bounds(f1: _Fn, f2: _Fn, pieces: tuple[Pieces, Pieces], lo: int,
                    hi: int) -> list[tuple[float, float, int, int]]:
    """``(least f, least ratio, a, b)`` bounds for each stretch between two events."""
    (at1, _, highs1), (at2, lows2, highs2) = pieces
    found = []
    a = lo
    for b in [*_events(f1, f2, lo, hi), hi]:
        k2 = bisect_right(at2, a) - 1
        low2, high2 = lows2[k2], highs2[k2]
        gap = _least_gap((f2.at(a), low2), (f1.at(b - 1) + 1, highs1[bisect_right(at1, a) - 1]),
                         (a, b))
        if gap >= 0:
            ratio = gap / high2 if high2 > 0 else 0.0
        else:
            ratio = gap / low2 if low2 > 0 else -math.inf
        found.append((float(gap), ratio, a, b))
        a = b
    return found


def _least_gap(second: tuple[int, int], first: tuple[int, int], stretch: tuple[int, int]) -> int:
    """The least of ``max(d2a, t + low2) - min(d1b, t + high1)`` for ``t`` in ``[a, b]``.

    A lower bound of ``d2(t) - d1(t)`` (and of its one-sided limits) over the stretch, as
    in :func:`_bracketed`: it falls until the first kink, is flat until the second, then
    rises, so it is least at the first kink (kept within ``[a, b]``).
    """
    (d2a, low2), (d1b, high1) = second, first
    a, b = stretch
    t = min(max(min(d2a - low2, d1b - high1), a), b)
    return max(d2a, t + low2) - min(d1b, t + high1)


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


def compare_careful(first: Promise, second: Promise, years: tuple[int, ...]) -> Comparison:
    """:func:`compare` by one scan of every arrival, no week reused (tests hold them equal)."""
    if not years:
        raise ValueError("no years to compare over")
    return _compare(first, second, _windows(years), careful=True)


@lru_cache(maxsize=8192)
def kept(first: Promise, second: Promise, years: tuple[int, ...],
         minimum: float | None = None) -> bool:
    """True when :func:`compare` would say ``holds`` with a slack of at least ``minimum``.

    Decided piece by piece, and only where it must be exactly: the arrivals are cut where
    either promise's bounds change (:func:`~sla_lint.timecalc.bounds.window_pieces`: an
    open interval, a working day), and only the stretches whose bounds settle nothing are
    scanned as :func:`compare` scans them. The infimum over the years is the least of the
    infima over the pieces, so the answer is the exact one; False also when the bounds
    do not apply (fractional business days, a calendar that never opens), as "not shown".
    Memoised, like :func:`compare`: a fix search asks the same questions again.
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
    runs = _bracketed(f1, f2, (p1, p2), runs, ratio)
    return not any(_broken(_stretch(f1, f2, a, b), ratio)
                   for start, end in runs for a, b in pairwise(_cuts(f1, f2, start, end)))


def _bracketed(f1: _Fn, f2: _Fn, pieces: tuple[Pieces, Pieces],
               runs: list[tuple[int, int]], ratio: tuple[int, int]) -> list[tuple[int, int]]:
    """The parts of ``runs`` that the deadlines' monotony does not show kept.

    The runs are cut at every opening and closing of either calendar (which includes
    every piece boundary), and each stretch ``[a, b)`` is tested on its own. Both
    deadlines never decrease as the arrival moves later (elapsed time, business hours,
    whole business days on working days in date order), so on the stretch the first is
    at most ``d1(b - 1) + 1`` (its limit at ``b``, slope at most 1) and at most
    ``t + high1`` (its piece's delay bound), the second at least ``d2(a)`` and at least
    ``t + low2``. Kept with slack ``r`` means ``(1 - r) * d2(t) + r * t - d1(t) >= 0``;
    its lower bound from those four is piecewise linear in ``t``, so it is checked at
    the ends of the stretch and at its two kinks. The test is sharp where the arrivals
    wait for an opening, where the delays' bounds alone are weakest. Three evaluations
    per stretch, against six per breakpoint for the exact scan of what is left.
    """
    num, den = ratio
    if num >= den or not (_monotone(f1) and _monotone(f2)):
        return runs
    (at1, _, highs1), (at2, lows2, _) = pieces
    left: list[tuple[int, int]] = []
    for start, end in runs:
        a = start
        for b in [*_events(f1, f2, start, end), end]:
            high1 = highs1[bisect_right(at1, a) - 1]
            low2 = lows2[bisect_right(at2, a) - 1]
            if not _stretch_kept((f2.at(a), low2), (f1.at(b - 1) + 1, high1), (a, b), ratio):
                if left and left[-1][1] == a:
                    left[-1] = (left[-1][0], b)
                else:
                    left.append((a, b))
            a = b
    return left


def _stretch_kept(second: tuple[int, int], first: tuple[int, int], stretch: tuple[int, int],
                  ratio: tuple[int, int]) -> bool:
    """:func:`_bracketed`'s test: ``(1 - r) * max(d2a, t + low2) + r * t >= min(d1b, t + high1)``.

    For every ``t`` of ``[a, b]``; ``second`` is ``(d2a, low2)``, ``first`` ``(d1b, high1)``.
    The left side minus the right falls (slope ``r - 1``) until the first of the two
    kinks, then never falls again: so it is least there (kept within ``[a, b]``).
    """
    (d2a, low2), (d1b, high1) = second, first
    a, b = stretch
    num, den = ratio
    t = min(max(min(d2a - low2, d1b - high1), a), b)
    return (den - num) * max(d2a, t + low2) + num * t >= den * min(d1b, t + high1)


def _monotone(f: _Fn) -> bool:
    """True when the deadline never decreases as the arrival moves later."""
    if f.tl is None or f.spec.elapsed or f.spec.unit is Unit.BUSINESS_HOURS:
        return True
    return not f.spec.num and in_date_order(f.tl)


def _events(f1: _Fn, f2: _Fn, start: int, end: int) -> list[int]:
    """The openings and closings of either timeline strictly inside ``(start, end)``."""
    found: set[int] = set()
    for f in (f1, f2):
        if f.tl is not None and not f.spec.elapsed:
            found.update(f.tl.events(start + 1, end))
    return sorted(found)


def _broken(reduced: _Reduced, ratio: tuple[int, int]) -> bool:
    """True when a stretch's least candidates show the first later, or too little slack."""
    num, den = ratio
    worst, lowest = reduced
    return worst[0] < 0 or (lowest is not None and lowest[0] * den < num * lowest[1])


def _pieces(spec: Spec, calendar: Calendar, lo: int, hi: int) -> Pieces | None:
    return window_pieces(spec, calendar, lo, hi)  # memoised there


def _unsettled(p1: Pieces, p2: Pieces, hi: int,
               ratio: tuple[int, int]) -> list[tuple[int, int]] | None:
    """The stretches of arrivals where the pieces' bounds do not show ``kept``.

    None when some stretch shows the first promise later than the second at every
    arrival in it (its least delay above the other's greatest): then it is not kept.
    The stretches are where both promises' pieces overlap; they are made and tested in
    whole lists (:func:`_unsettled_careful` walks them one by one; a test holds the two
    equal).
    """
    (at1, low1, high1), (at2, low2, high2) = p1, p2
    num, den = ratio
    start = max(at1[0], at2[0])
    if at1 == at2:  # the same cuts (one calendar): no merging
        ones = twos = [k for k, x in enumerate(at1) if start <= x < hi]
        cuts = [at1[k] for k in ones]
    else:
        cuts = [x for x in dict.fromkeys(sorted(at1 + at2)) if start <= x < hi]
        ones = [bisect_right(at1, c) - 1 for c in cuts]
        twos = [bisect_right(at2, c) - 1 for c in cuts]
    if any(low1[i] > high2[j] for i, j in zip(ones, twos, strict=True)):
        return None
    open_ = [k for k, (i, j) in enumerate(zip(ones, twos, strict=True))
             if not (high1[i] <= low2[j] and (low2[j] - high1[i]) * den >= num * low2[j])]
    cuts.append(hi)
    runs: list[tuple[int, int]] = []
    for k in open_:
        if runs and runs[-1][1] == cuts[k]:
            runs[-1] = (runs[-1][0], cuts[k + 1])
        else:
            runs.append((cuts[k], cuts[k + 1]))
    return runs


def _unsettled_careful(p1: Pieces, p2: Pieces, hi: int,
                       ratio: tuple[int, int]) -> list[tuple[int, int]] | None:
    """:func:`_unsettled`, walking both lists of pieces one stretch at a time."""
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
