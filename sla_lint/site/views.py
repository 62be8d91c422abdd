"""What each page shows, as frozen records built once from the catalogue and the lint result.

The templates only lay these out: every sentence a person reads comes from here or from
:mod:`sla_lint.wording`, and every link is a site-root-relative URL from
:mod:`sla_lint.site.urls` (or a contact's own ``mailto:``/``https:``/``tel:`` address).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from sla_lint.diagnostics import Diagnostic
from sla_lint.model import ANY_DEPARTMENT, EXTERNAL, Catalogue, Department, Service
from sla_lint.site import urls
from sla_lint.site.promises import PromiseBook, PromiseRow
from sla_lint.timecalc import Calendar, DurationError, parse_duration
from sla_lint.wording import (
    ClosureYear,
    closure_years,
    duration_words,
    hours_words,
    opening_words,
)

_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+")
_PHONE = re.compile(r"\+?[0-9][0-9 ()./-]{4,}")
_WEB = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


class Link(NamedTuple):
    """Text and where it leads: a site-root-relative URL, or None for plain text."""

    text: str
    href: str | None
    note: str = ""


class ContactView(NamedTuple):
    """A way to reach a department; ``href`` is absolute (mailto:, https:, tel:) or None."""

    channel: str
    address: str
    href: str | None


class DependencyView(NamedTuple):
    """One line of "what it waits on" or "who waits on it"."""

    other: Link
    department: str
    items: str
    blocking: bool
    priorities: str
    problems: tuple[str, ...]


class ServiceView(NamedTuple):
    """Everything the page of one service says."""

    service: Service
    url: str
    department: Link
    includes: tuple[str, ...]
    excludes: tuple[Link, ...]
    customers: tuple[Link, ...]
    calendar: str
    hours: str
    promises: tuple[PromiseRow, ...]
    waits_on: tuple[DependencyView, ...]
    waited_by: tuple[DependencyView, ...]
    problems: tuple[Diagnostic, ...]
    closures: tuple[ClosureYear, ...] = ()
    opening: str = ""


class DepartmentView(NamedTuple):
    """Everything the page of one department says."""

    department: Department
    url: str
    lead: ContactView | None
    contacts: tuple[ContactView, ...]
    calendar: str
    hours: str
    escalation: tuple[tuple[str, ContactView], ...]
    services: tuple[Service, ...]
    problems: int
    closures: tuple[ClosureYear, ...] = ()
    opening: str = ""


def contact_link(channel: str, address: str) -> ContactView:
    """A working link for a contact where its address is one, else plain text."""
    text = address.strip()
    if _WEB.fullmatch(text):
        return ContactView(channel, text, text)
    if channel != "chat" and _EMAIL.fullmatch(text):
        return ContactView(channel, text, f"mailto:{text}")
    if channel == "phone" and _PHONE.fullmatch(text):
        return ContactView(channel, text, "tel:" + re.sub(r"[^0-9+]", "", text))
    return ContactView(channel, text, None)


def person(text: str) -> ContactView | None:
    """A lead written ``Name <mail>``: the name, linked to the address."""
    if not text.strip():
        return None
    match = re.fullmatch(r"\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*", text)
    if match and _EMAIL.fullmatch(match[2]):
        return ContactView("lead", match[1] or match[2], f"mailto:{match[2]}")
    return contact_link("lead", text)


class Problems:
    """The lint result indexed by file and by service, built once per site."""

    def __init__(self, catalogue: Catalogue, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        self.by_place: dict[tuple[str, int, int], list[Diagnostic]] = {}
        self.by_path: dict[str, list[Diagnostic]] = {}
        for diag in self.diagnostics:
            loc = diag.location
            self.by_place.setdefault((loc.path, loc.line, loc.column), []).append(diag)
            self.by_path.setdefault(loc.path, []).append(diag)
        self.by_service = self._per_service(catalogue)

    def _per_service(self, catalogue: Catalogue) -> dict[str, tuple[Diagnostic, ...]]:
        """Each finding inside a service's entry (from its line to the next service's)."""
        found: dict[str, tuple[Diagnostic, ...]] = {}
        for dept in catalogue.departments:
            diags = self.by_path.get(dept.path)
            if not diags or not dept.services:
                continue
            starts = [s.loc.line for s in dept.services] + [1 << 30]
            for index, service in enumerate(dept.services):
                inside = tuple(d for d in diags
                               if starts[index] <= d.location.line < starts[index + 1])
                if inside:
                    found.setdefault(service.ref, inside)
        return found

    def at(self, path: str, line: int, column: int) -> tuple[str, ...]:
        """The messages of the findings at one place."""
        return tuple(d.message for d in self.by_place.get((path, line, column), ()))


def _customers(service: Service, catalogue: Catalogue) -> tuple[Link, ...]:
    if not service.customers_declared:
        return (Link("every department", None),)
    links = []
    for name in service.customers:
        if name.value == ANY_DEPARTMENT:
            links.append(Link("every department", None))
        elif name.value == EXTERNAL:
            links.append(Link("customers outside the company", None))
        else:
            dept = catalogue.department_index.get(name.value)
            links.append(Link(dept.title, urls.department_url(dept)) if dept
                          else Link(name.value, None))
    return tuple(links)


ServiceLink = Callable[[str], tuple[Link, str]]


def published(catalogue: Catalogue) -> dict[str, Service]:
    """The services that get a page: those of the first department of each name, by ref.

    A repo with two departments of the same name (an error) publishes the first; links
    to the other's services become plain text, never a broken link.
    """
    return {s.ref: s for d in catalogue.department_index.values() for s in d.services
            if catalogue.service_index.get(s.ref) is s}


def service_link(catalogue: Catalogue, pages: dict[str, Service],
                 ref: str) -> tuple[Link, str]:
    """A link to the service ``ref`` (plain text when it has no page) and its department."""
    other = pages.get(ref)
    if other is None:
        return Link(ref, None, "not in the catalogue"), ""
    dept = catalogue.department_index[other.department]
    return Link(other.title, urls.service_url(other)), dept.title


def _priority_words(pairs: Iterable[tuple[str, str]]) -> str:
    return "; ".join(f"your {ours} is raised with them as {theirs}" for ours, theirs in pairs)


class Neighbours:
    """Who waits on whom, both ways, indexed once for the whole catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.waited_by: dict[str, list[Service]] = {}
        for service in catalogue.service_index.values():
            for dep in service.depends_on:
                users = self.waited_by.setdefault(dep.service.value, [])
                if not users or users[-1] is not service:
                    users.append(service)

    def users(self, service: Service) -> list[Service]:
        """The services with a dependency on ``service``."""
        return self.waited_by.get(service.ref, [])


