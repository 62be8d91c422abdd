"""The published catalogue: a static website of departments, services and their promises.

``build_site`` turns a lint result into {relative path: bytes}; ``write_site`` writes
them. Plain files that work opened from disk and on any web server: no server, no build
tool, nothing fetched at view time, and the same repo always gives the same bytes.
The search box is filled by :mod:`sla_lint.search` (its ``site_files``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from sla_lint.engine import LintResult
    from sla_lint.model import Catalogue, Department, Service
    from sla_lint.tickets import AttainmentReport

SearchFiles = Callable[
    ["Catalogue", Callable[["Service"], str], Callable[["Department"], str]], dict[str, str]]


class SiteError(Exception):
    """The site cannot be built or written as asked; the message says why."""


class SiteOptions(NamedTuple):
    """How to publish: where findings link to, the site's name, and attainment if any.

    ``attainment`` (a report computed with ``by="month"``) adds how well each promise was
    kept to the service pages, and the company-wide page ``attainment.html``.
    """

    source_url: str | None = None
    title: str | None = None
    attainment: AttainmentReport | None = None


def search_files() -> SearchFiles:
    """The search package's ``site_files`` (the browser index and its script)."""
    import importlib

    try:  # by name: the search package is built beside this one
        module = importlib.import_module("sla_lint.search")
    except ImportError as exc:
        raise SiteError(f"the search package is not installed ({exc})") from None
    files: SearchFiles = module.site_files
    return files


def build_site(result: LintResult, options: SiteOptions | None = None,
               search: SearchFiles | None = None) -> dict[str, bytes]:
    """Every file of the site, by path relative to its root (``/`` separated)."""
    from sla_lint.site.pages import all_pages

    return all_pages(result, options or SiteOptions(), search or search_files())


def write_site(result: LintResult, output: str, options: SiteOptions | None = None,
               search: SearchFiles | None = None) -> int:
    """Write the site into the folder ``output``; return how many files were written."""
    from sla_lint.site.pages import iter_pages

    made: set[str] = set()
    count = 0
    try:
        for path, data in iter_pages(result, options or SiteOptions(), search or search_files()):
            target = os.path.join(output, *path.split("/"))
            folder = os.path.dirname(target)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            with open(target, "wb") as handle:
                handle.write(data)
            count += 1
    except OSError as exc:
        raise SiteError(f"cannot write into {output}: {exc.strerror or exc}") from None
    return count


__all__ = ["SiteError", "SiteOptions", "build_site", "write_site"]
