"""From files to catalogue parts, one file at a time.

A file's *digest* is all the engine keeps of it: the loader's and the schema's
diagnostics, the model of each valid document, the names of the invalid ones, and its
text (for suppressions). Its YAML nodes are not needed past that point; they are kept
until the process ends (:func:`sla_lint.runtime.keep_until_exit`), because freeing them
one by one costs more than all the rules on a large repo.

(Digesting files on two cores, in a forked copy, was measured and dropped: pickling the
models back cost as much as the copy saved, and nothing when the other core is busy.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sla_lint import profile, runtime
from sla_lint.diagnostics import Diagnostic
from sla_lint.loader import Document, LoadedFile, SourceFile, load_file
from sla_lint.model.build import Part, build_part
from sla_lint.schema import validate


@dataclass(frozen=True)
class Digest:
    """What the engine keeps of one file."""

    display: str
    text: str
    diagnostics: tuple[Diagnostic, ...]
    parts: tuple[Part, ...]
    unbuilt: tuple[tuple[str, str], ...]
    documents: int
    incomplete: bool


def digest(lf: LoadedFile) -> Digest:
    """Validate a loaded file's documents and build the models of the valid ones."""
    diags = list(lf.diagnostics)
    parts: list[Part] = []
    unbuilt: list[tuple[str, str]] = []
    for doc in lf.documents:
        with profile.stage("schema"):
            found = validate(doc)
        diags.extend(found)
        if found:
            unbuilt.extend(identity(doc))
        else:
            with profile.stage("model"):
                parts.append(build_part(doc))
    runtime.keep_until_exit(lf)  # freeing every YAML node costs seconds on a large repo
    return Digest(lf.source.display, lf.text, tuple(diags), tuple(parts), tuple(unbuilt),
                  len(lf.documents), lf.incomplete)


def identity(doc: Document) -> Iterable[tuple[str, str]]:
    """(kind, name) of a document, when it names both, even if it is otherwise invalid."""
    meta = doc.data.get("metadata")
    name = meta.get("name") if isinstance(meta, dict) else None
    if isinstance(name, str) and isinstance(doc.data.get("kind"), str):
        yield doc.data["kind"], name


def digest_files(files: Sequence[SourceFile], max_bytes: int) -> list[Digest]:
    """The digest of every file, in order."""
    found = []
    for source in files:
        with profile.stage("load"):
            loaded = load_file(source, max_bytes)
        found.append(digest(loaded))
    return found