def waits_on(service: Service, link_to: ServiceLink,
             problems: Problems) -> tuple[DependencyView, ...]:
    """What ``service`` waits on, each with its problems."""
    views = []
    for dep in service.depends_on:
        link, dept = link_to(dep.service.value)
        loc = dep.service.loc
        views.append(DependencyView(
            link, dept, ", ".join(i.value for i in dep.items), dep.blocking,
            _priority_words((a.value, b.value) for a, b in dep.priority_map),
            problems.at(loc.path, loc.line, loc.column)))
    return tuple(views)


def waited_by(service: Service, link_to: ServiceLink,
              neighbours: Neighbours) -> tuple[DependencyView, ...]:
    """Who waits on ``service``, and for what."""
    views = []
    for user in neighbours.users(service):
        for dep in user.depends_on:
            if dep.service.value != service.ref:
                continue
            link, dept = link_to(user.ref)
            views.append(DependencyView(
                link, dept, ", ".join(i.value for i in dep.items), dep.blocking,
                _priority_words((b.value, a.value) for a, b in dep.priority_map)
                .replace("your ", "their ").replace("with them", "with you"), ()))
    return tuple(views)


def _excludes(service: Service, link_to: ServiceLink) -> tuple[Link, ...]:
    links = []
    for exclusion in service.excludes:
        if exclusion.redirect is None:
            links.append(Link(exclusion.item.value, None, ""))
            continue
        target, dept = link_to(exclusion.redirect.value)
        note = f"{target.text} ({dept})" if dept else target.text
        links.append(Link(exclusion.item.value, target.href, note))
    return tuple(links)


