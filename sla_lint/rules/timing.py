"""Shared time facts for the 4xx rules: parsed durations, built calendars, comparisons.

Built once per lint run from the catalogue and kept in ``Context.memo``; the time engine
itself (``sla_lint.timecalc``) memoises each comparison, so equal promises cost one
computation however many services make them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from sla_lint.context import Context
from sla_lint.diagnostics import Finding, Location
from sla_lint.model import BUILTIN_CALENDAR, CalendarDef, Catalogue, PartDayDef, Service, Text
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
from sla_lint.timecalc.bounds import (
    Bounds,
    day_totals,
    days_within_hours,
    delay_bounds,
    hours_within_days,
)
from sla_lint.timecalc.calendars import PublicHolidays
from sla_lint.timecalc.comparison import kept
from sla_lint.timecalc.dates import no_such_date

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_UNKNOWN: Any = object()
FIRST_YEAR, LAST_YEAR = 1970, 2200  # the years a holiday may name: the schema's horizon years
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class CalendarIssue:
    """One problem of a calendar definition, for the rule that reports its kind."""

    kind: str  # "zone", "span", "overlap", "closed", "holiday", "country", "feed";
    # advisory ones, found on a built calendar: "night-overlap", "part-day", "redundant"
    message: str
    loc: Location


class Promise(NamedTuple):
    """A duration as written, parsed, on the calendar it is counted on.

    A named tuple rather than a dataclass: the rules make one per target and dependency,
    hundreds of thousands on a large repo.
    """

    text: Text
    duration: Duration
    calendar: Calendar
    calendar_name: str


def check_calendar(cal: CalendarDef) -> tuple[list[CalendarIssue], Calendar | None]:
    """Validate a calendar definition; build it when it has no problem but advisory ones."""
    issues: list[CalendarIssue] = []
    if not zone_exists(cal.timezone.value):
        issues.append(CalendarIssue("zone", cal.timezone.value, cal.timezone.loc))
    week = [_day_spans(cal, day, issues) for day in WEEKDAYS]
    holidays = [_holiday(text, issues) for text in cal.holidays]
    parts = {part.date: _part_day(part, issues) for part in cal.part_days}
    public = _public_source(cal, issues)
    holidays += [day for day, _ in _feed_days(cal, issues)]
    if not issues and not any(week):
        issues.append(CalendarIssue("closed", "no working hours on any day", cal.name.loc))
    if issues:
        return issues, None
    part_days = {day: spans for day, spans in (p for p in parts.values() if p is not None)}
    built = Calendar(cal.name.value, cal.timezone.value, tuple(week),
                     frozenset(h for h in holidays if h is not None),
                     tuple(part_days.items()), public)
    if cal.part_days or public is not None or any(e > 1440 for d in week for _, e in d):
        from sla_lint.closures.check import advisories

        texts = {p[0]: text for text, p in parts.items() if p is not None}
        issues += [CalendarIssue(*issue) for issue in advisories(cal, built, texts)]
    return issues, built


def _part_day(part: PartDayDef, issues: list[CalendarIssue]) -> tuple[
        dt.date, tuple[tuple[int, int], ...]] | None:
    """A part day's date and spans, or None when either is wrong (reported)."""
    day = _holiday(part.date, issues)
    spans: list[tuple[int, int]] = []
    for text in part.hours:
        try:
            spans.append(parse_clock_span(text.value))
        except SpanError as exc:
            issues.append(CalendarIssue("span", str(exc), text.loc))
            return None
    for i, j in find_overlaps(spans):
        issues.append(CalendarIssue(
            "overlap", f"{part.date.value}: {part.hours[j].value!r} overlaps "
            f"{part.hours[i].value!r}", part.hours[j].loc))
    return None if day is None else (day, tuple(sorted(spans)))


def _public_source(cal: CalendarDef, issues: list[CalendarIssue]) -> PublicHolidays | None:
    if cal.public_holidays is None:
        return None
    from sla_lint.closures.check import public_source  # the holidays package: only if asked

    source, issue = public_source(cal.public_holidays)
    if issue is not None:
        issues.append(CalendarIssue(*issue))
    return source


def _feed_days(cal: CalendarDef, issues: list[CalendarIssue]) -> tuple[tuple[dt.date, str], ...]:
    if cal.holiday_feed is None:
        return ()
    from sla_lint.closures.feed import feed_path, read_feed, refusal

    refused = refusal(cal.holiday_feed.value)
    if refused is not None:
        issues.append(CalendarIssue("feed", refused, cal.holiday_feed.loc))
        return ()
    path = feed_path(cal.path, cal.holiday_feed.value)
    feed = read_feed(path)
    for problem in feed.problems:
        if not problem.line:
            issues.append(CalendarIssue("feed", problem.message, cal.holiday_feed.loc))
            continue
        issues.append(CalendarIssue(
            "feed", f"{problem.message} (the holiday_feed of calendar {cal.name.value}, "
            f"{cal.holiday_feed.loc.path}:{cal.holiday_feed.loc.line})",
            Location(path.as_posix(), problem.line, 1)))
    return feed.days


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
    try:  # the pattern first: Python 3.11 would also read 20261225 and 2026-W52-5
        day = dt.date.fromisoformat(text.value.strip()) if _DATE.fullmatch(
            text.value.strip()) else None
    except ValueError:
        day = None
    impossible = no_such_date(text.value) if day is None else None
    if impossible is not None:  # written right, but the calendar has no such day
        issues.append(CalendarIssue("holiday", f"holiday {text.value!r} is no such date:"
                                    f" {impossible}", text.loc))
    elif day is None:
        issues.append(CalendarIssue(
            "holiday", f"holiday {text.value!r} is not a date; write it as YYYY-MM-DD, "
            "e.g. 2026-12-25", text.loc))
    elif not FIRST_YEAR <= day.year <= LAST_YEAR:  # every year named is checked: keep it sane
        issues.append(CalendarIssue(
            "holiday", f"holiday {text.value!r} is outside the years sla-lint checks"
            f" ({FIRST_YEAR}-{LAST_YEAR}, as for the policy's horizon); is the year a typo?",
            text.loc))
        return None
    return day


def dated_days(calendar: Calendar) -> frozenset[dt.date]:
    """The dates a calendar names itself (holidays, part days, its feed): they fix the years."""
    return calendar.holidays | {day for day, _ in calendar.part_days}


