"""For subprocesses of the tests only: the search stand-in where sla_lint.search is missing.

The docs/ci.md recipes run `sla-lint site` in a subprocess; until helper search's package
is merged, this puts tests/site/standin.py in its place (the real one wins when present).
"""

import importlib.util
import os
import sys

if importlib.util.find_spec("sla_lint.search") is None:
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.abspath(__file__))))))
    from tests.site import standin

    sys.modules["sla_lint.search"] = standin
