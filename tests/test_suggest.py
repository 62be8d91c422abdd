""""Did you mean": right suggestions, each word answered once, bounded work on hostile repos."""

from __future__ import annotations

import difflib
from typing import Any

import pytest

from sla_lint import suggest
from sla_lint.suggest import Speller, closest, did_you_mean


def test_suggests_the_likely_typo() -> None:
    names = ["finance", "facilities", "hr", "it-service-desk"]
    assert closest("finace", names) == "finance"
    assert closest("IT-Service-Desk", names) == "it-service-desk"  # case is forgiven
    assert closest("marketing", names) is None
    assert did_you_mean("hr ", names) == "; did you mean 'hr'?"
    assert did_you_mean("zzz", names) == ""


def test_among_many_names_the_neighbours_in_order_are_compared() -> None:
    names = [f"dept{d:04d}/service-{s}" for d in range(300) for s in ("a", "b", "c", "d")]
    speller = Speller(names)
    assert len(speller.options) > suggest._ALL
    assert speller.closest("dept0123/servce-c") == "dept0123/service-c"
    assert speller.closest("dept0299/service-dd") == "dept0299/service-d"  # at the end
    assert speller.closest("payroll") is None  # nothing alike


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []
    original = difflib.get_close_matches

    def count(word: str, *args: Any, **kwargs: Any) -> Any:
        asked.append(word)
        return original(word, *args, **kwargs)

    monkeypatch.setattr(suggest.difflib, "get_close_matches", count)
    return asked


def test_a_speller_answers_each_word_once(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = counting(monkeypatch)
    speller = Speller(["finance", "facilities"])
    for _ in range(50):
        assert speller.closest("finace") == "finance"
    assert asked == ["finace"]


def test_past_its_word_budget_a_speller_gives_no_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = counting(monkeypatch)
    speller = Speller(["finance", "facilities"])
    for i in range(suggest._WORDS):
        speller.closest(f"finance{i}")
    assert speller.closest("finace") is None  # a new word, past the budget
    assert speller.closest("finance0") == "finance"  # answered before: still known
    assert len(asked) == suggest._WORDS


def test_every_time_zone_is_compared() -> None:
    """599 zones, under the number compared in full: a city alone finds its zone."""
    import zoneinfo

    zones = zoneinfo.available_timezones()
    assert len(zones) <= suggest._ALL
    assert closest("London", zones) == "Europe/London"