class TimeModel:
    """Durations and calendars of one catalogue, ready for comparisons."""

    def __init__(self, catalogue: Catalogue, this_year: int) -> None:
        self.catalogue = catalogue
        self.this_year = this_year
        self._durations: dict[str, Duration | None] = {}
        self._years: dict[tuple[int, ...], tuple[tuple[Calendar, ...], tuple[int, ...]]] = {}
        self._proofs: dict[tuple[str, str, str, str, float | None], bool] = {}
        self._cheap: dict[tuple[str, str, str, str, float | None], bool | None] = {}
        self._clean: set[tuple[str, int]] = set()
        self._signatures: dict[int, tuple[Service, tuple[object, ...], int]] = {}
        self._numbers: dict[tuple[object, ...], int] = {}
        self._bounds: dict[tuple[str, str, tuple[int, ...]], Bounds | None] = {}
        self._slower: dict[tuple[str, str, str, str], Comparison | None] = {}
        self._cores: dict[tuple[str, str], tuple[Duration, Calendar] | None] = {}
        self._service_calendars: dict[int, tuple[Service, str]] = {}

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
        key = (text.value, calendar_name)
        core = self._cores.get(key, _UNKNOWN)
        if core is _UNKNOWN:
            duration = self.duration(text.value)
            calendar = self.calendar(calendar_name)
            core = self._cores[key] = (
                None if duration is None or calendar is None else (duration, calendar))
        if core is None:
            return None
        return Promise(text, core[0], core[1], calendar_name)

    def service_promise(self, service: Service, text: Text | None) -> Promise | None:
        """``text`` counted on the service's calendar."""
        if text is None:
            return None
        return self.promise(text, self.calendar_name_of(service))

    def calendar_name_of(self, service: Service) -> str:
        """The name of the calendar the service works to, memoised."""
        known = self._service_calendars.get(id(service))
        if known is None:  # the service is kept with its calendar, so its id stays its own
            known = self._service_calendars[id(service)] = (
                service, self.catalogue.calendar_of(service))
        return known[1]

    def known_clean(self, code: str, service: Service) -> bool:
        """True when a service with the same targets and calendar had no ``code`` finding.

        The 4xx rules on a service's own targets depend only on those durations, its
        calendar and the policy; a large repo repeats a few hundred such combinations.
        """
        return (code, self.signature_key(service)) in self._clean

    def remember(self, service: Service, code: str, found: list[Finding]) -> None:
        """Record that the service gave no ``code`` finding (nothing is kept otherwise)."""
        if not found:
            self._clean.add((code, self.signature_key(service)))

    def signature(self, service: Service) -> tuple[object, ...]:
        """What the time rules see of a service: its calendar and its targets' texts."""
        known = self._signatures.get(id(service))
        return (known or self._sign(service))[1]

    def signature_key(self, service: Service) -> int:
        """A small number for :meth:`signature`: equal signatures, equal numbers.

        Cheaper to hash than the signature, for the rules' memories keyed by it.
        """
        known = self._signatures.get(id(service))
        return (known or self._sign(service))[2]

    def distinct(self, services: Iterable[Service]) -> Iterator[Service]:
        """The first service of each :meth:`signature` among ``services``.

        The time rules' answers on a service's own targets depend on its signature only.
        """
        seen: set[int] = set()
        for service in services:
            key = self.signature_key(service)
            if key not in seen:
                seen.add(key)
                yield service

    def _sign(self, service: Service) -> tuple[Service, tuple[object, ...], int]:
        parts: list[object] = [self.calendar_name_of(service)]
        for t in service.targets:
            r, s, u = t.response, t.resolution, t.update
            parts.append((t.priority.value, r.value if r else None,
                          s.value if s else None, u.value if u else None))
        signature = tuple(parts)
        number = self._numbers.setdefault(signature, len(self._numbers))
        # the service is kept with it, so its id stays its own
        known = self._signatures[id(service)] = (service, signature, number)
        return known

    def slower_texts(self, first: Text | None, second: Text | None,
                     calendar_name: str) -> Comparison | None:
        """:meth:`slower` for two texts on one calendar, answered from memory when it can be.

        The rules call this before making the promises, which they need only to word a
        finding: on a large repo almost every pair was asked before.
        """
        if first is None or second is None:
            return None
        key = (first.value, calendar_name, second.value, calendar_name)
        if key in self._slower:
            return self._slower[key]
        a, b = self.promise(first, calendar_name), self.promise(second, calendar_name)
        return None if a is None or b is None else self.slower(a, b)

    def slower_promises(self, first: Text | None, second: Text | None, calendar_name: str
                        ) -> tuple[Comparison, Promise, Promise] | None:
        """:meth:`slower_texts`, with both promises when ``first`` is slower (to word it)."""
        cmp = self.slower_texts(first, second, calendar_name)
        if cmp is None:
            return None  # the usual case, settled without making the promises
        a, b = self.promise(first, calendar_name), self.promise(second, calendar_name)
        assert a is not None and b is not None  # a comparison was made of them
        return cmp, a, b

    def years(self, *calendars: Calendar) -> tuple[int, ...]:
        """The arrival years for comparing promises on these calendars (FORMAT.md)."""
        key = tuple(id(c) for c in calendars)
        known = self._years.get(key)
        if known is None:  # the calendars are kept with the answer, so their ids stay theirs
            known = self._years[key] = (calendars, self._years_of(calendars))
        return known[1]

    def _years_of(self, calendars: tuple[Calendar, ...]) -> tuple[int, ...]:
        policy = self.catalogue.policy
        horizon = [int(n.value) for n in policy.horizon] if policy else []
        holiday_years = {d.year for c in calendars for d in dated_days(c)}
        return horizon_years(holiday_years, horizon, self.this_year)

    def slower(self, first: Promise, second: Promise) -> Comparison | None:
        """The comparison when ``first`` is later than ``second`` at some arrival, else None."""
        key = (first.text.value, first.calendar_name, second.text.value, second.calendar_name)
        if key in self._slower:
            return self._slower[key]
        found = None
        if not (obviously_no_later(first, second) or self.provably_kept(first, second)):
            cmp = self.compare(first, second)
            found = cmp if cmp is not None and not cmp.holds else None
        self._slower[key] = found
        return found

    def provably_kept(self, first: Promise, second: Promise,
                      min_slack: float | None = None, scan: bool = True) -> bool:
        """True when ``first`` is shown never later than ``second``, without a full scan.

        With ``min_slack``, also that the slack never falls below it. Cheap bounds first,
        then (unless ``scan`` is false) :func:`~sla_lint.timecalc.comparison.kept`, which
        scans exactly only the arrivals the bounds leave open. False means "not shown",
        not "broken": ask :meth:`compare`. Memoised per pair of texts and calendars.
        """
        key = (first.text.value, first.calendar_name, second.text.value, second.calendar_name,
               min_slack)
        known = self._proofs.get(key)
        if known is not None:
            return known
        cheap = self._cheap.get(key, _UNKNOWN)
        if cheap is _UNKNOWN:
            cheap = self._cheap[key] = self._bounded(first, second, min_slack)
        if cheap is not None or not scan:
            return cheap is True
        known = self._proofs[key] = kept(
            (first.duration, first.calendar), (second.duration, second.calendar),
            self.years(first.calendar, second.calendar), min_slack)
        return known

    def _bounded(self, first: Promise, second: Promise, min_slack: float | None) -> bool | None:
        """True when cheap facts show ``first`` kept, False when they show it not, else None."""
        years = self.years(first.calendar, second.calendar)
        if min_slack is None and (obviously_no_later(first, second)
                                  or same_calendar_units(first, second, years)):
            return True  # cheaper than the bounds, when it applies
        mine, theirs = self.bounds(first, years), self.bounds(second, years)
        if mine is None or theirs is None:
            return False  # no bounds, and no piecewise ones for the scan either
        if mine[1] <= theirs[0]:
            if min_slack is None:
                return True
            num, den = float(min_slack).as_integer_ratio()  # exact: no rounding at the edge
            if (theirs[0] - mine[1]) * den >= num * theirs[0]:
                return True
        return False if mine[0] > theirs[1] else None  # later at every arrival: not kept

    def bounds(self, promise: Promise, years: tuple[int, ...]) -> Bounds | None:
        """:func:`delay_bounds` of a promise, memoised by its text and calendar name."""
        key = (promise.text.value, promise.calendar_name, years)
        if key not in self._bounds:
            self._bounds[key] = delay_bounds(promise.duration, promise.calendar, years)
        return self._bounds[key]

    def provably_later(self, first: Promise, second: Promise) -> bool:
        """True when cheap facts show ``first`` later than ``second`` at some arrival."""
        years = self.years(first.calendar, second.calendar)
        if obviously_later(first, second) or _more_whole_days(first, second, years):
            return True
        mine, theirs = self.bounds(first, years), self.bounds(second, years)
        if mine is None or theirs is None:
            return False  # (bounds also show that every deadline of the years exists)
        return mine[0] > theirs[1] or more_business_hours(first, second)

    def compare(self, first: Promise, second: Promise) -> Comparison | None:
        """Is ``first`` never later than ``second``? None when a calendar never opens."""
        years = self.years(first.calendar, second.calendar)
        try:
            return compare((first.duration, first.calendar),
                           (second.duration, second.calendar), years)
        except NeverOpen:
            return None


