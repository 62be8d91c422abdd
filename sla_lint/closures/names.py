"""The named closed and part days of a calendar, and plain words for them (the site's API).

Pure functions of a built :class:`~sla_lint.timecalc.Calendar` (and, for names from a
feed, what :func:`feed_days` read): the same calendar and years give the same words.

* :func:`closed_days` lists, for some years, every date the calendar closes or shortens,
  with where it comes from: ``public`` (``public_holidays``, with the holiday's name and
  the place), ``listed`` (a date under ``holidays``), ``feed`` (an event of the
  ``holiday_feed``, with its summary) or ``part`` (a part day, with its hours).
* :func:`describe_day` words one (``closed Fri 25 Dec (Christmas Day, public holiday in
  England)``, ``open until 13:00 on Thu 24 Dec``), :func:`describe_week` the weekly hours
  (``Mon-Fri 09:00-17:30``, ``night shift Mon-Fri 22:00-06:00``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sla_lint.closures.check import place, span_text
from sla_lint.closures.public import public_holidays, subdivision_names
from sla_lint.model import CalendarDef
from sla_lint.timecalc.calendars import MINUTES_PER_DAY, Calendar, Span

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class ClosedDay:
    """A date the calendar closes, or opens only part of the day, and why.

    ``source`` is ``public``, ``listed``, ``feed`` or ``part``; ``name`` the holiday's name
    where known (public holidays, feed events); ``place`` where a public holiday is one
    (``England``); ``hours`` the spans a part day opens (empty when closed all day).
    """

    date: dt.date
    source: str
    name: str | None = None
    place: str | None = None
    hours: tuple[Span, ...] = ()


def feed_days(cal: CalendarDef) -> dict[dt.date, str]:
    """The dates and event names of a calendar's ``holiday_feed`` (none when it has none)."""
    if cal.holiday_feed is None:
        return {}
    from sla_lint.closures.feed import feed_path, read_feed, refusal

    if refusal(cal.holiday_feed.value) is not None:
        return {}
    return dict(read_feed(feed_path(cal.path, cal.holiday_feed.value)).days)


def closed_days(calendar: Calendar, first_year: int, last_year: int,
                feed: Mapping[dt.date, str] | None = None) -> tuple[ClosedDay, ...]:
    """Every closed or part day of ``calendar`` in ``first_year..last_year``, by date.

    A date listed by hand that is also a public holiday is reported once, as public (the
    calendar is closed either way); a part day is reported as such even on a public
    holiday, as it opens then (FORMAT.md).
    """
    years = range(first_year, last_year + 1)
    found: dict[dt.date, ClosedDay] = {}
    source = calendar.public
    if source is not None:
        where = _place_name(calendar)
        for day, name in public_holidays(source.country, source.subdivision,
                                         tuple(years)).items():
            found[day] = ClosedDay(day, "public", name, where)
    for day in calendar.holidays:
        if day.year in years and day not in found:
            event = (feed or {}).get(day)
            found[day] = ClosedDay(day, "feed" if event else "listed", event)
    for day, spans in calendar.part_days:
        if day.year in years and day not in calendar.holidays:
            found[day] = ClosedDay(day, "part", hours=spans)
    return tuple(found[day] for day in sorted(found))


def public_place(calendar: Calendar) -> str | None:
    """Where the calendar's public holidays are (``England``), or None when it has none."""
    return None if calendar.public is None else _place_name(calendar)


def _place_name(calendar: Calendar) -> str:
    source = calendar.public
    assert source is not None
    if source.subdivision is not None:
        return subdivision_names(source.country).get(source.subdivision, source.subdivision)
    return place(source).rsplit(" (", 1)[0]


def _date(day: dt.date) -> str:
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def describe_day(day: ClosedDay, calendar: Calendar | None = None) -> str:
    """Plain words for a closed or part day, e.g. ``closed Fri 25 Dec (Christmas Day, ...)``.

    With the calendar, a part day that opens as usual but closes early is ``open until
    13:00 on Thu 24 Dec`` (one that opens late and closes as usual: ``open from ...``).
    """
    if day.source == "part":
        usual = calendar.week[day.date.weekday()] if calendar is not None else ()
        when = _date(day.date)
        if len(day.hours) == 1 and usual:
            start, end = span_text(day.hours[0]).split("-")
            if day.hours[0][0] == usual[0][0] and day.hours[0][1] != usual[-1][1]:
                return f"open until {end} on {when}"
            if day.hours[0][1] == usual[-1][1] and day.hours[0][0] != usual[0][0]:
                return f"open from {start} on {when}"
        hours = ", ".join(span_text(s) for s in day.hours) or "no hours"
        return f"open {hours} on {when}"
    why = {"public": f"public holiday in {day.place}", "feed": "from the holiday feed",
           "listed": "holiday"}[day.source]
    return f"closed {_date(day.date)} ({day.name}, {why})" if day.name else (
        f"closed {_date(day.date)} ({why})")


def describe_week(calendar: Calendar) -> list[str]:
    """The weekly hours in plain words, day spans and night shifts apart, runs of days joined.

    E.g. ``["Mon-Fri 06:00-14:00", "night shift Mon-Fri 22:00-06:00"]``.
    """
    lines: list[str] = []
    for night in (False, True):
        keys = [tuple(s for s in day if (s[1] > MINUTES_PER_DAY) == night)
                for day in calendar.week]
        for spans, days in _runs(keys):
            words = ", ".join(span_text(s) for s in spans)
            lines.append(f"{'night shift ' if night else ''}{days} {words}")
    return lines


def _runs(keys: list[tuple[Span, ...]]) -> list[tuple[tuple[Span, ...], str]]:
    """Consecutive weekdays with the same spans: ``(spans, "Mon-Fri")``, open ones only."""
    runs: list[tuple[tuple[Span, ...], str]] = []
    index = 0
    while index < 7:
        end = index
        while end + 1 < 7 and keys[end + 1] == keys[index]:
            end += 1
        if keys[index]:
            days = _DAYS[index] if end == index else f"{_DAYS[index]}-{_DAYS[end]}"
            runs.append((keys[index], days))
        index = end + 1
    return runs
