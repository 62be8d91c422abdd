"""A pull-request summary in GitHub-flavoured Markdown: counts, findings, the graph's trouble spots.

Made for ``$GITHUB_STEP_SUMMARY``, a merge-request note or a PR comment: a heading with
the counts, a table of findings per rule, a table of findings with links to the file
and line (capped at :data:`MAX_ROWS`), and a Mermaid picture of the services that
commitment (4xx) or dependency-graph (5xx) findings are about, with their direct
neighbours (capped at :data:`MAX_NODES`, problem services first). Every piece of text
from the files is escaped for a table cell: pipes, new lines, HTML, Markdown
punctuation and ``@`` (no one gets mentioned by a finding).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TextIO
from urllib.parse import quote

from sla_lint.diagnostics import Diagnostic, Location, Severity
from sla_lint.engine import LintResult
from sla_lint.model import Catalogue, Service
from sla_lint.reporters.base import Reporter
from sla_lint.reporters.ci import printable, printable_careful, repo_path, rule_anchor, uri_of
from sla_lint.reporters.stats import rule_counts
from sla_lint.reporters.text import TextReporter, plural

if TYPE_CHECKING:  # the graph modules import networkx: only when a picture is drawn
    from sla_lint.graph.drawing import Drawing

MAX_ROWS = 200  # a PR comment holds 65536 characters
MAX_NODES = 50  # GitHub draws larger Mermaid charts too small to read, or not at all
GRAPH_FAMILIES = ("SLA4", "SLA5")
_ICONS = {Severity.ERROR: "❌ error", Severity.WARNING: "⚠️ warning",
          Severity.INFO: "\u2139\ufe0f info"}
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;", "|": "\\|", "\n": "<br>",
             "\t": " "}
_BACKSLASHED = frozenset("\\`*_[]~")
_CELL = str.maketrans({**_ENTITIES, **{ch: "\\" + ch for ch in _BACKSLASHED}})


def cell(text: str) -> str:
    """``text`` as the content of one table cell, shown literally (one ``str.translate``)."""
    return printable(text.replace("\r\n", "\n")).translate(_CELL)


def cell_careful(text: str) -> str:
    """:func:`cell`, one character at a time (a test holds the two equal)."""
    out = []
    for ch in printable_careful(text.replace("\r\n", "\n")):
        if ch in _ENTITIES:
            out.append(_ENTITIES[ch])
        elif ch in _BACKSLASHED:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def link_base(environ: Mapping[str, str]) -> str:
    """Where file links point: the commit's files inside GitHub Actions or GitLab CI, else ''."""
    if environ.get("GITHUB_ACTIONS") == "true":
        parts = [environ.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY",
                                               "GITHUB_SHA")]
        if all(parts):
            return _safe_url("{}/{}/blob/{}/".format(*parts))
    if environ.get("GITLAB_CI") == "true":
        project, sha = environ.get("CI_PROJECT_URL", ""), environ.get("CI_COMMIT_SHA", "")
        if project and sha:
            return _safe_url(f"{project}/-/blob/{sha}/")
    return ""


def _safe_url(url: str) -> str:
    return quote(url, safe=":/@-._~%+=&?")


@dataclass(frozen=True)
class ProblemView:
    """The part of the service graph to draw, and which of its services have problems."""

    drawing: Drawing
    problems: frozenset[str]
    total: int  # services that belonged in the picture before the cap


def problem_view(result: LintResult, cap: int = MAX_NODES) -> ProblemView | None:
    """Services that 4xx/5xx findings are about, their neighbours, and the links between them.

    A finding is about the service inside which it, or one of its related places, was
    written: a target, a dependency (so both ends of a cycle or an infeasible dependency).
    """
    from sla_lint.graph.drawing import draw
    from sla_lint.graph.select import GraphRequest

    drawing = draw(result.catalogue, result.diagnostics, GraphRequest())
    problems = _problem_services(result) & {box.id for box in drawing.boxes}
    if not problems:
        return None
    neighbours = {b for link in drawing.links for a, b in ((link.source, link.target),
                                                           (link.target, link.source))
                  if a in problems and b not in problems}
    order = [*sorted(problems), *sorted(neighbours)]
    keep = set(order[:cap])
    shown = replace(drawing,
                    boxes=tuple(b for b in drawing.boxes if b.id in keep),
                    links=tuple(k for k in drawing.links if {k.source, k.target} <= keep))
    return ProblemView(shown, frozenset(problems & keep), len(order))


