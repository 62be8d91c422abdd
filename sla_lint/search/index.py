"""The search index: every phrase people may look for, the words in it, and whose it is.

Built once from the catalogue (services, their scope items, names they are also known
by, what they turn away and where to), kept as plain tuples of numbers and strings so
that the same index serves the Python matcher and, written out as JSON, the browser's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sla_lint.model import Catalogue, Department, Service
from sla_lint.search.text import stem, words

FORMAT_VERSION = 1

# What a phrase is to its service, and how much a match on it weighs in the ranking.
ITEM, SYNONYM, TITLE, EXCLUDED, DESCRIPTION = range(5)
FIELD_NAMES = ("item", "synonym", "title", "excluded", "description")
FIELD_WEIGHTS = (4, 4, 3, 2, 1)
NO_REDIRECT = -1


class IndexedService(NamedTuple):
    """A service as a search hit shows it."""

    ref: str
    title: str
    department: str
    department_title: str
    url: str
    department_url: str


class Entry(NamedTuple):
    """One phrase of one service: an item, another name, the title, a turned-away item..."""

    service: int  # position in Index.services
    field: int  # ITEM, SYNONYM, TITLE, EXCLUDED or DESCRIPTION
    phrase: int  # position in Index.phrases
    redirect: int  # for EXCLUDED: the service to go to instead, or NO_REDIRECT


@dataclass(frozen=True)
class Index:
    """Services, phrases, entries, and the sorted words with the phrases each occurs in."""

    services: tuple[IndexedService, ...]
    phrases: tuple[str, ...]
    entries: tuple[Entry, ...]
    words: tuple[str, ...]
    postings: tuple[tuple[int, ...], ...]  # per word: the phrases holding it, ascending
    stems: tuple[str, ...] = field(init=False)
    by_phrase: tuple[tuple[int, ...], ...] = field(init=False)  # per phrase: its entries

    def __post_init__(self) -> None:
        object.__setattr__(self, "stems", tuple(stem(w) for w in self.words))
        owners: list[list[int]] = [[] for _ in self.phrases]
        for number, entry in enumerate(self.entries):
            owners[entry.phrase].append(number)
        object.__setattr__(self, "by_phrase", tuple(tuple(o) for o in owners))

    def payload(self) -> dict[str, Any]:
        """The index as JSON data, the form ``search.js`` reads.

        Each department is written once, services point to it by position, and entries
        are flattened into one list of numbers: less to load.
        """
        departments = {(s.department, s.department_title, s.department_url): None
                       for s in self.services}
        number = {d: n for n, d in enumerate(departments)}
        return {"version": FORMAT_VERSION,
                "departments": [list(d) for d in departments],
                "services": [[s.ref, s.title, s.url,
                              number[s.department, s.department_title, s.department_url]]
                             for s in self.services],
                "phrases": list(self.phrases),
                "entries": [n for entry in self.entries for n in entry],
                "words": list(self.words),
                "postings": [_deltas(p) for p in self.postings]}

    def to_json(self) -> str:
        """The payload as compact JSON, the same bytes for the same catalogue."""
        return json.dumps(self.payload(), ensure_ascii=False, separators=(",", ":"))


def _deltas(numbers: tuple[int, ...]) -> list[int]:
    """Ascending numbers as differences from the one before: shorter to write out."""
    return [n - (numbers[i - 1] if i else 0) for i, n in enumerate(numbers)]


def _no_url(_: Any) -> str:
    return ""


def build_index(catalogue: Catalogue,
                url_of_service: Callable[[Service], str] = _no_url,
                url_of_department: Callable[[Department], str] = _no_url) -> Index:
    """The index of every service of ``catalogue``, in order of reference."""
    services = sorted(catalogue.service_index.values(), key=lambda s: s.ref)
    position = {s.ref: n for n, s in enumerate(services)}
    phrases: dict[str, int] = {}
    entries: list[Entry] = []
    for number, service in enumerate(services):
        for kind, text, redirect in _phrases(service):
            phrase = phrases.setdefault(text, len(phrases))
            entries.append(Entry(number, kind, phrase, position.get(redirect, NO_REDIRECT)))
    return Index(tuple(_shown(catalogue, s, url_of_service, url_of_department)
                       for s in services),
                 tuple(phrases), tuple(entries), *_postings(tuple(phrases)))


def _phrases(service: Service) -> Iterator[tuple[int, str, str]]:
    """(field, text, redirect reference) of each phrase a service is found by."""
    for item in service.includes:
        yield ITEM, " ".join(item.value.split()), ""
    for name in service.also_known_as:
        yield SYNONYM, " ".join(name.value.split()), ""
    yield TITLE, " ".join(service.title.split()), ""
    for exclusion in service.excludes:
        redirect = exclusion.redirect.value if exclusion.redirect else ""
        yield EXCLUDED, " ".join(exclusion.item.value.split()), redirect
    if service.description.strip():
        yield DESCRIPTION, " ".join(service.description.split()), ""


def _shown(catalogue: Catalogue, service: Service, url_of_service: Callable[[Service], str],
           url_of_department: Callable[[Department], str]) -> IndexedService:
    department = catalogue.department_index.get(service.department)
    return IndexedService(
        service.ref, service.title, service.department,
        department.title if department else service.department, url_of_service(service),
        url_of_department(department) if department else "")


def _postings(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[tuple[int, ...], ...]]:
    holders: dict[str, list[int]] = {}
    for number, phrase in enumerate(phrases):
        for word in dict.fromkeys(words(phrase)):
            holders.setdefault(word, []).append(number)
    ordered = sorted(holders)
    return tuple(ordered), tuple(tuple(holders[w]) for w in ordered)


def index_from_payload(data: dict[str, Any]) -> Index:
    """The index back from :meth:`Index.payload` (what the browser reads), for tests."""
    flat = data["entries"]
    postings = []
    for deltas in data["postings"]:
        total, numbers = 0, []
        for delta in deltas:
            total += delta
            numbers.append(total)
        postings.append(tuple(numbers))
    departments = data["departments"]
    services = tuple(IndexedService(ref, title, departments[d][0], departments[d][1], url,
                                    departments[d][2])
                     for ref, title, url, d in data["services"])
    return Index(services, tuple(data["phrases"]),
                 tuple(Entry(*flat[i:i + 4]) for i in range(0, len(flat), 4)),
                 tuple(data["words"]), tuple(postings))
