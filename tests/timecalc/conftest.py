"""Hypothesis profiles: ``SLA_HYPOTHESIS=fast`` skips shrinking (for mutation runs)."""

from __future__ import annotations

import os

from hypothesis import Phase, settings

settings.register_profile(
    "fast", database=None, phases=[Phase.explicit, Phase.reuse, Phase.generate]
)
if os.environ.get("SLA_HYPOTHESIS") == "fast":
    settings.load_profile("fast")
