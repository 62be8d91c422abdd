"""Pages from views: one Jinja2 environment, templates compiled once, autoescape always on.

Every text from the repo goes through autoescaping (``<script>``, quotes and ``{{ }}`` in a
title are shown as text); the only markup inserted as is comes from
:mod:`sla_lint.site.drawing`, which escapes every text it draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup, escape

from sla_lint.site import urls
from sla_lint.site.drawing import Box, layered, neighbourhood
from sla_lint.site.views import DepartmentView, ServiceView, Site

if TYPE_CHECKING:
    from sla_lint.site.attainment import Attainment

_ENV: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    """The shared environment: package templates, autoescape, compact whitespace."""
    global _ENV
    if _ENV is None:
        _ENV = jinja2.Environment(
            loader=jinja2.PackageLoader("sla_lint.site", "templates"),
            autoescape=True, trim_blocks=True, lstrip_blocks=True,
            undefined=jinja2.StrictUndefined, auto_reload=False, cache_size=-1)
    return _ENV


_HEADING, _MAIN = "\x00heading\x00", "\x00main\x00"  # where a frame takes a page's parts
_NAV = frozenset({urls.HOME, urls.SEARCH, urls.PRIORITIES, urls.GRAPH, urls.HEALTH,
                  urls.ATTAINMENT})


class Renderer:
    """Renders every page of one site with the same shared values.

    The frame around a page (head, navigation, footer) is rendered once per place in the
    site and the promise table once per distinct set of promises: on a large repo most
    pages share them.
    """

    def __init__(self, site: Site, title: str, source_url: str | None,
                 kept: Attainment | None = None) -> None:
        self.site = site
        self.kept = kept
        self.title = title
        self.source_url = source_url
        severities = [d.severity.value for d in site.problems.diagnostics]
        self.errors = severities.count("error")
        self.warnings = severities.count("warning")
        env = environment()
        self.templates = {name: env.get_template(f"{name}.html") for name in
                          ("frame", "home", "department", "service", "promises", "priorities",
                           "graph", "health", "search", "attainment")}
        self._frames: dict[tuple[str, str, bool], tuple[str, str, str]] = {}
        self._tables: dict[int, Markup] = {}
        self._keep: list[object] = []

    def frame(self, url: str, search: bool) -> tuple[str, str, str]:
        """The page around the content: before the heading, before the main, after it."""
        root = urls.root_of(url)
        current = url if url in _NAV else ""
        key = (root, current, search)
        if key not in self._frames:
            html = self.templates["frame"].render(
                root=root, url=current, site_title=self.title, heading=Markup(_HEADING),
                main=Markup(_MAIN), search=search, errors=self.errors,
                warnings=self.warnings, attainment=self.kept is not None)
            head, _, rest = html.partition(_HEADING)
            middle, _, tail = rest.partition(_MAIN)
            self._frames[key] = (head, middle, tail)
        return self._frames[key]

    def page(self, template: str, url: str, heading: str, **values: Any) -> str:
        """Render ``template`` as the content of the page at ``url``, in its frame."""
        root = urls.root_of(url)
        head, middle, tail = self.frame(url, urls.has_search(url))
        body = self.templates[template].render(
            root=root, url=url, heading=heading, urls=urls, errors=self.errors,
            warnings=self.warnings, attainment=self.kept is not None, **values)
        return "".join((head, str(escape(heading)), middle, body, tail))

    def department(self, view: DepartmentView) -> str:
        """The page of one department."""
        return self.page("department", view.url, view.department.title, view=view)

    def service(self, view: ServiceView) -> str:
        """The page of one service, with its neighbourhood picture."""
        return self.page("service", view.url, view.service.title, view=view,
                         picture=Markup(self.picture(view)), promises=self.table(view),
                         kept=self.kept.service(view.service.ref) if self.kept else None)

    def table(self, view: ServiceView) -> Markup:
        """The promise table, rendered once per distinct set of rows."""
        key = id(view.promises)  # equal promises share one tuple (PromiseBook.rows)
        found = self._tables.get(key)
        if found is None:
            found = Markup(self.templates["promises"].render(rows=view.promises))
            self._tables[key] = found
            self._keep.append(view.promises)  # keeps the id unique while the table is cached
        return found

    def picture(self, view: ServiceView) -> str:
        """The neighbourhood of a service as inline SVG."""
        def boxes(deps: Sequence[Any]) -> list[tuple[Box, bool, bool]]:
            return [(Box(d.other.text, d.department, "node"), d.blocking, bool(d.problems))
                    for d in deps]
        centre = Box(view.service.title, view.department.text, "centre")
        label = (f"{view.service.title}: {len(view.waited_by)} service(s) wait on it, "
                 f"it waits on {len(view.waits_on)}")
        return neighbourhood(centre, boxes(view.waited_by), boxes(view.waits_on), label)

    def graph_picture(self, departments: dict[str, Box], waits: dict[str, set[str]],
                      bad: set[tuple[str, str]]) -> Markup:
        """The departments' graph as inline SVG."""
        return Markup(layered(departments, waits, bad,
                              "Which departments wait on which (arrows point down to the "
                              "one waited on)"))

    def source_link(self, path: str, line: int) -> str | None:
        """``--source-url`` + path + ``#L<line>``, or None when no URL was given."""
        if not self.source_url:
            return None
        base = self.source_url if self.source_url.endswith("/") else self.source_url + "/"
        clean = path.replace("\\", "/")
        while clean.startswith("./"):
            clean = clean[2:]
        return f"{base}{clean}#L{line}"
