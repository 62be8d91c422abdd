"""Property tests: the exact engine against the slow reference."""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sla_lint.timecalc import Calendar, Duration, compare_window, deadline, parse_duration
from sla_lint.timecalc.comparison import _Fn
from sla_lint.timecalc.deadlines import Spec
from sla_lint.timecalc.timeline import covering

from .reference import MIN, Grid, brute_compare, grid_for, step_deadline
from .strategies import arrivals, calendars, durations

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
SETTINGS = settings(
    max_examples=500, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def micros(moment: dt.datetime) -> int:
    return (moment - EPOCH) // dt.timedelta(microseconds=1)


def moment(instant: int) -> dt.datetime:
    return EPOCH + dt.timedelta(microseconds=instant)


def snap_to_event(grid: Grid, t: int, limit: int = 3 * 1440) -> int:
    """The next minute at which the calendar opens or closes (or t itself)."""
    minute = t // MIN
    state = grid.is_open(minute)
    for m in range(minute + 1, minute + limit):
        if grid.is_open(m) != state:
            return m * MIN
    return t


def snap_to_breakpoint(calendar: Calendar, duration: Duration, t: int, pick: int) -> int:
    """One of the engine's breakpoints in the 2 days after t (used only to choose inputs)."""
    year = moment(t).year
    fn = _Fn(Spec.of(duration), covering(calendar, year, year + 1, 60))
    points = sorted(fn.breakpoints(t, t + 2 * 1440 * MIN))
    return points[pick % len(points)] if points else t


@SETTINGS
@given(calendars(), durations(), arrivals(), st.sampled_from(["any", "event", "breakpoint"]))
def test_deadline_matches_reference(
    calendar: Calendar, duration: Duration, t: int, where: str
) -> None:
    if where == "event":
        t = snap_to_event(grid_for(calendar, t), t)
    elif where == "breakpoint":
        t = snap_to_breakpoint(calendar, duration, t, t // MIN)
    expected = step_deadline(t, duration, calendar)
    assert micros(deadline(moment(t), duration, calendar)) == expected


@settings(max_examples=100, deadline=None, database=None)
@given(calendars(), durations(), arrivals())
def test_reference_stepping_and_prefix_sums_agree(
    calendar: Calendar, duration: Duration, t: int
) -> None:
    fast = grid_for(calendar, t).deadline(t, duration)
    assert fast == step_deadline(t, duration, calendar)


@settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    calendars(),
    calendars(),
    durations(whole_minutes=True),
    durations(whole_minutes=True),
    arrivals(whole_minutes=True),
    st.integers(6 * 60, 36 * 60),
)
def test_compare_window_matches_brute_force(
    cal1: Calendar, cal2: Calendar, dur1: Duration, dur2: Duration, start: int, minutes: int
) -> None:
    end = start + minutes * MIN
    result = compare_window((dur1, cal1), (dur2, cal2), moment(start), moment(end))
    brute = brute_compare((dur1, cal1), (dur2, cal2), start, end)
    assert result.margin == dt.timedelta(microseconds=brute.margin)
    assert result.holds == (brute.margin >= 0)
    assert result.slack == float(brute.slack)
    worst = result.worst
    assert start <= micros(worst.arrival) < end
    assert abs(micros(worst.second) - micros(worst.first) - brute.margin) <= 1
    assert worst.first == deadline(worst.arrival, dur1, cal1)
    assert worst.second == deadline(worst.arrival, dur2, cal2)


@settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(calendars(), durations(), arrivals(whole_minutes=True), st.integers(1440, 7 * 1440))
def test_deadline_is_linear_between_breakpoints(
    calendar: Calendar, duration: Duration, start: int, minutes: int
) -> None:
    """Between consecutive breakpoints each deadline has slope 0 or 1 and no jump.

    Checked against the reference at the ends (1 microsecond inside), the middle and every
    7 minutes of each piece, so a missing breakpoint cannot hide behind a flat margin.
    A fraction ``f`` of a business day (``N.f bd``) also moves at ``f`` or ``1 - f``
    where the two working days it spans differ in length, up to its rounding down to a
    microsecond (FORMAT.md: ``f`` of the time between the ``N`` and ``N+1 bd`` deadlines).
    """
    end = start + minutes * MIN
    year = moment(start).year
    fn = _Fn(Spec.of(duration), covering(calendar, year, moment(end).year, 60))
    points = sorted({start, end, *(p for p in fn.breakpoints(start, end) if start < p < end)})
    grid = grid_for(calendar, start)
    for lo, hi in itertools.pairwise(points):
        if hi - lo < 3:
            continue
        inner = {lo + 1, hi - 1, (lo + hi) // 2}
        inner |= set(range(-(-lo // MIN) * MIN, hi, 7 * MIN)) - {lo}
        samples = sorted((t, grid.deadline(t, duration)) for t in inner)
        (t0, d0), (t1, d1) = samples[0], samples[-1]
        slope = next((s for s in _slopes(duration) if abs(d1 - d0 - s * (t1 - t0)) <= 1), None)
        assert slope is not None, (moment(lo), moment(hi))
        rounding = 0 if slope in (0, 1) else 1
        for t, d in samples:
            assert abs(d - d0 - (t - t0) * slope) <= rounding, (moment(lo), moment(hi), moment(t))


def _slopes(duration: Duration) -> tuple[Fraction, ...]:
    """How fast a deadline may move with the arrival between breakpoints."""
    frac = duration.days - int(duration.days)
    return (Fraction(0), Fraction(1), *((frac, 1 - frac) if frac else ()))


@SETTINGS
@given(calendars(), st.integers(1, 4), st.sampled_from(["01", "25", "5", "75", "999999"]),
       arrivals())
def test_a_fraction_of_a_business_day_lies_between_the_whole_days(
    calendar: Calendar, days: int, decimals: str, t: int
) -> None:
    """``N.f bd`` ends no sooner than ``N bd`` and no later than ``(N+1) bd`` (FORMAT.md).

    Also on calendars whose days differ in length: with the old rule (``f`` of the length
    of the day reached) ``1.5bd`` ended after ``2bd`` when the next day was a short Friday.
    """
    arrival = moment(t)
    low = deadline(arrival, parse_duration(f"{days}bd"), calendar)
    middle = deadline(arrival, parse_duration(f"{days}.{decimals}bd"), calendar)
    high = deadline(arrival, parse_duration(f"{days + 1}bd"), calendar)
    assert low <= middle <= high


def test_one_and_a_half_days_before_two_before_a_short_friday() -> None:
    """Wednesday 16:59 + 1.5bd, with Friday open 09:00-11:00 only.

    ``1bd`` is Thursday 16:59, ``2bd`` Friday's closing at 11:00. The old rule added half
    of Thursday's 8 open hours and ended on Monday at 09:59, after ``2bd``; now it is half
    of the 2 h 1 min of open time between the two: Friday 09:59:30.
    """
    office = Calendar("office", "UTC", (((540, 1020),),) * 4 + (((540, 660),), (), ()),
                      frozenset())
    wednesday = dt.datetime(2026, 12, 2, 16, 59, tzinfo=dt.timezone.utc)
    one, two = (deadline(wednesday, parse_duration(f"{n}bd"), office) for n in (1, 2))
    half = deadline(wednesday, parse_duration("1.5bd"), office)
    assert (one.day, one.hour, one.minute) == (3, 16, 59)
    assert (two.day, two.hour, two.minute) == (4, 11, 0)
    assert half == dt.datetime(2026, 12, 4, 9, 59, 30, tzinfo=dt.timezone.utc)
