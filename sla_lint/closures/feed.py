"""Holidays from an iCalendar (``.ics``) feed in the repo, read with the ``icalendar`` library.

Many HR systems export the company's closing days as an iCalendar file. A calendar's
``holiday_feed`` names one, relative to the calendar's own file; every all-day event in
it closes its dates (``DTSTART`` up to, not including, ``DTEND``; one day without
``DTEND``). The library is imported only when a calendar names a feed. A feed that cannot
be used is reported at its line: a line that is not ``NAME:value``, unbalanced
``BEGIN``/``END``, an event without a readable date, a timed or repeating event (this
reader takes dates, not hours or rules: export the dates).
"""

from __future__ import annotations

import datetime as dt
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

MAX_BYTES = 5_000_000
FIRST_YEAR, LAST_YEAR = 1970, 2200
_LINE = re.compile(r"[A-Za-z0-9-]+(;[^:]*)?:")


@dataclass(frozen=True)
class FeedProblem:
    """A reason the feed, or one of its events, cannot be used: 1-based line, message.

    Line 0: the file itself cannot be read (reported where the calendar names it).
    """

    line: int
    message: str


@dataclass(frozen=True)
class Feed:
    """What a feed closes: date -> event summary, and its problems."""

    days: tuple[tuple[dt.date, str], ...]
    problems: tuple[FeedProblem, ...]


def feed_path(calendar_path: str, written: str) -> Path:
    """The feed's file: ``written`` relative to the folder of the calendar's file."""
    return Path(calendar_path).parent / written


def refusal(written: str) -> str | None:
    """Why a ``holiday_feed`` value is not read at all, or None when it may be.

    Only ``.ics`` files named relative to the calendar's file: never an absolute path,
    so a policy repo cannot make the linter read (and quote) files from elsewhere.
    """
    if PurePosixPath(written).is_absolute() or PureWindowsPath(written).is_absolute() or (
            PureWindowsPath(written).drive):
        return (f"holiday_feed {written!r} is an absolute path; name the .ics file relative "
                "to this calendar's file")
    if not written.lower().endswith(".ics"):
        return f"holiday_feed {written!r} is not an iCalendar file; name a file ending in .ics"
    return None


def read_feed(path: Path) -> Feed:
    """Read a feed file; problems instead of exceptions for anything wrong with it."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return _fail(0, f"the feed {path.as_posix()} is not a regular file")
        if path.stat().st_size > MAX_BYTES:
            return _fail(0, f"the feed {path.as_posix()} is larger than "
                            f"{MAX_BYTES // 1_000_000} MB")
        data = path.read_bytes()
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "no such file"
        return _fail(0, f"cannot read the feed {path.as_posix()!r}: {why}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _fail(data[: exc.start].count(b"\n") + 1, "the feed is not UTF-8 text")
    return parse_feed(text)


def _fail(line: int, message: str) -> Feed:
    return Feed((), (FeedProblem(line, message),))


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfold the content lines (a line starting with a space continues the one before)."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    return lines


Lines = dict[str, int]  # property name (and BEGIN) -> line, of one event


def _structure(lines: list[tuple[int, str]]) -> tuple[list[Lines], FeedProblem | None]:
    """The lines of each event's properties, or the first structural problem."""
    stack: list[tuple[int, str]] = []
    events: list[Lines] = []
    for number, line in lines:
        if not _LINE.match(line):
            return events, FeedProblem(number, "this line is not an iCalendar line "
                                               "(NAME:value, e.g. DTSTART;VALUE=DATE:20271224)")
        name, _, value = line.partition(":")
        name = name.split(";")[0].upper()
        if name == "BEGIN":
            stack.append((number, value.strip().upper()))
            if value.strip().upper() == "VEVENT":
                events.append({"BEGIN": number})
        elif name == "END":
            if not stack or stack[-1][1] != value.strip().upper():
                opened = (f"BEGIN:{stack[-1][1]} of line {stack[-1][0]}" if stack
                          else "anything")
                return events, FeedProblem(number, f"END:{value.strip()} does not close "
                                           f"{opened}")
            stack.pop()
        elif stack and stack[-1][1] == "VEVENT":
            events[-1].setdefault(name, number)
    if stack:
        return events, FeedProblem(stack[-1][0], f"BEGIN:{stack[-1][1]} of line "
                                                 f"{stack[-1][0]} is never closed")
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        return events, FeedProblem(lines[0][0] if lines else 1,
                                   "an iCalendar feed starts with BEGIN:VCALENDAR")
    return events, None


def parse_feed(text: str) -> Feed:
    """Read the all-day events of an iCalendar text."""
    lines = _logical_lines(text)
    starts, problem = _structure(lines)
    if problem is not None:
        return Feed((), (problem,))
    import icalendar  # only when a calendar names a feed

    try:
        parsed = icalendar.Calendar.from_ical(text)
    except ValueError as exc:
        return _fail(1, f"the feed cannot be read: {str(exc).splitlines()[0][:120]}")
    days: dict[dt.date, str] = {}
    problems: list[FeedProblem] = []
    for where, event in zip(starts, parsed.walk("VEVENT"), strict=False):
        found = _event_days(event)
        if isinstance(found, tuple):
            prop, message = found
            problems.append(FeedProblem(where.get(prop, where["BEGIN"]), message))
            continue
        for day, name in found:
            days[day] = f"{days[day]}; {name}" if day in days and days[day] != name else name
    return Feed(tuple(sorted(days.items())), tuple(problems))


def _event_days(event: Any) -> list[tuple[dt.date, str]] | tuple[str, str]:
    """The dates an all-day event closes, or the property at fault and why."""
    get = event.get
    summary = str(get("SUMMARY") or "holiday")
    if getattr(event, "errors", None):
        prop, why = event.errors[0]
        return str(prop), f"event {summary!r}: {prop} cannot be read ({why})"
    if get("RRULE") is not None or get("RDATE") is not None:
        return "RRULE", f"event {summary!r} repeats (RRULE); export its dates one by one"
    start = get("DTSTART")
    start = getattr(start, "dt", None)
    if not isinstance(start, dt.date):
        return "DTSTART", f"event {summary!r} has no start date (DTSTART)"
    if isinstance(start, dt.datetime):
        return "DTSTART", (f"event {summary!r} starts at a time of day; only all-day events "
                "(DTSTART;VALUE=DATE:YYYYMMDD) are read as holidays")
    end = getattr(get("DTEND"), "dt", None)
    if end is None:
        length = getattr(get("DURATION"), "dt", None)
        end = start + (length if isinstance(length, dt.timedelta) else dt.timedelta(days=1))
    if isinstance(end, dt.datetime) or not isinstance(end, dt.date) or end <= start:
        return "DTEND", f"event {summary!r} ends before it starts or at a time of day"
    if not (start.year >= FIRST_YEAR and end.year <= LAST_YEAR) or (end - start).days > 366:
        return "DTSTART", (f"event {summary!r} lies outside the years sla-lint checks "
                           "or lasts over a year")
    return [(start + dt.timedelta(days=k), summary) for k in range((end - start).days)]
