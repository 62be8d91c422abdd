"""Counting one promise's tickets as they stream past: statuses, lateness, time taken.

Memory per promise is bounded: samples for the median lateness and for the realistic time
keep at most :data:`SAMPLE_SIZE` values spread evenly over the file (every k-th, k
doubling as the file grows); only tickets still open are kept one by one (their status
waits for ``as_of``).
"""

from __future__ import annotations

import datetime as dt
import math
from array import array
from collections.abc import Callable

from sla_lint.tickets.clock import Clock
from sla_lint.tickets.report import AtRisk, Lateness, Realistic, TicketSink, TicketStatus
from sla_lint.timecalc import Unit

SAMPLE_SIZE = 4096
DAY_US = 86_400_000_000
HOUR_US = 3_600_000_000
_EPOCH_DATE = dt.date(1970, 1, 1)


class Sample:
    """Every k-th value offered, at most SAMPLE_SIZE of them (deterministic)."""

    def __init__(self) -> None:
        self.values: array[int] = array("q")
        self.extra: array[int] = array("q")
        self.stride = 1
        self.offered = 0

    def add(self, value: int, extra: int = 0) -> None:
        """Offer a value (and a companion value kept alongside it)."""
        self.offered += 1
        if not (self.offered - 1) % self.stride:
            self.keep(value, extra)

    def keep(self, value: int, extra: int) -> None:
        """Keep an offered value (the caller has counted it and checked the stride)."""
        self.values.append(value)
        self.extra.append(extra)
        if len(self.values) >= 2 * SAMPLE_SIZE:
            self.halve()

    def halve(self) -> None:
        """Keep every other value and double the stride (the sample is full)."""
        self.values = self.values[::2]
        self.extra = self.extra[::2]
        self.stride *= 2


def _plus(micros: int) -> Callable[[int], int]:
    """The deadline of an elapsed duration: ``micros`` after the arrival."""
    return lambda created: created + micros


def nearest_rank(values: list[float], wanted: float) -> float:
    """The smallest value with at least ``wanted`` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(math.ceil(wanted * len(ordered)) - 1, 0)]


class Period:
    """Labels of weeks or months for the trend, from an instant (cached per day)."""

    def __init__(self, by: str | None) -> None:
        self.by = by
        self._days: dict[int, str] = {}

    def of(self, instant: int) -> str:
        """``2027-W09`` or ``2027-03`` for the UTC day of ``instant``; "" without --by."""
        if self.by is None:
            return ""
        day = instant // DAY_US
        label = self._days.get(day)
        if label is None:
            date = _EPOCH_DATE + dt.timedelta(days=day)
            if self.by == "week":
                year, week, _ = date.isocalendar()
                label = f"{year}-W{week:02d}"
            else:
                label = f"{date.year}-{date.month:02d}"
            self._days[day] = label
        return label


class Tally:
    """One (service, priority, measure): its clock and its counts so far."""

    def __init__(self, key: tuple[str, str, str], clock: Clock, period: Period,
                 sink: TicketSink | None) -> None:
        self.key = key
        self.clock = clock
        self.period = period
        self.sink = sink
        self.met = self.breached = self.open = 0
        self.late = Sample()  # lateness, and its open time alongside (extra)
        self.worst = self.worst_business = 0
        self.taken = Sample()
        self.pending: list[tuple[str, int, int, str, int]] = []
        self.periods: dict[str, list[int]] = {}
        self.open_between = clock.open_between
        self.due = clock.due if clock.business else _plus(clock.spec.micros)
        self.whole: list[int] | None = None if period.by else self.periods.setdefault("", [0, 0, 0])

    def add(self, ident: str, created: int, moment: int | None, path: str, line: int) -> None:
        """Hold one ticket against the promise (``moment`` None: it has not happened)."""
        due = self.due(created)
        counts = self.whole
        if counts is None:
            label = self.period.of(created)
            counts = self.periods.get(label)
            if counts is None:
                counts = self.periods[label] = [0, 0, 0]
        if moment is None:
            self.pending.append((ident, created, due, path, line))
            return
        taken = self.taken
        taken.offered += 1
        if not (taken.offered - 1) % taken.stride:
            values = taken.values
            values.append(created)
            taken.extra.append(moment)
            if len(values) >= 2 * SAMPLE_SIZE:
                taken.halve()
        if moment <= due:
            self.met += 1
            counts[0] += 1
            status = "met"
        else:
            self.breached += 1
            counts[1] += 1
            self._lateness(moment - due, self.open_between(due, moment))
            status = "breached"
        if self.sink is not None:
            self.sink(TicketStatus(ident, *self.key, due, status, moment, path, line))

    def _lateness(self, late: int, business: int) -> None:
        """Count a breach, ``late`` after its deadline, ``business`` of it open time."""
        sample = self.late
        sample.offered += 1
        if not (sample.offered - 1) % sample.stride:
            sample.keep(late, business)
        if late > self.worst:
            self.worst = late
        if business > self.worst_business:
            self.worst_business = business

    def settle(self, as_of: int | None, risk: float) -> list[AtRisk]:
        """Decide the tickets still open at ``as_of``; return those at risk."""
        at_risk: list[AtRisk] = []
        for ident, created, due, path, line in self.pending:
            late = as_of is not None and as_of > due
            counts = self.periods[self.period.of(created) if self.period.by else ""]
            counts[1 if late else 2] += 1
            if late:
                self.breached += 1
            else:
                self.open += 1
                spent = self._share(created, due, as_of) if as_of is not None else 0.0
                if spent >= risk:
                    at_risk.append(AtRisk(ident, *self.key, due, round(spent, 3), path, line))
            if self.sink is not None:
                status = "breached" if late else "open"
                self.sink(TicketStatus(ident, *self.key, due, status, None, path, line))
        return at_risk

    def _share(self, created: int, due: int, as_of: int) -> float:
        total = self._spent(created, due)
        return min(self._spent(created, max(as_of, created)) / total, 1.0) if total else 1.0

    def _spent(self, start: int, end: int) -> int:
        return self.clock.open_between(start, end) if self.clock.business else end - start

    def lateness(self) -> Lateness | None:
        """The breaches that happened: median and worst, elapsed and business."""
        if not self.late.offered:
            return None
        return Lateness(self.late.offered,
                        int(nearest_rank([float(v) for v in self.late.values], 0.5)),
                        self.worst,
                        int(nearest_rank([float(v) for v in self.late.extra], 0.5)),
                        self.worst_business)

    def realistic(self, wanted: float) -> Realistic | None:
        """The time within which ``wanted`` of the answered requests were answered."""
        if not self.taken.offered:
            return None
        pairs = zip(self.taken.values, self.taken.extra, strict=True)
        unit = self.clock.duration.unit
        if unit is Unit.BUSINESS_DAYS:
            values = self.clock.days_taken_all(list(pairs))
            return _realistic(wanted, values, 1.0, "bd", len(self.taken.values))
        if unit is Unit.BUSINESS_HOURS:
            values = [float(self.clock.open_between(c, m)) for c, m in pairs]
            return _realistic(wanted, values, HOUR_US, "bh", len(self.taken.values))
        values = [float(m - c) for c, m in pairs]
        return _realistic(wanted, values, HOUR_US, "h", len(self.taken.values))


def _realistic(wanted: float, values: list[float], per: float, unit: str,
               sample: int) -> Realistic:
    value = nearest_rank(values, wanted) / per
    return Realistic(wanted, math.ceil(round(value * 10, 6)) / 10, unit, sample)
