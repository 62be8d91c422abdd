"""The attainment's fast paths give exactly what the careful paths give.

The compiled open time and business days taken against ``Timeline.accumulated`` and
``_days_taken``, on random calendars, arrivals and moments, including where they give up.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sla_lint.tickets.clock import Clock, _days_taken, year_of
from sla_lint.tickets.fastclock import accumulator, days_taker
from sla_lint.timecalc import Calendar
from sla_lint.timecalc.durations import parse_duration
from sla_lint.timecalc.timeline import OutOfRange, covering

from .timecalc.strategies import arrivals, calendars

SLOW = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
DAY = 86_400 * 10**6


def outcome(call: Callable[[], float]) -> float | str:
    try:
        return call()
    except OutOfRange:
        return "out of range"
    except IndexError:
        return "index"


@SLOW
@given(calendars(), arrivals(), st.integers(0, 40 * DAY), st.integers(0, 3 * DAY))
def test_days_taken_and_open_time_match_the_careful_ones(calendar: Calendar, t: int,
                                                         later: int, jitter: int) -> None:
    year = (t // (365 * DAY)) + 1970
    tl = covering(calendar, year, year, 14)
    taken, accumulated = days_taker(tl), accumulator(tl)
    for created in (t, tl.lo, tl.lo - 1, tl.hi - jitter - 1):
        for moment in (created + later, created + jitter, created, tl.hi - 1, tl.hi + later):
            assert outcome(lambda c=created, m=moment: taken(c, m)) == \
                outcome(lambda c=created, m=moment: _days_taken(tl, c, m))
        assert outcome(lambda c=created: accumulated(c)) == \
            outcome(lambda c=created: tl.accumulated(c))


@SLOW
@given(calendars(), arrivals(), st.lists(st.tuples(st.integers(-400 * DAY, 400 * DAY),
                                                   st.integers(-DAY, 100 * DAY)), max_size=6))
def test_open_time_on_the_kept_timeline_matches_a_fresh_one(calendar: Calendar, t: int,
                                                            spans: list[tuple[int, int]]) -> None:
    clock = Clock(parse_duration("2bd"), calendar)
    for shift, length in spans:
        start = max(t + shift, 0)
        careful = clock._open_between(start, start + length, year_of(start),
                                      year_of(start + max(length, 0)), 100) if length > 0 else 0
        assert clock.open_between(start, start + length) == careful
