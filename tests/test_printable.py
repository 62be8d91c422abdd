"""The reporters' fast text cleaning equals the careful one, character for character."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sla_lint.reporters.ci import printable, printable_careful
from sla_lint.reporters.markdown import cell, cell_careful

texts = st.text(st.characters(blacklist_categories=()), max_size=40) | st.sampled_from(
    ["plain message, 4bh (london)", "a\ttab\nnew line\r\n", "nbsp\u00a0here", "\udcff bad",
     "zero\u200bwidth", "bell\x07", "a | b <c> & @d `e` *f* _g_ [h] ~i~ \\j"])


@settings(max_examples=300, deadline=None, database=None)
@given(texts)
def test_fast_and_careful_cleaning_agree(text: str) -> None:
    assert printable(text) == printable_careful(text)
    assert cell(text) == cell_careful(text)
