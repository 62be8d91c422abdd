"""Attainment: each ticket held against its service's promise, counted per promise.

``attainment(catalogue, sources, options) -> AttainmentReport`` is the whole API; pass
``on_ticket`` / ``on_problem`` to receive each ticket's status and each rejected row as
they are found (the report itself keeps only counts, samples and the first problems).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from sla_lint.diagnostics import Location
from sla_lint.model import Catalogue, Service
from sla_lint.rules.timing import TimeModel
from sla_lint.suggest import did_you_mean
from sla_lint.tickets.clock import Clock, Timelines
from sla_lint.tickets.exports import (
    ExportReader,
    Problem,
    ReadOptions,
    Ticket,
    TicketsUnusable,
    open_export,
    probe,
    zone_of,
)
from sla_lint.tickets.report import (
    KEPT_PROBLEMS,
    MEASURES,
    AttainmentReport,
    ProblemSink,
    Row,
    TicketSink,
    TrendRow,
)
from sla_lint.tickets.tally import Period, Tally
from sla_lint.timecalc import Calendar, Duration, NeverOpen

BY = ("week", "month")


@dataclass(frozen=True)
class AttainmentOptions:
    """How to read the exports and what to work out."""

    reading: ReadOptions = field(default_factory=ReadOptions)
    as_of: int | None = None  # microseconds since 1970 UTC; default: the latest time read
    by: str | None = None  # "week" or "month": trend rows
    risk: float = 0.8  # open requests past this share of their time are at risk
    realistic: float = 0.9  # the share of requests the realistic time covers


class _Reject(NamedTuple):
    field: str
    message: str


class _Plan(NamedTuple):
    response: Tally | None
    resolution: Tally | None


class _Run:
    """The state of one attainment run."""

    def __init__(self, catalogue: Catalogue, options: AttainmentOptions,
                 on_ticket: TicketSink | None, on_problem: ProblemSink | None) -> None:
        self.catalogue = catalogue
        self.options = options
        self.on_ticket = on_ticket
        self.on_problem = on_problem
        self.times = TimeModel(catalogue, 2000)
        self.period = Period(options.by)
        self.timelines = Timelines()
        self.ladder = catalogue.ladder
        self.priority_names = options.reading.priority_names()
        self.services = _service_names(catalogue)
        self.plans: dict[tuple[str, str], _Plan | _Reject] = {}
        self.tallies: dict[tuple[str, str, str], Tally] = {}
        self.clocks: dict[tuple[Duration, int], Clock] = {}
        self.seen: set[int] = set()
        self.problems: list[Problem] = []
        self.problem_count = 0
        self.used = 0
        self.latest: int | None = None
        self.notes: list[str] = []

    def problem(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < KEPT_PROBLEMS:
            self.problems.append(problem)
        if self.on_problem is not None:
            self.on_problem(problem)

    def read(self, path: str) -> None:
        reader = ExportReader(path, self.options.reading, self.problem,
                              zone_of(self.options.reading.timezone))
        with open_export(path) as handle:
            try:
                for ticket in reader.tickets(handle):
                    self.ticket(ticket, reader)
            except UnicodeError as exc:  # pragma: no cover - surrogateescape never raises
                raise TicketsUnusable(f"{path}: cannot be decoded: {exc}") from None
        if reader.columns is not None and reader.columns.cell("first_response") is None \
                and not reader.columns.minutes:
            self.notes.append(f"{path} has no first-response column: response promises are"
                              " counted at the resolution")

    def ticket(self, ticket: Ticket, reader: ExportReader) -> None:
        ident, service, priority, created, response, resolved, path, line = ticket
        latest = max(created, response or 0, resolved or 0)
        if self.latest is None or latest > self.latest:
            self.latest = latest
        plan = self.plans.get((service, priority))
        if plan is None:
            plan = self.plans[(service, priority)] = self._plan(ticket)
        if isinstance(plan, _Reject):
            self._reject(ticket, reader, plan.field, plan.message)
            return
        fingerprint = hash(ident)
        if fingerprint in self.seen:
            self._reject(ticket, reader, "id", f"id {ident!r} is on an earlier row too;"
                                               " only the first is counted")
            return
        try:
            if plan.response is not None:
                plan.response.add(ident, created, resolved if response is None else response,
                                  path, line)
            if plan.resolution is not None:
                plan.resolution.add(ident, created, resolved, path, line)
        except NeverOpen as exc:
            self._reject(ticket, reader, "created", f"no deadline can be worked out: {exc}")
            return
        self.seen.add(fingerprint)
        self.used += 1

    def _reject(self, ticket: Ticket, reader: ExportReader, name: str, message: str) -> None:
        at = reader.columns.cell(name) if reader.columns else None
        self.problem(Problem(ticket.path, ticket.line, (at or 0) + 1, message))

    def _plan(self, ticket: Ticket) -> _Plan | _Reject:
        service = self.services.get(ticket.service) or self.services.get(
            ticket.service.casefold())
        if service is None:
            hint = did_you_mean(ticket.service, [s.ref for s in self.catalogue.services()])
            return _Reject("service", f"service {ticket.service!r} is not in the catalogue"
                                      + (hint or "; write it as department/service"))
        priority = ticket.priority if ticket.priority in self.ladder else \
            self.priority_names.get(ticket.priority.casefold())
        if priority is None or priority not in self.ladder:
            return _Reject("priority", f"priority {ticket.priority!r} is not on the ladder"
                                       f" ({', '.join(self.ladder)})")
        tallies = [self._tally(service, priority, m) for m in MEASURES]
        return _Plan(*tallies)

    def _tally(self, service: Service, priority: str, measure: str) -> Tally | None:
        key = (service.ref, priority, measure)
        if key in self.tallies:
            return self.tallies[key]
        target = service.target(priority)
        text = target.field(measure) if target else None
        promise = self.times.service_promise(service, text)
        if promise is None:
            if text is not None:
                self.notes.append(f"{service.ref} {priority} {measure} {text.value} cannot be"
                                  " counted (its duration or calendar has a problem:"
                                  " run sla-lint check)")
            return None
        tally = Tally(key, self._clock(promise.duration, promise.calendar), self.period,
                      self.on_ticket)
        self.tallies[key] = tally
        return tally

    def _clock(self, duration: Duration, calendar: Calendar) -> Clock:
        """One clock per duration and calendar, shared by the promises that have them."""
        key = (duration, id(calendar))  # the clock keeps the calendar, and so its id
        clock = self.clocks.get(key)
        if clock is None:
            clock = self.clocks[key] = Clock(duration, calendar, self.timelines)
        return clock

    def finish(self) -> AttainmentReport:
        as_of = self.options.as_of if self.options.as_of is not None else self.latest
        order = sorted(self.tallies, key=self._order)
        risky = {key: self.tallies[key].settle(as_of, self.options.risk) for key in order}
        rows = tuple(self._row(self.tallies[key], len(risky[key])) for key in order)
        at_risk = sorted((r for key in order for r in risky[key]),
                         key=lambda r: (-r.share, r.due, r.id))
        return AttainmentReport(
            as_of, rows, self._trend(), tuple(at_risk), tuple(self.problems),
            self.problem_count, self.used, tuple(dict.fromkeys(self.notes)), self.options.by)

    def _order(self, key: tuple[str, str, str]) -> tuple[str, int, int]:
        return (key[0], self.ladder.index(key[1]), MEASURES.index(key[2]))

    def _row(self, tally: Tally, at_risk: int) -> Row:
        ref, priority, measure = tally.key
        service = self.catalogue.service_index[ref]
        target = service.target(priority)
        text = target.field(measure) if target else None
        loc = text.loc if text is not None else service.loc
        return Row(service.department, ref, priority, measure, text.value if text else "",
                   self.times.calendar_name_of(service),
                   tally.met + tally.breached + tally.open, tally.met, tally.breached,
                   tally.open, at_risk, tally.lateness(),
                   tally.realistic(self.options.realistic), Location(*loc))

    def _trend(self) -> tuple[TrendRow, ...]:
        if self.options.by is None:
            return ()
        rows: list[TrendRow] = []
        for key in sorted(self.tallies, key=self._order):
            for period, (met, breached, still) in sorted(self.tallies[key].periods.items()):
                rows.append(TrendRow(*key, period, met + breached + still, met, breached,
                                     still))
        return tuple(rows)


def _service_names(catalogue: Catalogue) -> dict[str, Service]:
    """Services by reference, and by title or bare name (casefolded) where that is unique."""
    names: dict[str, Service] = {}
    clashes: set[str] = set()
    for service in catalogue.services():
        for alias in {service.title.casefold(), service.name.value.casefold()}:
            if alias in names and names[alias] is not service:
                clashes.add(alias)
            names[alias] = service
    for alias in clashes:
        del names[alias]
    names.update(catalogue.service_index)
    return names


def attainment(catalogue: Catalogue, sources: Sequence[str],
               options: AttainmentOptions | None = None,
               on_ticket: TicketSink | None = None,
               on_problem: ProblemSink | None = None) -> AttainmentReport:
    """Hold every ticket of the exports ``sources`` against the catalogue's promises.

    Raises :class:`TicketsUnusable` when a file cannot be used at all.
    """
    run = _Run(catalogue, options or AttainmentOptions(), on_ticket, on_problem)
    for path in sources:
        probe(path, run.options.reading)
    for path in sources:
        run.read(path)
    return run.finish()


def parse_moment(text: str) -> int:
    """An ``--as-of`` time (ISO 8601 with an offset) in microseconds (raises ValueError)."""
    moment = dt.datetime.fromisoformat(text.strip())
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{text!r} has no UTC offset; write it like 2027-03-31T17:00:00+00:00")
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    return (moment - epoch) // dt.timedelta(microseconds=1)
