"""``sla-lint due``: when each promise of a service falls due for a request raised at a moment.

Counted by the time engine exactly as the linter counts; worded by :mod:`sla_lint.wording`.
No I/O and no click: the command line prints what these functions return.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sla_lint.model import BUILTIN_CALENDAR, Catalogue, Service
from sla_lint.timecalc import ALWAYS_OPEN, Calendar, Duration, DurationError, parse_duration
from sla_lint.wording import (
    closures_between,
    due_at,
    duration_words,
    hours_words,
    moment_words,
)

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?"
                  r"(Z|[+-][0-9]{2}:?[0-9]{2})", re.IGNORECASE)
_SHOWN = 12  # how many known names an error lists


class DueError(ValueError):
    """The question cannot be answered as asked; the message says what is known."""


class Measure(NamedTuple):
    """One promise (response or resolution): as written, in words, and when it falls due."""

    name: str
    written: str
    words: str
    due: dt.datetime | None


class DueAnswer(NamedTuple):
    """When a request raised with ``service`` at ``arrival`` with ``priority`` falls due."""

    service: str
    title: str
    priority: str
    meaning: str | None
    arrival: dt.datetime
    calendar: str
    timezone: str
    response: Measure | None
    resolution: Measure | None
    hours: str = ""
    closures: tuple[str, ...] = ()


def built_calendars(catalogue: Catalogue) -> dict[str, Calendar]:
    """Every usable calendar of the catalogue by name, the built-in 24x7 included."""
    from sla_lint.rules.timing import check_calendar

    built = {BUILTIN_CALENDAR: ALWAYS_OPEN}
    for definition in catalogue.calendars:
        calendar = check_calendar(definition)[1]
        if calendar is not None:
            built.setdefault(definition.name.value, calendar)
    return built


def read_time(text: str) -> dt.datetime:
    """An ISO 8601 moment with its UTC offset or ``Z``; :class:`DueError` otherwise."""
    stripped = text.strip()
    if not _ISO.fullmatch(stripped):
        raise DueError(f"cannot read the time {text!r}: write it as ISO 8601 with its UTC "
                       "offset, e.g. 2026-12-24T16:00:00+00:00 or 2026-12-24T16:00Z")
    try:
        return dt.datetime.fromisoformat(stripped.upper().replace("Z", "+00:00"))
    except ValueError as exc:
        raise DueError(f"cannot read the time {text!r}: {exc}") from None


def _known(names: list[str]) -> str:
    shown = ", ".join(names[:_SHOWN])
    return shown + (f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else "")


def find_service(catalogue: Catalogue, ref: str) -> Service:
    """The service ``department/service``; :class:`DueError` naming what exists otherwise."""
    service = catalogue.service_index.get(ref)
    if service is not None:
        return service
    dept, _, _ = ref.partition("/")
    near = [s for s in catalogue.service_index if s.startswith(f"{dept}/")]
    known = near or sorted(catalogue.service_index)
    where = f"department {dept!r} has" if near else "known services are"
    if not known:
        raise DueError(f"no service {ref!r}: the files read declare no service")
    raise DueError(f"no service {ref!r}; {where}: {_known(sorted(known))}")


def _measure(name: str, text: str | None, arrival: dt.datetime,
             calendar: Calendar) -> Measure | None:
    if text is None:
        return None
    try:
        duration: Duration = parse_duration(text)
    except DurationError as exc:
        raise DueError(f"the {name} target {text!r} cannot be read: {exc}") from None
    return Measure(name, text, duration_words(duration), due_at(arrival, duration, calendar))


def due(catalogue: Catalogue, ref: str, priority: str, arrival: dt.datetime) -> DueAnswer:
    """Answer ``sla-lint due`` for an aware ``arrival``."""
    service = find_service(catalogue, ref)
    target = service.target(priority)
    if target is None:
        given = ", ".join(t.priority.value for t in service.targets) or "none"
        raise DueError(f"{ref} makes no promise for priority {priority!r}; its priorities: "
                       f"{given} (the ladder: {', '.join(catalogue.ladder)})")
    name = catalogue.calendar_of(service)
    calendar = built_calendars(catalogue).get(name)
    if calendar is None:
        raise DueError(f"{ref} works to calendar {name!r}, which is missing or has problems"
                       " (`sla-lint check` lists them)")
    policy = catalogue.policy
    response = _measure("response", target.response.value if target.response else None,
                        arrival, calendar)
    resolution = _measure("resolution",
                          target.resolution.value if target.resolution else None,
                          arrival, calendar)
    return DueAnswer(
        ref, service.title, priority, policy.description(priority) if policy else None,
        arrival, name, calendar.timezone, response, resolution, hours_words(calendar),
        _closures(calendar, arrival, (response, resolution)))


def _closures(calendar: Calendar, arrival: dt.datetime,
              measures: tuple[Measure | None, ...]) -> tuple[str, ...]:
    """The closed and part days between the arrival and the last deadline, local dates."""
    zone = ZoneInfo(calendar.timezone)
    ends = [m.due.astimezone(zone).date() for m in measures if m is not None and m.due]
    if not ends:
        return ()
    return closures_between(calendar, arrival.astimezone(zone).date(), max(ends))


def _iso(moment: dt.datetime | None, timezone: str) -> str | None:
    if moment is None:
        return None
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(timezone)).isoformat()


def due_json(answer: DueAnswer) -> str:
    """The binding JSON object (FORMAT.md, "When is it due"), plus the targets as written."""
    data = {
        "service": answer.service, "priority": answer.priority,
        "arrival": answer.arrival.isoformat(), "calendar": answer.calendar,
        "timezone": answer.timezone,
        "response": _iso(answer.response.due if answer.response else None, answer.timezone),
        "resolution": _iso(answer.resolution.due if answer.resolution else None,
                           answer.timezone),
        "targets": {m.name: m.written for m in (answer.response, answer.resolution) if m},
    }
    return json.dumps(data, indent=2) + "\n"


def due_text(answer: DueAnswer) -> str:
    """The answer in the plain words of the published site."""
    zone = answer.timezone
    lines = [f"{answer.title} ({answer.service}), {answer.priority}"
             + (f": {answer.meaning}" if answer.meaning else ""),
             f"raised {moment_words(answer.arrival, zone, year=True)}"
             f" (calendar {answer.calendar})"]
    labels = {"response": "first answer", "resolution": "resolved"}
    for measure in (answer.response, answer.resolution):
        if measure is None:
            continue
        when = ("never: the calendar never opens" if measure.due is None
                else moment_words(measure.due, zone, year=True))
        lines.append(f"  {labels[measure.name]} by {when}   (within {measure.words})")
    if answer.response is None and answer.resolution is None:
        lines.append("  no response or resolution promise is made for this priority")
    if answer.hours:
        lines.append(f"counted on {answer.hours}")
    if answer.closures:
        lines.append("closed or short days on the way:")
        lines.extend(f"  {closure}" for closure in answer.closures)
    return "\n".join(lines) + "\n"
