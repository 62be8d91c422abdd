"""Shared fixtures for the site tests: the example repo's site, built once."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from sla_lint.config import LintConfig
from sla_lint.engine import LintResult, lint
from sla_lint.site import SearchFiles, SiteOptions, build_site
from tests.site import standin

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SOURCE_URL = "https://github.com/acme/policy/blob/main/"


def real_search() -> ModuleType | None:
    """The search package when it is installed (after the merge), else None."""
    try:
        return importlib.import_module("sla_lint.search")
    except ImportError:
        return None


def search_files() -> SearchFiles:
    """The real search's files when present, else the stand-in's."""
    module = real_search()
    return module.site_files if module is not None else standin.site_files  # type: ignore


@pytest.fixture
def with_search(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make ``sla_lint.search`` importable for the command line (the stand-in if needed)."""
    if real_search() is None:
        monkeypatch.setitem(__import__("sys").modules, "sla_lint.search", standin)
    yield


def example_result() -> LintResult:
    return lint([str(EXAMPLES)], LintConfig())


@pytest.fixture(scope="session")
def example_site() -> dict[str, bytes]:
    return build_site(example_result(), SiteOptions(SOURCE_URL), search_files())


@pytest.fixture(scope="session")
def broken_site() -> dict[str, bytes]:
    result = lint([str(ROOT / "examples-broken")], LintConfig())
    return build_site(result, SiteOptions(SOURCE_URL), search_files())


def write(files: dict[str, bytes], folder: Path) -> Path:
    for path, data in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder
