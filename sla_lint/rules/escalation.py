"""Family 4xx, escalation: steps in increasing order, each able to fire before a deadline."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from sla_lint.context import Context
from sla_lint.diagnostics import Finding, Related
from sla_lint.model import Department
from sla_lint.registry import rule
from sla_lint.rules.timing import Promise, TimeModel, time_model


@rule("SLA407", "escalation-order")
def escalation_order(ctx: Context) -> Iterator[Finding]:
    """Escalation steps are not in increasing order, or a step comes after every deadline.

    Why: each step tells someone more senior that a request is still open; a step that is
    not later than the one before it is a typo, and a step that comes after the slowest
    resolution the department promises can only fire once every promise is already
    broken. Steps count on the department's calendar.

    Bad:
        escalation:
          - {after: 4h, contact: duty-manager@acme.example}
          - {after: 2h, contact: head-of-it@acme.example}

    Good:
        escalation:
          - {after: 2h, contact: duty-manager@acme.example}
          - {after: 4h, contact: head-of-it@acme.example}
    """
    model = time_model(ctx)
    quiet: set[tuple[object, ...]] = set()  # departments whose promises said nothing
    for dept in ctx.catalogue.departments:
        calendar = ctx.catalogue.department_calendar(dept)
        key = (calendar, tuple(step.after.value for step in dept.escalation),
               tuple(map(model.signature_key, dept.services)))
        if key in quiet:
            continue  # the same steps against the same promises: nothing to say again
        steps = [model.promise(step.after, calendar) for step in dept.escalation]
        usable = [s for s in steps if s is not None]
        found = [*_order(model, usable), *_too_late(model, dept, usable)]
        if not found:
            quiet.add(key)
        yield from found


def _order(model: TimeModel, steps: list[Promise]) -> Iterator[Finding]:
    for before, step in pairwise(steps):
        sooner = model.slower(before, step) is not None
        same = (not sooner and not model.provably_later(step, before)
                and model.slower(step, before) is None)
        if sooner or same:
            relation = "at the same time as" if same else "sooner than"
            yield Finding(
                f"escalation step after {step.text} comes {relation} the step before it"
                f" (after {before.text}); order the steps from soonest to latest",
                step.text.loc, (Related(before.text.loc, "the step before"),))


def _too_late(model: TimeModel, dept: Department, steps: list[Promise]) -> Iterator[Finding]:
    distinct = _distinct_resolutions(model, dept)
    late = [step for step in steps if distinct and not _in_time(model, step, distinct)]
    if not late:
        return  # the usual case, decided on the department's distinct resolutions
    resolutions = [p for s in dept.services for t in s.targets
                   if (p := model.service_promise(s, t.resolution))]
    example = resolutions[-1]
    for step in late:
        yield Finding(
            f"escalation after {step.text} comes after all {len(resolutions)} resolution"
            f" targets of {dept.name.value} (for example {example.text} at {example.text.loc}),"
            " so it can only fire once the promise is broken; make it sooner", step.text.loc)


def _in_time(model: TimeModel, step: Promise, resolutions: list[Promise]) -> bool:
    """True when the step is never later than some resolution."""
    if any(model.provably_kept(step, res, scan=False) for res in resolutions):
        return True  # cheap proofs first: the exact check of a pair is far dearer
    return any(model.slower(step, res) is None for res in resolutions)


def _distinct_resolutions(model: TimeModel, dept: Department) -> list[Promise]:
    """One usable resolution promise per distinct text and calendar of the department.

    Every time answer depends on a promise's text and calendar only, so these stand for
    all of them; the services are grouped by signature first (one pass over its targets).
    """
    found: dict[tuple[str, str], Promise] = {}
    for service in model.distinct(dept.services):
        for target in service.targets:
            promise = model.service_promise(service, target.resolution)
            if promise is not None:
                found.setdefault((promise.text.value, promise.calendar_name), promise)
    return list(found.values())
