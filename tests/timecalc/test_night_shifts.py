"""Night shifts and part days: the engine against the slow reference, fast paths against it.

The calendars come from ``night_calendars``: spans running past midnight (some overlapping
the next day's first span, some over the nights the clocks change, in both hemispheres)
and part days (some running past midnight themselves).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings

from sla_lint.timecalc import Calendar, Duration, compare_window, deadline, parse_duration
from sla_lint.timecalc.bounds import day_totals, delay_bounds
from sla_lint.timecalc.deadlines import OutOfRange, Spec, evaluate
from sla_lint.timecalc.fasteval import evaluator
from sla_lint.timecalc.timeline import covering

from .reference import MIN, brute_compare, step_deadline
from .strategies import arrivals, durations, night_calendars

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
FEW = settings(max_examples=60, deadline=None, database=None,
               suppress_health_check=list(HealthCheck))


def moment(instant: int) -> dt.datetime:
    return EPOCH + dt.timedelta(microseconds=instant)


@FEW
@given(night_calendars(), durations(), arrivals())
def test_deadlines_match_the_reference(calendar: Calendar, duration: Duration, t: int) -> None:
    got = deadline(moment(t), duration, calendar)
    assert (got - EPOCH) // dt.timedelta(microseconds=1) == step_deadline(t, duration, calendar)


@FEW
@given(night_calendars(), durations(), arrivals())
def test_compiled_deadlines_match_evaluate(calendar: Calendar, duration: Duration,
                                           t: int) -> None:
    year = moment(t).year
    tl = covering(calendar, year, year, 200)
    spec = Spec.of(duration)
    try:
        expected = evaluate(tl, spec, t)
    except OutOfRange:
        return
    assert evaluator(tl, spec)(t) == expected


def test_the_cheap_bounds_leave_night_shifts_and_part_days_to_the_exact_path() -> None:
    nights = Calendar("plant", "Europe/London", (((1320, 1800),),) * 5 + ((), ()))
    eve = Calendar("office", "Europe/London", (((540, 1050),),) * 5 + ((), ()),
                   part_days=((dt.date(2026, 12, 24), ((540, 780),)),))
    for calendar in (nights, eve):
        assert delay_bounds(parse_duration("1bd"), calendar, (2026,)) is None
        assert delay_bounds(parse_duration("4bh"), calendar, (2026,)) is None
        assert day_totals(calendar, (2026,), 1) is None


@settings(max_examples=5, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(night_calendars(), night_calendars(), durations(whole_minutes=True),
       durations(whole_minutes=True), arrivals(whole_minutes=True))
def test_compare_window_matches_brute_force(cal1: Calendar, cal2: Calendar, dur1: Duration,
                                            dur2: Duration, start: int) -> None:
    """The exact comparison finds the worst arrival on calendars with night shifts."""
    end = start + 6 * 60 * MIN
    result = compare_window((dur1, cal1), (dur2, cal2), moment(start), moment(end))
    brute = brute_compare((dur1, cal1), (dur2, cal2), start, end)
    assert result.margin == dt.timedelta(microseconds=brute.margin)
    assert result.slack == float(brute.slack)
