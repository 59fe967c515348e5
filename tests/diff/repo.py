"""A real git repository in a temporary folder, and the designs the diff tests commit to it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import run_cli

# Two caches without eviction (DL601 each); `pages` has a TTL. Selected: DL0 and DL6 only.
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


class Repo:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "test@example.com")
        self.git("config", "user.name", "Test")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.path, capture_output=True, text=True, timeout=60, check=True
        )
        return done.stdout

    def write(self, name: str, text: str) -> Path:
        path = self.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    def commit(self, message: str = "change") -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def diff(self, *args: str):
        return run_cli("diff", *args, cwd=self.path)

    def diff_json(self, *args: str) -> dict:
        result = self.diff("--format", "json", *SELECT, *args)
        assert result.returncode in (0, 1), result.stdout + result.stderr
        return json.loads(result.stdout)


def new_fixed(doc: dict) -> tuple[list, list]:
    """(code, model path) of the new and the fixed findings of every design."""
    new = [
        (f["code"], ".".join(f["model_path"])) for d in doc["designs"] for f in d["findings"]["new"]
    ]
    fixed = [
        (f["code"], ".".join(f["model_path"]))
        for d in doc["designs"]
        for f in d["findings"]["fixed"]
    ]
    return new, fixed
