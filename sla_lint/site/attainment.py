"""Attainment on the site: how well each promise was kept, from an :class:`AttainmentReport`.

Built once per site from the report ``sla-lint site --tickets`` computed (monthly trend):
per service, one entry per priority and measure with its counts, the realistic sentence
and a small trend chart; for the company page, the promises kept least first and each
department's totals. Every sentence a person reads is made here or in
:mod:`sla_lint.tickets.formats`; the charts come from :func:`sla_lint.tickets.trend_svg`,
which escapes every text it draws.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from sla_lint.site import urls
from sla_lint.site.views import Link
from sla_lint.tickets.formats import lateness_sentence, percent, realistic_sentence
from sla_lint.tickets.report import Row, Total, TrendRow

if TYPE_CHECKING:
    from sla_lint.model import Catalogue
    from sla_lint.tickets.report import AttainmentReport

CHART_WIDTH, CHART_HEIGHT = 200, 56
MONTHS_SHOWN = 12  # the trend covers the last months of the exports, so pages stay small
_VERB = {"response": "answered", "resolution": "resolved"}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class PromiseKept(NamedTuple):
    """One promise of a service (priority and measure) against its tickets."""

    priority: str
    measure: str
    target: str
    calendar: str
    tickets: int
    met: int
    breached: int
    open: int
    kept: str  # "92.1%" or "-"
    summary: str  # the counts in one sentence
    realistic: str | None
    late: str | None
    chart: str  # inline SVG with its own text alternative (every month's share)
    months: tuple[tuple[str, str], ...]  # (month in words, "80.0%, 4 of 5"), oldest first


class ServiceKept(NamedTuple):
    """A service page's attainment section: its promises, by priority then measure."""

    promises: tuple[PromiseKept, ...]
    as_of: str
    goal: str | None  # the policy's min_attainment, "90.0%", drawn dashed on each chart
    months: int  # how many months the charts cover


class RankedRow(NamedTuple):
    """One promise on the company page, linked to its service."""

    service: Link
    department: str
    priority: str
    measure: str
    target: str
    tickets: int
    met: int
    breached: int
    open: int
    kept: str


class DepartmentKept(NamedTuple):
    """A department's totals: linked name, then (measure, kept, met, breached, open)."""

    department: Link
    measures: tuple[tuple[str, str, int, int, int], ...]


def _trend_title(row: Row, trend: Sequence[TrendRow]) -> str:
    """The chart's text alternative; the list beside it gives every month's share."""
    verb = _VERB.get(row.measure, row.measure)
    span = (f"from {month_words(trend[0].period)} to {month_words(trend[-1].period)}"
            if trend else "no month")
    return (f"{row.priority} requests {verb} in time ({row.target}), month by month {span};"
            " the share of each month is listed under the chart")


def _summary(row: Row) -> str:
    verb = _VERB.get(row.measure, row.measure)
    decided = row.met + row.breached
    opened = f"; {row.open} still open" if row.open else ""
    if not decided:
        return f"{row.tickets} request(s), none {verb} yet{opened}"
    return f"{row.met} of {decided} {verb} within {row.target}{opened}"


