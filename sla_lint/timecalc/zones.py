"""Time-zone names that name no place: abbreviations and fixed offsets, and what to use instead.

``EST`` is a fixed UTC-5 all year; ``Etc/GMT+1`` is UTC-1 (POSIX signs are inverted);
``GMT+1`` and ``UTC+02:00`` are no zone at all. Business hours written against any of them
drift an hour from the team's wall clock for half the year, or never mean what was
meant. A team's zone is the one of its city (``America/New_York``), which carries the
daylight-saving rules of that place. Suggestions come only from the tz database's
``zone.tab`` (one zone per place, no deprecated alias such as ``Asia/Calcutta``), and a
fixed offset is answered with cities whose standard time has that same offset, sign and all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sla_lint.suggest import Speller
from sla_lint.timecalc.calendars import known_zones

# Cities whose standard (winter) time is the offset, in minutes east of UTC.
_CITIES: dict[int, tuple[str, ...]] = {
    -11 * 60: ("Pacific/Pago_Pago",),
    -10 * 60: ("Pacific/Honolulu",),
    -9 * 60: ("America/Anchorage",),
    -8 * 60: ("America/Los_Angeles", "America/Vancouver"),
    -7 * 60: ("America/Denver", "America/Phoenix"),
    -6 * 60: ("America/Chicago", "America/Mexico_City"),
    -5 * 60: ("America/New_York", "America/Toronto", "America/Bogota"),
    -4 * 60: ("America/Halifax", "America/Caracas"),
    -3 * 60: ("America/Sao_Paulo", "America/Argentina/Buenos_Aires"),
    -2 * 60: ("America/Noronha",),
    -1 * 60: ("Atlantic/Azores", "Atlantic/Cape_Verde"),
    0: ("Europe/London", "Europe/Lisbon", "Africa/Abidjan"),
    1 * 60: ("Europe/Paris", "Europe/Berlin", "Africa/Lagos"),
    2 * 60: ("Europe/Athens", "Europe/Helsinki", "Africa/Johannesburg"),
    3 * 60: ("Europe/Moscow", "Europe/Istanbul", "Africa/Nairobi"),
    4 * 60: ("Asia/Dubai",),
    5 * 60: ("Asia/Karachi", "Asia/Tashkent"),
    5 * 60 + 30: ("Asia/Kolkata",),
    5 * 60 + 45: ("Asia/Kathmandu",),
    6 * 60 + 30: ("Asia/Yangon",),
    4 * 60 + 30: ("Asia/Kabul",),
    3 * 60 + 30: ("Asia/Tehran",),
    9 * 60 + 30: ("Australia/Adelaide", "Australia/Darwin"),
    -3 * 60 - 30: ("America/St_Johns",),
    6 * 60: ("Asia/Dhaka",),
    7 * 60: ("Asia/Bangkok", "Asia/Jakarta"),
    8 * 60: ("Asia/Singapore", "Asia/Shanghai", "Australia/Perth"),
    9 * 60: ("Asia/Tokyo", "Asia/Seoul"),
    10 * 60: ("Australia/Sydney", "Australia/Brisbane"),
    11 * 60: ("Pacific/Noumea",),
    12 * 60: ("Pacific/Auckland",),
    13 * 60: ("Pacific/Tongatapu",),
    14 * 60: ("Pacific/Kiritimati",),
}

# Abbreviations people write, and the place-based zones they most often mean.
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "EST": ("America/New_York", "America/Toronto"), "EDT": ("America/New_York",),
    "EST5EDT": ("America/New_York",), "ET": ("America/New_York",),
    "CST": ("America/Chicago", "Asia/Shanghai"), "CDT": ("America/Chicago",),
    "CST6CDT": ("America/Chicago",), "CT": ("America/Chicago",),
    "MST": ("America/Denver", "America/Phoenix"), "MDT": ("America/Denver",),
    "MST7MDT": ("America/Denver",), "MT": ("America/Denver",),
    "PST": ("America/Los_Angeles", "America/Vancouver"), "PDT": ("America/Los_Angeles",),
    "PST8PDT": ("America/Los_Angeles",), "PT": ("America/Los_Angeles",),
    "AKST": ("America/Anchorage",), "HST": ("Pacific/Honolulu",),
    "AST": ("America/Halifax",), "NST": ("America/St_Johns",),
    "GMT": ("Europe/London",), "BST": ("Europe/London",), "UKT": ("Europe/London",),
    "IST": ("Europe/Dublin", "Asia/Kolkata", "Asia/Jerusalem"),
    "WET": ("Europe/Lisbon",), "WEST": ("Europe/Lisbon",),
    "CET": ("Europe/Paris", "Europe/Berlin"), "CEST": ("Europe/Paris", "Europe/Berlin"),
    "MET": ("Europe/Paris", "Europe/Berlin"), "MEST": ("Europe/Paris", "Europe/Berlin"),
    "EET": ("Europe/Athens", "Europe/Helsinki"), "EEST": ("Europe/Athens", "Europe/Helsinki"),
    "MSK": ("Europe/Moscow",), "GST": ("Asia/Dubai",), "PKT": ("Asia/Karachi",),
    "ICT": ("Asia/Bangkok",), "WIB": ("Asia/Jakarta",), "SGT": ("Asia/Singapore",),
    "HKT": ("Asia/Hong_Kong",), "PHT": ("Asia/Manila",), "JST": ("Asia/Tokyo",),
    "KST": ("Asia/Seoul",), "AWST": ("Australia/Perth",), "ACST": ("Australia/Adelaide",),
    "AEST": ("Australia/Sydney", "Australia/Brisbane"), "AEDT": ("Australia/Sydney",),
    "NZST": ("Pacific/Auckland",), "NZDT": ("Pacific/Auckland",),
    "SAST": ("Africa/Johannesburg",), "WAT": ("Africa/Lagos",), "CAT": ("Africa/Maputo",),
    "EAT": ("Africa/Nairobi",), "BRT": ("America/Sao_Paulo",),
    "ART": ("America/Argentina/Buenos_Aires",),
}
# Names in the tz database that are plain UTC+0 all year, besides UTC itself.
_ZERO = frozenset({"GMT", "GMT0", "GMT+0", "GMT-0", "Greenwich", "Etc/GMT", "Etc/GMT0",
                   "Etc/GMT+0", "Etc/GMT-0", "Etc/Greenwich"})
_FIXED = frozenset({"EST", "MST", "HST"})  # in the tz database: one offset all year
_OFFSET = re.compile(
    r"(?P<etc>Etc/)?(?:(?:GMT|UTC|UT)\s*)?(?P<sign>[+\-\u2212])\s*(?P<hours>[0-9]{1,2})"
    r"(?::?(?P<minutes>[0-9]{2}))?", re.IGNORECASE)


@dataclass(frozen=True)
class ZoneAdvice:
    """Why a zone name loses daylight saving or names no place, and the zones to use."""

    why: str
    zones: tuple[str, ...]

    def use(self) -> str:
        """``use America/New_York`` or ``use the team's city, e.g. A, B or C``."""
        if not self.zones:
            return "use the zone of the team's city, written Area/City (e.g. Europe/London)"
        if len(self.zones) == 1:
            return f"use {self.zones[0]}"
        return "use the zone of the team's city, e.g. " + ", ".join(
            self.zones[:-1]) + f" or {self.zones[-1]}"


