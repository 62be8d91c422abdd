"""A small trend chart of attainment per period, as a self-contained SVG string."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from sla_lint.tickets.report import TrendRow

_PAD = 4


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def trend_svg(rows: Sequence[TrendRow], width: int = 240, height: int = 64,
              goal: float | None = None, title: str = "") -> str:
    """Draw attainment (0-100%) per period, oldest left; periods with nothing decided are gaps.

    ``goal`` (0-1) draws a dashed line at the attainment the policy asks for. The same
    rows always give the same bytes.
    """
    label = title or _describe(rows)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
             f' viewBox="0 0 {width} {height}" role="img" aria-label={quoteattr(label)}>',
             f"<title>{escape(label)}</title>",
             f'<rect x="0" y="0" width="{width}" height="{height}" fill="none"'
             ' stroke="#ccc"/>']
    if goal is not None:
        y = _y(goal, height)
        parts.append(f'<line x1="{_PAD}" y1="{_num(y)}" x2="{width - _PAD}" y2="{_num(y)}"'
                     ' stroke="#b00" stroke-dasharray="3 2"/>')
    for segment in _segments(rows, width, height):
        points = " ".join(f"{_num(x)},{_num(y)}" for x, y in segment)
        parts.append(f'<polyline points="{points}" fill="none" stroke="#236" stroke-width="1.5"/>')
    for x, y, row in _points(rows, width, height):
        tip = f"{row.period}: {row.met} of {row.met + row.breached} kept"
        parts.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="2" fill="#236">'
                     f"<title>{escape(tip)}</title></circle>")
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _describe(rows: Sequence[TrendRow]) -> str:
    if not rows:
        return "attainment trend: no tickets"
    first = rows[0]
    return (f"attainment of {first.service} {first.priority} {first.measure}"
            f" from {first.period} to {rows[-1].period}")


def _y(value: float, height: int) -> float:
    return _PAD + (1.0 - value) * (height - 2 * _PAD)


def _points(rows: Sequence[TrendRow], width: int,
            height: int) -> list[tuple[float, float, TrendRow]]:
    step = (width - 2 * _PAD) / max(len(rows) - 1, 1)
    out = []
    for i, row in enumerate(rows):
        kept = row.attainment
        if kept is not None:
            x = _PAD + i * step if len(rows) > 1 else width / 2
            out.append((x, _y(kept, height), row))
    return out


def _segments(rows: Sequence[TrendRow], width: int,
              height: int) -> list[list[tuple[float, float]]]:
    """Runs of consecutive periods with a value (a gap breaks the line)."""
    segments: list[list[tuple[float, float]]] = []
    previous = -2
    index = {id(row): i for i, row in enumerate(rows)}
    for x, y, row in _points(rows, width, height):
        i = index[id(row)]
        if i != previous + 1 or not segments:
            segments.append([])
        segments[-1].append((x, y))
        previous = i
    return [s for s in segments if len(s) > 1]
