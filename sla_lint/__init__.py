"""sla-lint: lint internal service-level promises written as YAML."""

from __future__ import annotations

__version__ = "0.1.0"
