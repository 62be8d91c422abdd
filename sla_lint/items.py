"""Scope items: the one way two items are compared (FORMAT.md: case folding, collapsed space).

:func:`item_index` answers, for a whole catalogue at once, which service includes or
excludes each key: the 3xx rules prove with it, in one pass, that most items need no
report, and only the few others go through :func:`included` and :func:`excluded`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat
from operator import attrgetter
from typing import TypeVar

from sla_lint.model import Catalogue, Exclusion, Service, Text

_Entry = TypeVar("_Entry")

# ASCII characters str.split() takes for white space, besides the space itself
_OTHER_SPACE = ("\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f")
_INCLUDES = attrgetter("includes")
_EXCLUDES = attrgetter("excludes")
_VALUE = attrgetter("value")
_ITEM_VALUE = attrgetter("item.value")
_DEPARTMENT = attrgetter("department")


@lru_cache(maxsize=65536)
def normalize_item(item: str) -> str:
    """The comparison key of a scope item: case folded, white space collapsed and trimmed.

    Memoised: the scope rules ask for the key of the same items many times over.
    """
    return " ".join(item.split()).casefold()


def item_key(item: str, keys: dict[str, _Entry]) -> str:
    """The key of ``item``, taken as it is when it is already one of ``keys``.

    The key of a key is itself: case folding is idempotent and never makes white space
    (a test checks every code point).
    """
    return item if item in keys else normalize_item(item)


def item_keys(items: Iterable[Text]) -> frozenset[str]:
    """The comparison keys of some items."""
    return frozenset(normalize_item(i.value) for i in items)


def included(service: Service, item: str) -> Text | None:
    """The entry of ``service``'s ``includes`` that matches ``item``, if any."""
    return _index(service)[0].get(normalize_item(item))


def excluded(service: Service, item: str) -> Exclusion | None:
    """The entry of ``service``'s ``excludes`` that matches ``item``, if any."""
    return _index(service)[1].get(normalize_item(item))


_Index = tuple[dict[str, Text], dict[str, Exclusion]]


def _index(service: Service) -> _Index:
    """The first include and exclude of each key, made once per service.

    Kept on the service object itself (outside its fields, so equality and hashing do not
    see it): the scope rules look items up tens of thousands of times on a large repo, and
    the index lives exactly as long as the service.
    """
    known: _Index | None = service.__dict__.get("_item_index")
    if known is None:
        includes: dict[str, Text] = {}
        for text in service.includes:
            includes.setdefault(normalize_item(text.value), text)
        excludes: dict[str, Exclusion] = {}
        for exclusion in service.excludes:
            excludes.setdefault(normalize_item(exclusion.item.value), exclusion)
        known = (includes, excludes)
        object.__setattr__(service, "_item_index", known)
    return known


@dataclass(frozen=True)
class ItemIndex:
    """Who includes and who excludes each key, over every service of a catalogue.

    ``includer`` and ``excluder`` map a key to *a* service that lists it (the last one);
    when ``*_unique`` is true no key is listed twice, so the map is the whole answer.
    ``exclusions`` is every exclusion in file order with the service and its key.
    """

    includer: dict[str, Service]
    excluder: dict[str, Service]
    includes_unique: bool
    excludes_unique: bool
    exclusions: list[tuple[Service, Exclusion, str]]
    departments_apart: bool  # no key is included by services of two departments

    def includes(self, service: Service, key: str) -> bool:
        """True when ``service`` lists ``key`` under ``includes``."""
        return self.includer.get(key) is service or (
            not self.includes_unique and key in _index(service)[0])

    def excludes(self, service: Service, key: str) -> bool:
        """True when ``service`` lists ``key`` under ``excludes``."""
        return self.excluder.get(key) is service or (
            not self.excludes_unique and key in _index(service)[1])


def item_index(cat: Catalogue) -> ItemIndex:
    """The catalogue's :class:`ItemIndex`, made once (kept with the catalogue)."""
    known: ItemIndex | None = cat.__dict__.get("_scope_items")
    if known is None:
        known = _build_index(list(chain.from_iterable(d.services for d in cat.departments)))
        object.__setattr__(cat, "_scope_items", known)
    return known


def _build_index(services: list[Service]) -> ItemIndex:
    """One pass over every include and exclude, at C speed when the texts are plain."""
    inc_values = list(map(_VALUE, chain.from_iterable(map(_INCLUDES, services))))
    exclusions = list(chain.from_iterable(map(_EXCLUDES, services)))
    exc_values = list(map(_ITEM_VALUE, exclusions))
    if not all_plain(inc_values) or not all_plain(exc_values):
        inc_values = list(map(normalize_item, inc_values))
        exc_values = list(map(normalize_item, exc_values))
    inc_owners = list(_repeated(services, _INCLUDES))
    exc_owners = list(_repeated(services, _EXCLUDES))
    includer = dict(zip(inc_values, inc_owners, strict=True))
    unique = len(includer) == len(inc_values)
    apart = unique or len(set(zip(inc_values, map(_DEPARTMENT, inc_owners), strict=True))) \
        == len(includer)
    excluder = dict(zip(exc_values, exc_owners, strict=True))
    return ItemIndex(includer, excluder, unique, len(excluder) == len(exc_values),
                     list(zip(exc_owners, exclusions, exc_values, strict=True)), apart)


def _repeated(services: Sequence[Service], field: attrgetter[tuple[object, ...]]
              ) -> Iterable[Service]:
    """Each service once per entry of its ``field``."""
    return chain.from_iterable(map(repeat, services, map(len, map(field, services))))


def all_plain(texts: list[str]) -> bool:
    """True when every text is certainly its own key (:func:`normalize_item` keeps it).

    Sufficient, not necessary: ASCII, no upper case, single spaces only, none at either
    end. The texts are joined with NUL, which none of these checks takes for a space.
    """
    joined = "\x00".join(texts)
    return (joined.isascii() and joined.lower() == joined and "  " not in joined
            and "\x00 " not in joined and " \x00" not in joined
            and not joined.startswith(" ") and not joined.endswith(" ")
            and not any(c in joined for c in _OTHER_SPACE))
