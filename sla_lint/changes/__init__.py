"""Review-time safety: the catalogue as it was at a base revision, read straight from git."""

from __future__ import annotations

from sla_lint.changes.gitbase import BaseUnavailable, base_files

__all__ = ["BaseUnavailable", "base_files"]
