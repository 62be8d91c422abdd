"""SARIF 2.1.0 for GitHub code scanning: every rule with its documentation, stable fingerprints.

Locations are relative to ``%SRCROOT%`` (the repository root, where sla-lint runs in CI).
Each result carries ``partialFingerprints`` computed from its code, file and message but
not its line, so adding lines above a finding does not open a new alert.
"""

from __future__ import annotations

import json
from typing import Any

from sla_lint import __version__, registry
from sla_lint.diagnostics import Location, Severity
from sla_lint.engine import LintResult
from sla_lint.registry import Rule
from sla_lint.reporters.base import Reporter
from sla_lint.reporters.ci import (
    PROJECT_URL,
    fingerprints,
    plain_doc,
    printable,
    repo_path,
    rule_anchor,
    uri_of,
)
from sla_lint.reporters.ruledocs import rule_markdown

SCHEMA_URI = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
              "sarif-schema-2.1.0.json")
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "slaLintFinding/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif_log(result: LintResult, known: list[Rule]) -> dict[str, Any]:
    """The whole SARIF log for one run, describing the rules of ``known`` that were found."""
    found = {d.code for d in result.diagnostics}
    rules = [r for r in known if r.code in found]
    index = {r.code: i for i, r in enumerate(rules)}
    hashes = fingerprints(result.diagnostics)
    results = []
    for diag, digest in zip(result.diagnostics, hashes, strict=True):
        entry: dict[str, Any] = {"ruleId": diag.code}
        if diag.code in index:
            entry["ruleIndex"] = index[diag.code]
        entry.update({
            "level": LEVELS[diag.severity],
            "message": {"text": printable(diag.message)},
            "locations": [{"physicalLocation": physical(diag.location)}],
        })
        if diag.related:
            entry["relatedLocations"] = [
                {"id": i, "physicalLocation": physical(r.location),
                 "message": {"text": printable(r.note)}}
                for i, r in enumerate(diag.related, start=1)]
        entry["partialFingerprints"] = {FINGERPRINT_KEY: digest}
        results.append(entry)
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [_run(result, rules, results)]}


def _run(result: LintResult, rules: list[Rule], results: list[dict[str, Any]]) -> dict[str, Any]:
    crashed = any(d.code == "SLA000" for d in result.diagnostics)
    tool: dict[str, Any] = {"driver": {
        "name": "sla-lint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": PROJECT_URL,
        "rules": [descriptor(r) for r in rules],
    }}
    sources = _data_sources(result)
    if sources:
        tool["extensions"] = sources
    return {
        "tool": tool,
        "invocations": [{"executionSuccessful": not crashed}],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }


def _data_sources(result: LintResult) -> list[dict[str, Any]]:
    """The public-holiday data the run counted with: the ``holidays`` release.

    Named only when a calendar of the run uses ``public_holidays``: a public holiday that
    changes upstream changes results, and the release explains it.
    """
    if not any(c.public_holidays is not None for c in result.catalogue.calendars):
        return []
    from sla_lint.closures.public import package_version

    version = package_version()
    if version is None:
        return []
    return [{"name": "holidays", "version": version,
             "informationUri": "https://github.com/vacanza/holidays"}]


def descriptor(rule: Rule) -> dict[str, Any]:
    """A rule as a SARIF ``reportingDescriptor``: descriptions and help from its docstring."""
    doc = plain_doc(rule.doc)
    about = doc.split("\nBad:", 1)[0].strip()
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": plain_doc(rule.summary)},
        "fullDescription": {"text": about},
        "helpUri": rule_anchor(rule.code, rule.slug),
        "help": {"text": doc,
                 "markdown": f"{plain_doc(rule.summary)}\n\n{plain_doc(rule_markdown(rule))}"},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["sla-lint", rule.family]},
    }


def physical(location: Location) -> dict[str, Any]:
    """A ``physicalLocation``: the file relative to ``%SRCROOT%``, the line and column."""
    path = repo_path(location.path)
    artifact: dict[str, Any] = {"uri": uri_of(path)}
    if not artifact["uri"].startswith("file:"):
        artifact["uriBaseId"] = SRCROOT
    region = {"startLine": max(location.line, 1), "startColumn": max(location.column, 1)}
    return {"artifactLocation": artifact, "region": region}


class SarifReporter(Reporter):
    """One SARIF log as indented JSON."""

    def report(self, result: LintResult) -> None:
        """Write the log; each rule with findings is described, in code order."""
        log = sarif_log(result, registry.all_rules())
        self.stream.write(json.dumps(log, indent=2, ensure_ascii=False) + "\n")
