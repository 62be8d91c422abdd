"""The time engine: durations, business calendars, deadlines and exact comparisons."""

from __future__ import annotations

from sla_lint.timecalc.calendars import (
    ALWAYS_OPEN,
    Calendar,
    SpanError,
    describe_local,
    find_overlaps,
    known_zones,
    parse_clock_span,
    zone_exists,
)
from sla_lint.timecalc.comparison import (
    Comparison,
    Moment,
    compare,
    compare_window,
    horizon_years,
)
from sla_lint.timecalc.deadlines import NeverOpen, deadline
from sla_lint.timecalc.durations import Duration, DurationError, Unit, parse_duration

__all__ = [
    "ALWAYS_OPEN",
    "Calendar",
    "Comparison",
    "Duration",
    "DurationError",
    "Moment",
    "NeverOpen",
    "SpanError",
    "Unit",
    "compare",
    "compare_window",
    "deadline",
    "describe_local",
    "find_overlaps",
    "horizon_years",
    "known_zones",
    "parse_clock_span",
    "parse_duration",
    "zone_exists",
]
