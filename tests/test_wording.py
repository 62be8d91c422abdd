"""sla_lint.wording: the one way a promise, an opening hour and a moment are said."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from sla_lint.timecalc import ALWAYS_OPEN, Calendar, parse_duration
from sla_lint.timecalc.calendars import PublicHolidays
from sla_lint.wording import (
    ClosureYear,
    closure_years,
    closures_between,
    dates_words,
    duration_words,
    elapsed_words,
    example_week,
    example_words,
    hours_words,
    moment_words,
    promise_words,
    week_words,
    worked_examples,
    zone_words,
)

LONDON = Calendar("london-office", "Europe/London",
                  (((540, 1050),),) * 4 + (((540, 1020),), (), ()),
                  frozenset({dt.date(2026, 12, 25), dt.date(2026, 12, 28)}))


@pytest.mark.parametrize(("text", "words"), [
    ("2bd", "2 business days"), ("1bd", "1 business day"), ("0.5bd", "0.5 business days"),
    ("1bh", "1 business hour"), ("1.5bh", "1.5 business hours"),
    ("4h", "4 hours round the clock"), ("30m", "30 minutes round the clock"),
    ("90m", "90 minutes round the clock"), ("2d", "2 days round the clock"),
    ("1w", "1 week round the clock"), ("PT36H", "36 hours round the clock"),
    ("3 business days", "3 business days"),
])
def test_durations_in_words(text: str, words: str) -> None:
    assert duration_words(parse_duration(text)) == words


def test_elapsed_lengths_pick_the_largest_whole_unit() -> None:
    minute = 60_000_000
    assert elapsed_words(150 * minute) == "150 minutes"
    assert elapsed_words(60 * minute) == "1 hour"
    assert elapsed_words(30 * 1_000_000) == "0.5 minutes"


def test_hours_in_plain_words() -> None:
    assert hours_words(LONDON) == ("Mon-Thu 09:00-17:30, Fri 09:00-17:00 London time; "
                                   "closed 25 and 28 Dec 2026")
    assert hours_words(ALWAYS_OPEN) == "round the clock, every day UTC"


OFFICE = Calendar("london-office", "Europe/London",
                  (((540, 1050),),) * 4 + (((540, 780), (840, 1020)), (), ()),
                  frozenset({dt.date(2027, 8, 2), dt.date(2026, 12, 29)}),
                  ((dt.date(2027, 12, 24), ((540, 780),)),), PublicHolidays("GB", "ENG"))
PLANT = Calendar("sheffield-plant", "Europe/London",
                 (((360, 840), (840, 1320), (1320, 1800)),) * 5 + ((), ()),
                 public=PublicHolidays("GB", "ENG"))


def test_hours_say_public_holidays_part_days_and_night_shifts() -> None:
    assert hours_words(OFFICE) == (
        "Mon-Thu 09:00-17:30, Fri 09:00-13:00 and 14:00-17:00 London time; closed on public "
        "holidays in England and 29 Dec 2026; 2 Aug 2027; open until 13:00 on Fri 24 Dec 2027")
    # shifts that touch are one stretch; the night shift is said apart, ending next morning
    assert hours_words(PLANT) == ("Mon-Fri 06:00-22:00, night shift Mon-Fri 22:00-06:00 "
                                  "London time; closed on public holidays in England")


def test_closures_are_named_by_year_without_days_closed_anyway() -> None:
    years = closure_years(OFFICE, 2027)
    assert [y.year for y in years] == [2026, 2027]
    # the hand-listed day of 2026 is listed; public holidays only for the site's year
    assert years[0] == ClosureYear(2026, "Closed on 1 day in 2026",
                                   ("closed Tue 29 Dec (holiday)",))
    assert years[1].summary == ("Closed on 8 public holidays and 1 other day, "
                                "open part of 1 day in 2027")
    assert years[1].days[0] == "closed Fri 1 Jan (New Year's Day, public holiday in England)"
    assert "closed Mon 2 Aug (holiday)" in years[1].days
    assert "open until 13:00 on Fri 24 Dec" in years[1].days
    # 25 and 26 Dec 2027 are a weekend: the office is closed anyway, so they are not listed
    assert not any("25 Dec" in d or "26 Dec" in d for d in years[1].days)
    assert years[1].days[-2:] == (
        "closed Mon 27 Dec (Christmas Day (observed), public holiday in England)",
        "closed Tue 28 Dec (Boxing Day (observed), public holiday in England)")
    assert closure_years(ALWAYS_OPEN, 2027) == ()


def test_closures_between_two_dates() -> None:
    assert closures_between(OFFICE, dt.date(2027, 12, 24), dt.date(2028, 1, 4)) == (
        "open until 13:00 on Fri 24 Dec",
        "closed Mon 27 Dec (Christmas Day (observed), public holiday in England)",
        "closed Tue 28 Dec (Boxing Day (observed), public holiday in England)",
        "closed Mon 3 Jan (New Year's Day (observed), public holiday in England)")
    assert closures_between(PLANT, dt.date(2027, 2, 1), dt.date(2027, 2, 28)) == ()


def test_split_days_and_gaps_in_the_week() -> None:
    week = (((540, 780), (840, 1020)), (), ((0, 1440),), ((0, 1440),), (), ((600, 840),), ())
    assert week_words(week) == ("Mon 09:00-13:00 and 14:00-17:00, Wed-Thu all day, "
                                "Sat 10:00-14:00")
    assert week_words(((),) * 7) == "never open"


def test_dates_group_by_month_and_year() -> None:
    days = [dt.date(2027, 1, 1), dt.date(2026, 12, 28), dt.date(2026, 12, 25),
            dt.date(2026, 11, 2)]
    assert dates_words(days) == "2 Nov, 25 and 28 Dec 2026; 1 Jan 2027"


def test_zone_names() -> None:
    assert zone_words("America/New_York") == "New York time"
    assert zone_words("Etc/UTC") == "UTC"


def test_moment_in_a_zone() -> None:
    moment = dt.datetime(2026, 12, 28, 10, 0, tzinfo=dt.timezone.utc)
    assert moment_words(moment, "Europe/London") == "Mon 28 Dec 10:00 London time"
    assert moment_words(moment, "Asia/Kolkata", year=True) == "Mon 28 Dec 2026 15:30 Kolkata time"
    with pytest.raises(ValueError, match="no time zone"):
        moment_words(dt.datetime(2026, 1, 1), "UTC")


def test_promise_words() -> None:
    assert promise_words(parse_duration("1bh"), parse_duration("2bd"), parse_duration("4h")) == (
        "first answer within 1 business hour, resolved within 2 business days, "
        "news at least every 4 hours round the clock while open")
    assert promise_words(None, None) == "no promise made"


def test_worked_examples_come_from_the_time_engine() -> None:
    assert example_week(2027) == dt.date(2027, 2, 8)
    first, friday = worked_examples(parse_duration("2bh"), parse_duration("2bd"), LONDON, 2027)
    zone = ZoneInfo("Europe/London")
    assert friday.arrival == dt.datetime(2027, 2, 12, 16, 0, tzinfo=zone)
    assert friday.response == dt.datetime(2027, 2, 15, 10, 0, tzinfo=zone)
    assert example_words(friday, LONDON.timezone) == (
        "raised Friday 16:00: first answer by Monday 10:00, resolved by Tuesday 16:00")
    assert example_words(first, LONDON.timezone) == (
        "raised Monday 10:00: first answer by 12:00 the same day, resolved by Wednesday 10:00")


def test_far_deadlines_name_the_date() -> None:
    (monday, _) = worked_examples(None, parse_duration("10bd"), LONDON, 2027)
    assert example_words(monday, LONDON.timezone) == (
        "raised Monday 10:00: resolved by Mon 22 Feb 10:00")
