"""Reporters turn a lint result into bytes on a stream; ``--format`` choices come from here."""

from __future__ import annotations

from sla_lint.reporters.base import Reporter
from sla_lint.reporters.github import GithubReporter
from sla_lint.reporters.gitlab import GitlabReporter
from sla_lint.reporters.json import JsonReporter
from sla_lint.reporters.junit import JunitReporter
from sla_lint.reporters.markdown import MarkdownReporter
from sla_lint.reporters.sarif import SarifReporter
from sla_lint.reporters.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "sarif": SarifReporter,
    "gitlab": GitlabReporter,
    "junit": JunitReporter,
    "markdown": MarkdownReporter,
}

__all__ = ["REPORTERS", "Reporter"]
