"""The cheap bounds that settle most comparisons, checked against the reference and the engine."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sla_lint.timecalc import Calendar, Duration, Unit, compare, parse_duration
from sla_lint.timecalc.bounds import (
    days_within_hours,
    delay_bounds,
    hours_within_days,
    window_bounds,
)
from sla_lint.timecalc.deadlines import Spec

from .calendars_fixture import LONDON_OFFICE, NEW_YORK_9_TO_5
from .reference import MIN, delays
from .strategies import arrivals, calendars, durations

SETTINGS = settings(max_examples=300, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
Y2026 = (2026,)


@SETTINGS
@given(calendars(), durations(whole_minutes=True), arrivals(whole_minutes=True),
       st.integers(60, 3 * 1440))
def test_delay_bounds_hold_at_every_arrival(calendar: Calendar, duration: Duration,
                                            start: int, minutes: int) -> None:
    end = start + minutes * MIN
    bounds = window_bounds(Spec.of(duration), calendar, start, end)
    assume(bounds is not None)
    assert bounds is not None
    low, high = bounds
    seen = delays(calendar, duration, start, end)
    assert low <= min(seen)
    assert max(seen) <= high


def test_bounds_of_an_office_week_are_exact() -> None:
    hour = 3600 * 10**6
    # 1bd: 24 h for an arrival on a Monday to Thursday; at most from a Friday closing to
    # Tuesday's opening, plus the hour the clocks go back on the last weekend of October.
    assert delay_bounds(parse_duration("1bd"), LONDON_OFFICE, Y2026) == (24 * hour,
                                                                        88.5 * hour)
    # 4bh: 4 hours at the quickest, from that Friday closing to Monday 13:00 at the slowest.
    assert delay_bounds(parse_duration("4bh"), LONDON_OFFICE, Y2026) == (4 * hour,
                                                                        68.5 * hour)
    assert delay_bounds(parse_duration("4h"), LONDON_OFFICE, Y2026) == (4 * hour, 4 * hour)
    assert delay_bounds(parse_duration("0.5bd"), LONDON_OFFICE, Y2026) is None


bh = st.integers(1, 40).map(lambda n: parse_duration(f"{n / 2:g}bh"))
bd = st.integers(1, 4).map(lambda n: parse_duration(f"{n}bd"))


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(calendars(), bh, bd)
def test_same_calendar_unit_rules_agree_with_the_exact_engine(
        calendar: Calendar, hours: Duration, days: Duration) -> None:
    if hours_within_days(hours, days, calendar, Y2026):
        assert compare((hours, calendar), (days, calendar), Y2026).holds
    if days_within_hours(days, hours, calendar, Y2026):
        assert compare((days, calendar), (hours, calendar), Y2026).holds


promise = st.tuples(st.sampled_from(["2h", "8h", "1d", "4bh", "16bh", "1bd", "2bd", "3bd",
                                     "5bd"]).map(parse_duration),
                    st.sampled_from([LONDON_OFFICE, NEW_YORK_9_TO_5]) | calendars())


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(promise, promise, st.sampled_from([0.0, 0.1, 0.25]))
def test_a_proof_by_bounds_is_never_contradicted(first: tuple[Duration, Calendar],
                                                 second: tuple[Duration, Calendar],
                                                 minimum: float) -> None:
    a = delay_bounds(*first, Y2026)
    b = delay_bounds(*second, Y2026)
    assume(a is not None and b is not None)
    assert a is not None and b is not None
    num, den = minimum.as_integer_ratio()
    if a[1] <= b[0] and (b[0] - a[1]) * den >= num * b[0]:
        exact = compare(first, second, Y2026)
        assert exact.holds
        assert exact.slack >= minimum
        assert exact.margin >= dt.timedelta(0)


def test_elapsed_bounds_are_exact() -> None:
    four = parse_duration("4h")
    assert four.unit is Unit.ELAPSED
    assert delay_bounds(four, NEW_YORK_9_TO_5, Y2026) == (four.micros, four.micros)
