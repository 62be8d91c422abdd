"""Family 4xx, calendars: time zones, working spans, holidays."""

from __future__ import annotations

from collections.abc import Iterator

from sla_lint.context import Context
from sla_lint.diagnostics import Finding, Severity
from sla_lint.registry import rule
from sla_lint.rules.timing import time_model
from sla_lint.timecalc import zone_exists
from sla_lint.timecalc.zones import ZoneSpeller, advice


def _issues(ctx: Context, kind: str) -> Iterator[Finding]:
    for issues, _ in time_model(ctx).calendar_checks.values():
        for issue in issues:
            if issue.kind == kind:
                yield Finding(issue.message, issue.loc)


@rule("SLA411", "unknown-timezone")
def unknown_timezone(ctx: Context) -> Iterator[Finding]:
    """A calendar names a time zone that is not in the IANA time-zone database.

    Why: business hours are local times; without a real zone they cannot be placed in
    absolute time, so no promise on the calendar can be compared with another team's.
    Use a name such as ``Europe/London``, not an abbreviation such as ``PST`` or ``CEST``
    (answered with the zones they stand for) or an offset such as ``GMT+1`` or
    ``UTC+02:00`` (answered with cities on that offset, sign and all). A misspelling is
    answered with the nearest place-based zone, never an old alias such as
    ``Asia/Calcutta``; a city alone (``London``) with its zone. Abbreviations the
    database does know (``EST``, ``GMT``) are SLA420 warnings.

    Bad:
        timezone: London

    Good:
        timezone: Europe/London
    """
    speller: ZoneSpeller | None = None
    for finding in _issues(ctx, "zone"):
        name = finding.message
        speller = speller or ZoneSpeller()
        known, near = advice(name), speller.nearest(name)
        hint = (f": {known.why}; {known.use()}" if known is not None else
                f"; did you mean {near!r}?" if near is not None else
                "; use an IANA name such as Europe/London")
        yield Finding(f"unknown time zone {name!r}{hint}", finding.location)


@rule("SLA412", "invalid-hours")
def invalid_hours(ctx: Context) -> Iterator[Finding]:
    """A working span is malformed, out of range, or starts and ends at the same time.

    Why: the span decides when the clock of every business-hours promise runs. Spans are
    ``HH:MM-HH:MM`` in local time, from 00:00 up to 24:00. A span that ends before it
    starts is a night shift: ``22:00-06:00`` runs past midnight and belongs to the day it
    starts on.

    Bad:
        hours:
          mon: ["9-17:30", "22:00-22:00"]

    Good:
        hours:
          mon: ["09:00-17:30", "22:00-06:00"]
    """
    yield from _issues(ctx, "span")


@rule("SLA413", "overlapping-hours")
def overlapping_hours(ctx: Context) -> Iterator[Finding]:
    """Two working spans of the same day overlap.

    Why: overlapping spans are almost always a typo (``13:00`` for ``14:00``) and make it
    unclear when the team is really open. Adjacent spans (``06:00-14:00`` and
    ``14:00-22:00``) are fine.

    Bad:
        fri: ["09:00-14:00", "13:00-17:00"]

    Good:
        fri: ["09:00-13:00", "14:00-17:00"]
    """
    yield from _issues(ctx, "overlap")


@rule("SLA414", "never-open")
def never_open(ctx: Context) -> Iterator[Finding]:
    """A calendar has no working hour in the whole week.

    Why: a business-hours or business-days promise on it could never be met; requests
    would wait forever. Give at least one day working spans, or use ``24x7``.

    Bad:
        hours: {}

    Good:
        hours:
          mon: ["09:00-17:00"]
    """
    for finding in _issues(ctx, "closed"):
        yield Finding(f"this calendar has {finding.message}; add working spans to at"
                      " least one weekday, or use the built-in 24x7", finding.location)


@rule("SLA415", "invalid-holiday")
def invalid_holiday(ctx: Context) -> Iterator[Finding]:
    """A holiday is not a real date written as YYYY-MM-DD.

    Why: holidays close the calendar for the day; one that is not a date is silently
    ignored by people and tools alike. Every year a holiday names is checked, so the
    year must lie between 1970 and 2200, as the policy's ``horizon`` does.

    Bad:
        holidays: [Christmas, 2026-02-30]

    Good:
        holidays: [2026-12-25]
    """
    yield from _issues(ctx, "holiday")


@rule("SLA420", "fixed-offset-timezone", Severity.WARNING)
def fixed_offset_timezone(ctx: Context) -> Iterator[Finding]:
    """A calendar's time zone is an abbreviation or a fixed offset, not a place.

    Why: ``EST`` is UTC-5 all year and ``Etc/GMT+1`` is UTC-1 (its sign is inverted), so
    a team whose clocks move in summer would have its business hours counted an hour
    off for half the year, silently. ``CET`` or ``EST5EDT`` follow one country's
    daylight-saving dates, which may not be the team's. The zone of the team's city
    carries the right rules; the message names it.

    Bad:
        timezone: EST

    Good:
        timezone: America/New_York
    """
    for cal in ctx.catalogue.calendars:
        name = cal.timezone.value
        found = advice(name) if zone_exists(name) else None
        if found is not None:
            yield Finding(f"time zone {found.why}, so this calendar's hours may sit an hour"
                          f" off the team's own clock for part of the year; {found.use()}",
                          cal.timezone.loc)
