"""Family 4xx, commitments: durations, response vs resolution, the priority ladder, limits.

Every "no later than" uses FORMAT.md's rule: at every arrival moment of the horizon,
on the service's own calendar, the first deadline is not after the second. So ``1d`` is
not slower than ``1bd``, but ``4h`` elapsed is slower than a ``4bh`` limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from sla_lint.context import Context
from sla_lint.diagnostics import Finding, Related
from sla_lint.model.catalogue import TARGET_FIELDS, Service, Target, Text
from sla_lint.registry import rule
from sla_lint.rules.timing import Promise, TimeModel, duration_texts, moment_text, time_model
from sla_lint.suggest import Speller, did_you_mean, shortlist
from sla_lint.timecalc import Comparison, DurationError, parse_duration

_CLOCK = re.compile(r"^\s*(\d+):(\d\d)\s*$")


def when(cmp: Comparison, first: Promise, second: Promise, names: tuple[str, str]) -> str:
    """``; for a request arriving <t>, the response is due <a> but the resolution <b>``."""
    if first.duration.unit == second.duration.unit and first.calendar == second.calendar:
        return ""
    local = first.calendar
    moment = cmp.worst
    return (f"; for a request arriving {moment_text(moment.arrival, local, arrival=True)}, the"
            f" {names[0]} is due {moment_text(moment.first, local)} but the {names[1]}"
            f" {moment_text(moment.second, second.calendar)}")


def _targets(ctx: Context) -> Iterator[tuple[Service, Target]]:
    for service in ctx.catalogue.services():
        for target in service.targets:
            yield service, target


@rule("SLA401", "response-after-resolution")
def response_after_resolution(ctx: Context) -> Iterator[Finding]:
    """A response target is slower than the resolution target of the same priority.

    Why: a request cannot be resolved before anyone has responded to it; such a target
    is a typo or a unit mix-up. Compared at every arrival moment on the service's
    calendar, so a ``2bh`` response with an ``8h`` resolution fails for a Friday-evening
    request even though 2 is less than 8.

    Bad:
        P1: {response: 2h, resolution: 1h}

    Good:
        P1: {response: 30m, resolution: 1h}
    """
    model = time_model(ctx)
    for service in ctx.catalogue.services():
        if not model.known_clean("SLA401", service):
            found = list(_response_findings(model, service))
            model.remember(service, "SLA401", found)
            yield from found


def _response_findings(model: TimeModel, service: Service) -> Iterator[Finding]:
    for target in service.targets:
        found = model.slower_promises(target.response, target.resolution,
                                      model.calendar_name_of(service))
        if found is not None:
            cmp, response, resolution = found
            p = target.priority.value
            yield Finding(
                f"{p} response {response.text} is slower than its resolution {resolution.text}"
                f"{when(cmp, response, resolution, ('response', 'resolution'))}; make the"
                " response faster or the resolution slower",
                response.text.loc, (Related(resolution.text.loc, f"{p} resolution"),))


@rule("SLA402", "priority-order")
def priority_order(ctx: Context) -> Iterator[Finding]:
    """A more urgent priority is slower than a less urgent one.

    Why: the ladder (P1 most urgent) means P1 is never handled more slowly than P2; an
    inverted pair usually means two lines were swapped. Checked for response and for
    resolution, each against the next less urgent priority that has one.

    Bad:
        P1: {response: 1h, resolution: 2d}
        P2: {response: 2h, resolution: 1d}

    Good:
        P1: {response: 1h, resolution: 1d}
        P2: {response: 2h, resolution: 2d}
    """
    model = time_model(ctx)
    ladder = ctx.catalogue.ladder
    for service in ctx.catalogue.services():
        if model.known_clean("SLA402", service):
            continue
        ordered = sorted((t for t in service.targets if t.priority.value in ladder),
                         key=lambda t: ladder.index(t.priority.value))
        found = [f for name in ("response", "resolution")
                 for f in _ladder_pairs(model, service, ordered, name)]
        model.remember(service, "SLA402", found)
        yield from found


def _ladder_pairs(model: TimeModel, service: Service, ordered: list[Target],
                  name: str) -> Iterator[Finding]:
    calendar = model.calendar_name_of(service)
    texts = [(t, text) for t in ordered if (text := t.field(name)) is not None]
    usable = [(t, text) for t, text in texts if model.promise(text, calendar) is not None]
    for (urgent, fast_text), (calm, slow_text) in pairwise(usable):
        found = model.slower_promises(fast_text, slow_text, calendar)
        if found is None:
            continue
        cmp, fast, slow = found
        a, b = urgent.priority.value, calm.priority.value
        yield Finding(
            f"{a} {name} {fast.text} is slower than {b} {name} {slow.text}"
            f"{when(cmp, fast, slow, (f'{a} {name}', f'{b} {name}'))}; a more urgent priority"
            f" must not take longer: make {a} faster or {b} slower",
            fast.text.loc, (Related(slow.text.loc, f"{b} {name}"),))


@rule("SLA403", "missing-target")
def missing_target(ctx: Context) -> Iterator[Finding]:
    """A service has no target for some priority of the policy's ladder.

    Why: a request of that priority would have no promise at all, and services that
    depend on this one could not be checked. Give one target per priority.

    Bad:
        targets:
          P1: {response: 30m, resolution: 4h}

    Good:
        targets:
          P1: {response: 30m, resolution: 4h}
          P2: {response: 1h, resolution: 8h}
          P3: {response: 4bh, resolution: 3bd}
          P4: {response: 1bd, resolution: 10bd}
    """
    ladder = ctx.catalogue.ladder
    for service in ctx.catalogue.services():
        given = {t.priority.value for t in service.targets}
        missing = [p for p in ladder if p not in given]
        if missing:
            yield Finding(
                f"service {service.ref} has no target for {shortlist(missing)}; add one per"
                f" priority of the ladder ({shortlist(ladder)})", service.targets_loc)


@rule("SLA404", "unknown-priority")
def unknown_priority(ctx: Context) -> Iterator[Finding]:
    """A target, limit or priority mapping names a priority outside the policy's ladder.

    Why: a promise for a priority nobody can raise is never used, and a mapping to an
    unknown priority sends requests nowhere. The ladder is the policy's ``priorities``
    (default P1 to P4); a near miss such as ``p1`` is answered with "did you mean 'P1'?".

    Bad:
        targets:
          P5: {response: 1bd, resolution: 20bd}
        depends_on:
          - {service: it/laptops, priority: {P1: Urgent}}

    Good:
        targets:
          P4: {response: 1bd, resolution: 20bd}
        depends_on:
          - {service: it/laptops, priority: {P1: P2}}
    """
    cat = ctx.catalogue
    ladder = cat.ladder
    names = Speller(ladder)
    for text in _priority_names(ctx):
        if text.value not in ladder:
            advice = did_you_mean(text.value, names) or (
                "; use one of them or add it to the policy's priorities")
            yield Finding(f"{text.value!r} is not a priority of the ladder"
                          f" ({shortlist(ladder)}){advice}", text.loc)


def _priority_names(ctx: Context) -> Iterator[Text]:
    for service in ctx.catalogue.services():
        yield from (t.priority for t in service.targets)
        for dep in service.depends_on:
            for ours, theirs in dep.priority_map:
                yield from (ours, theirs)
    for policy in ctx.catalogue.policies:
        yield from (limit.priority for limit in policy.limits)


@rule("SLA405", "over-limit")
def over_limit(ctx: Context) -> Iterator[Finding]:
    """A target is slower than the policy's limit for its priority.

    Why: the limits are the slowest promise the company allows. A limit counts on the
    service's own calendar: a ``4bh`` limit lets a service answer within four of its
    business hours, a ``4h`` limit demands four elapsed hours even over a weekend.

    Bad:
        # policy: limits: {P1: {resolution: 1d}}
        P1: {response: 1h, resolution: 2bd}

    Good:
        P1: {response: 1h, resolution: 8h}
    """
    model = time_model(ctx)
    policy = ctx.catalogue.policy
    if policy is None:
        return
    limits = {limit.priority.value: limit for limit in policy.limits}
    for service in ctx.catalogue.services():
        if model.known_clean("SLA405", service):
            continue
        found = [f for target in service.targets
                 if (limit := limits.get(target.priority.value)) is not None
                 for name in TARGET_FIELDS
                 for f in _limit_finding(model, service, target, limit, name)]
        model.remember(service, "SLA405", found)
        yield from found


def _limit_finding(model: TimeModel, service: Service, target: Target, limit: Target,
                   name: str) -> Iterator[Finding]:
    found = model.slower_promises(target.field(name), limit.field(name),
                                  model.calendar_name_of(service))
    if found is not None:
        cmp, ours, cap = found
        p = target.priority.value
        yield Finding(
            f"{p} {name} {ours.text} is slower than the policy limit {cap.text} (at {cap.text.loc})"
            f"{when(cmp, ours, cap, (name, 'limit'))}; make it {cap.text} or faster",
            ours.text.loc, (Related(cap.text.loc, f"policy limit for {p} {name}"),))


@rule("SLA406", "invalid-duration")
def invalid_duration(ctx: Context) -> Iterator[Finding]:
    """A duration cannot be read.

    Why: an unreadable target promises nothing. Durations are a number and a unit with
    no space: ``30m``, ``4h``, ``2d``, ``1w`` (elapsed), ``4bh`` (business hours), ``3bd``
    (business days); or long forms (``4 hours``, ``30 mins``, ``2 business days``) or
    ISO 8601 (``PT4H``). The message names the form most likely meant (``4 h``: write
    ``4h``).

    Bad:
        P1: {response: "1:30", resolution: 4 hurs}

    Good:
        P1: {response: 90m, resolution: 4h}
    """
    model = time_model(ctx)
    if all(model.duration(value) is not None for value in _distinct_durations(model, ctx)):
        return  # every distinct text parses: the usual case, decided once per text
    for text in duration_texts(ctx.catalogue):
        if model.duration(text.value) is not None:
            continue
        try:
            parse_duration(text.value)
        except DurationError as exc:
            yield Finding(_duration_message(text.value, exc), text.loc)


def _distinct_durations(model: TimeModel, ctx: Context) -> set[str]:
    """Every distinct duration text of the catalogue, a service's targets once per signature."""
    cat = ctx.catalogue
    return {t.value for t in duration_texts(cat, model.distinct(cat.services()))}


def _duration_message(value: str, exc: DurationError) -> str:
    clock = _CLOCK.match(value)
    if clock:
        minutes = int(clock[1]) * 60 + int(clock[2])
        return (f"{value!r} looks like a clock time, not a duration; for {int(clock[1])} h"
                f" {clock[2]} min write {minutes}m")
    return str(exc)
