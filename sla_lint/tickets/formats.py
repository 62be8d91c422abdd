"""The reporters of ``sla-lint attainment``: json (streamed), text, markdown and csv.

Each writer takes its stream in the constructor, receives tickets and problems as the
run finds them, then the finished report. Cells a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) are written with a
leading apostrophe in csv and markdown.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from typing import Any, TextIO

from sla_lint.tickets.exports import Problem
from sla_lint.tickets.report import (
    AtRisk,
    AttainmentReport,
    Lateness,
    Row,
    TicketStatus,
    TrendRow,
    iso,
)

US = 1_000_000
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ("department", "service", "priority", "measure", "target", "tickets", "met",
           "breached", "open", "attainment")


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs (``'=cmd`` rather than ``=cmd``)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def human(micros: int) -> str:
    """A length of time in words a department lead reads at a glance: ``2d 3h``, ``45m``."""
    minutes = micros // (60 * US)
    if minutes < 1:
        return "under a minute" if micros > 0 else "0m"
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days}d" if days else "", f"{hours}h" if hours else "",
             f"{mins}m" if mins and not days else ""]
    return " ".join(p for p in parts if p)


def percent(value: float | None) -> str:
    """``92.1%``, or ``-`` when nothing is decided yet."""
    return "-" if value is None else f"{value * 100:.1f}%"


def realistic_sentence(row: Row) -> str | None:
    """``90% of P2 requests ... were resolved within 3.2bd, against a promise of 2bd``."""
    real = row.realistic
    if real is None:
        return None
    verb = "answered" if row.measure == "response" else "resolved"
    return (f"{real.share * 100:g}% of {row.priority} requests to {row.service} were {verb}"
            f" within {real.text}, against a promise of {row.target} ({row.calendar})")


def lateness_sentence(row: Row) -> str | None:
    """How late the breaches of a row were, elapsed and in the calendar's open time."""
    late: Lateness | None = row.late
    if late is None:
        return None
    where = f"{row.service} {row.priority} {row.measure}"
    if late.count == 1:
        return (f"{where}: 1 late, by {human(late.worst_elapsed)}"
                f" ({human(late.worst_business)} of {row.calendar} open time)")
    return (f"{where}: {late.count} late, by {human(late.median_elapsed)} at the median"
            f" ({human(late.median_business)} of {row.calendar} open time) and"
            f" {human(late.worst_elapsed)} at worst ({human(late.worst_business)} open)")


def risk_sentence(item: AtRisk) -> str:
    """One open request at risk."""
    return (f"{item.id} ({item.service} {item.priority} {item.measure}) has used"
            f" {item.share * 100:.0f}% of its time; due {iso(item.due)} ({item.path}:"
            f"{item.line})")


class Writer:
    """Base: ignores streamed tickets; problems are listed on ``err`` as they come."""

    streams_tickets = False

    def __init__(self, out: TextIO, err: TextIO | None = None) -> None:
        self.out = out
        self.err = err

    def ticket(self, status: TicketStatus) -> None:
        """A ticket's status (only the json writer lists them)."""

    def problem(self, problem: Problem) -> None:
        """A row left out."""
        if self.err is not None:
            self.err.write(f"{problem.path}:{problem.line}:{problem.column}: {problem.message}\n")

    def finish(self, report: AttainmentReport) -> None:
        """Write the report."""
        raise NotImplementedError


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
    return [line(headers), *(line(r) for r in rows)]


def _cells(row: Row) -> tuple[str, ...]:
    name = row.service.split("/", 1)[1]
    return (row.department, name, row.priority, row.measure, row.target, str(row.tickets),
            str(row.met), str(row.breached), str(row.open), percent(row.attainment))


def _trend_cells(row: TrendRow) -> tuple[str, ...]:
    return (row.service, row.priority, row.measure, row.period, str(row.tickets),
            str(row.met), str(row.breached), str(row.open), percent(row.attainment))


TREND_COLUMNS = ("service", "priority", "measure", "period", "tickets", "met", "breached",
                 "open", "attainment")


def headline(report: AttainmentReport) -> str:
    """One line: as of when, how many tickets, how many rows left out."""
    left = f"; {report.problem_count} row(s) left out" if report.problem_count else ""
    if report.as_of is None:
        return f"Attainment: no tickets{left}"
    return f"Attainment as of {iso(report.as_of)}: {report.used} ticket(s){left}"


def sections(report: AttainmentReport) -> list[tuple[str, list[str]]]:
    """The sentences after the table: realistic times, lateness, at risk, notes."""
    worst = report.worst_first()
    return [
        ("What is realistic", [s for s in map(realistic_sentence, worst) if s]),
        ("How late the breaches were", [s for s in map(lateness_sentence, worst) if s]),
        ("Open requests at risk", [risk_sentence(r) for r in report.at_risk]),
        ("Notes", list(report.notes)),
    ]


class TextWriter(Writer):
    """A table with the promise kept least first, then sentences."""

    def finish(self, report: AttainmentReport) -> None:
        lines = [headline(report), ""]
        lines += _table(COLUMNS, [_cells(r) for r in report.worst_first()])
        for title, items in sections(report):
            if items:
                lines += ["", f"{title}:", *(f"  {item}" for item in items)]
        if report.trend:
            lines += ["", f"By {report.by}:"]
            lines += _table(TREND_COLUMNS, [_trend_cells(r) for r in report.trend])
        self.out.write("\n".join(lines) + "\n")


