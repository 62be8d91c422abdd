"""Inline SVG pictures drawn by hand: a service's neighbourhood and the departments' graph.

No Graphviz and no JavaScript: the same catalogue gives the same bytes on every machine.
Boxes are placed in columns (who waits on what, left to right); every text is escaped.
Each picture has a title and a description for screen readers, and the page beside it
lists the same links as text, so the picture adds nothing a keyboard user would miss.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from html import escape
from typing import NamedTuple

BOX_W, BOX_H, GAP, COL_GAP, PAD = 236, 48, 14, 72, 12
MAX_SIDE = 8  # neighbours drawn per side; the rest are counted in a "+ N more" box
INK, MUTED, LINE, BAD, ACCENT = "#1f2937", "#4b5563", "#6b7280", "#b91c1c", "#1d4ed8"


class Box(NamedTuple):
    """A box to draw: its two lines of text and its look."""

    title: str
    subtitle: str
    kind: str  # "centre", "node" or "more"


class Edge(NamedTuple):
    """An arrow between boxes (indexes), blocking or not, red when it has a problem."""

    start: int
    end: int
    blocking: bool
    bad: bool


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


@lru_cache(maxsize=65536)
def _box_shape(box: Box) -> str:
    """A box drawn at the origin (a service appears in many pictures: drawn once)."""
    fill, stroke, ink = {"centre": (ACCENT, ACCENT, "#ffffff"),
                         "more": ("#f3f4f6", LINE, MUTED)}.get(box.kind, ("#ffffff", LINE, INK))
    sub_ink = "#ffffff" if box.kind == "centre" else MUTED
    name = escape(box.title) + (" - " + escape(box.subtitle) if box.subtitle else "")
    parts = [f'<title>{name}</title><rect width="{BOX_W}" height="{BOX_H}" rx="6" '
             f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>']
    title_y = 20 if box.subtitle else 29
    parts.append(f'<text x="10" y="{title_y}" fill="{ink}" font-size="13" '
                 f'font-weight="600">{escape(_clip(box.title, 27))}</text>')
    if box.subtitle:
        parts.append(f'<text x="10" y="37" fill="{sub_ink}" font-size="11">'
                     f'{escape(_clip(box.subtitle, 36))}</text>')
    return "".join(parts)


def _box(x: int, y: int, box: Box) -> str:
    return f'<g transform="translate({x} {y})">{_box_shape(box)}</g>'


def _arrow(x1: int, y1: int, x2: int, y2: int, edge: Edge) -> str:
    colour = BAD if edge.bad else LINE
    dash = "" if edge.blocking else ' stroke-dasharray="6 4"'
    width = "2.5" if edge.bad else "1.5"
    marker = "bad" if edge.bad else "ok"
    bend = max(30, (x2 - x1) // 2)
    return (f'<path d="M{x1} {y1} C{x1 + bend} {y1} {x2 - bend} {y2} {x2} {y2}" fill="none" '
            f'stroke="{colour}" stroke-width="{width}"{dash} marker-end="url(#arrow-{marker})"/>')


_DEFS = (f'<defs><marker id="arrow-ok" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
         f'markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="{LINE}"/></marker>'
         f'<marker id="arrow-bad" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
         f'markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="{BAD}"/></marker>'
         '</defs>')


def _column_ys(count: int, height: int) -> list[int]:
    used = count * BOX_H + max(0, count - 1) * GAP
    top = (height - used) // 2
    return [top + i * (BOX_H + GAP) for i in range(count)]


def _side(items: Sequence[tuple[Box, bool, bool]]) -> list[tuple[Box, bool, bool]]:
    if len(items) <= MAX_SIDE:
        return list(items)
    rest = len(items) - (MAX_SIDE - 1)
    return [*items[: MAX_SIDE - 1], (Box(f"+ {rest} more", "listed below", "more"), True, False)]


def neighbourhood(centre: Box, users: Sequence[tuple[Box, bool, bool]],
                  providers: Sequence[tuple[Box, bool, bool]], label: str) -> str:
    """Who waits on ``centre`` (left), ``centre``, and what it waits on (right).

    ``users`` and ``providers`` are (box, blocking, has a problem) in the order to draw.
    """
    left, right = _side(users), _side(providers)
    rows = max(len(left), len(right), 1)
    height = rows * BOX_H + (rows - 1) * GAP + 2 * PAD
    xs = (PAD, PAD + BOX_W + COL_GAP, PAD + 2 * (BOX_W + COL_GAP))
    width = xs[2] + BOX_W + PAD
    cy = _column_ys(1, height)[0]
    left_ys, right_ys = _column_ys(len(left), height), _column_ys(len(right), height)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-labelledby="nb-title" '
           f'class="picture" font-family="system-ui, sans-serif">'
           f'<title id="nb-title">{escape(label)}</title>', _DEFS]
    middle = cy + BOX_H // 2
    out.extend(_arrow(xs[0] + BOX_W, y + BOX_H // 2, xs[1], middle, Edge(0, 0, blocking, bad))
               for y, (_, blocking, bad) in zip(left_ys, left, strict=True))
    out.extend(_arrow(xs[1] + BOX_W, middle, xs[2], y + BOX_H // 2, Edge(0, 0, blocking, bad))
               for y, (_, blocking, bad) in zip(right_ys, right, strict=True))
    out.extend(_box(xs[0], y, box) for y, (box, _, _) in zip(left_ys, left, strict=True))
    out.append(_box(xs[1], cy, centre))
    out.extend(_box(xs[2], y, box) for y, (box, _, _) in zip(right_ys, right, strict=True))
    out.append("</svg>")
    return "".join(out)


def _depths(names: Sequence[str], waits: dict[str, set[str]]) -> dict[str, int]:
    """The longest chain of "waits on" below each node (cycles cut where they close)."""
    depth: dict[str, int] = {}
    for root in names:
        if root in depth:
            continue
        stack: list[tuple[str, list[str]]] = [(root, sorted(waits.get(root, ())))]
        active = {root}
        while stack:
            node, todo = stack[-1]
            while todo and (todo[-1] in depth or todo[-1] in active):
                todo.pop()
            if todo:
                child = todo.pop()
                active.add(child)
                stack.append((child, sorted(waits.get(child, ()))))
                continue
            stack.pop()
            active.discard(node)
            depth[node] = 1 + max((depth[c] for c in waits.get(node, ()) if c in depth),
                                  default=-1)
    return depth


def _down(x1: int, y1: int, x2: int, y2: int, bad: bool) -> str:
    """An arrow from the bottom of one box to the top of another (a curve when it climbs)."""
    colour, width, marker = (BAD, "2.5", "bad") if bad else (LINE, "1.5", "ok")
    bend = max(24, abs(y2 - y1) // 2)
    return (f'<path d="M{x1} {y1} C{x1} {y1 + bend} {x2} {y2 - bend} {x2} {y2}" fill="none" '
            f'stroke="{colour}" stroke-width="{width}" marker-end="url(#arrow-{marker})"/>')


def layered(nodes: dict[str, Box], waits: dict[str, set[str]],
            bad: Iterable[tuple[str, str]], label: str) -> str:
    """A whole graph in rows: who waits (top) on whom (below), so it reads down the page."""
    names = sorted(nodes, key=lambda n: (nodes[n].title.casefold(), n))
    depth = _depths(names, waits)
    top = max(depth.values(), default=0)
    rows: dict[int, list[str]] = {}
    for name in names:
        rows.setdefault(top - depth[name], []).append(name)
    widest = max((len(r) for r in rows.values()), default=1)
    width = widest * BOX_W + (widest - 1) * GAP * 2 + 2 * PAD
    row_gap = 56
    height = (top + 1) * BOX_H + top * row_gap + 2 * PAD
    place = {}
    for row, members in rows.items():
        used = len(members) * BOX_W + (len(members) - 1) * GAP * 2
        left = (width - used) // 2
        for i, name in enumerate(members):
            place[name] = (left + i * (BOX_W + GAP * 2), PAD + row * (BOX_H + row_gap))
    red = set(bad)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-labelledby="graph-title" '
           f'class="picture" font-family="system-ui, sans-serif">'
           f'<title id="graph-title">{escape(label)}</title>', _DEFS]
    for name in names:
        x1, y1 = place[name]
        for other in sorted(waits.get(name, ())):
            if other in place and other != name:
                x2, y2 = place[other]
                out.append(_down(x1 + BOX_W // 2, y1 + BOX_H, x2 + BOX_W // 2, y2,
                                 (name, other) in red))
    out.extend(_box(*place[name], nodes[name]) for name in names)
    out.append("</svg>")
    return "".join(out)
