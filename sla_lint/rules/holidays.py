"""Family 4xx, holidays nobody has to retype: public holidays, part days, night shifts, feeds.

The calendar problems are found when a calendar is built (:func:`check_calendar` in
:mod:`sla_lint.rules.timing`, :mod:`sla_lint.closures.check`); the years rules look at
which years the lint run checks (FORMAT.md) against the dates each calendar names.
"""

from __future__ import annotations

from collections.abc import Iterator

from sla_lint.context import Context
from sla_lint.diagnostics import Finding, Severity
from sla_lint.registry import rule
from sla_lint.rules.timing import TimeModel, dated_days, time_model
from sla_lint.timecalc import Calendar, horizon_years


def _issues(ctx: Context, kind: str) -> Iterator[Finding]:
    for issues, _ in time_model(ctx).calendar_checks.values():
        for issue in issues:
            if issue.kind == kind:
                yield Finding(issue.message, issue.loc)


@rule("SLA430", "unknown-public-holidays")
def unknown_public_holidays(ctx: Context) -> Iterator[Finding]:
    """``public_holidays`` names a country or subdivision the ``holidays`` package does not know.

    Why: the calendar's public holidays come from that package; with an unknown place
    there are none, and every promise on the calendar would be checked as if the team
    worked through Christmas. Use the package's codes: a two-letter country code and one
    of its subdivisions (the message lists them).

    Bad:
        public_holidays: {country: UK, subdivision: London}

    Good:
        public_holidays: {country: GB, subdivision: ENG}
    """
    yield from _issues(ctx, "country")


@rule("SLA431", "part-day-outside-hours", Severity.WARNING)
def part_day_outside_hours(ctx: Context) -> Iterator[Finding]:
    """A part day opens hours the calendar would not open that day, or a day it is closed.

    Why: a part day (``{date, hours}``) is for closing early or opening late, such as
    Christmas Eve until 13:00. Hours outside the usual ones for that weekday, or a part
    day on a closed weekday, a public holiday or a listed whole-day holiday, is almost
    always the wrong date or a typo, and would open the team when it is really away.

    Bad:
        hours: {thu: ["09:00-17:30"]}
        holidays:
          - {date: 2026-12-24, hours: ["08:00-13:00"]}   # opens earlier than usual

    Good:
        hours: {thu: ["09:00-17:30"]}
        holidays:
          - {date: 2026-12-24, hours: ["09:00-13:00"]}
    """
    yield from _issues(ctx, "part-day")


@rule("SLA432", "night-shift-overlap")
def night_shift_overlap(ctx: Context) -> Iterator[Finding]:
    """A span running past midnight overlaps the next day's first span.

    Why: a night shift (``22:00-06:00``) belongs to the day it starts on and runs into
    the next one; if the next day's first shift starts before it ends, two shifts claim
    the same hours and it is unclear which day a request arriving then belongs to
    (sla-lint gives the time to the later day). Adjacent shifts are fine.

    Bad:
        mon: ["22:00-06:00"]
        tue: ["05:00-13:00", "22:00-06:00"]

    Good:
        mon: ["22:00-06:00"]
        tue: ["06:00-13:00", "22:00-06:00"]
    """
    yield from _issues(ctx, "night-overlap")


@rule("SLA433", "holiday-already-public", Severity.INFO)
def holiday_already_public(ctx: Context) -> Iterator[Finding]:
    """A date under ``holidays`` is a public holiday that ``public_holidays`` closes already.

    Why: listing it twice is harmless but is exactly the retyping ``public_holidays``
    saves; the file can shrink. When the date was the only one naming its year, keep
    that year checked with the policy's ``horizon``.

    Bad:
        public_holidays: {country: GB, subdivision: ENG}
        holidays: [2026-12-25, 2026-12-29]

    Good:
        public_holidays: {country: GB, subdivision: ENG}
        holidays: [2026-12-29]   # the company's own closing day
    """
    model = time_model(ctx)
    for name, (issues, _) in model.calendar_checks.items():
        for issue in issues:
            if issue.kind == "redundant":
                year = int(issue.message[:4])
                keep = _keep_year_hint(model, name, year, issue.message[:10])
                yield Finding(issue.message + keep, issue.loc)


