"""Where each page of the published site lives, and links between pages.

Every href a page writes is relative (``../../departments/it.html``), so the site works
opened from disk (file://) and published under any folder of any web server.
"""

from __future__ import annotations

from sla_lint.model import Department, Service

HOME = "index.html"
SEARCH = "search.html"
PRIORITIES = "priorities.html"
GRAPH = "graph.html"
HEALTH = "health.html"
ATTAINMENT = "attainment.html"
CSS = "assets/site.css"
ATTAINMENT_CSS = "assets/attainment.css"


def department_url(dept: Department | str) -> str:
    """``departments/<name>.html`` (names are lower-case letters, digits and dashes)."""
    name = dept if isinstance(dept, str) else dept.name.value
    return f"departments/{name}.html"


def service_url(service: Service | str) -> str:
    """``services/<department>/<service>.html``, from a service or a ``dept/service`` ref."""
    ref = service if isinstance(service, str) else service.ref
    return f"services/{ref}.html"


def numbered(page: str, number: int) -> str:
    """The ``number``-th page of a long list: ``health.html``, ``health-2.html``..."""
    if number <= 1:
        return page
    stem, _, suffix = page.rpartition(".")
    return f"{stem}-{number}.{suffix}"


def root_of(url: str) -> str:
    """The relative path from a page back to the site root: ``""``, ``"../"``..."""
    return "../" * url.count("/")


def has_search(url: str) -> bool:
    """Pages with the search box: the home page (each of its pages) and the search page."""
    return url == SEARCH or (url.startswith("index") and "/" not in url)
