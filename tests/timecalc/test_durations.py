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
        ("4 h", "not a duration"),
        ("4hours", "not a duration"),
        ("four hours", "not a duration"),
        ("4", "not a duration"),
        ("h", "not a duration"),
        ("4x", "not a duration"),
        (".5h", "not a duration"),
        ("1,5h", "not a duration"),
        ("", "not a duration"),
        ("P", "no length"),
        ("PT", "no length"),
        ("P1DT", "no length"),
        ("4 business", "not a duration"),
        ("100000w", "too long"),
    ],
)
def test_errors_say_why_and_list_the_accepted_forms(text: str, why: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_duration(text)
    message = str(caught.value)
    assert why in message
    assert "PT4H" in message and "3bd" in message and "business hours" in message


def test_duration_error_is_a_value_error() -> None:
    assert issubclass(DurationError, ValueError)


def test_surrounding_space_is_ignored_but_kept_as_written() -> None:
    assert parse_duration(" 4h ").micros == 4 * HOUR
    assert str(parse_duration(" 4h ")) == " 4h "


def test_durations_are_hashable_values() -> None:
    assert {parse_duration("4h"), parse_duration("4h")} == {parse_duration("4h")}
