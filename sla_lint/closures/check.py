"""Checks of a calendar's closed and part days that need the built calendar.

The problems here never stop a calendar from being built (the engine gives each of them
a meaning); the rules in :mod:`sla_lint.rules.holidays` report them:

* ``night-overlap``: a span running past midnight reaches into the next day's first span;
* ``part-day``: a part day that opens hours the weekday would not, or falls on a day that
  is closed anyway (a closed weekday, a public holiday, a whole-day holiday);
* ``redundant``: a date under ``holidays`` that ``public_holidays`` closes already.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from sla_lint.closures.public import (
    canonical_subdivision,
    country_name,
    public_holidays,
    subdivision_names,
    supported,
)
from sla_lint.diagnostics import Location
from sla_lint.model import CalendarDef, PublicHolidaysDef, Text
from sla_lint.timecalc.calendars import MINUTES_PER_DAY, Calendar, PublicHolidays, Span

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_LONG_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Issue(NamedTuple):
    """One advisory problem: its kind, the message and where it was written."""

    kind: str
    message: str
    loc: Location


def clock(minutes: int) -> str:
    """``HH:MM`` of minutes since a midnight, wrapped past the next midnight."""
    minutes %= MINUTES_PER_DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def span_text(span: Span) -> str:
    """``09:00-17:30``; a span past midnight as written (``22:00-06:00``)."""
    start, end = span
    return f"{clock(start)}-{'24:00' if end == MINUTES_PER_DAY else clock(end)}"


def place(source: PublicHolidays) -> str:
    """``England (GB-ENG)`` or ``United Kingdom (GB)``: where public holidays come from."""
    if source.subdivision is None:
        return f"{country_name(source.country) or source.country} ({source.country})"
    name = subdivision_names(source.country).get(source.subdivision) or source.subdivision
    return f"{name} ({source.country}-{source.subdivision})"


def advisories(cal: CalendarDef, built: Calendar, parts: dict[dt.date, Text]) -> list[Issue]:
    """The advisory problems of a built calendar; ``parts`` maps part days to their text."""
    return [*_night_overlaps(cal, built), *_part_days(built, parts),
            *_redundant(cal, built)]


def _spans_text(cal: CalendarDef, day: str) -> tuple[Text, ...]:
    return next((d.spans for d in cal.days if d.day.value == day), ())


def _night_overlaps(cal: CalendarDef, built: Calendar) -> Iterator[Issue]:
    for index, spans in enumerate(built.week):
        following = built.week[(index + 1) % 7]
        texts = _spans_text(cal, WEEKDAYS[index])
        if not following or not spans or spans[-1][1] <= MINUTES_PER_DAY:
            continue
        end = spans[-1][1] - MINUTES_PER_DAY
        if following[0][0] < end:
            night = next((t for t in texts if t.value.strip().startswith(clock(spans[-1][0]))),
                         texts[-1] if texts else None)
            where = night.loc if night is not None else cal.name.loc
            day, next_day = WEEKDAYS[index], WEEKDAYS[(index + 1) % 7]
            yield Issue("night-overlap", (
                f"{day}: the night shift {span_text(spans[-1])} runs until {clock(end)} on "
                f"{next_day}, past the start of {next_day}'s {span_text(following[0])}; end the"
                f" night shift at {clock(following[0][0])} or start {next_day} at {clock(end)}"),
                where)


def _would_open(built: Calendar, day: dt.date) -> tuple[str | None, tuple[Span, ...]]:
    """Why ``day`` is closed anyway (None when it is not), and the weekday's usual spans."""
    spans = built.week[day.weekday()]
    if day in built.holidays:
        return "it is also listed as a whole-day holiday", spans
    if built.public is not None:
        name = public_holidays(built.public.country, built.public.subdivision,
                               (day.year,)).get(day)
        if name is not None:
            return f"it is a public holiday ({name}) in {place(built.public)}", spans
    if not spans:
        return f"it is a {_LONG_DAYS[day.weekday()]}, when the calendar has no hours", spans
    return None, spans


def _inside(span: Span, spans: tuple[Span, ...]) -> bool:
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return any(lo <= span[0] and span[1] <= hi for lo, hi in merged)


def _part_days(built: Calendar, parts: dict[dt.date, Text]) -> Iterator[Issue]:
    for day, spans in built.part_days:
        text = parts.get(day)
        if text is None:
            continue
        closed, usual = _would_open(built, day)
        hours = ", ".join(span_text(s) for s in spans) or "no hours"
        if closed is not None:
            yield Issue("part-day", (
                f"the part day {day.isoformat()} opens {hours}, but {closed}: a part day "
                "only shortens a working day; remove it, or list the date as a whole-day "
                "holiday if the office stays shut"), text.loc)
            continue
        outside = [s for s in spans if not _inside(s, usual)]
        if outside:
            normal = ", ".join(span_text(s) for s in usual)
            yield Issue("part-day", (
                f"the part day {day.isoformat()} opens {span_text(outside[0])}, outside the "
                f"usual {_LONG_DAYS[day.weekday()]} hours {normal}: a part day only "
                f"shortens a day; write its hours within {normal}"), text.loc)


def _redundant(cal: CalendarDef, built: Calendar) -> Iterator[Issue]:
    source = built.public
    if source is None:
        return
    for text in cal.holidays:
        try:
            day = dt.date.fromisoformat(text.value.strip())
        except ValueError:
            continue
        name = public_holidays(source.country, source.subdivision, (day.year,)).get(day)
        if name is not None:
            yield Issue("redundant", (
                f"{day.isoformat()} is already closed by public_holidays ({name}, "
                f"{place(source)}); remove it from holidays"), text.loc)


def public_source(defn: PublicHolidaysDef) -> tuple[PublicHolidays | None, Issue | None]:
    """The public-holiday source a calendar names, or the problem with it.

    Codes are matched as written, then upper-cased (``gb`` is ``GB``); a subdivision may
    also be given by its English name (``England``).
    """
    from sla_lint.suggest import closest, did_you_mean

    known = supported()
    country = defn.country.value.strip()
    code = country if country in known else country.upper()
    if code not in known:
        names: dict[str, str] = {}
        for known_code in sorted(c for c in known if len(c) == 2):
            names.setdefault(country_name(known_code) or known_code, known_code)
        guess = closest(country, names)
        hint = (f"; did you mean {names[guess]!r} ({guess})?" if guess
                else did_you_mean(country, known))
        return None, Issue("country", (
            f"public_holidays: {country!r} is not a country the holidays package knows"
            f"{hint or '; use a two-letter country code such as GB, US or DE'}"),
            defn.country.loc)
    if defn.subdivision is None:
        return PublicHolidays(code), None
    written = defn.subdivision.value.strip()
    sub = canonical_subdivision(code, written) or canonical_subdivision(code, written.upper())
    if sub is not None:
        return PublicHolidays(code, sub), None
    subs = known[code]
    listed = ", ".join(subs) if subs else "none: leave subdivision out"
    hint = did_you_mean(written, [*subs, *subdivision_names(code).values()])
    return None, Issue("country", (
        f"public_holidays: {written!r} is not a subdivision of {code}"
        f" ({country_name(code) or code}){hint}; its subdivisions are: {listed}"),
        defn.subdivision.loc)
