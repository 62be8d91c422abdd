"""Promises in plain words: durations, opening hours, moments and worked examples.

The single place that words a promise for people who are not programmers: the published
site, ``sla-lint due``, ``find`` and the lint messages all say "2 business days" or
"Mon-Thu 09:00-17:30 London time" through these functions, so they never disagree.
Pure: fed by the time engine and the model, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sla_lint.closures.names import ClosedDay, closed_days, describe_day, public_place
from sla_lint.timecalc import Calendar, Duration, NeverOpen, Unit, deadline
from sla_lint.timecalc.calendars import MINUTES_PER_DAY, is_utc

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MINUTE = 60_000_000
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR
_WEEK = 7 * _DAY
_ELAPSED_UNITS = ((_WEEK, "week"), (_DAY, "day"), (_HOUR, "hour"), (_MINUTE, "minute"))
# Worked examples: a request raised on the first weekday morning and one late on Friday,
# in a quiet week (no clock change anywhere) of the reference year.
EXAMPLE_ARRIVALS = ((0, 10, 0), (4, 16, 0))
_QUIET_WEEK = (2, 8)  # the first Monday on or after 8 February


def plural(count: Fraction | int, word: str) -> str:
    """``1 hour``, ``2 hours``, ``1.5 hours``: the count as written, the word agreeing."""
    number = _number(Fraction(count))
    return f"{number} {word}" if count == 1 else f"{number} {word}s"


def _number(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    text = f"{float(value):.6f}".rstrip("0")
    return text.rstrip(".")


def duration_words(duration: Duration) -> str:
    """Say a duration: ``2 business days``, ``1 business hour``, ``4 hours round the clock``."""
    if duration.unit is Unit.BUSINESS_DAYS:
        return plural(duration.days, "business day")
    if duration.unit is Unit.BUSINESS_HOURS:
        return plural(Fraction(duration.micros, _HOUR), "business hour")
    return f"{elapsed_words(duration.micros)} round the clock"


def elapsed_words(micros: int) -> str:
    """An elapsed length in its largest whole unit: ``2 days``, ``90 minutes``, ``1.5 hours``."""
    for size, word in _ELAPSED_UNITS:
        if micros >= size and micros % size == 0:
            return plural(micros // size, word)
    if micros >= _HOUR:
        return plural(Fraction(micros, _HOUR), "hour")
    return plural(Fraction(micros, _MINUTE), "minute")


def zone_words(timezone: str) -> str:
    """A time zone as people say it: ``London time``, ``New York time``, ``UTC``."""
    if is_utc(timezone):
        return "UTC"
    city = timezone.rsplit("/", 1)[-1].replace("_", " ")
    return f"{city} time"


def clock(minutes: int) -> str:
    """Minutes since midnight as ``HH:MM`` (1440 is ``24:00``)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def spans_words(spans: Sequence[tuple[int, int]]) -> str:
    """One day's spans: ``09:00-13:00 and 14:00-17:00``."""
    parts = [f"{clock(start)}-{clock(end)}" for start, end in spans]
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _day_groups(week: Sequence[tuple[tuple[int, int], ...]]) -> list[tuple[int, int]]:
    """Runs of consecutive open weekdays with the same hours, as (first, last) indexes."""
    groups: list[tuple[int, int]] = []
    for index, spans in enumerate(week):
        if not spans:
            continue
        if groups and groups[-1][1] == index - 1 and week[groups[-1][0]] == spans:
            groups[-1] = (groups[-1][0], index)
        else:
            groups.append((index, index))
    return groups


def week_words(week: Sequence[tuple[tuple[int, int], ...]]) -> str:
    """The weekly hours: ``Mon-Thu 09:00-17:30, Fri 09:00-17:00``; ``round the clock``.

    Spans that run past midnight are said apart, as ``night shift Mon-Fri 22:00-06:00``.
    """
    if all(spans == ((0, MINUTES_PER_DAY),) for spans in week):
        return "round the clock, every day"
    day = [tuple(s for s in spans if s[1] <= MINUTES_PER_DAY) for spans in week]
    night = [tuple(s for s in spans if s[1] > MINUTES_PER_DAY) for spans in week]
    parts = _groups_words(day, "") + _groups_words(night, "night shift ")
    return ", ".join(parts) if parts else "never open"


