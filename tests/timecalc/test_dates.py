"""Dates written YYYY-MM-DD that the calendar does not have: the message says why."""

from __future__ import annotations

import pytest

from sla_lint.timecalc.dates import no_such_date


@pytest.mark.parametrize(("text", "why"), [
    ("2027-02-30", "February 2027 has 28 days"),
    ("2027-02-29", "February 2027 has 28 days"),
    ("2027-04-31", "April 2027 has 30 days"),
    ("2027-13-01", "there is no month 13 (the month comes second, 01 to 12)"),
    ("2027-00-10", "there is no month 00 (the month comes second, 01 to 12)"),
    ("2027-04-00", "the days of April run from 01 to 30"),
])
def test_impossible_dates_say_why(text: str, why: str) -> None:
    assert no_such_date(text) == why


@pytest.mark.parametrize("text", ["2028-02-29", "2027-12-25", "Christmas", "27/12/2027", ""])
def test_real_dates_and_other_text_get_no_reason(text: str) -> None:
    assert no_such_date(text) is None
