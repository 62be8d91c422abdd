"""Render a drawing as text, Graphviz DOT, a Mermaid flowchart or node-link JSON (pure strings).

Every label goes through :func:`dot_quote` or :func:`mermaid_text`, so any title (quotes,
brackets, new lines, ``-->``, HTML) yields a valid document.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator
from itertools import groupby
from typing import Any

import networkx as nx

from sla_lint.graph.build import DEPARTMENT_LEVEL, SERVICE_LEVEL
from sla_lint.graph.drawing import Box, Drawing, Link
from sla_lint.model import Target
from sla_lint.model.catalogue import TARGET_FIELDS
from sla_lint.terminal import escape_controls

LEGEND = "solid: blocking (waits on)   dashed: non-blocking   red: infeasible or in a cycle"


def _printable(ch: str) -> bool:
    return not unicodedata.category(ch).startswith("C")


# --- text -------------------------------------------------------------------------------


def to_text(drawing: Drawing) -> str:
    """A readable view of who depends on whom, problems marked with ``!!``."""
    lines = [*_text_header(drawing), ""]
    outgoing, incoming = _by_end(drawing.links)
    width = min(48, max((len(b.id) for b in drawing.boxes), default=0))
    for box in drawing.boxes:
        if box.id in outgoing or box.id in incoming:
            lines += [f"{box.id}  ({_one_line(box.title)}; {box.calendar})"]
            lines += [row for link in outgoing.get(box.id, []) for row in
                      _text_out(drawing, link, width)]
            lines += [f"  {'<==' if link.blocking else '<--'} {link.source}"
                      for link in incoming.get(box.id, [])]
            lines.append("")
    lonely = [b.id for b in drawing.boxes if b.id not in outgoing and b.id not in incoming]
    if lonely:
        what = "services" if drawing.level == SERVICE_LEVEL else "departments"
        lines += [f"No dependencies either way ({len(lonely)} {what}):", *_wrap(lonely), ""]
    text = "\n".join(escape_controls(line) for line in [*lines, *_text_footer(drawing)])
    return text.rstrip("\n") + "\n"


def _by_end(links: tuple[Link, ...]) -> tuple[dict[str, list[Link]], dict[str, list[Link]]]:
    """Links by source, and by target (self-loops only by source)."""
    outgoing: dict[str, list[Link]] = {}
    incoming: dict[str, list[Link]] = {}
    for link in links:
        outgoing.setdefault(link.source, []).append(link)
        if link.source != link.target:
            incoming.setdefault(link.target, []).append(link)
    return outgoing, incoming


def _text_header(drawing: Drawing) -> list[str]:
    what = "services" if drawing.level == SERVICE_LEVEL else "departments"
    if len(drawing.boxes) == 1:
        what = what[:-1]
    blocking = sum(1 for link in drawing.links if link.blocking)
    focus = f", around {drawing.focus}" if drawing.focus else ""
    return [f"Dependency graph ({drawing.level} level{focus}): {len(drawing.boxes)} {what},"
            f" {_plural(len(drawing.links), 'dependency', 'dependencies')} ({blocking} blocking,"
            f" {len(drawing.links) - blocking} non-blocking)",
            "A ==> B: A waits on B (blocking)   A --> B: A relies on B without waiting"
            "   !! a problem (see sla-lint check)"]


def _text_out(drawing: Drawing, link: Link, width: int) -> list[str]:
    arrow = "==>" if link.blocking else "-->"
    marks = f"  !! {', '.join(link.marks)}" if link.marks else ""
    where = link.edges[0].loc
    detail = (f"  ({_plural(len(link.edges), 'dependency', 'dependencies')})"
              if drawing.level == DEPARTMENT_LEVEL else f"  {where.path}:{where.line}")
    notes = [f"      !! {d.code} [{d.severity.value}] {_one_line(d.message)}" for d in link.notes]
    return [f"  {arrow} {link.target:<{width}}{detail}{marks}", *notes]


def _text_footer(drawing: Drawing) -> list[str]:
    cycles = sum(1 for link in drawing.links if link.cycle)
    infeasible = sum(1 for link in drawing.links if link.infeasible)
    lines = []
    if cycles:
        lines.append(f"!! {_plural(cycles, 'dependency', 'dependencies')} in cycles")
    if infeasible:
        lines.append(f"!! {_plural(infeasible, 'dependency', 'dependencies')} that cannot be"
                     " kept in time")
    if drawing.errors or drawing.warnings:
        lines.append(f"The repo has {_plural(drawing.errors, 'error', 'errors')} and"
                     f" {_plural(drawing.warnings, 'warning', 'warnings')}:"
                     " `sla-lint check` lists them.")
    return lines


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _one_line(text: str) -> str:
    return "".join(ch if _printable(ch) else " " for ch in " ".join(text.split()))


def _wrap(words: list[str], width: int = 88) -> Iterator[str]:
    line = " "
    for word in words:
        if len(line) + len(word) + 2 > width and line.strip():
            yield line.rstrip(",")
            line = " "
        line += f" {word},"
    yield line.rstrip(",")


# --- Graphviz DOT -----------------------------------------------------------------------


def dot_quote(text: str) -> str:
    """A DOT double-quoted string showing ``text`` literally (escapes, entities, newlines)."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\\n")
        elif ch in '\\"':
            out.append("\\" + ch)
        elif ch == "&":
            out.append("&amp;")  # Graphviz decodes HTML entities in plain labels too
        else:
            out.append(ch if _printable(ch) else " ")
    return '"' + "".join(out) + '"'


