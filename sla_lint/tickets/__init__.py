"""Promises against what happened: ticket exports read and held against the catalogue.

The API the command line and the site use::

    from sla_lint.tickets import AttainmentOptions, attainment, trend_svg
    report = attainment(catalogue, ["tickets.csv"], AttainmentOptions(by="month"))
    for row in report.rows_of("it-service-desk/laptop-provisioning"): ...
    svg = trend_svg(report.trend_of(service, "P2", "resolution"))
"""

from __future__ import annotations

from sla_lint.tickets.chart import trend_svg
from sla_lint.tickets.compute import BY, AttainmentOptions, attainment, parse_moment
from sla_lint.tickets.exports import Problem, ReadOptions, TicketsUnusable
from sla_lint.tickets.presets import PRESETS
from sla_lint.tickets.report import (
    AtRisk,
    AttainmentReport,
    Lateness,
    Realistic,
    Row,
    TicketStatus,
    Total,
    TrendRow,
)

__all__ = [
    "BY",
    "PRESETS",
    "AtRisk",
    "AttainmentOptions",
    "AttainmentReport",
    "Lateness",
    "Problem",
    "ReadOptions",
    "Realistic",
    "Row",
    "TicketStatus",
    "TicketsUnusable",
    "Total",
    "TrendRow",
    "attainment",
    "parse_moment",
    "trend_svg",
]
