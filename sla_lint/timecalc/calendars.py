"""Business calendars: clock spans, time zones, the :class:`Calendar` value and its wording.

A calendar is open at an instant when the instant's local date (in the calendar's time zone)
is not a holiday and the local wall-clock time lies in one of that weekday's spans
``[start, end)``. This rule is applied instant by instant, so around daylight-saving changes
a span is open for as long as the wall clock actually shows a time inside it: a span that
falls in a spring-forward gap is shorter (or empty), a span in an autumn fold is open during
both passes of the repeated hour. A working day (for ``bd``) is a local date that is not a
holiday and has some open time: a date whose only span falls in a gap is not one.

A span whose end is before its start (``22:00-06:00``) runs past midnight into the next
date and belongs to the date it starts on: stored as ``(1320, 1800)``, minutes from the
start date's midnight. A holiday closes the spans that start on it; a part day
(``{date, hours}``) replaces that date's hours; ``public_holidays`` closes every public
holiday of a country (or subdivision) from the ``holidays`` package. Where a span running
past midnight meets the next date's own spans, the time both cover belongs to the next
date (rule SLA418 reports the overlap).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

MINUTES_PER_DAY = 1440
_SPAN = re.compile(r"\s*([0-9]{1,2}):([0-9]{2})\s*-\s*([0-9]{1,2}):([0-9]{2})\s*")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Zulu", "Zulu", "Universal"})

Span = tuple[int, int]


class SpanError(ValueError):
    """A clock span such as ``09:00-17:30`` that is malformed or impossible."""


def _minutes(text: str, hours: str, minutes: str, *, end: bool) -> int:
    """Read one ``HH:MM``; ``24:00`` is allowed only as the end of a span."""
    h, m = int(hours), int(minutes)
    if h == 24 and m == 0:
        if end:
            return MINUTES_PER_DAY
        raise SpanError(f"{text!r}: 24:00 can only end a span; start the day at 00:00")
    if h > 23 or m > 59:
        raise SpanError(
            f"{text!r}: {hours}:{minutes} is not a time of day "
            "(hours 00-23, minutes 00-59; 24:00 only as the end of a span)"
        )
    return h * 60 + m


def parse_clock_span(text: str) -> tuple[int, int]:
    """Parse ``"09:00-17:30"`` into minutes since local midnight, ``(540, 1050)``.

    ``24:00`` is accepted as an end only. Raises :class:`SpanError` for malformed text,
    impossible times and spans that end before they start.
    """
    match = _SPAN.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise SpanError(f"{text!r} is not a time span; write it as HH:MM-HH:MM, e.g. 09:00-17:30")
    start = _minutes(text, match[1], match[2], end=False)
    end = _minutes(text, match[3], match[4], end=True)
    if end == start:
        raise SpanError(
            f"{text!r} starts and ends at the same time; for a whole day write 00:00-24:00"
        )
    if end < start:  # a night shift: it ends on the next date
        end += MINUTES_PER_DAY
    return start, end


def find_overlaps(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return index pairs ``(i, j)``, ``i < j``, of spans that overlap, sorted.

    Every span that overlaps a span starting before it (or at the same time, earlier in the
    list) is paired with one of those: the one reaching furthest. So each span is in at
    most one pair as the later-starting one, and a day of thousands of identical spans
    gives thousands of pairs, not millions. Spans are half-open, so adjacent spans such as
    06:00-14:00 and 14:00-22:00 do not overlap.
    """
    pairs = []
    reach: int | None = None  # the index of the span reaching furthest so far
    for j in sorted(range(len(spans)), key=lambda k: (spans[k][0], k)):
        if reach is not None and spans[j][0] < spans[reach][1]:
            pairs.append((min(reach, j), max(reach, j)))
        if reach is None or spans[j][1] > spans[reach][1]:
            reach = j
    return sorted(pairs)


@lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    """Return the IANA time-zone names available through :mod:`zoneinfo`."""
    return frozenset(available_timezones())


def zone_exists(name: str) -> bool:
    """Tell whether ``name`` is an IANA time zone that :mod:`zoneinfo` can load."""
    if not isinstance(name, str) or not name or name != name.strip():
        return False
    return _loadable(name)


