"""The model: frozen dataclasses for the catalogue and the builder that makes them."""

from __future__ import annotations

from sla_lint.model.build import build_catalogue
from sla_lint.model.catalogue import (
    ANY_DEPARTMENT,
    BUILTIN_CALENDAR,
    EXTERNAL,
    CalendarDef,
    Catalogue,
    Contact,
    Department,
    Dependency,
    EscalationStep,
    Exclusion,
    Number,
    PartDayDef,
    Policy,
    PublicHolidaysDef,
    Service,
    Target,
    Text,
    WorkingDay,
)

__all__ = [
    "ANY_DEPARTMENT", "BUILTIN_CALENDAR", "EXTERNAL", "CalendarDef", "Catalogue", "Contact",
    "Department", "Dependency", "EscalationStep", "Exclusion", "Number", "PartDayDef", "Policy",
    "PublicHolidaysDef", "Service",
    "Target", "Text", "WorkingDay", "build_catalogue",
]
