"""Property tests: each ticket's deadline and status against the slow reference."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sla_lint.tickets.clock import Clock
from sla_lint.tickets.report import TicketStatus
from sla_lint.tickets.tally import Period, Tally
from sla_lint.timecalc import Calendar, Duration, parse_duration

from .reference import MIN, step_deadline
from .strategies import arrivals, calendars, durations

SETTINGS = settings(
    max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def judged(duration: Duration, calendar: Calendar, created: int, moment: int | None,
           as_of: int | None = None) -> TicketStatus:
    seen: list[TicketStatus] = []
    tally = Tally(("d/s", "P1", "resolution"), Clock(duration, calendar), Period(None),
                  seen.append)
    tally.add("T-1", created, moment, "t.csv", 2)
    tally.settle(as_of, 0.8)
    return seen[0]


@SETTINGS
@given(calendars(), durations(), arrivals(), st.integers(0, 8 * 1440),
       st.sampled_from(["any", "at", "after", "before"]))
def test_status_of_a_done_measure(calendar: Calendar, duration: Duration, created: int,
                                  minutes: int, where: str) -> None:
    due = step_deadline(created, duration, calendar)
    moment = {"any": created + minutes * MIN, "at": due, "after": due + 1,
              "before": max(created, due - 1)}[where]
    status = judged(duration, calendar, created, moment)
    assert status.due == due
    assert status.status == ("met" if moment <= due else "breached")


@SETTINGS
@given(calendars(), durations(), arrivals(), st.integers(0, 8 * 1440))
def test_status_of_an_open_measure(calendar: Calendar, duration: Duration, created: int,
                                   minutes: int) -> None:
    due = step_deadline(created, duration, calendar)
    as_of = created + minutes * MIN
    status = judged(duration, calendar, created, None, as_of)
    assert (status.due, status.status) == (due, "breached" if as_of > due else "open")


@SETTINGS
@given(calendars(), arrivals(), st.integers(1, 6), st.integers(1, 600))
def test_days_taken_inverts_whole_business_days(calendar: Calendar, created: int,
                                                days: int, minutes: int) -> None:
    duration = parse_duration(f"{days}bd")
    due = step_deadline(created, duration, calendar)
    clock = Clock(duration, calendar)
    assert clock.days_taken(created, due) == days
    assert days <= clock.days_taken(created, due + minutes * MIN) <= days + 1 + minutes / 60
