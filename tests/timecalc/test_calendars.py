"""Clock spans, overlaps, time zones, the Calendar value and its wording."""

from __future__ import annotations

import datetime as dt

import pytest

from sla_lint.timecalc import (
    ALWAYS_OPEN,
    Calendar,
    SpanError,
    describe_local,
    find_overlaps,
    horizon_years,
    known_zones,
    parse_clock_span,
    zone_exists,
)

UTC = dt.timezone.utc


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("09:00-17:30", (540, 1050)),
        ("00:00-24:00", (0, 1440)),
        ("22:00-24:00", (1320, 1440)),
        ("9:00-17:00", (540, 1020)),
        ("09:00 - 17:00", (540, 1020)),
        ("23:59-24:00", (1439, 1440)),
        ("22:00-06:00", (1320, 1800)),  # a night shift: it ends on the next date
        ("17:00-09:00", (1020, 1980)),
        ("22:00-00:00", (1320, 1440)),
        ("00:01-00:00", (1, 1440)),
    ],
)
def test_parse_clock_span(text: str, span: tuple[int, int]) -> None:
    assert parse_clock_span(text) == span


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("25:00-26:00", "not a time of day"),
        ("09:60-10:00", "not a time of day"),
        ("09:00-24:01", "not a time of day"),
        ("24:00-24:00", "24:00 can only end"),
        ("09:00-09:00", "starts and ends at the same time"),
        ("00:00-00:00", "for a whole day write 00:00-24:00"),
        ("9-17", "HH:MM-HH:MM"),
        ("09:00", "HH:MM-HH:MM"),
        ("09:00-17:00-18:00", "HH:MM-HH:MM"),
        ("", "HH:MM-HH:MM"),
    ],
)
def test_bad_clock_spans(text: str, why: str) -> None:
    with pytest.raises(SpanError, match=why):
        parse_clock_span(text)
    assert issubclass(SpanError, ValueError)


def test_find_overlaps_treats_adjacent_spans_as_separate() -> None:
    assert find_overlaps([(360, 840), (840, 1320)]) == []
    assert find_overlaps([(540, 780), (720, 1020), (0, 60), (30, 45)]) == [(0, 1), (2, 3)]
    assert find_overlaps([(540, 1020), (540, 1020)]) == [(0, 1)]
    assert find_overlaps([]) == []


def test_zones() -> None:
    assert zone_exists("Europe/London")
    assert zone_exists("Asia/Kolkata")
    assert zone_exists("UTC")
    assert not zone_exists("Europe/Londres")
    assert not zone_exists("")
    assert not zone_exists("../etc/passwd")
    assert not zone_exists(" Europe/London")
    assert "America/New_York" in known_zones()


def test_always_open() -> None:
    assert ALWAYS_OPEN.name == "24x7"
    assert ALWAYS_OPEN.timezone == "UTC"
    assert ALWAYS_OPEN.week == (((0, 1440),),) * 7
    assert ALWAYS_OPEN.holidays == frozenset()
    assert ALWAYS_OPEN.has_open_hours()


def test_calendar_normalises_lists_and_is_hashable() -> None:
    week = [[(540, 1020)]] * 5 + [[], []]
    cal = Calendar("office", "Europe/London", week, {dt.date(2026, 12, 25)})  # type: ignore[arg-type]
    assert cal.week[0] == ((540, 1020),)
    assert cal.holidays == frozenset({dt.date(2026, 12, 25)})
    assert hash(cal) == hash(Calendar("office", "Europe/London", cal.week, cal.holidays))


def test_calendar_accepts_night_shifts_and_part_days() -> None:
    cal = Calendar("plant", "Europe/London", (((1320, 1800),),) + ((),) * 6,
                   part_days=[(dt.date(2026, 12, 24), [(540, 780)])])
    assert cal.overnight and cal.part_days == ((dt.date(2026, 12, 24), ((540, 780),)),)
    closed = cal.closed_dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert cal.spans_on(dt.date(2026, 12, 24), closed) == ((540, 780),)
    assert cal.spans_on(dt.date(2026, 12, 21), closed) == ((1320, 1800),)
    assert not Calendar("office", "UTC", (((540, 1020),),) * 7).overnight


def test_calendar_without_hours() -> None:
    assert not Calendar("closed", "UTC", ((),) * 7).has_open_hours()


@pytest.mark.parametrize(
    "week",
    [
        ((),) * 6,
        (((600, 540),),) + ((),) * 6,
        (((540, 1020), (1000, 1100)),) + ((),) * 6,
        (((540, 1500), (1440, 1500)),) + ((),) * 6,  # starts at the next midnight
        (((540, 2000),),) + ((),) * 6,  # longer than a day
    ],
)
def test_calendar_rejects_malformed_weeks(week: tuple[tuple[tuple[int, int], ...], ...]) -> None:
    with pytest.raises(ValueError, match="calendar 'bad'"):
        Calendar("bad", "UTC", week)


def test_calendar_rejects_unknown_zones() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        Calendar("bad", "Mars/Olympus", ((),) * 7)


@pytest.mark.parametrize(
    ("moment", "zone", "text"),
    [
        (
            dt.datetime(2026, 11, 27, 14, 0, tzinfo=UTC),
            "Europe/London",
            "Fri 27 Nov 2026 14:00 GMT (Europe/London)",
        ),
        (
            dt.datetime(2026, 7, 3, 8, 0, tzinfo=UTC),
            "Europe/London",
            "Fri 3 Jul 2026 09:00 BST (Europe/London)",
        ),
        (
            dt.datetime(2026, 3, 9, 13, 30, tzinfo=UTC),
            "America/New_York",
            "Mon 9 Mar 2026 09:30 EDT (America/New_York)",
        ),
        (
            dt.datetime(2026, 1, 5, 4, 0, tzinfo=UTC),
            "Asia/Kolkata",
            "Mon 5 Jan 2026 09:30 IST (Asia/Kolkata)",
        ),
        (
            dt.datetime(2026, 1, 5, 4, 0, tzinfo=UTC),
            "Australia/Sydney",
            "Mon 5 Jan 2026 15:00 AEDT (Australia/Sydney)",
        ),
        (
            dt.datetime(2026, 1, 5, 16, 29, 59, 999999, tzinfo=UTC),
            "Europe/London",
            "Mon 5 Jan 2026 16:29:59 GMT (Europe/London)",
        ),
        (dt.datetime(2026, 1, 5, 4, 0, tzinfo=UTC), "UTC", "Mon 5 Jan 2026 04:00 UTC"),
    ],
)
def test_describe_local(moment: dt.datetime, zone: str, text: str) -> None:
    assert describe_local(moment, Calendar("c", zone, ((),) * 7)) == text


def test_horizon_years() -> None:
    assert horizon_years([2026, 2027, 2026], [2027], 2030) == (2026, 2027)
    assert horizon_years([], [2028, 2026], 2030) == (2026, 2028)
    assert horizon_years([], [], 2030) == (2030,)
    assert horizon_years(iter([2025]), (), 2030) == (2025,)


def test_describe_local_refuses_naive_moments() -> None:
    with pytest.raises(ValueError, match="time zone"):
        describe_local(dt.datetime(2026, 1, 1), ALWAYS_OPEN)


def test_holidays_given_as_datetimes_count_for_their_date() -> None:
    cal = Calendar("c", "UTC", ALWAYS_OPEN.week, frozenset({dt.datetime(2026, 12, 25, 0, 0)}))
    assert cal.holidays == frozenset({dt.date(2026, 12, 25)})
