"""The one record every stage produces: a positioned, immutable diagnostic."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import NamedTuple


class Severity(str, enum.Enum):
    """How bad a finding is; ordered from worst to mildest."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info."""
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Location(NamedTuple):
    """A 1-based line and column in a file, as the user named the file.

    A named tuple rather than a dataclass: the model holds one per value of the repo
    (hundreds of thousands on a large one), and a tuple is made in half the time.
    """

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Related:
    """Another place a diagnostic is about (the first duplicate, the provider)."""

    location: Location
    note: str


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding, stamped with its rule's code and severity.

    Field order is the sort order: path, line, column, code, then message.
    """

    location: Location
    code: str
    message: str
    severity: Severity = field(compare=False)
    slug: str = field(default="", compare=False)
    related: tuple[Related, ...] = field(default=(), compare=False)

    @property
    def path(self) -> str:
        """The file the diagnostic is in."""
        return self.location.path

    @property
    def line(self) -> int:
        """1-based line."""
        return self.location.line

    @property
    def column(self) -> int:
        """1-based column."""
        return self.location.column


@dataclass(frozen=True)
class Finding:
    """What a rule or stage reports before the engine stamps code and severity."""

    message: str
    location: Location
    related: tuple[Related, ...] = ()
    severity: Severity | None = None  # for rules whose severity depends on the finding
