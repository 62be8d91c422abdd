"""Family 6xx: what a change does to the teams that depend on it (``check --base REF``).

Both catalogues are built the same way; these rules compare the one at the base
revision with the one in the work tree. Severity follows who is hurt: an error when
another department's promise or reference breaks, a warning when only the changing
department's does (or others are exposed but still fine), info when nobody depends.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sla_lint.context import Context
from sla_lint.diagnostics import Finding, Location, Related, Severity
from sla_lint.items import normalize_item
from sla_lint.model import Catalogue, Dependency, Service
from sla_lint.model.catalogue import TARGET_FIELDS
from sla_lint.registry import rule
from sla_lint.rules.feasibility import percent
from sla_lint.rules.timing import Promise, TimeModel, moment_text, time_model
from sla_lint.timecalc import Comparison


@dataclass(frozen=True)
class Dependant:
    """A service in the work tree that depends on a given provider."""

    consumer: Service
    dep: Dependency


def _dependants(head: Catalogue, ref: str) -> list[Dependant]:
    return [Dependant(s, d) for s in head.services() for d in s.depends_on
            if d.service.value == ref]


def _kept(ctx: Context) -> Iterator[tuple[Service, Service]]:
    """Each service in both catalogues: (as at the base, as in the work tree)."""
    if ctx.base is None:
        return
    for service in ctx.catalogue.services():
        old = ctx.base.service_index.get(service.ref)
        if old is not None:
            yield old, service


def _base_model(ctx: Context) -> TimeModel:
    model = ctx.memo.get("base-time")
    if not isinstance(model, TimeModel):
        assert ctx.base is not None
        model = ctx.memo["base-time"] = TimeModel(ctx.base, ctx.this_year)
    return model


def _severity(changing: str, departments: set[str], broken: bool) -> Severity:
    if not departments:
        return Severity.INFO
    if broken and departments - {changing}:
        return Severity.ERROR
    return Severity.WARNING


def _renamed_hint(base: Catalogue, head: Catalogue, old: Service) -> str:
    dept = head.department_index.get(old.department)
    if dept is None:
        return f" (department {old.department} is removed)"
    scope = {normalize_item(i.value) for i in old.includes}
    for new in dept.services:
        added = new.ref not in base.service_index
        if added and scope and scope == {normalize_item(i.value) for i in new.includes}:
            return f" (renamed to {new.ref}?)"
    return ""


@rule("SLA601", "removed-service")
def removed_service(ctx: Context) -> Iterator[Finding]:
    """The change removes or renames a service that others still depend on.

    Why: every ``depends_on`` that names it now points nowhere, so the promises built on
    it can no longer be checked or kept. An error when another department depends on it,
    a warning when only the same department does. Update the dependants in the same
    change, or keep the service.

    Bad:
        # base: hr/payroll exists; this change renames it to hr/pay
        depends_on:
          - {service: hr/payroll}      # in finance.yaml, unchanged

    Good:
        depends_on:
          - {service: hr/pay}          # updated in the same pull request
    """
    base = ctx.base
    if base is None:
        return
    head = ctx.catalogue
    for ref, old in sorted(base.service_index.items()):
        if ref in head.service_index:
            continue
        hint = _renamed_hint(base, head, old)
        for item in _dependants(head, ref):
            where = item.dep.service.loc
            yield Finding(
                f"{item.consumer.ref} depends on {ref}, which this change removes{hint};"
                f" it was at {old.loc} in {ctx.base_ref}: update the dependency in the same"
                " change, or keep the service", where, (),
                _severity(old.department, {item.consumer.department}, broken=True))


@rule("SLA602", "removed-redirect-target", Severity.WARNING)
def removed_redirect_target(ctx: Context) -> Iterator[Finding]:
    """The change removes a service that exclusions redirect people to.

    Why: people who ask for an excluded item are sent "down the road" to that service;
    once it is gone they are sent nowhere. Point the redirect at the service that now
    handles the item.

    Bad:
        excludes:
          - {item: mobile phones, redirect: telecoms/mobile-devices}   # removed by this change

    Good:
        excludes:
          - {item: mobile phones, redirect: it/mobile-devices}
    """
    base = ctx.base
    if base is None:
        return
    head = ctx.catalogue
    for service in head.services():
        for excl in service.excludes:
            target = excl.redirect
            if target and target.value in base.service_index and (
                    target.value not in head.service_index):
                yield Finding(
                    f"redirect for {excl.item.value!r} points to {target.value}, which this"
                    f" change removes; send people to the service that handles it now",
                    target.loc)


@rule("SLA603", "slower-target")
def slower_target(ctx: Context) -> Iterator[Finding]:
    """The change makes a target slower on a service that others depend on.

    Why: a department that quietly slows its promises breaks the promises of every team
    that waits on it. The finding names each dependant with its file and line and its
    slack before and after: an error when another department's promise becomes
    impossible to keep, a warning when dependants are exposed but still fine (or only the
    same department is hurt), info when nobody depends on the service.

    Bad:
        # base: P2: {response: 2bh, resolution: 2bd}
        P2: {response: 2bh, resolution: 4bd}    # it-service-desk waits on this with 3bd

    Good:
        P2: {response: 2bh, resolution: 2bd}    # or agree the new target with it-service-desk
    """
    for old, service in _kept(ctx):
        yield from _slower_fields(ctx, old, service)


def _slower_fields(ctx: Context, old: Service, new: Service) -> Iterator[Finding]:
    head, before = time_model(ctx), _base_model(ctx)
    for target in new.targets:
        old_target = old.target(target.priority.value)
        for name in TARGET_FIELDS if old_target else ():
            assert old_target is not None
            was = before.service_promise(old, old_target.field(name))
            now = head.service_promise(new, target.field(name))
            if was is None or now is None or was.duration == now.duration:
                continue  # an unchanged target on a changed calendar is SLA606's
            cmp = head.slower(now, was)
            if cmp is not None:
                yield _slower_finding(ctx, new, target.priority.value, name, was, now, cmp)


@dataclass(frozen=True)
class Impact:
    """What a provider's change does to one dependant's promise."""

    dependant: Dependant
    priority: str
    before: Comparison | None
    after: Comparison | None

    @property
    def broken(self) -> bool:
        """The dependant's promise could be kept before and cannot now."""
        return bool(self.before and self.before.holds and self.after and not self.after.holds)

    def describe(self) -> str:
        """``it/laptops P2 (it.yaml:30:21): slack 40% -> cannot be kept``."""
        return (f"{self.dependant.consumer.ref} {self.priority} ({self.dependant.dep.service.loc}):"
                f" slack {_state(self.before)} -> {_state(self.after)}")


