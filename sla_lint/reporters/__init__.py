"""Reporters turn a lint result into bytes on a stream; ``--format`` choices come from here."""

from __future__ import annotations

from sla_lint.reporters.base import Reporter
from sla_lint.reporters.github import GithubReporter
from sla_lint.reporters.json import JsonReporter
from sla_lint.reporters.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
}

__all__ = ["REPORTERS", "Reporter"]
