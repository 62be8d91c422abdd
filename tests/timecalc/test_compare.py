"""compare(): the "no later at every arrival moment" rule, exactly, with worked examples.

``compare(first, second, years).holds`` checks ``first(t) <= second(t)`` for every arrival
``t``: the FIRST deadline must never be after the SECOND. A target is checked against its
limit as compare(target, limit); a provider against its consumer as compare(provider,
consumer); a response against its resolution as compare(response, resolution).
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from sla_lint.timecalc import (
    ALWAYS_OPEN,
    Calendar,
    NeverOpen,
    compare,
    compare_window,
    deadline,
    parse_duration,
)
from sla_lint.timecalc.timeline import timeline

from .calendars_fixture import (
    CLOSED,
    FORMAT_LONDON,
    LONDON,
    LONDON_9_TO_5,
    LONDON_OFFICE,
    NEW_YORK_9_TO_5,
    at,
    day,
    utc,
    weekdays,
)

HOUR = dt.timedelta(hours=1)
Y2026 = (2026,)


def p(text: str, calendar: Calendar) -> tuple:  # type: ignore[type-arg]
    return (parse_duration(text), calendar)


def test_4h_elapsed_is_never_later_than_4bh() -> None:
    # Monday 10:00: both end 14:00. Friday 16:00: 4h ends Friday 20:00, 4bh Monday 11:30.
    # So the elapsed 4h is never AFTER 4bh: compare(4h, 4bh) holds...
    result = compare(p("4h", LONDON_OFFICE), p("4bh", LONDON_OFFICE), Y2026)
    assert result.holds
    assert result.margin == dt.timedelta(0)
    # ...and 4bh is not within a limit of 4h: a Friday-evening request gets its 4 business
    # hours on Monday, days after the 4 elapsed hours have run out. This is FORMAT.md's
    # "4h elapsed is slower than 4bh when a request can arrive on a Friday night": 4h is
    # the stricter (harder) promise, and a target of 4bh breaks a limit of 4h.
    reverse = compare(p("4bh", LONDON_OFFICE), p("4h", LONDON_OFFICE), Y2026)
    assert not reverse.holds
    # Worst: the closing on the Friday before the clocks go back (one more hour).
    assert reverse.worst.arrival == at(LONDON, 2026, 10, 23, 17, 30)
    assert reverse.margin == -(HOUR * 64.5)
    assert reverse.worst.first == at(LONDON, 2026, 10, 26, 13, 0)
    assert reverse.worst.second == at(LONDON, 2026, 10, 23, 21, 30)


def test_1d_is_not_slower_than_1bd() -> None:
    # 24 elapsed hours end no later than "the same moment next working day", for every t
    # (Friday evening included: 1d ends Saturday evening, 1bd on Tuesday morning).
    result = compare(p("1d", LONDON_OFFICE), p("1bd", LONDON_OFFICE), Y2026)
    assert result.holds
    assert result.margin == dt.timedelta(0)
    reverse = compare(p("1bd", LONDON_OFFICE), p("1d", LONDON_OFFICE), Y2026)
    assert not reverse.holds


def test_same_numbers_in_other_time_zones_are_infeasible() -> None:
    # Provider in New York, consumer in London, both 09:00-17:00 and 8bh: a request at the
    # London opening is done in London at 17:00 but in New York only at 22:00 London time.
    result = compare(p("8bh", NEW_YORK_9_TO_5), p("8bh", LONDON_9_TO_5), Y2026)
    assert not result.holds
    assert result.margin == -5 * HOUR
    assert result.worst.second - result.worst.first == -5 * HOUR
    # The other way round fails too: on a Friday afternoon London's 8 hours spill into
    # Monday while New York finishes the same evening.
    reverse = compare(p("8bh", LONDON_9_TO_5), p("8bh", NEW_YORK_9_TO_5), Y2026)
    assert not reverse.holds
    assert reverse.worst.arrival.weekday() == 4


def test_calendars_differing_by_one_holiday() -> None:
    plain = Calendar("plain", "Europe/London", LONDON_OFFICE.week)
    holiday = Calendar(
        "holiday", "Europe/London", LONDON_OFFICE.week, frozenset({dt.date(2026, 12, 28)})
    )
    assert compare(p("1bd", plain), p("1bd", holiday), Y2026).holds
    result = compare(p("1bd", holiday), p("1bd", plain), Y2026)
    assert not result.holds
    assert result.margin == -24 * HOUR
    # First reached by the arrival at Thursday 24 Dec's closing: Friday 09:00 + one working
    # day is Monday 28 in one calendar and Tuesday 29 in the other.
    assert result.worst.arrival == at(LONDON, 2026, 12, 24, 17, 30)
    assert (result.worst.first, result.worst.second) == (
        at(LONDON, 2026, 12, 29, 9, 0),
        at(LONDON, 2026, 12, 28, 9, 0),
    )


def test_failure_only_while_europe_and_america_are_out_of_step() -> None:
    # New York 09:00-17:00 and London 14:00-22:00 are the same UTC hours, except in the
    # weeks when one has changed its clocks and the other has not.
    new_york = NEW_YORK_9_TO_5
    london = Calendar("london-late", "Europe/London", weekdays(day("14:00-22:00")))
    provider, consumer = p("8bh", new_york), p("8bh", london)
    result = compare(provider, consumer, Y2026)
    assert not result.holds
    worst = result.worst.arrival
    march = utc(2026, 3, 8, 7) <= worst < utc(2026, 3, 29, 1)
    autumn = utc(2026, 10, 25, 1) <= worst < utc(2026, 11, 1, 6)
    assert march or autumn, worst
    # Worst: Friday 30 Oct 10:00 EDT (14:00 UTC). London (GMT already) works 14:00-22:00 UTC
    # and is done that evening; New York (EDT until Sunday) closes at 21:00 UTC and needs
    # one more hour on Monday, 14:00-15:00 UTC (EST by then).
    assert worst == utc(2026, 10, 30, 14, 0)
    assert (result.worst.first, result.worst.second) == (
        utc(2026, 11, 2, 15),
        utc(2026, 10, 30, 22),
    )
    assert result.margin == -65 * HOUR
    in_step = compare_window(provider, consumer, utc(2026, 4, 1), utc(2026, 10, 20))
    assert in_step.holds and in_step.margin == dt.timedelta(0)
    assert compare(provider, consumer, (2026,)) is result  # memoised


def test_a_minimum_only_approached_before_an_event() -> None:
    # first = 25 elapsed hours, second = 1bd on the FORMAT.md calendar (Friday 7 h).
    # A Thursday arrival late in the day gets Friday 17:00 from 1bd, while t + 25h keeps
    # growing: the gap tends to -1.5 h as t nears Thursday 17:30, which is closed (the
    # 1bd deadline then jumps to Monday). The first Thursday of 2026 is 1 January.
    result = compare(p("25h", FORMAT_LONDON), p("1bd", FORMAT_LONDON), Y2026)
    assert result.margin == -1.5 * HOUR
    worst = result.worst
    assert worst.arrival == at(LONDON, 2026, 1, 1, 17, 29, 59, 999_999)
    assert worst.second - worst.first == -1.5 * HOUR + dt.timedelta(microseconds=1)
    assert worst.first == deadline(worst.arrival, parse_duration("25h"), FORMAT_LONDON)


def test_slack() -> None:
    # Provider 2bh, consumer 4bh, same office: the tightest ratio is for arrivals in the last
    # 2 hours of the Friday before the clocks go back: 2 h out of 68.5 h.
    result = compare(p("2bh", LONDON_OFFICE), p("4bh", LONDON_OFFICE), Y2026)
    assert result.holds
    assert result.slack == pytest.approx(2 / 68.5, abs=0)
    assert result.slack == 2 / 68.5
    assert result.slack_at.arrival.date() == dt.date(2026, 10, 23)
    elapsed = compare(p("30m", ALWAYS_OPEN), p("1h", ALWAYS_OPEN), Y2026)
    assert (elapsed.slack, elapsed.margin) == (0.5, dt.timedelta(minutes=30))


def test_identical_promises_hold_with_zero_margin() -> None:
    result = compare(p("1bd", ALWAYS_OPEN), p("1d", ALWAYS_OPEN), Y2026)
    assert result.holds and result.margin == dt.timedelta(0) and result.slack == 0


def test_deadlines_past_the_horizon() -> None:
    wednesdays = Calendar(
        "wed", "Europe/London", (CLOSED, CLOSED, day("10:00-12:00")) + (CLOSED,) * 4
    )
    result = compare(p("20bd", wednesdays), p("21w", LONDON_OFFICE), Y2026)
    assert result.holds
    # The last arrivals of 2026 wait until the end of May 2027.
    late = compare(p("20bd", wednesdays), p("20w", LONDON_OFFICE), Y2026)
    assert not late.holds


def test_separate_years() -> None:
    both = compare(p("4bh", LONDON_OFFICE), p("4h", LONDON_OFFICE), (2024, 2026))
    assert both.margin == compare(p("4bh", LONDON_OFFICE), p("4h", LONDON_OFFICE), Y2026).margin
    assert compare(p("4h", LONDON_OFFICE), p("4bh", LONDON_OFFICE), (2026, 2024, 2026)).holds
    with pytest.raises(ValueError):
        compare(p("4h", LONDON_OFFICE), p("4bh", LONDON_OFFICE), ())


def test_never_open_in_compare() -> None:
    closed = Calendar("closed", "UTC", (CLOSED,) * 7)
    with pytest.raises(NeverOpen):
        compare(p("1bh", closed), p("1h", ALWAYS_OPEN), Y2026)
    assert compare(p("1h", closed), p("2h", closed), Y2026).holds


def test_moments_are_utc_and_consistent() -> None:
    result = compare(p("8bh", NEW_YORK_9_TO_5), p("8bh", LONDON_9_TO_5), Y2026)
    for moment in (result.worst, result.slack_at):
        for value in (moment.arrival, moment.first, moment.second):
            assert value.tzinfo == dt.timezone.utc
        assert moment.first == deadline(moment.arrival, parse_duration("8bh"), NEW_YORK_9_TO_5)
        assert moment.second == deadline(moment.arrival, parse_duration("8bh"), LONDON_9_TO_5)


def test_a_year_of_two_office_calendars_in_different_zones_is_fast() -> None:
    compare.cache_clear()
    timeline.cache_clear()
    began = time.process_time()
    compare(p("2bd", NEW_YORK_9_TO_5), p("3bd", FORMAT_LONDON), Y2026)
    compare(p("4bh", NEW_YORK_9_TO_5), p("8bh", FORMAT_LONDON), Y2026)
    assert time.process_time() - began < 1.0  # typically some tens of milliseconds in all


def test_years_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError, match="years must be within"):
        compare(p("4bh", LONDON_OFFICE), p("4h", LONDON_OFFICE), (1,))
    with pytest.raises(ValueError, match="years must be within"):
        deadline(utc(9999, 1, 1), parse_duration("1bh"), LONDON_OFFICE)


def test_breakpoint_where_the_target_day_breaks_for_lunch() -> None:
    # 1bd on the FORMAT.md calendar: Thursday arrivals map onto Friday (09:00-13:00,
    # 14:00-17:00). Thursday 13:00 maps onto Friday 13:00 (the earliest instant with that
    # much open time, the closing before lunch, as for business hours that run out at a
    # closing); from just after it the Friday deadline is past the lunch hour, so against 24
    # elapsed hours the margin drops from 0 to -1 h just after Thursday 13:00, an instant
    # that is no event of the calendar itself.
    start, end = at(LONDON, 2026, 6, 18, 10, 0), at(LONDON, 2026, 6, 18, 17, 0)
    result = compare_window(p("1bd", FORMAT_LONDON), p("24h", FORMAT_LONDON), start, end)
    assert result.margin == -HOUR
    assert at(LONDON, 2026, 6, 18, 13, 0) < result.worst.arrival <= at(LONDON, 2026, 6, 18, 16, 0)
    assert result.worst.first - result.worst.arrival == 25 * HOUR
    exact = compare_window(p("1bd", FORMAT_LONDON), p("24h", FORMAT_LONDON), start,
                           at(LONDON, 2026, 6, 18, 13, 0) + dt.timedelta(microseconds=1))
    assert exact.margin == dt.timedelta(0)