def _state(cmp: Comparison | None) -> str:
    if cmp is None:
        return "n/a"
    return percent(cmp.slack) if cmp.holds else "cannot be kept"


def _impacts(ctx: Context, provider: Service, priority: str, was: Promise,
             now: Promise) -> list[Impact]:
    head = time_model(ctx)
    impacts = []
    for item in _dependants(ctx.catalogue, provider.ref):
        for target in item.consumer.targets:
            if item.dep.provider_priority(target.priority.value) != priority:
                continue
            ours = head.service_promise(item.consumer, target.resolution)
            if ours is not None and item.dep.blocking:
                impacts.append(Impact(item, target.priority.value, head.compare(was, ours),
                                      head.compare(now, ours)))
    return impacts


def _slower_finding(ctx: Context, service: Service, priority: str, name: str, was: Promise,
                    now: Promise, cmp: Comparison) -> Finding:
    dependants = _dependants(ctx.catalogue, service.ref)
    impacts = _impacts(ctx, service, priority, was, now) if name == "resolution" else []
    broken = {i.dependant.consumer.department for i in impacts if i.broken}
    touched = {d.consumer.department for d in dependants}
    severity = _severity(service.department, broken or touched, bool(broken))
    who = "; ".join(i.describe() for i in impacts) or (
        ", ".join(sorted({d.consumer.ref for d in dependants})) or "no service depends on it")
    moment = cmp.worst
    return Finding(
        f"{priority} {name} of {service.ref} made slower: {was.text} -> {now.text} (for a"
        f" request arriving {moment_text(moment.arrival, now.calendar, arrival=True)} it is"
        f" due {moment_text(moment.first, now.calendar)} instead of"
        f" {moment_text(moment.second, now.calendar)}). Dependants: {who}",
        now.text.loc, _related(impacts), severity)


def _related(impacts: list[Impact]) -> tuple[Related, ...]:
    places = {i.dependant.dep.service.loc: i.dependant.consumer.ref for i in impacts}
    return tuple(Related(loc, f"{ref} waits on it") for loc, ref in sorted(places.items()))


