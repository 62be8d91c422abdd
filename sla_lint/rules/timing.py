"""Shared time facts for the 4xx rules: parsed durations, built calendars, comparisons.

Built once per lint run from the catalogue and kept in ``Context.memo``; the time engine
itself (``sla_lint.timecalc``) memoises each comparison, so equal promises cost one
computation however many services make them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from sla_lint.context import Context
from sla_lint.diagnostics import Location
from sla_lint.model import BUILTIN_CALENDAR, CalendarDef, Catalogue, Service, Text
from sla_lint.timecalc import (
    ALWAYS_OPEN,
    Calendar,
    Comparison,
    Duration,
    DurationError,
    NeverOpen,
    SpanError,
    Unit,
    compare,
    describe_local,
    find_overlaps,
    horizon_years,
    parse_clock_span,
    parse_duration,
    zone_exists,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class CalendarIssue:
    """One problem of a calendar definition, for the rule that reports its kind."""

    kind: str  # "zone", "span", "overlap", "closed", "holiday"
    message: str
    loc: Location


@dataclass(frozen=True)
class Promise:
    """A duration as written, parsed, on the calendar it is counted on."""

    text: Text
    duration: Duration
    calendar: Calendar
    calendar_name: str


def check_calendar(cal: CalendarDef) -> tuple[list[CalendarIssue], Calendar | None]:
    """Validate a calendar definition; build it when it has no problem."""
    issues: list[CalendarIssue] = []
    if not zone_exists(cal.timezone.value):
        issues.append(CalendarIssue("zone", cal.timezone.value, cal.timezone.loc))
    week = [_day_spans(cal, day, issues) for day in WEEKDAYS]
    holidays = [_holiday(text, issues) for text in cal.holidays]
    if not issues and not any(week):
        issues.append(CalendarIssue("closed", "no working hours on any day", cal.name.loc))
    if issues:
        return issues, None
    built = Calendar(cal.name.value, cal.timezone.value, tuple(week),
                     frozenset(h for h in holidays if h is not None))
    return issues, built


def _day_spans(cal: CalendarDef, day: str, issues: list[CalendarIssue]) -> tuple[
        tuple[int, int], ...]:
    texts = next((d.spans for d in cal.days if d.day.value == day), ())
    spans: list[tuple[int, int]] = []
    parsed: list[Text] = []
    for text in texts:
        try:
            spans.append(parse_clock_span(text.value))
            parsed.append(text)
        except SpanError as exc:
            issues.append(CalendarIssue("span", str(exc), text.loc))
    for i, j in find_overlaps(spans):
        issues.append(CalendarIssue(
            "overlap", f"{day}: {parsed[j].value!r} overlaps {parsed[i].value!r}",
            parsed[j].loc))
    return tuple(sorted(spans))


def _holiday(text: Text, issues: list[CalendarIssue]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.value.strip())
    except ValueError:
        issues.append(CalendarIssue(
            "holiday", f"holiday {text.value!r} is not a date; write it as YYYY-MM-DD, "
            "e.g. 2026-12-25", text.loc))
        return None


class TimeModel:
    """Durations and calendars of one catalogue, ready for comparisons."""

    def __init__(self, catalogue: Catalogue, this_year: int) -> None:
        self.catalogue = catalogue
        self.this_year = this_year
        self._durations: dict[str, Duration | None] = {}

    @cached_property
    def calendar_checks(self) -> dict[str, tuple[list[CalendarIssue], Calendar | None]]:
        """Each defined calendar's problems and, when it has none, the built calendar."""
        return {c.name.value: check_calendar(c) for c in self.catalogue.calendars}

    def calendar(self, name: str) -> Calendar | None:
        """The built calendar named ``name``, or None when unknown or invalid."""
        if name == BUILTIN_CALENDAR and name not in self.calendar_checks:
            return ALWAYS_OPEN
        checked = self.calendar_checks.get(name)
        return checked[1] if checked else None

    def duration(self, text: str) -> Duration | None:
        """The parsed duration, or None when it does not parse (SLA406 reports it)."""
        if text not in self._durations:
            try:
                self._durations[text] = parse_duration(text)
            except DurationError:
                self._durations[text] = None
        return self._durations[text]

    def promise(self, text: Text | None, calendar_name: str) -> Promise | None:
        """``text`` counted on the named calendar, when both are usable."""
        if text is None:
            return None
        duration = self.duration(text.value)
        calendar = self.calendar(calendar_name)
        if duration is None or calendar is None:
            return None
        return Promise(text, duration, calendar, calendar_name)

    def service_promise(self, service: Service, text: Text | None) -> Promise | None:
        """``text`` counted on the service's calendar."""
        return self.promise(text, self.catalogue.calendar_of(service))

    def years(self, *calendars: Calendar) -> tuple[int, ...]:
        """The arrival years for comparing promises on these calendars (FORMAT.md)."""
        policy = self.catalogue.policy
        horizon = [int(n.value) for n in policy.horizon] if policy else []
        holiday_years = {d.year for c in calendars for d in c.holidays}
        return horizon_years(holiday_years, horizon, self.this_year)

    def slower(self, first: Promise, second: Promise) -> Comparison | None:
        """The comparison when ``first`` is later than ``second`` at some arrival, else None."""
        if obviously_no_later(first, second):
            return None
        cmp = self.compare(first, second)
        return cmp if cmp is not None and not cmp.holds else None

    def compare(self, first: Promise, second: Promise) -> Comparison | None:
        """Is ``first`` never later than ``second``? None when a calendar never opens."""
        years = self.years(first.calendar, second.calendar)
        try:
            return compare((first.duration, first.calendar),
                           (second.duration, second.calendar), years)
        except NeverOpen:
            return None


def moment_text(moment: dt.datetime, calendar: Calendar, arrival: bool = False) -> str:
    """A moment in the calendar's local time, to the minute.

    The worst arrival is often the limit just after an event (an opening, a closing);
    such an arrival reads "just after 09:00" rather than "09:00:00".
    """
    whole = moment.replace(second=0, microsecond=0)
    text = describe_local(whole, calendar)
    return f"just after {text}" if arrival and whole != moment else text


def obviously_no_later(first: Promise, second: Promise) -> bool:
    """True when ``first`` is never later than ``second`` without scanning the horizon.

    Sound shortcuts only: elapsed time runs at least as fast as any business clock, and on
    one calendar a longer duration of the same unit never ends sooner.
    """
    a, b = first.duration, second.duration
    if a.unit is Unit.ELAPSED and b.unit in (Unit.ELAPSED, Unit.BUSINESS_HOURS):
        return a.micros <= b.micros
    if a.unit is not b.unit or first.calendar != second.calendar:
        return False
    if a.unit is Unit.BUSINESS_HOURS:
        return a.micros <= b.micros
    whole = a.days.denominator == 1 and b.days.denominator == 1
    return whole and a.days <= b.days


def time_model(ctx: Context) -> TimeModel:
    """The run's time model, built on first use."""
    model = ctx.memo.get("time")
    if not isinstance(model, TimeModel):
        model = ctx.memo["time"] = TimeModel(ctx.catalogue, ctx.this_year)
    return model


def duration_texts(catalogue: Catalogue) -> Iterator[Text]:
    """Every duration written in the catalogue: targets, limits, escalation steps."""
    for service in catalogue.services():
        for target in service.targets:
            yield from (t for t in (target.response, target.resolution, target.update) if t)
    for dept in catalogue.departments:
        yield from (step.after for step in dept.escalation)
    for policy in catalogue.policies:
        for limit in policy.limits:
            yield from (t for t in (limit.response, limit.resolution, limit.update) if t)
