"""Every page of the site, in a fixed order: home, departments, services, and the overviews.

Long lists (departments on the home page, the graph's table, the findings) are split into
numbered pages so that no page grows past a few tens of kilobytes on a large repo.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any, TypeVar

from sla_lint.site import SearchFiles, SiteOptions, urls
from sla_lint.site.drawing import Box
from sla_lint.site.render import Renderer
from sla_lint.site.views import Site

if TYPE_CHECKING:
    from sla_lint.engine import LintResult
    from sla_lint.model import Catalogue
    from sla_lint.site.attainment import Attainment

PAGE_SIZE = 150  # entries of a long list per page
GRAPH_ROWS = 40  # departments per page of the graph's table (each row holds many links)
GRAPH_LINKS = 25  # departments named per row; the rest are counted
GRAPH_PICTURE_MAX = 30  # departments: beyond this the graph page is a table only
ATTAINMENT_ROWS = 100  # promises per page of attainment.html (each row holds a link)
ATTAINMENT_DEPARTMENTS = 50  # departments per page of attainment.html (a row per measure)
FALLBACK_YEAR = 2027  # worked examples when no calendar or horizon names a year
_T = TypeVar("_T")


def example_year(catalogue: Catalogue) -> int:
    """The year of the worked examples: the policy's horizon, else the holidays' first year."""
    policy = catalogue.policy
    if policy is not None and policy.horizon:
        return int(min(n.value for n in policy.horizon))
    years = [int(h.value[:4]) for c in catalogue.calendars for h in c.holidays
             if h.value[:4].isdigit()]
    return min(years) if years else FALLBACK_YEAR


def chunks(items: Sequence[_T], size: int = PAGE_SIZE) -> list[Sequence[_T]]:
    """``items`` in pages of ``size`` (one empty page when there are none)."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [items[:0]]


def pager(page: str, count: int, number: int) -> dict[str, Any]:
    """The values a template needs to link the pages of a long list."""
    return {"pages": [(n, urls.numbered(page, n)) for n in range(1, count + 1)],
            "current": number}


def all_pages(result: LintResult, options: SiteOptions,
              search: SearchFiles) -> dict[str, bytes]:
    """Render the whole site."""
    return dict(iter_pages(result, options, search))


def iter_pages(result: LintResult, options: SiteOptions,
               search: SearchFiles) -> Iterator[tuple[str, bytes]]:
    """Every file of the site as it is made, so a writer never holds the whole site."""
    from sla_lint.due import built_calendars

    catalogue = result.catalogue
    site = Site(catalogue, result.diagnostics, built_calendars(catalogue),
                example_year(catalogue))
    kept = None
    if options.attainment is not None:
        from sla_lint.site.attainment import Attainment

        kept = Attainment(options.attainment, catalogue)
    renderer = Renderer(site, options.title or "Service catalogue", options.source_url, kept)
    yield urls.CSS, resources.files("sla_lint.site").joinpath("static/site.css").read_bytes()
    yield from _encoded(_home(renderer))
    for dept in site.departments():
        view = site.department(dept)
        yield view.url, renderer.department(view).encode("utf-8")
        for service in view.services:
            service_view = site.service(service)
            yield service_view.url, renderer.service(service_view).encode("utf-8")
    yield urls.PRIORITIES, renderer.page("priorities", urls.PRIORITIES, "Priorities",
                                         rows=_priorities(catalogue)).encode("utf-8")
    yield from _encoded(_graph(renderer))
    yield from _encoded(_health(renderer))
    if kept is not None:
        yield urls.ATTAINMENT_CSS, resources.files("sla_lint.site").joinpath(
            "static/attainment.css").read_bytes()
        yield from _encoded(_attainment(renderer, kept))
    yield urls.SEARCH, renderer.page("search", urls.SEARCH, "Search").encode("utf-8")
    yield from _encoded(search(catalogue, urls.service_url, urls.department_url).items())


def _encoded(pages: Iterable[tuple[str, str]]) -> Iterator[tuple[str, bytes]]:
    for path, text in pages:
        yield path, text.encode("utf-8")


def _home(renderer: Renderer) -> Iterator[tuple[str, str]]:
    departments = renderer.site.departments()
    pages = chunks(departments)
    for number, part in enumerate(pages, 1):
        url = urls.numbered(urls.HOME, number)
        yield url, renderer.page("home", url, "What do you need?", departments=part,
                                 **pager(urls.HOME, len(pages), number))


