"""Deadlines, example by example, worked out by hand (times are local unless said UTC)."""

from __future__ import annotations

import datetime as dt

import pytest

from sla_lint.timecalc import ALWAYS_OPEN, Calendar, NeverOpen, deadline, parse_duration

from .calendars_fixture import (
    CLOSED,
    FORMAT_LONDON,
    KOLKATA,
    KOLKATA_OFFICE,
    LONDON,
    LONDON_OFFICE,
    NEW_YORK,
    NEW_YORK_9_TO_5,
    OVERNIGHT,
    SHIFTS,
    SHORT_FRIDAY,
    SYDNEY,
    SYDNEY_SUNDAY_NIGHT,
    at,
    day,
    utc,
)


def due(arrival: dt.datetime, text: str, calendar: Calendar) -> dt.datetime:
    result = deadline(arrival, parse_duration(text), calendar)
    assert result.tzinfo == dt.timezone.utc
    return result


# --- elapsed ---------------------------------------------------------------------------


def test_elapsed_ignores_the_calendar() -> None:
    assert due(at(LONDON, 2026, 3, 27, 16, 0), "4h", LONDON_OFFICE) == utc(2026, 3, 27, 20, 0)
    assert due(at(LONDON, 2026, 3, 27, 16, 0), "PT4H", LONDON_OFFICE) == utc(2026, 3, 27, 20, 0)


def test_elapsed_days_are_24_real_hours_across_daylight_saving() -> None:
    # Sat 28 Mar 12:00 GMT + 1 week: 168 real hours later it is 13:00 BST.
    arrival = at(LONDON, 2026, 3, 28, 12, 0)
    assert due(arrival, "1w", LONDON_OFFICE) == at(LONDON, 2026, 4, 4, 13, 0)
    assert due(arrival, "1d", LONDON_OFFICE) == at(LONDON, 2026, 3, 29, 13, 0)


# --- business hours --------------------------------------------------------------------


def test_business_hours_over_the_london_spring_change() -> None:
    # Fri 27 Mar 16:00 GMT: 1.5 h on Friday, 2.5 h from Mon 30 Mar 09:00 BST.
    assert due(at(LONDON, 2026, 3, 27, 16, 0), "4bh", LONDON_OFFICE) == utc(2026, 3, 30, 10, 30)


def test_business_hours_over_the_london_autumn_change() -> None:
    # Fri 23 Oct 16:00 BST: 1.5 h on Friday, 2.5 h from Mon 26 Oct 09:00 GMT.
    assert due(at(LONDON, 2026, 10, 23, 16, 0), "4bh", LONDON_OFFICE) == utc(2026, 10, 26, 11, 30)


def test_business_hours_over_the_new_york_spring_change() -> None:
    # Fri 6 Mar 13:00 EST: 4 h on Friday, 4 h from Mon 9 Mar 09:00 EDT.
    assert due(at(NEW_YORK, 2026, 3, 6, 13, 0), "8bh", NEW_YORK_9_TO_5) == utc(2026, 3, 9, 17, 0)


def test_kolkata_half_hour_offset() -> None:
    # 09:30-18:00 IST is 04:00-12:30 UTC.
    assert due(utc(2026, 1, 5, 12, 0), "1bh", KOLKATA_OFFICE) == utc(2026, 1, 6, 4, 30)
    assert due(at(KOLKATA, 2026, 1, 5, 9, 30), "8.5bh", KOLKATA_OFFICE) == utc(2026, 1, 5, 12, 30)


def test_arrival_exactly_at_opening_is_open_and_at_closing_is_closed() -> None:
    monday = (2026, 6, 15)
    assert due(at(LONDON, *monday, 9, 0), "1bh", LONDON_OFFICE) == at(LONDON, *monday, 10, 0)
    assert due(at(LONDON, *monday, 17, 30), "1bh", LONDON_OFFICE) == at(LONDON, 2026, 6, 16, 10, 0)
    assert due(at(LONDON, *monday, 17, 29), "1bh", LONDON_OFFICE) == at(LONDON, 2026, 6, 16, 9, 59)


