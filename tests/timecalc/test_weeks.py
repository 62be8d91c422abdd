"""Weeks that repeat: the comparison that scans each distinct week once equals the full scan.

:func:`compare` cuts the years into weeks and reuses the scan of a week whose shape (the
open intervals and day pieces both deadline functions depend on, relative to the week's
start) it has seen before; :func:`compare_careful` scans every arrival. They must agree on
everything: the verdict, the worst moment, the margin, the slack and where it is reached.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sla_lint.timecalc import Calendar, Duration, compare, parse_duration
from sla_lint.timecalc.bounds import _hour_pieces, window_pieces
from sla_lint.timecalc.comparison import (
    _WEEKS,
    _functions,
    _reduced_scan,
    _result,
    _unsettled,
    _unsettled_careful,
    _windows,
    compare_careful,
    kept,
)
from sla_lint.timecalc.deadlines import Spec
from sla_lint.timecalc.timeline import covering, to_micros
from sla_lint.timecalc.weeks import shape

from .calendars_fixture import LONDON_OFFICE, NEW_YORK_9_TO_5
from .strategies import calendars, durations

SETTINGS = settings(max_examples=120, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
promises = st.tuples(durations() | st.sampled_from(
    ["4bh", "8bh", "40bh", "1bd", "3bd", "10bd", "8h", "1w"]).map(parse_duration),
    st.sampled_from([LONDON_OFFICE, NEW_YORK_9_TO_5]) | calendars())


@SETTINGS
@given(promises, promises)
def test_pruning_and_reusing_weeks_change_nothing(first: tuple[Duration, Calendar],
                                       second: tuple[Duration, Calendar]) -> None:
    compare.cache_clear()
    assert compare(first, second, (2026,)) == compare_careful(first, second, (2026,))


@SETTINGS
@given(promises, promises, st.sampled_from([None, 0.0, 0.1, 0.25]))
def test_kept_with_reused_weeks_is_still_the_exact_verdict(
        first: tuple[Duration, Calendar], second: tuple[Duration, Calendar],
        minimum: float | None) -> None:
    exact = compare_careful(first, second, (2026,))
    verdict = exact.holds and (minimum is None or exact.slack >= minimum)
    if kept(first, second, (2026,), minimum):
        assert verdict


def test_alike_weeks_share_one_scan() -> None:
    _WEEKS.clear()
    eight, four = parse_duration("8bh"), parse_duration("4bh")
    first, second = (four, NEW_YORK_9_TO_5), (eight, LONDON_OFFICE)
    f1, f2 = _functions(first, second, (2026, 2027), 30)
    windows = _windows((2026, 2027))
    weekly = _result([c for lo, hi in windows for c in _reduced_scan(f1, f2, lo, hi)])
    assert not weekly.holds
    assert weekly == compare_careful(first, second, (2026, 2027))
    assert 0 < len(_WEEKS) < 40  # of 105 weeks: holidays and clock changes make the rest


def test_a_week_shape_is_relative_to_its_start() -> None:
    bank_holiday = Calendar("london", "Europe/London", LONDON_OFFICE.week,
                            frozenset({dt.date(2026, 5, 25)}))
    tl = covering(bank_holiday, 2026, 2026, 30)
    week = 7 * 86_400_000_000
    monday = to_micros(dt.datetime(2026, 6, 8, tzinfo=dt.timezone.utc))
    for duration in ("8bh", "3bd"):
        spec = Spec.of(parse_duration(duration))
        assert shape(tl, spec, monday, monday + week) == shape(
            tl, spec, monday + week, monday + 2 * week)
        assert shape(tl, spec, monday, monday + week) != shape(  # the late May bank holiday
            tl, spec, monday - 2 * week, monday - week)
    assert shape(tl, Spec.of(parse_duration("1.5bd")), monday, monday + week) is None


@SETTINGS
@given(calendars(), st.integers(1, 200).map(lambda n: n * 900_000_000),
       st.integers(0, 300), st.integers(1, 400))
def test_hour_pieces_at_once_equal_one_by_one(calendar: Calendar, amount: int, day: int,
                                              days: int) -> None:
    tl = covering(calendar, 2026, 2027, 200)
    lo = to_micros(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)) + day * 86_400_000_000
    hi = lo + days * 86_400_000_000 + 12_345
    assert _hour_pieces(tl, amount, lo, hi) == _hour_pieces(tl, amount, lo, hi, careful=True)


@SETTINGS
@given(promises, promises, st.sampled_from([(0, 1), (1, 10), (1, 4)]), st.integers(0, 300))
def test_unsettled_in_whole_lists_equals_one_by_one(
        first: tuple[Duration, Calendar], second: tuple[Duration, Calendar],
        ratio: tuple[int, int], day: int) -> None:
    lo = to_micros(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)) + day * 86_400_000_000
    hi = lo + 40 * 86_400_000_000
    p1 = window_pieces(Spec.of(first[0]), first[1], lo, hi)
    p2 = window_pieces(Spec.of(second[0]), second[1], lo, hi)
    if p1 is not None and p2 is not None:
        assert _unsettled(p1, p2, hi, ratio) == _unsettled_careful(p1, p2, hi, ratio)
