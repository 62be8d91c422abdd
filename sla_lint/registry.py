"""The rule registry: every code sla-lint can emit, with its documentation.

Rules register with the :func:`rule` decorator; codes emitted by a pipeline stage
(the loader, the schema step) are declared with :func:`declare`. Either way the
docstring is the user documentation that ``sla-lint explain`` prints.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sla_lint.diagnostics import Diagnostic, Finding, Severity

if TYPE_CHECKING:
    from sla_lint.context import Context

CheckFn = Callable[["Context"], Iterable[Finding]]

CODE_RE = re.compile(r"^SLA[0-6]\d\d$")
SLUG_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

FAMILIES = {
    "0": "loading",
    "1": "schema",
    "2": "references and identity",
    "3": "scope and customers",
    "4": "commitments and calendars",
    "5": "dependency graph",
    "6": "changes against a base revision",
}

# Modules whose import registers rules; imported lazily so start-up stays small.
_RULE_MODULES = (
    "sla_lint.loader.codes",
    "sla_lint.engine",
    "sla_lint.suppress",
    "sla_lint.schema",
    "sla_lint.rules",
)


@dataclass(frozen=True)
class Rule:
    """A registered code: what it is called, how bad it is, and what it means."""

    code: str
    slug: str
    severity: Severity
    doc: str
    check: CheckFn | None = None

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        return self.doc.strip().splitlines()[0].strip()

    @property
    def family(self) -> str:
        """The family name for the code's hundreds digit."""
        return FAMILIES[self.code[3]]

    def stamp(self, finding: Finding, severity: Severity | None = None) -> Diagnostic:
        """Turn a finding into a diagnostic carrying this rule's identity."""
        return Diagnostic(
            location=finding.location,
            code=self.code,
            message=finding.message,
            severity=severity or finding.severity or self.severity,
            slug=self.slug,
            related=finding.related,
        )


_REGISTRY: dict[str, Rule] = {}


def _register(entry: Rule) -> Rule:
    if not CODE_RE.match(entry.code):
        raise ValueError(f"malformed rule code {entry.code!r}")
    if not SLUG_RE.match(entry.slug):
        raise ValueError(f"malformed rule slug {entry.slug!r}")
    if entry.code in _REGISTRY and _REGISTRY[entry.code] != entry:
        raise ValueError(f"rule code {entry.code} registered twice")
    _REGISTRY[entry.code] = entry
    return entry


def declare(code: str, slug: str, severity: Severity, doc: str) -> Rule:
    """Declare a code emitted by a pipeline stage rather than by a rule function."""
    return _register(Rule(code, slug, severity, inspect.cleandoc(doc)))


def rule(code: str, slug: str, severity: Severity = Severity.ERROR) -> Callable[[CheckFn], CheckFn]:
    """Register a rule function; its docstring is its documentation."""

    def wrap(fn: CheckFn) -> CheckFn:
        doc = inspect.cleandoc(fn.__doc__ or "")
        _register(Rule(code, slug, severity, doc, fn))
        return fn

    return wrap


def load_all() -> None:
    """Import every module that registers codes."""
    for name in _RULE_MODULES:
        importlib.import_module(name)


def all_rules() -> list[Rule]:
    """Every registered code, in code order."""
    load_all()
    return sorted(_REGISTRY.values(), key=lambda r: r.code)


def checks() -> Iterator[Rule]:
    """The rules that run on the catalogue, in code order."""
    return (r for r in all_rules() if r.check is not None)


def lookup(code_or_slug: str) -> Rule | None:
    """Find a rule by code (case-insensitive) or by slug."""
    load_all()
    key = code_or_slug.strip()
    found = _REGISTRY.get(key.upper())
    if found:
        return found
    return next((r for r in _REGISTRY.values() if r.slug == key.lower()), None)
