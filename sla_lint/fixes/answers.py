"""The answer of ``sla-lint fastest`` as text or JSON (pure strings, no printing)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sla_lint.fixes.advice import percent
from sla_lint.fixes.fastest import FastestReport, Reason, Row
from sla_lint.terminal import escape_controls


def fastest_text(report: FastestReport) -> str:
    """One paragraph per priority: the fastest resolution, what bounds it, the limits."""
    slack = f"; policy min_slack {percent(report.min_slack)}" if report.min_slack else ""
    lines = [f"Fastest resolution {report.service} can promise (calendar {report.calendar}"
             f"{slack})", ""]
    for row in report.rows:
        lines += _row_lines(row)
    return "\n".join(escape_controls(line) for line in lines) + "\n"


def _row_lines(row: Row) -> list[str]:
    facts = [f"now {row.resolution}" if row.resolution else "no resolution now"]
    if row.limit:
        facts.append(f"limit {row.limit}")
    head = f"{row.priority} resolution: "
    if row.collision:
        return [f"{head}none fits ({', '.join(facts)})", f"  {row.collision}", ""]
    if row.fastest is None:
        return [f"{head}any ({', '.join(facts)})",
                f"  It waits on no blocking dependency for {row.priority}.", ""]
    why = f"  Bound: {row.reason.words}." if row.reason else "  Nothing bounds it further."
    return [f"{head}{row.fastest} ({', '.join(facts)})", why, ""]


def fastest_json(report: FastestReport) -> str:
    """The report as one JSON object (see docs/cli.md)."""
    data = {"service": report.service, "calendar": report.calendar,
            "min_slack": report.min_slack, "priorities": [_row(row) for row in report.rows]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _row(row: Row) -> dict[str, Any]:
    return {"priority": row.priority, "resolution": row.resolution, "fastest": row.fastest,
            "bound": _reason(row.reason) if row.reason else None, "limit": row.limit,
            "collision": row.collision, "response": row.response,
            "response_limit": row.response_limit}


def _reason(reason: Reason) -> dict[str, Any]:
    at = reason.at
    return {"kind": reason.kind, "service": reason.service, "priority": reason.priority,
            "promise": reason.promise, "path": at.path, "line": at.line, "column": at.column,
            "slack": reason.slack, "text": reason.words}


FASTEST_FORMATS: dict[str, Callable[[FastestReport], str]] = {
    "text": fastest_text, "json": fastest_json}
