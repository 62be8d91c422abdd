"""Each priority's promise in plain words with worked examples, computed once per distinct promise.

A large catalogue repeats the same targets on the same calendar many times; the time
engine is asked once per (targets, calendar) and the words are shared.
"""

from __future__ import annotations

from typing import NamedTuple

from sla_lint.model import Catalogue, Service, Target, Text
from sla_lint.timecalc import Calendar, Duration, DurationError, parse_duration
from sla_lint.wording import example_words, promise_words, worked_examples


class PromiseRow(NamedTuple):
    """One priority of a service: what it means, the promise, and worked examples."""

    priority: str
    meaning: str
    words: str
    written: str
    examples: tuple[str, ...]


def _parsed(text: Text | None) -> Duration | None:
    if text is None:
        return None
    try:
        return parse_duration(text.value)
    except DurationError:
        return None


def _written(target: Target) -> str:
    parts = [f"{name} {text.value}" for name, text in
             (("response", target.response), ("resolution", target.resolution),
              ("update", target.update)) if text is not None]
    return ", ".join(parts)


class PromiseBook:
    """Promise rows by (targets as written, calendar), worded and computed once."""

    def __init__(self, catalogue: Catalogue, calendars: dict[str, Calendar], year: int) -> None:
        self.calendars = calendars
        self.year = year
        policy = catalogue.policy
        self.ladder = catalogue.ladder
        self.meanings = {p: (policy.description(p) or "") if policy else ""
                         for p in self.ladder}
        self._rows: dict[tuple[object, ...], tuple[str, str, tuple[str, ...]]] = {}
        self._services: dict[tuple[object, ...], tuple[PromiseRow, ...]] = {}

    def rows(self, service: Service, calendar_name: str) -> tuple[PromiseRow, ...]:
        """The service's promises, most urgent priority first (ladder order).

        Services that make the same promises on the same calendar share one tuple.
        """
        key = (calendar_name, *((t.priority.value, *(x.value if x else None for x in
                                 (t.response, t.resolution, t.update)))
                                for t in service.targets))
        found = self._services.get(key)
        if found is None:
            order = {p: i for i, p in enumerate(self.ladder)}
            targets = sorted(service.targets,
                             key=lambda t: (order.get(t.priority.value, len(order)),
                                            t.priority.value))
            found = self._services[key] = tuple(self._row(t, calendar_name) for t in targets)
        return found

    def _row(self, target: Target, calendar_name: str) -> PromiseRow:
        key = (calendar_name, *(t.value if t else None for t in
                                (target.response, target.resolution, target.update)))
        if key not in self._rows:
            self._rows[key] = self._compute(target, calendar_name)
        words, written, examples = self._rows[key]
        priority = target.priority.value
        return PromiseRow(priority, self.meanings.get(priority, ""), words, written, examples)

    def _compute(self, target: Target,
                 calendar_name: str) -> tuple[str, str, tuple[str, ...]]:
        response, resolution = _parsed(target.response), _parsed(target.resolution)
        words = promise_words(response, resolution, _parsed(target.update))
        calendar = self.calendars.get(calendar_name)
        if calendar is None or (response is None and resolution is None):
            return words, _written(target), ()
        examples = worked_examples(response, resolution, calendar, self.year)
        return words, _written(target), tuple(example_words(e, calendar.timezone)
                                              for e in examples)
