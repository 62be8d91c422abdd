"""Parse durations (``4h``, ``2bh``, ``3 business days``, ``PT4H``) into exact values.

A duration is one of three kinds (:class:`Unit`):

* ``ELAPSED`` (``m h d w``, long forms, ISO 8601): real time, ``d`` = 24 h, ``w`` = 7 d;
* ``BUSINESS_HOURS`` (``bh``): hours counted only while a calendar is open;
* ``BUSINESS_DAYS`` (``bd``): "the same business moment N working days later".

Lengths are exact: elapsed and business-hour durations are integer microseconds, business
days a :class:`fractions.Fraction`. Numbers are positive, with at most 6 decimals, so every
length is a whole number of microseconds. Durations over 3660 days (elapsed), 87840 business
hours or 3660 business days are rejected as mistakes.
"""

from __future__ import annotations

import difflib
import enum
import re
from dataclasses import dataclass
from fractions import Fraction

MICROS_PER_SECOND = 1_000_000
_SECOND = MICROS_PER_SECOND
_MINUTE = 60 * _SECOND
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR
_WEEK = 7 * _DAY
_MAX_DECIMALS = 6
_MAX_DAYS = 3_660  # 10 years: longer promises are surely typing mistakes

class DurationError(ValueError):
    """A duration that cannot be read; the message says why and names the form meant."""


class Unit(enum.Enum):
    """How a duration is counted."""

    ELAPSED = "elapsed"
    BUSINESS_HOURS = "business hours"
    BUSINESS_DAYS = "business days"


@dataclass(frozen=True)
class Duration:
    """A parsed duration.

    ``micros`` is the length in microseconds for ``ELAPSED`` and ``BUSINESS_HOURS`` (0 for
    business days); ``days`` the number of business days for ``BUSINESS_DAYS`` (else 0).
    """

    text: str
    unit: Unit
    micros: int
    days: Fraction

    def __str__(self) -> str:
        """Return the duration as written."""
        return self.text


_NUMBER = r"([0-9]+(?:\.[0-9]+)?)"
_COMPACT = re.compile(rf"{_NUMBER}(bh|bd|m|h|d|w)")
_LONG_WORDS = (r"minutes?|mins?|hours?|hrs?|days?|weeks?|wks?"
               r"|business\s+(?:hours?|hrs?)|business\s+days?")
_LONG = re.compile(rf"{_NUMBER}\s*({_LONG_WORDS})", re.IGNORECASE)
_ISO_NUMBER = r"([0-9]+(?:[.,][0-9]+)?)"
_ISO = re.compile(
    rf"P(?:{_ISO_NUMBER}Y)?(?:{_ISO_NUMBER}M)?(?:{_ISO_NUMBER}W)?(?:{_ISO_NUMBER}D)?"
    rf"(?:T(?:{_ISO_NUMBER}H)?(?:{_ISO_NUMBER}M)?(?:{_ISO_NUMBER}S)?)?",
    re.IGNORECASE,
)
_SIGNED = re.compile(r"[-+]\s*[0-9].*")

_COMPACT_UNITS: dict[str, tuple[Unit, int]] = {
    "m": (Unit.ELAPSED, _MINUTE),
    "h": (Unit.ELAPSED, _HOUR),
    "d": (Unit.ELAPSED, _DAY),
    "w": (Unit.ELAPSED, _WEEK),
    "bh": (Unit.BUSINESS_HOURS, _HOUR),
    "bd": (Unit.BUSINESS_DAYS, 0),
}
_LONG_UNITS: dict[str, str] = {
    "minute": "m", "min": "m",
    "hour": "h", "hr": "h",
    "day": "d",
    "week": "w", "wk": "w",
    "business hour": "bh", "business hr": "bh",
    "business day": "bd",
}
_MEANING = {"m": ("minute", "minutes"), "h": ("hour", "hours"),
            "d": ("day of 24 hours", "days of 24 hours"), "w": ("week", "weeks"),
            "bh": ("business hour", "business hours"), "bd": ("business day", "business days")}
