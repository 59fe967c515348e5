"""Output formats for `check`: one module per format, looked up by name in REPORTERS.

Each module exposes `render(findings, files, options) -> str`. Modules load lazily so that the
default text output never imports XML or SARIF code.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

REPORTERS: dict[str, str] = {
    "text": "designlint.formats.text",
    "json": "designlint.formats.json_",
    "sarif": "designlint.formats.sarif",
    "junit": "designlint.formats.junit",
    "github": "designlint.formats.github",
    "markdown": "designlint.formats.markdown",
}


def get(name: str) -> Callable:
    return importlib.import_module(REPORTERS[name]).render
