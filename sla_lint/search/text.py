"""Words of a text as search compares them: folded, split, stemmed, and spelt nearly alike.

Everything here has a twin in ``search.js`` that must give the same answer for the
same input (a test runs both with node on a table of words): so the rules are few,
written out by hand, and use only what both languages do alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words a question is made of but that say nothing about what is asked for.
STOP_WORDS = frozenset({
    "a", "an", "the", "my", "our", "your", "i", "me", "we", "is", "are", "am", "to", "for",
    "of", "and", "or", "in", "on", "with", "at", "by", "from", "please", "how", "do", "does",
    "can", "could", "what", "who", "where", "need", "needs", "want", "wants", "new"})

_ASCII_WORD = re.compile("[a-z0-9]+")
MIN_PREFIX = 3  # a partial word is looked up once it has this many letters
MAX_WORDS = 12  # the words of a question looked up; a longer one is cut there
_ASCII_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_VOWELS = frozenset("aeiouy")
_UNDOUBLE = frozenset("bcdfghjkmnpqrtvwx")  # a doubled consonant that -ing/-ed leave behind


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, accents and other marks dropped, ``ß`` as ``ss``: ``Café`` -> ``cafe``."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()


def words(text: str) -> tuple[str, ...]:
    """The folded words of ``text``: runs of letters and digits, everything else a break."""
    folded = fold(text)
    if folded.isascii():
        return tuple(_ASCII_WORD.findall(folded))
    found: list[str] = []
    current: list[str] = []
    for char in folded:
        if unicodedata.category(char)[0] in "LN":
            current.append(char)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return tuple(found)


def query_words(text: str) -> tuple[str, ...]:
    """The distinct words of a question worth looking up, at most :data:`MAX_WORDS`.

    ``a``, ``the``, ``please``... are dropped, and a word asked twice counts once.
    """
    kept = dict.fromkeys(w for w in words(text) if w not in STOP_WORDS)
    return tuple(kept)[:MAX_WORDS]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stem: plurals, -ing, -ed and a final -e go; other words stay as they are.

    ``laptops`` and ``laptop`` -> ``laptop``; ``resetting``, ``resets`` -> ``reset``;
    ``batteries`` -> ``battery``; ``boxes`` -> ``box``; ``printed`` -> ``print``.
    Only plain a-z words of four letters or more are touched.
    """
    if len(word) < 4 or not _ASCII_LOWER.issuperset(word):
        return word
    word = _plural(word)
    if word.endswith("ied"):
        word = word[:-3] + "y"
    for ending in ("ing", "ed"):
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= 3 and _has_vowel(base):
            word = _undouble(base)
            break
    if len(word) >= 4 and word.endswith("e") and not word.endswith("ee"):
        word = word[:-1]
    return word


def _plural(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses") or word.endswith(("xes", "zes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _has_vowel(text: str) -> bool:
    return any(c in _VOWELS for c in text)


def _undouble(word: str) -> str:
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] in _UNDOUBLE:
        return word[:-1]
    return word


def typo_allowance(word: str) -> int:
    """How many slips a word may carry: none below 4 letters, 1 from 4, 2 from 8."""
    if len(word) >= 8:
        return 2
    return 1 if len(word) >= 4 else 0


def within(a: str, b: str, limit: int) -> bool:
    """True when ``a`` becomes ``b`` in at most ``limit`` edits.

    An edit inserts, deletes or changes a letter, or swaps two neighbours (``labtop``
    and ``lpatop`` are both one edit from ``laptop``).
    """
    if abs(len(a) - len(b)) > limit:
        return False
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, before[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return False
        before, row = row, current
    return row[len(b)] <= limit