def test_business_hours_running_out_at_a_closing_end_there() -> None:
    friday = (2026, 6, 19)
    assert due(at(LONDON, *friday, 12, 0), "1bh", FORMAT_LONDON) == at(LONDON, *friday, 13, 0)
    assert due(at(LONDON, *friday, 12, 0), "2bh", FORMAT_LONDON) == at(LONDON, *friday, 15, 0)
    assert due(at(LONDON, *friday, 13, 30), "1bh", FORMAT_LONDON) == at(LONDON, *friday, 15, 0)
    assert due(at(LONDON, *friday, 16, 0), "1bh", FORMAT_LONDON) == at(LONDON, *friday, 17, 0)


def test_arrivals_on_weekends_and_holidays_wait_for_the_next_opening() -> None:
    assert due(at(LONDON, 2026, 6, 20, 11, 0), "1bh", LONDON_OFFICE) == at(
        LONDON, 2026, 6, 22, 10, 0
    )
    # Holidays Fri 25 and Mon 28 Dec 2026.
    assert due(at(LONDON, 2026, 12, 25, 11, 0), "4bh", FORMAT_LONDON) == at(
        LONDON, 2026, 12, 29, 13, 0
    )
    assert due(at(LONDON, 2026, 12, 24, 16, 0), "4bh", FORMAT_LONDON) == at(
        LONDON, 2026, 12, 29, 11, 30
    )


def test_adjacent_spans_join() -> None:
    monday = (2026, 6, 15)
    assert due(at(LONDON, *monday, 10, 0), "10bh", SHIFTS) == at(LONDON, *monday, 20, 0)
    assert due(at(LONDON, *monday, 14, 0), "1bh", SHIFTS) == at(LONDON, *monday, 15, 0)


def test_a_span_ending_at_midnight_joins_the_next_day() -> None:
    # Mon 20:00-24:00 and Tue 00:00-04:00 (UTC) are one stretch.
    assert due(utc(2026, 6, 15, 21, 0), "6bh", OVERNIGHT) == utc(2026, 6, 16, 3, 0)
    assert due(utc(2026, 6, 16, 0, 0), "1bh", OVERNIGHT) == utc(2026, 6, 16, 1, 0)
    assert due(utc(2026, 6, 15, 21, 0), "7bh", OVERNIGHT) == utc(2026, 6, 16, 4, 0)


def test_sydney_autumn_fold_gives_a_longer_night() -> None:
    # Sun 5 Apr 2026 03:00 AEDT -> 02:00 AEST: the 00:00-06:00 shift lasts 7 real hours,
    # from Sat 4 Apr 13:00 UTC to 20:00 UTC.
    arrival = at(SYDNEY, 2026, 4, 4, 12, 0)
    assert due(arrival, "7bh", SYDNEY_SUNDAY_NIGHT) == utc(2026, 4, 4, 20, 0)
    assert due(arrival, "6bh", SYDNEY_SUNDAY_NIGHT) == utc(2026, 4, 4, 19, 0)
    assert due(arrival, "8bh", SYDNEY_SUNDAY_NIGHT) == utc(2026, 4, 11, 15, 0)


def test_sydney_spring_gap_gives_a_shorter_night() -> None:
    # Sun 4 Oct 2026 02:00 AEST -> 03:00 AEDT: the shift lasts 5 hours (14:00-19:00 UTC
    # on Sat 3 Oct); the sixth hour is the first of the next Sunday (AEDT, UTC+11).
    arrival = at(SYDNEY, 2026, 10, 3, 12, 0)
    assert due(arrival, "5bh", SYDNEY_SUNDAY_NIGHT) == utc(2026, 10, 3, 19, 0)
    assert due(arrival, "6bh", SYDNEY_SUNDAY_NIGHT) == utc(2026, 10, 10, 14, 0)