@lru_cache(maxsize=1)
def place_zones() -> frozenset[str]:
    """The place-based zones of the tz database (``zone.tab``): no alias, no offset."""
    try:
        text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        return frozenset(z for z in known_zones() if _looks_like_a_place(z))
    names = (line.split("\t")[2] for line in text.splitlines()
             if line and not line.startswith("#") and line.count("\t") >= 2)
    return frozenset(names) & known_zones() if known_zones() else frozenset(names)


@lru_cache(maxsize=1)
def _links() -> dict[str, str]:
    """Old names (``Asia/Calcutta``) and the place-based zone they stand for today."""
    try:
        text = resources.files("tzdata.zoneinfo").joinpath("tzdata.zi").read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        return {}
    pairs = (line.split()[1:3] for line in text.splitlines() if line.startswith("L "))
    return {link: target for target, link in pairs if target in place_zones()}


class ZoneSpeller:
    """The place-based zone nearest a misspelt name; make one per run (it memoises words)."""

    def __init__(self) -> None:
        self._cities = _cities()
        self._by_city = Speller(self._cities)
        self._by_name = Speller(place_zones() | set(_links()) | {"UTC"})

    def nearest(self, name: str) -> str | None:
        """The zone meant; an old alias (``Asia/Calcutta``) answers with today's name."""
        if "/" not in name.strip():  # a city alone: London, new york
            hit = self._by_city.closest(name.strip().replace(" ", "_").lower())
            if hit is not None:
                return self._cities[hit]
        hit = self._by_name.closest(name)
        return _links().get(hit, hit) if hit is not None else None


def nearest_zone(name: str) -> str | None:
    """The place-based zone nearest a misspelt name (see :class:`ZoneSpeller`)."""
    return ZoneSpeller().nearest(name)


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Place-based zones by their city, lower case (``new_york``)."""
    return {zone.rsplit("/", 1)[1].lower(): zone for zone in sorted(place_zones())}


def _looks_like_a_place(name: str) -> bool:
    area = name.split("/", 1)[0]
    return "/" in name and area not in {"Etc", "US", "Canada", "Mexico", "Brazil", "Chile",
                                        "SystemV"}


def advice(name: str) -> ZoneAdvice | None:
    """Advice for an abbreviation or a fixed offset, written as a zone; None for a place."""
    text = name.strip()
    if text in _ZERO:
        return ZoneAdvice(f"{text!r} is UTC+0 all year, with no summer time (write UTC if"
                          " that is really meant)", (
            "Europe/London", "Europe/Lisbon", "Africa/Abidjan"))
    found = _OFFSET.fullmatch(text)
    if found is not None:
        return _offset_advice(text, found)
    zones = _ABBREVIATIONS.get(text.upper())
    if zones is None:
        return None
    if text.upper() in _FIXED:
        return ZoneAdvice(f"{text!r} is a fixed offset ({_utc(_standard(zones[0]))} all"
                          " year) with no daylight saving", zones)
    return ZoneAdvice(f"{text!r} is an abbreviation that names no place (it may follow"
                      " another country's daylight-saving dates, or none)", zones)


def _offset_advice(text: str, found: re.Match[str]) -> ZoneAdvice:
    minutes = int(found["hours"]) * 60 + int(found["minutes"] or 0)
    east = found["sign"] == "+"
    if found["etc"]:  # POSIX style: Etc/GMT+1 is one hour *behind* UTC
        east = not east
    offset = minutes if east else -minutes
    why = f"{text!r} is a fixed offset ({_utc(offset)} all year) with no daylight saving"
    if found["etc"] and minutes:
        why += f" (in these names the sign is inverted: {text} is {_utc(offset)})"
    return ZoneAdvice(why, _CITIES.get(offset, ()))


def _standard(zone: str) -> int:
    """The offset of a zone's standard time, in minutes east of UTC."""
    return next(offset for offset, cities in _CITIES.items() if zone in cities)


def _utc(minutes: int) -> str:
    if minutes == 0:
        return "UTC+0"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
