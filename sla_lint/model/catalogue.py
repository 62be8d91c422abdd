"""The catalogue: frozen dataclasses for all a policy repo declares, each with its location."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from sla_lint.diagnostics import Location

BUILTIN_CALENDAR = "24x7"
DEFAULT_PRIORITIES = ("P1", "P2", "P3", "P4")
ANY_DEPARTMENT = "*"
EXTERNAL = "external"


class Text(NamedTuple):
    """A piece of text from a file, with where it was written.

    A named tuple, as :class:`Location` is: the model holds one per text of the repo.
    """

    value: str
    loc: Location

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Number:
    """A number from a file, with where it was written."""

    value: float
    loc: Location


@dataclass(frozen=True)
class Target:
    """The promise for one priority: response, resolution and update durations as written."""

    priority: Text
    response: Text | None
    resolution: Text | None
    update: Text | None

    def field(self, name: str) -> Text | None:
        """The duration text for ``response``, ``resolution`` or ``update``."""
        value: Text | None = getattr(self, name)
        return value


TARGET_FIELDS = ("response", "resolution", "update")


@dataclass(frozen=True)
class Exclusion:
    """A scope item a service does not handle, and where to send it instead."""

    item: Text
    redirect: Text | None


@dataclass(frozen=True)
class Dependency:
    """One service relying on another."""

    service: Text
    items: tuple[Text, ...]
    blocking: bool
    priority_map: tuple[tuple[Text, Text], ...]
    loc: Location

    def provider_priority(self, priority: str) -> str:
        """The provider's priority that our ``priority`` is raised as."""
        for ours, theirs in self.priority_map:
            if ours.value == priority:
                return theirs.value
        return priority


@dataclass(frozen=True)
class Service:
    """A service of a department: scope, customers, targets and dependencies."""

    department: str
    name: Text
    title: str
    customers: tuple[Text, ...]
    includes: tuple[Text, ...]
    excludes: tuple[Exclusion, ...]
    calendar: Text | None
    targets: tuple[Target, ...]
    depends_on: tuple[Dependency, ...]
    loc: Location
    targets_loc: Location
    customers_declared: bool = True  # False when the service has no `customers` key
    includes_loc: Location | None = None  # where `scope.includes` is written; None: it is not
    also_known_as: tuple[Text, ...] = ()  # other names people use for what it handles
    description: str = ""

    @property
    def ref(self) -> str:
        """The reference others use: ``department/service``."""
        return f"{self.department}/{self.name.value}"

    def serves(self, department: str) -> bool:
        """Tell whether ``department`` may ask this service.

        Its own department always may; a service without a ``customers`` key declares no
        restriction.
        """
        if not self.customers_declared or department == self.department:
            return True
        return any(c.value in (ANY_DEPARTMENT, department) for c in self.customers)

    def target(self, priority: str) -> Target | None:
        """The target for ``priority``, if the service gives one."""
        return next((t for t in self.targets if t.priority.value == priority), None)


@dataclass(frozen=True)
class Contact:
    """How internal customers reach a department."""

    channel: str
    address: str
    loc: Location


@dataclass(frozen=True)
class EscalationStep:
    """Who is told after how long."""

    after: Text
    contact: str
    loc: Location


@dataclass(frozen=True)
class Department:
    """A department: its people, calendar, escalation and services."""

    name: Text
    title: str
    owner: Text | None
    lead: str
    contacts: tuple[Contact, ...]
    calendar: Text | None
    escalation: tuple[EscalationStep, ...]
    services: tuple[Service, ...]
    path: str
    loc: Location
    description: str = ""  # the optional `description` (spec's, else metadata's)


@dataclass(frozen=True)
class WorkingDay:
    """The working spans of one weekday, as written (``09:00-17:30``)."""

    day: Text
    spans: tuple[Text, ...]


@dataclass(frozen=True)
class PartDayDef:
    """A holiday written ``{date, hours}``: open only these hours on that date."""

    date: Text
    hours: tuple[Text, ...]
    loc: Location


