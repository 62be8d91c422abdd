"""Scope items: the one way two items are compared (FORMAT.md: case folding, collapsed space)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from sla_lint.model import Exclusion, Service, Text


@lru_cache(maxsize=65536)
def normalize_item(item: str) -> str:
    """The comparison key of a scope item: case folded, white space collapsed and trimmed.

    Memoised: the scope rules ask for the key of the same items many times over.
    """
    return " ".join(item.split()).casefold()


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
