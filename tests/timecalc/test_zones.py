"""Zones that name no place: abbreviations and fixed offsets, and the zones suggested instead."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from sla_lint.timecalc import zone_exists
from sla_lint.timecalc.zones import _ABBREVIATIONS, _CITIES, advice, nearest_zone, place_zones

DEPRECATED = ["Asia/Calcutta", "US/Eastern", "Europe/Kiev", "America/Buenos_Aires", "GB",
              "Etc/GMT+1", "EST5EDT", "Asia/Saigon", "Australia/ACT"]


def standard_offset(zone: str) -> int:
    """Minutes east of UTC of a zone's standard time (the smaller of January and July)."""
    tz = ZoneInfo(zone)
    offsets = [dt.datetime(2026, month, 15, 12, tzinfo=tz).utcoffset() for month in (1, 7)]
    return min(int(o.total_seconds()) // 60 for o in offsets if o is not None)


def test_place_zones_hold_cities_and_no_old_alias_or_offset() -> None:
    zones = place_zones()
    assert {"Europe/London", "America/New_York", "Asia/Kolkata"} <= zones
    assert not zones & set(DEPRECATED)
    assert not any(z.startswith("Etc/") for z in zones)


@pytest.mark.parametrize(("name", "offset", "first"), [
    ("Etc/GMT+1", -60, "Atlantic/Azores"),     # POSIX signs are inverted
    ("Etc/GMT-1", 60, "Europe/Paris"),
    ("Etc/GMT+5", -300, "America/New_York"),
    ("Etc/GMT-10", 600, "Australia/Sydney"),
    ("GMT+1", 60, "Europe/Paris"),             # not a tz name: read as people mean it
    ("UTC+02:00", 120, "Europe/Athens"),
    ("UTC-5", -300, "America/New_York"),
    ("+05:30", 330, "Asia/Kolkata"),
    ("UTC+5:45", 345, "Asia/Kathmandu"),
])
def test_fixed_offsets_are_answered_with_cities_of_the_same_sign(
        name: str, offset: int, first: str) -> None:
    found = advice(name)
    assert found is not None and found.zones[0] == first
    assert all(standard_offset(zone) == offset for zone in found.zones)
    sign = "+" if offset > 0 else "-"
    assert f"UTC{sign}{abs(offset) // 60}" in found.why


def test_etc_names_say_their_sign_is_inverted() -> None:
    found = advice("Etc/GMT+1")
    assert found is not None
    assert "the sign is inverted: Etc/GMT+1 is UTC-1" in found.why


@pytest.mark.parametrize(("name", "zones"), [
    ("EST", ("America/New_York", "America/Toronto")),
    ("est", ("America/New_York", "America/Toronto")),
    ("CET", ("Europe/Paris", "Europe/Berlin")),
    ("PST8PDT", ("America/Los_Angeles",)),
    ("GMT", ("Europe/London", "Europe/Lisbon", "Africa/Abidjan")),
    ("Etc/GMT", ("Europe/London", "Europe/Lisbon", "Africa/Abidjan")),
    ("CEST", ("Europe/Paris", "Europe/Berlin")),
])
def test_abbreviations_name_the_place_based_zone(name: str, zones: tuple[str, ...]) -> None:
    found = advice(name)
    assert found is not None and found.zones == zones


@pytest.mark.parametrize("name", ["Europe/London", "America/New_York", "UTC", "Asia/Kolkata",
                                  "US/Eastern", "Africa/Abidjan"])
def test_places_and_utc_get_no_advice(name: str) -> None:
    assert advice(name) is None


def test_every_suggested_zone_is_a_loadable_place_with_the_offset_it_is_listed_under() -> None:
    for offset, zones in _CITIES.items():
        for zone in zones:
            assert zone in place_zones() and zone_exists(zone)
            assert standard_offset(zone) == offset, zone
    for zones in _ABBREVIATIONS.values():
        assert all(zone in place_zones() for zone in zones)


def test_every_advised_zone_is_no_finding_itself() -> None:
    for zones in list(_CITIES.values()) + list(_ABBREVIATIONS.values()):
        assert all(advice(zone) is None for zone in zones)


@pytest.mark.parametrize(("name", "meant"), [
    ("Europe/Londn", "Europe/London"),
    ("Asia/Calcuta", "Asia/Kolkata"),       # near an old alias: today's name
    ("asia/calcutta", "Asia/Kolkata"),
    ("US/Easter", "America/New_York"),
    ("Europe/Kiev2", "Europe/Kyiv"),
    ("London", "Europe/London"),
    ("new york", "America/New_York"),
    ("utc", "UTC"),
])
def test_nearest_zone_is_never_an_old_alias(name: str, meant: str) -> None:
    assert nearest_zone(name) == meant


def test_no_suggestion_is_deprecated() -> None:
    words = ["Asia/Calcutta1", "US/Pacifc", "Europe/Kiev_", "GB-Eire2", "Asia/Saigon1"]
    for word in words:
        assert nearest_zone(word) in place_zones() | {"UTC", None}
