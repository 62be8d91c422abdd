"""The search as files of the website: the browser's matcher and the index it reads."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

from sla_lint.model import Catalogue, Department, Service
from sla_lint.search.index import build_index

SCRIPT = "assets/search.js"
INDEX_SCRIPT = "assets/search-index.js"
INDEX_GLOBAL = "SLA_LINT_SEARCH_INDEX"


def search_script() -> str:
    """``search.js``: the matcher and the search box's behaviour, shipped with sla-lint."""
    return files("sla_lint.search").joinpath("search.js").read_text(encoding="utf-8")


def index_script(catalogue: Catalogue, url_of_service: Callable[[Service], str],
                 url_of_department: Callable[[Department], str]) -> str:
    """The index as a script that sets a global: a page opened from disk can load it."""
    index = build_index(catalogue, url_of_service, url_of_department)
    return f"window.{INDEX_GLOBAL} = {index.to_json()};\n"


def site_files(catalogue: Catalogue, url_of_service: Callable[[Service], str],
               url_of_department: Callable[[Department], str]) -> dict[str, str]:
    """{path under the site root: content} of the search's files.

    Pages with a search box load both with ``defer``, the index first, and give
    ``search.js`` a ``data-root`` attribute: the relative path from the page to the
    site root, put before every link it writes.
    """
    return {SCRIPT: search_script(),
            INDEX_SCRIPT: index_script(catalogue, url_of_service, url_of_department)}
