"""What an attainment run found: frozen rows per promise, per period, and tickets at risk.

Times are integer microseconds since 1970-01-01 UTC (see :func:`iso`), durations
microseconds too, so the report is exact and the same on any machine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from sla_lint.diagnostics import Location
from sla_lint.tickets.exports import Problem

MEASURES = ("response", "resolution")
STATUSES = ("met", "breached", "open")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def iso(instant: int) -> str:
    """An instant as ISO 8601 in UTC with its offset (``2027-03-09T15:05:00+00:00``)."""
    return (_EPOCH + dt.timedelta(microseconds=instant)).isoformat()


def share(met: int, breached: int) -> float | None:
    """Attainment: met / (met + breached), rounded to 3 decimals; None when both are 0."""
    total = met + breached
    return round(met / total, 3) if total else None


class TicketStatus(NamedTuple):
    """One measure of one ticket held against its promise."""

    id: str
    service: str
    priority: str
    measure: str
    due: int
    status: str  # met, breached or open
    moment: int | None  # when it happened; None while it has not
    path: str
    line: int


@dataclass(frozen=True)
class Lateness:
    """How late the breaches that happened were: elapsed, and open time of the calendar."""

    count: int
    median_elapsed: int
    worst_elapsed: int
    median_business: int
    worst_business: int


@dataclass(frozen=True)
class Realistic:
    """The time within which ``share`` of the requests were answered, in the target's unit."""

    share: float
    value: float
    unit: str  # "h" elapsed hours, "bh" or "bd"
    sample: int

    @property
    def text(self) -> str:
        """The value as a duration such as ``3.2bd``."""
        return f"{self.value:g}{self.unit}"


@dataclass(frozen=True)
class Row:
    """One promise (service, priority, measure) against the tickets that fell under it."""

    department: str
    service: str
    priority: str
    measure: str
    target: str
    calendar: str
    tickets: int
    met: int
    breached: int
    open: int
    at_risk: int
    late: Lateness | None
    realistic: Realistic | None
    loc: Location  # where the target is written

    @property
    def attainment(self) -> float | None:
        """The share kept: met / (met + breached), 3 decimals; None when nothing is decided yet."""
        return share(self.met, self.breached)

    @property
    def key(self) -> tuple[str, str, str]:
        """(service, priority, measure)."""
        return (self.service, self.priority, self.measure)


@dataclass(frozen=True)
class TrendRow:
    """One promise in one week (``2027-W09``) or month (``2027-03``) of arrivals."""

    service: str
    priority: str
    measure: str
    period: str
    tickets: int
    met: int
    breached: int
    open: int

    @property
    def attainment(self) -> float | None:
        """The share kept: met / (met + breached), 3 decimals; None when nothing is decided yet."""
        return share(self.met, self.breached)


@dataclass(frozen=True)
class AtRisk:
    """An open request past ``share`` of its time at ``as_of``, not yet late."""

    id: str
    service: str
    priority: str
    measure: str
    due: int
    share: float
    path: str
    line: int


@dataclass(frozen=True)
class Total:
    """Counts summed over a department's (or the company's) promises, for one measure."""

    name: str  # a department's name, or "" for the whole company
    measure: str
    met: int
    breached: int
    open: int

    @property
    def attainment(self) -> float | None:
        """The share kept: met / (met + breached), 3 decimals; None when nothing is decided."""
        return share(self.met, self.breached)


@dataclass(frozen=True)
class AttainmentReport:
    """Everything one run found. ``problems`` holds the first :data:`KEPT_PROBLEMS`."""

    as_of: int | None
    rows: tuple[Row, ...]
    trend: tuple[TrendRow, ...]
    at_risk: tuple[AtRisk, ...]
    problems: tuple[Problem, ...]
    problem_count: int
    used: int  # rows counted
    notes: tuple[str, ...] = ()
    by: str | None = None

    def rows_of(self, service: str) -> tuple[Row, ...]:
        """The rows of one service (``department/service``), for its page."""
        return tuple(r for r in self.rows if r.service == service)

    def trend_of(self, service: str, priority: str, measure: str) -> tuple[TrendRow, ...]:
        """One promise's trend rows, oldest period first."""
        return tuple(t for t in self.trend
                     if (t.service, t.priority, t.measure) == (service, priority, measure))

    def totals(self) -> tuple[Total, ...]:
        """Per department and measure, then the whole company's (name ""), for a summary."""
        sums: dict[tuple[str, str], list[int]] = {}
        for row in self.rows:
            for name in (row.department, ""):
                counts = sums.setdefault((name, row.measure), [0, 0, 0])
                counts[0] += row.met
                counts[1] += row.breached
                counts[2] += row.open
        order = sorted(sums, key=lambda k: (k[0] == "", k[0], MEASURES.index(k[1])))
        return tuple(Total(name, measure, *sums[(name, measure)]) for name, measure in order)

    def worst_first(self) -> tuple[Row, ...]:
        """Rows with the promise kept least first; rows with nothing decided last."""
        def order(row: Row) -> tuple[float, int, tuple[str, str, str]]:
            kept = row.attainment
            return (2.0 if kept is None else kept, -row.breached, row.key)
        return tuple(sorted(self.rows, key=order))


KEPT_PROBLEMS = 1000
ProblemSink = Callable[[Problem], None]
TicketSink = Callable[[TicketStatus], None]
