"""The answers of ``customers`` and ``find`` as text or JSON (pure strings, no printing)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sla_lint.graph.build import Edge
from sla_lint.graph.queries import (
    Customer,
    CustomerReport,
    ExternalReach,
    FindReport,
    Handler,
    Redirect,
)
from sla_lint.model import Target
from sla_lint.model.catalogue import TARGET_FIELDS
from sla_lint.terminal import escape_controls


def _path_text(path: tuple[Edge, ...]) -> str:
    if not path:
        return ""
    steps = [path[0].consumer]
    steps += [f"{'==>' if e.blocking else '-->'} {e.provider}" for e in path]
    return " ".join(steps)


def _lines(lines: list[str]) -> str:
    """The lines of a text answer; titles and items are as typed: no control character passes."""
    return "\n".join(escape_controls(line) for line in lines) + "\n"


def _where(edge: Edge) -> str:
    return f"{edge.loc.path}:{edge.loc.line}"


def _edge_json(e: Edge) -> dict[str, Any]:
    return {"consumer": e.consumer, "provider": e.provider, "blocking": e.blocking,
            "for": [i.value for i in e.dependency.items], "file": e.loc.path,
            "line": e.loc.line}


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- customers --------------------------------------------------------------------------


def customers_text(report: CustomerReport) -> str:
    """Who depends on the subject, who could but does not, and which outsiders it reaches."""
    lines = [f"Internal customers of {report.kind} {report.name} ({report.title})",
             "A ==> B: A waits on B (blocking)   A --> B: A relies on B without waiting", ""]
    lines += _section(f"Direct ({len(report.direct)})", [_direct(c) for c in report.direct])
    lines += _section(f"Through others ({len(report.transitive)})",
                      [_transitive(c) for c in report.transitive])
    lines += _section(f"Allowed by customers but not depending on it ({len(report.silent)})",
                      [f"  {', '.join(report.silent)}"] if report.silent else [])
    lines += _section(f"External customers reached ({len(report.external)})",
                      [_reach(r) for r in report.external])
    return _lines([*lines, _hurt(report)])


def _hurt(report: CustomerReport) -> str:
    hurt = [c.service for c in (*report.direct, *report.transitive) if c.hurt]
    if not hurt:
        return f"Nothing waits on {report.name}: a slip delays no other service's promise."
    return (f"If {report.name} slips, these wait on it (directly or through others):"
            f" {', '.join(hurt)}.")


def _section(title: str, rows: list[str]) -> list[str]:
    return [f"{title}:", *(rows or ["  (none)"]), ""]


def _direct(c: Customer) -> str:
    e = c.path[0]
    items = f" for {', '.join(i.value for i in e.dependency.items)}" if e.dependency.items else ""
    kind = "blocking" if e.blocking else "non-blocking"
    return f"  {c.service}  {kind}{items}  ({_where(e)})"


def _transitive(c: Customer) -> str:
    mark = "waits on it" if c.hurt else "relies on it without waiting"
    return f"  {c.service}  {mark}: {_path_text(c.path)}"


def _reach(r: ExternalReach) -> str:
    if not r.path:
        return f"  {r.service} itself serves external customers"
    return f"  {r.service} serves external customers: {_path_text(r.path)}"


def customers_json(report: CustomerReport) -> str:
    """The same answer as one JSON object."""
    return _dump({
        "name": report.name, "kind": report.kind, "title": report.title,
        "services": list(report.services),
        "direct": [_customer_json(c) for c in report.direct],
        "transitive": [_customer_json(c) for c in report.transitive],
        "allowed_not_depending": list(report.silent),
        "external": [{"service": r.service, "path": [_edge_json(e) for e in r.path]}
                     for r in report.external],
    })


def _customer_json(c: Customer) -> dict[str, Any]:
    return {"service": c.service, "department": c.department, "blocking": c.hurt,
            "path": [_edge_json(e) for e in c.path]}


# --- find -------------------------------------------------------------------------------


def find_text(report: FindReport) -> str:
    """Who handles the item with how to reach them; redirects; close matches just as fully."""
    if report.found:
        lines = [f"{report.query!r} is handled by"
                 f" {', '.join(h.service.ref for h in report.handlers)}", ""]
        for handler in report.handlers:
            lines += [*_handler(handler), ""]
    else:
        lines = [f"No service includes {report.query!r}.", ""]
    if report.redirects:
        lines.append("Excluded by:")
        lines += [f"  {r.service}: {_redirect_text(r)}"
                  f"  ({r.item.loc.path}:{r.item.loc.line}){'  [near match]' if r.near else ''}"
                  for r in report.redirects]
        lines.append("")
    if report.near:
        lines += ["Near matches (a partial word, a spelling slip or only some of the words):",
                  ""]
        for handler in report.near:
            lines += [*_handler(handler), ""]
    if report.more:
        lines += [f"{report.more} more match(es) not shown: add a word, or --limit 0 for all.",
                  ""]
    return _lines(lines).rstrip("\n") + "\n"


def _redirect_text(r: Redirect) -> str:
    said = f"excludes {r.item.value!r}"
    if r.redirect is None:
        return f"{said} and gives no redirect"
    return (f"{said}, redirects to {r.redirect}"
            + ("" if r.redirect_handles else " (which does not list it either)"))


_FOUND_AS = {"item": "listed as:", "synonym": "known as:", "title": "title:",
             "description": "described:"}


def _handler(h: Handler) -> list[str]:
    service, dept = h.service, h.department
    lines = [f"{service.ref}: {service.title}",
             f"  {_FOUND_AS[h.field]:<11} {h.item.value!r} ({h.item.loc.path}:{h.item.loc.line})"]
    if dept is not None:
        lead = f", lead {dept.lead}" if dept.lead else ""
        lines.append(f"  department: {dept.title} ({dept.name.value}){lead}")
        lines += _aligned("contacts", [f"{c.channel} {c.address}" for c in dept.contacts])
    lines.append(f"  calendar:   {h.calendar}")
    lines += _aligned("targets", [_target_text(t) for t in service.targets])
    return lines


def _aligned(label: str, rows: list[str]) -> list[str]:
    return [f"  {(label + ':') if i == 0 else '':<11} {row}" for i, row in enumerate(rows)]


def _target_text(target: Target) -> str:
    parts = [f"{name} {text.value}" for name in TARGET_FIELDS
             if (text := target.field(name)) is not None]
    return f"{target.priority.value}  {', '.join(parts)}"


def find_json(report: FindReport) -> str:
    """The same answer as one JSON object."""
    return _dump({
        "query": report.query, "found": report.found,
        "handlers": [_handler_json(h) for h in report.handlers],
        "excluded_by": [{"service": r.service, "item": r.item.value, "redirect": r.redirect,
                         "redirect_handles_it": r.redirect_handles, "file": r.item.loc.path,
                         "line": r.item.loc.line, "near": r.near} for r in report.redirects],
        "near": [_handler_json(h) for h in report.near],
        "more": report.more,
    })


def _handler_json(h: Handler) -> dict[str, Any]:
    dept = h.department
    return {
        "service": h.service.ref, "title": h.service.title, "item": h.item.value,
        "matched": h.field, "near": h.near,
        "file": h.item.loc.path, "line": h.item.loc.line,
        "department": h.service.department, "department_title": dept.title if dept else None,
        "lead": dept.lead if dept else None,
        "contacts": [{"channel": c.channel, "address": c.address}
                     for c in (dept.contacts if dept else ())],
        "calendar": h.calendar,
        "targets": {t.priority.value: {name: text.value for name in TARGET_FIELDS
                                       if (text := t.field(name)) is not None}
                    for t in h.service.targets},
    }


CUSTOMER_FORMATS: dict[str, Callable[[CustomerReport], str]] = {
    "text": customers_text, "json": customers_json}
FIND_FORMATS: dict[str, Callable[[FindReport], str]] = {"text": find_text, "json": find_json}
