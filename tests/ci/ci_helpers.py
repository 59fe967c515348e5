"""Designs and helpers shared by the CI-integration tests (formats, config, suppressions)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CLEAN = (ROOT / "examples" / "twitter.yaml").read_text()

# Two caches without eviction (DL601) and an unknown service (DL003); select DL0,DL6 for stability.
CACHES = """\
designlint: 1
name: Shortener
services:
  link-service: {}
caches:
  links: {owner: link-service}
  users: {owner: link-service}
  pages: {owner: link-service, ttl: 1d}
"""
SELECT = ("--select", "DL0,DL6")


def designlint(*args: str, cwd: Path | None = None, env: dict | None = None):
    """The installed console script, as CI and pre-commit run it."""
    import os

    exe = BIN / "designlint"
    cmd = [str(exe), *args] if exe.exists() else [sys.executable, "-m", "designlint", *args]
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=300)


def findings(*args: str, cwd: Path | None = None) -> list[dict]:
    result = designlint("check", "--format", "json", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return json.loads(result.stdout)["findings"]


def codes_lines(items: list[dict]) -> list[tuple[str, int]]:
    return [(f["code"], f["line"]) for f in items]