# words people write for a unit, to name the one form meant when a duration is not read
_UNIT_WORDS: dict[str, str] = {
    **{word: "m" for word in ("m", "min", "mins", "minute", "minutes", "mn", "mnt", "mnts")},
    **{word: "h" for word in ("h", "hr", "hrs", "hour", "hours", "hs")},
    **{word: "d" for word in ("d", "day", "days", "dy", "dys")},
    **{word: "w" for word in ("w", "wk", "wks", "week", "weeks")},
    **{word: "bh" for word in ("bh", "business hour", "business hours", "working hour",
                               "working hours", "work hours", "office hours", "bus hours",
                               "bus hrs", "business hrs", "bhs")},
    **{word: "bd" for word in ("bd", "business day", "business days", "working day",
                               "working days", "work days", "workday", "workdays",
                               "bus days", "wd", "bds")},
}
_NO_SECONDS = frozenset({"s", "sec", "secs", "second", "seconds"})
_NO_FIXED_LENGTH = frozenset({"mo", "month", "months", "y", "yr", "yrs", "year", "years"})
_SPELLED = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
            "seven": "7", "eight": "8", "nine": "9", "ten": "10", "twelve": "12",
            "a": "1", "an": "1", "half": "0.5"}
_WRITTEN = re.compile(r"([0-9]*[.,]?[0-9]+|[a-z]+\b)?[\s.]*(.*)")
_PART = re.compile(r"([0-9]+(?:[.,][0-9]+)?)\s*([a-z]+)")
_EXAMPLES = "e.g. 30m, 4h, 2bh (business hours) or 3bd (business days)"
_ISO_UNITS = (_WEEK, _DAY, _HOUR, _MINUTE, _SECOND)


def _error(text: str, why: str) -> DurationError:
    return DurationError(f"{text!r} {why}")


def _not_read(text: str) -> DurationError:
    """The error for text that is no duration at all, naming the one form meant if it can."""
    return DurationError(f"{text!r} is not a duration; {_meant(text)}")


def _meant(text: str) -> str:
    """What to write instead of ``text``: the one form it most likely means."""
    normal = " ".join(text.lower().split())
    parts = _PART.findall(normal)
    if len(parts) > 1 and "".join(n + w for n, w in parts) == normal.replace(" ", ""):
        return _sum_of(parts)
    found = _WRITTEN.fullmatch(normal)
    if found is None or not text.strip():
        return f"write a number and a unit, {_EXAMPLES}"
    number, words = found[1] or "", " ".join(found[2].replace(".", " ").split())
    if number and not number[0].isdigit() and number[0] not in ".,":
        if number not in _SPELLED:
            number, words = "", " ".join(filter(None, (number, words)))
        else:
            number = _SPELLED[number]
    number = number.replace(",", ".")
    number = "0" + number if number.startswith(".") else number
    return _for_unit(number or "1", words, bool(number))


def _sum_of(parts: list[tuple[str, str]]) -> str:
    """``2 hours 30 minutes``: one duration in minutes, when every part is elapsed time."""
    units = [_UNIT_WORDS.get(word) for _, word in parts]
    if any(unit not in ("m", "h", "d", "w") for unit in units):
        return f"write one number and one unit, {_EXAMPLES}"
    sizes = {"m": 1, "h": 60, "d": 1440, "w": 10080}
    total = Fraction(0)
    for (number, _), unit_of in zip(parts, units, strict=True):
        total += Fraction(number.replace(",", ".")) * sizes[str(unit_of)]
    unit = next(u for u in ("w", "d", "h", "m") if Fraction(total, sizes[u]).denominator == 1
                or u == "m")
    amount = Fraction(total, sizes[unit])
    shown = str(amount.numerator) if amount.denominator == 1 else f"{float(amount):g}"
    meaning = _MEANING[unit][0 if shown == "1" else 1]
    return f"write it as one number and one unit: {shown}{unit} ({shown} {meaning})"