@rule("SLA604", "removed-scope-item")
def removed_scope_item(ctx: Context) -> Iterator[Finding]:
    """The change removes a scope item that a dependant's ``for`` needs.

    Why: the dependant relies on the provider for that item; once the provider no longer
    includes it, nobody has promised to handle it.

    Bad:
        # base: includes: [laptops, monitors]; this change drops monitors
        depends_on:
          - {service: it/hardware, for: [monitors]}

    Good:
        includes: [laptops, monitors]
    """
    base = ctx.base
    if base is None:
        return
    for consumer in ctx.catalogue.services():
        for dep in consumer.depends_on:
            yield from _lost_items(ctx, base, consumer, dep)


def _lost_items(ctx: Context, base: Catalogue, consumer: Service,
                dep: Dependency) -> Iterator[Finding]:
    old = base.service_index.get(dep.service.value)
    new = ctx.catalogue.service_index.get(dep.service.value)
    if old is None or new is None:
        return
    had = {normalize_item(i.value) for i in old.includes}
    has = {normalize_item(i.value) for i in new.includes}
    for item in dep.items:
        key = normalize_item(item.value)
        if key in had and key not in has:
            yield Finding(
                f"{consumer.ref} needs {item.value!r} from {new.ref}, which this change"
                f" removes from its scope (at {new.loc}); keep the item or agree where it"
                " goes now", item.loc, (),
                _severity(new.department, {consumer.department}, broken=True))


@rule("SLA605", "removed-customer")
def removed_customer(ctx: Context) -> Iterator[Finding]:
    """The change removes a department from a service's customers while it depends on it.

    Why: the department may no longer ask for the service its own promises rely on.

    Bad:
        # base: customers: [hr, finance]; it-service-desk... finance depends on it
        customers: [hr]

    Good:
        customers: [hr, finance]
    """
    base = ctx.base
    if base is None:
        return
    for consumer in ctx.catalogue.services():
        for dep in consumer.depends_on:
            old = base.service_index.get(dep.service.value)
            new = ctx.catalogue.service_index.get(dep.service.value)
            dept = consumer.department
            if old and new and old.serves(dept) and not new.serves(dept):
                yield Finding(
                    f"this change removes {consumer.department} from the customers of"
                    f" {new.ref}, but {consumer.ref} depends on it; keep the department in"
                    f" customers or remove the dependency", dep.service.loc, (),
                    _severity(new.department, {consumer.department}, broken=True))


@rule("SLA606", "calendar-change")
def calendar_change(ctx: Context) -> Iterator[Finding]:
    """The change alters a provider's calendar so that a dependant has less slack or none.

    Why: fewer working hours, new holidays or another time zone make every business-hours
    promise on that calendar take longer in real time, although no target changed.

    Bad:
        # base: london-office has no holiday on 2027-08-30
        holidays: [2027-08-30]      # it-service-desk's 3bd waits on procurement's 3bd

    Good:
        holidays: [2027-08-30]      # and it-service-desk agreed a 4bd target
    """
    for old, provider in _kept(ctx):
        yield from _calendar_impacts(ctx, old, provider)


def _calendar_impacts(ctx: Context, old: Service, new: Service) -> Iterator[Finding]:
    head, before = time_model(ctx), _base_model(ctx)
    for target in new.targets:
        old_target = old.target(target.priority.value)
        was = before.service_promise(old, old_target.resolution if old_target else None)
        now = head.service_promise(new, target.resolution)
        if was is None or now is None or was.duration != now.duration or (
                was.calendar == now.calendar):
            continue
        impacts = [i for i in _impacts(ctx, new, target.priority.value, was, now)
                   if _worse(i)]
        if impacts:
            yield _calendar_finding(new, target.priority.value, was, now, impacts)


def _worse(impact: Impact) -> bool:
    before, after = impact.before, impact.after
    if before is None or after is None:
        return False
    return (before.holds and not after.holds) or after.slack < before.slack


def _calendar_finding(service: Service, priority: str, was: Promise, now: Promise,
                      impacts: list[Impact]) -> Finding:
    broken = {i.dependant.consumer.department for i in impacts if i.broken}
    touched = {i.dependant.consumer.department for i in impacts}
    where: Location = now.text.loc
    change = (f"the calendar {now.calendar_name} of {service.ref} changed (hours, holidays or"
              " time zone)" if was.calendar_name == now.calendar_name else
              f"{service.ref} moved from calendar {was.calendar_name} to {now.calendar_name}")
    return Finding(
        f"{change}, so its {priority} resolution {now.text} leaves those who wait on it less"
        f" time: {'; '.join(i.describe() for i in impacts)}",
        where, _related(impacts),
        _severity(service.department, broken or touched, bool(broken)))

