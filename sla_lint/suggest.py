"""Spelling help for messages: "did you mean ...?".

A broken repo may hold thousands of bad references against thousands of names (a
department renamed with hundreds of dependants). A :class:`Speller` is made once for a
set of names (the reference rules keep one per catalogue) and memoises its answer per
word; among more than :data:`_ALL` names only the :data:`_COMPARED` nearest in sorted
order (those sharing the longest beginning with the word) are compared by difflib,
found by bisection rather than by sorting all names for each word. A speller answers at
most :data:`_WORDS` distinct words: past them (only a hostile repo gets there) messages
go without the hint, so thousands of misspellings cannot make a run take minutes.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Iterable, Sequence

_ALL = 1_000
_COMPARED = 50
_WORDS = 200  # distinct words a speller answers; past them, a hostile repo gets no hints


class Speller:
    """The closest of one set of names to any word, memoised per word."""

    def __init__(self, choices: Iterable[str]) -> None:
        self.options = sorted(set(choices))
        self._memo: dict[str, str | None] = {}

    def closest(self, word: str) -> str | None:
        """The name closest to ``word``, if any is close enough to be a likely typo."""
        if word not in self._memo:
            if len(self._memo) >= _WORDS:
                return None
            self._memo[word] = self._closest(word)
        return self._memo[word]

    def _closest(self, word: str) -> str | None:
        options = self._near(word)
        found = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
        if not found:
            lowered = {c.lower(): c for c in options}
            found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
            found = [lowered[f] for f in found]
        return found[0] if found else None

    def _near(self, word: str) -> list[str]:
        """All names, or past :data:`_ALL` the :data:`_COMPARED` around ``word`` in order."""
        if len(self.options) <= _ALL:
            return self.options
        at = bisect_left(self.options, word)
        start = max(0, min(at - _COMPARED // 2, len(self.options) - _COMPARED))
        return self.options[start:start + _COMPARED]


def closest(word: str, choices: Iterable[str] | Speller) -> str | None:
    """The choice closest to ``word``, if any is close enough to be a likely typo.

    Pass a :class:`Speller` to ask about many words against the same names.
    """
    return (choices if isinstance(choices, Speller) else Speller(choices)).closest(word)


def shortlist(names: Sequence[str], limit: int = 10) -> str:
    """``a, b, c``; past ``limit`` names ``a, b, ... (12 more)``, so no message grows unbounded."""
    more = f", ... ({len(names) - limit} more)" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def did_you_mean(word: str, choices: Iterable[str] | Speller) -> str:
    """``"; did you mean 'x'?"`` or the empty string."""
    hit = closest(word, choices)
    return f"; did you mean {hit!r}?" if hit else ""
