"""The binding JSON report of FORMAT.md: one array, one object per diagnostic."""

from __future__ import annotations

import json
from typing import Any

from sla_lint.diagnostics import Diagnostic
from sla_lint.engine import LintResult
from sla_lint.reporters.base import Reporter


def diagnostic_dict(diag: Diagnostic) -> dict[str, Any]:
    """The JSON object for one diagnostic (FORMAT.md's keys first)."""
    return {
        "path": diag.path,
        "line": diag.line,
        "column": diag.column,
        "code": diag.code,
        "severity": diag.severity.value,
        "message": diag.message,
        "rule": diag.slug,
        "related": [
            {"path": r.location.path, "line": r.location.line, "column": r.location.column,
             "note": r.note}
            for r in diag.related
        ],
    }


class JsonReporter(Reporter):
    """A JSON array on the stream, nothing else."""

    def report(self, result: LintResult) -> None:
        """Write the array."""
        payload = [diagnostic_dict(d) for d in result.diagnostics]
        self.stream.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
