"""Entry point for ``python -m sla_lint``."""

from __future__ import annotations

from sla_lint.cli import main

if __name__ == "__main__":
    main()
