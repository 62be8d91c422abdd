"""GitLab Code Quality report: a JSON array GitLab shows in merge requests and pipelines.

Severity: ``info`` for info, ``minor`` for warnings, ``major`` for errors, ``critical`` for
errors about commitments and the dependency graph (4xx, 5xx: a promise that cannot be
kept), and ``blocker`` for an internal error of sla-lint (SLA000: the check did not run
to the end). Each finding's fingerprint is unique in the report and stable when lines move.
"""

from __future__ import annotations

import json
from typing import Any

from sla_lint.diagnostics import Diagnostic, Severity
from sla_lint.engine import LintResult
from sla_lint.reporters.base import Reporter
from sla_lint.reporters.ci import fingerprints, printable, repo_path

_BY_SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}
_PROMISE_FAMILIES = ("SLA4", "SLA5")


def severity(diag: Diagnostic) -> str:
    """The Code Quality severity of a diagnostic."""
    if diag.severity is Severity.ERROR and diag.code == "SLA000":
        return "blocker"
    if diag.severity is Severity.ERROR and diag.code.startswith(_PROMISE_FAMILIES):
        return "critical"
    return _BY_SEVERITY[diag.severity]


def issues(result: LintResult) -> list[dict[str, Any]]:
    """The report: one object per diagnostic, in the order of the diagnostics."""
    return [
        {
            "description": printable(f"{diag.code} {diag.slug}: {diag.message}"),
            "check_name": diag.code,
            "fingerprint": digest,
            "severity": severity(diag),
            "location": {"path": repo_path(diag.path), "lines": {"begin": max(diag.line, 1)}},
        }
        for diag, digest in zip(result.diagnostics, fingerprints(result.diagnostics),
                                strict=True)
    ]


class GitlabReporter(Reporter):
    """The Code Quality JSON array (``[]`` when there is nothing to report)."""

    def report(self, result: LintResult) -> None:
        """Write the array."""
        self.stream.write(json.dumps(issues(result), indent=2, ensure_ascii=False) + "\n")