def test_a_span_inside_the_gap_does_not_exist_that_day() -> None:
    gap_only = Calendar("gap", "Australia/Sydney", (CLOSED,) * 6 + (day("02:00-03:00"),))
    # Sun 27 Sep 02:30 AEST -> the next working Sunday is 11 Oct (4 Oct has no 02:xx).
    arrival = at(SYDNEY, 2026, 9, 27, 2, 30)
    assert due(arrival, "1bd", gap_only) == at(SYDNEY, 2026, 10, 11, 2, 30)
    assert due(arrival, "1bh", gap_only) == at(SYDNEY, 2026, 10, 11, 2, 30)


# --- business days ---------------------------------------------------------------------


def test_business_day_is_the_same_moment_next_working_day() -> None:
    assert due(at(LONDON, 2026, 6, 15, 10, 0), "1bd", LONDON_OFFICE) == at(
        LONDON, 2026, 6, 16, 10, 0
    )
    assert due(at(LONDON, 2026, 6, 19, 16, 0), "1bd", LONDON_OFFICE) == at(
        LONDON, 2026, 6, 22, 16, 0
    )
    assert due(at(LONDON, 2026, 6, 15, 10, 0), "3bd", LONDON_OFFICE) == at(
        LONDON, 2026, 6, 18, 10, 0
    )


def test_business_day_arriving_while_closed_starts_at_the_next_opening() -> None:
    assert due(at(LONDON, 2026, 6, 19, 20, 0), "1bd", LONDON_OFFICE) == at(
        LONDON, 2026, 6, 23, 9, 0
    )
    assert due(at(LONDON, 2026, 6, 15, 17, 30), "1bd", LONDON_OFFICE) == at(
        LONDON, 2026, 6, 17, 9, 0
    )
    assert due(at(LONDON, 2026, 6, 15, 8, 0), "1bd", LONDON_OFFICE) == at(LONDON, 2026, 6, 16, 9, 0)


def test_business_days_over_daylight_saving_keep_the_wall_clock() -> None:
    assert due(at(NEW_YORK, 2026, 10, 30, 10, 0), "1bd", NEW_YORK_9_TO_5) == utc(2026, 11, 2, 15, 0)
    assert due(at(LONDON, 2026, 3, 27, 16, 0), "1bd", LONDON_OFFICE) == utc(2026, 3, 30, 15, 0)


def test_business_day_into_a_shorter_day_ends_at_its_closing() -> None:
    thursday, friday = (2026, 6, 18), (2026, 6, 19)
    assert due(at(LONDON, *thursday, 15, 0), "1bd", SHORT_FRIDAY) == at(LONDON, *friday, 13, 0)
    assert due(at(LONDON, *thursday, 13, 0), "1bd", SHORT_FRIDAY) == at(LONDON, *friday, 13, 0)
    assert due(at(LONDON, *thursday, 10, 0), "1bd", SHORT_FRIDAY) == at(LONDON, *friday, 10, 0)


def test_business_day_into_a_day_with_lunch_break() -> None:
    thursday, friday = (2026, 6, 18), (2026, 6, 19)
    # Friday is 09:00-13:00 and 14:00-17:00: the Thursday offset counts open time only.
    assert due(at(LONDON, *thursday, 12, 0), "1bd", FORMAT_LONDON) == at(LONDON, *friday, 12, 0)
    # 4 h of Thursday done: the same business moment is Friday 13:00, the earliest instant
    # with 4 h of Friday's open time behind it (the closing before lunch), as business hours
    # that run out at a closing end at that closing.
    assert due(at(LONDON, *thursday, 13, 0), "1bd", FORMAT_LONDON) == at(LONDON, *friday, 13, 0)
    assert due(at(LONDON, *thursday, 13, 30), "1bd", FORMAT_LONDON) == at(LONDON, *friday, 14, 30)
    assert due(at(LONDON, *thursday, 16, 0), "1bd", FORMAT_LONDON) == at(LONDON, *friday, 17, 0)
    assert due(at(LONDON, *thursday, 17, 0), "1bd", FORMAT_LONDON) == at(LONDON, *friday, 17, 0)
    # Arriving at lunch on Friday starts at 14:00 (offset 4 h) -> Monday 13:00 (4 h in).
    assert due(at(LONDON, *friday, 13, 30), "1bd", FORMAT_LONDON) == at(LONDON, 2026, 6, 22, 13, 0)


