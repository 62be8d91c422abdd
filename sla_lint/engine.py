"""The core API: ``lint(paths, config) -> LintResult``; reads files, prints nothing."""

from __future__ import annotations

import datetime
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sla_lint import registry
from sla_lint.config import LintConfig
from sla_lint.context import Context
from sla_lint.diagnostics import Diagnostic, Finding, Location, Severity
from sla_lint.loader import Document, discover, load_file
from sla_lint.model import Catalogue, build_catalogue
from sla_lint.schema import validate

INTERNAL_ERROR = registry.declare("SLA000", "internal-error", Severity.ERROR, """
    A rule of sla-lint itself failed; this is a bug in sla-lint, not in your files.

    Why: a failing rule must not hide the other findings or end with a traceback. The
    message names the rule and the error; please report it with the file that caused it.

    Bad:
        (a rule raised an exception)

    Good:
        (every rule runs to completion)
    """)


@dataclass(frozen=True)
class LintResult:
    """What a lint run found, sorted, and how much it looked at."""

    diagnostics: tuple[Diagnostic, ...]
    files: int
    documents: int
    catalogue: Catalogue

    def count(self, severity: Severity) -> int:
        """How many diagnostics have ``severity``."""
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def errors(self) -> int:
        """Number of errors."""
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        """Number of warnings."""
        return self.count(Severity.WARNING)


@dataclass(frozen=True)
class Loaded:
    """The catalogue and what loading it reported."""

    catalogue: Catalogue
    diagnostics: tuple[Diagnostic, ...]
    files: int
    documents: int


def load_catalogue(paths: Sequence[str], config: LintConfig) -> Loaded:
    """Discover, load and validate files and build the catalogue from the valid documents."""
    found = discover(paths, config.exclude)
    loaded = [load_file(f, config.max_file_size) for f in found.files]
    diags: list[Diagnostic] = list(found.problems)
    valid: list[Document] = []
    unbuilt: set[tuple[str, str]] = set()
    for lf in loaded:
        diags.extend(lf.diagnostics)
        for doc in lf.documents:
            problems = validate(doc)
            diags.extend(problems)
            if problems:
                unbuilt.update(_identity(doc))
            else:
                valid.append(doc)
    partial = bool(found.problems) or any(lf.incomplete for lf in loaded)
    catalogue = build_catalogue(valid, partial, frozenset(unbuilt))
    documents = sum(len(lf.documents) for lf in loaded)
    return Loaded(catalogue, tuple(diags), len(found.files), documents)


def _identity(doc: Document) -> Iterable[tuple[str, str]]:
    meta = doc.data.get("metadata")
    name = meta.get("name") if isinstance(meta, dict) else None
    if isinstance(name, str) and isinstance(doc.data.get("kind"), str):
        yield doc.data["kind"], name


def lint(paths: Sequence[str], config: LintConfig | None = None) -> LintResult:
    """Check the policy repo under ``paths``: every stage, every enabled rule."""
    config = config or LintConfig()
    loaded = load_catalogue(paths, config)
    year = config.this_year or datetime.date.today().year
    context = Context(loaded.catalogue, year)
    diags = list(loaded.diagnostics)
    for rule in registry.checks():
        if config.enabled(rule.code):
            diags.extend(_run(rule, context))
    final = sorted(set(_configured(diags, config)))
    return LintResult(tuple(final), loaded.files, loaded.documents, loaded.catalogue)


def _run(rule: registry.Rule, context: Context) -> list[Diagnostic]:
    assert rule.check is not None
    try:
        return [rule.stamp(f) for f in rule.check(context)]
    except Exception as exc:  # a bug in a rule must not hide every other finding
        where = traceback.extract_tb(exc.__traceback__)[-1]
        message = (f"rule {rule.code} ({rule.slug}) failed: {type(exc).__name__}: {exc} "
                   f"[{where.filename.rsplit('/', 1)[-1]}:{where.lineno}]; please report this")
        return [INTERNAL_ERROR.stamp(Finding(message, Location("sla-lint", 1, 1)))]


def _configured(diags: Iterable[Diagnostic], config: LintConfig) -> Iterable[Diagnostic]:
    for diag in diags:
        if not config.enabled(diag.code):
            continue
        severity = config.severity_of(diag.code, diag.severity)
        yield diag if severity is diag.severity else replace(diag, severity=severity)
