"""Matching a question against the index, and ranking what it finds.

Each word of the question is looked up among the index's words: the same word (4),
the same stem (3: ``laptops`` for ``laptop``), a word it begins (2: ``lapt`` while
typing), or, only when the word is none of these anywhere, a word spelt nearly alike
(1: ``labtop``, the word or its stem one slip away). A phrase scores the best of each
question word, weighted by how rare that word is, and a service the best of its phrases
for each word (one hit per service, and one per service that turns the thing away).
Services holding every word come first, and when none does, those holding the most;
then by score, then the field of the phrase shown (item, other name, title, excluded
item, description), then the service's reference.
``search.js`` does exactly the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sla_lint.search.index import EXCLUDED, FIELD_NAMES, FIELD_WEIGHTS, NO_REDIRECT, Index
from sla_lint.search.text import MIN_PREFIX, query_words, stem, typo_allowance, within

SAME, STEM, PREFIX, TYPO = 4, 3, 2, 1
KIND_NAMES = {SAME: "same word", STEM: "word form", PREFIX: "beginning", TYPO: "spelling"}


@dataclass(frozen=True)
class Hit:
    """A service found for a question, and by which of its phrases."""

    service: int  # position in Index.services
    entry: int  # position in Index.entries: the phrase that matched best
    found: int  # how many words of the question the phrase holds
    asked: int  # how many words the question has
    score: int
    weakest: int  # the weakest way a found word matched (SAME ... TYPO)

    @property
    def near(self) -> bool:
        """True unless every word was found as written or in another form of it."""
        return self.found < self.asked or self.weakest < STEM


def search(index: Index, text: str) -> tuple[Hit, ...]:
    """The services that match ``text``, best first; empty when nothing comes close.

    A service holds the words of all its phrases together (``laptop monitor`` finds the
    service listing both); the phrase shown is the one that holds the most of them.
    """
    asked = query_words(text)
    per_word = [_phrase_kinds(index, word) for word in asked]
    rarity = tuple(16 - min(15, len(kinds).bit_length()) for kinds in per_word)
    kinds_of: dict[tuple[int, bool], list[int]] = {}
    shown_by: dict[tuple[int, bool], tuple[int, ...]] = {}
    for phrase in sorted({p for kinds in per_word for p in kinds}):
        here = [kinds.get(phrase, 0) for kinds in per_word]
        found, score = _tally(here, rarity)
        for number in index.by_phrase[phrase]:
            entry = index.entries[number]
            key = (entry.service, entry.field == EXCLUDED)
            held = kinds_of.setdefault(key, [0] * len(asked))
            held[:] = [max(a, b) for a, b in zip(held, here, strict=True)]
            rank = (-found, -score, -FIELD_WEIGHTS[entry.field], number)
            if key not in shown_by or rank < shown_by[key]:
                shown_by[key] = rank
    hits = [_hit(key[0], shown_by[key][-1], held, rarity) for key, held in kinds_of.items()]
    hits.sort(key=lambda hit: _rank(index, hit))
    most = max((hit.found for hit in hits), default=0)
    return tuple(hit for hit in hits if hit.found == most)


def _tally(kinds: list[int], rarity: tuple[int, ...]) -> tuple[int, int]:
    """(words found, score) of the best way each asked word matched."""
    return (sum(1 for kind in kinds if kind),
            sum(kind * weight for kind, weight in zip(kinds, rarity, strict=True)))


def _hit(service: int, entry: int, kinds: list[int], rarity: tuple[int, ...]) -> Hit:
    found, score = _tally(kinds, rarity)
    return Hit(service, entry, found, len(kinds), score, min(k for k in kinds if k))


def _rank(index: Index, hit: Hit) -> tuple[int, ...]:
    weight = FIELD_WEIGHTS[index.entries[hit.entry].field]
    return (-hit.found, -hit.score, -weight, hit.service, hit.entry)


def _phrase_kinds(index: Index, word: str) -> dict[int, int]:
    """Phrase -> the best way ``word`` matched a word of it."""
    phrases: dict[int, int] = {}
    for number, kind in _word_kinds(index, word):
        for phrase in index.postings[number]:
            if phrases.get(phrase, 0) < kind:
                phrases[phrase] = kind
    return phrases


def _word_kinds(index: Index, word: str) -> list[tuple[int, int]]:
    """(index word, how it matches ``word``) for every index word it matches."""
    root = stem(word)
    found = [(n, kind) for n, kind in enumerate(_kinds(index, word, root)) if kind]
    allowance = typo_allowance(word)
    if found or not allowance:
        return found
    return [(n, TYPO) for n, (other, other_root) in enumerate(zip(index.words, index.stems,
                                                                  strict=True))
            if within(word, other, allowance) or within(root, other_root, allowance)]


def _kinds(index: Index, word: str, root: str) -> Iterable[int]:
    partial = len(word) >= MIN_PREFIX
    for other, other_root in zip(index.words, index.stems, strict=True):
        if other == word:
            yield SAME
        elif other_root == root:
            yield STEM
        elif partial and other.startswith(word):
            yield PREFIX
        else:
            yield 0


@dataclass(frozen=True)
class Shown:
    """A hit in words: what the site and ``find`` show for it."""

    ref: str
    title: str
    department: str
    department_title: str
    url: str
    department_url: str
    field: str  # item, synonym, title, excluded, description
    text: str  # the phrase that matched, as written
    redirect: str | None  # for an excluded item: the service to go to, when known
    redirect_url: str | None
    redirect_title: str | None
    near: bool


def shown(index: Index, hit: Hit) -> Shown:
    """The words and links of a hit."""
    entry = index.entries[hit.entry]
    service = index.services[entry.service]
    to = index.services[entry.redirect] if entry.redirect != NO_REDIRECT else None
    return Shown(service.ref, service.title, service.department, service.department_title,
                 service.url, service.department_url, FIELD_NAMES[entry.field],
                 index.phrases[entry.phrase],
                 to.ref if to else None, to.url if to else None, to.title if to else None,
                 hit.near)
