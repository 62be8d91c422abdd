"""Attainment on the site: how well each promise was kept, from an :class:`AttainmentReport`.

Built once per site from the report ``sla-lint site --tickets`` computed (monthly trend):
per service, one entry per priority and measure with its counts, the realistic sentence
and a small trend chart; for the company page, the promises kept least first and each
department's totals. Every sentence a person reads is made here or in
:mod:`sla_lint.tickets.formats`; the charts come from :func:`sla_lint.tickets.trend_svg`,
which escapes every text it draws.
"""

from __future__ import annotations

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
_VERB = {"response": "answered", "resolution": "resolved"}


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


class ServiceKept(NamedTuple):
    """A service page's attainment section: its promises, by priority then measure."""

    promises: tuple[PromiseKept, ...]
    as_of: str
    goal: str | None  # the policy's min_attainment, "90.0%", drawn dashed on each chart


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
    """The chart's text alternative: every month's share, in words."""
    verb = _VERB.get(row.measure, row.measure)
    months = "; ".join(f"{t.period}: {percent(t.attainment)} ({t.met} of {t.met + t.breached})"
                       for t in trend) or "no tickets"
    return f"{row.priority} requests {verb} in time ({row.target}), by month of arrival: {months}"


def _summary(row: Row) -> str:
    verb = _VERB.get(row.measure, row.measure)
    decided = row.met + row.breached
    opened = f"; {row.open} still open" if row.open else ""
    if not decided:
        return f"{row.tickets} request(s), none {verb} yet{opened}"
    return f"{row.met} of {decided} {verb} within {row.target}{opened}"


def promise_kept(row: Row, trend: Sequence[TrendRow], goal: float | None) -> PromiseKept:
    """The entry of one promise on its service's page."""
    from sla_lint.tickets import trend_svg

    return PromiseKept(
        row.priority, row.measure, row.target, row.calendar, row.tickets, row.met,
        row.breached, row.open, percent(row.attainment), _summary(row),
        realistic_sentence(row), lateness_sentence(row),
        trend_svg(trend, CHART_WIDTH, CHART_HEIGHT, goal, _trend_title(row, trend)))


class Attainment:
    """The report indexed by service once, so each page reads only its own rows."""

    def __init__(self, report: AttainmentReport, catalogue: Catalogue) -> None:
        from sla_lint.tickets.report import iso

        self.report = report
        self.catalogue = catalogue
        self.as_of = iso(report.as_of) if report.as_of is not None else "the last time read"
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
        return ServiceKept(tuple(promise_kept(r, self.trend.get(r.key, ()), self.goal)
                                 for r in rows), self.as_of,
                          None if self.goal is None else percent(self.goal))

    def ranked(self, link: Callable[[str], tuple[Link, str]]) -> list[RankedRow]:
        """Every promise, kept least first, each linked to its service's page."""
        out = []
        for row in self.report.worst_first():
            target, dept = link(row.service)
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


def _measures(totals: Sequence[Total]) -> tuple[tuple[str, str, int, int, int], ...]:
    return tuple((t.measure, percent(t.attainment), t.met, t.breached, t.open) for t in totals)
