"""Piecewise bounds and the comparison that scans only what they leave open.

:func:`window_pieces` must hold on each piece on its own, :func:`kept` must give exactly
the verdict of the full :func:`compare`, and the same-calendar business-hours rule of
``TimeModel.provably_later`` must never be contradicted by the exact engine.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from types import SimpleNamespace
from typing import Any, cast

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sla_lint.diagnostics import Location
from sla_lint.model import Text
from sla_lint.rules.timing import Promise, TimeModel, more_business_hours
from sla_lint.timecalc import Calendar, Duration, Unit, compare, parse_duration
from sla_lint.timecalc.bounds import window_pieces
from sla_lint.timecalc.comparison import kept
from sla_lint.timecalc.deadlines import Spec

from .calendars_fixture import LONDON_OFFICE, NEW_YORK_9_TO_5
from .reference import MIN, delays
from .strategies import arrivals, calendars, durations

SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
Y2026 = (2026,)


@SETTINGS
@given(calendars(), durations(whole_minutes=True), arrivals(whole_minutes=True),
       st.integers(60, 3 * 1440))
def test_each_piece_bounds_its_own_arrivals(calendar: Calendar, duration: Duration,
                                            start: int, minutes: int) -> None:
    end = start + minutes * MIN
    pieces = window_pieces(Spec.of(duration), calendar, start, end)
    assume(pieces is not None)
    assert pieces is not None
    at, lows, highs = pieces
    assert at[0] == start
    assert all(a < b for a, b in pairwise(at))
    assert at[-1] < end
    for k, first in enumerate(at):
        seen = delays(calendar, duration, first, at[k + 1] if k + 1 < len(at) else end)
        assert lows[k] <= min(seen)
        assert max(seen) <= highs[k]


promises = st.tuples(
    st.sampled_from(["2h", "8h", "1d", "2bh", "4bh", "16bh", "1bd", "2bd", "3bd", "5bd",
                     "0.5bd"]).map(parse_duration),
    st.sampled_from([LONDON_OFFICE, NEW_YORK_9_TO_5]) | calendars())


@settings(max_examples=120, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(promises, promises, st.sampled_from([None, 0.0, 0.1, 0.25]))
def test_kept_is_the_exact_verdict(first: tuple[Duration, Calendar],
                                   second: tuple[Duration, Calendar],
                                   minimum: float | None) -> None:
    exact = compare(first, second, Y2026)
    verdict = exact.holds and (minimum is None or exact.slack >= minimum)
    shown = kept(first, second, Y2026, minimum)
    if shown:
        assert verdict
    fractional = any(p[0].unit is Unit.BUSINESS_DAYS and p[0].days.denominator != 1
                     for p in (first, second))
    if not fractional:  # where the pieces exist the answer is exact, not just sound
        assert shown == verdict


def test_kept_settles_the_close_pairs_of_the_benchmark() -> None:
    four, ten = parse_duration("4bd"), parse_duration("10bd")
    assert kept((four, NEW_YORK_9_TO_5), (ten, LONDON_OFFICE), Y2026, 0.1)
    assert not kept((ten, LONDON_OFFICE), (four, NEW_YORK_9_TO_5), Y2026)
    assert not kept((four, LONDON_OFFICE), (ten, LONDON_OFFICE), (), 0.1)


def promise(text: str, calendar: Calendar) -> Promise:
    return Promise(Text(text, Location("test.yaml")), parse_duration(text), calendar, "cal")


bh = st.integers(1, 64).map(lambda n: f"{n / 4:g}bh")


@settings(max_examples=80, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(calendars(), bh, bh)
def test_more_business_hours_end_later_at_every_arrival(calendar: Calendar, more: str,
                                                        fewer: str) -> None:
    a, b = promise(more, calendar), promise(fewer, calendar)
    if more_business_hours(a, b):
        exact = compare((b.duration, calendar), (a.duration, calendar), Y2026)
        assert exact.margin >= dt.timedelta(microseconds=a.duration.micros - b.duration.micros)
        assert not compare((a.duration, calendar), (b.duration, calendar), Y2026).holds


def test_the_time_model_proves_escalation_steps_in_order() -> None:
    model = TimeModel(cast(Any, SimpleNamespace(policy=None)), 2026)  # no horizon: 2026
    later, sooner = promise("4bh", LONDON_OFFICE), promise("2bh", LONDON_OFFICE)
    assert model.provably_later(later, sooner)
    assert not model.provably_later(sooner, later)
    assert not more_business_hours(promise("4bh", NEW_YORK_9_TO_5), sooner)