def _joined(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans that touch as one stretch: 06:00-14:00 and 14:00-22:00 are 06:00-22:00."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and joined[-1][1] == start:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _groups_words(week: Sequence[tuple[tuple[int, int], ...]], prefix: str) -> list[str]:
    parts = []
    for first, last in _day_groups(week):
        days = DAY_SHORT[first] if first == last else f"{DAY_SHORT[first]}-{DAY_SHORT[last]}"
        spans = week[first]
        hours = "all day" if spans == ((0, MINUTES_PER_DAY),) else spans_words(
            [(start, end % MINUTES_PER_DAY) for start, end in _joined(spans)])
        parts.append(f"{prefix}{days} {hours}")
    return parts


def dates_words(dates: Iterable[dt.date]) -> str:
    """Dates grouped by month and year: ``25 and 28 Dec 2026, 1 Jan 2027``."""
    by_month: dict[tuple[int, int], list[int]] = {}
    for day in sorted(set(dates)):
        by_month.setdefault((day.year, day.month), []).append(day.day)
    groups = []
    for (year, month), days in by_month.items():
        numbers = [str(d) for d in days]
        listed = numbers[0] if len(numbers) == 1 else (
            ", ".join(numbers[:-1]) + " and " + numbers[-1])
        groups.append((year, f"{listed} {MONTHS[month - 1]}"))
    years = sorted({year for year, _ in groups})
    return "; ".join(", ".join(text for y, text in groups if y == year) + f" {year}"
                     for year in years)


def opening_words(calendar: Calendar) -> str:
    """The weekly hours and the zone alone: ``Mon-Fri 08:30-17:00 New York time``."""
    return f"{week_words(calendar.week)} {zone_words(calendar.timezone)}"


def hours_words(calendar: Calendar) -> str:
    """A calendar's hours in plain words, with what closes it.

    ``Mon-Thu 09:00-17:30, Fri 09:00-17:00 London time; closed on public holidays in
    England and 25 and 28 Dec 2026; open until 13:00 on Fri 24 Dec 2027``.
    """
    text = opening_words(calendar)
    closed = []
    where = public_place(calendar)
    if where is not None:
        closed.append(f"on public holidays in {where}")
    if calendar.holidays:
        closed.append(dates_words(calendar.holidays))
    if closed:
        text += f"; closed {' and '.join(closed)}"
    for day, spans in calendar.part_days:
        if day not in calendar.holidays:
            text += f"; {describe_day(ClosedDay(day, 'part', hours=spans), calendar)} {day.year}"
    return text


class ClosureYear(NamedTuple):
    """One year's closed and part days of a calendar: a summary line and a line per day."""

    year: int
    summary: str
    days: tuple[str, ...]


def closure_years(calendar: Calendar, year: int,
                  feed: Mapping[dt.date, str] | None = None) -> tuple[ClosureYear, ...]:
    """The named closures of ``year`` and of every year the calendar lists a date in.

    Fixed years, never today's: the same calendar gives the same words on any day. Dates
    the calendar is closed on anyway (a public holiday on a Sunday) are left out.
    """
    years = {year} | {day.year for day in calendar.holidays}
    years |= {day.year for day, _ in calendar.part_days}
    found: dict[int, list[ClosedDay]] = {}
    for day in closed_days(calendar, min(years), max(years), feed):
        if calendar.week[day.date.weekday()] and (day.source != "public" or day.date.year == year):
            found.setdefault(day.date.year, []).append(day)
    return tuple(ClosureYear(number, _closure_summary(number, days),
                             tuple(describe_day(d, calendar) for d in days))
                 for number, days in sorted(found.items()))


def closures_between(calendar: Calendar, first: dt.date, last: dt.date) -> tuple[str, ...]:
    """The named closed and part days from ``first`` to ``last`` on days the calendar opens.

    ``("open until 13:00 on Fri 24 Dec", "closed Mon 27 Dec (Christmas Day (observed), ...)")``
    """
    return tuple(describe_day(day, calendar)
                 for day in closed_days(calendar, first.year, last.year)
                 if first <= day.date <= last and calendar.week[day.date.weekday()])


def _closure_summary(year: int, days: Sequence[ClosedDay]) -> str:
    """``Closed on 8 public holidays, 1 other day and open part of 1 day in 2027``."""
    public = sum(1 for day in days if day.source == "public")
    part = sum(1 for day in days if day.source == "part")
    other = len(days) - public - part
    closed = []
    if public:
        closed.append(plural(public, "public holiday"))
    if other:
        closed.append(plural(other, "other day" if public else "day"))
    parts = [f"closed on {' and '.join(closed)}"] if closed else []
    if part:
        parts.append(f"open part of {plural(part, 'day')}")
    return f"{', '.join(parts)} in {year}".capitalize()


def moment_words(moment: dt.datetime, timezone: str, *, year: bool = False) -> str:
    """A moment in a zone: ``Mon 28 Dec 10:00 London time`` (the year only when asked)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no time zone; give an aware datetime")
    local = moment.astimezone(ZoneInfo(timezone))
    date = f"{DAY_SHORT[local.weekday()]} {local.day} {MONTHS[local.month - 1]}"
    if year:
        date += f" {local.year}"
    return f"{date} {local:%H:%M} {zone_words(timezone)}"


def _relative(moment: dt.datetime, arrival: dt.datetime) -> str:
    """A deadline seen from its arrival (both local): ``16:30 the same day``, ``Monday 10:00``."""
    days = (moment.date() - arrival.date()).days
    if days == 0:
        return f"{moment:%H:%M} the same day"
    if days < 7:
        return f"{DAY_NAMES[moment.weekday()]} {moment:%H:%M}"
    return f"{DAY_SHORT[moment.weekday()]} {moment.day} {MONTHS[moment.month - 1]} {moment:%H:%M}"


class Example(NamedTuple):
    """A request raised at ``arrival`` and when each promise falls due (None: none made)."""

    arrival: dt.datetime
    response: dt.datetime | None
    resolution: dt.datetime | None


def example_week(year: int) -> dt.date:
    """The Monday of the quiet reference week of ``year`` (no clock change in any zone)."""
    start = dt.date(year, *_QUIET_WEEK)
    return start + dt.timedelta(days=(7 - start.weekday()) % 7)


def due_at(arrival: dt.datetime, duration: Duration | None,
           calendar: Calendar) -> dt.datetime | None:
    """When ``duration`` counted on ``calendar`` ends for ``arrival`` (None: no promise)."""
    if duration is None:
        return None
    try:
        return deadline(arrival, duration, calendar)
    except NeverOpen:
        return None


def worked_examples(response: Duration | None, resolution: Duration | None,
                    calendar: Calendar, year: int) -> tuple[Example, ...]:
    """Deadlines for the reference arrivals of ``year``, computed by the time engine."""
    zone = ZoneInfo(calendar.timezone)
    monday = example_week(year)
    examples = []
    for offset, hour, minute in EXAMPLE_ARRIVALS:
        day = monday + dt.timedelta(days=offset)
        arrival = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
        examples.append(Example(arrival, due_at(arrival, response, calendar),
                                due_at(arrival, resolution, calendar)))
    return tuple(examples)


def example_words(example: Example, timezone: str) -> str:
    """``raised Friday 16:00: first answer by Monday 10:00, resolved by Wednesday 16:00``."""
    zone = ZoneInfo(timezone)
    arrival = example.arrival.astimezone(zone)
    parts = []
    if example.response is not None:
        parts.append(f"first answer by {_relative(example.response.astimezone(zone), arrival)}")
    if example.resolution is not None:
        parts.append(f"resolved by {_relative(example.resolution.astimezone(zone), arrival)}")
    said = ", ".join(parts) if parts else "no promise"
    return f"raised {DAY_NAMES[arrival.weekday()]} {arrival:%H:%M}: {said}"


def promise_words(response: Duration | None, resolution: Duration | None,
                  update: Duration | None = None) -> str:
    """``first answer within 1 business hour, resolved within 2 business days``."""
    parts = []
    if response is not None:
        parts.append(f"first answer within {duration_words(response)}")
    if resolution is not None:
        parts.append(f"resolved within {duration_words(resolution)}")
    if update is not None:
        parts.append(f"news at least every {duration_words(update)} while open")
    return ", ".join(parts) if parts else "no promise made"
