"""The Python matcher: word forms, any order, partial words, slips, synonyms, redirects."""

from __future__ import annotations

import json

import pytest

from sla_lint.search import Index, search, shown
from sla_lint.search.index import index_from_payload


def hits(index: Index, query: str) -> list[tuple[str, str, str, str | None, bool]]:
    """(service, field, matched text, redirect, near) of each hit, best first."""
    return [(s.ref, s.field, s.text, s.redirect, s.near)
            for s in (shown(index, h) for h in search(index, query))]


def refs(index: Index, query: str) -> list[str]:
    return [h[0] for h in hits(index, query)]


@pytest.mark.parametrize("query", ["laptop", "laptops", "LAPTOPS", "Laptop?",
                                   "I need a new laptop"])
def test_word_forms_and_filler_words_find_the_item(index: Index, query: str) -> None:
    assert hits(index, query) == [("it/laptops", "item", "laptops", None, False)]


@pytest.mark.parametrize("query", ["resetting password", "password resets",
                                   "reset my passwords", "Password reset"])
def test_words_in_any_order_and_form(index: Index, query: str) -> None:
    assert hits(index, query) == [("it/accounts", "item", "password resets", None, False)]


def test_partial_words_while_typing_are_near(index: Index) -> None:
    assert hits(index, "lapt") == [("it/laptops", "item", "laptops", None, True)]
    assert hits(index, "wirel") == [("it/network", "item", "wireless network", None, True)]
    assert hits(index, "la") == []  # too short to guess from


@pytest.mark.parametrize(("query", "ref", "text"), [
    ("labtop", "it/laptops", "laptops"),
    ("pasword", "it/accounts", "password resets"),
    ("tablest", "telecoms/mobile-devices", "tablets"),
    ("plumbnig leaks", "facilities/repairs", "plumbing leaks"),
])
def test_small_slips_are_forgiven_as_near(index: Index, query: str, ref: str,
                                          text: str) -> None:
    assert hits(index, query)[0] == (ref, "item", text, None, True)


def test_synonyms_declared_by_the_catalogue(index: Index) -> None:
    assert hits(index, "wifi") == [("it/network", "synonym", "wifi", None, False)]
    assert hits(index, "WLAN") == [("it/network", "synonym", "wlan", None, False)]
    assert hits(index, "chair broken") == [
        ("facilities/furniture", "synonym", "broken chair", None, False)]


def test_excluded_items_lead_to_their_redirect(index: Index) -> None:
    assert hits(index, "mobile phone") == [
        ("telecoms/mobile-devices", "item", "mobile phones", None, False),
        ("it/laptops", "excluded", "mobile phones", "telecoms/mobile-devices", False)]
    (excluded,) = [shown(index, h) for h in search(index, "mobile phones")
                   if shown(index, h).field == "excluded"]
    assert excluded.redirect_url == "services/telecoms/mobile-devices.html"


def test_every_word_found_beats_some(index: Index) -> None:
    assert refs(index, "broken windows") == ["facilities/repairs"]  # not "broken chair"
    # only some words: near, and a description weighs least
    assert hits(index, "broken printer") == [
        ("facilities/furniture", "synonym", "broken chair", None, True),
        ("facilities/repairs", "item", "broken windows", None, True),
        ("it/laptops", "description", "New, broken or lost laptops and what plugs into them.",
         None, True)]


def test_ranking_same_word_then_field(index: Index) -> None:
    # items outrank titles, titles outrank an excluded item; each service once
    assert hits(index, "office") == [
        ("facilities/furniture", "item", "office chairs", None, False),
        ("it/network", "title", "Office network", None, False),
        ("it/laptops", "excluded", "office chairs", "facilities/furniture", False)]
    # the same word outranks another form of it
    assert refs(index, "desk") == ["facilities/furniture", "it/laptops"]
    assert hits(index, "desk")[0][2] == "wobbly desk"


@pytest.mark.parametrize("query", ["banana", "zzzz qqqq", "cat", "xyzzy", "printer", "",
                                   "   ", "!!!", "the"])
def test_never_cry_wolf(index: Index, query: str) -> None:
    assert hits(index, query) == []


def test_known_words_are_not_read_as_slips(index: Index) -> None:
    # "tablets" is a word of the index: it is not also taken as a slip for "tables"
    assert refs(index, "tablets") == ["telecoms/mobile-devices"]
    assert refs(index, "desks") == ["facilities/furniture", "it/laptops"]


def test_descriptions_are_searched_last(index: Index) -> None:
    assert hits(index, "plugs") == [
        ("it/laptops", "description", "New, broken or lost laptops and what plugs into them.",
         None, False)]


def test_the_index_read_back_from_json_answers_the_same(index: Index) -> None:
    again = index_from_payload(json.loads(index.to_json()))
    assert again == index
    for query in ("laptop", "wifi", "labtop", "mobile phone", "broken"):
        assert search(again, query) == search(index, query)


def test_words_from_different_phrases_of_one_service_add_up(index: Index) -> None:
    assert hits(index, "laptop monitor") == [("it/laptops", "item", "monitors", None, False)]
    assert hits(index, "lost laptop") == [
        ("it/laptops", "description", "New, broken or lost laptops and what plugs into them.",
         None, False)]  # the phrase holding both words is shown