def moment_text(moment: dt.datetime, calendar: Calendar, arrival: bool = False) -> str:
    """A moment in the calendar's local time, to the second (seconds shown when not zero).

    The worst arrival is often the limit just after an event (an opening, a closing):
    the comparison names the arrival one microsecond later, which reads "just after
    09:00" (or "just after 15:07:30"), never a whole minute at which the promise may
    still hold. Deadlines drop the microseconds.
    """
    whole = moment.replace(microsecond=0)
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


def obviously_later(first: Promise, second: Promise) -> bool:
    """True when ``first`` (elapsed) ends after ``second`` (elapsed) for every arrival."""
    a, b = first.duration, second.duration
    return a.unit is Unit.ELAPSED and b.unit is Unit.ELAPSED and a.micros > b.micros


def more_business_hours(first: Promise, second: Promise) -> bool:
    """On one calendar, more business hours end later than fewer, for every arrival.

    Both count from the same opening on the same open time, and the open time
    accumulated by the earlier deadline is short of the later one's: so the later
    deadline comes strictly after it, whenever both deadlines exist.
    """
    a, b = first.duration, second.duration
    return (a.unit is Unit.BUSINESS_HOURS and b.unit is Unit.BUSINESS_HOURS
            and first.calendar == second.calendar and a.micros > b.micros)


