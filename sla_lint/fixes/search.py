"""The nearest round value of the lead's unit that keeps every relation, or why none does.

Floors hold from some length on and caps up to some length (a longer duration of one unit
never ends sooner), so the values keeping them all form one range: the search finds its
end nearest the current value by galloping and bisection over whole numbers of the unit,
then finer units (``1d`` -> hours -> minutes, ``bd``/``bh`` -> halves) when no whole
number fits. Each step asks a yes/no question (:func:`holds`), answered by the cheap
bounds and :func:`~sla_lint.timecalc.comparison.kept` where they apply, by the full
comparison otherwise (``careful=True`` always uses the full comparison: the slow path a
test holds equal to the fast one). Answers are memoised per run on everything they
depend on: the current text, its calendar, the direction and each relation's key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from math import nextafter

from sla_lint.fixes.relations import Relation
from sla_lint.rules.timing import Promise, TimeModel
from sla_lint.timecalc import DurationError, Unit, parse_duration

_COMPACT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(bh|bd|m|h|d|w)\s*$")
_MAX_DAYS = 3660
_PER_DAY: dict[str, Fraction] = {
    "m": Fraction(1440), "h": Fraction(24), "d": Fraction(1), "w": Fraction(1, 7),
    "bh": Fraction(24), "bd": Fraction(1)}
_FINER: dict[str, tuple[tuple[str, int], ...]] = {
    "w": (("w", 1), ("d", 1), ("h", 1)), "d": (("d", 1), ("h", 1), ("m", 1)),
    "h": (("h", 1), ("m", 1)), "m": (("m", 1),),
    "bd": (("bd", 1), ("bd", 2), ("bh", 1)), "bh": (("bh", 1), ("bh", 2)),
}


@dataclass(frozen=True)
class Outcome:
    """The value found (``"4bd"``), or the relations that collide (indexes into the list).

    With a value found growing: ``floor`` is the relation that stops it being shorter.

    With no value: ``floor`` is the relation that needs the value to be long (None when
    even the shortest value of the unit breaks ``cap``), ``cap`` the one that this length
    breaks (None with ``exhausted``: no duration a file may write keeps every floor).
    """

    value: str | None
    floor: int | None = None
    cap: int | None = None
    exhausted: bool = False
    at: str | None = None  # with a collision: the length where floor and cap meet


def holds(model: TimeModel, first: Promise, second: Promise, slack: float | None,
          careful: bool = False) -> bool:
    """``first`` never ends after ``second``, leaving at least ``slack`` when given.

    The same test the rules apply (SLA401, SLA402, SLA405, SLA408, SLA409): a yes/no
    answer from bounds and :func:`kept` unless a fractional business day makes them not
    apply, then (and always when ``careful``) from the full comparison. SLA409 compares
    the least slack as a float with ``slack``: a least ratio just under ``slack`` that
    rounds to it passes, so that case (a slack of exactly 10%) goes to the comparison.
    """
    if not careful and not (_fractional(first) or _fractional(second)):
        if model.provably_kept(first, second, slack):
            return True  # kept() is exact here: "not shown" means "not kept"
        if slack is None or not model.provably_kept(first, second, nextafter(slack, 0.0)):
            return False
        # the least ratio rounds to ``slack`` itself: the rules compare it as a float
    cmp = model.compare(first, second)
    return cmp is not None and cmp.holds and (slack is None or not cmp.slack < slack)


def _fractional(promise: Promise) -> bool:
    d = promise.duration
    return d.unit is Unit.BUSINESS_DAYS and d.days.denominator != 1


def keeps(model: TimeModel, candidate: Promise, relation: Relation, careful: bool = False) -> bool:
    """True when ``candidate`` keeps ``relation``."""
    if relation.floor:
        return holds(model, relation.other, candidate, relation.slack, careful)
    return holds(model, candidate, relation.other, relation.slack, careful)


def required(model: TimeModel, current: Promise, relations: Sequence[Relation],
             must: Relation | None, careful: bool = False) -> tuple[Relation, ...]:
    """The relations a suggestion must keep so that it adds no finding.

    ``must`` (the one being repaired) always; each other one as far as the current value
    keeps it: with its slack, or without it when only that holds (its low-slack warning is
    not new), or not at all when it is broken already (its finding is not new either).
    """
    kept: dict[tuple[object, ...], Relation] = {} if must is None else {must.key: must}
    for relation in relations:
        if relation.key in kept or relation.same(must):
            continue  # one of equal relations is enough to search with, and to word
        if keeps(model, current, relation, careful):
            kept[relation.key] = relation
        elif relation.slack is not None:
            loose = replace(relation, slack=None)
            if keeps(model, current, loose, careful):
                kept.setdefault(loose.key, loose)
    return tuple(kept.values())


def split(promise: Promise) -> tuple[Fraction, str]:
    """The number and unit suffix the lead wrote (``2bd`` -> 2, ``bd``)."""
    match = _COMPACT.match(promise.text.value)
    if match:
        return Fraction(match[1]), match[2]
    duration = promise.duration
    if duration.unit is Unit.BUSINESS_DAYS:
        return duration.days, "bd"
    hours = Fraction(duration.micros, 3_600_000_000)
    return hours, "bh" if duration.unit is Unit.BUSINESS_HOURS else "h"


def nearest(model: TimeModel, current: Promise, relations: tuple[Relation, ...], grow: bool,
            memo: dict[tuple[object, ...], Outcome], careful: bool = False,
            finest: bool = False) -> Outcome:
    """The value nearest ``current`` keeping every relation, memoised in ``memo``.

    ``grow``: the least value keeping every floor, if it keeps every cap; else the
    greatest keeping every cap, if it keeps every floor. ``finest``: growing, a value of
    one unit is refined in the finer units (``1bd`` may be ``9bh``).
    """
    key = (current.text.value, current.calendar_name, grow, careful, finest,
           tuple(r.key for r in relations))
    known = memo.get(key)
    if known is None:
        known = memo[key] = _nearest(model, current, relations, (grow, finest), careful)
    return known


def _nearest(model: TimeModel, current: Promise, relations: tuple[Relation, ...],
             way: tuple[bool, bool], careful: bool) -> Outcome:
    grow, finest = way
    number, written = split(current)
    best: Outcome | None = None
    for suffix, divisor in _FINER[written]:
        start = max(1, int(number * divisor * _scale(written, suffix)))
        found = _in_unit(model, current, relations, grow, careful, (suffix, divisor, start))
        if found.exhausted:
            return found  # no finer unit keeps floors that no length keeps
        if best is not None and found.value is None and _rank(found) <= _rank(best):
            return best  # a finer unit only answers worse from here
        best = found
        if found.value is not None and not (finest and found.value == _text(1, divisor, suffix)):
            return found  # a finer unit would only be longer to read
    assert best is not None
    return best


def _rank(outcome: Outcome) -> int:
    """A value, then a collision of a floor and a cap, then anything else."""
    if outcome.value is not None:
        return 2
    return 1 if outcome.floor is not None and outcome.cap is not None else 0


def _scale(written: str, suffix: str) -> Fraction:
    """How many of ``suffix`` make one of ``written``, for a starting point (elapsed only)."""
    if written == suffix or written.startswith("b") or suffix.startswith("b"):
        return Fraction(1)
    return _PER_DAY[suffix] / _PER_DAY[written]


def _in_unit(model: TimeModel, current: Promise, relations: tuple[Relation, ...], grow: bool,
             careful: bool, unit: tuple[str, int, int]) -> Outcome:
    suffix, divisor, start = unit
    top = int(_MAX_DAYS * _PER_DAY[suffix] * divisor)
    floors = [i for i, r in enumerate(relations) if r.floor]
    caps = [i for i, r in enumerate(relations) if not r.floor]

    def ok(n: int, which: list[int]) -> bool:
        candidate = _candidate(current, n, divisor, suffix)
        return candidate is not None and all(
            keeps(model, candidate, relations[i], careful) for i in which)

    if grow:
        low = _least(lambda n: ok(n, floors), min(start, top), top)
        if low is None:
            return Outcome(None, exhausted=True)
        if ok(low, caps):  # and the floor that holds it there, for the reason
            binding = next((i for i in floors if low > 1 and not ok(low - 1, [i])), None)
            return Outcome(_text(low, divisor, suffix), floor=binding)
        return _collision(ok, low, floors, caps, _text(low, divisor, suffix))
    high = _greatest(lambda n: ok(n, caps), min(start, top))
    if high is None:
        return Outcome(None, None, next((i for i in caps if not ok(1, [i])), None),
                       at=_text(1, divisor, suffix))
    if ok(high, floors):
        return Outcome(_text(high, divisor, suffix))
    return _collision(ok, high + 1, floors, caps, _text(high, divisor, suffix))


def _collision(ok: Callable[[int, list[int]], bool], low: int, floors: list[int],
               caps: list[int], at: str) -> Outcome:
    """The floor that needs ``low`` (broken at ``low - 1``) and a cap broken at ``low``."""
    floor = next((i for i in floors if low > 1 and not ok(low - 1, [i])), None)
    cap = next((i for i in caps if not ok(low, [i])), None)
    return Outcome(None, floor, cap, at=at)


def _least(ok: Callable[[int], bool], start: int, top: int) -> int | None:
    """The least ``n`` in ``[1, top]`` with ``ok(n)`` (``ok`` false, then true), from ``start``."""
    if ok(start):
        high, low, step = start, 1, 1
        while high - step >= 1:
            if not ok(high - step):
                low = high - step + 1
                break
            high, step = high - step, step * 2
    else:
        low, step = start + 1, 1
        while True:
            if low > top:
                return None
            high = min(start + step, top)
            if ok(high):
                break
            low, step = high + 1, step * 2
    while low < high:
        mid = (low + high) // 2
        low, high = (low, mid) if ok(mid) else (mid + 1, high)
    return high


def _greatest(ok: Callable[[int], bool], start: int) -> int | None:
    """The greatest ``n`` in ``[1, start]`` with ``ok(n)`` (``ok`` true, then false)."""
    if start < 1 or not ok(1):
        return None
    low, high = 1, start
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if ok(mid) else (low, mid - 1)
    return low


def _text(n: int, divisor: int, suffix: str) -> str:
    value = Fraction(n, divisor)
    number = str(value.numerator) if value.denominator == 1 else f"{float(value):g}"
    return f"{number}{suffix}"


def _candidate(current: Promise, n: int, divisor: int, suffix: str) -> Promise | None:
    """The current promise with another length, or None past the longest one allowed."""
    text = _text(n, divisor, suffix)
    try:
        duration = parse_duration(text)
    except DurationError:
        return None
    return Promise(current.text._replace(value=text), duration, current.calendar,
                   current.calendar_name)
