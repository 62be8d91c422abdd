"""Property tests: the exact engine against the slow reference."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sla_lint.timecalc import Calendar, Duration, compare_window, deadline
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
        slope = (d1 - d0) / (t1 - t0)
        assert slope in (0, 1), (moment(lo), moment(hi))
        for t, d in samples:
            assert d == d0 + (t - t0) * int(slope), (moment(lo), moment(hi), moment(t))
