"""A small catalogue with synonyms, redirects and look-alike words, indexed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from sla_lint.config import LintConfig
from sla_lint.engine import load_catalogue
from sla_lint.model import Catalogue, Department, Service
from sla_lint.search import Index, build_index

CATALOGUE = Path(__file__).resolve().parent / "catalogue"


def service_url(service: Service) -> str:
    return f"services/{service.department}/{service.name.value}.html"


def department_url(department: Department) -> str:
    return f"departments/{department.name.value}.html"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue([str(CATALOGUE)], LintConfig()).catalogue


@pytest.fixture(scope="session")
def index(catalogue: Catalogue) -> Index:
    return build_index(catalogue, service_url, department_url)
