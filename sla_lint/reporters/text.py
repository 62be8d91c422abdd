"""Human-readable report: ``path:line:col: CODE [severity] message`` and a summary line."""

from __future__ import annotations

from sla_lint.diagnostics import Diagnostic, Severity
from sla_lint.engine import LintResult
from sla_lint.reporters.base import Reporter
from sla_lint.terminal import escape_controls

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def plural(count: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


class TextReporter(Reporter):
    """One line per diagnostic, related places indented below, then a summary."""

    def report(self, result: LintResult) -> None:
        """Write every diagnostic and the summary."""
        for diag in result.diagnostics:
            self.stream.write(self.line(diag) + "\n")
            for rel in diag.related:
                self.stream.write(escape_controls(f"    {rel.location}: {rel.note}") + "\n")
        self.stream.write(self.summary(result) + "\n")

    def line(self, diag: Diagnostic) -> str:
        """The line for one diagnostic."""
        label = self._paint(f"{diag.code} [{diag.severity.value}]", _COLORS[diag.severity])
        # paths and messages carry text from the files: no control character reaches a terminal
        return f"{escape_controls(str(diag.location))}: {label} {escape_controls(diag.message)}"

    def summary(self, result: LintResult) -> str:
        """``2 errors, 1 warning in 15 files`` (with info when present)."""
        parts = [plural(result.errors, "error"), plural(result.warnings, "warning")]
        infos = result.count(Severity.INFO)
        if infos:
            parts.append(plural(infos, "info"))
        text = f"{', '.join(parts)} in {plural(result.files, 'file')}"
        if not result.diagnostics:
            return self._paint("All promises check out: ", "32") + text
        return text

    def _paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text
