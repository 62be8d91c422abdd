"""The nearest round value of the lead's unit that keeps every relation, or why none does.

Floors hold from some length on and caps up to some length (a longer duration of one unit
never ends sooner), so the lengths keeping them all form one range, from the greatest
floor threshold to the least cap threshold. Each relation's threshold (galloping and
bisection over whole numbers of the unit) depends only on the relation's key, our
calendar and the unit, so it is found once per run, however many findings ask: a large
repo has thousands of findings and a few dozen distinct thresholds. Finer units follow
(``1d`` -> hours -> minutes, ``bd`` -> ``bh``) when no whole number fits. Whole numbers
only: a fraction of a business day (``1.5bd``) would need the full comparison at every
step, as :func:`~sla_lint.timecalc.comparison.kept` does not decide those.

Each step asks a yes/no question (:func:`holds`), answered by the cheap bounds and
``kept`` where they apply, by the full comparison otherwise; ``careful=True`` always uses
the full comparison: the slow path a test holds equal to the fast one.
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
_ELAPSED = frozenset({"m", "h", "d", "w"})
_PER_DAY: dict[str, Fraction] = {
    "m": Fraction(1440), "h": Fraction(24), "d": Fraction(1), "w": Fraction(1, 7),
    "bh": Fraction(24), "bd": Fraction(1)}
_FINER: dict[str, tuple[tuple[str, int], ...]] = {
    "w": (("w", 1), ("d", 1), ("h", 1)), "d": (("d", 1), ("h", 1), ("m", 1)),
    "h": (("h", 1), ("m", 1)), "m": (("m", 1),),
    "bd": (("bd", 1), ("bh", 1)), "bh": (("bh", 1),),
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
    final: bool = False  # no finer unit can fit between the floor and the cap


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
            memo: dict[tuple[object, ...], object], careful: bool = False,
            finest: bool = False, held: bool = False) -> Outcome:
    """The value nearest ``current`` keeping every relation, memoised in ``memo``.

    ``grow``: the least value keeping every floor, if it keeps every cap; else the
    greatest keeping every cap, if it keeps every floor. ``finest``: growing, a value of
    one unit is refined in the finer units (``1bd`` may be ``9bh``). ``held``: every
    relation but the first holds at ``current`` (the first does not): then, in the unit
    written, a floor held (growing) or a cap held (shrinking) cannot bind, and is skipped.
    """
    key = ("nearest", current.text.value, current.calendar_name, grow, careful, finest, held,
           tuple(r.key for r in relations))
    known = memo.get(key)
    if not isinstance(known, Outcome):
        known = _nearest(Search(model, current, careful, memo, held), relations,
                         (grow, finest))
        memo[key] = known
    return known


@dataclass(frozen=True)
class Search:
    """What every step of one search shares: the model, the promise changed, the memo."""

    model: TimeModel
    current: Promise
    careful: bool
    memo: dict[tuple[object, ...], object]
    held: bool = False

    def threshold(self, relation: Relation, unit: tuple[str, int]) -> int:
        """The least length (floor) or the greatest (cap) of ``unit`` keeping ``relation``.

        In steps of the unit: a floor gives ``top + 1`` when no length keeps it, a cap 0.
        It depends only on the relation's key, our calendar and the unit, so each is
        found once per run however many searches ask (a large repo asks thousands).
        """
        key = ("threshold", relation.key, self.current.calendar_name, unit, self.careful)
        known = self.memo.get(key)
        if not isinstance(known, int):
            known = self.memo[key] = self._threshold(relation, unit)
        return known

    def _threshold(self, relation: Relation, unit: tuple[str, int]) -> int:
        suffix, divisor = unit
        top = _top(unit)

        def ok(n: int) -> bool:
            candidate = _candidate(self.current, n, divisor, suffix)
            return candidate is not None and keeps(self.model, candidate, relation,
                                                   self.careful)

        if relation.floor:  # false, then true: the first true
            return _first(lambda n: ok(n), top)
        return _first(lambda n: not ok(n), top) - 1  # true, then false: the last true


def _top(unit: tuple[str, int]) -> int:
    """The longest length a file may write, in steps of ``unit``."""
    suffix, divisor = unit
    return int(_MAX_DAYS * _PER_DAY[suffix] * divisor)


def _first(ok: Callable[[int], bool], top: int) -> int:
    """The least ``n`` in ``[1, top]`` with ``ok(n)`` (false, then true), else ``top + 1``."""
    low, high = 1, 1
    while not ok(high):
        if high >= top:
            return top + 1
        low, high = high + 1, min(high * 2, top)
    while low < high:
        mid = (low + high) // 2
        low, high = (low, mid) if ok(mid) else (mid + 1, high)
    return high


def _nearest(search: Search, relations: tuple[Relation, ...], way: tuple[bool, bool]) -> Outcome:
    grow, finest = way
    _, written = split(search.current)
    best: Outcome | None = None
    for unit in _FINER[written]:
        found = _in_unit(search, relations, grow, unit)
        if found.exhausted or (found.final and best is None):
            return found  # no finer unit keeps floors that no length keeps, or fits
        if best is not None and found.value is None and _rank(found) <= _rank(best):
            return best  # a finer unit only answers worse from here
        best = found
        if found.final:
            return found
        if found.value is not None and not (finest and found.value == _text(1, *unit[::-1])):
            return found  # a finer unit would only be longer to read
    assert best is not None
    return best


def _rank(outcome: Outcome) -> int:
    """A value, then a collision of a floor and a cap, then anything else."""
    if outcome.value is not None:
        return 2
    return 1 if outcome.floor is not None and outcome.cap is not None else 0


def _in_unit(search: Search, relations: tuple[Relation, ...], grow: bool,
             unit: tuple[str, int]) -> Outcome:
    """The range of lengths keeping every relation is [greatest floor, least cap]."""
    suffix, divisor = unit
    top = _top(unit)
    moving = search.held and suffix == split(search.current)[1]
    lows = [(search.threshold(r, unit), i) for i, r in enumerate(relations)
            if r.floor and not (moving and grow and i)]  # held: no more than now, when growing
    highs = [(search.threshold(r, unit), i) for i, r in enumerate(relations)
             if not r.floor and not (moving and not grow and i)]
    low, floor = max(lows, key=lambda x: (x[0], -x[1]), default=(1, None))
    high, cap = min(highs, key=lambda x: x[:2], default=(top, None))
    if low > top:
        return Outcome(None, floor=floor, exhausted=True)
    if low <= high:
        value = low if grow else high
        return Outcome(_text(value, divisor, suffix), floor=floor if grow and low > 1 else None)
    if high < 1:
        return Outcome(None, None, cap, at=_text(1, divisor, suffix))
    # elapsed units are exact multiples of the finer ones: a whole unit between the floor's
    # length and the cap's leaves no room for a finer value either
    final = suffix in _ELAPSED and low >= high + 2
    return Outcome(None, floor, cap, at=_text(low if grow else high, divisor, suffix),
                   final=final)


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
