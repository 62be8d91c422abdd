"""The loader: find files, read them safely, and keep every node's position."""

from __future__ import annotations

from sla_lint.loader.discover import Discovery, Focused, SourceFile, discover, focus
from sla_lint.loader.yamlsource import (
    DEFAULT_MAX_BYTES,
    Document,
    LoadedFile,
    load_bytes,
    load_file,
)

__all__ = [
    "DEFAULT_MAX_BYTES", "Discovery", "Document", "Focused", "LoadedFile", "SourceFile",
    "discover", "focus", "load_bytes", "load_file",
]
