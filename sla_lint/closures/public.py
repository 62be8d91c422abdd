"""Public holidays from the ``holidays`` package, imported only when a calendar asks.

The package is maintained upstream (about 250 countries and their subdivisions); which
release answered is part of what a result depends on, so :func:`package_version` names it
for reports and docs. Holiday names are in English where the package has them (its default
language when that is English, else ``en_US``), so the same input words the same.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import metadata
from typing import Any

PACKAGE = "holidays"


@lru_cache(maxsize=1)
def package_version() -> str | None:
    """The installed release of the ``holidays`` package, or None when it is missing."""
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return None


@lru_cache(maxsize=1)
def supported() -> dict[str, tuple[str, ...]]:
    """Every country code the package knows (alpha-2 and aliases), with its subdivisions."""
    import holidays  # the package costs ~50 ms to import: only here, when asked

    return {code: tuple(subs) for code, subs in holidays.list_supported_countries().items()}


def _entity(country: str) -> Any:
    import holidays

    return getattr(holidays, country, None)


@lru_cache(maxsize=512)
def country_name(country: str) -> str | None:
    """The country's English name (``United Kingdom``), or None when unknown."""
    if country not in supported():
        return None
    import holidays

    for names in holidays.registry.COUNTRIES.values():
        if country in names[1:]:
            return _spaced(str(names[0]))
    return None


def _spaced(class_name: str) -> str:
    """``UnitedKingdom`` -> ``United Kingdom``."""
    words = [""]
    for char in class_name:
        if char.isupper() and words[-1] and not words[-1][-1].isupper():
            words.append("")
        words[-1] += char
    return " ".join(words)


@lru_cache(maxsize=512)
def subdivision_names(country: str) -> dict[str, str]:
    """Subdivision code -> English name where the package gives one (``ENG`` -> England)."""
    entity = _entity(country)
    aliases: dict[str, str] = getattr(entity, "subdivisions_aliases", None) or {}
    names: dict[str, str] = {}
    for name, code in aliases.items():
        names.setdefault(code, name)
    return names


def canonical_subdivision(country: str, subdivision: str) -> str | None:
    """The subdivision's code, given its code or its English name; None when unknown."""
    subs = supported().get(country, ())
    if subdivision in subs:
        return subdivision
    for code, name in subdivision_names(country).items():
        if name.casefold() == subdivision.casefold():
            return code
    return None


def _language(entity: Any) -> str | None:
    default = getattr(entity, "default_language", None)
    if default is None or str(default).startswith("en"):
        return None
    languages = getattr(entity, "supported_languages", ()) or ()
    return "en_US" if "en_US" in languages else None


@lru_cache(maxsize=256)
def public_holidays(country: str, subdivision: str | None,
                    years: tuple[int, ...]) -> dict[dt.date, str]:
    """The public holidays (date -> name) of a country or subdivision in ``years``.

    ``country`` and ``subdivision`` must be known (see :func:`supported`); unknown ones raise
    ``ValueError``. Names joined with ``; `` when two holidays share a date.
    """
    import holidays

    entity = _entity(country)
    try:
        found = holidays.country_holidays(country, subdiv=subdivision, years=list(years),
                                          language=_language(entity))
    except NotImplementedError as exc:
        raise ValueError(str(exc)) from None
    return {day: str(name) for day, name in sorted(found.items())}
