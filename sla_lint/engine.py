"""The core API: ``lint(paths, config) -> LintResult``; reads files, prints nothing."""

from __future__ import annotations

import datetime
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sla_lint import profile, registry, runtime, suppress
from sla_lint.config import LintConfig
from sla_lint.context import Context
from sla_lint.diagnostics import Diagnostic, Finding, Location, Severity
from sla_lint.digest import Digest, digest, digest_files
from sla_lint.loader import LoadedFile, discover, focus, load_bytes
from sla_lint.model import Catalogue
from sla_lint.model.build import catalogue_of
from sla_lint.runtime import collector_paused

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
    checked: tuple[str, ...] = ()  # the files read, as shown in diagnostics, in order
    # with a focus: files outside it that could not be read (their findings not shown)
    unread_elsewhere: tuple[str, ...] = ()

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
    texts: tuple[tuple[str, str], ...] = ()  # (path, text) of each file read, for suppressions
    checked: tuple[str, ...] = ()  # the files read, as shown in diagnostics, in order
    focus: frozenset[str] | None = None  # with config.focus: the files to report on


@collector_paused
def load_catalogue(paths: Sequence[str], config: LintConfig) -> Loaded:
    """Discover, load and validate files and build the catalogue from the valid documents."""
    with profile.stage("load"):
        found = discover(paths, config.exclude)
    if not config.focus:
        return combine(digest_files(found.files, config.max_file_size), found.problems)
    focused = focus(found, config.focus)
    loaded = combine(digest_files(focused.discovery.files, config.max_file_size),
                     focused.discovery.problems)
    return replace(loaded, focus=focused.shown)


def assemble(loaded: Sequence[LoadedFile], problems: Sequence[Diagnostic] = ()) -> Loaded:
    """Validate loaded files and build the catalogue (from disk, or from a git revision)."""
    return combine([digest(lf) for lf in loaded], problems)


def combine(digests: Sequence[Digest], problems: Sequence[Diagnostic] = ()) -> Loaded:
    """The catalogue and diagnostics of the files' digests (:mod:`sla_lint.digest`)."""
    diags: list[Diagnostic] = list(problems)
    unbuilt: set[tuple[str, str]] = set()
    for dg in digests:
        diags.extend(dg.diagnostics)
        unbuilt.update(dg.unbuilt)
    partial = bool(problems) or any(dg.incomplete for dg in digests)
    with profile.stage("model"):
        catalogue = catalogue_of([p for dg in digests for p in dg.parts], partial,
                                 frozenset(unbuilt))
    documents = sum(dg.documents for dg in digests)
    texts = tuple((dg.display, dg.text) for dg in digests if dg.text)
    checked = tuple(dg.display for dg in digests)
    return Loaded(catalogue, tuple(diags), len(digests), documents, texts, checked)


@collector_paused
def lint(paths: Sequence[str], config: LintConfig | None = None,
         base: str | None = None) -> LintResult:
    """Check the policy repo under ``paths``: every stage, every enabled rule.

    With ``base`` (a git revision), the catalogue as it is there is built too and the
    6xx rules report what the change does to those who depend on it. Raises
    :class:`BaseUnavailable` when the revision cannot be read.
    """
    config = config or LintConfig()
    profile.begin()
    loaded = load_catalogue(paths, config)
    year = config.this_year or datetime.date.today().year
    before = load_base(paths, config, base) if base else None
    context = Context(loaded.catalogue, year, before, base or "", tickets=config.tickets)
    diags = list(loaded.diagnostics)
    for rule in registry.checks():
        if config.enabled(rule.code):
            diags.extend(_timed(rule, context))
    kept, problems = suppress.apply(sorted(set(_configured(diags, config))), loaded.texts,
                                    config)
    everything = sorted({*kept, *_configured(problems, config)})
    final = _focused(everything, loaded.focus)
    profile.report()
    checked = _focused_files(loaded.checked, loaded.focus)
    result = LintResult(tuple(final), len(checked), loaded.documents, loaded.catalogue,
                        checked, _unread(everything, loaded.focus))
    runtime.keep_until_exit(result)
    return result


def _focused(diags: list[Diagnostic], shown: frozenset[str] | None) -> list[Diagnostic]:
    """The diagnostics in the files asked for (all without a focus; sla-lint's own too)."""
    if shown is None:
        return diags
    return [d for d in diags if d.path in shown or d.code == INTERNAL_ERROR.code]


def _unread(diags: list[Diagnostic], shown: frozenset[str] | None) -> tuple[str, ...]:
    """Files outside the focus with loading or schema errors, shown as in diagnostics.

    They leave the catalogue incomplete: references to what they define are not checked.
    """
    if shown is None:
        return ()
    return tuple(sorted({d.path for d in diags if d.path not in shown
                         and d.severity is Severity.ERROR and d.code[:4] in _UNREAD}))


_UNREAD = ("SLA0", "SLA1")  # loading and schema: a document that could not be read


def _focused_files(checked: tuple[str, ...], shown: frozenset[str] | None) -> tuple[str, ...]:
    return checked if shown is None else tuple(p for p in checked if p in shown)


def load_base(paths: Sequence[str], config: LintConfig, ref: str) -> Catalogue:
    """The catalogue under ``paths`` as it is at the git revision ``ref``."""
    from sla_lint.changes import base_files

    files = base_files(paths, ref, config.exclude)
    loaded = [load_bytes(source, raw, config.max_file_size) for source, raw in files]
    return assemble(loaded).catalogue


def _timed(rule: registry.Rule, context: Context) -> list[Diagnostic]:
    with profile.stage(profile.stage_of(rule.code)):
        return _run(rule, context)


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
        if not config.enabled(diag.code) or config.ignored_in(diag.path, diag.code):
            continue
        severity = config.severity_of(diag.code, diag.severity)
        yield diag if severity is diag.severity else replace(diag, severity=severity)
