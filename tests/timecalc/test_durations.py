"""Durations: every accepted spelling, exact values, and the errors for everything else."""

from __future__ import annotations

from fractions import Fraction

import pytest

from sla_lint.timecalc import Duration, DurationError, Unit, parse_duration

SECOND = 1_000_000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR


@pytest.mark.parametrize(
    ("text", "unit", "micros"),
    [
        ("30m", Unit.ELAPSED, 30 * MINUTE),
        ("4h", Unit.ELAPSED, 4 * HOUR),
        ("1.5h", Unit.ELAPSED, 90 * MINUTE),
        ("2d", Unit.ELAPSED, 2 * DAY),
        ("1w", Unit.ELAPSED, 7 * DAY),
        ("4bh", Unit.BUSINESS_HOURS, 4 * HOUR),
        ("0.25bh", Unit.BUSINESS_HOURS, 15 * MINUTE),
        ("0.000001h", Unit.ELAPSED, 3600),
        ("30 minutes", Unit.ELAPSED, 30 * MINUTE),
        ("1 minute", Unit.ELAPSED, MINUTE),
        ("4 hours", Unit.ELAPSED, 4 * HOUR),
        ("1 hour", Unit.ELAPSED, HOUR),
        ("1 day", Unit.ELAPSED, DAY),
        ("2 weeks", Unit.ELAPSED, 14 * DAY),
        ("1 week", Unit.ELAPSED, 7 * DAY),
        ("2 business hours", Unit.BUSINESS_HOURS, 2 * HOUR),
        ("2  Business   Hours", Unit.BUSINESS_HOURS, 2 * HOUR),
        ("1 BUSINESS HOUR", Unit.BUSINESS_HOURS, HOUR),
        ("PT4H", Unit.ELAPSED, 4 * HOUR),
        ("PT30M", Unit.ELAPSED, 30 * MINUTE),
        ("PT1H30M", Unit.ELAPSED, 90 * MINUTE),
        ("PT1.5H", Unit.ELAPSED, 90 * MINUTE),
        ("PT45S", Unit.ELAPSED, 45 * SECOND),
        ("P2D", Unit.ELAPSED, 2 * DAY),
        ("P1W", Unit.ELAPSED, 7 * DAY),
        ("P1DT12H", Unit.ELAPSED, 36 * HOUR),
        ("30 mins", Unit.ELAPSED, 30 * MINUTE),
        ("1 min", Unit.ELAPSED, MINUTE),
        ("30mins", Unit.ELAPSED, 30 * MINUTE),
        ("4 hrs", Unit.ELAPSED, 4 * HOUR),
        ("1 hr", Unit.ELAPSED, HOUR),
        ("4hours", Unit.ELAPSED, 4 * HOUR),
        ("2 wks", Unit.ELAPSED, 14 * DAY),
        ("1 wk", Unit.ELAPSED, 7 * DAY),
        ("2 business hrs", Unit.BUSINESS_HOURS, 2 * HOUR),
        ("1 Business Hr", Unit.BUSINESS_HOURS, HOUR),
    ],
)
def test_elapsed_and_business_hours(text: str, unit: Unit, micros: int) -> None:
    duration = parse_duration(text)
    assert duration == Duration(text, unit, micros, Fraction(0))
    assert str(duration) == text


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("3bd", Fraction(3)),
        ("0.25bd", Fraction(1, 4)),
        ("1.5bd", Fraction(3, 2)),
        ("3 business days", Fraction(3)),
        ("1 business day", Fraction(1)),
    ],
)
def test_business_days(text: str, days: Fraction) -> None:
    assert parse_duration(text) == Duration(text, Unit.BUSINESS_DAYS, 0, days)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("P1Y", "no fixed length"),
        ("P1M", "no fixed length"),
        ("P1Y2M3D", "no fixed length"),
        ("0h", "positive"),
        ("0bd", "positive"),
        ("PT0S", "positive"),
        ("-2h", "positive"),
        ("1.1234567h", "6 decimal"),
        ("P", "no length"),
        ("PT", "no length"),
        ("P1DT", "no length"),
        ("100000w", "too long"),
    ],
)
def test_errors_say_why(text: str, why: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(text)
    assert why in str(caught.value)
    assert "accepted forms" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        ("4 h", "write 4h (4 hours)"),
        ("30 m", "write 30m (30 minutes)"),
        ("four hours", "write 4h (4 hours)"),
        ("a day", "write 1d (1 day of 24 hours)"),
        ("5 dayz", "write 5d (5 days of 24 hours)"),
        ("30 minuets", "write 30m (30 minutes)"),
        (".5h", "write 0.5h (0.5 hours)"),
        ("1,5h", "write 1.5h (1.5 hours)"),
        ("3 working days", "write 3bd (3 business days)"),
        ("2 working hours", "write 2bh (2 business hours)"),
        ("1 bus. day", "write 1bd (1 business day)"),
        ("4", "it needs a unit: write 4h (hours) or 4bh (business hours) or 4bd"),
        ("4 business", "it needs a unit: write 4bh (business hours) or 4bd (business days)"),
        ("30 secs", "counts no seconds; write whole or decimal minutes"),
        ("2 months", "months and years have no fixed length; write days or weeks"),
        ("soon", "write a number and a unit, e.g. 30m, 4h, 2bh (business hours) or 3bd"),
        ("2 hours 30 minutes", "write it as one number and one unit: 150m (150 minutes)"),
        ("1h30m", "write it as one number and one unit: 90m (90 minutes)"),
        ("1 day 4 hours", "write it as one number and one unit: 28h (28 hours)"),
        ("1bd 4bh", "write one number and one unit, e.g. 30m"),
        ("h", "write a number and a unit"),
        ("4x", "write a number and a unit"),
        ("", "write a number and a unit"),
    ],
)
def test_an_unread_duration_names_the_form_meant(text: str, advice: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(text)
    message = str(caught.value)
    assert message == f"{text!r} is not a duration; {message.split('; ', 1)[1]}"
    assert advice in message
    assert len(message.split()) < 25  # one form, not the list of every form


@pytest.mark.parametrize("text", ["4 h", "four hours", "5 dayz", ".5h", "3 working days",
                                  "2 hours 30 minutes", "1 day 4 hours"])
def test_the_form_named_is_read(text: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(text)
    meant = str(caught.value).rsplit(" (", 1)[0].rsplit(" ", 1)[1]
    assert parse_duration(meant).text == meant


def test_duration_error_is_a_value_error() -> None:
    assert issubclass(DurationError, ValueError)


def test_surrounding_space_is_ignored_but_kept_as_written() -> None:
    assert parse_duration(" 4h ").micros == 4 * HOUR
    assert str(parse_duration(" 4h ")) == " 4h "


def test_durations_are_hashable_values() -> None:
    assert {parse_duration("4h"), parse_duration("4h")} == {parse_duration("4h")}
