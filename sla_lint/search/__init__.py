"""Search that answers how people ask: word forms, any order, partial words, slips, synonyms.

Pure and fed by the model: :func:`build_index` reads the catalogue, :func:`search`
answers a question from the index, :func:`site_files` gives the website its search
(``search.js`` matches exactly as :func:`search` does). No printing, no click.
"""

from __future__ import annotations

from sla_lint.search.index import Index, IndexedService, build_index
from sla_lint.search.match import Hit, Shown, search, shown
from sla_lint.search.site import site_files

__all__ = ["Hit", "Index", "IndexedService", "Shown", "build_index", "search", "shown",
           "site_files"]
