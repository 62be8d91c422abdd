"""SVG and PNG pictures, drawn by Graphviz's ``dot`` program when it is installed."""

from __future__ import annotations

import shutil
import subprocess

IMAGE_FORMATS = ("svg", "png")
TIMEOUT_SECONDS = 300
INSTALL_HINT = ("install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install"
                " graphviz; Windows: winget install graphviz), or write --format dot and render"
                " it elsewhere")


class RenderError(Exception):
    """The picture could not be drawn; the message says why and what to do."""


def rasterize(dot_source: str, fmt: str, program: str = "dot") -> bytes:
    """Run Graphviz on ``dot_source`` (no shell) and return the ``svg`` or ``png`` bytes."""
    if fmt not in IMAGE_FORMATS:
        raise RenderError(f"unknown picture format {fmt!r}; use one of {', '.join(IMAGE_FORMATS)}")
    executable = shutil.which(program)
    if executable is None:
        raise RenderError(f"--format {fmt} needs the Graphviz program {program!r}, which is not"
                          f" installed: {INSTALL_HINT}")
    try:
        done = subprocess.run([executable, f"-T{fmt}"], input=dot_source.encode("utf-8"),
                              capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RenderError(f"Graphviz {program!r} could not draw the graph: {exc}") from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}"
        raise RenderError(f"Graphviz {program!r} could not draw the graph: {detail}")
    return done.stdout
