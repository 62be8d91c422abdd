"""Why a date written YYYY-MM-DD is no date of the calendar: no 13th month, no 30 February."""

from __future__ import annotations

import calendar
import re

_WRITTEN = re.compile(r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})\s*")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def no_such_date(text: str) -> str | None:
    """Why ``text``, written as YYYY-MM-DD, is no such date; None when it is one or not so written.

    >>> no_such_date("2027-02-30")
    'February 2027 has 28 days'
    """
    found = _WRITTEN.fullmatch(text)
    if found is None:
        return None
    year, month, day = (int(part) for part in found.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month:02d} (the month comes second, 01 to 12)"
    length = calendar.monthrange(year, month)[1] if year else 31
    if not 1 <= day <= length:
        name = _MONTHS[month - 1]
        return (f"{name} {year} has {length} days" if day
                else f"the days of {name} run from 01 to {length}")
    return None
