"""search.js (run with node) gives the same ranked hits as the Python matcher, on the same index."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import generate
from sla_lint.config import LintConfig
from sla_lint.engine import load_catalogue
from sla_lint.model import Catalogue
from sla_lint.search import build_index, search, shown, site_files
from sla_lint.search.text import stem, words

from .conftest import department_url, service_url

NODE = shutil.which("node")
RUNNER = Path(__file__).resolve().parent / "run_search.js"
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

QUERIES = [
    "laptop", "laptops", "broken chair", "wifi", "resetting password", "lapt", "labtop",
    "chair broken", "mobile phone", "office", "desk", "desks", "wirel", "pasword",
    "tablest", "broken printer", "plumbnig leaks", "banana", "", "the", "I need a new laptop",
    "SIM", "Wi-Fi", "wlan", "net", "network points", "plugs", "cafe", "Café",
    "laptop monitor", "lost laptop", "laptop laptops LAPTOP",
    " ".join(f"word{n}" for n in range(20)) + " laptop", "x" * 5000,
]
WORDS = ["Straße", "Ünïcödé", "\uff46\uff55\uff4c\uff4c", "résumé", "İstanbul",
         "\U0001d49clpha", "½", "naïve-café", "resetting",
         "batteries", "copied", "boxes", "licences", "strings", "\ufb01le", "ΣΊΣΥΦΟΣ"]


def run_js(files: dict[str, str], queries: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        for name, content in files.items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(content, encoding="utf-8")
        (site / "queries.json").write_text(json.dumps(queries), encoding="utf-8")
        done = subprocess.run(
            [str(NODE), str(RUNNER), str(site / "assets/search.js"),
             str(site / "assets/search-index.js"), str(site / "queries.json")],
            capture_output=True, text=True, check=True, timeout=120)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def python_hits(catalogue: Catalogue, queries: list[str]) -> list[list[dict[str, Any]]]:
    index = build_index(catalogue, service_url, department_url)
    return [[dataclasses.asdict(shown(index, h)) for h in search(index, q)] for q in queries]


def test_js_and_python_rank_the_same_hits(catalogue: Catalogue) -> None:
    files = site_files(catalogue, service_url, department_url)
    queries = QUERIES + WORDS
    js = run_js(files, queries)
    for query, ours, theirs in zip(queries, python_hits(catalogue, queries), js["hits"],
                                   strict=True):
        assert theirs == ours, query
    assert js["hits"][QUERIES.index("labtop")][0]["ref"] == "it/laptops"


def test_js_and_python_split_and_stem_alike(catalogue: Catalogue) -> None:
    js = run_js(site_files(catalogue, service_url, department_url), WORDS + QUERIES)
    for text, split, stems in zip(WORDS + QUERIES, js["words"], js["stems"], strict=True):
        assert tuple(split) == words(text), text
        assert stems == [stem(w) for w in words(text)], text


@pytest.fixture(scope="module")
def generated() -> Iterator[Catalogue]:
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), 300)
        yield load_catalogue([tmp], LintConfig()).catalogue


def test_js_and_python_agree_on_a_generated_repo(generated: Catalogue) -> None:
    index = build_index(generated, service_url, department_url)
    vocabulary = list(index.words)
    queries = vocabulary[::7] + [w[:4] for w in vocabulary[::11]]
    queries += [w[:2] + w[3:] for w in vocabulary[::13] if len(w) > 4]  # one letter dropped
    queries += [f"{a} {b}" for a, b in zip(vocabulary[::17], vocabulary[5::17], strict=False)]
    js = run_js(site_files(generated, service_url, department_url), queries)
    assert js["hits"] == python_hits(generated, queries)
