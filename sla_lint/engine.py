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
from sla_lint.loader import Document, LoadedFile, discover, load_bytes, load_file
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
    return assemble(loaded, found.problems)


def assemble(loaded: Sequence[LoadedFile], problems: Sequence[Diagnostic] = ()) -> Loaded:
    """Validate loaded files and build the catalogue (from disk, or from a git revision)."""
    diags: list[Diagnostic] = list(problems)
    valid: list[Document] = []
    unbuilt: set[tuple[str, str]] = set()
    for lf in loaded:
        diags.extend(lf.diagnostics)
        for doc in lf.documents:
            found = validate(doc)
            diags.extend(found)
            if found:
                unbuilt.update(_identity(doc))
            else:
                valid.append(doc)
    partial = bool(problems) or any(lf.incomplete for lf in loaded)
    catalogue = build_catalogue(valid, partial, frozenset(unbuilt))
    documents = sum(len(lf.documents) for lf in loaded)
    return Loaded(catalogue, tuple(diags), len(loaded), documents)


def _identity(doc: Document) -> Iterable[tuple[str, str]]:
    meta = doc.data.get("metadata")
    name = meta.get("name") if isinstance(meta, dict) else None
    if isinstance(name, str) and isinstance(doc.data.get("kind"), str):
        yield doc.data["kind"], name


def lint(paths: Sequence[str], config: LintConfig | None = None,
         base: str | None = None) -> LintResult:
    """Check the policy repo under ``paths``: every stage, every enabled rule.

    With ``base`` (a git revision), the catalogue as it is there is built too and the
    6xx rules report what the change does to those who depend on it. Raises
    :class:`BaseUnavailable` when the revision cannot be read.
    """
    config = config or LintConfig()
    loaded = load_catalogue(paths, config)
    year = config.this_year or datetime.date.today().year
    before = load_base(paths, config, base) if base else None
    context = Context(loaded.catalogue, year, before, base or "")
    diags = list(loaded.diagnostics)
    for rule in registry.checks():
        if config.enabled(rule.code):
            diags.extend(_run(rule, context))
    final = sorted(set(_configured(diags, config)))
    return LintResult(tuple(final), loaded.files, loaded.documents, loaded.catalogue)


def load_base(paths: Sequence[str], config: LintConfig, ref: str) -> Catalogue:
    """The catalogue under ``paths`` as it is at the git revision ``ref``."""
    from sla_lint.changes import base_files

    files = base_files(paths, ref, config.exclude)
    loaded = [load_bytes(source, raw, config.max_file_size) for source, raw in files]
    return assemble(loaded).catalogue


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
