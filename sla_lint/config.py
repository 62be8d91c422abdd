"""Run options for the core: which paths, which codes, which caps."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field

from sla_lint.diagnostics import Severity
from sla_lint.loader import DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class LintConfig:
    """Options of one lint run; the command line and config files fill it."""

    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    max_file_size: int = DEFAULT_MAX_BYTES
    this_year: int | None = None
    # (absolute glob, codes or prefixes): from a config file's per-file-ignores
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # the paths asked for, as given, when the whole repo is read to check them: only
    # their files are reported, shown as given (see sla_lint.project)
    focus: tuple[str, ...] = ()
    extra: dict[str, object] = field(default_factory=dict, compare=False)
    tickets: tuple[str, ...] = ()  # ticket exports for the attainment rule (check --tickets)

    def enabled(self, code: str) -> bool:
        """True when ``code`` is selected (all by default) and not ignored."""
        if any(code.startswith(prefix) for prefix in self.ignore):
            return False
        return not self.select or any(code.startswith(prefix) for prefix in self.select)

    def ignored_in(self, path: str, code: str) -> bool:
        """True when a per-file ignore covers ``code`` in the file at ``path``."""
        if not self.per_file_ignores:
            return False
        where = os.path.abspath(path).replace(os.sep, "/")
        return any(fnmatch.fnmatch(where, glob) and code.startswith(codes)
                   for glob, codes in self.per_file_ignores)

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The severity configured for ``code``, or its default."""
        return dict(self.severity).get(code, default)