def to_dot(drawing: Drawing) -> str:
    """Valid Graphviz: clusters per department at service level; red for problems."""
    lines = ['digraph "sla-lint" {',
             "  graph [rankdir=LR, fontname=Helvetica, fontsize=11, labelloc=b,"
             f" label={dot_quote(LEGEND)}];",
             "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f6f8fa\","
             " fontname=Helvetica, fontsize=10];",
             "  edge [fontname=Helvetica, fontsize=9];"]
    if drawing.level == SERVICE_LEVEL:
        for i, (_, group) in enumerate(groupby(drawing.boxes, key=lambda b: b.department)):
            lines += _dot_cluster(i, list(group))
    else:
        lines += [f"  {dot_quote(b.id)} [label={dot_quote(_department_label(b))}];"
                  for b in drawing.boxes]
    lines += [_dot_edge(link) for link in drawing.links]
    return "\n".join([*lines, "}"]) + "\n"


def _dot_cluster(index: int, boxes: list[Box]) -> list[str]:
    first = boxes[0]
    label = f"{first.department_title} ({first.department})"
    return [f"  subgraph cluster_{index} {{",
            f"    label={dot_quote(label)}; labelloc=t; style=rounded; color=\"#8c959f\";",
            *(f"    {dot_quote(b.id)} [label={dot_quote(_service_label(b))}];" for b in boxes),
            "  }"]


def _service_label(box: Box) -> str:
    name = box.id.split("/", 1)[1]
    return box.title if box.title == name else f"{box.title}\n{name}"


def _department_label(box: Box) -> str:
    return f"{box.title}\n{box.id}"


def _dot_edge(link: Link) -> str:
    attrs = [f"style={'solid' if link.blocking else 'dashed'}"]
    if link.red:
        attrs += ["color=red", "fontcolor=red", "penwidth=2",
                  f"label={dot_quote(', '.join(link.marks))}"]
    return f"  {dot_quote(link.source)} -> {dot_quote(link.target)} [{', '.join(attrs)}];"


# --- Mermaid ----------------------------------------------------------------------------

_MERMAID_PLAIN = frozenset(" -_.,/:'@+=?!")