def _more_whole_days(first: Promise, second: Promise, years: tuple[int, ...]) -> bool:
    """On one calendar, N > M whole business days: an arrival at an opening shows N later.

    Its N-th working day comes after its M-th, when working days are in date order
    (which :func:`day_totals` checks over the years, and None when not).
    """
    a, b = first.duration, second.duration
    if (a.unit is not Unit.BUSINESS_DAYS or b.unit is not Unit.BUSINESS_DAYS
            or first.calendar != second.calendar):
        return False
    if a.days.denominator != 1 or b.days.denominator != 1 or a.days <= b.days:
        return False
    return day_totals(first.calendar, years, int(a.days)) is not None


def same_calendar_units(first: Promise, second: Promise, years: tuple[int, ...]) -> bool:
    """Business hours against business days on one calendar, settled by day lengths."""
    if first.calendar != second.calendar:
        return False
    a, b = first.duration, second.duration
    if a.unit is Unit.BUSINESS_HOURS and b.unit is Unit.BUSINESS_DAYS:
        return hours_within_days(a, b, first.calendar, years)
    if a.unit is Unit.BUSINESS_DAYS and b.unit is Unit.BUSINESS_HOURS:
        return days_within_hours(a, b, first.calendar, years)
    return False


def time_model(ctx: Context) -> TimeModel:
    """The run's time model, built on first use."""
    model = ctx.memo.get("time")
    if not isinstance(model, TimeModel):
        model = ctx.memo["time"] = TimeModel(ctx.catalogue, ctx.this_year)
    return model


def duration_texts(catalogue: Catalogue,
                   services: Iterable[Service] | None = None) -> Iterator[Text]:
    """Every duration written in the catalogue: targets, limits, escalation steps.

    Only the targets of ``services``, when given (by default those of every service).
    """
    for service in catalogue.services() if services is None else services:
        for target in service.targets:
            yield from (t for t in (target.response, target.resolution, target.update) if t)
    for dept in catalogue.departments:
        yield from (step.after for step in dept.escalation)
    for policy in catalogue.policies:
        for limit in policy.limits:
            yield from (t for t in (limit.response, limit.resolution, limit.update) if t)
