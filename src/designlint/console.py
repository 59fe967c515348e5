"""The `designlint` command's entry point: the cyclic GC goes off before anything is imported.

`designlint.cli.main` turns the GC off for every run (a check is one short-lived process whose
objects live to its end, docs/loading.md), but only once `designlint.cli`, click and the command
table are imported. Starting from here, the installed command runs exactly what an interpreter
with `gc.disable()` on its first line runs, which is the what-if that `make bench` compares it
with. `DESIGNLINT_GC=1` keeps the GC on, as it does in `cli.main`. Code that calls `cli.main`
with arguments (tests, plug-in hosts) imports `designlint.cli` and keeps its own GC setting
until `main` runs.
"""

from __future__ import annotations

import gc
import os

if not os.environ.get("DESIGNLINT_GC"):
    gc.disable()

from designlint.cli import main  # noqa: E402 - imported with the GC already off

__all__ = ["main"]
