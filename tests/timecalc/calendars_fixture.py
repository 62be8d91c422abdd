"""Calendars and helpers shared by the example tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sla_lint.timecalc import Calendar

UTC = dt.timezone.utc
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")
KOLKATA = ZoneInfo("Asia/Kolkata")

Day = tuple[tuple[int, int], ...]
CLOSED: Day = ()


def hm(text: str) -> tuple[int, int]:
    start, end = text.split("-")
    return _minutes(start), _minutes(end)


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def day(*spans: str) -> Day:
    return tuple(hm(span) for span in spans)


def weekdays(spans: Day, friday: Day | None = None) -> tuple[Day, ...]:
    return (spans, spans, spans, spans, spans if friday is None else friday, CLOSED, CLOSED)


def at(zone: dt.tzinfo, *fields: int) -> dt.datetime:
    """An aware local moment: at(LONDON, 2026, 3, 27, 16, 0)."""
    return dt.datetime(*fields, tzinfo=zone)  # type: ignore[misc, arg-type]


def utc(*fields: int) -> dt.datetime:
    return dt.datetime(*fields, tzinfo=UTC)  # type: ignore[misc, arg-type]


LONDON_OFFICE = Calendar("london-office", "Europe/London", weekdays(day("09:00-17:30")))
# The calendar of FORMAT.md: lunch break on Fridays, two holidays.
FORMAT_LONDON = Calendar(
    "london-office",
    "Europe/London",
    weekdays(day("09:00-17:30"), friday=day("09:00-13:00", "14:00-17:00")),
    frozenset({dt.date(2026, 12, 25), dt.date(2026, 12, 28)}),
)
SHORT_FRIDAY = Calendar(
    "short-friday", "Europe/London", weekdays(day("09:00-17:30"), friday=day("09:00-13:00"))
)
LONDON_9_TO_5 = Calendar("london", "Europe/London", weekdays(day("09:00-17:00")))
NEW_YORK_9_TO_5 = Calendar("new-york", "America/New_York", weekdays(day("09:00-17:00")))
KOLKATA_OFFICE = Calendar("kolkata", "Asia/Kolkata", weekdays(day("09:30-18:00")))
SYDNEY_SUNDAY_NIGHT = Calendar(
    "sydney-night", "Australia/Sydney", (CLOSED,) * 6 + (day("00:00-06:00"),)
)
SHIFTS = Calendar("shifts", "Europe/London", weekdays(day("06:00-14:00", "14:00-22:00")))
OVERNIGHT = Calendar(
    "overnight",
    "UTC",
    (day("20:00-24:00"), day("00:00-04:00"), CLOSED, CLOSED, CLOSED, CLOSED, CLOSED),
)