@lru_cache(maxsize=1024)
def _loadable(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def is_utc(name: str) -> bool:
    """Tell whether a zone name is plain UTC (no offset, ever)."""
    return name in _UTC_NAMES


@dataclass(frozen=True)
class PublicHolidays:
    """Where a calendar takes its public holidays from: a country, maybe a subdivision.

    Codes as the ``holidays`` package knows them (``GB``, ``ENG``); checked by the rules
    before a :class:`Calendar` is built.
    """

    country: str
    subdivision: str | None = None


PartDay = tuple[dt.date, tuple[Span, ...]]


@dataclass(frozen=True)
class Calendar:
    """Working hours in one time zone.

    ``week`` has 7 entries, Monday to Sunday, each a tuple of sorted, non-overlapping
    ``(start, end)`` minute spans of local wall time (``end`` may be 1440, i.e. 24:00, and
    up to ``start + 1440`` for a span that runs past midnight). ``holidays`` are local
    dates closed all day; ``part_days`` dates open only the given spans; ``public`` names
    the public holidays that close the calendar too. Lists are accepted and stored as tuples.
    """

    name: str
    timezone: str
    week: tuple[tuple[tuple[int, int], ...], ...]
    holidays: frozenset[dt.date] = frozenset()
    part_days: tuple[PartDay, ...] = field(default=())
    public: PublicHolidays | None = None

    def __post_init__(self) -> None:
        """Normalise containers to hashable ones and check the shape of the week."""
        week = tuple(_as_spans(day) for day in self.week)
        object.__setattr__(self, "week", week)
        holidays = frozenset(_as_date(day) for day in self.holidays)
        object.__setattr__(self, "holidays", holidays)
        parts = tuple(sorted((_as_date(day), _as_spans(spans)) for day, spans in self.part_days))
        object.__setattr__(self, "part_days", parts)
        object.__setattr__(self, "_parts", dict(parts))  # not a field: no effect on ==
        if len(week) != 7:
            raise ValueError(f"calendar {self.name!r}: the week needs 7 days, got {len(week)}")
        for day in (*week, *(spans for _, spans in parts)):
            _check_day(self.name, day)
        if not zone_exists(self.timezone):
            raise ValueError(f"calendar {self.name!r}: unknown time zone {self.timezone!r}")

    def has_open_hours(self) -> bool:
        """Tell whether the calendar is open at some time in a normal week."""
        return any(self.week)

    @property
    def overnight(self) -> bool:
        """True when some span runs past midnight into the next date."""
        return any(end > MINUTES_PER_DAY for day in self.week for _, end in day) or any(
            end > MINUTES_PER_DAY for _, spans in self.part_days for _, end in spans)

    def closed_dates(self, first: dt.date, last: dt.date) -> frozenset[dt.date]:
        """The dates closed all day from ``first`` to ``last``: holidays and public ones."""
        if self.public is None:
            return self.holidays
        from sla_lint.closures.public import public_holidays  # only calendars that ask

        years = tuple(range(first.year, last.year + 1))
        found = public_holidays(self.public.country, self.public.subdivision, years)
        return self.holidays | frozenset(found)

    def spans_on(self, day: dt.date, closed: frozenset[dt.date]) -> tuple[Span, ...]:
        """The spans starting on ``day``: a part day's, none when closed, else the weekday's.

        A date listed both as a holiday and a part day is closed; a part day on a public
        holiday (in ``closed`` but not in ``holidays``) opens its own hours.
        """
        if day in self.holidays:
            return ()
        parts: dict[dt.date, tuple[Span, ...]] = self.__dict__["_parts"]
        if day in parts:
            return parts[day]
        return () if day in closed else self.week[day.weekday()]


def _as_spans(day: Sequence[tuple[int, int]]) -> tuple[Span, ...]:
    return tuple((int(s), int(e)) for s, e in day)


def _as_date(day: dt.date) -> dt.date:
    """Holidays are dates: a datetime given by mistake counts for its date."""
    return day.date() if isinstance(day, dt.datetime) else day


def _check_day(name: str, day: tuple[Span, ...]) -> None:
    previous_end = 0
    for start, end in day:
        if not 0 <= start < min(end, MINUTES_PER_DAY) or end > start + MINUTES_PER_DAY or (
                start < previous_end):
            raise ValueError(
                f"calendar {name!r}: spans must be sorted, non-overlapping minute spans "
                f"starting within 0..1440 and at most a day long, got {day!r}"
            )
        previous_end = end


ALWAYS_OPEN = Calendar("24x7", "UTC", tuple(((0, MINUTES_PER_DAY),) for _ in range(7)))


def _clock(local: dt.datetime) -> str:
    """``HH:MM``, or ``HH:MM:SS`` when the moment is not on a whole minute."""
    if local.second or local.microsecond:
        return f"{local:%H:%M:%S}"
    return f"{local:%H:%M}"


def describe_local(moment: dt.datetime, calendar: Calendar) -> str:
    """Word an aware moment in the calendar's local time, for messages.

    E.g. ``"Fri 27 Nov 2026 14:00 GMT (Europe/London)"``; UTC calendars give
    ``"Fri 27 Nov 2026 14:00 UTC"``. Seconds are shown only when not zero. ``moment`` must
    be aware (a naive one would depend on the machine's time zone).
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no time zone; give an aware datetime")
    local = moment.astimezone(ZoneInfo(calendar.timezone))
    when = (
        f"{_WEEKDAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} {local.year} "
        f"{_clock(local)}"
    )
    if is_utc(calendar.timezone):
        return f"{when} UTC"
    return f"{when} {local.tzname()} ({calendar.timezone})"
