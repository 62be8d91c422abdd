"""Family 3xx: scope and customers: every item has one owner, every request a way to go.

Items are compared with :func:`sla_lint.items.normalize_item` (case folded, white space
collapsed). References that do not resolve are left to the 2xx rules: nothing here
reports on a redirect or dependency whose service is unknown.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

from sla_lint.context import Context
from sla_lint.depgraph import links
from sla_lint.diagnostics import Finding, Location, Related, Severity
from sla_lint.items import excluded, included, item_index, item_key, normalize_item
from sla_lint.model import ANY_DEPARTMENT, Catalogue, Dependency, Exclusion, Service, Text
from sla_lint.registry import rule
from sla_lint.suggest import closest, shortlist

_LISTED = 6  # how many of a service's includes a message quotes
_INCLUDES = attrgetter("includes")


def _owners(cat: Catalogue) -> dict[str, Service]:
    """The first service (in file order) that includes each item (made once per catalogue)."""
    known: dict[str, Service] | None = cat.__dict__.get("_owners")
    if known is not None:
        return known
    owners: dict[str, Service] = {}
    for service in cat.service_index.values():
        for item in service.includes:
            owners.setdefault(normalize_item(item.value), service)
    object.__setattr__(cat, "_owners", owners)  # kept with the catalogue, as its indexes are
    return owners


def _handled_by(cat: Catalogue, item: str, skip: str) -> str:
    """``"; <service> includes it"`` when another service handles ``item``, else ``""``."""
    owner = _owners(cat).get(normalize_item(item))
    if owner is None or owner.ref == skip:
        return ""
    return f"; {owner.ref} includes it"


def _includes_list(service: Service) -> str:
    names = [i.value for i in service.includes]
    if not names:
        return "it lists no includes"
    more = f", ... ({len(names) - _LISTED} more)" if len(names) > _LISTED else ""
    return f"it includes: {', '.join(names[:_LISTED])}{more}"


_Redirect = tuple[Service, Exclusion, Text, Service, str]


def _redirects(cat: Catalogue) -> list[_Redirect]:
    """Every redirect to a known service: (service, exclusion, redirect, target, item key).

    Made once per catalogue, in file order.
    """
    known: list[_Redirect] | None = cat.__dict__.get("_redirects")
    if known is None:
        index = cat.service_index
        known = [(service, excl, excl.redirect, target, key)
                 for service, excl, key in item_index(cat).exclusions
                 if excl.redirect is not None
                 and (target := index.get(excl.redirect.value)) is not None]
        object.__setattr__(cat, "_redirects", known)
    return known


def _to_self(service: Service, redirect: Text) -> bool:
    """True when ``redirect`` names ``service`` itself."""
    return redirect.value == service.ref


@rule("SLA301", "unbounded-scope", Severity.WARNING)
def unbounded_scope(ctx: Context) -> Iterator[Finding]:
    """A service has no ``scope.includes``.

    Why: a service without includes promises to handle anything anyone asks, within its
    targets. Nobody can tell whether a request belongs there, and its customers cannot
    be told "that's not us". List what it does as short noun phrases. An empty list
    written out (``includes: []``) says something else, and is SLA312.

    Bad:
        - name: workplace-services
          customers: ["*"]

    Good:
        - name: workplace-services
          customers: ["*"]
          scope:
            includes: [desk allocation, office furniture]
    """
    services = list(ctx.catalogue.services())
    if all(map(_INCLUDES, services)):
        return  # every service lists includes
    for service in services:
        if not service.includes and service.includes_loc is None:  # else SLA312
            yield Finding(
                f"service {service.ref} has no scope.includes, so its promise has no bounds:"
                " anyone may ask it for anything; list what it does under scope.includes as"
                " short noun phrases", service.name.loc)


@rule("SLA312", "empty-includes")
def empty_includes(ctx: Context) -> Iterator[Finding]:
    """A service writes ``includes: []``: a scope that includes nothing.

    Why: an empty list written out is not a service left open (that is SLA301, a
    warning) but one that handles nothing at all: every request, every redirect to it
    and every dependency on it is turned away. Usually a list was emptied by mistake or
    never filled in. List what the service does, or remove the service.

    Bad:
        - name: laptops
          scope:
            includes: []

    Good:
        - name: laptops
          scope:
            includes: [laptops, docking stations]
    """
    for service in ctx.catalogue.services():
        if service.includes_loc is not None and not service.includes:
            yield Finding(
                f"service {service.ref} writes scope.includes as an empty list, so it"
                " handles nothing: every request sent to it would be turned away; list what"
                " it does as short noun phrases (e.g. [laptops, monitors]), or remove the"
                " service", service.includes_loc)


@rule("SLA302", "included-and-excluded")
def included_and_excluded(ctx: Context) -> Iterator[Finding]:
    """The same item is both in a service's ``includes`` and in its ``excludes``.

    Why: a service either handles an item or sends it elsewhere; listing it in both
    leaves the requester (and the people on the desk) guessing. Items match after case
    folding and collapsing white space, so ``Laptops`` and ``laptops`` are the same.

    Bad:
        scope:
          includes: [laptops, monitors]
          excludes:
            - {item: Laptops, redirect: procurement/purchase-orders}

    Good:
        scope:
          includes: [laptops, monitors]
          excludes:
            - {item: mobile phones, redirect: telecoms/mobile-devices}
    """
    index = item_index(ctx.catalogue)
    for service, excl, key in index.exclusions:
        if not index.includes(service, key):
            continue  # the usual case, proved without looking at the service's own lists
        inc = included(service, excl.item.value)
        if inc is not None:
            yield Finding(
                f"{excl.item.value!r} is excluded here but included at {inc.loc}"
                f" ({inc.value!r}); service {service.ref} either handles it or sends it"
                " elsewhere: remove it from one of the two lists",
                excl.item.loc, (Related(inc.loc, "included here"),))


@rule("SLA303", "exclusion-without-redirect", Severity.WARNING)
def exclusion_without_redirect(ctx: Context) -> Iterator[Finding]:
    """An excluded item does not say where to go instead.

    Why: an exclusion answers "not us"; the ``redirect`` answers "ask them". Without it
    the request bounces back to the person who asked. The message names a service that
    includes the item when there is one.

    Bad:
        excludes:
          - item: mobile phones

    Good:
        excludes:
          - item: mobile phones
            redirect: telecoms/mobile-devices
    """
    cat = ctx.catalogue
    for service, excl, _ in item_index(cat).exclusions:
        if excl.redirect is None:
            yield Finding(
                f"excluded item {excl.item.value!r} has no redirect: add"
                " `redirect: department/service` to tell people who handles it"
                f"{_handled_by(cat, excl.item.value, service.ref)}", excl.item.loc)


@rule("SLA304", "redirect-to-self")
def redirect_to_self(ctx: Context) -> Iterator[Finding]:
    """An exclusion redirects to the service that excludes the item.

    Why: "we don't do that, ask us" sends people round in a circle.

    Bad:
        # in it-service-desk/laptop-provisioning
        excludes:
          - {item: mobile phones, redirect: it-service-desk/laptop-provisioning}

    Good:
        excludes:
          - {item: mobile phones, redirect: telecoms/mobile-devices}
    """
    cat = ctx.catalogue
    for service, excl, redirect, _, _ in _redirects(cat):
        if _to_self(service, redirect):
            yield Finding(
                f"{excl.item.value!r} is redirected to {redirect.value}, the service that"
                " excludes it: redirect to the service that handles it"
                f"{_handled_by(cat, excl.item.value, service.ref)}", redirect.loc)


@rule("SLA305", "redirect-not-in-scope", Severity.WARNING)
def redirect_not_in_scope(ctx: Context) -> Iterator[Finding]:
    """An exclusion redirects to a service that does not list the item in its ``includes``.

    Why: the person sent there may be told "that's not us" again. Either the target
    service should add the item to its scope, or the redirect points at the wrong place.
    A target with no includes at all is reported by SLA301 or SLA312 instead.

    Bad:
        # hr/onboarding
        excludes:
          - {item: payroll setup, redirect: finance/supplier-invoices}

    Good:
        # hr/onboarding
        excludes:
          - {item: payroll setup, redirect: finance/payroll}
        # finance/payroll
        includes: [payslips, payroll setup]
    """
    cat = ctx.catalogue
    index = item_index(cat)
    for service, excl, redirect, target, key in _redirects(cat):
        item = excl.item.value
        if not target.includes or _to_self(service, redirect):
            continue  # SLA304, SLA301 and SLA312 tell the story
        if not index.includes(target, key) and not index.excludes(target, key):
            yield Finding(
                f"{item!r} is redirected to {target.ref}, which does not list it in"
                f" scope.includes ({_includes_list(target)}): add it there, or redirect to"
                f" the service that handles it{_handled_by(cat, item, target.ref)}",
                redirect.loc, (Related(target.name.loc, f"service {target.ref}"),))


@rule("SLA306", "redirect-also-excludes")
def redirect_also_excludes(ctx: Context) -> Iterator[Finding]:
    """An exclusion redirects to a service that excludes the item too.

    Why: the person is turned away twice. Redirect straight to the service that
    handles the item (the message says where the target sends it). Loops of redirects
    are reported once, by SLA307.

    Bad:
        # facilities/workplace-services
        excludes:
          - {item: laptops, redirect: procurement/purchase-orders}
        # procurement/purchase-orders
        excludes:
          - {item: laptops, redirect: it-service-desk/laptop-provisioning}

    Good:
        # facilities/workplace-services
        excludes:
          - {item: laptops, redirect: it-service-desk/laptop-provisioning}
    """
    cat = ctx.catalogue
    index = item_index(cat)
    for service, excl, redirect, target, key in _redirects(cat):
        if (index.includes(target, key) or not index.excludes(target, key)
                or _to_self(service, redirect) or (service.ref, key) in _looping(cat)):
            continue
        item = excl.item.value
        theirs = excluded(target, item)
        if theirs is None:
            continue
        onward = (f"sends it on to {theirs.redirect.value}: redirect straight there"
                  if theirs.redirect else "names no other service: redirect to the service"
                  f" that handles it{_handled_by(cat, item, target.ref)}")
        yield Finding(
            f"{item!r} is redirected to {target.ref}, which excludes it too (at"
            f" {theirs.item.loc}) and {onward}", redirect.loc,
            (Related(theirs.item.loc, f"{target.ref} excludes it"),))


_Loop = tuple[str, tuple[str, ...], tuple[Text, ...]]


def _redirect_loops(cat: Catalogue) -> list[_Loop]:
    """(item key, services, their redirects) for every loop of two or more redirects.

    Made once per catalogue (SLA306 and SLA307 ask).
    """
    known: list[_Loop] | None = cat.__dict__.get("_redirect_loops")
    if known is None:
        known = list(_find_loops(cat))
        object.__setattr__(cat, "_redirect_loops", known)
    return known


def _find_loops(cat: Catalogue) -> Iterator[_Loop]:
    steps: dict[str, dict[str, Text]] = {}
    for service, _, redirect, _, key in _redirects(cat):
        steps.setdefault(key, {}).setdefault(service.ref, redirect)
    for key in sorted(steps):
        table = steps[key]
        for loop in _functional_cycles({ref: r.value for ref, r in table.items()}):
            yield key, loop, tuple(table[ref] for ref in loop)


def _looping(cat: Catalogue) -> set[tuple[str, str]]:
    """(service, item key) of every redirect that is part of a loop (made once)."""
    known: set[tuple[str, str]] | None = cat.__dict__.get("_looping")
    if known is None:
        known = {(ref, key) for key, loop, _ in _redirect_loops(cat) for ref in loop}
        object.__setattr__(cat, "_looping", known)
    return known


def _functional_cycles(step: dict[str, str]) -> Iterator[tuple[str, ...]]:
    """The cycles (two nodes or more) of a graph where each node has at most one successor."""
    done: set[str] = set()
    for start in step:
        path: dict[str, int] = {}
        node = start
        while node in step and node not in done and node not in path:
            path[node] = len(path)
            node = step[node]
        if node in path and len(path) - path[node] > 1:
            yield tuple(list(path)[path[node]:])
        done.update(path)


@rule("SLA307", "redirect-loop")
def redirect_loop(ctx: Context) -> Iterator[Finding]:
    """Redirects for the same item go round in a loop.

    Why: each service in the loop says "not us, ask them", and the last one sends the
    person back to the first: nobody handles the item. The message lists the loop with
    each redirect's place; it is reported once, at the first of them in file order.

    Bad:
        # procurement/purchase-orders
        excludes: [{item: laptops, redirect: it-service-desk/laptop-provisioning}]
        # it-service-desk/laptop-provisioning
        excludes: [{item: laptops, redirect: procurement/purchase-orders}]

    Good:
        # procurement/purchase-orders
        excludes: [{item: laptops, redirect: it-service-desk/laptop-provisioning}]
        # it-service-desk/laptop-provisioning
        includes: [laptops]
    """
    for key, loop, hops in _redirect_loops(ctx.catalogue):
        first = min(range(len(hops)), key=lambda i: hops[i].loc)
        order = [*range(first, len(hops)), *range(first)]
        chain = " → ".join(f"{loop[i]} ({hops[i].loc})" for i in order)
        yield Finding(
            f"redirects for {key!r} go round in a loop: {chain} → {loop[first]}; nobody"
            " handles it: make one of these services include it, or redirect out of the loop",
            hops[first].loc,
            tuple(Related(hops[i].loc, f"{loop[i]} redirects it") for i in order[1:]))


@rule("SLA308", "item-in-two-departments", Severity.WARNING)
def item_in_two_departments(ctx: Context) -> Iterator[Finding]:
    """The same item is in the ``includes`` of services of different departments.

    Why: when two departments both claim a piece of work, each can assume the other has
    it, or both do it twice. Keep the item in one department and, in the other, list it
    under ``excludes`` with a ``redirect``. Reported at each later occurrence, naming
    the first one of another department (in file order).

    Delegation is not a conflict: when one of the two services depends on the other
    for the item (``depends_on`` with the item under ``for``), the first is the front
    desk that takes the request and the second the back office that does part of the
    work, as IT takes "monitors" from staff and orders them from Procurement.

    Bad:
        # it-service-desk/laptop-provisioning
        includes: [laptops, monitors]
        # facilities/workplace-services
        includes: [desks, monitors]

    Good:
        # it-service-desk/laptop-provisioning
        includes: [laptops, monitors]
        # facilities/workplace-services
        includes: [desks]
        excludes:
          - {item: monitors, redirect: it-service-desk/laptop-provisioning}

    Good (delegation):
        # it-service-desk/laptop-provisioning
        includes: [laptops, monitors]
        depends_on:
          - {service: procurement/purchase-orders, for: [monitors]}
        # procurement/purchase-orders
        includes: [purchase orders, monitors]
    """
    cat = ctx.catalogue
    if item_index(cat).departments_apart:
        return  # no key is in the includes of two departments
    asked = _asked_for(cat)
    seen: dict[str, list[tuple[Service, Text]]] = {}
    for service in cat.services():
        for item in service.includes:
            key = normalize_item(item.value)
            earlier = seen.setdefault(key, [])
            others = [(s, t) for s, t in earlier if s.department != service.department]
            earlier.append((service, item))
            if others and not any(_delegated(asked, service, s, key) for s, _ in others):
                yield _claimed_twice(item, *others[0])


def _asked_for(cat: Catalogue) -> frozenset[tuple[str, str, str]]:
    """(consumer, provider, item key) of every item a dependency asks a provider for."""
    return frozenset((consumer.ref, provider.ref, normalize_item(item.value))
                     for consumer, dep, provider in links(cat).known for item in dep.items)


def _delegated(asked: frozenset[tuple[str, str, str]], one: Service, other: Service,
               key: str) -> bool:
    """True when one of the two services depends on the other for the item ``key``."""
    return (one.ref, other.ref, key) in asked or (other.ref, one.ref, key) in asked


def _claimed_twice(item: Text, owner: Service, theirs: Text) -> Finding:
    return Finding(
        f"{item.value!r} is also in the scope of {owner.ref} (department {owner.department},"
        f" at {theirs.loc}): two departments claim the same work; keep it in one and list it"
        " under excludes with a redirect in the other, or, when one hands this work to the"
        f" other, say so with a depends_on on the other's service for: [{item.value}]",
        item.loc,
        (Related(theirs.loc, f"{owner.ref} includes it"),))


def _not_included(cat: Catalogue) -> list[tuple[Text, Service]]:
    """Every item a dependency asks for that its provider does not include, in file order.

    Made once per catalogue (SLA309 and SLA310 ask); on a clean repo it is empty.
    """
    known: list[tuple[Text, Service]] | None = cat.__dict__.get("_not_included")
    if known is None:
        index = item_index(cat)
        includer = index.includer
        known = [(item, provider) for _, dep, provider in links(cat).known
                 for item in dep.items
                 if includer.get(item.value) is not provider
                 and not index.includes(provider, item_key(item.value, includer))]
        object.__setattr__(cat, "_not_included", known)
    return known


@rule("SLA309", "dependency-not-in-scope")
def dependency_not_in_scope(ctx: Context) -> Iterator[Finding]:
    """A dependency asks the provider for an item it does not list in its ``includes``.

    Why: ``for`` says what we need from the provider; if that is not in the provider's
    scope, it has not promised to do it and its targets do not cover it. A provider
    with no includes at all is reported by SLA301 or SLA312 instead.

    Bad:
        depends_on:
          - service: procurement/purchase-orders
            for: [laptop repairs]

    Good:
        depends_on:
          - service: procurement/purchase-orders
            for: [catalogue orders]
    """
    cat = ctx.catalogue
    for item, provider in _not_included(cat):
        if not provider.includes or excluded(provider, item.value) is not None:
            continue
        yield _not_provided(item, provider, _handled_by(cat, item.value, provider.ref))


def _not_provided(item: Text, provider: Service, handled: str) -> Finding:
    hint = closest(item.value, [i.value for i in provider.includes])
    near = f"; did you mean {hint!r}?" if hint else ""
    return Finding(
        f"{provider.ref} is asked for {item.value!r}, which it does not list in"
        f" scope.includes ({_includes_list(provider)}){handled}: depend on the service that"
        f" handles it, or have {provider.ref} add it to its scope{near}", item.loc,
        (Related(provider.name.loc, f"service {provider.ref}"),))


@rule("SLA310", "dependency-excluded-item")
def dependency_excluded_item(ctx: Context) -> Iterator[Finding]:
    """A dependency asks the provider for an item the provider excludes.

    Why: the provider has said in writing that it does not do this; the message says
    where it sends such requests, which is the service to depend on.

    Bad:
        depends_on:
          - service: finance/payroll
            for: [holiday entitlement]   # finance/payroll excludes it

    Good:
        depends_on:
          - service: hr/leave-and-absence
            for: [holiday entitlement]
    """
    for item, provider in _not_included(ctx.catalogue):
        excl = excluded(provider, item.value)
        if excl is None:
            continue
        where = (f"redirects it to {excl.redirect.value}: depend on that service instead"
                 if excl.redirect else "names no other service: find who handles it"
                 " (`sla-lint find`)")
        yield Finding(
            f"{provider.ref} is asked for {item.value!r}, but it excludes it (at"
            f" {excl.item.loc}) and {where}", item.loc,
            (Related(excl.item.loc, f"{provider.ref} excludes it"),))


@rule("SLA311", "customer-not-allowed")
def customer_not_allowed(ctx: Context) -> Iterator[Finding]:
    """A service depends on a provider whose ``customers`` do not include its department.

    Why: ``customers`` says which departments may ask; a dependency the provider has not
    agreed to is a promise built on sand. ``"*"`` allows every department; ``external``
    alone allows none; an empty list allows nobody. A service without a ``customers``
    key declares nothing, so nothing is checked, and a department's services may always
    depend on each other.

    Bad:
        # finance/customer-refunds
        customers: [customer-care]
        # hr/onboarding
        depends_on:
          - {service: finance/customer-refunds, for: [customer refunds]}

    Good:
        # finance/customer-refunds
        customers: [customer-care, hr]
    """
    allowed: dict[int, frozenset[str] | None] = {}  # id(provider) -> who may ask; None: anyone
    for consumer, dep, provider in links(ctx.catalogue).known:
        if id(provider) not in allowed:
            allowed[id(provider)] = _customers(provider)
        may = allowed[id(provider)]
        if may is not None and consumer.department not in may:
            yield _not_allowed(consumer, dep, provider)


def _customers(provider: Service) -> frozenset[str] | None:
    """The departments ``provider`` serves (as :meth:`Service.serves` says), or None: all."""
    names = frozenset(c.value for c in provider.customers)
    if not provider.customers_declared or ANY_DEPARTMENT in names:
        return None
    return names | {provider.department}


def _not_allowed(consumer: Service, dep: Dependency, provider: Service) -> Finding:
    dept = consumer.department
    if not provider.customers:
        return Finding(
            f"department {dept} may not ask {provider.ref}: its customers list is empty, so"
            f" no department may; add {dept} to it (or \"*\" for every department)",
            dep.service.loc, (Related(provider.name.loc, f"service {provider.ref}"),))
    allowed = shortlist([c.value for c in provider.customers])
    where: Location = provider.customers[0].loc
    return Finding(
        f"department {dept} may not ask {provider.ref}: its customers are [{allowed}]; add"
        f" {dept} to them, or depend on a service that serves {dept}", dep.service.loc,
        (Related(where, f"customers of {provider.ref}"),))