def test_business_days_skip_holidays_on_either_side() -> None:
    # Holidays Fri 25 and Mon 28 Dec 2026.
    assert due(at(LONDON, 2026, 12, 24, 10, 0), "1bd", FORMAT_LONDON) == at(
        LONDON, 2026, 12, 29, 10, 0
    )
    assert due(at(LONDON, 2026, 12, 25, 11, 0), "1bd", FORMAT_LONDON) == at(
        LONDON, 2026, 12, 30, 9, 0
    )
    assert due(at(LONDON, 2026, 12, 23, 10, 0), "2bd", FORMAT_LONDON) == at(
        LONDON, 2026, 12, 29, 10, 0
    )


def test_fractional_business_days() -> None:
    monday = (2026, 6, 15)
    # Half of Monday's 8.5 h from 09:00.
    assert due(at(LONDON, *monday, 9, 0), "0.5bd", LONDON_OFFICE) == at(LONDON, *monday, 13, 15)
    # One day to Tuesday 13:00, then 4.25 business hours.
    assert due(at(LONDON, *monday, 13, 0), "1.5bd", LONDON_OFFICE) == at(
        LONDON, 2026, 6, 16, 17, 15
    )
    # Thursday 10:00 -> Friday 10:00, then a quarter of Friday's 7 h: 1 h 45 min.
    assert due(at(LONDON, 2026, 6, 18, 10, 0), "1.25bd", FORMAT_LONDON) == at(
        LONDON, 2026, 6, 19, 11, 45
    )
    # Into Friday's lunch: from Friday 12:00, 1.75 h runs 12:00-13:00 and 14:00-14:45.
    assert due(at(LONDON, 2026, 6, 18, 12, 0), "1.25bd", FORMAT_LONDON) == at(
        LONDON, 2026, 6, 19, 14, 45
    )


def test_a_calendar_open_one_day_a_week_needs_months() -> None:
    wednesdays = Calendar(
        "wed", "Europe/London", (CLOSED, CLOSED, day("10:00-12:00")) + (CLOSED,) * 4
    )
    arrival = at(LONDON, 2026, 12, 31, 9, 0)  # a Thursday
    assert due(arrival, "20bd", wednesdays) == at(LONDON, 2027, 5, 26, 10, 0)
    assert due(arrival, "40bh", wednesdays) == at(LONDON, 2027, 5, 19, 12, 0)


def test_24x7() -> None:
    arrival = utc(2026, 3, 27, 16, 0)
    assert due(arrival, "1bd", ALWAYS_OPEN) == utc(2026, 3, 28, 16, 0)
    assert due(arrival, "4bh", ALWAYS_OPEN) == utc(2026, 3, 27, 20, 0)
    assert due(arrival, "2.5bd", ALWAYS_OPEN) == utc(2026, 3, 30, 4, 0)


def test_arrival_in_any_zone_and_microseconds() -> None:
    arrival = at(NEW_YORK, 2026, 6, 15, 5, 0, 0, 1)  # 10:00:00.000001 London
    assert due(arrival, "1bh", LONDON_OFFICE) == utc(2026, 6, 15, 10, 0, 0, 1)


def test_never_open() -> None:
    closed = Calendar("closed", "UTC", (CLOSED,) * 7)
    with pytest.raises(NeverOpen, match="closed"):
        due(utc(2026, 1, 1), "1bh", closed)
    with pytest.raises(NeverOpen):
        due(utc(2026, 1, 1), "1bd", closed)
    assert due(utc(2026, 1, 1), "1h", closed) == utc(2026, 1, 1, 1, 0)


def test_naive_arrivals_are_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        due(dt.datetime(2026, 1, 1), "1h", LONDON_OFFICE)