@functools.lru_cache(maxsize=4096)
def month_words(period: str) -> str:
    """``2027-03`` as ``Mar 2027`` (any other text as it is)."""
    year, _, month = period.partition("-")
    if not (year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
        return period
    return f"{_MONTHS[int(month) - 1]} {year}"


def month_range(periods: Sequence[str]) -> tuple[str, ...]:
    """Every month from the earliest to the latest of ``periods`` (``YYYY-MM``), in order."""
    valid = sorted(p for p in periods if len(p) == 7 and p[:4].isdigit() and p[5:].isdigit())
    if not valid:
        return tuple(sorted(set(periods)))
    year, month = int(valid[0][:4]), int(valid[0][5:])
    out = []
    while f"{year:04d}-{month:02d}" <= valid[-1]:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


def filled(row: Row, trend: Sequence[TrendRow], months: Sequence[str]) -> tuple[TrendRow, ...]:
    """The promise's trend on the common months: a month without its requests is a gap."""
    have = {t.period: t for t in trend}
    return tuple(have.get(m) or TrendRow(row.service, row.priority, row.measure, m, 0, 0, 0, 0)
                 for m in (months or tuple(have)))


def _month_cell(point: TrendRow) -> str:
    decided = point.met + point.breached
    if not decided:
        return f"{point.open} open" if point.open else "no request"
    return f"{percent(point.attainment)}, {point.met} of {decided}"


def _own(sentence: str | None, row: Row) -> str | None:
    """A sentence about this promise without the service's name (its page says it)."""
    if sentence is None:
        return None
    for prefix in (f"{row.service} {row.priority} {row.measure}: ",):
        if sentence.startswith(prefix):
            sentence = sentence[len(prefix)].upper() + sentence[len(prefix) + 1:]
    return sentence.replace(f" requests to {row.service} were ", " requests were ")


def promise_kept(row: Row, trend: Sequence[TrendRow], goal: float | None,
                 months: Sequence[str] = ()) -> PromiseKept:
    """The entry of one promise on its service's page; ``months``: the common time axis."""
    from sla_lint.tickets import trend_svg

    points = filled(row, trend, months)
    return PromiseKept(
        row.priority, row.measure, row.target, row.calendar, row.tickets, row.met,
        row.breached, row.open, percent(row.attainment), _summary(row),
        _own(realistic_sentence(row), row), _own(lateness_sentence(row), row),
        trend_svg(points, CHART_WIDTH, CHART_HEIGHT, goal, _trend_title(row, points)),
        tuple((month_words(p.period), _month_cell(p)) for p in points))


class Attainment:
    """The report indexed by service once, so each page reads only its own rows."""

    def __init__(self, report: AttainmentReport, catalogue: Catalogue) -> None:
        self.report = report
        self.catalogue = catalogue
        self.as_of = moment_words(report.as_of)
        self.months = month_range([t.period for t in report.trend])[-MONTHS_SHOWN:]
        policy = catalogue.policy
        self.goal = (policy.min_attainment.value if policy is not None
                     and policy.min_attainment is not None else None)
        self.rows: dict[str, list[Row]] = {}
        for row in report.rows:
            self.rows.setdefault(row.service, []).append(row)
        self.trend: dict[tuple[str, str, str], list[TrendRow]] = {}
        for point in report.trend:
            self.trend.setdefault((point.service, point.priority, point.measure),
                                  []).append(point)
        self.ladder = {p: i for i, p in enumerate(catalogue.ladder)}

    def _order(self, row: Row) -> tuple[int, str, int]:
        measure = 0 if row.measure == "response" else 1
        return (self.ladder.get(row.priority, len(self.ladder)), row.priority, measure)

    def service(self, ref: str) -> ServiceKept:
        """A service's section (no promises when no ticket fell under it)."""
        rows = sorted(self.rows.get(ref, ()), key=self._order)
        return ServiceKept(tuple(promise_kept(r, self.trend.get(r.key, ()), self.goal,
                                              self.months) for r in rows), self.as_of,
                          None if self.goal is None else percent(self.goal),
                          len(self.months))

    def ranked(self, link: Callable[[str], tuple[Link, str]]) -> list[RankedRow]:
        """Every promise, kept least first, each linked to its service's page."""
        out = []
        for row in self.report.worst_first():
            target, dept = link(row.service)
            if target.href:
                target = target._replace(href=f"{target.href}#kept")
            out.append(RankedRow(target, dept or row.department, row.priority, row.measure,
                                 row.target, row.tickets, row.met, row.breached, row.open,
                                 percent(row.attainment)))
        return out

    def departments(self) -> tuple[list[DepartmentKept], tuple[tuple[str, str, int, int, int],
                                                                     ...]]:
        """Each department's totals by title, and the whole company's."""
        grouped: dict[str, list[Total]] = {}
        for total in self.report.totals():
            grouped.setdefault(total.name, []).append(total)
        company = _measures(grouped.pop("", []))
        rows = []
        for name, totals in grouped.items():
            dept = self.catalogue.department_index.get(name)
            link = Link(dept.title, urls.department_url(dept)) if dept else Link(name, None)
            rows.append(DepartmentKept(link, _measures(totals)))
        rows.sort(key=lambda d: (d.department.text.casefold(), d.department.text))
        return rows, company


def pager_window(count: int, number: int, around: int = 2) -> list[int | None]:
    """Page numbers to link from page ``number`` of ``count``, None where some are left out.

    The first, the last and ``around`` either side of ``number``: a list of a thousand
    pages keeps a pager of a few links.
    """
    wanted = {1, count, *range(number - around, number + around + 1)}
    shown: list[int | None] = []
    for n in range(1, count + 1):
        if n in wanted:
            shown.append(n)
        elif shown and shown[-1] is not None:
            shown.append(None)
    return shown


def moment_words(instant: int | None) -> str:
    """An instant as ``31 Mar 2027, 11:53 UTC`` (the same on every machine)."""
    if instant is None:
        return "the last time in the exports"
    import datetime as dt

    when = dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=instant)
    return f"{when.day} {_MONTHS[when.month - 1]} {when.year}, {when:%H:%M} UTC"


def _measures(totals: Sequence[Total]) -> tuple[tuple[str, str, int, int, int], ...]:
    return tuple((t.measure, percent(t.attainment), t.met, t.breached, t.open) for t in totals)
