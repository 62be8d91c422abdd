"""Scope items: the one way two items are compared (FORMAT.md: case folding, collapsed space)."""

from __future__ import annotations

from collections.abc import Iterable

from sla_lint.model import Exclusion, Service, Text


def normalize_item(item: str) -> str:
    """The comparison key of a scope item: case folded, white space collapsed and trimmed."""
    return " ".join(item.split()).casefold()


def item_keys(items: Iterable[Text]) -> frozenset[str]:
    """The comparison keys of some items."""
    return frozenset(normalize_item(i.value) for i in items)


def included(service: Service, item: str) -> Text | None:
    """The entry of ``service``'s ``includes`` that matches ``item``, if any."""
    key = normalize_item(item)
    return next((i for i in service.includes if normalize_item(i.value) == key), None)


def excluded(service: Service, item: str) -> Exclusion | None:
    """The entry of ``service``'s ``excludes`` that matches ``item``, if any."""
    key = normalize_item(item)
    return next((e for e in service.excludes if normalize_item(e.item.value) == key), None)