def _hours(calendar: Calendar | None, name: str) -> str:
    if calendar is None:
        return f"calendar {name!r} is missing or has problems (see the health page)"
    return hours_words(calendar)


def _feed(catalogue: Catalogue, name: str) -> dict[dt.date, str]:
    """The event names of calendar ``name``'s holiday feed, for naming its closed days."""
    from sla_lint.closures.names import feed_days

    for definition in catalogue.calendars:
        if definition.name.value == name:
            return feed_days(definition)
    return {}


class Site:
    """The catalogue, its lint result and the indexes every page reads."""

    def __init__(self, catalogue: Catalogue, diagnostics: Iterable[Diagnostic],
                 calendars: dict[str, Calendar], year: int) -> None:
        self.catalogue = catalogue
        self.calendars = calendars
        self.problems = Problems(catalogue, diagnostics)
        self.neighbours = Neighbours(catalogue)
        self.book = PromiseBook(catalogue, calendars, year)
        self.year = year
        self._hours: dict[str, str] = {}
        self._closures: dict[str, tuple[ClosureYear, ...]] = {}
        self._links: dict[str, tuple[Link, str]] = {}
        self.pages = published(catalogue)

    def link(self, ref: str) -> tuple[Link, str]:
        """A link to a service by reference and its department's title, made once per ref."""
        found = self._links.get(ref)
        if found is None:
            found = self._links[ref] = service_link(self.catalogue, self.pages, ref)
        return found

    def hours(self, name: str) -> str:
        """A calendar's hours in words, worded once per calendar."""
        if name not in self._hours:
            self._hours[name] = _hours(self.calendars.get(name), name)
        return self._hours[name]

    def opening(self, name: str) -> str:
        """A calendar's weekly hours and zone, without its closures (they are listed)."""
        calendar = self.calendars.get(name)
        return self.hours(name) if calendar is None else opening_words(calendar)

    def closures(self, name: str) -> tuple[ClosureYear, ...]:
        """A calendar's named closures for the site's year(s), listed once per calendar."""
        if name not in self._closures:
            calendar = self.calendars.get(name)
            self._closures[name] = () if calendar is None else closure_years(
                calendar, self.year, _feed(self.catalogue, name))
        return self._closures[name]

    def departments(self) -> list[Department]:
        """Departments by title (the first of duplicate names)."""
        return sorted(self.catalogue.department_index.values(),
                      key=lambda d: (d.title.casefold(), d.name.value))

    def department(self, dept: Department) -> DepartmentView:
        """The view of one department's page."""
        calendar = self.catalogue.department_calendar(dept)
        steps = tuple((_after_words(step.after.value), contact_link("escalation", step.contact))
                      for step in dept.escalation)
        services = tuple(s for s in dept.services if self.pages.get(s.ref) is s)
        return DepartmentView(
            dept, urls.department_url(dept), person(dept.lead),
            tuple(contact_link(c.channel, c.address) for c in dept.contacts), calendar,
            self.hours(calendar), steps, services,
            len(self.problems.by_path.get(dept.path, ())), self.closures(calendar),
            self.opening(calendar))

    def service(self, service: Service) -> ServiceView:
        """The view of one service's page."""
        catalogue = self.catalogue
        dept = catalogue.department_index[service.department]
        calendar = catalogue.calendar_of(service)
        return ServiceView(
            service, urls.service_url(service), Link(dept.title, urls.department_url(dept)),
            tuple(i.value for i in service.includes), _excludes(service, self.link),
            _customers(service, catalogue), calendar, self.hours(calendar),
            self.book.rows(service, calendar), waits_on(service, self.link, self.problems),
            waited_by(service, self.link, self.neighbours),
            self.problems.by_service.get(service.ref, ()), self.closures(calendar),
            self.opening(calendar))


def _after_words(text: str) -> str:
    try:
        return duration_words(parse_duration(text))
    except DurationError:
        return text