def _priorities(catalogue: Catalogue) -> list[tuple[str, str, str]]:
    """(priority, what it means, the policy's limit in words) down the ladder."""
    from sla_lint.timecalc import DurationError, parse_duration
    from sla_lint.wording import promise_words

    policy = catalogue.policy
    limits = {t.priority.value: t for t in policy.limits} if policy else {}
    rows = []
    for priority in catalogue.ladder:
        meaning = (policy.description(priority) if policy else None) or ""
        limit = limits.get(priority)
        words = ""
        if limit is not None:
            try:
                words = promise_words(*(parse_duration(t.value) if t else None for t in
                                        (limit.response, limit.resolution, limit.update)))
            except DurationError:
                words = ""
        rows.append((priority, meaning, words))
    return rows


def _graph(renderer: Renderer) -> Iterator[tuple[str, str]]:
    """The departments' graph: a picture when small, always a table of who waits on whom."""
    site = renderer.site
    catalogue = site.catalogue
    waits: dict[str, set[str]] = {}
    bad: set[tuple[str, str]] = set()
    for service in catalogue.service_index.values():
        for dep in service.depends_on:
            provider = catalogue.service_index.get(dep.service.value)
            if provider is None or provider.department == service.department:
                continue
            edge = (service.department, provider.department)
            waits.setdefault(edge[0], set()).add(edge[1])
            loc = dep.service.loc
            if site.problems.at(loc.path, loc.line, loc.column):
                bad.add(edge)
    departments = site.departments()
    rows = []
    for dept in departments:
        others = sorted((catalogue.department_index[o] for o in waits.get(dept.name.value, ())),
                        key=lambda o: (o.title.casefold(), o.name.value))
        rows.append((dept, others[:GRAPH_LINKS], len(others) - GRAPH_LINKS))
    picture = None
    if len(departments) <= GRAPH_PICTURE_MAX:
        boxes = {d.name.value: Box(d.title, f"{len(d.services)} service(s)", "node")
                 for d in departments}
        picture = renderer.graph_picture(boxes, waits, bad)
    pages = chunks(rows, GRAPH_ROWS)
    for number, part in enumerate(pages, 1):
        url = urls.numbered(urls.GRAPH, number)
        yield url, renderer.page("graph", url, "Who waits on whom", rows=part,
                                 picture=picture if number == 1 else None, bad=bad,
                                 **pager(urls.GRAPH, len(pages), number))


def _health(renderer: Renderer) -> Iterator[tuple[str, str]]:
    """What the linter found in what was published, split into pages."""
    site = renderer.site
    owner: dict[tuple[str, int, int], str] = {}
    for ref, diags in site.problems.by_service.items():
        if ref not in site.pages:
            continue
        for d in diags:
            owner[(d.location.path, d.location.line, d.location.column)] = ref
    findings = [(d, renderer.source_link(d.location.path, d.location.line),
                 owner.get((d.location.path, d.location.line, d.location.column)))
                for d in site.problems.diagnostics]
    counts: dict[tuple[str, str], int] = {}
    for d in site.problems.diagnostics:
        counts[(d.code, d.slug)] = counts.get((d.code, d.slug), 0) + 1
    pages = chunks(findings)
    for number, part in enumerate(pages, 1):
        url = urls.numbered(urls.HEALTH, number)
        yield url, renderer.page(
            "health", url, "Can every promise be kept?", findings=part,
            first=(number - 1) * PAGE_SIZE, counts=sorted(counts.items()),
            total=len(findings), **pager(urls.HEALTH, len(pages), number))


def _attainment(renderer: Renderer, kept: Attainment) -> Iterator[tuple[str, str]]:
    """The company-wide page: promises kept least first, and each department's totals."""
    from sla_lint.site.attainment import pager_window

    ranked = chunks(kept.ranked(renderer.site.link), ATTAINMENT_ROWS)
    departments, company = kept.departments()
    teams = chunks(departments, ATTAINMENT_DEPARTMENTS)
    count = max(len(ranked), len(teams))
    for number in range(1, count + 1):
        url = urls.numbered(urls.ATTAINMENT, number)
        part = ranked[number - 1] if number <= len(ranked) else ranked[0][:0]
        depts = teams[number - 1] if number <= len(teams) else teams[0][:0]
        window = [(n, urls.numbered(urls.ATTAINMENT, n) if n else "")
                  for n in pager_window(count, number)]
        yield url, renderer.page(
            "attainment", url, "How well were the promises kept?", rows=part,
            first=(number - 1) * ATTAINMENT_ROWS, total=len(kept.report.rows),
            departments=depts, dept_first=(number - 1) * ATTAINMENT_DEPARTMENTS,
            dept_total=len(departments), company=company, as_of=kept.as_of,
            used=kept.report.used, left_out=kept.report.problem_count, window=window,
            current=number, count=count)
