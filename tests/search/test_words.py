"""Words as search sees them: folding, splitting, stems, slips."""

from __future__ import annotations

import pytest

from sla_lint.search.text import fold, query_words, stem, typo_allowance, within, words


def test_fold_drops_case_and_accents() -> None:
    assert fold("Café CRÈME Straße") == "cafe creme strasse"
    assert words("Wi-Fi, résumé & SIM-cards!") == ("wi", "fi", "resume", "sim", "cards")
    assert words("Ünïcödé \u00bd \uff46\uff55\uff4c\uff4c") == ("unicode", "1", "2", "full")


def test_query_words_drop_what_says_nothing() -> None:
    assert query_words("I need a new laptop please") == ("laptop",)
    assert query_words("what do I need?") == ()
    assert query_words("laptop Laptop LAPTOP") == ("laptop",)
    assert query_words(" ".join(f"w{n}" for n in range(40))) == tuple(f"w{n}" for n in range(12))


@pytest.mark.parametrize(("forms", "root"), [
    (["laptop", "laptops"], "laptop"),
    (["reset", "resets", "resetting"], "reset"),
    (["print", "prints", "printed", "printing"], "print"),
    (["battery", "batteries"], "battery"),
    (["copy", "copies", "copied", "copying"], "copy"),
    (["box", "boxes"], "box"),
    (["switch", "switches"], "switch"),
    (["licence", "licences"], "licenc"),
    (["phone", "phones"], "phon"),
    (["install", "installed", "installing"], "install"),
])
def test_stem_brings_word_forms_together(forms: list[str], root: str) -> None:
    assert {stem(f) for f in forms} == {root}


@pytest.mark.parametrize("word", ["access", "status", "analysis", "need", "string", "bed",
                                  "free", "sim", "wifi", "café"])
def test_stem_leaves_other_words_alone(word: str) -> None:
    assert stem(word) == word


def test_typo_allowance_grows_with_the_word() -> None:
    assert [typo_allowance(w) for w in ("sim", "desk", "printer", "password")] == [0, 1, 1, 2]


def test_within_counts_edits_and_swaps() -> None:
    assert within("labtop", "laptop", 1) and within("lpatop", "laptop", 1)
    assert within("pasword", "password", 1) and within("laptp", "laptop", 1)
    assert not within("laptop", "tablet", 2) and not within("abc", "abcdef", 2)
    assert within("", "", 0) and not within("a", "", 0)
