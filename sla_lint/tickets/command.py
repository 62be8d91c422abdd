"""``sla-lint attainment``: the options read into :class:`AttainmentOptions`, one run, one report.

Kept out of ``cli.py`` so the command stays thin there; writes only through the writers of
:mod:`sla_lint.tickets.formats` and to the error stream it is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from sla_lint.model import Catalogue
from sla_lint.tickets.compute import AttainmentOptions, attainment, parse_moment
from sla_lint.tickets.exports import MINUTES_FIELD, ReadOptions, TicketsUnusable, zone_of
from sla_lint.tickets.formats import WRITERS
from sla_lint.tickets.presets import FIELDS

TICKET_SUFFIXES = (".csv", ".tsv")


class OptionProblem(ValueError):
    """An option's value cannot be used; the message names the option."""


def split_sources(first: str, paths: Sequence[str]) -> tuple[list[str], tuple[str, ...]]:
    """Ticket exports (the first argument and any ``.csv`` after it) and the repo's paths."""
    sources = [first, *(p for p in paths if p.lower().endswith(TICKET_SUFFIXES))]
    repo = tuple(p for p in paths if not p.lower().endswith(TICKET_SUFFIXES))
    return sources, repo


def pairs(values: Sequence[str], option: str, example: str) -> tuple[tuple[str, str], ...]:
    """``A=B,C=D`` (given once or more) as pairs."""
    out: list[tuple[str, str]] = []
    for value in values:
        for part in filter(None, (p.strip() for p in value.split(","))):
            key, sep, wanted = part.partition("=")
            if not sep or not key.strip() or not wanted.strip():
                raise OptionProblem(f"{option}: {part!r} is not NAME=VALUE; e.g. {example}")
            out.append((key.strip(), wanted.strip()))
    return tuple(out)


def share_of(text: str, option: str) -> float:
    """``80%`` or ``0.8`` as a share in (0, 1]."""
    raw = text.strip()
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise OptionProblem(f"{option}: {text!r} is not a share such as 80%") from None
    if not 0 < value <= 1:
        raise OptionProblem(f"{option}: {text!r} must be more than 0% and at most 100%")
    return value


def options_of(as_of: str | None, preset: str, columns: Sequence[str], timezone: str | None,
               priorities: Sequence[str], by: str | None, risk: str,
               realistic: str) -> AttainmentOptions:
    """The command line's options, checked (raises :class:`OptionProblem`)."""
    named = pairs(columns, "--columns", "created=Created,resolved=Resolved")
    for field, _ in named:
        if field not in (*FIELDS, MINUTES_FIELD):
            raise OptionProblem(f"--columns: {field!r} is not a field; the fields are"
                                f" {', '.join((*FIELDS, MINUTES_FIELD))}")
    reading = ReadOptions(preset, named, timezone,
                          pairs(priorities, "--priorities", "Urgent=P1,High=P2"))
    try:
        zone_of(timezone)
        moment = parse_moment(as_of) if as_of is not None else None
    except TicketsUnusable as exc:
        raise OptionProblem(str(exc)) from None
    except ValueError as exc:
        raise OptionProblem(f"--as-of: {exc}") from None
    return AttainmentOptions(reading, moment, by, share_of(risk, "--at-risk"),
                             share_of(realistic, "--realistic"))


def run_attainment(catalogue: Catalogue, sources: Sequence[str], fmt: str, out: TextIO,
                   err: TextIO, *, as_of: str | None = None, preset: str = "plain",
                   columns: Sequence[str] = (), timezone: str | None = None,
                   priorities: Sequence[str] = (), by: str | None = None, risk: str = "80%",
                   realistic: str = "90%") -> int:
    """Run and report; 0 every row used, 1 some left out, 2 could not run as asked."""
    try:
        options = options_of(as_of, preset, columns, timezone, priorities, by, risk,
                             realistic)
    except OptionProblem as exc:
        err.write(f"sla-lint: error: {exc}\n")
        return 2
    writer = WRITERS[fmt](out, err)
    on_ticket = writer.ticket if writer.streams_tickets else None
    try:
        report = attainment(catalogue, sources, options, on_ticket, writer.problem)
    except TicketsUnusable as exc:
        err.write(f"sla-lint: error: {exc}\n")
        return 2
    writer.finish(report)
    for note in report.notes:
        err.write(f"sla-lint: note: {note}\n")
    return 1 if report.problem_count else 0
