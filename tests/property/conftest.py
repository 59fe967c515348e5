"""Hypothesis profiles: `ci` (default) is derandomized and database-free, so every CI run tries
the same examples; `fuzz` is the long random run done by hand:

    DESIGNLINT_HYPOTHESIS=fuzz .venv/bin/python -m pytest tests/property -q
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, suppress_health_check=_QUIET
)
settings.register_profile(
    "fuzz", max_examples=20_000, deadline=None, suppress_health_check=_QUIET, print_blob=True
)
settings.load_profile(os.environ.get("DESIGNLINT_HYPOTHESIS", "ci"))


def scale(n: int) -> int:
    """Examples for one test: `n` in CI, 20x in the `fuzz` profile."""
    return n * 20 if os.environ.get("DESIGNLINT_HYPOTHESIS") == "fuzz" else n
