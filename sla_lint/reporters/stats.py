"""Counts of findings per rule, for ``check --statistics`` and the Markdown summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sla_lint.diagnostics import Diagnostic


def rule_counts(diagnostics: Iterable[Diagnostic]) -> list[tuple[str, str, int]]:
    """(code, slug, count) for every rule with findings, in code order."""
    counts = Counter((d.code, d.slug) for d in diagnostics)
    return [(code, slug, n) for (code, slug), n in sorted(counts.items())]


def statistics_text(diagnostics: Iterable[Diagnostic]) -> str:
    """``Findings per rule:`` and one aligned ``CODE  slug  count`` line per rule."""
    rows = rule_counts(diagnostics)
    if not rows:
        return "Findings per rule: none\n"
    slug_width = max(len(slug) for _, slug, _ in rows)
    count_width = max(len(str(n)) for _, _, n in rows)
    lines = [f"{code}  {slug:<{slug_width}}  {n:>{count_width}}" for code, slug, n in rows]
    return "\n".join(["Findings per rule:", *lines]) + "\n"
