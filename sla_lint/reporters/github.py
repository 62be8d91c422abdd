"""GitHub Actions workflow commands: one annotation per diagnostic, escaped as GitHub requires."""

from __future__ import annotations

from sla_lint.diagnostics import Diagnostic, Severity
from sla_lint.engine import LintResult
from sla_lint.reporters.base import Reporter
from sla_lint.reporters.text import plural

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """``::error file=...,line=...,col=...,title=...::message`` lines."""

    def report(self, result: LintResult) -> None:
        """Write one annotation per diagnostic, then a plain summary line."""
        for diag in result.diagnostics:
            self.stream.write(self.annotation(diag) + "\n")
        self.stream.write(f"sla-lint: {plural(result.errors, 'error')}, "
                          f"{plural(result.warnings, 'warning')} in "
                          f"{plural(result.files, 'file')}\n")

    @staticmethod
    def annotation(diag: Diagnostic) -> str:
        """The workflow command for one diagnostic."""
        props = ",".join([
            f"file={escape_property(diag.path)}",
            f"line={diag.line}",
            f"col={diag.column}",
            f"title={escape_property(f'{diag.code} {diag.slug}'.strip())}",
        ])
        return f"::{_LEVEL[diag.severity]} {props}::{escape_data(diag.message)}"
