"""Shared helpers: run the real CLI in-process or as a subprocess, lint snippets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
BIN = Path(sys.executable).parent


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None):
    """The installed `designlint` script as a user runs it: exit code, stdout, stderr."""
    exe = BIN / "designlint"
    cmd = [str(exe), *args] if exe.exists() else [sys.executable, "-m", "designlint", *args]
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        cmd, cwd=cwd, env=full_env, capture_output=True, text=True, input=input, timeout=300
    )


@pytest.fixture
def lint():
    """Lint YAML text in process with the given selection; returns findings."""
    from designlint import config
    from designlint.linter import lint_text

    def _lint(text: str, select: tuple[str, ...] = ("DL",), **kw):
        settings = config.Settings(select=select, **kw)
        return lint_text(text, "design.yaml", settings)

    return _lint


def pytest_terminal_summary(terminalreporter) -> None:
    """The corpus figures (recall, false positives per 100 findings), when the corpus ran."""
    corpus = sys.modules.get("test_corpus")
    lines = getattr(corpus, "FIGURES", None)
    if lines:
        terminalreporter.write_sep("-", "designlint corpus precision (docs/precision.md)")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def _registry_extras():
    """Custom and plug-in rules registered by one test must not leak into the next."""
    from designlint.registry import extra_rules

    saved = dict(extra_rules())
    yield
    extra_rules().clear()
    extra_rules().update(saved)


def catalogue_row(listing: str, code: str) -> str:
    """One rule's row of `designlint rules`, its wrapped continuation lines joined."""
    lines = listing.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(code))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), None)
    return " ".join(part.strip() for part in lines[start:end])
