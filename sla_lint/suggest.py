"""Spelling help for messages: "did you mean ...?"."""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Iterable, Sequence

# difflib compares slowly: among more than _ALL choices (all time zones are fewer), only the
# _COMPARED nearest (same beginning, then length) are compared, so thousands of names and
# thousands of bad references cannot make a run take hours
_ALL = 1_000
_COMPARED = 100


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``word``, if any is close enough to be a likely typo."""
    options = sorted(set(choices))
    if len(options) > _ALL:
        options = sorted(heapq.nsmallest(_COMPARED, options, key=lambda c: _nearness(word, c)))
    found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not found:
        lowered = {c.lower(): c for c in options}
        found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        found = [lowered[f] for f in found]
    return found[0] if found else None


def shortlist(names: Sequence[str], limit: int = 10) -> str:
    """``a, b, c``; past ``limit`` names ``a, b, ... (12 more)``, so no message grows unbounded."""
    more = f", ... ({len(names) - limit} more)" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _nearness(word: str, choice: str) -> tuple[int, int, str]:
    """Sort key: the longer the common beginning, then the closer the length, the nearer."""
    common = next((i for i, (a, b) in enumerate(zip(word, choice, strict=False)) if a != b),
                  min(len(word), len(choice)))
    return -common, abs(len(choice) - len(word)), choice


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` or the empty string."""
    hit = closest(word, choices)
    return f"; did you mean {hit!r}?" if hit else ""
