"""The search's files for the website, and search.js at work in a real browser."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from sla_lint.model import Catalogue
from sla_lint.search import site_files

from .conftest import department_url, service_url

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Search</title>
<script src="{root}assets/search-index.js" defer></script>
<script src="{root}assets/search.js" defer data-root="{root}"></script>
</head><body>
<form role="search" id="search" action="{root}search.html"><label for="search-input">What do
you need?</label><input id="search-input" name="q" type="search" autocomplete="off"></form>
<div id="search-results" aria-live="polite"></div>
</body></html>
"""

TYPING = """<script>
window.addEventListener("load", function () {
  var box = document.getElementById("search-input"), text = "TYPED", n = 0;
  box.focus();
  (function next() {  // a letter every 40 ms: the answer waits for a pause
    box.value = text.slice(0, ++n);
    box.dispatchEvent(new Event("input"));
    if (n < text.length) { setTimeout(next, 40); }
  })();
});
</script>
"""


def test_site_files_are_the_script_and_the_index(catalogue: Catalogue) -> None:
    files = site_files(catalogue, service_url, department_url)
    assert set(files) == {"assets/search.js", "assets/search-index.js"}
    index = files["assets/search-index.js"]
    assert index.startswith("window.SLA_LINT_SEARCH_INDEX = {") and index.endswith("};\n")
    assert '"services/it/network.html"' in index and '"departments/it.html"' in index
    assert "SlaLintSearch" in files["assets/search.js"]
    assert site_files(catalogue, service_url, department_url) == files  # same bytes each time


def rendered(catalogue: Catalogue, page: str, query: str, eager: bool = True,
             typed: str = "") -> str:
    """The results box after ``search.js`` ran on ``page?q=query``, opened from disk.

    ``eager=False``: the page has no index script tag; search.js loads it when needed.
    ``typed``: a script of the page types this into the box, as a person would.
    """
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        for name, content in site_files(catalogue, service_url, department_url).items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(content, encoding="utf-8")
        root = "../" * page.count("/")
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        markup = PAGE.format(root=root)
        if not eager:
            markup = markup.replace(f'<script src="{root}assets/search-index.js" defer></script>',
                                    "")
        if typed:
            markup = markup.replace("</body>", TYPING.replace("TYPED", typed) + "</body>")
        (site / page).write_text(markup, encoding="utf-8")
        done = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={site / 'profile'}",
             "--virtual-time-budget=5000", "--dump-dom",
             f"{(site / page).as_uri()}?q={query}"],
            capture_output=True, text=True, timeout=120, check=True)
    found = re.search(r'<div id="search-results"[^>]*>(.*?)</div>', done.stdout, re.S)
    assert found, done.stdout
    return html.unescape(found.group(1))


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_search_js_in_a_browser_from_disk(catalogue: Catalogue) -> None:
    box = rendered(catalogue, "search.html", "labtop")
    assert '<a href="services/it/laptops.html">Laptops and desk equipment</a>' in box
    assert ('\u2013 <a href="departments/it.html">IT Service Desk</a><span>, handles “laptops”'
            " (close match)</span>") in box
    deeper = rendered(catalogue, "services/it/network.html", "mobile%20phones")
    assert '<a href="../../services/telecoms/mobile-devices.html">' in deeper
    assert "“mobile phones” is not handled by Laptops and desk equipment" in deeper
    assert ('go to <a href="../../services/telecoms/mobile-devices.html">Mobile phones and'
            " tablets</a>") in deeper
    nothing = rendered(catalogue, "search.html", "banana")
    assert "Nothing found for “banana”" in nothing and "<li" not in nothing


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_search_js_loads_the_index_itself_when_the_page_does_not(catalogue: Catalogue) -> None:
    box = rendered(catalogue, "departments/it.html", "wifi", eager=False)
    assert '<a href="../services/it/network.html">Office network</a>' in box
    assert "also known as “wifi”" in box


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_search_js_answers_while_typing(catalogue: Catalogue) -> None:
    box = rendered(catalogue, "index.html", "", typed="resetting passw")
    assert '<a href="services/it/accounts.html">Accounts and access</a>' in box
    assert box.count("<li") == 1 and "(close match)" in box