def _problem_services(result: LintResult) -> set[str]:
    places = service_places(result.catalogue)
    return {places[loc] for d in result.diagnostics if d.code.startswith(GRAPH_FAMILIES)
            for loc in (d.location, *(r.location for r in d.related)) if loc in places}


def service_places(catalogue: Catalogue) -> dict[Location, str]:
    """Every place written inside a service (name, targets, scope, dependencies) -> its ref."""
    places: dict[Location, str] = {}
    for service in catalogue.services():
        for loc in _places(service):
            places.setdefault(loc, service.ref)
    return places


def _places(service: Service) -> Iterator[Location]:
    yield from (service.loc, service.name.loc, service.targets_loc)
    if service.calendar is not None:
        yield service.calendar.loc
    yield from (t.loc for t in (*service.customers, *service.includes))
    for ex in service.excludes:
        yield from (t.loc for t in (ex.item, ex.redirect) if t is not None)
    for target in service.targets:
        yield from (t.loc for t in (target.priority, target.response, target.resolution,
                                    target.update) if t is not None)
    for dep in service.depends_on:
        yield from (dep.loc, dep.service.loc, *(i.loc for i in dep.items))
        yield from (t.loc for pair in dep.priority_map for t in pair)


def mermaid(view: ProblemView) -> str:
    """The Mermaid flowchart of a problem view; problem services get a red border."""
    from sla_lint.graph.render import to_mermaid

    ids = {box.id: f"s{i}" for i, box in enumerate(view.drawing.boxes)}  # as to_mermaid names them
    marked = ",".join(ids[b.id] for b in view.drawing.boxes if b.id in view.problems)
    return (to_mermaid(view.drawing)
            + "  classDef problem stroke:#d1242f,stroke-width:3px\n"
            + f"  class {marked} problem\n")


class MarkdownReporter(Reporter):
    """Summary, per-rule counts, findings table and problem graph, in that order."""

    def __init__(self, stream: TextIO, color: bool = False, links: str | None = None) -> None:
        super().__init__(stream, color)
        self.links = link_base(os.environ) if links is None else links

    def report(self, result: LintResult) -> None:
        """Write the whole summary."""
        self.stream.write("\n".join(self.lines(result)) + "\n")

    def lines(self, result: LintResult) -> list[str]:
        """The summary as lines."""
        out = [*_heading(result)]
        if result.diagnostics:
            out += [*_per_rule(result.diagnostics), *self._findings(result.diagnostics)]
            view = problem_view(result)
            out += _graph(view) if view else []
        return out

    def _findings(self, diagnostics: tuple[Diagnostic, ...]) -> list[str]:
        out = ["", "### Findings", "", "| | where | rule | message |", "| --- | --- | --- | --- |"]
        out += [f"| {_ICONS[d.severity]} | {self.where(d)} | {d.code} | {cell(d.message)} |"
                for d in diagnostics[:MAX_ROWS]]
        if len(diagnostics) > MAX_ROWS:
            out += ["", f"… and {len(diagnostics) - MAX_ROWS} more: `sla-lint check` lists"
                        " them all."]
        return out

    def where(self, diag: Diagnostic) -> str:
        """``path:line``, linked to the line when the path is inside the repository."""
        path = repo_path(diag.path)
        text = cell(f"{path}:{diag.line}")
        if os.path.isabs(path):
            return text
        return f"[{text}]({self.links}{uri_of(path)}#L{diag.line})"


def _heading(result: LintResult) -> list[str]:
    icon = "❌" if result.errors else "⚠️" if result.diagnostics else "✅"
    summary = TextReporter(io.StringIO()).summary(result)
    return [f"## {icon} sla-lint: {summary}"]


def _per_rule(diagnostics: tuple[Diagnostic, ...]) -> list[str]:
    rows = [f"| [{code}]({rule_anchor(code, slug)}) | {cell(slug)} | {n} |"
            for code, slug, n in rule_counts(diagnostics)]
    return ["", "### Findings per rule", "", "| code | rule | count |", "| --- | --- | ---: |",
            *rows]


def _graph(view: ProblemView) -> list[str]:
    shown = len(view.drawing.boxes)
    note = [f"{plural(len(view.problems), 'service')} with problems in commitments (4xx) or"
            " the dependency graph (5xx), red-bordered, and the services next to them;"
            " red arrows are cycles or dependencies that cannot be kept in time."]
    if view.total > shown:
        note.append(f"Showing {shown} of {view.total} services (problem services first):"
                    " `sla-lint graph` draws them all.")
    return ["", "### Where the dependency graph has problems", "", " ".join(note), "",
            "```mermaid", mermaid(view).rstrip("\n"), "```"]
