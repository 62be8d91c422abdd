"""Reporters turn a lint result into bytes on a stream; ``--format`` choices come from here.

Each format's module is imported only when that format is asked for: ``check`` prints
text (or GitHub annotations) far more often than anything else, and the XML, SARIF and
Mermaid writers cost start-up time a pre-commit hook would feel on every commit.
"""

from __future__ import annotations

from importlib import import_module

from sla_lint.reporters.base import Reporter

_CLASSES = {  # format -> (module, class)
    "text": ("text", "TextReporter"),
    "json": ("json", "JsonReporter"),
    "github": ("github", "GithubReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "gitlab": ("gitlab", "GitlabReporter"),
    "junit": ("junit", "JunitReporter"),
    "markdown": ("markdown", "MarkdownReporter"),
}
FORMATS = tuple(_CLASSES)


def reporter_class(fmt: str) -> type[Reporter]:
    """The reporter of ``fmt`` (one of :data:`FORMATS`), importing its module on first use."""
    module, name = _CLASSES[fmt]
    found: type[Reporter] = getattr(import_module(f"sla_lint.reporters.{module}"), name)
    return found


__all__ = ["FORMATS", "Reporter", "reporter_class"]
