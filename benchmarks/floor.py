"""The floor the benchmark compares against: find the YAML files and compose them, nothing else.

``python -m benchmarks.floor DIR`` walks ``DIR`` like sla-lint does (sorted, ``*.yaml`` and
``*.yml``), reads every file and composes every document into nodes with PyYAML's C loader
(libyaml). No data is built, nothing is validated: no linter can read the files faster
with PyYAML.
"""

from __future__ import annotations

import os
import sys

import yaml


def compose_tree(root: str) -> int:
    """Compose every YAML document under ``root``; return how many there were."""
    documents = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith((".yaml", ".yml")):
                with open(os.path.join(dirpath, name), "rb") as handle:
                    text = handle.read().decode("utf-8-sig")
                documents += sum(1 for _ in yaml.compose_all(text, Loader=yaml.CSafeLoader))
    return documents


if __name__ == "__main__":
    print(compose_tree(sys.argv[1]))
