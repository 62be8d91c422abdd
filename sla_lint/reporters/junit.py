"""JUnit XML for CI test views: one test suite, a failing test case per finding.

Every file checked without findings is one passing test case, so a clean repo reads
"N tests, 0 failures". Each finding is a test case named after its rule and place, with
a ``failure`` whose message is the finding's message and whose text is the text report
line (``path:line:column: CODE [severity] message`` and the related places). Test cases
carry ``file`` and ``line`` attributes; ``classname`` is the file, so views that group
by class group by file. Everything is escaped, and characters XML 1.0 cannot hold are
replaced.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from sla_lint.diagnostics import Diagnostic
from sla_lint.engine import LintResult
from sla_lint.reporters.base import Reporter
from sla_lint.reporters.ci import repo_path

SUITE = "sla-lint"
# Characters outside XML 1.0's Char production (control characters, surrogates, FFFE/FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML cannot carry replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def testsuites(result: LintResult) -> ET.Element:
    """The ``testsuites`` element with its one ``testsuite``."""
    cases = [*_failures(result.diagnostics), *_clean_files(result)]
    counts = {"tests": str(len(cases)), "failures": str(len(result.diagnostics)),
              "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts})
    suite.extend(cases)
    return root


def _failures(diagnostics: Iterable[Diagnostic]) -> list[ET.Element]:
    out = []
    for diag in diagnostics:
        path = repo_path(diag.path)
        case = _case(path, f"{diag.code} {diag.slug} at line {diag.line}, column {diag.column}",
                     diag.line)
        failure = ET.SubElement(case, "failure", {"message": xml_text(diag.message),
                                                  "type": f"{diag.code} {diag.severity.value}"})
        failure.text = xml_text(_details(diag))
        out.append(case)
    return out


def _details(diag: Diagnostic) -> str:
    lines = [f"{diag.location}: {diag.code} [{diag.severity.value}] {diag.message}"]
    lines += [f"    {rel.location}: {rel.note}" for rel in diag.related]
    return "\n".join(lines)


def _clean_files(result: LintResult) -> list[ET.Element]:
    found = {d.path for d in result.diagnostics}
    return [_case(repo_path(path), "no findings", None)
            for path in result.checked if path not in found]


def _case(path: str, name: str, line: int | None) -> ET.Element:
    attrs = {"classname": xml_text(path), "name": xml_text(name), "file": xml_text(path)}
    if line is not None:
        attrs["line"] = str(line)
    return ET.Element("testcase", attrs)


class JunitReporter(Reporter):
    """An XML document with declaration, indented."""

    def report(self, result: LintResult) -> None:
        """Write the document."""
        root = testsuites(result)
        ET.indent(root)
        body = ET.tostring(root, encoding="unicode")
        self.stream.write(f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n')