def _md(text: str) -> str:
    return safe_cell(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return out


class MarkdownWriter(Writer):
    """For a CI job summary: the same content as text, as markdown tables and lists."""

    def finish(self, report: AttainmentReport) -> None:
        lines = [f"## {_md(headline(report))}", ""]
        lines += _md_table(COLUMNS, [_cells(r) for r in report.worst_first()])
        for title, items in sections(report):
            if items:
                lines += ["", f"### {title}", "", *(f"- {_md(item)}" for item in items)]
        if report.trend:
            lines += ["", f"### By {report.by}", ""]
            lines += _md_table(TREND_COLUMNS, [_trend_cells(r) for r in report.trend])
        self.out.write("\n".join(lines) + "\n")


CSV_COLUMNS = (*COLUMNS[:5], "calendar", *COLUMNS[5:], "at_risk", "median_late_seconds",
               "worst_late_seconds", "realistic", "realistic_share")


class CsvWriter(Writer):
    """One line per promise (or per promise and period with --by), numbers unformatted."""

    def finish(self, report: AttainmentReport) -> None:
        writer = csv.writer(self.out, lineterminator="\n")
        if report.trend:
            writer.writerow(TREND_COLUMNS)
            for t in report.trend:
                writer.writerow([safe_cell(c) for c in (
                    t.service, t.priority, t.measure, t.period, t.tickets, t.met, t.breached,
                    t.open, _number(t.attainment))])
            return
        writer.writerow(CSV_COLUMNS)
        for r in report.worst_first():
            writer.writerow([safe_cell(c) for c in _csv_row(r)])


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _csv_row(r: Row) -> tuple[object, ...]:
    late, real = r.late, r.realistic
    return (r.department, r.service, r.priority, r.measure, r.target, r.calendar, r.tickets,
            r.met, r.breached, r.open, _number(r.attainment), r.at_risk,
            late.median_elapsed // US if late else "", late.worst_elapsed // US if late else "",
            real.text if real else "", f"{real.share:g}" if real else "")


def row_json(r: Row) -> dict[str, Any]:
    """A row as the binding JSON object (plus the optional details)."""
    late, real = r.late, r.realistic
    return {
        "department": r.department, "service": r.service, "priority": r.priority,
        "measure": r.measure, "target": r.target, "calendar": r.calendar,
        "tickets": r.tickets, "met": r.met, "breached": r.breached, "open": r.open,
        "attainment": r.attainment, "at_risk": r.at_risk,
        "late": None if late is None else {
            "count": late.count, "median_elapsed_seconds": late.median_elapsed // US,
            "worst_elapsed_seconds": late.worst_elapsed // US,
            "median_open_seconds": late.median_business // US,
            "worst_open_seconds": late.worst_business // US},
        "realistic": None if real is None else {
            "share": real.share, "within": real.text, "sample": real.sample},
    }


class JsonWriter(Writer):
    """One JSON object; tickets are written as they are judged, problems kept on disk."""

    streams_tickets = True

    def __init__(self, out: TextIO, err: TextIO | None = None) -> None:
        super().__init__(out, None)
        self.count = 0
        self.problems = 0
        self.spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed in finish
            max_size=4 * 1024 * 1024, mode="w+",
            encoding="utf-8")

    def ticket(self, status: TicketStatus) -> None:
        if not self.count:
            self.out.write('{"tickets": [')
        item = {"id": status.id, "service": status.service, "priority": status.priority,
                "measure": status.measure, "due": iso(status.due), "status": status.status}
        self.out.write((",\n " if self.count else "\n ") + json.dumps(item))
        self.count += 1

    def problem(self, problem: Problem) -> None:
        item = {"path": problem.path, "line": problem.line, "column": problem.column,
                "message": problem.message}
        self.spool.write((",\n " if self.problems else "\n ") + json.dumps(item))
        self.problems += 1

    def finish(self, report: AttainmentReport) -> None:
        self.out.write(('' if self.count else '{"tickets": [') + '],\n"problems": [')
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, self.out)
        self.spool.close()
        rest = {
            "as_of": iso(report.as_of) if report.as_of is not None else None,
            "rows": [row_json(r) for r in report.rows],
            "trend": [{"service": t.service, "priority": t.priority, "measure": t.measure,
                       "period": t.period, "tickets": t.tickets, "met": t.met,
                       "breached": t.breached, "open": t.open, "attainment": t.attainment}
                      for t in report.trend],
            "at_risk": [{"id": a.id, "service": a.service, "priority": a.priority,
                         "measure": a.measure, "due": iso(a.due), "share": a.share}
                        for a in report.at_risk],
            "notes": list(report.notes),
        }
        body = json.dumps(rest, indent=1)[1:-1]
        self.out.write("],\n" + body.strip("\n") + "\n}\n")


WRITERS: dict[str, type[Writer]] = {
    "text": TextWriter, "json": JsonWriter, "markdown": MarkdownWriter, "csv": CsvWriter}
