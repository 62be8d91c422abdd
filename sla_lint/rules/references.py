"""Family 2xx: identity and references: names unique, every reference resolves."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from operator import attrgetter
from typing import Protocol

from sla_lint.context import Context
from sla_lint.depgraph import links
from sla_lint.diagnostics import Finding, Related, Severity
from sla_lint.model import ANY_DEPARTMENT, BUILTIN_CALENDAR, EXTERNAL, Catalogue, Text
from sla_lint.registry import rule
from sla_lint.suggest import Speller, did_you_mean, shortlist
from sla_lint.timecalc import zone_exists

_VALUE = attrgetter("value")
_CUSTOMERS = attrgetter("customers")
_EXCLUDES = attrgetter("excludes")


class _Named(Protocol):
    @property
    def name(self) -> Text: ...


def _duplicates(kind: str, items: Iterable[_Named], scope: str = "the repo") -> Iterator[Finding]:
    """Each later item whose name an earlier one already has."""
    first: dict[str, Text] = {}
    for item in items:
        name = item.name
        if name.value in first:
            seen = first[name.value]
            yield Finding(
                f"{kind} name {name.value!r} is already used at {seen.loc}; names must be"
                f" unique in {scope}: rename one of them",
                name.loc, (Related(seen.loc, f"the first {kind} named {name.value!r}"),))
        else:
            first[name.value] = name


@rule("SLA201", "duplicate-name")
def duplicate_name(ctx: Context) -> Iterator[Finding]:
    """Two documents of the same kind have the same name.

    Why: references (``calendar: london-office``, ``depends_on: hr/payroll``) must mean
    one thing. The diagnostic is on the second occurrence and points at the first.

    Bad:
        # departments/it.yaml
        metadata: {name: it}
        # departments/it-old.yaml
        metadata: {name: it}

    Good:
        # departments/it.yaml
        metadata: {name: it}
        # departments/it-old.yaml
        metadata: {name: it-legacy}
    """
    cat = ctx.catalogue
    yield from _duplicates("Department", cat.departments)
    yield from _duplicates("Calendar", cat.calendars)


@rule("SLA202", "duplicate-service")
def duplicate_service(ctx: Context) -> Iterator[Finding]:
    """A department lists two services with the same name.

    Why: others refer to a service as ``department/service``; two services with one name
    make that reference ambiguous.

    Bad:
        services:
          - name: payroll
          - name: payroll

    Good:
        services:
          - name: payroll
          - name: payroll-corrections
    """
    for dept in ctx.catalogue.departments:
        services = dept.services
        if len({s.name.value for s in services}) < len(services):  # else: nothing to report
            yield from _duplicates("service", services, f"department {dept.name.value}")


@rule("SLA203", "multiple-policies")
def multiple_policies(ctx: Context) -> Iterator[Finding]:
    """More than one Policy document in the repo.

    Why: the policy sets the priority ladder and limits for everyone; two policies would
    disagree. Keep exactly one (or none, to use the defaults).

    Bad:
        # policy.yaml and policy-2027.yaml both have kind: Policy

    Good:
        # one policy.yaml with kind: Policy
    """
    policies = ctx.catalogue.policies
    for extra in policies[1:]:
        first = policies[0]
        yield Finding(
            f"a second Policy ({extra.name.value!r}); the repo may have only one, the first"
            f" is {first.name.value!r} at {first.name.loc}: merge them",
            extra.name.loc, (Related(first.name.loc, "the first Policy"),))


def _unknown_service(cat: Catalogue, ref: Text, what: str) -> Finding | None:
    if ref.value in cat.service_index:
        return None
    dept_name = ref.value.split("/", 1)[0]
    if cat.partial or cat.knows("Department", dept_name):
        return None  # the file that would define it is broken; that is reported already
    dept = cat.department_index.get(dept_name)
    if dept is None:
        services, departments = _spellers(cat)
        hint = did_you_mean(ref.value, services) or did_you_mean(dept_name, departments)
        return Finding(f"{what} {ref.value!r}: there is no department {dept_name!r}{hint}",
                       ref.loc)
    names = [s.name.value for s in dept.services]
    hint = did_you_mean(ref.value.split("/", 1)[1], names) or (
        f"; it offers: {shortlist(names)}" if names else "; it offers no services")
    return Finding(f"{what} {ref.value!r}: department {dept_name!r} has no such service{hint}",
                   ref.loc, (Related(dept.name.loc, f"department {dept_name}"),))


def _spellers(cat: Catalogue) -> tuple[Speller, Speller]:
    """Spellers of the service references and the department names (made once)."""
    known: tuple[Speller, Speller] | None = cat.__dict__.get("_spellers")
    if known is None:
        known = (Speller(cat.service_index), Speller(cat.department_index))
        object.__setattr__(cat, "_spellers", known)  # kept with the catalogue
    return known


@rule("SLA204", "unknown-dependency")
def unknown_dependency(ctx: Context) -> Iterator[Finding]:
    """A ``depends_on`` names a service that does not exist.

    Why: a promise that relies on a service nobody offers cannot be checked or kept.
    The message suggests the closest existing service.

    Bad:
        depends_on:
          - service: procurement/purchase-order

    Good:
        depends_on:
          - service: procurement/purchase-orders
    """
    cat = ctx.catalogue
    for _, dep in links(cat).unknown:
        found = _unknown_service(cat, dep.service, "depends on unknown service")
        if found:
            yield found


@rule("SLA205", "unknown-redirect", Severity.ERROR)
def unknown_redirect(ctx: Context) -> Iterator[Finding]:
    """An exclusion redirects to a service that does not exist.

    Why: people are sent "down the road" to that service; if it does not exist, their
    request is lost.

    Bad:
        excludes:
          - {item: mobile phones, redirect: telecom/mobile-devices}

    Good:
        excludes:
          - {item: mobile phones, redirect: telecoms/mobile-devices}
    """
    cat = ctx.catalogue
    for excl in chain.from_iterable(map(_EXCLUDES, cat.services())):
        if excl.redirect is not None and excl.redirect.value not in cat.service_index:
            found = _unknown_service(cat, excl.redirect, "redirects to unknown service")
            if found:
                yield found


@rule("SLA206", "unknown-customer")
def unknown_customer(ctx: Context) -> Iterator[Finding]:
    """A ``customers`` entry is not a department, ``"*"`` or ``external``.

    Why: the customers list says who may ask; a misspelt department silently locks that
    department out.

    Bad:
        customers: [finace, external]

    Good:
        customers: [finance, external]
    """
    cat = ctx.catalogue
    if cat.partial or _customers_known(cat):
        return
    names = Speller([*cat.department_index, EXTERNAL])
    for service in cat.services():
        for customer in service.customers:
            name = customer.value
            if name in (ANY_DEPARTMENT, EXTERNAL) or name in cat.department_index:
                continue
            if cat.knows("Department", name):
                continue
            hint = did_you_mean(name, names)
            yield Finding(f"customer {name!r} is not a department, \"*\" or"
                          f" \"external\"{hint}", customer.loc)


def _customers_known(cat: Catalogue) -> bool:
    """True when every ``customers`` entry of every service is a department, * or external."""
    names = set(map(_VALUE, chain.from_iterable(map(_CUSTOMERS, cat.services()))))
    names.difference_update(cat.department_index, (ANY_DEPARTMENT, EXTERNAL))
    return not names


@rule("SLA207", "unknown-calendar")
def unknown_calendar(ctx: Context) -> Iterator[Finding]:
    """A ``calendar`` or ``default_calendar`` names a calendar that does not exist.

    Why: business hours and business days are counted on that calendar; without it no
    promise in business time can be checked. ``24x7`` is always available.

    A time zone written here (``calendar: Europe/London``) is answered with where a
    zone belongs: the ``timezone`` of a Calendar document, named here.

    Bad:
        calendar: london-ofice

    Good:
        calendar: london-office
    """
    cat = ctx.catalogue
    if cat.partial:
        return
    known = [*cat.calendar_index, BUILTIN_CALENDAR]
    for ref in _calendar_refs(cat):
        if ref.value in known or cat.knows("Calendar", ref.value):
            continue
        hint = _zone_instead(cat, ref.value) or did_you_mean(ref.value, known)
        yield Finding(f"unknown calendar {ref.value!r}{hint}"
                      f" (known: {shortlist(sorted(known))})", ref.loc)


def _zone_instead(cat: Catalogue, name: str) -> str:
    """Where a time zone written as a calendar belongs, or ``""`` when it is no zone."""
    if not zone_exists(name):
        return ""
    using = sorted(c.name.value for c in cat.calendars if c.timezone.value == name)
    if using:
        return (f": {name} is a time zone, not a calendar; calendar {using[0]!r} works in"
                f" it: write calendar: {using[0]}")
    return (f": {name} is a time zone, not a calendar; a zone goes in the timezone of a"
            f" Calendar document (kind: Calendar, metadata: {{name: my-office}}, spec:"
            f" {{timezone: {name}, hours: ...}}), then write calendar: my-office")


def _calendar_refs(cat: Catalogue) -> Iterator[Text]:
    for dept in cat.departments:
        if dept.calendar is not None:
            yield dept.calendar
        yield from (s.calendar for s in dept.services if s.calendar is not None)
    for policy in cat.policies:
        if policy.default_calendar is not None:
            yield policy.default_calendar