@dataclass(frozen=True)
class PublicHolidaysDef:
    """``public_holidays: {country, subdivision}`` as written."""

    country: Text
    subdivision: Text | None
    loc: Location


@dataclass(frozen=True)
class CalendarDef:
    """A Calendar document: time zone, weekly hours, holidays, part days and their sources."""

    name: Text
    timezone: Text
    days: tuple[WorkingDay, ...]
    holidays: tuple[Text, ...]
    path: str
    loc: Location
    owner: Text | None = None
    part_days: tuple[PartDayDef, ...] = ()
    public_holidays: PublicHolidaysDef | None = None
    holiday_feed: Text | None = None


@dataclass(frozen=True)
class Policy:
    """The company policy: priority ladder, limits and thresholds."""

    name: Text
    priorities: tuple[Text, ...]
    default_calendar: Text | None
    limits: tuple[Target, ...]
    min_slack: Number | None
    max_dependency_depth: Number | None
    horizon: tuple[Number, ...]
    path: str
    loc: Location
    owner: Text | None = None
    min_attainment: Number | None = None  # warn when tickets show a promise kept less
    # (priority, what it means): the optional ``priority_descriptions``, in file order
    descriptions: tuple[tuple[Text, Text], ...] = ()

    @property
    def ladder(self) -> tuple[str, ...]:
        """The priorities, most urgent first."""
        return tuple(p.value for p in self.priorities) or DEFAULT_PRIORITIES

    def description(self, priority: str) -> str | None:
        """What ``priority`` means, from ``priority_descriptions``, if written."""
        return next((text.value for name, text in self.descriptions if name.value == priority),
                    None)


@dataclass(frozen=True)
class Catalogue:
    """Everything the policy repo declares, from documents that passed the schema."""

    departments: tuple[Department, ...] = ()
    calendars: tuple[CalendarDef, ...] = ()
    policies: tuple[Policy, ...] = ()
    partial: bool = False
    unbuilt: frozenset[tuple[str, str]] = frozenset()

    @property
    def policy(self) -> Policy | None:
        """The policy (the first one, if several were wrongly given)."""
        return self.policies[0] if self.policies else None

    @property
    def ladder(self) -> tuple[str, ...]:
        """The priority ladder in force."""
        return self.policy.ladder if self.policy else DEFAULT_PRIORITIES

    @cached_property
    def department_index(self) -> dict[str, Department]:
        """Departments by name (the first of duplicates)."""
        index: dict[str, Department] = {}
        for dept in self.departments:
            index.setdefault(dept.name.value, dept)
        return index

    @cached_property
    def service_index(self) -> dict[str, Service]:
        """Services by ``department/service`` (the first of duplicates)."""
        index: dict[str, Service] = {}
        for service in self.services():
            index.setdefault(service.ref, service)
        return index

    @cached_property
    def calendar_index(self) -> dict[str, CalendarDef]:
        """Calendars by name (the first of duplicates)."""
        index: dict[str, CalendarDef] = {}
        for cal in self.calendars:
            index.setdefault(cal.name.value, cal)
        return index

    def services(self) -> Iterator[Service]:
        """Every service of every department, in file order."""
        for dept in self.departments:
            yield from dept.services

    def calendar_of(self, service: Service) -> str:
        """The name of the calendar a service works to (its own, its department's, the policy's)."""
        if service.calendar is not None:
            return service.calendar.value
        dept = self.department_index.get(service.department)
        return self.department_calendar(dept) if dept is not None else self.default_calendar

    def department_calendar(self, dept: Department) -> str:
        """The calendar a department works to: its own, the policy's default, or 24x7."""
        return dept.calendar.value if dept.calendar is not None else self.default_calendar

    @property
    def default_calendar(self) -> str:
        """The policy's ``default_calendar``, or the built-in 24x7."""
        policy = self.policy
        if policy is not None and policy.default_calendar is not None:
            return policy.default_calendar.value
        return BUILTIN_CALENDAR

    def knows(self, kind: str, name: str) -> bool:
        """True when a ``kind`` document named ``name`` exists but failed the schema."""
        return (kind, name) in self.unbuilt
