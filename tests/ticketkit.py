"""A small policy repo and ticket exports for the attainment tests."""

from __future__ import annotations

from pathlib import Path

from sla_lint.config import LintConfig
from sla_lint.engine import load_catalogue
from sla_lint.model import Catalogue

HEADER = "id,service,priority,created,first_response,resolved"

POLICY = """\
apiVersion: sla-lint/v1
kind: Policy
metadata: {name: acme}
spec:
  priorities: [P1, P2, P3]
  default_calendar: office
  min_attainment: 90%
"""

CALENDAR = """\
apiVersion: sla-lint/v1
kind: Calendar
metadata: {name: office}
spec:
  timezone: Europe/London
  hours:
    mon: ["09:00-17:00"]
    tue: ["09:00-17:00"]
    wed: ["09:00-17:00"]
    thu: ["09:00-17:00"]
    fri: ["09:00-17:00"]
  holidays: [2027-04-02]
"""

DEPARTMENT = """\
apiVersion: sla-lint/v1
kind: Department
metadata: {name: desk, owner: "@acme/desk"}
spec:
  lead: "Ann Lee <ann@acme.example>"
  contacts: [{channel: chat, address: "#desk"}]
  services:
    - name: repairs
      title: Repairs and fixes
      customers: ["*"]
      scope: {includes: [repairs]}
      targets:
        P1: {response: 30m, resolution: 4h}
        P2: {response: 2bh, resolution: 2bd}
        P3: {resolution: 5bd}
"""


def write_repo(root: Path) -> Path:
    """Write the repo under ``root`` and return its folder."""
    repo = root / "repo"
    repo.mkdir()
    (repo / "policy.yaml").write_text(POLICY)
    (repo / "office.yaml").write_text(CALENDAR)
    (repo / "desk.yaml").write_text(DEPARTMENT)
    return repo


def catalogue(root: Path) -> Catalogue:
    """The repo's catalogue."""
    return load_catalogue([str(write_repo(root))], LintConfig()).catalogue


def export(root: Path, *rows: str, name: str = "tickets.csv", header: str = HEADER) -> str:
    """Write an export (header + rows, LF line ends) and return its path."""
    path = root / name
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return str(path)