def _keep_year_hint(model: TimeModel, name: str, year: int, date: str) -> str:
    """A hint to add ``year`` to the horizon when removing ``date`` would stop checking it."""
    policy = model.catalogue.policy
    if policy is not None and any(int(n.value) == year for n in policy.horizon):
        return ""
    for other, (_, built) in model.calendar_checks.items():
        if built is None:
            continue
        days = {d.isoformat() for d in dated_days(built) if d.year == year}
        if (days - {date}) if other == name else days:
            return ""
    return (f", and add {year} to the policy's horizon so that {year} stays among the years "
            "checked")


def _valid(model: TimeModel) -> list[tuple[str, Calendar]]:
    return [(name, built) for name, (_, built) in model.calendar_checks.items()
            if built is not None]


def checked_years(model: TimeModel) -> tuple[int, ...]:
    """The years the run checks over all calendars (FORMAT.md), this year when none."""
    policy = model.catalogue.policy
    horizon = [int(n.value) for n in policy.horizon] if policy else []
    named = {d.year for _, built in _valid(model) for d in dated_days(built)}
    return horizon_years(named, horizon, model.this_year)


@rule("SLA434", "stale-holidays", Severity.WARNING)
def stale_holidays(ctx: Context) -> Iterator[Finding]:
    """A calendar lists holidays for some years checked but none for another one.

    Why: the years checked are those any calendar's holidays or the policy's ``horizon``
    name. A calendar with 2026's bank holidays but not 2027's is checked for 2027 as if
    the team worked every bank holiday: the lead forgot a year. Add that year's holidays,
    or use ``public_holidays`` (a calendar with it is never stale).

    Bad:
        holidays: [2026-12-25, 2026-12-28]   # while the policy's horizon is [2026, 2027]

    Good:
        public_holidays: {country: GB, subdivision: ENG}
    """
    model = time_model(ctx)
    years = checked_years(model)
    for name, built in _valid(model):
        own = {d.year for d in dated_days(built)}
        missing = [y for y in years if y not in own]
        if built.public is not None or not own or not missing:
            continue
        cal = model.catalogue.calendar_index[name]
        where = cal.holidays[0].loc if cal.holidays else cal.name.loc
        listed = ", ".join(str(y) for y in sorted(own))
        gap = ", ".join(str(y) for y in missing)
        yield Finding(
            f"calendar {name} lists holidays for {listed} but none for {gap}, which is "
            f"checked too; add {gap}'s holidays (or public_holidays), or the promises on "
            f"{name} are checked as if it worked through them", where)


@rule("SLA435", "undated-years", Severity.INFO)
def undated_years(ctx: Context) -> Iterator[Finding]:
    """No holiday date and no ``horizon`` fix the years checked: results depend on the day.

    Why: with nothing naming a year, sla-lint checks the current year, so the same files
    may give other results next January (daylight-saving dates and weekdays move). Name
    the years in the policy's ``horizon`` to make every run agree.

    Bad:
        kind: Policy
        spec: {priorities: [P1, P2]}

    Good:
        kind: Policy
        spec: {priorities: [P1, P2], horizon: 2027}
    """
    model = time_model(ctx)
    catalogue = model.catalogue
    policy = catalogue.policy
    if not catalogue.calendars or (policy is not None and policy.horizon):
        return
    valid = _valid(model)
    if any(dated_days(built) for _, built in valid):
        return
    used = {name for name, _ in valid}
    if not any(catalogue.calendar_of(s) in used and s.targets for s in catalogue.services()):
        return  # nothing counted on a calendar of one's own: the day makes no difference
    where = policy.loc if policy is not None else catalogue.calendars[0].loc
    yield Finding(
        "no holiday date and no horizon name a year, so promises are checked for the year "
        "the linter runs in and results can change from one year to the next; add "
        "`horizon: <year>` to the policy's spec to fix the years checked", where)


@rule("SLA436", "invalid-holiday-feed")
def invalid_holiday_feed(ctx: Context) -> Iterator[Finding]:
    """A calendar's ``holiday_feed`` (an iCalendar file) cannot be read, or an event in it.

    Why: the feed's all-day events close the calendar; a feed that cannot be read closes
    nothing, so every holiday in it would silently be a working day. The problem is shown
    at its line in the feed. Only all-day events are read: export dates, not times or
    repeating rules.

    Bad:
        holiday_feed: hr/holidays.ics   # with a line "DTSTART;VALUE=DATE:2026-12-25"

    Good:
        holiday_feed: hr/holidays.ics   # with a line "DTSTART;VALUE=DATE:20261225"
    """
    yield from _issues(ctx, "feed")