def mermaid_text(text: str) -> str:
    """Label text for a Mermaid ``["..."]``, safe whatever ``text`` holds.

    Anything but letters, digits and a few punctuation marks becomes an entity code
    (``#34;``), so no quote, bracket, pipe, ``%`` or ``>`` reaches the parser.
    """
    out = []
    for ch in text:
        if ch == "\n":
            out.append("<br/>")
        elif ch.isalnum() or ch in _MERMAID_PLAIN:
            out.append(ch)
        else:
            out.append(f"#{ord(ch)};" if _printable(ch) else " ")
    return "".join(out)


def to_mermaid(drawing: Drawing) -> str:
    """A ``flowchart LR`` for GitHub: department subgraphs, dashed non-blocking, red problems."""
    prefix = "s" if drawing.level == SERVICE_LEVEL else "d"
    ids = {b.id: f"{prefix}{i}" for i, b in enumerate(drawing.boxes)}
    lines = ["flowchart LR"]
    if drawing.level == SERVICE_LEVEL:
        for i, (_, group) in enumerate(groupby(drawing.boxes, key=lambda b: b.department)):
            lines += _mermaid_subgraph(i, list(group), ids)
    else:
        lines += [f'  {ids[b.id]}["{mermaid_text(_department_label(b))}"]'
                  for b in drawing.boxes]
    lines += [_mermaid_edge(link, ids) for link in drawing.links]
    lines += [f"  linkStyle {i} stroke:red,stroke-width:3px,color:red"
              for i, link in enumerate(drawing.links) if link.red]
    return "\n".join(lines) + "\n"


def _mermaid_subgraph(index: int, boxes: list[Box], ids: dict[str, str]) -> list[str]:
    first = boxes[0]
    title = mermaid_text(f"{first.department_title} ({first.department})")
    return [f'  subgraph g{index}["{title}"]',
            *(f'    {ids[b.id]}["{mermaid_text(_service_label(b))}"]' for b in boxes),
            "  end"]


def _mermaid_edge(link: Link, ids: dict[str, str]) -> str:
    arrow = "-->" if link.blocking else "-.->"
    label = f"|{mermaid_text(', '.join(link.marks))}|" if link.red else ""
    return f"  {ids[link.source]} {arrow}{label} {ids[link.target]}"


# --- JSON -------------------------------------------------------------------------------


def to_json(drawing: Drawing) -> str:
    """Node-link data of networkx (``edges`` key); ``networkx.node_link_graph`` loads it."""
    graph = nx.DiGraph(level=drawing.level, focus=drawing.focus, generator="sla-lint")
    for box in drawing.boxes:
        graph.add_node(box.id, **_box_json(box))
    for link in drawing.links:
        graph.add_edge(link.source, link.target, **_link_json(link))
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _box_json(box: Box) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": box.title, "department": box.department, "file": box.loc.path,
        "line": box.loc.line, "calendar": box.calendar,
        "targets": {t.priority.value: _target_json(t) for t in box.targets}}
    if box.members:
        data["services"] = list(box.members)
    return data


def _target_json(target: Target) -> dict[str, str]:
    values = {name: target.field(name) for name in TARGET_FIELDS}
    return {name: text.value for name, text in values.items() if text is not None}


def _link_json(link: Link) -> dict[str, Any]:
    return {
        "blocking": link.blocking, "infeasible": link.infeasible, "cycle": link.cycle,
        "file": link.edges[0].loc.path, "line": link.edges[0].loc.line,
        "dependencies": [
            {"consumer": e.consumer, "provider": e.provider, "blocking": e.blocking,
             "for": [i.value for i in e.dependency.items],
             "priority": {ours.value: theirs.value for ours, theirs in e.dependency.priority_map},
             "file": e.loc.path, "line": e.loc.line}
            for e in link.edges],
        "problems": [{"code": d.code, "severity": d.severity.value, "message": d.message,
                      "file": d.path, "line": d.line} for d in link.notes],
    }


RENDERERS: dict[str, Callable[[Drawing], str]] = {
    "text": to_text,
    "dot": to_dot,
    "mermaid": to_mermaid,
    "json": to_json,
}