def _for_unit(number: str, words: str, counted: bool) -> str:
    if words in _NO_SECONDS:
        return "sla-lint counts no seconds; write whole or decimal minutes, e.g. 1m or 0.5m"
    if words in _NO_FIXED_LENGTH:
        return "months and years have no fixed length; write days or weeks, e.g. 30d or 52w"
    if words in ("", "business", "bus", "working"):
        options = ("h", "bh", "bd") if words == "" else ("bh", "bd")
        return "it needs a unit: write " + " or ".join(
            f"{number}{u} ({_MEANING[u][1]})" for u in options)
    unit = _UNIT_WORDS.get(words)
    if unit is None:
        close = difflib.get_close_matches(words, list(_UNIT_WORDS), n=1, cutoff=0.6)
        unit = _UNIT_WORDS[close[0]] if close else None
    if unit is None or not counted:
        return f"write a number and a unit, {_EXAMPLES}"
    meaning = _MEANING[unit][0 if number == "1" else 1]
    return f"write {number}{unit} ({number} {meaning})"


def _number(text: str, digits: str) -> Fraction:
    """Read a decimal exactly, refusing more than 6 decimals."""
    digits = digits.replace(",", ".")
    if "." in digits and len(digits.split(".")[1]) > _MAX_DECIMALS:
        raise _error(text, f"has more than {_MAX_DECIMALS} decimal places")
    return Fraction(digits)


def _build(text: str, unit: Unit, micros: Fraction, days: Fraction) -> Duration:
    """Check the length is positive and sane, and make the Duration."""
    if micros <= 0 and days <= 0:
        raise _error(text, "is not a positive length (zero or negative durations are errors)")
    if micros > _MAX_DAYS * _DAY or days > _MAX_DAYS:
        raise _error(text, f"is too long (at most {_MAX_DAYS} days, about 10 years)")
    if micros.denominator != 1:  # cannot happen with at most 6 decimals; kept as a guard
        raise _error(text, "is not a whole number of microseconds")
    return Duration(text, unit, int(micros), days)


def _from_unit(text: str, digits: str, suffix: str) -> Duration:
    unit, size = _COMPACT_UNITS[suffix]
    value = _number(text, digits)
    if unit is Unit.BUSINESS_DAYS:
        return _build(text, unit, Fraction(0), value)
    return _build(text, unit, value * size, Fraction(0))


def _long_suffix(words: str) -> str:
    key = " ".join(words.lower().split())
    return _LONG_UNITS.get(key) or _LONG_UNITS[key.removesuffix("s")]


def _parse_iso(text: str, match: re.Match[str]) -> Duration:
    years, months, *rest = match.groups()
    if years is not None or months is not None:
        raise _error(text, "uses years or months, which have no fixed length; use days or weeks")
    if all(part is None for part in rest) or match.string.upper().endswith("T"):
        raise _error(text, "is an ISO 8601 duration with no length")
    total = Fraction(0)
    for part, size in zip(rest, _ISO_UNITS, strict=True):
        if part is not None:
            total += _number(text, part) * size
    return _build(text, Unit.ELAPSED, total, Fraction(0))


def parse_duration(text: str) -> Duration:
    """Parse a duration such as ``4h``, ``2bh``, ``3 business days`` or ``PT4H``.

    Raises :class:`DurationError` (a ``ValueError``) naming what is wrong and, where it can
    be told, the one form meant (``30 secs`` has no unit of seconds; ``4 h`` is ``4h``).
    """
    if not isinstance(text, str):
        raise DurationError(f"{text!r} is not a duration (expected text); write a number"
                            f" and a unit, {_EXAMPLES}")
    body = text.strip()
    if match := _COMPACT.fullmatch(body):
        return _from_unit(text, match[1], match[2])
    if match := _LONG.fullmatch(body):
        return _from_unit(text, match[1], _long_suffix(match[2]))
    if body[:1] in ("P", "p") and (match := _ISO.fullmatch(body)):
        return _parse_iso(text, match)
    if _SIGNED.fullmatch(body):
        raise _error(text, "is not a positive length (write the number without a sign)")
    raise _not_read(text)
