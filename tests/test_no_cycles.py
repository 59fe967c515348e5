"""`check` runs with the cyclic GC off (cli.py), so what one file builds is freed only by
reference counting: a reference cycle would keep the file's source map, design and graph in
memory until the process ends, and memory would grow with every file of a run."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from designlint import config
from designlint.linter import lint_bytes

ROOT = Path(__file__).resolve().parent.parent
DESIGNS = [
    ROOT / "examples" / "twitter.yaml",
    ROOT / "examples" / "common-mistakes.yaml",
    ROOT / "tests" / "rules" / "services" / "DL405.yaml",
]


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.name)
def test_linting_a_file_leaves_no_reference_cycle(path: Path) -> None:
    raw = path.read_bytes()
    settings = config.Settings()
    enabled = gc.isenabled()
    gc.disable()
    try:
        lint_bytes(raw, str(path), settings)  # first run: imports, registries, caches
        gc.collect()
        findings = lint_bytes(raw, str(path), settings)
        left = gc.collect()
    finally:
        if enabled:
            gc.enable()
    assert findings or path.name == "twitter.yaml"  # the rules really ran on the design
    assert left == 0, f"{left} objects of {path.name} were held only by reference cycles"
