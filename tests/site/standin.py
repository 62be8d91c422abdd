"""A tiny stand-in for ``sla_lint.search.site_files`` (the real one is helper search's).

It keeps the agreed interface: the index as a script assigning a global (works from
file://) and a script that lists matching services as links inside #search-results.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sla_lint.model import Catalogue, Department, Service

SEARCH_JS = """\
(function () {
  var me = document.currentScript, root = me.getAttribute('data-root') || '';
  function show(q) {
    var out = document.getElementById('search-results'); if (!out) return;
    q = q.trim().toLowerCase(); out.textContent = ''; if (!q) return;
    var ul = document.createElement('ul');
    (window.STANDIN_INDEX || []).forEach(function (s) {
      if (s.words.indexOf(q) < 0) return;
      var li = document.createElement('li'), a = document.createElement('a');
      a.href = root + s.url; a.textContent = s.title; li.appendChild(a); ul.appendChild(li);
    });
    out.appendChild(ul);
  }
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.getElementById('search-input'); if (!box) return;
    box.addEventListener('input', function () { show(box.value); });
    var q = new URLSearchParams(location.search).get('q'); if (q) { box.value = q; show(q); }
  });
})();
"""


def site_files(catalogue: Catalogue, url_of_service: Callable[[Service], str],
               url_of_department: Callable[[Department], str]) -> dict[str, str]:
    entries = [{"title": s.title, "url": url_of_service(s),
                "words": " ".join([s.title, *(i.value for i in s.includes)]).lower()}
               for s in catalogue.service_index.values()]
    index = "window.STANDIN_INDEX = " + json.dumps(entries, sort_keys=True) + ";\n"
    return {"assets/search.js": SEARCH_JS, "assets/search-index.js": index}
